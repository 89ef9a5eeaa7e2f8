"""
Reading a stated range
======================

A road survey says a bridge repair "will take between 40 and 70 days". The same two
numbers can be read with different shapes: the default reads them as the 90% interval of
a lognormal (skewed to the right, so its median sits below the midpoint);
``shape="pert"`` as the 90% interval of a symmetric PERT; ``shape="bounds"`` as hard
limits of a flat (uniform) distribution, whose 90% interval is then narrower than the
stated range. Each reading is noted in the estimate's summary.
"""

import matplotlib.pyplot as plt

import ranges as rg

readings = {
    "default (90% interval)": rg.between(40, 70, unit="days"),
    "bounds (uniform)": rg.between(40, 70, unit="days", shape="bounds"),
    "pert": rg.between(40, 70, unit="days", shape="pert"),
}

for name, est in readings.items():
    low, high = est.interval(0.9)
    print(f"{name:24s} median {float(est.median()):5.1f} days, "
          f"90% interval {float(low):5.1f}-{float(high):5.1f}")

# %%
# The three readings side by side: the shaded bars are the 90% intervals.
fig, ax = plt.subplots(figsize=(8, 4))
rg.plot.compare(readings, ax=ax, title="One stated range, three readings")
