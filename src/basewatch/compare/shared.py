"""Shared claims: groups of aligned claims that state one fact, with their independent roots."""

from __future__ import annotations

from collections import defaultdict

from basewatch.compare.align import Aligned
from basewatch.compare.normalise import View


def groups(views: list[View], aligned: Aligned, disagree) -> tuple[list[dict], set[str]]:
    """Groups of aligned claims, built as stars around the best-connected claim.

    Every member aligns with its group's centre, so a chain of loosely related sentences
    (deal -> bases -> lease) never becomes one "shared claim"; a member that contradicts another
    member (`disagree`) is left out, so a group never holds two values of one fact.
    """
    neighbours: dict[str, dict[str, dict]] = defaultdict(dict)
    for a, b, why in aligned:
        neighbours[a][b] = why
        neighbours[b][a] = why
    by_id = {v.claim.id: v for v in views}
    placed: set[str] = set()
    result = []
    order = sorted(neighbours, key=lambda c: (-len(neighbours[c]), by_id[c].claim.sentence_index, c))
    for centre in order:
        if centre in placed:
            continue
        group = [by_id[centre]]
        for n in sorted(neighbours[centre], key=lambda n: -neighbours[centre][n]["score_pct"]):
            if n not in placed and not any(disagree(by_id[n], member) for member in group):
                group.append(by_id[n])
        outlets = sorted({v.outlet for v in group}, key=str.lower)
        if len(outlets) < 2:
            continue
        placed.update(v.claim.id for v in group)
        result.append(
            {
                "claim": by_id[centre].claim.text,
                "outlets": outlets,
                "independent_sources": len({v.root for v in group}),
                "roots": sorted({v.root for v in group}),
                "members": [side(v) for v in group],
                "why": [{"pair": [centre, v.claim.id], **neighbours[centre][v.claim.id]} for v in group[1:]],
            }
        )
    result.sort(key=lambda s: (-len(s["outlets"]), -s["independent_sources"], s["claim"]))
    return result, placed


def side(view: View) -> dict:
    return {"id": view.claim.id, "outlet": view.outlet, "text": view.claim.text, "sources": view.claim.sources}


def unique(view: View) -> dict:
    return {"outlet": view.outlet, "claim": view.claim.text, "sources": view.claim.sources, "id": view.claim.id}
