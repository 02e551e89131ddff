"""Whatever lands in a folder at 2 a.m.: each case is generated here (none is shipped), and each
gets a correct result or a one-line error naming the file and the reason, never a traceback,
while the other files of the same run are still ingested."""

import codecs
import gzip
import json
import os
import sqlite3
import stat
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FERRY, SAMPLE

PROSE = (
    "The harbour board said on Monday that the “new timetable” would start in May, after two years of talks "
    "with the ferry operators and the island councils.\n\n"
    "Officials said the change would cut waiting times for commuters by a third and add a late crossing on "
    "Fridays for the summer season.\n"
)
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def _fifo(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def _big(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: 50 MB of NULs without writing them
    return path


def _page(month: str, script: bool = False) -> str:
    """A saved web page around PROSE (the month makes each page's content id its own)."""
    paragraphs = "".join(f"<p>{p}</p>\n" for p in PROSE.replace("May", month).split("\n\n"))
    code = "<script>var harbour = {board: 1}; document.write('<p>ad</p>');</script>" if script else ""
    return (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Ferry timetable</title>'
        f"{code}</head>\n<body><nav><a href='/'>Home</a></nav>\n<article><h1>New ferry timetable</h1>\n"
        f"{paragraphs}</article>\n<footer>Example News</footer></body></html>\n"
    )


def _loop_dir(tmp_path):
    folder = tmp_path / "looped"
    folder.mkdir()
    (folder / "inside.txt").write_text(PROSE.replace("May", "June"), encoding="utf-8")
    (folder / "again").symlink_to(folder)
    return folder


# name -> (build(tmp_path) -> path, expected error fragment or None for a correct result)
CASES = {
    "empty": (lambda d: _write(d / "empty.txt", b""), "empty file"),
    "whitespace only": (lambda d: _write(d / "blank.txt", b" \n\t \r\n  "), "empty file"),
    "NUL bytes": (lambda d: _write(d / "nul.txt", b"abc\x00\x01\x02def\x00" * 200), "looks binary"),
    "PNG renamed .txt": (
        lambda d: _write(d / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8),
        "PNG image, not text",
    ),
    "PDF": (
        lambda d: _write(d / "report.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n" * 40),
        "PDF",
    ),
    "gzipped HTML": (lambda d: _write(d / "page.html.gz", gzip.compress(_page("September").encode())), None),
    "HTML on one line": (lambda d: _write(d / "saved.html", _page("January").replace("\n", "").encode()), None),
    "HTML with scripts, named .txt": (lambda d: _write(d / "saved.txt", _page("February", script=True).encode()), None),
    "HTML mis-declared charset": (
        lambda d: _write(d / "latin.html", _page("Easter").replace("utf-8", "iso-8859-1").encode("utf-8")),
        None,
    ),
    "HTML nested 20,000 deep": (
        lambda d: _write(d / "deep.html", _page("Whitsun").replace("<body>", "<body>" + "<div>" * 20_000).encode()),
        None,
    ),
    "HTML 5 MB of scripts": (
        lambda d: _write(
            d / "huge.html",
            _page("Advent").replace("<body>", "<body><script>" + "x=1;" * 1_250_000 + "</script>").encode(),
        ),
        None,
    ),
    "invalid UTF-8": (
        lambda d: _write(d / "broken.txt", PROSE.encode("utf-8").replace(b"harbour", b"harb\xffour")),
        None,
    ),
    "UTF-16 with BOM": (lambda d: _write(d / "u16bom.txt", PROSE.replace("May", "July").encode("utf-16")), None),
    "UTF-16 without BOM": (lambda d: _write(d / "u16.txt", PROSE.replace("May", "August").encode("utf-16-le")), None),
    "UTF-8 with BOM": (lambda d: _write(d / "bom.txt", codecs.BOM_UTF8 + PROSE.replace("May", "March").encode()), None),
    "cp1252 smart quotes": (lambda d: _write(d / "cp1252.txt", PROSE.replace("May", "April").encode("cp1252")), None),
    "mixed line endings": (
        lambda d: _write(d / "mixed.txt", PROSE.replace("May", "October").replace("\n\n", "\r\n\r\n", 1).encode()),
        None,
    ),
    "50 MB file": (_big, "larger than"),
    "200 kB single line": (lambda d: _write(d / "oneline.txt", (PROSE.replace("\n", " ") * 800).encode()), None),
    "FIFO": (_fifo, "not a regular file"),
    "missing path": (lambda d: d / "nowhere.txt", "no such file"),
    "newline in file name": (lambda d: _write(d / "line\nbreak.txt", PROSE.replace("May", "December").encode()), None),
    "non-UTF-8 file name": (
        lambda d: _write(d / os.fsdecode(b"caf\xe9.txt"), PROSE.replace("May", "November").encode()),
        None,
    ),
    "symlink loop": (_loop_dir, None),
}


@pytest.mark.parametrize("case", list(CASES))
def test_clean_gives_a_result_or_one_line_error(invoke, tmp_path, case):
    build, error = CASES[case]
    path = build(tmp_path)
    if path.is_dir():  # a folder given to clean, which reads one page
        error = "not a regular file"
    result = invoke("clean", str(path))
    assert "Traceback" not in result.stderr + result.stdout
    if error is None:
        assert result.exit_code == 0 and "harbour board" in result.stdout.replace("harb\ufffdour", "harbour")
    else:
        assert result.exit_code == 1
        assert result.stderr.count("\n") == 1 and error in result.stderr
        assert path.name.split("\n")[0] in result.stderr


def test_one_ingest_run_over_every_case(invoke, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(PROSE, encoding="utf-8")
    paths = [str(good)] + [str(CASES[c][0](tmp_path)) for c in CASES]
    result = invoke("ingest", *paths, "--json")
    assert "Traceback" not in result.stderr
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    by_status = {}
    for line in lines:
        by_status.setdefault(line["status"], []).append(line)
    expected_failures = sum(1 for _, error in CASES.values() if error)
    assert len(by_status["failed"]) == expected_failures
    assert all(line["error"] and line["path"] for line in by_status["failed"])
    assert len(by_status["added"]) == len(lines) - expected_failures
    assert result.exit_code == 3
    stored = json.loads(invoke("articles", "-f", "json").stdout)
    assert len(stored) == len(by_status["added"])  # nothing readable was lost
    assert any("\\xe9" in row["path"] for row in stored) and any("\\n" in row["path"] for row in stored)
    for row in stored:
        assert invoke("show", row["id"], "-f", "json").exit_code == 0


def test_exit_codes(invoke, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(PROSE, encoding="utf-8")
    assert invoke("ingest", str(good)).exit_code == 0
    assert invoke("ingest", str(tmp_path / "missing.txt")).exit_code == 1
    assert invoke("ingest", str(good), str(tmp_path / "missing.txt")).exit_code == 3
    assert invoke("ingest", "--no-such-option").exit_code == 2
    assert invoke("ingest", "-", "-").exit_code == 2


def test_size_cap_is_configurable(invoke, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(PROSE, encoding="utf-8")
    result = invoke("ingest", str(good), "--max-bytes", "100")
    assert result.exit_code == 1 and "100-byte limit" in result.stderr


def _run_unprivileged(*args: str, db) -> subprocess.CompletedProcess:
    """basewatch in a child process that file modes bind: as root, without the capabilities that let
    root read and write whatever the mode says (CI runs as root, where chmod alone proves nothing)."""
    command = [sys.executable, "-m", "basewatch", *args, "--db", str(db)]
    if IS_ROOT:
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def test_unreadable_file_is_reported_and_others_ingested(tmp_path, isolated_db):
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text(PROSE, encoding="utf-8")
    locked = folder / "b.txt"
    locked.write_text(PROSE.replace("May", "June"), encoding="utf-8")
    locked.chmod(0)
    result = _run_unprivileged("ingest", str(folder), db=isolated_db)
    assert result.returncode == 3 and "permission denied" in result.stderr.lower()
    assert result.stderr.count("Error:") == 1 and "b.txt" in result.stderr
    assert "1 added" in result.stderr


# -- the database -------------------------------------------------------------------------------


def test_locked_database_waits_then_says_so(invoke, tmp_path, isolated_db, monkeypatch):
    good = tmp_path / "good.txt"
    good.write_text(PROSE, encoding="utf-8")
    invoke("ingest", str(good))
    holder = sqlite3.connect(isolated_db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setenv("BASEWATCH_BUSY_TIMEOUT_MS", "200")
    other = tmp_path / "other.txt"
    other.write_text(PROSE.replace("May", "June"), encoding="utf-8")
    try:
        result = invoke("ingest", str(other))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 1 and "locked" in result.stderr and "Traceback" not in result.stderr
    assert invoke("ingest", str(other)).exit_code == 0


def test_corrupt_database_is_refused_untouched(invoke, tmp_path, isolated_db):
    isolated_db.write_bytes(b"not a database" * 1000)
    before = isolated_db.read_bytes()
    good = tmp_path / "good.txt"
    good.write_text(PROSE, encoding="utf-8")
    for args in (["ingest", str(good)], ["articles"], ["diff"]):
        result = invoke(*args)
        assert result.exit_code == 1 and "corrupt" in result.stderr
    assert isolated_db.read_bytes() == before


def test_newer_schema_is_refused(invoke, isolated_db):
    conn = sqlite3.connect(isolated_db)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    result = invoke("articles")
    assert result.exit_code == 1 and "newer" in result.stderr


def test_read_only_database(invoke, tmp_path, isolated_db):
    good = tmp_path / "good.txt"
    good.write_text(PROSE, encoding="utf-8")
    invoke("ingest", str(good))
    isolated_db.chmod(stat.S_IRUSR)
    other = tmp_path / "other.txt"
    other.write_text(PROSE.replace("May", "June"), encoding="utf-8")
    result = _run_unprivileged("ingest", str(other), db=isolated_db)
    assert result.returncode == 1 and "read-only" in result.stderr and "Traceback" not in result.stderr


def test_database_opened_read_only_by_uri_reads_and_refuses_writes(invoke, tmp_path, isolated_db):
    good = tmp_path / "good.txt"
    good.write_text(PROSE, encoding="utf-8")
    invoke("ingest", str(good))
    before = isolated_db.read_bytes()
    read_only = f"file:{isolated_db}?mode=ro"
    listed = json.loads(invoke("articles", "--db", read_only, "-f", "json").stdout)
    assert [row["path"] for row in listed] == [str(good)]
    other = tmp_path / "other.txt"
    other.write_text(PROSE.replace("May", "June"), encoding="utf-8")
    result = invoke("ingest", str(other), "--db", read_only)
    assert result.exit_code == 1 and "read-only" in result.stderr
    assert isolated_db.read_bytes() == before


def test_read_only_reason_is_named():
    from basewatch.store import _reason

    assert "read-only" in _reason(sqlite3.OperationalError("attempt to write a readonly database"))
    assert "locked" in _reason(sqlite3.OperationalError("database is locked"))


# -- untrusted text on a terminal ---------------------------------------------------------------

_NASTY = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30),
        st.sampled_from(["\x1b[31m", "\x1b]8;;http://x\x07", "[bold]", "[/]", "[link=http://x]", "\x07", "\r", "\x9b"]),
    ),
    min_size=1,
    max_size=20,
).map("".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(noise=_NASTY)
def test_random_text_never_breaks_output(invoke, noise):
    text = f"{noise}\n\n{PROSE}\n\n{noise} {noise}\n"
    cleaned = invoke("clean", "-", input=text)
    if cleaned.exit_code == 1:  # NUL bytes or mostly control characters: refused as binary, in one line
        assert cleaned.stderr.count("\n") == 1 and "binary" in cleaned.stderr
        return
    assert cleaned.exit_code == 0 and "\x1b" not in cleaned.stdout
    as_json = invoke("clean", "-", "--json", input=text)
    json.loads(as_json.stdout)
    ingested = invoke("ingest", "-", "--json", input=text)
    record = json.loads(ingested.stdout)
    assert "\x1b" not in ingested.stdout
    shown = invoke("show", record["id"], "--removed")
    assert shown.exit_code == 0 and "\x1b" not in shown.stdout
    assert "\x1b" not in invoke("articles").stdout + invoke("claims").stdout + invoke("summary").stdout


def test_module_entry_point_has_no_traceback_on_user_error(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "basewatch", "show", "abc", "--db", str(tmp_path / "none.db")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr and result.stderr.startswith("Error:")


# -- hostile metadata and body through every command and format ---------------------------------

_ESC = "\x1b[31m"
_OSC = "\x1b]8;;http://evil.example\x07"
_HOSTILE_PAGE = (
    f"Ferry{_ESC} talks [bold]stall[/bold]{_OSC}\n\n"
    f"By Ann{_OSC} Reader\n\n"
    f"Harbour officials said on Monday that the{_ESC} crossing would stay shut for two weeks after the "
    f"fire, and [link=http://evil.example]Kessby traders[/link] said the closure would cost them dearly.\n\n"
    f"Port director Mira{_OSC} Holm told reporters the ship was not yet safe to sail{_ESC}, and that "
    "inspectors would return on Thursday.\n\n"
    f"© 2026 Evil{_ESC}Red News. All rights reserved.\n"
)
_HOSTILE_COPY = _HOSTILE_PAGE.replace("two weeks", "three weeks").replace("Evil", "Vile")
_LEAKS = ("\x1b", "\x07", "\x9b")

# every reading command, with the arguments that reach its most untrusted output
_READERS = [
    ["articles"],
    ["show", "{id}", "--removed"],
    ["clusters"],
    ["claims"],
    ["summary"],
    ["diff"],
    ["stories"],
    ["db", "status"],
]


@pytest.fixture
def hostile_db(invoke, tmp_path):
    for name, text in (("evil.txt", _HOSTILE_PAGE), ("vile.txt", _HOSTILE_COPY)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    # an unrelated story beside it, so summary and diff print their overview of several stories
    other = str(SAMPLE / "valmora-gazette-library.txt")
    ingested = invoke("ingest", str(tmp_path / "evil.txt"), str(tmp_path / "vile.txt"), other, "--json")
    assert ingested.exit_code == 0 and not any(leak in ingested.stdout for leak in _LEAKS)
    assert len(json.loads(invoke("stories", "-f", "json").stdout)) == 2
    return json.loads(ingested.stdout.splitlines()[0])["id"]


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv"])
@pytest.mark.parametrize("command", _READERS, ids=lambda c: c[0] if c[0] != "db" else "db status")
def test_no_command_writes_control_sequences_from_article_text(invoke, hostile_db, command, fmt):
    args = [hostile_db if arg == "{id}" else arg for arg in command]
    result = invoke(*args, "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip()
    for leak in _LEAKS:
        assert leak not in result.stdout and leak not in result.stderr, (command, fmt, leak)


def test_rich_markup_in_article_text_is_printed_as_text(invoke, hostile_db):
    shown = invoke("show", hostile_db, "--format", "table").stdout
    assert "[bold]stall[/bold]" in shown and "[link=http://evil.example]" in shown


@pytest.mark.parametrize("args", [[], ["--json"], ["--explain"]], ids=["body", "json", "explain"])
def test_clean_writes_no_control_sequences(invoke, args):
    result = invoke("clean", "-", *args, input=_HOSTILE_PAGE)
    assert result.exit_code == 0
    assert not any(leak in result.stdout for leak in _LEAKS)


def test_readme_counts_the_input_cases_this_suite_runs():
    readme = (SAMPLE.parents[1] / "README.md").read_text(encoding="utf-8")
    assert f"{len(CASES)} input cases through `clean` and one `ingest` run" in readme


def test_a_read_only_database_still_answers_diff_and_claims_with_the_parse(invoke, isolated_db):
    invoke("ingest", *FERRY)  # ingest stores the quick pattern reading; the parse comes at first read
    before = isolated_db.read_bytes()
    read_only = f"file:{isolated_db}?mode=ro"
    result = invoke("diff", "--db", read_only, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["shared"]
    claims = json.loads(invoke("claims", "--db", read_only, "-f", "json").stdout)
    assert any(len(c["sources"]) > 1 for c in claims)
    assert isolated_db.read_bytes() == before
