"""Option counts of the first view kept ready: ``facet_totals`` holds, per list, value and set of
flags, how many visible events offer that value and exactly those flags.

The first view (no filter, flags off) counts each list's options over every visible event; with
these rows it adds up a few rows per value instead. The write path keeps them right in the same
transaction as the rows they count: :func:`change` is what rewriting a batch of merged events
adds and takes away (:mod:`components.store.merged` calls it for every batch it rewrites, which
every write goes through: ingestion, corrections and their undo, merges, rebuilds, bulk loads).
The ids of the reports merged into an event (``~members``) are left out: nothing counts them. The
pairs of participant countries and of actors that one event offers both of are counted too, per
event type, under ``~pairs:<list>`` (the relations view's first view adds them up).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

from components.store.database import Db
from components.store.facets import FACETS, Kind
from components.store.groups import chunks, marks, rows_in
from components.store.rows import MEMBERS, PARTICIPANTS

FLAGS = tuple(sorted(facet.name for facet in FACETS if facet.kind is Kind.FLAG))  # flags the rows know
UNCOUNTED = (MEMBERS,)
TYPES = "types"  # the list whose value is the event's type (pairs are counted per type)
PAIRED = (PARTICIPANTS, "actors")  # the lists whose pairs the relations view counts
PAIRS, SEPARATOR = "~pairs:", "\x1f"  # pairs as totals: list ``~pairs:<list>``, value ``a<US>b<US>type``
RECOUNT_BATCH = 2000
Key = tuple[str, str, str]  # (list, value, flags joined by commas)
FacetRow = tuple[str, str, str]  # (event id, list, value), as in event_facets


def flag_sets(rows: Iterable[FacetRow]) -> dict[str, str]:
    """Each event's flags (the flag facets it has a row of), joined by commas in name order."""
    offered: dict[str, list[str]] = {}
    for event_id, name, _ in rows:
        if name in FLAGS:
            offered.setdefault(event_id, []).append(name)
    return {event_id: ",".join(sorted(set(names))) for event_id, names in offered.items()}


def pairs_of(name: str) -> str:
    """The totals' name of the pairs of values of the list ``name`` that one event offers both of."""
    return f"{PAIRS}{name}"


def _pair_keys(rows: Sequence[FacetRow], flags: dict[str, str]) -> Iterator[Key]:
    """Per event and list of :data:`PAIRED`: each two of its values ``a < b`` with its type."""
    offered: dict[str, dict[str, set[str]]] = {}
    for event_id, name, value in rows:
        if name in PAIRED or name == TYPES:
            offered.setdefault(event_id, {}).setdefault(name, set()).add(value)
    for event_id, lists in offered.items():
        (kind,) = lists.get(TYPES) or {""}
        for name in PAIRED:
            for a, b in combinations(sorted(lists.get(name, ())), 2):
                yield pairs_of(name), SEPARATOR.join((a, b, kind)), flags.get(event_id, "")


def tally(rows: Sequence[FacetRow]) -> Counter[Key]:
    """The totals the facet rows of some visible events add up to: their values and pairs of values."""
    flags = flag_sets(rows)
    totals = Counter((name, value, flags.get(event_id, "")) for event_id, name, value in rows if name not in UNCOUNTED)
    totals.update(_pair_keys(rows, flags))
    return totals


def visible_rows(db: Db, event_ids: Sequence[str]) -> list[FacetRow]:
    """The facet rows of those of ``event_ids`` that are stored and visible."""
    sql = (
        "SELECT f.event_id, f.facet, f.value FROM event_facets f JOIN merged_events m ON m.id = f.event_id"
        " WHERE m.hidden = 0 AND f.event_id IN ({marks})"
    )
    return [(str(r["event_id"]), str(r["facet"]), str(r["value"])) for r in rows_in(db, sql, event_ids)]


def change(db: Db, before: Sequence[FacetRow], after: Sequence[FacetRow]) -> None:
    """Bring the totals from counting the rows ``before`` to counting the rows ``after``."""
    delta = tally(after)
    delta.subtract(tally(before))
    add_up(db, delta)


def add_up(db: Db, delta: Counter[Key]) -> None:
    """Add ``delta`` to the totals (a total that comes to 0 is taken away)."""
    moved = [(*key, n) for key, n in delta.items() if n]
    db.executemany(
        "INSERT INTO facet_totals (facet, value, flags, events) VALUES (?, ?, ?, ?) ON CONFLICT (facet, value, flags)"
        " DO UPDATE SET events = facet_totals.events + excluded.events",
        moved,
    )
    db.executemany(
        "DELETE FROM facet_totals WHERE facet = ? AND value = ? AND flags = ? AND events = 0",
        [row[:3] for row in moved if row[3] < 0],
    )


def recount(db: Db) -> None:
    """Every total afresh from ``event_facets`` (when the table is created or holds more)."""
    db.execute("DELETE FROM facet_totals")
    totals: Counter[Key] = Counter()
    visible = [str(row["id"]) for row in db.rows("SELECT id FROM merged_events WHERE hidden = 0")]
    for batch in chunks(visible, RECOUNT_BATCH):
        totals.update(tally(visible_rows(db, batch)))
    db.executemany(
        "INSERT INTO facet_totals (facet, value, flags, events) VALUES (?, ?, ?, ?)",
        [(*key, n) for key, n in totals.items()],
    )


def allowed_flag_sets(left_out: Iterable[str]) -> list[str] | None:
    """The flag sets of the events a view shows when it leaves out the events offering any of
    ``left_out`` (``None`` when it names a flag these rows do not know)."""
    left = set(left_out)
    if not left <= set(FLAGS):
        return None
    kept = [flag for flag in FLAGS if flag not in left]
    return [",".join(chosen) for size in range(len(kept) + 1) for chosen in combinations(kept, size)]


@dataclass(frozen=True)
class Kept:
    """Where kept totals are read: the first view's (``facet_totals``), or, with ``given`` (a list
    and one of its values), those of the visible events offering that value (``given_totals``,
    :mod:`components.store.kept_given`); over the events whose flags are one of ``flag_sets``
    (``left_out``: the flags whose events are left out, joined by commas)."""

    flag_sets: tuple[str, ...]
    given: tuple[str, str] | None = None
    left_out: str = ""

    def holds(self, name: str) -> bool:
        """Whether the list ``name`` is counted here (``given_totals`` leaves out the articles)."""
        return self.given is None or name not in GIVEN_UNCOUNTED

    def rows(self, name: str) -> tuple[str, tuple[str, ...]]:
        """``FROM … WHERE …`` of the kept rows of the list ``name``, with its parameters."""
        flags = f"flags IN ({marks(self.flag_sets)})"
        if self.given is None:
            return f"FROM facet_totals WHERE facet = ? AND {flags}", (name, *self.flag_sets)
        sql = f"FROM given_totals WHERE list = ? AND chosen = ? AND facet = ? AND {flags}"
        return sql, (*self.given, name, *self.flag_sets)


# Lists given_totals does not count: an article's value is its own, which would keep a row per
# article and chosen value (the summary counts the articles of a filter from the matching rows).
GIVEN_UNCOUNTED = (*UNCOUNTED, "~articles")


def first_view(left_out: Iterable[str]) -> Kept | None:
    """The first view's totals, leaving out the events offering any of ``left_out`` (``None``: a
    flag these rows do not know)."""
    allowed = allowed_flag_sets(left_out)
    return None if allowed is None else Kept(tuple(allowed))


def _grouped(kept: Kept, name: str) -> tuple[str, tuple[str, ...]]:
    rows, params = kept.rows(name)
    return f"SELECT value, sum(events) AS n {rows} GROUP BY value HAVING sum(events) > 0", params


def total_counts(db: Db, name: str, kept: Kept) -> dict[str, int]:
    """For each value of the list ``name``: the visible events offering it that ``kept`` counts."""
    sql, params = _grouped(kept, name)
    return {str(row["value"]): int(row["n"]) for row in db.rows(sql, params)}


def distinct_total(db: Db, name: str, kept: Kept) -> int:
    """How many values of the list ``name`` those events offer (of one set of flags: its rows, as
    no row is kept at 0)."""
    if len(kept.flag_sets) == 1:
        rows, params = kept.rows(name)
        return int(db.value(f"SELECT count(*) AS n {rows}", params) or 0)
    sql, params = _grouped(kept, name)
    return int(db.value(f"SELECT count(*) AS n FROM ({sql}) v", params) or 0)


def pair_totals(db: Db, name: str, kept: Kept) -> list[tuple[str, str, str, int]]:
    """(a, b, event type, events) for two values ``a < b`` of the list ``name`` that one visible
    event that ``kept`` counts offers both of."""
    sql, params = _grouped(kept, pairs_of(name))
    found = []
    for row in db.rows(sql, params):
        a, b, kind = str(row["value"]).split(SEPARATOR)
        found.append((a, b, kind, int(row["n"])))
    return found
