"""The one-line summary of what is shown."""

from __future__ import annotations

from components.store.views import Summary
from components.ui.i18n import format_day, plural


def summary_line(summary: Summary, lang: str, *, planned_hidden: int = 0) -> str:
    """``12 events · 3 articles · 2 sources · 9 Nov 2020 – 24 Mar 2025 · 4 of them background``,
    and how many planned events the view leaves out."""
    parts = [
        plural("summary_events", summary.events, lang),
        plural("summary_articles", summary.articles, lang),
        plural("summary_sources", summary.sources, lang),
    ]
    if summary.first_day and summary.last_day:
        parts.append(f"{format_day(summary.first_day, lang)} – {format_day(summary.last_day, lang)}")
    if summary.background:
        parts.append(plural("summary_background", summary.background, lang))
    if summary.planned:
        parts.append(plural("summary_planned_shown", summary.planned, lang))
    if planned_hidden:
        parts.append(plural("summary_planned_hidden", planned_hidden, lang))
    return " · ".join(parts)
