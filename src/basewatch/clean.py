"""Boilerplate removal for text that was flattened out of a web page.

Pure: text in, a verdict for every input line out. The cleaner never looks at a site name or a
phrase from one page; it judges lines by shape (length, sentence punctuation, the page's own
function-word rate, bullets, headline-like runs, URLs, handles, timestamps, repetition) and keeps
the densest gap-limited stretch of prose plus the neighbouring stretches that read like it.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field

from basewatch.models import CleanResult, LineVerdict

# A unit below this many words (or CJK-equivalent) cannot anchor the main text on its own.
GOOD_MIN_WEIGHT = 8
# Without any sentence punctuation a line must be this long to count as prose (tickers are not).
LONG_PARAGRAPH_WEIGHT = 24
BULLET_PROSE_MIN_WEIGHT = 20
# Relative function-word rate (against the page's own longest paragraphs) below which a long line
# reads like a list of names/headlines rather than prose.
PROSE_MIN_RELATIVE_STOPWORDS = 0.45
# Non-prose units tolerated between two prose units of one block (embedded image, ad, subhead).
BLOCK_MAX_GAP_UNITS = 6
# A neighbouring block joins the main one when it is this close and mostly prose.
JOIN_MAX_GAP_UNITS = 15
JOIN_MIN_PURITY = 0.6
JOIN_MIN_SHARE = 0.08
JOIN_MIN_ADJACENCY = 0.5
# An article head (byline, date, heading) this close above a block multiplies its score.
HEAD_LOOKBACK_UNITS = 6
HEAD_BOOST = 2.0
# How much a block loses when none of its paragraphs follow one another directly.
TEASER_PENALTY = 0.6
# A paragraph this long, at most this many units from the block edge, extends it.
EXTEND_MAX_UNITS = 3
EXTEND_MIN_WEIGHT = 15
# Items of a list announced by a colon at the end of the main text.
LIST_MAX_UNITS = 60
# A line this long that stops mid-sentence, followed by a lower-case line, was wrapped by hand.
HAND_WRAP_MIN_CHARS = 40
# Lines wrapped by a dumper cluster just under one width; real prose lines do not.
WRAP_MIN_SHARE = 0.12
WRAP_MAX_WIDTH = 140

LIST_ITEM = "list item announced by the text"

_WORD_RE = re.compile(r"\w+", re.UNICODE)
_BULLET_RE = re.compile(r"^(?:[•●○◦▪▫■□☆★✓✔➤►▶·*+\-]|o(?=\s)|\d{1,3}[.)](?=\s))\s*")
_HEADING_RE = re.compile(r"^#{1,6}(?:\s+|$)")
# A date field glued to the first paragraph ("date 2024-12-13 Russia is ..."): metadata, not body.
_LEADING_DATE_FIELD_RE = re.compile(
    r"^(?:date|published|updated|posted)\s*:?\s*\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?\s+(?=\S)", re.I
)
_STRONG_RE = re.compile(r"\*\*|__")
_EMPHASIS_RE = re.compile(r"^[_*](?=\S)|(?<=\S)[_*]$")
_SENTENCE_END_RE = re.compile(r"[.!?。！？…:;][\"'”’»)\]]*\s*$")
_SENTENCE_INSIDE_RE = re.compile(r"\w{2,}[.!?。！？][\"'”’»)]*\s+\S|[。！？]")
_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\b\S+\.(?:com|org|net|co\.uk|html?|php)\b\S*", re.I)
_HANDLE_RE = re.compile(r"(?<!\w)[@#]\w+")
_IMAGE_RE = re.compile(r"^\[[^\]]*\.(?:jpe?g|png|gif|webp|svg)[^\]]*\]$|^\[(?:image|photo|img)[^\]]*\]$", re.I)
_FORM_RE = re.compile(r"_{4,}|\(BUTTON\)|^\[\s*\]|\[\s+\]\s*\[", re.I)
_COPYRIGHT_RE = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b|all rights reserved", re.I)
_BYLINE_RE = re.compile(r"^(?:by|written by|words by|text:|author:?)\s+\S", re.I)
_CREDIT_RE = re.compile(
    r"\((?:[^()]*?(?:/|\bphoto|\bimage|getty|\bcredit|courtesy|shutterstock)[^()]*|(?-i:[A-Z]{2,6}))\)\s*$"
    r"|^(?:photo|image|picture|credit|photograph|source)\s*(?:credit)?\s*:"
    r"|^(?:image|photo|picture|video)\s+(?:caption|copyright|credit)\b"
    r"|\bimage\s+\d+\s+of\s+\d+\b|^\d+\s*/\s*\d+$",
    re.I,
)
# Words that make up a timestamp line ("Updated: Tue., Nov. 19, 2019, 6:18 p.m. EST", "5 min read").
_TIME_WORDS_RE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
    r"|\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\b"
    r"|\b(?:updated|published|posted|modified|last|on|at|am|pm|a\.m|p\.m|[A-Z]{2,4}T|GMT|UTC|edt|est|pst"
    r"|min|mins|minutes?|hours?|days?|weeks?|read|ago|time|date|reading)\b|\d+(?:st|nd|rd|th)?",
    re.I,
)
# Interface words that, on a short line, mark navigation, sharing or promotion on any site.
_UI_WORDS = frozenset(
    [
        "share",
        "shares",
        "shared",
        "tweet",
        "facebook",
        "twitter",
        "linkedin",
        "whatsapp",
        "pinterest",
        "reddit",
        "telegram",
        "email",
        "e-mail",
        "print",
        "comment",
        "comments",
        "subscribe",
        "subscription",
        "newsletter",
        "newsletters",
        "sign",
        "login",
        "log",
        "register",
        "menu",
        "search",
        "skip",
        "navigation",
        "read",
        "more",
        "show",
        "load",
        "next",
        "previous",
        "prev",
        "back",
        "top",
        "close",
        "listen",
        "watch",
        "video",
        "videos",
        "advertisement",
        "advertising",
        "ad",
        "ads",
        "sponsored",
        "cookie",
        "cookies",
        "privacy",
        "terms",
        "policy",
        "contact",
        "about",
        "related",
        "trending",
        "popular",
        "recommended",
        "follow",
        "copy",
        "link",
        "home",
        "gallery",
        "enlarge",
        "click",
        "tap",
        "here",
        "download",
        "app",
        "apps",
        "rss",
        "feed",
        "tags",
        "tag",
        "topics",
        "filed",
    ]
)
_UI_MAX_WORDS = 6
_RELATED_RE = re.compile(
    r"^\(?(?:related|read more|read also|also read|see also|more on|recommended|trending|most read"
    r"|you (?:may|might) also like|more from|watch)\b\s*[:.…-]",
    re.I,
)
# Photo descriptions: who is on the left, what the file photo shows.
_CAPTION_WORDS_RE = re.compile(
    r"\b(?:file photo|pictured|in this (?:file )?(?:photo|image|picture)|photo illustration|photo by)\b"
    r"|(?:,|\()\s*(?:left|right|center|centre|second left|second right)\s*(?:,|\))",
    re.I,
)
_CAPTION_MAX_WORDS = 60
# Calls to action close many articles: an imperative, then a channel to follow or sign up for.
_CTA_RE = re.compile(
    r"(?:^|[.!?]\s+)(?:follow|subscribe|sign up|join|listen|watch|download|get|click|like|email|read|see"
    r"|check out|need)\b"
    r"|\bclick(?:ing)? here\b|[\w.+-]+@[\w-]+\.\w+",
    re.I,
)
_CTA_CHANNELS = frozenset(
    """twitter facebook instagram youtube tiktok newsletter newsletters subscribe podcast app email
    e-mail forums forum here magazine live""".split()
)
_CTA_MAX_WORDS = 40
# "<Name> is a staff reporter for ..." opens the author box that pages print under an article.
_BIO_RE = re.compile(
    r"^(?:[A-Z][\w'’.-]+\s){1,4}(?:is|was)\s(?:a|an|the)\s(?:[\w-]+\s){0,4}?"
    r"(?:reporter|journalist|correspondent|editor|writer|columnist|contributor|author|producer)\b"
)
# Consent and legal notices read like prose; two of these words in one paragraph give them away.
_NOTICE_WORDS = frozenset(
    ["cookie", "cookies", "consent", "gdpr", "opt-out", "browser", "browsing", "website", "privacy"]
)


@dataclass
class _Unit:
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


def clean(text: str) -> CleanResult:
    """Split `text` into kept body paragraphs and a verdict for every input line."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    units = _units(lines)
    _measure(units)
    _classify(units)
    keep = _select(units)
    _smooth(units, keep)
    return _result(lines, units, keep)


# -- units -------------------------------------------------------------------------------------


def _units(lines: list[str]) -> list[_Unit]:
    width = _wrap_width(lines)
    units: list[_Unit] = []
    open_unit: _Unit | None = None
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
        open_unit = _Unit(first=i, last=i, text=body, marker=marker, spaced=blank_before)
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
    return len(previous) >= HAND_WRAP_MIN_CHARS and next_text[:1].islower() and not _SENTENCE_END_RE.search(previous)


# -- features ----------------------------------------------------------------------------------


def _measure(units: list[_Unit]) -> None:
    tokens = [_WORD_RE.findall(u.text.lower()) for u in units]
    for unit, toks in zip(units, tokens, strict=True):
        unit.words = len(toks)
        unit.token_list = toks
        unit.tokens = frozenset(toks)
        cjk = 0 if unit.text.isascii() else len(_CJK_RE.findall(unit.text))
        # Scripts without spaces pack a sentence into a few \w+ runs; count characters instead.
        unit.weight = max(unit.words, cjk / 2.5)
    stopwords = _page_stopwords(units, tokens)
    for unit, toks in zip(units, tokens, strict=True):
        unit.stop_rate = sum(t in stopwords for t in toks) / len(toks) if toks else 0.0
    longest = sorted(units, key=lambda u: u.weight, reverse=True)[:8]
    reference = statistics.median([u.stop_rate for u in longest]) if longest else 0.0
    for unit in units:
        unit.stop_rate = unit.stop_rate / reference if reference > 0.05 else 1.0


def _page_stopwords(units: list[_Unit], tokens: list[list[str]]) -> frozenset[str]:
    """The page's own function words: short tokens frequent across its longest paragraphs.

    Derived per page so that the rate works for any language written with spaces.
    """
    order = sorted(range(len(units)), key=lambda i: units[i].words, reverse=True)[:12]
    long_units = [tokens[i] for i in order if units[i].words >= 12]
    if len(long_units) < 2:
        return frozenset()
    counts: Counter[str] = Counter()
    for toks in long_units:
        counts.update(t for t in toks if len(t) <= 4 and not t.isdigit())
    return frozenset(t for t, _ in counts.most_common(40))


def _classify(units: list[_Unit]) -> None:
    repeats = Counter(u.text.lower() for u in units)
    seen: set[str] = set()
    for i, unit in enumerate(units):
        key = unit.text.lower()
        reason = _boilerplate_reason(unit, repeats[key])
        standalone = unit.spaced and (i + 1 == len(units) or units[i + 1].spaced)
        if not reason and key in seen and unit.weight >= LONG_PARAGRAPH_WEIGHT:
            reason = "paragraph repeated on the page"
        seen.add(key)
        if reason:
            unit.kind, unit.reason = "bad", reason
        elif _is_prose(unit, standalone):
            unit.kind = "good"
        elif unit.weight >= 5 and (_SENTENCE_END_RE.search(unit.text) or unit.stop_rate >= 0.8):
            unit.kind = "near"
        else:
            unit.kind = "short"


def _is_timestamp(text: str) -> bool:
    """Only dates, times and their labels: nothing is left once those words are removed."""
    return any(c.isdigit() for c in text) and not _WORD_RE.search(_TIME_WORDS_RE.sub(" ", text))


def _is_prose(unit: _Unit, standalone: bool) -> bool:
    """Long enough, function words at the page's own rate, and sentence punctuation.

    A long line without any punctuation passes only when blank lines set it apart like a
    paragraph; ticker and link lines without punctuation come in tight runs.
    """
    if unit.weight < GOOD_MIN_WEIGHT or unit.stop_rate < PROSE_MIN_RELATIVE_STOPWORDS:
        return False
    if _SENTENCE_END_RE.search(unit.text) or _SENTENCE_INSIDE_RE.search(unit.text):
        return unit.marker != "bullet" or unit.weight >= BULLET_PROSE_MIN_WEIGHT
    return standalone and unit.weight >= LONG_PARAGRAPH_WEIGHT


# A site prints the same menus, tickers and footers on every page, so each process remembers the
# verdicts of the lines it has seen (bounded; cleared when full).
_SHAPE_VERDICTS: dict[tuple[str, str], str] = {}
_SHAPE_VERDICTS_LIMIT = 50_000


def _boilerplate_reason(unit: _Unit, repeats: int) -> str:
    """Why a unit is boilerplate, or ""."""
    key = (unit.text, unit.marker)
    reason = _SHAPE_VERDICTS.get(key)
    if reason is None:
        if len(_SHAPE_VERDICTS) >= _SHAPE_VERDICTS_LIMIT:
            _SHAPE_VERDICTS.clear()
        reason = _SHAPE_VERDICTS[key] = _shape_reason(unit)
    if reason:
        return reason
    if repeats > 1 and unit.weight < LONG_PARAGRAPH_WEIGHT:
        return "line repeated on the page"
    if unit.marker == "bullet" and unit.words <= 4:
        return "menu item"
    return ""


def _shape_reason(unit: _Unit) -> str:
    """Why a line is boilerplate by its own shape alone, or "". Each costly pattern runs only where
    it can match."""
    text, words, tokens = unit.text, unit.words, unit.tokens
    if not words:
        return "no words (separator or symbol line)"
    if text.startswith("[") and _IMAGE_RE.search(text):
        return "image placeholder"
    if ("__" in text or "(" in text or "[" in text) and _FORM_RE.search(text):
        return "form field or button"
    if words <= 40 and _COPYRIGHT_RE.search(text):
        return "copyright or footer line"
    if words <= 12 and _BYLINE_RE.match(text):
        return "byline"
    if _is_caption(unit):
        return "photo caption or credit"
    if _RELATED_RE.match(text):
        return "related-story link"
    if words <= 16 and _is_timestamp(text):
        return "date or timestamp"
    if _mostly_urls(unit):
        return "URL"
    if ("@" in text or "#" in text) and len(_HANDLE_RE.findall(text)) >= max(1, 0.5 * words):
        return "social handles or hashtags"
    if _BIO_RE.match(text):
        return "author bio"
    if words <= _CTA_MAX_WORDS and not _CTA_CHANNELS.isdisjoint(tokens) and _CTA_RE.search(text):
        return "promotion or call to action"
    if len(_NOTICE_WORDS.intersection(tokens)) >= 2:
        return "cookie or privacy notice"
    if words <= _UI_MAX_WORDS and sum(w in _UI_WORDS for w in unit.token_list) * 2 >= words:
        return "navigation or share widget"
    return ""


def _is_caption(unit: _Unit) -> bool:
    text = unit.text
    credit = (text.endswith(")") or unit.words <= 12 or "image" in text.lower()) and _CREDIT_RE.search(text)
    return bool(credit) or (unit.words <= _CAPTION_MAX_WORDS and bool(_CAPTION_WORDS_RE.search(text)))


def _mostly_urls(unit: _Unit) -> bool:
    text = unit.text
    if "." not in text or ("/" not in text and "www" not in text and unit.words > 12):
        return False
    return sum(len(m) for m in _URL_RE.findall(text)) > 0.5 * len(text)


# -- regions -----------------------------------------------------------------------------------


@dataclass
class _Block:
    start: int  # unit index of first prose unit
    end: int  # unit index of last prose unit
    prose: float  # weight of prose units inside
    total: float  # weight of all units inside

    @property
    def purity(self) -> float:
        return self.prose / self.total if self.total else 0.0


def _blocks(units: list[_Unit]) -> list[_Block]:
    """Gap-limited runs of prose: a new block starts after too many non-prose units.

    A brief with no paragraph long enough to count as prose is built from the shorter sentences.
    """
    anchors = ("good",) if any(u.kind == "good" for u in units) else ("good", "near")
    blocks: list[_Block] = []
    gap = 0
    for i, unit in enumerate(units):
        if unit.kind not in anchors:
            gap += unit.kind in ("bad", "short")
            continue
        if blocks and gap <= BLOCK_MAX_GAP_UNITS:
            blocks[-1].end = i
        else:
            blocks.append(_Block(i, i, 0.0, 0.0))
        gap = 0
    for block in blocks:
        span = units[block.start : block.end + 1]
        block.prose = sum(u.weight for u in span if u.kind in ("good", "near"))
        block.total = sum(u.weight for u in span)
    return blocks


def _select(units: list[_Unit]) -> set[int]:
    """Unit indexes inside the main text: the heaviest block and the prose-like blocks near it."""
    blocks = _blocks(units)
    if not blocks:
        return set()
    best = max(range(len(blocks)), key=lambda b: _block_score(units, blocks[b]))
    chosen = [best]
    for direction in (-1, 1):
        current = best
        nxt = best + direction
        while 0 <= nxt < len(blocks) and _joins(units, blocks, current, nxt, blocks[best]):
            chosen.append(nxt)
            current, nxt = nxt, nxt + direction
    start = _extend(units, min(blocks[b].start for b in chosen), -1)
    end = _announced_list(units, _extend(units, max(blocks[b].end for b in chosen), 1))
    return set(range(start, end + 1))


def _announced_list(units: list[_Unit], end: int) -> int:
    """Take in a list that the text announces with a colon ("Tour dates:") right after the block."""
    window = [i for i in range(end, min(end + 3, len(units))) if units[i].kind != "bad"]
    intro = next((i for i in window if units[i].text.endswith(":")), None)
    if intro is None:
        return end
    last = intro
    while last + 1 < len(units) and units[last + 1].kind != "bad" and last - intro < LIST_MAX_UNITS:
        last += 1
        units[last].reason = LIST_ITEM
    return last


def _extend(units: list[_Unit], edge: int, direction: int) -> int:
    """Move a block edge over neighbouring paragraphs that are prose but missed the bar.

    A paragraph without a full stop, or a lead just under the length bar, sits right next to the
    block; anything judged boilerplate in between stops the extension.
    """
    while True:
        reach = [edge + direction * k for k in range(1, EXTEND_MAX_UNITS + 1)]
        step = next(
            (i for i in reach if 0 <= i < len(units) and units[i].kind in ("near", "good")),
            None,
        )
        if step is None or units[step].weight < EXTEND_MIN_WEIGHT:
            return edge
        if any(units[i].kind == "bad" for i in range(min(edge, step) + 1, max(edge, step))):
            return edge
        edge = step


def _block_score(units: list[_Unit], block: _Block) -> float:
    """Prose weight, discounted for mixed blocks and raised when an article head precedes it.

    Related-story cards and footers can outweigh a short article; a headline, byline or date
    just above a block is the page's own statement that the article starts there.
    """
    score = block.prose * block.purity * (1 - TEASER_PENALTY * (1 - _adjacency(units, block)))
    head = units[max(0, block.start - HEAD_LOOKBACK_UNITS) : block.start]
    if any(u.reason in ("byline", "date or timestamp") or u.marker == "heading" for u in head):
        score *= HEAD_BOOST
    return score


def _adjacency(units: list[_Unit], block: _Block) -> float:
    """Share of prose units followed directly by prose: high in articles, low in teaser lists,
    where every blurb sits between its own headline, author and date lines."""
    steps = direct = 0
    previous_prose = False
    for unit in units[block.start : block.end + 1]:
        prose = unit.kind in ("good", "near")
        if previous_prose:
            steps += 1
            direct += prose
        previous_prose = prose
    return direct / steps if steps else 1.0


def _joins(units: list[_Unit], blocks: list[_Block], current: int, candidate: int, best: _Block) -> bool:
    a, b = sorted((blocks[current], blocks[candidate]), key=lambda x: x.start)
    gap_units = sum(1 for u in units[a.end + 1 : b.start] if u.kind in ("bad", "short"))
    other = blocks[candidate]
    return (
        gap_units <= JOIN_MAX_GAP_UNITS
        and other.purity >= JOIN_MIN_PURITY
        and other.prose >= JOIN_MIN_SHARE * best.prose
        and _adjacency(units, other) >= JOIN_MIN_ADJACENCY
    )


def _smooth(units: list[_Unit], keep: set[int]) -> None:
    """Inside the main text, drop runs of headline-like lines (related links, tickers)."""
    run: list[int] = []
    for i in sorted(keep) + [len(units)]:
        unit = units[i] if i < len(units) else None
        headline_like = (
            unit is not None
            and unit.kind in ("short", "near")
            and unit.reason != LIST_ITEM
            and not _SENTENCE_END_RE.search(unit.text)
        )
        if headline_like:
            run.append(i)
            continue
        if len(run) >= 2:
            for j in run:
                units[j].kind, units[j].reason = "bad", "run of headline-like lines (links or ticker)"
        run = []


def _result(lines: list[str], units: list[_Unit], keep: set[int]) -> CleanResult:
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
