"""Correlated inputs (``rg.correlate``, Iman–Conover) against baselines measured in the
same run.

Run from the repository root::

    python benchmarks/bench_correlate.py [--n 1000000] [--repeats 5]

Model: two lognormal readings (10,000–12,000 and 3,000–4,000) with rank correlation
0.5, summed. Times, best of ``--repeats`` (``time.perf_counter``):

* ranges, correlated: ``(a2 + b2).quantile(0.5, engine="mc", n=N)`` (draws, reorder,
  sum, quantile);
* ranges, independent: ``(a + b).quantile(0.5, engine="mc", n=N)``: what the
  correlation costs on top;
* numpy Gaussian copula by hand: correlated normals (Cholesky), through the normal CDF
  and the lognormals' quantile functions, summed, ``np.quantile``;

and prints the ratios and the achieved rank correlation of each. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from scipy import special, stats

import ranges as rg
from ranges.engines import clear_cache


def _best(func: Callable[[], Any], repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        clear_cache()
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    n, rho = args.n, 0.5
    a = rg.between(10_000, 12_000, name="a")
    b = rg.between(3_000, 4_000, name="b")
    pair = rg.correlate([a, b], rho)
    dists = [x.leaf.distribution for x in (a, b)]  # type: ignore[union-attr]

    def by_hand() -> float:
        rng = np.random.default_rng(1)
        pearson = 2 * np.sin(np.pi * rho / 6)
        chol = np.linalg.cholesky(np.array([[1.0, pearson], [pearson, 1.0]]))
        z = chol @ rng.standard_normal((2, n))
        u = special.ndtr(z)
        return float(np.quantile(dists[0].ppf(u[0]) + dists[1].ppf(u[1]), 0.5))

    correlated = _best(lambda: (pair[0] + pair[1]).quantile(0.5, engine="mc", n=n, rng=1),
                       args.repeats)
    independent = _best(lambda: (a + b).quantile(0.5, engine="mc", n=n, rng=1),
                        args.repeats)
    numpy_time = _best(by_hand, args.repeats)
    rng = np.random.default_rng(2)
    z = np.linalg.cholesky(np.array([[1, 2 * np.sin(np.pi * rho / 6)],
                                     [2 * np.sin(np.pi * rho / 6), 1]])) \
        @ rng.standard_normal((2, n))
    hand_rank = stats.spearmanr(z[0], z[1])[0]
    print(f"python {platform.python_version()}, numpy {np.__version__}, n = {n:,}")
    print(f"ranges correlated   {correlated * 1e3:8.1f} ms  "
          f"rank correlation {pair.achieved(n=n, rng=1)[0, 1]:.4f}")
    print(f"ranges independent  {independent * 1e3:8.1f} ms  "
          f"ratio correlated/independent {correlated / independent:.2f}")
    print(f"numpy copula (hand) {numpy_time * 1e3:8.1f} ms  rank correlation {hand_rank:.4f}  "
          f"ratio ranges/numpy {correlated / numpy_time:.2f}")


if __name__ == "__main__":
    main()
