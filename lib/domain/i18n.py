"""The one catalogue of user-facing text, in Vietnamese (default) and English.

Every string the app, the importer's command line and the file checks show a
user lives here as `key: (vietnamese, english)`, and is read with
`t(key, lang, **values)`; lists of names are joined with `join(names, lang)`.
Task texts, agency and province names are data and stay as written.

The one rule for a missing text: there is no fallback.  `t` raises `KeyError`
for an unknown key and `ValueError` for an unknown language; a text present in
one language only, or a `{placeholder}` that one language's text has and the
other's lacks, is a defect that `problems()` reports and tests/test_i18n.py
fails on.  Nothing ever shows Vietnamese in place of a missing English text.

Adding text: add the key here in both languages and read it with `t`.  A new
problem code of the file checks needs its severity in
`lib.ingest.validate.SEVERITY`, its text as `vd_<code>` and its fix as
`vd_<code>_fix` here; a new importer refusal is `imp_<key>`.
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence

from lib.domain import papi

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"

LABELS: dict[str, tuple[str, str]] = {
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
    "page_upload": ("Tải lên điểm và kế hoạch", "Upload scores and plans"),
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
        "wl_no_plan": (
            "Chưa có kế hoạch nhiệm vụ cho tỉnh {province}. Điểm PAPI vẫn được hiển thị bên dưới.",
            "No task plan yet for {province}. Its PAPI scores are still shown below.",
        ),
        "wl_dim_short_1": ("Tham gia", "Participation"),
        "wl_dim_short_2": ("Minh bạch", "Transparency"),
        "wl_dim_short_3": ("Trách nhiệm giải trình", "Accountability"),
        "wl_dim_short_4": ("Kiểm soát tham nhũng", "Corruption control"),
        "wl_dim_short_5": ("Thủ tục hành chính", "Admin. procedures"),
        "wl_dim_short_6": ("Dịch vụ công", "Public services"),
        "wl_dim_short_7": ("Môi trường", "Environment"),
        "wl_dim_short_8": ("Quản trị điện tử", "E-governance"),
        "wl_no_plan_short": ("Chưa có kế hoạch nhiệm vụ cho tỉnh {province}.", "No task plan yet for {province}."),
        "wl_metric_tasks": ("Nhiệm vụ trong kế hoạch", "Tasks in the plan"),
        "wl_metric_agencies": ("Cơ quan tham gia", "Agencies involved"),
        "wl_metric_no_lead": ("Nhiệm vụ thiếu chủ trì", "Tasks without a lead"),
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
        "wl_not_comparable_units": (
            "Không so sánh với {prev}: từ 1/7/2025 các tỉnh được sáp nhập thành 34 đơn vị mới, "
            "điểm năm {year} là của đơn vị mới.",
            "Not compared with {prev}: from 1 July 2025 the provinces merged into 34 new units; "
            "the {year} score is the new unit's.",
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
        "wl_change_missing": (
            "“{mark}” ở cột Thay đổi ({rows}): {reason}",
            "“{mark}” in the change column ({rows}): {reason}",
        ),
        "wl_change_missing_score": ("không có điểm năm {year}.", "no score in {year}."),
        "wl_change_missing_prev": (
            "năm {prev} không có điểm để so sánh.", "no score in {prev} to compare with."
        ),
        "wl_change_missing_break": (
            "không có năm trước so sánh được (PAPI đổi cách tính giữa {prev} và năm nay). {reason}",
            "no comparable earlier year (PAPI changed its method after {prev}). {reason}",
        ),
        "wl_not_comparable_short": ("không so sánh được", "not comparable"),
        "wl_agencies_title": ("Phân bổ nhiệm vụ cho các cơ quan: {province}", "Agency load balance: {province}"),
        "wl_agency_load_title": (
            "{lead} chủ trì nhiều nhiệm vụ nhất ({n}); {impl} thực hiện nhiều nhất ({m})",
            "{lead} leads the most tasks ({n}); {impl} implements the most ({m})",
        ),
        "wl_role_lead": ("Chủ trì", "Lead"),
        "wl_role_implementing": ("Thực hiện", "Implementing"),
        "wl_role_any": ("Chủ trì hoặc thực hiện", "Lead or implementing"),
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


# --- plan documents: reading tables, columns, sections (lib/ingest/plan_tables.py, plan_parse.py); keys pr_* ---
_PLAN_FORMATS = (
    "Tải lên văn bản kế hoạch dạng Word (.docx), Excel (.xlsx), trang web (.html) có bảng, hoặc văn bản chép từ "
    "bảng (.txt, các ô cách nhau bằng phím Tab).",
    "Upload the plan as Word (.docx), Excel (.xlsx), a web page (.html) holding the table, or text copied from the "
    "table (.txt, cells separated by tabs).",
)
LABELS.update(
    {
        "pr_fix": ("Cách sửa: {fix}", "How to fix: {fix}"),
        "pr_at_table": ("Bảng {table}", "Table {table}"),
        "vd_plan_empty_file": ("Tệp '{value}' trống, không có nội dung.", "The file '{value}' is empty."),
        "vd_plan_empty_file_fix": (
            "Chọn đúng tệp kế hoạch (tệp có bảng phân công nhiệm vụ) rồi tải lại.",
            "Choose the plan file (the one holding the table of tasks) and upload again.",
        ),
        "vd_plan_too_large": (
            "Tệp quá lớn ({value}); giới hạn là {limit}.",
            "The file is too large ({value}); the limit is {limit}.",
        ),
        "vd_plan_too_large_fix": (
            "Xóa hình ảnh và các phần không phải bảng nhiệm vụ (hoặc chỉ chép phụ lục có bảng sang một tệp mới), "
            "lưu lại rồi tải lên.",
            "Remove pictures and everything but the table of tasks (or copy only the appendix holding the table "
            "into a new file), save and upload again.",
        ),
        "vd_plan_limit": (
            "Tệp vượt giới hạn đọc: {value} (giới hạn {limit}) {part}.",
            "The file goes beyond what is read: {value} (limit {limit}) {part}.",
        ),
        "vd_plan_limit_fix": (
            "Chỉ chép bảng phân công nhiệm vụ sang một tệp mới, lưu lại rồi tải lên.",
            "Copy only the table of tasks into a new file, save it and upload that file.",
        ),
        "vd_plan_encrypted": (
            "Tệp '{value}' được đặt mật khẩu (mã hóa), ứng dụng không mở được.",
            "The file '{value}' is protected by a password (encrypted); the app cannot open it.",
        ),
        "vd_plan_encrypted_fix": (
            "Mở tệp trong Word/Excel, vào Tệp > Thông tin > Bảo vệ tài liệu > Mã hóa bằng mật khẩu, xóa mật khẩu, "
            "lưu lại rồi tải lên.",
            "Open it in Word/Excel, go to File > Info > Protect Document > Encrypt with Password, clear the password, "
            "save and upload again.",
        ),
        "vd_plan_old_word": (
            "Tệp '{value}' là định dạng Word cũ (.doc), dù tên tệp có thể là .docx; ứng dụng không đọc được.",
            "The file '{value}' is in the old Word format (.doc), whatever its name says; the app cannot read it.",
        ),
        "vd_plan_old_word_fix": (
            "Mở tệp trong Word, chọn Lưu thành (Save As) > Tài liệu Word (.docx) rồi tải tệp mới lên.",
            "Open it in Word, choose Save As > Word Document (.docx), and upload the new file.",
        ),
        "vd_plan_old_excel": (
            "Tệp '{value}' là định dạng Excel cũ (.xls); ứng dụng không đọc được.",
            "The file '{value}' is in the old Excel format (.xls); the app cannot read it.",
        ),
        "vd_plan_old_excel_fix": (
            "Mở tệp trong Excel, chọn Lưu thành (Save As) > Sổ làm việc Excel (.xlsx) rồi tải tệp mới lên.",
            "Open it in Excel, choose Save As > Excel Workbook (.xlsx), and upload the new file.",
        ),
        "vd_plan_unreadable": (
            "Không đọc được tệp '{value}': tệp hỏng hoặc không đúng định dạng ({detail}).",
            "The file '{value}' cannot be read: it is damaged or not what its name says ({detail}).",
        ),
        "vd_plan_unreadable_fix": (
            "Mở tệp bằng Word hoặc Excel; nếu mở được, lưu lại thành tệp mới (.docx hoặc .xlsx) rồi tải lên, nếu "
            "không, lấy lại bản gốc của văn bản.",
            "Open it in Word or Excel; if it opens, save it as a new file (.docx or .xlsx) and upload that, "
            "otherwise get the document's original again.",
        ),
        "vd_plan_wrong_type": (
            "Tệp '{value}' (đuôi '.{ext}') chứa {actual}, không phải văn bản kế hoạch ứng dụng đọc được.",
            "The file '{value}' (ending '.{ext}') holds {actual}, not a plan document the app reads.",
        ),
        "vd_plan_wrong_type_fix": _PLAN_FORMATS,
        "vd_plan_scanned": (
            "Tệp '{value}' là ảnh ({actual}), không có chữ để đọc bảng nhiệm vụ.",
            "The file '{value}' is a picture ({actual}); it has no text to read the table of tasks from.",
        ),
        "vd_plan_scanned_fix": (
            "Lấy bản điện tử của văn bản (Word hoặc trang văn bản trên cổng thông tin) thay cho bản chụp/quét. "
            + _PLAN_FORMATS[0],
            "Get the electronic version of the document (Word, or the document's page on a legal portal) instead of "
            "the scan. " + _PLAN_FORMATS[1],
        ),
        "vd_plan_no_text_layer": (
            "Tệp PDF '{value}' là bản quét: không có lớp chữ, nên không đọc được bảng nhiệm vụ.",
            "The PDF '{value}' is a scan: it has no text layer, so its table of tasks cannot be read.",
        ),
        "vd_plan_no_text_layer_fix": (
            "Lấy bản Word của kế hoạch, hoặc trang văn bản trên cổng thông tin pháp luật (lưu thành .html). "
            "Không gõ lại từ ảnh nếu có thể tránh.",
            "Get the plan as Word, or the document's page on a legal portal (saved as .html). Avoid retyping it from "
            "the scan if you can.",
        ),
        "vd_plan_too_many_rows": (
            "Bảng có {value} dòng; giới hạn là {limit} dòng. Kế hoạch của một tỉnh thường có vài chục đến vài trăm "
            "nhiệm vụ, và mọi dòng phải được xem lại trước khi lưu; bảng dài hơn thường không phải bảng phân công "
            "nhiệm vụ hoặc là nhiều kế hoạch gộp lại.",
            "The table has {value} rows; the limit is {limit}. A province's plan has tens to a few hundred tasks and "
            "every row must be reviewed before it is stored; a longer table is usually not a table of tasks, or "
            "several plans pasted together.",
        ),
        "vd_plan_too_many_rows_fix": (
            "Chỉ giữ bảng phân công nhiệm vụ của một kế hoạch; tách các kế hoạch khác nhau thành từng tệp rồi tải "
            "lên lần lượt.",
            "Keep only the table of tasks of one plan; put different plans in separate files and upload them one "
            "by one.",
        ),
        "vd_plan_no_table": (
            "Không tìm thấy bảng nào trong tệp.",
            "The file holds no table.",
        ),
        "vd_plan_no_table_fix": (
            "Tải lên văn bản có phụ lục là bảng nhiệm vụ (cột Nội dung/Nhiệm vụ và cột Cơ quan chủ trì). Nếu bảng "
            "là ảnh, cần bản Word của văn bản.",
            "Upload the document whose appendix is the table of tasks (a Nội dung/Nhiệm vụ column and a Cơ quan "
            "chủ trì column). If the table is a picture, get the Word version of the document.",
        ),
        "vd_plan_pdf_no_table": (
            "Tệp PDF '{value}' có chữ nhưng không đọc được bảng nào (bảng không có đường kẻ ô, hoặc là hình).",
            "The PDF '{value}' has text but no table could be read from it (a table without ruled cells, or a "
            "picture).",
        ),
        "vd_plan_pdf_no_table_fix": (
            "Lấy bản Word (.docx) của kế hoạch hoặc trang văn bản trên cổng thông tin pháp luật (lưu thành .html); "
            "PDF chỉ đọc được khi bảng có đường kẻ ô.",
            "Get the plan as Word (.docx) or the document's page on a legal portal (saved as .html); a PDF is read "
            "only when its table has ruled cells.",
        ),
        "vd_plan_no_task_column": (
            "Không thấy cột nhiệm vụ: tiêu đề bảng ('{value}') không có cột Nội dung, Nhiệm vụ, Tên nhiệm vụ hay "
            "Nhiệm vụ, giải pháp.",
            "No task column: the table's header ('{value}') has no Nội dung, Nhiệm vụ, Tên nhiệm vụ or Nhiệm vụ, "
            "giải pháp column.",
        ),
        "vd_plan_no_task_column_fix": (
            "Đặt tiêu đề 'Nội dung' (hoặc 'Nhiệm vụ') cho cột ghi nhiệm vụ, ngay trên dòng nhiệm vụ đầu tiên, "
            "lưu lại rồi tải lên.",
            "Head the column holding the tasks 'Nội dung' (or 'Nhiệm vụ'), right above the first task, save and "
            "upload again.",
        ),
        "vd_plan_no_agency_column": (
            "Không thấy cột cơ quan: tiêu đề bảng ('{value}') không có cột Cơ quan/Đơn vị chủ trì, Phối hợp hay "
            "Đơn vị thực hiện.",
            "No agency column: the table's header ('{value}') has no Cơ quan/Đơn vị chủ trì, Phối hợp or Đơn vị "
            "thực hiện column.",
        ),
        "vd_plan_no_agency_column_fix": (
            "Đặt tiêu đề 'Cơ quan chủ trì' cho cột ghi cơ quan chủ trì (và 'Cơ quan phối hợp' cho cột phối hợp), "
            "lưu lại rồi tải lên.",
            "Head the column naming the lead agency 'Cơ quan chủ trì' (and the coordinating one 'Cơ quan phối hợp'), "
            "save and upload again.",
        ),
        "vd_plan_no_tasks": (
            "Bảng có cột '{value}' nhưng không có dòng nhiệm vụ nào bên dưới.",
            "The table has a '{value}' column but no task rows under it.",
        ),
        "vd_plan_no_tasks_fix": (
            "Kiểm tra tệp có đủ bảng (không chỉ dòng tiêu đề) rồi tải lại.",
            "Check that the file holds the whole table (not only its header) and upload again.",
        ),
        "vd_plan_empty_task": (
            "Dòng có cơ quan ('{value}') nhưng ô nhiệm vụ trống.",
            "The row names agencies ('{value}') but its task cell is empty.",
        ),
        "vd_plan_empty_task_fix": (
            "Ghi nội dung nhiệm vụ vào ô trống, hoặc nếu dòng này thuộc nhiệm vụ ở dòng trên, gộp ô nhiệm vụ hai "
            "dòng (Merge Cells) hoặc chuyển tên cơ quan lên dòng trên; rồi tải lại.",
            "Write the task in the empty cell, or, if the row belongs to the task above, merge the two task cells "
            "(Merge Cells) or move the agency names up to that row; then upload again.",
        ),
        "vd_plan_task_without_agency": (
            "Nhiệm vụ '{value}' không ghi cơ quan chủ trì hay phối hợp.",
            "The task '{value}' names no lead or coordinating agency.",
        ),
        "vd_plan_task_without_agency_fix": (
            "Nếu văn bản giao nhiệm vụ này cho cơ quan nào, ghi tên cơ quan vào cột chủ trì; nếu không, có thể lưu "
            "như vậy (nhiệm vụ vẫn được hiển thị, chỉ không tính vào cơ quan nào).",
            "If the document gives this task to an agency, write it in the lead column; if not, it can be stored as "
            "it is (the task is still shown, only counted for no agency).",
        ),
        "vd_plan_agencies_run_together": (
            "Ô cơ quan '{value}' viết liền các tên {names} không có dấu ngăn cách; ứng dụng đã tách ra, cần kiểm tra.",
            "The agency cell '{value}' runs the names {names} together without a separator; the app split them, "
            "check that it is right.",
        ),
        "vd_plan_agencies_run_together_fix": (
            "Kiểm tra cách tách ở bước xem trước; nếu muốn, ngăn các cơ quan bằng dấu chấm phẩy (;) hoặc xuống dòng "
            "trong văn bản rồi tải lại.",
            "Check the split in the preview; if you like, separate the agencies with a semicolon (;) or a line break "
            "in the document and upload again.",
        ),
        "vd_plan_section_cell_ignored": (
            "Dòng tiêu đề mục {section} có chữ '{value}' ở cột này; chữ đó không thuộc nhiệm vụ nào nên không được "
            "đọc.",
            "The heading row of section {section} has '{value}' in this column; it belongs to no task, so it is not "
            "read.",
        ),
        "vd_plan_section_cell_ignored_fix": (
            "Nếu chữ này thuộc nhiệm vụ ở dòng trên hoặc dưới, chuyển nó vào dòng đó; nếu không, xóa nó hoặc bỏ qua "
            "cảnh báo.",
            "If the words belong to the task above or below, move them to that row; if not, delete them or ignore "
            "this warning.",
        ),
        "vd_plan_row_ignored": (
            "Dòng không có nhiệm vụ cũng không có cơ quan ('{value}'), nên không được đọc thành nhiệm vụ.",
            "The row has neither a task nor an agency ('{value}'), so it is not read as a task.",
        ),
        "vd_plan_row_ignored_fix": (
            "Nếu dòng này là một nhiệm vụ, ghi nội dung vào cột nhiệm vụ; nếu là ghi chú, có thể bỏ qua cảnh báo.",
            "If the row is a task, write it in the task column; if it is a note, this warning can be ignored.",
        ),
        "vd_plan_unmapped_section": (
            "Tiêu đề mục {section} '{value}' không gọi tên nội dung PAPI nào; các nhiệm vụ của mục này chưa gắn với "
            "PAPI.",
            "Section {section} heading '{value}' names no PAPI dimension; its tasks are not yet linked to PAPI.",
        ),
        "vd_plan_unmapped_section_fix": (
            "Chọn nội dung PAPI cho mục này ở bước xem trước, hoặc để trống nếu mục không thuộc PAPI (nhiệm vụ vẫn "
            "được lưu và hiển thị là chưa gắn).",
            "Choose the PAPI dimension of this section in the preview, or leave it if the section is not about PAPI "
            "(its tasks are still stored and shown as unmapped).",
        ),
        "vd_plan_internal_error": (
            "Lỗi khi đọc tệp kế hoạch ({value}).",
            "Reading the plan file failed ({value}).",
        ),
        "vd_plan_internal_error_fix": (
            "Gửi tệp này cho người quản trị ứng dụng; có thể thử lưu lại văn bản thành .docx mới rồi tải lên.",
            "Send this file to the app's maintainer; meanwhile, try saving the document as a new .docx and "
            "uploading that.",
        ),
    }
)


# --- trends, tasks, provinces ---
LABELS.update(
    {
        # Trends
        "tr_trends_title": ("Xu hướng điểm PAPI: {province}", "PAPI score trends: {province}"),
        "tr_trends_intro": (
            "Điểm theo năm so với trung vị, khoảng tứ phân vị và thấp nhất–cao nhất của cả nước, và với nhóm so "
            "sánh chọn ở thanh bên.",
            "Score by year against the national median, inter-quartile band and min–max range, and against the "
            "comparison group chosen in the sidebar.",
        ),
        "tr_measure": ("Nội dung", "Dimension"),
        "tr_sub": ("Nội dung thành phần", "Sub-dimension"),
        "tr_sub_all": ("Điểm chung của nội dung", "The dimension's own score"),
        "tr_sub_years": ("{name} ({first}–{last})", "{name} ({first}–{last})"),
        "tr_break_marker": ("Mốc {year}", "Break {year}"),
        "tr_trend_title": (
            "{measure} – {province}: {direction} từ {first} ({first_year}) đến {last} ({last_year})",
            "{measure} – {province}: {direction} from {first} ({first_year}) to {last} ({last_year})",
        ),
        "tr_trend_title_one": (
            "{measure} – {province}: {score} ({year}), chưa có năm nào so sánh được",
            "{measure} – {province}: {score} ({year}), no comparable year yet",
        ),
        "tr_trend_title_empty": ("{measure}: chưa có điểm của {province}", "{measure}: no scores for {province}"),
        "tr_up": ("tăng", "up"),
        "tr_down": ("giảm", "down"),
        "tr_flat": ("gần như không đổi", "nearly unchanged"),
        "tr_range": ("Cả nước: thấp nhất – cao nhất", "National min – max"),
        "tr_iqr": ("Cả nước: 50% tỉnh ở giữa (tứ phân vị)", "National middle 50% (inter-quartile)"),
        "tr_median": ("Trung vị cả nước", "National median"),
        "tr_hover_national": (
            "Trung vị cả nước: %{y:.2f}<br>50% ở giữa: %{customdata[1]:.2f}–%{customdata[2]:.2f}"
            "<br>Thấp nhất–cao nhất: %{customdata[0]:.2f}–%{customdata[3]:.2f} (%{customdata[4]} tỉnh)",
            "National median: %{y:.2f}<br>Middle 50%: %{customdata[1]:.2f}–%{customdata[2]:.2f}"
            "<br>Min–max: %{customdata[0]:.2f}–%{customdata[3]:.2f} (%{customdata[4]} provinces)",
        ),
        "tr_y_dimension": ("Điểm (thang 1–10)", "Score (1–10 scale)"),
        "tr_y_sub": ("Điểm (thang của nội dung thành phần, đổi theo năm)", "Score (sub-dimension scale, by year)"),
        "tr_y_total": ("Tổng điểm (6–60 đến 2017; 8–80 từ 2018)", "Total score (6–60 to 2017; 8–80 from 2018)"),
        "tr_rank_title": (
            "Hạng của {province}: {first}/{first_n} ({first_year}) → {last}/{last_n} ({last_year})",
            "{province}'s rank: {first} of {first_n} ({first_year}) → {last} of {last_n} ({last_year})",
        ),
        "tr_rank_title_empty": ("Chưa có hạng của {province}", "No rank for {province}"),
        "tr_rank_axis": ("Hạng (1 = cao nhất)", "Rank (1 = highest)"),
        "tr_breaks_caption": (
            "Đường nét đứt dọc: năm PAPI đổi phương pháp; đường điểm không nối qua các mốc này. {reasons}",
            "Dashed vertical lines: PAPI changed its method; score lines are not joined across them. {reasons}",
        ),
        "tr_no_breaks": (
            "Không có thay đổi phương pháp trong giai đoạn này; các năm so sánh được với nhau.",
            "No change of method in this period; the years are comparable.",
        ),
        "tr_gap_note": (
            "Năm thiếu điểm được để trống (đường bị ngắt), không ước tính.",
            "A year without a score is left blank (the line breaks); nothing is estimated.",
        ),
        "tr_peers_note": ("Nhóm so sánh: {peers}.", "Comparison group: {peers}."),
        "tr_no_peers": (
            "Chưa chọn tỉnh nào trong nhóm so sánh (thanh bên).",
            "No province in the comparison group (sidebar).",
        ),
        "tr_no_scores": (
            "Chưa có điểm “{measure}” của {province} trong dữ liệu.",
            "No “{measure}” scores for {province} in the data.",
        ),
        "tr_no_national": ("Chưa có điểm “{measure}” trong dữ liệu.", "No “{measure}” scores in the data."),
        "tr_tasks_header": ("Nhiệm vụ của nội dung này ({n})", "Tasks for this dimension ({n})"),
        "tr_tasks_caption": (
            "Kế hoạch của {province}. Với nội dung thành phần: nhiệm vụ gắn riêng và nhiệm vụ chung của cả nội dung.",
            "{province}'s plan. For a sub-dimension: its own tasks and the tasks given to the whole dimension.",
        ),
        "tr_tasks_none": (
            "Kế hoạch của {province} không có nhiệm vụ cho nội dung này.",
            "{province}'s plan has no task for this dimension.",
        ),
        "tr_tasks_total": (
            "Chọn một nội dung để xem các nhiệm vụ được giao cho nội dung đó.",
            "Choose a dimension to see the tasks assigned to it.",
        ),
        "tr_task_head": ("▸ {task_id} · Chủ trì: {lead}", "▸ {task_id} · Lead: {lead}"),
        "tr_table_trend": ("Bảng số liệu: điểm và hạng theo năm", "Table view: scores and ranks by year"),
        "tr_table_national": ("Bảng số liệu: phân bố cả nước theo năm", "Table view: national spread by year"),
        "tr_more": ("Hạng theo năm", "Rank over time"),
        # columns
        "col_task_id": ("Mã nhiệm vụ", "Task ID"),
        "col_dimension_no": ("Số nội dung", "Dimension no."),
        "col_plan_section": ("Mục kế hoạch", "Plan section"),
        "col_plan_section_title": ("Tên mục kế hoạch", "Plan section title"),
        "col_task": ("Nhiệm vụ", "Task"),
        "col_lead_agency": ("Cơ quan chủ trì", "Lead agency"),
        "tk_missing_note": ("“{mark}” trong bảng: {reasons}.", "“{mark}” in the table: {reasons}."),
        "tk_missing_lead": ("kế hoạch không ghi cơ quan chủ trì", "the plan names no lead agency"),
        "tk_missing_implementing": (
            "kế hoạch không ghi cơ quan thực hiện", "the plan names no implementing agency"
        ),
        "tk_missing_score": (
            "nội dung chưa có điểm PAPI của tỉnh", "the dimension has no PAPI score for the province yet"
        ),
        "col_implementing_agencies": ("Cơ quan thực hiện", "Implementing agencies"),
        "col_score_year": ("Năm điểm gần nhất", "Latest score year"),
        "col_latest_score": ("Điểm gần nhất của nội dung", "Dimension's latest score"),
        "col_ranked_provinces": ("Số tỉnh xếp hạng", "Provinces ranked"),
        "col_subdimensions": ("Nội dung thành phần PAPI", "PAPI sub-dimensions"),
        "col_year": ("Năm", "Year"),
        "col_province": ("Tỉnh/thành phố", "Province"),
        "col_score": ("Điểm", "Score"),
        "col_median": ("Trung vị cả nước", "National median"),
        "col_provinces": ("Số tỉnh", "Provinces"),
        "col_min": ("Thấp nhất", "Min"),
        "col_q1": ("Tứ phân vị 25%", "25th percentile"),
        "col_q3": ("Tứ phân vị 75%", "75th percentile"),
        "col_max": ("Cao nhất", "Max"),
        "col_quartile": ("Nhóm", "Quartile group"),
        # Tasks
        "tk_title": ("Danh sách nhiệm vụ", "All tasks"),
        "tk_intro": (
            "Tìm không cần dấu (“tiep cong dan” tìm được “tiếp công dân”) trong nội dung nhiệm vụ, mã và cơ quan. "
            "Điểm gần nhất là điểm năm mới nhất có số liệu của nội dung, tại tỉnh có kế hoạch.",
            "Search ignores diacritics (“tiep cong dan” finds “tiếp công dân”) in task texts, IDs and agencies. "
            "The latest score is the dimension's most recent published score in the plan's province.",
        ),
        "tk_search": ("Tìm nhiệm vụ", "Search tasks"),
        "tk_search_placeholder": ("ví dụ: tiep cong dan, Sở Nội vụ", "e.g. tiep cong dan, Sở Nội vụ"),
        "tk_filter_dimension": ("Nội dung", "Dimension"),
        "tk_filter_sub": ("Nội dung thành phần", "Sub-dimension"),
        "tk_filter_lead": ("Cơ quan chủ trì", "Lead agency"),
        "tk_filter_implementing": ("Cơ quan thực hiện", "Implementing agency"),
        "tk_filter_all": ("Tất cả", "All"),
        "tk_count": ("Đang hiển thị {shown}/{total} nhiệm vụ", "Showing {shown} of {total} tasks"),
        "tk_empty": (
            "Không có nhiệm vụ nào khớp với từ khóa và bộ lọc. Hãy bỏ bớt bộ lọc hoặc đổi từ khóa.",
            "No task matches the search and filters. Remove a filter or change the search.",
        ),
        "tk_download_csv": ("Tải CSV (mở được bằng Excel)", "Download CSV (opens in Excel)"),
        "tk_download_xlsx": ("Tải Excel (XLSX)", "Download Excel (XLSX)"),
        "tk_download_note": (
            "Tệp tải về chứa đúng các dòng đang lọc. Ô bắt đầu bằng =, +, - hoặc @ được thêm dấu ' để Excel "
            "không hiểu nhầm là công thức.",
            "Downloads hold exactly the filtered rows. Cells beginning with =, +, - or @ get a leading ' so "
            "spreadsheets never run them as formulas.",
        ),
        "tk_detail": ("Chi tiết nhiệm vụ đã chọn", "Selected task in full"),
        "tk_detail_hint": (
            "Chọn một dòng (ô đầu dòng) để đọc toàn văn nhiệm vụ bên dưới bảng.",
            "Select a row (its first cell) to read the full task below the table.",
        ),
        "tk_sheet": ("Nhiệm vụ", "Tasks"),
        "tk_file": ("nhiem-vu-papi", "papi-tasks"),
        # Provinces
        "pv_title": ("So sánh các tỉnh: PAPI {year}", "Provinces compared: PAPI {year}"),
        "pv_intro": (
            "Xếp hạng mọi tỉnh theo nội dung đã chọn; bản đồ tô màu theo nhóm tứ phân vị toàn quốc như báo cáo "
            "PAPI. Nhấp vào một tỉnh trên bản đồ hoặc trong bảng (hoặc chọn bên dưới) để chọn tỉnh đó.",
            "Every province ranked on the chosen dimension; the map is coloured by national quartile as in the "
            "PAPI reports. Click a province on the map or in the table (or choose below) to make it the chosen one.",
        ),
        "pv_measure": ("Nội dung", "Dimension"),
        "pv_pick": ("Chọn tỉnh", "Choose a province"),
        "tr_quartile_legend": ("Nhóm toàn quốc", "National quartile"),
        "tr_ranking_title": (
            "{measure} {year}: {province} hạng {rank}/{n} ({group})",
            "{measure} {year}: {province} ranks {rank} of {n} ({group})",
        ),
        "tr_ranking_title_missing": (
            "{measure} {year}: chưa có điểm của {province}",
            "{measure} {year}: no score for {province}",
        ),
        "tr_score_axis": ("Điểm – {measure}", "Score – {measure}"),
        "pv_bar_title": (
            "Toàn bộ {n} tỉnh: cao nhất {best} ({best_score}), thấp nhất {worst} ({worst_score})",
            "All {n} provinces: highest {best} ({best_score}), lowest {worst} ({worst_score})",
        ),
        "pv_bar_tab": ("Biểu đồ xếp hạng", "Ranking chart"),
        "pv_empty": (
            "Chưa có điểm “{measure}” cho năm {year}.",
            "No “{measure}” scores for {year}.",
        ),
        "pv_dimension_absent": (
            "Năm {year} PAPI chưa khảo sát nội dung này (nội dung 7 và 8 có từ 2018).",
            "PAPI did not survey this dimension in {year} (dimensions 7 and 8 start in 2018).",
        ),
        "pv_map_34": (
            "Từ năm 2025 cả nước có 34 đơn vị hành chính cấp tỉnh sau sắp xếp ngày 1/7/2025. Chưa có tệp ranh "
            "giới cho 34 đơn vị mới, nên bản đồ chỉ có cho 63 tỉnh cũ (đến năm 2024); dưới đây là bảng xếp hạng.",
            "From 2025 there are 34 provincial units after the 1 July 2025 merger. No boundary file exists for "
            "the 34 new units, so the map covers the 63 former provinces only (up to 2024); the ranking table "
            "is below.",
        ),
        "pv_no_score_note": (
            "{n} tỉnh không có điểm năm {year} (tô xám trên bản đồ): {names}.",
            "{n} province(s) have no score in {year} (grey on the map): {names}.",
        ),
        "pv_click_hint": (
            "Nhấp một dòng trong bảng để chọn tỉnh.",
            "Click a row in the table to choose that province.",
        ),
    }
)


# --- plan links: deadlines, agencies, the PAPI mapping (deadlines, plan_agencies, plan_mapping); keys pl_* ---
LABELS.update(
    {
        # deadlines.describe_deadline: the kind of deadline read, and the period
        "pl_kind_date": ("Ngày", "Date"),
        "pl_kind_month": ("Tháng", "Month"),
        "pl_kind_quarter": ("Quý", "Quarter"),
        "pl_kind_half": ("Nửa năm", "Half year"),
        "pl_kind_year": ("Năm", "Year"),
        "pl_kind_range": ("Giai đoạn", "Period"),
        "pl_kind_recurring": ("Thường xuyên, định kỳ (không có ngày)", "Recurring (no date)"),
        "pl_kind_text": ("Không đọc được ngày (giữ nguyên chữ)", "No date could be read (kept as written)"),
        "pl_kind_none": ("Không ghi thời hạn", "No deadline given"),
        "pl_deadline_due": ("{kind}: hạn {due}", "{kind}: due {due}"),
        "pl_deadline_period": ("{kind}: {start} – {end}", "{kind}: {start} – {end}"),
        # plan_agencies.describe_agency: what the agency list makes of a name written in a plan
        "pl_status_known": ("Có trong danh mục: {name}", "In the agency list: {name}"),
        "pl_status_likely_alias": (
            "Có thể là tên khác của '{closest}' (giống {similarity}%): chấp nhận, gộp hoặc sửa.",
            "Probably another name for '{closest}' ({similarity}% alike): accept, merge or correct it.",
        ),
        "pl_status_new": (
            "Tên mới, chưa có trong danh mục cơ quan (gần nhất: '{closest}'): thêm mới hoặc sửa.",
            "New name, not in the agency list (closest: '{closest}'): add it or correct it.",
        ),
        "pl_status_run_together": (
            "Các tên viết liền nhau, không có dấu phân cách: {parts}. Kiểm tra và tách bằng dấu ';'.",
            "Names run together without a separator: {parts}. Check them and separate them with ';'.",
        ),
        "pl_status_run_together_part": (
            "Viết liền với tên bên cạnh, không có dấu phân cách; đã tách ra: {name}. Kiểm tra lại.",
            "Written run together with the next name, without a separator; separated as: {name}. Check it.",
        ),
        "pl_level_province": ("Cấp tỉnh", "Province level"),
        "pl_level_district": ("Cấp huyện", "District level"),
        "pl_level_commune": ("Cấp xã", "Commune level"),
        "pl_level_other": ("Khác", "Other"),
        "pl_level_gone": (
            "Cấp huyện không còn từ ngày 1/7/2025: kiểm tra lại cơ quan này trong kế hoạch năm {year}.",
            "Districts no longer exist from 1 July 2025: check this agency in the {year} plan.",
        ),
        # plan_mapping.describe_link: the link of a section or task to PAPI
        "pl_link_unmapped": ("Chưa gắn với PAPI", "Not linked to PAPI"),
        "pl_link_whole": ("toàn bộ nội dung", "the whole dimension"),
        "pl_link": (
            "Nội dung {dimension} – {name} ({subs}); căn cứ: “{evidence}”; độ tin cậy {confidence}%",
            "Dimension {dimension} – {name} ({subs}); evidence: “{evidence}”; confidence {confidence}%",
        ),
    }
)


# --- upload page: check, preview, commit, history, roll back ---
LABELS.update(
    {
        "up_title": ("Tải lên điểm PAPI và kế hoạch", "Load PAPI scores and plans"),
        "up_intro": (
            "Tải lên tệp điểm PAPI của một năm mới (hoặc sửa một năm) đúng như bạn có: bảng PAPI chính thức (.xlsx), "
            "bảng điểm nội dung thành phần (Province, SC11 … SC83, .csv) hoặc tệp mẫu dưới đây. Ứng dụng kiểm tra "
            "toàn bộ tệp, cho xem trước những gì thay đổi, và chỉ lưu khi bạn bấm Lưu. Mọi lần lưu đều hoàn tác được.",
            "Upload a new year's PAPI scores (or correct a year) as you have them: the official PAPI workbook "
            "(.xlsx), the sub-dimension table (Province, SC11 … SC83, .csv) or the template below. The app checks the "
            "whole file, previews what would change, and saves only when you press Commit. Every commit can be undone.",
        ),
        "up_template": ("Tệp mẫu", "Template"),
        "up_template_help": (
            "Tệp mẫu có sẵn mọi tỉnh và nội dung của năm đã chọn; chỉ cần điền cột score. Ô để trống nghĩa là "
            "không có dữ liệu (không phải 0).",
            "The template lists every province and (sub-)dimension of the chosen year; fill in the score column. "
            "A blank cell means no data (not zero).",
        ),
        "up_template_year": ("Năm của tệp mẫu", "Template year"),
        "up_template_csv": ("Tải tệp mẫu CSV", "Download CSV template"),
        "up_template_xlsx": ("Tải tệp mẫu Excel", "Download Excel template"),
        "up_editor_off": (
            "Chưa cấu hình quyền biên tập, nên chưa kiểm tra hay lưu được tệp. Để bật: tạo mã băm mật khẩu "
            "bằng lệnh `python -m lib.auth hash`, rồi đặt nó vào biến môi trường `PAPI_EDITOR_PASSWORD_HASH` hoặc "
            "vào `.streamlit/secrets.toml` (mục `[papi]`, khóa `editor_password_hash`), rồi khởi động lại ứng dụng.",
            "No editor access is configured, so files can be neither checked nor committed. To enable it: make a "
            "password hash with `python -m lib.auth hash`, put it in the environment variable "
            "`PAPI_EDITOR_PASSWORD_HASH` or in `.streamlit/secrets.toml` (section `[papi]`, key "
            "`editor_password_hash`), and restart the app.",
        ),
        "up_sign_in": ("Đăng nhập biên tập viên", "Editor sign-in"),
        "up_sign_in_sso": ("Đăng nhập", "Sign in"),
        "up_name": ("Tên của bạn (ghi vào lịch sử)", "Your name (recorded in the history)"),
        "up_password": ("Mật khẩu biên tập", "Editor password"),
        "up_sign_in_button": ("Đăng nhập", "Sign in"),
        "up_sign_in_failed": ("Sai tên hoặc mật khẩu.", "Wrong name or password."),
        "up_signed_in": ("Đang đăng nhập với quyền biên tập:", "Signed in as editor:"),
        "up_sign_in_wait": (
            "Đã có quá nhiều lần đăng nhập sai với tên này hoặc từ địa chỉ này. Thử lại sau {seconds} giây.",
            "Too many failed sign-ins with this name or from this address. Try again in {seconds} s.",
        ),
        "up_sign_out": ("Đăng xuất", "Sign out"),
        "up_viewer_note": (
            "Cần đăng nhập biên tập viên để kiểm tra, lưu hoặc hoàn tác tệp điểm.",
            "Sign in as an editor to check, commit or roll back score files.",
        ),
        "up_step_file": ("1. Chọn tệp", "1. Choose a file"),
        "up_file": (
            "Tệp điểm PAPI (.xlsx hoặc .csv, tối đa {mb} MB)",
            "PAPI score file (.xlsx or .csv, up to {mb} MB)",
        ),
        "up_year": ("Năm của tệp", "Year of the file"),
        "up_year_help": (
            "Tệp không ghi năm; chọn năm của điểm trong tệp.",
            "The file does not say its year; choose it.",
        ),
        "up_step_check": ("2. Kết quả kiểm tra", "2. Check result"),
        "up_ok": (
            "Tệp hợp lệ: {rows} điểm của năm {years} ({layout}).",
            "The file is valid: {rows} scores for {years} ({layout}).",
        ),
        "up_bad": (
            "Tệp có {errors} lỗi và {warnings} cảnh báo. Sửa các lỗi trong bảng dưới đây rồi tải lại.",
            "The file has {errors} errors and {warnings} warnings. Fix the errors listed below and upload again.",
        ),
        "up_warnings": ("{n} cảnh báo (không chặn việc lưu):", "{n} warnings (they do not block committing):"),
        "up_problems_download": ("Tải bảng lỗi (CSV)", "Download the problems (CSV)"),
        "up_row_whole_file": ("cả tệp", "whole file"),
        "up_row_whole_sheet": ("cả trang tính", "whole sheet"),
        "up_row_note": (
            "Cột Dòng ghi 'cả tệp' hoặc 'cả trang tính' khi vấn đề không nằm ở một dòng nào.",
            "The Row column says 'whole file' or 'whole sheet' when a problem is not on any one row.",
        ),
        "up_layout_official": ("bảng PAPI chính thức", "official PAPI workbook"),
        "up_layout_sc_wide": ("bảng nội dung thành phần SC11…SC83", "sub-dimension table SC11…SC83"),
        "up_layout_tidy": ("tệp mẫu của ứng dụng", "the app's template"),
        "up_step_preview": ("3. Xem trước thay đổi", "3. Preview the changes"),
        "up_added": ("Điểm thêm mới", "Scores added"),
        "up_changed": ("Điểm thay đổi", "Scores changed"),
        "up_removed": ("Điểm bị xóa", "Scores removed"),
        "up_unchanged": ("Giữ nguyên", "Unchanged"),
        "up_no_change": (
            "Tệp giống hệt dữ liệu đang có; lưu cũng không thay đổi gì.",
            "The file equals the stored data; committing changes nothing.",
        ),
        "up_by_province": ("Thay đổi theo năm và tỉnh", "Changes by year and province"),
        "up_details": ("Chi tiết từng điểm thay đổi ({n})", "Every changed score ({n})"),
        "up_replace_warning": (
            "Năm {years} đã có dữ liệu. Lưu sẽ thay toàn bộ điểm của năm này bằng điểm trong tệp.",
            "{years} already has scores. Committing replaces all of that year's scores with the file's.",
        ),
        "up_confirm": ("Tôi xác nhận thay thế dữ liệu năm {years}", "I confirm replacing the scores of {years}"),
        "up_commit": ("Lưu vào dữ liệu", "Commit"),
        "up_commit_need_editor": ("Cần đăng nhập biên tập viên để lưu.", "Sign in as an editor to commit."),
        "up_committed": (
            "Đã lưu lần tải lên số {id}: năm {years} có trên mọi trang. Có thể hoàn tác ở Lịch sử bên dưới.",
            "Committed as upload {id}: {years} now shows on every page. It can be undone in the history below.",
        ),
        "up_history": ("Lịch sử tải lên", "Upload history"),
        "up_history_empty": (
            "Chưa có lần tải lên nào; dữ liệu là bản gốc.",
            "No uploads yet; the data is the original.",
        ),
        "up_rollback": ("Hoàn tác một lần tải lên", "Roll back an upload"),
        "up_rollback_choice": ("Lần tải lên", "Upload"),
        "up_rollback_confirm": (
            "Tôi xác nhận khôi phục năm {years} về như trước lần tải lên số {id}",
            "I confirm restoring {years} to how it was before upload {id}",
        ),
        "up_rollback_button": ("Hoàn tác", "Roll back"),
        "up_rolled_back": ("Đã hoàn tác lần tải lên số {id}.", "Upload {id} was rolled back."),
        "up_rollback_none": ("Không có lần tải lên nào để hoàn tác.", "There is no upload to roll back."),
        "up_raw_download": ("Tải tệp gốc của lần tải lên số {id}", "Download the original file of upload {id}"),
        "up_history_editors_only": (
            "Tên người thực hiện và tệp gốc chỉ hiện với biên tập viên.",
            "Who made each change, and the original files, are shown to editors only.",
        ),
        "up_change_added": ("thêm", "added"),
        "up_change_changed": ("sửa", "changed"),
        "up_change_removed": ("xóa", "removed"),
        "up_action_upload": ("tải lên", "upload"),
        "up_action_rollback": ("hoàn tác", "rollback"),
        "up_status_active": ("đang dùng", "active"),
        "up_status_rolled_back": ("đã hoàn tác", "rolled back"),
        "up_status_done": ("đã thực hiện", "done"),
        "up_col_year": ("Năm", "Year"),
        "up_col_province": ("Tỉnh", "Province"),
        "up_col_measure": ("Nội dung", "Dimension"),
        "up_col_change": ("Thay đổi", "Change"),
        "up_col_old": ("Điểm cũ", "Old score"),
        "up_col_new": ("Điểm mới", "New score"),
        "up_col_id": ("Số", "No."),
        "up_col_action": ("Thao tác", "Action"),
        "up_col_user": ("Người thực hiện", "By"),
        "up_col_time": ("Thời gian", "When"),
        "up_col_file": ("Tệp", "File"),
        "up_col_status": ("Trạng thái", "Status"),
        "up_col_note": ("Ghi chú", "Note"),
        "up_col_sha": ("SHA-256", "SHA-256"),
        "up_note_rolls_back": ("hoàn tác số {id}", "undoes no. {id}"),
        "up_note_rolled_back_by": ("hoàn tác bởi số {id}", "undone by no. {id}"),
    }
)


# --- bounds on reading an upload (lib.ingest.limits, lib.ingest.sandbox): problem codes limit_<bound> ---
_KEEP_THE_SCORES = (
    "Chỉ giữ trang tính có điểm (chép nó sang một sổ tính mới), xóa các cột và dòng trống, lưu lại rồi tải lên.",
    "Save only the sheet with the scores (copy it into a new workbook), remove empty columns and rows, and upload "
    "again.",
)
LABELS.update(
    {
        "vd_limit_parts": (
            "Tệp .xlsx gồm {value} phần; giới hạn là {limit} phần.",
            "The .xlsx file is made of {value} parts; the limit is {limit}.",
        ),
        "vd_limit_parts_fix": _KEEP_THE_SCORES,
        "vd_limit_part_size": (
            "Phần '{part}' của tệp .xlsx giải nén ra {value}; giới hạn kích thước giải nén là {limit} mỗi phần.",
            "Part '{part}' of the .xlsx file has an unzipped size of {value}; the limit is {limit} per part.",
        ),
        "vd_limit_part_size_fix": (
            "Xóa các cột và dòng trống bên phải và bên dưới bảng điểm (chọn chúng rồi bấm Delete), chỉ giữ trang "
            "tính có điểm, lưu lại rồi tải lên.",
            "Remove the empty columns and rows right of and below the score table (select them, Delete), save only "
            "the sheet with the scores, and upload again.",
        ),
        "vd_limit_unzipped_size": (
            "Tệp .xlsx giải nén ra {value}; giới hạn kích thước giải nén là {limit}.",
            "The .xlsx file has an unzipped size of {value}; the limit is {limit}.",
        ),
        "vd_limit_unzipped_size_fix": _KEEP_THE_SCORES,
        "vd_limit_cells": (
            "Sổ tính có hơn {limit} ô (đếm tới phần '{part}'); bảng điểm PAPI không lớn như vậy.",
            "The workbook holds more than {limit} cells (counted up to part '{part}'); a PAPI score table is not "
            "that large.",
        ),
        "vd_limit_cells_fix": _KEEP_THE_SCORES,
        "vd_limit_columns": (
            "Trang tính có ô tới cột {value}; giới hạn là {limit} cột.",
            "The sheet has cells up to column {value}; the limit is {limit} columns.",
        ),
        "vd_limit_columns_fix": (
            "Xóa các cột trống bên phải bảng điểm (chọn từ cột đầu tiên sau bảng tới cột cuối cùng, bấm Delete), "
            "lưu lại rồi tải lên.",
            "Remove the empty columns right of the score table (select from the first column after the table to "
            "the last one, Delete), save and upload again.",
        ),
        "vd_limit_shared_strings": (
            "Bảng chữ dùng chung (shared strings) của sổ tính có hơn {limit} mục.",
            "The workbook's shared-strings table holds more than {limit} texts.",
        ),
        "vd_limit_shared_strings_fix": (
            "Chỉ giữ trang tính có điểm: chép nó sang một sổ tính mới (Dán giá trị), xóa các cột chữ không cần "
            "(ghi chú), lưu lại rồi tải lên.",
            "Save only the sheet with the scores: copy it into a new workbook (Paste Values), delete the text "
            "columns you do not need (notes), and upload again.",
        ),
        "vd_limit_time": (
            "Kiểm tra tệp mất hơn {limit} nên đã bị dừng (giới hạn thời gian).",
            "Checking the file took longer than {limit} and was stopped (time limit).",
        ),
        "vd_limit_time_fix": _KEEP_THE_SCORES,
        "vd_limit_memory": (
            "Kiểm tra tệp cần hơn {limit} bộ nhớ nên đã bị dừng (giới hạn bộ nhớ).",
            "Checking the file needed more than {limit} of memory and was stopped (memory limit).",
        ),
        "vd_limit_memory_fix": _KEEP_THE_SCORES,
    }
)

# --- PAPI indicators (2018, 2019) and published uncertainty; keys ind_* ---
LABELS.update(
    {
        "ind_header": ("Chỉ tiêu của “{name}”, {year}", "Indicators of “{name}”, {year}"),
        "ind_not_published": (
            "Các nguồn dữ liệu không công bố chỉ tiêu thành phần cho năm {year}; "
            "chỉ tiêu của từng nội dung thành phần chỉ có cho năm {years}.",
            "The sources publish no indicator data for {year}; "
            "the indicators below each sub-dimension are published for {years} only.",
        ),
        "ind_pick_sub": (
            "Chọn một nội dung thành phần (ví dụ 5.1) để xem các chỉ tiêu kéo điểm của nó xuống.",
            "Choose a sub-dimension (e.g. 5.1) to see which of its indicators pull it down.",
        ),
        "ind_none_for_province": (
            "Tệp chỉ tiêu năm {year} không có số liệu của {province} cho nội dung này.",
            "The {year} indicator file has no figures for {province} in this sub-dimension.",
        ),
        "ind_caption": (
            "Xếp từ chỉ tiêu kéo điểm xuống nhiều nhất: bách phân vị là vị thế của {province} trong các tỉnh "
            "có số liệu (0 = kém nhất, 50 = trung vị toàn quốc, 100 = tốt nhất). Chiều “tốt” của mỗi chỉ tiêu "
            "là cách bảng điều khiển đọc tên chỉ tiêu, PAPI không công bố. Nguồn: CECODES, VFF-CRT, RTA & UNDP, "
            "PAPI {year}, tệp chỉ tiêu cấp tỉnh.",
            "Sorted with the indicators pulling the score down first: the percentile is {province}'s standing "
            "among the provinces with a figure (0 = worst, 50 = national median, 100 = best). Which way is "
            "better is the dashboard's reading of each indicator's name; PAPI does not publish it. Source: "
            "CECODES, VFF-CRT, RTA & UNDP, PAPI {year}, provincial indicator file.",
        ),
        "ind_vi_only": (
            "Tên chỉ tiêu có dấu {mark} chỉ được công bố bằng tiếng Việt.",
            "Names marked {mark} are published in Vietnamese only; the other English names are those printed "
            "in the same PAPI file.",
        ),
        "ind_unranked": (
            "Không xếp hạng (không rõ cao hay thấp là tốt): {items}.",
            "Not ranked (whether higher or lower is better is unclear): {items}.",
        ),
        "ind_missing": (
            "Không có số liệu của tỉnh ở {n} chỉ tiêu (“KCDL” trong tệp 2018, hoặc dưới 15 người trả lời năm 2019).",
            "No figure for the province in {n} indicator(s) (“KCDL” in the 2018 file, or fewer than 15 answers "
            "in 2019).",
        ),
        "ind_col_indicator": ("Chỉ tiêu", "Indicator"),
        "ind_col_scale": ("Thang đo (công bố)", "Scale (as published)"),
        "ind_col_value": ("Giá trị của tỉnh", "Province's value"),
        "ind_col_median": ("Trung vị toàn quốc", "National median"),
        "ind_col_rank": ("Xếp hạng", "Rank"),
        "ind_col_percentile": ("Bách phân vị", "Percentile"),
        "ind_col_better": ("Chiều tốt", "Better when"),
        "ind_better_higher": ("cao hơn", "higher"),
        "ind_better_lower": ("thấp hơn", "lower"),
        "ind_better_unclear": ("không rõ", "unclear"),
        "ind_chart_title": (
            "{province}: vị thế ở từng chỉ tiêu của “{name}”, {year}",
            "{province}: standing in each indicator of “{name}”, {year}",
        ),
        "ind_axis": (
            "Bách phân vị trong các tỉnh (50 = trung vị toàn quốc)",
            "Percentile among provinces (50 = national median)",
        ),
        "ind_median_line": ("Trung vị toàn quốc", "National median"),
        "ind_hover_value": ("Giá trị", "Value"),
        "ind_hover_median": ("Trung vị toàn quốc", "National median"),
    }
)


# --- 2025 change of units (63 provinces -> 34 units from 1 July 2025) ---
LABELS.update(
    {
        "era_unit_formed": ("Từ 2025: {unit} gồm {formers} cũ.", "From 2025: {unit} comprises former {formers}."),
        "era_merged_into": (
            "Từ 2025: {province} cùng {others} hợp thành {unit} mới.",
            "From 2025: {province} and {others} form the new {unit}.",
        ),
        "era_switched_to_34": (
            "Năm {year} dùng 34 đơn vị mới: {province} → {unit}.",
            "{year} uses the 34 new units: {province} → {unit}.",
        ),
        "era_switched_to_63": (
            "Năm {year} dùng 63 tỉnh cũ: {unit} → {province}.",
            "{year} uses the 63 former provinces: {unit} → {province}.",
        ),
        "year_not_available": (
            "Chưa có điểm PAPI năm {asked}; đang hiển thị năm {shown}.",
            "There are no PAPI scores for {asked}; showing {shown} instead.",
        ),
        "era_until_2024": ("{name} (đến 2024)", "{name} (to 2024)"),
        "era_from_2025": ("{name} (từ 2025)", "{name} (from 2025)"),
        "break_reason_2016": (
            "2016: PAPI điều chỉnh cách tính nội dung 1, 3 và 5.",
            "2016: PAPI rebaselined dimensions 1, 3 and 5.",
        ),
        "break_reason_2018": (
            "2018: PAPI áp dụng bộ chỉ số mới gồm 8 nội dung (thang 8–80); không so sánh với các năm trước.",
            "2018: new 8-dimension structure (scale 8–80); PAPI advises against comparison with earlier years.",
        ),
        "break_reason_2019": (
            "2019: Quản trị điện tử thêm nội dung thành phần 'Phúc đáp qua cổng thông tin điện tử'.",
            "2019: E-Governance adds the 'E-Responsiveness' sub-dimension.",
        ),
        "break_reason_2021": (
            "2021: bỏ nội dung 'Thủ tục xin cấp phép xây dựng' khỏi Thủ tục hành chính công.",
            "2021: 'Construction Permits' dropped from Public Administrative Procedures.",
        ),
        "break_reason_2025": (
            "2025: 34 đơn vị hành chính cấp tỉnh mới sau sáp nhập (từ 1/7/2025); "
            "không nối với số liệu của 63 tỉnh cũ.",
            "2025: 34 new provincial units after the mergers (from 1 July 2025); "
            "not joined to the scores of the 63 former provinces.",
        ),
        "tr_unit_change": (
            "Đến 2024 là tỉnh {old} (63 tỉnh cũ); từ 2025 là đơn vị mới {unit}, gồm {formers} cũ. "
            "Hai chuỗi không nối với nhau.",
            "Up to 2024: the former province {old} (63 provinces); from 2025: the new unit {unit}, comprising "
            "former {formers}. The two series are not joined.",
        ),
    }
)


# --- plans in the store: import, history, roll back, the plan command line; keys ps_* ---
LABELS.update(
    {
        # What to load on the Upload page
        "ps_choice": ("Tải lên", "Load"),
        "ps_choice_scores": ("Điểm PAPI", "PAPI scores"),
        "ps_choice_plan": ("Kế hoạch của tỉnh", "A province's plan"),
        "ps_title": ("Tải lên kế hoạch nhiệm vụ", "Load a plan of tasks"),
        "ps_intro": (
            "Tải lên bảng phân công nhiệm vụ của kế hoạch (Word, Excel, trang web đã lưu, văn bản hoặc PDF có lớp "
            "chữ). Hệ thống đọc bảng, nhận diện các cột, mục, cơ quan, thời hạn và liên kết với PAPI; bạn xem lại, "
            "sửa liên kết và tên cơ quan, rồi lưu. Mỗi lần lưu được ghi lại cùng tệp gốc và có thể hoàn tác.",
            "Load the table of tasks of a plan (Word, Excel, a saved web page, text, or a PDF with a text layer). "
            "The table is read into columns, sections, agencies, deadlines and a link to PAPI; you review it, "
            "correct the link and the agency names, and commit. Every commit is recorded with the original file "
            "and can be rolled back.",
        ),
        "ps_step_file": ("1. Kế hoạch và tệp", "1. The plan and its file"),
        "ps_year": ("Năm của kế hoạch", "Plan year"),
        "ps_province": ("Tỉnh/thành phố ban hành", "Province issuing the plan"),
        "ps_file": (
            "Tệp kế hoạch (.docx, .xlsx, .html, .txt, .pdf; tối đa {mb} MB)",
            "Plan document (.docx, .xlsx, .html, .txt, .pdf; at most {mb} MB)",
        ),
        "ps_document": ("Số hoặc tên văn bản", "Document number or name"),
        "ps_document_help": (
            "Cùng tỉnh, cùng năm và cùng số/tên văn bản là cùng một kế hoạch: tải lại sẽ thay thế kế hoạch cũ.",
            "The same province, year and document number or name is the same plan: loading it again replaces it.",
        ),
        "ps_plan_title": ("Tiêu đề kế hoạch (không bắt buộc)", "Plan title (optional)"),
        "ps_step_check": ("2. Kiểm tra", "2. Check"),
        "ps_ok": (
            "Đọc được {tasks} nhiệm vụ trong {sections} mục.",
            "{tasks} tasks read in {sections} sections.",
        ),
        "ps_bad": (
            "Tệp có {errors} lỗi và {warnings} cảnh báo; chưa thể lưu. Sửa theo hướng dẫn bên dưới rồi tải lại.",
            "The file has {errors} errors and {warnings} warnings and cannot be committed. Fix them as shown "
            "below and load it again.",
        ),
        "ps_columns": ("Cột nào được dùng cho nội dung nào:", "Which column was taken for what:"),
        "ps_columns_missing": ("Không tìm thấy cột: {roles}.", "No column found for: {roles}."),
        "ps_col_role": ("Nội dung", "Used for"),
        "ps_col_header": ("Tiêu đề cột trong tệp", "Column header in the file"),
        "ps_col_table": ("Bảng", "Table"),
        "ps_col_column": ("Cột số", "Column"),
        "ps_role_number": ("Số thứ tự", "Number"),
        "ps_role_task": ("Nhiệm vụ", "Task"),
        "ps_role_lead": ("Cơ quan chủ trì", "Lead agency"),
        "ps_role_implementing": ("Cơ quan phối hợp/thực hiện", "Implementing agencies"),
        "ps_role_deadline": ("Thời hạn", "Deadline"),
        "ps_role_output": ("Sản phẩm", "Output"),
        "ps_step_review": (
            "3. Xem lại: mục, nhiệm vụ, cơ quan, liên kết PAPI",
            "3. Review: sections, tasks, agencies, the link to PAPI",
        ),
        "ps_metric_tasks": ("Nhiệm vụ", "Tasks"),
        "ps_metric_sections": ("Mục", "Sections"),
        "ps_metric_new_agencies": ("Tên cơ quan chưa biết", "Unknown agency names"),
        "ps_metric_unmapped": ("Chưa gắn với PAPI", "Not linked to PAPI"),
        "ps_metric_dated": ("Có thời hạn đọc được", "Readable deadlines"),
        "ps_sections_help": (
            "Mỗi mục và nội dung PAPI được gắn (căn cứ, độ tin cậy). Sửa Nội dung (1-8) hoặc mã nội dung thành "
            "phần của một mục: mọi nhiệm vụ trong mục theo liên kết mới.",
            "Each section and the PAPI dimension it was linked to (evidence, confidence). Change a section's "
            "dimension (1-8) or sub-dimension keys: every task of the section follows the new link.",
        ),
        "ps_tasks_help": (
            "Mỗi nhiệm vụ: mục, cơ quan, thời hạn như văn bản ghi và như đã đọc, sản phẩm, liên kết PAPI. Có thể "
            "sửa liên kết của từng nhiệm vụ và câu chữ nhiệm vụ.",
            "Each task: section, agencies, the deadline as written and as read, output, and the PAPI link. A "
            "task's link and its text can be corrected.",
        ),
        "ps_dimension_help": (
            "Nội dung PAPI 1-8; để trống nếu nhiệm vụ không thuộc nội dung nào.",
            "PAPI dimension 1-8; leave empty when the task belongs to none.",
        ),
        "ps_keys_help": (
            "Mã nội dung thành phần, cách nhau bởi dấu ';' (ví dụ access_to_information); để trống là cả nội dung.",
            "Sub-dimension keys separated by ';' (e.g. access_to_information); empty means the whole dimension.",
        ),
        "ps_col_position": ("Thứ tự", "Position"),
        "ps_col_section": ("Mục", "Section"),
        "ps_col_title": ("Tên mục", "Section title"),
        "ps_col_number": ("Số", "No."),
        "ps_col_task": ("Nhiệm vụ", "Task"),
        "ps_col_lead": ("Chủ trì", "Lead"),
        "ps_col_implementing": ("Phối hợp/thực hiện", "Implementing"),
        "ps_col_deadline": ("Thời hạn (như văn bản ghi)", "Deadline (as written)"),
        "ps_col_deadline_date": ("Thời hạn (đã đọc)", "Deadline (as read)"),
        "ps_col_output": ("Sản phẩm", "Output"),
        "ps_col_dimension": ("Nội dung PAPI", "PAPI dimension"),
        "ps_col_keys": ("Nội dung thành phần", "Sub-dimension keys"),
        "ps_col_confidence": ("Độ tin cậy", "Confidence"),
        "ps_col_evidence": ("Căn cứ", "Evidence"),
        "ps_col_written": ("Tên trong văn bản", "Name as written"),
        "ps_col_status": ("Tình trạng", "Status"),
        "ps_col_closest": ("Tên gần nhất trong danh mục", "Closest known name"),
        "ps_col_similarity": ("Mức giống", "Similarity"),
        "ps_col_level": ("Cấp", "Level"),
        "ps_col_tasks": ("Số nhiệm vụ", "Tasks"),
        "ps_col_name": ("Tên sẽ lưu", "Name to store"),
        "ps_col_plan": ("Kế hoạch", "Plan"),
        "ps_col_document": ("Văn bản", "Document"),
        "ps_status_new": ("tên mới", "new name"),
        "ps_status_likely_alias": (
            "có thể là tên khác của một cơ quan đã biết", "probably another name of a known agency"),
        "ps_status_likely_alias_of": ("có thể là: {closest}", "probably: {closest}"),
        "ps_status_run_together": (
            "viết liền với tên khác, không có dấu phân cách",
            "run together with another name, without a separator",
        ),
        "ps_status_known": ("đã có trong danh mục", "in the list"),
        "ps_level_province": ("tỉnh", "province"),
        "ps_level_district": ("huyện", "district"),
        "ps_level_commune": ("xã", "commune"),
        "ps_level_other": ("khác", "other"),
        "ps_agencies_all_known": (
            "Mọi cơ quan trong kế hoạch đều có trong danh mục cơ quan.",
            "Every agency of the plan is in the agency list.",
        ),
        "ps_agencies_unknown": (
            "{n} tên cơ quan chưa có trong danh mục: xem lại cột 'Tên sẽ lưu' trước khi lưu.",
            "{n} agency names are not in the list: review the 'Name to store' column before committing.",
        ),
        "ps_agencies_help": (
            "Giữ nguyên tên trong văn bản để nhận là cơ quan mới; ghi tên một cơ quan đã có (ví dụ tên gần nhất) "
            "để gộp vào cơ quan đó; hoặc sửa lại tên cho đúng.",
            "Keep the name as written to accept it as a new agency; write a known agency's name (e.g. the closest "
            "one) to merge it into that agency; or correct the name.",
        ),
        "ps_decision_new": ("nhận là cơ quan mới", "accepted as a new agency"),
        "ps_decision_alias": ("gộp vào cơ quan đã có", "merged into a known agency"),
        "ps_decision_corrected": ("đã sửa tên", "corrected"),
        "ps_decision_known": ("đã có trong danh mục", "in the list"),
        "ps_step_commit": ("4. Lưu", "4. Commit"),
        "ps_target": (
            "Kế hoạch {plan_id}: {province}, năm {year}, văn bản '{document}'.",
            "Plan {plan_id}: {province}, {year}, document '{document}'.",
        ),
        "ps_replace_warning_seed": (
            "Kế hoạch này đã có sẵn trong ứng dụng ({plan_id}, {tasks} nhiệm vụ). Lưu sẽ thay thế nó; hoàn tác "
            "sẽ khôi phục lại.",
            "This plan ships with the app ({plan_id}, {tasks} tasks). Committing replaces it; a rollback "
            "restores it.",
        ),
        "ps_replace_warning_loaded": (
            "Kế hoạch này đã được tải lên trước đây ({plan_id}, {tasks} nhiệm vụ). Lưu sẽ thay thế nó; hoàn tác "
            "sẽ khôi phục lại.",
            "This plan was loaded before ({plan_id}, {tasks} tasks). Committing replaces it; a rollback "
            "restores it.",
        ),
        "ps_confirm": ("Tôi xác nhận thay thế kế hoạch đã có", "I confirm replacing the plan in the store"),
        "ps_commit": ("Lưu kế hoạch", "Commit the plan"),
        "ps_committed": (
            "Đã lưu kế hoạch {plan_id} của {province} năm {year} ({tasks} nhiệm vụ), lần tải lên số {id}.",
            "Committed plan {plan_id} of {province}, {year} ({tasks} tasks) as load {id}.",
        ),
        "ps_history": ("Lịch sử tải lên kế hoạch", "Plan history"),
        "ps_history_empty": ("Chưa có kế hoạch nào được tải lên.", "No plan has been loaded yet."),
        "ps_action_load": ("Tải lên", "Load"),
        "ps_action_rollback": ("Hoàn tác", "Rollback"),
        "ps_replaced_seed": ("thay kế hoạch có sẵn", "replaced the shipped plan"),
        "ps_replaced_loaded": ("thay kế hoạch đã tải lên", "replaced a loaded plan"),
        "ps_rollback_none": ("Không còn lần tải lên nào để hoàn tác.", "No load left to roll back."),
        "ps_rollback_choice": ("Lần tải lên cần hoàn tác", "Load to roll back"),
        "ps_raw_download": ("Tải tệp gốc của lần số {id}", "Download the original file of load {id}"),
        "ps_rollback_confirm": (
            "Tôi xác nhận hoàn tác lần số {id} ({plan})",
            "I confirm rolling back load {id} ({plan})",
        ),
        "ps_rollback_button": ("Hoàn tác", "Roll back"),
        "ps_rolled_back": (
            "Đã hoàn tác lần tải lên số {id}: kế hoạch trở lại như trước.",
            "Rolled back load {id}: the plan is as it was before.",
        ),
        # Refusals of lib/store/plan_importer.py
        "ps_refused_invalid_preview": (
            "Tệp còn lỗi; sửa lỗi trước khi xem trước.", "The file has errors; fix them first."),
        "ps_refused_invalid_commit": ("Tệp còn lỗi, không thể lưu.", "The file has errors and cannot be committed."),
        "ps_refused_no_user": ("Thiếu tên người thực hiện.", "The user's name is missing."),
        "ps_refused_other_file": (
            "Tệp không phải tệp đã được kiểm tra. Tải lại tệp rồi xem trước lại.",
            "This is not the file that was checked. Load the file again and preview again.",
        ),
        "ps_refused_stale": (
            "Kế hoạch này vừa được người khác thay đổi. Xem trước lại rồi mới lưu.",
            "Someone else changed this plan since your preview. Preview again before committing.",
        ),
        "ps_refused_exists": (
            "Kế hoạch '{document}' năm {year} đã có trong kho ({plan_id}, {tasks} nhiệm vụ). Để thay thế, dùng "
            "--replace (dòng lệnh) hoặc đánh dấu ô xác nhận thay thế (trang Tải lên); để lưu thành kế hoạch khác, "
            "ghi số/tên văn bản khác (--document).",
            "Plan '{document}' of {year} is already in the store ({plan_id}, {tasks} tasks). To replace it, pass "
            "--replace (command line) or tick the replace box (Upload page); to keep both, give another document "
            "number or name (--document).",
        ),
        "ps_refused_not_found": ("Không có lần tải kế hoạch số {id}.", "There is no plan load {id}."),
        "ps_refused_already_rolled_back": (
            "Lần tải kế hoạch số {id} đã được hoàn tác.", "Plan load {id} was already rolled back."),
        "ps_refused_later_loads": (
            "Các lần tải sau ({loads}) đã thay kế hoạch này; hoàn tác chúng trước.",
            "Later loads ({loads}) replaced this plan; roll them back first.",
        ),
        "ps_refused_unknown_province": (
            "Không có tỉnh/thành phố '{name}' trong danh sách năm {year}. Gần nhất: {hints}.",
            "There is no province '{name}' in the list of {year}. Closest: {hints}.",
        ),
        "ps_refused_no_document": (
            "Thiếu số hoặc tên văn bản của kế hoạch.", "The plan's document number or name is missing."),
        "ps_refused_review_keys_without_dimension": (
            "{where}: có mã nội dung thành phần ({keys}) nhưng chưa chọn nội dung PAPI.",
            "{where}: sub-dimension keys ({keys}) without a PAPI dimension.",
        ),
        "ps_refused_review_bad_dimension": (
            "{where}: nội dung PAPI {dimension} không có; chọn từ 1 đến 8.",
            "{where}: there is no PAPI dimension {dimension}; choose 1 to 8.",
        ),
        "ps_refused_review_unknown_key": (
            "{where}: không có nội dung thành phần '{papi_key}'.", "{where}: there is no sub-dimension '{papi_key}'."),
        "ps_refused_review_key_of_other_dimension": (
            "{where}: '{papi_key}' không thuộc nội dung {dimension}.",
            "{where}: '{papi_key}' is not part of dimension {dimension}.",
        ),
        "ps_refused_review_key_not_in_year": (
            "{where}: '{papi_key}' không có trong cấu trúc PAPI năm {year}.",
            "{where}: '{papi_key}' is not in the PAPI structure of {year}.",
        ),
        "ps_refused_review_no_such_task": ("Không có nhiệm vụ số {where}.", "There is no task {where}."),
        # The plan command line of lib.importer
        "ps_cli_column": (
            "Cột '{header}' (bảng {table}, cột {column}) → {role}",
            "Column '{header}' (table {table}, column {column}) → {role}",
        ),
        "ps_cli_accepted_unread": (
            "Không đọc được các tên cơ quan đã duyệt ở kế hoạch trước (kho dữ liệu đang được một tiến trình khác "
            "dùng): các tên đó được kiểm tra như tên chưa có trong danh mục.",
            "Could not read the agency names reviewed on earlier plans (another process holds the store): "
            "they are checked as names not in the list.",
        ),
        "ps_cli_valid": (
            "Tệp hợp lệ: {tasks} nhiệm vụ trong {sections} mục; {new} tên cơ quan chưa có trong danh mục "
            "({warnings} cảnh báo).",
            "The file is valid: {tasks} tasks in {sections} sections; {new} agency names not in the list "
            "({warnings} warnings).",
        ),
        "ps_cli_preview": (
            "Kế hoạch {plan_id}: {province}, năm {year}, '{document}': {tasks} nhiệm vụ, {sections} mục, {new} "
            "tên cơ quan mới, {unmapped} nhiệm vụ chưa gắn với PAPI.",
            "Plan {plan_id}: {province}, {year}, '{document}': {tasks} tasks, {sections} sections, {new} new "
            "agency names, {unmapped} tasks not linked to PAPI.",
        ),
        "ps_cli_agency": ("Cơ quan '{written}' → '{name}' ({decision})", "Agency '{written}' → '{name}' ({decision})"),
        "ps_cli_committed": (
            "Đã lưu kế hoạch {plan_id} ({tasks} nhiệm vụ), lần tải lên số {id}.",
            "Committed plan {plan_id} ({tasks} tasks) as load {id}.",
        ),
        "ps_cli_rolled_back": (
            "Đã hoàn tác lần tải kế hoạch số {id} (ghi nhận số {rollback}).",
            "Rolled back plan load {id} (recorded as {rollback}).",
        ),
    }
)


# --- the brief for leaders (lib/present/brief.py, `python -m lib.brief`, Overview's download) ---
LABELS.update(
    {
        "br_title": (
            "Tóm tắt PAPI cho lãnh đạo: {province}, PAPI {year}",
            "PAPI brief for leaders: {province}, PAPI {year}",
        ),
        "br_subtitle_plan": (
            "Kế hoạch nhiệm vụ năm {plan_year}: {tasks} nhiệm vụ, {agencies} cơ quan. Năm gốc (khảo sát PAPI cuối "
            "cùng trước kế hoạch): {baseline}.",
            "Task plan of {plan_year}: {tasks} tasks, {agencies} agencies. Baseline year (the last PAPI survey before "
            "the plan): {baseline}.",
        ),
        "br_subtitle_no_plan": (
            "Chưa có kế hoạch nhiệm vụ cho {province}: các phần về kế hoạch để trống.",
            "No task plan yet for {province}: the parts about the plan are left empty.",
        ),
        "br_unit_note": (
            "Từ 1/7/2025 {unit} là đơn vị mới gồm {formers} cũ; kế hoạch là của tỉnh {former} cũ.",
            "From 1 July 2025 {unit} is a new unit comprising former {formers}; the plan is former {former}'s.",
        ),
        "br_key_points": ("Những điểm chính", "Key points"),
        "br_total_sentence": (
            "{province} đạt {total} điểm PAPI năm {year} (thang {scale}), xếp hạng {rank}.",
            "{province} scored {total} in PAPI {year} (scale {scale}), ranked {rank}.",
        ),
        "br_change_sentence": (
            "So với năm {prev}: tổng điểm {delta}, xếp hạng {move}.",
            "Compared with {prev}: the total moved {delta} and the rank went {move}.",
        ),
        "br_total_not_comparable": ("Không so sánh với năm {prev}. {reasons}", "Not compared with {prev}. {reasons}"),
        "br_rank_up": ("tăng {n} bậc", "up {n} places"),
        "br_rank_down": ("giảm {n} bậc", "down {n} places"),
        "br_rank_same": ("giữ nguyên", "unchanged"),
        "br_dims_sentence": (
            "{below}/{n} nội dung thấp hơn trung vị toàn quốc; yếu nhất là {weakest} (hạng {rank}).",
            "{below} of {n} dimensions are below the national median; the weakest is {weakest} (rank {rank}).",
        ),
        "br_tasks_sentence": (
            "Kế hoạch giao nhiều nhiệm vụ nhất cho {most} ({n}) và ít nhất cho {least} ({m}).",
            "The plan gives the most tasks to {most} ({n}) and the fewest to {least} ({m}).",
        ),
        "br_gap_sentence": (
            "Cần chú ý: {names} nằm trong ba nội dung thành phần yếu nhất nhưng chưa có nhiệm vụ riêng.",
            "Needs attention: no task of its own for {names}, among the three weakest sub-dimensions.",
        ),
        "br_gap_none": (
            "Ba nội dung thành phần yếu nhất đều đã có nhiệm vụ trong kế hoạch.",
            "Each of the three weakest sub-dimensions has at least one task in the plan.",
        ),
        "br_moved_sentence": (
            "Từ năm gốc {baseline} đến {year}: tổng điểm {delta}, xếp hạng từ {from_rank} thành {to_rank}; "
            "{up}/{n} nội dung so sánh được có điểm tăng.",
            "From the baseline {baseline} to {year}: the total moved {delta} and the rank from {from_rank} to "
            "{to_rank}; {up} of {n} comparable dimensions scored higher.",
        ),
        "br_status_sentence": (
            "Chưa có báo cáo tiến độ nhiệm vụ, nên chưa tính được tỷ lệ hoàn thành và số nhiệm vụ quá hạn.",
            "No task status reports yet, so completion and overdue tasks cannot be counted.",
        ),
        "br_dims_title": (
            "Tám nội dung năm {year}: điểm của tỉnh, trung vị toàn quốc và tỉnh cao nhất (thang 1–10)",
            "The eight dimensions in {year}: the province, the national median and the best province (1–10 scale)",
        ),
        "br_col_province": ("Tỉnh", "Province"),
        "br_col_median": ("Trung vị", "Median"),
        "br_col_best": ("Cao nhất", "Best"),
        "br_best_names": ("Tỉnh cao nhất: {names}.", "Best provinces: {names}."),
        "br_tasks_title": ("Nhiệm vụ theo nội dung", "Tasks per dimension"),
        "br_below_mark": ("* dưới trung vị toàn quốc", "* below the national median"),
        "br_weak_title": (
            "Ba nội dung thành phần yếu nhất năm {year} (theo phân vị toàn quốc) và nhiệm vụ của kế hoạch",
            "The three weakest sub-dimensions in {year} (by national percentile) and the plan's tasks",
        ),
        "br_col_tasks_own": ("Nhiệm vụ riêng", "Own tasks"),
        "br_no_task": ("KHÔNG CÓ NHIỆM VỤ", "NO TASK"),
        "br_whole_tasks": ("+{n} cho cả nội dung", "+{n} for the whole dimension"),
        "br_agencies_title": ("Năm cơ quan nhận nhiều nhiệm vụ nhất", "The five agencies carrying the most tasks"),
        "br_col_total": ("Tổng", "Total"),
        "br_col_completion": ("Hoàn thành", "Completion"),
        "br_overdue": (
            "Hoàn thành và nhiệm vụ quá hạn: chưa có báo cáo tiến độ nhiệm vụ.",
            "Completion and overdue tasks: no task status reports yet.",
        ),
        "br_moved_title": (
            "Thay đổi từ năm gốc {baseline} đến {year}",
            "What moved from the baseline {baseline} to {year}",
        ),
        "br_col_measure": ("Chỉ số", "Measure"),
        "br_col_change": ("Thay đổi", "Change"),
        "br_total_label": ("Tổng điểm", "Total"),
        "br_not_comparable": ("không so sánh ({year})", "not comparable ({year})"),
        "br_missing": ("không có điểm", "no score"),
        "br_moved_breaks": ("Không so sánh qua năm PAPI đổi phương pháp: {reasons}", "No comparison across a PAPI "
                            "method change: {reasons}"),
        "br_no_baseline": ("Không có năm gốc vì chưa có kế hoạch.", "No baseline year: there is no plan."),
        "br_baseline_missing": (
            "Không có khảo sát PAPI nào trước năm kế hoạch {plan_year}.",
            "No PAPI survey before the plan year {plan_year}.",
        ),
        "br_not_after": (
            "PAPI {year} không sau năm gốc {baseline}: chưa có gì để so sánh.",
            "PAPI {year} is not after the baseline {baseline}: nothing to compare yet.",
        ),
        "br_no_plan_part": ("Chưa có kế hoạch nhiệm vụ.", "No task plan yet."),
        "br_no_scores_part": ("Chưa có điểm năm {year}.", "No scores for {year}."),
        "br_sources": (
            "Nguồn: điểm PAPI của CECODES, VFF-CRT, RTA và UNDP (papi.org.vn); kế hoạch: {plan}. "
            "Dữ liệu thay đổi lần cuối: {changed}.",
            "Sources: PAPI scores by CECODES, VFF-CRT, RTA and UNDP (papi.org.vn); plan: {plan}. "
            "Data last changed: {changed}.",
        ),
        "br_plan_source": (
            "phụ lục kế hoạch nâng cao chỉ số PAPI năm {plan_year} của UBND tỉnh {province}",
            "appendix of the {province} People's Committee plan to raise PAPI, {plan_year}",
        ),
        "br_plan_none": ("không có", "none"),
        "br_changed_upload": ("{date} (lần tải lên số {id})", "{date} (upload no. {id})"),
        "br_changed_files": ("{date} (ngày của tệp dữ liệu)", "{date} (date of the data files)"),
        "br_footer": (
            "Tạo ngày {date} từ bảng điều khiển PAPI; số liệu giống trang Tổng quan và Nội dung.",
            "Made on {date} by the PAPI dashboard; the figures are those of its Overview and Dimensions pages.",
        ),
        "br_download": ("Tải bản tóm tắt PDF cho lãnh đạo", "Download the leaders' brief (PDF)"),
        "br_download_help": (
            "Một trang A4, in đen trắng được: điểm, xếp hạng, nội dung yếu và nhiệm vụ của kế hoạch.",
            "One A4 page that prints in black and white: score, rank, weak areas and the plan's tasks.",
        ),
        "br_cli_unknown_province": (
            "Không tìm thấy tỉnh “{name}” trong danh sách năm {year}. Gợi ý: {suggestions}.",
            "No province “{name}” in the list of {year}. Did you mean: {suggestions}?",
        ),
        "br_cli_unknown_plan": (
            "{province} không có kế hoạch năm {plan_year} (có: {plans}).",
            "{province} has no plan of {plan_year} (plans: {plans}).",
        ),
        "br_cli_no_year": (
            "Chưa có điểm PAPI năm {year} (có: {years}).",
            "No PAPI scores for {year} (years: {years}).",
        ),
        "br_cli_need": (
            "Cần --province TÊN hoặc --all-provinces.",
            "Give --province NAME or --all-provinces.",
        ),
        "br_cli_progress": ("[{i}/{n}] {province}: {status}", "[{i}/{n}] {province}: {status}"),
        "br_cli_failed": ("LỖI {error}", "FAILED {error}"),
        "br_cli_wrote": ("Đã ghi {path}", "Wrote {path}"),
        "br_cli_summary": (
            "{ok}/{n} bản tóm tắt đã ghi vào {out}; tệp gộp: {combined}.",
            "{ok} of {n} briefs written to {out}; combined file: {combined}.",
        ),
        "br_cli_failures": ("Không tạo được {k} bản: {names}", "{k} brief(s) failed: {names}"),
    }
)


# --- plans in the dashboard: the plan chooser, the comparison of plans, search across plans; keys pv_* ---
LABELS.update(
    {
        "pv_plan_chooser": ("Kế hoạch", "Plan"),
        "pv_plan_chooser_help": (
            "Các kế hoạch của tỉnh, mới nhất trước. Mọi trang hiển thị kế hoạch được chọn.",
            "The province's plans, newest first. Every page shows the chosen plan.",
        ),
        "pv_plan_label": ("{year} · {document} ({tasks} nhiệm vụ)", "{year} · {document} ({tasks} tasks)"),
        "pv_plan_no_document": ("(không ghi số văn bản)", "(no document named)"),
        "pv_plan_none_note": (
            "{province} chưa có kế hoạch nhiệm vụ nào.",
            "{province} has no task plan yet.",
        ),
        "pv_plan_caption": (
            "Kế hoạch năm {plan_year} của {province}: {document} ({tasks} nhiệm vụ); điểm và xếp hạng PAPI năm {year}.",
            "{province}'s plan of {plan_year}: {document} ({tasks} tasks); PAPI scores and ranks of {year}.",
        ),
        "pv_plan_caption_others": (
            "Tỉnh có {others} kế hoạch khác: chọn ở thanh bên.",
            "The province has {others} other plan(s): choose in the sidebar.",
        ),
        "pv_plan_upload_link": ("Tải kế hoạch lên", "Upload a plan"),
        "pv_page": ("So sánh kế hoạch", "Compare plans"),
        "pv_cmp_title": ("So sánh kế hoạch: {province}", "Compare plans: {province}"),
        "pv_cmp_intro": (
            "Hai kế hoạch của tỉnh đặt cạnh nhau: số nhiệm vụ theo nội dung PAPI, nhiệm vụ giữ lại, mới và bỏ, "
            "và cơ quan có khối lượng thay đổi. Nhiệm vụ giữ lại được nhận ra theo mức giống nhau của câu chữ.",
            "Two of the province's plans side by side: tasks per PAPI dimension, tasks carried over, added and "
            "dropped, and the agencies whose load changed. Carried-over tasks are recognised by how alike their "
            "texts are.",
        ),
        "pv_cmp_too_few": (
            "Cần ít nhất hai kế hoạch để so sánh; {province} có {n}.",
            "A comparison needs at least two plans; {province} has {n}.",
        ),
        "pv_cmp_how_to_add": (
            "Thêm kế hoạch của năm khác ở trang Tải lên (biên tập viên), hoặc bằng dòng lệnh "
            "`python -m lib.importer plan load TỆP --province TỈNH --year NĂM`.",
            "Add a plan of another year on the Upload page (editors), or from the shell with "
            "`python -m lib.importer plan load FILE --province NAME --year YEAR`.",
        ),
        "pv_cmp_pick_before": ("Kế hoạch trước", "Earlier plan"),
        "pv_cmp_pick_after": ("Kế hoạch sau", "Later plan"),
        "pv_cmp_same_plan": (
            "Hai lựa chọn là cùng một kế hoạch: hãy chọn hai kế hoạch khác nhau.",
            "Both choices are the same plan: choose two different plans.",
        ),
        "pv_cmp_before": ("Trước ({year})", "Before ({year})"),
        "pv_cmp_after": ("Sau ({year})", "After ({year})"),
        "pv_cmp_summary": (
            "Kế hoạch {after_year} có {after_tasks} nhiệm vụ, kế hoạch {before_year} có {before_tasks}: "
            "{carried} nhiệm vụ giữ lại (trong đó {reworded} được viết lại), {added} nhiệm vụ mới, "
            "{dropped} nhiệm vụ bỏ.",
            "The {after_year} plan has {after_tasks} tasks, the {before_year} plan {before_tasks}: "
            "{carried} carried over ({reworded} of them reworded), {added} added, {dropped} dropped.",
        ),
        "pv_cmp_metric_carried": ("Giữ lại", "Carried over"),
        "pv_cmp_metric_added": ("Mới", "Added"),
        "pv_cmp_metric_dropped": ("Bỏ", "Dropped"),
        "pv_cmp_metric_agencies": ("Cơ quan thay đổi", "Agencies changed"),
        "pv_cmp_dimensions_header": ("Nhiệm vụ theo nội dung", "Tasks per dimension"),
        "pv_cmp_subdimensions": ("Theo nội dung thành phần", "Per sub-dimension"),
        "pv_cmp_tasks_header": ("Nhiệm vụ giữ lại, mới và bỏ", "Tasks carried over, added and dropped"),
        "pv_cmp_tab_carried": ("Giữ lại ({n})", "Carried over ({n})"),
        "pv_cmp_tab_added": ("Mới ({n})", "Added ({n})"),
        "pv_cmp_tab_dropped": ("Bỏ ({n})", "Dropped ({n})"),
        "pv_cmp_carried_note": (
            "Mức giống nhau: tỷ lệ từ chung theo đúng thứ tự của hai câu (bỏ dấu, số được coi là như nhau); "
            "từ {threshold}% trở lên được coi là cùng nhiệm vụ. Các cặp ít giống nhất đứng đầu để kiểm tra.",
            "Similarity: the share of words the two texts have in common in the same order (diacritics "
            "ignored, numbers treated as equal); {threshold}% or more counts as the same task. The least "
            "alike pairs come first, to check.",
        ),
        "pv_cmp_none": ("Không có.", "None."),
        "pv_cmp_agencies_header": ("Cơ quan có khối lượng thay đổi", "Agencies whose load changed"),
        "pv_cmp_agencies_none": (
            "Không cơ quan nào thay đổi số nhiệm vụ chủ trì hoặc phối hợp.",
            "No agency leads or implements a different number of tasks.",
        ),
        "pv_unmapped": ("Chưa gắn với PAPI", "Not linked to PAPI"),
        "pv_unmapped_short": ("Chưa gắn PAPI", "No PAPI link"),
        "pv_unmapped_overview": (
            "{n} nhiệm vụ chưa gắn với nội dung PAPI nào nên không có trong biểu đồ theo nội dung; "
            "trang Nội dung liệt kê các nhiệm vụ này.",
            "{n} task(s) linked to no PAPI dimension are not in the chart by dimension; the Dimensions page "
            "lists them.",
        ),
        "pv_unmapped_header": ("Nhiệm vụ chưa gắn với PAPI ({n})", "Tasks not linked to PAPI ({n})"),
        "pv_unmapped_note": (
            "Các nhiệm vụ này không thuộc nội dung PAPI nào (ví dụ nhiệm vụ chuyển đổi số, PCI); chúng vẫn được "
            "tính trong số nhiệm vụ và khối lượng của các cơ quan.",
            "These tasks belong to no PAPI dimension (digital transformation or PCI tasks, for instance); they "
            "still count in the plan's tasks and in the agencies' load.",
        ),
        "pv_all_plans": ("Tìm trong mọi kế hoạch của tỉnh", "Search all of the province's plans"),
        "pv_all_plans_help": (
            "Bật để tìm trong tất cả kế hoạch của tỉnh; cột Kế hoạch cho biết nhiệm vụ thuộc kế hoạch nào.",
            "On: search every plan of the province; the Plan column says which plan a task belongs to.",
        ),
        "pv_col_plan": ("Kế hoạch", "Plan"),
        "pv_all_plans_caption": (
            "Mọi kế hoạch của {province}: {plans}.",
            "Every plan of {province}: {plans}.",
        ),
        "pv_cmp_whole_dimension": ("(cả nội dung)", "(whole dimension)"),
        "pv_cmp_col_change": ("Thay đổi", "Change"),
        "pv_cmp_col_similarity": ("Giống nhau (%)", "Similarity (%)"),
        "pv_cmp_col_task_before": ("Nhiệm vụ (trước)", "Task (before)"),
        "pv_cmp_col_task_after": ("Nhiệm vụ (sau)", "Task (after)"),
        "pv_cmp_col_lead": ("Chủ trì", "Lead agency"),
        "pv_cmp_col_agency": ("Cơ quan", "Agency"),
        "pv_cmp_col_led": ("Chủ trì (trước → sau)", "Led (before → after)"),
        "pv_cmp_col_implemented": ("Phối hợp (trước → sau)", "Implemented (before → after)"),
        "pv_cmp_col_tasks_change": ("Thay đổi số nhiệm vụ", "Change in tasks"),
        "pv_cmp_chart_title": (
            "Nhiệm vụ theo nội dung: kế hoạch {before_year} và {after_year}",
            "Tasks per dimension: the {before_year} and {after_year} plans",
        ),
        "pv_cmp_agency_chart_title": (
            "Cơ quan thay đổi nhiều nhất: số nhiệm vụ trước và sau",
            "Agencies that changed most: tasks before and after",
        ),
        "pv_cmp_tasks_axis": ("Số nhiệm vụ", "Tasks"),
        "pv_cmp_table_view": ("Xem dạng bảng", "Table view"),
        "pv_brief_plan_source": (
            "{document} (kế hoạch năm {plan_year} của {province})",
            "{document} ({province}'s plan of {plan_year})",
        ),
        "pv_brief_unknown_plan": (
            "{province} không có kế hoạch mã {plan}. Các kế hoạch có: {plans}.",
            "{province} has no plan with the id {plan}. Its plans: {plans}.",
        ),
    }
)


# --- checking an uploaded score file (lib/ingest/validate.py): each problem code's text and fix ---
LABELS.update(
    {
        "vd_too_large": (
            "Tệp quá lớn ({value}); giới hạn là {limit_mb} MB.",
            "The file is too large ({value}); the limit is {limit_mb} MB.",
        ),
        "vd_too_large_fix": (
            "Chỉ giữ các trang tính điểm PAPI rồi tải lại.",
            "Keep only the PAPI score sheets and upload again.",
        ),
        "vd_empty_file": ("Tệp trống, không có dữ liệu.", "The file is empty."),
        "vd_empty_file_fix": ("Chọn đúng tệp điểm PAPI rồi tải lại.", "Choose the PAPI score file and upload again."),
        "vd_old_excel": (
            "Tệp là định dạng Excel cũ (.xls), ứng dụng không đọc được.",
            "The file is in the old Excel format (.xls), which the app cannot read.",
        ),
        "vd_old_excel_fix": (
            "Mở tệp trong Excel, chọn Lưu thành (Save As) dạng .xlsx rồi tải lại.",
            "Open it in Excel, Save As .xlsx, and upload again.",
        ),
        "vd_wrong_type": (
            "Tệp có đuôi '.{ext}' nhưng nội dung là {actual}, không phải bảng điểm CSV/XLSX.",
            "The file ends in '.{ext}' but holds {actual}, not a CSV/XLSX score table.",
        ),
        "vd_wrong_type_fix": (
            "Xuất bảng điểm ra .xlsx hoặc .csv (UTF-8) và tải đúng tệp đó.",
            "Export the score table as .xlsx or .csv (UTF-8) and upload that file.",
        ),
        "vd_unreadable": (
            "Không đọc được tệp (tệp hỏng hoặc sai mã hóa: {value}).",
            "The file cannot be read (damaged or wrong encoding: {value}).",
        ),
        "vd_unreadable_fix": (
            "Mở tệp bằng Excel, lưu lại dạng .xlsx hoặc CSV UTF-8 rồi tải lại.",
            "Open it in Excel, save it as .xlsx or CSV UTF-8, and upload again.",
        ),
        "vd_too_many_rows": (
            "Trang tính có hơn {limit} dòng; bảng điểm PAPI không dài như vậy.",
            "The sheet has more than {limit} rows; a PAPI score table is not that long.",
        ),
        "vd_too_many_rows_fix": ("Xóa các dòng thừa rồi tải lại.", "Delete the extra rows and upload again."),
        "vd_unknown_layout": (
            "Không nhận ra dạng bảng (dòng đầu: '{value}').",
            "The table layout is not recognised (first row: '{value}').",
        ),
        "vd_unknown_layout_fix": (
            "Dùng tệp mẫu của trang này (cột year, province_code, province, dimension, subdimension, score), "
            "bảng PAPI chính thức (tinhid, tentinh_eng, tentinh_vie, …) hoặc bảng Province, SC11 … SC83.",
            "Use this page's template (columns year, province_code, province, dimension, subdimension, "
            "score), the official PAPI sheet (tinhid, tentinh_eng, tentinh_vie, …) or the Province, SC11 … "
            "SC83 table.",
        ),
        "vd_sheet_ignored": (
            "Bỏ qua trang tính không phải bảng điểm (dòng đầu: '{value}').",
            "Sheet skipped: not a score table (first row: '{value}').",
        ),
        "vd_sheet_ignored_fix": (
            "Không cần làm gì nếu trang này không chứa điểm.",
            "Nothing to do if it holds no scores.",
        ),
        "vd_mixed_layouts": ("Tệp trộn nhiều dạng bảng ({value}).", "The file mixes table layouts ({value})."),
        "vd_mixed_layouts_fix": ("Mỗi lần tải chỉ dùng một dạng bảng.", "Use one layout per upload."),
        "vd_internal_error": ("Lỗi khi đọc tệp: {value}.", "Error while reading the file: {value}."),
        "vd_internal_error_fix": (
            "Gửi tệp này cho người quản trị ứng dụng.",
            "Send this file to the app's maintainer.",
        ),
        "vd_year_needed": ("Tệp không ghi năm PAPI.", "The file does not say which PAPI year it holds."),
        "vd_year_needed_fix": (
            "Chọn năm ở ô 'Năm của tệp' (hoặc dùng --year khi chạy lệnh) rồi kiểm tra lại.",
            "Choose the year in 'Year of the file' (or pass --year on the command line) and check again.",
        ),
        "vd_year_conflict": (
            "Năm trong tệp ({value}) khác năm đã chọn ({given}).",
            "The year in the file ({value}) differs from the year chosen ({given}).",
        ),
        "vd_year_conflict_fix": (
            "Bỏ chọn năm hoặc sửa năm trong tệp cho khớp.",
            "Clear the chosen year or correct the year in the file.",
        ),
        "vd_bad_year": ("Năm '{value}' không phải số năm.", "Year '{value}' is not a year."),
        "vd_bad_year_fix": ("Ghi năm bằng 4 chữ số, ví dụ 2025.", "Write the year as four digits, e.g. 2025."),
        "vd_unknown_year": (
            "Năm {value}: chưa có chỉ số PAPI cấp tỉnh (PAPI bắt đầu từ 2011).",
            "Year {value}: PAPI has no provincial scores (PAPI starts in 2011).",
        ),
        "vd_unknown_year_fix": ("Sửa năm cho đúng.", "Correct the year."),
        "vd_future_year": ("Năm {value} chưa tới; chưa thể có điểm PAPI.", "Year {value} is in the future."),
        "vd_future_year_fix": ("Sửa năm cho đúng.", "Correct the year."),
        "vd_assumed_structure": (
            "Năm {value}: ứng dụng giả định cấu trúc chỉ số như năm {last} ({dimensions} nội dung).",
            "Year {value}: the app assumes the index structure of {last} ({dimensions} dimensions).",
        ),
        "vd_assumed_structure_fix": (
            "Nếu PAPI {value} đổi cấu trúc (thêm/bớt nội dung), báo người quản trị trước khi lưu.",
            "If PAPI {value} changed its structure, tell the maintainer before committing.",
        ),
        "vd_mixed_eras": (
            "Tệp trộn năm trước 2025 (63 tỉnh) và từ 2025 (34 tỉnh, thành phố): {value}.",
            "The file mixes years before 2025 (63 provinces) and from 2025 (34 units): {value}.",
        ),
        "vd_mixed_eras_fix": ("Tải riêng từng giai đoạn.", "Upload each period separately."),
        "vd_missing_column": ("Thiếu cột '{value}'.", "Column '{value}' is missing."),
        "vd_missing_column_fix": (
            "Thêm cột '{value}' (các cột cần có: {expected}) rồi tải lại.",
            "Add the column '{value}' (expected: {expected}) and upload again.",
        ),
        "vd_unknown_column": ("Cột lạ '{value}'.", "Unknown column '{value}'."),
        "vd_unknown_column_fix": (
            "Xóa hoặc đổi tên cột cho đúng (các cột hợp lệ: {expected}).",
            "Delete or rename the column (valid columns: {expected}).",
        ),
        "vd_duplicate_column": ("Cột '{value}' xuất hiện hai lần.", "Column '{value}' appears twice."),
        "vd_duplicate_column_fix": ("Xóa cột trùng.", "Delete the duplicate column."),
        "vd_column_not_in_year": (
            "Cột {column} có {value} điểm nhưng năm {year} không có nội dung thành phần này.",
            "Column {column} holds {value} scores but {year} has no such sub-dimension.",
        ),
        "vd_column_not_in_year_fix": (
            "Kiểm tra lại năm của tệp, hoặc để trống cột {column}.",
            "Check the file's year, or leave column {column} empty.",
        ),
        "vd_structure_mismatch": ("{detail}", "{detail}"),
        "vd_structure_mismatch_fix": (
            "Dùng đúng bảng PAPI chính thức của năm đó, không thêm/bớt cột.",
            "Use the official PAPI sheet of that year without adding or removing columns.",
        ),
        "vd_bad_dimension": ("'{value}' không phải số thứ tự nội dung.", "'{value}' is not a dimension number."),
        "vd_bad_dimension_fix": (
            "Ghi số nội dung (1–8) và số nội dung thành phần (để trống nếu là điểm của cả nội dung).",
            "Write the dimension number (1–8) and sub-dimension number (blank for the dimension score).",
        ),
        "vd_unknown_dimension": ("Năm {year} không có nội dung {value}.", "{year} has no dimension {value}."),
        "vd_unknown_dimension_fix": (
            "Năm {year} có các nội dung {dimensions}; sửa số nội dung.",
            "{year} has dimensions {dimensions}; correct the number.",
        ),
        "vd_unknown_subdimension": (
            "Năm {year} nội dung {dimension} không có nội dung thành phần {value}.",
            "In {year} dimension {dimension} has no sub-dimension {value}.",
        ),
        "vd_unknown_subdimension_fix": (
            "Nội dung {dimension} năm {year} có {count} nội dung thành phần; sửa số thứ tự.",
            "Dimension {dimension} in {year} has {count} sub-dimensions; correct the number.",
        ),
        "vd_missing_province": ("Dòng không có tên hoặc mã tỉnh.", "The row has no province name or code."),
        "vd_missing_province_fix": (
            "Điền tên tỉnh (ví dụ 'Đắk Lắk') hoặc mã GSO (ví dụ 66).",
            "Fill in the province name (e.g. 'Đắk Lắk') or GSO code (e.g. 66).",
        ),
        "vd_unknown_province": (
            "Không nhận ra tỉnh '{value}'.{hint}",
            "Province '{value}' is not recognised.{hint}",
        ),
        "vd_unknown_province_fix": (
            "Sửa tên tỉnh cho đúng rồi tải lại.",
            "Correct the province name and upload again.",
        ),
        "vd_former_province": (
            "'{value}' là tỉnh cũ; từ 1/7/2025 đã sáp nhập vào {merged}.",
            "'{value}' is a former province; from 1 July 2025 it is part of {merged}.",
        ),
        "vd_former_province_fix": (
            "Năm {year} dùng 34 tỉnh, thành phố mới: ghi '{merged}'.",
            "{year} uses the 34 new units: write '{merged}'.",
        ),
        "vd_province_mismatch": ("Mã và tên tỉnh không khớp: {value}.", "Province code and name disagree: {value}."),
        "vd_province_mismatch_fix": ("Sửa mã hoặc tên tỉnh cho khớp nhau.", "Make the code and the name agree."),
        "vd_not_a_number": ("Điểm '{value}' không phải là số.", "Score '{value}' is not a number."),
        "vd_not_a_number_fix": (
            "Ghi điểm bằng số (ví dụ 5.21 hoặc 5,21); để trống hoặc ghi KCDL nếu không có dữ liệu.",
            "Write the score as a number (e.g. 5.21); leave it blank or write KCDL if there is no data.",
        ),
        "vd_decimal_comma": (
            "Điểm viết dấu phẩy thập phân ('{value}'), đã đọc thành {number} ({count} ô).",
            "Score written with a decimal comma ('{value}'), read as {number} ({count} cells).",
        ),
        "vd_decimal_comma_fix": (
            "Không cần sửa; kiểm tra lại nếu đó không phải dấu thập phân.",
            "Nothing to do; check it if the comma is not a decimal mark.",
        ),
        "vd_out_of_scale": (
            "Điểm {value} nằm ngoài thang điểm {low}–{high} của {what}.",
            "Score {value} is outside the {low}–{high} scale of {what}.",
        ),
        "vd_out_of_scale_fix": (
            "Kiểm tra lại điểm (có nhầm cột hoặc nhầm dấu thập phân?).",
            "Check the score (wrong column or decimal mark?).",
        ),
        "vd_sum_mismatch": (
            "Tổng điểm các nội dung thành phần ({total}) khác điểm nội dung {dimension} ({value}).",
            "The sub-dimension scores add up to {total}, not to dimension {dimension}'s {value}.",
        ),
        "vd_sum_mismatch_fix": (
            "Kiểm tra lại điểm nội dung {dimension} và các nội dung thành phần của nó.",
            "Check dimension {dimension}'s score and its sub-dimension scores.",
        ),
        "vd_duplicate_row": (
            "Trùng với dòng {first}: {value} đã có điểm.",
            "Duplicates row {first}: {value} already has a score.",
        ),
        "vd_duplicate_row_fix": ("Xóa một trong hai dòng.", "Delete one of the two rows."),
        "vd_no_scores": ("Tệp không có điểm nào hợp lệ.", "The file holds no valid score."),
        "vd_no_scores_fix": ("Điền điểm vào bảng rồi tải lại.", "Fill in the scores and upload again."),
        "vd_province_missing": ("Năm {year} thiếu {count} tỉnh: {value}.", "{year} lacks {count} provinces: {value}."),
        "vd_province_missing_fix": (
            "Không cần sửa nếu PAPI không công bố điểm của các tỉnh này năm đó.",
            "Nothing to do if PAPI did not publish these provinces that year.",
        ),
        "vd_dimension_missing": (
            "{province} năm {year} không có điểm nội dung {value}.",
            "{province} has no score for dimension {value} in {year}.",
        ),
        "vd_dimension_missing_fix": (
            "Không cần sửa nếu PAPI ghi 'KCDL' (không có dữ liệu).",
            "Nothing to do if PAPI marks it 'KCDL' (no data).",
        ),
        "vd_too_many_problems": ("Còn nhiều lỗi khác ({value}) không liệt kê.", "{value} more problems not listed."),
        "vd_too_many_problems_fix": ("Sửa các lỗi trên rồi kiểm tra lại.", "Fix the problems above and check again."),
        "vd_structure_first_dimension": (
            "Không tìm thấy cột điểm nội dung 1 ('Tham gia của người dân ở cấp cơ sở').",
            "No column for dimension 1 ('Participation at Local Levels') found.",
        ),
        "vd_structure_count": (
            "Trang tính có {value} cột điểm; PAPI {year} có {expected} (nội dung và nội dung thành phần).",
            "The sheet has {value} score columns; PAPI {year} has {expected} (dimensions and sub-dimensions).",
        ),
        "vd_structure_order": (
            "Cột '{value}' không đúng vị trí: PAPI {year} cần nội dung {expected} ở đây.",
            "Column '{value}' is out of place: PAPI {year} has {expected} here.",
        ),
        "vd_hint": (" Có phải '{name}'?", " Did you mean '{name}'?"),
        "vd_what_dimension": ("nội dung {dimension}", "dimension {dimension}"),
        "vd_what_subdimension": ("nội dung thành phần {dimension}.{sub}", "sub-dimension {dimension}.{sub}"),
        "vd_at_sheet": ("Trang tính '{sheet}'", "Sheet '{sheet}'"),
        "vd_at_row": ("dòng {row}", "row {row}"),
        "vd_at_column": ("cột '{column}'", "column '{column}'"),
        "vd_error": ("Lỗi", "Error"),
        "vd_warning": ("Cảnh báo", "Warning"),
        "vd_col_severity": ("Mức độ", "Severity"),
        "vd_col_sheet": ("Trang tính", "Sheet"),
        "vd_col_row": ("Dòng", "Row"),
        "vd_col_column": ("Cột", "Column"),
        "vd_col_value": ("Giá trị", "Value"),
        "vd_col_problem": ("Vấn đề", "Problem"),
        "vd_col_fix": ("Cách sửa", "How to fix"),
    }
)


# --- task status: report forms, checks, history, completion and overdue views; keys st_* ---
LABELS.update(
    {
        # statuses (stable codes: lib.domain.report_form.STATUSES); the form's drop-down uses the Vietnamese
        "st_status_not_started": ("chưa thực hiện", "not started"),
        "st_status_in_progress": ("đang thực hiện", "in progress"),
        "st_status_done": ("hoàn thành", "done"),
        "st_status_partly_done": ("hoàn thành một phần", "partly done"),
        "st_status_not_done": ("không thực hiện", "not done"),
        "st_status_none": ("chưa báo cáo", "not reported"),
        "st_role_lead": ("Chủ trì", "Lead"),
        "st_role_implementing": ("Phối hợp", "Implementing"),
        # the report form (lib/domain/report_form.py)
        "st_form_title": ("Báo cáo tiến độ nhiệm vụ PAPI: {agency}", "PAPI task progress report: {agency}"),
        "st_form_plan": ("Kế hoạch: {title} ({province}, năm {year}; mã {plan_id})",
                         "Plan: {title} ({province}, {year}; id {plan_id})"),
        "st_form_help": (
            "Điền các cột tô vàng cho nhiệm vụ có tiến độ mới; để trống Trạng thái nếu chưa có gì mới. "
            "Trạng thái chọn trong danh sách ({statuses}); 'không thực hiện' cần ghi lý do. "
            "Ngày báo cáo theo dạng ngày/tháng/năm. Không sửa các cột khác.",
            "Fill the yellow columns for tasks with news; leave the status blank when there is none. "
            "Pick the status from the list ({statuses}); 'không thực hiện' (not done) needs a reason. "
            "Report date as day/month/year. Do not change the other columns.",
        ),
        "st_form_col_task_id": ("Mã nhiệm vụ", "Task id"),
        "st_form_col_section": ("Mục", "Section"),
        "st_form_col_task": ("Nhiệm vụ", "Task"),
        "st_form_col_role": ("Vai trò", "Role"),
        "st_form_col_deadline": ("Thời hạn", "Deadline"),
        "st_form_col_status": ("Trạng thái", "Status"),
        "st_form_col_reason": ("Lý do (nếu không thực hiện)", "Reason (if not done)"),
        "st_form_col_note": ("Tiến độ / ghi chú", "Progress / note"),
        "st_form_col_evidence": ("Minh chứng (đường dẫn / số văn bản)", "Evidence (link / document number)"),
        "st_form_col_reported_on": ("Ngày báo cáo", "Report date"),
        "st_form_status_error": ("Chọn trạng thái trong danh sách.", "Pick a status from the list."),
        "st_form_date_error": ("Nhập ngày theo dạng ngày/tháng/năm.", "Enter a date as day/month/year."),
        # problems of a filled form (lib/ingest/report_forms.py): vd_status_<code> and its fix
        "vd_status_empty_file": ("Tệp trống.", "The file is empty."),
        "vd_status_empty_file_fix": ("Chọn đúng phiếu báo cáo đã điền rồi tải lại.",
                                     "Choose the filled report form and upload it again."),
        "vd_status_too_large": ("Tệp quá lớn ({value}); giới hạn là {limit_mb} MB.",
                                "The file is too large ({value}); the limit is {limit_mb} MB."),
        "vd_status_too_large_fix": ("Tải lên phiếu báo cáo gốc đã điền, không chèn ảnh hay tệp khác.",
                                    "Upload the filled form itself, without pictures or embedded files."),
        "vd_status_not_xlsx": ("'{value}' không phải tệp Excel .xlsx.", "'{value}' is not an Excel .xlsx file."),
        "vd_status_not_xlsx_fix": ("Điền vào phiếu .xlsx tải từ ứng dụng và lưu ở dạng .xlsx.",
                                   "Fill in the .xlsx form downloaded from the app and save it as .xlsx."),
        "vd_status_unreadable": ("Không đọc được tệp ({value}).", "The file cannot be read ({value})."),
        "vd_status_unreadable_fix": ("Mở tệp bằng Excel, lưu lại ở dạng .xlsx rồi tải lên lại.",
                                     "Open it in Excel, save it as .xlsx and upload it again."),
        "vd_status_not_a_form": (
            "Tệp không phải phiếu báo cáo tiến độ của ứng dụng (thiếu trang 'Báo cáo', trang ẩn 'meta' hoặc "
            "dòng tiêu đề 'Mã nhiệm vụ').",
            "The file is not the app's progress report form (the 'Báo cáo' sheet, the hidden 'meta' sheet or the "
            "'Mã nhiệm vụ' header row is missing).",
        ),
        "vd_status_not_a_form_fix": (
            "Tải lại phiếu của cơ quan từ trang Tiến độ nhiệm vụ và điền vào đó; không chép sang tệp khác.",
            "Download the agency's form again from the Task progress page and fill that one; do not copy it "
            "into another workbook.",
        ),
        "vd_status_unknown_plan": ("Phiếu thuộc kế hoạch '{value}', không có trong dữ liệu.",
                                   "The form belongs to plan '{value}', which the store does not hold."),
        "vd_status_unknown_plan_fix": ("Tải phiếu mới của kế hoạch đang theo dõi.",
                                       "Download a new form of the plan being followed."),
        "vd_status_missing_column": ("Thiếu cột '{header}'.", "The column '{header}' is missing."),
        "vd_status_missing_column_fix": ("Không xoá hay đổi tên cột của phiếu; tải lại phiếu nếu cần.",
                                         "Do not delete or rename the form's columns; download it again if needed."),
        "vd_status_no_task_id": ("Dòng có nội dung báo cáo nhưng không có mã nhiệm vụ.",
                                 "The row has a report but no task id."),
        "vd_status_no_task_id_fix": ("Ghi báo cáo vào đúng dòng của nhiệm vụ; không thêm dòng mới.",
                                     "Write the report on the task's own row; do not add rows."),
        "vd_status_unknown_task": ("Mã nhiệm vụ '{value}' không có trong kế hoạch {plan}.",
                                   "Task id '{value}' is not in plan {plan}."),
        "vd_status_unknown_task_fix": ("Không sửa cột Mã nhiệm vụ; chép lại mã từ phiếu gốc.",
                                       "Do not edit the task id column; copy the id back from the original form."),
        "vd_status_other_agency": ("Nhiệm vụ '{value}' không giao cho {agency}.",
                                   "Task '{value}' is not assigned to {agency}."),
        "vd_status_other_agency_fix": ("Xoá dòng này; cơ quan được giao nhiệm vụ sẽ báo cáo trong phiếu của mình.",
                                       "Delete this row; the agency the task is assigned to reports it on its own "
                                       "form."),
        "vd_status_task_edited": ("Nội dung nhiệm vụ {task_id} đã bị sửa ('{value}…').",
                                  "The text of task {task_id} was edited ('{value}…')."),
        "vd_status_task_edited_fix": ("Chép lại nội dung nhiệm vụ từ phiếu gốc; ý kiến ghi vào cột Tiến độ / ghi chú.",
                                      "Copy the task text back from the original form; comments go in the "
                                      "Progress / note column."),
        "vd_status_duplicate_task": ("Nhiệm vụ '{value}' xuất hiện lần nữa (lần đầu ở dòng {first}).",
                                     "Task '{value}' appears again (first on row {first})."),
        "vd_status_duplicate_task_fix": ("Giữ một dòng cho mỗi nhiệm vụ.", "Keep one row per task."),
        "vd_status_status_missing": ("Có ghi chú hoặc ngày nhưng chưa chọn trạng thái.",
                                     "A note or date is filled but no status is chosen."),
        "vd_status_status_missing_fix": ("Chọn trạng thái trong danh sách: {allowed}.",
                                         "Pick a status from the list: {allowed}."),
        "vd_status_bad_status": ("Trạng thái '{value}' không có trong danh sách.",
                                 "Status '{value}' is not one of the list."),
        "vd_status_bad_status_fix": ("Chọn một trong: {allowed}.", "Pick one of: {allowed}."),
        "vd_status_reason_missing": ("Trạng thái '{status}' cần ghi lý do.", "Status '{status}' needs a reason."),
        "vd_status_reason_missing_fix": ("Ghi lý do vào cột Lý do.", "Write the reason in the Reason column."),
        "vd_status_bad_date": ("'{value}' không phải là ngày.", "'{value}' is not a date."),
        "vd_status_bad_date_fix": ("Nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/06/2020.",
                                   "Enter the date as day/month/year, e.g. 15/06/2020."),
        "vd_status_future_date": ("Ngày báo cáo {value} sau ngày hôm nay ({today}).",
                                  "Report date {value} is after today ({today})."),
        "vd_status_future_date_fix": ("Ghi ngày đã báo cáo, không ghi ngày dự kiến.",
                                      "Enter the day of the report, not a planned day."),
        "vd_status_date_assumed": ("Không có ngày báo cáo; lấy ngày kiểm tra {date}.",
                                   "No report date; the day of the check, {date}, is used."),
        "vd_status_date_assumed_fix": ("Ghi ngày báo cáo nếu khác ngày này.",
                                       "Enter the report date if it differs."),
        "vd_status_empty_form": ("Phiếu của {value} chưa có dòng nào được điền trạng thái.",
                                 "The form of {value} has no row with a status."),
        "vd_status_empty_form_fix": ("Chọn trạng thái cho ít nhất một nhiệm vụ, hoặc bỏ tệp này khỏi lần tải lên.",
                                     "Pick a status for at least one task, or leave this file out of the upload."),
        "vd_status_agency_twice": ("Có hai phiếu của {value} trong lần tải lên này (phiếu kia: {other}).",
                                   "Two forms of {value} in this upload (the other: {other})."),
        "vd_status_agency_twice_fix": ("Chỉ tải lên một phiếu cho mỗi cơ quan.", "Upload one form per agency."),
        # refusals of a commit or rollback (lib/store/status.py)
        "st_refused_invalid": ("Còn phiếu có lỗi; sửa xong mới lưu được.",
                               "Some forms have errors; fix them before committing."),
        "st_refused_no_user": ("Thiếu tên người thực hiện.", "The user's name is missing."),
        "st_refused_nothing": ("Không có thay đổi nào để lưu: mọi báo cáo đã có sẵn.",
                               "Nothing to commit: every report is already stored."),
        "st_refused_stale": (
            "Đã có người lưu báo cáo mới cho nhiệm vụ {tasks} sau khi bạn xem trước. Không lưu gì; hãy xem trước "
            "lại để thấy báo cáo của họ.",
            "Someone committed a newer report on task {tasks} after your preview. Nothing was saved; preview "
            "again to see their report.",
        ),
        "st_refused_unknown_plan": ("Không có kế hoạch '{plan}'.", "No plan '{plan}'."),
        "st_refused_unknown_task": ("Không có nhiệm vụ '{task}'.", "No task '{task}'."),
        "st_refused_bad_status": ("Trạng thái '{status}' không hợp lệ.", "Status '{status}' is not valid."),
        "st_refused_reason_missing": ("Trạng thái 'không thực hiện' cần ghi lý do.", "'Not done' needs a reason."),
        "st_refused_future_date": ("Ngày báo cáo {date} chưa tới.", "Report date {date} is in the future."),
        "st_refused_not_found": ("Không có lần cập nhật số {id}.", "No status upload #{id}."),
        "st_refused_already_rolled_back": ("Lần cập nhật số {id} đã được hoàn tác.",
                                           "Status upload #{id} was already rolled back."),
        "st_refused_later_uploads": (
            "Các lần cập nhật sau ({uploads}) báo cáo cùng nhiệm vụ; hoàn tác chúng trước.",
            "Later uploads ({uploads}) report on the same tasks; roll them back first.",
        ),
        # command line
        "st_cli_problem": ("{file}: {tag} {where}. Cách sửa: {fix}", "{file}: {tag} {where}. Fix: {fix}"),
        "st_cli_plan_not_found": ("Không có kế hoạch năm {year} của {province}.",
                                  "No {year} plan of {province}."),
        "st_cli_plan_ambiguous": ("{province} có nhiều kế hoạch năm {year} ({plans}); chọn bằng --plan.",
                                  "{province} has several {year} plans ({plans}); pick one with --plan."),
        "st_cli_forms_written": ("Đã ghi {n} phiếu vào {folder}.", "Wrote {n} forms to {folder}."),
        "st_cli_invalid": ("{errors} lỗi trong {files} phiếu; không lưu gì.",
                           "{errors} errors in {files} forms; nothing saved."),
        "st_cli_valid": ("{files} phiếu hợp lệ, {reports} báo cáo.", "{files} forms valid, {reports} reports."),
        "st_cli_not_loaded": ("Không lưu: sửa các lỗi trên rồi chạy lại.", "Not loaded: fix the errors above first."),
        "st_cli_preview": ("Sẽ lưu {changes} báo cáo ({unchanged} báo cáo đã có sẵn).",
                           "{changes} reports to save ({unchanged} already stored)."),
        "st_cli_committed": ("Đã lưu lần cập nhật tiến độ số {id}.", "Committed status upload #{id}."),
        # the Task progress page (pages/reports.py) and the status views (lib/present/status_views.py)
        "st_page": ("Tiến độ nhiệm vụ", "Task progress"),
        "st_title": ("Tiến độ thực hiện nhiệm vụ", "Task progress"),
        "st_intro": (
            "Các cơ quan báo cáo tiến độ từng nhiệm vụ của kế hoạch qua phiếu Excel; mỗi báo cáo được lưu lại, "
            "không ghi đè. Nhiệm vụ quá hạn được tính từ thời hạn và ngày xem, không nhập tay.",
            "Agencies report each task's progress on an Excel form; every report is kept, never overwritten. "
            "Overdue tasks are worked out from the deadline and the date shown, never typed in.",
        ),
        "st_no_plan": ("{province} chưa có kế hoạch nào để theo dõi tiến độ.",
                       "{province} has no plan whose progress could be followed."),
        "st_as_of": ("Tình trạng tính đến ngày", "Status as of"),
        "st_as_of_help": ("Chọn một ngày đã qua để xem tình trạng các nhiệm vụ vào ngày đó.",
                          "Pick an earlier day to see how the tasks stood on that day."),
        "st_plan_caption": ("Kế hoạch {plan}: {tasks} nhiệm vụ.", "Plan {plan}: {tasks} tasks."),
        "st_completion_header": ("Mức độ hoàn thành của kế hoạch", "Completion of the plan"),
        "st_no_reports": ("Chưa có báo cáo tiến độ nào cho kế hoạch này.", "No status reports for this plan yet."),
        "st_reporting_caption": (
            "Báo cáo gần nhất ngày {date}; tình trạng tính đến {as_of} ({reports} báo cáo).",
            "Latest report on {date}; status as of {as_of} ({reports} reports).",
        ),
        "st_metric_done": ("Hoàn thành", "Done"),
        "st_metric_in_progress": ("Đang thực hiện", "In progress"),
        "st_metric_in_progress_help": ("Kể cả {partly} nhiệm vụ hoàn thành một phần.",
                                       "Including {partly} partly done."),
        "st_metric_not_started": ("Chưa thực hiện", "Not started"),
        "st_metric_not_started_help": ("Kể cả {not_done} nhiệm vụ báo cáo không thực hiện.",
                                       "Including {not_done} reported as not done."),
        "st_metric_unreported": ("Chưa báo cáo", "Not reported"),
        "st_metric_unreported_help": ("Nhiệm vụ chưa có báo cáo nào: không tính là chưa thực hiện.",
                                      "Tasks with no report at all: not counted as not started."),
        "st_metric_overdue": ("Quá hạn", "Overdue"),
        "st_metric_overdue_help": (
            "Thời hạn trước ngày xem mà chưa hoàn thành. Nhiệm vụ không ghi thời hạn: hạn là cuối năm kế hoạch.",
            "Deadline before the date shown and not done. A task with no written deadline is due at the end "
            "of the plan's year.",
        ),
        "st_chart_completion": ("{tasks} nhiệm vụ theo trạng thái; {overdue} quá hạn",
                                "{tasks} tasks by status; {overdue} overdue"),
        "st_chart_agencies": ("{n} cơ quan có nhiều nhiệm vụ quá hạn nhất", "The {n} agencies most behind"),
        "st_axis_tasks": ("Số nhiệm vụ", "Tasks"),
        "st_overdue_header": ("Nhiệm vụ quá hạn ({n})", "Overdue tasks ({n})"),
        "st_no_overdue": ("Không có nhiệm vụ quá hạn.", "No overdue tasks."),
        "st_overdue_note": ("Xếp theo số ngày quá hạn, lâu nhất trước.", "By days overdue, longest first."),
        "st_due_editor": ("do biên tập viên đặt", "set by an editor"),
        "st_due_plan": ("theo kế hoạch", "from the plan"),
        "st_due_plan_year": ("cuối năm kế hoạch (kế hoạch không ghi)", "end of the plan year (none written)"),
        "st_col_task_id": ("Mã nhiệm vụ", "Task id"),
        "st_col_task": ("Nhiệm vụ", "Task"),
        "st_col_lead": ("Cơ quan chủ trì", "Lead agency"),
        "st_col_due": ("Thời hạn", "Deadline"),
        "st_col_due_source": ("Nguồn thời hạn", "Deadline from"),
        "st_col_days_late": ("Số ngày quá hạn", "Days overdue"),
        "st_col_status": ("Trạng thái", "Status"),
        "st_col_reported_on": ("Ngày báo cáo", "Report date"),
        "st_col_note": ("Ghi chú gần nhất", "Last note"),
        "st_col_reason": ("Lý do", "Reason"),
        "st_col_evidence": ("Minh chứng", "Evidence"),
        "st_col_agency": ("Cơ quan", "Agency"),
        "st_col_tasks": ("Nhiệm vụ", "Tasks"),
        "st_col_led": ("Chủ trì", "Led"),
        "st_col_done": ("Hoàn thành", "Done"),
        "st_col_in_progress": ("Đang thực hiện", "In progress"),
        "st_col_not_started": ("Chưa thực hiện", "Not started"),
        "st_col_unreported": ("Chưa báo cáo", "Not reported"),
        "st_col_overdue": ("Quá hạn", "Overdue"),
        "st_col_overdue_led": ("Quá hạn (chủ trì)", "Overdue (led)"),
        "st_col_completion": ("Hoàn thành (%)", "Completion (%)"),
        "st_col_sent": ("Đã gửi báo cáo", "Sent a report"),
        "st_sent_yes": ("đã gửi", "yes"),
        "st_sent_never": ("chưa gửi lần nào", "never"),
        "st_col_last_report": ("Báo cáo gần nhất", "Latest report"),
        "st_col_dimension": ("Nội dung", "Dimension"),
        "st_col_subdimension": ("Nội dung thành phần", "Sub-dimension"),
        "st_col_score": ("Điểm", "Score"),
        "st_col_file": ("Tệp", "File"),
        "st_col_old": ("Trước", "Before"),
        "st_col_new": ("Sau", "After"),
        "st_col_change": ("Thay đổi", "Change"),
        "st_col_reports": ("Số báo cáo", "Reports"),
        "st_kind_new": ("báo cáo đầu tiên", "first report"),
        "st_kind_changed": ("đổi trạng thái", "status changes"),
        "st_kind_update": ("cập nhật (cùng trạng thái)", "update (same status)"),
        "st_kind_earlier": ("cũ hơn báo cáo hiện có: chỉ lưu vào lịch sử",
                            "older than the current report: history only"),
        "st_action_forms": ("phiếu báo cáo", "report forms"),
        "st_action_page": ("sửa trên trang", "edited on the page"),
        "st_action_rollback": ("hoàn tác", "rollback"),
        "st_editors_only": ("Tải phiếu, tải lên phiếu đã điền và sửa trạng thái: dành cho biên tập viên.",
                            "Downloading forms, uploading filled forms and editing a status are for editors."),
        "st_sign_in_link": ("Đăng nhập biên tập viên (trang Tải lên)", "Editor sign-in (Upload page)"),
        "st_forms_header": ("Phiếu báo cáo cho các cơ quan", "Report forms for the agencies"),
        "st_forms_help": (
            "Mỗi cơ quan một phiếu Excel gồm các nhiệm vụ cơ quan chủ trì hoặc phối hợp; gửi cho cơ quan điền rồi "
            "tải lên ở bước dưới.",
            "One Excel form per agency with the tasks it leads or implements; send it to the agency, then upload "
            "the filled form below.",
        ),
        "st_forms_zip": ("Tải tất cả phiếu (.zip)", "Download every form (.zip)"),
        "st_forms_agency": ("Cơ quan", "Agency"),
        "st_forms_one": ("Tải phiếu của cơ quan này", "Download this agency's form"),
        "st_upload_header": ("Tải lên phiếu đã điền", "Upload filled forms"),
        "st_upload_files": ("Phiếu đã điền (.xlsx, được chọn nhiều tệp; mỗi tệp tối đa {mb} MB)",
                            "Filled forms (.xlsx, several at once; up to {mb} MB each)"),
        "st_check_bad": ("{bad}/{n} phiếu có lỗi: chưa lưu phiếu nào. Sửa các lỗi dưới đây rồi tải lên lại.",
                         "{bad} of {n} forms have errors: nothing is saved. Fix the problems below and upload "
                         "again."),
        "st_check_ok": ("{n} phiếu hợp lệ, {reports} báo cáo.", "{n} forms valid, {reports} reports."),
        "st_preview_header": ("Xem trước thay đổi", "Preview of the changes"),
        "st_preview_counts": ("{changes} báo cáo mới; {unchanged} báo cáo đã có sẵn, bỏ qua.",
                              "{changes} new reports; {unchanged} already stored, skipped."),
        "st_commit": ("Lưu báo cáo", "Commit the reports"),
        "st_committed": ("Đã lưu lần cập nhật tiến độ số {id} ({n} báo cáo).",
                         "Committed status upload #{id} ({n} reports)."),
        "st_edit_header": ("Cập nhật một nhiệm vụ", "Update one task"),
        "st_edit_task": ("Nhiệm vụ", "Task"),
        "st_edit_status": ("Trạng thái", "Status"),
        "st_edit_reason": ("Lý do (bắt buộc nếu không thực hiện)", "Reason (required if not done)"),
        "st_edit_note": ("Tiến độ / ghi chú", "Progress / note"),
        "st_edit_evidence": ("Minh chứng (đường dẫn / số văn bản)", "Evidence (link / document number)"),
        "st_edit_date": ("Ngày báo cáo", "Report date"),
        "st_edit_deadline": ("Thời hạn mới (không bắt buộc)", "New deadline (optional)"),
        "st_edit_submit": ("Lưu trạng thái", "Save the status"),
        "st_edit_saved": ("Đã lưu trạng thái của {task} (lần cập nhật số {id}).",
                          "Saved the status of {task} (upload #{id})."),
        "st_task_history": ("Lịch sử báo cáo của {task} ({n})", "Report history of {task} ({n})"),
        "st_task_history_empty": ("Nhiệm vụ này chưa có báo cáo.", "This task has no report yet."),
        "st_history_header": ("Lịch sử cập nhật tiến độ", "Status upload history"),
        "st_history_empty": ("Chưa có lần cập nhật tiến độ nào.", "No status uploads yet."),
        "st_rollback_choice": ("Hoàn tác lần cập nhật", "Roll back upload"),
        "st_rollback_confirm": ("Tôi chắc chắn muốn hoàn tác lần cập nhật số {id}.",
                                "I am sure I want to roll back upload #{id}."),
        "st_rollback_button": ("Hoàn tác", "Roll back"),
        "st_rolled_back": ("Đã hoàn tác lần cập nhật số {id}; các báo cáo vẫn còn trong lịch sử.",
                           "Rolled back upload #{id}; its reports stay in the history."),
        "st_raw_download": ("Tải các tệp gốc của lần cập nhật số {id} (.zip)",
                            "Download the original files of upload #{id} (.zip)"),
        "st_details_link": ("Chi tiết tiến độ và nhiệm vụ quá hạn", "Progress details and overdue tasks"),
        "st_behind_header": ("Cơ quan nào đang chậm", "Who is behind"),
        "st_behind_caption": (
            "Mỗi cơ quan với các nhiệm vụ chủ trì hoặc phối hợp; bấm tiêu đề cột để sắp xếp. Cơ quan chưa có "
            "báo cáo nào về nhiệm vụ của mình không có tỷ lệ hoàn thành (—), không phải 0 %.",
            "Each agency with the tasks it leads or implements; click a column header to sort. An agency with "
            "no report on any of its tasks has no completion (—), not 0%.",
        ),
        "st_dim_header": ("Tiến độ nhiệm vụ bên cạnh điểm năm {year}", "Task progress beside the {year} score"),
        "st_dim_caption": (
            "Một nhiệm vụ gắn với nhiều nội dung thành phần được tính cho từng nội dung. Không có báo cáo nào: "
            "tỷ lệ hoàn thành để trống (—).",
            "A task linked to several sub-dimensions counts for each. With no report at all the completion is "
            "left blank (—).",
        ),
        "st_filter_status": ("Trạng thái", "Status"),
        "st_filter_overdue": ("Chỉ nhiệm vụ quá hạn", "Overdue only"),
        "st_brief_sentence": (
            "Tiến độ đến nay: {done}/{tasks} nhiệm vụ hoàn thành, {overdue} nhiệm vụ quá hạn, {unreported} nhiệm vụ "
            "chưa có báo cáo (báo cáo gần nhất ngày {date}).",
            "Progress so far: {done} of {tasks} tasks done, {overdue} overdue, {unreported} with no report yet "
            "(latest report on {date}).",
        ),
        "st_brief_overdue": ("Nhiệm vụ quá hạn: {n}. Hoàn thành = số nhiệm vụ xong / số nhiệm vụ của cơ quan.",
                             "Overdue tasks: {n}. Completion = tasks done / the agency's tasks."),
        "st_cli_rolled_back": ("Đã hoàn tác lần cập nhật số {id} (thao tác số {rollback}).",
                               "Rolled back status upload #{id} (as #{rollback})."),
    }
)


# --- the importer (lib/store/importer.py): refusals and the command line ---
LABELS.update(
    {
        "imp_invalid_preview": ("Tệp còn lỗi; sửa lỗi trước khi xem trước.", "The file has errors; fix them first."),
        "imp_invalid_commit": ("Tệp còn lỗi, không thể lưu.", "The file has errors and cannot be committed."),
        "imp_no_uploader": ("Thiếu tên người tải lên.", "The uploader's name is missing."),
        "imp_no_user": ("Thiếu tên người thực hiện.", "The user's name is missing."),
        "imp_stale": (
            "Dữ liệu các năm này vừa được người khác thay đổi. Xem trước lại rồi mới lưu.",
            "Someone else changed these years since your preview. Preview again before committing.",
        ),
        "imp_needs_confirmation": (
            "Năm {years} đã có dữ liệu. Xác nhận thay thế (hoặc dùng --replace) để lưu.",
            "{years} already has scores. Confirm the replacement (or pass --replace) to commit.",
        ),
        "imp_not_found": ("Không có lần tải lên số {id}.", "There is no upload {id}."),
        "imp_already_rolled_back": ("Lần tải lên số {id} đã được hoàn tác.", "Upload {id} was already rolled back."),
        "imp_later_uploads": (
            "Các lần tải lên sau ({uploads}) đã thay đổi cùng năm; hoàn tác chúng trước.",
            "Later uploads ({uploads}) changed the same years; roll them back first.",
        ),
        "imp_locked": (
            "Kho dữ liệu {path} đang được một tiến trình khác mở (thường là ứng dụng Streamlit). Dừng ứng "
            "dụng rồi chạy lại lệnh, hoặc tải tệp lên qua trang 'Tải lên điểm PAPI'.",
            "The store {path} is held by another process (usually the running Streamlit app). Stop the app "
            "and run the command again, or upload through the 'Upload PAPI scores' page.",
        ),
        "imp_cli_problem": ("{tag}: {where} → {fix}", "{tag}: {where} → {fix}"),
        "imp_cli_invalid": (
            "{errors} lỗi, {warnings} cảnh báo: tệp chưa thể nạp.",
            "{errors} errors, {warnings} warnings: the file cannot be loaded.",
        ),
        "imp_cli_valid": (
            "Tệp hợp lệ: {rows} điểm, năm {years} ({warnings} cảnh báo).",
            "The file is valid: {rows} scores, years {years} ({warnings} warnings).",
        ),
        "imp_cli_not_loaded": ("Tệp có lỗi; không nạp gì.", "The file has errors; nothing was loaded."),
        "imp_cli_preview": (
            "Xem trước: thêm {added}, sửa {changed}, xóa {removed}, giữ nguyên {unchanged}.",
            "Preview: {added} added, {changed} changed, {removed} removed, {unchanged} unchanged.",
        ),
        "imp_cli_committed": ("Đã lưu lần tải lên số {id}.", "Committed as upload {id}."),
        "imp_cli_rolled_back": (
            "Đã hoàn tác lần tải lên số {id} (ghi nhận số {rollback}).",
            "Rolled back upload {id} (recorded as {rollback}).",
        ),
    }
)


# --- judging a plan: baseline, before/after, difference in differences, uncertainty; keys ev_* ---
LABELS.update(
    {
        "page_evaluation": ("Đánh giá kế hoạch", "Did the plan move the scores?"),
        "ev_title": ("Kế hoạch {plan_year} của {province}: điểm có chuyển biến?",
                     "{province}'s {plan_year} plan: did the scores move?"),
        "ev_no_plan": (
            "{province} chưa có kế hoạch nào trong hệ thống, nên chưa có gì để đánh giá.",
            "{province} has no plan in the dashboard yet, so there is nothing to judge.",
        ),
        "ev_no_baseline": (
            "Chưa có kết quả PAPI nào công bố trước năm kế hoạch {plan_year}: không có mốc để so sánh.",
            "No PAPI survey was published before the plan year {plan_year}: there is no baseline to compare with.",
        ),
        "ev_no_later": (
            "Chưa có kết quả PAPI nào sau mốc {baseline}: chưa thể biết điểm có chuyển biến hay không.",
            "No PAPI survey after the {baseline} baseline yet: it is too early to tell whether the scores moved.",
        ),
        "ev_baseline": (
            "Kế hoạch năm {plan_year} được xây dựng dựa trên kết quả PAPI {baseline}, khảo sát gần nhất công bố "
            "trước năm kế hoạch: đó là mốc so sánh.",
            "The {plan_year} plan was written against PAPI {baseline}, the last survey published before the plan "
            "year: that is the baseline.",
        ),
        "ev_later_year": ("So với khảo sát năm", "Compare with the survey of"),
        "ev_moved": (
            "Từ {baseline} đến {year}: trong {n} nội dung thành phần được giao nhiệm vụ, {beat} tăng nhiều hơn "
            "mức thay đổi của trung vị toàn quốc ({names}).",
            "From {baseline} to {year}: of the {n} sub-dimensions the plan gave tasks, {beat} moved more than the "
            "national median did ({names}).",
        ),
        "ev_did": (
            "So với toàn quốc, {targeted} nội dung thành phần được giao nhiệm vụ thay đổi trung bình {difference} "
            "điểm phần trăm thang đo so với {untargeted} nội dung không được giao (chênh lệch kép).",
            "Relative to the country, the {targeted} targeted sub-dimensions moved on average {difference} "
            "percentage points of their scale against the {untargeted} untargeted ones (difference in "
            "differences).",
        ),
        "ev_did_none": (
            "Không tính được chênh lệch kép: cần cả nội dung được giao và không được giao nhiệm vụ có điểm so "
            "sánh được.",
            "No difference in differences: it needs both targeted and untargeted sub-dimensions with comparable "
            "scores.",
        ),
        "ev_not_proof": (
            "Lưu ý: so sánh trước/sau không chứng minh rằng các nhiệm vụ đã gây ra thay đổi; điểm còn chịu ảnh "
            "hưởng của nhiều yếu tố khác và của sai số chọn mẫu.",
            "Note: a before/after comparison does not prove that the tasks caused the change; scores also move "
            "with many other factors and with sampling error.",
        ),
        "ev_not_compared_merger": (
            "Không so sánh {baseline} với {year}: từ năm 2025 PAPI khảo sát 34 đơn vị hành chính mới sau sắp "
            "xếp, khác với 63 tỉnh trước đó.",
            "{baseline} is not compared with {year}: from 2025 PAPI surveys the 34 merged units, not the 63 "
            "former provinces.",
        ),
        "ev_not_compared_break": (
            "Không so sánh {baseline} với {year}: phương pháp PAPI thay đổi giữa hai năm này.",
            "{baseline} is not compared with {year}: PAPI's method changed between these years.",
        ),
        "ev_not_compared_absent": (
            "Không có điểm của năm {year} để so với {baseline}.",
            "There are no {year} scores to compare with {baseline}.",
        ),
        "ev_reason_merger": ("Không so sánh: sắp xếp đơn vị hành chính 2025", "Not compared: the 2025 merger"),
        "ev_reason_break": ("Không so sánh: phương pháp thay đổi", "Not compared: method changed"),
        "ev_reason_absent": ("Không có điểm năm sau", "No later score"),
        "ev_verdict_within_uncertainty": (
            "Trong phạm vi sai số công bố (±{half_width}): không coi là tăng",
            "Within the published uncertainty (±{half_width}): not a rise",
        ),
        "ev_verdict_fell": ("Giảm (cao hơn {percentile}% số tỉnh)", "Fell (above {percentile}% of provinces)"),
        "ev_verdict_unchanged": ("Không đổi", "Unchanged"),
        "ev_verdict_rose_more_than_most": (
            "Tăng nhiều hơn phần lớn các tỉnh (cao hơn {percentile}%)",
            "Rose more than most provinces (above {percentile}%)",
        ),
        "ev_verdict_rose_like_most": (
            "Tăng, tương tự nhiều tỉnh (cao hơn {percentile}%)",
            "Rose, as many provinces did (above {percentile}%)",
        ),
        "ev_col_measure": ("Nội dung", "Measure"),
        "ev_col_tasks": ("Số nhiệm vụ", "Tasks"),
        "ev_col_baseline": ("Điểm {year} (mốc)", "{year} score (baseline)"),
        "ev_col_score": ("Điểm {year}", "{year} score"),
        "ev_col_change": ("Thay đổi", "Change"),
        "ev_col_national": ("Thay đổi trung vị toàn quốc", "National median's change"),
        "ev_col_peers": ("Thay đổi trung vị nhóm so sánh", "Comparison group's median change"),
        "ev_col_percentile": ("Thứ hạng thay đổi (% số tỉnh thấp hơn)", "Change's standing (% of provinces below)"),
        "ev_col_verdict": ("Nhận định", "Reading"),
        "ev_uncertainty_dimensions": (
            "Sai số: PAPI công bố phương sai của từng nội dung năm {baseline}; khoảng ±1,96·√phương sai được dùng "
            "cho điểm mốc. Sai số của năm sau và của nội dung thành phần không được công bố, nên sai số thật của "
            "mức thay đổi còn lớn hơn.",
            "Uncertainty: PAPI published each dimension's variance for {baseline}; ±1.96·√variance is used for the "
            "baseline score. No uncertainty is published for later years or for sub-dimensions, so a change's "
            "real uncertainty is larger still.",
        ),
        "ev_uncertainty_none": (
            "Sai số: PAPI không công bố sai số cho điểm năm {baseline} trong các nguồn dữ liệu; chỉ có thể dựa vào "
            "thứ hạng của mức thay đổi so với các tỉnh.",
            "Uncertainty: PAPI published no uncertainty for the {baseline} scores in the sources; only the change's "
            "standing among provinces can guide the reading.",
        ),
        "ev_dimensions_heading": ("Theo nội dung", "By dimension"),
        "ev_subdimensions_heading": ("Theo nội dung thành phần", "By sub-dimension"),
        "ev_chart_title": (
            "Thay đổi {baseline}→{year} so với trung vị toàn quốc",
            "Change {baseline}→{year} against the national median",
        ),
        "ev_chart_x": ("Thay đổi điểm", "Change in score"),
        "ev_chart_targeted": ("Có nhiệm vụ", "Given tasks"),
        "ev_chart_untargeted": ("Không có nhiệm vụ", "No task"),
        "ev_chart_national": ("Thay đổi trung vị toàn quốc", "National median's change"),
        "ev_weak_heading": ("Nội dung thành phần yếu chưa có nhiệm vụ", "Weak sub-dimensions without a task"),
        "ev_weak_list": (
            "Thấp hơn trung vị toàn quốc năm {baseline} nhưng kế hoạch không giao nhiệm vụ nào: {names}.",
            "Below the national median in {baseline} yet given no task by the plan: {names}.",
        ),
        "ev_weak_none": (
            "Mọi nội dung thành phần dưới trung vị toàn quốc năm {baseline} đều có nhiệm vụ.",
            "Every sub-dimension below the national median in {baseline} was given a task.",
        ),
        "ev_across_heading": ("Qua các kế hoạch", "Across plans"),
        "ev_across_caption": (
            "Mỗi điểm là một nội dung thành phần trong một kế hoạch: số nhiệm vụ được giao và mức thay đổi từ mốc "
            "đến khảo sát của năm kế hoạch.",
            "Each point is a sub-dimension in one plan: the tasks it was given and its change from the baseline to "
            "the plan year's survey.",
        ),
        "ev_across_one": (
            "Cần ít nhất hai kế hoạch có điểm trước và sau để xem qua các kế hoạch.",
            "At least two plans with scores before and after are needed to compare across plans.",
        ),
        "ev_across_x": ("Số nhiệm vụ", "Tasks"),
        "ev_across_y": ("Thay đổi so với trung vị toàn quốc", "Change against the national median"),
        "ev_plan_year_mark": ("Năm kế hoạch {year}", "Plan year {year}"),
        "ev_judge_label": ("Đánh giá kế hoạch theo", "Judge the plan at"),
        "ev_judge_baseline": ("Mốc của kế hoạch (PAPI {year})", "The plan's baseline (PAPI {year})"),
        "ev_judge_selected": ("Năm đang chọn ({year})", "The year chosen ({year})"),
        "ev_judge_caption": (
            "Các điểm dưới đây là của PAPI {baseline}, mốc của kế hoạch: khảo sát gần nhất công bố trước năm kế "
            "hoạch, căn cứ để giao nhiệm vụ.",
            "The scores below are PAPI {baseline}, the plan's baseline: the last survey published before the plan "
            "year, which the tasks were written against.",
        ),
    }
)


# --- shared pieces: language names, list joining, the map's attribution ---
LABELS.update(
    {
        "language_name_vi": ("Tiếng Việt", "Tiếng Việt"),
        "language_name_en": ("English", "English"),
        "language_picker": ("Ngôn ngữ / Language", "Ngôn ngữ / Language"),
        "list_and": (" và ", " and "),
        "list_more": (" (+{n})", " (+{n})"),
        "geo_attribution": (
            "Ranh giới tỉnh: Open Development Mekong / Dept of Survey and Mapping, CC BY-SA 4.0 "
            "(qua phamductu/vietnamese-provincial-icons)",
            "Province boundaries: Open Development Mekong / Dept of Survey and Mapping, CC BY-SA 4.0 "
            "(via phamductu/vietnamese-provincial-icons)",
        ),
    }
)


def text(key: str, lang: str) -> str:
    """Return the raw text of `key` in `lang`, placeholders unfilled. No fallback (see the module's rule)."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    return LABELS[key][LANGUAGES.index(lang)]


def t(key: str, lang: str, **values: object) -> str:
    """Return the text `key` in `lang` ("vi" or "en"), with `values` filled in."""
    return fill(key, lang, values) if values else text(key, lang)


def fill(key: str, lang: str, values: Mapping[str, object]) -> str:
    """Return the text `key` in `lang` filled from a mapping (which may supply defaults via `__missing__`)."""
    return text(key, lang).format_map(values)


def join(names: Sequence[str], lang: str, limit: int | None = None) -> str:
    """Join names as "A, B và C" / "A, B and C"; with `limit`, keep that many and count the rest: "A, B và C (+2)"."""
    names = list(names)
    shown = names if limit is None else names[:limit]
    if not shown:
        return ""
    head, last = shown[:-1], shown[-1]
    joined = ", ".join(head) + text("list_and", lang) + last if head else last
    rest = len(names) - len(shown)
    return joined + t("list_more", lang, n=rest) if rest else joined


def placeholders(template: str) -> set[str]:
    """Return the names of the `{placeholders}` in a text ("{delta:+d}" -> "delta")."""
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


def problems(labels: Mapping[str, Sequence[object]] | None = None) -> list[str]:
    """Return every defect of a catalogue: a text missing or empty in a language, or placeholders that differ."""
    found: list[str] = []
    for key, texts in (LABELS if labels is None else labels).items():
        if len(texts) != len(LANGUAGES) or not all(isinstance(x, str) and x.strip() for x in texts):
            present = [lang for lang, x in zip(LANGUAGES, texts, strict=False) if isinstance(x, str) and x.strip()]
            found.append(f"{key}: present in {present or 'no language'} only")
            continue
        names = [placeholders(str(x)) for x in texts]
        if any(n != names[0] for n in names):
            found.append(f"{key}: placeholders differ: " + "; ".join(
                f"{lang} {sorted(n)}" for lang, n in zip(LANGUAGES, names, strict=True)))
    return found


def dimension_name(dimension: int, lang: str) -> str:
    """Return a PAPI dimension's name in `lang`."""
    concept = papi.DIMENSIONS[dimension]
    return concept.name_en if lang == "en" else concept.name_vi
