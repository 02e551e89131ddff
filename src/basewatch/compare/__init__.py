"""Comparing outlets at the level of claims: shared, unique, conflicting, and how independent.

Pure over claims and article facts. Claims are normalised to content terms with name variants
folded (normalise, words), the sentences holding a number are parsed into frames (frames), candidate
pairs come from shared rare terms and are verified (align; the parse judges pairs that share few
words, deny or date something), aligned claims are grouped into shared facts (shared) and related
claims that disagree on one slot become typed conflicts (conflicts). Evidence is counted honestly:
copies in one syndication cluster and retellings of one report are a single independent root,
however many outlets carry them.

Every entry point takes a list of claims, so a caller may scope the comparison to one story.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from basewatch import aliases
from basewatch.claims import Claim
from basewatch.compare import conflicts, frames, periods, shared
from basewatch.compare.align import (
    SHARED_KEYS_PER_CLAIM,
    Aligned,
    acted_alike,
    aligned_pairs,
    alike_in_figures,
    alike_in_polarity,
    candidate_pairs,
    loose,
    restatement,
)
from basewatch.compare.conflicts import disagree
from basewatch.compare.normalise import ArticleFacts, Normaliser, View, outlet_label
from basewatch.compare.words import plain

__all__ = ["ArticleFacts", "FrameReader", "corroboration", "diff", "outlet_label"]

# Distinct sentences in, their frames out: `frames.of_texts` parses them; a caller may put a store
# of frames read before in front of it.
FrameReader = Callable[[Iterable[str]], dict[str, frames.Frame]]


def diff(
    claims: list[Claim],
    articles: dict[str, ArticleFacts],
    user_aliases: aliases.UserAliases | None = None,
    read_frames: FrameReader = frames.of_texts,
) -> dict:
    """The outlet diff: shared claims with independent roots, unique claims, conflicts, aliases."""
    groups = aliases.build(_mentions(claims), _texts(claims), user_aliases)
    views = _views(claims, articles, aliases.folding_map(groups), read_frames)
    by_id = {v.claim.id: v for v in views}
    pairs = candidate_pairs(views)
    aligned = aligned_pairs(views, pairs)
    # Shared facts look for restatements among more pairs than conflicts judge (the sentences of one
    # fact told two ways may share none of a long sentence's rarest terms), with a test of their own.
    restated = aligned_pairs(views, candidate_pairs(views, SHARED_KEYS_PER_CLAIM), restatement)
    _parse_for_acts(views, aligned + restated, read_frames)
    aligned = [pair for pair in aligned if acted_alike(by_id[pair[0]], by_id[pair[1]], pair[2])]
    restated = [pair for pair in restated if _restates(by_id[pair[0]], by_id[pair[1]], pair[2])]
    disagreeing = conflicts.once_per_sentence_pair(disagree)
    groups_shared, grouped = shared.groups(views, _agreeing(views, restated, disagreeing), disagreeing)
    per_outlet = Counter(v.outlet for v in views)
    known = {a.outlet for a in articles.values() if a.outlet_known}
    return {
        "outlets": [
            {"outlet": label, "known": label in known, "claims": per_outlet[label]}
            for label in sorted(per_outlet, key=str.lower)
        ],
        "shared": groups_shared,
        "unique": [shared.unique(v) for v in views if v.claim.id not in grouped],
        "conflicts": conflicts.find(views, aligned, pairs),
        "aliases": [g.to_dict() for g in groups],
    }


def corroboration(claims: list[Claim], articles: dict[str, ArticleFacts]) -> dict[str, int]:
    """For each claim id, how many other independent roots state the same thing."""
    # Summary corroborates every stored claim: no parse, so it stays fast over a large database.
    folding = aliases.folding_map(aliases.build(_mentions(claims), _texts(claims)))
    views = _views(claims, articles, folding, read_frames=None)
    by_id = {v.claim.id: v for v in views}
    roots: dict[str, set[str]] = defaultdict(set)
    # Copies of one root cannot corroborate each other: their pairs need no verifying.
    pairs = [(a, b) for a, b in candidate_pairs(views) if a.root != b.root]
    disagreeing = conflicts.once_per_sentence_pair(disagree)
    for a, b, _ in _agreeing(views, aligned_pairs(views, pairs), disagreeing):
        roots[a].add(by_id[b].root)
        roots[b].add(by_id[a].root)
    return {cid: len(r - {by_id[cid].root}) for cid, r in roots.items()}


def _views(
    claims: list[Claim], articles: dict[str, ArticleFacts], folding: dict[str, str], read_frames: FrameReader | None
) -> list[View]:
    kept = [c for c in claims if c.article in articles]
    counting = (plain(c.text) for c in kept if frames.counts(c.text))
    normaliser = Normaliser(folding, read_frames(counting) if read_frames else {})
    return [normaliser.view(c, articles[c.article]) for c in kept]


def _restates(a: View, b: View, why: dict) -> bool:
    return acted_alike(a, b, why) and alike_in_polarity(a, b) and alike_in_figures(a, b)


def _agreeing(views: list[View], aligned: Aligned, disagreeing: Callable[[View, View], bool]) -> Aligned:
    """Aligned claims that do not disagree: two values of one fact are a conflict, not a shared claim."""
    by_id = {v.claim.id: v for v in views}
    return [pair for pair in aligned if not disagreeing(by_id[pair[0]], by_id[pair[1]])]


def _parse_for_acts(views: list[View], aligned: Aligned, read_frames: FrameReader) -> None:
    """Both sides of every aligned pair that the parse must judge, parsed now if they hold no figure
    (those were parsed up front): a pair in which one side may deny something (a negation conflict
    reads which act one side denies and whether the other states it) or dates something (a date
    conflict needs one act on two days), and a loose pair (whether both tell of one act)."""
    by_id = {v.claim.id: v for v in views}
    pending = {
        v.claim.id: v
        for a, b, why in aligned
        if loose(why) or any(frames.denies(v.claim.text) or periods.dated(v) for v in (by_id[a], by_id[b]))
        for v in (by_id[a], by_id[b])
        if not frames.counts(v.claim.text)
    }
    parsed = read_frames(plain(v.claim.text) for v in pending.values())
    for view in pending.values():
        view.frame = parsed.get(plain(view.claim.text), view.frame)


def _mentions(claims: list[Claim]) -> Iterable[tuple[str, list[str]]]:
    return ((c.article, c.names) for c in claims)


def _texts(claims: list[Claim]) -> Iterable[str]:
    return dict.fromkeys(c.text for c in claims)  # each sentence once, in order: copies repeat them
