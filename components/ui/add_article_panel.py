"""The "Add article" panel: paste or upload pages, preview their events, then save them.

Article text and everything taken from it is shown through plain Streamlit widgets
(``st.text``, ``st.dataframe``), never as HTML.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

import streamlit as st

from components.extract.pipeline import PageResult
from components.extract.reading import UnreadableInput
from components.store.event_store import Store, StoreError
from components.store.ingest import extract_bytes
from components.store.web.client import FetchError
from components.store.web.pages import FetchedPage, fetch_one
from components.ui.correction_panel import show_done
from components.ui.i18n import escape_markdown, t

_KEY = "add_article"


def _inputs(lang: str) -> list[tuple[str, bytes]]:
    pasted = st.text_area(t("add_paste", lang), key=f"{_KEY}_text", height=180)
    uploads = (
        st.file_uploader(
            t("add_upload", lang), type=["txt", "html", "htm"], accept_multiple_files=True, key=f"{_KEY}_files"
        )
        or []
    )
    inputs = [(upload.name, upload.getvalue()) for upload in uploads]
    if pasted.strip():
        data = pasted.encode("utf-8")
        inputs.insert(0, (f"pasted-{hashlib.sha256(data).hexdigest()[:10]}.txt", data))
    return inputs


@dataclass(frozen=True)
class Extracted:
    """What one input gave: its extraction, or why there is none."""

    name: str
    result: PageResult | None = None
    error: str | None = None
    fetched: FetchedPage | None = None  # a page fetched from the web: its address and fetch record


def _fetched(url: str, published: date | None, source: str) -> Extracted:
    """The page at ``url``, fetched politely and extracted (components.store.web)."""
    try:
        page = fetch_one(url, source=source or None, published=published)
    except FetchError as error:
        return Extracted(url.strip(), error=error.reason)
    return Extracted(page.url, result=page.result, fetched=page)


def _extract(inputs: list[tuple[str, bytes]], published: date | None, source: str, url: str) -> list[Extracted]:
    """One entry per input, in input order; a bad input does not stop the others."""
    out: list[Extracted] = []
    for name, data in inputs:
        try:
            result = extract_bytes(data, name, published=published, source=source or None, url=url or None)
        except UnreadableInput as error:
            out.append(Extracted(name, error=str(error)))
        except Exception as error:
            out.append(Extracted(name, error=f"extraction failed ({type(error).__name__}: {error})"))
        else:
            out.append(Extracted(name, result=result))
    return out


def _event_rows(result: PageResult, lang: str) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for event in result.events:
        when = event.date_start or "—"
        if event.date_end and event.date_end != event.date_start:
            when = f"{when} – {event.date_end}"
        rows.append(
            {
                t("add_date", lang): f"{when} ({event.date_text or ''})",
                t("add_type", lang): event.type,
                t("add_countries", lang): ", ".join(event.countries or ()),
                t("add_sentence", lang): event.sentence,
            }
        )
    return rows


def _show_preview(preview: list[Extracted], lang: str) -> None:
    for item in preview:
        st.markdown(f"**{escape_markdown(item.name)}**")
        if item.result is None:
            st.error(f"{t('add_failed', lang)}: {escape_markdown(item.error)}")
            continue
        rows = _event_rows(item.result, lang)
        undated = sum(1 for event in item.result.events if event.undated)
        if undated:
            st.warning(t("add_undated", lang, n=undated))
        if rows:
            st.dataframe(rows, hide_index=True)
        else:
            st.info(t("add_no_events", lang))
        for article in item.result.articles:
            label = article.title or article.dateline or article.text[:60]
            with st.expander(f"{t('add_text', lang)}: {escape_markdown(label)}"):
                st.text(article.text)


def _save(store: Store, preview: list[Extracted], published: date | None, source: str, url: str, lang: str) -> None:
    articles = events = duplicates = 0
    for item in preview:
        if item.result is None:
            continue
        fetched = item.fetched
        try:
            outcome = store.ingest_page(
                item.result,
                published=published,
                source=(fetched.source if fetched else source) or None,
                url=(fetched.url if fetched else url) or None,
                page_meta=fetched.page_meta if fetched else None,
            )
        except StoreError as error:
            st.error(f"{t('add_failed', lang)}: {escape_markdown(item.name)}: {escape_markdown(str(error))}")
            continue
        articles += outcome.articles_added
        events += outcome.events_added
        duplicates += outcome.duplicate
    st.session_state[f"{_KEY}_done"] = t("add_saved", lang, articles=articles, events=events, duplicates=duplicates)
    st.session_state.pop(f"{_KEY}_preview", None)


def render_add_article_panel(store: Store, lang: str) -> None:
    """Paste or upload pages, give date/source/URL, preview the extracted events, save."""
    st.subheader(t("add_title", lang))
    show_done(f"{_KEY}_done")  # also a toast: seen even when the panel is folded away after the save
    inputs = _inputs(lang)
    fetch_url = st.text_input(t("add_fetch_url", lang), key=f"{_KEY}_fetch_url").strip()
    published = st.date_input(t("add_published", lang), value=None, key=f"{_KEY}_published")
    source = st.text_input(t("add_source", lang), key=f"{_KEY}_source")
    url = st.text_input(t("add_url", lang), key=f"{_KEY}_url")
    signature = hashlib.sha256(repr((inputs, fetch_url, published, source, url)).encode("utf-8")).hexdigest()
    if st.button(t("add_preview", lang), key=f"{_KEY}_preview_button"):
        if not inputs and not fetch_url:
            st.warning(t("add_nothing", lang))
        else:
            fetched = [_fetched(fetch_url, published, source)] if fetch_url else []
            st.session_state[f"{_KEY}_preview"] = (signature, fetched + _extract(inputs, published, source, url))
    stored = st.session_state.get(f"{_KEY}_preview")
    if not stored or stored[0] != signature:
        return  # nothing previewed yet, or the inputs changed since the preview
    preview = stored[1]
    _show_preview(preview, lang)
    savable = any(item.result is not None for item in preview)
    if savable and st.button(t("add_save", lang), key=f"{_KEY}_save", type="primary"):
        _save(store, preview, published, source, url, lang)
        st.rerun()
