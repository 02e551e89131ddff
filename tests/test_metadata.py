import pytest

from basewatch.clean import clean
from basewatch.metadata import extract, parse_partial_date
from basewatch.models import Metadata
from conftest import FIXTURES, SAMPLE


def _meta(text: str, hints: Metadata | None = None) -> Metadata:
    return extract(text, clean(text), hints)


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
