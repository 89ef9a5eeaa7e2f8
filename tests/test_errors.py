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


# -- pickling: every error class of ranges.errors, found by walking the module ------------
def _error_classes() -> list[type[rg.RangesError]]:
    import inspect

    import ranges.errors as errors

    found = [value for _, value in inspect.getmembers(errors, inspect.isclass)
             if issubclass(value, errors.RangesError)]
    return sorted(found, key=lambda cls: cls.__name__)


#: sample values by annotation, for the constructor arguments of each error class
SAMPLE_BY_ANNOTATION: dict[str, Any] = {
    "str": "a value that was wrong",
    "int": 4,
    "float": 2.5,
    "bool": True,
    "tuple[str, ...]": ("troops", "workers"),
    "list[str]": ["troops", "workers"],
    "Sequence[str]": ("troops", "workers"),
    "Iterable[str]": ("troops", "workers"),
    "str | None": "a note",
    "int | None": 7,
}


def _constructor_arguments(cls: type[rg.RangesError]) -> tuple[list[Any], dict[str, Any]]:
    """Sample arguments for every parameter of ``cls``'s constructor (keyword-only ones
    by keyword, so that fields a subclass adds later are covered too)."""
    import inspect

    if cls.__init__ is BaseException.__init__:
        return ["a value that was wrong"], {}
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for parameter in list(inspect.signature(cls.__init__).parameters.values())[1:]:
        if parameter.kind in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD):
            continue
        annotation = str(parameter.annotation)
        assert annotation in SAMPLE_BY_ANNOTATION, (
            f"{cls.__name__}({parameter.name}: {annotation}): add a sample value for this "
            "annotation to SAMPLE_BY_ANNOTATION"
        )
        value = SAMPLE_BY_ANNOTATION[annotation]
        if parameter.kind == parameter.KEYWORD_ONLY:
            kwargs[parameter.name] = value
        else:
            args.append(value)
    return args, kwargs


def test_every_error_class_is_found() -> None:
    names = {cls.__name__ for cls in _error_classes()}
    assert {"RangesError", "InputError", "ParseError", "UnitError", "EngineError",
            "DivisorRangeError", "SampleSizeError"} <= names


@pytest.mark.parametrize("cls", _error_classes(), ids=lambda cls: cls.__name__)
def test_every_error_class_pickles_with_its_fields(cls: type[rg.RangesError]) -> None:
    import copy
    import pickle

    args, kwargs = _constructor_arguments(cls)
    err = cls(*args, **kwargs)
    err.add_note("raised while reading a test")
    for twin in (pickle.loads(pickle.dumps(err)), copy.deepcopy(err)):
        assert type(twin) is cls
        assert str(twin) == str(err) and repr(twin) == repr(err) and twin.args == err.args
        assert vars(twin) == vars(err)  # every field, and the note added later
        assert twin.__notes__ == ["raised while reading a test"]


def test_repr_shows_the_constructor_arguments() -> None:
    assert repr(rg.ParseError("unexpected '+'", "1 + + 2", 4)) == (
        "ParseError(\"unexpected '+'\", '1 + + 2', 4)"
    )
    assert repr(rg.UnitError("troops and km")) == "UnitError('troops and km')"


def test_an_unpickled_parse_error_renders_the_same_caret() -> None:
    import pickle

    err = rg.ParseError("unexpected '+'", "first line\n10k + + 3k", 17)
    twin = pickle.loads(pickle.dumps(err))
    assert (twin.message, twin.text, twin.position) == ("unexpected '+'",
                                                        "first line\n10k + + 3k", 17)
    assert str(twin) == str(err) == twin.render()
    assert str(twin).splitlines()[-1] == "  " + " " * 6 + "^"
    assert twin.one_line() == err.one_line()


def test_a_subclass_with_a_new_field_pickles_without_code_of_its_own() -> None:
    import pickle

    twin = pickle.loads(pickle.dumps(_UnitErrorWithSuggestions("unknown unit 'troopz'",
                                                               suggestions=("troops",))))
    assert isinstance(twin, _UnitErrorWithSuggestions)
    assert twin.suggestions == ("troops",) and str(twin) == "unknown unit 'troopz'"


class _UnitErrorWithSuggestions(rg.UnitError):
    """A subclass as other parts may add: a required keyword field and nothing about
    pickling."""

    def __init__(self, message: str, *, suggestions: tuple[str, ...]) -> None:
        super().__init__(message)
        self.suggestions = suggestions
