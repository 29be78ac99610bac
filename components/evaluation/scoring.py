"""Scoring extracted events against golden events (the corpus and seed tests, and the score script).

A golden row is one event a reader finds in an article. An output event *finds* a golden row when
it comes from the same page and has the same span (start, end, precision). It *matches* it when,
in addition, its type is one of the row's types, its countries include the row's, and its places
include the row's place (when the row names one). Each output event counts for one row at most.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from components.text.lexicon import column, load_rows, one_of

PRECISIONS = ("day", "month", "year")


@dataclass(frozen=True)
class GoldenEvent:
    article: str
    date_start: str
    date_end: str
    precision: str
    types: tuple[str, ...]
    countries: tuple[str, ...]
    place: str | None
    date_text: str
    evidence: str


@dataclass(frozen=True)
class GoldenRow:
    """A row of a golden file: ``type`` is ``|``-separated, ``countries`` comma-separated, ``place`` "-" for none."""

    article: str = column()
    date_start: str = column()
    date_end: str = column()
    precision: str = column(one_of(*PRECISIONS))
    type: str = column()
    countries: str = column()
    place: str = column()
    date_text: str = column()
    evidence: str = column()


@dataclass
class Score:
    golden: int = 0
    output: int = 0
    found: int = 0  # golden rows with the right span
    matched: int = 0  # golden rows with the right span, type, countries and place
    correct_output: int = 0  # output events whose span and type match some golden row
    missed: list[GoldenEvent] = field(default_factory=list)
    wrong: list[dict] = field(default_factory=list)

    @property
    def span_recall(self) -> float:
        return self.found / self.golden if self.golden else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.golden if self.golden else 1.0

    @property
    def precision(self) -> float:
        return self.correct_output / self.output if self.output else 1.0


def _split(value: str, separator: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in str(value).split(separator) if part.strip())


def load_golden(path: Path) -> list[GoldenEvent]:
    return [
        GoldenEvent(
            article=row.article,
            date_start=row.date_start,
            date_end=row.date_end,
            precision=row.precision,
            types=_split(row.type, "|"),
            countries=_split(row.countries, ","),
            place=None if row.place == "-" else row.place,
            date_text=row.date_text,
            evidence=row.evidence,
        )
        for row in load_rows(path.name, GoldenRow, directory=path.parent)
    ]


def same_span(event: Mapping, golden: GoldenEvent) -> bool:
    return (event.get("date_start"), event.get("date_end"), event.get("precision")) == (
        golden.date_start,
        golden.date_end,
        golden.precision,
    )


def matches(event: Mapping, golden: GoldenEvent) -> bool:
    if not same_span(event, golden) or event.get("type") not in golden.types:
        return False
    # a golden row lists every state involved: the parties and the country where it happened
    involved = set(event.get("countries") or []) | {event.get("location_country")} - {None}
    if not set(golden.countries) <= involved:
        return False
    if golden.place is None:
        return True
    wanted = golden.place.casefold()
    return any(wanted == str(place.get("name_en", "")).casefold() for place in event.get("places", []))


def score(events_by_article: Mapping[str, Sequence[Mapping]], golden: Iterable[GoldenEvent]) -> Score:
    result = Score()
    golden_by_article: dict[str, list[GoldenEvent]] = {}
    for row in golden:
        golden_by_article.setdefault(row.article, []).append(row)
        result.golden += 1
    for article in set(golden_by_article) | set(events_by_article):
        rows = golden_by_article.get(article, [])
        events = list(events_by_article.get(article, []))
        result.output += len(events)
        unused = list(range(len(events)))
        for row in rows:
            full = next((i for i in unused if matches(events[i], row)), None)
            spanned = full if full is not None else next((i for i in unused if same_span(events[i], row)), None)
            if spanned is None:
                result.missed.append(row)
                continue
            result.found += 1
            result.matched += full is not None
            unused.remove(spanned)
        for index, event in enumerate(events):
            if any(same_span(event, row) and event.get("type") in row.types for row in rows):
                result.correct_output += 1
            elif index in unused:
                result.wrong.append(dict(event, article=article))
    return result
