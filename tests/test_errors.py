"""Bad input gets a clear RangesError that says what was wrong, never a numpy or
pint traceback and never a silent guess."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import ranges as rg

BAD_CALLS: list[tuple[str, Callable[[], Any], type[Exception], str]] = [
    ("low above high", lambda: rg.between(12_000, 10_000), rg.ReadingError,
     r"low=12,?000.*high=10,?000"),
    ("NaN end", lambda: rg.between(math.nan, 3), rg.InputError, "finite"),
    ("infinite end", lambda: rg.between(1, math.inf), rg.InputError, "finite"),
    ("text as a number", lambda: rg.between("ten", 3), rg.InputError, "number"),  # type: ignore[arg-type]
    ("lognormal through zero", lambda: rg.between(0, 10, shape="lognormal"),
     rg.ReadingError, "normal"),
    ("log-uniform of negatives", lambda: rg.between(-1, 10, shape="loguniform"),
     rg.ReadingError, "uniform"),
    ("level zero", lambda: rg.between(1, 2, level=0), rg.InputError, "between 0 and 1"),
    ("level one", lambda: rg.between(1, 2, level=1), rg.InputError, "between 0 and 1"),
    ("level 90", lambda: rg.between(1, 2, level=90), rg.InputError, "0.9 means"),
    ("unknown shape", lambda: rg.between(1, 2, shape="gaussian"), rg.ReadingError,
     "lognormal, normal, uniform"),
    ("mode with lognormal", lambda: rg.between(1, 2, mode=1.5), rg.ReadingError, "mode="),
    ("mode outside", lambda: rg.between(1, 2, shape="pert", mode=3), rg.ReadingError,
     "inside"),
    ("negative sd", lambda: rg.normal(0, -1), rg.InputError, "positive"),
    ("uniform backwards", lambda: rg.uniform(3, 1), rg.InputError, "low < high"),
    ("not scipy", lambda: rg.from_scipy(42), rg.InputError, "frozen"),
    ("zero samples", lambda: rg.between(1, 2).sample(0), rg.SampleSizeError, "at least 1"),
    ("fractional samples", lambda: rg.between(1, 2).sample(2.5),  # type: ignore[arg-type]
     rg.SampleSizeError, "whole number"),
    ("huge sample count", lambda: rg.between(1, 2).sample(10**13), rg.SampleSizeError,
     "GiB"),
    ("bad seed", lambda: rg.between(1, 2).sample(10, rng="x"),  # type: ignore[arg-type]
     rg.InputError, "seed"),
    ("negative seed", lambda: rg.between(1, 2).sample(10, rng=-1), rg.InputError,
     "non-negative"),
    ("unit mismatch", lambda: rg.between(1, 2, unit="troops") + rg.exactly(1, unit="km"),
     rg.UnitError, "troops and km"),
    ("division by zero interval", lambda: (rg.exactly(1) / rg.between(-1, 1)).bounds(),
     rg.BoundsError, "can be 0"),
    ("division by exact zero", lambda: rg.between(1, 2) / 0, rg.InputError, "zero"),
    ("unknown engine", lambda: rg.between(1, 2).quantile(0.5, engine="magic"),
     rg.InputError, "known engines"),
    ("summary level", lambda: rg.between(1, 2).summary(level=1.5), rg.InputError, "level"),
    ("quantile above 1", lambda: rg.between(1, 2).quantile(1.5), rg.InputError,
     "between 0 and 1"),
    ("quantile list with NaN", lambda: rg.between(1, 2).quantile([0.5, math.nan], engine="mc"),
     rg.InputError, "between 0 and 1"),
    ("unknown vague", lambda: rg.vague("zillions"), rg.ReadingError, "table knows"),
    ("root of negatives", lambda: (rg.between(-2, -1) ** 0.5).sample(100), rg.EngineError,
     "NaN"),
    ("log of a normal through 0", lambda: np.log(rg.between(-1, 1)).sample(1_000),
     rg.EngineError, "log"),
    ("unknown default", lambda: rg.defaults.using(colour="red").__enter__(), rg.InputError,
     "unknown default"),
    ("mixture weights", lambda: rg.mixture([rg.exactly(1)], [-1]), rg.InputError,
     "non-negative"),
]


@pytest.mark.parametrize("case", BAD_CALLS, ids=[c[0] for c in BAD_CALLS])
def test_bad_input_raises_a_clear_ranges_error(
    case: tuple[str, Callable[[], Any], type[Exception], str]
) -> None:
    _, call, kind, pattern = case
    with pytest.raises(kind, match=pattern) as info:
        call()
    assert isinstance(info.value, rg.RangesError)


def test_zero_width_range_is_allowed_and_said_so() -> None:
    est = rg.between(7, 7, unit="troops")
    assert est.leaf is not None
    assert "zero-width" in est.leaf.note.rule
    assert str(est) == "7 troops (exact)"


def test_value_errors_can_be_caught_as_value_error() -> None:
    with pytest.raises(ValueError):
        rg.between(3, 1)
    with pytest.raises(ValueError):
        rg.between(1, 2, unit="troops") + rg.exactly(1, unit="km")


def test_parse_error_shows_a_caret_under_the_offending_character() -> None:
    err = rg.ParseError("unexpected '+'", "10k + + 3k", 6)
    lines = str(err).splitlines()
    assert lines[0] == "unexpected '+' at position 6:"
    assert lines[1] == "  10k + + 3k"
    assert lines[2] == "  " + " " * 6 + "^"
    assert lines[1][lines[2].index("^")] == "+"
    assert "position 6" in err.one_line() and "\n" not in err.one_line()
    assert isinstance(err, rg.RangesError) and isinstance(err, ValueError)
