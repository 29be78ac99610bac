"""Items found in an article, looked up by offset."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Generic, Protocol, TypeVar


class _Located(Protocol):
    @property
    def char_start(self) -> int: ...


LocatedT = TypeVar("LocatedT", bound=_Located)
ItemT = TypeVar("ItemT")


def within(items: Sequence[LocatedT], start: int, end: int) -> list[LocatedT]:
    return [item for item in items if start <= item.char_start < end]


class Located(Generic[LocatedT]):
    """Items sorted by where they start, sliced by offsets with a binary search (an article is not
    rescanned once per sentence)."""

    def __init__(self, items: Iterable[LocatedT]) -> None:
        self.items = sorted(items, key=lambda item: item.char_start)
        self.starts = [item.char_start for item in self.items]

    def within(self, start: int, end: int) -> list[LocatedT]:
        return self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


def unique(items: Iterable[ItemT]) -> list[ItemT]:
    """The items without repeats, in order (dicts are not hashable: a list is searched)."""
    seen: list[ItemT] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
