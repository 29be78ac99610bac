"""The URL grammar: parsing, building, round trip, and what happens to garbage."""

from __future__ import annotations

import random
from datetime import date, timedelta
from urllib.parse import parse_qs

from components.extract.models import EVENT_TYPES
from components.store.query import Filters
from components.ui.url_state import MAX_VALUES, SORTS, ViewState, build_query, parse_query, query_string

ACTORS = ("Ilham Aliyev", "Nikol Pashinyan", "Sergey Lavrov")
PLACES = ("Baku", "Geneva", "Moscow")
SOURCES = ("RT Arabic", "Al Jazeera", "Sky News Arabia")
EVENT_IDS = ("a1b2c3", "fixture-xss", "0195de168004ee49")


def random_state(rng: random.Random) -> ViewState:
    start = date(2020, 1, 1) + timedelta(days=rng.randrange(2000)) if rng.random() < 0.5 else None
    end = start + timedelta(days=rng.randrange(400)) if start and rng.random() < 0.7 else None
    return ViewState(
        Filters(
            countries=tuple(rng.sample(("AM", "AZ", "RU", "GE", "UA", "KZ", "TR"), rng.randrange(4))),
            actors=tuple(rng.sample(ACTORS, rng.randrange(3))),
            types=tuple(rng.sample(EVENT_TYPES, rng.randrange(4))),
            date_from=start,
            date_to=end,
            q=rng.choice(("", "باكو", "peace talks", "سلام & ود", "a=b?c#d")),
            sources=tuple(rng.sample(SOURCES, rng.randrange(3))),
            places=tuple(rng.sample(PLACES, rng.randrange(3))),
            roles=tuple(rng.sample(("news", "background"), rng.randrange(3))),
            planned=rng.random() < 0.3,
            min_confidence=rng.choice((0.0, 0.5, 0.75, 1.0)),
            country_mode=rng.choice(("", "all")),
            actor_mode=rng.choice(("", "all")),
        ),
        lanes=rng.choice(("type", "country")),
        lang=rng.choice(("en", "ar")),
        event=rng.choice((None, *EVENT_IDS)),
        sort=rng.choice(SORTS),
        zoom=rng.choice((None, (date(2021, 3, 1), date(2022, 1, 31)))),
        view=rng.choice(("map", "relations")),
        pairs=rng.choice(("countries", "actors")),
    )


def test_round_trip_through_dict_and_query_string() -> None:
    rng = random.Random(5)
    for _ in range(400):
        state = random_state(rng)
        known = {"actors": ACTORS, "sources": SOURCES, "places": PLACES}
        parsed, notices = parse_query(build_query(state), event_ids=EVENT_IDS, **known)
        assert notices == []
        assert parsed == state
        again, _ = parse_query(parse_qs(query_string(state)), event_ids=EVENT_IDS, **known)
        assert again == state


def test_defaults_are_left_out_of_the_url() -> None:
    assert build_query(ViewState()) == {}
    assert query_string(ViewState(Filters(countries=("AM", "AZ")), lang="ar")) == "country=AM&country=AZ&lang=ar"


def test_documented_grammar_is_read() -> None:
    params = {
        "country": ["AM", "az"],
        "type": ["meeting"],
        "from": "2023-05-10",
        "to": "2023-05-20",
        "q": "باكو",
        "lanes": "country",
        "lang": "ar",
        "event": "a1b2c3",
        "actor": ["Ilham Aliyev"],
    }
    state, notices = parse_query(params, actors=ACTORS, event_ids=EVENT_IDS)
    assert notices == []
    assert state.filters.selected("countries") == ("AM", "AZ")
    assert state.filters.day("date_from") == date(2023, 5, 10) and state.filters.day("date_to") == date(2023, 5, 20)
    assert (state.lanes, state.lang, state.event, state.filters.text("q")) == ("country", "ar", "a1b2c3", "باكو")


def test_garbage_is_dropped_with_notices() -> None:
    params = {
        "country": ["XX", "AM", "<script>"],
        "from": "banana",
        "to": "2023-02-30",
        "lanes": "diagonal",
        "lang": "fr",
        "event": "no-such-event",
        "type": ["meeting", "party"],
        "actor": ["<script>alert(1)</script>"],
        "zzz": "1",
    }
    state, notices = parse_query(params, actors=ACTORS, sources=SOURCES, event_ids=EVENT_IDS)
    assert state == ViewState(Filters(countries=("AM",), types=("meeting",)))
    keys = {(notice.key, notice.param) for notice in notices}
    assert ("notice_bad_date", "from") in keys and ("notice_bad_date", "to") in keys
    assert ("notice_unknown_value", "country") in keys and ("notice_unknown_event", "event") in keys
    assert ("notice_unknown_param", "zzz") in keys and ("notice_unknown_value", "actor") in keys
    assert len([notice for notice in notices if notice.param == "country"]) == 2


def test_reversed_range_is_turned_around() -> None:
    state, notices = parse_query({"from": "2024-05-01", "to": "2023-01-01"})
    assert (state.filters.day("date_from"), state.filters.day("date_to")) == (date(2023, 1, 1), date(2024, 5, 1))
    assert [notice.key for notice in notices] == ["notice_swapped_dates"]


def test_script_in_search_text_is_defused() -> None:
    state, notices = parse_query({"q": "<script>alert(1)</script>"})
    assert "<" not in state.filters.text("q") and ">" not in state.filters.text("q")
    assert [notice.key for notice in notices] == ["notice_cleaned_text"]


def test_without_known_lists_any_well_formed_value_passes() -> None:
    state, notices = parse_query({"actor": "Someone New", "event": "abc123"})
    assert state.filters.selected("actors") == ("Someone New",) and state.event == "abc123" and notices == []


def test_dates_outside_the_filter_range_are_dropped_with_a_notice() -> None:
    state, notices = parse_query({"from": ["1900-01-01"], "to": ["2099-01-01"]})
    assert (state.filters.day("date_from"), state.filters.day("date_to")) == (None, None)
    assert [(n.key, n.param) for n in notices] == [
        ("notice_date_out_of_range", "from"),
        ("notice_date_out_of_range", "to"),
    ]


def test_the_view_keys_of_the_grammar_are_read() -> None:
    params = {
        "cmode": "all",
        "amode": "ANY",
        "planned": "1",
        "conf": "0.65",
        "role": ["background", "NEWS"],
        "place": "Geneva",
        "sort": "-confidence",
        "zoom": "2021-01-01..2021-06-30",
        "view": "relations",
        "by": "actors",
    }
    state, notices = parse_query(params, places=PLACES)
    assert notices == []
    assert state.filters == Filters(
        country_mode="all", planned=True, min_confidence=0.65, roles=("background", "news"), places=("Geneva",)
    )
    assert (state.sort, state.zoom, state.view, state.pairs) == (
        "-confidence",
        (date(2021, 1, 1), date(2021, 6, 30)),
        "relations",
        "actors",
    )
    assert query_string(ViewState(Filters(planned=True, min_confidence=0.6))) == "planned=1&conf=0.6"


def test_bad_values_of_the_view_keys_are_dropped_with_notices() -> None:
    params = {"cmode": "some", "planned": "maybe", "conf": ["nan", "1.5"], "role": "rumour", "sort": "colour"}
    params |= {"zoom": "2022-01-01..2021-01-01", "view": "globe", "by": "cities"}
    state, notices = parse_query(params)
    assert state == ViewState()
    assert [(n.key, n.param) for n in notices] == [
        ("notice_unknown_value", "cmode"),
        ("notice_unknown_value", "role"),
        ("notice_unknown_value", "planned"),
        ("notice_bad_number", "conf"),
        ("notice_unknown_value", "sort"),
        ("notice_bad_zoom", "zoom"),
        ("notice_unknown_value", "view"),
        ("notice_unknown_value", "by"),
    ]


def test_a_notice_is_given_once_and_a_huge_link_is_read_up_to_a_bound() -> None:
    _, notices = parse_query({"country": ["XX"] * 50})
    assert [(n.key, n.value) for n in notices] == [("notice_unknown_value", "XX")]
    state, notices = parse_query({"country": ["AM"] * 5000, "type": "meeting"})
    assert notices[0].key == "notice_too_many_values" and notices[0].value == "5001"
    assert state.filters.selected("countries") == ("AM",) and not state.filters.selected("types")
    assert MAX_VALUES == 200
