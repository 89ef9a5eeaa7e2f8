"""Every number a report shows, computed once: :func:`compute_results`.

A :class:`~ranges.report._model.Report` says what to compute; this module asks the
engines and the summaries for it (the answer's summary and chances, each input's own
summary, contributions and sensitivity, the dependence scenarios and bounds, the
timeline's fan and the "by this date" answers) and keeps the results in one
:class:`ReportResults`. The rendering (:mod:`ranges.report._report_render`) only formats
and draws these numbers, so the HTML and the Markdown, the tables and the plot labels
all agree.

A part that cannot be computed for this report (bounds under any dependence for an
estimate that is not a sum or product of one-signed terms, say) is not an error of the
report: its reason is kept in :attr:`ReportResults.skipped` and printed in the report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ranges.errors import RangesError

if TYPE_CHECKING:
    from ranges.core._graph import Estimate
    from ranges.engines._dependence import DependenceBounds
    from ranges.report._model import Report
    from ranges.report._summary import Contribution, Summary

__all__ = ["ReportResults", "Step", "compute_results"]

#: the probabilities at which bounds under any dependence are given
DEPENDENCE_QUANTILES = (0.05, 0.5, 0.95)

#: a callback told the name of each step as it starts (a progress bar)
Step = Callable[[str], None]


@dataclass
class ReportResults:
    """The numbers of one report (see the module docstring).

    * ``summary``: the answer's :class:`~ranges.report._summary.Summary`.
    * ``inputs``: each input's own summary, in the report's order.
    * ``above``: ``(threshold, chance the answer exceeds it)`` for each asked threshold.
    * ``contributions``: the additive terms of the answer (empty when it is not a sum).
    * ``sensitivity``: the :class:`~ranges.report._sensitivity.Sensitivity` or None;
      ``split``: for an answer pooled from rival sources, its
      :class:`~ranges.report._sensitivity.VarianceSplit` instead.
    * ``scenarios``: dependence scenario name -> its summary.
    * ``dependence``: bounds under any dependence at :data:`DEPENDENCE_QUANTILES`.
    * ``timeline``, ``fan``, ``by``: the timeline, its fan, and ``(date, summary)``
      for each asked date.
    * ``skipped``: part name -> why it was not computed.
    * ``seed``, ``n``: the randomness and sample size every sampled part used.
    """

    summary: Summary
    inputs: list[Summary]
    above: list[tuple[float, float]] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)
    sensitivity: Any = None
    split: Any = None
    scenarios: dict[str, Summary] = field(default_factory=dict)
    dependence: list[DependenceBounds] = field(default_factory=list)
    timeline: Any = None
    fan: Any = None
    by: list[tuple[dt.date, Summary]] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    seed: int | None = None
    n: int | None = None


def steps(report: Report) -> list[str]:
    """The names of the steps :func:`compute_results` runs for ``report``, in order
    (a progress bar's total)."""
    show = report.show
    names = ["answer", "inputs"]
    if report.show.above:
        names.append("chances")
    names.append("contributions")
    if show.sensitivity:
        names.append("sensitivity")
    if show.dependence:
        names += ["scenarios", "dependence bounds"]
    if show.timeline and report.windows():
        names.append("timeline")
    return names


def _noop(_name: str) -> None:
    return None


def compute_results(report: Report, *, seed: int | None = None, n: int | None = None,
                    step: Step | None = None) -> ReportResults:
    """Compute every number ``report`` shows, with one seed for every sampled part
    (``report.seed`` when ``seed`` is None) and ``n`` draws where sampling is needed
    (the engines' default when None). ``step`` is called with each step's name as it
    starts.

    >>> import ranges as rg
    >>> r = rg.Report(title="t", question="q", inputs=[
    ...     rg.ReportInput(name="a", estimate=rg.between(1, 2)),
    ...     rg.ReportInput(name="b", estimate=rg.between(3, 4))])
    >>> res = compute_results(r, seed=1)
    >>> res.summary.engine, len(res.inputs)
    ('exact', 2)
    """
    tell = step or _noop
    seed = report.seed if seed is None else seed
    level = report.show.level
    result = report.answer

    def summary_of(est: Estimate) -> Summary:
        return est.summary(level, n=n, rng=seed)

    tell("answer")
    evaluation = result.evaluate(n=n, rng=seed)
    from ranges.report._summary import summarize

    summary = summarize(result, level=level, evaluation=evaluation)
    tell("inputs")
    out = ReportResults(summary=summary, inputs=[summary_of(item.estimate)
                                                 for item in report.inputs],
                        seed=seed, n=n)
    if report.show.above:
        tell("chances")
        out.above = [(float(x), float(evaluation.prob_above(float(x))))
                     for x in report.show.above]
    tell("contributions")
    _contributions(out, report, level, n, seed)
    if report.show.sensitivity:
        tell("sensitivity")
        _sensitivity(out, report, level, n, seed)
    if report.show.dependence:
        tell("scenarios")
        _scenarios(out, report, level, n, seed)
        tell("dependence bounds")
        _dependence(out, result)
    if report.show.timeline and report.windows():
        tell("timeline")
        _timeline(out, report, level, n, seed)
    return out


def _contributions(out: ReportResults, report: Report, level: float,
                   n: int | None, seed: int | None) -> None:
    """The answer's additive terms, when each is one of the report's inputs (a waterfall
    of "input 1, then input 2, ..."; a formula's compound terms are left to the
    sensitivity section, which names inputs)."""
    from ranges.report._summary import contributions

    try:
        parts = contributions(report.answer, level=level, n=n, rng=seed)
    except RangesError as err:
        out.skipped["contributions"] = str(err)
        return
    inputs = [item.estimate for item in report.inputs]
    if len(parts) > 1 and all(any(_same_input(part.term, est) for est in inputs)
                              for part in parts):
        out.contributions = list(parts)


def _same_input(term: Estimate, est: Estimate) -> bool:
    """Whether a term of the answer is the input ``est`` (perhaps converted to the
    answer's unit)."""
    from ranges.core._ops import Op

    while term is not est and term.op is Op.CONVERT and term.args:
        term = term.args[0]
    return term is est


def _sensitivity(out: ReportResults, report: Report, level: float,
                 n: int | None, seed: int | None) -> None:
    """Each input of the report as one row (a graded source with its grading, a chance
    event with its figure), so the rows are the inputs of the table."""
    from ranges.report._sensitivity import sensitivity
    from ranges.sources import PooledEstimate, PoolMethod

    answer = report.answer
    if isinstance(answer, PooledEstimate) and answer.method is PoolMethod.LINEAR:
        from ranges.report._sensitivity import variance_split

        try:  # rival sources: disagreement against each source's own uncertainty
            out.split = variance_split(answer, n=n, rng=seed)
        except RangesError as err:
            out.skipped["sensitivity"] = str(err)
        return
    groups = {item.name: item.estimate for item in report.inputs}
    try:
        out.sensitivity = sensitivity(report.answer, level=level, n=n, rng=seed,
                                      groups=groups)
    except RangesError as err:
        out.skipped["sensitivity"] = str(err)


def _scenarios(out: ReportResults, report: Report, level: float,
               n: int | None, seed: int | None) -> None:
    try:
        scenarios = report.scenarios()
    except RangesError as err:
        out.skipped["dependence scenarios"] = str(err)
        return
    for name, est in scenarios.items():
        try:
            out.scenarios[name] = est.summary(level, n=n, rng=seed)
        except RangesError as err:
            out.skipped[f"scenario {name}"] = str(err)


def _dependence(out: ReportResults, result: Estimate) -> None:
    from ranges.engines._dependence import dependence_bounds

    try:
        out.dependence = [dependence_bounds(result, q) for q in DEPENDENCE_QUANTILES]
    except RangesError as err:
        out.skipped["bounds under any dependence"] = str(err)


def _timeline(out: ReportResults, report: Report, level: float,
              n: int | None, seed: int | None) -> None:
    from ranges.core._timeline import TimelineEvent, timeline

    windowed = report.windows()
    try:
        tl = timeline([TimelineEvent(_in_unit(item.estimate, report.unit), start, end, item.name)
                       for item, (start, end) in windowed], arrival=report.arrival)
        out.timeline = tl
        out.fan = tl.fan(n=n, rng=seed)
        out.by = [(day, tl.at(day).summary(level, n=n, rng=seed))
                  for day in report.show.by]
    except RangesError as err:
        out.skipped["timeline"] = str(err)
        out.timeline = out.fan = None
        out.by = []



def _in_unit(est: Estimate, unit: str | None) -> Estimate:
    """``est`` in the report's unit where one is given (troops rather than people)."""
    return est if unit is None or est.unit == unit else est.to(unit)
