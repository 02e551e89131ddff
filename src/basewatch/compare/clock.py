"""The clock time a sentence gives its fact, and two outlets' times of one moment.

Outlets time one moment a few minutes apart ("at 6.10am" and "called at 6.04am", "00:48" and
"12:47 a.m."): a discrepancy to check, never a certainty, since each may time a different instant of
it. Times hours apart are different moments of the story (the attack, the press conference).
"""

from __future__ import annotations

import functools
import re

from basewatch.compare.words import plain

# Times of one moment are this many minutes apart at most; equal times agree.
SAME_MOMENT_MINUTES = 15
# "About 6.15am" may be 6.10am; "6am" is any time of that hour's first half.
ABOUT_MINUTES = 5
ON_THE_HOUR_MINUTES = 30
_DAY = 24 * 60
_ABOUT_RE = re.compile(r"\b(?:about|around|approximately|roughly|(?:shortly|just) (?:after|before))\s+$", re.I)

_CLOCK_RE = re.compile(
    r"\b(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s*"
    r"(?:(?P<half>[ap])\.?\s?m\b\.?|(?P<zone>gmt|utc|bst|cet|et|est|edt|pt|pst|pdt|local time)\b)?",
    re.I,
)


@functools.lru_cache(maxsize=65_536)  # copies repeat the sentence: read once
def times(text: str) -> tuple[tuple[int, int, str], ...]:
    """(minute of the day, its margin in minutes, time zone or "") of each clock time: "6.10am",
    "22:45 GMT", "12:47 a.m.". A number is a time only with its minutes after a colon, or "am"/"pm"."""
    text = plain(text)
    found = []
    for match in _CLOCK_RE.finditer(text):
        hour, minute, half = int(match["hour"]), match["minute"], (match["half"] or "").lower()
        if not half and not (minute and ":" in match.group(0)):
            continue  # "6.5 million", "1984", "21 of 71": a figure, not a time
        if half and hour > 12:
            continue
        hour = hour % 12 + (12 if half == "p" else 0) if half else hour
        zone = (match["zone"] or "").lower()
        margin = ABOUT_MINUTES if _ABOUT_RE.search(text[: match.start()]) else 0
        found.append((hour * 60 + int(minute or 0), margin if minute else ON_THE_HOUR_MINUTES, zone))
    return tuple(found)


def quarters(text: str) -> set[int]:
    """Two quarters of an hour of the day, the one the sentence's first time falls in and the next:
    two times a quarter of an hour apart at most share one of them."""
    quarter = times(text)[0][0] // SAME_MOMENT_MINUTES
    return {quarter, (quarter + 1) % (_DAY // SAME_MOMENT_MINUTES)}


def apart(text_a: str, text_b: str) -> tuple[str, str] | None:
    """Both times ("06:04", "06:10") when each sentence gives one, in one zone, and they are minutes
    apart, more than either's margin."""
    found_a, found_b = times(text_a), times(text_b)
    if len(found_a) != 1 or len(found_b) != 1:
        return None  # a timeline ("at 10.30pm ... by 11pm") times several moments
    (minute_a, margin_a, zone_a), (minute_b, margin_b, zone_b) = found_a[0], found_b[0]
    gap = abs(minute_a - minute_b)
    gap = min(gap, _DAY - gap)  # 23:58 and 00:02 are four minutes apart
    if zone_a != zone_b or not max(margin_a, margin_b) < gap <= SAME_MOMENT_MINUTES:
        return None
    return _written(minute_a), _written(minute_b)


def _written(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"
