"""The benchmark runs, and judges its budgets from the numbers it measures.

The browser part is left to `.ci/run` (`python -m bench.run --quick`, a few minutes); here the benchmark
runs without it, end to end, and the budget rules of issue 11 are checked on measurements made up for the test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench import report, stats
from bench.pages import discover
from lib.domain import paths


@pytest.mark.slow
def test_the_benchmark_runs_and_judges_every_page(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--quick", "--skip-browser", "--out", str(tmp_path)],
        cwd=paths.ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    results = json.loads((tmp_path / "latest.json").read_text(encoding="utf-8"))
    warm = {b["scope"]: b for b in results["budgets"] if b["budget"] == "Script run, warm, 1×"}
    assert sorted(warm) == sorted(p.url for p in discover())
    assert all(b["result"] in ("PASS", "FAIL") and b["value"] > 0 for b in warm.values())
    if (paths.SOURCES_DIR / "papi").exists():
        upload = next(b for b in results["budgets"] if b["budget"] == "Check + commit one official year")
        assert upload["scope"] == "2024.csv" and upload["result"] in ("PASS", "FAIL")
    forms = next(b for b in results["budgets"] if b["budget"] == "Check + commit 30 report forms")
    assert forms["result"] in ("PASS", "FAIL") and results["status"]["agencies"] == 28
    assert (tmp_path / "latest.md").read_text(encoding="utf-8").startswith("# Performance benchmark")


def _timings(real: float, charts: float, elements: float) -> dict[str, dict[str, dict[str, list[float]]]]:
    return {side: {"trends": {"first_load": [value], "switch": [value], "filter": [value]}}
            for side, value in (("real", real), ("floor", charts), ("elements", elements))}  # fmt: skip


@pytest.mark.parametrize(
    ("real", "charts", "elements", "first_load", "interaction"),
    [
        (1.10, 1.0, 1.0, "PASS", {"elements": "PASS", "floor": "PASS"}),  # 1.10× both floors
        (1.20, 1.0, 1.0, "FAIL", {"elements": "PASS", "floor": "PASS"}),  # first load over 1.15× the chart floor
        (1.50, 1.0, 1.0, "FAIL", {"elements": "FAIL", "floor": "PASS"}),  # 1.5× the element floor
        (1.70, 1.0, 1.4, "FAIL", {"elements": "PASS", "floor": "FAIL"}),  # 1.21× elements, but 1.7× the chart floor
    ],
)
def test_browser_budgets_take_both_floors(real: float, charts: float, elements: float, first_load: str,
                                          interaction: dict[str, str]) -> None:  # fmt: skip
    budgets = report.evaluate_budgets({"browser": {"timings": _timings(real, charts, elements)}})
    got = {b["budget"]: (b["result"], b["limit"]) for b in budgets}
    assert got["First load / chart floor"] == (first_load, 1.15)
    assert "First load / element floor" not in got
    for action in ("Page switch", "Year change"):
        assert got[f"{action} / element floor"] == (interaction["elements"], 1.25)
        assert got[f"{action} / chart floor"] == (interaction["floor"], 1.6)


def test_memory_budget_is_over_the_fixed_stack_and_absent_values_are_not_guessed() -> None:
    memory = {"bare_after_visit": {"VmRSS": 77.0}, "real_after_visits": {"VmRSS": 236.0},
              "floor_store_after_visits": {"VmRSS": 210.0}}  # fmt: skip
    (budget,) = [b for b in report.evaluate_budgets({"browser": {"memory": memory}}) if b["unit"] == "MB"]
    assert (budget["value"], budget["limit"], budget["result"]) == (26.0, 40.0, "PASS")  # 236 - 210, not 236 - 77
    memory["real_after_visits"]["VmRSS"] = 251.0
    assert [b["result"] for b in report.evaluate_budgets({"browser": {"memory": memory}})] == ["FAIL"]
    del memory["floor_store_after_visits"]
    assert [b["result"] for b in report.evaluate_budgets({"browser": {"memory": memory}})] == ["n/a"]


def test_the_other_budgets_stay() -> None:
    warm = {"1": 0.1, "100": 0.4}
    sizes = {size: {"pages": {"overview": {"warm": stats.summary([value])}}} for size, value in warm.items()}
    concurrency = {"users": 10, "single": stats.summary([1.0]), "many": stats.summary([1.0, 2.5])}
    results = {"server": {"sizes": sizes}, "browser": {"concurrency": {"real": concurrency}},
               "upload": {"available": True, "scenarios": {"official_year": {
                   "ok": True, "file": "2024.csv", "timings": {"total": stats.summary([1.2])}}}}}  # fmt: skip
    got = {b["budget"]: (b["value"], b["result"]) for b in report.evaluate_budgets(results)}
    assert got == {
        "Script run, warm, 1×": (0.1, "PASS"),
        "Script run growth 1× → 100× (warm)": (pytest.approx(4.0), "FAIL"),
        "Check + commit one official year": (1.2, "FAIL"),
        "10 users: p95 switch / one user's median": (pytest.approx(2.425), "FAIL"),
    }
