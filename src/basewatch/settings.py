"""Every tunable threshold of basewatch in one frozen object; units are part of the names."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    # read
    max_article_bytes: int = 20_000_000
    # store: one transaction per batch of articles; analysis on this many processes (0 = every core)
    busy_timeout_ms: int = 10_000
    batch_articles: int = 200
    workers: int = 0
    # dedupe: word n-grams of the clean body; a content-defined sample of them are the index keys
    shingle_words: int = 5
    key_sample_modulus: int = 16
    lead_key_shingles: int = 3
    lead_words: int = 40
    min_shared_keys: int = 2
    # a key shared by more articles than this is a stock phrase, not evidence of copying
    max_key_postings: int = 500
    max_candidates: int = 100
    # a cluster's first this many texts are indexed: a new copy matches one of them, and a wire story
    # on 200 sites would otherwise make each new copy fetch and verify a hundred of its copies
    indexed_copies: int = 8
    # verification (rapidfuzz scores run 0-100)
    min_shared_shingles: int = 3
    min_containment_pct: float = 50.0
    min_lead_match_pct: float = 65.0
    # a heavily edited copy may keep less text if its opening is near-identical
    same_lead_containment_pct: float = 40.0
    same_lead_match_pct: float = 95.0
    strong_link_pct: float = 80.0
    # stories: a term's weight falls with its paragraph (1 / (1 + decay x paragraph)); the headline counts double
    story_title_weight: float = 2.0
    story_paragraph_decay: float = 0.5
    # term rarity counts this many texts beyond the database's own, none holding the term
    story_prior_docs: int = 100
    # two groups of texts are one story when their mean TF-IDF cosine reaches this
    story_min_similarity: float = 0.06
    # a syndication cluster is represented by its first few texts (one may be a brief, or carry a
    # borrowed paragraph), never by every copy: a wire story on 200 sites is compared three times
    story_units_per_cluster: int = 3
    # a story takes part in regrouping when one of its texts is this similar to the new one
    story_probe_similarity: float = 0.05
    # texts dated further apart than this never link (undated texts always may)
    story_window_days: int = 30
    # index keys: each distinct text's most distinctive terms; a candidate shares this many
    story_keys: int = 16
    story_min_shared_keys: int = 2
    # a term on more texts than this is a common word for this database, not a candidate signal
    story_max_key_postings: int = 1000
    story_max_candidates: int = 50
    # term counts the writer keeps between its transactions (about 50 MB at most)
    story_cached_terms: int = 500_000
    # stories resembling a new text are regrouped with it up to this many texts; beyond, it only joins one
    story_max_regroup_units: int = 120


DEFAULT_SETTINGS = Settings()
