"""Filtering: overlap of date spans, facets, folded Arabic search, option counts."""

from __future__ import annotations

from datetime import date

import pytest

from components.evaluation.synthetic import synthetic_events
from components.store.memory_index import (
    all_values,
    build_index,
    facet_counts,
    filter_rows,
)
from components.store.query import Filters


def event(event_id: str, start: str | None, end: str | None, precision: str | None, **extra) -> dict:
    base = {
        "id": event_id,
        "date_start": start,
        "date_end": end,
        "precision": precision,
        "type": "meeting",
        "countries": ["AM", "AZ"],
        "actors": [],
        "places": [],
        "title_en": "Meeting",
        "sentence": "",
        "source": "RT Arabic",
        "article_id": event_id,
    }
    base.update(extra)
    return base


@pytest.fixture(scope="module")
def index():
    return build_index(
        [
            event("may", "2023-05-01", "2023-05-31", "month", sentence="اجتمع الوزيران في موسكو"),
            event(
                "day",
                "2023-05-15",
                "2023-05-15",
                "day",
                type="agreement",
                countries=["RU"],
                sentence="وقّع الطرفان اتفاقًا في أستانا",
                title_en="Agreement — Russia — Kazakhstan",
                actors=[{"name_en": "Sergey Lavrov"}],
            ),
            event("year", "2022-01-01", "2022-12-31", "year", type="statement", sentence="قال مسؤول إن السلام قريب"),
            event("undated", None, None, None, sentence="قال المتحدث أمس", countries=["GE"], source="Al Jazeera"),
            event(
                "merged",
                "2024-03-01",
                "2024-03-02",
                "day",
                sentence="بـيـان مشترك حول الحدود",
                sources=[{"article_id": "x", "source": "Sky News Arabia"}, {"article_id": "y", "source": "Al Arabiya"}],
            ),
        ]
    )


def ids(index, filters: Filters) -> set[str]:
    return {index.events[row]["id"] for row in filter_rows(index, filters)}


def test_no_filter_keeps_everything_including_undated(index) -> None:
    assert ids(index, Filters()) == {"may", "day", "year", "undated", "merged"}


def test_month_event_overlaps_a_range_inside_it(index) -> None:
    assert ids(index, Filters(date_from=date(2023, 5, 10), date_to=date(2023, 5, 20))) == {"may", "day"}
    assert ids(index, Filters(date_from=date(2023, 5, 20), date_to=date(2023, 6, 20))) == {"may"}
    assert ids(index, Filters(date_from=date(2023, 6, 1))) == {"merged"}
    assert ids(index, Filters(date_to=date(2022, 1, 1))) == {"year"}


def test_facets(index) -> None:
    assert ids(index, Filters(countries=("RU",))) == {"day"}
    assert ids(index, Filters(countries=("AM", "GE"))) == {"may", "year", "undated", "merged"}
    assert ids(index, Filters(types=("agreement", "statement"))) == {"day", "year"}
    assert ids(index, Filters(actors=("Sergey Lavrov",))) == {"day"}
    assert ids(index, Filters(sources=("Al Arabiya",))) == {"merged"}
    assert ids(index, Filters(sources=("RT Arabic",))) == {"may", "day", "year"}


def test_text_search_ignores_diacritics_hamza_and_tatweel(index) -> None:
    assert ids(index, Filters(q="وقع")) == {"day"}  # written وقّع
    assert ids(index, Filters(q="اتفاقا")) == {"day"}  # written اتفاقًا
    assert ids(index, Filters(q="استانا")) == {"day"}  # written أستانا
    assert ids(index, Filters(q="بيان")) == {"merged"}  # written with tatweel
    assert ids(index, Filters(q="KAZAKHSTAN")) == {"day"}  # English label
    assert ids(index, Filters(q="لا يوجد")) == set()


def test_counts_ignore_their_own_facet(index) -> None:
    counts = facet_counts(index, Filters(countries=("RU",), types=("meeting", "agreement")), "countries")
    assert counts == {"AM": 2, "AZ": 2, "RU": 1, "GE": 1}
    assert facet_counts(index, Filters(countries=("RU",)), "types") == {"agreement": 1}
    assert all_values(index, "sources") == ["Al Arabiya", "Al Jazeera", "RT Arabic", "Sky News Arabia"]


def test_synthetic_events_are_deterministic_and_consistent() -> None:
    first, second = synthetic_events(200, seed=3), synthetic_events(200, seed=3)
    assert first == second and first != synthetic_events(200, seed=4)
    assert len({item["id"] for item in first}) == 200
    precisions = {item["precision"] for item in first}
    assert {"day", "month", "year", None} <= precisions
    assert any(item["date_start"] != item["date_end"] and item["precision"] == "day" for item in first)
    for item in first:
        for mention in item["mentions"]:
            assert item["sentence"][mention["start"] : mention["end"]] == mention["text"]
        if item["date_start"]:
            assert item["date_start"] <= item["date_end"]
