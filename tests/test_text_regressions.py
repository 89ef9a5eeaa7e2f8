"""Regressions of the expression reader (ranges.parse and the ranges command).

* A spaced hyphen between a smaller and a larger plain number was a subtraction:
  "10,000 - 12,000 troops" printed -2,000 troops (exact), also in --json, while the
  prose reader read the same text as a range.
* Typos vanished or became units: "12kk troops" gave 12 troops, "ranges 12kk" 12 kks,
  "10k-12kk" was refused with a message about 12, "5 USD millions" became a unit and
  "5 thousands troops" 5 troops.
"""

from __future__ import annotations

import json

import pytest

import ranges as rg
from ranges._kinds import Stated
from ranges.cli import main
from ranges.errors import ParseError, UnitError
from ranges.text import _build
from ranges.text._parse import parse_tree
from ranges.text._syntax import QuantityNode

N = "2000"


def refusal(text: str) -> ParseError:
    with pytest.raises(ParseError) as info:
        rg.parse(text)
    return info.value


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# -- a spaced hyphen -----------------------------------------------------------------------
@pytest.mark.parametrize("text", ["10,000 - 12,000 troops", "10,000 -12,000 troops",
                                  "10,000- 12,000 troops", "10k - 12k troops"])
def test_a_spaced_hyphen_alone_from_smaller_to_larger_is_the_range(text: str) -> None:
    estimate = rg.parse(text)
    assert estimate.bounds() == rg.Interval(10_000, 12_000)
    assert str(estimate.unit) == str(rg.exactly(1, unit="troops").unit)


def test_the_range_read_from_a_spaced_hyphen_is_an_assumption_in_the_note() -> None:
    node = parse_tree("10,000 - 12,000 troops")
    assert isinstance(node, QuantityNode) and node.kind == Stated.RANGE
    assert any("read as the range 10,000–12,000" in a for a in node.assumptions)
    listed = rg.parse("10,000 - 12,000 troops").summary(n=2_000, seed=1).assumptions
    assert any("read as the range 10,000–12,000" in a and "10,000 minus 12,000" in a
               for a in listed), listed


def test_a_hedged_spaced_hyphen_alone_is_the_hedged_range() -> None:
    node = parse_tree("about 10,000 - 12,000 troops")
    assert isinstance(node, QuantityNode)
    assert (node.kind, node.low, node.high, node.qualifier) == (
        Stated.RANGE, 10_000, 12_000, "about")


@pytest.mark.parametrize("text", [
    "5,000 + 10,000 - 12,000 troops",
    "(10,000 - 12,000) troops",
    "10,000 - 12,000 - 500",
    "2 × 10,000 - 12,000",
])
def test_a_spaced_hyphen_from_smaller_to_larger_inside_an_expression_is_refused(
        text: str) -> None:
    err = refusal(text)
    assert err.position == text.index("10,000 - 12,000") + len("10,000 ")  # the hyphen
    assert "ambiguous" in err.message
    assert "10,000–12,000 or 10,000 to 12,000 for a range" in err.message
    assert "10,000 − 12,000 or 10,000 minus 12,000 to subtract" in err.message
    assert "−2,000" in err.message  # the subtraction's value, shown


def test_the_command_reads_a_spaced_hyphen_alone_as_the_range(
        capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = cli(capsys, "10,000", "-", "12,000", "troops", "--json", "--n", N)
    data = json.loads(out)
    assert status == 0
    assert data["bounds"] == [10_000, 12_000]
    assert 10_000 <= data["median"] <= 12_000
    assert any("read as the range" in a for a in data["assumptions"])
    status, out, _ = cli(capsys, "10,000 - 12,000 troops", "--n", N)
    assert status == 0 and "-2,000" not in out and "read as the range" in out


def test_the_command_refuses_a_spaced_hyphen_inside_an_expression(
        capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = cli(capsys, "5,000 + 10,000 - 12,000 troops", "--n", N)
    assert status == 2 and out == ""
    assert err.startswith("ranges: error: a spaced hyphen between 10,000 and 12,000")
    assert "at position 15" in err  # the hyphen


# -- typos ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "word", "suggestion"), [
    ("12kk troops", "kk", "'12k'"),
    ("12kk", "kk", "'12k'"),
    ("10k-12kk", "kk", "'12k'"),
    ("3kms", "kms", "'3km'"),
    ("5bnn", "bnn", "'5bn'"),
    ("5 + 7tousand", "tousand", "'7 thousand'"),
])
def test_an_unknown_word_glued_to_a_number_is_refused_with_a_suggestion(
        text: str, word: str, suggestion: str) -> None:
    err = refusal(text)
    assert err.position == text.index(word), err  # the caret under the word
    assert f"{word!r} glued to" in err.message
    assert f"did you mean {suggestion}" in err.message


def test_a_glued_word_with_nothing_close_says_what_was_expected() -> None:
    err = refusal("12tanks")
    assert err.position == 2
    assert "not a scale word or a unit symbol" in err.message
    assert "write a unit apart from the number: '12 tanks'" in err.message


@pytest.mark.parametrize(("text", "at", "advice"), [
    ("5 USD million", 6, "write 'USD 5 million' or '5 million USD'"),
    ("5 USD millions", 6, "write 'USD 5 million' or '5 million USD'"),
    ("5 troops thousand", 9, "write '5 thousand troops'"),
])
def test_a_scale_word_after_the_unit_is_refused_with_the_way_to_write_it(
        text: str, at: int, advice: str) -> None:
    err = refusal(text)
    assert err.position == at
    assert advice in err.message


@pytest.mark.parametrize(("text", "meant"), [
    ("5 thousands troops", "'5 thousand troops'"),
    ("5 milion troops", "'5 million troops'"),
])
def test_a_misspelt_scale_word_after_a_number_is_not_dropped(text: str, meant: str) -> None:
    err = refusal(text)
    assert err.position == 2
    assert f"did you mean {meant}" in err.message


def test_a_unit_refused_by_the_unit_system_is_a_parse_error_under_that_word(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # the unit system refuses a misspelt unit word with a UnitError that names the
    # word and its suggestions (ranges.errors.UnknownUnitError); stand one in here
    class Refused(UnitError):
        def __init__(self, word: str) -> None:
            super().__init__(f"{word!r} is not a unit ranges knows: did you mean 'troops'?")
            self.word = word

    def refuse(*args: object, **kwargs: object) -> rg.Estimate:
        raise Refused("tropos")

    monkeypatch.setattr(_build, "estimate_stated", refuse)
    err = refusal("12 big tropos")
    assert err.position == len("12 big ")  # under "tropos", not under "big"
    assert "did you mean 'troops'?" in err.message
