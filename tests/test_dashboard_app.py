"""The page as a whole, run by Streamlit's AppTest (no browser, no JavaScript)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from components.store.facets import event_role, event_status

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "events.jsonl"


@pytest.fixture(autouse=True)
def fixture_events(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_EVENTS_JSONL", str(FIXTURE))


def fixture_events_list() -> list[dict]:
    return [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line.strip()]


def reported() -> list[dict]:
    """The events a page shows by default: planned ones are hidden."""
    return [event for event in fixture_events_list() if event_status(event) != "planned"]


def run(**params: str | list[str]) -> AppTest:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    for key, value in params.items():
        app.query_params[key] = value
    return app.run()


def summary_text(app: AppTest) -> str:
    for element in app.markdown:
        if re.match(r"\*\*(\d+ events?|لا أحداث|حدث واحد|حدثان|\d+ (أحداث|حدثًا|حدث)) ·", element.value):
            return element.value
    raise AssertionError("no summary line")


def shown_count(app: AppTest) -> int:
    match = re.match(r"\*\*(\d+) events? ·", summary_text(app))
    assert match, summary_text(app)
    return int(match.group(1))


def details_body(app: AppTest) -> str:
    (details,) = [
        element.proto.body
        for element in app.get("html")
        if "tl-details" in element.proto.body and "<style>" not in element.proto.body
    ]
    return details


def test_page_runs_and_counts_the_reported_events() -> None:
    app = run()
    assert not app.exception
    assert shown_count(app) == len(reported())
    planned = len(fixture_events_list()) - len(reported())
    assert f"{planned} planned events hidden" in summary_text(app)
    charts = list(app.get("plotly_chart"))
    assert len(charts) == 2
    assert any("geo" in json.loads(chart.proto.spec)["layout"] for chart in charts)


def test_url_parameters_seed_the_filters() -> None:
    app = run(country="RU", type="meeting")
    assert not app.exception and not app.warning
    assert app.multiselect(key="f_country_en").value == ["RU"]
    expected = sum(
        1
        for e in reported()
        if ("RU" in e["countries"] or e.get("location_country") == "RU") and e["type"] == "meeting"
    )
    assert 0 < shown_count(app) == expected < len(reported())


def test_date_overlap_from_the_url() -> None:
    app = run(**{"from": "2023-05-10", "to": "2023-05-20", "q": "موسكو"})
    assert not app.exception
    assert shown_count(app) == 1  # the "May 2023" Moscow talks overlap 10–20 May


def test_planned_events_show_with_the_flag_and_background_ones_are_counted() -> None:
    app = run(planned="1")
    assert shown_count(app) == len(fixture_events_list())
    assert app.toggle(key="f_planned_en").value is True
    planned = len(fixture_events_list()) - len(reported())
    assert f"{planned} of them planned (hollow marks)" in summary_text(app)
    background = sum(1 for e in fixture_events_list() if event_role(e) == "background")
    assert f"{background} of them background" in summary_text(app)
    only_background = run(role="background")
    assert shown_count(only_background) == sum(1 for e in reported() if event_role(e) == "background")


def test_all_of_the_chosen_countries_and_a_minimum_confidence() -> None:
    app = run(country=["AM", "RU"], cmode="all", conf="0.9")
    assert not app.exception
    expected = [
        e for e in reported() if {"AM", "RU"} <= {*e["countries"], e.get("location_country")} and e["confidence"] >= 0.9
    ]
    assert shown_count(app) == len(expected) > 0
    assert app.radio(key="f_cmode_en").value == "all" and app.slider(key="f_conf_en").value == 0.9


def test_garbage_parameters_render_with_a_notice() -> None:
    app = run(
        country=["XX", "AM"],
        **{
            "from": "banana",
            "event": "<script>alert(1)</script>",
            "lanes": "sideways",
            "q": "<img src=x onerror=alert(1)>",
            "conf": "2",
            "zoom": "2024-01-01..2020-01-01",
        },
    )
    assert not app.exception
    (warning,) = app.warning
    assert "`banana`" in warning.value and "`XX`" in warning.value and "`2`" in warning.value
    assert "`<script>alert(1)</script>`" in warning.value  # shown as inline code, never as markup
    assert app.multiselect(key="f_country_en").value == ["AM"]
    assert app.radio(key="f_lanes_en").value == "type"
    assert "<" not in app.text_input(key="f_q_en").value and "onerror" in app.text_input(key="f_q_en").value
    assert app.date_input(key="f_from_en").value is None


def test_link_values_in_notices_are_plain_text_short_and_without_bidi_controls() -> None:
    phishing = "Your session expired. Sign in again at https://evil.example/login"
    app = run(
        actor=[phishing, phishing, "\u202egnp.exe"],
        source="![x](http://203.0.113.9/t.png)",
        country="[Click to re-login](https://evil.example/login)",
        **{"from": "1900-01-01"},
    )
    assert not app.exception
    (warning,) = app.warning
    lines = warning.value.splitlines()[1:]
    assert sum(phishing[:40] in line for line in lines) == 1  # the same notice once
    assert "`[Click to re-login](https://evil.example/login)`" in warning.value
    assert "`![x](http://203.0.113.9/t.png)`" in warning.value and "1900" in warning.value
    assert "\u202e" not in warning.value and "`gnp.exe`" in warning.value
    assert all(len(code) <= 80 for code in re.findall(r"`([^`]*)`", warning.value))
    code_free = re.sub(r"`[^`]*`", "", warning.value)
    assert "http" not in code_free and "](" not in code_free


def test_a_link_with_thousands_of_values_says_so() -> None:
    app = run(country=["AM"] * 3000)
    assert not app.exception
    (warning,) = app.warning
    assert "3000" in warning.value and len(warning.value.splitlines()) < 10


def test_event_parameter_opens_details_and_escapes_them() -> None:
    app = run(event="fixture-xss")
    assert not app.exception
    body = details_body(app)
    assert 'data-event-id="fixture-xss"' in body
    assert "<script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<img" not in body


def test_previous_and_next_walk_the_table_order_and_the_link_follows() -> None:
    app = run()
    order = list(app.dataframe[0].value.index)
    app = run(event=order[1])
    app.button(key="next_event_en").click().run()
    assert f'data-event-id="{order[2]}"' in details_body(app)
    assert app.query_params["event"] == order[2]
    app.button(key="previous_event_en").click().run()
    app.button(key="previous_event_en").click().run()
    assert f'data-event-id="{order[0]}"' in details_body(app) and app.query_params["event"] == order[0]
    assert "previous_event_en" not in [button.key for button in app.button]  # the first event has none before it
    app.button(key="close_en").click().run()
    assert "event" not in app.query_params


@pytest.mark.parametrize("event_id", ["fixture-background-1938", "fixture-planned-2050"])
def test_events_far_in_the_past_or_future_open(event_id: str) -> None:
    app = run(event=event_id, planned="1")
    assert not app.exception
    assert f'data-event-id="{event_id}"' in details_body(app)
    app = run(event=event_id)  # without the flag the planned one is outside the filters, and says so
    assert not app.exception
    outside = event_id == "fixture-planned-2050"
    assert any("outside the current filters" in warning.value for warning in app.warning) == outside


def test_an_open_event_the_filters_exclude_stays_open_with_a_note() -> None:
    app = run(event="fixture-almaty-talks")
    assert not app.warning
    app.multiselect(key="f_country_en").set_value(["GE"]).run()
    assert not app.exception
    assert 'data-event-id="fixture-almaty-talks"' in details_body(app)
    assert any("outside the current filters" in warning.value for warning in app.warning)


def test_changing_a_filter_rewrites_the_url_and_the_language_switch_keeps_it() -> None:
    app = run()
    app.multiselect(key="f_type_en").set_value(["agreement"]).run()
    app.radio(key="f_lang_en").set_value("ar").run()
    assert not app.exception
    assert app.query_params["type"] in ("agreement", ["agreement"]) and app.query_params["lang"] in ("ar", ["ar"])
    agreements = sum(1 for event in reported() if event["type"] == "agreement")
    assert summary_text(app).startswith(f"**{agreements} أحداث ·")
    arabic = app.multiselect(key="f_type_ar")  # a widget of its own per language: nothing English survives
    assert arabic.value == ["agreement"] and arabic.label == "نوع الحدث"
    assert all(not re.search("[A-Za-z]", option) for option in arabic.options)


def test_browser_back_to_an_earlier_link_shows_its_view() -> None:
    app = run(country="AM")
    armenia = shown_count(app)
    app.multiselect(key="f_country_en").set_value(["GE"]).run()
    assert app.query_params["country"] in ("GE", ["GE"])
    app.query_params["country"] = "AM"  # what the browser sends after Back
    app.run()
    assert shown_count(app) == armenia and app.multiselect(key="f_country_en").value == ["AM"]


def test_the_table_is_newest_first_paged_and_sorted_from_the_link() -> None:
    app = run()
    table = app.dataframe[0].value
    assert len(table) == 50 and table.iloc[0]["Date"] >= table.iloc[1]["Date"] >= table.iloc[-1]["Date"]
    assert "Rows 1–50 of" in " ".join(caption.value for caption in app.caption)
    app.button(key="page_next_en").click().run()
    assert len(app.dataframe[0].value) == len(reported()) - 50
    by_confidence = run(sort="-confidence").dataframe[0].value
    confidences = list(by_confidence["Confidence"])
    assert confidences == sorted(confidences, reverse=True)


def test_the_relations_view_comes_from_the_link() -> None:
    app = run(view="relations", by="countries")
    assert not app.exception
    charts = [json.loads(chart.proto.spec) for chart in app.get("plotly_chart")]
    assert len(charts) == 2 and not any("geo" in chart["layout"] for chart in charts)
    matrix = charts[1]
    assert "Armenia" in matrix["layout"]["xaxis"]["ticktext"] and matrix["data"][0]["mode"] == "markers+text"


def test_a_stale_option_label_sent_back_by_the_browser_is_mapped_to_its_value() -> None:
    from components.ui.controls import repair_facet

    assert repair_facet("countries", ["Armenia (87)", "AZ", "أذربيجان (4)"]) == ["AM", "AZ"]
    assert repair_facet("types", ["meeting (3)", "لقاء (2)", "border"]) == ["meeting", "border"]
    assert repair_facet("actors", ["Nikol Pashinyan (24)"]) == ["Nikol Pashinyan"]
    filtered = shown_count(run(country="AM"))
    app = run(country="AM")
    app.multiselect(key="f_country_en").set_value(
        ["Armenia (999)"]
    ).run()  # what the browser sends once the counts changed
    assert not app.exception
    assert shown_count(app) == filtered
    assert app.query_params["country"] in ("AM", ["AM"])


def test_the_page_says_its_language_and_direction_and_shows_a_busy_state() -> None:
    app = run(lang="ar")
    (script,) = [element.proto.body for element in app.get("html") if "<script>" in element.proto.body]
    assert 'root.lang = "ar"; root.dir = "rtl"' in script and "جارٍ التحديث" in script
    assert 'data-test-script-state="running"' in script  # dims stale content while rerunning
    assert 'root.dir = "ltr"' in [e.proto.body for e in run().get("html") if "<script>" in e.proto.body][0]


def test_the_geojson_download_says_how_many_events_it_leaves_out() -> None:
    app = run()
    without = sum(1 for e in reported() if not e["places"])
    labels = [button.proto.label for button in app.get("download_button")]
    assert "GeoJSON (QGIS)" in labels
    assert f"The GeoJSON file leaves out {without} events without a place." in [c.value for c in app.caption]
    arabic = run(lang="ar")
    assert f"{without} حدثًا بلا مكان لا يشملها ملف GeoJSON." in [c.value for c in arabic.caption]
