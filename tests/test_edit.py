"""Correcting the store after ingest: edit, rm, and --outlet on text already stored."""

import json
import sqlite3

from conftest import FERRY, SAMPLE


def _articles(invoke) -> dict[str, dict]:
    return {row["path"].rsplit("/", 1)[-1]: row for row in json.loads(invoke("articles", "-f", "json").stdout)}


def test_edit_sets_the_outlet_and_the_claims_follow(invoke):
    invoke("ingest", *FERRY, "-q")
    bay = _articles(invoke)["bay-observer.txt"]
    result = invoke("edit", bay["id"][7:19], "--outlet", "Kessby Gazette", "--published", "6 March 2026")
    assert result.exit_code == 0 and "outlet set to 'Kessby Gazette'" in result.stderr
    edited = _articles(invoke)["bay-observer.txt"]
    assert (edited["outlet"], edited["published"]) == ("Kessby Gazette", "2026-03-06")
    claims = json.loads(invoke("claims", "--outlet", "Kessby Gazette", "-f", "json").stdout)
    assert claims and all(claim["sources"][0] == "Kessby Gazette" for claim in claims)
    assert not json.loads(invoke("claims", "--outlet", "Bay Observer", "-f", "json").stdout)
    shown = json.loads(invoke("show", bay["id"], "-f", "json").stdout)
    assert [(e["field"], e["old"], e["new"]) for e in shown["edits"]] == [
        ("outlet", "Bay Observer", "Kessby Gazette"),
        ("published", "2026-03-05", "2026-03-06"),
    ]
    assert "outlet set by hand" in invoke("show", bay["id"]).stdout


def test_edit_without_a_change_is_a_usage_error(invoke):
    invoke("ingest", *FERRY, "-q")
    bay = _articles(invoke)["bay-observer.txt"]
    result = invoke("edit", bay["id"])
    assert result.exit_code == 2 and "nothing to change" in result.stderr


def test_edit_of_a_missing_article_changes_nothing(invoke, isolated_db):
    invoke("ingest", *FERRY, "-q")
    result = invoke("edit", "ffffffff", "--outlet", "X")
    assert result.exit_code == 1 and "no article" in result.stderr
    assert sqlite3.connect(isolated_db).execute("SELECT count(*) FROM edits").fetchone()[0] == 0


def test_rm_removes_articles_with_their_claims_and_keeps_their_copies_clustered(invoke, isolated_db):
    invoke("ingest", *FERRY, "-q")
    stored = _articles(invoke)
    ledger, bay = stored["harbor-ledger.txt"], stored["bay-observer.txt"]
    result = invoke("rm", ledger["id"][7:19], bay["id"][7:19])
    assert result.exit_code == 0 and result.stderr.count("removed") == 2
    assert set(_articles(invoke)) == {"midland-courier.txt", "northgate-today-page.txt"}
    conn = sqlite3.connect(isolated_db)
    for table in ("claims", "pages", "fingerprints", "cluster_members", "provenance"):
        leftovers = conn.execute(f"SELECT count(*) FROM {table} WHERE article IN (?, ?)", (ledger["id"], bay["id"]))
        assert leftovers.fetchone()[0] == 0, table
    assert conn.execute("SELECT count(*) FROM edits WHERE field = 'removed'").fetchone()[0] == 2
    clusters = json.loads(invoke("clusters", "-f", "json").stdout)
    assert sorted(c["size"] for c in clusters) == [1, 1]


def test_rm_is_all_or_nothing(invoke):
    invoke("ingest", *FERRY, "-q")
    bay = _articles(invoke)["bay-observer.txt"]
    result = invoke("rm", bay["id"], "ffffffff")
    assert result.exit_code == 1 and "no article" in result.stderr
    assert len(_articles(invoke)) == 4


def test_ingest_with_an_outlet_relabels_stored_text(invoke):
    page = SAMPLE / "bay-observer.txt"
    invoke("ingest", str(page), "-q")
    again = json.loads(invoke("ingest", str(page), "--outlet", "Kessby Gazette", "--json").stdout)
    assert (again["status"], again["outlet"]) == ("updated", "Kessby Gazette")
    same = json.loads(invoke("ingest", str(page), "--outlet", "Kessby Gazette", "--json").stdout)
    assert same["status"] == "unchanged"
    assert json.loads(invoke("ingest", str(page), "--json").stdout)["outlet"] == "Kessby Gazette"


def test_outlet_from_parent_names_each_file_by_its_folder(invoke, tmp_path):
    for folder, name in (("Kessby Gazette", "bay-observer.txt"), ("Port Weekly", "harbor-ledger.txt")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_text((SAMPLE / name).read_text(encoding="utf-8"), encoding="utf-8")
    result = invoke("ingest", str(tmp_path), "--outlet-from", "parent", "-q")
    assert result.exit_code == 0
    outlets = {name: row["outlet"] for name, row in _articles(invoke).items()}
    assert outlets == {"bay-observer.txt": "Kessby Gazette", "harbor-ledger.txt": "Port Weekly"}


def test_outlet_and_outlet_from_exclude_each_other(invoke):
    result = invoke("ingest", str(SAMPLE), "--outlet", "X", "--outlet-from", "parent")
    assert result.exit_code == 2 and "not both" in result.stderr


def test_edited_claims_are_read_by_the_parse_again(invoke, isolated_db):
    invoke("ingest", str(SAMPLE / "bay-observer.txt"), "-q")
    invoke("claims", "-f", "json")  # the first read parses

    def parsed() -> int:
        return sqlite3.connect(isolated_db).execute("SELECT count(*) FROM parsed_claims").fetchone()[0]

    assert parsed() == 1
    bay = _articles(invoke)["bay-observer.txt"]
    invoke("edit", bay["id"], "--outlet", "Kessby Gazette")
    assert parsed() == 0  # the edit stored quick pattern claims: not yet the parse's
    claims = json.loads(invoke("claims", "-f", "json").stdout)
    assert parsed() == 1 and all(claim["sources"][0] == "Kessby Gazette" for claim in claims)
