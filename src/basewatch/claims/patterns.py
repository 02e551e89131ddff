"""Attribution read from word patterns: the quick first reading at ingest, and the fallback when the
dependency parser cannot load.

Pure. A speech verb with the clause before it as speaker ("Varga said"), a closing or an inverted
attribution clause ("..., the source said on Tuesday."; "..., said Elin Strand"), "according to X",
"X cited Y as saying", "X was quoted as saying"; "citing X" extends whichever chain was found.
"""

from __future__ import annotations

import re
from functools import lru_cache

from basewatch.claims.cues import AUDIENCES, OUTLET_CUES
from basewatch.claims.facts import NAME_STOP, starts_with_opener
from basewatch.claims.sources import (
    NON_SOURCE_RE,
    PRONOUNS,
    SOURCE_NOUN_RE,
    Attribution,
    is_anonymous,
    is_media,
)
from basewatch.vocabulary import WEEKDAYS, alternation

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
_DETERMINERS = frozenset(
    """the a an his her its their our one two three four five several some many most local senior top""".split()
)
_CLAUSE_SPLIT_RE = re.compile(r"[,;:—–]|\bthat\b|[\"”]")
_TRAILING_WEEKDAY_RE = re.compile(rf"\s+(?:on|in|at)\s+(?:{alternation(WEEKDAYS)})\b.*$", re.I)
_SUBJECT_TRAILERS = frozenset(
    """has have had also later then previously reportedly allegedly once again publicly was were is are
    has been have been repeatedly""".split()
)


@lru_cache(maxsize=32_768)
def attribute(sentence: str) -> Attribution:
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
    if audience.lower() in AUDIENCES:
        return Attribution(f"told {audience}", (speaker, *citing))
    if is_anonymous(speaker) or is_media(audience) or audience.lower().startswith("the "):
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
    if not words or len(words) > 12 or NON_SOURCE_RE.match(candidate) or candidate.lower() in _DETERMINERS:
        return None
    if words[0].lower() in ("and", "but", "as", "while", "when", "after", "before", "because", "if"):
        return None
    determined = words[0].lower() in _DETERMINERS and 2 <= len(words) <= 6  # "the mayor", "two officials"
    named = _looks_named(candidate) or bool(SOURCE_NOUN_RE.search(candidate))
    if not (determined or named or candidate.lower() in PRONOUNS):
        return None
    return _tidy(candidate)


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
    words = text.split()[1:] if starts_with_opener(text) else text.split()
    return any(word[:1].isupper() and word not in NAME_STOP for word in words)


def _tidy(source: str) -> str:
    source = " ".join(source.split()).strip(" ,.;:\"“”'’")
    return _TRAILING_WEEKDAY_RE.sub("", source)
