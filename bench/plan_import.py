"""Benchmark of plan imports: check and commit of the seed plan and of a 300-task Word plan.

In process, on a copy of a freshly built store: the check (`check_plan`, in this process and through
the bounded child process the page and command line use), the review into rows, and the commit (one
transaction).  Then `python -m lib.importer plan load` of the 300-task plan in a fresh process, as a
user's shell runs it (wall time including Python's start and imports).

    .venv/bin/python -m bench.plan_import [--reps N]

`bench.run` calls `run()` and appends `markdown()` to its report.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # `python bench/plan_import.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[1]
TASKS_300 = 300

# Eight sections (one per PAPI dimension, as provincial PAPI plans are laid out) and task wordings to cycle.
_SECTIONS = [
    "Tham gia của người dân ở cấp cơ sở", "Công khai, minh bạch", "Trách nhiệm giải trình với người dân",
    "Kiểm soát tham nhũng trong khu vực công", "Thủ tục hành chính công", "Cung ứng dịch vụ công",
    "Quản trị môi trường", "Quản trị điện tử",
]
_LEADS = ["Sở Nội vụ", "Sở Tư pháp", "Sở Tài chính", "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh",
          "Sở Tài nguyên và Môi trường", "Thanh tra tỉnh", "Sở Y tế"]
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
_DEADLINES = ["Quý III/2026", "30/11/2026", "Thường xuyên", "Tháng 6/2026", "Năm 2026"]


def plan_docx(tasks: int = TASKS_300) -> bytes:
    """A Word plan of `tasks` tasks in eight sections: STT, task, lead, implementing, deadline, output."""
    import docx

    document = docx.Document()
    document.add_paragraph("PHỤ LỤC NHIỆM VỤ NÂNG CAO CHỈ SỐ PAPI NĂM 2026")
    per_section = -(-tasks // len(_SECTIONS))
    rows = 1 + len(_SECTIONS) + tasks
    table = document.add_table(rows=rows, cols=6)
    header = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm"]
    cells = table.rows[0].cells
    for i, text in enumerate(header):
        cells[i].text = text
    r, done = 1, 0
    for s, title in enumerate(_SECTIONS):
        cells = table.rows[r].cells
        cells[0].text, cells[1].text = _ROMAN[s], title
        r += 1
        for n in range(min(per_section, tasks - done)):
            cells = table.rows[r].cells
            cells[0].text = str(n + 1)
            cells[1].text = f"Triển khai nhiệm vụ số {done + 1} về {title.lower()} tại các địa phương trong tỉnh"
            cells[2].text = _LEADS[(done + s) % len(_LEADS)]
            cells[3].text = "UBND cấp huyện; UBND cấp xã"
            cells[4].text = _DEADLINES[done % len(_DEADLINES)]
            cells[5].text = "Báo cáo kết quả"
            r += 1
            done += 1
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _measure(template: Path, workdir: Path, name: str, data: bytes, province: str, year: int, document: str,
             reps: int) -> dict[str, Any]:
    from lib.ingest import plan_review
    from lib.ingest.plan_parse import check_plan
    from lib.store import database, plan_importer

    checks, bounded, builds, commits = [], [], [], []
    tasks = 0
    for i in range(reps + 1):  # the first round warms imports, the checking process and DuckDB; not counted
        t0 = time.perf_counter()
        result = check_plan(data, name, province=province, year=year)
        t1 = time.perf_counter()
        plan_importer.check(data, name, province, year)
        t2 = time.perf_counter()
        store = workdir / f"{Path(name).stem}-{i}.duckdb"
        shutil.copy(template, store)
        con = database.connect(store)
        try:
            seen = plan_importer.preview(con, result, province, year, document)
            t3 = time.perf_counter()
            plan_review.build_rows(result, seen.plan)
            t4 = time.perf_counter()
            plan_importer.commit(con, result, seen, "bench", data, replace=True)
            t5 = time.perf_counter()
        finally:
            con.close()
        tasks = len(result.tasks)
        if i:
            checks.append(t1 - t0)
            bounded.append(t2 - t1)
            builds.append(t4 - t3)
            commits.append(t5 - t4)
    return {"file": name, "kb": len(data) / 1024, "tasks": tasks, "check_s": statistics.median(checks),
            "check_bounded_s": statistics.median(bounded), "review_rows_s": statistics.median(builds),
            "commit_s": statistics.median(commits)}


def _cli_load(template: Path, workdir: Path, file: Path) -> dict[str, Any]:
    store = workdir / "cli.duckdb"
    shutil.copy(template, store)
    env = {**os.environ, "PAPI_DB": str(store), "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "lib.importer", "plan", "load", str(file), "--province",
                           "Gia Lai", "--year", "2026", "--user", "bench"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600, check=False)
    return {"wall_s": time.perf_counter() - started, "exit": done.returncode, "stderr": done.stderr[-300:]}


def run(reps: int = 3, workdir: Path | None = None) -> dict[str, Any]:
    """Measure the seed plan and a 300-task Word plan; returns plain numbers for the report."""
    from lib.ingest import plan
    from lib.store import database

    own = workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="papi-plan-bench-")) if workdir is None else workdir
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        template = workdir / "template.duckdb"
        database.connect(template).close()
        seed = plan.SEED_PLAN_PATH
        big = workdir / "plan-300.docx"
        big.write_bytes(plan_docx())
        return {
            "reps": reps,
            "seed": _measure(template, workdir, seed.name, seed.read_bytes(), plan.DAK_LAK_2020_PROVINCE,
                             plan.DAK_LAK_2020_YEAR, str(plan.DAK_LAK_2020_PLAN["document"]), reps),
            "tasks_300": _measure(template, workdir, big.name, big.read_bytes(), "Gia Lai", 2026, "plan-300", reps),
            "cli_300": _cli_load(template, workdir, big),
        }
    except Exception as exc:  # noqa: BLE001 - the benchmark reports, it does not fail the run
        return {"skipped": f"{type(exc).__name__}: {exc}"}
    finally:
        if own:
            shutil.rmtree(workdir, ignore_errors=True)


def markdown(result: dict[str, Any] | None) -> str:
    """The report's section on plan imports."""
    lines = ["", "## Plan import (check and commit)", ""]
    if not result:
        return "\n".join([*lines, "Not measured.", ""])
    if "skipped" in result:
        return "\n".join([*lines, f"Not measured: {result['skipped']}", ""])
    lines += [
        f"In process on a fresh store (median of {result['reps']}, after one warm-up round). 'Check' reads the "
        "document (`check_plan`); 'bounded' is the same check in the child process the page and command line "
        "use; 'review' turns the checked plan into store rows; 'commit' is the one transaction (replacing the "
        "plan of the same key).",
        "",
        "| plan | tasks | file | check | check (bounded) | review | commit |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for key, label in (("seed", "seed (Đắk Lắk 2020, text)"), ("tasks_300", "300 tasks (Word)")):
        r = result[key]
        lines.append(f"| {label} | {r['tasks']} | {r['kb']:.0f} KB | {r['check_s'] * 1000:.0f} ms "
                     f"| {r['check_bounded_s'] * 1000:.0f} ms | {r['review_rows_s'] * 1000:.0f} ms "
                     f"| {r['commit_s'] * 1000:.0f} ms |")
    cli = result["cli_300"]
    lines += ["", f"`python -m lib.importer plan load` of the 300-task plan, fresh process: {cli['wall_s']:.1f} s "
              f"(exit {cli['exit']}; includes Python's start and imports).", ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.plan_import", description=__doc__)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args(argv)
    result = run(reps=args.reps)
    print(markdown(result))
    print(json.dumps(result, indent=1, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
