"""Distributions: one small interface (``cdf``, ``ppf``/``icdf``, ``pdf``,
``sample``, ``mean``, ``std``, ``support``), many families behind it.

* ``_families``: the leaf families (normal, lognormal, uniform, ...)
* ``_derived``: distributions engines derive from others (an affine map, a monotone
  function, a distribution held on a grid, a mixture with atoms)
"""

from ranges.distributions._derived import (
    MONOTONE_OPS,
    Affine,
    GridDistribution,
    Mixture,
    Monotone,
    mixture_of,
    pieces,
    point_masses,
)
from ranges.distributions._families import (
    PERT,
    Bernoulli,
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
    check_probability,
)

__all__ = [
    "MONOTONE_OPS",
    "PERT",
    "Affine",
    "Bernoulli",
    "Distribution",
    "FromScipy",
    "GridDistribution",
    "LogNormal",
    "LogUniform",
    "Mixture",
    "Monotone",
    "Normal",
    "PointMass",
    "ScipyDistribution",
    "StudentT",
    "Triangular",
    "Uniform",
    "check_finite",
    "check_level",
    "check_probability",
    "mixture_of",
    "pieces",
    "point_masses",
]
