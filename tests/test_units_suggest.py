"""Did-you-mean: a unit word that looks like a misspelling of a known one is refused with
suggestions; ordinary new nouns still become count units of their own."""

from __future__ import annotations

import pickle
from collections.abc import Iterator

import pytest

import ranges as rg
from ranges.core import _unit_words as words
from ranges.core import _units as units


@pytest.fixture(autouse=True)
def _own_units() -> Iterator[None]:
    with rg.units.scoped():
        yield


# Nouns that are counted in reports; several are one letter away from a known unit or
# headcount noun ("mines"/miners, "rounds"/pounds, "tours"/hours, "trams"/grams,
# "votes"/voters, "divers"/drivers, "plots"/pilots, "bears"/years).
ORDINARY_NOUNS = [
    "tanks", "drones", "boats", "shells", "missiles", "vehicles", "rockets", "ambulances",
    "houses", "homes", "buildings", "schools", "hospitals", "mines", "guns", "rifles", "bombs",
    "trucks", "lorries", "planes", "jets", "helicopters", "ships", "vessels", "bridges",
    "villages", "towns", "cities", "roads", "howitzers", "mortars", "grenades", "bullets",
    "rounds", "cartridges", "launchers", "radars", "sorties", "strikes", "attacks",
    "incidents", "arrests", "votes", "ballots", "seats", "beds", "doses", "vaccines", "tents",
    "blankets", "containers", "pallets", "parcels", "sacks", "boxes", "crates", "cows",
    "goats", "chickens", "trees", "wells", "pumps", "generators", "batteries", "phones",
    "laptops", "documents", "tickets", "passports", "visas", "permits", "loans", "factories",
    "farms", "shops", "hotels", "apartments", "households", "buses", "trains", "wagons",
    "tractors", "excavators", "warships", "submarines", "frigates", "tankers", "barges",
    "ferries", "satellites", "warheads", "checkpoints", "trenches", "bunkers", "depots",
    "airfields", "shelters", "camps", "convoys", "flights", "tours", "trams", "bears", "cards",
    "wards", "files", "tiles", "piles", "mills", "plots", "divers", "moths", "gusts", "dams",
    "cats", "bags", "points", "quarters",
]

TYPOS = {
    "tropos": "troops",
    "troosp": "troops",
    "soldeirs": "soldiers",
    "soldirs": "soldiers",
    "workres": "workers",
    "workrs": "workers",
    "refugess": "refugees",
    "civillians": "civilians",
    "sapers": "sappers",
    "deminrs": "deminers",
    "peopel": "people",
    "poeple": "people",
    "persnnel": "personnel",
    "employes": "employees",
    "dollras": "dollars",
    "roubels": "roubles",
    "rupess": "rupees",
    "kilomteres": "kilometres",
    "tonnnes": "tonnes",
    "secnods": "seconds",
    "kmz": "km",
    "kgz": "kg",
    "GPB": "GBP",
    "Km": "km",
}


def test_the_lists_are_long_enough() -> None:
    assert len(set(ORDINARY_NOUNS)) >= 40 and len(TYPOS) >= 15


@pytest.mark.parametrize("noun", ORDINARY_NOUNS)
def test_ordinary_nouns_become_count_units_of_their_own(noun: str) -> None:
    unit = units.resolve(noun)
    assert units.label(unit) == noun
    # a dimension of its own (named after the noun, or noun_2 when pint has the name)
    assert str(unit.dimensionality).startswith(f"[count_{words.singular(noun)}")
    assert units.resolve(words.singular(noun)) == unit  # the singular is the same unit


@pytest.mark.parametrize(("typo", "meant"), sorted(TYPOS.items()))
def test_likely_misspellings_are_refused_with_suggestions(typo: str, meant: str) -> None:
    with pytest.raises(rg.UnitError) as info:
        units.resolve(typo)
    error = info.value
    assert isinstance(error, rg.errors.UnknownUnitError)
    assert error.word == typo
    assert error.suggestions[0] == meant
    assert f"did you mean {meant!r}" in str(error)
    assert "define_count_noun" in str(error)
    # the error survives pickling with its fields (errors cross process boundaries)
    again = pickle.loads(pickle.dumps(error))
    assert (again.word, again.suggestions, str(again)) == (typo, error.suggestions, str(error))


def test_a_misspelling_is_refused_in_estimates_phrases_and_expressions() -> None:
    with pytest.raises(rg.errors.UnknownUnitError, match="troops"):
        rg.between(10, 12, unit="tropos")
    with pytest.raises(rg.errors.UnknownUnitError, match="workers"):
        units.resolve("military construction workrs")
    with pytest.raises(rg.errors.UnknownUnitError, match="'km'"):
        units.resolve("kmz/h")


def test_a_refused_word_can_be_defined_explicitly() -> None:
    unit = units.define_count_noun("tropos")
    assert units.label(unit) == "tropos"
    assert units.resolve("tropos") == unit
    assert units.label(rg.exactly(3, unit="tropos").unit) == "tropos"
    with pytest.raises(rg.UnitError):  # still not the same as troops
        rg.exactly(3, unit="tropos") + rg.exactly(3, unit="troops")


def test_a_refused_word_can_be_forced_inline() -> None:
    unit = units.resolve("count:kmz")
    assert units.label(unit) == "kmz"
    assert units.resolve("kmz") == unit  # defined explicitly in this unit system now
    with rg.units.scoped(rg.units.UnitSystem()), pytest.raises(rg.errors.UnknownUnitError):
        units.resolve("kmz")  # a new system has not


def test_explicit_definitions_do_not_leak_out_of_a_scope() -> None:
    with rg.units.scoped():
        units.define_count_noun("soldeirs")
        assert units.label(units.resolve("soldeirs")) == "soldeirs"
    with pytest.raises(rg.errors.UnknownUnitError):
        units.resolve("soldeirs")


def test_defining_a_known_unit_as_a_count_noun_is_refused() -> None:
    with pytest.raises(rg.UnitError, match="already a unit"):
        units.define_count_noun("km")
    with pytest.raises(rg.UnitError, match="already a unit"):
        units.define_count_noun("troops")


def test_suggest_draws_on_nouns_currencies_and_unit_names() -> None:
    assert units.suggest("tropos")[0] == "troops"
    assert units.suggest("kilomters")[0] in ("kilometers", "kilometres")
    assert "EUR" in units.suggest("EUT")
    assert "dollars" in units.suggest("dolars")
    assert units.suggest("xylophone") == []


def test_two_count_nouns_one_letter_apart_are_pointed_out_when_they_meet() -> None:
    tanks = rg.exactly(3, unit="tanks")
    tansk = rg.exactly(3, unit="tansk")  # not a misspelling of a known word by itself
    with pytest.raises(rg.UnitError, match="misspelling"):
        tanks + tansk


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("tropos", "troops"),   # swapped letters
        ("soldirs", "soldiers"),  # dropped vowel
        ("sapers", "sappers"),  # one of a doubled letter dropped
        ("troopps", "troops"),  # doubled letter
        ("refugess", "refugees"),  # neighbouring key
    ],
)
def test_each_kind_of_typing_slip(word: str, expected: str) -> None:
    assert words.is_typing_slip(word, expected)
    assert expected in words.misspelling_of(word)


@pytest.mark.parametrize(
    ("word", "known"),
    [("rounds", "pounds"), ("mines", "miners"), ("mines", "miles"), ("votes", "voters"),
     ("trams", "grams"), ("bears", "years")],
)
def test_ordinary_differences_are_not_typing_slips(word: str, known: str) -> None:
    assert not words.is_typing_slip(word, known)


def test_camps_and_dams_are_nouns_not_prefixed_units() -> None:
    # "camps" is not centi-amperes, "dams" not decametres; "kms" and "kgs" are units
    assert units.label(units.resolve("camps")) == "camps"
    assert units.label(units.resolve("dams")) == "dams"
    assert units.resolve("kms") == units.resolve("km")
    assert units.resolve("kgs") == units.resolve("kg")
    assert units.conversion_factor(units.resolve("kilograms"), units.resolve("t")) == 0.001
    assert units.conversion_factor(units.resolve("kilometres"), units.resolve("m")) == 1000
    assert units.conversion_factor(units.resolve("megawatts"), units.resolve("kW")) == 1000
    assert units.conversion_factor(units.resolve("MWh"), units.resolve("kWh")) == 1000
