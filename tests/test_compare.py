"""The outlet diff on a hand-written story: a wire story and two copies, two independent reports
that contradict it on a number and on stance, a spelling variant, and a near-miss name."""

import json
from collections import Counter
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from basewatch import aliases
from conftest import FIXTURES, shared_or_skip

STORY = FIXTURES / "story"
OUTLETS = {
    "wire.txt": "North Wire",
    "copy-lakeside.txt": "Lakeside Gazette",
    "copy-valley.txt": "Valley Courier",
    "belmark-post.txt": "Belmark Post",
    "oresk-herald.txt": "Oresk Herald",
}


@pytest.fixture
def story_diff(invoke):
    for name, outlet in OUTLETS.items():
        assert invoke("ingest", str(STORY / name), "--outlet", outlet, "-q").exit_code == 0
    return json.loads(invoke("diff", "--format", "json").stdout)


def test_diff_json_shape(story_diff):
    assert list(story_diff) == ["outlets", "shared", "unique", "conflicts", "aliases"]
    shared = story_diff["shared"][0]
    assert {"claim", "outlets", "independent_sources", "members"} <= set(shared)
    assert {"id", "outlet", "text", "sources"} <= set(shared["members"][0])
    assert {"outlet", "claim", "sources"} <= set(story_diff["unique"][0])
    assert {"topic", "sides", "reason"} <= set(story_diff["conflicts"][0])
    assert {"canonical", "variants"} <= set(story_diff["aliases"][0])


def test_copies_count_once_and_variants_fold(story_diff):
    def shared(prefix):
        return next(s for s in story_diff["shared"] if s["claim"].startswith(prefix))

    meeting = shared("Talks were held in the port of Khalvik")
    assert meeting["outlets"] == ["Belmark Post", "Lakeside Gazette", "North Wire", "Valley Courier"]
    assert meeting["independent_sources"] == 2  # the wire and its two copies are one root
    deal = shared("Zarovia is close to a deal")
    assert deal["independent_sources"] == 1 and len(deal["outlets"]) == 3


def test_contradictions_on_number_and_stance_are_flagged(story_diff):
    reasons = {c["reason"] for c in story_diff["conflicts"]}
    assert "different numbers for the same quantity (mile): 12 versus 20" in reasons
    assert 'opposite stance: "close to a deal" versus "stalled"' in reasons
    for conflict in story_diff["conflicts"]:
        assert {s["outlet"] for s in conflict["sides"]} == {"North Wire", "Belmark Post"}
        assert all(side["sources"] for side in conflict["sides"])


def test_spelling_variant_merges_but_near_miss_place_does_not(story_diff):
    assert story_diff["aliases"] == [
        {
            "canonical": "Khalvik",
            "variants": ["Halvik"],
            "reason": "spelling variants in the same context (belmark, fisheries minister dana orlov, talks)",
        }
    ]
    herald = [u["claim"] for u in story_diff["unique"] if u["outlet"] == "Oresk Herald"]
    assert any("Khalvin" in claim for claim in herald)


def test_diff_golden(story_diff, golden):
    golden("story_diff.json", story_diff)


def test_diff_of_two_outlets_and_unknown_outlets_by_file_name(invoke, tmp_path):
    unnamed = tmp_path / "saved-page.txt"
    unnamed.write_text((STORY / "belmark-post.txt").read_text(encoding="utf-8"), encoding="utf-8")
    invoke("ingest", str(STORY / "wire.txt"), "--outlet", "North Wire", "-q")
    invoke("ingest", str(unnamed), "-q")
    result = json.loads(invoke("diff", "--outlet", "North Wire", "--outlet", "[saved-page.txt]", "-f", "json").stdout)
    assert result["outlets"] == [
        {"outlet": "[saved-page.txt]", "known": False, "claims": 4},
        {"outlet": "North Wire", "known": True, "claims": 4},
    ]
    assert result["conflicts"]


def test_aliases_file_adds_and_forbids(invoke, tmp_path):
    for name, outlet in OUTLETS.items():
        invoke("ingest", str(STORY / name), "--outlet", outlet, "-q")
    aliases_file = tmp_path / "aliases.toml"
    aliases_file.write_text(
        '[aliases]\nOresk = ["Orsk"]\n[forbid]\npairs = [["Khalvik", "Halvik"]]\n', encoding="utf-8"
    )
    result = json.loads(invoke("diff", "--aliases", str(aliases_file), "-f", "json").stdout)
    assert {"canonical": "Oresk", "variants": ["Orsk"], "reason": "aliases file"} in result["aliases"]
    assert not any(a["canonical"] == "Khalvik" for a in result["aliases"])


def test_bad_aliases_file_is_a_usage_error(invoke, tmp_path):
    invoke("ingest", str(STORY / "wire.txt"), "-q")
    bad = tmp_path / "aliases.toml"
    bad.write_text("[aliases\n", encoding="utf-8")
    result = invoke("diff", "--aliases", str(bad))
    assert result.exit_code == 2 and "not a valid aliases file" in result.stderr


@pytest.mark.parametrize(
    "a, b, merged",
    [("Tartus", "Tartous", True), ("Tartus", "Tarsus", False)],
)
def test_one_letter_apart_merges_only_with_agreeing_context(a, b, merged):
    mentions = [
        ("d1", [a, "Russia", "Mediterranean"]),
        ("d1", [a, "Russia"]),
        ("d2", [b, "Russia", "Mediterranean"] if merged else [b, "Turkey", "Mersin"]),
        ("d2", ["Russia", "Syria"] if merged else ["Turkey", "Adana"]),
    ]
    groups = aliases.build(mentions, [])
    assert any(g.canonical in (a, b) for g in groups) is merged


def test_acronym_defined_in_text():
    groups = aliases.build([("d", ["Hayat Tahrir al-Sham", "HTS"])], ["Hayat Tahrir al-Sham (HTS) led the offensive."])
    assert groups[0].reason == "acronym defined in the text"


def test_seeds_diff(invoke):
    seeds = shared_or_skip("corpus", "seeds")
    names = {"000": "Babel", "001": "Kyiv Independent", "002": "Bloomberg", "003": "RT", "004": "Al Mayadeen English"}
    for path in sorted(seeds.glob("*.txt")):
        invoke("ingest", str(path), "--outlet", names[path.name[:3]], "-q")
    result = json.loads(invoke("diff", "-f", "json").stdout)
    variants = {v for a in result["aliases"] for v in [a["canonical"], *a["variants"]]}
    assert {"Khmeimim", "Hmeimim", "Tartus", "Tartous", "HTS", "Hayat Tahrir al-Sham"} <= variants
    everyone = [s for s in result["shared"] if len(s["outlets"]) == 5]
    assert everyone and all(s["independent_sources"] == 1 for s in everyone)  # all rest on Bloomberg
    assert any("Tartus" in m["text"] or "Tartous" in m["text"] for s in everyone for m in s["members"])
    stance = [c for c in result["conflicts"] if c["reason"].startswith("opposite stance")]
    stalled = [c for c in stance if "stalled" in c["reason"]]
    assert stalled and {"Al Mayadeen English"} <= {s["outlet"] for s in stalled[0]["sides"]}
    assert {s["outlet"] for c in stance for s in c["sides"]} >= {"Babel", "Bloomberg", "Kyiv Independent", "RT"}


def test_seed_retellings_and_sources(invoke):
    seeds = shared_or_skip("corpus", "seeds")
    for path in sorted(seeds.glob("*.txt")):
        invoke("ingest", str(path), "-q")
    summary = json.loads(invoke("summary", "-f", "json").stdout)
    retold = {a["retelling_of"] for row in summary for a in row["articles"]}
    articles = [a for row in summary for a in row["articles"]]
    assert sum(a["retelling_of"] == "Bloomberg" for a in articles) == 4
    assert retold == {"Bloomberg", None}
    sources = {s for c in json.loads(invoke("claims", "-f", "json").stdout) for s in c["sources"]}
    for expected in ("Bloomberg", "Reuters", "Russia’s state-run TASS news agency", "Bogdanov", "Kaja Kallas",
                     "people with knowledge of the matter in Moscow", "sources familiar with the matter",
                     "A Syrian source familiar with the talks"):  # fmt: skip
        assert expected in sources
    texts = [c["text"] for c in json.loads(invoke("claims", "-f", "json").stdout)]
    for chrome in ("Most Read", "Araghchi", "Read Next", "Hamas official", "Saudi, Qatar"):
        assert not any(chrome in t for t in texts)


def test_facts_for_some_articles_match_the_facts_for_all(story_diff, isolated_db):
    from basewatch import report
    from basewatch.store import Store

    with Store.open(isolated_db) as store:
        full = report.article_facts(store)
        some = sorted(full)[:2]
        assert report.article_facts(store, some) == {a: full[a] for a in some}
    assert any(f.cluster for f in full.values()), "the story has a syndication cluster to resolve"


def test_summary_since_keeps_only_articles_from_that_date(story_diff, invoke):
    dated = json.loads(invoke("summary", "--since", "2026-04-14", "-f", "json").stdout)
    assert {row["outlet"] for row in dated} == {"North Wire", "Belmark Post", "Oresk Herald"}
    assert json.loads(invoke("summary", "--since", "April 2030", "-f", "json").stdout) == []


def test_since_must_be_a_date(story_diff, invoke):
    result = invoke("diff", "--since", "last tuesday")
    assert result.exit_code == 2
    assert "not a date" in result.output


def test_quantities_start_at_a_number_never_inside_a_word():
    from basewatch import compare

    text = "Someone fled as 12 ships and one tanker sank over ten days, 1,500 in all."  # "all" is a stopword, no unit
    assert dict(compare._quantities(text, compare._WORD_RE.findall(text.lower()))) == {
        "ship": {"12"},
        "tanker": {"1"},
        "duration": {"10 days"},
    }


def test_quantities_read_digits_alone_when_no_number_word_is_present():
    from basewatch import compare

    text = "About 1,500 troops and 2.5 tonnes arrived; none of the 300 ships left."
    assert dict(compare._quantities(text, compare._WORD_RE.findall(text.lower()))) == {
        "force": {"1500"},  # troops are forces
        "tonne": {"2.5"},
        "ship": {"300"},
    }


_TERMS = st.frozensets(st.sampled_from([f"t{i}" for i in range(14)]), max_size=9)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_TERMS, st.sampled_from("abc")), max_size=40))
def test_candidate_pairs_are_exactly_the_pairs_sharing_enough_rarest_keys(claims):
    """The key-combination index must find the same pairs as comparing every pair's keys."""
    from basewatch import compare

    views = [compare._View(None, outlet, terms, frozenset(), "root") for terms, outlet in claims]
    df = Counter(t for terms in {v.terms for v in views} for t in terms)

    def keys(view):
        usable = sorted((df[t], t) for t in view.terms if 2 <= df[t] <= compare.MAX_KEY_CLAIMS)
        return {t for _, t in usable[: compare.KEYS_PER_CLAIM]}

    expected = [
        (i, j)
        for i, j in combinations(range(len(views)), 2)
        if views[i].outlet != views[j].outlet and len(keys(views[i]) & keys(views[j])) >= compare.MIN_SHARED_KEYS
    ]
    position = {id(v): i for i, v in enumerate(views)}
    found = [(position[id(a)], position[id(b)]) for a, b in compare._candidate_pairs(views)]
    assert found == expected
