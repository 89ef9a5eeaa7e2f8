"""docs/dependence.md runs as written, and its table of scenarios is what the example
prints."""

from __future__ import annotations

import doctest
from pathlib import Path

import ranges as rg
from ranges import format as fmt

DOCS = Path(__file__).resolve().parents[1] / "docs" / "dependence.md"


def test_dependence_page_examples_run_and_print_what_the_page_says() -> None:
    result = doctest.testfile(str(DOCS), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 15 and result.failed == 0


def test_dependence_page_table_matches_the_engines() -> None:
    text = DOCS.read_text(encoding="utf-8")
    fall = rg.between(10_000, 12_000, unit="troops", name="last fall")
    spring = rg.between(3_000, 4_000, unit="troops", name="earlier this year")
    a, b = rg.correlate([fall, spring], 0.5)
    rows = {"independent": fall + spring, "rank correlation 0.5": a + b,
            "comonotonic": (fall + spring).comonotonic()}
    for name, est in rows.items():
        s = est.summary()
        assert (f"| {name} | {fmt.format_number(s.median)} | "
                f"{fmt.format_range(s.low, s.high)} |") in text
    total = fall + spring
    median = total.quantile_bounds(0.5)
    widest = (total.quantile_bounds(0.05).low, total.quantile_bounds(0.95).high)
    assert (f"| any dependence | {fmt.format_range(median.low, median.high)} | "
            f"within {fmt.format_range(*widest)} |") in text
