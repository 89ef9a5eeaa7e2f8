"""Distributions that engines derive from others: an affine map, a monotone
function, a distribution held on a grid (the result of a numerical convolution), and a
mixture of components that may hold atoms (values with positive probability). They
answer the same small interface as the leaf families, so a derived result can feed
further arithmetic as a new leaf. Each holds only data (a
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
from collections.abc import Callable, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ranges.core._ops import SPECS, Monotonicity, Op
from ranges.distributions._families import Bernoulli, Distribution, FloatArray, PointMass
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


Piece = tuple[float, Distribution]


def pieces(dist: Distribution) -> list[Piece]:
    """``dist`` as weighted pieces, each an atom (a :class:`PointMass`) or a part with
    no atom: a Bernoulli is two atoms, a :class:`Mixture` its own pieces, an affine map
    or monotone function of a distribution with atoms the map of each piece. Any other
    distribution is one piece of weight 1.

    >>> from ranges.distributions import Bernoulli
    >>> pieces(Affine(Bernoulli(0.25), 6_000.0))
    [(0.75, exactly(value=0)), (0.25, exactly(value=6000))]
    """
    if isinstance(dist, Bernoulli):
        return [(w, PointMass(v)) for w, v in ((1.0 - dist.p, 0.0), (dist.p, 1.0)) if w > 0]
    if isinstance(dist, Mixture):
        return [*((w, PointMass(v)) for v, w in dist.atoms), *dist.continuous]
    if isinstance(dist, Affine | Monotone):
        inner = pieces(dist.base)
        if len(inner) == 1 and not isinstance(inner[0][1], PointMass):
            return [(1.0, dist)]
        return [(w, _mapped(dist, piece)) for w, piece in inner]
    return [(1.0, dist)]


def _mapped(outer: Affine | Monotone, piece: Distribution) -> Distribution:
    """The map of ``outer`` applied to one piece of its base."""
    if isinstance(outer, Affine):
        if isinstance(piece, PointMass):
            return PointMass(outer.scale * piece.value + outer.shift)
        return Affine(piece, outer.scale, outer.shift)
    if isinstance(piece, PointMass):
        with np.errstate(all="ignore"):
            value = float(outer.func(np.array([piece.value]))[0])
        return PointMass(value)
    function = "power" if outer.op is Op.POW else outer.op
    return Monotone(piece, function, exponent=outer.exponent)


def point_masses(dist: Distribution) -> list[tuple[float, float]]:
    """The atoms of ``dist`` as (value, probability), by value (none for a continuous
    distribution).

    >>> from ranges.distributions import Bernoulli
    >>> point_masses(Bernoulli(0.6)), point_masses(PointMass(3.0))
    ([(0.0, 0.4), (1.0, 0.6)], [(3.0, 1.0)])
    """
    found: dict[float, float] = {}
    for weight, piece in pieces(dist):
        if isinstance(piece, PointMass):
            found[piece.value] = found.get(piece.value, 0.0) + weight
    return sorted(found.items())


#: most halvings of the bracket when a mixture's quantile is found by bisection
_BISECTIONS = 200


class Mixture(Distribution):
    """A weighted mixture: each value comes from one component, chosen with the weights.

    Components may have atoms (:class:`PointMass`, :class:`Bernoulli`, other
    mixtures): the mixture keeps them as exact atoms (``atoms``: value and probability,
    by value; equal values merged) beside its parts without atoms (``continuous``).
    The CDF is the weighted sum; the quantile function inverts it exactly: inside an
    atom's probability it is the atom's value, with one part without atoms it is that
    part's quantile at the rescaled probability, and with several it is found by
    bisection. ``pdf`` is the density of the parts without atoms.

    >>> from ranges.distributions import LogNormal
    >>> m = Mixture([0.4, 0.6], [PointMass(0.0), LogNormal(math.log(6_000), 0.1)])
    >>> float(m.ppf(0.25)), float(m.ppf(0.4)), round(float(m.ppf(0.7)))
    (0.0, 0.0, 6000)
    >>> float(m.cdf(0.0)), round(m.mean() / LogNormal(math.log(6_000), 0.1).mean(), 12)
    (0.4, 0.6)
    """

    family = "mixture"

    def __init__(self, weights: Sequence[float], components: Sequence[Distribution]) -> None:
        if len(weights) != len(components) or not components:
            raise InputError(f"a mixture needs one weight per component, got "
                             f"{len(weights)} weights and {len(components)} components")
        w = [float(x) for x in weights]
        if any(not math.isfinite(x) or x < 0 for x in w) or sum(w) <= 0:
            raise InputError(f"mixture weights must be non-negative and not all zero, got {w}")
        total = sum(w)
        atoms: dict[float, float] = {}
        continuous: list[Piece] = []
        for weight, component in zip(w, components, strict=True):
            for share, piece in pieces(component):
                mass = weight / total * share
                if mass <= 0:
                    continue
                if isinstance(piece, PointMass):
                    atoms[piece.value] = atoms.get(piece.value, 0.0) + mass
                else:
                    continuous.append((mass, piece))
        self.atoms: tuple[tuple[float, float], ...] = tuple(sorted(atoms.items()))
        self.continuous: tuple[Piece, ...] = tuple(continuous)
        self._values = np.array([v for v, _ in self.atoms], dtype=float)
        self._masses = np.array([m for _, m in self.atoms], dtype=float)
        self._moments: tuple[float, float] | None = None

    @property
    def params(self) -> dict[str, float]:
        return {"atoms": float(len(self.atoms)), "parts": float(len(self.continuous))}

    def _identity(self) -> tuple[object, ...]:
        return (self.atoms, self.continuous)

    def describe(self) -> str:
        inner = [f"{m:.4g} × exactly {v:.6g}" for v, m in self.atoms]
        inner += [f"{w:.4g} × {d.describe()}" for w, d in self.continuous]
        return f"mixture({', '.join(inner)})"

    def sample(self, n: int, rng: np.random.Generator) -> FloatArray:
        weights = np.array([*self._masses, *(w for w, _ in self.continuous)])
        values = [*(PointMass(v) for v in self._values), *(d for _, d in self.continuous)]
        choice = np.searchsorted(np.cumsum(weights), rng.random(n) * weights.sum(),
                                 side="right")
        np.minimum(choice, len(values) - 1, out=choice)
        out = np.empty(n)
        for index, piece in enumerate(values):
            mask = choice == index
            count = int(np.count_nonzero(mask))
            if count:
                out[mask] = piece.sample(count, rng)
        return out

    def sample_from_uniform(self, u: FloatArray) -> FloatArray:
        return self.ppf(u)

    def cdf(self, x: ArrayLike) -> FloatArray:
        y = np.asarray(x, dtype=float)
        total = np.zeros(y.shape)
        for weight, piece in self.continuous:
            total = total + weight * np.asarray(piece.cdf(y), dtype=float)
        if self.atoms:
            cumulative = np.concatenate([[0.0], np.cumsum(self._masses)])
            total = total + cumulative[np.searchsorted(self._values, y, side="right")]
        return np.asarray(np.clip(total, 0.0, 1.0), dtype=float)

    def pdf(self, x: ArrayLike) -> FloatArray:
        y = np.asarray(x, dtype=float)
        total = np.zeros(y.shape)
        for weight, piece in self.continuous:
            total = total + weight * np.asarray(piece.pdf(y), dtype=float)
        return np.asarray(total, dtype=float)

    def ppf(self, q: ArrayLike) -> FloatArray:
        p = np.asarray(q, dtype=float)
        flat = p.ravel()
        low, high = self.support()
        out = np.full(flat.shape, np.nan)
        out[flat <= 0.0] = low
        out[flat >= 1.0] = high
        todo = np.flatnonzero((flat > 0.0) & (flat < 1.0))
        if todo.size:
            out[todo] = self._inner_ppf(flat[todo])
        return out.reshape(p.shape)

    def _inner_ppf(self, q: FloatArray) -> FloatArray:
        """The quantiles at probabilities strictly between 0 and 1."""
        if self.atoms:
            reached = self.cdf(self._values)  # F(a): the CDF up to and with each atom
            # the number of atoms whose CDF stays below q, and their total mass
            below = np.searchsorted(reached, q, side="left")
        if not self.continuous:
            return np.asarray(self._values[np.minimum(below, self._values.size - 1)],
                              dtype=float)
        out = np.full(q.shape, np.nan)
        rest = np.ones(q.shape, dtype=bool)
        if self.atoms:
            inside = below < self._values.size
            index = np.minimum(below, self._values.size - 1)
            inside &= q > reached[index] - self._masses[index]  # F(a−) < q ≤ F(a)
            out[inside] = self._values[index[inside]]
            rest = ~inside
        if len(self.continuous) == 1:
            weight, piece = self.continuous[0]
            mass_below = np.concatenate([[0.0], np.cumsum(self._masses)])[below] \
                if self.atoms else np.zeros(q.shape)
            share = np.clip((q - mass_below) / weight, 0.0, 1.0)
            out[rest] = np.asarray(piece.ppf(share[rest]), dtype=float)
            return out
        out[rest] = self._bisect(q[rest])
        return out

    def _bisect(self, q: FloatArray) -> FloatArray:
        """The x with F(x) = q, between the pieces' own quantiles at q (the mixture's
        quantile lies between the smallest and the largest of them): Newton steps on
        the density while they stay inside the shrinking bracket, halving otherwise
        (a jump or a flat part of the CDF)."""
        own = [np.asarray(d.ppf(q), dtype=float) for _, d in self.continuous]
        own += [np.full(q.shape, v) for v in self._values]
        lo = np.minimum.reduce(own)
        hi = np.maximum.reduce(own)
        x = lo + (hi - lo) / 2.0
        width = hi - lo
        active = np.flatnonzero(hi > lo)
        tiny = 4 * np.finfo(float).eps
        for _ in range(_BISECTIONS):
            if active.size == 0:
                break
            at, want = x[active], q[active]
            gap = self.cdf(at) - want
            below = gap < 0
            lo[active[below]] = at[below]
            hi[active[~below]] = at[~below]
            a, b = lo[active], hi[active]
            density = self.pdf(at)
            with np.errstate(divide="ignore", invalid="ignore"):
                newton = at - gap / density
            # a Newton step only inside the bracket and at most half the step before it
            # (so that it cannot cycle); else halve the bracket
            usable = (newton >= a) & (newton <= b) \
                & (np.abs(newton - at) <= 0.5 * width[active])
            step = np.where(usable, newton, a + (b - a) / 2.0)
            width[active] = np.abs(step - at)
            # F(x) = q where the density is positive: the answer; on a flat part of the
            # CDF, halve on towards the flat part's start (the smallest such x)
            found = (gap == 0) & (density > 0)
            step = np.where(found, at, step)
            scale = np.maximum(np.abs(step), np.abs(at))
            closed = b - a <= tiny * scale
            x[active] = np.where(closed, b, step)
            done = found | closed | ((np.abs(step - at) <= tiny * scale) & (gap != 0))
            active = active[~done]
        return np.asarray(x, dtype=float)

    def _moment_pair(self) -> tuple[float, float]:
        if self._moments is None:
            weights = [*self._masses, *(w for w, _ in self.continuous)]
            means = [*self._values, *(d.mean() for _, d in self.continuous)]
            sds = [*(0.0 for _ in self.atoms), *(d.std() for _, d in self.continuous)]
            mean = float(sum(w * m for w, m in zip(weights, means, strict=True)))
            second = sum(w * (s * s + m * m) for w, m, s in zip(weights, means, sds,
                                                                strict=True))
            self._moments = mean, math.sqrt(max(float(second) - mean * mean, 0.0))
        return self._moments

    def mean(self) -> float:
        return self._moment_pair()[0]

    def std(self) -> float:
        return self._moment_pair()[1]

    def support(self) -> tuple[float, float]:
        ends = [d.support() for _, d in self.continuous] + [(v, v) for v, _ in self.atoms]
        return min(a for a, _ in ends), max(b for _, b in ends)


def mixture_of(weights: Sequence[float], components: Sequence[Distribution]) -> Distribution:
    """The mixture of ``components`` with ``weights``, as simple as it can be: one atom
    is a :class:`PointMass`, one part without atoms is that part itself.

    >>> mixture_of([0.5, 0.5], [PointMass(2.0), PointMass(2.0)])
    exactly(value=2)
    """
    mixed = Mixture(weights, components)
    if not mixed.continuous and len(mixed.atoms) == 1:
        return PointMass(mixed.atoms[0][0])
    if not mixed.atoms and len(mixed.continuous) == 1:
        return mixed.continuous[0][1]
    return mixed
