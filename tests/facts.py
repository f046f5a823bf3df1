"""Facts about Đắk Lắk that many tests expect, written once, each with the independent source it was read from.

None of them is computed by the app's code: tests/test_facts.py recomputes each one from its source
(the plan's text and the published sub-dimension scores in ../shared), so a wrong value here fails there.

Sub-dimension files: ../shared/data-sources/papi/subdimension_csv_2011-2024/<year>.csv, one row per province
(Đắk Lắk is row `P42`), one column per sub-dimension; a province's total is the sum of all its cells
(the README beside them: "Dimension score = sum of its sub-dimension columns. Aggregate = sum of the 8 (or 6)
dimensions"), and its rank is its place among the provinces with scores that year, highest total first.
"""

from __future__ import annotations

# The province.  GSO code 66 in data/papi_scores.csv and data/provinces.csv; `P42` in the sub-dimension files.
PROVINCE_CODE = "66"
PROVINCE_SOURCE_ROW = "P42"

# ../shared/plan/dak-lak-2020-papi-task-plan.txt: the plan's table has one row per task, the rows whose
# first cell (STT, the numbering) is empty; numbered rows are the dimension and sub-dimension headings.
PLAN_YEAR = 2020
PLAN_TASKS = 85

# 2019, the year before the plan: subdimension_csv_2011-2024/2019.csv, row P42, 63 provinces with scores.
TOTAL_2019 = 41.07
RANK_2019 = 62
RANKED_2019 = 63

# 2017: subdimension_csv_2011-2024/2017.csv, row P42 (six dimensions), 63 provinces with scores.
TOTAL_2017 = 34.64
RANK_2017 = 55
RANKED_2017 = 63

# Hà Nội (GSO 01, row P01), a province without a plan: its 2019 total in subdimension_csv_2011-2024/2019.csv.
HA_NOI_CODE = "01"
HA_NOI_SOURCE_ROW = "P01"
HA_NOI_TOTAL_2019 = 41.53

# Provinces before the merger of 1 July 2025 (data/provinces.csv era "63"; the sub-dimension files' P01–P63).
PROVINCES_BEFORE_2025 = 63


def vi_decimal(value: float, digits: int = 2) -> str:
    """A number as the Vietnamese interface writes it: a decimal comma (41,07)."""
    return f"{value:.{digits}f}".replace(".", ",")
