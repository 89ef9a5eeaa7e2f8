"""The report spec: ONE table of its fields, from which come the checking of a parsed
TOML file (:func:`check_spec`) and its JSON Schema (:func:`spec_json_schema`).

A report spec is a TOML file that declares a report (see ``docs/report-spec.schema.json``
and the specs in ``examples/``); :mod:`ranges.report._model` builds the report from it.
Unknown keys, wrong types and bad values are :class:`~ranges.errors.SpecError` naming
the file, the line and the key (with a suggestion for a misspelt key). ``tomllib`` gives
no line numbers, so :class:`KeyLines` finds them in the raw text.

>>> data, lines = read_spec('title = "Troops"\\n[[inputs]]\\nname = "fall"\\nvalue = 10\\n',
...                         "spec.toml")
>>> data["inputs"][0]["value"], lines.line_of(("inputs", 0, "value"))
(10, 4)
>>> try:
...     read_spec('title = "Troops"\\ntitel = "x"\\n', "spec.toml")
... except SpecError as err:
...     print(err)
spec.toml:2: titel: unknown key "titel" at the top level (did you mean "title"?)
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import math
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from ranges.errors import SpecError
from ranges.reading._shapes import Shape
from ranges.sources._pool import PoolMethod

__all__ = ["FIELDS", "Field", "KeyLines", "Kind", "check_spec", "read_spec",
           "spec_json_schema"]

#: a key path: table keys and (0-based) array indices, as in the parsed TOML
KeyPath = tuple[str | int, ...]


class Kind(StrEnum):
    """The type of a spec field."""

    STRING = "string"
    INTEGER = "integer"
    NUMBER = "number"
    BOOLEAN = "boolean"
    DATE = "date"
    STRINGS = "strings"
    NUMBERS = "numbers"
    DATES = "dates"
    NUMBER_PAIR = "number pair"
    DATE_PAIR = "date pair"
    TABLE = "table"
    TABLES = "array of tables"


class CombineMethod(StrEnum):
    """How a report's inputs make its answer."""

    SUM = "sum"
    POOL = "pool"
    FORMULA = "formula"


class Arrival(StrEnum):
    """How an amount arrives over its time window (for a timeline)."""

    SPREAD = "spread"
    AT_ONCE = "at_once"


@dataclass(frozen=True)
class Field:
    """One field of the spec: its name, type, whether it is required, the values it
    allows, what it means, and (for a table) its own fields.

    ``one_of`` (tables only) lists groups of keys of which exactly one group must be
    given in full. ``pattern``/``hint`` restrict a string; ``low``/``high`` a number
    (``open_ends`` excludes them).
    """

    name: str
    kind: Kind
    doc: str
    required: bool = False
    choices: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    one_of: tuple[tuple[str, ...], ...] = ()
    pattern: str | None = None
    hint: str = ""
    low: float | None = None
    high: float | None = None
    open_ends: bool = False
    min_items: int | None = None

    def child(self, name: str) -> Field:
        """The field ``name`` of this table."""
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(name)


_GRADE_PATTERN: Final = r"^[A-Fa-f][1-6]$"

_READING: Final = Field("reading", Kind.TABLE, "Overrides of the Reading for this input "
                        "(how its stated figure becomes a distribution).", fields=(
    Field("level", Kind.NUMBER, "The level a stated range is read at (0.9: a 90% interval).",
          low=0, high=1, open_ends=True),
    Field("shape", Kind.STRING, "The shape a stated range is read as.",
          choices=tuple(s.value for s in Shape)),
    Field("about_min_relative", Kind.NUMBER, "Narrowest half-width of 'about x', relative "
          "to x.", low=0, open_ends=True),
    Field("about_max_relative", Kind.NUMBER, "Widest half-width of 'about x', relative to x.",
          low=0, open_ends=True),
    Field("one_sided_ratio", Kind.NUMBER, "How far the open side of 'at least x' reaches "
          "(as a ratio to x).", low=1, open_ends=True),
))

_INPUT: Final = Field("inputs", Kind.TABLES, "The figures the answer is made of, one "
                      "[[inputs]] table each.", required=True, min_items=1, one_of=(
                          ("quote",), ("value",), ("low", "high"), ("mean", "sd"),
                          ("stated",)), fields=(
    Field("name", Kind.STRING, "The input's name, unique in the report.", required=True),
    Field("key", Kind.STRING, "The input's name in a formula (an identifier); else its name "
          "made an identifier.", pattern=r"^[A-Za-z_][A-Za-z0-9_]*$",
          hint="a key is a Python identifier such as cost_eur"),
    Field("quote", Kind.STRING, "What the source wrote, read by rg.extract: it must hold "
          "exactly one quantity, or say which with `figure`."),
    Field("figure", Kind.INTEGER, "Which quantity of the quote to use (1 is the first).",
          low=1),
    Field("value", Kind.NUMBER, "A figure known exactly."),
    Field("low", Kind.NUMBER, "The low end of a stated range (with `high`)."),
    Field("high", Kind.NUMBER, "The high end of a stated range (with `low`)."),
    Field("mean", Kind.NUMBER, "The mean of a normal (with `sd`)."),
    Field("sd", Kind.NUMBER, "The standard deviation of a normal (with `mean`).", low=0,
          open_ends=True),
    Field("stated", Kind.STRING, "A stated figure as text, read by rg.parse "
          "(\"about 6,000 troops\")."),
    Field("unit", Kind.STRING, "The input's unit (\"troops\", \"EUR\", \"USD/EUR\")."),
    Field("source", Kind.STRING, "Who said it."),
    Field("date", Kind.DATE, "When the source said it."),
    Field("grade", Kind.STRING, "The source's Admiralty grade (reliability A-F, "
          "credibility 1-6).", pattern=_GRADE_PATTERN,
          hint='is not an Admiralty grade (A-F then 1-6, e.g. "B2")'),
    Field("bias", Kind.NUMBER_PAIR, "[low, high]: the true value is the figure x (1 + b), "
          "b between low and high (-0.2 to 0: it may overstate by up to 20%)."),
    Field("chance", Kind.NUMBER, "The chance that it happens at all (else 0).", low=0,
          high=1),
    Field("window", Kind.DATE_PAIR, "[start, end]: when it happened or will happen; else "
          "the quote's own dates where it has them."),
    _READING,
))

_CORRELATION: Final = Field("correlate", Kind.TABLES, "Inputs that move together: "
                            "{ inputs = [names], rho = r }, a Spearman rank correlation.",
                            fields=(
    Field("inputs", Kind.STRINGS, "The names of the inputs that move together.",
          required=True, min_items=2),
    Field("rho", Kind.NUMBER, "Their rank correlation, -1 to 1.", required=True, low=-1,
          high=1),
))

_COMBINE: Final = Field("combine", Kind.TABLE, "How the inputs make the answer.", fields=(
    Field("method", Kind.STRING, "sum: add them; pool: sources of one quantity, pooled; "
          "formula: the `formula`.", choices=tuple(m.value for m in CombineMethod)),
    Field("formula", Kind.STRING, "For method = \"formula\": + - * / ( ) and numbers over "
          "the inputs' keys."),
    Field("pool", Kind.STRING, "For method = \"pool\": the pooling method.",
          choices=tuple(m.value for m in PoolMethod)),
    Field("weights", Kind.NUMBERS, "For method = \"pool\": one weight per input (equal if "
          "not given)."),
    _CORRELATION,
))

_SHOW: Final = Field("show", Kind.TABLE, "What the report shows.", fields=(
    Field("sensitivity", Kind.BOOLEAN, "Which inputs the answer depends on most."),
    Field("dependence", Kind.BOOLEAN, "The answer under other dependence between the inputs "
          "(independent, as specified, comonotonic, any)."),
    Field("timeline", Kind.BOOLEAN, "The amount over time, from the inputs' windows."),
    Field("by", Kind.DATES, "Dates to ask \"how much by then?\" (timeline)."),
    Field("above", Kind.NUMBERS, "Values to ask the chance that the answer is above."),
    Field("below", Kind.NUMBERS, "Values to ask the chance that the answer is below."),
    Field("level", Kind.NUMBER, "The level of the intervals shown (0.9).", low=0, high=1,
          open_ends=True),
))

#: the whole spec: one table whose fields are the top-level keys
FIELDS: Final = Field("spec", Kind.TABLE, "A ranges report spec.", fields=(
    Field("title", Kind.STRING, "The report's title.", required=True),
    Field("question", Kind.STRING, "The question the report answers."),
    Field("reference_date", Kind.DATE, "The date the quotes' relative dates (\"last fall\") "
          "are read from."),
    Field("unit", Kind.STRING, "The unit of the answer (else the result's own)."),
    Field("seed", Kind.INTEGER, "The seed of every random draw of the report.", low=0),
    Field("arrival", Kind.STRING, "For a timeline: each amount spread over its window, or "
          "all at once at its end.", choices=tuple(a.value for a in Arrival)),
    _INPUT,
    _COMBINE,
    _SHOW,
))


# -- where keys are: line numbers from the raw text ----------------------------------------
class KeyLines:
    """The line of each key path in a TOML text (tables, array-of-table entries, keys,
    keys of inline tables and elements of arrays), found by a small scanner of the
    (already valid) text.

    >>> lines = KeyLines('a = 1\\n[[t]]\\nx = { y = 2 }\\n[[t]]\\nz = [1,\\n  2]\\n')
    >>> lines.line_of(("t", 0, "x", "y")), lines.line_of(("t", 1, "z", 1))
    (3, 6)
    >>> lines.line_of(("t", 1, "missing"))
    4
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: dict[KeyPath, int] = {}
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._scan()

    def line_of(self, path: KeyPath) -> int | None:
        """The line of ``path``, else of its nearest enclosing key or table found."""
        for end in range(len(path), 0, -1):
            found = self.lines.get(path[:end])
            if found is not None:
                return found
        return None

    def _line(self, pos: int) -> int:
        return bisect.bisect_right(self._starts, pos)

    def _record(self, path: KeyPath, pos: int) -> None:
        self.lines.setdefault(path, self._line(pos))

    # the scanner: positions move forward only; the text is valid TOML
    def _scan(self) -> None:
        text, pos = self.text, 0
        table: KeyPath = ()
        counts: dict[KeyPath, int] = {}
        while pos < len(text):
            pos = self._skip_blank(pos, newlines=True)
            if pos >= len(text):
                break
            if text.startswith("[[", pos):
                end = text.index("]]", pos)
                name = self._key_parts(text[pos + 2:end])
                counts[name] = counts.get(name, -1) + 1
                table = (*name, counts[name])
                self._record(table, pos)
                pos = end + 2
            elif text[pos] == "[":
                end = text.index("]", pos)
                table = self._key_parts(text[pos + 1:end])
                self._record(table, pos)
                pos = end + 1
            else:
                pos = self._key_value(table, pos)

    def _skip_blank(self, pos: int, *, newlines: bool) -> int:
        text = self.text
        while pos < len(text):
            char = text[pos]
            if char == "#":
                end = text.find("\n", pos)
                pos = len(text) if end == -1 else end
            elif char in " \t\r" or (newlines and char == "\n"):
                pos += 1
            else:
                break
        return pos

    @staticmethod
    def _key_parts(raw: str) -> tuple[str, ...]:
        parts = re.findall(r'"((?:[^"\\]|\\.)*)"|\'([^\']*)\'|([A-Za-z0-9_-]+)', raw)
        return tuple(a or b or c for a, b, c in parts)

    def _key_value(self, table: KeyPath, pos: int) -> int:
        equals = self._find_equals(pos)
        path = (*table, *self._key_parts(self.text[pos:equals]))
        self._record(path, pos)
        return self._value(path, equals + 1)

    def _find_equals(self, pos: int) -> int:
        text, quote = self.text, ""
        while True:
            char = text[pos]
            if quote:
                if char == quote:
                    quote = ""
            elif char in "\"'":
                quote = char
            elif char == "=":
                return pos
            pos += 1

    def _value(self, path: KeyPath, pos: int) -> int:
        text = self.text
        pos = self._skip_blank(pos, newlines=False)
        char = text[pos] if pos < len(text) else ""
        if char == "{":
            pos += 1
            while True:
                pos = self._skip_blank(pos, newlines=True)
                if text[pos] == "}":
                    return pos + 1
                if text[pos] == ",":
                    pos += 1
                    continue
                pos = self._key_value(path, pos)
        if char == "[":
            pos, index = pos + 1, 0
            while True:
                pos = self._skip_blank(pos, newlines=True)
                if text[pos] == "]":
                    return pos + 1
                if text[pos] == ",":
                    pos += 1
                    continue
                self._record((*path, index), pos)
                pos = self._value((*path, index), pos)
                index += 1
        if char in "\"'":
            return self._string_end(pos)
        match = re.compile(r"[^,\]}\n#]*").match(text, pos)
        return match.end() if match else pos

    def _string_end(self, pos: int) -> int:
        text = self.text
        quote = text[pos]
        if text.startswith(quote * 3, pos):
            end = text.index(quote * 3, pos + 3)
            while text.startswith(quote, end + 3):  # up to two quotes before the closing
                end += 1
            return end + 3
        pos += 1
        while text[pos] != quote:
            pos += 2 if quote == '"' and text[pos] == "\\" else 1
        return pos + 1


# -- checking the parsed spec ------------------------------------------------------------
def key_name(path: KeyPath) -> str:
    """A key path as people write it: ``inputs[2].grade`` (arrays count from 1).

    >>> key_name(("inputs", 1, "reading", "shape"))
    'inputs[2].reading.shape'
    """
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _table_name(path: KeyPath, field: Field) -> str:
    if not path:
        return "at the top level"
    if field.kind is Kind.TABLES and len(path) == 2 and isinstance(path[-1], int):
        return f"in [[{path[0]}]]"
    if len(path) == 1:
        return f"in [{path[0]}]"
    return f"in {key_name(path)}"


class Where:
    """Where a spec came from: the file's name and its key lines (None for a dict)."""

    def __init__(self, path: str, lines: KeyLines | None = None) -> None:
        self.path = path
        self.lines = lines

    def error(self, key: KeyPath, problem: str) -> SpecError:
        """A :class:`SpecError` about ``key``."""
        line = self.lines.line_of(key) if self.lines is not None and key else None
        return SpecError(problem, self.path, line, key_name(key))


def _quoted(value: Any) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)


def _type_name(value: Any) -> str:
    names = {bool: "true/false", int: "a whole number", float: "a number", str: "a string",
             list: "an array", dict: "a table", dt.date: "a date", dt.datetime: "a date-time"}
    return names.get(type(value), type(value).__name__)


def _date(value: Any, key: KeyPath, where: Where) -> dt.date:
    if isinstance(value, dt.datetime):
        raise where.error(key, f"{value.isoformat()} is a date-time; give a date "
                               "(2025-06-01)")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise where.error(key, f"{_quoted(value)} is not a date; write a TOML date or an ISO "
                           "string (2025-06-01)")


def _number(value: Any, field: Field, key: KeyPath, where: Where, *, whole: bool = False
            ) -> float | int:
    wanted = int if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, wanted):
        raise where.error(key, f"expected {'a whole number' if whole else 'a number'}, got "
                               f"{_type_name(value)} {_quoted(value)}")
    if not math.isfinite(value):
        raise where.error(key, f"expected a finite number, got {value}")
    for end, sign, word in ((field.low, 1, "at least"), (field.high, -1, "at most")):
        if end is not None and (sign * (value - end) < 0 or (value == end and field.open_ends)):
            rule = f"{'above' if sign > 0 else 'below'} {end:g}" if field.open_ends \
                else f"{word} {end:g}"
            raise where.error(key, f"{value:g} is out of range: it must be {rule}")
    return value


def _string(value: Any, field: Field, key: KeyPath, where: Where) -> str:
    if not isinstance(value, str):
        raise where.error(key, f"expected a string, got {_type_name(value)} {_quoted(value)}")
    if field.choices and value not in field.choices:
        close = difflib.get_close_matches(value, field.choices, n=1)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        raise where.error(key, f"{_quoted(value)} is not one of "
                               f"{', '.join(_quoted(c) for c in field.choices)}{hint}")
    if field.pattern is not None and not re.match(field.pattern, value):
        raise where.error(key, f"{_quoted(value)} {field.hint or 'is not valid'}")
    return value


def _array(value: Any, field: Field, key: KeyPath, where: Where, size: int | None = None
           ) -> list[Any]:
    if not isinstance(value, list):
        raise where.error(key, f"expected an array, got {_type_name(value)} {_quoted(value)}")
    if size is not None and len(value) != size:
        raise where.error(key, f"expected [low, high] (2 values), got {len(value)}")
    if field.min_items is not None and len(value) < field.min_items:
        raise where.error(key, f"needs at least {field.min_items}, got {len(value)}")
    return value


_ITEM: Final = {Kind.STRINGS: Kind.STRING, Kind.NUMBERS: Kind.NUMBER, Kind.DATES: Kind.DATE,
                Kind.NUMBER_PAIR: Kind.NUMBER, Kind.DATE_PAIR: Kind.DATE}


def check_value(field: Field, value: Any, key: KeyPath, where: Where) -> Any:
    """``value`` checked against ``field`` (dates become ``datetime.date``, arrays
    lists, tables dicts); a :class:`SpecError` naming ``key`` where it does not fit."""
    kind = field.kind
    if kind is Kind.TABLE:
        return _table(field, value, key, where)
    if kind is Kind.TABLES:
        items = _array(value, field, key, where)
        return [_table(field, item, (*key, i), where) for i, item in enumerate(items)]
    if kind in _ITEM:
        pair = kind in (Kind.NUMBER_PAIR, Kind.DATE_PAIR)
        items = _array(value, field, key, where, 2 if pair else None)
        item = Field(field.name, _ITEM[kind], field.doc)
        checked = [check_value(item, v, (*key, i), where) for i, v in enumerate(items)]
        if pair and checked[0] > checked[1]:
            raise where.error(key, f"the start {checked[0]} is after the end {checked[1]}")
        return checked
    if kind is Kind.STRING:
        return _string(value, field, key, where)
    if kind is Kind.BOOLEAN:
        if not isinstance(value, bool):
            raise where.error(key, f"expected true or false, got {_type_name(value)} "
                                   f"{_quoted(value)}")
        return value
    if kind is Kind.DATE:
        return _date(value, key, where)
    return _number(value, field, key, where, whole=kind is Kind.INTEGER)


def _table(field: Field, value: Any, key: KeyPath, where: Where) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise where.error(key, f"expected a table, got {_type_name(value)} {_quoted(value)}")
    names = [f.name for f in field.fields]
    out: dict[str, Any] = {}
    for name, item in value.items():
        if name not in names:
            close = difflib.get_close_matches(name, names, n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else \
                f" (known keys: {', '.join(names)})"
            raise where.error((*key, name), f'unknown key "{name}" '
                                            f"{_table_name(key, field)}{hint}")
        out[name] = check_value(field.child(name), item, (*key, name), where)
    for child in field.fields:
        if child.required and child.name not in out:
            raise where.error(key, f'missing key "{child.name}" {_table_name(key, field)}: '
                                   f"{child.doc}")
    if field.one_of:
        given = [group for group in field.one_of if all(k in out for k in group)]
        partial = [group for group in field.one_of
                   if any(k in out for k in group) and group not in given]
        if len(given) != 1 or partial:
            forms = "; ".join(" and ".join(group) for group in field.one_of)
            found = ", ".join(k for group in field.one_of for k in group if k in out)
            raise where.error(key, f"give exactly one of: {forms} (found: {found or 'none'})")
    return out


def read_spec(text: str, path: str = "<string>") -> tuple[dict[str, Any], KeyLines]:
    """Parse and check the TOML ``text`` of a spec named ``path``: the checked data
    (dates as ``datetime.date``) and the lines of its keys."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(err))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(err))
        if found:
            raise SpecError(f"not valid TOML: {message} (column {found.group(2)})", path,
                            int(found.group(1))) from None
        raise SpecError(f"not valid TOML: {message}", path) from None
    lines = KeyLines(text)
    return check_spec(data, Where(path, lines)), lines


def check_spec(data: Any, where: Where | None = None) -> dict[str, Any]:
    """``data`` (a parsed spec) checked against :data:`FIELDS`.

    >>> check_spec({"title": "T", "inputs": [{"name": "a", "value": 1}]})["title"]
    'T'
    """
    return _table(FIELDS, data, (), where or Where("<dict>"))


# -- the JSON Schema ---------------------------------------------------------------------
_JSON: Final[dict[Kind, dict[str, Any]]] = {
    Kind.STRING: {"type": "string"},
    Kind.INTEGER: {"type": "integer"},
    Kind.NUMBER: {"type": "number"},
    Kind.BOOLEAN: {"type": "boolean"},
    Kind.DATE: {"type": "string", "format": "date"},
}


def _field_schema(field: Field) -> dict[str, Any]:
    kind = field.kind
    if kind in (Kind.TABLE, Kind.TABLES):
        schema: dict[str, Any] = {
            "type": "object",
            "properties": {f.name: _field_schema(f) for f in field.fields},
            "additionalProperties": False,
        }
        required = [f.name for f in field.fields if f.required]
        if required:
            schema["required"] = required
        if field.one_of:
            schema["oneOf"] = [{"required": list(group)} for group in field.one_of]
        if kind is Kind.TABLES:
            schema = {"type": "array", "items": schema}
            if field.min_items is not None:
                schema["minItems"] = field.min_items
    elif kind in _ITEM:
        schema = {"type": "array", "items": _field_schema(Field(field.name, _ITEM[kind], ""))}
        if kind in (Kind.NUMBER_PAIR, Kind.DATE_PAIR):
            schema["minItems"] = schema["maxItems"] = 2
        elif field.min_items is not None:
            schema["minItems"] = field.min_items
    else:
        schema = dict(_JSON[kind])
        if field.choices:
            schema["enum"] = list(field.choices)
        if field.pattern is not None:
            schema["pattern"] = field.pattern
        for end, word in ((field.low, "minimum"), (field.high, "maximum")):
            if end is not None:
                name = f"exclusive{word.capitalize()}" if field.open_ends else word
                schema[name] = int(end) if kind is Kind.INTEGER else end
    return {"description": field.doc, **schema}


def spec_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a report spec, made from :data:`FIELDS` (the
    file ``docs/report-spec.schema.json`` is this, written by
    ``python -m ranges.report.schema``). Dates are ISO strings, as TOML dates become
    when a spec is turned into JSON.

    >>> schema = spec_json_schema()
    >>> schema["required"], schema["properties"]["arrival"]["enum"]
    (['title', 'inputs'], ['spread', 'at_once'])
    """
    body = _field_schema(FIELDS)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "ranges report spec",
        **body,
    }
