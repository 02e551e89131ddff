"""The core stays free of terminal and storage concerns; only named modules may import them."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "basewatch"
PURE = ["clean", "metadata", "models", "settings", "errors", "read", "dedupe", "claims", "compare", "aliases"]
FORBIDDEN = {"sqlite3", "typer", "rich"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("module", PURE)
def test_pure_modules_do_not_import_io_layers(module):
    package = PACKAGE / module
    paths = sorted(package.glob("*.py")) if package.is_dir() else [PACKAGE / f"{module}.py"]
    for path in paths:
        assert not (_imports(path) & FORBIDDEN), path.name


def test_only_store_and_migrations_hold_sql():
    for path in PACKAGE.rglob("*.py"):
        if path.stem in ("store", "migrations"):
            continue
        assert "sqlite3" not in _imports(path), path.name
