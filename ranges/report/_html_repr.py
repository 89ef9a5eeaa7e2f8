"""How estimates, summaries and totals show in a notebook (``_repr_html_``).

The classes call these functions lazily, so that the core does not import the report
layer (or matplotlib) when it is imported. Every piece of text is escaped with
:func:`html.escape`. An estimate shows its one-line answer, a small plot of its
distribution (a PNG drawn with matplotlib's Agg canvas on a
:class:`matplotlib.figure.Figure` of its own, without touching pyplot's state), its
inputs and the assumptions made. The plot and the numbers come from one evaluation
(the plot's evaluation is the summary's, kept by :func:`ranges.engines.evaluate`).

>>> import ranges as rg
>>> text = summary_html(rg.between(10, 12, unit="troops").summary(n=2_000))
>>> text.startswith('<div class="ranges-summary">'), "troops" in text
(True, True)
"""

from __future__ import annotations

import base64
import io
from html import escape
from typing import TYPE_CHECKING

from ranges.errors import RangesError

if TYPE_CHECKING:
    from ranges.core._graph import Estimate
    from ranges.report._summary import Summary
    from ranges.text._totals import Total

__all__ = ["estimate_html", "plot_png", "summary_html", "total_html"]

#: the inline plot's size in inches and its resolution
PLOT_SIZE = (5.6, 2.8)
PLOT_DPI = 80

_MUTED = 'style="color:#6a6a6a;font-size:smaller"'
#: the most inputs listed one by one
MAX_INPUTS = 10


def estimate_html(est: Estimate) -> str:
    """An estimate in a notebook: its one-line answer, a small plot, its inputs and
    the assumptions; just its expression and the reason when it has no answer.

    >>> import ranges as rg
    >>> text = estimate_html(rg.between(10, 12))
    >>> '<img src="data:image/png;base64,' in text
    True
    """
    from ranges.core._render import expression
    from ranges.report._format import one_line

    try:
        summary = est.summary()
    except RangesError as err:
        return (f'<div class="ranges-estimate"><code>{escape(expression(est))}</code>'
                f"<p>no answer: {escape(str(err))}</p></div>")
    parts = [f'<div class="ranges-estimate"><p><strong>{escape(one_line(summary))}'
             "</strong></p>"]
    try:
        png = plot_png(est)
    except RangesError as err:  # numbers without a plot rather than nothing
        parts.append(f"<p {_MUTED}>no plot: {escape(str(err))}</p>")
    else:
        encoded = base64.b64encode(png).decode("ascii")
        parts.append(f'<img src="data:image/png;base64,{encoded}" '
                     'alt="the distribution of the estimate"/>')
    parts.append(_inputs_and_assumptions(summary))
    parts.append(f"<p {_MUTED}>{escape(_how(summary))}</p></div>")
    return "".join(parts)


def plot_png(est: Estimate) -> bytes:
    """``rg.plot.distribution(est)`` as PNG bytes, drawn on a figure of its own with
    the Agg canvas (pyplot is not used, so no figure is left open).

    >>> import ranges as rg
    >>> plot_png(rg.between(1, 2))[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from ranges.report._plot import distribution

    figure = Figure(figsize=PLOT_SIZE, layout="constrained")
    FigureCanvasAgg(figure)
    distribution(est, ax=figure.add_subplot())
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=PLOT_DPI)
    return buffer.getvalue()


def summary_html(summary: Summary) -> str:
    """A summary in a notebook: a table of its numbers, its inputs and assumptions."""
    from ranges.core._render import format_number, format_quantity
    from ranges.report._format import describe_shape, format_interval, format_range

    rows: list[tuple[str, str]] = []
    shape = describe_shape(summary)
    if shape is not None:
        rows.append(("shape", shape))
    rows += [
        ("median", format_quantity(format_number(summary.median, 4), summary.unit)),
        (f"{summary.level:.0%} interval",
         format_range(summary.low, summary.high, summary.unit, 4)),
        ("mean", format_number(summary.mean, 4)),
        ("sd", format_number(summary.std, 3)),
    ]
    if summary.bounds is not None:
        rows.append(("range bounds", format_interval(summary.bounds, summary.unit)))
    elif summary.bounds_note:
        rows.append(("range bounds", f"none ({summary.bounds_note})"))
    rows.append(("computed by", _how(summary)))
    table = "".join(f'<tr><th style="text-align:left">{escape(name)}</th>'
                    f'<td style="text-align:left">{escape(value)}</td></tr>'
                    for name, value in rows)
    warnings = "".join(f"<p><strong>warning:</strong> {escape(text)}</p>"
                       for text in summary.warnings)
    return (f'<div class="ranges-summary"><table>{table}</table>{warnings}'
            f"{_inputs_and_assumptions(summary)}</div>")


def total_html(found: Total) -> str:
    """A text's total in a notebook: the total (as an estimate shows), then what was
    added, subtracted, pooled, skipped and cross-checked."""
    try:
        head = estimate_html(found.estimate)
    except RangesError as err:
        head = f"<p><strong>{escape(str(found))}</strong></p><p>{escape(str(err))}</p>"
    items: list[tuple[str, str]] = []
    items += [("added", f.text + (f" ({'; '.join(f.assumptions)})" if f.assumptions
                                  else "")) for f in found.figures]
    items += [("subtracted", f.text) for f in found.subtracted]
    items += [("alternatives", f"{' | '.join(f.text for f in a.figures)}: {a.rule}")
              for a in found.alternatives]
    items += [("skipped", f"{s.figure.text}: {s.reason}") for s in found.skipped]
    items += [("cross-check", c.message) for c in found.cross_checks]
    listed = "".join(f"<li><em>{escape(kind)}</em>: {escape(text)}</li>"
                     for kind, text in items)
    return f'<div class="ranges-total">{head}<ul>{listed}</ul></div>'


def _how(summary: Summary) -> str:
    from ranges.report._format import how_computed

    return how_computed(summary)


def _inputs_and_assumptions(summary: Summary) -> str:
    from ranges.report._format import describe_note

    out: list[str] = []
    if summary.inputs:
        inputs = "".join(
            f"<li>{escape(item.name + ': ' if item.name else '')}"
            f"{escape(describe_note(item.note, item.unit))}</li>"
            for item in summary.inputs[:MAX_INPUTS])
        hidden = len(summary.inputs) - MAX_INPUTS
        if hidden > 0:
            inputs += f"<li>… and {hidden:,} more</li>"
        out.append(f"<p>inputs:</p><ul>{inputs}</ul>")
    if summary.assumptions:
        listed = "".join(f"<li>{escape(text)}</li>" for text in summary.assumptions)
        out.append(f"<p>assumptions:</p><ul>{listed}</ul>")
    return "".join(out)
