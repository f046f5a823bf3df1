"""The province registry (both eras, merger mapping) and name matching for uploads."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from lib.build.provinces import build_registry
from lib.domain import paths
from lib.domain.provinces import (
    CENTRAL_HIGHLANDS,
    COLUMNS,
    load_registry,
    match_province,
    province_name,
    suggest_province,
)


@pytest.fixture(scope="module")
def registry() -> pd.DataFrame:
    """The committed registry CSV, as the app reads it."""
    return load_registry(paths.PROVINCES_CSV)


def _row(registry: pd.DataFrame, era: str, code: str) -> pd.Series:
    """Return the single registry row for (era, code)."""
    hits = registry[(registry["era"] == era) & (registry["code"] == code)]
    assert len(hits) == 1, (era, code)
    return hits.iloc[0]


def test_shape_and_keys(registry: pd.DataFrame) -> None:
    assert tuple(registry.columns) == COLUMNS
    assert len(registry) == 97
    assert registry["era"].value_counts().to_dict() == {"63": 63, "34": 34}
    assert not registry.duplicated(["era", "code"]).any()
    old = registry[registry["era"] == "63"]
    new = registry[registry["era"] == "34"]
    assert old["code"].nunique() == 63 and new["code"].nunique() == 34
    assert (registry["code"].str.fullmatch(r"\d{2}")).all()
    # Every former province merged into exactly one existing 34-era unit, and every new unit has a predecessor.
    assert set(old["merged_into"]) == set(new["code"])
    assert (new["merged_into"] == "").all() and (new["papi_code"] == "").all()
    assert sorted(old["papi_code"]) == [f"P{i:02d}" for i in range(1, 64)]


def test_names_have_no_unit_prefix(registry: pd.DataFrame) -> None:
    for name in registry["name_vi"]:
        assert not name.startswith(("Tỉnh ", "Thành phố ", "TP.")), name
        assert unicodedata.normalize("NFC", name) == name
    assert registry.loc[registry["era"] == "63", "name_vi"].is_unique


def test_dak_lak(registry: pd.DataFrame) -> None:
    old = _row(registry, "63", "66")
    assert (old["name_vi"], old["name_en"], old["papi_code"]) == ("Đắk Lắk", "Dak Lak", "P42")
    assert old["merged_into"] == "66"
    new = _row(registry, "34", "66")
    assert new["name_vi"] == "Đắk Lắk"
    # Phú Yên + Đắk Lắk -> Đắk Lắk (Resolution 202/2025/QH15).
    merged = registry[(registry["era"] == "63") & (registry["merged_into"] == "66")]
    assert sorted(merged["name_vi"]) == ["Phú Yên", "Đắk Lắk"]


def test_code_reuse_pitfall(registry: pd.DataFrame) -> None:
    assert _row(registry, "63", "24")["name_vi"] == "Bắc Giang"
    assert _row(registry, "34", "24")["name_vi"] == "Bắc Ninh"
    assert _row(registry, "63", "27")["name_vi"] == "Bắc Ninh"
    assert _row(registry, "63", "27")["merged_into"] == "24"
    assert _row(registry, "34", "80")["name_vi"] == "Tây Ninh"
    assert _row(registry, "63", "80")["name_vi"] == "Long An"


def test_special_names(registry: pd.DataFrame) -> None:
    assert _row(registry, "63", "79")["name_vi"] == "Hồ Chí Minh"
    assert _row(registry, "63", "46")["name_vi"] == "Thừa Thiên Huế"
    assert _row(registry, "34", "46")["name_vi"] == "Huế"
    assert _row(registry, "63", "77")["name_en"] == "Ba Ria - Vung Tau"
    assert _row(registry, "34", "52")["name_en"] == "Gia Lai"
    assert _row(registry, "34", "01")["name_en"] == "Ha Noi"


def test_central_highlands(registry: pd.DataFrame) -> None:
    names = [_row(registry, "63", code)["name_vi"] for code in CENTRAL_HIGHLANDS]
    assert names == ["Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng"]


def test_committed_csv_is_fresh(shared_sources: Path, registry: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(build_registry().reset_index(drop=True), registry)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Đắk Lắk", "66"),
        (unicodedata.normalize("NFD", "Đắk Lắk"), "66"),
        ("dak lak", "66"),
        ("DakLak", "66"),
        ("Tỉnh Đắk Lắk", "66"),
        ("Hoà Bình", "17"),
        ("Hòa Bình", "17"),
        ("Hà Nội", "01"),
        ("Ha Noi", "01"),
        ("Hanoi", "01"),
        ("Thành phố Hà Nội", "01"),
        ("HCMC", "79"),
        ("Ho Chi Minh City", "79"),
        ("TP. Hồ Chí Minh", "79"),
        ("TP.HCM", "79"),
        ("Thua Thien Hue", "46"),
        ("Thừa Thiên-Huế", "46"),
        ("Ba Ria - Vung Tau", "77"),
        ("Bà Rịa-Vũng Tàu", "77"),
        ("Thanh Hoá", "38"),
        ("Kien Giang", "91"),
        ("66", "66"),
        (66, "66"),
        ("066", "66"),
        (1, "01"),
        ("P42", "66"),
        ("p42", "66"),
    ],
)
def test_match_province_63(text: str | int, code: str) -> None:
    assert match_province(text) == code


@pytest.mark.parametrize("text", ["Atlantis", "", "P64", "P00", "99", "00", "Dak Lac"])
def test_match_province_unknown(text: str) -> None:
    assert match_province(text) is None


def test_match_province_34() -> None:
    assert match_province("Bắc Ninh", era="34") == "24"
    assert match_province("Bắc Ninh", era="63") == "27"
    assert match_province("Huế", era="34") == "46"
    assert match_province("Thừa Thiên Huế", era="34") == "46"
    assert match_province("Ho Chi Minh City", era="34") == "79"
    # Former provinces are not 34-era units, and PAPI codes belong to the 63 era only.
    assert match_province("Bình Dương", era="34") is None
    assert match_province("P42", era="34") is None
    assert match_province("27", era="34") is None
    with pytest.raises(ValueError):
        match_province("Hà Nội", era="2025")


def test_suggest_province() -> None:
    assert "Đắk Lắk" in suggest_province("Dak Lac")
    assert suggest_province("Quan Binh")[0] == "Quảng Bình"
    assert len(suggest_province("Quang", n=2)) <= 2
    assert suggest_province("Atlantis") == []


def test_province_name() -> None:
    assert province_name("24", "63") == "Bắc Giang"
    assert province_name("24", "34") == "Bắc Ninh"
    assert province_name("2", "63") == "Hà Giang"
    assert province_name("02", "34") is None
