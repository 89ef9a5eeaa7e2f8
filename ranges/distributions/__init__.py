"""Distributions: one small interface (``cdf``, ``ppf``/``icdf``, ``pdf``,
``sample``, ``mean``, ``std``, ``support``), many families behind it.

* ``_families``: the leaf families (normal, lognormal, uniform, ...)
* ``_derived``: distributions engines derive from others (an affine map, a monotone
  function, a distribution held on a grid)
"""

from ranges.distributions._derived import MONOTONE_OPS, Affine, GridDistribution, Monotone
from ranges.distributions._families import (
    PERT,
    Distribution,
    FromScipy,
    LogNormal,
    LogUniform,
    Normal,
    PointMass,
    ScipyDistribution,
    StudentT,
    Triangular,
    Uniform,
    check_finite,
    check_level,
)

__all__ = [
    "MONOTONE_OPS",
    "PERT",
    "Affine",
    "Distribution",
    "FromScipy",
    "GridDistribution",
    "LogNormal",
    "LogUniform",
    "Monotone",
    "Normal",
    "PointMass",
    "ScipyDistribution",
    "StudentT",
    "Triangular",
    "Uniform",
    "check_finite",
    "check_level",
]
