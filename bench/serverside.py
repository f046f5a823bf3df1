"""Server-side timings: each page's script run (AppTest) and each named query, at N× data.

Run as a subprocess by bench/run.py (`python -m bench.serverside --out result.json ...`)
so its imports, caches and memory never mix with the browser measurements.

- Page script runs: `AppTest.from_file("app.py")` with the URL's query parameters
  (lang=vi, province=66, year=2024), switched to each page of app.py's PAGES.
  *warm*: the same page run again with Streamlit's caches filled;
  *cold*: `st.cache_data` and `st.cache_resource` cleared right before the run
  (so the store connection is reopened and every query runs), the Python
  modules already imported.  The AppTest harness's own overhead is included.
- Named queries: every public function of lib/queries.py taking the connection
  first, called with arguments chosen by parameter name (ARGUMENTS); a function
  with a required parameter not in ARGUMENTS is listed as skipped.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import stats
from bench.pages import ROOT, discover

QUERY_ARGS = {"lang": "vi", "province": "66", "year": "2024"}
PEERS = ("62", "64", "66", "67", "68")
# Arguments for lib.queries functions, by parameter name: the view a user sees by default.
ARGUMENTS: dict[str, Any] = {
    "province_code": "66",
    "code": "66",
    "province": "Đắk Lắk",
    "province_name": "Đắk Lắk",
    "plan_province": "Đắk Lắk",
    "year": 2024,
    "score_year": 2024,
    "plan_year": 2020,
    "from_year": 2011,
    "to_year": 2024,
    "start_year": 2011,
    "end_year": 2024,
    "first_year": 2011,
    "last_year": 2024,
    "lang": "vi",
    "language": "vi",
    "peers": PEERS,
    "peer_codes": PEERS,
    "codes": PEERS,
    "province_codes": PEERS,
    "dimension": 2,
    "dimensions": (1, 2, 3, 4, 5, 6, 7, 8),
    "key": "civic_knowledge",
    "subdimension_key": "civic_knowledge",
    "task_id": "DLK-2020-I.1-01",
    "era": "63",
    "agency": "Sở Nội vụ",
}


def timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def query_functions() -> list[tuple[str, Callable[..., Any]]]:
    from lib.store import queries

    found = []
    for name, fn in inspect.getmembers(queries, inspect.isfunction):
        if name.startswith("_") or fn.__module__ != queries.__name__:
            continue
        params = list(inspect.signature(fn).parameters.values())
        if params and params[0].name in ("con", "connection", "conn", "db"):
            found.append((name, fn))
    return found


def query_arguments(fn: Callable[..., Any]) -> tuple[list[Any] | None, str]:
    """Arguments for `fn` after the connection, or None and the reason."""
    values = []
    for param in list(inspect.signature(fn).parameters.values())[1:]:
        if param.kind in (param.VAR_POSITIONAL, param.VAR_KEYWORD):
            continue
        if param.name in ARGUMENTS:
            values.append(ARGUMENTS[param.name])
        elif param.default is not inspect.Parameter.empty:
            values.append(param.default)
        else:
            return None, f"no benchmark argument for parameter `{param.name}`"
    return values, ""


def time_queries(db_path: Path, reps: int) -> dict[str, Any]:
    from lib.store import database

    con = database.connect(db_path)
    results: dict[str, Any] = {}
    try:
        for name, fn in query_functions():
            args, reason = query_arguments(fn)
            if args is None:
                results[name] = {"skipped": reason}
                continue
            try:
                first = timed(lambda fn=fn, args=args: fn(con, *args))
                runs = [timed(lambda fn=fn, args=args: fn(con, *args)) for _ in range(reps)]
                results[name] = {"args": [repr(a) for a in args], "first_s": first, "warm": stats.summary(runs)}
            except Exception as exc:  # noqa: BLE001 - a broken query is reported, not fatal
                results[name] = {"error": f"{type(exc).__name__}: {exc}"}
    finally:
        con.close()
    return results


def _apptest(page_path: str) -> Any:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    for name, value in QUERY_ARGS.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(page_path)
    return at


def _errors(at: Any) -> list[str]:
    return [str(getattr(e, "message", e))[:300] for e in at.exception]


def time_pages(reps: int, cold_reps: int, profile_dir: Path | None, label: str) -> dict[str, Any]:
    import streamlit as st

    results: dict[str, Any] = {}
    for spec in discover():
        entry: dict[str, Any] = {}
        try:
            st.cache_data.clear()
            st.cache_resource.clear()
            at = _apptest(spec.path)
            entry["first_s"] = timed(at.run)
            entry["errors"] = _errors(at)
            warm = [timed(at.run) for _ in range(reps)]
            cold = []
            for _ in range(cold_reps):
                st.cache_data.clear()
                st.cache_resource.clear()
                cold.append(timed(at.run))
                at.run()  # leave the caches warm again
            entry["warm"] = stats.summary(warm)
            entry["cold"] = stats.summary(cold)
            entry["errors"] = sorted(set(entry["errors"]) | set(_errors(at)))
            if profile_dir is not None:
                from bench.profiling import script_thread_profile

                profile_dir.mkdir(parents=True, exist_ok=True)
                for kind in ("warm", "cold"):
                    if kind == "cold":
                        st.cache_data.clear()
                        st.cache_resource.clear()
                    sink: list[Any] = []
                    with script_thread_profile(sink):
                        at.run()
                    out = profile_dir / f"{label}-{spec.url}-{kind}.txt"
                    text = "\n".join(p.output_text(unicode=True, color=False, show_all=False) for p in sink)
                    out.write_text(text, encoding="utf-8")
                entry["profiles"] = [str(profile_dir / f"{label}-{spec.url}-{k}.txt") for k in ("warm", "cold")]
        except Exception as exc:  # noqa: BLE001 - one broken page must not hide the others
            entry["error"] = f"{type(exc).__name__}: {exc}"
            entry["traceback"] = traceback.format_exc()[-2000:]
        results[spec.url] = entry
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--workdir", type=Path, required=True)
    parser.add_argument("--sizes", default="1,10,100")
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--cold-reps", type=int, default=3)
    parser.add_argument("--query-reps", type=int, default=15)
    parser.add_argument("--profile", action="store_true", help="write pyinstrument profiles (1× only)")
    args = parser.parse_args(argv)

    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    from bench import synthetic

    result: dict[str, Any] = {"sizes": {}}
    for factor in [int(f) for f in args.sizes.split(",")]:
        started = time.perf_counter()
        db_path, summary = synthetic.build_store(args.workdir, factor)
        build_s = time.perf_counter() - started
        os.environ["PAPI_DB"] = str(db_path)
        profile_dir = args.workdir / "profiles" if args.profile and factor == 1 else None
        result["sizes"][str(factor)] = {
            "data": summary.__dict__,
            "build_s": build_s,
            "queries": time_queries(db_path, args.query_reps),
            "pages": time_pages(args.reps, args.cold_reps, profile_dir, f"{factor}x"),
        }
        args.out.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
