"""Step 5 of the pipeline: dated sentences with a trigger word become events.

How a sentence with several dates is shared out: the sentence is cut into clauses (at ، , ؛ ; :),
dates in one clause form a group, and each group gets a *segment* of consecutive clauses. A group's
segment starts at its own clause, or earlier when its clause has no trigger word (the trigger of a
date often comes before it: "وفي 19 أبريل، أصدرت اللجنتان …" is the other way round and is covered
because the first segment always starts at the beginning of the sentence). Two dates of one clause that are
not written side by side ("عام 2020 بموجب البيان الذي وقعه … في 9 نوفمبر") are split apart
right after the first date.

A group whose segment has no trigger word continues the list of the group before it
("عقدت أولاها في 28 فبراير، والثانية في 3 مارس") and takes its trigger.

The type is the trigger with the best score: its weight, minus a small penalty per character and
per clause of distance from the date, minus a larger one when a connector such as "بعد"/"عقب"
stands between trigger and date (the trigger then names another, earlier or later, event).
Statements report on the whole sentence, so their countries come from all of it; everything else
(actors, places, and the countries of other types) comes from the segment. A segment that names
refers to two parties ("البلدين", "الزعيمين"), or a meeting, agreement or border step that
names fewer than two states, takes the two states the article named most often before it; one that names no
state and no place takes the state the article named most often ("البلاد", "البرلمان"). A word of
saying that only cites a source ("وفق ما أعلنته الوزارة") loses weight. A date that is a time
limit ("حتى نهاية عام 2028", "بحلول مايو", "قبل نهاية أغسطس") or the subject of a clause ("بأن العام الماضي لم
يكن سهلا") is not the date of an event, nor is a date that recurs ("من كل عام"), a relative date inside quoted
speech, or a time counted from by an ordinal ("وهي السابعة منذ مطلع العام الجاري").
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from components.extract.countries import country_name
from components.extract.located import Located, unique
from components.extract.models import (
    Article,
    DateSpan,
    EntityMention,
    Event,
    Place,
    Sentence,
    TriggerMatch,
    stable_id,
)
from components.extract.parties import (
    Parties,
    StateTally,
    actor_dict,
    located_places,
    place_dict,
    place_record,
    segment_parties,
)
from components.extract.records import MentionRecord
from components.extract.repeats import drop_span_ends, merge_repeats, merge_same_day_reports
from components.extract.segments import Segment, clause_groups, clause_of, segment_sentence
from components.extract.speech import (
    announced_about,
    discount_attributions,
    names_what_was_said,
    quoted_ranges,
    reported_speech_starts,
    reported_types,
    same_day_phrases,
    spoken_dates,
)
from components.extract.status import event_role, event_status, reference_date
from components.extract.triggers import CONNECTOR_ROLES, ClauseWord, clause_word_forms, retype_by_object

__all__ = ["actor_dict", "build_events", "place_dict", "title_of"]

MAX_MENTIONS = 40  # highlighted stretches kept per event (the date and trigger first)
TYPE_LABELS = {
    "meeting": "Meeting",
    "agreement": "Agreement",
    "statement": "Statement",
    "military": "Military",
    "border": "Border",
    "protest": "Protest",
    "other": "Other",
}
CHARACTER_PENALTY = 0.002  # score lost per character between a trigger and its date
CLAUSE_PENALTY = 0.2  # score lost per clause boundary between a trigger and its date
FIRST_REACH = 60  # characters between "أول" and a duration "منذ 11 عاما" it reaches
CONNECTOR_PENALTY = 0.45  # a connector between trigger and date: the trigger names another event
REPORTED_PENALTY = 0.5  # a word inside reported speech, when the date belongs to the speaking
SAID_PENALTY = 0.5  # a noun naming what a word of saying before the date says, calls for or announces
RELATIVE_PENALTY = 0.3  # a trigger after the date in a relative clause ("زيارته في 15 مارس، التي توجت بالتوقيع")
CONTENT_PENALTY = 0.3  # a word of saying whose "أن" comes before the date: the date is of what was said
CONTENT_REACH = 60  # characters between the word of saying and its "أن"
NAMED_BONUS = 0.4  # a noun named by the year written right after it ("حرب 2020")
DECLARATION_WEIGHT = 1.0  # a declaration named by a place and a date ("إعلان براغ بتاريخ 6 أكتوبر 2022")
DECLARATION_DATE_REACH = 10  # characters between the place and the date ("بتاريخ", "لعام")
HEAD_BONUS = 0.15  # the noun a relative clause holding the date describes ("الانتخابات التي جرت في 26 أكتوبر")
HEAD_REACH = 13  # characters between that noun and the relative pronoun (one adjective may stand between)
HEAD_DATE_REACH = 70  # characters between the relative pronoun and the date (the clause's verb and subject between)
AUDIENCE_PENALTY = 0.3  # a meeting named as the audience of a speech ("كلمته أمام قمة القادة")
SETTING_PENALTY = 0.3  # a meeting during which something was decided or granted ("قرر القادة، خلال قمتهم، …")
SETTING_REACH = 80  # characters between the word of deciding or granting and "خلال"
TOPIC_PENALTY = 0.4  # a trigger naming what talks are about ("جلسة طارئة لبحث الهجوم")
TOPIC_REACH = 30  # characters between a word of discussing and the trigger it names
ANNOUNCED_ASPECT_PENALTY = 0.35  # announcing a date followed by the start, end or success of a happening
ASPECT_REACH = 3  # characters between the date and that word of aspect


@dataclass(frozen=True)
class Frame:
    """What scoring a trigger against a date looks at in its sentence besides the two."""

    clauses: Sequence[tuple[int, int]]
    groups: Sequence[int] = ()  # per clause: its clause once a date set off by commas is read as part of it
    connectors: Sequence[ClauseWord] = ()
    reported: Sequence[int] = ()  # where reported speech starts
    triggers: Sequence[TriggerMatch] = ()  # every trigger of the sentence
    words: Sequence[ClauseWord] = ()  # every clause word of the sentence

    def clause_gap(self, first: int, second: int) -> int:
        """Clause boundaries between two offsets; those around a date set off by commas do not count."""
        one, other = clause_of(first, self.clauses), clause_of(second, self.clauses)
        return abs(self.groups[one] - self.groups[other]) if self.groups else abs(one - other)

    def same_clause(self, first: int, second: int) -> bool:
        return self.clause_gap(first, second) == 0


def trigger_score(trigger: TriggerMatch, span: DateSpan, frame: Frame) -> float:
    """How well a trigger fits a date: weight minus distance and connector penalties, and minus a
    penalty for a word inside reported speech when the date belongs to the speaking ("أعلن
    السفير أمس أن مسار الانضمام …": the date is the announcement's) or for what a word of saying
    before the date names ("دعا الوزير أمس إلى استئناف الاجتماعات", see :func:`names_what_was_said`)."""
    in_report = trigger.event_type != "statement" and any(
        span.char_end <= start < trigger.char_start for start in frame.reported
    )
    said = names_what_was_said(trigger, span, frame.triggers, frame.words, frame.same_clause)
    low, high = (
        sorted((trigger.char_end, span.char_start))
        if trigger.char_end <= span.char_start
        else sorted((span.char_end, trigger.char_start))
    )
    distance = max(0, high - low)
    clause_gap = frame.clause_gap(trigger.char_start, span.char_start)
    separated = (
        any(
            low <= word.char_start and word.char_end <= high and not opens_date(word, span) for word in frame.connectors
        )
        or coincides(trigger, span, frame.words)
        or opens_with_connector(trigger, span, frame)
    )
    return (
        trigger.weight
        - CHARACTER_PENALTY * distance
        - CLAUSE_PENALTY * clause_gap
        - (CONNECTOR_PENALTY if separated else 0.0)
        - (REPORTED_PENALTY if in_report else 0.0)
        - (SAID_PENALTY if said and not in_report else 0.0)
        - (RELATIVE_PENALTY if in_relative_clause(trigger, span, frame.words) else 0.0)
        - (TOPIC_PENALTY if is_topic(trigger, span, frame) else 0.0)
        + (HEAD_BONUS if heads_relative_clause(trigger, span, frame) else 0.0)
        - (CONTENT_PENALTY if dates_what_was_said(trigger, span, frame) else 0.0)
        + (NAMED_BONUS if named_by_year(trigger, span) else 0.0)
        - (AUDIENCE_PENALTY if is_audience(trigger, frame.words) else 0.0)
        - (SETTING_PENALTY if is_setting_of_decision(trigger, frame) else 0.0)
        - (ANNOUNCED_ASPECT_PENALTY if announces_aspect(trigger, span, frame) else 0.0)
        - (SAID_PENALTY if announced_about(trigger, span, frame.triggers, frame.words) else 0.0)
    )


def announces_aspect(trigger: TriggerMatch, span: DateSpan, frame: Frame) -> bool:
    """A word of announcing, its date, then right after it the start, end or success of a happening ("أعلنت دولة
    الإمارات اليوم نجاح جهود وساطة … تكللت بإنجاز عملية تبادل", "أعلنت الوزارة أمس اكتمال انسحاب القوات"): the
    date is the happening's, which is the news; the announcing loses weight."""
    return (
        trigger.event_type == "statement"
        and trigger.char_end <= span.char_start
        and any(word.role == "announcing" and word.char_start == trigger.char_start for word in frame.words)
        and any(
            word.role in ("aspect", "resumption")
            and 0 <= word.char_start - span.char_end <= ASPECT_REACH
            and frame.same_clause(span.char_start, word.char_start)
            for word in frame.words
        )
    )


def is_setting_of_decision(trigger: TriggerMatch, frame: Frame) -> bool:
    """A meeting written right after "خلال" when a word of deciding or granting comes shortly before it ("قرر
    قادة الاتحاد، خلال قمتهم في بروكسل أمس، منح جورجيا صفة المرشح"): the meeting is where the decision was taken,
    the decision is the news."""
    if trigger.event_type != "meeting":
        return False
    during = [word for word in frame.words if word.role == "during" and 0 <= trigger.char_start - word.char_end <= 1]
    return any(
        word.role in ("deciding", "granting")
        and 0 <= place.char_start - word.char_end <= SETTING_REACH
        and frame.clause_gap(word.char_start, place.char_start) <= 1
        for place in during
        for word in frame.words
    )


def is_audience(trigger: TriggerMatch, words: Sequence[ClauseWord]) -> bool:
    """A meeting written right after "أمام" is the audience of what was said there ("وصف في كلمته أمام قمة القادة
    في 12 نوفمبر …"), not the event."""
    return trigger.event_type == "meeting" and any(
        word.role == "audience" and 0 <= trigger.char_start - word.char_end <= 1 for word in words
    )


def named_by_year(trigger: TriggerMatch, span: DateSpan) -> bool:
    """A noun written right before a year is named by it ("منذ حرب 2020", "انتخابات 2024"): that year is its."""
    return span.precision == "year" and 0 <= span.char_start - trigger.char_end <= 1


def dates_what_was_said(trigger: TriggerMatch, span: DateSpan, frame: Frame) -> bool:
    """The date is inside what a word of saying says, after its "أن" ("وأشار إلى أن الولايات المتحدة ستوقع غدا
    اتفاقيات ثنائية"): it dates what was said, so the saying itself loses weight."""
    return trigger.event_type == "statement" and any(
        word.role == "subject"
        and 0 <= word.char_start - trigger.char_end <= CONTENT_REACH
        and word.char_end <= span.char_start
        and frame.same_clause(word.char_start, span.char_start)
        for word in frame.words
    )


def opens_with_connector(trigger: TriggerMatch, span: DateSpan, frame: Frame) -> bool:
    """The trigger is the noun of a connector phrase set off in a clause before the date ("وفي موازاة المحادثات،
    أغلقت موسكو أمس مجالها الجوي", "وبعد الاجتماع، قال الوزير أمس"): it names another event."""
    return (
        trigger.char_end <= span.char_start
        and frame.clause_gap(trigger.char_start, span.char_start) >= 1
        and any(0 <= trigger.char_start - word.char_end <= 1 for word in frame.connectors)
    )


def coincides(trigger: TriggerMatch, span: DateSpan, words: Sequence[ClauseWord]) -> bool:
    """The trigger is the subject of a verb of coinciding and the date follows it ("وتزامنت الزيارة مع نقل رفات …
    في اليوم ذاته"): the date is of what it coincided with, another event."""
    return trigger.char_end <= span.char_start and any(
        word.role == "coinciding" and 0 <= trigger.char_start - word.char_end <= 1 for word in words
    )


def heads_relative_clause(trigger: TriggerMatch, span: DateSpan, frame: Frame) -> bool:
    """The trigger is the noun that a relative clause holding the date describes ("رفضت الرئيسة الاعتراف بنتائج
    الانتخابات البرلمانية التي جرت في 26 أكتوبر"): the date is that noun's."""
    return any(
        word.role == "relative"
        and 0 <= word.char_start - trigger.char_end <= HEAD_REACH
        and 0 <= span.char_start - word.char_end <= HEAD_DATE_REACH
        and frame.same_clause(trigger.char_start, span.char_start)
        for word in frame.words
    )


def is_topic(trigger: TriggerMatch, span: DateSpan, frame: Frame) -> bool:
    """The trigger follows a word of discussing written after the date, closely and in its clause: it names what
    was discussed ("عقد مجلس الأمن اليوم جلسة طارئة لبحث الهجوم", "أجريا أمس اتصالا بحثا خلاله تطبيق الإعلان"),
    the talks are the event. A date after the trigger may be that topic's own ("بحثت تنفيذ البيان الموقع في 9
    نوفمبر")."""
    return any(
        word.role == "topic"
        and span.char_end <= word.char_start
        and 0 <= trigger.char_start - word.char_end <= TOPIC_REACH
        and frame.same_clause(word.char_end, trigger.char_start)
        for word in frame.words
    )


def in_relative_clause(trigger: TriggerMatch, span: DateSpan, words: Sequence[ClauseWord]) -> bool:
    """The trigger follows the date inside a relative clause that is not the date's own ("زيارة الملك في 15
    مارس 2016، التي توجت بالتوقيع على وثيقة": the signing crowned the visit, the date is the visit's). A relative
    word written right after the date describes the date ("في اليوم الذي وقع فيه") and does not count."""
    return any(
        word.role == "relative" and span.char_end + 1 < word.char_start and word.char_end <= trigger.char_start
        for word in words
    )


def opens_date(word: ClauseWord, span: DateSpan) -> bool:
    """A connector written right before a date is part of the date phrase ("انتشرت منذ تشرين الثاني 2020":
    since when), not a link to another event."""
    return 0 <= span.char_start - word.char_end <= 1


def best_trigger(segment: Segment, triggers: Sequence[TriggerMatch], frame: Frame | None = None) -> TriggerMatch | None:
    frame = frame or Frame([(segment.start, segment.end)])
    inside = [t for t in triggers if segment.start <= t.char_start < segment.end]
    return max(
        inside,
        key=lambda t: max(trigger_score(t, span, frame) for span in segment.dates),
        default=None,
    )


def precedes_word(span: DateSpan, word_starts: set[int], text: str) -> bool:
    """The date comes right before one of the words starting at ``word_starts`` ("من كل عام")."""
    gap_end = span.char_end
    while gap_end < len(text) and text[gap_end].isspace():
        gap_end += 1
    return gap_end in word_starts


def follows_word(span: DateSpan, word_ends: set[int], text: str) -> bool:
    """The date comes right after one of the words ending at ``word_ends``: after "حتى"/"بحلول"
    it is a time limit, after "أن"/"بأن" the subject of the clause, not when something happened."""
    gap_start = span.char_start
    while gap_start > 0 and text[gap_start - 1].isspace():
        gap_start -= 1
    return gap_start in word_ends


def event_title(event_type: str, participants: Sequence[str], hosts: Sequence[str], place_names: Sequence[str]) -> str:
    """English label, e.g. ``Meeting — Armenia, Azerbaijan — Kazakhstan``."""
    names = [country_name(code) for code in (participants or hosts)]
    parts = [TYPE_LABELS.get(event_type, event_type.title())]
    if names:
        parts.append(", ".join(names))
    if place_names:
        shown = list(place_names[:3])
        more = len(place_names) - len(shown)
        parts.append(", ".join(shown) + (f" and {more} more" if more else ""))
    return " — ".join(parts)


def title_of(event: Mapping[str, Any]) -> str:
    """The English label of an event object (after a correction changed its type, countries or
    places): the states not there only as a place's host are the parties."""
    hosts = unique([place.get("country") for place in event.get("places") or [] if place.get("country")])
    parties = [code for code in event.get("countries") or [] if code not in hosts]
    names = unique([place.get("name_en") for place in event.get("places") or [] if place.get("name_en")])
    return event_title(event.get("type") or "other", parties, hosts, names)


def confidence(trigger: TriggerMatch, span: DateSpan, countries: Sequence[str], has_actor: bool) -> float:
    """A 0–1 score: trigger strength, how firmly the date is written, whether participants are known."""
    value = 0.35 + 0.3 * trigger.weight
    value += 0.15 if countries else -0.1
    value += 0.05 if has_actor else 0.0
    if span.undated:
        value -= 0.2
    elif not span.approximate:
        value += 0.1
    return round(min(0.99, max(0.05, value)), 2)


def _mention(kind: str, start: int, end: int, sentence: Sentence) -> MentionRecord:
    return {
        "kind": kind,
        "start": start - sentence.start,
        "end": end - sentence.start,
        "text": sentence.text[start - sentence.start : end - sentence.start],
    }


def make_event(
    article: Article,
    sentence: Sentence,
    span: DateSpan,
    trigger: TriggerMatch,
    parties: Parties,
    mentions: list[MentionRecord],
    extractor_version: str,
    reference: date | None = None,
) -> Event:
    """An event; ``reference`` is the day the article speaks from (see :mod:`components.extract.status`)."""
    countries = parties.countries(trigger.event_type)
    place_names = unique([p["name_en"] for p in parties.places])
    status = event_status(span, article.published)
    return Event(
        id=stable_id(article.id, span.char_start, span.char_end),
        article_id=article.id,
        date_start=span.start.isoformat() if span.start else None,
        date_end=span.end.isoformat() if span.end else None,
        precision=span.precision,
        approximate=span.approximate,
        date_text=span.text,
        type=trigger.event_type,
        countries=countries,
        actors=parties.actors,
        places=parties.places,
        title_en=event_title(trigger.event_type, parties.participants, parties.hosts, place_names),
        sentence=sentence.text,
        char_start=sentence.start,
        char_end=sentence.end,
        source=article.source,
        url=article.url,
        published=article.published.isoformat() if article.published else None,
        confidence=confidence(trigger, span, countries, bool(parties.actors)),
        trigger=trigger.text,
        mentions=([_mention("date", span.char_start, span.char_end, sentence)] + mentions)[:MAX_MENTIONS],
        undated=span.undated,
        extractor_version=extractor_version,
        status=status,
        role=event_role(span, status, reference),
        location_country=parties.location_country,
        evidence=[{"char_start": sentence.start, "char_end": sentence.end, "text": sentence.text}],
    )


@dataclass
class Findings:
    """What the earlier steps found in one article, indexed by offset so that each sentence takes
    its own share with a binary search."""

    dates: Located[DateSpan]
    triggers: Located[TriggerMatch]
    entities: Located[EntityMention]
    words: Located[ClauseWord]
    connectors: Located[ClauseWord]
    reported: list[int]  # where reported speech starts, sorted
    located: frozenset[int]
    tally: StateTally
    not_event_date_ends: set[int]
    recurring_starts: set[int]
    reference: date | None


def index_findings(
    article: Article,
    dates: Sequence[DateSpan],
    entities: Sequence[EntityMention],
    triggers: Sequence[TriggerMatch],
    clause_words: Sequence[ClauseWord],
) -> Findings:
    triggers = retype_by_object(list(triggers), list(clause_words))
    triggers = named_declarations(triggers, entities, dates, clause_words)
    triggers = discount_attributions(
        triggers,
        [word for word in clause_words if word.role == "attribution"],
        [word for word in clause_words if word.role == "press"],
    )
    return Findings(
        dates=Located(dates),
        triggers=Located(triggers),
        entities=Located(entities),
        words=Located(clause_words),
        connectors=Located(word for word in clause_words if word.role in CONNECTOR_ROLES),
        reported=sorted(reported_speech_starts(triggers, clause_words)),
        located=located_places(entities, [word for word in clause_words if word.role == "locative"], article.text),
        tally=StateTally(entities),
        not_event_date_ends={word.char_end for word in clause_words if word.role in ("deadline", "before", "subject")},
        recurring_starts={word.char_start for word in clause_words if word.role == "recurring"},
        reference=reference_date(article.published, dates),
    )


def named_declarations(
    triggers: Sequence[TriggerMatch],
    entities: Sequence[EntityMention],
    dates: Sequence[DateSpan],
    words: Sequence[ClauseWord],
) -> list[TriggerMatch]:
    """A declaration named by a place and dated right after it ("إعلان براغ بتاريخ 6 أكتوبر 2022", "إعلان ألما آتا
    لعام 1991") is a document the parties agreed: an agreement, not a statement."""
    declarations = {word.char_start for word in words if word.role == "declaration"}
    places = [entity for entity in entities if entity.place is not None]
    return [
        replace(trigger, event_type="agreement", weight=max(trigger.weight, DECLARATION_WEIGHT))
        if trigger.char_start in declarations
        and any(
            0 <= place.char_start - trigger.char_end <= 1
            and any(0 <= span.char_start - place.char_end <= DECLARATION_DATE_REACH for span in dates)
            for place in places
        )
        else trigger
        for trigger in triggers
    ]


def event_dates(sentence: Sentence, found: Findings, text: str, published: date | None) -> list[DateSpan]:
    """The dates of a sentence that may date an event (not a time limit, not a yearly date; in quoted
    speech, see :func:`spoken_dates`)."""
    words = found.words.within(sentence.start, sentence.end)
    dates = [
        span
        for span in found.dates.within(sentence.start, sentence.end)
        if not follows_word(span, found.not_event_date_ends, text)
        and not precedes_word(span, found.recurring_starts, text)
        and not first_since(span, words)
    ]
    if any(span.deictic for span in dates):
        dates = spoken_dates(dates, quoted_ranges(sentence), published)
    return dates


def first_since(span: DateSpan, words: Sequence[ClauseWord]) -> bool:
    """A duration counted from the time of writing after a word of being the first or an ordinal ("أول زيارة لوزير
    خارجية أوكراني إلى العراق منذ 11 عاما", "وهي السابعة منذ مطلع العام الجاري"): it says how long nothing
    happened, or what is counted, it dates no event."""
    return (
        span.deictic
        and any(
            word.role == "since" and (word.char_start == span.char_start or opens_date(word, span)) for word in words
        )
        and any(word.role == "first" and 0 <= span.char_start - word.char_end <= FIRST_REACH for word in words)
    )


def quotation_of(segment: Segment, quotations: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    """The quotation holding every date of the segment, if one does (``"لم تحقق أهدافها، خاصة في عامي 2021
    و2022"``: the years are part of what was said, not the dates of the saying outside the quotation)."""
    return next(
        (
            (start, end)
            for start, end in quotations
            if all(start <= span.char_start and span.char_end <= end for span in segment.dates)
        ),
        None,
    )


def sentence_events(article: Article, sentence: Sentence, found: Findings, extractor_version: str) -> list[Event]:
    dates = event_dates(sentence, found, article.text, article.published)
    if not dates:
        return []
    bounds = (sentence.start, sentence.end)
    triggers, entities = found.triggers.within(*bounds), found.entities.within(*bounds)
    words, connectors = found.words.within(*bounds), found.connectors.within(*bounds)
    reported = found.reported[bisect_left(found.reported, bounds[0]) : bisect_left(found.reported, bounds[1])]
    segments, clauses = segment_sentence(sentence, dates, triggers)
    frame = Frame(clauses, clause_groups(sentence, clauses, dates), connectors, reported, triggers, words)
    events: list[Event] = []
    previous: TriggerMatch | None = None
    quotations = quoted_ranges(sentence)
    for segment in segments:
        quotation = quotation_of(segment, quotations)
        if quotation is not None:  # what a quotation says is typed by its own words only
            trigger = best_trigger(segment, [t for t in triggers if quotation[0] <= t.char_start < quotation[1]], frame)
        else:
            # a date with no trigger of its own continues a list ("عقدت أولاها في 28 فبراير، والثانية في 3 مارس")
            trigger = best_trigger(segment, triggers, frame) or previous
        if trigger is None:
            continue
        previous = trigger
        parties = segment_parties(segment, trigger, entities, found.tally, words, found.located)
        mentions = [_mention("trigger", trigger.char_start, trigger.char_end, sentence)]
        mentions += [_mention(m.kind, m.char_start, m.char_end, sentence) for m in entities]
        events += [
            make_event(article, sentence, span, trigger, parties, mentions, extractor_version, found.reference)
            for span in segment.dates
        ]
    return events


def build_events(
    article: Article,
    sentences: Sequence[Sentence],
    dates: Sequence[DateSpan],
    entities: Sequence[EntityMention],
    triggers: Sequence[TriggerMatch],
    clause_words: Sequence[ClauseWord] = (),
    extractor_version: str = "",
    dateline: Sequence[Place] = (),
) -> list[Event]:
    """Events of one article from the findings of the earlier steps (all offsets in ``article.text``);
    ``dateline``: the places named in the article's dateline."""
    found = index_findings(article, dates, entities, triggers, clause_words)
    events = [event for sentence in sentences for event in sentence_events(article, sentence, found, extractor_version)]
    at_dateline(events, dateline)
    opening = {sentence.start for sentence in sentences}
    continuations = frozenset(
        w.char_start for w in clause_words if w.role == "continuation" and w.char_start in opening
    )
    merged = merge_repeats(drop_span_ends(events), article.caption_ranges, article.heading_ranges, continuations)
    openers = clause_word_forms("subject")
    return merge_same_day_reports(
        merged, same_day_phrases(), lambda event: reported_types(event, found.triggers, openers)
    )


def at_dateline(events: Sequence[Event], dateline: Sequence[Place]) -> None:
    """A reported news event that names no place of its own happened where the report was filed
    ("تبليسي – وكالات"): the dateline's place is its place and location_country (not a party)."""
    if len(dateline) != 1:
        return
    place = place_record(dateline[0])
    for event in events:
        if not event.places and event.status == "reported" and event.role == "news":
            event.places = [place]
            event.location_country = place["country"]
