"""Check an upload in a child process bounded in time and memory, so no file can hold the server.

`validate(data, file_name, year)` runs `lib.ingest.validate.validate` in a
child process forked from a preloaded fork server (the multiprocessing
"forkserver" context: no threads of the server are copied, and pandas and
openpyxl are imported once, not per check).  The child limits its own address
space (`resource.setrlimit(RLIMIT_AS)`) to what it had plus
`limits.PARSE_MEMORY_BYTES`; the parent kills it after `limits.PARSE_SECONDS`.
A file that hits either bound gets one problem, `limit_time` or
`limit_memory`, worded like every other problem.

`run(function, *args)` is the general form, for any picklable module-level function.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import sys
import threading
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from lib.ingest import limits, readers
from lib.ingest import validate as checks

# "__main__" first: children then skip re-running the main module (the Streamlit or pytest launcher).
_PRELOAD = ["__main__", "lib.ingest.validate", "openpyxl"]
_START = threading.Lock()


@dataclass(frozen=True)
class Outcome:
    """What the child gave back: a value, or the bound it hit, or the error it raised."""

    value: Any = None
    exceeded: limits.Exceeded | None = None
    error: str = ""


def _context() -> multiprocessing.context.BaseContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_PRELOAD)
    return context


def _vm_size() -> int:
    """Return this process's current address-space size in bytes (0 when unknown)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _child(conn: Connection, memory: int, function: Any, args: tuple[Any, ...]) -> None:
    if "pyarrow" in sys.modules:  # its default allocator reserves address space far beyond what it uses
        sys.modules["pyarrow"].set_memory_pool(sys.modules["pyarrow"].system_memory_pool())
    try:
        import resource

        ceiling = _vm_size() + memory
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    except (ImportError, ValueError, OSError):
        pass  # no address-space limit on this platform; the time limit still applies
    try:
        outcome = ("value", function(*args))
    except MemoryError:
        outcome = ("memory", None)
    except BaseException as error:  # noqa: BLE001 - reported to the parent, which decides
        outcome = ("error", f"{type(error).__name__}: {error}"[:200])
    try:
        conn.send(outcome)
    except MemoryError:
        conn.send(("memory", None))
    finally:
        conn.close()


def run(function: Any, *args: Any, seconds: float = limits.PARSE_SECONDS,
        memory: int = limits.PARSE_MEMORY_BYTES) -> Outcome:
    """Run `function(*args)` in a bounded child process and return its value or the bound it hit."""
    context = _context()
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(send, memory, function, args), daemon=True)
    with _START:  # the fork server is started once, by whichever thread comes first
        process.start()
    send.close()
    try:
        if not receive.poll(seconds):
            return Outcome(exceeded=limits.Exceeded("time", f"{seconds:g} s", f"> {seconds:g} s"))
        try:
            kind, value = receive.recv()
        except EOFError:  # the child died without answering: killed at its memory limit, or crashed
            process.join(5)
            return Outcome(exceeded=limits.Exceeded("memory", f"{memory // limits.MB} MB",
                                                    f"exit {process.exitcode}"))
    finally:
        receive.close()
        if process.is_alive():
            process.kill()
        process.join(5)
    if kind == "memory":
        return Outcome(exceeded=limits.Exceeded("memory", f"{memory // limits.MB} MB",
                                                f"> {memory // limits.MB} MB"))
    if kind == "error":
        return Outcome(error=str(value))
    return Outcome(value=value)


def _check(data: bytes, file_name: str, year: int | None, today: dt.date | None) -> checks.Validation:
    result = checks.validate(data, file_name, year, today=today)
    result.data = b""  # the parent has the bytes; do not send 20 MB back
    return result


def validate(data: bytes, file_name: str = "", year: int | None = None, today: dt.date | None = None,
             seconds: float = limits.PARSE_SECONDS, memory: int = limits.PARSE_MEMORY_BYTES) -> checks.Validation:
    """`lib.ingest.validate.validate`, bounded in time and memory. Never raises."""
    if len(data) > readers.MAX_UPLOAD_BYTES or not data.strip():
        return checks.validate(data, file_name, year, today=today)  # refused before any parsing
    try:
        outcome = run(_check, data, file_name, year, today, seconds=seconds, memory=memory)
    except OSError as error:  # the child could not be started
        outcome = Outcome(error=f"{type(error).__name__}: {error}")
    if outcome.value is not None:
        result: checks.Validation = outcome.value
        result.data = data
        return result
    result = checks.Validation(file_name=file_name, sha256=hashlib.sha256(data).hexdigest(), size=len(data),
                               data=data)
    if outcome.exceeded is not None:
        issue = readers.limit_issue(outcome.exceeded)
    else:
        issue = readers.Issue("internal_error", value=outcome.error[:120])
    result.problems = [checks.problem(issue)]
    return result
