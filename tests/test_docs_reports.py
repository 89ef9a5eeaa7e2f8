"""docs/reports.md runs as written (its numbers are what the library prints today)."""

from __future__ import annotations

import doctest
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs" / "reports.md"


def test_reports_page_examples_run_and_print_what_the_page_says() -> None:
    result = doctest.testfile(str(DOCS), module_relative=False,
                              optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 10 and result.failed == 0
