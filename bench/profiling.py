"""Profile the script thread of an AppTest run with pyinstrument (diagnostics for failed budgets).

AppTest runs the app in its own thread, where a profiler started by the caller
sees nothing; this wraps Streamlit's `ScriptRunner._run_script` so the profiler
runs in that thread, around the whole run (router, sidebar and page).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any


@contextlib.contextmanager
def script_thread_profile(sink: list[Any], interval: float = 0.0005) -> Iterator[None]:
    """While active, every script run is profiled; each finished Profiler is appended to `sink`."""
    from pyinstrument import Profiler
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script

    def profiled(self: Any, rerun_data: Any) -> Any:
        profiler = Profiler(interval=interval)
        profiler.start()
        try:
            return original(self, rerun_data)
        finally:
            profiler.stop()
            sink.append(profiler)

    script_runner.ScriptRunner._run_script = profiled  # type: ignore[method-assign]
    try:
        yield
    finally:
        script_runner.ScriptRunner._run_script = original  # type: ignore[method-assign]
