"""Learn the cue-word lexicon of parse-based attribution from ../shared/corpus/attribution-train.

    python scripts/learn_cue_words.py [TRAIN_DIR] > src/basewatch/claims/cue_words.tsv

For every word form, how often it is the head word of a human-marked attribution cue, against how
often it occurs as a verb in the training texts (tagged by the pinned spaCy pipeline, so "reports"
the noun does not count against "reports" the verb). Forms marked often enough, and often enough when
they occur, are kept; a word that is usually not attributing ("in", "for", "see") stays out. Only
the training split is read (the dev split measures). Deterministic: no sampling, sorted output.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

MIN_MARKED = 4
MIN_MARKED_SHARE = 0.2
WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
# Auxiliaries, negation and adverbs that open a cue phrase ("has said", "also noted", "did not say").
LEADERS = frozenset("has have had is was were are be been also not never did does do would will could to 's".split())
# Words that mark a cue only as part of a phrase the parse reads by structure ("according to", ":").
STRUCTURAL = frozenset("in for of on to with by as at from that".split())


def head_word(cue: str) -> str | None:
    words = [w for w in WORD.findall(cue.lower()) if w not in LEADERS]
    return words[0] if words and words[0] not in STRUCTURAL and len(words[0]) > 2 else None


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/attribution-train")
    marked: Counter[str] = Counter()
    for line in (root / "gold.jsonl").open(encoding="utf-8"):
        word = head_word(json.loads(line)["cue_text"])
        if word:
            marked[word] += 1
    from basewatch.parse import pipeline

    nlp = pipeline()
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "texts").glob("*.txt"))]
    seen: Counter[str] = Counter()
    for doc in nlp.pipe(texts, batch_size=16):
        seen.update(t.lower_ for t in doc if t.tag_.startswith("VB") or t.lower_ == "according")
    print("# word\tmarked\tseen (learned from attribution-train by scripts/learn_cue_words.py)")
    for word, count in sorted(marked.items()):
        if count >= MIN_MARKED and seen[word] >= MIN_MARKED and count / max(seen[word], count) >= MIN_MARKED_SHARE:
            print(f"{word}\t{count}\t{seen[word]}")


if __name__ == "__main__":
    main()
