"""The details of one event, as HTML built only from escaped pieces (article text is untrusted)."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date
from urllib.parse import urlparse

import streamlit as st

from components.extract.records import ActorRecord, MentionRecord, PlaceRecord
from components.store.records import StoredEvent, event_sources
from components.ui.i18n import country_name, format_span, t, type_label

MENTION_KINDS = frozenset({"date", "trigger", "country", "actor", "place", "organisation"})

#: Signature of the hook drawn under the details (a corrections form goes there).
DetailsHook = Callable[[StoredEvent], None]


def _esc(value: object) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _valid_spans(sentence: str, mentions: Sequence[MentionRecord]) -> list[tuple[int, int, str]]:
    """Mentions with sane offsets, sorted, overlaps dropped (the first one wins)."""
    spans: list[tuple[int, int, str]] = []
    for mention in mentions or []:
        start, end, kind = mention.get("start"), mention.get("end"), mention.get("kind")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(sentence):
            continue
        spans.append((start, end, kind if kind in MENTION_KINDS else "other"))
    spans.sort()
    kept: list[tuple[int, int, str]] = []
    for span in spans:
        if not kept or span[0] >= kept[-1][1]:
            kept.append(span)
    return kept


def highlight_sentence(sentence: str, mentions: Sequence[MentionRecord]) -> str:
    """The Arabic sentence as right-to-left HTML with its date and entity mentions marked."""
    parts: list[str] = []
    position = 0
    for start, end, kind in _valid_spans(sentence, mentions):
        parts.append(_esc(sentence[position:start]))
        parts.append(f'<mark class="tl-m tl-{kind}" title="{kind}">{_esc(sentence[start:end])}</mark>')
        position = end
    parts.append(_esc(sentence[position:]))
    return f'<p class="tl-sentence" dir="rtl" lang="ar">{"".join(parts)}</p>'


def _safe_url(url: str | None) -> str | None:
    if not url:
        return None
    parsed = urlparse(str(url))
    return str(url) if parsed.scheme in ("http", "https") and parsed.netloc else None


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _row(label: str, value_html: str) -> str:
    return f"<tr><th>{_esc(label)}</th><td>{value_html}</td></tr>"


def _sources_html(event: StoredEvent, lang: str) -> str:
    items: list[str] = []
    for source in event_sources(event):
        url = _safe_url(source.get("url"))
        name = _esc(source.get("source") or source.get("article_id") or "?")
        link = f'<a href="{_esc(url)}" target="_blank" rel="noopener noreferrer">{name}</a>' if url else name
        published = source.get("published")
        when = (
            f' · {_esc(t("field_published", lang))} <bdi dir="ltr" class="tl-nowrap">{_esc(published)}</bdi>'
            if published
            else ""
        )
        address = f'<br><span class="tl-url" dir="ltr">{_esc(url)}</span>' if url else ""
        items.append(f"<li>{link}{when}{address}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _names(items: Sequence[ActorRecord] | Sequence[PlaceRecord], lang: str) -> str:
    names = []
    for item in items or []:
        english, arabic = item.get("name_en") or "", item.get("name_ar") or ""
        first, second = (arabic, english) if lang == "ar" else (english, arabic)
        inner = (
            f'<bdi dir="rtl" lang="ar">{_esc(second)}</bdi>'
            if lang != "ar"
            else f'<bdi dir="ltr" class="tl-nowrap">{_esc(second)}</bdi>'
        )
        names.append(_esc(first) + (f" ({inner})" if second else ""))
    return "; ".join(names) or "—"


def details_html(event: StoredEvent, lang: str) -> str:
    """The details card of ``event``; every value from the data is escaped."""
    start, end = _day(event.get("date_start")), _day(event.get("date_end"))
    precision = event.get("precision")
    span = format_span(start, end, precision, lang)
    if event.get("approximate"):
        span += f" ({t('field_approximate', lang)})"
    precision_label = (
        t(f"precision_{precision}", lang) if precision in ("day", "month", "year") else t("precision_none", lang)
    )
    countries = ", ".join(_esc(country_name(code, lang)) for code in event.get("countries") or []) or "—"
    rows = [
        _row(t("field_type", lang), _esc(type_label(event.get("type") or "other", lang))),
        _row(t("field_date", lang), f"{_esc(span)} · {_esc(precision_label)}"),
        _row(t("field_date_text", lang), f'<span dir="rtl" lang="ar">{_esc(event.get("date_text"))}</span>'),
        _row(t("field_countries", lang), countries),
        _row(t("field_actors", lang), _names(event.get("actors") or [], lang)),
        _row(t("field_places", lang), _names(event.get("places") or [], lang)),
        _row(t("field_sources", lang), _sources_html(event, lang)),
    ]
    corrected = f'<p class="tl-corrected">{_esc(t("field_corrected", lang))}</p>' if event.get("corrected") else ""
    return (
        f'<div class="tl-details" data-event-id="{_esc(event.get("id"))}">'
        f'<h4 dir="ltr">{_esc(event.get("title_en"))}</h4>'
        f"{highlight_sentence(event.get('sentence') or '', event.get('mentions') or [])}"
        f'<table class="tl-fields">{"".join(rows)}</table>{corrected}</div>'
    )


def render_details(event: StoredEvent, lang: str, *, below: DetailsHook | None = None) -> None:
    """Draw the details of ``event``; ``below(event)`` draws under them (the corrections form)."""
    st.html(details_html(event, lang))
    if below is not None:
        below(event)
