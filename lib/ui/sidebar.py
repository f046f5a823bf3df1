"""Streamlit glue for the shared sidebar and URL state.

The sidebar choices (language, province, year, comparison group, plan) live in `st.session_state`
and are mirrored to the URL's query parameters, so switching pages keeps them and a copied
link reproduces the view.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from lib.domain import eras, i18n
from lib.present import selection as choice
from lib.ui import cache


@dataclass(frozen=True)
class Selection:
    """What the user chose in the sidebar."""

    lang: str
    province_code: str
    province_name: str
    year: int
    peers: tuple[str, ...]
    era: str = eras.ERA_63  # the province list of `year` (codes are per era: `lib.domain.eras`)
    # The chosen plan of the province (`queries.province_plans`), None when it has none; plan queries
    # take it as `plan_id` (None there means every plan of the province).
    plan_id: str | None = None
    # The province's plans as the chooser offers them (newest first) and the chosen one, for captions.
    plans: tuple[choice.PlanChoice, ...] = ()

    @property
    def plan(self) -> choice.PlanChoice | None:
        """The chosen plan (None when the province has none)."""
        return next((p for p in self.plans if p.plan_id == self.plan_id), None)


def _param(name: str) -> str | None:
    return st.query_params.get(name) or None


def sidebar() -> Selection:
    """Build the shared sidebar and return the current selection (resolved by `selection.resolve`)."""
    cache.read_store_version()  # once per run: every cached read below and in the page keys on it
    years = list(cache.score_years())
    pickers = {era: cache.picker(era) for era in {eras.era_of_year(y) for y in years}}
    names = {era: picker.names for era, picker in pickers.items()}

    # Streamlit drops a widget's state in any run that does not draw it (a
    # page run without the router does not), so the last choices are also
    # kept under a plain key and written back before the widgets are drawn.
    kept: dict[str, Any] = st.session_state.get("_kept_choices", {})
    state = st.session_state
    resolved = choice.resolve(
        choice.Wanted(
            lang=state.get("lang"), year=state.get("year"), province=state.get("province"),
            peers=state.get("peers"), kept_lang=kept.get("lang"), kept_year=kept.get("year"),
            kept_province=kept.get("province"), kept_peers=kept.get("peers"),
            url_lang=_param("lang"), url_year=_param("year"), url_province=_param("province"),
            url_peers=_param("peers"), switch=state.get("_era_switch"), year_notice=state.get("_year_notice"),
        ),
        years,
        names,
    )
    state["lang"], state["year"], state["province"] = resolved.lang, resolved.year, resolved.province
    state["peers"] = list(resolved.peers)
    state["_era_switch"], state["_year_notice"] = resolved.switch, resolved.year_notice
    province_names = names[resolved.era]
    plans = cache.plan_choices(resolved.province, resolved.era)
    plan_ids = [p.plan_id for p in plans]
    plan_id = choice.resolve_plan(
        choice.Wanted(
            plan=state.get("plan"), kept_plan=kept.get("plan"), url_plan=_param("plan"),
            kept_province=kept.get("province"), kept_year=kept.get("year"),
        ),
        resolved,
        plan_ids,
    )
    state["plan"] = plan_id
    codes, labels = list(pickers[resolved.era].codes), pickers[resolved.era].labels

    with st.sidebar:
        lang = (
            st.segmented_control(
                i18n.t("language_picker", resolved.lang),
                options=list(i18n.LANGUAGES),
                format_func=lambda code: i18n.t(f"language_name_{code}", code),
                key="lang",
            )
            or i18n.DEFAULT_LANGUAGE
        )
        code = st.selectbox(i18n.t("province", lang), options=codes, format_func=labels.get, key="province")
        year = st.selectbox(i18n.t("year", lang), options=years[::-1], key="year")
        for note in resolved.notes:
            st.caption(note)
        if plans:
            by_id = {p.plan_id: p for p in plans}
            plan_id = st.selectbox(
                i18n.t("pv_plan_chooser", lang),
                options=plan_ids,
                format_func=lambda pid: choice.plan_label(by_id[pid], lang),
                key="plan",
                help=i18n.t("pv_plan_chooser_help", lang),
            )
        else:
            st.caption(i18n.t("pv_plan_none_note", lang, province=province_names[code]))
        peers = st.multiselect(
            i18n.t("peers", lang),
            options=codes,
            format_func=labels.get,
            key="peers",
            help=i18n.t("peers_help", lang),
        )
    if resolved.year_notice:
        st.warning(choice.year_notice_text(resolved.year_notice, lang), icon=":material/event_busy:")

    st.session_state["_kept_choices"] = {
        "lang": lang, "province": code, "year": year, "peers": tuple(peers), "plan": plan_id,
    }
    params = {"lang": lang, "province": code, "year": str(year), "peers": ",".join(peers)}
    if plan_id:
        params["plan"] = plan_id
    elif "plan" in st.query_params:
        del st.query_params["plan"]
    st.query_params.update(params)
    return Selection(
        lang=lang,
        province_code=code,
        province_name=province_names[code],
        year=int(year),
        peers=tuple(peers),
        era=resolved.era,
        plan_id=plan_id,
        plans=plans,
    )


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
    era = eras.era_of_year(int(st.session_state.get("year") or 0))
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
