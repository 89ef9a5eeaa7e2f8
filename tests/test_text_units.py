"""Units the prose reader reads with a number (issue 8): glued ("64GB"), apart ("30 kg"),
shared by a range ("6- to 9-metre"), "m" as metres or million, "pounds" as weight or
money, dollars with letters ("C$"), and the units flowing into ``rg.total``.

The expected units are checked against pint through ``rg.units.resolve`` of the unit's
full name ("gigabyte"), an independent spelling of the same unit, not the string the
reader chose.
"""

from __future__ import annotations

import math

import pytest

import ranges as rg
from ranges.text._words import UNIT_SYMBOLS


def only(text: str) -> rg.Figure:
    figs = [f for f in rg.extract(text) if f.is_quantity]
    assert len(figs) == 1, [(f.text, f.kind, f.point, f.unit) for f in figs]
    return figs[0]


def same_unit(got: str | None, full_name: str) -> bool:
    """Whether the figure's unit is the unit pint names ``full_name``."""
    assert got is not None
    return bool(rg.units.resolve(got) == rg.units.resolve(full_name))


# -- 1. glued units and units apart -----------------------------------------------------
@pytest.mark.parametrize(("text", "value", "full_name"), [
    ("The phone has 64GB of storage.", 64, "gigabyte"),
    ("Take 250mg of the drug twice a day.", 250, "milligram"),
    ("a 5kW heater", 5, "kilowatt"),
    ("The drive takes 40min on a good day.", 40, "minute"),
    ("Pour in 75ml of milk.", 75, "milliliter"),
    ("He weighed 200lbs at the time.", 200, "pound"),
    ("The route is 10km long.", 10, "kilometer"),
    ("The flat measures 100m2.", 100, "meter ** 2"),
    ("a 100 m² flat", 100, "meter ** 2"),
    ("It was 15°C at noon.", 15, "degree_Celsius"),
    ("Water boils at 212 °F at sea level.", 212, "degree_Fahrenheit"),
    ("The line carries 10 Mbps.", 10, "megabit / second"),
    ("The forest covers 3km2.", 3, "kilometer ** 2"),
    ("It holds 660 square metres of offices.", 660, "meter ** 2"),
    ("They export 0.9 trillion cubic feet of gas.", 0.9e12, "foot ** 3"),
    ("The mine ships 16,000 metric tons a year.", 16000, "metric_ton"),
])  # fmt: skip
def test_a_unit_written_with_the_number_is_the_figures_unit(
        text: str, value: float, full_name: str) -> None:
    f = only(text)
    assert f.point is not None and math.isclose(float(f.point), value, rel_tol=1e-12)
    assert same_unit(f.unit, full_name), f.unit
    assert f.estimate().unit == rg.units.resolve(full_name)


def test_pc_after_a_number_is_per_cent() -> None:
    f = only("Sales rose 2.5pc last quarter.")
    assert (f.point, f.unit) == (2.5, "percent")


def test_a_currency_sign_after_the_number() -> None:
    f = only("A ticket costs 20 € at the door.")
    assert (f.point, f.unit) == (20.0, "EUR")
    r = only("between 10 and 20 € each")
    assert (r.kind, r.low, r.high, r.unit) == ("range", 10.0, 20.0, "EUR")


@pytest.mark.parametrize("symbol", sorted(UNIT_SYMBOLS))
def test_every_symbol_of_the_table_gives_a_figure_that_has_an_estimate(symbol: str) -> None:
    # the table is data: each row must read glued and apart, to a unit rg.units knows
    for text in (f"It was 7{symbol} in all.", f"It was 7 {symbol} in all."):
        f = only(text)
        assert f.point == 7.0, text
        est = f.estimate()
        assert est.unit == rg.units.resolve(UNIT_SYMBOLS[symbol]) or symbol == "pc", text


# -- the unit shared by a range ----------------------------------------------------------
@pytest.mark.parametrize(("text", "low", "high", "full_name"), [
    ("Each sack weighs 30 kg to 35 kg when full.", 30, 35, "kilogram"),
    ("They built a 6- to 9-metre wall.", 6, 9, "meter"),
    ("They built a 6-9 metre wall.", 6, 9, "meter"),
    ("The camp is 5-10 km away.", 5, 10, "kilometer"),
    ("The road runs 100 kilometres to 150 kilometres.", 100, 150, "kilometer"),
    ("Each sack weighs 30 kg to 35 kilograms.", 30, 35, "kilogram"),
    ("a 2-3m wall", 2, 3, "meter"),
])  # fmt: skip
def test_a_range_shares_the_unit_of_its_ends(text: str, low: float, high: float,
                                             full_name: str) -> None:
    f = only(text)
    assert (f.kind, f.low, f.high) == ("range", low, high)
    assert same_unit(f.unit, full_name), f.unit


@pytest.mark.parametrize("text", ["It is 5 km to 10 miles away.", "They asked $2m-€3m."])
def test_ends_in_different_units_are_two_figures_not_a_range(text: str) -> None:
    figs = rg.extract(text)
    assert [f.kind for f in figs] == ["exact", "exact"]
    assert figs[0].unit != figs[1].unit


# -- 2. "m": million or metres -------------------------------------------------------------
@pytest.mark.parametrize(("text", "value", "unit"), [
    ("The scheme cost $3m.", 3e6, "USD"),
    ("A £3m grant was approved.", 3e6, "GBP"),
    ("Some 1.7m refugees crossed.", 1.7e6, "person"),
    ("3m people live there.", 3e6, "person"),
    ("The mill ground 3m widgets.", 3e6, "widget"),  # a plural no table holds: a count
    ("He is 2.1m tall.", 2.1, "m"),
    ("The wall is 4m high.", 4, "m"),
    ("He won the 100m sprint.", 100, "m"),
    ("She cleared 2.05m at the trials.", 2.05, "m"),
    ("The pit was dug to a depth of 3m.", 3, "m"),
    ("a 12m-long barge", 12, "m"),
])  # fmt: skip
def test_m_is_million_or_metres_by_the_words_around_it(text: str, value: float,
                                                       unit: str) -> None:
    f = only(text)
    assert f.point is not None and math.isclose(float(f.point), value)
    assert f.unit == unit
    assert not f.assumptions, f.assumptions  # a word decided: nothing assumed


def test_m_before_a_singular_noun_is_a_measure_and_says_so() -> None:
    # "catamaran" and "gazebo" are in no table: the rule is the determiner and the
    # singular noun ("a 12m boat"); a count would be plural ("12m boats")
    for text in ("They sailed a 12m catamaran.", "We rented the 4m gazebo."):
        f = only(text)
        assert f.unit == "m" and f.point in (12.0, 4.0)
        assert any("metres" in a for a in f.assumptions), f.assumptions
    deal = only("They signed a 4m deal.")  # a money noun: million, currency unknown
    assert deal.point == 4e6 and any("million" in a for a in deal.assumptions)


def test_m_with_nothing_to_decide_is_million_recorded_as_an_assumption() -> None:
    f = only("The total reached 3m by Friday.")
    assert f.point == 3e6
    assert any("read as million" in a for a in f.assumptions), f.assumptions


# -- "pounds" -------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "unit", "assumed"), [
    ("The parcel weighs 20 pounds.", "lb", False),
    ("They seized 300 pounds of cocaine.", "lb", False),
    ("The repair cost 200 pounds.", "GBP", False),
    ("He paid 5,000 pounds sterling.", "GBP", False),
    ("The crate held 20 pounds.", "lb", True),
])  # fmt: skip
def test_pounds_is_a_weight_unless_money_is_near(text: str, unit: str, assumed: bool) -> None:
    f = only(text)
    assert f.unit == unit
    assert any("pounds" in a for a in f.assumptions) == assumed, f.assumptions


# -- dollars with letters and currencies never inherited ------------------------------------
@pytest.mark.parametrize(("text", "code"), [
    ("C$5 million", "CAD"), ("A$3bn", "AUD"), ("US$2bn", "USD"), ("HK$10", "HKD"),
    ("NZ$4m", "NZD"), ("S$5", "SGD"), ("R$7 billion", "BRL"),
])  # fmt: skip
def test_dollars_with_letters_are_their_own_currencies(text: str, code: str) -> None:
    f = only(f"The bill came to {text} in the end.")
    assert f.unit == code
    est = f.estimate()
    assert est.unit == rg.units.resolve(code)
    if code != "USD":  # a currency of its own, never added to US dollars
        with pytest.raises(rg.UnitError):
            est + rg.exactly(1, unit="USD")


@pytest.mark.parametrize(("text", "units"), [
    ("They pledged $3m and €2m.", ["USD", "EUR"]),
    ("They pledged €2-3m.", ["EUR"]),
    ("They pledged $2 to 3 million.", ["USD"]),
    ("They pledged €2m, then $3m and C$1m.", ["EUR", "USD", "CAD"]),
])  # fmt: skip
def test_a_currency_is_never_taken_from_a_figure_before(text: str, units: list[str]) -> None:
    assert [f.unit for f in rg.extract(text)] == units


# -- negative controls -----------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "The 5G network went live.", "Fill in Form 2A.", "3D printing is cheap.",
    "Part 24703L202 failed.", "The 4x4 got stuck.", "He came 3rd.",
])  # fmt: skip
def test_a_letter_glued_to_a_number_that_is_no_unit_gives_no_figure(text: str) -> None:
    assert rg.extract(text) == []


def test_a_number_with_a_unit_is_never_a_year() -> None:
    f = only("She won the 1500m race.")
    assert (f.kind, f.point, f.unit) == ("exact", 1500.0, "m")


# -- 3. units through rg.total ----------------------------------------------------------------
def test_totals_add_figures_in_one_unit() -> None:
    t = rg.total("a 30 kg pack and a 5 kg tent")
    assert t.bounds().low == pytest.approx(35) and t.bounds().high == pytest.approx(35)
    assert same_unit(t.unit, "kilogram")


def test_totals_convert_units_of_one_dimension() -> None:
    t = rg.total("a 2 kg bag and 500g of rice")
    assert t.bounds().low == pytest.approx(2.5, rel=1e-12)


def test_totals_never_add_bytes_to_people() -> None:
    t = rg.total("64GB and 12 people")
    assert len(t.figures) == 1
    assert [s.figure.text for s in t.skipped] in (["12 people"], ["64GB"])


# -- one measure in two units; inches written "in"; "one" before a unit ------------------
@pytest.mark.parametrize(("text", "value", "unit"), [
    ("He stands 5 ft 2 in in his socks.", 5 + 2 / 12, "ft"),
    ("She is 5 feet 2 inches tall.", 5 + 2 / 12, "foot"),
    ("The drive took 2 hours 30 minutes.", 2.5, "hour"),
    ("Cut a 1 m 20 cm board.", 1.2, "m"),
])  # fmt: skip
def test_one_measure_written_in_two_units_is_one_figure(text: str, value: float,
                                                          unit: str) -> None:
    f = only(text)
    assert (f.point, f.unit) == (pytest.approx(value), unit)
    assert any("one measure" in a for a in f.assumptions)  # said, not silently done


@pytest.mark.parametrize("text", [
    "They ran 5 km and 10 km races.",  # the same unit: two figures
    "It was 5 ft 14 in.",  # 14 in is more than a foot: not a compound
])  # fmt: skip
def test_two_measures_that_are_not_one(text: str) -> None:
    assert len(rg.extract(text)) == 2


@pytest.mark.parametrize(("text", "unit"), [
    ("The door is 2 1/2 in thick.", "inch"),
    ("The length of my pencil is 2 in.", "inch"),
    ("Prices rose 2 in March.", None),
    ("We were 2 in the room.", None),
])  # fmt: skip
def test_in_after_a_number_is_inches_only_where_the_words_say_size(text: str,
                                                                   unit: str | None) -> None:
    assert rg.extract(text)[0].unit == unit


def test_one_before_a_unit_is_a_measure_and_before_an_idiom_is_not() -> None:
    assert [(f.point, f.unit) for f in rg.extract("It is one mile away.")] == [(1, "mile")]
    assert rg.extract("One day we left.") == []


@pytest.mark.parametrize(("text", "point", "unit"), [
    ('A 9" plate fits.', 9, "inch"),
    ("A 10″ pipe.", 10, "inch"),
    ('He said "I saw 5" and left.', 5, None),  # the closing quote of a quotation
    ("A 100 percentage increase.", 100, "percent"),
    ("He paid with a 20 pound note.", 20, "GBP"),
    ("A twenty pound bag of rice for $10.", 20, "lb"),  # a weight, though money is near
])  # fmt: skip
def test_marks_and_words_after_a_number(text: str, point: float, unit: str | None) -> None:
    f = rg.extract(text)[0]
    assert (f.point, f.unit) == (point, unit)


def test_a_b_after_a_number_of_four_digits_is_not_billions() -> None:
    # "1500b" was 1.5 trillion; people write bytes or bits that way, never billions
    assert rg.extract("Each 1500b packet is checked.") == []
    assert [f.point for f in rg.extract("It was a $5b deal.")] == [5e9]


@pytest.mark.parametrize(("text", "unit"), [
    ("It yields about 15,000 British thermal units of heat.", "british_thermal_unit"),
    ("They sailed 40 nautical miles.", "nautical_mile"),
    ("Used 300 kilowatt hours last month.", "kWh"),
    ("The weight is 20 (kg) per crate.", "kg"),
    ("The weight is 20 [kg] per crate.", "kg"),
])  # fmt: skip
def test_units_of_several_words_and_in_brackets(text: str, unit: str) -> None:
    f = rg.extract(text)[0]
    assert f.unit == unit
    rg.units.resolve(f.unit)  # a unit ranges knows, not a count of "units"


@pytest.mark.parametrize(("text", "units"), [
    ("They were given 45 and 50 mg of it.", ["mg", "mg"]),
    ("Rates rose 5 or 10% a year.", ["percent", "percent"]),
    ("We saw 2 and 3 tanks.", [None, "tank"]),  # count nouns are not shared
])  # fmt: skip
def test_a_bare_number_listed_before_a_measure_takes_its_unit(text: str,
                                                              units: list[str | None]) -> None:
    found = rg.extract(text)
    assert [f.unit for f in found] == units
    if units[0] is not None:
        assert any("shares the unit" in a for a in found[0].assumptions)


def test_one_pound_is_a_figure() -> None:
    [f] = rg.extract("One pound of good coal burns for an hour.")
    assert (f.point, f.unit) == (1, "lb")


# -- money as finance and news archives write it ------------------------------------------
@pytest.mark.parametrize(("text", "point", "unit"), [
    ("They lost 75 USD million in three years.", 75e6, "USD"),  # was 75 USD
    ("An increase to 120 MEUR is planned.", 120e6, "EUR"),  # was 120 counts of "meur"
    ("Losses in excess of 30 MUSD were reported.", 30e6, "USD"),
    ("It issued 125 million Australian dollars of bonds.", 125e6, "AUD"),  # was USD
    ("It sold for 3 million Hong Kong dollars.", 3e6, "HKD"),
    ("Exports fell to hk $ 10.05 billion .", 10.05e9, "HKD"),
    ("A charge of c $ 300 million was taken.", 300e6, "CAD"),
    ("Tickets cost nzd$15 each.", 15, "NZD"),
    ("A $5 fee applies.", 5, "USD"),  # an article, not Australian
])  # fmt: skip
def test_currency_codes_scales_and_prefixes(text: str, point: float, unit: str) -> None:
    f = rg.extract(text)[0]
    assert (f.point, f.unit) == (pytest.approx(point), unit)


def test_a_currency_in_parentheses_after_a_figure_is_a_conversion_not_a_negative() -> None:
    found = rg.extract("a deficit of 1.6 billion ($2.54 billion), against $2 billion")
    assert all((f.point or 0) > 0 for f in found)
    [loss] = rg.extract("Net income was ($4.2).")
    assert loss.point == -4.2


def test_a_percentage_and_a_level_are_not_one_range() -> None:
    found = rg.extract("Spending fell 0.6% to 309,381 yen.")
    assert [(f.kind.value, f.point, f.unit) for f in found] == [
        ("exact", 0.6, "percent"), ("exact", 309_381, "JPY")]


@pytest.mark.parametrize(("text", "unit"), [
    ("1m isn't a number here.", None),  # "isn" of "isn't" is no noun
    ("Part 24703 m212 is missing.", None),  # "m212": an identifier, not metres
    ("Some 5,000 people's homes flooded.", "person"),  # a possessive keeps its noun
])  # fmt: skip
def test_a_word_glued_to_a_digit_or_a_contraction_is_no_noun(text: str,
                                                             unit: str | None) -> None:
    assert rg.extract(text)[0].unit == unit


@pytest.mark.parametrize(("text", "usd"), [
    ("It only cost 3 dollars 50 cents.", 3.5),  # one amount in two units
    ("It cost thirteen dollars forty-five cents.", 13.45),
    ("A stamp costs 50 cents.", 0.5),
])  # fmt: skip
def test_cents_are_hundredths_of_a_dollar(text: str, usd: float) -> None:
    [f] = rg.extract(text)
    assert f.estimate().to("USD").mean() == pytest.approx(usd)


def test_pence_are_hundredths_of_a_pound() -> None:
    [f] = rg.extract("Shares closed one penny lower.")
    assert f.estimate().to("GBP").mean() == pytest.approx(0.01)


def test_every_currency_code_the_reader_knows_is_a_currency_of_the_unit_system() -> None:
    # "500 SEK" was 500 counts of "seks": a code the reader knew but the units did not
    from ranges.core._unit_words import CURRENCIES
    from ranges.text._words import CURRENCY_CODES

    assert not CURRENCY_CODES - set(CURRENCIES), CURRENCY_CODES - set(CURRENCIES)
    [f] = rg.extract("It cost 500 SEK.")
    assert f.estimate().unit == rg.units.resolve("SEK")
