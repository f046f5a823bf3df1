"""Benchmark of the leaders' brief (`python -m lib.brief`): one brief, and every province of a year in batch.

Each run is a fresh process on a copy of a freshly built store, as a user's shell would run it:
wall time, and the process's peak resident memory (ru_maxrss of the child).  In-process, the
gathering (queries) and the drawing (ReportLab) of one brief are timed apart.

    .venv/bin/python -m bench.brief [--reps N] [--year 2024]

`bench.run` calls `run()` and appends `markdown()` to its report.
"""

from __future__ import annotations

import argparse
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

if __package__ in (None, ""):  # `python bench/brief.py`
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROOT = Path(__file__).resolve().parents[1]


def _child(cmd: list[str], store: Path) -> dict[str, Any]:
    """Run `cmd` in a fresh process on `store`; return its wall time, its own peak RSS (MB) and exit status.

    `os.wait4` gives the resource use of that one child (RUSAGE_CHILDREN would mix in every earlier
    child of the benchmark, such as the browser section's servers).
    """
    env = {**os.environ, "PAPI_DB": str(store), "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryFile(mode="w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        tail = err.read()[-400:]
    return {"wall_s": wall, "peak_mb": usage.ru_maxrss / 1024, "exit": proc.returncode, "stderr": tail}


def _in_process(store: Path, year: int, reps: int) -> dict[str, Any]:
    """Median time of gathering and of drawing Đắk Lắk's brief, in this process (fonts already loaded)."""
    from lib.present import brief, brief_data
    from lib.store import database

    con = database.connect(store)
    try:
        gather, draw, size = [], [], 0
        for _ in range(reps + 1):  # the first round loads fonts and warms DuckDB; not counted
            t0 = time.perf_counter()
            data = brief_data.gather(con, "66", year)
            t1 = time.perf_counter()
            pdf = brief.render([data], "vi")
            t2 = time.perf_counter()
            gather.append(t1 - t0)
            draw.append(t2 - t1)
            size = len(pdf)
        return {"gather_s": statistics.median(gather[1:]), "render_s": statistics.median(draw[1:]),
                "pdf_kb": size / 1024}
    finally:
        con.close()


def run(year: int = 2024, reps: int = 3, workdir: Path | None = None) -> dict[str, Any]:
    """Measure one brief and the whole batch of `year`; returns plain numbers for the report."""
    from lib.store import database

    own = workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="papi-brief-bench-")) if workdir is None else workdir
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        template = workdir / "template.duckdb"
        database.connect(template).close()
        singles = []
        for i in range(reps):
            store = workdir / f"single-{i}.duckdb"
            shutil.copy(template, store)
            singles.append(_child([sys.executable, "-m", "lib.brief", "--province", "Đắk Lắk", "--year", str(year),
                                   "--out", str(workdir / f"single-{i}.pdf")], store))
        store = workdir / "batch.duckdb"
        shutil.copy(template, store)
        out = workdir / "batch"
        batch = _child([sys.executable, "-m", "lib.brief", "--year", str(year), "--all-provinces", "--out", str(out)],
                       store)
        pdfs = [p for p in out.glob("papi-brief_*.pdf") if "all-provinces" not in p.name]
        combined = next(out.glob("papi-brief_all-provinces_*.pdf"), None)
        return {
            "year": year,
            "reps": reps,
            "single": {"wall_s": statistics.median(s["wall_s"] for s in singles),
                       "wall_min_s": min(s["wall_s"] for s in singles),
                       "peak_mb": max(s["peak_mb"] for s in singles),
                       "failures": sum(1 for s in singles if s["exit"] != 0)},
            "batch": {**batch, "briefs": len(pdfs),
                      "per_brief_s": batch["wall_s"] / max(len(pdfs), 1),
                      "combined_kb": combined.stat().st_size / 1024 if combined else None,
                      "total_mb": sum(p.stat().st_size for p in out.glob("*.pdf")) / 2**20},
            "in_process": _in_process(template, year, reps),
        }
    except Exception as exc:  # noqa: BLE001 - the benchmark reports, it does not fail the run
        return {"skipped": f"{type(exc).__name__}: {exc}"}
    finally:
        if own:
            shutil.rmtree(workdir, ignore_errors=True)


def markdown(result: dict[str, Any] | None) -> str:
    """The report's section on the brief."""
    lines = ["", "## Leaders' brief (PDF)", ""]
    if not result:
        return "\n".join([*lines, "Not measured.", ""])
    if "skipped" in result:
        return "\n".join([*lines, f"Not measured: {result['skipped']}", ""])
    single, batch, inner = result["single"], result["batch"], result["in_process"]
    lines += [
        f"`python -m lib.brief`, PAPI {result['year']}, each run a fresh process on a fresh store "
        f"(median of {result['reps']} for one brief). Peak memory = the process's maximum resident set.",
        "",
        "| what | wall time | peak memory | notes |",
        "|---|---:|---:|---|",
        f"| one brief (Đắk Lắk) | {single['wall_s']:.2f} s (min {single['wall_min_s']:.2f} s) "
        f"| {single['peak_mb']:.0f} MB | includes Python start and imports; {single['failures']} failed |",
        f"| batch, every province | {batch['wall_s']:.1f} s | {batch['peak_mb']:.0f} MB "
        f"| {batch['briefs']} briefs, {batch['per_brief_s']:.2f} s each, combined PDF "
        f"{(batch['combined_kb'] or 0):.0f} KB, all files {batch['total_mb']:.1f} MB; exit {batch['exit']} |",
        f"| in process: gather / draw one brief | {inner['gather_s'] * 1000:.0f} ms / "
        f"{inner['render_s'] * 1000:.0f} ms | | PDF {inner['pdf_kb']:.0f} KB (font subsets embedded) |",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON instead of Markdown")
    args = parser.parse_args(argv)
    result = run(args.year, args.reps)
    print(json.dumps(result, indent=1) if args.json else markdown(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
