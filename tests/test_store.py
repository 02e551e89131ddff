import json
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from basewatch import migrations
from basewatch.errors import DatabaseError
from basewatch.store import Store, _json_strings, atomic


def test_blank_database_is_migrated_to_current_schema(tmp_path):
    db = tmp_path / "s.db"
    with Store.open(db) as store:
        status = store.status()
    assert status["schema_version"] == migrations.SCHEMA_VERSION
    assert status["migrations"] == [m.__name__ for m in migrations.MIGRATIONS]
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_migrating_twice_is_a_no_op(tmp_path):
    db = tmp_path / "s.db"
    with Store.open(db):
        pass
    with Store.open(db) as store:
        assert len(store.status()["migrations"]) == migrations.SCHEMA_VERSION


def test_failed_migration_rolls_back(tmp_path, monkeypatch):
    def m999_broken(conn):
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("boom")

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, m999_broken])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(migrations.MIGRATIONS))
    db = tmp_path / "s.db"
    with pytest.raises(DatabaseError, match="boom"), Store.open(db):
        pass
    conn = sqlite3.connect(db)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables and "articles" not in tables
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0


def test_newer_schema_is_refused_and_untouched(tmp_path):
    db = tmp_path / "s.db"
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = db.read_bytes()
    with pytest.raises(DatabaseError, match="newer"), Store.open(db):
        pass
    assert db.read_bytes() == before


def test_corrupt_file_is_refused_and_untouched(tmp_path):
    db = tmp_path / "s.db"
    db.write_bytes(b"this is not sqlite at all" * 100)
    before = db.read_bytes()
    with pytest.raises(DatabaseError, match="corrupt"), Store.open(db):
        pass
    assert db.read_bytes() == before


def test_atomic_rolls_back_on_error_and_nests(tmp_path):
    with Store.open(tmp_path / "s.db") as store:
        conn = store.conn
        conn.execute("CREATE TABLE t (x)")
        with pytest.raises(RuntimeError), atomic(conn):
            conn.execute("INSERT INTO t VALUES (1)")
            raise RuntimeError
        with atomic(conn):
            conn.execute("INSERT INTO t VALUES (2)")
            with pytest.raises(RuntimeError), atomic(conn):
                conn.execute("INSERT INTO t VALUES (3)")
                raise RuntimeError
        assert [r[0] for r in conn.execute("SELECT x FROM t")] == [2]


def _version_3_database(db) -> None:
    """A database as basewatch 0.x left it: raw page in `articles`, one row per removed line."""
    conn = sqlite3.connect(db, isolation_level=None)
    migrations.applied(conn)
    for migration in migrations.MIGRATIONS[:3]:
        migration(conn)
        migrations.record(conn, migration)
    conn.execute("PRAGMA user_version = 3")
    conn.execute(
        "INSERT INTO articles (id, path, outlet, title, author, published, encoding, raw_text, body, ingested_utc) "
        "VALUES ('sha256:ab', 'a.txt', 'Bay Observer', 'T', NULL, NULL, 'utf-8', 'Menu\nBody text.\nFooter', "
        "'Body text.', '2026-01-01T00:00:00+00:00')"
    )
    conn.execute("INSERT INTO removed_lines VALUES ('sha256:ab', 3, 'Footer', 'footer')")
    conn.execute("INSERT INTO removed_lines VALUES ('sha256:ab', 1, 'Menu', 'navigation')")
    conn.close()


def test_version_3_database_keeps_its_pages_and_removed_lines(tmp_path):
    db = tmp_path / "old.db"
    _version_3_database(db)
    with Store.open(db) as store:
        assert store.status()["schema_version"] == migrations.SCHEMA_VERSION
        assert store.article("ab").body == "Body text."
        assert store.removed_lines("sha256:ab") == [
            {"line": 1, "text": "Menu", "reason": "navigation"},
            {"line": 3, "text": "Footer", "reason": "footer"},
        ]
        raw = store.conn.execute("SELECT raw FROM pages").fetchone()[0]
    assert migrations.unpack_text(raw) == "Menu\nBody text.\nFooter"


@given(st.lists(st.text()))
def test_claim_string_lists_round_trip_through_json(values):
    assert json.loads(_json_strings(values)) == values
