"""Intervals shown together never print alike when they differ (rg.format.format_ranges),
in tables and in the rows of compare() and scenarios()."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

import ranges as rg
from ranges import format as fmt


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def test_the_reported_case_prints_two_different_texts() -> None:
    # 13,358 and 13,447 both rounded to "13,400" at three figures
    assert fmt.format_range(13_358, 15_600) == fmt.format_range(13_447, 15_600)
    first, second = fmt.format_ranges([(13_358, 15_600), (13_447, 15_600)])
    assert first != second
    assert (first, second) == ("13,360–15,600", "13,450–15,600")


def test_ranges_that_differ_never_print_alike() -> None:
    rng = np.random.default_rng(7)
    for _ in range(300):
        lows = rng.uniform(1_000, 2_000, size=4).round(rng.integers(-2, 2))
        pairs = [(float(low), float(low + 500)) for low in lows]
        texts = fmt.format_ranges(pairs, "troops")
        for (a, ta), (b, tb) in itertools.combinations(zip(pairs, texts, strict=True), 2):
            if a != b:
                assert ta != tb, (a, b, ta)
            else:
                assert ta == tb


def test_three_figures_kept_when_they_suffice_and_a_note_when_nothing_helps() -> None:
    assert fmt.format_ranges([(13_358, 15_600), (12_000, 14_000)]) == \
        ["13,400–15,600", "12,000–14,000"]
    texts = fmt.format_ranges([(1.000001, 2.0), (1.000002, 2.0), (5.0, 6.0)])
    assert texts == ["1–2 (the same to three figures)", "1–2 (the same to three figures)",
                     "5–6"]


def test_compare_rows_write_their_intervals_apart() -> None:
    a = rg.normal(14_420, 10, unit="troops")
    b = rg.normal(14_430, 10, unit="troops")
    sa, sb = a.summary(), b.summary()
    assert fmt.format_range(sa.low, sa.high) == fmt.format_range(sb.low, sb.high)
    ax = rg.plot.compare({"first": a, "second": b}, show_bounds=False)
    rows = [tick.get_text().splitlines()[1] for tick in ax.get_yticklabels()]
    expected = fmt.format_ranges([(sa.low, sa.high), (sb.low, sb.high)])
    assert rows == [f"{fmt.format_number(s.median)} ({text})"
                    for s, text in zip((sa, sb), expected, strict=True)]
    assert expected[0] != expected[1]
