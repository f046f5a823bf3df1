"""Present: figures, display tables, view texts, formatting, map facts. Pure functions of query frames; no Streamlit."""
