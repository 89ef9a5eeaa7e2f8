"""Range arithmetic: every pointwise result lies inside the computed interval
(Hypothesis), and the bounds engine holds every Monte Carlo sample of models built
from hard-bounded inputs."""

from __future__ import annotations

import math
import operator
from collections.abc import Callable

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ranges as rg
from ranges.core._interval import Interval

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
fraction = st.floats(min_value=0.0, max_value=1.0)


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    a, b = draw(finite), draw(finite)
    return Interval(min(a, b), max(a, b))


def _point(interval: Interval, t: float) -> float:
    return min(interval.high, max(interval.low, interval.low + t * (interval.high - interval.low)))


def _inside(value: float, interval: Interval) -> bool:
    if interval.low <= value <= interval.high:
        return True
    slack = 1e-9 * max(1.0, abs(value), abs(interval.low), abs(interval.high))
    return interval.low - slack <= value <= interval.high + slack


OPS: dict[str, tuple[Callable[[Interval, Interval], Interval], Callable[[float, float], float]]] = {
    "add": (operator.add, operator.add),
    "sub": (operator.sub, operator.sub),
    "mul": (operator.mul, operator.mul),
    "div": (operator.truediv, operator.truediv),
    "min": (Interval.minimum, min),
    "max": (Interval.maximum, max),
}


@settings(max_examples=400, deadline=None)
@given(intervals(), intervals(), fraction, fraction, st.sampled_from(sorted(OPS)))
def test_pointwise_results_lie_inside_the_interval(
    a: Interval, b: Interval, s: float, t: float, name: str
) -> None:
    interval_op, point_op = OPS[name]
    x, y = _point(a, s), _point(b, t)
    if name == "div" and b.contains_zero():
        with pytest.raises(rg.BoundsError, match="contains 0"):
            interval_op(a, b)
        return
    result = interval_op(a, b)
    assert _inside(point_op(x, y), result)
    # and the interval is tight: its ends are reached by end points of the inputs
    ends = [point_op(p, q) for p in (a.low, a.high) for q in (b.low, b.high)]
    assert math.isclose(min(ends), result.low, rel_tol=1e-12, abs_tol=1e-12)
    assert math.isclose(max(ends), result.high, rel_tol=1e-12, abs_tol=1e-12)


@settings(max_examples=300, deadline=None)
@given(intervals(), fraction, st.integers(min_value=-3, max_value=4))
def test_integer_powers_hold_every_point(a: Interval, s: float, k: int) -> None:
    x = _point(a, s)
    if k < 0 and a.contains_zero():
        with pytest.raises(rg.BoundsError):
            a.power(k)
        return
    with np.errstate(all="ignore"):
        value = float(np.float64(x) ** k)
    assert _inside(value, a.power(k))


@st.composite
def bounded_models(draw: st.DrawFn) -> rg.Estimate:
    """A random expression over hard-bounded positive inputs (some reused)."""
    leaves = []
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        low = draw(st.floats(min_value=0.5, max_value=100))
        width = draw(st.floats(min_value=0.01, max_value=100))
        leaves.append(rg.between(low, low + width, shape="bounds"))
    model: rg.Estimate = leaves[0]
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        other = draw(st.sampled_from(leaves))
        op = draw(st.sampled_from(["+", "-", "*", "/", "min", "max", "log", "sqrt"]))
        if op == "+":
            model = model + other
        elif op == "-":
            model = model - other
        elif op == "*":
            model = model * other
        elif op == "/":
            model = model / other
        elif op == "min":
            model = rg.minimum(model, other)
        elif op == "max":
            model = rg.maximum(model, other)
        elif op == "log":
            model = np.log(np.abs(model) + 1)
        else:
            model = np.sqrt(np.abs(model))
    return model


@settings(max_examples=60, deadline=None)
@given(bounded_models(), st.integers(min_value=0, max_value=2**32))
def test_every_monte_carlo_sample_lies_within_the_range_bounds(
    model: rg.Estimate, seed: int
) -> None:
    samples = model.sample(2_000, rng=seed)
    bounds = model.bounds()
    slack = 1e-9 * max(1.0, abs(bounds.low), abs(bounds.high))
    assert np.all(samples >= bounds.low - slack)
    assert np.all(samples <= bounds.high + slack)


def test_range_arithmetic_examples() -> None:
    x, y = rg.between(10_000, 12_000), rg.between(3_000, 4_000)
    assert (x + y).bounds() == Interval(13_000, 16_000)
    assert (x - y).bounds() == Interval(6_000, 9_000)
    assert (rg.between(-2, 3) * rg.between(-5, 4)).bounds() == Interval(-15, 12)
    assert (x / rg.between(2, 4)).bounds() == Interval(2_500, 6_000)
    assert (x - x).bounds() == Interval(-2_000, 2_000)  # conservative for a reused input
    with pytest.raises(rg.BoundsError, match="can be 0"):
        (x / rg.between(-1, 1)).bounds()
    assert (rg.at_least(5) + 1).bounds() == Interval(6, math.inf)
    assert rg.normal(0, 1).bounds() == Interval(-math.inf, math.inf)
    assert rg.uniform(1, 2).bounds() == Interval(1, 2)
    assert np.log(rg.between(1, math.e)).bounds().high == pytest.approx(1.0)
    with pytest.raises(rg.BoundsError, match="below 0"):
        np.sqrt(rg.between(-1, 1)).bounds()
