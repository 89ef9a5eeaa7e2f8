"""Every public name that is a function, a class or a module has a docstring of its own
with a runnable ``>>>`` example (the doctests of ``ranges/`` run in the suite, so each
example is also checked). Public names: ``ranges.__all__`` and the ``__all__`` of the
public submodules ``rg.plot``, ``rg.format`` and ``rg.units``."""

from __future__ import annotations

import importlib
import inspect
from typing import Any

import pytest

import ranges

SUBMODULES = ("plot", "format", "units")


def public_objects() -> list[tuple[str, Any]]:
    """(qualified name, object) for every public name."""
    found = [(f"ranges.{name}", getattr(ranges, name)) for name in ranges.__all__]
    for sub in SUBMODULES:
        module = importlib.import_module(f"ranges.{sub}")
        found += [(f"ranges.{sub}.{name}", getattr(module, name))
                  for name in getattr(module, "__all__", ())]
    return found


def own_docstring(obj: Any) -> str:
    """The object's own docstring: a class's, not one inherited from a base class."""
    doc = vars(obj).get("__doc__") if inspect.isclass(obj) else obj.__doc__
    return doc or ""


def needs_example(obj: Any) -> bool:
    return inspect.isfunction(obj) or inspect.isclass(obj) or inspect.ismodule(obj)


def lacking_example(objects: list[tuple[str, Any]]) -> list[str]:
    """The names among ``objects`` whose docstring is empty or has no example."""
    return [name for name, obj in objects
            if needs_example(obj) and ">>>" not in own_docstring(obj)]


def test_public_objects_are_found() -> None:
    names = dict(public_objects())
    assert len(names) >= len(ranges.__all__) + 30
    assert names["ranges.between"] is ranges.between
    assert names["ranges.plot.tornado"].__name__ == "tornado"


@pytest.mark.parametrize("name, obj", [pair for pair in public_objects()
                                       if needs_example(pair[1])],
                         ids=lambda value: value if isinstance(value, str) else "")
def test_each_public_name_has_a_docstring_with_an_example(name: str, obj: Any) -> None:
    doc = own_docstring(obj)
    assert doc.strip(), f"{name} has no docstring"
    assert ">>>" in doc, f"{name}'s docstring has no >>> example"


def test_the_check_sees_a_missing_example() -> None:
    def undocumented(x: int) -> int:
        return x

    def documented(x: int) -> int:
        """Twice x.

        >>> documented(2)
        4
        """
        return 2 * x

    class Plain(ValueError):
        pass  # inherits ValueError's docstring, which is not its own

    found = lacking_example([("undocumented", undocumented), ("documented", documented),
                             ("Plain", Plain), ("a number", 3)])
    assert found == ["undocumented", "Plain"]
