"""UI: the only Streamlit code outside pages/ (connection and caches, sidebar state, access)."""
