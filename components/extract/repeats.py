"""One happening, one event: the mentions of one happening in an article become one event.

A sub-heading or caption that names the same happening as a body sentence, or a body sentence that
names it less precisely ("في مارس الماضي" beside "في 4 آذار/مارس الماضي"), is merged into it, and so is
a statement of the same day in a sentence that goes on with the speech ("وأضاف اليوم …") (see
:func:`same_happening`). The merged event keeps the most precise date
(a day before a month, a shorter span before a longer one, a body sentence before a caption) and
lists every sentence as evidence (at most :data:`MAX_EVIDENCE`). An event found only in a caption
is dropped: captions illustrate, they do not report. A statement dated "the same day" ("وأعلنت الوزارة في اليوم
ذاته أن الهجوم …") that names the word of a happening of that day told before it reports on that happening: it
is merged into it (see :func:`merge_same_day_reports`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache

from components.extract.models import Event
from components.text.arabic import fold_key

MAX_EVIDENCE = 12  # sentences kept per event
MAX_CANDIDATES = 16  # kept events an event is compared with
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


def _inside(ranges: Sequence[tuple[int, int]], event: Event) -> bool:
    return any(start <= event.char_start < end for start, end in ranges)


@lru_cache(maxsize=4096)
def _day(iso: str) -> date:
    return date.fromisoformat(iso)


def _days(event: Event) -> tuple[date, date] | None:
    if event.date_start is None or event.date_end is None:
        return None
    return _day(event.date_start), _day(event.date_end)


def _nested(a: Event, b: Event) -> bool:
    first, second = _days(a), _days(b)
    if first is None or second is None:
        return False
    return (first[0] <= second[0] and second[1] <= first[1]) or (second[0] <= first[0] and first[1] <= second[1])


def _agree(a: Event, b: Event) -> bool:
    ours, theirs = set(a.countries), set(b.countries)
    return not ours or not theirs or ours <= theirs or theirs <= ours


def _same_places(a: Event, b: Event) -> bool:
    """Neither names a place the other does not (one naming none agrees with any)."""
    ours = {place["name_en"] for place in a.places}
    theirs = {place["name_en"] for place in b.places}
    return not ours or not theirs or ours <= theirs or theirs <= ours


def _same_actors(a: Event, b: Event) -> bool:
    """Neither names an actor the other does not (one naming none agrees with any)."""
    ours = {actor["name_en"] for actor in a.actors}
    theirs = {actor["name_en"] for actor in b.actors}
    return not ours or not theirs or ours <= theirs or theirs <= ours


def same_happening(
    a: Event, b: Event, headings: Sequence[tuple[int, int]] = (), continuations: frozenset[int] = frozenset()
) -> bool:
    """Mentions of one happening: same type and status, nested spans, parties that agree; and one of
    them is a heading or caption, or names the happening less precisely (a month for a day); or one
    sentence names the same span twice, or two sentences name the same year with places and actors that
    agree, or the same day with the same trigger word. Two other dates of one sentence, and two other
    sentences naming the same day ("أمس"، "في اليوم نفسه": often two happenings of that day), are not
    merged."""
    if not (a.type == b.type and a.status == b.status and _nested(a, b)) or not _agree(a, b):
        return False
    if a.char_start == b.char_start:  # "وصل الاثنين … والتقى في اليوم ذاته": one sentence names its day twice
        return _days(a) == _days(b) and _same_places(a, b) and _same_actors(a, b)
    going_on = [event for event in (a, b) if event.char_start in continuations and not event.actors]
    if a.type == "statement" and _days(a) == _days(b) and going_on:
        return True  # "وأضاف اليوم …" (no new speaker named): the same speech, going on
    if a.precision == "day" and _days(a) == _days(b) and _trigger_word(a) == _trigger_word(b) != "":
        return True  # "بدأ الانسحاب في 17 أبريل" … "أكد بيسكوف بدء الانسحاب في اليوم نفسه": one withdrawal named twice
    if a.precision == b.precision == "year" and _same_places(a, b) and _same_actors(a, b):
        return True  # "التقيا عام 2019" … "منذ لقائهما قبل خمس سنوات": a year names one happening of a kind
    return _inside(headings, a) or _inside(headings, b) or a.precision != b.precision


def _trigger_word(event: Event) -> str:
    """The first word of the trigger that typed the event, folded, without "و" and "ال" ("وأكد" and "أكد", "الاتصال
    الهاتفي" and "اتصال")."""
    word = next(iter(fold_key(event.trigger or "").split()), "")
    for prefix in ("و", "ال"):
        word = word.removeprefix(prefix)
    return word


def _rank(event: Event, captions: Sequence[tuple[int, int]], headings: Sequence[tuple[int, int]]) -> tuple[int, ...]:
    """Smaller is a better representative: precise date first, then a body sentence."""
    days = _days(event)
    length = (days[1] - days[0]).days if days else 10**6
    where = 2 if _inside(captions, event) else 1 if _inside(headings, event) else 0
    return _PRECISION_RANK.get(event.precision or "", 3), length, where


def _absorb(kept: Event, other: Event) -> None:
    """Add ``other``'s sentences and parties to ``kept``."""
    known = {(item["char_start"], item["char_end"]) for item in kept.evidence}
    for item in other.evidence:
        if (item["char_start"], item["char_end"]) not in known and len(kept.evidence) < MAX_EVIDENCE:
            kept.evidence.append(item)
            known.add((item["char_start"], item["char_end"]))
    kept.evidence.sort(key=lambda item: item["char_start"])
    kept.countries = sorted(set(kept.countries) | set(other.countries))
    kept.actors += [actor for actor in other.actors if actor not in kept.actors]
    kept.places += [place for place in other.places if place not in kept.places]
    kept.location_country = kept.location_country or other.location_country


Key = tuple[object, ...]


def _buckets(event: Event) -> tuple[Key | None, Key | None]:
    """Where an event is filed: by type, status and month (and year) of its start."""
    days = _days(event)
    if days is None:
        return None, None
    first = days[0]
    return (event.type, event.status, first.year, first.month), (event.type, event.status, first.year)


def _trigger_at(event: Event) -> int | None:
    return next((mention["start"] for mention in event.mentions if mention["kind"] == "trigger"), None)


def drop_span_ends(events: Sequence[Event]) -> list[Event]:
    """A day that opens a span of days written after it in the same sentence, typed by the same trigger word,
    is that span's happening named twice ("تنطلق غدا الجمعة المحادثات … وتستمر يومي الجمعة والسبت"): the
    span stays, the day goes. A span with a trigger of its own is another happening ("التقيا أمس على
    هامش القمة التي عقدت يومي الأحد والاثنين")."""
    spans = {
        (event.char_start, _trigger_at(event), days[0]): event.mentions[0]["start"]
        for event in events
        if event.precision == "day" and (days := _days(event)) is not None and days[0] < days[1]
    }
    if not spans:
        return list(events)
    return [event for event in events if not _opens_span(event, spans)]


def _opens_span(event: Event, spans: dict[tuple[int, int | None, date], int]) -> bool:
    days = _days(event)
    if event.precision != "day" or days is None or days[0] != days[1]:
        return False
    span_at = spans.get((event.char_start, _trigger_at(event), days[0]))
    return span_at is not None and event.mentions[0]["start"] < span_at


def merge_repeats(
    events: Sequence[Event],
    captions: Sequence[tuple[int, int]] = (),
    headings: Sequence[tuple[int, int]] = (),
    continuations: frozenset[int] = frozenset(),
) -> list[Event]:
    """The events of one article with the mentions of each happening merged (events in text order).
    ``continuations``: starts of sentences that go on with the speech before them ("وأضاف").

    Events are taken from the most precise; each is compared with at most :data:`MAX_CANDIDATES`
    kept events of its type, status and month (its year for a year), so the cost stays linear."""
    secondary = (*headings, *captions)
    kept: list[Event] = []
    filed: dict[Key, list[Event]] = {}
    for event in sorted(events, key=lambda event: _rank(event, captions, headings)):
        month_key, year_key = _buckets(event)
        lookup = year_key if event.precision == "year" else month_key
        candidates = filed.get(lookup, [])[:MAX_CANDIDATES] if lookup is not None else []
        match = next((other for other in candidates if same_happening(other, event, secondary, continuations)), None)
        if match is not None:
            _absorb(match, event)
            continue
        if _inside(captions, event):
            continue
        kept.append(event)
        for key in (month_key, year_key):
            if key is not None:
                filed.setdefault(key, []).append(event)
    return sorted(kept, key=lambda event: (event.char_start, event.mentions[0]["start"] if event.mentions else 0))


def merge_same_day_reports(
    events: Sequence[Event], same_day_phrases: frozenset[str], reported: Callable[[Event], frozenset[str]]
) -> list[Event]:
    """A statement dated by a phrase of the same day (``same_day_phrases``, folded: "اليوم نفسه", "اليوم ذاته")
    that reports a happening of a type (``reported``: the types named in what it says) of which one was told
    before it on that day reports on that happening ("شنت أوكرانيا صباح أمس السبت هجوما …" … "وأعلنت وزارة
    الدفاع في اليوم ذاته أن الهجوم جرى على ثلاث موجات"): one happening, merged into the earlier event."""
    by_day: dict[tuple[object, ...], list[Event]] = {}
    kept: list[Event] = []
    for event in sorted(events, key=lambda event: event.char_start):
        days = _days(event)
        key = (days, event.status)
        told = by_day.get(key, []) if days is not None and event.precision == "day" else []
        if event.type == "statement" and told and _dated_same_day(event, same_day_phrases):
            types = reported(event)
            earlier = next(
                (other for other in reversed(told) if other.type in types and other.char_start < event.char_start),
                None,
            )
            if earlier is not None:
                _absorb(earlier, event)
                continue
        kept.append(event)
        if days is not None and event.precision == "day":
            by_day.setdefault(key, []).append(event)
    return kept


def _dated_same_day(event: Event, phrases: frozenset[str]) -> bool:
    written = fold_key(event.date_text)
    return any(phrase in written for phrase in phrases)
