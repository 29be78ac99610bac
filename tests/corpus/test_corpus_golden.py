"""The evaluation corpus is consistent: every golden row is a happening written in a real page.

These tests check the data, not the extractor: the golden file loads with the strict loader, each
date phrase of a happening is written in its page, spans agree with their precision and with the
weekdays they name, relative days agree with the publication date, status and role agree with it,
and the corpus keeps the variety docs/corpus.md promises.
"""

from __future__ import annotations

import calendar
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from components.evaluation.strict import Happening, load_happenings
from components.extract.models import EVENT_TYPES
from components.text.lexicon import iso_country

CORPUS = Path(__file__).resolve().parent
ARTICLES = CORPUS / "articles"
PAGE_SUFFIXES = (".txt", ".html")
WEEKDAYS = {"الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4, "السبت": 5, "الأحد": 6}
SAME_DAY_AS_ANOTHER = ("نفسه", "ذاته", "التالي")
QUOTED = re.compile(r'«[^»\n]*»|"[^"\n]*"|“[^”\n]*”')
NEWS_WINDOW = timedelta(days=21)  # "news" ends at most about three weeks before publication
# Pages whose sidecar leaves `published` null: the date is the stamp printed in the text.
PRINTED_STAMPS = {
    "14_riyadh_hijri_dateline.txt": (date(2025, 3, 24), "الموافق 24 مارس 2025م"),
    "17_lavrov_moscow_july_2023.txt": (date(2023, 7, 25), "اليوم الثلاثاء الموافق 25 يوليو 2023"),
    "55_russia_iran_treaty.txt": (date(2025, 1, 18), "الموافق 18 يناير 2025م"),
    "76_saudi_ukraine_jeddah.txt": (date(2025, 3, 11), "الموافق 11 مارس 2025م"),
    "85_gcc_russia_riyadh.txt": (date(2024, 9, 10), "الموافق 10 سبتمبر 2024م"),
}
MAGHREBI_MONTHS = (
    "جانفي",
    "فيفري",
    "أفريل",
    "ماي",
    "جوان",
    "جويلية",
    "أوت",
    "يوليوز",
    "غشت",
    "شتنبر",
    "نونبر",
    "دجنبر",
)

ROWS = load_happenings(CORPUS / "golden.tsv")


def page_text(name: str) -> str:
    """A page as text: UTF-8, or Windows-1256 for the page written in that encoding."""
    raw = (ARTICLES / name).read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1256")


def pages() -> list[Path]:
    return sorted(path for path in ARTICLES.iterdir() if path.suffix in PAGE_SUFFIXES)


def meta(name: str) -> dict:
    """The page's metadata sidecar, named like the pipeline reads it: ``<page>.meta.json``."""
    return json.loads((ARTICLES / f"{name}.meta.json").read_text(encoding="utf-8"))


def published(name: str) -> date:
    value = meta(name)["published"]
    return date.fromisoformat(value) if value else PRINTED_STAMPS[name][0]


def row_id(row: Happening) -> str:
    return f"{row.page.split('_')[0]}-{row.date_start}-{row.date_texts[0] if row.date_texts else ''}"


def only_quoted(phrase: str, text: str) -> bool:
    """Every occurrence of the phrase (as whole words) lies inside quoted speech."""
    spans = [match.span() for match in QUOTED.finditer(text)]
    found = [match.start() for match in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)]
    return bool(found) and all(any(start <= at < end for start, end in spans) for at in found)


def resolved_day(phrase: str, day: date) -> tuple[date, date] | None:
    """The days a phrase anchored on the publication day may name (None: not anchored on it)."""
    words = phrase.split()
    if any(marker in words for marker in SAME_DAY_AS_ANOTHER):
        return None
    if "أمس" in words:
        back = 2 if "أول" in words else 1  # "أول من أمس": the day before yesterday
        return day - timedelta(days=back), day - timedelta(days=back)
    if "اليوم" in words:
        return day, day
    if words[0] in ("غدا", "غدًا", "غداً"):
        return day + timedelta(days=1), day + timedelta(days=1)
    if "الماضي" in words and words[0] in WEEKDAYS:
        return day - timedelta(days=7), day - timedelta(days=1)
    if "المقبل" in words and len(words) > 1 and words[-2] in WEEKDAYS:
        return day + timedelta(days=1), day + timedelta(days=7)
    return None


def test_corpus_size_and_pages() -> None:
    assert len(ROWS) >= 600
    assert len(pages()) >= 120
    assert {row.page for row in ROWS} == {path.name for path in pages()}, "every page has rows, every row a page"


@pytest.mark.parametrize("path", pages(), ids=lambda path: path.name)
def test_page_has_metadata(path: Path) -> None:
    data = meta(path.name)
    assert set(data) == {"published", "source", "url"}
    assert data["source"] and data["url"].startswith("https://")
    if data["published"] is None:
        day, stamp = PRINTED_STAMPS[path.name]
        assert stamp in page_text(path.name) and str(day.year) in stamp
    else:
        date.fromisoformat(data["published"])
        assert path.name not in PRINTED_STAMPS


@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_fields_are_valid(row: Happening) -> None:
    assert row.precision in ("day", "month", "year")
    assert row.status in ("reported", "planned") and row.role in ("news", "background")
    assert row.types and set(row.types) <= set(EVENT_TYPES)
    for code in (*row.countries, *([row.location_country] if row.location_country else [])):
        iso_country(code)
    assert row.evidence


@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_date_phrases_are_written_in_the_page(row: Happening) -> None:
    text = page_text(row.page)
    assert row.date_texts and all(phrase in text for phrase in row.date_texts)
    assert len(set(row.date_texts)) == len(row.date_texts), "a phrase is listed once"


@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_span_agrees_with_precision(row: Happening) -> None:
    start, end = date.fromisoformat(row.date_start), date.fromisoformat(row.date_end)
    assert start <= end
    if row.precision == "month":
        assert (start.day, end) == (1, date(start.year, start.month, calendar.monthrange(start.year, start.month)[1]))
    elif row.precision == "year":
        assert (start, end) == (date(start.year, 1, 1), date(start.year, 12, 31))
    else:
        assert (end - start).days <= 31, "a day span is a single day or a range of days within a month or so"


@pytest.mark.parametrize("row", [r for r in ROWS if r.precision == "day" and r.date_start == r.date_end], ids=row_id)
def test_weekday_names_agree_with_the_date(row: Happening) -> None:
    day = date.fromisoformat(row.date_start)
    for phrase in row.date_texts:
        named = sorted(
            (match.start(), wd)
            for name, wd in WEEKDAYS.items()
            for match in re.finditer(rf"(^|\s){name}(\s|$)", phrase)
        )
        if named:  # "منتصف ليل الخميس الجمعة": the night from one day to the next is dated by the last
            assert day.weekday() == named[-1][1], phrase


@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_relative_days_resolve_against_publication(row: Happening) -> None:
    day, text = published(row.page), page_text(row.page)
    start, end = date.fromisoformat(row.date_start), date.fromisoformat(row.date_end)
    for phrase in row.date_texts:
        window = resolved_day(phrase, day)
        if window is None or only_quoted(phrase, text):  # quoted speech resolves against the day it was said
            continue
        assert start <= window[1] and window[0] <= end, phrase
    limit = 3 * 366 if row.precision == "year" else 2 * 366  # summits are announced years ahead ("عام ٢٠٢٧")
    assert start <= day + timedelta(days=limit), "a dated happening lies near its article"


@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_status_and_role_agree_with_publication(row: Happening) -> None:
    day = published(row.page)
    start, end = date.fromisoformat(row.date_start), date.fromisoformat(row.date_end)
    if row.status == "planned":
        assert end >= day, "a planned happening has not ended by publication"
    else:
        assert start <= day, "a reported happening has begun by publication"
    if row.role == "news":
        assert end >= day - NEWS_WINDOW, "news ends within about three weeks before publication or after it"


def test_corpus_keeps_its_variety() -> None:
    texts = {path.name: page_text(path.name) for path in pages()}
    html = [name for name, text in texts.items() if name.endswith(".html") and "<nav" in text and "<script" in text]
    assert len(html) >= 3
    assert any("<article" in text and text.count("<article") >= 2 for text in texts.values()), "two articles on a page"
    not_utf8 = []
    for path in pages():
        try:
            path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            not_utf8.append(path.name)
    assert not_utf8, "one page is written in Windows-1256"
    maghrebi = [
        name
        for name, text in texts.items()
        if any(re.search(rf"\d\s+{month}(\s|$|،|\.)", text) for month in MAGHREBI_MONTHS)
    ]
    assert len(maghrebi) >= 2
    assert len([name for name, text in texts.items() if re.search("[٠-٩]", text)]) >= 2
    assert sum(meta(path.name)["published"] is None for path in pages()) >= 1
    assert {row.precision for row in ROWS} == {"day", "month", "year"}
    assert {t for row in ROWS for t in row.types} >= {
        "meeting",
        "agreement",
        "statement",
        "military",
        "border",
        "protest",
    }
    assert sum(row.status == "planned" for row in ROWS) >= 20 and sum(row.role == "background" for row in ROWS) >= 100
    assert sum(len(row.date_texts) > 1 for row in ROWS) >= 10, "repeats of one happening are merged into one row"
    sub_spans = [
        r for r in ROWS if r.precision == "day" and r.date_start[:7] == r.date_end[:7] and r.date_start != r.date_end
    ]
    assert len(sub_spans) >= 5, "ranges of days and parts of months"
    assert any(row.location_country and row.location_country not in row.countries for row in ROWS), "venue hosts"
