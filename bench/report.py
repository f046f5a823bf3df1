"""Budgets and the Markdown report, as pure functions of the results dictionary (no timing here)."""

from __future__ import annotations

import math
from typing import Any

from bench import stats

# The budgets (issue 11).  Ratios are the page's median over a floor's median for the same action:
# the chart floor ("floor": as many Plotly charts and tables, trivial data) and the element floor
# ("elements": the same elements as the page, trivial content).
FIRST_LOAD_OVER_CHARTS = 1.15
INTERACTION_OVER_ELEMENTS = 1.25
INTERACTION_OVER_CHARTS = 1.6
FIRST_VIEW_CHARTS = 3
WARM_RUN_S = 0.150
GROWTH_1_TO_100 = 3.0
UPLOAD_YEAR_S = 1.0
STATUS_FORMS_S = 3.0  # check + commit 30 filled report forms at once (0.1 s a form)
CONCURRENCY_P95 = 2.0
MEMORY_OVER_STACK_MB = 40.0

FLOOR_NAMES = {"floor": "chart floor", "elements": "element floor"}
INTERACTION_LIMITS = {"elements": INTERACTION_OVER_ELEMENTS, "floor": INTERACTION_OVER_CHARTS}
# (action, title, name in the budget table, {floor: the largest ratio of the page's median to that floor's})
ACTIONS = (
    ("first_load", "First load (fresh browser context)", "First load", {"floor": FIRST_LOAD_OVER_CHARTS}),
    ("switch", "Page switch (sidebar navigation)", "Page switch", INTERACTION_LIMITS),
    ("filter", "Year change (year 2024 ⇄ 2023)", "Year change", INTERACTION_LIMITS),
)


def _nan(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def verdict(value: Any, limit: float) -> str:
    """PASS, FAIL, or n/a when the value is missing."""
    if _nan(value):
        return "n/a"
    return "PASS" if value <= limit else "FAIL"


def fmt_s(value: Any, digits: int = 2) -> str:
    return "–" if _nan(value) else f"{value:.{digits}f} s"


def fmt_ms(value: Any) -> str:
    return "–" if _nan(value) else f"{value * 1000:.0f} ms"


def fmt_x(value: Any) -> str:
    return "–" if _nan(value) else f"{value:.2f}×"


def spread(summary: dict[str, Any], fmt: Any = fmt_s) -> str:
    """"median (p25–p75)" of a stats.summary, in the given unit."""
    if not summary or not summary.get("n"):
        return "–"
    return f"{fmt(summary['median'])} ({fmt(summary['p25'])}–{fmt(summary['p75'])}, n={summary['n']})"


def browser_rows(browser: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per (action, page): real, floor and single-chart-floor summaries and the ratios."""
    rows = []
    timings = browser.get("timings", {})
    real, floor, elements = timings.get("real", {}), timings.get("floor", {}), timings.get("elements", {})
    single = floor.get(_single_key(floor), {})
    for action, _, _, limits in ACTIONS:
        single_summary = stats.summary(single.get(action, []))
        for url, entry in real.items():
            if url.startswith("bench_"):
                continue
            real_summary = stats.summary(entry.get(action, []))
            floor_summary = stats.summary(floor.get(url, {}).get(action, []))
            ratio = stats.ratio(real_summary["median"], floor_summary["median"])
            elements_summary = stats.summary(elements.get(url, {}).get(action, []))
            ratios = {"floor": ratio, "elements": stats.ratio(real_summary["median"], elements_summary["median"])}
            verdicts = [verdict(ratios[side], limit) for side, limit in limits.items()]
            result = "FAIL" if "FAIL" in verdicts else "n/a" if "n/a" in verdicts else "PASS"
            rows.append({
                "action": action, "page": url, "real": real_summary, "floor": floor_summary,
                "single": single_summary, "ratio": ratio,
                "ratio_single": stats.ratio(real_summary["median"], single_summary["median"]),
                "floor_over_single": stats.ratio(floor_summary["median"], single_summary["median"]),
                "elements": elements_summary,
                "ratio_elements": ratios["elements"], "ratios": ratios, "limits": limits, "result": result,
            })  # fmt: skip
    return rows


def _single_key(floor: dict[str, Any]) -> str:
    return next((k for k in floor if k.startswith("bench_single")), "")


def server_rows(server: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per page: warm and cold script runs by data size, growth 1× → largest size."""
    sizes = server.get("sizes", {})
    if "1" not in sizes:
        return []
    largest = max(sizes, key=int)
    rows = []
    for url, entry in sizes["1"].get("pages", {}).items():
        row: dict[str, Any] = {"page": url, "error": entry.get("error"), "errors": entry.get("errors", [])}
        for size, data in sizes.items():
            page = data.get("pages", {}).get(url, {})
            row[f"warm_{size}"] = page.get("warm", {})
            row[f"cold_{size}"] = page.get("cold", {})
        warm1 = row["warm_1"].get("median") if row["warm_1"] else None
        row["growth"] = (
            stats.ratio(row[f"warm_{largest}"].get("median", math.nan), warm1) if largest != "1" and warm1 else math.nan
        )
        row["largest"] = largest
        rows.append(row)
    return rows


def query_rows(server: dict[str, Any]) -> list[dict[str, Any]]:
    sizes = server.get("sizes", {})
    if "1" not in sizes:
        return []
    largest = max(sizes, key=int)
    rows = []
    for name, entry in sizes["1"].get("queries", {}).items():
        row: dict[str, Any] = {"query": name, "note": entry.get("skipped") or entry.get("error") or ""}
        for size, data in sizes.items():
            row[size] = data.get("queries", {}).get(name, {}).get("warm", {})
        one = row["1"].get("median") if row["1"] else None
        big = row[largest].get("median") if row.get(largest) else None
        row["growth"] = stats.ratio(big, one) if largest != "1" and one and big else math.nan
        rows.append(row)
    return rows


def evaluate_budgets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Every budget of the issue with its measured value, limit and PASS / FAIL / n/a."""
    budgets: list[dict[str, Any]] = []

    def add(name: str, scope: str, value: Any, limit: float, unit: str) -> None:
        budgets.append({"budget": name, "scope": scope, "value": None if _nan(value) else value,
                        "limit": limit, "unit": unit, "result": verdict(value, limit)})  # fmt: skip

    browser = results.get("browser", {})
    names = {action: name for action, _, name, _ in ACTIONS}
    for row in browser_rows(browser):
        for side, limit in row["limits"].items():
            add(f"{names[row['action']]} / {FLOOR_NAMES[side]}", row["page"], row["ratios"][side], limit, "×")
    for url, counts in browser.get("pages", {}).items():
        add("Charts in first view (1366×768)", url, counts.get("charts_first_view"), FIRST_VIEW_CHARTS, "charts")
    server = results.get("server", {})
    for row in server_rows(server):
        add("Script run, warm, 1×", row["page"], (row["warm_1"] or {}).get("median"), WARM_RUN_S, "s")
    for row in server_rows(server):
        if row["largest"] != "1":
            add(f"Script run growth 1× → {row['largest']}× (warm)", row["page"], row["growth"], GROWTH_1_TO_100, "×")
    upload = results.get("upload", {})
    year = upload.get("scenarios", {}).get("official_year", {})
    if upload.get("available"):
        value = year.get("timings", {}).get("total", {}).get("median") if year.get("ok") else None
        add("Check + commit one official year", year.get("file", "official year"), value, UPLOAD_YEAR_S, "s")
    forms = results.get("status", {})
    if "check_s" in forms:
        add(f"Check + commit {forms['files']} report forms", f"{forms['reports']} reports",
            forms["check_s"] + forms["commit_s"], STATUS_FORMS_S, "s")
    conc = browser.get("concurrency", {}).get("real")
    if conc:
        # The observed browser user among protocol-level users (see section 4); the all-browser figure is context.
        value = stats.ratio(conc["many"]["p95"], conc["single"]["median"])
        scope = f"real app, 1 browser + {conc['users'] - 1} protocol users" if "protocol" in conc else "real app"
        add(f"{conc['users']} users: p95 switch / one user's median", scope, value, CONCURRENCY_P95, "×")
    memory = browser.get("memory", {})
    if "real_after_visits" in memory:
        add("Server RSS over the fixed stack's floor", "after every page in both languages",
            memory_over_stack(memory), MEMORY_OVER_STACK_MB, "MB")  # fmt: skip
    return budgets


def memory_over_stack(memory: dict[str, dict[str, float]]) -> float | None:
    """The dashboard's resident memory minus the fixed stack's floor (the floor app with the store open), in MB;
    None when either server was not measured."""
    real = memory.get("real_after_visits", {}).get("VmRSS")
    stack = memory.get("floor_store_after_visits", {}).get("VmRSS")
    return None if real is None or stack is None else real - stack


def _value(budget: dict[str, Any]) -> str:
    value, unit = budget["value"], budget["unit"]
    if value is None:
        return "–"
    if unit == "s":
        return fmt_ms(value) if value < 1 else fmt_s(value)
    if unit == "×":
        return fmt_x(value)
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value:g} {unit}"


def _limit(budget: dict[str, Any]) -> str:
    unit, limit = budget["unit"], budget["limit"]
    if unit == "s":
        return f"≤ {limit * 1000:.0f} ms" if limit < 1 else f"< {limit:g} s"
    if unit == "×":
        return f"≤ {limit:g}×"
    return f"≤ {limit:g} {unit}"


def budget_table(budgets: list[dict[str, Any]]) -> list[str]:
    lines = ["| Budget | Scope | Measured | Limit | Result |", "|---|---|---|---|---|"]
    for b in budgets:
        mark = {"PASS": "PASS", "FAIL": "**FAIL**", "n/a": "n/a"}[b["result"]]
        lines.append(f"| {b['budget']} | {b['scope']} | {_value(b)} | {_limit(b)} | {mark} |")
    return lines


def markdown(results: dict[str, Any]) -> str:
    """The whole report."""
    budgets = results.get("budgets") or evaluate_budgets(results)
    machine = results.get("machine", {})
    counts = {r: sum(1 for b in budgets if b["result"] == r) for r in ("PASS", "FAIL", "n/a")}
    out = [
        "# Performance benchmark",
        "",
        f"Mode **{results.get('mode', '?')}**, started {results.get('started', '?')}, "
        f"took {results.get('duration_s', 0) / 60:.1f} min; code at `{results.get('git', {}).get('commit', '?')}`"
        f"{' (with uncommitted changes)' if results.get('git', {}).get('dirty') else ''}.  "
        f"Budgets: {counts['PASS']} pass, {counts['FAIL']} fail, {counts['n/a']} not measured.",
        "",
        "Budgets are goals for the code, not tests: nothing here fails a build.  "
        "Ratios compare the page's median with a floor's median for the same action, measured in the same run: "
        "the chart floor is a bare Streamlit page with as many Plotly charts and tables, trivial data, the same "
        "sidebar; the element floor adds every other element the page shows, with trivial content.",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
    ]
    for key in ("cpu", "cores", "ram_gb", "os", "python", "streamlit", "plotly", "duckdb", "pandas", "chromium",
                "load_before", "load_after"):  # fmt: skip
        if key in machine:
            out.append(f"| {key} | {machine[key]} |")
    out += ["", "## Budgets", "", *budget_table(budgets), ""]

    browser = results.get("browser", {})
    out += ["## 1. Browser (headless Chromium, 1366×768)", ""]
    if browser.get("skipped"):
        out += [f"Not measured: {browser['skipped']}", ""]
    else:
        pages = browser.get("pages", {})
        if browser.get("nav_titles"):
            out += [f"Sidebar navigation shows: {', '.join(browser['nav_titles'])}.", ""]
        out += ["| Page | Charts drawn | in first view | Tables | Errors on page |", "|---|---|---|---|---|"]
        for url, c in pages.items():
            out.append(f"| {url} | {c.get('charts')} | {c.get('charts_first_view')} | {c.get('tables')} | "
                       f"{c.get('exceptions')} |")  # fmt: skip
        out.append("")
        rows = browser_rows(browser)
        for action, title, _, limits in ACTIONS:
            budget = " and ".join(f"≤ {limit:g}× {FLOOR_NAMES[side]}" for side, limit in limits.items())
            out += [f"### {title}", "",
                    "| Page | Real: median (p25–p75) | Floor: median (p25–p75) | Ratio to floor | "
                    "Single-chart floor | Ratio to single | Floor / single | Element floor | Ratio to element floor | "
                    "Budget | Result |",
                    "|---|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
            for r in (r for r in rows if r["action"] == action):
                out.append(
                    f"| {r['page']} | {spread(r['real'])} | {spread(r['floor'])} | {fmt_x(r['ratio'])} | "
                    f"{fmt_s(r['single']['median'])} | {fmt_x(r['ratio_single'])} | {fmt_x(r['floor_over_single'])} | "
                    f"{fmt_s(r['elements']['median'])} | {fmt_x(r['ratio_elements'])} | "
                    f"{budget} | {r['result']} |"
                )
            out.append("")
        if browser.get("errors"):
            out += ["Measurements that failed (left out of the medians):", ""]
            out += [f"- {e}" for e in browser["errors"][:30]]
            out.append("")

    server = results.get("server", {})
    out += ["## 2. Server side", ""]
    if server.get("skipped") or not server.get("sizes"):
        out += [f"Not measured: {server.get('skipped', 'no result')}", ""]
    else:
        sizes = sorted(server["sizes"], key=int)
        out += ["Data sizes (synthetic rows are never written to data/):", "",
                "| Size | Tasks | Plans | Score rows | Score years | Synthetic years |", "|---|---|---|---|---|---|"]
        for size in sizes:
            d = server["sizes"][size]["data"]
            synthetic = f"{d['first_synthetic_year']}–{d['last_year']}" if d.get("first_synthetic_year") else "none"
            out.append(f"| {size}× | {d['tasks']} | {d['plans']} | {d['score_rows']} | {d['score_years']} | "
                       f"{synthetic} |")  # fmt: skip
        out += ["", "Page script runs (AppTest: router + page, warm = caches filled, cold = Streamlit caches "
                "cleared just before):", ""]  # fmt: skip
        head = "| Page | " + " | ".join(f"{s}× warm | {s}× cold" for s in sizes) + " | Growth (warm) | Notes |"
        out += [head, "|" + "---|" * (2 * len(sizes) + 3)]
        for r in server_rows(server):
            cells = " | ".join(f"{spread(r[f'warm_{s}'], fmt_ms)} | {spread(r[f'cold_{s}'], fmt_ms)}" for s in sizes)
            note = r["error"] or "; ".join(r["errors"])[:200]
            out.append(f"| {r['page']} | {cells} | {fmt_x(r['growth'])} | {note} |")
        out += ["", "Named queries in lib/queries.py (warm connection, median of repeated calls):", "",
                "| Query | " + " | ".join(f"{s}×" for s in sizes) + " | Growth | Notes |",
                "|" + "---|" * (len(sizes) + 3)]  # fmt: skip
        for r in query_rows(server):
            cells = " | ".join(fmt_ms((r.get(s) or {}).get("median")) for s in sizes)
            out.append(f"| {r['query']} | {cells} | {fmt_x(r['growth'])} | {r['note']} |")
        out.append("")

    upload = results.get("upload", {})
    out += ["## 3. Upload (lib.importer: check → preview → commit, fresh process, fresh store copy each time)", ""]
    if not upload.get("available"):
        out += [f"Not available: {upload.get('reason', 'not measured')}", ""]
    else:
        out += ["| File | Rows | Check | Preview | Commit | Total | Peak memory added | Note |",
                "|---|---|---|---|---|---|---|---|"]  # fmt: skip
        for name, sc in upload.get("scenarios", {}).items():
            if not sc.get("ok"):
                reason = sc.get("reason") or "; ".join(str(e)[:120] for e in sc.get("errors", [])[:2])
                out.append(f"| {sc.get('file', name)} | – | – | – | – | – | – | not committed: {reason} |")
                continue
            t = sc["timings"]
            out.append(
                f"| {sc['file']} | {sc['rows']} | {spread(t['check'], fmt_ms)} | {spread(t['preview'], fmt_ms)} | "
                f"{spread(t['commit'], fmt_ms)} | {spread(t['total'], fmt_ms)} | {sc['peak_added_mb']:.0f} MB "
                f"(peak RSS {sc['peak_rss_mb']:.0f} MB) | {name} |"
            )
        out.append("")

    out += ["## 4. Concurrency (one server, users switching pages by the sidebar at the same moments)", ""]
    out += concurrency_section(browser.get("concurrency", {}))

    out += ["## 5. Memory (resident set of the server process)", ""]
    memory = browser.get("memory", {})
    if not memory:
        out += ["Not measured.", ""]
    else:
        out += ["| Server | State | RSS | Peak RSS | of which own (anonymous) | of which mapped files (library code) |",
                "|---|---|---|---|---|---|"]
        labels = {"bare_after_visit": ("bare Streamlit (one text page)", "after one visit"),
                  "real_after_visits": ("dashboard", "after visiting every page in both languages"),
                  "floor_after_visits": ("floor (Plotly, trivial data)", "after visiting every page"),
                  "floor_store_after_visits": ("fixed stack: floor + DuckDB store (opened, one count per page)",
                                               "after visiting every page in both languages"),
                  "real_at_end": ("dashboard", "at the end of the run")}  # fmt: skip
        for key, (server_name, state) in labels.items():
            if key in memory:
                m = memory[key]
                out.append(f"| {server_name} | {state} | {m.get('VmRSS', math.nan):.0f} MB | "
                           f"{m.get('VmHWM', math.nan):.0f} MB | {m.get('RssAnon', math.nan):.0f} MB | "
                           f"{m.get('RssFile', math.nan):.0f} MB |")  # fmt: skip
        out.append("")
        out += memory_floor_lines(memory)

    if results.get("findings"):
        out += ["## Findings", "", *results["findings"], ""]
    out += ["## Method", "", *METHOD, ""]
    return "\n".join(out)


def memory_floor_lines(memory: dict[str, dict[str, float]]) -> list[str]:
    """What the fixed stack takes before any page of ours, and what the dashboard adds to it, when measured."""
    bare = memory.get("bare_after_visit", {}).get("VmRSS")
    stack = memory.get("floor_store_after_visits", {}).get("VmRSS")
    over = memory_over_stack(memory)
    if bare is None or stack is None or over is None:
        return []
    return [
        f"The fixed stack alone (Streamlit, Plotly, pandas and DuckDB with the store open, trivial pages) is "
        f"{stack - bare:.0f} MB over the bare server; the dashboard is {over:+.0f} MB from that floor, against "
        f"an allowance of {MEMORY_OVER_STACK_MB:.0f} MB.",
        "",
    ]


def concurrency_section(conc: dict[str, Any]) -> list[str]:
    """Section 4: the budgeted mixed measurement, the informational all-browser one, and the protocol users."""
    if not conc:
        return ["Not measured.", ""]
    out = [CONCURRENCY_METHOD, "",
           "| App | Users | How | One user: median (p25–p75) | Many: median | Many: p95 | "
           "p95 / one user's median | Failures |", "|---|---|---|---|---|---|---|---|"]  # fmt: skip

    def row(side: str, users: int, how: str, single: dict[str, Any], many: dict[str, Any], failures: Any) -> str:
        ratio = stats.ratio(many["p95"], single["median"])
        return (f"| {side} | {users} | {how} | {spread(single)} | {fmt_s(many['median'])} | {fmt_s(many['p95'])} | "
                f"{fmt_x(ratio)} | {failures} |")  # fmt: skip

    for side, c in conc.items():
        if "protocol" in c:
            failures = (f"{c.get('failed_switches', 0)} switches, "
                        f"{c.get('failed_protocol_users', 0)} protocol users")  # fmt: skip
            how = f"1 browser + {c['users'] - 1} protocol users, n={c['many']['n']} (**budgeted**)"
            out.append(row(side, c["users"], how, c["single"], c["many"], failures))
        # Reports written before the mixed measurement hold only the all-browser figures, at the top level.
        browsers = c.get("all_browsers") or (None if "protocol" in c else c)
        if browsers:
            how = f"{browsers['users']} browsers in one Chromium, n={browsers['many']['n']} (informational)"
            out.append(row(side, browsers["users"], how, c["single"], browsers["many"], browsers["failures"]))
    mixed = {side: c for side, c in conc.items() if "protocol" in c}
    if not mixed:
        return [*out, ""]
    out += ["", "The protocol users' own runs (rerun sent → `script_finished` received: the server's time for "
            "a page while the others run theirs):", "",
            "| App | Protocol users | Runs | Median (p25–p75) | p95 | Max | Steps released by the observed click |",
            "|---|---|---|---|---|---|---|"]  # fmt: skip
    for side, c in mixed.items():
        p = c["protocol"]
        out.append(f"| {side} | {c.get('protocol_users', c['users'] - 1)} | {p['n']} | {spread(p)} | "
                   f"{fmt_s(p['p95'])} | {fmt_s(p['max'])} | {c.get('released_by_pointer', '–')} of "
                   f"{c.get('steps', '–')} |")  # fmt: skip
    sides = list(mixed)
    urls = list(dict.fromkeys(u for c in mixed.values() for u in c.get("protocol_pages", {})))
    if urls:
        out += ["", "Check that the protocol sessions run the pages: Plotly charts received per run against the "
                "charts the browser drew on that page, and delta messages per run (median):", "",
                "| Page | " + " | ".join(f"{s}: browser | {s}: protocol | {s}: deltas" for s in sides) + " |",
                "|---|" + "---|---|---|" * len(sides)]  # fmt: skip
        for url in urls:
            cells = []
            for side in sides:
                e = mixed[side].get("protocol_pages", {}).get(url, {})
                got = ", ".join(str(n) for n in e.get("charts", [])) or "–"
                mark = "" if e.get("charts", []) in ([], [e.get("expected")]) else " **≠**"
                deltas = e.get("deltas")
                cells.append(f"{e.get('expected', '–')} | {got}{mark} | {'–' if _nan(deltas) else f'{deltas:.0f}'}")
            out.append(f"| {url} | " + " | ".join(cells) + " |")
    errors = [f"{side}: {e}" for side, c in conc.items() for e in c.get("errors", [])]
    for side, c in conc.items():
        errors += [f"{side}, all browsers: {e}" for e in c.get("all_browsers", {}).get("errors", [])]
    if errors:
        out += ["", "Failures and mismatches:", "", *(f"- {e[:400]}" for e in errors[:20])]
    return [*out, ""]


CONCURRENCY_METHOD = (
    "Budgeted rows: one observed user in headless Chromium switches pages through the sidebar (timed as in "
    "section 1), and at its pointer press the other users, each a real Streamlit session driven over the "
    "websocket by `bench/ws_users.py`, send the rerun of their own next page (each a different number of pages "
    "ahead, so the server runs a mix); the next step starts when all have finished.  The protocol users stand "
    "for users whose browsers render on their own computers: the server does every bit of the work it does "
    "for a browser session (session, router and page script run, serialising, hashing and sending every "
    "message, answering from the client's message cache as for a browser); only the drawing is left out, and "
    "their client side (receiving and parsing the messages) runs in the benchmark's process on the same cores.  "
    "Informational rows (full mode): all users as browser contexts in the benchmark's one Chromium, whose "
    "renderers compete with the server for this machine's cores, so they mostly show the machine.  The floor's "
    "rows show how much of each slowdown the platform and the machine cause by themselves."
)


METHOD = [
    "- Servers: `streamlit run` on free loopback ports, the dashboard with a store built from data/*.csv in a "
    "temporary folder, the floor (`bench/floor_app.py`) generated from the chart and table counts found on each "
    "page, plus a single-chart page; both alive during the whole run, measurements alternating between them.  "
    "The element floor (timed for all three actions, budgeted for switches and year changes) is the same "
    "app serving each page's "
    "charts and tables plus every other element the page shows (headings, captions, metrics, alerts, "
    "selectboxes, expanders, the file uploader, …, counted by their Streamlit test ids), with trivial content: "
    "the ratio to it is what the page costs beyond the platform's price for the elements it is made of.",
    "- Done means: Streamlit's `stApp` reports `notRunning` (after running, for an action), every Plotly chart "
    "has its `.main-svg`, at least the counted number are drawn, and the DOM outside the header has been quiet "
    "for 300 ms; the time is the last mutation before that quiet window, from the input event (or navigation start).",
    "- Budgets: first load ≤ 1.15× the chart floor; page switch and year change ≤ 1.25× the element floor and "
    "≤ 1.6× the chart floor; server memory ≤ the fixed stack's floor + 40 MB; warm script runs, growth to 100× "
    "data, one official year's upload and ten users as listed in the budget table.",
    "- First load: a new browser context (empty cache) opening `/<page>?lang=vi&province=66&year=2024`.  "
    "Page switch: a click on the page's sidebar link, coming from the previous page of app.py's list.  "
    "Year change: choosing another year in the sidebar's year selectbox.",
    "- Concurrency: the one-user baseline is a browser session cycling through every page alone; the budgeted "
    "figure is the same kind of browser session switching while the other users, protocol-level Streamlit "
    "sessions (`bench/ws_users.py`: the browser's `rerun_script` message over `/_stcore/stream`, checked by the "
    "charts each run receives), switch at the same moment to a mix of pages; p95 over at least three rounds of "
    "every page in a full run (one round, four users, in a quick run).  Full runs also time all users as "
    "browsers in one Chromium, for context.",
    "- Memory: each server's resident set read from /proc after visiting every page (the dashboard and the "
    "fixed stack's floor: every page in Vietnamese, then in English).  The fixed stack's floor is the floor "
    "app again with the dashboard's DuckDB store opened read-only through one cached connection and counted "
    "once per page, served alone before any timing.",
    "- Server side: AppTest in its own process; synthetic data from `bench/synthetic.py`.",
    "- Spread: p25–p75 of the repetitions; n = number of samples.",
]
