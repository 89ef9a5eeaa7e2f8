"""A report's numbers laid out for a reader: :func:`render_document` turns a
:class:`~ranges.report._model.Report` and its
:class:`~ranges.report._report_results.ReportResults` into a
:class:`~ranges.report._document.Document` (words, tables and pictures), and
:func:`write_report` writes it as HTML and Markdown.

Nothing here computes a statistic: every number comes from the results, formatted by
:mod:`ranges.report._format`; every picture is drawn by a ``rg.plot`` function on an
Axes of its own figure (no pyplot state is touched). The body speaks to a reader who
does not know the library; how the numbers were computed, in plain words, is in an
appendix at the end.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from ranges.core._render import format_chance, format_number, format_quantity
from ranges.errors import InputError
from ranges.report._document import Block, Bullets, Document, Heading, Image, Paragraph, Table
from ranges.report._format import (
    answer_sentence,
    describe_shape,
    format_range,
    format_ranges,
    plain_how_computed,
)

if TYPE_CHECKING:
    from ranges.report._model import Report, ReportInput
    from ranges.report._report_results import ReportResults, Step
    from ranges.report._summary import Summary

__all__ = ["FORMATS", "render_document", "write_report"]

#: the formats :func:`write_report` can write, by name, with their file suffix
FORMATS: Final = {"html": ".html", "md": ".md"}

#: how each dependence scenario is named for a reader
_SCENARIO_WORDS: Final = {
    "independent": "unrelated (independent)",
    "as specified": "as the report links them",
    "comonotonic": "all high together or all low together",
}

_DPI: Final = 110
_WIDE: Final = (7.5, 3.6)


def _png(draw: Callable[[Any], Any], size: tuple[float, float] = _WIDE) -> bytes:
    """Draw on a fresh Axes of a figure of its own (constrained layout, Agg) and return
    the PNG bytes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=size, layout="constrained")
    FigureCanvasAgg(figure)
    draw(figure.add_subplot())
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=_DPI)
    return buffer.getvalue()


def slug(text: str) -> str:
    """A file name made of a title's words.

    >>> slug("Troops sent to the front: 2025!")
    'troops-sent-to-the-front-2025'
    """
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:60] or "report"


def _source_cell(item: ReportInput) -> str:
    pieces = [item.source or "—"]
    if item.date is not None:
        pieces.append(f"said {item.date}")
    if item.grade:
        pieces.append(f"graded {item.grade}")
    return ", ".join(pieces)


def _said_cell(item: ReportInput) -> str:
    if item.quote:
        return f"“{item.quote}”"
    return item.stated or "—"


def _numbers_cell(summary: Summary) -> str:
    shape = describe_shape(summary)
    if shape is not None:
        return shape
    if summary.low == summary.high:
        return format_quantity(format_number(summary.median), summary.unit)
    return (f"{format_number(summary.median)} "
            f"({format_range(summary.low, summary.high, summary.unit)})")


def _window_text(window: tuple[dt.date, dt.date] | None) -> str:
    if window is None:
        return ""
    start, end = window
    return f"{start.isoformat()} to {end.isoformat()}"


def _inputs_table(report: Report, results: ReportResults) -> Table:
    level = f"{report.show.level:.0%}"
    with_windows = any(item.window is not None for item in report.inputs)
    header: tuple[str, ...] = ("Input", "Source", "What was said", "Read as",
                               f"Best estimate ({level} interval)")
    if with_windows:
        header += ("When",)
    rows = []
    for item, summary in zip(report.inputs, results.inputs, strict=True):
        read_as = item.reading_note or "—"
        if item.grade:
            read_as += f"; widened for its source's grade ({item.grade})"
        if item.bias is not None:
            low, high = item.bias
            read_as += f"; allowed to be off by {low:+.0%} to {high:+.0%}"
        if item.chance is not None:
            read_as += f"; it happens with a {format_chance(item.chance)} chance, else 0"
        row = [item.name, _source_cell(item), _said_cell(item), read_as,
               _numbers_cell(summary)]
        if with_windows:
            row.append(_window_text(item.window))
        rows.append(row)
    return Table(header, rows)


def _answer_blocks(report: Report, results: ReportResults) -> list[Block]:
    from ranges.report import _plot

    summary = results.summary
    blocks: list[Block] = [Paragraph(answer_sentence(summary), role="answer")]
    limits = _limits_sentence(summary)
    if limits:
        blocks.append(Paragraph(limits, role="note"))
    if results.above:
        blocks.append(Bullets([
            f"Chance of more than {format_quantity(format_number(x), summary.unit)}: "
            f"{format_chance(p, 2)}" for x, p in results.above]))
    blocks.append(Image(
        "answer.png",
        _png(lambda ax: _plot.distribution(report.answer, ax, level=summary.level,
                                           n=results.n, rng=results.seed)),
        alt=f"The distribution of the answer: {answer_sentence(summary)}",
        caption="How likely each value of the answer is: the shaded band holds "
                f"{summary.level:.0%} of the probability, the line marks the best "
                "estimate (the median)."))
    return blocks


def _limits_sentence(summary: Summary) -> str:
    """The range bounds in words: what the figures allow at their stated ends."""
    bounds = summary.bounds
    if bounds is None or bounds.width <= 0:
        return ""
    unit = summary.unit
    low, high = math.isfinite(bounds.low), math.isfinite(bounds.high)
    if low and high:
        return ("Taking every figure at the ends of its stated range gives "
                f"{format_range(bounds.low, bounds.high, unit)}: the widest the figures, "
                "as read, allow.")
    if low:
        return (f"The figures, as read, allow no fewer than "
                f"{format_quantity(format_number(bounds.low), unit)} and set no upper limit.")
    if high:
        return (f"The figures, as read, allow no more than "
                f"{format_quantity(format_number(bounds.high), unit)} and set no lower limit.")
    return ""


def _sources_blocks(report: Report, results: ReportResults) -> list[Block]:
    """For an answer pooled from rival sources: each source beside the pool."""
    from ranges.report import _plot_dependence
    from ranges.sources import PooledEstimate

    if not any(isinstance(node, PooledEstimate) for node in report.answer.walk()):
        return []
    count = len(report.inputs)
    return [Heading("How the sources compare"), Paragraph(
        "The sources disagree, so the answer does not add them up: it gives each source a "
        "weight and keeps each one's own spread (a mixture of the sources, not an "
        "average). Where they disagree most, the answer is widest."),
        Image("sources.png",
              _png(lambda ax: _plot_dependence.sources(
                  report.answer, ax, level=report.show.level, n=results.n,
                  rng=results.seed), (7.5, 1.8 + 0.6 * (count + 1))),
              alt="Each source's estimate beside the pooled answer.",
              caption="Each row: one source's best estimate (dot) and interval (bar), "
                      "with its weight; the last row is the pooled answer.")]


def _contribution_blocks(report: Report, results: ReportResults) -> list[Block]:
    from ranges.report import _plot

    blocks: list[Block] = [Heading("Where the uncertainty comes from")]
    if results.contributions:
        blocks.append(Image(
            "contributions.png",
            _png(lambda ax: _plot.contributions(report.answer, ax, level=results.summary.level,
                                                n=results.n, rng=results.seed),
                 (7.5, 1.2 + 0.55 * len(results.contributions))),
            alt="How much each input adds to the total, as stacked bars.",
            caption="Each input's part of the total, added one after another."))
    sens = results.sensitivity
    if sens is not None and sens.rows:
        from ranges.report._plot_sensitivity import tornado

        blocks.append(Image(
            "sensitivity.png",
            _png(lambda ax: tornado(sens, ax), (7.5, 1.4 + 0.5 * len(sens.rows))),
            alt="A tornado chart: how far the answer moves when each input moves.",
            caption="How far the answer moves when one input goes to its low or high "
                    "value while the others stay at their best estimates."))
        unit = sens.unit
        rows = [(row.name, _share_text(row.share_of_variance, row.share_error),
                 f"{_end_text(row.low_label, row.input_low, row.input_unit)} → "
                 f"{format_quantity(format_number(row.result_low), unit)}",
                 f"{_end_text(row.high_label, row.input_high, row.input_unit)} → "
                 f"{format_quantity(format_number(row.result_high), unit)}")
                for row in sens.rows]
        level = f"{report.show.level:.0%}"
        blocks.append(Table(
            ("Input", "Share of the uncertainty", "Input low → answer",
             "Input high → answer"), rows,
            caption=f"Low and high are each input's own {level} interval ends; the others "
                    "stay at their best estimates. The share is how much of the answer's "
                    "spread (its variance) the input explains on its own."))
        if sens.interaction > 0.05:
            blocks.append(Paragraph(
                f"The shares add up to {format_chance(sens.share_sum, 2)}: the other "
                f"{format_chance(sens.interaction, 2)} comes from inputs acting together "
                "(one input's effect depends on the value of another).", role="note"))
    elif results.split is not None:
        blocks += _split_blocks(results.split)
    elif "sensitivity" in results.skipped:
        blocks.append(Paragraph("Sensitivity was not computed: "
                                + results.skipped["sensitivity"], role="note"))
    return blocks if len(blocks) > 1 else []


def _split_blocks(split: Any) -> list[Block]:
    """A pool's spread in words and a table: the sources disagreeing against each
    source's own uncertainty."""
    rows = [("the sources disagree (which one is right)", format_chance(split.between, 2),
             "—")]
    rows += [(f"{source.name}'s own uncertainty", format_chance(source.share, 2),
              format_chance(source.weight, 3)) for source in split.sources]
    largest = max(split.sources, key=lambda source: source.share)
    lead = ("Most of the spread comes from the sources disagreeing"
            if split.between >= 0.5 else
            "Most of the spread comes from the sources' own uncertainty, above all from "
            f"{largest.name}")
    return [Paragraph(f"{lead}: {format_chance(split.between, 2)} of the answer's variance "
                      "is the disagreement between the sources, the rest is each source's "
                      "own uncertainty, weighted."),
            Table(("Where the spread comes from", "Share of the variance", "Weight"), rows,
                  caption="Split by the law of total variance (exact: which source is "
                          "right is independent of everything else).")]


def _share_text(share: float, error: float) -> str:
    """A variance share as a percentage, with its sampling error when it has one."""
    if math.isnan(share):
        return "—"
    text = format_chance(share, 2)
    return f"{text} (give or take {format_chance(error, 1)})" if error > 0.005 else text


def _end_text(branch: str | None, value: float, unit: str) -> str:
    """An input's low or high end: the branch of a choice, else the value."""
    return branch if branch is not None else format_quantity(format_number(value), unit)


def _dependence_blocks(report: Report, results: ReportResults) -> list[Block]:
    from ranges.report import _plot_dependence

    if not results.scenarios and not results.dependence:
        return []
    blocks: list[Block] = [Heading("If the figures move together"), Paragraph(
        "The answer above treats the inputs as unrelated unless the report says "
        "otherwise. If they rise and fall together (one source over-counting "
        "everywhere, say), the answer spreads out. These are the same figures under "
        "other assumptions about how they relate.")]
    level = f"{report.show.level:.0%}"
    intervals = format_ranges([(summary.low, summary.high)
                               for summary in results.scenarios.values()],
                              results.summary.unit)
    rows = [(_SCENARIO_WORDS.get(name, name), format_number(summary.median), interval)
            for (name, summary), interval in zip(results.scenarios.items(), intervals,
                                                 strict=True)]
    if results.dependence:
        low, mid, high = results.dependence
        unit = results.summary.unit
        rows.append(("any relation at all (bounds)",
                     f"between {format_number(mid.interval.low)} and "
                     f"{format_number(mid.interval.high)}",
                     f"low end between {format_number(low.interval.low)} and "
                     f"{format_number(low.interval.high)}; high end between "
                     f"{format_number(high.interval.low)} and "
                     f"{format_quantity(format_number(high.interval.high), unit)}"))
    blocks.append(Table(("Assumption", "Best estimate", f"{level} interval"), rows,
                        caption="The last row holds whatever the relation between the "
                                "inputs is: no way of linking them puts the best estimate "
                                "or the interval's ends outside these ranges."
                                if results.dependence else ""))
    scenarios = report.scenarios() if results.scenarios else {}
    if scenarios:
        any_dep = report.answer if results.dependence else None
        blocks.append(Image(
            "scenarios.png",
            _png(lambda ax: _plot_dependence.scenarios(
                scenarios, ax, any_dependence=any_dep, level=report.show.level,
                n=results.n, rng=results.seed), (7.5, 1.6 + 0.6 * (len(scenarios) + 1))),
            alt="The answer under each assumption about how the inputs relate.",
            caption="Each row: the best estimate (dot) and interval (bar) under one "
                    "assumption."))
    for name, reason in results.skipped.items():
        if "scenario" in name or "dependence" in name:
            blocks.append(Paragraph(f"Not shown: {name} ({reason}).", role="note"))
    return blocks


def _timeline_blocks(report: Report, results: ReportResults) -> list[Block]:
    if results.timeline is None:
        if "timeline" in results.skipped:
            return [Heading("Over time"), Paragraph(
                "The timeline could not be drawn: " + results.skipped["timeline"],
                role="note")]
        return []
    from ranges.report._plot_timeline import timeline as plot_timeline

    tl = results.timeline
    mark = report.show.by[0] if report.show.by else None
    blocks: list[Block] = [Heading("Over time"), Image(
        "timeline.png",
        _png(lambda ax: plot_timeline(tl, ax, mark=mark, n=results.n, rng=results.seed)),
        alt="A fan chart of the running total over time.",
        caption="The running total over time: the line is the best estimate, the dark "
                "band holds half the probability and the light band "
                f"{report.show.level:.0%}; the marks at the bottom are when each input "
                "arrived or may arrive.")]
    if results.by:
        blocks.append(Bullets([f"By {day.isoformat()}: {answer_sentence(summary)}"
                               for day, summary in results.by]))
    return blocks


def _assumption_blocks(report: Report, results: ReportResults) -> list[Block]:
    assumptions = list(dict.fromkeys(results.summary.assumptions))
    for _day, summary in results.by[:1]:
        assumptions += [text for text in summary.assumptions if text not in assumptions]
    for item in report.inputs:
        for note in getattr(item, "notes", ()):
            if note not in assumptions:
                assumptions.append(f"{item.name}: {note}")
    for item in report.inputs:
        if item.chance is not None:
            assumptions.append(f"{item.name} may not happen: a {format_chance(item.chance)} "
                               "chance that it does (then in full), else it adds nothing")
    if not any("dependent" in text or "correlation" in text for text in assumptions):
        assumptions.append("The inputs are unrelated (independent): a high value of one "
                           "says nothing about the others. The section on figures that "
                           "move together shows what changes if they are linked."
                           if report.show.dependence else
                           "The inputs are unrelated (independent): a high value of one "
                           "says nothing about the others.")
    return [Heading("Assumptions"), Bullets(assumptions)]


def _appendix_blocks(report: Report, results: ReportResults) -> list[Block]:
    from ranges import __version__

    summary = results.summary
    items = [plain_how_computed(summary)]
    items.append("Each stated range is read as a spread of likely values (the table of "
                 "inputs says which shape and how much of the probability lies inside "
                 "the stated range); a word such as “about” or “at least” has a fixed, "
                 "documented reading, listed with each input.")
    if results.dependence:
        items.append("The bounds under any relation between the inputs hold whatever the "
                     "relation is; they come from combining the inputs' distributions "
                     f"two at a time ({results.dependence[0].method}).")
    if results.sensitivity is not None:
        items.append(f"Sensitivity: {results.sensitivity.method}.")
        items += [f"Sensitivity: {note}." for note in results.sensitivity.notes]
    seed = results.seed
    items.append(f"Made with ranges {__version__}"
                 + (f", seed {seed}: the same seed gives the same numbers."
                    if seed is not None else "."))
    return [Heading("How this was computed"), Bullets(items)]


def render_document(report: Report, results: ReportResults) -> Document:
    """The report as a :class:`~ranges.report._document.Document`.

    >>> import ranges as rg
    >>> from ranges.report._report_results import compute_results
    >>> r = rg.Report(title="Two batches", question="How many in all?", inputs=[
    ...     rg.ReportInput(name="a", estimate=rg.between(10, 12, unit="troops")),
    ...     rg.ReportInput(name="b", estimate=rg.between(3, 4, unit="troops"))])
    >>> doc = render_document(r, compute_results(r, seed=1))
    >>> print(doc.blocks[0].text)
    Best estimate about 14.4 troops; a 90% chance it lies between 13.4 and 15.6 troops.
    """
    blocks: list[Block] = []
    blocks += _answer_blocks(report, results)
    blocks += [Heading("What the sources said"), _inputs_table(report, results)]
    blocks += _sources_blocks(report, results)
    blocks += _contribution_blocks(report, results)
    blocks += _dependence_blocks(report, results)
    blocks += _timeline_blocks(report, results)
    blocks += _assumption_blocks(report, results)
    blocks += _appendix_blocks(report, results)
    question = report.question
    if report.reference_date is not None:
        question += f" (as of {report.reference_date.isoformat()})"
    return Document(report.title, blocks, question=question,
                    meta={"generator": "ranges"})


def parse_formats(text: str | Sequence[str]) -> tuple[str, ...]:
    """The formats asked for, checked: ``"html,md"`` or ``["html"]``.

    >>> parse_formats("html, md")
    ('html', 'md')
    >>> parse_formats("pdf")
    Traceback (most recent call last):
    ...
    ranges.errors.InputError: unknown report format 'pdf': expected html or md ...
    """
    names = [part.strip().lower() for part in
             (text.split(",") if isinstance(text, str) else text) if part.strip()]
    for name in names:
        if name not in FORMATS:
            raise InputError(f"unknown report format {name!r}: expected "
                             f"{' or '.join(FORMATS)} (e.g. --format html,md)")
    if not names:
        raise InputError("no report format given: expected html, md or both")
    return tuple(dict.fromkeys(names))


def write_report(report: Report, outdir: str | Path, *,
                 formats: str | Sequence[str] = ("html", "md"), seed: int | None = None,
                 n: int | None = None, name: str | None = None,
                 step: Step | None = None) -> list[Path]:
    """Compute ``report`` and write it into ``outdir`` (made if missing) as
    ``NAME.html`` (self-contained: pictures embedded) and/or ``NAME.md`` (pictures
    beside it as PNG files); ``name`` defaults to the title's words. Returns the paths
    written, the report files first.

    >>> import ranges as rg, tempfile
    >>> r = rg.Report(title="Two batches", question="How many in all?", inputs=[
    ...     rg.ReportInput(name="a", estimate=rg.between(10, 12, unit="troops")),
    ...     rg.ReportInput(name="b", estimate=rg.between(3, 4, unit="troops"))])
    >>> with tempfile.TemporaryDirectory() as out:
    ...     [p.name for p in write_report(r, out, formats="html", seed=1)]
    ['two-batches.html']
    """
    from ranges.report._report_results import compute_results

    chosen = parse_formats(formats)
    results = compute_results(report, seed=seed, n=n, step=step)
    if step is not None:
        step("pictures")
    document = render_document(report, results)
    folder = Path(outdir)
    folder.mkdir(parents=True, exist_ok=True)
    stem = name or slug(report.title)
    written: list[Path] = []
    if "html" in chosen:
        path = folder / f"{stem}{FORMATS['html']}"
        path.write_text(document.to_html(), encoding="utf-8")
        written.append(path)
    if "md" in chosen:
        path = folder / f"{stem}{FORMATS['md']}"
        images = document.images()
        renamed = {image.name: f"{stem}-{image.name}" for image in images}
        path.write_text(_renamed(document, renamed).to_markdown(), encoding="utf-8")
        written.append(path)
        for image in images:
            picture = folder / renamed[image.name]
            picture.write_bytes(image.png)
            written.append(picture)
    return written


def _renamed(document: Document, names: dict[str, str]) -> Document:
    """The document with its pictures' file names replaced (so two reports can share a
    folder)."""
    blocks = [Image(names[b.name], b.png, b.alt, b.caption) if isinstance(b, Image) else b
              for b in document.blocks]
    return Document(document.title, blocks, document.question, document.meta)


def notebook_html(report: Report) -> str:
    """A short HTML view of a report for a notebook: title, question, the answer
    sentence and the inputs table (no pictures; :meth:`Report.write` makes the full
    report).

    >>> import ranges as rg
    >>> r = rg.Report("Two batches", inputs=[rg.ReportInput("a", rg.between(1, 2)),
    ...                                      rg.ReportInput("b", rg.between(3, 4))])
    >>> "Best estimate about 4.9" in notebook_html(r)
    True
    """
    from ranges.report._document import html_block
    from ranges.report._report_results import ReportResults

    summary = report.answer.summary(report.show.level, rng=report.seed)
    results = ReportResults(summary=summary, inputs=[
        item.estimate.summary(report.show.level, rng=report.seed) for item in report.inputs])
    blocks: list[Block] = [Heading(report.title, 3)]
    if report.question:
        blocks.append(Paragraph(report.question, role="question"))
    blocks += [Paragraph(answer_sentence(summary), role="answer"),
               _inputs_table(report, results)]
    return "<div>" + "".join(html_block(block) for block in blocks) + "</div>"
