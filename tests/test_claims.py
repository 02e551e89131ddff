"""Attribution chains, anonymity, hedges, quotes, inherited attribution and relative dates."""

import pytest

from basewatch.claims import extract, sentences
from basewatch.claims.dates import bare_months
from basewatch.metadata import iso_day

OUTLET = "Desk Daily"


def one(sentence: str, title: str | None = None, published: str | None = "2026-03-04"):
    claims, _ = extract("sha256:test", sentence, OUTLET, title, published)
    assert len(claims) == 1, claims
    return claims[0]


@pytest.mark.parametrize(
    "text, cue, chain",
    [
        ("The bridge will reopen on Friday, the mayor said.", "said", ["the mayor"]),
        (
            "Police chief Ana Lind told reporters that two men were arrested near the harbour.",
            "told reporters",
            ["Police chief Ana Lind"],
        ),
        ("Prices rose 4% in March, according to the statistics office.", "according to", ["the statistics office"]),
        (
            "The company plans to cut 300 jobs, Harbor Wire reported on Monday, "
            "citing people familiar with the matter.",
            "reported",
            ["Harbor Wire", "people familiar with the matter"],
        ),
        ("The deal is worth two billion crowns, the Coastal Times writes.", "writes", ["the Coastal Times"]),
        ("The opposition claimed the vote count had been delayed on purpose.", "claimed", ["The opposition"]),
        ("The ministry believes the outbreak is under control in the north.", "believes", ["The ministry"]),
        ("Doctors warned that hospitals in the region were running short of beds.", "warned", ["Doctors"]),
        ("The union demanded a meeting with the board before the end of the week.", "demanded", ["The union"]),
        (
            "An unnamed source told Harbor Wire that the plant would close in June.",
            "told",
            ["Harbor Wire", "An unnamed source"],
        ),
        ("Mayor Lina Berg told Governor Ruud Aas that the budget was final.", "told", ["Mayor Lina Berg"]),
        (
            "State radio cited Defence Minister Ivo Sand as saying the exercise was routine.",
            "cited as saying",
            ["State radio", "Defence Minister Ivo Sand"],
        ),
        (
            '"We will rebuild the pier by summer," said harbour master Tomas Reuel.',
            "said",
            ["harbour master Tomas Reuel"],
        ),
    ],
)
def test_attribution_chain_from_the_outlet_outward(text, cue, chain):
    claim = one(text)
    assert claim.cue == cue
    assert claim.sources == [OUTLET, *chain]


@pytest.mark.parametrize(
    "text, anonymous",
    [
        ("The talks would resume next week, officials who asked not to be identified said.", True),
        ("The plant will close, a person familiar with the plans said.", True),
        ("Two officials said the talks had stalled, speaking on condition of anonymity.", True),
        ("The plant will close, chief executive Ida Varga said.", False),
        ("The plant will close in June, according to the company.", False),
    ],
)
def test_anonymous_means_the_innermost_source_is_unnamed(text, anonymous):
    assert one(text).anonymous is anonymous


@pytest.mark.parametrize(
    "text, hedged",
    [
        ("The minister reportedly plans to resign before the summer recess.", True),
        ("The suspect allegedly fled the country on a fishing boat.", True),
        ("The bridge may stay closed for another month, engineers said.", True),
        ("The general is said to have left the capital on Sunday night.", True),
        ("The ship is believed to be carrying grain for the northern ports.", True),
        ("The bridge will reopen on Friday, engineers said.", False),
    ],
)
def test_hedges(text, hedged):
    assert one(text).hedged is hedged


def test_multi_sentence_quote_is_one_claim_with_its_speaker():
    claim = one('"We are ready. We will act before the winter," Orlov told reporters.')
    assert claim.direct_quote and claim.sources == [OUTLET, "Orlov"]
    assert sentences('"We are ready. We will act," he said. Then he left the room quickly.') == [
        '"We are ready. We will act," he said.',
        "Then he left the room quickly.",
    ]


def test_pronouns_and_continued_quotes_take_the_last_named_speaker():
    body = (
        "Saltline chief executive Ida Varga said the route would reopen in April.\n\n"
        "She said every ticket would be refunded in full.\n\n"
        '"We owe our passengers that," Varga said. "They waited long enough for the ferry."'
    )
    claims, _ = extract("sha256:t", body, OUTLET, None, "2026-03-04")
    assert [c.sources[-1] for c in claims] == [
        "Saltline chief executive Ida Varga",
        "Saltline chief executive Ida Varga",
        "Varga",
        "Varga",
    ]


def test_a_retelling_declares_its_basis_and_unattributed_claims_inherit_it():
    body = (
        "The port will close for two weeks from Monday, Harbor Wire reported on Tuesday, citing sources.\n\n"
        "The closure affects all ferry routes to the islands.\n\n"
        "Background\n\n"
        "The port was built in 1910 and rebuilt after the storm of 1962."
    )
    claims, provenance = extract("sha256:t", body, OUTLET, "Harbor Wire: port to close", "2026-03-04")
    assert provenance.retelling_of == "Harbor Wire"
    assert provenance.retelling_date == "2026-03-03"
    first, second, background = claims
    assert first.sources == [OUTLET, "Harbor Wire", "sources"] and not first.inherited
    assert second.inherited and second.sources == [OUTLET, "Harbor Wire", "sources"] and second.cue is None
    assert not background.inherited and background.sources == [OUTLET]


def test_headline_names_the_retold_report():
    _, provenance = extract(
        "sha256:t", "The port will close for repairs next month.", OUTLET, "Port to close, Harbor Wire reports"
    )
    assert provenance.retelling_of == "Harbor Wire"


def test_an_independent_report_is_not_a_retelling():
    body = "Shops fear a long winter.\n\nThe port will close, Harbor Wire reported on Tuesday, citing sources."
    _, provenance = extract("sha256:t", body, OUTLET, "Shops brace for winter", "2026-03-04")
    assert provenance.retelling_of is None
    # "fear" is a cognition cue: the shops' fear is theirs, the closure is Harbor Wire's report
    assert provenance.cites == {"Harbor Wire": 1, "Shops": 1}


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("The fire broke out on Tuesday evening, the coast guard said.", "2026-03-04", "2026-03-03"),
        ("The fire broke out yesterday, the coast guard said.", "2026-03-04", "2026-03-03"),
        ("The ministers spoke by phone on Feb. 12, officials said.", "2026-03-04", "2026-02-12"),
        ("The ministers spoke by phone on Dec. 30, officials said.", "2026-01-04", "2025-12-30"),
        ("The board said the talks broke down last week.", "2026-03-04", "2026-W09"),
        ("The association will meet the managers on Friday, its chair said.", "2026-03-04", "2026-03-06"),
        ("The fire broke out on Tuesday evening, the coast guard said.", None, None),
        ("The treaty was signed on 3 March 2019, the ministry said.", None, "2019-03-03"),
    ],
)
def test_dates_resolve_against_the_article_date_never_today(text, published, expected):
    claim = one(text, published=published)
    assert claim.dates[0]["date"] == expected


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("The levy was adopted in September, the mayor said.", "2026-01-10", ("2025-09",)),
        ("In February, the mayor said, the levy was adopted.", "2026-01-10", ("2026-02",)),
        ("The levy was adopted in March and repealed in June.", "2026-07-01", ("2026-03", "2026-06")),
        ("The levy was adopted, the Courier reported in December.", "2026-01-10", ()),
        ("The levy was adopted in September 2019.", "2026-01-10", ()),  # a full date: Claim.dates has it
        ("The levy was adopted in September.", None, ()),
    ],
)
def test_a_month_named_alone_is_the_nearest_before_the_article(text, published, expected):
    assert bare_months(text, iso_day(published)) == expected


def test_questions_and_subheads_are_not_claims():
    body = (
        "Will the port reopen in time for summer?\n\nWhat happens next\n\n"
        "The port will reopen in May, the council said."
    )
    claims, _ = extract("sha256:t", body, OUTLET)
    assert [c.text for c in claims] == ["The port will reopen in May, the council said."]


def test_names_numbers_and_claim_ids():
    claim = one("All 212 passengers and 18 crew left the MV Albatross safely, the Norrhaven coast guard said.")
    assert claim.numbers == ["212", "18"]
    assert "Norrhaven" in " ".join(claim.names) and "MV Albatross" in claim.names
    assert claim.id == "sha256:test#0"


def test_fallback_splitter_agrees_on_abbreviations_and_quotes():
    from basewatch.claims.split import split_paragraph, split_syntok

    text = (
        "The U.S. Navy said on Feb. 17 that Gen. Smith would visit. He arrived in Washington, D.C. and met "
        'officials. "We are ready," he said. Prices rose 3.5 per cent.'
    )
    assert split_paragraph(text) == split_syntok(text)
    assert len(split_paragraph(text)) == 4


def test_the_word_patterns_never_take_a_dateline_for_the_speaker():
    body = "PARIS, May 2 (Wirewire) - Clara Voss said the bridge would reopen on Monday."
    found, _ = extract("a1", body, "Daily Example", parsed_attribution=False)
    assert found and found[0].sources[-1] == "Clara Voss"
