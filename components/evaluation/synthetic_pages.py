"""Synthetic pages for store tests and benchmarks: the machine events that the synthetic happenings
of :mod:`components.evaluation.synthetic` would give, one report per article that tells it.

A happening reported by three outlets becomes three machine events (one per article, same date,
type, countries and place) that the store merges into one; happenings that happen to match merge
too, as they would in real data. Each event also gets the schema's ``status`` (about one in
twelve planned), ``role`` (about one in eight background) and ``location_country`` (its place's
country; the host is then a participant only half of the time). The same ``(n, seed)`` always
gives the same pages.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from components.evaluation.synthetic import synthetic_event
from components.extract.models import Article, stable_id
from components.extract.reading import RawPage, content_hash

PLANNED_SHARE, BACKGROUND_SHARE, HOST_PARTICIPATES = 1 / 12, 1 / 8, 0.5


@dataclass(frozen=True)
class SyntheticPage:
    """A page as the store takes it in (``components.store.writes.ExtractedPage``)."""

    page: RawPage
    articles: list[Article]
    events: list[dict[str, Any]]


def _with_schema_fields(event: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    places = event.get("places") or []
    host = places[0].get("country") if places else None
    countries = list(event["countries"])
    if host and host in countries and len(countries) > 2 and rng.random() > HOST_PARTICIPATES:
        countries.remove(host)
    return {
        **event,
        "countries": countries,
        "location_country": host,
        "status": "planned" if rng.random() < PLANNED_SHARE else "reported",
        "role": "background" if rng.random() < BACKGROUND_SHARE else "news",
    }


def _years_earlier(day: str | None, years: int) -> str | None:
    if not day or not years:
        return day
    value = date.fromisoformat(day)
    if (value.month, value.day) == (2, 29):
        value = value.replace(day=28)
    return value.replace(year=value.year - years).isoformat()


def _shifted(event: dict[str, Any], years: int) -> dict[str, Any]:
    """The happening ``years`` earlier, its date written with the earlier year."""
    if not years or not event.get("date_start"):
        return event
    old, new = event["date_start"][:4], str(int(event["date_start"][:4]) - years)
    moved = {name: _years_earlier(event.get(name), years) for name in ("date_start", "date_end", "published")}
    text = {name: str(event[name]).replace(old, new) for name in ("date_text", "sentence")}
    sources = [
        {**source, "published": _years_earlier(source["published"], years), "sentence": text["sentence"]}
        for source in event["sources"]
    ]
    return {**event, **moved, **text, "sources": sources}


_REPORT_FIELDS = ("sources", "source_count", "corrected", "corrections")


def _reports(happening: dict[str, Any], index: int, seed: int) -> Iterator[tuple[dict[str, Any], dict[str, str]]]:
    """(machine event without offsets, its source) for each article reporting the happening."""
    base = {name: value for name, value in happening.items() if name not in _REPORT_FIELDS}
    for number, source in enumerate(happening["sources"]):
        report = {
            **base,
            "id": stable_id("synthetic-report", seed, index, number),
            "article_id": source["article_id"],
            "source": source["source"],
            "url": source["url"],
            "published": source["published"],
        }
        yield report, source


def _page(article_id: str, source: dict[str, str], reports: list[dict[str, Any]]) -> SyntheticPage:
    text = "\n\n".join([*(report["sentence"] for report in reports), f"{source['source']} — {article_id}"])
    page = RawPage(f"synthetic-{article_id}.txt", text, False, "utf-8", content_hash(text))
    article = Article(id=article_id, text=text, source=source["source"], url=source["url"], page=page.name)
    events, position = [], 0
    for report in reports:
        start = text.index(report["sentence"], position)
        position = start + len(report["sentence"])
        events.append({**report, "char_start": start, "char_end": position})
    return SyntheticPage(page, [article], events)


ARTICLE_GROUP = 3  # synthetic_event has three consecutive happenings share their articles (index // 3)


def iter_synthetic_pages(n: int, seed: int = 7, years_back: int = 0) -> Iterator[SyntheticPage]:
    """Pages (one article each) reporting ``n`` synthetic happenings, a few at a time (a million
    happenings are never all in memory); with ``years_back``, each happening is moved back by 0
    to ``years_back`` years (a store that covers decades, not the five years of
    :mod:`~components.evaluation.synthetic`)."""
    rng, extra = random.Random(seed), random.Random(seed + 1)
    by_article: dict[str, tuple[dict[str, str], list[dict[str, Any]]]] = {}
    for index in range(n):
        happening = synthetic_event(rng, index, seed)
        happening = _with_schema_fields(_shifted(happening, extra.randint(0, years_back)), extra)
        for report, source in _reports(happening, index, seed):
            by_article.setdefault(report["article_id"], (source, []))[1].append(report)
        if index % ARTICLE_GROUP == ARTICLE_GROUP - 1 or index == n - 1:
            yield from (_page(article_id, source, reports) for article_id, (source, reports) in by_article.items())
            by_article = {}


def synthetic_pages(n: int, seed: int = 7, years_back: int = 0) -> list[SyntheticPage]:
    """The pages of :func:`iter_synthetic_pages`, in publication order."""
    pages = list(iter_synthetic_pages(n, seed, years_back))
    pages.sort(key=lambda page: (page.events[0]["published"], page.page.name))
    return pages
