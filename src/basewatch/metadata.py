"""Title, author, publication date and outlet, read from the page's own evidence.

Pure. Works on the raw lines plus the cleaner's verdicts: the head of the article is the stretch
just above the first body line. Dates never get a year or a day the page did not state.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import astuple
from datetime import date, datetime

from dateutil import parser as dateparser

from basewatch.clean.rules import BIO_RE, BYLINE_RE, COPYRIGHT_MARK_RE
from basewatch.controls import without_controls
from basewatch.models import CleanResult, Metadata

# A dateline or wire tag opens the first paragraphs: an optional place in capitals, the credited outlet
# or agency in brackets, then a dash ("WASHINGTON (AP) —", "(CNN) —", "LONDON, March 3 (Reuters) -").
_DATELINE_RE = re.compile(
    r"^(?:[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][\w.'’ -]{1,30}){0,2}\s*)?"
    r"\((?P<credit>[A-Z][\w&.'’-]*(?:[ /][A-Z][\w&.'’-]*){0,3})\)\s*[—–-]"
)
_DATELINE_PARAGRAPHS = 3
# How far above the first body line the headline, byline and date may sit.
HEAD_WINDOW_LINES = 40
TITLE_MIN_WORDS, TITLE_MAX_WORDS = 3, 30

_WORD_RE = re.compile(r"\w+")
_DECOR_RE = re.compile(r"^[\s•●○◦▪☆★*+#>\-|]+|[\s|]+$")
_FIELD_RE = re.compile(r"^\s*(title|headline|author|by|byline|date|published|posted|updated)\s*:\s*(.*)$", re.I)
_NAME_STOP_RE = re.compile(
    r"\s+[-–—|·•]\s*|\s*[·•|]\s*|,\s|\s+on\s|\s+\d|\s+(?:updated|published)\b|\s+\S+@|\s{2,}", re.I
)
# A byline is a short line; a body sentence that starts with "By" is not one.
_BYLINE_MAX_CHARS = 120
# A date inside a long prose line (a caption, a lead) is not the page's publication date.
DATE_LINE_MAX_WORDS = 12
_NOT_TITLE_REASONS = frozenset(
    ["photo caption or credit", "navigation or share widget", "menu item", "copyright or footer line", "URL"]
)
_UI_NAMES = frozenset(["home", "menu", "news", "search", "login", "subscribe", "share"])
_DATE_PATTERNS = [
    re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?\b"),
    re.compile(
        r"\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}"
        r"(?:,?\s+\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)?",
        re.I,
    ),
    re.compile(
        r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
        r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?)?",
        re.I,
    ),
    re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}(?:\s+\d{1,2}:\d{2}\s*(?:[AP]M)?)?", re.I),
]
_LEADING_DATE_RE = re.compile(r"^\s*(?:date|published|posted|updated)\b\s*:?\s*", re.I)
_ISO_RE = re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?")
_DAY_MONTH_YEAR_RE = re.compile(r"(?P<d>\d{1,2})\s+(?P<mon>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4})(?P<time>\s.*)?")
_MONTH_DAY_YEAR_RE = re.compile(
    r"(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})(?P<time>\s.*)?"
)
_MONTHS = {m: i for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_TIME_RE = re.compile(r"\d{1,2}[:.]\d{2}")
_SENTINELS = (datetime(1901, 1, 1), datetime(1902, 2, 2))


def extract(cleaned: CleanResult, hints: Metadata | None = None) -> Metadata:
    """Metadata from `hints` first (caller-supplied, or the page's markup), else from the page's text.

    Every field is printable text: control characters and escape sequences are removed here, so no
    later step can pass them on.
    """
    hints = hints or Metadata()
    lines = [v.text for v in cleaned.verdicts]
    body_start = (cleaned.first_kept_line or 1) - 1
    head = list(range(max(0, body_start - HEAD_WINDOW_LINES), body_start))
    fields = _fields(lines)
    bio_author, bio_outlet = _bio(lines)
    credited = _dateline_credit(cleaned.paragraphs[:_DATELINE_PARAGRAPHS])
    outlet = hints.outlet or bio_outlet or _copyright_outlet(lines) or _masthead(lines) or credited
    found = Metadata(
        title=hints.title or fields.get("title") or _title(lines, head, cleaned),
        author=hints.author or fields.get("author") or _byline(lines, head, cleaned) or bio_author,
        published=parse_partial_date(hints.published) or _date(lines, head, fields),
        outlet=outlet,
        wire=hints.wire or (credited if credited and not _same_name(credited, outlet) else None),
        url=hints.url,
    )
    return Metadata(*(printable(value) for value in astuple(found)))


def merged(first: Metadata, then: Metadata) -> Metadata:
    """Field by field, `first`'s value where it has one, else `then`'s."""
    return Metadata(*(a if a is not None else b for a, b in zip(astuple(first), astuple(then), strict=True)))


def printable(value: str | None) -> str | None:
    """`value` without terminal escape sequences and control characters (None when nothing is left)."""
    if value is None:
        return None
    text = " ".join(without_controls(value).split())  # one line: newlines and tabs become spaces
    return text or None


def _dateline_credit(paragraphs: tuple[str, ...]) -> str | None:
    """The credit in a dateline or wire tag: "(CNN) —", "(Reuters) -", "WASHINGTON (AP) —"."""
    for paragraph in paragraphs:
        match = _DATELINE_RE.match(paragraph)
        if match:
            return match["credit"].strip()
    return None


def _same_name(credit: str, outlet: str | None) -> bool:
    """True when the credited name is the outlet's own ("Harbor Ledger" for "Harbor Ledger Media", "CNN"
    for "cnn.com"); "AP" inside "The Capital Post" is not."""
    if not outlet:
        return True
    name = outlet.lower().removeprefix("www.")
    squeezed = re.sub(r"\W", "", credit.lower())
    whole = re.sub(r"\W", "", name)
    return whole.startswith(squeezed) or squeezed in {name.split(".")[0], *_WORD_RE.findall(name)}


def _clean_line(line: str) -> str:
    return _DECOR_RE.sub("", line.replace("**", "")).strip()


def _fields(lines: list[str]) -> dict[str, str]:
    """`Key: value` header fields (value on the same line or the next non-blank one)."""
    found: dict[str, str] = {}
    for i, line in enumerate(lines[:60]):
        if ":" not in line:
            continue
        match = _FIELD_RE.match(_clean_line(line))
        if not match:
            continue
        key = {"headline": "title", "by": "author", "byline": "author"}.get(match[1].lower(), match[1].lower())
        key = "date" if key in ("published", "posted", "updated") else key
        value = match[2].strip() or _next_value(lines, i)
        if value and key not in found and not _FIELD_RE.match(value):
            found[key] = value
    return found


def _next_value(lines: list[str], i: int) -> str:
    for line in lines[i + 1 : i + 3]:
        if line.strip():
            return _clean_line(line)
    return ""


def _title(lines: list[str], head: list[int], cleaned: CleanResult) -> str | None:
    """The headline: a heading-shaped line above the body that shares words with its lead."""
    lead = Counter(w.lower() for w in _WORD_RE.findall(" ".join(cleaned.paragraphs[:3])))
    repeats = Counter(x.strip().lower() for x in lines if x.strip())
    best, best_score = None, 0.0
    verdicts = cleaned.verdicts
    first_line = next((n for n, line in enumerate(lines) if line.strip()), -1)
    for i in head:
        if (
            verdicts[i].reason in _NOT_TITLE_REASONS
            or not TITLE_MIN_WORDS <= len(lines[i].split()) <= TITLE_MAX_WORDS + 2
        ):
            continue
        candidate = _clean_line(lines[i])
        words = _WORD_RE.findall(candidate)
        if not TITLE_MIN_WORDS <= len(words) <= TITLE_MAX_WORDS or candidate.endswith((".", ":")):
            continue
        if BYLINE_RE.match(candidate) or _find_date(candidate):
            continue
        content = [w.lower() for w in words if len(w) >= 4] or [w.lower() for w in words]
        overlap = sum(1 for w in content if lead[w]) / len(content)
        repeated = repeats[lines[i].strip().lower()] > 1 or repeats[candidate.lower()] > 1
        score = overlap + 0.3 * repeated + 0.3 * lines[i].lstrip().startswith("# ")
        score += 0.2 * (i - head[0]) / max(1, len(head))  # nearer the body is likelier
        score += 0.2 * (i == first_line)  # plain-text saves open with the headline
        if score > best_score:
            best, best_score = candidate, score
    return best if best_score >= 0.5 else None


def _byline(lines: list[str], head: list[int], cleaned: CleanResult) -> str | None:
    order = head + [v.line - 1 for v in cleaned.verdicts if v.line - 1 not in head]
    for i in order:
        match = BYLINE_RE.match(_clean_line(lines[i])) if len(lines[i]) < _BYLINE_MAX_CHARS else None
        if match:
            name = _NAME_STOP_RE.split(match["name"], maxsplit=1)[0].strip(" ,")
            if 1 <= len(name.split()) <= 6 and name[:1].isupper():
                return name
    return None


def _bio(lines: list[str]) -> tuple[str | None, str | None]:
    for line in lines:
        match = BIO_RE.match(line.strip())
        if match and match["outlet"]:
            return match["name"], match["outlet"].rstrip(".,")
    return None, None


def _date(lines: list[str], head: list[int], fields: dict[str, str]) -> str | None:
    for line in lines[:5]:
        match = _LEADING_DATE_RE.match(line)
        if match and _find_date(line[match.end() : match.end() + 40]):
            return _find_date(line[match.end() : match.end() + 40])
    if fields.get("date"):
        found = _find_date(fields["date"])
        if found:
            return found
    window = head + list(range(head[-1] + 1 if head else 0, min(len(lines), (head[-1] if head else 0) + 3)))
    for i in window:
        if len(lines[i].split()) > DATE_LINE_MAX_WORDS and not BYLINE_RE.match(_clean_line(lines[i])):
            continue
        found = _find_date(lines[i])
        if found:
            return found
    return None


def _find_date(text: str) -> str | None:
    for pattern in _DATE_PATTERNS:
        match = pattern.search(text)
        if match:
            return parse_partial_date(match[0])
    return None


def parse_partial_date(value: str | None) -> str | None:
    """ISO 8601 from a date string; parts the string does not state are never filled in.

    Returns a full timestamp when a time is given, `YYYY-MM-DD` for a date, `YYYY-MM` when the
    day is missing, and None without a year.
    """
    if not value:
        return None
    quick = _common_date(value)
    if quick:
        return quick
    try:
        parsed = [dateparser.parse(value, default=d, fuzzy=True) for d in _SENTINELS]
    except (ValueError, OverflowError, dateparser.ParserError):
        return None
    first, second = parsed
    if first.year != second.year:
        return None
    if first.day != second.day:
        return f"{first.year:04d}-{first.month:02d}" if first.month == second.month else None
    if _TIME_RE.search(value):
        return first.isoformat()
    return first.date().isoformat()


def iso_day(value: str | None, month_middle: bool = False) -> date | None:
    """The day of an ISO date or timestamp as `parse_partial_date` writes them; a month alone
    ("2026-03") stands for its middle day when `month_middle` is set, else for no day."""
    if not value:
        return None
    if len(value) == 7 and month_middle:
        value = f"{value}-15"
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


def _common_date(value: str) -> str | None:
    """The three shapes most pages print, without dateutil's general (and slow) parser."""
    text = value.strip()
    iso = _ISO_RE.fullmatch(text)
    if iso:
        day = _valid(int(iso["y"]), int(iso["m"]), int(iso["d"]))
        return day and (f"{day}T{int(iso['H']):02d}:{iso['M']}:{iso['S'] or '00'}" if iso["H"] else day)
    found = _DAY_MONTH_YEAR_RE.fullmatch(text) or _MONTH_DAY_YEAR_RE.fullmatch(text)
    if not found or found["time"]:
        return None
    month = _MONTHS.get(found["mon"][:3].lower())
    return _valid(int(found["y"]), month, int(found["d"])) if month else None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


# A copyright line names the company ("Bay Observer Ltd"); the outlet is the name without its legal form.
_LEGAL_FORM_RE = re.compile(
    r"(?:\s*(?:&|and)(?=\s+co\b))?,?\s+(?:ltd|limited|inc|llc|plc|corp|corporation|gmbh|ag|s\.a|co)\.?(?=[\s,.]|$)",
    re.I,
)


def _copyright_outlet(lines: list[str]) -> str | None:
    for line in reversed(lines):
        if not COPYRIGHT_MARK_RE.search(line):
            continue
        before, _, after = _split_mark(line)
        name = after if _WORD_RE.search(re.sub(r"\d", "", after)) else before
        name = re.sub(r"\b\d{4}(?:\s*[-–]\s*\d{4})?\b|all rights reserved\.?", " ", name, flags=re.I)
        name = re.split(r"[,.|;:]\s|\s[-–—]\s|\s{2,}", name.strip(" .,"))[0].strip(" .,-")
        name = _LEGAL_FORM_RE.split(name, maxsplit=1)[0]
        if 1 <= len(name.split()) <= 6 and name[:1].isupper():
            return name
    return None


def _split_mark(line: str) -> tuple[str, str, str]:
    """Text before and after the (last) copyright mark of a line."""
    parts = COPYRIGHT_MARK_RE.split(line)
    after = parts[-1]
    after = COPYRIGHT_MARK_RE.sub(" ", after)
    return parts[0], "", after


def _masthead(lines: list[str]) -> str | None:
    """A short name at the top of the page that the footer repeats (site masthead)."""
    cleaned = [_clean_line(x) for x in lines]
    tail_start = int(len(cleaned) * 0.7)
    tail = {x.lower() for x in cleaned[tail_start:] if x}
    for candidate in [x for x in cleaned[:tail_start] if x][:15]:
        words = candidate.split()
        if candidate.lower() in _UI_NAMES:
            continue
        if 1 <= len(words) <= 4 and candidate.lower() in tail and all(w[:1].isupper() for w in words):
            return candidate
    return None
