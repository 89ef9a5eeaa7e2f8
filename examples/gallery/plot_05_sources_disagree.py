"""
Sources that disagree
=====================

Three sources count the people displaced by a flood. A relief agency says "9,000 to
11,000", the regional government "about 6,000", and a local radio station "as many as
20,000". ``rg.pool`` makes one estimate of the one quantity from all three (a linear
pool: with weights, a mixture of the sources). A source of doubtful reliability can be
graded first on the Admiralty scale: ``rg.grade(est, "D4")`` widens it and mixes in a
broad fallback, so it counts for less.
"""

import matplotlib.pyplot as plt

import ranges as rg

agency = rg.between(9_000, 11_000, unit="people", name="relief agency")
government = rg.about(6_000, unit="people", name="regional government")
radio = rg.grade(rg.at_most(20_000, unit="people"), "D4")

pooled = rg.pool([agency, government, radio], weights=[2, 1, 1],
                 names=["relief agency", "regional government", "local radio (D4)"])
for source in rg.pool_sources(pooled):
    print(f"{source.name:22s} weight {source.weight:.2f}")
print(pooled)
print(f"median {float(pooled.median(rng=3)):,.0f} people")

# %%
# Each source's distribution, scaled by its weight, and the pooled one.
fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
rg.plot.sources(pooled, ax=ax, title="People displaced: three sources pooled")
