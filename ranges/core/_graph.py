"""The lazy expression graph: :class:`Estimate`.

An Estimate is a leaf (a distribution read from a stated figure), a constant, or
an operation (an :class:`~ranges.core._ops.Op`) on other estimates. Arithmetic builds
new nodes and checks units at once; nothing is sampled until a statistic is asked
for, and then an engine evaluates the graph. A leaf is identified by the object
itself: using it twice means the same draw, so ``x - x`` is exactly 0 in every sample.

>>> import ranges as rg
>>> x = rg.between(1, 3)
>>> float((x - x).sample(5, rng=1).max())
0.0
>>> str((x * 2).unit)
'dimensionless'
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterator, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

import numpy as np

from ranges.core import _units as units
from ranges.core._interval import Interval
from ranges.core._ops import SPECS, UFUNC_NAMES, Form, Op, UnitRule
from ranges.errors import InputError, UnitError

if TYPE_CHECKING:
    from numpy.typing import ArrayLike, NDArray

    from ranges.engines._base import Evaluation, SeedLike
    from ranges.reading._policy import LeafSpec
    from ranges.report._sensitivity import Sensitivity
    from ranges.report._summary import Summary


class Estimate:
    """An uncertain quantity: a node of a lazy expression graph with a unit.

    Build leaves with :func:`ranges.between`, :func:`ranges.about` and the other
    constructors; combine them with ``+ - * / **``, :func:`ranges.minimum`,
    :func:`ranges.maximum`, builtin :func:`sum` and numpy ufuncs (``np.log(x)``).

    Statistic methods (:meth:`quantile`, :meth:`mean`, :meth:`std`,
    :meth:`prob_above`, :meth:`summary`) take ``engine=``, ``n=`` and ``rng=``
    (an int seed or a ``numpy.random.Generator``); without them the values in
    ``ranges.defaults`` are used.

    ``name`` identifies an input: its random stream is keyed by the name, so its
    draws do not depend on the rest of the graph, and two different inputs in one
    graph may not share a name. ``label`` only says how the input is shown (inputs
    read from text are labelled with their words, which may repeat).

    >>> import ranges as rg
    >>> total = rg.between(10_000, 12_000, unit="troops") + rg.about(3_000, unit="troops")
    >>> print(total)
    14,000 troops (90% interval 13,000–15,000); ranges added end to end: 12,700–15,300
    >>> total.bounds()
    Interval(12700, 15300)
    """

    __slots__ = ("__weakref__", "args", "label", "leaf", "name", "op", "param", "unit",
                 "value")

    op: Op
    args: tuple[Estimate, ...]
    unit: Any
    leaf: LeafSpec | None
    value: float
    name: str | None
    label: str | None
    param: tuple[float, ...]

    def __init__(
        self,
        op: Op,
        args: tuple[Estimate, ...] = (),
        unit: Any = None,
        *,
        leaf: LeafSpec | None = None,
        value: float = math.nan,
        name: str | None = None,
        label: str | None = None,
        param: tuple[float, ...] = (),
    ) -> None:
        self.op = Op(op)
        self.args = args
        self.unit = units.dimensionless() if unit is None else unit
        self.leaf = leaf
        self.value = value
        self.name = name
        self.label = label
        self.param = param

    # -- construction helpers ----------------------------------------------------------
    @classmethod
    def from_leaf(cls, spec: LeafSpec, unit: Any = None, name: str | None = None,
                  label: str | None = None) -> Estimate:
        """A leaf node from a reading's :class:`~ranges.reading._policy.LeafSpec`."""
        for what, text in (("name", name), ("label", label)):
            if text is not None and not isinstance(text, str):
                raise InputError(f"{what} must be a string, got {text!r}")
        return cls(Op.LEAF, (), units.resolve(unit), leaf=spec, name=name, label=label)

    @classmethod
    def constant(cls, value: float, unit: Any = None) -> Estimate:
        """A constant node.

        >>> Estimate.constant(2.5).value
        2.5
        """
        number = float(value)
        if not math.isfinite(number):
            raise InputError(f"a constant must be a finite number, got {value!r}")
        return cls(Op.CONST, (), units.resolve(unit), value=number)

    def labelled(self, label: str) -> Estimate:
        """The same input shown as ``label`` (a new leaf with the same reading: use it
        in place of this one, not beside it).

        >>> import ranges as rg
        >>> rg.between(1, 2).labelled("first batch").label
        'first batch'
        """
        if not self.is_leaf:
            raise InputError("only an input (a leaf) can be labelled")
        return Estimate(Op.LEAF, (), self.unit, leaf=self.leaf, name=self.name, label=label)

    @property
    def form(self) -> Form:
        """The :class:`~ranges.core._ops.Form` of this node's operation."""
        return SPECS[self.op].form

    @property
    def is_leaf(self) -> bool:
        """Whether this node is a distribution read from a figure."""
        return self.op is Op.LEAF

    @property
    def is_constant(self) -> bool:
        """Whether this node is a plain constant."""
        return self.op is Op.CONST

    @property
    def is_random(self) -> bool:
        """Whether this node draws its own randomness (a non-degenerate leaf, a
        mixture's choice, or the random order a correlation puts its inputs' draws in)."""
        if self.op is Op.MIXTURE or self.op is Op.COUPLE:
            return True
        if self.leaf is None:
            return False
        return self.leaf.distribution.family != "exactly"

    @property
    def own_assumption(self) -> str | None:
        """An assumption this node makes itself, apart from its inputs' readings (a pool
        of sources says how it pooled them; summaries list it). None for plain nodes.

        >>> import ranges as rg
        >>> (rg.between(1, 2) + 1).own_assumption is None
        True
        """
        return None

    # -- sources -----------------------------------------------------------------------
    def graded(self, grade: str, table: Any = None) -> Estimate:
        """This figure adjusted for how far its source can be trusted, by an Admiralty
        grade ("B2": reliability A–F, credibility 1–6); see :func:`ranges.grade`.

        >>> import ranges as rg
        >>> x = rg.between(10, 12)
        >>> x.graded("A1") is x
        True
        """
        from ranges.sources._grading import grade as grade_estimate

        return grade_estimate(self, grade, table)

    def biased(self, low: float, high: float, *, shape: str = "bounds") -> Estimate:
        """The true value is this figure × (1 + b), with the bias b read from the range
        ``low`` to ``high`` as an input of its own (by default flat on exactly that
        range): ``est.biased(-0.2, 0)`` says "the source may overstate by up to 20%"
        (the true value is 0 to 20% below the figure). See :mod:`ranges.sources._bias`.

        >>> import ranges as rg
        >>> rg.exactly(100).biased(-0.2, 0).bounds()
        Interval(80, 100)
        """
        from ranges.sources._bias import biased

        return biased(self, low, high, shape=shape)

    # -- graph walking -------------------------------------------------------------
    def walk(self) -> Iterator[Estimate]:
        """Every distinct node once, children before parents (iterative, no recursion).

        >>> import ranges as rg
        >>> x = rg.between(1, 2)
        >>> [node.op.value for node in (x + x).walk()]
        ['leaf', 'add']
        """
        seen: set[int] = set()
        stack: list[tuple[Estimate, bool]] = [(self, False)]
        while stack:
            node, expanded = stack.pop()
            if expanded:
                yield node
                continue
            if id(node) in seen:
                continue
            seen.add(id(node))
            stack.append((node, True))
            for child in reversed(node.args):
                if id(child) not in seen:
                    stack.append((child, False))

    def leaves(self) -> list[Estimate]:
        """The leaf nodes this estimate depends on, each once, in order of appearance.

        >>> import ranges as rg
        >>> a, b = rg.between(1, 2), rg.between(3, 4)
        >>> (a + b + a).leaves() == [a, b]
        True
        """
        return [node for node in self.walk() if node.is_leaf]

    # -- arithmetic ------------------------------------------------------------------
    def __add__(self, other: Any) -> Estimate:
        return _binary(Op.ADD, self, other)

    def __radd__(self, other: Any) -> Estimate:
        return _binary(Op.ADD, other, self)

    def __sub__(self, other: Any) -> Estimate:
        return _binary(Op.SUB, self, other)

    def __rsub__(self, other: Any) -> Estimate:
        return _binary(Op.SUB, other, self)

    def __mul__(self, other: Any) -> Estimate:
        return _binary(Op.MUL, self, other)

    def __rmul__(self, other: Any) -> Estimate:
        return _binary(Op.MUL, other, self)

    def __truediv__(self, other: Any) -> Estimate:
        return _binary(Op.DIV, self, other)

    def __rtruediv__(self, other: Any) -> Estimate:
        return _binary(Op.DIV, other, self)

    def __pow__(self, other: Any) -> Estimate:
        return _binary(Op.POW, self, other)

    def __rpow__(self, other: Any) -> Estimate:
        return _binary(Op.POW, other, self)

    def __neg__(self) -> Estimate:
        return _unary(Op.NEG, self)

    def __pos__(self) -> Estimate:
        return self

    def __abs__(self) -> Estimate:
        return _unary(Op.ABS, self)

    def _refuse_comparison(self, other: object) -> bool:
        raise InputError(
            "an Estimate is uncertain, so comparing it gives no single True/False: "
            "use est.prob_above(x) or est.prob_below(x), or ranges.minimum/maximum"
        )

    __lt__ = __le__ = __gt__ = __ge__ = _refuse_comparison

    def __bool__(self) -> bool:
        raise InputError(
            "an Estimate has no single truth value; use est.prob_above(x) or est.prob_below(x)"
        )

    def __array_ufunc__(self, ufunc: Any, method: str, *inputs: Any, **kwargs: Any) -> Any:
        if method != "__call__" or kwargs:
            return NotImplemented
        op = Op.from_ufunc(ufunc.__name__)
        arity = 2 if op is not None and SPECS[op].form in _BINARY_FORMS else 1
        if op is None or len(inputs) != arity:
            raise InputError(
                f"numpy.{ufunc.__name__} is not supported on an Estimate; supported: "
                f"{', '.join(UFUNC_NAMES)}"
            )
        return _binary(op, *inputs) if arity == 2 else _unary(op, inputs[0])

    # -- units ---------------------------------------------------------------------
    def to(self, unit: Any) -> Estimate:
        """The same quantity expressed in another unit.

        >>> import ranges as rg
        >>> float(rg.exactly(1.5, unit="km").to("m").sample(1)[0])
        1500.0
        """
        target = units.resolve(unit)
        factor, offset = units.conversion(self.unit, target)
        return _converted(self, factor, target, offset)

    # -- statistics (delegated to engines) -------------------------------------------------
    def evaluate(
        self,
        *,
        engine: str | None = None,
        n: int | None = None,
        rng: SeedLike = None,
        seed: SeedLike = None,
    ) -> Evaluation:
        """Run an engine over the graph and return its :class:`~ranges.engines.Evaluation`."""
        from ranges.engines import evaluate

        return evaluate(self, engine=engine, n=n, rng=_pick_rng(rng, seed))

    def sample(
        self, n: int | None = None, rng: SeedLike = None, *, seed: SeedLike = None
    ) -> NDArray[np.float64]:
        """Monte Carlo samples of this node as a plain float array (in :attr:`unit`).

        >>> import ranges as rg
        >>> x = rg.between(1, 2)
        >>> a = x.sample(4, rng=7)
        >>> bool((a == x.sample(4, rng=7)).all()), a.shape
        (True, (4,))
        """
        from ranges.engines._montecarlo import simulate

        return simulate(self, n=n, rng=_pick_rng(rng, seed))

    def quantile(
        self,
        q: ArrayLike,
        *,
        engine: str | None = None,
        n: int | None = None,
        rng: SeedLike = None,
        seed: SeedLike = None,
    ) -> Any:
        """Quantile(s) at probability ``q`` (a float gives a float, a list an array).

        >>> import ranges as rg
        >>> round(rg.between(10, 20, shape="uniform").quantile(0.5))
        15
        """
        probabilities = np.asarray(q, dtype=float)
        if not np.all((probabilities >= 0) & (probabilities <= 1)):
            raise InputError(
                f"a quantile's probability must be between 0 and 1 (0.05 is the 5th "
                f"percentile), got {q!r}"
            )
        result = self.evaluate(engine=engine, n=n, rng=rng, seed=seed).quantile(q)
        return float(result) if np.ndim(q) == 0 else result

    def median(self, **kwargs: Any) -> float:
        """The 50th percentile."""
        return float(self.quantile(0.5, **kwargs))

    def mean(self, **kwargs: Any) -> float:
        """Expected value."""
        return self.evaluate(**kwargs).mean()

    def std(self, **kwargs: Any) -> float:
        """Standard deviation."""
        return self.evaluate(**kwargs).std()

    def prob_above(self, x: float, **kwargs: Any) -> float:
        """Probability that the quantity exceeds ``x`` (in this estimate's unit).

        >>> import ranges as rg
        >>> round(rg.between(0, 10, shape="bounds").prob_above(7.5), 2)
        0.25
        """
        return self.evaluate(**kwargs).prob_above(float(x))

    def prob_below(self, x: float, **kwargs: Any) -> float:
        """Probability that the quantity is at most ``x``."""
        return 1.0 - self.prob_above(x, **kwargs)

    def interval(self, level: float | None = None, **kwargs: Any) -> tuple[float, float]:
        """The central interval holding ``level`` of the probability (default 0.9)."""
        from ranges._config import defaults
        from ranges.distributions._families import check_level

        level = check_level(defaults.level if level is None else level)
        low, high = self.quantile([0.5 - level / 2, 0.5 + level / 2], **kwargs)
        return float(low), float(high)

    def comonotonic(self) -> Estimate:
        """This estimate with all its uncertain inputs perfectly positively dependent
        (all high together, all low together): a named scenario beside independence.

        >>> import ranges as rg
        >>> a, b = rg.between(1, 2, shape="bounds"), rg.between(3, 4, shape="bounds")
        >>> round((a + b).comonotonic().quantile(0.9, engine="mc", n=10_000), 2)
        5.8
        """
        from ranges.core._correlate import comonotonic

        return comonotonic(self)

    def bounds(self) -> Interval:
        """Range arithmetic over every leaf's stated range: the hard limits of the model.

        >>> import ranges as rg
        >>> (rg.between(10_000, 12_000) + rg.between(3_000, 4_000)).bounds()
        Interval(13000, 16000)
        """
        from ranges.engines._bounds import range_bounds

        return range_bounds(self)

    def quantile_bounds(self, q: float, *, levels: int | None = None,
                        rearrangement: bool = False) -> Interval:
        """Bounds on the q-quantile that hold for EVERY dependence between the inputs
        (see :func:`ranges.dependence_bounds` for the details and what is guaranteed).
        ``rearrangement=True`` narrows them to the rearrangement algorithm's estimate
        of the sharp bounds (not proven to hold).

        >>> import ranges as rg
        >>> a, b = rg.between(0, 1, shape="bounds"), rg.between(0, 1, shape="bounds")
        >>> found = (a + b).quantile_bounds(0.5)
        >>> round(found.low, 2), round(found.high, 2)
        (0.5, 1.5)
        """
        from ranges.engines._dependence import quantile_bounds

        return quantile_bounds(self, q, levels=levels, rearrangement=rearrangement)

    def summary(
        self,
        level: float | None = None,
        *,
        engine: str | None = None,
        n: int | None = None,
        rng: SeedLike = None,
        seed: SeedLike = None,
    ) -> Summary:
        """Numbers that describe this estimate (see :class:`~ranges.report._summary.Summary`)."""
        from ranges.report._summary import summarize

        return summarize(self, level=level, engine=engine, n=n, rng=_pick_rng(rng, seed))

    def sensitivity(
        self,
        level: float | None = None,
        *,
        engine: str | None = None,
        n: int | None = None,
        rng: SeedLike = None,
    ) -> Sensitivity:
        """Which inputs matter: each one's swing and share of the variance (see
        :func:`ranges.sensitivity`).

        >>> import ranges as rg
        >>> a, b = rg.normal(0, 3, name="a"), rg.normal(0, 4, name="b")
        >>> [row.name for row in (a + b).sensitivity().rows]
        ['b', 'a']
        """
        from ranges.report._sensitivity import sensitivity

        return sensitivity(self, level=level, engine=engine, n=n, rng=rng)

    # -- text --------------------------------------------------------------------------
    def __str__(self) -> str:
        from ranges.report._format import one_line

        return one_line(self.summary())

    def __repr__(self) -> str:
        """The expression and the answer's numbers (the expression alone when there is
        no answer, e.g. a division by a range through 0)."""
        from ranges.core._render import expression
        from ranges.errors import RangesError
        from ranges.report._format import short_repr

        try:
            return short_repr(self.summary(), expression(self))
        except RangesError:
            unit = units.label(self.unit)
            return f"<Estimate {expression(self)}{' ' + unit if unit else ''}>"

    def _repr_html_(self) -> str:
        """The answer, a small plot, the inputs and assumptions, for notebooks."""
        from ranges.report._html_repr import estimate_html

        return estimate_html(self)

    def __format__(self, spec: str) -> str:
        """The one-line answer with its numbers formatted by ``spec``.

        >>> import ranges as rg
        >>> f"{rg.between(10, 12, shape='uniform'):.1f}"
        '11.0 (90% interval 10.1–11.9)'
        """
        from ranges.report._format import format_summary

        return format_summary(self.summary(), spec)

    # -- pickling -------------------------------------------------------------------------
    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as a flat list of nodes (so deep graphs pickle without recursion),
        units as text; leaves stay objects of their own, so a leaf shared by several
        pickled estimates is still one input after loading."""
        if self.is_leaf:
            return (_rebuild_leaf, (self.leaf, units.to_text(self.unit), self.name,
                                    self.label))
        nodes = list(self.walk())
        index = {id(node): i for i, node in enumerate(nodes)}
        # a leaf, or a node of a subclass (a pool of sources), pickles as itself
        flat = [
            node if node.is_leaf or type(node) is not Estimate else
            (node.op.value, tuple(index[id(c)] for c in node.args), units.to_text(node.unit),
             node.value, node.name, node.label, node.param)
            for node in nodes
        ]
        return (_rebuild_graph, (flat,))


def _rebuild_leaf(spec: LeafSpec, unit: str, name: str | None, label: str | None) -> Estimate:
    return Estimate(Op.LEAF, (), units.resolve(unit), leaf=spec, name=name, label=label)


def _rebuild_graph(flat: list[Any]) -> Estimate:
    built: list[Estimate] = []
    for item in flat:
        if isinstance(item, Estimate):
            built.append(item)
            continue
        op, children, unit, value, name, label, param = item
        built.append(Estimate(Op(op), tuple(built[i] for i in children), units.resolve(unit),
                              value=value, name=name, label=label, param=param))
    return built[-1]


Operand = Estimate | float | int

_BINARY_FORMS = frozenset({Form.SUM, Form.PRODUCT, Form.POWER, Form.EXTREMUM})


def _pick_rng(rng: SeedLike, seed: SeedLike) -> SeedLike:
    if rng is not None and seed is not None:
        raise InputError("give either rng= or seed=, not both")
    return rng if rng is not None else seed


def as_estimate(value: Any) -> Estimate:
    """An Estimate from an Estimate, a number or a pint Quantity.

    >>> as_estimate(3).value
    3.0
    """
    if isinstance(value, Estimate):
        return value
    if isinstance(value, bool):
        raise InputError("True/False is not a quantity")
    if isinstance(value, numbers.Real):
        return Estimate.constant(float(value))
    magnitude = getattr(value, "magnitude", None)
    unit = getattr(value, "units", None)
    if magnitude is not None and unit is not None and np.ndim(magnitude) == 0:
        return Estimate.constant(float(magnitude), units.resolve(str(unit)))
    raise InputError(
        f"cannot combine an Estimate with {type(value).__name__} {value!r}; "
        "use a number, a pint Quantity or another Estimate"
    )


def _is_zero_constant(node: Estimate) -> bool:
    return node.is_constant and node.value == 0.0 and units.is_dimensionless(node.unit)


def _converted(node: Estimate, factor: float, unit: Any, offset: float = 0.0) -> Estimate:
    """``node × factor + offset`` carrying ``unit``: a unit conversion, kept as a node
    of its own so that summaries and plots can see through it."""
    if factor == 1.0 and offset == 0.0 and node.unit == unit:
        return node
    if node.is_constant:
        return Estimate.constant(node.value * factor + offset, unit)
    if node.op is Op.CONVERT:
        inner_factor, inner_offset = node.param
        return _converted(node.args[0], inner_factor * factor, unit,
                          inner_offset * factor + offset)
    return Estimate(Op.CONVERT, (node,), unit, param=(factor, offset))


#: how the unit of a sum, difference or comparison follows from its arguments' units
_COMBINE_LIKE: Final = MappingProxyType({
    UnitRule.ADD: units.combine_add,
    UnitRule.SUBTRACT: units.combine_sub,
    UnitRule.COMPARE: units.combine_compare,
})


def _binary(op: Op, left_value: Any, right_value: Any) -> Estimate:
    left, right = as_estimate(left_value), as_estimate(right_value)
    rule = SPECS[op].unit
    if rule in _COMBINE_LIKE:
        # sum() starts from 0: adding an exact plain 0 changes nothing (as in pint)
        if op is Op.ADD and _is_zero_constant(left):
            return right
        if (op is Op.ADD or op is Op.SUB) and _is_zero_constant(right):
            return left
        unit, f_left, f_right = _COMBINE_LIKE[rule](left.unit, right.unit)
        return Estimate(op, (_converted(left, f_left, unit), _converted(right, f_right, unit)),
                        unit)
    if rule is UnitRule.MUL or rule is UnitRule.DIV:
        if rule is UnitRule.DIV and right.is_constant and right.value == 0.0:
            raise InputError("division by an exact zero")
        combine = units.combine_mul if rule is UnitRule.MUL else units.combine_div
        unit, factor = combine(left.unit, right.unit)
        return _converted(Estimate(op, (left, right), unit), factor, unit)
    if rule is UnitRule.POWER:
        return _power(left, right)
    raise InputError(f"{op.value} is not an operation of two arguments")


def _power(base: Estimate, exponent: Estimate) -> Estimate:
    if exponent.is_constant and units.is_dimensionless(exponent.unit):
        value = exponent.value * units.require_dimensionless(exponent.unit, "a power")
        if value == 1.0:
            return base
        unit = units.combine_pow(base.unit, value)
        return Estimate(Op.POW, (base, Estimate.constant(value)), unit)
    base_factor = units.require_dimensionless(base.unit, "an uncertain power's base")
    exp_factor = units.require_dimensionless(exponent.unit, "a power's exponent")
    plain = units.dimensionless()
    return Estimate(Op.POW, (_converted(base, base_factor, plain),
                             _converted(exponent, exp_factor, plain)), plain)


def _unary(op: Op, value: Any) -> Estimate:
    node = as_estimate(value)
    spec = SPECS[op]
    if spec.unit is UnitRule.SAME:
        unit = node.unit
    elif spec.unit is UnitRule.PLAIN:
        factor = units.require_dimensionless(node.unit, f"{op.value}()")
        unit = units.dimensionless()
        node = _converted(node, factor, unit)
    elif spec.unit is UnitRule.POWER:
        unit = units.combine_pow(node.unit, spec.unit_power)
    else:
        raise UnitError(f"{op.value} is not a function of one argument")
    if node.is_constant:
        assert spec.numpy is not None
        with np.errstate(all="ignore"):
            result = float(spec.numpy(node.value))
        if not math.isfinite(result):
            raise InputError(f"{op.value}({node.value:g}) is not a finite number")
        return Estimate.constant(result, unit)
    return Estimate(op, (node,), unit)


def minimum(*values: Operand) -> Estimate:
    """The smaller of several estimates, sample by sample.

    >>> import ranges as rg
    >>> float(minimum(rg.exactly(3), 5).sample(1)[0])
    3.0
    """
    return _fold(Op.MIN, values)


def maximum(*values: Operand) -> Estimate:
    """The larger of several estimates, sample by sample.

    >>> maximum(2, 5).value
    5.0
    """
    return _fold(Op.MAX, values)


def _fold(op: Op, values: Sequence[Operand]) -> Estimate:
    if len(values) == 1 and isinstance(values[0], Sequence):
        values = tuple(values[0])
    if not values:
        raise InputError(f"{op.value}imum of nothing: give at least one estimate")
    result = as_estimate(values[0])
    for value in values[1:]:
        other = as_estimate(value)
        if result.is_constant and other.is_constant:
            unit, fa, fb = units.combine_compare(result.unit, other.unit)
            pick = min if op is Op.MIN else max
            result = Estimate.constant(pick(result.value * fa, other.value * fb), unit)
        else:
            result = _binary(op, result, other)
    return result


def mixture(
    components: Sequence[Operand], weights: Sequence[float] | None = None,
    *, name: str | None = None,
) -> Estimate:
    """A mixture: each sample comes from one component, chosen with the given weights.

    Use it to pool sources that disagree ("one source says 10k–12k, another 14k–16k").

    >>> import ranges as rg
    >>> m = mixture([rg.exactly(1), rg.exactly(2)], [0.25, 0.75])
    >>> round(float(m.sample(100_000, rng=0).mean()), 2)
    1.75
    """
    parts = [as_estimate(c) for c in components]
    if not parts:
        raise InputError("a mixture needs at least one component")
    if weights is None:
        weights = [1.0] * len(parts)
    if len(weights) != len(parts):
        raise InputError(
            f"a mixture got {len(parts)} components but {len(weights)} weights"
        )
    w = [float(x) for x in weights]
    if any(not math.isfinite(x) or x < 0 for x in w) or sum(w) <= 0:
        raise InputError(f"mixture weights must be non-negative and not all zero, got {w}")
    total = sum(w)
    unit = parts[0].unit
    for part in parts[1:]:
        unit = units.combine_compare(unit, part.unit)[0]
    # every component in the common unit (person when headcount nouns differ)
    scaled = [_converted(p, units.conversion_factor(p.unit, unit), unit) for p in parts]
    return Estimate(Op.MIXTURE, tuple(scaled), unit, param=tuple(x / total for x in w),
                    name=name)


def replaced(root: Estimate, replacements: dict[int, Estimate]) -> Estimate:
    """A copy of the graph under ``root`` with the nodes whose ``id`` is a key of
    ``replacements`` replaced by its value; nodes above a replacement are rebuilt, all
    others (leaves above all) keep their identity.

    >>> import ranges as rg
    >>> a, b = rg.between(1, 2), rg.between(3, 4)
    >>> total = replaced(a + b, {id(b): rg.exactly(10)})
    >>> total.args[0] is a, total.args[1].leaf.distribution.mean()
    (True, 10.0)
    """
    built: dict[int, Estimate] = {}
    for node in root.walk():
        if id(node) in replacements:
            built[id(node)] = replacements[id(node)]
        elif not node.args:
            built[id(node)] = node
        else:
            args = tuple(built[id(child)] for child in node.args)
            if all(new is old for new, old in zip(args, node.args, strict=True)):
                built[id(node)] = node
            else:
                built[id(node)] = Estimate(node.op, args, node.unit, name=node.name,
                                           label=node.label, param=node.param,
                                           value=node.value)
    return built[id(root)]


def additive_terms(est: Estimate) -> list[tuple[float, Estimate]]:
    """Split ``est`` into signed terms that add up to it (through + − and unary −;
    a unit conversion's factor joins the sign).

    >>> import ranges as rg
    >>> a, b, c = rg.between(1, 2), rg.between(3, 4), rg.between(5, 6)
    >>> [sign for sign, _ in additive_terms(a + b - c)]
    [1.0, 1.0, -1.0]
    """
    terms: list[tuple[float, Estimate]] = []
    stack: list[tuple[float, Estimate]] = [(1.0, est)]
    while stack:
        sign, node = stack.pop()
        if node.op is Op.ADD or node.op is Op.SUB:
            right_sign = sign if node.op is Op.ADD else -sign
            stack.append((right_sign, node.args[1]))
            stack.append((sign, node.args[0]))
        elif node.op is Op.NEG:
            stack.append((-sign, node.args[0]))
        elif node.op is Op.CONVERT and node.param[1] == 0.0:
            stack.append((sign * node.param[0], node.args[0]))
        else:
            terms.append((sign, node))
    return terms
