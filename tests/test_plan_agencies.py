"""Agency cells of any plan: split by the alias data, resolved with abbreviations, unknown names proposed."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.domain.agencies import LEVELS, AcceptedName, load_agencies, with_accepted
from lib.domain.paths import AGENCIES_CSV, SHARED_DIR, TASKS_CSV
from lib.ingest.plan_agencies import (
    AgencyName,
    describe_agency,
    level_in_force,
    read_agencies,
    resolve_agencies,
    split_agencies,
)

PLAN = SHARED_DIR / "plan" / "dak-lak-2020-papi-task-plan.txt"


def _names(cell: str) -> list[str]:
    return [a.name for a in read_agencies(cell)]


def _first_mentions(names: list[str]) -> list[str]:
    out: list[str] = []
    for name in names:
        if name not in out:
            out.append(name)
    return out


# --- the seed plan ----------------------------------------------------------------------------------------------


def test_the_seed_plan_resolves_to_the_canonical_names_of_its_tasks_file() -> None:
    """Each task row of the Đắk Lắk 2020 appendix gives the leads and implementers data/tasks.csv records."""
    tasks = pd.read_csv(TASKS_CSV, dtype=str, keep_default_na=False)
    lines = PLAN.read_text(encoding="utf-8").splitlines()
    assert len(tasks) == 85
    flagged: list[tuple[int, str]] = []
    for row in tasks.itertuples(index=False):
        cells = lines[int(row.source_line) - 1].split("\t")
        for cell, column in ((cells[2], "lead_agency"), (cells[3], "implementing_agencies")):
            agencies = read_agencies(cell)
            expected = [n for n in getattr(row, column).split(";") if n]
            assert _first_mentions([a.name for a in agencies]) == expected, (row.task_id, column, cell)
            flagged += [(int(row.source_line), a.written) for a in agencies if a.status != "known"]
    # The one cell naming two councils with no separator ("HĐND cấp huyện HĐND cấp xã", line 37) is flagged.
    assert flagged == [(37, "HĐND cấp huyện"), (37, "HĐND cấp xã")]


def test_every_canonical_name_of_the_seed_resolves_to_itself_at_its_level() -> None:
    tasks = pd.read_csv(TASKS_CSV, dtype=str, keep_default_na=False)
    used = sorted({n for c in ("lead_agency", "implementing_agencies") for cell in tasks[c] for n in cell.split(";")
                   if n})
    assert len(used) == 28
    resolved = resolve_agencies(used)
    assert [(a.canonical, a.status) for a in resolved] == [(n, "known") for n in used]
    levels = {a.canonical: a.level for a in resolved}
    assert levels["UBND cấp huyện"] == "district"
    assert levels["HĐND cấp xã"] == "commune"
    assert levels["Sở Tài chính"] == "province"
    assert levels["HĐND các cấp"] == "other"


# --- splitting --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("Sở Tư pháp; UBND cấp xã", ["Sở Tư pháp", "UBND cấp xã"]),
        ("Sở Tư pháp\nUBND cấp xã", ["Sở Tư pháp", "UBND cấp xã"]),
        ("- Sở Nội vụ\n- Sở Tài chính", ["Sở Nội vụ", "Sở Tài chính"]),
        ("- Sở Nội vụ - Sở Tài chính - UBND cấp huyện", ["Sở Nội vụ", "Sở Tài chính", "UBND cấp huyện"]),
        ("• Sở Y tế\n• BHXH tỉnh", ["Sở Y tế", "BHXH tỉnh"]),
        ("1. Sở Nội vụ\n2. Sở Tư pháp\na) UBND cấp xã", ["Sở Nội vụ", "Sở Tư pháp", "UBND cấp xã"]),
        ("Sở Y tế<br>BHXH tỉnh", ["Sở Y tế", "BHXH tỉnh"]),
        # A comma splits where the alias data says two bodies meet, not inside one name.
        ("Sở Nội vụ, Sở Tài chính, Sở Xây dựng", ["Sở Nội vụ", "Sở Tài chính", "Sở Xây dựng"]),
        ("Sở Lao động, Thương binh và Xã hội", ["Sở Lao động, Thương binh và Xã hội"]),
        ("Sở Văn hóa, Thể thao và Du lịch, Sở Y tế", ["Sở Văn hóa, Thể thao và Du lịch", "Sở Y tế"]),
        ("Các sở, ban, ngành, UBND các huyện, thị xã, thành phố", ["Các sở, ban, ngành",
                                                                   "UBND các huyện, thị xã, thành phố"]),
        # "và" between two names separates them; "cấp xã" after "UBND cấp huyện," shares its head.
        ("Sở Nội vụ và Sở Tài chính", ["Sở Nội vụ", "Sở Tài chính"]),
        ("UBND cấp huyện, cấp xã", ["UBND cấp huyện", "UBND cấp xã"]),
        ("UBND cấp huyện và cấp xã", ["UBND cấp huyện", "UBND cấp xã"]),
        # A hyphen inside a name written without a list is part of it.
        ("Sở Lao động - Thương binh và Xã hội", ["Sở Lao động - Thương binh và Xã hội"]),
        ("- Sở Giáo dục - Đào tạo - UBND cấp xã", ["Sở Giáo dục - Đào tạo", "UBND cấp xã"]),
        ("- Hội Người mù tỉnh - Hội Khuyến học tỉnh", ["Hội Người mù tỉnh", "Hội Khuyến học tỉnh"]),
        # Unknown names: an unknown comma stays inside, a comma before a new body's first word splits.
        ("Phòng Văn hóa, Thông tin", ["Phòng Văn hóa, Thông tin"]),
        ("Hội Người mù tỉnh, Hội Khuyến học tỉnh", ["Hội Người mù tỉnh", "Hội Khuyến học tỉnh"]),
        ("Sở Tư pháp, Hội Người mù tỉnh", ["Sở Tư pháp", "Hội Người mù tỉnh"]),
        ("", []),
        ("  ;  ", []),
    ],
)
def test_cells_are_split_into_the_names_they_hold(cell: str, names: list[str]) -> None:
    assert split_agencies(cell) == names


def test_two_names_run_together_are_separated_and_flagged() -> None:
    agencies = read_agencies("Sở Khoa học và Công nghệ Sở Công Thương")
    assert [(a.written, a.canonical, a.status) for a in agencies] == [
        ("Sở Khoa học và Công nghệ", "Sở Khoa học và Công nghệ", "run_together"),
        ("Sở Công Thương", "Sở Công Thương", "run_together"),
    ]
    assert all(a.needs_review for a in agencies)


def test_a_name_holding_two_agencies_is_flagged_with_its_parts() -> None:
    [agency] = resolve_agencies(["Sở Tư pháp Hội Người mù tỉnh"])
    assert (agency.status, agency.canonical) == ("run_together", None)
    assert agency.parts == ("Sở Tư pháp", "Hội Người mù tỉnh")
    assert agency.name == "Sở Tư pháp Hội Người mù tỉnh"  # nothing stored under a guessed name


# --- resolving --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("Sở KH&CN", "Sở Khoa học và Công nghệ"),
        ("Sở KHCN", "Sở Khoa học và Công nghệ"),
        ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
        ("Sở LĐ-TB&XH", "Sở Lao động, Thương binh và Xã hội"),
        ("Sở LĐTBXH", "Sở Lao động, Thương binh và Xã hội"),
        ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
        ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
        ("Sở NN&PTNT", "Sở Nông nghiệp và Phát triển nông thôn"),
        ("Sở VH-TT&DL", "Sở Văn hóa, Thể thao và Du lịch"),
        ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
        ("Sở GTVT", "Sở Giao thông vận tải"),
        ("BCH Quân sự tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
        ("Bộ CHQS tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
        ("Công an tỉnh", "Công an tỉnh"),
        ("Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
        ("MTTQ tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
        ("Ủy ban nhân dân tỉnh", "UBND tỉnh"),
        ("Uỷ ban nhân dân cấp xã", "UBND cấp xã"),  # old tone placement
        ("Hội đồng nhân dân tỉnh", "HĐND tỉnh"),
        ("Hội đồng nhân dân cấp huyện", "HĐND cấp huyện"),
        ("UBND các xã, phường, thị trấn", "UBND cấp xã"),
        ("Ủy ban nhân dân các huyện, thị xã, thành phố", "UBND cấp huyện"),
        ("Bảo hiểm xã hội tỉnh", "BHXH tỉnh"),
        ("Hội LHPN tỉnh", "Hội Liên hiệp Phụ nữ tỉnh"),
        ("Đài PT-TH tỉnh", "Đài Phát thanh và Truyền hình tỉnh"),
        ("Trung tâm Phục vụ hành chính công tỉnh", "Trung tâm Phục vụ hành chính công tỉnh"),
        # A known department with its province after it is that department.
        ("Sở Tư pháp tỉnh", "Sở Tư pháp"),
        ("Sở Tư pháp tỉnh Gia Lai", "Sở Tư pháp"),
        ("UBND tỉnh Đắk Lắk", "UBND tỉnh"),
        ("So Tu phap", "Sở Tư pháp"),  # typed without diacritics
        # The agency's role in brackets is a note, not part of its name.
        ("Sở Nội vụ (chủ trì)", "Sở Nội vụ"),
        ("Sở Tư pháp tỉnh (cơ quan thường trực)", "Sở Tư pháp"),
    ],
)
def test_abbreviations_and_spellings_resolve_to_the_canonical_name(written: str, canonical: str) -> None:
    [agency] = resolve_agencies([written])
    assert (agency.canonical, agency.status) == (canonical, "known")


def test_a_name_close_to_a_known_one_is_a_likely_alias_with_the_closest_shown() -> None:
    [agency] = resolve_agencies(["Sở Văn hóa Thể thao Du lịch"])
    closest = "Sở Văn hóa, Thể thao và Du lịch"
    assert (agency.status, agency.canonical, agency.closest) == ("likely_alias", None, closest)
    assert 0.8 <= agency.similarity < 1
    assert agency.name == "Sở Văn hóa Thể thao Du lịch"  # stored as written until an editor decides
    assert describe_agency(agency, "en") == (
        f"Probably another name for '{closest}' ({round(agency.similarity * 100)}% alike): "
        "accept, merge or correct it. (Province level)"
    )


def test_an_unknown_name_is_proposed_as_new_with_the_level_its_words_say() -> None:
    agencies = resolve_agencies(["Hội Người mù tỉnh", "Phòng Văn hóa - Thông tin cấp huyện", "Bộ Ngoại giao"])
    assert [(a.status, a.canonical, a.level) for a in agencies] == [
        ("new", None, "province"),
        ("new", None, "district"),
        ("new", None, None),
    ]
    assert all(a.closest and a.similarity < 0.8 for a in agencies)


@pytest.mark.parametrize(
    ("written", "level"),
    [("UBND thị xã Buôn Hồ", "district"), ("Phòng Tư pháp cấp huyện", "district"), ("Trạm y tế xã", "commune"),
     ("Ban Chỉ huy Quân sự phường", "commune"), ("Tram y te cap xa", "commune"), ("Hội Người mù tỉnh", "province"),
     ("Các cơ quan chuyên môn", None)],
)
def test_a_new_name_gets_the_level_its_words_say(written: str, level: str | None) -> None:
    [agency] = resolve_agencies([written])
    assert (agency.status, agency.level) == ("new", level)


def test_a_sub_unit_of_a_known_agency_is_new_but_shown_beside_it() -> None:
    [agency] = resolve_agencies(["Sở Nội vụ (Ban Thi đua - Khen thưởng)"])
    assert (agency.status, agency.canonical, agency.closest) == ("new", None, "Sở Nội vụ")


def test_a_custom_table_drives_splitting_and_resolving() -> None:
    table = pd.DataFrame({"canonical_name": ["Sở A, B và C", "Sở D"], "aliases": ["", "SD"],
                          "level": ["province", "commune"]})
    assert split_agencies("Sở A, B và C, SD", table) == ["Sở A, B và C", "SD"]
    assert [(a.canonical, a.level) for a in read_agencies("Sở A, B và C, SD", table)] == [
        ("Sở A, B và C", "province"), ("Sở D", "commune")]


def test_districts_are_out_of_force_after_the_july_2025_reform() -> None:
    [district] = resolve_agencies(["UBND cấp huyện"])
    assert level_in_force(district.level, 2024) and level_in_force(district.level, 2025)
    assert not level_in_force(district.level, 2026)
    assert level_in_force("commune", 2026) and level_in_force("province", 2026)
    assert describe_agency(district, "vi", 2026).endswith(
        "Cấp huyện không còn từ ngày 1/7/2025: kiểm tra lại cơ quan này trong kế hoạch năm 2026.")


def test_the_status_reads_in_both_languages() -> None:
    run_on = read_agencies("HĐND cấp huyện HĐND cấp xã")[0]
    assert describe_agency(run_on, "vi") == (
        "Viết liền với tên bên cạnh, không có dấu phân cách; đã tách ra: HĐND cấp huyện. Kiểm tra lại. (Cấp huyện)")
    known = AgencyName("Sở Y tế", "Sở Y tế", "known", "province")
    assert describe_agency(known, "en") == "In the agency list: Sở Y tế (Province level)"


# --- the agency table -------------------------------------------------------------------------------------------


def test_the_agency_table_holds_the_provincial_departments_at_province_level() -> None:
    table = load_agencies(AGENCIES_CSV)  # refuses duplicate spellings and unknown levels
    levels = dict(zip(table["canonical_name"], table["level"], strict=True))
    assert set(levels.values()) <= LEVELS
    departments = [
        "Sở Nội vụ", "Sở Tư pháp", "Sở Kế hoạch và Đầu tư", "Sở Tài chính", "Sở Công Thương",
        "Sở Nông nghiệp và Phát triển nông thôn", "Sở Giao thông vận tải", "Sở Xây dựng",
        "Sở Tài nguyên và Môi trường", "Sở Thông tin và Truyền thông", "Sở Lao động, Thương binh và Xã hội",
        "Sở Văn hóa, Thể thao và Du lịch", "Sở Khoa học và Công nghệ", "Sở Giáo dục và Đào tạo", "Sở Y tế",
        "Sở Ngoại vụ", "Thanh tra tỉnh", "Văn phòng UBND tỉnh", "Ban Dân tộc tỉnh",
        # From 1 March 2025 some departments merged into new ones.
        "Sở Nông nghiệp và Môi trường", "Sở Dân tộc và Tôn giáo",
    ]
    assert {d: levels.get(d) for d in departments} == dict.fromkeys(departments, "province")
    assert levels["UBND cấp xã"] == "commune" and levels["Công an cấp xã"] == "commune"
    assert levels["UBND cấp huyện"] == "district" and levels["Công an cấp huyện"] == "district"
    for name in table["canonical_name"]:
        assert name == name.strip().rstrip(".") and ";" not in name


KNOWN = sorted(load_agencies(AGENCIES_CSV)["canonical_name"])


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(KNOWN), min_size=1, max_size=5, unique=True),
       st.sampled_from(["; ", ", ", "\n", "\n- ", " - ", " và "]), st.booleans())
def test_any_list_of_known_agencies_comes_back_whole_and_in_order(names: list[str], separator: str,
                                                                   bulleted: bool) -> None:
    cell = ("- " if bulleted else "") + separator.join(names)
    agencies = read_agencies(cell)
    assert [(a.canonical, a.status) for a in agencies] == [(n, "known") for n in names]


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(KNOWN), min_size=2, max_size=3, unique=True))
def test_known_agencies_run_together_are_always_flagged(names: list[str]) -> None:
    agencies = read_agencies(" ".join(names))
    assert all(a.status == "run_together" for a in agencies)
    assert [a.canonical for a in agencies if a.canonical] in ([], names)


# --- names accepted on earlier plans ---


def test_a_name_accepted_on_an_earlier_plan_is_known_and_the_agency_table_keeps_its_spellings() -> None:
    board = "Ban Quản lý Khu du lịch Măng Đen"
    assert [a.status for a in read_agencies(f"Sở Nội vụ; {board}")] == ["known", "new"]
    index = with_accepted([
        AcceptedName(board, board, "province"),
        AcceptedName("Sở Tài chánh", "Sở Tài chính", "province"),  # merged into the known agency
        AcceptedName("Sở Nội vụ", "Sở Tư pháp"),  # a review cannot re-point a spelling the table knows
    ])
    read = read_agencies(f"Sở Nội vụ; {board}; Sở Tài chánh", index)
    assert [(a.written, a.canonical, a.status) for a in read] == [
        ("Sở Nội vụ", "Sở Nội vụ", "known"),
        (board, board, "known"),
        ("Sở Tài chánh", "Sở Tài chính", "known"),
    ]
    assert read[1].level == "province"
    # The project's table itself is unchanged for every other reader.
    assert [a.status for a in read_agencies(board)] == ["new"]
