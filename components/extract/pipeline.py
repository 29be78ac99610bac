"""The extraction pipeline: page → articles → sentences → date mentions → entities → events.

Each step is a function of its own module; this module only chains them and decides each
article's publication date (metadata first, then what the text itself says).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from components.extract.dates.mentions import find_dates
from components.extract.entities import find_entities
from components.extract.events import build_events
from components.extract.gazetteer import Gazetteer, load_gazetteer
from components.extract.models import Article, Event, Place, stable_id
from components.extract.officials import find_officials
from components.extract.page_split import ArticleDraft, split_page
from components.extract.publication_date import DateSources, choose_publication_date, given_date_problem
from components.extract.reading import RawPage, UnreadableInput, printable, read_page
from components.extract.records import EventRecord
from components.extract.sentences import split_sentences
from components.extract.triggers import (
    PhraseIndex,
    find_clause_words,
    find_triggers,
    load_clause_words,
    load_triggers,
)
from components.text.arabic import fold, fold_key
from components.text.tokens import tokenize

EXTRACTOR_VERSION = "1.0"
META_SUFFIX = ".meta.json"


@dataclass(frozen=True)
class PageResult:
    page: RawPage
    articles: list[Article]
    events: list[Event]


@dataclass(frozen=True)
class Resources:
    """Read-only lexicons, loaded once and shared by every article."""

    gazetteer: Gazetteer
    triggers: PhraseIndex
    clause_words: PhraseIndex


def load_resources() -> Resources:
    return Resources(load_gazetteer(), load_triggers(), load_clause_words())


def parse_iso_date(value: object) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def article_id(page_name: str, text: str) -> str:
    """Stable across runs: depends on the article's text only (whitespace and diacritics ignored)."""
    return stable_id("article", fold_key(text))


def build_article(
    draft: ArticleDraft,
    page: RawPage,
    meta: Mapping[str, object],
    index: int = 0,
    given_published: date | None = None,
) -> Article:
    """An article with its publication date chosen (see :func:`choose_publication_date`): the
    metadata file, then the HTML page's own metadata and address, then the date the page prints,
    then a date given by the caller (``given_published``: a command-line flag), then a fetched
    page's markup or feed date (``published_fallback`` in the metadata) or trafilatura's guess."""
    source = meta.get("source") or draft.source
    url = meta.get("url") or draft.url
    sources = DateSources(
        metadata=parse_iso_date(meta.get("published")),
        html=parse_iso_date(draft.published_hint),
        url=draft.url or (str(url) if url else None),
        given=given_published,
        extracted=parse_iso_date(meta.get("published_fallback")) or parse_iso_date(draft.extracted_date),
    )
    header = [*draft.header, *(part for part in (draft.dateline, draft.title) if part)]
    chosen, how = choose_publication_date(sources, header, draft.text, own_page=index == 0)
    return Article(
        id=article_id(page.name, draft.text),
        text=draft.text,
        title=draft.title,
        source=str(source) if source else None,
        dateline=draft.dateline,
        url=str(url) if url else None,
        published=chosen,
        published_how=how,
        keywords=draft.keywords,
        related_headlines=draft.related_headlines,
        page=page.name,
        index_in_page=index,
        caption_ranges=draft.caption_ranges,
        heading_ranges=draft.heading_ranges,
    )


@dataclass(frozen=True)
class ArticleResult:
    events: list[Event]
    warnings: list[str]  # date expressions rejected as impossible


def _dateline_places(article: Article, resources: Resources) -> list[Place]:
    """The places named in the article's dateline ("تبليسي – وكالات"), without repeats."""
    found = find_entities(article.dateline, resources.gazetteer) if article.dateline else []
    places: list[Place] = []
    for mention in found:
        if mention.place is not None and mention.place not in places:
            places.append(mention.place)
    return places


def extract_article(article: Article, resources: Resources) -> list[Event]:
    """All events of one article."""
    return extract_article_result(article, resources).events


def extract_article_result(article: Article, resources: Resources) -> ArticleResult:
    """All events of one article, and the warnings about the dates it rejected."""
    folded = fold(article.text)
    tokens = tokenize(folded.text)
    sentences = split_sentences(article.text)
    dates = find_dates(article.text, article.published, folded, resources.gazetteer.is_name)
    entities = find_entities(article.text, resources.gazetteer, folded, tokens)
    triggers = find_triggers(article.text, folded, resources.triggers, tokens)
    blocked = frozenset(t.char_start for t in triggers) | frozenset(d.char_start for d in dates.spans)
    officials = find_officials(article.text, folded, tokens, resources.gazetteer, entities, blocked)
    entities = sorted([*entities, *officials], key=lambda mention: mention.char_start)
    clause_words = find_clause_words(folded, resources.clause_words, tokens)
    dateline = _dateline_places(article, resources)
    events = build_events(
        article, sentences, dates.spans, entities, triggers, clause_words, EXTRACTOR_VERSION, dateline
    )
    return ArticleResult(events, dates.warnings)


def article_meta(page_meta: Mapping[str, object], index: int, given: Mapping[str, object]) -> dict[str, object]:
    """Metadata of article ``index`` of a page. Most specific wins: the page's metadata entry for
    that article, then the page's own metadata, then values given by the caller (command-line
    flags), which fill in what the metadata does not say."""
    keys = ("source", "url", "published", "published_fallback")
    merged = {key: value for key, value in given.items() if key in keys and value}
    merged.update({key: page_meta[key] for key in keys if page_meta.get(key)})
    entries = page_meta.get("articles")
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and entry.get("index") == index:
            merged.update({key: entry[key] for key in keys if entry.get(key)})
    return merged


def lists_article(page_meta: Mapping[str, object], index: int) -> bool:
    """The page's metadata describes an article at ``index`` ("articles": [{"index": 1, …}])."""
    entries = page_meta.get("articles")
    return isinstance(entries, list) and any(
        isinstance(entry, dict) and entry.get("index") == index for entry in entries
    )


def extract_page(
    page: RawPage,
    *,
    published: date | None = None,
    source: str | None = None,
    url: str | None = None,
    page_meta: Mapping[str, object] | None = None,
    resources: Resources | None = None,
) -> PageResult:
    """Articles and events of one page (see :func:`article_meta` for which metadata applies; ``published``
    is used when neither the metadata nor the page itself gives a date; a later article of the page that
    prints no date of its own takes the date of the page's first dated article)."""
    resources = resources or load_resources()
    given = {"source": source, "url": url}
    articles: list[Article] = []
    events: list[Event] = []
    page_date: date | None = None  # the date of the page's first dated article
    for index, draft in enumerate(split_page(page)):
        if draft.related_story and not lists_article(page_meta or {}, index):
            continue  # a story printed under a read-also marker: not an article of the page
        # a later part of the page that prints no date of its own was published with the page
        article = build_article(draft, page, article_meta(page_meta or {}, index, given), index, published or page_date)
        page_date = page_date or article.published
        result = extract_article_result(article, resources)
        articles.append(replace(article, warnings=tuple(result.warnings)))
        events.extend(result.events)
    return PageResult(page, articles, events)


def read_page_meta(path: Path) -> dict[str, object]:
    """The ``<page>.meta.json`` sidecar of a page, or ``{}``. A broken sidecar is an input error."""
    sidecar = path.with_name(path.name + META_SUFFIX)
    if not sidecar.is_file():
        return {}
    name = printable(sidecar)
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UnreadableInput(name, f"metadata file is not valid JSON ({error})") from error
    if not isinstance(meta, dict):
        raise UnreadableInput(name, "metadata file must hold a JSON object")
    published = meta.get("published")
    day = parse_iso_date(published)
    if published not in (None, "") and (day is None or given_date_problem(day)):
        problem = given_date_problem(day) if day else f"{published!r} is not a date in the form YYYY-MM-DD"
        raise UnreadableInput(name, f"metadata 'published': {problem}")
    return meta


def extract_file(
    path: Path,
    *,
    published: date | None = None,
    source: str | None = None,
    url: str | None = None,
    resources: Resources | None = None,
) -> PageResult:
    """Read a page (and its metadata sidecar) and extract it. Raises :class:`UnreadableInput`."""
    page = read_page(path)
    return extract_page(
        page, published=published, source=source, url=url, page_meta=read_page_meta(path), resources=resources
    )


def event_to_dict(event: Event) -> EventRecord:
    """The event's JSON object, keys in the order of the :class:`Event` fields (its lists hold plain
    dicts already: no deep copy needed)."""
    return {
        "id": event.id,
        "article_id": event.article_id,
        "date_start": event.date_start,
        "date_end": event.date_end,
        "precision": event.precision,
        "approximate": event.approximate,
        "date_text": event.date_text,
        "type": event.type,
        "countries": event.countries,
        "actors": event.actors,
        "places": event.places,
        "title_en": event.title_en,
        "sentence": event.sentence,
        "char_start": event.char_start,
        "char_end": event.char_end,
        "source": event.source,
        "url": event.url,
        "published": event.published,
        "confidence": event.confidence,
        "trigger": event.trigger,
        "mentions": event.mentions,
        "undated": event.undated,
        "extractor_version": event.extractor_version,
        "status": event.status,
        "role": event.role,
        "location_country": event.location_country,
        "evidence": event.evidence,
    }


_JSON = json.JSONEncoder(ensure_ascii=False)  # what json.dumps(..., ensure_ascii=False) builds on every call


def events_to_jsonl(events: Sequence[Event]) -> str:
    return "".join(_JSON.encode(event_to_dict(e)) + "\n" for e in events)
