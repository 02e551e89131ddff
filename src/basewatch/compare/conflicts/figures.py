"""Figures of one slot: the same counted or measured thing, compared in one unit, with the margins
of estimates, bounds and rounding; and places in a series."""

from __future__ import annotations

from dataclasses import replace

from basewatch.compare.conflicts.times import historic
from basewatch.compare.frames import Quantity
from basewatch.compare.normalise import View

# Figures this close are one figure rounded differently (soft), or an estimate of the other (none).
ROUNDING = 0.05
ESTIMATE = 0.1
SAME_FIGURE = 0.01
# Units that measure the noun whatever the verb ("a 19-ton truck" is used, driven or ploughed).
MEASURES = frozenset({"ton", "kg", "lb", "m", "km", "mile", "ft", "mph", "kph", "age"})
# "There were 100 people", "has 70 officers": these verbs say nothing about what was counted.
WEAK_VERBS = frozenset({"", "be", "is", "are", "was", "wer", "been", "being", "has", "hav", "had", "do", "did"})
# Units compared in another: a figure converted is a figure rounded ("40m (130ft)").
_CONVERSIONS = {
    "hour": ("minute", 60), "second": ("minute", 1 / 60), "mile": ("km", 1.609), "ft": ("m", 0.3048),
    "lb": ("kg", 0.4536), "mph": ("kph", 1.609),
}  # fmt: skip
# Modifiers that tell two figures of one thing apart in time or order.
_SEQUENCE = frozenset(
    """first initial original earlier previous prior raised revised new latest final second third last later
    current updated""".split()
)


def _in_one_unit(qa: Quantity, qb: Quantity) -> tuple[Quantity, Quantity]:
    return (qa, qb) if qa.unit == qb.unit else (converted(qa), converted(qb))


def converted(q: Quantity) -> Quantity:
    if q.unit not in _CONVERSIONS:
        return q
    unit, factor = _CONVERSIONS[q.unit]
    return replace(q, unit=unit, low=q.low * factor, high=q.high * factor, approximate=True)


def places_apart(a: View, b: View) -> tuple[Quantity, Quantity] | None:
    """One act (the same verb) placed at two places of one series: "hit the third pitch" and "hit a
    home run four pitches into the game"; unless either sentence places it twice or tells of another time."""
    if not (a.frame.positions and b.frame.positions) or historic(a) or historic(b):
        return None
    for qa in a.frame.positions:
        for qb in b.frame.positions:
            one_act = qa.noun == qb.noun and qa.verb == qb.verb and qa.verb not in WEAK_VERBS
            if one_act and qa.low != qb.low and _one_place(a, qa) and _one_place(b, qb):
                return qa, qb
    return None


def _one_place(view: View, place: Quantity) -> bool:
    return all(q.low == place.low for q in view.frame.positions if (q.noun, q.verb) == (place.noun, place.verb))


def same_matter(a: View, b: View, qa: Quantity, qb: Quantity, names_agree: bool, aligned: bool) -> bool:
    """A measure of one named thing ("a 19-ton truck") is its own topic; a count needs the same
    matter, and a measure whose noun is left unsaid ("the six-year-old") a word of the story in common
    besides the figure (a story tells of many people, each with an age). Two measures of nothing
    named ("dug 13m", "a crater of 100 metres across") are one slot only in one statement."""
    if qa.unit in MEASURES and qa.noun and qb.noun or qa.described and qb.described:
        return True
    if qa.unit in MEASURES and not (qa.noun or qb.noun):
        return aligned
    if qa.unit in MEASURES:
        figures = {t for q in (qa, qb) for t in (*q.text.lower().replace("-", " ").split(), q.verb)}
        return bool({t for t in a.terms & b.terms if not t.isdigit()} - figures - {"old"})
    return names_agree


def slot_of(q: Quantity) -> str:
    return " ".join([*sorted(q.modifiers), q.noun or q.verb, f"({q.unit})" if q.unit else ""]).strip()


def quantity(a: View, b: View, aligned: bool = False) -> tuple[Quantity, Quantity] | None:
    """The first pair of quantities of one slot with figures that cannot be the same, unless either
    sentence states both (a figure that was revised, "up from 77 to 84") or tells of another time.
    Claims that align (one statement) need no common verb to keep apart: "four rescue units are at
    the scene" and "five rescue units were involved" are not one shared fact (nor, on that alone,
    a conflict to flag)."""
    if not (a.frame.quantities and b.frame.quantities) or historic(a) or historic(b):
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
    return _same_slot(qa, qb, aligned) and apart(qa, qb) and (aligned or not _within_bound(qa, qb))


def _within_bound(qa: Quantity, qb: Quantity) -> bool:
    """ "Over 200 feet" and "230 feet" agree; a toll is another matter: "at least 50" dead and "59"
    dead are a figure that rose during the day."""
    return any(
        bounded.bound == "min" and other.high >= bounded.low or bounded.bound == "max" and other.low <= bounded.high
        for bounded, other in ((qa, qb), (qb, qa))
    )


def apart(qa: Quantity, qb: Quantity) -> bool:
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
    same_verb = aligned or qa.verb not in WEAK_VERBS and qa.verb == qb.verb
    if qa.noun != qb.noun:
        if qa.noun and qb.noun:
            return False
        named, unnamed = (qa, qb) if qa.noun else (qb, qa)
        return qa.unit in MEASURES and same_verb or bool(qa.unit) and named.noun == unnamed.verb
    if qa.unit == "age":
        return bool(qa.noun) and same_verb  # many people have an age: one noun doing one thing is one person
    return (qa.unit in MEASURES and bool(qa.noun)) or same_verb or qa.described and qb.described
