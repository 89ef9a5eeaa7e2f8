"""Readings, notes, leaf specs and every distribution family survive pickling: the copy
is equal to the original and answers cdf/ppf/pdf with the same numbers."""

from __future__ import annotations

import pickle
from collections.abc import Callable

import numpy as np
import pytest
from scipy import stats

import ranges as rg
from ranges.distributions import (
    MONOTONE_OPS,
    PERT,
    Affine,
    Distribution,
    FromScipy,
    GridDistribution,
    LogNormal,
    LogUniform,
    Monotone,
    Normal,
    PointMass,
    ScipyDistribution,
    StudentT,
    Triangular,
    Uniform,
)
from ranges.reading import LeafSpec, Reading, ReadingNote, VagueEntry

PROBABILITIES = np.array([0.001, 0.05, 0.3, 0.5, 0.7, 0.95, 0.999])

#: a base each monotone function is defined on (positive for logs, roots and powers,
#: inside (-1, 1) for tanh's inverse to exist on the image)
_MONOTONE_BASES: dict[str, Distribution] = {
    "exp": Normal(0.0, 1.0),
    "expm1": Normal(0.0, 1.0),
    "log": LogNormal(1.0, 0.5),
    "log10": LogNormal(1.0, 0.5),
    "log2": LogNormal(1.0, 0.5),
    "log1p": LogNormal(0.0, 0.5),
    "sqrt": LogNormal(0.0, 0.5),
    "cbrt": Normal(2.0, 1.0),
    "tanh": Normal(0.0, 1.0),
    "arctan": Normal(0.0, 2.0),
    "pow": LogNormal(0.0, 0.5),
}

DISTRIBUTIONS: dict[str, Callable[[], Distribution]] = {
    "normal": lambda: Normal(3.0, 2.0),
    "lognormal": lambda: LogNormal.from_interval(10_000, 12_000, 0.9),
    "uniform": lambda: Uniform(2.0, 4.0),
    "loguniform": lambda: LogUniform(1.0, 100.0),
    "triangular": lambda: Triangular.from_interval(100, 200, 0.9, 130),
    "pert": lambda: PERT(0.0, 1.0, 4.0),
    "student_t": lambda: StudentT(4.0, 10.0, 2.0),
    "point": lambda: PointMass(5.0),
    "from_scipy": lambda: FromScipy(stats.gamma(2.5, scale=3.0)),
    "scipy_frozen": lambda: ScipyDistribution(stats.weibull_min(1.5), {"c": 1.5}),
    "affine": lambda: Affine(LogNormal(0.0, 0.5), scale=-2.0, shift=10.0),
    "grid": lambda: GridDistribution(0.0, 0.5, np.array([0.1, 0.2, 0.4, 0.2, 0.1])),
    "log_grid": lambda: GridDistribution(1.0, 0.25, np.array([0.3, 0.4, 0.3]), log=True),
    **{
        f"monotone_{function}": (
            lambda function=function: Monotone(_MONOTONE_BASES[function], function)
        )
        for function in (op.value for op in MONOTONE_OPS)
        if function != "pow"
    },
    "monotone_power": lambda: Monotone(LogNormal(0.0, 0.5), "power", exponent=2.5),
    "monotone_negative_power": lambda: Monotone(LogNormal(0.0, 0.5), "power", exponent=-1.0),
}


def _round_trip(value: object) -> object:
    return pickle.loads(pickle.dumps(value))


def _points(dist: Distribution) -> np.ndarray:
    """Values across the body and tails of ``dist`` (the original's quantiles)."""
    return np.asarray(dist.ppf(PROBABILITIES), dtype=float)


@pytest.mark.parametrize("make", DISTRIBUTIONS.values(), ids=DISTRIBUTIONS.keys())
def test_every_family_pickles_to_an_equal_distribution_with_the_same_values(
    make: Callable[[], Distribution],
) -> None:
    original = make()
    xs = _points(original)
    before = (original.ppf(PROBABILITIES), original.cdf(xs), original.pdf(xs))
    copy = _round_trip(original)
    assert isinstance(copy, type(original))
    assert copy == original
    assert hash(copy) == hash(original)
    assert copy.describe() == original.describe()
    # bit-for-bit: the copy computes with the same parameters
    np.testing.assert_array_equal(copy.ppf(PROBABILITIES), before[0])
    np.testing.assert_array_equal(copy.cdf(xs), before[1])
    np.testing.assert_array_equal(copy.pdf(xs), before[2])
    assert copy.support() == original.support()


@pytest.mark.parametrize("family", ["normal", "lognormal", "uniform", "loguniform",
                                    "triangular", "pert", "student_t"])
def test_a_family_pickles_without_the_scipy_object_it_made_for_itself(family: str) -> None:
    dist = DISTRIBUTIONS[family]()
    assert isinstance(dist, ScipyDistribution)
    dist.pdf(dist.ppf(0.5))  # the families ask scipy.stats for their density: made now
    dist.std()
    assert b"scipy" not in pickle.dumps(dist)
    copy = _round_trip(dist)
    assert isinstance(copy, ScipyDistribution)
    np.testing.assert_array_equal(copy.pdf(_points(dist)), dist.pdf(_points(dist)))


def test_distributions_differ_when_their_family_or_parameters_do() -> None:
    assert Normal(0, 1) != Normal(0, 2)
    assert Uniform(0, 1) != LogUniform(1, 2)
    assert Affine(Normal(0, 1), 2.0) != Affine(Normal(0, 1), 2.0, shift=1.0)
    assert Affine(Normal(0, 1), 2.0) != Affine(Normal(0, 2), 2.0)
    assert Monotone(Normal(0, 1), "exp") != Monotone(Normal(0, 1), "tanh")
    power = Monotone(LogNormal(0, 1), "power", exponent=2.0)
    assert power != Monotone(LogNormal(0, 1), "power", exponent=3.0)
    grid = GridDistribution(0.0, 1.0, np.array([0.25, 0.5, 0.25]))
    assert grid != GridDistribution(0.0, 1.0, np.array([0.5, 0.25, 0.25]))
    assert grid != GridDistribution(0.0, 1.0, np.array([0.25, 0.5, 0.25]), log=True)
    assert FromScipy(stats.gamma(2.0)) != FromScipy(stats.gamma(3.0))
    assert FromScipy(stats.gamma(2.0)) == FromScipy(stats.gamma(2.0))
    assert Normal(0, 1) != "normal(mean=0, sd=1)"


def _all_readings() -> dict[str, rg.Estimate]:
    reading = Reading(level=0.8, shape="pert", one_sided_ratio=3.0,
                      vague={"loads": VagueEntry(50.0, 500.0, "a made-up row")})
    return {
        **{f"between_{shape}": rg.between(10, 20, shape=shape)
           for shape in ["auto", "lognormal", "normal", "uniform", "loguniform",
                         "triangular", "pert", "bounds"]},
        "between_mode": rg.between(10, 20, shape="triangular", mode=12),
        "between_zero_width": rg.between(5, 5),
        "between_negative": rg.between(-5, 5),
        "exactly": rg.exactly(7, unit="troops"),
        "about": rg.about(10_700, note="a note from the text reader"),
        "at_least": rg.at_least(3_000),
        "at_most": rg.at_most(5_000, level=0.5),
        "plus_minus": rg.plus_minus(100, 10),
        "vague": rg.vague("a few thousand"),
        "own_policy": rg.vague("loads", reading=reading),
        "parameters": rg.student_t(4, 10, 2),
        "from_scipy": rg.from_scipy(stats.gamma(2.0)),
    }


@pytest.mark.parametrize("name", list(_all_readings()))
def test_leaf_specs_and_notes_pickle_to_equal_objects(name: str) -> None:
    spec = _all_readings()[name].leaf
    assert isinstance(spec, LeafSpec)
    copy = _round_trip(spec)
    assert isinstance(copy, LeafSpec)
    assert copy == spec
    assert copy.note == spec.note
    assert isinstance(copy.note, ReadingNote)
    assert type(copy.note.kind) is type(spec.note.kind)
    assert type(copy.note.shape) is type(spec.note.shape)
    assert copy.stated == spec.stated
    np.testing.assert_array_equal(copy.distribution.ppf(PROBABILITIES),
                                  spec.distribution.ppf(PROBABILITIES))


def test_reading_policies_pickle_to_equal_policies_that_read_alike() -> None:
    custom = Reading(level=0.8, shape="Uniform", about_max_relative=0.2,
                     vague={"loads": VagueEntry(50.0, 500.0, "a made-up row")})
    for policy in (Reading(), custom):
        copy = _round_trip(policy)
        assert isinstance(copy, Reading)
        assert copy == policy
        assert copy.read_range(10, 20) == policy.read_range(10, 20)
        assert copy.read_about(10_000) == policy.read_about(10_000)
    assert _round_trip(custom).read_vague("loads").stated == rg.Interval(50, 500)


def test_a_note_made_by_an_engine_pickles() -> None:
    note = ReadingNote("derived", "grid", rule="computed exactly (convolution) from a + b")
    copy = _round_trip(note)
    assert copy == note
    assert copy.kind == "derived" and copy.shape == "grid"
