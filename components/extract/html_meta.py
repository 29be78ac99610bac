"""What an HTML page says about its own publication: its metadata (``article:published_time`` and
the like, JSON-LD ``datePublished``, a ``<time datetime>`` element) and its own address (canonical
link, ``og:url``), whose path or query often carries the date (``/2023/05/22/``, ``/20251004/``,
``cdate=22052023``, ``?date=2024-06-13``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from urllib.parse import parse_qsl, unquote, urlsplit

from components.extract.stamps import YEARS

# <meta> names and properties that give the publication time, most specific first.
PUBLISHED_META = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "date",
)
URL_META = ("og:url", "twitter:url")
DATE_QUERY_KEYS = ("cdate", "date", "pubdate", "publish_date", "published")
JSON_LD_LIMIT = 200_000  # characters of JSON-LD read per page
_OUTSIDE_ARTICLE = frozenset({"header", "nav", "aside", "footer", "li"})  # where a <time> is not the page's own

_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_PATH_YMD = re.compile(r"/((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?=/|$|[-_.])")
_PATH_COMPACT = re.compile(r"/((?:19|20)\d\d)(\d\d)(\d\d)(?=/|$|[-_.])")
_PATH_DASHED = re.compile(r"[/-]((?:19|20)\d\d)-(\d\d)-(\d\d)(?=/|$|[-_.])")


@dataclass(frozen=True)
class PageMeta:
    published: date | None = None  # the publication date the page's metadata gives
    url: str | None = None  # the page's own address (canonical link, og:url, JSON-LD url)


class MetaCollector(HTMLParser):
    """<meta> values, the canonical link, <time datetime> values and JSON-LD blocks of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.times: list[tuple[bool, str]] = []  # (marked as the publication time, datetime)
        self.json_ld: list[str] = []
        self.open_tags: list[str] = []
        self.in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").strip().lower()
            if key and values.get("content") and key not in self.meta:
                self.meta[key] = values["content"].strip()
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split() and self.canonical is None:
            self.canonical = values.get("href", "").strip() or None
        elif tag == "time" and values.get("datetime"):
            marked = "pubdate" in values or values.get("itemprop", "").lower() == "datepublished"
            marked = marked or "publish" in values.get("class", "").lower()
            if marked or not _OUTSIDE_ARTICLE.intersection(self.open_tags):
                self.times.append((marked, values["datetime"]))
        elif tag == "script" and "ld+json" in values.get("type", "").lower():
            self.in_json_ld = True
            self.json_ld.append("")
        if tag in _OUTSIDE_ARTICLE:
            self.open_tags.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_json_ld = False
        if tag in self.open_tags:
            while self.open_tags and self.open_tags.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.in_json_ld and self.json_ld and len(self.json_ld[-1]) < JSON_LD_LIMIT:
            self.json_ld[-1] += data


def parse_date_value(value: str) -> date | None:
    """The calendar day of a metadata value: ISO 8601 (its own day, whatever the offset), or RFC 822."""
    found = _ISO_DAY.match(value)
    day: date | None = None
    if found:
        day = _checked(int(found[1]), int(found[2]), int(found[3]))
    else:
        from email.utils import parsedate_to_datetime  # rarely needed; text pages need not import it (start-up)

        try:
            day = parsedate_to_datetime(value.strip()).date()
        except (TypeError, ValueError, IndexError, OverflowError):
            return None
    return day if day is not None and day.year in YEARS else None


def _checked(year: int, month: int, day: int) -> date | None:
    if year not in YEARS:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _json_objects(value: object) -> Iterator[dict[str, object]]:
    """Every JSON object in a JSON-LD value (a list, an ``@graph``, nested objects)."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            if isinstance(item, dict | list):
                yield from _json_objects(item)
    elif isinstance(value, list):
        for item in value:
            yield from _json_objects(item)


def _json_ld_facts(blocks: list[str]) -> tuple[date | None, str | None]:
    """(datePublished, url) of the first JSON-LD object that gives a publication date."""
    for block in blocks:
        try:
            parsed = json.loads(block)
        except ValueError:
            continue
        for item in _json_objects(parsed):
            published = item.get("datePublished")
            day = parse_date_value(published) if isinstance(published, str) else None
            if day is not None:
                url = item.get("url") or item.get("mainEntityOfPage")
                return day, url if isinstance(url, str) else None
    return None, None


def _first_published(collector: MetaCollector, json_ld_day: date | None) -> date | None:
    for key in PUBLISHED_META[:3]:
        day = parse_date_value(collector.meta.get(key, ""))
        if day is not None:
            return day
    if json_ld_day is not None:
        return json_ld_day
    candidates = [collector.meta.get(key, "") for key in PUBLISHED_META[3:]]
    candidates += [value for marked, value in collector.times if marked]
    candidates += [value for marked, value in collector.times if not marked][:1]
    for value in candidates:
        day = parse_date_value(value)
        if day is not None:
            return day
    return None


def page_meta(html: str) -> PageMeta:
    """The page's own publication date and address, from its markup (never from its text)."""
    collector = MetaCollector()
    try:
        collector.feed(html)
        collector.close()
    except (AssertionError, ValueError):  # the standard parser gives up on some broken markup
        pass
    return collected_meta(collector)


def collected_meta(collector: MetaCollector) -> PageMeta:
    """What :func:`page_meta` reads from a collector that has been fed the page."""
    json_ld_day, json_ld_url = _json_ld_facts(collector.json_ld)
    urls = [collector.canonical, *(collector.meta.get(key) for key in URL_META), json_ld_url]
    url = next((value for value in urls if value and value.startswith(("http://", "https://", "/"))), None)
    return PageMeta(_first_published(collector, json_ld_day), url)


def _query_date(value: str) -> date | None:
    digits = re.sub(r"\D", "", value)
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}.*", value):
        return parse_date_value(value)
    if len(digits) != 8:
        return None
    if digits[:2] in ("19", "20"):
        day = _checked(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        if day is not None:
            return day
    return _checked(int(digits[4:]), int(digits[2:4]), int(digits[:2]))  # ddmmyyyy ("cdate=22052023")


def url_date(url: str | None) -> date | None:
    """The publication date written in a page's address, if any."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    path = unquote(parts.path)
    for pattern in (_PATH_YMD, _PATH_DASHED, _PATH_COMPACT):
        for found in pattern.finditer(path):
            day = _checked(int(found[1]), int(found[2]), int(found[3]))
            if day is not None:
                return day
    for key, value in parse_qsl(parts.query):
        if key.lower() in DATE_QUERY_KEYS:
            day = _query_date(value)
            if day is not None:
                return day
    return None
