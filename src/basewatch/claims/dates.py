"""Date expressions in a sentence ("on Tuesday", "last week", "Feb. 12") and the dates they stand for.

Pure. An expression resolves against the article's own date, never today's: "yesterday" in a piece
dated 2025-02-18 is 2025-02-17 whenever it is read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from functools import lru_cache

from basewatch.metadata import parse_partial_date
from basewatch.vocabulary import MONTH_ABBREVIATIONS, MONTH_NAMES, MONTHS, WEEKDAYS, alternation

# Month names open a date; "may" only with a day beside it (it is also a verb).
_MONTH_OPENERS = alternation([*MONTH_ABBREVIATIONS, "may"])
DATE_RE = re.compile(
    r"(?:"
    rf"\b(?:(?:on|last|next|this)\s+)?(?:{alternation(WEEKDAYS)})\b"
    r"|\b(?:yesterday|today|tomorrow)\b"
    r"|\b(?:last|next|this)\s+(?:week|month|year)\b"
    rf"|\b\d{{1,2}}\s+(?:{_MONTH_OPENERS})[a-z]*\.?(?:,?\s+\d{{4}})?"
    rf"|\b(?:{_MONTH_OPENERS})[a-z]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"
    rf"|\b(?:{alternation(m for m in MONTHS if m != 'may')})\s+\d{{4}}\b"
    r")",
    re.I,
)
_PAST_RE = re.compile(r"\b(?:after|since|said|was|were|had|\w+ed)\b", re.I)
_FUTURE_RE = re.compile(r"\b(?:will|would|to meet|to visit|is set to|are set to|plans? to|next)\b", re.I)
_DATE_HINTS = frozenset([*WEEKDAYS, *MONTH_NAMES, "yesterday", "today", "tomorrow", "week", "month", "year"])
_DATE_START_RE = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun|yes|tod|tom|las|nex|thi|on\b|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d)",
    re.I,
)
_YEAR_RE = re.compile(r"\d{4}")
_RELATIVE_RE = re.compile(r"(last|next|this) (week|month|year)")
_OUTLET_VERB_RE = re.compile(r"\b(?:reported|reports|writes|wrote)\b")
_OUTLET_VERB_END_RE = re.compile(r"\b(?:reported|reports|writes|wrote)\s*$")


def date_expressions(text: str, words: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """Each date expression with the words before it, which say whether it looks ahead."""
    if _DATE_HINTS.isdisjoint(words):
        return ()
    return tuple((m.group(0), text[max(0, m.start() - 60) : m.start()]) for m in _date_matches(text))


def _date_matches(text: str) -> Iterator[re.Match]:
    return matches_at(_DATE_START_RE, DATE_RE, text)


def matches_at(starts: re.Pattern, pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """Non-overlapping matches of `pattern`, tried only where `starts` finds a place one can begin:
    a large alternation scanned from every position of a sentence is the slow part otherwise."""
    end = 0
    for start in starts.finditer(text):
        if start.start() < end:
            continue
        found = pattern.match(text, start.start())
        if found:
            end = found.end()
            yield found


def report_date(sentence: str) -> str | None:
    """The date the attribution clause gives ("Bloomberg reported on Feb. 17"), not the claim's own."""
    verb = _OUTLET_VERB_RE.search(sentence)
    found = DATE_RE.search(sentence, verb.end()) if verb else None
    return found.group(0) if found else None


@lru_cache(maxsize=8192)  # copies resolve the same expressions against the same dates
def resolve(expression: str, before: str, reference: date | None) -> str | None:
    """ISO date (or ISO week/month) for a date expression, relative to the article's date.

    A bare weekday is the most recent one, unless the words just before it speak of the future
    ("will meet ... on Friday").
    """
    text = expression.lower().strip()
    future = bool(_FUTURE_RE.search(before)) and not _PAST_RE.search(before.split(",")[-1])
    if reference is None:
        return parse_partial_date(expression) if _YEAR_RE.search(expression) else None
    for offset, word in ((-1, "yesterday"), (0, "today"), (1, "tomorrow")):
        if text == word:
            return (reference + timedelta(days=offset)).isoformat()
    weekday = next((i for i, name in enumerate(WEEKDAYS) if name in text), None)
    if weekday is not None:
        delta = (weekday - reference.weekday()) % 7
        if text.startswith("next") or (future and not text.startswith("last")):
            return (reference + timedelta(days=delta or 7)).isoformat()
        return (reference - timedelta(days=(reference.weekday() - weekday) % 7)).isoformat()
    relative = _RELATIVE_RE.match(text)
    if relative:
        return _relative_period(relative[1], relative[2], reference)
    parsed = parse_partial_date(expression) if _YEAR_RE.search(expression) else None
    if parsed:
        return parsed
    return _month_day(expression, reference)


def _relative_period(which: str, unit: str, reference: date) -> str:
    step = {"last": -1, "this": 0, "next": 1}[which]
    if unit == "week":
        year, week, _ = (reference + timedelta(weeks=step)).isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "month":
        month_index = reference.year * 12 + reference.month - 1 + step
        return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
    return f"{reference.year + step:04d}"


def _month_day(expression: str, reference: date) -> str | None:
    """`Feb. 12` in an article dated 2025-02-18 is 2025-02-12; a date far ahead is last year's."""
    iso = parse_partial_date(f"{expression} {reference.year}")
    if not iso or len(iso) != 10:
        return None
    candidate = date.fromisoformat(iso)
    if candidate - reference > timedelta(days=60):
        candidate = candidate.replace(year=candidate.year - 1)
    return candidate.isoformat()


# "in September", "In December,": a month named alone, with no day or year after it.
_BARE_MONTH_RE = re.compile(
    rf"\bin\s+({alternation(MONTHS)})\b(?!\.?\s*\d)",
    re.I,
)


@lru_cache(maxsize=65_536)  # diff asks it of both sides of every pair: each sentence once
def bare_months(text: str, reference: date | None) -> tuple[str, ...]:
    """ISO months ("2017-09") for the months a sentence names alone ("adopted in September"): the
    one of that name nearest before the article's date, or up to two months after it. The month an
    outlet reported in ("Politico reported in December") dates the report, not the fact."""
    if reference is None or "in " not in text.lower():
        return ()
    months = []
    for found in _BARE_MONTH_RE.finditer(text):
        if _OUTLET_VERB_END_RE.search(text, 0, found.start()):
            continue
        month = MONTHS[found[1].lower()]
        year = reference.year - (month > reference.month + 2)
        months.append(f"{year:04d}-{month:02d}")
    return tuple(months)
