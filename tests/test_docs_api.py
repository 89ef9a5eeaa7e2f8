"""The API reference (docs/api.md) lists every public name: each name of
``ranges.__all__`` and of the ``__all__`` of the public submodules ``rg.plot``,
``rg.format`` and ``rg.units``. Read from the page's text; Sphinx is not needed."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import ranges

API_PAGE = Path(__file__).resolve().parent.parent / "docs" / "api.md"
SUBMODULES = ("plot", "format", "units")

_CURRENTMODULE = re.compile(r"^\.\. currentmodule:: (\S+)\s*$")
_AUTOSUMMARY = re.compile(r"^\.\. autosummary::\s*$")


def documented_names(page_text: str) -> set[str]:
    """The fully qualified names the autosummary tables of the page list."""
    names: set[str] = set()
    module = ""
    in_table = False
    for line in page_text.splitlines():
        if match := _CURRENTMODULE.match(line):
            module, in_table = match.group(1), False
        elif _AUTOSUMMARY.match(line):
            in_table = True
        elif in_table:
            entry = line.strip()
            if not entry or entry.startswith(":"):
                continue  # a blank line or an option such as :toctree:
            if not line.startswith(" ") or entry.startswith(("```", "..")):
                in_table = False  # the table ended
                continue
            names.add(entry if entry.startswith(module + ".") else f"{module}.{entry}")
    return names


def public_names() -> set[str]:
    """Every public name that the reference must list, fully qualified."""
    names = {f"ranges.{name}" for name in ranges.__all__}
    for sub in SUBMODULES:
        module = importlib.import_module(f"ranges.{sub}")
        names |= {f"ranges.{sub}.{name}" for name in getattr(module, "__all__", ())}
    return names


def test_every_public_name_is_in_the_api_reference() -> None:
    missing = sorted(public_names() - documented_names(API_PAGE.read_text(encoding="utf-8")))
    assert not missing, (
        f"docs/api.md does not list {', '.join(missing)}: add each to the autosummary "
        "table of the group it belongs to"
    )


def test_the_api_reference_lists_no_name_that_does_not_exist() -> None:
    extra = sorted(documented_names(API_PAGE.read_text(encoding="utf-8")) - public_names())
    assert not extra, f"docs/api.md lists names that are not public: {', '.join(extra)}"


def test_the_reader_sees_a_name_left_out() -> None:
    # the check must fail when a public name is not documented: drop one listed entry
    text = API_PAGE.read_text(encoding="utf-8")
    assert re.search(r"^   between$", text, flags=re.M), "docs/api.md lists between"
    without = re.sub(r"^   between\n", "", text, flags=re.M)
    assert "ranges.between" in public_names() - documented_names(without)
    assert "ranges.between" not in public_names() - documented_names(text)


def test_the_reader_qualifies_names_by_current_module() -> None:
    page = """
```{eval-rst}
.. currentmodule:: ranges.plot

.. autosummary::
   :toctree: api/generated

   cdf
   ranges.plot.pbox
```
"""
    assert documented_names(page) == {"ranges.plot.cdf", "ranges.plot.pbox"}
