"""Example report: the deployment total when the inputs are not independent, when
sources disagree or may be biased, and when a planned event may not happen.

The figures: troops sent in two batches (10,000–12,000 last fall, 3,000–4,000 earlier
this year), both counted by one agency's method, so their errors may move together; a
planned deployment of 6,000 that may not go ahead; and three sources that put the
first batch at different numbers, one of them doubtful. The script writes
``OUTDIR/dependence.md`` and the PNG files it shows:

    python examples/dependence_report.py OUTDIR [--n 200000] [--seed 2024]

The default seed is fixed, so the same command prints the same numbers.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import ranges as rg
from ranges import format as fmt

DEFAULT_SEED = 2024
DEFAULT_N = 200_000
REPORT_NAME = "dependence.md"
#: the rank correlation between the two batches' errors in the "correlated" scenario
BATCH_CORRELATION = 0.5
#: the chance that the planned deployment goes ahead
PLANNED_CHANCE = 0.6


@dataclass(frozen=True)
class Scenarios:
    """The troops sent so far under four assumptions about how the batches depend."""

    independent: rg.Estimate
    correlated: rg.Estimate
    comonotonic: rg.Estimate

    def as_dict(self) -> dict[str, rg.Estimate]:
        return {"independent": self.independent,
                f"rank correlation {BATCH_CORRELATION:g}": self.correlated,
                "comonotonic": self.comonotonic}


def batches() -> tuple[rg.Estimate, rg.Estimate]:
    """The two batches of troops already sent, as the story states them."""
    return (rg.between(10_000, 12_000, unit="troops", name="last fall"),
            rg.between(3_000, 4_000, unit="troops", name="earlier this year"))


def scenarios() -> Scenarios:
    """Troops sent so far: independent errors, correlated errors, errors in step."""
    fall, spring = batches()
    fall2, spring2 = rg.correlate([fall, spring], BATCH_CORRELATION)
    return Scenarios(fall + spring, fall2 + spring2, (fall + spring).comonotonic())


def planned() -> rg.Estimate:
    """The planned deployment: 6,000 troops if it goes ahead, with a 60% chance."""
    happens = rg.bernoulli(PLANNED_CHANCE, name="planned deployment goes ahead")
    return happens * rg.exactly(6_000, unit="troops")


def sources() -> rg.Estimate:
    """Three sources on the first batch: two agree roughly, one is doubtful (graded
    D4) and known to inflate (may overstate by up to 30%)."""
    agency = rg.between(10_000, 12_000, unit="troops", name="agency")
    observers = rg.between(9_000, 11_500, unit="troops", name="observers")
    ministry = rg.between(14_000, 17_000, unit="troops", name="ministry")
    return rg.pool([agency.graded("B2"), observers.graded("C3"),
                    ministry.biased(-0.3, 0.0).graded("D4")],
                   names=["agency (B2)", "observers (C3)", "ministry (D4, may inflate)"])


def _rows(cases: dict[str, rg.Estimate], n: int, seed: int) -> list[str]:
    """One table row per scenario; intervals that differ are written so that they read
    differently (rg.format.format_ranges)."""
    summaries = {name: est.summary(n=n, rng=seed) for name, est in cases.items()}
    intervals = fmt.format_ranges([(s.low, s.high) for s in summaries.values()])
    return [f"| {name} | {fmt.format_number(s.median)} | {interval} | {s.engine} |"
            for (name, s), interval in zip(summaries.items(), intervals, strict=True)]


def _bounds_row(est: rg.Estimate) -> str:
    median, low, high = (est.quantile_bounds(q) for q in (0.5, 0.05, 0.95))
    return (f"| any dependence (bounds) | {fmt.format_range(median.low, median.high)} | "
            f"within {fmt.format_range(low.low, high.high)} (5th percentile "
            f"{fmt.format_range(low.low, low.high)}, 95th "
            f"{fmt.format_range(high.low, high.high)}) | Williamson–Downs, tail means |")


def write_report(outdir: Path, *, n: int = DEFAULT_N, seed: int = DEFAULT_SEED) -> Path:
    """Write the report and its plots into ``outdir``; return the report's path."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    outdir.mkdir(parents=True, exist_ok=True)
    cases = scenarios()
    with_planned = cases.independent + planned()
    pooled = sources()
    lines = [
        "# Troops sent: dependence, sources and chances",
        "",
        "## Troops sent so far under four assumptions about dependence",
        "",
        "| scenario | median | 90% interval | engine |",
        "|---|---|---|---|",
        *_rows(cases.as_dict(), n, seed),
        _bounds_row(cases.independent),
        "",
        "![scenarios](scenarios.png)",
        "",
        "![p-box](pbox.png)",
        "",
        "## With the planned deployment as a chance",
        "",
        "```",
        str(with_planned.summary(n=n, rng=seed)),
        "```",
        "",
        "## The first batch from three sources",
        "",
        "```",
        str(pooled.summary(n=n, rng=seed)),
        "```",
        "",
        "![sources](sources.png)",
        "",
    ]
    ax = rg.plot.scenarios(cases.as_dict(), any_dependence=cases.independent, n=n,
                           rng=seed, title="Troops sent so far")
    ax.figure.savefig(outdir / "scenarios.png", dpi=110)
    ax = rg.plot.pbox(cases.independent, n=n, rng=seed, title="Troops sent so far")
    ax.figure.savefig(outdir / "pbox.png", dpi=110)
    ax = rg.plot.sources(pooled, n=n, rng=seed, title="First batch, three sources")
    ax.figure.savefig(outdir / "sources.png", dpi=110)
    plt.close("all")
    path = outdir / REPORT_NAME
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--n", type=int, default=DEFAULT_N)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    try:
        path = write_report(args.outdir, n=args.n, seed=args.seed)
    except rg.RangesError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
