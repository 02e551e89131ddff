"""The README's console examples are what the commands print today (scripts/readme_examples.py)."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import readme_examples  # noqa: E402


def test_readme_console_examples_match_the_commands(tmp_path):
    current = readme_examples.README.read_text(encoding="utf-8")
    fresh = readme_examples.regenerate(current, readme_examples.runner(tmp_path))
    assert readme_examples.same_apart_from_times(fresh, current), "run python scripts/readme_examples.py"


def test_a_drifted_example_is_caught(tmp_path):
    current = readme_examples.README.read_text(encoding="utf-8")
    drifted = current.replace("4 added, 0 unchanged, 0 failed", "5 added, 0 unchanged, 0 failed", 1)
    fresh = readme_examples.regenerate(drifted, readme_examples.runner(tmp_path))
    assert not readme_examples.same_apart_from_times(drifted, fresh)
