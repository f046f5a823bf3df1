"""Killing a status commit (or rollback) at any point leaves the store as it was before or after, never between;
two processes loading forms of different agencies at once both land (DuckDB's file lock serialises them)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from lib.domain import paths
from lib.store import database, status
from tests import status_samples as s

pytestmark = pytest.mark.slow  # child processes killed mid-commit

POINTS = ["begin", "recorded", "files", "inserted", "before_commit", "after_commit"]

# Runs in a child process: load the forms (or roll back upload 1) and SIGKILL itself at the named point.
CHILD = textwrap.dedent(
    """
    import datetime as dt, os, sys
    from pathlib import Path
    from lib.store import database, status

    db, mode, point, *files = sys.argv[1:]

    def fault(name):
        if name == point:
            os.kill(os.getpid(), 9)

    status._fault = fault
    con = database.connect(Path(db))
    now = dt.datetime(2021, 3, 1, 9, 0)
    if mode == "commit":
        checks = status.check(con, [(Path(f).name, Path(f).read_bytes()) for f in files],
                              today=dt.date(2021, 3, 1), bounded=False)
        status.commit(con, checks, status.preview(con, checks), "killer", now=now)
    else:
        status.rollback(con, 1, "killer", now=now)
    con.close()
    print("finished", flush=True)
    """
)


def _child(db: Path, mode: str, point: str, files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(db), mode, point, *map(str, files)],
        cwd=paths.ROOT, capture_output=True, text=True, timeout=120, env={**os.environ, "PAPI_DB": str(db)},
    )


def _digest(db: Path) -> dict[str, str]:
    con = database.connect(db)
    try:
        return database.content_digest(con)
    finally:
        con.close()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("status_faults")
    seed = folder / "seed.duckdb"
    con = database.connect(seed)
    forms = status.agency_forms(con, s.PLAN)
    con.close()
    files = []
    for agency in ("Thanh tra tỉnh", "Sở Nội vụ"):
        ids = s.agency_tasks(agency)
        file = folder / f"{agency}.xlsx"
        file.write_bytes(s.fill(forms[f"{agency} - {s.PLAN}.xlsx"], {ids[0]: s.done(dt.date(2020, 6, 1))}))
        files.append(file)
    after = folder / "after.duckdb"
    shutil.copy(seed, after)
    assert _child(after, "commit", "never", files[:1]).stdout.strip() == "finished"
    rolled = folder / "rolled.duckdb"
    shutil.copy(after, rolled)
    assert _child(rolled, "rollback", "never", []).stdout.strip() == "finished"
    digests = {name: _digest(path) for name, path in (("seed", seed), ("after", after), ("rolled", rolled))}
    assert digests["seed"] != digests["after"] != digests["rolled"]
    return {"seed": seed, "after": after, "files": files, **{f"digest_{k}": v for k, v in digests.items()}}


@pytest.mark.parametrize("point", POINTS)
def test_commit_killed_leaves_before_or_after(point: str, base: dict[str, object], tmp_path: Path) -> None:
    db = tmp_path / "papi.duckdb"
    shutil.copy(base["seed"], db)  # type: ignore[arg-type]
    done = _child(db, "commit", point, base["files"][:1])  # type: ignore[index]
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert _digest(db) == (base["digest_after"] if point == "after_commit" else base["digest_seed"])


def test_rollback_killed_leaves_before(base: dict[str, object], tmp_path: Path) -> None:
    db = tmp_path / "papi.duckdb"
    shutil.copy(base["after"], db)  # type: ignore[arg-type]
    done = _child(db, "rollback", "rollback_before_commit", [])
    assert done.returncode == -signal.SIGKILL
    assert _digest(db) == base["digest_after"]


def test_two_processes_loading_forms_of_different_agencies_both_land(base: dict[str, object], tmp_path: Path) -> None:
    db = tmp_path / "papi.duckdb"
    shutil.copy(base["seed"], db)  # type: ignore[arg-type]
    env = {**os.environ, "PAPI_DB": str(db)}
    children = [
        subprocess.Popen([sys.executable, "-m", "lib.importer", "status", "load", str(file), "--user", user],
                         cwd=paths.ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for file, user in zip(base["files"], ("Lan", "Minh"), strict=True)  # type: ignore[call-overload]
    ]
    outputs = [c.communicate(timeout=180) for c in children]
    assert [c.returncode for c in children] == [0, 0], outputs
    con = database.connect(db)
    users = sorted(r[0] for r in con.cursor().execute("SELECT user_name FROM status_uploads").fetchall())
    reports = con.cursor().execute("SELECT count(*) FROM status_reports").fetchone()[0]
    con.close()
    assert users == ["Lan", "Minh"] and reports == 2
