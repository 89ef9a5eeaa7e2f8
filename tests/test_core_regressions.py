"""Regression tests for the silent wrong answers of the core and the engines, each
written to fail on the code before the fix: a value used directly and through a unit
relabel, colliding random streams, exact zeros in the exact engine, and the
superlinear walks of ``auto``."""

from __future__ import annotations

import pickle

import numpy as np
import pytest

import ranges as rg
from ranges.core._ops import SPECS, Form, Op
from ranges.engines import ENGINES, EngineName
from ranges.engines._seeding import name_key

ENGINES_ALL = ["auto", "exact", "mc", "qmc"]


def test_an_input_used_directly_and_through_a_relabel_is_one_draw() -> None:
    # x relabelled troops -> people (factor 1) shares x's array; the product x * y used
    # to be written into that array while the relabel still pointed at it
    x = rg.between(10, 12, unit="troops", shape="bounds")
    y = rg.between(0.1, 0.2, shape="bounds")
    total = x.to("people") + (x * y).to("people")
    bounds = total.bounds()
    assert bounds == rg.Interval(11, 14.4)
    for engine in ("auto", "mc", "qmc"):
        draws = total.evaluate(engine=engine, n=20_000, rng=1).samples
        assert draws is not None
        assert bounds.low <= draws.min() and draws.max() <= bounds.high, engine
    # reference: E[x (1 + y)] = 11 × 1.15 for independent flat x and y
    assert total.mean(engine="mc", n=200_000, rng=2) == pytest.approx(11 * 1.15, rel=2e-3)
    xs = x.sample(1_000, rng=3)
    np.testing.assert_array_equal(x.to("people").sample(1_000, rng=3), xs)


def test_two_names_never_share_a_random_stream() -> None:
    # "plumless" and "buckeroo" have the same CRC-32, which keyed the streams before
    a = rg.between(1, 2, name="plumless")
    b = rg.between(1, 2, name="buckeroo")
    assert name_key("plumless") != name_key("buckeroo")
    exact = (a - b).std(engine="exact")
    assert (a - b).std(engine="mc", n=200_000, rng=0) == pytest.approx(exact, rel=0.01)
    assert exact > 0.4


def test_a_named_input_keeps_its_draws_whatever_else_is_in_the_graph() -> None:
    a = rg.between(1, 2, name="alpha")
    alone = rg.contributions(a + rg.between(5, 6), n=1_000, rng=4)[0]
    other = rg.contributions(rg.between(7, 8) + a, n=1_000, rng=4)[1]
    assert alone.mean == other.mean


@pytest.mark.parametrize("engine", ENGINES_ALL)
def test_an_exact_zero_times_or_over_an_input_is_zero(engine: str) -> None:
    x = rg.between(10, 12, shape="bounds")
    y = rg.between(0.1, 0.2, shape="bounds")
    zero = x - x
    assert (zero * y).quantile([0.05, 0.95], engine=engine, n=4_096).tolist() == [0.0, 0.0]
    # (x − x)/x + x is x: every engine that answers agrees with x's own quantiles
    got = (zero / x + x).quantile([0.05, 0.5, 0.95], engine=engine, n=200_000, rng=5)
    np.testing.assert_allclose(got, [10.1, 11.0, 11.9], rtol=2e-3)


def test_zero_over_zero_is_refused_by_every_engine() -> None:
    x = rg.between(10, 12)
    zero = x - x
    for engine in ENGINES_ALL:
        with pytest.raises(rg.EngineError):
            (zero / zero).quantile(0.5, engine=engine, n=1_000)


def test_every_operation_has_one_specification_and_a_form() -> None:
    assert set(SPECS) == set(Op)
    for op, spec in SPECS.items():
        assert spec.op is op and isinstance(spec.form, Form)
        if spec.form in (Form.SUM, Form.PRODUCT, Form.POWER, Form.EXTREMUM, Form.NEGATE,
                         Form.ELEMENTWISE):
            assert spec.numpy is not None and spec.interval is not None, op
    assert set(ENGINES) == set(EngineName)


def test_expression_of_a_huge_graph_is_cut_without_writing_it_all() -> None:
    total = rg.between(1, 2)
    for _ in range(5_000):
        total = total + rg.between(1, 2)
    text = rg.format.expression(total, max_length=60)
    assert len(text) == 60 and text.endswith("…")


def test_auto_collapses_private_products_around_a_shared_input() -> None:
    x = rg.between(1, 2)
    total = x  # x + a1·b1 + a2·b2 + ...: every partial sum holds x, each product is private
    for _ in range(30):
        total = total + rg.lognormal(0.0, 0.2) * rg.lognormal(1.0, 0.1)
    model = total * x
    evaluation = model.evaluate(n=4_096, rng=0)
    exact_parts = [part for part, engine in evaluation.parts if engine.startswith("exact")]
    assert len(exact_parts) == 30
    # the same model sampled as a whole agrees within the errors of both
    mc = model.evaluate(engine="mc", n=200_000, rng=1)
    probs = [0.05, 0.5, 0.95]
    gap = np.abs(evaluation.quantile(probs) - mc.quantile(probs))
    assert np.all(gap <= 5 * (evaluation.quantile_error(probs) + mc.quantile_error(probs)))


def test_a_deep_graph_pickles_and_keeps_its_draws() -> None:
    x = rg.between(1, 2, unit="troops")
    total = x
    for i in range(3_000):
        total = total + rg.between(i, i + 1, unit="workers")
    total = total - x.to("people")
    again = pickle.loads(pickle.dumps(total))
    assert again.leaves()[0] is not x
    assert str(again.unit) == str(total.unit)
    np.testing.assert_array_equal(again.sample(100, rng=3), total.sample(100, rng=3))


def test_a_repeated_figure_from_text_is_two_inputs_every_engine_can_sample() -> None:
    found = rg.total("1,000-1,200 sappers and 1,000-1,200 sappers")
    total = found.estimate
    first, second = total.leaves()
    assert first is not second and first.label == second.label == "1,000-1,200 sappers"
    # two independent readings of 1,000–1,200: the sum's median is about 2 × 1,095
    for engine in ("auto", "mc", "qmc", "exact"):
        assert total.quantile(0.5, engine=engine, n=100_000, rng=1) == pytest.approx(
            2 * np.sqrt(1_000 * 1_200), rel=5e-3), engine
    draws = total.sample(10_000, rng=2)
    assert np.corrcoef(first.sample(10_000, rng=2), draws - first.sample(10_000, rng=2)
                       )[0, 1] == pytest.approx(0.0, abs=0.05)


def test_an_unknown_unit_typed_apart_is_refused_with_a_suggestion_and_a_caret() -> None:
    with pytest.raises(rg.ParseError) as caught:
        rg.parse("12 tropos")
    assert caught.value.position == 3 and "did you mean 'troops'" in str(caught.value)


def test_offset_units_convert_with_their_offset() -> None:
    assert rg.exactly(10, unit="degC").to("degF").median() == pytest.approx(50.0, rel=1e-12)
    with pytest.raises(rg.UnitError):
        rg.exactly(10, unit="degC") + rg.exactly(5, unit="kelvin")
    warmer = rg.between(20, 22, unit="degC") - rg.between(10, 11, unit="degC")
    assert str(warmer.unit) == "delta_degree_Celsius"


@pytest.mark.parametrize(("left", "right"), [
    ("GB", "percent"), ("GB", None), ("percent", None), (None, "percent"),
    ("radian", "percent"),
])
def test_units_pint_calls_dimensionless_but_that_differ_are_not_added(
        left: str | None, right: str | None) -> None:
    """pint counts bytes, angles, shares and plain numbers as dimensionless, so 64 GB +
    5% came out as 64 GB and 64% + 5 as 564%: silent wrong numbers."""
    with pytest.raises(rg.UnitError, match="measure different things"):
        rg.exactly(64, unit=left) + rg.exactly(5, unit=right)


def test_units_of_one_kind_that_pint_calls_dimensionless_still_add() -> None:
    total = rg.exactly(64, unit="GB") + rg.exactly(500, unit="MB")
    assert total.mean() == pytest.approx(64.5)
    share = rg.exactly(5, unit="percent") + rg.exactly(2000, unit="ppm")
    assert share.mean() == pytest.approx(5.2)
