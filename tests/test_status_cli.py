"""`python -m lib.importer status forms|check|load|history|rollback`: files named after the agencies, every
problem listed with exit 1, a load committed with exit 0 and refused (exit 2) when it changes nothing."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from lib.domain import paths
from lib.store import database, importer
from lib.store import status_queries as sq
from tests import status_samples as s

THANH_TRA = "Thanh tra tỉnh"


@pytest.fixture()
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "papi.duckdb"
    monkeypatch.setenv("PAPI_DB", str(path))
    database.connect(path).close()
    return path


def _forms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    out = tmp_path / "forms"
    code = importer.main(["status", "forms", "--province", "Đắk Lắk", "--plan-year", "2020", "--out", str(out)])
    assert code == 0
    assert f"Đã ghi {len(s.agencies())} phiếu" in capsys.readouterr().out
    return out


def test_forms_writes_one_xlsx_per_agency_named_after_it_with_a_status_column(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _forms(tmp_path, capsys)
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{a} - DLK-2020.xlsx" for a in s.agencies())
    sheet = load_workbook(out / f"{THANH_TRA} - DLK-2020.xlsx")["Báo cáo"]
    assert "Trạng thái" in [c.value for c in sheet[5]]


def test_forms_of_a_province_without_a_plan_that_year_exit_1(db: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    code = importer.main(["status", "forms", "--province", "Đắk Lắk", "--plan-year", "2019", "--out",
                          str(tmp_path)])
    assert code == 1
    assert "Không có kế hoạch năm 2019 của Đắk Lắk." in capsys.readouterr().out


def test_check_lists_every_problem_with_its_file_and_place_and_exits_1(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _forms(tmp_path, capsys)
    ids = s.agency_tasks(THANH_TRA)
    bad = tmp_path / "tt.xlsx"
    bad.write_bytes(s.fill((out / f"{THANH_TRA} - DLK-2020.xlsx").read_bytes(), {
        ids[0]: {"status": "xong"}, ids[1]: {"status": "hoàn thành", "reported_on": "32/01/2020"}}))
    good = tmp_path / "nv.xlsx"
    nv = s.agency_tasks("Sở Nội vụ")
    good.write_bytes(s.fill((out / "Sở Nội vụ - DLK-2020.xlsx").read_bytes(), {nv[0]: s.done(dt.date(2020, 6, 1))}))
    code = importer.main(["status", "check", str(bad), str(good), "--lang", "en"])
    printed = capsys.readouterr().out
    assert code == 1
    assert "tt.xlsx: ERROR Sheet 'Báo cáo', row 6, column 'F (Trạng thái)': Status 'xong' is not one of the list." \
        in printed
    assert "tt.xlsx: ERROR Sheet 'Báo cáo', row 7, column 'J (Ngày báo cáo)': '32/01/2020' is not a date." in printed
    assert "nv.xlsx" not in printed.split("errors in")[0]
    assert "2 errors in 1 forms; nothing saved." in printed
    assert importer.main(["status", "check", str(good)]) == 0


def test_load_commits_then_refuses_the_same_files_again_and_a_bad_file_changes_nothing(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _forms(tmp_path, capsys)
    ids = s.agency_tasks(THANH_TRA)
    good = tmp_path / "tt.xlsx"
    good.write_bytes(s.fill((out / f"{THANH_TRA} - DLK-2020.xlsx").read_bytes(),
                            {ids[0]: s.done(dt.date(2020, 6, 1)), ids[1]: s.done(dt.date(2020, 6, 1))}))
    assert importer.main(["status", "load", str(good), "--user", "Lan"]) == 0
    assert "Đã lưu lần cập nhật tiến độ số 1." in capsys.readouterr().out
    con = database.connect(db)
    assert int(sq.completion(con, s.PLAN).iloc[0]["done"]) == 2
    before = database.content_digest(con)
    con.close()
    assert importer.main(["status", "load", str(good), "--user", "Lan"]) == 2  # nothing new: refused
    assert "Không có thay đổi nào để lưu" in capsys.readouterr().err
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(s.fill((out / f"{THANH_TRA} - DLK-2020.xlsx").read_bytes(), {ids[2]: {"status": "??"}}))
    assert importer.main(["status", "load", str(bad), "--user", "Lan"]) == 1
    con = database.connect(db)
    assert database.content_digest(con) == before
    con.close()
    assert importer.main(["status", "rollback", "1", "--user", "Minh"]) == 0
    con = database.connect(db)
    assert int(sq.completion(con, s.PLAN).iloc[0]["done"]) == 0
    con.close()


def test_the_published_entry_point_runs_status(db: Path, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "lib.importer", "status", "history"], cwd=paths.ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.strip() == "-"
    missing = subprocess.run([sys.executable, "-m", "lib.importer", "status", "check", str(tmp_path / "no.xlsx")],
                             cwd=paths.ROOT, capture_output=True, text=True, timeout=120)
    assert missing.returncode == 1
