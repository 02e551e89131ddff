import codecs

import pytest

from basewatch.errors import BadInput
from basewatch.read import Source, content_id, decode, discover, read_source

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
    [(b"", "empty"), (b"   \n\t\n", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary")],
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
