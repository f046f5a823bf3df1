"""A year on the 34 provincial units (from 1 July 2025) next to the 63 former provinces.

No 2025 PAPI data exists, so every test here uploads a SYNTHETIC 2025 year
into a temporary store (never data/): each of the 34 units gets a copy of the
2024 scores of its former province of the same name (else another former
province with 2024 scores).  Only the structure of the answers is asserted
(which units, which era, which trace), plus values traced back to that copy.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.domain import provinces
from lib.ingest import validate
from lib.present import charts, views
from lib.store import database, importer, queries
from tests import upload_samples as u
from tests.apptest_helpers import figures, language_widget, points, start_app

SYNTHETIC_YEAR = 2025


def synthetic_2025() -> pd.DataFrame:
    """The 2025 template of 34 units filled with 2024 scores of a former province (synthetic)."""
    year2024 = u.tidy_year(2024)
    present = set(year2024["province_code"])
    template = importer.template_frame(SYNTHETIC_YEAR)
    source: dict[str, str] = {}
    for code in template["province_code"].unique():
        first = provinces.predecessor(code)
        candidates = [first, *provinces.formers(code)]
        source[code] = next(c for c in candidates if c in present)
    scores = {
        (row.province_code, int(row.dimension), -1 if pd.isna(row.subdimension) else int(row.subdimension)): row.score
        for row in year2024.itertuples(index=False)
    }
    template["score"] = [
        scores[(source[code], int(dim), -1 if pd.isna(sub) else int(sub))]
        for code, dim, sub in zip(template["province_code"], template["dimension"], template["subdimension"],
                                  strict=True)
    ]
    return template


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("era_2025") / "papi.duckdb"
    con = database.connect(path)
    result = validate.validate(u.frame_csv(synthetic_2025()), "synthetic_2025.csv", today=dt.date(2026, 6, 1))
    assert result.ok, [p.located("en") for p in result.errors]
    importer.commit(con, result, importer.preview(con, result), "test (synthetic 2025)")
    con.close()
    yield path


@pytest.fixture(scope="module")
def con(db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = database.connect(db_path)
    yield connection
    connection.close()


# --- registry and queries ---------------------------------------------------


def test_counterparts_across_the_change_of_units() -> None:
    assert provinces.counterpart("54", "63", "34") == "66"  # Phú Yên merged into Đắk Lắk
    assert provinces.counterpart("24", "63", "34") == "24"  # Bắc Giang merged into (new) Bắc Ninh, code 24
    assert provinces.counterpart("24", "34", "63") == "27"  # new Bắc Ninh goes back to old Bắc Ninh, not Bắc Giang
    assert provinces.counterpart("66", "34", "63") == "66"
    assert provinces.formers("66") == ["54", "66"]


def test_province_lists_per_era(con: duckdb.DuckDBPyConnection) -> None:
    era34 = queries.provinces_with_scores(con, "34")
    era63 = queries.provinces_with_scores(con, "63")
    assert len(era34) == 34 and len(era63) == 63
    assert era34.set_index("code").at["24", "name_vi"] == "Bắc Ninh"
    assert era63.set_index("code").at["24", "name_vi"] == "Bắc Giang"
    assert era63.set_index("code").at["27", "name_vi"] == "Bắc Ninh"
    assert "54" not in set(era34["code"])  # Phú Yên is no unit from 2025


def test_dak_lak_trend_crosses_2025_as_two_provinces(con: duckdb.DuckDBPyConnection) -> None:
    trend = queries.trend_scores(con, 0, None, ("66",), "34")
    assert trend["year"].tolist() == list(range(2011, 2026))
    last = trend[trend["year"] == 2025].iloc[0]
    assert (last["era"], last["province_code"], last["province"]) == ("34", "66", "Đắk Lắk")
    assert last["ranked_provinces"] == 34 and 1 <= last["rank"] <= 34
    assert set(trend.loc[trend["year"] < 2025, "era"]) == {"63"}
    # Synthetic copy of 2024: the total equals 2024's, yet the two years are never joined.
    assert last["score"] == pytest.approx(trend.loc[trend["year"] == 2024, "score"].item())
    gapped = charts.with_gaps(trend, 0)
    years = gapped["year"].tolist()
    assert years[years.index(2024) + 1] is None and years[years.index(2024) + 2] == 2025
    assert queries.total_with_change(con, "66", 2025)["change"].isna().all()


def test_code_24_is_two_provinces(con: duckdb.DuckDBPyConnection) -> None:
    # Chosen in 2025 (new Bắc Ninh): before 2025 the series is old Bắc Ninh (27), never Bắc Giang (24).
    new = queries.trend_scores(con, 1, None, ("24",), "34")
    assert set(new.loc[new["year"] < 2025, "province_code"]) == {"27"}
    assert set(new.loc[new["year"] < 2025, "province"]) == {"Bắc Ninh"}
    # Chosen in 2024 (Bắc Giang): from 2025 it continues as the unit it merged into, drawn apart.
    old = queries.trend_scores(con, 1, None, ("24",), "63")
    assert set(old.loc[old["year"] == 2024, "province"]) == {"Bắc Giang"}
    assert set(old.loc[old["year"] == 2025, "province"]) == {"Bắc Ninh"}
    national = queries.trend_national(con, 1, None)
    for own, peers in ((old, old.iloc[0:0]), (old.iloc[0:0], old)):
        fig = charts.trend_figure(own, peers, national, dimension=1, province_name="Bắc Giang", measure="x",
                                  lang="vi")
        for trace in [tr for tr in fig.data if "Bắc" in str(tr.name)]:
            xs = {x for x in points(trace.x) if x is not None}
            assert not ({2024, 2025} <= xs), trace.name  # no trace holds both Bắc Giang 2024 and Bắc Ninh 2025
        names = {trace.name for trace in fig.data}
        assert {"Bắc Giang (đến 2024)", "Bắc Ninh (từ 2025)"} <= names


def test_dimension_history_follows_the_counterpart(con: duckdb.DuckDBPyConnection) -> None:
    history = queries.score_history(con, "24", 1, None, "34")
    assert set(history.loc[history["year"] < 2025, "province"]) == {"Bắc Ninh"}  # old Bắc Ninh (27)
    assert history.loc[history["year"] == 2025, "era"].tolist() == ["34"]
    assert history.set_index("year").at[2025, "segment"] != history.set_index("year").at[2024, "segment"]
    bac_giang = queries.score_history(con, "24", 1, None, "63")
    assert bac_giang.set_index("year").at[2024, "province"] == "Bắc Giang"


def test_rank_2025_is_out_of_34(con: duckdb.DuckDBPyConnection) -> None:
    ranking = queries.province_ranking(con, 2025, 0)
    assert len(ranking) == 34 and set(ranking["ranked_provinces"]) == {34}
    assert ranking["rank"].max() <= 34
    dims = queries.dimension_profile(con, "66", 2025).dropna(subset=["score"])
    assert set(dims["ranked_provinces"]) == {34}


# --- pages ------------------------------------------------------------------


@pytest.fixture()
def at(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return start_app(db_path, monkeypatch)


def show(at: AppTest, page: str, *, year: int, province: str = "66", lang: str = "vi") -> AppTest:
    at.switch_page(page).run()
    language_widget(at).set_value(lang)
    at.selectbox(key="year").set_value(year).run()  # the province list follows the year's era
    at.selectbox(key="province").set_value(province).run()
    assert not at.exception
    return at


def _sidebar_captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.sidebar.caption)


def test_sidebar_lists_the_units_of_the_chosen_year(at: AppTest) -> None:
    show(at, "pages/overview.py", year=2024)
    assert len(at.selectbox(key="province").options) == 63
    show(at, "pages/overview.py", year=2025)
    box = at.selectbox(key="province")
    assert len(box.options) == 34 and box.value == "66"
    assert "Từ 2025: Đắk Lắk gồm Đắk Lắk và Phú Yên cũ." in _sidebar_captions(at)
    assert at.query_params["province"] in (["66"], "66") and at.query_params["year"] in (["2025"], "2025")
    assert not at.exception


def test_changing_year_maps_the_province_across_eras(at: AppTest) -> None:
    show(at, "pages/overview.py", year=2024, province="54")  # Phú Yên
    assert "Từ 2025: Phú Yên cùng Đắk Lắk hợp thành Đắk Lắk mới." in _sidebar_captions(at)
    at.selectbox(key="year").set_value(2025).run()
    assert not at.exception
    assert at.selectbox(key="province").value == "66"
    assert "Năm 2025 dùng 34 đơn vị mới: Phú Yên → Đắk Lắk." in _sidebar_captions(at)
    # New Bắc Ninh (24) back to 2024: old Bắc Ninh (27), never Bắc Giang (24).
    at.selectbox(key="province").set_value("24").run()
    at.selectbox(key="year").set_value(2024).run()
    assert not at.exception
    assert at.selectbox(key="province").value == "27"
    assert "Năm 2024 dùng 63 tỉnh cũ: Bắc Ninh → Bắc Ninh." in _sidebar_captions(at)
    assert at.query_params["province"] in (["27"], "27")


def test_trends_2025_shows_the_unit_apart_from_the_former_province(at: AppTest) -> None:
    show(at, "pages/trends.py", year=2025)
    assert at.title[0].value == "Xu hướng điểm PAPI: Đắk Lắk"
    at.session_state["tr_rank_open"] = True  # the rank chart is drawn once its expander is open
    at.run()
    trend, rank = figures(at)[:2]
    names = [trace.get("name") for trace in trend["data"]]
    assert "Đắk Lắk (đến 2024)" in names and "Đắk Lắk (từ 2025)" in names
    new = next(tr for tr in trend["data"] if tr.get("name") == "Đắk Lắk (từ 2025)")
    old = next(tr for tr in trend["data"] if tr.get("name") == "Đắk Lắk (đến 2024)")
    assert [x for x in points(new["x"]) if x is not None] == [2025]
    assert max(x for x in points(old["x"]) if x is not None) == 2024
    captions = " ".join(c.value for c in at.caption)
    assert "gồm Đắk Lắk và Phú Yên cũ" in captions
    assert "34 đơn vị hành chính cấp tỉnh mới sau sáp nhập" in captions
    rank_new = next(tr for tr in rank["data"] if tr.get("name") == "Đắk Lắk (từ 2025)")
    assert points(rank_new["customdata"])[0][0] == 34  # ranked out of 34 units


def test_provinces_page_ranks_34_units_in_2025(at: AppTest) -> None:
    show(at, "pages/provinces.py", year=2025, lang="en")
    ranking = next(df.value for df in at.dataframe if "quartile_name" in df.value.columns)
    assert len(ranking) == 34
    assert not at.exception


def test_every_page_runs_on_2025(at: AppTest) -> None:
    for page in ("overview", "dimensions", "agencies", "tasks", "trends", "provinces"):
        show(at, f"pages/{page}.py", year=2025)
        assert not at.exception, page


def test_two_peers_merged_into_one_unit_give_its_rows_to_the_same_name(con: duckdb.DuckDBPyConnection) -> None:
    # Đắk Nông (67) and Lâm Đồng (68) both merged into Lâm Đồng (68): its 2025 rows belong to Lâm Đồng's series.
    peers = queries.trend_scores(con, 1, None, ("67", "68"), "63")
    assert peers.loc[peers["year"] == 2025, "series"].tolist() == ["68"]


def test_a_peer_that_merged_into_the_chosen_unit_is_not_drawn_twice() -> None:
    own = pd.DataFrame({"era": ["63", "34"], "province_code": ["66", "66"], "year": [2024, 2025]})
    peers = pd.DataFrame(
        {
            "era": ["63", "34", "63", "34"],
            "province_code": ["54", "66", "62", "62"],
            "province": ["Phú Yên", "Đắk Lắk", "Kon Tum", "Quảng Ngãi"],
            "year": [2024, 2025, 2024, 2025],
        }
    )
    kept = views.peers_apart_from(own, peers)
    # Phú Yên's 2025 row is the chosen unit itself (it merged into Đắk Lắk): dropped; the rest stay in order.
    assert kept["province"].tolist() == ["Phú Yên", "Kon Tum", "Quảng Ngãi"]
    assert views.province_names(pd.concat([kept, kept])) == ["Phú Yên", "Kon Tum", "Quảng Ngãi"]
