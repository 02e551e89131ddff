"""What a source string is: anonymous, a named person, a news organisation. Shared by the parse-based
attribution, the pattern fallback and the article-level chains."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Attribution:
    """The cue of one sentence and its source chain, outermost source first."""

    cue: str | None
    chain: tuple[str, ...]
    outlet_verb: bool = False


# News organisations name themselves with these generic words; an unnamed source "told" one of them.
_MEDIA_WORD_RE = re.compile(
    r"\b(?:news|agency|times|post|journal|herald|tv|radio|press|telegraph|tribune|daily|wire|media|magazine|"
    r"broadcaster|newspaper|channel|network)\b",
    re.I,
)
_ANONYMOUS_RE = re.compile(
    r"\b(?:familiar with|knowledge of|condition of anonymity|not (?:authori[sz]ed|allowed) to|asked not to|"
    r"asking not to|declined to be (?:named|identified)|requested anonymity|unnamed|anonymous|insiders?)\b"
    r"|^(?:an?|the|one of the|two|three|several|some)?\s*(?:\w+\s+){0,2}(?:sources?|person|people|officials?)$",
    re.I,
)
# Nouns that name a role or an institution, not a person.
SOURCE_NOUN_RE = re.compile(
    r"\b(?:sources?|officials?|spokes(?:man|woman|person)|people|person|minister|ministry|government|police|"
    r"statement|report|analysts?|experts?|diplomats?|agency|media|authorities|council|court|board|"
    r"company|leader|president|chief|director|envoy|residents?|witnesses?|owners?|chair|association|"
    r"guard|master|officers?|workers?|union|survey|poll|study|data|department|office|campaign|committee)\b",
    re.I,
)
PRONOUNS = frozenset("he she they we i".split())
# Titles before a name, never a name themselves; the first four also say whether "he" or "she" fits.
HONORIFIC_GENDER = {"Mr": "m", "Mrs": "f", "Ms": "f", "Miss": "f"}
HONORIFICS = frozenset(title.lower() for title in (*HONORIFIC_GENDER, "Dr", "Sen", "Rep", "Gov", "President", "Prof"))
# Words that stand where a source would ("It said", "This reported") but never name one.
NON_SOURCE_RE = re.compile(
    r"^(?:it|this|that|which|there|what|who|as|and|but|so|if|when|while|he also|she also)$", re.I
)


def is_anonymous(source: str) -> bool:
    return bool(_ANONYMOUS_RE.search(source))


def is_media(source: str) -> bool:
    return bool(_MEDIA_WORD_RE.search(source))


def is_person(source: str) -> bool:
    """A named individual: the source ends in a capitalised name, not an institution noun."""
    words = source.split()
    tail = words[-2:]
    return (
        1 <= len(words) <= 8
        and all(w[:1].isupper() for w in tail)
        and not SOURCE_NOUN_RE.search(" ".join(tail))
        and not is_media(source)
    )
