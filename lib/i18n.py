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


# --- workload: overview, dimensions, agencies ---
LABELS.update(
    {
        "wl_overview_title": ("Tổng quan: {province}, PAPI {year}", "Overview: {province}, PAPI {year}"),
        "wl_plan_caption": (
            "Kế hoạch nhiệm vụ năm {years} của {province}; điểm và xếp hạng PAPI năm {year}.",
            "{province}'s task plan of {years}; PAPI scores and ranks of {year}.",
        ),
        "wl_no_plan": (
            "Chưa có kế hoạch nhiệm vụ cho tỉnh {province}. Điểm PAPI vẫn được hiển thị bên dưới.",
            "No task plan yet for {province}. Its PAPI scores are still shown below.",
        ),
        "wl_no_plan_short": ("Chưa có kế hoạch nhiệm vụ cho tỉnh {province}.", "No task plan yet for {province}."),
        "wl_metric_tasks": ("Nhiệm vụ trong kế hoạch", "Tasks in the plan"),
        "wl_metric_agencies": ("Cơ quan tham gia", "Agencies involved"),
        "wl_metric_no_lead": ("Nhiệm vụ chưa có cơ quan chủ trì", "Tasks without a lead agency"),
        "wl_metric_total": ("Tổng điểm PAPI {year}", "Total PAPI score {year}"),
        "wl_metric_rank": ("Xếp hạng {year}", "Rank {year}"),
        "wl_rank_value": ("{rank}/{ranked}", "{rank} of {ranked}"),
        "wl_total_help": (
            "Tổng 8 nội dung (thang 8–80; trước 2018: 6 nội dung, thang 6–60). Trung vị toàn quốc: {median}.",
            "Sum of the 8 dimensions (8–80; before 2018: 6 dimensions, 6–60). National median: {median}.",
        ),
        "wl_rank_delta": ("{delta:+d} bậc so với {prev}", "{delta:+d} places vs {prev}"),
        "wl_total_delta": ("{delta} so với {prev}", "{delta} vs {prev}"),
        "wl_not_comparable": (
            "Không so sánh với {prev}: năm 2018 PAPI đổi sang bộ chỉ số 8 nội dung.",
            "Not compared with {prev}: in 2018 PAPI moved to its 8-dimension index.",
        ),
        "wl_no_prev": ("Không có tổng điểm năm {prev} để so sánh.", "No {prev} total to compare with."),
        "wl_table_view": ("Bảng số liệu của biểu đồ", "Table view of the chart"),
        "wl_absent_dims": (
            "Nội dung {dims} không có điểm năm {year} (PAPI chỉ khảo sát từ 2018); "
            "chúng được để trống, không tính là 0.",
            "Dimension(s) {dims} have no score in {year} (surveyed only from 2018); left blank, not counted as 0.",
        ),
        "wl_profile_title": (
            "{province} {year}: {below}/{n} nội dung dưới trung vị toàn quốc; "
            "yếu nhất: {weakest} (hạng {rank}/{ranked})",
            "{province} {year}: {below} of {n} dimensions below the national median; weakest: {weakest} "
            "(rank {rank}/{ranked})",
        ),
        "wl_profile_empty_title": ("{province} {year}: chưa có điểm", "{province} {year}: no scores"),
        "wl_score_axis": ("Điểm (thang 1–10)", "Score (1–10 scale)"),
        "wl_score_axis_sub": ("Điểm (thang {low}–{high})", "Score ({low}–{high} scale)"),
        "wl_dimension_axis": ("Nội dung PAPI", "PAPI dimension"),
        "wl_province_score": ("Điểm của {province}", "{province}'s score"),
        "wl_national_median": ("Trung vị toàn quốc", "National median"),
        "wl_best": ("Tỉnh cao nhất", "Best province"),
        "wl_quartile_1": ("Nhóm điểm thấp nhất", "Bottom quartile"),
        "wl_quartile_2": ("Nhóm trung bình thấp", "Low-average quartile"),
        "wl_quartile_3": ("Nhóm trung bình cao", "High-average quartile"),
        "wl_quartile_4": ("Nhóm điểm cao nhất", "Top quartile"),
        "wl_no_score": ("Không có điểm", "No score"),
        "wl_no_score_year": ("không có điểm năm {year}", "no score in {year}"),
        "wl_hover_score": ("Điểm", "Score"),
        "wl_hover_rank": ("Hạng", "Rank"),
        "wl_hover_percentile": ("Phân vị toàn quốc", "National percentile"),
        "wl_hover_tasks": ("Số nhiệm vụ", "Tasks"),
        "wl_hover_quartile": ("Nhóm", "Quartile"),
        "wl_tasks_title": (
            "Nhiều nhiệm vụ nhất: {most} ({n}); ít nhất: {least} ({m})",
            "Most tasks: {most} ({n}); fewest: {least} ({m})",
        ),
        "wl_tasks_colour_note": (
            "Màu cột: nhóm điểm của nội dung năm {year} so với cả nước.",
            "Bar colour: the dimension's national quartile in {year}.",
        ),
        "wl_tasks_axis": ("Số nhiệm vụ (nhiệm vụ)", "Tasks (count)"),
        "wl_dimensions_title": (
            "Nhiệm vụ và điểm theo nội dung: {province}, PAPI {year}",
            "Workload vs score by dimension: {province}, PAPI {year}",
        ),
        "wl_level": ("Xem theo", "Show by"),
        "wl_level_dimension": ("Nội dung", "Dimension"),
        "wl_level_subdimension": ("Nội dung thành phần", "Sub-dimension"),
        "wl_effort_title": (
            "{n} {level} yếu và ít nhiệm vụ: {names}",
            "{n} weak and under-served {level}(s): {names}",
        ),
        "wl_effort_none_title": (
            "Không có {level} nào vừa yếu vừa ít nhiệm vụ năm {year}",
            "No {level} is both weak and under-served in {year}",
        ),
        "wl_quadrant_weak": ("Yếu và ít nhiệm vụ", "Weak and under-served"),
        "wl_effort_x": ("Số nhiệm vụ được giao (nhiệm vụ)", "Tasks assigned (count)"),
        "wl_effort_y": (
            "Phân vị toàn quốc của điểm (0 = thấp nhất, 100 = cao nhất)",
            "National percentile of the score (0 = lowest, 100 = highest)",
        ),
        "wl_effort_caption": (
            "Đường dọc: trung vị số nhiệm vụ ({median}); đường ngang: phân vị 50 (trung vị toàn quốc). "
            "Nhấp vào một điểm để xem nhiệm vụ và lịch sử điểm bên dưới.",
            "Vertical line: median tasks ({median}); horizontal line: 50th percentile (national median). "
            "Click a point to see its tasks and score history below.",
        ),
        "wl_effort_sub_note": (
            "Ở cấp nội dung thành phần, chỉ đếm nhiệm vụ gắn riêng với nội dung thành phần đó.",
            "At sub-dimension level only tasks mapped to that sub-dimension are counted.",
        ),
        "wl_no_task_header": (
            "Nội dung thành phần điểm thấp chưa có nhiệm vụ riêng",
            "Low-scoring sub-dimensions with no task of their own",
        ),
        "wl_no_task_caption": (
            "Điểm thấp = dưới trung vị toàn quốc năm {year}. Cột 'Nhiệm vụ chung' đếm nhiệm vụ giao cho cả nội dung.",
            "Low score = below the national median in {year}. 'Whole-dimension tasks' counts tasks given to the "
            "whole dimension.",
        ),
        "wl_no_task_none": (
            "Năm {year} không có nội dung thành phần nào vừa dưới trung vị toàn quốc vừa chưa có nhiệm vụ riêng.",
            "In {year} no sub-dimension is both below the national median and without a task of its own.",
        ),
        "wl_tab_dimensions": ("Bảng theo nội dung", "Table by dimension"),
        "wl_tab_subdimensions": ("Bảng theo nội dung thành phần", "Table by sub-dimension"),
        "wl_pick": ("Xem nhiệm vụ và lịch sử điểm của", "Show tasks and score history of"),
        "wl_pick_placeholder": ("Chọn nội dung hoặc nội dung thành phần", "Choose a dimension or sub-dimension"),
        "wl_tasks_of": ("Nhiệm vụ của “{name}”: {n}", "Tasks for “{name}”: {n}"),
        "wl_no_tasks_of": ("Kế hoạch không có nhiệm vụ cho “{name}”.", "The plan has no task for “{name}”."),
        "wl_history_title": (
            "{name}: {province} trên trung vị toàn quốc {above}/{n} năm",
            "{name}: {province} above the national median in {above} of {n} years",
        ),
        "wl_history_empty": ("“{name}”: chưa có điểm của {province}.", "“{name}”: no scores for {province}."),
        "wl_year_axis": ("Năm khảo sát", "Survey year"),
        "wl_breaks_note": (
            "Đường bị ngắt tại năm PAPI đổi phương pháp. {reasons}",
            "Lines break where PAPI changed its method. {reasons}",
        ),
        "wl_col_dimension": ("Nội dung", "Dimension"),
        "wl_col_subdimension": ("Nội dung thành phần", "Sub-dimension"),
        "wl_col_tasks": ("Nhiệm vụ", "Tasks"),
        "wl_col_whole_tasks": ("Nhiệm vụ chung", "Whole-dimension tasks"),
        "wl_col_score": ("Điểm", "Score"),
        "wl_col_rank": ("Hạng", "Rank"),
        "wl_col_percentile": ("Phân vị", "Percentile"),
        "wl_col_median": ("Trung vị toàn quốc", "National median"),
        "wl_col_change": ("Thay đổi so với năm trước", "Change from the year before"),
        "wl_col_best": ("Tỉnh cao nhất", "Best province"),
        "wl_col_best_score": ("Điểm cao nhất", "Best score"),
        "wl_col_quartile": ("Nhóm", "Quartile"),
        "wl_col_year": ("Năm", "Year"),
        "wl_col_task_id": ("Mã", "ID"),
        "wl_col_section": ("Mục", "Section"),
        "wl_col_task": ("Nhiệm vụ", "Task"),
        "wl_col_lead": ("Cơ quan chủ trì", "Lead agency"),
        "wl_col_implementing": ("Cơ quan thực hiện", "Implementing agencies"),
        "wl_col_coverage": ("Phạm vi", "Coverage"),
        "wl_coverage_direct": ("Riêng nội dung thành phần", "This sub-dimension"),
        "wl_coverage_whole": ("Chung cả nội dung", "Whole dimension"),
        "wl_col_agency": ("Cơ quan", "Agency"),
        "wl_col_level": ("Cấp", "Level"),
        "wl_col_led": ("Chủ trì", "Led"),
        "wl_col_implemented": ("Thực hiện", "Implemented"),
        "wl_col_role": ("Vai trò", "Role"),
        "wl_col_missing": ("Thiếu", "Missing"),
        "wl_missing_lead": ("Cơ quan chủ trì", "Lead agency"),
        "wl_missing_implementing": ("Cơ quan thực hiện", "Implementing agency"),
        "wl_missing_both": ("Cả hai", "Both"),
        "wl_not_comparable_short": ("không so sánh được", "not comparable"),
        "wl_agencies_title": ("Phân bổ nhiệm vụ cho các cơ quan: {province}", "Agency load balance: {province}"),
        "wl_agency_load_title": (
            "{lead} chủ trì nhiều nhiệm vụ nhất ({n}); {impl} thực hiện nhiều nhất ({m})",
            "{lead} leads the most tasks ({n}); {impl} implements the most ({m})",
        ),
        "wl_role_lead": ("Chủ trì", "Lead"),
        "wl_role_implementing": ("Thực hiện", "Implementing"),
        "wl_role_any": ("Chủ trì hoặc thực hiện", "Lead or implementing"),
        "wl_agency_axis": ("Cơ quan", "Agency"),
        "wl_click_agency": (
            "Nhấp vào một thanh (hoặc chọn bên dưới) để xem nhiệm vụ của cơ quan đó.",
            "Click a bar (or choose below) to list that agency's tasks.",
        ),
        "wl_matrix_role": ("Tính nhiệm vụ theo vai trò", "Count tasks by role"),
        "wl_matrix_title": (
            "Nhiều nhiệm vụ nhất: {agency} – {dimension} ({n})",
            "Heaviest pair: {agency} – {dimension} ({n} tasks)",
        ),
        "wl_matrix_hover": ("Nhiệm vụ", "Tasks"),
        "wl_concentration": ("Tải chủ trì tập trung đến đâu?", "How concentrated is the lead load?"),
        "wl_top_share": ("Tỷ trọng {k} cơ quan chủ trì nhiều nhất", "Share of the top {k} lead agencies"),
        "wl_effective": ("Số cơ quan chủ trì tương đương (1/HHI)", "Effective number of lead agencies (1/HHI)"),
        "wl_gini": ("Hệ số Gini của số nhiệm vụ chủ trì", "Gini coefficient of tasks led"),
        "wl_top_sentence": (
            "{k} cơ quan ({names}) chủ trì {share} trong {total} lượt chủ trì "
            "(nhiệm vụ có hai cơ quan chủ trì được tính cho cả hai).",
            "{k} agencies ({names}) hold {share} of {total} lead assignments "
            "(a task with two lead agencies counts for both).",
        ),
        "wl_hhi_sentence": (
            "HHI là tổng bình phương tỷ trọng chủ trì của từng cơ quan ({hhi}); 1/HHI = {effective} nghĩa là tải "
            "chủ trì hiện nay giống như chia đều cho {effective} cơ quan, trong khi {n} cơ quan chủ trì ít nhất "
            "một nhiệm vụ. Gini {gini} (0 = chia đều, 1 = một cơ quan gánh hết).",
            "HHI is the sum of each agency's squared share of lead assignments ({hhi}); 1/HHI = {effective} means "
            "the lead load is as concentrated as {effective} equally loaded agencies, while {n} agencies lead at "
            "least one task. Gini {gini} (0 = equal, 1 = one agency leads all).",
        ),
        "wl_gaps_header": (
            "Nhiệm vụ thiếu cơ quan chủ trì hoặc thực hiện: {n}",
            "Tasks with no lead or implementer: {n}",
        ),
        "wl_no_gaps": (
            "Mọi nhiệm vụ đều có cơ quan chủ trì và cơ quan thực hiện.",
            "Every task has a lead and an implementing agency.",
        ),
        "wl_agency_pick": ("Xem nhiệm vụ của cơ quan", "Show the tasks of agency"),
        "wl_agency_tasks": (
            "{agency}: chủ trì {led}, thực hiện {implemented} nhiệm vụ",
            "{agency}: leads {led}, implements {implemented} tasks",
        ),
        "wl_no_agencies": (
            "Kế hoạch của {province} chưa ghi cơ quan nào.",
            "{province}'s plan names no agency.",
        ),
    }
)


def number(value: float, lang: str, digits: int = 2) -> str:
    """Format a number with Vietnamese (comma) or English (point) decimals."""
    text = f"{value:,.{digits}f}"
    if lang == "en":
        return text
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def t(key: str, lang: str, **values: object) -> str:
    """Return the label `key` in `lang` ("vi" or "en"), with `values` filled in."""
    vi, en = LABELS[key]
    text = en if lang == "en" else vi
    return text.format(**values) if values else text


def dimension_name(dimension: int, lang: str) -> str:
    """Return a PAPI dimension's name in `lang`."""
    concept = papi.DIMENSIONS[dimension]
    return concept.name_en if lang == "en" else concept.name_vi
