"""Quality gates on the labelled dev corpora: pinned floors a little under the measured figures.

They run only where ../shared/ exists (the team's machines and CI); a user's clone skips them.
"""

import importlib.util

from basewatch.clean import clean
from conftest import shared_or_skip

# Measured 2026-11-23 on extraction-dev (61 pages): see README "Measured".
EXTRACTION_F1_FLOOR = 0.91
EXTRACTION_PAGES_BELOW_HALF_MAX = 3


def _scorer():
    path = shared_or_skip("tools", "score_extraction.py")
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_extraction_dev_f1_floor():
    scorer = _scorer()
    corpus = shared_or_skip("corpus", "extraction-dev")
    counts = []
    for page in scorer.inputs(corpus):
        gold = page.with_name(page.name[: -len(".txt")] + ".gold.txt").read_text(encoding="utf-8")
        counts.append(scorer.tp_fp_fn(gold, clean(page.read_text(encoding="utf-8")).body))
    summary = scorer.summarize(counts)
    below_half = sum(1 for c in counts if scorer.prf(*c)[2] < 0.5)
    assert summary["files"] == 61
    assert summary["F1"] >= EXTRACTION_F1_FLOOR, summary
    assert below_half <= EXTRACTION_PAGES_BELOW_HALF_MAX
