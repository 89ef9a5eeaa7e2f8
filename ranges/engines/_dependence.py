"""Bounds on a quantile under any dependence between the inputs.

The engines assume independent inputs. When nothing is known about how the inputs
move together, a quantile of the result is not one number but an interval: the
smallest and the largest value it takes over every possible coupling of the inputs'
distributions. This module computes an interval that contains it.

Probability boxes
-----------------
Every node of the graph gets a *probability box* on ``N`` probability levels: two
arrays ``lo`` and ``hi`` such that, for every coupling of the inputs,

* ``P(node < lo[i]) <= i / N`` and
* ``P(node <= hi[i]) >= (i + 1) / N``,

so that every quantile of the node at a level strictly between ``i / N`` and
``(i + 1) / N`` lies in ``[lo[i], hi[i]]``. A leaf's box is its quantile function at the
ends of each cell (``lo[i] = Q(i / N)``, ``hi[i] = Q((i + 1) / N)``, with the ends of the
support for ``Q(0)`` and ``Q(1)``): the discretisation errs outward, so every bound
below holds for the continuous problem, not only for a grid.

Sums and differences combine boxes by the Williamson–Downs (Makarov) bounds, the
best bounds for two terms whose joint behaviour is unknown::

    lo_Z[i] = max over j <= i of lo_X[j] + lo_Y[i - j]
    hi_Z[i] = min over j >= i of hi_X[j] + hi_Y[N + i - j - 1]

(if the sum is below ``lo_X[j] + lo_Y[i - j]``, one term is below its bound, which has
probability at most ``j / N + (i - j) / N``; the upper bound is the mirror image).
A term with a negative coefficient has its box negated and reversed; products and
ratios of positive factors are sums of logarithms; a monotone function maps both
arrays (reversed when it decreases). Sums and products are first *flattened* with
:func:`ranges.engines._exact.flatten`, so ``x - x`` cancels before anything is bounded.
A leaf used in two terms (``x + x·y``) is treated as if its two uses could be coupled
arbitrarily: still a valid bound, only wider than the sharp one.

Mixtures
--------
A mixture (``rg.mixture``, a linear ``rg.pool`` of sources, the fallback of
``est.graded``) picks one branch with fixed chances. Its *choice* is independent of
every input by construction: it is drawn from a stream of its own, ``rg.correlate``
takes only inputs read from figures (never a mixture), and ``est.comonotonic()``
couples the inputs and leaves each mixture's choice independent. So for every
coupling of the inputs, ``P(M <= x) = Σ_k w_k P(B_k <= x)`` (and the same with
``<``): the mixture's CDF is the weighted sum of its branches' CDFs, whatever the
coupling inside and between the branches, and its bounds are the weighted sums of the
branches' bounds (:func:`_mixture_box`). A branch that is a constant is a step.

Above the mixture, in a sum or a product with other terms, its box is combined as
any term's is: as if the choice could be coupled with the other terms too. That
covers the couplings the model allows (the choice independent), so the bounds still
hold; they may be wider than the sharp ones. For the same reason the ``attained``
interval (reached by explicit couplings) is not given when a term holds a mixture:
the coupling that reaches it may need the choice to follow the other terms.

Sharper bounds for three or more terms
--------------------------------------
For two terms the pairwise bound is sharp. For three or more it is not, and the
quantile at level q of the outermost sum (or product, in logarithms) is sharpened:

* the tail-mean bound, also guaranteed: the q-quantile of a sum is at most the mean
  of its upper (1 − q) tail, and that is at most the sum of the terms' upper-tail
  means (expected shortfall is subadditive); the mirror image bounds it from below;
* the rearrangement algorithm (Embrechts, Puccetti and Rüschendorf 2013, "Model
  uncertainty and VaR aggregation", Journal of Banking & Finance 37) on the terms'
  outward discretisation: the upper tails of the terms as columns of a matrix, each
  column rearranged in turn to be oppositely ordered to the sum of the others, until
  nothing changes; the smallest row sum estimates the largest possible quantile (and
  the mirror image the smallest).

What is guaranteed
------------------
:attr:`DependenceBounds.guaranteed` (the pairwise and tail-mean bounds) holds for every
coupling, up to the accuracy of the inputs' quantile functions in floating point.
The rearrangement algorithm is a numerical method: each of its answers is reached by
an explicit coupling of the *outward-discretised* terms, so it never goes beyond the
sharp bound of that discretised problem, which itself contains the sharp bound of the
real one; but it is not proven to reach the discretised optimum. In practice it does
to within a small fraction of a grid step, and the discretisation's outward error
(about one level, 1/N) is larger than that. :attr:`DependenceBounds.attained` is the
algorithm run on the *inward* discretisation: when the terms share no input, explicit
couplings reach those quantiles, so the sharp bounds lie outside that interval. The
answer, :attr:`DependenceBounds.interval`, is the guaranteed interval: a bound that
holds is worth more than a sharper one that might not. The rearrangement estimate and
the attained interval are reported beside it: the sharp bounds lie between the
attained interval and the rearrangement estimate (to within the algorithm's
convergence), so together they say how much sharper the answer could be.

>>> import ranges as rg
>>> a, b = rg.between(0, 1, shape="bounds"), rg.between(0, 1, shape="bounds")
>>> bounds = dependence_bounds(a + b, 0.5)
>>> round(bounds.interval.low, 2), round(bounds.interval.high, 2)
(0.5, 1.5)
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Final, assert_never

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import ArrayLike, NDArray

from ranges.core._interval import Interval
from ranges.core._ops import SPECS, Form, Monotonicity, Op
from ranges.engines._exact import Structure, flatten
from ranges.errors import DependenceError, InputError

if TYPE_CHECKING:
    from ranges.core._graph import Estimate

FloatArray = NDArray[np.float64]

#: probability levels of the discretisation unless asked otherwise
DEFAULT_LEVELS: Final = 2000
#: the fewest and the most levels accepted (the pairwise bound costs N² per term)
MIN_LEVELS: Final = 10
MAX_LEVELS: Final = 20_000
#: rows of the pairwise max-plus convolution computed at once (memory: rows × N floats)
_CHUNK: Final = 256
#: the most sweeps of the rearrangement algorithm over all columns
_MAX_SWEEPS: Final = 200
#: the seed of the rearrangement algorithm's random starting arrangement
_RA_SEED: Final = 20130601


# -- probability boxes -------------------------------------------------------------------
@dataclass(frozen=True)
class _Box:
    """A probability box on ``lo.size`` levels (see the module docstring) and the
    random inputs (by ``id``) the node depends on."""

    lo: FloatArray
    hi: FloatArray
    sources: frozenset[int]

    def point_value(self) -> float | None:
        """The value, when the box holds one value only (a constant)."""
        first = self.lo[0]
        if np.all(self.lo == first) and np.all(self.hi == first) and math.isfinite(first):
            return float(first)
        return None


def _tidy(lo: FloatArray, hi: FloatArray, sources: frozenset[int]) -> _Box:
    """A box with NaN replaced outward (−∞ low, +∞ high) and both arrays made
    non-decreasing (a running maximum of ``lo`` and a running minimum of ``hi`` from
    the right are still valid bounds)."""
    lo = np.where(np.isnan(lo), -np.inf, lo)
    hi = np.where(np.isnan(hi), np.inf, hi)
    lo = np.maximum.accumulate(lo)
    hi = np.minimum.accumulate(hi[::-1])[::-1]
    return _Box(np.ascontiguousarray(lo), np.ascontiguousarray(hi), sources)


def _point(value: float, levels: int) -> _Box:
    values = np.full(levels, float(value))
    return _Box(values, values.copy(), frozenset())


def _leaf_box(node: Estimate, levels: int) -> _Box:
    assert node.leaf is not None
    dist = node.leaf.distribution
    low, high = dist.support()
    inner = np.asarray(dist.ppf(np.arange(1, levels) / levels), dtype=float)
    lo = np.concatenate([[low], inner])
    hi = np.concatenate([inner, [high]])
    sources = frozenset({id(node)}) if node.is_random else frozenset()
    return _tidy(lo, hi, sources)


def _negated(box: _Box) -> _Box:
    """The box of −X: P(−X < −hi[N−1−i]) = P(X > hi[N−1−i]) <= i / N."""
    return _Box(-box.hi[::-1], -box.lo[::-1], box.sources)


def _scaled(box: _Box, coefficient: float) -> _Box:
    if coefficient < 0:
        return _scaled(_negated(box), -coefficient)
    with np.errstate(invalid="ignore"):
        return _tidy(box.lo * coefficient, box.hi * coefficient, box.sources)


def _shifted(box: _Box, shift: float) -> _Box:
    return _Box(box.lo + shift, box.hi + shift, box.sources) if shift else box


def _mapped(box: _Box, func: Callable[[FloatArray], FloatArray], increasing: bool) -> _Box:
    """The box of f(X) for a monotone f (applied to both arrays, reversed when f
    decreases)."""
    with np.errstate(all="ignore"):
        if increasing:
            return _tidy(func(box.lo), func(box.hi), box.sources)
        return _tidy(func(box.hi[::-1]), func(box.lo[::-1]), box.sources)


def max_plus(a: FloatArray, b: FloatArray, count: int | None = None) -> FloatArray:
    """``c[i] = max over j <= i of a[j] + b[i − j]`` for the first ``count`` entries
    (all by default): the pairwise lower bound of a sum. Vectorised in blocks of rows;
    a NaN (−∞ + ∞) counts as −∞.

    >>> max_plus(np.array([0.0, 1.0, 2.0]), np.array([0.0, 5.0, 6.0]))
    array([0., 5., 6.])
    """
    n = a.size if count is None else count
    a, b = a[:n], b[:n]
    padded = np.concatenate([np.full(n - 1, -np.inf), b])[::-1]
    windows = sliding_window_view(padded, n)  # windows[n − 1 − i][j] = b[i − j]
    out = np.empty(n)
    with np.errstate(invalid="ignore"):
        for start in range(0, n, _CHUNK):
            rows = np.arange(start, min(n, start + _CHUNK))
            block = windows[n - 1 - rows] + a[None, :]
            out[rows] = np.fmax.reduce(block, axis=1)  # fmax skips NaN
    return np.where(np.isnan(out), -np.inf, out)


def _summed_lo(terms: list[_Box], count: int) -> FloatArray:
    result = terms[0].lo[:count]
    for term in terms[1:]:
        result = max_plus(result, term.lo, count)
    return result


def _summed_hi(terms: list[_Box], count: int) -> FloatArray:
    """The first ``count`` entries of the pairwise upper bound counted from the top
    (index N − 1 first): a min-plus convolution, done as a max-plus one of the
    negated, reversed arrays."""
    result = -terms[0].hi[::-1][:count]
    for term in terms[1:]:
        result = max_plus(result, -term.hi[::-1], count)
    return -result


def _sum_boxes(terms: list[_Box]) -> _Box:
    """The pairwise (Williamson–Downs) box of a sum of terms coupled in any way."""
    levels = terms[0].lo.size
    sources = frozenset().union(*(t.sources for t in terms))
    return _tidy(_summed_lo(terms, levels), _summed_hi(terms, levels)[::-1], sources)


def _mixture_box(branches: list[_Box], weights: tuple[float, ...]) -> _Box:
    """The box of a mixture from its branches' boxes: each CDF bound is the weighted
    sum of the branches' (see "Mixtures" in the module docstring).

    With ``U_k(x) = #{i: lo_k[i] < x} / N`` (so ``P(B_k < x) <= U_k(x)``) and
    ``L_k(x) = #{i: hi_k[i] <= x} / N`` (so ``P(B_k <= x) >= L_k(x)``), the mixture's
    ``lo[i]`` is the largest x with ``Σ w_k U_k(x) <= i / N`` and its ``hi[i]`` the
    smallest x with ``Σ w_k L_k(x) >= (i + 1) / N``; both are found among the branches'
    own values. A branch that is a constant is a step (its box is that value
    throughout); a branch of weight 0 is left out. The weighted counts are compared
    with the levels as computed in floating point: a tie is a tie (the bounds hold up
    to that rounding, as they hold up to the rounding of the quantile functions).

    >>> one, three = _point(1.0, 4), _point(3.0, 4)
    >>> box = _mixture_box([one, three], (0.5, 0.5))
    >>> box.lo.tolist(), box.hi.tolist()
    ([1.0, 1.0, 3.0, 3.0], [1.0, 1.0, 3.0, 3.0])
    """
    used = [(box, w) for box, w in zip(branches, weights, strict=True) if w > 0]
    if len(used) == 1:
        return used[0][0]
    levels = used[0][0].lo.size
    wanted = np.arange(levels, dtype=float)
    values = np.unique(np.concatenate([box.lo for box, _ in used]))
    below = sum(w * np.searchsorted(box.lo, values, side="right") for box, w in used)
    # the first value whose weighted count of lo's up to it exceeds i: just below it,
    # at most i of the probability lies
    pick = np.searchsorted(below, wanted, side="right")
    lo = values[np.minimum(pick, values.size - 1)]
    values = np.unique(np.concatenate([box.hi for box, _ in used]))
    reached = sum(w * np.searchsorted(box.hi, values, side="right") for box, w in used)
    # the first value whose weighted count of hi's up to it reaches i + 1 (the largest
    # value, where every branch is certainly at or below it, when none does)
    pick = np.searchsorted(reached, wanted + 1, side="left")
    hi = values[np.minimum(pick, values.size - 1)]
    sources = frozenset().union(*(box.sources for box, _ in used))
    return _Box(np.ascontiguousarray(lo, dtype=float),
                np.ascontiguousarray(hi, dtype=float), sources)


# -- the graph, bottom-up ------------------------------------------------------------------
def _refuse(node: Estimate, reason: str) -> DependenceError:
    from ranges.core._render import expression

    return DependenceError(
        f"bounds under any dependence: cannot bound {expression(node)}: {reason}"
    )


@dataclass(frozen=True)
class _Terms:
    """A node as a sum: the boxes of its terms plus a constant ``shift``, and how a
    value ``s`` of that sum maps back to the node, ``back(s)`` (None: the node is the
    sum), increasing or not. A sum's terms are ``weight × atom``; a product's are
    ``power × log(atom)`` (``inner`` is then the logarithm), mapped back by ``exp`` and
    the product's constant coefficient."""

    boxes: list[_Box]
    atoms: list[Estimate]
    weights: list[float]
    shift: float = 0.0
    back: Callable[[FloatArray], FloatArray] | None = None
    increasing: bool = True
    inner: Callable[[FloatArray], FloatArray] | None = None
    #: per factor of a product: whether it was never positive (its term is log(−atom))
    negated: list[bool] = field(default_factory=list)


def _identity(x: FloatArray) -> FloatArray:
    return x


def _is_scaling(node: Estimate) -> bool:
    """``a × c``, ``c × a`` or ``a / c`` with a constant c (a sum sees through it)."""
    if node.op is Op.MUL:
        return node.args[0].is_constant or node.args[1].is_constant
    return node.op is Op.DIV and node.args[1].is_constant


class _Builder:
    """Boxes of the nodes of one graph on one number of levels (memoised by node)."""

    def __init__(self, levels: int) -> None:
        self.levels = levels
        self._memo: dict[int, _Box] = {}

    def box(self, node: Estimate) -> _Box:
        found = self._memo.get(id(node))
        if found is None:
            try:
                found = self._box_of(node)
            except RecursionError:
                raise _refuse(node, "the expression is nested too deeply") from None
            self._memo[id(node)] = found
        return found

    def _box_of(self, node: Estimate) -> _Box:
        form = node.form
        match form:
            case Form.CONSTANT:
                return _point(node.value, self.levels)
            case Form.INPUT:
                return _leaf_box(node, self.levels)
            case Form.SUM | Form.NEGATE | Form.CONVERT | Form.PRODUCT | Form.POWER:
                return self._combined(node)
            case Form.ELEMENTWISE:
                return self._elementwise(node)
            case Form.EXTREMUM:
                raise _refuse(node, f"no rule for {node.op.value} (only sums, products "
                                    "of positive quantities and monotone functions)")
            case Form.MIXTURE:
                return _mixture_box([self.box(child) for child in node.args], node.param)
            case Form.COMPONENT:  # a correlated input: its own marginal, any dependence
                return self.box(node.args[0].args[int(node.param[0])])
            case Form.JOINT:
                raise _refuse(node, "a correlation's joint node has no value of its own")
            case _:
                assert_never(form)

    def _combined(self, node: Estimate) -> _Box:
        terms = self.terms(node)
        boxes = [_point(terms.shift, self.levels)] if not terms.boxes else (
            [_shifted(terms.boxes[0], terms.shift), *terms.boxes[1:]])
        summed = boxes[0] if len(boxes) == 1 else _sum_boxes(boxes)
        if terms.back is None:
            return summed
        return _mapped(summed, terms.back, terms.increasing)

    def terms(self, node: Estimate) -> _Terms:
        """``node`` as a sum of terms: a sum's (with a shift), or a product's in
        logarithms (mapped back by ``exp`` and the coefficient)."""
        if node.form is Form.POWER and not node.args[1].is_constant:
            raise _refuse(node, "an uncertain exponent (only constant powers of "
                                "positive quantities)")
        if node.form in (Form.PRODUCT, Form.POWER) and not _is_scaling(node):
            return self._product_terms(node)
        if node.form not in (Form.SUM, Form.NEGATE, Form.CONVERT, Form.PRODUCT):
            return _Terms([self.box(node)], [node], [1.0])
        flat = flatten(node, Structure.SUM)
        shift = flat.constant
        terms = _Terms([], [], [])
        for key, weight in flat.weights.items():
            if weight == 0.0:  # cancelled: x − x
                continue
            box = self.box(flat.atoms[key])
            value = box.point_value()
            if value is not None:
                shift += weight * value
            else:
                terms.boxes.append(_scaled(box, weight))
                terms.atoms.append(flat.atoms[key])
                terms.weights.append(weight)
        return replace(terms, shift=shift)

    def _product_terms(self, node: Estimate) -> _Terms:
        from ranges.core._render import expression

        flat = flatten(node, Structure.PRODUCT)
        coefficient = flat.constant
        logs = _Terms([], [], [], inner=np.log)
        for key, power in flat.weights.items():
            if power == 0.0:  # cancelled: x / x
                continue
            atom = flat.atoms[key]
            box = self.box(atom)
            value = box.point_value()
            if value is not None:
                if value == 0.0 and power < 0:
                    raise _refuse(node, f"it divides by {expression(atom)}, which is 0")
                if value < 0 and not float(power).is_integer():
                    raise _refuse(node, f"a fractional power of {expression(atom)}, "
                                        "which is negative")
                coefficient *= value**power
                continue
            flip = box.hi[-1] <= 0 and float(power).is_integer()
            if flip:
                # never positive: −atom is a positive factor, the sign joins the coefficient
                box, coefficient = _negated(box), coefficient * (-1.0) ** power
            elif box.lo[0] < 0:
                raise _refuse(node, f"{expression(atom)} can be negative (bounds under any "
                                    "dependence cover products, ratios and powers of "
                                    "quantities of one sign only)")
            with np.errstate(divide="ignore"):
                logs.boxes.append(_scaled(_mapped(box, np.log, True), power))
            logs.atoms.append(atom)
            logs.weights.append(power)
            logs.negated.append(flip)
        if not math.isfinite(coefficient):
            raise _refuse(node, "a constant factor that is not finite")
        if coefficient == 0.0 or not logs.boxes:
            return _Terms([], [], [], shift=coefficient)
        scale = coefficient

        def back(s: FloatArray) -> FloatArray:
            return np.asarray(scale * np.exp(s), dtype=float)

        return replace(logs, back=back, increasing=coefficient > 0)

    def _elementwise(self, node: Estimate) -> _Box:
        child = self.box(node.args[0])
        func, increasing = self._monotone(node, child)
        box = _mapped(child, func, increasing)
        return box

    def _monotone(self, node: Estimate, child: _Box
                  ) -> tuple[Callable[[FloatArray], FloatArray], bool]:
        """The function of an elementwise node and whether it increases over the
        child's values; refused when it is not monotone there or leaves its domain."""
        spec = SPECS[node.op]
        assert spec.numpy is not None
        func = spec.numpy
        low, high = float(child.lo[0]), float(child.hi[-1])
        if spec.monotone is Monotonicity.NEITHER:
            if node.op in _MONOTONE_EACH_SIDE_OF_ZERO and (low >= 0 or high <= 0):
                return func, low >= 0
            raise _refuse(node, f"{node.op.value} is not monotone over the values of its "
                                f"argument ({low:g} to {high:g})")
        if spec.domain is not None and low < spec.domain.low:
            raise _refuse(node, f"{node.op.value} of a quantity that can reach {low:g}, "
                                f"below {spec.domain.low:g}")
        return func, spec.monotone is Monotonicity.INCREASING


#: functions monotone on each side of 0 (decreasing below, increasing above)
_MONOTONE_EACH_SIDE_OF_ZERO: Final = frozenset({Op.ABS, Op.SQUARE})


# -- levels and cells ----------------------------------------------------------------------
def _check_q(q: float) -> float:
    try:
        value = float(q)
    except (TypeError, ValueError):
        raise InputError(f"q must be a probability, got {q!r}") from None
    if not 0.0 < value < 1.0:
        raise InputError(
            f"q must be strictly between 0 and 1 (0.05 is the 5th percentile), got {q!r}"
        )
    return value


def _check_levels(levels: int | None) -> int:
    if levels is None:
        return DEFAULT_LEVELS
    if isinstance(levels, bool) or not isinstance(levels, int | np.integer) \
            or not MIN_LEVELS <= levels <= MAX_LEVELS:
        raise InputError(
            f"levels must be a whole number from {MIN_LEVELS} to {MAX_LEVELS:,} (the "
            f"probability levels of the discretisation), got {levels!r}"
        )
    return int(levels)


def levels_for(q: float, levels: int) -> int:
    """The number of levels, from ``levels`` up, that puts ``q`` nearest the middle of a
    cell (a level on a cell's edge would widen the bounds to two cells).

    >>> levels_for(0.05, 2000)
    2010
    """
    def off_middle(n: int) -> float:
        return abs((q * n) % 1.0 - 0.5)

    return min(range(levels, levels + 64), key=lambda n: (off_middle(n), n))


def _cells(q: float, levels: int) -> tuple[int, int]:
    """The cell whose lower bound bounds the lower q-quantile (the last cell starting
    below q) and the cell whose upper bound bounds the upper q-quantile (the first
    cell ending above q): the same cell unless q is on an edge."""
    scaled = q * levels
    return max(0, math.ceil(scaled) - 1), min(levels - 1, math.floor(scaled))


def _cell_interval(box: _Box, q: float) -> Interval:
    low_cell, high_cell = _cells(q, box.lo.size)
    return Interval(float(box.lo[low_cell]), float(box.hi[high_cell]))


# -- the rearrangement algorithm -------------------------------------------------------------
def rearranged_minimum(columns: list[FloatArray], *, seed: int = _RA_SEED) -> float | None:
    """The largest smallest row sum that the rearrangement algorithm finds for a
    matrix with the given columns (each column's values may be put in any order).

    Each column in turn is ordered oppositely to the sum of the other columns, until a
    sweep changes nothing (Embrechts, Puccetti and Rüschendorf 2013); the start is a
    random arrangement (seeded: the same columns give the same answer). The answer is
    the smallest row sum of an arrangement actually reached. +∞ entries are allowed
    (a row holding one has an infinite sum); None when a column holds −∞ or NaN.

    >>> x = np.arange(4.0)
    >>> rearranged_minimum([x, x])  # 0+3, 1+2, 2+1, 3+0
    3.0
    """
    matrix = np.column_stack([np.asarray(c, dtype=float) for c in columns])
    if np.isnan(matrix).any() or np.isneginf(matrix).any():
        return None
    rows, width = matrix.shape
    infinite = np.isposinf(matrix)
    finite_size = float(np.max(np.abs(matrix[~infinite]), initial=0.0))
    # +∞ is held as a finite value larger than any finite row sum could reach
    big = 4.0 * width * finite_size + 1.0
    matrix[infinite] = big
    rng = np.random.default_rng(seed)
    for k in range(width):
        matrix[:, k] = matrix[rng.permutation(rows), k]
    descending = [np.sort(matrix[:, k])[::-1] for k in range(width)]
    best = -math.inf
    unchanged_sweeps = 0
    for _ in range(_MAX_SWEEPS):
        changed = False
        total = matrix.sum(axis=1)
        for k in range(width):
            others = total - matrix[:, k]
            column = np.empty(rows)
            column[np.argsort(others, kind="stable")] = descending[k]
            if not np.array_equal(column, matrix[:, k]):
                changed = True
                matrix[:, k] = column
                total = others + column
        smallest = float(matrix.sum(axis=1).min())
        unchanged_sweeps = unchanged_sweeps + 1 if smallest <= best else 0
        best = max(best, smallest)
        if not changed or unchanged_sweeps >= 3:
            break
    return math.inf if best >= big / 2 else best


def _worst(columns: list[FloatArray]) -> float | None:
    """The rearrangement estimate of the largest possible quantile (columns: upper tails)."""
    return rearranged_minimum(columns) if columns else None


def _best(columns: list[FloatArray]) -> float | None:
    """The rearrangement estimate of the smallest possible quantile (columns: lower
    tails), by the mirror image of :func:`_worst`."""
    worst = rearranged_minimum([-c for c in columns]) if columns else None
    return None if worst is None else -worst


# -- the answer ----------------------------------------------------------------------------
@dataclass(frozen=True)
class DependenceBounds:
    """Bounds on the q-quantile of an estimate under any dependence between its inputs.

    ``interval`` is the answer; ``guaranteed`` holds for every coupling (pairwise
    Williamson–Downs bounds, narrowed for three or more terms by the terms' tail means);
    ``pairwise`` is the Williamson–Downs interval alone; ``rearrangement`` the
    rearrangement algorithm's estimate of the sharp bounds on the outward
    discretisation (None when it did not apply: fewer than three terms); ``attained``
    quantiles that explicit couplings reach (None unless the terms share no input), so
    the sharp bounds lie outside it; ``terms`` the number of terms of the outermost sum
    or product (1 when there is none); ``levels`` the number of probability levels;
    ``method`` says in words what was done.

    >>> import ranges as rg
    >>> x = rg.between(0, 1, shape="bounds")
    >>> dependence_bounds(x + rg.exactly(2), 0.5).terms
    1
    """

    q: float
    interval: Interval
    guaranteed: Interval
    pairwise: Interval
    rearrangement: Interval | None
    attained: Interval | None
    terms: int
    levels: int
    method: str


Map = tuple[Callable[[FloatArray], FloatArray], bool]


def _map_interval(interval: Interval, maps: list[Map]) -> Interval:
    """``interval`` pushed through monotone maps, innermost (last) first."""
    low, high = interval.low, interval.high
    for func, increasing in reversed(maps):
        with np.errstate(all="ignore"):
            a, b = (float(v) for v in func(np.array([low, high])))
        low, high = (a, b) if increasing else (b, a)
    if math.isnan(low) or math.isnan(high):
        raise DependenceError("bounds under any dependence: a function of the bounds is "
                              "not a number")
    return Interval(low, high)


def _core(root: Estimate, builder: _Builder) -> tuple[list[Map], _Terms | None]:
    """The outermost sum (or product, in logarithms) of two or more terms, and the
    monotone maps (outermost first) that lead from its value to the root's: affine
    maps, negation, monotone functions, one factor to a power. None when there is no
    such sum (the root is a leaf, or a function of one leaf)."""
    maps: list[Map] = []
    node = root
    while True:
        if node.form is Form.ELEMENTWISE:
            maps.append(builder._monotone(node, builder.box(node.args[0])))
            node = node.args[0]
            continue
        if node.form not in _COMBINING:
            return maps, None
        terms = builder.terms(node)
        if len(terms.boxes) >= 2:
            return maps, terms
        if not terms.boxes or terms.atoms[0] is node:
            return maps, None
        maps.append(_one_term_map(terms))
        node = terms.atoms[0]


_COMBINING: Final = frozenset({Form.SUM, Form.NEGATE, Form.CONVERT, Form.PRODUCT, Form.POWER})


def _one_term_map(terms: _Terms) -> Map:
    """The map from the one atom of ``terms`` to the node: ``back(w·inner(x) + shift)``."""
    weight, shift = terms.weights[0], terms.shift
    inner = terms.inner or _identity
    back = terms.back or _identity
    sign = -1.0 if terms.negated and terms.negated[0] else 1.0

    def func(x: FloatArray) -> FloatArray:
        with np.errstate(divide="ignore"):
            return back(weight * inner(sign * x) + shift)

    return func, ((weight > 0) == terms.increasing) == (sign > 0)


def _lower_tail_mean(lo: FloatArray, q: float) -> float:
    """A lower bound of the mean of X's lower q tail, (1/q)∫₀^q Q(u) du, from the box's
    lower array (Q(u) >= lo[i] in cell i; the cell holding q counts in part)."""
    levels = lo.size
    whole = min(levels, math.floor(q * levels))
    part = q - whole / levels
    total = float(np.sum(lo[:whole])) / levels
    if part > 0:
        total += part * float(lo[whole])
    return total / q


def _upper_tail_mean(hi: FloatArray, q: float) -> float:
    """An upper bound of the mean of X's upper (1 − q) tail, from the box's upper array."""
    return -_lower_tail_mean(-hi[::-1], 1.0 - q)


@dataclass(frozen=True)
class _Sharpened:
    guaranteed: Interval
    pairwise: Interval
    rearrangement: Interval | None
    attained: Interval | None


def _bounds_of_sum(terms: _Terms, q: float) -> _Sharpened:
    """The bounds on the q-quantile of ``Σ boxes + shift`` (see the module docstring)."""
    boxes, shift = terms.boxes, terms.shift
    levels = boxes[0].lo.size
    low_cell, high_cell = _cells(q, levels)
    pair_low = float(_summed_lo(boxes, low_cell + 1)[low_cell])
    pair_high = float(_summed_hi(boxes, levels - high_cell)[levels - high_cell - 1])
    with np.errstate(invalid="ignore"):
        mean_low = sum(_lower_tail_mean(b.lo, q) for b in boxes)
        mean_high = sum(_upper_tail_mean(b.hi, q) for b in boxes)
    low = max(pair_low, mean_low) if not math.isnan(mean_low) else pair_low
    high = min(pair_high, mean_high) if not math.isnan(mean_high) else pair_high
    pairwise = Interval(pair_low + shift, pair_high + shift)
    guaranteed = Interval(low + shift, high + shift)
    rearrangement = None
    if len(boxes) >= 3:
        # outward: the level one cell beyond q on each side, the values outward
        best = _best([b.lo[:low_cell] for b in boxes]) if low_cell > 0 else None
        worst = _worst([b.hi[high_cell + 1:] for b in boxes]) if high_cell < levels - 1 \
            else None
        rearrangement = Interval(
            -math.inf if best is None else best + shift,
            math.inf if worst is None else worst + shift,
        )
    attained = None
    disjoint = sum(len(b.sources) for b in boxes) == len(frozenset().union(
        *(b.sources for b in boxes)))
    # a mixture's choice is independent of the other terms: a coupling that reaches the
    # inward bounds may need it not to be (see "Mixtures" in the module docstring)
    chosen = any(node.op is Op.MIXTURE for atom in terms.atoms for node in atom.walk())
    if disjoint and not chosen:
        # inward: explicit couplings reach these (see the module docstring)
        best = _best([b.hi[:high_cell + 1] for b in boxes])
        worst = _worst([b.lo[low_cell:] for b in boxes])
        if best is not None and worst is not None and best <= worst:
            attained = Interval(best + shift, worst + shift)
    return _Sharpened(guaranteed, pairwise, rearrangement, attained)


def _final(sharp: _Sharpened, rearrangement: bool) -> Interval:
    """The answer: the guaranteed interval; with ``rearrangement``, narrowed by the
    rearrangement estimate (not proven), never narrower than what explicit couplings
    attain."""
    low, high = sharp.guaranteed.low, sharp.guaranteed.high
    if not rearrangement:
        return sharp.guaranteed
    if sharp.rearrangement is not None:
        low = max(low, sharp.rearrangement.low)
        high = min(high, sharp.rearrangement.high)
    if sharp.attained is not None:
        low = min(low, sharp.attained.low)
        high = max(high, sharp.attained.high)
    return Interval(low, high) if low <= high else sharp.guaranteed


def dependence_bounds(est: Estimate, q: float, *, levels: int | None = None,
                      rearrangement: bool = False) -> DependenceBounds:
    """Bounds on the q-quantile of ``est`` that hold for every dependence between its
    inputs, with the details (see :class:`DependenceBounds` and the module docstring).

    ``levels`` is the number of probability levels of the discretisation (default
    2,000; raised by up to 63 so that q falls mid-cell). With ``rearrangement=True``
    the answer is narrowed by the rearrangement algorithm's estimate of the sharp
    bounds (closer to the truth, but not proven to hold). Refuses, with a
    :class:`~ranges.errors.DependenceError` naming the part it cannot bound, minima and
    maxima, products of quantities that can be negative, uncertain exponents
    and functions that are not monotone over their argument's values.

    >>> import ranges as rg
    >>> parts = [rg.between(0, 1, shape="bounds") for _ in range(3)]
    >>> found = dependence_bounds(sum(parts), 0.9)
    >>> round(found.pairwise.high, 2), round(found.interval.high, 2)  # sharp: 3 × 0.95
    (2.9, 2.85)
    >>> round(found.rearrangement.high, 2)
    2.85
    """
    q = _check_q(q)
    count = levels_for(q, _check_levels(levels))
    builder = _Builder(count)
    maps, core = _core(est, builder)
    if core is None:
        interval = _cell_interval(builder.box(est), q)
        return DependenceBounds(q, interval, interval, interval, None, None, 1, count,
                                f"the quantile function on {count:,} levels (one input)")
    if core.back is not None:
        maps.append((core.back, core.increasing))
    increasing = sum(not up for _, up in maps) % 2 == 0
    sharp = _bounds_of_sum(core, q if increasing else 1.0 - q)
    guaranteed = _map_interval(sharp.guaranteed, maps)
    pairwise = _map_interval(sharp.pairwise, maps)
    interval = _map_interval(_final(sharp, rearrangement), maps)
    estimate = None if sharp.rearrangement is None else _map_interval(
        sharp.rearrangement, maps)
    attained = None if sharp.attained is None else _map_interval(sharp.attained, maps)
    what = "product" if core.inner is not None else "sum"
    terms = len(core.boxes)
    method = (f"pairwise (Williamson–Downs) bounds on {count:,} probability levels over "
              f"a {what} of {terms} terms")
    if estimate is not None:
        method += (", narrowed by the terms' tail means (proven); the rearrangement "
                   "algorithm's estimate of the sharp bounds is reported beside it")
    return DependenceBounds(q, interval, guaranteed, pairwise, estimate, attained,
                            terms, count, method)


def quantile_bounds(est: Estimate, q: float, *, levels: int | None = None,
                    rearrangement: bool = False) -> Interval:
    """The interval of :func:`dependence_bounds` alone (``Estimate.quantile_bounds``).

    >>> import ranges as rg
    >>> x = rg.between(10, 20, shape="bounds")
    >>> quantile_bounds(x - x + 3, 0.5)
    Interval(3, 3)
    """
    return dependence_bounds(est, q, levels=levels, rearrangement=rearrangement).interval


# -- the probability box, for plots --------------------------------------------------------
@dataclass(frozen=True, eq=False)
class PBox:
    """The probability box of an estimate under any dependence between its inputs: for
    every coupling and every level u strictly between ``levels[i]`` and
    ``levels[i + 1]``, the u-quantile lies between ``lower_quantile[i]`` and
    ``upper_quantile[i]``. ``levels`` holds the N + 1 cell edges 0, 1/N, …, 1; the two
    quantile arrays hold N values each, non-decreasing, possibly infinite at the ends.

    :meth:`cdf_bounds` gives the same box as bounds on the CDF, for drawing: the
    smallest and the largest possible P(result <= x).

    >>> import ranges as rg
    >>> box = dependence_pbox(rg.between(0, 1, shape="bounds") * 2, levels=10)
    >>> box.levels.size, box.lower_quantile[:3].tolist()
    (11, [0.0, 0.2, 0.4])
    """

    levels: FloatArray
    lower_quantile: FloatArray
    upper_quantile: FloatArray

    def quantile_bounds(self, q: float) -> Interval:
        """Bounds on the q-quantile read from the box (pairwise bounds only: the
        rearrangement algorithm sharpens single quantiles, see
        :func:`dependence_bounds`).

        >>> import ranges as rg
        >>> dependence_pbox(rg.between(0, 1, shape="bounds"), levels=10).quantile_bounds(0.55)
        Interval(0.5, 0.6)
        """
        lo, hi = self.lower_quantile, self.upper_quantile
        return _cell_interval(_Box(lo, hi, frozenset()), _check_q(q))

    def cdf_bounds(self, x: ArrayLike) -> tuple[FloatArray, FloatArray]:
        """The lowest and highest possible P(result <= x) at each x, under any
        dependence: two arrays shaped like ``x`` (step functions of x).

        >>> import ranges as rg
        >>> box = dependence_pbox(rg.between(0, 1, shape="bounds"), levels=10)
        >>> [a.tolist() for a in box.cdf_bounds([0.25, 2.0])]
        [[0.2, 1.0], [0.3, 1.0]]
        """
        points = np.asarray(x, dtype=float)
        n = self.lower_quantile.size
        lowest = np.searchsorted(self.upper_quantile, points, side="right") / n
        highest = np.searchsorted(self.lower_quantile, points, side="right") / n
        return np.asarray(lowest, dtype=float), np.asarray(highest, dtype=float)


def dependence_pbox(est: Estimate, *, levels: int | None = None) -> PBox:
    """The probability box of ``est`` under any dependence between its inputs, on
    ``levels`` probability levels (default 2,000): what a plot of the bounds needs.
    Pairwise (Williamson–Downs) bounds throughout; refusals as :func:`dependence_bounds`.

    >>> import ranges as rg
    >>> a, b = rg.between(0, 1, shape="bounds"), rg.between(0, 1, shape="bounds")
    >>> box = dependence_pbox(a + b, levels=100)
    >>> low, high = box.cdf_bounds(1.0)
    >>> float(low), float(high)  # P(a + b <= 1) can be anything from 0 to 1
    (0.0, 1.0)
    """
    count = _check_levels(levels)
    box = _Builder(count).box(est)
    lower, upper = box.lo.copy(), box.hi.copy()
    edges = np.arange(count + 1) / count
    for array in (edges, lower, upper):
        array.setflags(write=False)
    return PBox(edges, lower, upper)
