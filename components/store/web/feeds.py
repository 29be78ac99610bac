"""Feeds and news sitemaps → the article URLs they list.

RSS and Atom are read by feedparser; sitemaps (``<urlset>``, with the news extension's title
and publication date when present) by lxml with entities and network access turned off.
"""

from __future__ import annotations

import calendar
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin

import feedparser
from lxml import etree

from components.store.web.client import is_web_url

_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"
# feedparser's complaints about the HTTP headers, not about the feed itself
_BENIGN = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
_POSITION = re.compile(r"^<unknown>:(\d+):(\d+): (.*)$", re.DOTALL)


class FeedError(Exception):
    """A document that is not a readable feed or sitemap; the message says why."""


@dataclass(frozen=True)
class FeedItem:
    url: str
    title: str | None = None
    published: str | None = None  # ISO date the feed gives, if any


@dataclass(frozen=True)
class ParsedFeed:
    kind: str  # "rss20", "atom10", … (feedparser's names) or "sitemap"
    title: str | None
    items: tuple[FeedItem, ...]
    warning: str | None = None  # a malformed feed read anyway


def _iso_day(value: time.struct_time | None) -> str | None:
    if value is None:
        return None
    return datetime.fromtimestamp(calendar.timegm(value), UTC).date().isoformat()


def _unique(items: list[FeedItem]) -> tuple[FeedItem, ...]:
    seen: set[str] = set()
    kept = []
    for item in items:
        if is_web_url(item.url) and item.url not in seen:
            seen.add(item.url)
            kept.append(item)
    return tuple(kept)


def _sitemap(root: etree._Element, url: str) -> ParsedFeed:
    if root.tag == f"{_SITEMAP_NS}sitemapindex":
        count = len(root.findall(f"{_SITEMAP_NS}sitemap"))
        raise FeedError(f"a sitemap index ({count} sitemaps): give one of its sitemaps instead")
    items = []
    for entry in root.iterfind(f"{_SITEMAP_NS}url"):
        location = (entry.findtext(f"{_SITEMAP_NS}loc") or "").strip()
        news = entry.find(f"{_NEWS_NS}news")
        title = news.findtext(f"{_NEWS_NS}title") if news is not None else None
        day = news.findtext(f"{_NEWS_NS}publication_date") if news is not None else None
        day = day or entry.findtext(f"{_SITEMAP_NS}lastmod")
        items.append(FeedItem(urljoin(url, location), (title or "").strip() or None, (day or "").strip()[:10] or None))
    return ParsedFeed("sitemap", None, _unique(items))


def _as_sitemap(data: bytes, url: str) -> ParsedFeed | None:
    """The sitemap in ``data``, or None when it is not one (then feedparser has a go)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except etree.XMLSyntaxError:
        return None
    if not isinstance(root.tag, str) or not root.tag.startswith(_SITEMAP_NS):
        return None
    return _sitemap(root, url)


def parse_feed(data: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """The items of an RSS/Atom feed or a sitemap (raises :class:`FeedError`)."""
    sitemap = _as_sitemap(data, url)
    if sitemap is not None:
        return sitemap
    headers = {"content-location": url, **({"content-type": content_type} if content_type else {})}
    parsed = feedparser.parse(data, response_headers=headers)
    error = parsed.get("bozo_exception") if parsed.get("bozo") else None
    problem = None
    if error is not None and not isinstance(error, _BENIGN):
        problem = _POSITION.sub(r"\3 at line \1, column \2", str(error))
    items = _unique(
        [
            FeedItem(urljoin(url, entry["link"]), entry.get("title") or None, _iso_day(_entry_time(entry)))
            for entry in parsed.entries
            if entry.get("link")
        ]
    )
    if problem and not items:
        raise FeedError(f"broken feed, no item could be read ({problem})")
    if not parsed.get("version") and not items:
        raise FeedError("not an RSS or Atom feed, nor a sitemap")
    warning = f"malformed feed ({problem}); {len(items)} items read anyway" if problem else None
    return ParsedFeed(parsed.get("version") or "unknown", parsed.feed.get("title") or None, items, warning)


def _entry_time(entry: feedparser.FeedParserDict) -> time.struct_time | None:
    return entry.get("published_parsed") or entry.get("updated_parsed")
