"""Engines against closed forms and against each other: exact convolution,
quasi-Monte Carlo, Monte Carlo and the automatic choice.

References are derived here from closed forms (sums of normals; Irwin–Hall for equal
rectangles; the trapezoid for two very unequal rectangles, as in the GUM's Monte
Carlo supplement) or from published values, never from the engine under test.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import optimize, special, stats

import ranges as rg
from ranges.distributions._families import LogNormal, Normal
from ranges.engines._exact import Exact
from ranges.engines._montecarlo import run_chunked

PROBS = np.array([0.025, 0.05, 0.5, 0.95, 0.975])
SAMPLING = ["mc", "qmc"]
ALL = ["exact", "auto", "mc", "qmc"]


def _within(engine: str, est: rg.Estimate, reference: np.ndarray, n: int = 400_000) -> None:
    """Every engine's quantiles agree with ``reference`` within its own error estimate
    (4.5 standard errors for sampling engines; the reported error plus 1e-9 relative
    for the exact engine)."""
    evaluation = est.evaluate(engine=engine, n=n, rng=2026)
    got = evaluation.quantile(PROBS)
    error = evaluation.quantile_error(PROBS)
    factor = 1.0 if evaluation.engine == "exact" else 4.5
    slack = 1e-9 * np.abs(reference) + 1e-12
    assert np.all(np.abs(got - reference) <= factor * error + slack), (got - reference, error)


# -- GUM-style additive models ----------------------------------------------------------
@pytest.mark.parametrize("engine", ALL)
def test_sum_of_normals(engine: str) -> None:
    model = rg.normal(10, 1) + rg.normal(-3, 2) + 2 * rg.normal(0.5, 0.5)
    reference = stats.norm(8, math.sqrt(1 + 4 + 1)).ppf(PROBS)
    _within(engine, model, reference)


def _irwin_hall_cdf(x: float, count: int) -> float:
    total = sum((-1) ** k * math.comb(count, k) * (x - k) ** count
                for k in range(math.floor(x) + 1))
    return total / math.factorial(count)


@pytest.mark.parametrize("engine", ALL)
@pytest.mark.parametrize("count", [2, 3, 6])
def test_sum_of_equal_rectangles_is_irwin_hall(engine: str, count: int) -> None:
    model = sum(rg.uniform(0, 1) for _ in range(count))
    assert isinstance(model, rg.Estimate)
    reference = np.array([
        optimize.brentq(lambda x, p=p: _irwin_hall_cdf(x, count) - p, 0, count, xtol=1e-14)
        for p in PROBS
    ])
    _within(engine, model, reference)


@pytest.mark.parametrize("engine", ALL)
def test_two_very_unequal_rectangles_give_a_trapezoid(engine: str) -> None:
    a, b = 10.0, 1.0
    model = rg.uniform(-a, a) + rg.uniform(-b, b)

    def quantile(p: float) -> float:
        upper = max(p, 1 - p)
        if 0.5 + (a - b) / (2 * a) >= upper:  # the flat middle of the trapezoid
            x = a * (2 * upper - 1)
        else:  # the sloping tail: 1 - F(x) = (a + b - x)^2 / (8ab)
            x = a + b - math.sqrt(8 * a * b * (1 - upper))
        return x if p >= 0.5 else -x

    _within(engine, model, np.array([quantile(p) for p in PROBS]))


# -- closed forms and their reuse ---------------------------------------------------------
def test_closed_forms_are_used_where_they_exist() -> None:
    normals = rg.normal(1, 2) - rg.normal(3, 4)
    ev = Exact().evaluate(normals, n=0, rng=None)
    assert isinstance(ev.dist, Normal) and ev.method == "closed form"
    assert ev.std() == pytest.approx(math.sqrt(20), rel=1e-12)
    a, b = rg.lognormal(1.0, 0.3), rg.lognormal(2.0, 0.4)
    product = 3 * a * b / rg.lognormal(0.5, 0.2) ** 2
    ev = Exact().evaluate(product, n=0, rng=None)
    assert isinstance(ev.dist, LogNormal)
    assert ev.dist.mu == pytest.approx(math.log(3) + 1 + 2 - 1.0, rel=1e-12)
    assert ev.dist.sigma == pytest.approx(math.sqrt(0.09 + 0.16 + 0.16), rel=1e-12)
    assert isinstance(Exact().evaluate(np.exp(rg.normal(0, 1)), n=0, rng=None).dist, LogNormal)


def test_published_seed_total_and_fifty_terms_to_1e5() -> None:
    seed = (rg.between(10_000, 12_000) + rg.between(3_000, 4_000) + rg.between(800, 1_200)
            + rg.between(4_000, 6_000))
    got = seed.quantile([0.05, 0.5, 0.95], engine="exact")
    assert got == pytest.approx([18_899.62, 20_346.92, 21_931.28], rel=1e-6)
    fifty = sum(rg.between(100 * i, 130 * i) for i in range(1, 51))
    assert isinstance(fifty, rg.Estimate)
    got = fifty.quantile([0.05, 0.5, 0.95], engine="exact")
    assert got == pytest.approx([142_745.6, 145_821.6, 148_972.5], rel=1e-6)


def test_reported_error_covers_the_true_error() -> None:
    model = rg.uniform(0, 1) + rg.uniform(0, 1) + rg.uniform(0, 1)
    ev = model.evaluate(engine="exact")
    truth = np.array([optimize.brentq(lambda x, p=p: _irwin_hall_cdf(x, 3) - p, 0, 3,
                                      xtol=1e-15) for p in PROBS])
    assert np.all(np.abs(ev.quantile(PROBS) - truth) <= ev.quantile_error(PROBS) + 1e-12)
    assert np.all(ev.quantile_error(PROBS) < 1e-5)


def test_derived_results_feed_further_arithmetic() -> None:
    a, b = rg.between(10_000, 12_000), rg.between(3_000, 4_000)
    model = (a + b) * rg.between(0.1, 0.3) / rg.between(2, 5)
    exact = model.evaluate(engine="exact")
    sampled = model.evaluate(engine="mc", n=1_000_000, rng=5)
    assert np.all(np.abs(exact.quantile(PROBS) - sampled.quantile(PROBS))
                  < 4.5 * sampled.quantile_error(PROBS) + exact.quantile_error(PROBS))
    assert exact.mean() == pytest.approx(sampled.mean(), abs=4.5 * sampled.mean_error())


# -- exact against Monte Carlo on random models ----------------------------------------
SHAPES = ["lognormal", "normal", "uniform", "triangular", "pert", "loguniform", "bounds"]


@st.composite
def independent_models(draw: st.DrawFn) -> rg.Estimate:
    kind = draw(st.sampled_from(["sum", "product", "mixed"]))
    # products are exact only for positive inputs: draw positive shapes for them
    shapes = SHAPES if kind == "sum" else ["lognormal", "loguniform", "bounds"]
    terms = []
    for _ in range(draw(st.integers(min_value=1, max_value=5))):
        low = draw(st.floats(min_value=0.5, max_value=50))
        high = low * draw(st.floats(min_value=1.05, max_value=4))
        terms.append(rg.between(low, high, shape=draw(st.sampled_from(shapes))))
    if kind == "sum":
        coefs = [draw(st.sampled_from([1.0, -1.0, 2.5, 0.5])) for _ in terms]
        total: rg.Estimate = sum((c * t for c, t in zip(coefs, terms, strict=True)),
                                 rg.exactly(0))
        return total
    if kind == "product":
        result = terms[0]
        for t in terms[1:]:
            result = result * t if draw(st.booleans()) else result / t
        return result
    head = terms[0] if len(terms) == 1 else terms[0] + terms[1]
    rest = terms[2:] or [rg.between(1, 2)]
    model = head
    for t in rest:
        model = model * t
    return model


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(independent_models())
def test_exact_agrees_with_monte_carlo_on_random_models(model: rg.Estimate) -> None:
    exact = model.evaluate(engine="exact")
    sampled = model.evaluate(engine="mc", n=1_000_000, rng=11)
    probs = np.array([0.05, 0.25, 0.5, 0.75, 0.95])
    gap = np.abs(exact.quantile(probs) - sampled.quantile(probs))
    allowed = 5 * sampled.quantile_error(probs) + exact.quantile_error(probs)
    assert np.all(gap <= allowed + 1e-9 * np.abs(exact.quantile(probs))), (gap, allowed)


# -- quasi-Monte Carlo -------------------------------------------------------------------
def test_qmc_error_estimate_covers_the_true_error_in_most_trials() -> None:
    model = (rg.between(10_000, 12_000) + rg.between(3_000, 4_000) + rg.between(800, 1_200)
             + rg.between(4_000, 6_000))
    truth = model.evaluate(engine="exact").quantile(PROBS)
    critical = stats.t(15).ppf(0.975)  # a 95% interval from 16 replicates
    trials = 100
    covered = np.zeros(PROBS.size)
    for seed in range(trials):
        ev = model.evaluate(engine="qmc", n=2**13, rng=seed)
        covered += np.abs(ev.quantile(PROBS) - truth) <= critical * ev.quantile_error(PROBS)
    assert np.all(covered >= 0.9 * trials), covered


def test_qmc_beats_plain_monte_carlo_at_equal_points() -> None:
    model = rg.between(10_000, 12_000) * rg.between(0.1, 0.3) + rg.between(3_000, 4_000)
    truth = model.evaluate(engine="exact").quantile(0.5)
    qmc_err = [abs(model.quantile(0.5, engine="qmc", n=2**14, rng=s) - truth)
               for s in range(20)]
    mc_err = [abs(model.quantile(0.5, engine="mc", n=2**14, rng=s) - truth) for s in range(20)]
    assert float(np.sqrt(np.mean(np.square(qmc_err)))) < 0.5 * float(
        np.sqrt(np.mean(np.square(mc_err))))


# -- engine choice ---------------------------------------------------------------------
def test_reused_input_is_never_convolved_as_independent() -> None:
    x, y = rg.between(1, 2), rg.between(3, 4)
    model = x + x * y
    with pytest.raises(rg.EngineError, match="share an input"):
        model.evaluate(engine="exact")
    auto = model.evaluate(engine="auto", n=200_000, rng=1)
    assert auto.engine == "qmc"  # the whole graph sampled, with the same points as qmc
    assert np.array_equal(auto.quantile(PROBS),
                          model.evaluate(engine="qmc", n=200_000, rng=1).quantile(PROBS))
    # and it agrees with plain Monte Carlo within the errors both report
    sampled = model.evaluate(engine="mc", n=400_000, rng=2)
    gap = np.abs(auto.quantile(PROBS) - sampled.quantile(PROBS))
    assert np.all(gap < 4.5 * np.hypot(auto.quantile_error(PROBS), sampled.quantile_error(PROBS)))
    independent = rg.between(1, 2) + rg.between(1, 2) * y
    assert independent.evaluate(engine="auto").engine == "exact"


def test_auto_computes_private_parts_exactly_and_samples_the_rest() -> None:
    a, b, x = rg.between(10, 12), rg.between(3, 4), rg.between(1, 2)
    model = (a + b) * x + x  # a + b is private: computed exactly; x is shared: sampled
    auto = model.evaluate(engine="auto", n=400_000, rng=3)
    assert auto.engine == "qmc"
    assert [engine for _, engine in auto.parts] == ["exact (convolution)", "qmc"]
    sampled = model.evaluate(engine="mc", n=400_000, rng=4)
    gap = np.abs(auto.quantile(PROBS) - sampled.quantile(PROBS))
    assert np.all(gap < 4.5 * np.hypot(auto.quantile_error(PROBS), sampled.quantile_error(PROBS)))
    summary = model.summary(n=50_000, rng=1)
    assert len(summary.parts) == 2


def test_exact_engine_names_what_it_cannot_do() -> None:
    larger = rg.maximum(rg.between(1, 2), rg.between(3, 4))
    with pytest.raises(rg.EngineError, match="no rule for max"):
        larger.evaluate(engine="exact")
    with pytest.raises(rg.EngineError, match="can be negative"):
        (rg.normal(0, 1) * rg.between(1, 2)).evaluate(engine="exact")
    assert larger.evaluate(engine="auto", n=1_000, rng=0).engine == "qmc"


# -- Monte Carlo in chunks -------------------------------------------------------------
def test_chunked_monte_carlo_gives_the_same_draws() -> None:
    model = (rg.between(1, 2) * rg.between(3, 4, shape="pert")
             + rg.mixture([rg.between(1, 2), rg.student_t(3)]))
    whole, _ = run_chunked(model, 50_001, 9, budget=2**30)
    pieces, _ = run_chunked(model, 50_001, 9, budget=8 * 10 * 997)
    assert np.array_equal(whole, pieces)


def test_engines_agree_on_a_positive_sum_probability() -> None:
    model = rg.between(10, 20, shape="bounds") + rg.between(0, 10, shape="bounds")
    # P(sum > 25): the triangle-free corner of two rectangles of width 10
    truth = 0.5 * 5 * 5 / 100
    for engine in ALL:
        got = model.prob_above(25, engine=engine, n=400_000, rng=1)
        assert got == pytest.approx(truth, abs=4.5 * math.sqrt(truth * (1 - truth) / 400_000))


@pytest.mark.parametrize("n", [1, 2, 3, 1_001, 100_000])
def test_monte_carlo_quantiles_equal_numpys_with_errors_from_the_same_partial_sort(
    n: int,
) -> None:
    # The sample evaluation partitions once for quantiles and their errors; the
    # quantiles must still be numpy's linear-interpolation quantiles of the samples,
    # in whichever order the two are asked for.
    from ranges.engines._montecarlo import SampleEvaluation

    samples = np.random.default_rng(n).lognormal(size=n)
    q = np.array([0.0, 0.05, 0.123, 0.5, 0.95, 1.0])
    first_quantiles = SampleEvaluation(samples.copy())
    first_errors = SampleEvaluation(samples.copy())
    errors = first_errors.quantile_error(q)
    for ev in (first_quantiles, first_errors):
        np.testing.assert_allclose(ev.quantile(q), np.quantile(samples, q), rtol=1e-13)
    np.testing.assert_array_equal(first_quantiles.quantile_error(q), errors)
    sorted_samples = np.sort(samples)
    assert first_quantiles.cdf([sorted_samples[n // 2]])[0] == pytest.approx((n // 2 + 1) / n)


def _heavy_tailed_sum_quantiles(probs: list[float]) -> np.ndarray:
    """Quantiles of 1–1,000 + 1–10 (90% lognormal readings), independently of ranges:
    P(X + Y ≤ s) = ∫ F_X(s − F_Y⁻¹(u)) du over u in (0, F_Y(s)), by scipy quadrature,
    inverted by brentq."""
    from scipy import integrate

    z = special.ndtri(0.95)
    x = stats.lognorm(math.log(1000) / (2 * z), scale=math.sqrt(1000))
    y = stats.lognorm(math.log(10) / (2 * z), scale=math.sqrt(10))

    def cdf(s: float) -> float:
        value, _ = integrate.quad(lambda u: x.cdf(s - y.ppf(u)), 0, y.cdf(s), limit=200,
                                  epsabs=1e-13, epsrel=1e-11)
        return float(value)

    return np.array([optimize.brentq(lambda s, p=p: cdf(s) - p, 1e-6, 1e7, xtol=1e-10)
                     for p in probs])


def test_a_long_tail_is_refused_by_the_exact_engine_and_sampled_by_auto() -> None:
    # A uniform grid fine enough for the body of 1–1,000 + 1–10 would need far more
    # cells than allowed: the exact engine says so instead of answering with a grid
    # that cannot converge (it once put the 5th percentile at 0.28, the truth ≈ 4).
    model = rg.between(1, 1_000) + rg.between(1, 10)
    with pytest.raises(rg.EngineError, match="tail is too long"):
        model.evaluate(engine="exact")
    truth = _heavy_tailed_sum_quantiles(PROBS)
    auto = model.evaluate(n=400_000, rng=2)
    assert auto.engine != "exact"
    assert np.all(np.abs(auto.quantile(PROBS) - truth) < 4 * auto.quantile_error(PROBS))


def test_auto_samples_with_chunked_monte_carlo_when_a_qmc_replicate_would_not_fit() -> None:
    def model() -> rg.Estimate:  # a new graph each time: evaluations are cached per graph
        x = rg.between(1, 2)
        return x + x * rg.between(3, 4)

    assert model().evaluate(n=100_000, rng=0).engine == "qmc"
    with rg.defaults.using(memory_budget=2**18):  # 256 KiB: a replicate needs more
        small = model().evaluate(n=100_000, rng=0)
    assert small.engine == "mc" and small.parts[-1][1] == "mc"
    assert np.array_equal(small.quantile(PROBS),
                          model().evaluate(engine="mc", n=100_000, rng=0).quantile(PROBS))
