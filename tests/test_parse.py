"""Tests of the expression parser: the tree it builds, its errors, and the estimates
built from it."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import ranges as rg
from ranges.errors import ParseError
from ranges.reading._policy import Reading
from ranges.text._build import parse
from ranges.text._parse import parse_tree
from ranges.text._syntax import BinaryNode, NegNode, Node, QuantityNode, to_tuple

# Floats in the expected tuples are compared with a relative tolerance of 1e-12
# (decimal inputs such as "0.5k" are not always exact in binary); everything else
# (kinds, operators, units) must be equal.
REL = 1e-12


def same(actual: object, expected: object) -> bool:
    if isinstance(expected, tuple):
        return (
            isinstance(actual, tuple)
            and len(actual) == len(expected)
            and all(same(a, e) for a, e in zip(actual, expected, strict=True))
        )
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return isinstance(actual, float) and math.isclose(actual, expected, rel_tol=REL)
    return actual == expected


def R(low: float, high: float, unit: str | None = None) -> tuple[object, ...]:
    return ("range", low, high, unit)


def E(x: float, unit: str | None = None) -> tuple[object, ...]:
    return ("exactly", x, unit)


# (text, expected to_tuple form)
TREE_CASES: list[tuple[str, tuple[object, ...]]] = [
    # the issue's own example: a unit written once closes the whole sum
    (
        "10,000–12,000 plus 3,000–4,000 troops",
        ("+", R(10000, 12000, "troops"), R(3000, 4000, "troops")),
    ),
    # digits and separators
    ("12,000", E(12000)),
    ("12\u2009000", E(12000)),
    ("12\u202f000", E(12000)),
    ("12\u00a0000 troops", E(12000, "troops")),
    ("26 271", E(26271)),
    ("1 234 567", E(1234567)),
    ("1.234.567", E(1234567)),
    ("1.5", E(1.5)),
    ("12,345.25", E(12345.25)),
    ("1.234,5", E(1234.5)),
    ("0.25", E(0.25)),
    ("1e6", E(1e6)),
    ("7½", E(7.5)),
    # scales
    ("5k", E(5000)),
    ("5K", E(5000)),
    ("3.5m", E(3.5e6)),
    ("3.5M", E(3.5e6)),
    ("2bn", E(2e9)),
    ("2 bn", E(2e9)),
    ("4 mn", E(4e6)),
    ("3tn", E(3e12)),
    ("1.2 trillion", E(1.2e12)),
    ("12 thousand", E(12000)),
    ("1.5 million", E(1.5e6)),
    ("2 billion", E(2e9)),
    ("5 m", E(5, "m")),
    # number words
    ("twelve thousand", E(12000)),
    ("half a million people", E(500000, "people")),
    ("a dozen", E(12)),
    ("a hundred", E(100)),
    ("a thousand troops", E(1000, "troops")),
    ("twenty-five", E(25)),
    ("three hundred and fifty", E(350)),
    ("three hundred and fifty thousand", E(350000)),
    ("twelve thousand five hundred", E(12500)),
    ("three hundred and fifty plus twelve", ("+", E(350), E(12))),
    ("five and six", ("+", E(5), E(6))),
    ("two hundred and three hundred", ("+", E(200), E(300))),
    # ranges and dashes
    ("10-12", R(10, 12)),
    ("10–12", R(10, 12)),
    ("10—12", R(10, 12)),
    ("10‒12", R(10, 12)),
    ("10 – 12", R(10, 12)),
    ("10 — 12 km", R(10, 12, "km")),
    ("10 to 12", R(10, 12)),
    ("between 10 and 12", R(10, 12)),
    ("from 10 to 12", R(10, 12)),
    ("10k-12k", R(10000, 12000)),
    ("10 km – 12 km", R(10, 12, "km")),
    # a spaced hyphen from a smaller to a larger number, as the whole expression: the
    # range the writer meant, an assumption noted (tests/test_text_regressions.py)
    ("10 - 12", R(10, 12)),
    ("10 -12", R(10, 12)),
    ("12 - 10", ("-", E(12), E(10))),
    ("-5 to 5", R(-5, 5)),
    ("−3–2", R(-3, 2)),
    ("-10--5", R(-10, -5)),
    ("5–5", R(5, 5)),
    # shared scales
    ("10–12 thousand", R(10000, 12000)),
    ("1.5–2 million", R(1.5e6, 2e6)),
    ("$3–4bn", R(3e9, 4e9, "USD")),
    ("$3–$4bn", R(3e9, 4e9, "USD")),
    ("£1.5–2m", R(1.5e6, 2e6, "GBP")),
    ("between 3 and 4 thousand km", R(3000, 4000, "km")),
    ("ten to twelve thousand", R(10000, 12000)),
    ("500 to 2 million", R(500, 2e6)),
    ("20 to 30,000", R(20000, 30000)),
    ("20–30,000 troops", R(20000, 30000, "troops")),
    ("200 to 30,000", R(200, 30000)),
    ("20 to 30,500", R(20, 30500)),
    # hedges
    ("about 5,000", ("about", 5000, None)),
    ("approximately 5,000", ("about", 5000, None)),
    ("around 5,000", ("about", 5000, None)),
    ("roughly 5,000", ("about", 5000, None)),
    ("some 5,000 troops", ("about", 5000, "troops")),
    ("nearly 5,000", ("about", 5000, None)),
    ("almost 5,000", ("about", 5000, None)),
    ("an estimated 5,000", ("about", 5000, None)),
    ("approx. 5,000", ("about", 5000, None)),
    ("c. 500", ("about", 500, None)),
    ("~5k", ("about", 5000, None)),
    ("at least 3k", ("at_least", 3000, None)),
    ("more than 3k", ("at_least", 3000, None)),
    ("over 3k", ("at_least", 3000, None)),
    ("≥ 3k", ("at_least", 3000, None)),
    ("up to 10,000", ("at_most", 10000, None)),
    ("as many as 4k", ("at_most", 4000, None)),
    ("fewer than 4k", ("at_most", 4000, None)),
    ("less than 4k", ("at_most", 4000, None)),
    ("under 4k", ("at_most", 4000, None)),
    ("no more than 12", ("at_most", 12, None)),
    ("about 10–12k", R(10000, 12000)),
    # plus-minus
    ("5,000 ± 500", ("plus_minus", 5000, 500, None)),
    ("5,000 +/- 10%", ("plus_minus", 5000, 500, None)),
    ("5,000 ± 10 %", ("plus_minus", 5000, 500, None)),
    ("5k ± 0.5k troops", ("plus_minus", 5000, 500, "troops")),
    ("5 km ± 1", ("plus_minus", 5, 1, "km")),
    ("7.5% ± 0.5%", ("plus_minus", 7.5, 0.5, "percent")),
    ("€5m ± €1m", ("plus_minus", 5e6, 1e6, "EUR")),
    ("about 5,000 ± 500", ("plus_minus", 5000, 500, None)),
    # percentages
    ("7.5%", E(7.5, "percent")),
    ("7½ per cent", E(7.5, "percent")),
    ("12 percent", E(12, "percent")),
    ("10–12%", R(10, 12, "percent")),
    ("20% × 5,000 troops", ("*", E(20, "percent"), E(5000, "troops"))),
    ("20% of 5,000", ("*", E(20, "percent"), E(5000))),
    # currencies and units
    ("$5", E(5, "USD")),
    ("€5m", E(5e6, "EUR")),
    ("£3,000", E(3000, "GBP")),
    ("¥300", E(300, "JPY")),
    ("USD 5m", E(5e6, "USD")),
    ("5,000 USD", E(5000, "USD")),
    ("3 t", E(3, "t")),
    ("5 km^2", E(5, "km^2")),
    ("100 km/h", ("/", E(100, "km"), E(1, "h"))),
    ("300 troops per day", ("/", E(300, "troops"), E(1, "day"))),
    ("(3 + 4) km", ("*", ("+", E(3), E(4)), E(1, "km"))),
    # operators
    ("1 + 2", ("+", E(1), E(2))),
    ("1 plus 2", ("+", E(1), E(2))),
    ("5 - 3", ("-", E(5), E(3))),
    ("5 minus 3", ("-", E(5), E(3))),
    ("5−3", ("-", E(5), E(3))),
    ("2 × 3", ("*", E(2), E(3))),
    ("2 * 3", ("*", E(2), E(3))),
    ("2 x 3", ("*", E(2), E(3))),
    ("2 times 3", ("*", E(2), E(3))),
    ("2 multiplied by 3", ("*", E(2), E(3))),
    ("6 / 3", ("/", E(6), E(3))),
    ("6 ÷ 3", ("/", E(6), E(3))),
    ("6 per 3", ("/", E(6), E(3))),
    ("6 divided by 3", ("/", E(6), E(3))),
    # precedence and associativity
    ("1 + 2 × 3", ("+", E(1), ("*", E(2), E(3)))),
    ("(1 + 2) × 3", ("*", ("+", E(1), E(2)), E(3))),
    ("2 × 3 + 1", ("+", ("*", E(2), E(3)), E(1))),
    ("8 / 4 / 2", ("/", ("/", E(8), E(4)), E(2))),
    ("8 - 4 - 2", ("-", ("-", E(8), E(4)), E(2))),
    ("((2))", E(2)),
    # powers and unary minus
    ("2^3", ("**", E(2), E(3))),
    ("2**3", ("**", E(2), E(3))),
    ("2 × 3^2", ("*", E(2), ("**", E(3), E(2)))),
    ("-2^2", ("neg", ("**", E(2), E(2)))),
    ("(-2)^2", ("**", E(-2), E(2))),
    ("2^-1", ("**", E(2), E(-1))),
    ("2^(−1)", ("**", E(2), E(-1))),
    ("(1–2)^2", ("**", R(1, 2), E(2))),
    ("-5", E(-5)),
    ("-(3 + 4)", ("neg", ("+", E(3), E(4)))),
    ("3 - -5", ("-", E(3), E(-5))),
    ("- -5", ("neg", E(-5))),
    # unit propagation: additive terms only, from the last term backwards
    ("5 + 3 - 2 troops", ("-", ("+", E(5, "troops"), E(3, "troops")), E(2, "troops"))),
    ("2 × 3,000 troops", ("*", E(2), E(3000, "troops"))),
    ("1 + 2 × 3 troops", ("+", E(1), ("*", E(2), E(3, "troops")))),
    ("(1 + 2) + 3 km", ("+", ("+", E(1), E(2)), E(3, "km"))),
    ("5 troops + 3", ("+", E(5, "troops"), E(3))),
    ("10% + 5 troops", ("+", E(10, "percent"), E(5, "troops"))),
    ("(1 + 2 km) × 3", ("*", ("+", E(1, "km"), E(2, "km")), E(3))),
]


def test_tree_table_is_large_enough() -> None:
    assert len(TREE_CASES) >= 80
    assert len({text for text, _ in TREE_CASES}) == len(TREE_CASES)


@pytest.mark.parametrize(("text", "expected"), TREE_CASES)
def test_tree(text: str, expected: tuple[object, ...]) -> None:
    actual = to_tuple(parse_tree(text))
    assert same(actual, expected), f"{text!r}: {actual} != {expected}"


# -- qualifiers, assumptions and spans ------------------------------------------------


def quantity(text: str) -> QuantityNode:
    node = parse_tree(text)
    assert isinstance(node, QuantityNode)
    return node


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("about 5", "about"),
        ("at least 3k", "at least"),
        ("An Estimated 300", "An Estimated"),
        ("approx. 5", "approx."),
        ("no more than 12", "no more than"),
        ("as many as 4k", "as many as"),
        ("~5", "~"),
        ("5", None),
        ("roughly between 3 and 4", "roughly"),
    ],
)
def test_qualifier_is_kept_as_written(text: str, qualifier: str | None) -> None:
    assert quantity(text).qualifier == qualifier


def test_assumptions() -> None:
    assert quantity("20 to 30,000").assumptions == (
        "'20' read as 20,000: it shares the thousands of '30,000'",
    )
    assert quantity("10–12 thousand").assumptions == (
        "the scale 'thousand' of the high end also applies to the low end",
    )
    assert quantity("10,000–12,000").assumptions == ()
    assert quantity("500 to 2 million").assumptions == ()
    tree = parse_tree("3-4k + 1k troops")
    assert isinstance(tree, BinaryNode) and isinstance(tree.left, QuantityNode)
    assert tree.left.assumptions == (
        "the scale 'k' of the high end also applies to the low end",
        "unit 'troops' written once at the end of the sum, applied to this term",
    )


def test_node_fields_and_spans() -> None:
    text = "about 5,000 troops + 2 × (3 - 1)"
    tree = parse_tree(text)
    assert isinstance(tree, BinaryNode)
    assert tree.span == (0, len(text))
    assert tree.op_span == (19, 20)
    left = tree.left
    assert left == QuantityNode("about", 5000.0, 5000.0, 5000.0, "troops", "about", (0, 18))
    assert text[slice(*left.span)] == "about 5,000 troops"
    assert left.unit_span == (12, 18)
    right = tree.right
    assert isinstance(right, BinaryNode) and right.op == "*"
    assert text[slice(*right.span)] == "2 × (3 - 1)"
    assert text[slice(*right.right.span)] == "(3 - 1)"
    neg = parse_tree("-(3)")
    assert isinstance(neg, NegNode) and neg.span == (0, 4)


def test_plus_minus_node() -> None:
    node = quantity("5,000 ± 10%")
    assert (node.kind, node.point, node.low, node.high, node.margin) == (
        "plus_minus",
        5000.0,
        4500.0,
        5500.0,
        500.0,
    )
    assert quantity("5,000").margin is None


def test_nodes_are_immutable_and_hashable() -> None:
    node: Node = parse_tree("1 + 2")
    with pytest.raises(AttributeError):
        node.span = (0, 1)  # type: ignore[misc]
    assert hash(node) == hash(parse_tree("1 + 2"))


# -- malformed input: exact caret position and a specific message ---------------------

ERROR_CASES: list[tuple[str, int, str]] = [
    ("", 0, "empty expression"),
    ("   ", 0, "empty expression"),
    ("10k +", 5, "expected a number after '+'"),
    ("(3-4", 0, "'(' is never closed"),
    ("1 + (2", 4, "'(' is never closed"),
    ("3-4)", 3, "unmatched ')'"),
    ("10–", 3, "expected the high end of the range after '–'"),
    ("10 to", 5, "expected the high end of the range after 'to'"),
    ("10 – – 12", 5, "expected the high end of the range after '–'"),
    ("between 3 and", 13, "expected the high end of the range after 'and'"),
    ("between 3 or 4", 10, "expected 'and'"),
    ("12k–10k", 0, "the low end of the range (12,000) is greater than the high end (10,000)"),
    ("3 ++ 4", 3, "expected a number after '+'"),
    ("abc", 0, "unit 'abc' has no number before it"),
    ("10,00", 2, "bad digit grouping: expected 3 digits after ','"),
    ("1234,567", 4, "bad digit grouping: more than 3 digits"),
    ("1.2.3", 3, "more than one decimal point"),
    ("5 ± ", 4, "expected a margin after '±'"),
    ("5 ± -1", 4, "the margin after '±' cannot be negative"),
    ("about", 5, "expected a number after 'about'"),
    ("at least", 8, "expected a number after 'at least'"),
    ("nan", 0, "not a finite number: 'nan'"),
    ("inf", 0, "not a finite number: 'inf'"),
    ("5 + Infinity", 4, "not a finite number: 'Infinity'"),
    ("1e999", 0, "number too large"),
    ("5 5", 2, "expected an operator between two figures"),
    ("5 @ 3", 2, "unexpected character '@'"),
    ("2 ^ x", 4, "the exponent after '^' must be a plain number"),
    ("2^3^2", 3, "write repeated powers with parentheses"),
    ("thousand", 0, "scale 'thousand' has no number before it"),
    ("$", 1, "expected a number after '$'"),
    ("5 $", 2, "the currency sign '$' must come before the number"),
    ("$3 – €4", 5, "the ends of the range have different units ('USD' and 'EUR')"),
    ("10 km – 12 mi", 11, "different units ('km' and 'mi')"),
    ("()", 1, "empty parentheses"),
    ("5%%", 2, "'%' must follow a number directly"),
    ("3 and", 5, "expected a number after 'and'"),
    ("– 5", 0, "expected a number before '–'"),
    ("20 of 5", 3, "expected an operator, found 'of'"),
    ("10-12-14", 5, "a hyphen touching both sides is a range dash"),
    ("5% troops", 3, "a percentage cannot also have a unit 'troops'"),
    ("(5) (6)", 4, "expected an operator, found '('"),
]


def test_error_table_is_large_enough() -> None:
    assert len(ERROR_CASES) >= 20


@pytest.mark.parametrize(("text", "position", "message"), ERROR_CASES)
def test_errors(text: str, position: int, message: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_tree(text)
    err = info.value
    assert err.position == position, err.one_line()
    assert message in err.message, err.one_line()
    assert err.text == text
    assert isinstance(err, ValueError) and isinstance(err, rg.RangesError)


def test_error_renders_a_caret() -> None:
    with pytest.raises(ParseError) as info:
        parse_tree("12k–10k troops")
    lines = str(info.value).splitlines()
    assert lines[1:] == ["  12k–10k troops", "  ^"]


def test_parse_tree_rejects_non_text() -> None:
    with pytest.raises(rg.InputError, match="text"):
        parse_tree(12)  # type: ignore[arg-type]


# -- property tests ---------------------------------------------------------------------

ALPHABET = [
    *"0123456789 ,.-–—−+*/×^()%±$€£~<>kKmMx",
    "\u2009",
    "\u202f",
    " to ",
    " and ",
    " between ",
    " about ",
    " at least ",
    " troops",
    " thousand",
    " million",
    " twelve",
    " hundred",
    " a ",
    " per ",
    "**",
    "+/-",
    "½",
]


def check_tree(node: Node, text: str) -> None:
    start, end = node.span
    assert 0 <= start <= end <= len(text)
    if isinstance(node, BinaryNode):
        check_tree(node.left, text)
        check_tree(node.right, text)
    elif isinstance(node, NegNode):
        check_tree(node.operand, text)
    else:
        assert all(math.isfinite(x) for x in (node.low, node.high))
        assert node.low <= node.high


@given(st.text(max_size=50))
@settings(max_examples=400)
def test_arbitrary_text_raises_only_parse_error(text: str) -> None:
    try:
        tree = parse_tree(text)
    except ParseError as err:
        assert 0 <= err.position <= len(text)
        return
    check_tree(tree, text)


@given(st.lists(st.sampled_from(ALPHABET), max_size=14).map("".join))
@settings(max_examples=600)
def test_figure_like_text_raises_only_parse_error(text: str) -> None:
    try:
        tree = parse_tree(text)
    except ParseError as err:
        assert 0 <= err.position <= len(text)
        return
    check_tree(tree, text)


# -- estimates built from text equal the same model built in Python --------------------

SEED = 20240501
QS = [0.05, 0.25, 0.5, 0.75, 0.95]


def assert_same_model(text: str, model: rg.Estimate) -> None:
    built = parse(text)
    assert built.bounds() == model.bounds()
    assert built.unit == model.unit
    got = [built.quantile(q, seed=SEED) for q in QS]
    want = [model.quantile(q, seed=SEED) for q in QS]
    assert got == pytest.approx(want, rel=1e-12)


def test_parse_sum_of_ranges() -> None:
    assert_same_model(
        "10k-12k + 3k-4k troops",
        rg.between(10e3, 12e3, unit="troops") + rg.between(3e3, 4e3, unit="troops"),
    )


def test_parse_hedges_and_plus_minus() -> None:
    assert_same_model("about 5,000 troops", rg.about(5000, unit="troops"))
    assert_same_model("at least 3k", rg.at_least(3000))
    assert_same_model("up to 10,000 km", rg.at_most(10000, unit="km"))
    assert_same_model("5,000 ± 10%", rg.plus_minus(5000, 500))
    assert_same_model("$3–4bn", rg.between(3e9, 4e9, unit="USD"))


def test_parse_products_powers_and_percent() -> None:
    assert_same_model(
        "2 × (10–12 thousand) - 5",
        2 * rg.between(10e3, 12e3) - rg.exactly(5),
    )
    assert_same_model("(1–2)^2", rg.between(1, 2) ** 2.0)
    assert_same_model("-(3–4)", -rg.between(3, 4))
    built = parse("20% × 5,000 troops")
    assert built.bounds() == rg.Interval(1000, 1000)
    assert built.unit == rg.exactly(1, unit="troops").unit
    assert_same_model("10–12% of 5,000", rg.between(0.10, 0.12) * 5000)


def test_parse_unit_per() -> None:
    built = parse("100 km/h")
    assert built.unit == (rg.exactly(1, unit="km") / rg.exactly(1, unit="h")).unit
    assert built.bounds() == rg.Interval(100, 100)


def test_parse_passes_reading_and_notes() -> None:
    reading = Reading(level=0.8, shape="normal")
    assert_same_model_with_reading = parse("10–12", reading=reading)
    model = rg.between(10, 12, reading=reading)
    assert assert_same_model_with_reading.quantile(0.1, seed=SEED) == pytest.approx(
        model.quantile(0.1, seed=SEED), rel=1e-12
    )
    noted = parse("20 to 30,000")
    assert noted.bounds() == rg.Interval(20000, 30000)
    assert noted.leaf is not None
    assert noted.leaf.note.assumption == (
        "'20' read as 20,000: it shares the thousands of '30,000'"
    )


def test_parse_unit_error_points_at_the_operator() -> None:
    with pytest.raises(ParseError) as info:
        parse("10,000 troops + 3 km")
    assert info.value.position == 14
    assert "troops" in info.value.message and "km" in info.value.message
    with pytest.raises(ParseError) as info:
        parse("10% + 5 troops")
    assert info.value.position == 4


def test_parse_reading_error_points_at_the_figure() -> None:
    with pytest.raises(ParseError) as info:
        parse("2 + at least -5")
    assert info.value.position == 4
    assert "positive" in info.value.message


# -- guards of the spaced-hyphen and glued-word rules (tests/test_text_regressions.py) ---
@pytest.mark.parametrize(("text", "value"), [
    ("12,000 - 10,000", 2_000),  # the larger first: a subtraction
    ("10,000 − 12,000", -2_000),  # U+2212 always subtracts
    ("10,000 minus 12,000", -2_000),
    ("-5 - 3", -8),  # not a plain positive number on the left
])
def test_other_subtractions_stay_subtractions(text: str, value: float) -> None:
    assert rg.parse(text).bounds() == rg.Interval(value, value)


@pytest.mark.parametrize(("text", "unit"), [("5km", "km"), ("60mph", "mph"), ("3GW", "GW")])
def test_unit_symbols_glued_to_a_number_are_still_read(text: str, unit: str) -> None:
    estimate = rg.parse(text)
    assert estimate.bounds() == rg.Interval(float(text[: -len(unit)]),
                                            float(text[: -len(unit)]))
    assert estimate.unit == rg.exactly(1, unit=unit).unit
    assert rg.parse("2x3").bounds() == rg.Interval(6, 6)
