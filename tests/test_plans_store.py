"""Plans in the store: the seed plan, a loaded plan beside it, the plan filter of every plan query,
and a store written before plans existed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from lib.store import database, queries

DAK_LAK = "66"  # the same code in both eras


def _tasks(plan_id: str, count: int) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"task_id": f"{plan_id}-{n}", "province": "Đắk Lắk", "plan_year": 2021, "dimension": 5,
             "plan_section": "V", "plan_section_title": "Thủ tục hành chính công", "task": f"Task {n}",
             "lead_agency": "Sở Nội vụ", "implementing_agencies": "", "deadline": "Quý III/2021",
             "source_line": n}
            for n in range(1, count + 1)
        ]
    )


@pytest.fixture
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    connection = database.connect(tmp_path / "papi.duckdb")
    yield connection
    connection.close()


def test_the_seed_plan_is_dak_laks_2020_plan_in_both_eras(con: duckdb.DuckDBPyConnection) -> None:
    for era in ("63", "34"):
        plans = queries.province_plans(con, DAK_LAK, era)
        assert list(plans["plan_id"]) == ["DLK-2020"]
        assert int(plans.iloc[0]["plan_year"]) == 2020
        assert int(plans.iloc[0]["tasks"]) == 85  # the task rows of the appendix (tests/facts.py)


def test_a_loaded_plan_sits_beside_the_seed_and_each_query_can_take_one_plan(con: duckdb.DuckDBPyConnection) -> None:
    cur = con.cursor()
    plan = {"plan_id": "P66-2021", "era": "63", "province_code": DAK_LAK, "province": "Đắk Lắk",
            "plan_year": 2021, "document": "Kế hoạch 12/KH-UBND"}
    database.insert_plan(cur, plan, _tasks("P66-2021", 2), upload_id=7)
    plans = queries.province_plans(con, DAK_LAK, "63")
    assert list(plans["plan_id"]) == ["P66-2021", "DLK-2020"]  # newest first
    assert list(plans["tasks"]) == [2, 85]
    assert int(queries.plan_summary(con, DAK_LAK, "63").iloc[0]["tasks"]) == 87  # every plan: search across
    assert int(queries.plan_summary(con, DAK_LAK, "63", "DLK-2020").iloc[0]["tasks"]) == 85
    assert int(queries.plan_summary(con, DAK_LAK, "63", "P66-2021").iloc[0]["tasks"]) == 2
    assert len(queries.tasks_for(con, DAK_LAK, "63", 5, None, plan_id="P66-2021")) == 2
    load = queries.agency_load(con, DAK_LAK, "63", "P66-2021")
    assert list(load["agency"]) == ["Sở Nội vụ"]
    stored = cur.execute("SELECT deadline, deadline_date, implementing_agencies FROM tasks WHERE plan_id = ?",
                         ["P66-2021"]).fetchall()
    # The deadline stays as written; no date was given, none is made up; a blank cell is absent.
    assert stored == [("Quý III/2021", None, None)] * 2


def test_a_store_written_before_plans_existed_opens_with_its_seed_tasks(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = database.connect(path)
    cur = con.cursor()
    # Schema 1 kept the seed tasks in a table named `tasks`.
    cur.execute("DROP VIEW tasks CASCADE")
    cur.execute("CREATE TABLE tasks AS SELECT task_id, province, plan_year FROM seed_tasks")
    con.close()
    reopened = database.connect(path)
    assert int(queries.plan_summary(reopened, DAK_LAK, "63").iloc[0]["tasks"]) == 85
    reopened.close()
