"""Offset units (degC, degF): converted with their offset or refused, following pint's
rules for sums, differences, products and powers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pint
import pytest

import ranges as rg
from ranges.core import _units as units


@pytest.fixture(autouse=True)
def _own_units() -> Iterator[None]:
    with rg.units.scoped():
        yield


def u(text: str) -> Any:
    return units.resolve(text)


# -- conversion -------------------------------------------------------------------------

# target = source × factor + offset, from the definitions of the scales (independent of pint)
KNOWN_CONVERSIONS = [
    ("degC", "degF", 9 / 5, 32.0),
    ("degF", "degC", 5 / 9, -32 * 5 / 9),
    ("degC", "kelvin", 1.0, 273.15),
    ("kelvin", "degC", 1.0, -273.15),
    ("degF", "kelvin", 5 / 9, 273.15 - 32 * 5 / 9),
    ("kelvin", "degF", 9 / 5, 32 - 273.15 * 9 / 5),
    ("delta_degC", "delta_degF", 9 / 5, 0.0),
    ("km", "m", 1000.0, 0.0),
    ("USD", "dollars", 1.0, 0.0),
]


@pytest.mark.parametrize(("source", "target", "factor", "offset"), KNOWN_CONVERSIONS)
def test_conversion_gives_factor_and_offset(
    source: str, target: str, factor: float, offset: float
) -> None:
    got_factor, got_offset = units.conversion(u(source), u(target))
    assert got_factor == pytest.approx(factor, rel=1e-12)
    assert got_offset == pytest.approx(offset, rel=1e-12, abs=1e-12)
    if source == "USD":
        return
    # and it agrees with pint converting a few values
    reg = pint.UnitRegistry()
    for value in (-40.0, 0.0, 10.0, 100.0):
        expected = reg.Quantity(value, source).to(target).magnitude
        assert value * got_factor + got_offset == pytest.approx(expected, rel=1e-12, abs=1e-9)


def test_ten_celsius_is_fifty_fahrenheit_not_338() -> None:
    factor, offset = units.conversion(u("degC"), u("degF"))
    assert 10 * factor + offset == pytest.approx(50.0, rel=1e-12)
    # until Estimate.to() applies the offset it must refuse rather than give 338
    estimate = rg.exactly(10, unit="degC")
    try:
        value = float(estimate.to("degF").sample(1)[0])
    except rg.UnitError:
        return
    assert value == pytest.approx(50.0, rel=1e-12)


def test_conversion_factor_refuses_an_offset_and_says_what_to_use() -> None:
    with pytest.raises(rg.UnitError) as info:
        units.conversion_factor(u("degC"), u("degF"))
    message = str(info.value)
    assert "degC" in message or "°C" in message
    assert ".to(" in message and "offset" in message
    with pytest.raises(rg.UnitError, match="offset"):
        units.conversion_factor(u("kelvin"), u("degC"))
    # no offset: a factor as before, also between two offset units with the same zero
    assert units.conversion_factor(u("degC"), u("degC")) == 1.0
    # degree_Reaumur shares the zero of degC; its size is pint's (pint before 0.25 had
    # 0.8 where 80 °Ré = 100 °C gives 1.25), so ranges must relay pint's own factor
    reaumur = pint.UnitRegistry().Quantity(1.0, "delta_degree_Reaumur").to("delta_degC")
    assert units.conversion_factor(u("degree_Reaumur"), u("degC")) == pytest.approx(
        reaumur.magnitude, rel=1e-12)
    assert units.conversion_factor(u("delta_degF"), u("delta_degC")) == pytest.approx(5 / 9)


def test_a_temperature_does_not_convert_to_a_change_or_to_another_dimension() -> None:
    with pytest.raises(rg.UnitError, match="change of temperature"):
        units.conversion(u("degC"), u("delta_degC"))
    with pytest.raises(rg.UnitError, match="change of temperature"):
        units.conversion(u("delta_degC"), u("degF"))
    with pytest.raises(rg.UnitError, match="cannot convert"):
        units.conversion(u("degC"), u("km"))


# -- sums and differences ---------------------------------------------------------------


def test_adding_two_temperatures_is_refused_with_what_is_allowed() -> None:
    with pytest.raises(rg.UnitError) as info:
        units.combine_add(u("degC"), u("degC"))
    message = str(info.value)
    assert "delta_degC" in message or "Δ°C" in message
    assert "kelvin" in message
    with pytest.raises(rg.UnitError, match="two temperatures"):
        units.combine_add(u("degC"), u("degF"))


def test_celsius_plus_kelvin_is_refused_not_minus_262() -> None:
    with pytest.raises(rg.UnitError, match="could be a temperature or a change"):
        rg.exactly(10, unit="degC") + rg.exactly(1, unit="kelvin")
    with pytest.raises(rg.UnitError):
        rg.exactly(1, unit="kelvin") + rg.exactly(10, unit="degC")


def test_a_temperature_plus_a_change_is_a_temperature() -> None:
    unit, f_left, f_right = units.combine_add(u("degC"), u("delta_degF"))
    assert unit == u("degC") and (f_left, f_right) == (1.0, pytest.approx(5 / 9))
    unit, f_left, f_right = units.combine_add(u("delta_degC"), u("degF"))
    assert unit == u("degF") and (f_left, f_right) == (pytest.approx(9 / 5), 1.0)
    total = rg.exactly(20, unit="degC") + rg.exactly(9, unit="delta_degF")
    assert float(total.sample(1)[0]) == pytest.approx(25.0)


def test_differences_of_temperatures() -> None:
    assert units.combine_sub(u("degC"), u("degC")) == (u("delta_degC"), 1.0, 1.0)
    assert units.combine_sub(u("degF"), u("delta_degC"))[0] == u("degF")
    with pytest.raises(rg.UnitError, match="convert one"):
        units.combine_sub(u("degF"), u("degC"))
    with pytest.raises(rg.UnitError, match="no meaning"):
        units.combine_sub(u("delta_degC"), u("degC"))
    with pytest.raises(rg.UnitError):
        units.combine_sub(u("degC"), u("kelvin"))
    # ordinary units subtract as they add
    assert units.combine_sub(u("km"), u("m")) == units.combine_add(u("km"), u("m"))


def test_comparing_temperatures() -> None:
    assert units.combine_compare(u("degC"), u("degC")) == (u("degC"), 1.0, 1.0)
    with pytest.raises(rg.UnitError, match="convert one"):
        units.combine_compare(u("degC"), u("degF"))
    assert units.combine_compare(u("troops"), u("workers"))[0] == u("person")


# -- products and powers ----------------------------------------------------------------


def test_products_and_powers_of_temperatures_are_refused() -> None:
    for other in ("", "m", "%", "degC"):
        with pytest.raises(rg.UnitError, match="kelvin"):
            units.combine_mul(u("degC"), u(other))
        with pytest.raises(rg.UnitError, match="kelvin"):
            units.combine_div(u(other), u("degC"))
    with pytest.raises(rg.UnitError, match="power"):
        units.combine_pow(u("degF"), 2.0)
    assert units.combine_pow(u("degF"), 1.0) == u("degF")
    with pytest.raises(rg.UnitError, match="multiply"):
        rg.exactly(10, unit="degC") * 2
    # changes and kelvin multiply like any unit
    assert units.combine_mul(u("delta_degC"), u("m"))[0] == u("delta_degC") * u("m")
    assert units.combine_div(u("kelvin"), u("hour"))[0] == u("kelvin") / u("hour")


# -- the same rules as pint -------------------------------------------------------------

PAIRS = [
    (a, b)
    for a in ("degC", "degF", "kelvin", "delta_degC", "delta_degF")
    for b in ("degC", "degF", "kelvin", "delta_degC", "delta_degF")
]
RULES: dict[str, tuple[Callable[[Any, Any], Any], Callable[[Any, Any], Any]]] = {
    "add": (units.combine_add, lambda x, y: x + y),
    "sub": (units.combine_sub, lambda x, y: x - y),
    "mul": (units.combine_mul, lambda x, y: x * y),
    "div": (units.combine_div, lambda x, y: x / y),
}


@pytest.mark.parametrize("operation", sorted(RULES))
@pytest.mark.parametrize(("left", "right"), PAIRS)
def test_accepted_operations_give_pints_unit_and_value(
    operation: str, left: str, right: str
) -> None:
    """Where ranges accepts an operation, pint accepts it too and the result (unit and
    value through the factors) is pint's; ranges refuses more than pint only where pint
    converts one side with an offset first or gives a meaningless result."""
    ours, theirs = RULES[operation]
    reg = pint.UnitRegistry()
    a, b = reg.Quantity(30.0, left), reg.Quantity(12.0, right)
    try:
        result = ours(u(left), u(right))
    except rg.UnitError:
        return  # refusing is always allowed; accepting wrongly is not
    expected = theirs(a, b)
    unit = result[0]
    # ranges folds a ratio of like units into a plain number (km/m is 1000)
    assert unit.dimensionality == expected.dimensionality
    if not unit.dimensionless:
        assert str(unit) == str(expected.units)
    expected = expected.to(str(unit))
    if operation in ("add", "sub"):
        sign = 1.0 if operation == "add" else -1.0
        value = 30.0 * result[1] + sign * 12.0 * result[2]
    else:
        value = (30.0 * 12.0 if operation == "mul" else 30.0 / 12.0) * result[1]
    assert value == pytest.approx(expected.magnitude, rel=1e-12)


def test_ranges_refuses_what_pint_refuses() -> None:
    reg = pint.UnitRegistry()
    for ours, theirs in RULES.values():
        for left, right in PAIRS:
            try:
                theirs(reg.Quantity(30.0, left), reg.Quantity(12.0, right))
            except (pint.errors.OffsetUnitCalculusError, pint.errors.DimensionalityError):
                with pytest.raises(rg.UnitError):
                    ours(u(left), u(right))
