"""The one exception hierarchy of ranges.

Every error that leaves the public API is a :class:`RangesError`. Errors about a
value the caller gave are also ``ValueError`` so that ordinary ``except ValueError``
code keeps working.

>>> try:
...     raise ParseError("unexpected word", "10k - - 2", 6)
... except RangesError as err:
...     print(err)
unexpected word at position 6:
  10k - - 2
        ^

Pickling and copying
--------------------
Every error pickles (for multiprocessing, caches and logs) and copies. The rule, kept
once in :class:`RangesError`: an error is rebuilt by calling its class again with the
arguments it was constructed with, then given back any attribute set on it later. So a
subclass that adds fields (``ParseError``'s ``text`` and ``position``) needs no pickling
code of its own, provided that it takes every field as a constructor argument (as
``ParseError`` does) rather than computing it from somewhere else.

>>> import pickle
>>> copy = pickle.loads(pickle.dumps(ParseError("unexpected word", "10k - - 2", 6)))
>>> copy.position, copy
(6, ParseError('unexpected word', '10k - - 2', 6))
"""

from __future__ import annotations

from typing import Any


def _rebuild(cls: type[RangesError], args: tuple[Any, ...], kwargs: dict[str, Any]
             ) -> RangesError:
    """Call ``cls`` with the arguments an error was made with (used by unpickling)."""
    return cls(*args, **kwargs)


class RangesError(Exception):
    """Base class of every error raised by ranges.

    It remembers the arguments it was constructed with, so that pickling and
    ``repr`` work for every subclass (see the module docstring). Catch it to handle
    any problem ranges reports:

    >>> import ranges as rg
    >>> try:
    ...     rg.between(5, 1)
    ... except rg.RangesError as err:
    ...     print(type(err).__name__, isinstance(err, ValueError))
    ReadingError True
    """

    _made_with: tuple[tuple[Any, ...], dict[str, Any]]

    def __new__(cls, *args: Any, **kwargs: Any) -> RangesError:
        self = super().__new__(cls, *args)
        self._made_with = (args, dict(kwargs))
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        args, kwargs = self._made_with
        later = {key: value for key, value in vars(self).items() if key != "_made_with"}
        return (_rebuild, (type(self), args, kwargs), later or None)

    def __repr__(self) -> str:
        args, kwargs = self._made_with
        shown = [repr(arg) for arg in args] + [f"{key}={value!r}" for key, value in kwargs.items()]
        return f"{type(self).__name__}({', '.join(shown)})"


class InputError(RangesError, ValueError):
    """A value passed to ranges is not acceptable (NaN, a level outside (0, 1), ...).

    >>> import ranges as rg
    >>> rg.between(1, 2, level=1.5)
    Traceback (most recent call last):
    ...
    ranges.errors.InputError: level must be strictly between 0 and 1 ... got 1.5
    """


class ReadingError(InputError):
    """A stated figure cannot be read the way that was asked (low > high, a lognormal
    reading of a range that reaches zero, an unknown shape name, ...).

    >>> import ranges as rg
    >>> rg.between(5, 1)
    Traceback (most recent call last):
    ...
    ranges.errors.ReadingError: the low end of a range must not exceed the high end: ... 1 to 5?
    """


class CorrelationError(InputError):
    """A correlation that cannot be: a matrix that is not a valid correlation matrix,
    or an input that cannot be correlated.

    >>> import ranges as rg
    >>> rg.correlate([rg.between(1, 2), rg.between(3, 4)], 1.5)
    Traceback (most recent call last):
    ...
    ranges.errors.CorrelationError: a correlation must be between -1 and 1, got 1.5
    """


class UnitError(InputError):
    """Units that cannot be combined, or a unit that cannot be understood.

    ``suggestions`` holds the units that were probably meant (empty when none).

    >>> import ranges as rg
    >>> rg.exactly(1, unit="EUR") + rg.exactly(1, unit="USD")
    Traceback (most recent call last):
    ...
    ranges.errors.UnitError: cannot add or compare EUR and USD: they measure different things ...
    """

    suggestions: tuple[str, ...] = ()


class UnknownUnitError(UnitError):
    """A unit word that is not known and looks like a misspelling of one that is.

    ``word`` is the word as written, ``suggestions`` the known units it is close to.

    >>> import ranges as rg
    >>> try:
    ...     rg.exactly(1, unit="tropos")
    ... except rg.UnknownUnitError as err:
    ...     print(err.word, err.suggestions)
    tropos ('troops',)
    """

    def __init__(self, message: str, word: str = "", suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.word = word
        self.suggestions = tuple(suggestions)


class ParseError(InputError):
    """Text that cannot be read as figures.

    ``text`` is the whole input and ``position`` the index of the first offending
    character; ``str(err)`` shows the text with a caret under that character.

    >>> import ranges as rg
    >>> rg.parse("10k troops )")
    Traceback (most recent call last):
    ...
    ranges.errors.ParseError: unmatched ')' at position 11:
      10k troops )
                 ^
    """

    def __init__(self, message: str, text: str, position: int) -> None:
        self.message = message
        self.text = text
        self.position = max(0, min(position, len(text)))
        super().__init__(self.render())

    def render(self) -> str:
        """The message, the text and a caret under the offending character."""
        line_start = self.text.rfind("\n", 0, self.position) + 1
        line_end = self.text.find("\n", self.position)
        if line_end == -1:
            line_end = len(self.text)
        line = self.text[line_start:line_end]
        column = self.position - line_start
        return f"{self.message} at position {self.position}:\n  {line}\n  {' ' * column}^"

    def one_line(self) -> str:
        """A single-line form for command-line output."""
        return f"{self.message} at position {self.position} in {self.text!r}"


class EngineError(RangesError):
    """An engine cannot evaluate an estimate (an unsupported operation, ...).

    >>> import ranges as rg
    >>> rg.maximum(rg.between(1, 2), rg.between(3, 4)).mean(engine="exact")
    Traceback (most recent call last):
    ...
    ranges.errors.EngineError: the exact engine cannot evaluate max([1–2], [3–4]): ...
    """


class BoundsError(EngineError, ValueError):
    """Interval arithmetic has no finite answer (division by an interval containing 0).

    >>> import ranges as rg
    >>> try:
    ...     (rg.exactly(1) / rg.between(-1, 1, shape="bounds")).bounds()
    ... except rg.BoundsError as err:
    ...     print(type(err).__name__)
    DivisorRangeError
    """


class DivisorRangeError(BoundsError):
    """The range of a divisor contains 0, so the quotient has no finite bounds (and
    perhaps no mean).

    >>> import ranges as rg
    >>> (rg.exactly(1) / rg.between(-1, 1, shape="bounds")).bounds()
    Traceback (most recent call last):
    ...
    ranges.errors.DivisorRangeError: range bounds: the divisor [-1–1] can be 0 ...
    """


class DependenceError(BoundsError):
    """Bounds under any dependence between the inputs cannot be computed for an
    expression (a minimum or maximum, a mixture, a product of quantities that can be
    negative, an uncertain exponent, a function that is not monotone).

    >>> import ranges as rg
    >>> rg.dependence_bounds(rg.maximum(rg.between(1, 2), rg.between(3, 4)), 0.5)
    Traceback (most recent call last):
    ...
    ranges.errors.DependenceError: bounds under any dependence: cannot bound max([1–2], [3–4]): ...
    """


class SampleSizeError(InputError):
    """A sample count that is not a positive whole number or would not fit in memory.

    >>> import ranges as rg
    >>> rg.between(1, 2).sample(0)
    Traceback (most recent call last):
    ...
    ranges.errors.SampleSizeError: the sample count must be at least 1, got 0
    """


class SpecError(InputError):
    """A report spec (a TOML file or the dict it holds) that cannot be used.

    ``path`` names the file (``"<dict>"`` for a dict), ``line`` the line of the
    offending key (None when unknown), ``key`` the key as ``inputs[2].grade`` (arrays
    count from 1, as people count ``[[inputs]]`` tables) and ``problem`` what is wrong.

    >>> print(SpecError('"Z9" is not an Admiralty grade', "spec.toml", 14,
    ...                 "inputs[2].grade"))
    spec.toml:14: inputs[2].grade: "Z9" is not an Admiralty grade
    """

    def __init__(self, problem: str, path: str = "<dict>", line: int | None = None,
                 key: str = "") -> None:
        self.problem = problem
        self.path = path
        self.line = line
        self.key = key
        where = path if line is None else f"{path}:{line}"
        super().__init__(f"{where}: {key}: {problem}" if key else f"{where}: {problem}")
