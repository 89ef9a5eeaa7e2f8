"""No superlinear work on the default path: ``auto`` against hand-written numpy as the
graph grows.

Run from the repository root::

    python benchmarks/bench_scaling.py [--terms 200,400,800,1600] [--n 200000] [--seed 0]

The model is ``(x + Σ a_i·b_i) × x``: k private products around one shared input x,
each input ``rg.between(lo, hi)`` (a lognormal read from its 90% interval). The shared
x keeps the exact engine from answering the whole graph, so ``auto`` has to find the
k closed products (computed exactly) and sample the rest; it used to walk every
sub-graph again for every node.

For each k it times, best of ``--repeats`` (``time.perf_counter``, a fresh graph each
repeat so that nothing cached is reused):

* ranges: building the graph, and ``quantile([.05, .5, .95])`` with the default engine;
* numpy: the same 2k + 1 inputs drawn ``n`` times by hand (normal draws → exp),
  multiplied, added and ``np.quantile``;

and prints both, their ratio, and the ratio's growth from one k to the next (about 1
when ranges scales like numpy, linearly). This is a script, not a test: nothing here
is asserted.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import sys
import time
from typing import Any

import numpy as np
from scipy import special

import ranges as rg

Z = float(special.ndtri(0.95))  # a 90% interval spans ±Z standard deviations
LOW_A, HIGH_A, LOW_B, HIGH_B, LOW_X, HIGH_X = 1.0, 2.0, 3.0, 4.0, 1.0, 2.0
PROBS = [0.05, 0.5, 0.95]


def build(k: int) -> rg.Estimate:
    """``(x + Σ a_i·b_i) × x`` with k products."""
    x = rg.between(LOW_X, HIGH_X)
    total = x
    for _ in range(k):
        total = total + rg.between(LOW_A, HIGH_A) * rg.between(LOW_B, HIGH_B)
    return total * x


def _lognormal(rng: np.random.Generator, low: float, high: float, n: int) -> Any:
    mu = (math.log(low) + math.log(high)) / 2
    sigma = (math.log(high) - math.log(low)) / (2 * Z)
    return np.exp(mu + sigma * rng.standard_normal(n))


def numpy_quantiles(k: int, n: int, seed: int) -> Any:
    """The same model by hand, input by input."""
    rng = np.random.default_rng(seed)
    x = _lognormal(rng, LOW_X, HIGH_X, n)
    total = x.copy()
    for _ in range(k):
        total += _lognormal(rng, LOW_A, HIGH_A, n) * _lognormal(rng, LOW_B, HIGH_B, n)
    total *= x
    return np.quantile(total, PROBS)


def best_of(repeats: int, run: Any) -> tuple[float, Any]:
    best, result = math.inf, None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terms", default="200,400,800,1600")
    parser.add_argument("--n", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=2)
    args = parser.parse_args(argv)
    sizes = [int(t) for t in args.terms.split(",")]
    print(f"python {platform.python_version()}, numpy {np.__version__}, "
          f"{platform.machine()}, {os.cpu_count()} cpus; n = {args.n:,}")
    print(f"{'k':>6} {'inputs':>7} {'build s':>8} {'ranges s':>8} {'numpy s':>8} "
          f"{'ratio':>6} {'growth':>7}  engine   p5 / p50 / p95 (ranges | numpy)")
    previous: float | None = None
    for k in sizes:
        build_time, _ = best_of(args.repeats, lambda k=k: build(k))

        def run_ranges(k: int = k) -> Any:
            model = build(k)
            evaluation = model.evaluate(n=args.n, rng=args.seed)
            return evaluation.engine, evaluation.quantile(PROBS)

        auto_time, (engine, ours) = best_of(args.repeats, run_ranges)
        numpy_time, theirs = best_of(args.repeats,
                                     lambda k=k: numpy_quantiles(k, args.n, args.seed))
        ratio = auto_time / numpy_time
        growth = "" if previous is None else f"{ratio / previous:7.2f}"
        previous = ratio
        print(f"{k:>6} {2 * k + 1:>7} {build_time:8.3f} {auto_time:8.3f} {numpy_time:8.3f} "
              f"{ratio:6.2f} {growth:>7}  {engine:<6} "
              f"{' / '.join(f'{v:,.0f}' for v in ours)} | "
              f"{' / '.join(f'{v:,.0f}' for v in theirs)}")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
