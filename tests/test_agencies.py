"""Agency splitting and canonical names, on small strings and on the real plan."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.domain.agencies import (
    LEVELS,
    UnknownAgencyError,
    aliases_of,
    build_index,
    canonical,
    canonical_list,
    load_agencies,
    raw_segments,
    split_agencies,
)
from lib.domain.paths import SHARED_DIR

PLAN = SHARED_DIR / "plan" / "dak-lak-2020-papi-task-plan.txt"


@pytest.fixture(scope="module")
def agencies() -> pd.DataFrame:
    return load_agencies()


def test_comma_between_two_bodies_splits() -> None:
    cell = "Văn phòng UBND tỉnh, Cổng thông tin điện tử tỉnh"
    assert split_agencies(cell) == ["Văn phòng UBND tỉnh", "Cổng thông tin điện tử tỉnh"]


def test_comma_inside_one_official_name_does_not_split() -> None:
    assert split_agencies("Sở Lao động, Thương binh và Xã hội") == ["Sở Lao động, Thương binh và Xã hội"]
    assert split_agencies("Các sở, ngành") == ["Các sở, ngành"]


def test_long_comma_list_mixing_both_kinds_of_comma() -> None:
    cell = "Văn phòng UBND tỉnh, Cổng thông tin điện tử tỉnh, các Sở, ngành, UBND cấp huyện, UBND cấp xã"
    assert canonical_list(cell) == [
        "Văn phòng UBND tỉnh",
        "Cổng thông tin điện tử tỉnh",
        "Các sở, ngành",
        "UBND cấp huyện",
        "UBND cấp xã",
    ]


def test_dash_list_with_html_and_stray_periods() -> None:
    cell = '<ul style="list-style-type: none"> - UBND cấp huyện. - UBND cấp xã'
    assert split_agencies(cell) == ["UBND cấp huyện", "UBND cấp xã"]
    # The raw spellings keep the stray period: that is what aliases record.
    assert raw_segments(cell) == ["UBND cấp huyện.", "UBND cấp xã"]


def test_paragraph_list_and_semicolon_list() -> None:
    assert split_agencies("<p>- UBND cấp huyện</p> <p>- UBND cấp xã</p>") == ["UBND cấp huyện", "UBND cấp xã"]
    assert canonical_list("Sở Nội vụ; Thanh tra tỉnh; các cơ quan đơn vị có thẩm quyền tuyển dụng") == [
        "Sở Nội vụ",
        "Thanh tra tỉnh",
        "Các cơ quan, đơn vị có thẩm quyền tuyển dụng",
    ]


def test_two_names_without_any_separator() -> None:
    assert split_agencies("HĐND cấp huyện HĐND cấp xã") == ["HĐND cấp huyện", "HĐND cấp xã"]


def test_empty_cell_has_no_agency() -> None:
    assert split_agencies("") == []
    assert canonical_list("  ") == []


def test_canonical_merges_spelling_variants() -> None:
    assert canonical("Đài Phát thanh và truyền hình tỉnh") == "Đài Phát thanh và Truyền hình tỉnh"
    assert canonical("các Sở, ngành") == "Các sở, ngành"
    assert canonical("Các cơ sở khám chữa, bệnh") == "Các cơ sở khám, chữa bệnh"
    assert canonical("các cơ sở Khám, chữa bệnh") == "Các cơ sở khám, chữa bệnh"
    assert canonical("UBND cấp huyện.") == "UBND cấp huyện"


def test_unknown_name_is_refused() -> None:
    with pytest.raises(UnknownAgencyError, match="Bộ Ngoại giao"):
        canonical("Bộ Ngoại giao")
    # An unknown body inside a list is refused too, not silently dropped.
    with pytest.raises(UnknownAgencyError, match="Hội Người mù tỉnh"):
        split_agencies("- UBND cấp huyện - Hội Người mù tỉnh")


def test_small_custom_table_drives_splitting() -> None:
    table = pd.DataFrame(
        {"canonical_name": ["Sở A, B và C", "Sở D"], "aliases": ["", "sở d"], "level": ["province", "province"]}
    )
    # With this table the comma inside "A, B và C" is part of a name.
    assert canonical_list("Sở A, B và C, sở d.", table) == ["Sở A, B và C", "Sở D"]


def test_duplicate_spelling_across_agencies_is_rejected() -> None:
    table = pd.DataFrame({"canonical_name": ["Sở A", "Sở B"], "aliases": ["", "so a"], "level": ["province"] * 2})
    with pytest.raises(ValueError, match="maps to both"):
        build_index(table)


# The 28 bodies the Đắk Lắk 2020 plan names: the table may grow, these names never change.
SEED_AGENCIES = {
    "UBND tỉnh", "Văn phòng UBND tỉnh", "Cổng thông tin điện tử tỉnh", "Các sở, ngành", "Sở Công Thương",
    "Sở Giáo dục và Đào tạo", "Sở Giao thông vận tải", "Sở Lao động, Thương binh và Xã hội", "Sở Nội vụ",
    "Sở Tài chính", "Sở Tài nguyên và Môi trường", "Sở Thông tin và Truyền thông", "Sở Tư pháp", "Sở Xây dựng",
    "Sở Y tế", "Thanh tra tỉnh", "Công an tỉnh", "BHXH tỉnh", "Đài Phát thanh và Truyền hình tỉnh", "Báo Đắk Lắk",
    "HĐND các cấp", "HĐND cấp huyện", "UBND cấp huyện", "HĐND cấp xã", "UBND cấp xã", "Điện lực tỉnh",
    "Các cơ sở khám, chữa bệnh", "Các cơ quan, đơn vị có thẩm quyền tuyển dụng",
}


def test_agency_file_shape(agencies: pd.DataFrame) -> None:
    assert len(SEED_AGENCIES) == 28
    assert set(agencies["canonical_name"]) >= SEED_AGENCIES
    assert agencies["canonical_name"].is_unique
    assert set(agencies["level"]) <= LEVELS
    levels = dict(zip(agencies["canonical_name"], agencies["level"], strict=True))
    assert levels["UBND cấp huyện"] == "district"
    assert levels["UBND cấp xã"] == "commune"
    assert levels["Sở Tài chính"] == "province"
    # Names are trimmed, without trailing periods, and never contain the ";" list separator.
    for name in agencies["canonical_name"]:
        assert name == name.strip().rstrip(".")
        assert ";" not in name


def test_every_spelling_in_the_plan_is_a_recorded_alias(agencies: pd.DataFrame) -> None:
    """The alias column documents every raw spelling the plan uses (beside abbreviations other plans use)."""
    recorded = {alias for _, row in agencies.iterrows() for alias in aliases_of(row)}
    seen: set[str] = set()
    for line in PLAN.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) == 4 and cells[0] == "":
            for cell in cells[2:]:
                seen.update(raw_segments(cell))
    assert seen <= recorded
