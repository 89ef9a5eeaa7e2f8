"""Print the pip pins of the oldest versions that pyproject.toml allows.

Each requirement of the runtime dependencies and of the ``test`` extra must be either a
floor, ``name>=X``, which becomes the pin ``name==X``, or an exact pin, ``name==X``, kept
as it is; extras in brackets are kept (``dask[bag,distributed]>=X`` becomes
``dask[bag,distributed]==X``). Anything else (no bound, an upper bound, markers) is
refused with the requirement named, because the oldest run could not say which version
it tested.

    $ python .ci/floors.py
    numpy==1.26 scipy==1.15 matplotlib==3.7 pint==0.23 pytest==8 ...

``.ci/oldest`` installs exactly these pins and runs the tests, so every floor in
pyproject.toml is a version the suite has passed on.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXTRAS = ("test",)

_REQUIREMENT = re.compile(
    r"""^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)
        (?P<extras>\[\s*[A-Za-z0-9][A-Za-z0-9._-]*(\s*,\s*[A-Za-z0-9][A-Za-z0-9._-]*)*\s*\])?
        \s*(?P<operator>>=|==)
        \s*(?P<version>[0-9][0-9A-Za-z.+!-]*)\s*$""",
    re.VERBOSE,
)


class FloorError(ValueError):
    """A requirement in pyproject.toml that has no single floor or pin."""


def oldest_pin(requirement: str, where: str) -> str:
    """``'numpy>=1.26'`` -> ``'numpy==1.26'``; ``'ruff==0.17.6'`` stays as it is."""
    match = _REQUIREMENT.match(requirement)
    if match is None:
        raise FloorError(
            f"pyproject.toml {where}: {requirement!r} is neither 'name>=X' nor 'name==X', "
            "so the oldest run cannot tell which version to test"
        )
    extras = re.sub(r"\s+", "", match["extras"] or "")
    return f"{match['name']}{extras}=={match['version']}"


def oldest_pins(pyproject: dict[str, Any], extras: tuple[str, ...] = EXTRAS) -> list[str]:
    """The pins for the runtime dependencies followed by those of ``extras``."""
    project = pyproject["project"]
    groups = [("[project] dependencies", project.get("dependencies", []))]
    optional = project.get("optional-dependencies", {})
    for extra in extras:
        if extra not in optional:
            raise FloorError(f"pyproject.toml has no optional dependency group {extra!r}")
        groups.append((f"[project.optional-dependencies] {extra}", optional[extra]))
    return [oldest_pin(requirement, where) for where, group in groups for requirement in group]


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else ROOT / "pyproject.toml"
    try:
        pins = oldest_pins(tomllib.loads(path.read_text(encoding="utf-8")))
    except FloorError as error:
        print(f"floors.py: {error}", file=sys.stderr)
        return 2
    print(" ".join(pins))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
