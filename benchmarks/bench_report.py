"""The example reports: how long ``ranges report`` takes and how big its files are,
against a baseline measured in the same run.

Run from the repository root::

    python benchmarks/bench_report.py [--repeats 3]

For each spec in ``examples/*.toml``, best of ``--repeats`` (``time.perf_counter``), in
this process (imports already paid):

* ranges: ``rg.load_report(spec).write(out)`` (every number, every picture, HTML and
  Markdown);
* baseline, by hand: 200,000 numpy draws of the answer (``est.sample``), its three
  percentiles, and as many matplotlib histograms saved as PNG as the report has
  pictures: the least a report with the same pictures could cost.

It prints both times, the ratio, the HTML page's size and the number of pictures, and
the README's goal (a newcomer's seed report in under 10 s, as a fresh process, timed by
``--cold``). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


def _best(run, repeats: int) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def _baseline(est, pictures: int, folder: Path) -> None:  # type: ignore[no-untyped-def]
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    draws = est.sample(200_000, rng=1)
    np.percentile(draws, [5, 50, 95])
    for i in range(pictures):
        figure = Figure(figsize=(7.5, 3.6))
        FigureCanvasAgg(figure)
        figure.add_subplot().hist(draws, bins=80)
        figure.savefig(folder / f"base{i}.png", dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cold", action="store_true",
                        help="also time the README's command as a fresh process")
    args = parser.parse_args()
    import ranges as rg

    print(f"python {platform.python_version()}, {platform.machine()}, ranges {rg.__version__}")
    print(f"{'spec':<22}{'ranges s':>10}{'by hand s':>11}{'ratio':>8}{'html KB':>9}"
          f"{'pictures':>10}")
    for spec in sorted((ROOT / "examples").glob("*.toml")):
        report = rg.load_report(spec)
        with tempfile.TemporaryDirectory() as out:
            folder = Path(out)
            took = _best(partial(report.write, folder, name=spec.stem), args.repeats)
            html = folder / f"{spec.stem}.html"
            pictures = len(list(folder.glob("*.png")))
            by_hand = _best(partial(_baseline, report.answer, pictures, folder), args.repeats)
            print(f"{spec.stem:<22}{took:>10.2f}{by_hand:>11.2f}{took / by_hand:>8.1f}"
                  f"{html.stat().st_size / 1024:>9.0f}{pictures:>10}")
    if args.cold:
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "ranges", "report",
                            str(ROOT / "examples" / "seed_deployment.toml"), "-o", out],
                           check=True, capture_output=True)
            print(f"README command as a fresh process: {time.perf_counter() - start:.2f} s "
                  "(goal: under 10 s)")


if __name__ == "__main__":
    main()
