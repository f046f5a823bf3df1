"""The house reads by layer: no import runs back up, Streamlit stays in lib/ui and pages/.

Layers of `lib/`, lowest first (see the README's "How it works"): domain, ingest, store,
present, ui.  `lib/build` is build-time only and no runtime module imports it; bench/ and
tests/ never import each other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from lib.domain import paths

LAYERS = ["domain", "ingest", "store", "present", "ui"]
LIB = paths.ROOT / "lib"


def imported_modules(path: Path) -> list[str]:
    """Every module `path` imports, absolute names (`from lib import x` counts as `lib.x`)."""
    found: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return found


def layer_of(module_path: Path) -> str | None:
    parts = module_path.relative_to(LIB).parts
    return parts[0] if len(parts) > 1 else None


RUNTIME = [p for p in sorted(LIB.rglob("*.py")) if layer_of(p) in LAYERS]


def test_every_runtime_module_is_in_a_layer() -> None:
    # The layer packages and the published command-line names at the top of lib/.
    top = sorted(p.name for p in LIB.glob("*.py"))
    assert top == ["__init__.py", "auth.py", "brief.py", "importer.py", "local_server.py"]
    assert len(RUNTIME) > 20


@pytest.mark.parametrize("path", RUNTIME, ids=lambda p: str(p.relative_to(LIB)))
def test_no_import_runs_up_and_streamlit_stays_in_ui(path: Path) -> None:
    own = LAYERS.index(layer_of(path))
    for module in imported_modules(path):
        parts = module.split(".")
        if parts[0] == "streamlit":
            assert layer_of(path) == "ui", f"{path.name} imports Streamlit outside lib/ui"
        if parts[0] != "lib" or len(parts) < 2:
            continue
        assert parts[1] != "build", f"{path.name} imports build-time code ({module})"
        if parts[1] in LAYERS:
            assert LAYERS.index(parts[1]) <= own, f"{path.name} ({LAYERS[own]}) imports {module} from above"


def test_bench_and_tests_do_not_import_each_other() -> None:
    """Neither borrows the other's harness; only the benchmark's own tests (test_bench_*.py) import it."""
    for folder, other in (("bench", "tests"), ("tests", "bench")):
        for path in sorted((paths.ROOT / folder).rglob("*.py")):
            if path.name.startswith("test_bench_"):
                continue
            wrong = [m for m in imported_modules(path) if m.split(".")[0] == other]
            assert not wrong, f"{path.relative_to(paths.ROOT)} imports {wrong}"


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("from lib.ui import cache\nimport streamlit as st\nfrom lib import build\n")
    assert imported_modules(probe) == ["lib.ui", "lib.ui.cache", "streamlit", "lib", "lib.build"]
