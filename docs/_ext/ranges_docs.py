"""The local Sphinx extension of the ranges documentation.

It adds one directive, ``ranges-cli``, which renders a command's reference from its
argparse parser, so that the page cannot drift from the code::

    ```{ranges-cli} ranges
    ```

    ```{ranges-cli} ranges report
    ```

The reference is the usage line (a literal block of ``format_usage()``), the
description, every argument with its help text and default (a definition list), and the
epilog.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective


def _parsers() -> dict[str, Callable[[], argparse.ArgumentParser]]:
    from ranges._report_command import build_report_parser
    from ranges.cli import build_parser

    return {"ranges": build_parser, "ranges report": build_report_parser}


def _argument_term(action: argparse.Action) -> str:
    """How the argument is written on the command line: ``--seed S``, ``EXPR ...``."""
    if not action.option_strings:
        metavar = action.metavar or action.dest
        return f"{metavar} ..." if action.nargs in ("+", "*") else str(metavar)
    if action.nargs == 0:  # a flag: --json, --version, --no-progress
        return ", ".join(action.option_strings)
    metavar = action.metavar or action.dest.upper()
    return ", ".join(f"{option} {metavar}" for option in action.option_strings)


def _argument_help(parser: argparse.ArgumentParser, action: argparse.Action) -> str:
    """The help text with argparse's ``%(default)s``-style fields filled in."""
    if action.help is None or action.help == argparse.SUPPRESS:
        return ""
    formatter = parser._get_formatter()
    return str(formatter._expand_help(action))


def _argument_default(action: argparse.Action) -> str | None:
    """The parser's own default, shown when it is a value (not None, not a flag's False)."""
    if action.option_strings and action.nargs == 0:
        return None
    default = action.default
    if default is None or default == argparse.SUPPRESS or action.required:
        return None
    return repr(default) if isinstance(default, str) else str(default)


def cli_reference_nodes(parser: argparse.ArgumentParser) -> list[nodes.Node]:
    """The docutils nodes of one command's reference."""
    usage = parser.format_usage().strip()
    result: list[nodes.Node] = [nodes.literal_block(usage, usage)]
    if parser.description:
        result.append(nodes.paragraph(text=parser.description))
    items = nodes.definition_list()
    for action in parser._actions:
        if action.help == argparse.SUPPRESS:
            continue
        term = nodes.term()
        term += nodes.literal(text=_argument_term(action))
        if action.required and action.option_strings:
            term += nodes.Text(" (required)")
        definition = nodes.definition()
        help_text = _argument_help(parser, action)
        if isinstance(action, argparse._VersionAction):
            help_text = help_text or "print the program's name and version, then exit"
        definition += nodes.paragraph(text=help_text)
        default = _argument_default(action)
        if default is not None and "default" not in help_text:
            definition += nodes.paragraph(text=f"Default: {default}.")
        items += nodes.definition_list_item("", term, definition)
    result.append(items)
    if parser.epilog:
        result.append(nodes.paragraph(text=parser.epilog))
    return result


class RangesCliDirective(SphinxDirective):
    """``{ranges-cli} COMMAND``: the reference of ``ranges`` or ``ranges report``."""

    required_arguments = 1
    final_argument_whitespace = True
    has_content = False

    def run(self) -> list[nodes.Node]:
        name = " ".join(self.arguments[0].split())
        parsers = _parsers()
        if name not in parsers:
            known = ", ".join(repr(key) for key in parsers)
            raise self.error(f"ranges-cli: unknown command {name!r}; known: {known}")
        return cli_reference_nodes(parsers[name]())


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("ranges-cli", RangesCliDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
