import json
import sqlite3
import subprocess
import sys

from conftest import FIXTURES, SAMPLE

PAGE = str(FIXTURES / "articles" / "page_dump.txt")


def test_clean_prints_body(invoke):
    result = invoke("clean", PAGE)
    assert result.exit_code == 0
    assert result.stdout.startswith("A keeper's logbook")
    assert "Privacy Policy" not in result.stdout


def test_clean_json_contract(invoke):
    data = json.loads(invoke("clean", PAGE, "--json").stdout)
    assert list(data) == ["title", "author", "published", "outlet", "wire", "url", "body", "removed"]
    assert data["published"] == "2025-02-12T08:15:00"
    assert set(data["removed"][0]) == {"line", "text", "reason"}


def test_clean_explain_lists_verdicts(invoke):
    result = invoke("clean", PAGE, "--explain")
    assert "KEEP" in result.stdout and "drop" in result.stdout and "byline" in result.stdout


def test_clean_learned_judges_lines_by_the_line_model(invoke):
    result = invoke("clean", PAGE, "--learned", "--explain")
    assert result.exit_code == 0
    assert "line model" in result.stdout and "byline" in result.stdout


def test_clean_reads_stdin(invoke):
    text = (FIXTURES / "articles" / "page_dump.txt").read_text(encoding="utf-8")
    result = invoke("clean", "-", input=text)
    assert result.stdout.startswith("A keeper's logbook")


def test_clean_missing_file_is_one_line_error(invoke):
    result = invoke("clean", "nope.txt")
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0
    assert "nope.txt" in result.stderr and "no such file" in result.stderr.lower()


def test_ingest_folder_then_again_changes_nothing(invoke, isolated_db):
    first = [json.loads(x) for x in invoke("ingest", str(SAMPLE), "--json").stdout.splitlines()]
    assert [r["status"] for r in first] == ["added"] * 6
    assert set(first[0]) == {"id", "path", "status", "outlet", "title", "author", "published", "error"}
    before = sqlite3.connect(isolated_db).execute("SELECT count(*), group_concat(id) FROM articles").fetchone()
    second = [json.loads(x) for x in invoke("ingest", str(SAMPLE), "--json").stdout.splitlines()]
    assert [r["status"] for r in second] == ["unchanged"] * 6
    after = sqlite3.connect(isolated_db).execute("SELECT count(*), group_concat(id) FROM articles").fetchone()
    assert before == after


def test_ingest_outlet_option_and_listing_formats(invoke):
    invoke("ingest", str(SAMPLE / "bay-observer.txt"), "--outlet", "Desk Copy")
    rows = json.loads(invoke("articles", "--format", "json").stdout)
    assert rows[0]["outlet"] == "Desk Copy"
    assert list(rows[0]) == [
        "id",
        "path",
        "outlet",
        "title",
        "author",
        "published",
        "external_id",
        "url",
        "encoding",
        "ingested_utc",
        "cluster",
        "wire",
    ]
    lines = invoke("articles", "--format", "jsonl").stdout.splitlines()
    assert json.loads(lines[0])["id"] == rows[0]["id"]
    csv_out = invoke("articles", "--format", "csv").stdout.splitlines()
    assert csv_out[0] == "id,outlet,published,title,author,path"
    assert "Desk Copy" in invoke("articles").stdout


def test_articles_filters(invoke):
    invoke("ingest", str(SAMPLE))
    rows = json.loads(invoke("articles", "--outlet", "northgate today", "-f", "json").stdout)
    assert [r["outlet"] for r in rows] == ["Northgate Today"]
    since = json.loads(invoke("articles", "--since", "2026-03-05", "-f", "json").stdout)
    assert {r["published"][:10] for r in since} == {"2026-03-05", "2026-03-06"}
    assert json.loads(invoke("articles", "--outlet", "nobody", "-f", "json").stdout) == []


def test_show_by_prefix_with_removed_lines(invoke):
    invoke("ingest", PAGE)
    article_id = json.loads(invoke("articles", "-f", "json").stdout)[0]["id"]
    data = json.loads(invoke("show", article_id[7:15], "--removed", "-f", "json").stdout)
    assert data["id"] == article_id
    assert data["body"].startswith("A keeper's logbook")
    assert any(r["reason"] == "byline" for r in data["removed"])
    table = invoke("show", article_id, "--removed").stdout
    assert "Removed lines" in table


def test_show_unknown_id(invoke):
    invoke("ingest", PAGE)
    result = invoke("show", "ffffffff")
    assert result.exit_code == 1 and "no article" in result.stderr


def test_listing_without_database_is_a_clear_error(invoke, isolated_db):
    result = invoke("articles")
    assert result.exit_code == 1 and "no database" in result.stderr
    assert not isolated_db.exists()


def test_exit_codes_partial_and_total_failure(invoke, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    partial = invoke("ingest", PAGE, str(empty), str(tmp_path / "missing.txt"))
    assert partial.exit_code == 3
    assert "empty.txt: empty file" in partial.stderr
    assert invoke("ingest", str(empty)).exit_code == 1
    assert invoke("ingest", PAGE).exit_code == 0


def test_usage_error_exit_code(invoke):
    assert invoke("articles", "--format", "xml").exit_code == 2


def test_cp1252_file_is_ingested(invoke):
    result = invoke("ingest", str(FIXTURES / "articles" / "cp1252.txt"), "--json")
    assert json.loads(result.stdout)["status"] == "added"
    article_id = json.loads(result.stdout)["id"]
    body = json.loads(invoke("show", article_id, "-f", "json").stdout)["body"]
    assert "Café owners say the “new rules”" in body


def test_console_script_and_module_run(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "basewatch", "clean", PAGE], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and result.stdout.startswith("A keeper's logbook")


def test_markup_and_escape_sequences_in_articles_are_neutralised(invoke, tmp_path):
    evil = tmp_path / "evil.txt"
    evil.write_text(
        "[bold red]Pwned[/] headline\n\n"
        + "The council said on Monday that [link=http://x]the vote[/link] would go ahead "
        "\x1b[31mtoday\x1b[0m despite the storm, and officials confirmed the plan to reporters.\n\n"
        "Opposition members [/] walked out of the chamber before the vote, saying they had not been "
        "given enough time to read the final text of the proposal.\n",
        encoding="utf-8",
    )
    invoke("ingest", str(evil))
    out = (
        invoke("articles").stdout + invoke("show", json.loads(invoke("articles", "-f", "json").stdout)[0]["id"]).stdout
    )
    assert "\x1b" not in out
    assert "[link=http://x]the vote[/link]" in out


def test_syndicated_copy_is_clustered_at_ingest_and_explained(invoke):
    invoke("ingest", str(SAMPLE))
    records = json.loads(invoke("clusters", "--format", "json").stdout)
    pair = [c for c in records if c["size"] == 2]
    assert len(pair) == 1 and len(records) == 5
    assert {m["path"].rsplit("/", 1)[-1] for m in pair[0]["members"]} == {
        "harbor-ledger.txt",
        "midland-courier.txt",
    }
    assert pair[0]["canonical"] == next(m["article"] for m in pair[0]["members"] if "harbor" in m["path"])
    evidence = pair[0]["evidence"][0]
    assert evidence["containment_pct"] > 90 and evidence["lead_match_pct"] > 90
    assert json.loads(invoke("clusters", "--min-size", "2", "-f", "json").stdout) == pair
    lines = [json.loads(x) for x in invoke("clusters", "-f", "jsonl").stdout.splitlines()]
    assert set(lines[0]) == {"article", "external_id", "path", "cluster", "canonical"}
    assert len(lines) == 6
    assert "contained" in invoke("clusters").stdout


def test_show_lists_copies(invoke):
    invoke("ingest", str(SAMPLE))
    ledger = next(
        r for r in json.loads(invoke("articles", "-f", "json").stdout) if r["path"].endswith("harbor-ledger.txt")
    )
    data = json.loads(invoke("show", ledger["id"], "-f", "json").stdout)
    assert [c["path"].rsplit("/", 1)[-1] for c in data["copies"]] == ["midland-courier.txt"]
    assert data["copies"][0]["evidence"]


def test_a_file_named_jsonl_is_read_as_json_lines_without_the_flag(invoke, tmp_path):
    feed = tmp_path / "feed.jsonl"
    texts = [(SAMPLE / name).read_text(encoding="utf-8") for name in ("harbor-ledger.txt", "bay-observer.txt")]
    feed.write_text("".join(json.dumps({"id": f"w-{n}", "text": t}) + "\n" for n, t in enumerate(texts)), "utf-8")
    result = invoke("ingest", str(feed), "--json")
    assert [json.loads(x)["status"] for x in result.stdout.splitlines()] == ["added", "added"]
    ids = {row["external_id"] for row in json.loads(invoke("articles", "-f", "json").stdout)}
    assert ids == {"w-0", "w-1"}


def test_jsonl_input_keeps_external_ids(invoke, tmp_path):
    feed = tmp_path / "feed.jsonl"
    text = (SAMPLE / "harbor-ledger.txt").read_text(encoding="utf-8")
    feed.write_text(
        json.dumps({"id": "w-1", "text": text, "outlet": "Wire", "url": "https://example.test/1"})
        + "\n"
        + json.dumps({"id": 2, "text": text.replace("Saltline", "Saltline Ltd", 1)})
        + "\n{not json\n"
        + json.dumps({"id": "w-3"})
        + "\n",
        encoding="utf-8",
    )
    result = invoke("ingest", "--jsonl", str(feed), "--json")
    statuses = [json.loads(x)["status"] for x in result.stdout.splitlines()]
    assert statuses == ["added", "added", "failed", "failed"]
    assert result.exit_code == 3
    lines = [json.loads(x) for x in invoke("clusters", "-f", "jsonl").stdout.splitlines()]
    assert {x["external_id"] for x in lines} == {"w-1", "2"}
    assert len({x["cluster"] for x in lines}) == 1
    shown = json.loads(invoke("show", "w-1", "-f", "json").stdout)
    assert shown["outlet"] == "Wire" and shown["url"] == "https://example.test/1"


def test_recluster_rebuilds_the_same_clusters(invoke):
    invoke("ingest", str(SAMPLE))
    before = invoke("clusters", "-f", "jsonl").stdout
    result = invoke("recluster")
    assert result.exit_code == 0 and "5 clusters" in result.stderr
    assert invoke("clusters", "-f", "jsonl").stdout == before


def test_a_long_comparison_says_so_and_how_to_narrow_it(invoke, monkeypatch):
    from basewatch import cli

    # one story (the ferry fire): a database of several gives the bounded overview instead
    ferry = ("harbor-ledger.txt", "midland-courier.txt", "northgate-today-page.txt", "bay-observer.txt")
    assert invoke("ingest", *(str(SAMPLE / n) for n in ferry), "-q").exit_code == 0
    quiet = invoke("summary", "-f", "json")
    assert "comparing" not in quiet.stderr
    monkeypatch.setattr(cli, "SLOW_COMPARE_CLAIMS", 5)
    monkeypatch.setattr(cli, "COMPARE_SECONDS_PER_CLAIM", 0.5)
    # summary ranks an outlet's claims by what every other outlet says: --outlet does not narrow it.
    for command, narrowing in (
        ("summary", "--story ID or --since DATE narrows it"),
        ("diff", "--story ID, --since DATE or --outlet NAME"),
    ):
        result = invoke(command, "-f", "json")
        assert result.exit_code == 0
        assert " s); " in result.stderr and narrowing in result.stderr
        assert "--outlet" not in result.stderr or command == "diff"
        json.loads(result.stdout)  # the note never reaches the data on stdout
    monkeypatch.setattr(cli, "COMPARE_SECONDS_PER_CLAIM", 60.0)
    assert " min); " in invoke("diff", "-f", "json").stderr
