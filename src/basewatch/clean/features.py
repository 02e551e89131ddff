"""What the rules and the model measure on every unit: size, function-word rate against the page's own
prose, and the shapes the model weighs."""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter

import numpy as np

from basewatch.clean.units import SENTENCE_END_RE, SENTENCE_INSIDE_RE, Unit

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


# What the line model weighs, in the words a person reads in a removed line's reason. The rules'
# own verdicts are signals too: the model learns where they hold and where they do not.
FEATURE_NAMES = (
    "length",
    "function-word rate",
    "ends like a sentence",
    "holds whole sentences",
    "bullet",
    "heading",
    "blank line before",
    "reads as prose",
    "nearly prose",
    "short line",
    "link, menu or share shape",
    "footer, notice or bio shape",
    "caption, byline or date shape",
    "repeated on the page",
    "other boilerplate shape",
    "inside the densest prose",
    "before the densest prose",
    "after the densest prose",
    "distance from the densest prose",
    "position in the page",
    "capitalised words",
    "digits",
    "link or markup marks",
    "previous line is prose",
    "next line is prose",
    "prose around it",
    "prose share of the page",
    "ends with a colon",
    "quotation marks",
)
# Where a unit sits in the page's prose, and the run it belongs to: the features that tell an article's
# own short lines and lists from the teaser lists and footers after it.
PAGE_NAMES = (
    "share of the page's prose above it",
    "share of the page's prose below it",
    "nearer page edge in prose",
    "length of its run of bullets",
    "length of its run of prose",
    "length against the page's longest line",
    "length against the page's median line",
    "prose within five lines",
)
# The neighbours' own shapes: one line and two lines away on each side.
_NEIGHBOUR_SOURCE = (0, 1, 2, 3, 4, 5, 7, 10, 11, 12, 13, 14, 22)
_OFFSETS = ((-1, "line before"), (1, "line after"), (-2, "two lines before"), (2, "two lines after"))
_WINDOW_UNITS = 5
ALL_FEATURE_NAMES = (
    FEATURE_NAMES
    + PAGE_NAMES
    + tuple(f"{FEATURE_NAMES[j]} ({where})" for _, where in _OFFSETS for j in _NEIGHBOUR_SOURCE)
)
_FAMILIES = {
    "navigation or share widget": 10,
    "menu item": 10,
    "related-story link": 10,
    "URL": 10,
    "social handles or hashtags": 10,
    "promotion or call to action": 10,
    "run of headline-like lines (links or ticker)": 10,
    "copyright or footer line": 11,
    "cookie or privacy notice": 11,
    "author bio": 11,
    "photo caption or credit": 12,
    "byline": 12,
    "date or timestamp": 12,
    "line repeated on the page": 13,
    "paragraph repeated on the page": 13,
}
_KINDS = {"good": 7, "near": 8, "short": 9}
_MARK_RE = re.compile(r"[\[\]|<>*_#=]|\(BUTTON\)")
_QUOTE_RE = re.compile(r"[\"“”«»]")
_NEIGHBOUR_UNITS = 3


def feature_matrix(units: list[Unit], main: set[int]) -> np.ndarray:
    """One row of ALL_FEATURE_NAMES per unit; `main` is the unit indexes of the rules' main text."""
    x = np.array(feature_rows(units, main), dtype=float).reshape(len(units), len(FEATURE_NAMES))
    return np.hstack([x, _page_columns(units, x), *(_shifted(x[:, _NEIGHBOUR_SOURCE], k) for k, _ in _OFFSETS)])


def _page_columns(units: list[Unit], x: np.ndarray) -> np.ndarray:
    weight = np.array([u.weight for u in units])
    prose = weight * x[:, _KINDS["good"]]
    total = prose.sum() or 1.0
    below = 1.0 - np.cumsum(prose) / total
    above = 1.0 - below - prose / total
    window = np.convolve(prose, np.ones(2 * _WINDOW_UNITS + 1))[_WINDOW_UNITS : _WINDOW_UNITS + len(units)] / total
    size = np.log1p(weight)
    return np.column_stack(
        [
            above,
            below,
            np.minimum(above, below),
            np.log1p(_run_lengths(x[:, 4] > 0)),
            np.log1p(_run_lengths(x[:, _KINDS["good"]] > 0)),
            size - size.max(),
            size - np.log1p(np.median(weight)),
            window,
        ]
    )


def _run_lengths(flag: np.ndarray) -> np.ndarray:
    """For each unit where `flag` holds, the length of the run of such units it is in; 0 elsewhere."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], flag.astype(int), [0]])))
    lengths = np.zeros(len(flag))
    for start, end in zip(edges[::2], edges[1::2], strict=True):
        lengths[start:end] = end - start
    return lengths


def _shifted(columns: np.ndarray, offset: int) -> np.ndarray:
    """The row `offset` units away (zeros past the page's edge)."""
    out = np.zeros_like(columns)
    if offset < 0:
        out[-offset:] = columns[:offset]
    else:
        out[:-offset] = columns[offset:]
    return out


def feature_rows(units: list[Unit], main: set[int]) -> list[list[float]]:
    """One row of FEATURE_NAMES per unit; `main` is the unit indexes of the rules' main text."""
    count = len(units)
    prose = [u.kind == "good" for u in units]
    prose_share = sum(prose) / count if count else 0.0
    first, last = (min(main), max(main)) if main else (count, -1)
    rows = []
    for i, unit in enumerate(units):
        text = unit.text
        chars = len(text) or 1
        row = [0.0] * len(FEATURE_NAMES)
        row[0] = math.log1p(unit.weight)
        row[1] = min(unit.stop_rate, 2.0)
        row[2] = float(bool(SENTENCE_END_RE.search(text)))
        row[3] = float(bool(SENTENCE_INSIDE_RE.search(text)))
        row[4] = float(unit.marker == "bullet")
        row[5] = float(unit.marker == "heading")
        row[6] = float(unit.spaced)
        if unit.kind == "bad":
            row[_FAMILIES.get(unit.reason, 14)] = 1.0
        else:
            row[_KINDS[unit.kind]] = 1.0
        row[15] = float(i in main)
        row[16] = float(i < first)
        row[17] = float(i > last)
        row[18] = math.log1p(first - i if i < first else i - last if i > last else 0)
        row[19] = i / count
        capitals = sum(1 for w in text.split() if w[:1].isupper())
        row[20] = capitals / (unit.words or 1)
        row[21] = sum(map(str.isdigit, text)) / chars
        row[22] = min(len(_MARK_RE.findall(text)) / (unit.words or 1), 2.0)
        row[23] = float(i > 0 and prose[i - 1])
        row[24] = float(i + 1 < count and prose[i + 1])
        around = prose[max(0, i - _NEIGHBOUR_UNITS) : i] + prose[i + 1 : i + 1 + _NEIGHBOUR_UNITS]
        row[25] = sum(around) / len(around) if around else 0.0
        row[26] = prose_share
        row[27] = float(text.endswith(":"))
        row[28] = float(bool(_QUOTE_RE.search(text)))
        rows.append(row)
    return rows
