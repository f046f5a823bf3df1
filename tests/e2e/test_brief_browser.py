"""The leaders' brief from the real app: Overview's button downloads the PDF (built on click by
Streamlit's deferred download), and the browser's print view drops the sidebar."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from pypdf import PdfReader

from tests.e2e.test_pages_browser import open_page


def test_overview_downloads_the_brief(page: object, app_url: str, tmp_path: Path) -> None:
    open_page(page, app_url, "overview", year=2024)
    button = page.get_by_role("button", name="Tải bản tóm tắt PDF cho lãnh đạo")
    with page.expect_download(timeout=60_000) as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "papi-brief_dak-lak_plan-2020_2024_vi.pdf"
    target = tmp_path / download.suggested_filename
    download.save_as(str(target))
    reader = PdfReader(BytesIO(target.read_bytes()))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    text = reader.pages[0].extract_text()
    assert "Tóm tắt PAPI cho lãnh đạo: Đắk Lắk, PAPI 2024" in text
    assert "Đắk Lắk đạt 43,01 điểm PAPI năm 2024" in text  # Overview's metric: 43,01, rank 39/61
    assert "xếp hạng 39/61" in text


def test_printing_overview_gives_one_page_without_the_sidebar(page: object, app_url: str) -> None:
    open_page(page, app_url, "overview", year=2024)
    page.emulate_media(media="print")
    reader = PdfReader(BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 portrait from @page
    assert len(reader.pages) == 1  # Overview with its plan prints on one page: columns side by side, charts whole
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "Tổng quan: Đắk Lắk, PAPI 2024" in text
    assert "Nhóm so sánh" not in text  # the sidebar's comparison-group label
    assert "Tải bản tóm tắt PDF" not in text  # buttons are not printed
