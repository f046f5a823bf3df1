"""The PAPI index structure by year: dimensions, sub-dimensions, stable keys, scales.

PAPI renumbered and redefined sub-dimensions several times (2016, 2018, 2019,
2021).  A sub-dimension is therefore identified across years by a stable `key`
naming its concept; its number is only meaningful within one year.  This module
is the single definition of that structure; `scripts/build_data.py` writes it
out as `data/papi_structure.csv` for review, and the store loads that file.

Names come from the official headers: the consolidated workbook
`PAPI_2011-2019.xlsx` (2011-2017) and the 2018/2019 indicator workbooks
(`PAPI_2019_eng.xlsx`, `2019_PAPI_Provincial_indicators2019_VIE_ENG.xlsx`).
Scales: every dimension runs 1-10; its sub-dimensions share that range equally
(four sub-dimensions: 0.25-2.5; three: 0.33-3.33; two: 0.5-5), as printed in
the "Thang điểm" column of the official indicator workbooks.
"""

from __future__ import annotations

from dataclasses import dataclass

from lib.domain import eras

FIRST_YEAR = 2011
LAST_KNOWN_YEAR = 2024


@dataclass(frozen=True)
class Concept:
    """A PAPI (sub-)dimension concept with its names."""

    key: str
    name_vi: str
    name_en: str


DIMENSIONS: dict[int, Concept] = {
    1: Concept("participation", "Tham gia của người dân ở cấp cơ sở", "Participation at Local Levels"),
    2: Concept("transparency", "Công khai, minh bạch", "Transparency in Local Decision-making"),
    3: Concept("vertical_accountability", "Trách nhiệm giải trình với người dân", "Vertical Accountability"),
    4: Concept(
        "control_of_corruption", "Kiểm soát tham nhũng trong khu vực công", "Control of Corruption in the Public Sector"
    ),
    5: Concept("administrative_procedures", "Thủ tục hành chính công", "Public Administrative Procedures"),
    6: Concept("public_service_delivery", "Cung ứng dịch vụ công", "Public Service Delivery"),
    7: Concept("environmental_governance", "Quản trị môi trường", "Environmental Governance"),
    8: Concept("e_governance", "Quản trị điện tử", "E-Governance"),
}

_SUB: dict[str, Concept] = {
    c.key: c
    for c in [
        Concept("civic_knowledge", "Tri thức công dân", "Civic Knowledge"),
        Concept("opportunities_for_participation", "Cơ hội tham gia", "Opportunities for Participation in Elections"),
        Concept(
            "quality_of_elections",
            "Chất lượng bầu cử trưởng thôn, tổ trưởng dân phố",
            "Quality of Village Head Elections",
        ),
        Concept("voluntary_contributions", "Đóng góp tự nguyện", "Voluntary Contributions"),
        Concept("access_to_information", "Tiếp cận thông tin", "Access to Information"),
        Concept("poverty_lists", "Công khai danh sách hộ nghèo", "Poverty List Transparency"),
        Concept("communal_budget", "Công khai thu, chi ngân sách cấp xã/phường", "Communal Budget Transparency"),
        Concept(
            "land_use_plans",
            "Quy hoạch, kế hoạch sử dụng đất; giá bồi thường thu hồi đất",
            "Land-Use Plans and Compensation Prices",
        ),
        Concept(
            "interactions_with_local_authorities",
            "Mức độ và hiệu quả trong tiếp xúc với chính quyền",
            "Interactions with Local Authorities",
        ),
        Concept("peoples_inspection_boards", "Ban Thanh tra nhân dân", "People's Inspection Boards"),
        Concept(
            "community_investment_supervision",
            "Ban Giám sát đầu tư cộng đồng",
            "Community Investment Supervision Boards",
        ),
        Concept(
            "responsiveness_to_citizen_actions", "Đáp ứng kiến nghị của người dân", "Responsiveness to Citizen Actions"
        ),
        Concept(
            "responses_to_citizen_appeals",
            "Giải đáp khiếu nại, tố cáo, khúc mắc của người dân",
            "Government Responses to Citizens' Appeals",
        ),
        Concept("access_to_justice", "Tiếp cận dịch vụ tư pháp", "Access to Justice Services"),
        Concept(
            "corruption_in_local_government",
            "Kiểm soát tham nhũng trong chính quyền địa phương",
            "Limits on Corruption in Local Governments",
        ),
        Concept(
            "corruption_in_service_delivery",
            "Kiểm soát tham nhũng trong cung ứng dịch vụ công",
            "Limits on Corruption in Service Delivery",
        ),
        Concept(
            "equity_in_state_employment", "Công bằng trong tuyển dụng vào khu vực công", "Equity in State Employment"
        ),
        Concept(
            "willingness_to_fight_corruption",
            "Quyết tâm chống tham nhũng của chính quyền địa phương",
            "Willingness to Fight Corruption",
        ),
        Concept("certification_procedures", "Dịch vụ chứng thực, xác nhận của chính quyền", "Certification Procedures"),
        Concept("construction_permits", "Thủ tục xin cấp phép xây dựng", "Construction Permits"),
        Concept(
            "land_title_procedures", "Thủ tục liên quan đến giấy chứng nhận quyền sử dụng đất", "Land Title Procedures"
        ),
        Concept("personal_procedures", "Dịch vụ hành chính cấp xã/phường", "Personal Procedures at Commune Level"),
        Concept("public_healthcare", "Y tế công lập", "Public Healthcare"),
        Concept("primary_education", "Giáo dục tiểu học công lập", "Public Primary Education"),
        Concept("basic_infrastructure", "Cơ sở hạ tầng căn bản", "Basic Infrastructure"),
        Concept("law_and_order", "An ninh, trật tự khu dân cư", "Law and Order"),
        Concept(
            "environmental_protection", "Nghiêm túc trong bảo vệ môi trường", "Seriousness in Environmental Protection"
        ),
        Concept("air_quality", "Chất lượng không khí", "Quality of Air"),
        Concept("water_quality", "Chất lượng nước", "Quality of Water"),
        Concept(
            "e_government_portals",
            "Sử dụng cổng thông tin điện tử của chính quyền địa phương",
            "Access to E-Government Portals",
        ),
        Concept("internet_access", "Tiếp cận và sử dụng Internet tại địa phương", "Access to the Internet"),
        Concept(
            "e_responsiveness", "Phúc đáp qua cổng thông tin điện tử", "E-Responsiveness of Provincial Authorities"
        ),
    ]
}

# Each era lists, per dimension, its sub-dimensions in official order as
# (key, column of the SC-wide CSV layout).  The SC column of a concept is
# fixed by that layout, which is why it is recorded next to the key.
_Era = dict[int, list[tuple[str, str]]]

_D4 = [
    ("corruption_in_local_government", "SC41"),
    ("corruption_in_service_delivery", "SC42"),
    ("equity_in_state_employment", "SC43"),
    ("willingness_to_fight_corruption", "SC44"),
]
_D6 = [
    ("public_healthcare", "SC61"),
    ("primary_education", "SC62"),
    ("basic_infrastructure", "SC63"),
    ("law_and_order", "SC64"),
]
_D1 = [
    ("civic_knowledge", "SC11"),
    ("opportunities_for_participation", "SC12"),
    ("quality_of_elections", "SC13"),
    ("voluntary_contributions", "SC14"),
]
_D5_FULL = [
    ("certification_procedures", "SC51"),
    ("construction_permits", "SC52"),
    ("land_title_procedures", "SC53"),
    ("personal_procedures", "SC54"),
]
_D2_OLD = [("poverty_lists", "SC21"), ("communal_budget", "SC22"), ("land_use_plans", "SC23")]
_D2_NEW = [
    ("access_to_information", "SC21"),
    ("poverty_lists", "SC22"),
    ("communal_budget", "SC23"),
    ("land_use_plans", "SC24"),
]
_D7 = [("environmental_protection", "SC71"), ("air_quality", "SC72"), ("water_quality", "SC73")]

ERA_2011: _Era = {
    1: _D1,
    2: _D2_OLD,
    3: [
        ("interactions_with_local_authorities", "SC31"),
        ("peoples_inspection_boards", "SC32"),
        ("community_investment_supervision", "SC33"),
    ],
    4: _D4,
    5: _D5_FULL,
    6: _D6,
}
ERA_2016: _Era = {
    **ERA_2011,
    3: [
        ("interactions_with_local_authorities", "SC31"),
        ("responsiveness_to_citizen_actions", "SC32"),
        ("peoples_inspection_boards", "SC33"),
    ],
}
ERA_2018: _Era = {
    1: _D1,
    2: _D2_NEW,
    3: [
        ("interactions_with_local_authorities", "SC31"),
        ("responses_to_citizen_appeals", "SC32"),
        ("access_to_justice", "SC33"),
    ],
    4: _D4,
    5: _D5_FULL,
    6: _D6,
    7: _D7,
    8: [("e_government_portals", "SC81"), ("internet_access", "SC82")],
}
ERA_2019: _Era = {**ERA_2018, 8: [*ERA_2018[8], ("e_responsiveness", "SC83")]}
# From 2021 construction permits are no longer surveyed; the remaining three
# procedures are renumbered 5.1-5.3.
ERA_2021: _Era = {
    **ERA_2019,
    5: [("certification_procedures", "SC51"), ("land_title_procedures", "SC53"), ("personal_procedures", "SC54")],
}

# Years from which an era applies.  A year after the last entry uses the last
# era; a year before 2011 is unknown.
_ERAS: list[tuple[int, _Era]] = [
    (2011, ERA_2011),
    (2016, ERA_2016),
    (2018, ERA_2018),
    (2019, ERA_2019),
    (2021, ERA_2021),
]

# Years at which a dimension's series is broken: its scores before and after
# are on different bases and must not be joined by a line.
# 2016: dimensions 1, 3 and 5 rebaselined; 2018: new 8-dimension structure
# (papi.org.vn advises against comparing with earlier years); 2019: E-Governance
# gains E-Responsiveness; 2021: construction permits dropped from dimension 5.
# 2025: the 34 provincial units from 1 July 2025 replace the 63 provinces
# (`eras.FIRST_34_YEAR`); a unit's score is never joined to its former provinces'.
BREAKS: dict[int, tuple[int, ...]] = {
    1: (2016, 2018, eras.FIRST_34_YEAR),
    2: (2018, eras.FIRST_34_YEAR),
    3: (2016, 2018, eras.FIRST_34_YEAR),
    4: (2018, eras.FIRST_34_YEAR),
    5: (2016, 2018, 2021, eras.FIRST_34_YEAR),
    6: (2018, eras.FIRST_34_YEAR),
    7: (eras.FIRST_34_YEAR,),
    8: (2019, eras.FIRST_34_YEAR),
}
TOTAL_BREAKS: tuple[int, ...] = (2018, eras.FIRST_34_YEAR)

def known_year(year: int) -> bool:
    """Return True when the app knows the PAPI structure used for `year`."""
    return year >= FIRST_YEAR


def era(year: int) -> _Era:
    """Return the dimension → [(key, sc_column)] structure in force in `year`.

    Raises ValueError for a year before PAPI's first provincial survey (2011).
    """
    if not known_year(year):
        raise ValueError(f"PAPI has no provincial structure for {year}")
    chosen = _ERAS[0][1]
    for start, structure in _ERAS:
        if year >= start:
            chosen = structure
    return chosen


def dimensions(year: int) -> list[int]:
    """Return the dimension numbers published in `year` (1-6 before 2018, 1-8 after)."""
    return sorted(era(year))


def subdimension_scale(year: int, dimension: int) -> tuple[float, float]:
    """Return the (min, max) scale of each sub-dimension of `dimension` in `year`."""
    count = len(era(year)[dimension])
    return (1.0 / count, 10.0 / count)


def breaks(dimension: int | None) -> tuple[int, ...]:
    """Return the methodology breaks of a dimension's series; `None` or 0 asks for the total score."""
    return TOTAL_BREAKS if not dimension else BREAKS[dimension]


def breaks_within(dimension: int | None, years: list[int]) -> tuple[int, ...]:
    """Return the breaks of a series that fall inside the years shown (break B lies between B-1 and B)."""
    if not years:
        return ()
    return tuple(b for b in breaks(dimension) if min(years) < b <= max(years))


def segment(year: int, dimension: int | None) -> int:
    """Return the comparability segment of a year: years in one segment may be joined.

    `dimension=None` (or 0) asks for the total score.
    """
    return sum(1 for b in breaks(dimension) if year >= b)


def structure_rows(years: range | list[int]) -> list[dict[str, object]]:
    """Return one row per (year, dimension[, sub-dimension]) for `data/papi_structure.csv`."""
    rows: list[dict[str, object]] = []
    for year in years:
        for dim, subs in sorted(era(year).items()):
            concept = DIMENSIONS[dim]
            rows.append(
                {
                    "year": year,
                    "dimension": dim,
                    "subdimension": None,
                    "key": concept.key,
                    "name_vi": concept.name_vi,
                    "name_en": concept.name_en,
                    "scale_min": 1.0,
                    "scale_max": 10.0,
                    "sc_column": None,
                }
            )
            low, high = subdimension_scale(year, dim)
            for number, (key, column) in enumerate(subs, start=1):
                sub = _SUB[key]
                rows.append(
                    {
                        "year": year,
                        "dimension": dim,
                        "subdimension": number,
                        "key": key,
                        "name_vi": sub.name_vi,
                        "name_en": sub.name_en,
                        "scale_min": round(low, 4),
                        "scale_max": round(high, 4),
                        "sc_column": column,
                    }
                )
    return rows


def subdimension_keys() -> list[str]:
    """Return every known sub-dimension key."""
    return list(_SUB)


def dimension_of_key(key: str) -> int:
    """Return the dimension a sub-dimension key belongs to."""
    for _, structure in _ERAS:
        for dim, subs in structure.items():
            if any(k == key for k, _ in subs):
                return dim
    raise KeyError(key)
