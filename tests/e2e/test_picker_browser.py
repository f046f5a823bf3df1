"""The sidebar's province picker in a real browser: found without diacritics, in Vietnamese order."""

from __future__ import annotations

from tests.e2e.test_pages_browser import open_page, wait_until_idle


def _province_box(page: object) -> object:
    return page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first


def test_typing_a_name_without_diacritics_finds_the_province(page: object, app_url: str) -> None:
    open_page(page, app_url, "overview", year=2024)
    box = _province_box(page)
    box.click()
    page.keyboard.type("dak lak")
    options = page.get_by_role("option")
    options.first.wait_for(timeout=10_000)
    texts = [t.strip() for t in options.all_inner_texts()]
    assert texts and all("Dak Lak" in t for t in texts), texts
    assert any(t.startswith("Đắk Lắk") for t in texts), texts
    page.keyboard.type("\n")
    wait_until_idle(page)
    assert "province=66" in page.url


def test_the_list_opens_in_vietnamese_order(page: object, app_url: str) -> None:
    open_page(page, app_url, "overview", year=2024)
    _province_box(page).click()
    options = page.get_by_role("option")
    options.first.wait_for(timeout=10_000)
    # The list opens scrolled to the chosen province (Đắk Lắk) and draws only the rows in view: scroll it
    # to its top, as a user would, before reading the first rows.
    page.get_by_role("listbox").evaluate(
        "el => { for (let n = el; n; n = n.parentElement) { if (n.scrollHeight > n.clientHeight) n.scrollTop = 0; } }"
    )
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('[role=option]')).some(o => o.innerText.trim() === 'An Giang')",
        timeout=10_000,
    )
    # Rows of a virtual list are reused in any DOM order: read them in the order they are shown.
    texts = page.evaluate(
        "() => Array.from(document.querySelectorAll('[role=option]'))"
        ".sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)"
        ".map(o => o.innerText.trim())"
    )[:6]
    # a ă â b …: Bà Rịa - Vũng Tàu, Bạc Liêu, Bắc Giang before Bình …
    assert texts[:4] == ["An Giang", "Bà Rịa - Vũng Tàu (Ba Ria - Vung Tau)", "Bạc Liêu (Bac Lieu)",
                         "Bắc Giang (Bac Giang)"], texts
