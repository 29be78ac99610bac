"""Trigger and clause-word lexicons: they load, validate, and match words in their written forms."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from components.extract.dates.lexicon import date_lexicon
from components.extract.entities import find_entities
from components.extract.gazetteer import load_gazetteer
from components.extract.models import Article
from components.extract.pipeline import extract_article, load_resources
from components.extract.triggers import (
    TriggerRow,
    check_trigger_rows,
    find_clause_words,
    find_triggers,
    load_clause_words,
    load_triggers,
)
from components.text.arabic import fold, fold_key
from components.text.lexicon import LexiconError, load_rows, load_tsv, one_of


def triggers_in(text: str) -> list[tuple[str, str, float]]:
    return [(t.event_type, t.text, round(t.weight, 2)) for t in find_triggers(text, fold(text), load_triggers())]


def test_lexicons_load() -> None:
    assert load_triggers().by_surface and load_clause_words().by_surface


@pytest.mark.parametrize(
    "text, expected",
    [
        ("والاجتماع", ("meeting", "والاجتماع", 0.9)),  # conjunction and article
        ("اجتماعهما", ("meeting", "اجتماعهما", 0.9)),  # pronoun ending on a stem entry
        ("لقائه", ("meeting", "لقائه", 0.9)),  # the hamza changes its seat before an ending
        ("بالمحادثات", ("meeting", "بالمحادثات", 0.9)),
        ("للتوصل", ("agreement", "للتوصل", 0.2)),  # ل + verbal noun (التوصل, 0.6): a purpose, weight lowered
        ("الاحتجاجات", ("protest", "الاحتجاجات", 1.0)),  # the article ال is not the preposition ل
        ("العمليةُ العسكرية", ("military", "العمليةُ العسكرية", 0.9)),  # phrase, adjective with ال, diacritics
        # the feminine ending ة is written ت before an ending (زيارة → زيارته) and ات in the plural
        ("خلال زيارته", ("meeting", "زيارته", 0.8)),
        ("في قمتهما الأخيرة", ("meeting", "قمتهما", 0.9)),
        ("عقدت جولتين", ("meeting", "جولتين", 0.7)),
        ("بنود اتفاقيتها", ("agreement", "اتفاقيتها", 0.5)),
        # a form the lexicon writes itself wins over one derived from another row (ال + توقيع)
        ("التوقيع", ("agreement", "التوقيع", 0.6)),
    ],
)
def test_written_forms_match(text: str, expected: tuple[str, str, float]) -> None:
    assert triggers_in(text) == [expected]


@pytest.mark.parametrize("text", ["الاجتماعي", "وزارة", "ألف توقيع", "الموقعون", "جمع التوقيعات"])
def test_look_alikes_do_not_match(text: str) -> None:
    assert triggers_in(text) == []


def test_clause_words_have_roles() -> None:
    text = "بعد الاجتماع، وفق ما أعلنته البلاد حتى نهاية العام، واتفق البلدان"
    roles = [word.role for word in find_clause_words(fold(text), load_clause_words())]
    assert roles == ["connector", "gathering", "attribution", "deadline", "pair"]


def test_a_malformed_lexicon_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bad.tsv").write_text(
        "# source: test\n# licence: CC0-1.0\ntype\tform\nmeating\tلقاء\n", encoding="utf-8"
    )
    with pytest.raises(LexiconError, match="bad.tsv:4"):
        load_tsv("bad.tsv", {"type": one_of("meeting"), "form": None}, directory=tmp_path)
    (tmp_path / "nolicence.tsv").write_text("# source: test\ntype\tform\nmeeting\tلقاء\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="licence"):
        load_tsv("nolicence.tsv", {"type": None, "form": None}, directory=tmp_path)


def test_a_form_written_twice_is_rejected() -> None:
    rows = [
        TriggerRow("meeting", 0.9, ("اجتماع", "لقاء"), "stem"),
        TriggerRow("statement", 0.6, ("لقاء",), "exact"),
    ]
    with pytest.raises(LexiconError, match="لقاء"):
        check_trigger_rows(rows)
    with pytest.raises(LexiconError, match="تبني"):  # one spelling folded onto another in a row
        check_trigger_rows([TriggerRow("other", 0.6, ("تبنى", "تبني"), "exact")])


def test_the_trigger_lexicon_has_no_repeated_form() -> None:
    check_trigger_rows(load_rows("triggers.tsv", TriggerRow))


def test_no_trigger_form_names_one_happening() -> None:
    """A trigger is a word for a kind of event; a form with a name (a state, place or person) or a
    number in it ("ضم القرم", "تسليم أربع قرى") names one happening and belongs to no lexicon."""
    gazetteer = load_gazetteer()
    numbers = set(date_lexicon().words["number_word"])
    named = []
    for row in load_rows("triggers.tsv", TriggerRow):
        for form in row.form:
            words = fold_key(form).split()
            if find_entities(form, gazetteer) or any(w in numbers or any(c.isdigit() for c in w) for w in words):
                named.append(form)
    assert named == []


@pytest.mark.parametrize(
    "text, expected_type",
    [
        # halting talks is something said or decided, not a meeting
        ("أعلنت الحكومة أمس تعليق مسار مفاوضات الانضمام إلى الاتحاد.", "statement"),
        ("وقررت الوزارة اليوم تجميد المحادثات مع الجانب الآخر.", "statement"),
        # expressing support, renewing a commitment
        ("وأبدى القادة أمس تأييدهم لخطة السلام.", "statement"),
        ("وجدد الوزير اليوم تأكيد دعم بلاده للحل السلمي.", "statement"),
    ],
)
def test_words_of_stance_and_halting_talks_are_statements(text: str, expected_type: str) -> None:
    events = extract_article(Article(id="t", text=text, published=date(2025, 5, 19)), load_resources())
    assert [event.type for event in events] == [expected_type]


@pytest.mark.parametrize(
    "text",
    [
        "تاريخ النشر: 01/12/2024 - 10:35 ص",  # a publication stamp, not a deployment (نشر)
        "نشر في: 02/10/2025 - 14:10",
    ],
)
def test_a_publication_stamp_is_no_event(text: str) -> None:
    assert extract_article(Article(id="t", text=text, published=date(2024, 12, 1)), load_resources()) == []


def test_an_agency_report_is_not_a_meeting() -> None:
    text = "ونقلت وكالة الأنباء الرسمية أمس عن مصدر دبلوماسي أن المحادثات ستستأنف قريبا."
    events = extract_article(Article(id="t", text=text, published=date(2025, 5, 19)), load_resources())
    assert [event.type for event in events] != ["meeting"]


@pytest.mark.parametrize(
    "text, expected_type",
    [
        # what was welcomed or condemned is the object of the statement
        ("ورحبت الحكومة الكويتية أمس باتفاق السلام بين البلدين.", "statement"),
        ("ونددت الخارجية أمس بالهجوم على القافلة.", "statement"),
        # ب after a verb that is no word of stance keeps its noun
        ("وقام الوزير أمس بزيارة رسمية إلى العاصمة.", "meeting"),
    ],
)
def test_a_noun_after_a_word_of_stance_is_its_object(text: str, expected_type: str) -> None:
    events = extract_article(Article(id="t", text=text, published=date(2025, 5, 19)), load_resources())
    assert [event.type for event in events] == [expected_type]


@pytest.mark.parametrize(
    "text, expected_type",
    [
        # نشر alone is publishing; deploying is نشر with its troops ("نشر قوات")
        ("ونشرت وزارة الدفاع أمس مقطع فيديو للعملية.", "statement"),
        ("ونشرت الخارجية اليوم نص الوثيقة كاملا.", "statement"),
        ("وتم أمس نشر قوات إضافية على الحدود.", "military"),
        ("ونشر الجيش أمس قوات إضافية على الحدود.", "military"),  # the subject between verb and troops
        ("ونشرت روسيا قواتها في الإقليم عام 2020.", "military"),
        # سحب withdraws troops only when they follow it; a bill or a candidacy is something else
        ("وسحبت موسكو أمس وحداتها من المطار.", "military"),
        ("وكان الحزب قد سحب مشروعا مماثلا في مارس 2023.", "other"),
    ],
)
def test_publishing_and_deploying(text: str, expected_type: str) -> None:
    events = extract_article(Article(id="t", text=text, published=date(2025, 5, 19)), load_resources())
    assert [event.type for event in events] == [expected_type]


@pytest.mark.parametrize(
    "text, expected_type",
    [
        # receiving control of territory hands it over (a border step), even with the subject in between
        ("تسلمت القوات المحلية أمس الأحد السيطرة على ثلاث بلدات على الضفة الشرقية للنهر.", "border"),
        # border guards are a force: what they do is military, not a border step
        ("أنهى عناصر حرس الحدود الروس، أمس الأحد، خدمتهم في المطار الدولي.", "military"),
    ],
)
def test_handing_over_control_and_border_guards(text: str, expected_type: str) -> None:
    events = extract_article(Article(id="t", text=text, published=date(2025, 5, 19)), load_resources())
    assert [event.type for event in events] == [expected_type]


@pytest.mark.parametrize(
    "text, expected_type",
    [
        ("وكانت الهيئة قد انتخبته رئيسا للبلاد في أيار 2021.", "other"),  # a verb with its object pronoun
        ("وتقدمت الحكومة بطلب العضوية في المنظمة في 5 حزيران 2019.", "other"),  # applying to join
        ("وتعمل البعثة في المدينة منذ حصول الجمهورية على استقلالها عام 1991.", "other"),
        ("واستعادت القوات الحكومية المدينة في أيلول 2023، فيما غادرها آلاف السكان.", "military"),
        # sending troops deploys them; sending a letter is a statement
        ("وأرسلت المنظمة قوات إلى الجمهورية في كانون الثاني 2022.", "military"),
        ("وأرسلت الوزيرة رسالة أمس إلى نظيرها.", "statement"),
    ],
)
def test_elections_membership_independence_recapture_and_sending(text: str, expected_type: str) -> None:
    events = extract_article(Article(id="t", text=text, published=date(2025, 5, 19)), load_resources())
    assert [event.type for event in events] == [expected_type]


@pytest.mark.parametrize(
    "text, expected_type",
    [
        # signing a decree or a law enacts it (other), even with the date between verb and decree
        ("ووقع الرئيس في 3 آذار 2024 مرسوما بحل البرلمان.", "other"),
        ("ووقع الرئيس على القانون أمس الأحد.", "other"),
        # an agreement signed before a law is named: the agreement is what was signed
        ("ووقع الوزيران أمس اتفاقا للتعاون وفق القانون الدولي.", "agreement"),
    ],
)
def test_signing_a_decree_is_not_an_agreement(text: str, expected_type: str) -> None:
    events = extract_article(Article(id="t", text=text, published=date(2025, 5, 19)), load_resources())
    assert [event.type for event in events] == [expected_type]


@pytest.mark.parametrize(
    "text, expected_types",
    [
        ("وتنتشر على الحدود منذ شباط 2023 بعثة مراقبة مدنية.", ["military"]),  # the present tense
        ("وبدأت عمليات التسليم في 11 حزيران بإعادة 1212 جثمانا.", ["military"]),  # the accusative
        ("وتعيش البلاد على وقع أزمة سياسية منذ 3 آذار 2024.", []),  # "على وقع" is "amid", nothing signed
        # receiving power or an office takes office, also with the subject in between
        ("قبل أيام من تسلم الرئيس الجديد السلطة اليوم الاثنين.", ["other"]),
        ("وتتسلم الدولة رئاسة المنظمة في عام 2026.", ["other"]),
        ("وهو الاتصال الأول منذ تولي الرئيس الأمريكي منصبه في 20 كانون الثاني الماضي.", ["other"]),
        # a withdrawal from an initiative or an agreement is a political step, not troops moving
        ("ويأتي ذلك بعد انسحاب روسيا من مبادرة الحبوب في 17 تموز الماضي.", ["statement"]),
        # the elections that took place on the date, not the protests since them
        ("وتشهد البلاد احتجاجات متواصلة منذ الانتخابات التي جرت في 26 تشرين الأول الماضي.", ["other"]),
    ],
)
def test_forms_idioms_offices_and_withdrawals(text: str, expected_types: list[str]) -> None:
    events = extract_article(Article(id="t", text=text, published=date(2025, 5, 19)), load_resources())
    assert [event.type for event in events] == expected_types


@pytest.mark.parametrize(
    "text, expected_type",
    [
        ("ودخل الاتفاق حيز التنفيذ مطلع آب 2022.", "other"),  # entering into force
        ("وكانت المحكمة قد أصدرت الحكم الابتدائي في 6 آب الماضي.", "other"),  # a ruling, with the article
        ("وأكدت الرئيسة أنها لن تغادر القصر بعد انتهاء ولايتها في 16 كانون الأول.", "other"),  # the end of a term
        # launching fire is shooting; launching an initiative is something else
        ("وتعود الحادثة إلى 25 تشرين الثاني 2018، حين أطلقت زوارق خفر السواحل النار على السفن الثلاث.", "military"),
        ("وأطلقت الحكومة في 3 آذار مبادرة للحوار الوطني.", "other"),
        ("فيما كتب الرئيس مساء الأحد أن الحرب يمكن أن تنتهي فورا.", "statement"),  # a written post
        # the police dispersing a crowd is a protest; a candidate status granted is a step of accession
        ("وتجمع الآلاف أمام البرلمان ليلة الثلاثاء، حيث استخدمت الشرطة الغاز المسيل للدموع وأوقفت العشرات.", "protest"),
        ("وكانت البلاد قد حصلت على صفة الدولة المرشحة في كانون الأول 2023 لكن بروكسل جمدت العملية لاحقا.", "other"),
        # a speech with its pronoun or "متلفزة" is a statement, whatever it calls for
        (
            "دعا رئيس الوزراء، في كلمة متلفزة وجهها إلى مواطنيه مساء أمس، إلى اعتماد دستور جديد عبر استفتاء.",
            "statement",
        ),
        # a respite given is an ultimatum, also with the date and the addressee between verb and respite
        ("وكان الرئيس قد أمهل الحكومة في 14 تموز خمسين يوما.", "statement"),
        ("ومنح الرئيس الأمريكي في 14 تموز موسكو مهلة خمسين يوما للتوصل إلى اتفاق.", "statement"),
        # a trilateral statement or declaration is a text the states agreed
        ("وتستند المحادثات إلى البيان الثلاثي الصادر في 10 تشرين الثاني 2020.", "agreement"),
        # what is exchanged decides: views are talks, accusations a statement, prisoners stay military
        ("وتبادل الوزيران أمس وجهات النظر حول الأزمة.", "meeting"),
        ("وتبادل الطرفان أمس الاتهامات بخرق الهدنة.", "statement"),
        ("وتبادل الطرفان أمس 200 أسير.", "military"),
    ],
)
def test_force_ultimatums_joint_texts_exchanges_and_firing(text: str, expected_type: str) -> None:
    events = extract_article(Article(id="t", text=text, published=date(2025, 5, 19)), load_resources())
    assert [event.type for event in events] == [expected_type]


def test_exchanging_information_is_no_exchange() -> None:
    """Sharing information is not an exchange of prisoners: what the sentence holds is the resumption."""
    text = "وقبل أن تستأنف الإدارة في 28 شباط المساعدات وتبادل المعلومات الاستخباراتية."
    events = extract_article(Article(id="t", text=text, published=date(2025, 5, 19)), load_resources())
    assert [(event.type, event.trigger) for event in events] == [("other", "تستأنف")]
