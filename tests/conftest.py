import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from basewatch.cli import app

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))  # the scorer loader is the bench's, written once
from shared_tools import SHARED, load_scorer  # noqa: E402

SAMPLE = ROOT / "data" / "sample"
# The sample's ferry-fire story, its first four files: one story, for tests of what one story shows.
FERRY = tuple(
    str(SAMPLE / name)
    for name in ("harbor-ledger.txt", "midland-courier.txt", "northgate-today-page.txt", "bay-observer.txt")
)
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def isolated_db(tmp_path, monkeypatch):
    """Every test gets its own database through the documented env var."""
    db = tmp_path / "test.db"
    monkeypatch.setenv("BASEWATCH_DB", str(db))
    monkeypatch.setenv("COLUMNS", "200")
    return db


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def invoke(runner):
    def run(*args, input=None):
        result = runner.invoke(app, list(args), input=input, catch_exceptions=False)
        return result

    return run


def shared_or_skip(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (the shared corpus is only on the team's machines)")
    return path


def shared_scorer(name: str):
    """One of ../shared/tools' scorers as a module; the test skips where ../shared/ is absent."""
    shared_or_skip("tools", f"{name}.py")
    return load_scorer(name)


def pytest_addoption(parser):
    parser.addoption("--update-goldens", action="store_true", help="rewrite tests/fixtures/expected/*.json")


@pytest.fixture
def golden(request):
    """Compare JSON with a golden file; `pytest --update-goldens` rewrites it (review the diff)."""
    import json

    def check(name: str, value) -> None:
        path = FIXTURES / "expected" / name
        text = json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        if request.config.getoption("--update-goldens"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        elif not path.exists():  # a golden written by the test it checks would pass whatever the output
            pytest.fail(f"{path.name} is missing: run `pytest --update-goldens` and review what it writes")
        assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text)

    return check


class Tags(HTMLParser):
    """Every start tag with its attributes, and the page's text as a browser would show it."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def count(self, tag: str, css_class: str) -> int:
        return sum(1 for t, a in self.tags if t == tag and css_class in (a.get("class") or "").split())
