"""The prose reader scored on other projects' labelled data (``../shared/peer-suites/``,
Recognizers-Text and quantulum3, MIT licence), read where it lies.

The floors are the share of in-scope items fully right per file (scorer:
``tests/peer_suites.py``; the table beside quantulum3: ``benchmarks/bench_peer_suites.py``).
They fail the suite when the reader gets worse; raise them when it gets better.
"""

from __future__ import annotations

import peer_suites as ps
import pytest

#: file -> the least share of its in-scope items that must be fully right
FLOORS = {
    "recognizers-text/NumberModel.json": 0.67,
    "recognizers-text/NumberRangeModel.json": 0.91,
    "recognizers-text/NumberRangeModelExperimentalMode.json": 0.94,
    "recognizers-text/PercentModel.json": 0.76,
    "recognizers-text/CurrencyModel.json": 0.84,
    "recognizers-text/DimensionModel.json": 0.87,
    "quantulum3/quantities.json": 0.82,
    "quantulum3/quantities.ambiguity.json": 0.61,
}

#: skip reason -> the most items it may skip (a rule that starts skipping more is a
#: rule gone wrong, not a better score)
MOST_SKIPPED = {
    "a compound unit or a unit with a power (km^3, kg/cm³, per-unit rates)": 24,
    "a currency with no single code (franc, rupee, bitcoin...)": 24,
    "the peer expects a result with no number (a unit word alone)": 12,
    "not English script (yuan sign, CJK numerals)": 1,
    "a power of a number other than ten written with ^ (1.1^+23): algebra, not prose": 6,
    "an address, phone number or slash date the peer splits into numbers "
    "(192.168.1.2, +1-222-2222, 5/17/2018): one identifier or a date here": 3,
    "the number file expects nothing from a number glued to a unit ('180ml', '29km'): "
    "a measurement, which the unit files score": 4,
    "a code with a number in it (SCP-173): a name, never a figure, by design": 1,
}


@pytest.fixture(scope="module")
def scored() -> ps.Score:
    if not ps.SUITES.is_dir():
        pytest.skip(f"the peer suites are not beside the checkout ({ps.SUITES})")
    return ps.score(ps.load_items(), ps.read_with_ranges)


@pytest.mark.parametrize("file", ps.FILES)
def test_share_right_per_file_stays_above_its_floor(scored: ps.Score, file: str) -> None:
    assert scored.total[file] > 0
    assert scored.share(file) >= FLOORS[file], (
        f"{file}: {scored.right[file]}/{scored.total[file]} right, floor {FLOORS[file]:.0%}")


def test_every_skip_is_counted_under_a_known_reason(scored: ps.Score) -> None:
    assert set(scored.skipped) <= set(MOST_SKIPPED), set(scored.skipped) - set(MOST_SKIPPED)
    for reason, count in scored.skipped.items():
        assert count <= MOST_SKIPPED[reason], (reason, count)


def test_the_scorer_judges_a_wrong_number_wrong() -> None:
    """The scorer itself: a reader that returns the expected records is right on every
    item of a file, and one that changes a number or adds a record is not."""
    if not ps.SUITES.is_dir():
        pytest.skip(f"the peer suites are not beside the checkout ({ps.SUITES})")
    items = [i for i in ps.load_items(["recognizers-text/PercentModel.json"])
             if i.skip is None and i.expected]

    def echo(item: ps.Item, shift: float = 0.0, extra: bool = False) -> list[ps.Found]:
        found = [ps.Found(e.text, e.span or (0, 1), e.side,
                          tuple(v + shift for v in e.values), e.unit) for e in item.expected]
        if extra:
            found.append(ps.Found("7", (0, 1), ps.NUMBER, (7.0,), "percent"))
        return found

    assert all(ps.is_right(i, echo(i)) for i in items)
    assert not any(ps.is_right(i, echo(i, shift=1.0)) for i in items)
    assert not any(ps.is_right(i, echo(i, extra=True)) for i in items)
