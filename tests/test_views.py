"""The read side of the store as the dashboard asks for it, answered in memory (the reference)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from components.evaluation.synthetic import synthetic_events
from components.store.memory_views import MemoryViews, bucket_end, bucket_start
from components.store.query import Filters
from components.store.views import PairCount, Paragraph, Sort, pairs_of, paragraph_around

ALL = Filters(planned=True)  # every event: planned ones are hidden unless shown

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "events.jsonl"


@pytest.fixture(scope="module")
def events() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def views(events: list[dict]) -> MemoryViews:
    return MemoryViews(events, "fixture")


def test_pages_are_newest_first_by_default_and_add_up(views: MemoryViews, events: list[dict]) -> None:
    first = views.page(ALL, limit=10)
    assert first.total == len(events) and len(first.events) == 10
    starts = [e["date_start"] or "" for e in first.events]
    assert starts == sorted(starts, reverse=True) and starts[0] == max(e["date_start"] or "" for e in events)
    ids = [e["id"] for offset in range(0, first.total, 10) for e in views.page(ALL, offset=offset, limit=10).events]
    assert sorted(ids) == sorted(e["id"] for e in events)
    oldest = views.page(ALL, sort=Sort("date", descending=False), limit=1).events[0]
    assert oldest["date_start"] == min(e["date_start"] for e in events if e["date_start"]) or not oldest["date_start"]
    with pytest.raises(ValueError):
        Sort("sentence")


def test_summary_counts_what_matches(views: MemoryViews, events: list[dict]) -> None:
    armenia = [e for e in events if "AM" in e["countries"] and e.get("status") != "planned"]
    summary = views.summary(Filters(countries=("AM",)))
    assert summary.events == len(armenia)
    assert summary.undated == sum(1 for e in armenia if not e["date_start"])
    assert summary.first_day == date.fromisoformat(min(e["date_start"] for e in armenia if e["date_start"]))
    assert summary.planned == 0 and summary.background == sum(e.get("role") == "background" for e in armenia) == 1
    assert summary.without_place == sum(1 for e in armenia if not e["places"])
    shown = views.summary(Filters(countries=("AM",), planned=True))
    assert shown.planned == sum(1 for e in events if "AM" in e["countries"] and e.get("status") == "planned") == 2


def test_facet_counts_leave_out_their_own_facet(views: MemoryViews, events: list[dict]) -> None:
    counts = views.facet_counts(Filters(countries=("AM",), types=("meeting",), planned=True), "countries")
    meetings = [e for e in events if e["type"] == "meeting"]
    assert counts["AM"] == sum("AM" in e["countries"] for e in meetings)
    assert counts.get("RU", 0) == sum("RU" in e["countries"] or e.get("location_country") == "RU" for e in meetings)
    assert views.facet_values("types") == tuple(sorted({e["type"] for e in events}))


def test_timeline_gives_marks_until_too_many_then_counts_per_week() -> None:
    many = synthetic_events(400, seed=5)
    views = MemoryViews(many, "synthetic")
    drawn = views.timeline(Filters(), max_marks=1000)
    dated = [e for e in many if e["date_start"]]
    assert len(drawn.marks) == len(dated) and not drawn.buckets and drawn.undated == len(many) - len(dated)
    counted = views.timeline(Filters(), max_marks=100)
    assert not counted.marks and counted.bucket == "week"
    assert sum(b.count for b in counted.buckets) == len(dated)
    assert all(b.start.weekday() == 0 and (b.end - b.start).days == 6 for b in counted.buckets)
    by_country = views.timeline(Filters(), lanes="country", max_marks=100)
    assert sum(b.count for b in by_country.buckets) == sum(len(e["countries"]) or 1 for e in dated)


def test_buckets_cover_whole_weeks_and_months() -> None:
    assert bucket_start(date(2024, 5, 9), "week") == date(2024, 5, 6)
    assert bucket_end(date(2024, 2, 1), "month") == date(2024, 2, 29)
    assert bucket_end(date(2024, 12, 1), "month") == date(2024, 12, 31)


def test_places_count_events_and_list_the_newest_first(views: MemoryViews, events: list[dict]) -> None:
    places = views.places(ALL)
    by_name = {place.name_en: place for place in places}
    for name, place in by_name.items():
        at = [e for e in events if any(p["name_en"] == name for p in e["places"])]
        assert place.count == len(at) == sum(count for _, count in place.types)
        newest_day = max(e["date_start"] or "" for e in at)
        assert ((views.event(place.latest[0]) or {}).get("date_start") or "") == newest_day
    assert [p.count for p in places] == sorted((p.count for p in places), reverse=True)


def test_pairs_count_each_type_of_event_between_two_parties() -> None:
    events = [
        {"id": "1", "type": "meeting", "countries": ["AZ", "AM"], "actors": []},
        {"id": "2", "type": "meeting", "countries": ["AM", "AZ", "RU"], "actors": []},
        {"id": "3", "type": "agreement", "countries": ["AM", "AZ"], "actors": []},
        {"id": "4", "type": "statement", "countries": ["RU"], "actors": []},
    ]
    assert pairs_of(events) == (
        PairCount("AM", "AZ", "meeting", 2),
        PairCount("AM", "AZ", "agreement", 1),
        PairCount("AM", "RU", "meeting", 1),
        PairCount("AZ", "RU", "meeting", 1),
    )
    with pytest.raises(ValueError):
        pairs_of(events, by="places")


def test_the_position_of_an_event_is_its_row_in_the_table(views: MemoryViews, events: list[dict]) -> None:
    for sort in (Sort(), Sort("date", descending=False), Sort("type"), Sort("confidence")):
        rows = [e["id"] for e in views.page(ALL, sort=sort, limit=1000).events]
        for event_id in ("fixture-almaty-talks", "fixture-undated", rows[0], rows[-1]):
            assert views.position(ALL, event_id, sort=sort) == rows.index(event_id)
    assert views.position(Filters(countries=("GE",)), "fixture-almaty-talks") is None  # does not match
    assert views.position(Filters(), "fixture-planned-2050") is None  # planned: hidden by default
    assert views.position(ALL, "no-such-event") is None


def test_an_event_is_found_by_its_id_or_the_id_of_one_of_its_reports() -> None:
    merged = {"id": "group-1", "member_ids": ["report-a", "report-b"], "type": "meeting", "countries": []}
    views = MemoryViews([merged], "merged")
    assert views.event("group-1") is views.event("report-b") is not None
    assert views.event("report-c") is None


def test_arabic_names_come_from_the_data(views: MemoryViews) -> None:
    assert views.arabic_names("actors")["Ararat Mirzoyan"] == "أرارات ميرزويان"
    assert views.arabic_names("places")["Geneva"] == "جنيف"
    with pytest.raises(ValueError):
        views.arabic_names("sources")


def test_the_paragraph_around_a_sentence_comes_from_the_article_text() -> None:
    sentence = "التقى الوزيران في جنيف يوم 15 أكتوبر 2024."
    text = f"عنوان الخبر\nجنيف - وكالات\nقال مصدر إن المحادثات كانت صريحة. {sentence} وسيلتقيان مجددًا.\nفقرة أخرى."
    start = text.index(sentence)
    event = {"id": "e", "article_id": "a", "sentence": sentence, "char_start": start, "char_end": start + len(sentence)}
    views = MemoryViews([event], "p", article_text={"a": text}.get)
    paragraph = views.paragraph("e")
    assert paragraph is not None and paragraph.text == f"قال مصدر إن المحادثات كانت صريحة. {sentence} وسيلتقيان مجددًا."
    assert paragraph.text[paragraph.start : paragraph.end] == sentence
    assert MemoryViews([event], "p").paragraph("e") is None  # no article text at hand
    moved = dict(event, char_start=0, char_end=5)  # stale offsets: the sentence is looked up
    assert MemoryViews([moved], "p", article_text={"a": text}.get).paragraph("e") == paragraph
    assert paragraph_around(text, 0, 5, "جملة ليست في النص") is None


def test_a_long_paragraph_is_cut_around_the_sentence() -> None:
    sentence = "وقّع الطرفان الاتفاق."
    text = "كلام " * 2000 + sentence + " كلام" * 2000
    start = text.index(sentence)
    paragraph = paragraph_around(text, start, start + len(sentence), sentence)
    assert isinstance(paragraph, Paragraph) and len(paragraph.text) <= 1500
    assert paragraph.text[paragraph.start : paragraph.end] == sentence and 600 < paragraph.start < 800
