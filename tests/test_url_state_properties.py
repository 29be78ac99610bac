"""``url_state.parse_query`` on arbitrary query strings (property-based, fixed seed): it never
raises, what it reads is a valid view that round-trips through the URL, and what it reports can be
shown safely. ``benchmarks/fuzz_url_state.py`` runs the same properties much longer."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode

from hypothesis import given, settings
from hypothesis import strategies as st

from components.store.facets import FACETS
from components.ui.i18n import BIDI_CONTROLS, MAX_SHOWN_VALUE, code_span, plain_value
from components.ui.url_state import MAX_VALUES, VIEW_PARAMS, ViewState, build_query, parse_query

PARAMS = [facet.param for facet in FACETS] + list(VIEW_PARAMS)
# Characters a hostile or broken link may hold: URL syntax, digits of both kinds, Arabic and Latin
# letters, markdown and HTML, bidi controls, NUL and other control characters.
ALPHABET = st.sampled_from(
    list("&=%+#?;,.:-_/ ") + list("0123456789٠١٢٣٤٥٦٧٨٩") + list("abcAMZXاملسبحي")
    + list("<>[]()`*!\"'\\") + ["\u202e", "\u202b", "\u2066", "\u200f", "\u061c", "\x00", "\x1f", "\n", "\u00a0"]
)  # fmt: skip
VALUES = st.text(ALPHABET, max_size=40) | st.sampled_from(
    ["AM", "all", "1", "0.6", "2023-05-10", "2021-01-01..2021-12-31", "-date", "relations", "actors", "ar", "9" * 30]
)
QUERY_STRINGS = st.lists(
    st.tuples(st.sampled_from(PARAMS) | st.text(ALPHABET, max_size=12), VALUES), max_size=30
).map(lambda pairs: urlencode(pairs)) | st.text(ALPHABET, max_size=300)  # fmt: skip

SETTINGS = settings(max_examples=120, derandomize=True, database=None, deadline=None)


def check_round_trip(query: str) -> None:
    params = parse_qs(query, keep_blank_values=True)
    state, notices = parse_query(params)
    assert isinstance(state, ViewState)
    again, second = parse_query(build_query(state))
    assert again == state and second == []
    assert len(notices) == len(set(notices))


def check_notices(query: str) -> None:
    _, notices = parse_query(parse_qs(query, keep_blank_values=True))
    for notice in notices:
        for value in (notice.param, notice.value):
            shown = plain_value(value)
            assert len(shown) <= MAX_SHOWN_VALUE and not BIDI_CONTROLS.search(shown) and "`" not in shown
            assert not any(ord(ch) < 32 for ch in shown)
            assert code_span(value).count("`") == 2


MANY_VALUES = st.dictionaries(st.sampled_from(PARAMS), st.lists(VALUES, max_size=300), max_size=len(PARAMS))


def check_bound(params: dict[str, list[str]]) -> None:
    state, notices = parse_query(params)
    total = sum(len(values) for values in params.values())
    assert any(notice.key == "notice_too_many_values" for notice in notices) == (total > MAX_VALUES)
    assert sum(len(value) if isinstance(value, list) else 1 for value in build_query(state).values()) <= MAX_VALUES


@SETTINGS
@given(QUERY_STRINGS)
def test_any_query_string_gives_a_valid_view_that_round_trips(query: str) -> None:
    check_round_trip(query)


@SETTINGS
@given(QUERY_STRINGS)
def test_what_a_notice_shows_is_short_plain_and_free_of_bidi_controls(query: str) -> None:
    check_notices(query)


@SETTINGS
@given(MANY_VALUES)
def test_any_number_of_values_is_read_up_to_the_bound(params: dict[str, list[str]]) -> None:
    check_bound(params)
