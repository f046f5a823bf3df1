"""The brief for leaders: one printable A4 page per province, plan and PAPI year, as PDF bytes.

Pure: `BriefData` holds the frames of `lib.store.queries` (gathered by
`lib.present.brief_data.gather`); `render` draws one page per brief with
ReportLab's own vector graphics and the embedded Noto Sans TrueType font
(static/fonts, SIL Open Font License), so it needs no browser and works offline.
Black-and-white safe: the province's score is a grey bar, the national median a
black tick, the best province a hollow diamond; a weak sub-dimension without a
task is printed white on black.  Every label comes from `lib.domain.i18n`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from lib.domain import i18n, papi, paths
from lib.domain.text import fold
from lib.present import views
from lib.present.formatting import name_column, number, rank_text

# ReportLab is imported where a PDF is drawn, not with this module: the Overview page
# imports it for the download button, and most visits never build a brief (~4 MB of the server).
if TYPE_CHECKING:
    from reportlab.pdfgen import canvas

FONT_DIR = paths.STATIC_DIR / "fonts"
FONT = "BriefSans"
FONT_BOLD = "BriefSans-Bold"
PAGE_WIDTH, PAGE_HEIGHT = 595.2755905511812, 841.8897637795277  # ReportLab's A4 in pt, portrait (checked in tests)
MARGIN = 36.0
WEAKEST = 3
TOP_AGENCIES = 5
GREY_BAR = 0.55  # the province's score
GREY_GRID = 0.85


@dataclass
class BriefData:
    """Everything one brief shows, as the dashboard's query frames (see `brief_data.gather`)."""

    code: str
    era: str
    province: str
    year: int
    total: pd.DataFrame  # queries.total_with_change (empty: no total that year)
    profile: pd.DataFrame  # queries.dimension_profile (tasks of the plan's province)
    subprofile: pd.DataFrame  # queries.subdimension_profile
    plan: dict[str, object]  # queries.plan_summary's row (tasks 0 = no plan)
    plan_year: int | None = None
    plan_province: str | None = None  # the 63-era province whose plan this is
    plan_id: str | None = None  # the plan shown (`queries.province_plans`), None without a plan
    plan_document: str = ""  # that plan's document, as the store names it
    agencies: pd.DataFrame = field(default_factory=pd.DataFrame)  # queries.agency_load
    baseline_year: int | None = None
    baseline_total: pd.DataFrame = field(default_factory=pd.DataFrame)
    baseline_profile: pd.DataFrame = field(default_factory=pd.DataFrame)
    changed_on: dt.date | None = None  # when the data last changed
    changed_by_upload: int | None = None  # the upload that changed it (None: the data files' date)
    formers: list[str] = field(default_factory=list)  # a 2025 unit's former provinces
    status: pd.DataFrame = field(default_factory=pd.DataFrame)  # status_queries.completion (the plan's row)
    agency_status: pd.DataFrame = field(default_factory=pd.DataFrame)  # status_queries.agency_completion
    made_on: dt.date = field(default_factory=dt.date.today)

    @property
    def has_plan(self) -> bool:
        return int(self.plan.get("tasks", 0) or 0) > 0

    @property
    def has_scores(self) -> bool:
        return bool(self.profile["score"].notna().any()) if not self.profile.empty else False


# --- what the page says (pure; also what the tests read) ---


def file_name(data: BriefData, lang: str) -> str:
    """ASCII file name saying province, plan and year, e.g. papi-brief_dak-lak_plan-2020_2024_vi.pdf."""
    return brief_file_name(data.province, data.plan_year if data.has_plan else None, data.year, lang)


def brief_file_name(province: str, plan_year: int | None, year: int, lang: str) -> str:
    """The file name of a brief from its parts (`plan_year` None: the province has no plan)."""
    plan = f"plan-{plan_year}" if plan_year else "no-plan"
    return f"papi-brief_{slug(province)}_{plan}_{year}_{lang}.pdf"


def combined_file_name(year: int, lang: str) -> str:
    """The file name of the batch's combined PDF."""
    return f"papi-brief_all-provinces_{year}_{lang}.pdf"


def slug(name: str) -> str:
    """"Đắk Lắk" -> "dak-lak" (ASCII, lowercase, hyphens)."""
    return re.sub(r"[^0-9a-z]+", "-", fold(name)).strip("-") or "province"


def weakest_subdimensions(subprofile: pd.DataFrame, n: int = WEAKEST) -> pd.DataFrame:
    """The `n` scored sub-dimensions lowest in the national percentile (ties: the lower rank first),
    the dashboard's rule for "weakest" (Overview's profile title, Dimensions' default pick)."""
    scored = subprofile[subprofile["percentile"].notna()]
    return scored.sort_values(["percentile", "rank"], ascending=[True, False]).head(n).reset_index(drop=True)


def top_agencies(load: pd.DataFrame, n: int = TOP_AGENCIES) -> pd.DataFrame:
    """The `n` agencies with the most distinct tasks (lead or implementing), then most led, then by name."""
    if load.empty:
        return load
    return load.sort_values(["tasks", "led", "agency"], ascending=[False, False, True]).head(n).reset_index(drop=True)


def total_scale(profile: pd.DataFrame) -> str:
    """"8–80" (or "6–60" before 2018): the total's range from the year's surveyed dimensions."""
    count = int(profile["surveyed"].sum()) if not profile.empty else 8
    return f"{count}–{10 * count}"


def _dimension_short(dimension: int, lang: str) -> str:
    return f"{int(dimension)}. " + i18n.t(f"wl_dim_short_{int(dimension)}", lang)


def moved_rows(data: BriefData, lang: str) -> list[tuple[str, str, str, str]]:
    """Rows (measure, baseline, now, change) from the baseline year to the brief's year.

    A change is given only where both years lie in one comparability segment of
    `lib.domain.papi` (no methodology break between them) and both scores exist.
    """
    if data.baseline_year is None or data.year <= data.baseline_year:
        return []
    years = [data.baseline_year, data.year]
    rows: list[tuple[str, str, str, str]] = []

    def change(dimension: int | None, before: object, now: object) -> str:
        if pd.isna(before) or pd.isna(now):
            return i18n.t("br_missing", lang)
        cut = papi.breaks_within(dimension, years)
        if cut:
            return i18n.t("br_not_comparable", lang, year=cut[-1])  # the latest break; the note lists all
        return number(float(now) - float(before), lang, signed=True)

    before_total = data.baseline_total["total"].iloc[0] if not data.baseline_total.empty else None
    now_total = data.total["total"].iloc[0] if not data.total.empty else None
    rows.append(
        (i18n.t("br_total_label", lang), number(before_total, lang), number(now_total, lang),
         change(None, before_total, now_total))
    )
    before = _scores_by_dimension(data.baseline_profile)
    now = _scores_by_dimension(data.profile)
    for dimension in range(1, 9):
        b, c = before.get(dimension), now.get(dimension)
        rows.append((_dimension_short(dimension, lang), number(b, lang), number(c, lang), change(dimension, b, c)))
    return rows


def _scores_by_dimension(profile: pd.DataFrame) -> dict[int, float | None]:
    if profile.empty:
        return {}
    return {int(d): (None if pd.isna(s) else float(s)) for d, s in zip(profile["dimension"], profile["score"],
                                                                       strict=True)}


def moved_breaks(data: BriefData, lang: str) -> list[str]:
    """The explanations of the methodology breaks between the baseline year and the brief's year."""
    if data.baseline_year is None or data.year <= data.baseline_year:
        return []
    seen: list[str] = []
    for dimension in (0, *range(1, 9)):
        for reason in views.break_reasons(dimension, [data.baseline_year, data.year], lang):
            if reason not in seen:
                seen.append(reason)
    return seen


def key_sentences(data: BriefData, lang: str) -> list[str]:
    """The sentences a leader can read aloud, in order: score and rank, change, dimensions, plan, gaps, movement."""
    out: list[str] = []
    province, year = data.province, data.year
    if data.total.empty:
        out.append(i18n.t("no_data_year", lang, province=province, year=year))
    else:
        row = data.total.iloc[0]
        out.append(
            i18n.t("br_total_sentence", lang, province=province, total=number(float(row["total"]), lang), year=year,
                   scale=total_scale(data.profile), rank=rank_text(row["rank"], row["ranked_provinces"], lang))
        )
        if bool(row["comparable"]):
            places = int(row["prev_rank"]) - int(row["rank"])
            move = (
                i18n.t("br_rank_up", lang, n=places) if places > 0
                else i18n.t("br_rank_down", lang, n=-places) if places < 0
                else i18n.t("br_rank_same", lang)
            )
            out.append(i18n.t("br_change_sentence", lang, prev=year - 1,
                              delta=number(row["change"], lang, signed=True), move=move))
        elif pd.isna(row["prev_total"]):
            out.append(str(views.total_metrics(data.total, lang, year)["note"]))
        else:  # a methodology break (2018) or the 2025 change of units lies between the two years
            reasons = " ".join(views.break_reasons(0, [year - 1, year], lang))
            out.append(i18n.t("br_total_not_comparable", lang, prev=year - 1, reasons=reasons))
    scored = data.profile[data.profile["score"].notna()] if not data.profile.empty else data.profile
    if not scored.empty:
        weakest = scored.sort_values(["percentile", "rank"], ascending=[True, False]).iloc[0]
        out.append(
            i18n.t("br_dims_sentence", lang, below=int((scored["score"] < scored["national_median"]).sum()),
                   n=len(scored), weakest=i18n.dimension_name(int(weakest["dimension"]), lang),
                   rank=rank_text(weakest["rank"], weakest["ranked_provinces"], lang))
        )
    if data.has_plan:
        frame = data.profile.sort_values("dimension")
        names = [i18n.dimension_name(int(d), lang) for d in frame["dimension"]]
        most, least = int(frame["tasks"].max()), int(frame["tasks"].min())
        counted = list(zip(names, frame["tasks"], strict=True))
        out.append(
            i18n.t("br_tasks_sentence", lang,
                   most=i18n.join([n for n, k in counted if k == most], lang, limit=3), n=most,
                   least=i18n.join([n for n, k in counted if k == least], lang, limit=3), m=least)
        )
        weak = weakest_subdimensions(data.subprofile)
        if not weak.empty:
            gaps = [str(name) for name, k in zip(weak[name_column(lang)], weak["tasks"], strict=True) if int(k) == 0]
            out.append(i18n.t("br_gap_sentence", lang, names=i18n.join(gaps, lang, limit=3)) if gaps
                       else i18n.t("br_gap_none", lang))
        moved = _moved_sentence(data, lang)
        if moved:
            out.append(moved)
        out.append(status_sentence(data, lang))
    else:
        out.append(i18n.t("wl_no_plan_short", lang, province=province))
    return out


def has_status(data: BriefData) -> bool:
    """True when some task of the plan has a status report (`status_queries.completion`)."""
    return not data.status.empty and int(data.status.iloc[0]["reports"]) > 0


def status_sentence(data: BriefData, lang: str) -> str:
    """Completion and overdue tasks on the day the brief is made, or that no report exists yet."""
    if not has_status(data):
        return i18n.t("br_status_sentence", lang)
    row = data.status.iloc[0]
    last = pd.Timestamp(row["reporting_date"]).date()
    return i18n.t("st_brief_sentence", lang, done=int(row["done"]), tasks=int(row["tasks"]),
                  overdue=int(row["overdue"]), unreported=int(row["unreported"]),
                  date=last.strftime("%d/%m/%Y") if lang == "vi" else last.isoformat())


def agency_completion_text(data: BriefData, agency: str) -> str:
    """An agency's completion for the brief's table: "40%", or "—" when nothing is known of its tasks."""
    if not has_status(data) or data.agency_status.empty:
        return "—"
    rows = data.agency_status[data.agency_status["agency"] == agency]
    if rows.empty or pd.isna(rows.iloc[0]["completion"]):
        return "—"
    return f"{100 * float(rows.iloc[0]['completion']):.0f}%"


def _moved_sentence(data: BriefData, lang: str) -> str | None:
    """From the baseline to the year: total change, rank change and comparable dimensions that rose."""
    if data.baseline_year is None or data.year <= data.baseline_year or data.total.empty or data.baseline_total.empty:
        return None
    if papi.breaks_within(None, [data.baseline_year, data.year]):
        return None
    before, now = data.baseline_total.iloc[0], data.total.iloc[0]
    b, c = _scores_by_dimension(data.baseline_profile), _scores_by_dimension(data.profile)
    comparable = [
        d for d in range(1, 9)
        if b.get(d) is not None and c.get(d) is not None and not papi.breaks_within(d, [data.baseline_year, data.year])
    ]
    return i18n.t(
        "br_moved_sentence", lang, baseline=data.baseline_year, year=data.year,
        delta=number(float(now["total"]) - float(before["total"]), lang, signed=True),
        from_rank=rank_text(before["rank"], before["ranked_provinces"], lang),
        to_rank=rank_text(now["rank"], now["ranked_provinces"], lang),
        up=sum(1 for d in comparable if c[d] > b[d]), n=len(comparable),
    )


def sources_text(data: BriefData, lang: str) -> str:
    """The sources line with the date the data last changed."""
    province = data.plan_province or data.province
    if not data.has_plan:
        plan = i18n.t("br_plan_none", lang)
    elif data.plan_document:
        plan = i18n.t("pv_brief_plan_source", lang, document=data.plan_document, plan_year=data.plan_year,
                      province=province)
    else:
        plan = i18n.t("br_plan_source", lang, plan_year=data.plan_year, province=province)
    when = data.changed_on.isoformat() if data.changed_on else "—"
    changed = (
        i18n.t("br_changed_upload", lang, date=when, id=data.changed_by_upload) if data.changed_by_upload
        else i18n.t("br_changed_files", lang, date=when)
    )
    return i18n.t("br_sources", lang, plan=plan, changed=changed)


# --- drawing ---

_fonts_ready = False


def register_fonts() -> None:
    """Register the embedded TrueType fonts once per process (subset into each PDF by ReportLab)."""
    global _fonts_ready
    if _fonts_ready:
        return
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "NotoSans-Regular.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "NotoSans-Bold.ttf")))
    _fonts_ready = True


def _string_width(text: str, font: str, size: float) -> float:
    """The width of `text` in points in a registered font (ReportLab's metrics)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, font, size)


class _Page:
    """A cursor over one page: text that never leaves its box (wrapped or shortened with "…")."""

    def __init__(self, pdf: canvas.Canvas) -> None:
        self.pdf = pdf
        self.left = MARGIN
        self.right = PAGE_WIDTH - MARGIN
        self.y = PAGE_HEIGHT - MARGIN

    @property
    def width(self) -> float:
        return self.right - self.left

    def fit(self, text: str, size: float, width: float, bold: bool = False) -> str:
        """`text`, shortened with "…" until it fits `width`."""
        font = FONT_BOLD if bold else FONT
        if _string_width(text, font, size) <= width:
            return text
        while text and _string_width(text + "…", font, size) > width:
            text = text[:-1]
        return text.rstrip() + "…"

    def text(self, x: float, y: float, text: str, size: float, width: float, *, bold: bool = False,
             align: str = "left", grey: float = 0.0) -> None:
        """One line at (x, y) within `width` (shortened if it would not fit)."""
        line = self.fit(text, size, width, bold)
        self.pdf.setFillGray(grey)
        self.pdf.setFont(FONT_BOLD if bold else FONT, size)
        if align == "right":
            self.pdf.drawRightString(x + width, y, line)
        elif align == "center":
            self.pdf.drawCentredString(x + width / 2, y, line)
        else:
            self.pdf.drawString(x, y, line)
        self.pdf.setFillGray(0)

    def lines(self, text: str, size: float, width: float, bold: bool = False) -> list[str]:
        from reportlab.lib.utils import simpleSplit

        return simpleSplit(text, FONT_BOLD if bold else FONT, size, width)

    def paragraph(self, text: str, size: float, *, x: float | None = None, width: float | None = None,
                  bold: bool = False, leading: float | None = None, grey: float = 0.0, bullet: str = "") -> None:
        """Wrapped text starting at the cursor; moves the cursor below it."""
        x = self.left if x is None else x
        width = self.width if width is None else width
        leading = leading or size * 1.3
        indent = _string_width(bullet + " ", FONT, size) if bullet else 0.0
        for i, line in enumerate(self.lines(text, size, width - indent, bold)):
            self.y -= leading
            if bullet and i == 0:
                self.text(x, self.y, bullet, size, indent, grey=grey)
            self.text(x + indent, self.y, line, size, width - indent, bold=bold, grey=grey)

    def heading(self, text: str, size: float = 10.5) -> None:
        self.y -= 8
        self.paragraph(text, size, bold=True)
        self.y -= 3
        self.pdf.setLineWidth(0.6)
        self.pdf.line(self.left, self.y, self.right, self.y)
        self.y -= 2


def render(briefs: Sequence[BriefData], lang: str) -> bytes:
    """One A4 portrait page per brief, as PDF bytes."""
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1, initialFontName=FONT, initialFontSize=9)
    first = briefs[0] if briefs else None
    if first is not None:
        title = (
            i18n.t("br_title", lang, province=first.province, year=first.year) if len(briefs) == 1
            else i18n.t("br_title", lang, province="63/34", year=first.year)
        )
        pdf.setTitle(title)
        pdf.setAuthor("PAPI dashboard")
        pdf.setSubject(title)
    pdf.setCreator("PAPI dashboard (ReportLab)")
    for data in briefs:
        _draw(pdf, data, lang)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _draw(pdf: canvas.Canvas, data: BriefData, lang: str) -> None:
    page = _Page(pdf)
    page.paragraph(i18n.t("br_title", lang, province=data.province, year=data.year), 15, bold=True, leading=18)
    if data.has_plan:
        subtitle = i18n.t("br_subtitle_plan", lang, plan_year=data.plan_year, tasks=int(data.plan["tasks"]),
                          agencies=int(data.plan["agencies"]),
                          baseline=data.baseline_year if data.baseline_year is not None else "—")
    else:
        subtitle = i18n.t("br_subtitle_no_plan", lang, province=data.province)
    page.paragraph(subtitle, 9, grey=0.25)
    if data.formers and data.plan_province:
        page.paragraph(i18n.t("br_unit_note", lang, unit=data.province, formers=i18n.join(data.formers, lang, limit=8),
                              former=data.plan_province), 8.5, grey=0.25)

    page.heading(i18n.t("br_key_points", lang))
    for sentence in key_sentences(data, lang):
        page.paragraph(sentence, 10, leading=13.5, bullet="•")

    _dimension_chart(page, data, lang)
    _weakest_table(page, data, lang)
    _agencies_and_moved(page, data, lang)
    _footer(page, data, lang)


def _dimension_chart(page: _Page, data: BriefData, lang: str) -> None:
    """Eight rows: name | score bar with median tick and best-province diamond | values | tasks bar."""
    page.heading(i18n.t("br_dims_title", lang, year=data.year))
    pdf = page.pdf
    label_w, chart_w, value_w, gap = 118.0, 170.0, 34.0, 8.0
    x_chart = page.left + label_w
    x_values = x_chart + chart_w + gap
    x_tasks = x_values + 3 * value_w + gap + 4
    tasks_w = page.right - x_tasks - 18
    row_h = 19.0
    size = 8.5

    def x_of(score: float) -> float:
        return x_chart + chart_w * max(0.0, min(score, 10.0)) / 10.0

    # Column headers.
    page.y -= 11
    page.text(x_values, page.y, i18n.t("br_col_province", lang), 7, value_w, align="right", bold=True)
    page.text(x_values + value_w, page.y, i18n.t("br_col_median", lang), 7, value_w, align="right")
    page.text(x_values + 2 * value_w, page.y, i18n.t("br_col_best", lang), 7, value_w, align="right")
    page.text(x_tasks, page.y, i18n.t("br_tasks_title", lang), 7, tasks_w + 18, bold=True)
    top = page.y - 4
    rows = data.profile.sort_values("dimension") if not data.profile.empty else data.profile
    bottom = top - row_h * max(len(rows), 1)
    # Grid every 2 points on the 0-10 scale (none when there is no score to read against it).
    pdf.setStrokeGray(GREY_GRID)
    pdf.setLineWidth(0.5)
    for tick in range(0, 11, 2) if data.has_scores else ():
        pdf.line(x_of(tick), top, x_of(tick), bottom)
    pdf.setStrokeGray(0)
    most = max(int(rows["tasks"].max()) if data.has_plan and not rows.empty else 0, 1)
    y = top
    for row in rows.itertuples():
        y -= row_h
        mid = y + row_h / 2
        below = pd.notna(row.score) and row.score < row.national_median
        label = _dimension_short(int(row.dimension), lang) + (" *" if below else "")
        page.text(page.left, mid - 3, label, size, label_w - 4, bold=bool(below))
        if pd.isna(row.score):
            page.text(x_chart + 4, mid - 3, i18n.t("wl_no_score_year", lang, year=data.year), 7.5, chart_w - 8,
                      grey=0.35)
        else:
            pdf.setFillGray(GREY_BAR)
            pdf.rect(x_chart, mid - 3.5, x_of(row.score) - x_chart, 7, stroke=0, fill=1)
            pdf.setFillGray(0)
            pdf.setLineWidth(1.6)
            pdf.line(x_of(row.national_median), mid - 6.5, x_of(row.national_median), mid + 6.5)
            _diamond(pdf, x_of(row.best_score), mid, 4.2)
            page.text(x_values, mid - 3, number(row.score, lang), size, value_w, align="right", bold=True)
            page.text(x_values + value_w, mid - 3, number(row.national_median, lang), size, value_w, align="right")
            page.text(x_values + 2 * value_w, mid - 3, number(row.best_score, lang), size, value_w, align="right")
        if data.has_plan:
            width = tasks_w * int(row.tasks) / most
            pdf.setLineWidth(0.8)
            pdf.setFillGray(1)
            if width > 0:
                pdf.rect(x_tasks, mid - 4, width, 8, stroke=1, fill=1)
            pdf.setFillGray(0)
            page.text(x_tasks + width + 3, mid - 3, str(int(row.tasks)), size, 18)
    if not data.has_plan:
        page.text(x_tasks, top - row_h + 2, i18n.t("br_no_plan_part", lang), 7.5, tasks_w + 18, grey=0.35)
    # Axis labels and legend.
    page.y = bottom - 9
    for tick in range(0, 11, 2):
        page.text(x_of(tick) - 10, page.y, str(tick), 6.5, 20, align="center", grey=0.3)
    page.y -= 12
    x = page.left
    pdf.setFillGray(GREY_BAR)
    pdf.rect(x, page.y - 1, 14, 7, stroke=0, fill=1)
    pdf.setFillGray(0)
    legend = [i18n.t("wl_province_score", lang, province=data.province), i18n.t("wl_national_median", lang),
              i18n.t("wl_best", lang), i18n.t("br_below_mark", lang)]
    widths = [_string_width(t, FONT, 7.5) for t in legend]
    page.text(x + 17, page.y, legend[0], 7.5, widths[0] + 2)
    x += 17 + widths[0] + 14
    pdf.setLineWidth(1.6)
    pdf.line(x + 3, page.y - 3, x + 3, page.y + 8)
    page.text(x + 9, page.y, legend[1], 7.5, widths[1] + 2)
    x += 9 + widths[1] + 14
    _diamond(pdf, x + 4, page.y + 2.5, 4.2)
    page.text(x + 11, page.y, legend[2], 7.5, widths[2] + 2)
    x += 11 + widths[2] + 14
    page.text(x, page.y, legend[3], 7.5, page.right - x)
    best = rows[rows["score"].notna()] if not rows.empty else rows
    if not best.empty:
        names = "; ".join(f"{int(d)}. {p}" for d, p in zip(best["dimension"], best["best_province"], strict=True))
        page.paragraph(i18n.t("br_best_names", lang, names=names), 7.5, grey=0.3, leading=10)


def _diamond(pdf: canvas.Canvas, x: float, y: float, r: float) -> None:
    """A hollow diamond (the best province): white inside, black outline."""
    path = pdf.beginPath()
    path.moveTo(x, y + r)
    path.lineTo(x + r, y)
    path.lineTo(x, y - r)
    path.lineTo(x - r, y)
    path.close()
    pdf.setLineWidth(1.1)
    pdf.setFillGray(1)
    pdf.drawPath(path, stroke=1, fill=1)
    pdf.setFillGray(0)


def _table(page: _Page, x: float, widths: list[float], header: list[str], rows: list[list[str]],
           size: float = 8.0, row_h: float = 13.0, aligns: list[str] | None = None) -> tuple[float, list[float]]:
    """A ruled table from the cursor at `x`: the first column wraps onto a second line when it must.

    Returns the y below the table and the baseline of each row (the cursor is not moved).
    """
    aligns = aligns or ["left"] + ["right"] * (len(widths) - 1)
    y = page.y - row_h + 3
    cx = x
    for text, w, align in zip(header, widths, aligns, strict=True):
        page.text(cx + 2, y, text, size - 0.5, w - 4, bold=True, align=align)
        cx += w
    page.pdf.setLineWidth(0.5)
    page.pdf.line(x, y - 3, x + sum(widths), y - 3)
    baselines: list[float] = []
    for row in rows:
        first = page.lines(row[0], size, widths[0] - 4)[:2] or [""]
        if len(page.lines(row[0], size, widths[0] - 4)) > 2:
            first[1] = page.fit(first[1] + " …", size, widths[0] - 4)
        y -= row_h
        baselines.append(y)
        cx = x
        for i, (text, w, align) in enumerate(zip(row, widths, aligns, strict=True)):
            if i == 0:
                for k, line in enumerate(first):
                    page.text(cx + 2, y - k * size * 1.15, line, size, w - 4, align=align)
            else:
                page.text(cx + 2, y, text, size, w - 4, align=align)
            cx += w
        y -= (len(first) - 1) * size * 1.15
    return y - 5, baselines


def _weakest_table(page: _Page, data: BriefData, lang: str) -> None:
    page.heading(i18n.t("br_weak_title", lang, year=data.year))
    weak = weakest_subdimensions(data.subprofile)
    if weak.empty:
        page.paragraph(i18n.t("br_no_scores_part", lang, year=data.year), 8.5, grey=0.3)
        return
    widths = [212.0, 44.0, 44.0, 52.0, 171.0]
    header = [i18n.t("wl_col_subdimension", lang), i18n.t("wl_col_score", lang), i18n.t("wl_col_rank", lang),
              i18n.t("br_col_median", lang), i18n.t("br_col_tasks_own", lang)]
    rows = [
        [f"{int(r.dimension)}.{int(r.subdimension)} {getattr(r, name_column(lang))}", number(r.score, lang),
         rank_text(r.rank, r.ranked_provinces, lang), number(r.national_median, lang), ""]
        for r in weak.itertuples()
    ]
    row_h = 14.0
    end, baselines = _table(page, page.left, widths, header, rows, size=8.5, row_h=row_h,
                            aligns=["left", "right", "right", "right", "left"])
    # The tasks column: a count, or NO TASK white on black so it stands out in grey print.
    x = page.left + sum(widths[:4]) + 6
    for r, y in zip(weak.itertuples(), baselines, strict=True):
        whole = int(r.whole_dimension_tasks)
        extra = ("  " + i18n.t("br_whole_tasks", lang, n=whole)) if whole else ""
        if not data.has_plan:
            page.text(x, y, i18n.t("br_no_plan_part", lang), 8, widths[4] - 8, grey=0.35)
        elif int(r.tasks) == 0:
            label = i18n.t("br_no_task", lang)
            w = _string_width(label, FONT_BOLD, 8) + 8
            page.pdf.setFillGray(0)
            page.pdf.rect(x - 2, y - 3, w, 11.5, stroke=0, fill=1)
            page.text(x + 2, y, label, 8, w - 4, bold=True, grey=1.0)
            page.text(x + w + 2, y, extra.strip(), 7, widths[4] - w - 10)
        else:
            page.text(x, y, str(int(r.tasks)) + extra, 8.5, widths[4] - 8, bold=True)
    page.y = end


def _agencies_and_moved(page: _Page, data: BriefData, lang: str) -> None:
    """Two columns: the five agencies with the most tasks, and what moved since the baseline."""
    start = page.y
    half = (page.width - 14) / 2 - 14  # the agencies' half; what moved gets 28 pt more for its notes
    left_x, right_x = page.left, page.left + half + 14

    # Left: agencies.
    page.y = start
    page.right = left_x + half
    page.heading(i18n.t("br_agencies_title", lang), size=9.5)
    if data.has_plan and not data.agencies.empty:
        top = top_agencies(data.agencies)
        header = [i18n.t("wl_col_agency", lang), i18n.t("wl_col_led", lang), i18n.t("wl_col_implemented", lang),
                  i18n.t("br_col_total", lang), i18n.t("br_col_completion", lang)]
        status_w = 8 + _string_width(header[4], FONT_BOLD, 7.5)
        implemented_w = 8 + _string_width(header[2], FONT_BOLD, 7.5)
        widths = [half - 60.0 - implemented_w - status_w, 30.0, implemented_w, 30.0, status_w]
        rows = [[str(r.agency), str(int(r.led)), str(int(r.implemented)), str(int(r.tasks)),
                 agency_completion_text(data, str(r.agency))] for r in top.itertuples()]
        page.y, _ = _table(page, left_x, widths, header, rows, size=8.0, row_h=13.0,
                        aligns=["left", "right", "right", "right", "right"])
        overdue = (i18n.t("st_brief_overdue", lang, n=int(data.status.iloc[0]["overdue"]))
                   if has_status(data) else i18n.t("br_overdue", lang))
        page.paragraph(overdue, 8, bold=True, x=left_x, width=half)
    else:
        page.paragraph(i18n.t("br_no_plan_part", lang), 8.5, x=left_x, width=half, grey=0.3)
    left_end = page.y

    # Right: what moved since the baseline.
    page.y = start
    page.left, page.right = right_x, PAGE_WIDTH - MARGIN
    half = page.width
    if data.baseline_year is not None:
        page.heading(i18n.t("br_moved_title", lang, baseline=data.baseline_year, year=data.year), size=9.5)
    else:
        page.heading(i18n.t("br_moved_title", lang, baseline="—", year=data.year), size=9.5)
    rows = moved_rows(data, lang)
    if not data.has_plan:
        page.paragraph(i18n.t("br_no_baseline", lang), 8.5, grey=0.3)
    elif data.baseline_year is None:
        page.paragraph(i18n.t("br_baseline_missing", lang, plan_year=data.plan_year), 8.5, grey=0.3)
    elif not rows:
        page.paragraph(i18n.t("br_not_after", lang, year=data.year, baseline=data.baseline_year), 8.5, grey=0.3)
    else:
        widths = [104.0, 32.0, 32.0, half - 168.0]
        header = [i18n.t("br_col_measure", lang), str(data.baseline_year), str(data.year),
                  i18n.t("br_col_change", lang)]
        page.y, _ = _table(page, right_x, widths, header, [list(r) for r in rows], size=8.0, row_h=12.0)
        reasons = moved_breaks(data, lang)
        if reasons:
            page.paragraph(i18n.t("br_moved_breaks", lang, reasons=" ".join(reasons)), 6.5, grey=0.3, leading=8)
    right_end = page.y
    page.left, page.right = MARGIN, PAGE_WIDTH - MARGIN
    page.y = min(left_end, right_end)


def _footer(page: _Page, data: BriefData, lang: str) -> None:
    """Sources and dates, at the foot of the page (or just below the content if that ran lower)."""
    text = sources_text(data, lang)
    made = i18n.t("br_footer", lang, date=data.made_on.isoformat())
    size, leading = 7.0, 9.0
    needed = leading * (len(page.lines(text, size, page.width)) + len(page.lines(made, size, page.width))) + 6
    page.y = min(page.y - 6, MARGIN + needed)
    page.pdf.setLineWidth(0.4)
    page.pdf.line(page.left, page.y, page.right, page.y)
    page.paragraph(text, size, leading=leading, grey=0.2)
    page.paragraph(made, size, leading=leading, grey=0.35)
