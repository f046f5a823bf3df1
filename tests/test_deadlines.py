"""Deadlines as plans write them: dates and periods read where the words name one, never invented."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib.domain.deadlines import Deadline, describe_deadline, parse_deadline

D = dt.date


@pytest.mark.parametrize(
    ("written", "kind", "start", "end"),
    [
        # A day: the period is that day.
        ("30/11/2025", "date", D(2025, 11, 30), D(2025, 11, 30)),
        ("30-11-2025", "date", D(2025, 11, 30), D(2025, 11, 30)),
        ("30.11.2025", "date", D(2025, 11, 30), D(2025, 11, 30)),
        ("ngày 30 tháng 11 năm 2025", "date", D(2025, 11, 30), D(2025, 11, 30)),
        ("Trước 30/6/2026", "date", D(2026, 6, 30), D(2026, 6, 30)),
        ("Trước ngày 15/12/2026", "date", D(2026, 12, 15), D(2026, 12, 15)),
        ("29/02/2024", "date", D(2024, 2, 29), D(2024, 2, 29)),  # 2024 is a leap year
        # Quarters: Roman or Arabic numbers, "Quý" or the older "Quí", with "/", "-" or "năm".
        ("Quý III/2026", "quarter", D(2026, 7, 1), D(2026, 9, 30)),
        ("Quí IV-2025", "quarter", D(2025, 10, 1), D(2025, 12, 31)),
        ("quý 2 năm 2026", "quarter", D(2026, 4, 1), D(2026, 6, 30)),
        ("Quý I, năm 2026", "quarter", D(2026, 1, 1), D(2026, 3, 31)),
        ("QUÝ II/2026", "quarter", D(2026, 4, 1), D(2026, 6, 30)),
        # Half years.
        ("6 tháng đầu năm 2026", "half", D(2026, 1, 1), D(2026, 6, 30)),
        ("6 tháng cuối năm 2025", "half", D(2025, 7, 1), D(2025, 12, 31)),
        # Months: the last day of the month is the due date (February 2026 has 28 days).
        ("Tháng 6/2026", "month", D(2026, 6, 1), D(2026, 6, 30)),
        ("tháng 6 năm 2026", "month", D(2026, 6, 1), D(2026, 6, 30)),
        ("Tháng 02/2026", "month", D(2026, 2, 1), D(2026, 2, 28)),
        ("Tháng 12-2025", "month", D(2025, 12, 1), D(2025, 12, 31)),
        # Years and spans of years.
        ("năm 2026", "year", D(2026, 1, 1), D(2026, 12, 31)),
        ("Năm 2026", "year", D(2026, 1, 1), D(2026, 12, 31)),
        ("Trong năm 2020", "year", D(2020, 1, 1), D(2020, 12, 31)),
        ("2026–2030", "range", D(2026, 1, 1), D(2030, 12, 31)),
        ("2026-2030", "range", D(2026, 1, 1), D(2030, 12, 31)),
        ("2026 - 2030", "range", D(2026, 1, 1), D(2030, 12, 31)),
        ("giai đoạn 2026-2030", "range", D(2026, 1, 1), D(2030, 12, 31)),
        ("Giai đoạn 2021 – 2025", "range", D(2021, 1, 1), D(2025, 12, 31)),
        ("từ năm 2026 đến năm 2030", "range", D(2026, 1, 1), D(2030, 12, 31)),
        # Two periods: from the start of the first to the end of the last.
        ("Tháng 6/2026 và tháng 12/2026", "range", D(2026, 6, 1), D(2026, 12, 31)),
        ("Quý I/2026 - Quý II/2026", "range", D(2026, 1, 1), D(2026, 6, 30)),
    ],
)
def test_a_date_or_period_is_read_with_its_last_day_as_due_date(written: str, kind: str, start: D, end: D) -> None:
    deadline = parse_deadline(written)
    assert (deadline.kind, deadline.start, deadline.end) == (kind, start, end)
    assert deadline.due == end
    assert deadline.text == written  # the words are kept as written


@pytest.mark.parametrize("written", ["Thường xuyên", "Hằng năm", "Hàng năm", "Định kỳ hằng quý", "Hằng tháng",
                                     "Thường xuyên, liên tục", "Trước 15/12 hằng năm"])
def test_recurring_words_name_no_date(written: str) -> None:
    deadline = parse_deadline(written)
    assert (deadline.kind, deadline.start, deadline.end, deadline.recurring) == ("recurring", None, None, True)


def test_recurring_work_with_a_dated_report_keeps_both() -> None:
    deadline = parse_deadline("Thường xuyên; báo cáo trước 30/11/2025")
    assert (deadline.kind, deadline.end, deadline.recurring) == ("date", D(2025, 11, 30), True)


@pytest.mark.parametrize(
    "written",
    [
        "31/02/2026",  # February has no 31st
        "29/02/2025",  # 2025 is not a leap year
        "31/04/2026",  # April has 30 days
        "Tháng 13/2026",
        "Quý V/2026",
        "30/11/25",  # a two-digit year is not guessed
        "2030-2026",  # a span that runs backwards
        "Trước 15/12",  # no year
        "Theo kế hoạch",
        "Sau khi có hướng dẫn của Trung ương",
    ],
)
def test_words_that_name_no_real_date_stay_text(written: str) -> None:
    deadline = parse_deadline(written)
    assert (deadline.kind, deadline.start, deadline.end) == ("text", None, None)
    assert deadline.text == written


def test_an_empty_cell_has_no_deadline() -> None:
    assert parse_deadline("") == Deadline("", "none")
    assert parse_deadline("   ") == Deadline("", "none")


def test_the_preview_says_what_was_read_in_either_language() -> None:
    assert describe_deadline(parse_deadline("Quý III/2026"), "vi") == "Quý: 01/07/2026 – 30/09/2026"
    assert describe_deadline(parse_deadline("Quý III/2026"), "en") == "Quarter: 01/07/2026 – 30/09/2026"
    assert describe_deadline(parse_deadline("30/11/2025"), "en") == "Date: due 30/11/2025"
    assert describe_deadline(parse_deadline("Thường xuyên"), "en") == "Recurring (no date)"
    assert describe_deadline(parse_deadline("31/02/2026"), "en") == "No date could be read (kept as written)"


DATES = st.dates(min_value=D(1990, 1, 1), max_value=D(2100, 12, 31))


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(DATES, st.sampled_from(["{d}/{m}/{y}", "{d:02d}/{m:02d}/{y}", "{d}-{m}-{y}", "ngày {d} tháng {m} năm {y}",
                               "Trước {d}/{m}/{y}", "Trước ngày {d:02d}.{m:02d}.{y}"]))
def test_any_written_date_reads_back_as_that_date(day: D, form: str) -> None:
    deadline = parse_deadline(form.format(d=day.day, m=day.month, y=day.year))
    assert (deadline.kind, deadline.start, deadline.end) == ("date", day, day)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.integers(1990, 2100), st.integers(1, 12))
def test_any_month_ends_on_its_last_day(year: int, month: int) -> None:
    deadline = parse_deadline(f"Tháng {month}/{year}")
    following = D(year + (month == 12), month % 12 + 1, 1)
    assert (deadline.kind, deadline.start, deadline.end) == ("month", D(year, month, 1), following - dt.timedelta(1))


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.integers(1990, 2100), st.integers(1, 12), st.integers(29, 31))
def test_a_day_past_the_end_of_its_month_is_never_read(year: int, month: int, day: int) -> None:
    try:
        D(year, month, day)
    except ValueError:
        assert parse_deadline(f"{day}/{month}/{year}").end is None
    else:
        assert parse_deadline(f"{day}/{month}/{year}").end == D(year, month, day)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60))
def test_text_never_gains_a_year_it_does_not_contain(text: str) -> None:
    deadline = parse_deadline(text)
    years = {int(y) for y in re.findall(r"(?<!\d)\d{4}(?!\d)", text)}
    if deadline.start is not None and deadline.end is not None:
        assert deadline.start.year in years and deadline.end.year in years
        assert deadline.start <= deadline.end
    if not years:
        assert deadline.end is None
