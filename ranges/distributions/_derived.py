"""Distributions that engines derive from others: an affine map, a monotone
function, and a distribution held on a grid (the result of a numerical
convolution). They answer the same small interface as the leaf families, so a
derived result can feed further arithmetic as a new leaf. Each holds only data (a
monotone function is named by :class:`MonotoneFunction`, not stored as code), so each
pickles and compares equal to a copy.

>>> from ranges.distributions import Normal
>>> d = Affine(Normal(0, 1), scale=2.0, shift=10.0)
>>> round(float(d.ppf(0.5)), 9), round(d.std(), 9)
(10.0, 2.0)
>>> round(float(Monotone(Normal(0, 1), "exp").ppf(0.5)), 9)
1.0
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ranges.core._ops import SPECS, Monotonicity, Op
from ranges.distributions._families import Distribution, FloatArray
from ranges.errors import InputError

_QUAD_POINTS = (np.arange(1 << 14) + 0.5) / (1 << 14)


def _moments_by_quadrature(ppf: Callable[[FloatArray], FloatArray]) -> tuple[float, float]:
    """Mean and standard deviation from the quantile function (midpoint rule)."""
    values = ppf(_QUAD_POINTS)
    finite = values[np.isfinite(values)]
    if finite.size < values.size:
        return math.nan, math.nan
    return float(finite.mean()), float(finite.std())


class Affine(Distribution):
    """``scale × X + shift`` for a distribution X and constants (scale ≠ 0)."""

    family = "affine"

    def __init__(self, base: Distribution, scale: float, shift: float = 0.0) -> None:
        if scale == 0:
            raise ValueError("scale must not be 0")
        self.base, self.scale, self.shift = base, float(scale), float(shift)

    @property
    def params(self) -> dict[str, float]:
        return {"scale": self.scale, "shift": self.shift}

    def _identity(self) -> tuple[object, ...]:
        return (self.base, self.scale, self.shift)

    def describe(self) -> str:
        return f"{self.scale:.6g} × {self.base.describe()} + {self.shift:.6g}"

    def sample(self, n: int, rng: np.random.Generator) -> FloatArray:
        out = self.base.sample(n, rng)
        out *= self.scale
        out += self.shift
        return out

    def sample_from_uniform(self, u: FloatArray) -> FloatArray:
        return self.ppf(u)

    def ppf(self, q: ArrayLike) -> FloatArray:
        p = np.asarray(q, dtype=float)
        base = self.base.ppf(p if self.scale > 0 else 1.0 - p)
        return np.asarray(base * self.scale + self.shift, dtype=float)

    def cdf(self, x: ArrayLike) -> FloatArray:
        y = (np.asarray(x, dtype=float) - self.shift) / self.scale
        c = self.base.cdf(y)
        return c if self.scale > 0 else 1.0 - c

    def pdf(self, x: ArrayLike) -> FloatArray:
        y = (np.asarray(x, dtype=float) - self.shift) / self.scale
        return self.base.pdf(y) / abs(self.scale)

    def mean(self) -> float:
        return self.scale * self.base.mean() + self.shift

    def std(self) -> float:
        return abs(self.scale) * self.base.std()

    def support(self) -> tuple[float, float]:
        low, high = self.base.support()
        ends = sorted((low * self.scale + self.shift, high * self.scale + self.shift))
        return ends[0], ends[1]


#: The operations a distribution can be pushed through: the increasing elementwise
#: functions of the operation table, and a power with a constant exponent.
MONOTONE_OPS: tuple[Op, ...] = (
    *(op for op, spec in SPECS.items()
      if spec.inverse is not None and spec.monotone is not Monotonicity.NEITHER),
    Op.POW,
)


def _monotone_op(function: Op | str) -> Op:
    """The operation named ``function`` ("power" is :attr:`Op.POW`), checked."""
    name = "pow" if function == "power" else str(function)
    try:
        op = Op(name)
    except ValueError:
        op = None
    if op is None or op not in MONOTONE_OPS:
        known = ", ".join(o.value for o in MONOTONE_OPS)
        raise InputError(f"unknown monotone function {function!r}; known: {known}")
    return op


class Monotone(Distribution):
    """``g(X)`` for a strictly monotone function g: an increasing elementwise operation
    of the table (:data:`ranges.core._ops.SPECS`, which holds g, its inverse and the
    inverse's derivative), or ``"power"`` with a non-zero ``exponent``.

    >>> from ranges.distributions import LogNormal
    >>> d = Monotone(LogNormal(0.0, 1.0), "power", exponent=-1.0)
    >>> d.describe(), round(float(d.ppf(0.5)), 9), d.increasing
    ('pow-1(lognormal(mu=0, sigma=1))', 1.0, False)
    """

    family = "monotone"

    def __init__(self, base: Distribution, function: Op | str, *, exponent: float = 1.0,
                 increasing: bool | None = None) -> None:
        self.base = base
        self.op = _monotone_op(function)
        self.exponent = float(exponent)
        if self.op is Op.POW and self.exponent == 0:
            raise InputError("a power of 0 is constant, not a strictly monotone function")
        self.name = f"pow{self.exponent:g}" if self.op is Op.POW else self.op.value
        table = self.op is not Op.POW or self.exponent > 0
        if increasing is not None and increasing != table:
            raise InputError(f"{self.name} is {'in' if table else 'de'}creasing, "
                             f"not {'in' if increasing else 'de'}creasing")
        self.increasing = table
        self._moments: tuple[float, float] | None = None

    def func(self, x: FloatArray) -> FloatArray:
        """g, applied to values."""
        if self.op is Op.POW:
            return np.asarray(np.power(x, self.exponent), dtype=float)
        forward = SPECS[self.op].numpy
        assert forward is not None
        return np.asarray(forward(x), dtype=float)

    def inverse(self, y: FloatArray) -> FloatArray:
        """The inverse of g."""
        if self.op is Op.POW:
            return np.asarray(np.power(y, 1.0 / self.exponent), dtype=float)
        inverse = SPECS[self.op].inverse
        assert inverse is not None
        return np.asarray(inverse(y), dtype=float)

    def derivative_of_inverse(self, y: FloatArray) -> FloatArray:
        """The derivative of the inverse of g (for the density)."""
        if self.op is Op.POW:
            p = self.exponent
            return np.asarray(np.power(y, 1.0 / p - 1.0) / abs(p), dtype=float)
        derivative = SPECS[self.op].inverse_derivative
        assert derivative is not None
        return np.asarray(derivative(y), dtype=float)

    def _identity(self) -> tuple[object, ...]:
        return (self.base, self.op, self.exponent)

    @property
    def params(self) -> dict[str, float]:
        return {}

    def describe(self) -> str:
        return f"{self.name}({self.base.describe()})"

    def sample(self, n: int, rng: np.random.Generator) -> FloatArray:
        with np.errstate(all="ignore"):
            return np.asarray(self.func(self.base.sample(n, rng)), dtype=float)

    def sample_from_uniform(self, u: FloatArray) -> FloatArray:
        return self.ppf(u)

    def ppf(self, q: ArrayLike) -> FloatArray:
        p = np.asarray(q, dtype=float)
        with np.errstate(all="ignore"):
            return np.asarray(self.func(self.base.ppf(p if self.increasing else 1.0 - p)),
                              dtype=float)

    def cdf(self, x: ArrayLike) -> FloatArray:
        with np.errstate(all="ignore"):
            c = self.base.cdf(self.inverse(np.asarray(x, dtype=float)))
        return c if self.increasing else 1.0 - c

    def pdf(self, x: ArrayLike) -> FloatArray:
        y = np.asarray(x, dtype=float)
        with np.errstate(all="ignore"):
            return np.asarray(
                self.base.pdf(self.inverse(y)) * np.abs(self.derivative_of_inverse(y)),
                dtype=float,
            )

    def _moment_pair(self) -> tuple[float, float]:
        if self._moments is None:
            self._moments = _moments_by_quadrature(self.ppf)
        return self._moments

    def mean(self) -> float:
        return self._moment_pair()[0]

    def std(self) -> float:
        return self._moment_pair()[1]

    def support(self) -> tuple[float, float]:
        low, high = self.base.support()
        with np.errstate(all="ignore"):
            ends = sorted(float(v) for v in self.func(np.array([low, high])))
        return ends[0], ends[1]


class GridDistribution(Distribution):
    """A distribution given by probability masses on a uniform grid.

    Mass ``masses[k]`` is spread evenly over the cell centred on
    ``start + k × step``, so the CDF is piecewise linear and the quantile function
    its inverse. With ``log=True`` the grid holds the logarithm of the value
    (products computed in log space).

    >>> g = GridDistribution(0.0, 1.0, np.array([0.25, 0.5, 0.25]))
    >>> float(g.ppf(0.5)), float(g.cdf(0.5))
    (1.0, 0.25)
    """

    family = "grid"

    def __init__(
        self,
        start: float,
        step: float,
        masses: NDArray[np.float64],
        *,
        log: bool = False,
        mean: float | None = None,
        std: float | None = None,
    ) -> None:
        masses = np.clip(np.asarray(masses, dtype=float), 0.0, None)
        total = float(masses.sum())
        if not (math.isfinite(total) and total > 0):
            raise InputError(f"a grid distribution needs a positive total mass, got {total!r}")
        self.lost_mass = abs(1.0 - total)
        self.masses = masses / total
        self.start, self.step, self.log = float(start), float(step), log
        self.edges = self.start - self.step / 2 + self.step * np.arange(masses.size + 1)
        cumulative = np.empty(masses.size + 1)
        cumulative[0] = 0.0
        np.cumsum(self.masses, out=cumulative[1:])
        cumulative[-1] = 1.0
        self.cumulative = cumulative
        self._mean, self._std = mean, std

    @property
    def params(self) -> dict[str, float]:
        return {"cells": float(self.masses.size), "step": self.step}

    def _identity(self) -> tuple[object, ...]:
        return (self.start, self.step, self.log, self.masses.tobytes())

    def describe(self) -> str:
        space = "log " if self.log else ""
        return f"grid({self.masses.size} {space}cells of {self.step:.3g})"

    def _to_grid(self, x: ArrayLike) -> FloatArray:
        y = np.asarray(x, dtype=float)
        if not self.log:
            return y
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(y > 0, np.log(np.where(y > 0, y, 1.0)), -np.inf)

    def _from_grid(self, t: FloatArray) -> FloatArray:
        return np.exp(t) if self.log else t

    def sample(self, n: int, rng: np.random.Generator) -> FloatArray:
        return self.ppf(rng.random(n))

    def sample_from_uniform(self, u: FloatArray) -> FloatArray:
        return self.ppf(u)

    def ppf(self, q: ArrayLike) -> FloatArray:
        p = np.asarray(q, dtype=float)
        return np.asarray(self._from_grid(np.interp(p, self.cumulative, self.edges)), dtype=float)

    def cdf(self, x: ArrayLike) -> FloatArray:
        return np.asarray(
            np.interp(self._to_grid(x), self.edges, self.cumulative, left=0.0, right=1.0),
            dtype=float,
        )

    def pdf(self, x: ArrayLike) -> FloatArray:
        t = self._to_grid(x)
        index = np.floor((t - self.edges[0]) / self.step).astype(int)
        inside = (index >= 0) & (index < self.masses.size)
        density = np.where(inside, self.masses[np.clip(index, 0, self.masses.size - 1)], 0.0)
        density = density / self.step
        if self.log:
            y = np.asarray(x, dtype=float)
            with np.errstate(divide="ignore", invalid="ignore"):
                density = np.where(y > 0, density / np.where(y > 0, y, 1.0), 0.0)
        return np.asarray(density, dtype=float)

    def _cell_values(self) -> FloatArray:
        centres: FloatArray = self.start + self.step * np.arange(self.masses.size, dtype=float)
        if not self.log:
            return centres
        # mean of exp over a cell of width h centred on c: exp(c) × sinh(h/2)/(h/2)
        half = self.step / 2
        return np.asarray(np.exp(centres) * (math.sinh(half) / half), dtype=np.float64)

    def mean(self) -> float:
        if self._mean is None:
            self._mean = float(np.dot(self.masses, self._cell_values()))
        return self._mean

    def std(self) -> float:
        if self._std is None:
            centres = self.start + self.step * np.arange(self.masses.size)
            if self.log:
                half = self.step
                second = np.exp(2 * centres) * (math.sinh(half) / half)
            else:
                second = centres**2 + self.step**2 / 12
            variance = float(np.dot(self.masses, second)) - self.mean() ** 2
            self._std = math.sqrt(max(variance, 0.0))
        return self._std

    def support(self) -> tuple[float, float]:
        low, high = self._from_grid(np.array([self.edges[0], self.edges[-1]]))
        return float(low), float(high)
