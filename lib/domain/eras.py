"""Province eras: the 63 former provinces up to 2024, the 34 provincial units from 2025.

From 1 July 2025 Viet Nam has 34 provincial units formed by merging the 63
provinces.  GSO codes were reused for *different* provinces (era "34" code "52"
is Gia Lai, era "63" code "52" is Bình Định), so a province is always the pair
(era, code).  This module is the one place that knows where the boundary lies;
every other module (validation, queries, the store's views, pages, charts) asks
it.  Which unit a former province merged into is registry data: see
`lib.domain.provinces` (`successor`, `formers`, `predecessor`, `counterpart`).
"""

from __future__ import annotations

import datetime as dt

ERA_63 = "63"
ERA_34 = "34"
ERAS: tuple[str, ...] = (ERA_63, ERA_34)

# The merger took effect on 1 July 2025; PAPI's 2025 survey reports on the 34 units.
MERGER_DATE = dt.date(2025, 7, 1)
FIRST_34_YEAR = MERGER_DATE.year
LAST_63_YEAR = FIRST_34_YEAR - 1

# (era, first year, last year or None when open-ended): the rows of the store's `eras` table.
SPANS: tuple[tuple[str, int | None, int | None], ...] = (
    (ERA_63, None, LAST_63_YEAR),
    (ERA_34, FIRST_34_YEAR, None),
)


def check(era: object) -> str:
    """Return `era` as a string, raising ValueError if it is not "63" or "34"."""
    text = str(era)
    if text not in ERAS:
        raise ValueError(f"era must be one of {ERAS}, got {text!r}")
    return text


def era_of_year(year: int) -> str:
    """Return the era whose province list a year's scores use: "63" up to 2024, "34" from 2025."""
    return ERA_34 if int(year) >= FIRST_34_YEAR else ERA_63


def other(era: str) -> str:
    """Return the era that is not `era`."""
    return ERA_63 if check(era) == ERA_34 else ERA_34


def crosses(year: int, other_year: int) -> bool:
    """Return True when the two years use different province lists (the merger lies between them)."""
    return era_of_year(year) != era_of_year(other_year)


def spans_merger(years: list[int] | tuple[int, ...]) -> bool:
    """Return True when `years` holds years of both eras."""
    return len({era_of_year(y) for y in years}) > 1
