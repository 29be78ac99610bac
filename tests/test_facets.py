"""The facet table drives the URL grammar, the masks and counts, and the sidebar: every row is
covered by each of them, and a table with more rows needs no other change."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.store.facets import ALL_OF, FACETS, Facet, Kind, event_status, facet_named, table_problems
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


def trigger_words(event: StoredEvent) -> list[str | None]:
    return [event.get("trigger")]


def precision(event: StoredEvent) -> tuple[str | None]:
    return (event.get("precision"),)


def corrected(event: StoredEvent) -> tuple[str, ...]:
    return ("1",) if event.get("corrected") else ()


# Three rows more, of three kinds, with labels the interface already has: nothing else changes.
EXTENDED = (
    *FACETS,
    Facet("triggers", "trigger", Kind.NAMES, "fix_sentence", trigger_words),
    Facet(
        "precisions", "precision", Kind.CODES, "fix_precision", precision, str.lower, lambda: ("day", "month", "year")
    ),
    Facet("corrected", "corrected", Kind.FLAG, "field_corrected", corrected),
)


def test_the_tables_are_well_formed() -> None:
    assert table_problems(FACETS) == []
    assert table_problems(EXTENDED) == []


def test_a_faulty_table_is_reported() -> None:
    faulty = (
        *FACETS,
        Facet("countries", "nation", Kind.CODES, "filter_country", precision),
        Facet("since", "from", Kind.DATE_FROM, "filter_from", precision),
        Facet("how", "how", Kind.MODE, "filter_country_mode", precision, target="q"),
    )
    assert table_problems(faulty) == [
        "name 'countries' is repeated",
        "param 'from' is repeated",
        "more than one date from row",
        "countries: a code list needs a vocabulary",
        "how: a mode needs a list facet as its target",
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
        return "لقاء" if "لقاء" in str(event.get("sentence")) else str(event.get("sentence")).split()[1]
    if facet.kind is Kind.FLAG:
        return True
    if facet.kind is Kind.MINIMUM:
        return float(offered[0])
    if facet.kind is Kind.MODE:
        return ALL_OF
    return date.fromisoformat(offered[0])


def check_matches(facet: Facet, value: FilterValue, matched: list[StoredEvent], everything: list[StoredEvent]) -> None:
    """What each kind promises of the events it lets through."""
    for event in matched:
        offered = [item for item in facet.event_values(event) if item]
        if facet.repeatable:
            assert set(value) & set(offered)
        elif facet.kind is Kind.TEXT:
            assert fold_key(str(value)) in fold_key(" ".join(offered))
        elif facet.kind is Kind.DATE_FROM:
            assert date.fromisoformat(offered[0]) >= value
        elif facet.kind is Kind.DATE_TO:
            assert date.fromisoformat(offered[0]) <= value
        elif facet.kind is Kind.MINIMUM:
            assert float(offered[0]) >= value
    if facet.kind is Kind.FLAG:  # switched on, the flagged events join the others
        assert len(matched) == len(everything)


@pytest.mark.parametrize("facet", FACETS, ids=lambda facet: facet.name)
def test_every_row_is_read_from_a_link_written_back_and_filters(facet: Facet) -> None:
    events = [event for event in fixture_events() if event.get("date_start") and event.get("places")]
    first = next(e for e in events if event_status(e) == "planned") if facet.kind is Kind.FLAG else events[0]
    index = build_index(events)
    value = sample_value(facet, first)
    state = ViewState(Filters(**{facet.name: value}))
    query = build_query(state)
    assert list(query) == [facet.param]
    parsed, notices = parse_query(query, **known_names(index))
    assert (parsed, notices) == (state, [])
    matched = [index.events[row] for row in filter_rows(index, state.filters)]
    assert first in matched
    check_matches(facet, value, matched, events)
    if facet.repeatable:
        assert facet_counts(index, Filters(), facet.name)[value[0]] == len(matched)


def test_planned_events_are_hidden_until_the_flag_shows_them() -> None:
    events = fixture_events()
    index = build_index(events)
    planned = {e["id"] for e in events if event_status(e) == "planned"}
    hidden = {index.events[row]["id"] for row in filter_rows(index, Filters())}
    assert planned and not planned & hidden and len(hidden) == len(events) - len(planned)
    assert facet_counts(index, Filters(), "planned") == {"1": len(planned)}
    shown = {index.events[row]["id"] for row in filter_rows(index, Filters(planned=True))}
    assert planned <= shown and len(shown) == len(events)


def test_a_country_matches_participants_and_the_country_where_it_happened() -> None:
    index = build_index(fixture_events())
    swiss = {index.events[row]["id"] for row in filter_rows(index, Filters(countries=("CH",)))}
    assert "fixture-geneva-talks" in swiss  # Switzerland hosts, it is not a participant
    assert "CH" not in index.events[index.by_id["fixture-geneva-talks"]]["countries"]


def test_all_of_the_chosen_countries_narrows_any_of_them() -> None:
    events = fixture_events()
    index = build_index(events)
    chosen = ("AM", "RU")
    any_of = {index.events[row]["id"] for row in filter_rows(index, Filters(countries=chosen))}
    all_of = {index.events[row]["id"] for row in filter_rows(index, Filters(countries=chosen, country_mode=ALL_OF))}
    expected = {
        e["id"]
        for e in events
        if event_status(e) != "planned" and set(chosen) <= {*e["countries"], e.get("location_country")}
    }
    assert all_of == expected and all_of < any_of
    counts = facet_counts(index, Filters(countries=chosen, country_mode=ALL_OF), "countries")
    assert counts["AM"] == counts["RU"] == len(all_of)  # a chosen one counts the events shown
    with_azerbaijan = sum(1 for e in events if e["id"] in all_of and "AZ" in e["countries"])
    assert counts["AZ"] == with_azerbaijan  # another one: what choosing it as well would leave


def test_every_row_has_its_widget_on_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_EVENTS_JSONL", str(FIXTURE))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    assert not app.exception
    kinds = {Kind.TEXT: "text_input", Kind.FLAG: "toggle", Kind.MINIMUM: "slider", Kind.MODE: "radio"}
    for facet in FACETS:
        kind = "multiselect" if facet.repeatable else kinds.get(facet.kind, "date_input")
        (widget,) = [element for element in app.get(kind) if element.key == widget_key(facet, "en")]
        assert widget.label.startswith(t(facet.label, "en"))


def test_a_new_row_is_read_from_a_link_and_written_back() -> None:
    params = {"trigger": ["التقى", "xyz"], "precision": "MONTH", "country": "am", "corrected": "1"}
    state, notices = parse_query(params, facets=EXTENDED, triggers=["التقى", "وقع"])
    assert state.filters == Filters(triggers=("التقى",), precisions=("month",), countries=("AM",), corrected=True)
    assert [(n.key, n.param, n.value) for n in notices] == [("notice_unknown_value", "trigger", "xyz")]
    assert build_query(state, EXTENDED) == {
        "country": ["AM"],
        "trigger": ["التقى"],
        "precision": ["month"],
        "corrected": "1",
    }
    _, notices = parse_query({"trigger": "التقى"})  # the shipped table does not have it
    assert [(n.key, n.param) for n in notices] == [("notice_unknown_param", "trigger")]
    with pytest.raises(ValueError):
        build_query(state)


def test_a_new_row_filters_and_counts() -> None:
    events = fixture_events()
    for event in events[:3]:
        event["corrected"] = True
    index = build_index(events, EXTENDED)
    expected = {e["id"] for e in events if e.get("precision") == "month" and event_status(e) != "planned"}
    rows = filter_rows(index, Filters(precisions=("month",), corrected=True))
    assert expected and {index.events[row]["id"] for row in rows} == expected
    assert facet_counts(index, Filters(corrected=True), "precisions")["month"] == len(expected)
    without = {index.events[row]["id"] for row in filter_rows(index, Filters(precisions=("month",)))}
    assert without == {e["id"] for e in events[3:] if e["id"] in expected}  # corrected ones hidden by default
    assert facet_counts(index, Filters(precisions=("month",)), "corrected") == {"1": len(expected - without)}
    with pytest.raises(ValueError):
        filter_rows(build_index(events), Filters(precisions=("month",)))


def _sidebar_of_the_extended_table() -> None:
    """A page with only the sidebar, on the fixture events and the extended table."""
    import streamlit as st
    from test_facets import EXTENDED, fixture_events

    from components.store.facets import Kind
    from components.store.memory_index import all_values, build_index, facet_counts, filter_rows, known_names
    from components.ui import controls
    from components.ui.sidebar import render_sidebar

    index = build_index(fixture_events(), EXTENDED)
    controls.resolve(known_names(index), index.by_id, EXTENDED)
    view = controls.state()
    render_sidebar(
        EXTENDED,
        lambda facet: facet_counts(index, view.filters, facet),
        lambda facet: all_values(index, facet),
        lambda facet: {},
    )
    state = controls.state()
    controls.sync_url(state, EXTENDED)
    lists = [facet.name for facet in EXTENDED if facet.kind is Kind.NAMES]
    st.markdown(f"matching: {len(filter_rows(index, state.filters))} ({len(lists)} name lists)")


def test_a_new_row_gets_its_widget_and_goes_into_the_link() -> None:
    events = fixture_events()
    app = AppTest.from_function(_sidebar_of_the_extended_table, default_timeout=60)
    app.query_params["precision"] = "month"
    app.run()
    assert not app.exception and not app.warning
    assert app.multiselect(key="f_precision_en").value == ["month"]
    triggers = app.multiselect(key="f_trigger_en")
    assert triggers.label == t("fix_sentence", "en") and triggers.value == []
    trigger = next(e["trigger"] for e in events if e.get("precision") == "month" and e.get("trigger"))
    triggers.set_value([trigger]).run()
    assert not app.exception
    expected = sum(
        1
        for e in events
        if e.get("trigger") == trigger and e.get("precision") == "month" and event_status(e) != "planned"
    )
    assert app.markdown[-1].value.startswith(f"matching: {expected} ")
    assert app.query_params["trigger"] in (trigger, [trigger])
    assert app.query_params["precision"] in ("month", ["month"])
    app.button(key="reset_en").click().run()  # the reset empties the new rows too
    assert app.multiselect(key="f_trigger_en").value == [] and app.multiselect(key="f_precision_en").value == []
    assert app.markdown[-1].value.startswith(f"matching: {sum(event_status(e) != 'planned' for e in events)} ")


def test_the_facet_of_a_name_is_found() -> None:
    assert facet_named("country_mode").target == "countries"
    with pytest.raises(KeyError):
        facet_named("colour")
