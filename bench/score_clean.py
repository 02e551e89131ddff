"""Score `basewatch.clean` in-process on a labelled extraction corpus, per converter.

    python bench/score_clean.py [CORPUS_DIR] [--worst N]

Uses the shared scorer's own tokenizer and metric, so the figure matches
`score_extraction.py ... -- basewatch clean` without one process per file.
"""

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

from shared_tools import SHARED, load_scorer

from basewatch.clean import clean


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", type=Path, default=SHARED / "corpus" / "extraction-dev")
    ap.add_argument("--worst", type=int, default=10)
    args = ap.parse_args()
    scorer = load_scorer("score_extraction")
    converters = {}
    manifest = args.corpus / "manifest.tsv"
    if manifest.exists():
        with manifest.open(encoding="utf-8") as fh:
            converters = {row["id"]: row["converter"] for row in csv.DictReader(fh, delimiter="\t")}
    per_file, by_conv = [], defaultdict(list)
    for path in scorer.inputs(args.corpus):
        stem = path.name[: -len(".txt")]
        gold = path.with_name(stem + ".gold.txt").read_text(encoding="utf-8")
        pred = clean(path.read_text(encoding="utf-8")).body
        counts = scorer.tp_fp_fn(gold, pred)
        per_file.append((stem, counts))
        by_conv[converters.get(stem, "?")].append(counts)
    for conv, counts in sorted(by_conv.items()):
        s = scorer.summarize(counts)
        print(f"{conv:12s} F1={s['F1']:.3f} P={s['P']:.3f} R={s['R']:.3f} files={s['files']}")
    scored = sorted(per_file, key=lambda x: scorer.prf(*x[1])[2])
    for stem, counts in scored[: args.worst]:
        p, r, f = scorer.prf(*counts)
        print(f"  worst {stem} F1={f:.3f} P={p if p is None else round(p, 3)} R={r:.3f}")
    below = sum(1 for _, c in per_file if scorer.prf(*c)[2] < 0.5)
    s = scorer.summarize([c for _, c in per_file])
    print(f"pages below 0.5: {below}")
    print(f"F1={s['F1']:.3f} P={s['P']:.3f} R={s['R']:.3f} files={s['files']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
