"""Tasks: every task of the chosen plan, or of all the province's plans, searchable without
diacritics, filterable, downloadable.

The search phrase is mirrored to the URL as `q`, the dimension filter as `dim` (0: tasks linked to
no PAPI dimension) and the search across plans as `all=1`.
"""

import datetime as dt
import functools

import streamlit as st

from lib.domain import i18n, spreadsheets
from lib.present import formatting, status_views, tables, task_filters, views
from lib.present import selection as choice
from lib.store import queries, status_queries
from lib.ui import cache, grid, plan_notes, sidebar

selection = sidebar.sidebar_selection()
lang = selection.lang


def t(key: str, **values: object) -> str:
    return i18n.t(key, lang, **values)


st.title(t("tk_title"))
st.caption(t("tk_intro"))

if selection.plan_id is None:
    plan_notes.no_plan(selection, "wl_no_plan_short")
    st.stop()
all_plans = False
if len(selection.plans) > 1:
    if "tk_all_plans" not in st.session_state:
        st.session_state["tk_all_plans"] = st.query_params.get("all") == "1"
    all_plans = st.toggle(t("pv_all_plans"), key="tk_all_plans", help=t("pv_all_plans_help"))
    if all_plans:
        st.query_params["all"] = "1"
    elif "all" in st.query_params:
        del st.query_params["all"]
if all_plans:
    names = i18n.join([choice.plan_short(p, lang) for p in selection.plans], lang)
    st.caption(t("pv_all_plans_caption", province=formatting.markdown_safe(selection.province_name),
                 plans=formatting.markdown_safe(names)))
else:
    plan_notes.plan_caption(selection)
tasks = cache.query(
    queries.tasks_with_scores, selection.province_code, selection.era, lang,
    plan_id=None if all_plans else selection.plan_id,
)
if tasks.empty:
    st.info(t("tk_empty"))
    st.stop()
tasks = task_filters.with_plan_names(tasks, {p.plan_id: choice.plan_short(p, lang) for p in selection.plans})
# Status, deadline and last note of each task shown (of every plan when searching across plans).
shown_plans = [p.plan_id for p in selection.plans] if all_plans else [selection.plan_id]
statuses = [cache.query(status_queries.task_status, plan_id, dt.date.today()) for plan_id in shown_plans]
tasks = status_views.task_columns(tasks, status_views.concat(statuses), lang)
sub_names = task_filters.name_map(cache.query(queries.subdimension_names), lang)
tasks = task_filters.with_subdimension_names(tasks, sub_names)

if "tk_q" not in st.session_state:
    st.session_state["tk_q"] = st.query_params.get("q", "")
dimension_options = task_filters.dimension_options(tasks)
if "tk_dims" not in st.session_state:
    st.session_state["tk_dims"] = task_filters.parse_dimensions(st.query_params.get("dim", ""), dimension_options)

search = st.text_input(t("tk_search"), key="tk_q", placeholder=t("tk_search_placeholder"))
first, second = st.columns(2)
dimensions = first.multiselect(
    t("tk_filter_dimension"),
    options=dimension_options,
    format_func=lambda d: formatting.dimension_title(d, lang),
    key="tk_dims",
    placeholder=t("tk_filter_all"),
)
subdimensions = second.multiselect(
    t("tk_filter_sub"),
    options=task_filters.options(tasks, "papi_subdimensions"),
    format_func=lambda k: sub_names.get(k, k),
    key="tk_subs",
    placeholder=t("tk_filter_all"),
)
third, fourth = st.columns(2)
lead = third.multiselect(
    t("tk_filter_lead"),
    options=task_filters.options(tasks, "lead_agency"),
    key="tk_lead",
    placeholder=t("tk_filter_all"),
)
implementing = fourth.multiselect(
    t("tk_filter_implementing"),
    options=task_filters.options(tasks, "implementing_agencies"),
    key="tk_impl",
    placeholder=t("tk_filter_all"),
)
fifth, sixth = st.columns([3, 1], vertical_alignment="bottom")
statuses = fifth.multiselect(t("st_filter_status"), options=task_filters.status_options(tasks), key="st_tk_status",
                             format_func=lambda c: status_views.status_label(c, lang), placeholder=t("tk_filter_all"))
overdue_only = sixth.toggle(t("st_filter_overdue"), key="st_tk_overdue")
st.query_params["q"] = search
st.query_params["dim"] = ",".join(str(d) for d in dimensions)

shown = task_filters.filter_tasks(tasks, search, dimensions, subdimensions, lead, implementing)
shown = task_filters.filter_status(shown, statuses, overdue_only)
st.markdown(f"**{t('tk_count', shown=len(shown), total=len(tasks))}**")

if shown.empty:
    st.info(t("tk_empty"))
    st.stop()

st.caption(t("tk_detail_hint"))
event = grid.dataframe(
    tables.styled(shown, lang, per_column={"dimension": 0, "rank": 0, "score_year": 0}),
    hide_index=True,
    height=520,
    column_order=[
        "task_id",
        *(["plan_name"] if all_plans else []),
        "dimension",
        "task",
        "status_label",
        "due_text",
        "note",
        "lead_agency",
        "implementing_agencies",
        "subdimension_names",
        "score",
        "rank",
        "score_year",
    ],
    column_config={
        "task_id": st.column_config.TextColumn(t("col_task_id"), width=150, pinned=True),
        "plan_name": st.column_config.TextColumn(t("pv_col_plan"), width=200),
        "dimension": st.column_config.NumberColumn(t("col_dimension_no"), width=80),
        "task": st.column_config.TextColumn(t("col_task"), width=460),
        "status_label": st.column_config.TextColumn(t("st_col_status"), width=130),
        "due_text": st.column_config.TextColumn(t("st_col_due"), width=100),
        "note": st.column_config.TextColumn(t("st_col_note"), width=200),
        "lead_agency": st.column_config.TextColumn(t("col_lead_agency"), width=200),
        "implementing_agencies": st.column_config.TextColumn(t("col_implementing_agencies"), width=240),
        "subdimension_names": st.column_config.TextColumn(t("col_subdimensions"), width=240),
        # Numbers are shown by tables.styled: decimals of the language, "—" where missing.
        "score": st.column_config.NumberColumn(t("col_latest_score"), width=120),
        "rank": st.column_config.NumberColumn(t("rank"), width=70),
        "score_year": st.column_config.NumberColumn(t("col_score_year"), width=110),
    },
    key="tk_table",
    on_select="rerun",
    selection_mode="single-row",
)
missing_note = views.tasks_missing_note(shown, lang)
if missing_note:
    st.caption(missing_note)
picked = task_filters.selected_row(shown, event.selection.rows if event else [])
if picked is not None:
    with st.container(border=True):
        st.markdown(f"**{t('tk_detail')}**")
        st.text(
            f"{picked['task_id']} · {formatting.dimension_title(picked['dimension'], lang)} · "
            f"{picked['plan_section'] or ''} {picked['plan_section_title'] or ''}".rstrip()
        )
        st.text(picked["task"])
        st.text(f"{t('col_lead_agency')}: {picked['lead_agency'] or '–'}")
        st.text(f"{t('col_implementing_agencies')}: {picked['implementing_agencies'] or '–'}")

# The files are made only when a button is clicked (callables), not on every rerun.
download = task_filters.export_frame(shown, lang)
left, right = st.columns(2)
left.download_button(
    t("tk_download_csv"),
    data=functools.partial(spreadsheets.to_csv_bytes, download),
    file_name=f"{t('tk_file')}.csv",
    mime="text/csv",
    key="tk_csv",
    icon=":material/download:",
)
right.download_button(
    t("tk_download_xlsx"),
    data=functools.partial(spreadsheets.to_xlsx_bytes, download, t("tk_sheet")),
    file_name=f"{t('tk_file')}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="tk_xlsx",
    icon=":material/table_view:",
)
st.caption(t("tk_download_note"))
