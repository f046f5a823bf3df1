"""Protocol-level Streamlit users: real server sessions driven over the websocket, without a browser.

A `ProtocolUser` opens `ws://HOST/_stcore/stream` the way Streamlit's frontend
does and sends the same `rerun_script` BackMsg a browser sends for a page
switch (query string, target page's script hash, the hashes of the large
messages it already holds).  The server cannot tell it from a browser tab: it
creates an AppSession, runs the router and the page in a script thread,
serialises and hashes every ForwardMsg and sends it.  What is left out is only
the rendering, which in real use happens on each user's own computer.

The handshake follows streamlit/web/server/starlette/starlette_websocket.py:
the first entry of Sec-WebSocket-Protocol is the subprotocol to select
("streamlit"; the second and third entries, XSRF token and session id, matter
only for auth cookies and reconnects), and an Origin equal to the Host is
accepted as same-origin.  The brief named tornado's websocket client, but
Streamlit 1.67 serves with Starlette/uvicorn and no longer installs tornado;
the `websockets` package it does install is used instead (no new dependency).

The client keeps the frontend's message cache (ForwardMsgCache in the
frontend bundle): a cacheable message (a `new_element` delta of at least
`global.minCachedMessageSize` bytes) is remembered by hash, its hash is sent
back with the next rerun, and an entry expires after `max_cached_message_age`
finished runs without use.  So the server answers with the same `ref_hash`
references it would send a browser, and does the same work.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import ClientConnection, connect

RUN_TIMEOUT_S = 120.0
FINISHED_OK = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
FINISHED_EARLY = ForwardMsg.ScriptFinishedStatus.FINISHED_EARLY_FOR_RERUN
FINISHED_COMPILE_ERROR = ForwardMsg.ScriptFinishedStatus.FINISHED_WITH_COMPILE_ERROR


class ProtocolError(RuntimeError):
    """The server answered in a way a browser session would show as broken."""


@dataclass
class RunResult:
    """One script run as seen by the client, from sending the BackMsg to its `script_finished`."""

    url: str
    seconds: float
    deltas: int  # delta messages of the run, full or by reference
    refs: int  # of which sent as `ref_hash` (the client held them already)
    elements: int  # elements on the page at the end of the run, sidebar included
    charts: int  # Plotly charts among them
    exceptions: int  # st.exception elements (a page that raised)
    bytes: int  # websocket payload received
    page_not_found: bool = False


@dataclass
class _Cached:
    """The frontend cache's entry: what the message was, and the run count it was last used in."""

    kind: str
    last_run: int


@dataclass
class ProtocolUser:
    """One user's Streamlit session on `base` (http://host:port), driven at the protocol level."""

    base: str
    query: str
    name: str = "protocol-user"
    ws: ClientConnection | None = None
    pages: dict[str, str] = field(default_factory=dict)  # url path -> page script hash
    default_hash: str = ""
    current: str = ""
    max_cache_age: int = 2  # replaced by the server's value from the first new_session
    run_count: int = 0
    cache: dict[str, _Cached] = field(default_factory=dict)

    async def connect(self) -> None:
        """Open the websocket as the frontend does (same-origin, subprotocol "streamlit")."""
        host = urlsplit(self.base).netloc
        self.ws = await connect(
            f"ws://{host}/_stcore/stream",
            origin=self.base,  # type: ignore[arg-type]  # Origin is a NewType of str
            subprotocols=["streamlit"],  # type: ignore[list-item]
            max_size=None,  # a map page's GeoJSON figure can exceed the client's 1 MiB default
            proxy=None,  # loopback: never route through a proxy from the environment
            open_timeout=30,
        )

    async def close(self) -> None:
        """Close the websocket; the server then disconnects the session."""
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    async def open(self, url_path: str = "") -> RunResult:
        """First run of the session, by page name as a browser's first load sends it ("" = default page)."""
        return await self._run(url_path or "(default)", page_hash="", page_name=url_path)

    async def switch_to(self, url_path: str) -> RunResult:
        """Switch to `url_path` as a sidebar click does: by the page's script hash, no page name."""
        if not self.pages:
            raise ProtocolError("no navigation received yet: open() first")
        # st.navigation gives the default page the empty path; its own name is then no key (as in the sidebar).
        page_hash = self.pages.get(url_path, self.default_hash)
        return await self._run(url_path, page_hash=page_hash, page_name="")

    def _rerun_msg(self, page_hash: str, page_name: str) -> bytes:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = page_hash
        state.page_name = page_name
        state.cached_message_hashes.extend(self.cache)
        # Empty widget states: the server keeps the previous run's widget values, as for a browser that
        # sends the sidebar's unchanged values.
        state.widget_states.SetInParent()
        return msg.SerializeToString()

    async def _run(self, url: str, page_hash: str, page_name: str) -> RunResult:
        if self.ws is None:
            raise ProtocolError("not connected")
        payload = self._rerun_msg(page_hash, page_name)
        started = time.perf_counter()
        await self.ws.send(payload)
        try:
            async with asyncio.timeout(RUN_TIMEOUT_S):
                result = await self._receive_run(url)
        except TimeoutError:
            raise ProtocolError(f"{self.name}: no script_finished for {url} after {RUN_TIMEOUT_S:.0f} s") from None
        result.seconds = time.perf_counter() - started
        self.current = url
        return result

    async def _receive_run(self, url: str) -> RunResult:
        """Read messages until this run's successful `script_finished`, keeping the cache as the frontend does."""
        assert self.ws is not None
        started = False  # messages before this run's new_session belong to an earlier run
        elements: dict[tuple[int, ...], str] = {}
        deltas = refs = received = 0
        not_found = False
        while True:
            raw = await self.ws.recv()
            data = raw if isinstance(raw, bytes) else raw.encode()
            received += len(data)
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                started = True
                elements.clear()  # a rerun within the run (st.rerun) draws the page again
                deltas = refs = 0
                not_found = False
                self.max_cache_age = msg.new_session.config.max_cached_message_age or self.max_cache_age
                continue
            if not started:
                continue
            if kind == "navigation":
                self._remember_pages(msg)
            elif kind == "page_not_found":
                not_found = True
            elif kind in ("delta", "ref_hash"):
                deltas += 1
                refs += kind == "ref_hash"
                path = tuple(msg.metadata.delta_path)
                elements[path] = self._element_kind(msg)
            elif kind == "script_finished":
                status = msg.script_finished
                if status == FINISHED_COMPILE_ERROR:
                    raise ProtocolError(f"{self.name}: {url} finished with a compile error")
                if status == FINISHED_EARLY:
                    started = False  # the rerun's own new_session follows
                    continue
                if status == FINISHED_OK:
                    self._age_cache()
                    kinds = list(elements.values())
                    return RunResult(
                        url=url, seconds=0.0, deltas=deltas, refs=refs, elements=len(kinds),
                        charts=kinds.count("plotly_chart"), exceptions=kinds.count("exception"), bytes=received,
                        page_not_found=not_found,
                    )  # fmt: skip

    def _remember_pages(self, msg: ForwardMsg) -> None:
        for page in msg.navigation.app_pages:
            self.pages[page.url_pathname] = page.page_script_hash
            if page.is_default:
                self.default_hash = page.page_script_hash

    def _element_kind(self, msg: ForwardMsg) -> str:
        """The element a delta puts at its path; a reference is looked up in the cache (and refreshes it)."""
        if msg.WhichOneof("type") == "ref_hash":
            entry = self.cache.get(msg.ref_hash)
            if entry is None:  # the frontend treats this as a bug too
                raise ProtocolError(f"{self.name}: reference to a message never received ({msg.ref_hash})")
            entry.last_run = self.run_count
            return entry.kind
        delta = msg.delta
        kind = delta.WhichOneof("type") or ""
        if kind == "new_element":
            kind = delta.new_element.WhichOneof("type") or ""
        if msg.metadata.cacheable and msg.hash:
            entry = self.cache.get(msg.hash)
            if entry is None:
                self.cache[msg.hash] = _Cached(kind, self.run_count)
            else:
                entry.last_run = self.run_count
        return kind

    def _age_cache(self) -> None:
        """After a finished run: drop entries unused for more than `max_cache_age` runs (frontend's rule)."""
        self.run_count += 1
        for key in [k for k, e in self.cache.items() if self.run_count - e.last_run > self.max_cache_age]:
            del self.cache[key]
