"""Fast start: the CLI's first answer against importing what it cannot do without.

Run from the repository root::

    python benchmarks/bench_startup.py [--repeats 15]

Times, as fresh processes (best and median of ``--repeats``, interleaved so that a busy
machine slows both alike):

* baseline: ``python -c "import numpy, scipy.special, scipy.fft, pint"`` (the
  libraries the answer needs, without building anything);
* import: ``python -c "import ranges"``;
* cli: ``python -m ranges "10k-12k + 3k-4k troops"`` (parse, units, the exact
  engine, the summary, printed);

and prints each one's ratio to the baseline (the target for the CLI is at most 1.5).
It also lists the heavy modules that ``import ranges`` loads (scipy.stats, matplotlib,
pint's registry must not be among them). This is a script, not a test: nothing here is
asserted.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "baseline": [sys.executable, "-c", "import numpy, scipy.special, scipy.fft, pint"],
    "import": [sys.executable, "-c", "import ranges"],
    "cli": [sys.executable, "-m", "ranges", "10k-12k + 3k-4k troops"],
}
HEAVY = ("scipy.stats", "matplotlib", "pint", "scipy.optimize")


def run_once(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def loaded_after_import() -> list[str]:
    """Which of :data:`HEAVY` a fresh ``import ranges`` has loaded."""
    code = "import sys, ranges; print(' '.join(sys.modules))"
    loaded = set(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                text=True).stdout.split())
    return [name for name in HEAVY if name in loaded]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args(argv)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for command in COMMANDS.values():  # warm the file cache
        run_once(command)
    for _ in range(args.repeats):
        for name, command in COMMANDS.items():
            times[name].append(run_once(command))
    print(f"python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} cpus, "
          f"{args.repeats} interleaved runs each")
    base_best = min(times["baseline"])
    base_median = statistics.median(times["baseline"])
    print(f"{'':10} {'best s':>7} {'median s':>9} {'best ratio':>11} {'median ratio':>13}")
    for name, values in times.items():
        best, median = min(values), statistics.median(values)
        print(f"{name:10} {best:7.3f} {median:9.3f} {best / base_best:11.2f} "
              f"{median / base_median:13.2f}")
    heavy = loaded_after_import()
    print("heavy modules loaded by 'import ranges':", ", ".join(heavy) or "none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
