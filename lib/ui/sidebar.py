"""Streamlit glue for the shared sidebar and URL state.

The sidebar choices (language, province, year, comparison group) live in `st.session_state`
and are mirrored to the URL's query parameters, so switching pages keeps them and a copied
link reproduces the view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from lib.domain import i18n, provinces
from lib.store import queries
from lib.ui import cache

DEFAULT_PROVINCE = "66"  # Đắk Lắk, the province of the first plan.


@dataclass(frozen=True)
class Selection:
    """What the user chose in the sidebar."""

    lang: str
    province_code: str
    province_name: str
    year: int
    peers: tuple[str, ...]
    era: str = "63"  # the province list of `year`: '63' up to 2024, '34' from 2025 (codes are per era)


def _param(name: str, default: str) -> str:
    value = st.query_params.get(name)
    return value if value else default


def sidebar() -> Selection:
    """Build the shared sidebar and return the current selection."""
    cache.read_store_version()  # once per run: every cached read below and in the page keys on it
    years = cache.query(queries.score_years)

    # Streamlit drops a widget's state in any run that does not draw it (a
    # page run without the router does not), so the last choices are also
    # kept under a plain key and written back before the widgets are drawn.
    kept: dict[str, Any] = st.session_state.get("_kept_choices", {})
    lang = st.session_state.get("lang") or kept.get("lang") or _param("lang", i18n.DEFAULT_LANGUAGE)
    st.session_state["lang"] = lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
    wanted = str(st.session_state.get("year") or kept.get("year") or _param("year", str(years[-1])))
    st.session_state["year"] = int(wanted) if wanted.isdigit() and int(wanted) in years else years[-1]
    # Province codes belong to the era of the chosen year (GSO reused codes in 2025).
    era = provinces.era_of_year(st.session_state["year"])
    province_names = cache.province_names(era)
    previous_era = provinces.era_of_year(kept["year"]) if kept.get("year") else era
    code = st.session_state.get("province") or kept.get("province") or _param("province", DEFAULT_PROVINCE)
    if previous_era != era:
        mapped = provinces.counterpart(code, previous_era, era)
        st.session_state["_era_switch"] = (previous_era, code, era, mapped)
        code = mapped or DEFAULT_PROVINCE
    st.session_state["province"] = code if code in province_names else DEFAULT_PROVINCE
    if "peers" in st.session_state:
        wanted_peers = list(st.session_state["peers"])
    elif "peers" in kept:
        wanted_peers = list(kept["peers"])
    else:
        wanted_peers = _param("peers", "").split(",") if _param("peers", "") else _default_peers(era)
    if previous_era != era:
        wanted_peers = [provinces.counterpart(c, previous_era, era) or "" for c in wanted_peers]
    st.session_state["peers"] = list(dict.fromkeys(c for c in wanted_peers if c in province_names))

    with st.sidebar:
        lang = (
            st.segmented_control(
                "Ngôn ngữ / Language",
                options=list(i18n.LANGUAGES),
                format_func=lambda code: "Tiếng Việt" if code == "vi" else "English",
                key="lang",
            )
            or i18n.DEFAULT_LANGUAGE
        )
        code = st.selectbox(
            i18n.t("province", lang),
            options=list(province_names),
            format_func=lambda c: province_names[c],
            key="province",
        )
        year = st.selectbox(i18n.t("year", lang), options=years[::-1], key="year")
        if years[0] < provinces.ERA_34_FROM <= years[-1]:
            for note in _era_notes(era, code, lang):
                st.caption(note)
        peers = st.multiselect(
            i18n.t("peers", lang),
            options=list(province_names),
            format_func=lambda c: province_names[c],
            key="peers",
            help=i18n.t("peers_help", lang),
        )

    st.session_state["_kept_choices"] = {"lang": lang, "province": code, "year": year, "peers": tuple(peers)}
    st.query_params.update({"lang": lang, "province": code, "year": str(year), "peers": ",".join(peers)})
    return Selection(
        lang=lang,
        province_code=code,
        province_name=province_names[code],
        year=int(year),
        peers=tuple(peers),
        era=era,
    )


def _default_peers(era: str) -> list[str]:
    """The default comparison group (the Central Highlands) as codes of `era`."""
    codes = [provinces.counterpart(c, provinces.ERA_63, era) for c in provinces.CENTRAL_HIGHLANDS]
    return list(dict.fromkeys(c for c in codes if c))


def _era_notes(era: str, code: str, lang: str) -> list[str]:
    """Short sidebar notes on how the chosen province relates to the other era's list."""
    notes: list[str] = []
    switch = st.session_state.get("_era_switch")
    if switch and switch[2] == era and switch[3] == code:
        old_era, old_code = switch[0], switch[1]
        old_name = provinces.province_name(old_code, old_era) or old_code
        new_name = provinces.province_name(code, era) or code
        if era == provinces.ERA_34:
            notes.append(
                i18n.t("era_switched_to_34", lang, year=st.session_state["year"], province=old_name, unit=new_name)
            )
        else:
            notes.append(
                i18n.t("era_switched_to_63", lang, year=st.session_state["year"], unit=old_name, province=new_name)
            )
    if era == provinces.ERA_34:
        unit = provinces.province_name(code, era) or code
        first = provinces.predecessor(code)
        ordered = sorted(provinces.formers(code), key=lambda c: c != first)  # the same-name province first
        formers = [provinces.province_name(c, provinces.ERA_63) or c for c in ordered]
        if len(formers) > 1:
            notes.append(i18n.t("era_unit_formed", lang, unit=unit, formers=_and(formers, lang)))
    else:
        unit_code = provinces.successor(code)
        name = provinces.province_name(code, era) or code
        others = [provinces.province_name(c, era) or c for c in provinces.formers(unit_code or "") if c != code]
        if unit_code and others:
            notes.append(
                i18n.t(
                    "era_merged_into",
                    lang,
                    province=name,
                    others=_and(others, lang),
                    unit=provinces.province_name(unit_code, provinces.ERA_34) or unit_code,
                )
            )
    return notes


def _and(names: list[str], lang: str) -> str:
    """Join names as "A, B và C" / "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + i18n.t("era_and", lang) + names[-1]


_TAKEOVER = "_router_takeover"  # session key: a page ran without the router and asked for a rerun through it


def remember(selection: Selection) -> None:
    """Hand the sidebar's selection to the page that runs after the router, in this run only."""
    st.session_state["_selection"] = selection
    st.session_state.pop(_TAKEOVER, None)  # the router ran: a takeover, if one was asked for, worked


def _leave_pages_directory_mode() -> None:
    """Make Streamlit run `app.py` (the router) for every page from now on.

    The project keeps its pages in `pages/`, the folder name Streamlit's older
    multipage mode looks for.  Until `st.navigation` has run once in a
    process, Streamlit serves a deep link such as `/trends` by running
    `pages/trends.py` on its own, without the router, its sidebar and its
    page titles (and `AppTest` starts every run that way).  Clearing the
    class flag `PagesManager.uses_pages_directory` is what `st.navigation`
    itself does on its first call.  A Streamlit without that flag raises
    here rather than being rerun in vain.
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError as missing:
        raise RuntimeError(_takeover_failure("streamlit.runtime.pages_manager.PagesManager is gone")) from missing
    if not hasattr(PagesManager, "uses_pages_directory"):
        raise RuntimeError(_takeover_failure("PagesManager.uses_pages_directory is gone"))
    PagesManager.uses_pages_directory = False


def _takeover_failure(why: str) -> str:
    return (
        f"A page of pages/ ran without the router app.py, and Streamlit {st.__version__} could not be switched "
        f"out of its pages-directory mode ({why}). lib/ui/sidebar.py's _leave_pages_directory_mode must be "
        "adapted to this Streamlit version; until then, open the app at its root address."
    )


def sidebar_selection() -> Selection:
    """Return the selection the router built in this run.

    A page run without the router (see `_leave_pages_directory_mode`) is
    rerun through the router, which then opens the same page.  That rerun is
    asked for once: if the page runs without the router again before the
    router has run, the takeover did not work, and this raises instead of
    rerunning in a loop.
    """
    selection = st.session_state.pop("_selection", None)
    if selection is not None:
        return selection
    if st.session_state.get(_TAKEOVER):
        st.session_state.pop(_TAKEOVER, None)  # the next request tries once more
        raise RuntimeError(_takeover_failure("the rerun ran the page without the router again"))
    _leave_pages_directory_mode()
    st.session_state[_TAKEOVER] = True
    st.rerun()


def choose_province(code: object) -> None:
    """Make `code` the sidebar's province.

    Call it from a widget callback (`on_change` / `on_select`): callbacks run
    before the sidebar selectbox is created, the only moment its session key
    may be changed.  Unknown codes are ignored.
    """
    if not isinstance(code, str) or code == st.session_state.get("province"):
        return
    era = provinces.era_of_year(int(st.session_state.get("year") or 0))
    if code in cache.province_names(era):
        st.session_state["province"] = code


def page_param(key: str, param: str, options: list[Any], default: Any) -> None:
    """Initialise a page widget's session value from the URL parameter `param` (or `default`).

    Keeps the value when it is still one of `options`; otherwise resets it.
    Call before creating the widget with `key`; mirror the chosen value back
    with `st.query_params[param] = ...` after it.
    """
    if key in st.session_state and st.session_state[key] in options:
        return
    wanted = st.query_params.get(param)
    by_text = {str(option): option for option in options}
    st.session_state[key] = by_text.get(wanted, default) if wanted is not None else default
    if st.session_state[key] not in options:
        st.session_state[key] = options[0] if options else None
