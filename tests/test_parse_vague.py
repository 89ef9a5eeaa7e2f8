"""Vague quantity words inside expressions: ``rg.parse`` reads "thousands of workers"
the way ``rg.extract`` and ``rg.vague`` do (the same table, the same matcher), refuses
what it cannot read with the position of the word, and leaves the old grammar alone."""

from __future__ import annotations

import numpy as np
import pytest

import ranges as rg
from ranges.errors import ParseError
from ranges.text._parse import parse_tree
from ranges.text._syntax import to_tuple

PROBS = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]

# (expression, the phrase of the table it is read through, the unit written)
PHRASES = [
    ("thousands of workers", "thousands", "workers"),
    ("dozens of trucks", "dozens", "trucks"),
    ("tens of thousands of people", "tens of thousands", "people"),
    ("a few thousand", "a few thousand", None),
    ("hundreds of thousands of troops", "hundreds of thousands", "troops"),
    ("several hundred troops", "several hundred", "troops"),
    ("a couple of thousand tanks", "a couple of thousand", "tanks"),
    ("scores of people", "scores", "people"),
    ("a handful of drones", "a handful", "drones"),
]


@pytest.mark.parametrize(("text", "phrase", "unit"), PHRASES)
def test_tree_holds_the_table_row(text: str, phrase: str, unit: str | None) -> None:
    assert to_tuple(parse_tree(text)) == ("vague", phrase, unit)


@pytest.mark.parametrize(("text", "phrase", "unit"), PHRASES)
def test_same_distribution_as_extract_and_vague(
    text: str, phrase: str, unit: str | None
) -> None:
    parsed = rg.parse(text)
    found = rg.extract(f"Reports spoke of {text} near the border.")
    assert len(found) == 1 and found[0].phrase == phrase
    by_extract = found[0].estimate()
    by_vague = rg.vague(phrase, unit=unit)
    q = parsed.quantile(PROBS, engine="exact")
    # the leaf is a closed-form lognormal: the three must agree to rounding
    np.testing.assert_allclose(q, by_extract.quantile(PROBS, engine="exact"), rtol=1e-12)
    np.testing.assert_allclose(q, by_vague.quantile(PROBS, engine="exact"), rtol=1e-12)
    # and the table's ends are the 5th and 95th percentiles (the default 90% reading)
    entry = rg.defaults.reading.vague
    key = phrase if phrase in entry else phrase.rsplit(" ", 1)[0]
    scale = {"hundred": 100, "thousand": 1_000}.get(phrase.rsplit(" ", 1)[-1], 1)
    if key != phrase:
        np.testing.assert_allclose(
            parsed.quantile([0.05, 0.95], engine="exact"),
            [entry[key].low * scale, entry[key].high * scale], rtol=1e-9,
        )
    else:
        np.testing.assert_allclose(
            parsed.quantile([0.05, 0.95], engine="exact"),
            [entry[key].low, entry[key].high], rtol=1e-9,
        )


def test_vague_term_in_a_sum_matches_the_constructors() -> None:
    parsed = rg.parse("several hundred + 2,000-3,000 troops")
    built = rg.vague("several hundred", unit="troops") + rg.between(2_000, 3_000, unit="troops")
    assert parsed.bounds() == built.bounds()
    q = parsed.quantile(PROBS, engine="exact")
    np.testing.assert_allclose(q, built.quantile(PROBS, engine="exact"), rtol=1e-9)
    # against plain Monte Carlo of the same model: 200k draws, within 1% at these levels
    draws = built.sample(200_000, rng=11)
    np.testing.assert_allclose(q[1:-1], np.quantile(draws, PROBS[1:-1]), rtol=0.01)


def test_the_reading_is_an_assumption_in_the_summary() -> None:
    summary = rg.parse("thousands of workers").summary(n=1_000)
    assert any("'thousands' read as 2,000 to 10,000" in a for a in summary.assumptions)
    assert summary.unit == "workers"


def test_a_replaced_table_is_used(tmp_path: object) -> None:
    from pathlib import Path

    from ranges.reading._policy import load_vague_table

    path = Path(str(tmp_path)) / "vague.toml"
    path.write_text('[phrases."loads"]\nlow = 50\nhigh = 500\nnote = "loads"\n')
    reading = rg.Reading(vague=load_vague_table(path))
    assert rg.parse("loads of crates", reading=reading).bounds() == rg.Interval(50, 500)
    with pytest.raises(ParseError, match="'thousands' has no number"):
        rg.parse("thousands of crates", reading=reading)


def test_about_before_a_vague_word_is_noted_not_read() -> None:
    node = parse_tree("about thousands of workers")
    assert to_tuple(node) == ("vague", "thousands", "workers")
    summary = rg.parse("about thousands of workers").summary(n=1_000)
    assert any("adds nothing" in a for a in summary.assumptions)
    np.testing.assert_allclose(
        rg.parse("about thousands").quantile(PROBS, engine="exact"),
        rg.vague("thousands").quantile(PROBS, engine="exact"), rtol=1e-12,
    )


@pytest.mark.parametrize(
    ("text", "position", "message"),
    [
        ("lots of workers", 0, "not a vague quantity the reading's table knows"),
        ("5 + heaps of trucks", 4, "unit 'heaps' has no number before it"),
        ("a few trucks", 0, "needs hundred, thousand, million or billion"),
        ("several", 0, "'several thousand'"),
        ("scores", 0, "'scores of'"),
        ("tens of people", 0, "'tens of thousands'"),
        ("at least thousands of troops", 0, "not read"),
        ("thousands to millions", 10, "cannot be an end of a range"),
        ("5 thousands troops", 2, "did you mean '5 thousand troops'"),
        ("2 + 3 hundreds of troops", 6, "write the number in full"),
        ("5 hundred troops + 10 troops", 2, "'500' for '5 hundred'"),
        ("2 dozen eggs", 2, "after a number is not read"),
    ],
)
def test_what_cannot_be_read_points_at_the_word(text: str, position: int, message: str) -> None:
    with pytest.raises(ParseError) as info:
        rg.parse(text)
    assert info.value.position == position, info.value.one_line()
    assert message in info.value.message, info.value.one_line()
    assert "^" in str(info.value)


def test_vague_words_compose_with_the_rest_of_the_grammar() -> None:
    tree = to_tuple(parse_tree("20% of thousands of workers"))
    assert tree == ("*", ("exactly", 20.0, "percent"), ("vague", "thousands", "workers"))
    tree = to_tuple(parse_tree("dozens of trucks per day"))
    assert tree == ("/", ("vague", "dozens", "trucks"), ("exactly", 1.0, "day"))
    tree = to_tuple(parse_tree("(a few thousand + 500) workers"))
    assert tree[0] == "*" and tree[1] == ("+", ("vague", "a few thousand", None),
                                          ("exactly", 500.0, None))
    # a unit written once at the end of a sum reaches a vague term, as it does a number
    assert to_tuple(parse_tree("thousands + 500 troops"))[1] == ("vague", "thousands", "troops")
