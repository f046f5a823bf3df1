"""Reading a province's plan table from the document it was issued in (lib/ingest/plan_tables.py, plan_parse.py).

The seed plan (Đắk Lắk 2020, text copied from its web page) is checked against `data/tasks.csv`, which the
old, document-specific parser built: the same 85 tasks, sections, texts, agency cells and source lines.  The
same table as Word with merged cells, as Excel and as a web page must give the same tasks.

Tests that need the plan-links work (agency splitting, deadline parsing, the PAPI link; their bodies are
trivial on main until that branch is merged): `test_seed_agencies_resolve_to_the_tasks_csv_lists`,
`test_seed_sections_link_to_their_papi_dimension`, `test_a_deadline_column_is_read_into_a_date`.
"""

from __future__ import annotations

import io
import json
import zipfile

import pandas as pd
import pytest

from lib.domain import paths
from lib.domain.agencies import canonical_list
from lib.ingest import plan_tables
from lib.ingest.plan_parse import TASK_COLUMNS, PlanCheck, check_plan, column_role, task_text
from tests import plan_samples as samples

pytestmark = pytest.mark.skipif(not samples.SEED_PLAN.exists(), reason="../shared/plan is not beside this checkout")

# "B94" is a stray fragment in the source that the seed build removes by exact replacement
# (lib/ingest/plan.py _TYPO_FIXES); the general reader keeps the document as written.
SEED_TYPO = ("B94phát triển", "phát triển")


def check(data: bytes, name: str, year: int = 2020) -> PlanCheck:
    return check_plan(data, name, province="Đắk Lắk", year=year)


@pytest.fixture(scope="module")
def expected() -> pd.DataFrame:
    return pd.read_csv(paths.TASKS_CSV, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def seed() -> PlanCheck:
    return check(samples.seed_bytes(), samples.SEED_PLAN.name)


@pytest.fixture(scope="module")
def seed_docx() -> bytes:
    return samples.seed_docx()


def _comparable(tasks: pd.DataFrame) -> pd.DataFrame:
    """Section, title, task text and the agency cells resolved by the agency table, as tasks.csv holds them."""
    return pd.DataFrame({
        "plan_section": tasks["section"],
        "plan_section_title": tasks["section_title"],
        "task": [t.replace(*SEED_TYPO) for t in tasks["task"]],
        "lead_agency": [";".join(canonical_list(c)) for c in tasks["lead_written"]],
        "implementing_agencies": [";".join(canonical_list(c)) for c in tasks["implementing_written"]],
    }).reset_index(drop=True)


def _expected(expected: pd.DataFrame) -> pd.DataFrame:
    return expected[["plan_section", "plan_section_title", "task", "lead_agency",
                     "implementing_agencies"]].reset_index(drop=True)


def test_the_seed_text_gives_the_85_tasks_of_tasks_csv(seed: PlanCheck, expected: pd.DataFrame) -> None:
    assert seed.kind == "text"
    assert seed.errors == []
    assert len(seed.tasks) == 85
    assert list(seed.tasks.columns) == TASK_COLUMNS
    pd.testing.assert_frame_equal(_comparable(seed.tasks), _expected(expected))
    # Located: each task's row is the line the old parser read it from.
    assert seed.tasks["row"].tolist() == expected["source_line"].astype(int).tolist()
    assert set(seed.tasks["table"]) == {1}
    sections = list(dict.fromkeys(seed.tasks["section"]))
    assert sections[:4] == ["I.1", "I.2", "I.3", "I.4"] and "V" in sections and "V.1" not in sections
    assert sum(t.count(SEED_TYPO[0]) for t in seed.tasks["task"]) == 1  # kept as written, once


def test_the_seed_columns_are_named_as_written(seed: PlanCheck) -> None:
    assert seed.columns == {
        "number": {"header": "STT", "table": 1, "column": 1},
        "task": {"header": "Nhiệm vụ", "table": 1, "column": 2},
        "lead": {"header": "Đơn vị chủ trì", "table": 1, "column": 3},
        "implementing": {"header": "Đơn vị thực hiện", "table": 1, "column": 4},
    }


def test_the_seed_keeps_lists_inside_a_cell_readable(seed: PlanCheck) -> None:
    first = seed.tasks.iloc[0]
    lines = first["task"].split("\n")
    assert lines[0].startswith("Thực hiện tuyên truyền trên Báo Đắk Lắk")
    assert lines[0].endswith("Nội dung tuyên truyền:")
    assert len(lines) == 9 and all(line.startswith("- ") for line in lines[1:])
    assert "<" not in "".join(seed.tasks["task"]) and "<" not in "".join(seed.tasks["implementing_written"])
    assert first["implementing_written"] == ("- Đài Phát thanh và truyền hình tỉnh\n- Báo Đắk Lắk\n- UBND cấp huyện\n"
                                             "- UBND cấp xã")


def test_the_seed_warns_of_its_three_tasks_without_an_agency(seed: PlanCheck, expected: pd.DataFrame) -> None:
    lonely = expected[(expected["lead_agency"] == "") & (expected["implementing_agencies"] == "")]
    warned = [p for p in seed.problems if p.code == "plan_task_without_agency"]
    assert [p.row for p in warned] == lonely["source_line"].astype(int).tolist()
    assert all(p.severity == "warning" and p.sheet == "table 1" for p in warned)


def test_seed_agencies_resolve_to_the_tasks_csv_lists(seed: PlanCheck, expected: pd.DataFrame) -> None:
    """Needs plan-links: split_agencies must split dash lists and line breaks, resolve_agencies the aliases."""
    assert [";".join(x) for x in seed.tasks["lead_agencies"]] == expected["lead_agency"].tolist()
    assert [";".join(x) for x in seed.tasks["implementing_agencies"]] == expected["implementing_agencies"].tolist()
    names = {a.name for a in seed.agencies}
    assert "UBND cấp xã" in names and "Thanh tra tỉnh" in names
    assert all(a.canonical for a in seed.agencies)  # every name the seed writes is in data/agencies.csv
    # "HĐND cấp huyện HĐND cấp xã" (no separator) is split and flagged where it is written.
    row = int(expected.loc[expected["lead_agency"] == "HĐND cấp huyện;HĐND cấp xã", "source_line"].iloc[0])
    flagged = [(p.row, p.column, p.severity) for p in seed.problems if p.code == "plan_agencies_run_together"]
    assert (row, "Đơn vị chủ trì", "warning") in flagged


def test_seed_sections_link_to_their_papi_dimension(seed: PlanCheck, expected: pd.DataFrame) -> None:
    """Needs plan-links: the seed's dimension headings are PAPI 2020's own dimension names."""
    assert seed.tasks["dimension"].tolist() == expected["dimension"].astype(int).tolist()
    assert not [p for p in seed.problems if p.code == "plan_unmapped_section"]


def test_the_seed_as_word_with_merged_cells_gives_the_same_85_tasks(
    seed_docx: bytes, seed: PlanCheck, expected: pd.DataFrame
) -> None:
    xml = zipfile.ZipFile(io.BytesIO(seed_docx)).read("word/document.xml").decode()
    assert xml.count("<w:vMerge") > 20 and xml.count("<w:gridSpan") > 30  # the sample really is merged
    result = check(seed_docx, "ke-hoach-papi-2020.docx")
    assert result.kind == "docx" and result.errors == []
    assert len(result.tasks) == 85
    pd.testing.assert_frame_equal(_comparable(result.tasks), _expected(expected))
    assert result.columns["task"] == {"header": "Nhiệm vụ", "table": 2, "column": 2}  # table 1 is the letterhead
    assert set(result.tasks["table"]) == {2}


def test_a_lead_merged_down_belongs_to_each_row(seed_docx: bytes) -> None:
    merged = [i for i, row in enumerate(samples.seed_merged_rows()) if row[2] == samples.UP]
    assert len(merged) > 20
    result = check(seed_docx, "p.docx")
    by_row = result.tasks.set_index("row")
    for index in merged:
        row = index + 2  # the header is row 1 of the Word table
        assert by_row.loc[row, "lead_written"] != ""
        assert by_row.loc[row, "lead_written"] == by_row.loc[row - 1, "lead_written"] or row - 1 not in by_row.index


def test_the_seed_as_excel_and_as_a_web_page_gives_the_same_tasks(expected: pd.DataFrame) -> None:
    rows = [samples.SEED_HEADER, *samples.seed_merged_rows()]
    for data, name, kind in ((samples.xlsx_bytes([["PHỤ LỤC", samples.LEFT, samples.LEFT, samples.LEFT], *rows]),
                              "plan.xlsx", "xlsx"),
                             (samples.html_bytes(rows), "plan.html", "html")):
        result = check(data, name)
        assert result.kind == kind and result.errors == [], name
        pd.testing.assert_frame_equal(_comparable(result.tasks), _expected(expected))
    xlsx = check(samples.xlsx_bytes([["PHỤ LỤC", samples.LEFT, samples.LEFT, samples.LEFT], *rows]), "plan.xlsx")
    assert xlsx.tasks["row"].iloc[0] == 5  # title row 1, header 2, section rows 3 and 4, first task on row 5


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("STT", "number"), ("TT", "number"), ("Số TT", "number"),
        ("Nội dung", "task"), ("NHIỆM VỤ", "task"), ("Tên nhiệm vụ", "task"), ("Nhiệm vụ, giải pháp", "task"),
        ("Nhiem vu", "task"), ("Nội dung\ncông việc", "task"),
        ("Cơ quan chủ trì", "lead"), ("Đơn vị\nchủ trì", "lead"), ("Chủ trì", "lead"), ("Co quan chu tri", "lead"),
        ("Cơ quan, đơn vị chủ trì thực hiện", "lead"),
        ("Cơ quan phối hợp", "implementing"), ("Phối hợp", "implementing"), ("Đơn vị phối hợp", "implementing"),
        ("Thời gian", "deadline"), ("Thời hạn", "deadline"), ("Thời gian hoàn thành", "deadline"),
        ("Thoi gian thuc hien", "deadline"),
        ("Sản phẩm", "output"), ("Kết quả", "output"), ("Sản phẩm đầu ra", "output"),
        ("Thời điểm hoàn thành", "deadline"), ("Tiến độ thực hiện", "deadline"), ("Sản phẩm hoàn thành", "output"),
        ("Đơn vị thực hiện", "agency"), ("Cơ quan tham mưu", "agency"), ("Đơn vị phụ trách", "agency"),
        ("Ghi chú", "note"), ("Kinh phí", None), ("", None),
    ],
)
def test_columns_are_recognised_by_meaning(header: str, role: str | None) -> None:
    assert column_role(header) == role


L, U = samples.LEFT, samples.UP


def test_header_below_a_title_in_any_order_over_two_rows_with_a_numbering_row() -> None:
    rows = [
        ["PHỤ LỤC: PHÂN CÔNG NHIỆM VỤ", L, L, L, L, L],
        ["TT", "Nhiệm vụ,\ngiải pháp", "Cơ quan thực hiện", L, "Thời hạn\nhoàn thành", "Sản phẩm\nđầu ra"],
        [U, U, "Chủ trì", "Phối hợp", U, U],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],
        ["1", "Rà soát, công khai thủ tục hành chính", "Sở Tư pháp", "Sở Nội vụ", "Quý III/2026", "Báo cáo"],
        ["2", "Đối thoại với người dân", "UBND cấp huyện", "", "Hằng năm", ""],
    ]
    result = check(samples.docx_bytes(None, rows), "plan.docx", 2026)
    assert result.errors == []
    assert {role: (c["header"], c["column"]) for role, c in result.columns.items()} == {
        "number": ("TT", 1), "task": ("Nhiệm vụ, giải pháp", 2), "lead": ("Cơ quan thực hiện Chủ trì", 3),
        "implementing": ("Cơ quan thực hiện Phối hợp", 4), "deadline": ("Thời hạn hoàn thành", 5),
        "output": ("Sản phẩm đầu ra", 6)}
    tasks = result.tasks
    assert tasks["number"].tolist() == ["1", "2"]
    assert tasks["task"].tolist() == ["Rà soát, công khai thủ tục hành chính", "Đối thoại với người dân"]
    assert tasks["lead_written"].tolist() == ["Sở Tư pháp", "UBND cấp huyện"]
    assert tasks["implementing_written"].tolist() == ["Sở Nội vụ", ""]
    assert tasks["deadline"].tolist() == ["Quý III/2026", "Hằng năm"]
    assert tasks["output"].tolist() == ["Báo cáo", ""]
    assert tasks["row"].tolist() == [5, 6]


def test_columns_in_another_order_and_a_lone_implementing_column_as_the_lead() -> None:
    rows = [["Đơn vị thực hiện", "Nội dung", "Thời gian"],
            ["Sở Nội vụ", "Khảo sát sự hài lòng của người dân", "Tháng 6/2026"]]
    result = check(samples.text_bytes(rows), "plan.txt", 2026)
    assert result.errors == []
    assert result.columns["lead"]["header"] == "Đơn vị thực hiện" and "implementing" not in result.columns
    assert result.tasks[["task", "lead_written", "deadline"]].values.tolist() == [
        ["Khảo sát sự hài lòng của người dân", "Sở Nội vụ", "Tháng 6/2026"]]


def test_letter_roman_and_arabic_sections_with_numbering_restarting_and_sub_tasks() -> None:
    header = ["STT", "Nội dung", "Chủ trì", "Phối hợp"]
    rows = [
        ["A", "NHIỆM VỤ CHUNG", "", ""],
        ["1", "Quán triệt kế hoạch", "Sở Nội vụ", ""],
        ["2", "Kiểm tra, đôn đốc", "Sở Nội vụ", "Các sở, ngành"],
        ["B", "NHIỆM VỤ CỤ THỂ", "", ""],
        ["I", "Công khai, minh bạch", "", ""],
        ["1", "Công khai ngân sách xã", "UBND cấp xã", ""],
        ["1.1", "Niêm yết dự toán", "UBND cấp xã", ""],
        ["a)", "Niêm yết tại trụ sở", "UBND cấp xã", ""],
        ["-", "Đăng trên trang thông tin", "UBND cấp xã", ""],
        ["2", "Tiếp cận thông tin", "", ""],
        ["", "Cập nhật cổng thông tin", "Văn phòng UBND tỉnh", ""],
        ["II", "Trách nhiệm giải trình", "", ""],
        ["1", "Đối thoại với dân", "UBND cấp huyện", ""],
        ["C", "TỔ CHỨC THỰC HIỆN", "", ""],
        ["1", "Báo cáo kết quả", "Sở Nội vụ", ""],
    ]
    result = check(samples.docx_bytes(header, rows), "p.docx", 2026)
    assert result.errors == []
    got = result.tasks[["section", "number", "task"]].values.tolist()
    assert got == [
        ["A", "1", "Quán triệt kế hoạch"],
        ["A", "2", "Kiểm tra, đôn đốc"],
        ["B.I", "1", "Công khai ngân sách xã"],
        ["B.I", "1.1", "Niêm yết dự toán"],
        ["B.I", "a)", "Niêm yết tại trụ sở"],
        ["B.I", "-", "Đăng trên trang thông tin"],
        ["B.I.2", "", "Cập nhật cổng thông tin"],
        ["B.II", "1", "Đối thoại với dân"],
        ["C", "1", "Báo cáo kết quả"],
    ]
    assert result.tasks["section_title"].tolist()[-3:] == ["Tiếp cận thông tin", "Trách nhiệm giải trình",
                                                           "TỔ CHỨC THỰC HIỆN"]
    assert result.sections["section"].tolist() == ["A", "B", "B.I", "B.I.2", "B.II", "C"]


def test_a_heading_merged_across_the_row_is_a_section_with_its_number_in_the_text() -> None:
    header = ["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]
    rows = [
        ["I. CÔNG KHAI, MINH BẠCH", L, L, L, L],
        ["1", "Công khai danh sách hộ nghèo", "UBND cấp xã", "", "Quý II/2026"],
        ["2", "Tiếp cận thông tin", L, L, L],
        ["", "Cập nhật cổng thông tin", "Văn phòng UBND tỉnh", "", "Thường xuyên"],
        ["Nhiệm vụ khác", L, L, L, L],
        ["1", "Tổng kết", "Sở Nội vụ", "", "Tháng 12/2026"],
    ]
    result = check(samples.docx_bytes(header, rows), "p.docx", 2026)
    assert result.errors == []
    assert result.tasks[["section", "section_title", "task"]].values.tolist() == [
        ["I", "CÔNG KHAI, MINH BẠCH", "Công khai danh sách hộ nghèo"],
        ["I.2", "Tiếp cận thông tin", "Cập nhật cổng thông tin"],
        ["2", "Nhiệm vụ khác", "Tổng kết"],  # no number: numbered by its place among the top sections
    ]


def test_cell_text_wraps_and_lists_stay_readable() -> None:
    assert task_text("Tăng cường công tác\nquản lý nhà nước về\nmôi trường.") == ("Tăng cường công tác quản lý nhà "
                                                                             "nước về môi trường.")
    assert task_text("- rà soát thủ tục;") == "Rà soát thủ tục"
    assert task_text("Tuyên truyền các nội dung:\n+ Luật Đất đai;\n+ Luật Tiếp cận thông tin.") == (
        "Tuyên truyền các nội dung:\n- Luật Đất đai\n- Luật Tiếp cận thông tin.")
    assert task_text("Xây dựng kế hoạch.\nTổ chức thực hiện.") == "- Xây dựng kế hoạch.\n- Tổ chức thực hiện."


def test_html_left_in_copied_text_becomes_lines() -> None:
    assert plan_tables.fragment_text("Sở KH&amp;CN<br>Sở TT&amp;TT&nbsp;") == "Sở KH&CN\nSở TT&TT"
    assert plan_tables.fragment_text("<ul><li>UBND cấp huyện</li><li>UBND cấp xã</li></ul>") == (
        "- UBND cấp huyện\n- UBND cấp xã")
    assert plan_tables.fragment_text("Sở LĐ-TB&XH") == "Sở LĐ-TB&XH"  # no tag: kept as written


def test_a_cell_copied_over_several_lines_from_excel_stays_one_cell() -> None:
    text = ('STT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\n'
            '1\t"Tuyên truyền:\n- Luật Đất đai\n- Luật Tiếp cận thông tin"\tSở Tư pháp\t"Sở Nội vụ\nUBND cấp huyện"\n'
            '2\tĐối thoại\tUBND cấp huyện\t\n')
    result = check(text.encode(), "copied.txt", 2026)
    assert result.errors == []
    assert result.tasks["task"].tolist() == ["Tuyên truyền:\n- Luật Đất đai\n- Luật Tiếp cận thông tin",
                                             "Đối thoại"]
    assert result.tasks["implementing_written"].tolist() == ["Sở Nội vụ\nUBND cấp huyện", ""]
    assert result.tasks["row"].tolist() == [2, 6]  # the line each row starts on (row 1 runs over lines 2-5)


def test_a_task_cell_merged_down_adds_the_next_rows_agencies_to_it() -> None:
    header = ["STT", "Nội dung", "Chủ trì", "Phối hợp"]
    rows = [["1", "Kiểm tra công vụ", "Sở Nội vụ", "Thanh tra tỉnh"],
            [U, U, "UBND cấp huyện", ""],
            ["2", "Đối thoại", "UBND cấp xã", ""]]
    result = check(samples.docx_bytes(header, rows), "p.docx", 2026)
    assert result.tasks["task"].tolist() == ["Kiểm tra công vụ", "Đối thoại"]
    assert result.tasks["lead_written"].tolist() == ["Sở Nội vụ\nUBND cấp huyện", "UBND cấp xã"]


def test_a_deadline_column_is_read_into_a_date() -> None:
    """Needs plan-links: parse_deadline reads dates; on main it keeps every deadline as text."""
    rows = [["STT", "Nội dung", "Chủ trì", "Thời hạn"], ["1", "Báo cáo", "Sở Nội vụ", "30/11/2026"],
            ["2", "Rà soát", "Sở Tư pháp", "Thường xuyên"]]
    result = check(samples.text_bytes(rows), "p.txt", 2026)
    assert result.tasks["deadline"].tolist() == ["30/11/2026", "Thường xuyên"]
    assert result.tasks["deadline_date"].tolist() == ["2026-11-30", None]


def test_the_summary_is_one_json_object(seed: PlanCheck) -> None:
    summary = json.loads(json.dumps(seed.summary("en"), ensure_ascii=False))
    assert len(summary["tasks"]) == 85
    first = summary["tasks"][0]
    assert set(first) >= {"section", "number", "task", "lead_agencies", "implementing_agencies", "deadline",
                          "deadline_date", "output", "dimension", "papi_keys", "confidence"}
    assert first["section"] == "I.1" and first["lead_agencies"] == ["Sở Thông tin và Truyền thông"]
    assert summary["columns"]["task"]["header"] == "Nhiệm vụ"
    assert {"written": "Thanh tra tỉnh", "name": "Thanh tra tỉnh"}.items() <= next(
        a for a in summary["agencies"] if a["written"] == "Thanh tra tỉnh").items()
    assert all(p["severity"] == "warning" for p in summary["problems"])


def test_a_pdf_with_a_text_layer_gives_its_tasks() -> None:
    header = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp"]
    rows = [
        header,
        ["I", "Công khai, minh bạch", L, L],
        ["1", "Công khai danh sách hộ nghèo", "UBND cấp xã", "UBND cấp huyện"],
        ["2", "Công khai ngân sách xã", U, "Sở Tài chính"],
        ["II", "Kiểm soát tham nhũng", L, L],
        ["1", "Kiểm tra công vụ", "Sở Nội vụ", "Thanh tra tỉnh"],
    ]
    result = check(samples.pdf_bytes(rows), "plan.pdf", 2026)
    assert result.kind == "pdf" and result.errors == []
    assert result.tasks[["section", "task", "lead_written", "implementing_written"]].values.tolist() == [
        ["I", "Công khai danh sách hộ nghèo", "UBND cấp xã", "UBND cấp huyện"],
        ["I", "Công khai ngân sách xã", "UBND cấp xã", "Sở Tài chính"],
        ["II", "Kiểm tra công vụ", "Sở Nội vụ", "Thanh tra tỉnh"],
    ]


def test_a_heading_copied_as_text_into_the_first_cell_is_a_section() -> None:
    rows = [["STT", "Nội dung", "Chủ trì"], ["I. CÔNG KHAI, MINH BẠCH", "", ""],
            ["1", "Công khai ngân sách", "UBND cấp xã"], ["II. TỔ CHỨC THỰC HIỆN", "", ""],
            ["1", "Báo cáo", "Sở Nội vụ"]]
    result = check(samples.text_bytes(rows), "p.txt", 2026)
    assert result.tasks[["section", "section_title", "task"]].values.tolist() == [
        ["I", "CÔNG KHAI, MINH BẠCH", "Công khai ngân sách"], ["II", "TỔ CHỨC THỰC HIỆN", "Báo cáo"]]


def test_a_row_with_words_but_no_task_or_agency_is_named_not_dropped() -> None:
    rows = [["STT", "Nội dung", "Chủ trì", "Ghi chú"], ["1", "Báo cáo", "Sở Nội vụ", ""],
            ["", "", "", "Kinh phí từ ngân sách tỉnh"]]
    result = check(samples.text_bytes(rows), "p.txt", 2026)
    warned = [p for p in result.problems if p.code == "plan_row_ignored"]
    assert [(p.severity, p.row, p.value) for p in warned] == [("warning", 3, "Kinh phí từ ngân sách tỉnh")]
    assert result.ok and len(result.tasks) == 1


def test_a_word_table_split_in_two_continues_without_a_second_header() -> None:
    import docx

    first = samples.docx_bytes(["STT", "Nội dung", "Chủ trì"],
                               [["I", "Công khai", ""], ["1", "Niêm yết", "UBND cấp xã"]])
    document = docx.Document(io.BytesIO(first))
    document.add_paragraph("")
    second = document.add_table(rows=2, cols=3)
    for r, values in enumerate([["2", "Cập nhật cổng", "Văn phòng UBND tỉnh"], ["II", "Giải trình", ""]]):
        for c, value in enumerate(values):
            second.rows[r].cells[c].text = value
    document.add_table(rows=1, cols=2).rows[0].cells[0].text = "Nơi nhận:"  # the signature block
    buffer = io.BytesIO()
    document.save(buffer)
    result = check(buffer.getvalue(), "p.docx", 2026)
    assert result.tasks[["table", "row", "section", "task"]].values.tolist() == [
        [1, 3, "I", "Niêm yết"], [2, 1, "I", "Cập nhật cổng"]]


def test_text_of_tracked_insertions_is_read_and_deleted_text_is_not() -> None:
    data = samples.docx_bytes(["STT", "Nội dung", "Chủ trì"], [["1", "Rà soát thủ tục", "Sở Tư pháp"]])
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    run = "<w:r><w:t>Rà soát thủ tục</w:t></w:r>"
    assert run in xml
    xml = xml.replace(run, run + '<w:ins w:id="1" w:author="A"><w:r><w:t xml:space="preserve"> hành chính</w:t>'
                      '</w:r></w:ins><w:del w:id="2" w:author="A"><w:r><w:delText> cũ</w:delText></w:r></w:del>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            target.writestr(item, xml if item.filename == "word/document.xml" else source.read(item))
    assert check(buffer.getvalue(), "p.docx", 2026).tasks["task"].tolist() == ["Rà soát thủ tục hành chính"]


def test_formatted_empty_rows_below_an_excel_table_are_not_counted() -> None:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(samples.xlsx_bytes([["STT", "Nội dung", "Chủ trì"],
                                                                 ["1", "Báo cáo", "Sở Nội vụ"]])))
    book.active.cell(5000, 1).number_format = "0.00"  # a style, no value: max_row becomes 5000
    buffer = io.BytesIO()
    book.save(buffer)
    result = check(buffer.getvalue(), "p.xlsx", 2026)
    assert result.errors == [] and result.tasks["task"].tolist() == ["Báo cáo"]


def test_a_markdown_pipe_table_is_read_like_copied_text() -> None:
    text = ("**PHỤ LỤC**\n\n"
            "| TT | Tên nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Kết quả | Thời gian hoàn thành |\n"
            "|---|---|---|---|---|---|\n"
            "| **I.** | Nâng cao nhận thức |  |  |  |  |\n"
            "| 1. | Tuyên truyền<br>trên báo, đài | Sở Văn hóa, Thể thao và Du lịch | Báo Đắk Lắk | Chuyên mục "
            "| 6/2026 |\n"
            "| **II.** | Hoàn thiện thể chế |  |  |  | năm tiếp theo |\n"
            "| 2. | Rà soát quy định \\| văn bản | Sở Tư pháp |  | Báo cáo | 2026 |\n")
    result = check(text.encode(), "plan.md", 2026)
    assert result.kind == "text"
    assert result.tasks[["section", "number", "task", "lead_written", "output", "deadline", "row"]].values.tolist() == [
        ["I", "1.", "Tuyên truyền trên báo, đài", "Sở Văn hóa, Thể thao và Du lịch", "Chuyên mục", "6/2026", 6],
        ["II", "2.", "Rà soát quy định | văn bản", "Sở Tư pháp", "Báo cáo", "2026", 8],
    ]
    # The stray words in section II's deadline cell are neither a task nor a deadline: they are named.
    stray = [p for p in result.problems if p.code == "plan_section_cell_ignored"]
    assert [(p.row, p.column, p.value, p.severity) for p in stray] == [
        (7, "Thời gian hoàn thành", "năm tiếp theo", "warning")]


def test_columns_no_role_took_are_listed_and_the_due_date_column_is_the_deadline() -> None:
    rows = [["STT", "Nội dung", "Chủ trì", "Thời gian bắt đầu", "Thời gian hoàn thành", "Kinh phí"],
            ["1", "Khảo sát", "Sở Nội vụ", "1/2026", "6/2026", "100 triệu"]]
    result = check(samples.text_bytes(rows), "p.txt", 2026)
    assert result.columns["deadline"]["header"] == "Thời gian hoàn thành"
    assert result.tasks["deadline"].tolist() == ["6/2026"]
    assert [c["header"] for c in result.other_columns] == ["Thời gian bắt đầu", "Kinh phí"]
    assert result.sections.empty and result.tasks["section"].tolist() == [""]  # a table without sections


def test_a_web_page_with_layout_tables_around_the_plan_table() -> None:
    rows = [samples.SEED_HEADER, ["I", "Công khai, minh bạch", L, L], ["", "Niêm yết công khai", "UBND cấp xã", ""]]
    inner = samples.html_bytes(rows, before="").decode()
    table = inner[inner.index("<table"):inner.index("</table>") + len("</table>")]
    page = ("<html><body><table><tr><td><a href='/'>Trang chủ</a></td><td>Văn bản pháp luật</td></tr></table>"
            f"<table><tr><td>Mục lục</td><td><p>KẾ HOẠCH</p>{table}<p>Nơi nhận</p></td></tr></table>"
            "<script>var x = '<table><tr><td>STT</td></tr></table>';</script></body></html>")
    result = check(page.encode("utf-8"), "van-ban.html", 2026)
    assert result.kind == "html" and result.errors == []
    assert result.columns["task"]["table"] == 3  # the menu is table 1, the layout table 2
    assert result.tasks[["section", "task", "lead_written"]].values.tolist() == [
        ["I", "Niêm yết công khai", "UBND cấp xã"]]


def test_a_damaged_file_never_raises_and_always_says_something() -> None:
    import random

    whole = samples.seed_docx()
    text = samples.seed_bytes()
    chance = random.Random(12)
    for _ in range(12):
        data = bytearray(whole if chance.random() < 0.5 else text)
        for _ in range(chance.randint(1, 40)):
            data[chance.randrange(len(data))] = chance.randrange(256)
        cut = bytes(data[: chance.randint(1, len(data))])
        result = check(cut, "damaged.docx")
        assert result.problems or len(result.tasks), "a file gave neither tasks nor a problem"
        assert "plan_internal_error" not in result.codes


def test_an_unnumbered_bold_row_without_agencies_is_a_heading_in_word_excel_and_a_web_page() -> None:
    import docx
    import openpyxl

    rows = [["STT", "Nội dung", "Chủ trì"], ["I", "Công khai, minh bạch", ""], ["", "Nhiệm vụ chung", ""],
            ["1", "Niêm yết", "UBND cấp xã"], ["", "Nhiệm vụ riêng", ""], ["1", "Cập nhật cổng", "Sở Nội vụ"],
            ["", "Tuyên truyền pháp luật", ""]]  # not bold: a task that names no agency
    bold_rows = {2, 4}
    expected = [["I.1", "Nhiệm vụ chung", "Niêm yết"], ["I.2", "Nhiệm vụ riêng", "Cập nhật cổng"],
                ["I.2", "Nhiệm vụ riêng", "Tuyên truyền pháp luật"]]

    document = docx.Document(io.BytesIO(samples.docx_bytes(None, rows)))
    for r in bold_rows:
        for run in document.tables[0].rows[r].cells[1].paragraphs[0].runs:
            run.bold = True
    buffer = io.BytesIO()
    document.save(buffer)
    word = check(buffer.getvalue(), "p.docx", 2026)

    book = openpyxl.load_workbook(io.BytesIO(samples.xlsx_bytes(rows)))
    for r in bold_rows:
        book.active.cell(r + 1, 2).font = openpyxl.styles.Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    excel = check(buffer.getvalue(), "p.xlsx", 2026)

    page = samples.html_bytes(rows).decode()
    for r in bold_rows:
        page = page.replace(f"<p>{rows[r][1]}</p>", f"<p><b>{rows[r][1]}</b></p>")
    web = check(page.encode(), "p.html", 2026)

    markdown = "\n".join("| " + " | ".join(f"**{v}**" if i in bold_rows and c == 1 else v for c, v in enumerate(row))
                         + " |" for i, row in enumerate(rows)).encode()
    for result in (word, excel, web, check(markdown, "p.md", 2026)):
        assert result.tasks[["section", "section_title", "task"]].values.tolist() == expected, result.kind


def test_a_table_without_a_number_column_takes_the_numbers_opening_the_task_text() -> None:
    rows = [["Nhiệm vụ", "Cơ quan chủ trì", "Thời gian"],
            ["I. CÔNG KHAI, MINH BẠCH", "", ""],
            ["1. Công khai ngân sách", "UBND cấp xã", "Quý I/2026"],
            ["2. Tiếp cận thông tin", "", ""],
            ["a) Cập nhật cổng thông tin", "Văn phòng UBND tỉnh", "Thường xuyên"],
            ["b) Trả lời câu hỏi của dân", "Văn phòng UBND tỉnh", "Thường xuyên"],
            ["II. GIẢI TRÌNH", "", ""],
            ["1. Đối thoại", "UBND cấp huyện", "2026"],
            ["2025: năm tổng kết", "Sở Nội vụ", "2025"]]
    result = check(samples.text_bytes(rows), "p.txt", 2026)
    assert result.tasks[["section", "number", "task"]].values.tolist() == [
        ["I", "1.", "Công khai ngân sách"],
        ["I.2", "a)", "Cập nhật cổng thông tin"],
        ["I.2", "b)", "Trả lời câu hỏi của dân"],
        ["II", "1.", "Đối thoại"],
        ["II", "", "2025: năm tổng kết"],  # a year is not a number opening the task
    ]
