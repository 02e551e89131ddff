"""Stories: which articles report the same event, decided as each article arrives.

Pure. An article's text becomes a term vector: content words, names and numbers, each weighted by
where it stands (the headline and lead say what the event is; later paragraphs, and paragraphs a
copy borrowed from another story, count less), sublinear in repetition. Rarity (IDF over the
database) is applied at comparison time, so common legal or political words weigh little and the
names, places and figures that separate two same-day court cases weigh most.

A story is a group of *units*: one per syndication cluster's distinct text, never one per copy,
so a wire story carried by two hundred sites is compared once. A new text finds candidate stories
through its most distinctive terms (index keys, probed in the store, never a scan), and the units
of the stories it resembles are regrouped with it by average linkage: two groups join only when
their mean pairwise similarity clears the bar, so a story cannot grow by chaining through loosely
related articles, and an early wrong join is undone when later articles show the split. Articles
dated further apart than a window never link. Every cluster stays inside one story.
"""

from __future__ import annotations

import hashlib
import math
import re
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from basewatch.metadata import iso_day
from basewatch.settings import Settings
from basewatch.vocabulary import NUMBER_WORDS, WEEKDAYS

_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*\d|\d")
_PARAGRAPH_RE = re.compile(r"\n\s*\n")
# Function words and newsroom filler: they say nothing about which event an article reports.
_STOPWORDS = (
    frozenset(
        """a about above after again against all also although among an and another any are around as at be
    because been before being between both but by can could did do does doing down during each either even
    ever every few for from further had has have having he her here hers him his how however i if in into is
    it its itself just last later least less like made make many may me might more most much must my near
    neither never new next no nor not now of off on once one only or other our out over own per perhaps
    rather said same say says she should since so some still such than that the their them then there these
    they this those though through thus to too two under until up upon us very was we were what when where
    whether which while who whom whose why will with within without would year years yet you your told tell
    tells according added adds mr mrs ms dr week weeks today yesterday time times day days first second
    people""".split()
    )
    | set(WEEKDAYS)
    | set(NUMBER_WORDS)
)


class Terms(NamedTuple):
    """A text's term vector before rarity: hashed term ids, ascending, and their weights."""

    ids: np.ndarray
    weights: np.ndarray


@dataclass(frozen=True)
class Unit:
    """One distinct text of a story: a syndication cluster's first text (its copies add nothing)."""

    article: str
    cluster: str
    story: str | None
    terms: Terms
    published: str | None = None


class Rarity(NamedTuple):
    """IDF of the terms in play: term ids, ascending, and each one's weight."""

    ids: np.ndarray
    idf: np.ndarray

    def of(self, terms: np.ndarray) -> np.ndarray:
        """The IDF of each of `terms`; a term never counted is as rare as the rarest known."""
        if not len(self.ids):
            return np.ones(len(terms))
        at = self._at(terms)
        return np.where(self.ids[at] == terms, self.idf[at], self.idf.max())

    def _at(self, terms: np.ndarray) -> np.ndarray:
        return np.minimum(np.searchsorted(self.ids, terms), max(len(self.ids) - 1, 0))


def vector(title: str | None, body: str, settings: Settings) -> dict[int, float]:
    """Term weights of one article before rarity: position-weighted, sublinear counts.

    Terms are hashed (crc32) so the index and the stored vectors hold integers.
    """
    counts: Counter[str] = Counter()
    paragraphs = [title or "", *_PARAGRAPH_RE.split(body)]
    for index, paragraph in enumerate(paragraphs):
        # The inverted pyramid: the headline and the lead name the event, the tail wanders.
        decay = settings.story_paragraph_decay * (index - 1)
        weight = settings.story_title_weight if index == 0 else 1.0 / (1.0 + decay)
        for term in _terms(paragraph):
            counts[term] += weight
    return {_hash(t): 1.0 + math.log(v) if v >= 1.0 else v for t, v in counts.items()}


def _terms(text: str) -> list[str]:
    words = _TOKEN_RE.findall(text)
    # "3" is everywhere; "1999", "£250" and "42" are not
    numbers = ["#" + n for w in words if w[0].isdigit() and len((n := w.replace(",", "")).replace(".", "")) >= 2]
    lowered = (w.lower().strip("'’-") for w in words if not w[0].isdigit())
    return numbers + [w for w in lowered if len(w) >= 3 and w not in _STOPWORDS]


def _hash(term: str) -> int:
    return zlib.crc32(term.encode("utf-8"))


def rarity(docs: int, terms: np.ndarray, held: np.ndarray, settings: Settings) -> Rarity:
    """IDF of each of `terms` from how many texts hold it (`held`), out of `docs` distinct texts.

    A prior of unseen texts stands for the news the database has not seen: in a database of one
    story, that story's own names would otherwise look as common as "the".
    """
    order = np.argsort(terms, kind="stable")
    top = math.log(docs + settings.story_prior_docs + 1.0)
    return Rarity(terms[order], top - np.log(held[order] + 0.5))


def keys(terms: Terms, rarity: Rarity, count: int) -> tuple[int, ...]:
    """The article's `count` most distinctive terms, most distinctive first: its index keys."""
    score = terms.weights.astype(np.float64) * rarity.of(terms.ids)
    return tuple(terms.ids[np.lexsort((terms.ids, -score))[:count]].tolist())


def similarities(units: Sequence[Unit], rarity: Rarity, settings: Settings) -> np.ndarray:
    """Pairwise TF-IDF cosine of `units`; pairs dated further apart than the window score 0."""
    ids = np.concatenate([u.terms.ids for u in units])
    rows = np.repeat(np.arange(len(units)), [len(u.terms.ids) for u in units])
    columns, at = np.unique(ids, return_inverse=True)
    matrix = np.zeros((len(units), len(columns)), dtype=np.float32)
    matrix[rows, at] = np.concatenate([u.terms.weights for u in units])
    matrix *= rarity.of(columns).astype(np.float32)
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)
    sims = matrix @ matrix.T
    days = np.array([_day(u.published) for u in units], dtype=np.float64)  # None: undated, never too far
    with np.errstate(invalid="ignore"):
        sims[np.abs(days[:, None] - days[None, :]) > settings.story_window_days] = 0.0
    return sims


def _day(published: str | None) -> float:
    """The day number of an ISO date, or NaN when it lacks a day."""
    day = iso_day(published)
    return math.nan if day is None else float(day.toordinal())


def regroup(units: Sequence[Unit], sims: np.ndarray, settings: Settings) -> list[list[Unit]]:
    """Average-linkage grouping of `units`; the units of one cluster start (and stay) together.

    Groups merge, best first, while their mean pairwise similarity reaches the bar: a loose
    neighbour of one member cannot pull a whole group along.
    """
    start: dict[str, list[int]] = {}
    for i, unit in enumerate(units):
        start.setdefault(unit.cluster, []).append(i)
    groups = list(start.values())
    member = np.zeros((len(groups), len(units)), dtype=np.float32)
    for g, rows in enumerate(groups):
        member[g, rows] = 1.0
    # Sums of pairwise similarity between groups, and group sizes: merging adds rows and columns.
    sums = member @ sims @ member.T
    sizes = member.sum(axis=1)
    alive = np.ones(len(groups), dtype=bool)
    while alive.sum() > 1:
        means = sums / np.outer(sizes, sizes)
        means[~alive, :] = means[:, ~alive] = -1.0
        np.fill_diagonal(means, -1.0)
        i, j = np.unravel_index(int(np.argmax(means)), means.shape)
        if means[i, j] < settings.story_min_similarity:
            break
        sums[i, :] += sums[j, :]
        sums[:, i] += sums[:, j]
        sizes[i] += sizes[j]
        groups[i] = groups[i] + groups[j]
        alive[j] = False
    return [[units[k] for k in groups[g]] for g in np.flatnonzero(alive)]


def place(
    new: Unit,
    units: Sequence[Unit],
    rarity: Rarity,
    settings: Settings,
    existing: Callable[[Iterable[str]], set[str]],
) -> list[tuple[str, list[Unit]]]:
    """The stories of `new` and of the `units` of its candidate stories, after regrouping them.

    Only stories with a text at least as similar to `new` as the bar take part. When they hold more
    texts than `story_max_regroup_units`, nothing is regrouped: `new` joins the story it is
    closest to on average, or starts one.
    """
    everything = [new, *units]
    sims = similarities(everything, rarity, settings)
    close = {u.story for u, sim in zip(units, sims[0, 1:], strict=True) if sim >= settings.story_probe_similarity}
    if not close:  # nothing to regroup: `new` stays where it is, or starts a story
        return [(new.story or new.article, [new])]
    keep = [0, *(i + 1 for i, u in enumerate(units) if u.story in close)]
    local = [everything[i] for i in keep]
    if len(units) > settings.story_max_regroup_units:
        return [(_closest(local, sims[0, keep], settings) or new.article, [new])]
    groups = regroup(local, sims[np.ix_(keep, keep)], settings)
    taken = existing(u.article for u in local[1:]) - close
    return name_groups(groups, taken)


def _closest(local: list[Unit], sims: np.ndarray, settings: Settings) -> str | None:
    """The story `local[0]` is most similar to on average, if that reaches the bar."""
    by_story: dict[str, list[float]] = {}
    for unit, sim in zip(local[1:], sims[1:], strict=True):
        by_story.setdefault(unit.story, []).append(float(sim))
    means = {s: sum(v) / len(v) for s, v in by_story.items()}
    best = max(means, key=lambda s: (means[s], s), default=None)
    return best if best is not None and means[best] >= settings.story_min_similarity else None


def name_groups(groups: list[list[Unit]], taken: set[str]) -> list[tuple[str, list[Unit]]]:
    """A story id for each group: the story most of its units already had (stable ids); a group
    split off, or a new one, is named after its earliest unit. `taken` holds ids in use elsewhere."""
    named = []
    used = set(taken)
    for group in sorted(groups, key=lambda g: (-len(g), min(u.article for u in g))):
        votes = Counter(u.story for u in group if u.story is not None)
        ranked = sorted(votes, key=lambda s: (-votes[s], s))
        story = next((s for s in ranked if s not in used), None)
        if story is None:
            story = next((u.article for u in group if u.article not in used), None) or _derived_id(group)
        used.add(story)
        named.append((story, group))
    return named


def label(titles: Iterable[str], size: int = 4) -> list[str]:
    """The words a person recognises the story by: those in the most of its headlines."""
    seen: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for title in sorted(set(titles)):
        for word in dict.fromkeys(_TOKEN_RE.findall(title)):
            lower = word.lower().strip("'’-")
            if len(lower) >= 3 and lower not in _STOPWORDS:
                seen[lower] += 1
                spelling.setdefault(lower, word.strip("'’-"))
    return [spelling[w] for w, _ in sorted(seen.items(), key=lambda kv: (-kv[1], kv[0]))[:size]]


def _derived_id(group: list[Unit]) -> str:
    """An id for a split-off group whose every member already names another story."""
    members = "\n".join(sorted(u.article for u in group))
    return "sha256:" + hashlib.sha256(members.encode("utf-8")).hexdigest()[:16]


def pack(terms: dict[int, float]) -> bytes:
    ordered = sorted(terms)
    return array("I", ordered).tobytes() + array("f", (terms[t] for t in ordered)).tobytes()


def unpack(blob: bytes) -> Terms:
    half = len(blob) // 2
    return Terms(np.frombuffer(blob[:half], dtype=np.uint32), np.frombuffer(blob[half:], dtype=np.float32))
