"""Syndicated-copy detection: fingerprints, candidate keys, pair verification, cluster choice.

Pure. The clean body (never the raw page) is shingled into word 5-grams. Candidate keys are a
content-defined sample of those shingles (hash mod N == 0) plus the first few shingles of the
lead, so a brief cut from a long original still shares keys with it. Every candidate pair is then
verified: the smaller text must be contained in the larger (containment, not Jaccard, so trims
match) and the two openings must agree, which stops a merge that rests on one borrowed paragraph.
Clusters only fuse through strong links, so shared phrases cannot chain unrelated stories.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz import fuzz

from basewatch.settings import Settings

_TOKEN_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class Fingerprint:
    shingles: frozenset[int]
    keys: tuple[int, ...]
    lead: tuple[str, ...]
    words: int


class PackedFingerprint(NamedTuple):
    """A fingerprint in its stored form, which is also the cheap form between processes."""

    shingles: bytes
    keys: tuple[int, ...]
    lead: str
    words: int


@dataclass(frozen=True)
class Evidence:
    """Why two articles were judged copies of one text."""

    article: str
    matched: str
    containment_pct: float
    lead_match_pct: float
    shared_shingles: int


@dataclass(frozen=True)
class Candidate:
    article: str
    cluster: str
    fingerprint: Fingerprint
    cluster_size: int = 1


@dataclass(frozen=True)
class Assignment:
    """Where a new article goes: an existing cluster (or its own), and clusters it fuses."""

    cluster: str
    evidence: tuple[Evidence, ...]
    absorbed: tuple[str, ...]


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN_RE.findall(text)]


def fingerprint(body: str, settings: Settings) -> Fingerprint:
    words = tokens(body)
    size = settings.shingle_words
    hashes = (
        [zlib.crc32(" ".join(words[i : i + size]).encode("utf-8")) for i in range(max(1, len(words) - size + 1))]
        if words
        else []
    )
    sampled = {h for h in hashes if h % settings.key_sample_modulus == 0}
    keys = sampled.union(hashes[: settings.lead_key_shingles])
    return Fingerprint(
        shingles=frozenset(hashes),
        keys=tuple(sorted(keys)),
        lead=tuple(words[: settings.lead_words]),
        words=len(words),
    )


def verify(article: str, a: Fingerprint, matched: str, b: Fingerprint, settings: Settings) -> Evidence | None:
    """Evidence that `a` and `b` are copies of one text, or None."""
    if not a.shingles or not b.shingles:
        return None
    shared = len(a.shingles & b.shingles)
    if shared < settings.min_shared_shingles and shared < min(len(a.shingles), len(b.shingles)):
        return None
    containment = 100.0 * shared / min(len(a.shingles), len(b.shingles))
    if containment < min(settings.min_containment_pct, settings.same_lead_containment_pct):
        return None
    lead = _lead_match(a.lead, b.lead)
    # Heavily edited copies keep less of the text but the same opening; other reports of the same
    # story may share the wire lead too, so less text needs a near-identical lead.
    enough = containment >= settings.min_containment_pct and lead >= settings.min_lead_match_pct
    same_lead = containment >= settings.same_lead_containment_pct and lead >= settings.same_lead_match_pct
    if not (enough or same_lead):
        return None
    return Evidence(article, matched, round(containment, 1), round(lead, 1), shared)


def _lead_match(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Similarity of the two openings, over the length of the shorter one (a brief's lead is short)."""
    n = min(len(a), len(b))
    if n == 0:
        return 0.0
    return fuzz.ratio(" ".join(a[:n]), " ".join(b[:n]))


def assign(article: str, fp: Fingerprint, candidates: Iterable[Candidate], settings: Settings) -> Assignment:
    """Choose the cluster for a new article from verified candidates.

    The article joins the cluster of its strongest verified match. It fuses that cluster with
    another group only through a strong link (both scores high), so a chain of weak links through
    shared phrases or short briefs cannot grow one giant cluster.
    """
    best_by_cluster: dict[str, Evidence] = {}
    sizes: dict[str, int] = {}
    for candidate in candidates:
        sizes[candidate.cluster] = candidate.cluster_size
        evidence = verify(article, fp, candidate.article, candidate.fingerprint, settings)
        if evidence is None:
            continue
        current = best_by_cluster.get(candidate.cluster)
        if current is None or _strength(evidence) > _strength(current):
            best_by_cluster[candidate.cluster] = evidence
    if not best_by_cluster:
        return Assignment(cluster=article, evidence=(), absorbed=())
    ranked = sorted(best_by_cluster.items(), key=lambda item: (_strength(item[1]), item[0]), reverse=True)
    home, home_evidence = ranked[0]
    # A lone article joins on any verified link (as it would have, arriving later); two groups
    # fuse only through a strong one.
    absorbed = tuple(cluster for cluster, ev in ranked[1:] if sizes[cluster] == 1 or _is_strong(ev, settings))
    evidence = (home_evidence, *(best_by_cluster[c] for c in absorbed))
    return Assignment(cluster=home, evidence=evidence, absorbed=absorbed)


def _strength(evidence: Evidence) -> tuple[float, float]:
    return (min(evidence.containment_pct, evidence.lead_match_pct), evidence.shared_shingles)


def _is_strong(evidence: Evidence, settings: Settings) -> bool:
    return min(evidence.containment_pct, evidence.lead_match_pct) >= settings.strong_link_pct


def canonical(members: Iterable[tuple[str, str | None, int]]) -> str:
    """The cluster's canonical article: earliest published, then longest, then smallest id.

    `members` are (id, published, words); undated articles come after dated ones.
    """
    return min(members, key=lambda m: (m[1] is None, m[1] or "", -m[2], m[0]))[0]


def packed(fp: Fingerprint) -> PackedFingerprint:
    return PackedFingerprint(pack(fp.shingles), fp.keys, " ".join(fp.lead), fp.words)


def unpacked(fp: PackedFingerprint) -> Fingerprint:
    return Fingerprint(unpack(fp.shingles), fp.keys, tuple(fp.lead.split()), fp.words)


def pack(shingles: frozenset[int]) -> bytes:
    return array("I", sorted(shingles)).tobytes()


def unpack(blob: bytes) -> frozenset[int]:
    values = array("I")
    values.frombytes(blob)
    return frozenset(values)
