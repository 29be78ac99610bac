"""Merging at write time: bringing stored groups up to date after events were added or removed,
with exactly the result of merging everything afresh (:func:`components.store.merge.group_events`).

``group_events`` takes events in seed order (:func:`~components.store.merge.rank_key`); each joins
the earliest *seed* it can join (:func:`~components.store.merge.can_join`), or becomes a seed. So an
event's group depends only on the seeds before it, and a change travels forward only through
events whose seed status changes: one that becomes a seed may take the later events it can seed
(those now in a later group); one that stops being a seed releases its members. Re-deciding the
affected events in seed order, starting from the added ones (and the members of removed seeds),
reaches the same groups as a full merge while reading only their neighbourhood: the events whose
span overlaps theirs in a shared country.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from components.store.merge import can_join


@dataclass(frozen=True)
class Node:
    """A stored event as regrouping sees it."""

    id: str
    rank: str  # merge.rank_key: seeds are taken in this order
    profile: dict  # merge.profile_of
    group: str  # the id of its group's seed
    group_rank: str | None  # that seed's rank (None when the seed was removed)


class GroupIndex(Protocol):
    """What regrouping reads and writes (SQL tables in the store, dicts in tests)."""

    def nodes(self, event_ids: Iterable[str]) -> list[Node]: ...

    def near(self, node: Node) -> list[Node]:
        """The other events whose span overlaps ``node``'s in a shared country."""
        ...

    def members(self, group_id: str) -> Sequence[str]: ...

    def set_group(self, event_id: str, group_id: str) -> None: ...


def _decide(node: Node, near: Sequence[Node]) -> str:
    """The group ``node`` belongs in: the earliest seed before it that it can join, else its own."""
    seeds = [n for n in near if n.group == n.id and n.rank < node.rank and can_join(n.profile, node.profile)]
    return min(seeds, key=lambda seed: seed.rank).id if seeds else node.id


def _seeded(node: Node, near: Sequence[Node]) -> list[Node]:
    """The later events a new seed ``node`` takes: those it can seed that are in a later group."""
    return [
        n
        for n in near
        if n.rank > node.rank
        and (n.group_rank is None or n.group_rank > node.rank)
        and can_join(node.profile, n.profile)
    ]


def regroup(index: GroupIndex, added: Iterable[str], released: Iterable[str] = ()) -> set[str]:
    """Re-decide groups after ``added`` events were stored (each first in a group of its own) and
    after seeds were removed whose members, ``released``, still point at them. Returns every
    group whose members changed (old and new), added events' groups included."""
    fresh = set(added)
    known = {node.id: node for node in index.nodes({*fresh, *released})}
    queue = [(node.rank, node.id) for node in known.values()]
    heapq.heapify(queue)
    done: set[str] = set()
    touched: set[str] = set()
    while queue:
        _, event_id = heapq.heappop(queue)
        if event_id in done:
            continue
        done.add(event_id)
        node = known[event_id]
        near = index.near(node)
        known.update((n.id, n) for n in near if n.id not in known)
        was_seed = node.group == node.id and event_id not in fresh
        group = _decide(node, near)
        if group != node.group:
            index.set_group(event_id, group)
            known[event_id] = replace(node, group=group, group_rank=known[group].rank)
        touched |= {node.group, group}
        if group == node.id and not was_seed:  # a new seed: later events it seeds move to it
            followers = [n.id for n in _seeded(node, near)]
        elif was_seed and group != node.id:  # no longer a seed: its members look again
            followers = [member for member in index.members(node.id) if member != node.id]
            known.update((n.id, n) for n in index.nodes(f for f in followers if f not in known))
        else:
            followers = []
        for follower in followers:
            if follower not in done:
                heapq.heappush(queue, (known[follower].rank, follower))
    return touched
