"""Comparing outlets at the level of claims: shared, unique, conflicting, and how independent.

Pure over claims and article facts. Claims are normalised to content terms with name variants
folded, blocked by shared rare terms (never all pairs), aligned by term overlap with name
agreement, and grouped. Evidence is counted honestly: copies in one syndication cluster and
retellings of one report are a single independent root, however many outlets carry them.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from basewatch import aliases
from basewatch.claims import Claim, matches_at

# Two claims state the same thing when the rarity-weighted share of the shorter one's terms found in
# the other, plus a bonus per shared distinctive anchor (a name that is not everywhere in the story,
# a number), reaches this score...
MIN_ALIGN_SCORE = 0.5
ANCHOR_BONUS = 0.15
MIN_ALIGN_SHARED_TERMS = 3
# ...and they are about the same matter (for conflicts) when they share this many terms.
MIN_TOPIC_SHARED_TERMS = 2
# Negation, date and verb conflicts need claims this closely aligned (score, %).
CLOSE_ALIGN_PCT = 70
MAX_CONFLICTS_PER_PAIR = 5
# Candidate pairs come from each claim's rarest terms; a term in more claims than this pairs nothing.
KEYS_PER_CLAIM = 8
MIN_SHARED_KEYS = 2
MAX_KEY_CLAIMS = 200
# Names in more than this share of claims are the story's backdrop, not an anchor for alignment.
MAX_BLOCK_TERM_SHARE = 0.2
# Up to this many claims taking a stance are compared all against all; beyond, only those sharing a name.
MAX_STANCE_ALL_PAIRS = 400

_WORD_RE = re.compile(r"[\w’']+")
_STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from into over after before about as is are was were
    be been being has have had do does did it its this that these those there their they them he she his her
    we our you your i not no than then so such also which who whom whose what when where while would will
    can could may might should must said says say told tells reported reports report according citing cited
    reportedly added adds stated noted week weeks month year years monday tuesday wednesday thursday friday
    saturday sunday today yesterday tomorrow last next this very more most other some any all each new
    one two three per cent percent mr mrs ms dr source sources people person familiar matter""".split()
)
# Newsroom synonyms for the things claims are about, so paraphrases share terms.
_SYNONYMS = {
    "agreement": "deal", "accord": "deal", "pact": "deal", "negotiation": "talk", "airfield": "airbase",
    "harbour": "harbor", "nearing": "near", "troop": "force", "killed": "died", "leadership": "government",
    "administration": "government", "authority": "government",
}  # fmt: skip
# Titles and compass words are capitalised but identify nobody.
_TITLE_WORDS = frozenset(
    """president minister deputy foreign prime secretary spokesman spokeswoman spokesperson general chief
    east west north south middle new al el former state agency news""".split()
)
_NEGATION_RE = re.compile(r"\b(?:not|no|never|n[o']t|denied|denies|without|none)\b|n’t\b", re.I)
# Every stance phrase contains one of these; most sentences contain none.
_STANCE_HINTS = (
    "deal", "agree", "understanding", "positive", "breakthrough", "progress", "stall", "deadlock", "impasse",
    "collapse", "broke", "broken", "unlikely", "struggling", "difficult", "reject", "refuse", "failed",
    "dead end", "on hold",
)  # fmt: skip
_SOURCING_NOTE_RE = re.compile(
    r"\b(?:(?:asked|asking|who asked) not to be (?:named|identified)|not (?:authori[sz]ed|allowed) to \w+"
    r"(?: publicly)?|declined to be (?:named|identified)|didn[’']t immediately respond|did not immediately respond"
    r"|(?:wasn|was not)[’']?t? immediately possible)\b",
    re.I,
)
_PROGRESS_RE = re.compile(
    r"\b(?:close to (?:a |an )?(?:deal|agreement)|near(?:ing|s)? (?:a |an )?(?:deal|agreement)|"
    r"(?:deal|agreement) (?:is|was) (?:close|near|imminent)|(?:make|reach|reached|strike|struck|seal|sealed) "
    r"(?:a |an )?(?:deal|agreement)|agreed to|informal understanding|moving in a positive direction|"
    r"breakthrough|progress)\b",
    re.I,
)
_SETBACK_RE = re.compile(
    r"\b(?:stalled|stalling|deadlock(?:ed)?|impasse|collapsed|broke down|broken down|unlikely to|"
    r"struggling to|difficulties|rejected|refused|no deal|failed to|dead end|on hold)\b",
    re.I,
)
_QUANTITY_RE = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|hundred)\s+(?:(?:more|fewer|extra|new|additional)\s+)?(?P<unit>[a-z]+)",
    re.I,
)
# Where a number starts: a digit that does not continue another number, or a number word.
_DIGIT_START_RE = re.compile(r"(?<![\d.,])\d")
_QUANTITY_HINT_RE = re.compile(
    _DIGIT_START_RE.pattern + r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|thirty|forty|fifty|hundred)\b",
    re.I,
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "hundred": 100,
}  # fmt: skip
_DAYS_PER_UNIT = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30}
_VERB_SUFFIX_RE = re.compile(r"(?:ed|ing)$")


@dataclass(frozen=True)
class ArticleFacts:
    """What the comparison needs to know about an article."""

    id: str
    outlet: str  # outlet name, or the file name when the outlet is unknown
    outlet_known: bool
    cluster: str | None
    retelling_of: str | None
    origin: str | None = None  # outlet of the syndication cluster's canonical article


@dataclass(slots=True)
class _View:
    claim: Claim
    outlet: str
    terms: frozenset[str]
    names: frozenset[str]
    root: str
    stance: int = 0
    negated: bool = False
    quantities: dict[str, set[str]] | None = None
    content: int = 0  # views of one sentence (a syndicated copy repeats it) share this number


def outlet_label(outlet: str | None, path: str) -> tuple[str, bool]:
    """The outlet, or the article's file name (marked unknown) when the page named none."""
    if outlet:
        return outlet, True
    return f"[{Path(path.split(':', 1)[0]).name}]", False


def diff(
    claims: list[Claim],
    articles: dict[str, ArticleFacts],
    user_aliases: aliases.UserAliases | None = None,
) -> dict:
    """The outlet diff: shared claims with independent roots, unique claims, conflicts, aliases."""
    groups = aliases.build(_mentions(claims), _texts(claims), user_aliases)
    folding = aliases.folding_map(groups)
    views = _views(claims, articles, folding)
    pairs = _candidate_pairs(views)
    aligned = _aligned_pairs(views, pairs)
    shared, grouped = _shared(views, aligned)
    per_outlet = Counter(v.outlet for v in views)
    known = {a.outlet for a in articles.values() if a.outlet_known}
    return {
        "outlets": [
            {"outlet": label, "known": label in known, "claims": per_outlet[label]}
            for label in sorted(per_outlet, key=str.lower)
        ],
        "shared": shared,
        "unique": [_unique(v) for v in views if v.claim.id not in grouped],
        "conflicts": _conflicts(views, aligned, pairs),
        "aliases": [g.to_dict() for g in groups],
    }


def corroboration(claims: list[Claim], articles: dict[str, ArticleFacts]) -> dict[str, int]:
    """For each claim id, how many other independent roots state the same thing."""
    folding = aliases.folding_map(aliases.build(_mentions(claims), _texts(claims)))
    views = _views(claims, articles, folding)
    by_id = {v.claim.id: v for v in views}
    roots: dict[str, set[str]] = defaultdict(set)
    # Copies of one root cannot corroborate each other: their pairs need no verifying.
    pairs = [(a, b) for a, b in _candidate_pairs(views) if a.root != b.root]
    for a, b, _ in _aligned_pairs(views, pairs):
        roots[a].add(by_id[b].root)
        roots[b].add(by_id[a].root)
    return {cid: len(r - {by_id[cid].root}) for cid, r in roots.items()}


def _mentions(claims: list[Claim]) -> Iterable[tuple[str, list[str]]]:
    return ((c.article, c.names) for c in claims)


def _texts(claims: list[Claim]) -> Iterable[str]:
    return dict.fromkeys(c.text for c in claims)  # each sentence once, in order: copies repeat them


# -- normalising -------------------------------------------------------------------------------


class _Normaliser:
    """Turns claims into views. Syndicated copies repeat sentences and news repeats its vocabulary,
    so each distinct sentence is analysed once and each distinct word turned into a term once."""

    def __init__(self, folding: dict[str, str]):
        self.folding = folding
        multi = sorted((v for v in folding if " " in v), key=len, reverse=True)
        self.phrases = re.compile("|".join(map(re.escape, multi))) if multi else None
        self.terms: dict[str, str] = {}  # word -> its term, "" for a stopword
        self.names: dict[str, frozenset[str]] = {}
        self.sentences: dict[tuple, tuple] = {}

    def view(self, claim: Claim, article: ArticleFacts) -> _View:
        # Everything a verdict on two claims reads, so that equal keys may share one verdict.
        key = (claim.text, tuple(claim.names), tuple(claim.numbers))
        if key not in self.sentences:
            self.sentences[key] = (len(self.sentences), *self._analysed(claim))
        content, terms, names, stance, negated, quantities = self.sentences[key]
        return _View(claim, article.outlet, terms, names, _root(claim, article), stance, negated, quantities, content)

    def _analysed(self, claim: Claim) -> tuple:
        lowered = claim.text.lower()
        words = _WORD_RE.findall(lowered)
        folded = self.phrases.sub(lambda m: self.folding[m.group(0)], lowered) if self.phrases else lowered
        folded_words = words if folded == lowered else _WORD_RE.findall(folded)
        for word in set(folded_words).difference(self.terms):
            self.terms[word] = _term(word, self.folding) if _content(word) else ""
        terms = frozenset(map(self.terms.__getitem__, folded_words)) - {""}
        names = _name_tokens(claim.names, self.folding, self.names)
        quantities = _quantities(claim.text, words)
        return terms, names, _stance(claim.text), _negated(claim.text), quantities


def _views(claims: list[Claim], articles: dict[str, ArticleFacts], folding: dict[str, str]) -> list[_View]:
    normaliser = _Normaliser(folding)
    return [normaliser.view(c, articles[c.article]) for c in claims if c.article in articles]


def _name_tokens(names: list[str], folding: dict[str, str], cache: dict[str, frozenset[str]]) -> frozenset[str]:
    """Each proper name as folded tokens, so "Russia’s Tartus naval base" and "Tartus" meet."""
    tokens: set[str] = set()
    for name in names:
        if name not in cache:
            folded = folding.get(aliases.key(name), aliases.key(name))
            cache[name] = frozenset(_term(t, folding) for t in folded.split() if t not in _STOPWORDS and len(t) > 1)
        tokens.update(cache[name])
    return frozenset(tokens)


def _content(word: str) -> bool:
    return word not in _STOPWORDS and (len(word) > 2 or word.isdigit())


def _term(word: str, folding: dict[str, str]) -> str:
    """A comparable term: folded name variant, no possessive, crude plural removal, synonyms merged."""
    word = folding.get(word, word).replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 4 and word.endswith("es") and word[-3] in "sxz" or word.endswith(("ches", "shes")):
        word = word[:-2]
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return _SYNONYMS.get(word, word)


def _root(claim: Claim, article: ArticleFacts) -> str:
    """The independent origin of a claim: the report it retells or cites, the original of its
    syndication cluster, or else the outlet itself. Equal roots count once."""
    chain = claim.sources[1:] if article.outlet_known else claim.sources
    if article.retelling_of and (
        claim.inherited or any(aliases.same_organisation(article.retelling_of, s) for s in chain[:1])
    ):
        return _report(article.retelling_of)
    if chain and _is_outlet_source(claim, chain[0]):
        return _report(chain[0])
    return _report(article.origin or article.outlet)


def _report(name: str) -> str:
    return "report:" + aliases.organisation_key(name)


def _is_outlet_source(claim: Claim, source: str) -> bool:
    return claim.cue in ("reported", "reports", "writes", "wrote") and len(source.split()) <= 4


# -- alignment ---------------------------------------------------------------------------------


def _aligned_pairs(views: list[_View], pairs: list[tuple[_View, _View]]) -> list[tuple[str, str, dict]]:
    """(claim id, claim id, explanation) for claims of different outlets that state the same thing.

    Overlap is weighted by how rare each term is in the compared claims, so two sentences that only
    share the story's ever-present names ("Russia", "Syria") do not count as the same claim.
    """
    idf = _idf(views)
    name_df = Counter(n for v in views for n in v.names)
    common = {n for n, c in name_df.items() if c > MAX_BLOCK_TERM_SHARE * len(views)}
    verdicts: dict[tuple[int, int], dict | None] = {}  # copies of two sentences get one verdict
    aligned = []
    for a, b in pairs:
        key = (a.content, b.content)
        if key not in verdicts:
            verdicts[key] = _alignment(a, b, idf, common)
        if verdicts[key] is not None:
            aligned.append((a.claim.id, b.claim.id, verdicts[key]))
    return aligned


def _alignment(a: _View, b: _View, idf: dict[str, float], common: set[str]) -> dict | None:
    """Why two claims state the same thing, or None when they do not."""
    shared = a.terms & b.terms
    smaller = min(sum(idf[t] for t in a.terms), sum(idf[t] for t in b.terms))
    overlap = sum(idf[t] for t in shared) / max(smaller, 1e-9)
    anchors = sorted(((a.names & b.names) - common - _TITLE_WORDS) | (_numbers(a) & _numbers(b)))
    score = overlap + ANCHOR_BONUS * min(len(anchors), 2)
    if len(shared) < MIN_ALIGN_SHARED_TERMS or score < MIN_ALIGN_SCORE:
        return None
    if a.names and b.names and not (a.names & b.names):
        return None
    if a.stance * b.stance < 0 or _quantity_conflict(a, b):
        return None  # same matter, but they disagree: a conflict, not a shared claim
    return {
        "score_pct": round(100 * score),
        "overlap_pct": round(100 * overlap),
        "anchors": anchors,
        "shared_terms": sorted(shared)[:12],
    }


def _numbers(view: _View) -> set[str]:
    """Numbers specific enough to identify a fact (not "two" or "5")."""
    return {n.replace(",", "") for n in view.claim.numbers if any(c.isdigit() for c in n) and len(n) >= 2}


def _idf(views: list[_View]) -> dict[str, float]:
    distinct = {v.terms for v in views}
    df = Counter(t for terms in distinct for t in terms)
    n = len(distinct) + 1
    return defaultdict(lambda: math.log(n), {t: math.log(n / c) for t, c in df.items()})


def _candidate_pairs(views: list[_View]) -> list[tuple[_View, _View]]:
    """Pairs of claims from different outlets that share at least two of their rarest terms.

    Each claim is keyed by its few rarest terms only (terms in a single claim cannot pair, terms in
    very many claims identify nothing), so the work grows with the claims, not with their square.
    Verification then scores every candidate on all its terms.
    """
    by_terms: dict[frozenset[str], list[int]] = defaultdict(list)
    for i, view in enumerate(views):  # syndicated copies repeat sentences: key each text once
        by_terms[view.terms].append(i)
    texts = list(by_terms.values())
    df = Counter(t for terms in by_terms for t in terms)
    # Two texts sharing MIN_SHARED_KEYS keys share a combination of that many keys: indexing each
    # text under its key combinations finds exactly those pairs, never the many sharing only one.
    by_combination: dict[tuple[str, ...], list[int]] = defaultdict(list)
    keyed_enough = []
    for text, terms in enumerate(by_terms):
        usable = sorted((df[t], t) for t in terms if 2 <= df[t] <= MAX_KEY_CLAIMS)
        keys = sorted(t for _, t in usable[:KEYS_PER_CLAIM])
        if len(keys) >= MIN_SHARED_KEYS:
            keyed_enough.append(text)
        for combination in combinations(keys, MIN_SHARED_KEYS):
            by_combination[combination].append(text)
    text_pairs = {pair for sharing in by_combination.values() for pair in combinations(sharing, 2)}
    pairs = [(i, j) if i < j else (j, i) for t, u in text_pairs for i in texts[t] for j in texts[u]]
    pairs += [pair for t in keyed_enough for pair in combinations(texts[t], 2)]
    return [(views[i], views[j]) for i, j in sorted(pairs) if views[i].outlet != views[j].outlet]


def _shared(views: list[_View], aligned: list[tuple[str, str, dict]]) -> tuple[list[dict], set[str]]:
    """Groups of aligned claims, built as stars around the best-connected claim.

    Every member aligns with its group's centre, so a chain of loosely related sentences
    (deal -> bases -> lease) never becomes one "shared claim".
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
        free = [n for n in neighbours[centre] if n not in placed]
        group = [by_id[centre], *(by_id[n] for n in free)]
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
                "members": [_side(v) for v in group],
                "why": [{"pair": [centre, n], **neighbours[centre][n]} for n in free],
            }
        )
    result.sort(key=lambda s: (-len(s["outlets"]), -s["independent_sources"], s["claim"]))
    return result, placed


def _side(view: _View) -> dict:
    return {
        "id": view.claim.id,
        "outlet": view.outlet,
        "text": view.claim.text,
        "sources": view.claim.sources,
    }


def _unique(view: _View) -> dict:
    return {
        "outlet": view.outlet,
        "claim": view.claim.text,
        "sources": view.claim.sources,
        "id": view.claim.id,
    }


# -- conflicts ---------------------------------------------------------------------------------


def _conflicts(
    views: list[_View], aligned: list[tuple[str, str, dict]], pairs: list[tuple[_View, _View]]
) -> list[dict]:
    """Aligned or topic-related claims of different outlets that disagree, with the reason.

    Per pair of outlets and kind of disagreement only the most closely related pair of claims is
    reported, so one contradiction is not listed once for every sentence that repeats it.
    """
    close = {frozenset((a, b)) for a, b, why in aligned if why["score_pct"] >= CLOSE_ALIGN_PCT}
    best: dict[tuple, tuple[int, dict]] = {}
    for a, b in _conflict_candidates(views, pairs):
        reason = _disagreement(a, b, frozenset((a.claim.id, b.claim.id)) in close)
        if reason is None:
            continue
        # Keyed by independent roots: a syndicated copy repeats its original's conflict, not a new one.
        # Two retellings of one report that disagree are still two outlets contradicting each other.
        pair = sorted((a.root, b.root)) if a.root != b.root else sorted((a.outlet, b.outlet))
        key = (*pair, _conflict_key(reason, a, b))
        closeness = len(a.terms & b.terms) + 3 * len(a.names & b.names)
        if key in best and best[key][0] >= closeness:
            continue
        topic = sorted(a.names & b.names) or sorted(a.terms & b.terms)[:4]
        best[key] = (
            closeness,
            {"topic": ", ".join(topic[:4]), "sides": [_side(a), _side(b)], "reason": reason},
        )
    ranked = sorted(best.items(), key=lambda item: -item[1][0])
    per_pair: Counter[tuple[str, str]] = Counter()
    result = []
    for key, (_, conflict) in ranked:
        if per_pair[key[:2]] < MAX_CONFLICTS_PER_PAIR:
            per_pair[key[:2]] += 1
            result.append(conflict)
    return result


def _conflict_candidates(views: list[_View], pairs: list[tuple[_View, _View]]) -> Iterable[tuple[_View, _View]]:
    """Pairs worth checking: those sharing a rare term, and every cross-outlet pair of claims that
    take a stance (few per story, and they often share only the story's common names)."""
    seen: set[frozenset[str]] = set()
    for a, b in pairs:
        seen.add(frozenset((a.claim.id, b.claim.id)))
        yield a, b
    stances = [v for v in views if v.stance]
    for a, b in _stance_pairs(stances):
        if a.outlet != b.outlet and frozenset((a.claim.id, b.claim.id)) not in seen:
            yield a, b


def _stance_pairs(stances: list[_View]) -> Iterable[tuple[_View, _View]]:
    if len(stances) <= MAX_STANCE_ALL_PAIRS:
        yield from combinations(stances, 2)
        return
    by_name: dict[str, list[_View]] = defaultdict(list)
    for view in stances:
        for name in view.names:
            by_name[name].append(view)
    done: set[frozenset[str]] = set()
    for group in by_name.values():
        for a, b in combinations(group[:MAX_STANCE_ALL_PAIRS], 2):
            key = frozenset((a.claim.id, b.claim.id))
            if key not in done:
                done.add(key)
                yield a, b


def _conflict_key(reason: str, a: _View, b: _View) -> str:
    """One conflict per pair of outlets and setback ("stalled", "unlikely to"), whatever progress
    phrase the other side used; other kinds are kept per reason."""
    if reason.startswith("opposite stance"):
        setback = next((_SETBACK_RE.search(v.claim.text) for v in (a, b) if v.stance < 0), None)
        return "stance:" + (setback.group(0).lower() if setback else "")
    return reason


def _disagreement(a: _View, b: _View, aligned: bool) -> str | None:
    shared_terms = a.terms & b.terms
    names_agree = bool(a.names & b.names) or not (a.names and b.names)
    if len(shared_terms) < MIN_TOPIC_SHARED_TERMS or not names_agree:
        return None
    if a.stance * b.stance < 0:
        return "opposite stance: " + " versus ".join(_stance_phrase(v.claim.text) for v in (a, b))
    quantity = _quantity_conflict(a, b)
    if quantity:
        return quantity
    if not aligned:
        return None
    if a.negated != b.negated:
        return "negation: one states it, the other denies it"
    dates_a = {d["date"] for d in a.claim.dates if d["date"]}
    dates_b = {d["date"] for d in b.claim.dates if d["date"]}
    if dates_a and dates_b and not dates_a & dates_b:
        return f"different dates for the same event: {', '.join(sorted(dates_a))} versus {', '.join(sorted(dates_b))}"
    only_a, only_b = a.terms - b.terms, b.terms - a.terms
    if len(only_a) == 1 and len(only_b) == 1 and all(_VERB_SUFFIX_RE.search(t) for t in only_a | only_b):
        return f"different verbs for the same act: {next(iter(only_a))} versus {next(iter(only_b))}"
    return None


def _negated(text: str) -> bool:
    """Negation in what is claimed, not in how it was sourced ("asked not to be named")."""
    if not _NEGATION_RE.search(text):
        return False
    return bool(_NEGATION_RE.search(_SOURCING_NOTE_RE.sub(" ", text)))


def _stance(text: str) -> int:
    lowered = text.lower()
    if not any(hint in lowered for hint in _STANCE_HINTS):
        return 0
    progress, setback = bool(_PROGRESS_RE.search(text)), bool(_SETBACK_RE.search(text))
    return (progress and not setback) - (setback and not progress)


def _stance_phrase(text: str) -> str:
    match = _PROGRESS_RE.search(text) or _SETBACK_RE.search(text)
    return f'"{match.group(0)}"' if match else "?"


def _quantity_conflict(a: _View, b: _View) -> str | None:
    qa, qb = a.quantities or {}, b.quantities or {}
    for unit in sorted(set(qa) & set(qb)):
        same_quantity = unit == "duration" or unit in a.terms & b.terms
        if same_quantity and not qa[unit] & qb[unit]:
            left, right = (", ".join(sorted(q)) for q in (qa[unit], qb[unit]))
            return f"different numbers for the same quantity ({unit}): {left} versus {right}"
    return None


def _quantities(text: str, words: list[str]) -> dict[str, set[str]]:
    """Number -> unit pairs; durations are compared in days ("ten days" vs "two weeks").
    `words` are the text's lower-case words: most sentences hold no number word, and scanning for
    digits alone is three times faster."""
    found: dict[str, set[str]] = defaultdict(set)
    starts = _DIGIT_START_RE if _NUMBER_WORDS.keys().isdisjoint(words) else _QUANTITY_HINT_RE
    # Only from where a number starts, so never inside a word ("someone fled" holds no quantity).
    for match in matches_at(starts, _QUANTITY_RE, text):
        number, unit = match["num"].lower(), match["unit"].lower()
        value = _NUMBER_WORDS.get(number)
        if value is None:
            value = float(number.replace(",", ""))
        if unit in _DAYS_PER_UNIT:
            found["duration"].add(f"{value * _DAYS_PER_UNIT[unit]:g} days")
        elif unit not in _STOPWORDS:
            found[_term(unit, {})].add(f"{value:g}")
    return found
