"""Ordered schema migrations; each runs in one transaction together with its `_migrations` row."""

from __future__ import annotations

import sqlite3
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


MIGRATIONS: list[Migration] = [m001_articles]
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
