"""Monte Carlo of sums of stated ranges: ranges against hand-written numpy.

Run from the repository root::

    python benchmarks/bench_montecarlo.py [--n 1000000] [--repeats 7] [--seed 0]

For the seed total (10,000–12,000 + 3,000–4,000 + 800–1,200 + 4,000–6,000, each
``rg.between`` read as the 90% interval of a lognormal) and for a 50-term sum (term
i: 100·i to 130·i), it times

* ranges: ``total.sample(n, rng=seed)`` and ``total.quantile([.05, .5, .95],
  engine="mc", n=n, rng=seed)`` (Monte Carlo forced: the default engine computes these
  sums exactly, see bench_engines.py; a fresh graph each repeat, so no cached
  evaluation is reused);
* numpy: the same model written by hand (normal draws → exp → add → np.quantile);
* squigglepy, when it is importable (``pip install -e '.[bench]'``);

and prints the best of several repeats (``time.perf_counter``), the ratio
ranges/numpy, the peak traced memory (``tracemalloc``, measured in a separate run so
that tracing does not slow the timed runs), and the percentiles next to reference
values with their relative errors. This is a script, not a test: nothing here is
asserted.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import platform
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np
from scipy import stats

import ranges as rg

PROBS = [0.05, 0.5, 0.95]
Z = float(stats.norm.ppf(0.95))  # a 90% interval spans ±Z standard deviations

SEED_TERMS = [(10_000.0, 12_000.0), (3_000.0, 4_000.0), (800.0, 1_200.0), (4_000.0, 6_000.0)]
SEED_REFERENCE = [18_899.62, 20_346.92, 21_931.28]
MANY_TERMS = [(100.0 * i, 130.0 * i) for i in range(1, 51)]
MANY_REFERENCE = [142_745.6, 145_821.6, 148_972.5]


def ranges_total(terms: list[tuple[float, float]]) -> rg.Estimate:
    """The sum of ``rg.between(low, high)`` over ``terms`` (default reading)."""
    return sum(rg.between(low, high) for low, high in terms)


def numpy_samples(terms: list[tuple[float, float]], n: int, seed: int) -> np.ndarray[Any, Any]:
    """The same model by hand: per term a lognormal whose 90% interval is the range."""
    rng = np.random.default_rng(seed)
    total = np.zeros(n)
    for low, high in terms:
        mu = (math.log(low) + math.log(high)) / 2
        sigma = (math.log(high) - math.log(low)) / (2 * Z)
        draws = rng.standard_normal(n)
        draws *= sigma
        draws += mu
        np.exp(draws, out=draws)
        total += draws
    return total


def best_time(func: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """The fastest of ``repeats`` runs of ``func`` and the result of the last run."""
    best, result = math.inf, None
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - start)
    return best, result


def peak_memory(func: Callable[[], Any]) -> int:
    """Peak bytes traced by ``tracemalloc`` during one run of ``func``."""
    gc.collect()
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def squigglepy_runner(
    terms: list[tuple[float, float]], n: int, seed: int
) -> Callable[[], Any] | None:
    """A function sampling the model with squigglepy, or None when it is not installed."""
    try:
        import squigglepy as sq
    except ImportError:
        return None

    def run() -> Any:
        sq.set_seed(seed)
        total = sq.lognorm(*terms[0])
        for low, high in terms[1:]:
            total = total + sq.lognorm(low, high)
        return np.asarray(sq.sample(total, n=n, verbose=False))

    return run


def report_case(title: str, terms: list[tuple[float, float]], reference: list[float],
                n: int, seed: int, repeats: int) -> None:
    print(f"\n== {title}: {len(terms)} terms, n = {n:,}, seed {seed}, best of {repeats} ==")

    def ranges_sample() -> Any:
        return ranges_total(terms).sample(n, rng=seed)

    def ranges_quantile() -> Any:
        return ranges_total(terms).quantile(PROBS, engine="mc", n=n, rng=seed)

    def numpy_sample() -> Any:
        return numpy_samples(terms, n, seed)

    def numpy_quantile() -> Any:
        return np.quantile(numpy_samples(terms, n, seed), PROBS)

    rows: list[tuple[str, Callable[[], Any], bool]] = [
        ("ranges  total.sample", ranges_sample, False),
        ("numpy   samples", numpy_sample, False),
        ("ranges  total.quantile", ranges_quantile, True),
        ("numpy   np.quantile", numpy_quantile, True),
    ]
    squiggle = squigglepy_runner(terms, n, seed)
    times: dict[str, float] = {}
    quantiles: dict[str, np.ndarray[Any, Any]] = {}
    print(f"{'':24s} {'time':>9s} {'peak memory':>12s}")
    for name, func, is_quantile in rows:
        seconds, result = best_time(func, repeats)
        peak = peak_memory(func)
        times[name] = seconds
        values = np.asarray(result if is_quantile else np.quantile(result, PROBS))
        quantiles[name.split()[0]] = values
        print(f"{name:24s} {seconds * 1e3:7.1f} ms {peak / 2**20:9.1f} MiB")
    if squiggle is None:
        print("squigglepy              skipped (not installed; pip install -e '.[bench]')")
    else:
        seconds, result = best_time(squiggle, repeats)
        peak = peak_memory(squiggle)
        quantiles["squigglepy"] = np.quantile(result, PROBS)
        print(f"{'squigglepy sq.sample':24s} {seconds * 1e3:7.1f} ms {peak / 2**20:9.1f} MiB")
        print(f"ratio squigglepy/numpy: {seconds / times['numpy   samples']:.2f}")
    sample_ratio = times["ranges  total.sample"] / times["numpy   samples"]
    quantile_ratio = times["ranges  total.quantile"] / times["numpy   np.quantile"]
    print(f"ratio ranges/numpy: sample {sample_ratio:.2f}, quantile {quantile_ratio:.2f}")
    print(f"{'percentile':12s}{'reference':>12s}" + "".join(
        f"{name:>12s}{'rel.err':>10s}" for name in quantiles))
    for index, prob in enumerate(PROBS):
        ref = reference[index]
        cells = "".join(
            f"{values[index]:12,.2f}{(values[index] - ref) / ref:+10.1e}"
            for values in quantiles.values()
        )
        print(f"p{round(prob * 100):<11d}{ref:12,.2f}{cells}")


def main(argv: list[str] | None = None) -> None:
    """Run both cases and print the machine they ran on."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=10**6)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs (nproc "
          f"{len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '?'}), "
          f"{platform.system()} {platform.release()}")
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, ranges {rg.__version__}")
    report_case("seed total", SEED_TERMS, SEED_REFERENCE, args.n, args.seed, args.repeats)
    report_case("50-term sum", MANY_TERMS, MANY_REFERENCE, args.n, args.seed, args.repeats)


if __name__ == "__main__":
    main()
