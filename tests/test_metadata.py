from datetime import date

import pytest

from basewatch.clean import clean
from basewatch.metadata import extract, iso_day, parse_partial_date
from basewatch.models import Document, Metadata
from basewatch.pipeline import analyse
from conftest import FIXTURES, SAMPLE


def _meta(text: str, hints: Metadata | None = None) -> Metadata:
    return extract(clean(text), hints)


def test_page_dump_metadata():
    meta = _meta((FIXTURES / "articles" / "page_dump.txt").read_text(encoding="utf-8"))
    assert meta.title == "Lighthouse keeper's log found after ninety years"
    assert meta.author == "Aino Lahti"
    assert meta.published == "2025-02-12T08:15:00"
    assert meta.outlet == "The Evening Lantern"


def test_header_fields_with_value_on_next_line():
    meta = _meta((SAMPLE / "bay-observer.txt").read_text(encoding="utf-8"))
    assert meta.author == "Jonas Perrin"
    assert meta.published == "2026-03-05"
    assert meta.title == "Kessby shops brace for weeks without ferry"
    assert meta.outlet == "Bay Observer"  # the copyright line says "Bay Observer Ltd."


@pytest.mark.parametrize(
    ("footer", "outlet"),
    [
        ("© 2026 Guardian News & Media Limited or its affiliated companies.", "Guardian News & Media"),
        ("Copyright © 2025 Dow Jones & Co., Inc. All rights reserved.", "Dow Jones"),
        ("© 2026 Ben & Jerry Gazette", "Ben & Jerry Gazette"),
    ],
)
def test_copyright_outlet_drops_the_legal_form(footer, outlet):
    body = "The council voted on Tuesday to reopen the harbour road after the storm damage was repaired."
    assert _meta(f"Harbour road reopens\n\n{body}\n\n{footer}\n").outlet == outlet


def test_hints_win_over_page_evidence():
    text = (SAMPLE / "midland-courier.txt").read_text(encoding="utf-8")
    assert _meta(text).outlet == "The Midland Courier"
    assert _meta(text, Metadata(outlet="Wire Desk")).outlet == "Wire Desk"


def test_reporter_bio_names_author_and_outlet():
    text = (
        "Ships collide in fog off the cape\n\n"
        + "Two cargo ships collided in thick fog off the cape early on Sunday, the coast guard said, "
        "and no one was hurt in the accident.\n\n"
        * 2
        + "Ana Ruiz is a staff reporter for the Cape Gazette, covering shipping and ports.\n"
    )
    meta = _meta(text)
    assert meta.author == "Ana Ruiz"
    assert meta.outlet == "Cape Gazette"


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("March 4, 2026", "2026-03-04"),
        ("5 Mar 2026 09:40", "2026-03-05T09:40:00"),
        ("2024-12-13", "2024-12-13"),
        ("March 2026", "2026-03"),
        ("March 4", None),  # no year stated: never invent one
        ("Tuesday", None),
        ("", None),
        ("not a date at all", None),
    ],
)
def test_dates_are_never_completed_from_today(raw, expected):
    assert parse_partial_date(raw) == expected


def test_unknown_values_are_none():
    meta = _meta("Just one sentence of text that says very little about anything at all here.\n")
    assert meta.author is None and meta.published is None and meta.outlet is None


ARTICLE = (
    "Ferry route reopens after repairs\n\n"
    "{lead} The ferry between the two islands will run again from Monday after three weeks of repairs "
    "to its engine room, the operator said on Friday.\n\n"
    "The operator said the crossing would keep its winter timetable until the end of the month, and that "
    "tickets bought for cancelled sailings would be refunded in full.\n\n"
    "{footer}\n"
)


@pytest.mark.parametrize(
    "lead, footer, outlet, wire",
    [
        ("(CNN) —", "", "CNN", None),
        ("LONDON, March 3 (Reuters) -", "", "Reuters", None),
        ("WASHINGTON (AP) —", "© 2026 The Capital Post. All rights reserved.", "The Capital Post", "AP"),
        ("NORRHAVEN (Harbor Ledger) —", "© 2026 Harbor Ledger Media Ltd", "Harbor Ledger Media", None),
    ],
)
def test_datelines_and_wire_tags_give_the_outlet_and_keep_the_wire_beside_it(lead, footer, outlet, wire):
    meta = _meta(ARTICLE.format(lead=lead, footer=footer))
    assert (meta.outlet, meta.wire) == (outlet, wire)


def test_escape_sequences_never_reach_a_metadata_field():
    footer = "© 2026 Evil\x1b[31mRed News\x1b]8;;http://x.example\x07. All rights reserved.\x9b2J"
    text = "By Ann\x1b[1m Lee\x07\n\n" + ARTICLE.format(lead="", footer=footer)
    meta = _meta(text, Metadata(title="Title\x1b]0;owned\x07 here\x00"))
    assert meta.outlet == "EvilRed News"
    assert meta.title == "Title here"
    for value in (meta.title, meta.author, meta.outlet, meta.published, meta.wire):
        assert value is None or not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in value)


def test_markup_metadata_comes_through_the_html_path():
    page = (
        '<html><head><title>Ferry route reopens | Isle Times</title><meta property="og:site_name" content="Isle Times">'
        '<meta name="author" content="Maja Berg"><meta property="article:published_time" content="2026-02-27">'
        '<link rel="canonical" href="https://isletimes.example/ferry"></head>'
        "<body><article><h1>Ferry route reopens</h1>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE.format(lead="", footer="").split("\n\n")[1:3])
        + "</article><footer>© 2026 Isle Times</footer></body></html>"
    )
    article, cleaned = analyse(Document(path="p.html", text=page, encoding="utf-8", html=True))
    assert (article.outlet, article.author, article.published) == ("Isle Times", "Maja Berg", "2026-02-27")
    assert article.url == "https://isletimes.example/ferry"
    assert article.title.startswith("Ferry route reopens")
    assert "<" not in article.body and "winter timetable" in article.body


@pytest.mark.parametrize(
    "value, month_middle, expected",
    [
        ("2026-03-05", False, date(2026, 3, 5)),
        ("2026-03-05T09:40:00", False, date(2026, 3, 5)),
        ("2026-03", False, None),
        ("2026-03", True, date(2026, 3, 15)),
        ("2026", True, None),
        ("", False, None),
        (None, True, None),
        ("2026-02-30", False, None),
    ],
)
def test_iso_day_reads_a_day_and_a_month_only_when_asked(value, month_middle, expected):
    assert iso_day(value, month_middle) == expected
