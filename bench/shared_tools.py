"""The team's ../shared/ folder as the bench scripts and tests reach it: corpora and the scorers."""

import importlib.util
from pathlib import Path
from types import ModuleType

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def load_scorer(name: str) -> ModuleType:
    """One of ../shared/tools' scorers as a module, to use its functions rather than its command line."""
    spec = importlib.util.spec_from_file_location(name, SHARED / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
