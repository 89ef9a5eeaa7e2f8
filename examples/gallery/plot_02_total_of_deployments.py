"""
A total of two deployments
==========================

A ministry statement says that "between 2,500 and 3,200 engineers" went north in the
spring and "1,800 to 2,400" followed in the autumn. Each stated range is read as a 90%
interval; the total is their sum, computed exactly (the exact engine convolves the two
distributions). The contributions say how much of the total's spread each input
accounts for.
"""

import matplotlib.pyplot as plt

import ranges as rg

spring = rg.between(2_500, 3_200, unit="engineers", name="spring")
autumn = rg.between(1_800, 2_400, unit="engineers", name="autumn")
total = spring + autumn

print(total)
summary = total.summary()
print(f"median {summary.median:,.0f}, 90% interval {summary.low:,.0f}-{summary.high:,.0f}")
for part in rg.contributions(total):
    print(f"  {part.term.name}: {part.share_of_variance:.0%} of the variance")

# %%
# The distribution of the total (the shaded band is the 90% interval, the dashed lines
# the range bounds) and each input's share of its spread.
fig, (left, right) = plt.subplots(2, 1, figsize=(8, 8), layout="constrained")
rg.plot.distribution(total, ax=left, title="Engineers sent this year")
rg.plot.contributions(total, ax=right, title="What the spread comes from")
