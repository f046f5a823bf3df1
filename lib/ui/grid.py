"""The one way pages draw a table: `st.dataframe` with the product's text for a missing value.

The browser draws a null cell with the dataframe's `placeholder` and ignores
whatever text a pandas Styler gave that cell, so "—" (`formatting.MISSING`)
must be set here: without it a reader sees "None" where a value is missing.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from lib.present.formatting import MISSING


def dataframe(data: Any, **kwargs: Any) -> Any:
    """`st.dataframe(data, **kwargs)`, a missing value drawn as "—"."""
    kwargs.setdefault("placeholder", MISSING)
    return st.dataframe(data, **kwargs)
