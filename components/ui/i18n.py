"""Interface strings in English and Arabic: plural forms, lists, country names, dates, titles."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from babel import Locale
from babel.dates import format_date

from components.extract import countries
from components.extract.models import EVENT_TYPES
from components.text.lexicon import load_tsv

LANGUAGES = ("en", "ar")
LIST_SEPARATORS = {"en": ", ", "ar": "، "}
MAX_SHOWN_VALUE = 80  # characters of a value from a link shown back in a notice
# Marks and embeddings that reorder the text around them (LRM/RLM, ALM, LRE…PDF, LRI…PDI): never shown from a link.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@lru_cache(maxsize=1)
def ui_strings() -> dict[str, dict[str, str]]:
    """``{key: {"en": …, "ar": …}}`` from ``data/lexicon/ui_strings.tsv``."""
    rows = load_tsv("ui_strings.tsv", {"key": None, "en": None, "ar": None})
    return {str(row["key"]): {"en": str(row["en"]), "ar": str(row["ar"])} for row in rows}


STREAMLIT_LABEL = "streamlit_label_"  # rows of a label of Streamlit's own widgets, its English exactly as written
STREAMLIT_PART = "streamlit_part_"  # rows of a part of Streamlit's date fields, whose labels read "<part>, <field>"
STREAMLIT_END = "streamlit_end_"  # rows of the end of a label of Streamlit's ("5MB per file")


@dataclass(frozen=True)
class Relabelling:
    """How to say in the page's language what Streamlit's own widgets write in English: whole labels,
    label beginnings and label ends, each ``(as written, as said)``. Both ways round, so that a label
    already said in the other language is said again after a switch."""

    whole: dict[str, str]
    starts: list[tuple[str, str]]
    ends: list[tuple[str, str]]


def streamlit_labels(lang: str) -> Relabelling:
    strings = ui_strings()
    source, target = ("en", "ar") if lang == "ar" else ("ar", "en")

    def pairs(prefix: str) -> list[tuple[str, str]]:
        return [(row[source], row[target]) for key, row in strings.items() if key.startswith(prefix)]

    first, then = LIST_SEPARATORS[source], LIST_SEPARATORS[target]
    return Relabelling(
        dict(pairs(STREAMLIT_LABEL)),
        [(said + first, other + then) for said, other in pairs(STREAMLIT_PART)],
        pairs(STREAMLIT_END),
    )


def t(key: str, lang: str, **values: object) -> str:
    """The interface string ``key`` in ``lang``, with ``{slots}`` filled."""
    text = ui_strings()[key]["ar" if lang == "ar" else "en"]
    return text.format(**values) if values else text


@lru_cache(maxsize=4)
def _locale(lang: str) -> Locale:
    return Locale.parse("ar" if lang == "ar" else "en")


def plural_category(n: int, lang: str) -> str:
    """The CLDR plural category of ``n``: English has ``one``/``other``; Arabic also ``zero``,
    ``two``, ``few`` (3–10) and ``many`` (11–99)."""
    return str(_locale(lang).plural_form(abs(n)))


def plural(key: str, n: int, lang: str, **values: object) -> str:
    """``key_<category>`` for ``n`` in ``lang`` (``key_other`` when the table has no row for the category)."""
    specific = f"{key}_{plural_category(n, lang)}"
    return t(specific if specific in ui_strings() else f"{key}_other", lang, n=n, **values)


def join_list(items: Iterable[str], lang: str) -> str:
    """Items joined with the language's separator (``، `` in Arabic)."""
    return LIST_SEPARATORS["ar" if lang == "ar" else "en"].join(items)


def and_join(items: Iterable[str], lang: str) -> str:
    """``a and b`` / ``a وb`` (the Arabic conjunction joins the word after it)."""
    return (" و" if lang == "ar" else " and ").join(items)


def is_rtl(lang: str) -> bool:
    return lang == "ar"


def country_name(code: str, lang: str) -> str:
    """CLDR name of an ISO alpha-2 code in the interface language (the code if unknown)."""
    try:
        return countries.country_name(code, "ar" if lang == "ar" else "en")
    except KeyError:
        return code


_MARKDOWN_SPECIAL = set("\\`*_{}[]()<>#+-.!|~$:")


def escape_markdown(text: object) -> str:
    """Text shown inside a markdown element exactly as written: no link, image, emphasis or HTML."""
    return "".join(f"\\{ch}" if ch in _MARKDOWN_SPECIAL else ch for ch in str(text))


def plain_value(value: object, limit: int = MAX_SHOWN_VALUE) -> str:
    """A value from a link as it may be shown back: bidi controls and control characters removed,
    backticks replaced (it goes inside a code span), at most ``limit`` characters."""
    text = _CONTROL.sub(" ", BIDI_CONTROLS.sub("", str(value))).replace("`", "'")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def code_span(value: object) -> str:
    """A value from a link as inline code: markdown shows it as typed, never as a link or markup."""
    return f"`{plain_value(value)}`"


def value_of_label(facet: str, label: str) -> str:
    """The value a filter option's label names, in either language: a country's ISO code, an
    event type; actors and sources are their own labels."""
    if facet == "countries":
        for lang in LANGUAGES:
            for code in countries.iso_codes():
                if countries.country_name(code, lang) == label:
                    return code
    if facet == "types":
        for lang in LANGUAGES:
            for kind in EVENT_TYPES:
                if type_label(kind, lang) == label:
                    return kind
    if facet == "roles":
        for lang in LANGUAGES:
            for role in ("news", "background"):
                if t(f"role_{role}", lang) == label:
                    return role
    return label


def value_label(facet: str, value: str, lang: str, names: Mapping[str, str] | None = None) -> str:
    """How a filter option is named in ``lang``: a country's ISO code by the country's name, an
    event type or a role by its label, an actor or a place by its Arabic name in Arabic (``names``:
    English name → Arabic name); sources are their own names."""
    if facet == "countries":
        return country_name(value, lang)
    if facet == "types":
        return type_label(value, lang)
    if facet == "roles":
        return t(f"role_{value}", lang) if f"role_{value}" in ui_strings() else value
    if lang == "ar" and names:
        return names.get(value) or value
    return value


def type_label(kind: str, lang: str) -> str:
    key = f"type_{kind}"
    return t(key, lang) if key in ui_strings() else kind


def event_title(kind: str, codes: Iterable[str], places: Iterable[tuple[str, str]], lang: str) -> str:
    """``Meeting — Armenia, Azerbaijan — Almaty`` / ``لقاء — أرمينيا، أذربيجان — ألماتي``: the type, the
    participants and the places, named in the interface language."""
    label = type_label(kind, lang)
    parts = [label[:1].upper() + label[1:]]
    names = [country_name(code, lang) for code in codes if code]
    if names:
        parts.append(join_list(names, lang))
    where = [(arabic or english) if lang == "ar" else (english or arabic) for english, arabic in places]
    where = [name for name in dict.fromkeys(where) if name]
    if where:
        parts.append(join_list(where, lang))
    return " — ".join(parts)


def format_day(day: date, lang: str) -> str:
    """``9 Nov 2020`` / ``9 نوفمبر 2020``."""
    return format_date(day, "d MMM y" if lang != "ar" else "d MMMM y", locale="ar" if lang == "ar" else "en")


def format_span(start: date | None, end: date | None, precision: str | None, lang: str) -> str:
    """A span as precise as its precision: a day, a day range, a month or a year."""
    locale = "ar" if lang == "ar" else "en"
    if start is None:
        return t("precision_none", lang)
    end = end or start
    if precision == "year":
        return str(start.year) if start.year == end.year else f"{start.year} – {end.year}"
    if precision == "month":
        first = format_date(start, "MMMM y", locale=locale)
        last = format_date(end, "MMMM y", locale=locale)
        return first if first == last else f"{first} – {last}"
    if start == end:
        return format_day(start, lang)
    return f"{format_day(start, lang)} – {format_day(end, lang)}"


def format_number(n: float, lang: str, digits: int = 0) -> str:
    """``1,234`` / ``1,234`` with the Arabic locale's grouping; ``digits`` after the point."""
    text = f"{n:,.{digits}f}"
    if lang != "ar":
        return text
    symbols = _locale("ar").number_symbols.get("latn", {})
    return text.replace(",", "\0").replace(".", symbols.get("decimal", ".")).replace("\0", symbols.get("group", ","))


@lru_cache(maxsize=2)
def plotly_locale(lang: str) -> dict[str, object]:
    """The ``config`` that makes plotly.js name months and days and format numbers in ``lang``
    (plotly.js takes a locale's dictionary inline under ``locales``; nothing is fetched)."""
    if lang != "ar":
        return {}
    locale = _locale("ar")
    months, days = locale.months["format"], locale.days["format"]
    symbols = locale.number_symbols.get("latn", {})
    week = [6, 0, 1, 2, 3, 4, 5]  # plotly starts the week on Sunday, babel on Monday
    return {
        "locale": "ar",
        "locales": {
            "ar": {
                "dictionary": {},
                "format": {
                    "days": [days["wide"][day] for day in week],
                    "shortDays": [days["abbreviated"][day] for day in week],
                    "months": [months["wide"][month] for month in range(1, 13)],
                    "shortMonths": [months["abbreviated"][month] for month in range(1, 13)],
                    "decimal": symbols.get("decimal", "."),
                    "thousands": symbols.get("group", ","),
                    "date": "%d/%m/%Y",
                },
            }
        },
    }
