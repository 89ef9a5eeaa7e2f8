"""
Correlated inputs and bounds under any dependence
=================================================

Two estimates of fuel use, "40,000 to 55,000 litres" for the trucks and "25,000 to
35,000 litres" for the generators, come from the same logistics office. If one is high
because the office over-counts, the other probably is too: the inputs may move
together. Adding them as independent understates the total's spread. ``rg.correlate``
gives them a rank correlation; ``est.comonotonic()`` is the extreme where they move
exactly together; ``rg.dependence_bounds`` bounds a quantile under *any* dependence.
"""

import matplotlib.pyplot as plt

import ranges as rg

trucks = rg.between(40_000, 55_000, unit="litres", name="trucks")
generators = rg.between(25_000, 35_000, unit="litres", name="generators")

independent = trucks + generators
trucks_c, generators_c = rg.correlate([trucks, generators], 0.6)
correlated = trucks_c + generators_c
together = independent.comonotonic()

for name, est in [("independent", independent), ("correlated 0.6", correlated),
                  ("comonotonic", together)]:
    print(f"{name:15s} 95th percentile {float(est.quantile(0.95, rng=1)):,.0f} litres")

bound = rg.dependence_bounds(independent, 0.95)
print(f"any dependence: 95th percentile between {bound.interval.low:,.0f} "
      f"and {bound.interval.high:,.0f} litres")

# %%
# The three scenarios side by side, with the band every dependence stays inside.
fig, ax = plt.subplots(figsize=(8, 4.8), layout="constrained")
rg.plot.scenarios(
    {"independent": independent, "correlated 0.6": correlated, "comonotonic": together},
    ax=ax, any_dependence=independent, title="Fuel: how much the dependence matters",
)
