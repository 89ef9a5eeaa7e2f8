"""Which inputs matter: :func:`sensitivity`.

Two questions, answered for each uncertain input (each leaf once, by identity, so an
input used twice, ``x - x``, or through unit conversions is one input):

* **the swing**: the result with this input at its ``(1 - level)/2`` and
  ``(1 + level)/2`` quantiles (the 5th and 95th percentiles at ``level=0.9``) and
  every other uncertain input at its median. The graph is evaluated with its inputs
  replaced by those constants, so the swing is a plain number, not a sample. A chance
  event (``rg.bernoulli``) is an input too: its percentiles are 0 or 1.
* **the share of the variance**: how much of the result's variance this input alone
  explains (its first-order index). For a sum or difference of independent inputs,
  scaled by constants, it is exact: the variances of independent terms add, so the
  share of ``a·X`` is ``a²·Var(X) / Var(result)``, and the shares add up to 1. For any
  other graph it is estimated from samples by the pick-freeze estimator of first-order
  Sobol indices (Saltelli et al. 2010): the graph is evaluated on two independent sets
  of draws A and B, and once more for each input with that input's draws taken from B;
  each row then carries the estimate's standard error. The shares of a graph that is
  not additive add up to less than 1; the rest is the part of the variance that comes
  from inputs acting together (:attr:`Sensitivity.interaction`).

A mixture (``rg.mixture``, a linear ``rg.pool`` of sources, the fallback of
``est.graded``) adds one input of its own: its **choice** of branch ("which source is
right", "whether the grade's fallback applies"), independent of every other input. Its
swing is the result with each branch chosen (the others at their medians): the lowest
and the highest are the row's ends, named by ``low_label`` and ``high_label``. While
other inputs move, a choice stays at its most likely branch (:attr:`Sensitivity.notes`
says which). Its share is ``Var(E[result | choice]) / Var(result)``: exact (the
variance of the branches' means, by the law of total variance) when the result is a
sum of independent terms, each branch a sum too; else by pick-freeze with the choice
drawn, and held, like any input. An input inside one branch of a pool acts only when
its branch is chosen: its first-order share is ``w²·Var`` of its part, not ``w·Var``,
and the rest (``w·(1 − w)·Var``) is counted in :attr:`Sensitivity.interaction`.

Inputs made to move together (``rg.correlate``, ``est.comonotonic()``) are refused: a
variance share assumes independent inputs.

>>> import ranges as rg
>>> total = rg.between(10_000, 12_000, unit="troops") + rg.between(3_000, 4_000, unit="troops")
>>> sens = sensitivity(total)
>>> [row.name for row in sens.rows]
['10,000–12,000 troops', '3,000–4,000 troops']
>>> [round(row.share_of_variance, 3) for row in sens.rows]
[0.8, 0.2]
>>> round(sens.rows[0].result_low), round(sens.rows[0].result_high)
(13464, 15464)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import numpy as np
from numpy.typing import NDArray

from ranges.core import _units as units
from ranges.core._graph import Estimate
from ranges.core._ops import Form, Op
from ranges.core._render import expression, format_chance, label
from ranges.distributions._families import check_level
from ranges.engines import EngineName, engine_name
from ranges.errors import EngineError, InputError

if TYPE_CHECKING:
    from ranges.engines._base import SeedLike

__all__ = ["METHOD_EXACT", "Sensitivity", "SensitivityRow", "SourceSpread", "VarianceSplit",
           "sensitivity", "variance_split"]

#: the method of exact shares, in words
METHOD_EXACT: Final = "exact: the variances of independent terms of a sum add"
#: added to :data:`METHOD_EXACT` when the sum holds a mixture
METHOD_EXACT_CHOICE: Final = ("; a mixture's choice explains the variance of its "
                              "branches' means (the law of total variance)")
#: the most draws the pick-freeze estimator takes by default (it evaluates the graph
#: on (inputs + 2) sets of draws)
DEFAULT_SOBOL_N: Final = 20_000


@dataclass(frozen=True)
class SensitivityRow:
    """One input: its low and high values (in ``input_unit``), the result with it at
    each (every other uncertain input at its median), and its share of the result's
    variance (``share_error`` is that share's standard error: 0 when exact).

    >>> import ranges as rg
    >>> row = rg.sensitivity(rg.between(1, 2, name="a") + rg.between(3, 5, name="b")).rows[0]
    >>> row.name, round(row.input_low, 6), round(row.input_high, 6), round(row.share_of_variance, 2)
    ('b', 3.0, 5.0, 0.8)
    """

    name: str
    input_unit: str
    input_low: float
    input_high: float
    result_low: float
    result_high: float
    share_of_variance: float
    share_error: float = 0.0
    #: for a mixture's choice: the branches at the low and high ends (``input_low`` and
    #: ``input_high`` are then their chances); None for an input read from a figure
    low_label: str | None = None
    high_label: str | None = None

    @property
    def swing(self) -> float:
        """How far the result moves between the input's low and high values.

        >>> SensitivityRow("a", "", 1.0, 2.0, 10.0, 7.0, 0.5).swing
        3.0
        """
        return abs(self.result_high - self.result_low)


@dataclass(frozen=True)
class Sensitivity:
    """What :func:`sensitivity` found: one row per uncertain input, the largest swing
    first; ``baseline`` is the result with every uncertain input at its median (in
    ``unit``); ``method`` says how the shares of the variance were found; ``n`` and
    ``seed`` are the draws behind them (0 and None when exact).

    >>> import ranges as rg
    >>> found = rg.sensitivity(rg.between(1, 2, name="a") + rg.between(3, 5, name="b"))
    >>> [row.name for row in found.rows], found.n
    (['b', 'a'], 0)
    """

    rows: tuple[SensitivityRow, ...]
    method: str
    baseline: float
    unit: str
    level: float
    n: int = 0
    seed: int | None = None
    #: what the swings held fixed that is not a median (a choice at its likeliest branch)
    notes: tuple[str, ...] = ()

    @property
    def share_sum(self) -> float:
        """The inputs' shares of the variance added up (1 for a sum of independent
        inputs, less when inputs act together)."""
        return float(sum(row.share_of_variance for row in self.rows))

    @property
    def interaction(self) -> float:
        """The part of the variance no input explains alone: ``1 - share_sum``."""
        return 1.0 - self.share_sum


def sensitivity(
    est: Estimate,
    *,
    level: float | None = None,
    engine: str | None = None,
    n: int | None = None,
    rng: SeedLike = None,
    groups: Mapping[str, Estimate] | None = None,
) -> Sensitivity:
    """Each uncertain input's swing and share of the variance of ``est`` (see the
    module docstring). ``groups`` names parts of the graph to be treated as one input
    each (a graded source with its grading factors, a chance event with its figure):
    name -> the node; a group's low and high values are its own quantiles, its share
    is the first-order index of all its parts together, and no part of a group may be
    used outside it. ``level`` (default ``ranges.defaults.level``) sets the inputs'
    low and high quantiles. ``engine`` picks how the shares are found: "exact" (a sum
    of independent, scaled inputs; refused for any other graph), "mc" (pick-freeze on
    random draws), "qmc" (pick-freeze on scrambled Sobol points, ``n`` rounded up to a
    power of 2), "auto" or None
    (exact where it applies, else "mc"). ``n`` draws (default
    :data:`DEFAULT_SOBOL_N`) and ``rng`` are used by the sampling methods only.

    >>> import ranges as rg
    >>> a, b = rg.normal(0, 3, name="a"), rg.normal(0, 4, name="b")
    >>> sens = sensitivity(a + b)
    >>> [(row.name, round(row.share_of_variance, 2)) for row in sens.rows]
    [('b', 0.64), ('a', 0.36)]
    >>> print(sens.method)
    exact: the variances of independent terms of a sum add
    """
    from ranges._config import defaults

    if not isinstance(est, Estimate):
        raise InputError(f"sensitivity() needs a ranges Estimate, got {type(est).__name__}")
    level = check_level(defaults.level if level is None else level)
    _refuse_dependence(est)
    inputs = [node for node in est.walk() if node.is_random]
    if not inputs:
        raise InputError("the estimate has no uncertain input: nothing to be sensitive to")
    parts = _groups(est, groups or {})
    inside = {id(member) for _, _, members in parts for member in members}
    leaves = [node for node in inputs if node.is_leaf]
    choices = [node for node in inputs if node.op is Op.MIXTURE]
    medians = {id(leaf): _quantile(leaf, 0.5) for leaf in leaves}
    likeliest = {id(node): _likeliest(node) for node in choices}
    ends = {id(node): _group_quantiles(node, level, rng) for _, node, _ in parts}
    medians.update({key: middle for key, (_, middle, _) in ends.items()})
    baseline = _value_with(est, medians, likeliest)
    pending = [_leaf_row(est, leaf, level, medians, likeliest) for leaf in leaves
               if id(leaf) not in inside]
    pending += [_choice_row(est, node, medians, likeliest) for node in choices
                if id(node) not in inside]
    pending += [_group_row(est, name, node, ends[id(node)], medians, likeliest)
                for name, node, _ in parts]
    columns = leaves + choices
    index = {id(node): j for j, node in enumerate(columns)}
    blocks = [[index[id(node)]] for node in columns if id(node) not in inside]
    blocks += [[index[id(member)] for member in members] for _, _, members in parts]
    keys = [id(node) for node in columns if id(node) not in inside]
    keys += [id(node) for _, node, _ in parts]
    order = {key: i for i, key in enumerate(keys)}
    method = _share_method(est, engine)
    if method is EngineName.EXACT and any(len(block) > 1 for block in blocks):
        model = _linear_model(est)
        if model is None or model.between:  # a group's share is not a sum of its parts'
            method = _grouped_fallback(engine)
    shares = _SHARES[method](est, columns, n, rng, blocks)
    rows = [replace(row, share_of_variance=shares.values[order[key]],
                    share_error=shares.errors[order[key]]) for key, row in pending]
    rows.sort(key=lambda row: (-row.swing, -_or_zero(row.share_of_variance)))
    notes = tuple(
        f"while the other inputs move, {_choice_name(node)!r} stays at its most likely "
        f"branch, {_branch_name(node, likeliest[id(node)])} "
        f"({format_chance(node.param[likeliest[id(node)]])})" for node in choices
        if id(node) not in inside)
    notes += tuple(f"{name!r} is one input: its {len(members)} uncertain parts move "
                   "together as one figure" for name, _, members in parts
                   if len(members) > 1)
    return Sensitivity(rows=tuple(rows), method=shares.method, baseline=baseline,
                       unit=units.label(est.unit), level=level, n=shares.n,
                       seed=shares.seed, notes=notes)


def _leaf_row(est: Estimate, leaf: Estimate, level: float, medians: dict[int, float],
              likeliest: dict[int, int]) -> tuple[int, SensitivityRow]:
    """An input's row (its share still to come): the result at its low and high
    quantiles, the other inputs at their medians."""
    low, high = _quantile(leaf, 0.5 - level / 2), _quantile(leaf, 0.5 + level / 2)
    at_low = _value_with(est, {**medians, id(leaf): low}, likeliest)
    at_high = _value_with(est, {**medians, id(leaf): high}, likeliest)
    return id(leaf), SensitivityRow(
        name=label(leaf), input_unit=units.label(leaf.unit), input_low=low,
        input_high=high, result_low=at_low, result_high=at_high,
        share_of_variance=math.nan)


def _choice_row(est: Estimate, node: Estimate, medians: dict[int, float],
                likeliest: dict[int, int]) -> tuple[int, SensitivityRow]:
    """A mixture's choice as a row: the result with each branch that can be chosen (the
    other inputs at their medians); its ends are the lowest and the highest of them."""
    results = [(_value_with(est, medians, {**likeliest, id(node): k}), k)
               for k, weight in enumerate(node.param) if weight > 0]
    (at_low, low), (at_high, high) = min(results), max(results)
    return id(node), SensitivityRow(
        name=_choice_name(node), input_unit="", input_low=node.param[low],
        input_high=node.param[high], result_low=at_low, result_high=at_high,
        share_of_variance=math.nan, low_label=_branch_name(node, low),
        high_label=_branch_name(node, high))


def _groups(est: Estimate, groups: Mapping[str, Estimate]
            ) -> list[tuple[str, Estimate, list[Estimate]]]:
    """Each named group with its node and its uncertain parts (inputs and choices),
    checked: the node is in ``est``, and no part of it is also used outside it (its
    value would then not be the group's alone)."""
    if not groups:
        return []
    present = {id(node) for node in est.walk()}
    found: list[tuple[str, Estimate, list[Estimate]]] = []
    for name, node in groups.items():
        if not isinstance(node, Estimate) or id(node) not in present:
            raise InputError(f"the group {name!r} is not a part of the estimate: give "
                             "the node itself (an input or a part built from inputs)")
        members = [part for part in node.walk() if part.is_random]
        if not members:
            continue  # an exact figure: nothing to be sensitive to
        found.append((name, node, members))
    opaque = {id(node) for _, node, _ in found}
    outside = {id(part) for part in _walk_outside(est, opaque) if part.is_random}
    claimed: dict[int, str] = {}
    for name, _, members in found:
        for part in members:
            if id(part) in outside or claimed.get(id(part), name) != name:
                raise InputError(
                    f"{label(part)!r} is part of the group {name!r} and is also used "
                    f"outside it ({claimed.get(id(part), 'elsewhere in the estimate')}): "
                    "a group must hold its inputs alone")
            claimed[id(part)] = name
    return found


def _walk_outside(est: Estimate, opaque: set[int]) -> list[Estimate]:
    """The nodes of ``est`` reached without entering the nodes in ``opaque``."""
    seen: set[int] = set()
    out: list[Estimate] = []
    stack = [est]
    while stack:
        node = stack.pop()
        if id(node) in seen or id(node) in opaque:
            continue
        seen.add(id(node))
        out.append(node)
        stack.extend(node.args)
    return out


def _group_quantiles(node: Estimate, level: float, rng: SeedLike
                     ) -> tuple[float, float, float]:
    """A group's low, middle and high values: its own quantiles (exact where the
    engines can, else sampled with ``rng``)."""
    low, middle, high = node.quantile([0.5 - level / 2, 0.5, 0.5 + level / 2], rng=rng)
    return float(low), float(middle), float(high)


def _group_row(est: Estimate, name: str, node: Estimate, ends: tuple[float, float, float],
               medians: dict[int, float], likeliest: dict[int, int]
               ) -> tuple[int, SensitivityRow]:
    """A group's row: the result with the group at its own low and high quantiles, the
    other inputs (and groups) at their medians."""
    low, _, high = ends
    at_low = _value_with(est, {**medians, id(node): low}, likeliest)
    at_high = _value_with(est, {**medians, id(node): high}, likeliest)
    return id(node), SensitivityRow(
        name=name, input_unit=units.label(node.unit), input_low=low, input_high=high,
        result_low=at_low, result_high=at_high, share_of_variance=math.nan)


def _grouped_fallback(engine: str | None) -> EngineName:
    """Groups of several parts have no exact share outside a plain sum: sample them,
    unless the exact engine was asked for by name."""
    if engine_name(engine) is EngineName.EXACT:
        raise EngineError("exact variance shares of a group of inputs need a plain sum of "
                          "independent inputs; use engine='mc' (or 'auto')")
    return EngineName.MC


def _likeliest(node: Estimate) -> int:
    """The branch of a mixture with the largest weight (the first of equal ones)."""
    return max(range(len(node.param)), key=lambda k: (node.param[k], -k))


def _choice_name(node: Estimate) -> str:
    """A mixture's choice in words: its name or label; "which source (pool of 3)" for a
    pool of sources; "whether X applies" for a mixture of an input X with a constant
    (the fallback of a graded source); else "which branch of" its expression."""
    from ranges.sources import PooledEstimate

    if node.name or node.label:
        return str(node.name or node.label)
    if isinstance(node, PooledEstimate):
        return f"which source (pool of {len(node.sources)})"
    varying = _varying_branch(node)
    if varying is not None:
        return f"whether {label(node.args[varying])} applies"
    return f"which branch of {expression(node, 60)}"


def _varying_branch(node: Estimate) -> int | None:
    """The one branch that is not a constant, when the mixture has two branches."""
    varying = [k for k, child in enumerate(node.args) if not child.is_constant]
    return varying[0] if len(node.args) == 2 and len(varying) == 1 else None


def _branch_name(node: Estimate, k: int) -> str:
    """One branch of a mixture in words: the source's name in a pool; "with X" or
    "without X" for a mixture of an input X with a constant; else its label."""
    from ranges.sources import PooledEstimate

    if isinstance(node, PooledEstimate):
        return node.sources[k].name
    varying = _varying_branch(node)
    if varying is not None:
        return f"{'with' if k == varying else 'without'} {label(node.args[varying])}"
    return label(node.args[k])


def _or_zero(x: float) -> float:
    return 0.0 if math.isnan(x) else x


@dataclass(frozen=True)
class _Shares:
    """The inputs' shares of the variance, in the order of the inputs."""

    values: list[float]
    errors: list[float]
    method: str
    n: int = 0
    seed: int | None = None


def _refuse_dependence(est: Estimate) -> None:
    for node in est.walk():
        if node.form is Form.JOINT:
            raise EngineError(
                "sensitivity() assumes independent inputs, and this estimate has inputs "
                "made to move together (rg.correlate or comonotonic()): a share of the "
                "variance would not be the input's own; compare the scenarios instead "
                "(rg.plot.scenarios) or compute the sensitivity of the independent model")


def _quantile(leaf: Estimate, q: float) -> float:
    assert leaf.leaf is not None
    return float(np.asarray(leaf.leaf.distribution.ppf(q), dtype=float))


def _value_with(est: Estimate, values: dict[int, float], branches: dict[int, int]
                ) -> float:
    """The result with each input (by ``id``) replaced by the constant value given for
    it and each mixture by the branch given for it."""
    from ranges.engines._montecarlo import run_graph

    built: dict[int, Estimate] = {}
    for node in est.walk():
        key = id(node)
        if key in values:
            built[key] = Estimate.constant(values[key], node.unit)
        elif key in branches:
            built[key] = built[id(node.args[branches[key]])]
        elif not node.args:
            built[key] = node
        else:
            args = tuple(built[id(child)] for child in node.args)
            built[key] = node if all(new is old for new, old in zip(
                args, node.args, strict=True)) else Estimate(
                node.op, args, node.unit, name=node.name, label=node.label,
                param=node.param, value=node.value)
    fixed = built[id(est)]
    computed, _ = run_graph(fixed, 1, 0)
    return float(np.asarray(computed[id(fixed)], dtype=float).reshape(-1)[0])


# -- exact shares: a sum of independent, scaled inputs ----------------------------------------
def linear_coefficients(est: Estimate) -> dict[int, float] | None:
    """The coefficient of each input (by ``id``) when ``est`` is a constant plus a sum
    of inputs times constants (through + −, unary −, unit conversions and products or
    quotients with a constant), or None when it is not.

    >>> import ranges as rg
    >>> a, b = rg.between(1, 2), rg.between(3, 4)
    >>> sorted(linear_coefficients(2 * a - b / 4 + a).values())
    [-0.25, 3.0]
    >>> linear_coefficients(a * b) is None
    True
    """
    atoms = _linear_atoms(est)
    if atoms is None or any(node.op is Op.MIXTURE for node, _ in atoms[1]):
        return None
    return {id(node): factor for node, factor in atoms[1] if node.is_random}


def _is_fixed(node: Estimate) -> bool:
    return node.is_constant or (node.is_leaf and not node.is_random)


def _fixed_value(node: Estimate) -> float:
    if node.is_constant:
        return node.value
    assert node.leaf is not None
    return node.leaf.distribution.mean()


@dataclass(frozen=True)
class _Linear:
    """A sum of independent terms, each a scaled input or a mixture whose branches are
    such sums too: its mean and variance, the effective coefficient of each input and
    each mixture (by ``id``: E[result | input] moves by that much per unit of the input,
    or of the mixture's branch mean), and the variance of each mixture's branch means."""

    mean: float
    variance: float
    effects: dict[int, float]
    between: dict[int, float]


def _linear_model(est: Estimate) -> _Linear | None:
    """``est`` as a :class:`_Linear`, or None when it is not one (a product of inputs,
    a function, terms sharing an input, an input without a finite variance).

    >>> import ranges as rg
    >>> a, b = rg.normal(1, 1, name="a"), rg.normal(5, 2, name="b")
    >>> model = _linear_model(rg.mixture([a, b]) + 3)
    >>> model.mean, model.variance  # 0.5·1 + 0.5·4 + 0.25·(5 − 1)²
    (6.0, 6.5)
    """
    atoms = _linear_atoms(est)
    if atoms is None:
        return None
    shift, found = atoms
    mean, variance = shift, 0.0
    effects: dict[int, float] = {}
    between: dict[int, float] = {}
    seen: set[int] = set()
    for node, factor in found:
        inside = {id(inner) for inner in node.walk() if inner.is_random}
        if inside & seen:  # two terms share an input: their variances do not add
            return None
        seen |= inside
        if node.is_leaf:
            assert node.leaf is not None
            dist = node.leaf.distribution
            part = _Linear(dist.mean(), dist.std() ** 2, {id(node): 1.0}, {})
        else:
            mixed = _mixture_model(node)
            if mixed is None:
                return None
            part = mixed
        mean += factor * part.mean
        variance += factor**2 * part.variance
        for key, effect in part.effects.items():
            effects[key] = effects.get(key, 0.0) + factor * effect
        between.update(part.between)
    return _Linear(mean, variance, effects, between)


def _mixture_model(node: Estimate) -> _Linear | None:
    """A mixture whose branches are :class:`_Linear`: its mean and variance by the law
    of total variance, its branches' effects weighted by their chances."""
    branches = []
    for weight, child in zip(node.param, node.args, strict=True):
        if weight > 0:
            model = _linear_model(child)
            if model is None:
                return None
            branches.append((weight, model))
    mean = sum(w * model.mean for w, model in branches)
    spread = sum(w * (model.mean - mean) ** 2 for w, model in branches)
    effects: dict[int, float] = {id(node): 1.0}
    between: dict[int, float] = {id(node): spread}
    for w, model in branches:
        for key, effect in model.effects.items():
            effects[key] = effects.get(key, 0.0) + w * effect
        between.update(model.between)
    variance = sum(w * model.variance for w, model in branches) + spread
    return _Linear(mean, variance, effects, between)


def _linear_atoms(est: Estimate) -> tuple[float, list[tuple[Estimate, float]]] | None:
    """``est`` as a constant plus inputs and mixtures times constants (through + −,
    unary −, unit conversions and products or quotients with a constant), or None."""
    shift = 0.0
    found: dict[int, tuple[Estimate, float]] = {}
    stack: list[tuple[float, Estimate]] = [(1.0, est)]
    while stack:
        factor, node = stack.pop()
        if _is_fixed(node):
            shift += factor * _fixed_value(node)
        elif node.is_leaf or node.op is Op.MIXTURE:
            previous = found.get(id(node), (node, 0.0))[1]
            found[id(node)] = (node, previous + factor)
        elif node.op is Op.ADD or node.op is Op.SUB:
            stack.append((factor, node.args[0]))
            stack.append((factor if node.op is Op.ADD else -factor, node.args[1]))
        elif node.op is Op.NEG:
            stack.append((-factor, node.args[0]))
        elif node.op is Op.CONVERT:
            shift += factor * node.param[1]
            stack.append((factor * node.param[0], node.args[0]))
        elif node.op is Op.MUL and _is_fixed(node.args[0]):
            stack.append((factor * _fixed_value(node.args[0]), node.args[1]))
        elif node.op is Op.MUL and _is_fixed(node.args[1]):
            stack.append((factor * _fixed_value(node.args[1]), node.args[0]))
        elif node.op is Op.DIV and _is_fixed(node.args[1]):
            stack.append((factor / _fixed_value(node.args[1]), node.args[0]))
        else:
            return None
    return shift, list(found.values())


def _exact_shares(est: Estimate, inputs: list[Estimate], n: int | None,
                  rng: SeedLike, blocks: list[list[int]] | None = None) -> _Shares:
    found = _exact_input_shares(est, inputs, n, rng)
    if blocks is None:
        return found
    # a plain sum (no mixture): a group's share is the sum of its parts'
    return _Shares([math.fsum(found.values[j] for j in block) for block in blocks],
                   [0.0] * len(blocks), found.method)


def _exact_input_shares(est: Estimate, inputs: list[Estimate], n: int | None,
                        rng: SeedLike) -> _Shares:
    model = _linear_model(est)
    if model is None:
        raise EngineError(
            "exact variance shares need a sum or difference of independent inputs "
            "(each times a constant, or a mixture of such sums); this estimate is not "
            "one: use engine='mc' (or 'auto') for the sampled first-order (Sobol) shares")
    for leaf in inputs:
        if leaf.is_leaf and not math.isfinite(_leaf_std(leaf)):
            raise EngineError(
                f"the input {label(leaf)!r} has no finite variance, so no input has a "
                "share of the result's variance; read the swings instead")
    method = METHOD_EXACT
    if model.between:
        method += METHOD_EXACT_CHOICE
    parts = []
    for node in inputs:
        effect = model.effects.get(id(node), 0.0)
        own = _leaf_std(node) ** 2 if node.is_leaf else model.between[id(node)]
        parts.append(effect**2 * own)
    if model.variance <= 0:
        return _Shares([math.nan] * len(inputs), [0.0] * len(inputs),
                       method + " (the result does not vary: no shares)")
    return _Shares([part / model.variance for part in parts], [0.0] * len(inputs), method)


def _leaf_std(leaf: Estimate) -> float:
    assert leaf.leaf is not None
    return float(leaf.leaf.distribution.std())


# -- sampled shares: first-order Sobol indices by pick-freeze --------------------------------
def _sobol_shares(est: Estimate, inputs: list[Estimate], n: int | None, rng: SeedLike,
                  *, quasi: bool, blocks: list[list[int]] | None = None) -> _Shares:
    """First-order indices by the estimator of Saltelli et al. (2010), with f(B)
    centred by the mean of all draws (the same expectation, a smaller error):
    V_i = mean((f(B) − mean f) · (f(A_B^i) − f(A))), S_i = V_i / Var(f), clipped to
    [0, 1], with the standard error of that mean over Var(f)."""
    from ranges.engines._base import check_sample_count
    from ranges.engines._montecarlo import run_graph
    from ranges.engines._seeding import root_seed

    count = check_sample_count(DEFAULT_SOBOL_N if n is None else n, len(inputs) + 2)
    if count < 2:
        raise InputError("the sampled variance shares need at least 2 draws")
    if quasi:  # Sobol points keep their balance in powers of 2
        count = 2 ** math.ceil(math.log2(count))
    sequence, seed = root_seed(rng)
    k = len(inputs)
    first, second = _uniform_pair(sequence, count, k, quasi)

    def at(points: NDArray[np.float64]) -> NDArray[np.float64]:
        uniforms = {id(leaf): np.ascontiguousarray(points[:, j])
                    for j, leaf in enumerate(inputs)}
        values, _ = run_graph(est, count, 0, uniforms=uniforms)
        return np.broadcast_to(np.asarray(values[id(est)], dtype=float), (count,)).copy()

    f_a, f_b = at(first), at(second)
    if not (np.all(np.isfinite(f_a)) and np.all(np.isfinite(f_b))):
        raise EngineError("the result is not finite in some draws, so its variance and "
                          "the inputs' shares of it do not exist; read the swings instead")
    both = np.concatenate([f_a, f_b])
    variance, centred = float(np.var(both)), f_b - float(both.mean())
    values: list[float] = []
    errors: list[float] = []
    for block in blocks or [[j] for j in range(k)]:  # a group's columns move together
        mixed = first.copy()
        mixed[:, block] = second[:, block]
        terms = centred * (at(mixed) - f_a)
        if variance > 0:
            values.append(min(max(float(terms.mean()) / variance, 0.0), 1.0))
            errors.append(float(terms.std(ddof=1)) / math.sqrt(count) / variance)
        else:
            values.append(math.nan)
            errors.append(0.0)
    points = "scrambled Sobol points" if quasi else "random draws"
    method = (f"first-order Sobol indices by pick-freeze (Saltelli et al. 2010), "
              f"{count:,} {points} per set, {k + 2} sets; each share has its standard "
              f"error and is clipped to [0, 1]; the shares add up to less than 1 when "
              f"inputs act together")
    if variance <= 0:
        method += " (the result does not vary: no shares)"
    return _Shares(values, errors, method, n=count, seed=seed)


def _uniform_pair(sequence: np.random.SeedSequence, count: int, k: int, quasi: bool
                  ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Two independent (count × k) sets of points strictly inside (0, 1)."""
    generator = np.random.Generator(np.random.PCG64(sequence))
    if quasi:
        from scipy.stats import qmc

        sampler = qmc.Sobol(d=2 * k, scramble=True, seed=generator)
        points = sampler.random_base2(round(math.log2(count)))
    else:
        points = generator.random((count, 2 * k))
    tiny = np.finfo(float).eps
    points = np.clip(points, tiny, 1.0 - tiny)
    return points[:, :k], points[:, k:]


def _mc_shares(est: Estimate, inputs: list[Estimate], n: int | None, rng: SeedLike,
               blocks: list[list[int]] | None = None) -> _Shares:
    return _sobol_shares(est, inputs, n, rng, quasi=False, blocks=blocks)


def _qmc_shares(est: Estimate, inputs: list[Estimate], n: int | None, rng: SeedLike,
                blocks: list[list[int]] | None = None) -> _Shares:
    return _sobol_shares(est, inputs, n, rng, quasi=True, blocks=blocks)


_ShareMethod = Callable[[Estimate, list[Estimate], int | None, "SeedLike",
                         "list[list[int]] | None"], _Shares]

#: how each engine finds the shares of the variance
_SHARES: Final[Mapping[EngineName, _ShareMethod]] = MappingProxyType({
    EngineName.EXACT: _exact_shares,
    EngineName.MC: _mc_shares,
    EngineName.QMC: _qmc_shares,
})


def _share_method(est: Estimate, engine: str | None) -> EngineName:
    """The engine that finds the shares: "auto" (and None, unless
    ``ranges.defaults.engine`` names another) is exact where it applies, else mc."""
    name = engine_name(engine)
    if name is EngineName.AUTO:
        return EngineName.EXACT if _linear_model(est) is not None else EngineName.MC
    return name


# -- a pool's spread: disagreement between sources against each source's own ------------------
@dataclass(frozen=True)
class SourceSpread:
    """One source of a linear pool: its ``weight``, ``mean`` and ``std``, and ``share``,
    the part of the pool's variance that is this source's own uncertainty,
    ``weight · std² / Var(pool)``.

    >>> import ranges as rg
    >>> split = rg.variance_split(rg.pool([rg.between(1, 2), rg.between(5, 6)], names=["x", "y"]))
    >>> [(source.name, source.weight, round(source.share, 3)) for source in split.sources]
    [('x', 0.5, 0.011), ('y', 0.5, 0.011)]
    """

    name: str
    weight: float
    mean: float
    std: float
    share: float


@dataclass(frozen=True)
class VarianceSplit:
    """A linear pool's variance split by the law of total variance:
    ``between`` is the share that comes from the sources disagreeing (the variance of
    their means, weighted), and each of ``sources`` holds its own share; the shares add
    up to 1. ``unit`` is the pool's; ``method`` says how the sources' moments were
    computed.

    >>> import ranges as rg
    >>> split = rg.variance_split(rg.pool([rg.between(1, 2), rg.between(5, 6)], names=["x", "y"]))
    >>> round(split.between, 3), round(split.between + sum(s.share for s in split.sources), 6)
    (0.978, 1.0)
    """

    between: float
    sources: tuple[SourceSpread, ...]
    mean: float
    std: float
    unit: str
    method: str


def variance_split(est: Estimate, *, n: int | None = None, rng: SeedLike = None
                   ) -> VarianceSplit:
    """How much of a linear pool's spread comes from its sources disagreeing and how
    much from each source's own uncertainty (exact, by the law of total variance: a
    pool's choice of source is independent of every input; the sources' means and
    variances come from the engines, exact where they can).

    >>> import ranges as rg
    >>> both = rg.pool([rg.normal(10, 1, name="UN"), rg.normal(14, 1, name="NGO")])
    >>> split = variance_split(both)
    >>> round(split.between, 3), [round(s.share, 3) for s in split.sources]
    (0.8, [0.1, 0.1])
    """
    from ranges.sources import PooledEstimate, PoolMethod

    if not isinstance(est, PooledEstimate) or est.method is not PoolMethod.LINEAR:
        raise InputError("variance_split() splits a linear pool of sources (rg.pool with "
                         "method='linear'); this estimate is not one")
    moments = []
    engines = set()
    for source in est.sources:
        evaluation = source.estimate.evaluate(n=n, rng=rng)
        engines.add(evaluation.engine)
        moments.append((source, float(evaluation.mean()), float(evaluation.std())))
    if not all(math.isfinite(mean) and math.isfinite(std) for _, mean, std in moments):
        raise EngineError("a source has no finite mean or variance, so the pool's "
                          "variance cannot be split; compare the sources' intervals instead")
    mean = math.fsum(source.weight * m for source, m, _ in moments)
    within = [source.weight * sd**2 for source, _, sd in moments]
    between = math.fsum(source.weight * (m - mean) ** 2 for source, m, _ in moments)
    total = between + math.fsum(within)
    if total <= 0:
        raise EngineError("the pool does not vary: there is no spread to split")
    rows = tuple(SourceSpread(source.name, source.weight, m, sd, part / total)
                 for (source, m, sd), part in zip(moments, within, strict=True))
    method = ("law of total variance: the sources' means and variances from the engines "
              f"({', '.join(sorted(str(e) for e in engines))})")
    return VarianceSplit(between / total, rows, mean, math.sqrt(total),
                         units.label(est.unit), method)
