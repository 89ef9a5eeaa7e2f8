"""Bounds under any dependence for mixtures (``rg.mixture``, a linear ``rg.pool``, the
fallback of ``est.graded``): a mixture's choice of branch is independent of every
input, so its CDF is the weighted sum of its branches' whatever the coupling.

The references: brute force over every coupling that pairs the atoms of small discrete
inputs (the choice independent), couplings written down by hand (independent,
comonotonic, countermonotonic, shifted) on a fine grid, and the engines' independent
and comonotonic answers.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from test_dependence_bounds import LEVELS_Q, atoms, flat

import ranges as rg


def mixture_quantile(rows: list[tuple[float, np.ndarray]], q: float) -> float:
    """The q-quantile of a discrete distribution given as (probability, values) rows:
    each row's values equally likely within the row."""
    values = np.concatenate([v for _, v in rows])
    weights = np.concatenate([np.full(v.size, p / v.size) for p, v in rows])
    order = np.argsort(values, kind="stable")
    cumulative = np.cumsum(weights[order])
    return float(values[order][np.searchsorted(cumulative, q - 1e-12)])


def brute_force_mixture_plus(a: np.ndarray, b: np.ndarray, c: np.ndarray, w: float,
                             q: float) -> np.ndarray:
    """The q-quantile of mixture([A, B], [w, 1 − w]) + C under every coupling that pairs
    the atoms of A, B and C (rows of equal chance), the choice independent of them."""
    n = a.size
    found = []
    for perm_b, perm_c in itertools.product(itertools.permutations(range(n)), repeat=2):
        b_row, c_row = b[list(perm_b)], c[list(perm_c)]
        rows = [(w, a + c_row), (1.0 - w, b_row + c_row)]
        found.append(mixture_quantile(rows, q))
    return np.array(found)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_discrete_mixture_plus_input_contains_every_coupling(seed: int) -> None:
    rng = np.random.default_rng(seed)
    a, b, c = (np.sort(rng.integers(0, 20, 4).astype(float)) for _ in range(3))
    est = rg.mixture([atoms(a), atoms(b)], [0.3, 0.7]) + atoms(c)
    for q in LEVELS_Q:
        reached = brute_force_mixture_plus(a, b, c, 0.3, q)
        found = rg.dependence_bounds(est, q)
        assert found.interval.low <= reached.min() + 1e-9
        assert reached.max() <= found.interval.high + 1e-9
        assert found.attained is None  # the choice cannot follow the other term


@pytest.mark.parametrize("seed", [4, 5])
def test_a_mixture_alone_has_one_quantile_whatever_the_coupling(seed: int) -> None:
    rng = np.random.default_rng(seed)
    a, b = (np.sort(rng.integers(0, 20, 5).astype(float)) for _ in range(2))
    # the two branches share an input: still one CDF, the weighted sum of theirs
    shared = atoms(a)
    est = rg.mixture([shared, shared + atoms(b)], [0.25, 0.75])
    for q in LEVELS_Q:
        sums = [mixture_quantile([(0.25, a), (0.75, a + b[list(perm)])], q)
                for perm in itertools.permutations(range(5))]
        found = rg.dependence_bounds(est, q)
        assert found.interval.low <= min(sums) and max(sums) <= found.interval.high
    # with branches that share nothing the bounds are the quantile itself
    alone = rg.mixture([atoms(a), atoms(b)], [0.25, 0.75])
    for q in (0.12, 0.33, 0.51, 0.68, 0.87):  # off the CDF's steps (multiples of 0.05)
        exact = mixture_quantile([(0.25, a), (0.75, b)], q)
        found = rg.dependence_bounds(alone, q)
        assert found.interval.low == found.interval.high == exact


def test_constant_branches_are_steps() -> None:
    est = rg.mixture([rg.exactly(10), rg.exactly(30)], [0.4, 0.6])
    assert rg.dependence_bounds(est, 0.3).interval == rg.Interval(10, 10)
    assert rg.dependence_bounds(est, 0.7).interval == rg.Interval(30, 30)
    box = rg.dependence_pbox(est, levels=10)
    low, high = box.cdf_bounds([9.0, 10.0, 29.0, 30.0])
    assert low.tolist() == pytest.approx([0.0, 0.4, 0.4, 1.0])
    assert high.tolist() == pytest.approx([0.0, 0.4, 0.4, 1.0])


def _coupled_quantile(q: float, shift_b: float, shift_c: float, flip_c: bool) -> float:
    """The q-quantile of mixture([U(0, 4), U(6, 10)], [0.5, 0.5]) + U(0, 3) under one
    explicit coupling: A = 4u, B = 6 + 4·((u + shift_b) mod 1), C from u (shifted,
    or turned over), the choice independent; on a fine grid of u and both choices."""
    u = (np.arange(200_000) + 0.5) / 200_000
    a = 4 * u
    b = 6 + 4 * ((u + shift_b) % 1.0)
    v = (u + shift_c) % 1.0
    c = 3 * (1 - v if flip_c else v)
    values = np.concatenate([a + c, b + c])
    return float(np.quantile(values, q))


@pytest.mark.parametrize("q", [0.05, 0.3, 0.5, 0.8, 0.95])
def test_mixture_of_uniforms_plus_a_uniform_contains_written_couplings(q: float) -> None:
    a, b, c = flat(0, 4), flat(6, 10), flat(0, 3)
    est = rg.mixture([a, b], [0.5, 0.5]) + c
    found = rg.dependence_bounds(est, q)
    grid_step = 1e-3  # the grid's quantile is within a few of its steps
    for shift_b, shift_c, flip_c in itertools.product((0.0, 0.37), (0.0, 0.21, 0.5),
                                                      (False, True)):
        value = _coupled_quantile(q, shift_b, shift_c, flip_c)
        assert found.interval.low - grid_step <= value <= found.interval.high + grid_step
    independent = float(est.quantile(q, engine="exact"))
    assert found.interval.contains(independent)
    comonotonic = float(est.comonotonic().quantile(q, engine="mc", n=200_000, rng=3))
    assert found.interval.low - 0.02 <= comonotonic <= found.interval.high + 0.02
    assert found.interval.low < independent < found.interval.high


@pytest.mark.parametrize("q", [0.05, 0.5, 0.95])
def test_bounds_of_a_pool_hold_its_quantile(q: float) -> None:
    sources = [rg.between(1_000, 1_400, unit="people"), rg.between(1_300, 1_900, unit="people"),
               rg.about(2_500, unit="people")]
    pooled = rg.pool(sources, weights=[2, 3, 1])
    found = rg.dependence_bounds(pooled, q)
    # a pool of sources that share no input has one CDF: the bounds are one cell wide
    exact = float(pooled.quantile(q, engine="exact"))
    assert found.interval.contains(exact)
    assert found.interval.width < 0.01 * exact
    # in a sum, the bounds hold the independent and comonotonic answers
    total = pooled + rg.between(100, 300, unit="people")
    bounds = total.quantile_bounds(q)
    assert bounds.contains(float(total.quantile(q, engine="exact")))
    comonotonic = float(total.comonotonic().quantile(q, engine="mc", n=200_000, rng=1))
    assert bounds.low - 2 <= comonotonic <= bounds.high + 2


@pytest.mark.parametrize("q", [0.05, 0.5, 0.95])
def test_bounds_of_a_graded_input_in_a_sum(q: float) -> None:
    graded = rg.between(800_000, 1_100_000, unit="EUR").graded("B2")
    total = graded + rg.between(1_200_000, 1_500_000, unit="EUR")
    found = rg.dependence_bounds(total, q)
    independent = float(total.quantile(q, engine="mc", n=400_000, rng=2))
    comonotonic = float(total.comonotonic().quantile(q, engine="mc", n=400_000, rng=2))
    tolerance = 0.002 * independent  # Monte Carlo error of a quantile, generously
    for value in (independent, comonotonic):
        assert found.interval.low - tolerance <= value <= found.interval.high + tolerance
    # the graded input alone: its bounds hold its own quantile (any coupling of its
    # figure, spread and fallback factors)
    alone = rg.dependence_bounds(graded, q)
    own = float(graded.quantile(q, engine="mc", n=400_000, rng=2))
    assert alone.interval.low - 0.002 * own <= own <= alone.interval.high + 0.002 * own
