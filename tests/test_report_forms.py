"""Report forms: one per agency with its tasks (from data/tasks.csv), a drop-down of the five statuses,
Vietnamese intact; filled forms read back; every bad form refused with a located message, nothing changed."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from lib.domain import i18n, report_form
from lib.ingest import limits, report_forms
from lib.store import database, status
from tests import status_samples as s

TODAY = dt.date(2021, 3, 1)
THANH_TRA = "Thanh tra tỉnh"


@pytest.fixture(scope="module")
def forms(session_store) -> dict[str, bytes]:
    return status.agency_forms(session_store, s.PLAN)


def _form(forms: dict[str, bytes], agency: str) -> bytes:
    return forms[report_form.file_name(agency, s.PLAN)]


def test_one_form_per_agency_named_after_it_with_its_tasks_in_the_plans_order(forms: dict[str, bytes]) -> None:
    expected = s.agencies()
    assert len(forms) == len(expected) == 28
    assert sorted(forms) == sorted(f"{a} - DLK-2020.xlsx" for a in expected)
    for agency in ("Thanh tra tỉnh", "Sở Lao động, Thương binh và Xã hội", "UBND cấp xã"):
        sheet = load_workbook(io.BytesIO(_form(forms, agency)))["Báo cáo"]
        ids = [sheet[f"A{r}"].value for r in range(6, sheet.max_row + 1) if sheet[f"A{r}"].value]
        assert ids == s.agency_tasks(agency)
        assert sheet["A1"].value == f"Báo cáo tiến độ nhiệm vụ PAPI: {agency}"


def test_the_form_has_the_status_column_a_drop_down_of_five_statuses_and_locked_task_columns(
    forms: dict[str, bytes],
) -> None:
    book = load_workbook(io.BytesIO(_form(forms, THANH_TRA)))
    sheet = book["Báo cáo"]
    headers = [c.value for c in sheet[5]]
    assert headers == ["Mã nhiệm vụ", "Mục", "Nhiệm vụ", "Vai trò", "Thời hạn", "Trạng thái",
                       "Lý do (nếu không thực hiện)", "Tiến độ / ghi chú", "Minh chứng (đường dẫn / số văn bản)",
                       "Ngày báo cáo"]
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert len(lists) == 1
    assert lists[0].formula1 == ('"chưa thực hiện,đang thực hiện,hoàn thành,hoàn thành một phần,'
                                 'không thực hiện"')
    assert str(lists[0].sqref) == f"F6:F{sheet.max_row}"
    assert sheet.protection.sheet
    assert sheet["C6"].protection.locked and not sheet["F6"].protection.locked
    assert book["meta"].sheet_state == "hidden"
    # The task text as written in data/tasks.csv (Vietnamese intact).
    tasks = s.plan_tasks().set_index("task_id")
    first = sheet["A6"].value
    assert sheet["C6"].value.lstrip("'") == tasks.loc[first, "task"]
    assert sheet["D6"].value == "Chủ trì"


def _check(data: bytes, name: str = "f.xlsx", con=None) -> report_forms.FormCheck:
    return report_forms.read_form(data, name, s.plan_tasks().reindex(columns=report_forms.TASK_COLUMNS), TODAY)


def test_a_filled_form_reads_back_as_reports(forms: dict[str, bytes]) -> None:
    ids = s.agency_tasks(THANH_TRA)
    filled = s.fill(_form(forms, THANH_TRA), {
        ids[0]: s.done(dt.date(2020, 6, 1), "Đã tổ chức 3 hội nghị"),
        ids[1]: {"status": "không thực hiện", "reason": "Thiếu kinh phí", "reported_on": "15/06/2020"},
        ids[2]: {"status": "done", "reported_on": dt.datetime(2020, 7, 1)},  # the English label is read too
    })
    result = _check(filled)
    assert result.ok and result.agency == THANH_TRA and result.plan_id == s.PLAN
    got = result.reports[["task_id", "status", "reason", "note", "evidence", "reported_on"]].astype(object)
    got = got.where(got.notna(), None).values.tolist()
    assert got == [
        [ids[0], "done", None, "Đã tổ chức 3 hội nghị", "Số 12/BC-TTr", dt.date(2020, 6, 1)],
        [ids[1], "not_done", "Thiếu kinh phí", None, None, dt.date(2020, 6, 15)],
        [ids[2], "done", None, None, None, dt.date(2020, 7, 1)],
    ]


def _other_agency_task(agency: str) -> str:
    mine = set(s.agency_tasks(agency))
    return next(t for t in s.plan_tasks()["task_id"] if t not in mine)


# (name, how the agency spoils the form, code, row offset from the first task, column letter, value shown)
BAD = [
    ("unknown task id", lambda ids, f: s.fill(f, {ids[0]: {"status": "hoàn thành", "task_id": "DLK-2020-IX.9-99"}}),
     "status_unknown_task", 0, "A", "DLK-2020-IX.9-99"),
    ("status not in the list", lambda ids, f: s.fill(f, {ids[0]: {"status": "xong rồi"}}),
     "status_bad_status", 0, "F", "xong rồi"),
    ("date not a date", lambda ids, f: s.fill(f, {ids[1]: {"status": "hoàn thành", "reported_on": "31/02/2020"}}),
     "status_bad_date", 1, "J", "31/02/2020"),
    ("task of another agency", lambda ids, f: s.fill(
        f, {ids[0]: {"status": "hoàn thành", "task_id": _other_agency_task(THANH_TRA)}}),
     "status_other_agency", 0, "A", None),
    ("edited task text", lambda ids, f: s.fill(f, {ids[2]: {"status": "hoàn thành", "task": "Nhiệm vụ khác"}}),
     "status_task_edited", 2, "C", "Nhiệm vụ khác"),
    ("not done without a reason", lambda ids, f: s.fill(f, {ids[0]: {"status": "không thực hiện"}}),
     "status_reason_missing", 0, "G", ""),
    ("a date in the future", lambda ids, f: s.fill(f, {ids[0]: {"status": "hoàn thành",
                                                                   "reported_on": dt.date(2030, 1, 1)}}),
     "status_future_date", 0, "J", "01/01/2030"),
    ("a note without a status", lambda ids, f: s.fill(f, {ids[0]: {"note": "đang làm"}}),
     "status_status_missing", 0, "F", ""),
]


@pytest.mark.parametrize(("name", "spoil", "code", "offset", "column", "value"), BAD, ids=[b[0] for b in BAD])
def test_every_bad_form_is_refused_with_a_located_message_and_nothing_changes(
    name: str, spoil, code: str, offset: int, column: str, value: str | None,
    forms: dict[str, bytes], fresh_store,
) -> None:
    ids = s.agency_tasks(THANH_TRA)
    data = spoil(ids, _form(forms, THANH_TRA))
    before = database.content_digest(fresh_store)
    checks = status.check(fresh_store, [("Thanh tra.xlsx", data)], today=TODAY, bounded=False)
    problem = next(p for p in checks[0].problems if p.code == code)
    assert problem.severity == "error" and not checks[0].ok
    assert problem.sheet == "Báo cáo"
    assert problem.row == 6 + offset
    assert problem.column.startswith(f"{column} (")
    if value is not None:
        assert problem.value == value
    for lang in ("vi", "en"):
        assert problem.located(lang).startswith(i18n.t("vd_at_sheet", lang, sheet="Báo cáo")[:1].upper())
        assert problem.fix(lang)
    with pytest.raises(status.Refused) as refused:
        status.preview(fresh_store, checks)
    assert refused.value.code == "invalid"
    assert database.content_digest(fresh_store) == before


def test_messages_say_where_and_how_to_fix(forms: dict[str, bytes]) -> None:
    ids = s.agency_tasks(THANH_TRA)
    result = _check(s.fill(_form(forms, THANH_TRA), {ids[0]: {"status": "xong rồi"}}))
    problem = result.errors[0]
    assert problem.located("vi") == (
        "Trang tính 'Báo cáo', dòng 6, cột 'F (Trạng thái)': Trạng thái 'xong rồi' không có trong danh sách.")
    assert problem.fix("en") == ("Pick one of: chưa thực hiện, đang thực hiện, hoàn thành, hoàn thành một phần, "
                                 "không thực hiện.")


def test_an_empty_form_another_workbook_and_a_damaged_file_are_refused(forms: dict[str, bytes]) -> None:
    assert [p.code for p in _check(_form(forms, THANH_TRA)).problems] == ["status_empty_form"]
    book = Workbook()
    book.active["A1"] = "Mã nhiệm vụ"
    out = io.BytesIO()
    book.save(out)
    assert [p.code for p in _check(out.getvalue()).problems] == ["status_not_a_form"]
    assert [p.code for p in _check(b"task_id,status\n1,done\n", "f.csv").problems] == ["status_not_xlsx"]
    assert [p.code for p in _check(b"PK\x03\x04broken").problems] == ["status_unreadable"]
    assert [p.code for p in _check(b"").problems] == ["status_empty_file"]


def test_two_forms_of_one_agency_in_one_upload_are_refused(forms: dict[str, bytes], session_store) -> None:
    ids = s.agency_tasks(THANH_TRA)
    filled = s.fill(_form(forms, THANH_TRA), {ids[0]: s.done(dt.date(2020, 6, 1))})
    checks = status.check(session_store, [("a.xlsx", filled), ("b.xlsx", filled)], today=TODAY, bounded=False)
    assert checks[0].ok
    assert [p.code for p in checks[1].problems] == ["status_agency_twice"]
    assert "a.xlsx" in checks[1].problems[0].message("en")


def test_a_form_over_the_workbook_bounds_is_refused_before_parsing(forms: dict[str, bytes],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_CELLS", 50)
    result = _check(_form(forms, "UBND cấp huyện"))
    assert [p.code for p in result.problems] == ["limit_cells"]


def test_checking_in_the_bounded_child_gives_the_same_answer(forms: dict[str, bytes], session_store) -> None:
    ids = s.agency_tasks(THANH_TRA)
    filled = s.fill(_form(forms, THANH_TRA), {ids[0]: s.done(dt.date(2020, 6, 1)), ids[1]: {"status": "sai"}})
    bounded = status.check(session_store, [("x.xlsx", filled)], today=TODAY)[0]
    direct = status.check(session_store, [("x.xlsx", filled)], today=TODAY, bounded=False)[0]
    assert [p.located("en") for p in bounded.problems] == [p.located("en") for p in direct.problems]
    assert bounded.data == filled


def test_the_zip_holds_every_form(session_store) -> None:
    with zipfile.ZipFile(io.BytesIO(status.forms_zip(session_store, s.PLAN))) as archive:
        assert sorted(archive.namelist()) == sorted(f"{a} - DLK-2020.xlsx" for a in s.agencies())


def test_a_safe_file_name_keeps_vietnamese_and_drops_path_characters() -> None:
    assert report_form.file_name("Sở Lao động, Thương binh và Xã hội", "DLK-2020") == (
        "Sở Lao động, Thương binh và Xã hội - DLK-2020.xlsx")
    assert report_form.file_name("../UBND: huyện/xã", "P") == "UBND_ huyện_xã - P.xlsx"


def test_several_forms_are_read_in_one_bounded_child_and_one_at_a_time_when_it_hits_a_bound(
    forms: dict[str, bytes], session_store, monkeypatch: pytest.MonkeyPatch,
) -> None:
    ids, home = s.agency_tasks(THANH_TRA), s.agency_tasks("Sở Nội vụ")
    files = [("tt.xlsx", s.fill(_form(forms, THANH_TRA), {ids[0]: {"status": "sai"}})),
             ("nv.xlsx", s.fill(_form(forms, "Sở Nội vụ"), {home[0]: s.done(dt.date(2020, 6, 1))}))]
    direct = [[p.located("en") for p in c.problems] for c in status.check(session_store, files, TODAY, bounded=False)]
    together = status.check(session_store, files, TODAY)
    assert [[p.located("en") for p in c.problems] for c in together] == direct
    assert [c.data for c in together] == [data for _, data in files]
    calls: list[str] = []
    real = report_forms.sandbox.run

    def batch_over_time(function, *args, **kwargs):
        calls.append(function.__name__)
        if function.__name__ == "_read_many":
            return report_forms.sandbox.Outcome(exceeded=limits.Exceeded("time", "60 s", "> 60 s"))
        return real(function, *args, **kwargs)

    monkeypatch.setattr(report_forms.sandbox, "run", batch_over_time)
    alone = status.check(session_store, files, TODAY)
    assert calls == ["_read_many", "_read_bounded", "_read_bounded"]
    assert [[p.located("en") for p in c.problems] for c in alone] == direct
