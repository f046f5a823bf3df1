"""Every page's deep link as the very first request to a freshly started server.

Until the router's `st.navigation` has run once in a process, Streamlit is in
its pages-directory mode and serves `/trends` by running `pages/trends.py`
alone; the page hands over to the router (`lib/ui/sidebar.py`).  Only the
first request of a process exercises that, so each link gets its own server.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lib.domain import i18n
from lib.store import database
from tests.e2e.harness import streamlit_server

YEAR = 2019
PROVINCE = "Đắk Lắk"
# (address, the page's title as the catalogue writes it)
LINKS = [
    ("", i18n.t("wl_overview_title", "vi", province=PROVINCE, year=YEAR)),
    ("overview", i18n.t("wl_overview_title", "vi", province=PROVINCE, year=YEAR)),
    ("dimensions", i18n.t("wl_dimensions_title", "vi", province=PROVINCE, year=YEAR)),
    ("agencies", i18n.t("wl_agencies_title", "vi", province=PROVINCE)),
    ("trends", i18n.t("tr_trends_title", "vi", province=PROVINCE)),
    ("tasks", i18n.t("tk_title", "vi")),
    ("provinces", i18n.t("pv_title", "vi", year=YEAR)),
    ("upload", i18n.t("up_title", "vi")),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One store, built before any server opens it (so each server only starts)."""
    path = tmp_path_factory.mktemp("deep-links") / "papi.duckdb"
    database.connect(path).close()
    return path


@pytest.fixture()
def fresh_server(store: Path) -> Iterator[str]:
    with streamlit_server({"PAPI_DB": str(store)}) as base:
        yield base


@pytest.mark.parametrize(("address", "title"), LINKS, ids=[a or "root" for a, _ in LINKS])
def test_deep_link_is_the_first_request_of_a_fresh_server(page: object, fresh_server: str, address: str,
                                                          title: str) -> None:
    page.goto(f"{fresh_server}/{address}?lang=vi&province=66&year={YEAR}", wait_until="domcontentloaded")
    heading = page.locator('[data-testid="stMain"] h1').first
    heading.wait_for(timeout=90_000)
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.locator('[data-testid="stSelectbox"]').first.wait_for(timeout=60_000)
    assert heading.inner_text().strip() == title
    # The router's sidebar: its choices from the link, and its navigation with the pages' names
    # (a page run alone would list the files of pages/ instead).
    chosen = [box.locator("input").first.get_attribute("value")
              for box in sidebar.locator('[data-testid="stSelectbox"]').all()]
    assert chosen[:2] == ["Đắk Lắk (Dak Lak)", str(YEAR)]  # the picker also shows the name without diacritics
    text = sidebar.inner_text()
    for label in ("page_overview", "page_trends", "page_upload"):
        assert i18n.t(label, "vi") in text
    shown = "" if address == "overview" else address  # Streamlit shows the default page at the root
    assert page.url.split("?")[0].rstrip("/") == f"{fresh_server}/{shown}".rstrip("/")
    assert page.locator('[data-testid="stException"]').count() == 0
