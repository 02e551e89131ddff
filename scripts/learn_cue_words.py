"""Learn the cue-word lexicon of parse-based attribution from ../shared/corpus/attribution-train.

    python scripts/learn_cue_words.py [TRAIN_DIR] > src/basewatch/claims/cue_words.tsv

For every word form, how often it is the head word of a human-marked attribution cue, against how
often it occurs as a verb in the training texts (tagged by the pinned spaCy pipeline, so "reports"
the noun does not count against "reports" the verb). Forms marked often enough, and often enough when
they occur, are kept; a word that is usually not attributing ("in", "for", "see") stays out.

A second pair of counts looks only at the form with a subject and a clause of its own, outside
quotation marks ("Democrats believe the pressure will grow"): cognition verbs ("think", "believe",
"know") attribute in that frame about half the time and almost never elsewhere, so they are kept for
that frame alone. Only the training split is read (the dev split measures). Deterministic: no
sampling, sorted output.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

MIN_MARKED = 4
MIN_MARKED_SHARE = 0.2
MIN_CLAUSE_SHARE = 0.4
WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?")
# Auxiliaries, negation and adverbs that open a cue phrase ("has said", "also noted", "did not say").
LEADERS = frozenset("has have had is was were are be been also not never did does do would will could to 's".split())
# Words that mark a cue only as part of a phrase the parse reads by structure ("according to", ":").
STRUCTURAL = frozenset("in for of on to with by as at from that".split())
# Reviewed by hand: acts, not statements. PolNeAR's annotators mark some of them as stances in
# political copy ("voted for", "campaign for"), but in a news reader's feed "fired", "signed" or
# "went" report what someone did, and a claim's source must be someone who said something.
ACTS = frozenset(
    """last went campaign voted passed fired hired signed filed appointed nominated launched launching
    blocked covered exposed touched renewed negotiated introduced restricting
    persuaded rattled attempted avoided opted sided distanced titled""".split()
)
CLAUSE = frozenset(("ccomp", "parataxis"))
SUBJECT = frozenset(("nsubj", "nsubjpass"))


def head_word(cue: str) -> str | None:
    words = [w for w in WORD.findall(cue.lower()) if w not in LEADERS]
    return words[0] if words and words[0] not in STRUCTURAL and len(words[0]) > 2 else None


def with_clause(token) -> bool:
    children = {c.dep_ for c in token.children}
    return bool(children & CLAUSE) and bool(children & SUBJECT)


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/attribution-train")
    marked: Counter[str] = Counter()
    cue_chars: dict[str, set[int]] = {}
    for line in (root / "gold.jsonl").open(encoding="utf-8"):
        gold = json.loads(line)
        word = head_word(gold["cue_text"])
        if word:
            marked[word] += 1
        chars = cue_chars.setdefault(gold["article_file"], set())
        for start, end in gold["cue_span"]:
            chars.update(range(start, end))
    from basewatch.claims.parsed import _quoted
    from basewatch.parse import pipeline

    nlp = pipeline()
    paths = sorted((root / "texts").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    seen: Counter[str] = Counter()
    clause_seen: Counter[str] = Counter()
    clause_marked: Counter[str] = Counter()
    for path, doc in zip(paths, nlp.pipe(texts, batch_size=16), strict=True):
        seen.update(t.lower_ for t in doc if t.tag_.startswith("VB") or t.lower_ == "according")
        quoted = _quoted(doc)
        in_cue = cue_chars.get(path.name, set())
        for token in doc:
            if token.tag_.startswith("VB") and not quoted[token.i] and with_clause(token):
                clause_seen[token.lower_] += 1
                clause_marked[token.lower_] += token.idx in in_cue
    print("# word\tmarked\tseen\tmarked_with_clause\tseen_with_clause\tframe (by scripts/learn_cue_words.py)")
    for word in sorted(set(marked) | set(clause_marked)):
        if word in ACTS or not WORD.fullmatch(word):
            continue
        count, share = marked[word], marked[word] / max(seen[word], marked[word], 1)
        in_clause = clause_marked[word] / max(clause_seen[word], 1)
        kept = count >= MIN_MARKED and seen[word] >= MIN_MARKED and share >= MIN_MARKED_SHARE
        kept_in_clause = clause_marked[word] >= MIN_MARKED and in_clause >= MIN_CLAUSE_SHARE
        if kept or kept_in_clause:
            frame = "any" if kept else "clause"
            print(f"{word}\t{count}\t{seen[word]}\t{clause_marked[word]}\t{clause_seen[word]}\t{frame}")


if __name__ == "__main__":
    main()
