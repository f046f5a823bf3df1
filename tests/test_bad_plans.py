"""Bad plan files: each is refused (or warned about) with a located problem saying how to fix it, in both
languages, and a refused file yields no tasks (lib/ingest/plan_parse.py check_plan)."""

from __future__ import annotations

import pytest

from lib.domain import i18n
from lib.ingest import plan_tables
from lib.ingest.plan_parse import PlanCheck, check_plan, problem_text
from lib.ingest.validate import ERROR, SEVERITY, WARNING
from tests import plan_samples as samples

HEADER = ["STT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp"]


def check(data: bytes, name: str) -> PlanCheck:
    return check_plan(data, name, province="Đắk Lắk", year=2026)


def only(result: PlanCheck, code: str) -> object:
    found = [p for p in result.problems if p.code == code]
    assert len(found) == 1, result.codes
    return found[0]


def _refused(result: PlanCheck, code: str) -> None:
    assert result.codes == [code]
    assert result.errors and not result.ok
    assert result.tasks.empty


@pytest.mark.parametrize(
    ("data", "name", "code", "words_en"),
    [
        (b"", "plan.docx", "plan_empty_file", "is empty"),
        (b"  \n\t \n", "plan.txt", "plan_empty_file", "is empty"),
        (samples.encrypted_docx(), "plan.docx", "plan_encrypted", "password"),
        (samples.renamed_doc(), "plan.docx", "plan_old_word", "old Word format (.doc)"),
        (samples.ole_bytes("Workbook"), "plan.xlsx", "plan_old_excel", "old Excel format (.xls)"),
        (samples.corrupt_docx(), "plan.docx", "plan_unreadable", "cannot be read"),
        (samples.docx_without_document(), "plan.docx", "plan_unreadable", "cannot be read"),
        (samples.PNG, "plan.png", "plan_scanned", "is a picture (PNG)"),
        (samples.odt_bytes(), "plan.odt", "plan_wrong_type", "holds OpenDocument"),
        (b"{\\rtf1\\ansi Ke hoach}", "plan.rtf", "plan_wrong_type", "holds RTF"),
        (bytes(range(256)) * 8, "plan.bin", "plan_wrong_type", "holds binary"),
        (b"Ke hoach nang cao chi so PAPI\nKhong co bang\n", "plan.txt", "plan_no_table", "holds no table"),
    ],
)
def test_a_file_that_is_not_a_readable_plan_is_refused_saying_what_it_is(
    data: bytes, name: str, code: str, words_en: str
) -> None:
    result = check(data, name)
    _refused(result, code)
    problem = result.problems[0]
    assert words_en in problem.message("en")
    assert problem.fix("vi") and problem.fix("en") and problem.fix("vi") != problem.fix("en")
    assert problem.message("vi") != problem.message("en")


def test_a_renamed_doc_and_a_password_protected_docx_say_how_to_fix_them() -> None:
    doc = check(samples.renamed_doc(), "ke-hoach.docx").problems[0]
    assert doc.message("vi") == ("Tệp 'ke-hoach.docx' là định dạng Word cũ (.doc), dù tên tệp có thể là .docx; ứng "
                                 "dụng không đọc được.")
    assert "Save As > Word Document (.docx)" in doc.fix("en")
    encrypted = check(samples.encrypted_docx(), "ke-hoach.docx").problems[0]
    assert "Encrypt with Password, clear the password" in encrypted.fix("en")


def test_a_word_document_without_a_table_is_refused() -> None:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH Nâng cao Chỉ số PAPI năm 2026")
    document.add_paragraph("1. Sở Nội vụ chủ trì rà soát thủ tục hành chính.")
    buffer = io.BytesIO()
    document.save(buffer)
    result = check(buffer.getvalue(), "plan.docx")
    _refused(result, "plan_no_table")
    assert result.kind == "docx"


def test_a_table_without_a_task_column_is_refused_at_its_header() -> None:
    rows = [["STT", "Cơ quan chủ trì", "Thời gian"], ["1", "Sở Nội vụ", "Quý II/2026"]]
    result = check(samples.docx_bytes(None, rows, letterhead=True), "plan.docx")
    _refused(result, "plan_no_task_column")
    problem = result.problems[0]
    assert (problem.sheet, problem.row, problem.value) == ("table 2", 1, "STT | Cơ quan chủ trì | Thời gian")
    assert problem.located("vi").startswith("Bảng 2, dòng 1: Không thấy cột nhiệm vụ")
    assert problem.located("en").startswith("Table 2, row 1: No task column")


def test_a_table_without_an_agency_column_is_refused_at_its_header() -> None:
    rows = [["Kế hoạch năm 2026", "", ""], ["TT", "Nhiệm vụ", "Thời hạn"], ["1", "Rà soát TTHC", "Quý II/2026"]]
    result = check(samples.text_bytes(rows), "plan.txt")
    _refused(result, "plan_no_agency_column")
    problem = result.problems[0]
    assert (problem.sheet, problem.row, problem.value) == ("table 1", 2, "TT | Nhiệm vụ | Thời hạn")
    assert "Cơ quan chủ trì" in problem.fix("en")


def test_an_empty_task_cell_with_agencies_is_an_error_at_its_cell() -> None:
    rows = [["1", "Rà soát thủ tục hành chính", "Sở Tư pháp", ""],
            ["2", "", "Sở Nội vụ", "UBND cấp huyện"],
            ["3", "Đối thoại với người dân", "UBND cấp huyện", ""]]
    result = check(samples.docx_bytes(HEADER, rows), "plan.docx")
    problem = only(result, "plan_empty_task")
    assert problem.severity == ERROR and not result.ok
    assert (problem.sheet, problem.row, problem.column, problem.value) == ("table 1", 3, "Nội dung", "Sở Nội vụ")
    assert problem.located("vi") == ("Bảng 1, dòng 3, cột 'Nội dung': Dòng có cơ quan ('Sở Nội vụ') nhưng ô nhiệm "
                                     "vụ trống.")
    assert result.tasks["task"].tolist() == ["Rà soát thủ tục hành chính", "Đối thoại với người dân"]  # nothing lost


def test_a_section_heading_that_names_no_dimension_is_a_warning_at_its_row() -> None:
    rows = [["I", "Các nhiệm vụ khác", "", ""], ["1", "Tổng kết, khen thưởng", "Sở Nội vụ", ""]]
    result = check(samples.docx_bytes(HEADER, rows), "plan.docx")
    problem = only(result, "plan_unmapped_section")
    assert problem.severity == WARNING and result.ok
    assert (problem.sheet, problem.row, problem.column, problem.value) == ("table 1", 2, "Nội dung",
                                                                            "Các nhiệm vụ khác")
    assert problem.message("en") == ("Section I heading 'Các nhiệm vụ khác' names no PAPI dimension; its tasks are "
                                     "not yet linked to PAPI.")
    assert result.tasks["dimension"].tolist() == [None]  # kept, unmapped


def test_a_2000_row_table_is_refused_naming_the_limit_and_why() -> None:
    result = check(samples.long_docx(2000), "plan.docx")
    _refused(result, "plan_too_many_rows")
    problem = result.problems[0]
    assert (problem.sheet, problem.value) == ("table 1", "2001")
    assert f"the limit is {plan_tables.MAX_ROWS}" in problem.message("en")
    assert "every row must be reviewed" in problem.message("en")
    text = samples.text_bytes([HEADER] + [["", f"Nhiệm vụ {i}", "Sở Nội vụ", ""] for i in range(2000)])
    _refused(check(text, "plan.txt"), "plan_too_many_rows")


def test_a_file_beyond_the_size_limit_is_refused_before_reading() -> None:
    result = check(b"PK\x03\x04" + b"\x00" * plan_tables.MAX_BYTES, "plan.docx")
    _refused(result, "plan_too_large")
    assert "the limit is 20 MB" in result.problems[0].message("en")


def test_a_scanned_pdf_is_refused_for_having_no_text_layer() -> None:
    result = check(samples.pdf_bytes(None), "scan.pdf")
    _refused(result, "plan_no_text_layer")
    assert "no text layer" in result.problems[0].message("en")


def test_every_plan_problem_code_has_its_texts_and_a_severity() -> None:
    codes = [c for c in SEVERITY if c.startswith("plan_")]
    assert len(codes) >= 15
    for code in codes:
        for lang in i18n.LANGUAGES:
            assert i18n.t(f"vd_{code}", lang) and i18n.t(f"vd_{code}_fix", lang)
    assert SEVERITY["plan_unmapped_section"] == WARNING and SEVERITY["plan_empty_task"] == ERROR


def test_a_problem_reads_as_one_line_with_its_fix() -> None:
    result = check(samples.text_bytes([["TT", "Nhiệm vụ"], ["1", "Rà soát"]]), "plan.txt")
    line = problem_text(result.problems[0], "en")
    assert line.startswith("Table 1, row 1: No agency column") and "How to fix: Head the column" in line


@pytest.mark.slow
def test_a_check_in_the_bounded_child_gives_the_same_answer_and_a_bound_is_a_located_refusal(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from lib.ingest import limits, sandbox
    from lib.ingest.plan_parse import check_plan_bounded

    data = samples.docx_bytes(HEADER, [["1", "Rà soát thủ tục hành chính", "Sở Tư pháp", ""]])
    result = check_plan_bounded(data, "plan.docx", province="Đắk Lắk", year=2026)
    assert result.tasks["task"].tolist() == ["Rà soát thủ tục hành chính"] and result.ok
    # The child's alarm has a one-second grain, so whether a given file overruns depends on the machine:
    # the child's report of an overrun (tested with real children in tests/test_upload_limits.py) is given here.
    over = limits.Exceeded("time", "0.01 s", "> 0.01 s")
    monkeypatch.setattr(sandbox, "run", lambda *_args, **_kwargs: sandbox.Outcome(exceeded=over))
    stopped = check_plan_bounded(samples.long_docx(900), "plan.docx", province="Đắk Lắk", year=2026, seconds=0.01)
    assert stopped.codes == ["plan_limit"] and not stopped.ok
    assert "(limit 0.01 s)" in stopped.problems[0].message("en")


def test_a_pdf_with_text_but_no_ruled_table_asks_for_the_word_version() -> None:
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "KE HOACH nang cao chi so PAPI nam 2026")
    page.drawString(72, 700, "1. So Noi vu chu tri ra soat thu tuc hanh chinh.")
    page.save()
    result = check(buffer.getvalue(), "plan.pdf")
    _refused(result, "plan_pdf_no_table")
    assert "Word (.docx)" in result.problems[0].fix("en")
