"""Reading: the explicit policy that turns what a source stated into distributions.

* ``_policy``: :class:`Reading` (the policy), :class:`ReadingNote` (how one figure was
  read) and :class:`LeafSpec` (what a reading produces)
* ``_shapes``: :class:`Shape` (what a range can be read as) and the one table of how
  each shape is built
* ``_constructors``: the public constructors (``between``, ``about``, ``at_least``, ...)
"""

from ranges.reading._policy import LeafSpec, Reading, ReadingNote, VagueEntry, load_vague_table
from ranges.reading._shapes import SHAPES, Shape

__all__ = [
    "SHAPES",
    "LeafSpec",
    "Reading",
    "ReadingNote",
    "Shape",
    "VagueEntry",
    "load_vague_table",
]
