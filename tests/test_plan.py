"""The Đắk Lắk 2020 PAPI task plan: read by the general plan importer (check_plan + the crosswalk as its review),
the generated tasks.csv, and the crosswalk."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from lib.domain import papi
from lib.domain.agencies import load_agencies
from lib.domain.paths import AGENCIES_CSV, CROSSWALK_CSV, TASKS_CSV
from lib.ingest.plan import (
    SEED_PLAN_PATH,
    TASK_COLUMNS,
    build_seed_tasks,
    load_crosswalk,
    read_tasks,
    write_plan_data,
)
from tests import facts

PLAN = SEED_PLAN_PATH


@pytest.fixture(scope="module")
def crosswalk() -> pd.DataFrame:
    return load_crosswalk()


@pytest.fixture(scope="module")
def tasks() -> pd.DataFrame:
    return build_seed_tasks(PLAN)


def _task(tasks: pd.DataFrame, task_id: str) -> pd.Series:
    match = tasks[tasks["task_id"] == task_id]
    assert len(match) == 1, task_id
    return match.iloc[0]


# --- counts -----------------------------------------------------------------


def test_total_and_per_dimension_counts(tasks: pd.DataFrame) -> None:
    assert len(tasks) == facts.PLAN_TASKS
    # The plan's own counts: 20 tasks on II and VI, 5 on VII and VIII.
    assert tasks.groupby("dimension").size().to_dict() == {1: 6, 2: 20, 3: 12, 4: 13, 5: 4, 6: 20, 7: 5, 8: 5}


def test_per_section_counts(tasks: pd.DataFrame) -> None:
    counts = tasks.groupby("plan_section", sort=False).size().to_dict()
    assert counts == {
        "I.1": 2, "I.2": 1, "I.3": 1, "I.4": 2,
        "II.1": 5, "II.2": 3, "II.3": 5, "II.4": 7,
        "III.1": 3, "III.2": 6, "III.3": 3,
        "IV.1": 2, "IV.2": 4, "IV.3": 4, "IV.4": 3,
        "V": 4,
        "VI.1": 5, "VI.2": 4, "VI.3": 8, "VI.4": 3,
        "VII.1": 3, "VII.2": 2,
        "VIII.1": 3, "VIII.2": 1, "VIII.3": 1,
    }  # fmt: skip


def test_tasks_without_lead_agency(tasks: pd.DataFrame) -> None:
    without = tasks.loc[tasks["lead_agency"] == "", "task_id"].tolist()
    assert without == [
        "DLK-2020-VI.3-03",
        "DLK-2020-VI.3-05",
        "DLK-2020-VI.3-06",
        "DLK-2020-VII.1-01",
        "DLK-2020-VII.1-03",
        "DLK-2020-VII.2-01",
        "DLK-2020-VIII.1-01",
        "DLK-2020-VIII.1-03",
    ]


def test_tasks_without_implementing_agencies(tasks: pd.DataFrame) -> None:
    without = tasks.loc[tasks["implementing_agencies"] == "", "task_id"].tolist()
    assert without == [
        "DLK-2020-IV.3-02",
        "DLK-2020-IV.3-03",
        "DLK-2020-IV.3-04",
        "DLK-2020-VII.2-01",
        "DLK-2020-VIII.1-01",
        "DLK-2020-VIII.1-03",
    ]


# --- structure and ids ------------------------------------------------------------


def test_columns_ids_and_order(tasks: pd.DataFrame) -> None:
    assert list(tasks.columns) == TASK_COLUMNS
    assert tasks["task_id"].is_unique
    assert tasks["task_id"].iloc[0] == "DLK-2020-I.1-01"
    assert tasks["task_id"].iloc[-1] == "DLK-2020-VIII.3-01"
    assert set(tasks["province"]) == {"Đắk Lắk"}
    assert set(tasks["plan_year"]) == {2020}
    # Document order is kept: source lines increase down the file.
    assert tasks["source_line"].is_monotonic_increasing


def test_task_id_format_and_example(tasks: pd.DataFrame) -> None:
    assert all(re.fullmatch(r"DLK-2020-[IVX]+(\.\d+)?-\d{2}", t) for t in tasks["task_id"])
    row = _task(tasks, "DLK-2020-II.4-07")
    assert row["source_line"] == 46
    assert row["task"].startswith("Công khai kế hoạch đầu tư của các dự án có liên quan đất đai")
    assert row["lead_agency"] == "Sở Tài nguyên và Môi trường"


def test_section_v_has_no_subsection(tasks: pd.DataFrame) -> None:
    v = tasks[tasks["dimension"] == 5]
    assert set(v["plan_section"]) == {"V"}
    assert set(v["plan_section_title"]) == {"Thủ tục hành chính (TTHC)"}
    assert v["task_id"].tolist() == [f"DLK-2020-V-0{i}" for i in range(1, 5)]


def test_tasks_record_their_source_lines(tasks: pd.DataFrame) -> None:
    first = tasks.iloc[0]
    assert (first["plan_section"], first["task_id"], first["source_line"]) == ("I.1", "DLK-2020-I.1-01", 11)
    assert first["plan_section_title"] == "Tri thức công dân"
    # Blank rows are skipped without breaking numbering: II.3 starts after the blank line 32.
    ii3 = tasks[tasks["plan_section"] == "II.3"]
    assert ii3["source_line"].tolist() == [34, 35, 36, 37, 38]
    assert ii3["task_id"].tolist() == [f"DLK-2020-II.3-0{i}" for i in range(1, 6)]


# --- text cleaning -------------------------------------------------------------


def test_no_html_or_typo_left_anywhere(tasks: pd.DataFrame) -> None:
    for column in TASK_COLUMNS:
        for value in tasks[column].astype(str):
            assert not re.search(r"<[^>]*>", value), (column, value)
            assert "<" not in value and ">" not in value, (column, value)
            assert "B94" not in value, (column, value)
            assert "list-style" not in value, (column, value)


def test_typo_fixed_in_infrastructure_task(tasks: pd.DataFrame) -> None:
    assert _task(tasks, "DLK-2020-VI.3-01")["task"] == (
        "Tham mưu các giải pháp nâng cấp lưới điện nhằm bảo đảm cung cấp điện phục vụ phát triển "
        "kinh tế - xã hội và điện phục vụ sinh hoạt của người dân trên địa bàn tỉnh"
    )


def test_task_text_is_clean(tasks: pd.DataFrame) -> None:
    for value in tasks["task"]:
        first_line = value.split("\n")[0]
        assert not first_line.startswith("-") or "\n" in value, value
        assert value == value.strip()
        assert not value.endswith(";")
        for line in value.split("\n"):
            assert line.removeprefix("- ")[0].isupper(), line
    # Lower-case starts in the source ("- rà soát ...") are capitalised.
    assert _task(tasks, "DLK-2020-II.2-01")["task"].startswith("Rà soát, thực hiện bình xét")
    # A trailing list ";" is dropped.
    assert _task(tasks, "DLK-2020-III.2-01")["task"].endswith("chuyên đề, chuyên ngành")


def test_content_list_is_one_readable_task(tasks: pd.DataFrame) -> None:
    lines = _task(tasks, "DLK-2020-I.1-01")["task"].split("\n")
    assert lines[0].startswith("Thực hiện tuyên truyền trên Báo Đắk Lắk")
    assert lines[0].endswith("Nội dung tuyên truyền:")
    assert len(lines) == 9  # intro + 8 contents
    assert all(line.startswith("- ") for line in lines[1:])
    # A lower-case continuation stays with its item instead of becoming one.
    assert lines[1].startswith("- Hiểu biết về chính sách")
    assert "; quyền lợi, nghĩa vụ của người dân" in lines[1]
    assert lines[-1] == "- Tuyên truyền phổ biến thông tin về bầu cử đại biểu HĐND các cấp, đại biểu Quốc hội."


def test_two_paragraph_cell_is_one_task_with_two_items(tasks: pd.DataFrame) -> None:
    internet = tasks[tasks["plan_section"] == "VIII.3"]
    assert len(internet) == 1
    lines = internet.iloc[0]["task"].split("\n")
    assert lines == [
        "- Tuyên truyền tới người dân về tiện ích mạng Internet đặc biệt khu vực các huyện ngoại thành; "
        "nâng cao nhận thức và hành vi sử dụng mạng Internet hiệu quả, văn minh, đúng pháp luật.",
        "- Phối hợp với các nhà cung cấp dịch vụ đảm bảo chất lượng dịch vụ "
        "và các cơ chế khuyến khích người dân sử dụng.",
    ]


def test_the_typo_is_fixed_by_the_seed_review_not_by_the_reader() -> None:
    """The stray "B94" is in the document: the reader keeps it, the seed's review corrects it (as data)."""
    from lib.ingest import plan
    from lib.ingest.plan_parse import check_plan

    check = check_plan(PLAN.read_bytes(), PLAN.name, province="Đắk Lắk", year=2020)
    read = [text for text in check.tasks["task"] if "B94" in text]
    assert len(read) == 1
    review = plan.crosswalk_review(check, load_crosswalk())
    assert list(review.texts.values()) == [read[0].replace("B94phát triển", "phát triển")]


# --- agencies ---------------------------------------------------------------------


def test_every_agency_is_canonical(tasks: pd.DataFrame) -> None:
    names = set(load_agencies(AGENCIES_CSV)["canonical_name"])
    used: set[str] = set()
    for column in ("lead_agency", "implementing_agencies"):
        for cell in tasks[column]:
            used.update(n for n in cell.split(";") if n)
    assert used <= names
    # The plan names 28 bodies; the file holds more, for other provinces' plans.
    assert len(used) == 28


def test_agency_cells_seen_by_users(tasks: pd.DataFrame) -> None:
    assert _task(tasks, "DLK-2020-VIII.1-02")["implementing_agencies"] == (
        "Văn phòng UBND tỉnh;Cổng thông tin điện tử tỉnh"
    )
    assert _task(tasks, "DLK-2020-II.2-01")["lead_agency"] == "Sở Lao động, Thương binh và Xã hội"
    assert _task(tasks, "DLK-2020-II.1-01")["implementing_agencies"] == "Các sở, ngành;UBND cấp huyện;UBND cấp xã"
    assert _task(tasks, "DLK-2020-II.3-04")["lead_agency"] == "HĐND cấp huyện;HĐND cấp xã"
    assert _task(tasks, "DLK-2020-I.1-01")["implementing_agencies"] == (
        "Đài Phát thanh và Truyền hình tỉnh;Báo Đắk Lắk;UBND cấp huyện;UBND cấp xã"
    )
    assert _task(tasks, "DLK-2020-IV.1-01")["implementing_agencies"] == (
        "Sở Nội vụ;Sở Tài chính;Sở Tài nguyên và Môi trường;Sở Xây dựng"
    )
    assert _task(tasks, "DLK-2020-VI.1-05")["implementing_agencies"] == "BHXH tỉnh;Các cơ sở khám, chữa bệnh"


# --- crosswalk --------------------------------------------------------------------


def test_crosswalk_covers_exactly_the_plan_sections(crosswalk: pd.DataFrame, tasks: pd.DataFrame) -> None:
    sections = {r.plan_section: (r.dimension, r.plan_section_title) for r in tasks.itertuples()}
    rows = {r.plan_section: (r.dimension, r.plan_section_title) for r in crosswalk.itertuples()}
    assert rows == sections


def test_crosswalk_intended_keys(crosswalk: pd.DataFrame) -> None:
    keys = dict(zip(crosswalk["plan_section"], crosswalk["papi_subdimensions"], strict=True))
    assert keys["II.1"] == "access_to_information"
    assert keys["II.4"] == "land_use_plans"
    assert keys["III.2"] == "responses_to_citizen_appeals"
    assert keys["IV.2"] == "corruption_in_service_delivery"
    assert keys["V"] == ""  # whole dimension
    assert keys["VI.3"] == "basic_infrastructure"
    assert keys["VII.2"] == "air_quality;water_quality"
    # By meaning, not by number: plan VIII.2 is PAPI 8.3 and plan VIII.3 is PAPI 8.2 in 2020.
    assert keys["VIII.2"] == "e_responsiveness"
    assert keys["VIII.3"] == "internet_access"
    assert [k for k, _ in papi.era(2020)[8]].index("e_responsiveness") == 2
    assert all(note.strip() for note in crosswalk["note"])


def test_crosswalk_keys_exist_and_match_dimension(crosswalk: pd.DataFrame) -> None:
    known = set(papi.subdimension_keys())
    in_force = {dim: {k for k, _ in subs} for dim, subs in papi.era(2020).items()}
    for row in crosswalk.itertuples():
        for key in filter(None, row.papi_subdimensions.split(";")):
            assert key in known, key
            assert papi.dimension_of_key(key) == row.dimension, (row.plan_section, key)
            assert key in in_force[row.dimension], (row.plan_section, key)


def test_every_2020_subdimension_has_a_plan_section(crosswalk: pd.DataFrame) -> None:
    mapped = {k for cell in crosswalk["papi_subdimensions"] for k in cell.split(";") if k}
    whole = set(crosswalk.loc[crosswalk["papi_subdimensions"] == "", "dimension"])
    expected = {k for dim, subs in papi.era(2020).items() if dim not in whole for k, _ in subs}
    assert mapped == expected


def test_load_crosswalk_rejects_key_of_other_dimension(tmp_path: Path) -> None:
    good = "II.1,Tiếp cận thông tin,2,access_to_information"
    text = CROSSWALK_CSV.read_text(encoding="utf-8")
    assert good in text
    bad = text.replace(good, "II.1,Tiếp cận thông tin,2,air_quality")
    path = tmp_path / "crosswalk.csv"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(ValueError, match="air_quality"):
        load_crosswalk(path)


def test_tasks_carry_crosswalk_keys(tasks: pd.DataFrame) -> None:
    assert set(tasks.loc[tasks["plan_section"] == "VII.2", "papi_subdimensions"]) == {"air_quality;water_quality"}
    assert set(tasks.loc[tasks["dimension"] == 5, "papi_subdimensions"]) == {""}
    assert _task(tasks, "DLK-2020-VIII.2-01")["papi_subdimensions"] == "e_responsiveness"


# --- generated file -----------------------------------------------------------------


# The committed data/tasks.csv as main had it at f79b5dd (before the seed went through the general importer).
TASKS_CSV_F79B5DD_SHA256 = "c1fc1813bb064d14879367f6dbb1a8a03a4e01ddbf085bc80cbfc608ece3c146"


def test_committed_tasks_csv_is_the_one_from_before_the_general_importer() -> None:
    assert hashlib.sha256(TASKS_CSV.read_bytes()).hexdigest() == TASKS_CSV_F79B5DD_SHA256


def test_committed_tasks_csv_matches_regeneration(tasks: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(read_tasks(TASKS_CSV), tasks)


def test_write_plan_data_is_deterministic(tmp_path: Path) -> None:
    first = write_plan_data(PLAN, tmp_path / "a")
    second = write_plan_data(PLAN, tmp_path / "b")
    assert first.name == "tasks.csv"
    assert first.read_bytes() == second.read_bytes() == TASKS_CSV.read_bytes()


def test_a_section_missing_from_the_crosswalk_is_refused(tmp_path: Path) -> None:
    text = CROSSWALK_CSV.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("VII.2,"))
    path = tmp_path / "crosswalk.csv"
    path.write_text(text.replace(line + "\n", ""), encoding="utf-8")
    with pytest.raises(ValueError, match="VII.2 is not in the crosswalk"):
        build_seed_tasks(PLAN, path)


def test_the_seed_as_a_word_document_with_merged_cells_gives_the_same_tasks(tasks: pd.DataFrame) -> None:
    """The same table laid out in Word (dimension rows merged across, leads merged down) through the same path."""
    from lib.ingest import plan, plan_review
    from lib.ingest.plan_parse import check_plan
    from tests import plan_samples

    check = check_plan(plan_samples.seed_docx(), "dak-lak-2020.docx", province="Đắk Lắk", year=2020)
    assert check.errors == []
    rows = plan.to_csv_frame(plan_review.build_rows(check, plan.DAK_LAK_2020_PLAN,
                                                    plan.crosswalk_review(check, load_crosswalk())))
    same = ["task_id", "plan_section", "plan_section_title", "dimension", "papi_subdimensions", "task",
            "lead_agency", "implementing_agencies"]
    pd.testing.assert_frame_equal(rows[same], tasks[same])
