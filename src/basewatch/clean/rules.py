"""Hand rules: why a unit is boilerplate by its own shape, and whether it reads as prose.

The rules never look at a site name or a phrase from one page; they judge lines by shape (length,
sentence punctuation, the page's own function-word rate, bullets, URLs, handles, timestamps,
repetition).
"""

from __future__ import annotations

import re
from collections import Counter

from basewatch.clean.features import WORD_RE
from basewatch.clean.units import SENTENCE_END_RE, SENTENCE_INSIDE_RE, Unit

# A unit below this many words (or CJK-equivalent) cannot anchor the main text on its own.
GOOD_MIN_WEIGHT = 8
# Without any sentence punctuation a line must be this long to count as prose (tickers are not).
LONG_PARAGRAPH_WEIGHT = 24
BULLET_PROSE_MIN_WEIGHT = 20
# Relative function-word rate (against the page's own longest paragraphs) below which a long line
# reads like a list of names/headlines rather than prose.
PROSE_MIN_RELATIVE_STOPWORDS = 0.45

_URL_RE = re.compile(r"(?:https?://|www\.)\S+|\b\S+\.(?:com|org|net|co\.uk|html?|php)\b\S*", re.I)
_HANDLE_RE = re.compile(r"(?<!\w)[@#]\w+")
_IMAGE_RE = re.compile(r"^\[[^\]]*\.(?:jpe?g|png|gif|webp|svg)[^\]]*\]$|^\[(?:image|photo|img)[^\]]*\]$", re.I)
_FORM_RE = re.compile(r"_{4,}|\(BUTTON\)|^\[\s*\]|\[\s+\]\s*\[", re.I)
# The copyright mark; "(c)" only before a year, so that an "(a) (b) (c)" list in the text is not one.
COPYRIGHT_MARK_RE = re.compile(r"©|\(c\)(?=\s*\d{4})|\bcopyright\b", re.I)
_COPYRIGHT_LINE_RE = re.compile(COPYRIGHT_MARK_RE.pattern + r"|all rights reserved", re.I)
BYLINE_RE = re.compile(r"^(?:by|written by|words by|text:|author:?)\s+(?P<name>\S.*)$", re.I)
_CREDIT_RE = re.compile(
    r"\((?:[^()]*?(?:/|\bphoto|\bimage|\bpicture|\bcredit|courtesy)[^()]*|(?-i:[A-Z]{2,6}))\)\s*$"
    # a caption ends in its source's name in brackets, with no full stop before it: "… in 1908 (Getty)"
    r"|[^.!?\s]\s+\((?-i:[A-Z][\w&.-]*(?:\s[A-Z][\w&.-]*){0,2})\)\s*$"
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
# "<Name> is a staff reporter for <Outlet>" opens the author box that pages print under an article.
BIO_RE = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3})\s(?:is|was)\s(?:a|an|the)\s(?:[\w-]+\s){0,4}?"
    r"(?:reporter|journalist|correspondent|editor|writer|columnist|contributor|author|producer)\b"
    r"(?:\s+(?:for|at|with)\s+(?:the\s+)?(?P<outlet>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4}))?"
)
# Consent and legal notices read like prose; two of these words in one paragraph give them away.
_NOTICE_WORDS = frozenset(
    ["cookie", "cookies", "consent", "gdpr", "opt-out", "browser", "browsing", "website", "privacy"]
)


def classify(units: list[Unit]) -> None:
    repeats = Counter(u.text.lower() for u in units)
    sentences = {u.text.lower() for u in units if _sentence_shaped(u)}
    # Text said twice is page furniture (a promo, a teaser shown again), unless the page holds no
    # other prose: then the repeated paragraph is the article, and it is kept once.
    article_is_repeated = bool(sentences) and all(repeats[key] > 1 for key in sentences)
    seen: set[str] = set()
    for i, unit in enumerate(units):
        key = unit.text.lower()
        sentence = _sentence_shaped(unit)
        reason = _boilerplate_reason(unit, 1 if sentence and article_is_repeated else repeats[key])
        standalone = unit.spaced and (i + 1 == len(units) or units[i + 1].spaced)
        if not reason and key in seen and (sentence or unit.weight >= LONG_PARAGRAPH_WEIGHT):
            reason = "paragraph repeated on the page"
        seen.add(key)
        if reason:
            unit.kind, unit.reason = "bad", reason
        elif _is_prose(unit, standalone):
            unit.kind = "good"
        elif unit.weight >= 5 and (SENTENCE_END_RE.search(unit.text) or unit.stop_rate >= 0.8):
            unit.kind = "near"
        else:
            unit.kind = "short"


def _sentence_shaped(unit: Unit) -> bool:
    return unit.weight >= GOOD_MIN_WEIGHT and bool(SENTENCE_END_RE.search(unit.text))


def _is_timestamp(text: str) -> bool:
    """Only dates, times and their labels: nothing is left once those words are removed."""
    return any(c.isdigit() for c in text) and not WORD_RE.search(_TIME_WORDS_RE.sub(" ", text))


def _is_prose(unit: Unit, standalone: bool) -> bool:
    """Long enough, function words at the page's own rate, and sentence punctuation.

    A long line without any punctuation passes only when blank lines set it apart like a
    paragraph; ticker and link lines without punctuation come in tight runs.
    """
    if unit.weight < GOOD_MIN_WEIGHT or unit.stop_rate < PROSE_MIN_RELATIVE_STOPWORDS:
        return False
    if SENTENCE_END_RE.search(unit.text) or SENTENCE_INSIDE_RE.search(unit.text):
        return unit.marker != "bullet" or unit.weight >= BULLET_PROSE_MIN_WEIGHT
    return standalone and unit.weight >= LONG_PARAGRAPH_WEIGHT


# A site prints the same menus, tickers and footers on every page, so each process remembers the
# verdicts of the lines it has seen (bounded; cleared when full).
_SHAPE_VERDICTS: dict[tuple[str, str], str] = {}
_SHAPE_VERDICTS_LIMIT = 50_000


def _boilerplate_reason(unit: Unit, repeats: int) -> str:
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


def _shape_reason(unit: Unit) -> str:
    """Why a line is boilerplate by its own shape alone, or "". Each costly pattern runs only where
    it can match."""
    text, words, tokens = unit.text, unit.words, unit.tokens
    if not words:
        return "no words (separator or symbol line)"
    if text.startswith("[") and _IMAGE_RE.search(text):
        return "image placeholder"
    if ("__" in text or "(" in text or "[" in text) and _FORM_RE.search(text):
        return "form field or button"
    if words <= 40 and _COPYRIGHT_LINE_RE.search(text):
        return "copyright or footer line"
    if words <= 12 and BYLINE_RE.match(text):
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
    if BIO_RE.match(text):
        return "author bio"
    if words <= _CTA_MAX_WORDS and not _CTA_CHANNELS.isdisjoint(tokens) and _CTA_RE.search(text):
        return "promotion or call to action"
    if len(_NOTICE_WORDS.intersection(tokens)) >= 2:
        return "cookie or privacy notice"
    if words <= _UI_MAX_WORDS and sum(w in _UI_WORDS for w in unit.token_list) * 2 >= words:
        return "navigation or share widget"
    return ""


def _is_caption(unit: Unit) -> bool:
    text = unit.text
    credit = (text.endswith(")") or unit.words <= 12 or "image" in text.lower()) and _CREDIT_RE.search(text)
    return bool(credit) or (unit.words <= _CAPTION_MAX_WORDS and bool(_CAPTION_WORDS_RE.search(text)))


def _mostly_urls(unit: Unit) -> bool:
    text = unit.text
    if "." not in text or ("/" not in text and "www" not in text and unit.words > 12):
        return False
    return sum(len(m) for m in _URL_RE.findall(text)) > 0.5 * len(text)


# -- regions -----------------------------------------------------------------------------------
