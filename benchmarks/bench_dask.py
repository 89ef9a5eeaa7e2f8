"""Throughput of examples/dask_scale_out.py on a LocalCluster of 1 and 2 worker
processes, against the same work in a plain Python loop in this process (on a sample
of the corpus and of the scenarios, in the same run), with the machine it ran on.

    pip install -e ".[dask]"
    python benchmarks/bench_dask.py                     # 50 MB corpus, 1 and 2 workers
    python benchmarks/bench_dask.py --corpus-mb 5 --workers 1,2,4
    python benchmarks/bench_dask.py --write-docs        # refresh the table in docs/scale-out.md

The corpus is generated once into a temporary directory (``--corpus DIR`` to keep it).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "examples"))  # the workers import the example by name too

import dask_scale_out as example  # noqa: E402

DOCS = ROOT / "docs" / "scale-out.md"
#: draws of the untimed warm-up sweep: every scenario once, so that one-time costs
#: (imports, tables built on first use) are paid before the clock starts, in the loop
#: and on every worker alike
WARM_N = 2_000
#: the sweep takes a few seconds, short enough for other work on a shared machine to
#: move it: it is timed this many times and the fastest counts, in the loop and on
#: the workers alike
SWEEP_REPEATS = 3
BEGIN = "<!-- bench_dask: begin -->"
END = "<!-- bench_dask: end -->"


def machine() -> str:
    """The machine and the versions, one line."""
    import dask
    import numpy as np
    import psutil

    memory = psutil.virtual_memory().total / 2**30
    return (f"{platform.platform()}, {os.cpu_count()} CPUs, {memory:.0f} GiB, Python "
            f"{platform.python_version()}, numpy {np.__version__}, dask {dask.__version__}")


def plain_loop(folder: Path, articles: int, scenarios: int, n: int) -> dict[str, float]:
    """The same work in this process, no Dask: the first ``articles`` lines and the first
    ``scenarios`` scenarios, each timed after a warm-up."""
    import tomllib

    lines = []
    for line in example.corpus_lines(folder):
        lines.append(line)
        if len(lines) == articles:
            break
    for line in lines[:50]:  # warm up once, as each worker does: unit registry, tables
        example.article_record(line)
    start = time.perf_counter()
    example.tally(example.article_record(line) for line in lines)
    bag_seconds = time.perf_counter() - start
    spec = tomllib.loads(example.DEFAULT_SPEC.read_text(encoding="utf-8"))
    chosen = example.scenarios()[:scenarios]
    for scenario in chosen:  # warm up every code path once (grading, copulas), small n
        example.scenario_summary(spec, scenario, n=WARM_N)
    sweep_seconds = math.inf
    for _ in range(SWEEP_REPEATS):
        start = time.perf_counter()
        for scenario in chosen:
            example.scenario_summary(spec, scenario, n=n)
        sweep_seconds = min(sweep_seconds, time.perf_counter() - start)
    size = sum(len(line.encode("utf-8")) for line in lines)
    return {"mb_s": size / 1e6 / bag_seconds, "articles_s": len(lines) / bag_seconds,
            "scenarios_s": len(chosen) / sweep_seconds, "seconds": bag_seconds + sweep_seconds}


def on_cluster(folder: Path, workers: int, n: int) -> dict[str, float]:
    """The example's bag and sweep on a new LocalCluster of ``workers`` processes."""
    with example.dask_scheduler(workers=workers):
        start = time.perf_counter()
        found = example.read_corpus(folder)
        bag_seconds = time.perf_counter() - start
        example.sweep_scenarios(example.DEFAULT_SPEC, n=WARM_N)  # each worker warms up
        sweep_seconds = math.inf
        for _ in range(SWEEP_REPEATS):
            start = time.perf_counter()
            rows = example.sweep_scenarios(example.DEFAULT_SPEC, n=n)
            sweep_seconds = min(sweep_seconds, time.perf_counter() - start)
    return {"mb_s": found["bytes"] / 1e6 / bag_seconds,
            "articles_s": found["articles"] / bag_seconds,
            "scenarios_s": len(rows) / sweep_seconds, "seconds": bag_seconds + sweep_seconds}


def table(rows: list[tuple[str, dict[str, float]]]) -> str:
    """The Markdown table: speed-ups of the articles/s against 1 worker and the loop."""
    loop = dict(rows)["plain loop"]
    one = dict(rows).get("1 worker", loop)
    lines = ["| run | MB/s | articles/s | scenarios/s | articles/s vs 1 worker "
             "| articles/s vs plain loop | scenarios/s vs plain loop |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, r in rows:
        lines.append(f"| {name} | {r['mb_s']:.3f} | {r['articles_s']:,.0f} | "
                     f"{r['scenarios_s']:.1f} | {r['articles_s'] / one['articles_s']:.2f}× | "
                     f"{r['articles_s'] / loop['articles_s']:.2f}× | "
                     f"{r['scenarios_s'] / loop['scenarios_s']:.2f}× |")
    return "\n".join(lines)


def write_docs(block: str, path: Path = DOCS) -> None:
    """Replace the text between the markers in docs/scale-out.md with ``block``."""
    text = path.read_text(encoding="utf-8")
    pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
    if not pattern.search(text):
        raise SystemExit(f"{path} has no {BEGIN} ... {END} markers")
    path.write_text(pattern.sub(lambda _: f"{BEGIN}\n{block}\n{END}", text), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus-mb", type=float, default=50.0)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--workers", default="1,2", help="comma-separated worker counts")
    parser.add_argument("--sample", type=int, default=2_000,
                        help="articles of the plain-loop baseline")
    parser.add_argument("--scenarios", type=int, default=48,
                        help="scenarios of the plain-loop baseline (of 48)")
    parser.add_argument("--n", type=int, default=example.DEFAULT_N)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.corpus or Path(scratch)
        paths = example.write_corpus(folder, args.corpus_mb)
        size = sum(p.stat().st_size for p in paths) / 1e6
        rows: list[tuple[str, dict[str, Any]]] = [
            ("plain loop", plain_loop(folder, args.sample, args.scenarios, args.n))]
        for workers in (int(w) for w in args.workers.split(",")):
            name = f"{workers} worker" + ("s" if workers > 1 else "")
            rows.append((name, on_cluster(folder, workers, args.n)))
            print(f"{name}: {rows[-1][1]['seconds']:.1f} s", file=sys.stderr)
    command = ("python benchmarks/bench_dask.py" +
               "".join(f" {a}" for a in (argv if argv is not None else sys.argv[1:])))
    block = "\n".join([
        table(rows), "",
        f"Corpus {size:.1f} MB ({len(paths)} files), 48 scenarios at n = {args.n:,}; the "
        f"plain loop ran {args.sample:,} articles and {args.scenarios} scenarios in this "
        "process; the scenarios were timed after an untimed warm-up sweep, fastest of "
        f"{SWEEP_REPEATS} sweeps, in the loop and on the workers alike.",
        f"Machine: {machine()}.", f"Command: `{command.replace(' --write-docs', '')}`.",
    ])
    print(block)
    if args.write_docs:
        write_docs(block)
        print(f"wrote the table into {DOCS}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
