"""Reading figures from text, in the order the work is done:

* ``_tokens``: numbers, number words, scale words, dashes and words, with positions
* ``_words``: the word tables (hedges, units, currencies, negative controls)
* ``_dates``: calendar arithmetic for date windows
* ``_parse``: the expression grammar of :func:`ranges.parse`
* ``_figure``: the :class:`Figure` record (what a source said)
* ``_windows``, ``_filters``, ``_extract_dates``, ``_extract``: the prose reader
  (where to look, what is not a figure, dates, the quantity grammar)
* ``_totals``: which figures of a text add up to one total
"""
