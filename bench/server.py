"""The stores the benchmark serves.  Servers themselves are started by `lib.local_server.Server` (shared with
the browser tests); `run.py` and `browser_section.py` stop every one they start in a `finally` block."""

from __future__ import annotations

from pathlib import Path


def fresh_store(path: Path) -> Path:
    """Build a new DuckDB store at `path` from data/*.csv (replacing any left there) and return `path`."""
    from lib.store import database

    path.unlink(missing_ok=True)
    database.connect(path).close()
    return path
