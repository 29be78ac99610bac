"""The filtering part of a view: what the user asked for, one value per facet of the table."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from components.store.facets import Facet, date_bounds

#: A facet's value: the chosen values of a code or name list, a day, the search text or a mode
#: (a string), a flag that is on (``True``) or a minimum (a float).
FilterValue = tuple[str, ...] | date | str | bool | float


def _is_empty(value: object) -> bool:
    """No filter: nothing chosen, an empty text, a flag that is off, a minimum of zero."""
    return value is None or value is False or value == "" or value == () or value == [] or value == 0.0


@dataclass(frozen=True, init=False)
class Filters:
    """Values by facet name (``components.store.facets``): ``Filters(countries=("AM",), q="باكو")``.

    A facet left out, or given an empty value, does not filter. The values are kept sorted by
    name, so equal filters compare and hash equal however they were written: a Filters keys
    caches. It holds no table; the code that applies it checks the names against its table.
    """

    values: tuple[tuple[str, FilterValue], ...]

    def __init__(self, **values: FilterValue | list[str] | None) -> None:
        kept: list[tuple[str, FilterValue]] = []
        for name, value in sorted(values.items()):
            if _is_empty(value):
                continue
            if isinstance(value, list):
                value = tuple(value)
            if isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if not isinstance(value, tuple | date | str | bool | float):
                raise TypeError(f"{name}: a filter value is a tuple of strings, a date, a string, a flag or a number")
            kept.append((name, value))
        object.__setattr__(self, "values", tuple(kept))

    def __repr__(self) -> str:
        return f"Filters({', '.join(f'{name}={value!r}' for name, value in self.values)})"

    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.values)

    def get(self, name: str) -> FilterValue | None:
        return dict(self.values).get(name)

    def selected(self, name: str) -> tuple[str, ...]:
        """The chosen values of a code or name list (``()``: not filtered)."""
        value = self.get(name)
        return value if isinstance(value, tuple) else ()

    def day(self, name: str) -> date | None:
        value = self.get(name)
        return value if isinstance(value, date) else None

    def text(self, name: str) -> str:
        value = self.get(name)
        return value if isinstance(value, str) else ""

    def flag(self, name: str) -> bool:
        """Whether a flag is on."""
        return self.get(name) is True

    def number(self, name: str) -> float | None:
        value = self.get(name)
        return value if isinstance(value, float) else None

    def replace(self, **changes: FilterValue | list[str] | None) -> Filters:
        return Filters(**{**dict(self.values), **changes})


def range_in_order(filters: Filters, facets: Sequence[Facet]) -> tuple[Filters, bool]:
    """``filters`` with a reversed date range turned around, and whether it was reversed."""
    bounds = date_bounds(facets)
    if bounds is None:
        return filters, False
    first, last = filters.day(bounds[0].name), filters.day(bounds[1].name)
    if first is None or last is None or first <= last:
        return filters, False
    return filters.replace(**{bounds[0].name: last, bounds[1].name: first}), True
