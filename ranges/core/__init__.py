"""The core: the lazy expression graph (:class:`Estimate`), the table of operations,
units, intervals and how a graph is written out. Nothing here knows about text,
engines' internals, summaries or plots.

* ``_graph``: :class:`Estimate`, building nodes and checking their units
* ``_ops``: the :class:`Op` enumeration and one specification per operation
* ``_units``: the unit system (the only module that imports pint, on first use)
* ``_unit_words``: nouns, plurals, and suggestions for misspelt units
* ``_interval``: closed intervals and their arithmetic
* ``_render``: a node written out as an expression or a short label
"""
