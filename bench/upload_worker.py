"""Upload timings in a fresh process: check, preview and commit one file into a copy of the store.

    python -m bench.upload_worker FILE --store STORE_TEMPLATE --workdir DIR [--year Y] [--reps N]

Prints one JSON object.  Each repetition commits into a fresh copy of the
template store (so every commit writes the same amount).  Peak memory is the
process's VmHWM (peak resident set) minus its resident set just before the
first check, i.e. what the upload adds on top of a process that has the
libraries loaded and the store open.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

from bench import stats
from lib.local_server import proc_status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", type=Path)
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--year", type=int, default=None)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args(argv)

    import os

    try:
        from lib.store import database, importer
    except ImportError as exc:
        print(json.dumps({"available": False, "reason": f"lib.importer not importable: {exc}"}))
        return 0
    missing = [name for name in ("check", "preview", "commit") if not hasattr(importer, name)]
    if missing:
        print(json.dumps({"available": False, "reason": f"lib.importer lacks {', '.join(missing)}"}))
        return 0

    data = args.file.read_bytes()
    pid = os.getpid()
    before = None
    timings: dict[str, list[float]] = {"check": [], "preview": [], "commit": [], "total": []}
    info: dict[str, object] = {}
    for rep in range(args.reps):
        db_path = args.workdir / f"upload-{rep}.duckdb"
        db_path.unlink(missing_ok=True)
        shutil.copyfile(args.store, db_path)
        con = database.connect(db_path)
        try:
            if before is None:
                before = proc_status(pid).get("VmRSS", 0)
            t0 = time.perf_counter()
            result = importer.check(data, args.file.name, args.year)
            t1 = time.perf_counter()
            if not result.ok:
                info["errors"] = [str(p)[:300] for p in result.errors[:5]]
                print(json.dumps({"available": True, "ok": False, **info}, default=str))
                return 0
            seen = importer.preview(con, result)
            t2 = time.perf_counter()
            importer.commit(con, result, seen, "benchmark", replace=True)
            t3 = time.perf_counter()
        finally:
            con.close()
        timings["check"].append(t1 - t0)
        timings["preview"].append(t2 - t1)
        timings["commit"].append(t3 - t2)
        timings["total"].append(t3 - t0)
        info.update(
            rows=len(result.frame), years=result.years, warnings=len(result.warnings),
            added=seen.added, changed=seen.changed, removed=seen.removed, unchanged=seen.unchanged,
        )  # fmt: skip
        db_path.unlink(missing_ok=True)
    peak = proc_status(pid).get("VmHWM", 0)
    print(json.dumps({
        "available": True, "ok": True, "file": args.file.name, "bytes": len(data), **info,
        "timings": {name: stats.summary(values) for name, values in timings.items()},
        "rss_before_mb": (before or 0) / 2**20, "peak_rss_mb": peak / 2**20,
        "peak_added_mb": (peak - (before or 0)) / 2**20,
    }, default=str))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
