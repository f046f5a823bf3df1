"""Deadlines as plans write them: a date or a period where one can be read, the words as written always.

A plan's deadline cell ("Thời gian hoàn thành") holds a date ("30/11/2025",
"ngày 30 tháng 11 năm 2025", "Trước 30/6/2026"), a month ("Tháng 6/2026"),
a quarter ("Quý III/2026", "Quí IV-2025", "quý 2 năm 2026"), a half year
("6 tháng đầu năm 2026"), a year ("năm 2026"), a span of years ("2026–2030",
"giai đoạn 2026-2030"), recurring words ("Thường xuyên", "Hằng năm") or
anything else.  `parse_deadline` reads the first kinds into a period whose
`end` is the last day it covers (the due date) and keeps the words as written.

A date is never invented: a date that does not exist (31/02/2026), a month
13, a quarter V, a day without a year ("Trước 15/12 hằng năm") or a
two-digit year leave the deadline as text with no date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from lib.domain import i18n
from lib.domain.text import fold, nfc

# What kind of deadline the words name.
KINDS = ("date", "month", "quarter", "half", "year", "range", "recurring", "text", "none")

# Years a plan can plausibly name; a number outside is not read as a year.
FIRST_YEAR = 1990
LAST_YEAR = 2100


@dataclass(frozen=True)
class Deadline:
    """A deadline: the words as written, what kind they name, and the period they cover where readable."""

    text: str
    kind: str
    start: dt.date | None = None
    end: dt.date | None = None  # the date by which the work is due: the last day of the period
    recurring: bool = False  # the words also say the work repeats ("Hằng năm, trước 30/11/2025")

    @property
    def due(self) -> dt.date | None:
        """The due date (the end of the period), or None when the words name no date."""
        return self.end


class _Unreadable(Exception):
    """The words look like a date or period that does not exist: keep them as text."""


# Patterns run on the folded text (lower case, no diacritics: "quý" -> "quy", "tháng" -> "thang"),
# most specific first; each match is blanked out so a later pattern cannot read its digits again.
_YEAR = r"(\d{4})"
_SEP = r"\s*[/.\-–]\s*"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")),
    ("dmy_words", re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+" + _YEAR + r"(?!\d)")),
    ("dmy", re.compile(r"(?<![\d/.\-])(\d{1,2})" + _SEP + r"(\d{1,2})" + _SEP + _YEAR + r"(?!\d)")),
    ("quarter", re.compile(r"\bqu[yi]\s*(iv|iii|ii|i|[1-9])\b\s*(?:[/\-–,]\s*|,?\s*nam\s+)" + _YEAR + r"(?!\d)")),
    ("half", re.compile(r"\b(?:6|sau)\s+thang\s+(dau|cuoi)\s+(?:cua\s+)?nam\s*" + _YEAR + r"(?!\d)")),
    ("month_words", re.compile(r"\bthang\s+(\d{1,2})\s*(?:[/\-–,]\s*|,?\s*nam\s+)" + _YEAR + r"(?!\d)")),
    ("month", re.compile(r"(?<![\d/.\-])(\d{1,2})\s*/\s*" + _YEAR + r"(?!\d)")),
    ("range", re.compile(r"(?<!\d)" + _YEAR + r"\s*(?:[\-–—]|den(?:\s+nam)?)\s*" + _YEAR + r"(?!\d)")),
    ("year", re.compile(r"(?<![\d/.\-])" + _YEAR + r"(?![\d/])")),
]
# A day and month with no year ("15/12"), or a two-digit year ("30/11/25"): a date cannot be read.
_PARTIAL_DATE = re.compile(r"(?<!\d)\d{1,2}\s*[/.]\s*\d{1,2}(?!\s*[/.\-]?\s*\d)|(?<!\d)\d{1,2}/\d{1,2}/\d{2}(?!\d)")
_RECURRING = re.compile(
    r"\b(?:thuong xuyen|hang nam|hang quy|hang thang|hang tuan|hang ngay|dinh ky|lien tuc|moi nam|"
    r"hang nam|thuong nien)\b"
)


def _year(text: str) -> int:
    year = int(text)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise _Unreadable(text)
    return year


def _date(year: str, month: str, day: str) -> dt.date:
    try:
        return dt.date(_year(year), int(month), int(day))
    except ValueError as exc:  # 31/02, month 13, day 0
        raise _Unreadable(f"{day}/{month}/{year}") from exc


def _month(year: str, month: str) -> tuple[dt.date, dt.date]:
    y, m = _year(year), int(month)
    if not 1 <= m <= 12:
        raise _Unreadable(f"{month}/{year}")
    return dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])


def _period(kind: str, groups: tuple[str, ...]) -> tuple[str, dt.date, dt.date]:
    """Return (kind, start, end) for one match; raise _Unreadable for a period that does not exist."""
    if kind == "iso":
        day = _date(groups[0], groups[1], groups[2])
        return "date", day, day
    if kind in ("dmy", "dmy_words"):
        day = _date(groups[2], groups[1], groups[0])
        return "date", day, day
    if kind == "quarter":
        number = _ROMAN.get(groups[0]) or int(groups[0])
        if not 1 <= number <= 4:
            raise _Unreadable(groups[0])
        year = _year(groups[1])
        first = dt.date(year, 3 * number - 2, 1)
        last_month = 3 * number
        return "quarter", first, dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
    if kind == "half":
        year = _year(groups[1])
        if groups[0] == "dau":
            return "half", dt.date(year, 1, 1), dt.date(year, 6, 30)
        return "half", dt.date(year, 7, 1), dt.date(year, 12, 31)
    if kind in ("month", "month_words"):
        return ("month", *_month(groups[1], groups[0]))
    if kind == "range":
        first, last = _year(groups[0]), _year(groups[1])
        if last <= first:
            raise _Unreadable(f"{first}-{last}")
        return "range", dt.date(first, 1, 1), dt.date(last, 12, 31)
    year = _year(groups[0])
    return "year", dt.date(year, 1, 1), dt.date(year, 12, 31)


def _periods(folded: str) -> list[tuple[str, dt.date, dt.date]]:
    """Every date or period the folded words name, in the order the patterns find them."""
    found: list[tuple[str, dt.date, dt.date]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(folded):
            found.append(_period(kind, match.groups()))
        folded = pattern.sub(lambda m: " " * len(m.group(0)), folded)
    if _PARTIAL_DATE.search(folded):
        # "Trước 15/12" beside a year elsewhere would otherwise read as that year only.
        raise _Unreadable(folded)
    return found


def parse_deadline(text: str) -> Deadline:
    """Read `text` (a plan's deadline cell) into a `Deadline`; unreadable words stay text.

    One date or period gives its kind; several ("Tháng 6/2026 và tháng 12/2026")
    give a "range" from the start of the first to the end of the last.  Words
    that repeat ("Thường xuyên", "Hằng năm", "Định kỳ") give "recurring" when
    no date is named, and set `recurring` when one is.
    """
    written = nfc(text or "")
    if not written:
        return Deadline(written, "none")
    folded = fold(written)
    recurring = bool(_RECURRING.search(folded))
    try:
        periods = _periods(folded)
    except _Unreadable:
        return Deadline(written, "recurring" if recurring else "text", recurring=recurring)
    if not periods:
        return Deadline(written, "recurring" if recurring else "text", recurring=recurring)
    if len(periods) == 1:
        kind, start, end = periods[0]
        return Deadline(written, kind, start, end, recurring)
    start = min(p[1] for p in periods)
    end = max(p[2] for p in periods)
    return Deadline(written, "range", start, end, recurring)


def describe_deadline(deadline: Deadline, lang: str) -> str:
    """What was read from a deadline, for the preview: "Quý: 01/07/2026 – 30/09/2026", "Ngày: hạn 30/11/2025"."""
    kind = i18n.t(f"pl_kind_{deadline.kind}", lang)
    if deadline.start is None or deadline.end is None:
        return kind
    if deadline.start == deadline.end:
        return i18n.t("pl_deadline_due", lang, kind=kind, due=deadline.end.strftime("%d/%m/%Y"))
    return i18n.t(
        "pl_deadline_period",
        lang,
        kind=kind,
        start=deadline.start.strftime("%d/%m/%Y"),
        end=deadline.end.strftime("%d/%m/%Y"),
    )
