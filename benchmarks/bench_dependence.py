"""Bounds on a quantile under any dependence (``est.quantile_bounds(q)``) against two
baselines measured in the same run.

Run from the repository root::

    python benchmarks/bench_dependence.py [--levels 2000] [--q 0.05] [--repeats 5]

Models: the issue's four flat readings (10,000–12,000, 3,000–4,000, 800–1,200 and
4,000–6,000, ``shape="bounds"``) and a 20-term sum (term i: 100·i to 130·i, default
lognormal reading). For each it times, best of ``--repeats`` (``time.perf_counter``,
a fresh graph each repeat):

* ranges: ``total.quantile_bounds(q, levels=N)`` (pairwise bounds, tail means and the
  rearrangement algorithm);
* numpy pairwise: the Williamson–Downs lower and upper bounds of the same sum written
  by hand in numpy: each term's quantiles on N levels, each pair of partial sums
  combined through a full N × N matrix (``np.add.outer``, masked, reduced);
* Monte Carlo: ``total.quantile(q, engine="mc", n=10**6)``, the independent answer;

and prints the ratios ranges/baseline and the bounds found. This is a script, not a
test: nothing here is asserted.
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable
from typing import Any

import numpy as np

import ranges as rg

FOUR = [(10_000.0, 12_000.0), (3_000.0, 4_000.0), (800.0, 1_200.0), (4_000.0, 6_000.0)]
TWENTY = [(100.0 * i, 130.0 * i) for i in range(1, 21)]


def flat_total(terms: list[tuple[float, float]]) -> rg.Estimate:
    return sum(rg.between(low, high, shape="bounds") for low, high in terms)


def default_total(terms: list[tuple[float, float]]) -> rg.Estimate:
    return sum(rg.between(low, high) for low, high in terms)


def numpy_pairwise(total: rg.Estimate, q: float, levels: int) -> tuple[float, float]:
    """The Williamson–Downs interval of a plain sum of leaves, by full matrices."""
    inner = np.arange(1, levels) / levels
    lows, highs = [], []
    for leaf in total.leaves():
        dist = leaf.leaf.distribution  # type: ignore[union-attr]
        low, high = dist.support()
        values = np.asarray(dist.ppf(inner), dtype=float)
        lows.append(np.concatenate([[low], values]))
        highs.append(np.concatenate([values, [high]]))
    i = np.arange(levels)
    below = i[:, None] >= i[None, :]  # j <= i
    lower = lows[0]
    for other in lows[1:]:
        # matrix[i, j] = lower[j] + other[i − j]
        matrix = lower[None, :] + other[np.clip(i[:, None] - i[None, :], 0, levels - 1)]
        lower = np.where(below, matrix, -np.inf).max(axis=1)
    upper = highs[0]
    for other in highs[1:]:
        # matrix[i, j] = upper[j] + other[N + i − j − 1] for j >= i
        index = np.clip(levels + i[:, None] - i[None, :] - 1, 0, levels - 1)
        matrix = upper[None, :] + other[index]
        upper = np.where(~below | (i[:, None] == i[None, :]), matrix, np.inf).min(axis=1)
    cell = min(levels - 1, int(q * levels))
    return float(lower[max(0, int(np.ceil(q * levels)) - 1)]), float(upper[cell])


def best_of(repeats: int, run: Callable[[], Any]) -> tuple[float, Any]:
    best, answer = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        answer = run()
        best = min(best, time.perf_counter() - start)
    return best, answer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", type=int, default=2000)
    parser.add_argument("--q", type=float, default=0.05)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    q, levels = args.q, args.levels
    print(f"python {platform.python_version()}, numpy {np.__version__}, "
          f"q = {q}, levels = {levels} (raised to put q mid-cell), best of {args.repeats}")
    flat_total(FOUR).quantile_bounds(q, levels=levels)  # warm up: scipy loads
    for name, make, terms in (("4 flat readings", flat_total, FOUR),
                              ("20 lognormal readings", default_total, TWENTY)):
        ours, found = best_of(args.repeats, lambda make=make, terms=terms: rg.dependence_bounds(
            make(terms), q, levels=levels))
        grid = found.levels
        by_hand, pairwise = best_of(args.repeats, lambda make=make, terms=terms, grid=grid:
                                    numpy_pairwise(make(terms), q, grid))
        sampled, mc = best_of(args.repeats, lambda make=make, terms=terms: make(terms).quantile(
            q, engine="mc", n=10**6, rng=1))
        print(f"\n{name} ({found.terms} terms, {grid:,} levels)")
        print(f"  ranges quantile_bounds  {ours * 1e3:8.1f} ms")
        print(f"  numpy pairwise by hand  {by_hand * 1e3:8.1f} ms   ratio ranges/numpy "
              f"{ours / by_hand:5.2f}")
        print(f"  Monte Carlo n = 10^6    {sampled * 1e3:8.1f} ms   ratio ranges/MC    "
              f"{ours / sampled:5.2f}")
        print(f"  pairwise  {found.pairwise.low:,.1f} to {found.pairwise.high:,.1f} "
              f"(numpy by hand: {pairwise[0]:,.1f} to {pairwise[1]:,.1f})")
        print(f"  guaranteed {found.guaranteed.low:,.1f} to {found.guaranteed.high:,.1f}")
        if found.rearrangement is not None:
            print(f"  rearrangement {found.rearrangement.low:,.1f} to "
                  f"{found.rearrangement.high:,.1f}")
        if found.attained is not None:
            print(f"  attained  {found.attained.low:,.1f} to {found.attained.high:,.1f}")
        print(f"  answer    {found.interval.low:,.1f} to {found.interval.high:,.1f}; "
              f"independent (MC) {mc:,.1f}")


if __name__ == "__main__":
    main()
