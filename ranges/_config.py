"""The one explicit, documented defaults object: ``ranges.defaults``.

Everything that would otherwise be a hidden global lives here, and every function
that uses a default also takes the value as an argument.

============  ===========  ==============================================================
setting       default      meaning
============  ===========  ==============================================================
``reading``   Reading()    how stated figures become distributions (90 %, lognormal/normal)
``n``         200_000      Monte Carlo samples; printed percentiles of the seed example
                           are stable to 3 significant figures (standard error ≈ 0.03 %)
``seed``      0            seed used when none is given, so the same script prints the same
                           numbers; set to None for fresh entropy on every call
``engine``    "auto"       engine for statistics ("auto", "mc")
``level``     0.9          probability of the interval a summary reports
``memory_``   512 MiB      bytes of working arrays Monte Carlo may hold at once; larger
``budget``                 runs are evaluated in chunks (the result is kept whole)
``units``     UnitSystem   the unit system in force (:class:`ranges.units.UnitSystem`:
                           the pint registry, count nouns and declarations); its pint
                           registry is made on first use. None: a new one on first use
============  ===========  ==============================================================

``defaults.describe()`` prints these settings and the fields of the reading policy
as one table, with the argument that changes each for one call.

Who sees a change
-----------------

==============================  ===========================================================
how                             seen by
==============================  ===========================================================
``with defaults.using(n=1):``   this thread or asyncio task only, until the block ends
                                (a :mod:`contextvars` context). asyncio tasks created inside
                                the block, ``asyncio.to_thread`` and
                                ``contextvars.copy_context().run`` see it too; a new
                                ``threading.Thread`` or a thread pool does not.
``defaults.n = 5`` outside any  every thread and task: the process-wide value, except where
``using`` block                 a ``using`` block sets ``n``
``defaults.n = 5`` inside a     the same as the block: this thread or task, until the
``using`` block                 innermost ``using`` block ends (a block undoes every change
                                made inside it)
==============================  ===========================================================

>>> from ranges import defaults
>>> defaults.n
200000
>>> with defaults.using(n=1000):
...     defaults.n
1000
>>> defaults.n
200000
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from ranges.reading._policy import Reading, reading_fields

if TYPE_CHECKING:
    from ranges.core._units import UnitSystem

T = TypeVar("T")


class _Setting(Generic[T]):
    """One setting of :class:`Defaults`: read and written through the object's layers.

    ``default`` is how the default is written in the table of :meth:`Defaults.describe`,
    ``meaning`` what the setting does, ``per_call`` the argument that overrides it in
    one call.
    """

    def __init__(self, initial: Callable[[], T], default: str, meaning: str,
                 per_call: str) -> None:
        self.initial = initial
        self.default = default
        self.meaning = meaning
        self.per_call = per_call
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> _Setting[T]: ...

    @overload
    def __get__(self, obj: Defaults, owner: type | None = None) -> T: ...

    def __get__(self, obj: Defaults | None, owner: type | None = None) -> T | _Setting[T]:
        if obj is None:
            return self
        value: T = obj._read(self.name)
        return value

    def __set__(self, obj: Defaults, value: T) -> None:
        obj._write(self.name, value)


def _new_unit_system() -> UnitSystem:
    from ranges.core._units import UnitSystem

    return UnitSystem()


class Defaults:
    """Settings used where a call does not give its own (see the module docstring).

    Values live in two layers: the process-wide base, and the layer of the ``using``
    blocks of the current thread or asyncio task (a :class:`contextvars.ContextVar`).

    >>> mine = Defaults(n=10)
    >>> mine.n, mine.seed
    (10, 0)
    >>> mine.nn = 3
    Traceback (most recent call last):
    ...
    ranges.errors.InputError: unknown default 'nn'; known: engine, level, ...
    """

    __slots__ = ("_base", "_layer", "_lock")
    _base: dict[str, Any]
    _layer: ContextVar[Mapping[str, Any] | None]
    _lock: threading.Lock

    reading: _Setting[Reading] = _Setting(
        Reading, "Reading()", "how stated figures become distributions (rows reading.*)",
        "reading=")
    n: _Setting[int] = _Setting(
        lambda: 200_000, "200_000", "samples drawn by the sampling engines",
        "n=")
    seed: _Setting[int | None] = _Setting(
        lambda: 0, "0", "seed when none is given (None: fresh entropy every call)",
        "rng=")
    engine: _Setting[str] = _Setting(
        lambda: "auto", "'auto'", "engine for statistics: auto, exact, qmc or mc",
        "engine=")
    level: _Setting[float] = _Setting(
        lambda: 0.9, "0.9", "probability of the interval a summary reports",
        "level=")
    memory_budget: _Setting[int] = _Setting(
        lambda: 512 * 2**20, "512 MiB", "bytes of working arrays sampling may hold at once",
        "none")
    units: _Setting[UnitSystem | None] = _Setting(
        _new_unit_system, "UnitSystem()", "the unit system: pint registry and declarations",
        "none; with rg.units.scoped(): ...")

    def __init__(self, **values: Any) -> None:
        self._check_names(values)
        base = {name: setting.initial() for name, setting in _settings().items()}
        object.__setattr__(self, "_base", {**base, **values})
        object.__setattr__(self, "_lock", threading.Lock())
        # one context variable per Defaults object; None outside every ``using`` block
        layer: ContextVar[Mapping[str, Any] | None] = ContextVar(
            f"ranges.defaults.{id(self):x}", default=None
        )
        object.__setattr__(self, "_layer", layer)

    def __setattr__(self, name: str, value: Any) -> None:
        self._check_names({name: value})
        object.__setattr__(self, name, value)

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={self._read(name)!r}" for name in _settings())
        return f"Defaults({shown})"

    @staticmethod
    def _check_names(values: Mapping[str, Any]) -> None:
        known = _settings()
        unknown = sorted(set(values) - set(known))
        if unknown:
            from ranges.errors import InputError

            names = ", ".join(repr(name) for name in unknown)
            raise InputError(
                f"unknown default {names}; known: {', '.join(sorted(known))}"
            )

    def _read(self, name: str) -> Any:
        layer = self._layer.get()
        if layer is not None and name in layer:
            return layer[name]
        return self._base[name]

    def _write(self, name: str, value: Any) -> None:
        layer = self._layer.get()
        if layer is None:
            with self._lock:  # a new dict, so that readers never see one half-changed
                object.__setattr__(self, "_base", {**self._base, name: value})
        else:
            self._layer.set({**layer, name: value})

    def describe(self) -> str:
        """Every default as a Markdown table (setting, default, meaning, and the
        argument that changes it for one call), then how to change one everywhere or
        in a block. The fields of the reading policy (:class:`ranges.Reading`) are the
        rows ``reading.*``; a value changed from its default shows as "now ...".

        >>> print(Defaults(n=1_000).describe().splitlines()[3])
        | n | 200_000 (now 1_000) | samples drawn by the sampling engines | n= |
        """
        rows = ["| setting | default | meaning | per call |", "|---|---|---|---|"]
        for name, setting in _settings().items():
            value = self._read(name)
            default = setting.default
            if name in ("n", "seed", "engine", "level", "memory_budget") \
                    and value != setting.initial():
                default += f" (now {_written(value)})"
            rows.append(f"| {name} | {default} | {setting.meaning} | {setting.per_call} |")
        for row in reading_fields(self._read("reading")):
            rows.append(f"| reading.{row.name} | {row.default} | {row.meaning} | "
                        f"{row.per_call} |")
        rows += [
            "",
            "everywhere:  rg.defaults.n = 50_000",
            "in a block:  with rg.defaults.using(n=50_000): ...",
            "a reading field:  rg.defaults.reading = rg.defaults.reading.replace(level=0.8)",
        ]
        return "\n".join(rows)

    @contextmanager
    def using(self, **changes: Any) -> Iterator[Defaults]:
        """Change some settings inside a ``with`` block, for this thread or asyncio task
        only; every change made inside the block is undone when it ends.

        >>> with defaults.using(n=10, seed=1):
        ...     defaults.n, defaults.seed
        (10, 1)
        """
        self._check_names(changes)
        layer = self._layer.get()
        token = self._layer.set({**(layer or {}), **changes})
        try:
            yield self
        finally:
            self._layer.reset(token)


def _written(value: Any) -> str:
    """A value as it is written in the table (ints with ``_`` between thousands)."""
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:_}"
    return repr(value)


def _settings() -> dict[str, _Setting[Any]]:
    return {
        name: value for name, value in vars(Defaults).items() if isinstance(value, _Setting)
    }


#: The defaults in force. Change with ``ranges.defaults.n = ...`` or ``defaults.using(...)``.
defaults = Defaults()
