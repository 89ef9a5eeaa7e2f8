"""Figures, intervals, readings, summaries, contributions and totals pickle and unpickle
to equal objects; a summary's to_dict() reads back through JSON. (Errors: see
tests/test_errors.py.)"""

from __future__ import annotations

import dataclasses
import json
import math
import pickle
from typing import Any

import pytest

import ranges as rg
from ranges.cli import json_safe
from ranges.format import expression
from ranges.report._summary import Contribution, InputReading, Summary

N = 4_000
SEED = 5
TEXT = ("About 10,000-12,000 troops went last fall and 3,000-4,000 more this year; "
        "thousands of workers and up to 5,000 sappers follow in July 2025, "
        "1,200 ± 150 engineers and 600 drivers.")


def _round_trip(value: Any) -> Any:
    return pickle.loads(pickle.dumps(value))


def _summaries() -> dict[str, Summary]:
    troops = rg.between(10_000, 12_000, unit="troops") + rg.between(3_000, 4_000, unit="troops")
    x = rg.between(1, 2, name="x")
    return {
        "exact": troops.summary(n=N, rng=SEED),
        "sampled": troops.summary(engine="mc", n=N, rng=SEED),
        "auto parts": (x + x * rg.between(3, 4) + rg.between(1, 2) * rg.between(5, 6)
                       ).summary(n=N, rng=SEED),
        "open bound": rg.at_least(3_000, unit="troops").summary(n=N, rng=SEED),
        "no bounds": (rg.exactly(1) / rg.between(-1, 1)).summary(engine="mc", n=N, rng=SEED),
        "assumption": rg.vague("thousands", unit="workers").summary(n=N, rng=SEED),
    }


SUMMARIES = _summaries()


def _same_estimate(a: rg.Estimate, b: rg.Estimate) -> bool:
    """Estimates have no == of their own: the same expression, unit (of the same
    registry, so that the two can be combined) and numbers."""
    return (expression(a) == expression(b) and a.unit == b.unit
            and a.summary(n=N, rng=SEED) == b.summary(n=N, rng=SEED))


def _same_fields(a: Any, b: Any) -> None:
    """Every field of two dataclasses equal, Estimates compared by :func:`_same_estimate`."""
    assert type(a) is type(b)
    for field in dataclasses.fields(a):
        left, right = getattr(a, field.name), getattr(b, field.name)
        if isinstance(left, rg.Estimate):
            assert _same_estimate(left, right), field.name
        else:
            assert left == right, field.name


@pytest.mark.parametrize("name", sorted(SUMMARIES))
def test_summaries_pickle_to_equal_summaries(name: str) -> None:
    summary = SUMMARIES[name]
    twin = _round_trip(summary)
    assert twin == summary and str(twin) == str(summary)
    assert all(isinstance(item, InputReading) for item in twin.inputs)
    assert twin.inputs == summary.inputs and twin.assumptions == summary.assumptions


def test_the_summaries_cover_what_they_are_meant_to() -> None:
    assert SUMMARIES["exact"].engine == "exact" and SUMMARIES["sampled"].n == N
    assert len(SUMMARIES["auto parts"].parts) > 1
    assert SUMMARIES["open bound"].bounds is not None
    assert math.isinf(SUMMARIES["open bound"].bounds.high)
    assert SUMMARIES["no bounds"].bounds is None and SUMMARIES["no bounds"].warnings
    assert SUMMARIES["assumption"].assumptions


@pytest.mark.parametrize("name", sorted(SUMMARIES))
def test_to_dict_round_trips_through_json(name: str) -> None:
    summary = SUMMARIES[name]
    assert Summary.from_dict(json.loads(json.dumps(summary.to_dict()))) == summary
    # as ``ranges --json`` writes it: non-finite numbers as strings, strict JSON
    strict = json.dumps(json_safe(summary.to_dict()), allow_nan=False)
    assert Summary.from_dict(json.loads(strict)) == summary


def test_from_dict_refuses_data_that_is_not_a_summary() -> None:
    data = SUMMARIES["exact"].to_dict()
    del data["median"]
    with pytest.raises(rg.InputError, match="median"):
        Summary.from_dict(data)
    data = SUMMARIES["exact"].to_dict()
    data["low"] = "about 3"
    with pytest.raises(rg.InputError, match="about 3"):
        Summary.from_dict(data)


def test_figures_pickle_to_equal_figures() -> None:
    figures = rg.extract(TEXT)
    kinds = {str(figure.kind) for figure in figures}
    assert {"range", "vague", "upper_bound", "plus_minus", "date"} <= kinds, kinds
    for figure in figures:
        twin = _round_trip(figure)
        assert twin == figure and twin.render() == figure.render()


def test_intervals_pickle_to_equal_intervals() -> None:
    for interval in (rg.Interval(13_000, 16_000), rg.Interval(3_000, math.inf),
                     rg.Interval.point(7)):
        twin = _round_trip(interval)
        assert twin == interval and repr(twin) == repr(interval)


def test_contributions_of_a_plain_unit_pickle() -> None:
    # needs Estimate to pickle into ranges' own unit registry (core)
    total = rg.between(10, 12, unit="km", name="a") + rg.between(3, 4, unit="km", name="b")
    parts = rg.contributions(total, n=N, rng=SEED)
    twins = _round_trip(parts)
    assert len(twins) == 2
    for part, twin in zip(parts, twins, strict=True):
        assert isinstance(twin, Contribution)
        _same_fields(part, twin)


def test_contributions_of_a_headcount_pickle() -> None:
    # needs Estimate to pickle with a headcount unit (core: ranges' unit registry)
    troops = (rg.between(10_000, 12_000, unit="troops", name="last fall")
              + rg.between(3_000, 4_000, unit="troops", name="this year"))
    parts = rg.contributions(troops, n=N, rng=SEED)
    for part, twin in zip(parts, _round_trip(parts), strict=True):
        _same_fields(part, twin)


def test_totals_pickle() -> None:
    # needs Estimate to pickle with a headcount unit (core: ranges' unit registry)
    total = rg.total(TEXT)
    twin = _round_trip(total)
    _same_fields(total, twin)
    assert str(twin) == str(total) and twin.report() == total.report()
