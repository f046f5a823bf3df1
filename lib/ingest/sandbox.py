"""Check an upload in a child process bounded in time and memory, so no file can hold the server.

`validate(data, file_name, year)` runs `lib.ingest.validate.validate` in a
fresh Python process (`python -m lib.ingest.sandbox`), not a fork of the
server: nothing of the server's threads, store connection or session state is
copied, and Streamlit's script module (which it names `__main__`) is never
re-run, as multiprocessing's spawn and forkserver starts would do.  The child
imports its modules, then limits its own address space
(`resource.setrlimit(RLIMIT_AS)`) to what it has plus
`limits.PARSE_MEMORY_BYTES`; the parent kills it after `limits.PARSE_SECONDS`.
A file that hits either bound gets one problem, `limit_time` or `limit_memory`,
worded like every other problem.  Starting the child costs about a second.

`run(function, *args)` is the general form, for any picklable module-level function.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import signal
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

from lib.domain import paths
from lib.ingest import limits, readers
from lib.ingest import validate as checks

_KILLED = {-signal.SIGKILL, -signal.SIGABRT, -signal.SIGSEGV, -signal.SIGBUS}


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


def _serve() -> None:
    """The child: read (memory, function, args) from stdin, answer ("value" | "memory" | "error", …) on stdout."""
    import openpyxl  # noqa: F401 - imported before the memory limit, like the checks themselves

    memory, function, args = pickle.loads(sys.stdin.buffer.read())
    _limit_memory(memory)
    try:
        answer = pickle.dumps(("value", function(*args)))
    except MemoryError:
        answer = pickle.dumps(("memory", None))
    except BaseException as error:  # noqa: BLE001 - reported to the parent, which decides
        answer = pickle.dumps(("error", f"{type(error).__name__}: {error}"[:200]))
    sys.stdout.buffer.write(answer)
    sys.stdout.buffer.flush()


def run(function: Any, *args: Any, seconds: float = limits.PARSE_SECONDS,
        memory: int = limits.PARSE_MEMORY_BYTES) -> Outcome:
    """Run `function(*args)` in a bounded child process and return its value or the bound it hit."""
    over_memory = limits.Exceeded("memory", f"{memory // limits.MB} MB", f"> {memory // limits.MB} MB")
    request = pickle.dumps((memory, function, args))
    # The child finds modules where this process does (the function may live anywhere on its path).
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(paths.ROOT), *(p for p in sys.path if p)])}
    child = subprocess.Popen([sys.executable, "-m", "lib.ingest.sandbox"], cwd=paths.ROOT, env=env,
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = child.communicate(request, timeout=seconds)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        return Outcome(exceeded=limits.Exceeded("time", f"{seconds:g} s", f"> {seconds:g} s"))
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    if not out:
        if child.returncode in _KILLED or b"MemoryError" in err:
            return Outcome(exceeded=over_memory)
        return Outcome(error=err.decode("utf-8", "replace").strip().splitlines()[-1][:200] if err.strip()
                       else f"exit {child.returncode}")
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
    _serve()
