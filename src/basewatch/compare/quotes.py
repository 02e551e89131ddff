"""Two wordings of one quotation: the same opening words, then different words, neither inside the
other. Whoever was quoted said one of them, so the two are never one shared fact."""

from __future__ import annotations

import functools
import re
from difflib import SequenceMatcher

from basewatch.compare.words import plain

# A quotation opens on a quote mark after a space or the sentence start (an apostrophe inside a word
# opens nothing) and closes on the same mark before a space or punctuation.
_QUOTED_RE = re.compile(r"""(?:^|(?<=[\s(\[]))(["'])(.+?)\1(?=[\s,.;:!?)\]]|$)""")
_WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
# Quotations opening on this many words in common are one quotation, however each goes on.
SAME_OPENING_WORDS = 3
# Two wordings sharing this share of the shorter one's words are one thing said, transcribed twice.
TRANSCRIBED = 0.8


def misquoted(first: str, second: str) -> bool:
    """Whether the two sentences quote one quotation in different words."""
    return any(_two_wordings(a, b) for a in _quotations(first) for b in _quotations(second))


def wordings(first: str, second: str) -> tuple[str, str] | None:
    """The two wordings of one quotation the sentences give, if they differ in more than a
    transcription ("a steel barrier" and "steel barrier" are one thing said; "just bad, just stupid"
    and "just mad" are not)."""
    return next(
        (
            (" ".join(a), " ".join(b))
            for a in _quotations(first)
            for b in _quotations(second)
            if _two_wordings(a, b) and _shared_share(a, b) < TRANSCRIBED
        ),
        None,
    )


@functools.lru_cache(maxsize=8192)
def _quotations(text: str) -> tuple[tuple[str, ...], ...]:
    found = (tuple(_WORD_RE.findall(m[2].lower())) for m in _QUOTED_RE.finditer(plain(text)))
    return tuple(words for words in found if len(words) > SAME_OPENING_WORDS)


def _two_wordings(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if a[:SAME_OPENING_WORDS] != b[:SAME_OPENING_WORDS]:
        return False
    return not (_inside(a, b) or _inside(b, a))


def _shared_share(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """The share of the shorter wording's words found, in order, in the longer: one outlet may quote
    more of what was said."""
    matched = SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()
    return sum(block.size for block in matched) / min(len(a), len(b))


def _inside(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))
