"""Read-side views over the store: syndication clusters and an article's copies."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from pathlib import Path

from basewatch import aliases, compare, dedupe, pipeline
from basewatch import stories as stories_
from basewatch.claims import speakers
from basewatch.compare import frames
from basewatch.runtime import fewer_gc_passes
from basewatch.store import Store


def clusters(store: Store, min_size: int = 1, story: str | None = None) -> list[dict]:
    """One record per cluster: canonical article, members, outlets, and the evidence for each merge."""
    evidence = store.evidence_by_cluster()
    scope = None if story is None else store.story_clusters(store.resolve_story(story))
    result = []
    for cluster_id, members in _grouped(store.cluster_rows(scope)):
        if len(members) < min_size:
            continue
        canonical = _canonical(members)
        result.append(
            {
                "cluster": cluster_id,
                "canonical": canonical,
                "size": len(members),
                "outlets": sorted({m["outlet"] for m in members if m["outlet"]}),
                "title": next(m["title"] for m in members if m["article"] == canonical),
                "members": [_member(m) for m in members],
                "evidence": evidence.get(cluster_id, []) if len(members) > 1 else [],
            }
        )
    result.sort(key=lambda c: (-c["size"], c["cluster"]))
    return result


def _grouped(rows: list[dict]) -> Iterator[tuple[str, list[dict]]]:
    for cluster_id, group in groupby(rows, key=lambda r: r["cluster"]):
        yield cluster_id, list(group)


def _canonical(members: list[dict]) -> str:
    return dedupe.canonical((m["article"], m["published"], m["words"]) for m in members)


def _origin_label(members: list[dict]) -> str:
    """The outlet label of a cluster's canonical article: the origin its copies count as."""
    canonical = _canonical(members)
    row = next(m for m in members if m["article"] == canonical)
    return compare.outlet_label(row["outlet"], row["path"], row["article"])[0]


def _member(row: dict) -> dict:
    return {k: row[k] for k in ("article", "external_id", "path", "outlet", "title", "published")}


def membership(records: list[dict]) -> list[dict]:
    """One line per article, the shape scripts and the dedupe scorer consume."""
    return [
        {
            "article": m["article"],
            "external_id": m["external_id"],
            "path": m["path"],
            "cluster": c["cluster"],
            "canonical": c["canonical"],
        }
        for c in records
        for m in c["members"]
    ]


def copies(store: Store, article_id: str) -> list[dict]:
    """The other members of an article's cluster, with the evidence that links them."""
    cluster_id = store.cluster_of(article_id)
    if cluster_id is None:
        return []
    members = [r for r in store.cluster_rows_for(cluster_id) if r["article"] != article_id]
    evidence = store.merge_evidence([article_id, *(m["article"] for m in members)])
    for member in members:
        member["evidence"] = [e for e in evidence if {e["article"], e["matched"]} == {article_id, member["article"]}]
    return members


def _parsed_claims(store: Store, **scope) -> list:
    """Stored claims in scope, their articles first read by the parse if only the patterns had."""
    found = store.claims(**scope)
    reread = pipeline.parse_claims(store, {c.article for c in found})
    if not reread:
        return found
    if store.writable:
        return store.claims(**scope)
    stored: dict[str, list] = {}
    for claim in found:
        stored.setdefault(claim.article, []).append(claim)
    return [claim for article, kept in stored.items() for claim in reread.get(article, kept)]


def article_facts(store: Store, articles: Iterable[str] | None = None) -> dict[str, compare.ArticleFacts]:
    """Outlet label, syndication cluster (when it has copies) and retold report of every article,
    or of `articles` only: a query over a few articles reads only what they need."""
    wanted = None if articles is None else set(articles)
    return _facts(store, store.article_index(wanted), scoped=wanted is not None)


def _facts(store: Store, index: dict[str, dict], scoped: bool) -> dict[str, compare.ArticleFacts]:
    clustered = {row["cluster"] for row in index.values() if row["cluster"]} if scoped else None
    origin = {
        cluster_id: _origin_label(members)
        for cluster_id, members in _grouped(store.cluster_rows(clustered))
        if len(members) > 1
    }
    facts = {}
    for article_id, row in index.items():
        label, known = compare.outlet_label(row["outlet"], row["path"], article_id)
        facts[article_id] = compare.ArticleFacts(
            article_id, label, known, row["retelling_of"], origin.get(row["cluster"]), row["published"]
        )
    return facts


ScopeHook = Callable[[int], None]


@fewer_gc_passes()
def diff(
    store: Store,
    outlets: list[str] | None = None,
    since: str | None = None,
    aliases_path: Path | None = None,
    on_scope: ScopeHook | None = None,
    story: str | None = None,
) -> dict:
    """The outlet diff over one story's stored claims (optionally only some outlets, or only recent
    articles). `on_scope` hears how many claims are about to be compared, before the work starts."""
    # Articles without an outlet are labelled by file name ("[a.txt]"), which SQL cannot filter on.
    by_name = outlets if outlets and not any(o.startswith("[") for o in outlets) else None
    story_id = None if story is None else store.resolve_story(story)
    claims = _parsed_claims(store, since=since, outlets=by_name, story=story_id)
    facts = article_facts(store, {c.article for c in claims})
    if outlets:
        wanted = {o.lower() for o in outlets}
        claims = [c for c in claims if facts[c.article].outlet.lower() in wanted]
    if on_scope:
        on_scope(len(claims))
    result = compare.diff(claims, facts, aliases.load_user_aliases(aliases_path), _stored_frames(store))
    if outlets:
        known = {o["outlet"].lower() for o in result["outlets"]}
        result["outlets"] += [{"outlet": o, "known": False, "claims": 0} for o in outlets if o.lower() not in known]
    return result


def _stored_frames(store: Store) -> compare.FrameReader:
    """The frame reader of one comparison: frames stored by an earlier one, the rest parsed and kept."""

    def read(texts: Iterable[str]) -> dict[str, frames.Frame]:
        keys = {text: _frame_key(text) for text in dict.fromkeys(texts)}
        stored = store.stored_frames(keys.values())
        found = {text: frames.from_json(stored[key]) for text, key in keys.items() if key in stored}
        fresh = frames.of_texts(text for text in keys if text not in found)
        if fresh and store.writable:  # a read-only database works them out for this answer only
            store.store_frames({keys[text]: frames.to_json(frame) for text, frame in fresh.items()})
        return found | fresh

    return read


def _frame_key(text: str) -> bytes:
    return hashlib.sha256(f"{frames.VERSION}\n{text}".encode()).digest()[:16]


def claims(
    store: Store,
    outlet: str | None = None,
    source: str | None = None,
    anonymous: bool = False,
    hedged: bool = False,
    story: str | None = None,
) -> list[dict]:
    """Stored claims, filtered: by outlet, story, a source anywhere in the chain, anonymous, hedged."""
    found = _parsed_claims(store, outlet=outlet, story=None if story is None else store.resolve_story(story))
    if source:
        needle = source.lower()
        found = [c for c in found if any(needle in s.lower() for s in c.sources)]
    if anonymous:
        found = [c for c in found if c.anonymous]
    if hedged:
        found = [c for c in found if c.hedged]
    return [c.to_dict() for c in found]


@fewer_gc_passes()
def summary(
    store: Store,
    outlet: str | None = None,
    top: int = 8,
    since: str | None = None,
    on_scope: ScopeHook | None = None,
    story: str | None = None,
) -> list[dict]:
    """Per outlet: its articles, its most important claims with their source chains, and who it
    relies on. Important first: claims other independent roots of the same story corroborate, then
    the lead, then named sources before anonymous ones. `since` limits it to articles published
    on/after a date, `story` to one story."""
    story_id = None if story is None else store.resolve_story(story)
    scope = None if since is None and story_id is None else store.article_ids(since=since, story=story_id)
    index = store.article_index(scope)
    facts = _facts(store, index, scoped=scope is not None)
    all_claims = [c for c in _parsed_claims(store, since=since, story=story_id) if c.article in facts]
    if on_scope:
        on_scope(len(all_claims))
    corroborated = _corroboration_by_story(store, all_claims, facts)
    by_outlet: dict[str, list] = {}
    for claim in all_claims:
        by_outlet.setdefault(facts[claim.article].outlet, []).append(claim)
    articles_of: dict[str, list[str]] = {}
    for article_id, fact in facts.items():
        by_outlet.setdefault(fact.outlet, [])
        articles_of.setdefault(fact.outlet, []).append(article_id)
    result = []
    for label in sorted(by_outlet, key=str.lower):
        if outlet and label.lower() != outlet.lower():
            continue
        outlet_claims = by_outlet[label]
        ranked = sorted(outlet_claims, key=lambda c: _importance(c, corroborated))
        articles = articles_of[label]
        result.append(
            {
                "outlet": label,
                "known": any(facts[a].outlet_known for a in articles),
                "articles": [_article_line(index[a]) for a in articles],
                "claims": [{**_claim_line(c), "corroborated_by": corroborated.get(c.id, 0)} for c in ranked[:top]],
                "claim_count": len(outlet_claims),
                "anonymous_share": _share(outlet_claims),
                "relies_on": _relies_on(outlet_claims, facts),
            }
        )
    return result


def _corroboration_by_story(store: Store, claims: list, facts: dict) -> dict[str, int]:
    """Corroboration counted inside each story: sentences of two different events never match."""
    story_of = store.stories_of(facts)
    by_story: dict[str | None, list] = {}
    for claim in claims:
        by_story.setdefault(story_of.get(claim.article), []).append(claim)
    corroborated: dict[str, int] = {}
    for story_claims in by_story.values():
        corroborated.update(compare.corroboration(story_claims, facts))
    return corroborated


def _share(outlet_claims: list) -> float:
    return round(sum(c.anonymous for c in outlet_claims) / max(1, len(outlet_claims)), 2)


def _importance(claim, corroborated: dict[str, int]) -> tuple:
    return (-corroborated.get(claim.id, 0), claim.sentence_index >= 3, claim.anonymous, claim.sentence_index)


def _article_line(row: dict) -> dict:
    return {k: row[k] for k in ("id", "title", "published", "retelling_of", "retelling_date")}


def _claim_line(claim) -> dict:
    return {
        "id": claim.id,
        "text": claim.text,
        "sources": claim.sources,
        "cue": claim.cue,
        "anonymous": claim.anonymous,
        "hedged": claim.hedged,
        "inherited": claim.inherited,
    }


def _relies_on(outlet_claims: list, facts: dict) -> list[dict]:
    """Counts of the immediate source behind each claim (the first link after the outlet), one entry
    per speaker whatever the spelling ("Tan", "Mr. Tan", "Hock Tan")."""
    counts: Counter[str] = Counter()
    for claim in outlet_claims:
        chain = claim.sources[1:] if facts[claim.article].outlet_known else claim.sources
        counts[chain[0] if chain else "(the outlet itself)"] += 1
    return speakers.merge(counts)


def stories(
    store: Store, since: str | None = None, min_size: int = 1, outlet: str | None = None, story: str | None = None
) -> list[dict]:
    """One record per story, newest first: label, canonical headline, dates, counts, outlets, members."""
    scope = None if story is None else [store.resolve_story(story)]
    result = []
    for record in _story_records(store, scope):
        if record["articles"] < min_size or (since and (record["last"] or "") < since):
            continue
        if outlet and outlet.lower() not in {o.lower() for o in record["outlets"]}:
            continue
        result.append(record)
    result.sort(key=lambda r: (r["last"] or "", r.pop("seq")), reverse=True)
    return result


def _story_records(store: Store, scope: list[str] | None) -> Iterator[dict]:
    """The record of every story, or of the stories in `scope`."""
    for story_id, members in groupby(store.story_rows(scope), key=lambda r: r["story"]):
        yield _story_record(story_id, list(members))


def _story_record(story_id: str, members: list[dict]) -> dict:
    clusters = {}
    for member in members:
        clusters.setdefault(member["cluster"], []).append(member)
    largest = max(clusters.values(), key=lambda m: (len(m), -min(r["seq"] for r in m)))
    canonical = _canonical(largest)
    dates = sorted(m["published"] for m in members if m["published"])
    return {
        "story": story_id,
        "label": stories_.label(m["title"] for m in members if m["title"]),
        "title": next(m["title"] for m in members if m["article"] == canonical),
        "first": dates[0] if dates else None,
        "last": dates[-1] if dates else None,
        "articles": len(members),
        "syndicated_clusters": sum(len(m) > 1 for m in clusters.values()),
        "independent_reports": len(clusters),
        "outlets": sorted({m["outlet"] for m in members if m["outlet"]}),
        "seq": max(m["seq"] for m in members),
        "members": [{**_member(m), "cluster": m["cluster"]} for m in members],
    }


def story_membership(records: list[dict]) -> list[dict]:
    """One line per article with its story and cluster: the shape scripts and the story scorer read."""
    return [
        {
            "article": m["article"],
            "external_id": m["external_id"],
            "path": m["path"],
            "story": r["story"],
            "cluster": m["cluster"],
        }
        for r in records
        for m in r["members"]
    ]


OVERVIEW_SHARED = 3
OVERVIEW_CONFLICTS = 5


def overview(
    store: Store,
    top: int = 10,
    since: str | None = None,
    outlets: list[str] | None = None,
    aliases_path: Path | None = None,
) -> dict:
    """The stories most recently updated, each diffed on its own: outlets, top shared claims and
    conflicts. Bounded by `top`, whatever the size of the database: only those stories are read.

    Beside `stories` it carries the keys of a single diff (`outlets`, `shared`, `unique`,
    `conflicts`, `aliases`), each item tagged with its story: the same contract for scripts whether
    the database holds one story or many, and still no sentence compared across stories."""
    recent = store.recent_stories(top, since=since, outlets=outlets or ())
    order = {story: rank for rank, story in enumerate(recent)}
    chosen = sorted(_story_records(store, recent), key=lambda record: order[record["story"]])
    entries = []
    merged: dict = {"shared": [], "unique": [], "conflicts": [], "aliases": []}
    claims_of: Counter[str] = Counter()
    known: dict[str, bool] = {}
    for record in chosen:
        result = diff(store, outlets=outlets, since=since, aliases_path=aliases_path, story=record["story"])
        for key, items in merged.items():
            items.extend({**item, "story": record["story"]} for item in result[key])
        for outlet in result["outlets"]:
            claims_of[outlet["outlet"]] += outlet["claims"]
            known[outlet["outlet"]] = known.get(outlet["outlet"], False) or outlet["known"]
        entries.append(
            {
                **{k: record[k] for k in ("story", "label", "title", "first", "last", "articles", "outlets")},
                "shared": result["shared"][:OVERVIEW_SHARED],
                "conflicts": result["conflicts"][:OVERVIEW_CONFLICTS],
                "more_shared": max(0, len(result["shared"]) - OVERVIEW_SHARED),
                "more_conflicts": max(0, len(result["conflicts"]) - OVERVIEW_CONFLICTS),
            }
        )
    outlet_rows = [{"outlet": o, "known": known[o], "claims": claims_of[o]} for o in sorted(claims_of, key=str.lower)]
    return {"stories": entries, "total_stories": store.story_count(), "outlets": outlet_rows, **merged}
