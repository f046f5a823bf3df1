"""Build-time only: turns ../shared sources into data/*.csv and static/ (used by scripts/build_data.py)."""
