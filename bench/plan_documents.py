"""How the general plan reader does on real plan documents (issue 12, "Measured").

    .venv/bin/python -m bench.plan_documents             # writes bench/reports/plan_documents.md
    .venv/bin/python -m bench.plan_documents --out FILE  # or elsewhere ("-" prints only)

Runs `lib.ingest.plan_parse.check_plan` on every document listed in
`tests/plans_real/manifest.csv` (file, province, year, expect, tasks_by_hand, source; the
documents and where they come from are described in `tests/plans_real/SOURCES.md`) and, as a
baseline, on the seed plan (Đắk Lắk 2020, `../shared/plan/`) when it is beside the checkout.
For each document it reports: tasks found (and the count made by hand in the document), tasks
with a lead agency, agencies resolved out of the distinct names written, the new agency names
and likely aliases proposed to the editor, tasks mapped to a PAPI dimension, the problems by
code, and the time the check took. A document the reader refuses is reported with its
problems; a document that makes the reader raise is reported as a crash, never skipped.

Only the manifest (a data file) is read from tests/; nothing is imported from tests.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # `python bench/plan_documents.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lib.domain.paths import ROOT, SHARED_DIR

DOCUMENTS = ROOT / "tests" / "plans_real"
MANIFEST = DOCUMENTS / "manifest.csv"
SEED_PLAN = SHARED_DIR / "plan" / "dak-lak-2020-papi-task-plan.txt"
SEED_TASKS = 85  # the seed's tasks, as data/tasks.csv holds them
REPORT = ROOT / "bench" / "reports" / "plan_documents.md"
LISTED_NAMES = 12  # names listed per document before "… and N more"


@dataclass(frozen=True)
class Document:
    """One document to read, as the manifest describes it."""

    path: Path
    province: str | None
    year: int
    expect: str  # "plan": a task table is expected; "refuse": a clear refusal is expected
    tasks_by_hand: int | None
    source: str


@dataclass
class Measure:
    """What the reader made of one document."""

    document: Document
    seconds: float = 0.0
    crash: str = ""
    tasks: int = 0
    with_lead: int = 0
    mapped: int = 0
    agencies_distinct: int = 0
    agencies_resolved: int = 0
    new_names: list[str] = field(default_factory=list)
    likely_aliases: list[str] = field(default_factory=list)
    run_together: list[str] = field(default_factory=list)
    problems: Counter[str] = field(default_factory=Counter)
    errors: int = 0

    @property
    def outcome(self) -> str:
        if self.crash:
            return "crash"
        if self.tasks:
            return "read"
        return "refused" if self.errors else "empty, no error"

    @property
    def as_expected(self) -> bool:
        if self.crash:
            return False
        if self.document.expect == "refuse":
            return self.tasks == 0 and self.errors > 0
        expected = self.document.tasks_by_hand
        return self.tasks > 0 and (expected is None or self.tasks == expected)


def read_manifest(path: Path = MANIFEST) -> list[Document]:
    """The documents the manifest lists, in its order."""
    documents = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            hand = (row.get("tasks_by_hand") or "").strip()
            documents.append(
                Document(
                    path=path.parent / row["file"],
                    province=(row.get("province") or "").strip() or None,
                    year=int(row["year"]),
                    expect=(row.get("expect") or "plan").strip(),
                    tasks_by_hand=int(hand) if hand else None,
                    source=(row.get("source") or "").strip(),
                )
            )
    return documents


def seed_document() -> Document | None:
    """The seed plan as a baseline row, when the shared sources are beside the checkout."""
    if not SEED_PLAN.exists():
        return None
    return Document(SEED_PLAN, "Đắk Lắk", 2020, "plan", SEED_TASKS, "the seed plan (../shared/plan), baseline")


def _names(value: Any) -> list[str]:
    """A task's agency cell as a list of names (lists, arrays, a single string, or missing)."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    try:
        return [str(name) for name in value if str(name).strip()]
    except TypeError:  # a scalar such as NaN
        return []


def _severity(problem: Any) -> str:
    return str(getattr(problem, "severity", "error"))


def _code(problem: Any) -> str:
    return str(getattr(problem, "code", type(problem).__name__))


def measure(document: Document, check_plan: Any) -> Measure:
    """Run the reader on one document and count what it found."""
    result = Measure(document)
    data = document.path.read_bytes()
    started = time.perf_counter()
    try:
        check = check_plan(data, document.path.name, province=document.province, year=document.year)
    except Exception as error:  # noqa: BLE001 - a crash on a real document is the finding to report
        result.seconds = time.perf_counter() - started
        result.crash = f"{type(error).__name__}: {error}"
        return result
    result.seconds = time.perf_counter() - started

    tasks = check.tasks
    result.tasks = len(tasks)
    if result.tasks:
        if "lead_agencies" in tasks.columns:
            result.with_lead = int(sum(bool(_names(value)) for value in tasks["lead_agencies"]))
        if "dimension" in tasks.columns:
            result.mapped = int(tasks["dimension"].notna().sum())

    distinct = {agency.written: agency for agency in check.agencies}
    result.agencies_distinct = len(distinct)
    result.agencies_resolved = sum(1 for agency in distinct.values() if agency.canonical)
    result.new_names = sorted(name for name, agency in distinct.items() if agency.status == "new")
    result.likely_aliases = sorted(
        f"{name} → {agency.closest}" for name, agency in distinct.items() if agency.status == "likely_alias"
    )
    result.run_together = sorted(name for name, agency in distinct.items() if agency.status == "run_together")
    result.problems = Counter(_code(problem) for problem in check.problems)
    result.errors = sum(1 for problem in check.problems if _severity(problem) == "error")
    return result


def _listed(names: list[str]) -> str:
    if not names:
        return "—"
    shown = "; ".join(names[:LISTED_NAMES])
    more = len(names) - LISTED_NAMES
    return f"{shown}; … and {more} more" if more > 0 else shown


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _label(document: Document) -> str:
    return f"{document.path.name} ({document.province or 'no province'}, {document.year})"


def reader_version() -> str:
    """The commit that last changed the reader, so a report says which reader it measured."""
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%h %cs", "--", "lib/ingest/plan_parse.py", "lib/ingest/plan_tables.py"],
            cwd=ROOT, capture_output=True, text=True, timeout=10, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip() or "not in this checkout's history"


def render(measures: Iterable[Measure], generated: str, reader: str = "unknown") -> str:
    """The Markdown report: a summary table, then one table per document."""
    measures = list(measures)
    lines = [
        "# The plan reader on real documents",
        "",
        f"Generated {generated} by `python -m bench.plan_documents`; reader at commit {reader}. "
        "Documents and sources: "
        "`tests/plans_real/SOURCES.md`. ✗ marks an outcome other than the one expected (a task table "
        "read with the hand-counted number of tasks, or a refusal with an error).",
        "",
        "| document | expected | outcome | tasks (by hand) | with a lead | agencies resolved / distinct "
        "| new names | mapped to PAPI | problems | ms |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for m in measures:
        hand = "?" if m.document.tasks_by_hand is None else str(m.document.tasks_by_hand)
        ok = "" if m.as_expected else " ✗"
        lines.append(
            f"| {_cell(_label(m.document))} | {m.document.expect} | {m.outcome}{ok} | {m.tasks} ({hand}) "
            f"| {m.with_lead} | {m.agencies_resolved} / {m.agencies_distinct} | {len(m.new_names)} "
            f"| {m.mapped} | {sum(m.problems.values())} | {m.seconds * 1000:.0f} |"
        )
    for m in measures:
        lines += [
            "",
            f"## {_label(m.document)}",
            "",
            f"Source: {_cell(m.document.source)}",
            "",
            "| measure | value |",
            "|---|---|",
        ]
        if m.crash:
            lines.append(f"| crash | {_cell(m.crash)} |")
        problems = ", ".join(f"{code} ×{count}" for code, count in sorted(m.problems.items())) or "—"
        lines += [
            f"| outcome | {m.outcome} (expected: {m.document.expect}) |",
            f"| tasks found | {m.tasks} (counted by hand: {m.document.tasks_by_hand}) |",
            f"| tasks with a lead agency | {m.with_lead} |",
            f"| agencies resolved / distinct names | {m.agencies_resolved} / {m.agencies_distinct} |",
            f"| new agency names proposed | {len(m.new_names)}: {_cell(_listed(m.new_names))} |",
            f"| likely aliases proposed | {len(m.likely_aliases)}: {_cell(_listed(m.likely_aliases))} |",
            f"| run-together names flagged | {len(m.run_together)}: {_cell(_listed(m.run_together))} |",
            f"| tasks mapped to a PAPI dimension | {m.mapped} |",
            f"| problems ({m.errors} errors) | {_cell(problems)} |",
            f"| check time | {m.seconds * 1000:.0f} ms |",
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPORT), help="report file, or '-' to print only")
    parser.add_argument("--no-seed", action="store_true", help="leave out the seed plan baseline")
    args = parser.parse_args(argv)
    try:
        from lib.ingest.plan_parse import check_plan
    except ImportError as error:
        print(f"The general plan reader is not available ({error}); nothing measured.", file=sys.stderr)
        return 2

    documents = read_manifest()
    seed = None if args.no_seed else seed_document()
    if seed is not None:
        documents.insert(0, seed)
    measures = [measure(document, check_plan) for document in documents]
    report = render(measures, dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), reader_version())
    print(report)
    if args.out != "-":
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
