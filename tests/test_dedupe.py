import pytest

from basewatch import dedupe
from basewatch.dedupe import Candidate
from basewatch.settings import Settings
from conftest import SAMPLE

S = Settings()
ORIGINAL = (SAMPLE / "harbor-ledger.txt").read_text(encoding="utf-8").split("\n\n", 3)[3]
PARAGRAPHS = [p for p in ORIGINAL.split("\n\n") if len(p.split()) > 8]
OTHER_STORY = (
    "The city library will open on Sundays from next month, the council said on Friday, after a "
    "petition signed by more than three thousand residents asked for longer hours.\n\n"
    "Librarians said the extra day would be staffed by volunteers at first, and that the reading "
    "room and the children's floor would both stay open until five in the afternoon.\n\n"
    "The council said the trial would run until the end of the year and then be reviewed."
)


def fp(text: str) -> dedupe.Fingerprint:
    return dedupe.fingerprint(text, S)


def test_a_brief_cut_from_the_original_verifies_by_containment():
    brief = "\n\n".join(PARAGRAPHS[:2])
    evidence = dedupe.verify("brief", fp(brief), "orig", fp(ORIGINAL), S)
    assert (evidence.article, evidence.matched) == ("brief", "orig")
    assert evidence.containment_pct == 100.0 and evidence.lead_match_pct == 100.0


def test_light_edits_and_a_new_headline_do_not_matter():
    edited = ORIGINAL.replace("brought ashore safely", "taken off safely").replace("harbour", "harbor")
    evidence = dedupe.verify("a", fp("NEW HEADLINE\n\n" + edited), "b", fp(ORIGINAL), S)
    # two edits and a headline cost a few percent of the 5-word spans, not the verdict
    assert 90 <= evidence.containment_pct < 100 and 90 <= evidence.lead_match_pct < 100


def test_one_borrowed_paragraph_does_not_make_a_copy():
    """A story that borrows a paragraph shares text, but its opening differs."""
    borrower = OTHER_STORY + "\n\n" + PARAGRAPHS[1]
    assert dedupe.verify("a", fp(borrower), "b", fp(ORIGINAL), S) is None


def test_unrelated_story_is_not_a_copy():
    assert dedupe.verify("a", fp(OTHER_STORY), "b", fp(ORIGINAL), S) is None


def test_keys_include_the_lead_so_short_briefs_find_their_original():
    brief = fp(PARAGRAPHS[0])
    original = fp(ORIGINAL)
    assert len(set(brief.keys) & set(original.keys)) >= S.min_shared_keys


def test_assign_joins_the_strongest_cluster_and_fuses_only_on_strong_links():
    original = fp(ORIGINAL)
    candidates = [
        Candidate("orig", "cluster-a", original, cluster_size=3),
        Candidate("other", "cluster-b", fp(OTHER_STORY), cluster_size=2),
    ]
    result = dedupe.assign("new", fp("\n\n".join(PARAGRAPHS[:3])), candidates, S)
    assert result.cluster == "cluster-a"
    assert result.absorbed == ()
    assert result.evidence[0].matched == "orig"


def test_assign_without_a_verified_match_starts_its_own_cluster():
    result = dedupe.assign("new", fp(OTHER_STORY), [Candidate("orig", "c", fp(ORIGINAL))], S)
    assert result.cluster == "new" and result.evidence == ()


@pytest.mark.parametrize(
    "members, expected",
    [
        ([("b", "2026-03-05", 100), ("a", "2026-03-04", 50)], "a"),  # earliest published
        ([("b", "2026-03-04", 100), ("a", "2026-03-04", 50)], "b"),  # then longest
        ([("b", None, 100), ("a", "2026-03-09", 10)], "a"),  # dated before undated
        ([("b", None, 10), ("a", None, 10)], "a"),  # then smallest id
    ],
)
def test_canonical_member(members, expected):
    assert dedupe.canonical(members) == expected


def test_pack_roundtrip():
    shingles = fp(ORIGINAL).shingles
    assert dedupe.unpack(dedupe.pack(shingles)) == shingles


def test_a_cluster_indexes_only_its_first_copies_and_later_copies_still_join_it(tmp_path):
    """A wire story on hundreds of sites: each new copy must not fetch and verify every earlier one."""
    from basewatch import pipeline
    from basewatch.models import Document
    from basewatch.store import Store

    settings = Settings(indexed_copies=2, workers=1)
    wire = " ".join(f"Paragraph {i} of the wire report on the harbour strike, quoting dockers." for i in range(12))
    sites = [Document(path=f"site{n}.txt", text=f"Site {n} News\n\n{wire}\n\nCopyright site {n}.", encoding="utf-8")
             for n in range(5)]  # fmt: skip
    with Store.open(tmp_path / "feed.db", settings=settings) as store:
        pipeline.ingest(store, sites, settings=settings)
        indexed = {row[0] for row in store.conn.execute("SELECT DISTINCT article FROM article_keys")}
        clusters = {row["cluster"] for row in store.cluster_rows()}
    assert len(clusters) == 1 and len(indexed) == 2
