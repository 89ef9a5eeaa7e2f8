"""Fixtures shared by several test files, each defined once, and the Hypothesis
profiles: "ci" (the default) derandomizes, so every run of the suite tries the same
examples and a red run can be reproduced; ``HYPOTHESIS_PROFILE=explore`` draws new
examples each run, for looking for bugs by hand."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from corpus_tools import ARTICLE
from hypothesis import settings
from peer_suites import SUITES as PEER_SUITES

import ranges as rg

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("explore", deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

#: the peer suites live beside the checkout (``../shared/peer-suites``); in a checkout
#: without them, peer_suites.py's doctests (which read them) are not collected, and the
#: tests that need them skip and say why
collect_ignore = [] if PEER_SUITES.is_dir() else ["peer_suites.py"]


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


@pytest.fixture(autouse=True)
def _scoped_units() -> Iterator[None]:
    """Unit declarations made by a test end with it (a child unit system that shares the
    registry, so this costs nothing measurable)."""
    with rg.units.scoped():
        yield


@pytest.fixture(scope="session")
def example_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    """Every example spec in examples/ built once by ``ranges report`` (HTML and
    Markdown) into a temporary folder: spec stem -> the paths written."""
    from report_tools import build_examples

    return build_examples(tmp_path_factory.mktemp("reports"))
