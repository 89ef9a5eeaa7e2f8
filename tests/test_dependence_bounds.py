"""Bounds on a quantile under any dependence between the inputs
(``est.quantile_bounds``, ``rg.dependence_bounds``, ``rg.dependence_pbox``).

The evidence, each against a reference computed another way:

* small discrete inputs (equally likely atoms), every coupling that pairs atoms
  enumerated by brute force: the bounds contain every q-quantile reached, and for two
  inputs (where the Williamson–Downs bound is sharp) they equal the smallest and the
  largest of them exactly;
* sums of uniforms, whose sharp bounds are known in closed form (their tails are
  jointly mixable: Wang and Wang 2016), and Pareto sums against the formula of McNeil,
  Frey and Embrechts (2015, Prop. 8.32) for the largest quantile;
* couplings one can write down (independent, comonotonic, countermonotonic, and the
  independent answer of the exact engine and of Monte Carlo on random graphs) give
  quantiles inside the bounds;
* products and ratios of positive inputs against the pairwise formula evaluated on a
  fine grid of levels; refusals name what they cannot bound.
"""

from __future__ import annotations

import itertools
import math
import random
from typing import Any

import numpy as np
import pytest
from graphs import SeededChooser, random_graph
from scipy import optimize, stats

import ranges as rg
from ranges.core._interval import Interval
from ranges.distributions import Distribution
from ranges.engines._dependence import max_plus, rearranged_minimum
from ranges.reading._policy import LeafSpec, parameters_note


class Atoms(Distribution):
    """Equally likely atoms (a test-only discrete distribution)."""

    family = "atoms"

    def __init__(self, values: Any) -> None:
        self.values = np.sort(np.asarray(values, dtype=float))

    @property
    def params(self) -> dict[str, float]:
        return {f"x{i}": float(v) for i, v in enumerate(self.values)}

    def sample(self, n: int, rng: np.random.Generator) -> Any:
        return rng.choice(self.values, n)

    def ppf(self, q: Any) -> Any:
        """The left-continuous quantile: the smallest atom whose CDF reaches q."""
        index = np.ceil(np.asarray(q, dtype=float) * self.values.size).astype(int) - 1
        return self.values[np.clip(index, 0, self.values.size - 1)]

    def cdf(self, x: Any) -> Any:
        return np.searchsorted(self.values, np.asarray(x, dtype=float), side="right") \
            / self.values.size

    def pdf(self, x: Any) -> Any:
        return np.zeros(np.shape(x))

    def mean(self) -> float:
        return float(self.values.mean())

    def std(self) -> float:
        return float(self.values.std())

    def support(self) -> tuple[float, float]:
        return float(self.values[0]), float(self.values[-1])


def atoms(values: Any) -> rg.Estimate:
    dist = Atoms(values)
    return rg.Estimate.from_leaf(LeafSpec(dist, Interval(*dist.support()),
                                          parameters_note(dist)))


def flat(low: float, high: float) -> rg.Estimate:
    return rg.between(low, high, shape="bounds")


def brute_force_quantiles(values: list[np.ndarray], q: float) -> np.ndarray:
    """The q-quantile of the sum under every coupling that pairs the atoms of the
    inputs (a permutation of each input after the first); q·n is not a whole number,
    so the quantile is one order statistic."""
    n = values[0].size
    rank = math.floor(q * n)
    found = []
    for perms in itertools.product(itertools.permutations(range(n)), repeat=len(values) - 1):
        total = values[0].copy()
        for column, perm in zip(values[1:], perms, strict=True):
            total = total + column[list(perm)]
        found.append(np.sort(total)[rank])
    return np.array(found)


LEVELS_Q = (0.1, 0.3, 0.5, 0.7, 0.9)


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_two_discrete_inputs_bounds_are_attained_by_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    values = [np.sort(rng.integers(0, 20, 5).astype(float)) for _ in range(2)]
    est = atoms(values[0]) + atoms(values[1])
    for q in LEVELS_Q:
        reached = brute_force_quantiles(values, q)
        found = rg.dependence_bounds(est, q)
        # Williamson–Downs is sharp for two inputs: equal to the brute force
        assert found.interval.low == pytest.approx(reached.min(), abs=1e-9)
        assert found.interval.high == pytest.approx(reached.max(), abs=1e-9)
        assert found.pairwise == found.interval


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_three_discrete_inputs_contain_every_coupling(seed: int) -> None:
    rng = np.random.default_rng(seed)
    values = [np.sort(rng.integers(0, 20, 5).astype(float)) for _ in range(3)]
    est = atoms(values[0]) + atoms(values[1]) - atoms(-values[2])
    for q in LEVELS_Q:
        reached = brute_force_quantiles(values, q)
        found = rg.dependence_bounds(est, q)
        assert found.interval.low <= reached.min() and reached.max() <= found.interval.high
        assert found.pairwise.low <= found.interval.low
        assert found.interval.high <= found.pairwise.high
        # what explicit couplings reach lies inside the answer
        assert found.attained is not None
        assert found.interval.low <= found.attained.low
        assert found.attained.high <= found.interval.high


def test_discrete_difference_and_scaling_match_brute_force() -> None:
    x, y = np.array([1.0, 4, 6, 9, 15]), np.array([0.0, 2, 3, 7, 8])
    est = 2 * atoms(x) - atoms(y) / 4
    for q in LEVELS_Q:
        reached = brute_force_quantiles([2 * x, -y / 4], q)
        found = rg.dependence_bounds(est, q)
        assert found.interval.low == pytest.approx(reached.min(), abs=1e-9)
        assert found.interval.high == pytest.approx(reached.max(), abs=1e-9)


# -- closed forms -------------------------------------------------------------------------
@pytest.mark.parametrize("terms", [3, 5, 8])
@pytest.mark.parametrize("q", [0.1, 0.75, 0.95])
def test_identical_uniforms_reach_the_known_sharp_bounds(terms: int, q: float) -> None:
    # d Uniform(0, 1) terms, d >= 2: their tails are jointly mixable, so the largest
    # q-quantile is the mean of the upper tails, d(1 + q)/2, the smallest d·q/2
    est = sum(flat(0, 1) for _ in range(terms))
    found = est.quantile_bounds(q)
    tolerance = terms * 2 / 2000
    assert found.low <= terms * q / 2 <= found.low + tolerance
    assert found.high - tolerance <= terms * (1 + q) / 2 <= found.high
    details = rg.dependence_bounds(est, q)
    # the iterated pairwise bound: (d − 1) + q at the top, its mirror image at the bottom
    assert details.pairwise.high == pytest.approx(terms - 1 + q, abs=tolerance)
    assert details.pairwise.low == pytest.approx(q, abs=tolerance)
    assert details.rearrangement is not None
    assert details.rearrangement.high == pytest.approx(terms * (1 + q) / 2, abs=tolerance)


def test_the_four_readings_of_the_issue() -> None:
    readings = [flat(10_000, 12_000), flat(3_000, 4_000), flat(800, 1_200), flat(4_000, 6_000)]
    found = rg.dependence_bounds(sum(readings), 0.05)
    # pairwise, exactly: 17,800 + 2,000 q and 21,200 + 2,000 q; ours errs outward by
    # half a level of 1/2,010
    assert 17_899 <= found.pairwise.low <= 17_900 and 21_300 <= found.pairwise.high <= 21_301
    # sharp (the tails are jointly mixable): the lower and upper tails' means
    sharp_low = 17_800 + 0.05 * (2_000 + 1_000 + 400 + 2_000) / 2
    sharp_high = 20_500 + 0.05 * 5_400 / 2
    assert (sharp_low, sharp_high) == (17_935, 20_635)
    assert found.interval.low <= sharp_low <= found.interval.low + 2
    assert found.interval.high - 2 <= sharp_high <= found.interval.high
    assert found.terms == 4 and found.levels == 2010


def _pareto_worst(q: float, terms: int, theta: float) -> float:
    """The largest q-quantile of a sum of ``terms`` Pareto(theta) (support from 1)
    variables: McNeil, Frey and Embrechts (2015), Proposition 8.32."""
    def quantile(t: float) -> float:
        return float((1 - t) ** (-1 / theta))

    def integral(a: float, b: float) -> float:
        power = 1 - 1 / theta
        return float(((1 - a) ** power - (1 - b) ** power) / power)

    def gap(c: float) -> float:
        low = q + (terms - 1) * c
        return integral(low, 1 - c) - ((1 - q) / terms - c) * (
            (terms - 1) * quantile(low) + quantile(1 - c))

    top = (1 - q) / terms
    c = optimize.brentq(gap, 1e-14 * top, top * (1 - 1e-9), xtol=1e-15)
    return (terms - 1) * quantile(q + (terms - 1) * c) + quantile(1 - c)


def test_pareto_sum_brackets_the_known_worst_quantile() -> None:
    est = sum(rg.from_scipy(stats.pareto(2.0)) for _ in range(3))
    worst = _pareto_worst(0.9, 3, 2.0)  # 15.49
    found = rg.dependence_bounds(est, 0.9, levels=4000)
    assert found.attained is not None and found.rearrangement is not None
    # an explicit coupling reaches the attained end; the answer is outward of the truth
    assert found.attained.high <= worst <= found.interval.high
    assert found.interval == found.guaranteed
    # the rearrangement estimate is within half a percent of the sharp bound
    sharp = rg.dependence_bounds(est, 0.9, levels=4000, rearrangement=True)
    assert found.attained.high <= worst <= sharp.interval.high <= worst * 1.005
    # the pairwise bound alone is 6% wider
    assert found.pairwise.high > worst * 1.05


# -- couplings one can write down lie inside ----------------------------------------------
def _mixed_inputs() -> list[rg.Estimate]:
    return [rg.between(10, 20), rg.between(5, 9, shape="normal"), flat(1, 4),
            rg.triangular(0, 2, 10)]


@pytest.mark.parametrize("q", [0.05, 0.5, 0.9])
def test_comonotonic_and_independent_quantiles_lie_inside(q: float) -> None:
    inputs = _mixed_inputs()
    est = inputs[0] + 2 * inputs[1] - inputs[2] + inputs[3]
    found = est.quantile_bounds(q)
    coefficients = [1, 2, -1, 1]
    comonotonic = sum(c * float(x.quantile(q if c > 0 else 1 - q, engine="exact"))
                      for c, x in zip(coefficients, inputs, strict=True))
    assert found.contains(comonotonic)
    assert found.contains(est.quantile(q, engine="exact"))


def test_countermonotonic_ratio_and_product_of_positive_inputs() -> None:
    a, b, c = rg.between(2, 5, shape="bounds"), rg.between(1, 3), rg.loguniform(1, 10)
    u = np.linspace(0.0005, 0.9995, 2000)
    qa, qb, qc = (np.asarray(x.leaf.distribution.ppf(u)) for x in (a, b, c))
    for q in (0.1, 0.5, 0.95):
        ratio = (a * c / b).quantile_bounds(q)
        for values in (qa * qc / qb, qa * qc[::-1] / qb, qa * qc / qb[::-1]):
            assert ratio.contains(float(np.quantile(values, q)))
        assert ratio.contains((a * c / b).quantile(q, engine="exact"))


@pytest.mark.parametrize("q", [0.05, 0.5, 0.95])
def test_a_factor_never_positive_turns_the_product_over(q: float) -> None:
    # found by the random-graph test: the sign of a never-positive factor must also
    # turn the level over (the 5th percentile of −|x|·y is minus the 95th of |x|·y)
    x, y = rg.between(-5, 0, shape="bounds"), rg.between(0.1, 0.2, shape="pert")
    found = (x * y).quantile_bounds(q)
    mirrored = ((-x) * y).quantile_bounds(1 - q)
    assert (found.low, found.high) == pytest.approx((-mirrored.high, -mirrored.low))
    assert found.contains((x * y).quantile(q, engine="mc", n=200_000, rng=1))


@pytest.mark.parametrize("q", [0.05, 0.3, 0.8])
def test_product_of_two_positive_inputs_matches_the_pairwise_formula(q: float) -> None:
    a, b = rg.between(2, 5, shape="bounds"), rg.lognormal(median=3.0, sigma=0.4)
    found = (a * b).quantile_bounds(q)
    qa, qb = a.leaf.distribution.ppf, b.leaf.distribution.ppf
    # smallest: sup over u in [0, q] of Qa(u)·Qb(q − u); largest: inf over u in [q, 1]
    # of Qa(u)·Qb(1 + q − u), on a fine grid (the ends excluded: Qb(0) = 0, Qb(1) = ∞)
    low_u = np.linspace(0, q, 200_001)[1:-1]
    high_u = np.linspace(q, 1, 200_001)[1:-1]
    low = float(np.max(qa(low_u) * qb(q - low_u)))
    high = float(np.min(qa(high_u) * qb(1 + q - high_u)))
    assert found.low <= low <= found.low * (1 + 3e-3)
    assert found.high * (1 - 3e-3) <= high <= found.high


def test_random_graphs_monte_carlo_quantile_lies_inside() -> None:
    checked = 0
    for seed in range(120):
        model = random_graph(SeededChooser(random.Random(seed))).build()
        for q in (0.05, 0.5, 0.95):
            try:
                found = model.quantile_bounds(q, levels=400)
            except rg.DependenceError:
                break
            draws = model.sample(1 << 14, rng=seed)
            # the independent coupling's q-quantile is inside; the sample quantiles a
            # hundredth of probability either side bracket it (binomial: 5 sd)
            above = float(np.quantile(draws, min(q + 0.01, 1.0)))
            below = float(np.quantile(draws, max(q - 0.01, 0.0)))
            slack = 1e-9 * max(abs(above), abs(below), 1.0)
            assert found.low <= above + slack and below - slack <= found.high, \
                (seed, q, found)
            checked += 1
    assert checked >= 100


# -- structure ------------------------------------------------------------------------------
def test_a_leaf_minus_itself_cancels_and_a_shared_leaf_is_allowed() -> None:
    x, y = rg.between(10, 20, shape="bounds"), rg.between(1, 2, shape="bounds")
    assert (x - x + 3).quantile_bounds(0.5) == Interval(3, 3)
    assert (x / x * 7).quantile_bounds(0.5) == Interval(7, 7)
    shared = x + x * y
    found = shared.quantile_bounds(0.5)
    assert found.contains(shared.quantile(0.5, engine="mc", rng=1))
    # treating the two uses as free is wider than the truth: 2x at most 40 at the top
    assert found.high >= (x * 2).quantile_bounds(0.5).high


def test_monotone_maps_units_and_negation() -> None:
    parts = [flat(1, 2), flat(3, 5), flat(2, 6)]
    total = parts[0] + parts[1] + parts[2]
    inner = total.quantile_bounds(0.3)
    logged = np.log(total).quantile_bounds(0.3)
    assert logged.low == pytest.approx(math.log(inner.low))
    assert logged.high == pytest.approx(math.log(inner.high))
    mirrored = (-total).quantile_bounds(0.7)
    assert (mirrored.low, mirrored.high) == pytest.approx((-inner.high, -inner.low))
    in_metres = sum(rg.between(lo, hi, shape="bounds", unit="km") for lo, hi in
                    ((1, 2), (3, 5), (2, 6))).to("m").quantile_bounds(0.3)
    assert (in_metres.low, in_metres.high) == pytest.approx((1000 * inner.low,
                                                             1000 * inner.high))


def test_infinite_tails_give_infinite_ends_not_nan() -> None:
    a, b, c = rg.normal(0, 1), rg.normal(5, 2), rg.at_least(3)
    found = rg.dependence_bounds(a + b + c, 0.05)
    assert all(math.isfinite(v) for v in (found.interval.low, found.interval.high))
    box = rg.dependence_pbox(a + b + c, levels=200)
    assert box.lower_quantile[0] == -math.inf and box.upper_quantile[-1] == math.inf
    assert not np.isnan(box.lower_quantile).any() and not np.isnan(box.upper_quantile).any()
    assert a.quantile_bounds(0.5).contains(0.0)


def test_pbox_cdf_bounds_contain_the_independent_cdf() -> None:
    est = rg.between(10, 20) + flat(0, 5) * 2 + rg.normal(3, 1)
    box = rg.dependence_pbox(est, levels=500)
    assert box.levels.size == 501 and box.lower_quantile.size == 500
    x = np.linspace(0, 60, 61)
    lowest, highest = box.cdf_bounds(x)
    independent = est.evaluate(engine="exact").cdf(x)
    assert np.all(lowest <= independent + 1e-9) and np.all(independent <= highest + 1e-9)
    assert np.all(np.diff(lowest) >= 0) and np.all(lowest <= highest)
    # the box and the quantile bounds say the same thing
    cell = box.quantile_bounds(0.4253)
    assert cell.low == box.lower_quantile[212] and cell.high == box.upper_quantile[212]


def test_same_call_same_numbers() -> None:
    est = sum(rg.lognormal(median=m, sigma=0.5) for m in (1, 2, 3, 4))
    first, second = rg.dependence_bounds(est, 0.95), rg.dependence_bounds(est, 0.95)
    assert first == second


def test_rearrangement_and_max_plus_small_cases() -> None:
    assert rearranged_minimum([np.array([0.0, 1, 2]), np.array([0.0, 1, 2]),
                               np.array([0.0, 1, 2])]) == 3.0
    assert rearranged_minimum([np.array([1.0, np.inf]), np.array([1.0, 2.0])]) == 3.0
    assert rearranged_minimum([np.array([-np.inf, 1.0])]) is None
    a, b = np.array([0.0, 3, 4, 10]), np.array([1.0, 2, 6, 7])
    expected = [max(a[j] + b[i - j] for j in range(i + 1)) for i in range(4)]
    assert max_plus(a, b).tolist() == expected


# -- refusals -------------------------------------------------------------------------------
@pytest.mark.parametrize(("build", "words"), [
    (lambda a, b: rg.minimum(a, b) + a, "no rule for min"),
    (lambda a, b: rg.normal(0, 1) * a, "can be negative"),
    (lambda a, b: a ** b, "uncertain exponent"),
    (lambda a, b: np.sin(a + b), "sin is not monotone"),
    (lambda a, b: np.log(a - b), "below 0"),
])
def test_refusals_say_what_and_where(build: Any, words: str) -> None:
    a, b = rg.between(1, 3, shape="bounds"), rg.between(2, 4, shape="bounds")
    with pytest.raises(rg.DependenceError, match=words) as caught:
        build(a, b).quantile_bounds(0.5)
    assert "cannot bound" in str(caught.value)
    assert isinstance(caught.value, rg.BoundsError)


@pytest.mark.parametrize("q", [0.0, 1.0, -0.1, float("nan")])
def test_q_outside_zero_one_is_an_input_error(q: float) -> None:
    with pytest.raises(rg.InputError, match="strictly between 0 and 1"):
        flat(1, 2).quantile_bounds(q)


def test_levels_are_checked() -> None:
    with pytest.raises(rg.InputError, match="levels must be"):
        rg.dependence_bounds(flat(1, 2), 0.5, levels=3)
    with pytest.raises(rg.InputError, match="levels must be"):
        rg.dependence_pbox(flat(1, 2), levels=2.5)  # type: ignore[arg-type]


@pytest.mark.parametrize("q", [0.1, 0.5, 0.9])
def test_a_power_of_a_never_positive_sum(q: float) -> None:
    # S = a + b + c, three Uniform(−3, −1): sharp bounds on its u-quantile are
    # −9 + 3u (smallest) and −9 + 3(1 + u) (largest), the sum of three uniforms'
    # closed forms; S³ increases, S² decreases (S < 0)
    a, b, c = (flat(-3, -1) for _ in range(3))
    total = a + b + c

    def sharp(u: float) -> tuple[float, float]:
        return -9 + 3 * u, -9 + 3 * (1 + u)

    cubed = (total**3).quantile_bounds(q)
    low, high = sharp(q)
    assert cubed.low == pytest.approx(low**3, rel=5e-3)
    assert cubed.high == pytest.approx(high**3, rel=5e-3)
    assert cubed.low <= low**3 and high**3 <= cubed.high
    squared = (total**2).quantile_bounds(q)
    low, high = sharp(1 - q)
    assert squared.low == pytest.approx(high**2, rel=5e-3)
    assert squared.high == pytest.approx(low**2, rel=5e-3)
