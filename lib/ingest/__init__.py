"""Ingest: readers for every file layout users load, validation with located problems, plan parsing. Imports domain."""
