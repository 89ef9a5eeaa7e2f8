"""Closed intervals and their arithmetic (the "range arithmetic" of stated ranges).

An :class:`Interval` is the set of all values between ``low`` and ``high``
(either may be infinite). Arithmetic returns the smallest interval holding every
pointwise result, so adding ranges end to end is ``Interval + Interval``.

>>> Interval(10_000, 12_000) + Interval(3_000, 4_000)
Interval(13000, 16000)
>>> Interval(1, 2) - Interval(1, 2)
Interval(-1, 1)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from ranges.errors import BoundsError, InputError


def _mul(a: float, b: float) -> float:
    """Product with 0 × ±inf = 0 (the convention of interval arithmetic)."""
    if a == 0.0 or b == 0.0:
        return 0.0
    return a * b


@dataclass(frozen=True, slots=True)
class Interval:
    """All values from ``low`` to ``high`` inclusive.

    >>> import ranges as rg
    >>> rg.Interval(1, 2) + rg.Interval(3, 4)
    Interval(4, 6)
    """

    low: float
    high: float

    def __post_init__(self) -> None:
        low, high = float(self.low), float(self.high)
        if math.isnan(low) or math.isnan(high):
            raise InputError(f"an interval cannot have NaN ends, got {self.low!r}, {self.high!r}")
        if low > high:
            raise InputError(
                f"an interval needs low <= high, got low={low:g} and high={high:g}"
            )
        object.__setattr__(self, "low", low)
        object.__setattr__(self, "high", high)

    def __repr__(self) -> str:
        def show(x: float) -> str:
            return str(int(x)) if math.isfinite(x) and x == int(x) else repr(x)

        return f"Interval({show(self.low)}, {show(self.high)})"

    @classmethod
    def point(cls, value: float) -> Interval:
        """The interval holding one value.

        >>> Interval.point(3)
        Interval(3, 3)
        """
        return cls(value, value)

    @property
    def width(self) -> float:
        """``high - low``."""
        return self.high - self.low

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies in the interval (ends included).

        >>> Interval(1, 2).contains(2)
        True
        """
        return self.low <= value <= self.high

    def contains_zero(self) -> bool:
        """Whether 0 lies in the interval."""
        return self.low <= 0.0 <= self.high

    def hull(self, other: Interval) -> Interval:
        """The smallest interval holding both."""
        return Interval(min(self.low, other.low), max(self.high, other.high))

    # arithmetic ---------------------------------------------------------------
    def __add__(self, other: Interval | float) -> Interval:
        o = _as_interval(other)
        return Interval(self.low + o.low, self.high + o.high)

    __radd__ = __add__

    def __neg__(self) -> Interval:
        return Interval(-self.high, -self.low)

    def __sub__(self, other: Interval | float) -> Interval:
        o = _as_interval(other)
        return Interval(self.low - o.high, self.high - o.low)

    def __rsub__(self, other: float) -> Interval:
        return _as_interval(other) - self

    def __mul__(self, other: Interval | float) -> Interval:
        o = _as_interval(other)
        products = [_mul(a, b) for a in (self.low, self.high) for b in (o.low, o.high)]
        return Interval(min(products), max(products))

    __rmul__ = __mul__

    def reciprocal(self) -> Interval:
        """``1 / self``; an error if the interval contains 0."""
        if self.contains_zero():
            raise BoundsError(
                f"range bounds: division by an interval that contains 0 "
                f"({self.low:g} to {self.high:g}) has no finite bounds"
            )
        return Interval(1.0 / self.high, 1.0 / self.low)

    def __truediv__(self, other: Interval | float) -> Interval:
        o = _as_interval(other)
        o.reciprocal()  # refuses a divisor containing 0
        quotients = [_div(a, b) for a in (self.low, self.high) for b in (o.low, o.high)]
        known = [q for q in quotients if not math.isnan(q)] or [-math.inf, math.inf]
        return Interval(min(known), max(known))

    def __rtruediv__(self, other: float) -> Interval:
        return _as_interval(other) / self

    def __pow__(self, exponent: float) -> Interval:
        return self.power(exponent)

    def power(self, exponent: float) -> Interval:
        """``self ** exponent`` for a constant exponent.

        >>> Interval(-2, 3).power(2)
        Interval(0, 9)
        >>> Interval(2, 4).power(-1)
        Interval(0.25, 0.5)
        """
        p = float(exponent)
        if p == 0:
            return Interval(1.0, 1.0)
        if p < 0 and (self.contains_zero()):
            raise BoundsError(
                f"range bounds: a negative power ({p:g}) of an interval containing 0 "
                f"({self.low:g} to {self.high:g}) has no finite bounds"
            )
        if p != int(p) and self.low < 0:
            raise BoundsError(
                f"range bounds: a fractional power ({p:g}) of an interval reaching below 0 "
                f"({self.low:g} to {self.high:g}) is undefined"
            )
        ends = (_pow(self.low, p), _pow(self.high, p))
        if p == int(p) and int(p) % 2 == 0 and self.contains_zero():
            return Interval(0.0, max(ends))
        # x ** p is monotone on an interval that does not straddle 0
        return Interval(min(ends), max(ends))

    def monotone(self, func: Callable[[float], float], increasing: bool = True) -> Interval:
        """Apply a monotone function to both ends.

        >>> Interval(0, 1).monotone(math.exp)  # doctest: +ELLIPSIS
        Interval(1, 2.718...)
        """
        a, b = func(self.low), func(self.high)
        return Interval(a, b) if increasing else Interval(b, a)

    def minimum(self, other: Interval) -> Interval:
        """Bounds of the pointwise minimum."""
        return Interval(min(self.low, other.low), min(self.high, other.high))

    def maximum(self, other: Interval) -> Interval:
        """Bounds of the pointwise maximum."""
        return Interval(max(self.low, other.low), max(self.high, other.high))

    def absolute(self) -> Interval:
        """Bounds of ``abs(x)``."""
        if self.contains_zero():
            return Interval(0.0, max(-self.low, self.high))
        return Interval(min(abs(self.low), abs(self.high)), max(abs(self.low), abs(self.high)))


def _div(a: float, b: float) -> float:
    """``a / b`` for b != 0; ±inf / ±inf gives NaN, which the caller drops (the
    other end pairs already reach the bound)."""
    if math.isinf(a) and math.isinf(b):
        return math.nan
    return a / b


def _pow(x: float, p: float) -> float:
    """``x ** p`` with overflow going to ±inf instead of raising."""
    try:
        return float(x**p)
    except OverflowError:
        negative = x < 0 and p == int(p) and int(p) % 2 == 1
        return -math.inf if negative else math.inf
    except ZeroDivisionError:
        return math.inf


def _as_interval(value: Interval | float) -> Interval:
    if isinstance(value, Interval):
        return value
    return Interval.point(float(value))
