"""Timeline, map, relations, details, downloads, summary and the interface strings, built from what
the views answer (``MemoryViews`` over small event lists)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import plotly.graph_objects as go
import pytest

from components.evaluation.synthetic import synthetic_events
from components.store.exports import to_csv_bytes, to_geojson, to_json_bytes
from components.store.memory_views import MemoryViews
from components.store.query import Filters
from components.store.views import Paragraph
from components.ui.details import details_html, highlight_sentence
from components.ui.i18n import plural, t, ui_strings
from components.ui.map_figure import DEFAULT_FRAME, clusters, fit_frame, map_view, topojson_url
from components.ui.relations_figure import pair_matrix, relations_view
from components.ui.summary import summary_line
from components.ui.timeline_figure import OTHER, TYPE_COLOURS, focus_window, ring_points, timeline_view

XSS = "<script>alert(1)</script> و <img src=x onerror=alert(1)>"
MOSCOW = {"name_en": "Moscow", "name_ar": "موسكو", "country": "RU", "lat": 55.75, "lon": 37.62, "kind": "city"}
BAKU = {"name_en": "Baku", "name_ar": "باكو", "country": "AZ", "lat": 40.41, "lon": 49.87, "kind": "city"}
SUMGAIT = {"name_en": "Sumgait", "name_ar": "سومقايت", "country": "AZ", "lat": 40.59, "lon": 49.67, "kind": "city"}
YEREVAN = {"name_en": "Yerevan", "name_ar": "يريفان", "country": "AM", "lat": 40.18, "lon": 44.51, "kind": "city"}


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
        "confidence": 0.8,
    }
    event.update(extra)
    return event


EVENTS = [
    make("day1", "2023-05-10", "2023-05-10", "day", places=[BAKU]),
    make("span", "2023-05-10", "2023-05-11", "day", kind="agreement", places=[BAKU]),
    make("month", "2023-05-01", "2023-05-31", "month", kind="statement", places=[MOSCOW]),
    make("year", "2022-01-01", "2022-12-31", "year", kind="border", places=[MOSCOW]),
    make("planned", "2023-09-01", "2023-09-01", "day", status="planned"),
    make("undated", None, None, None, kind="protest"),
]


def views_of(events: list[dict]) -> MemoryViews:
    return MemoryViews(events, "test")


def timeline_of(events: list[dict], **options) -> tuple:
    data = views_of(events).timeline(Filters(planned=True), lanes=options.pop("lanes", "type"))
    return timeline_view(data, **options), data


def points_of(view, event_id: str) -> list[tuple[go.Scatter, int]]:
    """(trace, point number) of every point drawn for ``event_id``."""
    return [
        (view.figure.data[number], index)
        for number, ids in enumerate(view.ids)
        for index, shown in enumerate(ids)
        if shown == event_id
    ]


def test_timeline_draws_each_dated_event_as_an_svg_point_mapped_back_to_its_id() -> None:
    view, _ = timeline_of(EVENTS)
    assert not view.aggregated
    for event_id in ("day1", "span", "month", "year", "planned"):
        ((trace, index),) = points_of(view, event_id)
        assert trace.type == "scatter" and trace.customdata is None  # no id in the payload; no WebGL context
    ((day, index),) = points_of(view, "day1")
    assert day.marker.color == TYPE_COLOURS["meeting"] and day.x[index] == "2023-05-10"
    assert points_of(view, "undated") == []
    ((month, index),) = points_of(view, "month")
    assert month.x[index] == "2023-05-16" and month.marker.opacity[index] < day.marker.opacity[0]
    ((planned, _),) = points_of(view, "planned")
    assert planned.marker.symbol == "circle-open" and day.marker.symbol == "circle"


def test_spans_are_lines_over_their_days() -> None:
    view, _ = timeline_of(EVENTS)
    lines = [trace for trace in view.figure.data if trace.mode == "lines"]
    segments = {(line.x[i], line.x[i + 1]) for line in lines for i in range(0, len(line.x), 3)}
    assert ("2023-05-10", "2023-05-12") in segments  # the two days of the span, to the end of the second
    assert ("2023-05-01", "2023-06-01") in segments and ("2022-01-01", "2023-01-01") in segments
    faded = [line for line in lines if line.opacity < 0.5]
    assert faded and all(line.line.width > 5 for line in faded)


def test_the_legend_has_one_entry_per_type_and_explains_the_marks() -> None:
    view, _ = timeline_of(EVENTS)
    entries = [trace.name for trace in view.figure.data if trace.showlegend is not False and trace.name]
    assert entries[:4] == ["meeting", "agreement", "statement", "border"]
    assert len(entries) == len(set(entries))
    assert {t("legend_planned", "en"), t("legend_vague", "en")} <= set(entries)
    legend = view.figure.layout.legend
    assert legend.y >= 1 and legend.yanchor == "bottom"  # above the marks, clear of the axis's years


def test_a_merged_event_is_one_mark_showing_its_source_count() -> None:
    sources = [
        {"article_id": f"a{i}", "source": name, "published": "2023-05-11"}
        for i, name in enumerate(("RT Arabic", "Al Jazeera", "Asharq Al-Awsat"))
    ]
    merged = make("merged", "2023-05-10", "2023-05-10", "day", sources=sources, source_count=3)
    view, _ = timeline_of([merged, EVENTS[0]])
    ((trace, index),) = points_of(view, "merged")
    ((_, other),) = points_of(view, "day1")
    assert trace.text[index] == "3" and trace.text[other] == ""
    assert "reported by 3 articles" in trace.hovertext[index]
    assert t("legend_sources", "en") in [trace.name for trace in view.figure.data]


def test_country_lanes_repeat_an_event_and_keep_twelve_plus_other() -> None:
    view, _ = timeline_of(EVENTS[:1], lanes="country")
    assert list(view.figure.layout.yaxis.ticktext) == ["Armenia", "Azerbaijan"]
    assert len(points_of(view, "day1")) == 2
    arabic, _ = timeline_of(EVENTS[:1], lanes="country", lang="ar")
    assert list(arabic.figure.layout.yaxis.ticktext) == ["أرمينيا", "أذربيجان"]
    codes = ["AM", "AZ", "RU", "GE", "TR", "IR", "UA", "KZ", "US", "FR", "DE", "CN", "IN", "EG", "QA"]
    many = [make(f"e{i}", "2023-01-01", "2023-01-01", "day", countries=codes[: i + 1]) for i in range(15)]
    wide, _ = timeline_of(many, lanes="country")
    assert len(wide.lanes) == 13 and wide.lanes[-1] == OTHER
    assert wide.figure.layout.yaxis.ticktext[-1] == t("lane_other", "en")
    assert len(points_of(wide, "e14")) == 13  # twelve lanes of its own, and "other" once for three countries


def test_hover_text_names_the_event_in_the_interface_language_and_shows_no_markup_or_entities() -> None:
    hostile = make("x", "2023-01-01", "2023-01-01", "day", places=[dict(BAKU, name_en='<b>"Baku"</b> & co')])
    view, _ = timeline_of([hostile])
    ((trace, index),) = points_of(view, "x")
    hover = trace.hovertext[index]
    assert trace.hovertemplate.startswith("<b>Meeting</b>%{hovertext}")
    assert hover.startswith(" — Armenia, Azerbaijan — ") and "1 Jan 2023" in hover
    assert '<b>"' not in hover and "&quot;" not in hover and "&amp;" not in hover and '"Baku"' in hover
    arabic, _ = timeline_of([hostile], lang="ar")
    ((trace, index),) = points_of(arabic, "x")
    assert trace.hovertemplate.startswith("<b>لقاء</b>") and " — أرمينيا، أذربيجان — باكو<br>" in trace.hovertext[index]


def test_the_open_event_is_ringed_where_its_marks_are_drawn() -> None:
    view, _ = timeline_of(EVENTS, lanes="country")
    points = ring_points(view.ids, "span")
    assert len(points) == 2  # one mark in each of its two countries' lanes
    for trace, point in points:
        assert view.ids[trace][point] == "span" and view.figure.data[trace].x[point] == "2023-05-10"
    assert ring_points(view.ids, "not-drawn") == () and ring_points(view.ids, None) == ()


def test_timeline_counts_thousands_of_events_per_week_or_month() -> None:
    events = synthetic_events(3000, seed=2)
    data = views_of(events).timeline(Filters(planned=True), max_marks=1000)
    view = timeline_view(data)
    assert view.aggregated and len(view.figure.data) == 1 and view.figure.data[0].type == "heatmap"
    z = view.figure.data[0].z
    assert sum(cell or 0 for row in z for cell in row) == sum(1 for event in events if event["date_start"])
    assert len(view.figure.to_json()) < 100_000


def test_drawn_marks_stay_small_enough_to_send_on_every_rerun() -> None:
    events = synthetic_events(1200, seed=3)
    data = views_of(events).timeline(Filters(planned=True), max_marks=1200)
    assert data.marks and not data.buckets
    size = len(timeline_view(data).figure.to_json())
    assert size < 130 * len(data.marks)  # bytes per mark: positions, hover text, count; no ids, no sentence


def test_a_long_history_opens_on_its_recent_years_and_says_what_it_leaves_out() -> None:
    old = [make(f"old{i}", f"{1938 + i}-01-01", f"{1938 + i}-12-31", "year") for i in range(2)]
    recent = [make(f"new{i}", f"2024-{i % 12 + 1:02d}-10", f"2024-{i % 12 + 1:02d}-10", "day") for i in range(60)]
    future = [make("far", "2050-06-01", "2050-06-30", "month")]
    data = views_of(old + recent + future).timeline(Filters())
    window = focus_window(data.marks, data.buckets)
    assert window == (date(2024, 1, 1), date(2024, 12, 31))
    assert (
        sum(m.date_end < window[0] for m in data.marks) == 2 and sum(m.date_start > window[1] for m in data.marks) == 1
    )
    assert focus_window(views_of(recent).timeline(Filters()).marks, ()) is None
    view = timeline_view(data, window=window)
    low, high = (date.fromisoformat(value[:10]) for value in view.figure.layout.xaxis.range)
    assert date(2023, 11, 1) < low < date(2024, 1, 1) and date(2024, 12, 31) < high < date(2025, 3, 1)


def test_map_keeps_the_region_frame_when_every_place_is_in_it() -> None:
    places = views_of(EVENTS[:2]).places(Filters())
    assert fit_frame(places) == DEFAULT_FRAME
    view = map_view(places)
    geo = view.figure.layout.geo
    assert (tuple(geo.lataxis.range), tuple(geo.lonaxis.range)) == DEFAULT_FRAME and geo.resolution == 50


def test_map_fits_places_outside_the_region() -> None:
    places = views_of(EVENTS).places(Filters())
    (south, north), (west, east) = fit_frame(places)
    assert south < 40.41 < 55.75 < north and west < 37.62 < 49.87 < east
    geneva = {"name_en": "Geneva", "name_ar": "جنيف", "country": "CH", "lat": 46.2, "lon": 6.14, "kind": "city"}
    (south, north), (west, east) = fit_frame(
        views_of([make("g", "2024-01-01", "2024-01-01", "day", places=[geneva])]).places(Filters())
    )
    assert south < 46.2 < north and west < 6.14 < east and east - west < 40


def test_nearby_places_share_one_marker_that_lists_them_all() -> None:
    events = [make(f"b{i}", "2023-01-01", "2023-01-01", "day", places=[BAKU]) for i in range(3)]
    events += [make("s", "2023-01-02", "2023-01-02", "day", kind="border", places=[SUMGAIT])]
    events += [make("y", "2023-01-03", "2023-01-03", "day", places=[YEREVAN])]
    places = views_of(events).places(Filters())
    groups = clusters(places, fit_frame(places))
    assert [sorted(p.name_en for p in group.places) for group in groups] == [["Baku", "Sumgait"], ["Yerevan"]]
    assert groups[0].count == 4 and groups[0].types()[0] == ("meeting", 3)
    view = map_view(places, highlight=((40.18, 44.51),))
    marked = {
        names: trace.text[i]
        for trace, row in zip(view.figure.data, view.places, strict=True)
        for i, names in enumerate(row)
    }
    assert marked == {("Baku", "Sumgait"): "4", ("Yerevan",): "1"}
    assert view.figure.data[-1].marker.symbol == "circle-open"


def test_map_marker_size_grows_with_count() -> None:
    events = [make(f"m{i}", "2023-01-01", "2023-01-01", "day", places=[BAKU]) for i in range(9)]
    events += [make("one", "2023-01-01", "2023-01-01", "day", kind="border", places=[YEREVAN])]
    view = map_view(views_of(events).places(Filters()))
    sizes = {trace.name: trace.marker.size[0] for trace in view.figure.data if trace.mode == "markers+text"}
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


def test_relations_count_each_pair_by_type_and_map_bubbles_back_to_pairs() -> None:
    events = [
        make("1", "2023-01-01", "2023-01-01", "day", countries=["AZ", "AM"]),
        make("2", "2023-01-02", "2023-01-02", "day", countries=["AM", "AZ", "RU"]),
        make("3", "2023-01-03", "2023-01-03", "day", kind="agreement", countries=["AM", "AZ"]),
    ]
    pairs = views_of(events).pairs(Filters())
    matrix = pair_matrix(pairs)
    assert matrix.parties[:2] == ("AM", "AZ") and matrix.total("AZ", "AM") == 3
    assert dict(matrix.cells[("AM", "AZ")]) == {"meeting": 2, "agreement": 1}
    view = relations_view(pairs, lang="en", label=lambda code: {"AM": "Armenia", "AZ": "Azerbaijan"}.get(code, code))
    shown = {pair for row in view.pairs for pair in row}
    assert shown == {("AM", "AZ"), ("AM", "RU"), ("AZ", "RU")}
    meeting = view.figure.data[0]
    index = view.pairs[0].index(("AM", "AZ"))
    assert meeting.name == "meeting" and meeting.text[index] == "3"
    assert "Armenia — Azerbaijan" in meeting.hovertext[index] and "agreement 1" in meeting.hovertext[index]
    assert list(view.figure.layout.xaxis.ticktext)[:2] == ["Armenia", "Azerbaijan"]


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


def test_the_paragraph_around_the_sentence_is_shown_with_the_sentence_marked() -> None:
    sentence = "وقّع الطرفان اتفاقًا في 5 يونيو"
    paragraph = Paragraph(f"قبل ذلك <b>بيوم</b>. {sentence}. وبعده.", 21, 21 + len(sentence))
    out = highlight_sentence(sentence, [{"kind": "date", "start": 24, "end": 31}], "en", paragraph)
    assert "قبل ذلك &lt;b&gt;بيوم&lt;/b&gt;. " in out and "<b>" not in out
    assert (
        '<span class="tl-current">وقّع الطرفان اتفاقًا في <mark class="tl-m tl-date" title="date">5 يونيو</mark></span>. وبعده.'
        in out
    )
    stale = Paragraph("نص آخر تمامًا", 0, 5)  # offsets that do not point at the sentence: the sentence alone
    assert "نص آخر" not in highlight_sentence(sentence, [], "en", stale)


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


def test_details_list_each_source_once_never_by_an_internal_id_and_say_status_role_and_location() -> None:
    source = {"article_id": "5f3c9a1b2d", "source": None, "url": None, "published": "2024-10-16"}
    geneva = {"name_en": "Geneva", "name_ar": "جنيف", "country": "CH", "lat": 46.2, "lon": 6.14, "kind": "city"}
    event = make(
        "g", "2024-10-15", "2024-10-15", "day", places=[geneva], location_country="CH", status="planned",
        role="background", sources=[source, dict(source)], confidence=0.92,
    )  # fmt: skip
    out = details_html(event, "en")
    assert out.count("<li>") == 1 and "5f3c9a1b2d" not in out and t("source_unknown", "en") in out
    assert "planned" in out and "background" in out and "0.92" in out
    assert "Switzerland" in out and t("location_not_party", "en") in out
    assert "Meeting — Armenia, Azerbaijan — Geneva" in out
    arabic = details_html(event, "ar")
    assert "سويسرا" in arabic and "لقاء — أرمينيا، أذربيجان — جنيف" in arabic and t("status_planned", "ar") in arabic


def test_csv_has_bom_joined_lists_and_the_status_and_role_of_every_event() -> None:
    event = make("x", "2023-05-10", "2023-05-10", "day", actors=[{"name_en": "A"}, {"name_en": "B"}])
    data = to_csv_bytes([event, EVENTS[4], EVENTS[5]])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == 3 and rows[0]["actors"] == "A; B" and rows[0]["countries"] == "AM; AZ"
    assert rows[0]["sentence"] == "اجتمع الوزيران في باكو" and rows[2]["date_start"] == ""
    assert [(row["status"], row["role"]) for row in rows] == [
        ("reported", "news"),
        ("planned", "news"),
        ("reported", "news"),
    ]


def test_json_and_geojson_hold_exactly_the_given_events() -> None:
    exported = json.loads(to_json_bytes(EVENTS))
    assert [event["id"] for event in exported] == [event["id"] for event in EVENTS]
    assert exported[4]["status"] == "planned" and exported[0]["status"] == "reported" and exported[0]["role"] == "news"
    collection = to_geojson(EVENTS)
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 4
    first = collection["features"][0]
    assert first["geometry"] == {"type": "Point", "coordinates": [49.87, 40.41]}
    assert first["properties"]["id"] == "day1" and first["properties"]["place_ar"] == "باكو"
    assert views_of(EVENTS).summary(Filters(planned=True)).without_place == 2


def test_summary_line_in_both_languages() -> None:
    events = [
        make("a", "2020-11-09", "2020-11-09", "day"),
        make("b", "2025-03-20", "2025-03-24", "day", article_id="art-a", source="Al Jazeera", role="background"),
        make("c", None, None, None, article_id="art-a"),
    ]
    summary = views_of(events).summary(Filters())
    assert summary_line(summary, "en") == (
        "3 events · 1 article · 2 sources · 9 Nov 2020 – 24 Mar 2025 · 1 of them background"
    )
    assert summary_line(summary, "en", planned_hidden=2).endswith("· 2 planned events hidden")
    arabic = summary_line(summary, "ar")
    assert arabic.startswith("3 أحداث · مقال واحد · مصدران") and "نوفمبر 2020" in arabic and "واحد منها خلفية" in arabic


@pytest.mark.parametrize(
    ("n", "english", "arabic"),
    [
        (0, "0 events", "لا أحداث"),
        (1, "1 event", "حدث واحد"),
        (2, "2 events", "حدثان"),
        (7, "7 events", "7 أحداث"),
        (11, "11 events", "11 حدثًا"),
        (100, "100 events", "100 حدث"),
        (103, "103 events", "103 أحداث"),
    ],
)
def test_counts_take_the_plural_form_of_each_language(n: int, english: str, arabic: str) -> None:
    assert plural("summary_events", n, "en") == english
    assert plural("summary_events", n, "ar") == arabic


def test_every_interface_string_has_both_languages() -> None:
    strings = ui_strings()
    assert all(value["en"] and value["ar"] for value in strings.values())
    assert t("share", "ar") != t("share", "en")
    plural_keys = {key.rsplit("_", 1)[0] for key in strings if key.rsplit("_", 1)[-1] in ("one", "two", "few", "many")}
    assert all(f"{key}_other" in strings for key in plural_keys)
    for key in (
        "notice_bad_date",
        "notice_unknown_value",
        "notice_unknown_param",
        "notice_swapped_dates",
        "notice_cleaned_text",
        "notice_unknown_event",
    ):
        assert "{" not in t(key, "en", param="p", value="v")


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


def test_the_table_shows_dates_as_precisely_as_they_are_known_and_mirrors_its_columns_in_arabic() -> None:
    from components.ui.table import COLUMNS, column_order, table_date, table_frame

    assert [table_date(e) for e in EVENTS] == [
        "2023-05-10",
        "2023-05-10 – 05-11",
        "2023-05",
        "2022",
        "2023-09-01",
        None,
    ]
    english = table_frame(EVENTS, "en")
    assert list(english.columns) == column_order("en") and english.columns[0] == "Date"
    assert english.loc["planned", "Status"] == "planned" and english.loc["day1", "News or background"] == "news"
    arabic = table_frame(EVENTS, "ar")
    assert list(arabic.columns) == column_order("ar") == [t(column, "ar") for column in COLUMNS][::-1]
    assert arabic.columns[-1] == "التاريخ"
    assert arabic.loc["day1", "الحدث"] == "لقاء — أرمينيا، أذربيجان — باكو"


def _near_yerevan_and_baku() -> list[dict]:
    """Places of the South Caucasus as the store names them, many of them a few kilometres apart."""
    spots = [
        ("Yerevan", "AM", 40.1777, 44.5126, 32),
        ("Vagharshapat", "AM", 40.1656, 44.2946, 3),
        ("Armenia", "AM", 40.1, 45.0, 4),
        ("Gyumri", "AM", 40.7931, 43.8464, 3),
        ("Tavush", "AM", 40.9, 45.1, 6),
        ("Kirants", "AM", 41.03, 45.09, 4),
        ("Voskepar", "AM", 41.0645, 45.0563, 3),
        ("Gazakh", "AZ", 41.0925, 45.3656, 3),
        ("Baku", "AZ", 40.3777, 49.892, 33),
        ("Sumgait", "AZ", 40.59, 49.67, 3),
        ("Azerbaijan", "AZ", 40.3, 47.6, 7),
        ("Karabakh", "AZ", 39.9, 46.7, 15),
        ("Lachin", "AZ", 39.6374, 46.5498, 5),
        ("Nakhchivan", "AZ", 39.3, 45.3, 4),
        ("Tbilisi", "GE", 41.6914, 44.8341, 9),
    ]
    events = []
    for name, country, lat, lon, count in spots:
        place = {"name_en": name, "name_ar": name, "country": country, "lat": lat, "lon": lon, "kind": "city"}
        events += [make(f"{name}{i}", "2023-01-01", "2023-01-01", "day", places=[place]) for i in range(count)]
    return events


def test_no_marker_or_country_name_covers_another_near_yerevan_and_baku() -> None:
    from components.ui.map_layout import NAME_CHAR_WIDTH, NAME_HEIGHT, Projection

    for lang in ("en", "ar"):
        view = map_view(views_of(_near_yerevan_and_baku()).places(Filters()), lang=lang)
        assert view.frame == DEFAULT_FRAME
        project = Projection(view.frame).point
        discs = [
            (project(lat, lon), size / 2)
            for trace in view.figure.data
            if trace.mode == "markers+text"
            for lat, lon, size in zip(trace.lat, trace.lon, trace.marker.size, strict=True)
        ]
        assert len(discs) >= 5  # Yerevan, Baku, Karabakh, Tbilisi… keep markers of their own
        for number, ((x1, y1), r1) in enumerate(discs):
            for (x2, y2), r2 in discs[number + 1 :]:
                assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 >= r1 + r2
        names = view.figure.data[0]
        assert names.mode == "text" and len(names.text) >= 2  # names far from the markers stay
        boxes = []
        for text, lat, lon in zip(names.text, names.lat, names.lon, strict=True):
            x, y = project(lat, lon)
            half = len(text) * NAME_CHAR_WIDTH / 2
            boxes.append((x - half, y - NAME_HEIGHT / 2, x + half, y + NAME_HEIGHT / 2))
        for number, box in enumerate(boxes):
            for (cx, cy), radius in discs:
                near_x, near_y = max(box[0], min(cx, box[2])), max(box[1], min(cy, box[3]))
                assert ((cx - near_x) ** 2 + (cy - near_y) ** 2) ** 0.5 >= radius, names.text[number]
            for other in boxes[number + 1 :]:
                assert not (box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3])


def test_a_single_event_is_shown_among_days_not_hours() -> None:
    view, _ = timeline_of([make("only", "2020-11-09", "2020-11-09", "day")])
    first, last = (date.fromisoformat(day[:10]) for day in view.figure.layout.xaxis.range)
    assert first < date(2020, 11, 9) < last and (last - first).days >= 30
    wide, _ = timeline_of(EVENTS)
    assert wide.figure.layout.xaxis.range is None  # a longer history keeps plotly's own range
