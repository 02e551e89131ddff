"""Score basewatch's clustering on a labelled dedupe corpus, with recall per change profile.

    python bench/score_dedup.py [CORPUS_DIR]

Ingests CORPUS/dev.jsonl into a fresh temporary database exactly as
`basewatch ingest --jsonl` does, then scores `clusters --format jsonl` with the shared scorer.
"""

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from shared_tools import SHARED, load_scorer

from basewatch import pipeline, read, report
from basewatch.store import Store


def cluster_corpus(jsonl: Path) -> tuple[dict[str, str], float]:
    """Predicted cluster per external id, and the ingest time in seconds."""
    with tempfile.TemporaryDirectory() as tmp, Store.open(Path(tmp) / "bench.db") as store:
        start = time.perf_counter()
        docs = read.read_jsonl(read.Source(str(jsonl)), 10_000_000)
        pipeline.ingest(store, docs)
        elapsed = time.perf_counter() - start
        rows = report.membership(report.clusters(store))
    return {r["external_id"]: r["cluster"] for r in rows}, elapsed


def recall_by_profile(pred: dict[str, str], meta_path: Path) -> dict[str, float]:
    """Share of copies placed in the same cluster as their gold original, per change profile."""
    meta = [json.loads(line) for line in meta_path.open(encoding="utf-8")]
    originals = {m["cluster"]: m["id"] for m in meta if m["kind"] == "base"}
    hits, totals = defaultdict(int), defaultdict(int)
    for m in meta:
        base = originals.get(m["cluster"])
        if m["kind"] != "copy" or base is None:
            continue
        totals[m["profile"]] += 1
        hits[m["profile"]] += pred.get(m["id"]) == pred.get(base)
    return {p: hits[p] / totals[p] for p in sorted(totals)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", type=Path, default=SHARED / "corpus" / "dedup-dev")
    args = ap.parse_args()
    scorer = load_scorer("score_dedup")
    pred, elapsed = cluster_corpus(args.corpus / "dev.jsonl")
    gold = scorer.read_labels(str(args.corpus / "meta.jsonl"), "gold")
    result = scorer.score(gold, {k: json.dumps(v) for k, v in pred.items()})
    for profile, value in recall_by_profile(pred, args.corpus / "meta.jsonl").items():
        print(f"recall {profile:16s} {value:.3f}")
    print(f"ingest: {len(pred)} articles in {elapsed:.2f}s = {len(pred) / elapsed:.0f} articles/s")
    print("ARI={ARI:.4f} F1={F1:.4f} P={P:.4f} R={R:.4f} n={n}".format(**result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
