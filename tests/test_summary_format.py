"""Summaries hold numbers that agree with the statistic methods; formatting shows
exactly those numbers, rounded, with the unit, the level and the readings."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

import ranges as rg
from ranges.engines import clear_cache
from ranges.format import (
    describe_note,
    expression,
    format_interval,
    format_number,
    format_range,
    one_line,
    report,
)


def test_summary_agrees_with_the_statistic_methods(troops: rg.Estimate) -> None:
    s = troops.summary(engine="mc", n=50_000, rng=4)
    clear_cache()  # the statistic methods draw again: same seed, same numbers
    q = troops.quantile([0.05, 0.5, 0.95], engine="mc", n=50_000, rng=4)
    clear_cache()
    assert (s.low, s.median, s.high) == pytest.approx(tuple(q), rel=1e-12)
    assert s.mean == pytest.approx(troops.mean(engine="mc", n=50_000, rng=4), rel=1e-12)
    assert s.bounds == rg.Interval(13_000, 16_000)
    assert s.unit == "troops" and s.level == 0.9 and s.n == 50_000 and s.seed == 4
    assert s.engine == "mc"
    # numerical errors are small next to the spread and positive
    assert 0 < s.errors["median"] < 0.01 * s.std
    # sum of two lognormal medians is close to the median of the sum
    assert s.median == pytest.approx(np.sqrt(10_000 * 12_000) + np.sqrt(3_000 * 4_000), rel=0.01)
    assert len(s.inputs) == 2 and s.inputs[0].note.shape == "lognormal"
    data = json.loads(json.dumps(s.to_dict()))
    assert data["bounds"] == [13_000, 16_000]


def test_one_line_answer_shows_the_summary_numbers(troops: rg.Estimate) -> None:
    text = str(troops)
    s = troops.summary()
    assert s.engine == "exact"  # a sum of independent inputs is computed, not sampled
    pattern = (r"^([\d,]+) troops \(90% interval ([\d,]+)–([\d,]+)\); "
               r"ranges added end to end: 13,000–16,000$")
    match = re.match(pattern, text)
    assert match, text
    assert match.group(1) == format_number(s.median)
    assert match.group(2) == format_number(s.low)
    assert match.group(3) == format_number(s.high)
    assert text == one_line(s)


@pytest.mark.parametrize(
    "value,expected",
    [
        (15_034, "15,000"),
        (14_149.9, "14,100"),
        (999.5, "1,000"),
        (0.012345, "0.0123"),
        (2.5, "2.5"),
        (-1_234, "-1,230"),
        (0, "0"),
        (1_234_567, "1.23 million"),
        (999_999, "1 million"),  # rounded first, then scaled
        (-2.5e9, "-2.5 billion"),
        (float("inf"), "∞"),
        (2e20, "2.00e+20"),
    ],
)
def test_format_number(value: float, expected: str) -> None:
    assert format_number(value) == expected


def test_ranges_and_notes_read_naturally() -> None:
    assert format_range(14_123, 15_876, "troops") == "14,100–15,900 troops"
    assert format_range(3e9, 4e9, "USD") == "USD 3–4 billion"
    assert format_range(800_000, 1.2e6, "people") == "0.8–1.2 million people"
    # no shared scale word when the smaller end would vanish in it, and none for one
    # end alone ("123–4 billion" would read as 123 billion)
    assert format_range(123, 4e9) == "123–4,000,000,000"
    assert format_range(5, 7, "%") == "5–7%"
    assert format_interval(rg.Interval(3_000, float("inf")), "troops") == "3,000 or more troops"
    est = rg.between(10_000, 12_000, unit="troops", shape="bounds")
    assert est.leaf is not None
    assert describe_note(est.leaf.note, "troops") == (
        "10,000–12,000 troops read as hard bounds (flat on exactly that range)")
    about = rg.about(5_000, unit="workers")
    assert about.leaf is not None
    assert describe_note(about.leaf.note, "workers").startswith("about 5,000 workers read as")


def test_report_lists_inputs_and_assumptions() -> None:
    model = rg.between(10_000, 12_000, unit="troops", name="last fall") + rg.vague(
        "thousands", unit="troops")
    s = model.summary(engine="mc", n=20_000, rng=1)
    text = report(s)
    assert "last fall: 10,000–12,000 troops read as the 90% interval of a lognormal" in text
    assert "assumptions:" in text and "'thousands' read as 2,000 to 10,000" in text
    assert s.assumptions and all(a in text for a in s.assumptions)
    assert str(s) == text
    assert "seed 1" in text and "20,000 samples" in text


def test_expression_rendering() -> None:
    a, b = rg.between(1, 2), rg.between(3, 4, name="b")
    assert expression(a * (b + 1)) == "[1–2] × (b + 1)"
    assert expression(a - (b - a)) == "[1–2] − (b − [1–2])"
    assert expression(-(a + b)) == "−([1–2] + b)"
    assert expression(np.log(a)) == "log([1–2])"


def test_contributions_add_up_to_the_total() -> None:
    parts = [rg.between(10_000, 12_000), rg.between(3_000, 4_000), rg.between(800, 1_200)]
    model = parts[0] + parts[1] - parts[2]
    shares = rg.contributions(model, n=50_000, rng=2)
    assert [c.term for c in shares] == parts
    assert [c.sign for c in shares] == [1.0, 1.0, -1.0]
    assert sum(c.share_of_variance for c in shares) == pytest.approx(1.0, abs=1e-9)
    assert sum(c.mean for c in shares) == pytest.approx(
        model.mean(engine="mc", n=50_000, rng=2), rel=1e-9)
    # variance shares of independent terms are their variance over the total's variance
    widest = shares[0]
    assert widest.share_of_variance > shares[1].share_of_variance > shares[2].share_of_variance
    x = rg.between(1, 2)
    correlated = rg.contributions(x + x, n=10_000, rng=1)
    assert [c.share_of_variance for c in correlated] == pytest.approx([0.5, 0.5])


def test_a_divisor_through_zero_warns_that_the_mean_may_not_exist() -> None:
    ratio = rg.between(1, 2) / rg.between(-1, 1)  # a normal reading: density at 0
    s = ratio.summary(n=20_000, rng=1)
    assert s.bounds is None and "can be 0" in (s.bounds_note or "")
    (warning,) = s.warnings
    assert "mean and sd may not exist" in warning
    assert f"warning: {warning}" in str(s)
    assert list(s.to_dict()["warnings"]) == [warning]
    safe = (rg.between(1, 2) / rg.between(1, 2)).summary(n=20_000, rng=1)
    assert safe.warnings == () and "warning" not in str(safe)
