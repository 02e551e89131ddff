"""Words as the comparison reads them: typography made plain, and one comparable term per word.

Defined once for the views of claims and the frames read from their parse.
"""

from __future__ import annotations

# Curly quotes and apostrophes, dashes and odd spaces are typography, never meaning: "didn’t" and
# "didn't" must read as one word before anything compares them.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u02bc": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ", "\u200b": "",
    }
)  # fmt: skip


def plain(text: str) -> str:
    """The text with typographic variants made plain (quotes, apostrophes, dashes, spaces)."""
    return text.translate(_TYPOGRAPHY)


def term(word: str, folding: dict[str, str] | None = None) -> str:
    """A comparable term: folded name variant, no possessive, crude plural removal."""
    word = plain((folding or {}).get(word, word))
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith("es") and word[-3] in "sxz" or word.endswith(("ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
