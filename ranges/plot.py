"""Plots of estimates: the public face of :mod:`ranges.report._plot` (loaded on first
use of ``ranges.plot``, since it imports matplotlib). Every function takes ``ax=`` and
returns the matplotlib Axes; none calls ``show()``.

>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> import ranges as rg
>>> ax = rg.plot.distribution(rg.between(10, 20, unit="trucks"))
>>> ax.get_xlabel()
'trucks'
>>> plt.close("all")
"""

from ranges.report._plot import cdf, compare, contributions, distribution, headline
from ranges.report._plot_dependence import pbox, scenarios, sources
from ranges.report._plot_sensitivity import tornado
from ranges.report._plot_timeline import timeline

__all__ = ["cdf", "compare", "contributions", "distribution", "headline", "pbox",
           "scenarios", "sources", "timeline", "tornado"]
