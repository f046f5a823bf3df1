"""Plans on the safe path of score files: check, preview, commit by an editor, history, rollback; command line.

    python -m lib.importer plan check FILE --province NAME --year YEAR [--json]
    python -m lib.importer plan load FILE --province NAME --year YEAR [--document TEXT] [--replace] [--user NAME]
    python -m lib.importer plan history
    python -m lib.importer plan rollback ID [--user NAME]

A plan is keyed by (era, province code, plan year, document): the era is the
plan year's (`lib.domain.eras`), the province is found by name in that era's
list, and the document is the plan's number or name (`--document`, the file's
name without extension when not given).  Loading a plan whose key is already in
the store (the seed plan or a loaded one) needs an explicit replace (`--replace`,
or the confirmation box on the Upload page); the new plan keeps the old plan's
`plan_id`, so its task ids (`<plan_id>-<section>-<nn>`) stay what they were for
the same document.  A plan of a new key gets the id `<era>-<code>-<year>`
(`-2`, `-3`… when that province and year already have a plan).

Tables (lib/store/database.py): `stored_plans`, `stored_tasks` (the reviewed
tasks) and `stored_agencies` (the reviewed names of agencies the agency table
did not know) hold the loaded plans, each row with the load (`upload_id`) that
brought it; `plan_uploads` is the history, one row per load or rollback with the
raw document and its SHA-256; `plan_previous_*` keep what a load replaced.  The
`plans` and `tasks` views show a seed plan unless a loaded plan has its key.

Each load or rollback is one DuckDB transaction that also raises the store's
version (`database.bump_version`), so every session sees it; it runs under the
importer's lock and re-checks, inside the transaction, that the plan of that
key is still what the preview showed (refusing as `stale` otherwise: a second
editor previews again).  Rolling back a load restores what it replaced: the
earlier loaded plan, or the seed plan (which the views show again).  A load
that a later load of the same plan replaced cannot be rolled back first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from lib.domain import eras, i18n, provinces
from lib.domain.agencies import AcceptedName
from lib.ingest import plan_review
from lib.ingest import validate as checks
from lib.ingest.plan_parse import PlanCheck, check_plan_bounded
from lib.store import database, importer

POINTS = ("begin", "recorded", "kept_previous", "deleted", "inserted", "before_commit", "after_commit")
KEY_COLUMNS = ("era", "province_code", "plan_year", "document")
# The `--json` shape of `plan check` (issue 12): one object, these keys, in this order.
JSON_TASK_KEYS = ("section", "number", "task", "lead_agencies", "implementing_agencies", "deadline",
                  "deadline_date", "output", "dimension", "papi_keys", "confidence")
AGENCY_COLUMNS = ["plan_id", "written", "name", "decision", "status", "closest", "level"]


def _fault(point: str) -> None:
    """Test hook: fault tests replace this to fail or kill the process at a named point of a load."""


class Refused(importer.Refused):
    """A plan load or rollback that must not happen; its message is the catalogue's `ps_refused_<key>`."""

    def __init__(self, code: str, key: str | None = None, **values: object) -> None:
        self.code = code
        self.key = f"ps_refused_{key or code}"
        self.values = values
        Exception.__init__(self, self.message("en"))


# --- checking ------------------------------------------------------------------------------------------------


def check(data: bytes, file_name: str, province: str, year: int,
          accepted: Sequence[AcceptedName] = ()) -> PlanCheck:
    """Read a plan document in a child process bounded in time and memory (`check_plan_bounded`). Never raises.

    `accepted` (`accepted_names`): the agency names editors reviewed on the plans in the store, known here too.
    """
    return check_plan_bounded(data, file_name, province=province, year=int(year), accepted=accepted)


def accepted_names(con: duckdb.DuckDBPyConnection) -> tuple[AcceptedName, ...]:
    """The agency names editors reviewed on the loaded plans (accepted as new, merged or corrected), oldest
    load first: a later plan's check knows them. A rolled-back or replaced load's names are gone with it."""
    cur = con.cursor()
    try:
        rows = cur.execute(
            "SELECT written, name, level FROM stored_agencies WHERE decision <> 'known' "
            "ORDER BY upload_id NULLS FIRST, plan_id, written"
        ).fetchall()
    finally:
        cur.close()
    return tuple(AcceptedName(str(w), str(n), None if level is None else str(level)) for w, n, level in rows)


def check_json(result: PlanCheck, lang: str = "vi") -> dict[str, Any]:
    """The check as the one JSON object of `plan check --json`: tasks, columns, problems.

    Agencies are canonical names where resolved, as written where not.
    """
    tasks = []
    for row in result.tasks.itertuples(index=False):
        dimension = row.dimension
        tasks.append({
            "section": str(row.section or ""),
            "number": str(row.number or ""),
            "task": str(row.task),
            "lead_agencies": [str(n) for n in (row.lead_agencies or [])],
            "implementing_agencies": [str(n) for n in (row.implementing_agencies or [])],
            "deadline": str(row.deadline or ""),
            "deadline_date": row.deadline_date if isinstance(row.deadline_date, str) and row.deadline_date else None,
            "output": str(row.output or ""),
            "dimension": None if dimension is None or pd.isna(dimension) else int(dimension),
            "papi_keys": [str(k) for k in (row.papi_keys or [])],
            "confidence": float(row.confidence or 0.0),
        })
    problems = [{"severity": p.severity, "code": p.code, "table": p.sheet, "row": p.row, "column": p.column,
                 "value": p.value, "message": p.located(lang), "fix": p.fix(lang)} for p in result.problems]
    return {"tasks": tasks, "columns": result.columns, "problems": problems}


# --- the plan's key ------------------------------------------------------------------------------------------


def plan_target(con: duckdb.DuckDBPyConnection, province: str, year: int, document: str, title: str = "",
                source: str = "") -> dict[str, Any]:
    """The plan row a load of (province, year, document) writes, with the id of the plan of that key if any.

    Raises Refused for a province the year's list does not know or an empty document.
    """
    era = eras.era_of_year(int(year))
    code = provinces.match_province(province, era)
    if code is None:
        hints = ", ".join(provinces.suggest_province(province, era))
        raise Refused("unknown_province", name=province, year=year, hints=hints or "-")
    document = " ".join(str(document or "").split())
    if not document:
        raise Refused("no_document")
    name = provinces.province_name(code, era) or province
    row: dict[str, Any] = {"plan_id": "", "era": era, "province_code": code, "province": name,
                           "plan_year": int(year), "document": document, "title": title or document,
                           "source": source}
    cur = con.cursor()
    try:
        same = cur.execute(
            "SELECT plan_id FROM plans WHERE era = ? AND province_code = ? AND plan_year = ? AND document = ?",
            [era, code, int(year), document]).fetchone()
        if same:
            row["plan_id"] = str(same[0])
            return row
        used = {str(r[0]) for r in cur.execute(
            "SELECT plan_id FROM seed_plans UNION SELECT plan_id FROM stored_plans "
            "UNION SELECT plan_id FROM plan_uploads").fetchall()}
    finally:
        cur.close()
    base = f"{era}-{code}-{int(year)}"
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    row["plan_id"] = candidate
    return row


def _state(cur: duckdb.DuckDBPyConnection, plan: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """(the plan of this key or id now in `plans`, with its task count; a digest of that state)."""
    rows = cur.execute(
        "SELECT p.plan_id, p.upload_id, p.document, (SELECT count(*) FROM tasks t WHERE t.plan_id = p.plan_id) "
        "FROM plans p WHERE p.plan_id = ? OR (p.era = ? AND p.province_code = ? AND p.plan_year = ? "
        "AND p.document = ?) ORDER BY p.plan_id",
        [plan["plan_id"], *(plan[c] for c in KEY_COLUMNS)]).fetchall()
    digest = hashlib.sha256(repr(rows).encode()).hexdigest()
    if not rows:
        return None, digest
    plan_id, upload_id, document, tasks = rows[0]
    return {"plan_id": plan_id, "upload_id": None if upload_id is None else int(upload_id), "document": document,
            "tasks": int(tasks), "source": "seed" if upload_id is None else "loaded"}, digest


@dataclass
class PlanPreview:
    """What loading a checked plan would do, computed against the store at one moment."""

    plan: dict[str, Any]
    existing: dict[str, Any] | None  # the plan of the same key now: plan_id, upload_id, tasks, source
    digest: str
    tasks: int
    sections: int
    new_agencies: int
    unmapped: int
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def needs_replace(self) -> bool:
        return self.existing is not None


def preview(con: duckdb.DuckDBPyConnection, result: PlanCheck, province: str, year: int, document: str,
            title: str = "") -> PlanPreview:
    """Find the plan's key in the store and count what the check found; refuse a check with errors."""
    if not result.ok:
        raise Refused("invalid", "invalid_preview")
    plan = plan_target(con, province, year, document, title, source=result.file_name)
    cur = con.cursor()
    try:
        cur.execute("BEGIN TRANSACTION")  # the key's state and its digest from one snapshot
        existing, digest = _state(cur, plan)
        cur.execute("COMMIT")
    finally:
        cur.close()
    tasks = result.tasks
    unmapped = int(sum(1 for d in tasks["dimension"] if d is None or pd.isna(d)))
    return PlanPreview(plan=plan, existing=existing, digest=digest, tasks=len(tasks),
                       sections=int(tasks["section"].nunique()),
                       new_agencies=len(plan_review.agencies_frame(result)), unmapped=unmapped)


# --- commit and rollback ---------------------------------------------------------------------------------------


def _next_id(cur: duckdb.DuckDBPyConnection) -> int:
    row = cur.execute("SELECT coalesce(max(id), 0) + 1 FROM plan_uploads").fetchone()
    return int(row[0]) if row else 1


def _record(cur: duckdb.DuckDBPyConnection, entry: dict[str, Any]) -> None:
    columns = ["id", "action", "user_name", "committed_at", "file_name", "sha256", "size_bytes", "plan_id", "era",
               "province_code", "province", "plan_year", "document", "tasks", "replaced", "raw", "status",
               "rolls_back"]
    cur.execute(f"INSERT INTO plan_uploads ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
                [entry.get(c) for c in columns])


def _insert_agencies(cur: duckdb.DuckDBPyConnection, frame: pd.DataFrame, plan_id: str, upload_id: int) -> None:
    if frame.empty:
        return
    rows = frame.assign(plan_id=plan_id)[AGENCY_COLUMNS].astype(object)
    rows = rows.where(rows.notna() & (rows != ""), None)
    cur.executemany(
        f"INSERT INTO stored_agencies ({', '.join(AGENCY_COLUMNS)}, upload_id) "
        f"VALUES ({', '.join('?' for _ in AGENCY_COLUMNS)}, ?)",
        [[*values, upload_id] for values in rows.itertuples(index=False, name=None)],
    )


def rows_for(result: PlanCheck, plan: dict[str, Any], review: plan_review.Review | None = None
             ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(task rows, agency rows) a load stores; Refused('bad_review') for a review that names a wrong link."""
    try:
        return plan_review.build_rows(result, plan, review), plan_review.agency_rows(result, review)
    except plan_review.ReviewError as error:
        raise Refused("bad_review", f"review_{error.code}", **error.values) from error


def commit(con: duckdb.DuckDBPyConnection, result: PlanCheck, seen: PlanPreview, user: str, data: bytes,
           review: plan_review.Review | None = None, replace: bool = False, now: dt.datetime | None = None) -> int:
    """Store a checked, reviewed plan as one transaction and return its load's id (`plan_uploads.id`).

    `seen` is the preview the editor read; if the plan of that key changed since, nothing is written and
    `Refused("stale")` is raised.  A key already in the store needs `replace=True`.  `data` is the document
    itself, kept in the history (it must be the checked file: same SHA-256).
    """
    if not result.ok:
        raise Refused("invalid", "invalid_commit")
    if not user.strip():
        raise Refused("no_user")
    if hashlib.sha256(data).hexdigest() != result.sha256:
        raise Refused("other_file")
    plan = seen.plan
    tasks, agencies = rows_for(result, plan, review)
    with importer._LOCK, database.transaction(con) as cur:
        _fault("begin")
        existing, digest = _state(cur, plan)
        if digest != seen.digest:
            raise Refused("stale")
        if existing is not None and not replace:
            raise Refused("exists", plan_id=existing["plan_id"], tasks=existing["tasks"],
                          document=plan["document"], year=plan["plan_year"])
        upload_id = _next_id(cur)
        _record(cur, {
            "id": upload_id, "action": "load", "user_name": user.strip(), "committed_at": now or dt.datetime.now(),
            "file_name": result.file_name, "sha256": result.sha256, "size_bytes": result.size,
            "plan_id": plan["plan_id"], **{c: plan[c] for c in ("era", "province_code", "province", "plan_year",
                                                                  "document")},
            "tasks": len(tasks), "replaced": existing["source"] if existing else None, "raw": data,
            "status": "active",
        })
        _fault("recorded")
        if existing is not None and existing["source"] == "loaded":
            for table in ("plans", "tasks", "agencies"):
                cur.execute(f"INSERT INTO plan_previous_{table} SELECT ?, * FROM stored_{table} WHERE plan_id = ?",
                            [upload_id, plan["plan_id"]])
        _fault("kept_previous")
        for table in ("agencies", "tasks", "plans"):
            cur.execute(f"DELETE FROM stored_{table} WHERE plan_id = ?", [plan["plan_id"]])
        _fault("deleted")
        database.insert_plan(cur, plan, tasks, upload_id)
        _insert_agencies(cur, agencies, plan["plan_id"], upload_id)
        _fault("inserted")
        database.bump_version(cur)
        _fault("before_commit")
    _fault("after_commit")
    return upload_id


def rollback(con: duckdb.DuckDBPyConnection, upload_id: int, user: str, now: dt.datetime | None = None) -> int:
    """Undo a plan load: restore what it replaced (an earlier loaded plan, or the seed). Returns the rollback's id."""
    if not user.strip():
        raise Refused("no_user")
    with importer._LOCK, database.transaction(con) as cur:
        entry = cur.execute("SELECT action, status, plan_id, era, province_code, province, plan_year, document, "
                            "file_name, sha256 FROM plan_uploads WHERE id = ?", [int(upload_id)]).fetchone()
        if entry is None or entry[0] != "load":
            raise Refused("not_found", id=upload_id)
        action, status, plan_id, era, code, province, year, document, file_name, sha256 = entry
        if status != "active":
            raise Refused("already_rolled_back", id=upload_id)
        later = [int(r[0]) for r in cur.execute(
            "SELECT id FROM plan_uploads WHERE action = 'load' AND status = 'active' AND id > ? AND plan_id = ? "
            "ORDER BY id", [int(upload_id), plan_id]).fetchall()]
        if later:
            raise Refused("later_loads", loads=", ".join(f"#{i}" for i in later))
        rollback_id = _next_id(cur)
        for table in ("agencies", "tasks", "plans"):
            cur.execute(f"DELETE FROM stored_{table} WHERE upload_id = ?", [int(upload_id)])
        for table in ("plans", "tasks", "agencies"):
            columns = [r[0] for r in cur.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
                [f"stored_{table}"]).fetchall()]
            listed = ", ".join(columns)
            cur.execute(f"INSERT INTO stored_{table} ({listed}) SELECT {listed} FROM plan_previous_{table} "
                        "WHERE kept_by = ?", [int(upload_id)])
        restored = cur.execute("SELECT count(*) FROM tasks WHERE plan_id = ?", [plan_id]).fetchone()
        _record(cur, {
            "id": rollback_id, "action": "rollback", "user_name": user.strip(),
            "committed_at": now or dt.datetime.now(), "file_name": file_name, "sha256": sha256, "size_bytes": None,
            "plan_id": plan_id, "era": era, "province_code": code, "province": province, "plan_year": year,
            "document": document, "tasks": int(restored[0]) if restored else 0, "replaced": None, "raw": None,
            "status": "done", "rolls_back": int(upload_id),
        })
        cur.execute("UPDATE plan_uploads SET status = 'rolled_back', rolled_back_by = ? WHERE id = ?",
                    [rollback_id, int(upload_id)])
        database.bump_version(cur)
        _fault("rollback_before_commit")
    return rollback_id


# --- history ---------------------------------------------------------------------------------------------------


def history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every plan load and rollback, newest first (without the raw documents)."""
    cur = con.cursor()
    try:
        return cur.execute(
            "SELECT id, action, user_name, committed_at, file_name, sha256, size_bytes, plan_id, era, province_code, "
            "province, plan_year, document, tasks, replaced, status, rolls_back, rolled_back_by "
            "FROM plan_uploads ORDER BY id DESC").df()
    finally:
        cur.close()


def raw_file(con: duckdb.DuckDBPyConnection, upload_id: int) -> tuple[str, bytes] | None:
    """(file name, bytes) of a plan load's kept document."""
    cur = con.cursor()
    try:
        row = cur.execute("SELECT file_name, raw FROM plan_uploads WHERE id = ? AND raw IS NOT NULL",
                          [int(upload_id)]).fetchone()
        return (str(row[0]), bytes(row[1])) if row else None
    finally:
        cur.close()


def rollback_choices(frame: pd.DataFrame) -> dict[int, str]:
    """{load id: "province year (document)"} for loads that can still be rolled back, newest first."""
    active = frame[(frame["action"] == "load") & (frame["status"] == "active")]
    return {int(r.id): f"{r.province} {int(r.plan_year)} ({r.document})" for r in active.itertuples(index=False)}


# --- command line ----------------------------------------------------------------------------------------------


def _say(lang: str, key: str, **values: object) -> None:
    print(i18n.t(key, lang, **values))


def _read(path: str) -> tuple[bytes, str]:
    file = Path(path)
    return file.read_bytes(), file.name


def _print_problems(result: PlanCheck, lang: str, stream: Any = None) -> None:
    for p in result.problems:
        tag = i18n.t("vd_error" if p.severity == checks.ERROR else "vd_warning", lang).upper()
        print(i18n.t("imp_cli_problem", lang, tag=tag, where=p.located(lang), fix=p.fix(lang)), file=stream)


def _checked(args: argparse.Namespace) -> tuple[bytes, str, PlanCheck]:
    data, name = _read(args.file)
    era = eras.era_of_year(int(args.year))
    if provinces.match_province(args.province, era) is None:
        hints = ", ".join(provinces.suggest_province(args.province, era))
        raise Refused("unknown_province", name=args.province, year=args.year, hints=hints or "-")
    return data, name, check(data, name, args.province, args.year, _accepted_if_free(args.lang))


def _accepted_if_free(lang: str) -> tuple[AcceptedName, ...]:
    """The names reviewed on earlier plans; none, said on stderr, while another process holds the store."""
    try:
        con = importer.open_store(attempts=3)
    except importer.Refused:
        print(i18n.t("ps_cli_accepted_unread", lang), file=sys.stderr)
        return ()
    try:
        return accepted_names(con)
    finally:
        con.close()


def _cmd_check(args: argparse.Namespace) -> int:
    data, name, result = _checked(args)
    if args.json:
        print(json.dumps(check_json(result, args.lang), ensure_ascii=False))
        return importer.EXIT_INVALID if result.errors else importer.EXIT_OK
    _print_problems(result, args.lang)
    _print_columns(result, args.lang)
    if result.errors:
        _say(args.lang, "imp_cli_invalid", errors=len(result.errors), warnings=len(result.warnings))
        return importer.EXIT_INVALID
    agencies = plan_review.agencies_frame(result)
    _say(args.lang, "ps_cli_valid", tasks=len(result.tasks), sections=result.tasks["section"].nunique(),
         new=len(agencies), warnings=len(result.warnings))
    return importer.EXIT_OK


def _print_columns(result: PlanCheck, lang: str) -> None:
    for role, where in result.columns.items():
        _say(lang, "ps_cli_column", role=i18n.t(f"ps_role_{role}", lang), header=where.get("header", ""),
             table=where.get("table", ""), column=where.get("column", ""))


def _cmd_load(args: argparse.Namespace) -> int:
    data, name, result = _checked(args)
    _print_problems(result, args.lang)
    if not result.ok:
        _say(args.lang, "imp_cli_not_loaded")
        return importer.EXIT_INVALID
    document = args.document or Path(name).stem
    con = importer.open_store()
    try:
        seen = preview(con, result, args.province, args.year, document, args.title or "")
        _say(args.lang, "ps_cli_preview", plan_id=seen.plan["plan_id"], province=seen.plan["province"],
             year=seen.plan["plan_year"], document=seen.plan["document"], tasks=seen.tasks,
             sections=seen.sections, new=seen.new_agencies, unmapped=seen.unmapped)
        for row in plan_review.agency_rows(result).itertuples(index=False):
            _say(args.lang, "ps_cli_agency", written=row.written, name=row.name,
                 decision=i18n.t(f"ps_decision_{row.decision}", args.lang))
        upload_id = commit(con, result, seen, args.user, data, replace=args.replace)
    finally:
        con.close()
    _say(args.lang, "ps_cli_committed", id=upload_id, plan_id=seen.plan["plan_id"], tasks=seen.tasks)
    return importer.EXIT_OK


def _dispatch(args: argparse.Namespace) -> int:
    handlers = {
        "check": _cmd_check, "load": _cmd_load,
        "history": lambda _: importer.cli_history(history),
        "rollback": lambda parsed: importer.cli_rollback(rollback, parsed, "ps_cli_rolled_back"),
    }
    return handlers[args.plan_command](args)


def register(subparsers: Any) -> None:
    """Add `plan check|load|history|rollback` to the importer's command line (`lib.store.importer.main`)."""
    plan = subparsers.add_parser("plan", help="plan documents (Word, Excel, web page, text)")
    plan.set_defaults(handler=_dispatch)
    commands = plan.add_subparsers(dest="plan_command", required=True)
    for name in ("check", "load"):
        command = commands.add_parser(name)
        command.add_argument("file")
        command.add_argument("--province", required=True)
        command.add_argument("--year", type=int, required=True)
        command.add_argument("--lang", choices=["vi", "en"], default=argparse.SUPPRESS)
    commands.choices["check"].add_argument("--json", action="store_true")
    load = commands.choices["load"]
    load.add_argument("--document", default=None, help="the plan's number or name (default: the file's name)")
    load.add_argument("--title", default=None)
    load.add_argument("--replace", action="store_true")
    load.add_argument("--user", default=getpass.getuser())
    commands.add_parser("history")
    back = commands.add_parser("rollback")
    back.add_argument("id", type=int)
    back.add_argument("--user", default=getpass.getuser())


