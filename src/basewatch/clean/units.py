"""Logical lines: dumped lines re-joined where a converter wrapped a paragraph, markers stripped."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A line this long that stops mid-sentence, followed by a lower-case line, was wrapped by hand.
HAND_WRAP_MIN_CHARS = 40
# Lines wrapped by a dumper cluster just under one width; real prose lines do not.
WRAP_MIN_SHARE = 0.12
WRAP_MAX_WIDTH = 140

_BULLET_RE = re.compile(r"^(?:[•●○◦▪▫■□☆★✓✔➤►▶·*+\-]|o(?=\s)|\d{1,3}[.)](?=\s))\s*")
_HEADING_RE = re.compile(r"^#{1,6}(?:\s+|$)")
SENTENCE_END_RE = re.compile(r"[.!?。！？…:;][\"'”’»)\]]*\s*$")
# two word characters before the stop (not \w{2,}: the same matches, without retrying every run of letters)
SENTENCE_INSIDE_RE = re.compile(r"\w\w[.!?。！？][\"'”’»)]*\s+\S|[。！？]")
_STRONG_RE = re.compile(r"\*\*|__")
_EMPHASIS_RE = re.compile(r"^[_*](?=\S)|(?<=\S)[_*]$")


@dataclass
class Unit:
    """One logical line: a dumped line, or a paragraph re-joined from lines a dumper wrapped."""

    first: int
    last: int
    text: str
    marker: str  # "", "bullet" or "heading"
    spaced: bool = True  # a blank line precedes it
    words: int = 0
    weight: float = 0.0
    stop_rate: float = 0.0
    kind: str = ""  # good | near | short | bad
    reason: str = ""
    token_list: list[str] = field(default_factory=list)
    tokens: frozenset[str] = frozenset()


def logical_units(lines: list[str]) -> list[Unit]:
    width = _wrap_width(lines)
    units: list[Unit] = []
    open_unit: Unit | None = None
    text_indent = 0
    blank_before = True
    for i, raw in enumerate(lines):
        line = raw.expandtabs().rstrip()
        stripped = line.strip()
        if not stripped:
            open_unit = None
            blank_before = True
            continue
        indent = len(line) - len(line.lstrip())
        marker, body = _strip_marker(stripped)
        if open_unit is not None and not marker and indent == text_indent and _continues(lines[i - 1], body, width):
            open_unit.text += " " + body
            open_unit.last = i
            blank_before = False
            continue
        open_unit = Unit(first=i, last=i, text=body, marker=marker, spaced=blank_before)
        blank_before = False
        units.append(open_unit)
        prefix = len(stripped) - len(_BULLET_RE.sub("", stripped, count=1)) if marker == "bullet" else 0
        text_indent = indent + prefix
    return units


def _strip_marker(stripped: str) -> tuple[str, str]:
    if _HEADING_RE.match(stripped):
        return "heading", _plain(_HEADING_RE.sub("", stripped))
    if _BULLET_RE.match(stripped) and not stripped.startswith("**"):
        rest = _BULLET_RE.sub("", stripped, count=1)
        return "bullet", _plain(_HEADING_RE.sub("", rest))
    return "", _plain(stripped)


def _plain(text: str) -> str:
    """Text without markdown emphasis markers (html2text output)."""
    return _EMPHASIS_RE.sub("", _STRONG_RE.sub("", text).strip()).strip()


def _wrap_width(lines: list[str]) -> int | None:
    """The column a dumper wrapped at, or None when lines were not wrapped."""
    lengths = sorted(len(x.expandtabs().rstrip()) for x in lines if x.strip())
    if len(lengths) < 10:
        return None
    width = lengths[int(len(lengths) * 0.97) - 1]
    if width > WRAP_MAX_WIDTH:
        return None
    near = sum(1 for n in lengths if width - 15 <= n <= width)
    return width if near >= WRAP_MIN_SHARE * len(lengths) else None


def _continues(previous: str, next_text: str, width: int | None) -> bool:
    """True when the line break is a wrap inside a paragraph, not the end of one.

    Either the dumper broke the line only because the next word did not fit its width, or (for
    hand-wrapped copy of any width) a long line stops mid-sentence and the next goes on in lower case.
    """
    previous = previous.rstrip()
    if width is not None:
        first_word = next_text.split(" ", 1)[0]
        if len(previous) + 1 + len(first_word) > width - 2:
            return True
    return len(previous) >= HAND_WRAP_MIN_CHARS and next_text[:1].islower() and not SENTENCE_END_RE.search(previous)
