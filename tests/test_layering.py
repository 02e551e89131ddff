"""The core stays free of terminal and storage concerns; only named modules may import them."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "basewatch"
PURE = [
    "clean", "metadata", "models", "settings", "errors", "read", "dedupe", "claims", "compare", "aliases", "parse",
    "vocabulary", "controls",
]  # fmt: skip
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


def _files(module: str) -> list[Path]:
    """A step is one module or, once it grew past one idea, a package of them."""
    single = PACKAGE / f"{module}.py"
    return [single] if single.exists() else sorted((PACKAGE / module).rglob("*.py"))


@pytest.mark.parametrize("module", PURE)
def test_pure_modules_do_not_import_io_layers(module):
    files = _files(module)
    assert files, f"{module} is neither a module nor a package: update PURE"
    for path in files:
        assert not (_imports(path) & FORBIDDEN), path.relative_to(PACKAGE)


def test_only_store_and_migrations_hold_sql():
    for path in PACKAGE.rglob("*.py"):
        if path.stem in ("store", "migrations"):
            continue
        assert "sqlite3" not in _imports(path), path.relative_to(PACKAGE)
