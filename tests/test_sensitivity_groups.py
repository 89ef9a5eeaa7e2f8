"""Groups in ``rg.sensitivity``: a part of the graph (a graded source with its grading
factors, a product of inputs) treated as one input, checked against closed forms."""

from __future__ import annotations

import pytest
from scipy import stats

import ranges as rg


def test_a_group_in_a_plain_sum_is_exact_and_adds_its_parts() -> None:
    a, b, c = rg.normal(10, 1, name="a"), rg.normal(20, 2, name="b"), rg.normal(5, 3, name="c")
    part = a + b
    sens = rg.sensitivity(part + c, groups={"a and b": part})
    shares = {row.name: row.share_of_variance for row in sens.rows}
    assert sens.method.startswith("exact")
    assert shares == pytest.approx({"a and b": 5 / 14, "c": 9 / 14}, abs=1e-12)
    row = next(r for r in sens.rows if r.name == "a and b")
    spread = stats.norm(30, 5 ** 0.5)
    assert (row.input_low, row.input_high) == pytest.approx(
        (spread.ppf(0.05), spread.ppf(0.95)), rel=1e-6)
    assert (row.result_low, row.result_high) == pytest.approx(
        (spread.ppf(0.05) + 5, spread.ppf(0.95) + 5), rel=1e-6)


def test_a_product_group_share_matches_the_closed_form() -> None:
    """Var(a·b) = μa²σb² + μb²σa² + σa²σb² for independent a, b; the group's first-order
    share of a·b + c is Var(a·b) / (Var(a·b) + Var(c))."""
    a, b, c = rg.normal(4, 1, name="a"), rg.normal(3, 0.5, name="b"), rg.normal(0, 2, name="c")
    product = a * b
    sens = rg.sensitivity(product + c, groups={"a times b": product}, n=40_000, rng=3)
    var_ab = 16 * 0.25 + 9 * 1 + 1 * 0.25
    expected = var_ab / (var_ab + 4)
    row = next(r for r in sens.rows if r.name == "a times b")
    assert row.share_error > 0
    assert row.share_of_variance == pytest.approx(expected, abs=4 * row.share_error + 0.005)
    assert [r.name for r in sens.rows] == ["a times b", "c"]


def test_a_graded_source_is_one_row_with_its_own_spread() -> None:
    x = rg.between(800, 1_100, name="labour").graded("B2")
    y = rg.between(200, 300, name="tools")
    total = x + y
    sens = rg.sensitivity(total, groups={"labour": x, "tools": y}, n=40_000, rng=5)
    assert sorted(r.name for r in sens.rows) == ["labour", "tools"]
    var_x = x.std(engine="mc", n=400_000, rng=9) ** 2
    var_y = y.std(engine="exact") ** 2
    row = next(r for r in sens.rows if r.name == "labour")
    assert row.share_of_variance == pytest.approx(var_x / (var_x + var_y),
                                                  abs=4 * row.share_error + 0.01)
    low, high = x.quantile([0.05, 0.95], rng=5)
    assert (row.input_low, row.input_high) == pytest.approx((low, high), rel=1e-3)


def test_a_group_sharing_an_input_with_the_rest_is_refused() -> None:
    a, b = rg.between(1, 2, name="a"), rg.between(3, 4, name="b")
    product = a * b
    with pytest.raises(rg.InputError, match="also used outside"):
        rg.sensitivity(product + a, groups={"a times b": product})


def test_a_group_that_is_not_in_the_estimate_is_refused() -> None:
    a, b = rg.between(1, 2), rg.between(3, 4)
    with pytest.raises(rg.InputError, match="not a part of the estimate"):
        rg.sensitivity(a + b, groups={"other": rg.between(5, 6)})


def test_a_pools_variance_split_matches_closed_form_and_monte_carlo() -> None:
    """Weights 0.2/0.8, normals N(10, 1) and N(20, 3): between = Σw(μ−μ̄)², within
    w·σ²; and the parts add up to the pool's variance from Monte Carlo."""
    from ranges.report._sensitivity import variance_split

    pool = rg.pool([rg.normal(10, 1, name="A"), rg.normal(20, 3, name="B")],
                   weights=[0.2, 0.8])
    split = variance_split(pool)
    mean = 0.2 * 10 + 0.8 * 20
    between = 0.2 * (10 - mean) ** 2 + 0.8 * (20 - mean) ** 2
    within = [0.2 * 1, 0.8 * 9]
    total = between + sum(within)
    assert split.between == pytest.approx(between / total, abs=1e-9)
    assert [s.share for s in split.sources] == pytest.approx([w / total for w in within],
                                                             abs=1e-9)
    draws = pool.sample(400_000, rng=4)
    assert split.std == pytest.approx(float(draws.std()), rel=0.01)
    assert split.mean == pytest.approx(float(draws.mean()), rel=0.002)


def test_variance_split_refuses_what_is_not_a_linear_pool() -> None:
    from ranges.report._sensitivity import variance_split

    with pytest.raises(rg.InputError, match="linear pool"):
        variance_split(rg.between(1, 2) + rg.between(3, 4))
