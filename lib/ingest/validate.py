"""Check an uploaded PAPI score file and say, in plain words, everything that is wrong with it.

`validate(data, file_name, year)` reads any bytes through `lib.ingest.readers.read_upload`,
then checks every score cell: the province (names with or without diacritics,
English names, GSO or PAPI codes, the 34 units from 2025), numbers (decimal
commas, no-data markers read as absent), the (sub-)dimension's scale,
sub-dimensions summing to their dimension, duplicates, the year's structure.
It never raises and never stops at the first problem: the result holds every
problem found (errors block a commit, warnings do not) and the clean tidy rows.

Each problem is a `Problem` with its sheet, row (1-based, as Excel shows it),
column, offending value and parameters; its message and fix come from the catalogue
(`lib.domain.i18n`, keys `vd_<code>` and `vd_<code>_fix`) in either language.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from lib.domain import eras, i18n, papi, provinces, spreadsheets
from lib.domain.paths import PROVINCES_CSV
from lib.ingest import readers

ERROR = "error"
WARNING = "warning"
SCALE_TOLERANCE = 0.005
MAX_PROBLEMS = 500

# Every problem code and its severity; its text and fix are `vd_<code>` and `vd_<code>_fix` in `lib.domain.i18n`.
SEVERITY: dict[str, str] = {
    "too_large": ERROR,
    "empty_file": ERROR,
    "old_excel": ERROR,
    "wrong_type": ERROR,
    "unreadable": ERROR,
    "too_many_rows": ERROR,
    "unknown_layout": ERROR,
    "sheet_ignored": WARNING,
    "mixed_layouts": ERROR,
    "internal_error": ERROR,
    "year_needed": ERROR,
    "year_conflict": ERROR,
    "bad_year": ERROR,
    "unknown_year": ERROR,
    "future_year": ERROR,
    "assumed_structure": WARNING,
    "mixed_eras": ERROR,
    "missing_column": ERROR,
    "unknown_column": ERROR,
    "duplicate_column": ERROR,
    "column_not_in_year": ERROR,
    "structure_mismatch": ERROR,
    "bad_dimension": ERROR,
    "unknown_dimension": ERROR,
    "unknown_subdimension": ERROR,
    "missing_province": ERROR,
    "unknown_province": ERROR,
    "former_province": ERROR,
    "province_mismatch": ERROR,
    "not_a_number": ERROR,
    "decimal_comma": WARNING,
    "out_of_scale": ERROR,
    "sum_mismatch": ERROR,
    "duplicate_row": ERROR,
    "no_scores": ERROR,
    "province_missing": WARNING,
    "dimension_missing": WARNING,
    "too_many_problems": ERROR,
    # The bounds on reading a file (lib.ingest.limits).
    **{f"limit_{bound}": ERROR for bound in ("parts", "part_size", "unzipped_size", "cells", "columns",
                                             "shared_strings", "time", "memory")},
}

# Plan documents (lib/ingest/plan_parse.py): problem codes plan_*.
SEVERITY.update(
    {
        "plan_empty_file": ERROR,
        "plan_too_large": ERROR,
        "plan_limit": ERROR,
        "plan_encrypted": ERROR,
        "plan_old_word": ERROR,
        "plan_old_excel": ERROR,
        "plan_unreadable": ERROR,
        "plan_wrong_type": ERROR,
        "plan_scanned": ERROR,
        "plan_no_text_layer": ERROR,
        "plan_too_many_rows": ERROR,
        "plan_no_table": ERROR,
        "plan_pdf_no_table": ERROR,
        "plan_no_task_column": ERROR,
        "plan_no_agency_column": ERROR,
        "plan_no_tasks": ERROR,
        "plan_empty_task": ERROR,
        "plan_task_without_agency": WARNING,
        "plan_row_ignored": WARNING,
        "plan_section_cell_ignored": WARNING,
        "plan_agencies_run_together": WARNING,
        "plan_unmapped_section": WARNING,
        "plan_internal_error": ERROR,
    }
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file, located, and explained in either language from the catalogue."""

    severity: str
    code: str
    sheet: str
    row: int | None
    column: str
    value: str
    params: tuple[tuple[str, Any], ...] = ()

    def _values(self, lang: str) -> _Blank:
        """The template's values: the cell's place and value, the reader's parameters, and worded parts."""
        values = _Blank({"value": self.value, "column": self.column, "sheet": self.sheet, **dict(self.params)})
        if self.code == "structure_mismatch":
            values["detail"] = i18n.fill(f"vd_structure_{values.get('reason') or 'count'}", lang, values)
        if self.code == "unknown_province":
            values["hint"] = i18n.t("vd_hint", lang, name=values["suggestion"]) if values.get("suggestion") else ""
        if self.code == "out_of_scale":
            sub = values.get("sub")
            key = "vd_what_dimension" if sub is None or sub == "" else "vd_what_subdimension"
            values["what"] = i18n.fill(key, lang, values)
        return values

    def message(self, lang: str) -> str:
        return i18n.fill(f"vd_{self.code}", lang, self._values(lang))

    def fix(self, lang: str) -> str:
        return i18n.fill(f"vd_{self.code}_fix", lang, self._values(lang))

    def located(self, lang: str) -> str:
        """Return the message with its place in front: "Dòng 14, cột 'Tỉnh': …"."""
        parts: list[str] = []
        table = re.fullmatch(r"table (\d+)", self.sheet)  # a table of a plan document (lib.ingest.plan_tables)
        if table:
            parts.append(i18n.t("pr_at_table", lang, table=table.group(1)))
        elif self.sheet and self.sheet != "CSV":
            parts.append(i18n.t("vd_at_sheet", lang, sheet=self.sheet))
        if self.row is not None:
            parts.append(i18n.t("vd_at_row", lang, row=self.row))
        if self.column:
            parts.append(i18n.t("vd_at_column", lang, column=self.column))
        where = ", ".join(parts)
        where = where[:1].upper() + where[1:]
        return f"{where}: {self.message(lang)}" if where else self.message(lang)


def problem(issue: readers.Issue) -> Problem:
    """Return the located `Problem` for a reader `Issue`."""
    return Problem(SEVERITY[issue.code], issue.code, issue.sheet, issue.row, issue.column, issue.value,
                   tuple(issue.params.items()))


class _Blank(dict):  # type: ignore[type-arg]
    """format_map helper: a parameter a problem does not have prints as empty rather than raising."""

    def __missing__(self, key: str) -> str:
        return ""


class Checked:
    """The errors and warnings among a check's `problems`: shared by every check's result (score files,
    plan documents, report forms)."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]


@dataclass
class Validation(Checked):
    """The outcome of checking one file."""

    file_name: str
    sha256: str
    size: int
    kind: str = ""
    layout: str = ""
    problems: list[Problem] = field(default_factory=list)
    frame: pd.DataFrame = field(default_factory=lambda: readers.tidy_frame([]))
    needs_year: bool = False
    data: bytes = field(default=b"", repr=False)


    @property
    def ok(self) -> bool:
        """True when nothing blocks a commit."""
        return not self.errors and not self.frame.empty

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.frame["year"].unique())

    @property
    def codes(self) -> list[str]:
        return [p.code for p in self.problems]


_NUMBER = re.compile(r"^[+-]?(?:\d+(?:[.,]\d+)?|[.,]\d+)$")


def parse_score(raw: Any) -> tuple[str, float | None]:
    """Return (status, value) for a raw cell: "absent", "number", "comma" (decimal comma) or "bad"."""
    if readers.is_no_data(raw):
        return "absent", None
    if isinstance(raw, bool | dt.date | dt.datetime | dt.time):
        return "bad", None
    if isinstance(raw, int | float):
        value = float(raw)
        return ("number", value) if math.isfinite(value) else ("bad", None)
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "")
    if not _NUMBER.match(text):
        return "bad", None
    if "," in text:
        return "comma", float(text.replace(",", "."))
    return "number", float(text)


def _decimals(raw: Any) -> int:
    """Return how many decimals a raw score was written with (for rounding tolerance)."""
    text = repr(raw) if isinstance(raw, float) else str(raw).strip()
    text = text.replace(",", ".")
    return len(text.split(".", 1)[1]) if "." in text and "e" not in text.lower() else 6


def _fmt(value: float, digits: int = 2) -> str:
    """Return a number without trailing zeros: 1.0 -> "1", 0.25 -> "0.25", 3.3333 -> "3.33"."""
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


class _Collector:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.dropped = 0

    def add(self, code: str, sheet: str = "", row: int | None = None, column: str = "", value: Any = "",
            **params: Any) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.dropped += 1
            return
        text = value if isinstance(value, str) else readers._short(value)
        self.problems.append(problem(readers.Issue(code, sheet, row, column, text, params)))


def validate(data: bytes, file_name: str = "", year: int | None = None,
             registry_path: Path = PROVINCES_CSV, today: dt.date | None = None) -> Validation:
    """Check `data` (the uploaded bytes) and return every problem plus the clean tidy rows. Never raises."""
    result = Validation(file_name=file_name, sha256=hashlib.sha256(data).hexdigest(), size=len(data), data=data)
    out = _Collector()
    try:
        _validate(data, file_name, year, registry_path, today or dt.date.today(), result, out)
    except Exception as error:  # noqa: BLE001 - the user must get an answer, not a traceback
        out.add("internal_error", value=f"{type(error).__name__}: {error}"[:120])
        result.frame = readers.tidy_frame([])
    if out.dropped:
        out.problems.append(problem(readers.Issue("too_many_problems", value=str(out.dropped))))
    result.problems = out.problems
    return result


def _validate(data: bytes, file_name: str, year: int | None, registry_path: Path, today: dt.date,
              result: Validation, out: _Collector) -> None:
    read = readers.read_upload(data, file_name, year)
    result.kind = read.kind
    result.layout = ",".join(sorted(set(read.layouts)))
    result.needs_year = read.needs_year
    for issue in read.issues:
        out.add(issue.code, issue.sheet, issue.row, issue.column, issue.value, **issue.params)
    registry = provinces.load_registry(registry_path)

    # Years: each once.
    good_years: set[int] = set()
    for y in sorted({c.year for c in read.cells}):
        if not papi.known_year(y):
            out.add("unknown_year", value=str(y))
        elif y > today.year:
            out.add("future_year", value=str(y))
        else:
            good_years.add(y)
            if y > papi.LAST_KNOWN_YEAR:
                last = papi.LAST_KNOWN_YEAR
                out.add("assumed_structure", value=str(y), last=last, dimensions=len(papi.dimensions(last)))
    if eras.spans_merger(sorted(good_years)):
        out.add("mixed_eras", value=", ".join(str(y) for y in sorted(good_years)))
        return

    resolved: dict[tuple[str, int], str | None] = {}
    comma: dict[tuple[str, str], list[Any]] = {}
    seen: dict[tuple[int, str, int, int | None], tuple[int, str]] = {}
    reported_duplicate_rows: set[tuple[str, int]] = set()
    rows: list[dict[str, Any]] = []
    places: dict[tuple[int, str, int, int | None], tuple[str, int, str, Any]] = {}
    for cell in read.cells:
        if cell.year not in good_years:
            continue
        structure = papi.era(cell.year)
        if cell.dimension not in structure:
            out.add("unknown_dimension", cell.sheet, cell.row, cell.column, str(cell.dimension), year=cell.year,
                    dimensions=", ".join(str(d) for d in sorted(structure)))
            continue
        count = len(structure[cell.dimension])
        if cell.subdimension is not None and not 1 <= cell.subdimension <= count:
            out.add("unknown_subdimension", cell.sheet, cell.row, cell.column, str(cell.subdimension),
                    year=cell.year, dimension=cell.dimension, count=count)
            continue
        status, value = parse_score(cell.raw)
        if status == "absent":
            continue
        place = (cell.sheet, cell.row)
        if place not in resolved:
            resolved[place] = _resolve_province(cell, registry_path, out)
        code = resolved[place]
        if code is None:
            continue
        if status == "bad":
            out.add("not_a_number", cell.sheet, cell.row, cell.column, cell.raw)
            continue
        assert value is not None
        if status == "comma":
            comma.setdefault((cell.sheet, cell.column), []).append((cell.row, cell.raw, value))
        low, high = (1.0, 10.0) if cell.subdimension is None else papi.subdimension_scale(cell.year, cell.dimension)
        if not low - SCALE_TOLERANCE <= value <= high + SCALE_TOLERANCE:
            out.add("out_of_scale", cell.sheet, cell.row, cell.column, cell.raw, low=_fmt(low), high=_fmt(high),
                    dimension=cell.dimension, sub=cell.subdimension)
            continue
        key = (cell.year, code, cell.dimension, cell.subdimension)
        if key in seen:
            first_row, _ = seen[key]
            if (cell.sheet, cell.row) not in reported_duplicate_rows:
                reported_duplicate_rows.add((cell.sheet, cell.row))
                what = _province_label(registry, eras.era_of_year(cell.year), code)
                sub = f"{cell.dimension}" if cell.subdimension is None else f"{cell.dimension}.{cell.subdimension}"
                label = f"{what} {cell.year}" + ("" if read.layouts == ["official"] else f" ({sub})")
                out.add("duplicate_row", cell.sheet, cell.row, "", label, first=first_row)
            continue
        seen[key] = (cell.row, cell.column)
        places[key] = (cell.sheet, cell.row, cell.column, cell.raw)
        rows.append({"year": cell.year, "province_code": code, "province": "", "dimension": cell.dimension,
                     "subdimension": cell.subdimension, "score": value})
    for (sheet, column), hits in comma.items():
        row, raw, value = hits[0]
        out.add("decimal_comma", sheet, row, column, raw, number=repr(value), count=len(hits))

    if read.derive_dimensions:
        rows.extend(_derived_dimensions(rows))
    else:
        _check_sums(rows, places, out)
    frame = readers.tidy_frame(rows)
    if not frame.empty:
        names = {(e, c): n for e, c, n in zip(registry["era"], registry["code"], registry["name_vi"], strict=True)}
        frame["province"] = [names[(eras.era_of_year(int(y)), c)] for y, c in zip(frame["year"], frame["province_code"],
                                                                              strict=True)]
        frame["province"] = frame["province"].astype("string")
        _completeness(frame, registry, out)
    result.frame = frame
    if frame.empty and not any(p.severity == ERROR for p in out.problems):
        out.add("no_scores")


def _province_label(registry: pd.DataFrame, era: str, code: str) -> str:
    hits = registry[(registry["era"] == era) & (registry["code"] == code)]["name_vi"]
    return str(hits.iloc[0]) if len(hits) else code


def _resolve_province(cell: readers.ScoreCell, registry_path: Path, out: _Collector) -> str | None:
    """Return the GSO code of the row's province in its year's era, reporting what goes wrong."""
    era = eras.era_of_year(cell.year)
    given = [(label, raw) for label, raw in cell.province if not readers.is_blank(raw)]
    if not given:
        out.add("missing_province", cell.sheet, cell.row, cell.province[0][0] if cell.province else "")
        return None
    found: list[tuple[str, str, str]] = []
    for label, raw in given:
        text = readers._text(raw)
        code = provinces.match_province(text, era, registry_path)
        if code is None:
            if era == eras.ERA_34:
                former = provinces.match_province(text, eras.ERA_63, registry_path)
                if former is not None and not text.strip().isdigit():
                    registry = provinces.load_registry(registry_path)
                    row = registry[(registry["era"] == eras.ERA_63) & (registry["code"] == former)].iloc[0]
                    merged = provinces.province_name(row["merged_into"], eras.ERA_34, registry_path) or ""
                    out.add("former_province", cell.sheet, cell.row, label, text, merged=merged, year=cell.year)
                    return None
            suggestions = [] if text.isdigit() else provinces.suggest_province(text, era, 1, registry_path)
            out.add("unknown_province", cell.sheet, cell.row, label, text,
                    suggestion=suggestions[0] if suggestions else "")
            return None
        found.append((label, text, code))
    if len({code for _, _, code in found}) > 1:
        detail = ", ".join(f"'{text}'" for _, text, _ in found)
        out.add("province_mismatch", cell.sheet, cell.row, found[-1][0], detail)
        return None
    return found[0][2]


def _derived_dimensions(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Dimension scores of the SC-wide layout: the sum of the sub-dimensions, only when all are present."""
    groups: dict[tuple[int, str, int], dict[int, float]] = {}
    for r in rows:
        groups.setdefault((r["year"], r["province_code"], r["dimension"]), {})[r["subdimension"]] = r["score"]
    out: list[dict[str, Any]] = []
    for (year, code, dim), subs in groups.items():
        count = len(papi.era(year)[dim])
        if len(subs) == count:
            # Same order of summation as readers.sc_wide_rows (sub-dimension order).
            total = math.fsum(subs[n] for n in range(1, count + 1))
            out.append({"year": year, "province_code": code, "province": "", "dimension": dim,
                        "subdimension": None, "score": total})
    return out


def _check_sums(rows: list[dict[str, Any]], places: dict[tuple[int, str, int, int | None], tuple[str, int, str, Any]],
                out: _Collector) -> None:
    """Report dimension scores that differ from the sum of their sub-dimensions beyond rounding."""
    groups: dict[tuple[int, str, int], dict[int | None, float]] = {}
    for r in rows:
        groups.setdefault((r["year"], r["province_code"], r["dimension"]), {})[r["subdimension"]] = r["score"]
    for (year, code, dim), values in groups.items():
        count = len(papi.era(year)[dim])
        if None not in values or len(values) != count + 1:
            continue
        total = math.fsum(values[n] for n in range(1, count + 1))
        raws = [places[(year, code, dim, n)][3] for n in [None, *range(1, count + 1)]]
        decimals = min(_decimals(raw) for raw in raws)
        tolerance = max(1e-4, (count + 1) * 0.5 * 10.0 ** (-decimals) + 1e-9)
        if abs(total - values[None]) > tolerance:
            sheet, row, column, raw = places[(year, code, dim, None)]
            out.add("sum_mismatch", sheet, row, column, raw, total=_fmt(total, 4), dimension=dim)


def _completeness(frame: pd.DataFrame, registry: pd.DataFrame, out: _Collector) -> None:
    """Warn about provinces absent from a year, and provinces lacking a dimension score."""
    for year, part in frame.groupby("year"):
        y = int(year)  # type: ignore[call-overload]
        era = eras.era_of_year(y)
        units = registry[registry["era"] == era]
        present = set(part["province_code"])
        missing = units[~units["code"].isin(present)]["name_vi"].tolist()
        if missing:
            out.add("province_missing", value=", ".join(missing), year=y, count=len(missing))
        dims = set(papi.dimensions(y))
        have = part[part["subdimension"].isna()].groupby("province_code")["dimension"].agg(set)
        for code in sorted(present):
            lacking = sorted(dims - have.get(code, set()))
            if lacking:
                name = _province_label(registry, era, code)
                out.add("dimension_missing", value=", ".join(str(d) for d in lacking), province=name, year=y)


def problems_frame(problems: list[Problem], lang: str = "vi") -> pd.DataFrame:
    """Return the problems as a table in `lang` (columns labelled in that language)."""
    labels = [i18n.t(f"vd_col_{name}", lang) for name in ("severity", "sheet", "row", "column", "value", "problem",
                                                           "fix")]
    severity = {ERROR: i18n.t("vd_error", lang), WARNING: i18n.t("vd_warning", lang)}
    data = [[severity[p.severity], p.sheet, p.row, p.column, p.value, p.message(lang), p.fix(lang)]
            for p in problems]
    frame = pd.DataFrame(data, columns=labels)
    frame[labels[2]] = frame[labels[2]].astype("Int64")
    return frame


def problems_csv(problems: list[Problem], lang: str = "vi") -> bytes:
    """Return the problems table as UTF-8 CSV with BOM (Excel-friendly), formula-safe."""
    return spreadsheets.to_csv_bytes(problems_frame(problems, lang))


# Agencies' report forms (task status): problem codes status_*.
SEVERITY.update(
    {
        **{f"status_{code}": ERROR for code in (
            "empty_file", "too_large", "not_xlsx", "unreadable", "not_a_form", "unknown_plan", "missing_column",
            "no_task_id", "unknown_task", "other_agency", "task_edited", "duplicate_task", "status_missing",
            "bad_status", "reason_missing", "bad_date", "future_date", "empty_form", "agency_twice")},
        "status_date_assumed": WARNING,
    }
)
