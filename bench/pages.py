"""The dashboard's pages, read from app.py's PAGES list (without running Streamlit)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class PageSpec:
    """One entry of app.py's PAGES: script path, i18n label key, icon, URL path."""

    path: str
    label: str
    icon: str
    url: str


def discover(app: Path = ROOT / "app.py") -> list[PageSpec]:
    """Return app.py's PAGES entries in order; the list must be a literal of 4-tuples."""
    tree = ast.parse(app.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        targets = node.targets if isinstance(node, ast.Assign) else []
        if any(isinstance(t, ast.Name) and t.id == "PAGES" for t in targets):
            return [PageSpec(*entry) for entry in ast.literal_eval(node.value)]
    raise ValueError(f"no PAGES list in {app}")
