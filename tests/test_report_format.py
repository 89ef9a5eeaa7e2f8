"""format_summary (what format(est, spec) shows) and short_repr (what repr(est) shows):
the answer's numbers, written with the spec, never a bare ValueError."""

from __future__ import annotations

import re

import pytest

import ranges as rg
from ranges.format import (
    expression,
    format_number,
    format_range,
    format_summary,
    how_computed,
    one_line,
    short_repr,
)
from ranges.report._summary import Summary


@pytest.fixture(scope="module")
def summary() -> Summary:
    total = rg.between(10_000, 12_000, unit="troops") + rg.between(3_000, 4_000, unit="troops")
    return total.summary(n=20_000, rng=3)


NUMBERS = re.compile(
    r"^(?P<median>[\d.,]+) troops \(90% interval (?P<low>[\d.,]+)–(?P<high>[\d.,]+)\)$"
)


def _numbers(text: str) -> tuple[float, float, float]:
    match = NUMBERS.match(text)
    assert match, text
    median, low, high = (float(match[name].replace(",", "")) for name in ("median", "low", "high"))
    return median, low, high


def test_a_fixed_point_spec_writes_each_number_to_that_many_decimals(summary: Summary) -> None:
    text = format_summary(summary, ".2f")
    median, low, high = _numbers(text)
    assert (median, low, high) == pytest.approx((summary.median, summary.low, summary.high),
                                                abs=0.005 + 1e-9)
    assert re.fullmatch(r"\d+\.\d\d troops \(90% interval \d+\.\d\d–\d+\.\d\d\)", text), text


def test_a_spec_with_separators_groups_thousands(summary: Summary) -> None:
    text = format_summary(summary, ",.0f")
    assert re.fullmatch(r"\d\d,\d\d\d troops \(90% interval \d\d,\d\d\d–\d\d,\d\d\d\)", text)
    assert _numbers(text) == pytest.approx((summary.median, summary.low, summary.high),
                                           abs=0.5 + 1e-9)


def test_an_empty_spec_is_the_usual_one_line_answer(summary: Summary) -> None:
    assert format_summary(summary, "") == one_line(summary)
    assert "ranges added end to end: 13,000–16,000" in format_summary(summary, "")


@pytest.mark.parametrize("spec", [".2q", "d", "s", ".2f.", "x"])
def test_an_invalid_spec_is_an_input_error_naming_it(summary: Summary, spec: str) -> None:
    with pytest.raises(rg.InputError, match=re.escape(repr(spec))) as info:
        format_summary(summary, spec)
    assert type(info.value) is rg.InputError  # not a bare ValueError
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_an_exact_value_is_formatted_once_and_said_to_be_exact() -> None:
    seven = rg.exactly(7, unit="troops").summary()
    assert format_summary(seven, ".1f") == "7.0 troops (exact)"
    assert short_repr(seven, "7") == "<Estimate 7 troops: exactly 7>"


def test_a_currency_stays_in_front(summary: Summary) -> None:
    money = rg.between(3.5, 4.5, unit="USD").summary(n=20_000, rng=1)
    assert format_summary(money, ".2f").startswith(f"USD {money.median:.2f} (90% interval ")


def test_short_repr_shows_the_expression_and_the_answer(summary: Summary) -> None:
    total = rg.between(10_000, 12_000, unit="troops") + rg.between(3_000, 4_000, unit="troops")
    text = short_repr(summary, expression(total))
    assert text == (f"<Estimate [10,000–12,000] + [3,000–4,000] troops: median "
                    f"{format_number(summary.median)}, 90% interval "
                    f"{format_range(summary.low, summary.high)}>")
    # the rounded numbers are the summary's
    match = re.search(r"median ([\d,]+), 90% interval ([\d,]+)–([\d,]+)>$", text)
    assert match
    shown = [float(group.replace(",", "")) for group in match.groups()]
    assert shown == pytest.approx([summary.median, summary.low, summary.high], rel=0.005)


def test_how_computed_says_engine_and_samples(summary: Summary) -> None:
    assert how_computed(summary) == "engine exact (computed, not sampled)"
    sampled = rg.between(1, 2).summary(engine="mc", n=5_000, rng=9)
    assert how_computed(sampled) == "engine mc, 5,000 samples, seed 9"
