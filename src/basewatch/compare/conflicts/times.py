"""When a statement says its act happened: one day, a span of days, another time, or a plan."""

from __future__ import annotations

import functools
import re

from basewatch import vocabulary
from basewatch.compare import periods
from basewatch.compare.normalise import View
from basewatch.metadata import iso_day

# A sentence dated this far from its article's publication tells of another time.
HISTORIC_DAYS = 30
# A year written this far from the article's own tells of another time (a year apart may be last December).
HISTORIC_YEARS = 2
_YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# A sentence about another time: "four months ago", "last year".
_ANOTHER_TIME_RE = re.compile(r"\b(?:(?:weeks|months|years|decades) ago|last (?:month|year)|a year ago)\b", re.I)
# Words of a plan: its time is not the act's.
_PLANNED_RE = re.compile(r"\b(?:plans?|planned|planning|scheduled|due to|expected to|will|would)\b", re.I)


def day_apart(a: View, b: View) -> tuple[tuple[str, str], tuple[str, str], str] | None:
    """The one day each of two statements of one act gives it, when the days differ and neither
    tells of another time. A sentence naming two days (announced on one, happened on the other)
    gives no one day."""
    day_a, day_b = _one_day(a), _one_day(b)
    if day_a is None or day_b is None or day_a[1] == day_b[1] or historic(a) or historic(b):
        return None
    if _one_weekday(a, b):
        return None
    acts = (a.frame.acts or frozenset()) & (b.frame.acts or frozenset())
    return (day_a, day_b, sorted(acts)[0]) if acts else None


def spans_apart(a: View, b: View) -> tuple[str, str, str] | None:
    """Two statements of one act (a verb in common) that place it in times that do not meet: "adopted
    last week" and "adopted in September" are two values of one fact, however long ago either is.
    Both times and the act."""
    acts = (a.frame.acts or frozenset()) & (b.frame.acts or frozenset())
    if not acts:
        return None
    span_a, span_b = periods.span(a), periods.span(b)
    if span_a is None or span_b is None or not periods.apart(span_a, span_b) or _one_weekday(a, b):
        return None
    return periods.label(span_a), periods.label(span_b), sorted(acts)[0]


def _one_weekday(a: View, b: View) -> bool:
    """Both name one weekday ("on Monday"), read against the dates of two pieces: it may be one day."""
    return bool(_weekdays(a) & _weekdays(b))


def _weekdays(view: View) -> frozenset[str]:
    return _weekdays_in(tuple(d.get("text") or "" for d in view.claim.dates))


@functools.lru_cache(maxsize=8192)
def _weekdays_in(expressions: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for text in expressions for w in vocabulary.WEEKDAYS if w in text.lower())


def _one_day(view: View) -> tuple[str, str] | None:
    days = {d["date"]: d["text"] for d in view.claim.dates if len(d.get("date") or "") == 10}
    return (next(iter(days.values())), next(iter(days))) if len(days) == 1 else None


def planned(view: View) -> bool:
    """A sentence about a plan ("scheduled to leave at 11:55", "plans to launch next month") times
    the plan or its announcement, not the act."""
    return bool(_PLANNED_RE.search(view.claim.text))


def historic(view: View) -> bool:
    """A sentence dated well away from its article tells of another time (an earlier attack)."""
    return _historic_text(view.claim.text, view.published, tuple(d["date"] for d in view.claim.dates if d.get("date")))


@functools.lru_cache(maxsize=65_536)  # copies repeat the sentence and its date: once each
def _historic_text(text: str, published_at: str | None, dates: tuple[str, ...]) -> bool:
    if _ANOTHER_TIME_RE.search(text):
        return True
    published = iso_day(published_at, month_middle=True)
    if published is None:
        return False
    days = (iso_day(d, month_middle=True) for d in dates)
    if any(d is not None and abs((d - published).days) > HISTORIC_DAYS for d in days):
        return True
    # A year on its own ("the 1969 team", "since 1945") names another season, not today's figures.
    return any(abs(int(y) - published.year) >= HISTORIC_YEARS for y in _YEAR_RE.findall(text))
