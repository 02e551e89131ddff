import codecs
import gzip
import re
from collections import Counter
from pathlib import Path

import pytest

from basewatch.errors import BadInput
from basewatch.read import Source, content_id, decode, discover, is_html, read_source

TEXT = "Café owners say the “new rules” will cost them dearly — the association said.\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("cp1252"), None),
    ],
)
def test_encodings_decode_to_the_same_text(data, encoding):
    text, detected = decode(data)
    assert text == TEXT
    if encoding:
        assert detected == encoding


def test_latin1_text_decodes():
    data = "Les élèves ont dit à la télévision qu'ils étaient très déçus du résultat.".encode("latin-1")
    text, _ = decode(data)
    assert "élèves" in text and "déçus" in text


@pytest.mark.parametrize(
    "data, reason",
    [(b"", "empty"), (b"   \n\t\n", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "PNG image")],
)
def test_unusable_bytes_are_rejected_with_a_reason(data, reason):
    with pytest.raises(BadInput, match=reason):
        decode(data, "x.txt")


def test_size_cap(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000, encoding="utf-8")
    with pytest.raises(BadInput, match="limit"):
        read_source(Source(str(path)), max_bytes=100)


def test_discover_walks_folders_in_order_and_reports_missing(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("x", encoding="utf-8")
    (tmp_path / "1.txt").write_text("x", encoding="utf-8")
    (tmp_path / "skip.md").write_text("x", encoding="utf-8")
    found = list(discover([str(tmp_path), str(tmp_path / "missing.txt")]))
    assert [f.path for f in found[:2]] == [str(tmp_path / "1.txt"), str(tmp_path / "b" / "2.txt")]
    assert isinstance(found[2], BadInput) and "no such file" in str(found[2])


def test_symlink_loop_is_walked_once(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x", encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    found = [f.path for f in discover([str(tmp_path)])]
    assert found == [str(tmp_path / "a" / "x.txt")]


def test_content_id_ignores_whitespace_changes():
    assert content_id("a  b\nc") == content_id("a b c")
    assert content_id("a b c").startswith("sha256:")
    assert content_id("a b c") != content_id("a b d")


def test_cyrillic_cp1251_is_not_mistaken_for_cp1252():
    text = "Министр заявил журналистам, что переговоры продолжатся на следующей неделе в столице."
    decoded, encoding = decode(text.encode("cp1251"))
    assert decoded == text
    assert encoding != "cp1252"


PAGE = (
    "<!DOCTYPE html><html><head><title>Harbour news</title></head><body><article>"
    "<p>The harbour board met on Monday.</p></article></body></html>"
)


@pytest.mark.parametrize(
    "text, named_html, expected",
    [
        (PAGE, False, True),
        ("<p>One paragraph per line.</p>\n<p>Another one here.</p>\n<p>And a third.</p>\n", False, True),
        ("Saved as .html but plain: <b>bold</b> once, <i>one</i> more, <br> and text.\n" * 3, True, True),
        ("An article that mentions the <p> tag once.\n\nAnd a second paragraph.\n", False, False),
        (
            "Plain text about <div>, <span> and <a> tags in a long paragraph of prose.\n" + "More prose.\n" * 20,
            False,
            False,
        ),
    ],
)
def test_html_is_recognised_by_its_markup_whatever_the_name(text, named_html, expected):
    assert is_html(text, named_html) is expected


@pytest.mark.parametrize(
    "data, fragment",
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document, not text: convert it first"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(200), "ZIP archive (or a .docx"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(100), "JPEG image"),
    ],
)
def test_known_binary_types_are_named_with_what_to_do(data, fragment):
    with pytest.raises(BadInput, match=re.escape(fragment)):
        decode(data, "x.pdf")


def test_gzipped_page_is_read_and_marked_html(tmp_path):
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode()))
    document = read_source(Source(str(path)), max_bytes=10_000)
    assert document.html and "harbour board" in document.text


def test_gzip_bomb_stops_at_the_size_cap(tmp_path):
    path = tmp_path / "bomb.txt.gz"
    path.write_bytes(gzip.compress(b"a" * 1_000_000))
    with pytest.raises(BadInput, match="once unzipped"):
        read_source(Source(str(path)), max_bytes=100_000)


def test_folders_read_text_and_html_and_count_what_they_skip(tmp_path):
    for name in ("a.txt", "b.html", "c.HTM", "d.pdf", "e.pdf", "f.jpg", "README"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    skipped = Counter()
    found = [Path(s.path).name for s in discover([str(tmp_path)], None, skipped)]
    assert found == ["a.txt", "b.html", "c.HTM"]
    assert skipped == {".pdf": 2, ".jpg": 1, "": 1}
    skipped.clear()
    assert [Path(s.path).name for s in discover([str(tmp_path)], "*.pdf", skipped)] == ["d.pdf", "e.pdf"]
    assert sum(skipped.values()) == 5
