"""Every tunable threshold of basewatch in one frozen object; units are part of the names."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    # read
    max_article_bytes: int = 20_000_000
    # store
    busy_timeout_ms: int = 10_000
    # dedupe
    shingle_words: int = 5
    minhash_perms: int = 48
    lsh_band_rows: int = 3
    max_key_postings: int = 200
    min_containment_pct: float = 55.0
    min_lead_match_pct: float = 60.0
    min_shared_shingles: int = 8


DEFAULT_SETTINGS = Settings()
