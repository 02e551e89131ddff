"""Conflicts: typed disagreements on one slot of one fact, precision first.

- quantity: the same counted or measured thing (noun, unit, modifiers, and for plain counts the same
  governing verb) with different values; estimates, bounds and rounding make it soft;
- outcome: one side says talks are close to a deal, the other that they stalled;
- date: two statements of one act (a verb in common) each give it one day, and the days differ;
- negation: one side denies the very act, with the same participants, that the other states.
One disagreement is one entry, whichever copies carry its two sides.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from itertools import combinations

from basewatch import aliases, vocabulary
from basewatch.compare import clock, periods, quotes
from basewatch.compare.frames import Quantity
from basewatch.compare.normalise import View
from basewatch.compare.shared import side
from basewatch.compare.words import plain, term
from basewatch.metadata import iso_day

# Two claims are about the same matter when they share this many terms and no name tells them apart.
MIN_TOPIC_SHARED_TERMS = 2
# Up to this many claims taking a stance are compared all against all; beyond, only those sharing a name.
MAX_STANCE_ALL_PAIRS = 400
# Figures this close are one figure rounded differently (soft), or an estimate of the other (none).
ROUNDING = 0.05
ESTIMATE = 0.1
SAME_FIGURE = 0.01
# A sentence dated this far from its article's publication tells of another time.
HISTORIC_DAYS = 30
# A year written this far from the article's own tells of another time (a year apart may be last December).
HISTORIC_YEARS = 2
_YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# Units that measure the noun whatever the verb ("a 19-ton truck" is used, driven or ploughed).
_MEASURES = frozenset({"ton", "kg", "lb", "m", "km", "mile", "ft", "mph", "kph", "age"})
# "There were 100 people", "has 70 officers": these verbs say nothing about what was counted.
_WEAK_VERBS = frozenset({"", "be", "is", "are", "was", "wer", "been", "being", "has", "hav", "had", "do", "did"})
# A sentence about another time: "four months ago", "last year".
_ANOTHER_TIME_RE = re.compile(r"\b(?:(?:weeks|months|years|decades) ago|last (?:month|year)|a year ago)\b", re.I)
# Units compared in another: a figure converted is a figure rounded ("40m (130ft)").
_CONVERSIONS = {
    "hour": ("minute", 60), "second": ("minute", 1 / 60), "mile": ("km", 1.609), "ft": ("m", 0.3048),
    "lb": ("kg", 0.4536), "mph": ("kph", 1.609),
}  # fmt: skip
# Verbs of writing that report ("'No fight,' she wrote"): a "no" inside what was written denies no writing.
_WRITING = frozenset({"wrot", "writ", "tweet", "post"})
_PLANNED_RE = re.compile(r"\b(?:plans?|planned|planning|scheduled|due to|expected to|will|would)\b", re.I)
# Modifiers that tell two figures of one thing apart in time or order.
_SEQUENCE = frozenset(
    """first initial original earlier previous prior raised revised new latest final second third last later
    current updated""".split()
)

# A toll: people harmed, counted by the verb or adjective that says how ("killed 50", "50 dead"), of
# anyone ("people", "others") or nobody named. A toll changes during the day: two figures are soft.
_HARMS = {
    "dead": ("kill", "die", "dead", "death", "fatal", "slain"),
    "injured": ("injur", "wound", "hurt"),
    "in critical condition": ("critical",),
}
# A figure whose verb says nothing of what happened ("five people are dead", "18 are thought to be
# in a critical condition") counts the one harm its sentence names.
_HEARSAY = frozenset({"thought", "believ", "fear", "report", "said", "understood", "estimat"})
# "Four seriously injured", "eight with life-threatening injuries": a part of the injured, by severity.
_SEVERITY_RE = re.compile(r"\b(?:serious|critical|life-threatening|minor|slight)", re.I)
_HARM_WORD_RE = re.compile(r"\b(?:" + "|".join(stem for stems in _HARMS.values() for stem in stems) + r")\w*", re.I)
# Tolls further apart than this count different things (the seriously hurt of them, another attack).
TOLL_RATIO = 3
# Two ages of one person as outlets misreport it are a year or so apart; further apart, two people.
AGE_GAP = 3
_ANYONE = frozenset({"", "people", "person", "other", "victim", "casualty", "fatality", "dead", "injured", "wounded"})

_PROGRESS_RE = re.compile(r"\b(?:" + "|".join(vocabulary.STANCE_PROGRESS) + r")\b", re.I)
_SETBACK_RE = re.compile(r"\b(?:" + "|".join(vocabulary.STANCE_SETBACK) + r")\b", re.I)


@functools.lru_cache(maxsize=8192)
def stance(text: str) -> int:
    lowered = text.lower()
    if not any(hint in lowered for hint in vocabulary.STANCE_HINTS):
        return 0
    progress, setback = bool(_PROGRESS_RE.search(text)), bool(_SETBACK_RE.search(text))
    return (progress and not setback) - (setback and not progress)


def disagree(a: View, b: View) -> bool:
    """Whether two related claims state different values of one thing (they then never share a
    group): any verb will do, since two figures of one noun in two sentences that align are
    two figures of one fact."""
    return (
        stance(a.claim.text) * stance(b.claim.text) < 0
        or _quantity(a, b, aligned=True) is not None
        or _tolls_apart(a, b) is not None
        or _ages_apart(a, b) is not None
        or _places_apart(a, b) is not None
        or clock.apart(a.claim.text, b.claim.text) is not None
        or _day_apart(a, b) is not None
        or _spans_apart(a, b) is not None
        or quotes.misquoted(a.claim.text, b.claim.text)
    )


def once_per_sentence_pair(judge):
    """`judge(a, b, *more)` asked once per pair of distinct sentences (with what the verdict reads
    besides the text: the articles' days and the frames): a wire story on 200 sites repeats every
    pair of its sentences 40,000 times."""
    verdicts: dict[tuple, object] = {}

    def judged(a: View, b: View, *more):
        key = (a.content, _day(a), id(a.frame), b.content, _day(b), id(b.frame), *more)
        if key not in verdicts:
            verdicts[key] = judge(a, b, *more)
        return verdicts[key]

    return judged


def _day(view: View) -> str | None:
    """What the verdicts read of an article's date: its day (copies differ by the minute)."""
    return view.published[:10] if view.published else None


def find(views: list[View], aligned: list[tuple[str, str, dict]], pairs: list[tuple[View, View]]) -> list[dict]:
    """Every disagreement once, hard ones first, each with the outlets carrying either side."""
    # Negation needs aligned claims: the same statement, one side denying its act.
    close = {frozenset((a, b)) for a, b, _ in aligned}
    found: dict[tuple, tuple[int, dict, View, View]] = {}
    carriers: dict[tuple, list[set[str]]] = defaultdict(lambda: [set(), set()])
    disagreement = once_per_sentence_pair(_disagreement)
    for a, b in _candidates(views, pairs):
        if a.content == b.content:
            continue
        verdict = disagreement(a, b, frozenset((a.claim.id, b.claim.id)) in close)
        if verdict is None:
            continue
        verdict = {**verdict, "values": list(verdict["values"])}  # the remembered verdict stays as judged
        slot, *order = verdict.pop("figures", None) or (verdict["slot"], *verdict["values"])
        if order[0] > order[1]:  # one key whichever side came first
            a, b = b, a
            verdict["values"].reverse()
            order.reverse()
        key = (verdict["type"], slot, *order)
        carriers[key][0].add(a.outlet)
        carriers[key][1].add(b.outlet)
        closeness = len(a.terms & b.terms) + 3 * len(a.names & b.names)
        if key not in found or found[key][0] < closeness:
            found[key] = (closeness, verdict, a, b)
    result = []
    for key, (closeness, verdict, a, b) in found.items():
        topic = sorted(a.names & b.names) or sorted(a.terms & b.terms)[:4]
        sides = [
            {**side(v), "published": v.published, "dates": [d for d in v.claim.dates if d.get("date")],
             "value": value, "carried_by": sorted(outlets, key=str.lower)}
            for v, value, outlets in zip((a, b), verdict["values"], carriers[key], strict=True)
        ]  # fmt: skip
        result.append(
            (verdict["strength"] != "hard", -closeness, {"topic": ", ".join(topic[:4]), **verdict, "sides": sides})
        )
    return [conflict for *_, conflict in sorted(result, key=lambda r: r[:2])]


def _candidates(views: list[View], pairs: list[tuple[View, View]]) -> Iterable[tuple[View, View]]:
    """Pairs worth checking: those sharing rare terms, every cross-outlet pair of claims that take a
    stance (few per story, they often share only the story's common names), and claims counting the
    same thing."""
    seen: set[frozenset[str]] = set()
    for a, b in [*pairs, *_stance_pairs(views), *_quantity_pairs(views), *_clock_pairs(views)]:
        key = frozenset((a.claim.id, b.claim.id))
        if a.outlet != b.outlet and key not in seen:
            seen.add(key)
            yield a, b


def _stance_pairs(views: list[View]) -> Iterable[tuple[View, View]]:
    stances = [v for v in views if stance(v.claim.text)]
    if len(stances) <= MAX_STANCE_ALL_PAIRS:
        yield from combinations(stances, 2)
        return
    yield from _pairs_by(stances, lambda v: v.names)


def _clock_pairs(views: list[View]) -> Iterable[tuple[View, View]]:
    """Claims timing something to the minute: few per story, and they share little else."""
    return _pairs_by([v for v in views if len(clock.times(v.claim.text)) == 1], lambda v: {"clock"})


def _quantity_pairs(views: list[View]) -> Iterable[tuple[View, View]]:
    """Claims counting one noun in one unit; a measure whose noun is left unsaid ("the six-year-old")
    meets every measure in its unit."""
    return _pairs_by([v for v in views if v.frame.quantities or v.frame.bare or v.frame.positions], _quantity_keys)


def _quantity_keys(view: View) -> set[str]:
    """One unit and what it measures: its noun, or the act a measure of nothing named measures
    ("delayed for half an hour" meets "a 17-minute delay")."""
    quantities = [_converted(q) for q in view.frame.quantities]
    keys = {f"{q.unit}|{q.noun or q.verb}" for q in quantities}
    places = {f"position|{q.noun}" for q in view.frame.positions}
    return keys | {q.unit for q in quantities if q.unit in _MEASURES} | set(_tolls(view)) | places


def _in_one_unit(qa: Quantity, qb: Quantity) -> tuple[Quantity, Quantity]:
    return (qa, qb) if qa.unit == qb.unit else (_converted(qa), _converted(qb))


def _converted(q: Quantity) -> Quantity:
    if q.unit not in _CONVERSIONS:
        return q
    unit, factor = _CONVERSIONS[q.unit]
    return replace(q, unit=unit, low=q.low * factor, high=q.high * factor, approximate=True)


def _pairs_by(views: list[View], keys) -> Iterable[tuple[View, View]]:
    index: dict[str, list[View]] = defaultdict(list)
    for view in views:
        for k in keys(view):
            index[k].append(view)
    for group in index.values():
        yield from combinations(group[:MAX_STANCE_ALL_PAIRS], 2)


def _disagreement(a: View, b: View, aligned: bool) -> dict | None:
    names_agree = bool(a.names & b.names) or not (a.names and b.names)
    tolls = _tolls_apart(a, b)
    if tolls and names_agree:
        (qa, qb), harm = tolls
        return _verdict("quantity", "soft", harm, [qa.text, qb.text],
                        f"different tolls ({harm}): {qa.text} versus {qb.text}", (harm, qa.low, qb.low))  # fmt: skip
    places = _places_apart(a, b) if names_agree else None
    if places:
        qa, qb = places
        slot, values = f"{qa.noun} ({qa.verb})", [qa.text, qb.text]
        return _verdict("quantity", "hard", slot, values, "one act at two places: " + " versus ".join(values),
                        (slot, qa.low, qb.low))  # fmt: skip
    ages = _ages_apart(a, b)
    if ages:
        qa, qb = ages
        slot, values = _slot(qa if qa.noun else qb) if qa.noun or qb.noun else "age", [qa.text, qb.text]
        return _verdict("quantity", "hard", slot, values, "different ages: " + " versus ".join(values),
                        ("age", qa.low, qb.low))  # fmt: skip
    quantities = _quantity(a, b)
    if quantities and _own_kind(*quantities):
        quantities = None  # tolls and ages were judged as such, with their own margins
    if quantities and _same_matter(a, b, *quantities, names_agree, aligned):
        qa, qb = quantities
        gap = max(qa.low, qb.low) - min(qa.high, qb.high)
        soft = qa.approximate or qb.approximate or gap <= ROUNDING * max(qa.high, qb.high)
        slot = _slot(qa)
        return _verdict("quantity", "soft" if soft else "hard", slot, [qa.text, qb.text],
                        f"different numbers for the same quantity ({slot}): {qa.text} versus {qb.text}",
                        (slot, qa.low, qb.low) if qa.unit == qb.unit else None)  # fmt: skip
    planned = _historic(a) or _historic(b) or _planned(a) or _planned(b)
    moments = None if planned else clock.apart(a.claim.text, b.claim.text)
    if moments:
        return _verdict("date", "soft", "time of day", list(moments),
                        "one moment timed minutes apart: " + " versus ".join(moments))  # fmt: skip
    # Talks are one matter when both sides name a party to them.
    if stance(a.claim.text) * stance(b.claim.text) < 0 and a.names & b.names:
        values = [_stance_phrase(v.claim.text) for v in (a, b)]
        same_day = a.published and b.published and a.published[:10] == b.published[:10]
        return _verdict("outcome", "hard" if same_day else "soft", _outcome_slot(a, b), values,
                        "opposite stance: " + " versus ".join(f'"{v}"' for v in values))  # fmt: skip
    if not (aligned and len(a.terms & b.terms) >= MIN_TOPIC_SHARED_TERMS and names_agree):
        return None
    quoted = quotes.wordings(a.claim.text, b.claim.text)
    if quoted:
        return _verdict("who-what", "soft", "quotation", [f'"{w}"' for w in quoted],
                        "one quotation in two wordings")  # fmt: skip
    days = _day_apart(a, b)
    if days is not None:
        (text_a, day_a), (text_b, day_b), act = days
        same_day = a.published and b.published and a.published[:10] == b.published[:10]
        values = [f"{text_a} ({day_a})", f"{text_b} ({day_b})"]
        return _verdict("date", "hard" if same_day else "soft", f"day ({act})", values,
                        "the same act on two different days: " + " versus ".join(values))  # fmt: skip
    spans = None if _planned(a) or _planned(b) else _spans_apart(a, b)
    if spans:
        *values, act = spans
        return _verdict("date", "soft", f"time ({act})", values,
                        "the same act in two times that do not meet: " + " versus ".join(values))  # fmt: skip
    return _negation(a, b) or _negation(b, a, reverse=True)


def _own_kind(qa: Quantity, qb: Quantity) -> bool:
    return bool(_toll(qa) and _toll(qb)) or qa.unit == qb.unit == "age"


def _tolls(view: View) -> dict[str, list[Quantity]]:
    """The sentence's figures of people harmed, by harm."""
    found: dict[str, list[Quantity]] = defaultdict(list)
    severity = bool(_SEVERITY_RE.search(view.claim.text))
    for q in (*view.frame.quantities, *view.frame.bare):
        says_nothing = q.verb in _WEAK_VERBS or q.verb in _HEARSAY
        harm = _toll(q) or (says_nothing and _people(q) and _one_harm(view.claim.text))
        if harm and not (harm == "injured" and severity):
            found[harm].append(q)
    return found


def _toll(q: Quantity) -> str | None:
    """The harm a figure counts by its verb or noun, if it counts people harmed and no part of them."""
    return _harm(q.verb, q.noun) if _people(q) else None


def _people(q: Quantity) -> bool:
    return not (q.unit or q.modifiers) and q.noun in _ANYONE


def _harm(*words: str) -> str | None:
    return next((harm for harm, stems in _HARMS.items() for w in words if w.lower().startswith(stems)), None)


@functools.lru_cache(maxsize=8192)
def _one_harm(text: str) -> str | None:
    harms = {_harm(m.group(0)) for m in _HARM_WORD_RE.finditer(text)}
    return harms.pop() if len(harms) == 1 else None


def _tolls_apart(a: View, b: View) -> tuple[tuple[Quantity, Quantity], str] | None:
    """Two tolls of one harm that cannot be one figure, unless either sentence gives two (a toll that
    rose, "from 77 to 84") or tells of another time."""
    if _historic(a) or _historic(b):
        return None
    tolls_a, tolls_b = _tolls(a), _tolls(b)
    for harm in tolls_a.keys() & tolls_b.keys():
        if len(tolls_a[harm]) != 1 or len(tolls_b[harm]) != 1:
            continue
        qa, qb = tolls_a[harm][0], tolls_b[harm][0]
        if _apart(qa, qb) and max(qa.high, qb.high) <= TOLL_RATIO * min(qa.low, qb.low):
            return (qa, qb), harm
    return None


def _places_apart(a: View, b: View) -> tuple[Quantity, Quantity] | None:
    """One act (the same verb) placed at two places of one series: "hit the third pitch" and "hit a
    home run four pitches into the game"; unless either sentence places it twice or tells of another time."""
    if _historic(a) or _historic(b):
        return None
    for qa in a.frame.positions:
        for qb in b.frame.positions:
            one_act = qa.noun == qb.noun and qa.verb == qb.verb and qa.verb not in _WEAK_VERBS
            if one_act and qa.low != qb.low and _one_place(a, qa) and _one_place(b, qb):
                return qa, qb
    return None


def _one_place(view: View, place: Quantity) -> bool:
    return all(q.low == place.low for q in view.frame.positions if (q.noun, q.verb) == (place.noun, place.verb))


def _ages_apart(a: View, b: View) -> tuple[Quantity, Quantity] | None:
    """One person's two ages, a few years apart: the same person, or nobody named ("the six-year-old",
    in a story mostly about one person); unless either sentence gives that person two ages (an age
    corrected, "first reported as six, he is five") or tells of another time."""
    if _historic(a) or _historic(b):
        return None
    for qa in _ages(a):
        for qb in _ages(b):
            apart = 0 < abs(qa.low - qb.low) <= AGE_GAP
            if apart and _same_person(qa, qb) and _one_age(a, qa) and _one_age(b, qb):
                return qa, qb
    return None


def _same_person(qa: Quantity, qb: Quantity) -> bool:
    """ "The six-year-old" may be anyone of the story; "the 37-year-old Finnish driver" is not any
    driver, and what "is four years old" may be a picture."""
    if not (qa.noun and qb.noun):
        return all(q.noun or "-" in q.text for q in (qa, qb))
    return (qa.noun, qa.modifiers) == (qb.noun, qb.modifiers)


def _ages(view: View) -> list[Quantity]:
    return [q for q in view.frame.quantities if q.unit == "age"]


def _one_age(view: View, age: Quantity) -> bool:
    return all(q.low == age.low for q in _ages(view) if _same_person(q, age))


def _day_apart(a: View, b: View) -> tuple[tuple[str, str], tuple[str, str], str] | None:
    """The one day each of two statements of one act gives it, when the days differ and neither
    tells of another time. A sentence naming two days (announced on one, happened on the other)
    gives no one day."""
    day_a, day_b = _one_day(a), _one_day(b)
    if day_a is None or day_b is None or day_a[1] == day_b[1] or _historic(a) or _historic(b):
        return None
    if _one_weekday(a, b):
        return None
    acts = (a.frame.acts or frozenset()) & (b.frame.acts or frozenset())
    return (day_a, day_b, sorted(acts)[0]) if acts else None


def _spans_apart(a: View, b: View) -> tuple[str, str, str] | None:
    """Two statements of one act (a verb in common) that place it in times that do not meet: "adopted
    last week" and "adopted in September" are two values of one fact, however long ago either is.
    Both times and the act."""
    span_a, span_b = periods.span(a), periods.span(b)
    if span_a is None or span_b is None or not periods.apart(span_a, span_b) or _one_weekday(a, b):
        return None
    acts = (a.frame.acts or frozenset()) & (b.frame.acts or frozenset())
    return (periods.label(span_a), periods.label(span_b), sorted(acts)[0]) if acts else None


def _one_weekday(a: View, b: View) -> bool:
    """Both name one weekday ("on Monday"), read against the dates of two pieces: it may be one day."""
    return bool(_weekdays(a) & _weekdays(b))


def _weekdays(view: View) -> set[str]:
    return {w for d in view.claim.dates for w in vocabulary.WEEKDAYS if w in (d.get("text") or "").lower()}


def _one_day(view: View) -> tuple[str, str] | None:
    days = {d["date"]: d["text"] for d in view.claim.dates if len(d.get("date") or "") == 10}
    return (next(iter(days.values())), next(iter(days))) if len(days) == 1 else None


def _same_matter(a: View, b: View, qa: Quantity, qb: Quantity, names_agree: bool, aligned: bool) -> bool:
    """A measure of one named thing ("a 19-ton truck") is its own topic; a count needs the same
    matter, and a measure whose noun is left unsaid ("the six-year-old") a word of the story in common
    besides the figure (a story tells of many people, each with an age). Two measures of nothing
    named ("dug 13m", "a crater of 100 metres across") are one slot only in one statement."""
    if qa.unit in _MEASURES and qa.noun and qb.noun:
        return True
    if qa.unit in _MEASURES and not (qa.noun or qb.noun):
        return aligned
    if qa.unit in _MEASURES:
        figures = {t for q in (qa, qb) for t in (*q.text.lower().replace("-", " ").split(), q.verb)}
        return bool({t for t in a.terms & b.terms if not t.isdigit()} - figures - {"old"})
    return names_agree


def _verdict(kind: str, strength: str, slot: str, values: list[str], reason: str, figures: tuple | None = None) -> dict:
    """A conflict; `figures` (slot, figure, figure) tell one disagreement however its values are
    written ("4-year-old", "four-year-old", "4 years old")."""
    verdict = {"type": kind, "strength": strength, "slot": slot, "values": values, "reason": reason}
    return verdict if figures is None else {**verdict, "figures": figures}


def _slot(q: Quantity) -> str:
    return " ".join([*sorted(q.modifiers), q.noun or q.verb, f"({q.unit})" if q.unit else ""]).strip()


def _quantity(a: View, b: View, aligned: bool = False) -> tuple[Quantity, Quantity] | None:
    """The first pair of quantities of one slot with figures that cannot be the same, unless either
    sentence states both (a figure that was revised, "up from 77 to 84") or tells of another time.
    Claims that align (one statement) need no common verb to keep apart: "four rescue units are at
    the scene" and "five rescue units were involved" are not one shared fact (nor, on that alone,
    a conflict to flag)."""
    if _historic(a) or _historic(b):
        return None
    for qa in a.frame.quantities:
        for qb in b.frame.quantities:
            if not _differ(qa, qb, aligned):
                continue
            if all(
                _differ(q, qb, aligned) for q in a.frame.quantities if _same_slot(*_in_one_unit(q, qb), aligned)
            ) and all(_differ(qa, q, aligned) for q in b.frame.quantities if _same_slot(*_in_one_unit(qa, q), aligned)):
                return qa, qb
    return None


def _differ(qa: Quantity, qb: Quantity, aligned: bool) -> bool:
    """Two figures of one slot that cannot be one figure. Claims that align are kept apart on any
    two figures of a noun: "at least seven people killed" is not "over 50 people taken to hospital"."""
    qa, qb = _in_one_unit(qa, qb)
    return _same_slot(qa, qb, aligned) and _apart(qa, qb) and (aligned or not _within_bound(qa, qb))


def _within_bound(qa: Quantity, qb: Quantity) -> bool:
    """ "Over 200 feet" and "230 feet" agree; a toll is another matter: "at least 50" dead and "59"
    dead are a figure that rose during the day."""
    return any(
        bounded.bound == "min" and other.high >= bounded.low or bounded.bound == "max" and other.low <= bounded.high
        for bounded, other in ((qa, qb), (qb, qa))
    )


def _apart(qa: Quantity, qb: Quantity) -> bool:
    """Figures that differ: ranges that do not overlap, more than a rounding apart, and estimates
    more than an estimate's margin apart."""
    if qa.high >= qb.low and qb.high >= qa.low:
        return False
    gap = max(qa.low, qb.low) - min(qa.high, qb.high)
    margin = ESTIMATE if qa.approximate or qb.approximate else SAME_FIGURE
    return gap > margin * max(qa.high, qb.high)


def _same_slot(qa: Quantity, qb: Quantity, aligned: bool = False) -> bool:
    if qa.unit != qb.unit or qa.qualifiers != qb.qualifiers:
        return False
    if qa.modifiers & _SEQUENCE != qb.modifiers & _SEQUENCE:
        return False  # the first bid and the raised bid are two figures
    if not (qa.modifiers <= qb.modifiers or qb.modifiers <= qa.modifiers):
        return False
    same_verb = aligned or qa.verb not in _WEAK_VERBS and qa.verb == qb.verb
    if qa.noun != qb.noun:
        if qa.noun and qb.noun:
            return False
        named, unnamed = (qa, qb) if qa.noun else (qb, qa)
        return qa.unit in _MEASURES and same_verb or bool(qa.unit) and named.noun == unnamed.verb
    if qa.unit == "age":
        return bool(qa.noun) and same_verb  # many people have an age: one noun doing one thing is one person
    return (qa.unit in _MEASURES and bool(qa.noun)) or same_verb


def _planned(view: View) -> bool:
    """A sentence about a plan ("scheduled to leave at 11:55", "plans to launch next month") times
    the plan or its announcement, not the act."""
    return bool(_PLANNED_RE.search(view.claim.text))


def _historic(view: View) -> bool:
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


def _negation(a: View, b: View, reverse: bool = False) -> dict | None:
    """`a` denies an act that `b` states with a participant in common."""
    for verb, arguments in a.frame.denied:
        if verb in _WRITING:
            continue
        for other, others in b.frame.asserted:
            if other == verb and arguments & others:
                values = [f"not {verb}", verb][:: -1 if reverse else 1]
                slot = f"{verb} {' '.join(sorted(arguments & others))}"
                return _verdict("negation", "hard", slot, values, "negation: one states it, the other denies it")
    return None


def _outcome_slot(a: View, b: View) -> str:
    """The talks named by the parties both sides name: "outcome (Brisk Lines, Saltline)"."""
    shared = a.names & b.names
    parties = dict.fromkeys(
        name for v in (a, b) for name in v.claim.names if _name_tokens(name, v) & shared
    )  # fmt: skip
    return f"outcome ({', '.join(sorted(parties, key=str.lower))})"


def _name_tokens(name: str, view: View) -> frozenset[str]:
    """The tokens of one of the claim's names, as the view folded them."""
    return frozenset(term(t) for t in aliases.key(name).split()) & view.names


def _stance_phrase(text: str) -> str:
    match = _PROGRESS_RE.search(plain(text)) or _SETBACK_RE.search(plain(text))
    return match.group(0) if match else "?"
