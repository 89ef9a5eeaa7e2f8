"""Leaf distributions: one small interface, many families.

Every family answers ``cdf``, ``ppf`` (alias ``icdf``), ``pdf``, ``sample``,
``mean``, ``std``, ``support`` and ``interval(level)``. What a family does not compute
itself it asks of a frozen ``scipy.stats`` object; ``sample`` uses numpy's generator
directly (fast), and :meth:`Distribution.sample_from_uniform` pushes uniform
points through ``ppf`` (used by quasi-Monte Carlo).

scipy loads on first use, not on import: ``scipy.special`` when a normal or lognormal
quantile is first computed, ``scipy.stats`` when a frozen scipy object is first needed
(the normal and lognormal never need one for a reading, its quantiles or its samples).
Distributions compare equal, and hash alike, when they are of the same family with the
same parameters, and they pickle (a frozen scipy object is made again after unpickling).

>>> d = LogNormal.from_interval(10_000, 12_000, level=0.9)
>>> round(float(d.ppf(0.05))), round(float(d.ppf(0.95)))
(10000, 12000)
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ranges.errors import InputError, ReadingError

FloatArray = NDArray[np.float64]


def _special() -> Any:
    """``scipy.special``, imported on first use (importing it costs a few tenths of a
    second, which ``import ranges`` should not pay)."""
    import scipy.special

    return scipy.special


def _stats() -> Any:
    """``scipy.stats``, imported on first use (it is heavier still)."""
    import scipy.stats

    return scipy.stats


def _z(level: float) -> float:
    """The standard normal quantile that leaves (1 - level)/2 in each tail.

    >>> round(_z(0.9), 6)
    1.644854
    """
    return float(_special().ndtri(0.5 + level / 2.0))


def check_finite(name: str, value: float) -> float:
    """Return ``value`` as a float or raise InputError if it is NaN or infinite.

    >>> check_finite("low", 3)
    3.0
    """
    try:
        number = float(value)
    except (TypeError, ValueError) as err:
        raise InputError(f"{name} must be a number, got {value!r}") from err
    if not math.isfinite(number):
        raise InputError(f"{name} must be a finite number, got {number!r}")
    return number


def check_level(level: float) -> float:
    """Return ``level`` if it is strictly between 0 and 1, else raise.

    >>> check_level(0.9)
    0.9
    """
    level = check_finite("level", level)
    if not 0.0 < level < 1.0:
        raise InputError(
            f"level must be strictly between 0 and 1 (0.9 means a 90% interval), got {level!r}"
        )
    return level


def _check_positive_range(reading: str, low: float, high: float, instead: str) -> None:
    """Refuse a range reaching zero or below for a shape that lives on positive values."""
    if low <= 0:
        raise ReadingError(
            f"{reading} reading needs a positive range, got {low:g} to {high:g}; "
            f"read it as shape={instead} instead"
        )


class Distribution(ABC):
    """A univariate continuous distribution (or a point mass)."""

    #: short family name, e.g. "lognormal"
    family: str = "distribution"

    @property
    @abstractmethod
    def params(self) -> dict[str, float]:
        """The family's own parameters, by name."""

    @abstractmethod
    def sample(self, n: int, rng: np.random.Generator) -> FloatArray:
        """``n`` independent draws using ``rng``."""

    @abstractmethod
    def ppf(self, q: ArrayLike) -> FloatArray:
        """Inverse cumulative distribution function (quantile function)."""

    @abstractmethod
    def cdf(self, x: ArrayLike) -> FloatArray:
        """Cumulative distribution function."""

    @abstractmethod
    def pdf(self, x: ArrayLike) -> FloatArray:
        """Probability density function."""

    @abstractmethod
    def mean(self) -> float:
        """Expected value."""

    @abstractmethod
    def std(self) -> float:
        """Standard deviation."""

    @abstractmethod
    def support(self) -> tuple[float, float]:
        """Smallest and largest possible values (may be infinite)."""

    def icdf(self, q: ArrayLike) -> FloatArray:
        """Alias of :meth:`ppf`."""
        return self.ppf(q)

    def interval(self, level: float) -> tuple[float, float]:
        """The central interval holding ``level`` of the probability."""
        level = check_level(level)
        low, high = self.ppf([0.5 - level / 2.0, 0.5 + level / 2.0])
        return float(low), float(high)

    def sample_from_uniform(self, u: FloatArray) -> FloatArray:
        """Transform uniform(0, 1) points through the quantile function."""
        return np.asarray(self.ppf(u), dtype=float)

    def describe(self) -> str:
        """Family and parameters, e.g. ``lognormal(mu=9.3, sigma=0.055)``."""
        inner = ", ".join(f"{k}={v:.6g}" for k, v in self.params.items())
        return f"{self.family}({inner})"

    def __repr__(self) -> str:
        return self.describe()

    def _identity(self) -> tuple[object, ...]:
        """What makes two distributions of one class the same: the family and its
        parameters (a class holding more, such as a base distribution, adds it)."""
        return (self.family, tuple(sorted(self.params.items())))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Distribution):
            return NotImplemented
        return type(self) is type(other) and self._identity() == other._identity()

    def __hash__(self) -> int:
        return hash((type(self).__qualname__, self._identity()))


class ScipyDistribution(Distribution):
    """A family backed by a frozen ``scipy.stats`` continuous distribution.

    Either give the frozen object, or (a family with its own parameters) override
    :meth:`_freeze`, which makes it on first use: freezing costs about 0.5 ms (scipy
    builds a docstring) and needs ``scipy.stats`` loaded, which families that compute
    their own sample/ppf/cdf should not pay for every figure they read. Subclasses may
    override :meth:`sample` with a faster numpy draw.
    """

    family = "scipy"

    def __init__(self, frozen: Any = None, params: dict[str, float] | None = None) -> None:
        self._frozen_value: Any = frozen
        # a frozen object this class made itself is dropped when pickling, made again
        self._frozen_is_made = frozen is None
        self._params = dict(params) if params is not None else {}

    def _freeze(self) -> Any:
        """The frozen scipy distribution of this family's parameters."""
        raise TypeError(f"{type(self).__name__} was made without a frozen scipy distribution")

    @property
    def _frozen(self) -> Any:
        if self._frozen_value is None:
            self._frozen_value = self._freeze()
        return self._frozen_value

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        if self._frozen_is_made:
            state["_frozen_value"] = None
        return state

    @property
    def params(self) -> dict[str, float]:
        return dict(self._params)

    def sample(self, n: int, rng: np.random.Generator) -> FloatArray:
        return np.asarray(self._frozen.ppf(rng.random(n)), dtype=float)

    def ppf(self, q: ArrayLike) -> FloatArray:
        return np.asarray(self._frozen.ppf(q), dtype=float)

    def cdf(self, x: ArrayLike) -> FloatArray:
        return np.asarray(self._frozen.cdf(x), dtype=float)

    def pdf(self, x: ArrayLike) -> FloatArray:
        return np.asarray(self._frozen.pdf(x), dtype=float)

    def mean(self) -> float:
        return float(self._frozen.mean())

    def std(self) -> float:
        return float(self._frozen.std())

    def support(self) -> tuple[float, float]:
        low, high = self._frozen.support()
        return float(low), float(high)


class Normal(ScipyDistribution):
    """Normal distribution with mean ``mu`` and standard deviation ``sigma``.

    >>> Normal(0, 1).interval(0.9)  # doctest: +ELLIPSIS
    (-1.644..., 1.644...)
    """

    family = "normal"

    def __init__(self, mu: float, sigma: float) -> None:
        mu = check_finite("mean", mu)
        sigma = check_finite("sd", sigma)
        if sigma <= 0:
            raise InputError(f"the standard deviation must be positive, got {sigma!r}")
        self.mu, self.sigma = mu, sigma
        super().__init__(params={"mean": mu, "sd": sigma})

    def _freeze(self) -> Any:
        return _stats().norm(self.mu, self.sigma)

    @classmethod
    def from_interval(cls, low: float, high: float, level: float) -> Normal:
        """The normal whose central ``level`` interval is [low, high]."""
        z = _z(level)
        return cls((low + high) / 2.0, (high - low) / (2.0 * z))

    def sample(self, n: int, rng: np.random.Generator) -> FloatArray:
        out = rng.standard_normal(n)
        out *= self.sigma
        out += self.mu
        return out

    def ppf(self, q: ArrayLike) -> FloatArray:
        z = _special().ndtri(np.asarray(q, dtype=float))
        return np.asarray(z * self.sigma + self.mu, dtype=float)

    def cdf(self, x: ArrayLike) -> FloatArray:
        z = (np.asarray(x, dtype=float) - self.mu) / self.sigma
        return np.asarray(_special().ndtr(z), dtype=float)

    def mean(self) -> float:
        return self.mu

    def std(self) -> float:
        return self.sigma

    def support(self) -> tuple[float, float]:
        return -math.inf, math.inf


class LogNormal(ScipyDistribution):
    """Lognormal: ``exp(N(mu, sigma))``. ``mu`` is the log of the median.

    >>> d = LogNormal(math.log(100), 0.5)
    >>> float(d.ppf(0.5))  # doctest: +ELLIPSIS
    100.0...
    """

    family = "lognormal"

    def __init__(self, mu: float, sigma: float) -> None:
        mu = check_finite("mu", mu)
        sigma = check_finite("sigma", sigma)
        if sigma <= 0:
            raise InputError(f"sigma (sd of the log) must be positive, got {sigma!r}")
        self.mu, self.sigma = mu, sigma
        super().__init__(params={"mu": mu, "sigma": sigma})

    def _freeze(self) -> Any:
        return _stats().lognorm(s=self.sigma, scale=math.exp(self.mu))

    @classmethod
    def from_interval(cls, low: float, high: float, level: float) -> LogNormal:
        """The lognormal whose central ``level`` interval is [low, high] (0 < low < high)."""
        _check_positive_range("a lognormal", low, high, "'normal' (or 'uniform')")
        in_log = Normal.from_interval(math.log(low), math.log(high), level)
        return cls(in_log.mu, in_log.sigma)

    def sample(self, n: int, rng: np.random.Generator) -> FloatArray:
        out = rng.standard_normal(n)
        out *= self.sigma
        out += self.mu
        np.exp(out, out=out)
        return out

    def ppf(self, q: ArrayLike) -> FloatArray:
        z = _special().ndtri(np.asarray(q, dtype=float))
        return np.asarray(np.exp(z * self.sigma + self.mu), dtype=float)

    def cdf(self, x: ArrayLike) -> FloatArray:
        y = np.asarray(x, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            z = (np.log(np.where(y > 0, y, 1.0)) - self.mu) / self.sigma
        return np.asarray(np.where(y > 0, _special().ndtr(z), 0.0), dtype=float)

    def mean(self) -> float:
        return math.exp(self.mu + self.sigma**2 / 2.0)

    def std(self) -> float:
        return self.mean() * math.sqrt(math.expm1(self.sigma**2))

    def support(self) -> tuple[float, float]:
        return 0.0, math.inf


class Uniform(ScipyDistribution):
    """Flat on [low, high].

    >>> Uniform(2, 4).mean()
    3.0
    """

    family = "uniform"

    def __init__(self, low: float, high: float) -> None:
        low, high = check_finite("low", low), check_finite("high", high)
        if not high > low:
            raise InputError(f"uniform needs low < high, got low={low:g}, high={high:g}")
        self.low, self.high = low, high
        super().__init__(params={"low": low, "high": high})

    def _freeze(self) -> Any:
        return _stats().uniform(self.low, self.high - self.low)

    @classmethod
    def from_interval(cls, low: float, high: float, level: float) -> Uniform:
        """The uniform whose central ``level`` interval is [low, high]."""
        half = (high - low) / 2.0 / level
        mid = (low + high) / 2.0
        return cls(mid - half, mid + half)

    def sample(self, n: int, rng: np.random.Generator) -> FloatArray:
        return rng.uniform(self.low, self.high, n)

    def mean(self) -> float:
        return (self.low + self.high) / 2.0

    def support(self) -> tuple[float, float]:
        return self.low, self.high


class LogUniform(ScipyDistribution):
    """Flat in the logarithm on [low, high] (0 < low < high).

    >>> round(float(LogUniform(1, 100).ppf(0.5)), 9)
    10.0
    """

    family = "loguniform"

    def __init__(self, low: float, high: float) -> None:
        low, high = check_finite("low", low), check_finite("high", high)
        _check_positive_range("a log-uniform", low, high, "'uniform'")
        if not high > low:
            raise InputError(f"log-uniform needs low < high, got low={low:g}, high={high:g}")
        self.low, self.high = low, high
        self._log_low, self._log_high = math.log(low), math.log(high)
        super().__init__(params={"low": low, "high": high})

    def _freeze(self) -> Any:
        return _stats().loguniform(self.low, self.high)

    @classmethod
    def from_interval(cls, low: float, high: float, level: float) -> LogUniform:
        """The log-uniform whose central ``level`` interval is [low, high]."""
        _check_positive_range("a log-uniform", low, high, "'uniform'")
        in_log = Uniform.from_interval(math.log(low), math.log(high), level)
        return cls(math.exp(in_log.low), math.exp(in_log.high))

    def sample(self, n: int, rng: np.random.Generator) -> FloatArray:
        out = rng.uniform(self._log_low, self._log_high, n)
        np.exp(out, out=out)
        return out

    def support(self) -> tuple[float, float]:
        return self.low, self.high


def _check_low_mode_high(
    family: str, low: float, mode: float, high: float
) -> tuple[float, float, float]:
    """The ends and peak of a bounded family as floats, checked: low <= mode <= high and
    low < high."""
    low, mode, high = (check_finite(n, v) for n, v in (("low", low), ("mode", mode),
                                                       ("high", high)))
    if not (low <= mode <= high and high > low):
        raise InputError(
            f"{family} needs low <= mode <= high and low < high, "
            f"got low={low:g}, mode={mode:g}, high={high:g}"
        )
    return low, mode, high


def _triangular_ppf(q: float, low: float, mode: float, high: float) -> float:
    c = (mode - low) / (high - low)
    if q < c:
        return low + math.sqrt(q * (high - low) * (mode - low))
    return high - math.sqrt((1 - q) * (high - low) * (high - mode))


class Triangular(ScipyDistribution):
    """Triangular on [low, high] with its peak at ``mode``.

    >>> Triangular(0, 1, 2).mean()
    1.0
    """

    family = "triangular"

    def __init__(self, low: float, mode: float, high: float) -> None:
        self.low, self.mode, self.high = _check_low_mode_high("triangular", low, mode, high)
        super().__init__(params={"low": self.low, "mode": self.mode, "high": self.high})

    def _freeze(self) -> Any:
        c = (self.mode - self.low) / (self.high - self.low)
        return _stats().triang(c, loc=self.low, scale=self.high - self.low)

    @classmethod
    def from_interval(
        cls, low: float, high: float, level: float, mode: float | None = None
    ) -> Triangular:
        """The triangular whose ``level`` interval is [low, high], peak at ``mode``
        (the midpoint unless given). The support is widened by a root search so that
        ``ppf((1-level)/2) == low`` and ``ppf((1+level)/2) == high``."""
        return cls(*_fit_bounded(low, high, level, mode, _triangular_ppf))

    def sample(self, n: int, rng: np.random.Generator) -> FloatArray:
        return rng.triangular(self.low, self.mode, self.high, n)

    def mean(self) -> float:
        return (self.low + self.mode + self.high) / 3.0

    def support(self) -> tuple[float, float]:
        return self.low, self.high


def _pert_alpha_beta(low: float, mode: float, high: float) -> tuple[float, float]:
    span = high - low
    return 1.0 + 4.0 * (mode - low) / span, 1.0 + 4.0 * (high - mode) / span


def _pert_ppf(q: float, low: float, mode: float, high: float) -> float:
    a, b = _pert_alpha_beta(low, mode, high)
    return low + (high - low) * float(_special().betaincinv(a, b, q))


class PERT(ScipyDistribution):
    """PERT (a scaled beta with shape 4) on [low, high] with its peak at ``mode``.

    >>> PERT(0, 1, 2).mean()
    1.0
    """

    family = "pert"

    def __init__(self, low: float, mode: float, high: float) -> None:
        self.low, self.mode, self.high = _check_low_mode_high("PERT", low, mode, high)
        self.alpha, self.beta = _pert_alpha_beta(self.low, self.mode, self.high)
        super().__init__(params={"low": self.low, "mode": self.mode, "high": self.high})

    def _freeze(self) -> Any:
        return _stats().beta(self.alpha, self.beta, loc=self.low, scale=self.high - self.low)

    @classmethod
    def from_interval(
        cls, low: float, high: float, level: float, mode: float | None = None
    ) -> PERT:
        """The PERT whose ``level`` interval is [low, high], peak at ``mode``."""
        return cls(*_fit_bounded(low, high, level, mode, _pert_ppf))

    def sample(self, n: int, rng: np.random.Generator) -> FloatArray:
        out = rng.beta(self.alpha, self.beta, n)
        out *= self.high - self.low
        out += self.low
        return out

    def mean(self) -> float:
        return (self.low + 4.0 * self.mode + self.high) / 6.0

    def support(self) -> tuple[float, float]:
        return self.low, self.high


def _fit_bounded(
    low: float,
    high: float,
    level: float,
    mode: float | None,
    ppf: Callable[[float, float, float, float], float],
) -> tuple[float, float, float]:
    """Find support [L, H] (mode fixed) whose level-percentiles are low and high."""
    from scipy.optimize import fsolve

    if mode is None:
        mode = (low + high) / 2.0
    if not low <= mode <= high:
        raise ReadingError(
            f"the mode {mode:g} must lie inside the stated range {low:g} to {high:g}"
        )
    q_low, q_high = 0.5 - level / 2.0, 0.5 + level / 2.0
    width = high - low

    def equations(x: NDArray[np.float64]) -> list[float]:
        lo_ext, hi_ext = float(np.exp(x[0])), float(np.exp(x[1]))
        lo, hi = low - lo_ext * width, high + hi_ext * width
        return [
            (ppf(q_low, lo, mode, hi) - low) / width,
            (ppf(q_high, lo, mode, hi) - high) / width,
        ]

    guess = np.log([max(1e-3, (1 - level)), max(1e-3, (1 - level))])
    solution, _, status, _ = fsolve(equations, guess, full_output=True, xtol=1e-13)
    lo = low - float(np.exp(solution[0])) * width
    hi = high + float(np.exp(solution[1])) * width
    residual = max(abs(r) for r in equations(solution))
    if status != 1 and residual > 1e-10:
        raise ReadingError(
            f"could not fit a bounded shape with its mode at {mode:g} to the range "
            f"{low:g} to {high:g} at level {level:g}; try a mode nearer the middle"
        )
    return lo, mode, hi


class StudentT(ScipyDistribution):
    """Student's t with ``df`` degrees of freedom, location and scale.

    >>> StudentT(5, 10, 2).mean()
    10.0
    """

    family = "student_t"

    def __init__(self, df: float, loc: float = 0.0, scale: float = 1.0) -> None:
        df, loc, scale = (check_finite(n, v) for n, v in (("df", df), ("loc", loc),
                                                          ("scale", scale)))
        if df <= 0 or scale <= 0:
            raise InputError(f"student_t needs df > 0 and scale > 0, got df={df:g}, "
                             f"scale={scale:g}")
        self.df, self.loc, self.scale = df, loc, scale
        super().__init__(params={"df": df, "loc": loc, "scale": scale})

    def _freeze(self) -> Any:
        return _stats().t(self.df, self.loc, self.scale)

    def sample(self, n: int, rng: np.random.Generator) -> FloatArray:
        out = rng.standard_t(self.df, n)
        out *= self.scale
        out += self.loc
        return out

    def support(self) -> tuple[float, float]:
        return -math.inf, math.inf


class PointMass(Distribution):
    """A value known exactly.

    >>> PointMass(5).ppf([0.1, 0.9])
    array([5., 5.])
    """

    family = "exactly"

    def __init__(self, value: float) -> None:
        self.value = check_finite("value", value)

    @property
    def params(self) -> dict[str, float]:
        return {"value": self.value}

    def sample(self, n: int, rng: np.random.Generator) -> FloatArray:
        return np.full(n, self.value)

    def ppf(self, q: ArrayLike) -> FloatArray:
        return np.full(np.shape(q), self.value)

    def cdf(self, x: ArrayLike) -> FloatArray:
        return np.where(np.asarray(x, dtype=float) >= self.value, 1.0, 0.0)

    def pdf(self, x: ArrayLike) -> FloatArray:
        return np.where(np.asarray(x, dtype=float) == self.value, np.inf, 0.0)

    def mean(self) -> float:
        return self.value

    def std(self) -> float:
        return 0.0

    def support(self) -> tuple[float, float]:
        return self.value, self.value


def check_probability(name: str, value: float) -> float:
    """Return ``value`` as a float if it is a probability (finite, 0 to 1), else raise.

    >>> check_probability("p", 0.6)
    0.6
    """
    number = check_finite(name, value)
    if not 0.0 <= number <= 1.0:
        raise InputError(
            f"{name} must be a probability between 0 and 1 (0.6 means a 60% chance), "
            f"got {number!r}"
        )
    return number


class Bernoulli(Distribution):
    """1 with probability ``p``, 0 otherwise: an event that may not happen.

    Two atoms, so the quantile function is a step: ``ppf(q)`` is 0 for
    ``q <= 1 - p`` and 1 above (the smallest value whose CDF reaches q).

    >>> d = Bernoulli(0.6)
    >>> d.ppf([0.1, 0.4, 0.41, 1.0]), d.mean()
    (array([0., 0., 1., 1.]), 0.6)
    >>> float(d.cdf(0.0)), float(d.cdf(0.99)), float(d.cdf(1.0))
    (0.4, 0.4, 1.0)
    """

    family = "bernoulli"

    def __init__(self, p: float) -> None:
        self.p = check_probability("the chance p", p)

    @property
    def params(self) -> dict[str, float]:
        return {"p": self.p}

    def sample(self, n: int, rng: np.random.Generator) -> FloatArray:
        return self.ppf(rng.random(n))

    def ppf(self, q: ArrayLike) -> FloatArray:
        return np.where(np.asarray(q, dtype=float) <= 1.0 - self.p, 0.0, 1.0)

    def cdf(self, x: ArrayLike) -> FloatArray:
        y = np.asarray(x, dtype=float)
        return np.where(y >= 1.0, 1.0, np.where(y >= 0.0, 1.0 - self.p, 0.0))

    def pdf(self, x: ArrayLike) -> FloatArray:
        y = np.asarray(x, dtype=float)
        at_atom = ((y == 0.0) & (self.p < 1.0)) | ((y == 1.0) & (self.p > 0.0))
        return np.where(at_atom, np.inf, 0.0)

    def mean(self) -> float:
        return self.p

    def std(self) -> float:
        return math.sqrt(self.p * (1.0 - self.p))

    def support(self) -> tuple[float, float]:
        return (0.0 if self.p < 1.0 else 1.0), (1.0 if self.p > 0.0 else 0.0)


class FromScipy(ScipyDistribution):
    """Any frozen continuous ``scipy.stats`` distribution.

    >>> from scipy import stats
    >>> FromScipy(stats.gamma(2.0)).mean()
    2.0
    """

    family = "scipy"

    def __init__(self, frozen: Any) -> None:
        dist = getattr(frozen, "dist", None)
        if dist is None or not isinstance(dist, _stats().rv_continuous):
            raise InputError(
                "from_scipy needs a frozen continuous scipy.stats distribution, "
                f"such as scipy.stats.gamma(2.0); got {frozen!r}"
            )
        self.family = f"scipy.{dist.name}"
        args = [float(a) for a in getattr(frozen, "args", ())]
        kwds = {k: float(v) for k, v in getattr(frozen, "kwds", {}).items()}
        params = {f"arg{i}": a for i, a in enumerate(args)} | kwds
        super().__init__(frozen, params)
