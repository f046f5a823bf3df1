"""Small statistics for repeated timings: median and spread, nothing else."""

from __future__ import annotations

import statistics
from collections.abc import Sequence


def quantile(values: Sequence[float], q: float) -> float:
    """Linear-interpolated quantile of `values` (0 <= q <= 1)."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    pos = (len(ordered) - 1) * q
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def summary(values: Sequence[float]) -> dict[str, float | int]:
    """Median, p25, p75, p95, min, max and count of `values` (NaN when empty)."""
    clean = [float(v) for v in values if v == v]
    if not clean:
        nan = float("nan")
        return {"n": 0, "median": nan, "p25": nan, "p75": nan, "p95": nan, "min": nan, "max": nan}
    return {
        "n": len(clean),
        "median": statistics.median(clean),
        "p25": quantile(clean, 0.25),
        "p75": quantile(clean, 0.75),
        "p95": quantile(clean, 0.95),
        "min": min(clean),
        "max": max(clean),
    }


def ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator, NaN when either is missing or the denominator is 0."""
    if numerator != numerator or denominator != denominator or denominator == 0:
        return float("nan")
    return numerator / denominator
