"""Score the prose reader on other projects' labelled data, beside quantulum3.

Reads ``../shared/peer-suites/`` (see its README) through ``tests/peer_suites.py``,
the scorer the accuracy-floor test uses, and prints the share of in-scope items fully
right per file and per category for ``ranges.extract`` and for quantulum3 (the bench
extra: ``pip install -e '.[bench]'``; left out with a note when it is not installed),
then the skipped items per reason.

    python benchmarks/bench_peer_suites.py
    python benchmarks/bench_peer_suites.py --misses negatives     # list one category's misses
    python benchmarks/bench_peer_suites.py --misses recognizers-text/NumberModel.json
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import peer_suites as ps


def _quantulum3() -> object | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import quantulum3.parser  # noqa: F401
    except ImportError:
        return None
    return ps.read_with_quantulum3


def _row(name: str, ours: ps.Score, peer: ps.Score | None) -> str:
    n = ours.total[name]
    mine = f"{ours.right[name]:4d}/{n:<4d} {100 * ours.share(name):5.1f}%"
    theirs = ""
    if peer is not None:
        theirs = f"   {peer.right[name]:4d}/{n:<4d} {100 * peer.share(name):5.1f}%"
    return f"{name:<58} {mine}{theirs}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--misses", metavar="KEY", help="list the misses of a file or category")
    ap.add_argument("--peer", action="store_true", help="list quantulum3's misses instead")
    args = ap.parse_args()
    items = ps.load_items()
    ours = ps.score(items, ps.read_with_ranges)
    reader = _quantulum3()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        peer = ps.score(items, reader) if reader is not None else None  # type: ignore[arg-type]
    head = f"{'':<58} {'ranges.extract':>16}" + (f"   {'quantulum3':>16}" if peer else "")
    print(head)
    for name in (*ps.FILES, "all"):
        print(_row(name, ours, peer))
    print()
    for cat in ps.CATEGORIES:
        if ours.total[cat]:
            print(_row(cat, ours, peer))
    print(f"\nskipped {sum(ours.skipped.values())} of {len(items)} items:")
    for reason, count in ours.skipped.most_common():
        print(f"  {count:4d}  {reason}")
    if peer is None:
        print("\nquantulum3 is not installed: pip install -e '.[bench]'")
    if args.misses:
        source = peer if args.peer and peer is not None else ours
        read = reader if args.peer and reader is not None else ps.read_with_ranges
        print(f"\nmisses in {args.misses}:")
        for item, found in source.misses.get(args.misses, []):
            print(f"- {item.text!r}")
            print(f"    expected {[(e.text, e.side, e.values, e.unit) for e in item.expected]}")
            print(f"    found    {[(f.text, f.side, f.values, f.unit) for f in found]}")
        del read


if __name__ == "__main__":
    main()
