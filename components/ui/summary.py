"""The one-line summary of what is shown."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from components.store.records import StoredEvent, event_sources
from components.ui.i18n import format_day, plural


def summary_counts(events: Sequence[StoredEvent]) -> tuple[int, int, int, date | None, date | None]:
    """(events, distinct articles, distinct sources, first day, last day)."""
    articles: set[str] = set()
    sources: set[str] = set()
    first: str | None = None
    last: str | None = None
    for event in events:
        for source in event_sources(event):
            if source.get("article_id"):
                articles.add(str(source["article_id"]))
            if source.get("source"):
                sources.add(str(source["source"]))
        start = event.get("date_start")
        if start:
            end = event.get("date_end") or start
            first = start if first is None or start < first else first
            last = end if last is None or end > last else last
    return (
        len(events),
        len(articles),
        len(sources),
        date.fromisoformat(first[:10]) if first else None,
        date.fromisoformat(last[:10]) if last else None,
    )


def summary_line(events: Sequence[StoredEvent], lang: str) -> str:
    """``12 events · 3 articles · 2 sources · 9 Nov 2020 – 24 Mar 2025``."""
    count, articles, sources, first, last = summary_counts(events)
    parts = [
        plural("summary_events", count, lang),
        plural("summary_articles", articles, lang),
        plural("summary_sources", sources, lang),
    ]
    if first and last:
        parts.append(f"{format_day(first, lang)} – {format_day(last, lang)}")
    return " · ".join(parts)
