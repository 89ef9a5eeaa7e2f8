"""Range bounds: interval arithmetic over each leaf's stated range.

Each leaf contributes the range its source stated ("10,000–12,000" gives
[10,000, 12,000]; "at least 3,000" gives [3,000, ∞); a leaf given by parameters
gives its support). The operations combine them as interval arithmetic, so the
result holds every value the stated ranges allow. When a leaf is used more than
once the answer is still a valid outer bound, only wider than it could be.

>>> import ranges as rg
>>> x = rg.between(2, 3)
>>> range_bounds(x * x - 1)
Interval(3, 8)
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from ranges.core._interval import Interval
from ranges.errors import BoundsError, DivisorRangeError, EngineError

if TYPE_CHECKING:
    from ranges.core._graph import Estimate

_INCREASING = {
    "exp": math.exp,
    "expm1": math.expm1,
    "sqrt": math.sqrt,
    "cbrt": np.cbrt,
    "tanh": math.tanh,
    "arctan": math.atan,
}
_LOGS = {"log": math.log, "log10": math.log10, "log2": math.log2, "log1p": math.log1p}


def _safe(func: object, x: float) -> float:
    try:
        return float(func(x))  # type: ignore[operator]
    except OverflowError:
        return math.inf


def range_bounds(root: Estimate) -> Interval:
    """The interval-arithmetic bounds of ``root`` from its leaves' stated ranges."""
    values: dict[int, Interval] = {}
    for node in root.walk():
        values[id(node)] = _bound(node, values)
    return values[id(root)]


def _bound(node: Estimate, values: dict[int, Interval]) -> Interval:
    op = node.op
    if op == "const":
        return Interval.point(node.value)
    if op == "leaf":
        assert node.leaf is not None
        return node.leaf.stated
    args = [values[id(child)] for child in node.args]
    if op == "mixture":
        hull = args[0]
        for other in args[1:]:
            hull = hull.hull(other)
        return hull
    if op == "add":
        return args[0] + args[1]
    if op == "sub":
        return args[0] - args[1]
    if op == "mul":
        return args[0] * args[1]
    if op == "div":
        if args[1].contains_zero():
            from ranges.core._render import expression

            raise DivisorRangeError(
                f"range bounds: the divisor {expression(node.args[1])} can be 0 "
                f"(its range is {args[1].low:g} to {args[1].high:g}), so the quotient "
                "has no finite bounds"
            )
        return args[0] / args[1]
    if op == "pow":
        base, exponent = args
        if exponent.width == 0:
            return base.power(exponent.low)
        if base.low <= 0:
            raise BoundsError(
                "range bounds: an uncertain exponent needs a positive base, got a base "
                f"ranging {base.low:g} to {base.high:g}"
            )
        candidates = [b**e for b in (base.low, base.high) for e in (exponent.low, exponent.high)]
        return Interval(min(candidates), max(candidates))
    if op == "min":
        return args[0].minimum(args[1])
    if op == "max":
        return args[0].maximum(args[1])
    (arg,) = args
    if op == "scale":
        return arg * node.param[0]
    if op == "neg":
        return -arg
    if op == "absolute":
        return arg.absolute()
    if op == "square":
        return arg.power(2)
    if op in _INCREASING:
        if op == "sqrt" and arg.low < 0:
            raise BoundsError(
                f"range bounds: square root of a range reaching below 0 ({arg.low:g})"
            )
        func = _INCREASING[op]
        return Interval(_safe(func, arg.low), _safe(func, arg.high))
    if op in _LOGS:
        floor = -1.0 if op == "log1p" else 0.0
        if arg.low < floor:
            raise BoundsError(
                f"range bounds: {op} of a range reaching below {floor:g} ({arg.low:g})"
            )
        func = _LOGS[op]
        low = -math.inf if arg.low == floor else func(arg.low)
        return Interval(low, func(arg.high) if math.isfinite(arg.high) else math.inf)
    if op in ("sin", "cos"):
        return Interval(-1.0, 1.0)
    raise EngineError(f"range bounds do not support the operation {op!r}")
