"""The leaders' brief: what the PDF says (checked against data/*.csv with pandas, not through the
code under test), that it is one A4 page with embedded fonts and no text outside the page,
the command line (one brief, a batch with a failing province), and Overview's download button."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from streamlit.testing.v1 import AppTest

from lib.domain import paths
from lib.present import brief, brief_cli, brief_data

DAK_LAK = "66"
A4 = (595.28, 841.89)


# --- expected values, computed from the committed CSVs alone ---


@pytest.fixture(scope="module")
def csv_scores() -> pd.DataFrame:
    return pd.read_csv(paths.SCORES_CSV, dtype={"province_code": str, "subdimension": "Int64"})


def _total_and_rank(scores: pd.DataFrame, code: str, year: int) -> tuple[float, int, int]:
    """The total (sum of the year's dimension scores, only where all are present) and its rank."""
    dims = scores[(scores["year"] == year) & scores["subdimension"].isna()]
    expected = dims["dimension"].nunique()
    per = dims.groupby("province_code")["score"].agg(["sum", "count"])
    per = per[per["count"] == expected]
    rank = per["sum"].rank(ascending=False, method="min")
    return float(per.loc[code, "sum"]), int(rank[code]), len(per)


def _weakest_subdimension(scores: pd.DataFrame, code: str, year: int) -> tuple[str, str, int]:
    """(number "d.s", Vietnamese name, own tasks of Đắk Lắk's plan) of the province's weakest sub-dimension:
    lowest national percentile (percent rank), ties broken by the lower rank."""
    structure = pd.read_csv(paths.STRUCTURE_CSV, dtype={"subdimension": "Int64"})
    subs = scores[(scores["year"] == year) & scores["subdimension"].notna()].merge(
        structure[structure["year"] == year], on=["year", "dimension", "subdimension"]
    )
    grouped = subs.groupby("key")["score"]
    subs["percentile"] = (grouped.rank(method="min") - 1) / (grouped.transform("count") - 1)
    subs["rank"] = grouped.rank(ascending=False, method="min")
    mine = subs[subs["province_code"] == code].sort_values(["percentile", "rank"], ascending=[True, False])
    row = mine.iloc[0]
    tasks = pd.read_csv(paths.TASKS_CSV)
    mapped = tasks["papi_subdimensions"].fillna("").str.split(";").apply(lambda keys: row["key"] in
                                                                         [k.strip() for k in keys])
    count = int((mapped & (tasks["province"] == "Đắk Lắk")).sum())
    return f"{int(row['dimension'])}.{int(row['subdimension'])}", str(row["name_vi"]), count


def _vi(value: float) -> str:
    return f"{value:.2f}".replace(".", ",")


# --- reading the PDF ---


def _pages(pdf: bytes) -> list:
    return list(PdfReader(BytesIO(pdf)).pages)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in _pages(pdf))


def _runs(page) -> list[tuple[float, float, str, float]]:
    """Every text run on a page with its start (x, y) in page space and font size."""
    runs: list[tuple[float, float, str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((x, y, text.strip(), size * tm[0] * cm[0]))

    page.extract_text(visitor_text=visit)
    return runs


@pytest.fixture(scope="module")
def dak_lak(session_store: duckdb.DuckDBPyConnection) -> brief.BriefData:
    return brief_data.gather(session_store, DAK_LAK, 2024, today=dt.date(2026, 12, 3))


@pytest.fixture(scope="module")
def dak_lak_vi(dak_lak: brief.BriefData) -> bytes:
    return brief.render([dak_lak], "vi")


def test_brief_holds_the_dashboards_total_rank_and_weakest_subdimension(
    dak_lak_vi: bytes, csv_scores: pd.DataFrame
) -> None:
    total, rank, ranked = _total_and_rank(csv_scores, DAK_LAK, 2024)
    text = _text(dak_lak_vi)
    assert f"Đắk Lắk đạt {_vi(total)} điểm PAPI năm 2024" in text
    assert f"xếp hạng {rank}/{ranked}" in text
    number, name, tasks = _weakest_subdimension(csv_scores, DAK_LAK, 2024)
    # The weakest sub-dimension is the first row of the table, and its task count stands on the same line.
    runs = _runs(_pages(dak_lak_vi)[0])
    label = f"{number} {name}"
    rows = [r for r in runs if r[2] == label]
    assert rows, f"{label!r} not in the brief"
    same_line = sorted((x, t) for x, y, t, _ in runs if abs(y - rows[0][1]) < 0.5)
    assert same_line[-1][1] == str(tasks)
    weak_rows = [r for r in runs if r[2][:2] in {f"{d}." for d in range(1, 9)} and r[2][3:4] == " "
                 and r[2][2].isdigit()]
    assert weak_rows[0][2] == label  # listed first of the three


def test_brief_in_english_uses_english_numbers_and_ranks(dak_lak: brief.BriefData, csv_scores: pd.DataFrame) -> None:
    total, rank, ranked = _total_and_rank(csv_scores, DAK_LAK, 2024)
    text = _text(brief.render([dak_lak], "en"))
    assert f"Đắk Lắk scored {total:.2f} in PAPI 2024" in text
    assert f"ranked {rank} of {ranked}" in text
    assert "Completion and overdue tasks: no task status reports yet." in text


def test_what_moved_since_the_baseline_respects_methodology_breaks(
    dak_lak_vi: bytes, csv_scores: pd.DataFrame
) -> None:
    now, _, _ = _total_and_rank(csv_scores, DAK_LAK, 2024)
    before, rank_before, ranked_before = _total_and_rank(csv_scores, DAK_LAK, 2019)
    text = _text(dak_lak_vi)
    assert "Năm gốc (khảo sát PAPI cuối cùng trước kế hoạch): 2019." in text
    sign = "+" if now > before else ""
    assert f"Từ năm gốc 2019 đến 2024: tổng điểm {sign}{_vi(now - before)}" in text
    assert f"xếp hạng từ {rank_before}/{ranked_before} thành" in text
    # Dimension 5 lost construction permits in 2021: no change is given across that break.
    assert "không so sánh (2021)" in text
    assert text.count("không so sánh (2021)") == 1


def test_one_a4_page_fonts_embedded_and_vietnamese_round_trips(dak_lak_vi: bytes) -> None:
    pages = _pages(dak_lak_vi)
    assert len(pages) == 1
    box = pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == A4
    fonts = pages[0]["/Resources"]["/Font"]
    assert fonts
    for font in fonts.values():
        font = font.get_object()
        descendants = [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
        for item in descendants:
            descriptor = item["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor or "/FontFile" in descriptor or "/FontFile3" in descriptor, font
    text = _text(dak_lak_vi)
    assert "Đắk Lắk" in text
    assert "Tóm tắt PAPI cho lãnh đạo: Đắk Lắk, PAPI 2024" in text
    assert "Quản trị điện tử" in text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_text_leaves_the_printable_area(dak_lak: brief.BriefData, lang: str) -> None:
    page = _pages(brief.render([dak_lak], lang))[0]
    runs = _runs(page)
    assert len(runs) > 100
    for x, y, text, size in runs:
        regular = pdfmetrics.stringWidth(text, brief.FONT, size)
        bold = pdfmetrics.stringWidth(text, brief.FONT_BOLD, size)
        assert x >= brief.MARGIN - 0.5, (text, x)
        assert x + min(regular, bold) <= A4[0] - brief.MARGIN + 0.5, (text, x)
        assert brief.MARGIN - 0.5 <= y <= A4[1] - brief.MARGIN, (text, y)


def test_a_weak_subdimension_without_a_task_stands_out(session_store: duckdb.DuckDBPyConnection) -> None:
    # In 2021 two of Đắk Lắk's three weakest sub-dimensions (5.1 certification, 5.3 personal procedures)
    # have no task of their own in the 2020 plan, only the four tasks given to the whole dimension.
    tasks = pd.read_csv(paths.TASKS_CSV)
    own = tasks["papi_subdimensions"].fillna("").str.contains("certification_procedures|personal_procedures")
    assert not own.any()
    text = _text(brief.render([brief_data.gather(session_store, DAK_LAK, 2021)], "vi"))
    assert text.count("KHÔNG CÓ NHIỆM VỤ") == 2
    assert "Cần chú ý: Dịch vụ chứng thực, xác nhận của chính quyền và Dịch vụ hành chính cấp xã/phường" in text


def test_a_province_without_a_plan_says_so(session_store: duckdb.DuckDBPyConnection) -> None:
    data = brief_data.gather(session_store, "01", 2024)
    assert brief.file_name(data, "vi") == "papi-brief_ha-noi_no-plan_2024_vi.pdf"
    pdf = brief.render([data], "vi")
    text = _text(pdf)
    assert len(_pages(pdf)) == 1
    assert "Chưa có kế hoạch nhiệm vụ cho Hà Nội" in text
    assert "Không có năm gốc vì chưa có kế hoạch." in text
    assert "KHÔNG CÓ NHIỆM VỤ" not in text


def test_file_name_says_province_plan_and_year(dak_lak: brief.BriefData) -> None:
    assert brief.file_name(dak_lak, "vi") == "papi-brief_dak-lak_plan-2020_2024_vi.pdf"
    assert brief.file_name(dak_lak, "en") == "papi-brief_dak-lak_plan-2020_2024_en.pdf"


# --- command line ---


@pytest.mark.slow
def test_cli_writes_one_brief(tmp_path: Path, session_store: duckdb.DuckDBPyConnection) -> None:
    store = tmp_path / "papi.duckdb"
    out = tmp_path / "brief.pdf"
    proc = subprocess.run(
        [sys.executable, "-m", "lib.brief", "--province", "dak lak", "--year", "2024", "--lang", "en",
         "--out", str(out)],
        cwd=paths.ROOT, env={"PAPI_DB": str(store), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
        timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert f"Wrote {out}" in proc.stderr
    assert "Đắk Lắk scored" in _text(out.read_bytes())


def test_cli_unknown_province_and_plan_year(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PAPI_DB", str(tmp_path / "papi.duckdb"))
    assert brief_cli.main(["--province", "Dak Lac", "--year", "2024", "--out", str(tmp_path / "x.pdf")]) == 2
    assert "Gợi ý: Đắk Lắk" in capsys.readouterr().err
    code = brief_cli.main(["--province", "Đắk Lắk", "--year", "2024", "--plan-year", "2021", "--lang", "en",
                           "--out", str(tmp_path / "x.pdf")])
    assert code == 2
    assert "Đắk Lắk has no plan of 2021 (plans: 2020)." in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_batch_goes_on_after_a_failure_and_reports_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PAPI_DB", str(tmp_path / "papi.duckdb"))
    real = brief_cli.gather

    def failing(con: object, code: str, *args: object, **kwargs: object) -> brief.BriefData:
        if code == "89":  # An Giang, first by name
            raise RuntimeError("simulated failure")
        return real(con, code, *args, **kwargs)

    monkeypatch.setattr(brief_cli, "gather", failing)
    out = tmp_path / "briefs"
    code = brief_cli.main(["--year", "2024", "--all-provinces", "--limit", "3", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert "[1/3] An Giang: LỖI RuntimeError: simulated failure" in err
    assert "Không tạo được 1 bản: An Giang" in err
    written = sorted(p.name for p in out.glob("papi-brief_*.pdf"))
    assert len(written) == 3
    assert "papi-brief_all-provinces_2024_vi.pdf" in written
    assert not any("an-giang" in name for name in written)
    assert "[2/3]" in err and "[3/3]" in err
    combined = _pages((out / "papi-brief_all-provinces_2024_vi.pdf").read_bytes())
    assert len(combined) == 2
    assert all((round(float(p.mediabox.width), 2), round(float(p.mediabox.height), 2)) == A4 for p in combined)


# --- Overview's download button ---


def test_overview_offers_the_brief_for_download(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAPI_DB", str(tmp_path / "papi.duckdb"))
    at = AppTest.from_file(str(paths.ROOT / "app.py"), default_timeout=60)
    at.session_state["year"] = 2024
    at.run()
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["Tải bản tóm tắt PDF cho lãnh đạo"]


def test_a_2025_unit_keeps_its_former_provinces_plan_and_compares_nothing_across_the_change(
    tmp_path: Path,
) -> None:
    # No 2025 PAPI data exists: a SYNTHETIC 2025 year (each unit given a former province's 2024 scores).
    from lib.ingest import validate
    from lib.store import database, importer
    from tests import upload_samples as u
    from tests.test_era_2025 import synthetic_2025

    con = database.connect(tmp_path / "papi.duckdb")
    try:
        result = validate.validate(u.frame_csv(synthetic_2025()), "synthetic_2025.csv", today=dt.date(2026, 6, 1))
        importer.commit(con, result, importer.preview(con, result), "test (synthetic 2025)")
        data = brief_data.gather(con, "66", 2025)  # 34-era Đắk Lắk: former Đắk Lắk and Phú Yên
    finally:
        con.close()
    assert brief.file_name(data, "vi") == "papi-brief_dak-lak_plan-2020_2025_vi.pdf"
    text = _text(brief.render([data], "vi"))
    assert "Phú Yên" in text and "kế hoạch là của tỉnh Đắk Lắk cũ" in text
    assert "/34" in text  # ranked among the 34 units
    assert "Không so sánh với năm 2024." in text
    assert text.count("không so sánh (2025)") == 9  # the total and the eight dimensions against 2019
    assert "(lần tải lên số 1)" in text  # the data last changed with the synthetic upload


def test_the_page_is_reportlabs_a4_and_reportlab_loads_only_to_draw_a_brief() -> None:
    """The Overview page imports the brief for its download button; ReportLab (~4 MB of the server) is
    loaded only when a brief is drawn."""
    from reportlab.lib.pagesizes import A4

    assert (brief.PAGE_WIDTH, brief.PAGE_HEIGHT) == A4
    probe = "import sys, lib.present.brief_data, lib.present.brief; print('reportlab' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", probe], cwd=paths.ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
