"""Analyst corrections: stable event keys, validation, and applying corrections to events.

A correction never edits machine output. It names the events it applies to by *keys*
that survive re-extraction with a newer extractor (event ids and fields may change):

- ``key``: article content hash + the sentence's offsets + the folded date text + the offsets
  of the event's own date mention in its sentence (two events of one sentence differ);
- ``alt_key``: page content hash + the folded date text with up to three words on each
  side of the event's own date mention (still matches when a newer extractor cuts the sentence
  or the article differently, which moves offsets and changes the article's text).

A correction matches a merged event when any member's key or alt_key is among its keys.
Actions: ``edit`` (new field values, ``hidden`` included), ``add`` (an event the extractor
missed) and ``undo`` (reverts an earlier correction; the history is kept).
"""

from __future__ import annotations

import re
from datetime import date

from components.extract.events import title_of
from components.extract.models import EVENT_TYPES, stable_id
from components.text.arabic import fold_key

EDITABLE_FIELDS: frozenset[str] = frozenset(
    {
        "date_start",
        "date_end",
        "precision",
        "approximate",
        "type",
        "countries",
        "actors",
        "places",
        "hidden",
        "title_en",
    }
)
ACTIONS: tuple[str, ...] = ("edit", "add", "undo")
PRECISIONS: tuple[str, ...] = ("day", "month", "year")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
MANUAL_PREFIX = "manual:"


class CorrectionError(ValueError):
    """A correction with a missing reason, an unknown field, or an invalid value."""


def date_mention(event: dict) -> tuple[int, int] | None:
    """The offsets (in its sentence) of the date an event is dated by: its first ``date`` mention."""
    for mention in event.get("mentions") or ():
        if isinstance(mention, dict) and mention.get("kind") == "date":
            start, end = mention.get("start"), mention.get("end")
            if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end:
                return start, end
    return None


def event_key(
    article_hash: str, char_start: int, char_end: int, date_text: str, mention: tuple[int, int] | None = None
) -> str:
    """Article text hash + the sentence's offsets + the folded date text + where in the sentence the
    date is written (two events of one sentence dated by the same words, "أمس" twice, differ)."""
    key = f"{article_hash}:{char_start}:{char_end}:{stable_id(fold_key(date_text or ''), length=12)}"
    return f"{key}:d{mention[0]}-{mention[1]}" if mention else key


def alt_event_key(page_hash: str, sentence: str, date_text: str, mention: tuple[int, int] | None = None) -> str:
    """Page hash + the date text with up to three words on each side of it (folded), so that
    moving the sentence's or the article's boundaries does not change the key. The words are those
    around the event's own date ``mention`` when it is known, else around the first place the
    date text is found."""
    sentence, written = sentence or "", fold_key(date_text or "")
    if written and mention is not None and mention[1] <= len(sentence):
        before, after = fold_key(sentence[: mention[0]]).split()[-3:], fold_key(sentence[mention[1] :]).split()[:3]
        core = f"{' '.join(before)}|{written}|{' '.join(after)}"
        return f"{page_hash}:c{stable_id(core, length=20)}"
    folded = fold_key(sentence)
    where = folded.find(written) if written else -1
    if where < 0:
        core = folded
    else:
        before, after = folded[:where].split()[-3:], folded[where + len(written) :].split()[:3]
        core = f"{' '.join(before)}|{written}|{' '.join(after)}"
    return f"{page_hash}:c{stable_id(core, length=20)}"


def _iso(value: object, name: str) -> str:
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError as error:
        raise CorrectionError(f"{name}: expected a date YYYY-MM-DD, got {value!r}") from error


def validate_fields(fields: dict, *, require_date: bool = False) -> dict:
    """A cleaned copy of ``fields``; raises :class:`CorrectionError` on anything invalid."""
    unknown = set(fields) - EDITABLE_FIELDS - {"sentence", "date_text", "article_id"}
    if unknown:
        raise CorrectionError(f"fields that cannot be corrected: {', '.join(sorted(unknown))}")
    clean = dict(fields)
    for name in ("date_start", "date_end"):
        if clean.get(name) is not None:
            clean[name] = _iso(clean[name], name)
    if require_date and clean.get("date_start") and not clean.get("date_end"):
        clean["date_end"] = clean["date_start"]
    if require_date and not clean.get("date_start"):
        raise CorrectionError("date_start is required")
    if clean.get("date_start") and clean.get("date_end") and clean["date_end"] < clean["date_start"]:
        raise CorrectionError("date_end is before date_start")
    if "precision" in clean and clean["precision"] not in PRECISIONS:
        raise CorrectionError(f"precision must be one of {', '.join(PRECISIONS)}")
    if "type" in clean and clean["type"] not in EVENT_TYPES:
        raise CorrectionError(f"type must be one of {', '.join(EVENT_TYPES)}")
    if "countries" in clean:
        codes = sorted({str(code).strip().upper() for code in clean["countries"] or ()})
        if any(not _COUNTRY.match(code) for code in codes):
            raise CorrectionError("countries must be ISO 3166-1 alpha-2 codes")
        clean["countries"] = codes
    for name in ("actors", "places"):
        if name in clean and not all(isinstance(item, dict) for item in clean[name] or ()):
            raise CorrectionError(f"{name} must be a list of objects")
    for name in ("hidden", "approximate"):
        if name in clean:
            clean[name] = bool(clean[name])
    return clean


def check_note(reason: str, author: str) -> tuple[str, str]:
    reason, author = (reason or "").strip(), (author or "").strip()
    if not reason:
        raise CorrectionError("a correction needs a short reason")
    if not author:
        raise CorrectionError("a correction needs the name of who makes it")
    return reason, author


def active_corrections(corrections: list[dict]) -> list[dict]:
    """Edits and additions not reverted by an undo, oldest first."""
    undone = {c["target"] for c in corrections if c["action"] == "undo"}
    return sorted((c for c in corrections if c["action"] != "undo" and c["id"] not in undone), key=lambda c: c["id"])


def event_keys_of(event: dict) -> set[str]:
    """Every key a (merged) event is known by: its own and its sources'."""
    candidates = [event.get("event_key"), event.get("alt_key")]
    for source in event.get("sources") or ():
        candidates += [source.get("key"), source.get("alt_key")]
    return {str(key) for key in candidates if key}


def manual_event(correction: dict) -> dict:
    """The event an ``add`` correction stands for."""
    fields = correction["fields"]
    key = f"{MANUAL_PREFIX}{correction['id']}"
    countries = fields.get("countries") or []
    event = {
        "id": key,
        "article_id": fields.get("article_id"),
        "event_key": key,
        "alt_key": None,
        "date_start": fields.get("date_start"),
        "date_end": fields.get("date_end") or fields.get("date_start"),
        "precision": fields.get("precision") or "day",
        "approximate": bool(fields.get("approximate")),
        "undated": False,
        "date_text": fields.get("date_text") or "",
        "type": fields.get("type") or "other",
        "countries": countries,
        "actors": fields.get("actors") or [],
        "places": fields.get("places") or [],
        "title_en": fields.get("title_en")
        or f"{str(fields.get('type') or 'other').capitalize()} — {', '.join(countries)}",
        "sentence": fields.get("sentence") or "",
        "char_start": 0,
        "char_end": 0,
        "mentions": [],
        "trigger": "",
        "source": None,
        "url": None,
        "published": None,
        "confidence": 1.0,
        "extractor_version": "manual",
    }
    event["sources"] = [
        {
            "event_id": key,
            "article_id": event["article_id"],
            "source": None,
            "url": None,
            "published": None,
            "sentence": event["sentence"],
            "key": key,
        }
    ]
    event["source_count"] = 1 if event["article_id"] else 0
    return event


def public_view(correction: dict, active: bool) -> dict:
    """What an event's ``corrections`` list shows: who, when, why, what, and whether it still applies."""
    names = ("id", "action", "author", "created_at", "reason", "fields", "previous", "target")
    view = {name: correction[name] for name in names}
    view["active"] = active
    return view


_DESCRIBED_BY = {"type", "countries", "places"}  # the fields the English label is built from


def apply_corrections(events: list[dict], corrections: list[dict], *, in_place: bool = False) -> list[dict]:
    """Events with corrections applied, plus the added events; each gets ``corrected``,
    ``corrections`` (history, undone ones marked inactive) and ``hidden``. The given dicts
    are copied first unless ``in_place`` (for a caller that owns them)."""
    active = active_corrections(corrections)
    active_ids = {c["id"] for c in active}
    undo_of = {c["target"]: c for c in corrections if c["action"] == "undo"}
    result = (events if in_place else [dict(event) for event in events]) + [
        manual_event(c) for c in active if c["action"] == "add"
    ]
    by_key: dict[str, list[dict]] = {}
    for correction in corrections:
        if correction["action"] == "edit":
            for key in set(correction["keys"]):
                by_key.setdefault(key, []).append(correction)
    for event in result:
        if not by_key and not event["event_key"].startswith(MANUAL_PREFIX):
            event.update(corrections=[], corrected=False, hidden=bool(event.get("hidden")))
            continue
        matched = {c["id"]: c for key in event_keys_of(event) for c in by_key.get(key, ())}
        if event["event_key"].startswith(MANUAL_PREFIX):
            origin = int(event["event_key"][len(MANUAL_PREFIX) :])
            matched[origin] = next(c for c in active if c["id"] == origin)
        history = [matched[cid] for cid in sorted(matched)]
        for correction in history:
            if correction["id"] in active_ids and correction["action"] == "edit":
                event.update(correction["fields"])
                if "title_en" not in correction["fields"] and _DESCRIBED_BY & set(correction["fields"]):
                    event["title_en"] = title_of(event)
        views = [public_view(c, c["id"] in active_ids) for c in history]
        views += [public_view(undo_of[c["id"]], True) for c in history if c["id"] in undo_of]
        event["corrections"] = sorted(views, key=lambda v: v["id"])
        event["corrected"] = any(v["active"] for v in views if v["action"] != "undo")
        event["hidden"] = bool(event.get("hidden"))
    return result
