"""
A timeline of arrivals
======================

Aid convoys are reported in three batches: "120 to 150 trucks" in the first half of
March, "80 to 110" during April, and "up to 200" expected in June. Each batch arrives
spread evenly over its window, so how many trucks have arrived by a date is itself an
estimate: ``tl.at(day)`` is the cumulative total by the end of that day.
"""

import matplotlib.pyplot as plt

import ranges as rg

tl = rg.timeline([
    (rg.between(120, 150, unit="trucks"), ("2025-03-01", "2025-03-15"), "first batch"),
    (rg.between(80, 110, unit="trucks"), ("2025-04-01", "2025-04-30"), "April batch"),
    (rg.at_most(200, unit="trucks"), ("2025-06-01", "2025-06-30"), "June (expected)"),
])
print(tl)

for day in ["2025-03-31", "2025-04-15", "2025-06-30"]:
    by_then = tl.at(day)
    low, high = by_then.interval(0.9, rng=0)
    print(f"by {day}: median {float(by_then.median(rng=0)):.0f} trucks, "
          f"90% interval {float(low):.0f}-{float(high):.0f}")

# %%
# The cumulative number of trucks: the median and a band for the 90% interval.
fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
rg.plot.timeline(tl, ax=ax, mark="2025-04-15", title="Aid trucks arrived, cumulative")
