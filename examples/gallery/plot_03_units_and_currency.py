"""
Units and currencies
====================

A contractor quotes "between 1.2 and 1.6 million euros" for a field hospital, and the
equipment is priced "at 300,000 to 450,000 US dollars". Currencies are dimensions of
their own: euros and dollars do not add until an exchange rate joins them. The rate is
itself uncertain ("1.05 to 1.15 dollars a euro"), so it is an estimate with the unit
``USD/EUR``; multiplying the euro figure by it gives dollars, and the total is in
dollars. Units of one dimension convert with ``.to``: the convoy that carries the
equipment drives "300 to 380 km", which is also a distance in miles.
"""

import matplotlib.pyplot as plt

import ranges as rg

building = rg.between(1.2e6, 1.6e6, unit="EUR", name="building")
equipment = rg.between(300_000, 450_000, unit="USD", name="equipment")
rate = rg.between(1.05, 1.15, unit="USD/EUR", name="exchange rate")

try:
    building + equipment
except rg.UnitError as err:
    print(f"refused: {type(err).__name__}: {err}")

total = building * rate + equipment
print(total)
print(f"median {float(total.median()) / 1e6:.2f} million USD")

road = rg.between(300, 380, unit="km", name="convoy route")
miles = road.to("mile")
print(f"route: median {float(road.median()):.0f} km = {float(miles.median()):.0f} miles")

# %%
# The total in dollars.
fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
rg.plot.distribution(total, ax=ax, title="Field hospital, building and equipment")
