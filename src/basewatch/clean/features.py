"""What the rules and the model measure on every unit: size, function-word rate against the page's own
prose, and the shapes the model weighs."""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from functools import lru_cache

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
# Link and markup marks a dumper leaves: these characters, and lynx's "(BUTTON)" (counted apart: one
# alternation would try it at every character).
_MARK_RE = re.compile(r"[\[\]|<>*_#=]")
_QUOTE_RE = re.compile(r"[\"“”«»]")
# What str.isdigit counts, in one regex pass: decimal digits, and the superscript, subscript and
# circled digits that are not decimal (Unicode 14).
_DIGIT_RE = re.compile(
    "[\\d\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c"
    "\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792\U00010a40-\U00010a43"
    "\U00010e60-\U00010e68\U00011052-\U0001105a\U0001f100-\U0001f10a]"
)
_NEIGHBOUR_UNITS = 3


def feature_matrix(units: list[Unit], main: set[int]) -> np.ndarray:
    """One row of ALL_FEATURE_NAMES per unit; `main` is the unit indexes of the rules' main text."""
    x = feature_rows(units, main)
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


def _nearby_share(flag: np.ndarray, reach: int) -> np.ndarray:
    """Share of the units within `reach` on either side (itself left out) where `flag` holds."""
    width = 2 * reach + 1
    count = np.convolve(np.ones(len(flag)), np.ones(width))[reach : reach + len(flag)] - 1
    near = np.convolve(flag, np.ones(width))[reach : reach + len(flag)] - flag
    return near / np.maximum(count, 1)


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


def feature_rows(units: list[Unit], main: set[int]) -> np.ndarray:
    """One row of FEATURE_NAMES per unit; `main` is the unit indexes of the rules' main text."""
    count = len(units)
    x = np.zeros((count, len(FEATURE_NAMES)))
    index = np.arange(count)
    words = np.array([u.words or 1 for u in units], dtype=float)
    # math.log1p, as in training: numpy's can differ in the last bit, and a tree's threshold can sit on a value
    x[:, 0] = [math.log1p(u.weight) for u in units]
    x[:, 1] = np.minimum([u.stop_rate for u in units], 2.0)
    shapes = np.array([_text_shape(u.text) for u in units], dtype=float).reshape(count, len(_SHAPE_COLUMNS) + 2)
    x[:, _SHAPE_COLUMNS] = shapes[:, :-2]
    x[:, 20] = shapes[:, -2] / words
    x[:, 22] = np.minimum(shapes[:, -1] / words, 2.0)
    x[:, 4] = [u.marker == "bullet" for u in units]
    x[:, 5] = [u.marker == "heading" for u in units]
    x[:, 6] = [u.spaced for u in units]
    x[index, [_FAMILIES.get(u.reason, 14) if u.kind == "bad" else _KINDS[u.kind] for u in units]] = 1.0
    first, last = (min(main), max(main)) if main else (count, -1)
    x[:, 15] = [i in main for i in range(count)]
    x[:, 16] = index < first
    x[:, 17] = index > last
    x[:, 18] = [math.log1p(first - i if i < first else i - last if i > last else 0) for i in range(count)]
    x[:, 19] = index / max(count, 1)
    prose = x[:, _KINDS["good"]]
    x[1:, 23] = prose[:-1]
    x[:-1, 24] = prose[1:]
    x[:, 25] = _nearby_share(prose, _NEIGHBOUR_UNITS)
    x[:, 26] = prose.mean() if count else 0.0
    return x


# The columns of FEATURE_NAMES that the text alone decides, in _text_shape's order.
_SHAPE_COLUMNS = [2, 3, 21, 27, 28]


@lru_cache(maxsize=50_000)
def _text_shape(text: str) -> tuple[float, ...]:
    """What a line's text alone says (remembered: a site prints the same menus on every page): the
    _SHAPE_COLUMNS, then its capitalised words and its link or markup marks."""
    return (
        float(bool(SENTENCE_END_RE.search(text))),
        float(bool(SENTENCE_INSIDE_RE.search(text))),
        _digits(text) / (len(text) or 1),
        float(text.endswith(":")),
        float(bool(_QUOTE_RE.search(text))),
        _capitalised_words(text),
        len(_MARK_RE.findall(text)) + text.count("(BUTTON)"),
    )


def _digits(text: str) -> int:
    return len(_DIGIT_RE.findall(text))


def _capitalised_words(text: str) -> int:
    return sum(1 for w in text.split() if w[:1].isupper())
