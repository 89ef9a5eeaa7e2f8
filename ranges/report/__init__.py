"""Reporting: summaries (numbers only), their text, and plots.

* ``_summary``: :class:`Summary`, :func:`contributions`
* ``_format``: numbers, ranges, reading notes and reports as text
* ``_plot``: matplotlib figures (loaded on first use)
"""
