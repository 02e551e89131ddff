"""Wires read -> clean -> metadata -> store for each input and reports what happened to it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from basewatch import claims, dedupe, metadata
from basewatch.clean import clean
from basewatch.errors import BadInput
from basewatch.models import Article, CleanResult, Document, IngestOutcome, Metadata
from basewatch.read import Source, content_id, read_source
from basewatch.settings import DEFAULT_SETTINGS, Settings
from basewatch.store import Store, atomic


def analyse(document: Document, outlet: str | None = None) -> tuple[Article, CleanResult]:
    """Clean one document and read its metadata; `outlet` overrides what the page says."""
    cleaned = clean(document.text)
    hints = document.hints if outlet is None else replace(document.hints, outlet=outlet)
    meta: Metadata = metadata.extract(document.text, cleaned, hints)
    article = Article(
        id=content_id(document.text),
        path=document.path,
        outlet=meta.outlet,
        title=meta.title,
        author=meta.author,
        published=meta.published,
        body=cleaned.body,
        external_id=document.external_id,
        url=document.url,
        encoding=document.encoding,
    )
    return article, cleaned


def documents(items: Iterable[Source | BadInput], settings: Settings) -> Iterator[Document | BadInput]:
    """Read each discovered source lazily; failures pass through as BadInput values."""
    for item in items:
        if isinstance(item, BadInput):
            yield item
            continue
        try:
            yield read_source(item, settings.max_article_bytes)
        except BadInput as exc:
            yield exc


def ingest(
    store: Store,
    inputs: Iterable[Document | BadInput],
    outlet: str | None = None,
    on_outcome: Callable[[IngestOutcome], None] | None = None,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[IngestOutcome]:
    """Store every readable input (one transaction each) and return an outcome per input."""
    outcomes = []
    for item in inputs:
        outcome = _ingest_one(store, item, outlet, settings)
        outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    return outcomes


def _ingest_one(store: Store, item: Document | BadInput, outlet: str | None, settings: Settings) -> IngestOutcome:
    if isinstance(item, BadInput):
        return IngestOutcome(path=item.path, status="failed", error=item.reason)
    article_id = content_id(item.text)
    if store.has_article(article_id):
        return _outcome(store.article(article_id), item.path, "unchanged")
    article, cleaned = analyse(item, outlet)
    if not article.body:
        return IngestOutcome(path=item.path, status="failed", id=article.id, error="no article text found")
    found, provenance = claims.extract(article.id, article.body, article.outlet, article.title, article.published)
    with atomic(store.conn):
        # Checked again under the write lock: another process may have stored it meanwhile.
        if store.has_article(article.id):
            return _outcome(article, item.path, "unchanged")
        store.add_article(article, item.text, cleaned)
        store.add_claims(found, provenance)
        _cluster(store, article.id, article.body, settings)
    return _outcome(article, item.path, "added")


def _cluster(store: Store, article_id: str, body: str, settings: Settings) -> None:
    """Place one stored article in a syndication cluster (inside the caller's transaction)."""
    fp = dedupe.fingerprint(body, settings)
    candidates = store.candidates(article_id, fp, settings.min_shared_keys, settings.max_candidates)
    assignment = dedupe.assign(article_id, fp, candidates, settings)
    store.add_fingerprint(article_id, fp, settings.max_key_postings)
    store.apply_assignment(article_id, assignment)


def recluster(store: Store, settings: Settings = DEFAULT_SETTINGS) -> int:
    """Rebuild every fingerprint and cluster in ingest order, in one transaction."""
    with atomic(store.conn):
        store.reset_dedupe()
        count = 0
        for article_id, body in list(store.bodies_in_ingest_order()):
            _cluster(store, article_id, body, settings)
            count += 1
    return count


def _outcome(article: Article, path: str, status: str) -> IngestOutcome:
    return IngestOutcome(
        path=path,
        status=status,
        id=article.id,
        outlet=article.outlet,
        title=article.title,
        author=article.author,
        published=article.published,
    )
