"""Constructors of leaf estimates: from stated figures (read through a
:class:`~ranges.reading.Reading`) and from a family's own parameters.

>>> import ranges as rg
>>> troops = rg.between(10_000, 12_000, unit="troops")
>>> troops.leaf.note.shape == "lognormal"
True
>>> rg.between(10_000, 12_000, shape="bounds").bounds()
Interval(10000, 12000)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from ranges._config import defaults
from ranges.core._graph import Estimate
from ranges.core._interval import Interval
from ranges.distributions._families import (
    PERT,
    Distribution,
    FromScipy,
    LogNormal,
    LogUniform,
    Normal,
    StudentT,
    Triangular,
    Uniform,
    check_finite,
)
from ranges.errors import InputError
from ranges.reading._policy import LeafSpec, Reading, parameters_note, read_chance
from ranges.reading._shapes import Shape


def _stated_leaf(
    read: Callable[[Reading], LeafSpec],
    unit: Any,
    reading: Reading | None,
    name: str | None,
    note: str | None,
) -> Estimate:
    """The handling every stated-figure constructor shares: pick the policy (the
    defaults' unless ``reading`` is given), read the figure with it, add the caller's
    ``note`` to the reading's assumption, and make the leaf."""
    if reading is None:
        reading = defaults.reading
    elif not isinstance(reading, Reading):
        raise InputError(f"reading= must be a ranges.Reading, got {reading!r}")
    spec = read(reading)
    if note:
        extra = note if spec.note.assumption is None else f"{spec.note.assumption}; {note}"
        spec = LeafSpec(spec.distribution, spec.stated, replace(spec.note, assumption=extra))
    return Estimate.from_leaf(spec, unit, name)


def between(
    low: float,
    high: float,
    *,
    unit: Any = None,
    level: float | None = None,
    shape: Shape | str | None = None,
    mode: float | None = None,
    name: str | None = None,
    reading: Reading | None = None,
    note: str | None = None,
) -> Estimate:
    """A stated range "low to high", read by default as the 90% interval of a
    lognormal (positive ranges) or a normal (ranges reaching 0 or below).

    ``level`` and ``shape`` override the reading policy for this figure; ``mode``
    places the peak of a triangular or PERT reading; ``note`` records an assumption
    made on the way (for example by a text reader).

    >>> x = between(10_000, 12_000, unit="troops")
    >>> [round(v) for v in x.leaf.distribution.ppf([0.05, 0.95])]
    [10000, 12000]
    """
    return _stated_leaf(
        lambda policy: policy.read_range(low, high, level=level, shape=shape, mode=mode),
        unit, reading, name, note,
    )


def exactly(
    x: float,
    *,
    unit: Any = None,
    reading: Reading | None = None,
    name: str | None = None,
    note: str | None = None,
) -> Estimate:
    """A figure known exactly.

    >>> exactly(5_000, unit="workers").bounds()
    Interval(5000, 5000)
    """
    return _stated_leaf(lambda policy: policy.read_exactly(x), unit, reading, name, note)


def about(
    x: float,
    *,
    unit: Any = None,
    level: float | None = None,
    shape: Shape | str | None = None,
    reading: Reading | None = None,
    name: str | None = None,
    note: str | None = None,
) -> Estimate:
    """"About x": a normal centred on x whose width follows the roundness of x
    (±10 % for "about 10,000", narrower for "about 10,700"); an assumption.

    >>> about(10_000).bounds()
    Interval(9000, 11000)
    """
    return _stated_leaf(
        lambda policy: policy.read_about(x, level=level, shape=shape),
        unit, reading, name, note,
    )


def at_least(
    x: float,
    *,
    unit: Any = None,
    level: float | None = None,
    shape: Shape | str | None = None,
    reading: Reading | None = None,
    name: str | None = None,
    note: str | None = None,
) -> Estimate:
    """"At least x" / "more than x": a lognormal with x as its 5th percentile and,
    by convention, twice x as its 95th (``Reading.one_sided_ratio``). Its range
    bounds are x to infinity.

    >>> at_least(3_000).bounds()
    Interval(3000, inf)
    """
    return _stated_leaf(
        lambda policy: policy.read_at_least(x, level=level, shape=shape),
        unit, reading, name, note,
    )


def at_most(
    x: float,
    *,
    unit: Any = None,
    level: float | None = None,
    shape: Shape | str | None = None,
    reading: Reading | None = None,
    name: str | None = None,
    note: str | None = None,
) -> Estimate:
    """"At most x" / "up to x" / "as many as x": a lognormal with x as its 95th
    percentile and half of x as its 5th. Its range bounds are 0 to x.

    >>> at_most(5_000).bounds()
    Interval(0, 5000)
    """
    return _stated_leaf(
        lambda policy: policy.read_at_most(x, level=level, shape=shape),
        unit, reading, name, note,
    )


def plus_minus(
    x: float,
    margin: float,
    *,
    unit: Any = None,
    level: float | None = None,
    shape: Shape | str | None = None,
    reading: Reading | None = None,
    name: str | None = None,
    note: str | None = None,
) -> Estimate:
    """"x ± margin", read as the stated range x − margin to x + margin.

    >>> plus_minus(100, 10).bounds()
    Interval(90, 110)
    """
    return _stated_leaf(
        lambda policy: policy.read_plus_minus(x, margin, level=level, shape=shape),
        unit, reading, name, note,
    )


def vague(
    phrase: str,
    *,
    unit: Any = None,
    level: float | None = None,
    shape: Shape | str | None = None,
    reading: Reading | None = None,
    name: str | None = None,
    note: str | None = None,
) -> Estimate:
    """A vague quantity ("thousands", "a few hundred") read through the policy's
    table; always reported as an assumption (``note`` adds to it).

    >>> vague("thousands", unit="workers").bounds()
    Interval(2000, 10000)
    """
    return _stated_leaf(
        lambda policy: policy.read_vague(phrase, level=level, shape=shape),
        unit, reading, name, note,
    )


def bernoulli(p: float, *, name: str | None = None, label: str | None = None) -> Estimate:
    """An event that may not happen: 1 with chance ``p`` (a probability, 0 to 1), 0
    otherwise; a plain number. Multiply it by what the event brings:
    ``bernoulli(0.6) * exactly(6_000, unit="troops")`` is a planned deployment with a
    60% chance of going ahead.

    >>> deployment = bernoulli(0.6) * exactly(6_000, unit="troops")
    >>> deployment.mean(engine="exact"), deployment.prob_above(0, engine="exact")
    (3600.0, 0.6)
    >>> print(deployment)
    40% chance of exactly 0 troops; otherwise 6,000 troops; ranges added end to end: 0–6,000
    """
    return Estimate.from_leaf(read_chance(p), None, name, label)


# -- families by their own parameters --------------------------------------------------
def _from_distribution(
    dist: Distribution, unit: Any, name: str | None, stated: Interval | None = None
) -> Estimate:
    low, high = dist.support()
    spec = LeafSpec(dist, stated or Interval(low, high), parameters_note(dist))
    return Estimate.from_leaf(spec, unit, name)


def normal(mean: float, sd: float, *, unit: Any = None, name: str | None = None) -> Estimate:
    """Normal distribution by mean and standard deviation.

    >>> normal(10, 2).leaf.distribution.std()
    2.0
    """
    return _from_distribution(Normal(mean, sd), unit, name)


def lognormal(
    mu: float | None = None,
    sigma: float | None = None,
    *,
    median: float | None = None,
    unit: Any = None,
    name: str | None = None,
) -> Estimate:
    """Lognormal by ``mu``/``sigma`` of the log (``mu`` is the log of the median,
    unlike mcerp's ``LogN``), or by ``median=`` and ``sigma``.

    >>> round(lognormal(median=100, sigma=0.5).leaf.distribution.ppf(0.5).item(), 9)
    100.0
    """
    if sigma is None:
        raise InputError("lognormal needs sigma (the standard deviation of the log)")
    if median is not None:
        if mu is not None:
            raise InputError("give mu or median, not both")
        median = check_finite("median", median)
        if median <= 0:
            raise InputError(f"a lognormal median must be positive, got {median:g}")
        mu = math.log(median)
    if mu is None:
        raise InputError("lognormal needs mu (log of the median) or median=")
    return _from_distribution(LogNormal(mu, sigma), unit, name)


def uniform(low: float, high: float, *, unit: Any = None, name: str | None = None) -> Estimate:
    """Flat on exactly [low, high].

    >>> uniform(2, 4).bounds()
    Interval(2, 4)
    """
    return _from_distribution(Uniform(low, high), unit, name)


def loguniform(low: float, high: float, *, unit: Any = None, name: str | None = None) -> Estimate:
    """Flat in the logarithm on exactly [low, high].

    >>> loguniform(1, 100).bounds()
    Interval(1, 100)
    """
    return _from_distribution(LogUniform(low, high), unit, name)


def triangular(
    low: float, mode: float, high: float, *, unit: Any = None, name: str | None = None
) -> Estimate:
    """Triangular on exactly [low, high] peaking at ``mode``.

    >>> triangular(0, 1, 4).bounds()
    Interval(0, 4)
    """
    return _from_distribution(Triangular(low, mode, high), unit, name)


def pert(
    low: float, mode: float, high: float, *, unit: Any = None, name: str | None = None
) -> Estimate:
    """PERT on exactly [low, high] peaking at ``mode``.

    >>> pert(0, 1, 4).leaf.distribution.mean()
    1.3333333333333333
    """
    return _from_distribution(PERT(low, mode, high), unit, name)


def student_t(
    df: float, loc: float = 0.0, scale: float = 1.0, *, unit: Any = None, name: str | None = None
) -> Estimate:
    """Student's t by degrees of freedom, location and scale.

    >>> student_t(4, 10, 2).leaf.distribution.mean()
    10.0
    """
    return _from_distribution(StudentT(df, loc, scale), unit, name)


def from_scipy(frozen: Any, *, unit: Any = None, name: str | None = None) -> Estimate:
    """Any frozen continuous ``scipy.stats`` distribution as a leaf.

    >>> from scipy import stats
    >>> round(from_scipy(stats.gamma(3.0)).leaf.distribution.mean(), 6)
    3.0
    """
    return _from_distribution(FromScipy(frozen), unit, name)
