import sqlite3

import pytest

from basewatch import migrations
from basewatch.errors import DatabaseError
from basewatch.store import Store, atomic


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
