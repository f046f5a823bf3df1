"""The plan command line: `python -m lib.importer plan check|load|history|rollback`, its JSON and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lib.domain import paths
from lib.store import database, importer
from tests import plan_samples
from tests import plan_store_samples as kt

TASK_KEYS = ["section", "number", "task", "lead_agencies", "implementing_agencies", "deadline", "deadline_date",
             "output", "dimension", "papi_keys", "confidence"]


@pytest.fixture()
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "papi.duckdb"
    monkeypatch.setenv("PAPI_DB", str(path))
    database.connect(path).close()
    return path


@pytest.fixture()
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "ke-hoach-45.docx"
    path.write_bytes(kt.docx())
    return path


def _run(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "lib.importer", *args], cwd=paths.ROOT, capture_output=True,
                          text=True, timeout=180, env={**os.environ, "PAPI_DB": str(db)})


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = importer.main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_check_json_is_one_object_of_the_issues_shape(plan_file: Path, db: Path) -> None:
    done = _run("plan", "check", str(plan_file), "--province", "Kon Tum", "--year", "2023", "--json", db=db)
    assert done.returncode == importer.EXIT_OK, done.stderr
    report = json.loads(done.stdout)  # the whole of stdout is one JSON object
    assert list(report) == ["tasks", "columns", "problems"]
    assert len(report["tasks"]) == kt.TASKS
    assert all(list(task) == TASK_KEYS for task in report["tasks"])
    first = report["tasks"][0]
    assert first == {
        "section": "I", "number": "1",
        "task": "Công khai quy hoạch, kế hoạch sử dụng đất trên Cổng thông tin điện tử tỉnh",
        "lead_agencies": ["Sở Tài nguyên và Môi trường"],
        # canonical where resolved, as written where not (a likely alias is for the editor to decide)
        "implementing_agencies": ["UBND cấp huyện", "Sở Tài chánh"],
        "deadline": "Quý III/2023", "deadline_date": "2023-09-30", "output": "Quy hoạch được công khai",
        "dimension": 2, "papi_keys": ["land_use_plans"], "confidence": first["confidence"],
    }
    assert 0.0 < first["confidence"] <= 1.0
    recurring = report["tasks"][2]
    assert (recurring["deadline"], recurring["deadline_date"]) == ("Thường xuyên", None)
    assert report["columns"]["task"]["header"] == "Nội dung nhiệm vụ"
    assert report["columns"]["implementing"]["header"] == "Cơ quan phối hợp"
    assert report["problems"] == []


def test_check_json_of_a_bad_file_exits_1_with_the_located_problem(tmp_path: Path, db: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "khong-co-cot.docx"
    bad.write_bytes(plan_samples.docx_bytes(["STT", "Ghi chú", "Cơ quan chủ trì"], [["1", "x", "Sở Nội vụ"]]))
    code, out, _ = _cli(capsys, "plan", "check", str(bad), "--province", "Kon Tum", "--year", "2023", "--json")
    assert code == importer.EXIT_INVALID
    report = json.loads(out)
    assert report["tasks"] == []
    assert [p["code"] for p in report["problems"]] == ["plan_no_task_column"]
    problem = report["problems"][0]
    assert problem["severity"] == "error" and problem["table"] and problem["row"] == 1
    assert problem["fix"]


def test_check_without_json_says_which_column_was_taken_for_what(plan_file: Path, db: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _cli(capsys, "--lang", "en", "plan", "check", str(plan_file), "--province", "Kon Tum",
                        "--year", "2023")
    assert code == importer.EXIT_OK
    assert "Column 'Cơ quan chủ trì' (table 1, column 3) → Lead agency" in out
    assert "The file is valid: 5 tasks in 3 sections; 2 agency names not in the list (0 warnings)." in out


def test_load_replace_history_and_rollback(plan_file: Path, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["--lang", "en", "plan", "load", str(plan_file), "--province", "Kon Tum", "--year", "2023",
            "--document", kt.DOCUMENT, "--user", "Lan"]
    code, out, _ = _cli(capsys, *args)
    assert code == importer.EXIT_OK
    assert "Committed plan 63-62-2023 (5 tasks) as load 1." in out
    assert "Agency 'Sở Tài chánh' → 'Sở Tài chính' (merged into a known agency)" in out

    code, _, err = _cli(capsys, *args)  # the same plan again, without --replace
    assert code == importer.EXIT_REFUSED
    assert "--replace" in err and "63-62-2023" in err
    code, out, _ = _cli(capsys, *args, "--replace")
    assert code == importer.EXIT_OK and "as load 2." in out

    code, out, _ = _cli(capsys, "plan", "history")
    assert code == importer.EXIT_OK
    assert out.count("63-62-2023") == 2 and "Lan" in out
    code, out, _ = _cli(capsys, "--lang", "en", "plan", "rollback", "2", "--user", "Lan")
    assert code == importer.EXIT_OK and "Rolled back plan load 2 (recorded as 3)." in out
    code, _, err = _cli(capsys, "--lang", "en", "plan", "rollback", "2", "--user", "Lan")
    assert code == importer.EXIT_REFUSED and "already rolled back" in err
    con = database.connect(db)
    tasks = con.cursor().execute("SELECT count(*) FROM tasks WHERE plan_id = '63-62-2023'").fetchone()[0]
    con.close()
    assert tasks == 5


def test_the_document_defaults_to_the_file_name(plan_file: Path, db: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = _cli(capsys, "plan", "load", str(plan_file), "--province", "Kon Tum", "--year", "2023")
    assert code == importer.EXIT_OK
    con = database.connect(db)
    document = con.cursor().execute("SELECT document FROM plans WHERE plan_id = '63-62-2023'").fetchone()[0]
    con.close()
    assert document == "ke-hoach-45"


def test_an_unknown_province_or_a_bad_file_is_not_loaded(plan_file: Path, tmp_path: Path, db: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    before = database.connect(db)
    digest = database.content_digest(before)
    before.close()
    code, _, err = _cli(capsys, "--lang", "en", "plan", "load", str(plan_file), "--province", "Kon Tom",
                        "--year", "2023")
    assert code == importer.EXIT_REFUSED and "Kon Tum" in err
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    code, out, _ = _cli(capsys, "--lang", "en", "plan", "load", str(empty), "--province", "Kon Tum", "--year",
                        "2023")
    assert code == importer.EXIT_INVALID and "nothing was loaded" in out
    after = database.connect(db)
    assert database.content_digest(after) == digest
    after.close()
