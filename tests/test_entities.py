"""Entity mentions in sentences of the sample page and in tricky sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from components.extract.entities import find_entities, load_gazetteer
from components.extract.models import EntityMention

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "articles" / "000_0795dd7ba1cf26a9.txt"


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def _sentence(marker: str) -> str:
    """The line of the sample page that contains ``marker``."""
    return next(line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if marker in line)


def _countries(mentions: list[EntityMention]) -> set[str]:
    return {m.country.code for m in mentions if m.country}


def _actors(mentions: list[EntityMention]) -> dict[str, EntityMention]:
    return {m.actor.name_en: m for m in mentions if m.kind == "actor"}


def _places(mentions: list[EntityMention]) -> dict[str, EntityMention]:
    return {m.place.name_en: m for m in mentions if m.place}


def test_offsets_point_into_the_original_text(gazetteer) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    mentions = find_entities(text, gazetteer)
    assert len(mentions) > 50
    starts = [m.char_start for m in mentions]
    assert starts == sorted(starts)
    for mention in mentions:
        assert text[mention.char_start : mention.char_end] == mention.text


def test_galuzin_sentence(gazetteer) -> None:
    mentions = find_entities(_sentence("في كازاخستان"), gazetteer)
    actors = _actors(mentions)
    galuzin = actors["Mikhail Galuzin"].actor
    assert (galuzin.country, galuzin.role) == ("RU", "Deputy Foreign Minister")
    assert actors["Mikhail Galuzin"].country.code == "RU"
    assert actors["Ararat Mirzoyan"].country.code == "AM"
    assert actors["Jeyhun Bayramov"].country.code == "AZ"
    assert {"AM", "AZ", "RU", "KZ"} <= _countries(mentions)
    kazakhstan = _places(mentions)["Kazakhstan"]
    assert kazakhstan.kind == "country" and kazakhstan.place.kind == "country"
    assert kazakhstan.text == "كازاخستان"
    assert [m.text for m in mentions if m.kind == "organisation"] == ["تاس"]
    # not after a locative word: a country, not a place
    assert all(m.place is None for m in mentions if m.text in ("أرمينيا", "أذربيجان"))


def test_capital_metonyms(gazetteer) -> None:
    mentions = find_entities(_sentence("استضافت موسكو"), gazetteer)
    assert _countries(mentions) == {"RU", "AZ", "AM"}
    assert set(_places(mentions)) == {"Moscow"}
    moscow = _places(mentions)["Moscow"]
    assert moscow.country.code == "RU" and moscow.kind == "place"
    baku, yerevan = [m for m in mentions if m.text in ("باكو", "يريفان")]
    assert (baku.kind, baku.place, baku.country.code) == ("country", None, "AZ")
    assert (yerevan.kind, yerevan.place, yerevan.country.code) == ("country", None, "AM")
    assert yerevan.text == "يريفان"  # the conjunction و is not part of the mention


def test_capital_as_place_outside_coordination(gazetteer) -> None:
    mentions = find_entities(_sentence("نظمت احتجاجات في يريفان"), gazetteer)
    places = _places(mentions)
    assert places["Yerevan"].country.code == "AM"
    assert places["Tavush"].place.country == "AM"


def test_karabakh(gazetteer) -> None:
    for text in ("سحب فرقة حفظ السلام الروسية من كاراباخ", "في إقليم ناغورني قره باغ", "في قرة باغ"):
        karabakh = _places(find_entities(text, gazetteer))["Karabakh"]
        assert karabakh.place.country == "AZ" and karabakh.place.kind == "region"


def test_border_villages(gazetteer) -> None:
    mentions = find_entities(_sentence("باغانيس"), gazetteer)
    villages = {name: m.place.country for name, m in _places(mentions).items() if m.place.kind == "village"}
    assert villages == {
        "Baghanis": "AM",
        "Baganis Ayrim": "AZ",
        "Voskepar": "AM",
        "Ashaghi Askipara": "AZ",
        "Kirants": "AM",
        "Kheyrimli": "AZ",
        "Berkaber": "AM",
        "Gizilhajili": "AZ",
    }
    assert {"AM", "AZ"} == _countries(mentions)


def test_jeddah_article(gazetteer) -> None:
    text = "\n".join([_sentence("تشهد مدينة جدة"), _sentence("وأكد المتحدث باسم الكرملين"), _sentence("دونالد ترمب")])
    mentions = find_entities(text, gazetteer)
    places = _places(mentions)
    assert places["Jeddah"].place.country == "SA"
    assert places["Riyadh"].place.country == "SA" and places["Riyadh"].country.code == "SA"
    adjectives = {m.text: m.country.code for m in mentions if m.text in ("الأمريكي", "الأوكراني")}
    assert adjectives == {"الأمريكي": "US", "الأوكراني": "UA"}
    actors = _actors(mentions)
    assert {
        name: m.country.code
        for name, m in actors.items()
        if name in ("Dmitry Peskov", "Volodymyr Zelensky", "Donald Trump", "Steve Witkoff")
    } == {"Dmitry Peskov": "RU", "Volodymyr Zelensky": "UA", "Donald Trump": "US", "Steve Witkoff": "US"}
    assert actors["Mohammed bin Salman"].country.code == "SA"
    kremlin = next(m for m in mentions if m.kind == "organisation" and m.actor.name_en == "Kremlin")
    assert kremlin.country.code == "RU"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وروسيا", ("روسيا", "RU")),
        ("بروسيا", ("روسيا", "RU")),
        ("لروسيا", ("روسيا", "RU")),
        ("والأرمنية", ("الأرمنية", "AM")),
        ("للسعودية", ("لسعودية", "SA")),
        ("الأميركيين", ("الأميركيين", "US")),
        ("الأذربيجانيتين", ("الأذربيجانيتين", "AZ")),
        ("روسْيَا", ("روسْيَا", "RU")),
    ],
)
def test_clitics_and_endings(gazetteer, text: str, expected: tuple[str, str]) -> None:
    mentions = find_entities(f"قال {text} أمس", gazetteer)
    assert [(m.text, m.country.code) for m in mentions] == [expected]


def test_spelling_variants_of_people(gazetteer) -> None:
    for text, name in [
        ("بايراموف", "Jeyhun Bayramov"),
        ("ترامب", "Donald Trump"),
        ("غالوزين", "Mikhail Galuzin"),
        ("إردوغان", "Recep Tayyip Erdogan"),
        ("شارل ميشيل", "Charles Michel"),
        ("ووزير الخارجية لافروف", "Sergei Lavrov"),
    ]:
        actors = _actors(find_entities(text, gazetteer))
        assert list(actors) == [name], text


@pytest.mark.parametrize(
    "text",
    [
        "وأكد أن الدعم المالي كان كبيرًا لأول مرة، ودورًا بارزًا في أمن المدينة",
        "قال إن الجانب يرى تركيبة جديدة في باكورة أعماله",
        "وصلت الأخبار عن الحرية والسلام إلى الناس",
        "التقى ميشيل عون بالوفد في عمان",
        "لفيف من الخبراء يعمل بأنه مستعد لأول مرة",
    ],
)
def test_no_false_hits(gazetteer, text: str) -> None:
    assert find_entities(text, gazetteer) == []


def test_documented_choices(gazetteer) -> None:
    assert _countries(find_entities("زار سلطنة عمان", gazetteer)) == {"OM"}
    assert _countries(find_entities("سافر إلى جورجيا", gazetteer)) == {"GE"}
    media = find_entities("نقلت وكالة رويترز", gazetteer)[0]
    assert media.kind == "organisation" and media.country is None and media.actor.country == "GB"
