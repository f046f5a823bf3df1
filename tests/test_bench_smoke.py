"""Smoke tests of the benchmark's pure parts: synthetic data, page discovery, budgets and the report.

No timing is asserted here; the benchmark itself runs as `python -m bench.run --quick`.
"""

from __future__ import annotations

import json
import math

import pytest

from bench import report, stats, synthetic
from bench.browser_section import SINGLE, element_floor_spec, floor_spec
from bench.pages import discover


@pytest.fixture(scope="module")
def real() -> dict:
    return synthetic.read_real()


def test_pages_come_from_app_py() -> None:
    pages = discover()
    assert [p.url for p in pages][:1] == ["overview"]
    assert {"overview", "dimensions", "agencies", "trends", "tasks", "provinces", "upload"} <= {p.url for p in pages}
    assert all(p.path.startswith("pages/") and p.path.endswith(".py") for p in pages)


def test_synthetic_tasks_at_10x_have_10x_the_rows_with_unique_ids(real: dict) -> None:
    names = real["provinces"].loc[real["provinces"]["era"] == "63", "name_vi"].tolist()
    tasks = synthetic.synthetic_tasks(real["tasks"], names, 10)
    assert len(real["tasks"]) == 85
    assert len(tasks) == 10 * 85
    assert tasks["task_id"].is_unique
    plans = tasks.groupby(["province", "plan_year"]).size()
    assert len(plans) == 10 and set(plans) == {85}
    # The real plan is kept as it is; copies are marked synthetic in their ids.
    assert (tasks.iloc[:85]["task_id"] == real["tasks"]["task_id"]).all()
    assert tasks.iloc[85:]["task_id"].str.startswith("SYN").all()


def test_plan_slots_skip_the_real_plan_and_never_repeat() -> None:
    slots = synthetic.plan_slots(["Hà Nội", "Đắk Lắk", "Huế"], 5)
    assert slots == [("Hà Nội", 2020), ("Huế", 2020), ("Đắk Lắk", 2021), ("Hà Nội", 2021), ("Huế", 2021)]


def test_synthetic_scores_reach_10x_with_years_after_2024_only(real: dict) -> None:
    scores = real["scores"]
    extra = synthetic.synthetic_scores(scores, 10)
    per_year = int((scores["year"] == 2024).sum())
    total = len(scores) + len(extra)
    assert 10 * len(scores) <= total < 10 * len(scores) + per_year
    assert extra["year"].min() == 2025
    assert (extra.groupby("year").size() == per_year).all()
    assert extra["score"].notna().all()
    assert synthetic.synthetic_scores(scores, 1).empty


def test_synthetic_structure_copies_2024_for_each_year(real: dict) -> None:
    structure = real["structure"]
    rows_2024 = int((structure["year"] == 2024).sum())
    extra = synthetic.synthetic_structure(structure, [2025, 2026])
    assert len(extra) == 2 * rows_2024
    assert sorted(extra["year"].unique()) == [2025, 2026]


def test_stats_summary_and_ratio() -> None:
    s = stats.summary([3.0, 1.0, 2.0, 4.0])
    assert s["n"] == 4 and s["median"] == 2.5 and s["min"] == 1.0 and s["max"] == 4.0
    assert s["p25"] == 1.75 and s["p75"] == 3.25
    assert stats.summary([])["n"] == 0
    assert stats.ratio(3.0, 2.0) == 1.5
    assert math.isnan(stats.ratio(1.0, 0.0))


def test_floor_spec_mirrors_counts_and_adds_a_single_chart_page() -> None:
    pages = discover()[:2]
    counts = {p.url: {"charts": 4, "tables": 2} for p in pages}
    spec = floor_spec(pages, counts)
    assert [e["url"] for e in spec["pages"]] == [pages[0].url, pages[1].url, SINGLE]
    assert spec["pages"][0]["charts"] == 4 and spec["pages"][0]["tables"] == 2
    assert spec["pages"][-1]["charts"] == 1


def test_element_floor_spec_carries_every_element_kind_at_the_real_urls() -> None:
    pages = discover()[:2]
    kinds = {"stHeading": 3, "stMetric": 5, "stExpander": 2}
    counts = {p.url: {"charts": 2, "tables": 1, "elements": kinds} for p in pages}
    spec = element_floor_spec(pages, counts)
    assert [e["url"] for e in spec["pages"]] == [p.url for p in pages]  # no single-chart page here
    assert spec["pages"][0]["elements"] == {"stHeading": 3, "stMetric": 5, "stExpander": 2}
    assert spec["pages"][0]["charts"] == 2 and spec["pages"][0]["tables"] == 1


def _fake_results() -> dict:
    return {
        "mode": "quick",
        "browser": {
            "pages": {"overview": {"charts": 3, "charts_first_view": 2, "tables": 1, "exceptions": 0},
                      "trends": {"charts": 5, "charts_first_view": 4, "tables": 0, "exceptions": 0}},
            "timings": {
                "real": {"overview": {"first_load": [2.0, 2.2], "switch": [0.5], "filter": [0.4, 0.6]},
                         "trends": {"first_load": [3.0], "switch": [2.0], "filter": [1.0]}},
                "floor": {"overview": {"first_load": [2.0], "switch": [0.5], "filter": [0.5]},
                          "trends": {"first_load": [2.0], "switch": [1.0], "filter": [1.0]},
                          SINGLE: {"first_load": [1.0], "switch": [0.25], "filter": [0.25]}},
                "elements": {"overview": {"switch": [0.4], "filter": [0.5]}, "trends": {"switch": [1.6]}},
            },
            "concurrency": {"real": {"users": 10, "rounds": 1, "failures": 0,
                                     "single": stats.summary([1.0]), "many": stats.summary([1.0, 3.0])}},
            "memory": {"real_after_visits": {"VmRSS": 300.0}, "bare_after_visit": {"VmRSS": 100.0}},
        },
        "server": {"sizes": {
            "1": {"data": {"tasks": 85, "plans": 1, "score_rows": 10, "score_years": 14, "first_synthetic_year": None,
                           "last_year": 2024},
                  "pages": {"overview": {"warm": stats.summary([0.1]), "cold": stats.summary([0.3])}},
                  "queries": {"score_years": {"warm": stats.summary([0.002])}}},
            "100": {"data": {"tasks": 8500, "plans": 100, "score_rows": 1000, "score_years": 1276,
                             "first_synthetic_year": 2025, "last_year": 3286},
                    "pages": {"overview": {"warm": stats.summary([0.4]), "cold": stats.summary([0.9])}},
                    "queries": {"score_years": {"warm": stats.summary([0.004])}}},
        }},
        "upload": {"available": False, "reason": "not there yet"},
    }  # fmt: skip


def test_budgets_pass_and_fail_from_the_numbers() -> None:
    budgets = {(b["budget"], b["scope"]): b for b in report.evaluate_budgets(_fake_results())}
    assert budgets[("First load / floor", "overview")]["result"] == "PASS"  # 2.1 / 2.0 = 1.05
    assert budgets[("First load / floor", "trends")]["result"] == "FAIL"  # 1.5
    assert budgets[("Page switch / floor", "trends")]["result"] == "FAIL"  # 2.0
    assert budgets[("Filter change / floor", "overview")]["result"] == "PASS"  # 1.0
    assert budgets[("Charts in first view (1366×768)", "trends")]["result"] == "FAIL"  # 4 > 3
    assert budgets[("Script run, warm, 1×", "overview")]["result"] == "PASS"  # 100 ms
    assert budgets[("Script run growth 1× → 100× (warm)", "overview")]["result"] == "FAIL"  # 4×
    assert budgets[("10 users: p95 switch / one user's median", "real app")]["result"] == "FAIL"  # 2.9×
    assert budgets[("Server RSS over bare server", "after every page")]["result"] == "FAIL"  # 200 MB
    assert not any(b["budget"].startswith("Check + commit") for b in budgets.values())


def test_report_has_the_budget_table_and_every_section() -> None:
    text = report.markdown(_fake_results())
    assert "| Budget | Scope | Measured | Limit | Result |" in text
    assert "| First load / floor | trends | 1.50× | ≤ 1.15× | **FAIL** |" in text
    assert "| Script run, warm, 1× | overview | 100 ms | ≤ 150 ms | PASS |" in text
    for heading in ("## 1. Browser", "## 2. Server side", "## 3. Upload", "## 4. Concurrency", "## 5. Memory"):
        assert heading in text
    assert "Not available: not there yet" in text
    # The element floor is informational: its ratio is shown, no budget is taken from it.
    assert "| trends | 2.00 s (2.00 s–2.00 s, n=1) | 1.00 s (1.00 s–1.00 s, n=1) | 2.00× | 0.25 s | 8.00× | 4.00× | " \
        "1.60 s | 1.25× | ≤ 1.25× | FAIL |" in text
    assert not any("lement" in b["budget"] for b in report.evaluate_budgets(_fake_results()))


def test_element_floor_page_draws_the_counted_elements(tmp_path, monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    from lib.domain.paths import ROOT

    kinds = {"stHeading": 3, "stMarkdown": 2, "stMetric": 5, "stAlert": 2, "stSelectbox": 1, "stMultiSelect": 2,
             "stTextInput": 1, "stText": 1, "stExpander": 2, "stFileUploader": 1, "stSkeleton": 2}  # fmt: skip
    spec = tmp_path / "elements.json"
    spec.write_text(json.dumps({"pages": [{"url": "overview", "charts": 2, "tables": 1, "elements": kinds}]}))
    monkeypatch.setenv("BENCH_FLOOR_SPEC", str(spec))
    at = AppTest.from_file(str(ROOT / "bench" / "floor_app.py"), default_timeout=60).run()
    assert not at.exception
    assert len(at.title) == 1 and len(at.subheader) == 2  # the title is one of the three headings
    assert len(at.caption) == 2 + 2  # two texts, plus one inside each expander
    assert len(at.metric) == 5 and len(at.info) == 2 and len(at.expander) == 2
    assert len(at.main.selectbox) == 1 and len(at.main.multiselect) == 2 and len(at.text_input) == 1
    assert len(at.get("plotly_chart")) == 2 and len(at.dataframe) == 1


def test_floor_with_a_store_opens_it_and_shows_its_score_rows(tmp_path, monkeypatch) -> None:
    from streamlit.testing.v1 import AppTest

    from lib.domain.paths import ROOT
    from lib.store import database

    db = tmp_path / "floor.duckdb"
    con = database.connect(db)
    rows = con.cursor().execute("SELECT count(*) FROM scores").fetchone()[0]
    con.close()
    spec = tmp_path / "floor.json"
    spec.write_text(json.dumps({"pages": [{"url": "overview", "charts": 1, "tables": 0}]}))
    monkeypatch.setenv("BENCH_FLOOR_SPEC", str(spec))
    monkeypatch.setenv("BENCH_FLOOR_STORE", str(db))
    at = AppTest.from_file(str(ROOT / "bench" / "floor_app.py"), default_timeout=60).run()
    assert not at.exception
    assert rows > 20_000
    assert [c.value for c in at.caption] == [f"{rows} score rows"]


def test_memory_section_says_how_much_of_the_allowance_the_fixed_stack_takes() -> None:
    results = _fake_results()
    results["browser"]["memory"]["floor_store_after_visits"] = {"VmRSS": 230.0}
    text = report.markdown(results)
    assert "| floor + DuckDB store (opened, one count per page) | after visiting every page | 230 MB |" in text
    assert ("The fixed stack alone (Streamlit, Plotly, pandas and DuckDB with the store open, trivial pages) is "
            "130 MB over the bare server, against an allowance of 150 MB; the dashboard is +70 MB from that floor."
            ) in text  # fmt: skip
    # Without that server (quick mode) the sentence is left out rather than guessed.
    assert "The fixed stack alone" not in report.markdown(_fake_results())
