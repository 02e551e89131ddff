"""Shared claims: groups of aligned claims that state one fact, with their independent roots."""

from __future__ import annotations

from basewatch.compare.align import Aligned
from basewatch.compare.normalise import View

# Two groups merge when this share of their cross pairs align (and none disagree).
LINKED_SHARE = 0.5


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
        if sum(_linked(by_id[x], by_id[y], linked) for x in ga for y in gb) < LINKED_SHARE * len(ga) * len(gb):
            continue
        merged = ga + gb
        for member in merged:
            group_of[member] = merged
    result, placed = [], set()
    for members in {id(g): g for g in group_of.values()}.values():
        group = sorted((by_id[m] for m in members), key=lambda v: (v.claim.sentence_index, v.claim.id))
        outlets = sorted({v.outlet for v in group}, key=str.lower)
        if len(outlets) < 2:
            continue
        centre = max(group, key=lambda v: sum(frozenset((v.claim.id, o.claim.id)) in why for o in group))
        group.remove(centre)
        group.insert(0, centre)
        placed.update(members)
        result.append(
            {
                "claim": centre.claim.text,
                "outlets": outlets,
                "independent_sources": len({v.root for v in group}),
                "roots": sorted({v.root for v in group}),
                "members": [side(v) for v in group],
                "why": [
                    {"pair": [centre.claim.id, v.claim.id], **why[frozenset((centre.claim.id, v.claim.id))]}
                    for v in group[1:]
                    if frozenset((centre.claim.id, v.claim.id)) in why
                ],
            }
        )
    result.sort(key=lambda s: (-len(s["outlets"]), -s["independent_sources"], s["claim"]))
    return result, placed


def _linked(a: View, b: View, linked: set[frozenset[int]]) -> bool:
    return a.content == b.content or frozenset((a.content, b.content)) in linked


def side(view: View) -> dict:
    return {"id": view.claim.id, "outlet": view.outlet, "text": view.claim.text, "sources": view.claim.sources}


def unique(view: View) -> dict:
    return {"outlet": view.outlet, "claim": view.claim.text, "sources": view.claim.sources, "id": view.claim.id}
