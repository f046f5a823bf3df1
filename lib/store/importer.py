"""Check, preview, commit and roll back uploads of PAPI score files; also a command line.

    python -m lib.importer check FILE [--year Y] [--lang en]
    python -m lib.importer load FILE [--replace] [--year Y] [--user NAME]
    python -m lib.importer history
    python -m lib.importer rollback ID [--user NAME]

The store is `lib.domain.paths.store_path()` (environment variable `PAPI_DB`).

Safety: an upload replaces whole years.  Each commit or rollback is one DuckDB
transaction (all or nothing, also when the process is killed), recorded in the
`uploads` table with the raw file and the previous rows of the affected years.
Commits in one process are serialised by a lock; a commit re-checks, inside
that lock and transaction, that the affected years are still as they were
when the preview was made, and refuses otherwise (the user previews again and
sees the other editor's result).  Another process holding the store (the
running app) is reported plainly; the command line retries briefly first.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd

from lib.domain import eras, i18n, papi, paths, spreadsheets
from lib.ingest import readers, sandbox, validate
from lib.store import database, queries

_LOCK = threading.Lock()
KEY = ["year", "province_code", "dimension", "subdimension"]


def _fault(point: str) -> None:
    """Test hook: fault tests replace this to kill the process at a named point of a commit."""


class Refused(Exception):
    """A commit or rollback that must not happen; its message is the catalogue's `imp_<key>`."""

    def __init__(self, code: str, key: str | None = None, **values: object) -> None:
        self.code = code
        self.key = f"imp_{key or code}"
        self.values = values
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        return i18n.t(self.key, lang, **self.values)


@dataclass
class Preview:
    """What committing a checked file would change, computed against the store at one moment."""

    years: list[int]
    digest: str
    existing_years: list[int]
    added: int
    changed: int
    removed: int
    unchanged: int
    changes: pd.DataFrame = field(repr=False)

    @property
    def needs_confirmation(self) -> bool:
        """True when the file replaces years that already have scores."""
        return bool(self.existing_years)


def check(data: bytes, file_name: str, year: int | None = None) -> validate.Validation:
    """Validate a file's bytes (see `lib.ingest.validate.validate`) in a child process bounded in time and memory.

    See `lib.ingest.sandbox`; the workbook's own bounds (`lib.ingest.limits`) are checked before any parsing.
    """
    return sandbox.validate(data, file_name, year)


def _keyed(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame[["year", "province_code", "province", "dimension", "subdimension", "score"]].copy()
    out["year"] = out["year"].astype("int64")
    out["province_code"] = out["province_code"].astype(str)
    out["dimension"] = out["dimension"].astype("int64")
    out["subdimension"] = out["subdimension"].astype("Int64").fillna(0).astype("int64")  # 0 = the dimension
    return out


def diff(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Return one row per changed score: year, province_code, province, dimension, subdimension, change, old, new."""
    merged = _keyed(old).merge(_keyed(new), on=KEY, how="outer", suffixes=("_old", "_new"), indicator=True)
    merged["change"] = "unchanged"
    merged.loc[merged["_merge"] == "right_only", "change"] = "added"
    merged.loc[merged["_merge"] == "left_only", "change"] = "removed"
    both = merged["_merge"] == "both"
    merged.loc[both & (merged["score_old"] != merged["score_new"]), "change"] = "changed"
    merged["province"] = merged["province_new"].fillna(merged["province_old"])
    merged["subdimension"] = merged["subdimension"].replace(0, pd.NA).astype("Int64")
    out = merged.rename(columns={"score_old": "old", "score_new": "new"})
    out = out[["year", "province_code", "province", "dimension", "subdimension", "change", "old", "new"]]
    return out.sort_values(KEY, na_position="first").reset_index(drop=True)


def preview(con: duckdb.DuckDBPyConnection, result: validate.Validation) -> Preview:
    """Compare a valid file's rows with the store's rows of the same years."""
    if not result.ok:
        raise Refused("invalid", "invalid_preview")
    years = result.years
    cur = con.cursor()
    try:
        cur.execute("BEGIN TRANSACTION")  # one snapshot for the rows and their digest
        old = database.year_scores(cur, years)
        digest = database.years_digest(cur, years)
        cur.execute("COMMIT")
    finally:
        cur.close()
    changes = diff(old, result.frame)
    counts = changes["change"].value_counts()
    return Preview(
        years=years,
        digest=digest,
        existing_years=sorted(int(y) for y in old["year"].unique()),
        added=int(counts.get("added", 0)),
        changed=int(counts.get("changed", 0)),
        removed=int(counts.get("removed", 0)),
        unchanged=int(counts.get("unchanged", 0)),
        changes=changes[changes["change"] != "unchanged"].reset_index(drop=True),
    )


def _structure_rows(years: list[int], known: set[int]) -> pd.DataFrame:
    missing = [y for y in years if y not in known]
    frame = pd.DataFrame(papi.structure_rows(missing), columns=database.STRUCTURE_COLUMNS.split(", "))
    return frame.astype({"subdimension": "Int64"})


def commit(con: duckdb.DuckDBPyConnection, result: validate.Validation, seen: Preview, user: str,
           replace: bool = False, now: dt.datetime | None = None) -> int:
    """Commit a checked file as one transaction and return its upload id.

    `seen` is the preview the user read; if the affected years changed since,
    nothing is written and `Refused("stale")` is raised.  Replacing years that
    have scores needs `replace=True`.
    """
    if not result.ok:
        raise Refused("invalid", "invalid_commit")
    if not user.strip():
        raise Refused("no_user", "no_uploader")
    years = result.years
    with _LOCK, database.transaction(con) as cur:
        _fault("begin")
        if database.years_digest(cur, years) != seen.digest or seen.years != years:
            raise Refused("stale")
        if seen.existing_years and not replace:
            raise Refused("needs_confirmation", years=", ".join(str(y) for y in seen.existing_years))
        upload_id = database.next_upload_id(cur)
        database.record_upload(cur, {
            "id": upload_id, "action": "upload", "user_name": user.strip(),
            "committed_at": now or dt.datetime.now(), "file_name": result.file_name, "sha256": result.sha256,
            "size_bytes": result.size, "rows_added": seen.added, "rows_changed": seen.changed,
            "rows_removed": seen.removed, "years": ",".join(str(y) for y in years),
            "replaced": bool(seen.existing_years), "raw": result.data, "status": "active",
        })
        _fault("recorded")
        database.keep_previous(cur, upload_id, years)
        _fault("kept_previous")
        database.delete_years(cur, years)
        _fault("deleted")
        database.insert_scores(cur, result.frame, upload_id)
        _fault("inserted")
        database.add_structure(cur, _structure_rows(years, database.structure_years(cur)), upload_id)
        database.bump_version(cur)
        _fault("before_commit")
    _fault("after_commit")
    return upload_id


def rollback(con: duckdb.DuckDBPyConnection, upload_id: int, user: str, now: dt.datetime | None = None) -> int:
    """Undo an upload: restore its years exactly as they were before it. Returns the rollback's id."""
    if not user.strip():
        raise Refused("no_user")
    with _LOCK, database.transaction(con) as cur:
        entry = database.upload_entry(cur, upload_id)
        if entry is None or entry["action"] != "upload":
            raise Refused("not_found", id=upload_id)
        if entry["status"] != "active":
            raise Refused("already_rolled_back", id=upload_id)
        years = [int(y) for y in str(entry["years"]).split(",")]
        later = database.later_uploads(cur, upload_id, years)
        if later:
            raise Refused("later_uploads", uploads=", ".join(f"#{i}" for i in later))
        current = database.year_scores(cur, years)
        previous = cur.execute(
            "SELECT year, province_code, province, dimension, subdimension, score FROM upload_previous_scores "
            "WHERE upload_id = ?", [upload_id]).df()
        changes = diff(current, previous)["change"].value_counts()
        rollback_id = database.next_upload_id(cur)
        database.record_upload(cur, {
            "id": rollback_id, "action": "rollback", "user_name": user.strip(),
            "committed_at": now or dt.datetime.now(), "file_name": entry["file_name"], "sha256": entry["sha256"],
            "size_bytes": None, "rows_added": int(changes.get("added", 0)),
            "rows_changed": int(changes.get("changed", 0)), "rows_removed": int(changes.get("removed", 0)),
            "years": entry["years"], "replaced": True, "raw": None, "status": "done", "rolls_back": upload_id,
        })
        database.restore_previous(cur, upload_id, years)
        database.mark_rolled_back(cur, upload_id, rollback_id)
        database.bump_version(cur)
        _fault("rollback_before_commit")
    return rollback_id


# ---------------------------------------------------------------------------
# Tables for the upload page (labels in the user's language).
# ---------------------------------------------------------------------------


def _measure(dimension: int, sub: object) -> str:
    return f"{dimension}" if pd.isna(sub) else f"{dimension}.{int(sub)}"  # type: ignore[call-overload]


def preview_table(seen: Preview, lang: str) -> pd.DataFrame:
    """Every changed score: year, province, (sub-)dimension, change, old → new."""
    t = i18n.t
    frame = seen.changes
    return pd.DataFrame({
        t("up_col_year", lang): frame["year"].astype("int64"),
        t("up_col_province", lang): frame["province"].astype(str),
        t("up_col_measure", lang): [_measure(d, s) for d, s in zip(frame["dimension"], frame["subdimension"],
                                                                    strict=True)],
        t("up_col_change", lang): [t(f"up_change_{c}", lang) for c in frame["change"]],
        t("up_col_old", lang): frame["old"].astype("float64"),
        t("up_col_new", lang): frame["new"].astype("float64"),
    })


def preview_summary(seen: Preview, lang: str) -> pd.DataFrame:
    """Counts of added, changed and removed scores per year and province."""
    t = i18n.t
    columns = [t("up_col_year", lang), t("up_col_province", lang), t("up_added", lang), t("up_changed", lang),
               t("up_removed", lang)]
    if seen.changes.empty:
        return pd.DataFrame(columns=columns)
    counts = (seen.changes.groupby(["year", "province", "change"]).size().unstack("change", fill_value=0)
              .reindex(columns=["added", "changed", "removed"], fill_value=0).reset_index())
    counts.columns = columns
    return counts


def rollback_notes(frame: pd.DataFrame, lang: str) -> list[str]:
    """Per history row (scores, plans, task reports): which upload it rolls back, or which rollback undid it."""
    notes = []
    for back, by in zip(frame["rolls_back"], frame["rolled_back_by"], strict=True):
        if not pd.isna(back):
            notes.append(i18n.t("up_note_rolls_back", lang, id=int(back)))
        elif not pd.isna(by):
            notes.append(i18n.t("up_note_rolled_back_by", lang, id=int(by)))
        else:
            notes.append("")
    return notes


def history_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The upload history with labels in `lang` (no raw files)."""
    t = i18n.t
    notes = rollback_notes(frame, lang)
    return pd.DataFrame({
        t("up_col_id", lang): frame["id"].astype("int64"),
        t("up_col_action", lang): [t(f"up_action_{a}", lang) for a in frame["action"]],
        t("up_col_user", lang): frame["user_name"].astype(str),
        t("up_col_time", lang): pd.to_datetime(frame["committed_at"]).dt.strftime("%Y-%m-%d %H:%M:%S"),
        t("up_col_file", lang): frame["file_name"].astype(str),
        t("up_col_sha", lang): frame["sha256"].fillna("").astype(str).str[:12],
        t("up_col_year", lang): frame["years"].astype(str),
        t("up_added", lang): frame["rows_added"].astype("int64"),
        t("up_changed", lang): frame["rows_changed"].astype("int64"),
        t("up_removed", lang): frame["rows_removed"].astype("int64"),
        t("up_col_status", lang): [t(f"up_status_{s}", lang) for s in frame["status"]],
        t("up_col_note", lang): notes,
    })


def problems_table(problems: list[validate.Problem], lang: str) -> pd.DataFrame:
    """The problems of a checked file for the page: a problem on no single row says so in the row column."""
    frame = validate.problems_frame(problems, lang)
    row = frame.columns[2]
    frame[row] = [str(int(number)) if number is not None else
                  i18n.t("up_row_whole_sheet" if sheet and sheet != "CSV" else "up_row_whole_file", lang)
                  for number, sheet in zip([p.row for p in problems], [p.sheet for p in problems], strict=True)]
    return frame


def rollback_choices(frame: pd.DataFrame) -> dict[int, str]:
    """Return {upload id: its years} for uploads that can still be rolled back, newest first."""
    active = frame[(frame["action"] == "upload") & (frame["status"] == "active")]
    return {int(i): str(y) for i, y in zip(active["id"], active["years"], strict=True)}


def template_frame(year: int, registry_path: Path = paths.PROVINCES_CSV) -> pd.DataFrame:
    """Return the tidy template of `year`: every province and (sub-)dimension, the score left blank."""
    from lib.domain import provinces

    registry = provinces.load_registry(registry_path)
    units = registry[registry["era"] == eras.era_of_year(year)]
    rows = [
        {"year": year, "province_code": code, "province": name, "dimension": dim, "subdimension": sub,
         "score": None}
        for code, name in zip(units["code"], units["name_vi"], strict=True)
        for dim, sub in readers.official_sheet_columns(year)
    ]
    return readers.tidy_frame(rows)


def template_csv(year: int) -> bytes:
    """The template of `year` as CSV (UTF-8 with BOM, formula-safe)."""
    return spreadsheets.to_csv_bytes(template_frame(year))


def template_xlsx(year: int) -> bytes:
    """The template of `year` as an XLSX workbook with one sheet named after the year."""
    frame = template_frame(year)
    return spreadsheets.to_xlsx_bytes(frame, sheet_name=str(year))


# ---------------------------------------------------------------------------
# Opening the store from another process than the app.
# ---------------------------------------------------------------------------


def open_store(path: Path | None = None, attempts: int = 10, wait: float = 0.5) -> duckdb.DuckDBPyConnection:
    """Open the store read-write, retrying briefly while another process holds DuckDB's file lock.

    Raises `Refused("locked")` with a plain message when it stays locked.
    """
    path = path or paths.store_path()
    for attempt in range(attempts):
        try:
            return database.connect(path)
        except duckdb.IOException as error:
            if "lock" not in str(error).lower():
                raise
            if attempt + 1 == attempts:
                raise Refused("locked", path=path) from error
            time.sleep(wait)
    raise AssertionError("unreachable")


# ---------------------------------------------------------------------------
# Command line.
# ---------------------------------------------------------------------------

EXIT_OK, EXIT_INVALID, EXIT_REFUSED, EXIT_LOCKED = 0, 1, 2, 3


def _say(lang: str, key: str, **values: object) -> None:
    print(i18n.t(key, lang, **values))


def _print_problems(result: validate.Validation, lang: str) -> None:
    for p in result.problems:
        tag = i18n.t("vd_error" if p.severity == validate.ERROR else "vd_warning", lang).upper()
        _say(lang, "imp_cli_problem", tag=tag, where=p.located(lang), fix=p.fix(lang))


def _read(path: str) -> tuple[bytes, str]:
    file = Path(path)
    return file.read_bytes(), file.name


def _cmd_check(args: argparse.Namespace) -> int:
    data, name = _read(args.file)
    result = check(data, name, args.year)
    _print_problems(result, args.lang)
    if result.errors:
        _say(args.lang, "imp_cli_invalid", errors=len(result.errors), warnings=len(result.warnings))
        return EXIT_INVALID
    _say(args.lang, "imp_cli_valid", rows=len(result.frame), years=", ".join(str(y) for y in result.years),
         warnings=len(result.warnings))
    return EXIT_OK


def _cmd_load(args: argparse.Namespace) -> int:
    data, name = _read(args.file)
    result = check(data, name, args.year)
    _print_problems(result, args.lang)
    if not result.ok:
        _say(args.lang, "imp_cli_not_loaded")
        return EXIT_INVALID
    con = open_store()
    try:
        seen = preview(con, result)
        _say(args.lang, "imp_cli_preview", added=seen.added, changed=seen.changed, removed=seen.removed,
             unchanged=seen.unchanged)
        upload_id = commit(con, result, seen, args.user, replace=args.replace)
    finally:
        con.close()
    _say(args.lang, "imp_cli_committed", id=upload_id)
    return EXIT_OK


def print_history(frame: pd.DataFrame) -> None:
    """Print a history table on stdout for the command line ("-" when there is none)."""
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(frame.to_string(index=False) if not frame.empty else "-")


def cli_history(history: Callable[[duckdb.DuckDBPyConnection], pd.DataFrame]) -> int:
    """A family's `history` subcommand (scores, plans, task reports): read it from the store and print it."""
    con = open_store()
    try:
        frame = history(con)
    finally:
        con.close()
    print_history(frame)
    return EXIT_OK


def cli_rollback(undo: Callable[[duckdb.DuckDBPyConnection, int, str], int], args: argparse.Namespace,
                 said: str) -> int:
    """A family's `rollback ID` subcommand: undo load `args.id` as `args.user` and say so (catalogue key `said`)."""
    con = open_store()
    try:
        rollback_id = undo(con, args.id, args.user)
    finally:
        con.close()
    _say(args.lang, said, id=args.id, rollback=rollback_id)
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    from lib.store import plan_importer  # imports this module: loaded on use

    parser = argparse.ArgumentParser(prog="python -m lib.importer", description="PAPI score uploads")
    parser.add_argument("--lang", choices=["vi", "en"], default="vi")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("check", "load"):
        command = sub.add_parser(name)
        command.add_argument("file")
        command.add_argument("--year", type=int, default=None)
        command.add_argument("--lang", choices=["vi", "en"], default=argparse.SUPPRESS)
    sub.choices["load"].add_argument("--replace", action="store_true")
    sub.choices["load"].add_argument("--user", default=getpass.getuser())
    sub.add_parser("history")
    back = sub.add_parser("rollback")
    back.add_argument("id", type=int)
    back.add_argument("--user", default=getpass.getuser())
    plan_importer.register(sub)  # plan check|load|history|rollback (lib/store/plan_importer.py)
    from lib.store import status as task_status  # here: lib.store.status imports this module

    task_status.register(sub)  # `status …`: the agencies' report forms
    args = parser.parse_args(argv)
    handlers = {
        "check": _cmd_check, "load": _cmd_load,
        "history": lambda _: cli_history(queries.upload_history),
        "rollback": lambda parsed: cli_rollback(rollback, parsed, "imp_cli_rolled_back"),
    }
    try:
        return (getattr(args, "handler", None) or handlers[args.command])(args)  # a family's own `handler`
    except Refused as refusal:
        print(refusal.message(args.lang), file=sys.stderr)
        return EXIT_LOCKED if refusal.code == "locked" else EXIT_REFUSED
    except OSError as error:
        print(str(error), file=sys.stderr)
        return EXIT_INVALID


if __name__ == "__main__":
    sys.exit(main())
