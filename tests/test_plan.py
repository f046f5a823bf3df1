"""The Đắk Lắk 2020 PAPI task plan: parser, generated tasks.csv and crosswalk."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from lib.domain import papi
from lib.domain.agencies import load_agencies
from lib.domain.paths import AGENCIES_CSV, CROSSWALK_CSV, SHARED_DIR, TASKS_CSV
from lib.ingest.plan import (
    TASK_COLUMNS,
    PlanTask,
    build_tasks,
    clean_task_text,
    load_crosswalk,
    parse_plan,
    read_tasks,
    write_plan_data,
)
from tests import facts

PLAN = SHARED_DIR / "plan" / "dak-lak-2020-papi-task-plan.txt"


@pytest.fixture(scope="module")
def plan_text() -> str:
    return PLAN.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def parsed(plan_text: str) -> list[PlanTask]:
    return parse_plan(plan_text)


@pytest.fixture(scope="module")
def crosswalk() -> pd.DataFrame:
    return load_crosswalk()


@pytest.fixture(scope="module")
def tasks(plan_text: str, crosswalk: pd.DataFrame) -> pd.DataFrame:
    return build_tasks(plan_text, "Đắk Lắk", 2020, "DLK", crosswalk, load_agencies())


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


def test_parser_records_source_lines(parsed: list[PlanTask]) -> None:
    first = parsed[0]
    assert (first.plan_section, first.order_in_section, first.source_line) == ("I.1", 1, 11)
    assert first.plan_section_title == "Tri thức công dân"
    # Blank rows are skipped without breaking numbering: II.3 starts after the blank line 32.
    ii3 = [t for t in parsed if t.plan_section == "II.3"]
    assert [t.source_line for t in ii3] == [34, 35, 36, 37, 38]


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


def test_clean_task_text_small_cases() -> None:
    assert clean_task_text("- Trồng mới cây xanh.") == "Trồng mới cây xanh."
    assert clean_task_text("<p>- A.</p> <p>- B.</p>") == "- A.\n- B."
    assert clean_task_text("- Mở rộng B94phát triển;") == "Mở rộng phát triển"


def test_parser_rejects_rows_it_cannot_place() -> None:
    with pytest.raises(ValueError, match="task before any section"):
        parse_plan("STT\tNhiệm vụ\t\t\n\t- Việc lạc\t\t\n")
    with pytest.raises(ValueError, match="out of order"):
        parse_plan("STT\tNhiệm vụ\t\t\nI\tA\t\t\n2\tB\t\t\n")
    with pytest.raises(ValueError, match="not a plan table"):
        parse_plan("Phụ lục\n")


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


def test_crosswalk_covers_exactly_the_plan_sections(crosswalk: pd.DataFrame, parsed: list[PlanTask]) -> None:
    sections = {t.plan_section: (t.dimension, t.plan_section_title) for t in parsed}
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


def test_committed_tasks_csv_matches_regeneration(tasks: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(read_tasks(TASKS_CSV), tasks)


def test_write_plan_data_is_deterministic(tmp_path: Path) -> None:
    first = write_plan_data(PLAN, tmp_path / "a")
    second = write_plan_data(PLAN, tmp_path / "b")
    assert first.name == "tasks.csv"
    assert first.read_bytes() == second.read_bytes() == TASKS_CSV.read_bytes()
