"""Preview, commit, history and rollback against a real store; the command line; two editors at once."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from lib.domain import paths
from lib.ingest import validate
from lib.store import database, importer, queries
from tests import upload_samples as u

TODAY = dt.date(2026, 6, 1)


def _scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[object] | None = None) -> object:
    row = con.cursor().execute(sql, params or []).fetchone()
    assert row is not None
    return row[0]


def _stored(con: duckdb.DuckDBPyConnection, years: list[int]) -> pd.DataFrame:
    frame = database.year_scores(con.cursor(), years).drop(columns="upload_id")
    return frame.astype({"subdimension": "Int64"}).reset_index(drop=True)


def _check(data: bytes, name: str, year: int | None = None) -> validate.Validation:
    result = validate.validate(data, name, year, today=TODAY)
    assert result.ok, [p.located("en") for p in result.errors]
    return result


def _load(con: duckdb.DuckDBPyConnection, data: bytes, name: str, year: int | None = None,
          replace: bool = False, user: str = "Lan") -> int:
    result = _check(data, name, year)
    return importer.commit(con, result, importer.preview(con, result), user, replace=replace)


def _empty_scores(con: duckdb.DuckDBPyConnection) -> None:
    con.cursor().execute("DELETE FROM scores")


def _assert_rows_equal(got: pd.DataFrame, want: pd.DataFrame, tolerance: float) -> None:
    keys = ["year", "province_code", "province", "dimension", "subdimension"]
    assert got[keys].astype(str).values.tolist() == want[keys].astype(str).values.tolist()
    assert (got["score"] - want["score"]).abs().max() <= tolerance


def test_whole_official_workbook_into_an_empty_store_gives_the_published_rows(
    fresh_store: duckdb.DuckDBPyConnection, shared_sources: Path
) -> None:
    _empty_scores(fresh_store)
    _load(fresh_store, u.OFFICIAL.read_bytes(), "PAPI_2011-2019.xlsx")
    _assert_rows_equal(_stored(fresh_store, list(range(2011, 2020))),
                       u.scores()[u.scores()["year"] <= 2019].reset_index(drop=True), 0.0)


@pytest.mark.parametrize("year", range(2011, 2025))
def test_each_sc_csv_into_an_empty_store(year: int, fresh_store: duckdb.DuckDBPyConnection,
                                         shared_sources: Path) -> None:
    _empty_scores(fresh_store)
    _load(fresh_store, u.sc_csv(year), f"{year}.csv", year)
    # Sub-dimensions within 1e-6 of the workbook for 2011-2019, dimension sums of four within 4e-6.
    _assert_rows_equal(_stored(fresh_store, [year]), u.tidy_year(year), 4e-6 if year <= 2019 else 0.0)


@pytest.mark.parametrize("year", [2011, 2015, 2018, 2019])
def test_official_sheet_into_an_empty_store(year: int, fresh_store: duckdb.DuckDBPyConnection,
                                            shared_sources: Path) -> None:
    _empty_scores(fresh_store)
    _load(fresh_store, u.official_sheet(year), f"{year}.xlsx")
    _assert_rows_equal(_stored(fresh_store, [year]), u.tidy_year(year), 1e-12)


def test_preview_shows_added_changed_removed_per_year_and_province(fresh_store: duckdb.DuckDBPyConnection) -> None:
    frame = u.tidy_year(2019)
    frame = frame[~((frame["province_code"] == "01") & (frame["dimension"] == 8))].copy()  # Hà Nội D8 removed
    hit = (frame["province_code"] == "66") & (frame["dimension"] == 1) & frame["subdimension"].isna()
    old = float(frame.loc[hit, "score"].iloc[0])
    frame.loc[hit, "score"] = 5.0
    frame.loc[(frame["province_code"] == "66") & (frame["dimension"] == 1) & (frame["subdimension"] == 1),
              "score"] += 5.0 - old  # keep the sum consistent
    result = _check(u.frame_csv(frame), "2019.csv")
    seen = importer.preview(fresh_store, result)
    assert (seen.added, seen.changed, seen.removed) == (0, 2, 4)
    assert seen.existing_years == [2019] and seen.needs_confirmation
    table = importer.preview_table(seen, "vi")
    dak_lak = table[(table["Tỉnh"] == "Đắk Lắk") & (table["Nội dung"] == "1")].iloc[0]
    assert (dak_lak["Thay đổi"], dak_lak["Điểm cũ"], dak_lak["Điểm mới"]) == ("sửa", old, 5.0)
    summary = importer.preview_summary(seen, "en")
    assert summary.values.tolist() == [[2019, "Hà Nội", 0, 0, 4], [2019, "Đắk Lắk", 0, 2, 0]]


def test_replacing_a_year_needs_confirmation_then_commits_and_rolls_back(
    fresh_store: duckdb.DuckDBPyConnection,
) -> None:
    before = database.content_digest(fresh_store)
    original = _stored(fresh_store, [2020])
    frame = u.tidy_year(2020).copy()
    frame.loc[frame["province_code"] == "66", "score"] *= 1.0  # same values: a replace with no changes
    frame = frame[frame["province_code"] != "96"]  # Cà Mau dropped from the file
    result = _check(u.frame_csv(frame), "2020.csv")
    seen = importer.preview(fresh_store, result)
    with pytest.raises(importer.Refused) as refused:
        importer.commit(fresh_store, result, seen, "Lan")
    assert refused.value.code == "needs_confirmation"
    assert refused.value.message("vi") == "Năm 2020 đã có dữ liệu. Xác nhận thay thế (hoặc dùng --replace) để lưu."
    assert database.content_digest(fresh_store) == before
    upload_id = importer.commit(fresh_store, result, seen, "Lan", replace=True)
    assert _scalar(fresh_store, "SELECT count(*) FROM scores WHERE year = 2020 AND province_code = '96'") == 0
    history = queries.upload_history(fresh_store)
    row = history.iloc[0]
    assert (row["id"], row["user_name"], row["file_name"], row["years"], row["rows_removed"], row["status"]) == (
        upload_id, "Lan", "2020.csv", "2020", 37, "active")
    assert row["sha256"] == result.sha256
    assert database.raw_file(fresh_store, upload_id) == ("2020.csv", result.data)
    rollback_id = importer.rollback(fresh_store, upload_id, "Minh")
    pd.testing.assert_frame_equal(_stored(fresh_store, [2020]), original)
    history = queries.upload_history(fresh_store)
    history["rolls_back"] = history["rolls_back"].fillna(0).astype(int)
    assert history[["id", "action", "status", "rolls_back"]].values.tolist() == [
        [rollback_id, "rollback", "done", upload_id],
        [upload_id, "upload", "rolled_back", 0],
    ]
    with pytest.raises(importer.Refused) as again:
        importer.rollback(fresh_store, upload_id, "Minh")
    assert again.value.code == "already_rolled_back"


def test_a_new_year_2025_on_34_units_shows_in_the_views_and_rolls_back(
    fresh_store: duckdb.DuckDBPyConnection, tmp_path: Path
) -> None:
    template = importer.template_frame(2025)
    assert len(template) == 34 * 36 and template["province"].nunique() == 34
    frame = template.copy()
    frame["score"] = [5.0 if pd.isna(s) else 10.0 / {1: 4, 2: 4, 3: 3, 4: 4, 5: 3, 6: 4, 7: 3, 8: 3}[d] / 2
                      for s, d in zip(frame["subdimension"], frame["dimension"], strict=True)]
    upload_id = _load(fresh_store, u.frame_csv(frame), "papi_2025.csv")
    assert queries.score_years(fresh_store)[-1] == 2025
    assert _scalar(fresh_store, "SELECT count(*) FROM papi_structure WHERE year = 2025") == 36
    total = queries.total_with_change(fresh_store, "66", 2025)
    assert total["total"].item() == 40.0 and total["ranked_provinces"].item() == 34
    era = fresh_store.cursor().execute(
        "SELECT DISTINCT era FROM task_dimension_scores WHERE year = 2025").fetchall()
    assert era == [("34",)]  # the plan's Đắk Lắk joins the 34-unit Đắk Lắk from 2025, never old code 66 by chance
    importer.rollback(fresh_store, upload_id, "Lan")
    assert queries.score_years(fresh_store)[-1] == 2024
    assert _scalar(fresh_store, "SELECT count(*) FROM papi_structure WHERE year = 2025") == 0
    # Reopening the store (which reloads reference tables) does not bring 2025 back.
    again = database.connect(tmp_path / "papi.duckdb")
    assert _scalar(again, "SELECT count(*) FROM papi_structure WHERE year = 2025") == 0
    again.close()


def test_rollback_of_an_earlier_upload_waits_for_later_ones(fresh_store: duckdb.DuckDBPyConnection) -> None:
    first = _load(fresh_store, u.sc_csv(2024), "2024.csv", 2024, replace=True)
    second = _load(fresh_store, u.sc_csv(2024), "2024b.csv", 2024, replace=True)
    with pytest.raises(importer.Refused) as refused:
        importer.rollback(fresh_store, first, "Lan")
    assert refused.value.code == "later_uploads" and f"#{second}" in refused.value.message("vi")
    importer.rollback(fresh_store, second, "Lan")
    importer.rollback(fresh_store, first, "Lan")
    _assert_rows_equal(_stored(fresh_store, [2024]), u.tidy_year(2024), 0.0)


def test_stale_preview_is_refused_and_the_second_editor_sees_the_first_result(
    fresh_store: duckdb.DuckDBPyConnection,
) -> None:
    a = _check(u.frame_csv(u.tidy_year(2023)), "a.csv")
    b = _check(u.sc_csv(2023), "b.csv", 2023)
    seen_a = importer.preview(fresh_store, a)
    seen_b = importer.preview(fresh_store, b)
    importer.commit(fresh_store, a, seen_a, "Lan", replace=True)
    with pytest.raises(importer.Refused) as refused:
        importer.commit(fresh_store, b, seen_b, "Minh", replace=True)
    assert refused.value.code == "stale"
    again = importer.preview(fresh_store, b)
    assert again.digest != seen_b.digest
    importer.commit(fresh_store, b, again, "Minh", replace=True)
    assert queries.upload_history(fresh_store)["user_name"].tolist() == ["Minh", "Lan"]


@pytest.mark.slow
def test_two_threads_committing_at_once_are_serialised(fresh_store: duckdb.DuckDBPyConnection) -> None:
    results = [_check(u.sc_csv(2022), "a.csv", 2022), _check(u.frame_csv(u.tidy_year(2022)), "b.csv")]
    previews = [importer.preview(fresh_store, r) for r in results]
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def run(index: int) -> None:
        barrier.wait()
        try:
            importer.commit(fresh_store, results[index], previews[index], f"editor{index}", replace=True)
            outcomes.append("committed")
        except importer.Refused as refusal:
            outcomes.append(refusal.code)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["committed", "stale"]
    assert len(queries.upload_history(fresh_store)) == 1


# --- Command line ---


def _cli(*args: str, db: Path, check: bool = False) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PAPI_DB": str(db)}
    return subprocess.run([sys.executable, "-m", "lib.importer", *args], cwd=paths.ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=check)


@pytest.mark.slow
def test_cli_check_prints_every_problem_and_exits_non_zero(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(u.tidy("2019,,Dak Lac,1,,5.2", "2019,01,Hà Nội,1,,abc"))
    done = _cli("check", str(bad), db=tmp_path / "papi.duckdb")
    assert done.returncode == 1
    assert "LỖI: Dòng 2, cột 'C (province)': Không nhận ra tỉnh 'Dak Lac'. Có phải 'Đắk Lắk'?" in done.stdout
    assert "LỖI: Dòng 3, cột 'F (score)': Điểm 'abc' không phải là số." in done.stdout
    english = _cli("--lang", "en", "check", str(bad), db=tmp_path / "papi.duckdb")
    assert "ERROR: Row 3, column 'F (score)': Score 'abc' is not a number." in english.stdout


@pytest.mark.slow
def test_cli_load_history_rollback(tmp_path: Path, shared_sources: Path) -> None:
    db = tmp_path / "papi.duckdb"
    csv = tmp_path / "2021.csv"
    csv.write_bytes(u.sc_csv(2021))
    assert _cli("check", str(csv), db=db).returncode == 1  # no year in an SC file
    assert _cli("check", str(csv), "--year", "2021", db=db).returncode == 0
    refused = _cli("load", str(csv), "--year", "2021", db=db)
    assert refused.returncode == 2 and "--replace" in refused.stderr
    done = _cli("load", str(csv), "--year", "2021", "--replace", "--user", "Lan", db=db)
    assert done.returncode == 0 and "Đã lưu lần tải lên số 1." in done.stdout
    history = _cli("history", db=db)
    assert "Lan" in history.stdout and "2021.csv" in history.stdout
    assert _cli("rollback", "1", "--user", "Lan", db=db).returncode == 0
    assert _cli("rollback", "1", db=db).returncode == 2


@pytest.mark.slow
def test_cli_says_clearly_when_the_app_holds_the_store(tmp_path: Path) -> None:
    db = tmp_path / "papi.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import time; from lib.store import database; con = database.connect(); print('ready', "
                               "flush=True); time.sleep(60)"],
        cwd=paths.ROOT, env={**os.environ, "PAPI_DB": str(db)}, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        done = _cli("history", db=db)
        assert done.returncode == 3
        assert "đang được một tiến trình khác mở" in done.stderr
    finally:
        holder.kill()
        holder.wait()


# --- Editor password (lib/auth.py) ---


def test_editor_password_hash_and_check(monkeypatch: pytest.MonkeyPatch) -> None:
    from lib.ui import auth

    stored = auth.hash_password("mật khẩu dài")
    assert stored.startswith("scrypt$") and "mật khẩu" not in stored
    assert auth.verify_password("mật khẩu dài", stored)
    assert not auth.verify_password("mat khau dai", stored)
    assert auth.hash_password("x" * 8) != auth.hash_password("x" * 8)  # salted
    for broken in ("", "plain", "scrypt$1$2", "md5$1$1$1$AA$AA", "scrypt$99999999$8$1$AA$AA"):
        assert not auth.verify_password("anything", broken)
    monkeypatch.delenv(auth.ENV_HASH, raising=False)
    assert auth.configured_hash() is None
    monkeypatch.setenv(auth.ENV_HASH, stored)
    assert auth.configured_hash() == stored
    assert auth.configured_hash("from-secrets") == "from-secrets"
    assert auth.is_editor_email("Lan@Example.org", ["lan@example.org"])
    assert not auth.is_editor_email("lan@example.org", None)


@pytest.mark.slow
def test_auth_cli_makes_a_hash_that_verifies(tmp_path: Path) -> None:
    from lib.ui import auth

    done = subprocess.run([sys.executable, "-m", "lib.auth", "hash"], cwd=paths.ROOT, input="correct horse\n",
                          capture_output=True, text=True, timeout=60, check=True)
    assert auth.verify_password("correct horse", done.stdout.strip())
