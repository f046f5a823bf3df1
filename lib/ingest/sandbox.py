"""Check an upload in a child process bounded in time and memory, so no file can hold the server.

`validate(data, file_name, year)` runs `lib.ingest.validate.validate` in a
child process.  The children are forked from one helper process per server
(`python -m lib.ingest.sandbox`, started on first use), a fresh interpreter
that has imported pandas and openpyxl once and does nothing else: forking it
costs milliseconds, where a new interpreter costs about a second, and nothing
of the server (its threads, store connection, sessions) is copied.  The server
itself is never forked, and Streamlit's script module, which Streamlit names
`__main__`, is never re-run (multiprocessing's spawn and forkserver starts
would re-run it in every child).

Each child limits its own address space (`resource.setrlimit(RLIMIT_AS)`) to
what it has plus `limits.PARSE_MEMORY_BYTES` and its wall-clock time
(`signal.alarm`, which ends the process even inside C code) to
`limits.PARSE_SECONDS`; the server also kills it if no answer has come a little
later.  A file that hits either bound gets one problem, `limit_time` or
`limit_memory`, worded like every other problem.

`run(function, *args)` is the general form, for any picklable module-level function.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import math
import os
import pickle
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from typing import Any

from lib.domain import paths
from lib.ingest import limits, readers
from lib.ingest import validate as checks

_GRACE = 5.0  # seconds the server waits past the child's own alarm before killing it
_PID = struct.Struct("!q")


@dataclass(frozen=True)
class Outcome:
    """What the child gave back: a value, or the bound it hit, or the error it raised."""

    value: Any = None
    exceeded: limits.Exceeded | None = None
    error: str = ""


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


def _limit_memory(memory: int) -> None:
    if "pyarrow" in sys.modules:  # its default allocator reserves address space far beyond what it uses
        sys.modules["pyarrow"].set_memory_pool(sys.modules["pyarrow"].system_memory_pool())
    try:
        import resource

        ceiling = _vm_size() + memory
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    except (ImportError, ValueError, OSError):
        pass  # no address-space limit on this platform; the time limit still applies


def _receive_all(conn: socket.socket) -> bytes:
    parts = []
    while chunk := conn.recv(1 << 20):
        parts.append(chunk)
    return b"".join(parts)


def _child(conn: socket.socket) -> None:
    """In a forked child: answer one request ("value" | "memory" | "error", …) on `conn`, then exit."""
    conn.sendall(_PID.pack(os.getpid()))
    memory, seconds, function, args = pickle.loads(_receive_all(conn))
    signal.signal(signal.SIGALRM, signal.SIG_DFL)  # the default action ends the process wherever it is
    signal.alarm(max(1, math.ceil(seconds)))
    _limit_memory(memory)
    try:
        answer = pickle.dumps(("value", function(*args)))
    except MemoryError:
        answer = pickle.dumps(("memory", None))
    except BaseException as error:  # noqa: BLE001 - reported to the server, which decides
        answer = pickle.dumps(("error", f"{type(error).__name__}: {error}"[:200]))
    conn.sendall(answer)
    conn.close()


def _serve(control_fd: int) -> None:
    """The helper process: for each socket the server passes on `control_fd`, fork a child to answer on it."""
    import openpyxl  # noqa: F401 - imported once here, not in every child

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    control = socket.socket(fileno=control_fd)
    while True:
        try:
            _, fds, _, _ = socket.recv_fds(control, 1, 1)
        except OSError:
            return
        if not fds:  # the server has gone: so does the helper
            return
        if os.fork() == 0:
            control.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            code = 0
            try:
                _child(socket.socket(fileno=fds[0]))
            except BaseException:  # noqa: BLE001 - a child never returns into the helper's loop
                code = 1
            os._exit(code)
        os.close(fds[0])


class _Helper:
    """The server's side of the helper process: started on first use, restarted if it has died."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._control: socket.socket | None = None
        self._process: subprocess.Popen[bytes] | None = None

    def _start(self) -> None:
        ours, theirs = socket.socketpair()
        # The helper finds modules where this process does (the function may live anywhere on its path).
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(paths.ROOT), *(p for p in sys.path if p)])}
        # pyarrow (which pandas may load while reading) reserves address space far beyond what it uses with
        # its default allocator, and the children's address-space limit then refuses normal files (the 2024
        # CSV failed with ArrowMemoryError in the benchmark); the system allocator is chosen before any import.
        env["ARROW_DEFAULT_MEMORY_POOL"] = "system"
        self._process = subprocess.Popen([sys.executable, "-m", "lib.ingest.sandbox", str(theirs.fileno())],
                                         cwd=paths.ROOT, env=env, pass_fds=[theirs.fileno()],
                                         stdin=subprocess.DEVNULL)
        theirs.close()
        self._control = ours

    def start(self) -> None:
        """Start the helper now if it is not running (returns at once; it imports in the background)."""
        with self._lock:
            if self._control is None or self._process is None or self._process.poll() is not None:
                self._start()

    def connect(self) -> socket.socket:
        """Return a socket connected to a new child of the helper."""
        with self._lock:
            for attempt in range(2):
                if self._control is None or self._process is None or self._process.poll() is not None:
                    self._start()
                assert self._control is not None
                ours, theirs = socket.socketpair()
                try:
                    socket.send_fds(self._control, [b"x"], [theirs.fileno()])
                    return ours
                except OSError:
                    ours.close()
                    self._control = None
                    if attempt:
                        raise
                finally:
                    theirs.close()
        raise AssertionError("unreachable")


_HELPER = _Helper()


def start() -> None:
    """Start the helper process ahead of the first check (the upload page does so for a signed-in editor)."""
    with contextlib.suppress(OSError):  # the first check will try again
        _HELPER.start()


def run(function: Any, *args: Any, seconds: float = limits.PARSE_SECONDS,
        memory: int = limits.PARSE_MEMORY_BYTES) -> Outcome:
    """Run `function(*args)` in a bounded child process and return its value or the bound it hit."""
    over_time = limits.Exceeded("time", f"{seconds:g} s", f"> {seconds:g} s")
    over_memory = limits.Exceeded("memory", f"{memory // limits.MB} MB", f"> {memory // limits.MB} MB")
    request = pickle.dumps((memory, seconds, function, args))
    started = time.monotonic()
    conn = _HELPER.connect()
    pid = 0
    try:
        conn.settimeout(seconds + _GRACE)  # the first child may wait for the helper to start
        pid = _PID.unpack(conn.recv(_PID.size, socket.MSG_WAITALL))[0]
        started = time.monotonic()
        conn.sendall(request)
        conn.shutdown(socket.SHUT_WR)
        parts = []
        while chunk := conn.recv(1 << 20):
            parts.append(chunk)
            conn.settimeout(max(0.1, started + seconds + _GRACE - time.monotonic()))
        out = b"".join(parts)
    except TimeoutError:
        out = None
        if pid:  # alive past its own alarm (it has not closed its end): end it
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
    except (OSError, struct.error):
        out = None
    finally:
        conn.close()
    if not out:  # no answer: stopped by its alarm or the server, or killed at its memory limit
        return Outcome(exceeded=over_time if time.monotonic() - started >= seconds else over_memory)
    kind, value = pickle.loads(out)
    if kind == "memory":
        return Outcome(exceeded=over_memory)
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


if __name__ == "__main__":
    _serve(int(sys.argv[1]))
