"""Bounds on checking an upload: the attack workbooks are refused by the page's and the CLI's path, the child
process that checks a file is stopped at its time and memory limits, and the published files still pass."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from lib.domain import paths
from lib.ingest import limits, sandbox
from lib.store import database, importer
from tests import upload_samples as u
from tests.upload_attacks import far_column, shared_strings_attack, wide_rows_attack

pytestmark = pytest.mark.slow  # every check here runs in a child process; some are stopped at their limits
SC_2024 = u.SC_DIR / "2024.csv"


def sleep_forever() -> None:
    while True:
        time.sleep(1)


def hoard_memory() -> int:
    kept = []
    while True:
        kept.append(bytearray(16 * limits.MB))


def test_the_page_and_cli_path_refuses_the_wide_rows_workbook_by_its_unzipped_size() -> None:
    result = importer.check(wide_rows_attack(), "papi.xlsx")
    assert result.codes == ["limit_part_size"]
    problem = result.errors[0]
    assert problem.located("en") == ("Sheet 'Sheet1': Part 'xl/worksheets/sheet1.xml' of the .xlsx file has an "
                                     "unzipped size of 190.3 MB; the limit is 25.0 MB per part.")
    assert "Remove the empty columns and rows" in problem.fix("en") and "Xóa các cột và dòng trống" in problem.fix("vi")
    assert result.frame.empty and not result.ok


def test_the_page_and_cli_path_refuses_the_shared_strings_workbook() -> None:
    result = importer.check(shared_strings_attack(), "papi.xlsx")
    assert result.codes == ["limit_shared_strings"]
    assert result.errors[0].message("en") == "The workbook's shared-strings table holds more than 100000 texts."
    assert "Save only the sheet with the scores" in result.errors[0].fix("en")


def test_a_check_that_runs_too_long_is_stopped_with_the_time_bound() -> None:
    outcome = sandbox.run(sleep_forever, seconds=2)
    assert outcome.exceeded is not None and outcome.exceeded.bound == "time"
    assert outcome.exceeded.limit == "2 s"


def test_a_check_that_needs_too_much_memory_is_stopped_with_the_memory_bound() -> None:
    outcome = sandbox.run(hoard_memory, memory=256 * limits.MB)
    assert outcome.exceeded is not None and outcome.exceeded.bound == "memory"
    assert outcome.exceeded.limit == "256 MB"


def test_the_bounds_become_located_problems_in_both_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sandbox, "run", lambda *args, **kwargs: sandbox.Outcome(
        exceeded=limits.Exceeded("time", "60 s", "> 60 s")))
    data = u.official_sheet(2019)
    result = sandbox.validate(data, "papi.xlsx")
    assert result.codes == ["limit_time"]
    assert result.errors[0].message("vi") == "Kiểm tra tệp mất hơn 60 s nên đã bị dừng (giới hạn thời gian)."
    assert result.errors[0].message("en") == "Checking the file took longer than 60 s and was stopped (time limit)."
    assert result.data == data  # the bytes are kept for the message and the history


def test_the_official_workbook_and_the_2024_csv_still_pass() -> None:
    official = importer.check(u.OFFICIAL.read_bytes(), u.OFFICIAL.name)
    assert official.ok, [p.located("en") for p in official.errors]
    assert official.years == list(range(2011, 2020))
    scores = u.scores()
    published = scores[scores["year"].between(2011, 2019)]
    assert len(official.frame) == len(published)
    sc = importer.check(SC_2024.read_bytes(), SC_2024.name, 2024)
    assert sc.ok, [p.located("en") for p in sc.errors]
    assert len(sc.frame) == len(scores[scores["year"] == 2024])


def test_the_command_line_check_refuses_a_far_column_and_stores_nothing(tmp_path: Path) -> None:
    store = tmp_path / "papi.duckdb"
    database.connect(store).close()
    con = database.connect(store)
    before = database.content_digest(con)
    con.close()
    file = tmp_path / "papi.xlsx"
    file.write_bytes(far_column())
    for command in ("check", "load"):
        run = subprocess.run([sys.executable, "-m", "lib.importer", "--lang", "en", command, str(file)],
                             cwd=paths.ROOT, capture_output=True, text=True, timeout=120,
                             env={"PAPI_DB": str(store), "PATH": "/usr/bin:/bin"})
        assert run.returncode == importer.EXIT_INVALID, run.stderr
        assert "Sheet 'Sheet1': The sheet has cells up to column XFD (16384); the limit is 1000 columns." in run.stdout
        assert "Remove the empty columns right of the score table" in run.stdout
    con = database.connect(store)
    assert database.content_digest(con) == before
    con.close()


CHECK_IN_A_FRESH_PROCESS = """
import sys
from pathlib import Path
from lib.store import database, importer  # as the command line and the benchmark's worker load them
result = importer.check(Path(sys.argv[1]).read_bytes(), "2024.csv", 2024)
print("ok" if result.ok else [p.located("en") for p in result.errors])
"""


def test_the_2024_csv_passes_five_times_in_a_fresh_process(shared_sources: Path) -> None:
    """The official 2024 file, checked as `python -m lib.importer` does, in a process of its own.

    With pyarrow's default allocator the child's address-space limit refused it
    (ArrowMemoryError) in such a process.
    """
    csv_2024 = shared_sources / "papi" / "subdimension_csv_2011-2024" / "2024.csv"
    for _ in range(5):
        done = subprocess.run([sys.executable, "-c", CHECK_IN_A_FRESH_PROCESS, str(csv_2024)], cwd=paths.ROOT,
                              capture_output=True, text=True, timeout=300, check=False)
        assert done.stdout.strip().splitlines()[-1:] == ["ok"], done.stdout + done.stderr
