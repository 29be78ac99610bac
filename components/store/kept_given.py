"""Counts kept ready per chosen value: ``given_totals`` holds, for each value of each list a filter
can choose (:data:`GIVEN`: countries, actors, types, sources, places, roles), the totals the first
view keeps in ``facet_totals`` (:mod:`components.store.totals`, :mod:`components.store.kept_summary`,
:mod:`components.store.kept_places`) counted over only the visible events offering that value:
option counts of every list and their pairs, the summary's counts and first and last days, the
timeline's counts per month and per week and type, the map's counts per place and type. The
reporting articles are left out (one row per article and value would grow with the articles).

A view filtered by one value of one list and nothing else (flags at their default, or on) adds up
a few of these rows instead of reading a third of the store's events; any other filter reads the
matching rows. :func:`change` is what rewriting a batch of merged events changes here; every write
goes through it (:func:`components.store.merged.write_groups`), in the same transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date
from itertools import combinations
from typing import Any

from components.store.database import Db, from_json
from components.store.facets import FACETS
from components.store.groups import chunks, rows_in
from components.store.kept_places import Counted, place_rows
from components.store.kept_summary import FIRST, LAST, SUMMARY, Facts, facts, kept_summary
from components.store.records import StoredEvent
from components.store.rows import ARTICLES
from components.store.sql_filters import Where
from components.store.totals import (
    FLAGS,
    GIVEN_UNCOUNTED,
    FacetRow,
    Kept,
    Key,
    first_view,
    flag_sets,
    tally,
    total_counts,
    visible_rows,
)

GIVEN = tuple(facet.name for facet in FACETS if facet.repeatable)  # the lists whose values are kept
# The first and last days are kept per month (``YYYY-MM`` of the first day, of the last day): a
# row per day and value would be most of the table; the day itself is read from that month's rows.
STARTS, ENDS = "~starts", "~ends"
_BY_DAY = (FIRST, LAST)
FILL_BATCH = 2000
Given = tuple[str, str]  # (list, value)
GivenKey = tuple[str, str, str, str, str]  # (list, chosen value, counted list, value, flags)


def given_totals(facet_rows: Sequence[FacetRow], counted: Counted) -> Counter[GivenKey]:
    """What some visible events add to ``given_totals``: per value of :data:`GIVEN` they offer,
    the totals of those of them that offer it (``facet_rows`` and ``counted``: theirs)."""
    flags = flag_sets(facet_rows)
    rows_of: dict[str, list[FacetRow]] = {}
    members: dict[Given, list[str]] = {}
    for row in facet_rows:
        rows_of.setdefault(row[0], []).append(row)
        if row[1] in GIVEN:
            members.setdefault((row[1], row[2]), []).append(row[0])
    places_of: dict[str, list[tuple[Any, ...]]] = {}
    for place in counted.places:
        places_of.setdefault(str(place[0]), []).append(place)
    facts_of = {fact[0]: fact for fact in counted.facts}
    found: Counter[GivenKey] = Counter()
    for given, event_ids in members.items():
        ids = set(event_ids)
        rows = [row for event_id in ids for row in rows_of[event_id] if row[1] not in GIVEN_UNCOUNTED]
        part = Counted([p for event_id in ids for p in places_of.get(event_id, ())], [])
        part.facts.extend(facts_of[event_id] for event_id in ids if event_id in facts_of)
        totals: Counter[Key] = tally(rows)
        totals.update(part.totals(flags))
        totals.update(_months(part.facts, flags))
        found.update({(*given, *key): n for key, n in totals.items() if key[0] not in _BY_DAY})
    return found


def month_of(day: int) -> str:
    return date.fromordinal(day).isoformat()[:7]


def _months(found: Sequence[Facts], flags: dict[str, str]) -> Counter[Key]:
    """Per month: the dated events that start in it (:data:`STARTS`) and that end in it (:data:`ENDS`)."""
    counted: Counter[Key] = Counter()
    for event_id, start, end, *_ in found:
        if start is not None and end is not None:
            kept = flags.get(event_id, "")
            counted.update([(STARTS, month_of(start), kept), (ENDS, month_of(end), kept)])
    return counted


def change(db: Db, before: Counter[GivenKey], after: Counter[GivenKey]) -> None:
    """Bring ``given_totals`` from counting ``before`` to counting ``after``."""
    delta = Counter(after)
    delta.subtract(before)
    moved = [(*key, n) for key, n in delta.items() if n]
    db.executemany(
        "INSERT INTO given_totals (list, chosen, facet, value, flags, events) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (list, chosen, facet, value, flags) DO UPDATE SET events = given_totals.events + excluded.events",
        moved,
    )
    db.executemany(
        "DELETE FROM given_totals WHERE list = ? AND chosen = ? AND facet = ? AND value = ? AND flags = ?"
        " AND events = 0",
        [row[:5] for row in moved if row[5] < 0],
    )


def visible_counted(events: Sequence[StoredEvent], facet_rows: Sequence[FacetRow]) -> Counted:
    """What the visible merged ``events`` count in the kept rows (``facet_rows``: theirs)."""
    flags = flag_sets(facet_rows)
    places = [row for event in events for row in place_rows(event, flags.get(str(event["id"]), ""))]
    return Counted(places, [facts(event) for event in events])


# The articles: per chosen value and set of flags left out (their names joined by commas, the
# ``value`` of list :data:`ARTICLES`), how many articles report a visible event offering the value
# and none of those flags. An article's presence is decided over all its events, so a write
# recounts the articles its events name (few events each) before and after.
SCOPES = tuple(",".join(chosen) for size in range(len(FLAGS) + 1) for chosen in combinations(FLAGS, size))
ArticleKey = tuple[str, str, str, str]  # (list, chosen value, scope, article)
_EVENTS_OF = "SELECT DISTINCT event_id FROM event_facets WHERE facet = ? AND value IN ({marks})"


def articles_of(rows: Sequence[FacetRow]) -> set[str]:
    return {value for _, name, value in rows if name == ARTICLES}


def presence(db: Db, articles: Iterable[str]) -> set[ArticleKey]:
    """For each of ``articles`` and each scope: the chosen values of its visible events."""
    found: set[ArticleKey] = set()
    for batch in chunks(sorted(set(articles)), FILL_BATCH):
        ids = [str(row["event_id"]) for row in rows_in(db, _EVENTS_OF, batch, (ARTICLES,))]
        found |= present(visible_rows(db, ids), set(batch))
    return found


def present(rows: Sequence[FacetRow], articles: set[str]) -> set[ArticleKey]:
    """The (chosen value, scope, article) the visible events of ``rows`` make present, of ``articles``."""
    flags = flag_sets(rows)
    offered: dict[str, tuple[list[str], list[Given]]] = {}
    for event_id, name, value in rows:
        mine = offered.setdefault(event_id, ([], []))
        if name == ARTICLES and value in articles:
            mine[0].append(value)
        elif name in GIVEN:
            mine[1].append((name, value))
    found: set[ArticleKey] = set()
    for event_id, (named, chosen) in offered.items():
        kept = set(flags.get(event_id, "").split(",")) - {""}
        for scope in SCOPES:
            if not kept & set(scope.split(",")):
                found.update((*given, scope, article) for given in chosen for article in named)
    return found


def article_totals(found: Iterable[ArticleKey]) -> Counter[GivenKey]:
    return Counter((name, chosen, ARTICLES, scope, "") for name, chosen, scope, _ in found)


def refill(db: Db) -> None:
    """Every row afresh from the merged events (when the table is created)."""
    db.execute("DELETE FROM given_totals")
    visible = [str(row["id"]) for row in db.rows("SELECT id FROM merged_events WHERE hidden = 0")]
    totals: Counter[GivenKey] = Counter()
    for batch in chunks(visible, FILL_BATCH):
        sql = "SELECT data FROM merged_events WHERE id IN ({marks})"
        found = [from_json(row["data"]) for row in rows_in(db, sql, batch)]
        rows = visible_rows(db, batch)
        totals.update(given_totals(rows, visible_counted(found, rows)))
    every = db.rows("SELECT DISTINCT value FROM event_facets WHERE facet = ?", (ARTICLES,))
    totals.update(article_totals(presence(db, [str(row["value"]) for row in every])))
    db.executemany(
        "INSERT INTO given_totals (list, chosen, facet, value, flags, events) VALUES (?, ?, ?, ?, ?, ?)",
        [(*key, n) for key, n in totals.items() if n],
    )


def _month_bounds(month: str) -> tuple[int, int]:
    """The first and last day numbers of a month ``YYYY-MM``."""
    year, number = (int(part) for part in month.split("-"))
    first = date(year, number, 1)
    following = date(year + number // 12, number % 12 + 1, 1)
    return first.toordinal(), following.toordinal() - 1


def _edge_day(db: Db, kept: Kept, where: Where, name: str, order: str) -> int | None:
    """The first day (``name`` :data:`STARTS`) or the last (:data:`ENDS`) of the events counted:
    its month from the kept rows, the day from the matching events of that month."""
    rows, params = kept.rows(name)
    month = db.value(f"SELECT value {rows} ORDER BY value {order} LIMIT 1", params)
    if month is None:
        return None
    column, pick = ("m.day_start", "min") if name == STARTS else ("m.day_end", "max")
    sql = (
        f"SELECT {pick}({column}) AS day FROM merged_events m"
        f" WHERE {where.sql} AND m.day_start IS NOT NULL AND {column} BETWEEN ? AND ?"
    )
    found = db.value(sql, (*where.params, *_month_bounds(str(month))))
    return None if found is None else int(found)


def kept_span(db: Db, kept: Kept, where: Where) -> dict[str, Any]:
    """:func:`components.store.kept_summary.kept_summary` of the events ``kept`` counts, which
    ``where`` matches (with a chosen value, its first and last days are read per month)."""
    if kept.given is None:
        return kept_summary(db, kept)
    counts: dict[str, Any] = dict.fromkeys(("events", "dated", "planned", "background", "unplaced"), 0)
    counts.update(total_counts(db, SUMMARY, kept))
    counts["first_day"] = _edge_day(db, kept, where, STARTS, "ASC")
    counts["last_day"] = _edge_day(db, kept, where, ENDS, "DESC")
    return counts


def kept_of(where: Where) -> Kept | None:
    """The kept totals that answer ``where``: the first view's when it has no condition but
    visibility and flags left out, a chosen value's when its one other condition is one value of
    one list; ``None`` when the matching rows must be read."""
    kept = first_view(where.left_out)
    if kept is None or not where.narrowed:
        return kept
    return None if where.given is None else replace(kept, given=where.given, left_out=",".join(sorted(where.left_out)))


def given_articles(db: Db, kept: Kept) -> int:
    """How many articles report a visible event that ``kept`` (one chosen value) counts."""
    assert kept.given is not None, "the first view's articles are in facet_totals"
    sql = "SELECT events FROM given_totals WHERE list = ? AND chosen = ? AND facet = ? AND value = ? AND flags = ''"
    return int(db.value(sql, (*kept.given, ARTICLES, kept.left_out)) or 0)
