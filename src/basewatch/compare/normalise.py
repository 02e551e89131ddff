"""Claims as comparable views: content terms with name variants folded, roots.

Syndicated copies repeat sentences and news repeats its vocabulary, so each distinct sentence is
analysed once and each distinct word turned into a term once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from basewatch import aliases, vocabulary
from basewatch.claims import Claim
from basewatch.compare.frames import NO_FRAME, Frame
from basewatch.compare.words import plain, term

WORD_RE = re.compile(r"[\w']+")
STOPWORDS = (
    frozenset(
        """a an the and or but if of to in on at by for with from into over after before about as is are was were
    be been being has have had do does did it its this that these those there their they them he she his her
    we our you your i not no than then so such also which who whom whose what when where while would will
    can could may might should must said says say told tells reported reports report according citing cited
    reportedly added adds stated noted week weeks month year years today yesterday tomorrow last next very
    more most other some any all each new per cent percent mr mrs ms dr source sources people person familiar
    matter""".split()
    )
    | set(vocabulary.WEEKDAYS)
    | set(vocabulary.NUMBER_WORDS)
)


@dataclass(frozen=True)
class ArticleFacts:
    """What the comparison needs to know about an article."""

    id: str
    outlet: str  # outlet name, or the file name when the outlet is unknown
    outlet_known: bool
    retelling_of: str | None
    origin: str | None = None  # outlet of the syndication cluster's canonical article
    published: str | None = None


@dataclass(slots=True)
class View:
    claim: Claim
    outlet: str
    terms: frozenset[str]
    names: frozenset[str]
    root: str
    content: int = 0  # views of one sentence (a syndicated copy repeats it) share this number
    frame: Frame = NO_FRAME  # one object per sentence read (frames are immutable), so id() tells them apart
    published: str | None = None


def outlet_label(outlet: str | None, path: str, article_id: str = "") -> tuple[str, bool]:
    """The outlet, or the article's file name (marked unknown) when the page named none; texts read
    from stdin have no name, so each is told apart by its id rather than all merged into one outlet."""
    if outlet:
        return outlet, True
    name = Path(path.split(":", 1)[0]).name
    return (f"[{name} {article_id[7:19]}]" if name == "<stdin>" else f"[{name}]"), False


class Normaliser:
    """Turns claims into views; `frames` maps each distinct plain sentence to what it asserts."""

    def __init__(self, folding: dict[str, str], frames: dict[str, Frame]):
        self.folding = folding
        self.frames = frames
        multi = sorted((v for v in folding if " " in v), key=len, reverse=True)
        self.phrases = re.compile("|".join(map(re.escape, multi))) if multi else None
        self.terms: dict[str, str] = {}  # word -> its term, "" for a stopword
        self.names: dict[str, frozenset[str]] = {}
        self.sentences: dict[tuple, tuple] = {}

    def view(self, claim: Claim, article: ArticleFacts) -> View:
        key = (claim.text, tuple(claim.names))  # everything a verdict reads: equal keys share one verdict
        if key not in self.sentences:
            self.sentences[key] = (len(self.sentences), *self._analysed(claim))
        content, terms, names, frame = self.sentences[key]
        return View(claim, article.outlet, terms, names, root(claim, article), content, frame, article.published)

    def _analysed(self, claim: Claim) -> tuple:
        text = plain(claim.text)
        lowered = text.lower()
        folded = self.phrases.sub(lambda m: self.folding[m.group(0)], lowered) if self.phrases else lowered
        words = WORD_RE.findall(folded)
        for word in set(words).difference(self.terms):
            self.terms[word] = term(word, self.folding) if _content(word) else ""
        terms = frozenset(map(self.terms.__getitem__, words)) - {""}
        names = _name_tokens(claim.names, self.folding, self.names)
        return terms, names, self.frames.get(text, NO_FRAME)


def _name_tokens(names: list[str], folding: dict[str, str], cache: dict[str, frozenset[str]]) -> frozenset[str]:
    """Each proper name as folded tokens, so "Russia’s Tartus naval base" and "Tartus" meet."""
    tokens: set[str] = set()
    for name in names:
        if name not in cache:
            folded = folding.get(aliases.key(name), aliases.key(name))
            cache[name] = frozenset(term(t, folding) for t in folded.split() if t not in STOPWORDS and len(t) > 1)
        tokens.update(cache[name])
    return frozenset(tokens)


def _content(word: str) -> bool:
    return word not in STOPWORDS and (len(word) > 2 or word.isdigit())


def root(claim: Claim, article: ArticleFacts) -> str:
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
