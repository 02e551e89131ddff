"""Wires read -> clean -> metadata -> claims -> store -> dedupe -> stories, and reports each input's fate.

The pure analysis (clean, metadata, claims, fingerprint) of each document runs in worker
processes on every core, in input order, so results are the same as a serial run. Writes happen
in the main process in batches: each batch is one transaction, so a crash or Ctrl-C loses at most
the uncommitted batch and never leaves half an article; an input is reported as added only once
its batch has committed.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import time
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from typing import NamedTuple

import numpy as np

from basewatch import claims, dedupe, metadata, parse, stories
from basewatch.clean import clean, clean_html
from basewatch.errors import BadInput
from basewatch.models import Article, CleanResult, Document, IngestOutcome, Metadata
from basewatch.read import Source, content_id, read_source
from basewatch.runtime import LEAN_GC_THRESHOLDS, fewer_gc_passes
from basewatch.settings import DEFAULT_SETTINGS, Settings
from basewatch.store import ArticleRecord, Store, article_record, atomic

# Fewer documents than this are analysed in-process: starting workers would cost more than it saves.
MIN_DOCUMENTS_FOR_WORKERS = 64
WORKER_CHUNK = 16
# Documents handed to the workers at a time: enough to keep both busy, few enough to bound memory.
WORKER_WINDOW = 512


@dataclass
class Timings:
    """CPU seconds per stage (analysis stages summed over workers, so they can exceed wall time)."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, stage: str, seconds: float) -> None:
        self.seconds[stage] += seconds


class Prepared(NamedTuple):
    """Everything the store needs for one document, computed without touching the store, in the
    flat form that crosses from a worker process to the writer cheaply."""

    outcome: IngestOutcome
    record: ArticleRecord
    fingerprint: dedupe.PackedFingerprint
    story_terms: bytes
    seconds: tuple[tuple[str, float], ...]


class TermCounts:
    """How many distinct texts hold each story term, kept by the writer across its transactions.

    Each count is read from the store once and then kept here; new counts are written once per
    transaction, by `flush`, before it commits. Counting one article's few hundred terms in the
    store, row by row, cost more than the rest of placing it in a story. Another writer may have
    counted texts between two transactions: `begin` then forgets what it kept.
    """

    def __init__(self, store: Store, limit: int):
        self.store = store
        self.limit = limit
        self.known: dict[int, int] = {}
        self.added: Counter[int] = Counter()
        self.texts = 0  # counted in this transaction, not yet flushed
        self.stored_texts = 0

    def begin(self) -> None:
        """Start a transaction: what is kept holds only if the store counted no other text meanwhile
        (nor lost a transaction this writer rolled back)."""
        stored = self.store.story_docs()
        if stored != self.stored_texts or self.texts:
            self.known = {}
        self.stored_texts = stored
        self.added, self.texts = Counter(), 0

    def add(self, terms: list[int]) -> tuple[int, np.ndarray]:
        """Count a new text's terms; returns the texts now counted and each term's count."""
        self._load(terms)
        self.added.update(terms)
        for term in terms:
            self.known[term] += 1
        self.texts += 1
        return self.stored_texts + self.texts, self._held(terms)

    def of(self, terms: list[int]) -> np.ndarray:
        """How many texts hold each of `terms`."""
        self._load(terms)
        return self._held(terms)

    def _held(self, terms: list[int]) -> np.ndarray:
        return np.fromiter(map(self.known.__getitem__, terms), dtype=np.int64, count=len(terms))

    def flush(self) -> None:
        self.store.add_story_term_counts(self.added.items(), self.texts)
        self.stored_texts += self.texts
        self.added, self.texts = Counter(), 0
        if len(self.known) > self.limit:
            self.known = {}

    def _load(self, terms: list[int]) -> None:
        missing = list(set(terms).difference(self.known))
        if missing:
            stored = dict(self.store.term_docs(missing))
            self.known.update((t, stored.get(t, 0)) for t in missing)


def analyse(document: Document, outlet: str | None = None, learned: bool = False) -> tuple[Article, CleanResult]:
    """Clean one document and read its metadata; `outlet` overrides what the page says, and what a
    caller supplies (JSON Lines fields) overrides what a page's markup says; `learned` cleans a text dump
    with the line model instead of the hand rules."""
    if document.html:
        cleaned, markup, _ = clean_html(document.text)
    else:
        cleaned, markup = clean(document.text, learned), Metadata()
    hints = metadata.merged(document.hints, markup)
    hints = hints if outlet is None else replace(hints, outlet=outlet)
    meta = metadata.extract(cleaned, hints)
    article = Article(
        id=content_id(document.text),
        path=document.path,
        outlet=meta.outlet,
        title=meta.title,
        author=meta.author,
        published=meta.published,
        body=cleaned.body,
        external_id=document.external_id,
        url=document.url or meta.url,
        encoding=document.encoding,
        wire=meta.wire,
    )
    return article, cleaned


def prepare(document: Document, outlet: str | None, settings: Settings, read_seconds: float = 0.0) -> Prepared:
    """The pure per-document work, timed by stage (CPU seconds of the process doing it)."""
    started = time.process_time()
    article, cleaned = analyse(document, outlet)
    analysed = time.process_time()
    # Word patterns here; the parse reads the claims when they are first asked for (`parse_claims`):
    # parsing every sentence at ingest would cost about 30 ms an article, 10 times the rest.
    found, provenance = claims.extract(
        article.id, article.body, article.outlet, article.title, article.published, parsed_attribution=False
    )
    claimed = time.process_time()
    fp = dedupe.packed(dedupe.fingerprint(article.body, settings))
    fingerprinted = time.process_time()
    terms = stories.pack(stories.vector(article.title, article.body, settings))
    termed = time.process_time()
    record = article_record(article, document.text, cleaned.removed, found, provenance)
    seconds = (
        ("read", read_seconds),
        ("clean+metadata", analysed - started),
        ("claims", claimed - analysed),
        ("fingerprint", fingerprinted - claimed),
        ("story terms", termed - fingerprinted),
        ("encode", time.process_time() - termed),
    )
    return Prepared(_outcome(article, document.path, "added"), record, fp, terms, seconds)


Input = Document | Source | BadInput
# An outlet for every input, or one read from each input's path (`ingest --outlet-from parent`).
OutletChoice = str | Callable[[str], str] | None


def documents(items: Iterable[Source | BadInput], settings: Settings) -> Iterator[Input]:
    """Discovered inputs, ready for `ingest`: stdin is read here, where it is open; files are read
    later by whichever process analyses them, so reading runs on every core."""
    for item in items:
        if isinstance(item, Source) and item.is_stdin:
            yield _read(item, settings)
        else:
            yield item


def _read(source: Source, settings: Settings) -> Document | BadInput:
    try:
        return read_source(source, settings.max_article_bytes)
    except BadInput as exc:
        return exc


def ingest(
    store: Store,
    inputs: Iterable[Input],
    outlet: OutletChoice = None,
    on_outcome: Callable[[IngestOutcome], None] | None = None,
    settings: Settings = DEFAULT_SETTINGS,
    timings: Timings | None = None,
) -> list[IngestOutcome]:
    """Store every readable input and return an outcome per input, in input order. An outlet given
    here wins over what a page says, also for an article already stored (its outcome: `updated`)."""
    timings = timings or Timings()
    outcomes: list[IngestOutcome] = []
    batch: list[Prepared | BadInput] = []
    counts = TermCounts(store, settings.story_cached_terms)
    with fewer_gc_passes():
        for item in _prepared(inputs, outlet, settings, timings):
            batch.append(item)
            if len(batch) >= settings.batch_articles:
                outcomes.extend(_commit(store, counts, batch, settings, timings, on_outcome, outlet is not None))
                batch = []
        outcomes.extend(_commit(store, counts, batch, settings, timings, on_outcome, outlet is not None))
    return outcomes


def _prepared(
    inputs: Iterable[Input], outlet: OutletChoice, settings: Settings, timings: Timings
) -> Iterator[Prepared | BadInput]:
    """Analysed documents in input order: in worker processes when there are enough of them."""
    stream = iter(inputs)
    head = list(islice(stream, MIN_DOCUMENTS_FOR_WORKERS))
    workers = min(settings.workers or os.cpu_count() or 1, os.cpu_count() or 1)
    if len(head) < MIN_DOCUMENTS_FOR_WORKERS or workers <= 1:
        results: Iterable = (_prepare_or_pass(item, outlet, settings) for item in chain(head, stream))
        yield from _account(results, timings)
        return
    with _pool(workers) as pool:
        tasks = ((item, outlet, settings) for item in chain(head, stream))
        # Pool.imap reads its whole input ahead of the workers; windows keep memory bounded. The
        # next window is queued before this one is drained, so the workers never wait for the writer.
        queued: deque[Iterator] = deque()
        for window in _windows(tasks, WORKER_WINDOW):
            queued.append(pool.imap(_prepare_task, window, chunksize=WORKER_CHUNK))
            if len(queued) > 1:
                yield from _account(queued.popleft(), timings)
        while queued:
            yield from _account(queued.popleft(), timings)


def _windows(items: Iterator, size: int) -> Iterator[list]:
    while window := list(islice(items, size)):
        yield window


def _pool(workers: int):
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    return multiprocessing.get_context(method).Pool(workers, initializer=_start_worker)


def _start_worker() -> None:
    # Ctrl-C is the main process's to handle: it rolls back the batch and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.set_threshold(*LEAN_GC_THRESHOLDS)


def _prepare_task(task: tuple) -> Prepared | BadInput:
    return _prepare_or_pass(*task)


def _prepare_or_pass(item: Input, outlet: OutletChoice, settings: Settings) -> Prepared | BadInput:
    if callable(outlet) and not isinstance(item, BadInput):
        outlet = outlet(item.path)
    read_seconds = 0.0
    if isinstance(item, Source):
        started = time.process_time()
        item = _read(item, settings)
        read_seconds = time.process_time() - started
    return item if isinstance(item, BadInput) else prepare(item, outlet, settings, read_seconds)


def _account(results: Iterable[Prepared | BadInput], timings: Timings) -> Iterator[Prepared | BadInput]:
    for result in results:
        if isinstance(result, Prepared):
            for stage, seconds in result.seconds:
                timings.add(stage, seconds)
        yield result


def _commit(
    store: Store,
    counts: TermCounts,
    batch: list[Prepared | BadInput],
    settings: Settings,
    timings: Timings,
    on_outcome: Callable[[IngestOutcome], None] | None,
    relabel: bool,
) -> list[IngestOutcome]:
    """Write one batch in one transaction; outcomes are released only after it commits."""
    outcomes = []
    with atomic(store.conn):
        counts.begin()
        for item in batch:
            outcomes.append(_store_one(store, counts, item, settings, timings, relabel))
        started = time.process_time()
        counts.flush()
        timings.add("stories", time.process_time() - started)
        committing = time.process_time()
    timings.add("commit", time.process_time() - committing)
    for outcome in outcomes:
        if on_outcome:
            on_outcome(outcome)
    return outcomes


def refused(item: BadInput) -> IngestOutcome:
    return IngestOutcome(path=item.path, status="failed", error=item.reason)


def _store_one(
    store: Store, counts: TermCounts, item: Prepared | BadInput, settings: Settings, timings: Timings, relabel: bool
) -> IngestOutcome:
    if isinstance(item, BadInput):
        return refused(item)
    outcome = item.outcome
    started = time.process_time()
    if store.has_article(outcome.id):  # under the write lock: another process may have stored it
        existing = store.article(outcome.id)
        if relabel and outcome.outlet != existing.outlet:
            return _outcome(edit(store, existing.id, {"outlet": outcome.outlet}), outcome.path, "updated")
        timings.add("store", time.process_time() - started)
        return _outcome(existing, outcome.path, "unchanged")
    if not item.record.has_body:
        return replace(outcome, status="failed", error="no article text found")
    store.add(item.record)
    stored = time.process_time()
    assignment = _cluster(store, outcome.id, item.fingerprint, settings)
    clustered = time.process_time()
    _place_in_story(store, counts, outcome.id, assignment, item.story_terms, outcome.published, settings)
    timings.add("store", stored - started)
    timings.add("dedupe", clustered - stored)
    timings.add("stories", time.process_time() - clustered)
    return outcome


def _cluster(store: Store, article_id: str, fp: dedupe.PackedFingerprint, settings: Settings) -> dedupe.Assignment:
    """Place one stored article in a syndication cluster (inside the caller's transaction)."""
    candidates = store.candidates(article_id, fp.keys, settings.min_shared_keys, settings.max_candidates)
    assignment = dedupe.assign(article_id, dedupe.unpacked(fp), candidates, settings)
    indexed = assignment.cluster == article_id or store.cluster_size(assignment.cluster) < settings.indexed_copies
    store.add_fingerprint(article_id, fp, settings.max_key_postings, indexed)
    store.apply_assignment(article_id, assignment)
    return assignment


def _place_in_story(
    store: Store,
    counts: TermCounts,
    article_id: str,
    assignment: dedupe.Assignment,
    packed_terms: bytes,
    published: str | None,
    settings: Settings,
) -> None:
    """Put a clustered article in a story (inside the caller's transaction).

    A copy goes where its cluster is, and pulls any cluster it fused into that story: copies are
    one text and are never compared again. A new text is regrouped with the stories it resembles.
    """
    home = None
    if assignment.cluster != article_id:
        home = store.story_of_cluster(assignment.cluster) or assignment.cluster
        store.put_cluster_in_story(assignment.cluster, home)
        if store.cluster_units(assignment.cluster) >= settings.story_units_per_cluster:
            return
    terms = stories.unpack(packed_terms)
    store.add_story_unit(article_id, packed_terms)
    docs, held = counts.add(terms.ids.tolist())
    new = stories.Unit(article_id, assignment.cluster, home, terms, published)
    rarity = stories.rarity(docs, terms.ids, held, settings)
    # A text indexes its most distinctive terms and probes with half as many again: two reports of
    # one event rank their shared names a little differently. A term on too many texts is no key.
    common = set(terms.ids[held > settings.story_max_key_postings].tolist())
    keys = tuple(k for k in stories.keys(terms, rarity, 3 * settings.story_keys // 2) if k not in common)
    candidates = store.story_candidates(article_id, keys, settings.story_min_shared_keys, settings.story_max_candidates)
    store.add_story_keys(article_id, keys[: settings.story_keys])
    if not candidates:  # most texts: nothing resembles them, and they start a story
        store.put_cluster_in_story(assignment.cluster, home or article_id)
        return
    units = [
        stories.Unit(a, c, s, stories.unpack(t), p)
        for a, c, s, t, p in store.story_units(candidates, settings.story_max_regroup_units)
    ]
    others = np.setdiff1d(np.concatenate([u.terms.ids for u in units]), terms.ids)
    rarity = stories.rarity(
        docs, np.concatenate([terms.ids, others]), np.concatenate([held, counts.of(others.tolist())]), settings
    )
    for story, group in stories.place(new, units, rarity, settings, store.existing_stories):
        for unit in group:
            if unit.story != story:
                store.put_cluster_in_story(unit.cluster, story)


def edit(store: Store, article_id: str, changes: dict[str, str | None]) -> Article:
    """Correct an article's metadata by hand, in one transaction. Its claims are read again, since
    a claim's source chain starts with the outlet, and dates resolve against the publication date:
    with the quick patterns here (this runs inside ingest when `--outlet` relabels stored text), and
    with the parse the next time they are read, as for any newly stored article."""
    with atomic(store.conn):
        article = replace(store.article(article_id), **changes)
        found, provenance = claims.extract(
            article.id, article.body, article.outlet, article.title, article.published, parsed_attribution=False
        )
        store.edit(article.id, changes, found, provenance)
    return article


def remove(store: Store, article_ids: list[str]) -> list[Article]:
    """Delete articles (by id or prefix) and everything derived from them, all in one transaction."""
    with atomic(store.conn):
        articles = [store.article(article_id) for article_id in article_ids]
        for article in articles:
            store.remove(article.id)
    return articles


PARSE_BATCH = 200


def parse_claims(store: Store, articles: Iterable[str] | None = None) -> dict[str, list[claims.Claim]]:
    """Re-read with the dependency parse the claims of the articles (all, or `articles`) that only
    have the patterns' reading, and store them: the second ask is instant. Returns the new readings
    by article; a database opened read-only keeps none, and is read anew next time."""
    pending = store.unparsed_articles(articles)
    if not pending or parse.pipeline_or_none() is None:  # loading the parser alone takes ~1 s
        return {}
    read = {}
    for start in range(0, len(pending), PARSE_BATCH):
        batch = {row[0]: claims.extract(*row) for row in pending[start : start + PARSE_BATCH]}
        read |= {article_id: found for article_id, (found, _) in batch.items()}
        if store.writable:
            with atomic(store.conn):
                for article_id, (found, provenance) in batch.items():
                    store.replace_claims(article_id, found, provenance)
    return read


def recluster(store: Store, settings: Settings = DEFAULT_SETTINGS) -> int:
    """Rebuild every fingerprint, cluster and story in ingest order, in one transaction."""
    with atomic(store.conn):
        store.reset_dedupe()
        count = 0
        counts = TermCounts(store, settings.story_cached_terms)
        counts.begin()
        for article_id, title, body, published in list(store.texts_in_ingest_order()):
            assignment = _cluster(store, article_id, dedupe.packed(dedupe.fingerprint(body, settings)), settings)
            terms = stories.pack(stories.vector(title, body, settings))
            _place_in_story(store, counts, article_id, assignment, terms, published, settings)
            count += 1
            if count % settings.batch_articles == 0:  # memory stays bounded
                counts.flush()
        counts.flush()
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
