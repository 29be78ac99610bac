"""What the store lists, from what it holds: machine events grouped into merged events, then
analyst corrections applied. Pure functions; the SQL that reads their inputs is in
:mod:`components.store.event_store`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from components.store import merge
from components.store.corrections import apply_corrections

Event = dict[str, Any]


def clusters_from_groups(events: Sequence[Event], group_of: Mapping[str, str]) -> list[list[Event]]:
    """Events grouped as persisted (event id → group id), each group's seed first."""
    by_group: dict[str, list[Event]] = {}
    for event in events:
        by_group.setdefault(group_of.get(event["id"], event["id"]), []).append(event)
    for group_id, members in by_group.items():
        members.sort(key=lambda e: (e["id"] != group_id, merge.seed_order(e)))
    return list(by_group.values())


def corrected_view(
    clusters: Sequence[Sequence[Event]], corrections: list[dict[str, Any]], *, include_hidden: bool = False
) -> list[Event]:
    """Merged events with corrections applied, ordered by date (undated last)."""
    merged = apply_corrections([merge.combine(cluster) for cluster in clusters], corrections, in_place=True)
    visible = [event for event in merged if include_hidden or not event["hidden"]]
    visible.sort(key=lambda e: (e.get("date_start") is None, e.get("date_start") or "", e["id"]))
    return visible
