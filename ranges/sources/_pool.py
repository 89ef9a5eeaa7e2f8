"""Pooling sources that disagree: :func:`pool`.

Several sources give their own estimate of one quantity ("the UN says 10,000–12,000,
the ministry 14,000–16,000"). Pooling makes one estimate of them, each source with a
weight (equal unless given; normalised to add up to 1):

* the **linear pool** (:attr:`PoolMethod.LINEAR`, the default) is the mixture: each
  draw comes from one source, chosen with the weights. Its CDF is the weighted sum of
  the sources' CDFs. It keeps every source's view: two sources that disagree give a
  two-humped answer, wide enough to hold both. It is a
  :func:`~ranges.core._graph.mixture` node, so the sources keep their inputs (a source
  used elsewhere in the graph is the same draw there).
* the **log pool** (:attr:`PoolMethod.LOG`) has the density proportional to
  ``f_1(x)^w_1 × … × f_n(x)^w_n``: a compromise where the sources agree, narrower
  than any of them when they agree, and nothing where one of them rules a value out.
  It is computed once into a new input of its own (independent of the sources'
  inputs): in closed form when every source is a normal (the precision-weighted
  normal) or every source is a lognormal (the same in log space), else on a fine grid
  from each source's density (a leaf's distribution, or the exact engine's result for
  a derived source). A source that can only be sampled, an exact figure (no density)
  and sources that do not overlap are refused with the reason.

Every pool remembers its sources, their names and weights (:func:`pool_sources`, for
plots), and says how it pooled them in the summary's assumptions.

>>> import ranges as rg
>>> un = rg.between(10_000, 12_000, name="UN")
>>> ministry = rg.between(14_000, 16_000, name="ministry")
>>> both = rg.pool([un, ministry], weights=[3, 1])
>>> both.summary(n=2_000, rng=1).assumptions
['pooled 2 sources (linear pool: a mixture): UN 75%, ministry 25%']
>>> round(rg.pool([rg.normal(10, 2), rg.normal(14, 2)], method="log").mean(), 6)
12.0
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

import numpy as np

from ranges._kinds import Stated
from ranges.core import _units as units
from ranges.core._graph import Estimate, _converted, as_estimate, mixture
from ranges.core._interval import Interval
from ranges.core._ops import Op
from ranges.distributions._derived import GridDistribution
from ranges.distributions._families import (
    Distribution,
    FloatArray,
    LogNormal,
    Normal,
    PointMass,
)
from ranges.errors import EngineError, InputError, RangesError
from ranges.reading._policy import LeafSpec, ReadingNote


class PoolMethod(StrEnum):
    """How :func:`pool` combines sources (a ``str`` enumeration: ``"linear"``,
    ``"log"``).

    >>> import ranges as rg
    >>> rg.PoolMethod("log"), rg.PoolMethod.LINEAR == "linear"
    (<PoolMethod.LOG: 'log'>, True)
    """

    #: the mixture: each draw from one source, chosen with the weights
    LINEAR = "linear"
    #: the density proportional to the product of the sources' densities to their
    #: weights
    LOG = "log"

    @classmethod
    def parse(cls, value: PoolMethod | str) -> PoolMethod:
        """The method named ``value`` (any case), or an InputError naming the valid ones.

        >>> PoolMethod.parse("Log")
        <PoolMethod.LOG: 'log'>
        """
        if isinstance(value, str):
            try:
                return cls(value.lower())
            except ValueError:
                pass
        valid = ", ".join(repr(m.value) for m in cls)
        raise InputError(f"unknown pooling method {value!r}; valid methods are: {valid}")


#: how each method is described in the assumption sentence
_METHOD_WORDS: Final = {
    PoolMethod.LINEAR: "linear pool: a mixture",
    PoolMethod.LOG: "log pool: density proportional to the product of the sources' "
                    "densities to their weights",
}


@dataclass(frozen=True, eq=False)
class PooledSource:
    """One source of a pool: its ``name``, its normalised ``weight``, its ``estimate``
    (in the pool's unit) and the pool's ``method``.

    >>> import ranges as rg
    >>> pooled = rg.pool([rg.exactly(10), rg.exactly(20)], weights=[1, 3], names=["A", "B"])
    >>> first = rg.pool_sources(pooled)[0]
    >>> first.name, first.weight, first.method.value
    ('A', 0.25, 'linear')
    """

    name: str
    weight: float
    estimate: Estimate
    method: PoolMethod


class PooledEstimate(Estimate):
    """An estimate pooled from several sources: a mixture node (linear pool) or a leaf
    (log pool) that also keeps its sources (:attr:`sources`). It computes and combines
    like any other Estimate, and pickles with its sources."""

    __slots__ = ("method", "sources")

    method: PoolMethod
    sources: tuple[PooledSource, ...]

    def __init__(self, op: Op, args: tuple[Estimate, ...], unit: Any, *,
                 sources: tuple[PooledSource, ...], method: PoolMethod,
                 leaf: LeafSpec | None = None, param: tuple[float, ...] = (),
                 name: str | None = None, label: str | None = None) -> None:
        super().__init__(op, args, unit, leaf=leaf, param=param, name=name, label=label)
        self.sources = sources
        self.method = method

    @property
    def own_assumption(self) -> str | None:
        """The pooling sentence of a linear pool (a log pool is a leaf whose reading note
        holds it, so it is not repeated here)."""
        return None if self.is_leaf else describe_pool(self.sources, self.method)

    def labelled(self, label: str) -> Estimate:
        """The same pool shown as ``label`` (a log pool stays one input, with its
        sources)."""
        if not self.is_leaf:
            raise InputError("only an input (a leaf) can be labelled")
        return PooledEstimate(self.op, (), self.unit, sources=self.sources,
                              method=self.method, leaf=self.leaf, name=self.name,
                              label=label)

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_pool, (self.op.value, self.args, units.to_text(self.unit),
                                self.leaf, self.param, self.name, self.label,
                                self.sources, self.method.value))


def _rebuild_pool(op: str, args: tuple[Estimate, ...], unit: str, leaf: LeafSpec | None,
                  param: tuple[float, ...], name: str | None, label: str | None,
                  sources: tuple[PooledSource, ...], method: str) -> PooledEstimate:
    return PooledEstimate(Op(op), args, units.resolve(unit), sources=sources,
                          method=PoolMethod(method), leaf=leaf, param=param, name=name,
                          label=label)


def describe_pool(sources: Sequence[PooledSource], method: PoolMethod,
                  detail: str = "") -> str:
    """The assumption sentence of a pool: its method and each source's name and weight.

    >>> import ranges as rg
    >>> s = [PooledSource("UN", 0.5, rg.exactly(1), PoolMethod.LINEAR),
    ...      PooledSource("NGO", 0.5, rg.exactly(2), PoolMethod.LINEAR)]
    >>> describe_pool(s, PoolMethod.LINEAR)
    'pooled 2 sources (linear pool: a mixture): UN 50%, NGO 50%'
    """
    how = _METHOD_WORDS[method] + (f"; {detail}" if detail else "")
    shares = ", ".join(f"{s.name} {_percent(s.weight)}" for s in sources)
    return f"pooled {len(sources)} source{'s' if len(sources) != 1 else ''} ({how}): {shares}"


def _percent(weight: float) -> str:
    """A weight as a percentage with up to 3 significant figures: 0.3333 → "33.3%"."""
    return f"{100 * weight:.3g}%"


def pool(
    estimates: Sequence[Estimate | float],
    weights: Sequence[float] | None = None,
    method: PoolMethod | str = PoolMethod.LINEAR,
    names: Sequence[str] | None = None,
) -> PooledEstimate:
    """One estimate from several sources' estimates of one quantity (see the module
    docstring for the two methods). ``weights`` default to equal and are normalised;
    ``names`` default to each estimate's name or label, else "source 1", "source 2"...
    The estimates' units must be compatible: all are expressed in a common unit.

    >>> import ranges as rg
    >>> p = rg.pool([rg.exactly(10), rg.exactly(20)], weights=[1, 3], names=["A", "B"])
    >>> [(s.name, s.weight) for s in rg.pool_sources(p)]
    [('A', 0.25), ('B', 0.75)]
    >>> round(p.mean(n=100_000, rng=0), 1)
    17.5
    """
    chosen = PoolMethod.parse(method)
    parts = [as_estimate(e) for e in estimates]
    if not parts:
        raise InputError("a pool needs at least one source's estimate")
    shares = _normalised(weights, len(parts))
    labels = _names(parts, names)
    unit = parts[0].unit
    for part in parts[1:]:
        unit = units.combine_compare(unit, part.unit)[0]
    # every source in the common unit, as a mixture does it
    in_unit = [_in_unit(p, unit) for p in parts]
    sources = tuple(PooledSource(name, share, est, chosen)
                    for name, share, est in zip(labels, shares, in_unit, strict=True))
    if chosen is PoolMethod.LINEAR:
        node = mixture(in_unit, shares)
        return PooledEstimate(node.op, node.args, node.unit, sources=sources, method=chosen,
                              param=node.param)
    return _log_pool(sources, unit)


def _in_unit(part: Estimate, unit: Any) -> Estimate:
    """``part`` in the pool's unit, converted as :func:`~ranges.core._graph.mixture`
    does (people for headcount nouns that differ)."""
    return _converted(part, units.conversion_factor(part.unit, unit), unit)


def _normalised(weights: Sequence[float] | None, count: int) -> list[float]:
    if weights is None:
        return [1.0 / count] * count
    if len(weights) != count:
        raise InputError(f"a pool got {count} sources but {len(weights)} weights")
    try:
        values = [float(w) for w in weights]
    except (TypeError, ValueError) as err:
        raise InputError(f"pool weights must be numbers, got {list(weights)!r}") from err
    if any(not math.isfinite(w) or w < 0 for w in values) or sum(values) <= 0:
        raise InputError(f"pool weights must be non-negative and not all zero, got {values}")
    total = sum(values)
    return [w / total for w in values]


def _names(parts: list[Estimate], names: Sequence[str] | None) -> list[str]:
    if names is None:
        return [p.name or p.label or f"source {i}" for i, p in enumerate(parts, 1)]
    if isinstance(names, str) or len(names) != len(parts):
        raise InputError(f"a pool got {len(parts)} sources but names={names!r}; give one "
                         "name for each source")
    return [str(n) for n in names]


def pool_sources(est: Estimate) -> list[PooledSource]:
    """The sources of a pool: name, weight, estimate and method of each. ``est`` is a
    pool, or a graph holding exactly one pool (a text's total with one group of rival
    estimates, say).

    >>> import ranges as rg
    >>> p = rg.pool([rg.between(1, 2, name="a"), rg.between(2, 3, name="b")])
    >>> [s.name for s in pool_sources(p + 10)]
    ['a', 'b']
    """
    if isinstance(est, PooledEstimate):
        return list(est.sources)
    found = [node for node in est.walk() if isinstance(node, PooledEstimate)]
    if len(found) == 1:
        return list(found[0].sources)
    if not found:
        raise InputError("this estimate pools no sources (make one with ranges.pool)")
    raise InputError(f"this estimate holds {len(found)} pools; pass the one whose sources "
                     "you want")


# -- the log pool ----------------------------------------------------------------------
#: the tail probability cut from each source before the grid is laid
TAIL: Final = 1e-10
#: cells of the fine grid (the answer is compared with one of half as many)
GRID_CELLS: Final = 1 << 15
#: probabilities at which the two grids must agree
_PROBES: Final = np.array([0.001, 0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99, 0.999])
#: how closely (relative to the 0.1%–99.9% width) the two grids must agree
GRID_RTOL: Final = 1e-4
#: cells of a coarse pass, and the most passes that zoom in on the pooled mass
_COARSE_CELLS: Final = 4096
_ZOOMS: Final = 8


def _log_pool(sources: tuple[PooledSource, ...], unit: Any) -> PooledEstimate:
    used = [s for s in sources if s.weight > 0]
    dists = [_density_of(s) for s in used]
    weights = [s.weight for s in used]
    dist, how = _pooled_distribution(dists, weights)
    stated = _hull_of_bounds(sources, dist)
    sentence = describe_pool(sources, PoolMethod.LOG, how)
    note = ReadingNote(kind=Stated.POOLED, shape=dist.family, low=stated.low,
                       high=stated.high,
                       rule=f"log pool of {len(sources)} sources ({how})",
                       assumption=sentence + "; a new input, independent of the sources' "
                                             "inputs")
    return PooledEstimate(Op.LEAF, (), unit, sources=sources, method=PoolMethod.LOG,
                          leaf=LeafSpec(dist, stated, note))


def _density_of(source: PooledSource) -> Distribution:
    """A source's distribution, for its density: a leaf's own, else the exact engine's."""
    from ranges.engines._exact import Unsupported, reduce_exactly

    est = source.estimate
    if est.is_leaf:
        assert est.leaf is not None
        dist = est.leaf.distribution
    else:
        try:
            dist = reduce_exactly(est)[0]
        except Unsupported as why:
            raise EngineError(
                f"a log pool needs each source's density, and source {source.name!r} can "
                f"only be sampled (the exact engine cannot compute it: {why.reason}); use "
                "method='linear'") from None
    if isinstance(dist, PointMass):
        raise InputError(
            f"source {source.name!r} is an exact figure ({dist.value:g}): it has no "
            "density, so a log pool is not defined; give it a range, or use "
            "method='linear'")
    return dist


def _pooled_distribution(dists: list[Distribution], weights: list[float]
                         ) -> tuple[Distribution, str]:
    """The log pool of ``dists`` with ``weights`` (adding up to 1), and how it was found."""
    if all(type(d) is Normal for d in dists):
        mu, sigma = _precision_weighted([(d.mean(), d.std()) for d in dists], weights)
        return Normal(mu, sigma), "closed form: precision-weighted normal"
    if all(type(d) is LogNormal for d in dists):
        pairs = [(d.mu, d.sigma) for d in dists if isinstance(d, LogNormal)]
        mu, sigma = _precision_weighted(pairs, weights)
        return LogNormal(mu, sigma), "closed form: precision-weighted lognormal (in log space)"
    return _grid_pool(dists, weights), f"computed on a grid of {GRID_CELLS:,} cells"


def _precision_weighted(pairs: list[tuple[float, float]], weights: list[float]
                        ) -> tuple[float, float]:
    """The normal whose density is proportional to ∏ N(mu_i, sigma_i)^w_i."""
    precision = sum(w / s**2 for (_, s), w in zip(pairs, weights, strict=True))
    mean = sum(w * m / s**2 for (m, s), w in zip(pairs, weights, strict=True)) / precision
    return mean, 1.0 / math.sqrt(precision)


def _not_overlapping() -> InputError:
    return InputError(
        "the sources do not overlap: the product of their densities is zero (or lies "
        f"beyond the {TAIL:g} tails of a source, where densities are not known well), "
        "so a log pool says nothing; use method='linear' (a mixture keeps every source's "
        "view)")


def _log_density(dists: list[Distribution], weights: list[float], x: FloatArray
                 ) -> FloatArray:
    total = np.zeros_like(x)
    with np.errstate(divide="ignore", invalid="ignore"):
        for dist, weight in zip(dists, weights, strict=True):
            total += weight * np.log(np.asarray(dist.pdf(x), dtype=float))
    return np.asarray(np.where(np.isnan(total), -np.inf, total), dtype=float)


def _grid_masses(dists: list[Distribution], weights: list[float], low: float, high: float,
                 cells: int) -> tuple[float, float, FloatArray]:
    """Cell centres' start, the step, and the (unnormalised) masses of the pooled density
    on ``cells`` cells covering [low, high] (midpoint rule)."""
    step = (high - low) / cells
    centres = np.asarray(low + step * (np.arange(cells) + 0.5), dtype=float)
    logs = _log_density(dists, weights, centres)
    top = float(np.max(logs))
    if not math.isfinite(top):
        raise _not_overlapping()
    return float(centres[0]), step, np.asarray(np.exp(logs - top), dtype=float)


def _grid_pool(dists: list[Distribution], weights: list[float]) -> GridDistribution:
    """The log pool on a grid: the sources' common range, then a fine grid over where
    the pooled mass lies, checked against a grid of half as many cells."""
    spans = [tuple(float(v) for v in d.ppf([TAIL, 1.0 - TAIL])) for d in dists]
    low, high = max(a for a, _ in spans), min(b for _, b in spans)
    if not (math.isfinite(low) and math.isfinite(high)):
        raise EngineError("a source of the log pool has tails that cannot be located")
    if not low < high:
        raise _not_overlapping()
    # coarse passes find where the pooled mass lies (zooming in while that is much
    # narrower than the grid, as for long tails), then the fine grid covers just that
    for _ in range(_ZOOMS):
        start, step, masses = _grid_masses(dists, weights, low, high, _COARSE_CELLS)
        cumulative = np.cumsum(masses) / masses.sum()
        first = int(np.searchsorted(cumulative, 1e-13))
        last = int(np.searchsorted(cumulative, 1.0 - 1e-13))
        low = max(low, start + step * (first - 2))
        high = min(high, start + step * (last + 2))
        if last - first > _COARSE_CELLS // 8:
            break
    fine = GridDistribution(*_grid_masses(dists, weights, low, high, GRID_CELLS))
    coarse = GridDistribution(*_grid_masses(dists, weights, low, high, GRID_CELLS // 2))
    a, b = (np.asarray(g.ppf(_PROBES), dtype=float) for g in (fine, coarse))
    width = float(a[-1] - a[0])
    if not float(np.max(np.abs(a - b))) <= GRID_RTOL * max(width, 1e-300):
        raise EngineError(
            "the log pool's grid did not converge (the pooled density's tails are too "
            f"long, or a source's density too irregular, for a uniform grid of "
            f"{GRID_CELLS:,} cells); use method='linear'")
    return fine


def _hull_of_bounds(sources: Sequence[PooledSource], dist: Distribution) -> Interval:
    """The pool's stated range: the hull of its sources' range bounds (the distribution's
    support where a source has none)."""
    hull: Interval | None = None
    for source in sources:
        try:
            bound = source.estimate.bounds()
        except RangesError:
            low, high = dist.support()
            bound = Interval(low, high)
        hull = bound if hull is None else hull.hull(bound)
    assert hull is not None
    return hull


__all__ = ["PoolMethod", "PooledEstimate", "PooledSource", "describe_pool", "pool",
           "pool_sources"]
