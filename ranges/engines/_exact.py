"""The exact engine: distributions of sums and products of independent inputs,
computed rather than sampled.

* Closed forms where they exist: sums of normals, products/quotients/powers of
  lognormals, affine maps and monotone functions of one input, constants.
* Otherwise numerical convolution: each term's distribution is put on a common
  grid as exact cell masses (differences of its CDF) and the terms are convolved
  by FFT; products and quotients of positive inputs are convolved in log space.
  The grid is refined until two resolutions agree; their difference is the
  reported numerical error.
* A derived result is itself a distribution, so further arithmetic continues
  from it as from a leaf.

Sums and products are first *flattened* (one walk for both, :func:`flatten`): a sum
into terms with coefficients and a shift, a product into factors with exponents and
a coefficient. Terms that cancel (``x - x``) vanish, and an exact zero factor makes
the product exactly 0.

The engine accepts a graph only when every sum or product it meets combines
*independent* parts (no input shared between two terms): ``x + x·y`` is refused,
never convolved as if its terms were independent.

>>> import ranges as rg
>>> total = rg.normal(10, 3) + rg.normal(5, 4)
>>> ev = Exact().evaluate(total, n=0, rng=None)
>>> round(float(ev.quantile(0.5)), 9), round(ev.std(), 9)
(15.0, 5.0)
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Final, assert_never

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ranges.core._ops import SPECS, Form, Monotonicity, Op
from ranges.distributions._derived import (
    Affine,
    GridDistribution,
    Monotone,
    mixture_of,
    pieces,
    point_masses,
)
from ranges.distributions._families import Distribution, LogNormal, Normal, PointMass
from ranges.engines._base import Engine, Evaluation
from ranges.engines._seeding import SeedLike
from ranges.errors import EngineError, InputError

if TYPE_CHECKING:
    from ranges.core._graph import Estimate

FloatArray = NDArray[np.float64]

#: probabilities at which two grid resolutions are compared
PROBES = np.array([0.001, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 0.999])
#: tail mass cut from each unbounded term before convolution
TAIL = 1e-11
#: the most combinations of pieces (atoms and parts without atoms) of the terms of one
#: sum or product that are expanded into a mixture
MAX_COMBINATIONS = 4096
#: the most parts without atoms such a mixture may hold (its quantiles are found by
#: bisection over all of them)
MAX_MIXTURE_PARTS = 64

#: what names one grid of a reducer: a node (its id), or a node and one group of its
#: expansion into a mixture
GridKey = int | tuple[int, int]


class Unsupported(Exception):
    """Internal: the exact engine cannot evaluate this node (with the reason)."""

    def __init__(self, node: Estimate, reason: str) -> None:
        super().__init__(reason)
        self.node, self.reason = node, reason


def _power(base: Distribution, exponent: float) -> Distribution:
    """``base ** exponent`` for a positive base."""
    return base if exponent == 1.0 else Monotone(base, Op.POW, exponent=exponent)


@dataclass
class Reduced:
    """A node reduced to a distribution, with the random inputs it depends on."""

    dist: Distribution
    sources: frozenset[int]
    method: str


class Structure(Enum):
    """The two structures :func:`flatten` sees through."""

    #: terms with coefficients, plus a shift
    SUM = "sum"
    #: factors with exponents, times a coefficient
    PRODUCT = "product"


@dataclass
class Flat:
    """A sum or product flattened: each atom (a node the structure does not see
    through, by ``id``) with its total coefficient or exponent, and the constant part
    (the shift of a sum, the coefficient of a product)."""

    weights: dict[int, float]
    atoms: dict[int, Estimate]
    constant: float
    #: whether a power that is not a whole number was seen through: then merging
    #: exponents holds only for positive factors ((x·x)^0.5 is |x|, not x)
    fractional: bool = False


def _is_scaling(node: Estimate) -> bool:
    """``a × c``, ``c × a`` or ``a / c`` with a constant c: linear in a."""
    if node.op is Op.MUL:
        return node.args[0].is_constant or node.args[1].is_constant
    return node.op is Op.DIV and node.args[1].is_constant


def _sum_step(current: Estimate, weight: float, flat: Flat) -> list[tuple[float, Estimate]] | None:
    """How a sum sees through ``current``: the (coefficient, node) pairs it stands for,
    or None for an atom; constants go to the shift."""
    op = current.op
    if op is Op.CONST:
        flat.constant += weight * current.value
        return []
    if op is Op.ADD or op is Op.SUB:
        sign = 1.0 if op is Op.ADD else -1.0
        return [(weight, current.args[0]), (sign * weight, current.args[1])]
    if op is Op.NEG:
        return [(-weight, current.args[0])]
    if op is Op.CONVERT:
        factor, offset = current.param
        flat.constant += weight * offset
        return [(weight * factor, current.args[0])]
    if _is_scaling(current):
        left, right = current.args
        if right.is_constant:
            value = right.value if op is Op.MUL else 1.0 / right.value
            return [(weight * value, left)]
        return [(weight * left.value, right)]
    return None


def _product_step(current: Estimate, weight: float, flat: Flat
                  ) -> list[tuple[float, Estimate]] | None:
    """How a product sees through ``current``: the (exponent, node) pairs it stands
    for, or None for an atom; constant factors go to the coefficient."""
    op = current.op
    if op is Op.CONST:
        flat.constant *= _constant_power(current, current.value, weight)
        return []
    if op is Op.MUL or op is Op.DIV:
        sign = 1.0 if op is Op.MUL else -1.0
        return [(weight, current.args[0]), (sign * weight, current.args[1])]
    if op is Op.POW and current.args[1].is_constant:
        exponent = current.args[1].value
        flat.fractional = flat.fractional or not float(exponent).is_integer()
        return [(weight * exponent, current.args[0])]
    if op is Op.CONVERT and current.param[1] == 0.0:
        flat.constant *= _constant_power(current, current.param[0], weight)
        return [(weight, current.args[0])]
    return None


_STEPS: Final = {Structure.SUM: (_sum_step, 0.0), Structure.PRODUCT: (_product_step, 1.0)}


def flatten(node: Estimate, structure: Structure) -> Flat:
    """``node`` as a sum of terms or a product of factors (iterative: long chains are
    fine). Atoms met more than once have their weights added (``x + x`` is ``2x``,
    ``x / x`` is ``x^0``).

    >>> import ranges as rg
    >>> x, y = rg.between(1, 2), rg.between(3, 4)
    >>> flat = flatten(3 * x - x + 2 * y + 5, Structure.SUM)
    >>> sorted(flat.weights.values()), flat.constant
    ([2.0, 2.0], 5.0)
    """
    step, identity = _STEPS[structure]
    flat = Flat({}, {}, identity)
    stack: list[tuple[float, Estimate]] = [(1.0, node)]
    while stack:
        weight, current = stack.pop()
        expansion = step(current, weight, flat)
        if expansion is None:
            flat.weights[id(current)] = flat.weights.get(id(current), 0.0) + weight
            flat.atoms[id(current)] = current
        else:
            stack.extend(expansion)
    return flat


@dataclass
class ExactReducer:
    """Reduces a graph to one distribution (see the module docstring).

    The first grid step is the sum's standard deviation over ``cells_per_sd``; the
    step halves until the quantiles at :data:`PROBES` of two successive steps differ
    by less than ``rtol`` times the distribution's scale, down to the step that would
    need ``max_resolution`` cells. ``fixed_steps`` forces a step per node (used to
    recompute at twice the step for the error estimate). Results and refusals are
    memoised per node, so each node is reduced at most once.
    """

    cells_per_sd: float = 512.0
    max_resolution: int = 1 << 22
    rtol: float = 1e-6
    fixed_steps: dict[GridKey, float] | None = None
    #: refuse (Unsupported) a grid that cannot converge; off for structure-only probes
    check_convergence: bool = True
    given: dict[GridKey, GridDistribution] | None = None
    chosen: dict[GridKey, float] = field(default_factory=dict)
    coarse: dict[GridKey, GridDistribution] = field(default_factory=dict)
    _memo: dict[int, Reduced | Unsupported] = field(default_factory=dict)

    def reduce(self, node: Estimate) -> Reduced:
        """The distribution of ``node`` (memoised, refusals too). Chains of sums and of
        products are flattened without recursion, so only nesting of different kinds
        recurses."""
        found = self._memo.get(id(node))
        if found is None:
            try:
                found = self._reduce_one(node)
            except Unsupported as why:
                found = why
            except RecursionError:
                found = Unsupported(node, "an expression nested too deeply")
            self._memo[id(node)] = found
        if isinstance(found, Unsupported):
            raise found
        return found

    def reduced(self, node: Estimate) -> Reduced | None:
        """The memoised result of ``node``, if it was reduced without refusal."""
        found = self._memo.get(id(node))
        return found if isinstance(found, Reduced) else None

    # -- one node -----------------------------------------------------------------------
    def _reduce_one(self, node: Estimate) -> Reduced:
        form = node.form
        match form:
            case Form.CONSTANT:
                return Reduced(PointMass(node.value), frozenset(), "constant")
            case Form.INPUT:
                assert node.leaf is not None
                sources = frozenset({id(node)}) if node.is_random else frozenset()
                return Reduced(_simplest(node.leaf.distribution), sources, "input")
            case Form.SUM | Form.NEGATE | Form.CONVERT:
                return self._sum(node)
            case Form.PRODUCT:
                return self._sum(node) if _is_scaling(node) else self._product(node)
            case Form.POWER:
                if node.args[1].is_constant:
                    return self._product(node)
                raise Unsupported(node, "a power with an uncertain exponent")
            case Form.ELEMENTWISE:
                return self._elementwise(node)
            case Form.MIXTURE:
                return self._mixture(node)
            case Form.EXTREMUM:
                raise Unsupported(node, f"the exact engine has no rule for {node.op.value}")
            case Form.JOINT | Form.COMPONENT:
                raise Unsupported(node, "it is a correlated input (rg.correlate or "
                                        "comonotonic()), and the exact engine combines "
                                        "independent inputs only: correlated inputs are "
                                        "sampled")
            case _:
                assert_never(form)

    def _elementwise(self, node: Estimate) -> Reduced:
        spec = SPECS[node.op]
        if spec.monotone is Monotonicity.NEITHER:
            raise Unsupported(node, f"{node.op.value} is not monotone")
        child = self.reduce(node.args[0])
        low = child.dist.support()[0]
        if spec.domain is not None and low < spec.domain.low:
            raise Unsupported(node, f"{node.op.value} of an input that reaches below "
                                    f"{spec.domain.low:g}")
        if isinstance(child.dist, PointMass):
            return Reduced(_applied_to_atom(node, child.dist.value), frozenset(), "constant")
        split = pieces(child.dist)
        if len(split) > 1:  # atoms: the function of each piece
            mapped = [_applied_to_atom(node, piece.value) if isinstance(piece, PointMass)
                      else _applied(node, piece)[0] for _, piece in split]
            return Reduced(mixture_of([w for w, _ in split], mapped), child.sources,
                           "mixture, piece by piece")
        dist, method = _applied(node, child.dist)
        return Reduced(dist, child.sources, method)

    def _mixture(self, node: Estimate) -> Reduced:
        """A mixture's distribution is the weighted sum of its components' (whether
        or not they share inputs: each draw comes from one of them)."""
        children = [self.reduce(child) for child in node.args]
        sources = frozenset({id(node)}).union(*(child.sources for child in children))
        return Reduced(mixture_of(node.param, [child.dist for child in children]), sources,
                       "mixture")

    def _parts(self, node: Estimate, flat: Flat, fold: Callable[[float, float], None]
               ) -> tuple[list[tuple[float, Reduced]], frozenset[int]]:
        """Reduce each atom of a flattened node; an exact atom is folded into the
        constant part with ``fold(weight, value)``. Returns the random parts and their
        inputs, refusing parts that share an input."""
        parts: list[tuple[float, Reduced]] = []
        for key, weight in flat.weights.items():
            if weight == 0.0:  # cancelled: x - x, x / x (unless x is exactly 0: 0 / 0)
                self._check_not_zero(node, flat.atoms[key])
                continue
            reduced = self.reduce(flat.atoms[key])
            if isinstance(reduced.dist, PointMass):
                fold(weight, reduced.dist.value)
            else:
                parts.append((weight, reduced))
        return parts, _check_independent(node, [r for _, r in parts])

    def _check_not_zero(self, node: Estimate, atom: Estimate) -> None:
        """Refuse ``atom / atom`` when ``atom`` is exactly 0 (it cancels otherwise)."""
        if node.form is not Form.PRODUCT and node.form is not Form.POWER:
            return
        try:
            reduced = self.reduce(atom)
        except Unsupported:
            return
        if isinstance(reduced.dist, PointMass) and reduced.dist.value == 0.0:
            _constant_power(node, 0.0, -1.0)  # raises: a division by exactly 0

    # -- sums -----------------------------------------------------------------------------
    def _sum(self, node: Estimate) -> Reduced:
        flat = flatten(node, Structure.SUM)

        def fold(weight: float, value: float) -> None:
            flat.constant += weight * value

        parts, sources = self._parts(node, flat, fold)
        shift = flat.constant
        if not parts:
            return Reduced(PointMass(shift), frozenset(), "constant")
        dists = [(c, r.dist) for c, r in parts]
        if any(_has_atoms(d) for _, d in dists):
            return Reduced(self._expanded_sum(node, dists, shift), sources,
                           "mixture of sums (terms with atoms)")
        dist, method = self._plain_sum(node, dists, shift, id(node))
        return Reduced(dist, sources, method)

    def _plain_sum(self, node: Estimate, dists: list[tuple[float, Distribution]],
                   shift: float, key: GridKey) -> tuple[Distribution, str]:
        """The sum of independent terms without atoms, plus ``shift``."""
        if all(isinstance(d, Normal) for _, d in dists):
            mu = shift + sum(c * d.mean() for c, d in dists)
            sigma = math.sqrt(sum((c * d.std()) ** 2 for c, d in dists))
            return Normal(mu, sigma), "closed form"
        if len(dists) == 1:
            coef, dist = dists[0]
            if isinstance(dist, LogNormal) and coef > 0 and shift == 0.0:
                return LogNormal(dist.mu + math.log(coef), dist.sigma), "closed form"
            return Affine(dist, coef, shift), "affine map"
        return self._convolve(node, dists, shift, log=False, key=key), "convolution"

    def _expanded_sum(self, node: Estimate, dists: list[tuple[float, Distribution]],
                      shift: float) -> Distribution:
        """A sum whose terms have atoms, as a mixture: for each choice of one piece
        per term, the atoms chosen add to the shift and the parts without atoms are
        summed (once per set of such parts, shifted for each choice)."""
        dists = _discrete_folded(node, dists)
        groups: dict[tuple[tuple[int, int], ...], dict[float, float]] = {}
        for weight, chosen in _choices(node, [d for _, d in dists]):
            offset = shift
            key: list[tuple[int, int]] = []
            for index, (piece_index, piece) in enumerate(chosen):
                if isinstance(piece, PointMass):
                    offset += dists[index][0] * piece.value
                else:
                    key.append((index, piece_index))
            shifts = groups.setdefault(tuple(key), {})
            shifts[offset] = shifts.get(offset, 0.0) + weight
        weights: list[float] = []
        components: list[Distribution] = []
        split = [pieces(d) for _, d in dists]
        for number, (key_, shifts) in enumerate(groups.items()):
            if key_:
                terms = [(dists[i][0], split[i][j][1]) for i, j in key_]
                base, _ = self._plain_sum(node, terms, 0.0, (id(node), number))
            for offset, weight in shifts.items():
                weights.append(weight)
                components.append(Affine(base, 1.0, offset) if key_ else PointMass(offset))
        return _checked_mixture(node, weights, components)

    # -- products -------------------------------------------------------------------------
    def _product(self, node: Estimate) -> Reduced:
        flat = flatten(node, Structure.PRODUCT)

        def fold(power: float, value: float) -> None:
            if flat.fractional and value < 0:
                raise Unsupported(node, "a fractional power of a product with a negative "
                                        "factor (merging its powers would lose the sign)")
            flat.constant *= _constant_power(node, value, power)

        parts, sources = self._parts(node, flat, fold)
        coefficient = flat.constant
        if coefficient == 0.0 or not parts:  # an exact zero factor: the product is 0
            if not math.isfinite(coefficient):
                raise Unsupported(node, "a constant factor that is not finite")
            return Reduced(PointMass(coefficient), frozenset(), "constant")
        if not math.isfinite(coefficient):
            raise Unsupported(node, "a constant factor that is not finite")
        dists = [(p, r.dist) for p, r in parts]
        if any(_has_atoms(d) for _, d in dists):
            result = self._expanded_product(node, dists, coefficient, flat.fractional)
            return Reduced(result, sources, "mixture of products (factors with atoms)")
        result, method = self._plain_product(node, dists, id(node))
        if coefficient != 1.0:
            result = _scaled(result, coefficient)
        return Reduced(result, sources, method)

    def _plain_product(self, node: Estimate, dists: list[tuple[float, Distribution]],
                       key: GridKey) -> tuple[Distribution, str]:
        """The product of independent factors without atoms to the given powers: one
        factor to the power 1 as it is, otherwise positive factors only."""
        if len(dists) == 1 and dists[0][0] == 1.0:
            return dists[0][1], "input"
        for _, dist in dists:
            if dist.support()[0] < 0:
                raise Unsupported(
                    node, "a product or quotient of inputs that can be negative "
                    "(the exact engine multiplies positive inputs only)"
                )
        return self._positive_product(node, dists, key)

    def _expanded_product(self, node: Estimate, dists: list[tuple[float, Distribution]],
                          coefficient: float, fractional: bool) -> Distribution:
        """A product whose factors have atoms, as a mixture: for each choice of one
        piece per factor, the atoms chosen multiply the coefficient (an atom at 0 makes
        the product 0 whatever the other factors are) and the parts without atoms are
        multiplied (once per set of such parts, scaled for each choice)."""
        groups: dict[tuple[tuple[int, int], ...], dict[float, float]] = {}
        for weight, chosen in _choices(node, [d for _, d in dists]):
            factor = coefficient
            key: list[tuple[int, int]] = []
            for index, (piece_index, piece) in enumerate(chosen):
                power = dists[index][0]
                if not isinstance(piece, PointMass):
                    key.append((index, piece_index))
                    continue
                if piece.value == 0.0 and power < 0:
                    raise Unsupported(node, f"a division by an input that is exactly 0 "
                                            f"with probability {weight:.3g} or more")
                if piece.value < 0 and (fractional or not float(power).is_integer()):
                    raise Unsupported(node, "a fractional power of a factor that can be "
                                            "negative")
                factor *= _constant_power(node, piece.value, power)
            if factor == 0.0:
                key = []
            elif not math.isfinite(factor):
                raise Unsupported(node, "a constant factor that is not finite")
            scales = groups.setdefault(tuple(key), {})
            scales[factor] = scales.get(factor, 0.0) + weight
        weights: list[float] = []
        components: list[Distribution] = []
        split = [pieces(d) for _, d in dists]
        for number, (key_, scales) in enumerate(groups.items()):
            if key_:
                factors = [(dists[i][0], split[i][j][1]) for i, j in key_]
                base, _ = self._plain_product(node, factors, (id(node), number))
            for factor, weight in scales.items():
                weights.append(weight)
                components.append(_scaled(base, factor) if key_ else PointMass(factor))
        return _checked_mixture(node, weights, components)

    def _positive_product(self, node: Estimate, dists: list[tuple[float, Distribution]],
                          key: GridKey) -> tuple[Distribution, str]:
        """The product of positive independent factors to the given powers."""
        if all(isinstance(d, LogNormal) for _, d in dists):
            mu = sum(p * d.mu for p, d in dists)  # type: ignore[attr-defined]
            sigma = math.sqrt(sum((p * d.sigma) ** 2 for p, d in dists))  # type: ignore[attr-defined]
            return LogNormal(mu, sigma), "closed form"
        if len(dists) == 1:
            power, dist = dists[0]
            return _power(dist, power), "monotone transform"
        logs: list[tuple[float, Distribution]] = [(p, Monotone(d, Op.LOG)) for p, d in dists]
        return self._convolve(node, logs, 0.0, log=True, key=key), "log-space convolution"

    # -- numerical convolution -------------------------------------------------------------
    def _too_long(self, width: float, body: float) -> str:
        return (f"a grid of {self.max_resolution:,} cells cannot reach the accuracy asked "
                f"for: a term's tail is too long for a uniform grid (the terms span "
                f"{width:.3g}, the middle half of the distribution about {body:.3g})")

    def _convolve(
        self,
        node: Estimate,
        terms: list[tuple[float, Distribution]],
        shift: float,
        *,
        log: bool,
        key: GridKey,
    ) -> GridDistribution:
        """Convolve the terms on a grid whose step is refined until two steps agree
        (``key`` names the grid, for the coarse twin and forced steps)."""
        spans = [_term_span(node, c, d) for c, d in terms]
        width = sum(b - a for a, b in spans)
        if width <= 0:
            raise Unsupported(node, "terms with no width")
        finest = width / self.max_resolution
        if self.given is not None and key in self.given:
            return self.given[key]
        if self.fixed_steps is not None and key in self.fixed_steps:
            step = max(self.fixed_steps[key], finest)
            self.chosen[key] = step
            return _checked(node, _grid_sum, terms, spans, shift, step, log)
        spread = math.sqrt(sum((c * d.std()) ** 2 for c, d in terms))
        if not math.isfinite(spread) or spread <= 0:
            spread = width / 8
        # A heavy tail makes the standard deviation, and so the first step, far too
        # coarse for the body of the distribution. The interquartile ranges say how
        # fine the body needs the grid: when that grid would be far larger than
        # allowed, the grid could never converge, so refuse before building any.
        body = math.sqrt(sum((c * _iqr(d) / _NORMAL_IQR) ** 2 for c, d in terms))
        if self.check_convergence and body > 0 \
                and width / (body / self.cells_per_sd) > 4 * self.max_resolution:
            raise Unsupported(node, self._too_long(width, body * _NORMAL_IQR))
        step = max(spread / self.cells_per_sd, finest)
        previous = _checked(node, _grid_sum, terms, spans, shift, 2 * step, log)
        while True:
            grid = _checked(node, _grid_sum, terms, spans, shift, step, log)
            fine, coarse = grid.ppf(PROBES), previous.ppf(PROBES)
            scale = max(float(np.max(np.abs(fine))), float(fine[-1] - fine[0]), 1e-300)
            # the error of `grid` is about a third of its distance to `previous` (O(h²))
            error = float(np.max(np.abs(fine - coarse))) / 3
            target = self.rtol * scale
            if error <= target:
                break
            # A step that would meet the target, by the O(h²) law; when even the finest
            # grid allowed would not (a heavy tail stretches a uniform grid far beyond
            # the body of the distribution), the answer is refused rather than given
            # with an error it cannot shrink.
            if self.check_convergence and (
                step <= finest or step * math.sqrt(target / error) < finest / 4
            ):
                raise Unsupported(node, self._too_long(width, float(fine[5] - fine[3])))
            if step <= finest:
                break
            previous, step = grid, max(step / 2, finest)
        self.chosen[key] = step
        self.coarse[key] = previous
        return grid


def _simplest(dist: Distribution) -> Distribution:
    """``dist``, or the :class:`PointMass` it amounts to (a Bernoulli with chance 0
    or 1, a mixture of one value)."""
    split = pieces(dist)
    if len(split) == 1 and isinstance(split[0][1], PointMass):
        return split[0][1]
    return dist


def _has_atoms(dist: Distribution) -> bool:
    """Whether ``dist`` holds a value with positive probability."""
    return bool(point_masses(dist))


def _choices(node: Estimate, dists: list[Distribution]
             ) -> list[tuple[float, tuple[tuple[int, Distribution], ...]]]:
    """Every choice of one piece per distribution, with its probability."""
    split = [pieces(d) for d in dists]
    count = math.prod(len(s) for s in split)
    if count > MAX_COMBINATIONS:
        raise Unsupported(node, f"its terms' atoms make {count:,} combinations, more than "
                                f"the {MAX_COMBINATIONS:,} the exact engine expands")
    out: list[tuple[float, tuple[tuple[int, Distribution], ...]]] = []
    for combo in itertools.product(*(list(enumerate(s)) for s in split)):
        weight = math.prod(piece[1][0] for piece in combo)
        out.append((weight, tuple((j, piece[1]) for j, piece in combo)))
    return out


def _discrete_folded(node: Estimate, dists: list[tuple[float, Distribution]]
                     ) -> list[tuple[float, Distribution]]:
    """The terms of a sum with its terms made only of atoms added into one (their
    discrete law, equal values merged: twenty events add to 21 values, not 2^20
    combinations)."""
    discrete = [(c, d) for c, d in dists
                if all(isinstance(piece, PointMass) for _, piece in pieces(d))]
    if len(discrete) < 2:
        return dists
    law: dict[float, float] = {0.0: 1.0}
    for coef, dist in discrete:
        added: dict[float, float] = {}
        for value, chance in law.items():
            for weight, piece in pieces(dist):
                assert isinstance(piece, PointMass)
                key = value + coef * piece.value
                added[key] = added.get(key, 0.0) + chance * weight
        law = added
        if len(law) > MAX_COMBINATIONS:
            raise Unsupported(node, f"its terms' atoms make more than {MAX_COMBINATIONS:,} "
                                    "values")
    others = [(c, d) for c, d in dists if all(d is not e for _, e in discrete)]
    return [*others, (1.0, mixture_of(list(law.values()), [PointMass(v) for v in law]))]


def _checked_mixture(node: Estimate, weights: list[float], components: list[Distribution]
                     ) -> Distribution:
    """The mixture of an expansion, refused when it holds too many parts without atoms
    to find its quantiles quickly."""
    parts = sum(1 for c in components if not isinstance(c, PointMass))
    if parts > MAX_MIXTURE_PARTS:
        raise Unsupported(node, f"its expansion into a mixture has {parts:,} parts, more "
                                f"than the {MAX_MIXTURE_PARTS} the exact engine keeps")
    return mixture_of(weights, components)


def _applied_to_atom(node: Estimate, value: float) -> PointMass:
    """An elementwise function of an exact value, refused where it is undefined."""
    spec = SPECS[node.op]
    assert spec.numpy is not None
    with np.errstate(all="ignore"):
        result = float(spec.numpy(value))
    if not math.isfinite(result):
        raise Unsupported(node, f"{node.op.value}({value:g}) is not finite")
    if spec.domain is not None and not spec.domain.admits(value):
        raise Unsupported(node, f"{node.op.value}({value:g}) is undefined")
    return PointMass(result)


def _applied(node: Estimate, dist: Distribution) -> tuple[Distribution, str]:
    """A monotone elementwise function of a distribution without atoms."""
    if node.op is Op.EXP and isinstance(dist, Normal):
        return LogNormal(dist.mu, dist.sigma), "closed form"
    if node.op is Op.LOG and isinstance(dist, LogNormal):
        return Normal(dist.mu, dist.sigma), "closed form"
    return Monotone(dist, node.op), "monotone transform"


def _iqr(dist: Distribution) -> float:
    q1, q3 = (float(v) for v in dist.ppf([0.25, 0.75]))
    return q3 - q1


_NORMAL_IQR: Final = 1.3489795003921634  # interquartile range of a standard normal


def _constant_power(node: Estimate, value: float, power: float) -> float:
    """``value ** power`` for an exact factor; division by an exact 0 is an error."""
    if value == 0.0 and power < 0:
        from ranges.core._render import expression

        raise EngineError(f"{expression(node)} divides by a value that is exactly 0")
    try:
        result = math.pow(value, power)
    except ValueError:
        raise Unsupported(node, f"{value:g} to the power {power:g} is not a real number") from None
    except OverflowError:
        result = math.inf
    return result


def _term_span(node: Estimate, coef: float, dist: Distribution) -> tuple[float, float]:
    low, high = (float(v) for v in dist.ppf([TAIL, 1.0 - TAIL]))
    if not (math.isfinite(low) and math.isfinite(high)):
        raise Unsupported(node, "a term whose tails cannot be located")
    a, b = sorted((coef * low, coef * high))
    return a, b


@functools.lru_cache(maxsize=256)
def next_fast_length(length: int) -> int:
    """The smallest 5-smooth number (2^a 3^b 5^c) at least ``length``: a length numpy's
    FFT transforms fast (numpy's FFT rather than scipy's: importing scipy.fft costs a
    quarter of a second, more than the CLI's whole answer).

    >>> next_fast_length(1025), next_fast_length(1 << 20)
    (1080, 1048576)
    """
    best = 1 << max(0, (length - 1).bit_length())
    power5 = 1
    while power5 < best:
        power35 = power5
        while power35 < best:
            candidate = power35 << max(0, (math.ceil(length / power35) - 1).bit_length())
            best = min(best, candidate)
            power35 *= 3
        power5 *= 5
    return best


def _convolve_pair(a: FloatArray, b: FloatArray) -> FloatArray:
    if min(a.size, b.size) <= 64:
        return np.asarray(np.convolve(a, b), dtype=np.float64)
    length = a.size + b.size - 1
    size = next_fast_length(length)
    product = np.fft.irfft(np.fft.rfft(a, size) * np.fft.rfft(b, size), size)
    return np.asarray(product[:length], dtype=np.float64)


#: the most probability a grid may lose (its terms' tails are cut at TAIL each)
MAX_LOST_MASS: Final = 1e-6


def _checked(node: Estimate, build: Callable[..., GridDistribution], *args: object
             ) -> GridDistribution:
    """``build(*args)``, refused when the grid lost probability (a term whose CDF is not
    right on the grid, e.g. NaN beyond its domain) instead of renormalising it away."""
    try:
        grid = build(*args)
    except InputError as err:
        raise Unsupported(node, f"the terms' grid has no mass ({err})") from None
    if not grid.lost_mass <= MAX_LOST_MASS:
        raise Unsupported(node, f"the terms' grid lost {grid.lost_mass:.2g} of the "
                                "probability")
    return grid


def _grid_sum(
    terms: list[tuple[float, Distribution]],
    spans: list[tuple[float, float]],
    shift: float,
    step: float,
    log: bool,
) -> GridDistribution:
    """Put each term's exact cell masses on a grid of the given step and convolve them
    pairwise (a balanced tree, so long arrays are transformed only a few times)."""
    start = shift
    pieces: list[FloatArray] = []
    for (coef, dist), (a, b) in zip(terms, spans, strict=True):
        count = math.ceil((b - a) / step) + 1
        edges = a - step / 2 + step * np.arange(count + 1)
        cumulative = dist.cdf(edges / coef) if coef > 0 else 1.0 - dist.cdf(edges / coef)
        pieces.append(np.diff(cumulative))
        start += a
    while len(pieces) > 1:
        pieces.sort(key=len)
        merged = [_convolve_pair(pieces[i], pieces[i + 1]) for i in range(0, len(pieces) - 1, 2)]
        if len(pieces) % 2:
            merged.append(pieces[-1])
        pieces = merged
    return GridDistribution(start, step, pieces[0], log=log)


def _check_independent(node: Estimate, parts: list[Reduced]) -> frozenset[int]:
    seen: set[int] = set()
    for part in parts:
        if seen & part.sources:
            raise Unsupported(
                node, "its terms share an input, so they are not independent"
            )
        seen |= part.sources
    return frozenset(seen)


class ExactEvaluation(Evaluation):
    """The answer of the exact engine: a distribution, and one computed at half the
    grid resolution whose difference is the numerical error."""

    def __init__(self, dist: Distribution, coarse: Distribution | None, method: str) -> None:
        self.dist, self.coarse = dist, coarse
        self.engine = "exact"
        self.method = method
        self._gap: float | None = None
        self.n = 0
        self.seed = None

    # Grid errors shrink with the square of the step, so the answer at step h is
    # improved by Richardson extrapolation with the answer at 2h: f + (f - c) / 3.
    # The reported error is the size of that correction (an upper estimate).

    def _extrapolate(self, fine: FloatArray, coarse: FloatArray) -> FloatArray:
        return np.asarray(fine + (fine - coarse) / 3.0, dtype=float)

    def quantile(self, q: ArrayLike) -> FloatArray:
        fine = np.asarray(self.dist.ppf(q), dtype=float)
        if self.coarse is None:
            return fine
        return self._extrapolate(fine, np.asarray(self.coarse.ppf(q), dtype=float))

    def _cdf_gap(self) -> float:
        """The largest difference between the two resolutions' CDFs."""
        if self._gap is None:
            assert self.coarse is not None
            ends = self.dist.ppf([0.0005, 0.9995])
            x = np.linspace(float(ends[0]), float(ends[1]), 2001)
            self._gap = float(np.max(np.abs(self.dist.cdf(x) - self.coarse.cdf(x))))
        return self._gap

    def quantile_error(self, q: ArrayLike) -> FloatArray:
        """The larger of the extrapolation's correction at ``q`` and the largest CDF
        difference between the two resolutions turned into a quantile difference by
        the density at ``q`` (a kink can make the first vanish by symmetry)."""
        fine = np.asarray(self.dist.ppf(q), dtype=float)
        floor = 4 * np.finfo(float).eps * np.abs(fine)
        if self.coarse is None:
            return np.asarray(floor, dtype=float)
        coarse = np.asarray(self.coarse.ppf(q), dtype=float)
        correction = np.abs(fine - coarse) / 3.0
        with np.errstate(divide="ignore"):
            by_cdf = self._cdf_gap() / np.asarray(self.dist.pdf(fine), dtype=float)
        error = np.maximum(np.maximum(correction, floor), by_cdf)
        # a quantile inside an atom is the atom's value at both resolutions: exact
        atoms = [value for value, _ in point_masses(self.dist)]
        if atoms:
            error = np.where(np.isin(fine, atoms) & (fine == coarse), floor, error)
        return np.asarray(error, dtype=float)

    def mean(self) -> float:
        return self.dist.mean()

    def mean_error(self) -> float:
        if self.coarse is None:
            return 4 * np.finfo(float).eps * abs(self.mean())
        return abs(self.dist.mean() - self.coarse.mean()) / 3.0

    def std(self) -> float:
        return self.dist.std()

    def prob_above_error(self, x: float) -> float:
        """The size of the extrapolation's correction of the CDF at ``x`` (an upper
        estimate, as for the quantiles), at least a few rounding errors."""
        floor = 4 * np.finfo(float).eps
        if self.coarse is None:
            return float(floor)
        fine, coarse = float(self.dist.cdf(x)), float(self.coarse.cdf(x))
        return max(abs(fine - coarse) / 3.0, float(floor))

    def cdf(self, x: ArrayLike) -> FloatArray:
        fine = np.asarray(self.dist.cdf(x), dtype=float)
        if self.coarse is None:
            return fine
        return np.asarray(np.clip(self._extrapolate(fine, self.coarse.cdf(x)), 0.0, 1.0),
                          dtype=float)


def reduce_exactly(root: Estimate, **settings: float) -> tuple[Distribution, Distribution | None,
                                                                  str]:
    """The distribution of ``root``, its half-resolution twin (None when no grid was
    used) and how it was found; raises :class:`Unsupported`."""
    reducer = ExactReducer(**settings)  # type: ignore[arg-type]
    reduced = reducer.reduce(root)
    if not reducer.chosen:
        return reduced.dist, None, reduced.method
    coarse = ExactReducer(given=reducer.coarse).reduce(root).dist
    return reduced.dist, coarse, reduced.method


def _scaled(dist: Distribution, coefficient: float) -> Distribution:
    """``coefficient × dist`` (a lognormal stays one when the coefficient is positive)."""
    if isinstance(dist, LogNormal) and coefficient > 0:
        return LogNormal(dist.mu + math.log(coefficient), dist.sigma)
    return Affine(dist, coefficient)


class Exact(Engine):
    """Exact arithmetic of independent inputs; a clear error for other graphs."""

    name = "exact"

    def supports(self, root: Estimate) -> bool:
        try:
            ExactReducer(cells_per_sd=2, max_resolution=256, rtol=1.0,
                         check_convergence=False).reduce(root)
        except Unsupported:
            return False
        return True

    def evaluate(self, root: Estimate, *, n: int, rng: SeedLike) -> ExactEvaluation:
        try:
            dist, coarse, method = reduce_exactly(root)
        except Unsupported as why:
            from ranges.core._render import expression

            raise EngineError(
                f"the exact engine cannot evaluate {expression(why.node)}: {why.reason}; "
                "use engine='mc' or 'auto'"
            ) from None
        return ExactEvaluation(dist, coarse, method)
