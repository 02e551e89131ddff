"""basewatch's HTML path beside trafilatura, on the same pages' original HTML, per converter of the dump.

    python bench/score_html.py [CORPUS_DIR] [--limit N] [--type article]

CORPUS_DIR holds html/NNN.html.gz and NNN.gold.txt (extraction-dev, or extraction-train with its manifest's
page types). Scored with the shared scorer's metric, in one process.
"""

import argparse
import csv
import gzip
import sys
import time
from pathlib import Path

import trafilatura
from shared_tools import SHARED, load_scorer

from basewatch.clean import clean_html


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", type=Path, default=SHARED / "corpus" / "extraction-dev")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--type", default="", help="only pages of this page_type (extraction-train)")
    args = ap.parse_args()
    scorer = load_scorer("score_extraction")
    with (args.corpus / "manifest.tsv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if not args.type or r.get("page_type") == args.type]
    rows = rows[: args.limit or None]
    counts: dict[str, list] = {"basewatch": [], "trafilatura": []}
    seconds = dict.fromkeys(counts, 0.0)
    worst = []
    for row in rows:
        markup = gzip.decompress((args.corpus / "html" / f"{row['id']}.html.gz").read_bytes()).decode(
            "utf-8", "replace"
        )
        gold = (args.corpus / f"{row['id']}.gold.txt").read_text(encoding="utf-8")
        started = time.perf_counter()
        ours = clean_html(markup)[0].body
        seconds["basewatch"] += time.perf_counter() - started
        started = time.perf_counter()
        theirs = trafilatura.extract(markup, include_comments=False, include_tables=True) or ""
        seconds["trafilatura"] += time.perf_counter() - started
        counts["basewatch"].append(scorer.tp_fp_fn(gold, ours))
        counts["trafilatura"].append(scorer.tp_fp_fn(gold, theirs))
        worst.append((scorer.prf(*counts["basewatch"][-1])[2], row["id"]))
    for name, c in counts.items():
        s = scorer.summarize(c)
        below = sum(1 for x in c if scorer.prf(*x)[2] < 0.3)
        print(
            f"{name:12s} F1={s['F1']:.3f} P={s['P']:.3f} R={s['R']:.3f} pages below 0.3: {below}"
            f"  {1000 * seconds[name] / max(1, len(rows)):.1f} ms/page"
        )
    print("worst basewatch pages:", ", ".join(f"{i} {f:.2f}" for f, i in sorted(worst)[:5]))
    s = scorer.summarize(counts["basewatch"])
    print(f"F1={s['F1']:.3f} P={s['P']:.3f} R={s['R']:.3f} files={s['files']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
