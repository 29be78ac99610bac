"""The SQL of ingestion: a page, its articles and their events, in the caller's write transaction."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any, Protocol

from components.extract.models import Article, Event
from components.extract.pipeline import event_to_dict
from components.extract.reading import RawPage
from components.extract.records import EventRecord
from components.store import groups
from components.store.corrections import alt_event_key, date_mention, event_key
from components.store.database import Db
from components.store.errors import StoreError

_REQUIRED_EVENT_FIELDS = ("id", "article_id", "type", "sentence", "char_start", "char_end")


class ExtractedPage(Protocol):
    """What the store takes in: a page with its articles and events
    (:class:`components.extract.pipeline.ExtractedPage`, or hand-made events as dicts)."""

    @property
    def page(self) -> RawPage: ...
    @property
    def articles(self) -> Sequence[Article]: ...
    @property
    def events(self) -> Sequence[Event | dict[str, Any]]: ...


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def iso(value: object) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def printable(name: str) -> str:
    """A file name as text (bytes that were not UTF-8 shown as U+FFFD)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def event_dict(event: Event | EventRecord | dict[str, Any]) -> dict[str, Any]:
    """An event as the JSON object the store keeps (a copy)."""
    if isinstance(event, Event):
        return dict(event_to_dict(event))
    if isinstance(event, dict):
        return dict(event)
    raise StoreError(f"cannot store an event of type {type(event).__name__}")


def extractor_version(result: ExtractedPage) -> str:
    versions = {str(event_dict(event).get("extractor_version") or "") for event in result.events}
    versions.discard("")
    return ",".join(sorted(versions)) or "unknown"


def insert_page(
    db: Db, result: ExtractedPage, published: object, source: str | None, url: str | None, meta: dict
) -> bool:
    """Store the page itself; false when a page with the same content is stored already."""
    page = result.page
    cursor = db.execute(
        "INSERT INTO pages (content_hash, name, text, is_html, encoding, published, source, url, meta,"
        " extractor_version, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        (page.content_hash, printable(page.name), page.text, int(bool(page.is_html)), page.encoding, iso(published),
         source, url, db.json(meta), extractor_version(result), now()),
    )  # fmt: skip
    return cursor.rowcount == 1


def insert_articles(db: Db, result: ExtractedPage) -> dict[str, str]:
    """Store the page's new articles; returns article id -> text hash of those stored now
    (an article whose text is already stored, from another page, is skipped)."""
    page = result.page
    kept: dict[str, str] = {}
    for article in result.articles:
        digest = text_hash(article.text)
        if db.one("SELECT 1 AS found FROM articles WHERE id = ? OR text_hash = ?", (article.id, digest)):
            continue
        db.execute(
            "INSERT INTO articles (id, page_hash, text_hash, page_name, title, text, source, url, published,"
            " published_how, index_in_page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, page.content_hash, digest, printable(article.page or page.name), article.title, article.text,
             article.source, article.url, iso(article.published), article.published_how, article.index_in_page),
        )  # fmt: skip
        kept[article.id] = digest
    return kept


def insert_events(db: Db, result: ExtractedPage, kept: dict[str, str]) -> list[str]:
    """Store the events of the articles stored now; returns the ids added."""
    known = {article.id for article in result.articles}
    keyed: list[tuple[dict, str, str]] = []
    for event in result.events:
        data = event_dict(event)
        missing = [name for name in _REQUIRED_EVENT_FIELDS if data.get(name) is None]
        if missing:
            raise StoreError(f"{printable(result.page.name)}: event without {', '.join(missing)}")
        if data["article_id"] not in known:
            raise StoreError(f"{printable(result.page.name)}: event {data['id']} names an article not in the page")
        article_hash = kept.get(data["article_id"])
        if article_hash is None:
            continue
        keyed.append((data, *event_keys(data, article_hash, result.page.content_hash)))
    return groups.insert_events(db, keyed)


def event_keys(data: dict, article_hash: str, page_hash: str) -> tuple[str, str]:
    """The correction keys of a machine event (``key``, ``alt_key``: see :mod:`components.store.corrections`)."""
    date_text, mention = data.get("date_text") or "", date_mention(data)
    return (
        event_key(article_hash, data["char_start"], data["char_end"], date_text, mention),
        alt_event_key(page_hash, data["sentence"], date_text, mention),
    )


def page_meta(row: Any) -> dict:
    meta = row["meta"]
    return json.loads(meta) if isinstance(meta, str) else dict(meta)
