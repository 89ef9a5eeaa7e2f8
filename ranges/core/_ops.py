"""The operations of the graph: one enumeration, one specification each.

Every node of an :class:`~ranges.core._graph.Estimate` graph has an :class:`Op`.
:data:`SPECS` holds, for each operation, everything the rest of the package needs
to know about it, in one place:

* ``form``: the :class:`Form` of the operation, which says how engines treat it
  (engines ``match`` on the form, and mypy checks that every engine handles every
  form; operations of one form differ only in the fields below);
* ``unit``: the :class:`UnitRule` that gives the result's unit when a node is built;
* ``numpy``: the numpy function a sampling engine applies to arrays of draws;
* ``domain``: the inputs an elementwise function accepts (``log`` needs x > 0);
* ``monotone``, ``inverse``, ``inverse_derivative``: for a monotone function, how the
  exact engine turns a distribution of x into one of f(x);
* ``interval``: the rule of range arithmetic (:mod:`ranges.engines._bounds`);
* ``symbol`` and ``precedence``: how the node prints (``a + b``, ``log(a)``);
* ``ufuncs``: the numpy ufuncs that build the node (``np.log(est)``).

Adding an operation of an existing form is one entry here; adding a form makes mypy
point at every engine that must learn it.

>>> SPECS[Op.LOG].domain
Domain(low=0.0, open=True)
>>> SPECS[Op.ADD].symbol, SPECS[Op.ADD].form
('+', <Form.SUM: 'sum'>)
>>> Op.from_ufunc("true_divide")
<Op.DIV: 'div'>
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Final

import numpy as np

from ranges.core._interval import Interval
from ranges.errors import BoundsError

Func = Callable[..., Any]


class Op(StrEnum):
    """An operation of the graph (a ``str`` enumeration: ``Op.ADD == "add"``)."""

    LEAF = "leaf"
    CONST = "const"
    CONVERT = "convert"
    ADD = "add"
    SUB = "sub"
    MUL = "mul"
    DIV = "div"
    POW = "pow"
    MIN = "min"
    MAX = "max"
    NEG = "neg"
    ABS = "absolute"
    SQUARE = "square"
    SQRT = "sqrt"
    CBRT = "cbrt"
    EXP = "exp"
    EXPM1 = "expm1"
    LOG = "log"
    LOG1P = "log1p"
    LOG10 = "log10"
    LOG2 = "log2"
    SIN = "sin"
    COS = "cos"
    TAN = "tan"
    TANH = "tanh"
    ARCTAN = "arctan"
    MIXTURE = "mixture"
    COUPLE = "couple"
    COMONOTONE = "comonotone"
    COMPONENT = "component"

    @property
    def spec(self) -> OpSpec:
        """This operation's :class:`OpSpec`."""
        return SPECS[self]

    @classmethod
    def from_ufunc(cls, name: str) -> Op | None:
        """The operation a numpy ufunc of this name builds, or None."""
        return _BY_UFUNC.get(name)


class Form(StrEnum):
    """How engines treat an operation (see the module docstring)."""

    #: a distribution read from a figure (the node's ``leaf``)
    INPUT = "input"
    #: a plain number (the node's ``value``)
    CONSTANT = "constant"
    #: ``x × factor + offset``: a unit conversion (``param = (factor, offset)``)
    CONVERT = "convert"
    #: ``a + b`` and ``a − b``
    SUM = "sum"
    #: ``−a``
    NEGATE = "negate"
    #: ``a × b`` and ``a / b``
    PRODUCT = "product"
    #: ``a ** b``
    POWER = "power"
    #: the smaller or larger of two, sample by sample
    EXTREMUM = "extremum"
    #: a function applied to each value (monotone or not)
    ELEMENTWISE = "elementwise"
    #: each draw from one of the arguments, chosen with the weights in ``param``
    MIXTURE = "mixture"
    #: the inputs in ``args`` drawn together with a dependence between them (rank
    #: correlations, or perfectly in step): the value is one row of draws per input
    JOINT = "joint"
    #: one input of a JOINT node (``args[0]``), its position in ``param[0]``
    COMPONENT = "component"


class UnitRule(StrEnum):
    """How the unit of a node follows from its arguments' units."""

    #: a leaf or constant: the unit it was given
    GIVEN = "given"
    #: the same unit as the argument (−x, |x|)
    SAME = "same"
    #: arguments in one unit (or headcount nouns, as people); the result in it (a
    #: temperature plus a change of temperature is a temperature)
    ADD = "add"
    #: as ADD, except that the difference of two temperatures is a change (delta_degC)
    SUBTRACT = "subtract"
    #: as ADD, except that temperatures in one unit compare as they are (min, max,
    #: a mixture)
    COMPARE = "compare"
    #: the product of the units
    MUL = "mul"
    #: the quotient of the units
    DIV = "div"
    #: the unit to a constant power (``unit_power``, or the constant exponent)
    POWER = "power"
    #: needs a plain number and gives one (exp, log, sin, ...)
    PLAIN = "plain"
    #: the unit converted to (a conversion node carries its target unit)
    CONVERTED = "converted"


class Monotonicity(StrEnum):
    """Whether an elementwise function keeps or reverses the order of values."""

    INCREASING = "increasing"
    DECREASING = "decreasing"
    NEITHER = "neither"


@dataclass(frozen=True, slots=True)
class Domain:
    """The values an elementwise function accepts: above ``low`` (strictly when
    ``open``)."""

    low: float
    open: bool = False

    def admits(self, low: float) -> bool:
        """Whether a range starting at ``low`` lies inside the domain.

        >>> Domain(0.0, open=True).admits(0.0), Domain(0.0).admits(0.0)
        (False, True)
        """
        return low > self.low if self.open else low >= self.low


@dataclass(frozen=True, slots=True)
class OpSpec:
    """Everything the package knows about one operation (see the module docstring)."""

    op: Op
    form: Form
    unit: UnitRule
    symbol: str
    precedence: int = 9
    numpy: Func | None = None
    domain: Domain | None = None
    monotone: Monotonicity = Monotonicity.NEITHER
    inverse: Func | None = None
    inverse_derivative: Func | None = None
    interval: Callable[..., Interval] | None = None
    unit_power: float = 1.0
    ufuncs: tuple[str, ...] = ()

    @property
    def infix(self) -> bool:
        """Whether the operation prints between its arguments (``a + b``)."""
        return self.precedence < 9

    @property
    def can_make_nan(self) -> bool:
        """Whether finite arguments can give NaN (0/0, a log below its domain, ...)."""
        return self.domain is not None or self.op in _NAN_FROM_FINITE


#: operations without a domain limit that still give NaN for some finite arguments
_NAN_FROM_FINITE: Final = frozenset({Op.DIV, Op.POW, Op.SIN, Op.COS, Op.TAN})


# -- interval rules ------------------------------------------------------------------
def _apply(func: Func, x: float) -> float:
    try:
        return float(func(x))
    except OverflowError:
        return math.inf if x > 0 else -math.inf


def _monotone_rule(op: Op) -> Callable[[Interval], Interval]:
    """Range arithmetic for a monotone elementwise function: check the domain, then
    apply the function to both ends."""

    def rule(arg: Interval) -> Interval:
        spec = SPECS[op]
        # an open end of the domain may be reached: log(0) bounds the range by −∞
        if spec.domain is not None and arg.low < spec.domain.low:
            raise BoundsError(
                f"range bounds: {op.value} of a range reaching below "
                f"{spec.domain.low:g} ({arg.low:g}) is undefined"
            )
        assert spec.numpy is not None
        with np.errstate(divide="ignore", over="ignore"):
            ends = (_apply(spec.numpy, arg.low), _apply(spec.numpy, arg.high))
        if spec.monotone is Monotonicity.DECREASING:
            return Interval(ends[1], ends[0])
        return Interval(ends[0], ends[1])

    return rule


def _tan_rule(arg: Interval) -> Interval:
    if -math.pi / 2 < arg.low and arg.high < math.pi / 2:
        return Interval(math.tan(arg.low), math.tan(arg.high))
    raise BoundsError(
        f"range bounds: tan of a range reaching ±π/2 ({arg.low:g} to {arg.high:g}) has no "
        "finite bounds"
    )


def _power_rule(base: Interval, exponent: Interval) -> Interval:
    if exponent.width == 0:
        return base.power(exponent.low)
    if base.low <= 0:
        raise BoundsError(
            "range bounds: an uncertain exponent needs a positive base, got a base "
            f"ranging {base.low:g} to {base.high:g}"
        )
    candidates = [_apply(lambda e, b=b: b**e, e) for b in (base.low, base.high)
                  for e in (exponent.low, exponent.high)]
    return Interval(min(candidates), max(candidates))


def _square_rule(arg: Interval) -> Interval:
    return arg.power(2)


def _unit_bound(_: Interval) -> Interval:
    return Interval(-1.0, 1.0)


# -- the table ---------------------------------------------------------------------------
def _elementwise(
    op: Op, func: Func, inverse: Func, derivative: Func, *, unit: UnitRule = UnitRule.PLAIN,
    domain: Domain | None = None, unit_power: float = 1.0, ufunc: str | None = None,
) -> OpSpec:
    """The spec of a strictly increasing function with a known inverse."""
    return OpSpec(op, Form.ELEMENTWISE, unit, op.value, numpy=func, domain=domain,
                  monotone=Monotonicity.INCREASING, inverse=inverse,
                  inverse_derivative=derivative, interval=_monotone_rule(op),
                  unit_power=unit_power, ufuncs=(ufunc or op.value,))


_LN10, _LN2 = math.log(10.0), math.log(2.0)

_TABLE: tuple[OpSpec, ...] = (
    OpSpec(Op.LEAF, Form.INPUT, UnitRule.GIVEN, "leaf"),
    OpSpec(Op.CONST, Form.CONSTANT, UnitRule.GIVEN, "const"),
    OpSpec(Op.CONVERT, Form.CONVERT, UnitRule.CONVERTED, "to"),
    OpSpec(Op.ADD, Form.SUM, UnitRule.ADD, "+", 1, np.add, interval=Interval.__add__,
           ufuncs=("add",)),
    OpSpec(Op.SUB, Form.SUM, UnitRule.SUBTRACT, "−", 1, np.subtract, interval=Interval.__sub__,
           ufuncs=("subtract",)),
    OpSpec(Op.MUL, Form.PRODUCT, UnitRule.MUL, "×", 2, np.multiply, interval=Interval.__mul__,
           ufuncs=("multiply",)),
    OpSpec(Op.DIV, Form.PRODUCT, UnitRule.DIV, "/", 2, np.divide,
           interval=Interval.__truediv__, ufuncs=("divide", "true_divide")),
    OpSpec(Op.POW, Form.POWER, UnitRule.POWER, "^", 4, np.power, interval=_power_rule,
           ufuncs=("power",)),
    OpSpec(Op.MIN, Form.EXTREMUM, UnitRule.COMPARE, "min", numpy=np.minimum,
           interval=Interval.minimum, ufuncs=("minimum", "fmin")),
    OpSpec(Op.MAX, Form.EXTREMUM, UnitRule.COMPARE, "max", numpy=np.maximum,
           interval=Interval.maximum, ufuncs=("maximum", "fmax")),
    OpSpec(Op.NEG, Form.NEGATE, UnitRule.SAME, "−", 3, np.negative, interval=Interval.__neg__,
           ufuncs=("negative",)),
    OpSpec(Op.ABS, Form.ELEMENTWISE, UnitRule.SAME, "abs", numpy=np.absolute,
           interval=Interval.absolute, ufuncs=("absolute",)),
    OpSpec(Op.SQUARE, Form.ELEMENTWISE, UnitRule.POWER, "square", numpy=np.square,
           interval=_square_rule, unit_power=2.0, ufuncs=("square",)),
    _elementwise(Op.SQRT, np.sqrt, np.square, lambda y: 2.0 * y, unit=UnitRule.POWER,
                 domain=Domain(0.0), unit_power=0.5),
    _elementwise(Op.CBRT, np.cbrt, lambda y: y**3, lambda y: 3.0 * y**2,
                 unit=UnitRule.POWER, unit_power=1.0 / 3.0),
    _elementwise(Op.EXP, np.exp, np.log, lambda y: 1.0 / y),
    _elementwise(Op.EXPM1, np.expm1, np.log1p, lambda y: 1.0 / (1.0 + y)),
    _elementwise(Op.LOG, np.log, np.exp, np.exp, domain=Domain(0.0, open=True)),
    _elementwise(Op.LOG1P, np.log1p, np.expm1, np.exp, domain=Domain(-1.0, open=True)),
    _elementwise(Op.LOG10, np.log10, lambda y: 10.0**y, lambda y: _LN10 * 10.0**y,
                 domain=Domain(0.0, open=True)),
    _elementwise(Op.LOG2, np.log2, lambda y: 2.0**y, lambda y: _LN2 * 2.0**y,
                 domain=Domain(0.0, open=True)),
    OpSpec(Op.SIN, Form.ELEMENTWISE, UnitRule.PLAIN, "sin", numpy=np.sin,
           interval=_unit_bound, ufuncs=("sin",)),
    OpSpec(Op.COS, Form.ELEMENTWISE, UnitRule.PLAIN, "cos", numpy=np.cos,
           interval=_unit_bound, ufuncs=("cos",)),
    OpSpec(Op.TAN, Form.ELEMENTWISE, UnitRule.PLAIN, "tan", numpy=np.tan, interval=_tan_rule,
           ufuncs=("tan",)),
    _elementwise(Op.TANH, np.tanh, np.arctanh, lambda y: 1.0 / (1.0 - y**2)),
    _elementwise(Op.ARCTAN, np.arctan, np.tan, lambda y: 1.0 / np.cos(y) ** 2),
    OpSpec(Op.MIXTURE, Form.MIXTURE, UnitRule.COMPARE, "mixture"),
    # rank correlations (Iman–Conover); ``param`` is the requested matrix, row by row
    OpSpec(Op.COUPLE, Form.JOINT, UnitRule.GIVEN, "correlated"),
    # perfect positive dependence: every input's draws in the same order of rank
    OpSpec(Op.COMONOTONE, Form.JOINT, UnitRule.GIVEN, "comonotonic"),
    OpSpec(Op.COMPONENT, Form.COMPONENT, UnitRule.GIVEN, "component"),
)

#: The specification of every operation.
SPECS: Final[Mapping[Op, OpSpec]] = MappingProxyType({spec.op: spec for spec in _TABLE})
_missing = set(Op) - set(SPECS)
assert not _missing, f"operations without a specification: {_missing}"

_BY_UFUNC: Final[Mapping[str, Op]] = MappingProxyType(
    {name: spec.op for spec in _TABLE for name in spec.ufuncs}
)

#: The numpy ufuncs an Estimate accepts, by name.
UFUNC_NAMES: Final[tuple[str, ...]] = tuple(sorted(_BY_UFUNC))

__all__ = ["SPECS", "UFUNC_NAMES", "Domain", "Form", "Monotonicity", "Op", "OpSpec",
           "UnitRule"]
