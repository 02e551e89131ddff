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
    # verification (rapidfuzz scores run 0-100)
    min_shared_shingles: int = 3
    min_containment_pct: float = 50.0
    min_lead_match_pct: float = 65.0
    # a heavily edited copy may keep less text if its opening is near-identical
    same_lead_containment_pct: float = 40.0
    same_lead_match_pct: float = 95.0
    strong_link_pct: float = 80.0


DEFAULT_SETTINGS = Settings()
