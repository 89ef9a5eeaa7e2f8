"""Every page of docs/ runs as a doctest, so a page fails its test when an output it
shows changes. docs/dependence.md also has a table of numbers outside the doctests,
checked against the engines below."""

from __future__ import annotations

import doctest
from pathlib import Path

import matplotlib
import pytest

import ranges as rg
from ranges import format as fmt

matplotlib.use("Agg")  # pages draw plots; no display

DOCS = Path(__file__).resolve().parents[1] / "docs"
#: written pages only, not what a build leaves in docs/ (see .gitignore)
BUILT = ("_build", "gallery", "generated")
PAGES = sorted(page for page in DOCS.rglob("*.md")
               if not set(page.relative_to(DOCS).parts) & set(BUILT))
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def test_the_pages_are_found() -> None:
    names = {page.name for page in PAGES}
    assert {"reading.md", "getting-started.md", "units.md", "combining.md"} <= names


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(DOCS)) for p in PAGES])
def test_page_examples_print_what_the_page_says(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a page may write files (reports, plots): into a temporary directory, with the
    # repository's examples/ reachable as they are from the repository root
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").symlink_to(DOCS.parent / "examples")
    import matplotlib.pyplot as plt

    # a page may change defaults or declare units: both end with the page
    with rg.defaults.using(), rg.units.scoped():
        result = doctest.testfile(str(page), module_relative=False, globs={"rg": rg},
                                  optionflags=FLAGS, report=True, verbose=False)
    plt.close("all")
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed"


def test_dependence_page_table_matches_the_engines() -> None:
    text = (DOCS / "dependence.md").read_text(encoding="utf-8")
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
