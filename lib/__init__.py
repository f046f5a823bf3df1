"""PAPI plan dashboard library: everything except page layout."""
