"""When a sentence says its fact happened, as one span of days: the days, weeks and months its date
expressions resolve to (against its article's publication date), narrowed to what they all share."""

from __future__ import annotations

import calendar
import functools
import re
from datetime import date, timedelta

from basewatch.claims.dates import bare_months
from basewatch.compare.normalise import View
from basewatch.metadata import iso_day

Span = tuple[date, date]  # first and last day

# "An Oct. 19 rendezvous", "the Sept. 11 attacks": a date after a determiner dates a thing, not the act.
_DETERMINER_BEFORE_RE = re.compile(r"\b(?:a|an|the|this|that|its|their|his|her)\s+$", re.I)


def span(view: View) -> Span | None:
    """The span every time the sentence names falls in, or None when it names none, or two that do
    not meet (announced one day about another)."""
    spans = [s for s in map(_span, _named(view)) if s is not None]
    if not spans:
        return None
    first, last = max(s[0] for s in spans), min(s[1] for s in spans)
    return (first, last) if first <= last else None


def dated(view: View) -> bool:
    """Whether the sentence names a time at all (then whether two statements share an act matters)."""
    return bool(view.claim.dates) or bool(bare_months(view.claim.text, iso_day(view.published)))


def label(found: Span) -> str:
    """A span as a reader meets it: "2017-11-24", or "2017-11-01 … 2017-11-30"."""
    first, last = found
    return first.isoformat() if first == last else f"{first.isoformat()} … {last.isoformat()}"


def apart(a: Span, b: Span) -> bool:
    return a[1] < b[0] or b[1] < a[0]


def _named(view: View) -> list[str]:
    text = view.claim.text
    resolved = [d["date"] for d in view.claim.dates if d.get("date") and not _attributive(text, d.get("text") or "")]
    return resolved + list(bare_months(view.claim.text, iso_day(view.published)))


@functools.lru_cache(maxsize=65_536)  # copies repeat the sentence and its dates
def _attributive(text: str, expression: str) -> bool:
    at = text.find(expression) if expression else -1
    return at > 0 and bool(_DETERMINER_BEFORE_RE.search(text, 0, at))


def _span(iso: str) -> Span | None:
    """A day, an ISO week ("2017-W51") or a month ("2017-09"); a year alone is too coarse to tell
    two statements apart."""
    try:
        if len(iso) == 10:
            day = date.fromisoformat(iso)
            return day, day
        if len(iso) == 8 and iso[5] == "W":
            monday = date.fromisocalendar(int(iso[:4]), int(iso[6:]), 1)
            return monday, monday + timedelta(days=6)
        if len(iso) == 7:
            year, month = int(iso[:4]), int(iso[5:])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    except ValueError:
        return None
    return None
