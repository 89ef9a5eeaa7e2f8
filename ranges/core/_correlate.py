"""Inputs that move together: :func:`correlate` and :func:`comonotonic`.

Both put the inputs under one JOINT node of the graph and hand back one COMPONENT
node per input, to use in place of the input. Sampling engines draw each input as
usual and then reorder the draws (:mod:`ranges.engines._coupling`), so each input's
own distribution is unchanged. The exact engine convolves independent inputs only,
so a graph with a JOINT node is sampled (``engine="auto"`` says so in the summary's
engine parts; ``engine="exact"`` refuses with that reason).

>>> import ranges as rg
>>> a, b = rg.between(10, 12, name="a"), rg.between(3, 4, name="b")
>>> a2, b2 = correlate([a, b], 0.5)
>>> sorted(a2.sample(8, rng=1)) == sorted(a.sample(8, rng=1))  # the same draws, reordered
True
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ranges.core._graph import Estimate, replaced
from ranges.core._ops import Op
from ranges.errors import CorrelationError

if TYPE_CHECKING:
    from ranges.engines._seeding import SeedLike

FloatArray = NDArray[np.float64]

__all__ = ["Correlated", "comonotonic", "correlate", "joint_matrix"]

#: how far from symmetric, or below 0 in its eigenvalues, a matrix may be from rounding
_TOLERANCE = 1e-9


class Correlated(tuple[Estimate, ...]):
    """The estimates :func:`correlate` returns (unpack them like a tuple), with the
    requested rank correlation matrix and :meth:`achieved`.

    >>> import ranges as rg
    >>> pair = correlate([rg.between(1, 2), rg.between(3, 4)], 0.3)
    >>> pair.requested.tolist()
    [[1.0, 0.3], [0.3, 1.0]]
    """

    requested: FloatArray

    def __new__(cls, parts: Sequence[Estimate], requested: FloatArray) -> Correlated:
        made = super().__new__(cls, parts)
        made.requested = requested
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Correlated, (tuple(self), self.requested))

    def achieved(self, n: int | None = None, rng: SeedLike = None) -> FloatArray:
        """Spearman's rank correlation of these estimates' joint Monte Carlo draws
        (``ranges.defaults.n`` draws when ``n`` is None).

        >>> import ranges as rg
        >>> pair = correlate([rg.between(1, 2), rg.between(3, 4)], 0.6)
        >>> abs(float(pair.achieved(n=20_000, rng=2)[0, 1]) - 0.6) < 0.02
        True
        """
        from ranges.engines._coupling import rank_correlation
        from ranges.engines._montecarlo import run_graph

        joint = self[0].args[0]
        values, _ = run_graph(joint, _count(n), rng)
        return rank_correlation(np.asarray(values[id(joint)], dtype=float))


def _count(n: int | None) -> int:
    from ranges._config import defaults

    return defaults.n if n is None else n


def _check_inputs(inputs: Sequence[Any], what: str) -> list[Estimate]:
    parts = list(inputs)
    if len(parts) < 2:
        raise CorrelationError(f"{what} needs at least two inputs, got {len(parts)}")
    seen: set[int] = set()
    for i, part in enumerate(parts):
        if not isinstance(part, Estimate):
            raise CorrelationError(
                f"input {i + 1} of {what} is a {type(part).__name__}, not an estimate")
        if not (part.is_leaf and part.is_random):
            from ranges.core._render import expression

            reason = "is exact" if part.is_leaf or part.is_constant else \
                "is computed from other inputs; correlate the inputs it is made of"
            raise CorrelationError(
                f"input {i + 1} of {what} ({expression(part)}) {reason}: only an uncertain "
                "input read from a figure can be correlated")
        if id(part) in seen:
            raise CorrelationError(f"input {i + 1} of {what} is given twice")
        seen.add(id(part))
    return parts


def _matrix(rho: ArrayLike, k: int) -> FloatArray:
    """The k×k correlation matrix ``rho`` stands for, checked (see :func:`correlate`)."""
    if isinstance(rho, numbers.Real) and not isinstance(rho, bool):
        value = float(rho)
        if not math.isfinite(value) or abs(value) > 1:
            raise CorrelationError(
                f"a correlation must be between -1 and 1, got {value!r}")
        if value < -1.0 / (k - 1) - _TOLERANCE:
            raise CorrelationError(
                f"{k} inputs cannot all have correlation {value:g} with each other: the "
                f"most negative correlation every pair of {k} can share is "
                f"{-1.0 / (k - 1):.3g} (the matrix would not be positive semi-definite)")
        matrix = np.full((k, k), value)
        np.fill_diagonal(matrix, 1.0)
        return matrix
    try:
        matrix = np.array(rho, dtype=float)
    except (TypeError, ValueError) as err:
        raise CorrelationError(
            f"rho must be a number or a {k}×{k} matrix of numbers: {err}") from None
    if matrix.shape != (k, k):
        raise CorrelationError(
            f"rho has the wrong shape: {k} inputs need a {k}×{k} matrix, got shape "
            f"{matrix.shape}")
    if not np.all(np.isfinite(matrix)):
        raise CorrelationError("rho holds a value that is not a finite number")
    if np.any(np.abs(matrix) > 1 + _TOLERANCE):
        i, j = np.unravel_index(int(np.argmax(np.abs(matrix))), matrix.shape)
        raise CorrelationError(
            f"rho[{i}][{j}] is {matrix[i, j]:g}: a correlation must be between -1 and 1")
    if np.any(np.abs(np.diag(matrix) - 1.0) > _TOLERANCE):
        raise CorrelationError(
            "rho's diagonal must be all 1 (each input is perfectly correlated with "
            f"itself), got {np.diag(matrix).tolist()}")
    if np.any(np.abs(matrix - matrix.T) > _TOLERANCE):
        i, j = np.unravel_index(int(np.argmax(np.abs(matrix - matrix.T))), matrix.shape)
        raise CorrelationError(
            f"rho is not symmetric: rho[{i}][{j}] is {matrix[i, j]:g} but rho[{j}][{i}] is "
            f"{matrix[j, i]:g}")
    smallest = float(np.linalg.eigvalsh(matrix)[0])
    if smallest < -_TOLERANCE:
        raise CorrelationError(
            "rho is not a valid correlation matrix: it is not positive semi-definite "
            f"(its smallest eigenvalue is {smallest:.3g}), so these correlations cannot "
            "all hold at once (e.g. a~b 0.9 and b~c 0.9 force a~c well above 0)")
    np.fill_diagonal(matrix, 1.0)
    return np.asarray((matrix + matrix.T) / 2.0, dtype=float)


def _components(joint: Estimate, parts: Sequence[Estimate]) -> list[Estimate]:
    return [Estimate(Op.COMPONENT, (joint,), part.unit, param=(float(i),))
            for i, part in enumerate(parts)]


def correlate(inputs: Sequence[Estimate], rho: ArrayLike) -> Correlated:
    """The inputs again, now with Spearman rank correlation ``rho`` between them:
    a number for every pair, or a matrix (one row and column per input).

    Each returned estimate has exactly its input's distribution (sampling engines draw
    the input as usual and only reorder its draws: the Iman–Conover method, see
    :mod:`ranges.engines._coupling`). Use the returned estimates *in place of* the
    inputs, not beside them. A matrix that is not a valid correlation matrix (wrong
    shape, a value outside −1..1, not symmetric, not positive semi-definite) is
    refused with the reason. The summary of any result lists the correlation among
    its assumptions; :meth:`Correlated.achieved` measures it.

    >>> import ranges as rg
    >>> fall = rg.between(10_000, 12_000, unit="troops", name="fall")
    >>> spring = rg.between(3_000, 4_000, unit="troops", name="spring")
    >>> fall2, spring2 = rg.correlate([fall, spring], 0.5)
    >>> total = fall2 + spring2
    >>> total.std(n=20_000) > (fall + spring).std(n=20_000)
    True
    """
    parts = _check_inputs(inputs, "correlate()")
    matrix = _matrix(rho, len(parts))
    from ranges.core import _units as units

    joint = Estimate(Op.COUPLE, tuple(parts), units.dimensionless(),
                     param=tuple(float(x) for x in matrix.ravel()))
    return Correlated(_components(joint, parts), matrix)


def joint_matrix(joint: Estimate) -> FloatArray:
    """The requested rank correlation matrix of a JOINT node (all 1 when comonotonic).

    >>> import ranges as rg
    >>> a2, b2 = correlate([rg.between(1, 2), rg.between(3, 4)], 0.25)
    >>> float(joint_matrix(a2.args[0])[0, 1])
    0.25
    """
    k = len(joint.args)
    if joint.op is Op.COMONOTONE:
        return np.ones((k, k))
    return np.asarray(joint.param, dtype=float).reshape(k, k)


def comonotonic(est: Estimate) -> Estimate:
    """``est`` with all its uncertain inputs perfectly positively dependent
    (comonotonic): every input high together, low together.

    Correlations given with :func:`correlate` are replaced. A mixture still picks its
    component independently. For a sum of inputs with positive signs, the result's
    quantiles are the sums of the inputs' quantiles.

    >>> import ranges as rg
    >>> a, b = rg.between(10, 20, shape="bounds"), rg.between(1, 2, shape="bounds")
    >>> round((a + b).comonotonic().quantile(0.1, engine="mc", n=100_000), 1)
    12.1
    """
    from ranges.core import _units as units

    leaves = [node for node in est.walk() if node.is_leaf and node.is_random]
    if len(leaves) < 2:
        return est
    joint = Estimate(Op.COMONOTONE, tuple(leaves), units.dimensionless())
    parts = dict(zip((id(leaf) for leaf in leaves), _components(joint, leaves), strict=True))
    # an earlier correlation's inputs become this one's: its components are replaced too
    for node in est.walk():
        if node.op is Op.COMPONENT:
            parts[id(node)] = parts[id(node.args[0].args[int(node.param[0])])]
    return replaced(est, parts)
