"""The page as a whole, run by Streamlit's AppTest (no browser, no JavaScript)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "events.jsonl"


@pytest.fixture(autouse=True)
def fixture_events(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_EVENTS_JSONL", str(FIXTURE))


def fixture_events_list() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]


def run(**params: str | list[str]) -> AppTest:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    return app.run()


def shown_count(app: AppTest) -> int:
    for element in app.markdown:
        match = re.match(r"\*\*(\d+) events? ·", element.value)
        if match:
            return int(match.group(1))
    raise AssertionError("no summary line")


def test_page_runs_and_counts_all_events() -> None:
    app = run()
    assert not app.exception
    assert shown_count(app) == len(fixture_events_list())
    charts = list(app.get("plotly_chart"))
    assert len(charts) == 2
    assert any("geo" in json.loads(chart.proto.spec)["layout"] for chart in charts)


def test_url_parameters_seed_the_filters() -> None:
    events = fixture_events_list()
    app = run(country="RU", type="meeting")
    assert not app.exception and not app.warning
    assert app.multiselect(key="f_country").value == ["RU"]
    expected = sum(1 for event in events if "RU" in event["countries"] and event["type"] == "meeting")
    assert 0 < shown_count(app) == expected < len(events)


def test_date_overlap_from_the_url() -> None:
    app = run(**{"from": "2023-05-10", "to": "2023-05-20", "q": "موسكو"})
    assert not app.exception
    assert shown_count(app) == 1  # the "May 2023" Moscow talks overlap 10–20 May


def test_garbage_parameters_render_with_a_notice() -> None:
    app = run(
        country=["XX", "AM"],
        **{
            "from": "banana",
            "event": "<script>alert(1)</script>",
            "lanes": "sideways",
            "q": "<img src=x onerror=alert(1)>",
        },
    )
    assert not app.exception
    (warning,) = app.warning
    assert "banana" in warning.value and "XX" in warning.value and "<script>" not in warning.value
    assert app.multiselect(key="f_country").value == ["AM"]
    assert app.radio(key="f_lanes").value == "type"
    assert "<" not in app.text_input(key="f_q").value and "onerror" in app.text_input(key="f_q").value
    assert app.date_input(key="f_from").value is None


def test_event_parameter_opens_details_and_escapes_them() -> None:
    app = run(event="fixture-xss")
    assert not app.exception
    (details,) = [element for element in app.get("html") if "tl-details" in element.proto.body]
    body = details.proto.body
    assert 'data-event-id="fixture-xss"' in body
    assert "<script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<img" not in body


def test_changing_a_filter_rewrites_the_url() -> None:
    app = run()
    app.multiselect(key="f_type").set_value(["agreement"]).run()
    app.radio(key="f_lang").set_value("ar").run()
    assert not app.exception
    assert app.query_params["type"] in ("agreement", ["agreement"]) and app.query_params["lang"] in ("ar", ["ar"])
    events = fixture_events_list()
    assert shown_count_ar(app) == sum(1 for event in events if event["type"] == "agreement")


def shown_count_ar(app: AppTest) -> int:
    for element in app.markdown:
        match = re.match(r"\*\*الأحداث: (\d+) ·", element.value)
        if match:
            return int(match.group(1))
    raise AssertionError("no Arabic summary line")


def test_a_stale_option_label_sent_back_by_the_browser_is_mapped_to_its_value() -> None:
    from components.ui.controls import repair_facet

    assert repair_facet("countries", ["Armenia (87)", "AZ", "أذربيجان (4)"]) == ["AM", "AZ"]
    assert repair_facet("types", ["meeting (3)", "لقاء (2)", "border"]) == ["meeting", "border"]
    assert repair_facet("actors", ["Nikol Pashinyan (24)"]) == ["Nikol Pashinyan"]
    filtered = shown_count(run(country="AM"))
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    app.query_params["country"] = "AM"
    app.run()
    app.session_state["f_country"] = ["Armenia (999)"]  # what the browser sends once the counts changed
    app.run()
    assert not app.exception
    assert shown_count(app) == filtered
    assert app.query_params["country"] == "AM" or app.query_params["country"] == ["AM"]


def test_link_values_in_notices_cannot_become_links_or_images() -> None:
    app = run(
        country="[Click to re-login](https://evil.example/login)",
        source="![x](http://203.0.113.9/t.png)",
        **{"from": "1900-01-01"},
    )
    assert not app.exception
    (warning,) = app.warning
    assert "](" not in warning.value.replace("\\](", "") and "\\[Click to re\\-login\\]" in warning.value
    assert "\\!\\[x\\]" in warning.value and "1900" in warning.value
