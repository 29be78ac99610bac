"""Hand-made pages, articles and events for the store tests (no extractor needed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from components.extract.models import Article, stable_id
from components.extract.reading import RawPage, content_hash


@dataclass(frozen=True)
class FakeResult:
    """Shaped like ``components.extract.pipeline.PageResult``."""

    page: RawPage
    articles: list[Article]
    events: list[dict]


def make_event(
    article: Article,
    sentence: str,
    date_start: str | None,
    *,
    date_end: str | None = None,
    precision: str | None = "day",
    type: str = "meeting",
    countries: tuple[str, ...] = ("AM", "AZ"),
    places: tuple[dict, ...] = (),
    date_text: str = "",
    approximate: bool = False,
    version: str = "1.0",
    offset_shift: int = 0,
) -> dict:
    """An event dict for ``sentence`` (which must occur in the article's text)."""
    start = article.text.index(sentence) + offset_shift
    end = start + len(sentence) - offset_shift
    return {
        "id": stable_id(version, article.id, start, date_text, type),
        "article_id": article.id,
        "date_start": date_start,
        "date_end": date_end or date_start,
        "precision": precision if date_start else None,
        "approximate": approximate,
        "undated": date_start is None,
        "date_text": date_text,
        "type": type,
        "countries": sorted(countries),
        "actors": [],
        "places": list(places),
        "title_en": f"{type} — {', '.join(sorted(countries))}",
        "sentence": article.text[start:end],
        "char_start": start,
        "char_end": end,
        "source": article.source,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "confidence": 0.8,
        "trigger": "",
        "mentions": [],
        "extractor_version": version,
    }


def make_page(name: str, texts: list[str], source: str = "outlet") -> tuple[RawPage, list[Article]]:
    page_text = "\n\n".join(texts)
    page = RawPage(name=name, text=page_text, is_html=False, encoding="utf-8", content_hash=content_hash(page_text))
    articles = [
        Article(id=stable_id("article", text), text=text, source=source, page=name, index_in_page=i)
        for i, text in enumerate(texts)
    ]
    return page, articles


def numbered_result(n: int, events_per_page: int = 3) -> FakeResult:
    """Page ``n``: one article with ``events_per_page`` events that never merge with others
    (each on its own day)."""
    sentences = [f"جملة رقم {n} - {k} عن اجتماع في يريفان." for k in range(events_per_page)]
    page, articles = make_page(f"page-{n}.txt", [" ".join(sentences)])
    base = 700_000 + n * events_per_page
    events = [
        make_event(articles[0], s, date.fromordinal(base + k).isoformat(), date_text=f"d{k}")
        for k, s in enumerate(sentences)
    ]
    return FakeResult(page, articles, events)


STATEMENT_A = "وقع قادة أذربيجان وأرمينيا وروسيا البيان الثلاثي في 9 نوفمبر 2020 لوقف الحرب."
STATEMENT_B = "وكان البيان الذي وقعه الزعماء الثلاثة في نوفمبر 2020 قد أنهى القتال."


def two_outlets() -> tuple[FakeResult, FakeResult]:
    page_a, (art_a,) = make_page("a.txt", [STATEMENT_A], source="الوفد")
    page_b, (art_b,) = make_page("b.txt", [STATEMENT_B], source="البلاد")
    one = FakeResult(
        page_a,
        [art_a],
        [
            make_event(
                art_a,
                STATEMENT_A,
                "2020-11-09",
                type="agreement",
                countries=("AM", "AZ", "RU"),
                date_text="9 نوفمبر 2020",
            )
        ],
    )
    two = FakeResult(
        page_b,
        [art_b],
        [
            make_event(
                art_b,
                STATEMENT_B,
                "2020-11-01",
                date_end="2020-11-30",
                precision="month",
                type="statement",
                countries=("AM", "AZ", "RU"),
                date_text="نوفمبر 2020",
            )
        ],
    )
    return one, two
