"""Read-side views over the store: syndication clusters and an article's copies."""

from __future__ import annotations

from itertools import groupby

from basewatch import dedupe
from basewatch.store import Store


def clusters(store: Store, min_size: int = 1) -> list[dict]:
    """One record per cluster: canonical article, members, outlets, and the evidence for each merge."""
    rows = store.cluster_rows()
    result = []
    for cluster_id, group in groupby(rows, key=lambda r: r["cluster"]):
        members = list(group)
        if len(members) < min_size:
            continue
        canonical = dedupe.canonical((m["article"], m["published"], m["words"]) for m in members)
        ids = [m["article"] for m in members]
        result.append(
            {
                "cluster": cluster_id,
                "canonical": canonical,
                "size": len(members),
                "outlets": sorted({m["outlet"] for m in members if m["outlet"]}),
                "title": next(m["title"] for m in members if m["article"] == canonical),
                "members": [_member(m) for m in members],
                "evidence": store.merge_evidence(ids) if len(members) > 1 else [],
            }
        )
    result.sort(key=lambda c: (-c["size"], c["cluster"]))
    return result


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
        member["evidence"] = [
            e for e in evidence if {e["article"], e["matched"]} == {article_id, member["article"]}
        ]
    return members
