"""Example report: how many foreign troops and workers have been, or will be, sent?

A news story about troops and workers sent to a war zone gives its figures in the
ways people usually write them: two ranges of troops already sent, two planned
headcounts from an agreement, and a vague "thousands" of construction workers.
This script turns them into one Markdown report with plots:

    python examples/deployment_report.py OUTDIR [--n 200000] [--seed 2024]

writes ``OUTDIR/deployment.md`` and the PNG files it shows (referenced by relative
paths, so the folder can be moved as a whole). Nothing is written outside OUTDIR.
The default seed is fixed, so the same command prints the same numbers.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ranges as rg
from ranges import format as fmt

DEFAULT_SEED = 2024
DEFAULT_N = 200_000
REPORT_NAME = "deployment.md"

#: The figures as the story states them: (name, stated, unit).
STATED = (
    ("last fall", "10,000–12,000", "troops"),
    ("earlier this year", "3,000–4,000", "troops"),
    ("planned sappers", "1,000", "sappers"),
    ("planned construction workers", "5,000", "workers"),
)

PLANNED_NOTE = (
    "the planned {what} is a figure from an agreement between governments, taken as "
    "exact: it says what was agreed, not what has arrived"
)


@dataclass(frozen=True)
class Model:
    """The inputs and the two totals under one reading of the stated ranges."""

    last_fall: rg.Estimate
    this_year: rg.Estimate
    sappers: rg.Estimate
    builders: rg.Estimate

    @property
    def sent_so_far(self) -> rg.Estimate:
        """Troops already sent: the two stated ranges added."""
        return self.last_fall + self.this_year

    @property
    def with_planned(self) -> rg.Estimate:
        """Everyone sent or planned, in people. Each input is converted to people
        before adding, so each stays its own term in the contributions plot."""
        first, *rest = self.inputs
        total = first.to("people")
        for item in rest:
            total = total + item.to("people")
        return total

    @property
    def inputs(self) -> tuple[rg.Estimate, ...]:
        return (self.last_fall, self.this_year, self.sappers, self.builders)


def build_model(reading: rg.Reading | None = None, *, planned: str = "exact") -> Model:
    """The deployment inputs, with the stated ranges read by ``reading`` (the
    default policy when None) and the planned figures read as ``"exact"`` or as
    ``"about"`` (a mild ±10 %)."""
    last_fall = rg.between(10_000, 12_000, unit="troops", name="last fall", reading=reading)
    this_year = rg.between(3_000, 4_000, unit="troops", name="earlier this year",
                           reading=reading)
    if planned == "exact":
        sappers = rg.exactly(1_000, unit="sappers", name="planned sappers",
                             note=PLANNED_NOTE.format(what="1,000 sappers"))
        builders = rg.exactly(5_000, unit="workers", name="planned construction workers",
                              note=PLANNED_NOTE.format(what="5,000 construction workers"))
    elif planned == "about":
        sappers = rg.about(1_000, unit="sappers", name="planned sappers")
        builders = rg.about(5_000, unit="workers", name="planned construction workers")
    else:
        raise ValueError(f"planned must be 'exact' or 'about', not {planned!r}")
    return Model(last_fall, this_year, sappers, builders)


def vague_workers() -> rg.Estimate:
    """The story's vague mention of construction workers, used only as a cross-check."""
    return rg.vague("thousands", unit="workers", name="thousands of workers")


# -- formatting helpers ------------------------------------------------------------------
def median_text(s: rg.Summary) -> str:
    return f"{fmt.format_number(s.median)} {s.unit}"


def interval_text(s: rg.Summary) -> str:
    return fmt.format_range(s.low, s.high, s.unit)


def bounds_text(s: rg.Summary) -> str:
    if s.bounds is None:
        return f"none ({s.bounds_note})"
    return fmt.format_interval(s.bounds, s.unit)


def percent(p: float) -> str:
    return f"{p:.0%}"


def cross_check_verdict(p_more: float) -> str:
    """What the chance of more than 5,000 under the vague reading says about 5,000."""
    if 0.2 <= p_more <= 0.8:
        return ("5,000 sits near the middle of what the word means, so the vague mention "
                "is consistent with the agreement's figure, though far too vague to "
                "confirm it.")
    side = "below" if p_more > 0.8 else "above"
    return (f"5,000 lies towards the {side} end of what the word usually means, so the "
            "two descriptions sit somewhat uneasily together.")


def _side_by_side(title: str, default: rg.Summary, hard: rg.Summary) -> list[str]:
    level = f"{default.level:.0%}"
    return [
        f"| {title} | default reading | hard-bounds reading |",
        "|---|---|---|",
        f"| median | {median_text(default)} | {median_text(hard)} |",
        f"| {level} interval | {interval_text(default)} | {interval_text(hard)} |",
        f"| range bounds | {bounds_text(default)} | {bounds_text(hard)} |",
        "",
    ]


# -- the report ------------------------------------------------------------------------------
def build_report(outdir: Path, *, n: int = DEFAULT_N, seed: int = DEFAULT_SEED) -> Path:
    """Compute everything, write the plots and ``deployment.md`` into ``outdir``,
    and return the report's path."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ranges.report import _plot as plot

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    hard_reading = rg.Reading(shape="bounds")
    default = build_model()
    hard = build_model(hard_reading)
    about = build_model(planned="about")
    thousands = vague_workers()

    def summarize(est: rg.Estimate) -> rg.Summary:
        return est.summary(n=n, rng=seed)

    so_far, so_far_hard = summarize(default.sent_so_far), summarize(hard.sent_so_far)
    total, total_hard = summarize(default.with_planned), summarize(hard.with_planned)
    total_about = summarize(about.with_planned)
    vague_summary = summarize(thousands)
    outside = (default.sent_so_far.prob_below(so_far.bounds.low, n=n, rng=seed)
               + default.sent_so_far.prob_above(so_far.bounds.high, n=n, rng=seed)
               if so_far.bounds is not None else float("nan"))
    p_more = thousands.prob_above(5_000, n=n, rng=seed)
    p_at_most = thousands.prob_below(5_000, n=n, rng=seed)
    level = f"{so_far.level:.0%}"

    # -- plots (the same n and seed as the numbers above) -------------------------------
    images: dict[str, str] = {}

    def save(fig: Any, name: str) -> None:
        fig.savefig(outdir / name, dpi=130)
        plt.close(fig)
        images[name] = name

    ax = plot.distribution(default.sent_so_far, n=n, rng=seed,
                           title="Troops sent so far (default reading)")
    save(ax.figure, "sent_so_far.png")

    ax = plot.contributions(default.with_planned, n=n, rng=seed,
                            title="What the total including planned workers is made of")
    save(ax.figure, "contributions.png")

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(7.5, 5.6), layout="constrained")
    plot.compare({"default reading": default.sent_so_far,
                  "hard-bounds reading": hard.sent_so_far},
                 ax=top, n=n, rng=seed, title="Troops sent so far")
    plot.compare({"default reading": default.with_planned,
                  "hard-bounds reading": hard.with_planned},
                 ax=bottom, n=n, rng=seed, title="Including the planned sappers and workers")
    save(fig, "readings.png")

    ax = plot.cdf(default.with_planned, n=n, rng=seed,
                  title="Chance the total including planned workers is at most x")
    save(ax.figure, "total_cdf.png")

    ax = plot.distribution(thousands, n=n, rng=seed, show_bounds=False,
                           title="Cross-check: what “thousands” of workers can mean")
    ax.axvline(5_000, color="#c0392b", linewidth=1.6, label="the agreement's 5,000")
    ax.legend(loc="upper right", frameon=False, fontsize=8.5)
    save(ax.figure, "thousands_check.png")

    # -- text -----------------------------------------------------------------------------
    lines: list[str] = [
        "# Foreign troops and workers sent to the war zone: how many?",
        "",
        "A news story on a foreign deployment gives its numbers the way reporters usually "
        "do. Two groups of troops have already gone, and each is given as a range: one "
        "sent last fall, one earlier this year. On top of that, an agreement between the "
        "two governments plans to send sappers and military construction workers, given "
        "as round single numbers. Elsewhere the story speaks, without a number, of "
        "“thousands” of construction workers.",
        "",
        "This report adds the figures up and says how sure the total can be. It treats "
        "each range as what a careful reader would take it to mean, keeps track of every "
        "assumption this takes, and shows how much the answer depends on the way the "
        "ranges are read.",
        "",
        "## The figures",
        "",
        "| input | as stated | unit | how it was read |",
        "|---|---|---|---|",
    ]
    for (name, stated, unit), est in zip(STATED, default.inputs, strict=True):
        assert est.leaf is not None
        how = fmt.describe_note(est.leaf.note, unit)
        lines.append(f"| {fmt.label(est)} | {stated} | {unit} | {how} |")
        assert name == fmt.label(est)
    vague_note = thousands.leaf.note if thousands.leaf is not None else None
    if vague_note is not None:
        lines.append(
            f"| {fmt.label(thousands)} (cross-check only) | “thousands” | workers | "
            f"{fmt.describe_note(vague_note, 'workers')} |"
        )
    lines += [
        "",
        f"The **default reading** takes a range such as 10,000–12,000 as a {level} "
        "interval: the true number is probably inside it, but could lie a little outside, "
        "since reporters' ranges are seldom guarantees. The **hard-bounds reading** takes "
        "each range as a firm limit, with every value inside it equally likely.",
        "",
        "## Troops sent so far",
        "",
        f"**{median_text(so_far)}**, with a {level} interval of {interval_text(so_far)}. "
        f"Adding the stated ranges end to end gives {bounds_text(so_far)}.",
        "",
        *_side_by_side("troops sent so far", so_far, so_far_hard),
        "The two readings agree closely in the middle and differ at the edges. Under the "
        "hard-bounds reading the total can never leave "
        f"{bounds_text(so_far_hard)}, and its median is simply the sum of the midpoints. "
        "The default reading lets each batch fall a little outside its stated range and "
        "leans slightly towards the lower end of each range (a lognormal's median sits "
        "below the midpoint), so its median is "
        f"{'lower' if so_far.median < so_far_hard.median else 'not lower'}, and it gives a "
        f"{percent(outside)} "
        f"chance that the total lies outside {bounds_text(so_far)}. The {level} intervals "
        "are nearly the same because adding two independent ranges already makes the "
        "extremes unlikely: both batches would have to be at the top (or bottom) of their "
        "ranges at once.",
        "",
        "## Including the planned sappers and construction workers",
        "",
        f"Adding 1,000 sappers and 5,000 construction workers, everyone counted as people: "
        f"**{median_text(total)}**, {level} interval {interval_text(total)}.",
        "",
        *_side_by_side("sent so far + planned", total, total_hard),
        "The planned figures are taken as exact (they are what the agreement says, and "
        "the story gives no margin), so they move the total up by 6,000 without adding any "
        "uncertainty: all of the spread still comes from the two troop ranges. Whether the "
        "plan will be carried out in full is a different question, which no reading of "
        "the numbers can answer. If the two planned figures are instead read as “about "
        "1,000” and “about 5,000” (within ±10 % at the same "
        f"{level} level), the total becomes {median_text(total_about)} with a {level} "
        f"interval of {interval_text(total_about)}, against {interval_text(total)} when "
        "they are taken as exact.",
        "",
        "## Cross-check: “thousands” of construction workers",
        "",
        "The vague mention of “thousands” of construction workers most likely describes "
        "the same people as the agreement's 5,000, so it is not added to the total. "
        "Instead it serves as a check on that figure. Read through the default table of "
        f"vague quantities, “thousands” means {interval_text(vague_summary)} "
        f"({level} interval, median {median_text(vague_summary)}). Under that reading the "
        f"chance of more than 5,000 workers is {percent(p_more)} and the chance of at "
        f"most 5,000 is {percent(p_at_most)}: {cross_check_verdict(p_more)}",
        "",
        "## Assumptions",
        "",
    ]
    assumptions = list(dict.fromkeys([*total.assumptions, *vague_summary.assumptions]))
    assumptions.append(
        f"each stated range is read as the {level} interval of a lognormal (default "
        "reading) or as a hard limit with every value inside equally likely (hard-bounds "
        "reading)"
    )
    assumptions.append(
        "the two batches of troops, and the troops and the planned workers, are separate "
        "people (nobody is counted twice) and their uncertainties are independent"
    )
    lines += [f"- {item}" for item in assumptions]
    lines += [
        "",
        "## Plots",
        "",
        "![Distribution of troops sent so far](sent_so_far.png)",
        "",
        f"*Troops sent so far under the default reading.* The histogram shows the "
        f"{n:,} simulated totals; the shaded band is the {level} interval, the "
        "solid line the median, and the dashed lines the range bounds "
        f"({bounds_text(so_far)}). Some draws fall outside the bounds: that is the "
        "default reading allowing the stated ranges to be slightly off.",
        "",
        "![Contributions to the total](contributions.png)",
        "",
        "*What the total including planned workers is made of.* Each bar adds one input's "
        "median to the ones above it; the whiskers are that input's own "
        f"{level} interval. The text beside each bar gives its share of the total's "
        "variance: how much of the uncertainty it brings. The exact planned figures bring "
        "none.",
        "",
        "![The two readings side by side](readings.png)",
        "",
        f"*The two readings side by side.* Thick bars are {level} intervals, dots the "
        "medians, thin whiskers the range bounds. The medians of the two readings differ "
        f"by {fmt.format_number(abs(so_far_hard.median - so_far.median), 2)} {so_far.unit}, "
        "small next to the width of either interval.",
        "",
        "![Cumulative distribution of the total](total_cdf.png)",
        "",
        "*Chance that the total including planned workers is at most a given number.* "
        "Read a number on the horizontal axis and the curve's height gives the chance "
        f"that the total is no larger; the dotted guides mark the {level} interval ends "
        "and the median.",
        "",
        "![What thousands can mean](thousands_check.png)",
        "",
        "*Cross-check.* The spread of numbers “thousands” can mean under the default "
        "table, with the agreement's 5,000 as a red line against the shaded "
        f"{level} interval ({interval_text(vague_summary)}).",
        "",
        "## How this was computed",
        "",
        f"- Engine: `{total.engine}`. "
        + ("The totals are sums of independent inputs, so ranges computes their "
           "distributions exactly (numerical convolution) instead of sampling them. "
           if total.n == 0 else f"Monte Carlo with {total.n:,} samples. ")
        + f"The plots draw {n:,} samples with seed {seed}; each input draws from its own "
        "random stream, keyed by its name, so the report is reproducible.",
        "- Range bounds: interval arithmetic over the stated ranges (the ranges added end "
        "to end).",
        "- Numerical error of the interval ends: about "
        f"±{fmt.format_number(max(total.errors['low'], total.errors['high']), 2)} "
        f"{total.unit}; numbers are rounded to three significant figures.",
        f"- Software: ranges {rg.__version__}; made by `examples/deployment_report.py "
        f"--n {n} --seed {seed}`.",
        "",
    ]
    report = outdir / REPORT_NAME
    report.write_text("\n".join(lines), encoding="utf-8")
    return report


def main(argv: list[str] | None = None) -> int:
    """Command line: ``deployment_report.py OUTDIR [--n N] [--seed S]``."""
    parser = argparse.ArgumentParser(
        description="Write the deployment example report (Markdown and PNG plots)."
    )
    parser.add_argument("outdir", type=Path, help="folder to write deployment.md and plots")
    parser.add_argument("--n", type=int, default=DEFAULT_N,
                        help=f"Monte Carlo samples (default {DEFAULT_N:,})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                        help=f"random seed (default {DEFAULT_SEED})")
    args = parser.parse_args(argv)
    if args.n < 100:
        parser.error("--n must be at least 100")
    if args.seed < 0:
        parser.error("--seed must not be negative")
    report = build_report(args.outdir, n=args.n, seed=args.seed)
    print(f"wrote {report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
