"""The "Add article" panel: paste, upload or fetch pages, preview their events, then save them.

Each page is extracted in a child process within a time and memory budget
(``components.ui.extraction_job``): a page over the budget is refused with a message and the
server is unaffected. Article text and everything taken from it is shown through plain Streamlit
widgets (``st.text``, ``st.dataframe``), never as HTML. A page saved without a source name is
named by its file, or "pasted text"; after a save the page opens the first new event.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import streamlit as st

from components.extract.pipeline import PageResult
from components.store.event_store import Store, StoreError
from components.store.web.client import FetchError
from components.store.web.pages import FetchedPage, fetch_one
from components.ui import extraction_job
from components.ui.correction_panel import DONE_KEY, show_done
from components.ui.extraction_job import Job, extract_within_budget
from components.ui.i18n import country_name, escape_markdown, join_list, plural, t, type_label

_KEY = "add_article"
FAILED_KEY = f"{_KEY}_failed"  # the pages a save could not store, shown on the run after it
PASTED = "pasted"  # the name of a pasted page before it has one


@dataclass(frozen=True)
class Extracted:
    """What one input gave: its extraction, or why there is none."""

    name: str
    source: str
    result: PageResult | None = None
    error: str | None = None
    fetched: FetchedPage | None = None  # a page fetched from the web: its address and fetch record


def _fetched(url: str, published: date | None, source: str) -> Extracted:
    """The page at ``url``, fetched politely and extracted (components.store.web)."""
    try:
        page = fetch_one(url, source=source.strip() or None, published=published)
    except FetchError as error:
        return Extracted(url.strip(), source.strip(), error=error.reason)
    return Extracted(page.url, page.source or source.strip() or page.url, result=page.result, fetched=page)


def _inputs(lang: str) -> list[tuple[str, bytes, bool]]:
    """(name, bytes, pasted?) of each page given: the pasted text first, then the uploads."""
    pasted = st.text_area(t("add_paste", lang), key=f"{_KEY}_text", height=180, placeholder=t("add_paste_hint", lang))
    uploads = (
        st.file_uploader(
            t("add_upload", lang), type=["txt", "html", "htm"], accept_multiple_files=True, key=f"{_KEY}_files"
        )
        or []
    )
    inputs = [(upload.name, upload.getvalue(), False) for upload in uploads]
    if pasted.strip():
        data = pasted.encode("utf-8")
        inputs.insert(0, (f"{PASTED}-{hashlib.sha256(data).hexdigest()[:10]}.txt", data, True))
    return inputs


def source_for(name: str, pasted: bool, given: str, lang: str) -> str:
    """The source a page is saved under: the name given, else the file's name, else "pasted text"."""
    return given.strip() or (t("pasted_text", lang) if pasted else name)


def _extract(
    inputs: list[tuple[str, bytes, bool]], published: date | None, source: str, url: str, lang: str
) -> list[Extracted]:
    """One entry per input, in input order; a bad input (or one over the budget) does not stop the others."""
    out: list[Extracted] = []
    for name, data, pasted in inputs:
        named = source_for(name, pasted, source, lang)
        seconds, megabytes = extraction_job.TIME_BUDGET_S, extraction_job.MEMORY_BUDGET_MB  # read now: settable
        outcome = extract_within_budget(
            Job(data, name, published, named, url or None), seconds=seconds, memory_mb=megabytes
        )
        if outcome.over:
            budget = plural(f"add_over_{outcome.over}", int(seconds) if outcome.over == "time" else megabytes, lang)
            out.append(Extracted(name, named, error=budget))
        else:
            out.append(Extracted(name, named, result=outcome.result, error=outcome.error))
    return out


def event_rows(result: PageResult, lang: str) -> list[dict[str, object]]:
    """The preview's rows in the interface language."""
    rows: list[dict[str, object]] = []
    for event in result.events:
        when = event.date_start or "—"
        if event.date_end and event.date_end != event.date_start:
            when = f"{when} – {event.date_end}"
        rows.append(
            {
                t("add_date", lang): f"{when} ({event.date_text or ''})",
                t("add_type", lang): type_label(event.type, lang),
                t("add_countries", lang): join_list((country_name(code, lang) for code in event.countries or ()), lang),
                t("add_sentence", lang): event.sentence,
            }
        )
    return rows


def _warnings(result: PageResult) -> list[str]:
    """Date expressions the extractor found and rejected (``31 فبراير``), when it reports them."""
    return [str(warning) for article in result.articles for warning in getattr(article, "warnings", None) or []]


def _show_one(item: Extracted, lang: str) -> None:
    st.markdown(f"**{t('add_page', lang)}** `{item.name.replace('`', '')}`")
    if item.result is None:
        st.error(t("add_failed", lang, reason=escape_markdown(item.error or "")))
        return
    undated = sum(1 for event in item.result.events if event.undated)
    if undated:
        st.warning(plural("add_undated", undated, lang))
    for warning in _warnings(item.result):
        st.warning(t("add_date_warning", lang, warning=warning))
    rows = event_rows(item.result, lang)
    if rows:
        st.dataframe(rows, hide_index=True)
    else:
        st.info(t("add_no_events", lang))
    for article in item.result.articles:
        label = (article.title or article.dateline or article.text[:60]).replace("`", "")
        with st.expander(f"{t('add_text', lang)}: {label}"):
            st.text(article.text)


def _save(store: Store, preview: list[Extracted], published: date | None, url: str, lang: str) -> str | None:
    """Store the previewed pages; leave a message saying what was added (and what the store refused:
    the preview is then kept, to save again); return the first new event's id."""
    articles = events = duplicates = 0
    first: str | None = None
    failures: list[str] = []
    for item in preview:
        if item.result is None:
            continue
        fetched = item.fetched
        try:
            outcome = store.ingest_page(
                item.result,
                published=published,
                source=item.source or None,
                url=(fetched.url if fetched else url) or None,
                page_meta=fetched.page_meta if fetched else None,
            )
        except StoreError as error:
            failures.append(f"{item.name}: {error}")
            continue
        articles += outcome.articles_added
        events += outcome.events_added
        duplicates += outcome.duplicate
        if first is None and outcome.events_added and item.result.events:
            first = item.result.events[0].id
    parts = [plural("add_saved_articles", articles, lang), plural("add_saved_events", events, lang)]
    if duplicates:
        parts.append(plural("add_saved_duplicates", duplicates, lang))
    if failures:
        st.session_state[FAILED_KEY] = failures
    if articles or duplicates or not failures:
        st.session_state[DONE_KEY] = t("add_saved", lang, what=join_list(parts, lang))
    if not failures:
        st.session_state.pop(f"{_KEY}_preview", None)
    return first


def show_failures(lang: str) -> None:
    """Why the last save could not store some pages (the store was busy, read-only, damaged …)."""
    for failure in st.session_state.pop(FAILED_KEY, None) or []:
        st.error(t("store_write_failed", lang, reason=escape_markdown(failure)))


def render_add_article_panel(store: Store, lang: str, on_saved: Callable[[str], None] | None = None) -> None:
    """Paste or upload pages, give date/source/URL, preview the extracted events, save;
    ``on_saved(event id)`` opens the first new event."""
    st.subheader(t("add_title", lang))
    show_done()  # also a toast: seen even when the panel is folded away after the save
    show_failures(lang)
    inputs = _inputs(lang)
    fetch_url = st.text_input(t("add_fetch_url", lang), key=f"{_KEY}_fetch_url", placeholder="https://…").strip()
    published = st.date_input(t("add_published", lang), value=None, key=f"{_KEY}_published", format="YYYY-MM-DD")
    source = st.text_input(t("add_source", lang), key=f"{_KEY}_source", placeholder=t("add_source_hint", lang))
    url = st.text_input(t("add_url", lang), key=f"{_KEY}_url", placeholder="https://…")
    signature = hashlib.sha256(repr((inputs, fetch_url, published, source, url)).encode("utf-8")).hexdigest()
    if st.button(t("add_preview", lang), key=f"{_KEY}_preview_button"):
        if not inputs and not fetch_url:
            st.warning(t("add_nothing", lang))
        else:
            with st.spinner(t("add_extracting", lang, seconds=int(extraction_job.TIME_BUDGET_S))):
                fetched = [_fetched(fetch_url, published, source)] if fetch_url else []
                extracted = _extract(inputs, published, source, url, lang)
                st.session_state[f"{_KEY}_preview"] = (signature, fetched + extracted)
    stored = st.session_state.get(f"{_KEY}_preview")
    if not stored or stored[0] != signature:
        return  # nothing previewed yet, or the inputs changed since the preview
    preview = stored[1]
    for item in preview:
        _show_one(item, lang)
    savable = any(item.result is not None for item in preview)
    if savable and st.button(t("add_save", lang), key=f"{_KEY}_save", type="primary"):
        first = _save(store, preview, published, url, lang)
        if first and on_saved is not None:
            on_saved(first)
        st.rerun()
