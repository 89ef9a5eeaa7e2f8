"""Reading: the explicit policy that turns what a source stated into distributions.

* ``_policy``: :class:`Reading` (the policy), :class:`ReadingNote` (how one figure was
  read) and :class:`LeafSpec` (what a reading produces)
* ``_constructors``: the public constructors (``between``, ``about``, ``at_least``, ...)
"""

from ranges.reading._policy import LeafSpec, Reading, ReadingNote, VagueEntry, load_vague_table

__all__ = ["LeafSpec", "Reading", "ReadingNote", "VagueEntry", "load_vague_table"]
