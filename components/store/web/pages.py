"""A fetched article page → its extraction, plus the fetch record kept in the page's metadata.

The page's ``meta`` JSON holds, besides what extraction reads (``url``, and
``published_fallback``: the date trafilatura found in the markup, used only when the text
prints no date stamp of its own):

- ``fetch``: requested URL, final URL, redirects, fetch time, HTTP status, content type,
  ``ETag`` and ``Last-Modified``;
- ``trafilatura``: the metadata trafilatura read (title, author, date, site name, description);
- ``feed``: the feed that listed the page (its URL, the outlet's name, the item's title and date).
"""

from __future__ import annotations

import dataclasses
import logging
import os
from dataclasses import dataclass
from datetime import date
from typing import Any

from trafilatura import extract_metadata

from components.extract.pipeline import PageResult, Resources, extract_page
from components.extract.reading import RawPage, UnreadableInput, decode_page
from components.store.web.client import FetchError, Response, WebClient
from components.store.web.settings import FetchSettings

log = logging.getLogger(__name__)

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
PRIVATE_ENV = "TIMELINE_FETCH_PRIVATE"  # "1": the dashboard may fetch local-network addresses


def interactive_settings() -> FetchSettings:
    """For the dashboard: someone is waiting in front of the screen (short timeout, one retry), and
    the local network is out of reach unless the operator allows it (``TIMELINE_FETCH_PRIVATE=1``)."""
    return FetchSettings(timeout=10.0, retries=1, private_addresses=os.environ.get(PRIVATE_ENV) == "1")


_METADATA_FIELDS = ("title", "author", "date", "sitename", "description", "url")


@dataclass(frozen=True)
class FetchedPage:
    result: PageResult
    url: str  # the final URL
    source: str | None
    page_meta: dict[str, Any]


def page_metadata(html: str, url: str) -> dict[str, str]:
    """What trafilatura reads from the markup (empty when it cannot read it)."""
    try:
        document = extract_metadata(html, default_url=url)
    except Exception as error:  # odd markup must not lose the page: extraction reads it again
        log.warning("%s: trafilatura could not read the metadata (%s)", url, error)
        return {}
    found = document.as_dict() if document is not None else {}
    return {name: str(found[name]) for name in _METADATA_FIELDS if found.get(name)}


def fetch_record(response: Response) -> dict[str, Any]:
    return {
        "requested_url": response.requested_url,
        "final_url": response.url,
        "redirects": list(response.redirects),
        "fetched_at": response.fetched_at,
        "status": response.status,
        "content_type": response.content_type,
        "etag": response.headers.get("etag"),
        "last_modified": response.headers.get("last-modified"),
    }


def decode_response(response: Response) -> RawPage:
    """The page in an answer: HTML only, read like an uploaded file (raises :class:`FetchError`)."""
    if response.content_type not in HTML_TYPES:
        shown = response.content_type or "none given"
        raise FetchError(response.requested_url, f"not an HTML page (content type: {shown})")
    try:
        page = decode_page(response.body, response.url)
    except UnreadableInput as error:
        raise FetchError(response.requested_url, error.reason) from error
    return dataclasses.replace(page, is_html=True)


def fetch_page(
    client: WebClient,
    url: str,
    *,
    source: str | None = None,
    published: date | None = None,
    feed: dict[str, Any] | None = None,
    resources: Resources | None = None,
) -> FetchedPage:
    """Fetch and extract one article page (raises :class:`FetchError`); nothing is stored."""
    response = client.get(url)
    page = decode_response(response)
    metadata = page_metadata(page.text, response.url)
    meta: dict[str, Any] = {"url": response.url, "fetch": fetch_record(response), "trafilatura": metadata}
    fallback = metadata.get("date") or (feed or {}).get("published")
    if fallback:
        meta["published_fallback"] = fallback
    if feed:
        meta["feed"] = feed
    outlet = source or metadata.get("sitename")
    try:
        result = extract_page(
            page, published=published, source=outlet, url=response.url, page_meta=meta, resources=resources
        )
    except Exception as error:  # one bad page must not stop a feed
        raise FetchError(url, f"extraction failed ({type(error).__name__}: {error})") from error
    return FetchedPage(result, response.url, outlet, meta)


def fetch_one(url: str, *, source: str | None = None, published: date | None = None) -> FetchedPage:
    """Fetch and extract one page for the Add-article panel (raises :class:`FetchError`)."""
    with WebClient(interactive_settings()) as client:
        return fetch_page(client, url.strip(), source=source, published=published)
