"""What an HTML page says about its own publication date and address."""

from __future__ import annotations

from datetime import date

import pytest

from components.extract.html_meta import page_meta, parse_date_value, url_date


def _page(head: str, body: str = "<p>نص الخبر</p>") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_open_graph_publication_time_is_read_as_its_own_day() -> None:
    html = _page('<meta property="article:published_time" content="2024-05-25T00:40:00+03:00">')
    assert page_meta(html).published == date(2024, 5, 25)  # 24 May in UTC, 25 May where it was published


def test_json_ld_date_published_inside_a_graph() -> None:
    ld = (
        '{"@context":"https://schema.org","@graph":[{"@type":"WebPage","url":"https://x.example/a"},'
        '{"@type":"NewsArticle","datePublished":"2023-05-18T21:10:00+03:00","url":"https://x.example/a"}]}'
    )
    meta = page_meta(_page(f'<script type="application/ld+json">{ld}</script>'))
    assert meta.published == date(2023, 5, 18) and meta.url == "https://x.example/a"


def test_a_time_element_of_the_article_counts_but_not_one_in_a_sidebar() -> None:
    sidebar = '<aside><ul><li><time datetime="2024-04-15T11:05">الإثنين</time></li></ul></aside>'
    article = '<div class="meta"><time datetime="2024-04-17T14:32:00+02:00">الأربعاء</time></div>'
    assert page_meta(_page("", sidebar + article)).published == date(2024, 4, 17)
    assert page_meta(_page("", sidebar)).published is None


def test_broken_json_ld_and_odd_values_are_ignored() -> None:
    html = _page('<script type="application/ld+json">{"datePublished": </script><meta name="pubdate" content="soon">')
    assert page_meta(html) == page_meta(_page(""))


def test_canonical_link_before_og_url() -> None:
    head = (
        '<meta property="og:url" content="https://x.example/ar/20251004/story-1">'
        '<link rel="canonical" href="https://x.example/news/2025/10/03/story-1">'
    )
    assert page_meta(_page(head)).url == "https://x.example/news/2025/10/03/story-1"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.example/zagora/2024/06/13/peacekeepers-withdrawal/", date(2024, 6, 13)),
        ("https://x.example/news/details/2024/8/18/2629296/visit", date(2024, 8, 18)),
        ("https://x.example/news/view.aspx?cdate=12082025&id=6b1f", date(2025, 8, 12)),
        ("https://x.example/ar/20251004/georgia-1105615.html", date(2025, 10, 4)),
        ("https://x.example/story?date=2024-06-13", date(2024, 6, 13)),
        ("https://x.example/print/151093-2025-05-11-08-59-05", date(2025, 5, 11)),
        ("https://x.example/?p=118240", None),
        ("https://x.example/media/2024/06/photo.jpg", None),  # a year and a month only
        ("https://x.example/news/2024/13/40/x", None),
        (None, None),
    ],
)
def test_dates_in_addresses(url: str | None, expected: date | None) -> None:
    assert url_date(url) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-07-09T10:30:00+04:00", date(2025, 7, 9)),
        ("Wed, 09 Jul 2025 10:30:00 GMT", date(2025, 7, 9)),
        ("2150-01-01", None),
        ("", None),
    ],
)
def test_metadata_values(value: str, expected: date | None) -> None:
    assert parse_date_value(value) == expected
