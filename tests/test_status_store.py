"""Task status in the store: a history of reports, never overwritten; the status on any past date; overdue
derived; an agency that never reported has no completion (not 0 %); stale commits refused; rollback."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from lib.store import database, status
from lib.store import status_queries as sq
from tests import status_samples as s

TODAY = dt.date(2021, 3, 1)
NOW = dt.datetime(2021, 3, 1, 9, 0)
THANH_TRA = "Thanh tra tỉnh"
NOI_VU = "Sở Nội vụ"


def _forms(con) -> dict[str, bytes]:
    return status.agency_forms(con, s.PLAN)


def _load(con, agency: str, rows: dict, user: str = "Lan") -> int:
    form = _forms(con)[f"{agency} - {s.PLAN}.xlsx"]
    checks = status.check(con, [(f"{agency}.xlsx", s.fill(form, rows))], today=TODAY, bounded=False)
    assert all(c.ok for c in checks), [p.located("en") for c in checks for p in c.problems]
    return status.commit(con, checks, status.preview(con, checks), user, now=NOW)


def _status_of(con, task: str, day: dt.date = TODAY) -> object:
    frame = sq.task_status(con, s.PLAN, day)
    value = frame.set_index("task_id").loc[task, "status"]
    return None if pd.isna(value) else value


def test_a_status_is_a_history_and_any_past_date_shows_the_status_then(fresh_store) -> None:
    task = s.agency_tasks(THANH_TRA)[0]
    _load(fresh_store, THANH_TRA, {task: {"status": "đang thực hiện", "reported_on": dt.date(2020, 5, 1),
                                          "note": "Đã xây dựng kế hoạch"}})
    _load(fresh_store, THANH_TRA, {task: s.done(dt.date(2020, 9, 1), "Đã tổ chức đối thoại")})
    assert _status_of(fresh_store, task, dt.date(2020, 4, 30)) is None
    assert _status_of(fresh_store, task, dt.date(2020, 5, 1)) == "in_progress"
    assert _status_of(fresh_store, task, dt.date(2020, 8, 31)) == "in_progress"
    assert _status_of(fresh_store, task) == "done"
    history = sq.task_history(fresh_store, task)
    assert history["status"].tolist() == ["done", "in_progress"]  # both kept, newest first
    assert history["note"].tolist() == ["Đã tổ chức đối thoại", "Đã xây dựng kế hoạch"]
    assert history["user_name"].tolist() == ["Lan", "Lan"]
    assert history["file_name"].tolist() == ["Thanh tra tỉnh.xlsx"] * 2


def test_a_report_older_than_the_current_one_is_kept_but_does_not_replace_it(fresh_store) -> None:
    task = s.agency_tasks(THANH_TRA)[0]
    _load(fresh_store, THANH_TRA, {task: s.done(dt.date(2020, 9, 1))})
    form = _forms(fresh_store)[f"{THANH_TRA} - {s.PLAN}.xlsx"]
    older = s.fill(form, {task: {"status": "đang thực hiện", "reported_on": dt.date(2020, 6, 1)}})
    checks = status.check(fresh_store, [("old.xlsx", older)], today=TODAY, bounded=False)
    seen = status.preview(fresh_store, checks)
    assert seen.changes["kind"].tolist() == ["earlier"]
    status.commit(fresh_store, checks, seen, "Lan", now=NOW)
    assert _status_of(fresh_store, task) == "done"
    assert _status_of(fresh_store, task, dt.date(2020, 7, 1)) == "in_progress"


def test_completion_counts_and_an_agency_that_never_reported_is_not_zero(fresh_store) -> None:
    tasks = s.agency_tasks(THANH_TRA)
    _load(fresh_store, THANH_TRA, {tasks[0]: s.done(dt.date(2020, 6, 1)),
                                   tasks[1]: s.done(dt.date(2020, 6, 1)),
                                   tasks[2]: {"status": "đang thực hiện", "reported_on": dt.date(2020, 6, 1)}})
    plan = sq.completion(fresh_store, s.PLAN, TODAY).iloc[0]
    assert (int(plan["tasks"]), int(plan["done"]), int(plan["in_progress"])) == (len(s.plan_tasks()), 2, 1)
    assert int(plan["unreported"]) == len(s.plan_tasks()) - 3
    assert pd.Timestamp(plan["reporting_date"]).date() == dt.date(2020, 6, 1)
    agencies = sq.agency_completion(fresh_store, s.PLAN, TODAY).set_index("agency")
    inspectorate = agencies.loc[THANH_TRA]
    assert int(inspectorate["tasks"]) == len(tasks)
    assert inspectorate["completion"] == pytest.approx(2 / len(tasks))
    assert bool(inspectorate["sent_report"])
    # Sở Nội vụ shares none of those three tasks and sent nothing: no completion, never 0 %.
    assert not set(s.agency_tasks(NOI_VU)) & set(tasks[:3])
    home = agencies.loc[NOI_VU]
    assert pd.isna(home["completion"]) and not bool(home["sent_report"]) and not bool(home["reported"])
    assert int(home["tasks"]) == len(s.agency_tasks(NOI_VU))


def test_overdue_is_derived_from_the_deadline_and_the_reporting_date(fresh_store) -> None:
    task, other = s.agency_tasks(THANH_TRA)[:2]
    # The seed plan writes no deadline: a task of the 2020 plan is due at the end of 2020.
    frame = sq.task_status(fresh_store, s.PLAN, dt.date(2020, 12, 31)).set_index("task_id")
    assert not frame["overdue"].any()
    frame = sq.task_status(fresh_store, s.PLAN, dt.date(2021, 1, 1)).set_index("task_id")
    assert frame["overdue"].all() and set(frame["due_source"]) == {"plan_year"}
    # Done is never overdue; an editor's deadline moves the due date.
    _load(fresh_store, THANH_TRA, {task: s.done(dt.date(2020, 12, 1))})
    status.set_status(fresh_store, other, "in_progress", "Minh", reported_on=dt.date(2020, 12, 20),
                      deadline_override=dt.date(2021, 6, 30), now=NOW)
    frame = sq.task_status(fresh_store, s.PLAN, TODAY).set_index("task_id")
    assert not frame.loc[task, "overdue"]
    assert not frame.loc[other, "overdue"] and frame.loc[other, "due_source"] == "editor"
    assert pd.Timestamp(frame.loc[other, "due_date"]).date() == dt.date(2021, 6, 30)
    assert int(sq.completion(fresh_store, s.PLAN, TODAY).iloc[0]["overdue"]) == len(s.plan_tasks()) - 2
    later = sq.task_status(fresh_store, s.PLAN, dt.date(2021, 7, 1)).set_index("task_id")
    assert later.loc[other, "overdue"]


def test_a_commit_raises_the_store_version_and_keeps_the_raw_file(fresh_store) -> None:
    before = database.store_version(fresh_store)
    task = s.agency_tasks(THANH_TRA)[0]
    form = _forms(fresh_store)[f"{THANH_TRA} - {s.PLAN}.xlsx"]
    data = s.fill(form, {task: s.done(dt.date(2020, 6, 1))})
    checks = status.check(fresh_store, [("tt.xlsx", data)], today=TODAY, bounded=False)
    upload = status.commit(fresh_store, checks, status.preview(fresh_store, checks), "Lan", now=NOW)
    assert database.store_version(fresh_store) != before
    assert status.raw_files(fresh_store, upload) == [("tt.xlsx", data)]


def test_the_same_report_twice_changes_nothing_and_is_refused(fresh_store) -> None:
    task = s.agency_tasks(THANH_TRA)[0]
    _load(fresh_store, THANH_TRA, {task: s.done(dt.date(2020, 6, 1))})
    before = database.content_digest(fresh_store)
    form = _forms(fresh_store)[f"{THANH_TRA} - {s.PLAN}.xlsx"]
    checks = status.check(fresh_store, [("again.xlsx", s.fill(form, {task: s.done(dt.date(2020, 6, 1))}))],
                          today=TODAY, bounded=False)
    seen = status.preview(fresh_store, checks)
    assert seen.unchanged == 1 and seen.changes.empty
    with pytest.raises(status.Refused) as refused:
        status.commit(fresh_store, checks, seen, "Lan")
    assert refused.value.code == "nothing"
    assert database.content_digest(fresh_store) == before


def test_two_editors_on_different_agencies_both_land_on_the_same_task_the_second_is_stale(fresh_store) -> None:
    con = fresh_store
    forms = _forms(con)
    shared = next(t for t in s.agency_tasks(THANH_TRA) if t in s.agency_tasks(NOI_VU))
    only_tt = next(t for t in s.agency_tasks(THANH_TRA) if t not in s.agency_tasks(NOI_VU))
    only_nv = next(t for t in s.agency_tasks(NOI_VU) if t not in s.agency_tasks(THANH_TRA))

    def checked(agency: str, rows: dict) -> list:
        data = s.fill(forms[f"{agency} - {s.PLAN}.xlsx"], rows)
        return status.check(con, [(f"{agency}.xlsx", data)], today=TODAY, bounded=False)

    # Different tasks: both previews made first, both commits land.
    a = checked(THANH_TRA, {only_tt: s.done(dt.date(2020, 6, 1))})
    b = checked(NOI_VU, {only_nv: s.done(dt.date(2020, 6, 2))})
    seen_a, seen_b = status.preview(con, a), status.preview(con, b)
    status.commit(con, a, seen_a, "Lan")
    status.commit(con, b, seen_b, "Minh")
    assert (_status_of(con, only_tt), _status_of(con, only_nv)) == ("done", "done")
    # The same task: the second commit saw an older latest report and is refused, nothing written.
    c = checked(THANH_TRA, {shared: s.done(dt.date(2020, 7, 1), "Thanh tra")})
    d = checked(NOI_VU, {shared: {"status": "đang thực hiện", "reported_on": dt.date(2020, 7, 2)}})
    seen_c, seen_d = status.preview(con, c), status.preview(con, d)
    status.commit(con, c, seen_c, "Lan")
    before = database.content_digest(con)
    with pytest.raises(status.Refused) as refused:
        status.commit(con, d, seen_d, "Minh")
    assert refused.value.code == "stale" and shared in refused.value.message("en")
    assert "preview again" in refused.value.message("en")
    assert database.content_digest(con) == before
    assert _status_of(con, shared) == "done"


def test_rollback_restores_the_previous_status_and_keeps_the_history(fresh_store) -> None:
    task = s.agency_tasks(THANH_TRA)[0]
    first = _load(fresh_store, THANH_TRA, {task: {"status": "đang thực hiện", "reported_on": dt.date(2020, 5, 1)}})
    second = _load(fresh_store, THANH_TRA, {task: s.done(dt.date(2020, 9, 1))})
    with pytest.raises(status.Refused) as refused:
        status.rollback(fresh_store, first, "Minh")
    assert refused.value.code == "later_uploads" and f"#{second}" in refused.value.message("vi")
    version = database.store_version(fresh_store)
    back = status.rollback(fresh_store, second, "Minh", now=NOW)
    assert database.store_version(fresh_store) != version
    assert _status_of(fresh_store, task) == "in_progress"
    history = sq.task_history(fresh_store, task)
    assert history["active"].tolist() == [False, True]  # the rolled-back report stays, not counted
    uploads = sq.status_history(fresh_store).set_index("id")
    assert uploads.loc[second, "status"] == "rolled_back" and int(uploads.loc[second, "rolled_back_by"]) == back
    with pytest.raises(status.Refused) as again:
        status.rollback(fresh_store, second, "Minh")
    assert again.value.code == "already_rolled_back"


def test_an_editor_sets_one_tasks_status_on_the_page(fresh_store) -> None:
    task = s.agency_tasks(THANH_TRA)[0]
    seen = status.newest_report(fresh_store, task)
    with pytest.raises(status.Refused) as refused:
        status.set_status(fresh_store, task, "not_done", "Minh", reported_on=dt.date(2020, 6, 1), now=NOW)
    assert refused.value.code == "reason_missing"
    status.set_status(fresh_store, task, "not_done", "Minh", reported_on=dt.date(2020, 6, 1), reason="Hết kinh phí",
                      seen=seen, now=NOW)
    assert _status_of(fresh_store, task) == "not_done"
    # A second page edit made from the same (now old) view is stale.
    with pytest.raises(status.Refused) as stale:
        status.set_status(fresh_store, task, "done", "Lan", reported_on=dt.date(2020, 6, 2), seen=seen, now=NOW)
    assert stale.value.code == "stale"
    history = sq.task_history(fresh_store, task)
    assert history[["status", "reason", "user_name"]].values.tolist() == [["not_done", "Hết kinh phí", "Minh"]]


def test_the_brief_shows_completion_and_overdue_once_reports_exist(fresh_store) -> None:
    from lib.present import brief, brief_data

    before = brief_data.gather(fresh_store, "66", 2024, today=TODAY)
    assert "Chưa có báo cáo tiến độ nhiệm vụ" in brief.key_sentences(before, "vi")[-1]
    tasks = s.agency_tasks(THANH_TRA)
    _load(fresh_store, THANH_TRA, {tasks[0]: s.done(dt.date(2020, 6, 1)), tasks[1]: s.done(dt.date(2020, 6, 1))})
    data = brief_data.gather(fresh_store, "66", 2024, today=TODAY)
    total = len(s.plan_tasks())
    assert brief.key_sentences(data, "en")[-1] == (
        f"Progress so far: 2 of {total} tasks done, {total - 2} overdue, {total - 2} with no report yet "
        "(latest report on 2020-06-01).")
    assert brief.agency_completion_text(data, THANH_TRA) == f"{100 * 2 / len(tasks):.0f}%"
    assert brief.agency_completion_text(data, "Công an tỉnh") == "—"  # nothing known of its tasks
    assert brief.render([data], "vi").startswith(b"%PDF")


def test_the_figures_count_every_task_once_and_unreported_apart(fresh_store) -> None:
    from lib.present import charts_status

    tasks = s.agency_tasks(THANH_TRA)
    _load(fresh_store, THANH_TRA, {tasks[0]: s.done(dt.date(2020, 6, 1)),
                                   tasks[1]: {"status": "đang thực hiện", "reported_on": dt.date(2020, 6, 1)}})
    plan = sq.completion(fresh_store, s.PLAN, TODAY)
    bars = {trace.name: trace.x[0] for trace in charts_status.completion_figure(plan, "vi").data}
    assert sum(bars.values()) == len(s.plan_tasks())
    assert (bars["Hoàn thành"], bars["Đang thực hiện"], bars["Chưa báo cáo"]) == (1, 1, len(s.plan_tasks()) - 2)
    agencies = sq.agency_completion(fresh_store, s.PLAN, TODAY)
    figure = charts_status.agency_completion_figure(agencies, "en", top=5)
    bars = [trace for trace in figure.data if trace.type == "bar"]
    totals = [sum(trace.x[i] for trace in bars) for i in range(5)]
    assert totals == agencies["tasks"].head(5).tolist()
