"""The embedded SQLite store: the only module that holds SQL.

Invariants: WAL journal, foreign keys on, every article written in one transaction (body,
metadata and removed lines together or not at all), schema migrated on open and never touched
when it is newer than this code.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from basewatch import migrations
from basewatch.errors import DatabaseError, NotFound
from basewatch.models import Article, CleanResult
from basewatch.settings import DEFAULT_SETTINGS, Settings

_ARTICLE_COLUMNS = (
    "id, path, outlet, title, author, published, body, external_id, url, encoding, ingested_utc"
)


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

    # -- opening --------------------------------------------------------------------------

    @classmethod
    @contextmanager
    def open(
        cls, path: str | Path, *, create: bool = True, settings: Settings = DEFAULT_SETTINGS
    ) -> Iterator[Store]:
        path = str(path)
        if not create and path != ":memory:" and not Path(path).exists():
            raise DatabaseError(f"{path}: no database here yet (run `basewatch ingest` first, or pass --db)")
        try:
            conn = sqlite3.connect(path, isolation_level=None, timeout=settings.busy_timeout_ms / 1000)
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

    def add_article(self, article: Article, raw_text: str, cleaned: CleanResult) -> None:
        """Insert one article with its removed lines; call inside `atomic()`."""
        self.conn.execute(
            f"INSERT INTO articles ({_ARTICLE_COLUMNS}, raw_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
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
                article.ingested_utc or datetime.now(UTC).isoformat(timespec="seconds"),
                raw_text,
            ),
        )
        self.conn.executemany(
            "INSERT INTO removed_lines (article, line, text, reason) VALUES (?, ?, ?, ?)",
            [(article.id, r["line"], r["text"], r["reason"]) for r in cleaned.removed],
        )

    # -- reads ----------------------------------------------------------------------------

    def articles(self, outlet: str | None = None, since: str | None = None) -> Iterator[Article]:
        sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE 1=1"
        args: list[str] = []
        if outlet:
            sql += " AND lower(outlet) = lower(?)"
            args.append(outlet)
        if since:
            sql += " AND published >= ?"
            args.append(since)
        sql += " ORDER BY published IS NULL, published, path"
        for row in self.conn.execute(sql, args):
            yield Article(*row)

    def article(self, id_or_prefix: str) -> Article:
        """One article by full id, id prefix (with or without `sha256:`), or external id."""
        key = id_or_prefix if id_or_prefix.startswith("sha256:") else "sha256:" + id_or_prefix
        rows = self.conn.execute(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE id LIKE ? ESCAPE '\\' OR external_id = ? LIMIT 2",
            (key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", id_or_prefix),
        ).fetchall()
        if not rows:
            raise NotFound(f"no article with id {id_or_prefix!r}")
        if len(rows) > 1:
            raise NotFound(f"id prefix {id_or_prefix!r} matches more than one article; give more characters")
        return Article(*rows[0])

    def removed_lines(self, article_id: str) -> list[dict]:
        rows = self.conn.execute(
            "SELECT line, text, reason FROM removed_lines WHERE article = ? ORDER BY line", (article_id,)
        )
        return [{"line": line, "text": text, "reason": reason} for line, text, reason in rows]

    def raw_text(self, article_id: str) -> str:
        return self.conn.execute("SELECT raw_text FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
