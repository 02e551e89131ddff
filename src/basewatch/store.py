"""The embedded SQLite store: the only module that holds SQL.

Invariants: WAL journal, foreign keys on, every article written in one transaction (body,
metadata and removed lines together or not at all), schema migrated on open and never touched
when it is newer than this code.
"""

from __future__ import annotations

import json
import os
import sqlite3
import urllib.parse
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from json.encoder import encode_basestring
from pathlib import Path
from typing import NamedTuple

from basewatch import dedupe, migrations
from basewatch.claims import Claim, Provenance
from basewatch.dedupe import Assignment, Candidate, PackedFingerprint
from basewatch.errors import DatabaseError, NotFound
from basewatch.models import Article
from basewatch.settings import DEFAULT_SETTINGS, Settings

_ARTICLE_COLUMNS = "id, path, outlet, title, author, published, body, external_id, url, encoding, ingested_utc, wire"
_SELECT_ARTICLES = (
    "SELECT a.id, a.path, a.outlet, a.title, a.author, a.published, a.body, a.external_id, a.url, "
    "a.encoding, a.ingested_utc, m.cluster, a.wire FROM articles a LEFT JOIN cluster_members m ON m.article = a.id"
)


CACHE_KIB = 64 * 1024
MMAP_BYTES = 256 * 2**20
WAL_CHECKPOINT_PAGES = 16_384  # 64 MB at 4 kB pages


_STORY_TABLES = ("story_members", "story_units", "story_keys", "story_terms")
_BODY_COLUMN = _ARTICLE_COLUMNS.split(", ").index("body")
_EVIDENCE_KEYS = ("article", "matched", "containment_pct", "lead_match_pct", "shared_shingles")


class ArticleRecord(NamedTuple):
    """One analysed article as rows ready to insert.

    Built where the analysis runs (a worker process), so the single writer only executes SQL:
    tuples of strings cross the process boundary several times cheaper than dataclasses, and the
    JSON encoding and page compression run on every core.
    """

    article: tuple
    page: tuple
    claims: list[tuple]
    provenance: tuple

    @property
    def has_body(self) -> bool:
        return bool(self.article[_BODY_COLUMN])


def article_record(
    article: Article, raw_text: str, removed: list[dict], claims: list[Claim], provenance: Provenance
) -> ArticleRecord:
    ingested = article.ingested_utc or datetime.now(UTC).isoformat(timespec="seconds")
    return ArticleRecord(
        article=(
            article.id,
            article.path,
            article.outlet,
            article.title,
            article.author,
            article.published,
            article.body,
            article.external_id,
            article.url,
            article.encoding,
            ingested,
            article.wire,
        ),
        page=(article.id, migrations.pack_text(raw_text), migrations.pack_json(removed)),
        claims=[_claim_row(c) for c in claims],
        provenance=_provenance_row(provenance),
    )


def _provenance_row(provenance: Provenance) -> tuple:
    return (provenance.article, _json(provenance.cites), provenance.retelling_of, provenance.retelling_date)


def _claim_row(c: Claim) -> tuple:
    return (
        c.id,
        c.article,
        c.outlet,
        c.sentence_index,
        c.text,
        c.cue,
        _json_strings(c.sources),
        c.anonymous,
        c.hedged,
        c.direct_quote,
        c.inherited,
        _json_strings(c.names),
        _json_strings(c.numbers),
        _json(c.dates) if c.dates else "[]",
    )


def _json_strings(values: list[str]) -> str:
    """A JSON list of strings, built directly: claims need four per sentence and json.dumps
    spends most of its time setting itself up."""
    return "[" + ",".join(map(encode_basestring, values)) + "]"


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _article_filter(
    outlet: str | None = None, since: str | None = None, story: str | None = None
) -> tuple[str, list[str]]:
    """The WHERE clause (over `articles a`) and its arguments for the filters every listing takes."""
    clauses, args = ["1=1"], []
    if story:
        clauses.append("a.id IN (SELECT article FROM story_members WHERE story = ?)")
        args.append(story)
    if outlet:
        clauses.append("lower(a.outlet) = lower(?)")
        args.append(outlet)
    if since:
        clauses.append("a.published >= ?")
        args.append(since)
    return " AND ".join(clauses), args


def _file_of(path: str) -> str:
    """The file behind --db. A `file:` URI opens the database with SQLite's options, e.g.
    `file:team.db?mode=ro` to read a shared database with no risk of writing to it."""
    return urllib.parse.urlparse(path).path if path.startswith("file:") else path


def _reason(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "not a database" in text or "malformed" in text:
        return "the file is corrupt or not a basewatch database (left untouched)"
    if "locked" in text or "busy" in text:
        return "the database is locked by another process (gave up waiting)"
    if "readonly" in text or "read-only" in text:
        return "the database is read-only"
    return text


@contextmanager
def atomic(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One transaction (a savepoint when nested): all of it commits or none of it does."""
    if conn.in_transaction:
        conn.execute("SAVEPOINT nested")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK TO nested")
            conn.execute("RELEASE nested")
            raise
        conn.execute("RELEASE nested")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class Store:
    """Typed reads and writes over one SQLite database file."""

    def __init__(self, conn: sqlite3.Connection, path: str):
        self.conn = conn
        self.path = path

    @property
    def writable(self) -> bool:
        """False for a database opened read-only (`file:team.db?mode=ro`) or a file we may not write."""
        file = _file_of(self.path)
        if file == ":memory:":
            return True
        options = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query) if self.path.startswith("file:") else {}
        read_only = options.get("mode") == ["ro"] or options.get("immutable") == ["1"]
        return not read_only and os.access(file, os.W_OK)

    # -- opening --------------------------------------------------------------------------

    @classmethod
    @contextmanager
    def open(cls, path: str | Path, *, create: bool = True, settings: Settings = DEFAULT_SETTINGS) -> Iterator[Store]:
        path = str(path)
        file = _file_of(path)
        if not create and file != ":memory:" and not Path(file).exists():
            raise DatabaseError(f"{path}: no database here yet (run `basewatch ingest` first, or pass --db)")
        folder = Path(file).parent
        if file != ":memory:" and not folder.is_dir():
            raise DatabaseError(f"{path}: the folder {folder} does not exist")
        try:
            conn = sqlite3.connect(
                path, uri=file != path, isolation_level=None, timeout=settings.busy_timeout_ms / 1000
            )
        except sqlite3.Error as exc:
            raise DatabaseError(f"{path}: cannot open: {_reason(exc)}") from None
        try:
            store = cls(conn, path)
            store._prepare(settings)
            yield store
        except sqlite3.Error as exc:
            raise DatabaseError(f"{path}: {_reason(exc)}") from None
        finally:
            conn.close()

    def _prepare(self, settings: Settings) -> None:
        self.conn.execute(f"PRAGMA busy_timeout = {int(settings.busy_timeout_ms)}")
        self.conn.execute("PRAGMA foreign_keys = ON")
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        if version > migrations.SCHEMA_VERSION:
            raise DatabaseError(
                f"{self.path}: schema version {version} is newer than this basewatch "
                f"({migrations.SCHEMA_VERSION}); upgrade basewatch (database left untouched)"
            )
        if version < migrations.SCHEMA_VERSION:
            self._migrate()
        if self.path != ":memory:":
            self.conn.execute("PRAGMA journal_mode = WAL")
            # With WAL, NORMAL never corrupts the database; a power cut may lose the last commits.
            self.conn.execute("PRAGMA synchronous = NORMAL")
        # The dedupe index is probed at random for every new article: past a few hundred MB the
        # default 8 MB page cache misses on most probes.
        self.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        self.conn.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
        # Every batch rewrites the same hot index pages; a longer WAL copies each back once per
        # checkpoint instead of once per few batches.
        self.conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")

    def _migrate(self) -> None:
        with atomic(self.conn):
            for migration in migrations.pending(self.conn):
                migration(self.conn)
                migrations.record(self.conn, migration)
            self.conn.execute(f"PRAGMA user_version = {migrations.SCHEMA_VERSION}")

    def status(self) -> dict:
        count = self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        outlets = self.conn.execute("SELECT count(DISTINCT outlet) FROM articles").fetchone()[0]
        return {
            "path": self.path,
            "schema_version": self.conn.execute("PRAGMA user_version").fetchone()[0],
            "migrations": migrations.applied(self.conn),
            "articles": count,
            "outlets": outlets,
        }

    # -- writes ---------------------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def add(self, record: ArticleRecord) -> None:
        """Insert one analysed article, its page and its claims; call inside `atomic()`."""
        self.conn.execute(f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", record.article)
        self.conn.execute("INSERT INTO pages (article, raw, removed) VALUES (?, ?, ?)", record.page)
        self._add_claims(record.claims, record.provenance)

    def _add_claims(self, claim_rows: list[tuple], provenance_row: tuple) -> None:
        self.conn.executemany(
            "INSERT INTO claims (id, article, outlet, sentence_index, text, cue, sources, anonymous, hedged, "
            "direct_quote, inherited, names, numbers, dates) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            claim_rows,
        )
        self.conn.execute(
            "INSERT INTO provenance (article, cites, retelling_of, retelling_date) VALUES (?, ?, ?, ?)",
            provenance_row,
        )

    EDITABLE = ("outlet", "title", "author", "published")

    def edit(
        self, article_id: str, changes: dict[str, str | None], claims: list[Claim], provenance: Provenance
    ) -> None:
        """Set some of an article's metadata by hand, with the claims read again under it, and log
        each change with its time; call inside `atomic()`."""
        row = self.conn.execute(f"SELECT {', '.join(self.EDITABLE)} FROM articles WHERE id = ?", (article_id,))
        old = dict(zip(self.EDITABLE, row.fetchone(), strict=True))
        fields = [f for f in self.EDITABLE if f in changes]
        self.conn.execute(
            f"UPDATE articles SET {', '.join(f'{f} = ?' for f in fields)} WHERE id = ?",
            [*(changes[f] for f in fields), article_id],
        )
        self._log(article_id, [(f, old[f], changes[f]) for f in fields])
        self._rewrite_claims(article_id, claims, provenance)  # unparsed: the parse reads them anew

    def remove(self, article_id: str) -> None:
        """Delete an article and all that hangs on it (page, claims, keys, cluster membership);
        its copies stay clustered together. Call inside `atomic()`."""
        self.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        self._log(article_id, [("removed", None, None)])

    def _log(self, article_id: str, changes: list[tuple[str, str | None, str | None]]) -> None:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        self.conn.executemany(
            "INSERT INTO edits (article, field, old, new, edited_utc) VALUES (?, ?, ?, ?, ?)",
            [(article_id, field, old, new, now) for field, old, new in changes],
        )

    def edits(self, article_id: str) -> list[dict]:
        rows = self.conn.execute(
            "SELECT field, old, new, edited_utc FROM edits WHERE article = ? ORDER BY rowid", (article_id,)
        )
        return [{"field": f, "old": old, "new": new, "edited_utc": at} for f, old, new, at in rows]

    # -- reads ----------------------------------------------------------------------------

    def articles(
        self, outlet: str | None = None, since: str | None = None, story: str | None = None
    ) -> Iterator[Article]:
        where, args = _article_filter(outlet=outlet, since=since, story=story)
        sql = f"{_SELECT_ARTICLES} WHERE {where} ORDER BY a.published IS NULL, a.published, a.path"
        for row in self.conn.execute(sql, args):
            yield Article(*row)

    def article_ids(self, since: str | None = None, story: str | None = None) -> list[str]:
        where, args = _article_filter(since=since, story=story)
        return [r[0] for r in self.conn.execute(f"SELECT a.id FROM articles a WHERE {where}", args)]

    def article(self, id_or_prefix: str) -> Article:
        """One article by full id, id prefix (with or without `sha256:`), or external id."""
        key = id_or_prefix if id_or_prefix.startswith("sha256:") else "sha256:" + id_or_prefix
        rows = self.conn.execute(
            f"{_SELECT_ARTICLES} WHERE a.id LIKE ? ESCAPE '\\' OR a.external_id = ? LIMIT 2",
            (key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", id_or_prefix),
        ).fetchall()
        if not rows:
            raise NotFound(f"no article with id {id_or_prefix!r}")
        if len(rows) > 1:
            raise NotFound(f"id prefix {id_or_prefix!r} matches more than one article; give more characters")
        return Article(*rows[0])

    def removed_lines(self, article_id: str) -> list[dict]:
        row = self.conn.execute("SELECT removed FROM pages WHERE article = ?", (article_id,)).fetchone()
        return migrations.unpack_json(row[0]) if row else []

    # -- dedupe ---------------------------------------------------------------------------

    def add_fingerprint(self, article_id: str, fp: PackedFingerprint, max_postings: int, indexed: bool = True) -> None:
        """Store an article's shingles and, if `indexed`, index its keys; saturated keys get no new postings."""
        self.conn.execute(
            "INSERT INTO fingerprints (article, shingles, lead, words) VALUES (?, ?, ?, ?)",
            (article_id, fp.shingles, fp.lead, fp.words),
        )
        if not indexed:
            return
        saturated = self._saturated(fp.keys, max_postings)
        self.conn.executemany(
            "INSERT INTO article_keys (key, article) VALUES (?, ?)",
            [(k, article_id) for k in fp.keys if k not in saturated],
        )
        self.conn.executemany(
            "INSERT INTO key_counts (key, postings) VALUES (?, 1) "
            "ON CONFLICT(key) DO UPDATE SET postings = postings + 1",
            [(k,) for k in fp.keys],
        )

    def _saturated(self, keys: tuple[int, ...], max_postings: int) -> set[int]:
        if not keys:
            return set()
        marks = ",".join("?" * len(keys))
        rows = self.conn.execute(
            f"SELECT key FROM key_counts WHERE key IN ({marks}) AND postings >= ?",
            [*(k for k in keys), max_postings],
        )
        return {r[0] for r in rows}

    def candidates(self, article_id: str, keys: tuple[int, ...], min_shared_keys: int, limit: int) -> list[Candidate]:
        """Stored articles sharing at least `min_shared_keys` of the index `keys`, most shared first."""
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        needed = min(min_shared_keys, len(keys))
        rows = self.conn.execute(
            f"""SELECT k.article, count(*) AS shared, m.cluster, f.shingles, f.lead, f.words,
                       (SELECT count(*) FROM cluster_members s WHERE s.cluster = m.cluster)
                FROM article_keys k
                JOIN cluster_members m ON m.article = k.article
                JOIN fingerprints f ON f.article = k.article
                WHERE k.key IN ({marks}) AND k.article != ?
                GROUP BY k.article HAVING shared >= ?
                ORDER BY shared DESC, k.article LIMIT ?""",
            [*keys, article_id, needed, limit],
        )
        return [
            Candidate(
                article=article,
                cluster=cluster,
                fingerprint=dedupe.unpacked(PackedFingerprint(blob, (), lead, words)),
                cluster_size=size,
            )
            for article, _, cluster, blob, lead, words, size in rows
        ]

    def apply_assignment(self, article_id: str, assignment: Assignment) -> None:
        self.conn.execute(
            "INSERT INTO cluster_members (article, cluster) VALUES (?, ?)", (article_id, assignment.cluster)
        )
        for absorbed in assignment.absorbed:
            self.conn.execute(
                "UPDATE cluster_members SET cluster = ? WHERE cluster = ?", (assignment.cluster, absorbed)
            )
        self.conn.executemany(
            "INSERT INTO merges (article, matched, containment_pct, lead_match_pct, shared_shingles) "
            "VALUES (?, ?, ?, ?, ?)",
            [
                (e.article, e.matched, e.containment_pct, e.lead_match_pct, e.shared_shingles)
                for e in assignment.evidence
            ],
        )

    def reset_dedupe(self) -> None:
        for table in ("merges", "cluster_members", "article_keys", "key_counts", "fingerprints", *_STORY_TABLES):
            self.conn.execute(f"DELETE FROM {table}")
        self.conn.execute("UPDATE story_docs SET docs = 0")

    def texts_in_ingest_order(self) -> Iterator[tuple[str, str | None, str, str | None]]:
        """(id, title, body, published) of every article, oldest first."""
        yield from self.conn.execute("SELECT id, title, body, published FROM articles ORDER BY rowid")

    def cluster_rows(self, clusters: Iterable[str] | None = None) -> list[dict]:
        """Clustered articles with what the cluster listing needs, grouped by cluster: every
        cluster, or only `clusters`."""
        where = ""
        if clusters is not None:
            self._fill_scope(clusters)
            where = "WHERE m.cluster IN (SELECT id FROM temp.scope)"
        return self._cluster_rows(where, ())

    def cluster_rows_for(self, cluster_id: str) -> list[dict]:
        return self._cluster_rows("WHERE m.cluster = ?", (cluster_id,))

    def _cluster_rows(self, where: str, args: tuple) -> list[dict]:
        rows = self.conn.execute(
            f"""SELECT m.cluster, a.id, a.external_id, a.path, a.outlet, a.title, a.published, f.words
               FROM cluster_members m JOIN articles a ON a.id = m.article
               JOIN fingerprints f ON f.article = a.id {where} ORDER BY m.cluster, a.rowid""",
            args,
        )
        keys = ("cluster", "article", "external_id", "path", "outlet", "title", "published", "words")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def merge_evidence(self, article_ids: list[str]) -> list[dict]:
        if not article_ids:
            return []
        marks = ",".join("?" * len(article_ids))
        rows = self.conn.execute(
            f"SELECT article, matched, containment_pct, lead_match_pct, shared_shingles FROM merges "
            f"WHERE article IN ({marks}) ORDER BY rowid",
            article_ids,
        )
        return [dict(zip(_EVIDENCE_KEYS, row, strict=True)) for row in rows]

    def evidence_by_cluster(self) -> dict[str, list[dict]]:
        """Every merge's evidence, keyed by the cluster its article is in now (one query)."""
        rows = self.conn.execute(
            "SELECT m.cluster, e.article, e.matched, e.containment_pct, e.lead_match_pct, e.shared_shingles "
            "FROM merges e JOIN cluster_members m ON m.article = e.article ORDER BY e.rowid"
        )
        found: dict[str, list[dict]] = {}
        for cluster, *row in rows:
            found.setdefault(cluster, []).append(dict(zip(_EVIDENCE_KEYS, row, strict=True)))
        return found

    def _fill_scope(self, ids: Iterable[str]) -> None:
        """Put `ids` in a temporary table, so a scoped query joins instead of binding thousands of values."""
        self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS scope (id TEXT PRIMARY KEY)")
        self.conn.execute("DELETE FROM temp.scope")
        self.conn.executemany("INSERT OR IGNORE INTO temp.scope (id) VALUES (?)", ((i,) for i in ids))

    def cluster_size(self, cluster: str) -> int:
        return self.conn.execute("SELECT count(*) FROM cluster_members WHERE cluster = ?", (cluster,)).fetchone()[0]

    def cluster_of(self, article_id: str) -> str | None:
        row = self.conn.execute("SELECT cluster FROM cluster_members WHERE article = ?", (article_id,)).fetchone()
        return row[0] if row else None

    # -- stories --------------------------------------------------------------------------

    def add_story_unit(self, article_id: str, terms: bytes) -> None:
        """Store a distinct text's term vector."""
        self.conn.execute("INSERT INTO story_units (article, terms) VALUES (?, ?)", (article_id, terms))

    def add_story_term_counts(self, added: Iterable[tuple[int, int]], texts: int) -> None:
        """Count `texts` more distinct texts, and each term's new holders."""
        self.conn.executemany(
            "INSERT INTO story_terms (term, docs) VALUES (?, ?) "
            "ON CONFLICT(term) DO UPDATE SET docs = docs + excluded.docs",
            added,
        )
        self.conn.execute("UPDATE story_docs SET docs = docs + ?", (texts,))

    def story_docs(self) -> int:
        """How many distinct texts the term counts cover."""
        return self.conn.execute("SELECT docs FROM story_docs").fetchone()[0]

    def term_docs(self, terms: list[int]) -> list[tuple[int, int]]:
        """(term, distinct texts holding it) for `terms` (terms never seen are left out)."""
        # One JSON array bound once, each value looked up by primary key: binding thousands of
        # parameters, or filling a temporary table, costs more than the lookups.
        rows = self.conn.execute(
            "SELECT t.term, t.docs FROM json_each(?) j CROSS JOIN story_terms t ON t.term = j.value",
            (json.dumps(terms),),
        )
        return rows.fetchall()

    def add_story_keys(self, article_id: str, keys: Iterable[int]) -> None:
        self.conn.executemany("INSERT INTO story_keys (key, article) VALUES (?, ?)", [(k, article_id) for k in keys])

    def story_candidates(self, article_id: str, keys: tuple[int, ...], min_shared: int, limit: int) -> list[str]:
        """Stories holding a text that shares at least `min_shared` of `keys`, most shared first
        (the postings are read from the key's index alone)."""
        if not keys:
            return []
        marks = ",".join("?" * len(keys))
        rows = self.conn.execute(
            f"""SELECT s.story, max(shared) AS best FROM (
                    SELECT k.article, count(*) AS shared FROM story_keys k
                    WHERE k.key IN ({marks}) AND k.article != ? GROUP BY k.article HAVING shared >= ?
                ) c JOIN story_members s ON s.article = c.article
                GROUP BY s.story ORDER BY best DESC, s.story LIMIT ?""",
            [*keys, article_id, min(min_shared, len(keys)), limit],
        )
        return [r[0] for r in rows]

    def story_units(self, stories: Iterable[str], limit: int) -> list[tuple]:
        """(article, cluster, story, terms, published) of the distinct texts of `stories`, at most
        `limit` + 1 rows (one more than allowed tells the caller the stories are too big to regroup)."""
        self._fill_scope(stories)
        return self.conn.execute(
            """SELECT u.article, m.cluster, s.story, u.terms, a.published FROM story_members s
               JOIN story_units u ON u.article = s.article JOIN cluster_members m ON m.article = s.article
               JOIN articles a ON a.id = s.article
               WHERE s.story IN (SELECT id FROM temp.scope) ORDER BY a.rowid LIMIT ?""",
            (limit + 1,),
        ).fetchall()

    def cluster_units(self, cluster: str) -> int:
        """How many of a syndication cluster's texts are story units."""
        return self.conn.execute(
            "SELECT count(*) FROM cluster_members m JOIN story_units u ON u.article = m.article WHERE m.cluster = ?",
            (cluster,),
        ).fetchone()[0]

    def story_of(self, article_id: str) -> str | None:
        row = self.conn.execute("SELECT story FROM story_members WHERE article = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def story_of_cluster(self, cluster: str) -> str | None:
        """The story of a syndication cluster's oldest article in a story. Not a lookup of the
        cluster id: a cluster keeps the id of its first article after `rm` removed that article."""
        row = self.conn.execute(
            "SELECT s.story FROM cluster_members m JOIN story_members s ON s.article = m.article "
            "JOIN articles a ON a.id = m.article WHERE m.cluster = ? ORDER BY a.rowid LIMIT 1",
            (cluster,),
        ).fetchone()
        return row[0] if row else None

    def existing_stories(self, ids: Iterable[str]) -> set[str]:
        self._fill_scope(ids)
        rows = self.conn.execute("SELECT DISTINCT story FROM story_members WHERE story IN (SELECT id FROM temp.scope)")
        return {r[0] for r in rows}

    def put_cluster_in_story(self, cluster: str, story: str) -> None:
        """Every article of a syndication cluster into one story (new articles get their row)."""
        self.conn.execute(
            "INSERT INTO story_members (article, story) SELECT article, ? FROM cluster_members WHERE cluster = ? "
            "ON CONFLICT(article) DO UPDATE SET story = excluded.story",
            (story, cluster),
        )

    def resolve_story(self, id_or_prefix: str) -> str:
        """A story id from its full id or a prefix (with or without `sha256:`)."""
        key = id_or_prefix if id_or_prefix.startswith("sha256:") else "sha256:" + id_or_prefix
        rows = self.conn.execute(
            "SELECT DISTINCT story FROM story_members WHERE story >= ? AND story < ? LIMIT 2", (key, key + "\uffff")
        ).fetchall()
        if not rows:
            raise NotFound(f"no story with id {id_or_prefix!r} (`basewatch stories` lists them)")
        if len(rows) > 1:
            raise NotFound(f"story prefix {id_or_prefix!r} matches more than one story; give more characters")
        return rows[0][0]

    def story_clusters(self, story: str) -> set[str]:
        rows = self.conn.execute(
            "SELECT DISTINCT m.cluster FROM story_members s JOIN cluster_members m ON m.article = s.article "
            "WHERE s.story = ?",
            (story,),
        )
        return {r[0] for r in rows}

    def stories_of(self, articles: Iterable[str]) -> dict[str, str]:
        """article -> story for `articles`."""
        self._fill_scope(articles)
        sql = "SELECT article, story FROM story_members WHERE article IN (SELECT id FROM temp.scope)"
        return dict(self.conn.execute(sql).fetchall())

    def story_rows(self, stories: Iterable[str] | None = None) -> list[dict]:
        """Every article with its cluster and story (or only those of `stories`), grouped by story."""
        where = ""
        if stories is not None:
            self._fill_scope(stories)
            where = "WHERE s.story IN (SELECT id FROM temp.scope)"
        rows = self.conn.execute(
            f"""SELECT s.story, a.id, a.external_id, a.path, a.outlet, a.title, a.published, m.cluster, f.words,
                       a.rowid
               FROM story_members s JOIN articles a ON a.id = s.article
               JOIN cluster_members m ON m.article = a.id JOIN fingerprints f ON f.article = a.id
               {where} ORDER BY s.story, a.rowid"""
        )
        keys = ("story", "article", "external_id", "path", "outlet", "title", "published", "cluster", "words", "seq")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def recent_stories(self, limit: int, since: str | None = None, outlets: Iterable[str] = ()) -> list[str]:
        """Ids of the stories that most recently gained an article, newest first; only those with
        an article published on/after `since`, and with an article by one of `outlets` (any case)."""
        wanted = sorted({o.lower() for o in outlets})
        having, args = ["1"], []
        if since:
            having.append("max(a.published) >= ?")
            args.append(since)
        if wanted:
            having.append("sum(lower(a.outlet) IN (SELECT value FROM json_each(?))) > 0")
            args.append(json.dumps(wanted))
        rows = self.conn.execute(
            f"""SELECT s.story FROM story_members s JOIN articles a ON a.id = s.article
               GROUP BY s.story HAVING {" AND ".join(having)} ORDER BY max(a.rowid) DESC LIMIT ?""",
            (*args, limit),
        )
        return [r[0] for r in rows]

    def story_count(self) -> int:
        return self.conn.execute("SELECT count(DISTINCT story) FROM story_members").fetchone()[0]

    # -- claims ---------------------------------------------------------------------------

    def claims(
        self,
        outlet: str | None = None,
        since: str | None = None,
        outlets: list[str] | None = None,
        story: str | None = None,
    ) -> list[Claim]:
        sql = (
            # The four JSON lists arrive as one array: one decode per claim instead of four.
            "SELECT c.id, c.article, c.outlet, c.text, c.cue, c.anonymous, c.hedged, c.direct_quote, c.sentence_index, "
            "'[' || c.sources || ',' || c.names || ',' || c.numbers || ',' || c.dates || ']', c.inherited "
            "FROM claims c JOIN articles a ON a.id = c.article WHERE 1=1"
        )
        args: list = []
        if outlet:
            sql += " AND lower(c.outlet) = lower(?)"
            args.append(outlet)
        if outlets:
            sql += f" AND lower(c.outlet) IN ({','.join('?' * len(outlets))})"
            args.extend(o.lower() for o in outlets)
        if since:
            sql += " AND a.published >= ?"
            args.append(since)
        if story:
            sql += " AND c.article IN (SELECT article FROM story_members WHERE story = ?)"
            args.append(story)
        sql += " ORDER BY a.rowid, c.sentence_index"
        return [_claim(row) for row in self.conn.execute(sql, args)]

    def unparsed_articles(self, articles: Iterable[str] | None = None) -> list[tuple]:
        """(id, body, outlet, title, published) of the articles whose claims the parse has not read yet."""
        sql = (
            "SELECT a.id, a.body, a.outlet, a.title, a.published FROM articles a "
            "WHERE a.id NOT IN (SELECT article FROM parsed_claims)"
        )
        if articles is not None:
            self._fill_scope(articles)
            sql += " AND a.id IN (SELECT id FROM temp.scope)"
        return self.conn.execute(sql + " ORDER BY a.rowid").fetchall()

    def stored_frames(self, keys: Iterable[bytes]) -> dict[bytes, str]:
        """The sentence frames stored under `keys` (see `compare.frames`), as their JSON text."""
        found: dict[bytes, str] = {}
        wanted = list(keys)
        for start in range(0, len(wanted), 500):  # under SQLite's bound-parameter limit
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self.conn.execute(f"SELECT key, frame FROM sentence_frames WHERE key IN ({marks})", chunk))
        return found

    def store_frames(self, frames: dict[bytes, str]) -> None:
        """Keep sentence frames for the next comparison; call only on a `writable` store."""
        with atomic(self.conn):
            sql = "INSERT OR IGNORE INTO sentence_frames (key, frame) VALUES (?, ?)"
            self.conn.executemany(sql, frames.items())

    def replace_claims(self, article_id: str, claims: list[Claim], provenance: Provenance) -> None:
        """Store an article's claims as read from the parse; call inside `atomic()`."""
        self._rewrite_claims(article_id, claims, provenance)
        self.conn.execute("INSERT INTO parsed_claims (article) VALUES (?)", (article_id,))

    def _rewrite_claims(self, article_id: str, claims: list[Claim], provenance: Provenance) -> None:
        for table in ("claims", "provenance", "parsed_claims"):
            self.conn.execute(f"DELETE FROM {table} WHERE article = ?", (article_id,))
        self._add_claims([_claim_row(c) for c in claims], _provenance_row(provenance))

    def article_index(self, articles: Iterable[str] | None = None) -> dict[str, dict]:
        """id -> the fields the reports need (outlet, path, title, published, cluster, and the report
        it retells), for every article or only `articles`."""
        sql = (
            "SELECT a.id, a.outlet, a.path, a.title, a.published, m.cluster, p.retelling_of, p.retelling_date "
            "FROM articles a LEFT JOIN cluster_members m ON m.article = a.id "
            "LEFT JOIN provenance p ON p.article = a.id"
        )
        if articles is not None:
            self._fill_scope(articles)
            sql += " WHERE a.id IN (SELECT id FROM temp.scope)"
        rows = self.conn.execute(sql)
        keys = ("id", "outlet", "path", "title", "published", "cluster", "retelling_of", "retelling_date")
        return {row[0]: dict(zip(keys, row, strict=True)) for row in rows}


def _claim(row: tuple) -> Claim:
    sources, names, numbers, dates = json.loads(row[9])
    return Claim(
        id=row[0],
        article=row[1],
        outlet=row[2],
        text=row[3],
        cue=row[4],
        sources=sources,
        anonymous=bool(row[5]),
        hedged=bool(row[6]),
        direct_quote=bool(row[7]),
        sentence_index=row[8],
        names=names,
        numbers=numbers,
        dates=dates,
        inherited=bool(row[10]),
    )
