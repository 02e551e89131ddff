"""Which claims state one fact, on hand-written stories: sentences that share a few rare words and a
name state one fact only when they also tell of one act."""

import pytest

from basewatch import compare, parse
from basewatch.claims import Claim

pytestmark = pytest.mark.skipif(not parse.available(), reason="the pinned spaCy pipeline is not installed")

# Unrelated sentences of the same two articles, so that the story's names are rare, as in real coverage.
_FILLER = [
    "The weather in the valley stayed cold all week.",
    "Ticket prices rose again this season.",
    "The league will meet next month to discuss the schedule.",
    "Local schools closed early on Thursday.",
    "A new bridge over the river opened to traffic.",
    "Farmers expect a strong harvest this autumn.",
    "The museum added an exhibition on old maps.",
    "Bus services were cut on two routes.",
    "The council approved a budget for road repairs.",
    "A storm knocked out power to several villages.",
]
_NAMES = ["Brannock", "Dunmore Park"]
_ASKED_TO_LEAVE = (
    "Brannock was asked to leave Dunmore Park because his goat was frightening other patrons in the stands."
)


def _shared(first: str, second: str) -> list[dict]:
    texts = [(0, first, _NAMES), (1, second, _NAMES)] + [(n % 2, text, []) for n, text in enumerate(_FILLER)]
    claims = [
        Claim(f"a{outlet}#{i}", f"a{outlet}", None, text, None, [], False, False, False, i, list(names), [], [])
        for i, (outlet, text, names) in enumerate(texts)
    ]
    facts = {f"a{o}": compare.ArticleFacts(f"a{o}", f"Outlet {o}", True, None, published="2026-05-04") for o in (0, 1)}
    return compare.diff(claims, facts)["shared"]


def test_a_name_and_a_few_words_without_a_common_act_are_two_facts():
    second = (
        "Brannock, owner of a tavern nearby, and his goat were refused entry to Dunmore Park before the deciding game."
    )
    assert _shared(_ASKED_TO_LEAVE, second) == []


def test_a_loose_paraphrase_telling_of_the_same_act_is_one_fact():
    second = (
        "Brannock, owner of a tavern nearby, was asked to go from Dunmore Park with his pet before the deciding"
        " playoff against visiting rivals on a wet evening."
    )
    (group,) = _shared(_ASKED_TO_LEAVE, second)
    assert group["why"][0]["overlap_pct"] < 40  # loose: the common act decided
    assert {m["text"] for m in group["members"]} == {_ASKED_TO_LEAVE, second}


def test_a_sentence_denying_what_the_other_tells_is_not_the_same_fact():
    told = "Brannock led his goat out of Dunmore Park before the deciding game, the stewards said."
    denied = "Brannock never led his goat out of Dunmore Park before the deciding game, the stewards said."
    assert _shared(told, denied) == []


def test_the_same_fact_told_without_a_denial_on_either_side_is_shared():
    told = "Brannock led his goat out of Dunmore Park before the deciding game, the stewards said."
    again = "Before the deciding game Brannock led his goat out of Dunmore Park, stewards said."
    (group,) = _shared(told, again)
    assert {m["text"] for m in group["members"]} == {told, again}


def _story(sentences: list[tuple[int, str, list[str]]]) -> list[dict]:
    """The shared groups of a story: (outlet, sentence, names) plus the filler, split over the outlets."""
    outlets = sorted({o for o, _, _ in sentences})
    texts = sentences + [(outlets[n % len(outlets)], text, []) for n, text in enumerate(_FILLER)]
    claims = [
        Claim(f"a{outlet}#{i}", f"a{outlet}", None, text, None, [], False, False, False, i, list(names), [], [])
        for i, (outlet, text, names) in enumerate(texts)
    ]
    facts = {f"a{o}": compare.ArticleFacts(f"a{o}", f"Outlet {o}", True, None, published="2026-05-04") for o in outlets}
    return compare.diff(claims, facts)["shared"]


def test_a_restatement_in_other_words_is_one_fact():
    told = "Harbour police arrested the skipper of the trawler at the quay late in the evening."
    again = "The trawler's skipper was arrested by officers when the boat reached port."
    (group,) = _story([(0, told, []), (1, again, [])])
    assert {m["text"] for m in group["members"]} == {told, again}


def test_two_figures_of_one_event_with_none_in_common_are_not_one_fact():
    toll = "At least 12 sheep were lost when a 30-tonne lorry overturned on the Brannock bridge road."
    driver = "A 58-year-old driver was taken to hospital after the lorry overturned on the Brannock bridge road."
    assert _story([(0, toll, ["Brannock"]), (1, driver, ["Brannock"])]) == []


def test_a_sentence_stating_two_shared_facts_is_shown_within_both_groups():
    lost = "Twelve sheep were lost when the lorry overturned on the bridge road near Brannock."
    held = "The lorry driver has been held by police in Kessby on suspicion of dangerous driving."
    both = (
        "Twelve sheep were lost when the lorry overturned on the bridge road near Brannock, and its driver has been"
        " held by police in Kessby on suspicion of dangerous driving."
    )
    sentences = [(0, lost, ["Brannock"]), (1, lost, ["Brannock"]), (0, held, ["Kessby"]), (1, held, ["Kessby"])]
    found = _story([*sentences, (2, both, ["Brannock", "Kessby"])])
    assert len(found) == 2
    for group in found:
        assert both not in {m["text"] for m in group["members"]}
        assert [m["text"] for m in group["within"]] == [both]
        assert "Outlet 2" in group["outlets"]


def test_two_spans_of_time_for_one_thing_are_not_one_fact():
    months = "The Brannock ferry pier will stay closed for at least six months while divers inspect the piles."
    year = "The Brannock ferry pier will be closed for at least a year, a harbour engineer said."
    assert _story([(0, months, ["Brannock"]), (1, year, ["Brannock"])]) == []
