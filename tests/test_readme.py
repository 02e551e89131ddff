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


def test_a_drifted_example_is_caught():
    readme = "text\n```console\n$ basewatch ingest data\n5 added\n$ basewatch diff\nold line\n```\n"
    printed = {"basewatch ingest data": "4 added\n", "basewatch diff": "new line  \n"}
    fresh = readme_examples.regenerate(readme, printed.__getitem__)
    assert fresh == "text\n```console\n$ basewatch ingest data\n4 added\n$ basewatch diff\nnew line\n```\n"
    assert not readme_examples.same_apart_from_times(readme, fresh)
