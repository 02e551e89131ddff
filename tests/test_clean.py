import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from basewatch.clean import clean
from conftest import FIXTURES, SAMPLE


def _fixture(name: str) -> str:
    return (FIXTURES / "articles" / name).read_text(encoding="utf-8")


def test_page_dump_keeps_every_paragraph_and_drops_the_chrome():
    result = clean(_fixture("page_dump.txt"))
    body = result.body
    assert body.startswith("A keeper's logbook that vanished")
    assert "The museum plans to show the logbook from May" in body
    assert '"We had given up hope of ever seeing it,"' in body
    for chrome in (
        "Subscribe",
        "TRENDING",
        "Rail strike",
        "Share",
        "Related Stories",
        "Museum shop to close",
        "Most Read",
        "All rights reserved",
        "Privacy Policy",
        "By Aino Lahti",
        "Lighthouse keeper's log found",
    ):
        assert chrome not in body, chrome


def test_paragraphs_are_separated_by_one_blank_line():
    body = clean(_fixture("page_dump.txt")).body
    assert "\n\n\n" not in body
    assert len(body.split("\n\n")) == 4


def test_every_removed_line_has_a_reason():
    result = clean(_fixture("page_dump.txt"))
    reasons = {r["text"].strip(): r["reason"] for r in result.removed}
    assert reasons["• Facebook"] == "navigation or share widget"
    assert reasons["By Aino Lahti"] == "byline"
    assert reasons["Museum shop to close for winter"] == "run of headline-like lines (links or ticker)"
    assert all(r["reason"] for r in result.removed)


def test_lines_wrapped_by_a_dumper_are_rejoined_into_paragraphs():
    body = clean(_fixture("wrapped_dump.txt")).body
    paragraphs = body.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("The town council voted on Monday")
    assert "cut it to save money" in paragraphs[0]
    assert "Harbour crane" not in body


def test_plain_article_without_boilerplate_is_kept_whole():
    text = (SAMPLE / "harbor-ledger.txt").read_text(encoding="utf-8")
    body = clean(text).body
    assert body.count("\n\n") == 6
    assert "Saltline suspends Norrhaven" not in body  # the headline is metadata, not body


def test_verdicts_cover_every_input_line():
    text = _fixture("page_dump.txt")
    result = clean(text)
    assert [v.line for v in result.verdicts] == list(range(1, text.count("\n") + 2))


def test_empty_text_gives_empty_body():
    assert clean("").body == ""
    assert clean("\n\n  \n").paragraphs == ()


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=2000))
def test_clean_never_fails_and_keeps_only_input_text(text):
    result = clean(text)
    normalized = re.sub(r"\s+", " ", text)
    for paragraph in result.paragraphs:
        for word in paragraph.split()[:3]:
            assert word.strip("*_#") in normalized or not word.strip("*_#")


@pytest.mark.parametrize("marker", ["•", "*", "-", "+", "○"])
def test_bullet_menus_are_removed_whatever_the_bullet(marker):
    menu = "\n".join(f"  {marker} {item}" for item in ("Home", "World", "Business", "Sport"))
    prose = (
        "The harbour board approved a new timetable for the winter ferries on Monday, "
        "saying it would cut waiting times for commuters by a third."
    )
    result = clean(menu + "\n\n" + prose + "\n\n" + prose.replace("Monday", "Tuesday"))
    assert "Business" not in result.body
    assert result.body.startswith("The harbour board")
