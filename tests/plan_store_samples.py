"""A plan of another province for the plan-store tests: Kon Tum's (made up, in the form such plans take),
as a Word table with a number, task, lead, implementing, deadline and output column."""

from __future__ import annotations

from tests import plan_samples

PROVINCE = "Kon Tum"
CODE = "62"  # Kon Tum's GSO code in the 63-unit list (data/provinces.csv)
YEAR = 2023
DOCUMENT = "Kế hoạch 45/KH-UBND"
HEADER = ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Sản phẩm"]
L = plan_samples.LEFT
ROWS = [
    ["I", "Công khai, minh bạch", L, L, L, L],
    ["1", "Công khai quy hoạch, kế hoạch sử dụng đất trên Cổng thông tin điện tử tỉnh",
     "Sở Tài nguyên và Môi trường", "UBND cấp huyện; Sở Tài chánh", "Quý III/2023",
     "Quy hoạch được công khai"],
    ["2", "Công khai danh sách hộ nghèo tại nhà văn hóa thôn", "Sở Lao động, Thương binh và Xã hội",
     "UBND cấp xã", "30/6/2023", "Danh sách được niêm yết"],
    ["II", "Thủ tục hành chính công", L, L, L, L],
    ["1", "Rút ngắn thời gian giải quyết thủ tục hành chính tại bộ phận một cửa cấp xã",
     "Trung tâm Phục vụ hành chính công tỉnh", "UBND cấp xã", "Thường xuyên", "Báo cáo"],
    ["2", "Khảo sát mức độ hài lòng của người dân khi làm thủ tục", "Sở Nội vụ",
     "Ban Quản lý Khu du lịch Măng Đen", "Tháng 11/2023", "Báo cáo khảo sát"],
    ["III", "Quản trị điện tử", L, L, L, L],
    ["1", "Nâng cấp Cổng thông tin điện tử tỉnh", "Sở Thông tin và Truyền thông", "Văn phòng UBND tỉnh",
     "Năm 2023", "Cổng được nâng cấp"],
]
TASKS = 5


def docx(rows: list[list[str]] | None = None) -> bytes:
    """The plan as a Word document (sections merged across the table); `rows` replaces the table's rows."""
    return plan_samples.docx_bytes(HEADER, ROWS if rows is None else rows, letterhead=False,
                                   title="PHỤ LỤC NHIỆM VỤ NÂNG CAO CHỈ SỐ PAPI NĂM 2023")


def docx_without_last_task() -> bytes:
    """The same plan, reissued without its last section."""
    return docx(ROWS[:-2])
