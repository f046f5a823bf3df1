"""The link from a plan's sections and tasks to PAPI, against the seed's crosswalk and the PAPI structure file."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.domain.paths import CROSSWALK_CSV, ROOT, SHARED_DIR
from lib.domain.text import fold
from lib.ingest.plan_mapping import UNMAPPED, PapiLink, describe_link, is_papi_plan, link_section, link_task

PLAN = SHARED_DIR / "plan" / "dak-lak-2020-papi-task-plan.txt"
STRUCTURE = pd.read_csv(ROOT / "data" / "papi_structure.csv", dtype={"subdimension": "Int64"})
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8}


def _valid_keys(year: int) -> set[str]:
    rows = STRUCTURE[(STRUCTURE["year"] == year) & STRUCTURE["subdimension"].notna()]
    return set(rows["key"])


def _dimension_headings() -> dict[str, str]:
    """The plan's own dimension rows ("I<TAB>Tham gia của người dân ở cấp cơ sở"), read from the plan file."""
    headings: dict[str, str] = {}
    for line in PLAN.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if cells[0] in ROMAN:
            headings[cells[0]] = cells[1]
    return headings


# --- the seed: the hand-made crosswalk is the authority ---------------------------------------------------------


CROSSWALK = pd.read_csv(CROSSWALK_CSV, dtype=str, keep_default_na=False)


@pytest.mark.parametrize("row", CROSSWALK.to_dict("records"), ids=list(CROSSWALK["plan_section"]))
def test_the_seed_sections_link_as_the_crosswalk_says(row: dict[str, str]) -> None:
    roman, _, sub = row["plan_section"].partition(".")
    dimension_heading = _dimension_headings()[roman]
    parent = link_section(dimension_heading, 2020)
    assert parent.dimension == ROMAN[roman]  # the plan's dimension rows name their dimension
    link = link_section(row["plan_section_title"], 2020, parent) if sub else parent
    expected_keys = {k for k in row["papi_subdimensions"].split(";") if k}
    assert (link.dimension, set(link.keys)) == (int(row["dimension"]), expected_keys)
    assert link.evidence and link.confidence >= 0.7


def test_every_dimension_row_of_the_seed_is_read_with_full_confidence_and_no_keys() -> None:
    for roman, heading in _dimension_headings().items():
        link = link_section(heading, 2020)
        assert (link.dimension, link.keys) == (ROMAN[roman], ())
        assert link.confidence >= 0.95


# --- the names of each year's structure -------------------------------------------------------------------------


@pytest.mark.parametrize("year", sorted(STRUCTURE["year"].unique()))
def test_every_official_name_of_a_year_links_to_itself(year: int) -> None:
    """A heading that is exactly a (sub-)dimension's name in data/papi_structure.csv links to it, sure."""
    rows = STRUCTURE[STRUCTURE["year"] == year]
    for row in rows.itertuples(index=False):
        expected = (row.dimension, () if pd.isna(row.subdimension) else (row.key,))
        for heading in (row.name_vi, fold(row.name_vi), row.name_vi.upper()):
            link = link_section(heading, int(year))
            assert ((link.dimension, link.keys), link.confidence) == (expected, 1.0), (year, heading)


@pytest.mark.parametrize(
    ("heading", "dimension", "keys"),
    [
        ("I. Tham gia của người dân ở cấp cơ sở", 1, ()),
        ("Nội dung 1: Tham gia của người dân ở cấp cơ sở", 1, ()),
        ("Chỉ số nội dung 5 – Thủ tục hành chính công", 5, ()),
        ("Chỉ số nội dung 5", 5, ()),
        ("1. Tri thức công dân", 1, ("civic_knowledge",)),
        ("1.1. Tri thức công dân", 1, ("civic_knowledge",)),
        ("a) Cơ hội tham gia", 1, ("opportunities_for_participation",)),
        ("Công khai, minh bạch", 2, ()),
        ("Cong khai, minh bach", 2, ()),
        ("II. NÂNG CAO CHỈ SỐ CÔNG KHAI, MINH BẠCH", 2, ()),
        ("Chỉ số thành phần 2.1: Tiếp cận thông tin", 2, ("access_to_information",)),
        ("Trách nhiệm giải trình với người dân", 3, ()),
        ("Kiểm soát tham nhũng trong cung ứng dịch vụ công Y tế, Giáo dục", 4, ("corruption_in_service_delivery",)),
        ("Thủ tục hành chính (TTHC)", 5, ()),
        ("Thủ tục xin cấp phép xây dựng", 5, ("construction_permits",)),
        ("VI. Cung ứng dịch vụ công", 6, ()),
        ("Chất lượng nước, chất lượng không khí", 7, ("air_quality", "water_quality")),
        ("E-Quản trị điện tử", 8, ()),
        ("Phản hồi của chính quyền đối với câu hỏi, yêu cầu đã gửi trên cổng TTĐT", 8, ("e_responsiveness",)),
        # The form of Lai Châu's 2025 plan (Kế hoạch 1331/KH-UBND): the PAPI label, then the name in quotes.
        ("1.1. Chỉ số nội dung “Tham gia của người dân ở cấp cơ sở”.", 1, ()),
        ("1.2. Chỉ số nội dung “Công khai, minh bạch trong việc ra quyết định ở địa phương”", 2, ()),
        ("Chỉ số nội dung thành phần “Tri thức công dân”", 1, ("civic_knowledge",)),
        ("1. Nội dung 1: Tham gia của người dân ở cấp cơ sở", 1, ()),
    ],
)
def test_headings_in_the_forms_plans_write_them(heading: str, dimension: int, keys: tuple[str, ...]) -> None:
    link = link_section(heading, 2020)
    assert (link.dimension, link.keys) == (dimension, keys)
    assert link.evidence


def test_a_papi_number_that_agrees_raises_confidence_and_one_that_disagrees_lowers_it() -> None:
    agrees = link_section("Nội dung 2: Công khai, minh bạch", 2020)
    disagrees = link_section("Nội dung 3: Công khai, minh bạch", 2020)
    assert (agrees.dimension, disagrees.dimension) == (2, 2)  # the name wins over the number
    assert agrees.confidence == 1.0 and disagrees.confidence < 0.8
    assert agrees.evidence == "Nội dung 2; Công khai, minh bạch"


# --- keys of the year only --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "year", "dimension", "keys"),
    [
        # Construction permits are surveyed until 2020 only.
        ("Thủ tục xin cấp phép xây dựng", 2020, 5, ("construction_permits",)),
        ("Thủ tục xin cấp phép xây dựng", 2021, 5, ()),
        # People's Inspection Boards are a dimension-3 sub-dimension until 2017.
        ("Ban Thanh tra nhân dân", 2012, 3, ("peoples_inspection_boards",)),
        ("Ban Thanh tra nhân dân", 2020, 3, ()),
        # Responsiveness to citizen actions: 2016-2017; responses to appeals: from 2018.
        ("Đáp ứng kiến nghị của người dân", 2016, 3, ("responsiveness_to_citizen_actions",)),
        ("Giải quyết khiếu nại, tố cáo", 2016, 3, ()),
        ("Giải quyết khiếu nại, tố cáo", 2019, 3, ("responses_to_citizen_appeals",)),
        # E-responsiveness from 2019; dimensions 7 and 8 from 2018.
        ("Phúc đáp qua cổng thông tin điện tử", 2018, 8, ()),
        ("Phúc đáp qua cổng thông tin điện tử", 2019, 8, ("e_responsiveness",)),
        ("Quản trị điện tử", 2017, None, ()),
        # Access to information joined dimension 2 in 2018; before, the dimension alone is meant.
        ("Tiếp cận thông tin", 2017, 2, ()),
        ("Tiếp cận thông tin", 2018, 2, ("access_to_information",)),
    ],
)
def test_a_heading_gets_only_the_keys_of_its_year(
    heading: str, year: int, dimension: int | None, keys: tuple[str, ...]
) -> None:
    link = link_section(heading, year)
    assert (link.dimension, link.keys) == (dimension, keys)
    assert set(link.keys) <= _valid_keys(year)
    if dimension is not None and not keys:
        assert link.confidence <= 0.6 or fold(heading) in {fold(n) for n in STRUCTURE["name_vi"]}


def test_no_heading_of_any_year_gets_a_key_that_year_lacks() -> None:
    headings = [*CROSSWALK["plan_section_title"], *STRUCTURE["name_vi"].unique()]
    for year in sorted(STRUCTURE["year"].unique()):
        valid = _valid_keys(int(year))
        for heading in headings:
            assert set(link_section(heading, int(year)).keys) <= valid, (year, heading)


# --- plans that are not about PAPI ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "heading",
    ["Chuyển đổi số trong cơ quan nhà nước", "Phát triển hạ tầng số", "Chi phí không chính thức",
     "Tính năng động của chính quyền", "A. NHIỆM VỤ CHUNG", "Nội dung 9: Khác"],
)
def test_a_heading_naming_no_dimension_stays_unmapped(heading: str) -> None:
    assert link_section(heading, 2024) == UNMAPPED


def test_a_non_papi_plan_gets_suggestions_only() -> None:
    heading = "Đẩy mạnh cải cách thủ tục hành chính gắn với chuyển đổi số"
    suggestion = link_section(heading, 2024, papi_plan=False)
    assert (suggestion.dimension, suggestion.confidence) == (5, 0.4)
    assert suggestion.evidence == "cải cách thủ tục hành chính"
    assert link_section(heading, 2024).confidence > 0.4  # in a PAPI plan the same words weigh more


def test_a_plan_title_says_whether_it_is_about_papi() -> None:
    assert is_papi_plan("Kế hoạch nâng cao Chỉ số Hiệu quả quản trị và hành chính công cấp tỉnh (PAPI) năm 2024")
    assert is_papi_plan("KE HOACH CAI THIEN CHI SO PAPI NAM 2023")
    assert not is_papi_plan("Kế hoạch chuyển đổi số tỉnh năm 2024")
    assert not is_papi_plan("Kế hoạch nâng cao Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)")


# --- tasks ------------------------------------------------------------------------------------------------------


def test_a_task_keeps_the_keys_its_section_names() -> None:
    section = link_section("Chất lượng nước, chất lượng không khí", 2020, link_section("Quản trị môi trường", 2020))
    assert link_task("Kiểm tra chất lượng nước sinh hoạt", section, 2020) == section


def test_a_task_of_a_broad_section_is_narrowed_where_its_words_name_a_sub_dimension() -> None:
    section = link_section("Thủ tục hành chính (TTHC)", 2020)
    land = link_task("Rút ngắn thời gian cấp giấy chứng nhận quyền sử dụng đất", section, 2020)
    assert (land.dimension, land.keys) == (5, ("land_title_procedures",))
    assert land.evidence == "cấp giấy chứng nhận quyền sử dụng đất"
    assert land.confidence <= section.confidence
    certify = link_task("Thực hiện tốt việc chứng thực bản sao, chữ ký", section, 2020)
    assert certify.keys == ("certification_procedures",)
    # Words naming no sub-dimension leave the whole dimension.
    assert link_task("Khảo sát mức độ hài lòng của người dân", section, 2020) == section
    # Construction permits are not a 2021 sub-dimension: a 2021 task cannot be narrowed to them.
    section_2021 = link_section("Thủ tục hành chính công", 2021)
    assert link_task("Công khai thủ tục cấp giấy phép xây dựng", section_2021, 2021).keys == ()


def test_a_task_of_an_unmapped_section_gets_at_most_a_weak_suggestion() -> None:
    section = link_section("Chuyển đổi số", 2024)
    portal = link_task("Nâng cấp cổng thông tin điện tử tỉnh", section, 2024)
    assert (portal.dimension, portal.keys) == (8, ("e_government_portals",))
    assert portal.confidence <= 0.4
    assert link_task("Phát triển hạ tầng số", section, 2024) == UNMAPPED


def test_a_link_reads_in_both_languages() -> None:
    link = PapiLink(7, ("air_quality", "water_quality"), "Chất lượng nước; chất lượng không khí", 0.95)
    assert describe_link(link, 2020, "en") == (
        "Dimension 7 – Environmental Governance (Quality of Air and Quality of Water); "
        "evidence: “Chất lượng nước; chất lượng không khí”; confidence 95%")
    assert describe_link(link, 2020, "vi").startswith("Nội dung 7 – Quản trị môi trường (Chất lượng không khí và")
    assert describe_link(UNMAPPED, 2020, "vi") == "Chưa gắn với PAPI"
    assert describe_link(PapiLink(5, (), "TTHC", 0.9), 2020, "en").startswith(
        "Dimension 5 – Public Administrative Procedures (the whole dimension)")


def test_the_seed_tasks_of_its_broad_section_keep_the_whole_dimension_as_the_crosswalk_says() -> None:
    """Section V has no sub-sections; its tasks (one-stop shops, satisfaction surveys) serve every procedure."""
    tasks = pd.read_csv(ROOT / "data" / "tasks.csv", dtype=str, keep_default_na=False)
    broad = CROSSWALK.set_index("plan_section").loc["V"]
    assert broad["papi_subdimensions"] == ""
    section = link_section(_dimension_headings()["V"], 2020)
    rows = tasks[tasks["plan_section"] == "V"]
    assert len(rows) == 4
    for task in rows["task"]:
        assert link_task(task, section, 2020) == section


def test_a_task_naming_some_sub_dimensions_of_a_broad_section_gets_those() -> None:
    section = link_section("Thủ tục hành chính công", 2020)
    both = link_task("Rà soát việc chứng thực, xác nhận và cấp phép xây dựng", section, 2020)
    assert both.keys == ("certification_procedures", "construction_permits")
    assert both.evidence == "chứng thực, xác nhận; cấp phép xây dựng"


@pytest.mark.parametrize(
    ("section_heading", "task", "keys"),
    [
        # Under corruption control, a hospital or a school is corruption in service delivery (PAPI 4.2).
        ("Kiểm soát tham nhũng trong khu vực công", "Thanh tra việc thu tiền ngoài quy định tại bệnh viện",
         ("corruption_in_service_delivery",)),
        # Citizen reception is where complaints and denunciations are received (PAPI 3.2 from 2018).
        ("Trách nhiệm giải trình với người dân", "Bố trí lịch tiếp công dân định kỳ",
         ("responses_to_citizen_appeals",)),
        # Treating industrial wastewater is environmental protection, not the water households use.
        ("Quản trị môi trường", "Xây dựng trạm xử lý nước thải cụm công nghiệp", ("environmental_protection",)),
        ("Quản trị môi trường", "Kiểm tra nguồn nước sinh hoạt của người dân", ("water_quality",)),
    ],
)
def test_topic_words_narrow_a_broad_section(section_heading: str, task: str, keys: tuple[str, ...]) -> None:
    section = link_section(section_heading, 2020)
    assert section.keys == ()
    link = link_task(task, section, 2020)
    assert (link.dimension, link.keys) == (section.dimension, keys)


def test_words_that_only_count_inside_their_dimension_suggest_nothing_elsewhere() -> None:
    unmapped = link_section("Chuyển đổi số", 2020)
    link = link_task("Xử lý nghiêm các vụ việc tham nhũng", unmapped, 2020)
    assert (link.dimension, link.keys) == (4, ())  # "tham nhũng" names the dimension; "xử lý" alone says nothing
    assert link.confidence <= 0.4
    assert link_task("Xử lý hồ sơ đúng hạn", unmapped, 2020) == UNMAPPED
