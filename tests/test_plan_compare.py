"""Two plans compared (lib/present/plan_compare.py, lib/store/plan_queries.py): which tasks were
carried over, added and dropped, the similarity threshold checked against the seed plan, the tasks
per dimension and sub-dimension side by side (unmapped tasks kept), and the agencies whose load
changed.  The synthetic plans are in tests/stored_plans.py; their docstring gives the answer."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator

import duckdb
import pandas as pd
import pytest

from lib.domain import paths
from lib.present import plan_compare as pc
from lib.store import database, plan_queries
from tests import stored_plans as s

PAIR = (s.EARLIER_ID, s.LATER_ID)


@pytest.fixture(scope="module")
def con(tmp_path_factory: pytest.TempPathFactory) -> Iterator[duckdb.DuckDBPyConnection]:
    path = tmp_path_factory.mktemp("plan_compare") / "papi.duckdb"
    s.add_sample_plans(path)
    connection = database.connect(path)
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def comparison(con: duckdb.DuckDBPyConnection) -> pc.Comparison:
    return pc.compare_plans(con, *PAIR)


def _texts(frame: pd.DataFrame, column: str = "task") -> list[str]:
    return list(frame[column])


def test_carried_added_and_dropped_are_what_the_texts_say(comparison: pc.Comparison) -> None:
    carried = dict(zip(comparison.carried["task_id_before"], comparison.carried["task_id_after"], strict=True))
    assert carried == {"KTM-2021-1": "KTM-2023-1", "KTM-2021-2": "KTM-2023-2", "KTM-2021-4": "KTM-2023-3",
                       "KTM-2021-6": "KTM-2023-5"}
    assert _texts(comparison.added) == ["Lắp đặt camera giám sát tại bộ phận tiếp nhận và trả kết quả",
                                        "Thực hiện tốt quy định về tiếp công dân"]
    assert _texts(comparison.dropped) == ["Công khai quy hoạch, kế hoạch sử dụng đất cấp huyện",
                                          "Tăng cường kiểm tra vệ sinh an toàn thực phẩm tại trường học",
                                          "Thực hiện tốt quy định về tiếp xúc cử tri định kỳ"]
    # Only the year differs, or nothing: 100 %; a few words added: reworded, still the same task.
    score = dict(zip(comparison.carried["task_id_after"], comparison.carried["similarity"], strict=True))
    assert score["KTM-2023-1"] == 1.0 and score["KTM-2023-3"] == 1.0
    assert pc.SIMILARITY_THRESHOLD <= score["KTM-2023-2"] < 0.9
    assert comparison.reworded == 2  # the dialogue task and the digital task ("… năm 2023" added)
    # The unmapped task is compared like any other, and stays unmapped on both sides.
    digital = comparison.carried[comparison.carried["task_id_after"] == "KTM-2023-5"].iloc[0]
    assert pd.isna(digital["dimension_before"]) and pd.isna(digital["dimension_after"])


def test_the_near_namesakes_are_told_apart() -> None:
    # "cấp huyện" and "cấp tỉnh" differ in one word (0.91): each goes to its own twin first.
    before = ["Công khai quy hoạch, kế hoạch sử dụng đất cấp huyện",
              "Công khai quy hoạch, kế hoạch sử dụng đất cấp tỉnh"]
    after = list(reversed(before))
    assert pc.match_tasks(before, after) == [(1, 0, 1.0), (0, 1, 1.0)]
    # Below the threshold nothing is matched, however few tasks there are.
    tiep = pc.similarity(pc.words("Thực hiện tốt quy định về tiếp công dân."),
                         pc.words("Thực hiện tốt quy định về tiếp xúc cử tri định kỳ."))
    assert round(tiep, 3) == 0.667
    assert pc.match_tasks(["Thực hiện tốt quy định về tiếp công dân."],
                          ["Thực hiện tốt quy định về tiếp xúc cử tri định kỳ."]) == []


def test_words_fold_diacritics_drop_punctuation_and_number_values() -> None:
    assert pc.words("Quý IV/2025: Sở Nội vụ (đầu mối)") == ("quy", "iv", "#", "so", "noi", "vu", "dau", "moi")
    assert pc.similarity(pc.words("Kế hoạch năm 2020"), pc.words("KE HOACH NAM 2024")) == 1.0


def _seed_tasks() -> list[str]:
    return list(pd.read_csv(paths.ROOT / "data" / "tasks.csv")["task"])


def test_the_threshold_keeps_the_seed_plans_different_tasks_apart() -> None:
    """The seed plan's 85 tasks are 85 different tasks: only two pairs, each differing in one place
    word, reach the threshold, and the most alike pair below it is well under."""
    tasks = [pc.words(t) for t in _seed_tasks()]
    scores = {(i, j): pc.similarity(tasks[i], tasks[j]) for i, j in itertools.combinations(range(len(tasks)), 2)}
    above = sorted(
        sorted(pc.words(_seed_tasks()[k])[-1] for k in pair) for pair, v in scores.items()
        if v >= pc.SIMILARITY_THRESHOLD
    )
    assert above == [["huyen", "tinh"], ["thi", "thong"]]  # "… cấp huyện/tỉnh", "… đô thị/giao thông"
    assert max(v for v in scores.values() if v < pc.SIMILARITY_THRESHOLD) < 0.68


def test_the_seed_plan_against_a_reworded_copy_carries_every_task_to_its_twin() -> None:
    """Each task with its full stop dropped and a period added ("… trong năm 2022") is still that task,
    even "Trồng mới cây xanh." (4 words), and is matched to its own twin in a shuffled plan."""
    seed = _seed_tasks()
    reworded = [t.rstrip(" .") + " trong năm 2022" for t in seed]
    pairs = pc.match_tasks(seed, list(reversed(reworded)))
    assert len(pairs) == len(seed) == 85
    assert all(i == len(seed) - 1 - j for i, j, _ in pairs)
    assert min(score for _, _, score in pairs) >= pc.SIMILARITY_THRESHOLD
    # Replacing the first word too ("Thực hiện …" -> "Tiếp tục hiện …") keeps every task of six
    # words or more above the threshold.
    for task in seed:
        if len(pc.words(task)) >= 6:
            changed = "Tiếp tục " + " ".join(task.split()[1:]) + " năm 2022"
            assert pc.similarity(pc.words(task), pc.words(changed)) >= pc.SIMILARITY_THRESHOLD, task


def test_a_300_task_plan_is_matched_in_well_under_a_second_on_a_quiet_machine() -> None:
    seed = _seed_tasks()
    before = [f"{t} (đợt {n})" for n in range(4) for t in seed][:300]
    after = [f"{t} - giai đoạn {n}" for n in range(4) for t in seed][:300]
    started = time.perf_counter()
    pairs = pc.match_tasks(before, after)
    assert time.perf_counter() - started < 5  # 0.4 s measured; room for a machine shared by eight
    assert len(pairs) == 300


def test_tasks_per_dimension_side_by_side_keep_the_unmapped(con: duckdb.DuckDBPyConnection) -> None:
    table = pc.dimension_counts(plan_queries.dimension_counts(con, PAIR), *PAIR)
    rows = {(None if pd.isna(d) else int(d)): (b, a) for d, b, a in
            zip(table["dimension"], table["before"], table["after"], strict=True)}
    assert rows == {1: (1, 0), 2: (2, 1), 3: (1, 2), 4: (0, 0), 5: (1, 2), 6: (1, 0), 7: (0, 0), 8: (0, 0),
                    None: (1, 1)}
    shown = pc.dimension_table(table, "en", "Before (2021)", "After (2023)")
    assert list(shown.columns) == ["Dimension", "Before (2021)", "After (2023)", "Change"]
    assert shown.iloc[-1].tolist() == ["Not linked to PAPI", 1, 1, 0]
    assert int(shown["Before (2021)"].sum()) == len(s.EARLIER) and int(shown["After (2023)"].sum()) == len(s.LATER)


def test_tasks_per_subdimension_side_by_side(con: duckdb.DuckDBPyConnection) -> None:
    shown = pc.subdimension_table(plan_queries.subdimension_counts(con, PAIR), *PAIR, "en", "Before", "After")
    rows = [tuple(r) for r in shown.itertuples(index=False)]
    assert rows == [
        ("1. Participation at Local Levels", "(whole dimension)", 1, 0, -1),
        ("2. Transparency in Local Decision-making", "Land-Use Plans and Compensation Prices", 2, 1, -1),
        ("3. Vertical Accountability", "(whole dimension)", 0, 1, 1),
        ("3. Vertical Accountability", "Government Responses to Citizens' Appeals", 1, 1, 0),
        ("5. Public Administrative Procedures", "(whole dimension)", 1, 2, 1),
        ("6. Public Service Delivery", "Public Healthcare", 1, 0, -1),
    ]


def test_agencies_whose_load_changed(con: duckdb.DuckDBPyConnection) -> None:
    changes = pc.agency_changes(plan_queries.agency_load(con, PAIR), *PAIR)
    got = {r.agency: (r.led_before, r.led_after, r.implemented_before, r.implemented_after, r.change)
           for r in changes.itertuples()}
    assert got == {
        "Sở Nội vụ": (1, 2, 1, 1, 1),  # leads the new camera task
        "Sở Thông tin và Truyền thông": (1, 1, 0, 1, 1),
        "Thanh tra tỉnh": (1, 2, 0, 0, 1),
        "UBND cấp huyện": (1, 0, 1, 1, -1),  # its district land-use task was dropped
        "Sở Giáo dục và Đào tạo": (0, 0, 1, 0, -1),
        "Sở Y tế": (1, 0, 0, 0, -1),
        "UBND cấp xã": (1, 0, 0, 1, 0),  # as many tasks, another role
    }
    # Sở Tư pháp and Sở Tài nguyên và Môi trường do the same in both plans: not listed.
    assert list(changes["agency"][:3]) == ["Sở Nội vụ", "Sở Thông tin và Truyền thông", "Thanh tra tỉnh"]
    shown = pc.agency_table(changes, "vi")
    assert shown.iloc[0].tolist() == ["Sở Nội vụ", "1 → 2", "1 → 1", 1]


def test_carried_table_puts_the_least_alike_first_and_the_summary_counts(comparison: pc.Comparison,
                                                                         con: duckdb.DuckDBPyConnection) -> None:
    shown = pc.carried_table(comparison, "en")
    assert list(shown["Similarity (%)"]) == [85, 90, 100, 100]
    assert shown.iloc[0]["Task (after)"].startswith("Tổ chức đối thoại định kỳ")
    plans = plan_queries.plans_by_id(con, PAIR).set_index("plan_id").to_dict("index")
    assert pc.summary(comparison, plans, "en") == (
        "The 2023 plan has 6 tasks, the 2021 plan 7: 4 carried over (2 of them reworded), 2 added, 3 dropped."
    )
    assert pc.default_pair(["KTM-2023", "KTM-2021", "KTM-2019"]) == ("KTM-2021", "KTM-2023")
    assert pc.default_pair(["KTM-2023"]) is None


def test_plan_queries_take_only_the_plans_asked_for(con: duckdb.DuckDBPyConnection) -> None:
    assert list(plan_queries.plans_by_id(con, PAIR)["plan_id"]) == ["KTM-2023", "KTM-2021"]
    assert list(plan_queries.plans_by_id(con, ("DLK-2020", "nope"))["tasks"]) == [85]
    assert len(plan_queries.plan_tasks(con, (s.LATER_ID,))) == len(s.LATER)
    assert set(plan_queries.dimension_counts(con, ("DLK-2020",))["plan_id"]) == {"DLK-2020"}
