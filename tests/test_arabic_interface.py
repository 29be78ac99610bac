"""Every screen of the page in Arabic holds no Latin-script word of our own interface.

The walk opens each view the page has (the main page, an event's details, the relations view by
countries and by actors, country lanes, a link with mistakes, the planned events, a store with the
correction form, the corrections log and the Add-article preview) and collects every text a user
can read: labels, options, captions, messages, table headers and cells, the charts' axes, legends
and hover texts. Names from the data (an actor's or a place's English name, an outlet), ISO codes,
addresses and the names of file formats are allowed; any other word in Latin letters fails.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

from components.extract.gazetteer import known_actors, known_places
from components.store.event_store import open_store
from components.store.ingest import ARTICLES_DIR, build_store

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "events.jsonl"
TEXT_FIELDS = {"label", "body", "options", "placeholder", "help", "content", "text", "default_text"}
# File formats by their own names, and the language switch offering English by its own name.
OWN_NAMES = {"CSV", "JSON", "GeoJSON", "QGIS", "English"}
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
TEMPLATE = re.compile(r"%\{[^}]*\}")
TAG = re.compile(r"<[^>]*>")
URL = re.compile(r"https?://\S+|www\.\S+")
CODE_SPAN = re.compile(r"`[^`]*`")  # what a link held, shown back as code


def proto_strings(message: Message) -> Iterator[str]:
    """The readable strings of an element: its text fields, recursively (charts, HTML and tables
    are read apart)."""
    for field, value in message.ListFields():
        if field.name in ("spec", "arrow_data", "data", "id", "form_id", "config", "css", "code_text"):
            continue
        values = list(value) if isinstance(value, Sequence) and not isinstance(value, str | bytes) else [value]
        for item in values:
            if isinstance(item, Message):
                yield from proto_strings(item)
            elif isinstance(item, str) and field.name in TEXT_FIELDS:
                yield item


def html_strings(body: str) -> Iterator[str]:
    """What an HTML element shows: its text without style or script, and its title attributes."""
    body = re.sub(r"<(style|script)\b.*?</\1>", " ", body, flags=re.S)
    yield from (html.unescape(title) for title in re.findall(r'title="([^"]*)"', body))
    yield html.unescape(TAG.sub(" ", body))


def chart_strings(spec: str) -> Iterator[str]:
    """What a plotly chart shows: axis labels, legend names, hover texts, text on marks, titles."""
    figure = json.loads(spec)
    for trace in figure.get("data", []):
        yield str(trace.get("name") or "")
        for key in ("hovertext", "text"):
            values = trace.get(key)
            if isinstance(values, list):
                yield from (str(value) for value in values)
        yield TEMPLATE.sub(" ", str(trace.get("hovertemplate") or ""))
    for axis in figure.get("layout", {}).values():
        if isinstance(axis, dict):
            yield from (str(text) for text in axis.get("ticktext") or [])
            title = axis.get("title")
            yield str(title.get("text", "")) if isinstance(title, dict) else str(title or "")


DATE_PART_NAME = re.compile(r'data-type="(year|month|day)"\]::before \{content: "([^"]*)"')
DATE_PART_LETTERS = {"year": "YYYY", "month": "MM", "day": "DD"}


def date_placeholder(date_format: str, names: dict[str, str]) -> str:
    """What an empty date field shows: the browser writes its format in small letters
    (``yyyy-mm-dd``) unless the page's style names the parts (``year``, ``month``, ``day``)."""
    shown = date_format
    for part, letters in DATE_PART_LETTERS.items():
        shown = shown.replace(letters, names.get(part, letters.lower()))
    return shown


def screen_strings(app: AppTest) -> Iterator[str]:
    styles = " ".join(element.proto.body for element in app.get("html") if "<style>" in element.proto.body)
    part_names = dict(DATE_PART_NAME.findall(styles))

    def walk(node) -> Iterator[str]:
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", "")
        if kind == "html" and proto is not None:
            yield from html_strings(proto.body)
        elif kind == "date_input" and proto is not None:
            yield from proto_strings(proto)
            yield date_placeholder(proto.format, part_names)
        elif kind == "plotly_chart" and proto is not None:
            yield from chart_strings(proto.spec)
        elif kind in ("arrow_data_frame", "dataframe"):
            frame = node.value
            yield from (str(column) for column in frame.columns)
            yield from (str(cell) for cell in frame.astype(str).to_numpy().ravel())
        elif isinstance(proto, Message):
            yield from proto_strings(proto)
        for child in (getattr(node, "children", None) or {}).values():
            yield from walk(child)

    yield from walk(app._tree)


@pytest.fixture(scope="module")
def allowed() -> list[str]:
    """Names the data and the gazetteer spell in Latin letters (longest first)."""
    names: set[str] = {*(actor.name_en for actor in known_actors()), *(place.name_en for place in known_places())}
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        event = json.loads(line)
        names.update(item.get("name_en") or "" for item in event.get("actors", []) + event.get("places", []))
        names.update(source.get("source") or "" for source in event.get("sources", []))
        names.add(event.get("source") or "")
        names.update(LATIN_WORD.findall(event.get("sentence") or ""))  # article text is data, whatever its script
    return sorted((name for name in names if name), key=len, reverse=True)


def latin_words(texts: Iterator[str], allowed: list[str]) -> list[str]:
    data_words = {word for name in allowed for word in LATIN_WORD.findall(name)}
    found: list[str] = []
    for text in texts:
        text = URL.sub(" ", CODE_SPAN.sub(" ", TAG.sub(" ", TEMPLATE.sub(" ", text))))
        for name in allowed:
            if name in text:
                text = text.replace(name, " ")
        for word in LATIN_WORD.findall(text):
            if word not in OWN_NAMES and word not in data_words and not re.fullmatch(r"[A-Z]{2}", word):
                found.append(f"{word!r} in {text.strip()[:90]!r}")
    return found


def run(**params: str | list[str]) -> AppTest:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    for key, value in {"lang": "ar", **params}.items():
        app.query_params[key] = value
    return app.run()


SCREENS = {
    "main": {},
    "details": {"event": "fixture-geneva-talks"},
    "relations": {"view": "relations"},
    "relations of actors": {"view": "relations", "by": "actors"},
    "country lanes and background": {"lanes": "country", "role": "background", "planned": "1"},
    "a link with mistakes": {"country": "XX", "from": "banana", "conf": "7", "zoom": "x", "colour": "red"},
    "far events": {"event": "fixture-background-1938", "zoom": "1930-01-01..2060-01-01", "planned": "1"},
    "place list": {"place": ["Moscow", "Geneva"], "sort": "-confidence"},
}


@pytest.mark.parametrize("screen", SCREENS, ids=list(SCREENS))
def test_every_screen_on_the_events_file_is_arabic(
    screen: str, allowed: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIMELINE_EVENTS_JSONL", str(FIXTURE))
    app = run(**SCREENS[screen])
    assert not app.exception
    texts = list(screen_strings(app))
    assert len(texts) > 50
    assert latin_words(iter(texts), allowed) == []


def test_the_store_screens_are_arabic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, allowed: list[str]) -> None:
    monkeypatch.delenv("TIMELINE_EVENTS_JSONL", raising=False)
    path = tmp_path / "timeline.db"
    build_store(path, ARTICLES_DIR)
    with open_store(path) as store:
        event = store.list_events()[0]
        store.correct_event(event, {"type": "agreement"}, reason="تصحيح", author="ليليت")
        event_id = str(event["id"])
        names = {source.get("source") or "" for e in store.list_events() for source in e.get("sources", [])}
    monkeypatch.setenv("TIMELINE_DB", str(path))
    app = run(event=event_id)
    for toggle in app.toggle:  # the correction form and the add-event form
        toggle.set_value(True)
    app.run()
    app.text_area(key="add_article_text").set_value("التقى الوزيران في باكو يوم 5 مايو 2024 لبحث معاهدة السلام.")
    app.button(key="add_article_preview_button").click().run()
    assert not app.exception
    texts = list(screen_strings(app))
    assert any("التصحيحات" in text for text in texts) and any("معاينة" in text for text in texts)
    assert latin_words(iter(texts), sorted(set(allowed) | names - {""}, key=len, reverse=True)) == []


def test_the_walk_reads_what_an_empty_date_field_shows() -> None:
    assert date_placeholder("YYYY-MM-DD", {}) == "yyyy-mm-dd"
    assert date_placeholder("YYYY-MM-DD", {"year": "سنة", "month": "شهر", "day": "يوم"}) == "سنة-شهر-يوم"


def test_the_walk_sees_english_words_when_there_are_some(allowed: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIMELINE_EVENTS_JSONL", str(FIXTURE))
    app = run(lang="en", event="fixture-geneva-talks")
    words = latin_words(screen_strings(app), allowed)
    assert any(word.startswith("'Timeline'") for word in words) and any(
        word.startswith("'Participants'") for word in words
    )


def test_streamlits_own_labels_are_said_in_the_interface_language_both_ways_round() -> None:
    from components.ui.i18n import streamlit_labels

    arabic, english = streamlit_labels("ar"), streamlit_labels("en")
    assert arabic.whole["Collapse sidebar"] == "إخفاء الشريط الجانبي"
    assert english.whole["إخفاء الشريط الجانبي"] == "Collapse sidebar"  # said again after a switch
    assert ("year, ", "سنة، ") in arabic.starts and ("سنة، ", "year, ") in english.starts
    assert ("per file", "لكل ملف") in arabic.ends
    assert all(not re.search("[A-Za-z]", said) or re.search(r"\b(?:CSV|PNG)\b", said) for said in arabic.whole.values())
