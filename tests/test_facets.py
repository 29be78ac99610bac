"""The facet table drives the URL grammar, the masks and counts, and the sidebar: every row is
covered by each of them, and a table with more rows needs no other change."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.store.facets import FACETS, Facet, Kind, table_problems
from components.store.memory_index import build_index, facet_counts, filter_rows, known_names
from components.store.query import Filters, FilterValue
from components.store.records import StoredEvent
from components.text.arabic import fold_key
from components.ui.controls import widget_key
from components.ui.i18n import t, ui_strings
from components.ui.url_state import ViewState, build_query, parse_query

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "events.jsonl"


def fixture_events() -> list[StoredEvent]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]


def place_names(event: StoredEvent) -> list[str | None]:
    return [place.get("name_en") for place in event.get("places") or []]


def precision(event: StoredEvent) -> tuple[str | None]:
    return (event.get("precision"),)


# Two rows more, of two kinds, with labels the interface already has: nothing else changes.
EXTENDED = (
    *FACETS,
    Facet("places", "place", Kind.NAMES, "field_places", place_names),
    Facet(
        "precisions", "precision", Kind.CODES, "fix_precision", precision, str.lower, lambda: ("day", "month", "year")
    ),
)


def test_the_tables_are_well_formed() -> None:
    assert table_problems(FACETS) == []
    assert table_problems(EXTENDED) == []


def test_a_faulty_table_is_reported() -> None:
    faulty = (
        *FACETS,
        Facet("countries", "nation", Kind.CODES, "filter_country", precision),
        Facet("since", "from", Kind.DATE_FROM, "filter_from", precision),
    )
    assert table_problems(faulty) == [
        "name 'countries' is repeated",
        "param 'from' is repeated",
        "more than one date from row",
        "countries: a code list needs a vocabulary",
    ]


def test_every_row_has_its_label_in_both_languages() -> None:
    strings = ui_strings()
    for facet in FACETS:
        assert strings[facet.label]["en"] and strings[facet.label]["ar"], facet.name


def sample_value(facet: Facet, event: StoredEvent) -> FilterValue:
    """A value of ``facet`` that ``event`` matches."""
    offered = [value for value in facet.event_values(event) if value]
    if facet.repeatable:
        return (offered[0],)
    if facet.kind is Kind.TEXT:
        return str(event.get("title_en")).split()[-1]
    return date.fromisoformat(offered[0])


@pytest.mark.parametrize("facet", FACETS, ids=lambda facet: facet.name)
def test_every_row_is_read_from_a_link_written_back_and_filters(facet: Facet) -> None:
    events = [event for event in fixture_events() if event.get("date_start") and event.get("places")]
    index = build_index(events)
    value = sample_value(facet, events[0])
    state = ViewState(Filters(**{facet.name: value}))
    query = build_query(state)
    assert list(query) == [facet.param]
    parsed, notices = parse_query(query, **known_names(index))
    assert (parsed, notices) == (state, [])
    matched = [index.events[row] for row in filter_rows(index, state.filters)]
    assert events[0] in matched
    for event in matched:
        offered = [item for item in facet.event_values(event) if item]
        if facet.repeatable:
            assert set(value) & set(offered)
        elif facet.kind is Kind.TEXT:
            assert fold_key(str(value)) in fold_key(" ".join(offered))
        elif facet.kind is Kind.DATE_FROM:
            assert date.fromisoformat(offered[0]) >= value
        else:
            assert date.fromisoformat(offered[0]) <= value
    if facet.repeatable:
        assert facet_counts(index, Filters(), facet.name)[value[0]] == len(matched)


def test_every_row_has_its_widget_on_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_EVENTS_JSONL", str(FIXTURE))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not app.exception
    for facet in FACETS:
        kind = "multiselect" if facet.repeatable else "text_input" if facet.kind is Kind.TEXT else "date_input"
        (widget,) = [element for element in app.get(kind) if element.key == widget_key(facet)]
        assert widget.label == t(facet.label, "en")


def test_a_new_row_is_read_from_a_link_and_written_back() -> None:
    params = {"place": ["Moscow", "Atlantis"], "precision": "MONTH", "country": "am"}
    state, notices = parse_query(params, facets=EXTENDED, places=["Moscow", "Baku"])
    assert state.filters == Filters(places=("Moscow",), precisions=("month",), countries=("AM",))
    assert [(n.key, n.param, n.value) for n in notices] == [("notice_unknown_value", "place", "Atlantis")]
    assert build_query(state, EXTENDED) == {"country": ["AM"], "place": ["Moscow"], "precision": ["month"]}
    _, notices = parse_query({"place": "Moscow"})  # the shipped table does not have it
    assert [(n.key, n.param) for n in notices] == [("notice_unknown_param", "place")]
    with pytest.raises(ValueError):
        build_query(state)


def test_a_new_row_filters_and_counts() -> None:
    events = fixture_events()
    index = build_index(events, EXTENDED)
    expected = {e["id"] for e in events if "Moscow" in place_names(e) and e.get("precision") == "month"}
    rows = filter_rows(index, Filters(places=("Moscow",), precisions=("month",)))
    assert expected and {index.events[row]["id"] for row in rows} == expected
    assert facet_counts(index, Filters(precisions=("month",)), "places")["Moscow"] == len(expected)
    assert facet_counts(index, Filters(places=("Moscow",)), "precisions") == {"month": len(expected)}
    assert "Moscow" in known_names(index)["places"]
    with pytest.raises(ValueError):
        filter_rows(build_index(events), Filters(places=("Moscow",)))


def _sidebar_of_the_extended_table() -> None:
    """A page with only the sidebar, on the fixture events and the extended table."""
    import streamlit as st
    from test_facets import EXTENDED, fixture_events

    from components.store.memory_index import build_index, facet_counts, filter_rows, known_names
    from components.ui import controls

    index = build_index(fixture_events(), EXTENDED)
    controls.seed_from_url(known_names(index), index.by_id, EXTENDED)
    pending = controls.current_state(EXTENDED).filters
    controls.render_filters(index, lambda facet: facet_counts(index, pending, facet))
    state = controls.current_state(EXTENDED)
    controls.sync_url(state, EXTENDED)
    st.markdown(f"matching: {len(filter_rows(index, state.filters))}")


def test_a_new_row_gets_its_widget_and_goes_into_the_link() -> None:
    events = fixture_events()
    app = AppTest.from_function(_sidebar_of_the_extended_table, default_timeout=60)
    app.query_params["precision"] = "month"
    app.run()
    assert not app.exception and not app.warning
    assert app.multiselect(key="f_precision").value == ["month"]
    places = app.multiselect(key="f_place")
    assert places.label == "Places" and places.value == []
    places.set_value(["Moscow"]).run()
    assert not app.exception
    expected = sum(1 for e in events if "Moscow" in place_names(e) and e.get("precision") == "month")
    assert app.markdown[-1].value == f"matching: {expected}"
    assert app.query_params["place"] in ("Moscow", ["Moscow"])
    assert app.query_params["precision"] in ("month", ["month"])
    app.button[0].click().run()  # the reset empties the new rows too
    assert app.multiselect(key="f_place").value == [] and app.multiselect(key="f_precision").value == []
    assert app.markdown[-1].value == f"matching: {len(events)}"
