"""The read side in SQL (:class:`SqlViews`) gives the same answers as the in-memory reference
(:class:`MemoryViews` over ``Store.list_events()``): on the test corpus and on a synthetic store
with corrections (hidden, edited, added and undone), for many random filter combinations, sorts,
pages, timeline sizes and map limits, on both engines."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from conftest import ENGINES, new_location
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from components.evaluation.synthetic_pages import synthetic_pages
from components.store.event_store import Store, open_store
from components.store.facets import ALL_OF, FACETS, Kind
from components.store.ingest import ingest_paths
from components.store.memory_views import MemoryViews
from components.store.query import Filters
from components.store.sql_views import SqlViews
from components.store.views import LANES, NAMED_LISTS, PAIR_KINDS, SORT_COLUMNS, Sort

CORPUS = Path(__file__).resolve().parent / "corpus" / "articles"
LISTS = tuple(facet.name for facet in FACETS if facet.repeatable)
FLAGS = tuple(facet.name for facet in FACETS if facet.kind is Kind.FLAG)
MODES = tuple(facet.name for facet in FACETS if facet.kind is Kind.MODE)
EXAMPLES = 40


def correct_some(store: Store) -> None:
    """Corrections of every kind: an edit of type and countries, a hidden event, an edit undone, an
    added event (dated 1991, so that the timeline's range is long enough to count per month)."""
    events = store.list_events()
    merged = [event for event in events if event["source_count"] > 1] or events
    store.correct_event(merged[0], {"type": "protest", "countries": ["AM", "FR"]}, reason="checked", author="t")
    store.hide_event(events[1], reason="not an event", author="t")
    undone = store.correct_event(events[2], {"type": "other"}, reason="unsure", author="t")
    store.undo_correction(undone, author="t")
    store.add_event(
        {"date_start": "1991-03-04", "type": "agreement", "countries": ["AM", "AZ"], "title_en": "Talks in Tehran"},
        reason="from an archive",
        author="t",
    )


@pytest.fixture(scope="module", params=ENGINES)
def synthetic_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    location, drop = new_location(request.param, tmp_path_factory.mktemp("synthetic"), request)
    store = open_store(location)
    for page in synthetic_pages(220, seed=11):  # the write path, page by page
        store.ingest_page(page)
    correct_some(store)
    yield store
    store.close()
    drop()


@pytest.fixture(scope="module", params=ENGINES)
def corpus_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    location, drop = new_location(request.param, tmp_path_factory.mktemp("corpus"), request)
    store = open_store(location)
    assert not ingest_paths(store, [CORPUS], progress=False).failed
    correct_some(store)
    yield store
    store.close()
    drop()


def both(store: Store) -> tuple[MemoryViews, SqlViews]:
    def article_text(article_id: str) -> str | None:
        article = store.get_article(article_id)
        return str(article["text"]) if article and article.get("text") else None

    return MemoryViews(store.list_events(), store.version(), article_text=article_text), SqlViews(store)


@dataclass(frozen=True)
class Case:
    """One view: its filters and what each part of the page asks for."""

    filters: Filters
    sort: Sort
    offset: int
    limit: int
    lanes: str
    max_marks: int
    places: int
    per_place: int


def search_words(memory: MemoryViews) -> list[str]:
    """Pieces of the events' texts: words, parts of words (one or two letters too), across words."""
    events = memory.page(Filters(), limit=60).events
    texts = [str(e.get(name) or "") for e in events for name in ("sentence", "title_en", "date_text")]
    words = [word for text in texts for word in text.split()]
    return [*words[::7], *(w[1:3] for w in words[::11]), *(t[5:17] for t in texts[::5]), "Tehran", "%", "_", '"']


@st.composite
def cases(draw: st.DrawFn, values: dict[str, tuple[str, ...]], words: list[str]) -> Case:
    chosen: dict[str, object] = {}
    for name in LISTS:
        if values[name] and draw(st.integers(0, 2)) == 0:
            pool = (*values[name], "ZZ-unknown")
            chosen[name] = tuple(draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3)))
    days = st.none() | st.dates(date(2019, 6, 1), date(2026, 1, 1)) | st.sampled_from([date(1991, 3, 4)])
    chosen["date_from"], chosen["date_to"] = draw(days), draw(days)
    chosen["q"] = draw(st.none() | st.sampled_from(words))
    chosen["planned"] = draw(st.booleans())
    chosen["min_confidence"] = draw(st.sampled_from((0.0, 0.0, 0.5, 0.7, 0.95)))
    for mode in MODES:
        chosen[mode] = draw(st.sampled_from(("", ALL_OF)))
    return Case(
        filters=Filters(**chosen),  # type: ignore[arg-type]  # values drawn per facet kind above
        sort=Sort(draw(st.sampled_from(SORT_COLUMNS)), descending=draw(st.booleans())),
        offset=draw(st.sampled_from((0, 0, 3, 40))),
        limit=draw(st.sampled_from((1, 10, 100))),
        lanes=draw(st.sampled_from(LANES)),
        max_marks=draw(st.sampled_from((0, 5, 60, 1500))),
        places=draw(st.sampled_from((1, 5, 500))),
        per_place=draw(st.sampled_from((0, 1, 3, 50))),
    )


def assert_same_answers(memory: MemoryViews, sql: SqlViews, case: Case) -> None:
    filters = case.filters
    assert sql.summary(filters) == memory.summary(filters)
    page = {"sort": case.sort, "offset": case.offset, "limit": case.limit}
    assert sql.page(filters, **page) == memory.page(filters, **page)  # type: ignore[arg-type]
    for facet in (*LISTS, *FLAGS):
        assert sql.facet_counts(filters, facet) == memory.facet_counts(filters, facet), facet
    marks = {"lanes": case.lanes, "max_marks": case.max_marks}
    assert sql.timeline(filters, **marks) == memory.timeline(filters, **marks)  # type: ignore[arg-type]
    places = {"limit": case.places, "per_place": case.per_place}
    assert sql.places(filters, **places) == memory.places(filters, **places)
    for by in PAIR_KINDS:
        assert sql.pairs(filters, by=by) == memory.pairs(filters, by=by)
    shown = memory.page(filters, limit=3).events
    others = memory.page(Filters(planned=True), offset=case.offset, limit=2).events
    for event in (*shown, *others):
        for member in (str(event["id"]), *(str(m) for m in event.get("member_ids") or () if m)):
            assert sql.position(filters, member, sort=case.sort) == memory.position(filters, member, sort=case.sort)


def check_random_views(store: Store, data: st.DataObject) -> None:
    memory, sql = both(store)
    values = {name: memory.facet_values(name) for name in LISTS}
    assert_same_answers(memory, sql, data.draw(cases(values, search_words(memory))))


RANDOM = settings(derandomize=True, max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@RANDOM
@given(data=st.data())
def test_random_views_of_a_synthetic_store_equal_the_reference(synthetic_store: Store, data: st.DataObject) -> None:
    check_random_views(synthetic_store, data)


@RANDOM
@given(data=st.data())
def test_random_views_of_the_corpus_equal_the_reference(corpus_store: Store, data: st.DataObject) -> None:
    check_random_views(corpus_store, data)


def check_values_events_and_the_unfiltered_view(store: Store) -> None:
    memory, sql = both(store)
    for name in LISTS:
        assert sql.facet_values(name) == memory.facet_values(name), name
    every = memory.page(Filters(), limit=10_000).events
    assert sql.page(Filters(), limit=10_000).events == every
    assert all(sql.event(str(event["id"])) == event for event in every[::9])
    hidden = [e for e in store.list_events(include_hidden=True) if e["hidden"]]
    assert hidden and sql.event(str(hidden[0]["id"])) is None and sql.event("no-such-id") is None
    for lanes in LANES:
        assert sql.timeline(Filters(), lanes=lanes, max_marks=0) == memory.timeline(Filters(), lanes=lanes, max_marks=0)
    for name in NAMED_LISTS:
        assert sql.arabic_names(name) == memory.arabic_names(name), name
    for event in every[::5]:
        for member in (str(event["id"]), *(str(m) for m in event.get("member_ids") or () if m)):
            assert sql.event(member) == memory.event(member) == event
            assert sql.paragraph(member) == memory.paragraph(member)
    assert any(memory.paragraph(str(event["id"])) for event in every), "paragraphs were compared"
    assert sql.timeline(Filters(), max_marks=0).bucket == "month"  # from 1991: counted per month


def test_values_events_and_the_unfiltered_view_of_a_synthetic_store(synthetic_store: Store) -> None:
    check_values_events_and_the_unfiltered_view(synthetic_store)


def test_values_events_and_the_unfiltered_view_of_the_corpus(corpus_store: Store) -> None:
    check_values_events_and_the_unfiltered_view(corpus_store)


def test_answers_follow_the_store_as_it_changes(synthetic_store: Store) -> None:
    sql = SqlViews(synthetic_store)
    before, version = sql.summary(Filters()), sql.version()
    newest = sql.page(Filters(), limit=1).events[0]
    synthetic_store.hide_event(newest, reason="duplicate", author="t")
    assert sql.version() != version
    assert sql.summary(Filters()).events == before.events - 1
    assert sql.page(Filters(), limit=1).events[0]["id"] != newest["id"]
    assert_same_answers(*both(synthetic_store), Case(Filters(), Sort(), 0, 10, "type", 1500, 500, 50))


def test_search_queries_of_every_length_and_with_wildcards_match_as_substrings(synthetic_store: Store) -> None:
    memory, sql = both(synthetic_store)
    sentence = str(memory.page(Filters(), limit=1).events[0]["sentence"])
    for query in (sentence[:1], sentence[:2], sentence[:3], sentence[2:40], "%", "_%", '"', "\\", "a_b", "يريفان"):
        assert sql.summary(Filters(q=query)) == memory.summary(Filters(q=query)), query


def test_an_unknown_filter_or_facet_is_refused(synthetic_store: Store) -> None:
    sql = SqlViews(synthetic_store)
    with pytest.raises(ValueError):
        sql.summary(Filters(colour=("red",)))
    with pytest.raises(KeyError):
        sql.facet_counts(Filters(), "date_from")
    with pytest.raises(ValueError):
        sql.timeline(Filters(), lanes="actor")
    with pytest.raises(ValueError):
        sql.pairs(Filters(), by="places")


def test_a_week_bucket_starts_on_monday_in_sql_too(synthetic_store: Store) -> None:
    sql = SqlViews(synthetic_store)
    buckets = sql.timeline(Filters(date_from=date(2021, 1, 1)), max_marks=0).buckets
    assert buckets and all(b.start.weekday() == 0 and b.end - b.start == timedelta(days=6) for b in buckets)
