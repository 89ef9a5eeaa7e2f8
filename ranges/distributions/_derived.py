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
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

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


class MonotoneFunction(StrEnum):
    """The strictly monotone functions a distribution can be pushed through."""

    EXP = "exp"
    EXPM1 = "expm1"
    LOG = "log"
    LOG10 = "log10"
    LOG2 = "log2"
    LOG1P = "log1p"
    SQRT = "sqrt"
    CBRT = "cbrt"
    TANH = "tanh"
    ARCTAN = "arctan"
    #: ``x ** exponent`` for a positive x (decreasing when the exponent is negative)
    POWER = "power"


ArrayMap = Callable[[FloatArray], FloatArray]
#: a function of the values and the exponent (which only POWER uses)
_Map = Callable[[FloatArray, float], Any]


@dataclass(frozen=True)
class _MonotoneRule:
    """A monotone function g, its inverse, and the derivative of its inverse."""

    forward: _Map
    inverse: _Map
    derivative_of_inverse: _Map


_MONOTONE_RULES: dict[MonotoneFunction, _MonotoneRule] = {
    MonotoneFunction.EXP: _MonotoneRule(
        lambda x, _: np.exp(x), lambda y, _: np.log(y), lambda y, _: 1.0 / y),
    MonotoneFunction.EXPM1: _MonotoneRule(
        lambda x, _: np.expm1(x), lambda y, _: np.log1p(y), lambda y, _: 1.0 / (1.0 + y)),
    MonotoneFunction.LOG: _MonotoneRule(
        lambda x, _: np.log(x), lambda y, _: np.exp(y), lambda y, _: np.exp(y)),
    MonotoneFunction.LOG10: _MonotoneRule(
        lambda x, _: np.log10(x), lambda y, _: 10.0**y,
        lambda y, _: math.log(10.0) * 10.0**y),
    MonotoneFunction.LOG2: _MonotoneRule(
        lambda x, _: np.log2(x), lambda y, _: 2.0**y, lambda y, _: math.log(2.0) * 2.0**y),
    MonotoneFunction.LOG1P: _MonotoneRule(
        lambda x, _: np.log1p(x), lambda y, _: np.expm1(y), lambda y, _: np.exp(y)),
    MonotoneFunction.SQRT: _MonotoneRule(
        lambda x, _: np.sqrt(x), lambda y, _: np.square(y), lambda y, _: 2.0 * y),
    MonotoneFunction.CBRT: _MonotoneRule(
        lambda x, _: np.cbrt(x), lambda y, _: y**3, lambda y, _: 3.0 * y**2),
    MonotoneFunction.TANH: _MonotoneRule(
        lambda x, _: np.tanh(x), lambda y, _: np.arctanh(y), lambda y, _: 1.0 / (1.0 - y**2)),
    MonotoneFunction.ARCTAN: _MonotoneRule(
        lambda x, _: np.arctan(x), lambda y, _: np.tan(y), lambda y, _: 1.0 / np.cos(y) ** 2),
    MonotoneFunction.POWER: _MonotoneRule(
        lambda x, p: np.power(x, p), lambda y, p: np.power(y, 1.0 / p),
        lambda y, p: np.power(y, 1.0 / p - 1.0) / abs(p)),
}


def _monotone_function(function: MonotoneFunction | str) -> MonotoneFunction | None:
    """The table's name for ``function``, or None when the table does not know it."""
    try:
        return MonotoneFunction(function)
    except ValueError:
        return None


def _given_rule(
    function: str,
    func: ArrayMap | None,
    inverse: ArrayMap | None,
    derivative_of_inverse: ArrayMap | None,
) -> _MonotoneRule:
    """The rule of a function the table does not name, from functions given as code."""
    if func is None or inverse is None or derivative_of_inverse is None:
        known = ", ".join(MonotoneFunction)
        raise InputError(f"unknown monotone function {function!r}; known: {known}")
    return _MonotoneRule(lambda x, _: func(x), lambda y, _: inverse(y),
                         lambda y, _: derivative_of_inverse(y))


class Monotone(Distribution):
    """``g(X)`` for a strictly monotone function g named in :class:`MonotoneFunction`
    (``exponent`` goes with ``"power"``).

    >>> from ranges.distributions import LogNormal
    >>> d = Monotone(LogNormal(0.0, 1.0), "power", exponent=-1.0)
    >>> d.describe(), round(float(d.ppf(0.5)), 9), d.increasing
    ('pow-1(lognormal(mu=0, sigma=1))', 1.0, False)

    The older form ``Monotone(base, name, func, inverse, derivative_of_inverse,
    increasing)`` is still accepted while engines move to the names: where ``name``
    is in the table the given functions are not kept (the table's are the same);
    otherwise they are kept, and such a distribution cannot be pickled.
    """

    family = "monotone"

    def __init__(
        self,
        base: Distribution,
        function: MonotoneFunction | str,
        func: ArrayMap | None = None,
        inverse: ArrayMap | None = None,
        derivative_of_inverse: ArrayMap | None = None,
        increasing: bool | None = None,
        *,
        exponent: float = 1.0,
    ) -> None:
        self.base = base
        self.exponent = float(exponent)
        self.function: MonotoneFunction | None = _monotone_function(function)
        self._given: _MonotoneRule | None = None
        if self.function is None:
            self._given = _given_rule(function, func, inverse, derivative_of_inverse)
        elif self.function is MonotoneFunction.POWER and self.exponent == 0:
            raise InputError("a power of 0 is constant, not a strictly monotone function")
        self.name = (f"pow{self.exponent:g}" if self.function is MonotoneFunction.POWER
                     else str(function))
        self.increasing = self._direction(increasing)
        self._moments: tuple[float, float] | None = None

    def _direction(self, given: bool | None) -> bool:
        """Whether g increases: from the table for a named function (a given value must
        agree), as given for functions given as code."""
        if self.function is None:
            return True if given is None else given
        table = not (self.function is MonotoneFunction.POWER and self.exponent < 0)
        if given is not None and given != table:
            raise InputError(f"{self.name} is {'in' if table else 'de'}creasing, "
                             f"not {'in' if given else 'de'}creasing")
        return table

    def _rule(self) -> _MonotoneRule:
        if self._given is not None:
            return self._given
        assert self.function is not None
        return _MONOTONE_RULES[self.function]

    def func(self, x: FloatArray) -> FloatArray:
        """g, applied to values."""
        return np.asarray(self._rule().forward(x, self.exponent), dtype=float)

    def inverse(self, y: FloatArray) -> FloatArray:
        """The inverse of g."""
        return np.asarray(self._rule().inverse(y, self.exponent), dtype=float)

    def derivative_of_inverse(self, y: FloatArray) -> FloatArray:
        """The derivative of the inverse of g (for the density)."""
        return np.asarray(self._rule().derivative_of_inverse(y, self.exponent), dtype=float)

    def __getstate__(self) -> dict[str, Any]:
        if self._given is not None:
            raise TypeError(
                f"Monotone {self.name!r} holds functions given as code and cannot be "
                "pickled; name it with MonotoneFunction (for a power: "
                "Monotone(base, 'power', exponent=...))"
            )
        return dict(self.__dict__)

    def _identity(self) -> tuple[object, ...]:
        return (self.base, self.function, self.exponent, self.increasing, self._given)

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
