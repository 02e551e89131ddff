"""Turning paths, stdin and JSON Lines into decoded `Document`s.

Discovery is lazy (a generator) so a folder of 100k files never becomes a list of bodies.
Every failure is a `BadInput` naming the file and the reason; the caller decides to go on.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
import stat
import sys
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from basewatch.errors import BadInput
from basewatch.models import Document, Metadata

STDIN = "-"
# BOM-less UTF-16 shows as NULs in every other byte; checked before the binary test.
_UTF16_NUL_SHARE = 0.3
# Share of control characters above which a decoded text is binary, not an article (terminal logs
# full of escape codes are still text; NUL bytes never are).
_MAX_CONTROL_SHARE = 0.1
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Valid multi-byte characters needed per undecodable byte to keep reading a file as UTF-8.
_MIN_VALID_PER_DAMAGED = 2
# Share of accented letters followed by another accented letter above which cp1252 is mojibake.
_MAX_ACCENT_RUN_SHARE = 0.3


# What a folder is read for when no --glob is given; other files are counted as skipped, by extension.
ARTICLE_EXTENSIONS = (".txt", ".html", ".htm")
_HTML_EXTENSIONS = (".html", ".htm")
# File types people save or download that are not text, by their first bytes: what to tell them.
_MAGIC = (
    (b"%PDF-", "a PDF document, not text: convert it first (e.g. pdftotext FILE.pdf) and ingest the .txt"),
    (b"\x89PNG", "a PNG image, not text"),
    (b"\xff\xd8\xff", "a JPEG image, not text"),
    (b"GIF8", "a GIF image, not text"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.epub/.odt), not text: save or export the article as text or HTML"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document, not text: save it as text or HTML"),
    (b"{\\rtf", "an RTF document, not plain text: save it as text or HTML"),
    (b"SQLite format 3\x00", "an SQLite database, not text"),
    (b"\x7fELF", "a program, not text"),
)
_GZIP_MAGIC = b"\x1f\x8b"
# Markup that only an HTML page has: a doctype, the document's own elements, or many block tags.
_HTML_DOCUMENT_RE = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.I)
_HTML_TAG_RE = re.compile(
    r"</?(?:p|div|span|a|br|li|ul|ol|h[1-6]|table|tr|td|article|section|script|style|img|meta)\b[^>]*>", re.I
)
_HTML_MIN_TAGS = 3
# A tag on at least this share of the non-blank lines (one <p> per line), whatever the file's name.
_HTML_MIN_TAGGED_LINES = 0.3


@dataclass(frozen=True)
class Source:
    """A place an article can be read from: a file path or stdin."""

    path: str

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN


def discover(
    paths: list[str], pattern: str | None = None, skipped: Counter[str] | None = None
) -> Iterator[Source | BadInput]:
    """Yield each file under `paths` in a stable order; folders are walked recursively for files that match
    `pattern`, or that have one of ARTICLE_EXTENSIONS without one. Files a folder holds but that are not read
    are counted in `skipped` by extension ("" for none)."""
    for raw in paths:
        if raw == STDIN:
            yield Source(STDIN)
            continue
        path = Path(raw)
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            yield BadInput(_display(raw), "no such file or directory")
            continue
        except OSError as exc:
            yield BadInput(_display(raw), _os_reason(exc))
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(path, pattern, skipped if skipped is not None else Counter())
        else:
            yield Source(str(path))


def _wanted(name: str, pattern: str | None) -> bool:
    return Path(name).match(pattern) if pattern else name.lower().endswith(ARTICLE_EXTENSIONS)


def _walk(root: Path, pattern: str | None, skipped: Counter[str]) -> Iterator[Source | BadInput]:
    seen_dirs: set[tuple[int, int]] = set()

    def on_error(exc: OSError) -> None:
        raise exc

    try:
        for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=on_error):
            st = os.stat(dirpath)
            key = (st.st_dev, st.st_ino)
            if key in seen_dirs:  # a symlink loop: walk each real directory once
                dirnames.clear()
                continue
            seen_dirs.add(key)
            dirnames.sort()
            for name in sorted(filenames):
                if _wanted(name, pattern):
                    yield Source(os.path.join(dirpath, name))
                else:
                    skipped[Path(name).suffix.lower()] += 1
    except OSError as exc:
        yield BadInput(_display(str(exc.filename or root)), _os_reason(exc))


def parent_folder_name(path: str) -> str:
    """The name of the folder a file sits in: `ingest --outlet-from parent` reads a folder per outlet."""
    return Path(path).parent.name or path


def read_source(source: Source, max_bytes: int) -> Document:
    """Read and decode one source into a Document, or raise BadInput."""
    data = _read_bytes(source, max_bytes)
    if data.startswith(_GZIP_MAGIC):
        data = _gunzip(data, source.path, max_bytes)
    text, encoding = decode(data, source.path)
    named_html = source.path.lower().removesuffix(".gz").endswith(_HTML_EXTENSIONS)
    return Document(path=_display(source.path), text=text, encoding=encoding, html=is_html(text, named_html))


def _gunzip(data: bytes, path: str, max_bytes: int) -> bytes:
    """A gzipped page (as saved by some tools and as the corpora ship HTML), within the same size cap."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error):
        raise BadInput(_display(path), "a damaged gzip file") from None
    if len(out) > max_bytes:
        raise BadInput(_display(path), f"larger than the {max_bytes:,}-byte limit once unzipped (--max-bytes)")
    return out


def is_html(text: str, named_html: bool = False) -> bool:
    """True for a web page's markup, whatever the file is called; a page named .html needs less evidence."""
    head = text[:200_000]
    if _HTML_DOCUMENT_RE.search(head[:5000]):
        return True
    lines = tagged = tags = 0
    for line in head.splitlines():  # one pass: this runs on every text file read
        if not line.strip():
            continue
        found = len(_HTML_TAG_RE.findall(line))
        lines, tagged, tags = lines + 1, tagged + bool(found), tags + found
    return tags >= _HTML_MIN_TAGS and (named_html or tagged >= _HTML_MIN_TAGGED_LINES * lines)


def _read_bytes(source: Source, max_bytes: int) -> bytes:
    name = _display(source.path)
    if source.is_stdin:
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        try:
            if not stat.S_ISREG(os.stat(source.path).st_mode):
                raise BadInput(name, "not a regular file")
            with open(source.path, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except OSError as exc:
            raise BadInput(name, _os_reason(exc)) from None
    if len(data) > max_bytes:
        raise BadInput(name, f"larger than the {max_bytes:,}-byte limit (--max-bytes)")
    return data


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode article bytes: BOMs first, then UTF-8, then a detector; reject binary."""
    name = _display(name)
    if not data.strip():
        raise BadInput(name, "empty file")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BadInput(name, what)
    text, encoding = _decode_known(data) or _decode_detected(data, name)
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    controls = len(_CONTROL_RE.findall(text))
    if "\x00" in text or controls > _MAX_CONTROL_SHARE * len(text):
        raise BadInput(name, "looks binary, not text")
    if not text.strip():
        raise BadInput(name, "empty file")
    return text, encoding


def _decode_known(data: bytes) -> tuple[str, str] | None:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    sample = data[:4096]
    if sample.count(0) > _UTF16_NUL_SHARE * len(sample) and len(sample) % 2 == 0:
        even_nuls = sample[0::2].count(0)
        odd_nuls = sample[1::2].count(0)
        if max(even_nuls, odd_nuls) > 0.8 * (len(sample) // 2) and min(even_nuls, odd_nuls) == 0:
            codec = "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"
            return data.decode(codec, errors="replace"), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _mostly_utf8(data)


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with a few damaged bytes (a cut download, a bad paste) stays UTF-8, damage marked.

    Read as cp1252 instead, every correct multi-byte character would turn into mojibake.
    """
    text = data.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if multibyte >= _MIN_VALID_PER_DAMAGED * damaged:
        return text, "utf-8 (damaged bytes replaced)"
    return None


def _decode_detected(data: bytes, name: str) -> tuple[str, str]:
    if b"\x00" in data[:4096]:
        raise BadInput(name, "looks binary, not text")
    western = _as_western(data)
    if western is not None:
        return western, "cp1252"
    best = from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        return data.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        return data.decode("cp1252", errors="replace"), "cp1252"


def _as_western(data: bytes) -> str | None:
    """cp1252 text when it reads like a Western language, else None.

    Detectors guess badly on short texts (a paragraph of French came back as cp775). In Western
    text accented letters stand alone inside words; the same bytes read as cp1252 when they are
    really Cyrillic or Greek give long runs of accented letters instead.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    accented = [i for i, ch in enumerate(text) if ord(ch) > 127 and ch.isalpha()]
    if not accented:
        return text
    in_runs = sum(1 for i in accented if i + 1 < len(text) and ord(text[i + 1]) > 127 and text[i + 1].isalpha())
    return text if in_runs <= _MAX_ACCENT_RUN_SHARE * len(accented) else None


def read_jsonl(source: Source, max_bytes: int) -> Iterator[Document | BadInput]:
    """Yield one Document per JSON line (`text` required; id/title/outlet/published/url kept)."""
    stream = sys.stdin if source.is_stdin else None
    try:
        fh = stream or open(source.path, encoding="utf-8", errors="replace")  # noqa: SIM115
    except OSError as exc:
        yield BadInput(_display(source.path), _os_reason(exc))
        return
    with fh if stream is None else nullcontext(fh):
        for number, line in enumerate(fh, 1):
            if line.strip():
                yield _jsonl_document(source.path, number, line, max_bytes)


def _jsonl_document(path: str, number: int, line: str, max_bytes: int) -> Document | BadInput:
    where = f"{_display(path)}:{number}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return BadInput(where, f"bad JSON ({exc.msg})")
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or not obj["text"].strip():
        return BadInput(where, "needs a non-empty string field 'text'")
    if len(obj["text"].encode("utf-8")) > max_bytes:
        return BadInput(where, f"larger than the {max_bytes:,}-byte limit")
    hints = Metadata(
        title=_str_or_none(obj.get("title")),
        outlet=_str_or_none(obj.get("outlet")),
        published=_str_or_none(obj.get("published")),
    )
    external = obj.get("id")
    text = unicodedata.normalize("NFC", obj["text"])
    return Document(
        path=where,
        text=text,
        encoding="utf-8",
        external_id=None if external is None else str(external),
        hints=hints,
        url=_str_or_none(obj.get("url")),
        html=is_html(text),
    )


def _str_or_none(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _os_reason(exc: OSError) -> str:
    reason = exc.strerror or str(exc)
    return reason[:1].lower() + reason[1:]


def _display(path: str) -> str:
    """A path as printable text: undecodable bytes and newlines made visible."""
    if path == STDIN:
        return "<stdin>"
    # Undecodable bytes arrive as surrogate escapes: show them as \xNN rather than fail to encode.
    text = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return text.replace("\n", "\\n").replace("\r", "\\r")


def content_id(text: str) -> str:
    """Content-hash id, tagged with its algorithm: whitespace changes do not make a new article."""
    normalized = " ".join(text.split())
    return "sha256:" + hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]
