"""Range bounds: interval arithmetic over each leaf's stated range.

Each leaf contributes the range its source stated ("10,000–12,000" gives
[10,000, 12,000]; "at least 3,000" gives [3,000, ∞); a leaf given by parameters
gives its support). Each operation combines its arguments' intervals by its rule of
range arithmetic (``SPECS[op].interval``), so the result holds every value the
stated ranges allow. When a leaf is used more than once the answer is still a valid
outer bound, only wider than it could be.

>>> import ranges as rg
>>> x = rg.between(2, 3)
>>> range_bounds(x * x - 1)
Interval(3, 8)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, assert_never

from ranges.core._interval import Interval
from ranges.core._ops import SPECS, Form, Op
from ranges.errors import BoundsError, DivisorRangeError

if TYPE_CHECKING:
    from ranges.core._graph import Estimate


def range_bounds(root: Estimate) -> Interval:
    """The interval-arithmetic bounds of ``root`` from its leaves' stated ranges."""
    values: dict[int, Interval] = {}
    for node in root.walk():
        if node.op is Op.COMPONENT:  # one input of a correlation: that input's range
            values[id(node)] = values[id(node.args[0].args[int(node.param[0])])]
            continue
        values[id(node)] = node_bounds(node, [values[id(child)] for child in node.args])
    return values[id(root)]


def node_bounds(node: Estimate, args: list[Interval]) -> Interval:
    """The bounds of one node from its arguments' bounds."""
    form = node.form
    match form:
        case Form.CONSTANT:
            return Interval.point(node.value)
        case Form.INPUT:
            assert node.leaf is not None
            return node.leaf.stated
        case Form.MIXTURE | Form.JOINT:  # a joint node: the hull (only its parts are used)
            hull = args[0]
            for other in args[1:]:
                hull = hull.hull(other)
            return hull
        case Form.CONVERT:
            factor, offset = node.param
            return args[0] * factor + offset
        case Form.SUM | Form.PRODUCT | Form.POWER | Form.EXTREMUM:
            if node.op is Op.DIV:
                _check_divisor(node, args[1])
            rule = SPECS[node.op].interval
            assert rule is not None
            return rule(args[0], args[1])
        case Form.NEGATE | Form.ELEMENTWISE:
            rule = SPECS[node.op].interval
            assert rule is not None
            return rule(args[0])
        case Form.COMPONENT:
            raise BoundsError("a correlated input's bounds are those of the input itself "
                              "(range_bounds looks through it)")
        case _:
            assert_never(form)


def _check_divisor(node: Estimate, divisor: Interval) -> None:
    if divisor.contains_zero():
        from ranges.core._render import expression

        raise DivisorRangeError(
            f"range bounds: the divisor {expression(node.args[1])} can be 0 "
            f"(its range is {divisor.low:g} to {divisor.high:g}), so the quotient "
            "has no finite bounds"
        )
