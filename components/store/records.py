"""The typed shapes the store returns: merged events with their sources and corrections."""

from __future__ import annotations

from typing import Any, TypedDict

from components.extract.records import EventRecord


class SourceRecord(TypedDict, total=False):
    """One article reporting a merged event."""

    event_id: str | None
    article_id: str | None
    source: str | None
    url: str | None
    published: str | None
    sentence: str | None
    date_text: str | None
    key: str | None
    alt_key: str | None


class CorrectionView(TypedDict):
    """A correction as listed under an event: who, when, why, what, and whether it applies."""

    id: int
    action: str  # edit, add, undo
    author: str
    created_at: str
    reason: str
    fields: dict[str, Any]
    previous: dict[str, Any]
    target: int | None
    active: bool


class StoredEvent(EventRecord, total=False):
    """An event as the store lists it: merged over its reports, corrections applied."""

    event_key: str
    alt_key: str | None
    sources: list[SourceRecord]
    member_ids: list[str | None]
    source_count: int
    corrections: list[CorrectionView]
    corrected: bool
    hidden: bool


def event_sources(event: StoredEvent) -> list[SourceRecord]:
    """The articles that report an event: a merged event lists them, a single report is its own source."""
    sources = event.get("sources") or []
    if sources:
        return list(sources)
    return [
        SourceRecord(
            article_id=event.get("article_id"),
            source=event.get("source"),
            url=event.get("url"),
            published=event.get("published"),
            sentence=event.get("sentence"),
        )
    ]
