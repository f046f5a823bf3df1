"""The benchmark's protocol-level users (bench/ws_users.py) and the ten-user budget taken from them.

One test starts the floor app (bench/floor_app.py) on a free port and checks that a session driven over the
websocket really runs each page: the Plotly charts it receives are the page's.  The others are pure.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
from collections.abc import Iterator
from typing import Any

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench import report, stats
from bench.pages import ROOT
from bench.ws_users import ProtocolUser
from lib.local_server import Server

QUERY = "lang=vi&province=66&year=2024"
PAGES = [
    {"url": "overview", "title": "overview", "charts": 2, "tables": 1},  # the default page: served at "/"
    {"url": "trends", "title": "trends", "charts": 1, "tables": 0},
    {"url": "tasks", "title": "tasks", "charts": 0, "tables": 2},
]


@pytest.fixture(scope="module")
def floor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The floor app with three pages of known chart counts, stopped after the module."""
    folder = tmp_path_factory.mktemp("floor")
    spec = folder / "floor.json"
    spec.write_text(json.dumps({"pages": PAGES}), encoding="utf-8")
    server = Server("floor-test", ROOT / "bench" / "floor_app.py", {"BENCH_FLOOR_SPEC": str(spec)})
    server.start(folder)
    try:
        yield server
    finally:
        server.stop()


def _run(coro: Any) -> Any:
    """Run a coroutine on a thread of its own: the browser tests' Playwright (sync API) keeps an event
    loop on the main thread for the whole session, where `asyncio.run` is refused."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


@pytest.mark.slow
def test_protocol_user_runs_every_page_with_its_charts(floor: Server) -> None:
    async def visit() -> list[tuple[str, int, int, bool]]:
        user = ProtocolUser(floor.url, QUERY)
        await user.connect()
        try:
            first = await user.open()
            seen = [(first.url, first.charts, first.exceptions, first.page_not_found)]
            for page in [*PAGES[1:], PAGES[0], PAGES[1]]:  # by hash, the default page by its sidebar address
                run = await user.switch_to(page["url"])
                seen.append((run.url, run.charts, run.exceptions, run.page_not_found))
            return seen
        finally:
            await user.close()

    seen = _run(asyncio.wait_for(visit(), timeout=60))
    assert seen == [
        ("(default)", 2, 0, False),
        ("trends", 1, 0, False),
        ("tasks", 0, 0, False),
        ("overview", 2, 0, False),
        ("trends", 1, 0, False),
    ]


def _delta(kind: str, path: list[int], digest: str, cacheable: bool) -> ForwardMsg:
    msg = ForwardMsg()
    getattr(msg.delta.new_element, kind).SetInParent()
    msg.metadata.delta_path.extend(path)
    msg.hash = digest
    msg.metadata.cacheable = cacheable
    return msg


def test_message_cache_follows_the_frontend() -> None:
    user = ProtocolUser("http://127.0.0.1:1", QUERY, max_cache_age=2)
    assert user._element_kind(_delta("plotly_chart", [0, 1], "big", cacheable=True)) == "plotly_chart"
    assert user._element_kind(_delta("markdown", [0, 0], "small", cacheable=False)) == "markdown"
    assert set(user.cache) == {"big"}  # only cacheable messages are kept, and their hashes sent back
    ref = ForwardMsg()
    ref.ref_hash = "big"
    for _ in range(2):
        user._age_cache()
    assert user._element_kind(ref) == "plotly_chart"  # a reference counts as the element it stands for
    for _ in range(3):
        user._age_cache()
    assert user.cache == {}  # unused for more than max_cached_message_age finished runs


def test_ten_user_budget_is_the_browser_among_protocol_users() -> None:
    pages = {"overview": {"expected": 2, "charts": [2], "runs": 6, "deltas": 27.0},
             "tasks": {"expected": 0, "charts": [1], "runs": 6, "deltas": 26.0}}  # fmt: skip
    mixed = {"users": 10, "protocol_users": 9, "steps": 21, "rounds": 3, "single": stats.summary([1.0, 1.0]),
             "many": stats.summary([1.0, 1.5]), "protocol": stats.summary([0.2, 0.4]), "protocol_pages": pages,
             "failed_protocol_users": 0, "failed_switches": 0, "released_by_pointer": 21, "errors": [],
             "all_browsers": {"users": 10, "many": stats.summary([2.0, 7.0]), "failures": 0, "errors": []}}  # fmt: skip
    results = {"browser": {"concurrency": {"real": mixed}}}
    budget = next(b for b in report.evaluate_budgets(results) if b["budget"].startswith("10 users"))
    assert budget["scope"] == "real app, 1 browser + 9 protocol users"
    assert budget["value"] == pytest.approx(1.475) and budget["result"] == "PASS"  # not the browsers' 6.75×


def test_protocol_user_needs_the_page_list_before_switching() -> None:
    with pytest.raises(RuntimeError, match="open\\(\\) first"):
        _run(ProtocolUser("http://127.0.0.1:1", QUERY).switch_to("trends"))
