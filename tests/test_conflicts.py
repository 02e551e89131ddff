"""Typed conflicts on hand-written pairs of sentences: each kind found, each false-positive family not."""

import pytest

from basewatch import compare, parse
from basewatch.claims import Claim

pytestmark = pytest.mark.skipif(not parse.available(), reason="the pinned spaCy pipeline is not installed")


def _diff(
    first: str, second: str, names: tuple[list[str], list[str]] = ([], []), dates: tuple[list, list] = ([], [])
) -> dict:
    claims = [
        Claim(f"a{n}#0", f"a{n}", None, text, None, [], False, False, False, 0, list(found), [], list(days))
        for n, (text, found, days) in enumerate(zip((first, second), names, dates, strict=True))
    ]
    facts = {
        "a0": compare.ArticleFacts("a0", "First Outlet", True, None, published="2026-05-04"),
        "a1": compare.ArticleFacts("a1", "Second Outlet", True, None, published="2026-05-04"),
    }
    return compare.diff(claims, facts)


@pytest.mark.parametrize(
    "first, second, expected",
    [
        (
            "Workers lifted a 12-ton steel beam onto the bridge.",
            "Workers lifted a 30-ton steel beam onto the bridge.",
            ("quantity", "hard", "steel beam (ton)", ["12 ton", "30 ton"]),
        ),
        (
            "A seven-year-old boy was rescued from the river by firefighters.",
            "A nine-year-old boy was rescued from the river by firefighters.",
            ("quantity", "hard", "boy (age)", ["seven-year-old", "nine-year-old"]),
        ),
        (
            "About 40 passengers were evacuated from the stranded train.",
            "At least 65 passengers were evacuated from the stranded train.",
            ("quantity", "soft", "passenger", ["40", "65"]),
        ),
        # a toll counted by its verb, of people or of nobody named: a figure that changes, soft
        (
            "A gunman killed at least 30 people at the market.",
            "The gunman killed 41 at the market, the police said.",
            ("quantity", "soft", "dead", ["30", "41"]),
        ),
        # a toll whose verb says nothing counts the one harm its sentence names
        (
            "At least five people are dead after the ferry capsized.",
            "Seven people were killed when the ferry capsized.",
            ("quantity", "soft", "dead", ["five", "Seven"]),
        ),
        # a count of nothing named, told by the participle after it ("leaving 90 injured")
        (
            "The blast killed two people, leaving around 90 injured.",
            "About 60 people were injured in the blast.",
            ("quantity", "soft", "injured", ["60", "90"]),
        ),
        (
            "Twelve people are thought to be in a critical condition.",
            "Doctors said 30 people were in critical condition.",
            ("quantity", "soft", "in critical condition", ["Twelve", "30"]),
        ),
        # a figure that describes its noun ("a city of 290,000") is the noun's, whatever the verb
        (
            "Ostrava, a city of 290,000, closed its schools on Monday.",
            "The city of 310,000 has seen floods before.",
            ("quantity", "hard", "city", ["290,000", "310,000"]),
        ),
        # one act at two places of one series
        (
            "Okafor scored the winner five minutes into the second half.",
            "Okafor scored the winner in the seventh minute of the second half.",
            ("quantity", "hard", "minute (scor)", ["five minutes", "seventh minute"]),
        ),
        # one person's age, once named and once not ("the five-year-old")
        (
            "Rescuers reached a four-year-old girl trapped in the mine shaft.",
            "The five-year-old was pulled out of the mine shaft at dawn.",
            ("quantity", "hard", "girl (age)", ["four-year-old", "five-year-old"]),
        ),
        # one moment timed minutes apart
        (
            "The bridge collapsed at 7.12am on Monday, police said.",
            "The bridge gave way at 7:25 a.m., witnesses said.",
            ("date", "soft", "time of day", ["07:12", "07:25"]),
        ),
        # one delay in two units, told by its verb and by its noun
        (
            "The bus was delayed for half an hour at the border.",
            "Passengers sat through a 12-minute delay at the border.",
            ("quantity", "hard", "delay (hour)", ["12 minute", "half an hour"]),
        ),
        # one quotation in two wordings that differ beyond a transcription
        (
            '"The harbour wall is simply rotten," the mayor told reporters on the quay.',
            "'The harbour wall is badly cracked,' the mayor told reporters on the quay.",
            (
                "who-what",
                "soft",
                "quotation",
                ['"the harbour wall is badly cracked"', '"the harbour wall is simply rotten"'],
            ),
        ),
        (
            "Officials closed the mountain road after the landslide.",
            "Officials did not close the mountain road after the landslide.",
            ("negation", "hard", "clos official road", ["clos", "not clos"]),
        ),
    ],
)
def test_each_kind_of_conflict_is_typed_with_its_slot_and_both_values(first, second, expected):
    conflicts = _diff(first, second)["conflicts"]
    assert [(c["type"], c["strength"], c["slot"], c["values"]) for c in conflicts] == [expected]
    assert {s["outlet"] for s in conflicts[0]["sides"]} == {"First Outlet", "Second Outlet"}
    assert all(s["published"] == "2026-05-04" for s in conflicts[0]["sides"])


def test_one_act_in_two_months_is_a_date_conflict():
    conflicts = _diff(
        "In March, the board approved the merger, the chairman said.",
        "The board approved the merger in May, the chairman said.",
    )["conflicts"]
    assert [(c["type"], c["slot"], c["values"]) for c in conflicts] == [
        ("date", "time (approv)", ["2026-03-01 … 2026-03-31", "2026-05-01 … 2026-05-31"])
    ]


def test_outcome_conflict_names_both_stances():
    conflicts = _diff(
        "Tovria is close to a deal with Mendal on grain exports, officials said.",
        "Talks between Tovria and Mendal on grain exports have stalled, a diplomat said.",
        (["Tovria", "Mendal"], ["Tovria", "Mendal"]),
    )["conflicts"]
    assert [(c["type"], c["values"]) for c in conflicts] == [("outcome", ["close to a deal", "stalled"])]


def test_one_act_on_two_days_is_a_date_conflict():
    conflicts = _diff(
        "The Harlow ferry sank near Brest on Sunday, the coastguard said.",
        "The Harlow ferry sank near Brest on Saturday.",
        (["Harlow", "Brest"], ["Harlow", "Brest"]),
        ([{"text": "on Sunday", "date": "2026-05-03"}], [{"text": "on Saturday", "date": "2026-05-02"}]),
    )["conflicts"]
    assert [(c["type"], c["strength"], c["slot"], c["values"]) for c in conflicts] == [
        ("date", "hard", "day (sank)", ["on Saturday (2026-05-02)", "on Sunday (2026-05-03)"])
    ]


def test_the_day_it_was_told_is_not_the_day_it_happened():
    result = _diff(
        "The Harlow ferry sank near Brest on Saturday, the coastguard said on Monday.",
        "The Harlow ferry sank near Brest on Saturday, the coastguard said on Sunday.",
        (["Harlow", "Brest"], ["Harlow", "Brest"]),
        (
            [{"text": "on Saturday", "date": "2026-05-02"}, {"text": "on Monday", "date": "2026-05-04"}],
            [{"text": "on Saturday", "date": "2026-05-02"}, {"text": "on Sunday", "date": "2026-05-03"}],
        ),
    )
    assert result["conflicts"] == [] and len(result["shared"]) == 1


@pytest.mark.parametrize(
    "first, second",
    [
        # typography: curly and straight apostrophes are one spelling
        (
            "The storm didn’t derail the ceremony, organisers said.",
            "The storm didn't derail the ceremony, organisers said.",
        ),
        # a negative word elsewhere in a sentence that agrees
        (
            "Names have not been released, but Ortega said her cousin was the driver.",
            "Ortega said Lima was her cousin.",
        ),
        # two amounts in one unit about two different things
        ("Hollis agreed to the $47 billion Brantec deal.", "Verano made a $121 billion offer for Hollis."),
        # the first and the raised bid
        ("Verano's first bid of $103 billion was rejected.", "Verano's raised bid of $121 billion was rejected."),
        # a date is not a count
        ("The Sept. 11 attacks changed air travel for good.", "The 19 hijackers changed air travel for good."),
        # "1, 600" is one thousand six hundred
        ("The village of 1, 600 residents voted to merge.", "The village of 1,600 residents voted to merge."),
        # an earlier crash in the same story
        ("Four years ago a crash on the same line killed 12 people.", "The crash on the line killed 7 people."),
        # the day it was announced and the day it happened
        (
            "The plant closed on Friday, the company said on Monday.",
            "The plant closed on Friday, the company said on Tuesday.",
        ),
        # a number whose noun the text leaves out ("and 31 to ...") counts no hospital
        (
            "Twenty of the injured were taken to the north hospital and 31 to the south hospital.",
            "The injured were taken to two hospitals.",
        ),
        # one person's two statements, sharing only a name
        ("Mayor Dunn opened the new library.", "Mayor Dunn criticised the budget."),
        # an estimate of the other figure, and a range holding it
        ("About 5 million pounds of thrust lift the rocket.", "5.1 million pounds of thrust lift the rocket."),
        ("The tram slid for eight to ten seconds.", "The tram slid for nine seconds."),
        # a part of a toll ("four of them"), and a toll of another attack, far from this one's
        ("The fire injured 40 people, officials said.", "Four of them were seriously injured, officials said."),
        ("The blast killed 9 people in the square.", "A similar blast in the capital killed 130 people."),
        # two acts at two places of one series; "the second time" is another time, not a place
        ("Okafor scored in the seventh minute.", "Okafor was booked in the ninth minute."),
        ("The match was stopped for the second time on lap 12.", "The match was stopped for the first time on lap 12."),
        # what "is four years old" may be a picture, not the boy
        (
            "A 3-year-old boy slipped into the enclosure at the zoo.",
            "The photo of the enclosure at the zoo is four years old.",
        ),
        # one outlet quotes more of what was said, a bracket apart
        (
            '"Then you say, well, now these (local) managers have too much say."',
            '"Then you say, well, now these managers have too much say. It seems to me there is a gap there."',
        ),
        # a plan is timed, not the act
        ("The ferry was scheduled to leave at 11.55pm and left ten minutes late.", "The ferry left at 12.05am."),
        # a "no" inside what was written denies no writing
        (
            '"No fight," Ortega wrote on her blog about the split.',
            '"We stay friends," Ortega wrote on her blog about the split.',
        ),
        # the seriously hurt are a part of the injured
        ("Eight people had serious injuries, the ambulance service said.", "Doctors said four people were injured."),
        # a time on the hour is rounded; a sentence timing two moments is a timeline
        ("The bridge collapsed at about 7am, police said.", "The bridge collapsed at 7.12am, police said."),
        ("The bridge collapsed at 7.12am and the first crews arrived at 7.20am.", "The bridge collapsed at 7.25am."),
        # a floor agrees with any figure above it; a figure converted is the same figure rounded
        ("The tower stands over 200 feet tall.", "The tower stands 230 feet tall."),
        ("The well is 40 metres deep.", "The well is 131 feet deep."),
        # two people of a story, each with an age: described differently, or years apart
        (
            "The 37-year-old Finnish driver crashed on the wet track.",
            "The 35-year-old driver crashed on the wet track.",
        ),
        ("A 19-year-old was arrested at the scene.", "The 45-year-old was arrested at the scene."),
        # one quotation transcribed twice, a word apart
        (
            '"We have no choice but to build a strong wall," the senator said.',
            '"We have no choice but to build a strong new wall," the senator said.',
        ),
        # another season named by its year: the 1998 team's run is not today's
        (
            "The 1998 squad won eight straight games before collapsing in the playoffs.",
            "On Sunday the squad won three straight games to take the title.",
        ),
        # a measure of one thing and a measure of nothing named, with nothing else in common
        (
            "Heavy vehicles dug a crater of about 90 metres around the mine.",
            "After a day of work, the crews had dug only 12m down the shaft.",
        ),
    ],
)
def test_false_positive_families_are_not_flagged(first, second):
    assert _diff(first, second)["conflicts"] == []


def test_the_same_sentence_typed_two_ways_is_one_shared_claim():
    result = _diff(
        "The storm didn’t derail the ceremony, organisers said.",
        "The storm didn't derail the ceremony, organisers said.",
    )
    assert len(result["shared"]) == 1 and result["unique"] == []


_LAST_WEEK = [{"text": "last week", "date": "2026-W18"}]  # 27 April to 3 May, for a piece of 4 May


@pytest.mark.parametrize(
    "first, second, dates, one_group",
    [
        # a month alone and a week that do not meet: two values of when it was adopted
        ("The council adopted the harbour levy in September, the mayor said.",
         "The council adopted the harbour levy last week, the mayor said.", ([], _LAST_WEEK), False),
        ("In March, the council adopted the harbour levy, the mayor said.",
         "The council adopted the harbour levy in April, the mayor said.", ([], []), False),
        # a week that ends inside the month: one time told two ways
        ("The council adopted the harbour levy in May, the mayor said.",
         "The council adopted the harbour levy last week, the mayor said.", ([], _LAST_WEEK), True),
        # the month a newspaper reported in dates the report, not the adoption
        ("The council adopted the harbour levy last week, the Courier reported in April.",
         "The council adopted the harbour levy last week, the mayor said.", (_LAST_WEEK, _LAST_WEEK), True),
    ],
)  # fmt: skip
def test_a_shared_claim_never_holds_two_times_of_one_act(first, second, dates, one_group):
    result = _diff(first, second, dates=dates)
    assert len(result["shared"]) == (1 if one_group else 0)
    assert len(result["unique"]) == (0 if one_group else 2)


@pytest.mark.parametrize(
    "first, second, one_group",
    [
        # one quotation in two wordings: the speaker said one of them
        ('"The harbour wall is simply rotten," the mayor told reporters on the quay.',
         "'The harbour wall is badly cracked,' the mayor told reporters on the quay.", False),
        # one outlet quotes less of it: one quotation
        ('"The harbour wall is simply rotten," the mayor told reporters on the quay.',
         '"The harbour wall is simply rotten and must go," the mayor told reporters on the quay.', True),
        # an apostrophe inside a word opens no quotation
        ("The mayor's harbour wall plan is simply rotten, the mayor's rivals told reporters.",
         "The mayor's harbour wall plan is badly flawed, the mayor's rivals told reporters.", True),
    ],
)  # fmt: skip
def test_a_shared_claim_never_holds_two_wordings_of_one_quotation(first, second, one_group):
    assert len(_diff(first, second)["shared"]) == (1 if one_group else 0)


def test_copies_of_a_wire_story_are_judged_once_per_pair_of_distinct_sentences(monkeypatch):
    from basewatch.compare import conflicts

    texts = (
        "Workers lifted a 12-ton steel beam onto the bridge.",
        "Workers lifted a 30-ton steel beam onto the bridge.",
    )

    def judgements(copies: int) -> tuple[int, dict]:
        calls = []
        judge = conflicts._disagreement
        monkeypatch.setattr(conflicts, "_disagreement", lambda *args: calls.append(args) or judge(*args))
        claims, facts = [], {}
        for n in range(2 * copies):
            article = f"a{n}"
            claims.append(
                Claim(f"{article}#0", article, None, texts[n % 2], None, [], False, False, False, 0, [], [], [])
            )
            # copies carry the wire's day, stamped to different minutes
            facts[article] = compare.ArticleFacts(article, f"Site {n}", True, None, published=f"2026-05-04T10:{n:02d}")
        result = compare.diff(claims, facts)
        monkeypatch.undo()
        return len(calls), result

    few, with_few = judgements(2)
    many, with_many = judgements(12)
    assert few == many
    assert [c["values"] for c in with_few["conflicts"]] == [c["values"] for c in with_many["conflicts"]]
    assert len(with_many["conflicts"][0]["sides"][0]["carried_by"]) == 12


def test_a_date_that_names_a_thing_does_not_date_the_act():
    result = _diff(
        "The agency released photos of an Oct. 19 meeting between the two tankers at sea.",
        "The agency released photos of the meeting between the two tankers at sea on Nov. 21.",
        dates=([{"text": "Oct. 19", "date": "2025-10-19"}], [{"text": "Nov. 21", "date": "2025-11-21"}]),
    )
    assert result["conflicts"] == [] and len(result["shared"]) == 1


def test_a_bound_does_not_merge_two_counts_of_one_noun_into_a_shared_claim():
    result = _diff(
        "At least seven people were killed in the crash and more than 50 were taken to hospital.",
        "Over 50 people were taken to hospital after the crash.",
    )
    assert result["shared"] == []


def test_one_weekday_in_pieces_of_two_weeks_is_no_date_conflict():
    texts = ("The senator broke with the president on Monday over the harbour plan.",
             "Candidates on Monday broke with the president over the harbour plan.")  # fmt: skip
    days = ("2026-05-11", "2026-05-04")
    claims = [
        Claim(f"a{n}#0", f"a{n}", None, text, None, [], False, False, False, 0, [], [],
              [{"text": "on Monday", "date": day}])
        for n, (text, day) in enumerate(zip(texts, days, strict=True))
    ]  # fmt: skip
    facts = {
        f"a{n}": compare.ArticleFacts(f"a{n}", f"Outlet {n}", True, None, published=day) for n, day in enumerate(days)
    }
    assert compare.diff(claims, facts)["conflicts"] == []


@pytest.mark.parametrize(
    "first, second",
    [
        ("Okafor scored the winner five minutes into the second half.",
         "Okafor scored the winner in the seventh minute of the second half."),
        ("The bridge collapsed at 7.12am on Monday, police said.",
         "The bridge collapsed at 7.25am on Monday, police said."),
    ],
)  # fmt: skip
def test_a_shared_claim_never_holds_two_places_or_two_times_of_one_act(first, second):
    result = _diff(first, second)
    assert result["shared"] == [] and len(result["conflicts"]) == 1


@pytest.mark.parametrize("when", ["on Wednesday", "yesterday"])
def test_a_sentence_carried_word_for_word_on_two_days_is_one_shared_claim(when):
    text = f"The council closed the harbour road {when} after the storm."
    days = ("2026-05-06", "2026-05-13")  # each copy reads its day against its own date
    claims = [
        Claim(f"a{n}#0", f"a{n}", None, text, None, [], False, False, False, 0, [], [], [{"text": when, "date": day}])
        for n, day in enumerate(days)
    ]
    facts = {
        f"a{n}": compare.ArticleFacts(f"a{n}", f"Outlet {n}", True, None, published=day) for n, day in enumerate(days)
    }
    result = compare.diff(claims, facts)
    assert len(result["shared"]) == 1 and result["conflicts"] == []
