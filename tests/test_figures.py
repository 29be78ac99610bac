"""Timeline, map, details, downloads, summary and the interface strings."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import plotly.graph_objects as go
import pytest

from components.evaluation.synthetic import synthetic_events
from components.store.exports import to_csv_bytes, to_geojson, to_json_bytes
from components.ui.details import details_html, highlight_sentence
from components.ui.i18n import t, ui_strings
from components.ui.map_figure import map_figure, outside_places, topojson_url
from components.ui.summary import summary_line
from components.ui.timeline_figure import TYPE_COLOURS, timeline_figure

XSS = "<script>alert(1)</script> و <img src=x onerror=alert(1)>"
MOSCOW = {"name_en": "Moscow", "name_ar": "موسكو", "country": "RU", "lat": 55.75, "lon": 37.62, "kind": "city"}
BAKU = {"name_en": "Baku", "name_ar": "باكو", "country": "AZ", "lat": 40.41, "lon": 49.87, "kind": "city"}


def make(event_id: str, start, end, precision, kind="meeting", places=(), **extra) -> dict:
    event = {
        "id": event_id,
        "article_id": f"art-{event_id}",
        "date_start": start,
        "date_end": end,
        "precision": precision,
        "type": kind,
        "countries": ["AM", "AZ"],
        "actors": [],
        "places": list(places),
        "title_en": f"Title {event_id}",
        "sentence": "اجتمع الوزيران في باكو",
        "date_text": "مايو 2023",
        "mentions": [],
        "source": "RT Arabic",
        "url": "https://arabic.rt.com/x",
        "published": "2023-06-01",
    }
    event.update(extra)
    return event


EVENTS = [
    make("day1", "2023-05-10", "2023-05-10", "day", places=[BAKU]),
    make("span", "2023-05-10", "2023-05-11", "day", kind="agreement", places=[BAKU]),
    make("month", "2023-05-01", "2023-05-31", "month", kind="statement", places=[MOSCOW]),
    make("year", "2022-01-01", "2022-12-31", "year", kind="border", places=[MOSCOW]),
    make("undated", None, None, None, kind="protest"),
]


def traces_with(figure: go.Figure, event_id: str) -> list:
    return [
        trace
        for trace in figure.data
        if trace.customdata is not None and any(row[0] == event_id for row in trace.customdata)
    ]


def test_timeline_draws_days_as_markers_and_spans_as_bars() -> None:
    figure, aggregated = timeline_figure(EVENTS)
    assert not aggregated
    (day,) = traces_with(figure, "day1")
    assert day.type == "scatter" and day.marker.color == TYPE_COLOURS["meeting"]
    for event_id, days in (("span", 2), ("month", 31), ("year", 365)):
        (bar,) = traces_with(figure, event_id)
        assert bar.type == "bar" and bar.orientation == "h"
        row = [row[0] for row in bar.customdata].index(event_id)
        assert bar.x[row] == days * 86_400_000
        assert bar.base[row] == next(e["date_start"] for e in EVENTS if e["id"] == event_id)
    (month,) = traces_with(figure, "month")
    (span,) = traces_with(figure, "span")
    assert month.marker.pattern.shape == "/" and month.marker.opacity < span.marker.opacity
    assert traces_with(figure, "undated") == []
    assert figure.layout.xaxis.rangeslider.visible
    low, high = figure.layout.xaxis.range
    assert low < "2022-01-01" and high > "2023-05-31"


def test_a_merged_event_is_one_mark_showing_its_source_count() -> None:
    sources = [
        {"article_id": f"a{i}", "source": name, "published": "2023-05-11"}
        for i, name in enumerate(("RT Arabic", "Al Jazeera", "Asharq Al-Awsat"))
    ]
    merged = make("merged", "2023-05-10", "2023-05-10", "day", sources=sources, source_count=3)
    figure, _ = timeline_figure([merged, EVENTS[0]])
    (trace,) = traces_with(figure, "merged")
    marks = {row[0]: index for index, row in enumerate(trace.customdata)}
    assert len(trace.customdata) == 2  # one mark each, not one per source
    assert trace.text[marks["merged"]] == "3" and trace.text[marks["day1"]] == ""
    assert trace.marker.size[marks["merged"]] > trace.marker.size[marks["day1"]]
    assert "reported by 3 sources" in trace.customdata[marks["merged"]][1]


def test_a_single_event_gets_a_readable_window() -> None:
    figure, _ = timeline_figure(EVENTS[:1])
    low, high = (date.fromisoformat(value) for value in figure.layout.xaxis.range)
    assert low < date(2023, 5, 10) < high and (high - low).days >= 40


def test_timeline_lanes_by_country_repeat_an_event_in_each_lane() -> None:
    figure, _ = timeline_figure(EVENTS[:1], lanes="country")
    assert list(figure.layout.yaxis.ticktext) == ["Armenia", "Azerbaijan"]
    (trace,) = traces_with(figure, "day1")
    assert len(trace.customdata) == 2
    arabic, _ = timeline_figure(EVENTS[:1], lanes="country", lang="ar")
    assert list(arabic.layout.yaxis.ticktext) == ["أرمينيا", "أذربيجان"]


def test_timeline_hover_escapes_article_text() -> None:
    figure, _ = timeline_figure([make("x", "2023-01-01", "2023-01-01", "day", sentence=XSS, title_en="<b>t</b>")])
    hover = figure.data[0].customdata[0][1]
    assert "<script>" not in hover and "<img" not in hover and "&lt;script&gt;" in hover
    assert "&lt;b&gt;t&lt;/b&gt;" in hover


def test_timeline_aggregates_thousands_of_events() -> None:
    events = synthetic_events(3000, seed=2)
    figure, aggregated = timeline_figure(events, max_marks=1000)
    assert aggregated and len(figure.data) == 1 and figure.data[0].type == "heatmap"
    assert sum(map(sum, figure.data[0].z)) == sum(1 for event in events if event["date_start"])
    assert len(figure.to_json()) < 400_000


def test_map_frames_the_region_and_lists_places_outside() -> None:
    figure = map_figure(EVENTS)
    geo = figure.layout.geo
    assert tuple(geo.lonaxis.range) == (38.0, 52.0) and tuple(geo.lataxis.range) == (37.0, 45.0)
    assert geo.resolution == 50 and geo.showcountries
    markers = [trace for trace in figure.data if trace.mode == "markers"]
    assert {row[0] for trace in markers for row in trace.customdata} == {"day1", "span", "month", "year"}
    assert outside_places(EVENTS, "en") == [("Moscow", 2)]
    assert outside_places(EVENTS, "ar") == [("موسكو", 2)]


def test_map_marker_size_grows_with_count() -> None:
    figure = map_figure(
        [make(f"m{i}", "2023-01-01", "2023-01-01", "day", places=[BAKU]) for i in range(9)]
        + [make("one", "2023-01-01", "2023-01-01", "day", kind="border", places=[BAKU])]
    )
    sizes = {trace.name: trace.marker.size[0] for trace in figure.data if trace.mode == "markers"}
    assert sizes["meeting"] > sizes["border"]


@pytest.mark.parametrize(
    ("prefix", "url"),
    [
        ("", "/app/static/topojson/"),
        ("timeline", "/timeline/app/static/topojson/"),
        ("/timeline/", "/timeline/app/static/topojson/"),
    ],
)
def test_topojson_url_follows_the_path_prefix(prefix: str, url: str) -> None:
    assert topojson_url(prefix) == url


def test_highlight_escapes_everything_and_marks_mentions() -> None:
    sentence = f"قال {XSS} في 5 يونيو"
    start = sentence.index("5 يونيو")
    out = highlight_sentence(
        sentence,
        [
            {"kind": "date", "start": start, "end": start + 7},
            {"kind": 'bogus"><script>', "start": 0, "end": 3},
            {"kind": "actor", "start": 1, "end": 2},  # overlaps: dropped
            {"kind": "place", "start": 500, "end": 600},
        ],
    )
    assert out.startswith('<p class="tl-sentence" dir="rtl" lang="ar">')
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out and "&lt;img src=x onerror=alert(1)&gt;" in out
    assert '<mark class="tl-m tl-date" title="date">5 يونيو</mark>' in out
    assert out.count("<mark") == 2


def test_details_escape_every_field_and_drop_unsafe_links() -> None:
    event = make(
        "x",
        "2023-05-01",
        "2023-05-31",
        "month",
        sentence=XSS,
        title_en=XSS,
        date_text=XSS,
        actors=[{"name_en": XSS, "name_ar": XSS}],
        places=[dict(BAKU, name_en=XSS)],
        sources=[
            {"article_id": "a", "source": XSS, "url": "javascript:alert(1)", "published": "2023-06-01"},
            {
                "article_id": "b",
                "source": "Al Jazeera",
                "url": "https://www.aljazeera.net/a?x=1&y=2",
                "published": "2023-06-02",
            },
        ],
    )
    out = details_html(event, "en")
    assert "<script" not in out and "<img" not in out and "javascript:" not in out
    assert 'href="https://www.aljazeera.net/a?x=1&amp;y=2"' in out
    assert "May 2023" in out and "2023-06-02" in out and "Armenia" in out
    assert "أرمينيا" in details_html(event, "ar")


def test_csv_has_bom_and_joined_lists() -> None:
    event = make("x", "2023-05-10", "2023-05-10", "day", actors=[{"name_en": "A"}, {"name_en": "B"}])
    data = to_csv_bytes([event, EVENTS[4]])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 2 and rows[0]["actors"] == "A; B" and rows[0]["countries"] == "AM; AZ"
    assert rows[0]["sentence"] == "اجتمع الوزيران في باكو" and rows[1]["date_start"] == ""


def test_json_and_geojson_hold_exactly_the_given_events() -> None:
    assert [event["id"] for event in json.loads(to_json_bytes(EVENTS))] == [event["id"] for event in EVENTS]
    collection = to_geojson(EVENTS)
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 4
    first = collection["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [49.87, 40.41]}
    assert first["properties"]["id"] == "day1" and first["properties"]["place_ar"] == "باكو"


def test_summary_line_in_both_languages() -> None:
    events = [
        make("a", "2020-11-09", "2020-11-09", "day"),
        make("b", "2025-03-20", "2025-03-24", "day", article_id="art-a", source="Al Jazeera"),
        make("c", None, None, None, article_id="art-a"),
    ]
    assert summary_line(events, "en") == "3 events · 1 article · 2 sources · 9 Nov 2020 – 24 Mar 2025"
    arabic = summary_line(events, "ar")
    assert "الأحداث: 3" in arabic and "نوفمبر 2020" in arabic and "مارس 2025" in arabic


def test_every_interface_string_has_both_languages() -> None:
    strings = ui_strings()
    assert all(value["en"] and value["ar"] for value in strings.values())
    assert t("share", "ar") != t("share", "en")
    for key in (
        "notice_bad_date",
        "notice_unknown_value",
        "notice_unknown_param",
        "notice_swapped_dates",
        "notice_cleaned_text",
        "notice_unknown_event",
    ):
        assert "{" not in t(key, "en", param="p", value="v")


def test_a_long_history_opens_on_its_recent_years_with_all_in_the_slider() -> None:
    old = [make(f"old{i}", f"{1991 + i}-01-01", f"{1991 + i}-12-31", "year") for i in range(2)]
    recent = [make(f"new{i}", f"2024-{i % 12 + 1:02d}-10", f"2024-{i % 12 + 1:02d}-10", "day") for i in range(30)]
    figure, _ = timeline_figure(old + recent)
    low, high = (date.fromisoformat(value[:10]) for value in figure.layout.xaxis.range)
    slider_low, _ = (date.fromisoformat(value[:10]) for value in figure.layout.xaxis.rangeslider.range)
    assert date(2019, 1, 1) < low < date(2024, 1, 10) and high > date(2024, 12, 10)
    assert slider_low < date(1991, 1, 1)


def test_csv_cells_cannot_run_as_spreadsheet_formulas() -> None:
    hostile = make(
        "f1",
        "2023-05-10",
        "2023-05-10",
        "day",
        sentence='=HYPERLINK("http://evil.example","x")',
        source="@SUM(A1)",
        date_text="-1+1",
    )
    row = next(csv.DictReader(io.StringIO(to_csv_bytes([hostile]).decode("utf-8-sig"))))
    assert row["sentence"].startswith("'=") and row["source"].startswith("'@") and row["date_text"] == "'-1+1"
    assert row["date_start"] == "2023-05-10"


def test_the_table_shows_dates_as_precisely_as_they_are_known() -> None:
    from components.ui.table import table_date

    assert [table_date(e) for e in EVENTS] == ["2023-05-10", "2023-05-10 – 05-11", "2023-05", "2022", None]
