"""The five seed articles: body kept, chrome gone, metadata where the page states it."""

import pytest

from basewatch.clean import clean
from basewatch.metadata import extract
from conftest import shared_or_skip


def _seed(prefix: str) -> str:
    folder = shared_or_skip("corpus", "seeds")
    return next(folder.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def test_page_dump_seed_loses_menus_ticker_lists_and_footer():
    text = _seed("004")
    result = clean(text)
    body = result.body
    assert body.count("\n\n") >= 25
    assert "Bogdanov stated on Tuesday" in body
    assert "The Russian diplomat also emphasized" in body
    for chrome in (
        "Araghchi to Grossi",
        "Arts&Culture",
        "Most Read",
        "Read Next",
        "Related News",
        "Saudi, Qatar to provide",
        "All Rights Reserved",
        "Privacy Policy",
        "Hmeimim Airbase",
        "MIT bans class president",
        "Listen",
    ):
        assert chrome not in body, chrome
    meta = extract(result)
    assert meta.title == "Russia struggling to retain two military bases in Syria: Bloomberg"
    assert meta.published == "2025-01-29T12:13:00"


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_article_seeds_keep_their_paragraphs(prefix):
    text = _seed(prefix)
    body = clean(text).body
    article = text.split("\nAvatar\n")[0]  # seed 001 ends with its reporter's bio box
    prose = [line for line in article.splitlines() if len(line.split()) > 25]
    kept = [line for line in prose if line.strip() in body]
    assert len(kept) >= 0.85 * len(prose)


def test_reporter_bio_and_read_more_are_dropped():
    body = clean(_seed("001")).body
    assert "Tim Zadorozhnyy is the reporter" not in body
    assert "Read more" not in body and "Show More" not in body


def test_seed_metadata_where_stated():
    meta = extract(clean(_seed("000")))
    assert meta.author == "Liza Brovko" and meta.published is None
    meta = extract(clean(_seed("001")))
    assert meta.author == "Tim Zadorozhnyy" and meta.outlet == "Kyiv Independent"
    assert extract(clean(_seed("002"))).published == "2024-12-13"
