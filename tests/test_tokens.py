"""Tests of the tokenizer and of read_number."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ranges.errors import ParseError
from ranges.text._tokens import (
    CURRENCY,
    DASH,
    HEDGE,
    LPAREN,
    NUMBER,
    OP,
    OTHER,
    PERCENT,
    PLUSMINUS,
    RPAREN,
    SCALE,
    WORD,
    Token,
    read_number,
    tokenize,
)


def kinds(text: str) -> list[tuple[str, str]]:
    return [(t.kind, t.text) for t in tokenize(text)]


# -- read_number: every value is compared exactly (all are exact binary fractions or
# integers, except where a tolerance is stated) -------------------------------------

READ_NUMBER_CASES = [
    ("12,000", 12000.0),
    ("1.5k", 1500.0),
    ("twelve thousand", 12000.0),
    ("half a million", 500000.0),
    ("26 271", 26271.0),
    ("12\u2009000", 12000.0),
    ("12\u202f000", 12000.0),
    ("12\u00a0000", 12000.0),
    ("1'000'000", 1000000.0),
    ("1.234.567", 1234567.0),
    ("1.234,5", 1234.5),
    ("12,345.25", 12345.25),
    ("12.000", 12.0),
    (".5", 0.5),
    ("7½", 7.5),
    ("¼", 0.25),
    ("1e6", 1e6),
    ("2.5E3", 2500.0),
    ("3M", 3e6),
    ("3m", 3e6),
    ("4bn", 4e9),
    ("4 bn", 4e9),
    ("2 mn", 2e6),
    ("1tn", 1e12),
    ("1.5 trillion", 1.5e12),
    ("10 k", 10000.0),
    ("-5", -5.0),
    ("−2.5 bn", -2.5e9),
    ("a dozen", 12.0),
    ("half a dozen", 6.0),
    ("a hundred", 100.0),
    ("a thousand", 1000.0),
    ("nineteen", 19.0),
    ("ninety-nine", 99.0),
    ("twenty five", 25.0),
    ("three hundred and fifty", 350.0),
    ("three hundred fifty", 350.0),
    ("three hundred and fifty thousand", 350000.0),
    ("twelve thousand five hundred", 12500.0),
    ("two million five hundred thousand", 2500000.0),
    ("Twelve Thousand", 12000.0),
    ("zero", 0.0),
]


@pytest.mark.parametrize(("text", "expected"), READ_NUMBER_CASES)
def test_read_number(text: str, expected: float) -> None:
    assert read_number(text) == expected


READ_NUMBER_ERRORS = [
    ("10,00", 2, "bad digit grouping"),
    ("1234,567", 4, "more than 3 digits"),
    ("1.2.3", 3, "more than one decimal point"),
    ("1,234.5.6", 7, "more than one decimal point"),
    ("1,000.000,5", 5, "mixed digit separators"),
    ("1e999", 0, "number too large"),
    ("abc", 0, "expected a number"),
    ("", 0, "expected a number"),
    ("5 5", 2, "unexpected '5'"),
    ("12 3456", 3, "unexpected '3456'"),
    ("5%", 1, "unexpected '%'"),
    ("half", 0, "expected a number"),
]


@pytest.mark.parametrize(("text", "position", "message"), READ_NUMBER_ERRORS)
def test_read_number_errors(text: str, position: int, message: str) -> None:
    with pytest.raises(ParseError) as info:
        read_number(text)
    assert info.value.position == position
    assert message in info.value.message


# -- tokenize --------------------------------------------------------------------------


def test_token_fields_and_offsets() -> None:
    text = "about 10–12k troops"
    tokens = tokenize(text)
    assert tokens == [
        Token(WORD, "about", 0, 5),
        Token(NUMBER, "10", 6, 8, 10.0),
        Token(DASH, "–", 8, 9),
        Token(NUMBER, "12", 9, 11, 12.0),
        Token(SCALE, "k", 11, 12, 1000.0),
        Token(WORD, "troops", 13, 19),
    ]


def test_every_kind() -> None:
    text = "~$5 ± 1% (2 ** 3) @ €"
    assert kinds(text) == [
        (HEDGE, "~"),
        (CURRENCY, "$"),
        (NUMBER, "5"),
        (PLUSMINUS, "±"),
        (NUMBER, "1"),
        (PERCENT, "%"),
        (LPAREN, "("),
        (NUMBER, "2"),
        (OP, "**"),
        (NUMBER, "3"),
        (RPAREN, ")"),
        (OTHER, "@"),
        (CURRENCY, "€"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5km", [(NUMBER, "5"), (WORD, "km")]),
        ("5kg", [(NUMBER, "5"), (WORD, "kg")]),
        ("5k", [(NUMBER, "5"), (SCALE, "k")]),
        ("5 m", [(NUMBER, "5"), (WORD, "m")]),
        ("5m", [(NUMBER, "5"), (SCALE, "m")]),
        ("5 K", [(NUMBER, "5"), (WORD, "K")]),
        ("5mn", [(NUMBER, "5"), (SCALE, "mn")]),
        ("5 Million", [(NUMBER, "5"), (SCALE, "Million")]),
        ("5 thousands", [(NUMBER, "5"), (WORD, "thousands")]),
        ("2x3", [(NUMBER, "2"), (WORD, "x"), (NUMBER, "3")]),
        ("3 per cent", [(NUMBER, "3"), (PERCENT, "per cent")]),
        ("3 percent", [(NUMBER, "3"), (PERCENT, "percent")]),
        ("3 percentage", [(NUMBER, "3"), (WORD, "percentage")]),
        ("3 per day", [(NUMBER, "3"), (WORD, "per"), (WORD, "day")]),
        ("3 +/- 1", [(NUMBER, "3"), (PLUSMINUS, "+/-"), (NUMBER, "1")]),
        ("3 +- 1", [(NUMBER, "3"), (PLUSMINUS, "+-"), (NUMBER, "1")]),  # as people type ±
        ("3 +-1", [(NUMBER, "3"), (OP, "+"), (DASH, "-"), (NUMBER, "1")]),  # plus minus one
        ("3−1", [(NUMBER, "3"), (OP, "−"), (NUMBER, "1")]),
        (
            "1—2‒3―4",
            [
                (NUMBER, "1"),
                (DASH, "—"),
                (NUMBER, "2"),
                (DASH, "‒"),
                (NUMBER, "3"),
                (DASH, "―"),
                (NUMBER, "4"),
            ],
        ),
        ("km²", [(WORD, "km²")]),
        ("≥ 3", [(HEDGE, "≥"), (NUMBER, "3")]),
        ("<= 3", [(HEDGE, "<="), (NUMBER, "3")]),
        ("1990 200", [(NUMBER, "1990"), (NUMBER, "200")]),
        ("in 1990, 200", [(WORD, "in"), (NUMBER, "1990"), (OTHER, ","), (NUMBER, "200")]),
        ("twenty-five", [(NUMBER, "twenty-five")]),
        ("twenty-thirty", [(NUMBER, "twenty"), (DASH, "-"), (NUMBER, "thirty")]),
        (
            "ten-twelve thousand",
            [(NUMBER, "ten"), (DASH, "-"), (NUMBER, "twelve"), (SCALE, "thousand")],
        ),
        ("a thousand", [(NUMBER, "a"), (SCALE, "thousand")]),
        ("half a million", [(NUMBER, "half a"), (SCALE, "million")]),
        ("a day", [(WORD, "a"), (WORD, "day")]),
        ("half a day", [(WORD, "half"), (WORD, "a"), (WORD, "day")]),
        ("an estimated", [(WORD, "an"), (WORD, "estimated")]),
        ("three and four", [(NUMBER, "three"), (WORD, "and"), (NUMBER, "four")]),
        ("hundred", [(WORD, "hundred")]),
    ],
)
def test_token_kinds(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds(text) == expected


def test_number_word_values() -> None:
    tokens = tokenize("two hundred and three hundred")
    assert [(t.kind, t.text, t.value) for t in tokens] == [
        (NUMBER, "two hundred", 200.0),
        (WORD, "and", None),
        (NUMBER, "three hundred", 300.0),
    ]
    tokens = tokenize("three hundred and fifty thousand")
    assert [(t.text, t.value) for t in tokens] == [
        ("three hundred and fifty", 350.0),
        ("thousand", 1000.0),
    ]


def test_non_strict_turns_bad_numbers_into_other() -> None:
    text = "version 1.2.3 shipped to 10,00 users"
    with pytest.raises(ParseError):
        tokenize(text)
    tokens = tokenize(text, strict=False)
    assert [(t.kind, t.text) for t in tokens if t.kind == OTHER] == [
        (OTHER, "1.2.3"),
        (OTHER, "10,00"),
    ]


@given(st.text(max_size=60))
@settings(max_examples=400)
def test_tokenize_only_raises_parse_error(text: str) -> None:
    try:
        tokens = tokenize(text)
    except ParseError as err:
        assert 0 <= err.position <= len(text)
        return
    for tok in tokens:
        assert text[tok.start : tok.end] == tok.text
        assert (tok.value is not None) == (tok.kind in (NUMBER, SCALE))
    assert [t.start for t in tokens] == sorted(t.start for t in tokens)


@given(st.text(max_size=60))
@settings(max_examples=200)
def test_non_strict_never_raises(text: str) -> None:
    tokens = tokenize(text, strict=False)
    for tok in tokens:
        assert text[tok.start : tok.end] == tok.text


def test_tokenize_is_fast() -> None:
    # about 200,000 characters; generous bound so slow CI machines pass
    text = "about 10,000–12,000 troops plus twenty-five thousand and $3–4bn × 2 " * 3000
    began = time.perf_counter()
    tokens = tokenize(text)
    elapsed = time.perf_counter() - began
    assert len(tokens) == 16 * 3000
    assert elapsed < 2.0
