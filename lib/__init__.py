"""The dashboard's code, by layer; each imports only from the layers listed before it.

domain (facts) -> ingest (read and check files) -> store (DuckDB, importer, queries) -> present (figures,
tables, texts, exports) -> ui (the only Streamlit code outside pages/).  build/ is used by scripts/build_data.py
only.  `python -m lib.importer` and `python -m lib.auth` are the published command-line names.
"""
