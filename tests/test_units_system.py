"""The unit system: one object owns the pint registry, nouns and declarations; it can be
scoped, extended, pickled, and units written as text are read back in any process."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import threading
from collections.abc import Iterator
from typing import Any

import pint
import pytest

import ranges as rg
from ranges.core import _units as units


@pytest.fixture(autouse=True)
def _own_units() -> Iterator[None]:
    with rg.units.scoped():
        yield


def _run(code: str) -> str:
    """Run ``code`` in a fresh Python process and return what it printed."""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=120)
    return done.stdout


# -- pint is imported on first use ------------------------------------------------------


def test_importing_ranges_does_not_import_pint() -> None:
    printed = _run(
        "import sys, ranges\n"
        "print('pint' in sys.modules)\n"
        "ranges.units.resolve('km')\n"
        "print('pint' in sys.modules)\n"
    )
    assert printed.split() == ["False", "True"]


# -- scoping ----------------------------------------------------------------------------


def test_a_declaration_in_a_scope_does_not_leak_out() -> None:
    with rg.units.scoped():
        units.declare_same("gunners", as_unit="troops")
        total = rg.exactly(10, unit="gunners") + rg.exactly(5, unit="troops")
        assert units.label(total.unit) == "people"
    # outside: gunners is a count noun of its own, and may still be declared
    with pytest.raises(rg.UnitError, match="declare_same"):
        rg.exactly(10, unit="gunners") + rg.exactly(5, unit="troops")
    with rg.units.scoped(), pytest.raises(rg.UnitError, match="before first using it"):
        units.declare_same("gunners", as_unit="vehicles")  # a child knows what was used
    with rg.units.scoped(rg.units.UnitSystem()):  # a system of its own does not
        units.declare_same("gunners", as_unit="vehicles")
        assert units.combine_add(units.resolve("gunners"), units.resolve("vehicles"))[1:] \
            == (1.0, 1.0)


def test_scopes_share_one_pint_registry_but_not_declarations() -> None:
    outer = units.current()
    with rg.units.scoped() as inner:
        assert inner is units.current() and inner is not outer
        assert inner.registry is outer.registry  # no new registry to build
        inner.declare_same("riflemen", as_unit="troops")
        assert units.is_headcount(inner.resolve("riflemen"))
        assert not units.is_headcount(outer.resolve("riflemen"))
        # a noun declared in one system and counted in another are different units
        assert inner.resolve("riflemen") != outer.resolve("riflemen")
    assert units.current() is outer


def test_a_child_starts_with_its_parents_declarations() -> None:
    units.declare_same("tankers", as_unit="vehicles")
    with rg.units.scoped():
        assert units.combine_add(units.resolve("tankers"), units.resolve("vehicles"))[1:] \
            == (1.0, 1.0)


def test_declaring_the_same_again_is_harmless_and_a_conflict_is_refused() -> None:
    units.declare_same("gunners", as_unit="troops")
    units.declare_same("gunners", as_unit="troops")  # a notebook cell run twice
    with pytest.raises(rg.UnitError, match="already a unit"):
        units.declare_same("gunners", as_unit="km")
    units.resolve("lorries")
    with pytest.raises(rg.UnitError, match="declare it before first using it"):
        units.declare_same("lorries", as_unit="vehicles")


def test_a_scope_is_seen_only_by_its_own_thread() -> None:
    seen: list[str] = []

    def look() -> None:
        with rg.units.scoped():  # a child of the process-wide system, not of the test's
            seen.append(str(units.resolve("gunners").dimensionality))

    with rg.units.scoped():
        units.declare_same("gunners", as_unit="troops")
        thread = threading.Thread(target=look)
        thread.start()
        thread.join()
        assert units.is_headcount(units.resolve("gunners"))
    assert len(seen) == 1 and seen[0].startswith("[count_gunner")  # a count noun there


def test_count_nouns_are_defined_once_when_threads_race() -> None:
    found: list[Any] = []
    start = threading.Barrier(8)
    system = units.current()  # new threads would use the process-wide one

    def work() -> None:
        start.wait(timeout=10)
        found.append(system.resolve("quadcopters"))

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(found) == 8 and all(unit == found[0] for unit in found)


def test_units_from_another_system_are_read_again() -> None:
    mine = units.UnitSystem(pint.UnitRegistry())
    tanks = mine.resolve("tanks")
    km = mine.resolve("km")
    assert units.resolve(tanks) == units.resolve("tanks")
    assert units.combine_add(km, units.resolve("m")) == (units.resolve("km"), 1.0, 0.001)
    assert units.label(tanks) == "tanks"


def test_use_registry_inside_a_scope_ends_with_it() -> None:
    theirs = pint.UnitRegistry()
    with rg.units.scoped():
        system = units.use_registry(theirs)
        assert units.current() is system and units.registry() is theirs
        assert rg.exactly(2, unit="sappers").unit._REGISTRY is theirs
    assert units.registry() is not theirs


# -- writing units as text and reading them back ----------------------------------------

UNIT_TEXTS = ["troops", "sappers", "people", "military construction workers", "tanks",
              "armoured vehicles", "mice", "USD", "EUR", "dollars", "USD/EUR", "USD/t",
              "km", "km/h", "m**2", "1/hour", "%", "ppm", "", "degC", "delta_degF",
              "kWh", "tonnes per year", "count:tropos", "count:kmz", "tank/day"]


def _made_units() -> list[Any]:
    made = [units.resolve(text) for text in UNIT_TEXTS]
    made.append(units.resolve("km") ** 0.5)
    made.append(units.resolve("km") ** (1 / 3))
    made.append(rg.between(1, 2, unit="troops").unit * rg.exactly(1, unit="km").unit)
    return made


def test_to_text_is_read_back_as_the_same_unit() -> None:
    for unit in _made_units():
        text = units.to_text(unit)
        again = units.resolve(text)
        assert again == unit, text
        assert units.label(again) == units.label(unit)


def test_to_text_is_read_back_in_a_fresh_process() -> None:
    texts = {units.to_text(u): [units.label(u), str(u.dimensionality)] for u in _made_units()}
    printed = _run(
        "import json, sys\n"
        "import ranges as rg\n"
        "texts = json.loads(sys.argv[1]) if len(sys.argv) > 1 else None\n"
        f"texts = json.loads({json.dumps(json.dumps(list(texts)))})\n"
        "out = {}\n"
        "for text in texts:\n"
        "    unit = rg.units.resolve(text)\n"
        "    out[text] = [rg.units.label(unit), str(unit.dimensionality),\n"
        "                 rg.units.to_text(unit)]\n"
        "print(json.dumps(out))\n"
    )
    got = json.loads(printed)
    for text, (label, dimensionality) in texts.items():
        assert got[text] == [label, dimensionality, text]


def test_a_forced_word_is_marked_in_its_text() -> None:
    assert units.to_text(units.define_count_noun("soldeirs")) == "count:soldeir"
    assert units.to_text(units.resolve("tanks") / units.resolve("day")) == "tank / day"


# -- pickling the unit system -----------------------------------------------------------


def test_a_unit_system_pickles_with_its_declarations() -> None:
    system = units.UnitSystem()
    system.declare_same("gunners", as_unit="troops")
    system.define_count_noun("tropos")
    system.declare_same("ratios", as_unit="")  # a plain number
    again = pickle.loads(pickle.dumps(system))
    assert again.declarations == system.declarations
    assert units.is_headcount(again.resolve("gunners"))
    assert again.label(again.resolve("tropos")) == "tropos"
    assert again.resolve("ratios").dimensionless
    assert again.registry is not system.registry


def test_a_unit_system_on_the_users_registry_does_not_pickle() -> None:
    system = units.UnitSystem(pint.UnitRegistry())
    with pytest.raises(rg.UnitError, match="cannot be pickled"):
        pickle.dumps(system)


# -- currencies -------------------------------------------------------------------------


def test_currency_mismatch_says_how_to_convert() -> None:
    usd = rg.between(3e9, 4e9, unit="USD")
    eur = rg.exactly(1e9, unit="EUR")
    with pytest.raises(rg.UnitError) as info:
        usd + eur
    message = str(info.value)
    assert "multiply by a rate such as" in message
    assert "unit='USD/EUR'" in message and "To convert EUR to USD" in message
    with pytest.raises(rg.UnitError, match="unit='EUR/USD'"):
        eur + usd
    with pytest.raises(rg.UnitError, match="unit='GBP/JPY'"):
        rg.exactly(1, unit="GBP/t") - rg.exactly(1, unit="JPY/t")
    # and the rate it suggests does the conversion
    rate = rg.between(1.05, 1.15, unit="USD/EUR")
    total = usd + rate * eur
    assert units.label(total.unit) == "USD"
    low, high = total.bounds().low, total.bounds().high
    assert (low, high) == (pytest.approx(3e9 + 1.05e9), pytest.approx(4e9 + 1.15e9))
