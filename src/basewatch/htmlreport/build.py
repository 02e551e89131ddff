"""The report's view model, built only from the JSON the CLI prints (`diff`, `summary`, `clusters`
with `--format json`), so the page never disagrees with them. Pure: dicts in, dicts out.

Every string taken from an article stays a plain string here; escaping is the template engine's job,
and text to highlight is split into segments rather than marked up.
"""

from __future__ import annotations

import re
from datetime import datetime

from basewatch import aliases

# Rows of the matrix beyond the shared facts: an outlet's most important unique claims, in the order
# `summary` ranks them. More would bury the shared facts of a 20-article story under hundreds of rows.
MAX_UNIQUE_PER_OUTLET = 6
MAX_SOURCES_PER_OUTLET = 6
# Strongest first when an outlet carries one fact in several articles.
KIND_ORDER = ("report", "retelling", "copy")
KIND_LABEL = {"report": "independent report", "retelling": "retelling", "copy": "syndicated copy"}
_QUOTED = re.compile(r'"([^"]+)"')


def story(diff: dict, summary: list[dict], clusters: list[dict], label: str | None = None) -> dict:
    """Everything one story's section shows, in the order the page shows it."""
    articles = _articles(summary, clusters)
    outlets = [o["outlet"] for o in diff.get("outlets", [])]
    roots = _provenance(clusters, articles)
    dated = sorted((a for a in articles.values() if a["when"]), key=lambda a: a["when"])
    return {
        "label": label or _label(clusters),
        "first": dated[0]["published"] if dated else None,
        "last": dated[-1]["published"] if dated else None,
        "outlets": outlets,
        "article_count": len(articles),
        "independent_reports": sum(1 for r in roots if not r.get("external")),
        "timeline": _timeline(articles, outlets),
        "facts": _facts(diff, summary, articles),
        "omitted": _omitted(diff),
        "conflicts": _conflicts(diff, articles),
        "provenance": roots,
        "reliance": _reliance(summary),
    }


def _label(clusters: list[dict]) -> str:
    """The headline of the most-copied report: what the story was first and most widely told as."""
    titled = [c for c in clusters if c.get("title")]
    return titled[0]["title"] if titled else "Untitled story"


def _articles(summary: list[dict], clusters: list[dict]) -> dict[str, dict]:
    """Each article with its outlet label, date, and how it came about: a syndicated copy of another
    article, a retelling of another outlet's report, or a report of its own."""
    copy_of = {
        m["article"]: c["canonical"] for c in clusters if c.get("size", 0) > 1 for m in c["members"]
        if m["article"] != c["canonical"]
    }  # fmt: skip
    articles = {}
    for row in summary:
        for item in row.get("articles", []):
            kind = "copy" if item["id"] in copy_of else "retelling" if item.get("retelling_of") else "report"
            articles[item["id"]] = {
                **item,
                "outlet": row["outlet"],
                "kind": kind,
                "copy_of": copy_of.get(item["id"]),
                "when": _moment(item.get("published")),
            }
    return articles


def _moment(published: str | None) -> datetime | None:
    """A partial ISO date ("2026", "2026-03", "2026-03-04T09:40:00") as the earliest moment it can mean."""
    if not published:
        return None
    text = published[:19]
    text += {4: "-01-01", 7: "-01"}.get(len(text), "")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def _article_of(claim_id: str) -> str:
    return claim_id.rpartition("#")[0] or claim_id


def _chain(sources: list[str] | None) -> str:
    return " › ".join(sources or [])


def _cell(member: dict, articles: dict[str, dict]) -> dict:
    article = articles.get(_article_of(member["id"]), {})
    kind = article.get("kind", "report")
    return {
        "kind": kind,
        "kind_label": KIND_LABEL[kind],
        "text": member["text"],
        "chain": _chain(member.get("sources")),
        "published": article.get("published"),
    }


def _row(text: str, members: list[dict], articles: dict[str, dict], **extra) -> dict:
    """One fact: per outlet carrying it, its strongest way of carrying it and every sentence that does."""
    cells: dict[str, dict] = {}
    for member in members:
        cell = _cell(member, articles)
        held = cells.setdefault(member["outlet"], {"kind": cell["kind"], "kind_label": cell["kind_label"], "said": []})
        if KIND_ORDER.index(cell["kind"]) < KIND_ORDER.index(held["kind"]):
            held.update(kind=cell["kind"], kind_label=cell["kind_label"])
        held["said"].append(cell)
    return {"text": text, "cells": cells, **extra}


def _facts(diff: dict, summary: list[dict], articles: dict[str, dict]) -> list[dict]:
    """Shared facts first (most independent sources first), then each outlet's top unique claims."""
    rows = [
        _row(s["claim"], s["members"], articles, shared=True, independent=s.get("independent_sources", 0))
        for s in sorted(diff.get("shared", []), key=lambda s: -s.get("independent_sources", 0))
    ]
    for outlet, unique in _unique_by_outlet(diff, summary).items():
        for u in unique[:MAX_UNIQUE_PER_OUTLET]:
            member = {"id": u["id"], "outlet": outlet, "text": u["claim"], "sources": u.get("sources")}
            rows.append(_row(u["claim"], [member], articles, shared=False, independent=1))
    return rows


def _unique_by_outlet(diff: dict, summary: list[dict]) -> dict[str, list[dict]]:
    rank = {c["id"]: i for row in summary for i, c in enumerate(row.get("claims", []))}
    grouped: dict[str, list[dict]] = {}
    for u in diff.get("unique", []):
        grouped.setdefault(u["outlet"], []).append(u)
    return {o: sorted(us, key=lambda u: rank.get(u["id"], len(rank))) for o, us in grouped.items()}


def _omitted(diff: dict) -> list[dict]:
    counts: dict[str, int] = {}
    for u in diff.get("unique", []):
        counts[u["outlet"]] = counts.get(u["outlet"], 0) + 1
    return [{"outlet": o, "count": n - MAX_UNIQUE_PER_OUTLET} for o, n in counts.items() if n > MAX_UNIQUE_PER_OUTLET]


def _conflicts(diff: dict, articles: dict[str, dict]) -> list[dict]:
    """Conflicts with hard ones first; the typed fields (`type`, `strength`, `slot`, values) are used
    where `diff` gives them, the `reason` and `sides` every diff has otherwise."""
    found = diff.get("conflicts", [])
    ordered = sorted(found, key=lambda c: c.get("strength") == "soft")
    return [
        {
            "reason": c.get("reason", ""),
            "type": c.get("type"),
            "strength": c.get("strength"),
            "slot": c.get("slot"),
            "topic": c.get("topic"),
            "sides": [_side(s, _values(c, i), articles) for i, s in enumerate(c.get("sides", []))],
        }
        for c in ordered
    ]


def _values(conflict: dict, index: int) -> list[str]:
    """What differs on one side: its own value, the conflict's value list, or the quoted phrases of
    the reason (`opposite stance: "deal is close" versus "stalled"`)."""
    side = conflict.get("sides", [])[index]
    if side.get("value"):
        return [str(side["value"])]
    values = conflict.get("values") or []
    if index < len(values) and values[index]:
        return [str(values[index])]
    return _QUOTED.findall(conflict.get("reason", ""))


def _side(side: dict, values: list[str], articles: dict[str, dict]) -> dict:
    article = articles.get(_article_of(side.get("id", "")), {})
    return {
        "outlet": side.get("outlet"),
        "published": side.get("published") or article.get("published"),
        "title": article.get("title"),
        "chain": _chain(side.get("sources")),
        "segments": highlighted(side.get("text", ""), values),
        "carried_by": [o for o in side.get("carried_by", []) if o != side.get("outlet")],
    }


def highlighted(text: str, needles: list[str]) -> list[tuple[str, bool]]:
    """`text` as (segment, is_highlight) pairs: every case-insensitive occurrence of a needle marked."""
    wanted = [n for n in needles if n and n.strip()]
    if not wanted:
        return [(text, False)]
    pattern = re.compile("|".join(re.escape(n) for n in sorted(wanted, key=len, reverse=True)), re.IGNORECASE)
    segments, start = [], 0
    for match in pattern.finditer(text):
        if match.start() > start:
            segments.append((text[start : match.start()], False))
        segments.append((match.group(), True))
        start = match.end()
    if start < len(text):
        segments.append((text[start:], False))
    return segments


def _timeline(articles: dict[str, dict], outlets: list[str]) -> dict:
    """Per outlet, its articles placed by publication time on a 0–100 scale."""
    dated = sorted((a for a in articles.values() if a["when"]), key=lambda a: a["when"])
    if not dated:
        return {"lanes": [], "undated": list(articles.values()), "first": None, "last": None}
    first, last = dated[0]["when"], dated[-1]["when"]
    span = (last - first).total_seconds()
    lanes: dict[str, list[dict]] = {}
    for a in dated:
        at = 50.0 if span == 0 else round(100 * (a["when"] - first).total_seconds() / span, 2)
        lanes.setdefault(a["outlet"], []).append({**a, "at": min(99.0, at)})
    order = {o: i for i, o in enumerate(outlets)}
    return {
        "lanes": [{"outlet": o, "articles": lanes[o]} for o in sorted(lanes, key=lambda o: order.get(o, len(order)))],
        "undated": [a for a in articles.values() if not a["when"]],
        "first": dated[0]["published"],
        "last": dated[-1]["published"],
    }


def _provenance(clusters: list[dict], articles: dict[str, dict]) -> list[dict]:
    """Original → copies trees: one node per syndication cluster, and a cluster whose original retells
    another outlet's report hangs under that report (or under its name when it is not stored)."""
    nodes = [_node(c, articles) for c in clusters]
    roots, external = [], {}
    for node in nodes:
        retold = node["article"].get("retelling_of")
        if not retold:
            roots.append(node)
            continue
        originals = (n for n in nodes if not n["article"].get("retelling_of"))
        # A retelling cites an outlet short: "Harbor Ledger" names the one stored as "Harbor Ledger Media".
        target = next((n for n in originals if aliases.same_organisation(n["article"]["outlet"], retold)), None)
        if target is None:
            target = external.setdefault(retold, {"external": True, "name": retold, "copies": [], "retellings": []})
        target["retellings"].append(node)
    return roots + list(external.values())


def _node(cluster: dict, articles: dict[str, dict]) -> dict:
    def info(article_id: str, member: dict) -> dict:
        return articles.get(article_id) or {**member, "id": article_id, "outlet": member.get("outlet") or "?"}

    members = {m["article"]: m for m in cluster.get("members", [])}
    evidence = {e["article"]: e for e in cluster.get("evidence", [])}
    copies = [
        {**info(a, m), "containment_pct": evidence.get(a, {}).get("containment_pct")}
        for a, m in members.items()
        if a != cluster["canonical"]
    ]
    canonical = info(cluster["canonical"], members.get(cluster["canonical"], {}))
    return {"external": False, "article": canonical, "copies": copies, "retellings": []}


def _reliance(summary: list[dict]) -> dict:
    """Per outlet: named vs anonymous claims and the sources it relies on most, on one shared scale."""
    rows = []
    for row in summary:
        total = row.get("claim_count", 0)
        anonymous = round(row.get("anonymous_share", 0) * total)
        rows.append(
            {
                "outlet": row["outlet"],
                "named": total - anonymous,
                "anonymous": anonymous,
                "total": total,
                "sources": row.get("relies_on", [])[:MAX_SOURCES_PER_OUTLET],
                "more_sources": max(0, len(row.get("relies_on", [])) - MAX_SOURCES_PER_OUTLET),
            }
        )
    peak = max((s["claims"] for r in rows for s in r["sources"]), default=1)
    return {"outlets": rows, "peak_claims": max(1, max((r["total"] for r in rows), default=1)), "peak_source": peak}
