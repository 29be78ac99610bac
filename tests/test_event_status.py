"""What an event is besides its date: planned or reported, news or background, where it happened,
and one event per happening. Each article is written for the rule it checks (docs/extraction.md)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from components.extract.models import Article
from components.extract.pipeline import extract_article, extract_page, load_resources
from components.extract.reading import RawPage, content_hash

PUBLISHED = date(2025, 9, 2)  # a Tuesday


def events_of(text: str, published: date | None = PUBLISHED, **fields: object) -> list[dict]:
    article = replace(Article(id="test", text=text, published=published), **fields)
    return [vars(event) for event in extract_article(article, load_resources())]


def by_date_text(events: list[dict]) -> dict[str, dict]:
    return {event["date_text"]: event for event in events}


def test_status_planned_for_what_is_announced_reported_for_what_took_place() -> None:
    events = by_date_text(
        events_of(
            "التقى وزير الخارجية الأرميني نظيره الأذربيجاني أمس في العاصمة الكازاخستانية.\n"
            "ومن المقرر أن يعقد الوزيران جولة جديدة من المحادثات في 20 سبتمبر.\n"
            "وتجري الانتخابات البرلمانية في جورجيا أواخر الشهر الجاري."
        )
    )
    assert events["أمس"]["status"] == "reported"
    assert events["20 سبتمبر"]["status"] == "planned"
    assert events["أواخر الشهر الجاري"]["status"] == "planned"  # said before the month's end


def test_a_date_after_publication_is_planned_even_without_a_word_of_the_future() -> None:
    (event,) = events_of("وتستضيف باكو قمة إقليمية يوم 8 سبتمبر.")
    assert event["status"] == "planned" and event["role"] == "news"


def test_role_background_for_happenings_recalled_from_long_ago() -> None:
    events = by_date_text(
        events_of(
            "وقع رئيس الوزراء الأرميني اتفاقا مع الرئيس الأذربيجاني اليوم الثلاثاء.\n"
            "وكان البلدان قد خاضا حربا في خريف عام 2020.\n"
            "وأجرى الوزيران محادثات في 20 أغسطس الماضي."
        )
    )
    assert events["اليوم الثلاثاء"]["role"] == "news"
    assert events["خريف عام 2020"]["role"] == "background"
    assert events["20 أغسطس الماضي"]["role"] == "news"  # thirteen days before: still the news


def test_without_a_publication_date_the_latest_reported_day_is_the_reference() -> None:
    events = by_date_text(
        events_of(
            "وقع الطرفان على البروتوكول في 19 أبريل 2024.\nوكانت الحرب قد اندلعت في 27 سبتمبر 2020.",
            published=None,
        )
    )
    assert events["19 أبريل 2024"]["role"] == "news"
    assert events["27 سبتمبر 2020"]["role"] == "background"


def test_the_country_of_the_venue_is_where_not_who() -> None:
    (event,) = events_of("واجتمع وزيرا خارجية أرمينيا وأذربيجان في جنيف أمس.")
    assert event["countries"] == ["AM", "AZ"]
    assert event["location_country"] == "CH"


def test_the_host_of_a_visit_is_a_party() -> None:
    (event,) = events_of("وصل الرئيس الروسي إلى بيونغ يانغ أمس في زيارة رسمية.")
    assert set(event["countries"]) >= {"RU", "KP"} and event["location_country"] == "KP"


def test_a_vaguer_repeat_of_a_happening_is_merged_into_the_precise_one() -> None:
    text = (
        "ووقع وزيرا خارجية أرمينيا وأذربيجان اتفاق السلام في 13 مارس الماضي في جنيف.\n"
        "ووقع البلدان الاتفاق في مارس الماضي بعد مفاوضات طويلة."
    )
    (event,) = events_of(text)
    assert (event["date_start"], event["precision"], event["type"]) == ("2025-03-13", "day", "agreement")
    assert [item["text"][:10] for item in event["evidence"]] == ["ووقع وزيرا", "ووقع البلد"]


def test_a_heading_and_its_body_sentence_are_one_event() -> None:
    heading = "أرمينيا وأذربيجان توقعان اتفاقا في مارس الماضي"
    text = heading + "\nووقع البلدان في 13 مارس الماضي اتفاقا على نص معاهدة السلام."
    events = events_of(text, heading_ranges=((0, len(heading)),))
    assert len(events) == 1 and events[0]["date_start"] == "2025-03-13"
    assert len(events[0]["evidence"]) == 2


def test_a_caption_gives_no_event_of_its_own() -> None:
    caption = "الرئيس الأذربيجاني يستقبل الوزير الروسي في باكو أمس الاثنين"
    text = "التقى وزير الخارجية الروسي الرئيس الأذربيجاني في باكو أمس الاثنين.\n" + caption
    start = text.index(caption)
    events = events_of(text, caption_ranges=((start, start + len(caption)),))
    assert len(events) == 1 and events[0]["char_start"] == 0
    assert len(events_of(caption, caption_ranges=((0, len(caption)),))) == 0


def test_two_happenings_of_the_same_day_stay_two_events() -> None:
    events = events_of(
        "والتقى الرئيس الأذربيجاني رئيس الوزراء الأرميني أمس في تيانجين.\n"
        "كما التقى الرئيس التركي نظيره الإيراني في تيانجين أمس."
    )
    assert len(events) == 2


def test_impossible_dates_are_warnings_on_the_article() -> None:
    text = "ووقع الطرفان الاتفاق في 31 فبراير 2024 حسب البيان."
    page = RawPage("bad.txt", text, False, "utf-8", content_hash(text))
    result = extract_page(page, published=PUBLISHED, resources=load_resources())
    assert result.events == []
    assert any("31 فبراير 2024" in warning for warning in result.articles[0].warnings)


def test_an_absolute_date_inside_quoted_speech_is_a_date_like_any_other() -> None:
    (event,) = events_of('وقال الرئيس الأرميني: "في التاسع من تشرين الثاني وقّعنا الاتفاق مع أذربيجان".')
    assert (event["date_start"], event["type"]) == ("2024-11-09", "agreement")


def test_yesterday_inside_quoted_speech_counts_from_the_day_of_the_speech() -> None:
    events = by_date_text(events_of('وقال وزير الخارجية الأرميني في 28 آب: "التقيت أمس نظيري الأذربيجاني في موسكو".'))
    assert (events["أمس"]["date_start"], events["أمس"]["type"]) == ("2025-08-27", "meeting")


def test_yesterday_inside_quoted_speech_without_a_date_of_speaking_gives_no_event() -> None:
    assert events_of('وقال وزير الخارجية الأرميني: "التقيت أمس نظيري الأذربيجاني في موسكو".') == []


def test_an_official_named_by_title_and_state_is_an_actor() -> None:
    (event,) = events_of("وأكد وزير الخارجية الأرميني أمس أن بلاده ملتزمة بالسلام.")
    (actor,) = event["actors"]
    assert (actor["name_en"], actor["name_ar"], actor["country"]) == (
        "Foreign Minister of Armenia",
        "وزير الخارجية الأرميني",
        "AM",
    )


def test_a_title_in_construct_with_the_state_is_an_actor() -> None:
    (event,) = events_of("واستقبل رئيس وزراء جورجيا أمس وفدا برلمانيا.")
    assert [a["name_en"] for a in event["actors"]] == ["Prime Minister of Georgia"]


def test_a_name_after_a_title_is_kept_even_when_unknown() -> None:
    (event,) = events_of("وأعلن السفير الفرنسي فرانك ميشيل أمس عن زيارة مرتقبة.")
    (actor,) = event["actors"]
    assert (actor["name_ar"], actor["country"], actor["role"]) == ("فرانك ميشيل", "FR", "Ambassador")


def test_a_person_the_gazetteer_knows_keeps_the_gazetteer_name() -> None:
    (event,) = events_of("وقال وزير الخارجية الأذربيجاني جيهون بيراموف أمس إن الحوار مستمر.")
    assert [a["name_en"] for a in event["actors"]] == ["Jeyhun Bayramov"]


def test_a_news_agency_quoted_as_the_source_is_not_an_actor() -> None:
    (event,) = events_of("ونقلت وكالة كونا أمس عن وزير الدفاع الروسي قوله إن القوات انسحبت.")
    assert [a["name_en"] for a in event["actors"]] == ["Defence Minister of Russia"]


def test_a_vote_and_a_gathering_announced_in_the_present_tense_are_planned() -> None:
    events = by_date_text(
        events_of(
            "ومن المقرر أن ينتخب البرلمان رئيسا جديدا في الـ20 من الشهر الجاري.\n"
            "ومن المنتظر أن يتجمع المحتجون في الساحة يوم غد الأربعاء."
        )
    )
    assert (events["الـ20 من الشهر الجاري"]["type"], events["الـ20 من الشهر الجاري"]["status"]) == ("other", "planned")
    assert (events["يوم غد الأربعاء"]["type"], events["يوم غد الأربعاء"]["status"]) == ("protest", "planned")


def test_a_news_event_without_a_place_happened_at_the_dateline() -> None:
    text = "وقال رئيس الوزراء الأرميني أمس إن الحكومة ستواصل الحوار.\nوكانت الحرب قد اندلعت عام 2020."
    events = by_date_text(events_of(text, dateline="يريفان - وكالات"))
    assert [p["name_en"] for p in events["أمس"]["places"]] == ["Yerevan"]
    assert events["أمس"]["location_country"] == "AM"
    assert events["عام 2020"]["places"] == []  # background: not where the report was filed


def test_a_speech_going_on_in_the_next_sentence_is_one_statement() -> None:
    text = (
        "قال رئيس الوزراء الأرميني اليوم الثلاثاء أمام البرلمان إن بلاده جمدت مشاركتها في المنظمة.\n"
        "وأضاف اليوم أمام النواب أن القرار نهائي."
    )
    (event,) = events_of(text)
    assert event["type"] == "statement" and len(event["evidence"]) == 2


def test_a_new_speaker_on_the_same_day_is_another_statement() -> None:
    text = (
        "قال رئيس الوزراء الأرميني اليوم الثلاثاء إن بلاده جمدت مشاركتها في المنظمة.\n"
        "وأوضح وزير الخارجية الروسي اليوم أن موسكو تأسف للقرار."
    )
    assert len(events_of(text)) == 2
