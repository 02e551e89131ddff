"""Saved web pages (HTML): the main text by the page's own structure, and the metadata its markup states.

trafilatura (Apache-2.0) reads the markup: it weighs the element tree, not lines of text, and measured
best on the HTML of extraction-dev and extraction-train (README). The page is also rendered to text
lines, one per block element, so every line still gets a verdict and a reason; when trafilatura finds
nothing, the line cleaner judges those lines instead.
"""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml import etree

from basewatch.models import CleanResult, LineVerdict, Metadata

# trafilatura's time grows faster than the page: a bigger page is read as tag-free text by the line cleaner.
TREE_MAX_CHARS = 2_000_000
OUTSIDE_MAIN = "outside the main text the page's markup encloses"
# Elements that never hold readable text.
_INVISIBLE = ("script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas")
_BLOCKS = frozenset(
    """address article aside blockquote body br dd details div dl dt fieldset figcaption figure footer form
    h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table td th tr ul""".split()
)
_SPACE_RE = re.compile(r"\s+")
_INVISIBLE_RE = re.compile(r"<(script|style|noscript|template|svg)\b.*?</\1\s*>", re.I | re.S)
_TAG_RE = re.compile(r"<[^>]*>")
# What sits between a headline and the site's name in a page title.
_TITLE_SEPARATOR_RE = re.compile(r"\s+[|–—·•:-]{1,2}\s+|\s*\|\s*")
# lxml refuses a document nested deeper than this; the text path reads such a page instead.
_PARSER = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, huge_tree=False)


def read_page(markup: str, clean_text) -> tuple[CleanResult, Metadata, str]:
    """Body, per-line verdicts, markup metadata and the page rendered as text.

    `clean_text` is the line cleaner, used on the rendered text when the markup yields no main text.
    """
    tree = _parse(markup) if len(markup) <= TREE_MAX_CHARS else None
    found = _extract(markup) if tree is not None else None
    if found is None or not found.text or not found.text.strip():
        # Too big or too deep for the tree, or no main element found: the line cleaner reads its text.
        text = _tag_free(markup)
        return clean_text(text), _metadata(found), text
    lines = page_lines(tree)
    body = [p for p in (_norm(x) for x in found.text.split("\n")) if p]
    wanted = set(body)
    verdicts = tuple(
        LineVerdict(n, line, _norm(line) in wanted, "body text" if _norm(line) in wanted else OUTSIDE_MAIN)
        if line.strip()
        else LineVerdict(n, line, False, "blank line")
        for n, line in enumerate(lines, 1)
    )
    return CleanResult(paragraphs=tuple(body), verdicts=verdicts), _metadata(found), "\n".join(lines)


def _parse(markup: str):
    try:
        tree = lxml.html.document_fromstring(markup.encode("utf-8", "replace"), parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None
    return tree


def _extract(markup: str):
    try:
        return trafilatura.bare_extraction(
            markup, with_metadata=True, include_comments=False, include_tables=True, include_images=False
        )
    except (ValueError, TypeError, RecursionError, etree.LxmlError):
        return None


def page_lines(tree) -> list[str]:
    """The page as text: one line per block element, invisible elements dropped. Walked without
    recursion, so a deeply nested page cannot exhaust the stack."""
    for element in list(tree.iter(*_INVISIBLE)):
        if element.getparent() is not None:
            element.drop_tree()
    parts: list[str] = []
    for event, element in etree.iterwalk(tree, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _BLOCKS:
            parts.append("\n")
        if event == "start" and element.text and tag:
            parts.append(element.text)
        elif event == "end" and element.tail:
            parts.append(element.tail)
    lines = (_norm(x) for x in "".join(parts).split("\n"))
    return [x for x in lines if x]


def _tag_free(markup: str) -> str:
    """Text lines of markup the parser cannot read: invisible elements and tags removed, entities kept."""
    text = _INVISIBLE_RE.sub("\n", markup)
    # Each piece of text between tags stands as its own paragraph, as the rendered page shows it.
    return "\n\n".join(x for x in (_norm(x) for x in _TAG_RE.sub("\n", text).split("\n")) if x)


def _norm(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def _metadata(found) -> Metadata:
    if found is None:
        return Metadata()
    outlet = _field(found.sitename)
    return Metadata(
        title=_headline(_field(found.title), outlet, _field(found.hostname)),
        author=_field(found.author),
        published=_field(found.date),
        outlet=outlet,
        url=_field(found.url),
    )


def _headline(title: str | None, *site_names: str | None) -> str | None:
    """A page title without the site's name that pages append or prepend ("Headline | Site")."""
    if not title:
        return None
    names = {re.sub(r"\W", "", n.casefold().removeprefix("www.").rsplit(".", 1)[0]) for n in site_names if n}
    parts = [p.strip() for p in _TITLE_SEPARATOR_RE.split(title) if p.strip()]
    kept = [p for p in parts if re.sub(r"\W", "", p.casefold()) not in names]
    if len(parts) > 1 and len(kept) == 1:
        return kept[0]
    if len(parts) > 1 and parts[-1] not in kept:
        return " - ".join(kept) if kept else title
    return title


def _field(value) -> str | None:
    return _norm(value) or None if isinstance(value, str) else None
