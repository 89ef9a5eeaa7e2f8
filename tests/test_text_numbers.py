"""Issue 8: numbers written in more than one token — signs, fractions in words and with a
slash, powers of ten — read by ``rg.extract`` (``ranges.text._numbers`` and the word
reader of ``ranges.text._tokens``), and the places where the same characters are not
part of a number. Each value is worked out by hand from the sentence."""

from __future__ import annotations

import pytest

import ranges as rg
from ranges.text._tokens import read_number, tokenize


def figures(text: str) -> list[tuple[str, float | None, float | None, float | None]]:
    return [(f.kind.value, f.point, f.low, f.high) for f in rg.extract(text)]


def only(text: str) -> rg.Figure:
    found = rg.extract(text)
    assert len(found) == 1, (text, found)
    return found[0]


# -- signs ----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "value", "unit"), [
    ("Overnight it fell to -18 °C.", -18, "degC"),
    ("The index posted a change of −1.3% on the day.", -1.3, "percent"),
    ("The reading was minus 5 degrees.", -5, "degree"),
    ("Its score was negative ten.", -10, None),
    ("Write-downs left it at $-99.99 a share.", -99.99, "USD"),
    ("Prices moved by -15€ overnight.", -15, "EUR"),
    ("Readings stayed <-30 all week.", -30, None),
    ("Net income was ($4.2).", -4.2, "USD"),
])  # fmt: skip
def test_a_sign_written_with_a_number_is_kept(text: str, value: float, unit: str | None
                                              ) -> None:
    f = only(text)
    assert f.point == pytest.approx(value)
    assert f.unit == unit


def test_an_accounting_parenthesis_needs_an_accounting_word_or_a_currency() -> None:
    loss = only("The company reported a net loss of (4.2) for the year.")
    assert loss.point == pytest.approx(-4.2)
    assert any("parentheses" in a for a in loss.assumptions)  # said, not silently done
    aside = rg.extract("The survey (2019) counted 4,200 homes (3.5) per street.")
    assert all((f.point or 0) >= 0 for f in aside)


@pytest.mark.parametrize(("text", "low", "high"), [
    ("Nights ranged from -10 to -5 °C.", -10, -5),
    ("between negative ten and fifteen", -10, 15),
    ("a swing of −3 to −1 %", -3, -1),
    ("temperatures of -8–2 °C", -8, 2),
])  # fmt: skip
def test_a_range_keeps_the_signs_of_its_ends(text: str, low: float, high: float) -> None:
    f = only(text)
    assert (f.kind.value, f.low, f.high) == ("range", low, high)


@pytest.mark.parametrize(("text", "expected"), [
    # a dash between two numbers is a range, spaced or not, never a negative high end
    ("10,000 - 12,000 troops", [("range", None, 10_000, 12_000)]),
    ("10,000-12,000 troops", [("range", None, 10_000, 12_000)]),
    # a hyphen glued to a word makes a name
    ("COVID-19 and F-16 jets", []),
    # "plus or minus" is a margin, not a sign
    ("It weighs 80 plus or minus 5 tonnes.", [("plus_minus", 80, 75, 85)]),
])  # fmt: skip
def test_a_dash_that_is_not_a_sign(text: str, expected: list[tuple[object, ...]]) -> None:
    assert figures(text) == expected


def test_plus_minus_typed_as_two_characters_is_a_margin_not_arithmetic() -> None:
    f = only("Output was 800 +- 50 tonnes.")
    assert (f.kind.value, f.low, f.high) == ("plus_minus", 750, 850)
    est = rg.parse("1200 +- 150")  # was 1200 + (-150) = 1050, a confident wrong number
    assert est.bounds().low == pytest.approx(1050) and est.bounds().high == pytest.approx(1350)
    assert rg.parse("5 +-3").mean() == pytest.approx(2)  # glued to a digit: plus minus three


# -- fractions in words ---------------------------------------------------------------
@pytest.mark.parametrize(("written", "value"), [
    ("two thirds", 2 / 3),
    ("three quarters", 0.75),
    ("one-half", 0.5),
    ("one sixth", 1 / 6),
    ("three halves", 1.5),
    ("one and a half", 1.5),
    ("forty two and a third", 42 + 1 / 3),
    ("two and a half million", 2.5e6),
    ("five billion and three quarters", 5.75e9),
    ("one million and a half", 1.5e6),
    ("one billion and a quarter million", 1_000_250_000),
    ("half million", 5e5),
    ("a quarter million", 2.5e5),
    ("three quarters billion", 7.5e8),
    ("half a million", 5e5),
    ("twenty-three fifths", 4.6),  # the phrase before a plural denominator is the numerator
    ("one hundred and three quarters", 100.75),
    ("two hundred point zero three", 200.03),
    ("three point five million", 3.5e6),
    ("three dozens", 36),
    ("hundred thousand", 1e5),
    ("one thousand and five hundred", 1500),  # a smaller group after a scale
    ("twenty-one trillion and three hundred", 21_000_000_000_300),
    ("nine point nought four", 9.04),
    ("13 lakh", 1.3e6),  # was 13: South Asian scale words
    ("1 crore", 1e7),
    ("three lakh crore", 3e12),
    ("10 bln", 1e10),  # was 10
    ("5 mln", 5e6),
])  # fmt: skip
def test_fraction_words(written: str, value: float) -> None:
    assert read_number(written) == pytest.approx(value)


@pytest.mark.parametrize("text", [
    "the third man", "a tenth-century church", "the last two quarters",
    "an hour and a half", "in the third quarter",
])  # fmt: skip
def test_ordinals_and_periods_are_not_fractions(text: str) -> None:
    assert all(t.value is None or t.value >= 1 for t in tokenize(text))


def test_and_after_a_scale_joins_only_a_smaller_group() -> None:
    assert [f.point for f in rg.extract("two thousand and three thousand")] == [2000, 3000]
    assert [f.point for f in rg.extract("at one point oh well, all for naught")] == []
    [r] = rg.extract("from one thousand to one thousand and five hundred")
    assert (r.kind.value, r.low, r.high) == ("range", 1000, 1500)


def test_a_fraction_word_of_a_whole_reads_with_the_sentence() -> None:
    f = only("Roughly two thirds of the budget went on fuel.")
    assert f.point == pytest.approx(2 / 3)
    g = only("There are five and a half million fish in the lake.")
    assert (g.point, g.unit) == (5.5e6, "fish")


# -- fractions with a slash, mixed numbers ---------------------------------------------
@pytest.mark.parametrize(("text", "value", "unit"), [
    ("a 1/4 mile track", 0.25, "mile"),
    ("they laid 10 1/2 miles of cable", 10.5, "mile"),
    ("add 3/8 cup of water", 0.375, "cup"),
    ("More than 1/2 of them came.", 0.5, None),
    ("about 1/40 of the wavelength", 0.025, None),
    ("3 million and a half", 3.5e6, None),
    ("2 and a quarter", 2.25, None),
    ("3 dozen eggs", 36, "egg"),  # was 3 eggs
    ("two thirds of a million homes", 2e6 / 3, "home"),
    ("a 2  1/4 mile loop", 2.25, "mile"),
    ("some 3 hundred thousand homes", 3e5, "home"),
    ("Prices rose by a fifth.", 0.2, None),
    ("-4/5 of a point", -0.8, None),
    ("It cost one million dollars.", 1e6, "USD"),  # "one" with a scale is no pronoun
])  # fmt: skip
def test_slash_fractions_and_added_fractions(text: str, value: float, unit: str | None
                                             ) -> None:
    f = only(text)
    assert f.point == pytest.approx(value)
    assert f.unit == unit


@pytest.mark.parametrize("text", [
    "open 24/7 all year", "after 9/11 the rules changed", "The ratio was 3/4 at most.",
])  # fmt: skip
def test_a_slash_that_is_not_a_fraction(text: str) -> None:
    assert rg.extract(text) == []


def test_a_slash_date_is_still_a_date() -> None:
    f = only("It opened on 5/17/2018.")
    assert (f.kind.value, f.low) == ("date", "2018-05-17")


# -- powers of ten --------------------------------------------------------------------
@pytest.mark.parametrize(("text", "value"), [
    ("1.3×10^6 cells", 1.3e6),
    ("about 3 x 10^6 people", 3e6),
    ("2.5*10^-3 grams", 2.5e-3),
    ("10^6 cells", 1e6),
    ("1.3×10⁶ cells", 1.3e6),
    ("2.5e-3 grams", 2.5e-3),
    ("faster by a factor of 2.48×10−5 in all", 2.48e-5),  # caret lost in copying
])  # fmt: skip
def test_powers_of_ten(text: str, value: float) -> None:
    assert only(text).point == pytest.approx(value, rel=1e-12)


def test_ten_minus_five_without_a_times_sign_is_not_a_power() -> None:
    points = [f.point for f in rg.extract("a tally of 10-5 and 10−5")]
    assert 1e-5 not in points and -5 not in points


# -- units of science read with their prefix ------------------------------------------
@pytest.mark.parametrize(("text", "unit", "in_base", "base"), [
    ("extinct for some 66 Ma now", "Ma", 66e6, "year"),
    ("a gap of 1.7 eV here", "eV", 1.7, "eV"),
    ("a dose of 14 mGy in a scan", "mGy", 0.014, "Gy"),
])  # fmt: skip
def test_science_symbols(text: str, unit: str, in_base: float, base: str) -> None:
    f = only(text)
    assert f.unit == unit
    assert f.estimate().to(base).mean() == pytest.approx(in_base)


# -- numbers inside addresses ---------------------------------------------------------
def test_numbers_inside_web_and_mail_addresses_are_not_figures() -> None:
    text = ("Details at https://example.org/q?id=305&x=30%25%2020% or www.example.org/2024/"
            "report, from staff2020@example.org; in all 40 ducks.")
    assert [(f.text, f.point) for f in rg.extract(text)] == [("40 ducks", 40)]
