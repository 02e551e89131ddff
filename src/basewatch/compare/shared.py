"""Shared claims: groups of aligned claims that state one fact, with their independent roots."""

from __future__ import annotations

from basewatch.compare.align import Aligned
from basewatch.compare.normalise import View

# A member sharing less than this (rarity-weighted Dice) with each of the others says more than their fact.
COMPOUND_DICE = 0.35


def groups(views: list[View], aligned: Aligned, disagree) -> tuple[list[dict], set[str]]:
    """Groups of claims in which every two distinct sentences align, merged strongest pair first.

    Requiring every pair to align (complete linkage) keeps a chain of loosely related sentences
    (deal -> bases -> lease) out of one "shared claim", and lets the closest restatements meet
    before a looser neighbour claims either of them. Claims that disagree never share a group.
    """
    by_id = {v.claim.id: v for v in views}
    why: dict[frozenset[str], dict] = {frozenset((a, b)): w for a, b, w in aligned}
    # Copies of one sentence align with whatever one of them aligns with.
    linked = {frozenset((by_id[a].content, by_id[b].content)) for a, b, _ in aligned}
    group_of: dict[str, list[str]] = {}
    for a, b, _ in sorted(aligned, key=lambda p: (-p[2]["score_pct"], p[0], p[1])):
        ga, gb = group_of.get(a, [a]), group_of.get(b, [b])
        if ga is gb or any(disagree(by_id[x], by_id[y]) for x in ga for y in gb):
            continue
        # complete linkage: two groups merge when every cross pair states one fact (and none disagree)
        if not all(_linked(by_id[x], by_id[y], linked) for x in ga for y in gb):
            continue
        merged = ga + gb
        for member in merged:
            group_of[member] = merged
    found = [g for g in {id(g): g for g in group_of.values()}.values() if len({by_id[m].outlet for m in g}) > 1]
    result, placed = [], set()
    dice = {frozenset((by_id[a].content, by_id[b].content)): w["dice_pct"] for a, b, w in aligned}
    for members, within in _restatements(found, by_id, linked, dice):
        group = sorted((by_id[m] for m in members), key=_order)
        told = group + [by_id[m] for m in within]
        centre = max(group, key=lambda v: sum(frozenset((v.claim.id, o.claim.id)) in why for o in group))
        group.remove(centre)
        group.insert(0, centre)
        placed.update(members)
        placed.update(within)
        result.append(
            {
                "claim": centre.claim.text,
                "outlets": sorted({v.outlet for v in told}, key=str.lower),
                "independent_sources": len({v.root for v in told}),
                "roots": sorted({v.root for v in told}),
                "members": [side(v) for v in group],
                "within": [side(by_id[m]) for m in within],
                "why": [
                    {"pair": [centre.claim.id, v.claim.id], **why[frozenset((centre.claim.id, v.claim.id))]}
                    for v in group[1:]
                    if frozenset((centre.claim.id, v.claim.id)) in why
                ],
            }
        )
    result.sort(key=lambda s: (-len(s["outlets"]), -s["independent_sources"], s["claim"]))
    return result, placed


def _restatements(found: list[list[str]], by_id: dict[str, View], linked, dice) -> list[tuple[list[str], list[str]]]:
    """Each group's members that restate its fact alone, and the sentences that state it within a
    statement of several facts, shown with the group rather than as its members: a sentence that also
    restates every member of another group ("sheep were lost and the driver was held") tells
    both facts and is shown with both groups, and one that shares little of itself with each of the
    others tells more than their fact. A group keeps such a sentence as a member rather than be left
    without two outlets."""
    within: list[list[str]] = [[] for _ in found]
    kept = []
    for n, members in enumerate(found):
        alone = list(members)
        for m in members:
            others = [
                k for k, group in enumerate(found) if k != n and all(_linked(by_id[m], by_id[o], linked) for o in group)
            ]
            rest = [o for o in alone if o != m]
            if (others or _says_more(by_id[m], [by_id[o] for o in rest], dice)) and len(
                {by_id[o].outlet for o in rest}
            ) > 1:
                alone = rest
                for k in [n, *others]:
                    within[k].append(m)
        kept.append(alone)
    return [
        (members, sorted(dict.fromkeys(m for m in extra if m not in members), key=lambda m: _order(by_id[m])))
        for members, extra in zip(kept, within, strict=True)
    ]


def _says_more(view: View, others: list[View], dice: dict[frozenset[int], int]) -> bool:
    """Whether a sentence shares little of itself with each of at least two other sentences of its group."""
    shares = [dice.get(frozenset((view.content, o.content)), 0) for o in others if o.content != view.content]
    return len(shares) >= 2 and max(shares) < 100 * COMPOUND_DICE


def _order(view: View) -> tuple:
    return view.claim.sentence_index, view.claim.id


def _linked(a: View, b: View, linked: set[frozenset[int]]) -> bool:
    return a.content == b.content or frozenset((a.content, b.content)) in linked


def side(view: View) -> dict:
    return {"id": view.claim.id, "outlet": view.outlet, "text": view.claim.text, "sources": view.claim.sources}


def unique(view: View) -> dict:
    return {"outlet": view.outlet, "claim": view.claim.text, "sources": view.claim.sources, "id": view.claim.id}
