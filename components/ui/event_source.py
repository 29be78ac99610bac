"""Where the dashboard gets its events.

By default the event store (``components.store.event_store``; ``TIMELINE_DB`` picks the file, and a fresh
clone builds it from ``data/articles/`` on first use). ``TIMELINE_EVENTS_JSONL`` names a file with one event
object per line instead (tests and benchmarks write their events there).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from components.store.event_store import Store
from components.store.records import StoredEvent


@dataclass(frozen=True)
class EventSource:
    kind: str  # "store" or "jsonl"
    location: str = ""  # store path or URL ("" for the default), or the JSONL path


def configured_source() -> EventSource:
    path = os.environ.get("TIMELINE_EVENTS_JSONL", "").strip()
    if path:
        return EventSource("jsonl", path)
    return EventSource("store", os.environ.get("TIMELINE_DB", "").strip())


def load_events(source: EventSource, store: Store | None = None) -> list[StoredEvent]:
    """All events of a source, as dicts shaped like ``docs/event_schema.md``."""
    if source.kind == "jsonl":
        with Path(source.location).open(encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]
    assert store is not None, "a store source needs the open store"
    # Store.list_events builds its dicts in the shape store/records.py names but is annotated ``list[dict]``.
    return cast(list[StoredEvent], store.list_events())


def data_version(source: EventSource, store: Store | None = None) -> str:
    """Changes whenever ``load_events()`` would return something else (cache key)."""
    if source.kind == "jsonl":
        stat = Path(source.location).stat()
        return f"jsonl:{Path(source.location).resolve()}:{stat.st_mtime_ns}:{stat.st_size}"
    assert store is not None, "a store source needs the open store"
    return f"store:{store.path}:{store.version()}"
