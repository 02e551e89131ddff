"""The benchmark page says only what was measured, and measures both sides the same way."""

import json
import re
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
    extra = results.get("story", []), results.get("attribution", []), results.get("feed", [])
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
    extra = results.get("story", []), results.get("attribution", []), results.get("feed", [])
    block = run.readme_speed(results["ingest"], results["dedupe"], *extra)
    assert block in readme, "rerun bench/run.py, never edit the README's speed block"


def test_the_feed_puts_each_wire_story_on_50_to_200_sites_interleaved_with_a_story_for_every_article():
    from generate import FEED_COPIES, articles

    feed = list(articles(1500, seed=1, feed=True))
    assert [a.id for a in feed] == [a.id for a in articles(1500, seed=1, feed=True)]  # reproducible
    by_story: dict[str, list] = {}
    for article in feed:
        by_story.setdefault(article.story, []).append(article)
    assert all(article.story for article in feed)
    done = [copies for copies in by_story.values() if any(a.id.endswith("-0") for a in copies)][:-4]  # finished
    assert done and all(FEED_COPIES[0] <= sum(a.profile != "independent" for a in c) <= FEED_COPIES[1] for c in done)
    assert all(len({a.outlet for a in c if a.profile != "independent"}) == sum(a.profile != "independent" for a in c)
               for c in done)  # fmt: skip
    assert len({a.story for a in feed[:40]}) > 1  # stories run at once
    figures = {re.search(r" said (\d+) ", a.body).group(1) for a in by_story[feed[0].story]}
    assert len(figures) == 2  # the first report and the update: one disagreement


def test_the_feed_table_names_its_conflicts_and_carriers():
    row = {
        "n": 10000,
        "run": {"date": "2026-11-29", "commit": "abc1234"},
        "ingest": {"seconds": 40.0, "ari": 1.0, "story_ari": 0.99, "largest_story": {"story": "s", "articles": 190},
                   "stages": {"stories": 4.0}},
        "diff": {"seconds": 3.0, "ok": True, "error": "", "conflicts": 1, "distinct": 1, "carriers": [[120, 70]]},
    }  # fmt: skip
    page = run.render([], [], feeds=[row])
    assert "| 10,000 | 40.0 | 250 | 1.0000 | 0.9900 | 190 | 3.0 | 1 (1 distinct) | 120 + 70 | 0.40 |" in page
    assert "250 articles/s" in run.readme_speed([], [], feeds=[row])


def test_the_clean_table_says_what_the_line_model_adds_and_leaves_older_runs_blank():
    timed = {"n": 1000, "clean": {"seconds": 1.0}, "justext": {"seconds": 2.0}, "clean_learned": {"seconds": 1.4}}
    assert run._learned_cells(timed, 1.0) == ["1.40", "+0.40 ms"]
    assert run._learned_cells({k: v for k, v in timed.items() if k != "clean_learned"}, 1.0) == ["", ""]


def test_the_learned_clean_stage_runs_the_line_model(tmp_path, monkeypatch):
    import basewatch.clean

    (tmp_path / "a.txt").write_text("One short line of text that is here.\n", encoding="utf-8")
    asked = []
    monkeypatch.setattr(basewatch.clean, "clean", lambda text, learned=False: asked.append(learned))
    stage.clean_learned(str(tmp_path))
    assert asked == [True]
