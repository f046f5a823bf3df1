"""The link from a plan's sections and tasks to PAPI dimensions and sub-dimension keys.

INTERFACE (first version): links nothing; the plan-links work matches section
headings and task words against the PAPI structure of the plan's year (names,
older names, abbreviations from `data/papi_structure.csv` and `lib.domain.papi`),
with the evidence matched and a confidence.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PapiLink:
    """Where a section or task points in PAPI, why, and how sure the match is."""

    dimension: int | None  # 1..8, or None when unmapped
    keys: tuple[str, ...] = ()  # sub-dimension keys; empty = the whole dimension (or nothing if unmapped)
    evidence: str = ""  # the heading or words matched
    confidence: float = 0.0  # 0..1

    @property
    def mapped(self) -> bool:
        return self.dimension is not None


UNMAPPED = PapiLink(None)


def link_section(heading: str, year: int, parent: PapiLink | None = None) -> PapiLink:  # noqa: ARG001 - interface
    """Link a section heading of a plan of `year` to PAPI; `parent` is the enclosing section's link."""
    return parent or UNMAPPED


def link_task(text: str, section: PapiLink, year: int) -> PapiLink:  # noqa: ARG001 - interface
    """Link one task of a section to PAPI: the section's link, narrowed to sub-dimensions where the words say so."""
    return section
