"""Deadlines as plans write them: a date or a period where one can be read, the words as written always.

INTERFACE (first version): `parse_deadline` keeps every deadline as text and reads
no date yet; the plan-links work fills in dates and periods ("30/11/2025",
"Quý III/2026", "Tháng 6/2026", "năm 2026", "2026–2030") and recurring words
("Thường xuyên", "Hằng năm").  A deadline that cannot be read stays text: a
date is never invented.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from lib.domain.text import nfc

# What kind of deadline the words name.
KINDS = ("date", "month", "quarter", "half", "year", "range", "recurring", "text", "none")


@dataclass(frozen=True)
class Deadline:
    """A deadline: the words as written, what kind they name, and the period they cover where readable."""

    text: str
    kind: str
    start: dt.date | None = None
    end: dt.date | None = None  # the date by which the work is due: the last day of the period

    @property
    def due(self) -> dt.date | None:
        """The due date (the end of the period), or None when the words name no date."""
        return self.end


def parse_deadline(text: str) -> Deadline:
    """Read `text` (a plan's deadline cell) into a `Deadline`; unreadable words stay text."""
    written = " ".join(nfc(text or "").split())
    return Deadline(written, "none" if not written else "text")
