"""The benchmark page says only what was measured, and measures both sides the same way."""

import json
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))

import run  # noqa: E402
import stage  # noqa: E402


def test_benchmarks_page_is_rendered_from_the_recorded_results_alone():
    results = json.loads((BENCH / "results.json").read_text(encoding="utf-8"))
    page = (BENCH.parent / "BENCHMARKS.md").read_text(encoding="utf-8")
    extra = results.get("story", []), results.get("attribution", [])
    rendered = run.render(results["ingest"], results["dedupe"], *extra)
    assert rendered == page, "rerun bench/run.py, never edit BENCHMARKS.md"


def test_every_recorded_run_names_its_date_and_commit():
    results = json.loads((BENCH / "results.json").read_text(encoding="utf-8"))
    for row in results["ingest"] + results["dedupe"] + results.get("attribution", []):
        assert set(row["run"]) == {"date", "commit"} and row["run"]["commit"], row["n"]


def test_the_minhash_clock_leaves_out_writing_the_articles(monkeypatch):
    slow_write = 0.02

    class SlowGenerator(stage.Generator):
        def articles(self, n):
            for article in super().articles(n):
                time.sleep(slow_write)
                yield article

    monkeypatch.setattr(stage, "Generator", SlowGenerator)
    result = stage.minhash("10", "1")
    assert result["seconds"] < 10 * slow_write and result["clock"] == "clustering only"


def test_readme_speed_figures_are_the_recorded_results():
    results = json.loads((BENCH / "results.json").read_text(encoding="utf-8"))
    readme = (BENCH.parent / "README.md").read_text(encoding="utf-8")
    extra = results.get("story", []), results.get("attribution", [])
    block = run.readme_speed(results["ingest"], results["dedupe"], *extra)
    assert block in readme, "rerun bench/run.py, never edit the README's speed block"
