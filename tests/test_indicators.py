"""PAPI indicators (2018, 2019) and the published 2019 uncertainty: the build against the official
workbooks (read here with openpyxl, cell by cell), the store's queries, and the drill-down on Dimensions.

Sources: ../shared/data-sources/papi/official_xlsx_2011-2019/
- PAPI_2018_FULL_vie_indicators.xlsx, sheet ProvincialIndicators_VIE (Đắk Lắk = column AR,
  Quảng Ninh = column P); items in column A, scale in column B.
- 2019_PAPI_Provincial_indicators2019_VIE_ENG.xlsx, sheet 2019PAPI_Indicators_VIE (row 1 GSO codes,
  Đắk Lắk = 66 = column AR) and sheet 2019_PAPIIndicators_Transposed (the same figures under English
  labels: the uncertainty is checked against this second sheet, which the build reads only for
  English names and observations).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.domain import paths
from lib.store import database, queries

FOLDER = paths.SOURCES_DIR / "papi" / "official_xlsx_2011-2019"
FILE_2018 = FOLDER / "PAPI_2018_FULL_vie_indicators.xlsx"
FILE_2019 = FOLDER / "2019_PAPI_Provincial_indicators2019_VIE_ENG.xlsx"
DAK_LAK = "66"
SUB = re.compile(r"^(\d)\.(\d): ")


def _rows(path: Path, sheet: str) -> list[tuple]:
    if not path.exists():
        pytest.skip("../shared/data-sources is not beside this checkout")
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return list(book[sheet].iter_rows(values_only=True))
    finally:
        book.close()


def _sheet(path: Path, sheet: str) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(path, data_only=True)[sheet]


@pytest.fixture(scope="module")
def indicators() -> pd.DataFrame:
    return pd.read_csv(paths.INDICATORS_CSV, dtype={"province_code": str}, keep_default_na=False, na_values=[""])


@pytest.fixture(scope="module")
def uncertainty() -> pd.DataFrame:
    return pd.read_csv(paths.UNCERTAINTY_CSV, dtype={"province_code": str})


def _source_counts(rows: list[tuple]) -> Counter:
    """Indicators per sub-dimension number ("5.1"), counted from column A: the rows between two
    sub-dimension headings that carry at least one number and are not a dimension or variance row."""
    counts: Counter = Counter()
    current = None
    for row in rows:
        label = str(row[0] or "").strip()
        numbers = [v for v in row[2:] if isinstance(v, int | float)]
        if SUB.match(label):
            current = SUB.match(label).group(1) + "." + SUB.match(label).group(2)
        elif label.startswith(("Chỉ số nội dung", "Chỉ số PAPI", "Phương sai")):
            current = None
        elif current and label and numbers:
            counts[current] += 1
    return counts


def _built_counts(frame: pd.DataFrame, year: int) -> Counter:
    one = frame[(frame["year"] == year)].drop_duplicates("indicator_no")
    return Counter(f"{d}.{s}" for d, s in zip(one["dimension"], one["subdimension"], strict=True))


def test_indicator_counts_per_year_and_subdimension_match_the_workbooks(indicators: pd.DataFrame) -> None:
    source_2018 = _source_counts(_rows(FILE_2018, "ProvincialIndicators_VIE"))
    source_2019 = _source_counts(_rows(FILE_2019, "2019PAPI_Indicators_VIE"))
    assert sum(source_2018.values()) == 114
    assert sum(source_2019.values()) == 122
    assert _built_counts(indicators, 2018) == source_2018
    assert _built_counts(indicators, 2019) == source_2019
    # 2019 added E-Responsiveness (8.3, two indicators) and items to 5.1, 5.2 and 7.1.
    assert (source_2018["8.3"], source_2019["8.3"]) == (0, 2)
    assert (source_2018["5.1"], source_2019["5.1"]) == (2, 3)
    # Every indicator for every one of the 63 provinces, and no other year.
    per_year = indicators.groupby("year").size().to_dict()
    assert per_year == {2018: 114 * 63, 2019: 122 * 63}
    assert indicators.groupby("year")["province_code"].nunique().to_dict() == {2018: 63, 2019: 63}


def test_subdimension_keys_match_the_scores_of_the_consolidated_workbook(indicators: pd.DataFrame) -> None:
    """The key of each indicator is its sub-dimension's: the sub-dimension rows of the indicator file equal
    data/papi_scores.csv (from PAPI_2011-2019.xlsx) for the sub-dimension that key names."""
    structure = pd.read_csv(paths.STRUCTURE_CSV, dtype={"subdimension": "Int64"})
    scores = pd.read_csv(paths.SCORES_CSV, dtype={"province_code": str, "subdimension": "Int64"})
    rows = _rows(FILE_2019, "2019PAPI_Indicators_VIE")
    column = list(rows[0]).index(int(DAK_LAK))
    built = indicators[(indicators["year"] == 2019)].drop_duplicates("key").set_index("key")
    checked = 0
    for row in rows:
        found = SUB.match(str(row[0] or ""))
        if not found:
            continue
        dim, sub = int(found.group(1)), int(found.group(2))
        key = structure[(structure["year"] == 2019) & (structure["dimension"] == dim)
                        & (structure["subdimension"] == sub)]["key"].item()
        assert (built.loc[key, "dimension"], built.loc[key, "subdimension"]) == (dim, sub)
        score = scores[(scores["year"] == 2019) & (scores["province_code"] == DAK_LAK)
                       & (scores["dimension"] == dim) & (scores["subdimension"] == sub)]["score"].item()
        assert row[column] == pytest.approx(score, abs=1e-6)
        checked += 1
    assert checked == 29


def _value(frame: pd.DataFrame, year: int, code: str, name_start: str, sub: str) -> pd.Series:
    hit = frame[(frame["year"] == year) & (frame["province_code"] == code) & frame["name_vi"].str.startswith(name_start)
                & (frame["indicator_no"].str.startswith(sub + "."))]
    assert len(hit) == 1, hit
    return hit.iloc[0]


def test_dak_lak_2019_values_are_the_workbook_cells(indicators: pd.DataFrame) -> None:
    sheet = _sheet(FILE_2019, "2019PAPI_Indicators_VIE")
    assert sheet["AR1"].value == 66 and sheet["AR2"].value == "Đắk Lắk"
    # 5.1 Certification: AR105 share who used the service, AR106 total quality (0-4), AR107 satisfaction (1-5).
    cases = [
        ("Tỉ lệ người dân đã làm thủ tục lấy chứng thực", "AR105", 0.2089, "0%-100%"),
        ("Tổng chất lượng dịch vụ chứng thực", "AR106", 3.7201, "0-4 điểm"),
        ("Mức độ hài lòng với dịch vụ nhận được", "AR107", 4.0798, "1-5 điểm"),
    ]
    for name, cell, rounded, scale in cases:
        row = _value(indicators, 2019, DAK_LAK, name, "5.1")
        assert row["value"] == sheet[cell].value
        assert round(row["value"], 4) == rounded
        assert row["scale"] == scale == sheet["B" + cell[2:]].value
        assert row["source"].endswith("!" + cell)
    # The 2019 file prints English labels for the same series: matched, not translated here.
    assert _value(indicators, 2019, DAK_LAK, "Có những hộ thực tế rất nghèo", "2.2")["name_en"] == (
        "Type 1 Errors on Poverty List"
    )
    assert indicators[indicators["year"] == 2018]["name_en"].isna().all()  # 2018 has Vietnamese names only


def test_dak_lak_2018_values_and_no_data_cells(indicators: pd.DataFrame) -> None:
    sheet = _sheet(FILE_2018, "ProvincialIndicators_VIE")
    assert sheet["AR1"].value == "Dak Lak"
    row = _value(indicators, 2018, DAK_LAK, "Tổng chất lượng dịch vụ chứng thực", "5.1")
    assert row["value"] == sheet["AR92"].value
    assert round(row["value"], 4) == 3.4972
    # "KCDL" (no data) for Quảng Ninh's dimension 2 is absent, never zero.
    assert sheet["P1"].value == "Quang Ninh" and sheet["P29"].value == "KCDL"
    quang_ninh = indicators[(indicators["year"] == 2018) & (indicators["province_code"] == "22")
                            & (indicators["dimension"] == 2)]
    assert len(quang_ninh) == 21 and quang_ninh["value"].isna().all()


def test_uncertainty_is_what_the_2019_file_publishes(uncertainty: pd.DataFrame) -> None:
    """Every figure equals the English-labelled sheet of the same workbook, for all 63 provinces."""
    rows = _rows(FILE_2019, "2019_PAPIIndicators_Transposed")
    codes = [f"{int(c):02d}" for c in rows[0][2:]]
    by_label = {str(r[0]).strip(): dict(zip(codes, r[2:], strict=True)) for r in rows if r[0]}
    assert uncertainty["year"].unique().tolist() == [2019]  # none is published for other years
    assert len(uncertainty) == 63 * 10
    columns = {
        "total_weighted": ("Weighted PAPI Score", "PAPI 95% CI Low", "PAPI 95% CI High", "PAPI Standard Error"),
        "total": ("Unweighted PAPI Score", "Unweighted 95% CI Low", "Unweighted 95% CI High",
                  "Unweighted Standard Error"),
    }
    for measure, labels in columns.items():
        part = uncertainty[uncertainty["measure"] == measure].set_index("province_code")
        for column, label in zip(["estimate", "ci_low", "ci_high", "std_error"], labels, strict=True):
            assert part[column].to_dict() == pytest.approx(by_label[label])
        assert part["variance"].isna().all()
    dims = uncertainty[uncertainty["measure"] == "dimension"]
    for dim in range(1, 9):
        part = dims[dims["dimension"] == dim].set_index("province_code")
        assert part["variance"].to_dict() == pytest.approx(by_label[f"Variance (Dimension {dim})"])
        assert part["observations"].to_dict() == by_label[f"Observations (Dimension {dim})"]
        # No confidence interval is published for a dimension: left blank, not derived from the variance.
        assert part[["ci_low", "ci_high", "std_error"]].isna().all().all()
    dak_lak = uncertainty[(uncertainty["province_code"] == DAK_LAK) & (uncertainty["measure"] == "total_weighted")]
    assert dak_lak[["estimate", "ci_low", "ci_high"]].round(2).values.tolist() == [[44.6, 42.79, 46.41]]


def test_the_dimension_estimates_equal_the_published_dimension_scores(uncertainty: pd.DataFrame) -> None:
    scores = pd.read_csv(paths.SCORES_CSV, dtype={"province_code": str, "subdimension": "Int64"})
    dims = scores[(scores["year"] == 2019) & scores["subdimension"].isna()]
    merged = uncertainty[uncertainty["measure"] == "dimension"].merge(
        dims, on=["province_code", "dimension"], validate="one_to_one"
    )
    assert len(merged) == 63 * 8
    assert (merged["estimate"] - merged["score"]).abs().max() < 1e-6
    # The unweighted composite is the sum of the eight dimensions, as the dashboard's total.
    totals = dims.groupby("province_code")["score"].sum()
    total = uncertainty[uncertainty["measure"] == "total"].set_index("province_code")["estimate"]
    assert (total - totals).abs().max() < 1e-4


def test_the_build_is_byte_stable(tmp_path: Path) -> None:
    from lib.build import indicators as build

    registry = pd.read_csv(paths.PROVINCES_CSV, dtype=str, keep_default_na=False)
    structure = pd.read_csv(paths.STRUCTURE_CSV, dtype={"subdimension": "Int64", "sc_column": "string"})
    for run in ("a", "b"):
        build.write(registry, structure, tmp_path / f"ind_{run}.csv", tmp_path / f"unc_{run}.csv")
    assert (tmp_path / "ind_a.csv").read_bytes() == (tmp_path / "ind_b.csv").read_bytes()
    assert (tmp_path / "ind_a.csv").read_bytes() == paths.INDICATORS_CSV.read_bytes()
    assert (tmp_path / "unc_a.csv").read_bytes() == paths.UNCERTAINTY_CSV.read_bytes()


def test_a_bad_cell_in_a_source_is_refused_with_its_place(tmp_path: Path) -> None:
    from lib.build import indicators as build

    book = openpyxl.load_workbook(FILE_2018)
    book["ProvincialIndicators_VIE"]["AR92"] = "n/a"
    book.save(tmp_path / build.FILE_2018)
    registry = pd.read_csv(paths.PROVINCES_CSV, dtype=str, keep_default_na=False)
    structure = pd.read_csv(paths.STRUCTURE_CSV, dtype={"subdimension": "Int64"})
    sheet = build.read_sheet(2018, registry, tmp_path)
    former = registry[registry["era"] == "63"]
    names = dict(zip(former["code"], former["name_vi"], strict=True))
    with pytest.raises(ValueError, match=r"ProvincialIndicators_VIE!AR92: expected a number or 'KCDL', found 'n/a'"):
        build.indicator_rows(sheet, structure, names)
    assert FILE_2018.read_bytes() != (tmp_path / build.FILE_2018).read_bytes()  # the source itself is untouched


# --- the store's queries ---


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory):
    connection = database.connect(tmp_path_factory.mktemp("ind") / "store.duckdb")
    yield connection
    connection.close()


def test_subdimension_indicators_rank_against_all_provinces(con) -> None:
    rows = _rows(FILE_2019, "2019PAPI_Indicators_VIE")
    column = list(rows[0]).index(int(DAK_LAK))
    quality = next(r for r in rows if str(r[0]).startswith("Tổng chất lượng dịch vụ chứng thực"))
    values = pd.Series([float(v) for v in quality[2:]])
    own = float(quality[column])
    frame = queries.subdimension_indicators(con, DAK_LAK, 2019, "certification_procedures")
    assert frame["indicator_no"].tolist() == ["5.1.2", "5.1.3", "5.1.1"]  # weakest standing first, unranked last
    row = frame.set_index("indicator_no").loc["5.1.2"]
    assert row["value"] == own
    assert row["national_median"] == pytest.approx(values.median())
    assert row["rank"] == int((values > own).sum()) + 1 == 49
    assert row["provinces"] == 63
    assert row["percentile"] == pytest.approx(100 * (values < own).sum() / 62)
    # "Share who used the service" has no better direction: no rank, no percentile.
    assert pd.isna(frame.set_index("indicator_no").loc["5.1.1", "rank"])


def test_a_lower_is_better_indicator_ranks_the_lowest_value_first(con) -> None:
    frame = queries.subdimension_indicators(con, DAK_LAK, 2019, "poverty_lists").set_index("indicator_no")
    rows = _rows(FILE_2019, "2019PAPI_Indicators_VIE")
    column = list(rows[0]).index(int(DAK_LAK))
    errors = next(r for r in rows if str(r[0]).startswith("Có những hộ thực tế rất nghèo"))
    values = pd.Series([float(v) for v in errors[2:]])
    assert frame.loc["2.2.2", "better"] == "lower"
    assert frame.loc["2.2.2", "rank"] == int((values < float(errors[column])).sum()) + 1


def test_published_uncertainty_and_years(con) -> None:
    frame = queries.published_uncertainty(con, DAK_LAK, 2019)
    assert frame["measure"].tolist() == ["total", "total_weighted"] + ["dimension"] * 8
    assert round(frame.iloc[0]["estimate"], 2) == 41.07  # tests/facts.py: TOTAL_2019
    assert queries.published_uncertainty(con, DAK_LAK, 2018).empty
    assert queries.indicator_years(con) == [2018, 2019]
    assert queries.subdimension_indicators(con, DAK_LAK, 2024, "certification_procedures").empty


# --- the drill-down on Dimensions ---


def _open(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, **state: object) -> AppTest:
    monkeypatch.setenv("PAPI_DB", str(tmp_path_factory.getbasetemp() / "indicator_pages.duckdb"))
    at = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=60)
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    at.switch_page("pages/dimensions.py").run()
    assert not at.exception
    return at


def test_dimensions_opens_the_indicators_of_a_weak_subdimension(tmp_path_factory, monkeypatch) -> None:
    at = _open(tmp_path_factory, monkeypatch, year=2019)
    at.selectbox(key="wl_pick").set_value("certification_procedures").run()
    assert not at.exception
    assert "Chỉ tiêu của “Dịch vụ chứng thực, xác nhận của chính quyền”, 2019" in [s.value for s in at.subheader]
    table = next(d.value for d in at.dataframe if "Chỉ tiêu" in d.value.columns)
    assert table["Chỉ tiêu"].tolist()[0].startswith("5.1.2 Tổng chất lượng dịch vụ chứng thực")
    assert table["Giá trị của tỉnh"].tolist() == ["3,72", "4,08", "20,9%"]  # cells AR106, AR107, AR105
    assert table["Xếp hạng"].tolist()[0] == "49/63"
    assert any("không rõ cao hay thấp là tốt" in c.value for c in at.caption)
    assert any(chart.proto.spec for chart in at.get("plotly_chart"))


def test_dimensions_says_no_indicators_are_published_for_2024(tmp_path_factory, monkeypatch) -> None:
    at = _open(tmp_path_factory, monkeypatch, year=2024, lang="en", ev_judge="selected")  # not the 2019 baseline
    at.selectbox(key="wl_pick").set_value("d2").run()
    assert any("The sources publish no indicator data for 2024" in i.value for i in at.info)
    assert not any(s.value.startswith("Indicators of") for s in at.subheader)


# --- what the drill-down shows (figure, table, notes) ---


def test_the_figure_draws_the_ranked_indicators_weakest_first(con) -> None:
    from lib.present import charts_indicators

    frame = queries.subdimension_indicators(con, DAK_LAK, 2019, "willingness_to_fight_corruption")
    fig = charts_indicators.indicator_figure(frame, "vi", "Quyết tâm chống tham nhũng", "Đắk Lắk", 2019)
    bars = fig.data[0]
    # 4.4.3 (threshold of a bribe) and 4.4.4 (victim denounced) have no direction: listed, not drawn.
    assert [label.split(" ")[0] for label in bars.y] == ["4.4.2", "4.4.1", "4.4.6", "4.4.5"]
    assert list(bars.x) == sorted(bars.x)
    assert [c == charts_indicators.BELOW_COLOR for c in bars.marker.color] == [x < 50 for x in bars.x]
    table = charts_indicators.indicator_table(frame, "vi")
    assert len(table) == 6 and table["Chiều tốt"].tolist()[-2:] == ["không rõ", "không rõ"]


def test_english_names_where_published_else_marked_vietnamese_only(con) -> None:
    from lib.present import charts_indicators

    frame = queries.subdimension_indicators(con, DAK_LAK, 2018, "poverty_lists")
    table = charts_indicators.indicator_table(frame, "en")
    assert all(name.endswith(charts_indicators.VI_ONLY_MARK) for name in table["Indicator"])
    notes = charts_indicators.notes(frame, "en", "Đắk Lắk", 2018)
    assert any("published in Vietnamese only" in n for n in notes)
    frame_2019 = queries.subdimension_indicators(con, DAK_LAK, 2019, "poverty_lists")
    english = charts_indicators.indicator_table(frame_2019, "en")
    assert "2.2.2 Type 1 Errors on Poverty List" in english["Indicator"].tolist()
