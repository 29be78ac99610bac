"""Interface strings in English and Arabic, country names and dates per language."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel.dates import format_date

from components.extract import countries
from components.extract.models import EVENT_TYPES
from components.text.lexicon import load_tsv

LANGUAGES = ("en", "ar")


@lru_cache(maxsize=1)
def ui_strings() -> dict[str, dict[str, str]]:
    """``{key: {"en": …, "ar": …}}`` from ``data/lexicon/ui_strings.tsv``."""
    rows = load_tsv("ui_strings.tsv", {"key": None, "en": None, "ar": None})
    return {str(row["key"]): {"en": str(row["en"]), "ar": str(row["ar"])} for row in rows}


def t(key: str, lang: str, **values: object) -> str:
    """The interface string ``key`` in ``lang``, with ``{slots}`` filled."""
    text = ui_strings()[key]["ar" if lang == "ar" else "en"]
    return text.format(**values) if values else text


def plural(key: str, n: int, lang: str) -> str:
    """``key_one``/``key_other`` by count (Arabic strings avoid number agreement)."""
    return t(f"{key}_one" if n == 1 else f"{key}_other", lang, n=n)


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


def value_of_label(facet: str, label: str) -> str:
    """The value a filter option's label names, in either language: a country's ISO code, an
    event type; actors and sources are their own labels."""
    if facet == "countries":
        for lang in ("en", "ar"):
            for code in countries.iso_codes():
                if countries.country_name(code, lang) == label:
                    return code
    if facet == "types":
        for lang in ("en", "ar"):
            for kind in EVENT_TYPES:
                if type_label(kind, lang) == label:
                    return kind
    return label


def value_label(facet: str, value: str, lang: str) -> str:
    """How a filter option is named in ``lang``: a country's ISO code by the country's name, an
    event type by its label; the values of other facets (actors, sources) are their own names."""
    if facet == "countries":
        return country_name(value, lang)
    if facet == "types":
        return type_label(value, lang)
    return value


def type_label(kind: str, lang: str) -> str:
    key = f"type_{kind}"
    return t(key, lang) if key in ui_strings() else kind


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
