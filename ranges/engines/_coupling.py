"""Dependence between sampled inputs: reorder each input's draws, never change them.

Sampling engines draw every input on its own; a JOINT node (``rg.correlate``,
``est.comonotonic()``) then *rearranges* the inputs' draws so that their ranks move
together, and each input keeps exactly the values it drew. So an input's marginal is
untouched (its sorted draws are the same numbers, bit for bit) whatever the dependence.

* :func:`iman_conover`: the Iman–Conover method (Iman and Conover 1982) for a matrix of
  Spearman rank correlations. Normal scores are put in random order, given the
  requested correlation exactly by a linear map (a Cholesky factor of the scores'
  own correlation undone, a square root of the target applied), and each input's
  draws are put in the rank order of its column. The target for the scores is the
  Pearson correlation a Gaussian copula needs for the requested rank correlation,
  ``2 sin(π ρ / 6)``, so the achieved *rank* correlation is the one requested (up to
  sampling error, about ``(1 − ρ²) / √n``).
* :func:`comonotone`: perfect positive dependence: every input in the rank order of the
  first (the first keeps its order).

Why Iman–Conover rather than a Gaussian copula that draws through each input's
quantile function: it works on any draws at all (an input read from text, a derived
sub-result, a QMC point set) without a quantile function, and it leaves each input's
values as they were, so adding a correlation changes nothing but the pairing.

>>> rng = np.random.default_rng(1)
>>> draws = rng.normal(size=(2, 20_000))
>>> joint = iman_conover(draws, np.array([[1.0, 0.5], [0.5, 1.0]]), rng)
>>> bool(np.array_equal(np.sort(joint, axis=1), np.sort(draws, axis=1)))
True
>>> round(float(rank_correlation(joint)[0, 1]), 2)
0.5
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]

__all__ = ["comonotone", "iman_conover", "rank_correlation", "score_correlation",
           "square_root"]


def score_correlation(rank: FloatArray) -> FloatArray:
    """The Pearson correlation of normal scores that gives Spearman rank correlation
    ``rank`` under a Gaussian copula: ``2 sin(π ρ / 6)``.

    >>> float(score_correlation(np.array(0.5)))  # doctest: +NUMBER
    0.5176
    """
    return np.asarray(2.0 * np.sin(np.pi * np.asarray(rank, dtype=float) / 6.0), dtype=float)


def square_root(matrix: FloatArray) -> FloatArray:
    """A matrix ``P`` with ``P @ P.T == matrix`` for a positive semi-definite matrix
    (Cholesky when it is definite; from the eigen-decomposition when it is singular,
    e.g. a correlation of exactly 1).

    >>> p = square_root(np.array([[1.0, 1.0], [1.0, 1.0]]))
    >>> bool(np.allclose(p @ p.T, 1.0))
    True
    """
    try:
        return np.asarray(np.linalg.cholesky(matrix), dtype=float)
    except np.linalg.LinAlgError:
        values, vectors = np.linalg.eigh(matrix)
        return np.asarray(vectors * np.sqrt(np.clip(values, 0.0, None)), dtype=float)


def _in_order_of(values: FloatArray, order_by: FloatArray) -> FloatArray:
    """``values`` rearranged to the rank order of ``order_by``: the smallest value
    where ``order_by`` is smallest, and so on (ties in ``order_by`` in any order)."""
    out = np.empty_like(values)
    out[np.argsort(order_by)] = np.sort(values)
    return out


def iman_conover(columns: FloatArray, rank_target: FloatArray, rng: np.random.Generator
                 ) -> FloatArray:
    """The draws in ``columns`` (one row per input) reordered to the rank correlation
    ``rank_target`` (a valid correlation matrix; see the module docstring).

    Each output row is a permutation of the input row. With fewer draws than inputs
    plus two there is no sample correlation to correct, and the rows are returned in
    a random order of their own.
    """
    k, n = columns.shape
    from scipy.special import ndtri

    scores = ndtri(np.arange(1, n + 1) / (n + 1.0))
    shuffled = np.empty((k, n))
    for j in range(k):
        shuffled[j] = rng.permutation(scores)
    if n >= k + 2:
        own = np.corrcoef(shuffled)
        target = score_correlation(rank_target)
        np.fill_diagonal(target, 1.0)
        try:
            whitened = np.linalg.solve(np.linalg.cholesky(own), shuffled)
        except np.linalg.LinAlgError:
            whitened = shuffled
        shuffled = square_root(target) @ whitened
    out = np.empty_like(columns)
    for j in range(k):
        out[j] = _in_order_of(columns[j], shuffled[j])
    return out


def comonotone(columns: FloatArray) -> FloatArray:
    """The draws in ``columns`` reordered so that every row has the rank order of the
    first: perfect positive dependence (the first row keeps its order).

    >>> comonotone(np.array([[2.0, 1.0, 3.0], [5.0, 6.0, 4.0]]))
    array([[2., 1., 3.],
           [5., 4., 6.]])
    """
    if columns.shape[1] == 0:
        return columns.copy()
    out = np.empty_like(columns)
    out[0] = columns[0]
    for j in range(1, columns.shape[0]):
        out[j] = _in_order_of(columns[j], columns[0])
    return out


def rank_correlation(rows: FloatArray) -> FloatArray:
    """Spearman's rank correlation matrix of the rows (average ranks for ties).

    >>> float(rank_correlation(np.array([[1.0, 2.0, 3.0], [1.0, 3.0, 2.0]]))[0, 1])
    0.5
    """
    from scipy.stats import rankdata

    ranked = np.asarray(rankdata(rows, axis=1), dtype=float)
    matrix = np.corrcoef(ranked) if rows.shape[0] > 1 else np.ones((1, 1))
    return np.asarray(np.atleast_2d(matrix), dtype=float)
