"""Source-attributed claims: what each sentence of a body asserts, and on whose word.

Pure. News copy is mostly second-hand, so a claim's `sources` is a chain from the outlet outward
("Kyiv Independent" -> "Bloomberg" -> "sources familiar with the matter"), read from cue phrases
and clause structure rather than quotation marks alone. A sentence with no attribution of its own
inherits the basis the article declares when it says it retells another outlet's report.
Dates inside claims resolve against the article's own date, never today's.

The parts: `split` (sentences), `facts` (what a sentence says about itself), `dates`, `parsed` and
`patterns` (a sentence's own attribution, from the parse or from word patterns), `sources` and
`cues` (the words both read), `speakers` (one name per speaker); this module links sentences into
an article's chains.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from basewatch import aliases, parse
from basewatch.claims import parsed, patterns
from basewatch.claims.cues import STRONG_CUE_WORDS
from basewatch.claims.dates import report_date, resolve
from basewatch.claims.facts import sentence_facts
from basewatch.claims.sources import (
    HONORIFIC_GENDER,
    HONORIFICS,
    NON_SOURCE_RE,
    PRONOUNS,
    Attribution,
    is_anonymous,
    is_person,
)
from basewatch.claims.split import sentences, sentences_in_paragraphs, without_dateline
from basewatch.metadata import iso_day

__all__ = ["Claim", "Provenance", "extract", "sentences"]

# A retelling names its basis in the headline: "Bloomberg: ..." or "..., Bloomberg reports".
_TITLE_BASIS_RES = (
    re.compile(r"^(?P<src>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}):\s+\S"),
    re.compile(
        r"[:,]\s+(?P<src>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})(?:\s+(?:reports?|reported|says|writes))?\s*$"
    ),
)


@dataclass(frozen=True, slots=True)  # a whole-database comparison holds millions
class Claim:
    id: str
    article: str
    outlet: str | None
    text: str
    cue: str | None
    sources: list[str]
    anonymous: bool
    hedged: bool
    direct_quote: bool
    sentence_index: int
    names: list[str]
    numbers: list[str]
    dates: list[dict]
    inherited: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Provenance:
    """What an article rests on: the outlets/sources it cites and the report it retells, if any."""

    article: str
    cites: dict[str, int] = field(default_factory=dict)
    retelling_of: str | None = None
    retelling_date: str | None = None


def extract(
    article_id: str,
    body: str,
    outlet: str | None,
    title: str | None = None,
    published: str | None = None,
    parsed_attribution: bool = True,
) -> tuple[list[Claim], Provenance]:
    """Claims for every asserting sentence of `body`, and the article's provenance. Attribution comes
    from the dependency parse, or from word patterns when `parsed_attribution` is off (the quick
    first reading at ingest) or the parser cannot load."""
    reference = iso_day(published)
    label = outlet
    located = sentences_in_paragraphs(body)
    parts = [sentence for sentence, _ in located]
    facts = [sentence_facts(s) for s in parts]
    attributions = _attributions(parts, parsed_attribution)
    declared, declared_date = _declared_basis(title, parts[:3], attributions[:3])
    basis = declared
    claims: list[Claim] = []
    people = _People(body)
    cited_in = -1  # the last paragraph naming the retold report
    for index, (text, fact, attribution) in enumerate(zip(parts, facts, attributions, strict=True)):
        paragraph = located[index][1]
        if fact.subhead:
            basis = None  # a new section is the outlet's own background, not the retold report
        chain = list(attribution.chain)
        if chain and chain[-1].lower() in PRONOUNS:
            chain[-1] = people.resolve(chain[-1]) or chain[-1]
        elif chain and chain[-1].lower() == "it":
            chain[-1] = people.last_organisation or chain[-1]
        people.saw(chain[-1] if chain and is_person(chain[-1]) else _subject_name(text, fact.names))
        if chain:
            people.saw_source(chain[-1])
        if not fact.assertion:
            continue
        previous = claims[-1] if claims else None
        cue = attribution.cue
        if not chain and fact.direct_quote and previous and previous.direct_quote:
            chain = previous.sources[1 if label else 0 :]  # the quote goes on: same speaker, same cue
            cue = previous.cue
        inherited = not chain and basis is not None
        if basis and chain and basis[0] in chain:
            cited_in = paragraph
        if inherited:
            # Next to where the article names the report, a sentence retells it with its sources;
            # further on it may be background: the report, not its unnamed sources, carries it.
            chain = list(basis) if paragraph - cited_in <= 1 else [basis[0]]
        elif basis and chain and _retold(chain, attribution) and basis[0] not in " ".join(chain):
            chain = [basis[0], *chain]  # "the sources said" in a retelling are the retold outlet's
        if label and chain and len(chain) > 1 and aliases.same_organisation(chain[0], label):
            chain = chain[1:]  # "told the Bay Observer" in the Bay Observer: told us
        sources = ([label] if label else []) + chain
        claims.append(
            Claim(
                id=f"{article_id}#{index}",
                article=article_id,
                outlet=outlet,
                text=text,
                cue=cue if not inherited else None,
                sources=sources,
                anonymous=bool(chain) and (is_anonymous(chain[-1]) or fact.notes_anonymity),
                hedged=fact.hedged,
                direct_quote=fact.direct_quote,
                sentence_index=index,
                names=list(fact.names),
                numbers=list(fact.numbers),
                dates=[{"text": d, "date": resolve(d, before, reference)} for d, before in fact.dates],
                inherited=inherited,
            )
        )
    return claims, _provenance(article_id, claims, declared, declared_date, reference)


_HONORIFIC_RE = re.compile(rf"\b({'|'.join(HONORIFIC_GENDER)})\.? ([A-Z][\w'’-]+)")
_GENDER_OF_PRONOUN = {"he": "m", "she": "f"}


class _People:
    """Named people in reading order, for "he said" and "she told reporters": the nearest one
    whose gender, where the article shows it ("Mr. Soto", "Ms. Lind"), fits the pronoun."""

    def __init__(self, body: str) -> None:
        self.gender = {m[2]: HONORIFIC_GENDER[m[1]] for m in _HONORIFIC_RE.finditer(body)}
        self.recent: list[str] = []
        self.last_organisation: str | None = None

    def saw(self, person: str | None) -> None:
        if person:
            self.recent.append(person)

    def saw_source(self, source: str) -> None:
        """A named institution ("the IMF") is what a later "it says" most likely means."""
        if not is_person(source) and not is_anonymous(source) and source.lower() not in ("it", *PRONOUNS):
            self.last_organisation = source

    def resolve(self, pronoun: str) -> str | None:
        wanted = _GENDER_OF_PRONOUN.get(pronoun.lower())
        for person in reversed(self.recent[-8:]):
            if wanted is None or self.gender.get(person.split()[-1], wanted) == wanted:
                return person
        return None


def _subject_name(text: str, names: tuple[str, ...]) -> str | None:
    """A person named at the start of a sentence ("Tourist Juan Perez was on the beach") is the
    one a following "he said" most likely means."""
    words = names[0].split() if names else []
    if (
        len(words) >= 2
        and text.startswith(words[0])
        and words[0].lower() not in _FUNCTION_WORDS
        and words[-1].rstrip(".").lower() not in HONORIFICS
        and not words[0].isupper()
        and is_person(names[0])
    ):
        return names[0]
    return None


# Capitalised only because they open the sentence ("What Mr. Obama said", "Although Mrs. Clinton").
_FUNCTION_WORDS = frozenset(
    """what who whom whose which when where why how that this these those there here should would could can
    will may might must shall do does did is are was were has have had if although though because unless until
    whereas yet so then thus also still even just only not no nor even once""".split()
)


def _retold(chain: list[str], attribution: Attribution) -> bool:
    """In a retold report, what unnamed sources said and what anyone wants or fears ("the Kremlin
    is seeking access") reached the outlet through that report."""
    return is_anonymous(chain[0]) or (attribution.cue or "").partition(" ")[0] not in STRONG_CUE_WORDS


_NO_ATTRIBUTION = Attribution(None, ())


def _attributions(parts: list[str], parsed_attribution: bool) -> list[Attribution]:
    """Each sentence's own attribution: from the parse, or from the patterns."""
    parts = [without_dateline(p) for p in parts]
    nlp = parse.pipeline_or_none() if parsed_attribution else None
    if nlp is None:
        return [patterns.attribute(p) for p in parts]
    return [found or _NO_ATTRIBUTION for found in parsed.attribute_all(nlp, parts)]


def _declared_basis(
    title: str | None, lead: list[str], attributions: list[Attribution]
) -> tuple[tuple[str, ...] | None, str | None]:
    """The report an article says it retells: named in its headline ("Bloomberg: ...",
    "..., Bloomberg reports") or by an outlet verb in its first sentence."""
    basis: tuple[str, ...] | None = None
    if title:
        for pattern in _TITLE_BASIS_RES:
            match = pattern.search(title)
            if match and not NON_SOURCE_RE.match(match["src"]) and len(match["src"].split()) <= 4:
                basis = (match["src"],)
                break
    for attribution, sentence in zip(attributions, lead, strict=True):
        chain = attribution.chain
        if attribution.outlet_verb and chain and not is_anonymous(chain[0]):
            if basis is None and sentence is not lead[0]:
                continue
            if basis is None or aliases.same_organisation(basis[0], chain[0]):
                return chain, report_date(sentence)
    return basis, None


# -- provenance --------------------------------------------------------------------------------


def _provenance(
    article_id: str,
    claims: list[Claim],
    basis: tuple[str, ...] | None,
    basis_date: str | None,
    reference: date | None,
) -> Provenance:
    cites: dict[str, int] = {}
    for claim in claims:
        chain = claim.sources[1:] if claim.outlet else claim.sources
        if chain:
            cites[chain[0]] = cites.get(chain[0], 0) + 1
    resolved = resolve(basis_date, "", reference) if basis_date else None
    return Provenance(
        article=article_id,
        cites=dict(sorted(cites.items(), key=lambda kv: (-kv[1], kv[0]))),
        retelling_of=basis[0] if basis else None,
        retelling_date=resolved or basis_date,
    )
