"""The feeds file followed by ``--follow``: one ``[[feed]]`` table per outlet (see
``data/feeds.example.toml``)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from components.store.web.client import is_web_url

_FIELDS = frozenset({"name", "url", "language", "region"})


class FeedsFileError(Exception):
    """A feeds file that cannot be used; the message names the file and the entry."""


@dataclass(frozen=True)
class FeedSpec:
    url: str
    name: str | None = None  # the outlet, stored as the articles' source
    language: str | None = None  # e.g. "ar"
    region: str | None = None  # region family, e.g. "gulf", "levant", "maghreb", "nile"

    def as_meta(self) -> dict[str, str]:
        return {key: value for key, value in vars(self).items() if value}


def _spec(entry: object, where: str) -> FeedSpec:
    if not isinstance(entry, dict):
        raise FeedsFileError(f"{where}: expected a table with name and url")
    unknown = sorted(set(entry) - _FIELDS)
    if unknown:
        raise FeedsFileError(f"{where}: unknown field(s) {', '.join(unknown)} (known: {', '.join(sorted(_FIELDS))})")
    for key in _FIELDS & set(entry):
        if not isinstance(entry[key], str) or not entry[key].strip():
            raise FeedsFileError(f"{where}: {key} must be a non-empty text")
    if "url" not in entry:
        raise FeedsFileError(f"{where}: no url")
    if not is_web_url(entry["url"]):
        raise FeedsFileError(f"{where}: url {entry['url']!r} is not an http(s) address")
    return FeedSpec(entry["url"].strip(), entry.get("name"), entry.get("language"), entry.get("region"))


def load_feeds(path: Path) -> list[FeedSpec]:
    """The feeds listed in ``path`` (raises :class:`FeedsFileError`)."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise FeedsFileError(f"{path}: cannot be read ({error.strerror or error})") from error
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise FeedsFileError(f"{path}: not valid TOML ({error})") from error
    entries = data.get("feed")
    if not isinstance(entries, list) or not entries:
        raise FeedsFileError(f"{path}: no [[feed]] entries")
    feeds = [_spec(entry, f"{path}: feed {number}") for number, entry in enumerate(entries, 1)]
    urls = [feed.url for feed in feeds]
    repeated = sorted({url for url in urls if urls.count(url) > 1})
    if repeated:
        raise FeedsFileError(f"{path}: listed more than once: {', '.join(repeated)}")
    return feeds
