"""Quality gate on attribution-dev (84 PolNeAR articles): pinned floors a little under the measured
figures, scored by the shared scorer's own rules. Skips where ../shared/ is absent."""

import json
from collections import defaultdict
from pathlib import Path

from basewatch import pipeline, report
from basewatch.models import Document
from basewatch.store import Store
from conftest import shared_or_skip, shared_scorer

# Measured 2026-11-29 (README "Measured"): SRC_R 0.655, CUE_R 0.566, PREC 0.959.
SOURCE_RECALL_FLOOR = 0.64
CUE_RECALL_FLOOR = 0.55
PRECISION_FLOOR = 0.945


def _share(rows: list[dict], key: str) -> float:
    return sum(r[key] for r in rows) / len(rows)


def test_attribution_dev_floors(tmp_path):
    scorer = shared_scorer("score_attribution")
    corpus = shared_or_skip("corpus", "attribution-dev")
    articles = {}
    for line in (corpus / "articles.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        articles[row["id"]] = scorer.Article(row["id"], corpus / row["file"], row["outlet"])
    by_file = {a.path.name: a.id for a in articles.values()}
    gold = []
    for line in (corpus / "gold.jsonl").open(encoding="utf-8"):
        row = json.loads(line)
        gold.append({**row, "article_id": by_file[row["article_file"]]})
    with Store.open(tmp_path / "attribution.db") as store:
        for article in articles.values():
            document = Document(path=str(article.path), text=article.text, encoding="utf-8")
            pipeline.ingest(store, [document], outlet=article.outlet)
        paths = {row["id"]: Path(row["path"]).name for row in store.article_index().values()}
        claims_by_article = defaultdict(list)
        for claim in report.claims(store):
            claims_by_article[by_file[paths[claim["article"]]]].append(claim)
    found, cued = scorer.score(articles, gold, claims_by_article)
    assert len(found) == 2192
    assert _share([r for r in found if r["has_src"]], "src_ok") >= SOURCE_RECALL_FLOOR
    assert _share([r for r in found if r["has_cue"]], "cue_ok") >= CUE_RECALL_FLOOR
    assert _share(cued, "ok") >= PRECISION_FLOOR
