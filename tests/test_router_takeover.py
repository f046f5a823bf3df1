"""The router's takeover of a page run on its own (Streamlit's pages-directory mode) cannot loop.

AppTest starts every run in that mode (it resets Streamlit's flag), so each
page switch below runs the page alone first and is taken over by the router.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager

from lib.domain import i18n
from lib.ui import sidebar
from tests.apptest_helpers import start_app


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return tmp_path / "papi.duckdb"


def test_a_page_run_alone_is_taken_over_by_the_router(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = start_app(db, monkeypatch)
    at.switch_page("pages/trends.py").run()
    assert not at.exception, at.exception
    assert at.title[0].value.startswith(i18n.t("tr_trends_title", "vi", province="").strip())
    assert at.selectbox(key="province").value == "66"  # the router's sidebar ran


def test_a_takeover_that_does_not_take_fails_loudly_instead_of_looping(
    db: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A Streamlit whose flag no longer switches the mode off: one rerun, then a clear error.

    Viewers see only that an error happened (`client.showErrorDetails = "type"`); the full
    message goes to the server's log, where the maintainer reads it.
    """
    at = start_app(db, monkeypatch)
    at.default_timeout = 30  # a rerun loop would end here in a timeout, not in an error
    monkeypatch.setattr(sidebar, "_leave_pages_directory_mode", lambda: None)
    at.switch_page("pages/trends.py").run()
    assert len(at.exception) == 1
    logged = [r.exc_info[1] for r in caplog.records if r.exc_info and isinstance(r.exc_info[1], RuntimeError)]
    assert len(logged) == 1
    message = str(logged[0])
    assert "without the router app.py" in message and "pages-directory mode" in message
    assert at.title.len == 0  # nothing of the page was drawn


def test_a_streamlit_without_the_flag_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(PagesManager, "uses_pages_directory")
    with pytest.raises(RuntimeError, match="uses_pages_directory is gone"):
        sidebar._leave_pages_directory_mode()
    assert not hasattr(PagesManager, "uses_pages_directory")  # not set as a new attribute that nothing reads
