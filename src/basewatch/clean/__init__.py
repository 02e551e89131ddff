"""Boilerplate removal for text that was flattened out of a web page.

Pure: text in, a verdict for every input line out. The cleaner never looks at a site name or a
phrase from one page; it judges lines by shape (length, sentence punctuation, the page's own
function-word rate, bullets, headline-like runs, URLs, handles, timestamps, repetition) and keeps
the densest gap-limited stretch of prose plus the neighbouring stretches that read like it.
"""

from __future__ import annotations

import re

from basewatch.clean.features import measure
from basewatch.clean.regions import select, smooth
from basewatch.clean.rules import classify
from basewatch.clean.units import Unit, logical_units
from basewatch.models import CleanResult, LineVerdict

# A date field glued to the first paragraph ("date 2024-12-13 Russia is ..."): metadata, not body.
_LEADING_DATE_FIELD_RE = re.compile(
    r"^(?:date|published|updated|posted)\s*:?\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\s+(?=\S)", re.I
)


def clean(text: str) -> CleanResult:
    """Split `text` into kept body paragraphs and a verdict for every input line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    units = logical_units(lines)
    measure(units)
    classify(units)
    keep = select(units)
    smooth(units, keep)
    return _result(lines, units, keep)


def _result(lines: list[str], units: list[Unit], keep: set[int]) -> CleanResult:
    verdict_of: dict[int, tuple[bool, str]] = {}
    paragraphs: list[str] = []
    for i, unit in enumerate(units):
        kept = i in keep and unit.kind != "bad"
        if kept:
            paragraphs.append(unit.text if paragraphs else _LEADING_DATE_FIELD_RE.sub("", unit.text))
            prose = unit.kind in ("good", "near")
            reason = unit.reason or ("body text" if prose else "short line inside body")
        elif unit.kind == "bad":
            reason = unit.reason
        elif unit.kind == "good":
            reason = "prose outside the main text"
        else:
            reason = "short line outside the main text"
        for n in range(unit.first, unit.last + 1):
            verdict_of[n] = (kept, reason)
    verdicts = tuple(
        LineVerdict(n + 1, line, *verdict_of.get(n, (False, "blank line"))) for n, line in enumerate(lines)
    )
    return CleanResult(paragraphs=tuple(paragraphs), verdicts=verdicts)
