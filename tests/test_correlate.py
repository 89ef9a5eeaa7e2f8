"""Correlated inputs (rg.correlate) and perfect positive dependence (est.comonotonic()).

References: each input's own draws (the marginals must not change at all), Spearman's
rank correlation measured on the joint draws, the variance of a sum of correlated
normal-score terms, and the sum of the inputs' quantiles for a comonotonic sum.
"""

from __future__ import annotations

import pickle

import numpy as np
import pytest

import ranges as rg
from ranges.engines._coupling import rank_correlation
from ranges.engines._montecarlo import run_graph


def _inputs() -> tuple[rg.Estimate, rg.Estimate, rg.Estimate]:
    return (rg.between(10_000, 12_000, unit="troops", name="fall"),
            rg.between(3_000, 4_000, unit="troops", name="spring"),
            rg.between(800, 1_200, unit="troops", shape="bounds", name="guards"))


def test_marginals_are_the_same_draws_bit_for_bit() -> None:
    fall, spring, guards = _inputs()
    fall2, spring2, guards2 = rg.correlate([fall, spring, guards], 0.6)
    for before, after in ((fall, fall2), (spring, spring2), (guards, guards2)):
        # named inputs draw from streams keyed by their names, in any graph
        a = rg.engines.evaluate(before, engine="mc", n=10_000, rng=5).samples
        b = rg.engines.evaluate(after, engine="mc", n=10_000, rng=5).samples
        assert a is not None and b is not None
        assert np.array_equal(np.sort(a), np.sort(b))
        assert not np.array_equal(a, b)  # the order did change


def test_marginals_driven_by_quasi_random_points_are_the_same_points() -> None:
    # what the QMC engine does: each input through its quantile function at given
    # points, the correlation's order from a generator of its own
    from ranges.engines._seeding import stream_keys

    inputs = _inputs()
    coupled = rg.correlate(list(inputs), [[1, 0.5, 0.2], [0.5, 1, 0], [0.2, 0, 1]])
    total = coupled[0] + coupled[1] + coupled[2]
    keys = stream_keys(total)
    points = np.random.default_rng(1)
    uniforms = {key: points.random(4_096) for key in keys}
    joint = coupled[0].args[0]
    generators = {id(joint): np.random.default_rng(2)}
    values, _ = run_graph(total, 4_096, 0, keep=[*inputs, *coupled], uniforms=uniforms,
                          generators=generators)
    for before, after in zip(inputs, coupled, strict=True):
        assert np.array_equal(np.sort(values[id(before)]), np.sort(values[id(after)]))
    ranks = rank_correlation(np.vstack([values[id(part)] for part in coupled]))
    assert ranks[0, 1] == pytest.approx(0.5, abs=0.04)


@pytest.mark.parametrize("rho", [-0.4, 0.0, 0.3, 0.5, 0.9])
@pytest.mark.parametrize("n", [10_000, 50_000])
def test_achieved_rank_correlation_is_within_0_02(rho: float, n: int) -> None:
    fall, spring, _ = _inputs()
    pair = rg.correlate([fall, spring], rho)
    achieved = pair.achieved(n=n, rng=11)
    assert abs(achieved[0, 1] - rho) < 0.02


def test_a_matrix_of_three_is_achieved_pair_by_pair() -> None:
    matrix = [[1.0, 0.7, -0.2], [0.7, 1.0, 0.1], [-0.2, 0.1, 1.0]]
    triple = rg.correlate(list(_inputs()), matrix)
    achieved = triple.achieved(n=20_000, rng=3)
    assert np.max(np.abs(achieved - np.array(matrix))) < 0.02
    assert np.array_equal(triple.requested, np.array(matrix))


def test_qmc_and_mc_agree_on_the_spread_of_a_correlated_sum() -> None:
    # normal inputs: the sum's variance follows from the normal-score correlation
    a, b = rg.normal(0, 1, name="a"), rg.normal(0, 2, name="b")
    a2, b2 = rg.correlate([a, b], 0.5)
    pearson = 2 * np.sin(np.pi * 0.5 / 6)  # Gaussian copula: rank 0.5 -> Pearson
    expected = np.sqrt(1 + 4 + 2 * pearson * 1 * 2)
    for engine in ("mc", "qmc"):
        sd = (a2 + b2).std(engine=engine, n=200_000, rng=1)
        assert sd == pytest.approx(expected, rel=0.01)


def test_perfect_correlation_pairs_equal_ranks_and_minus_one_opposite_ranks() -> None:
    fall, spring, _ = _inputs()
    for rho in (1.0, -1.0):
        pair = rg.correlate([fall, spring], rho)
        assert pair.achieved(n=5_000, rng=2)[0, 1] == pytest.approx(rho, abs=1e-9)


@pytest.mark.parametrize(("rho", "words"), [
    ([[1, 0.5], [0.5, 1], [0, 0]], "wrong shape"),
    ([[1, 1.5], [1.5, 1]], "between -1 and 1"),
    ([[1, 0.5], [0.4, 1]], "not symmetric"),
    ([[0.9, 0.5], [0.5, 1]], "diagonal"),
    (2.0, "between -1 and 1"),
    (float("nan"), "between -1 and 1"),
])
def test_bad_matrices_of_two_are_refused_with_the_reason(rho: object, words: str) -> None:
    fall, spring, _ = _inputs()
    with pytest.raises(rg.CorrelationError, match=words):
        rg.correlate([fall, spring], rho)  # type: ignore[arg-type]


def test_a_matrix_that_is_not_positive_semi_definite_is_refused() -> None:
    bad = [[1, 0.9, -0.9], [0.9, 1, 0.9], [-0.9, 0.9, 1]]
    with pytest.raises(rg.CorrelationError, match="not positive semi-definite"):
        rg.correlate(list(_inputs()), bad)
    with pytest.raises(rg.CorrelationError, match="most negative"):
        rg.correlate(list(_inputs()), -0.6)  # three inputs: -0.5 at most


def test_inputs_that_cannot_be_correlated_are_refused() -> None:
    fall, spring, _ = _inputs()
    with pytest.raises(rg.CorrelationError, match="computed from other inputs"):
        rg.correlate([fall + spring, spring], 0.5)
    with pytest.raises(rg.CorrelationError, match="is exact"):
        rg.correlate([rg.exactly(5), spring], 0.5)
    with pytest.raises(rg.CorrelationError, match="given twice"):
        rg.correlate([fall, fall], 0.5)
    with pytest.raises(rg.CorrelationError, match="at least two"):
        rg.correlate([fall], 0.5)
    assert issubclass(rg.CorrelationError, rg.RangesError)


def test_the_exact_engine_says_it_samples_correlated_inputs_and_auto_samples() -> None:
    fall, spring, _ = _inputs()
    fall2, spring2 = rg.correlate([fall, spring], 0.5)
    with pytest.raises(rg.EngineError, match=r"correlated input.*sampled"):
        (fall2 + spring2).quantile(0.5, engine="exact")
    summary = (fall2 + spring2).summary(n=20_000)
    assert summary.engine in ("qmc", "mc")
    assert any("rank correlation 0.5 between fall and spring" in text
               for text in summary.assumptions)
    assert "rank correlation 0.5" in str(summary)


def test_positive_correlation_widens_a_total_and_negative_narrows_it() -> None:
    fall, spring, _ = _inputs()
    spreads = {}
    for rho in (-0.5, 0.0, 0.5):
        a, b = rg.correlate([fall, spring], rho)
        spreads[rho] = (a + b).std(engine="mc", n=50_000, rng=4)
    independent = (fall + spring).std(engine="exact")
    assert spreads[-0.5] < independent < spreads[0.5]
    assert spreads[0.0] == pytest.approx(independent, rel=0.02)


def test_comonotonic_total_is_the_sum_of_the_inputs_quantiles() -> None:
    fall, spring, guards = _inputs()
    total = fall + spring + guards
    together = total.comonotonic()
    n = 20_000
    joined = np.sort(together.sample(n, rng=8))
    separate = sum(np.sort(x.sample(n, rng=8)) for x in (fall, spring, guards))
    # order statistics of a comonotonic sum are the sums of the inputs' own
    assert np.allclose(joined, separate, rtol=1e-12)
    q = np.array([0.05, 0.5, 0.95])
    exact = sum(np.asarray(x.quantile(q, engine="exact")) for x in (fall, spring, guards))
    assert np.allclose(together.quantile(q, engine="mc", n=400_000, rng=1), exact, rtol=2e-3)
    assert any("comonotonic" in text for text in together.summary(n=5_000).assumptions)


def test_comonotonic_replaces_an_earlier_correlation_and_keeps_mixture_choice() -> None:
    fall, spring, _ = _inputs()
    fall2, spring2 = rg.correlate([fall, spring], -0.5)
    together = (fall2 + spring2).comonotonic()
    assert together.leaves() == [fall, spring]
    values, _ = run_graph(together, 5_000, 3, keep=[])
    assert values  # evaluated
    draws = together.sample(5_000, rng=3)
    assert np.allclose(np.sort(draws), np.sort(fall.sample(5_000, rng=3))
                       + np.sort(spring.sample(5_000, rng=3)))
    single = rg.between(1, 2)
    assert (single * 2).comonotonic() is not None  # one input: nothing to couple


def test_correlated_estimates_pickle_and_still_share_one_joint() -> None:
    fall, spring, _ = _inputs()
    pair = rg.correlate([fall, spring], 0.7)
    total = pair[0] + pair[1]
    loaded = pickle.loads(pickle.dumps(total))
    a = total.sample(2_000, rng=6)
    b = loaded.sample(2_000, rng=6)
    assert np.array_equal(a, b)
    again = pickle.loads(pickle.dumps(pair))
    assert np.array_equal(again.requested, pair.requested)


def test_rank_correlation_helper_matches_scipy() -> None:
    from scipy.stats import spearmanr

    rng = np.random.default_rng(0)
    rows = rng.normal(size=(2, 500))
    rows[1] += rows[0]
    assert rank_correlation(rows)[0, 1] == pytest.approx(spearmanr(rows[0], rows[1])[0])


def test_an_input_used_both_correlated_and_directly_is_refused() -> None:
    fall, spring, guards = _inputs()
    fall2, _ = rg.correlate([fall, spring], 0.5)
    with pytest.raises(rg.InputError, match="correlation and directly"):
        (fall + fall2).median(engine="mc", n=1_000)
    fall3, _ = rg.correlate([fall, guards], 0.2)
    with pytest.raises(rg.InputError, match="two correlations"):
        (fall2 + fall3).median(engine="qmc", n=1_000)


def test_random_graphs_made_comonotonic_stay_in_bounds_and_engines_agree() -> None:
    import random
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from graphs import SeededChooser, random_graph

    checked = 0
    for seed in range(150):
        # hard-bounded readings, so that every draw must lie inside the range bounds
        model = random_graph(SeededChooser(random.Random(seed)), bounded_only=True).build()
        together = model.comonotonic()
        if together is model:
            continue  # fewer than two uncertain inputs
        try:
            draws = together.sample(1 << 13, rng=seed)
            qmc = rg.engines.evaluate(together, engine="qmc", n=1 << 13, rng=seed)
        except rg.RangesError:
            continue  # a graph the API refuses under any coupling (checked elsewhere)
        bounds = model.bounds()
        slack = 1e-9 * max(abs(bounds.low), abs(bounds.high), 1.0)
        assert np.all(draws >= bounds.low - slack) and np.all(draws <= bounds.high + slack)
        mc = rg.engines.evaluate(together, engine="mc", n=1 << 13, rng=seed)
        for q in (0.1, 0.5, 0.9):
            # two sample quantiles a few hundredths of probability apart bracket each other
            lo_mc, hi_mc = np.quantile(mc.samples, [max(q - 0.03, 0), min(q + 0.03, 1)])
            value = float(qmc.quantile(q))
            near = slack + 1e-3 * bounds.width  # a flat stretch of the distribution
            assert lo_mc - near <= value <= hi_mc + near, (seed, q)
            try:
                found = model.quantile_bounds(q, levels=400)
            except rg.DependenceError:
                continue
            assert found.low <= hi_mc + slack and lo_mc - slack <= found.high, (seed, q)
        checked += 1
    assert checked >= 30
