"""Performance benchmark of the dashboard against the platform's own floor (see bench/run.py)."""
