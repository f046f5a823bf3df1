"""Caches follow the store's own version: several sessions on one server never see a stale view.

Every session is an AppTest of `app.py` in this one process, so all of them
share Streamlit's query and figure caches exactly as the browser sessions of
one server do.  Expected totals come from `data/papi_scores.csv` (the sum of a
province's eight dimension scores), plus the corrections the editors upload.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.domain import i18n, paths
from lib.store import database, importer
from lib.ui import auth
from tests import upload_samples as u
from tests.apptest_helpers import figures, points

PASSWORD = "correct horse battery"
YEAR = 2024
DAK_LAK = "66"


@pytest.fixture()
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "papi.duckdb"
    monkeypatch.setenv("PAPI_DB", str(path))
    monkeypatch.setenv(auth.ENV_HASH, auth.hash_password(PASSWORD))
    database.connect(path).close()
    return path


def published_total(year: int = YEAR) -> float:
    """Đắk Lắk's total in `year` as published: the sum of its dimension scores."""
    scores = u.scores()
    rows = scores[(scores["year"] == year) & (scores["province_code"] == DAK_LAK) & scores["subdimension"].isna()]
    assert len(rows) == 8
    return round(float(rows["score"].sum()), 2)


def correction(delta: float, year: int = YEAR) -> bytes:
    """The published `year` with Đắk Lắk's dimension 1 raised by `delta`, spread over its sub-dimensions."""
    frame = u.tidy_year(year).copy()
    d1 = (frame["province_code"] == DAK_LAK) & (frame["dimension"] == 1)
    subs = d1 & frame["subdimension"].notna()
    frame.loc[d1 & frame["subdimension"].isna(), "score"] += delta
    frame.loc[subs, "score"] += delta / int(subs.sum())
    return u.frame_csv(frame)


def year_2025() -> bytes:
    """A complete 2025 file on the 34 units (every dimension 5.0, its sub-dimensions adding up to it)."""
    frame = importer.template_frame(2025)
    counts = frame[frame["subdimension"].notna()].groupby("dimension").size() // 34
    pairs = zip(frame["subdimension"], frame["dimension"], strict=True)
    frame["score"] = [5.0 if pd.isna(s) else 5.0 / int(counts[d]) for s, d in pairs]
    return u.frame_csv(frame)


def session(page: str = "pages/overview.py") -> AppTest:
    """A new browser session: the app at `/`, then `page`, with Đắk Lắk and YEAR in the URL."""
    at = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=90)
    for name, value in (("lang", "vi"), ("province", DAK_LAK), ("year", str(YEAR))):
        at.query_params[name] = value
    at.run()
    assert not at.exception, at.exception
    return go(at, page)


def go(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def overview_total(at: AppTest) -> float:
    go(at, "pages/overview.py")
    label = i18n.t("wl_metric_total", "vi", year=YEAR)
    metric = next(m for m in at.metric if m.label == label)
    return float(str(metric.value).replace(",", "."))


def trends_total(at: AppTest) -> float:
    go(at, "pages/trends.py")
    at.selectbox(key="tr_dim").set_value(0).run()  # 0: the total score
    assert not at.exception, at.exception
    own = next(trace for trace in figures(at)[0]["data"] if trace.get("name") == "Đắk Lắk")
    by_year = dict(zip(points(own["x"]), points(own["y"]), strict=True))
    return round(float(by_year[YEAR]), 2)


def sign_in(at: AppTest, name: str) -> AppTest:
    go(at, "pages/upload.py")
    at.text_input(key="up_name").input(name)
    at.text_input(key="up_password").input(PASSWORD)
    at.button[0].click().run()  # the sign-in form's submit button
    assert not at.exception, at.exception
    assert at.success and name in [str(t.value) for t in at.text]  # the name is shown as plain text
    return at


def commit(at: AppTest, file_name: str, data: bytes) -> None:
    go(at, "pages/upload.py")
    at.file_uploader[0].set_value((file_name, data, "text/csv"))
    at.run()
    assert not at.exception, at.exception
    confirm = [c for c in at.checkbox if c.key == "up_confirm"]
    if confirm:
        confirm[0].check().run()
    at.button(key="up_commit").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def rollback(at: AppTest, upload_id: int) -> None:
    go(at, "pages/upload.py")
    at.selectbox(key="up_rollback_id").set_value(upload_id).run()
    at.checkbox(key="up_rollback_confirm").check().run()
    at.button(key="up_rollback_button").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]


def history(at: AppTest) -> list[tuple[int, str, str]]:
    """The upload page's history table as (id, action, status) rows, newest first."""
    go(at, "pages/upload.py")
    t = i18n.t
    columns = [t("up_col_id", "vi"), t("up_col_action", "vi"), t("up_col_status", "vi")]
    for frame in at.dataframe:
        if set(columns) <= set(frame.value.columns):
            return [(int(i), a, s) for i, a, s in frame.value[columns].itertuples(index=False)]
    return []


def rollback_offers(at: AppTest) -> list[int]:
    go(at, "pages/upload.py")
    boxes = [b for b in at.selectbox if b.key == "up_rollback_id"]
    return [int(o.split(" ")[0].lstrip("#")) for o in boxes[0].options] if boxes else []


def entry(upload_id: int, action: str, status: str) -> tuple[int, str, str]:
    return upload_id, i18n.t(f"up_action_{action}", "vi"), i18n.t(f"up_status_{status}", "vi")


def test_every_session_sees_the_latest_commit_and_rollback_at_once(db: Path) -> None:
    before = published_total()
    viewer = session()
    assert overview_total(viewer) == before
    assert trends_total(viewer) == before

    editor_a = sign_in(session(), "Lan")
    commit(editor_a, "a.csv", correction(1.0))
    assert overview_total(editor_a) == round(before + 1.0, 2)  # the editor checks the change on both pages
    assert trends_total(editor_a) == round(before + 1.0, 2)

    editor_b = sign_in(session(), "Minh")
    assert overview_total(editor_b) == round(before + 1.0, 2)
    commit(editor_b, "b.csv", correction(2.0))
    assert overview_total(editor_b) == round(before + 2.0, 2)

    # The viewer, open since before both commits, and a new session see the second commit at once.
    for at in (viewer, session()):
        assert overview_total(at) == round(before + 2.0, 2)
        assert trends_total(at) == round(before + 2.0, 2)

    rollback(editor_b, 2)
    for at in (viewer, session(), editor_a, editor_b):
        assert overview_total(at) == round(before + 1.0, 2)
        assert trends_total(at) == round(before + 1.0, 2)


def test_the_upload_history_is_current_in_every_session(db: Path) -> None:
    viewer = session("pages/upload.py")
    assert history(viewer) == []
    editor_a = sign_in(session(), "Lan")
    commit(editor_a, "a.csv", correction(1.0))
    assert history(editor_a) == [entry(1, "upload", "active")]  # the committing editor's own history
    editor_b = sign_in(session(), "Minh")
    commit(editor_b, "b.csv", correction(2.0))
    both = [entry(2, "upload", "active"), entry(1, "upload", "active")]
    for at in (editor_b, editor_a, viewer, session()):
        assert history(at) == both
    rollback(editor_b, 2)
    after = [entry(3, "rollback", "done"), entry(2, "upload", "rolled_back"), entry(1, "upload", "active")]
    for at in (editor_b, editor_a, viewer, session()):
        assert history(at) == after
    assert rollback_offers(editor_a) == [1]  # the rolled-back upload is not offered again
    assert rollback_offers(editor_b) == [1]


def test_2025_commit_then_2024_correction_then_2025_rollback_leaves_the_root_working(db: Path) -> None:
    editor_a = sign_in(session(), "Lan")
    commit(editor_a, "papi_2025.csv", year_2025())
    assert go(editor_a, "pages/overview.py").selectbox(key="year").options[0] == "2025"
    editor_b = sign_in(session(), "Minh")
    commit(editor_b, "correction_2024.csv", correction(1.0))
    assert overview_total(editor_b) == round(published_total() + 1.0, 2)
    rollback(editor_a, 1)
    for _ in range(2):  # every fresh visit of `/`
        at = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=90)
        at.run()
        assert not at.exception, at.exception
        assert at.selectbox(key="year").options[0] == str(YEAR)  # 2025 is gone with its rollback
        label = i18n.t("wl_metric_total", "vi", year=YEAR)
        total = next(m for m in at.metric if m.label == label)
        assert float(str(total.value).replace(",", ".")) == round(published_total() + 1.0, 2)
    assert history(editor_b)[0] == entry(3, "rollback", "done")


def _load(led: list[int]) -> pd.DataFrame:
    """An agency-load frame (as `queries.agency_load` returns) of three agencies."""
    agencies = ["Sở Nội vụ", "Sở Tài chính", "Thanh tra tỉnh"]
    return pd.DataFrame({"agency": agencies, "level": ["province"] * 3, "led": led, "implemented": [1, 2, 3],
                         "tasks": [n + 1 for n in led]})


def _led(figure: object) -> list[object]:
    """The tasks-led bars of an agency-load figure."""
    return points(figure.to_dict()["data"][0]["x"])


def test_different_figure_inputs_never_share_a_cached_figure(db: Path) -> None:
    from lib.present import charts
    from lib.ui import cache

    base = cache.figure(charts.agency_load_figure, _load([5, 3, 1]), "vi")
    assert cache.figure(charts.agency_load_figure, _load([5, 3, 1]), "vi") is base  # equal inputs: built once
    one_task_more = cache.figure(charts.agency_load_figure, _load([5, 3, 2]), "vi")
    assert one_task_more is not base
    assert (_led(base), _led(one_task_more)) == ([5, 3, 1], [5, 3, 2])
    english = cache.figure(charts.agency_load_figure, _load([5, 3, 1]), "en")
    assert english is not base
    assert english.to_dict()["layout"]["title"] != base.to_dict()["layout"]["title"]

    key = cache.figure_key
    frame = _load([5, 3, 1])
    renamed = frame.rename(columns={"implemented": "implementing"})
    noted = frame.copy()
    noted.attrs["median_effort"] = 1.5
    reordered = frame.iloc[::-1]
    as_float = frame.astype({"led": "float64"})
    labelled = frame.assign(level=["1", None, "x"])
    numbered = frame.assign(level=[1, None, "x"])  # the same text once shown, not the same input
    keys = [key(charts.agency_load_figure, f, "vi")
            for f in (frame, renamed, noted, reordered, as_float, labelled, numbered)]
    keys += [key(charts.agency_dimension_figure, frame, "vi"), key(charts.agency_load_figure, frame, lang="vi")]
    keys += [key(charts.agency_load_figure, frame, v) for v in (1, 1.0, "1", True, None, (1,), [1])]
    assert len(set(keys)) == len(keys)
    with pytest.raises(TypeError):
        key(lambda frame: frame, frame)  # a lambda has no name that tells it apart
    with pytest.raises(TypeError):
        key(charts.agency_load_figure, object(), "vi")  # a value it cannot fingerprint is refused, not guessed
