"""The one way pages draw a table: `st.dataframe` with the product's text for a missing value.

The browser draws a null cell with the dataframe's `placeholder` and ignores
whatever text a pandas Styler gave that cell, so "—" (`formatting.MISSING`)
must be set here: without it a reader sees "None" where a value is missing.
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from lib.present.formatting import MISSING


def dataframe(data: Any, *, into: DeltaGenerator | None = None, **kwargs: Any) -> Any:
    """`st.dataframe(data, **kwargs)` (in the container `into`, else where the page is), a missing value as "—"."""
    kwargs.setdefault("placeholder", MISSING)
    return (into if into is not None else st).dataframe(data, **kwargs)
