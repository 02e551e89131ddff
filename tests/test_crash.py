"""Crash safety and concurrency, with real processes: SIGKILL mid-batch, Ctrl-C, two ingests at once."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

WORDS = (
    "harbour council ferry island minister port talks budget storm bridge police court rail school "
    "hospital union strike fishing tax museum library festival election market airport river"
).split()


def make_articles(folder, count: int, seed: int = 7) -> None:
    """Distinct small articles (a headline, a byline, three paragraphs) written by a seeded generator."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        topic = rng.sample(WORDS, 4)
        paragraphs = [
            f"The {topic[0]} board said on Monday that the {topic[1]} plan number {n} would go ahead despite "
            f"objections from the {topic[2]} committee and residents near the {topic[3]}.",
            f"Officials told reporters that the {topic[1]} work would cost {rng.randint(2, 900)} million crowns "
            f"and take {rng.randint(2, 30)} months, according to a statement published on the council website.",
            f"Critics warned that the {topic[0]} had not consulted the {topic[2]} groups, and said they would "
            f"appeal the decision at the regional {topic[3]} tribunal before the summer.",
        ]
        text = f"{topic[1].title()} plan {n} approved\n\nBy Desk Staff\n\n" + "\n\n".join(paragraphs) + "\n"
        (folder / f"article-{n:05d}.txt").write_text(text, encoding="utf-8")


def ingest(db, folder, **kwargs) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "basewatch", "ingest", str(folder), "--db", str(db), "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_ctrl_c_as_on_a_terminal,
        **kwargs,
    )


def _ctrl_c_as_on_a_terminal() -> None:
    # A suite started as a background job ignores SIGINT, and a child inherits that: Python then
    # never turns SIGINT into KeyboardInterrupt. A user's Ctrl-C always reaches basewatch.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def stored(db) -> int:
    try:
        conn = sqlite3.connect(db, timeout=5)
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def wait_for(db, at_least: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while stored(db) < at_least:
        if time.monotonic() > deadline:
            pytest.fail(f"ingest did not store {at_least} articles in {timeout}s")
        time.sleep(0.05)


def assert_complete(db) -> None:
    """Integrity check passes and every stored article has all its parts."""
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for table in ("fingerprints", "cluster_members", "provenance"):
        missing = conn.execute(
            f"SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE t.article = a.id)"
        ).fetchone()[0]
        assert missing == 0, table
    no_claims = conn.execute(
        "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.article = a.id)"
    ).fetchone()[0]
    assert no_claims == 0


def test_sigkill_mid_batch_leaves_complete_articles_and_rerun_finishes(tmp_path):
    folder, db = tmp_path / "batch", tmp_path / "crash.db"
    make_articles(folder, 600)
    process = ingest(db, folder)
    wait_for(db, 200)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert 0 < stored(db) < 600
    assert_complete(db)
    rerun = ingest(db, folder)
    assert rerun.wait(timeout=300) == 0, rerun.stderr.read()
    assert stored(db) == 600
    assert_complete(db)


def test_ctrl_c_stops_cleanly_with_a_summary(tmp_path):
    folder, db = tmp_path / "batch", tmp_path / "int.db"
    make_articles(folder, 600, seed=11)
    process = ingest(db, folder)
    wait_for(db, 200)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Interrupted:" in err and "added" in err and "Traceback" not in err
    assert_complete(db)


def test_two_ingests_at_once_store_every_article_once(tmp_path):
    folder, db = tmp_path / "batch", tmp_path / "both.db"
    make_articles(folder, 150, seed=3)
    env = {**os.environ, "BASEWATCH_BUSY_TIMEOUT_MS": "60000"}
    first, second = ingest(db, folder, env=env), ingest(db, folder, env=env)
    assert first.wait(timeout=300) == 0, first.stderr.read()
    assert second.wait(timeout=300) == 0, second.stderr.read()
    assert stored(db) == 150
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM cluster_members").fetchone()[0] == 150
    assert_complete(db)
