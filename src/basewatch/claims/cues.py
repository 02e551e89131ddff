"""The words that mark an attribution: the learned cue lexicon and the closed lists around it."""

from __future__ import annotations

from importlib.resources import files

# Verb forms human annotators marked as attribution cues often enough, and often enough where they
# occur, in PolNeAR's training split (scripts/learn_cue_words.py writes the file).
_LEARNED = [
    line.split("\t")
    for line in files(__package__).joinpath("cue_words.tsv").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]
CUE_WORDS = frozenset(row[0] for row in _LEARNED)
# How often each form, used as a verb, was marked: the rarer, the more evidence a cue needs.
CUE_SHARE = {row[0]: int(row[1]) / max(int(row[2]), int(row[1]), 1) for row in _LEARNED}
# Forms that attribute only with a subject and a clause of their own: "Democrats believe the
# pressure will grow", never "I believe in miracles".
CLAUSE_ONLY_CUE_WORDS = frozenset(row[0] for row in _LEARNED if row[5] == "clause")
# Forms marked in at least half of their occurrences ("said", "told") attribute whatever follows them;
# the others ("spoke", "appeared") only when they carry content.
STRONG_CUE_SHARE = 0.5
STRONG_CUE_WORDS = frozenset(word for word, share in CUE_SHARE.items() if share >= STRONG_CUE_SHARE)
# ... and an object alone ("endorsed Clinton", but not "released a letter") is content enough only for
# forms marked at least this often.
OBJECT_CUE_SHARE = 0.22
# Verbs by which an outlet presents another's report as its basis.
OUTLET_CUES = frozenset("reported reports report writes wrote write".split())
# Whom a speaker tells without the audience being a source of its own ("told reporters").
AUDIENCES = frozenset(
    (
        "the press",
        "a news conference",
        *"reporters journalists him her them us me parliament lawmakers supporters".split(),
    )
)
