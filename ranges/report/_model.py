"""The report model: :class:`Report`, its :class:`ReportInput` and :class:`ShowOptions`,
built from a TOML spec (:func:`load_report`, checked by :mod:`ranges.report._spec`) or
from Python with the same objects and the same checks.

>>> import ranges as rg
>>> report = rg.Report(
...     title="Troops sent", question="How many so far?",
...     inputs=[rg.ReportInput("fall", rg.between(10_000, 12_000, unit="troops")),
...             rg.ReportInput("spring", rg.between(3_000, 4_000, unit="troops"))])
>>> report.result.bounds()
Interval(13000, 16000)
>>> sorted(report.scenarios())
['comonotonic', 'independent']
"""

from __future__ import annotations

import ast
import contextlib
import datetime as dt
import difflib
import operator
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from ranges._config import defaults
from ranges.core._correlate import correlate
from ranges.core._graph import Estimate, replaced
from ranges.core._units import label as unit_label
from ranges.errors import RangesError, SpecError
from ranges.reading._constructors import bernoulli, between, exactly, normal
from ranges.report._format import describe_note
from ranges.report._spec import (
    FIELDS,
    Arrival,
    CombineMethod,
    KeyPath,
    Where,
    check_value,
    read_spec,
)
from ranges.sources._pool import PoolMethod, pool
from ranges.text._build import parse
from ranges.text._extract import extract
from ranges.text._figure import Figure

__all__ = ["Combine", "Correlation", "Report", "ReportInput", "ShowOptions", "load_report"]

_PYTHON: Final = "<python>"


def _checked(where: Where, key: KeyPath, value: Any) -> Any:
    """``value`` checked by the spec's field at ``key`` (the same rules as a file)."""
    spec = FIELDS
    for part in key:
        if isinstance(part, str):
            spec = spec.child(part)
    return check_value(spec, value, key, where)


def _first_line(err: Exception) -> str:
    return str(err).splitlines()[0]


@dataclass(frozen=True)
class ShowOptions:
    """What a report shows (the ``[show]`` table).

    >>> ShowOptions(timeline=True, by=("2025-09-01",)).by
    (datetime.date(2025, 9, 1),)
    """

    sensitivity: bool = False
    dependence: bool = False
    timeline: bool = False
    by: tuple[dt.date, ...] = ()
    above: tuple[float, ...] = ()
    below: tuple[float, ...] = ()
    level: float = 0.9

    def __post_init__(self) -> None:
        where = Where(_PYTHON)
        for name in ("sensitivity", "dependence", "timeline", "level"):
            _checked(where, ("show", name), getattr(self, name))
        for name in ("by", "above", "below"):
            value = _checked(where, ("show", name), list(getattr(self, name)))
            object.__setattr__(self, name, tuple(value))


@dataclass(frozen=True)
class Correlation:
    """Inputs (by name) that move together with Spearman rank correlation ``rho``.

    >>> Correlation(("fall", "spring"), 0.5).rho
    0.5
    """

    inputs: tuple[str, ...]
    rho: float

    def __post_init__(self) -> None:
        key: KeyPath = ("combine", "correlate", 0)
        _checked(Where(_PYTHON), (*key, "inputs"), list(self.inputs))
        _checked(Where(_PYTHON), (*key, "rho"), self.rho)
        object.__setattr__(self, "inputs", tuple(self.inputs))


@dataclass(frozen=True)
class Combine:
    """How the inputs make the answer (the ``[combine]`` table): ``method`` "sum",
    "pool" (with ``pool`` "linear" or "log" and optional ``weights``) or "formula"
    (``formula`` over the inputs' keys); ``correlate`` lists inputs that move together.

    >>> Combine("formula", formula="a * b").method
    <CombineMethod.FORMULA: 'formula'>
    """

    method: CombineMethod | str = CombineMethod.SUM
    formula: str | None = None
    pool: PoolMethod | str = PoolMethod.LINEAR
    weights: tuple[float, ...] | None = None
    correlate: tuple[Correlation, ...] = ()

    def __post_init__(self) -> None:
        where = Where(_PYTHON)
        method = CombineMethod(_checked(where, ("combine", "method"), str(self.method)))
        object.__setattr__(self, "method", method)
        chosen = PoolMethod(_checked(where, ("combine", "pool"), str(self.pool)))
        object.__setattr__(self, "pool", chosen)
        if self.weights is not None:
            weights = _checked(where, ("combine", "weights"), list(self.weights))
            object.__setattr__(self, "weights", tuple(weights))
        if self.formula is not None:
            _checked(where, ("combine", "formula"), self.formula)
        object.__setattr__(self, "correlate", tuple(self.correlate))
        if method is CombineMethod.FORMULA and self.formula is None:
            raise where.error(("combine", "method"), 'method = "formula" needs a formula '
                                                     '(formula = "a * b + c")')


@dataclass(frozen=True)
class ReportInput:
    """One input of a report: a figure a source gave, and how it was read.

    ``estimate`` is the input as used (after ``grade``, ``bias`` and ``chance``);
    ``as_read`` is the figure as read, before them (give ``estimate`` as read and the
    adjustments are applied for you; give ``as_read`` too and ``estimate`` is taken as
    already adjusted). ``stated`` is what the source said in plain words, ``quote``
    the text it was read from and ``figure`` the :class:`~ranges.Figure` found there.
    ``date`` is when the source said it, ``window`` when the amount happened (start,
    end), ``key`` its name in a formula, ``reading_note`` how it was read.

    >>> import ranges as rg
    >>> planned = rg.ReportInput("planned", rg.exactly(6_000, unit="troops"), chance=0.6)
    >>> float(planned.estimate.mean(engine="exact")), planned.stated, planned.key
    (3600.0, '6,000 troops', 'planned')
    """

    name: str
    estimate: Estimate
    stated: str = ""
    source: str | None = None
    quote: str | None = None
    figure: Figure | None = None
    date: dt.date | None = None
    grade: str | None = None
    bias: tuple[float, float] | None = None
    chance: float | None = None
    window: tuple[dt.date, dt.date] | None = None
    key: str = ""
    reading_note: str = ""
    as_read: Estimate | None = None

    def __post_init__(self) -> None:
        self._check(Where(_PYTHON), ("inputs", 0))

    def _check(self, where: Where, at: KeyPath) -> None:
        """Check the fields with the spec's rules and fill in the derived ones."""
        def put(name: str, value: Any) -> None:
            object.__setattr__(self, name, value)

        _checked(where, (*at, "name"), self.name)
        if not isinstance(self.estimate, Estimate):
            raise where.error((*at,), f"input {self.name!r}: estimate must be an Estimate "
                                      f"(rg.between(...)), got {self.estimate!r}")
        for name in ("source", "grade", "chance", "date", "quote"):
            if getattr(self, name) is not None:
                put(name, _checked(where, (*at, name), getattr(self, name)))
        for name in ("bias", "window"):
            if getattr(self, name) is not None:
                put(name, tuple(_checked(where, (*at, name), list(getattr(self, name)))))
        put("key", _checked(where, (*at, "key"), self.key or identifier(self.name)))
        if self.as_read is None:
            put("as_read", self.estimate)
            put("estimate", _adjusted(self, where, at))
        as_read = self.as_read if self.as_read is not None else self.estimate
        if not self.stated:
            put("stated", _stated_words(as_read))
        if not self.reading_note:
            put("reading_note", _reading_note(as_read))


def identifier(name: str) -> str:
    """An input's name made a formula key: ``"cost (EUR)"`` -> ``cost_eur``.

    >>> identifier("Sent last fall"), identifier("2nd wave")
    ('sent_last_fall', '_2nd_wave')
    """
    key = re.sub(r"[^0-9a-zA-Z]+", "_", name.strip().lower()).strip("_") or "input"
    return f"_{key}" if key[0].isdigit() else key


def _adjusted(entry: ReportInput, where: Where, at: KeyPath) -> Estimate:
    est = entry.estimate
    try:
        if entry.grade is not None:
            est = est.graded(entry.grade)
        if entry.bias is not None:
            est = est.biased(*entry.bias)
    except RangesError as err:
        name = "grade" if entry.bias is None else "bias"
        raise where.error((*at, name), _first_line(err)) from err
    if entry.chance is not None:
        est = bernoulli(entry.chance, label=f"{entry.name} happens") * est
    return est


def _stated_words(est: Estimate) -> str:
    leaves = [leaf for leaf in est.leaves() if leaf.leaf is not None]
    if len(leaves) == 1:
        note, unit = leaves[0].leaf.note, unit_label(leaves[0].unit)  # type: ignore[union-attr]
        numbers = [v for v in (note.low, note.high) if v is not None] if note.point is None \
            else [note.point]
        if numbers and note.kind in ("range", "exactly"):
            body = "–".join(f"{v:,.10g}" for v in numbers)
            return f"{body} {unit}".strip()
    from ranges.core._render import expression

    return expression(est)


def _reading_note(est: Estimate) -> str:
    return "; ".join(describe_note(leaf.leaf.note, unit_label(leaf.unit))
                     for leaf in est.leaves() if leaf.leaf is not None)


# -- combining ---------------------------------------------------------------------------
_FORMULA_OPS: Final[dict[type[ast.AST], Callable[[Any, Any], Any]]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}
_FORMULA_SIGNS: Final[dict[type[ast.AST], Callable[[Any], Any]]] = {
    ast.USub: operator.neg, ast.UAdd: operator.pos,
}


def evaluate_formula(formula: str, values: Mapping[str, Estimate],
                     error: Callable[[str], SpecError]) -> Estimate:
    """``formula`` (``+ - * / ( )`` and numbers over the keys of ``values``) evaluated
    on the estimates; anything else is an ``error(reason)``.

    >>> import ranges as rg
    >>> x = evaluate_formula("2 * (a + 1)", {"a": rg.exactly(3)}, SpecError)
    >>> float(x.mean(engine="exact"))
    8.0
    """
    try:
        tree = ast.parse(formula.strip(), mode="eval")
    except SyntaxError as err:
        raise error(f"the formula {formula!r} cannot be read: {err.msg} (column "
                    f"{err.offset})") from None

    def walk(node: ast.AST) -> Any:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.BinOp) and type(node.op) in _FORMULA_OPS:
            return _FORMULA_OPS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and type(node.op) in _FORMULA_SIGNS:
            return _FORMULA_SIGNS[type(node.op)](walk(node.operand))
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return node.value
        if isinstance(node, ast.Name):
            if node.id not in values:
                close = difflib.get_close_matches(node.id, list(values), n=1)
                hint = f' (did you mean "{close[0]}"?)' if close else \
                    f" (the inputs' keys: {', '.join(values)})"
                raise error(f'the formula uses "{node.id}", which is no input\'s key{hint}')
            return values[node.id]
        words = ast.get_source_segment(formula.strip(), node) or type(node).__name__
        raise error(f"the formula may use only + - * / ( ), numbers and the inputs' keys; "
                    f"not {words!r}")

    result = walk(tree)
    if not isinstance(result, Estimate):
        raise error(f"the formula {formula!r} uses no input")
    return result


def _sum(inputs: Sequence[ReportInput], combine: Combine, where: Where) -> Estimate:
    total = inputs[0].estimate
    for i, entry in enumerate(inputs[1:], 1):
        try:
            total = total + entry.estimate
        except RangesError as err:
            raise where.error(("inputs", i, "unit"), f"{entry.name!r} cannot be added to "
                              f"the inputs before it: {_first_line(err)}") from err
    return total


def _pool(inputs: Sequence[ReportInput], combine: Combine, where: Where) -> Estimate:
    try:
        return pool([e.estimate for e in inputs], weights=combine.weights,
                    method=combine.pool, names=[e.name for e in inputs])
    except RangesError as err:
        key = "weights" if combine.weights is not None and \
            len(combine.weights) != len(inputs) else "pool"
        raise where.error(("combine", key), _first_line(err)) from err


def _formula(inputs: Sequence[ReportInput], combine: Combine, where: Where) -> Estimate:
    keys: dict[str, Estimate] = {}
    for i, entry in enumerate(inputs):
        if entry.key in keys:
            raise where.error(("inputs", i, "key"), f'two inputs have the key "{entry.key}"; '
                                                    "give one of them its own `key`")
        keys[entry.key] = entry.estimate
    formula = combine.formula or ""
    try:
        return evaluate_formula(formula, keys,
                                lambda why: where.error(("combine", "formula"), why))
    except SpecError:
        raise
    except RangesError as err:
        raise where.error(("combine", "formula"), _first_line(err)) from err


#: how each method makes the answer from the inputs
_COMBINE: Final[dict[CombineMethod, Callable[[Sequence[ReportInput], Combine, Where],
                                            Estimate]]] = {
    CombineMethod.SUM: _sum, CombineMethod.POOL: _pool, CombineMethod.FORMULA: _formula,
}


def _correlated(inputs: Sequence[ReportInput], combine: Combine, where: Where
                ) -> list[ReportInput]:
    """The inputs with their correlations applied (each correlated input's figure as
    read replaced by its correlated component, in its adjusted estimate too)."""
    by_name = {entry.name: i for i, entry in enumerate(inputs)}
    out = list(inputs)
    used: dict[str, int] = {}
    for k, group in enumerate(combine.correlate):
        at: KeyPath = ("combine", "correlate", k)
        for j, name in enumerate(group.inputs):
            if name not in by_name:
                close = difflib.get_close_matches(name, list(by_name), n=1)
                hint = f' (did you mean "{close[0]}"?)' if close else \
                    f" (the inputs: {', '.join(by_name)})"
                raise where.error((*at, "inputs", j), f'no input is named "{name}"{hint}')
            if name in used:
                raise where.error((*at, "inputs", j), f'"{name}" is already correlated in '
                                  f"correlate[{used[name] + 1}]; an input may be in one group")
            used[name] = k
        chosen = [out[by_name[name]] for name in group.inputs]
        try:
            parts = correlate([entry.as_read for entry in chosen  # type: ignore[misc]
                               ], group.rho)
        except RangesError as err:
            raise where.error((*at, "inputs"), _first_line(err)) from err
        for entry, part in zip(chosen, parts, strict=True):
            assert entry.as_read is not None
            swap = {id(entry.as_read): part}
            out[by_name[entry.name]] = replace(entry, estimate=replaced(entry.estimate, swap),
                                               as_read=part)
    return out


def _assemble(inputs: Sequence[ReportInput], combine: Combine, unit: str | None,
              where: Where) -> tuple[list[ReportInput], Estimate, Estimate]:
    """The inputs (correlated as asked), the answer, and the answer with independent
    inputs."""
    if not inputs:
        raise where.error(("inputs",), "a report needs at least one input")
    names: dict[str, int] = {}
    for i, entry in enumerate(inputs):
        if entry.name in names:
            raise where.error(("inputs", i, "name"), f'two inputs are named "{entry.name}" '
                              f"(inputs[{names[entry.name] + 1}] and inputs[{i + 1}])")
        names[entry.name] = i
    make = _COMBINE[CombineMethod(combine.method)]
    independent = make(inputs, combine, where)
    correlated = _correlated(inputs, combine, where) if combine.correlate else list(inputs)
    result = make(correlated, combine, where) if combine.correlate else independent
    if unit is not None:
        try:
            result, independent = result.to(unit), independent.to(unit)
        except RangesError as err:
            raise where.error(("unit",), f"the answer cannot be given in {unit!r}: "
                                         f"{_first_line(err)}") from err
    return correlated, result, independent


# -- the report --------------------------------------------------------------------------
@dataclass(frozen=True)
class Report:
    """A report: the question, the inputs, how they combine, and what to show.

    Build it from a TOML spec (:func:`load_report`, :meth:`from_toml`,
    :meth:`from_dict`) or from Python: give ``inputs`` (:class:`ReportInput`) and
    ``combine`` ("sum", "pool", "formula" or a :class:`Combine`) and ``result`` is
    computed, in ``unit`` when given; or give ``result`` yourself. Inputs named in a
    correlation are replaced by their correlated versions in :attr:`inputs`.

    >>> import ranges as rg
    >>> report = rg.Report("Two batches", inputs=[rg.ReportInput("a", rg.between(1, 2)),
    ...                                           rg.ReportInput("b", rg.between(3, 4))])
    >>> report.answer.bounds()
    Interval(4, 6)
    """

    title: str
    question: str = ""
    reference_date: dt.date | None = None
    inputs: tuple[ReportInput, ...] = ()
    result: Estimate | None = None
    unit: str | None = None
    seed: int | None = None
    arrival: Arrival | str = Arrival.SPREAD
    show: ShowOptions = field(default_factory=ShowOptions)
    combine: Combine | str = field(default_factory=Combine)
    independent: Estimate | None = field(default=None, repr=False, compare=False)
    path: str = _PYTHON

    def __post_init__(self) -> None:
        where = Where(self.path)
        _checked(where, ("title",), self.title)
        _checked(where, ("question",), self.question)
        for name in ("reference_date", "unit", "seed"):
            if getattr(self, name) is not None:
                object.__setattr__(self, name, _checked(where, (name,), getattr(self, name)))
        object.__setattr__(self, "arrival", Arrival(_checked(where, ("arrival",),
                                                             str(self.arrival))))
        combine = Combine(self.combine) if isinstance(self.combine, str) else self.combine
        object.__setattr__(self, "combine", combine)
        object.__setattr__(self, "inputs", tuple(self.inputs))
        if self.result is None:
            inputs, result, independent = _assemble(self.inputs, combine, self.unit, where)
            object.__setattr__(self, "inputs", tuple(inputs))
            object.__setattr__(self, "result", result)
            object.__setattr__(self, "independent", independent)
        elif self.independent is None and not combine.correlate:
            object.__setattr__(self, "independent", self.result)

    @property
    def answer(self) -> Estimate:
        """The combined answer (:attr:`result`, never None after construction)."""
        assert self.result is not None
        return self.result

    def scenarios(self) -> dict[str, Estimate]:
        """The answer under each dependence between the inputs: "independent", "as
        specified" (when the spec correlates inputs) and "comonotonic" (all inputs high
        together; left out where it cannot be made).

        >>> import ranges as rg
        >>> r = rg.Report("T", inputs=[rg.ReportInput("a", rg.between(1, 2)),
        ...                            rg.ReportInput("b", rg.between(3, 4))],
        ...               combine=rg.Combine(correlate=(rg.Correlation(("a", "b"), 0.5),)))
        >>> list(r.scenarios())
        ['independent', 'as specified', 'comonotonic']
        """
        out: dict[str, Estimate] = {}
        if self.independent is not None:
            out["independent"] = self.independent
        assert isinstance(self.combine, Combine)
        if self.combine.correlate or self.independent is None:
            out["as specified"] = self.answer
        with contextlib.suppress(RangesError):
            out["comonotonic"] = self.answer.comonotonic()
        return out

    def windows(self) -> list[tuple[ReportInput, tuple[dt.date, dt.date]]]:
        """Each input that has a time window, with it (for a timeline).

        >>> import ranges as rg, datetime as dt
        >>> r = rg.Report("T", inputs=[rg.ReportInput(
        ...     "a", rg.between(1, 2), window=("2025-07-01", "2025-08-31"))])
        >>> [(e.name, str(w[1])) for e, w in r.windows()]
        [('a', '2025-08-31')]
        """
        return [(entry, entry.window) for entry in self.inputs if entry.window is not None]

    def write(self, outdir: str | Path, *, formats: str | Sequence[str] = ("html", "md"),
              seed: int | None = None, n: int | None = None,
              name: str | None = None) -> list[Path]:
        """Compute this report and write it into ``outdir``: ``NAME.html`` (one
        self-contained page) and ``NAME.md`` with its pictures (see
        :func:`ranges.report._report_render.write_report`). Returns the paths written.

        >>> import ranges as rg, tempfile
        >>> r = rg.Report("Two batches", inputs=[rg.ReportInput("a", rg.between(1, 2)),
        ...                                      rg.ReportInput("b", rg.between(3, 4))])
        >>> with tempfile.TemporaryDirectory() as out:
        ...     sorted(p.suffix for p in r.write(out, seed=1))
        ['.html', '.md', '.png', '.png']
        """
        from ranges.report._report_render import write_report

        return write_report(self, outdir, formats=formats, seed=seed, n=n, name=name)

    def _repr_html_(self) -> str:
        """The report's title, question, answer sentence and inputs, for a notebook
        (the full report with its pictures is :meth:`write`)."""
        from ranges.report._report_render import notebook_html

        return notebook_html(self)

    @classmethod
    def from_toml(cls, path: str | Path) -> Report:
        """The report a TOML spec file declares (see :func:`load_report`)."""
        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as err:
            raise SpecError(f"cannot read the spec: {err.strerror}", str(path)) from err
        data, lines = read_spec(text, file.name)
        return _from_checked(data, Where(file.name, lines))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], name: str = "<dict>") -> Report:
        """The report a spec already parsed (a dict, as from ``tomllib``) declares.

        >>> import ranges as rg
        >>> r = rg.Report.from_dict({"title": "T", "inputs": [
        ...     {"name": "a", "low": 1, "high": 2}, {"name": "b", "value": 3}]})
        >>> r.result.bounds()
        Interval(4, 5)
        """
        where = Where(name)
        return _from_checked(_checked(where, (), data), where)


def load_report(path: str | Path) -> Report:
    """The report a TOML spec file declares (its format: ``docs/report-spec.schema.json``
    and ``examples/*.toml``). Problems are :class:`~ranges.errors.SpecError` naming the
    file, line and key.

    >>> import ranges as rg, tempfile, pathlib
    >>> spec = pathlib.Path(tempfile.mkdtemp()) / "t.toml"
    >>> _ = spec.write_text('title = "T"\\n[[inputs]]\\nname = "a"\\nvalue = 1\\n'
    ...                     'grade = "Z9"\\n')
    >>> try:
    ...     rg.load_report(spec)
    ... except rg.SpecError as err:
    ...     print(err)
    t.toml:5: inputs[1].grade: "Z9" is not an Admiralty grade (A-F then 1-6, e.g. "B2")
    """
    return Report.from_toml(path)


# -- from a checked spec ---------------------------------------------------------------------
def _from_checked(data: Mapping[str, Any], where: Where) -> Report:
    reference = data.get("reference_date")
    inputs = [_input(entry, where, ("inputs", i), reference)
              for i, entry in enumerate(data["inputs"])]
    table = data.get("combine", {})
    combine = Combine(
        method=table.get("method", CombineMethod.SUM),
        formula=table.get("formula"),
        pool=table.get("pool", PoolMethod.LINEAR),
        weights=table.get("weights"),
        correlate=tuple(Correlation(tuple(c["inputs"]), c["rho"])
                        for c in table.get("correlate", ())),
    )
    if combine.method is CombineMethod.FORMULA and combine.formula is None:
        raise where.error(("combine", "method"), 'method = "formula" needs a formula '
                                                 '(formula = "a * b + c")')
    unit = data.get("unit")
    correlated, result, independent = _assemble(inputs, combine, unit, where)
    return Report(
        title=data["title"], question=data.get("question", ""), reference_date=reference,
        inputs=tuple(correlated), result=result, unit=unit, seed=data.get("seed"),
        arrival=data.get("arrival", Arrival.SPREAD),
        show=_show(data.get("show", {})),
        combine=combine, independent=independent, path=where.path,
    )


def _show(table: Mapping[str, Any]) -> ShowOptions:
    options: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v
                               for k, v in table.items()}
    return ShowOptions(**options)


def _input(entry: Mapping[str, Any], where: Where, at: KeyPath,
           reference: dt.date | None) -> ReportInput:
    try:
        reading = defaults.reading.replace(**entry.get("reading", {}))
    except RangesError as err:
        raise where.error((*at, "reading"), _first_line(err)) from err
    if "figure" in entry and "quote" not in entry:
        raise where.error((*at, "figure"), "`figure` picks a quantity of a `quote`, and this "
                                           "input has no quote")
    unit = entry.get("unit")
    figure: Figure | None = None
    window = entry.get("window")
    if "quote" in entry:
        figure = _figure(entry, where, at, reference)
        if window is None and figure.when is not None:
            start, end = figure.when  # ISO dates the quote itself states
            window = [dt.date.fromisoformat(start), dt.date.fromisoformat(end)]
        if unit is not None and figure.unit is None:
            figure = replace(figure, unit=unit)
        stated = figure.text
        try:
            est = figure.estimate(reading)
        except RangesError as err:
            raise where.error((*at, "quote"), _first_line(err)) from err
    else:
        est, stated = _stated(entry, where, at, reading)
    if unit is not None and ("quote" in entry or "stated" in entry):
        try:
            est = est.to(unit)
        except RangesError as err:
            raise where.error((*at, "unit"), f"the figure's unit cannot be given in {unit!r}: "
                                             f"{_first_line(err)}") from err
    if est.is_leaf:
        est = est.labelled(entry["name"])
    built = ReportInput.__new__(ReportInput)
    values = dict(name=entry["name"], estimate=est, stated=stated, source=entry.get("source"),
                  quote=entry.get("quote"), figure=figure, date=entry.get("date"),
                  grade=entry.get("grade"), bias=entry.get("bias"), chance=entry.get("chance"),
                  window=window, key=entry.get("key", ""), reading_note="", as_read=None)
    for name, value in values.items():
        object.__setattr__(built, name, value)
    built._check(where, at)
    return built


def _figure(entry: Mapping[str, Any], where: Where, at: KeyPath, reference: dt.date | None
            ) -> Figure:
    quote = entry["quote"]
    try:
        found = extract(quote, reference_date=reference)
    except RangesError as err:
        raise where.error((*at, "quote"), _first_line(err)) from err
    quantities = [f for f in found if f.is_quantity]
    listing = "; ".join(f'{i}. "{f.text}" (characters {f.span[0]}-{f.span[1]})'
                        for i, f in enumerate(quantities, 1))
    if "figure" in entry:
        pick = entry["figure"]
        if pick > len(quantities):
            raise where.error((*at, "figure"), f"the quote has {len(quantities)} quantities, "
                                               f"not {pick}: {listing or 'none'}")
        chosen: Figure = quantities[pick - 1]
        return chosen
    if not quantities:
        dates = ", ".join(f'"{f.text}"' for f in found)
        raise where.error((*at, "quote"), "no quantity found in the quote" +
                          (f" (only dates: {dates})" if dates else "") +
                          "; give the figure with value, low/high or stated")
    if len(quantities) > 1:
        raise where.error((*at, "quote"), f"the quote holds {len(quantities)} quantities: "
                                          f"{listing}; say which with `figure = N`")
    return quantities[0]


def _stated(entry: Mapping[str, Any], where: Where, at: KeyPath, reading: Any
            ) -> tuple[Estimate, str]:
    unit = entry.get("unit")
    words = f" {unit}" if unit else ""
    try:
        if "value" in entry:
            return (exactly(entry["value"], unit=unit, reading=reading),
                    f"{entry['value']:,}{words}")
        if "low" in entry:
            low, high = entry["low"], entry["high"]
            return between(low, high, unit=unit, reading=reading), f"{low:,}–{high:,}{words}"
        if "mean" in entry:
            mean, sd = entry["mean"], entry["sd"]
            return normal(mean, sd, unit=unit), f"mean {mean:,}, sd {sd:,}{words}"
        text = entry["stated"]
        return parse(text, reading=reading), text
    except RangesError as err:
        key = next(k for k in ("value", "low", "mean", "stated") if k in entry)
        raise where.error((*at, key), _first_line(err)) from err

