"""Fixtures shared by several test files, each defined once."""

from __future__ import annotations

import pytest
from corpus_tools import ARTICLE

import ranges as rg


@pytest.fixture
def article() -> str:
    """The seed article's text (the test is skipped where it is not beside the checkout)."""
    if not ARTICLE.exists():
        pytest.skip(f"the seed article is not beside the checkout ({ARTICLE}); "
                    "it lives in ../shared/reference/ and is optional")
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture
def troops() -> rg.Estimate:
    """The README's sum: 10,000–12,000 troops last fall plus 3,000–4,000 this year."""
    last_fall = rg.between(10_000, 12_000, unit="troops", name="last fall")
    this_year = rg.between(3_000, 4_000, unit="troops", name="this year")
    return last_fall + this_year
