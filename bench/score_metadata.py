"""Metadata against extraction-train's gold (meta.jsonl), on its article pages, text dump and HTML side by side.

    python bench/score_metadata.py [CORPUS_DIR] [--limit N]

Title: exact match after case and whitespace folding. Outlet: found (the gold has none to compare with).
Author and date: exact match where the gold states one. The text path reads NNNN.txt as a user's saved
text; the HTML path reads html/NNNN.html.gz as a saved page.
"""

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

from score_clean import SHARED

from basewatch.models import Document
from basewatch.pipeline import analyse


def fold(value: str | None) -> str:
    return " ".join((value or "").casefold().split())


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", type=Path, default=SHARED / "corpus" / "extraction-train")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    with (args.corpus / "meta.jsonl").open(encoding="utf-8") as fh:
        gold = [g for g in map(json.loads, fh) if g["page_type"] == "article"][: args.limit or None]
    for path_kind in ("text", "html"):
        hits: Counter[str] = Counter()
        stated: Counter[str] = Counter()
        for g in gold:
            if path_kind == "text":
                text = (args.corpus / f"{g['id']}.txt").read_text(encoding="utf-8")
            else:
                text = gzip.decompress((args.corpus / "html" / f"{g['id']}.html.gz").read_bytes()).decode(
                    "utf-8", "replace"
                )
            article, _ = analyse(Document(path=g["id"], text=text, encoding="utf-8", html=path_kind == "html"))
            hits["title"] += fold(article.title) == fold(g["title"])
            hits["outlet found"] += article.outlet is not None
            for field, ours in (("author", article.author), ("published", article.published)):
                if g[field]:
                    stated[field] += 1
                    hits[field] += fold(ours) == fold(g[field]) or (
                        field == "published" and (ours or "")[:10] == g[field][:10]
                    )
        n = len(gold)
        print(
            f"{path_kind:5s} title exact {hits['title'] / n:.3f}  outlet found {hits['outlet found'] / n:.3f}  "
            f"author exact {hits['author'] / max(1, stated['author']):.3f}  "
            f"date (day) {hits['published'] / max(1, stated['published']):.3f}  pages={n}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
