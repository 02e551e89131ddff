"""Name-variant folding built from the corpus's own proper names.

Pure. Transliterations one or two letters apart (Khmeimim/Hmeimim, Tartus/Tartous) fold together
only when the places or people around them agree, because Tartus and Tarsus are also one letter
apart and are different cities. Article prefixes (al-Sharaa/Sharaa) and acronyms the text itself
defines ("Hayat Tahrir al-Sham (HTS)") fold too. A user file adds and forbids merges; every merge
is reported with its reason.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from cleanco.termdata import terms_by_type
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from basewatch.errors import UsageError

# Spellings this similar (normalised Levenshtein) are variant candidates...
MIN_SPELLING_SIMILARITY = 0.8
# ...and fold only if the names around them agree: this many shared, this share of the smaller set.
MIN_SHARED_CONTEXT = 2
MIN_CONTEXT_OVERLAP = 0.3
MIN_SENTENCE_AGREEMENT = 0.5
MIN_NAME_CHARS = 4

_POSSESSIVE_RE = re.compile(r"['’ʼ]s?$")
_PREFIX_RE = re.compile(r"^(?:al|el|ad|as|ash|at|ar)[-‐ ](?=\w)", re.I)
_ACRONYM_DEF_RE = re.compile(
    r"(?P<long>(?:[A-Z][\w'’]*[\s-]+(?:(?:al|el|of|the|and|for)[\s-]+)?){1,6}[A-Z][\w'’]*)"
    r"\s*(?:\(|,\s+or\s+)(?P<short>[A-Z]{2,6})\b"
)
# Company legal forms of many countries (Ltd, GmbH, S.A., Pty Ltd...), from the maintained cleanco list.
_LEGAL_FORMS = frozenset(term.strip().replace(".", "") for terms in terms_by_type.values() for term in terms)
_LONGEST_LEGAL_FORM = max(len(form.split()) for form in _LEGAL_FORMS)
# The word for a publisher's business, which its name carries in some places and not in others
# ("Harbor Ledger Media" in a copyright line, "the Harbor Ledger" in a byline).
_PUBLISHING_WORDS = frozenset("media group news online digital".split())
_SMALL_WORDS = frozenset("al el of the and for de".split())


@dataclass(frozen=True)
class AliasGroup:
    canonical: str
    variants: tuple[str, ...]
    reason: str

    def to_dict(self) -> dict:
        return {"canonical": self.canonical, "variants": list(self.variants), "reason": self.reason}


@dataclass
class UserAliases:
    """Merges a user asks for and merges a user forbids (`aliases.toml`)."""

    merges: dict[str, list[str]] = field(default_factory=dict)
    forbidden: set[frozenset[str]] = field(default_factory=set)


def load_user_aliases(path: Path | None) -> UserAliases:
    """Read `[aliases] Canonical = ["variant", ...]` and `[forbid] pairs = [["a", "b"], ...]`."""
    if path is None or not path.exists():
        return UserAliases()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise UsageError(f"{path}: not a valid aliases file ({exc})") from None
    merges = {str(k): [str(v) for v in vs] for k, vs in data.get("aliases", {}).items()}
    pairs = data.get("forbid", {}).get("pairs", [])
    return UserAliases(merges, {frozenset(p.lower() for p in pair) for pair in pairs if len(pair) == 2})


@lru_cache(maxsize=65536)  # a story repeats its names in every sentence
def key(name: str) -> str:
    """Comparison key of a name: lower case, possessive and article prefix dropped, no apostrophes or
    accents (San José and San Jose are one place)."""
    name = _POSSESSIVE_RE.sub("", name.strip())
    return _without_accents(_PREFIX_RE.sub("", name).lower()).translate(_KEY_PUNCTUATION)


_KEY_PUNCTUATION = str.maketrans({"'": None, "’": None, "ʼ": None, "-": " "})


def _without_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _why_same_key(a: str, b: str) -> str:
    """The difference between two names with one key, in the words a reader would use."""
    if a.lower() == b.lower():
        return "case only"
    apostrophes = str.maketrans({"’": "'", "ʼ": "'"})
    if a.lower().translate(apostrophes) == b.lower().translate(apostrophes):
        return "apostrophe form"
    if _without_accents(a).lower() == _without_accents(b).lower():
        return "accents"
    if _POSSESSIVE_RE.sub("", a).lower() == _POSSESSIVE_RE.sub("", b).lower():
        return "possessive form"
    if a.lower().replace("-", " ") == b.lower().replace("-", " "):
        return "hyphen or space"
    return "article prefix"


def build(
    mentions: Iterable[tuple[str, list[str]]], texts: Iterable[str], user: UserAliases | None = None
) -> list[AliasGroup]:
    """Alias groups from (document id, names in one sentence) mentions and the raw texts.

    A name's context is the set of other names in the same documents and in the same sentences.
    """
    user = user or UserAliases()
    counts: Counter[str] = Counter()
    by_document: dict[str, set[str]] = defaultdict(set)
    sentences: dict[str, list[frozenset[str]]] = defaultdict(list)
    company: dict[frozenset[str], frozenset[str]] = {}  # syndicated copies repeat each sentence's names
    for document, names in mentions:
        counts.update(names)
        keys = frozenset(key(n) for n in names)
        by_document[document].update(keys)
        for name in keys:
            others = keys - {name}
            sentences[name].append(company.setdefault(others, others))
    context: dict[str, set[str]] = defaultdict(set)
    for names in by_document.values():
        for name in names:
            context[name].update(names - {name})
    parent: dict[str, str] = {}
    reasons: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str, reason: str) -> None:
        if frozenset((a.lower(), b.lower())) in user.forbidden or frozenset((key(a), key(b))) in user.forbidden:
            return
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[rb] = ra
            reasons.setdefault(ra, reason)
            reasons[ra] = reasons[ra] if reasons[ra] == reason else "; ".join(sorted({reasons[ra], reason}))

    names = sorted(counts)
    _fold_prefixes(names, union)
    _fold_spellings(names, context, sentences, union)
    _fold_acronyms(texts, set(names), union)
    for canonical, variants in user.merges.items():
        for variant in variants:
            union(canonical, variant, "aliases file")
    return _groups(names + [v for vs in user.merges.values() for v in vs] + list(user.merges), find, counts, reasons)


@lru_cache(maxsize=65536)  # every claim of an outlet names the same few sources
def organisation_key(name: str) -> str:
    """One key for the spellings of an organisation: "the Harbor Ledger", "Harbor Ledger Media"."""
    words = name.lower().replace("’", "'").split()
    while words and words[0] == "the":
        words = words[1:]
    words = _without_legal_form(words)
    while len(words) > 1 and words[-1].strip(".") in _PUBLISHING_WORDS:
        words = _without_legal_form(words[:-1])
    return " ".join(words)


def without_legal_form(name: str) -> str:
    """The name without a trailing company legal form: "Bay Observer Ltd" -> "Bay Observer"."""
    words = name.rstrip(" ,").split()
    kept = _without_legal_form([w.lower() for w in words])
    return " ".join(words[: len(kept)]).rstrip(" ,&") if kept else name


def _without_legal_form(words: list[str]) -> list[str]:
    for size in range(min(_LONGEST_LEGAL_FORM, len(words) - 1), 0, -1):
        if " ".join(words[-size:]).replace(".", "").strip(",") in _LEGAL_FORMS:
            return _without_legal_form([*words[:-size]])
    return words


def same_organisation(a: str, b: str) -> bool:
    """True when one organisation key holds the other's words in a row ("Bloomberg" in "Bloomberg
    News"); letters inside a word do not count ("AP" is not in "Capital Post")."""
    x, y = f" {organisation_key(a)} ", f" {organisation_key(b)} "
    return bool(x.strip()) and bool(y.strip()) and (x in y or y in x)


def _fold_prefixes(names: list[str], union) -> None:
    by_key: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_key[key(name)].append(name)
    for variants in by_key.values():
        for other in variants[1:]:
            union(variants[0], other, _why_same_key(variants[0], other))


def _fold_spellings(
    names: list[str], context: dict[str, set[str]], sentences: dict[str, list[frozenset[str]]], union
) -> None:
    """Single-word names a letter or two apart whose surroundings agree: several names shared
    across their documents, and most sentences naming either one also name something the other
    is named with (Tartus and Tarsus are one letter apart and are different cities).

    Candidates are blocked by their first or last three letters (transliterations keep one end),
    so the comparison does not grow with the square of the vocabulary.
    """
    singles = {key(n): n for n in names if " " not in key(n) and len(key(n)) >= MIN_NAME_CHARS}
    blocks: dict[str, list[str]] = defaultdict(list)
    for k in sorted(singles):
        blocks["^" + k[:3]].append(k)
        blocks[k[-3:] + "$"].append(k)
    seen: set[tuple[str, str]] = set()
    for ka, kb in _similar_pairs(blocks.values()):
        if (ka, kb) in seen:
            continue
        seen.add((ka, kb))
        if ka.startswith(kb) or kb.startswith(ka):
            continue  # Russia/Russian: a word and its derivative, not two spellings
        shared = (context[ka] & context[kb]) - {ka, kb}
        overlap = len(shared) / max(1, min(len(context[ka]), len(context[kb])))
        agree = min(_sentence_agreement(sentences[ka], context[kb]), _sentence_agreement(sentences[kb], context[ka]))
        if len(shared) >= MIN_SHARED_CONTEXT and overlap >= MIN_CONTEXT_OVERLAP and agree >= MIN_SENTENCE_AGREEMENT:
            union(
                singles[ka],
                singles[kb],
                f"spelling variants in the same context ({', '.join(sorted(shared)[:3])})",
            )


def _similar_pairs(blocks: Iterable[list[str]]) -> Iterator[tuple[str, str]]:
    """Pairs within each block spelled alike enough, scored all against all in rapidfuzz's C loop."""
    for block in blocks:
        if len(block) < 2:
            continue
        scores = process.cdist(
            block, block, scorer=Levenshtein.normalized_similarity, score_cutoff=MIN_SPELLING_SIMILARITY, workers=-1
        )
        for i, j in zip(*np.nonzero(np.triu(scores, 1)), strict=True):
            yield block[i], block[j]


def _sentence_agreement(own: list[frozenset[str]], other_context: set[str]) -> float:
    """Share of a name's sentences that mention something also found around the other name."""
    return sum(1 for names in own if names & other_context) / max(1, len(own))


def _fold_acronyms(texts: Iterable[str], names: set[str], union) -> None:
    for text in texts:
        for match in _ACRONYM_DEF_RE.finditer(text):
            long_name, short = match["long"].strip(), match["short"]
            if _initials(long_name) == short:
                union(long_name, short, "acronym defined in the text")


def _initials(name: str) -> str:
    parts = [p for p in re.split(r"[\s-]+", name) if p and p.lower() not in _SMALL_WORDS]
    return "".join(p[0].upper() for p in parts)


def _groups(names: list[str], find, counts: Counter[str], reasons: dict[str, str]) -> list[AliasGroup]:
    members: dict[str, set[str]] = defaultdict(set)
    for name in names:
        members[find(name)].add(name)
    groups = []
    for root, variants in members.items():
        if len(variants) < 2:
            continue
        canonical = max(sorted(variants), key=lambda v: (counts[v], len(v)))
        groups.append(AliasGroup(canonical, tuple(sorted(variants - {canonical})), reasons.get(root, "")))
    return sorted(groups, key=lambda g: g.canonical.lower())


def folding_map(groups: list[AliasGroup]) -> dict[str, str]:
    """Lower-case token or phrase -> canonical lower-case form, for normalising claim text."""
    mapping: dict[str, str] = {}
    for group in groups:
        for variant in group.variants:
            mapping[variant.lower()] = group.canonical.lower()
            mapping[key(variant)] = group.canonical.lower()
    return mapping
