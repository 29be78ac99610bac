"""Two events of one sentence dated by the same words ("أمس" twice) have keys of their own, so a
correction made on one never touches the other."""

from __future__ import annotations

from datetime import date

from components.extract.pipeline import extract_page, load_resources
from components.extract.reading import RawPage, content_hash
from components.store.corrections import alt_event_key, event_key
from components.store.event_store import open_store

TWICE = (
    "عقد وزير خارجية أرمينيا اجتماعا مع نظيره الأذربيجاني أمس في ألماتي، "
    "كما أعلنت روسيا أمس انسحاب قواتها من ناغورني قره باغ."
)


def twice_page():
    page = RawPage(name="twice.txt", text=TWICE, is_html=False, encoding="utf-8", content_hash=content_hash(TWICE))
    return extract_page(page, published=date(2024, 5, 12), resources=load_resources())


def test_the_keys_tell_apart_two_events_dated_by_the_same_words() -> None:
    first, second = (7, 10), (84, 87)
    assert event_key("a", 0, 121, "أمس", first) != event_key("a", 0, 121, "أمس", second)
    assert alt_event_key("p", TWICE, "أمس", first) != alt_event_key("p", TWICE, "أمس", second)
    # Where the date is written once, the context key is the one it always was.
    once = TWICE.split("،")[0]
    where = once.index("أمس")
    assert alt_event_key("p", once, "أمس", (where, where + 3)) == alt_event_key("p", once, "أمس")


def test_a_correction_touches_only_its_own_event(store_url: str) -> None:
    result = twice_page()
    with open_store(store_url) as store:
        store.ingest_page(result, published=date(2024, 5, 12))
        events = store.list_events()
        assert sorted(e["type"] for e in events) == ["meeting", "military"]
        meeting, military = sorted(events, key=lambda e: e["type"])
        assert meeting["sentence"] == military["sentence"] == TWICE
        assert meeting["event_key"] != military["event_key"] and meeting["alt_key"] != military["alt_key"]
        store.hide_event(military, reason="duplicate report", author="Lilit")
        (shown,) = store.list_events()
        assert shown["id"] == meeting["id"] and not shown["corrected"] and not shown["hidden"]
        store.correct_event(shown, {"countries": ["AM", "AZ"]}, reason="Kazakhstan only hosts", author="Lilit")
        hidden = [e for e in store.list_events(include_hidden=True) if e["id"] == military["id"]]
        assert [c["action"] for c in hidden[0]["corrections"]] == ["edit"]
        assert hidden[0]["countries"] == military["countries"]
        assert [e["countries"] for e in store.list_events()] == [["AM", "AZ"]]
