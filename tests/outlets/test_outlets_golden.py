"""The pages shaped like real outlets and their golden files agree with each other.

These tests check the data, not the extractor: every happening's date phrases are written in its
page, spans agree with their precision and with the weekdays they name, planned happenings lie
after publication and reported ones before it, and every printed publication stamp is on its page.
"""

from __future__ import annotations

import calendar
import json
import re
from datetime import date
from pathlib import Path

import pytest

from components.evaluation.strict import Happening, PrintedDate, load_happenings, load_printed_dates
from components.extract.models import EVENT_TYPES
from components.extract.reading import read_page

HERE = Path(__file__).resolve().parent
PARTS = ("tune", "frozen")
WEEKDAYS = {"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4, "السبت": 5, "الأحد": 6}
ROWS = [(part, row) for part in PARTS for row in load_happenings(HERE / part / "golden.tsv")]
PRINTED = {(part, entry.page): entry for part in PARTS for entry in load_printed_dates(HERE / part / "published.tsv")}


def pages(part: str) -> list[Path]:
    return sorted(p for p in (HERE / part / "pages").iterdir() if p.suffix in (".txt", ".html"))


def page_text(part: str, name: str) -> str:
    return read_page(HERE / part / "pages" / name).text


def row_id(item: tuple[str, Happening]) -> str:
    part, row = item
    return f"{part}-{row.page[:2]}-{row.date_start}-{row.date_texts[0][:20]}"


def test_sizes_and_variety() -> None:
    for part in PARTS:
        rows = [row for p, row in ROWS if p == part]
        assert len(pages(part)) >= 20 and len(rows) >= 100
        assert {row.page for row in rows} == {path.name for path in pages(part)}, (
            "every page has rows, every row a page"
        )
        assert sum(row.status == "planned" for row in rows) >= 20
        assert sum(row.role == "background" for row in rows) >= 20
        assert sum(path.suffix == ".html" for path in pages(part)) >= 6
        assert {(part, path.name) for path in pages(part)} == {key for key in PRINTED if key[0] == part}


@pytest.mark.parametrize("item", ROWS, ids=row_id)
def test_fields_are_valid(item: tuple[str, Happening]) -> None:
    _, row = item
    assert row.precision in ("day", "month", "year") and row.status in ("reported", "planned")
    assert row.role in ("news", "background") and set(row.types) <= set(EVENT_TYPES) and row.types
    assert all(re.fullmatch(r"[A-Z]{2}", code) for code in row.countries)
    assert row.location_country is None or re.fullmatch(r"[A-Z]{2}", row.location_country)


@pytest.mark.parametrize("item", ROWS, ids=row_id)
def test_date_phrases_are_written_in_the_page(item: tuple[str, Happening]) -> None:
    part, row = item
    text = page_text(part, row.page)
    assert row.date_texts and all(phrase in text for phrase in row.date_texts)


@pytest.mark.parametrize("item", ROWS, ids=row_id)
def test_span_agrees_with_precision(item: tuple[str, Happening]) -> None:
    _, row = item
    start, end = date.fromisoformat(row.date_start), date.fromisoformat(row.date_end)
    assert start <= end
    if row.precision == "month":
        assert (start.day, end) == (1, date(start.year, start.month, calendar.monthrange(start.year, start.month)[1]))
    elif row.precision == "year":
        assert (start, end) == (date(start.year, 1, 1), date(start.year, 12, 31))
    else:
        assert (end - start).days <= 31


@pytest.mark.parametrize("item", [i for i in ROWS if i[1].precision == "day" and i[1].date_start == i[1].date_end],
                         ids=row_id)  # fmt: skip
def test_named_weekdays_agree_with_the_day(item: tuple[str, Happening]) -> None:
    _, row = item
    day = date.fromisoformat(row.date_start)
    for phrase in row.date_texts:
        named = [(m.start(), wd) for name, wd in WEEKDAYS.items() for m in re.finditer(rf"(?<!\S){name}(?!\S)", phrase)]
        if named and "الموافق" not in phrase:
            assert day.weekday() == max(named)[1], phrase


@pytest.mark.parametrize("item", ROWS, ids=row_id)
def test_status_agrees_with_publication(item: tuple[str, Happening]) -> None:
    part, row = item
    published = PRINTED[(part, row.page)].published
    if row.status == "planned":
        assert date.fromisoformat(row.date_end) >= published
    else:
        assert date.fromisoformat(row.date_start) <= published


@pytest.mark.parametrize("key", sorted(PRINTED), ids=lambda key: f"{key[0]}-{key[1]}")
def test_printed_stamps_are_on_their_page_and_sidecars_leave_them_to_it(key: tuple[str, str]) -> None:
    part, name = key
    entry: PrintedDate = PRINTED[key]
    sidecar = json.loads((HERE / part / "pages" / f"{name}.meta.json").read_text(encoding="utf-8"))
    assert sidecar["source"] and sidecar["url"].startswith("https://")
    if entry.printed_as is None:
        assert sidecar["published"] == entry.published.isoformat()
    else:
        assert sidecar["published"] is None
        assert entry.printed_as in page_text(part, name)
