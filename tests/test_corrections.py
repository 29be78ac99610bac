"""Analyst corrections: stored apart, shown with who/when/why, undoable, exported, and kept
across re-extraction by a newer extractor that changes event ids and fields."""

from __future__ import annotations

import json
from datetime import date

import pytest
from test_store_fakes import (
    STATEMENT_A,
    STATEMENT_B,
    FakeResult,
    make_event,
    numbered_result,
    two_outlets,
)

from components.extract.models import Article, stable_id
from components.store.corrections import CorrectionError, alt_event_key, validate_fields
from components.store.event_store import Store, open_store


def newer_extractor(shift: int = 0):
    """A "version 2" extractor: new article and event ids, different types, and sentences cut
    ``shift`` characters later (as a changed sentence splitter would)."""

    def extract(page, *, published=None, source=None, url=None, page_meta=None) -> FakeResult:
        articles = [
            Article(id=stable_id("v2", text), text=text, source="v2", page=page.name)
            for text in page.text.split("\n\n")
        ]
        events = []
        for article in articles:
            for sentence, start, date_text in (
                (STATEMENT_A, "2020-11-09", "9 نوفمبر 2020"),
                (STATEMENT_B, "2020-11-01", "نوفمبر 2020"),
            ):
                if sentence in article.text:
                    events.append(
                        make_event(
                            article,
                            sentence,
                            start,
                            type="other",
                            countries=("AM", "AZ", "RU"),
                            date_text=date_text,
                            version="2.0",
                            offset_shift=shift,
                            precision="day" if start.endswith("09") else "month",
                            date_end=None if start.endswith("09") else "2020-11-30",
                        )
                    )
        return FakeResult(page, articles, events)

    return extract


@pytest.fixture()
def store(store_url: str) -> Store:
    store = open_store(store_url)
    one, two = two_outlets()
    store.ingest_page(one)
    store.ingest_page(two)
    store.ingest_page(numbered_result(7))
    yield store
    store.close()


def statement(store: Store, include_hidden: bool = False) -> dict:
    (event,) = [e for e in store.list_events(include_hidden) if e["date_start"].startswith("2020-11")]
    return event


def test_a_correction_is_applied_and_shown_with_who_when_why(store: Store) -> None:
    cid = store.correct_event(
        statement(store),
        {"type": "meeting", "countries": ["am", "az", "ru", "tr"]},
        reason="the sentence reports talks",
        author="Lilit",
    )
    event = statement(store)
    assert event["type"] == "meeting" and event["countries"] == ["AM", "AZ", "RU", "TR"]
    assert event["corrected"] is True
    (shown,) = event["corrections"]
    assert (shown["id"], shown["author"], shown["reason"], shown["active"]) == (
        cid,
        "Lilit",
        "the sentence reports talks",
        True,
    )
    assert shown["previous"]["type"] == "agreement" and shown["created_at"]
    others = [e for e in store.list_events() if e is not event and not e["date_start"].startswith("2020-11")]
    assert others and not any(e["corrected"] for e in others)


def test_undo_reverts_and_keeps_the_history(store: Store) -> None:
    cid = store.correct_event(
        statement(store), {"date_start": "2020-11-10", "date_end": "2020-11-10"}, reason="wrong day", author="Lilit"
    )
    assert statement(store)["date_start"] == "2020-11-10"
    store.undo_correction(cid, author="Aram", reason="the 9th was right")
    event = statement(store)
    assert event["date_start"] == "2020-11-09" and event["corrected"] is False
    assert [(c["action"], c["active"]) for c in event["corrections"]] == [("edit", False), ("undo", True)]
    with pytest.raises(CorrectionError, match="already undone"):
        store.undo_correction(cid, author="Aram")


def test_hiding_removes_the_event_unless_hidden_ones_are_asked_for(store: Store) -> None:
    total = len(store.list_events())
    store.hide_event(statement(store), reason="not a real event", author="Lilit")
    assert len(store.list_events()) == total - 1
    assert statement(store, include_hidden=True)["hidden"] is True


def test_a_missed_event_can_be_added(store: Store) -> None:
    article_id = store.list_events()[0]["sources"][0]["article_id"]
    store.add_event(
        {
            "date_start": "2024-04-19",
            "type": "border",
            "countries": ["AM", "AZ"],
            "sentence": "بيان لجنتي ترسيم الحدود",
            "article_id": article_id,
        },
        reason="missed by the extractor",
        author="Lilit",
    )
    (added,) = [e for e in store.list_events() if e["date_start"] == "2024-04-19"]
    assert added["type"] == "border" and added["date_end"] == "2024-04-19" and added["corrected"] is True
    assert added["corrections"][0]["action"] == "add"
    store.hide_event(added, reason="entered twice", author="Aram")
    assert not [e for e in store.list_events() if e["date_start"] == "2024-04-19"]


def test_corrections_need_a_reason_an_author_and_valid_values(store: Store) -> None:
    event = statement(store)
    with pytest.raises(CorrectionError, match="reason"):
        store.correct_event(event, {"type": "meeting"}, reason=" ", author="x")
    with pytest.raises(CorrectionError, match="who"):
        store.correct_event(event, {"type": "meeting"}, reason="r", author="")
    with pytest.raises(CorrectionError, match="type"):
        store.correct_event(event, {"type": "party"}, reason="r", author="x")
    with pytest.raises(CorrectionError, match="before"):
        store.correct_event(event, {"date_end": "2020-01-01"}, reason="r", author="x")
    with pytest.raises(CorrectionError, match="cannot be corrected"):
        validate_fields({"sentence_id": 3})
    with pytest.raises(CorrectionError, match="ISO"):
        validate_fields({"countries": ["Armenia"]})
    assert store.list_corrections() == []


@pytest.mark.parametrize("shift", [0, 4], ids=["same-offsets", "sentence-cut-differently"])
def test_corrections_survive_reextraction_by_a_newer_extractor(store: Store, shift: int) -> None:
    before = statement(store)
    store.correct_event(before, {"type": "meeting", "precision": "day"}, reason="talks", author="Lilit")
    old_ids = {s["event_id"] for s in before["sources"]}
    totals = store.reextract(newer_extractor(shift))
    assert totals["pages"] == 3
    after = statement(store)
    new_ids = {s["event_id"] for s in after["sources"]}
    assert not (old_ids & new_ids), "the newer extractor gives new ids"
    assert {e["extractor_version"] for e in store.list_events()} == {"2.0"}
    assert after["type"] == "meeting" and after["corrected"] is True
    # Only the corrected event changed: the numbered page's events are gone (v2 finds none).
    assert len(store.list_events()) == 1


def test_alt_key_ignores_where_the_sentence_starts_but_not_its_date() -> None:
    key = alt_event_key("p", STATEMENT_A, "9 نوفمبر 2020")
    assert alt_event_key("p", STATEMENT_A[4:], "9 نوفمبر 2020") == key
    assert alt_event_key("p", STATEMENT_A, "نوفمبر 2020") != key
    assert alt_event_key("q", STATEMENT_A, "9 نوفمبر 2020") != key


def test_export_holds_every_correction_including_undos(store: Store) -> None:
    cid = store.correct_event(statement(store), {"type": "meeting"}, reason="talks", author="Lilit")
    store.undo_correction(cid, author="Aram")
    exported = json.loads(store.export_corrections())
    assert exported["format"] == "timeline-corrections/1"
    assert [(c["action"], c["author"]) for c in exported["corrections"]] == [("edit", "Lilit"), ("undo", "Aram")]
    assert exported["corrections"][1]["target"] == cid
    assert exported["corrections"][0]["keys"]


def _correction_app() -> None:
    from components.store.event_store import open_store
    from components.ui.correction_panel import (
        render_add_event_form,
        render_correction_form,
    )

    store = open_store()
    event = [e for e in store.list_events(include_hidden=True) if e["date_start"].startswith("2020-11")][0]
    render_correction_form(store, event, "en")
    render_add_event_form(store, "en")


def _by_key(widgets, suffix: str, prefix: str = "correct_"):
    (widget,) = [w for w in widgets if w.key and w.key.startswith(prefix) and w.key.endswith(suffix)]
    return widget


def _open_forms(app) -> None:
    """The forms open on demand (their pickers load the gazetteer): switch both on."""
    for toggle in app.toggle:
        toggle.set_value(True)
    app.run()


def test_the_correction_form_saves_shows_and_undoes(
    store: Store, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("TIMELINE_DB", store_url)
    app = AppTest.from_function(_correction_app, default_timeout=30).run()
    assert not app.exception
    _open_forms(app)
    _by_key(app.selectbox, "_type").set_value("meeting")
    _by_key(app.text_input, "_reason").set_value("the sentence reports <b>talks</b>")
    _by_key(app.text_input, "_author").set_value("Lilit")
    [button for button in app.button if button.label == "Save correction"][0].click()
    app.run()
    assert not app.exception and not app.error
    assert statement(store)["type"] == "meeting"
    history = " ".join(element.value for element in app.text)
    assert "Lilit" in history and "<b>talks</b>" in history  # shown as plain text
    assert not [w for w in app.text_input if w.key and w.key.startswith("undo_author_")]  # the name is remembered
    [button for button in app.button if button.label == "Undo"][0].click()
    app.run()
    assert not app.exception
    assert statement(store)["type"] == "agreement"
    assert [c["author"] for c in store.list_corrections()] == ["Lilit", "Lilit"]


def test_the_add_event_form_needs_a_date(store: Store, store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("TIMELINE_DB", store_url)
    app = AppTest.from_function(_correction_app, default_timeout=30).run()
    _open_forms(app)
    _by_key(app.text_input, "_reason", prefix="add_event_").set_value("missed")
    _by_key(app.text_input, "_author", prefix="add_event_").set_value("Lilit")
    [button for button in app.button if button.label == "Add event"][0].click()
    app.run()
    assert [e.value for e in app.error] == ["Please give the day the event started."]
    _by_key(app.date_input, "_start", prefix="add_event_").set_value(date(2024, 4, 19))
    _by_key(app.multiselect, "_countries", prefix="add_event_").set_value(["AM", "AZ"])
    _by_key(app.multiselect, "_places", prefix="add_event_").set_value(
        [
            option
            for option in _by_key(app.multiselect, "_places", prefix="add_event_").options
            if option.startswith("Tavush ·")
        ]
    )
    [button for button in app.button if button.label == "Add event"][0].click()
    app.run()
    assert not app.error and not app.exception
    assert [e["places"][0]["name_en"] for e in store.list_events() if e["date_start"] == "2024-04-19"] == ["Tavush"]
    assert [e["countries"] for e in store.list_events() if e["date_start"] == "2024-04-19"] == [["AM", "AZ"]]


def test_the_correction_form_edits_actors_and_places(
    store: Store, store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("TIMELINE_DB", store_url)
    app = AppTest.from_function(_correction_app, default_timeout=30).run()
    _open_forms(app)
    before = statement(store)
    places, actors = _by_key(app.multiselect, "_places"), _by_key(app.multiselect, "_actors")
    assert len(places.value) == len(before["places"]) and len(actors.value) == len(before["actors"])
    places.set_value([option for option in places.options if option.startswith("Lachin ·")])
    actors.set_value([option for option in actors.options if option.startswith("Nikol Pashinyan ·")])
    _by_key(app.text_input, "_reason").set_value("the deployment was along the Lachin corridor")
    _by_key(app.text_input, "_author").set_value("Lilit")
    [button for button in app.button if button.label == "Save correction"][0].click()
    app.run()
    assert not app.exception and not app.error
    after = statement(store)
    assert [(p["name_en"], p["country"]) for p in after["places"]] == [("Lachin", "AZ")]
    assert after["places"][0]["lat"] == pytest.approx(39.64, abs=0.01)
    assert [(a["name_en"], a["country"]) for a in after["actors"]] == [("Nikol Pashinyan", "AM")]
    assert after["corrected"]


def test_the_english_label_follows_a_corrected_type_and_countries(store: Store) -> None:
    store.correct_event(
        statement(store), {"type": "meeting", "countries": ["AM", "AZ", "TR"]}, reason="talks", author="Lilit"
    )
    event = statement(store)
    assert event["title_en"].startswith("Meeting — ") and "Türkiye" in event["title_en"]
