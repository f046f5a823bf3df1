"""Plans loaded into a store for the dashboard tests (the plan documents of the reader's tests are in
tests/plan_samples.py): two small synthetic plans of one province, written so that the comparison's answer
is plain from the texts, and a way to load them into a store as an editor's plans are loaded.

EARLIER (2021) and LATER (2023), Kon Tum (code 62, no seed plan):
- carried over: "Niêm yết công khai … năm 2021" → "… năm 2023" (only the year differs: 100 %),
  the dialogue task (a few words added: reworded), "… sử dụng đất cấp tỉnh" (the same text; its
  near namesake "… cấp huyện" is dropped, not matched to it), and the unmapped digital task;
- dropped: "… sử dụng đất cấp huyện", the food-safety task, "… tiếp xúc cử tri định kỳ";
- added: the camera task and "Thực hiện tốt quy định về tiếp công dân" (only 67 % like
  "… tiếp xúc cử tri định kỳ": below the threshold, so not carried over).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from lib.store import database

PROVINCE_CODE, PROVINCE = "62", "Kon Tum"
EARLIER_ID, LATER_ID = "KTM-2021", "KTM-2023"
EARLIER_DOCUMENT = "Kế hoạch 30/KH-UBND năm 2021"
LATER_DOCUMENT = "Kế hoạch 12/KH-UBND năm 2023"

# (dimension or None, sub-dimension keys, task, lead, implementing)
EARLIER = [
    (5, "", "Niêm yết công khai thủ tục hành chính tại bộ phận một cửa năm 2021",
     "Sở Nội vụ", "UBND cấp huyện"),
    (3, "responses_to_citizen_appeals", "Tổ chức đối thoại với người dân về giải quyết khiếu nại, tố cáo",
     "Thanh tra tỉnh", "Sở Tư pháp"),
    (2, "land_use_plans", "Công khai quy hoạch, kế hoạch sử dụng đất cấp huyện", "UBND cấp huyện", ""),
    (2, "land_use_plans", "Công khai quy hoạch, kế hoạch sử dụng đất cấp tỉnh", "Sở Tài nguyên và Môi trường", ""),
    (6, "public_healthcare", "Tăng cường kiểm tra vệ sinh an toàn thực phẩm tại trường học",
     "Sở Y tế", "Sở Giáo dục và Đào tạo"),
    (None, "", "Xây dựng kế hoạch chuyển đổi số của tỉnh", "Sở Thông tin và Truyền thông", "Sở Nội vụ"),
    (1, "", "Thực hiện tốt quy định về tiếp xúc cử tri định kỳ", "UBND cấp xã", ""),
]
LATER = [
    (5, "", "Niêm yết công khai thủ tục hành chính tại bộ phận một cửa năm 2023",
     "Sở Nội vụ", "UBND cấp huyện"),
    (3, "responses_to_citizen_appeals",
     "Tổ chức đối thoại định kỳ với người dân về giải quyết khiếu nại, tố cáo và kiến nghị",
     "Thanh tra tỉnh", "Sở Tư pháp"),
    (2, "land_use_plans", "Công khai quy hoạch, kế hoạch sử dụng đất cấp tỉnh", "Sở Tài nguyên và Môi trường", ""),
    (5, "", "Lắp đặt camera giám sát tại bộ phận tiếp nhận và trả kết quả",
     "Sở Nội vụ", "Sở Thông tin và Truyền thông"),
    (None, "", "Xây dựng kế hoạch chuyển đổi số của tỉnh năm 2023", "Sở Thông tin và Truyền thông", "Sở Nội vụ"),
    (3, "", "Thực hiện tốt quy định về tiếp công dân", "Thanh tra tỉnh", "UBND cấp xã"),
]


def tasks_frame(plan_id: str, year: int, rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"task_id": f"{plan_id}-{n}", "plan_id": plan_id, "province": PROVINCE, "plan_year": year,
             "dimension": dimension, "plan_section": "I", "plan_section_title": "Synthetic",
             "papi_subdimensions": keys, "task": task, "lead_agency": lead, "implementing_agencies": implementing,
             "source_line": n}
            for n, (dimension, keys, task, lead, implementing) in enumerate(rows, start=1)
        ]
    )


def plan_row(plan_id: str, year: int, document: str) -> dict[str, object]:
    return {"plan_id": plan_id, "era": "63", "province_code": PROVINCE_CODE, "province": PROVINCE,
            "plan_year": year, "document": document}


def add_sample_plans(path: Path) -> None:
    """Load both plans into the store at `path` (made from the CSVs first when new)."""
    con = database.connect(path)
    cur = con.cursor()
    database.insert_plan(cur, plan_row(EARLIER_ID, 2021, EARLIER_DOCUMENT), tasks_frame(EARLIER_ID, 2021, EARLIER))
    database.insert_plan(cur, plan_row(LATER_ID, 2023, LATER_DOCUMENT), tasks_frame(LATER_ID, 2023, LATER))
    cur.close()
    con.close()


# A Đắk Lắk plan of 2022 beside the seed plan, two of its three tasks linked to no PAPI dimension
# (a digital-transformation plan's tasks), both led by Sở Nội vụ: its largest cell of the
# agency × dimension grid is the unmapped one.
UNMAPPED_ID = "DLK-2022"
UNMAPPED_DOCUMENT = "Kế hoạch 99/KH-UBND năm 2022 về chuyển đổi số"
UNMAPPED = [
    (5, "", "Niêm yết công khai thủ tục hành chính tại trụ sở xã", "Sở Nội vụ", "UBND cấp xã"),
    (None, "", "Triển khai nền tảng số dùng chung của tỉnh", "Sở Nội vụ", "Sở Thông tin và Truyền thông"),
    (None, "", "Số hoá hồ sơ lưu trữ của các sở", "Sở Nội vụ", ""),
]


def add_unmapped_plan(path: Path) -> None:
    """Load the Đắk Lắk 2022 plan with unmapped tasks into the store at `path`."""
    con = database.connect(path)
    cur = con.cursor()
    row = {**plan_row(UNMAPPED_ID, 2022, UNMAPPED_DOCUMENT), "province_code": "66", "province": "Đắk Lắk"}
    frame = tasks_frame(UNMAPPED_ID, 2022, UNMAPPED).assign(province="Đắk Lắk")
    database.insert_plan(cur, row, frame)
    cur.close()
    con.close()
