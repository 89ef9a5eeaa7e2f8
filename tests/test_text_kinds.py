"""The text layer speaks one vocabulary of kinds: TokenKind for tokens, FigureKind for
figures in prose, Stated for the expression grammar's figures; one table turns a
stated kind into its constructor."""

from __future__ import annotations

import pytest

import ranges as rg
from ranges._kinds import FigureKind, Stated
from ranges.errors import InputError, ReadingError
from ranges.text import _tokens
from ranges.text._figure import KINDS, Figure
from ranges.text._parse import parse_tree
from ranges.text._stated import estimate_stated
from ranges.text._syntax import QuantityNode, to_tuple
from ranges.text._tokens import TokenKind, tokenize


def test_token_kinds_are_one_enumeration_with_the_old_module_names() -> None:
    for kind in TokenKind:
        assert getattr(_tokens, kind.name) is kind
        assert kind == kind.name  # compares equal to its name as a string
    assert all(type(t.kind) is TokenKind for t in tokenize("about $3–4bn (±5%) troops"))


def test_figure_kinds_are_the_shared_enumeration() -> None:
    assert tuple(FigureKind) == KINDS
    figures = rg.extract("About 600 troops and 1,000-1,200 sappers came in 2011.")
    assert [type(f.kind) for f in figures] == [FigureKind] * 3
    assert [f.kind for f in figures] == ["approx", "range", "date"]


def test_a_figure_made_with_a_kind_name_gets_the_member_and_a_bad_name_is_refused() -> None:
    f = Figure("about 600", (0, 9), "approx", None, None, 600.0)  # type: ignore[arg-type]
    assert f.kind is FigureKind.APPROX
    with pytest.raises(InputError, match="unknown figure kind 'aprox'"):
        Figure("about 600", (0, 9), "aprox", None, None, 600.0)  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "kind"), [
    ("5,000", Stated.EXACTLY), ("about 5,000", Stated.ABOUT),
    ("at least 5,000", Stated.AT_LEAST), ("up to 5,000", Stated.AT_MOST),
    ("4,000-6,000", Stated.RANGE), ("5,000 ± 10", Stated.PLUS_MINUS),
])
def test_the_expression_grammar_states_kinds_as_stated(text: str, kind: Stated) -> None:
    node = parse_tree(text)
    assert isinstance(node, QuantityNode) and node.kind is kind
    assert to_tuple(node)[0] == kind.value
    assert to_tuple(parse_tree("5"))[0] == "exactly"


@pytest.mark.parametrize(("figure", "reference"), [
    (Figure("10-12", (0, 5), FigureKind.RANGE, 10.0, 12.0, None), rg.between(10, 12)),
    (Figure("about 600", (0, 9), FigureKind.APPROX, None, None, 600.0), rg.about(600)),
    (Figure("over 50", (0, 7), FigureKind.LOWER_BOUND, None, None, 50.0), rg.at_least(50)),
    (Figure("up to 50", (0, 8), FigureKind.UPPER_BOUND, None, None, 50.0), rg.at_most(50)),
    (Figure("5 ± 1", (0, 5), FigureKind.PLUS_MINUS, 4.0, 6.0, 5.0), rg.plus_minus(5, 1)),
    (Figure("5", (0, 1), FigureKind.EXACT, None, None, 5.0), rg.exactly(5)),
    (Figure("thousands", (0, 9), FigureKind.VAGUE, None, None, None, phrase="thousands"),
     rg.vague("thousands")),
])
def test_each_figure_kind_is_read_by_its_constructor(figure: Figure, reference: rg.Estimate
                                                     ) -> None:
    got = figure.estimate()
    assert got.bounds() == reference.bounds()
    assert got.quantile(0.5) == pytest.approx(reference.quantile(0.5), rel=1e-12)


def test_the_stated_table_refuses_what_is_not_stated_and_missing_numbers() -> None:
    with pytest.raises(ReadingError, match="not stated in text"):
        estimate_stated(Stated.DERIVED, point=1.0)
    with pytest.raises(ReadingError, match="states no point number"):
        estimate_stated(Stated.ABOUT)
    with pytest.raises(ReadingError, match="is a date"):
        Figure("2011", (0, 4), FigureKind.DATE, "2011-01-01", "2011-12-31", None).estimate()
