"""Ordered schema migrations; each runs in one transaction together with its `_migrations` row."""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Callable
from datetime import UTC, datetime

Migration = Callable[[sqlite3.Connection], None]


def m001_articles(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            path TEXT NOT NULL,
            external_id TEXT,
            url TEXT,
            outlet TEXT,
            title TEXT,
            author TEXT,
            published TEXT,
            encoding TEXT,
            raw_text TEXT NOT NULL,
            body TEXT NOT NULL,
            ingested_utc TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX articles_outlet ON articles(outlet)")
    conn.execute("CREATE INDEX articles_published ON articles(published)")
    conn.execute(
        """CREATE TABLE removed_lines (
            article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            line INTEGER NOT NULL,
            text TEXT NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (article, line)
        )"""
    )


def m002_dedupe(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE fingerprints (
            article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            shingles BLOB NOT NULL,
            lead TEXT NOT NULL,
            words INTEGER NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE article_keys (
            key INTEGER NOT NULL,
            article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
        )"""
    )
    conn.execute("CREATE INDEX article_keys_key ON article_keys(key)")
    conn.execute("CREATE TABLE key_counts (key INTEGER PRIMARY KEY, postings INTEGER NOT NULL)")
    conn.execute(
        """CREATE TABLE cluster_members (
            article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            cluster TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX cluster_members_cluster ON cluster_members(cluster)")
    conn.execute(
        """CREATE TABLE merges (
            article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            matched TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            containment_pct REAL NOT NULL,
            lead_match_pct REAL NOT NULL,
            shared_shingles INTEGER NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX merges_article ON merges(article)")


def m003_claims(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE claims (
            id TEXT PRIMARY KEY,
            article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            outlet TEXT,
            sentence_index INTEGER NOT NULL,
            text TEXT NOT NULL,
            cue TEXT,
            sources TEXT NOT NULL,
            anonymous INTEGER NOT NULL,
            hedged INTEGER NOT NULL,
            direct_quote INTEGER NOT NULL,
            inherited INTEGER NOT NULL,
            names TEXT NOT NULL,
            numbers TEXT NOT NULL,
            dates TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX claims_article ON claims(article)")
    conn.execute("CREATE INDEX claims_outlet ON claims(outlet)")
    conn.execute(
        """CREATE TABLE provenance (
            article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            cites TEXT NOT NULL,
            retelling_of TEXT,
            retelling_date TEXT
        )"""
    )


def m004_pages(conn: sqlite3.Connection) -> None:
    """The raw page and its removed lines move to one compressed row per article: the articles
    table that every query scans stays small, and an ingest writes one row instead of one per line."""
    conn.execute(
        """CREATE TABLE pages (
            article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            raw BLOB NOT NULL,
            removed BLOB NOT NULL
        )"""
    )
    removed: dict[str, list[dict]] = {}
    for article, line, text, reason in conn.execute("SELECT article, line, text, reason FROM removed_lines"):
        removed.setdefault(article, []).append({"line": line, "text": text, "reason": reason})
    conn.executemany(
        "INSERT INTO pages (article, raw, removed) VALUES (?, ?, ?)",
        (
            (article, pack_text(raw), pack_json(sorted(removed.get(article, []), key=lambda r: r["line"])))
            for article, raw in conn.execute("SELECT id, raw_text FROM articles").fetchall()
        ),
    )
    conn.execute("DROP TABLE removed_lines")
    conn.execute("ALTER TABLE articles DROP COLUMN raw_text")


def m005_edits(conn: sqlite3.Connection) -> None:
    """What people corrected by hand, and when: `show` says "outlet set by hand"; a removal is kept
    here too (no reference to the article, which is gone)."""
    conn.execute(
        """CREATE TABLE edits (
            article TEXT NOT NULL,
            field TEXT NOT NULL,
            old TEXT,
            new TEXT,
            edited_utc TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX edits_article ON edits(article)")


def m006_stories(conn: sqlite3.Connection) -> None:
    """Stories: every article's story, the term vector of each distinct text (one per syndication
    cluster's first text), its index keys, and the document counts that make terms rare or common."""
    conn.execute(
        """CREATE TABLE story_members (
            article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX story_members_story ON story_members(story)")
    conn.execute(
        """CREATE TABLE story_units (
            article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            terms BLOB NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE story_keys (
            key INTEGER NOT NULL,
            article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
        )"""
    )
    conn.execute("CREATE INDEX story_keys_key ON story_keys(key)")
    conn.execute("CREATE TABLE story_key_counts (key INTEGER PRIMARY KEY, postings INTEGER NOT NULL)")
    conn.execute("CREATE TABLE story_terms (term INTEGER PRIMARY KEY, docs INTEGER NOT NULL)")
    conn.execute("CREATE TABLE story_docs (docs INTEGER NOT NULL)")
    conn.execute("INSERT INTO story_docs (docs) VALUES (0)")


def m007_article_wire(conn: sqlite3.Connection) -> None:
    """The news agency a story credits ("AP" in "WASHINGTON (AP) —"), kept beside the publishing outlet."""
    conn.execute("ALTER TABLE articles ADD COLUMN wire TEXT")


def pack_text(text: str) -> bytes:
    """Stored form of bulky text that is kept but rarely read (a page is ~3x smaller)."""
    return zlib.compress(text.encode("utf-8"), 1)


def unpack_text(blob: bytes) -> str:
    return zlib.decompress(blob).decode("utf-8")


def pack_json(value: object) -> bytes:
    return pack_text(json.dumps(value, ensure_ascii=False))


def unpack_json(blob: bytes) -> object:
    return json.loads(unpack_text(blob))


def m008_parsed_claims(conn: sqlite3.Connection) -> None:
    # Ingest attributes claims with word patterns; the dependency parse replaces them the first time
    # an article's claims are read, and this table remembers which articles it has done.
    conn.execute("CREATE TABLE parsed_claims (article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE)")


def m009_story_keys_saturate_on_term_counts(conn: sqlite3.Connection) -> None:
    # A story key stops gaining postings once its term is held by that many texts (story_terms
    # counts them already), so the keys' own postings count is no longer kept.
    conn.execute("DROP TABLE story_key_counts")


def m010_sentence_frames(conn: sqlite3.Connection) -> None:
    # What a sentence asserts (compare.frames) costs a parse: stored per distinct sentence, keyed by
    # the frame reader's version and the sentence's digest, so a story's second `diff` parses nothing.
    conn.execute("CREATE TABLE sentence_frames (key BLOB PRIMARY KEY, frame TEXT NOT NULL) WITHOUT ROWID")


def m011_story_keys_indexed_with_their_article(conn: sqlite3.Connection) -> None:
    # A story key's postings are read from the index alone: with the article beside the key, a probe
    # no longer looks up a table row for every posting.
    conn.execute(
        """CREATE TABLE story_postings (
            key INTEGER NOT NULL,
            article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (key, article)
        ) WITHOUT ROWID"""
    )
    conn.execute("INSERT OR IGNORE INTO story_postings (key, article) SELECT key, article FROM story_keys")
    conn.execute("DROP TABLE story_keys")
    conn.execute("ALTER TABLE story_postings RENAME TO story_keys")


MIGRATIONS: list[Migration] = [
    m001_articles, m002_dedupe, m003_claims, m004_pages, m005_edits, m006_stories, m007_article_wire,
    m008_parsed_claims, m009_story_keys_saturate_on_term_counts, m010_sentence_frames,
    m011_story_keys_indexed_with_their_article,
]  # fmt: skip
SCHEMA_VERSION = len(MIGRATIONS)


def applied(conn: sqlite3.Connection) -> list[str]:
    conn.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_utc TEXT NOT NULL)")
    return [row[0] for row in conn.execute("SELECT name FROM _migrations ORDER BY rowid")]


def pending(conn: sqlite3.Connection) -> list[Migration]:
    done = set(applied(conn))
    return [m for m in MIGRATIONS if m.__name__ not in done]


def record(conn: sqlite3.Connection, migration: Migration) -> None:
    conn.execute(
        "INSERT INTO _migrations (name, applied_utc) VALUES (?, ?)",
        (migration.__name__, datetime.now(UTC).isoformat(timespec="seconds")),
    )
