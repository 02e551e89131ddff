"""Terminal output people read: the text gets the room, wrapped lines keep their indent, empty
sections are left out."""

import pytest

from conftest import FERRY, SAMPLE


def _header_cells(table_text: str) -> list[str]:
    header = next(line for line in table_text.splitlines() if line.startswith("┃") and "text" in line)
    return header.strip("┃").split("┃")


@pytest.mark.parametrize("width", [80, 100, 160])
def test_claims_table_fits_and_gives_the_text_column_the_room(invoke, monkeypatch, width):
    invoke("ingest", *FERRY, "-q")
    monkeypatch.setenv("COLUMNS", str(width))
    shown = invoke("claims").stdout
    assert max(len(line) for line in shown.splitlines()) <= width
    text_width = len(_header_cells(shown)[-1])
    assert text_width >= 0.25 * width and (width < 100 or text_width >= 0.4 * width)


@pytest.mark.parametrize("width", [80, 100, 160])
def test_articles_table_fits_and_gives_the_title_the_room(invoke, monkeypatch, width):
    invoke("ingest", *FERRY, "-q")
    monkeypatch.setenv("COLUMNS", str(width))
    shown = invoke("articles").stdout
    assert max(len(line) for line in shown.splitlines()) <= width
    header = next(line for line in shown.splitlines() if "title" in line).strip("┃").split("┃")
    title = next(cell for cell in header if "title" in cell)
    assert len(title) >= max(len(cell) for cell in header if "title" not in cell)


def test_wrapped_diff_lines_keep_their_indent(invoke, monkeypatch):
    invoke("ingest", *FERRY, "-q")
    monkeypatch.setenv("COLUMNS", "80")
    lines = invoke("diff").stdout.splitlines()
    conflicts = lines.index(next(line for line in lines if "Conflicts" in line))
    body = [line for line in lines[conflicts + 1 :] if line.strip() and "─" not in line]
    reasons = [line for line in body if not line.startswith(" ")]
    assert reasons and all(line.startswith("   ") for line in body if line not in reasons)


def test_empty_sections_are_left_out(invoke):
    invoke("ingest", str(SAMPLE / "bay-observer.txt"), "-q")
    shown = invoke("diff").stdout
    assert "Only one outlet" in shown
    assert "Shared claims" not in shown and "Conflicts" not in shown and "Name variants" not in shown


def test_rows_given_one_by_one_are_sanitised_once_each(capsys):
    from basewatch import output

    rows = ({"title": f"row {i}\x1b]8;;http://x\x07 \x1b[31mred"} for i in range(2))
    output.emit(rows, output.Format.jsonl, ["title"])
    written = capsys.readouterr().out
    assert "\x1b" not in written and "\x07" not in written
    assert written.count("row") == 2


def test_a_storys_dates_read_as_days_whatever_their_precision():
    from basewatch import output

    assert output._span("2026-03-04", "2026-03-05T09:40:00") == "2026-03-04 … 2026-03-05"
    assert output._span("2026-03-05T08:00:00", "2026-03-05T09:40:00") == "2026-03-05"
    assert output._span(None, None) == "undated"
