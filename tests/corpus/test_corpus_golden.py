"""The evaluation corpus is consistent: every golden row points at a real date mention of a real page.

These tests check the data, not the extractor: the golden file loads with the lexicon loader, each
``date_text`` is written in its article, spans agree with their precision, relative dates agree
with the publication date, and the corpus keeps the variety docs/corpus.md promises.
"""

from __future__ import annotations

import calendar
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from components.extract.models import EVENT_TYPES
from components.text.lexicon import iso_country, load_tsv, one_of

CORPUS = Path(__file__).resolve().parent
ARTICLES = CORPUS / "articles"
PAGE_SUFFIXES = (".txt", ".html")
WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3, "الجمعة": 4, "السبت": 5, "الأحد": 6}
SAME_DAY_AS_ANOTHER = ("نفسه", "ذاته", "التالي")
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


def _types(value: str) -> tuple[str, ...]:
    parts = tuple(value.split("|"))
    if not all(part in EVENT_TYPES for part in parts):
        raise ValueError(f"types must be among {EVENT_TYPES}")
    return parts


def _countries(value: str) -> tuple[str, ...]:
    return tuple(iso_country(code) for code in value.split(","))


def _load_rows() -> list[dict[str, object]]:
    return load_tsv(
        "golden.tsv",
        {
            "article": None,
            "date_start": date.fromisoformat,
            "date_end": date.fromisoformat,
            "precision": one_of("day", "month", "year"),
            "type": _types,
            "countries": _countries,
            "place": None,
            "date_text": None,
            "evidence": None,
        },
        directory=CORPUS,
    )


ROWS = _load_rows()


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


def row_id(row: dict[str, object]) -> str:
    return f"{row['article'][:2]}-{row['date_start']}-{row['date_text']}"


def test_corpus_size_and_pages() -> None:
    assert len(ROWS) >= 60
    assert len(pages()) >= 14
    assert {row["article"] for row in ROWS} == {path.name for path in pages()}, (
        "every page has events, every row a page"
    )


@pytest.mark.parametrize("path", pages(), ids=lambda path: path.name)
def test_page_has_metadata(path: Path) -> None:
    data = meta(path.name)
    assert set(data) == {"published", "source", "url"}
    assert data["source"] and data["url"].startswith("https://")
    if data["published"] is not None:
        date.fromisoformat(data["published"])


@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_date_text_is_written_in_the_article(row: dict[str, object]) -> None:
    assert row["date_text"] in page_text(str(row["article"]))


@pytest.mark.parametrize("row", ROWS, ids=row_id)
def test_span_agrees_with_precision(row: dict[str, object]) -> None:
    start, end, precision = row["date_start"], row["date_end"], row["precision"]
    assert start <= end
    if precision == "month":
        assert (start.day, end) == (1, date(start.year, start.month, calendar.monthrange(start.year, start.month)[1]))
    elif precision == "year":
        assert (start, end) == (date(start.year, 1, 1), date(start.year, 12, 31))
    else:
        assert (end - start).days <= 31, "a day span is a single day or a range of days within a month or so"


@pytest.mark.parametrize(
    "row", [r for r in ROWS if r["precision"] == "day" and r["date_start"] == r["date_end"]], ids=row_id
)
def test_weekday_names_agree_with_the_date(row: dict[str, object]) -> None:
    text = str(row["date_text"])
    named = sorted(
        (match.start(), day) for name, day in WEEKDAYS.items() for match in re.finditer(rf"(^|\s){name}(\s|$)", text)
    )
    if named:  # "منتصف ليل الخميس الجمعة": the night from one day to the next is dated by the last
        assert row["date_start"].weekday() == named[-1][1]


@pytest.mark.parametrize("row", [r for r in ROWS if meta(str(r["article"]))["published"]], ids=row_id)
def test_relative_days_resolve_against_publication(row: dict[str, object]) -> None:
    published = date.fromisoformat(meta(str(row["article"]))["published"])
    words = str(row["date_text"]).split()
    if any(marker in words for marker in SAME_DAY_AS_ANOTHER):
        return
    if "أمس" in words:
        back = 2 if "أول" in words else 1  # "أول من أمس": the day before yesterday
        assert row["date_start"] == published - timedelta(days=back)
    elif "اليوم" in words:
        assert row["date_start"] == published
    elif words[0] in ("غدا", "غدًا"):
        assert row["date_start"] == published + timedelta(days=1)
    elif "الماضي" in words and words[0] in WEEKDAYS:
        assert timedelta(days=1) <= published - row["date_start"] <= timedelta(days=7)
    elif "المقبل" in words and words[-2] in WEEKDAYS:
        assert timedelta(days=1) <= row["date_start"] - published <= timedelta(days=7)
    elif row["precision"] == "year":  # planned summits are announced years ahead ("عام ٢٠٢٧")
        assert row["date_start"] <= published + timedelta(days=3 * 366), "a dated mention lies near its article"
    else:  # plans reach into the next year ("حزيران/يونيو من العام المقبل")
        assert row["date_start"] <= published + timedelta(days=2 * 366), "a dated mention lies near its article"


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
    precisions = {row["precision"] for row in ROWS}
    assert precisions == {"day", "month", "year"}
    assert {t for row in ROWS for t in row["type"]} >= {
        "meeting",
        "agreement",
        "statement",
        "military",
        "border",
        "protest",
    }
