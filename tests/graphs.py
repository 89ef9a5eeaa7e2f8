"""Random estimate graphs and the checks run on them, shared by
``tests/test_random_graphs.py`` (driven by Hypothesis) and
``benchmarks/bench_random_graphs.py`` (driven by a seeded ``random.Random``).

A generated graph is a short Python program over the public API, for example::

    x0 = rg.between(10, 12, shape="bounds", unit="troops")
    x1 = rg.between(0.1, 0.2, shape="bounds")
    model = x0.to("people") + (x0 * x1).to("people")

:class:`Graph` holds that program; :meth:`Graph.build` runs it and returns ``model``,
so a failure is always reported as code that reproduces it. Leaves and every node
used more than once get a name, so the program rebuilds the same graph (the same
input used at several places is one object, as in the graph that failed).

The generator (:func:`random_graph`) draws through a :class:`Chooser`, so Hypothesis
can shrink a failing graph and the benchmark can replay one from a seed. It keeps
every operation inside its domain (no log of a range reaching 0, no divisor whose
range holds 0, no overflow) by carrying its own interval of possible values for each
node, in base units (metres, people), independently of the library under test. With
``allow_domain_errors`` it sometimes steps outside, to see how the API refuses.

The checks (:func:`check_bounds`, :func:`check_agreement`, :func:`check_auto`,
:func:`check_reproducible`, :func:`check_exceptions`) return what they found instead
of asserting, so that the benchmark can count; the statistics behind
:func:`check_agreement` are explained in its docstring.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Protocol, TypeVar

import numpy as np

import ranges as rg
from ranges import format as rg_format

T = TypeVar("T")

# -- drawing ------------------------------------------------------------------------


class Chooser(Protocol):
    """Where the generator's choices come from (Hypothesis or a seeded generator).
    Both methods should prefer their first/lowest option when shrinking."""

    def integer(self, low: int, high: int) -> int:
        """An integer in ``[low, high]``."""

    def pick(self, options: Sequence[T]) -> T:
        """One of ``options``."""


class SeededChooser:
    """Choices from ``random.Random``-like generators (the benchmark)."""

    def __init__(self, generator: Any) -> None:
        self.generator = generator

    def integer(self, low: int, high: int) -> int:
        return int(self.generator.randint(low, high))

    def pick(self, options: Sequence[T]) -> T:
        return options[self.integer(0, len(options) - 1)]


# -- the program of a graph -----------------------------------------------------------


@dataclass(frozen=True)
class Graph:
    """A graph as a program over the public API (``rg`` and ``np``) that sets ``model``.

    ``hard_bounded`` says every input has hard limits (so every draw must lie inside
    ``model.bounds()``); ``in_domain`` that the generator kept every operation inside
    its domain (so every engine should answer or refuse, never disagree).
    """

    source: str
    hard_bounded: bool = True
    in_domain: bool = True

    @classmethod
    def of(cls, source: str, *, hard_bounded: bool = True, in_domain: bool = True) -> Graph:
        """A graph from hand-written source (indentation and blank lines removed)."""
        lines = [line.strip() for line in source.strip().splitlines() if line.strip()]
        return cls("\n".join(lines), hard_bounded, in_domain)

    def build(self) -> rg.Estimate:
        """Run the program and return a new ``model`` (new objects every call)."""
        namespace: dict[str, Any] = {"rg": rg, "np": np}
        exec(compile(self.source, "<random graph>", "exec"), namespace)
        model = namespace["model"]
        if not isinstance(model, rg.Estimate):
            model = rg.exactly(float(model))
        return model

    @property
    def size(self) -> int:
        """A measure of size for choosing the smallest failing example."""
        return len(self.source)


# -- values each node can take, for keeping operations in their domain ---------------

Span = tuple[float, float]
FULL: Span = (-math.inf, math.inf)
POSITIVE: Span = (math.ulp(0.0), math.inf)  # a lognormal never reaches 0
LIMIT = 1e12  # no operation may make values larger than this (overflow is not the point)


def _hull(values: Sequence[float]) -> Span:
    if any(math.isnan(v) for v in values):
        return FULL
    return min(values), max(values)


def _safe(func: Callable[..., float], *args: float) -> float:
    try:
        return float(func(*args))
    except OverflowError:
        return math.inf
    except (ValueError, ZeroDivisionError):
        return math.nan


def _endpoints(func: Callable[..., float], a: Span, b: Span) -> Span:
    return _hull([_safe(func, x, y) for x in a for y in b])


def _monotone(func: Callable[[float], float], a: Span) -> Span:
    return _hull([_safe(func, a[0]), _safe(func, a[1])])


def _power(a: Span, exponent: float) -> Span:
    if exponent == int(exponent) and int(exponent) % 2 == 0 and a[0] < 0 < a[1]:
        return 0.0, max(_safe(math.pow, abs(x), exponent) for x in a)
    return _monotone(lambda x: math.pow(x, exponent), a)


def _contains_zero(a: Span) -> bool:
    return a[0] <= 0.0 <= a[1]


# -- nodes ------------------------------------------------------------------------------

Dims = tuple[Fraction, Fraction]  # exponents of (headcount, length)
PLAIN: Dims = (Fraction(0), Fraction(0))
HEADCOUNT: Dims = (Fraction(1), Fraction(0))
LENGTH: Dims = (Fraction(0), Fraction(1))

Unit = tuple[str | None, Dims, float]  # source text, dimensions, factor to the base unit
#: the units of a graph's inputs: one family per graph (so that they combine), the
#: plain numbers first; headcounts twice (the nouns of reports, and the relabels)
HEADCOUNT_UNITS: list[Unit] = [("troops", HEADCOUNT, 1.0), ("workers", HEADCOUNT, 1.0),
                               ("sappers", HEADCOUNT, 1.0), ("people", HEADCOUNT, 1.0)]
UNIT_FAMILIES: list[list[Unit]] = [
    [(None, PLAIN, 1.0)],
    HEADCOUNT_UNITS,
    [("km", LENGTH, 1000.0), ("m", LENGTH, 1.0)],
    HEADCOUNT_UNITS,
]
ALL_UNITS: list[Unit] = [unit for family in UNIT_FAMILIES[:3] for unit in family]
RELABEL_TARGETS = {HEADCOUNT: ["people", "troops", "workers", "sappers"], LENGTH: ["m", "km"]}


@dataclass
class Node:
    """One expression of the program: a template over its operands' text."""

    template: str  # Python text with {0}, {1}, ... for the operands
    args: tuple[int, ...]
    dims: Dims
    hard: Span  # every value the node can take (base units)
    soft: Span  # where practically all of its probability lies (tails cut at ~9 sd)
    is_leaf: bool = False
    atomic: bool = False  # a call or a name: needs no parentheses next to an operator
    unit: str | None = None  # its unit when known (relabels choose another one)
    bounded: bool = True  # (leaves) has hard limits


@dataclass
class GraphBuilder:
    """Nodes drawn so far; renders the program of the last one."""

    nodes: list[Node] = field(default_factory=list)
    in_domain: bool = True

    def add(self, node: Node) -> int:
        self.nodes.append(node)
        return len(self.nodes) - 1

    def program(self, root: int) -> Graph:
        """The program that builds node ``root`` as ``model``."""
        uses: Counter[int] = Counter()
        order: list[int] = []

        def visit(index: int) -> None:  # graphs are small: recursion is fine here
            uses[index] += 1
            if uses[index] > 1:
                return
            for arg in self.nodes[index].args:
                visit(arg)
            order.append(index)

        visit(root)
        lines: list[str] = []
        text: dict[int, Text] = {}
        names = 0
        for index in order:
            node = self.nodes[index]
            rendered = node.template.format(*(text[a] for a in node.args))
            if index == root:
                lines.append(f"model = {rendered}")
            elif node.is_leaf or uses[index] > 1:
                name = f"{'x' if node.is_leaf else 't'}{names}"
                names += 1
                lines.append(f"{name} = {rendered}")
                text[index] = Text(name, name)
            else:
                atomic = rendered if node.atomic else f"({rendered})"
                text[index] = Text(atomic, rendered)
        bounded = all(self.nodes[i].bounded for i in order if self.nodes[i].is_leaf)
        return Graph("\n".join(lines), bounded, self.in_domain)


class Text(str):
    """An operand's text: as itself usable next to an operator (in parentheses when
    needed); ``.raw`` without the parentheses, for a function's argument."""

    raw: str

    def __new__(cls, atomic: str, raw: str) -> Text:
        made = super().__new__(cls, atomic)
        made.raw = raw
        return made


def _number(x: float) -> str:
    return repr(int(x)) if float(x).is_integer() and abs(x) < 1e15 else repr(float(x))


# -- leaves -----------------------------------------------------------------------------

LOWS = [10.0, 0.1, 1.0, 2.0, 100.0, 0.0, -5.0, 1000.0, 0.5, -2.0, 3.0]
WIDTHS = [2.0, 0.1, 1.0, 5.0, 10.0, 0.5, 100.0, 3.0]
Z90 = 1.6448536269514722  # the 95th percentile of a standard normal


def _normal_soft(mean: float, sd: float) -> Span:
    return mean - 9 * sd, mean + 9 * sd


def _lognormal_soft(mu: float, sigma: float) -> Span:
    return math.exp(mu - 9 * sigma), math.exp(mu + 9 * sigma)


def _leaf_call(choose: Chooser, low: float, width: float, bounded_only: bool
               ) -> tuple[str, Span, Span, bool] | None:
    """A constructor call, its hard and soft spans, and whether it is hard-bounded;
    None when the drawn kind does not fit the drawn range."""
    high = low + width
    lo, hi = _number(low), _number(high)
    kinds = ["bounds", "uniform", "exactly", "triangular", "pert", "loguniform"]
    if not bounded_only:
        kinds += ["default", "normal", "lognormal", "between-uniform", "between-triangular",
                  "between-pert", "between-loguniform", "normal-params", "lognormal-params",
                  "at-least", "zero-width"]
    kind = choose.pick(kinds)
    mode = _number(round(low + width * choose.pick([0.5, 0.25, 0.9]), 9))
    if kind == "bounds":
        return f'rg.between({lo}, {hi}, shape="bounds"', (low, high), (low, high), True
    if kind == "uniform":
        return f"rg.uniform({lo}, {hi}", (low, high), (low, high), True
    if kind == "exactly":
        return f"rg.exactly({lo}", (low, low), (low, low), True
    if kind in ("triangular", "pert"):
        return f"rg.{kind}({lo}, {mode}, {hi}", (low, high), (low, high), True
    if kind == "zero-width":
        return f"rg.between({lo}, {lo}", (low, low), (low, low), True
    positive = low > 0
    if kind == "loguniform":
        return (f"rg.loguniform({lo}, {hi}", (low, high), (low, high), True) if positive else None
    if kind == "between-loguniform":
        if not positive:
            return None
        wide = (low * low / high, high * high / low)  # beyond the 90% interval's support
        return f'rg.between({lo}, {hi}, shape="loguniform"', wide, wide, False
    if kind.startswith("between-"):
        shape = kind.removeprefix("between-")
        wide = (low - width, high + width)  # the supports reach about 0.3 width beyond
        return f'rg.between({lo}, {hi}, shape="{shape}"', wide, wide, False
    if kind == "normal-params":
        sd = max(width / 4, 1e-3)
        return f"rg.normal({lo}, {_number(sd)}", FULL, _normal_soft(low, sd), False
    if kind == "lognormal-params":
        if not positive:
            return None
        sigma = choose.pick([0.1, 0.5, 1.0])
        soft = _lognormal_soft(math.log(low), sigma)
        return f"rg.lognormal(median={lo}, sigma={sigma}", POSITIVE, soft, False
    if kind == "at-least":
        if not positive:
            return None
        mu, sigma = math.log(low) + math.log(2) / 2, math.log(2) / (2 * Z90)
        return f"rg.at_least({lo}", POSITIVE, _lognormal_soft(mu, sigma), False
    use_lognormal = kind == "lognormal" or (kind == "default" and positive)
    if use_lognormal:
        if not positive:
            return None
        mu = (math.log(low) + math.log(high)) / 2
        sigma = (math.log(high) - math.log(low)) / (2 * Z90)
        shape = ', shape="lognormal"' if kind == "lognormal" else ""
        return f"rg.between({lo}, {hi}{shape}", POSITIVE, _lognormal_soft(mu, sigma), False
    shape = ', shape="normal"' if kind == "normal" else ""
    sd = width / (2 * Z90)
    return (f"rg.between({lo}, {hi}{shape}", FULL, _normal_soft(low + width / 2, sd), False)


def _draw_leaf(choose: Chooser, builder: GraphBuilder, bounded_only: bool,
               family: list[Unit]) -> int:
    for _ in range(20):
        low, width = choose.pick(LOWS), choose.pick(WIDTHS)
        made = _leaf_call(choose, low, width, bounded_only)
        if made is not None:
            break
    else:
        made = ('rg.between(1, 2, shape="bounds"', (1.0, 2.0), (1.0, 2.0), True)
    call, hard, soft, bounded = made
    unit, dims, factor = choose.pick(family if choose.integer(0, 3) < 3 else ALL_UNITS)
    call += f', unit="{unit}")' if unit else ")"
    scaled_hard = (hard[0] * factor, hard[1] * factor)
    scaled_soft = (soft[0] * factor, soft[1] * factor)
    return builder.add(Node(call, (), dims, scaled_hard, scaled_soft, is_leaf=True,
                            atomic=True, bounded=bounded, unit=unit))


# -- operations -------------------------------------------------------------------------

MAX_NESTING = 2
CONSTANTS = [2.0, 0.0, 0.5, 1.0, 3.0, -1.0, 10.0, 1.5, -2.5, 1000.0]
EXPONENTS = [2.0, 0.5, -1.0, 3.0, 1.5, -0.5]
WEIGHTS = [(1, 1), (0.3, 0.7), (0.9, 0.1)]

#: increasing functions: (name, numpy call, lowest allowed argument, strict, python func)
FUNCTIONS: list[tuple[str, float, bool, Callable[[float], float]]] = [
    ("exp", -math.inf, False, math.exp),
    ("log", 0.0, True, math.log),
    ("sqrt", 0.0, False, math.sqrt),
    ("log1p", -1.0, True, math.log1p),
    ("expm1", -math.inf, False, math.expm1),
    ("log10", 0.0, True, math.log10),
    ("log2", 0.0, True, math.log2),
    ("cbrt", -math.inf, False, lambda x: math.copysign(abs(x) ** (1 / 3), x)),
    ("tanh", -math.inf, False, math.tanh),
    ("arctan", -math.inf, False, math.atan),
]
DIMENSIONED_FUNCTIONS = {"sqrt": Fraction(1, 2), "cbrt": Fraction(1, 3)}


def _scale_dims(dims: Dims, power: Fraction) -> Dims:
    return dims[0] * power, dims[1] * power


def _too_large(span: Span) -> bool:
    return not all(math.isfinite(v) and abs(v) <= LIMIT for v in span)


def _in_range(span: Span, low: float, strict: bool) -> bool:
    return span[0] > low if strict else span[0] >= low


class _Operations:
    """Each operation: try to apply it to drawn operands; None when it does not fit
    (wrong units, outside its domain, too large)."""

    def __init__(self, choose: Chooser, builder: GraphBuilder, loose: bool,
                 max_nodes: int) -> None:
        self.choose, self.builder, self.loose = choose, builder, loose
        self.max_nodes = max_nodes
        self.depth = 0

    # operands
    def operand(self) -> int:
        """One time in three (nesting and size allowing) a new operation of its own;
        otherwise half the time the latest result, else an input not used yet or an
        earlier node (the latest first); sometimes relabelled through ``.to``."""
        nested = self.nested()
        if nested is not None:
            return self._maybe_relabelled(nested)
        nodes = self.builder.nodes
        if self.choose.integer(0, 1) == 0:
            index = len(nodes) - 1
        else:
            index = self._from(self._pool(range(len(nodes))))
        return self._maybe_relabelled(index)

    def nested(self) -> int | None:
        """A new operation as an operand (so that both sides of an operation can be
        expressions of the same inputs), or None."""
        if self.depth >= MAX_NESTING or len(self.builder.nodes) >= self.max_nodes \
                or self.choose.integer(0, 2) < 2:
            return None
        self.depth += 1
        try:
            return self.any_operation()
        finally:
            self.depth -= 1

    def any_operation(self) -> int | None:
        """A random operation that fits (a few tries), or None."""
        table = self.table()
        for _attempt in range(8):
            made = self.choose.pick(table)()
            if made is not None:
                return made
        return None

    def partner(self, a: int, *, other: bool = False) -> int:
        """A second operand with the same dimensions as ``a``: a new operation when
        :meth:`nested` makes one of those dimensions, else a node drawn as in
        :meth:`operand`, ``a`` itself (as in ``x - x``) last, unless ``other`` and there
        is another."""
        dims = self.builder.nodes[a].dims
        nested = self.nested()
        if nested is not None and self.builder.nodes[nested].dims == dims:
            return self._maybe_relabelled(nested)
        same = [i for i, node in enumerate(self.builder.nodes) if node.dims == dims and i != a]
        pool = self._pool(same)
        if not (other and pool):
            pool.append(a)
        return self._maybe_relabelled(self._from(pool))

    def _from(self, pool: list[int]) -> int:
        """The first of ``pool`` half the time, else any of it."""
        if self.choose.integer(0, 1) == 0:
            return pool[0]
        return pool[self.choose.integer(0, len(pool) - 1)]

    def _pool(self, indices: Iterable[int]) -> list[int]:
        """Inputs not used by any node yet first, then the others, latest first."""
        used = {arg for node in self.builder.nodes for arg in node.args}
        ordered = sorted(indices, reverse=True)
        fresh = [i for i in ordered if self.builder.nodes[i].is_leaf and i not in used]
        return fresh + [i for i in ordered if i not in fresh]

    def _maybe_relabelled(self, index: int) -> int:
        """``index``, or (one time in three, when it counts people or has a length) a
        node that relabels it with ``.to``: the same input reached two ways."""
        targets = self._targets(index)
        if not targets or self.choose.integer(0, 2) < 2:
            return index
        return self._relabel(index, self.choose.pick(targets))

    def _relabel(self, index: int, target: str) -> int:
        node = self.builder.nodes[index]
        return self.builder.add(Node(f'{{0}}.to("{target}")', (index,), node.dims, node.hard,
                                     node.soft, atomic=True, unit=target))

    def _targets(self, index: int) -> list[str]:
        """Units ``index`` can be relabelled to, other than its own."""
        node = self.builder.nodes[index]
        return [u for u in RELABEL_TARGETS.get(node.dims, []) if u != node.unit]

    def node(self, i: int) -> Node:
        return self.builder.nodes[i]

    def emit(self, template: str, args: tuple[int, ...], dims: Dims, hard: Span, soft: Span,
             *, domain_ok: bool = True) -> int | None:
        if _too_large(soft) or (not domain_ok and not self.loose):
            return None
        if not domain_ok:
            self.builder.in_domain = False
        atomic = template.endswith(")") and template.startswith(("rg.", "np.", "abs", "{0}.to"))
        units = {self.node(i).unit for i in args}
        unit = units.pop() if len(units) == 1 and self.node(args[0]).dims == dims else None
        if unit is None and dims == HEADCOUNT:
            unit = "people"  # headcount nouns add up as people (a guess for products)
        return self.builder.add(Node(template, args, dims, hard, soft, atomic=atomic,
                                     unit=unit))

    def both(self, func: Callable[[Span, Span], Span], a: Node, b: Node) -> tuple[Span, Span]:
        return func(a.hard, b.hard), func(a.soft, b.soft)

    # the operations
    def add_or_sub(self) -> int | None:
        a = self.operand()
        symbol = self.choose.pick(["+", "-"])
        func = (lambda x, y: x + y) if symbol == "+" else (lambda x, y: x - y)
        if self.node(a).dims == PLAIN and self.choose.integer(0, 2) == 0:
            c = self.choose.pick(CONSTANTS)
            point = (c, c)
            if self.choose.integer(0, 1):
                hard, soft = (_endpoints(func, self.node(a).hard, point),
                              _endpoints(func, self.node(a).soft, point))
                return self.emit(f"{{0}} {symbol} {_number(c)}", (a,), PLAIN, hard, soft)
            hard, soft = (_endpoints(func, point, self.node(a).hard),
                          _endpoints(func, point, self.node(a).soft))
            return self.emit(f"{_number(c)} {symbol} {{0}}", (a,), PLAIN, hard, soft)
        b = self.partner(a)
        hard, soft = self.both(lambda x, y: _endpoints(func, x, y), self.node(a), self.node(b))
        return self.emit(f"{{0}} {symbol} {{1}}", (a, b), self.node(a).dims, hard, soft)

    def multiply(self) -> int | None:
        a = self.operand()
        node = self.node(a)
        if self.choose.integer(0, 2) == 0:
            c = self.choose.pick(CONSTANTS)
            hard, soft = (c * node.hard[0], c * node.hard[1]), (c * node.soft[0], c * node.soft[1])
            hard, soft = _hull([*hard]), _hull([*soft])
            template = f"{_number(c)} * {{0}}" if self.choose.integer(0, 1) else \
                f"{{0}} * {_number(c)}"
            return self.emit(template, (a,), node.dims, hard, soft)
        b = self.operand()
        other = self.node(b)
        dims = (node.dims[0] + other.dims[0], node.dims[1] + other.dims[1])
        hard, soft = self.both(lambda x, y: _endpoints(lambda p, q: p * q, x, y), node, other)
        return self.emit("{0} * {1}", (a, b), dims, hard, soft)

    def divide(self) -> int | None:
        a, b = self.operand(), self.operand()
        top, bottom = self.node(a), self.node(b)
        kind = self.choose.integer(0, 2)
        if kind == 1:  # by a constant
            c = self.choose.pick([x for x in CONSTANTS if x != 0.0])
            hard = _hull([top.hard[0] / c, top.hard[1] / c])
            soft = _hull([top.soft[0] / c, top.soft[1] / c])
            return self.emit(f"{{0}} / {_number(c)}", (a,), top.dims, hard, soft)
        ok = not _contains_zero(bottom.hard)
        if kind == 2:  # a constant over a node
            c = self.choose.pick([x for x in CONSTANTS if x != 0.0])
            point = (c, c)
            dims = (-bottom.dims[0], -bottom.dims[1])
            hard = _endpoints(lambda p, q: p / q, point, bottom.hard) if ok else FULL
            soft = _endpoints(lambda p, q: p / q, point, bottom.soft) if ok else FULL
            return self.emit(f"{_number(c)} / {{0}}", (b,), dims, hard, soft, domain_ok=ok)
        dims = (top.dims[0] - bottom.dims[0], top.dims[1] - bottom.dims[1])
        if ok:
            hard, soft = self.both(lambda x, y: _endpoints(lambda p, q: p / q, x, y),
                                   top, bottom)
        else:
            hard = soft = FULL
        return self.emit("{0} / {1}", (a, b), dims, hard, soft, domain_ok=ok)

    def power(self) -> int | None:
        a = self.operand()
        node = self.node(a)
        kind = self.choose.integer(0, 2)
        if kind == 0:  # a constant exponent
            e = self.choose.pick(EXPONENTS)
            ok = (e == int(e) or node.hard[0] >= 0) and (e > 0 or not _contains_zero(node.hard))
            if e < 0 and e != int(e):
                ok = node.hard[0] > 0
            hard = _power(node.hard, e) if ok else FULL
            soft = _power(node.soft, e) if ok else FULL
            dims = _scale_dims(node.dims, Fraction(e))
            return self.emit(f"{{0}} ** {_number(e)}" if e > 0 else f"{{0}} ** ({_number(e)})",
                             (a,), dims, hard, soft, domain_ok=ok)
        if node.dims != PLAIN:
            return None
        if kind == 1:  # a constant positive base
            base = self.choose.pick([2.0, 10.0, 0.5])
            hard = _monotone(lambda x: math.pow(base, x), node.hard)
            soft = _monotone(lambda x: math.pow(base, x), node.soft)
            return self.emit(f"{_number(base)} ** {{0}}", (a,), PLAIN, hard, soft)
        b = self.partner(a)  # an uncertain exponent on a positive base
        exponent = self.node(b)
        ok = node.hard[0] > 0
        func = lambda x, y: _endpoints(math.pow, x, y)  # noqa: E731
        hard, soft = (func(node.hard, exponent.hard), func(node.soft, exponent.soft)) if ok \
            else (FULL, FULL)
        return self.emit("{0} ** {1}", (a, b), PLAIN, hard, soft, domain_ok=ok)

    def min_or_max(self) -> int | None:
        a = self.operand()
        name = self.choose.pick(["minimum", "maximum"])
        pick = min if name == "minimum" else max
        node = self.node(a)
        if node.dims == PLAIN and self.choose.integer(0, 2) == 0:
            c = self.choose.pick(CONSTANTS)
            hard = (pick(node.hard[0], c), pick(node.hard[1], c))
            soft = (pick(node.soft[0], c), pick(node.soft[1], c))
            template = f"rg.{name}({{0.raw}}, {_number(c)})" if self.choose.integer(0, 1) else \
                f"rg.{name}({_number(c)}, {{0.raw}})"
            return self.emit(template, (a,), PLAIN, hard, soft)
        b = self.partner(a)
        other = self.node(b)
        hard = (pick(node.hard[0], other.hard[0]), pick(node.hard[1], other.hard[1]))
        soft = (pick(node.soft[0], other.soft[0]), pick(node.soft[1], other.soft[1]))
        return self.emit(f"rg.{name}({{0.raw}}, {{1.raw}})", (a, b), node.dims, hard, soft)

    def negate_or_abs(self) -> int | None:
        a = self.operand()
        node = self.node(a)
        if self.choose.integer(0, 1) == 0:
            return self.emit("-{0}", (a,), node.dims, (-node.hard[1], -node.hard[0]),
                             (-node.soft[1], -node.soft[0]))

        def absolute(s: Span) -> Span:
            if _contains_zero(s):
                return 0.0, max(abs(s[0]), abs(s[1]))
            return _hull([abs(s[0]), abs(s[1])])

        return self.emit("abs({0.raw})", (a,), node.dims, absolute(node.hard), absolute(node.soft))

    def function(self) -> int | None:
        a = self.operand()
        node = self.node(a)
        name, low, strict, func = self.choose.pick(FUNCTIONS)
        if node.dims != PLAIN and name not in DIMENSIONED_FUNCTIONS:
            return None
        dims = _scale_dims(node.dims, DIMENSIONED_FUNCTIONS.get(name, Fraction(1)))
        ok = _in_range(node.hard, low, strict)
        if name in ("exp", "expm1") and node.soft[1] > 25:
            return None
        hard = _monotone(func, node.hard) if ok else FULL
        soft = _monotone(func, node.soft) if ok else FULL
        return self.emit(f"np.{name}({{0.raw}})", (a,), dims, hard, soft, domain_ok=ok)

    def periodic(self) -> int | None:
        a = self.operand()
        node = self.node(a)
        if node.dims != PLAIN:
            return None
        name = self.choose.pick(["sin", "cos", "tan", "square"])
        if name == "square":
            return self.emit("np.square({0.raw})", (a,), _scale_dims(node.dims, Fraction(2)),
                             _power(node.hard, 2), _power(node.soft, 2))
        if name == "tan":
            ok = node.hard[0] > -1.4 and node.hard[1] < 1.4
            span = _monotone(math.tan, node.hard) if ok else FULL
            return self.emit("np.tan({0.raw})", (a,), PLAIN, span, span, domain_ok=ok)
        return self.emit(f"np.{name}({{0.raw}})", (a,), PLAIN, (-1.0, 1.0), (-1.0, 1.0))

    def mixture(self) -> int | None:
        a = self.operand()
        b = self.partner(a, other=True)
        parts = [a, b]
        weights: tuple[float, ...] = self.choose.pick(WEIGHTS)
        if self.choose.integer(0, 3) == 0:
            c = self.partner(a)
            parts.append(c)
            weights = (1, 1, 1)
        nodes = [self.node(i) for i in parts]
        hard = _hull([v for n in nodes for v in n.hard])
        soft = _hull([v for n in nodes for v in n.soft])
        slots = ", ".join(f"{{{i}.raw}}" for i in range(len(parts)))
        listed = ", ".join(_number(w) for w in weights)
        return self.emit(f"rg.mixture([{slots}], [{listed}])", tuple(parts), nodes[0].dims,
                         hard, soft)

    def relabel(self) -> int | None:
        a = self.operand()
        targets = self._targets(a)
        return self._relabel(a, self.choose.pick(targets)) if targets else None

    def table(self) -> list[Callable[[], int | None]]:
        """The operations, simplest first (Hypothesis shrinks towards the first); sums,
        products and relabels more often than the rest."""
        return [self.add_or_sub, self.multiply, self.relabel, self.add_or_sub, self.multiply,
                self.divide, self.min_or_max, self.negate_or_abs, self.power, self.function,
                self.mixture, self.periodic]


def random_graph(
    choose: Chooser,
    *,
    bounded_only: bool = False,
    allow_domain_errors: bool = False,
    max_leaves: int = 4,
    max_operations: int = 7,
) -> Graph:
    """A random graph: 1 to ``max_leaves`` inputs, then 1 to ``max_operations``
    operations on inputs, earlier results and operations of their own (nested up to
    :data:`MAX_NESTING` deep), so that inputs and results are reused.

    >>> import random
    >>> graph = random_graph(SeededChooser(random.Random(3)))
    >>> isinstance(graph.build(), rg.Estimate)
    True
    """
    builder = GraphBuilder()
    family = choose.pick(UNIT_FAMILIES)
    for _ in range(choose.integer(1, max_leaves)):
        _draw_leaf(choose, builder, bounded_only, family)
    operations = _Operations(choose, builder, loose=allow_domain_errors,
                             max_nodes=len(builder.nodes) + 3 * max_operations)
    root = len(builder.nodes) - 1
    for _ in range(choose.integer(1, max_operations)):
        made = operations.any_operation()
        root = root if made is None else made
    return builder.program(root)


# -- results of the checks -------------------------------------------------------------

ENGINES = ("exact", "qmc", "mc", "auto")
PROBABILITIES = np.array([0.05, 0.25, 0.5, 0.75, 0.95])


@dataclass(frozen=True)
class Failure:
    """One broken invariant: its kind (for counting) and what was seen."""

    kind: str
    detail: str


@dataclass
class Outcome:
    """What one check saw on one graph."""

    failures: list[Failure] = field(default_factory=list)
    answered: list[str] = field(default_factory=list)  # engines that answered
    refusals: list[str] = field(default_factory=list)  # normalised refusal reasons

    def fail(self, kind: str, detail: str) -> None:
        self.failures.append(Failure(kind, detail))

    def merge(self, other: Outcome) -> None:
        self.failures += other.failures
        self.answered += other.answered
        self.refusals += other.refusals


def refusal_reason(error: BaseException) -> str:
    """A refusal's message without its numbers and expressions, for counting.

    >>> refusal_reason(rg.EngineError("the exact engine cannot evaluate [1–2] × x: its "
    ...                               "terms share an input; use engine='mc'"))
    "EngineError: its terms share an input; use engine='mc'"
    """
    message = str(error)
    if "cannot evaluate" in message and ": " in message:
        message = message.split(": ", 1)[1]
    message = re.sub(r"\[[^\]]*\]|\([^)]*\)", "…", message)
    message = re.sub(r"-?\d[\d,.]*(e[-+]?\d+)?%?", "#", message)
    return f"{type(error).__name__}: {message[:90]}"


def _attempt(outcome: Outcome, where: str, call: Callable[[], T]) -> T | None:
    """Run ``call``: a RangesError is a refusal, any other exception a failure."""
    try:
        return call()
    except rg.RangesError as error:
        outcome.refusals.append(f"{where}: {refusal_reason(error)}")
        return None
    except Exception as error:  # any other exception is what this check looks for
        outcome.fail(f"bare {type(error).__name__} from {where}",
                     f"{type(error).__name__}: {error}")
        return None


# -- invariant: every draw inside the range bounds --------------------------------------

def _outside(values: np.ndarray, bounds: rg.Interval) -> np.ndarray:
    scale = max(abs(bounds.low) if math.isfinite(bounds.low) else 0.0,
                abs(bounds.high) if math.isfinite(bounds.high) else 0.0)
    slack = 1e-9 * scale + 1e-12
    return np.asarray(np.isnan(values) | (values < bounds.low - slack)
                      | (values > bounds.high + slack))


def check_bounds(graph: Graph, n: int = 4_096, seed: int = 1) -> Outcome:
    """Every Monte Carlo and QMC draw of a hard-bounded graph lies inside its bounds."""
    outcome = Outcome()
    model = _attempt(outcome, "building", graph.build)
    if model is None:
        return outcome
    bounds = _attempt(outcome, "bounds()", model.bounds)
    if bounds is None:
        return outcome
    draws = {
        "mc": _attempt(outcome, "sample()", lambda: model.sample(n, rng=seed)),
        "qmc": _attempt(outcome, "evaluate(engine='qmc')",
                        lambda: model.evaluate(engine="qmc", n=n, rng=seed).samples),
    }
    for engine, values in draws.items():
        if values is None:
            continue
        bad = _outside(np.asarray(values, dtype=float), bounds)
        if bad.any():
            worst = values[bad]
            outcome.fail(f"{engine} draw outside bounds()",
                         f"{int(bad.sum())} of {values.size} {engine} draws outside "
                         f"{bounds}, e.g. {worst[:3].tolist()}")
    return outcome


# -- invariant: engines agree within their stated errors --------------------------------

#: standard errors allowed between two engines' answers
K = 6.0
#: how much worse than plain Monte Carlo a QMC estimate of a probability is assumed to be
#: at worst (as a ratio of variances; an indicator is not smooth, so QMC need not beat MC)
QMC_VARIANCE_RATIO = 4.0


def _probability_error(engine: str, p: np.ndarray, n: int) -> np.ndarray:
    """A standard error of the engine's CDF at its ``p`` quantile, by engine kind:
    binomial for sampling engines; the exact engine's probabilities are taken as exact
    (its own errors are in quantile units)."""
    if engine == "exact":
        return np.zeros_like(p)
    effective = n / QMC_VARIANCE_RATIO if engine in ("qmc", "auto") else n
    return np.asarray(np.sqrt(p * (1 - p) / effective), dtype=float)


def _slack(*values: np.ndarray) -> np.ndarray:
    scale = np.max(np.abs(np.vstack(values)), axis=0)
    return np.asarray(1e-9 * scale + 1e-12, dtype=float)


def _agree(a: Any, b: Any, name_a: str, name_b: str, n: int) -> np.ndarray:
    """Per probability: whether answers ``a`` and ``b`` agree (see check_agreement)."""
    p = PROBABILITIES
    qa, qb = np.asarray(a.quantile(p), dtype=float), np.asarray(b.quantile(p), dtype=float)
    ea = np.asarray(a.quantile_error(p), dtype=float)
    eb = np.asarray(b.quantile_error(p), dtype=float)
    spread = np.full(p.shape, float(abs(qa[-1] - qa[0])))
    slack = _slack(qa, qb, spread)
    by_quantile = np.abs(qa - qb) <= K * (ea + eb) + slack
    eta = K * (_probability_error(name_a, p, n) + _probability_error(name_b, p, n)) + 1e-9
    below, above = np.clip(p - eta, 0, 1), np.clip(p + eta, 0, 1)
    a_low, a_high = np.asarray(a.quantile(below)), np.asarray(a.quantile(above))
    b_low, b_high = np.asarray(b.quantile(below)), np.asarray(b.quantile(above))
    by_probability = ((b_low - slack <= qa) & (qa <= b_high + slack)
                      & (a_low - slack <= qb) & (qb <= a_high + slack))
    return np.asarray(by_quantile | by_probability)


# -- a reference sampler: the same program run on plain numpy arrays ----------------

def _base_factor(unit: Any) -> float:
    """How many base units (metres, people; pint's own conversion) one ``unit`` is."""
    return float(rg.units.registry().Quantity(1.0, unit).to_base_units().magnitude)


def _values(x: Any) -> Any:
    return x.values if isinstance(x, Draws) else x


class Draws:
    """Samples of one node in base units, standing in for an Estimate when a program
    runs on :class:`ReferenceApi`: arithmetic and numpy functions act on the arrays,
    ``.to()`` changes nothing (values are kept in base units)."""

    __array_priority__ = 1000

    def __init__(self, values: np.ndarray) -> None:
        self.values = values

    def to(self, unit: str) -> Draws:
        return self

    def __array_ufunc__(self, ufunc: Any, method: str, *inputs: Any, **kwargs: Any) -> Draws:
        with np.errstate(all="ignore"):
            return Draws(getattr(ufunc, method)(*(_values(x) for x in inputs), **kwargs))

    def _apply(self, ufunc: Any, *operands: Any) -> Draws:
        return self.__array_ufunc__(ufunc, "__call__", *operands)

    def __add__(self, o: Any) -> Draws: return self._apply(np.add, self, o)
    def __radd__(self, o: Any) -> Draws: return self._apply(np.add, o, self)
    def __sub__(self, o: Any) -> Draws: return self._apply(np.subtract, self, o)
    def __rsub__(self, o: Any) -> Draws: return self._apply(np.subtract, o, self)
    def __mul__(self, o: Any) -> Draws: return self._apply(np.multiply, self, o)
    def __rmul__(self, o: Any) -> Draws: return self._apply(np.multiply, o, self)
    def __truediv__(self, o: Any) -> Draws: return self._apply(np.divide, self, o)
    def __rtruediv__(self, o: Any) -> Draws: return self._apply(np.divide, o, self)
    def __pow__(self, o: Any) -> Draws: return self._apply(np.power, self, o)
    def __rpow__(self, o: Any) -> Draws: return self._apply(np.power, o, self)
    def __neg__(self) -> Draws: return self._apply(np.negative, self)
    def __abs__(self) -> Draws: return self._apply(np.absolute, self)


class ReferenceApi:
    """The part of ``ranges`` a generated program uses, evaluated sample by sample
    with numpy: each input is read by ranges (the reading of figures is not what is
    checked here) and drawn alone, ``n`` times; everything after that is numpy."""

    def __init__(self, n: int, seed: int) -> None:
        self.n = n
        self.generator = np.random.default_rng(seed)

    def _leaf(self, constructor: str, *args: Any, **kwargs: Any) -> Draws:
        leaf = getattr(rg, constructor)(*args, **kwargs)
        draws = leaf.sample(self.n, rng=self.generator)
        return Draws(np.asarray(draws, dtype=float) * _base_factor(leaf.unit))

    def __getattr__(self, constructor: str) -> Callable[..., Draws]:
        return lambda *args, **kwargs: self._leaf(constructor, *args, **kwargs)

    def minimum(self, a: Any, b: Any) -> Draws:
        return Draws(np.minimum(_values(a), _values(b)))

    def maximum(self, a: Any, b: Any) -> Draws:
        return Draws(np.maximum(_values(a), _values(b)))

    def mixture(self, parts: Sequence[Any], weights: Sequence[float]) -> Draws:
        p = np.asarray(weights, dtype=float) / float(np.sum(weights))
        choice = self.generator.choice(len(parts), size=self.n, p=p)
        columns = [np.broadcast_to(_values(part), (self.n,)) for part in parts]
        return Draws(np.choose(choice, columns))


class ReferenceAnswer:
    """Quantiles of the reference samples, with the order-statistic standard error
    (half the distance between the order statistics one binomial standard deviation
    either side of rank p·n), written here independently of the engines."""

    engine = "reference"

    def __init__(self, samples: np.ndarray) -> None:
        self.sorted = np.sort(samples)

    def quantile(self, q: Any) -> np.ndarray:
        return np.asarray(np.quantile(self.sorted, q), dtype=float)

    def quantile_error(self, q: Any) -> np.ndarray:
        p, n = np.asarray(q, dtype=float), self.sorted.size
        half = np.sqrt(n * p * (1 - p))
        low = np.clip(np.floor(p * (n - 1) - half), 0, n - 1).astype(int)
        high = np.clip(np.ceil(p * (n - 1) + half), 0, n - 1).astype(int)
        return np.asarray((self.sorted[high] - self.sorted[low]) / 2, dtype=float)


def reference_answer(graph: Graph, model: rg.Estimate, n: int, seed: int) -> ReferenceAnswer:
    """The graph's program run on :class:`ReferenceApi`, in the unit of ``model``."""
    namespace: dict[str, Any] = {"rg": ReferenceApi(n, seed), "np": np}
    exec(compile(graph.source, "<reference>", "exec"), namespace)
    values = np.broadcast_to(_values(namespace["model"]), (n,)).astype(float)
    return ReferenceAnswer(values / _base_factor(model.unit))


def evaluate_all(model: rg.Estimate, outcome: Outcome, n: int, seed: int) -> dict[str, Any]:
    """Every engine's evaluation of ``model`` (refusals and bare errors recorded)."""
    answers: dict[str, Any] = {}
    for engine in ENGINES:
        answer = _attempt(outcome, f"evaluate(engine={engine!r})",
                          lambda engine=engine: model.evaluate(engine=engine, n=n, rng=seed))
        if answer is None:
            continue
        quantiles = _attempt(outcome, f"{engine} quantile()",
                             lambda answer=answer: answer.quantile(PROBABILITIES))
        if quantiles is None:
            continue
        if not np.all(np.isfinite(quantiles)):
            outcome.fail(f"{engine} quantile not finite", f"{engine}: {quantiles.tolist()}")
            continue
        answers[engine] = answer
        outcome.answered.append(engine)
    return answers


def check_agreement(graph: Graph, n: int = 2**14, seed: int = 7) -> Outcome:
    """Every pair of engines that answers, and a plain numpy evaluation of the same
    program (:func:`reference_answer`; engines that share a fault agree with each
    other, not with it), agree at the 5th, 25th, 50th, 75th and 95th percentiles,
    within the errors they state.

    At each probability p two answers A and B agree when either

    * their quantiles differ by at most K·(e_A + e_B) plus a rounding slack
      (1e-9 of the largest value involved), e being each engine's ``quantile_error``
      (a standard error; 0 for an atom such as ``x - x`` or ``max(x, 3)`` where it
      sits); or
    * each quantile lies between the other engine's quantiles at p − η and p + η
      (the same slack), with η = K·(s_A + s_B): the two CDFs cross the level p within
      η of each other. s is the binomial standard error √(p(1−p)/n) of a CDF
      estimated from n Monte Carlo draws, √(p(1−p)·4/n) for QMC (a scrambled net is
      assumed at worst four times as variable as plain Monte Carlo on an indicator,
      which is not smooth), and 0 for the exact engine.

    The first test is the engines' own claim; the second holds even where a quantile
    is not a smooth function of p (an atom, a gap between mixture components), where
    a quantile's standard error means little. A genuine disagreement fails both. With
    K = 6 a sampling error alone fails both with probability below about 1e-8 per
    comparison for Monte Carlo (normal tails; for n = 2^14 and p ≥ 0.05 the binomial
    is close to normal; the reference is Monte Carlo too), so the false-alarm rate
    over the few thousand comparisons of a test run is negligible. Seeds are fixed,
    so each run repeats the last.
    """
    outcome = Outcome()
    model = _attempt(outcome, "building", graph.build)
    if model is None:
        return outcome
    answers = evaluate_all(model, outcome, n, seed)
    reference = _attempt(outcome, "reference", lambda: reference_answer(graph, model, n, seed))
    wrong: set[str] = set()
    if reference is not None:
        for engine in sorted(answers):
            if not _compare(outcome, answers, engine, reference, "the numpy reference", n):
                wrong.add(engine)
    trusted = sorted(set(answers) - wrong)  # pairs are compared when no reference says more
    for i, first in enumerate(trusted):
        for second in trusted[i + 1:]:
            _compare(outcome, answers, first, answers[second], second, n)
    return outcome


def _compare(outcome: Outcome, answers: dict[str, Any], name: str, other: Any,
             other_name: str, n: int) -> bool:
    """Whether ``answers[name]`` agrees with ``other``; a failure recorded if not."""
    first = answers[name]
    second_engine = "mc" if other_name == "the numpy reference" else other_name
    ok = _attempt(outcome, "comparing answers",
                  lambda: _agree(first, other, name, second_engine, n))
    if ok is None or ok.all():
        return ok is not None
    p = PROBABILITIES[~ok]
    outcome.fail(f"{name} disagrees with {other_name}",
                 f"at p={p.tolist()}: {name} {first.quantile(p)} ± "
                 f"{first.quantile_error(p)}, {other_name} {other.quantile(p)} ± "
                 f"{other.quantile_error(p)}")
    return False


# -- invariant: auto is the engine it says it used --------------------------------------

def check_auto(graph: Graph, n: int = 2**13, seed: int = 3) -> Outcome:
    """``evaluate(engine="auto")`` gives what the engine it names gives: bit for bit
    when it sampled the whole graph (``parts`` has one entry) with the same n and
    seed; within both stated errors when it used the exact engine, which must then
    answer too; hybrids (parts computed exactly, the rest sampled) are left to
    :func:`check_agreement`."""
    outcome = Outcome()
    model = _attempt(outcome, "building", graph.build)
    if model is None:
        return outcome
    auto = _attempt(outcome, "evaluate(engine='auto')",
                    lambda: model.evaluate(engine="auto", n=n, rng=seed))
    if auto is None:
        return outcome
    used = auto.engine
    parts = list(auto.parts)
    if used not in ("exact", "qmc", "mc"):
        outcome.fail("auto names an unknown engine", f"auto.engine = {used!r}")
        return outcome
    if not parts or parts[-1][1] != used:
        outcome.fail("auto's parts do not end with its engine", f"{used!r}, parts {parts}")
    fresh = _attempt(outcome, f"evaluate(engine={used!r})",
                     lambda: graph.build().evaluate(engine=used, n=n, rng=seed))
    if fresh is None:
        outcome.fail("auto used an engine that refuses the graph", f"auto said {used!r}")
        return outcome
    p = PROBABILITIES
    if used == "exact":
        ok = _agree(auto, fresh, "exact", "exact", n)
        if not ok.all():
            outcome.fail("auto differs from the exact engine",
                         f"auto {auto.quantile(p)}, exact {fresh.quantile(p)}")
    elif len(parts) == 1:
        same = np.array_equal(auto.samples, fresh.samples, equal_nan=True)
        if not same:
            outcome.fail(f"auto differs from {used} with the same seed",
                         f"auto {auto.quantile(p)}, {used} {fresh.quantile(p)}")
    return outcome


# -- invariant: the same seed gives the same bits --------------------------------------

def check_reproducible(graph: Graph, n: int = 3_000, seed: int = 11) -> Outcome:
    """The same seed gives the same draws twice, and whatever the chunk size (a memory
    budget small enough to force many chunks against the default one); QMC gives the
    same points twice. Each run builds the graph anew, so no cached answer is reused."""
    outcome = Outcome()
    first = _attempt(outcome, "sample()", lambda: graph.build().sample(n, rng=seed))
    if first is None:
        return outcome
    second = _attempt(outcome, "sample()", lambda: graph.build().sample(n, rng=seed))
    if second is not None and not np.array_equal(first, second, equal_nan=True):
        outcome.fail("same seed, different draws", "sample() twice with one seed")
    for budget in (8 * 1024, 8 * 12_345):
        with rg.defaults.using(memory_budget=budget):
            chunked = _attempt(outcome, "sample() in chunks",
                               lambda: graph.build().sample(n, rng=seed))
        if chunked is not None and not np.array_equal(first, chunked, equal_nan=True):
            where = np.flatnonzero(~np.isclose(first, chunked, equal_nan=True, rtol=0, atol=0))
            outcome.fail("chunked draws differ",
                         f"memory_budget={budget}: {where.size} of {n} draws differ, first at "
                         f"{where[:1].tolist()}")
    runs = [_attempt(outcome, "evaluate(engine='qmc')",
                     lambda: graph.build().evaluate(engine="qmc", n=n, rng=seed).samples)
            for _ in range(2)]
    if runs[0] is not None and runs[1] is not None and \
            not np.array_equal(runs[0], runs[1], equal_nan=True):
        outcome.fail("same seed, different qmc points", "evaluate(engine='qmc') twice")
    return outcome


# -- invariant: only RangesError leaves the API ----------------------------------------

def check_exceptions(graph: Graph, n: int = 2_000, seed: int = 5) -> Outcome:
    """Build, bound, sample, evaluate with every engine (every statistic), summarise
    and format: any exception other than a ``RangesError`` is a failure."""
    outcome = Outcome()
    model = _attempt(outcome, "building", graph.build)
    if model is None:
        return outcome
    _attempt(outcome, "bounds()", model.bounds)
    _attempt(outcome, "sample()", lambda: model.sample(n, rng=seed))
    for engine in ENGINES:
        answer = _attempt(outcome, f"evaluate(engine={engine!r})",
                          lambda engine=engine: model.evaluate(engine=engine, n=n, rng=seed))
        if answer is None:
            continue
        for statistic in ("quantile", "quantile_error", "cdf"):
            _attempt(outcome, f"{engine} {statistic}()",
                     lambda s=statistic, a=answer: getattr(a, s)(PROBABILITIES))
        for statistic in ("mean", "mean_error", "std"):
            _attempt(outcome, f"{engine} {statistic}()",
                     lambda s=statistic, a=answer: getattr(a, s)())
    summary = _attempt(outcome, "summary()", lambda: model.summary(n=n, rng=seed))
    if summary is not None:
        _attempt(outcome, "format.report()", lambda: rg_format.report(summary))
        _attempt(outcome, "format.one_line()", lambda: rg_format.one_line(summary))
    _attempt(outcome, "repr()", lambda: repr(model))
    return outcome


CHECKS: dict[str, Callable[[Graph], Outcome]] = {
    "bounds": check_bounds,
    "agreement": check_agreement,
    "auto": check_auto,
    "reproducible": check_reproducible,
    "exceptions": check_exceptions,
}
