"""What a sentence says about itself, whatever article it appears in: whether it asserts anything,
whether it quotes or hedges, notes a source's anonymity, and which names, numbers and dates it holds.

Pure, and cached per sentence text: syndicated copies repeat the wire's sentences word for word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from basewatch.claims.dates import date_expressions
from basewatch.vocabulary import MAGNITUDE_WORDS, MONTH_NAMES, NUMBER_WORDS, WEEKDAYS, alternation

_ANONYMITY_NOTE_RE = re.compile(
    r"\b(?:on condition of anonymity|asked not to be (?:named|identified)|asking not to be (?:named|identified)"
    r"|declined to be (?:named|identified)|requested anonymity|who asked not to be)\b",
    re.I,
)
_HEDGE_RE = re.compile(
    r"\b(?:reportedly|allegedly|apparently|possibly|perhaps|may|might|could|likely|unlikely|"
    r"(?:is|are|was|were) (?:said|believed|thought|reported|expected) to|believed to|appears? to|seems? to)\b",
    re.I,
)
_QUOTED_SPAN_RE = re.compile(r"(?:[\"“„«]|'')((?:(?!'')[^\"”“»]){12,})(?:[\"”»]|'')")
_NAME_RE = re.compile(
    r"\b(?:[A-Z][\w’'-]*[a-z][\w’'-]*|[A-Z]{2,6}|al-[A-Z][\w-]+)"
    r"(?:\s+(?:(?:of|de|al|bin|von|van|the)\s+)?(?:[A-Z][\w’'-]*[a-z][\w’'-]*|[A-Z]{2,6}|al-[A-Z][\w-]+))*"
)
# Capitalised words that begin a sentence or a date, never a name.
NAME_STOP = frozenset(
    """The A An In On At It Its This That These Those He She They We I But And Or If As When While After
    Before Since During Meanwhile However Also Earlier Later Last Next Some Many Most One Two Three Four
    Five""".split()
) | {word.title() for word in (*WEEKDAYS, *MONTH_NAMES)}
# "one" is left out of the number words: "one of the", "one official" state no amount.
_AMOUNT_WORDS = [word for word in (*NUMBER_WORDS, *MAGNITUDE_WORDS) if word != "one"]
_UNIT_WORDS = [word for word, value in NUMBER_WORDS.items() if value < 10] + list(MAGNITUDE_WORDS)
_NUMBER_RE = re.compile(
    r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(?:%|per ?cent|percent|million|billion|thousand))?"
    rf"|\b(?:{alternation(_AMOUNT_WORDS)})(?:[- ](?:{alternation(_UNIT_WORDS)}))*\b",
    re.I,
)
_MIN_CLAIM_WORDS = 5
_LOWER_WORD_RE = re.compile(r"[a-z]+")
_NUMBER_WORDS = frozenset(_AMOUNT_WORDS)
_DIGIT_RE = re.compile(r"\d")
# Words without which the hedge and anonymity patterns cannot match: a set test spares the regex.
_HEDGE_HINTS = frozenset(
    """reportedly allegedly apparently possibly perhaps may might could likely unlikely said believed thought
    reported expected appears appear seems seem""".split()
)
_ANONYMITY_HINTS = frozenset(
    "anonymity asked asking declined requested who authorized authorised allowed named identified".split()
)
_POSSESSIVE_RE = re.compile(r"['’ʼ]s$")
_OPENER_FOLLOWERS = frozenset("to on in at for with from about after over the a an this that its his her their".split())


@dataclass(frozen=True)
class SentenceFacts:
    """What a sentence says about itself, whatever article it appears in."""

    assertion: bool
    subhead: bool
    direct_quote: bool = False
    hedged: bool = False
    notes_anonymity: bool = False
    names: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    dates: tuple[tuple[str, str], ...] = ()  # (expression, the text just before it)


# Syndicated copies repeat the wire's sentences word for word, so each process remembers the facts
# of recent sentences (bounded: about 30 MB at most).
@lru_cache(maxsize=32_768)
def sentence_facts(text: str) -> SentenceFacts:
    if not _is_assertion(text):
        return SentenceFacts(assertion=False, subhead=_is_subhead(text))
    words = frozenset(_LOWER_WORD_RE.findall(text.lower()))
    return SentenceFacts(
        assertion=True,
        subhead=_is_subhead(text),
        direct_quote=bool(_QUOTED_SPAN_RE.search(text)),
        hedged=not _HEDGE_HINTS.isdisjoint(words) and bool(_HEDGE_RE.search(text)),
        notes_anonymity=_notes_anonymity(text, words),
        names=tuple(_names(text)),
        numbers=tuple(_numbers(text, words)),
        dates=date_expressions(text, words),
    )


def _is_assertion(sentence: str) -> bool:
    """A full sentence that states something: not a question, a subhead or a fragment."""
    words = sentence.split()
    ends_like_a_sentence = sentence.rstrip()[-1:] in ".!\"”’»)'"
    return len(words) >= _MIN_CLAIM_WORDS and ends_like_a_sentence and not sentence.rstrip("\"”’' ").endswith("?")


def _is_subhead(sentence: str) -> bool:
    return sentence.rstrip()[-1:] not in '.!?"”’»):;,'


def _names(text: str) -> list[str]:
    found = []
    for match in _NAME_RE.finditer(text):
        words = match.group(0).split()
        if match.start() == 0 and len(words) == 1 and starts_with_opener(text):
            continue
        while words and words[0] in NAME_STOP:
            words = words[1:]
        name = _POSSESSIVE_RE.sub("", " ".join(words))
        if name and name not in found and not (len(words) == 1 and match.start() == 0 and name in NAME_STOP):
            found.append(name)
    return found


def starts_with_opener(text: str) -> bool:
    """Whether `text` opens with a participial or adverbial opener ("Responding to this report, ...",
    "Additionally,"), capitalised only because it comes first: never a name. "Beijing said" is one."""
    words = text.split(maxsplit=2)
    if not words:
        return False
    bare = words[0].rstrip(",").lower()
    following = words[1] if len(words) > 1 else ""
    return (
        len(bare) > 4
        and bare.endswith(("ing", "ly"))
        and (words[0].endswith(",") or following.lower() in _OPENER_FOLLOWERS)
    )


def _notes_anonymity(text: str, words: frozenset[str]) -> bool:
    return not _ANONYMITY_HINTS.isdisjoint(words) and bool(_ANONYMITY_NOTE_RE.search(text))


def _numbers(text: str, words: frozenset[str]) -> list[str]:
    if not _DIGIT_RE.search(text) and _NUMBER_WORDS.isdisjoint(words):
        return []
    return [m.group(0) for m in _NUMBER_RE.finditer(text)]
