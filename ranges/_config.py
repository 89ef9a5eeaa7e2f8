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

from ranges.reading._policy import Reading

if TYPE_CHECKING:
    from ranges.core._units import UnitSystem

T = TypeVar("T")


class _Setting(Generic[T]):
    """One setting of :class:`Defaults`: read and written through the object's layers."""

    def __init__(self, initial: Callable[[], T]) -> None:
        self.initial = initial
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

    reading: _Setting[Reading] = _Setting(Reading)
    n: _Setting[int] = _Setting(lambda: 200_000)
    seed: _Setting[int | None] = _Setting(lambda: 0)
    engine: _Setting[str] = _Setting(lambda: "auto")
    level: _Setting[float] = _Setting(lambda: 0.9)
    memory_budget: _Setting[int] = _Setting(lambda: 512 * 2**20)
    units: _Setting[UnitSystem | None] = _Setting(_new_unit_system)

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


def _settings() -> dict[str, _Setting[Any]]:
    return {
        name: value for name, value in vars(Defaults).items() if isinstance(value, _Setting)
    }


#: The defaults in force. Change with ``ranges.defaults.n = ...`` or ``defaults.using(...)``.
defaults = Defaults()
