"""Comparison phrasing, whether a bound includes its number, two-sided bounds, and
margins (issue 8). Every sentence here is written for this project."""

from __future__ import annotations

import pytest

import ranges as rg
from ranges.errors import ReadingError


def _one(text: str) -> rg.Figure:
    figs = [f for f in rg.extract(text) if f.is_quantity]
    assert len(figs) == 1, figs
    return figs[0]


@pytest.mark.parametrize(("text", "kind", "point", "closed"), [
    ("Turnout was 40,000 or greater.", "lower_bound", 40000, (True, False)),
    ("Damage exceeding 150 homes was reported.", "lower_bound", 150, (False, False)),
    ("Losses in excess of $3m were booked.", "lower_bound", 3e6, (False, False)),
    ("The camp needs at minimum 40 nurses.", "lower_bound", 40, (True, False)),
    ("No fewer than 30 staff stayed on.", "lower_bound", 30, (True, False)),
    ("Keep the load less than or equal to 100 kg.", "upper_bound", 100, (False, True)),
    ("Rates of ≥ 20 units were logged.", "lower_bound", 20, (True, False)),
    ("Values <= 30 are flagged.", "upper_bound", 30, (False, True)),
    ("Values < = 30 are flagged.", "upper_bound", 30, (False, True)),
    ("The bid came in just shy of 500 votes.", "upper_bound", 500, (False, False)),
    ("The fund is north of $2bn.", "lower_bound", 2e9, (False, False)),
    ("Keep it less than 5000 or equal.", "upper_bound", 5000, (False, True)),
    ("The crowd topped 12,000 people.", "lower_bound", 12000, (False, False)),
    ("More than 30 people came.", "lower_bound", 30, (False, False)),
    ("At least 30 people came.", "lower_bound", 30, (True, False)),
    ("1,000+ people came.", "lower_bound", 1000, (True, False)),
    ("Up to 300 drones flew.", "upper_bound", 300, (False, True)),
    ("Fewer than 50 remain.", "upper_bound", 50, (False, False)),
])
def test_bounds_and_whether_they_include_their_number(
        text: str, kind: str, point: float, closed: tuple[bool, bool]) -> None:
    f = _one(text)
    assert (f.kind, f.point, f.closed) == (kind, point, closed)


@pytest.mark.parametrize(("text", "low", "high", "closed", "unit"), [
    ("They sent more than 200 but fewer than 300 medics.", 200, 300, (False, False),
     "person"),
    ("It holds at most 900 and at least 400 tonnes.", 400, 900, (True, True), None),
    ("Prices were above 10 and below 20 dollars.", 10, 20, (False, False), None),
    ("Scores no more than 50 and no less than 20 pass.", 20, 50, (True, True), None),
    ("Rents greater than 30 and less than or equal to 40 rose.", 30, 40, (False, True),
     None),
    ("Between 20 and 30 inclusive.", 20, 30, (True, True), None),
    ("Between 20 and 30 exclusive.", 20, 30, (False, False), None),
])
def test_two_sided_statements_are_one_range(
        text: str, low: float, high: float, closed: tuple[bool, bool],
        unit: str | None) -> None:
    f = _one(text)
    assert (f.kind, f.low, f.high, f.closed) == ("range", low, high, closed)
    if unit is not None:
        assert f.unit == unit
    assert "inclusive" not in (f.unit or "") and "exclusive" not in (f.unit or "")


@pytest.mark.parametrize("text", [
    "More than 400 arrived and fewer than 100 left.",  # a clause between them
    "More than 40 and less than 10 are both wrong.",  # low above high: two statements
    "More than 200 tanks and fewer than 300 trucks.",  # different things
])
def test_opposite_bounds_that_are_not_one_range_stay_two(text: str) -> None:
    kinds = [f.kind for f in rg.extract(text) if f.is_quantity]
    assert "range" not in kinds
    assert {"lower_bound", "upper_bound"} <= set(kinds)


def test_a_hedge_after_a_figure_is_not_taken_from_the_next_one() -> None:
    figs = rg.extract("A score of 200 or greater than 190 counts.")
    assert [(f.kind, f.point) for f in figs] == [("exact", 200), ("lower_bound", 190)]


def test_a_two_sided_range_reads_as_a_range_between_its_bounds() -> None:
    f = _one("Between more than 200 but fewer than 300 medics were sent.")
    assert f.estimate().bounds() == rg.between(200, 300).bounds()


def test_a_margin_keeps_its_half_width() -> None:
    f = _one("The poll gave 45 ± 3 points.")
    assert (f.kind, f.point, f.margin, f.low, f.high) == ("plus_minus", 45, 3, 42, 48)


@pytest.mark.parametrize(("text", "margin"), [
    ("The survey has a margin of error of ± 3 points.", 3),
    ("Results are accurate to plus or minus 4 percentage points.", 4),
])
def test_a_margin_with_no_centre_is_recorded_and_refused_as_an_estimate(
        text: str, margin: float) -> None:
    f = _one(text)
    assert (f.kind, f.point, f.low, f.high, f.margin) == (
        "plus_minus", None, None, None, margin)
    with pytest.raises(ReadingError, match="no centre"):
        f.estimate()
    assert f.render().startswith("± ")


def test_a_margin_after_a_figure_is_its_margin() -> None:
    f = _one("The garrison had 1,200 troops, plus or minus 150.")
    assert (f.kind, f.point, f.margin, f.low, f.high, f.unit) == (
        "plus_minus", 1200, 150, 1050, 1350, "person")
    total = rg.total("1,200 troops, plus or minus 150 troops")
    assert total.estimate.bounds() == rg.parse("1200 ± 150 troops").bounds()


@pytest.mark.parametrize(("text", "units"), [
    ("Revenue went from 5% to $3m.", ["percent", "USD"]),
    ("The bill is $3m to €4m.", ["USD", "EUR"]),
])
def test_ends_in_different_units_are_never_one_range(text: str, units: list[str]) -> None:
    figs = [f for f in rg.extract(text) if f.is_quantity]
    assert [f.kind for f in figs] == ["exact", "exact"]
    assert [f.unit for f in figs] == units


@pytest.mark.parametrize("text", ["Use =>30 here.", "Values <>30 fail.", "Go x->30 now."])
def test_an_arrow_or_not_equal_sign_states_no_bound(text: str) -> None:
    assert [f for f in rg.extract(text) if f.is_quantity] == []
