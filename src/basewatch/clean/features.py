"""What the rules and the model measure on every unit: size, function-word rate against the page's own
prose, and the shapes the model weighs."""

from __future__ import annotations

import re
import statistics
from collections import Counter

from basewatch.clean.units import Unit

WORD_RE = re.compile(r"\w+", re.UNICODE)
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")


def measure(units: list[Unit]) -> None:
    tokens = [WORD_RE.findall(u.text.lower()) for u in units]
    for unit, toks in zip(units, tokens, strict=True):
        unit.words = len(toks)
        unit.token_list = toks
        unit.tokens = frozenset(toks)
        cjk = 0 if unit.text.isascii() else len(_CJK_RE.findall(unit.text))
        # Scripts without spaces pack a sentence into a few \w+ runs; count characters instead.
        unit.weight = max(unit.words, cjk / 2.5)
    stopwords = _page_stopwords(units, tokens)
    for unit, toks in zip(units, tokens, strict=True):
        unit.stop_rate = sum(t in stopwords for t in toks) / len(toks) if toks else 0.0
    longest = sorted(units, key=lambda u: u.weight, reverse=True)[:8]
    reference = statistics.median([u.stop_rate for u in longest]) if longest else 0.0
    for unit in units:
        unit.stop_rate = unit.stop_rate / reference if reference > 0.05 else 1.0


def _page_stopwords(units: list[Unit], tokens: list[list[str]]) -> frozenset[str]:
    """The page's own function words: short tokens frequent across its longest paragraphs.

    Derived per page so that the rate works for any language written with spaces.
    """
    order = sorted(range(len(units)), key=lambda i: units[i].words, reverse=True)[:12]
    long_units = [tokens[i] for i in order if units[i].words >= 12]
    if len(long_units) < 2:
        return frozenset()
    counts: Counter[str] = Counter()
    for toks in long_units:
        counts.update(t for t in toks if len(t) <= 4 and not t.isdigit())
    return frozenset(t for t, _ in counts.most_common(40))
