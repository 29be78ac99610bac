"""Who and where an event is: participant states, the country of its venue, actors and places."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from components.extract.located import unique, within
from components.extract.models import Actor, EntityMention, Place, TriggerMatch
from components.extract.records import ActorRecord, PlaceRecord
from components.extract.segments import Segment
from components.extract.triggers import ClauseWord


def participant_states(entities: Sequence[EntityMention], located: frozenset[int] = frozenset()) -> list[str]:
    """States taking part, in order of appearance: named, by adjective, by a capital acting as the
    state, or through a person's or body's country. A place is not a party: a country named as
    the place, or a capital in ``located`` (the starts of capitals written as a location)."""
    return unique(
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
    scope = within(sentence_entities, segment.start, segment.end)
    country_scope = sentence_entities if trigger.event_type == "statement" else scope
    participants = participant_states(country_scope, located)
    words = within(clause_words, segment.start, segment.end)
    pairs = [word for word in words if word.role == "pair"]
    if needs_parties(trigger, participants, pairs, scope):
        participants = participants + tally.main_states_before(segment.start, 2, participants)
    places = unique([place_record(m.place) for m in scope if m.place is not None])
    if not participants and not places:  # "البلاد", "البرلمان", or nobody named: the article's state
        participants = tally.main_states_before(segment.start, 1, participants)
    hosts = unique([p["country"] for p in places if p["country"]])
    # a news agency quoted as the source ("تاس", "كونا") is not an actor
    actors = unique([actor_record(m.actor) for m in scope if m.actor is not None and m.actor.role != MEDIA])
    return Parties(participants, hosts, actors, places)
