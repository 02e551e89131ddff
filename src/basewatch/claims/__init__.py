"""Source-attributed claims: what each sentence of a body asserts, and on whose word.

Pure. News copy is mostly second-hand, so a claim's `sources` is a chain from the outlet outward
("Kyiv Independent" -> "Bloomberg" -> "sources familiar with the matter"), read from cue phrases
and clause structure rather than quotation marks alone. A sentence with no attribution of its own
inherits the basis the article declares when it says it retells another outlet's report.
Dates inside claims resolve against the article's own date, never today's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from syntok import segmenter

from basewatch import aliases, parse
from basewatch.claims import parsed
from basewatch.claims.cues import OUTLET_CUES, STRONG_CUE_WORDS
from basewatch.claims.sources import (
    MEDIA_WORD_RE,
    PRONOUNS,
    SOURCE_NOUN_RE,
    Attribution,
    is_anonymous,
    is_person,
)
from basewatch.metadata import parse_partial_date
from basewatch.vocabulary import (
    MAGNITUDE_WORDS,
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    MONTHS,
    NUMBER_WORDS,
    WEEKDAYS,
    alternation,
)


def split_syntok(paragraph: str) -> list[str]:
    return ["".join(t.spacing + t.value for t in s).strip() for p in segmenter.process(paragraph) for s in p]


try:  # blingfire's compiled splitter is ~9x faster; syntok (pure Python) splits the same where it cannot load
    import blingfire

    def _split(paragraph: str) -> list[str]:
        return blingfire.text_to_sentences(paragraph).split("\n")

except (ImportError, OSError):  # pragma: no cover - platforms without blingfire's shared library
    _split = split_syntok


# Verbs that attribute what follows (or precedes) to a speaker, a writer or a thinker.
_SPEECH_VERBS = (
    "said|says|say|told|tells|tell|reported|reports|report|writes|wrote|write|claimed|claims|claim|"
    "believes|believe|believed|suggested|suggests|demanded|demands|warned|warns|added|adds|noted|notes|"
    "stated|states|announced|announces|confirmed|confirms|cautioned|insisted|insists|argued|argues|"
    "estimated|estimates|explained|acknowledged|admitted|alleged|alleges|denied|denies|declared|"
    "predicted|quipped|tweeted|posted|thinks|think|expects|expect|hopes|signalled|signaled|indicated|"
    "revealed|disclosed|mentioned|emphasized|emphasised|clarified|urged|stressed|pledged|vowed"
)
_SPEECH_VERB_SET = frozenset(_SPEECH_VERBS.split("|"))
_WORD_SPAN_RE = re.compile(r"[a-z]+")
_OUTLET_VERB_RE = re.compile(r"\b(?:reported|reports|writes|wrote)\b")
_ACCORDING_RE = re.compile(r"\baccording to (?P<src>[^,;.]+(?:\.[A-Z][^,;.]*)?)", re.I)
_CITING_RE = re.compile(r"\b(?:citing|with reference to|quoting) (?P<src>[^,;]+?)(?=[,;.]|$)", re.I)
_CITING_CLAUSE_RE = re.compile(r",?\s*\b(?:citing|with reference to|quoting) [^,;]+?(?=[,;.]|$)", re.I)
_CITED_AS_RE = re.compile(r"(?P<outer>[^,;]+?)\s+(?:cited|quoted)\s+(?P<inner>[^,;]+?)\s+as saying", re.I)
_TOLD_RE = re.compile(r"\b(?:told|tells|tell)\s+(?P<to>(?:the\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,4}|[a-z]+)\b")
_INVERTED_RE = re.compile(
    r"(?:[,”\"]\s*)(?P<verb>said|says|added|told reporters|wrote|writes)\s+"
    r"(?P<src>(?:the\s+)?(?:[a-z]+\s+){0,3}[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|of|the|for|de|al-\w+)){0,6})"
)
_TRAILING_RE = re.compile(
    rf",[\"”’]?\s*(?P<src>[^,;\"“”]{{2,80}}?)\s+(?P<verb>{_SPEECH_VERBS})\b(?:\s+(?:reporters|journalists))?"
    r"(?:\s+(?:on|in|at|last|this|earlier|late|early)\b[^,;\"“”]{0,40})?[.!?\"”’]*$"
)
_PASSIVE_RE = re.compile(
    r"(?P<src>[^,;\"“”]{2,80}?)\s+(?P<cue>(?:was|were|is|are) (?:reported|quoted|cited) as (?:saying|telling))"
)
_NON_SOURCE_START = re.compile(
    r"^(?:it|this|that|which|there|what|who|as|and|but|so|if|when|while|he also|she also)$", re.I
)
_AUDIENCE = re.compile(
    r"^(?:reporters|journalists|the press|him|her|them|us|me|parliament|lawmakers|a news conference)$", re.I
)
_ANONYMITY_NOTE_RE = re.compile(
    r"\b(?:on condition of anonymity|asked not to be (?:named|identified)|asking not to be (?:named|identified)"
    r"|declined to be (?:named|identified)|requested anonymity|who asked not to be)\b",
    re.I,
)
_HEDGE_RE = re.compile(
    r"\b(?:reportedly|allegedly|apparently|possibly|perhaps|may|might|could|likely|unlikely|"
    r"(?:is|are|was|were) (?:said|believed|thought|reported|expected) to|believed to|appears? to|seems? to)\b",
    re.I,
)
_QUOTE_RE = re.compile(r"[\"“”„«»]|''")
_QUOTED_SPAN_RE = re.compile(r"(?:[\"“„«]|'')((?:(?!'')[^\"”“»]){12,})(?:[\"”»]|'')")
_NAME_RE = re.compile(
    r"\b(?:[A-Z][\w’'-]*[a-z][\w’'-]*|[A-Z]{2,6}|al-[A-Z][\w-]+)"
    r"(?:\s+(?:(?:of|de|al|bin|von|van|the)\s+)?(?:[A-Z][\w’'-]*[a-z][\w’'-]*|[A-Z]{2,6}|al-[A-Z][\w-]+))*"
)
_NAME_STOP = frozenset(
    """The A An In On At It Its This That These Those He She They We I But And Or If As When While After
    Before Since During Meanwhile However Also Earlier Later Last Next Some Many Most One Two Three Four
    Five""".split()
) | {word.title() for word in (*WEEKDAYS, *MONTH_NAMES)}
# "one" is left out of the number words: "one of the", "one official" state no amount.
_AMOUNT_WORDS = [word for word in (*NUMBER_WORDS, *MAGNITUDE_WORDS) if word != "one"]
_UNIT_WORDS = [word for word, value in NUMBER_WORDS.items() if value < 10] + list(MAGNITUDE_WORDS)
_NUMBER_RE = re.compile(
    r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?:\s?(?:%|per ?cent|percent|million|billion|thousand))?"
    rf"|\b(?:{alternation(_AMOUNT_WORDS)})(?:[- ](?:{alternation(_UNIT_WORDS)}))*\b",
    re.I,
)
# Month names open a date; "may" only with a day beside it (it is also a verb).
_MONTH_OPENERS = alternation([*MONTH_ABBREVIATIONS, "may"])
_DATE_RE = re.compile(
    r"(?:"
    rf"\b(?:(?:on|last|next|this)\s+)?(?:{alternation(WEEKDAYS)})\b"
    r"|\b(?:yesterday|today|tomorrow)\b"
    r"|\b(?:last|next|this)\s+(?:week|month|year)\b"
    rf"|\b\d{{1,2}}\s+(?:{_MONTH_OPENERS})[a-z]*\.?(?:,?\s+\d{{4}})?"
    rf"|\b(?:{_MONTH_OPENERS})[a-z]*\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"
    rf"|\b(?:{alternation(m for m in MONTHS if m != 'may')})\s+\d{{4}}\b"
    r")",
    re.I,
)
_PAST_RE = re.compile(r"\b(?:after|since|said|was|were|had|\w+ed)\b", re.I)
_FUTURE_RE = re.compile(r"\b(?:will|would|to meet|to visit|is set to|are set to|plans? to|next)\b", re.I)
# A retelling names its basis in the headline: "Bloomberg: ..." or "..., Bloomberg reports".
_TITLE_BASIS_RES = (
    re.compile(r"^(?P<src>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3}):\s+\S"),
    re.compile(
        r"[:,]\s+(?P<src>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})(?:\s+(?:reports?|reported|says|writes))?\s*$"
    ),
)
_MIN_CLAIM_WORDS = 5
_LOWER_WORD_RE = re.compile(r"[a-z]+")


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


def sentences(body: str) -> list[str]:
    """Sentences of a clean body; a quotation that runs over several sentences stays whole."""
    return [sentence for sentence, _ in _sentences_in_paragraphs(body)]


def _sentences_in_paragraphs(body: str) -> list[tuple[str, int]]:
    """Each sentence with the number of its paragraph."""
    result: list[tuple[str, int]] = []
    for number, paragraph in enumerate(body.split("\n\n")):
        pending = ""
        for sentence in _split(paragraph.strip()):
            sentence = sentence.strip()
            if not sentence:
                continue
            pending = f"{pending} {sentence}".strip()
            if len(_QUOTE_RE.findall(pending)) % 2 == 0 or _closes_quote(pending):
                result.append((pending, number))
                pending = ""
        if pending:
            result.append((pending, number))
    return result


def _closes_quote(text: str) -> bool:
    """Curly quotes say which way they face: an opening one without a closing one means 'keep going'.
    Straight ones and the typewriter's two apostrophes ('') only pair up."""
    return text.count("“") <= text.count("”") and text.count('"') % 2 == 0 and text.count("''") % 2 == 0


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
    reference = _reference_date(published)
    label = outlet
    located = _sentences_in_paragraphs(body)
    parts = [sentence for sentence, _ in located]
    facts = [_sentence_facts(s) for s in parts]
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
                dates=[{"text": d, "date": _resolve(d, before, reference)} for d, before in fact.dates],
                inherited=inherited,
            )
        )
    return claims, _provenance(article_id, claims, declared, declared_date, reference)


_HONORIFIC_RE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.? ([A-Z][\w'’-]+)")
_GENDER_OF_PRONOUN = {"he": "m", "she": "f"}


class _People:
    """Named people in reading order, for "he said" and "she told reporters": the nearest one
    whose gender, where the article shows it ("Mr. Soto", "Ms. Lind"), fits the pronoun."""

    def __init__(self, body: str) -> None:
        self.gender = {m[2]: "m" if m[1] == "Mr" else "f" for m in _HONORIFIC_RE.finditer(body)}
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
        and words[-1].rstrip(".") not in _HONORIFIC_WORDS
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
_HONORIFIC_WORDS = frozenset(("Mr", "Mrs", "Ms", "Miss", "Dr"))


def _retold(chain: list[str], attribution: Attribution) -> bool:
    """In a retold report, what unnamed sources said and what anyone wants or fears ("the Kremlin
    is seeking access") reached the outlet through that report."""
    return is_anonymous(chain[0]) or (attribution.cue or "").partition(" ")[0] not in STRONG_CUE_WORDS


@dataclass(frozen=True)
class _SentenceFacts:
    """What a sentence says about itself, whatever article it appears in."""

    assertion: bool
    subhead: bool
    direct_quote: bool = False
    hedged: bool = False
    notes_anonymity: bool = False
    names: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    dates: tuple[tuple[str, str], ...] = ()  # (expression, the text just before it)


# Syndicated copies repeat the wire's sentences word for word, so each process remembers the facts
# of recent sentences (bounded: about 30 MB at most).
@lru_cache(maxsize=32_768)
def _sentence_facts(text: str) -> _SentenceFacts:
    if not _is_assertion(text):
        return _SentenceFacts(assertion=False, subhead=_is_subhead(text))
    words = frozenset(_LOWER_WORD_RE.findall(text.lower()))
    return _SentenceFacts(
        assertion=True,
        subhead=_is_subhead(text),
        direct_quote=bool(_QUOTED_SPAN_RE.search(text)),
        hedged=not _HEDGE_HINTS.isdisjoint(words) and bool(_HEDGE_RE.search(text)),
        notes_anonymity=_notes_anonymity(text, words),
        names=tuple(_names(text)),
        numbers=tuple(_numbers(text, words)),
        dates=_date_expressions(text, words),
    )


# -- attribution -------------------------------------------------------------------------------

_NO_ATTRIBUTION = Attribution(None, ())


def _attributions(parts: list[str], parsed_attribution: bool) -> list[Attribution]:
    """Each sentence's own attribution: from the parse, or from the patterns."""
    nlp = parse.pipeline_or_none() if parsed_attribution else None
    if nlp is None:
        return [_attribute(p) for p in parts]
    return [found or _NO_ATTRIBUTION for found in parsed.attribute_all(nlp, parts)]


@lru_cache(maxsize=32_768)
def _attribute(sentence: str) -> Attribution:
    """The cue and source chain a sentence states for itself (outermost source first).

    Tried in order: "X cited Y as saying", "X was quoted as saying", a closing attribution clause
    ("..., the source said on Tuesday."), an inverted one ("..., said Elin Strand"), a subject
    before a speech verb, "according to X"; "citing X" extends whichever chain was found.
    """
    has_citing = "citing" in sentence or "reference to" in sentence or "quoting" in sentence
    citing = [_tidy(m["src"]) for m in _CITING_RE.finditer(sentence)] if has_citing else []
    core = _CITING_CLAUSE_RE.sub("", sentence).rstrip(" ,") if has_citing else sentence.rstrip(" ,")
    # Both patterns scan from every position; the literal test keeps them off most sentences.
    quoted_as = " as saying" in core or " as telling" in core
    cited = _CITED_AS_RE.search(core) if quoted_as else None
    if cited and (outer := _subject(cited["outer"])):
        return Attribution("cited as saying", (outer, _tidy(cited["inner"]), *citing))
    passive = _PASSIVE_RE.search(core) if quoted_as else None
    if passive and (speaker := _subject(passive["src"])):
        return Attribution(passive["cue"], (speaker, *citing))
    verbs = [m for m in _WORD_SPAN_RE.finditer(core) if m.group(0) in _SPEECH_VERB_SET]
    if verbs:
        # A closing clause has no comma of its own: only the text from the last comma can hold it.
        last_comma = core.rfind(",")
        trailing = _TRAILING_RE.match(core, last_comma) if last_comma >= 0 else None
        for found in (trailing, _INVERTED_RE.search(core)):
            if found and (speaker := _subject(found["src"])):
                return _told(found["verb"], speaker, core, found.start("verb"), citing)
    for verb in verbs:
        speaker = _subject(core[: verb.start()])
        if speaker is not None:
            return _told(verb.group(0), speaker, core, verb.start(), citing)
    according = _ACCORDING_RE.search(core)
    if according:
        return Attribution("according to", (_tidy(according["src"]), *citing))
    if citing:
        return Attribution("citing", tuple(citing))
    return Attribution(None, ())


def _told(verb: str, speaker: str, sentence: str, at: int, citing: list[str]) -> Attribution:
    """Attribution for a speech verb; "an unnamed source told Reuters" puts Reuters in the chain.

    A named person telling a named person ("Putin told Sharaa") is a claim of the speaker only;
    an unnamed source telling a named party is how agencies report, so that party is the
    intermediate source.
    """
    told = _TOLD_RE.match(sentence, at)
    if not told:
        return Attribution(verb, (speaker, *citing), verb in OUTLET_CUES)
    audience = _tidy(told["to"])
    if _AUDIENCE.match(audience):
        return Attribution(f"told {audience}", (speaker, *citing))
    if is_anonymous(speaker) or MEDIA_WORD_RE.search(audience) or audience.lower().startswith("the "):
        return Attribution("told", (audience, speaker, *citing))
    return Attribution("told", (speaker, *citing))


def _subject(before_verb: str) -> str | None:
    """The speaker: the clause right before the verb ("..., the source said"; "Varga said")."""
    text = before_verb.rstrip()
    if not text or text.endswith(("that", "who", "which")):
        return None
    segments = [s.strip(' "“”') for s in _CLAUSE_SPLIT_RE.split(text)]
    segments = [s for s in segments if s]
    if not segments:
        return None
    words = segments[-1].split()
    while len(words) > 1 and words[-1].lower() in _SUBJECT_TRAILERS:
        words = words[:-1]
    words = _cut_verb_phrase(words)
    candidate = " ".join(words)
    if not words or len(words) > 12 or _NON_SOURCE_START.match(candidate) or candidate.lower() in _DETERMINERS:
        return None
    if words[0].lower() in ("and", "but", "as", "while", "when", "after", "before", "because", "if"):
        return None
    determined = words[0].lower() in _DETERMINERS and 2 <= len(words) <= 6  # "the mayor", "two officials"
    named = _looks_named(candidate) or bool(SOURCE_NOUN_RE.search(candidate))
    if not (determined or named or candidate.lower() in PRONOUNS):
        return None
    return _tidy(candidate)


_DETERMINERS = frozenset(
    """the a an his her its their our one two three four five several some many most local senior top""".split()
)
_CLAUSE_SPLIT_RE = re.compile(r"[,;:—–]|\bthat\b|[\"”]")
_TRAILING_WEEKDAY_RE = re.compile(rf"\s+(?:on|in|at)\s+(?:{alternation(WEEKDAYS)})\b.*$", re.I)
_DATE_HINTS = frozenset([*WEEKDAYS, *MONTH_NAMES, "yesterday", "today", "tomorrow", "week", "month", "year"])
_NUMBER_WORDS = frozenset(_AMOUNT_WORDS)
_DIGIT_RE = re.compile(r"\d")
_DATE_START_RE = re.compile(
    r"\b(?:mon|tue|wed|thu|fri|sat|sun|yes|tod|tom|las|nex|thi|on\b|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d)",
    re.I,
)
# Words without which the hedge and anonymity patterns cannot match: a set test spares the regex.
_HEDGE_HINTS = frozenset(
    """reportedly allegedly apparently possibly perhaps may might could likely unlikely said believed thought
    reported expected appears appear seems seem""".split()
)
_ANONYMITY_HINTS = frozenset(
    "anonymity asked asking declined requested who authorized authorised allowed named identified".split()
)
_YEAR_RE = re.compile(r"\d{4}")
_RELATIVE_RE = re.compile(r"(last|next|this) (week|month|year)")
_POSSESSIVE_RE = re.compile(r"['’ʼ]s$")
_SUBJECT_TRAILERS = frozenset(
    """has have had also later then previously reportedly allegedly once again publicly was were is are
    has been have been repeatedly""".split()
)


def _cut_verb_phrase(words: list[str]) -> list[str]:
    """ "Foreign Minister Andrii Sybiha visited Damascus ... and later" -> the name before the verb."""
    if not words or words[0].lower() in _DETERMINERS:
        return words
    for i, word in enumerate(words[1:], 1):
        if not word.islower():
            continue
        if word.endswith("ed") and len(word) > 4 and all(w[:1].isupper() for w in words[:i]):
            return words[:i]
        break
    return words


def _looks_named(text: str) -> bool:
    words = text.split()
    if words and _is_opener(words[0], words[1] if len(words) > 1 else ""):
        words = words[1:]
    return any(word[:1].isupper() and word not in _NAME_STOP for word in words)


_OPENER_FOLLOWERS = frozenset("to on in at for with from about after over the a an this that its his her their".split())


def _is_opener(word: str, following: str) -> bool:
    """A participial or adverbial sentence opener ("Responding to this report, ...", "Additionally,")
    is capitalised only because it comes first: never a name. "Beijing said" is one."""
    bare = word.rstrip(",").lower()
    return (
        len(bare) > 4
        and bare.endswith(("ing", "ly"))
        and (word.endswith(",") or following.lower() in _OPENER_FOLLOWERS)
    )


def _tidy(source: str) -> str:
    source = " ".join(source.split()).strip(" ,.;:\"“”'’")
    return _TRAILING_WEEKDAY_RE.sub("", source)


def _is_assertion(sentence: str) -> bool:
    """A full sentence that states something: not a question, a subhead or a fragment."""
    words = sentence.split()
    ends_like_a_sentence = sentence.rstrip()[-1:] in ".!\"”’»)'"
    return len(words) >= _MIN_CLAIM_WORDS and ends_like_a_sentence and not sentence.rstrip("\"”’' ").endswith("?")


def _is_subhead(sentence: str) -> bool:
    return sentence.rstrip()[-1:] not in '.!?"”’»):;,'


def _declared_basis(
    title: str | None, lead: list[str], attributions: list[Attribution]
) -> tuple[tuple[str, ...] | None, str | None]:
    """The report an article says it retells: named in its headline ("Bloomberg: ...",
    "..., Bloomberg reports") or by an outlet verb in its first sentence."""
    basis: tuple[str, ...] | None = None
    if title:
        for pattern in _TITLE_BASIS_RES:
            match = pattern.search(title)
            if match and not _NON_SOURCE_START.match(match["src"]) and len(match["src"].split()) <= 4:
                basis = (match["src"],)
                break
    for attribution, sentence in zip(attributions, lead, strict=True):
        chain = attribution.chain
        if attribution.outlet_verb and chain and not is_anonymous(chain[0]):
            if basis is None and sentence is not lead[0]:
                continue
            if basis is None or aliases.same_organisation(basis[0], chain[0]):
                return chain, _report_date(sentence)
    return basis, None


def _report_date(sentence: str) -> str | None:
    """The date the attribution clause gives ("Bloomberg reported on Feb. 17"), not the claim's own."""
    verb = _OUTLET_VERB_RE.search(sentence)
    found = _DATE_RE.search(sentence, verb.end()) if verb else None
    return found.group(0) if found else None


def _names(text: str) -> list[str]:
    found = []
    for match in _NAME_RE.finditer(text):
        words = match.group(0).split()
        rest = text[match.end() :]
        opener = words[0] + ("," if rest.startswith(",") else "")
        if match.start() == 0 and len(words) == 1 and _is_opener(opener, rest.lstrip(", ").split(" ", 1)[0]):
            continue
        while words and words[0] in _NAME_STOP:
            words = words[1:]
        name = _POSSESSIVE_RE.sub("", " ".join(words))
        if name and name not in found and not (len(words) == 1 and match.start() == 0 and name in _NAME_STOP):
            found.append(name)
    return found


# -- dates -------------------------------------------------------------------------------------


def _notes_anonymity(text: str, words: frozenset[str]) -> bool:
    return not _ANONYMITY_HINTS.isdisjoint(words) and bool(_ANONYMITY_NOTE_RE.search(text))


def _numbers(text: str, words: frozenset[str]) -> list[str]:
    if not _DIGIT_RE.search(text) and _NUMBER_WORDS.isdisjoint(words):
        return []
    return [m.group(0) for m in _NUMBER_RE.finditer(text)]


def _date_expressions(text: str, words: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """Each date expression with the words before it, which say whether it looks ahead."""
    if _DATE_HINTS.isdisjoint(words):
        return ()
    return tuple((m.group(0), text[max(0, m.start() - 60) : m.start()]) for m in _date_matches(text))


def _date_matches(text: str) -> Iterator[re.Match]:
    return matches_at(_DATE_START_RE, _DATE_RE, text)


def matches_at(starts: re.Pattern, pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """Non-overlapping matches of `pattern`, tried only where `starts` finds a place one can begin:
    a large alternation scanned from every position of a sentence is the slow part otherwise."""
    end = 0
    for start in starts.finditer(text):
        if start.start() < end:
            continue
        found = pattern.match(text, start.start())
        if found:
            end = found.end()
            yield found


def _reference_date(published: str | None) -> date | None:
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


@lru_cache(maxsize=8192)  # copies resolve the same expressions against the same dates
def _resolve(expression: str, before: str, reference: date | None) -> str | None:
    """ISO date (or ISO week/month) for a date expression, relative to the article's date.

    A bare weekday is the most recent one, unless the words just before it speak of the future
    ("will meet ... on Friday").
    """
    text = expression.lower().strip()
    future = bool(_FUTURE_RE.search(before)) and not _PAST_RE.search(before.split(",")[-1])
    if reference is None:
        return parse_partial_date(expression) if _YEAR_RE.search(expression) else None
    for offset, word in ((-1, "yesterday"), (0, "today"), (1, "tomorrow")):
        if text == word:
            return (reference + timedelta(days=offset)).isoformat()
    weekday = next((i for i, name in enumerate(WEEKDAYS) if name in text), None)
    if weekday is not None:
        delta = (weekday - reference.weekday()) % 7
        if text.startswith("next") or (future and not text.startswith("last")):
            return (reference + timedelta(days=delta or 7)).isoformat()
        return (reference - timedelta(days=(reference.weekday() - weekday) % 7)).isoformat()
    relative = _RELATIVE_RE.match(text)
    if relative:
        return _relative_period(relative[1], relative[2], reference)
    parsed = parse_partial_date(expression) if _YEAR_RE.search(expression) else None
    if parsed:
        return parsed
    return _month_day(expression, reference)


def _relative_period(which: str, unit: str, reference: date) -> str:
    step = {"last": -1, "this": 0, "next": 1}[which]
    if unit == "week":
        year, week, _ = (reference + timedelta(weeks=step)).isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "month":
        month_index = reference.year * 12 + reference.month - 1 + step
        return f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
    return f"{reference.year + step:04d}"


def _month_day(expression: str, reference: date) -> str | None:
    """`Feb. 12` in an article dated 2025-02-18 is 2025-02-12; a date far ahead is last year's."""
    iso = parse_partial_date(f"{expression} {reference.year}")
    if not iso or len(iso) != 10:
        return None
    candidate = date.fromisoformat(iso)
    if candidate - reference > timedelta(days=60):
        candidate = candidate.replace(year=candidate.year - 1)
    return candidate.isoformat()


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
    resolved = _resolve(basis_date, "", reference) if basis_date else None
    return Provenance(
        article=article_id,
        cites=dict(sorted(cites.items(), key=lambda kv: (-kv[1], kv[0]))),
        retelling_of=basis[0] if basis else None,
        retelling_date=resolved or basis_date,
    )
