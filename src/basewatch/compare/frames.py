"""What a sentence asserts, read from its dependency parse: how many of what, and which acts it denies.

A quantity frame is the number with the thing it counts or measures: "a 19-ton delivery truck" is
19 (unit ton) of "truck" modified by "delivery"; "84 people were killed" is 84 "people" governed by
"kill". Dates, clock times and years are never counts. Only sentences that hold a number or a
negation are parsed, each distinct sentence once, in batches.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from basewatch import parse, vocabulary
from basewatch.compare.words import term

# Units of measure, folded to one spelling; a number with one of these measures the noun it modifies.
_UNITS = {
    "ton": "ton", "tons": "ton", "tonne": "ton", "tonnes": "ton", "kg": "kg", "kilogram": "kg", "kilograms": "kg",
    "pound": "lb", "pounds": "lb", "lb": "lb", "m": "m", "metre": "m", "metres": "m", "meter": "m", "meters": "m",
    "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km", "mile": "mile",
    "miles": "mile", "ft": "ft", "foot": "ft", "feet": "ft", "mph": "mph", "kph": "kph", "km/h": "kph",
    "percent": "%", "per": "%", "%": "%", "minute": "minute", "minutes": "minute", "hour": "hour", "hours": "hour",
    "second": "second", "seconds": "second", "day": "day", "days": "day", "week": "week", "weeks": "week",
    "month": "month", "months": "month", "year": "year", "years": "year", "$": "$", "£": "£", "€": "€",
}  # fmt: skip
_CURRENCY = {"$", "£", "€"}
_NUMBER_WITH_UNIT_RE = re.compile(r"(\d+(?:\.\d+)?)(m|km|ft|kg|mph|kph|%)", re.I)
_DIGITS_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_THOUSANDS_RE = re.compile(r"\d{3}")
_ORDINAL_RE = re.compile(r"\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth")
# "First" and "second" more often mean initial and another ("for the first time") than a place in a series.
_ORDINALS = {w: n for n, w in enumerate("third fourth fifth sixth seventh eighth ninth tenth".split(), 3)}
_CLOCK_WORDS = frozenset(
    {"am", "pm", "a.m.", "p.m.", "a.m", "p.m", "gmt", "utc", "bst", "cet", "et", "local", "o'clock"}
)
# Words before a number that make it an estimate or a bound rather than an exact figure.
_APPROXIMATE = frozenset(
    """about around approximately roughly nearly almost some over under than least most up estimated
    estimate dozens hundreds thousands score roughly close""".split()
)
_BOUNDS = {
    "min": ("over", "above", "more than", "at least", "upwards of", "exceeding"),
    "max": ("under", "below", "less than", "fewer than", "up to", "at most", "nearly", "almost"),
}
# Verbs of sourcing: "did not respond", "not authorised to speak" deny nothing the story is about.
_SOURCING_VERBS = frozenset(
    """say tell comment respond name identify authoris authoriz allow speak know confirm
    return answer reach""".split()
)
# Forms of be and have, and of the commonest verbs of sourcing, say nothing about what happened.
_LIGHT_VERBS = frozenset(
    """be is are was were been being am 's 're has have had having do does did said says told tells
    report reported reports saying telling reporting""".split()
)
_NEGATION_HINT_RE = re.compile(r"\b(?:not|no|never|n't|nobody|none)\b|n't", re.I)
_NUMBER_HINT_RE = re.compile(
    r"\d|\b(?:half|" + vocabulary.alternation([*vocabulary.NUMBER_WORDS, *_ORDINALS]) + r")\b", re.I
)


# A count of nothing named that stands as a verb's subject or object counts what the verb did ("killed 50").
_ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass"})
_MODIFIER_DEPS = frozenset({"nummod", "quantmod", "compound", "npadvmod", "amod", "nmod"})
# Frames read tags and dependencies; the attribute ruler only maps tags to coarse parts of speech.
_UNREAD = ["attribute_ruler"]


@dataclass(frozen=True)
class Quantity:
    low: float
    high: float  # a range's upper end; `low` for a single figure
    text: str  # as written, with its unit
    unit: str  # "" for a plain count
    noun: str  # the thing counted or measured, "" when the parse names none
    modifiers: frozenset[str]  # "first" bid, "delivery" truck
    qualifiers: frozenset[str]  # "including debt"
    verb: str  # stem of the governing verb, "" for none
    approximate: bool
    # "more than 200" is a floor ("min"), "up to 200" a ceiling ("max"): any figure beyond it agrees.
    bound: str = ""
    # The figure describes its noun rather than counting it: "a city of 340,000".
    described: bool = False


@dataclass(frozen=True)
class Frame:
    quantities: tuple[Quantity, ...] = ()
    denied: frozenset[tuple[str, frozenset[str]]] = frozenset()  # (verb stem, argument nouns) it negates
    asserted: frozenset[tuple[str, frozenset[str]]] = frozenset()  # the same for verbs it states
    acts: frozenset[str] | None = None  # stems of the verbs that say what happened; None: not parsed
    # Counts of nothing named that a verb governs ("wounded over 400"): what they count is the act.
    bare: tuple[Quantity, ...] = ()
    # Places in a series (unit "position"): "the third pitch", "lap 20", "four pitches into the game".
    positions: tuple[Quantity, ...] = ()


NO_FRAME = Frame()


@functools.lru_cache(maxsize=65_536)  # asked for every aligned pair's sides: copies repeat sentences
def counts(text: str) -> bool:
    """Whether the text may hold a figure: such sentences are parsed before anything is compared."""
    return bool(_NUMBER_HINT_RE.search(text))


@functools.lru_cache(maxsize=65_536)
def denies(text: str) -> bool:
    """Whether the text may deny something: such sentences are parsed once they align with another."""
    return bool(_NEGATION_HINT_RE.search(text))


def of_texts(texts: Iterable[str]) -> dict[str, Frame]:
    """A frame per distinct text; none when the parser is not installed."""
    wanted = list(dict.fromkeys(texts))
    if not wanted:
        return {}
    try:
        nlp = parse.pipeline()
    except parse.ParserUnavailable:
        return {}
    docs = nlp.pipe(wanted, batch_size=64, disable=_UNREAD)
    return {text: frame(doc) for text, doc in zip(wanted, docs, strict=True)}


def to_json(found: Frame) -> str:
    return json.dumps(
        {
            "quantities": [{**asdict(q), "modifiers": sorted(q.modifiers), "qualifiers": sorted(q.qualifiers)}
                           for q in found.quantities],
            "denied": [[verb, sorted(nouns)] for verb, nouns in sorted(found.denied, key=str)],
            "asserted": [[verb, sorted(nouns)] for verb, nouns in sorted(found.asserted, key=str)],
            "acts": None if found.acts is None else sorted(found.acts),
            "bare": [asdict(q) | {"modifiers": [], "qualifiers": []} for q in found.bare],
            "positions": [asdict(q) | {"modifiers": [], "qualifiers": []} for q in found.positions],
        }
    )  # fmt: skip


def from_json(text: str) -> Frame:
    data = json.loads(text)
    return Frame(
        tuple(
            Quantity(**{**q, "modifiers": frozenset(q["modifiers"]), "qualifiers": frozenset(q["qualifiers"])})
            for q in data["quantities"]
        ),
        frozenset((verb, frozenset(nouns)) for verb, nouns in data["denied"]),
        frozenset((verb, frozenset(nouns)) for verb, nouns in data["asserted"]),
        None if data["acts"] is None else frozenset(data["acts"]),
        tuple(Quantity(**{**q, "modifiers": frozenset(), "qualifiers": frozenset()}) for q in data.get("bare", ())),
        tuple(
            Quantity(**{**q, "modifiers": frozenset(), "qualifiers": frozenset()}) for q in data.get("positions", ())
        ),
    )


# Frames are stored per sentence so a story's second `diff` needs no parser. A stored frame is only
# as good as the code that read it: its key carries a digest of the modules that read frames (and of
# the vocabulary they read numbers with) and of the parser's name and version, so a change to any
# of them reads every sentence anew.
_READERS = (Path(__file__), Path(__file__).with_name("words.py"), Path(vocabulary.__file__))
VERSION = hashlib.sha256(
    b"".join(p.read_bytes() for p in _READERS) + f"{parse.MODEL_PACKAGE} {parse.EXPECTED_META}".encode()
).hexdigest()[:16]


def frame(doc) -> Frame:
    denied, asserted = _acts(doc)
    found = list(_quantities(doc))
    named = tuple(q for q in found if q.noun or q.unit)
    bare = tuple(q for q in found if not (q.noun or q.unit))
    return Frame(named, denied, asserted, _content_verbs(doc), bare, tuple(_positions(doc)))


def stem(word: str) -> str:
    """A crude verb stem, enough to meet "killed", "kills" and "killing"."""
    word = word.lower()
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)]
    return word


# -- quantities --------------------------------------------------------------------------------


def _quantities(doc) -> Iterable[Quantity]:
    i = 0
    while i < len(doc):
        found = _number_at(doc, i)
        if found is None:
            i += 1
            continue
        end, value, unit = found
        high = value
        ranged = _range_end(doc, i, end)
        if ranged is not None:  # "eight to ten seconds": the unit and noun are read from the last number
            end, high, unit = ranged
        if not _is_date_total_or_name(doc, i, end, value):
            quantity = _quantity(doc, i, end, min(value, high), max(value, high), unit, ranged is not None)
            if quantity is not None:
                yield quantity
        i = end


def _range_end(doc, start: int, end: int) -> tuple[int, float, str] | None:
    """The second number of "20-25", "eight to ten" or "between eight and 10"."""
    if end + 1 >= len(doc) or doc[end].lower_ not in ("-", "to", "and"):
        return None
    if doc[end].lower_ == "and" and (not start or doc[start - 1].lower_ != "between"):
        return None
    return _number_at(doc, end + 1)


def _number_at(doc, i: int) -> tuple[int, float, str] | None:
    """(end, value, unit written into the token) of a number starting at token i."""
    token = doc[i]
    lower = token.lower_
    glued = _NUMBER_WITH_UNIT_RE.fullmatch(lower)
    if glued:
        return i + 1, float(glued.group(1)), _UNITS[glued.group(2)]
    if lower == "half" and i + 2 < len(doc) and doc[i + 1].lower_ in ("a", "an") and doc[i + 2].lower_ in _UNITS:
        return i + 3, 0.5, _UNITS[doc[i + 2].lower_]  # "half an hour"
    if _DIGITS_RE.fullmatch(lower):
        value = float(lower.replace(",", ""))
    elif lower in vocabulary.NUMBER_WORDS:
        value = float(vocabulary.NUMBER_WORDS[lower])
    else:
        return None
    end = i + 1
    while end < len(doc):
        nxt = doc[end].lower_
        if nxt == "," and end + 1 < len(doc) and _THOUSANDS_RE.fullmatch(doc[end + 1].text) and value < 1000:
            value = value * 1000 + float(doc[end + 1].text)  # "1, 600" is one thousand six hundred
            end += 2
        elif nxt == "-" and end + 1 < len(doc) and doc[end + 1].lower_ in vocabulary.NUMBER_WORDS and value >= 20:
            value += vocabulary.NUMBER_WORDS[doc[end + 1].lower_]  # "forty-two"
            end += 2
        elif nxt in vocabulary.MAGNITUDE_WORDS:
            value *= vocabulary.MAGNITUDE_WORDS[nxt]
            end += 1
        else:
            break
    return end, value, ""


def _is_date_total_or_name(doc, start: int, end: int, value: float) -> bool:
    before = doc[start - 1].lower_.rstrip(".") if start else ""
    if start and _noun(doc[start - 1]) and doc[start - 1].lower_ not in _UNITS:
        return True  # "Falcon 9", "Game 6", "lap 20": a number naming one of a series, not counting it
    after = doc[end].lower_.rstrip(".") if end < len(doc) else ""
    if before in vocabulary.MONTH_NAMES or after in vocabulary.MONTH_NAMES or after in _CLOCK_WORDS:
        return True
    if ":" in doc[start].text or any(t.lower_ in _CLOCK_WORDS for t in doc[start:end]):
        return True
    if value.is_integer() and 1800 <= value <= 2100 and end - start == 1 and "," not in doc[start].text:
        return True  # a year
    # "20 of 71 laps": 71 is the total, not the figure
    total = start >= 2 and before == "of"
    return total and (_number_at(doc, start - 2) is not None or bool(_ORDINAL_RE.fullmatch(doc[start - 2].lower_)))


def _quantity(doc, start: int, end: int, low: float, high: float, unit: str, ranged: bool) -> Quantity | None:
    anchor = doc[end - 1]
    if start and doc[start - 1].text in _CURRENCY:
        unit = doc[start - 1].text
    # A number counts the noun it modifies; any other relation ("and 31 to ...") names no noun.
    head = anchor.head if anchor.dep_ in _MODIFIER_DEPS else anchor
    described = anchor.head.dep_ == "prep" and anchor.head.lower_ == "of" and anchor.dep_ == "pobj"
    if described:
        head = anchor.head.head  # "a city of 340,000"
    written = doc[start - 1 if unit in _CURRENCY else start : end].text
    if not unit and head.lower_ in _UNITS and head.i >= end:
        unit = _UNITS[head.lower_]
        written += " " + head.text
        if head.dep_ == "pobj" and head.head.lower_ == "of":
            head = head.head.head  # "a crater of 100 metres"
        elif head.dep_ in ("compound", "npadvmod", "amod", "nmod", "nummod"):
            head = head.head
    skip = set(range(start, end))
    if head.lower_ == "old" and unit == "year":
        unit, written = "age", doc[start : head.i + 1].text
        skip.add(head.i)
        head = head.head if head.dep_ == "amod" else head
    measured = (
        (_noun(head) or head.tag_.startswith("JJ")) and head.i not in range(start, end) and head.lower_ not in _UNITS
    )
    noun = head if measured and head.lower_ not in ("old", "age") else None
    if noun is not None and any(t.tag_ in ("IN", "TO") for t in doc[end : noun.i]):
        return None  # "31 to Croydon university hospital": the parse guessed a noun the text left out
    counts_an_act = (
        not unit
        and anchor.dep_ in _ARGUMENT_DEPS
        and _verb_tag(anchor.head)
        and not any(c.lower_ == "of" for c in anchor.children)  # "four of whom": a part of a figure
    )
    if noun is None and unit in ("", *_CURRENCY, "%") and not counts_an_act:
        return None  # a bare sum or share of nothing named compares with nothing
    if noun is not None and noun.dep_ == "pobj" and noun.head.lower_ == "of" and not _noun(noun.head.head):
        return None  # "of the 276 girls, scores escaped": the whole a part is taken from
    return Quantity(
        low=low,
        high=high,
        text=written,
        unit=unit,
        noun=term(noun.lower_) if noun is not None else "",
        modifiers=_modifiers(noun, skip),
        qualifiers=_qualifiers(doc, noun),
        verb=_act(doc, anchor, end) if noun is None and counts_an_act else _verb(anchor if noun is None else noun),
        approximate=ranged or bool({t.lower_ for t in doc[max(start - 3, 0) : start]} & _APPROXIMATE),
        bound="" if ranged else _bound(doc, start - 1 if unit in _CURRENCY else start),
        described=described and not unit,
    )


def _bound(doc, start: int) -> str:
    before = " ".join(t.lower_ for t in doc[max(start - 2, 0) : start])
    for kind, words in _BOUNDS.items():
        if any(before == w or before.endswith(" " + w) for w in words):
            return kind
    return ""


def _act(doc, anchor, end: int) -> str:
    """What a count of nothing named counts: its verb ("injuring around 100"), or the participle
    that follows it ("leaving around 202 injured")."""
    after = doc[end] if end < len(doc) else None
    if after is not None and after.tag_ in ("VBN", "JJ") and after.head == anchor.head:
        return stem(after.lower_)
    return stem(anchor.head.lower_)


def _modifiers(noun, skip: set[int]) -> frozenset[str]:
    if noun is None:
        return frozenset()
    return frozenset(
        term(c.lower_)
        for c in noun.children
        if c.dep_ in ("amod", "compound") and c.i not in skip and c.lower_ not in _UNITS and c.is_alpha
    )


def _qualifiers(doc, noun) -> frozenset[str]:
    """ "including debt" qualifies a figure; "including 10 children" breaks it down and is a figure itself."""
    if noun is None:
        return frozenset()
    return frozenset(
        term(t.lower_)
        for c in noun.children
        if c.lower_ in ("including", "excluding", "without") and not any(_number_at(doc, t.i) for t in c.subtree)
        for t in c.subtree
        if _noun(t)
    )


# Parts of speech come from the fine tags: the attribute ruler that maps them costs half the parse.
def _noun(token) -> bool:
    return token.tag_.startswith("NN")


def _verb_tag(token) -> bool:
    return token.tag_.startswith("VB") or token.tag_ == "MD"


def _verb(token) -> str:
    for ancestor in token.ancestors:
        if _verb_tag(ancestor):
            return stem(ancestor.lower_)
    return ""


def _positions(doc) -> Iterable[Quantity]:
    for token in doc:
        found = _position(doc, token)
        if found is not None:
            value, noun = found
            written = f"{token.text} {noun.text}" if noun.i > token.i else f"{noun.text} {token.text}"
            yield Quantity(
                value, value, written, "position", term(noun.lower_), frozenset(), frozenset(), _verb(noun), False
            )


def _position(doc, token):
    """(place, series noun) when the token places something in a series of common nouns."""
    noun = token.head
    if token.dep_ not in ("amod", "nummod") or noun.tag_ not in ("NN", "NNS"):
        return None
    if noun.i > token.i and (
        token.lower_ in _ORDINALS or token.lower_[:1].isdigit() and _ORDINAL_RE.fullmatch(token.lower_)
    ):
        return float(_ORDINALS.get(token.lower_) or token.lower_[:-2]), noun  # "the third pitch", "the 28th lap"
    if not _DIGITS_RE.fullmatch(token.lower_) and token.lower_ not in vocabulary.NUMBER_WORDS:
        return None
    value = float(token.lower_.replace(",", "") if token.lower_[0].isdigit() else vocabulary.NUMBER_WORDS[token.lower_])
    if noun.i < token.i:
        return value, noun  # "lap 20"
    after = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    return (value, noun) if after is not None and after.lower_ == "into" else None  # "four pitches into"


# -- acts --------------------------------------------------------------------------------------


def _main_clause(verb) -> bool:
    """What the sentence asserts: its main verb, or what the source said, never a condition, a
    concession or a clause inside another ("he proclaimed they would never win")."""
    if any(c.dep_ == "mark" for c in verb.children):
        return False
    if verb.dep_ == "ROOT":
        return True
    head = verb.head
    if verb.dep_ == "conj":
        return _main_clause(head)
    return verb.dep_ == "ccomp" and head.dep_ == "ROOT" and stem(head.lower_) in ("say", "said", "tell", "told")


def _content_verbs(doc) -> frozenset[str]:
    """Every verb that tells what happened: not an auxiliary, a form of be or have, nor a verb of sourcing."""
    return frozenset(
        stem(t.lower_)
        for t in doc
        if _verb_tag(t) and t.dep_ not in ("aux", "auxpass") and t.lower_ not in _LIGHT_VERBS
    )


def _acts(doc) -> tuple[frozenset, frozenset]:
    """Verbs the sentence denies and verbs it states, each with the nouns of its arguments."""
    negated = {t.head.i for t in doc if t.dep_ == "neg"}
    negated |= {t.head.head.i for t in doc if t.lower_ in ("no", "none") and t.dep_ == "det"}
    denied, asserted = set(), set()
    for token in doc:
        if not _verb_tag(token) or token.dep_ in ("aux", "auxpass") or not _main_clause(token):
            continue
        verb = stem(token.lower_)
        arguments = frozenset(
            term(c.lower_) for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and _noun(c)
        )
        if token.i in negated:
            if verb not in _SOURCING_VERBS and arguments:
                denied.add((verb, arguments))
        else:
            asserted.add((verb, arguments))
    return frozenset(denied), frozenset(asserted)
