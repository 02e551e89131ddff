"""Frozen records passed between the stages; `to_dict()` is the JSON contract."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class LineVerdict:
    """What the cleaner decided about one input line (1-based line number)."""

    line: int
    text: str
    kept: bool
    reason: str


@dataclass(frozen=True)
class CleanResult:
    paragraphs: tuple[str, ...]
    verdicts: tuple[LineVerdict, ...]

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def removed(self) -> list[dict]:
        return [
            {"line": v.line, "text": v.text, "reason": v.reason} for v in self.verdicts if not v.kept and v.text.strip()
        ]

    @property
    def first_kept_line(self) -> int | None:
        return next((v.line for v in self.verdicts if v.kept), None)


@dataclass(frozen=True)
class Metadata:
    title: str | None = None
    author: str | None = None
    published: str | None = None
    outlet: str | None = None


@dataclass(frozen=True)
class Document:
    """One decoded input: where it came from and its text."""

    path: str
    text: str
    encoding: str
    external_id: str | None = None
    hints: Metadata = field(default_factory=Metadata)
    url: str | None = None


@dataclass(frozen=True)
class Article:
    id: str
    path: str
    outlet: str | None
    title: str | None
    author: str | None
    published: str | None
    body: str
    external_id: str | None = None
    url: str | None = None
    encoding: str | None = None
    ingested_utc: str | None = None
    cluster: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)

    def summary_dict(self) -> dict:
        d = self.to_dict()
        del d["body"]
        return d


@dataclass(frozen=True)
class IngestOutcome:
    path: str
    status: str  # added | updated | unchanged | failed
    id: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    published: str | None = None
    error: str | None = None

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "path": self.path,
            "status": self.status,
            "outlet": self.outlet,
            "title": self.title,
            "author": self.author,
            "published": self.published,
            "error": self.error,
        }
