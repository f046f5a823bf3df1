"""Agencies named in a plan's cells: split a cell into names and resolve each against `data/agencies.csv`.

INTERFACE (first version): splits on ";" and line breaks and resolves exact
spellings only; the plan-links work adds abbreviations, the alias-driven
comma split, run-together names, likely aliases with the closest match, and
levels.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lib.domain.agencies import AgencyIndex, _index
from lib.domain.text import nfc

# How a written name relates to the agency table.
STATUSES = ("known", "likely_alias", "new", "run_together")

_SEPARATORS = re.compile(r"[;\n]+")


@dataclass(frozen=True)
class AgencyName:
    """One agency as a plan wrote it, and what the agency table makes of it."""

    written: str
    canonical: str | None  # the table's canonical name when resolved
    status: str  # one of STATUSES
    level: str | None = None  # province / district / commune / other, where known
    closest: str | None = None  # the nearest known name, for a likely alias or a new name
    similarity: float = 0.0  # 0..1 similarity to `closest`

    @property
    def name(self) -> str:
        """The name to store: canonical where resolved, as written where not."""
        return self.canonical or self.written


def split_agencies(cell: str) -> list[str]:
    """Split one agency cell into the names it holds, in order, as written (trimmed, NFC)."""
    return [part.strip(" ,.-") for part in _SEPARATORS.split(nfc(cell or "")) if part.strip(" ,.-")]


def resolve_agencies(names: Sequence[str], index: AgencyIndex | None = None) -> list[AgencyName]:
    """Resolve each written name against the agency table (the default table when `index` is None)."""
    table = _index(index)
    resolved: list[AgencyName] = []
    for written in names:
        canonical = table.lookup(written)
        resolved.append(AgencyName(written, canonical, "known" if canonical else "new"))
    return resolved
