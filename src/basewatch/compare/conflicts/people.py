"""Figures about people: tolls (killed, injured, in critical condition) and one person's age."""

from __future__ import annotations

import functools
import re
from collections import defaultdict

from basewatch.compare.conflicts.figures import WEAK_VERBS, apart
from basewatch.compare.conflicts.times import historic
from basewatch.compare.frames import Quantity
from basewatch.compare.normalise import View

# A toll: people harmed, counted by the verb or adjective that says how ("killed 50", "50 dead"), of
# anyone ("people", "others") or nobody named. A toll changes during the day: two figures are soft.
_HARMS = {
    "dead": ("kill", "die", "dead", "death", "fatal", "slain"),
    "injured": ("injur", "wound", "hurt"),
    "in critical condition": ("critical",),
}
# A figure whose verb says nothing of what happened ("five people are dead", "18 are thought to be
# in a critical condition") counts the one harm its sentence names.
_HEARSAY = frozenset({"thought", "believ", "fear", "report", "said", "understood", "estimat"})
# "Four seriously injured", "eight with life-threatening injuries": a part of the injured, by severity.
_SEVERITY_RE = re.compile(r"\b(?:serious|critical|life-threatening|minor|slight)", re.I)
_HARM_WORD_RE = re.compile(r"\b(?:" + "|".join(stem for stems in _HARMS.values() for stem in stems) + r")\w*", re.I)
# Tolls further apart than this count different things (the seriously hurt of them, another attack).
TOLL_RATIO = 3
# Two ages of one person as outlets misreport it are a year or so apart; further apart, two people.
AGE_GAP = 3
_ANYONE = frozenset({"", "people", "person", "other", "victim", "casualty", "fatality", "dead", "injured", "wounded"})


def tolls(view: View) -> dict[str, list[Quantity]]:
    """The sentence's figures of people harmed, by harm."""
    found: dict[str, list[Quantity]] = defaultdict(list)
    if not (view.frame.quantities or view.frame.bare):
        return found
    severity = _severe(view.claim.text)
    for q in (*view.frame.quantities, *view.frame.bare):
        says_nothing = q.verb in WEAK_VERBS or q.verb in _HEARSAY
        harm = toll(q) or (says_nothing and _people(q) and _one_harm(view.claim.text))
        if harm and not (harm == "injured" and severity):
            found[harm].append(q)
    return found


def toll(q: Quantity) -> str | None:
    """The harm a figure counts by its verb or noun, if it counts people harmed and no part of them."""
    return _harm(q.verb, q.noun) if _people(q) else None


def _people(q: Quantity) -> bool:
    return not (q.unit or q.modifiers) and q.noun in _ANYONE


def _harm(*words: str) -> str | None:
    return next((harm for harm, stems in _HARMS.items() for w in words if w.lower().startswith(stems)), None)


@functools.lru_cache(maxsize=8192)
def _severe(text: str) -> bool:
    return bool(_SEVERITY_RE.search(text))


@functools.lru_cache(maxsize=8192)
def _one_harm(text: str) -> str | None:
    harms = {_harm(m.group(0)) for m in _HARM_WORD_RE.finditer(text)}
    return harms.pop() if len(harms) == 1 else None


def tolls_apart(a: View, b: View) -> tuple[tuple[Quantity, Quantity], str] | None:
    """Two tolls of one harm that cannot be one figure, unless either sentence gives two (a toll that
    rose, "from 77 to 84") or tells of another time."""
    tolls_a = tolls(a)
    tolls_b = tolls(b) if tolls_a else {}
    harms = tolls_a.keys() & tolls_b.keys()
    if not harms or historic(a) or historic(b):
        return None
    for harm in harms:
        if len(tolls_a[harm]) != 1 or len(tolls_b[harm]) != 1:
            continue
        qa, qb = tolls_a[harm][0], tolls_b[harm][0]
        if apart(qa, qb) and max(qa.high, qb.high) <= TOLL_RATIO * min(qa.low, qb.low):
            return (qa, qb), harm
    return None


def ages_apart(a: View, b: View) -> tuple[Quantity, Quantity] | None:
    """One person's two ages, a few years apart: the same person, or nobody named ("the six-year-old",
    in a story mostly about one person); unless either sentence gives that person two ages (an age
    corrected, "first reported as six, he is five") or tells of another time."""
    ages_a = _ages(a)
    ages_b = _ages(b) if ages_a else []
    if not ages_b or historic(a) or historic(b):
        return None
    for qa in ages_a:
        for qb in ages_b:
            apart = 0 < abs(qa.low - qb.low) <= AGE_GAP
            if apart and _same_person(qa, qb) and _one_age(a, qa) and _one_age(b, qb):
                return qa, qb
    return None


def _same_person(qa: Quantity, qb: Quantity) -> bool:
    """ "The six-year-old" may be anyone of the story; "the 37-year-old Finnish driver" is not any
    driver, and what "is four years old" may be a picture."""
    if not (qa.noun and qb.noun):
        return all(q.noun or "-" in q.text for q in (qa, qb))
    return (qa.noun, qa.modifiers) == (qb.noun, qb.modifiers)


def _ages(view: View) -> list[Quantity]:
    return [q for q in view.frame.quantities if q.unit == "age"]


def _one_age(view: View, age: Quantity) -> bool:
    return all(q.low == age.low for q in _ages(view) if _same_person(q, age))
