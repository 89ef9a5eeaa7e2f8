"""Reading kinds and shapes as enumerations, the one shape table, the constructors'
shared keyword handling and the one-sided readings written once."""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable

import pytest

import ranges as rg
from ranges._kinds import Stated
from ranges.distributions import LogNormal
from ranges.reading import SHAPES, Reading, ReadingNote, Shape
from ranges.reading._policy import SHAPES as POLICY_SHAPES
from ranges.reading._shapes import SHAPE_RULES

STATED: dict[Stated, Callable[..., rg.Estimate]] = {
    Stated.RANGE: lambda **kw: rg.between(10, 20, **kw),
    Stated.EXACTLY: lambda **kw: rg.exactly(10, **kw),
    Stated.ABOUT: lambda **kw: rg.about(10_000, **kw),
    Stated.AT_LEAST: lambda **kw: rg.at_least(3_000, **kw),
    Stated.AT_MOST: lambda **kw: rg.at_most(5_000, **kw),
    Stated.PLUS_MINUS: lambda **kw: rg.plus_minus(100, 10, **kw),
    Stated.VAGUE: lambda **kw: rg.vague("thousands", **kw),
}


@pytest.mark.parametrize("kind", list(STATED))
def test_each_constructor_notes_its_kind_as_a_stated_enumeration(kind: Stated) -> None:
    note = STATED[kind]().leaf.note  # type: ignore[union-attr]
    assert type(note.kind) is Stated
    assert note.kind is kind
    assert note.kind == kind.value  # still equal to the plain string


def test_parameter_constructors_note_the_parameters_kind_and_their_family() -> None:
    note = rg.student_t(4, 10, 2).leaf.note  # type: ignore[union-attr]
    assert note.kind is Stated.PARAMETERS
    assert note.shape == "student_t"
    assert rg.normal(0, 1).leaf.note.shape is Shape.NORMAL  # type: ignore[union-attr]


def test_a_note_made_with_plain_strings_holds_the_enumerations() -> None:
    note = ReadingNote(kind="derived", shape="grid", rule="computed exactly")
    assert note.kind is Stated.DERIVED
    assert note.shape == "grid" and not isinstance(note.shape, Shape)
    assert ReadingNote("range", "lognormal").shape is Shape.LOGNORMAL
    with pytest.raises(rg.ReadingError,
                       match=r"unknown reading kind 'approx'; valid kinds are: .*derived"):
        ReadingNote(kind="approx", shape="normal")


def test_every_kind_is_documented_on_the_note() -> None:
    doc = ReadingNote.__doc__ or ""
    for kind in Stated:
        assert f"``{kind.value}``" in doc


@pytest.mark.parametrize("shape", ["LogNormal", "PERT", "NORMAL", "Bounds"])
def test_shapes_are_accepted_in_any_case(shape: str) -> None:
    est = rg.between(10, 20, shape=shape)
    assert est.leaf is not None
    assert est.leaf.note.shape is Shape(shape.lower())
    assert Reading(shape=shape).shape is Shape(shape.lower())
    assert rg.between(10, 20, shape=Shape(shape.lower())).leaf == est.leaf


@pytest.mark.parametrize("shape", ["gamma", "exactly", ""])
def test_unknown_shapes_are_refused_with_the_valid_list(shape: str) -> None:
    message = (f"unknown shape {shape!r}; valid shapes are: auto, lognormal, normal, "
               "uniform, triangular, pert, loguniform, bounds")
    with pytest.raises(rg.ReadingError) as caught:
        rg.between(10, 20, shape=shape)
    assert str(caught.value) == message
    with pytest.raises(rg.ReadingError, match="unknown shape"):
        Reading(shape=shape)


def test_the_shape_list_is_the_tables() -> None:
    assert POLICY_SHAPES == SHAPES  # the CLI imports it from the policy module
    assert SHAPES == ("auto", "lognormal", "normal", "uniform", "triangular", "pert",
                      "loguniform", "bounds")
    assert {*SHAPE_RULES, Shape.AUTO} == {Shape(s) for s in SHAPES}


def test_mode_is_refused_for_shapes_without_a_peak() -> None:
    with pytest.raises(rg.ReadingError,
                       match="mode= only applies to shape='triangular' or 'pert', not 'auto'"):
        rg.between(10, 20, mode=12)
    with pytest.raises(rg.ReadingError, match="not 'lognormal'"):
        rg.between(10, 20, shape="LogNormal", mode=12)


def test_hard_bounds_come_from_the_table() -> None:
    note = rg.between(10, 20, shape="bounds").leaf.note  # type: ignore[union-attr]
    assert note.hard and note.level is None
    assert note.rule == "hard bounds: flat on exactly the stated range"
    for shape, rule in SHAPE_RULES.items():
        assert rule.hard == (shape is Shape.BOUNDS)


# -- the shared keyword block -----------------------------------------------------------
KEYWORDS = ("unit", "level", "shape", "reading", "name", "note")


@pytest.mark.parametrize("kind", [k for k in STATED if k is not Stated.EXACTLY])
def test_every_stated_constructor_takes_the_same_keywords(kind: Stated) -> None:
    constructor = {Stated.RANGE: rg.between, Stated.ABOUT: rg.about,
                   Stated.AT_LEAST: rg.at_least, Stated.AT_MOST: rg.at_most,
                   Stated.PLUS_MINUS: rg.plus_minus, Stated.VAGUE: rg.vague}[kind]
    parameters = inspect.signature(constructor).parameters
    for keyword in KEYWORDS:
        assert parameters[keyword].kind is inspect.Parameter.KEYWORD_ONLY
    policy = Reading(level=0.8, shape="normal")
    est = STATED[kind](unit="troops", name="x", reading=policy, note="said by the source")
    assert est.name == "x"
    assert est.leaf is not None
    assert est.leaf.note.level == 0.8
    assert est.leaf.note.shape is Shape.NORMAL
    assert (est.leaf.note.assumption or "").endswith("said by the source")
    with pytest.raises(rg.InputError, match="reading= must be a ranges"):
        STATED[kind](reading="lognormal")


def test_vague_takes_a_note_after_its_own_assumption() -> None:
    est = rg.vague("thousands", note="'thousands' was a headline word")
    assert est.leaf is not None
    assumption = est.leaf.note.assumption or ""
    assert assumption.startswith("'thousands' read as 2,000 to 10,000")
    assert assumption.endswith("; 'thousands' was a headline word")


# -- one-sided figures ---------------------------------------------------------------------
@pytest.mark.parametrize("ratio", [2.0, 3.0])
@pytest.mark.parametrize("level", [0.8, 0.9])
def test_at_least_and_at_most_mirror_each_other(ratio: float, level: float) -> None:
    policy = Reading(one_sided_ratio=ratio)
    floor = policy.read_at_least(1_000, level=level)
    ceiling = policy.read_at_most(1_000 * ratio, level=level)
    # the same range, read from either end
    assert floor.distribution == ceiling.distribution
    reference = LogNormal.from_interval(1_000, 1_000 * ratio, level)
    assert floor.distribution == reference
    assert floor.stated == rg.Interval(1_000, math.inf)
    assert ceiling.stated == rg.Interval(0, 1_000 * ratio)
    assert (floor.note.kind, ceiling.note.kind) == (Stated.AT_LEAST, Stated.AT_MOST)
    assert floor.note.point == 1_000 and ceiling.note.point == 1_000 * ratio


def test_one_sided_readings_say_which_convention_they_used() -> None:
    floor = rg.at_least(3_000).leaf.note  # type: ignore[union-attr]
    ceiling = rg.at_most(5_000).leaf.note  # type: ignore[union-attr]
    assert floor.rule == "'at least' read with x as the 5th percentile"
    assert floor.assumption == ("'at least 3,000': the upper tail is a convention "
                                "(95th percentile at 2 × 3,000 = 6,000)")
    assert ceiling.rule == "'at most' read with x as the 95th percentile"
    assert ceiling.assumption == ("'at most 5,000': the lower tail is a convention "
                                  "(5th percentile at 5,000 / 2 = 2,500)")


@pytest.mark.parametrize("read", [rg.at_least, rg.at_most])
@pytest.mark.parametrize("x", [0, -5])
def test_one_sided_figures_need_a_positive_number(
    read: Callable[..., rg.Estimate], x: float
) -> None:
    words = "at least" if read is rg.at_least else "at most"
    with pytest.raises(rg.ReadingError, match=f"'{words} {x}' can only be read for a positive"):
        read(x)
