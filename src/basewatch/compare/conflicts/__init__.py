"""Conflicts: typed disagreements on one slot of one fact, precision first.

- quantity: the same counted or measured thing with different values (`figures`), a toll or one
  person's age told two ways (`people`), one act at two places of a series (`figures`);
  estimates, bounds, rounding and tolls that change during the day make it soft;
- date: one act on two days or in two times that do not meet, or one moment timed minutes apart
  (`times`, `compare.clock`);
- who-what: one quotation in two wordings (`compare.quotes`);
- outcome: one side says talks are close to a deal, the other that they stalled;
- negation: one side denies the very act, with the same participants, that the other states.
One disagreement is one entry, whichever copies carry its two sides.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

from basewatch import aliases, vocabulary
from basewatch.compare import clock, quotes
from basewatch.compare.conflicts.figures import (
    MEASURES,
    ROUNDING,
    converted,
    places_apart,
    quantity,
    same_matter,
    slot_of,
)
from basewatch.compare.conflicts.people import ages_apart, toll, tolls, tolls_apart
from basewatch.compare.conflicts.times import day_apart, historic, planned, spans_apart
from basewatch.compare.frames import Quantity
from basewatch.compare.normalise import View
from basewatch.compare.shared import side
from basewatch.compare.words import plain, term

# Two claims are about the same matter when they share this many terms and no name tells them apart.
MIN_TOPIC_SHARED_TERMS = 2
# Up to this many claims taking a stance are compared all against all; beyond, only those sharing a name.
MAX_STANCE_ALL_PAIRS = 400
# Verbs of writing that report ("'No fight,' she wrote"): a "no" inside what was written denies no writing.
_WRITING = frozenset({"wrot", "writ", "tweet", "post"})
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
    two figures of one fact. A sentence carried word for word never disagrees with itself, whatever
    day each copy read its "on Wednesday" against."""
    return a.content != b.content and (
        stance(a.claim.text) * stance(b.claim.text) < 0
        or quantity(a, b, aligned=True) is not None
        or tolls_apart(a, b) is not None
        or ages_apart(a, b) is not None
        or places_apart(a, b) is not None
        or clock.apart(a.claim.text, b.claim.text) is not None
        or day_apart(a, b) is not None
        or spans_apart(a, b) is not None
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
    """Claims timing something to the minute, a quarter of an hour apart at most: they share little else."""
    return _pairs_by([v for v in views if len(clock.times(v.claim.text)) == 1], lambda v: clock.quarters(v.claim.text))


def _quantity_pairs(views: list[View]) -> Iterable[tuple[View, View]]:
    """Claims counting one noun in one unit; a measure whose noun is left unsaid ("the six-year-old")
    meets every measure in its unit."""
    return _pairs_by([v for v in views if v.frame.quantities or v.frame.bare or v.frame.positions], _quantity_keys)


def _quantity_keys(view: View) -> set[str]:
    """One unit and what it measures: its noun, or the act a measure of nothing named measures
    ("delayed for half an hour" meets "a 17-minute delay")."""
    quantities = [converted(q) for q in view.frame.quantities]
    keys = {f"{q.unit}|{q.noun or q.verb}" for q in quantities}
    places = {f"position|{q.noun}" for q in view.frame.positions}
    return keys | {q.unit for q in quantities if q.unit in MEASURES} | set(tolls(view)) | places


def _pairs_by(views: list[View], keys) -> Iterable[tuple[View, View]]:
    index: dict[str, list[View]] = defaultdict(list)
    for view in views:
        for k in keys(view):
            index[k].append(view)
    for group in index.values():
        yield from combinations(group[:MAX_STANCE_ALL_PAIRS], 2)


def _disagreement(a: View, b: View, aligned: bool) -> dict | None:
    names_agree = bool(a.names & b.names) or not (a.names and b.names)
    found = _figures(a, b, names_agree, aligned) or _moment(a, b) or _outcome(a, b)
    if found or not (aligned and len(a.terms & b.terms) >= MIN_TOPIC_SHARED_TERMS and names_agree):
        return found
    return _one_statement(a, b)


def _figures(a: View, b: View, names_agree: bool, aligned: bool) -> dict | None:
    """A toll, a place in a series, an age or another figure told two ways."""
    harmed = tolls_apart(a, b)
    if harmed and names_agree:
        (qa, qb), harm = harmed
        return _verdict("quantity", "soft", harm, [qa.text, qb.text],
                        f"different tolls ({harm}): {qa.text} versus {qb.text}", (harm, qa.low, qb.low))  # fmt: skip
    places = places_apart(a, b) if names_agree else None
    if places:
        qa, qb = places
        slot, values = f"{qa.noun} ({qa.verb})", [qa.text, qb.text]
        return _verdict("quantity", "hard", slot, values, "one act at two places: " + " versus ".join(values),
                        (slot, qa.low, qb.low))  # fmt: skip
    ages = ages_apart(a, b)
    if ages:
        qa, qb = ages
        slot, values = slot_of(qa if qa.noun else qb) if qa.noun or qb.noun else "age", [qa.text, qb.text]
        return _verdict("quantity", "hard", slot, values, "different ages: " + " versus ".join(values),
                        ("age", qa.low, qb.low))  # fmt: skip
    quantities = quantity(a, b)
    # Tolls and ages were judged above, with margins of their own.
    if not quantities or _own_kind(*quantities) or not same_matter(a, b, *quantities, names_agree, aligned):
        return None
    qa, qb = quantities
    gap = max(qa.low, qb.low) - min(qa.high, qb.high)
    soft = qa.approximate or qb.approximate or gap <= ROUNDING * max(qa.high, qb.high)
    slot = slot_of(qa)
    return _verdict("quantity", "soft" if soft else "hard", slot, [qa.text, qb.text],
                    f"different numbers for the same quantity ({slot}): {qa.text} versus {qb.text}",
                    (slot, qa.low, qb.low) if qa.unit == qb.unit else None)  # fmt: skip


def _moment(a: View, b: View) -> dict | None:
    moments = clock.apart(a.claim.text, b.claim.text)
    if moments is None or historic(a) or historic(b) or planned(a) or planned(b):
        return None
    return _verdict("date", "soft", "time of day", list(moments),
                    "one moment timed minutes apart: " + " versus ".join(moments))  # fmt: skip


def _outcome(a: View, b: View) -> dict | None:
    """Talks are one matter when both sides name a party to them."""
    if stance(a.claim.text) * stance(b.claim.text) >= 0 or not a.names & b.names:
        return None
    values = [_stance_phrase(v.claim.text) for v in (a, b)]
    same_day = a.published and b.published and a.published[:10] == b.published[:10]
    return _verdict("outcome", "hard" if same_day else "soft", _outcome_slot(a, b), values,
                    "opposite stance: " + " versus ".join(f'"{v}"' for v in values))  # fmt: skip


def _one_statement(a: View, b: View) -> dict | None:
    """Two aligned claims (one statement) that quote it, date it or deny it differently."""
    quoted = quotes.wordings(a.claim.text, b.claim.text)
    if quoted:
        return _verdict("who-what", "soft", "quotation", [f'"{w}"' for w in quoted],
                        "one quotation in two wordings")  # fmt: skip
    days = day_apart(a, b)
    if days is not None:
        (text_a, day_a), (text_b, day_b), act = days
        same_day = a.published and b.published and a.published[:10] == b.published[:10]
        values = [f"{text_a} ({day_a})", f"{text_b} ({day_b})"]
        return _verdict("date", "hard" if same_day else "soft", f"day ({act})", values,
                        "the same act on two different days: " + " versus ".join(values))  # fmt: skip
    spans = spans_apart(a, b)
    if spans and not (planned(a) or planned(b)):
        *values, act = spans
        return _verdict("date", "soft", f"time ({act})", values,
                        "the same act in two times that do not meet: " + " versus ".join(values))  # fmt: skip
    return _negation(a, b) or _negation(b, a, reverse=True)


def _own_kind(qa: Quantity, qb: Quantity) -> bool:
    return bool(toll(qa) and toll(qb)) or qa.unit == qb.unit == "age"


def _verdict(kind: str, strength: str, slot: str, values: list[str], reason: str, figures: tuple | None = None) -> dict:
    """A conflict; `figures` (slot, figure, figure) tell one disagreement however its values are
    written ("4-year-old", "four-year-old", "4 years old")."""
    verdict = {"type": kind, "strength": strength, "slot": slot, "values": values, "reason": reason}
    return verdict if figures is None else {**verdict, "figures": figures}


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
