"""The plan this project ships (Đắk Lắk 2020), the store's task and plan columns, and the seed's review.

The seed plan goes through the general importer like any plan an editor loads:
`check_plan` (lib/ingest/plan_parse.py) reads the tab-separated appendix
(`shared/plan/dak-lak-2020-papi-task-plan.txt`), and `plan_review.build_rows`
turns it into task rows with the review an editor would make, kept as data:

- the PAPI link of every section from `data/plan_crosswalk.csv` (hand-reviewed:
  one row per plan section, its dimension and sub-dimension keys; confidence 1,
  evidence "data/plan_crosswalk.csv <section>");
- one correction of task text (`TEXT_CORRECTIONS`: a stray "B94" glued to a
  word in VI.3, certainly not Vietnamese text).

`write_plan_data` (used by `scripts/build_data.py`) writes `data/tasks.csv` and
`data/plans.csv`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lib.domain import papi
from lib.domain.paths import CROSSWALK_CSV, PLANS_CSV, SHARED_DIR, TASKS_CSV
from lib.ingest import plan_review
from lib.ingest.plan_parse import PlanCheck, check_plan

SEED_PLAN_PATH = SHARED_DIR / "plan" / "dak-lak-2020-papi-task-plan.txt"
# The plan this project ships.  The document names neither the province nor
# a decision number (it is an appendix with blanks for the number and date),
# so these come from its file name and title ("... NĂM 2020").
DAK_LAK_2020_PROVINCE = "Đắk Lắk"
DAK_LAK_2020_YEAR = 2020
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
TASK_COLUMNS: list[str] = list(plan_review.ROW_COLUMNS)
CROSSWALK_COLUMNS: list[str] = ["plan_section", "plan_section_title", "dimension", "papi_subdimensions", "note"]
_INT_TASK_COLUMNS = ("plan_year", "dimension", "source_line")

# Typos in the seed that are certainly not Vietnamese text: "B94" is a stray
# fragment glued to "phát triển" in VI.3 (infrastructure, electricity task).
# Fixed by exact replacement so any other occurrence stays visible.
TEXT_CORRECTIONS: dict[str, str] = {"B94phát triển": "phát triển"}


def load_crosswalk(path: Path = CROSSWALK_CSV) -> pd.DataFrame:
    """Read the plan-section → PAPI crosswalk and check it against the PAPI structure.

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


def crosswalk_review(check: PlanCheck, crosswalk: pd.DataFrame, source: str = "data/plan_crosswalk.csv"
                     ) -> plan_review.Review:
    """The seed's review: every section's link from the crosswalk, the text corrections, the proposed agencies.

    Raises ValueError when a section of the plan is missing from the crosswalk or
    has another title there.
    """
    tasks = check.tasks
    by_section = crosswalk.set_index("plan_section")
    review = plan_review.default_review(check)
    for section, title in dict(zip(tasks["section"], tasks["section_title"], strict=True)).items():
        if section not in by_section.index:
            raise ValueError(f"section {section} is not in the crosswalk")
        mapping = by_section.loc[section]
        if str(mapping["plan_section_title"]) != str(title):
            raise ValueError(f"section {section}: crosswalk title {mapping['plan_section_title']!r}, plan {title!r}")
        review.sections[str(section)] = plan_review.Link(
            int(mapping["dimension"]), tuple(_keys(str(mapping["papi_subdimensions"]))), f"{source} {section}", 1.0)
    for position, text in enumerate(tasks["task"]):
        fixed = str(text)
        for wrong, right in TEXT_CORRECTIONS.items():
            fixed = fixed.replace(wrong, right)
        if fixed != text:
            review.texts[position] = fixed
    return review


def build_seed_tasks(plan_path: Path = SEED_PLAN_PATH, crosswalk_path: Path = CROSSWALK_CSV) -> pd.DataFrame:
    """Read the seed plan through `check_plan` and the crosswalk review; return `TASK_COLUMNS` rows.

    Raises ValueError when the check finds an error in the document.
    """
    path = Path(plan_path)
    check = check_plan(path.read_bytes(), path.name, province=DAK_LAK_2020_PROVINCE, year=DAK_LAK_2020_YEAR)
    if check.errors or check.tasks.empty:
        raise ValueError(f"{path}: {[p.code for p in check.errors] or 'no tasks'}")
    rows = plan_review.build_rows(check, DAK_LAK_2020_PLAN, crosswalk_review(check, load_crosswalk(crosswalk_path)))
    return to_csv_frame(rows)


def to_csv_frame(rows: pd.DataFrame) -> pd.DataFrame:
    """Task rows as data/tasks.csv holds them: integers for year/dimension/line, strings elsewhere ("" blank)."""
    frame = rows.reindex(columns=TASK_COLUMNS).copy()
    frame["papi_confidence"] = [f"{float(v):.1f}" if pd.notna(v) and float(v) in (0.0, 1.0) else
                                ("" if pd.isna(v) else repr(float(v))) for v in frame["papi_confidence"]]
    return _typed(frame)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a task frame its column types: integers for year/dimension/line, strings elsewhere."""
    frame = frame.copy()
    for column in TASK_COLUMNS:
        if column in _INT_TASK_COLUMNS:
            frame[column] = frame[column].astype("int64")
        else:
            frame[column] = frame[column].astype(object).where(frame[column].notna(), "").astype(str)
    return frame


def read_tasks(path: Path = TASKS_CSV) -> pd.DataFrame:
    """Read a tasks CSV written by `write_plan_data` with the same column types `build_seed_tasks` returns."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    if list(frame.columns) != TASK_COLUMNS:
        raise ValueError(f"{path}: expected columns {TASK_COLUMNS}, got {list(frame.columns)}")
    return _typed(frame)


def write_plan_data(plan_path: Path, out_dir: Path, crosswalk_path: Path = CROSSWALK_CSV) -> Path:
    """Build the Đắk Lắk 2020 plan from `plan_path` and write `out_dir/tasks.csv` and `out_dir/plans.csv`;
    return the tasks' path.

    The crosswalk is a hand-maintained input in `data/`, hence a separate path:
    `out_dir` may be a scratch directory.  Output is UTF-8 with "\\n" line ends,
    in document order, so an unchanged plan regenerates an identical file.
    """
    tasks = build_seed_tasks(plan_path, crosswalk_path)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / TASKS_CSV.name
    tasks.to_csv(target, index=False, encoding="utf-8", lineterminator="\n")
    plans = pd.DataFrame([DAK_LAK_2020_PLAN], columns=PLAN_COLUMNS)
    plans.to_csv(out_dir / PLANS_CSV.name, index=False, encoding="utf-8", lineterminator="\n")
    return target
