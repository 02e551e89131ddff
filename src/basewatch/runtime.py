"""Process-level tuning shared by ingest and the reports."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Analysis, ingest and comparison make many short-lived objects and almost no cycles. At the default
# thresholds the collector re-traces every live object (caches, claims, indexes that only grow)
# thousands of times: comparing a 10k-article database spent more time collecting than indexing.
LEAN_GC_THRESHOLDS = (50_000, 20, 100)


@contextmanager
def fewer_gc_passes() -> Iterator[None]:
    before = gc.get_threshold()
    gc.set_threshold(*LEAN_GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
