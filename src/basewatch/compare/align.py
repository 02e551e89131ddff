"""Which claims of different outlets state the same fact: candidate pairs from shared rare terms,
verified by rarity-weighted overlap, agreeing names, a common act when they share few words, and
frames that do not disagree. Shared facts ask more (`restatement`): enough of both sentences in
common, not only of the shorter, the same polarity and, when both give figures, a figure in common."""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from itertools import combinations

from basewatch import vocabulary
from basewatch.compare.normalise import View
from basewatch.compare.words import plain

# Two claims state the same thing when the rarity-weighted share of the shorter one's terms found in
# the other, plus a bonus per shared distinctive anchor (a name that is not everywhere in the story,
# a number), reaches this score...
MIN_ALIGN_SCORE = 0.45
ANCHOR_BONUS = 0.15
MIN_ALIGN_SHARED_TERMS = 3
# ... and a pair whose overlap (before the bonus) is below this is loose: the two must also tell of
# one act, a verb in common ("Fowler hit a homer on the third pitch" and "Fowler opened the Series
# with a homer" are two facts about one man).
LOOSE_OVERLAP = 0.4
# Claims naming no one in common align only on this much overlap ("the AP reported" vs "officials said").
NAMELESS_OVERLAP = 0.6
# Two claims state one fact when what they share is this much of the shorter one and of both together
# (rarity-weighted containment and Dice).
MIN_SAME_FACT_OVERLAP = 0.25
MIN_SAME_FACT_DICE = 0.22
# Candidate pairs come from each claim's rarest terms; a term in more claims than this pairs nothing.
# Shared facts look further: a restatement may share none of a long sentence's rarest few terms.
KEYS_PER_CLAIM = 8
SHARED_KEYS_PER_CLAIM = 16
MIN_SHARED_KEYS = 2
MAX_KEY_CLAIMS = 200
# Names in more than this share of claims are the story's backdrop, not an anchor for alignment.
MAX_BLOCK_TERM_SHARE = 0.2
# Titles and compass words are capitalised but identify nobody.
_TITLE_WORDS = frozenset(
    """president minister deputy foreign prime secretary spokesman spokeswoman spokesperson general chief
    east west north south middle new al el former state agency news""".split()
)

# "a year" is one year: a span written with an article is a span of one.
_ONE = {"a": 1, "an": 1}
_SPAN_RE = re.compile(
    r"\b(a|an|\d+(?:\.\d+)?|"
    + vocabulary.alternation(vocabulary.NUMBER_WORDS)
    + r")[\s-]+(minute|hour|day|week|month|year)s?\b",
    re.I,
)

Aligned = list[tuple[str, str, dict]]
Judge = Callable[[View, View, dict[str, float], set[str]], dict | None]


def candidate_pairs(views: list[View], keys_per_claim: int = KEYS_PER_CLAIM) -> list[tuple[View, View]]:
    """Pairs of claims from different outlets that share at least two of their rarest terms, and every
    pair carrying one sentence word for word.

    Each distinct sentence is keyed by its few rarest terms only (terms in a single sentence cannot
    pair, terms in very many identify nothing), so the work grows with the claims, not their square.
    Copies of one sentence pair with each other whatever their terms: a sentence two outlets carry
    word for word is shared even when no other sentence of the story repeats its words.
    """
    by_terms: dict[frozenset[str], list[int]] = defaultdict(list)
    for i, view in enumerate(views):
        by_terms[view.terms].append(i)
    texts = list(by_terms.values())
    df = Counter(t for terms in by_terms for t in terms)
    # Two texts sharing MIN_SHARED_KEYS keys share a combination of that many keys: indexing each
    # text under its key combinations finds exactly those pairs, never the many sharing only one.
    by_combination: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for text, terms in enumerate(by_terms):
        usable = sorted((df[t], t) for t in terms if 2 <= df[t] <= MAX_KEY_CLAIMS)
        keys = sorted(t for _, t in usable[:keys_per_claim])
        for combination in combinations(keys, MIN_SHARED_KEYS):
            by_combination[combination].append(text)
    text_pairs = {pair for sharing in by_combination.values() for pair in combinations(sharing, 2)}
    pairs = [(i, j) if i < j else (j, i) for t, u in text_pairs for i in texts[t] for j in texts[u]]
    pairs += [pair for terms, same in by_terms.items() if terms for pair in combinations(same, 2)]
    return [(views[i], views[j]) for i, j in sorted(pairs) if views[i].outlet != views[j].outlet]


def aligned_pairs(views: list[View], pairs: list[tuple[View, View]], judge: Judge | None = None) -> Aligned:
    """(claim id, claim id, explanation) for claims of different outlets that `judge` (by default
    `alignment`) finds state the same thing.

    Overlap is weighted by how rare each term is in the compared claims, so two sentences that only
    share the story's ever-present names ("Russia", "Syria") do not count as the same claim.
    """
    judge = judge or alignment
    idf = _idf(views)
    name_df = Counter(n for v in views for n in v.names)
    common = {n for n, c in name_df.items() if c > MAX_BLOCK_TERM_SHARE * len(views)}
    verdicts: dict[tuple[int, int], dict | None] = {}  # copies of two sentences get one verdict
    aligned = []
    for a, b in pairs:
        key = (a.content, b.content)
        if key not in verdicts:
            verdicts[key] = judge(a, b, idf, common)
        if verdicts[key] is not None:
            aligned.append((a.claim.id, b.claim.id, verdicts[key]))
    return aligned


def alignment(a: View, b: View, idf: dict[str, float], common: set[str]) -> dict | None:
    """Why two claims tell of the same thing, or None when they do not."""
    why, shared, overlap, _ = _evidence(a, b, idf, common)
    if a.terms != b.terms and (shared < MIN_ALIGN_SHARED_TERMS or why["score_pct"] < 100 * MIN_ALIGN_SCORE):
        return None
    if a.names and b.names and not (a.names & b.names) and overlap < NAMELESS_OVERLAP:
        return None  # different names, and not enough else in common to be one fact told two ways
    return why


def restatement(a: View, b: View, idf: dict[str, float], common: set[str]) -> dict | None:
    """Why two claims state one fact, or None: they share enough of the shorter one's rare terms and
    of both together. A short sentence contained in a long one that states two more facts is related
    to it, not the same fact; two restatements of one fact need not name the same people ("harbour
    police arrested the skipper" and "the skipper was arrested, Inspector Tallis said")."""
    why, shared, overlap, dice = _evidence(a, b, idf, common)
    if a.terms == b.terms:
        return why
    enough = overlap >= MIN_SAME_FACT_OVERLAP and dice >= MIN_SAME_FACT_DICE and shared >= MIN_ALIGN_SHARED_TERMS
    return why if enough else None


def _evidence(a: View, b: View, idf: dict[str, float], common: set[str]) -> tuple[dict, int, float, float]:
    """The explanation of a pair, with its count of shared terms, containment and Dice."""
    shared = a.terms & b.terms
    weights = sum(idf[t] for t in a.terms), sum(idf[t] for t in b.terms)
    common_weight = sum(idf[t] for t in shared)
    overlap = common_weight / max(min(weights), 1e-9)
    dice = 2 * common_weight / max(sum(weights), 1e-9)
    anchors = sorted(((a.names & b.names) - common - _TITLE_WORDS) | (_numbers(a) & _numbers(b)))
    score = overlap + ANCHOR_BONUS * min(len(anchors), 2)
    if a.terms == b.terms:
        score = max(score, 1.0)  # one sentence carried twice
    why = {
        "score_pct": round(100 * score),
        "overlap_pct": round(100 * overlap),
        "dice_pct": round(100 * dice),
        "anchors": anchors,
        "shared_terms": sorted(shared)[:12],
    }
    return why, len(shared), overlap, dice


def loose(why: dict) -> bool:
    """Whether an aligned pair shares too few words to be one fact without a verb in common."""
    return why["overlap_pct"] < 100 * LOOSE_OVERLAP


def acted_alike(a: View, b: View, why: dict) -> bool:
    """A loose pair states one fact only when both tell of one act; unparsed sentences are not judged."""
    if not loose(why) or a.frame.acts is None or b.frame.acts is None:
        return True
    return bool(a.frame.acts & b.frame.acts)


def alike_in_polarity(a: View, b: View) -> bool:
    """Two sentences state one fact only if neither denies the very act the other tells ("the goat was
    led out of the park" and "the goat was never led out of the park" share their words, not their
    fact); "no one was inside" and "the building was empty" deny no act of each other. Unparsed
    sentences are not judged."""
    if a.terms == b.terms or a.frame.acts is None or b.frame.acts is None:
        return True
    return not (_denies_act_of(a, b) or _denies_act_of(b, a))


def _denies_act_of(a: View, b: View) -> bool:
    return any(verb in b.frame.acts and not _denies_verb(b, verb) for verb, _ in a.frame.denied)


def _denies_verb(view: View, verb: str) -> bool:
    return any(denied == verb for denied, _ in view.frame.denied)


def alike_in_figures(a: View, b: View) -> bool:
    """Two sentences that both give figures, or both give spans of time, state one fact only if they
    give one in common: "12 sheep were lost when a 30-tonne lorry overturned" and "a 58-year-old driver
    was hurt when the lorry overturned" tell of one accident, not one fact; "closed for six months" and
    "closed for a year" are a conflict, not a shared fact."""
    values = {(q.low, q.high) for q in a.frame.quantities}
    if values and b.frame.quantities and not any((q.low, q.high) in values for q in b.frame.quantities):
        return False
    spans, others = _spans(a.claim.text), _spans(b.claim.text)
    return not spans or not others or bool(spans & others)


@functools.lru_cache(maxsize=65_536)  # a wire story's copies repeat each sentence in many pairs
def _spans(text: str) -> frozenset[tuple[float, str]]:
    """Spans of time written out ("six months", "a year", "10-day"), as (count, unit)."""
    return frozenset((_count(count.lower()), unit.lower()) for count, unit in _SPAN_RE.findall(plain(text)))


def _count(word: str) -> float:
    return float(vocabulary.NUMBER_WORDS.get(word, _ONE.get(word, word)))


def _numbers(view: View) -> set[str]:
    """Numbers specific enough to identify a fact (not "two" or "5")."""
    return {n.replace(",", "") for n in view.claim.numbers if any(c.isdigit() for c in n) and len(n) >= 2}


def _idf(views: list[View]) -> dict[str, float]:
    distinct = {v.terms for v in views}
    df = Counter(t for terms in distinct for t in terms)
    n = len(distinct) + 1
    return defaultdict(lambda: math.log(n), {t: math.log(n / c) for t, c in df.items()})
