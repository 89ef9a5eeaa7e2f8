"""Reading figures from text, in the order the work is done:

* ``_tokens``: numbers, number words, scale words, dashes and words, with positions
  (:class:`~ranges.text._tokens.TokenKind`)
* ``_words``: the word tables (hedges, units, currencies, negative controls)
* ``_dates``: calendar arithmetic for date windows
* ``_typos``: words around a number that look like typos, and the suggestions
* ``_syntax``, ``_parse``, ``_build``: the expression grammar of :func:`ranges.parse`
  (the syntax tree, text to tree, tree to estimate)
* ``_stated``: the one table from a stated kind to the constructor that reads it
* ``_figure``: the :class:`Figure` record (what a source said)
* the prose reader, parts that take one state object (``_windows.TokenWindow``):
  ``_windows`` (where to look, and the window state), ``_filters`` (what is not a
  figure), ``_extract_dates`` (dates), ``_quantities`` (the quantity grammar) and
  ``_extract`` (:func:`ranges.extract`, which drives them)
* ``_totals``: which figures of a text add up to one total, and ``_rivals``: which of
  them are rival estimates of one quantity (never added)
"""
