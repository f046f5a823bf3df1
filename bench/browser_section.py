"""Sections 1, 4 and 5: browser timings against the floor, ten concurrent users, server memory.

Section 4 times one browser user among protocol-level users (bench/ws_users.py), who stand for users
rendering on their own machines; full runs also time all users as browsers in one Chromium, for context.

The real app and its floor are served side by side by the same Streamlit, and
every measurement alternates between them (real, floor, then floor, real in
the next repetition), so the machine's noise falls on both alike.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from pathlib import Path
from typing import Any

from playwright.async_api import Browser, async_playwright

from bench import browser as bw
from bench import stats
from bench.pages import ROOT, PageSpec
from bench.server import fresh_store
from bench.ws_users import ProtocolUser, RunResult
from lib.local_server import Server

QUERY = "lang=vi&province=66&year=2024"
LANGUAGES = ("vi", "en")  # the memory budget is read after every page in both
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


def element_floor_spec(pages: list[PageSpec], counts: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The element floor's pages: each real page's charts, tables and every other element it shows, at its own URL."""
    return {"pages": [
        {"url": p.url, "title": p.url, "charts": counts[p.url]["charts"], "tables": counts[p.url]["tables"],
         "elements": counts[p.url].get("elements", {})}
        for p in pages
    ]}  # fmt: skip


async def _visit_all(browser: Browser, base: str, urls: list[str], languages: tuple[str, ...] = ("vi",),
                     quiet_ms: int = 2000) -> None:  # fmt: skip
    for lang in languages:
        for url in urls:
            await bw.calibrate(browser, base, url, QUERY.replace("lang=vi", f"lang={lang}"), None, quiet_ms)


async def _floor_with_store_memory(browser: Browser, spec_path: Path, workdir: Path, quiet_ms: int) -> dict[str, int]:
    """Resident memory of the floor that also opens and queries a DuckDB store, after visiting every page in
    both languages (as the dashboard's is read).

    The floor of the fixed stack (Streamlit, Plotly, pandas and DuckDB): what no page of ours can go below.
    Served and stopped on its own, before any timing, so it never competes with the timed servers.
    """
    db = fresh_store(workdir / "papi-floor.duckdb")
    server = Server("floor-store", ROOT / "bench" / "floor_app.py",
                    {"BENCH_FLOOR_SPEC": str(spec_path), "BENCH_FLOOR_STORE": str(db)}).start(workdir)  # fmt: skip
    try:
        urls = [entry["url"] for entry in json.loads(spec_path.read_text(encoding="utf-8"))["pages"]]
        await _visit_all(browser, server.url, urls, LANGUAGES, quiet_ms)
        return server.memory()
    finally:
        server.stop()


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


async def _all_browsers(browser: Browser, base: str, order: list[str], expected: dict[str, int], users: int,
                        rounds: int, shot_dir: Path | None) -> dict[str, Any]:  # fmt: skip
    """`users` browser contexts in this one Chromium, all cycling through every page at once (informational)."""
    errors: list[str] = []
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
    return {"users": users, "rounds": rounds, "many": stats.summary(many), "failures": failures, "errors": errors,
            "many_raw": many}  # fmt: skip


RELEASE_JS = "() => window.addEventListener('pointerdown', () => window.__benchRelease(), true)"


async def _with_protocol_users(browser: Browser, base: str, order: list[str], expected: dict[str, int], users: int,
                               rounds: int, shot_dir: Path | None) -> dict[str, Any]:  # fmt: skip
    """One observed browser user and `users - 1` protocol-level users switching pages at the same moments.

    Every step, the observed user clicks the next page's sidebar link; the pointer press in its page releases
    the protocol users, who each send the rerun of their own next page (protocol user k runs k + 1 pages
    ahead of the observed user, so the server runs a mix of pages).  The next step starts when all of them
    are done.  Reported: the observed user's switch times, and the protocol users' own run times (BackMsg
    sent to script_finished received: the server's time under load).
    """
    n = len(order)
    errors: list[str] = []
    observed: list[float] = []
    protocol: list[float] = []
    # Per page: charts expected (counted in the browser), charts and deltas the protocol users received.
    seen: dict[str, dict[str, Any]] = {url: {"expected": expected[url], "charts": [], "deltas": []} for url in order}
    release = [asyncio.Event()]  # the current step's; replaced every step
    by_pointer = [0]  # steps whose protocol users were let go by the observed user's pointer press

    def on_pointer() -> None:
        if not release[0].is_set():
            by_pointer[0] += 1
            release[0].set()

    failed_protocol_users = observed_errors = 0

    def record(result: RunResult) -> None:
        entry = seen[result.url]
        entry["charts"].append(result.charts)
        entry["deltas"].append(result.deltas)
        if result.charts != entry["expected"] or result.exceptions or result.page_not_found:
            errors.append(f"protocol user on {result.url}: {result.charts} charts where the browser counted "
                          f"{entry['expected']}, {result.exceptions} exceptions, page not found: "
                          f"{result.page_not_found}")  # fmt: skip

    session = bw.Session(browser, base, QUERY)
    clients = [ProtocolUser(base, QUERY, name=f"protocol user {k + 1}") for k in range(users - 1)]
    alive = list(range(len(clients)))
    try:
        try:
            await session.open(order[-1], expected[order[-1]])
        except Exception:
            if shot_dir is not None:
                await session.screenshot(str(shot_dir / "concurrency-observed-open-fail.png"))
            raise
        assert session.page is not None
        # The protocol users are let go by the observed user's pointer press itself (a binding called from a
        # capturing listener), so every switch starts within a few milliseconds of the browser's click.
        await session.page.expose_function("__benchRelease", on_pointer)
        await session.page.evaluate(RELEASE_JS)
        for k, client in enumerate(clients):
            # Untimed: connect, a first run of the default page (which also brings the page list), then the
            # page before this user's first target.
            await client.connect()
            first = await client.open()
            if first.exceptions or first.page_not_found:
                errors.append(f"{client.name}: the first run showed {first.exceptions} exceptions, "
                              f"page not found: {first.page_not_found}")  # fmt: skip
            record(await client.switch_to(order[k % n]))
        await asyncio.sleep(2.0)  # let the first runs' last work finish

        async def observed_switch(url: str) -> float:
            try:
                return await session.switch_to(url, expected[url])
            finally:
                release[0].set()  # a click that never happened must not hold the others for long

        async def protocol_switch(k: int, url: str) -> RunResult:
            with contextlib.suppress(TimeoutError):  # released late rather than never
                await asyncio.wait_for(release[0].wait(), timeout=bw.ACTION_TIMEOUT_MS / 1000)
            return await clients[k].switch_to(url)

        for step in range(rounds * n):
            release[0] = asyncio.Event()
            url = order[step % n]
            targets = {k: order[(step + k + 1) % n] for k in alive}
            outcomes = await asyncio.gather(observed_switch(url), *(protocol_switch(k, u) for k, u in targets.items()),
                                            return_exceptions=True)  # fmt: skip
            first, rest = outcomes[0], outcomes[1:]
            if isinstance(first, BaseException):
                observed_errors += 1
                errors.append(f"observed user, step {step + 1} ({url}): {type(first).__name__}: {str(first)[:800]}")
                if shot_dir is not None:
                    await session.screenshot(str(shot_dir / f"concurrency-observed-fail-{step + 1}.png"))
                if observed_errors >= 3:
                    errors.append("observed user: three failed switches, measurement stopped")
                    break
            else:
                observed.append(first)
            for k, outcome in zip(list(targets), rest, strict=True):
                if isinstance(outcome, BaseException):
                    failed_protocol_users += 1
                    alive.remove(k)  # its session is in an unknown state; the others go on
                    errors.append(f"{clients[k].name}, step {step + 1}: {type(outcome).__name__}: "
                                  f"{str(outcome)[:800]}")  # fmt: skip
                else:
                    protocol.append(outcome.seconds)
                    record(outcome)
    finally:
        for client in clients:
            with contextlib.suppress(Exception):
                await client.close()
        await session.close()
    pages = {
        url: {"expected": e["expected"], "charts": sorted(set(e["charts"])), "runs": len(e["charts"]),
              "deltas": stats.summary(e["deltas"])["median"]}
        for url, e in seen.items()
    }  # fmt: skip
    return {"users": users, "protocol_users": len(clients), "steps": rounds * n, "many": stats.summary(observed),
            "many_raw": observed, "protocol": stats.summary(protocol), "protocol_raw": protocol,
            "protocol_pages": pages, "failed_protocol_users": failed_protocol_users, "failed_switches": observed_errors,
            "released_by_pointer": by_pointer[0], "errors": errors}  # fmt: skip


async def concurrency(browser: Browser, base: str, order: list[str], expected: dict[str, int], users: int,
                      rounds: int, all_browsers: bool, shot_dir: Path | None = None) -> dict[str, Any]:  # fmt: skip
    """Page switches of one user alone, then of `users` users at once.

    Budgeted ("many"): one observed browser user and `users - 1` protocol-level users (bench/ws_users.py),
    standing for users whose browsers render on their own machines.  Informational ("all_browsers", when
    `all_browsers`): `users` browser contexts in the benchmark's one Chromium, as measured before.
    """
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
    try:
        mixed = await _with_protocol_users(browser, base, order, expected, users, rounds, shot_dir)
    except Exception as exc:  # noqa: BLE001 - reported, the report still shows the single user
        mixed = {"users": users, "many": stats.summary([]), "many_raw": [], "protocol": stats.summary([]),
                 "protocol_raw": [], "errors": [], "setup_failed": True}  # fmt: skip
        errors.append(f"observed + protocol users: {type(exc).__name__}: {str(exc)[:1500]}")
    out: dict[str, Any] = {**mixed, "rounds": rounds, "single": stats.summary(single), "single_raw": single,
                           "errors": errors + mixed["errors"]}  # fmt: skip
    if all_browsers:
        out["all_browsers"] = await _all_browsers(browser, base, order, expected, users, rounds, shot_dir)
    return out


async def run_browser(pages: list[PageSpec], workdir: Path, reps: int, users: int, conc_rounds: int,
                      quick: bool, log: Any) -> dict[str, Any]:  # fmt: skip
    """Serve the real app and its floor, measure, and return everything (servers stopped at the end)."""
    workdir.mkdir(parents=True, exist_ok=True)
    shots = workdir / "shots"
    shots.mkdir(exist_ok=True)
    out: dict[str, Any] = {"pages": {}, "floor": {}, "timings": {}, "concurrency": {}, "memory": {}}
    servers: list[Server] = []
    try:
        real_db = fresh_store(workdir / "papi-browser.duckdb")
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
            log("browser: visiting every page in English too (the memory budget covers both languages)")
            await _visit_all(browser, real.url, [p.url for p in pages], LANGUAGES[1:], 1000 if quick else 2000)
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
            out["memory"]["floor_store_after_visits"] = await _floor_with_store_memory(
                browser, spec_path, workdir, 1000 if quick else 2000)  # fmt: skip

            # The element floor: served by its own server so its pages keep the real URLs.
            mirror_path = workdir / "elements.json"
            mirror_path.write_text(json.dumps(element_floor_spec(pages, counts), indent=1))
            mirror = Server("elements", ROOT / "bench" / "floor_app.py", {"BENCH_FLOOR_SPEC": str(mirror_path)})
            mirror.start(workdir)
            servers.append(mirror)
            log("browser: visiting the element floor's pages")
            for url in [p.url for p in pages] if not quick else [pages[0].url]:
                await bw.calibrate(browser, mirror.url, url, QUERY, None, 1000 if quick else 2000)

            urls = [p.url for p in pages]
            # Charts expected after each action; None = that year's count is unknown (quick mode), not timed.
            other = YEARS[0]
            expected: dict[str, dict[str, dict[str, int | None]]] = {
                "real": {u: {YEARS[1]: counts[u]["charts"], other: counts[u].get("charts_" + other)} for u in urls},
                "floor": {u: {YEARS[1]: counts[u]["charts"], other: None if quick else counts[u]["charts"]}
                          for u in urls},
            }
            expected["floor"][SINGLE] = {YEARS[1]: 1, other: None if quick else 1}
            expected["elements"] = {u: dict(expected["floor"][u]) for u in urls}
            bases = {"real": real.url, "floor": floor.url, "elements": mirror.url}
            timings: dict[str, dict[str, dict[str, list[float]]]] = {
                side: {u: {"first_load": [], "switch": [], "filter": [], "untimed": []} for u in [*urls, SINGLE]}
                for side in ("real", "floor", "elements")
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

            sessions = {side: bw.Session(browser, bases[side], QUERY) for side in ("real", "floor", "elements")}
            for side, session in sessions.items():
                await session.open(urls[-1], expected[side][urls[-1]][YEARS[1]])
                # One untimed round first: the first switch to a page with charts loads Plotly's JavaScript.
                for url in urls:
                    await measure(side, url, "untimed", session.switch_to(url, expected[side][url][YEARS[1]]))
            try:
                for rep in range(reps):
                    order = ("real", "floor", "elements") if rep % 2 == 0 else ("elements", "floor", "real")
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
                for side in ("real", "floor"):
                    log(f"browser: {users} concurrent users on the {side} app (1 browser + {users - 1} protocol)"
                        + ("" if quick else f", then {users} browsers"))  # fmt: skip
                    want = {u: expected[side][u][YEARS[1]] for u in urls}
                    out["concurrency"][side] = await concurrency(browser, bases[side], urls, want, users, conc_rounds,
                                                                 not quick, shots)  # fmt: skip
            out["memory"]["real_at_end"] = real.memory()
            await browser.close()
    finally:
        for server in servers:
            server.stop()
    out["memory"] = {k: {n: v / MB for n, v in d.items()} for k, d in out["memory"].items()}
    return out
