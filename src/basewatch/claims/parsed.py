"""Attribution read from a dependency parse: the cue verb, its speaker, and who the speaker told.

Pure over spaCy `Doc`s. A cue is a verb of the learned lexicon (`cues.py`) outside quotation marks
with a speaker of its own or borrowed from the clause it hangs on; of several cues, the one highest
in the tree speaks for the sentence ("McConnell said Trump agreed" is McConnell's). The speaker is
the subject's phrase without its relative clauses and appositions, so "Michael Soto, deputy director
of the agency, said" gives "Michael Soto"; a title with a name in apposition gives the name.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from basewatch.claims.cues import (
    AUDIENCES,
    CLAUSE_ONLY_CUE_WORDS,
    CUE_SHARE,
    CUE_WORDS,
    OBJECT_CUE_SHARE,
    OUTLET_CUES,
    STRONG_CUE_WORDS,
)
from basewatch.claims.sources import Attribution, is_anonymous, is_media

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

_SUBJECTS = frozenset(("nsubj", "nsubjpass", "csubj"))
# A cue without a subject of its own borrows the speaker of the clause it depends on:
# "Smith declined to say", "..., adding that", "a statement saying", "and warned", "... by saying".
_BORROWS_SPEAKER = frozenset(("conj", "xcomp", "advcl", "acl", "relcl", "pcomp", "prep"))
# Parts of a subject's phrase that describe the speaker rather than name it.
_DESCRIPTIONS = frozenset(("relcl", "appos", "acl", "advcl", "parataxis"))
_COORDINATION = frozenset(("conj", "cc"))
_RELATIVE = frozenset(("who", "that", "which", "whom"))
_NOT_SPEAKERS = frozenset(
    "this that these those there what which who whom all both nothing something anyone here".split()
)
_QUOTES = frozenset(('"', "“", "”", "''", "``"))
_OPENING_QUOTES = frozenset(("“", "``"))
_CLAUSE = frozenset(("ccomp", "xcomp", "parataxis", "oprd", "agent"))
_OWN_CLAUSE = frozenset(("ccomp", "parataxis"))
_OBJECT = frozenset(("dobj", "dative", "attr"))
_MAX_SOURCE_TOKENS = 12
_MAX_COLON_NAME = 4
# "citing X" extends a chain; it never starts one of its own.
_INTRODUCERS = frozenset(("citing", "quoting"))
POLL_WORDS = frozenset(("poll", "survey"))
_VERB_CUES = CUE_WORDS - _INTRODUCERS


def attribute(doc: Doc) -> Attribution | None:
    """The cue and source chain the parsed sentence states for itself, or None when it states none.
    A sentence opening with a short name and a colon is that person's words ("SMITH: I think we
    won", a transcript or a headline), whatever verbs follow."""
    if (colon := _colon(doc)) is not None:
        return colon
    quoted = _quoted(doc)
    found = []
    for token in doc:
        if quoted[token.i]:
            continue
        if token.lower_ == "according" and (source := _according_source(token)):
            found.append((_depth(token), 0, "according to", (source,)))
        elif token.lower_ == "in" and (poll := _poll(token)):
            found.append((_depth(token), 2, "in", (poll,)))
        elif token.lower_ in _VERB_CUES and token.tag_.startswith("VB") and _says_something(token):
            speaker = _speaker(token)
            # "It says the campaign broke the law": a document or an organisation speaking, but only
            # with a verb that always attributes ("it seems", "it found" are not attributions).
            if speaker is None or (speaker.lower_ == "it" and token.lower_ not in STRONG_CUE_WORDS):
                continue
            cue, chain = _chain(token, speaker)
            found.append((_depth(token), 1, cue, chain))
    citing = _citing(doc, quoted)
    if not found:
        return Attribution("citing", tuple(citing)) if citing else None
    _, _, cue, chain = min(found, key=lambda f: (f[0], f[1]))
    return Attribution(cue, (*chain, *(c for c in citing if c not in chain)), cue in OUTLET_CUES)


def _poll(preposition: Token) -> str | None:
    """ "Trump leads by 10 points in the latest Quinnipiac poll": the poll is the figure's source."""
    poll = next((c for c in preposition.children if c.dep_ == "pobj"), None)
    return source_text(poll) if poll is not None and poll.lower_ in POLL_WORDS else None


def _colon(doc: Doc) -> Attribution | None:
    """ "Pat Caddell: Democrats are worried": a short name opening the sentence, then a colon."""
    colon = next((t for t in doc[: _MAX_COLON_NAME + 1] if t.text == ":"), None)
    if colon is None or colon.i == 0 or colon.i + 3 > len(doc):
        return None
    name = doc[: colon.i]
    if not all(t.pos_ == "PROPN" or t.is_punct for t in name) or name[-1].is_punct:
        return None
    return Attribution(":", (name.text,))


def _quoted(doc: Doc) -> list[bool]:
    """Which tokens sit inside quotation marks: a verb there is the speaker's, never our cue."""
    inside, mask = False, []
    for token in doc:
        if token.text in _QUOTES:
            mask.append(False)
            inside = _opens(token, inside)
            continue
        mask.append(inside)
    return mask


def _opens(mark: Token, inside: bool) -> bool:
    """Whether a quotation mark opens a quotation. Spacing says which way a mark faces even when it
    was typed wrong (“... here,“ said Clyburn): glued to the word after it, it opens; glued to the
    text before it and followed by a space, it closes. Otherwise curly marks face their own way, and
    straight ones alternate."""
    glued_before = mark.i > 0 and not mark.doc[mark.i - 1].whitespace_
    glued_after = not mark.whitespace_ and mark.i + 1 < len(mark.doc)
    if glued_after != glued_before:
        return glued_after
    return mark.text in _OPENING_QUOTES or (mark.text in ('"', "''") and not inside)


def _says_something(verb: Token) -> bool:
    """A verb that attributes only now and then ("spoke", "found") is a cue when it carries content:
    an object, a clause, a passive agent or a quotation. "She spoke for five minutes" attributes
    nothing; "said" always does."""
    if verb.lower_ in CLAUSE_ONLY_CUE_WORDS:
        children = {c.dep_ for c in verb.children}
        return bool(children & _OWN_CLAUSE) and bool(children & _SUBJECTS)
    if verb.lower_ in STRONG_CUE_WORDS or verb.dep_ == "parataxis":
        return True
    if any(c.dep_ in _CLAUSE for c in verb.children) or any(t.text in _QUOTES for t in verb.doc):
        return True
    return CUE_SHARE[verb.lower_] >= OBJECT_CUE_SHARE and any(c.dep_ in _OBJECT for c in verb.children)


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def _speaker(verb: Token) -> Token | None:
    """The token heading the speaker's phrase: subject, passive agent, inverted object, or the
    subject of the clause the cue hangs on."""
    seen = 0
    while seen < 4:
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is not None and subject.dep_ == "nsubjpass":
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            if subject is None:
                return None
        if subject is None and verb.lower_ in OUTLET_CUES:
            subject = _inverted(verb)
        if subject is None and verb.dep_ == "conj":
            subject = _closing_speaker(verb)
        if subject is not None:
            return _named(subject)
        if verb.dep_ not in _BORROWS_SPEAKER or verb.head.i == verb.i:
            return None
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return _named(verb.head) if verb.dep_ == "relcl" else None
        verb, seen = verb.head, seen + 1
    return None


def _closing_speaker(verb: Token) -> Token | None:
    """ "..., the bloc's chief diplomat, Kaja Kallas, told reporters." The parser can join the
    closing clause to the main verb as a second verb without a subject: its speaker is the noun
    right before it, unless an "and" makes it the main subject's second act."""
    doc = verb.doc
    if any(t.dep_ == "cc" for t in doc[verb.head.i : verb.i]):
        return None
    before = verb.i - 1
    while before > verb.head.i and doc[before].is_punct:
        before -= 1
    if before == verb.i - 1 or doc[before].pos_ not in ("PROPN", "NOUN"):
        return None
    return doc[before]


def _inverted(verb: Token) -> Token | None:
    """ "..., reported The Associated Press." The parser reads the outlet as an object."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)
    if obj is None or obj.pos_ != "PROPN" or any(t.dep_ in ("ccomp", "mark") for t in obj.subtree):
        return None
    previous = verb.doc[verb.i - 1] if verb.i else None
    return obj if previous is not None and previous.text in {",", "”", '"'} else None


def _named(subject: Token) -> Token | None:
    """The subject, or the name standing in apposition to a title ("the director, Michael Soto")."""
    if subject.lower_ in _RELATIVE and subject.head.dep_ == "relcl":
        subject = subject.head.head
    if subject.lower_ in _NOT_SPEAKERS or subject.dep_ == "expl":
        return None
    # "the director, Michael Soto," and a dateline read as the subject ("WASHINGTON — Obama said").
    if subject.pos_ != "PROPN" or subject.is_upper:
        name = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if name is not None:
            return name
    return subject


def source_text(head: Token) -> str:
    """The speaker's phrase: the head with its modifiers, without clauses and appositions; a phrase
    too long to read as a name loses its coordinated parts, then everything but its core."""
    for dropped in (_DESCRIPTIONS, _DESCRIPTIONS | _COORDINATION):
        words = _contiguous(sorted(_phrase(head, dropped), key=lambda t: t.i), head)
        if len(words) <= _MAX_SOURCE_TOKENS:
            break
    else:
        words = [t for t in words if t.i == head.i or (t.head.i == head.i and t.dep_ in ("compound", "poss", "det"))]
    return "".join(t.text_with_ws for t in words).strip()


def _contiguous(keep: list[Token], head: Token) -> list[Token]:
    """A phrase cut by a removed description stays the part around the head."""
    words: list[Token] = []
    for token in keep:
        if words and token.i != words[-1].i + 1 and token.i > head.i:
            break
        if words and token.i != words[-1].i + 1:
            words = []
        words.append(token)
    while words and (words[-1].is_punct or words[-1].dep_ == "cc"):
        words.pop()
    while words and (words[0].is_punct or words[0].dep_ == "cc"):
        words.pop(0)
    return words


def _phrase(token: Token, dropped: frozenset[str]) -> Iterable[Token]:
    yield token
    for child in token.children:
        # "a draft seen by North Wire" keeps who saw it; "a source speaking on condition ..." is cut
        if child.dep_ in dropped and not (child.dep_ == "acl" and child.tag_ == "VBN"):
            continue
        yield from _phrase(child, dropped)


def _chain(verb: Token, speaker: Token) -> tuple[str, tuple[str, ...]]:
    """The cue and chain of one cue verb. "X cited Y as saying": both. "X told Y": Y joins the chain
    when it is a news organisation or X is anonymous ("an unnamed source told Reuters"); "told
    reporters" is part of the cue."""
    source = source_text(speaker)
    cue = verb.lower_
    if cue in ("cited", "quoted") and (quoted := _cited_as_saying(verb)) is not None:
        return f"{cue} as saying", (source, source_text(quoted))
    if verb.lower_ not in ("told", "tells", "tell"):
        return cue, (source,)
    audience = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i > verb.i), None)
    if audience is None:
        return cue, (source,)
    if audience.lower_ in AUDIENCES:
        return f"{cue} {audience.lower_}", (source,)
    told = source_text(audience)
    if is_anonymous(source) or is_media(told):
        return cue, (told, source)
    return cue, (source,)


def _cited_as_saying(verb: Token) -> Token | None:
    """ "State radio cited Defence Minister Ivo Sand as saying ...": the one quoted."""
    quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
    saying = any(t.lower_ == "saying" for t in verb.subtree)
    return quoted if saying else None


def _according_source(according: Token) -> str | None:
    to = next((c for c in according.children if c.lower_ == "to"), None)
    target = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    return source_text(target) if target is not None else None


def _citing(doc: Doc, quoted: list[bool]) -> list[str]:
    """ "..., citing sources familiar with the matter": the cited sources extend the chain."""
    found = []
    for token in doc:
        if quoted[token.i]:
            continue
        if token.lower_ in _INTRODUCERS:
            obj = next((c for c in token.children if c.dep_ in ("dobj", "pobj")), None)
        elif token.lower_ == "reference":  # "with reference to sources"
            to = next((c for c in token.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
        else:
            continue
        if obj is not None:
            found.append(source_text(obj))
    return found


def may_attribute(sentence: str) -> bool:
    """Whether a sentence holds a word that can start an attribution, or opens with a short name and
    a colon: only those are parsed."""
    words = sentence.split()
    return any(word.strip(_EDGE_PUNCT).lower() in _TRIGGERS for word in words) or any(
        ":" in word for word in words[:_MAX_COLON_NAME]
    )


_EDGE_PUNCT = ",.;:!?\"“”'’()[]—–"
_TRIGGERS = CUE_WORDS | {"according", "reference"} | _INTRODUCERS | POLL_WORDS
# Syndicated copies repeat the wire's sentences word for word: each distinct sentence is parsed once
# per process (bounded: an attribution is a few short strings).
_CACHE: dict[str, Attribution | None] = {}
_CACHE_LIMIT = 65_536


def attribute_all(nlp: Language, sentences: list[str]) -> list[Attribution | None]:
    """The parse-based attribution of each sentence; sentences without a trigger word are not parsed."""
    todo = list(dict.fromkeys(s for s in sentences if s not in _CACHE and may_attribute(s)))
    if len(_CACHE) + len(todo) > _CACHE_LIMIT:
        _CACHE.clear()
    for text, doc in zip(todo, nlp.pipe(todo), strict=True):
        _CACHE[text] = attribute(doc)
    return [_CACHE.get(s) for s in sentences]
