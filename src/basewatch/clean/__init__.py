"""Boilerplate removal for text that was flattened out of a web page.

Pure: text in, a verdict for every input line out. The cleaner never looks at a site name or a
phrase from one page; it judges lines by shape (length, sentence punctuation, the page's own
function-word rate, bullets, headline-like runs, URLs, handles, timestamps, repetition) and keeps
the densest gap-limited stretch of prose plus the neighbouring stretches that read like it.
"""

from __future__ import annotations

import re

import numpy as np

from basewatch.clean.features import feature_matrix, measure
from basewatch.clean.html import read_page
from basewatch.clean.model import load as load_model
from basewatch.clean.model import unit_weight
from basewatch.clean.regions import select, smooth
from basewatch.clean.rules import classify
from basewatch.clean.units import Unit, logical_units
from basewatch.models import CleanResult, LineVerdict, Metadata

# A date field glued to the first paragraph ("date 2024-12-13 Russia is ..."): metadata, not body.
_LEADING_DATE_FIELD_RE = re.compile(
    r"^(?:date|published|updated|posted)\s*:?\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\s+(?=\S)", re.I
)


def clean(text: str, learned: bool = False) -> CleanResult:
    """Split `text` into kept body paragraphs and a verdict for every input line: by the hand rules, or
    with `learned` by the line model (better on blogs, guides and reviews, worse on news pages: README)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    units, main = rule_units(lines)
    kept = {i for i, unit in enumerate(units) if i in main and unit.kind != "bad"}
    verdicts = _learned_verdicts(units, main, kept) if learned and units else _rule_verdicts(units, kept)
    return _result(lines, units, verdicts)


def clean_html(markup: str) -> tuple[CleanResult, Metadata, str]:
    """A saved web page: body and verdicts, the metadata its markup states, and the page as text lines."""
    return read_page(markup, clean)


def rule_units(lines: list[str]) -> tuple[list[Unit], set[int]]:
    """The page's logical lines judged by the hand rules, and the unit indexes of their main text."""
    units = logical_units(lines)
    measure(units)
    classify(units)
    main = select(units)
    smooth(units, main)
    return units, main


def _learned_verdicts(units: list[Unit], main: set[int], kept_by_rules: set[int]) -> list[tuple[bool, str]]:
    """(kept, reason) per unit as the line model decides, over the rules' signals and verdict and the page
    around each unit. A removed unit says why: the rule that recognised it, or else the model's strongest
    signals."""
    model = load_model()
    x = feature_matrix(units, main)
    probabilities = model.with_rules(model.scores(x), np.array([i in kept_by_rules for i in range(len(units))]))
    kept = model.keep(probabilities, unit_weight(np.array([unit.words for unit in units])))
    # only a unit no rule names needs the model's own signals as its reason
    unexplained = [i for i, unit in enumerate(units) if unit.kind != "bad" and not kept[i]]
    pulls = dict(zip(unexplained, model.pulls(x[unexplained]), strict=True)) if unexplained else {}
    verdicts = []
    for i, (unit, keep, p) in enumerate(zip(units, kept.tolist(), probabilities.tolist(), strict=True)):
        if keep:
            verdicts.append((True, f"body text (line model {p:.0%})"))
        elif i in pulls:
            verdicts.append((False, model.reason(pulls[i], p)))
        else:
            verdicts.append((False, unit.reason))
    return verdicts


def _rule_verdicts(units: list[Unit], kept: set[int]) -> list[tuple[bool, str]]:
    return [
        (True, unit.reason or _inside_reason(unit)) if i in kept else (False, unit.reason or _outside_reason(unit))
        for i, unit in enumerate(units)
    ]


def _inside_reason(unit: Unit) -> str:
    return "body text" if unit.kind in ("good", "near") else "short line inside body"


def _outside_reason(unit: Unit) -> str:
    return "prose outside the main text" if unit.kind == "good" else "short line outside the main text"


def _result(lines: list[str], units: list[Unit], verdicts: list[tuple[bool, str]]) -> CleanResult:
    verdict_of: dict[int, tuple[bool, str]] = {}
    paragraphs: list[str] = []
    for unit, (kept, reason) in zip(units, verdicts, strict=True):
        if kept:
            paragraphs.append(unit.text if paragraphs else _LEADING_DATE_FIELD_RE.sub("", unit.text))
        for n in range(unit.first, unit.last + 1):
            verdict_of[n] = (kept, reason)
    verdicts_by_line = tuple(
        LineVerdict(n + 1, line, *verdict_of.get(n, (False, "blank line"))) for n, line in enumerate(lines)
    )
    return CleanResult(paragraphs=tuple(paragraphs), verdicts=verdicts_by_line)
