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
``units``     None         the unit context; made from a new pint registry on first use
============  ===========  ==============================================================

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

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from typing import Any

from ranges.reading._policy import Reading


@dataclass
class Defaults:
    """Settings used where a call does not give its own (see the module docstring)."""

    reading: Reading = field(default_factory=Reading)
    n: int = 200_000
    seed: int | None = 0
    engine: str = "auto"
    level: float = 0.9
    memory_budget: int = 512 * 2**20
    units: Any = None

    @contextmanager
    def using(self, **changes: Any) -> Iterator[Defaults]:
        """Change some settings inside a ``with`` block, restoring them afterwards."""
        names = {f.name for f in fields(self)}
        unknown = set(changes) - names
        if unknown:
            from ranges.errors import InputError

            raise InputError(
                f"unknown default(s) {sorted(unknown)}; known: {sorted(names)}"
            )
        saved = {name: getattr(self, name) for name in changes}
        try:
            for name, value in changes.items():
                setattr(self, name, value)
            yield self
        finally:
            for name, value in saved.items():
                setattr(self, name, value)


#: The defaults in force. Change with ``ranges.defaults.n = ...`` or ``defaults.using(...)``.
defaults = Defaults()
