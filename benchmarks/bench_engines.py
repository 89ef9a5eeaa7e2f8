"""Engines against baselines: time to accurate percentiles, memory, fixed-N Monte Carlo.

Run from the repository root::

    python benchmarks/bench_engines.py            # full run, a few minutes
    python benchmarks/bench_engines.py --quick    # smoke run, under a minute
    python benchmarks/bench_engines.py --sections accuracy,targets   # some sections only
    python benchmarks/bench_engines.py --compute-references   # recompute (a), (c), (d)
    pip install -e '.[bench]'                     # optional peers: squigglepy, OpenTURNS

Four workloads, every stated range ``rg.between(a, b)`` read as the 90% interval of a
lognormal (squigglepy's ``to(a, b)``):

(a) the seed total 10,000–12,000 + 3,000–4,000 + 800–1,200 + 4,000–6,000;
(b) a 50-term sum, term i being 100·i–130·i;
(c) (A + B) × 0.1–0.3 / 2–5, with A, B the first two seed terms;
(d) a product of five ``rg.loguniform(1, 100)`` factors (heavy right tail).

Sections, all against baselines measured in the same run:

1. **time to 1e-4**: for every method, the time to get p5/p50/p95 within 1e-4
   (relative) of the reference. Sampling methods (numpy by hand, squigglepy, ranges
   ``mc`` and ``qmc``) double n from 2^10 until the percentiles are within 1e-4 *and*
   their standard error says so, then that n is timed (best of ``--repeats``). ranges
   reports its own error (inside the timed call); numpy and squigglepy report none, so
   the benchmark computes the same order-statistic error from their samples, outside
   the timed call. (Without it, a sampler that lands within 1e-4 by luck at a small n
   would be timed there.) Exact methods (ranges
   ``exact`` and ``auto``, OpenTURNS) are timed on the call that gives the percentiles.
   Peak memory: ``tracemalloc`` (Python and numpy allocations) and resident memory
   (the rise of VmHWM after resetting it through /proc/self/clear_refs; it also sees
   C++ allocations such as OpenTURNS's).
2. **QMC against MC**: error against the reference as n grows, over several seeds, and
   the number of plain MC points that gives the same error as each QMC run.
3. **fixed N = 10^6**: ranges ``sample`` and ``quantile(engine="mc")`` against numpy doing
   the same, and squigglepy.
4. **targets** for the exact engine (50-term sum at 1e-5 in ≤ 20 ms; seed total at 1e-4
   in ≤ 3 ms and ≥ 40× faster than OpenTURNS and squigglepy at 10^6 samples).
5. **10^8 samples** of the 50-term sum with ``engine="mc"``: resident peak
   (``resource.getrusage`` ``ru_maxrss``) in a subprocess.

Graphs are built outside the timed calls (a fresh graph per repeat, so no cached
evaluation is reused); building is reported on its own line. A peer that is not
importable is skipped with a message. This is a script, not a test: nothing here is
asserted.

References: (a) and (b) were given to the project with its brief (high-resolution
convolution and 10^8-sample Monte Carlo; that document is not in this repository).
(c) and (d) were computed by this script,
independently of ranges, with ``python benchmarks/bench_engines.py
--compute-references``: (c) by integrating over the two normal variables behind A and B
with a 2-D Gauss–Hermite rule (80 and 160 nodes agree to 1e-15), the factor F/D being
lognormal in closed form; (d) from the Irwin–Hall distribution (log10 of the product is
twice a sum of five uniforms on [0, 1]). The same command checks (a) with a 3-D
Gauss–Hermite rule.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import json
import math
import os
import platform
import re
import resource
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy
from scipy import optimize, special, stats

import ranges as rg

PROBS = [0.05, 0.5, 0.95]
TOL = 1e-4
Z = float(stats.norm.ppf(0.95))  # a 90% interval spans ±Z standard deviations
LN100 = math.log(100.0)

SEED_TERMS = [(10_000.0, 12_000.0), (3_000.0, 4_000.0), (800.0, 1_200.0), (4_000.0, 6_000.0)]
MANY_TERMS = [(100.0 * i, 130.0 * i) for i in range(1, 51)]
FRACTION, DIVISOR = (0.1, 0.3), (2.0, 5.0)

# given with the project's brief (not in this repository); --compute-references checks (a)
REF_A = (18_899.62, 20_346.92, 21_931.28)
REF_B = (142_745.6, 145_821.6, 148_972.5)
# python benchmarks/bench_engines.py --compute-references  (Gauss–Hermite, Irwin–Hall)
REF_C = (384.98837914191387, 790.5093213997197, 1623.1798752726775)
REF_D = (740.1159591258973, 100_000.0, 13_511_396.25716245)

Array = np.ndarray[Any, Any]


# ---------------------------------------------------------------------------------------
# the workloads, written once per tool
# ---------------------------------------------------------------------------------------
def lognormal_params(low: float, high: float) -> tuple[float, float]:
    """Log-space mean and sd of the lognormal whose 5th/95th percentiles are low, high."""
    return (math.log(low) + math.log(high)) / 2, (math.log(high) - math.log(low)) / (2 * Z)


def np_lognormal(rng: np.random.Generator, low: float, high: float, n: int) -> Array:
    mu, sigma = lognormal_params(low, high)
    draws = rng.standard_normal(n)
    draws *= sigma
    draws += mu
    np.exp(draws, out=draws)
    return draws


def np_sum(terms: list[tuple[float, float]]) -> Callable[[int, int], Array]:
    def sample(n: int, seed: int) -> Array:
        rng = np.random.default_rng(seed)
        total = np.zeros(n)
        for low, high in terms:
            total += np_lognormal(rng, low, high, n)
        return total

    return sample


def np_ratio(n: int, seed: int) -> Array:
    rng = np.random.default_rng(seed)
    total = np_lognormal(rng, *SEED_TERMS[0], n)
    total += np_lognormal(rng, *SEED_TERMS[1], n)
    total *= np_lognormal(rng, *FRACTION, n)
    total /= np_lognormal(rng, *DIVISOR, n)
    return total


def np_product(n: int, seed: int) -> Array:
    rng = np.random.default_rng(seed)
    total = np.ones(n)
    for _ in range(5):
        factor = rng.uniform(0.0, LN100, n)
        np.exp(factor, out=factor)
        total *= factor
    return total


def rg_sum(terms: list[tuple[float, float]]) -> Callable[[], rg.Estimate]:
    return lambda: sum(rg.between(low, high) for low, high in terms)


def rg_ratio() -> rg.Estimate:
    a, b = rg.between(*SEED_TERMS[0]), rg.between(*SEED_TERMS[1])
    return (a + b) * rg.between(*FRACTION) / rg.between(*DIVISOR)


def rg_product() -> rg.Estimate:
    total = rg.loguniform(1, 100)
    for _ in range(4):
        total = total * rg.loguniform(1, 100)
    return total


def sq_sum(terms: list[tuple[float, float]]) -> Callable[[Any], Any]:
    def build(sq: Any) -> Any:
        total = sq.to(*terms[0])
        for low, high in terms[1:]:
            total = total + sq.to(low, high)
        return total

    return build


def sq_ratio(sq: Any) -> Any:
    return (sq.to(*SEED_TERMS[0]) + sq.to(*SEED_TERMS[1])) * sq.to(*FRACTION) / sq.to(*DIVISOR)


def sq_product(sq: Any) -> Any:
    # sq.dist_exp applies math.exp and fails on sample arrays in 0.30, hence dist_fn
    total = sq.dist_fn(sq.uniform(0, LN100), fn=np.exp)
    for _ in range(4):
        total = total * sq.dist_fn(sq.uniform(0, LN100), fn=np.exp)
    return total


def ot_lognormal(ot: Any, low: float, high: float) -> Any:
    return ot.LogNormal(*lognormal_params(low, high))


def ot_linear(ot: Any, dists: list[Any]) -> Any:
    combine = getattr(ot, "LinearCombinationDistribution", None) or ot.RandomMixture
    return combine(dists, [1.0] * len(dists))


def ot_sum(terms: list[tuple[float, float]]) -> Callable[[Any], list[float]]:
    def run(ot: Any) -> list[float]:
        dist = ot_linear(ot, [ot_lognormal(ot, low, high) for low, high in terms])
        return [dist.computeQuantile(p)[0] for p in PROBS]

    return run


def ot_ratio(ot: Any) -> list[float]:
    """(A + B) × F / D as written: OpenTURNS builds a ProductDistribution and integrates."""
    total = ot_linear(ot, [ot_lognormal(ot, *SEED_TERMS[0]), ot_lognormal(ot, *SEED_TERMS[1])])
    dist = total * ot_lognormal(ot, *FRACTION) / ot_lognormal(ot, *DIVISOR)
    return [dist.computeQuantile(p)[0] for p in PROBS]


def ot_ratio_merged(ot: Any) -> list[float]:
    """(A + B) × G with G = F / D merged by hand into one lognormal (closed form)."""
    total = ot_linear(ot, [ot_lognormal(ot, *SEED_TERMS[0]), ot_lognormal(ot, *SEED_TERMS[1])])
    (mf, sf), (md, sd) = lognormal_params(*FRACTION), lognormal_params(*DIVISOR)
    dist = total * ot.LogNormal(mf - md, math.hypot(sf, sd))
    return [dist.computeQuantile(p)[0] for p in PROBS]


def ot_product_logspace(ot: Any) -> list[float]:
    """The product rewritten by hand: exp of a sum of five Uniform(0, ln 100)."""
    dist = ot_linear(ot, [ot.Uniform(0.0, LN100) for _ in range(5)])
    return [math.exp(dist.computeQuantile(p)[0]) for p in PROBS]


def ot_product_as_written(ot: Any) -> list[float]:
    dist = ot.LogUniform(0.0, LN100)
    for _ in range(4):
        dist = dist * ot.LogUniform(0.0, LN100)
    return [dist.computeQuantile(p)[0] for p in PROBS]


@dataclass
class Workload:
    key: str
    title: str
    ranges: Callable[[], rg.Estimate]
    numpy: Callable[[int, int], Array]
    squiggle: Callable[[Any], Any]
    openturns: list[tuple[str, Callable[[Any], list[float]], bool]]  # (label, run, slow)
    reference: tuple[float, float, float]


WORKLOADS = [
    Workload("a", "seed total (4 lognormal terms)", rg_sum(SEED_TERMS), np_sum(SEED_TERMS),
             sq_sum(SEED_TERMS), [("LinearCombination", ot_sum(SEED_TERMS), False)], REF_A),
    Workload("b", "50-term sum", rg_sum(MANY_TERMS), np_sum(MANY_TERMS), sq_sum(MANY_TERMS),
             [("LinearCombination", ot_sum(MANY_TERMS), False)], REF_B),
    Workload("c", "(A + B) × 0.1–0.3 / 2–5", rg_ratio, np_ratio, sq_ratio,
             [("(A+B)·F/D as written", ot_ratio, True),
              ("(A+B)·G, G=F/D by hand", ot_ratio_merged, False)], REF_C),
    Workload("d", "product of five loguniform(1, 100)", rg_product, np_product, sq_product,
             [("exp(sum of logs) by hand", ot_product_logspace, False)], REF_D),
]


# ---------------------------------------------------------------------------------------
# measuring
# ---------------------------------------------------------------------------------------
def import_peer(name: str) -> Any:
    try:
        return __import__(name)
    except ImportError:
        return None


def best_time(call: Callable[[Any], Any], repeats: int,
              prepare: Callable[[], Any] = lambda: None) -> tuple[float, Any]:
    """Fastest of ``repeats`` runs of ``call(prepare())``; prepare is not timed."""
    best, result = math.inf, None
    for _ in range(repeats):
        arg = prepare()
        gc.collect()
        start = time.perf_counter()
        result = call(arg)
        best = min(best, time.perf_counter() - start)
    return best, result


def traced_peak(func: Callable[[], Any]) -> int:
    """Peak bytes traced by ``tracemalloc`` during one run of ``func``."""
    gc.collect()
    tracemalloc.start()
    try:
        func()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _status_kib(field: str) -> int:
    text = Path("/proc/self/status").read_text()
    found = re.search(rf"^{field}:\s+(\d+) kB", text, re.MULTILINE)
    if found is None:
        raise OSError(field)
    return int(found.group(1))


def _malloc_trim() -> None:
    """Give freed heap memory back to the system (glibc), so that reusing it shows up
    as a rise of the resident size instead of being hidden in the baseline."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)


def resident_peak(func: Callable[[], Any]) -> int | None:
    """Rise of the resident high-water mark during one run of ``func`` (bytes), or None
    where the mark cannot be reset (not Linux)."""
    gc.collect()
    _malloc_trim()
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
        before = _status_kib("VmRSS")
    except OSError:
        return None
    func()
    return (_status_kib("VmHWM") - before) * 1024


def mib(size: int | None) -> str:
    return "n/a" if size is None else f"{size / 2**20:,.1f}"


def seconds_text(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def rel_errors(values: Any, reference: tuple[float, ...]) -> Array:
    ref = np.asarray(reference, dtype=float)
    return np.asarray(np.abs(np.asarray(values, dtype=float) - ref) / np.abs(ref))


# A method returns, for a sample count n (ignored by exact methods), a zero-argument
# callable that computes the percentiles and their estimated errors: an array (ranges,
# inside the timed call), a callable computing them after the timed call (numpy by
# hand and squigglepy, which report none: the benchmark computes the same
# order-statistic error from their samples), or None (OpenTURNS, exact).
ErrorEstimate = Array | Callable[[], Array] | None
Runner = Callable[[], tuple[Array, ErrorEstimate]]


def sample_quantile_error(samples: Array) -> Callable[[], Array]:
    """The distribution-free standard error ranges reports for Monte Carlo percentiles
    (half the distance between the order statistics one binomial standard deviation
    either side of rank q·n), computed for another tool's samples outside the timing."""

    def compute() -> Array:
        p, n = np.asarray(PROBS), samples.size
        spread = np.sqrt(n * p * (1 - p))
        low = np.clip(np.floor(p * (n - 1) - spread), 0, n - 1).astype(int)
        high = np.clip(np.ceil(p * (n - 1) + spread), 0, n - 1).astype(int)
        part = np.partition(samples, np.unique(np.concatenate([low, high])))
        return np.asarray((part[high] - part[low]) / 2.0)

    return compute


def resolve(est: ErrorEstimate) -> Array | None:
    return est() if callable(est) else est


@dataclass
class Method:
    name: str
    sampling: bool
    prepare: Callable[[int], Runner]


def ranges_method(work: Workload, engine: str, seed: int) -> Method:
    def prepare(n: int) -> Runner:
        graph = work.ranges()

        def run() -> tuple[Array, ErrorEstimate]:
            ev = graph.evaluate(engine=engine, n=n, rng=seed)
            return np.asarray(ev.quantile(PROBS)), np.asarray(ev.quantile_error(PROBS))

        return run

    label = {"auto": "ranges auto (default)", "exact": "ranges exact"}.get(engine,
                                                                           f"ranges {engine}")
    return Method(label, engine in ("mc", "qmc"), prepare)


def numpy_method(work: Workload, seed: int) -> Method:
    def prepare(n: int) -> Runner:
        def run() -> tuple[Array, ErrorEstimate]:
            samples = work.numpy(n, seed)
            return np.quantile(samples, PROBS), sample_quantile_error(samples)

        return run

    return Method("numpy by hand", True, prepare)


def squiggle_method(work: Workload, seed: int, sq: Any) -> Method:
    def prepare(n: int) -> Runner:
        def run() -> tuple[Array, ErrorEstimate]:
            sq.set_seed(seed)
            samples = np.asarray(sq.sample(work.squiggle(sq), n=n, verbose=False))
            return np.quantile(samples, PROBS), sample_quantile_error(samples)

        return run

    return Method("squigglepy", True, prepare)


def openturns_method(label: str, run: Callable[[Any], list[float]], ot: Any) -> Method:
    return Method(f"OpenTURNS {label}", False,
                  lambda n: lambda: (np.asarray(run(ot)), None))


@dataclass
class Result:
    method: str
    n: int | None  # sample count used; None for exact methods
    reached: bool
    seconds: float | None
    values: Array | None
    error: Array | None  # actual relative error against the reference
    estimate: Array | None  # the method's own relative error estimate
    traced: int | None
    resident: int | None
    note: str = ""


def measure(method: Method, work: Workload, repeats: int, max_log2: int,
            min_log2: int = 10) -> Result:
    """Find the n (sampling methods) and time it, or time the exact call."""
    if not method.sampling:
        seconds, (values, est) = best_time(lambda run: run(), repeats,
                                           lambda: method.prepare(0))
        est = resolve(est)
        err = rel_errors(values, work.reference)
        est_rel = None if est is None else np.asarray(est) / np.abs(values)
        reached = bool(np.all(err <= TOL)) and (est_rel is None or bool(np.all(est_rel <= TOL)))
        # tracemalloc sees none of OpenTURNS's C++ allocations: resident memory only
        traced = None if method.name.startswith("OpenTURNS") else traced_peak(method.prepare(0))
        return Result(method.name, None, reached, seconds, values, err, est_rel,
                      traced, resident_peak(method.prepare(0)))
    last: tuple[int, float, Array, Array, Array | None] | None = None
    for log2 in range(min_log2, max_log2 + 1):
        n = 2**log2
        runner = method.prepare(n)
        start = time.perf_counter()
        values, est = runner()
        took = time.perf_counter() - start
        est = resolve(est)
        err = rel_errors(values, work.reference)
        est_rel = None if est is None else np.asarray(est) / np.abs(values)
        last = (n, took, values, err, est_rel)
        if np.all(err <= TOL) and (est_rel is None or np.all(est_rel <= TOL)):
            if took > 1.0:  # a long run varies little: fewer repeats
                repeats = min(repeats, 2)
            seconds, _ = best_time(lambda run: run(), repeats, lambda n=n: method.prepare(n))
            return Result(method.name, n, True, seconds, values, err, est_rel,
                          traced_peak(method.prepare(n)), resident_peak(method.prepare(n)))
    assert last is not None
    n, took, values, err, est_rel = last
    note = f"not reached by n = 2^{max_log2} ({seconds_text(took)} there)"
    if est_rel is not None and method.name in ("ranges mc", "numpy by hand", "squigglepy"):
        # Monte Carlo error falls as n^-1/2: the n at which the estimate would say 1e-4
        need = n * float(np.max(est_rel) / TOL) ** 2
        note += (f"; its error estimate implies n ≈ {need:.1e}, "
                 f"≈ {seconds_text(took * need / n)}")
    return Result(method.name, n, False, None, values, err, est_rel, None, None, note)


def print_results(work: Workload, results: list[Result], build: float) -> None:
    print(f"\n== ({work.key}) {work.title}: time to p5/p50/p95 within {TOL:g} ==")
    ref = ", ".join(f"{v:,.6g}" for v in work.reference)
    print(f"reference {ref}; building the ranges graph takes {seconds_text(build)} "
          "(not included below)")
    # baselines for the ratio columns: a method's time divided by the baseline's time
    # (both within 1e-4); for OpenTURNS the fastest of its rows that reached 1e-4
    def baseline(pick: Callable[[Result], bool]) -> Result | None:
        found = [r for r in results if pick(r) and r.reached and r.seconds is not None]
        return min(found, key=lambda r: r.seconds or math.inf) if found else None

    bases = [baseline(lambda r: r.method == "numpy by hand"),
             baseline(lambda r: r.method == "squigglepy"),
             baseline(lambda r: r.method.startswith("OpenTURNS"))]
    print(f"{'method':34s}{'n':>12s}{'time':>11s}{'traced MiB':>12s}{'RSS MiB':>9s}"
          f"{'max rel.err':>13s}{'std.err':>10s}  ok{'÷numpy':>9s}{'÷squiggle':>10s}{'÷OT':>9s}")
    for r in results:
        n = "exact" if r.n is None else f"2^{round(math.log2(r.n))}"
        t = "—" if r.seconds is None else seconds_text(r.seconds)
        err = "—" if r.error is None else f"{np.max(r.error):.1e}"
        est = "—" if r.estimate is None else f"{np.max(r.estimate):.1e}"
        ratios = ""
        for base, width in zip(bases, (9, 10, 9), strict=True):
            text = "—"
            if base is not None and base.seconds and r.seconds is not None and r.reached:
                text = _ratio_text(r.seconds / base.seconds)
            ratios += f"{text:>{width}s}"
        print(f"{r.method:34s}{n:>12s}{t:>11s}{'—' if r.traced is None else mib(r.traced):>12s}"
              f"{mib(r.resident) if r.resident is not None else '—':>9s}{err:>13s}{est:>10s}"
              f"  {'yes ' if r.reached else 'NO  '}{ratios}")
        if r.note:
            print(f"{'':34s}{r.note}")
    names = ["numpy by hand", "squigglepy", "OpenTURNS"]
    missing = [name for name, b in zip(names, bases, strict=True) if b is None]
    ot_base = bases[2]
    if ot_base is not None:
        print(f"÷OT is against {ot_base.method}")
    if missing:
        print(f"no ratio against {', '.join(missing)}: not within {TOL:g} in this run")


def _ratio_text(ratio: float) -> str:
    """A time ratio: 0.031, 0.42, 3.5, 120."""
    if ratio < 0.1:
        return f"{ratio:.3f}"
    if ratio < 10:
        return f"{ratio:.2f}"
    return f"{ratio:,.0f}"


# ---------------------------------------------------------------------------------------
# sections
# ---------------------------------------------------------------------------------------
def section_time_to_accuracy(args: argparse.Namespace, sq: Any, ot: Any) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for work in WORKLOADS:
        build, _ = best_time(lambda _, work=work: work.ranges(), args.repeats)
        methods = [ranges_method(work, "auto", args.seed), ranges_method(work, "exact", args.seed)]
        if ot is not None:
            for label, run, slow in work.openturns:
                if slow and args.quick:
                    continue
                methods.append(openturns_method(label, run, ot))
        methods += [numpy_method(work, args.seed)]
        if sq is not None:
            methods.append(squiggle_method(work, args.seed, sq))
        methods += [ranges_method(work, "mc", args.seed), ranges_method(work, "qmc", args.seed)]
        results = []
        for method in methods:
            slow = method.name.endswith("as written")
            results.append(measure(method, work, 1 if slow else args.repeats, args.max_log2))
        print_results(work, results, build)
        if ot is None:
            print("OpenTURNS                         skipped (not installed; pip install -e "
                  "'.[bench]')")
        if sq is None:
            print("squigglepy                        skipped (not installed; pip install -e "
                  "'.[bench]')")
        if work.key == "d" and ot is not None and not args.quick:
            print(ot_product_note(args.ot_timeout))
        summary[work.key] = {r.method: r for r in results}
        summary[work.key]["build"] = build
    return summary


def ot_product_note(timeout: float) -> str:
    """Try OpenTURNS on the product as written (LogUniform * ... * LogUniform)."""
    start = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, __file__, "--child-ot-product"],
                              capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return (f"OpenTURNS LogUniform*…*LogUniform as written: no answer within {timeout:g} s "
                "(stopped)")
    took = time.perf_counter() - start
    if done.returncode != 0:
        return (f"OpenTURNS LogUniform*…*LogUniform as written: failed after {took:.1f} s "
                f"(exit {done.returncode}): {done.stderr.strip()[-300:]}")
    return f"OpenTURNS LogUniform*…*LogUniform as written: {took:.1f} s, {done.stdout.strip()}"


def section_qmc(args: argparse.Namespace) -> None:
    print("\n== QMC against plain MC: error against the reference as n grows ==")
    seeds = range(4 if args.quick else 8)
    top = 16 if args.quick else 20
    print(f"max relative error over p5/p50/p95, root mean square over {len(seeds)} seeds; "
          "'MC points for the same error' fits MC's error as C/√n")
    for work in (WORKLOADS[0], WORKLOADS[2], WORKLOADS[3]):
        rows = []
        for log2 in range(10, top + 1, 2):
            n = 2**log2
            row = [n]
            for engine in ("mc", "qmc"):
                errs, ests = [], []
                for seed in seeds:
                    ev = work.ranges().evaluate(engine=engine, n=n, rng=seed)
                    values = ev.quantile(PROBS)
                    errs.append(np.max(rel_errors(values, work.reference)))
                    ests.append(np.max(ev.quantile_error(PROBS) / np.abs(values)))
                row += [float(np.sqrt(np.mean(np.square(errs)))), float(np.median(ests))]
            rows.append(row)
        scale = math.exp(float(np.mean([math.log(r[1] * math.sqrt(r[0])) for r in rows])))
        print(f"\n({work.key}) {work.title}")
        print(f"{'n':>10s}{'MC error':>11s}{'MC est.':>10s}{'QMC error':>11s}{'QMC est.':>10s}"
              f"{'MC points for the same error':>30s}")
        for n, mc_err, mc_est, qmc_err, qmc_est in rows:
            same = (scale / qmc_err) ** 2
            print(f"{n:>10,}{mc_err:>11.1e}{mc_est:>10.1e}{qmc_err:>11.1e}{qmc_est:>10.1e}"
                  f"{same:>18.2e} ({same / n:,.0f}×)")


def section_fixed_n(args: argparse.Namespace, sq: Any) -> dict[str, Any]:
    n = 10**6
    print(f"\n== plain Monte Carlo at n = {n:,}, seed {args.seed}, best of {args.repeats} ==")
    print(f"{'workload':10s}{'call':34s}{'time':>11s}{'traced MiB':>12s}{'RSS MiB':>9s}"
          f"{'ratio to numpy':>16s}")
    out: dict[str, Any] = {}
    seed = args.seed
    for work in WORKLOADS[:3]:

        def rg_sample(graph: rg.Estimate) -> Any:
            return graph.sample(n, rng=seed)

        def rg_quantile(graph: rg.Estimate) -> Any:
            return graph.quantile(PROBS, engine="mc", n=n, rng=seed)

        def np_sample(_: Any, work: Workload = work) -> Any:
            return work.numpy(n, seed)

        def np_quantile(_: Any, work: Workload = work) -> Any:
            return np.quantile(work.numpy(n, seed), PROBS)

        rows: list[tuple[str, Callable[[Any], Any], Callable[[], Any], str | None]] = [
            ("numpy samples", np_sample, lambda: None, None),
            ("ranges est.sample", rg_sample, work.ranges, "numpy samples"),
            ("numpy np.quantile", np_quantile, lambda: None, None),
            ("ranges est.quantile(engine='mc')", rg_quantile, work.ranges, "numpy np.quantile"),
        ]
        if sq is not None:
            def sq_sample(_: Any, work: Workload = work) -> Any:
                sq.set_seed(seed)
                return sq.sample(work.squiggle(sq), n=n, verbose=False)

            rows.append(("squigglepy sq.sample", sq_sample, lambda: None, "numpy samples"))
        times: dict[str, float] = {}
        for label, call, prepare, base in rows:
            seconds, _ = best_time(call, args.repeats, prepare)
            times[label] = seconds
            traced = traced_peak(lambda call=call, prepare=prepare: call(prepare()))
            resident = resident_peak(lambda call=call, prepare=prepare: call(prepare()))
            ratio = f"{seconds / times[base]:.2f}" if base else ""
            print(f"({work.key}){'':7s}{label:34s}{seconds_text(seconds):>11s}{mib(traced):>12s}"
                  f"{mib(resident):>9s}{ratio:>16s}")
        out[work.key] = times
    if sq is None:
        print("squigglepy skipped (not installed; pip install -e '.[bench]')")
    return out


def section_targets(args: argparse.Namespace, first: dict[str, Any], fixed: dict[str, Any],
                    ot: Any, sq: Any) -> None:
    print("\n== targets for the exact engine ==")
    repeats = max(args.repeats, 5)
    many = WORKLOADS[1]
    # when the sections these numbers come from were not run (--sections), measure them here
    for work in WORKLOADS[:2]:
        if work.key not in first:
            build, _ = best_time(lambda _, work=work: work.ranges(), repeats)
            first[work.key] = {"build": build}
            if ot is not None:
                first[work.key]["OpenTURNS LinearCombination"] = measure(
                    openturns_method("LinearCombination", work.openturns[0][1], ot), work,
                    args.repeats, 0)
    if sq is not None and "squigglepy sq.sample" not in fixed.get("a", {}):
        seed_work = WORKLOADS[0]

        def sq_sample(_: Any) -> Any:
            sq.set_seed(args.seed)
            return sq.sample(seed_work.squiggle(sq), n=10**6, verbose=False)

        fixed.setdefault("a", {})["squigglepy sq.sample"] = best_time(sq_sample, args.repeats)[0]
    seconds, values = best_time(lambda g: g.quantile(PROBS, engine="exact"), repeats, many.ranges)
    err = float(np.max(rel_errors(values, many.reference)))
    build = first["b"]["build"]
    verdict = "met" if seconds <= 0.020 and err <= 1e-5 else "NOT met"
    print(f"50-term sum, exact, within 1e-5: {seconds_text(seconds)} (target ≤ 20 ms), max rel.err "
          f"{err:.1e}; {verdict}. Building the graph adds {seconds_text(build)}.")
    seed_total = WORKLOADS[0]
    seconds, values = best_time(lambda g: g.quantile(PROBS, engine="exact"), repeats,
                                seed_total.ranges)
    err = float(np.max(rel_errors(values, seed_total.reference)))
    verdict = "met" if seconds <= 0.003 and err <= 1e-4 else "NOT met"
    print(f"seed total, exact, within 1e-4: {seconds_text(seconds)} (target ≤ 3 ms), max rel.err "
          f"{err:.1e}; {verdict}. Building the graph adds {seconds_text(first['a']['build'])}.")
    peers = []
    ot_result = first["a"].get("OpenTURNS LinearCombination")
    if ot is not None and ot_result is not None:
        peers.append(("OpenTURNS LinearCombination", ot_result.seconds))
    sq_time = fixed.get("a", {}).get("squigglepy sq.sample")
    if sq_time is not None:
        peers.append(("squigglepy at 10^6 samples", sq_time))
    with_build = seconds + first["a"]["build"]
    for label, peer in peers:
        ratio = peer / seconds
        print(f"  {label}: {seconds_text(peer)}, {ratio:,.1f}× the exact engine's time "
              f"(target ≥ 40×; {'met' if ratio >= 40 else 'NOT met'}); "
              f"{peer / with_build:,.1f}× its time with building the graph "
              f"({seconds_text(with_build)})")
    if not peers:
        print("  peers skipped (not installed)")


def section_big(args: argparse.Namespace) -> None:
    n = 10**7 if args.quick else args.big_n
    print(f"\n== {n:.0e} samples of the 50-term sum (50 inputs, 99 nodes), engine='mc' ==")
    cmd = [sys.executable, __file__, "--child-big", str(n)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=args.big_timeout,
                              check=False)
    except subprocess.TimeoutExpired:
        print(f"no answer within {args.big_timeout:g} s (stopped)")
        return
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        print(f"child failed (exit {done.returncode}): {done.stderr.strip()[-500:]}")
        return
    info = json.loads(lines[-1])
    floor = n * 8 / 2**20
    print(f"resident peak of the subprocess (VmHWM) {info['hwm_kib'] / 1024:,.0f} MiB, of which "
          f"{info['base_kib'] / 1024:,.0f} MiB before the call (interpreter, imports, graph); "
          f"one array of n floats is {floor:,.0f} MiB")
    print(f"ru_maxrss {info['maxrss_kib'] / 1024:,.0f} MiB ({info['base_maxrss_kib'] / 1024:,.0f}"
          " MiB before the call: Linux carries ru_maxrss over from the forking parent, so VmHWM"
          " is the child's own peak)")
    if "error" in info:
        print(f"ranges refused after {seconds_text(info['seconds'])}: {info['error']}")
    else:
        got = ", ".join(f"{v:,.1f}" for v in info["quantiles"])
        err = float(np.max(rel_errors(info["quantiles"], REF_B)))
        print(f"time {seconds_text(info['seconds'])}; percentiles {got} (max rel.err {err:.1e})")


def child_big(n: int) -> None:
    graph = rg_sum(MANY_TERMS)()
    info: dict[str, Any] = {"base_kib": _status_kib("VmRSS"),
                            "base_maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}
    start = time.perf_counter()
    try:
        info["quantiles"] = [float(v) for v in graph.quantile(PROBS, engine="mc", n=n, rng=0)]
    except rg.errors.RangesError as why:
        info["error"] = f"{type(why).__name__}: {why}"
    info["seconds"] = time.perf_counter() - start
    info["maxrss_kib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    info["hwm_kib"] = _status_kib("VmHWM")
    print(json.dumps(info))


# ---------------------------------------------------------------------------------------
# references, recomputed independently of ranges
# ---------------------------------------------------------------------------------------
def reference_ratio(nodes: int) -> list[float]:
    """(A + B)·F/D: P(R ≤ r) = E[Φ((ln r − ln(A + B) − μ_G)/σ_G)] over the two normals
    behind A and B (tensor Gauss–Hermite), with G = F/D lognormal(μ_G, σ_G)."""
    x, w = special.roots_hermitenorm(nodes)
    w = w / w.sum()
    (ma, sa), (mb, sb) = lognormal_params(*SEED_TERMS[0]), lognormal_params(*SEED_TERMS[1])
    (mf, sf), (md, sd) = lognormal_params(*FRACTION), lognormal_params(*DIVISOR)
    mg, sg = mf - md, math.hypot(sf, sd)
    log_sum = np.logaddexp(ma + sa * x[:, None], mb + sb * x[None, :])
    weight = w[:, None] * w[None, :]

    def cdf(r: float) -> float:
        return float(np.sum(weight * special.ndtr((math.log(r) - log_sum - mg) / sg)))

    return [optimize.brentq(lambda r, p=p: cdf(r) - p, 1.0, 1e5, xtol=1e-13, rtol=1e-15)
            for p in PROBS]


def reference_seed_total(nodes: int) -> list[float]:
    """The seed total: P(S ≤ s) = E[Φ((ln(s − B − C − D) − μ_A)/σ_A)] over the normals
    behind B, C, D (3-D Gauss–Hermite); s − B − C − D ≤ 0 has negligible weight here."""
    x, w = special.roots_hermitenorm(nodes)
    w = w / w.sum()
    params = [lognormal_params(*t) for t in SEED_TERMS]
    (ma, sa), rest = params[0], params[1:]
    grids = np.meshgrid(*[np.exp(m + s * x) for m, s in rest], indexing="ij")
    others = grids[0] + grids[1] + grids[2]
    weight = w[:, None, None] * w[None, :, None] * w[None, None, :]

    def cdf(s: float) -> float:
        room = s - others
        with np.errstate(divide="ignore", invalid="ignore"):
            z = np.where(room > 0, (np.log(np.maximum(room, 1e-300)) - ma) / sa, -np.inf)
        return float(np.sum(weight * special.ndtr(z)))

    return [optimize.brentq(lambda s, p=p: cdf(s) - p, 1e3, 1e5, xtol=1e-10, rtol=1e-15)
            for p in PROBS]


def reference_product() -> list[float]:
    """log10 of the product is 2·S with S Irwin–Hall(5) (a sum of five U(0, 1))."""
    def cdf(s: float) -> float:
        return sum((-1) ** k * math.comb(5, k) * (s - k) ** 5
                   for k in range(math.floor(s) + 1)) / math.factorial(5)

    return [10 ** (2 * optimize.brentq(lambda s, p=p: cdf(s) - p, 0.0, 5.0, xtol=1e-15,
                                       rtol=1e-15)) for p in PROBS]


def compute_references() -> None:
    for nodes in (80, 160):
        print(f"(c) Gauss–Hermite {nodes}×{nodes}: {reference_ratio(nodes)!r}")
    print(f"(d) Irwin–Hall: {reference_product()!r}")
    for nodes in (48, 64):
        print(f"(a) Gauss–Hermite {nodes}^3 (check of the published {REF_A}): "
              f"{reference_seed_total(nodes)!r}")


# ---------------------------------------------------------------------------------------
def versions(sq: Any, ot: Any) -> None:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = f"{_status_meminfo() / 2**30:.1f} GiB"
    except OSError:
        memory = "?"
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"machine: {platform.machine()} {cpu}, nproc {nproc}, memory {memory}, "
          f"{platform.system()} {platform.release()}")
    print(f"python {sys.version.split()[0]}, numpy {np.__version__}, scipy {scipy.__version__}, "
          f"squigglepy {getattr(sq, '__version__', 'not installed')}, "
          f"openturns {getattr(ot, '__version__', 'not installed')}, ranges {rg.__version__}")
    try:
        root = Path(__file__).resolve().parent.parent
        head = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=False).stdout.strip()
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "ranges"],
                               capture_output=True, text=True, check=False).stdout.strip()
        print(f"ranges at {head}{' with uncommitted changes under ranges/' if dirty else ''}; "
              f"run {time.strftime('%Y-%m-%d %H:%M %Z')}")
    except OSError:
        pass


def _status_meminfo() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) * 1024
    raise OSError("MemTotal")


SECTIONS = ("accuracy", "qmc", "fixed", "targets", "big")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a fast smoke run")
    parser.add_argument("--repeats", type=int, default=None, help="timed repeats (best of)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--max-log2", type=int, default=None,
                        help="largest n = 2^k tried by sampling methods (26; 18 with --quick)")
    parser.add_argument("--big-n", type=int, default=10**8)
    parser.add_argument("--big-timeout", type=float, default=600.0)
    parser.add_argument("--ot-timeout", type=float, default=20.0)
    parser.add_argument("--compute-references", action="store_true")
    parser.add_argument("--sections", default=",".join(SECTIONS),
                        help=f"comma-separated subset of {','.join(SECTIONS)} (default: all)")
    parser.add_argument("--child-big", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child-ot-product", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_big:
        child_big(args.child_big)
        return
    if args.child_ot_product:
        import openturns as ot

        start = time.perf_counter()
        print(ot_product_as_written(ot), f"{time.perf_counter() - start:.1f} s")
        return
    if args.compute_references:
        compute_references()
        return
    if args.repeats is None:
        args.repeats = 2 if args.quick else 5
    if args.max_log2 is None:
        args.max_log2 = 18 if args.quick else 26
    sections = set(args.sections.split(","))
    unknown = sections - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections {sorted(unknown)}; choose from {','.join(SECTIONS)}")
    sq, ot = import_peer("squigglepy"), import_peer("openturns")
    versions(sq, ot)
    first = section_time_to_accuracy(args, sq, ot) if "accuracy" in sections else {}
    if "qmc" in sections:
        section_qmc(args)
    fixed = section_fixed_n(args, sq) if "fixed" in sections else {}
    if "targets" in sections:
        section_targets(args, first, fixed, ot, sq)
    if "big" in sections:
        section_big(args)


if __name__ == "__main__":
    main()
