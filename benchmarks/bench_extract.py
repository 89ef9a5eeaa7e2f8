"""Throughput of ranges.extract on long prose with figures (1 MB and 4 MB).

Run:  python benchmarks/bench_extract.py [--mb 1 4] [--repeat 3]

The text is generated from this project's own sentence templates (news/report style):
by default about one sentence in three carries figures, as in the seed article (about
one figure per 250-300 characters); ``--figure-share 1`` gives the dense worst case
(a figure every ~60 characters). The text is the same on every run. Prints MB/s for
each size; the target is at least 5 MB/s on one core, and the time should grow
linearly with the length.
"""

from __future__ import annotations

import argparse
import random
import time

import ranges as rg

TEMPLATES = [
    "Officials said about {a:,} troops had crossed the river by the weekend.",
    "The ministry expects between {a} and {b} million in new spending next year.",
    "Aid groups reported {a:,}-{b:,} displaced families near the border.",
    "More than {a:,} people attended the rally, organisers said.",
    "Thousands of workers were expected to join the strike on Monday.",
    "Up to {a} drones were launched overnight, according to the air force.",
    "The committee met again on Tuesday and discussed the proposal with officials.",
    "Prices rose from {a}% to {b}% over the summer, the statistics office said.",
    "The council approved a budget of ${a}bn for roads and schools.",
    "Several hundred volunteers cleared debris from the streets.",
    "Nobody at the agency would comment on the details of the plan.",
    "The home side won 3-1 in front of a crowd of {a:,}.",
    "Some {a:,} sappers and {b:,} engineers will arrive as early as July or August.",
    "Analysts say the figure could be {a:,} ± {c:,}, a wide margin.",
    "The report, published in 2019, covered {a:,} households in twelve regions.",
    "Call the hotline on 555-0143 for more information about the scheme.",
]


PLAIN = [
    "The committee met again on Tuesday and discussed the proposal with officials.",
    "Nobody at the agency would comment on the details of the plan.",
    "Local residents described the situation as tense but calm after the talks.",
    "The opposition called for an inquiry into how the decision had been taken.",
    "Diplomats from several countries urged both sides to return to negotiations.",
    "Engineers inspected the bridge and said repairs would begin once it was safe.",
]


def make_text(size: int, seed: int = 1, figure_share: float = 0.35) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    n = 0
    while n < size:
        a = rng.randint(10, 900)
        b = a + rng.randint(1, 900)
        pool = TEMPLATES if rng.random() < figure_share else PLAIN
        s = rng.choice(pool).format(a=a * 10, b=b * 10, c=a)
        parts.append(s)
        n += len(s) + 1
    return " ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[1.0, 4.0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--figure-share", type=float, default=0.35,
                        help="share of sentences drawn from the templates with figures")
    args = parser.parse_args()
    rg.extract("warm up: 10-12 troops in 2011")
    for mb in args.mb:
        text = make_text(int(mb * 1_000_000), figure_share=args.figure_share)
        best = float("inf")
        count = 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            count = len(rg.extract(text))
            best = min(best, time.perf_counter() - start)
        rate = len(text) / best / 1e6
        print(f"{len(text) / 1e6:5.2f} MB: {best:6.3f} s, {rate:5.2f} MB/s, "
              f"{count:,} figures ({count / (len(text) / 1e6):,.0f} per MB)")


if __name__ == "__main__":
    main()
