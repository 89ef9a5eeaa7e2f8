"""Tests of rg.sensitivity: swings against hand computation with scipy quantiles, exact
shares against closed-form variances, sampled (Sobol) shares against published and
closed-form first-order indices."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

import ranges as rg
from ranges.report._sensitivity import METHOD_EXACT, linear_coefficients

#: published first-order indices of the Ishigami function with a=7, b=0.1
#: (Saltelli et al., Global Sensitivity Analysis: The Primer, 2008): S1, S2, S3
ISHIGAMI = {"x1": 0.3139, "x2": 0.4424, "x3": 0.0}


def _share(sens: rg.Sensitivity, name: str) -> rg.SensitivityRow:
    (row,) = [row for row in sens.rows if row.name == name]
    return row


def test_exact_shares_of_scaled_normals_match_their_variances() -> None:
    a, b = rg.normal(0, 3, name="a"), rg.normal(5, 4, name="b")
    sens = rg.sensitivity(2 * a - b / 2 + 7)
    # Var(2a) = 36, Var(b/2) = 4
    assert _share(sens, "a").share_of_variance == pytest.approx(0.9, abs=1e-12)
    assert _share(sens, "b").share_of_variance == pytest.approx(0.1, abs=1e-12)
    assert sens.method == METHOD_EXACT
    assert sens.share_sum == pytest.approx(1.0, abs=1e-12)
    assert sens.n == 0


def test_exact_shares_of_lognormals_match_scipy_variances() -> None:
    last_fall = rg.between(10_000, 12_000, unit="troops")
    this_year = rg.between(3_000, 4_000, unit="troops")
    sens = rg.sensitivity(last_fall + this_year)
    z = stats.norm.ppf(0.95)
    variances = []
    for low, high in ((10_000, 12_000), (3_000, 4_000)):
        sigma = (math.log(high) - math.log(low)) / (2 * z)
        median = math.sqrt(low * high)
        variances.append(stats.lognorm(sigma, scale=median).var())
    expected = variances[0] / sum(variances)
    assert sens.rows[0].name == "10,000–12,000 troops"
    assert sens.rows[0].share_of_variance == pytest.approx(expected, rel=1e-9)
    assert sens.rows[1].share_of_variance == pytest.approx(1 - expected, rel=1e-9)


def test_swings_match_scipy_quantiles_with_others_at_median() -> None:
    z = stats.norm.ppf(0.95)

    def lognormal_of(low: float, high: float) -> tuple[float, float]:
        return (math.log(high) - math.log(low)) / (2 * z), math.sqrt(low * high)

    s1, m1 = lognormal_of(10_000, 12_000)
    s2, m2 = lognormal_of(3_000, 4_000)
    sens = rg.sensitivity(rg.between(10_000, 12_000, unit="troops")
                          + rg.between(3_000, 4_000, unit="troops"))
    first, second = sens.rows
    lo1, hi1 = stats.lognorm(s1, scale=m1).ppf([0.05, 0.95])
    lo2, hi2 = stats.lognorm(s2, scale=m2).ppf([0.05, 0.95])
    assert (first.input_low, first.input_high) == pytest.approx((lo1, hi1), rel=1e-9)
    assert (first.result_low, first.result_high) == pytest.approx((lo1 + m2, hi1 + m2),
                                                                  rel=1e-9)
    assert (second.result_low, second.result_high) == pytest.approx((m1 + lo2, m1 + hi2),
                                                                    rel=1e-9)
    assert sens.baseline == pytest.approx(m1 + m2, rel=1e-9)
    assert sens.unit == "troops" and first.input_unit == "troops"


def test_swings_of_a_product_at_another_level() -> None:
    a, b = rg.uniform(1, 3, name="a"), rg.uniform(10, 20, name="b")
    sens = rg.sensitivity(a * b, level=0.5, rng=0, n=2_000)
    row = _share(sens, "a")
    assert (row.input_low, row.input_high) == pytest.approx((1.5, 2.5))
    assert (row.result_low, row.result_high) == pytest.approx((1.5 * 15, 2.5 * 15))
    assert _share(sens, "b").swing == pytest.approx(2 * 5)
    assert [r.name for r in sens.rows] == ["a", "b"]  # swing 15 before swing 10
    assert sens.level == 0.5


def test_product_of_normals_matches_closed_form_first_order_indices() -> None:
    mu1, sd1, mu2, sd2 = 3.0, 1.0, 2.0, 1.5
    x1, x2 = rg.normal(mu1, sd1, name="x1"), rg.normal(mu2, sd2, name="x2")
    total_var = mu2**2 * sd1**2 + mu1**2 * sd2**2 + sd1**2 * sd2**2
    expected = {"x1": mu2**2 * sd1**2 / total_var, "x2": mu1**2 * sd2**2 / total_var}
    sens = rg.sensitivity(x1 * x2, rng=5, n=40_000)
    assert "Sobol" in sens.method and sens.n == 40_000 and sens.seed == 5
    for row in sens.rows:
        assert row.share_error > 0
        # 4 standard errors: fails by chance about once in 16,000 runs
        assert abs(row.share_of_variance - expected[row.name]) < 4 * row.share_error
    assert sens.interaction == pytest.approx(1 - sum(expected.values()), abs=0.05)


@pytest.mark.parametrize("engine", ["mc", "qmc"])
def test_ishigami_first_order_indices_match_published_values(engine: str) -> None:
    x1, x2, x3 = (rg.uniform(-np.pi, np.pi, name=f"x{i}") for i in (1, 2, 3))
    ishigami = np.sin(x1) + 7 * np.sin(x2) ** 2 + 0.1 * x3**4 * np.sin(x1)
    sens = rg.sensitivity(ishigami, engine=engine, n=20_000, rng=3)
    for row in sens.rows:
        assert abs(row.share_of_variance - ISHIGAMI[row.name]) < 4 * row.share_error + 5e-4
    assert sens.share_sum == pytest.approx(sum(ISHIGAMI.values()), abs=0.04)


def test_sampled_shares_agree_with_exact_on_a_sum() -> None:
    a, b, c = rg.normal(0, 1, name="a"), rg.normal(0, 2, name="b"), rg.normal(0, 3, name="c")
    exact = rg.sensitivity(a + b + c, engine="exact")
    sampled = rg.sensitivity(a + b + c, engine="mc", n=20_000, rng=1)
    for row in sampled.rows:
        reference = _share(exact, row.name).share_of_variance
        assert reference == pytest.approx({"a": 1 / 14, "b": 4 / 14, "c": 9 / 14}[row.name])
        assert abs(row.share_of_variance - reference) < 4 * row.share_error


def test_an_input_used_twice_is_one_input() -> None:
    x, y = rg.between(1, 2, name="x"), rg.normal(0, 1, name="y")
    sens = rg.sensitivity(x - x + y)
    assert sorted(row.name for row in sens.rows) == ["x", "y"]
    assert _share(sens, "x").share_of_variance == 0.0
    assert _share(sens, "x").swing == 0.0
    metres = rg.between(1, 2, unit="km", name="road")
    both = rg.sensitivity(metres + metres.to("m"))
    assert [row.name for row in both.rows] == ["road"]
    assert both.rows[0].share_of_variance == pytest.approx(1.0)
    assert both.unit == "km"
    lo, hi = metres.leaf.distribution.ppf([0.05, 0.95])  # type: ignore[union-attr]
    assert both.rows[0].result_low == pytest.approx(2 * lo)
    assert both.rows[0].result_high == pytest.approx(2 * hi)


def test_chance_events_are_inputs_with_percentiles_0_and_1() -> None:
    event = rg.bernoulli(0.3, name="deployment")
    base = rg.normal(10_000, 1_000, name="base")
    sens = rg.sensitivity(base + event * 6_000)
    row = _share(sens, "deployment")
    assert (row.input_low, row.input_high) == (0.0, 1.0)
    assert (row.result_low, row.result_high) == pytest.approx((10_000, 16_000))
    variance = 0.3 * 0.7 * 6_000**2
    assert row.share_of_variance == pytest.approx(variance / (variance + 1_000**2))


def test_correlated_inputs_are_refused() -> None:
    a, b = rg.between(1, 2, name="a"), rg.between(3, 4, name="b")
    a2, b2 = rg.correlate([a, b], 0.5)
    with pytest.raises(rg.EngineError, match="independent inputs"):
        rg.sensitivity(a2 + b2)
    with pytest.raises(rg.EngineError, match="independent inputs"):
        rg.sensitivity((a + b).comonotonic())


def test_exact_is_refused_for_a_graph_that_is_not_a_sum() -> None:
    a, b = rg.between(1, 2), rg.between(3, 4)
    with pytest.raises(rg.EngineError, match="engine='mc'"):
        rg.sensitivity(a * b, engine="exact")
    assert linear_coefficients(a * b) is None
    with pytest.raises(rg.InputError, match="no uncertain input"):
        rg.sensitivity(rg.exactly(3) + 1)


def test_same_seed_same_numbers_and_method_matches_the_function() -> None:
    a, b = rg.between(1, 2, name="a"), rg.between(3, 4, name="b")
    first = rg.sensitivity(a * b, n=3_000, rng=9)
    assert first == rg.sensitivity(a * b, n=3_000, rng=9)
    assert (a * b).sensitivity(n=3_000, rng=9) == first
    assert first != rg.sensitivity(a * b, n=3_000, rng=10)
