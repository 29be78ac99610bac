"""Step 5 of the pipeline: dated sentences with a trigger word become events.

How a sentence with several dates is shared out: the sentence is cut into clauses (at ، , ؛ ; :),
dates in one clause form a group, and each group gets a *segment* of consecutive clauses. A group's
segment starts at its own clause, or earlier when its clause has no trigger word (the trigger of a
date often comes before it: "وفي 19 أبريل، أصدرت اللجنتان …" is the other way round and is covered
because the first segment always starts at the beginning of the sentence). Two dates of one clause that are
not written side by side ("عام 2020 بموجب البيان الذي وقعه … في 9 نوفمبر") are split apart
right after the first date.

A group whose segment has no trigger word continues the list of the group before it
("عقدت أولاها في 28 فبراير، والثانية في 3 مارس") and takes its trigger.

The type is the trigger with the best score: its weight, minus a small penalty per character and
per clause of distance from the date, minus a larger one when a connector such as "بعد"/"عقب"
stands between trigger and date (the trigger then names another, earlier or later, event).
Statements report on the whole sentence, so their countries come from all of it; everything else
(actors, places, and the countries of other types) comes from the segment. A segment that names
refers to two parties ("البلدين", "الزعيمين"), or a meeting, agreement or border step that
names fewer than two states, takes the two states the article named most often before it; one that names no
state and no place takes the state the article named most often ("البلاد", "البرلمان"). A word of
saying that only cites a source ("وفق ما أعلنته الوزارة") loses weight. A date that is a time
limit ("حتى نهاية عام 2028", "بحلول مايو") or the subject of a clause ("بأن العام الماضي لم يكن سهلا")
is not the date of an event, nor is a date that recurs ("من كل عام") or a relative date inside quoted speech.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import pairwise
from typing import Any, Generic, Protocol, TypeVar

from components.extract.countries import country_name
from components.extract.models import (
    Actor,
    Article,
    DateSpan,
    EntityMention,
    Event,
    Place,
    Sentence,
    TriggerMatch,
    stable_id,
)
from components.extract.records import ActorRecord, MentionRecord, PlaceRecord
from components.extract.repeats import merge_repeats
from components.extract.status import event_role, event_status, reference_date
from components.extract.triggers import ClauseWord

TYPE_LABELS = {
    "meeting": "Meeting",
    "agreement": "Agreement",
    "statement": "Statement",
    "military": "Military",
    "border": "Border",
    "protest": "Protest",
    "other": "Other",
}
CHARACTER_PENALTY = 0.002  # score lost per character between a trigger and its date
CLAUSE_PENALTY = 0.2  # score lost per clause boundary between a trigger and its date
CONNECTOR_PENALTY = 0.35  # a connector between trigger and date: the trigger names another event
ATTRIBUTION_PENALTY = 0.4  # "وفق ما أعلنته": the word of saying only cites the source
ATTRIBUTION_GAP = 3  # characters between an attribution phrase and the word it governs
REPORTED_PENALTY = 0.3  # a word inside reported speech, when the date belongs to the speaking
REPORT_REACH = 60  # characters between a word of saying and the "أن" that opens what was said
COORDINATED_GAP = 12  # dates closer than this (characters) in one clause are one group ("مايو 2023 ويوليو 2023")
_CLAUSE_BREAK = re.compile(r"[،,؛;:]")


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    dates: tuple[DateSpan, ...]


def clause_bounds(sentence: Sentence, dates: Sequence[DateSpan] = ()) -> list[tuple[int, int]]:
    """Clauses of a sentence as absolute (start, end) offsets; a clause holding two dates that are
    not side by side is cut right after the first of them."""
    cuts = [sentence.start + match.end() for match in _CLAUSE_BREAK.finditer(sentence.text)]
    ordered = sorted(dates, key=lambda span: span.char_start)
    for first, second in pairwise(ordered):
        between = (first.char_end, second.char_start)
        if between[1] - between[0] > COORDINATED_GAP and not any(between[0] <= cut <= between[1] for cut in cuts):
            cuts.append(first.char_end)
    bounds: list[tuple[int, int]] = []
    start = sentence.start
    for end in sorted(set(cuts)):
        if start < end < sentence.end:
            bounds.append((start, end))
            start = end
    bounds.append((start, sentence.end))
    return bounds


def _clause_of(offset: int, clauses: Sequence[tuple[int, int]]) -> int:
    for index, (start, end) in enumerate(clauses):
        if start <= offset < end:
            return index
    return len(clauses) - 1


def segment_sentence(
    sentence: Sentence, dates: Sequence[DateSpan], triggers: Sequence[TriggerMatch]
) -> tuple[list[Segment], list[tuple[int, int]]]:
    """Share a sentence out between the groups of dates it holds (see the module docstring).
    Returns the segments and the clauses they were cut from."""
    clauses = clause_bounds(sentence, dates)
    groups: dict[int, list[DateSpan]] = {}
    for span in dates:
        groups.setdefault(_clause_of(span.char_start, clauses), []).append(span)
    ordered = sorted(groups)
    has_trigger = [any(start <= t.char_start < end for t in triggers) for start, end in clauses]
    starts: list[int] = [0]
    for previous, current in pairwise(ordered):
        first = current
        while first - 1 > previous and not any(has_trigger[first : current + 1]):
            first -= 1
        starts.append(first)
    segments: list[Segment] = []
    for position, clause_index in enumerate(ordered):
        first_clause = starts[position]
        last_clause = starts[position + 1] - 1 if position + 1 < len(starts) else len(clauses) - 1
        segments.append(Segment(clauses[first_clause][0], clauses[last_clause][1], tuple(groups[clause_index])))
    return segments, clauses


def trigger_score(
    trigger: TriggerMatch,
    span: DateSpan,
    clauses: Sequence[tuple[int, int]],
    connectors: Sequence[ClauseWord],
    reported: Sequence[int] = (),
) -> float:
    """How well a trigger fits a date: weight minus distance and connector penalties, and minus a
    penalty for a word inside reported speech when the date belongs to the speaking ("أعلن
    السفير أمس أن مسار الانضمام …": the date is the announcement's)."""
    in_report = trigger.event_type != "statement" and any(
        span.char_end <= start < trigger.char_start for start in reported
    )
    low, high = (
        sorted((trigger.char_end, span.char_start))
        if trigger.char_end <= span.char_start
        else sorted((span.char_end, trigger.char_start))
    )
    distance = max(0, high - low)
    clause_gap = abs(_clause_of(trigger.char_start, clauses) - _clause_of(span.char_start, clauses))
    separated = any(low <= word.char_start and word.char_end <= high for word in connectors)
    return (
        trigger.weight
        - CHARACTER_PENALTY * distance
        - CLAUSE_PENALTY * clause_gap
        - (CONNECTOR_PENALTY if separated else 0.0)
        - (REPORTED_PENALTY if in_report else 0.0)
    )


def best_trigger(
    segment: Segment,
    triggers: Sequence[TriggerMatch],
    clauses: Sequence[tuple[int, int]] = (),
    connectors: Sequence[ClauseWord] = (),
    reported: Sequence[int] = (),
) -> TriggerMatch | None:
    clauses = clauses or [(segment.start, segment.end)]
    inside = [t for t in triggers if segment.start <= t.char_start < segment.end]
    return max(
        inside,
        key=lambda t: max(trigger_score(t, span, clauses, connectors, reported) for span in segment.dates),
        default=None,
    )


def reported_speech_starts(triggers: Sequence[TriggerMatch], clause_words: Sequence[ClauseWord]) -> list[int]:
    """Where reported speech begins: an "أن"/"إن" shortly after a word of saying."""
    says = sorted(t.char_end for t in triggers if t.event_type == "statement")
    return [
        word.char_start
        for word in clause_words
        if word.role == "subject"
        and bisect_right(says, word.char_start) > bisect_left(says, word.char_start - REPORT_REACH)
    ]


def discount_attributions(triggers: Sequence[TriggerMatch], attributions: Sequence[ClauseWord]) -> list[TriggerMatch]:
    """Words of saying right after "وفق ما"/"بحسب ما" cite a source: they lose weight."""
    ends = {word.char_end for word in attributions}
    return [
        replace(trigger, weight=trigger.weight - ATTRIBUTION_PENALTY)
        if trigger.event_type == "statement"
        and any(trigger.char_start - gap in ends for gap in range(ATTRIBUTION_GAP + 1))
        else trigger
        for trigger in triggers
    ]


_QUOTE_PAIRS = {'"': '"', "“": "”", "«": "»", "„": "“"}
_QUOTE_OPENING = re.compile("[" + "".join(_QUOTE_PAIRS) + "]")


def quoted_ranges(sentence: Sentence) -> list[tuple[int, int]]:
    """Absolute ranges of the sentence inside quotation marks. A relative date there ("اليوم" in a
    quoted speech) counts from the day of the speech, which the publication date does not give."""
    ranges: list[tuple[int, int]] = []
    text, index = sentence.text, 0
    while (opening := _QUOTE_OPENING.search(text, index)) is not None:
        start = opening.start()
        end = text.find(_QUOTE_PAIRS[opening.group()], start + 1)
        end = end if end > start else len(text)  # the quotation goes on past the sentence's end
        ranges.append((sentence.start + start, sentence.start + end))
        index = end + 1
    return ranges


def precedes_word(span: DateSpan, word_starts: set[int], text: str) -> bool:
    """The date comes right before one of the words starting at ``word_starts`` ("من كل عام")."""
    gap_end = span.char_end
    while gap_end < len(text) and text[gap_end].isspace():
        gap_end += 1
    return gap_end in word_starts


def follows_word(span: DateSpan, word_ends: set[int], text: str) -> bool:
    """The date comes right after one of the words ending at ``word_ends``: after "حتى"/"بحلول"
    it is a time limit, after "أن"/"بأن" the subject of the clause, not when something happened."""
    gap_start = span.char_start
    while gap_start > 0 and text[gap_start - 1].isspace():
        gap_start -= 1
    return gap_start in word_ends


class _Located(Protocol):
    @property
    def char_start(self) -> int: ...


LocatedT = TypeVar("LocatedT", bound=_Located)
ItemT = TypeVar("ItemT")


def _within(items: Sequence[LocatedT], start: int, end: int) -> list[LocatedT]:
    return [item for item in items if start <= item.char_start < end]


class Located(Generic[LocatedT]):
    """Items sorted by where they start, sliced by offsets with a binary search (an article is not
    rescanned once per sentence)."""

    def __init__(self, items: Iterable[LocatedT]) -> None:
        self.items = sorted(items, key=lambda item: item.char_start)
        self.starts = [item.char_start for item in self.items]

    def within(self, start: int, end: int) -> list[LocatedT]:
        return self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


def _unique(items: Iterable[ItemT]) -> list[ItemT]:
    """The items without repeats, in order (dicts are not hashable: a list is searched)."""
    seen: list[ItemT] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def participant_states(entities: Sequence[EntityMention], located: frozenset[int] = frozenset()) -> list[str]:
    """States taking part, in order of appearance: named, by adjective, by a capital acting as the
    state, or through a person's or body's country. A place is not a party: a country named as
    the place, or a capital in ``located`` (the starts of capitals written as a location)."""
    return _unique(
        [
            m.country.code
            for m in entities
            if m.country is not None
            and not (m.place is not None and (m.place.kind == "country" or m.char_start in located))
        ]
    )


def located_places(entities: Sequence[EntityMention], locatives: Sequence[ClauseWord], text: str) -> frozenset[int]:
    """Starts of place mentions written as a location: after "في"/"إلى"/"العاصمة …", or with the
    preposition ب joined to them ("بموسكو")."""
    ends = {word.char_end for word in locatives}
    found = set()
    for mention in entities:
        if mention.place is None:
            continue
        glued = mention.text.startswith("ب") and not mention.place.name_ar.startswith("ب")
        gap_start = mention.char_start
        while gap_start > 0 and text[gap_start - 1].isspace():
            gap_start -= 1
        if glued or gap_start in ends:
            found.add(mention.char_start)
    return frozenset(found)


BILATERAL_TYPES = ("meeting", "agreement", "border")
BILATERAL_VENUE_TYPES = ("meeting", "agreement")  # between two others, the host is only the venue
MEDIA = "media"  # the category of news organisations (organisations.tsv)
MAX_MENTIONS = 40  # highlighted stretches kept per event (the date and trigger first)


def needs_parties(
    trigger: TriggerMatch, participants: Sequence[str], pairs: Sequence[ClauseWord], scope: Sequence[EntityMention]
) -> bool:
    """Whether the parties of an event must be taken from earlier in the article: it refers to two
    parties ("البلدين") not named right after that word, or it is a bilateral kind of event
    (talks, agreement, border step) that names fewer than two states."""
    named_after = any(
        0 <= m.char_start - pair.char_end <= 12 and m.country is not None for pair in pairs for m in scope
    )
    if pairs and not named_after:
        return True
    return trigger.event_type in BILATERAL_TYPES and len(participants) < 2


class StateTally:
    """How often each state is named as a party before an offset, for words that refer back to
    the parties ("البلدين", "الزعيمين"). Queries at growing offsets cost only the entities passed
    since the last one."""

    def __init__(self, entities: Sequence[EntityMention]) -> None:
        # a host city or country is not a party
        self.named = sorted(
            ((m.char_start, m.country.code) for m in entities if m.country is not None and m.place is None),
        )
        self.position = 0
        self.offset = -1
        self.tally: dict[str, tuple[int, int]] = {}

    def _advance(self, offset: int) -> None:
        if offset < self.offset:
            self.position, self.tally = 0, {}
        self.offset = offset
        while self.position < len(self.named) and self.named[self.position][0] < offset:
            start, code = self.named[self.position]
            self.tally[code] = (self.tally.get(code, (0, 0))[0] + 1, start)
            self.position += 1

    def main_states_before(self, offset: int, count: int, exclude: Sequence[str]) -> list[str]:
        """The ``count`` states named most often before ``offset`` (ties: the most recent first)."""
        self._advance(offset)
        ranked = sorted((code for code in self.tally if code not in exclude), key=self.tally.__getitem__, reverse=True)
        return ranked[:count]


def main_states_before(entities: Sequence[EntityMention], offset: int, count: int, exclude: Sequence[str]) -> list[str]:
    """The ``count`` states named most often before ``offset`` (ties: the most recent first),
    for words that refer back to two parties ("البلدين", "الزعيمين")."""
    return StateTally(entities).main_states_before(offset, count, exclude)


def event_title(event_type: str, participants: Sequence[str], hosts: Sequence[str], place_names: Sequence[str]) -> str:
    """English label, e.g. ``Meeting — Armenia, Azerbaijan — Kazakhstan``."""
    names = [country_name(code) for code in (participants or hosts)]
    parts = [TYPE_LABELS.get(event_type, event_type.title())]
    if names:
        parts.append(", ".join(names))
    if place_names:
        shown = list(place_names[:3])
        more = len(place_names) - len(shown)
        parts.append(", ".join(shown) + (f" and {more} more" if more else ""))
    return " — ".join(parts)


def title_of(event: Mapping[str, Any]) -> str:
    """The English label of an event object (after a correction changed its type, countries or
    places): the states not there only as a place's host are the parties."""
    hosts = _unique([place.get("country") for place in event.get("places") or [] if place.get("country")])
    parties = [code for code in event.get("countries") or [] if code not in hosts]
    names = _unique([place.get("name_en") for place in event.get("places") or [] if place.get("name_en")])
    return event_title(event.get("type") or "other", parties, hosts, names)


def confidence(trigger: TriggerMatch, span: DateSpan, countries: Sequence[str], has_actor: bool) -> float:
    """A 0–1 score: trigger strength, how firmly the date is written, whether participants are known."""
    value = 0.35 + 0.3 * trigger.weight
    value += 0.15 if countries else -0.1
    value += 0.05 if has_actor else 0.0
    if span.undated:
        value -= 0.2
    elif not span.approximate:
        value += 0.1
    return round(min(0.99, max(0.05, value)), 2)


def actor_record(actor: Actor) -> ActorRecord:
    return {
        "name_en": actor.name_en,
        "name_ar": actor.name_ar,
        "country": actor.country,
        "role": actor.role,
        "kind": actor.kind,
    }


def place_record(place: Place) -> PlaceRecord:
    return {
        "name_en": place.name_en,
        "name_ar": place.name_ar,
        "country": place.country,
        "lat": round(place.lat, 5),
        "lon": round(place.lon, 5),
        "kind": place.kind,
    }


def actor_dict(actor: Actor) -> dict[str, Any]:
    """:func:`actor_record` as a plain dict (what the correction form edits)."""
    return dict(actor_record(actor))


def place_dict(place: Place) -> dict[str, Any]:
    """:func:`place_record` as a plain dict (what the correction form edits)."""
    return dict(place_record(place))


def _mention(kind: str, start: int, end: int, sentence: Sentence) -> MentionRecord:
    return {
        "kind": kind,
        "start": start - sentence.start,
        "end": end - sentence.start,
        "text": sentence.text[start - sentence.start : end - sentence.start],
    }


@dataclass(frozen=True)
class Parties:
    """Who and where an event is: participant states, host states, actors, places, all countries."""

    participants: list[str]
    hosts: list[str]
    actors: list[ActorRecord]
    places: list[PlaceRecord]

    def countries(self, event_type: str) -> list[str]:
        """The participants and subjects. The country of a venue is not a party to talks or an
        agreement between two others, nor to a statement made there (Geneva does not make
        Switzerland one); it is a party to a visit (talks naming one other state) and to a summit
        of several states it hosts, and the subject of what happens on its soil (a protest, a
        strike, a handover) and of an event naming no party."""
        parties = set(self.participants)
        if (event_type == "statement" and parties) or (event_type in BILATERAL_VENUE_TYPES and len(parties) == 2):
            return sorted(parties)
        return sorted(parties | set(self.hosts))

    @property
    def location_country(self) -> str | None:
        return self.hosts[0] if self.hosts else None


def segment_parties(
    segment: Segment,
    trigger: TriggerMatch,
    sentence_entities: Sequence[EntityMention],
    tally: StateTally,
    clause_words: Sequence[ClauseWord],
    located: frozenset[int] = frozenset(),
) -> Parties:
    scope = _within(sentence_entities, segment.start, segment.end)
    country_scope = sentence_entities if trigger.event_type == "statement" else scope
    participants = participant_states(country_scope, located)
    words = _within(clause_words, segment.start, segment.end)
    pairs = [word for word in words if word.role == "pair"]
    if needs_parties(trigger, participants, pairs, scope):
        participants = participants + tally.main_states_before(segment.start, 2, participants)
    places = _unique([place_record(m.place) for m in scope if m.place is not None])
    if not participants and not places:  # "البلاد", "البرلمان", or nobody named: the article's state
        participants = tally.main_states_before(segment.start, 1, participants)
    hosts = _unique([p["country"] for p in places if p["country"]])
    # a news agency quoted as the source ("تاس", "كونا") is not an actor
    actors = _unique([actor_record(m.actor) for m in scope if m.actor is not None and m.actor.role != MEDIA])
    return Parties(participants, hosts, actors, places)


def make_event(
    article: Article,
    sentence: Sentence,
    span: DateSpan,
    trigger: TriggerMatch,
    parties: Parties,
    mentions: list[MentionRecord],
    extractor_version: str,
    reference: date | None = None,
) -> Event:
    """An event; ``reference`` is the day the article speaks from (see :mod:`components.extract.status`)."""
    countries = parties.countries(trigger.event_type)
    place_names = _unique([p["name_en"] for p in parties.places])
    status = event_status(span, article.published)
    return Event(
        id=stable_id(article.id, span.char_start, span.char_end),
        article_id=article.id,
        date_start=span.start.isoformat() if span.start else None,
        date_end=span.end.isoformat() if span.end else None,
        precision=span.precision,
        approximate=span.approximate,
        date_text=span.text,
        type=trigger.event_type,
        countries=countries,
        actors=parties.actors,
        places=parties.places,
        title_en=event_title(trigger.event_type, parties.participants, parties.hosts, place_names),
        sentence=sentence.text,
        char_start=sentence.start,
        char_end=sentence.end,
        source=article.source,
        url=article.url,
        published=article.published.isoformat() if article.published else None,
        confidence=confidence(trigger, span, countries, bool(parties.actors)),
        trigger=trigger.text,
        mentions=([_mention("date", span.char_start, span.char_end, sentence)] + mentions)[:MAX_MENTIONS],
        undated=span.undated,
        extractor_version=extractor_version,
        status=status,
        role=event_role(span, status, reference),
        location_country=parties.location_country,
        evidence=[{"char_start": sentence.start, "char_end": sentence.end, "text": sentence.text}],
    )


@dataclass
class Findings:
    """What the earlier steps found in one article, indexed by offset so that each sentence takes
    its own share with a binary search."""

    dates: Located[DateSpan]
    triggers: Located[TriggerMatch]
    entities: Located[EntityMention]
    words: Located[ClauseWord]
    connectors: Located[ClauseWord]
    reported: list[int]  # where reported speech starts, sorted
    located: frozenset[int]
    tally: StateTally
    not_event_date_ends: set[int]
    recurring_starts: set[int]
    reference: date | None


def index_findings(
    article: Article,
    dates: Sequence[DateSpan],
    entities: Sequence[EntityMention],
    triggers: Sequence[TriggerMatch],
    clause_words: Sequence[ClauseWord],
) -> Findings:
    triggers = discount_attributions(triggers, [word for word in clause_words if word.role == "attribution"])
    return Findings(
        dates=Located(dates),
        triggers=Located(triggers),
        entities=Located(entities),
        words=Located(clause_words),
        connectors=Located(word for word in clause_words if word.role == "connector"),
        reported=sorted(reported_speech_starts(triggers, clause_words)),
        located=located_places(entities, [word for word in clause_words if word.role == "locative"], article.text),
        tally=StateTally(entities),
        not_event_date_ends={word.char_end for word in clause_words if word.role in ("deadline", "subject")},
        recurring_starts={word.char_start for word in clause_words if word.role == "recurring"},
        reference=reference_date(article.published, dates),
    )


def event_dates(sentence: Sentence, found: Findings, text: str, published: date | None) -> list[DateSpan]:
    """The dates of a sentence that may date an event (not a time limit, not a yearly date; in quoted
    speech, see :func:`spoken_dates`)."""
    dates = [
        span
        for span in found.dates.within(sentence.start, sentence.end)
        if not follows_word(span, found.not_event_date_ends, text)
        and not precedes_word(span, found.recurring_starts, text)
    ]
    if any(span.deictic for span in dates):
        dates = spoken_dates(dates, quoted_ranges(sentence), published)
    return dates


def spoken_dates(
    dates: Sequence[DateSpan], quoted: Sequence[tuple[int, int]], published: date | None
) -> list[DateSpan]:
    """Dates inside quoted speech are dates like any other, except those counted from the time of
    speaking ("أمس", "الأسبوع الماضي"): they are moved to count from the date of the speech written
    before the quotation in the same sentence ("وقال في 3 أيلول: "التقيت أمس …""), and dropped when
    the speech has no date."""
    kept: list[DateSpan] = []
    for span in dates:
        if not (span.deictic and any(a <= span.char_start < b for a, b in quoted)):
            kept.append(span)
            continue
        speech = next(
            (
                other
                for other in reversed(dates)
                if other.char_end <= span.char_start
                and other.start is not None
                and not any(a <= other.char_start < b for a, b in quoted)
            ),
            None,
        )
        moved = _at_speech(span, speech, published)
        # "اليوم" of the speaker is the day of the speech itself: the speech is that event already
        if moved is not None and speech is not None and (moved.start, moved.end) != (speech.start, speech.end):
            kept.append(moved)
    return kept


def _at_speech(span: DateSpan, speech: DateSpan | None, published: date | None) -> DateSpan | None:
    """``span`` (counted from ``published``) counted from the day of ``speech`` instead."""
    if speech is None or speech.start is None or published is None or span.start is None or span.end is None:
        return None
    shift = speech.start - published
    if not shift:
        return span
    if span.precision != "day":
        return None  # a month or year counted from another day: not worth a guess
    start, end = span.start + shift, span.end + shift
    return replace(span, start=start, end=end, planned=span.planned and start > published)


def sentence_events(article: Article, sentence: Sentence, found: Findings, extractor_version: str) -> list[Event]:
    dates = event_dates(sentence, found, article.text, article.published)
    if not dates:
        return []
    bounds = (sentence.start, sentence.end)
    triggers, entities = found.triggers.within(*bounds), found.entities.within(*bounds)
    words, connectors = found.words.within(*bounds), found.connectors.within(*bounds)
    reported = found.reported[bisect_left(found.reported, bounds[0]) : bisect_left(found.reported, bounds[1])]
    segments, clauses = segment_sentence(sentence, dates, triggers)
    events: list[Event] = []
    previous: TriggerMatch | None = None
    for segment in segments:
        # a date with no trigger of its own continues a list ("عقدت أولاها في 28 فبراير، والثانية في 3 مارس")
        trigger = best_trigger(segment, triggers, clauses, connectors, reported) or previous
        if trigger is None:
            continue
        previous = trigger
        parties = segment_parties(segment, trigger, entities, found.tally, words, found.located)
        mentions = [_mention("trigger", trigger.char_start, trigger.char_end, sentence)]
        mentions += [_mention(m.kind, m.char_start, m.char_end, sentence) for m in entities]
        events += [
            make_event(article, sentence, span, trigger, parties, mentions, extractor_version, found.reference)
            for span in segment.dates
        ]
    return events


def build_events(
    article: Article,
    sentences: Sequence[Sentence],
    dates: Sequence[DateSpan],
    entities: Sequence[EntityMention],
    triggers: Sequence[TriggerMatch],
    clause_words: Sequence[ClauseWord] = (),
    extractor_version: str = "",
) -> list[Event]:
    """Events of one article from the findings of the earlier steps (all offsets in ``article.text``)."""
    found = index_findings(article, dates, entities, triggers, clause_words)
    events = [event for sentence in sentences for event in sentence_events(article, sentence, found, extractor_version)]
    return merge_repeats(events, article.caption_ranges, article.heading_ranges)
