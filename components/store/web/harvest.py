"""Article URLs and feeds into the store, one page per transaction.

A page is stored whole or not at all; a URL already stored is not fetched again (unless
``refresh``). A feed's ``ETag``/``Last-Modified`` are kept only once every one of its items
was stored or known, so that an item that failed is tried again on the next read instead of
hiding behind a 304.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from components.extract.pipeline import Resources, load_resources
from components.store.event_store import Store, StoreError
from components.store.ingest import Progress
from components.store.web.client import FetchError, WebClient
from components.store.web.feeds import FeedError, ParsedFeed, parse_feed
from components.store.web.outlets import FeedSpec
from components.store.web.pages import fetch_page

# (URL, what the feed said of it, or None for a URL given directly)
Item = tuple[str, dict[str, Any] | None]


@dataclass
class WebSummary:
    new: int = 0  # pages stored
    known: int = 0  # already stored: not fetched again, or fetched and found unchanged
    failed: list[tuple[str, str]] = field(default_factory=list)  # (URL, reason)
    articles_added: int = 0
    events_added: int = 0
    feeds_read: int = 0
    feeds_unchanged: int = 0  # answered 304 Not Modified
    planned: list[str] = field(default_factory=list)  # dry run: what would be fetched

    def add(self, other: WebSummary) -> None:
        for name in ("new", "known", "articles_added", "events_added", "feeds_read", "feeds_unchanged"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failed += other.failed
        self.planned += other.planned

    def counts(self) -> str:
        text = f"{self.new} new, {self.known} known, {len(self.failed)} failed"
        if self.feeds_read:
            text += f" ({self.feeds_read} feeds read, {self.feeds_unchanged} unchanged)"
        return text

    def lines(self) -> list[str]:
        out = [f"pages added: {self.new} ({self.articles_added} articles, {self.events_added} events)"]
        out.append(f"already stored: {self.known}")
        if self.feeds_read:
            out.append(f"feeds: {self.feeds_read} read, {self.feeds_unchanged} unchanged (304 Not Modified)")
        out.append(f"failed: {len(self.failed)}")
        out += [f"  {url}: {reason}" for url, reason in dict.fromkeys(self.failed)]
        return out


def unexpected(error: Exception) -> str:
    return f"unexpected error ({type(error).__name__}: {error})"


def conditional_headers(state: dict[str, Any]) -> dict[str, str]:
    headers = {}
    if state.get("etag"):
        headers["If-None-Match"] = str(state["etag"])
    if state.get("last_modified"):
        headers["If-Modified-Since"] = str(state["last_modified"])
    return headers


@dataclass
class Harvest:
    """One run's settings: where pages go, how they are fetched, what is printed."""

    store: Store
    client: WebClient
    refresh: bool = False  # fetch URLs already stored, read feeds without a conditional GET
    dry_run: bool = False  # list what would be fetched; fetch feeds only, store nothing
    published: date | None = None  # for pages whose text and markup give no date
    source: str | None = None  # outlet name when the feed gives none
    progress: bool = True
    report_unchanged: bool = True  # say so when a feed is answered 304 (a --follow round line counts them)
    note: Callable[[str], None] = field(default=lambda line: print(line, file=sys.stderr))
    resources: Resources = field(default_factory=load_resources)

    def urls(self, urls: Sequence[str], summary: WebSummary) -> None:
        """Fetch and store ``urls``, counting into ``summary`` as each page is done."""
        self._items([(url, None) for url in urls], summary)

    def feed(self, spec: FeedSpec, summary: WebSummary) -> None:
        """Read one feed and store its new items, counting into ``summary`` as each page is done."""
        summary.feeds_read += 1
        failures = len(summary.failed)
        state = {} if self.refresh else self.store.feed_state(spec.url)
        try:
            response = self.client.get(spec.url, headers=conditional_headers(state))
            if response.status == 304:
                summary.feeds_unchanged += 1
                if self.report_unchanged:
                    self.note(f"{spec.url}: unchanged since it was last read (304 Not Modified)")
                return
            parsed = parse_feed(response.body, response.url, response.content_type)
        except FetchError as error:
            summary.failed.append((spec.url, error.reason))
            return
        except FeedError as error:
            summary.failed.append((spec.url, str(error)))
            return
        if parsed.warning:
            self.note(f"{spec.url}: {parsed.warning}")
        self._items(_feed_items(spec, parsed), summary)
        if not self.dry_run and len(summary.failed) == failures:
            state = {"etag": response.headers.get("etag"), "last_modified": response.headers.get("last-modified")}
            state.update(read_at=response.fetched_at, items=str(len(parsed.items)))
            self.store.save_feed_state(spec.url, state)

    def _items(self, items: Sequence[Item], summary: WebSummary) -> None:
        todo = [(url, feed) for url, feed in items if self.refresh or not self.store.has_url(url)]
        summary.known += len(items) - len(todo)
        if self.dry_run:
            summary.planned += [url for url, _ in todo]
            return
        bar = Progress(len(todo)) if self.progress else None
        for url, feed in todo:
            self._one(url, feed, summary)
            if bar:
                bar.step(url)

    def _one(self, url: str, feed: dict[str, Any] | None, summary: WebSummary) -> None:
        source = (feed or {}).get("name") or self.source
        try:
            page = fetch_page(
                self.client, url, source=source, published=self.published, feed=feed, resources=self.resources
            )
            outcome = self.store.ingest_page(
                page.result, published=self.published, source=page.source, url=page.url, page_meta=page.page_meta
            )
        except FetchError as error:
            summary.failed.append((url, error.reason))
            return
        except StoreError as error:
            summary.failed.append((url, str(error)))
            return
        except Exception as error:  # one page must not stop a feed, nor a follower running for days
            summary.failed.append((url, unexpected(error)))
            return
        summary.known += outcome.duplicate
        summary.new += not outcome.duplicate
        summary.articles_added += outcome.articles_added
        summary.events_added += outcome.events_added


def _feed_items(spec: FeedSpec, parsed: ParsedFeed) -> list[Item]:
    """Each item's URL with what the feed says of it (kept in the page's metadata)."""
    items: list[Item] = []
    for item in parsed.items:
        said = {"title": item.title, "published": item.published}
        items.append((item.url, {**spec.as_meta(), **{key: value for key, value in said.items() if value}}))
    return items
