"""Countries: names from Babel/CLDR, ISO codes from pycountry, curated spellings from ``countries.tsv``."""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from types import MappingProxyType

from components.extract.models import Country, Place
from components.text import cache as cache_store
from components.text.lexicon import (
    LexiconError,
    column,
    float_between,
    iso_country,
    load_rows,
    one_of,
    variants,
)

COUNTRY_KINDS = ("name", "adjective", "people", "centroid", "small_cities")
_PARENTHESES = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class CountrySpelling:
    code: str
    kind: str  # name, adjective or people
    spelling: str


@dataclass(frozen=True)
class CountryRow:
    """A row of ``countries.tsv``: spellings (name, adjective, people), a point (centroid) or neither (small_cities)."""

    code: str = column(iso_country)
    kind: str = column(one_of(*COUNTRY_KINDS))
    spellings: tuple[str, ...] | None = column(variants, optional=True)
    lat: float | None = column(float_between(-90, 90), optional=True)
    lon: float | None = column(float_between(-180, 180), optional=True)


def _babel_territories(lang: str) -> dict[str, str]:
    from babel import Locale  # imported here: a process that finds the names in the cache never needs it

    return dict(Locale.parse(lang).territories)


def _stored_territories(value: object) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(name, str) for name in value.values()):
        raise TypeError("not stored territory names")
    return value


@cache
def _territories(lang: str) -> Mapping[str, str]:
    """CLDR territory names in ``lang``, from the cache on disk when up to date (loading Babel's locale
    data costs a noticeable part of a process's first article)."""
    key = cache_store.fingerprint([], [sys.modules[__name__], cache_store], ["babel"])
    names = cache_store.cached(f"territories_{lang}", key, lambda: _babel_territories(lang), dict, _stored_territories)
    return MappingProxyType(names)


@cache
def iso_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes that pycountry knows and Babel names (pycountry is imported here: a
    process that reads the gazetteer from the cache never needs it)."""
    import pycountry

    names = _territories("en")
    return frozenset(country.alpha_2 for country in pycountry.countries if country.alpha_2 in names)


def country_name(code: str, lang: str = "en") -> str:
    """The CLDR name of a country: ``country_name("AM")`` is "Armenia", with ``lang="ar"`` "أرمينيا"."""
    name = _territories(lang).get(code)
    if name is None:
        raise KeyError(f"unknown country code {code!r}")
    return _PARENTHESES.sub("", name).strip()


@cache
def country(code: str) -> Country:
    """The :class:`Country` for an ISO code (English CLDR name)."""
    return Country(code=code, name_en=country_name(code, "en"))


def babel_names(lang: str = "ar") -> dict[str, str]:
    """Country name per ISO code from Babel, parenthesised qualifiers removed."""
    return {code: country_name(code, lang) for code in sorted(iso_codes())}


@lru_cache(maxsize=1)
def _rows() -> tuple[CountryRow, ...]:
    rows = load_rows("countries.tsv", CountryRow)
    for row in rows:
        has_point = row.lat is not None and row.lon is not None
        has_any = row.spellings is not None or row.lat is not None or row.lon is not None
        if row.kind == "centroid" and (not has_point or row.spellings is not None):
            raise LexiconError(f"countries.tsv: centroid of {row.code} needs lat and lon only")
        if row.kind == "small_cities" and has_any:
            raise LexiconError(f"countries.tsv: small_cities row of {row.code} takes no other value")
        if row.kind in ("name", "adjective", "people") and (
            row.spellings is None or row.lat is not None or row.lon is not None
        ):
            raise LexiconError(f"countries.tsv: {row.kind} row of {row.code} needs spellings only")
    return tuple(rows)


def curated_spellings() -> tuple[CountrySpelling, ...]:
    """Names, adjectives and plural forms added by ``countries.tsv``."""
    return tuple(
        CountrySpelling(row.code, row.kind, spelling)
        for row in _rows()
        if row.kind in ("name", "adjective", "people")
        for spelling in row.spellings or ()
    )


@lru_cache(maxsize=1)
def centroids() -> Mapping[str, tuple[float, float]]:
    """Curated representative points (lat, lon) of the countries of the region and usual hosts."""
    points: dict[str, tuple[float, float]] = {}
    for row in _rows():
        if row.kind == "centroid" and row.lat is not None and row.lon is not None:
            if row.code in points:
                raise LexiconError(f"countries.tsv: two centroids for {row.code}")
            points[row.code] = (row.lat, row.lon)
    return MappingProxyType(points)


@lru_cache(maxsize=1)
def countries_with_small_cities() -> frozenset[str]:
    """Countries whose GeoNames towns from 15,000 people are named (the Armenia–Azerbaijan–Georgia region)."""
    return frozenset(row.code for row in _rows() if row.kind == "small_cities")


def country_place(code: str, capital: Place | None = None) -> Place | None:
    """A point standing for the country on a map: curated centroid, else its capital's position."""
    point = centroids().get(code)
    if point is None and capital is not None:
        point = (capital.lat, capital.lon)
    if point is None:
        return None
    return Place(
        name_en=country_name(code, "en"),
        name_ar=country_name(code, "ar"),
        country=code,
        lat=point[0],
        lon=point[1],
        kind="country",
    )


def place_country(place: Place) -> Country | None:
    """The country a place lies in, if known."""
    return country(place.country) if place.country else None
