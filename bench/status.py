"""Benchmark of task status: report forms out for every agency of a plan, and 30 filled forms in at once.

- forms: `lib.store.status.agency_forms` for the seed plan (one .xlsx per agency) and the zip of them;
- upload: 30 filled forms (the 28 agencies of the seed plan and two of a synthetic copy of it), each with
  every task of the agency reported, checked together in one bounded child process (`check`), then
  previewed and committed as one upload (`commit`).
The pages with status data at 10× and 100× are measured by `bench.serverside` on the synthetic stores,
which `add_reports` fills with two reports per task (a first report and an update).

    .venv/bin/python -m bench.status [--reps N]

`bench.run` calls `run()` and appends `markdown()` to its report.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # `python bench/status.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

PLAN = "DLK-2020"
FORMS = 30


def add_reports(cur: Any, day: dt.date = dt.date(2020, 6, 1)) -> int:
    """In the caller's transaction: two reports per task of every plan (a first one and an update a month
    later, statuses cycling through the five), as one recorded upload.  Returns the reports added."""
    cur.execute(
        "INSERT INTO status_uploads (id, action, user_name, committed_at, file_names, reports, tasks, status) "
        "SELECT coalesce(max(id), 0) + 1, 'forms', 'bench', ?, 'synthetic', 0, '', 'active' FROM status_uploads",
        [dt.datetime(2020, 7, 1)],
    )
    upload = cur.execute("SELECT max(id) FROM status_uploads").fetchone()[0]
    statuses = "['not_started', 'in_progress', 'done', 'partly_done', 'not_done']"
    cur.execute(
        f"""
        INSERT INTO status_reports
        SELECT (SELECT coalesce(max(report_id), 0) FROM status_reports) + row_number() OVER (),
               t.task_id, t.plan_id,
               {statuses}[1 + ((hash(t.task_id) + k) % 5)::INTEGER],
               CASE WHEN {statuses}[1 + ((hash(t.task_id) + k) % 5)::INTEGER] = 'not_done' THEN 'Thiếu kinh phí' END,
               'Tiến độ ' || k, 'Số ' || k || '/BC', ?::DATE + 30 * k::INTEGER, NULL,
               t.lead_agency, ?, 'bench', ?, 'synthetic.xlsx', NULL, NULL
        FROM tasks t, range(2) r(k)
        """,
        [day, dt.datetime(2020, 7, 1), upload],
    )
    count = cur.execute("SELECT count(*) FROM status_reports WHERE upload_id = ?", [upload]).fetchone()[0]
    cur.execute("UPDATE status_uploads SET reports = ? WHERE id = ?", [count, upload])
    return int(count)


def _fill_all(form: bytes, day: dt.date) -> bytes:
    """Every task row of a form reported (status, note, evidence, date), as an agency would type it."""
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(form))
    sheet = book["Báo cáo"]
    labels = ["hoàn thành", "đang thực hiện", "chưa thực hiện", "hoàn thành một phần"]
    for row in range(6, sheet.max_row + 1):
        if sheet[f"A{row}"].value:
            sheet[f"F{row}"] = labels[row % len(labels)]
            sheet[f"H{row}"] = "Đã triển khai theo kế hoạch"
            sheet[f"I{row}"] = f"Số {row}/BC-UBND"
            sheet[f"J{row}"] = day
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def run(reps: int = 3, workdir: Path | None = None) -> dict[str, Any]:
    """Time form generation and a 30-form upload (check; preview + commit) on a 2× synthetic store."""
    from bench import synthetic
    from lib.ingest import sandbox
    from lib.store import database, status

    folder = workdir or Path(tempfile.mkdtemp(prefix="papi-status-bench-"))
    db_path, _ = synthetic.build_store(folder, 2)  # the seed plan and one synthetic copy (SYN1-DLK-2020)
    con = database.connect(db_path)
    try:
        # Undo the synthetic reports so the upload adds every one of its reports.
        cur = con.cursor()
        cur.execute("UPDATE status_uploads SET status = 'rolled_back'")
        cur.close()
        forms_s, zip_s = [], []
        for _ in range(reps):
            t0 = time.perf_counter()
            forms = status.agency_forms(con, PLAN)
            forms_s.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            archive = status.forms_zip(con, PLAN)
            zip_s.append(time.perf_counter() - t0)
        copy = status.agency_forms(con, f"SYN1-{PLAN}")
        day = dt.date(2020, 9, 1)
        files = [(name, _fill_all(data, day)) for name, data in sorted(forms.items())]
        files += [(name, _fill_all(data, day)) for name, data in sorted(copy.items())][: FORMS - len(files)]
        sandbox.start()
        check_s, commit_s, reports = [], [], 0
        for rep in range(reps):
            t0 = time.perf_counter()
            checks = status.check(con, files, today=dt.date(2021, 1, 1))
            check_s.append(time.perf_counter() - t0)
            assert all(c.ok for c in checks), [p.located("en") for c in checks for p in c.problems][:3]
            t0 = time.perf_counter()
            seen = status.preview(con, checks)
            upload = status.commit(con, checks, seen, "bench")
            commit_s.append(time.perf_counter() - t0)
            reports = len(seen.reports)
            if rep + 1 < reps:
                status.rollback(con, upload, "bench")
    finally:
        con.close()
    return {
        "plan": PLAN, "agencies": len(forms), "reps": reps,
        "forms_s": statistics.median(forms_s), "zip_s": statistics.median(zip_s), "zip_kb": len(archive) / 1024,
        "files": len(files), "reports": reports, "upload_mb": sum(len(d) for _, d in files) / 2**20,
        "check_s": statistics.median(check_s), "commit_s": statistics.median(commit_s),
    }


def markdown(result: dict[str, Any] | None) -> str:
    """The report's section on task status."""
    lines = ["", "## Task status: report forms", ""]
    if not result:
        return "\n".join([*lines, "Not measured.", ""])
    if "skipped" in result:
        return "\n".join([*lines, f"Not measured: {result['skipped']}", ""])
    lines += [
        f"Median of {result['reps']} runs in one process on a 2× synthetic store. Pages with status data "
        "(two reports per task) are in the server-side section at every size.",
        "",
        "| what | time | notes |",
        "|---|---:|---|",
        f"| forms for every agency of {result['plan']} | {result['forms_s']:.2f} s | {result['agencies']} "
        f"workbooks; the zip of them {result['zip_s']:.2f} s, {result['zip_kb']:.0f} KB |",
        f"| check {result['files']} filled forms at once | {result['check_s']:.2f} s | read together in one "
        f"bounded child process; {result['upload_mb']:.1f} MB in all |",
        f"| preview and commit them | {result['commit_s']:.2f} s | {result['reports']} reports, one transaction "
        "with the raw files |",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run(args.reps)
    print(json.dumps(result, indent=1) if args.json else markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
