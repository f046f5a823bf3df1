"""Two plans of a province compared: tasks per dimension and sub-dimension side by side, the tasks
carried over (matched by text similarity), added and dropped, and the agencies whose load changed.

Matching.  A task's text is folded (`lib.domain.text.fold`: no diacritics, lower case), cut into
words (Vietnamese syllables) with punctuation dropped, and every number written as "#" (a plan
repeats last year's task with this year's date or target).  The similarity of two tasks is
difflib's ratio of the two word sequences (2 × words in common, in order / all words), 0 to 1.
Pairs at or above `SIMILARITY_THRESHOLD` are matched one to one, best pair first, so a task
that appears in both plans is matched to its own twin before a near namesake can take it.

The threshold (0.7) is set from the seed plan (tests/test_plan_compare.py): its 85 tasks are 85
different tasks, and only two pairs of them reach 0.7 ("… sử dụng đất cấp huyện" / "… cấp tỉnh",
"… hạ tầng đô thị" / "… hạ tầng giao thông"); the next most alike pair of different tasks
("Thực hiện tốt quy định về tiếp công dân" / "… tiếp xúc cử tri định kỳ") scores 0.67 and stays
apart.  A task reworded by a few words, lengthened by a clause or with a new year scores 0.75 and
more.  Every match is shown with its score, so a reader can judge a borderline one.

Pure functions on the frames of `lib.store.plan_queries`; `compare_plans` runs those queries.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import duckdb
import pandas as pd

from lib.domain import i18n
from lib.domain.text import fold
from lib.present.formatting import dimension_title
from lib.store import plan_queries

SIMILARITY_THRESHOLD = 0.7
_WORD = re.compile(r"[a-z0-9]+")


def words(text: object) -> tuple[str, ...]:
    """The words of a task's text as matching sees them: folded, punctuation dropped, numbers as "#"."""
    return tuple("#" if w.isdigit() else w for w in _WORD.findall(fold(str(text or ""))))


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """How alike two word sequences are, 0 (nothing in common) to 1 (the same words in the same order)."""
    if not a and not b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def match_tasks(before: Sequence[str], after: Sequence[str], threshold: float = SIMILARITY_THRESHOLD) -> list[
    tuple[int, int, float]
]:
    """Pair the texts of `before` with those of `after`, one to one, best pair first.

    Returns (index in before, index in after, similarity) for every pair at or above `threshold`,
    in the order of `after`.  Ties go to the earlier task of either plan.
    """
    a_words = [words(t) for t in before]
    b_words = [words(t) for t in after]
    candidates: list[tuple[float, int, int]] = []
    for i, a in enumerate(a_words):
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(a)  # seq2 is the one difflib indexes: index each task of `before` once
        for j, b in enumerate(b_words):
            if not a and not b:
                candidates.append((1.0, i, j))
                continue
            matcher.set_seq1(b)
            # real_quick_ratio and quick_ratio are upper bounds of ratio: skip the pairs they rule out.
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            score = matcher.ratio()
            if score >= threshold:
                candidates.append((score, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for score, i, j in candidates:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        pairs.append((i, j, score))
    return sorted(pairs, key=lambda p: p[1])


@dataclass(frozen=True)
class Comparison:
    """Two plans compared: `carried` (one row per matched pair: the columns of `plan_queries.plan_tasks`
    suffixed _before and _after, and `similarity`), `added` (tasks only in the later plan) and
    `dropped` (tasks only in the earlier one)."""

    before_id: str
    after_id: str
    carried: pd.DataFrame
    added: pd.DataFrame
    dropped: pd.DataFrame

    @property
    def reworded(self) -> int:
        """Carried tasks whose text changed (similarity below 1)."""
        return int((self.carried["similarity"] < 1).sum()) if not self.carried.empty else 0


def compare(tasks: pd.DataFrame, before_id: str, after_id: str, threshold: float = SIMILARITY_THRESHOLD) -> Comparison:
    """Compare plan `before_id` with plan `after_id` from `plan_queries.plan_tasks` rows of both."""
    before = tasks[tasks["plan_id"] == before_id].reset_index(drop=True)
    after = tasks[tasks["plan_id"] == after_id].reset_index(drop=True)
    pairs = match_tasks(list(before["task"]), list(after["task"]), threshold)
    left = before.iloc[[i for i, _, _ in pairs]].reset_index(drop=True).add_suffix("_before")
    right = after.iloc[[j for _, j, _ in pairs]].reset_index(drop=True).add_suffix("_after")
    carried = pd.concat([left, right], axis=1)
    carried["similarity"] = [score for _, _, score in pairs]
    matched_before = {i for i, _, _ in pairs}
    matched_after = {j for _, j, _ in pairs}
    return Comparison(
        before_id=before_id,
        after_id=after_id,
        carried=carried,
        added=after.drop(index=list(matched_after)).reset_index(drop=True),
        dropped=before.drop(index=list(matched_before)).reset_index(drop=True),
    )


def compare_plans(con: duckdb.DuckDBPyConnection, before_id: str, after_id: str) -> Comparison:
    """`compare` on the store's tasks of the two plans (the page calls it through the cache)."""
    return compare(plan_queries.plan_tasks(con, (before_id, after_id)), before_id, after_id)


def default_pair(plan_ids: Sequence[str]) -> tuple[str, str] | None:
    """The plans compared by default: the second newest (before) and the newest (after) of `plan_ids`
    (newest first); None with fewer than two plans."""
    return (plan_ids[1], plan_ids[0]) if len(plan_ids) >= 2 else None


# --- display tables ---


def _dimension_name(dimension: object, lang: str) -> str:
    """ "n. Name" of a dimension, or "not linked to PAPI" for a task without one."""
    return i18n.t("pv_unmapped", lang) if pd.isna(dimension) else dimension_title(int(dimension), lang)


def _side_by_side(frame: pd.DataFrame, keys: list[str], before_id: str, after_id: str) -> pd.DataFrame:
    """Counts of the two plans beside each other by `keys`: before, after, change (0 where a plan has none)."""
    wide = frame.pivot_table(index=keys, columns="plan_id", values="tasks", aggfunc="sum", dropna=False)
    wide = wide.reindex(columns=[before_id, after_id]).fillna(0).astype(int)
    wide.columns = ["before", "after"]
    wide = wide[(wide["before"] > 0) | (wide["after"] > 0)].reset_index()
    wide["change"] = wide["after"] - wide["before"]
    return wide


def dimension_counts(counts: pd.DataFrame, before_id: str, after_id: str) -> pd.DataFrame:
    """Tasks per dimension of both plans (`plan_queries.dimension_counts`): dimension 1-8 each (0 where a
    plan has none), then the tasks linked to no dimension when either plan has some (dimension missing)."""
    frame = counts.copy()
    frame["dimension"] = frame["dimension"].astype("Int64").fillna(0)  # 0 = unmapped, for the pivot
    wide = _side_by_side(frame, ["dimension"], before_id, after_id).set_index("dimension")
    rows = pd.DataFrame({"dimension": range(1, 9)}).set_index("dimension")
    table = rows.join(wide, how="left").fillna(0).astype(int).reset_index()
    if 0 in wide.index:
        unmapped = wide.loc[[0]].reset_index()
        table = pd.concat([table, unmapped], ignore_index=True)
    table["dimension"] = table["dimension"].astype("Int64").replace(0, pd.NA)
    return table


def dimension_table(table: pd.DataFrame, lang: str, before_label: str, after_label: str) -> pd.DataFrame:
    """`dimension_counts` for display: dimension, the two plans' tasks, change."""
    return pd.DataFrame(
        {
            i18n.t("dimension", lang): [_dimension_name(d, lang) for d in table["dimension"]],
            before_label: table["before"].to_numpy(),
            after_label: table["after"].to_numpy(),
            i18n.t("pv_cmp_col_change", lang): table["change"].to_numpy(),
        }
    )


def subdimension_table(counts: pd.DataFrame, before_id: str, after_id: str, lang: str, before_label: str,
                       after_label: str) -> pd.DataFrame:
    """Tasks per sub-dimension of both plans (`plan_queries.subdimension_counts`), dimension by dimension;
    the tasks of a dimension that name no sub-dimension are the row "(whole dimension)"."""
    if counts.empty:
        return pd.DataFrame(columns=[i18n.t("dimension", lang), i18n.t("subdimension", lang), before_label,
                                     after_label, i18n.t("pv_cmp_col_change", lang)])
    frame = counts.copy()
    name = "name_en" if lang == "en" else "name_vi"
    frame["key"] = frame["key"].fillna("")
    frame["label"] = [
        i18n.t("pv_cmp_whole_dimension", lang) if not k else (n if isinstance(n, str) and n else k)
        for k, n in zip(frame["key"], frame[name], strict=True)
    ]
    frame["keyed"] = frame["key"] != ""
    order = (
        frame.sort_values(["dimension", "keyed", "subdimension", "key"], na_position="last")
        .drop_duplicates(["dimension", "key"])[["dimension", "key", "label"]]
    )
    wide = _side_by_side(frame, ["dimension", "key"], before_id, after_id)
    wide = order.merge(wide, on=["dimension", "key"], how="inner")
    return pd.DataFrame(
        {
            i18n.t("dimension", lang): [_dimension_name(d, lang) for d in wide["dimension"]],
            i18n.t("subdimension", lang): wide["label"].to_numpy(),
            before_label: wide["before"].to_numpy(),
            after_label: wide["after"].to_numpy(),
            i18n.t("pv_cmp_col_change", lang): wide["change"].to_numpy(),
        }
    )


def _agencies(value: object) -> str:
    return "" if value is None or pd.isna(value) else "; ".join(a.strip() for a in str(value).split(";"))


def carried_table(comparison: Comparison, lang: str) -> pd.DataFrame:
    """The tasks carried over, least alike first (the ones to check): similarity in percent, the two
    texts, the dimension before → after and the lead agency before → after."""
    c = comparison.carried.sort_values(["similarity", "task_id_after"], ascending=[True, True])

    def change(before: str, after: str) -> str:
        return before if before == after else f"{before} → {after}"

    return pd.DataFrame(
        {
            i18n.t("pv_cmp_col_similarity", lang): (c["similarity"] * 100).round(0).astype(int).to_numpy(),
            i18n.t("pv_cmp_col_task_before", lang): c["task_before"].to_numpy(),
            i18n.t("pv_cmp_col_task_after", lang): c["task_after"].to_numpy(),
            i18n.t("dimension", lang): [
                change(_dimension_name(a, lang), _dimension_name(b, lang))
                for a, b in zip(c["dimension_before"], c["dimension_after"], strict=True)
            ],
            i18n.t("pv_cmp_col_lead", lang): [
                change(_agencies(a) or "–", _agencies(b) or "–")
                for a, b in zip(c["lead_agency_before"], c["lead_agency_after"], strict=True)
            ],
        }
    )


def task_list_table(tasks: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Added or dropped tasks: id, dimension (or "not linked to PAPI"), text, lead and implementing agencies."""
    return pd.DataFrame(
        {
            i18n.t("col_task_id", lang): tasks["task_id"].to_numpy(),
            i18n.t("dimension", lang): [_dimension_name(d, lang) for d in tasks["dimension"]],
            i18n.t("col_task", lang): tasks["task"].to_numpy(),
            i18n.t("col_lead_agency", lang): [_agencies(v) for v in tasks["lead_agency"]],
            i18n.t("col_implementing_agencies", lang): [_agencies(v) for v in tasks["implementing_agencies"]],
        }
    )


def agency_changes(load: pd.DataFrame, before_id: str, after_id: str) -> pd.DataFrame:
    """Agencies whose load differs between the plans (`plan_queries.agency_load`): led and implemented
    before and after (0 where absent) and the change in distinct tasks; largest change first."""
    columns = ["led", "implemented", "tasks"]
    before = load[load["plan_id"] == before_id].set_index("agency")[columns]
    after = load[load["plan_id"] == after_id].set_index("agency")[columns]
    both = before.join(after, how="outer", suffixes=("_before", "_after")).fillna(0).astype(int)
    both["change"] = both["tasks_after"] - both["tasks_before"]
    changed = (both["led_before"] != both["led_after"]) | (both["implemented_before"] != both["implemented_after"])
    out = both[changed].reset_index()
    out["size"] = out["change"].abs()
    out = out.sort_values(["size", "tasks_after", "agency"], ascending=[False, False, True])
    return out.drop(columns="size").reset_index(drop=True)


def agency_table(changes: pd.DataFrame, lang: str) -> pd.DataFrame:
    """`agency_changes` for display."""
    return pd.DataFrame(
        {
            i18n.t("pv_cmp_col_agency", lang): changes["agency"].to_numpy(),
            i18n.t("pv_cmp_col_led", lang): [f"{a} → {b}" for a, b in
                                              zip(changes["led_before"], changes["led_after"], strict=True)],
            i18n.t("pv_cmp_col_implemented", lang): [
                f"{a} → {b}" for a, b in zip(changes["implemented_before"], changes["implemented_after"], strict=True)
            ],
            i18n.t("pv_cmp_col_tasks_change", lang): changes["change"].to_numpy(),
        }
    )


# --- texts ---


def summary(comparison: Comparison, plans: Mapping[str, Mapping[str, object]], lang: str) -> str:
    """One sentence: tasks of each plan, carried over (of them reworded), added, dropped."""
    before, after = plans[comparison.before_id], plans[comparison.after_id]
    return i18n.t(
        "pv_cmp_summary",
        lang,
        after_year=after["plan_year"],
        after_tasks=len(comparison.carried) + len(comparison.added),
        before_year=before["plan_year"],
        before_tasks=len(comparison.carried) + len(comparison.dropped),
        carried=len(comparison.carried),
        reworded=comparison.reworded,
        added=len(comparison.added),
        dropped=len(comparison.dropped),
    )


def column_label(plan: Mapping[str, object], role: str, lang: str) -> str:
    """A table column naming a plan: "Trước (2020)" / "Sau (2022)" (`role` is "before" or "after")."""
    key = {"before": "pv_cmp_before", "after": "pv_cmp_after"}[role]
    return i18n.t(key, lang, year=plan["plan_year"])


@dataclass(frozen=True)
class ComparisonView:
    """Everything the Compare plans page draws for one pair of plans in one language."""

    comparison: Comparison
    before_label: str
    after_label: str
    before_year: int
    after_year: int
    summary: str
    counts: pd.DataFrame  # dimension_counts: the chart's frame
    dimension_table: pd.DataFrame
    subdimension_table: pd.DataFrame
    carried_table: pd.DataFrame
    added_table: pd.DataFrame
    dropped_table: pd.DataFrame
    changes: pd.DataFrame  # agency_changes: the chart's frame
    agency_table: pd.DataFrame


def comparison_view(con: duckdb.DuckDBPyConnection, before_id: str, after_id: str, lang: str) -> ComparisonView:
    """Run the comparison of two plans and build the page's tables in `lang`.

    One function so that the page caches its small finished tables per pair and
    language: the pandas work on growing plans is then done once, not on every run.
    """
    chosen = (before_id, after_id)
    rows = plan_queries.plans_by_id(con, chosen).set_index("plan_id").to_dict("index")
    before_label = column_label(rows[before_id], "before", lang)
    after_label = column_label(rows[after_id], "after", lang)
    comparison = compare_plans(con, before_id, after_id)
    counts = dimension_counts(plan_queries.dimension_counts(con, chosen), before_id, after_id)
    changes = agency_changes(plan_queries.agency_load(con, chosen), before_id, after_id)
    return ComparisonView(
        comparison=comparison,
        before_label=before_label,
        after_label=after_label,
        before_year=int(rows[before_id]["plan_year"]),
        after_year=int(rows[after_id]["plan_year"]),
        summary=summary(comparison, rows, lang),
        counts=counts,
        dimension_table=dimension_table(counts, lang, before_label, after_label),
        subdimension_table=subdimension_table(plan_queries.subdimension_counts(con, chosen), before_id, after_id,
                                              lang, before_label, after_label),  # fmt: skip
        carried_table=carried_table(comparison, lang),
        added_table=task_list_table(comparison.added, lang),
        dropped_table=task_list_table(comparison.dropped, lang),
        changes=changes,
        agency_table=agency_table(changes, lang),
    )
