"""Units: decided when a node is built, checked then, and never seen by engines."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pint
import pytest

import ranges as rg
from ranges.core import _units as units


@pytest.fixture(autouse=True)
def _own_units() -> Iterator[None]:
    # declarations made by a test end with it (the suite-wide fixture in conftest.py
    # will do the same for every test)
    with rg.units.scoped():
        yield


def test_headcount_nouns_add_up_as_people() -> None:
    troops = rg.between(10_000, 12_000, unit="troops")
    workers = rg.exactly(5_000, unit="military construction workers")
    sappers = rg.exactly(1_000, unit="sappers")
    total = troops + workers + sappers
    assert units.label(total.unit) == "people"
    got = total.sample(1_000, rng=3)
    assert np.allclose(got, troops.sample(1_000, rng=3) + 6_000)
    assert units.label((troops + rg.exactly(5, unit="troops")).unit) == "troops"


def test_incompatible_units_raise_an_error_that_names_both() -> None:
    troops = rg.between(10_000, 12_000, unit="troops")
    with pytest.raises(rg.UnitError) as info:
        troops + rg.exactly(3, unit="km")
    message = str(info.value)
    assert "troops" in message and "km" in message
    with pytest.raises(rg.UnitError, match="plain number"):
        troops + 5
    with pytest.raises(rg.UnitError):
        rg.minimum(troops, rg.exactly(3, unit="t"))


def test_unknown_nouns_become_their_own_count_unit() -> None:
    tanks = rg.between(100, 200, unit="tanks")
    assert units.label(tanks.unit) == "tanks"
    with pytest.raises(rg.UnitError, match="declare_same"):
        tanks + rg.exactly(5, unit="troops")
    # a word pint would read as a prefixed unit is a noun, not centi-atmospheres
    cats = rg.exactly(3, unit="cats")
    assert units.label(cats.unit) == "cats"


def test_declared_nouns_add() -> None:
    units.declare_same("gunners", as_unit="person")
    total = rg.exactly(10, unit="gunners") + rg.exactly(5, unit="troops")
    assert units.label(total.unit) == "people"
    assert total.sample(1)[0] == 15.0


def test_conversions_are_exact() -> None:
    total = rg.exactly(1, unit="km") + rg.exactly(500, unit="m")
    assert units.label(total.unit) == "km"
    assert total.sample(3).tolist() == [1.5, 1.5, 1.5]
    assert total.to("m").sample(1)[0] == 1500.0
    mass = rg.exactly(2, unit="t") + rg.exactly(500, unit="kg")
    assert mass.sample(1)[0] == 2.5
    with pytest.raises(rg.UnitError, match="convert"):
        total.to("troops")


def test_products_quotients_and_percentages() -> None:
    share = rg.exactly(20, unit="%")
    troops = rg.between(1_000, 2_000, unit="troops")
    part = share * troops
    assert units.label(part.unit) == "troops"
    assert np.allclose(part.sample(100, rng=1), 0.2 * troops.sample(100, rng=1))
    rate = rg.exactly(3, unit="km") / rg.exactly(2, unit="hour")
    assert str(rate.unit) == "kilometer / hour"
    ratio = rg.exactly(3, unit="km") / rg.exactly(500, unit="m")
    assert units.is_dimensionless(ratio.unit)
    assert ratio.sample(1)[0] == pytest.approx(6.0)
    assert str((rg.exactly(2, unit="m") ** 2).unit) == "meter ** 2"


def test_currencies_are_separate_dimensions() -> None:
    usd = rg.between(3e9, 4e9, unit="USD")
    assert units.label((usd + rg.exactly(1e9, unit="dollars")).unit) == "USD"
    with pytest.raises(rg.UnitError, match=r"rate such as .*unit='USD/EUR'"):
        usd + rg.exactly(1, unit="EUR")


def test_functions_of_quantities_with_units_are_refused() -> None:
    with pytest.raises(rg.UnitError, match="plain number"):
        np.log(rg.between(1, 2, unit="troops"))
    ok = np.log(rg.between(1, 2, unit="troops") / rg.exactly(1, unit="troops"))
    assert units.is_dimensionless(ok.unit)


def test_samples_stay_plain_float_arrays() -> None:
    samples = (rg.between(1, 2, unit="km") * 3).sample(10, rng=0)
    assert type(samples) is np.ndarray
    assert samples.dtype == np.float64


def test_pint_quantities_combine_and_the_application_registry_is_untouched() -> None:
    reg = units.registry()
    total = rg.between(1, 2, unit="km") + reg.Quantity(500, "m")
    assert total.bounds() == rg.Interval(1.5, 2.5)
    app = pint.get_application_registry()
    assert "troop" not in dir(app)
    with pytest.raises(pint.errors.UndefinedUnitError):
        app.Unit("troops")


def test_a_registry_of_the_users_own() -> None:
    mine = pint.UnitRegistry()
    with rg.defaults.using(units=None):
        units.use_registry(mine)
        est = rg.exactly(2, unit="sappers")
        assert est.unit._REGISTRY is mine
        assert str(mine.Unit("deminers")) == "deminer"


def test_every_people_noun_the_extractor_knows_counts_persons() -> None:
    from ranges.text._words import HEADCOUNT

    person = units.resolve("person").dimensionality
    for noun in sorted(HEADCOUNT):
        assert units.resolve(noun).dimensionality == person, noun
        assert units.is_headcount(units.resolve(noun)), noun
    assert units.resolve("engineers") == units.resolve("engineer")
    assert units.label(units.combine_add(units.resolve("engineers"),
                                         units.resolve("troops"))[0]) == "people"
    assert units.singular("protesters") == "protester" and units.singular("men") == "man"


def test_plural_nouns_are_not_read_as_plurals_of_unit_symbols() -> None:
    # pint accepts "bus" as bushels ("bu" + s): an English plural must stay a count
    bus = units.resolve("buses")
    assert bus == units.resolve("bus")
    assert bus.dimensionality != units.resolve("bushel").dimensionality
    assert units.label(bus) == "buses"
    # the plurals of symbols people do write still convert
    pounds = rg.exactly(2, unit="lbs") + rg.exactly(1, unit="kg")
    assert pounds.mean() == pytest.approx(2 + 1 / 0.45359237)
