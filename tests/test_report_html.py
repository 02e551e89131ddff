"""`basewatch report`: the view model, escaping of untrusted text, and the command (no browser here;
tests/test_report_browser.py opens the page in Chromium)."""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from basewatch import htmlreport
from basewatch.htmlreport import build
from basewatch.htmlreport.render import content_security_policy, stylesheet
from basewatch.store import Store
from conftest import FERRY, Tags

HOSTILE = [
    "<script>document.body.setAttribute('data-pwned','script')</script>",
    "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">",
    "<a href=\"javascript:document.body.setAttribute('data-pwned','link')\">click</a>",
    '[click](javascript:alert(1)) "><svg onload=alert(1)> </style><script>alert(1)</script>',
]


def _data(text: str, outlets=("Alpha News", "Beta Post")) -> dict:
    """diff/summary/clusters JSON of a two-outlet story with `text` in every string an article supplies."""
    a, b = outlets
    member = lambda i, o: {"id": f"sha256:{i}#0", "outlet": o, "text": text, "sources": [o, text]}  # noqa: E731
    articles = {a: "sha256:aaaa", b: "sha256:bbbb"}
    return {
        "diff": {
            "outlets": [{"outlet": o, "known": True, "claims": 2} for o in outlets],
            "shared": [{"claim": text, "outlets": list(outlets), "independent_sources": 2,
                        "members": [member("aaaa", a), member("bbbb", b)]}],
            "unique": [{"outlet": a, "claim": text, "sources": [a, text], "id": "sha256:aaaa#1"}],
            "conflicts": [{"topic": text, "reason": f'opposite stance: "{text}" versus "stalled"',
                           "sides": [member("aaaa", a), member("bbbb", b)]}],
            "aliases": [],
        },
        "summary": [
            {"outlet": o, "known": True, "claim_count": 2, "anonymous_share": 0.5,
             "articles": [{"id": articles[o], "title": text, "published": "2026-03-04", "retelling_of": text,
                           "retelling_date": None}],
             "claims": [], "relies_on": [{"source": text, "claims": 2}]}
            for o in outlets
        ],
        "clusters": [
            {"cluster": i, "canonical": i, "size": 1, "outlets": [o], "title": text,
             "members": [{"article": i, "outlet": o, "title": text, "published": "2026-03-04"}], "evidence": []}
            for o, i in articles.items()
        ],
    }  # fmt: skip


def _page(data: dict) -> str:
    return htmlreport.page([htmlreport.story(**data)], database="db <b>x</b>", command="basewatch report")


@pytest.mark.parametrize("payload", HOSTILE)
def test_hostile_text_renders_as_text_and_makes_no_markup(payload):
    page = _page(_data(payload, outlets=(payload, "Beta Post")))
    parsed = Tags(page)
    assert not {t for t, _ in parsed.tags} & {"script", "img", "iframe", "object", "embed", "link", "base", "form"}
    assert [t for t, _ in parsed.tags if t == "svg"] == [t for t, a in parsed.tags if t == "svg" and "class" in a]
    for tag, attrs in parsed.tags:
        assert not [k for k in attrs if k.startswith("on")], (tag, attrs)
        assert (attrs.get("href") or "#").startswith("#"), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)
    assert payload in "".join(parsed.text)  # shown, as the characters the article holds


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=60))
def test_any_article_text_shows_as_itself(text):
    parsed = Tags(_page(_data(text)))
    assert text.strip() in "".join(parsed.text)
    assert not {t for t, _ in parsed.tags} & {"script", "img"}


def test_csp_allows_exactly_the_page_stylesheet_and_nothing_remote():
    page = _page(_data("x"))
    policy = content_security_policy(stylesheet())
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy
    assert f'content="{policy}"'.replace("'", "&#39;") in page
    assert f"<style>{stylesheet()}</style>" in page  # the hashed text, byte for byte
    assert "http://" not in page and "https://" not in page and "@import" not in stylesheet()


@given(st.text(max_size=40), st.lists(st.text(max_size=5), max_size=3))
def test_highlighting_never_changes_the_text(text, needles):
    segments = build.highlighted(text, needles)
    assert "".join(s for s, _ in segments) == text


def test_conflicts_use_typed_fields_when_diff_gives_them_hard_first():
    data = _data("Talks are close to a deal, she said.")
    soft = {
        **data["diff"]["conflicts"][0],
        "type": "outcome",
        "strength": "soft",
        "reason": 'opposite stance: "close to a deal" versus "stalled"',
    }
    hard = {
        "topic": "ferry", "type": "quantity", "strength": "hard", "slot": "passenger", "values": ["1,400", "1,500"],
        "reason": "different numbers for the same quantity (passenger): 1400 versus 1500",
        "sides": [
            {"id": "sha256:aaaa#2", "outlet": "Alpha News", "text": "It carries 1,400 a day.",
             "sources": ["Alpha News"], "value": "1,400", "published": "2026-03-05",
             "carried_by": ["Alpha News", "Gamma"]},
            {"id": "sha256:bbbb#2", "outlet": "Beta Post", "text": "It carries 1,500 a day.", "sources": ["Beta Post"]},
        ],
    }  # fmt: skip
    data["diff"]["conflicts"] = [soft, hard]
    conflicts = build.story(**data)["conflicts"]
    assert [c["strength"] for c in conflicts] == ["hard", "soft"]
    left, right = conflicts[0]["sides"]
    assert ("1,400", True) in left["segments"] and ("1,500", True) in right["segments"]
    assert left["published"] == "2026-03-05" and left["carried_by"] == ["Gamma"]
    assert right["published"] == "2026-03-04"  # from the article when the side has no date of its own
    # without typed fields the quoted phrases of the reason are what differs
    assert ("close to a deal", True) in conflicts[1]["sides"][0]["segments"]


def test_matrix_rows_are_shared_facts_then_each_outlets_top_unique_claims():
    data = _data("A fact, she said.")
    data["diff"]["unique"] = [
        {"outlet": "Alpha News", "claim": f"claim {i}", "sources": ["Alpha News"], "id": f"sha256:aaaa#{i}"}
        for i in range(build.MAX_UNIQUE_PER_OUTLET + 3)
    ]
    # summary's ranking puts the last unique claim first
    data["summary"][0]["claims"] = [{"id": f"sha256:aaaa#{build.MAX_UNIQUE_PER_OUTLET + 2}"}]
    view = build.story(**data)
    facts = view["facts"]
    assert len(facts) == 1 + build.MAX_UNIQUE_PER_OUTLET
    assert facts[0]["shared"] and set(facts[0]["cells"]) == {"Alpha News", "Beta Post"}
    assert facts[1]["text"] == f"claim {build.MAX_UNIQUE_PER_OUTLET + 2}"
    assert view["omitted"] == [{"outlet": "Alpha News", "count": 3}]


def test_cells_say_copy_retelling_or_report(invoke, tmp_path):
    invoke("ingest", *FERRY, "-q")
    data = {name: json.loads(invoke(name, "-f", "json").stdout) for name in ("diff", "clusters")}
    data["summary"] = json.loads(invoke("summary", "-f", "json", "--top", "1000").stdout)
    view = build.story(**data)
    lead = view["facts"][0]["cells"]
    assert lead["The Midland Courier"]["kind"] == "copy"  # the syndicated copy of the Harbor Ledger
    assert lead["Harbor Ledger Media"]["kind"] == "report"
    assert view["independent_reports"] == 3 and view["article_count"] == 4
    tree = view["provenance"]
    assert [c["outlet"] for c in tree[0]["copies"]] == ["The Midland Courier"]


def test_report_command_writes_the_page_and_stdout(invoke, tmp_path, isolated_db):
    invoke("ingest", *FERRY, "-q")
    out = tmp_path / "story.html"
    result = invoke("report", "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Saltline suspends Norrhaven ferry route" in page
    assert f"basewatch report --db {isolated_db}" in page
    assert invoke("report", "-o", "-").stdout == page


def test_report_of_an_empty_database_says_so(invoke, isolated_db):
    with Store.open(isolated_db):  # migrated, no articles
        pass
    result = invoke("report", "-o", "-")
    assert result.exit_code == 0 and "No articles" in result.stdout


def test_report_to_an_unwritable_place_is_one_line_error(invoke, tmp_path):
    invoke("ingest", *FERRY, "-q")
    result = invoke("report", "-o", str(tmp_path / "no" / "such" / "dir.html"))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "cannot write" in result.stderr


def test_several_stories_get_an_index_linking_to_each():
    stories = [htmlreport.story(**_data("One")), htmlreport.story(**_data("Two"))]
    parsed = Tags(htmlreport.page(stories, database="db", command="basewatch report"))
    links = [a["href"] for t, a in parsed.tags if t == "a"]
    sections = [a["id"] for t, a in parsed.tags if t == "main"]
    assert links == ["#story-1", "#story-2"] and sections == ["story-1", "story-2"]


@pytest.mark.parametrize("published", ["2026", "2026-03", "2026-03-04", "2026-03-04T09:40:00", "March 2026"])
def test_any_partial_date_places_or_lists_the_article(published):
    data = _data("x")
    data["summary"][0]["articles"][0]["published"] = published
    timeline = build.story(**data)["timeline"]
    placed = [a["published"] for lane in timeline["lanes"] for a in lane["articles"]]
    assert published in placed + [a["published"] for a in timeline["undated"]]
