"""User-interface labels in Vietnamese (default) and English.

Task texts and agency names are data and stay as written; only the labels the
app itself prints, and PAPI's (sub-)dimension names, are translated here.
"""

from __future__ import annotations

from lib import papi

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

LABELS: dict[str, tuple[str, str]] = {
    "app_title": ("Kế hoạch nâng cao chỉ số PAPI", "PAPI improvement plan"),
    "language": ("Ngôn ngữ", "Language"),
    "province": ("Tỉnh/thành phố", "Province"),
    "year": ("Năm PAPI", "PAPI year"),
    "peers": ("Nhóm so sánh", "Comparison group"),
    "peers_help": (
        "Các tỉnh để so sánh; mặc định là các tỉnh Tây Nguyên.",
        "Provinces to compare with; the Central Highlands by default.",
    ),
    "page_overview": ("Tổng quan", "Overview"),
    "page_dimensions": ("Nội dung: nhiệm vụ và điểm", "Dimensions: workload vs score"),
    "page_agencies": ("Cơ quan: phân bổ nhiệm vụ", "Agencies: load balance"),
    "page_trends": ("Xu hướng điểm", "Score trends"),
    "page_tasks": ("Danh sách nhiệm vụ", "All tasks"),
    "page_provinces": ("So sánh các tỉnh", "Provinces"),
    "page_upload": ("Tải lên điểm PAPI", "Upload PAPI scores"),
    "tasks": ("Số nhiệm vụ", "Tasks"),
    "total_score": ("Tổng điểm PAPI", "Total PAPI score"),
    "rank": ("Xếp hạng", "Rank"),
    "dimension": ("Nội dung", "Dimension"),
    "subdimension": ("Nội dung thành phần", "Sub-dimension"),
    "score": ("Điểm", "Score"),
    "no_data_year": (
        "Chưa có điểm PAPI của {province} cho năm {year}.",
        "No PAPI scores for {province} in {year}.",
    ),
}


def t(key: str, lang: str, **values: object) -> str:
    """Return the label `key` in `lang` ("vi" or "en"), with `values` filled in."""
    vi, en = LABELS[key]
    text = en if lang == "en" else vi
    return text.format(**values) if values else text


def dimension_name(dimension: int, lang: str) -> str:
    """Return a PAPI dimension's name in `lang`."""
    concept = papi.DIMENSIONS[dimension]
    return concept.name_en if lang == "en" else concept.name_vi
