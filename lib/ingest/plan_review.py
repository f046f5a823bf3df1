"""A checked plan, reviewed by an editor, as the task rows the store keeps.

`check_plan` (lib/ingest/plan_parse.py) reads a document into tasks with a
proposed PAPI link and resolved agency names.  Before a plan is committed the
editor reviews it: the PAPI link of a section or of one task (dimension and
sub-dimension keys), the name stored for each agency the table does not know
(accept it as new, merge it into a known agency, or correct it), and, rarely,
a task's text.  A `Review` holds those decisions as data; `build_rows` applies
it and returns the rows of `lib.ingest.plan.TASK_COLUMNS`, and `agency_rows`
the reviewed agency names.  The seed plan (Đắk Lắk 2020) goes through the same
two functions with the hand-reviewed crosswalk as its review.

Precedence of the PAPI link: a task's own review, else its section's review
(which replaces the task-level narrowing the check made inside that section),
else the check's link.  A reviewed link has confidence 1.  Sub-dimension keys
are written in the official order of the plan year's structure; an empty key
list means the whole dimension; no dimension means unmapped (kept, never
dropped).

Task ids are `<plan_id>-<section>-<nn>` (`<plan_id>-<nn>` for tasks before
any section), numbered in document order within each section: loading the
same document again gives the same ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from lib.domain import papi
from lib.domain.agencies import _index
from lib.domain.text import nfc
from lib.ingest.plan_parse import PlanCheck

# What `build_rows` returns: the store's task columns (lib.ingest.plan.TASK_COLUMNS).
ROW_COLUMNS: list[str] = [
    "task_id", "plan_id", "province", "plan_year", "dimension", "plan_section", "plan_section_title", "number",
    "papi_subdimensions", "papi_confidence", "papi_evidence", "task", "lead_agency", "implementing_agencies",
    "deadline", "deadline_date", "output", "source_line",
]
# Columns of the editable frames the Upload page shows (and `review_from_frames` reads back).
SECTION_FRAME = ["section", "title", "dimension", "papi_keys", "confidence", "evidence"]
TASK_FRAME = ["position", "section", "number", "task", "lead_agencies", "implementing_agencies", "deadline",
              "deadline_date", "output", "dimension", "papi_keys", "confidence", "evidence"]
AGENCY_FRAME = ["written", "status", "closest", "similarity", "level", "tasks", "name"]
# What the editor decided for a name the table did not know (stored in `stored_agencies.decision`): kept as a
# new agency, merged into a known one (an alias), corrected to another name, or known after all (a name the
# check found run together with another, resolved on its own).
DECISIONS = ("new", "alias", "corrected", "known")


@dataclass(frozen=True)
class Link:
    """A reviewed PAPI link: dimension (None = unmapped), sub-dimension keys, and why."""

    dimension: int | None
    keys: tuple[str, ...] = ()
    evidence: str = ""
    confidence: float = 1.0


@dataclass
class Review:
    """The editor's decisions on a checked plan; empty = take the check as it is."""

    sections: dict[str, Link] = field(default_factory=dict)  # section code -> link
    tasks: dict[int, Link] = field(default_factory=dict)  # task position (0-based, document order) -> link
    agencies: dict[str, str] = field(default_factory=dict)  # name as the check gave it -> name to store
    texts: dict[int, str] = field(default_factory=dict)  # task position -> corrected task text


class ReviewError(ValueError):
    """A review that cannot be stored: `code` names the catalogue text `ps_review_<code>`."""

    def __init__(self, code: str, **values: object) -> None:
        self.code = code
        self.values = values
        super().__init__(f"{code}: {values}")


# --- reading the check -------------------------------------------------------------------------------------


def _keys_text(keys: Any) -> str:
    return ";".join(str(k) for k in (keys or []))


def _split_keys(text: Any) -> tuple[str, ...]:
    if text is None or (isinstance(text, float) and pd.isna(text)):
        return ()
    if isinstance(text, list | tuple):
        return tuple(str(k).strip() for k in text if str(k).strip())
    return tuple(k.strip() for k in str(text).replace(",", ";").split(";") if k.strip())


def _dimension(value: Any) -> int | None:
    """A dimension from a frame's cell: None for a blank (None, NA, NaN, ""), else the number."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, str):
        value = value.strip()
        return int(float(value)) if value else None
    return None if pd.isna(value) else int(value)


def ordered_keys(keys: tuple[str, ...] | list[str], year: int) -> list[str]:
    """`keys` in the official order of `year`'s structure (keys of no year of the structure last, as given)."""
    try:
        official = [k for subs in papi.era(year).values() for k, _ in subs]
    except ValueError:
        official = []
    known = [k for k in official if k in keys]
    return known + [k for k in keys if k not in official]


def validate_link(link: Link, year: int, where: str) -> None:
    """Raise ReviewError when a link names no dimension 1-8, or a key outside its dimension or `year`'s structure."""
    if link.dimension is None:
        if link.keys:
            raise ReviewError("keys_without_dimension", where=where, keys=", ".join(link.keys))
        return
    if not 1 <= link.dimension <= 8:
        raise ReviewError("bad_dimension", where=where, dimension=link.dimension)
    known = set(papi.subdimension_keys())
    for key in link.keys:
        if key not in known:
            raise ReviewError("unknown_key", where=where, papi_key=key)
        if papi.dimension_of_key(key) != link.dimension:
            raise ReviewError("key_of_other_dimension", where=where, papi_key=key, dimension=link.dimension)
        if papi.known_year(year) and key not in {k for k, _ in papi.era(year).get(link.dimension, [])}:
            raise ReviewError("key_not_in_year", where=where, papi_key=key, year=year)


def sections_frame(check: PlanCheck) -> pd.DataFrame:
    """One row per section of the check that holds tasks: its code, title and proposed link."""
    tasks = check.tasks
    sections = getattr(check, "sections", None)
    rows: list[dict[str, Any]] = []
    by_code = {}
    if sections is not None and not sections.empty:
        by_code = {str(r.section): r for r in sections.itertuples(index=False)}
    for code in dict.fromkeys(str(s) for s in tasks["section"]):
        row = by_code.get(code)
        first = tasks[tasks["section"] == code].iloc[0]
        if row is not None:
            rows.append({"section": code, "title": str(row.title), "dimension": _dimension(row.dimension),
                         "papi_keys": _keys_text(row.papi_keys), "confidence": float(row.confidence or 0.0),
                         "evidence": str(row.evidence or "")})
        else:
            rows.append({"section": code, "title": str(first["section_title"]),
                         "dimension": _dimension(first["dimension"]), "papi_keys": _keys_text(first["papi_keys"]),
                         "confidence": float(first["confidence"] or 0.0), "evidence": str(first["evidence"] or "")})
    frame = pd.DataFrame(rows, columns=SECTION_FRAME)
    frame["dimension"] = frame["dimension"].astype("Int64")
    return frame


def tasks_frame(check: PlanCheck) -> pd.DataFrame:
    """One row per task, in document order, with `position` (the task's index) and its proposed link."""
    tasks = check.tasks.reset_index(drop=True)
    frame = pd.DataFrame({
        "position": range(len(tasks)),
        "section": tasks["section"].astype(str),
        "number": tasks["number"].fillna("").astype(str),
        "task": tasks["task"].astype(str),
        "lead_agencies": [_join(v) for v in tasks["lead_agencies"]],
        "implementing_agencies": [_join(v) for v in tasks["implementing_agencies"]],
        "deadline": tasks["deadline"].fillna("").astype(str),
        "deadline_date": [v if isinstance(v, str) and v else None for v in tasks["deadline_date"]],
        "output": tasks["output"].fillna("").astype(str),
        "dimension": pd.array([_dimension(v) for v in tasks["dimension"]], dtype="Int64"),
        "papi_keys": [_keys_text(v) for v in tasks["papi_keys"]],
        "confidence": tasks["confidence"].astype("float64"),
        "evidence": tasks["evidence"].fillna("").astype(str),
    }, columns=TASK_FRAME)
    return frame


def _join(names: Any) -> str:
    return "; ".join(str(n) for n in (names or []))


def agencies_frame(check: PlanCheck) -> pd.DataFrame:
    """The names the agency table does not know (new, likely alias, run together), each with the name proposed
    for storing: the closest known agency for a likely alias, the canonical name where one was found, else the
    name as written.  `tasks` counts the tasks naming it."""
    counts: dict[str, int] = {}
    for column in ("lead_agencies", "implementing_agencies"):
        for names in check.tasks[column]:
            for name in names or []:
                counts[name] = counts.get(name, 0) + 1
    rows = []
    seen: set[str] = set()
    for agency in check.agencies:
        if agency.status == "known" or agency.name in seen:
            continue
        seen.add(agency.name)
        proposal = agency.canonical or (agency.closest if agency.status == "likely_alias" and agency.closest
                                        else agency.written)
        rows.append({"written": agency.name, "status": agency.status, "closest": agency.closest or "",
                     "similarity": float(agency.similarity or 0.0), "level": agency.level or "",
                     "tasks": counts.get(agency.name, 0), "name": proposal})
    return pd.DataFrame(rows, columns=AGENCY_FRAME)


def default_review(check: PlanCheck) -> Review:
    """The review an editor who changes nothing commits: the check's links, the proposed agency names."""
    frame = agencies_frame(check)
    return Review(agencies=dict(zip(frame["written"], frame["name"], strict=True)))


def review_from_frames(check: PlanCheck, sections: pd.DataFrame, tasks: pd.DataFrame, agencies: pd.DataFrame) -> Review:
    """The review the editor made by editing the three frames (`sections_frame`, `tasks_frame`,
    `agencies_frame`): a section's or task's link where it differs from the check's, every agency name."""
    review = Review()
    base_sections = sections_frame(check).set_index("section")
    for row in sections.to_dict("records"):
        code = str(row["section"])
        link = Link(_dimension(row.get("dimension")), _split_keys(row.get("papi_keys")), "")
        if code in base_sections.index:
            base = base_sections.loc[code]
            if link.dimension == _dimension(base["dimension"]) and link.keys == _split_keys(base["papi_keys"]):
                continue
        review.sections[code] = Link(link.dimension, link.keys, "reviewed")
    base_tasks = tasks_frame(check)
    for row in tasks.to_dict("records"):
        position = int(row["position"])
        base = base_tasks.iloc[position]
        dimension, keys = _dimension(row.get("dimension")), _split_keys(row.get("papi_keys"))
        if dimension != _dimension(base["dimension"]) or keys != _split_keys(base["papi_keys"]):
            review.tasks[position] = Link(dimension, keys, "reviewed")
        text = nfc(str(row.get("task") or "")).strip()
        if text and text != base["task"]:
            review.texts[position] = text
    for row in agencies.to_dict("records"):
        name = nfc(str(row.get("name") or "")).strip()
        review.agencies[str(row["written"])] = name or str(row["written"])
    return review


# --- building the rows ---------------------------------------------------------------------------------------


def _link_of(position: int, task: Any, review: Review) -> Link:
    if position in review.tasks:
        return review.tasks[position]
    section = str(task["section"])
    if section in review.sections:
        return review.sections[section]
    return Link(_dimension(task["dimension"]), _split_keys(task["papi_keys"]), str(task["evidence"] or ""),
                float(task["confidence"] or 0.0))


def final_names(review: Review) -> dict[str, str]:
    """{name as the check gave it: name to store}: the reviewed name, as the agency table spells it when known."""
    index = _index(None)
    out: dict[str, str] = {}
    for written, name in review.agencies.items():
        name = nfc(name or "").strip() or written
        out[written] = index.lookup(name) or name
    return out


def _names(names: Any, final: dict[str, str]) -> str:
    return ";".join(dict.fromkeys(final.get(str(n), str(n)) for n in (names or []) if str(n).strip()))


def build_rows(check: PlanCheck, plan: dict[str, Any], review: Review | None = None) -> pd.DataFrame:
    """The reviewed tasks of a checked plan as store rows (`ROW_COLUMNS`), in document order.

    Raises ReviewError for a reviewed link that names no dimension 1-8 or a key outside its dimension.
    """
    review = review or default_review(check)
    year = int(plan["plan_year"])
    plan_id = str(plan["plan_id"])
    for code, link in review.sections.items():
        validate_link(link, year, code)
    tasks = check.tasks.reset_index(drop=True)
    for position, link in review.tasks.items():
        validate_link(link, year, _where(tasks, position))
    final = final_names(review)
    order: dict[str, int] = {}
    rows: list[dict[str, Any]] = []
    for position, task in tasks.iterrows():
        section = str(task["section"] or "")
        order[section] = order.get(section, 0) + 1
        link = _link_of(int(position), task, review)
        date = task["deadline_date"]
        rows.append({
            "task_id": f"{plan_id}-{section}-{order[section]:02d}" if section else f"{plan_id}-{order[section]:02d}",
            "plan_id": plan_id,
            "province": str(plan["province"]),
            "plan_year": year,
            "dimension": link.dimension,
            "plan_section": section,
            "plan_section_title": str(task["section_title"] or ""),
            "number": str(task["number"] or ""),
            "papi_subdimensions": ";".join(ordered_keys(link.keys, year)) if link.dimension else "",
            "papi_confidence": float(link.confidence),
            "papi_evidence": link.evidence,
            "task": review.texts.get(int(position), str(task["task"])),
            "lead_agency": _names(task["lead_agencies"], final),
            "implementing_agencies": _names(task["implementing_agencies"], final),
            "deadline": str(task["deadline"] or ""),
            "deadline_date": date if isinstance(date, str) and date else None,
            "output": str(task["output"] or ""),
            "source_line": int(task["row"]),
        })
    frame = pd.DataFrame(rows, columns=ROW_COLUMNS)
    frame["dimension"] = frame["dimension"].astype("Int64")
    frame["plan_year"] = frame["plan_year"].astype("int64")
    frame["source_line"] = frame["source_line"].astype("int64")
    return frame


def _where(tasks: pd.DataFrame, position: int) -> str:
    if not 0 <= position < len(tasks):
        raise ReviewError("no_such_task", where=str(position + 1))
    row = tasks.iloc[position]
    return f"{row['section']} #{position + 1}" if row["section"] else f"#{position + 1}"


def agency_rows(check: PlanCheck, review: Review | None = None) -> pd.DataFrame:
    """The reviewed names of the agencies the table did not know: written, name, decision, status, closest,
    level, with `decision` one of `DECISIONS`."""
    review = review or default_review(check)
    final = final_names(review)
    frame = agencies_frame(check)
    index = _index(None)
    rows = []
    for row in frame.itertuples(index=False):
        name = final.get(row.written, row.name)
        known = index.lookup(name) is not None
        if known:
            decision = "known" if name == row.written else "alias"
        else:
            decision = "new" if name == row.written else "corrected"
        rows.append({"written": row.written, "name": name, "decision": decision, "status": row.status,
                     "closest": row.closest or None, "level": row.level or None})
    return pd.DataFrame(rows, columns=["written", "name", "decision", "status", "closest", "level"])

