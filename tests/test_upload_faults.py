"""Killing a commit (or a rollback) at any point leaves the store as it was before or after, never between;
two processes committing at once are serialised by DuckDB's file lock."""

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
from lib.ingest import validate
from lib.store import database, importer
from tests import upload_samples as u

pytestmark = pytest.mark.slow  # child processes killed mid-commit

NOW = "2026-05-01T09:00:00"
POINTS = ["begin", "recorded", "kept_previous", "deleted", "inserted", "before_commit", "after_commit"]

# Runs in a child process: commit (or roll back) and SIGKILL itself at the named point.
CHILD = textwrap.dedent(
    """
    import datetime as dt, os, signal, sys
    from pathlib import Path
    from lib.store import database, importer
    from lib.ingest import validate

    db, mode, point, file, year = sys.argv[1:6]

    def fault(name):
        if name == point:
            os.kill(os.getpid(), signal.SIGKILL)

    importer._fault = fault
    con = database.connect(Path(db))
    now = dt.datetime.fromisoformat("NOW")
    if mode == "commit":
        result = validate.validate(Path(file).read_bytes(), Path(file).name, int(year) if year != "-" else None,
                                   today=dt.date(2026, 6, 1))
        importer.commit(con, result, importer.preview(con, result), "killer", replace=True, now=now)
    else:
        importer.rollback(con, 1, "killer", now=now)
    con.close()
    print("finished", flush=True)
    """
).replace("NOW", NOW)


def _child(db: Path, mode: str, point: str, file: Path, year: int | None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CHILD, str(db), mode, point, str(file), str(year) if year else "-"],
        cwd=paths.ROOT, capture_output=True, text=True, timeout=120, env={**os.environ, "PAPI_DB": str(db)},
    )


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A seeded store, the same store after the commit, and after its rollback: their digests."""
    folder = tmp_path_factory.mktemp("faults")
    file = folder / "2019.xlsx"
    file.write_bytes(u.official_sheet(2019))
    seed = folder / "seed.duckdb"
    database.connect(seed).close()
    after = folder / "after.duckdb"
    shutil.copy(seed, after)
    assert _child(after, "commit", "never", file, None).stdout.strip() == "finished"
    rolled = folder / "rolled.duckdb"
    shutil.copy(after, rolled)
    assert _child(rolled, "rollback", "never", file, None).stdout.strip() == "finished"
    digests = {}
    for name, path in (("seed", seed), ("after", after), ("rolled", rolled)):
        con = database.connect(path)
        digests[f"digest_{name}"] = database.content_digest(con)
        con.close()
    assert digests["digest_seed"] != digests["digest_after"] != digests["digest_rolled"]
    # A rollback restores the scores exactly.
    assert digests["digest_seed"]["scores"] == digests["digest_rolled"]["scores"]
    return {"folder": folder, "file": file, "seed": seed, "after": after, **digests}


@pytest.mark.parametrize("point", POINTS)
def test_commit_killed_leaves_before_or_after(point: str, base: dict[str, object], tmp_path: Path) -> None:
    db = tmp_path / "papi.duckdb"
    shutil.copy(base["seed"], db)  # type: ignore[arg-type]
    done = _child(db, "commit", point, base["file"], None)  # type: ignore[arg-type]
    assert done.returncode == -signal.SIGKILL, done.stderr
    con = database.connect(db)
    digest = database.content_digest(con)
    con.close()
    expected = base["digest_after"] if point == "after_commit" else base["digest_seed"]
    assert digest == expected


@pytest.mark.parametrize("point", ["rollback_before_commit"])
def test_rollback_killed_leaves_before_or_after(point: str, base: dict[str, object], tmp_path: Path) -> None:
    db = tmp_path / "papi.duckdb"
    shutil.copy(base["after"], db)  # type: ignore[arg-type]
    done = _child(db, "rollback", point, base["file"], None)  # type: ignore[arg-type]
    assert done.returncode == -signal.SIGKILL
    con = database.connect(db)
    assert database.content_digest(con) == base["digest_after"]
    con.close()


def test_kill_at_a_random_moment_of_a_big_commit(base: dict[str, object], tmp_path: Path) -> None:
    """The whole 2011-2019 workbook, killed by the parent after a few milliseconds, several times."""
    workbook = tmp_path / "PAPI_2011-2019.xlsx"
    workbook.write_bytes(u.OFFICIAL.read_bytes())
    for delay in (0.8, 1.2, 1.6, 2.5):
        db = tmp_path / f"papi-{delay}.duckdb"
        shutil.copy(base["seed"], db)  # type: ignore[arg-type]
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(db), "commit", "never", str(workbook), "-"],
            cwd=paths.ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        try:
            child.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
            child.wait()
        con = database.connect(db)
        versions = int(con.cursor().execute(
            "SELECT coalesce(any_value(value), '0') FROM meta WHERE name = 'scores_version'").fetchone()[0])
        uploads = con.cursor().execute("SELECT count(*) FROM uploads").fetchone()[0]
        seeded = con.cursor().execute("SELECT count(*) FROM scores WHERE upload_id IS NULL").fetchone()[0]
        total = con.cursor().execute("SELECT count(*) FROM scores").fetchone()[0]
        con.close()
        # Either nothing happened, or the whole commit did: 2011-2019 rows all tagged with upload 1.
        assert (versions, uploads) in ((0, 0), (1, 1))
        assert total == len(u.scores())
        assert seeded == (len(u.scores()) if uploads == 0 else len(u.scores()[u.scores()["year"] > 2019]))


def test_two_processes_committing_at_once_are_serialised(base: dict[str, object], tmp_path: Path) -> None:
    db = tmp_path / "papi.duckdb"
    shutil.copy(base["seed"], db)  # type: ignore[arg-type]
    files = []
    for name, data in (("a.csv", u.sc_csv(2019)), ("b.xlsx", u.official_sheet(2019))):
        files.append(tmp_path / name)
        files[-1].write_bytes(data)
    script = textwrap.dedent(
        """
        import datetime as dt, sys
        from pathlib import Path
        from lib.store import importer
        from lib.ingest import validate
        file, user = Path(sys.argv[1]), sys.argv[2]
        result = validate.validate(file.read_bytes(), file.name, 2019, today=dt.date(2026, 6, 1))
        con = importer.open_store(attempts=60, wait=0.25)
        try:
            seen = importer.preview(con, result)
            print("preview", seen.changed, flush=True)
            importer.commit(con, result, seen, user, replace=True)
        finally:
            con.close()
        print("committed", flush=True)
        """
    )
    env = {**os.environ, "PAPI_DB": str(db)}
    children = [
        subprocess.Popen([sys.executable, "-c", script, str(f), user], cwd=paths.ROOT, env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for f, user in zip(files, ("Lan", "Minh"), strict=True)
    ]
    outputs = [c.communicate(timeout=120) for c in children]
    assert all(c.returncode == 0 for c in children), outputs
    con = database.connect(db)
    history = con.cursor().execute("SELECT user_name, rows_changed FROM uploads ORDER BY id").fetchall()
    con.close()
    assert sorted(h[0] for h in history) == ["Lan", "Minh"]
    # The second one previewed after the first committed: it saw the first's rows, so its changes differ
    # from the changes against the seed (the SC file's float-rounded values vs the workbook's).
    first_changes, second_changes = history[0][1], history[1][1]
    assert first_changes > 0 and second_changes > 0


def test_commit_with_a_preview_from_before_another_process_committed_is_refused(
    base: dict[str, object], tmp_path: Path
) -> None:
    db = tmp_path / "papi.duckdb"
    shutil.copy(base["seed"], db)  # type: ignore[arg-type]
    con = database.connect(db)
    result = validate.validate(u.official_sheet(2019), "2019.xlsx", today=dt.date(2026, 6, 1))
    seen = importer.preview(con, result)
    con.close()
    assert _child(db, "commit", "never", base["file"], None).stdout.strip() == "finished"  # type: ignore[arg-type]
    con = database.connect(db)
    with pytest.raises(importer.Refused) as refused:
        importer.commit(con, result, seen, "Lan", replace=True)
    con.close()
    assert refused.value.code == "stale"
