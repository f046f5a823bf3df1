"""Sections 1, 4 and 5: browser timings against the floor, ten concurrent users, server memory.

The real app and its floor are served side by side by the same Streamlit, and
every measurement alternates between them (real, floor, then floor, real in
the next repetition), so the machine's noise falls on both alike.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, async_playwright

from bench import browser as bw
from bench import stats
from bench.pages import ROOT, PageSpec
from bench.server import Server

QUERY = "lang=vi&province=66&year=2024"
YEARS = ("2023", "2024")  # the filter change toggles the year selectbox between these
YEAR_WIDGET = 1  # sidebar selectboxes: 0 = province, 1 = year (the same on the floor)
SINGLE = "bench_single_chart"
MB = 2**20


def floor_spec(pages: list[PageSpec], counts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The floor app's pages: one per real page with its chart and table counts, plus a one-chart page."""
    entries = [
        {"url": p.url, "title": p.url, "charts": counts[p.url]["charts"], "tables": counts[p.url]["tables"]}
        for p in pages
    ]
    entries.append({"url": SINGLE, "title": "single chart", "charts": 1, "tables": 0})
    return {"pages": entries}


async def _visit_all(browser: Browser, base: str, urls: list[str]) -> None:
    for url in urls:
        await bw.calibrate(browser, base, url, QUERY)


async def _user(browser: Browser, base: str, order: list[str], expected: dict[str, int], rounds: int,
                go: asyncio.Event, ready: list[int], shot_dir: Path | None = None) -> list[float]:  # fmt: skip
    session = bw.Session(browser, base, QUERY)
    times: list[float] = []
    try:
        await session.open(order[-1], expected[order[-1]])
        ready.append(1)
        await asyncio.wait_for(go.wait(), timeout=600)
        for _ in range(rounds):
            for url in order:
                times.append(await session.switch_to(url, expected[url]))
    except Exception:
        if shot_dir is not None:
            await session.screenshot(str(shot_dir / f"concurrency-fail-{len(ready)}.png"))
        raise
    finally:
        ready.append(0)
        await session.close()
    return times


async def concurrency(browser: Browser, base: str, order: list[str], expected: dict[str, int], users: int,
                      rounds: int, shot_dir: Path | None = None) -> dict[str, Any]:  # fmt: skip
    """Page switches of one user alone, then of `users` users at once (each cycling through every page)."""
    errors: list[str] = []
    # Every user opens a page with charts first (loading Plotly's JavaScript before the clock starts),
    # then cycles through all pages starting with the next one.
    # Not the default page: its own address (/overview) sometimes answers "Page not found" (see the findings).
    start = next((i for i, url in enumerate(order) if i > 0 and expected[url] > 0), len(order) - 1)
    order = order[start + 1 :] + order[: start + 1]
    go = asyncio.Event()
    go.set()
    try:
        single = await _user(browser, base, order, expected, rounds * 2, go, [], shot_dir)
    except Exception as exc:  # noqa: BLE001 - reported, the many-user part still runs
        single = []
        errors.append(f"one user: {type(exc).__name__}: {str(exc)[:1500]}")
    go = asyncio.Event()
    ready: list[int] = []
    tasks = [
        asyncio.create_task(_user(browser, base, order, expected, rounds, go, ready, shot_dir)) for _ in range(users)
    ]
    for _ in range(3000):  # every user's first page open (or failed), at most 300 s
        if len(ready) >= users or all(t.done() for t in tasks):
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(2.0)  # let the first loads' last work finish
    go.set()
    many: list[float] = []
    failures = 0
    for result in await asyncio.gather(*tasks, return_exceptions=True):
        if isinstance(result, BaseException):
            failures += 1
            errors.append(f"user: {type(result).__name__}: {str(result)[:1500]}")
        else:
            many.extend(result)
    return {"users": users, "rounds": rounds, "single": stats.summary(single), "many": stats.summary(many),
            "failures": failures, "errors": errors, "single_raw": single, "many_raw": many}  # fmt: skip


async def run_browser(pages: list[PageSpec], workdir: Path, reps: int, users: int, conc_rounds: int,
                      quick: bool, log: Any) -> dict[str, Any]:  # fmt: skip
    """Serve the real app and its floor, measure, and return everything (servers stopped at the end)."""
    workdir.mkdir(parents=True, exist_ok=True)
    shots = workdir / "shots"
    shots.mkdir(exist_ok=True)
    out: dict[str, Any] = {"pages": {}, "floor": {}, "timings": {}, "concurrency": {}, "memory": {}}
    servers: list[Server] = []
    try:
        from lib import store

        real_db = workdir / "papi-browser.duckdb"
        real_db.unlink(missing_ok=True)
        store.connect(real_db).close()
        real = Server("real", ROOT / "app.py", {"PAPI_DB": str(real_db)}).start(workdir)
        servers.append(real)
        bare_spec = workdir / "bare.json"
        bare_spec.write_text(json.dumps({"pages": [{"url": "bare", "charts": 0, "tables": 0, "bare": True}]}))
        bare = Server("bare", ROOT / "bench" / "floor_app.py", {"BENCH_FLOOR_SPEC": str(bare_spec)}).start(workdir)
        servers.append(bare)

        async with async_playwright() as pw:
            browser = await bw.launch(pw)
            out["chromium"] = browser.version

            # Count what each page shows (this is also every page's first visit).
            log("browser: counting charts and tables on every page")
            counts: dict[str, dict[str, Any]] = {}
            for page in pages:
                shot = str(shots / f"real-{page.url}.png")
                entry = await bw.calibrate(browser, real.url, page.url, QUERY, shot, 1000 if quick else 2000)
                if not quick:
                    other = await bw.calibrate(browser, real.url, page.url, QUERY.replace("2024", YEARS[0]))
                    entry["charts_" + YEARS[0]] = other["charts"]
                counts[page.url] = entry
                log(f"  {page.url}: {entry['charts']} charts ({entry['charts_first_view']} in first view), "
                    f"{entry['tables']} tables, {entry['exceptions']} exceptions")  # fmt: skip
            out["pages"] = counts
            out["nav_titles"] = counts[pages[0].url]["nav_titles"] if pages else []
            out["memory"]["real_after_visits"] = real.memory()
            await _visit_all(browser, bare.url, ["bare"])
            out["memory"]["bare_after_visit"] = bare.memory()
            bare.stop()

            spec = floor_spec(pages, counts)
            spec_path = workdir / "floor.json"
            spec_path.write_text(json.dumps(spec, indent=1))
            floor = Server("floor", ROOT / "bench" / "floor_app.py", {"BENCH_FLOOR_SPEC": str(spec_path)})
            floor.start(workdir)
            servers.append(floor)
            log("browser: visiting the floor's pages")
            # Quick mode warms the floor server with one page only (its first visit imports Plotly).
            warm = spec["pages"] if not quick else [e for e in spec["pages"] if e["url"] == SINGLE]
            for entry in warm:
                shot = str(shots / f"floor-{entry['url']}.png")
                got = await bw.calibrate(browser, floor.url, entry["url"], QUERY, shot, 1000 if quick else 2000)
                out["floor"][entry["url"]] = {**entry, "drawn": got["charts"], "tables_seen": got["tables"]}
            out["memory"]["floor_after_visits"] = floor.memory()

            urls = [p.url for p in pages]
            # Charts expected after each action; None = that year's count is unknown (quick mode), not timed.
            other = YEARS[0]
            expected: dict[str, dict[str, dict[str, int | None]]] = {
                "real": {u: {YEARS[1]: counts[u]["charts"], other: counts[u].get("charts_" + other)} for u in urls},
                "floor": {u: {YEARS[1]: counts[u]["charts"], other: None if quick else counts[u]["charts"]}
                          for u in urls},
            }
            expected["floor"][SINGLE] = {YEARS[1]: 1, other: None if quick else 1}
            bases = {"real": real.url, "floor": floor.url}
            timings: dict[str, dict[str, dict[str, list[float]]]] = {
                side: {u: {"first_load": [], "switch": [], "filter": [], "untimed": []} for u in [*urls, SINGLE]}
                for side in ("real", "floor")
            }
            errors: list[str] = []

            async def measure(side: str, url: str, action: str, coro: Any) -> None:
                try:
                    timings[side][url][action].append(await coro)
                except Exception as exc:  # noqa: BLE001 - recorded and reported; the run goes on
                    shot = shots / f"fail-{len(errors)}-{side}-{url}-{action}.png"
                    if action != "first_load":
                        await sessions[side].screenshot(str(shot))
                    errors.append(f"{side} {url} {action}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}"
                                  f" (screenshot {shot.name})")  # fmt: skip

            sessions = {side: bw.Session(browser, bases[side], QUERY) for side in ("real", "floor")}
            for side, session in sessions.items():
                await session.open(urls[-1], expected[side][urls[-1]][YEARS[1]])
                # One untimed round first: the first switch to a page with charts loads Plotly's JavaScript.
                for url in urls:
                    await measure(side, url, "untimed", session.switch_to(url, expected[side][url][YEARS[1]]))
            try:
                for rep in range(reps):
                    order = ("real", "floor") if rep % 2 == 0 else ("floor", "real")
                    log(f"browser: repetition {rep + 1}/{reps} ({' then '.join(order)})")
                    for url in urls:
                        for side in order:
                            await measure(side, url, "first_load", bw.first_load(
                                browser, bases[side], url, QUERY, expected[side][url][YEARS[1]]))  # fmt: skip
                    await measure("floor", SINGLE, "first_load",
                                  bw.first_load(browser, floor.url, SINGLE, QUERY, 1))  # fmt: skip
                    for url in urls:
                        for side in order:
                            await measure(side, url, "switch",
                                          sessions[side].switch_to(url, expected[side][url][YEARS[1]]))  # fmt: skip
                        for side in order:
                            for year in YEARS:
                                want = expected[side][url][year]
                                # want None (quick mode): only the change back to 2024 is timed.
                                action = "filter" if want is not None else "untimed"
                                await measure(side, url, action, sessions[side].choose(YEAR_WIDGET, year, want or 0))
                    floor_session = sessions["floor"]
                    await measure("floor", SINGLE, "switch", floor_session.switch_to(SINGLE, 1))
                    for year in YEARS:
                        want = expected["floor"][SINGLE][year]
                        action = "filter" if want is not None else "untimed"
                        await measure("floor", SINGLE, action, floor_session.choose(YEAR_WIDGET, year, want or 0))
                    await measure("floor", urls[-1], "untimed",
                                  floor_session.switch_to(urls[-1], expected["floor"][urls[-1]][YEARS[1]]))
            finally:
                for session in sessions.values():
                    await session.close()
            out["timings"] = timings
            out["errors"] = errors

            if users > 0:
                for side in ("real",) if quick else ("real", "floor"):
                    log(f"browser: {users} concurrent users on the {side} app")
                    want = {u: expected[side][u][YEARS[1]] for u in urls}
                    out["concurrency"][side] = await concurrency(browser, bases[side], urls, want, users, conc_rounds,
                                                             shots)
            out["memory"]["real_at_end"] = real.memory()
            await browser.close()
    finally:
        for server in servers:
            server.stop()
    out["memory"] = {k: {n: v / MB for n, v in d.items()} for k, d in out["memory"].items()}
    return out
