"""The sidebar's choices resolved without Streamlit: language, year, province, peers, plan and their notes.

`resolve` takes what the user asked for (this run's widget values, the choices
kept from the last run, the URL's parameters) and what exists (the years with
scores, the provinces of each era) and returns the selection to show with the
notes that explain it.  `lib/ui/sidebar.py` only reads session state and the
URL, calls `resolve`, draws the widgets and writes the choices back.

Province codes belong to the era of the chosen year (GSO reused codes from
2025), so when the year moves across the change of units the province and the
peers move to their counterparts of the new era (`provinces.counterpart`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from lib.domain import eras, i18n, provinces
from lib.domain.text import fold, vietnamese_sort_key

DEFAULT_PROVINCE = "66"  # Đắk Lắk, the province of the first plan (the same code in both eras).


@dataclass(frozen=True)
class Wanted:
    """What was asked for, strongest first: this run's widget values, then the kept choices, then the URL."""

    lang: str | None = None
    year: object = None
    province: str | None = None
    peers: Sequence[str] | None = None
    kept_lang: str | None = None
    kept_year: int | None = None
    kept_province: str | None = None
    kept_peers: Sequence[str] | None = None
    url_lang: str | None = None
    url_year: str | None = None
    url_province: str | None = None
    url_peers: str | None = None
    # The plan chooser (`resolve_plan`): this run's choice, the kept one, the URL's `plan`.
    plan: str | None = None
    kept_plan: str | None = None
    url_plan: str | None = None
    # The last era switch (old era, old code, new era, new code) and the last year notice (asked, shown).
    switch: tuple[str, str, str, str | None] | None = None
    year_notice: tuple[str, int] | None = None


@dataclass(frozen=True)
class Resolved:
    """The selection to show, with what the sidebar must say about it."""

    lang: str
    year: int
    era: str
    province: str
    peers: tuple[str, ...]
    switch: tuple[str, str, str, str | None] | None = None
    year_notice: tuple[str, int] | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


def resolve(wanted: Wanted, years: Sequence[int], names: Mapping[str, Mapping[str, str]]) -> Resolved:
    """Return the selection for `wanted` given the `years` with scores (ascending, not empty)
    and `names` = {era: {code: name}} of the provinces with scores in each era."""
    lang = wanted.lang or wanted.kept_lang or wanted.url_lang or i18n.DEFAULT_LANGUAGE
    lang = lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE

    year, year_notice = _year(wanted, years)
    era = eras.era_of_year(year)
    province_names = names.get(era, {})

    previous_era = eras.era_of_year(wanted.kept_year) if wanted.kept_year else era
    code = wanted.province or wanted.kept_province or wanted.url_province or DEFAULT_PROVINCE
    switch = wanted.switch
    if previous_era != era:
        mapped = provinces.counterpart(code, previous_era, era)
        switch = (previous_era, code, era, mapped)
        code = mapped or DEFAULT_PROVINCE
    code = code if code in province_names else DEFAULT_PROVINCE

    if wanted.peers is not None:
        peers = list(wanted.peers)
    elif wanted.kept_peers is not None:
        peers = list(wanted.kept_peers)
    elif wanted.url_peers:
        peers = wanted.url_peers.split(",")
    else:
        peers = default_peers(era)
    if previous_era != era:
        peers = [provinces.counterpart(c, previous_era, era) or "" for c in peers]
    peers = list(dict.fromkeys(c for c in peers if c in province_names))

    notes = era_notes(era, code, year, switch, lang) if eras.spans_merger(list(years)) else []
    return Resolved(
        lang=lang, year=year, era=era, province=code, peers=tuple(peers), switch=switch,
        year_notice=year_notice, notes=tuple(notes),
    )


def _year(wanted: Wanted, years: Sequence[int]) -> tuple[int, tuple[str, int] | None]:
    """The year to show and, when the asked year has no scores, (asked, shown) for the notice.

    A notice stays while the year shown is the one it names (the user has not chosen another year).
    """
    latest = int(years[-1])
    asked = wanted.year or wanted.kept_year or wanted.url_year
    if asked is None or str(asked).strip() == "":
        return latest, None
    text = str(asked).strip()
    if text.isdigit() and int(text) in years:
        year = int(text)
        kept = wanted.year_notice
        return year, kept if kept and kept[1] == year and wanted.year is not None else None
    return latest, (text, latest)


def year_notice_text(notice: tuple[str, int], lang: str) -> str:
    """The visible notice for a year asked for (in the URL) that has no scores."""
    return i18n.t("year_not_available", lang, asked=notice[0], shown=notice[1])


def default_peers(era: str) -> list[str]:
    """The default comparison group (the Central Highlands) as codes of `era`."""
    codes = [provinces.counterpart(c, eras.ERA_63, era) for c in provinces.CENTRAL_HIGHLANDS]
    return list(dict.fromkeys(c for c in codes if c))


def picker_codes(province_names: Mapping[str, str]) -> list[str]:
    """The province codes in Vietnamese alphabetical order of their names (Bắc before Bình, Đ after D)."""
    return sorted(province_names, key=lambda c: (vietnamese_sort_key(province_names[c]), c))


def picker_label(name: str) -> str:
    """The picker's label for a name: the name, then its form without diacritics when that differs.

    The picker filters by its label, so "dak lak" finds "Đắk Lắk (Dak Lak)".
    """
    plain = " ".join(word[:1].upper() + word[1:] for word in fold(name).split(" "))
    return name if plain == name else f"{name} ({plain})"


def era_notes(era: str, code: str, year: int, switch: tuple | None, lang: str) -> list[str]:
    """Short sidebar notes on how the chosen province relates to the other era's list."""
    notes: list[str] = []
    if switch and switch[2] == era and switch[3] == code:
        old_era, old_code = switch[0], switch[1]
        old_name = provinces.province_name(old_code, old_era) or old_code
        new_name = provinces.province_name(code, era) or code
        if era == eras.ERA_34:
            notes.append(i18n.t("era_switched_to_34", lang, year=year, province=old_name, unit=new_name))
        else:
            notes.append(i18n.t("era_switched_to_63", lang, year=year, unit=old_name, province=new_name))
    if era == eras.ERA_34:
        unit = provinces.province_name(code, era) or code
        first = provinces.predecessor(code)
        ordered = sorted(provinces.formers(code), key=lambda c: c != first)  # the same-name province first
        formers = [provinces.province_name(c, eras.ERA_63) or c for c in ordered]
        if len(formers) > 1:
            notes.append(i18n.t("era_unit_formed", lang, unit=unit, formers=i18n.join(formers, lang)))
    else:
        unit_code = provinces.successor(code)
        name = provinces.province_name(code, era) or code
        others = [provinces.province_name(c, era) or c for c in provinces.formers(unit_code or "") if c != code]
        if unit_code and others:
            notes.append(
                i18n.t(
                    "era_merged_into", lang, province=name, others=i18n.join(others, lang),
                    unit=provinces.province_name(unit_code, eras.ERA_34) or unit_code,
                )
            )
    return notes


# --- the plan chooser: which of the province's plans the pages show ---

# The chooser's option text shortens a long document name to this many characters (the caption shows it whole).
PLAN_LABEL_CHARS = 60


@dataclass(frozen=True)
class PlanChoice:
    """One plan of the province as the chooser offers it (a row of `queries.province_plans`)."""

    plan_id: str
    plan_year: int
    document: str
    tasks: int


def plan_choices(rows: Sequence[Mapping[str, object]]) -> tuple[PlanChoice, ...]:
    """The chooser's options from `queries.province_plans` rows, kept in their order (newest first)."""
    return tuple(
        PlanChoice(str(r["plan_id"]), int(r["plan_year"]), str(r.get("document") or "").strip(), int(r["tasks"]))
        for r in rows
    )


def resolve_plan(wanted: Wanted, resolved: Resolved, plan_ids: Sequence[str]) -> str | None:
    """The plan to show: the one asked for (this run's chooser, the kept choice, the URL, strongest first)
    when it is one of `plan_ids` (the province's plans, newest first), else the newest; None without plans.

    When the province or the era differs from the kept choice's, the choice moves to the newest plan of
    the province now shown (a plan chosen for another province, or before the change of units, is not
    carried over).
    """
    if not plan_ids:
        return None
    moved = wanted.kept_province is not None and (
        wanted.kept_province != resolved.province
        or (wanted.kept_year is not None and eras.era_of_year(int(wanted.kept_year)) != resolved.era)
    )
    if moved:
        return plan_ids[0]
    for asked in (wanted.plan, wanted.kept_plan, wanted.url_plan):
        if asked:
            return asked if asked in plan_ids else plan_ids[0]
    return plan_ids[0]


def plan_label(plan: PlanChoice, lang: str, limit: int | None = PLAN_LABEL_CHARS) -> str:
    """The chooser's text for a plan: "2020 · <document> (85 nhiệm vụ)", the document cut at `limit` characters."""
    document = plan.document or i18n.t("pv_plan_no_document", lang)
    if limit is not None and len(document) > limit:
        cut = document[: limit - 1]
        if document[limit - 1] != " " and " " in cut:
            cut = cut.rsplit(" ", 1)[0]  # never half a word
        document = cut.rstrip() + "…"
    return i18n.t("pv_plan_label", lang, year=plan.plan_year, document=document, tasks=plan.tasks)


def plan_short(plan: PlanChoice, lang: str, limit: int = 36) -> str:
    """A plan in a table cell: "2020 · <document cut at `limit` characters>"."""
    return plan_label(plan, lang, limit).rsplit(" (", 1)[0]


def plan_caption(plan: PlanChoice, province: str, year: int, lang: str, others: int = 0) -> str:
    """The line a page shows over plan data: which plan (year and whole document) and the PAPI year;
    with `others` > 0 it says the province has other plans to choose from in the sidebar."""
    text = i18n.t("pv_plan_caption", lang, province=province, plan_year=plan.plan_year,
                  document=plan.document or i18n.t("pv_plan_no_document", lang), tasks=plan.tasks, year=year)
    return text + (" " + i18n.t("pv_plan_caption_others", lang, others=others) if others else "")
