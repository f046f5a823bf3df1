"""Placeholder until this page is built (see the issue tracker)."""

import streamlit as st

from lib import ui

selection = ui.sidebar_selection()
st.info("…")
