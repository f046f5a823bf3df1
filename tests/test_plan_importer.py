"""Plans on the safe path: commit, replace (refused without the flag), rollback to the previous plan or the seed,
history with the raw file, a second editor's stale preview, and faults that leave the store unchanged."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from lib.domain import paths
from lib.domain.agencies import AcceptedName
from lib.ingest import plan, plan_review
from lib.ingest.plan_parse import check_plan
from lib.store import database, plan_importer, queries
from tests import plan_samples
from tests import plan_store_samples as kt

NOW = dt.datetime(2026, 5, 1, 9, 0)


@pytest.fixture()
def con(tmp_path: Path):
    connection = database.connect(tmp_path / "papi.duckdb")
    yield connection
    connection.close()


def _check(data: bytes, name: str = "ke-hoach-kon-tum.docx", province: str = kt.PROVINCE, year: int = kt.YEAR):
    # In-process: the bounded child of `plan_importer.check` gives the same PlanCheck (tested in test_plan_cli).
    return check_plan(data, name, province=province, year=year)


def _load(con, data: bytes, user: str = "Lan", replace: bool = False, review=None, document: str = kt.DOCUMENT,
          province: str = kt.PROVINCE, year: int = kt.YEAR, name: str = "ke-hoach-kon-tum.docx") -> int:
    result = _check(data, name, province, year)
    seen = plan_importer.preview(con, result, province, year, document)
    return plan_importer.commit(con, result, seen, user, data, review=review, replace=replace, now=NOW)


def _tasks(con, plan_id: str) -> pd.DataFrame:
    return con.cursor().execute("SELECT * FROM tasks WHERE plan_id = ? ORDER BY task_id", [plan_id]).df()


def test_a_committed_plan_of_another_province_shows_with_its_tasks_sections_agencies_and_deadlines(con) -> None:
    before = database.store_version(con)
    upload_id = _load(con, kt.docx())
    assert database.store_version(con) != before  # every session's caches see the new plan
    plans = queries.province_plans(con, kt.CODE, "63")
    assert plans[["plan_id", "province", "plan_year", "document", "tasks"]].to_dict("records") == [
        {"plan_id": "63-62-2023", "province": "Kon Tum", "plan_year": 2023, "document": kt.DOCUMENT, "tasks": 5}]
    assert int(plans["upload_id"].iloc[0]) == upload_id
    summary = queries.plan_summary(con, kt.CODE, "63").iloc[0]
    assert (summary["tasks"], summary["no_lead"], summary["plan_years"]) == (5, 0, "2023")
    tasks = _tasks(con, "63-62-2023")
    assert tasks["task_id"].tolist() == ["63-62-2023-I-01", "63-62-2023-I-02", "63-62-2023-II-01",
                                         "63-62-2023-II-02", "63-62-2023-III-01"]
    first = tasks.iloc[0]
    assert first["task"] == "Công khai quy hoạch, kế hoạch sử dụng đất trên Cổng thông tin điện tử tỉnh"
    assert first["plan_section_title"] == "Công khai, minh bạch"
    assert first["lead_agency"] == "Sở Tài nguyên và Môi trường"
    # The likely alias is stored as the known agency it most resembles (the editor's default, shown in preview).
    assert first["implementing_agencies"] == "UBND cấp huyện;Sở Tài chính"
    assert (first["deadline"], str(first["deadline_date"])[:10]) == ("Quý III/2023", "2023-09-30")
    assert first["output"] == "Quy hoạch được công khai"
    assert tasks.loc[tasks["task_id"] == "63-62-2023-II-01", "deadline"].item() == "Thường xuyên"
    assert pd.isna(tasks.loc[tasks["task_id"] == "63-62-2023-II-01", "deadline_date"].item())  # never invented
    agencies = con.cursor().execute(
        "SELECT written, name, decision, status FROM stored_agencies ORDER BY written").fetchall()
    assert agencies == [
        ("Ban Quản lý Khu du lịch Măng Đen", "Ban Quản lý Khu du lịch Măng Đen", "new", "new"),
        ("Sở Tài chánh", "Sở Tài chính", "alias", "likely_alias"),
    ]


def test_names_reviewed_on_a_plan_are_known_in_the_next_plans_check_until_that_load_is_rolled_back(con) -> None:
    """An editor accepts "Ban Quản lý Khu du lịch Măng Đen" as new and merges "Sở Tài chánh" into Sở Tài chính;
    the next plan naming them (here the same appendix for 2024) needs no review of those names again."""
    def unknown(accepted: tuple[AcceptedName, ...]) -> list[str]:
        # Through the bounded child process, as the Upload page and the command line check a file.
        check = plan_importer.check(kt.docx(), "ke-hoach-2024.docx", kt.PROVINCE, kt.YEAR + 1, accepted)
        assert check.ok, check.problems
        return plan_review.agencies_frame(check)["written"].tolist()

    assert plan_importer.accepted_names(con) == ()
    assert sorted(unknown(())) == ["Ban Quản lý Khu du lịch Măng Đen", "Sở Tài chánh"]
    upload_id = _load(con, kt.docx())
    accepted = plan_importer.accepted_names(con)
    assert [(a.written, a.name) for a in accepted] == [
        ("Ban Quản lý Khu du lịch Măng Đen", "Ban Quản lý Khu du lịch Măng Đen"),
        ("Sở Tài chánh", "Sở Tài chính"),
    ]
    assert unknown(accepted) == []
    plan_importer.rollback(con, upload_id, "Lan", now=NOW)
    assert plan_importer.accepted_names(con) == ()


def test_loading_the_same_plan_again_is_refused_without_replace_and_says_how(con) -> None:
    _load(con, kt.docx())
    before = database.content_digest(con)
    with pytest.raises(plan_importer.Refused) as refused:
        _load(con, kt.docx_without_last_task(), user="Minh")
    assert refused.value.code == "exists"
    assert "--replace" in refused.value.message("en") and "--replace" in refused.value.message("vi")
    assert "63-62-2023" in refused.value.message("en")
    assert database.content_digest(con) == before


def test_replace_keeps_the_plan_id_and_rollback_restores_the_previous_plan(con) -> None:
    first = _load(con, kt.docx())
    original = _tasks(con, "63-62-2023")
    second = _load(con, kt.docx_without_last_task(), user="Minh", replace=True)
    assert len(_tasks(con, "63-62-2023")) == 4
    assert queries.province_plans(con, kt.CODE, "63")["plan_id"].tolist() == ["63-62-2023"]
    # The first load cannot be undone while the second one stands on it.
    with pytest.raises(plan_importer.Refused) as refused:
        plan_importer.rollback(con, first, "Lan")
    assert refused.value.code == "later_loads" and f"#{second}" in refused.value.message("en")
    plan_importer.rollback(con, second, "Minh")
    restored = _tasks(con, "63-62-2023")
    pd.testing.assert_frame_equal(restored, original)
    history = plan_importer.history(con)
    assert history[["action", "status", "replaced"]].fillna("-").values.tolist() == [
        ["rollback", "done", "-"], ["load", "rolled_back", "loaded"], ["load", "active", "-"]]


def test_replacing_the_seed_and_rolling_back_restores_the_seed(con) -> None:
    seed = _tasks(con, "DLK-2020")
    assert len(seed) == 85
    data = plan_samples.seed_docx()
    result = _check(data, "dak-lak-2020.docx", "Đắk Lắk", 2020)
    seen = plan_importer.preview(con, result, "Đắk Lắk", 2020, str(plan.DAK_LAK_2020_PLAN["document"]))
    assert seen.existing is not None and seen.existing["source"] == "seed" and seen.plan["plan_id"] == "DLK-2020"
    # The editor moves section V to dimension 6 in the preview before committing.
    review = plan.crosswalk_review(result, plan.load_crosswalk())
    review.sections["V"] = plan_review.Link(6, (), "reviewed")
    upload_id = plan_importer.commit(con, result, seen, "Lan", data, review=review, replace=True, now=NOW)
    loaded = _tasks(con, "DLK-2020")
    assert loaded["task_id"].tolist() == seed["task_id"].tolist()  # stable ids: same document, same ids
    assert set(loaded.loc[loaded["plan_section"] == "V", "dimension"]) == {6}
    assert queries.plan_summary(con, "66", "63").iloc[0]["tasks"] == 85
    plan_importer.rollback(con, upload_id, "Lan")
    pd.testing.assert_frame_equal(_tasks(con, "DLK-2020"), seed)
    assert set(_tasks(con, "DLK-2020").loc[lambda f: f["plan_section"] == "V", "dimension"]) == {5}


def test_history_keeps_the_file_its_sha256_and_who_loaded_it(con) -> None:
    data = kt.docx()
    upload_id = _load(con, data, user="Nguyễn Thị Lan")
    row = plan_importer.history(con).iloc[0]
    assert row["sha256"] == hashlib.sha256(data).hexdigest()
    assert row["file_name"] == "ke-hoach-kon-tum.docx"
    assert (row["user_name"], row["action"], row["tasks"], row["size_bytes"]) == ("Nguyễn Thị Lan", "load", 5,
                                                                                   len(data))
    assert plan_importer.raw_file(con, upload_id) == ("ke-hoach-kon-tum.docx", data)
    # Score history is not touched: a plan never blocks rolling back a score year.
    assert queries.upload_history(con).empty


def test_a_second_editors_preview_from_before_the_first_commit_is_refused(con) -> None:
    data = kt.docx()
    result = _check(data)
    lan = plan_importer.preview(con, result, kt.PROVINCE, kt.YEAR, kt.DOCUMENT)
    minh = plan_importer.preview(con, result, kt.PROVINCE, kt.YEAR, kt.DOCUMENT)
    plan_importer.commit(con, result, lan, "Lan", data)
    before = database.content_digest(con)
    with pytest.raises(plan_importer.Refused) as refused:
        plan_importer.commit(con, result, minh, "Minh", data, replace=True)
    assert refused.value.code == "stale"
    assert database.content_digest(con) == before
    assert plan_importer.history(con)["user_name"].tolist() == ["Lan"]


def test_another_document_of_the_same_province_and_year_is_a_second_plan(con) -> None:
    _load(con, kt.docx())
    _load(con, kt.docx_without_last_task(), document="Kế hoạch 46/KH-UBND")
    plans = queries.province_plans(con, kt.CODE, "63")
    assert sorted(plans["plan_id"]) == ["63-62-2023", "63-62-2023-2"]
    assert queries.plan_summary(con, kt.CODE, "63").iloc[0]["tasks"] == 9
    assert queries.plan_summary(con, kt.CODE, "63", plan_id="63-62-2023-2").iloc[0]["tasks"] == 4


def test_the_reviewed_mapping_and_agency_names_are_what_is_stored(con) -> None:
    data = kt.docx()
    result = _check(data)
    sections = plan_review.sections_frame(result)
    tasks = plan_review.tasks_frame(result)
    agencies = plan_review.agencies_frame(result)
    # The editor: section III is about e-government portals and e-responsiveness (its task follows the
    # section), task 2 is about poverty lists and access to information, the new agency is written with its
    # province, the likely alias is kept as written.
    sections.loc[sections["section"] == "III", "papi_keys"] = "e_responsiveness; e_government_portals"
    tasks.loc[1, "papi_keys"] = "access_to_information;poverty_lists"
    agencies.loc[agencies["written"] == "Ban Quản lý Khu du lịch Măng Đen", "name"] = \
        "Ban Quản lý Khu du lịch Măng Đen tỉnh Kon Tum"
    agencies.loc[agencies["written"] == "Sở Tài chánh", "name"] = "Sở Tài chánh"
    review = plan_review.review_from_frames(result, sections, tasks, agencies)
    seen = plan_importer.preview(con, result, kt.PROVINCE, kt.YEAR, kt.DOCUMENT)
    plan_importer.commit(con, result, seen, "Lan", data, review=review)
    stored = _tasks(con, "63-62-2023").set_index("task_id")
    assert stored.loc["63-62-2023-III-01", "dimension"] == 8
    assert stored.loc["63-62-2023-III-01", "papi_subdimensions"] == "e_government_portals;e_responsiveness"
    # Keys in the official order of the plan year's structure, confidence 1 for a reviewed link.
    assert stored.loc["63-62-2023-I-02", "papi_subdimensions"] == "access_to_information;poverty_lists"
    assert stored.loc["63-62-2023-I-02", "papi_confidence"] == 1.0
    assert stored.loc["63-62-2023-I-01", "papi_subdimensions"] == "land_use_plans"  # untouched: as proposed
    assert stored.loc["63-62-2023-II-02", "implementing_agencies"] == "Ban Quản lý Khu du lịch Măng Đen tỉnh Kon Tum"
    assert stored.loc["63-62-2023-I-01", "implementing_agencies"] == "UBND cấp huyện;Sở Tài chánh"
    decisions = dict(con.cursor().execute("SELECT written, decision FROM stored_agencies").fetchall())
    assert decisions == {"Ban Quản lý Khu du lịch Măng Đen": "corrected", "Sở Tài chánh": "new"}
    # The agency load counts the stored names.
    load = queries.agency_load(con, kt.CODE, "63")
    assert "Sở Tài chánh" in set(load["agency"])


def test_a_task_the_editor_unlinks_from_papi_stays_visible_as_unmapped(con) -> None:
    data = kt.docx()
    result = _check(data)
    tasks = plan_review.tasks_frame(result)
    tasks["dimension"] = tasks["dimension"].astype("Int64")
    tasks.loc[4, "dimension"] = pd.NA  # the editor clears the dimension of the portal task
    tasks.loc[4, "papi_keys"] = None
    review = plan_review.review_from_frames(result, plan_review.sections_frame(result), tasks,
                                            plan_review.agencies_frame(result))
    assert review.tasks == {4: plan_review.Link(None, (), "reviewed")}
    seen = plan_importer.preview(con, result, kt.PROVINCE, kt.YEAR, kt.DOCUMENT)
    plan_importer.commit(con, result, seen, "Lan", data, review=review)
    stored = _tasks(con, "63-62-2023").set_index("task_id")
    assert pd.isna(stored.loc["63-62-2023-III-01", "dimension"])
    assert queries.plan_summary(con, kt.CODE, "63").iloc[0]["tasks"] == 5  # counted, never dropped


def test_a_review_naming_a_key_of_another_dimension_is_refused_and_nothing_is_stored(con) -> None:
    data = kt.docx()
    result = _check(data)
    seen = plan_importer.preview(con, result, kt.PROVINCE, kt.YEAR, kt.DOCUMENT)
    before = database.content_digest(con)
    review = plan_review.Review(sections={"I": plan_review.Link(2, ("air_quality",))})
    with pytest.raises(plan_importer.Refused) as refused:
        plan_importer.commit(con, result, seen, "Lan", data, review=review)
    assert refused.value.code == "bad_review"
    assert "air_quality" in refused.value.message("vi") and "I" in refused.value.message("en")
    assert database.content_digest(con) == before


def test_an_unknown_province_is_refused_with_the_closest_names(con) -> None:
    result = _check(kt.docx())
    with pytest.raises(plan_importer.Refused) as refused:
        plan_importer.preview(con, result, "Kon Tom", kt.YEAR, kt.DOCUMENT)
    assert refused.value.code == "unknown_province"
    assert "Kon Tum" in refused.value.message("en")


def test_a_file_with_errors_is_neither_previewed_nor_committed(con) -> None:
    bad = plan_samples.docx_bytes(["STT", "Ghi chú"], [["1", "không có cột nhiệm vụ"]])
    result = _check(bad, "bad.docx")
    assert result.errors
    with pytest.raises(plan_importer.Refused) as refused:
        plan_importer.preview(con, result, kt.PROVINCE, kt.YEAR, kt.DOCUMENT)
    assert refused.value.code == "invalid"


@pytest.mark.parametrize("point", [p for p in plan_importer.POINTS if p != "after_commit"])
def test_a_fault_anywhere_in_a_commit_leaves_the_store_unchanged(point: str, con,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    _load(con, kt.docx())  # so the replace path (keeping the previous plan aside) runs too
    before = database.content_digest(con)
    version = database.store_version(con)

    def fail(name: str) -> None:
        if name == point:
            raise RuntimeError(f"fault at {name}")

    monkeypatch.setattr(plan_importer, "_fault", fail)
    with pytest.raises(RuntimeError, match=point):
        _load(con, kt.docx_without_last_task(), replace=True)
    assert database.content_digest(con) == before
    assert database.store_version(con) == version


def test_a_fault_in_a_rollback_leaves_the_store_unchanged(con, monkeypatch: pytest.MonkeyPatch) -> None:
    upload_id = _load(con, kt.docx())
    before = database.content_digest(con)
    monkeypatch.setattr(plan_importer, "_fault", lambda name: (_ for _ in ()).throw(RuntimeError(name)))
    with pytest.raises(RuntimeError, match="rollback_before_commit"):
        plan_importer.rollback(con, upload_id, "Lan")
    assert database.content_digest(con) == before


# Runs in a child process: load the Kon Tum plan and SIGKILL itself at the named point.
CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from lib.ingest.plan_parse import check_plan
    from lib.store import database, plan_importer

    db, point, file = sys.argv[1:4]

    def fault(name):
        if name == point:
            os.kill(os.getpid(), signal.SIGKILL)

    plan_importer._fault = fault
    con = database.connect(Path(db))
    data = Path(file).read_bytes()
    result = check_plan(data, "kt.docx", province="Kon Tum", year=2023)
    seen = plan_importer.preview(con, result, "Kon Tum", 2023, "Kế hoạch 45/KH-UBND")
    plan_importer.commit(con, result, seen, "killer", data)
    con.close()
    print("finished", flush=True)
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("point", ["inserted", "after_commit"])
def test_a_killed_load_leaves_the_store_before_or_after(point: str, tmp_path: Path) -> None:
    seed = tmp_path / "seed.duckdb"
    database.connect(seed).close()
    db = tmp_path / "papi.duckdb"
    shutil.copy(seed, db)
    file = tmp_path / "kt.docx"
    file.write_bytes(kt.docx())
    done = subprocess.run([sys.executable, "-c", CHILD, str(db), point, str(file)], cwd=paths.ROOT,
                          capture_output=True, text=True, timeout=120, env={**os.environ, "PAPI_DB": str(db)})
    assert done.returncode == -signal.SIGKILL, done.stderr
    con = database.connect(db)
    loaded = con.cursor().execute("SELECT count(*) FROM tasks WHERE plan_id = '63-62-2023'").fetchone()[0]
    loads = con.cursor().execute("SELECT count(*) FROM plan_uploads").fetchone()[0]
    con.close()
    assert (loaded, loads) == ((5, 1) if point == "after_commit" else (0, 0))
