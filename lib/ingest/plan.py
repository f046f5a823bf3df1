"""Provincial PAPI task plans: parse the plan table into tasks linked to PAPI sub-dimensions.

The source is the Đắk Lắk 2020 plan appendix exported as tab-separated text
(`STT | Nhiệm vụ | Đơn vị chủ trì | Đơn vị thực hiện`).  A Roman numeral row
opens a PAPI dimension, an Arabic numeral row opens a sub-section, and each
task row has an empty first cell.  Cells still carry HTML left over from the
web version of the document, which is removed here.

`write_plan_data` is the single entry point used by `scripts/build_data.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib.domain import papi
from lib.domain.agencies import AgencyIndex, build_index, canonical_list, load_agencies, strip_html
from lib.domain.paths import AGENCIES_CSV, CROSSWALK_CSV, PLANS_CSV, TASKS_CSV
from lib.domain.text import nfc

# The plan this project ships.  The document names neither the province nor
# a decision number (it is an appendix with blanks for the number and date),
# so these come from its file name and title ("... NĂM 2020").
DAK_LAK_2020_PROVINCE = "Đắk Lắk"
DAK_LAK_2020_YEAR = 2020
DAK_LAK_2020_PREFIX = "DLK"
DAK_LAK_2020_PLAN_ID = "DLK-2020"
# The seed plan's row of data/plans.csv.  The appendix has blanks for the plan's
# number and date, so the document is named by its title as printed.
DAK_LAK_2020_PLAN: dict[str, object] = {
    "plan_id": DAK_LAK_2020_PLAN_ID,
    "era": "63",
    "province_code": "66",
    "province": DAK_LAK_2020_PROVINCE,
    "plan_year": DAK_LAK_2020_YEAR,
    "document": "Phụ lục kèm theo Kế hoạch /KH-UBND năm 2020 của Chủ tịch UBND tỉnh",
    "title": "Phân công nhiệm vụ nâng cao Chỉ số Hiệu quả Quản trị và Hành chính công (PAPI) năm 2020",
    "source": "shared/plan/dak-lak-2020-papi-task-plan.txt",
}
PLAN_COLUMNS: list[str] = list(DAK_LAK_2020_PLAN)

# A task's columns, in the store and in data/tasks.csv.  `number` is the task's
# numbering as printed (the seed prints none), `deadline` the words as written
# with `deadline_date` (ISO) only where they name a date, and `papi_confidence` /
# `papi_evidence` say how the task's PAPI link was made (the seed's comes from the
# hand-made crosswalk, hence confidence 1).
TASK_COLUMNS: list[str] = [
    "task_id",
    "plan_id",
    "province",
    "plan_year",
    "dimension",
    "plan_section",
    "plan_section_title",
    "number",
    "papi_subdimensions",
    "papi_confidence",
    "papi_evidence",
    "task",
    "lead_agency",
    "implementing_agencies",
    "deadline",
    "deadline_date",
    "output",
    "source_line",
]
CROSSWALK_COLUMNS: list[str] = ["plan_section", "plan_section_title", "dimension", "papi_subdimensions", "note"]
_INT_TASK_COLUMNS = ("plan_year", "dimension", "source_line")

ROMAN: dict[str, int] = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8}

# Typos in the source that are certainly not Vietnamese text: "B94" is a
# stray fragment glued to "phát triển" in VI.3 (infrastructure, electricity
# task).  Fixed by exact replacement so any other occurrence stays visible.
_TYPO_FIXES: dict[str, str] = {"B94phát triển": "phát triển"}

_TAG = re.compile(r"<[^>]*>")
_OL_OPEN = re.compile(r"<ol\b[^>]*>", re.IGNORECASE)
_PARAGRAPH = re.compile(r"<p\b[^>]*>(.*?)</p>", re.IGNORECASE | re.DOTALL)
_LEADING_DASH = re.compile(r"^-\s*")


@dataclass(frozen=True)
class PlanTask:
    """One task row of the plan, with its section and raw agency cells."""

    dimension: int
    plan_section: str
    plan_section_title: str
    order_in_section: int
    task: str
    lead_raw: str
    implementing_raw: str
    source_line: int


def _fix_typos(text: str) -> str:
    for wrong, right in _TYPO_FIXES.items():
        text = text.replace(wrong, right)
    return text


def _clean_item(text: str) -> str:
    """Return one task sentence without tags, list dash or trailing list separator.

    A trailing ";" is the separator of the Word list the row came from, not
    part of the sentence.  Sentences starting in lower case ("rà soát") are
    capitalised like every other task.
    """
    text = _LEADING_DASH.sub("", nfc(_TAG.sub(" ", text))).rstrip(" ;")
    return text[:1].upper() + text[1:]


def _split_content_list(text: str) -> list[str]:
    """Split an `<ol>` content list written as one "; "-separated paragraph into items.

    A new item starts with a capital letter; a piece starting in lower case
    continues the previous item ("Hiểu biết về chính sách ...; quyền lợi,
    nghĩa vụ ..." is one topic).
    """
    items: list[str] = []
    for piece in re.split(r";\s+", nfc(_TAG.sub(" ", text))):
        if items and piece[:1].islower():
            items[-1] = f"{items[-1]}; {piece}"
        elif piece:
            items.append(piece)
    return items


def clean_task_text(cell: str) -> str:
    """Return readable, NFC task text from a raw task cell.

    - plain cell: one sentence, leading list dash removed;
    - intro paragraph + `<ol>` content list: intro line, then one "- item"
      line per content (kept as ONE task: the row has one lead and one set
      of implementing agencies, and the list is what to publicise);
    - several `<p>` paragraphs: one "- item" line per paragraph.
    """
    cell = _fix_typos(cell)
    ol = _OL_OPEN.search(cell)
    if ol:
        intro = _clean_item(cell[: ol.start()])
        items = _split_content_list(cell[ol.end() :])
        return "\n".join([intro, *(f"- {item}" for item in items)])
    paragraphs = [p for p in _PARAGRAPH.findall(cell) if nfc(_TAG.sub(" ", p))]
    # Judgement call: the only such cell (VIII.3, Internet use) holds two dash
    # items in separate <p> paragraphs.  It stays ONE task: the plan gives it
    # one row, one lead and one implementing cell, both items serve the same
    # aim (wider, better Internet use), and every other row of the table,
    # including the multi-content row I.1, is one task.  Splitting it would
    # invent a row the document does not have.
    if len(paragraphs) > 1:
        return "\n".join(f"- {_clean_item(p)}" for p in paragraphs)
    return _clean_item(cell)


def parse_plan(text: str) -> list[PlanTask]:
    """Parse the tab-separated plan into tasks, in document order.

    Rows before the `STT` header (title, reference line) and blank rows are
    skipped.  A dimension without sub-sections (V) keeps its Roman numeral as
    the section.  Raises ValueError on a row it cannot place: a task before
    any section, an unexpected first cell, or numbering out of order.
    """
    tasks: list[PlanTask] = []
    in_table = False
    dimension = 0
    section = ""
    section_title = ""
    order = 0
    last_sub = 0
    for line_no, line in enumerate(text.splitlines(), start=1):
        cells = [*line.split("\t"), "", "", ""][:4]
        first = cells[0].strip()
        if not in_table:
            in_table = first == "STT"
            continue
        if not any(c.strip() for c in cells):
            continue
        if first in ROMAN:
            if ROMAN[first] != dimension + 1:
                raise ValueError(f"line {line_no}: dimension {first} out of order")
            dimension = ROMAN[first]
            section, section_title, order, last_sub = first, nfc(cells[1]), 0, 0
        elif first.isdigit():
            if dimension == 0 or int(first) != last_sub + 1:
                raise ValueError(f"line {line_no}: sub-section {first} out of order")
            last_sub = int(first)
            roman = next(r for r, n in ROMAN.items() if n == dimension)
            section, section_title, order = f"{roman}.{first}", nfc(cells[1]), 0
        elif first == "" and cells[1].strip():
            if not section:
                raise ValueError(f"line {line_no}: task before any section")
            order += 1
            tasks.append(
                PlanTask(
                    dimension=dimension,
                    plan_section=section,
                    plan_section_title=section_title,
                    order_in_section=order,
                    task=clean_task_text(cells[1]),
                    lead_raw=strip_html(cells[2]),
                    implementing_raw=strip_html(cells[3]),
                    source_line=line_no,
                )
            )
        else:
            raise ValueError(f"line {line_no}: cannot place row starting {first!r}")
    if not in_table:
        raise ValueError("no 'STT' header row: not a plan table")
    return tasks


def load_crosswalk(path: Path = CROSSWALK_CSV) -> pd.DataFrame:
    """Read the plan-section → PAPI crosswalk and check it against the 2020 PAPI structure.

    `papi_subdimensions` is ";"-separated; empty means the section maps to its
    whole dimension.  Raises ValueError for wrong columns, a duplicated
    section, or a key that is unknown or belongs to another dimension.
    """
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(frame.columns) != CROSSWALK_COLUMNS:
        raise ValueError(f"{path}: expected columns {CROSSWALK_COLUMNS}, got {list(frame.columns)}")
    frame["dimension"] = frame["dimension"].astype(int)
    duplicated = sorted(set(frame.loc[frame["plan_section"].duplicated(), "plan_section"]))
    if duplicated:
        raise ValueError(f"{path}: duplicated sections {duplicated}")
    known = set(papi.subdimension_keys())
    for row in frame.itertuples(index=False):
        for key in _keys(str(row.papi_subdimensions)):
            if key not in known or papi.dimension_of_key(key) != row.dimension:
                raise ValueError(f"{path}: {row.plan_section}: {key!r} is not a dimension-{row.dimension} key")
    return frame


def _keys(cell: str) -> list[str]:
    return [k.strip() for k in cell.split(";") if k.strip()]


def build_tasks(
    text: str,
    province: str,
    plan_year: int,
    id_prefix: str,
    crosswalk: pd.DataFrame,
    agencies: pd.DataFrame,
) -> pd.DataFrame:
    """Parse a plan and return one row per task with canonical agencies and PAPI keys.

    Columns are `TASK_COLUMNS` in that order; ids look like
    `DLK-2020-II.4-07`.  Sub-dimension keys are written in the official order
    of the `plan_year` structure.  Raises ValueError when a parsed section is
    missing from the crosswalk or sits under another dimension, and
    UnknownAgencyError when an agency spelling is not in `agencies`.
    """
    index: AgencyIndex = build_index(agencies)
    by_section = crosswalk.set_index("plan_section")
    official = {dim: [k for k, _ in subs] for dim, subs in papi.era(plan_year).items()}
    rows: list[dict[str, object]] = []
    for task in parse_plan(text):
        if task.plan_section not in by_section.index:
            raise ValueError(f"section {task.plan_section} is not in the crosswalk")
        mapping = by_section.loc[task.plan_section]
        if int(mapping["dimension"]) != task.dimension:
            raise ValueError(f"section {task.plan_section}: crosswalk dimension {mapping['dimension']}")
        keys = _keys(str(mapping["papi_subdimensions"]))
        keys = [k for k in official.get(task.dimension, []) if k in keys]
        rows.append(
            {
                "task_id": f"{id_prefix}-{plan_year}-{task.plan_section}-{task.order_in_section:02d}",
                "plan_id": f"{id_prefix}-{plan_year}",
                "province": province,
                "plan_year": plan_year,
                "dimension": task.dimension,
                "plan_section": task.plan_section,
                "plan_section_title": task.plan_section_title,
                "number": "",
                "papi_subdimensions": ";".join(keys),
                "papi_confidence": "1.0",
                "papi_evidence": f"data/plan_crosswalk.csv {task.plan_section}",
                "task": task.task,
                "lead_agency": ";".join(canonical_list(task.lead_raw, index)),
                "implementing_agencies": ";".join(canonical_list(task.implementing_raw, index)),
                "deadline": "",
                "deadline_date": "",
                "output": "",
                "source_line": task.source_line,
                # Sort keys only: sub-section number as a number so II.10 follows II.9.
                "_sub": int(task.plan_section.partition(".")[2] or 0),
                "_order": task.order_in_section,
            }
        )
    frame = pd.DataFrame(rows, columns=[*TASK_COLUMNS, "_sub", "_order"])
    frame = frame.sort_values(["dimension", "_sub", "_order"], kind="stable")
    return _typed(frame[TASK_COLUMNS].reset_index(drop=True))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a task frame its column types: integers for year/dimension/line, strings elsewhere."""
    frame = frame.copy()
    for column in TASK_COLUMNS:
        if column in _INT_TASK_COLUMNS:
            frame[column] = frame[column].astype("int64")
        else:
            frame[column] = frame[column].fillna("").astype(str)
    return frame


def read_tasks(path: Path = TASKS_CSV) -> pd.DataFrame:
    """Read a tasks CSV written by `write_plan_data` with the same column types `build_tasks` returns."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(frame.columns) != TASK_COLUMNS:
        raise ValueError(f"{path}: expected columns {TASK_COLUMNS}, got {list(frame.columns)}")
    return _typed(frame)


def write_plan_data(
    plan_path: Path,
    out_dir: Path,
    crosswalk_path: Path = CROSSWALK_CSV,
    agencies_path: Path = AGENCIES_CSV,
) -> Path:
    """Parse the Đắk Lắk 2020 plan at `plan_path` and write `out_dir/tasks.csv` and `out_dir/plans.csv`;
    return the tasks' path.

    The crosswalk and agency table are hand-maintained inputs in `data/`,
    hence separate paths: `out_dir` may be a scratch directory.  Output is
    UTF-8 with "\\n" line ends, ordered by dimension, section and order, so
    an unchanged plan regenerates an identical file.
    """
    tasks = build_tasks(
        Path(plan_path).read_text(encoding="utf-8"),
        province=DAK_LAK_2020_PROVINCE,
        plan_year=DAK_LAK_2020_YEAR,
        id_prefix=DAK_LAK_2020_PREFIX,
        crosswalk=load_crosswalk(crosswalk_path),
        agencies=load_agencies(agencies_path),
    )
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / TASKS_CSV.name
    tasks.to_csv(target, index=False, encoding="utf-8", lineterminator="\n")
    plans = pd.DataFrame([DAK_LAK_2020_PLAN], columns=PLAN_COLUMNS)
    plans.to_csv(out_dir / PLANS_CSV.name, index=False, encoding="utf-8", lineterminator="\n")
    return target
