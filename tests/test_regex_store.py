"""Stored regex programs: a pattern read back from the cache folder is the pattern ``re.compile`` makes,
a damaged or foreign entry only costs a fresh compile, and the date and stamp grammars built through the
store match what they matched before."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from components.extract import stamps
from components.extract.dates import patterns
from components.text import cache
from components.text.regex_store import MIN_FRESH, RegexStore, stored_compiles

SOURCES = [
    (r"(?P<d>\d{1,2})\s+(?P<m>يناير|فبراير|مارس)\s+(?P<y>\d{4})", 0),
    (r"(?<!\w)(?:اليوم|أمس|غدا)(?!\w)", 0),
    (r"march|april", re.IGNORECASE),
    (r"^\s*(?P<a>[^\n]+?)\s*$", re.MULTILINE),
]
TEXT = "قال أمس إن اجتماع 12 مارس 2024 تأجل\nMARCH 3"


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def _compile_all(name: str) -> tuple[RegexStore, list[re.Pattern[str]]]:
    store = RegexStore(name)
    compiled = [store.compile(source, flags) for source, flags in SOURCES]
    store.save()
    return store, compiled


def _matches(pattern: re.Pattern[str]) -> list[tuple[int, int, dict[str, str | None]]]:
    return [(m.start(), m.end(), m.groupdict()) for m in pattern.finditer(TEXT)]


def test_stored_patterns_equal_the_ones_re_makes_and_are_read_back(folder: Path) -> None:
    first, made = _compile_all("demo")
    again, read = _compile_all("demo")
    assert first.changed and not again.changed  # the second store compiled nothing itself
    assert len(list(folder.glob("regex_demo-*.marshal"))) == 1
    for (source, flags), one, other in zip(SOURCES, made, read, strict=True):
        fresh = re.compile(source, flags)
        assert one == fresh and other == fresh
        assert other.flags == fresh.flags and other.groupindex == fresh.groupindex
        assert _matches(other) == _matches(fresh)
    assert any(_matches(pattern) for pattern in read)


def test_a_damaged_program_is_compiled_afresh(folder: Path) -> None:
    _compile_all("demo")
    key = RegexStore("demo").key
    stored = cache.read_entry("regex_demo", key)
    assert isinstance(stored, dict)
    for handle, (flags, code, groups, groupindex, indexgroup) in list(stored.items()):
        stored[handle] = (flags, [99999, *code[3:]], groups, groupindex, indexgroup)
    cache.write_entry("regex_demo", key, stored)
    store, read = _compile_all("demo")
    assert store.changed
    assert read == [re.compile(source, flags) for source, flags in SOURCES]


def test_a_changed_pattern_replaces_the_old_one_in_the_entry(folder: Path) -> None:
    _compile_all("demo")
    store = RegexStore("demo")
    assert store.compile(r"\d{4}") == re.compile(r"\d{4}")
    store.save()
    assert list(RegexStore("demo").stored) == ["0\x1f\\d{4}"]


def test_the_date_and_stamp_grammars_through_the_store_match_fresh_ones(folder: Path) -> None:
    for build in (patterns.date_patterns, stamps.stamp_grammar):
        build.cache_clear()
        built = build()
        build.cache_clear()
        read = build()
        build.cache_clear()
        assert read == built
    grammar = stamps.stamp_grammar()
    assert all(pattern == re.compile(pattern.pattern) for pattern in grammar.named)
    dates = patterns.date_patterns()
    assert all(pattern == re.compile(pattern.pattern) for pattern in dates.finders.values())
    assert dates.trigger == re.compile(dates.trigger.pattern)


BLOCK = [*SOURCES, *((rf"(?<!\w)y{number}\d+", 0) for number in range(MIN_FRESH))]  # enough to be written


def _compiled_in_block(sources: list[tuple[str, int]]) -> list[re.Pattern[str]]:
    re.purge()  # patterns in re's own cache are not compiled again
    with stored_compiles("demo"):
        compiled = [re.compile(source, flags) for source, flags in sources]
        assert re.compile(rb"\d+").match(b"12")  # bytes patterns are compiled as usual
    re.purge()
    return compiled


def test_patterns_compiled_in_a_stored_block_are_kept_and_read_back(folder: Path) -> None:
    usual = re._compiler.compile  # type: ignore[attr-defined]  # the internals the block replaces
    made = _compiled_in_block(BLOCK)
    assert re._compiler.compile is usual  # type: ignore[attr-defined]
    stored = RegexStore("demo").stored
    assert sorted(stored) == sorted(f"{int(flags)}\x1f{source}" for source, flags in BLOCK)
    read = _compiled_in_block(BLOCK)
    for (source, flags), one, other in zip(BLOCK, made, read, strict=True):
        fresh = re.compile(source, flags)
        assert one == fresh and other == fresh and _matches(other) == _matches(fresh)


def test_a_stored_block_keeps_the_programs_another_run_needed(folder: Path) -> None:
    many = [(rf"(?<!\w)z{number}\d+", 0) for number in range(MIN_FRESH)]
    _compiled_in_block(BLOCK)
    _compiled_in_block(many)  # a run that compiles other patterns (an HTML page, say)
    assert len(RegexStore("demo").stored) == len(BLOCK) + len(many)


def test_a_few_new_patterns_do_not_rewrite_the_entry(folder: Path) -> None:
    _compiled_in_block(BLOCK)
    _compiled_in_block([(r"(?<!\w)x[ab]y", 0), *BLOCK])  # one pattern new, as a set's order changing makes it
    assert len(RegexStore("demo").stored) == len(BLOCK)
