"""Merging events reported by several articles (pure functions over event dicts)."""

from __future__ import annotations

from components.store.merge import group_events, group_ids, merge_events, same_event

MOSCOW = {"name_en": "Moscow", "name_ar": "موسكو", "country": "RU", "lat": 55.75, "lon": 37.62, "kind": "city"}
YEREVAN = {"name_en": "Yerevan", "name_ar": "يريفان", "country": "AM", "lat": 40.18, "lon": 44.51, "kind": "city"}
RUSSIA = {"name_en": "Russia", "name_ar": "روسيا", "country": "RU", "lat": 61.0, "lon": 99.0, "kind": "country"}


def ev(
    id: str,
    start: str | None,
    end: str | None = None,
    *,
    precision: str | None = "day",
    type: str = "agreement",
    countries: tuple[str, ...] = ("AM", "AZ", "RU"),
    places: tuple[dict, ...] = (),
    approximate: bool = False,
    article: str | None = None,
    date_text: str = "",
) -> dict:
    return {
        "id": id,
        "article_id": article or f"a-{id}",
        "date_start": start,
        "date_end": end or start,
        "precision": precision if start else None,
        "approximate": approximate,
        "undated": start is None,
        "date_text": date_text,
        "type": type,
        "countries": sorted(countries),
        "actors": [],
        "places": list(places),
        "sentence": f"sentence {id}",
        "source": f"outlet {id}",
        "url": None,
        "published": None,
        "confidence": 0.5,
        "title_en": id,
    }


def test_the_trilateral_statement_in_three_date_styles_becomes_one_event() -> None:
    day = ev("day", "2020-11-09", date_text="9 نوفمبر 2020")
    month = ev("month", "2020-11-01", "2020-11-30", precision="month", type="statement", date_text="نوفمبر 2020")
    year = ev("year", "2020-01-01", "2020-12-31", precision="year", countries=("AZ", "RU"), date_text="عام 2020")
    merged = merge_events([year, month, day])
    assert len(merged) == 1
    event = merged[0]
    assert (event["date_start"], event["date_end"], event["precision"]) == ("2020-11-09", "2020-11-09", "day")
    assert event["date_text"] == "9 نوفمبر 2020"
    assert event["source_count"] == 3
    assert sorted(s["event_id"] for s in event["sources"]) == ["day", "month", "year"]
    assert event["countries"] == ["AM", "AZ", "RU"]


def test_a_stated_date_wins_over_an_inferred_one() -> None:
    inferred = ev("inferred", "2024-05-10", approximate=True)
    stated = ev("stated", "2024-05-10")
    merged = merge_events([inferred, stated])
    assert len(merged) == 1 and merged[0]["approximate"] is False and merged[0]["id"] == "stated"


def test_day_beats_month_even_when_the_day_was_inferred() -> None:
    merged = merge_events(
        [ev("m", "2024-05-01", "2024-05-31", precision="month"), ev("d", "2024-05-10", approximate=True)]
    )
    assert len(merged) == 1 and merged[0]["precision"] == "day" and merged[0]["date_start"] == "2024-05-10"


def test_types_must_be_compatible() -> None:
    assert not same_event(ev("a", "2024-05-10", type="meeting"), ev("b", "2024-05-10", type="military"))
    assert same_event(ev("a", "2024-05-10", type="agreement"), ev("b", "2024-05-10", type="statement"))
    assert same_event(ev("a", "2024-05-10", type="other"), ev("b", "2024-05-10", type="protest"))


def test_spans_must_overlap_and_undated_events_never_merge() -> None:
    assert not same_event(ev("a", "2024-05-10"), ev("b", "2024-05-11"))
    assert same_event(ev("a", "2024-05-10", "2024-05-11"), ev("b", "2024-05-11"))
    assert not same_event(ev("a", None), ev("b", None))
    assert len(merge_events([ev("a", None), ev("b", None)])) == 2


def test_countries_must_be_equal_or_one_set_inside_the_other() -> None:
    assert same_event(
        ev("a", "2024-05-10", countries=("AM", "AZ")), ev("b", "2024-05-10", countries=("AM", "AZ", "KZ"))
    )
    assert not same_event(ev("a", "2024-05-10", countries=("AM", "RU")), ev("b", "2024-05-10", countries=("AM", "AZ")))
    assert not same_event(ev("a", "2024-05-10", countries=()), ev("b", "2024-05-10", countries=("AM",)))


def test_places_must_be_compatible() -> None:
    assert not same_event(ev("a", "2024-05-10", places=(MOSCOW,)), ev("b", "2024-05-10", places=(YEREVAN,)))
    assert same_event(ev("a", "2024-05-10", places=(MOSCOW,)), ev("b", "2024-05-10"))
    assert same_event(ev("a", "2024-05-10", places=(MOSCOW,)), ev("b", "2024-05-10", places=(RUSSIA,)))
    assert same_event(ev("a", "2024-05-10", places=(MOSCOW,)), ev("b", "2024-05-10", places=(dict(MOSCOW),)))


def test_two_events_of_one_article_count_as_one_source() -> None:
    merged = merge_events([ev("a", "2024-05-10", article="x"), ev("b", "2024-05-10", article="x")])
    assert len(merged) == 1 and merged[0]["source_count"] == 1 and len(merged[0]["sources"]) == 2


def test_clusters_do_not_chain_through_a_vague_event() -> None:
    # The year-only event matches both day events, but they are different happenings.
    nov9 = ev("nov9", "2020-11-09")
    nov12 = ev("nov12", "2020-11-12")
    vague = ev("vague", "2020-01-01", "2020-12-31", precision="year")
    clusters = group_events([vague, nov12, nov9])
    assert sorted(len(c) for c in clusters) == [1, 2]
    assert {c[0]["id"] for c in clusters} == {"nov9", "nov12"}


def test_merging_is_independent_of_input_order() -> None:
    events = [
        ev("a", "2024-05-10"),
        ev("b", "2024-05-01", "2024-05-31", precision="month"),
        ev("c", "2024-05-11", type="meeting"),
        ev("d", "2024-05-10", places=(MOSCOW,)),
    ]
    assert group_ids(events) == group_ids(list(reversed(events)))
    assert group_ids(events)["b"] == "a"


def test_at_equal_precision_the_fuller_span_is_kept() -> None:
    merged = merge_events(
        [ev("one", "2024-05-10", type="meeting"), ev("two", "2024-05-10", "2024-05-11", type="meeting")]
    )
    assert len(merged) == 1 and (merged[0]["date_start"], merged[0]["date_end"]) == ("2024-05-10", "2024-05-11")
