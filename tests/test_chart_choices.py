"""The charts' lists (what the timeline's and the map's marks stand for, for the keyboard): their
entries, and a pick on the page doing what a click on the mark does."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.evaluation.synthetic import synthetic_events
from components.store.memory_views import MemoryViews
from components.store.query import Filters
from components.ui.chart_choices import chosen, map_choices, timeline_choices
from components.ui.map_figure import map_view
from tests.test_figures import BAKU, EVENTS, MOSCOW, SUMGAIT, make

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "events.jsonl"


def test_the_timeline_list_holds_each_visible_event_once_by_date_in_the_interface_language() -> None:
    data = MemoryViews(EVENTS, "test").timeline(Filters(planned=True), lanes="country")  # an event in two lanes
    entries = timeline_choices(data, None, "en")
    assert [entry.event for entry in entries] == ["year", "month", "day1", "span", "planned"]
    assert entries[2].label == "10 May 2023 · Meeting — Armenia, Azerbaijan — Baku"
    assert entries[1].label.startswith("May 2023 · Statement")
    arabic = timeline_choices(data, None, "ar")
    assert arabic[2].label == "10 مايو 2023 · لقاء — أرمينيا، أذربيجان — باكو"
    shown = timeline_choices(data, (date(2023, 5, 5), date(2023, 5, 10)), "en")
    assert [entry.event for entry in shown] == ["month", "day1", "span"]  # what the visible range shows


def test_when_the_timeline_counts_events_its_list_offers_the_periods_to_zoom_into() -> None:
    events = synthetic_events(3000, seed=2)
    data = MemoryViews(events, "test").timeline(Filters(planned=True), max_marks=1000)
    assert data.buckets
    entries = timeline_choices(data, None, "en")
    assert all(entry.window and entry.event is None for entry in entries)
    assert [entry.window for entry in entries] == sorted({(b.start, b.end) for b in data.buckets})
    counted = sum(int(entry.label.rsplit(" · ", 1)[1].split()[0].replace(",", "")) for entry in entries)
    assert counted == sum(bucket.count for bucket in data.buckets)


def test_the_map_list_has_one_entry_per_marker_naming_its_places_and_events() -> None:
    events = [make(f"b{i}", "2023-01-01", "2023-01-01", "day", places=[BAKU]) for i in range(3)]
    events += [make("s", "2023-01-02", "2023-01-02", "day", kind="border", places=[SUMGAIT])]
    events += [make("m", "2023-01-03", "2023-01-03", "day", places=[MOSCOW])]
    view = map_view(MemoryViews(events, "test").places(Filters()), lang="ar")
    entries = map_choices(view.markers)
    assert [entry.places for entry in entries] == [("Baku", "Sumgait"), ("Moscow",)]
    assert entries[0].label.startswith("باكو، سومقايت · 4 أحداث")
    assert chosen(entries, event=None, places=["Sumgait", "Baku"]) == entries[0].key
    assert chosen(entries, event=None, places=[]) is None


@pytest.fixture()
def app(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("TIMELINE_EVENTS_JSONL", str(FIXTURE))
    page = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    page.query_params["q"] = "موسكو"
    return page.run()


def test_picking_an_event_in_the_timeline_list_opens_it(app: AppTest) -> None:
    timeline = app.selectbox(key="f_timeline_marks_en")
    assert timeline.options == [
        f"{month} 2023 · Meeting — Armenia, Azerbaijan, Russia — Moscow" for month in ("May", "July")
    ]
    timeline.set_value("fixture-moscow-july-2023").run()
    assert not app.exception
    assert app.query_params["event"] in ("fixture-moscow-july-2023", ["fixture-moscow-july-2023"])
    assert app.selectbox(key="f_timeline_marks_en").value == "fixture-moscow-july-2023"


def test_picking_a_marker_in_the_map_list_lists_its_events(app: AppTest) -> None:
    app.selectbox(key="f_map_marks_en").set_value("Moscow").run()
    assert not app.exception
    assert app.query_params["place"] in ("Moscow", ["Moscow"])
    assert any("2023-07-01 · Meeting" in button.label for button in app.button)
