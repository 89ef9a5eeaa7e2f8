"""Time of ``rg.sensitivity`` on the running example and on a 5-input non-additive graph.

Run from the repository root::

    python benchmarks/bench_sensitivity.py [--n 20000] [--repeats 5]

Models:

* the running example, two ranges of troops added:
  ``rg.between(10_000, 12_000, unit="troops") + rg.between(3_000, 4_000, unit="troops")``
  (exact shares, swings by 2k + 1 evaluations of the graph with constants);
* five inputs, not additive: ``a * b + c / d - e ** 2`` (pick-freeze Sobol shares on
  ``--n`` draws per set, 7 sets), with ``engine="mc"`` and ``engine="qmc"``.

Prints the best time of ``--repeats`` (``time.perf_counter``) and the shares found.
Nothing is asserted.
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable
from typing import Any

import ranges as rg


def _best(func: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    print(f"python {platform.python_version()}, n={args.n:,}, best of {args.repeats}")
    troops = (rg.between(10_000, 12_000, unit="troops")
              + rg.between(3_000, 4_000, unit="troops"))
    a, b, c, d, e = (rg.between(1 + i, 2 + i, name=name) for i, name in enumerate("abcde"))
    five = a * b + c / d - e**2
    cases = {
        "running example (exact)": lambda: rg.sensitivity(troops),
        "5 inputs, not additive (mc)": lambda: rg.sensitivity(five, engine="mc", n=args.n,
                                                              rng=0),
        "5 inputs, not additive (qmc)": lambda: rg.sensitivity(five, engine="qmc",
                                                               n=args.n, rng=0),
    }
    for name, func in cases.items():
        seconds, sens = _best(func, args.repeats)
        shares = ", ".join(f"{row.name} {row.share_of_variance:.3f}" for row in sens.rows)
        print(f"{name:32s} {seconds * 1e3:8.1f} ms   shares: {shares}")


if __name__ == "__main__":
    main()
