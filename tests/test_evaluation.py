"""Judging Đắk Lắk's 2020 plan by what moved: numbers checked against data/papi_scores.csv read directly,
the published 2019 uncertainty, the issue's own example (5.1, 5.3, 5.4), and the page a leader reads."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.domain import paths
from lib.present import evaluation
from lib.store import database
from tests.apptest_helpers import figures, language_widget, start_app

DAK_LAK = "66"
PEERS = ("62", "64", "67", "68")  # the other Central Highlands provinces (63-era codes)


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("evaluation") / "papi.duckdb"


@pytest.fixture(scope="module")
def con(db_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = database.connect(db_path)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def judged(con: duckdb.DuckDBPyConnection) -> evaluation.Evaluation:
    result = evaluation.evaluate_plan(con, "DLK-2020", PEERS)
    assert result is not None
    return result


@pytest.fixture(scope="module")
def csv_scores() -> pd.DataFrame:
    """The committed scores file, read without the store: the independent source of the expected values."""
    return pd.read_csv(paths.SCORES_CSV, dtype={"province_code": str})


def _sub(scores: pd.DataFrame, year: int, dimension: int, sub: int) -> pd.Series:
    rows = scores[(scores["year"] == year) & (scores["dimension"] == dimension) & (scores["subdimension"] == sub)]
    return rows.set_index("province_code")["score"]


def _row(judged: evaluation.Evaluation, year: int, key: str | None, dimension: int) -> pd.Series:
    rows = judged.rows[(judged.rows["year"] == year) & (judged.rows["dimension"] == dimension)]
    rows = rows[rows["key"].isna()] if key is None else rows[rows["key"] == key]
    assert len(rows) == 1
    return rows.iloc[0]


def test_the_baseline_is_the_last_survey_before_the_plan_year() -> None:
    assert evaluation.baseline_year(2020, [2011, 2018, 2019, 2020, 2021]) == 2019
    assert evaluation.baseline_year(2020, [2018, 2020]) == 2018  # 2019 missing: the last one published before
    assert evaluation.baseline_year(2011, [2011, 2012]) is None


def test_civic_knowledge_from_2019_to_2020_against_the_country(
    judged: evaluation.Evaluation, csv_scores: pd.DataFrame
) -> None:
    assert judged.baseline == 2019 and judged.later == [2020, 2021, 2022, 2023, 2024]
    before, after = _sub(csv_scores, 2019, 1, 1), _sub(csv_scores, 2020, 1, 1)
    changes = (after - before).dropna()
    row = _row(judged, 2020, "civic_knowledge", 1)
    assert row["tasks"] == 2  # the two tasks of plan section I.1 (data/tasks.csv)
    assert row["baseline_score"] == pytest.approx(0.6796488761901855)  # data/papi_scores.csv, 2019, 66, 1.1
    assert row["score"] == pytest.approx(0.827985227)  # ... 2020
    assert row["change"] == pytest.approx(0.827985227 - 0.6796488761901855)
    assert row["national_change"] == pytest.approx(after.median() - before.median())
    others = changes.drop(DAK_LAK)
    assert row["percentile"] == pytest.approx(100 * (others < changes[DAK_LAK]).sum() / len(others))
    assert row["percentile"] > 90 and row["verdict"] == "rose_more_than_most"
    assert row["provinces_compared"] == 63
    peer_changes = changes[changes.index.isin(PEERS)]
    assert row["peer_change"] == pytest.approx(peer_changes.median())


def test_a_change_inside_the_published_uncertainty_is_not_a_rise(judged: evaluation.Evaluation) -> None:
    uncertainty = pd.read_csv(paths.UNCERTAINTY_CSV, dtype={"province_code": str})
    published = uncertainty[(uncertainty["province_code"] == DAK_LAK) & (uncertainty["measure"] == "dimension")]
    variance = dict(zip(published["dimension"].astype(int), published["variance"], strict=True))
    participation = _row(judged, 2020, None, 1)
    assert participation["change"] == pytest.approx(4.959576546 - 4.930150985717773)  # a small rise
    assert participation["half_width"] == pytest.approx(1.959964 * math.sqrt(variance[1]))
    assert participation["verdict"] == "within_uncertainty"
    transparency = _row(judged, 2020, None, 2)
    assert transparency["change"] == pytest.approx(5.3445780880000004 - 5.002609729766846)
    assert transparency["change"] > transparency["half_width"]
    assert transparency["verdict"] == "rose_more_than_most"
    # Sub-dimensions have no published uncertainty: none is made up.
    assert pd.isna(_row(judged, 2020, "civic_knowledge", 1)["half_width"])


def test_no_change_is_computed_across_a_methodology_break(judged: evaluation.Evaluation) -> None:
    # Dimension 5 (public administrative procedures) was re-designed in 2021 (lib/domain/papi.BREAKS).
    row = _row(judged, 2021, "certification_procedures", 5)
    assert row["verdict"] == "not_comparable" and row["reason"] == "break"
    assert pd.isna(row["change"])
    assert _row(judged, 2020, "certification_procedures", 5)["verdict"] != "not_comparable"


def test_across_plans_has_each_scored_subdimension_of_the_plan_year_once(
    con: duckdb.DuckDBPyConnection, csv_scores: pd.DataFrame
) -> None:
    """The Evaluation page's chart across plans: Đắk Lắk's only plan (2020), from 2019 to 2020; an unknown
    plan id adds nothing."""
    across = evaluation.across_province_plans(con, ("DLK-2020", "NO-SUCH-PLAN"), PEERS)
    subs = csv_scores[(csv_scores["province_code"] == DAK_LAK) & csv_scores["subdimension"].notna()]
    both = subs[subs["year"] == 2019].merge(subs[subs["year"] == 2020], on=["dimension", "subdimension"])
    both = both[both["score_x"].notna() & both["score_y"].notna()]
    # Sub-dimensions redesigned between the two surveys are not compared (lib/domain/papi.BREAKS): none in 2020.
    assert set(across["plan_year"]) == {2020}
    assert len(across) == len(both)
    civic = across[across["key"] == "civic_knowledge"].iloc[0]
    assert civic["change"] == pytest.approx(0.827985227 - 0.6796488761901855)  # data/papi_scores.csv, 66, 1.1
    assert evaluation.across_province_plans(con, ("NO-SUCH-PLAN",), PEERS).empty


def test_weak_subdimensions_without_a_task_at_the_baseline_are_5_1_5_3_and_5_4(judged: evaluation.Evaluation) -> None:
    """The issue's own answer for Đắk Lắk's 2020 plan, read at its 2019 baseline."""
    weak = evaluation.weak_without_task(judged.rows)
    assert [f"{int(r.dimension)}.{int(r.subdimension)}" for r in weak.itertuples()] == ["5.1", "5.3", "5.4"]
    assert set(weak["whole_dimension_tasks"]) == {4}  # section V gives dimension 5 four tasks as a whole


def test_difference_in_differences_on_a_frame_with_an_obvious_answer() -> None:
    rows = pd.DataFrame(
        {
            "level": ["subdimension"] * 4, "year": [2020] * 4, "targeted": [True, True, False, False],
            "change": [0.30, 0.10, 0.00, -0.10], "national_change": [0.10, 0.10, 0.00, 0.00],
            "scale_min": [0.25] * 4, "scale_max": [2.5] * 4,
        }
    )
    did = evaluation.difference_in_differences(rows).iloc[0]
    # Targeted: (0.2 + 0) / 2 = 0.1 above the country; untargeted (0 − 0.1) / 2 = −0.05; scale 2.25 wide.
    assert did["targeted_relative"] == pytest.approx(100 * 0.1 / 2.25)
    assert did["untargeted_relative"] == pytest.approx(100 * -0.05 / 2.25)
    assert did["difference"] == pytest.approx(100 * 0.15 / 2.25)
    assert (did["targeted"], did["untargeted"]) == (2, 2)


def test_the_leaders_sentences_name_the_baseline_and_say_it_is_not_proof(judged: evaluation.Evaluation) -> None:
    vi = evaluation.headline(judged, 2020, "vi")
    en = evaluation.headline(judged, 2020, "en")
    assert "PAPI 2019" in en[0] and "2020 plan" in en[0]
    assert en[1].startswith("From 2019 to 2020: of the 25 sub-dimensions the plan gave tasks")
    assert "does not prove" in en[-1] and "không chứng minh" in vi[-1]
    # Only four sub-dimensions had no task in 2020 and none is comparable from 2021: the sentence says so.
    assert "No difference in differences" in evaluation.headline(judged, 2021, "en")[2]


@pytest.fixture()
def at(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    return start_app(db_path, monkeypatch)


def test_the_evaluation_page_reads_the_2020_plan_against_2019(at: AppTest) -> None:
    at.switch_page("pages/evaluation.py").run()
    language_widget(at).set_value("en")
    at.selectbox(key="province").set_value(DAK_LAK)
    at.run()
    assert not at.exception
    assert at.title[0].value == "Đắk Lắk's 2020 plan: did the scores move?"
    texts = [m.value.replace("\\", "") for m in at.markdown]  # as rendered: Markdown escapes removed
    assert any("written against PAPI 2019" in t for t in texts)
    assert any("5.1 Certification Procedures" in t and "5.4" in t for t in texts)
    frames = [d.value for d in at.dataframe]
    subs = frames[0].data if hasattr(frames[0], "data") else frames[0]
    assert len(subs) == 29  # the 2019 structure's sub-dimensions (8 dimensions)
    assert at.selectbox(key="ev_year").options == ["2020", "2021", "2022", "2023", "2024"]


def test_a_province_without_a_plan_says_so(at: AppTest) -> None:
    at.switch_page("pages/evaluation.py").run()
    at.selectbox(key="province").set_value("01")  # Hà Nội: no plan in the dashboard
    at.run()
    assert not at.exception
    assert "chưa có kế hoạch" in at.info[0].value


def test_trend_charts_mark_the_plan_year(at: AppTest) -> None:
    at.switch_page("pages/trends.py").run()
    language_widget(at).set_value("en")
    at.selectbox(key="province").set_value(DAK_LAK)
    at.run()
    assert not at.exception
    trend = figures(at)[0]
    assert any(shape.get("x0") == 2020 and shape.get("x1") == 2020 for shape in trend["layout"]["shapes"])
    assert "Plan year 2020" in [note["text"] for note in trend["layout"]["annotations"]]
