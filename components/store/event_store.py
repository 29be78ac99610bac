"""The event store: the one module that talks to the database.

Pages, articles, machine events (with provenance), merged-event groups and analyst
corrections live in one SQLite file (``data/timeline.db``, or ``$TIMELINE_DB``). Every
write is one ``BEGIN IMMEDIATE`` transaction that also bumps a revision counter, which
:meth:`Store.version` returns for the dashboard's cache key.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Protocol

from components.extract.models import Article, Event
from components.extract.pipeline import event_to_dict
from components.extract.reading import RawPage
from components.extract.records import EventRecord
from components.store import merge
from components.store.corrections import (
    CorrectionError,
    alt_event_key,
    check_note,
    event_key,
    event_keys_of,
    validate_fields,
)
from components.store.listing import clusters_from_groups, corrected_view
from components.store.schema import ForeignFileError, inspect_file, migrate

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB = ROOT / "data" / "timeline.db"
ARTICLES_DIR = ROOT / "data" / "articles"
ENV_VAR = "TIMELINE_DB"
BUSY_TIMEOUT_MS = 30_000
GROUPS_BUSY_TIMEOUT_MS = 250
FEED_KEY = "feed:"  # meta table key prefix of a feed's state
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


class StoreError(Exception):
    """The store cannot be opened or a write was refused; the message says why."""


@dataclass(frozen=True)
class IngestOutcome:
    page_name: str
    content_hash: str
    duplicate: bool  # the page was already stored: nothing was added
    articles_added: int = 0
    articles_skipped: int = 0  # articles whose text was already stored from another page
    events_added: int = 0


def resolve_location(path: str | Path | None = None) -> tuple[Path, bool]:
    """The store file to use and whether it is the default one (``$TIMELINE_DB`` overrides)."""
    raw = path if path is not None else os.environ.get(ENV_VAR) or None
    if raw is None:
        return DEFAULT_DB, True
    text = str(raw)
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme in ("postgresql", "postgres") or scheme.startswith("postgresql+"):
        raise StoreError("PostgreSQL stores are not supported yet (see docs/store.md); use an SQLite file path")
    if scheme == "sqlite":  # SQLAlchemy style: sqlite:///relative.db, sqlite:////absolute.db
        if not text.lower().startswith("sqlite:///") or len(text) <= len("sqlite:///"):
            raise StoreError(f"bad SQLite URL {text!r}: use sqlite:///relative/path or sqlite:////absolute/path")
        return Path(text[len("sqlite:///") :]), False
    if scheme:
        raise StoreError(f"unknown database URL scheme {scheme!r}; give an SQLite file path")
    return Path(text), False


def open_store(path: str | Path | None = None) -> Store:
    """Open the store, creating or migrating it if needed. Nothing else: building the default
    store from the shipped articles is :func:`components.store.ingest.open_shipped_store`."""
    location, _ = resolve_location(path)
    return Store(location)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _iso(value: object) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, date) else str(value)


def event_dict(event: Event | EventRecord | dict[str, Any]) -> dict[str, Any]:
    """An event as the JSON object the store keeps (a copy)."""
    if isinstance(event, Event):
        return dict(event_to_dict(event))
    if isinstance(event, dict):
        return dict(event)
    raise StoreError(f"cannot store an event of type {type(event).__name__}")


def _raw_page(row: sqlite3.Row) -> RawPage:
    return RawPage(
        name=row["name"],
        text=row["text"],
        is_html=bool(row["is_html"]),
        encoding=row["encoding"],
        content_hash=row["content_hash"],
    )


class Store:
    """One open store. Safe to share between threads (calls are serialised)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            if self.path.exists():
                inspect_file(self.path)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
        except ForeignFileError as error:
            raise StoreError(f"{self.path} is not a timeline store ({error}); it was left untouched") from error
        except OSError as error:
            raise StoreError(f"{self.path}: cannot open the store ({error})") from error
        self._lock = threading.RLock()
        try:
            self._conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
            self._conn.row_factory = sqlite3.Row
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            migrate(self._conn)
        except sqlite3.DatabaseError as error:
            raise StoreError(f"{self.path}: cannot open the store ({error})") from error

    # -- plumbing -------------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; the caller bumps the revision if it changed anything."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:  # also when COMMIT itself failed (disk full, busy)
                    self._conn.execute("ROLLBACK")
                raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: every query inside sees the same snapshot."""
        with self._lock:
            self._conn.execute("BEGIN")
            try:
                yield self._conn
            finally:
                if self._conn.in_transaction:
                    self._conn.execute("COMMIT")

    @staticmethod
    def _bump(conn: sqlite3.Connection) -> None:
        conn.execute("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'revision'")

    def version(self) -> str:
        """Changes whenever the store's content changes (a cheap cache key)."""
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
        return f"{self.path.name}:{row[0]}"

    def counts(self) -> dict[str, int]:
        with self._read() as conn:
            return {
                table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("pages", "articles", "events", "corrections")
            }

    # -- ingestion ------------------------------------------------------------------------
    def page_hashes(self) -> frozenset[str]:
        with self._lock:
            return frozenset(row[0] for row in self._conn.execute("SELECT content_hash FROM pages"))

    # -- pages fetched from the web (kept in existing columns; see components/store/web) ---
    def has_url(self, url: str) -> bool:
        """Whether a page fetched from ``url`` is stored: its address after redirects (the
        ``url`` column) or the one requested (``fetch.requested_url`` in its ``meta`` JSON)."""
        needle = json.dumps(url, ensure_ascii=False)
        with self._lock:
            row = self._conn.execute(
                "SELECT 1 FROM pages WHERE url = ? OR (instr(meta, ?) > 0"
                " AND json_extract(meta, '$.fetch.requested_url') = ?) LIMIT 1",
                (url, needle, url),
            ).fetchone()
        return row is not None

    def feed_state(self, url: str) -> dict[str, Any]:
        """What was kept of the feed at ``url`` the last time it was read (``{}`` if never):
        its ``ETag`` and ``Last-Modified`` for the next conditional GET."""
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (FEED_KEY + url,)).fetchone()
        return dict(json.loads(row[0])) if row else {}

    def save_feed_state(self, url: str, state: dict[str, Any]) -> None:
        """Keep a feed's state (not content: the revision is not bumped)."""
        with self._write() as conn:
            conn.execute(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (FEED_KEY + url, json.dumps(state, ensure_ascii=False)),
            )

    def ingest_page(
        self,
        result: ExtractedPage,
        *,
        published: date | str | None = None,
        source: str | None = None,
        url: str | None = None,
        page_meta: dict | None = None,
    ) -> IngestOutcome:
        """Store one extracted page (a ``ExtractedPage``) in one transaction; a page already
        stored (same content hash) adds nothing. ``published``/``source``/``url``/``page_meta``
        are what extraction was given, kept for re-extraction."""
        page = result.page
        with self._write() as conn:
            if conn.execute("SELECT 1 FROM pages WHERE content_hash = ?", (page.content_hash,)).fetchone():
                return IngestOutcome(page.name, page.content_hash, duplicate=True)
            conn.execute(
                "INSERT INTO pages (content_hash, name, text, is_html, encoding, published, source, url, meta,"
                " extractor_version, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    page.content_hash,
                    page.name,
                    page.text,
                    int(bool(page.is_html)),
                    page.encoding,
                    _iso(published),
                    source,
                    url,
                    json.dumps(page_meta or {}, ensure_ascii=False),
                    self._extractor_version(result),
                    _now(),
                ),
            )
            outcome = self._insert_extraction(conn, result)
            self._bump(conn)
        return outcome

    @staticmethod
    def _extractor_version(result: ExtractedPage) -> str:
        versions = {str(event_dict(event).get("extractor_version") or "") for event in result.events}
        versions.discard("")
        return ",".join(sorted(versions)) or "unknown"

    def _insert_extraction(self, conn: sqlite3.Connection, result: ExtractedPage) -> IngestOutcome:
        """Insert a page's articles (those not stored yet) and their events."""
        kept = self._insert_articles(conn, result)
        known = {article.id for article in result.articles}
        added = sum(self._insert_event(conn, result.page, event_dict(event), known, kept) for event in result.events)
        skipped = len(result.articles) - len(kept)
        return IngestOutcome(result.page.name, result.page.content_hash, False, len(kept), skipped, added)

    @staticmethod
    def _insert_articles(conn: sqlite3.Connection, result: ExtractedPage) -> dict[str, str]:
        """Store the page's new articles; returns article id -> text hash of those stored now
        (an article whose text is already stored, from another page, is skipped)."""
        page = result.page
        kept: dict[str, str] = {}
        for article in result.articles:
            digest = text_hash(article.text)
            if conn.execute("SELECT 1 FROM articles WHERE id = ? OR text_hash = ?", (article.id, digest)).fetchone():
                continue
            conn.execute(
                "INSERT INTO articles (id, page_hash, text_hash, page_name, title, text, source, url, published,"
                " published_how, index_in_page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (article.id, page.content_hash, digest, article.page or page.name, article.title, article.text,
                 article.source, article.url, _iso(article.published), article.published_how, article.index_in_page),
            )  # fmt: skip
            kept[article.id] = digest
        return kept

    @staticmethod
    def _insert_event(
        conn: sqlite3.Connection, page: RawPage, data: dict[str, Any], known: set[str], kept: dict[str, str]
    ) -> int:
        """Store one event of an article stored now; 1 if it was added."""
        missing = [name for name in _REQUIRED_EVENT_FIELDS if data.get(name) is None]
        if missing:
            raise StoreError(f"{page.name}: event without {', '.join(missing)}")
        if data["article_id"] not in known:
            raise StoreError(f"{page.name}: event {data['id']} names an article not in the page")
        article_hash = kept.get(data["article_id"])
        if article_hash is None:
            return 0
        date_text = data.get("date_text") or ""
        key = event_key(article_hash, data["char_start"], data["char_end"], date_text)
        alt = alt_event_key(page.content_hash, data["sentence"], date_text)
        cursor = conn.execute(
            "INSERT OR IGNORE INTO events (id, article_id, event_key, alt_key, type, date_start, date_end,"
            " sentence, char_start, char_end, date_text, extractor_version, data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (data["id"], data["article_id"], key, alt, data["type"], data.get("date_start"), data.get("date_end"),
             data["sentence"], data["char_start"], data["char_end"], date_text, data.get("extractor_version") or "",
             json.dumps(data, ensure_ascii=False)),
        )  # fmt: skip
        return cursor.rowcount

    def reextract(self, extract_fn: Callable[..., ExtractedPage]) -> dict[str, int]:
        """Re-run ``extract_fn(page, published=, source=, url=, page_meta=) -> ExtractedPage`` over every
        stored page, replacing machine articles and events page by page (one transaction
        each). Corrections are kept: they are keyed on text, not on event ids."""
        with self._read() as conn:
            hashes = [row[0] for row in conn.execute("SELECT content_hash FROM pages ORDER BY added_at, content_hash")]
        totals = {"pages": 0, "events_before": 0, "events_after": 0}
        for content_hash in hashes:
            with self._lock:
                row = self._conn.execute("SELECT * FROM pages WHERE content_hash = ?", (content_hash,)).fetchone()
            if row is None:
                continue
            published = date.fromisoformat(row["published"]) if row["published"] else None
            result = extract_fn(
                _raw_page(row),
                published=published,
                source=row["source"],
                url=row["url"],
                page_meta=json.loads(row["meta"]),
            )
            with self._write() as conn:
                ids = [r[0] for r in conn.execute("SELECT id FROM articles WHERE page_hash = ?", (content_hash,))]
                for article_id in ids:
                    deleted = conn.execute("DELETE FROM events WHERE article_id = ?", (article_id,))
                    totals["events_before"] += deleted.rowcount
                conn.execute("DELETE FROM articles WHERE page_hash = ?", (content_hash,))
                conn.execute(
                    "UPDATE pages SET extractor_version = ? WHERE content_hash = ?",
                    (self._extractor_version(result), content_hash),
                )
                totals["events_after"] += self._insert_extraction(conn, result).events_added
                totals["pages"] += 1
                self._bump(conn)
        return totals

    # -- reading --------------------------------------------------------------------------
    def get_article(self, article_id: str) -> dict | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT a.*, p.name AS page, p.content_hash AS page_hash FROM articles a"
                " JOIN pages p ON p.content_hash = a.page_hash WHERE a.id = ?",
                (article_id,),
            ).fetchone()
        return dict(row) if row else None

    def _machine_events(self, conn: sqlite3.Connection) -> list[dict]:
        events = []
        for row in conn.execute("SELECT data, event_key, alt_key FROM events"):
            event = json.loads(row["data"])
            event["event_key"], event["alt_key"] = row["event_key"], row["alt_key"]
            events.append(event)
        return events

    def _clusters(self, conn: sqlite3.Connection, events: list[dict], revision: str) -> tuple[list[list[dict]], bool]:
        """Clusters from the persisted groups when they are current, else merged afresh."""
        groups_revision = conn.execute("SELECT value FROM meta WHERE key = 'groups_revision'").fetchone()[0]
        if groups_revision != revision:
            return merge.group_events(events), True
        group_of = dict(conn.execute("SELECT event_id, group_id FROM event_groups").fetchall())
        return clusters_from_groups(events, group_of), False

    def _save_groups(self, clusters: list[list[dict]], revision: str) -> None:
        """Persist fresh groups unless the store changed meanwhile (then the next read redoes them)."""
        with self._lock:
            self._conn.execute(f"PRAGMA busy_timeout = {GROUPS_BUSY_TIMEOUT_MS}")  # a reader must not wait long
            try:
                with self._write() as conn:
                    if conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0] != revision:
                        return
                    conn.execute("DELETE FROM event_groups")
                    conn.executemany(
                        "INSERT INTO event_groups (event_id, group_id) VALUES (?, ?)",
                        [(e["id"], c[0]["id"]) for c in clusters for e in c],
                    )
                    conn.execute("UPDATE meta SET value = ? WHERE key = 'groups_revision'", (revision,))
            except sqlite3.OperationalError:
                pass  # busy: groups are a cache, the events are unaffected
            finally:
                self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")

    def list_events(self, include_hidden: bool = False) -> list[dict]:
        """Merged events with corrections applied, ordered by date (undated last)."""
        with self._read() as conn:
            revision = conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0]
            events = self._machine_events(conn)
            corrections = self._corrections(conn)
            clusters, fresh = self._clusters(conn, events, revision)
        if fresh:
            self._save_groups(clusters, revision)
        return corrected_view(clusters, corrections, include_hidden=include_hidden)

    # -- corrections ----------------------------------------------------------------------
    @staticmethod
    def _corrections(conn: sqlite3.Connection) -> list[dict]:
        rows = conn.execute("SELECT * FROM corrections ORDER BY id").fetchall()
        return [
            {
                **dict(row),
                "keys": json.loads(row["keys"]),
                "fields": json.loads(row["fields"]),
                "previous": json.loads(row["previous"]),
            }
            for row in rows
        ]

    def _add_correction(
        self,
        action: str,
        *,
        author: str,
        reason: str,
        keys: list[str],
        fields: dict,
        previous: dict,
        target: int | None = None,
    ) -> int:
        reason, author = check_note(reason, author)
        with self._write() as conn:
            if target is not None:
                row = conn.execute("SELECT action FROM corrections WHERE id = ?", (target,)).fetchone()
                if row is None or row["action"] == "undo":
                    raise CorrectionError(f"no correction {target} that can be undone")
                if conn.execute("SELECT 1 FROM corrections WHERE target = ?", (target,)).fetchone():
                    raise CorrectionError(f"correction {target} is already undone")
            cursor = conn.execute(
                "INSERT INTO corrections (action, author, reason, created_at, keys, fields, previous, target)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    action,
                    author,
                    reason,
                    _now(),
                    json.dumps(keys),
                    json.dumps(fields, ensure_ascii=False),
                    json.dumps(previous, ensure_ascii=False),
                    target,
                ),
            )
            self._bump(conn)
            return int(cursor.lastrowid or 0)

    @staticmethod
    def _keys_of(event: dict) -> list[str]:
        keys = event_keys_of(event)
        if not keys:
            raise CorrectionError("the event carries no key (pass an event from list_events)")
        return sorted(keys)

    def correct_event(self, event: dict, fields: dict, *, reason: str, author: str) -> int:
        """Record new values for some fields of an event (as returned by :meth:`list_events`)."""
        clean = validate_fields(fields)
        if not clean:
            raise CorrectionError("nothing to correct")
        merged = {**event, **clean}
        if merged.get("date_start") and merged.get("date_end") and merged["date_end"] < merged["date_start"]:
            raise CorrectionError("date_end is before date_start")
        previous = {name: event.get(name) for name in clean}
        return self._add_correction(
            "edit", author=author, reason=reason, keys=self._keys_of(event), fields=clean, previous=previous
        )

    def hide_event(self, event: dict, *, reason: str, author: str) -> int:
        return self.correct_event(event, {"hidden": True}, reason=reason, author=author)

    def add_event(self, fields: dict, *, reason: str, author: str) -> int:
        """Record an event the extractor missed (``date_start``, ``type``, ``countries``…;
        ``article_id`` and ``sentence`` optional)."""
        clean = validate_fields(fields, require_date=True)
        if clean.get("article_id") and self.get_article(clean["article_id"]) is None:
            raise CorrectionError(f"no article {clean['article_id']}")
        return self._add_correction("add", author=author, reason=reason, keys=[], fields=clean, previous={})

    def undo_correction(self, correction_id: int, *, author: str, reason: str = "undo") -> int:
        """Revert a correction by recording an undo (the history keeps both)."""
        return self._add_correction(
            "undo", author=author, reason=reason, keys=[], fields={}, previous={}, target=int(correction_id)
        )

    def list_corrections(self) -> list[dict]:
        with self._read() as conn:
            return self._corrections(conn)

    def export_corrections(self) -> str:
        """All corrections (undos included) as JSON, for export with the data."""
        with self._read() as conn:
            corrections = self._corrections(conn)
            revision = conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0]
        return json.dumps(
            {"format": "timeline-corrections/1", "revision": int(revision), "corrections": corrections},
            ensure_ascii=False,
            indent=1,
        )
