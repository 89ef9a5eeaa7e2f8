"""The lazy graph: identity of leaves, seeds, arithmetic, numpy functions, and
Monte Carlo results against closed forms and published reference values."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

import ranges as rg
from ranges.distributions._families import LogNormal
from ranges.engines._montecarlo import simulate_many


def test_reused_leaf_is_the_same_draw() -> None:
    x = rg.between(1, 3)
    assert np.all((x - x).sample(10_000, rng=1) == 0.0)
    assert np.all((x / x).sample(10_000, rng=1) == 1.0)
    assert np.array_equal((x + x).sample(1_000, rng=2), (2 * x).sample(1_000, rng=2))
    y = rg.between(1, 3)  # same reading, a different input: independent
    corr = np.corrcoef(x.sample(50_000, rng=3), (x + 0 * y).sample(50_000, rng=3))[0, 1]
    assert corr == pytest.approx(1.0)
    both = simulate_many(x + y, [x, y], n=50_000, rng=4)[0]
    assert abs(np.corrcoef(both[x], both[y])[0, 1]) < 0.03


def test_nothing_is_sampled_until_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    original = LogNormal.sample

    def counting(self: LogNormal, n: int, rng: np.random.Generator) -> np.ndarray:
        calls.append(n)
        return original(self, n, rng)

    monkeypatch.setattr(LogNormal, "sample", counting)
    x = rg.between(1, 2)
    y = rg.between(3, 4)
    model = x + x * y - np.log(x)
    assert calls == []
    model.sample(100, rng=0)
    assert calls == [100, 100]  # one draw per leaf, though x is used three times


def test_same_seed_same_numbers_and_generators_advance() -> None:
    model = rg.between(10, 20) * rg.between(1, 2)
    a = model.sample(1_000, rng=42)
    b = model.sample(1_000, rng=42)
    assert np.array_equal(a, b)
    assert not np.array_equal(a, model.sample(1_000, rng=43))
    g1, g2 = np.random.default_rng(7), np.random.default_rng(7)
    first = model.sample(1_000, rng=g1)
    assert np.array_equal(first, model.sample(1_000, rng=g2))
    assert not np.array_equal(first, model.sample(1_000, rng=g1))  # g1 moved on
    assert np.array_equal(model.sample(100, seed=5), model.sample(100, rng=5))


def test_adding_an_input_does_not_change_the_other_inputs_draws() -> None:
    a, b = rg.between(1, 2), rg.between(3, 4)
    before, _ = simulate_many(a + b, [a, b], n=5_000, rng=9)
    c = rg.between(5, 6)
    after, _ = simulate_many(a + b + c, [a, b], n=5_000, rng=9)
    assert np.array_equal(before[a], after[a])
    assert np.array_equal(before[b], after[b])
    # named inputs keep their draws wherever they appear
    p, q = rg.between(1, 2, name="p"), rg.between(3, 4, name="q")
    first, _ = simulate_many(p + q, [p], n=2_000, rng=1)
    second, _ = simulate_many(rg.between(7, 8) + q * 2 + p, [p], n=2_000, rng=1)
    assert np.array_equal(first[p], second[p])


def test_two_inputs_with_one_name_are_refused() -> None:
    with pytest.raises(rg.InputError, match="both named"):
        (rg.between(1, 2, name="x") + rg.between(1, 2, name="x")).sample(10)


def test_sum_of_independent_normals_matches_closed_form() -> None:
    n = 400_000
    model = rg.normal(10, 3) + rg.normal(-4, 4)
    reference = stats.norm(6, 5)
    evaluation = model.evaluate(engine="mc", n=n, rng=12)
    probs = np.array([0.05, 0.25, 0.5, 0.75, 0.95])
    got = evaluation.quantile(probs)
    # standard error of a sample quantile: sqrt(p(1-p)/n) / pdf(x_p)
    se = np.sqrt(probs * (1 - probs) / n) / reference.pdf(reference.ppf(probs))
    assert np.all(np.abs(got - reference.ppf(probs)) < 4 * se)
    assert evaluation.mean() == pytest.approx(6, abs=4 * 5 / math.sqrt(n))
    assert evaluation.std() == pytest.approx(5, rel=0.01)
    # the engine's own error estimate agrees with the closed form within 20 %
    assert evaluation.quantile_error(probs) == pytest.approx(se, rel=0.2)


def test_seed_total_matches_published_reference() -> None:
    # reference: high-resolution convolution, confirmed by OpenTURNS and 1e8-sample MC
    total = (rg.between(10_000, 12_000) + rg.between(3_000, 4_000)
             + rg.between(800, 1_200) + rg.between(4_000, 6_000))
    evaluation = total.evaluate(engine="mc", n=1_000_000, rng=2026)
    probs = [0.05, 0.5, 0.95]
    reference = np.array([18_899.62, 20_346.92, 21_931.28])
    got = evaluation.quantile(probs)
    errors = evaluation.quantile_error(probs)
    assert np.all(np.abs(got - reference) < 4 * errors)
    assert evaluation.mean() == pytest.approx(20_372.26, abs=4 * evaluation.mean_error())
    assert evaluation.std() == pytest.approx(922.52, rel=0.005)


def test_flat_reading_of_the_seed_total() -> None:
    # "read as flat on each range" in the reference means flat on exactly [a, b]
    reading = rg.Reading(shape="bounds")
    total = sum(rg.between(a, b, reading=reading)
                for a, b in [(10_000, 12_000), (3_000, 4_000), (800, 1_200), (4_000, 6_000)])
    assert isinstance(total, rg.Estimate)
    evaluation = total.evaluate(engine="mc", n=1_000_000, rng=5)
    got = evaluation.quantile([0.05, 0.5, 0.95])
    reference = np.array([19_050.85, 20_500.0, 21_949.15])
    assert np.all(np.abs(got - reference) < 4 * evaluation.quantile_error([0.05, 0.5, 0.95]))


def test_builtin_sum_and_constants_on_either_side() -> None:
    a, b, c = rg.between(1, 2), rg.between(3, 4), rg.between(5, 6)
    total = sum([a, b, c])
    assert isinstance(total, rg.Estimate)
    got, _ = simulate_many(total, [a, b, c], n=1_000, rng=3)
    assert np.allclose(got[total], got[a] + got[b] + got[c], rtol=0, atol=1e-12)
    x = rg.between(2, 4)
    xs = x.sample(1_000, rng=8)
    assert np.allclose((5 - x).sample(1_000, rng=8), 5 - xs)
    assert np.allclose((10 / x).sample(1_000, rng=8), 10 / xs)
    assert np.allclose((x / 4).sample(1_000, rng=8), xs / 4)
    assert np.allclose((x**2).sample(1_000, rng=8), xs**2)
    assert np.allclose((2**x).sample(1_000, rng=8), 2**xs)
    assert np.allclose((-x).sample(1_000, rng=8), -xs)
    assert np.allclose(abs(-x).sample(1_000, rng=8), xs)


def test_numpy_functions_apply_directly() -> None:
    x = rg.between(0.5, 2)
    xs = x.sample(2_000, rng=4)
    assert np.allclose(np.log(x).sample(2_000, rng=4), np.log(xs))
    assert np.allclose(np.exp(x).sample(2_000, rng=4), np.exp(xs))
    assert np.allclose((-np.expm1(-x)).sample(2_000, rng=4), -np.expm1(-xs))
    assert np.allclose(np.sqrt(x).sample(2_000, rng=4), np.sqrt(xs))
    assert np.allclose(np.maximum(x, 1).sample(2_000, rng=4), np.maximum(xs, 1))
    assert np.allclose((np.float64(3) * x).sample(2_000, rng=4), 3 * xs)
    with pytest.raises(rg.InputError, match="floor"):
        np.floor(x)


def test_minimum_maximum_and_mixture() -> None:
    a, b = rg.between(1, 3), rg.between(2, 4)
    smaller = rg.minimum(a, b)
    got, _ = simulate_many(smaller, [a, b], n=1_000, rng=6)
    assert np.array_equal(got[smaller], np.minimum(got[a], got[b]))
    hi = rg.maximum(a, b, 3.5)
    assert np.all(hi.sample(1_000, rng=1) >= 3.5)
    pooled = rg.mixture([rg.between(10, 12, shape="bounds"), rg.between(20, 22, shape="bounds")],
                        [0.3, 0.7])
    samples = pooled.sample(100_000, rng=2)
    share_low = float(np.mean(samples < 15))
    assert share_low == pytest.approx(0.3, abs=4 * math.sqrt(0.3 * 0.7 / 100_000))
    assert pooled.bounds() == rg.Interval(10, 22)
    with pytest.raises(rg.InputError, match="weights"):
        rg.mixture([a, b], [1.0])


def test_estimates_cannot_be_compared_as_booleans() -> None:
    x = rg.between(1, 2)
    with pytest.raises(rg.InputError, match="prob_above"):
        _ = x > 1
    with pytest.raises(rg.InputError):
        bool(x)
    with pytest.raises(rg.InputError, match="combine"):
        x + "3"  # type: ignore[operator]


@pytest.mark.parametrize("engine", ["mc", "qmc", "exact", "auto"])
def test_statistics_agree_with_each_other(engine: str) -> None:
    model = rg.between(100, 200, shape="bounds") + rg.exactly(0)
    assert model.quantile(0.5, engine=engine, n=100_000, rng=3) == pytest.approx(150, rel=0.01)
    assert model.prob_above(175, engine=engine, n=100_000, rng=3) == pytest.approx(0.25, abs=0.01)
    assert model.prob_below(175, engine=engine, n=100_000, rng=3) == pytest.approx(0.75, abs=0.01)
    low, high = model.interval(0.5, engine=engine, n=100_000, rng=3)
    assert (low, high) == pytest.approx((125, 175), rel=0.01)
    assert model.mean(engine=engine, n=100_000, rng=3) == pytest.approx(150, rel=0.005)
    spread = model.std(engine=engine, n=100_000, rng=3)
    assert spread == pytest.approx(100 / math.sqrt(12), rel=0.01)
    quantiles = model.quantile([0.1, 0.9], engine=engine, n=100_000, rng=3)
    assert isinstance(quantiles, np.ndarray) and quantiles.shape == (2,)


def test_deep_sums_do_not_hit_the_recursion_limit() -> None:
    terms = [rg.between(100 * i, 130 * i) for i in range(1, 2_001)]
    total = sum(terms)
    assert isinstance(total, rg.Estimate)
    assert total.bounds() == rg.Interval(100 * 2000 * 2001 / 2, 130 * 2000 * 2001 / 2)
    got, _ = simulate_many(total, terms, n=10, rng=1)
    assert np.allclose(got[total], np.sum([got[t] for t in terms], axis=0), rtol=1e-12, atol=0)
    assert "…" in repr(total)
