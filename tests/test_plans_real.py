"""Real plan documents (tests/plans_real, sources in tests/plans_real/SOURCES.md) through the general reader.

The expected numbers and texts below were read off the documents by hand, not taken from the
reader's output:

- nq03_2025_phu_luc_ii.md (Phụ lục II of the Government's resolution 03/NQ-CP, 2025): the
  table's "TT" column numbers the tasks 1. to 140. without a gap; the seven rows whose TT cell is
  a bold Roman numeral (**I.** to **VII.**) and whose agency cells are empty are section
  headings, not tasks (row IV also has a stray "năm tiếp theo" in its deadline cell). Sections
  hold tasks 1-13, 14-42, 43-76, 77-88, 89-116, 117-131 and 132-140: 13, 29, 34, 12, 28, 15 and
  9 tasks. Every task has a "Cơ quan chủ trì" cell.
- nq03_2025_phu_luc_ii.docx: the same rows as a Word table (tests/plans_real/build_docx.py);
  consecutive tasks of a section with the same lead agency share one vertically merged cell
  (in sections I-II: tasks 6-7, 14-17, 18-19, 25-27, 31-33, 34-35, 41-42; later e.g. 84-87,
  89-92, 133-136), and likewise for the same coordinating agencies (I-II: tasks 4-5, 10-13,
  15-17, 20-24, 33-34; later e.g. 65-68).
- lamdong_2025_qd2284.md (Lâm Đồng, QĐ 2284/QĐ-UBND, 2025): its only content table lists 95
  communes under "Stt | Tên xã, phường | Ghi chú": no task column, no agency column, no tasks.
- daklak_2025_ct012.md (Đắk Lắk, Chỉ thị 012/CT-UBND, 2025): tasks are prose paragraphs under
  numbered agencies; the only tables are the letterhead and the signature block: no tasks.

The reader (`lib.ingest.plan_parse.check_plan`) is written in parallel by another piece of work;
it is imported inside the tests so that this file collects even before it lands.
"""

from __future__ import annotations

import functools
import io
import zipfile
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn

from lib.domain.paths import ROOT
from tests.plans_real.build_docx import SOURCE_MD, TARGET_DOCX, build_plan_docx

PLANS = ROOT / "tests" / "plans_real"
NQ03_MD = PLANS / "nq03_2025_phu_luc_ii.md"
NQ03_DOCX = PLANS / "nq03_2025_phu_luc_ii.docx"
LAM_DONG = PLANS / "lamdong_2025_qd2284.md"
DAK_LAK = PLANS / "daklak_2025_ct012.md"

SECTION_I = "Nâng cao nhận thức, đột phá về đổi mới tư duy"
SECTION_II = "Khẩn trương, quyết liệt hoàn thiện thể chế"
SECTION_IV = "Phát triển, trọng dụng nhân lực chất lượng cao, nhân tài"
SECTION_VII = "Tăng cường hợp tác quốc tế trong phát triển khoa học"
SECTION_SIZES = [13, 29, 34, 12, 28, 15, 9]
TASK_1 = "Xây dựng, trình Thủ tướng Chính phủ ban hành và tổ chức triển khai chương trình tuyên truyền"
TASK_5 = (
    "Xây dựng, ban hành Đề án đánh giá mức độ hoàn thành nhiệm vụ chuyển đổi số của cơ quan nhà nước, "
    "người đứng đầu và cán bộ, công chức, viên chức trong cơ quan nhà nước."
)
TASK_7 = "Xây dựng kế hoạch triển khai Chương trình hành động của Chính phủ."
TASK_9 = "Phấn đấu bố trí tỷ lệ phù hợp cán bộ có chuyên môn"
TASK_13 = "Phát động phong trào thi đua trong toàn quốc"
TASK_16 = "Dự án Luật sửa đổi, bổ sung một số điều của Luật Chất lượng sản phẩm, hàng hóa"
TASK_17 = "Hoàn thiện Luật sửa đổi, bổ sung một số điều của Luật Tiêu chuẩn và Quy chuẩn kỹ thuật"
TASK_18 = "Sửa đổi một số quy định trong Luật Ngân sách nhà nước"
TASK_35 = "Sửa đổi Nghị định số 79/2021/NĐ-CP, Nghị định số 97/2018/NĐ-CP"
TASK_42 = "Đề án huy động hạ tầng viễn thông, hạ tầng số dùng chung phục vụ yêu cầu, nhiệm vụ quốc phòng, an ninh."
TASK_47 = "Đề án đầu tư năng lực cho các tổ chức nghiên cứu phát triển công lập."
TASK_76 = "Bảo đảm nguồn lực phục vụ di chuyển hệ thống công nghệ thông tin"
TASK_87 = "Sửa đổi hoặc ban hành thay thế Quyết định số 37/2018/QĐ-TTg"
TASK_113 = "Xây dựng, phát triển Bộ chỉ số, Hệ thống thông tin phục vụ chỉ đạo, điều hành của Chính phủ"
TASK_123 = "Xây dựng bộ tiêu chí để xác định Doanh nghiệp công nghệ số ngang tầm các nước tiên tiến"
TASK_136 = "Xây dựng cơ sở dữ liệu về chuyên gia, trí thức Việt Nam ở nước ngoài"

BKHCN = "Bộ Khoa học và Công nghệ"
COLLECTIVE = "Các bộ, ngành, địa phương"


@functools.cache
def _check(name: str, province: str | None, year: int) -> Any:
    from lib.ingest.plan_parse import check_plan

    path = PLANS / name
    return check_plan(path.read_bytes(), path.name, province=province, year=year)


def _nq03(kind: str = "md") -> Any:
    # A national Government document: no province.
    return _check(NQ03_MD.name if kind == "md" else NQ03_DOCX.name, None, 2025)


def _words(text: Any) -> str:
    return " ".join(str(text).split())


def _names(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):  # one name given as text rather than a list
        return [_words(value)] if value.strip() else []
    return [_words(name) for name in value]


def _task(check: Any, start: str) -> Any:
    texts = check.tasks["task"].map(_words)
    rows = check.tasks[texts.str.startswith(_words(start))]
    assert len(rows) == 1, f"{len(rows)} tasks start with {start!r}"
    return rows.iloc[0]


def _errors(check: Any) -> list[Any]:
    return [problem for problem in check.problems if getattr(problem, "severity", "error") == "error"]


# --- the Government appendix, as Markdown (as obtained) and as Word (built from it) ---------

KINDS = pytest.mark.parametrize("kind", ["md", "docx"])


@KINDS
def test_nq03_appendix_has_the_140_numbered_tasks_each_with_its_lead(kind: str) -> None:
    check = _nq03(kind)
    assert len(check.tasks) == 140
    assert all(_names(leads) for leads in check.tasks["lead_agencies"])
    assert not _errors(check)


@KINDS
def test_nq03_the_seven_roman_rows_are_sections_holding_the_tasks_under_them(kind: str) -> None:
    tasks = _nq03(kind).tasks
    texts = tasks["task"].map(_words)
    for heading in (SECTION_I, SECTION_II, SECTION_IV, SECTION_VII):
        assert not texts.str.startswith(heading).any(), heading
    sections = tasks["section"].map(_words)
    sizes = sections.value_counts(sort=False)
    assert [int(sizes[name]) for name in sections.drop_duplicates()] == SECTION_SIZES
    titles = tasks["section_title" if "section_title" in tasks.columns else "section"].map(_words)
    assert SECTION_I in titles.iloc[0]
    assert SECTION_IV in titles.iloc[13 + 29 + 34]  # task 77, the first under IV
    assert SECTION_VII in titles.iloc[-1]
    # Row IV's stray "năm tiếp theo" is not a task and not task 76's deadline either.
    assert _words(_task(_nq03(kind), TASK_76)["deadline"]) == "2025 và những năm tiếp theo"


@KINDS
def test_nq03_tasks_keep_their_text_lead_coordinators_result_and_deadline_as_written(kind: str) -> None:
    check = _nq03(kind)
    task_5 = _task(check, TASK_5)
    assert _words(task_5["task"]) == _words(TASK_5)
    assert _names(task_5["lead_agencies"]) == ["Bộ Nội vụ"]  # a ministry, not the provincial Sở Nội vụ
    assert _names(task_5["implementing_agencies"]) == [COLLECTIVE]  # one collective name: no split on its commas
    assert _words(task_5["output"]) == "Đề án"
    assert _words(task_5["deadline"]) == "6/2025"

    task_18 = _task(check, TASK_18)
    assert _names(task_18["lead_agencies"]) == ["Bộ Tài chính"]
    assert _names(task_18["implementing_agencies"]) == [BKHCN]
    assert _words(task_18["deadline"]) == "2025"

    assert _words(_task(check, TASK_16)["deadline"]) == "Tháng 10/2025"
    assert _words(_task(check, TASK_47)["deadline"]) == "2025 - 2026"
    assert _words(_task(check, TASK_123)["deadline"]) == "Quý II/2025"
    assert _words(_task(check, TASK_9)["deadline"]) == "Nhiệm vụ thường xuyên"  # kept as text, no date
    assert _names(_task(check, TASK_7)["implementing_agencies"]) == []  # the cell is empty in the document


@KINDS
def test_nq03_semicolons_separate_coordinating_agencies(kind: str) -> None:
    # Task 1: "Ban Tuyên giáo Trung ương; các bộ, ngành, địa phương; VTV, VOV, TTXVN".
    coordinators = _names(_task(_nq03(kind), TASK_1)["implementing_agencies"])
    assert coordinators[0] == "Ban Tuyên giáo Trung ương"
    assert len(coordinators) >= 3
    # Task 113's lead cell: "Văn phòng Chính phủ; Bộ Công an".
    assert _names(_task(_nq03(kind), TASK_113)["lead_agencies"]) == ["Văn phòng Chính phủ", "Bộ Công an"]


@KINDS
def test_nq03_ministries_are_not_taken_for_provincial_departments(kind: str) -> None:
    ministries = [agency for agency in _nq03(kind).agencies if agency.written.startswith("Bộ ")]
    assert {"Bộ Nội vụ", "Bộ Tài chính", BKHCN} <= {agency.written for agency in ministries}
    for agency in ministries:
        assert agency.canonical is None or agency.canonical.startswith("Bộ "), agency


# --- the same appendix as a Word table with merged cells -------------------------------


def test_word_version_gives_every_task_its_merged_lead_and_coordinators() -> None:
    check = _nq03("docx")
    assert len(check.tasks) == 140
    for start in (TASK_16, TASK_17):  # lead cell merged over tasks 14-17
        assert _names(_task(check, start)["lead_agencies"]) == [BKHCN]
    assert _names(_task(check, TASK_7)["lead_agencies"]) == [COLLECTIVE]  # merged over tasks 6-7
    assert _names(_task(check, TASK_35)["lead_agencies"]) == ["Bộ Tài chính"]  # merged over tasks 34-35
    assert _names(_task(check, TASK_42)["lead_agencies"]) == ["Bộ Công an"]  # merged over tasks 41-42
    assert _names(_task(check, TASK_13)["implementing_agencies"]) == [COLLECTIVE]  # merged over 10-13
    assert _names(_task(check, TASK_35)["implementing_agencies"]) == []  # not merged: empty in the document
    assert _names(_task(check, TASK_87)["lead_agencies"]) == ["Bộ Giáo dục và Đào tạo"]  # merged over 84-87
    assert _names(_task(check, TASK_136)["lead_agencies"]) == ["Bộ Ngoại giao"]  # merged over 133-136


def test_word_version_reads_the_same_tasks_as_the_markdown() -> None:
    columns = ["task", "lead_agencies", "implementing_agencies", "deadline"]
    markdown, word = _nq03("md").tasks, _nq03("docx").tasks
    assert len(word) == len(markdown) == 140
    for (_, md_row), (_, docx_row) in zip(markdown[columns].iterrows(), word[columns].iterrows(), strict=True):
        assert _words(docx_row["task"]) == _words(md_row["task"])
        assert _names(docx_row["lead_agencies"]) == _names(md_row["lead_agencies"])
        assert _names(docx_row["implementing_agencies"]) == _names(md_row["implementing_agencies"])
        assert _words(docx_row["deadline"]) == _words(md_row["deadline"])


# --- provincial documents that hold no plan table --------------------------------------


def test_lam_dong_commune_list_is_refused_with_a_plan_problem() -> None:
    check = _check(LAM_DONG.name, "Lâm Đồng", 2025)
    assert len(check.tasks) == 0
    errors = _errors(check)
    assert errors
    assert all(str(problem.code).startswith("plan_") for problem in errors)


def test_dak_lak_directive_without_a_task_table_is_refused() -> None:
    check = _check(DAK_LAK.name, "Đắk Lắk", 2025)
    assert len(check.tasks) == 0
    errors = _errors(check)
    assert errors
    assert all(str(problem.code).startswith("plan_") for problem in errors)


# --- the Word file itself ---------------------------------------------------------------


def test_word_plan_is_rebuilt_byte_for_byte() -> None:
    assert build_plan_docx(SOURCE_MD) == TARGET_DOCX.read_bytes()


def test_word_plan_has_fixed_dates_in_its_properties_and_zip_entries() -> None:
    document = Document(str(NQ03_DOCX))
    assert document.core_properties.created.date().isoformat() == "2025-01-09"
    assert document.core_properties.modified.date().isoformat() == "2025-01-09"
    with zipfile.ZipFile(io.BytesIO(NQ03_DOCX.read_bytes())) as package:
        assert {info.date_time for info in package.infolist()} == {(2025, 1, 9, 0, 0, 0)}


def _spans(document: Any) -> tuple[list[str], dict[int, list[tuple[str, int]]]]:
    """Section headings merged across the row, and per column the (first task number, rows) of vertical merges."""
    table = document.tables[0]
    across: list[str] = []
    down: dict[int, list[tuple[str, int]]] = {2: [], 3: []}
    open_runs: dict[int, list] = {}
    for tr in table._tbl.tr_lst[1:]:
        tcs = tr.tc_lst
        if len(tcs) == 1 and tcs[0].grid_span == 6:
            across.append("".join(t.text or "" for t in tcs[0].iter(qn("w:t"))))
            continue
        number = "".join(t.text or "" for t in tcs[0].iter(qn("w:t")))
        for column in down:
            v_merge = tcs[column].vMerge
            if v_merge == "restart":
                open_runs[column] = [number, 1]
                down[column].append(open_runs[column])
            elif v_merge == "continue":
                open_runs[column][1] += 1
    return across, {column: [tuple(run) for run in runs] for column, runs in down.items()}


def test_word_plan_merges_section_headings_across_and_agencies_down() -> None:
    document = Document(str(NQ03_DOCX))
    assert len(document.tables) == 1
    assert len(document.tables[0].rows) == 1 + 7 + 140  # header, seven sections, 140 tasks
    across, down = _spans(document)
    assert [heading.split(" ", 1)[0] for heading in across] == ["I.", "II.", "III.", "IV.", "V.", "VI.", "VII."]
    assert SECTION_I in across[0]
    assert across[3].endswith("chuyển đổi số quốc gia")  # row IV's stray deadline text is not in its heading
    assert down[2][:7] == [("6.", 2), ("14.", 4), ("18.", 2), ("25.", 3), ("31.", 3), ("34.", 2), ("41.", 2)]
    assert {("84.", 4), ("89.", 4), ("133.", 4)} <= set(down[2])
    assert down[3][:5] == [("4.", 2), ("10.", 4), ("15.", 3), ("20.", 5), ("33.", 2)]
    assert ("65.", 4) in down[3]


@pytest.mark.parametrize("path", [NQ03_MD, LAM_DONG, DAK_LAK])
def test_every_document_is_named_in_the_sources_and_the_manifest(path) -> None:
    sources = (PLANS / "SOURCES.md").read_text(encoding="utf-8")
    manifest = (PLANS / "manifest.csv").read_text(encoding="utf-8")
    assert f"`{path.name}`" in sources
    assert path.name in manifest
