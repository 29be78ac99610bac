"""Strict scoring on pages shaped like real outlets (``tests/outlets/``).

A golden row is one *happening* (repeats in one article are one row). Each output event may
stand for at most one row and each row is claimed by at most one output event, so a second
output for the same happening, or an undated output, counts as wrong:

- **span recall**: rows claimed by an output event with the same span (start, end, precision);
- **strict precision**: output events that claim a row and have one of its types / all output
  events;
- **full recall**: rows claimed with the right span and type, the row's countries among the
  event's, and the row's place among the event's places (when the row names one);
- status and role agreement over the claimed rows;
- **publication date**: pages that print their date (in the text, the HTML metadata or the
  address) whose first article gets that date from the page itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from components.extract.pipeline import PageResult

GOLDEN_COLUMNS = (
    "page",
    "date_start",
    "date_end",
    "precision",
    "type",
    "countries",
    "location",
    "location_country",
    "status",
    "role",
    "date_texts",
    "evidence",
)
PUBLISHED_COLUMNS = ("page", "published", "printed_as", "note")


@dataclass(frozen=True)
class Happening:
    """One golden row: a happening an article reports or recalls."""

    page: str
    date_start: str
    date_end: str
    precision: str
    types: tuple[str, ...]
    countries: tuple[str, ...]
    location: str | None
    location_country: str | None
    status: str
    role: str
    date_texts: tuple[str, ...]
    evidence: str


@dataclass(frozen=True)
class PrintedDate:
    page: str
    published: date
    printed_as: str | None  # None: the page prints no date (its feed gives one)
    note: str


@dataclass
class StrictScore:
    rows: int = 0
    outputs: int = 0
    found: int = 0
    matched: int = 0
    correct_outputs: int = 0
    undated_outputs: int = 0
    status_agree: int = 0
    role_agree: int = 0
    missed: list[Happening] = field(default_factory=list)
    wrong: list[dict[str, Any]] = field(default_factory=list)

    @property
    def span_recall(self) -> float:
        return self.found / self.rows if self.rows else 1.0

    @property
    def full_recall(self) -> float:
        return self.matched / self.rows if self.rows else 1.0

    @property
    def precision(self) -> float:
        return self.correct_outputs / self.outputs if self.outputs else 1.0


@dataclass
class PublicationScore:
    printed: int = 0
    correct: int = 0
    wrong: list[tuple[str, str, str]] = field(default_factory=list)  # page, expected, got (how)

    @property
    def accuracy(self) -> float:
        return self.correct / self.printed if self.printed else 1.0


def read_table(path: Path, columns: Sequence[str]) -> list[dict[str, str]]:
    """Rows of a tab-separated golden file after its ``#`` header; the column line must match."""
    lines = [line.rstrip("\n") for line in path.read_text(encoding="utf-8").splitlines()]
    body = [(number, line) for number, line in enumerate(lines, 1) if line and not line.startswith("#")]
    if not body or tuple(body[0][1].split("\t")) != tuple(columns):
        raise ValueError(f"{path}: the column line must be {' / '.join(columns)}")
    rows = []
    for number, line in body[1:]:
        values = line.split("\t")
        if len(values) != len(columns):
            raise ValueError(f"{path}:{number}: {len(values)} fields, expected {len(columns)}")
        rows.append(dict(zip(columns, values, strict=True)))
    return rows


def _parts(value: str, separator: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(separator) if part.strip() and part.strip() != "-")


def load_happenings(path: Path) -> list[Happening]:
    return [
        Happening(
            page=row["page"],
            date_start=row["date_start"],
            date_end=row["date_end"],
            precision=row["precision"],
            types=_parts(row["type"], "|"),
            countries=_parts(row["countries"], ","),
            location=None if row["location"] == "-" else row["location"],
            location_country=None if row["location_country"] == "-" else row["location_country"],
            status=row["status"],
            role=row["role"],
            date_texts=_parts(row["date_texts"], "||"),
            evidence=row["evidence"],
        )
        for row in read_table(path, GOLDEN_COLUMNS)
    ]


def load_printed_dates(path: Path) -> list[PrintedDate]:
    return [
        PrintedDate(
            page=row["page"],
            published=date.fromisoformat(row["published"]),
            printed_as=None if row["printed_as"] == "-" else row["printed_as"],
            note=row["note"],
        )
        for row in read_table(path, PUBLISHED_COLUMNS)
    ]


def _same_span(event: Mapping[str, Any], row: Happening) -> bool:
    return (event.get("date_start"), event.get("date_end"), event.get("precision")) == (
        row.date_start,
        row.date_end,
        row.precision,
    )


def _full_match(event: Mapping[str, Any], row: Happening) -> bool:
    if event.get("type") not in row.types or not set(row.countries) <= set(event.get("countries") or ()):
        return False
    if row.location is None:
        return True
    wanted = row.location.casefold()
    return any(wanted == str(place.get("name_en", "")).casefold() for place in event.get("places") or ())


def _pairs(events: Sequence[Mapping[str, Any]], rows: Sequence[Happening]) -> dict[int, int]:
    """Output index → row index, one to one; pairs with the right type are taken first."""
    claimed: dict[int, int] = {}
    taken: set[int] = set()
    for typed in (True, False):
        for e, event in enumerate(events):
            if e in claimed:
                continue
            for r, row in enumerate(rows):
                if r not in taken and _same_span(event, row) and (not typed or event.get("type") in row.types):
                    claimed[e] = r
                    taken.add(r)
                    break
    return claimed


def score_pages(events_by_page: Mapping[str, Sequence[Mapping[str, Any]]], rows: Iterable[Happening]) -> StrictScore:
    result = StrictScore()
    rows_by_page: dict[str, list[Happening]] = {}
    for row in rows:
        rows_by_page.setdefault(row.page, []).append(row)
        result.rows += 1
    for page in sorted(set(rows_by_page) | set(events_by_page)):
        page_rows, events = rows_by_page.get(page, []), list(events_by_page.get(page, []))
        claimed = _pairs(events, page_rows)
        result.outputs += len(events)
        result.undated_outputs += sum(1 for event in events if not event.get("date_start"))
        for e, event in enumerate(events):
            match = page_rows[claimed[e]] if e in claimed else None
            if match is not None and event.get("type") in match.types:
                result.correct_outputs += 1
            else:
                result.wrong.append(dict(event, page=page))
            if match is not None:
                result.found += 1
                result.matched += _full_match(event, match)
                result.status_agree += (event.get("status") or "reported") == match.status
                result.role_agree += (event.get("role") or "news") == match.role
        taken = set(claimed.values())
        result.missed += [row for r, row in enumerate(page_rows) if r not in taken]
    return result


def score_publication(results: Mapping[str, PageResult], printed: Iterable[PrintedDate]) -> PublicationScore:
    """How many pages that print their date get it from the page (the first article's date)."""
    score = PublicationScore()
    for entry in printed:
        if entry.printed_as is None:
            continue
        score.printed += 1
        articles = results[entry.page].articles if entry.page in results else []
        got = articles[0].published if articles else None
        how = articles[0].published_how if articles else "no article"
        if got == entry.published and how != "metadata":
            score.correct += 1
        else:
            score.wrong.append((entry.page, entry.published.isoformat(), f"{got} ({how})"))
    return score
