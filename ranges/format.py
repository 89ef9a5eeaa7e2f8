"""Writing numbers, ranges, reading notes and summaries as text: the public face of
:mod:`ranges.report._format` and :mod:`ranges.core._render`.

>>> import ranges as rg
>>> rg.format.format_range(14_123, 15_876, "troops")
'14,100–15,900 troops'
"""

from ranges.core._render import (
    expression,
    format_chance,
    format_exact,
    format_number,
    format_plain,
    format_quantity,
    label,
    scale_word,
)
from ranges.report._format import (
    answer_sentence,
    describe_note,
    describe_shape,
    format_interval,
    format_range,
    format_ranges,
    format_summary,
    how_computed,
    one_line,
    plain_how_computed,
    report,
    short_repr,
)

__all__ = [
    "answer_sentence",
    "describe_note",
    "describe_shape",
    "expression",
    "format_chance",
    "format_exact",
    "format_interval",
    "format_number",
    "format_plain",
    "format_quantity",
    "format_range",
    "format_ranges",
    "format_summary",
    "how_computed",
    "label",
    "one_line",
    "plain_how_computed",
    "report",
    "scale_word",
    "short_repr",
]
