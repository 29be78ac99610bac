"""Merging of events that several articles report: pure functions over event dicts.

Two events are *the same happening* when all of these hold (see ``docs/store.md``):

- compatible type: equal, or one of them is ``other``, or the pair is in ``COMPATIBLE_TYPES``
  (a signed statement is reported as an "agreement" by some outlets, a "statement" by others);
- overlapping date spans (undated events never merge);
- same countries, or one set inside the other (both non-empty: an event without any country
  carries too little to be matched);
- compatible places: one side has none, or both name the same place, or one place is a
  country/region whose country is the other place's country.

Clusters are seeded by the best-dated events (day over month over year, stated over
inferred), and every later event joins the first cluster whose *seed* it matches; matching
against the seed only keeps clusters from drifting through chains of near matches.
"""

from __future__ import annotations

import heapq
import struct
from collections.abc import Iterable, Sequence
from datetime import date
from typing import NamedTuple

from components.extract.models import EVENT_TYPES

PRECISION_RANK: dict[str | None, int] = {"day": 3, "month": 2, "year": 1, None: 0}
COMPATIBLE_TYPES: frozenset[frozenset[str]] = frozenset({frozenset({"agreement", "statement"})})
WILDCARD_TYPE = "other"
_AREA_KINDS = frozenset({"country", "region"})


def types_compatible(a: str, b: str) -> bool:
    return a == b or WILDCARD_TYPE in (a, b) or frozenset({a, b}) in COMPATIBLE_TYPES


def _span(event: dict) -> tuple[date, date] | None:
    start, end = event.get("date_start"), event.get("date_end")
    if not start or event.get("undated"):
        return None
    return date.fromisoformat(start), date.fromisoformat(end or start)


def spans_overlap(a: dict, b: dict) -> bool:
    span_a, span_b = _span(a), _span(b)
    if span_a is None or span_b is None:
        return False
    return span_a[0] <= span_b[1] and span_b[0] <= span_a[1]


def countries_compatible(a: dict, b: dict) -> bool:
    set_a, set_b = set(a.get("countries") or ()), set(b.get("countries") or ())
    if not set_a or not set_b:
        return False
    return set_a <= set_b or set_b <= set_a


def _place_name(place: dict) -> str:
    return str(place.get("name_en") or place.get("name_ar") or "").strip().lower()


def _places_match(p: dict, q: dict) -> bool:
    if _place_name(p) and _place_name(p) == _place_name(q):
        return True
    for area, other in ((p, q), (q, p)):
        if area.get("kind") in _AREA_KINDS and area.get("country") and area.get("country") == other.get("country"):
            return True
    return False


def places_compatible(a: dict, b: dict) -> bool:
    places_a, places_b = a.get("places") or [], b.get("places") or []
    if not places_a or not places_b:
        return True
    return any(_places_match(p, q) for p in places_a for q in places_b)


class _Profile(NamedTuple):
    """What matching needs of an event, computed once."""

    span: tuple[date, date] | None
    countries: frozenset[str]
    type: str
    event: dict


def _profile(event: dict) -> _Profile:
    return _Profile(_span(event), frozenset(event.get("countries") or ()), str(event.get("type")), event)


def _match(a: _Profile, b: _Profile) -> bool:
    if a.span is None or b.span is None or not (a.span[0] <= b.span[1] and b.span[0] <= a.span[1]):
        return False
    if not a.countries or not b.countries or not (a.countries <= b.countries or b.countries <= a.countries):
        return False
    return types_compatible(a.type, b.type) and places_compatible(a.event, b.event)


def same_event(a: dict, b: dict) -> bool:
    """True when ``a`` and ``b`` report the same happening (the rules in the module doc)."""
    return _match(_profile(a), _profile(b))


def date_quality(event: dict) -> tuple[int, int, int]:
    """Higher is better: precision, then stated over inferred, then the fuller span (at equal
    precision "on 10 and 11 May" says more than "on 10 May")."""
    span = _span(event)
    if span is None:
        return 0, 0, 0
    return PRECISION_RANK.get(event.get("precision"), 0), 0 if event.get("approximate") else 1, (span[1] - span[0]).days


def seed_order(event: dict) -> tuple:
    quality = date_quality(event)
    return (-quality[0], -quality[1], -quality[2], -float(event.get("confidence") or 0), str(event.get("id")))


def _family_map() -> dict[str, str]:
    """Type → the family it is indexed under (compatible types share a family)."""
    family: dict[str, str] = {}
    for pair in COMPATIBLE_TYPES:
        first = min(pair)
        family.update(dict.fromkeys(pair, first))
    return family


_FAMILY = _family_map()
_ALL_FAMILIES = tuple(sorted({_FAMILY.get(kind, kind) for kind in EVENT_TYPES}))
_DAY_BUCKET_LIMIT = 62  # spans up to two months are indexed by week, longer ones by month
_MAX_SPAN_DAYS = 3660


def _seed_families(event: dict) -> tuple[str, ...]:
    kind = str(event.get("type"))
    return (WILDCARD_TYPE,) if kind == WILDCARD_TYPE else (_FAMILY.get(kind, kind),)


def _query_families(event: dict) -> tuple[str, ...]:
    """A wildcard event looks at every family; any event looks at wildcard seeds."""
    kind = str(event.get("type"))
    return _ALL_FAMILIES if kind == WILDCARD_TYPE else (_FAMILY.get(kind, kind), WILDCARD_TYPE)


def _weeks(span: tuple[date, date]) -> range:
    first = span[0].toordinal() // 7
    return range(first, min(span[1].toordinal() // 7, first + _MAX_SPAN_DAYS // 7) + 1)


def _months(span: tuple[date, date]) -> list[tuple[int, int]]:
    (y, m), end = (span[0].year, span[0].month), (span[1].year, span[1].month)
    months: list[tuple[int, int]] = []
    while (y, m) <= end and len(months) < 120:
        months.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months


def _short(span: tuple[date, date]) -> bool:
    return (span[1] - span[0]).days < _DAY_BUCKET_LIMIT


def _seed_buckets(span: tuple[date, date]) -> list[tuple]:
    """Short seeds by week (and by month, for long queries), long seeds by month."""
    if _short(span):
        return [("w", week) for week in _weeks(span)] + [("s", *month) for month in _months(span)]
    return [("m", *month) for month in _months(span)]


def _query_buckets(span: tuple[date, date]) -> list[tuple]:
    """Buckets holding every seed whose span can overlap ``span``."""
    months = _months(span)
    if _short(span):
        return [("w", week) for week in _weeks(span)] + [("m", *month) for month in months]
    return [(kind, *month) for month in months for kind in ("s", "m")]


def group_events(events: Sequence[dict]) -> list[list[dict]]:
    """Clusters of events reporting the same happening; the first of each cluster is its seed.

    Seeds are indexed by (week or month, country, type family); an event is compared with the
    candidate seeds in cluster order and joins the first that matches.
    """
    index: dict[tuple, list[int]] = {}
    clusters: list[list[dict]] = []
    seeds: list[_Profile] = []
    for event in sorted(events, key=seed_order):
        profile = _profile(event)
        span, countries = profile.span, sorted(profile.countries)
        if span is None or not countries:
            clusters.append([event])
            seeds.append(profile)
            continue
        families = _query_families(event)
        lists = [
            found
            for bucket in _query_buckets(span)
            for country in countries
            for family in families
            if (found := index.get((bucket, country, family)))
        ]
        chosen: int | None = None
        last = -1
        for cluster_no in heapq.merge(*lists) if len(lists) > 1 else (lists[0] if lists else ()):
            if cluster_no != last and _match(seeds[cluster_no], profile):
                chosen = cluster_no
                break
            last = cluster_no
        if chosen is not None:
            clusters[chosen].append(event)
            continue
        clusters.append([event])
        seeds.append(profile)
        for bucket in _seed_buckets(span):
            for country in countries:
                for family in _seed_families(event):
                    index.setdefault((bucket, country, family), []).append(len(clusters) - 1)
    return clusters


def _union(items: Iterable[dict], key: str) -> list[dict]:
    seen: dict[str, dict] = {}
    for item in items:
        name = str(item.get(key) or item.get("name_ar") or "")
        seen.setdefault(name, item)
    return list(seen.values())


def source_of(event: dict) -> dict:
    """The ``sources`` entry an event contributes to its merged event."""
    return {
        "event_id": event.get("id"),
        "article_id": event.get("article_id"),
        "source": event.get("source"),
        "url": event.get("url"),
        "published": event.get("published"),
        "sentence": event.get("sentence"),
        "date_text": event.get("date_text"),
        "key": event.get("event_key"),
        "alt_key": event.get("alt_key"),
    }


def combine(cluster: Sequence[dict]) -> dict:
    """One merged event from a cluster: the seed's fields, the best date, all the sources."""
    seed = cluster[0]
    merged = dict(seed)
    merged["sources"] = [source_of(event) for event in cluster]
    merged["member_ids"] = [event.get("id") for event in cluster]
    if len(cluster) == 1:
        merged["source_count"] = 1 if seed.get("article_id") else 0
        return merged
    best_date = max(cluster, key=date_quality)
    for field in ("date_start", "date_end", "precision", "approximate", "undated", "date_text"):
        merged[field] = best_date.get(field)
    merged["countries"] = sorted({code for event in cluster for code in event.get("countries") or ()})
    merged["actors"] = _union((a for event in cluster for a in event.get("actors") or ()), "name_en")
    merged["places"] = _union((p for event in cluster for p in event.get("places") or ()), "name_en")
    merged["confidence"] = max(float(event.get("confidence") or 0) for event in cluster)
    merged["source_count"] = len({event.get("article_id") for event in cluster})
    return merged


def merge_events(events: Sequence[dict]) -> list[dict]:
    """Merged events (one per happening), each with ``sources`` and ``source_count``."""
    return [combine(cluster) for cluster in group_events(events)]


def group_ids(events: Sequence[dict]) -> dict[str, str]:
    """Event id → the id of its cluster's seed (what the store persists as groups)."""
    return {str(event["id"]): str(cluster[0]["id"]) for cluster in group_events(events) for event in cluster}


# -- what the store keeps to merge at ingestion ------------------------------------------------
PROFILE_FIELDS = ("id", "type", "countries", "date_start", "date_end", "undated", "precision", "approximate")
_PLACE_FIELDS = ("name_en", "name_ar", "kind", "country")


def profile_of(event: dict) -> dict:
    """The fields that merging reads (what :func:`group_events` and :func:`can_join` need)."""
    profile = {name: event.get(name) for name in PROFILE_FIELDS}
    profile["confidence"] = float(event.get("confidence") or 0)
    profile["places"] = [{name: place.get(name) for name in _PLACE_FIELDS} for place in event.get("places") or ()]
    return profile


def _descending_float(value: float) -> str:
    """Hex digits that sort as ``-value`` does (an order-preserving encoding of the double)."""
    bits = int.from_bytes(struct.pack(">d", value), "big")
    ascending = bits ^ 0xFFFFFFFFFFFFFFFF if bits >> 63 else bits | 1 << 63
    return f"{0xFFFFFFFFFFFFFFFF - ascending:016x}"


def rank_key(event: dict) -> str:
    """:func:`seed_order` as one string: comparing two keys compares the tuples (the earlier seeds first)."""
    precision, stated, days = date_quality(event)
    days = max(-_DAYS_OFFSET + 1, min(_DAYS_OFFSET - 1, days))
    confidence = _descending_float(float(event.get("confidence") or 0))
    return f"{3 - precision}{1 - stated}{_DAYS_OFFSET - days:08d}{confidence}{event.get('id')}"


_DAYS_OFFSET = 50_000_000


def can_join(seed: dict, event: dict) -> bool:
    """Whether :func:`group_events` would let ``event`` join the cluster seeded by ``seed`` (when
    ``seed`` comes first): they match, and the seed is among the candidates the index finds."""
    a, b = _profile(seed), _profile(event)
    if not _match(a, b):
        return False
    assert a.span is not None and b.span is not None, "matching events are dated"
    return not set(_query_buckets(b.span)).isdisjoint(_seed_buckets(a.span))
