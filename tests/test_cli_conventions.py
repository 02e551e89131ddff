"""Conventions of well-made command lines (sqlite-utils, httpie, gh), checked through the CLI."""

import json
import subprocess
import sys

import pytest

from basewatch import __version__
from conftest import FERRY, SAMPLE


def test_db_is_accepted_before_the_command_too(invoke, tmp_path):
    db = tmp_path / "elsewhere.db"
    assert invoke("--db", str(db), "ingest", *FERRY, "-q").exit_code == 0
    assert len(json.loads(invoke("--db", str(db), "articles", "-f", "json").stdout)) == 4
    assert len(json.loads(invoke("articles", "--db", str(db), "-f", "json").stdout)) == 4


def test_version_and_short_help(invoke):
    assert invoke("--version").stdout == f"basewatch {__version__}\n"
    for args in (["-h"], ["ingest", "-h"], ["db", "status", "-h"]):
        result = invoke(*args)
        assert result.exit_code == 0 and "Usage: basewatch" in result.stdout


@pytest.mark.parametrize("command", ["ingest", "articles", "claims", "summary", "diff", "clusters"])
def test_flags_show_no_type_placeholder(invoke, command):
    text = invoke(command, "--help").stdout
    assert "<bool>" not in text and "<str>" not in text and "<int" not in text
    assert "--format FORMAT" in text or command == "ingest"


@pytest.mark.parametrize(
    "args", [["summary", "--top", "-1"], ["summary", "--top", "0"], ["clusters", "--min-size", "0"]]
)
def test_numeric_options_are_validated(invoke, args):
    invoke("ingest", *FERRY, "-q")
    result = invoke(*args)
    assert result.exit_code == 2 and "greater than or equal to 1" in result.stderr


def test_max_bytes_must_be_positive(invoke):
    assert invoke("ingest", str(SAMPLE), "--max-bytes", "0").exit_code == 2


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["articles", "--outlet", "Nobody Weekly"], "no articles match --outlet 'Nobody Weekly'"),
        (["claims", "--source", "Nobody"], "no claims match --source 'Nobody'"),
        (["summary", "--outlet", "Nobody Weekly"], "no articles match --outlet 'Nobody Weekly'"),
        (["diff", "--outlet", "Nobody Weekly", "--outlet", "Bay Observer"], "no claims match --outlet 'Nobody Weekly'"),
        (["clusters", "--min-size", "9"], "no clusters match --min-size 9"),
        (["articles", "--since", "2031-01-01"], "no articles match --since '2031-01-01'"),
    ],
)
def test_a_filter_that_matches_nothing_says_so(invoke, args, said):
    invoke("ingest", *FERRY, "-q")
    result = invoke(*args)
    assert result.exit_code == 0
    assert said in result.stderr and result.stderr.count("\n") == 1


def test_a_filter_that_matches_says_nothing(invoke):
    invoke("ingest", *FERRY, "-q")
    assert invoke("articles", "--outlet", "Bay Observer").stderr == ""


def test_a_missing_aliases_file_is_a_usage_error(invoke, tmp_path):
    invoke("ingest", *FERRY, "-q")
    result = invoke("diff", "--aliases", str(tmp_path / "missing.toml"))
    assert result.exit_code == 2 and "missing.toml: no such file" in result.stderr


def test_a_database_in_a_missing_folder_names_the_folder(invoke, tmp_path):
    result = invoke("ingest", str(SAMPLE), "--db", str(tmp_path / "nowhere" / "x.db"))
    assert result.exit_code == 1 and f"the folder {tmp_path / 'nowhere'} does not exist" in result.stderr


def test_a_run_that_finds_no_article_file_fails_and_leaves_no_database(invoke, tmp_path, isolated_db):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "todo.md").write_text("call the port authority", encoding="utf-8")
    result = invoke("ingest", str(folder))
    assert result.exit_code == 1 and "no file here is .txt/.html/.htm" in result.stderr
    assert not isolated_db.exists()


def test_a_run_that_stores_nothing_leaves_no_new_database(invoke, tmp_path, isolated_db):
    result = invoke("ingest", str(tmp_path / "missing.txt"))
    assert result.exit_code == 1 and "no such file" in result.stderr
    assert not isolated_db.exists() and not list(tmp_path.glob("test.db*"))


def test_a_run_that_stores_nothing_keeps_an_existing_database(invoke, tmp_path, isolated_db):
    invoke("ingest", *FERRY, "-q")
    assert invoke("ingest", str(tmp_path / "missing.txt")).exit_code == 1
    assert len(json.loads(invoke("articles", "-f", "json").stdout)) == 4


def test_help_runs_as_a_program(tmp_path):
    result = subprocess.run([sys.executable, "-m", "basewatch", "-h"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "--version" in result.stdout


def _csv(invoke, *args):
    import csv
    import io

    return list(csv.DictReader(io.StringIO(invoke(*args, "-f", "csv").stdout)))


def test_csv_cells_are_what_spreadsheets_take(invoke):
    invoke("ingest", *FERRY, "-q")
    claims = _csv(invoke, "claims")
    assert {row["anonymous"] for row in claims} == {"true", "false"}
    chained = next(row for row in claims if "people familiar with the inspection" in row["sources"])
    assert chained["sources"] == "Bay Observer; the Harbor Ledger; people familiar with the inspection"
    assert all(not row["sources"].startswith("[") for row in claims)


@pytest.mark.parametrize("command", ["articles", "claims", "clusters"])
def test_every_listing_csv_has_the_rows_of_its_json(invoke, command):
    invoke("ingest", *FERRY, "-q")
    rows = json.loads(invoke(command, "-f", "json").stdout)
    assert len(_csv(invoke, command)) == len(rows) > 0


def test_summary_csv_carries_every_claim(invoke):
    invoke("ingest", *FERRY, "-q")
    outlets = json.loads(invoke("summary", "-f", "json").stdout)
    rows = _csv(invoke, "summary")
    assert [row["claim"] for row in rows] == [claim["text"] for o in outlets for claim in o["claims"]]
    assert all(row["relies_on"] for row in rows)


def test_diff_csv_has_a_row_per_item_of_its_json(invoke):
    invoke("ingest", *FERRY, "-q")
    result = json.loads(invoke("diff", "-f", "json").stdout)
    sections = ("shared", "unique", "conflicts", "aliases")
    assert len(_csv(invoke, "diff")) == sum(len(result[s]) for s in sections)


def test_articles_from_stdin_without_an_outlet_stay_apart_and_diff_says_why(invoke):
    lead = "The harbour board said on Monday that the new timetable would start in May, after two years of talks"
    invoke("ingest", "-", "-q", input=f"{lead} with the ferry operators.\n\nOfficials said waits would fall.\n")
    invoke("ingest", "-", "-q", input=f"{lead} with the ferry operators and councils.\n\nA late boat runs Fridays.\n")
    result = invoke("diff", "-f", "json")
    outlets = [o["outlet"] for o in json.loads(result.stdout)["outlets"]]
    assert len(outlets) == 2 and all(o.startswith("[<stdin> ") for o in outlets)
    assert "2 article(s) name no outlet" in result.stderr and "basewatch edit ID --outlet NAME" in result.stderr
