"""The details of one event, as HTML built only from escaped pieces (article text is untrusted).

The paragraph around the sentence is shown with the sentence marked and its date, trigger and
entity mentions highlighted, under a key of the highlight colours; then the event's fields in
the interface language, each source once with a link to its article.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date
from urllib.parse import urlparse

from components.extract.records import ActorRecord, MentionRecord, PlaceRecord
from components.store.facets import event_role, event_status
from components.store.records import SourceRecord, StoredEvent, event_sources
from components.store.views import Paragraph
from components.ui.i18n import country_name, event_title, format_number, format_span, join_list, t, type_label

MENTION_KINDS = ("date", "trigger", "country", "actor", "organisation", "place")


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


def marked_sentence(sentence: str, mentions: Sequence[MentionRecord], lang: str) -> str:
    """The sentence as HTML with its date and entity mentions marked (each mark titled by its kind)."""
    parts: list[str] = []
    position = 0
    for start, end, kind in _valid_spans(sentence, mentions):
        title = _esc(t(f"mark_{kind}", lang)) if kind != "other" else ""
        parts.append(_esc(sentence[position:start]))
        parts.append(f'<mark class="tl-m tl-{kind}" title="{title}">{_esc(sentence[start:end])}</mark>')
        position = end
    parts.append(_esc(sentence[position:]))
    return "".join(parts)


def highlight_sentence(
    sentence: str, mentions: Sequence[MentionRecord], lang: str = "en", paragraph: Paragraph | None = None
) -> str:
    """The paragraph around the sentence (or the sentence alone) as right-to-left HTML, the
    sentence itself marked as the current one."""
    current = f'<span class="tl-current">{marked_sentence(sentence, mentions, lang)}</span>'
    if paragraph is not None and paragraph.text[paragraph.start : paragraph.end] == sentence:
        before, after = paragraph.text[: paragraph.start], paragraph.text[paragraph.end :]
        current = f"{_esc(before)}{current}{_esc(after)}"
    return f'<p class="tl-sentence" dir="rtl" lang="ar">{current}</p>'


def highlight_key(lang: str) -> str:
    """What the colours of the marks mean."""
    items = "".join(f'<mark class="tl-m tl-{kind}">{_esc(t(f"mark_{kind}", lang))}</mark> ' for kind in MENTION_KINDS)
    return f'<p class="tl-key">{_esc(t("mark_key", lang))} {items}</p>'


def _safe_url(url: str | None) -> str | None:
    if not url:
        return None
    parsed = urlparse(str(url))
    return str(url) if parsed.scheme in ("http", "https") and parsed.netloc else None


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _row(label: str, value_html: str) -> str:
    return f"<tr><th>{_esc(label)}</th><td>{value_html}</td></tr>"


def unique_sources(event: StoredEvent) -> list[SourceRecord]:
    """Each article reporting the event once (merged events can list one article twice)."""
    seen: set[tuple[str, str]] = set()
    kept: list[SourceRecord] = []
    for source in event_sources(event):
        key = (str(source.get("article_id") or ""), str(source.get("url") or source.get("source") or ""))
        if key not in seen:
            seen.add(key)
            kept.append(source)
    return kept


def source_name(source: SourceRecord, lang: str) -> str:
    """The outlet's name, else the address's host, else "source not given" (never an internal id)."""
    url = _safe_url(source.get("url"))
    return str(source.get("source") or (urlparse(url).hostname if url else None) or t("source_unknown", lang))


def _sources_html(event: StoredEvent, lang: str) -> str:
    items: list[str] = []
    for source in unique_sources(event):
        url = _safe_url(source.get("url"))
        name = _esc(source_name(source, lang))
        link = f'<a href="{_esc(url)}" target="_blank" rel="noopener noreferrer">{name}</a>' if url else name
        published = source.get("published")
        when = (
            f' · {_esc(t("field_published", lang))} <bdi dir="ltr" class="tl-nowrap">{_esc(published)}</bdi>'
            if published
            else ""
        )
        address = f'<br><span class="tl-url" dir="ltr">{_esc(url)}</span>' if url else ""
        items.append(f"<li>{link}{when}{address}</li>")
    return f"<ul>{''.join(items)}</ul>" if items else "—"


def _names(items: Sequence[ActorRecord] | Sequence[PlaceRecord], lang: str) -> str:
    """Names in the interface language first, the other language's form after them."""
    names = []
    for item in items or []:
        english, arabic = item.get("name_en") or "", item.get("name_ar") or ""
        first, second = (arabic or english, english) if lang == "ar" else (english or arabic, arabic)
        direction = "ltr" if lang == "ar" else "rtl"
        inner = f'<bdi dir="{direction}" class="tl-nowrap">{_esc(second)}</bdi>' if second and second != first else ""
        names.append(_esc(first) + (f" ({inner})" if inner else ""))
    return ("؛ " if lang == "ar" else "; ").join(names) or "—"


def _where(event: StoredEvent, lang: str) -> str:
    """The country where it happened, said to be the place and not a participant."""
    code = event.get("location_country")
    if not code:
        return ""
    role = "location_also_party" if code in (event.get("countries") or []) else "location_not_party"
    return f"{_esc(country_name(code, lang))} <span class='tl-note'>({_esc(t(role, lang))})</span>"


def _status_line(event: StoredEvent, lang: str) -> str:
    status, role = event_status(event), event_role(event)
    badges = [f'<span class="tl-badge tl-{status}">{_esc(t(f"status_{status}", lang))}</span>']
    badges.append(f'<span class="tl-badge tl-{role}">{_esc(t(f"role_{role}", lang))}</span>')
    confidence = float(event.get("confidence") or 0.0)
    badges.append(
        f'<span class="tl-badge">{_esc(t("field_confidence", lang))} {format_number(confidence, lang, 2)}</span>'
    )
    return f'<p class="tl-badges">{"".join(badges)}</p>'


def _fields(event: StoredEvent, lang: str) -> list[str]:
    start, end = _day(event.get("date_start")), _day(event.get("date_end"))
    precision = event.get("precision")
    span = format_span(start, end, precision, lang)
    if event.get("approximate"):
        span += f" ({t('field_approximate', lang)})"
    precision_label = t(f"precision_{precision}", lang) if precision in ("day", "month", "year") else ""
    participants = join_list((country_name(code, lang) for code in event.get("countries") or []), lang)
    rows = [
        _row(t("field_type", lang), _esc(type_label(event.get("type") or "other", lang))),
        _row(t("field_date", lang), _esc(" · ".join(part for part in (span, precision_label) if part))),
        _row(t("field_date_text", lang), f'<span dir="rtl" lang="ar">{_esc(event.get("date_text"))}</span>'),
        _row(t("field_countries", lang), _esc(participants) or "—"),
    ]
    where = _where(event, lang)
    if where:
        rows.append(_row(t("field_location", lang), where))
    rows += [
        _row(t("field_actors", lang), _names(event.get("actors") or [], lang)),
        _row(t("field_places", lang), _names(event.get("places") or [], lang)),
        _row(t("field_sources", lang), _sources_html(event, lang)),
    ]
    return rows


def title_of(event: StoredEvent, lang: str) -> str:
    places = [(p.get("name_en") or "", p.get("name_ar") or "") for p in event.get("places") or []]
    return event_title(event.get("type") or "other", event.get("countries") or [], places, lang)


def details_html(event: StoredEvent, lang: str, paragraph: Paragraph | None = None) -> str:
    """The details card of ``event``; every value from the data is escaped."""
    corrected = f'<p class="tl-corrected">{_esc(t("field_corrected", lang))}</p>' if event.get("corrected") else ""
    sentence = highlight_sentence(event.get("sentence") or "", event.get("mentions") or [], lang, paragraph)
    return (
        f'<div class="tl-details" data-event-id="{_esc(event.get("id"))}" tabindex="-1">'
        f"<h4>{_esc(title_of(event, lang))}</h4>{_status_line(event, lang)}"
        f"{sentence}{highlight_key(lang)}"
        f'<table class="tl-fields">{"".join(_fields(event, lang))}</table>{corrected}</div>'
    )
