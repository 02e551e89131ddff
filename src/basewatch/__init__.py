"""basewatch: news triage from saved article text."""

__version__ = "0.1.0"
