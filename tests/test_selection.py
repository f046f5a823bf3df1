"""The sidebar's state resolution as a pure function: no Streamlit, no store."""

from __future__ import annotations

from lib.domain import provinces
from lib.present import selection
from lib.present.selection import Wanted, resolve

YEARS_63 = list(range(2011, 2025))
YEARS_BOTH = [*YEARS_63, 2025]


def _names() -> dict[str, dict[str, str]]:
    registry = provinces.load_registry()
    return {
        era: dict(zip(rows["code"], rows["name_vi"], strict=True))
        for era, rows in registry.groupby("era")
    }


NAMES = _names()


def test_defaults_on_a_first_visit() -> None:
    got = resolve(Wanted(), YEARS_63, NAMES)
    assert (got.lang, got.year, got.era, got.province) == ("vi", 2024, "63", "66")
    # The Central Highlands: Kon Tum, Gia Lai, Đắk Lắk, Đắk Nông, Lâm Đồng.
    assert got.peers == ("62", "64", "66", "67", "68")
    assert got.year_notice is None and got.notes == ()


def test_the_url_is_read_when_nothing_else_was_chosen() -> None:
    got = resolve(Wanted(url_lang="en", url_year="2019", url_province="01", url_peers="79,48"), YEARS_63, NAMES)
    assert (got.lang, got.year, got.province, got.peers) == ("en", 2019, "01", ("79", "48"))


def test_session_values_win_over_kept_choices_and_url() -> None:
    got = resolve(Wanted(year=2020, kept_year=2019, url_year="2018", province="01", kept_province="79"),
                  YEARS_63, NAMES)
    assert (got.year, got.province) == (2020, "01")


def test_unknown_values_fall_back() -> None:
    got = resolve(Wanted(url_lang="fr", url_province="99", url_peers="01,99,01"), YEARS_63, NAMES)
    assert (got.lang, got.province, got.peers) == ("vi", "66", ("01",))


def test_a_url_year_without_scores_is_named_in_a_notice() -> None:
    got = resolve(Wanted(url_year="2031"), YEARS_63, NAMES)
    assert got.year == 2024 and got.year_notice == ("2031", 2024)
    notice = selection.year_notice_text(got.year_notice, "en")
    assert notice == "There are no PAPI scores for 2031; showing 2024 instead."
    assert "2031" in selection.year_notice_text(got.year_notice, "vi")
    # The next run keeps the notice while the shown year stays; choosing a year ends it.
    kept = resolve(Wanted(year=2024, year_notice=got.year_notice), YEARS_63, NAMES)
    assert kept.year_notice == ("2031", 2024)
    assert resolve(Wanted(year=2020, year_notice=got.year_notice), YEARS_63, NAMES).year_notice is None


def test_moving_to_2025_maps_province_and_peers_to_the_34_units() -> None:
    got = resolve(Wanted(year=2025, kept_year=2024, province="54", peers=["62", "64", "67", "68"]), YEARS_BOTH, NAMES)
    assert (got.era, got.province) == ("34", "66")  # Phú Yên merged into Đắk Lắk
    # Kon Tum -> Quảng Ngãi (51), Gia Lai -> Gia Lai (52), Đắk Nông and Lâm Đồng -> Lâm Đồng (68), once.
    assert got.peers == ("51", "52", "68")
    assert got.switch == ("63", "54", "34", "66")
    assert "Năm 2025 dùng 34 đơn vị mới: Phú Yên → Đắk Lắk." in got.notes
    assert "Từ 2025: Đắk Lắk gồm Đắk Lắk và Phú Yên cũ." in got.notes


def test_back_to_2024_a_reused_code_goes_to_the_same_place() -> None:
    # New Bắc Ninh (24) is old Bắc Ninh (27), never old Bắc Giang (24); new Gia Lai (52) is old Gia Lai (64).
    assert resolve(Wanted(year=2024, kept_year=2025, province="24"), YEARS_BOTH, NAMES).province == "27"
    assert resolve(Wanted(year=2024, kept_year=2025, province="52"), YEARS_BOTH, NAMES).province == "64"


def test_no_era_notes_when_the_years_do_not_reach_2025() -> None:
    assert resolve(Wanted(province="54"), YEARS_63, NAMES).notes == ()
    assert resolve(Wanted(year=2024, province="54"), YEARS_BOTH, NAMES).notes == (
        "Từ 2025: Phú Yên cùng Đắk Lắk hợp thành Đắk Lắk mới.",
    )


# --- the plan chooser (resolve_plan): the province's plans, newest first ---

PLANS = ["P66-2022", "P66-2021", "DLK-2020"]  # newest first, as queries.province_plans orders them


def _plan(wanted: Wanted, plan_ids: list[str] = PLANS, years: list[int] = YEARS_63) -> str | None:
    return selection.resolve_plan(wanted, resolve(wanted, years, NAMES), plan_ids)


def test_the_newest_plan_is_the_default_and_a_province_without_plans_has_none() -> None:
    assert _plan(Wanted()) == "P66-2022"
    assert _plan(Wanted(url_plan="P66-2021"), []) is None


def test_a_chosen_plan_is_kept_across_pages_and_read_from_the_url() -> None:
    assert _plan(Wanted(url_province="66", url_plan="DLK-2020")) == "DLK-2020"  # a copied link
    # A page switch: no widget value this run, the kept choice of the same province and year.
    assert _plan(Wanted(kept_province="66", kept_year=2024, kept_plan="P66-2021", url_plan="DLK-2020")) == "P66-2021"
    # This run's chooser wins over the kept choice.
    assert _plan(Wanted(plan="DLK-2020", province="66", kept_province="66", kept_year=2024,
                        kept_plan="P66-2021")) == "DLK-2020"


def test_an_unknown_plan_falls_back_to_the_newest() -> None:
    assert _plan(Wanted(url_plan="NOPE")) == "P66-2022"
    assert _plan(Wanted(plan="P01-2020", province="66", kept_province="66", kept_year=2024)) == "P66-2022"


def test_another_province_moves_the_choice_to_its_newest_plan() -> None:
    # The chooser still holds Đắk Lắk's older plan; the user picked Hà Nội (01), whose plans are these two.
    assert selection.resolve_plan(
        Wanted(plan="P01-2019", province="01", kept_province="66", kept_year=2024, kept_plan="P01-2019"),
        resolve(Wanted(province="01", kept_province="66", kept_year=2024), YEARS_63, NAMES),
        ["P01-2023", "P01-2019"],
    ) == "P01-2023"


def test_switching_the_era_moves_the_choice_to_the_newest_plan() -> None:
    # Đắk Lắk (66) is the same code in both eras and shows the same plans; a 2024 -> 2025 switch still
    # starts from the newest plan, as for a new province.
    moved = Wanted(year=2025, province="66", kept_year=2024, kept_province="66", plan="DLK-2020", kept_plan="DLK-2020")
    assert _plan(moved, years=YEARS_BOTH) == "P66-2022"
    stayed = Wanted(year=2023, province="66", kept_year=2024, kept_province="66", plan="DLK-2020")
    assert _plan(stayed, years=YEARS_BOTH) == "DLK-2020"  # a year of the same era keeps it


def test_the_label_names_year_document_and_tasks() -> None:
    plan = selection.PlanChoice("DLK-2020", 2020, "Phụ lục kèm theo Kế hoạch /KH-UBND năm 2020", 85)
    assert selection.plan_label(plan, "vi") == "2020 · Phụ lục kèm theo Kế hoạch /KH-UBND năm 2020 (85 nhiệm vụ)"
    assert selection.plan_label(plan, "en") == "2020 · Phụ lục kèm theo Kế hoạch /KH-UBND năm 2020 (85 tasks)"
    long = selection.PlanChoice("X", 2021, "Kế hoạch " + "rất dài " * 20, 3)
    label = selection.plan_label(long, "vi")
    assert label.startswith("2021 · Kế hoạch rất dài") and "…" in label and label.endswith("(3 nhiệm vụ)")
    assert len(label) < 90
    caption = selection.plan_caption(plan, "Đắk Lắk", 2024, "en", others=1)
    assert caption.startswith("Đắk Lắk's plan of 2020: Phụ lục kèm theo Kế hoạch /KH-UBND năm 2020 (85 tasks)")
    assert "1 other plan" in caption
