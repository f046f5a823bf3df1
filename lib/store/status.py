"""Task status: report forms out, filled forms in (check, preview, commit, roll back), one task on the page,
and the `status` commands of `python -m lib.importer`.

    python -m lib.importer status forms --province NAME --plan-year YEAR --out DIR [--plan ID]
    python -m lib.importer status check FILE…
    python -m lib.importer status load FILE… [--user NAME]
    python -m lib.importer status history
    python -m lib.importer status rollback ID [--user NAME]

A report is never overwritten: each commit adds rows to `status_reports` and one
row to `status_uploads` (with the raw files in `status_files`), in one DuckDB
transaction that also raises the store's version.  A rollback marks the upload
rolled back (its reports stay in the history, no longer counted).  A commit
re-checks, inside the lock and the transaction, that no task it reports on got
a report since the preview; otherwise it is refused as stale and nothing is
written.  Two uploads on different tasks both land.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import io
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from lib.domain import i18n
from lib.domain import report_form as form
from lib.ingest import report_forms, validate
from lib.store import database, importer
from lib.store import status_queries as sq

_LOCK = importer._LOCK  # one lock for every commit of this process: all raise the same store version


def _fault(point: str) -> None:
    """Test hook: fault tests replace this to kill the process at a named point of a commit."""


class Refused(Exception):
    """A status commit or rollback that must not happen; its message is the catalogue's `st_refused_<code>`."""

    def __init__(self, code: str, **values: object) -> None:
        self.code = code
        self.values = values
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        return i18n.t(f"st_refused_{self.code}", lang, **self.values)


# --- Forms out ---


def agency_forms(con: duckdb.DuckDBPyConnection, plan_id: str, lang: str = "vi") -> dict[str, bytes]:
    """{file name: .xlsx bytes}: one form per agency of the plan (its tasks as lead or implementer)."""
    plan = sq.plan_row(con, plan_id)
    if plan is None:
        raise Refused("unknown_plan", plan=plan_id)
    rows = sq.agency_form_tasks(con, plan_id)
    out: dict[str, bytes] = {}
    for agency, tasks in rows.groupby("agency", sort=True):
        records = tasks.astype(object).where(tasks.notna(), None).to_dict("records")
        out[form.file_name(str(agency), plan_id)] = form.write_form(plan, str(agency), records, lang)
    return out


def agency_form(con: duckdb.DuckDBPyConnection, plan_id: str, agency: str, lang: str = "vi") -> bytes:
    """One agency's form."""
    plan = sq.plan_row(con, plan_id)
    if plan is None:
        raise Refused("unknown_plan", plan=plan_id)
    rows = sq.agency_form_tasks(con, plan_id)
    tasks = rows[rows["agency"] == agency]
    records = tasks.astype(object).where(tasks.notna(), None).to_dict("records")
    return form.write_form(plan, agency, records, lang)


def forms_zip(con: duckdb.DuckDBPyConnection, plan_id: str, lang: str = "vi") -> bytes:
    """Every agency's form of the plan in one zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in agency_forms(con, plan_id, lang).items():
            archive.writestr(name, data)
    return out.getvalue()


# --- Filled forms in ---


def check(con: duckdb.DuckDBPyConnection, files: list[tuple[str, bytes]], today: dt.date | None = None,
          bounded: bool = True) -> list[report_forms.FormCheck]:
    """Check filled forms against the store's tasks (each bounded in a child process unless `bounded=False`)."""
    return report_forms.check_forms(files, sq.known_tasks(con), today, bounded=bounded)


@dataclass
class Preview:
    """What committing checked forms would change: per task, old -> new, and what the store held."""

    reports: pd.DataFrame = field(repr=False)  # the rows to add, in the order they are recorded
    changes: pd.DataFrame = field(repr=False)  # per task: task_id, agency, file_name, old/new status and date, kind
    seen: dict[str, int | None] = field(default_factory=dict)  # task -> its newest report id at preview time
    unchanged: int = 0

    @property
    def tasks(self) -> list[str]:
        return sorted(self.seen)


def _newest(cur: duckdb.DuckDBPyConnection, task_ids: list[str]) -> dict[str, int | None]:
    rows = cur.execute(
        "SELECT r.task_id, max(r.report_id) FROM status_reports r JOIN status_uploads u ON u.id = r.upload_id "
        "WHERE u.status = 'active' AND list_contains(?, r.task_id) GROUP BY r.task_id",
        [task_ids],
    ).fetchall()
    found = {str(t): int(i) for t, i in rows}
    return {task: found.get(task) for task in task_ids}


def _current(cur: duckdb.DuckDBPyConnection, task_ids: list[str]) -> pd.DataFrame:
    return cur.execute(
        "SELECT r.task_id, r.status, r.reason, r.note, r.evidence, r.reported_on FROM status_reports r "
        "JOIN status_uploads u ON u.id = r.upload_id WHERE u.status = 'active' AND list_contains(?, r.task_id) "
        "QUALIFY row_number() OVER (PARTITION BY r.task_id ORDER BY r.reported_on DESC, r.report_id DESC) = 1",
        [task_ids],
    ).df()


_SAME = ("status", "reason", "note", "evidence", "reported_on")


def _same(a: dict[str, object], b: dict[str, object]) -> bool:
    def norm(value: object) -> object:
        if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
            return None
        if isinstance(value, pd.Timestamp | dt.datetime):
            return value.date()
        return value

    return all(norm(a.get(k)) == norm(b.get(k)) for k in _SAME)


def preview_reports(con: duckdb.DuckDBPyConnection, incoming: pd.DataFrame) -> Preview:
    """Compare incoming reports (task_id, plan_id, status, reason, note, evidence, reported_on, agency,
    file_name, sha256, sheet_row, deadline_override, role) with each task's current report."""
    order = incoming.assign(_role=(incoming["role"] == "lead").astype(int), _n=range(len(incoming)))
    order = order.sort_values(["reported_on", "_role", "_n"], kind="stable").drop(columns=["_role", "_n"])
    task_ids = sorted(set(order["task_id"]))
    cur = con.cursor()
    try:
        cur.execute("BEGIN TRANSACTION")  # one snapshot for the current reports and the newest ids
        current = _current(cur, task_ids)
        seen = _newest(cur, task_ids)
        cur.execute("COMMIT")
    finally:
        cur.close()
    now = {str(r["task_id"]): r for r in current.to_dict("records")}
    keep, changes, unchanged = [], [], 0
    for row in order.to_dict("records"):
        old = now.get(row["task_id"])
        if old is not None and _same(row, old) and row.get("deadline_override") is None:
            unchanged += 1
            continue
        keep.append(row)
        old_date = None if old is None else pd.Timestamp(old["reported_on"]).date()
        later = old_date is None or row["reported_on"] >= old_date
        changes.append({
            "task_id": row["task_id"], "agency": row.get("agency"), "file_name": row.get("file_name"),
            "old_status": None if old is None else old["status"], "old_reported_on": old_date,
            "new_status": row["status"], "new_reported_on": row["reported_on"], "note": row.get("note"),
            "kind": ("new" if old is None else "changed" if old["status"] != row["status"] else "update")
            if later else "earlier",
        })
        if later:
            now[row["task_id"]] = row
    return Preview(reports=pd.DataFrame(keep, columns=list(order.columns)), changes=pd.DataFrame(
        changes, columns=["task_id", "agency", "file_name", "old_status", "old_reported_on", "new_status",
                          "new_reported_on", "note", "kind"]), seen=seen, unchanged=unchanged)


def preview(con: duckdb.DuckDBPyConnection, checks: list[report_forms.FormCheck]) -> Preview:
    """The changes the checked forms would make; refused unless every form is ok."""
    if not checks or any(not c.ok for c in checks):
        raise Refused("invalid")
    frames = [c.reports.assign(agency=c.agency, file_name=c.file_name, sha256=c.sha256, deadline_override=None)
              for c in checks]
    return preview_reports(con, pd.concat(frames, ignore_index=True))


REPORT_COLUMNS = ["report_id", "task_id", "plan_id", "status", "reason", "note", "evidence", "reported_on",
                  "deadline_override", "agency", "recorded_at", "user_name", "upload_id", "file_name", "sha256",
                  "sheet_row"]


def _commit(con: duckdb.DuckDBPyConnection, seen: Preview, user: str, action: str,
            files: list[report_forms.FormCheck], now: dt.datetime | None) -> int:
    if not user.strip():
        raise Refused("no_user")
    if seen.reports.empty:
        raise Refused("nothing")
    when = now or dt.datetime.now()
    with _LOCK, database.transaction(con) as cur:
        _fault("begin")
        newest = _newest(cur, seen.tasks)
        stale = [task for task in seen.tasks if newest[task] != seen.seen[task]]
        if stale:
            raise Refused("stale", tasks=", ".join(stale[:10]) + (" …" if len(stale) > 10 else ""))
        upload_id = int(cur.execute("SELECT coalesce(max(id), 0) + 1 FROM status_uploads").fetchone()[0])
        first = int(cur.execute("SELECT coalesce(max(report_id), 0) + 1 FROM status_reports").fetchone()[0])
        cur.execute(
            "INSERT INTO status_uploads (id, action, user_name, committed_at, file_names, reports, tasks, status) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 'active')",
            [upload_id, action, user.strip(), when, "; ".join(f.file_name for f in files) or None,
             len(seen.reports), ";".join(sorted(set(seen.reports["task_id"])))],
        )
        _fault("recorded")
        for check in files:
            cur.execute("INSERT INTO status_files VALUES (?, ?, ?, ?, ?, ?)",
                        [upload_id, check.file_name, check.sha256, check.size, check.agency or None, check.data])
        _fault("files")
        rows = seen.reports.reindex(columns=REPORT_COLUMNS).astype(object)
        rows["report_id"] = range(first, first + len(rows))
        rows["recorded_at"], rows["user_name"], rows["upload_id"] = when, user.strip(), upload_id
        rows = rows.where(rows.notna(), None)
        cur.register("incoming_reports", rows)
        try:
            cur.execute(
                "INSERT INTO status_reports SELECT report_id::INTEGER, task_id::VARCHAR, plan_id::VARCHAR, "
                "status::VARCHAR, reason::VARCHAR, note::VARCHAR, evidence::VARCHAR, reported_on::DATE, "
                "deadline_override::DATE, agency::VARCHAR, recorded_at::TIMESTAMP, user_name::VARCHAR, "
                "upload_id::INTEGER, file_name::VARCHAR, sha256::VARCHAR, sheet_row::INTEGER FROM incoming_reports"
            )
        finally:
            cur.unregister("incoming_reports")
        _fault("inserted")
        database.bump_version(cur)
        _fault("before_commit")
    _fault("after_commit")
    return upload_id


def commit(con: duckdb.DuckDBPyConnection, checks: list[report_forms.FormCheck], seen: Preview, user: str,
           now: dt.datetime | None = None) -> int:
    """Commit checked forms as one transaction, with their raw files; returns the upload id.

    Refused (nothing written) when a form has errors, no user is named, nothing
    would change, or a task got a report since `seen` was made (stale).
    """
    if not checks or any(not c.ok for c in checks):
        raise Refused("invalid")
    return _commit(con, seen, user, "forms", checks, now)


def set_status(con: duckdb.DuckDBPyConnection, task_id: str, status: str, user: str, *,
               reported_on: dt.date, reason: str = "", note: str = "", evidence: str = "",
               deadline_override: dt.date | None = None, seen: dict[str, int | None] | None = None,
               now: dt.datetime | None = None) -> int:
    """An editor's report on one task from the page; `seen` is {task: newest report id} the page showed."""
    tasks = sq.known_tasks(con)
    match = tasks[tasks["task_id"] == task_id]
    if match.empty:
        raise Refused("unknown_task", task=task_id)
    if status not in form.STATUSES:
        raise Refused("bad_status", status=status)
    if status in form.NEEDS_REASON and not reason.strip():
        raise Refused("reason_missing")
    if reported_on > (now or dt.datetime.now()).date():
        raise Refused("future_date", date=reported_on.strftime("%d/%m/%Y"))
    row = {"task_id": task_id, "plan_id": str(match.iloc[0]["plan_id"]), "status": status,
           "reason": reason.strip() or None, "note": note.strip() or None, "evidence": evidence.strip() or None,
           "reported_on": reported_on, "agency": None, "file_name": None, "sha256": None, "sheet_row": None,
           "deadline_override": deadline_override, "role": "editor"}
    preview_now = preview_reports(con, pd.DataFrame([row]))
    if seen is not None:
        preview_now.seen = {task_id: seen.get(task_id)}
    return _commit(con, preview_now, user, "page", [], now)


def newest_report(con: duckdb.DuckDBPyConnection, task_id: str) -> dict[str, int | None]:
    """{task: its newest report id}: what a page form keeps to detect a stale edit."""
    cur = con.cursor()
    try:
        return _newest(cur, [task_id])
    finally:
        cur.close()


def rollback(con: duckdb.DuckDBPyConnection, upload_id: int, user: str, now: dt.datetime | None = None) -> int:
    """Undo a status upload: its reports stay in the history but no longer count. Returns the rollback's id."""
    if not user.strip():
        raise Refused("no_user")
    with _LOCK, database.transaction(con) as cur:
        row = cur.execute("SELECT action, status, tasks FROM status_uploads WHERE id = ?", [upload_id]).fetchone()
        if row is None or row[0] == "rollback":
            raise Refused("not_found", id=upload_id)
        if row[1] != "active":
            raise Refused("already_rolled_back", id=upload_id)
        tasks = [t for t in str(row[2]).split(";") if t]
        later = cur.execute(
            "SELECT DISTINCT u.id FROM status_uploads u JOIN status_reports r ON r.upload_id = u.id "
            "WHERE u.status = 'active' AND u.id > ? AND list_contains(?, r.task_id) ORDER BY u.id",
            [upload_id, tasks],
        ).fetchall()
        if later:
            raise Refused("later_uploads", uploads=", ".join(f"#{int(r[0])}" for r in later))
        rollback_id = int(cur.execute("SELECT coalesce(max(id), 0) + 1 FROM status_uploads").fetchone()[0])
        cur.execute(
            "INSERT INTO status_uploads (id, action, user_name, committed_at, file_names, reports, tasks, status, "
            "rolls_back) SELECT ?, 'rollback', ?, ?, file_names, reports, tasks, 'done', id FROM status_uploads "
            "WHERE id = ?",
            [rollback_id, user.strip(), now or dt.datetime.now(), upload_id],
        )
        cur.execute("UPDATE status_uploads SET status = 'rolled_back', rolled_back_by = ? WHERE id = ?",
                    [rollback_id, upload_id])
        database.bump_version(cur)
        _fault("rollback_before_commit")
    return rollback_id


def raw_files(con: duckdb.DuckDBPyConnection, upload_id: int) -> list[tuple[str, bytes]]:
    """The files an upload brought, as kept."""
    cur = con.cursor()
    try:
        rows = cur.execute("SELECT file_name, raw FROM status_files WHERE upload_id = ? ORDER BY file_name",
                           [upload_id]).fetchall()
        return [(str(name), bytes(raw)) for name, raw in rows]
    finally:
        cur.close()


def raw_zip(con: duckdb.DuckDBPyConnection, upload_id: int) -> bytes:
    """The files an upload brought, in one zip (the page's download)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in raw_files(con, upload_id):
            archive.writestr(name, data)
    return out.getvalue()


# --- Command line (`python -m lib.importer status …`) ---


def _say(lang: str, key: str, **values: object) -> None:
    print(i18n.t(key, lang, **values))


def _print_problems(checks: list[report_forms.FormCheck], lang: str) -> None:
    for check in checks:
        for p in check.problems:
            tag = i18n.t("vd_error" if p.severity == validate.ERROR else "vd_warning", lang).upper()
            _say(lang, "st_cli_problem", file=check.file_name, tag=tag, where=p.located(lang), fix=p.fix(lang))


def _read_files(names: list[str]) -> list[tuple[str, bytes]]:
    return [(Path(name).name, Path(name).read_bytes()) for name in names]


def _cmd_forms(args: argparse.Namespace) -> int:
    con = importer.open_store()
    try:
        plans = sq.find_plan(con, args.province, args.plan_year)
        if args.plan:
            plans = plans[plans["plan_id"] == args.plan]
        if len(plans) != 1:
            _say(args.lang, "st_cli_plan_not_found" if plans.empty else "st_cli_plan_ambiguous",
                 province=args.province, year=args.plan_year, plans=", ".join(plans["plan_id"]))
            return importer.EXIT_INVALID
        written = agency_forms(con, str(plans.iloc[0]["plan_id"]))
    finally:
        con.close()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in written.items():
        (out / name).write_bytes(data)
    _say(args.lang, "st_cli_forms_written", n=len(written), folder=str(out))
    return importer.EXIT_OK


def _checked(args: argparse.Namespace) -> list[report_forms.FormCheck]:
    """Check the files; the store is held only to read the tasks, not while the files are read."""
    con = importer.open_store()
    try:
        known = sq.known_tasks(con)
    finally:
        con.close()
    checks = report_forms.check_forms(_read_files(args.files), known)
    _print_problems(checks, args.lang)
    return checks


def _cmd_check(args: argparse.Namespace) -> int:
    checks = _checked(args)
    errors = sum(len(c.errors) for c in checks)
    if errors:
        _say(args.lang, "st_cli_invalid", errors=errors, files=sum(1 for c in checks if c.errors))
        return importer.EXIT_INVALID
    _say(args.lang, "st_cli_valid", files=len(checks), reports=sum(len(c.reports) for c in checks))
    return importer.EXIT_OK


def _cmd_load(args: argparse.Namespace) -> int:
    checks = _checked(args)
    if any(not c.ok for c in checks):
        _say(args.lang, "st_cli_not_loaded")
        return importer.EXIT_INVALID
    con = importer.open_store()
    try:
        seen = preview(con, checks)
        _say(args.lang, "st_cli_preview", changes=len(seen.changes), unchanged=seen.unchanged)
        upload_id = commit(con, checks, seen, args.user)
    finally:
        con.close()
    _say(args.lang, "st_cli_committed", id=upload_id)
    return importer.EXIT_OK


def _run(args: argparse.Namespace) -> int:
    handlers = {
        "forms": _cmd_forms, "check": _cmd_check, "load": _cmd_load,
        "history": lambda _: importer.cli_history(sq.status_history),
        "rollback": lambda parsed: importer.cli_rollback(rollback, parsed, "st_cli_rolled_back"),
    }
    try:
        return handlers[args.status_command](args)
    except Refused as refusal:
        print(refusal.message(args.lang), file=sys.stderr)
        return importer.EXIT_REFUSED


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add `status forms|check|load|history|rollback` to the importer's command line."""
    status = subparsers.add_parser("status", help="task status: report forms of the agencies")
    status.set_defaults(handler=_run)
    sub = status.add_subparsers(dest="status_command", required=True)
    forms = sub.add_parser("forms")
    forms.add_argument("--province", required=True)
    forms.add_argument("--plan-year", type=int, required=True)
    forms.add_argument("--plan", default=None, help="the plan id, when the province has several plans that year")
    forms.add_argument("--out", required=True)
    for name in ("check", "load"):
        command = sub.add_parser(name)
        command.add_argument("files", nargs="+")
    sub.choices["load"].add_argument("--user", default=getpass.getuser())
    sub.add_parser("history")
    back = sub.add_parser("rollback")
    back.add_argument("id", type=int)
    back.add_argument("--user", default=getpass.getuser())
    for command in sub.choices.values():
        command.add_argument("--lang", choices=["vi", "en"], default=argparse.SUPPRESS)
