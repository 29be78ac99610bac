"""Merging at write time gives exactly the groups of merging everything afresh, whatever the order
in which events arrive or leave (regroup over an in-memory index, against merge.group_ids)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from components.store.merge import group_ids, profile_of, rank_key, spans_overlap
from components.store.regroup import Node, regroup

TYPES = ("meeting", "agreement", "statement", "other", "military")
COUNTRIES = ("AM", "AZ", "RU", "TR")
PLACES = (
    {"name_en": "Moscow", "name_ar": "موسكو", "country": "RU", "kind": "city"},
    {"name_en": "Russia", "name_ar": "روسيا", "country": "RU", "kind": "country"},
    {"name_en": "Baku", "name_ar": "باكو", "country": "AZ", "kind": "city"},
)


@dataclass
class MemoryIndex:
    """The stored events and groups as dicts (what the store keeps in its tables)."""

    events: dict[str, dict] = field(default_factory=dict)
    group: dict[str, str] = field(default_factory=dict)

    def add(self, event: dict) -> None:
        self.events[event["id"]] = profile_of(event)
        self.group[event["id"]] = event["id"]

    def remove(self, event_id: str) -> list[str]:
        """Delete an event; returns the members it leaves without their seed."""
        del self.events[event_id]
        del self.group[event_id]
        return [e for e, g in self.group.items() if g == event_id]

    def _node(self, event_id: str) -> Node:
        seed = self.group[event_id]
        seed_rank = rank_key(self.events[seed]) if seed in self.events else None
        return Node(event_id, rank_key(self.events[event_id]), self.events[event_id], seed, seed_rank)

    def nodes(self, event_ids: Iterable[str]) -> list[Node]:
        return [self._node(e) for e in event_ids]

    def near(self, node: Node) -> list[Node]:
        mine = set(node.profile["countries"] or ())
        return [
            self._node(e)
            for e, p in self.events.items()
            if e != node.id and mine & set(p["countries"] or ()) and spans_overlap(p, node.profile)
        ]

    def members(self, group_id: str) -> list[str]:
        return [e for e, g in self.group.items() if g == group_id]

    def set_group(self, event_id: str, group_id: str) -> None:
        self.group[event_id] = group_id


@st.composite
def events(draw: st.DrawFn) -> list[dict]:
    count = draw(st.integers(1, 30))
    made = []
    for n in range(count):
        precision = draw(st.sampled_from(("day", "day", "month", "year", None)))
        start = date(2024, 1, 1) + timedelta(days=draw(st.integers(0, 90)))
        if precision == "month":
            start, end = start.replace(day=1), start.replace(day=28)
        elif precision == "year":
            start, end = date(start.year, 1, 1), date(start.year, 12, 31)
        else:
            end = start + timedelta(days=draw(st.integers(0, 2)))
        made.append(
            {
                "id": f"e{n:02d}",
                "type": draw(st.sampled_from(TYPES)),
                "countries": sorted(draw(st.sets(st.sampled_from(COUNTRIES), max_size=3))),
                "places": draw(st.lists(st.sampled_from(PLACES), max_size=2)),
                "date_start": start.isoformat() if precision else None,
                "date_end": end.isoformat() if precision else None,
                "undated": precision is None,
                "precision": precision,
                "approximate": draw(st.booleans()),
                "confidence": draw(st.sampled_from((0.5, 0.7, 0.9))),
            }
        )
    return made


@settings(max_examples=100, deadline=None, derandomize=True)
@given(events(), st.data())
def test_adding_events_in_any_order_gives_the_full_merge(made: list[dict], data: st.DataObject) -> None:
    order = data.draw(st.permutations(made))
    batches = data.draw(st.lists(st.integers(1, 5), min_size=len(order), max_size=len(order)))
    index = MemoryIndex()
    position = 0
    while position < len(order):
        batch = order[position : position + batches[position]]
        for event in batch:
            index.add(event)
        regroup(index, [e["id"] for e in batch])
        position += len(batch)
        assert index.group == group_ids(list(index.events.values()))


@settings(max_examples=80, deadline=None, derandomize=True)
@given(events(), st.data())
def test_removing_and_adding_events_gives_the_full_merge(made: list[dict], data: st.DataObject) -> None:
    index = MemoryIndex()
    for event in made:
        index.add(event)
    regroup(index, [e["id"] for e in made])
    gone = data.draw(st.lists(st.sampled_from([e["id"] for e in made]), unique=True))
    released: set[str] = set()
    for event_id in gone:
        released |= set(index.remove(event_id))
    back = [e for e in made if e["id"] in set(gone[: len(gone) // 2])]
    for event in back:
        index.add(event)
    regroup(index, [e["id"] for e in back], released - set(gone))
    assert index.group == group_ids(list(index.events.values()))
