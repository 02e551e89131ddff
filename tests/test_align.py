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
