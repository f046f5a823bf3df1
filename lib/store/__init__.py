"""Store: the DuckDB schema, transactions, history and rollback, the importer, typed queries. Imports domain, ingest."""
