"""The random-graph checks of ``tests/test_random_graphs.py`` over many graphs.

Run from the repository root::

    python benchmarks/bench_random_graphs.py                      # 10,000 graphs, seed 0
    python benchmarks/bench_random_graphs.py --graphs 2000 --seed 1
    python benchmarks/bench_random_graphs.py --checks bounds,exceptions

Graph ``i`` of a run comes from ``random.Random(f"{seed}:{i}")``, so any graph can be
drawn again alone (``--first i --graphs 1``). Every third graph has only hard-bounded
inputs (so the bounds check applies), every fifth may step outside an operation's
domain (for the exceptions check only; the others skip those). Graphs, checks and
statistics are those of ``tests/graphs.py``.

Prints: graphs tried, how many each engine answered, refusals by reason, and each kind
of failure with its count and the smallest graph that shows it, as a program that
reproduces it (``model`` is the graph). A failure is a fault to fix, or (for engine
disagreements, at a rate of about 1e-8 per comparison) a statistical false alarm:
rerun that graph with another seed to tell them apart. This is not a test: nothing
is timed and nothing is asserted; the exit status is 1 when a failure was found.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from graphs import CHECKS, Failure, Graph, Outcome, SeededChooser, random_graph


@dataclass
class Tally:
    """Counts over a run, and the smallest graph for each kind of failure."""

    graphs: int = 0
    checked: Counter[str] = field(default_factory=Counter)
    answered: Counter[str] = field(default_factory=Counter)
    refusals: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    failing_graphs: Counter[str] = field(default_factory=Counter)
    smallest: dict[str, tuple[Graph, Failure, int]] = field(default_factory=dict)
    indices: dict[str, list[int]] = field(default_factory=dict)

    def add(self, check: str, graph: Graph, index: int, outcome: Outcome) -> None:
        self.checked[check] += 1
        self.answered.update(f"{check}: {engine}" for engine in outcome.answered)
        self.refusals.update(set(outcome.refusals))
        kinds = set()
        for failure in outcome.failures:
            kind = f"[{check}] {failure.kind}"
            self.failures[kind] += 1
            if kind not in kinds:
                self.indices.setdefault(kind, []).append(index)
            kinds.add(kind)
            known = self.smallest.get(kind)
            if known is None:
                print(f"new failure: {kind} on graph {index}:\n{graph.source}\n  "
                      f"{failure.detail[:300]}", file=sys.stderr, flush=True)
            if known is None or graph.size < known[0].size:
                self.smallest[kind] = (graph, failure, index)
        self.failing_graphs.update(kinds)


def draw(seed: int, index: int) -> Graph:
    """Graph ``index`` of the run with ``seed``."""
    choose = SeededChooser(random.Random(f"{seed}:{index}"))
    return random_graph(choose, bounded_only=index % 3 == 0,
                        allow_domain_errors=index % 5 == 0)


def applies(check: str, graph: Graph) -> bool:
    """Whether ``check`` is run on ``graph`` (as in the test module)."""
    if check == "bounds":
        return graph.hard_bounded
    if check in ("agreement", "auto", "reproducible"):
        return graph.in_domain
    return True


def run(seed: int, first: int, count: int, checks: list[str], progress: int) -> Tally:
    tally = Tally()
    for index in range(first, first + count):
        graph = draw(seed, index)
        tally.graphs += 1
        for check in checks:
            if applies(check, graph):
                tally.add(check, graph, index, CHECKS[check](graph))
        if progress and tally.graphs % progress == 0:
            print(f"... {tally.graphs} graphs, {sum(tally.failing_graphs.values())} "
                  "failing checks", file=sys.stderr, flush=True)
    return tally


def report(tally: Tally, seed: int) -> str:
    lines = [f"graphs tried: {tally.graphs}", "", "checks run:"]
    lines += [f"  {count:7d}  {check}" for check, count in sorted(tally.checked.items())]
    lines += ["", "answers by engine (per check):"]
    lines += [f"  {count:7d}  {key}" for key, count in sorted(tally.answered.items())]
    lines += ["", "refusals by reason (graphs):"]
    lines += [f"  {count:7d}  {reason}" for reason, count in tally.refusals.most_common()]
    lines += ["", f"failures: {sum(tally.failures.values())} in "
                  f"{sum(tally.failing_graphs.values())} checks of graphs"]
    for kind, count in tally.failures.most_common():
        graph, failure, index = tally.smallest[kind]
        shown = ", ".join(str(i) for i in tally.indices[kind][:30])
        more = " ..." if len(tally.indices[kind]) > 30 else ""
        lines += ["", f"{count:7d}  {kind}  ({tally.failing_graphs[kind]} graphs: {shown}{more})",
                  f"  smallest: graph {index} of seed {seed}; {failure.detail[:400]}",
                  *(f"    {line}" for line in graph.source.splitlines())]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graphs", type=int, default=10_000, help="graphs to try")
    parser.add_argument("--seed", type=int, default=0, help="seed of the run")
    parser.add_argument("--first", type=int, default=0, help="index of the first graph")
    parser.add_argument("--checks", default=",".join(CHECKS),
                        help=f"comma-separated, of: {', '.join(CHECKS)}")
    parser.add_argument("--progress", type=int, default=500,
                        help="print a progress line every N graphs (0: never)")
    args = parser.parse_args(argv)
    checks = [name.strip() for name in args.checks.split(",") if name.strip()]
    unknown = sorted(set(checks) - set(CHECKS))
    if unknown or args.graphs < 1:
        parser.error(f"unknown checks {unknown}" if unknown else "--graphs must be >= 1")
    tally = run(args.seed, args.first, args.graphs, checks, args.progress)
    print(report(tally, args.seed))
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
