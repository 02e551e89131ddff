"""One name per speaker: "Tan", "Mr. Tan", "Hock Tan" and "Broadcom CEO Hock Tan" are one source."""

from __future__ import annotations

from collections import Counter

from basewatch.claims.sources import HONORIFICS


def _words(source: str) -> tuple[str, ...]:
    words = [w.strip(".,’'").lower() for w in source.split()]
    words = [w[:-2] if w.endswith(("’s", "'s")) else w for w in words]
    while words and words[0] in HONORIFICS:
        words = words[1:]
    return tuple(w for w in words if w)


def merge(counts: Counter[str]) -> list[dict]:
    """Sources counted once per speaker: a name that ends another, longer one (honorifics aside) is
    the same speaker. The longest form is shown; every variant is kept, most used first. Speakers
    are listed by claims, then in the order they were first met."""
    groups: list[tuple[tuple[str, ...], list[str]]] = []
    for source in sorted(counts, key=lambda s: (-len(_words(s)), s)):
        words = _words(source)
        home = next((g for g in groups if words and g[0][-len(words) :] == words and words[-1][:1].isalpha()), None)
        if home is None:
            groups.append((words, [source]))
        else:
            home[1].append(source)
    merged = [
        {
            "source": variants[0],
            "claims": sum(counts[v] for v in variants),
            "variants": sorted(variants, key=lambda v: -counts[v]),
        }
        for _, variants in groups
    ]
    first_seen = {source: i for i, source in enumerate(counts)}
    return sorted(merged, key=lambda m: (-m["claims"], min(first_seen[v] for v in m["variants"])))
