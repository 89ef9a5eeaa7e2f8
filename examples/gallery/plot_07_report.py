"""
A report from a TOML spec
=========================

``examples/seed_deployment.toml`` declares a report: the question, the quoted figures
with their sources and dates, a planned deployment that happens with a 60% chance, and
what to show. ``rg.load_report`` reads it; ``report.answer`` is the combined estimate;
``report.write(folder)`` writes the HTML page and the Markdown with its pictures (here
into a temporary folder, so nothing is left behind). Because the planned deployment may
not happen, the answer has two groups, and the one-sentence answer says so.
"""

import tempfile
from pathlib import Path

import matplotlib.pyplot as plt

import ranges as rg

try:
    here = Path(__file__).resolve().parent
except NameError:  # sphinx-gallery runs the script in its own folder, without __file__
    here = Path.cwd()
spec = here.parent / "seed_deployment.toml"
report = rg.load_report(spec)
print(report.question)
summary = report.answer.summary(rng=report.seed)
print(rg.format.answer_sentence(summary))

with tempfile.TemporaryDirectory() as folder:
    written = report.write(folder, formats="html")
    print("wrote", ", ".join(sorted(path.suffix for path in written)))

# %%
# The distribution of the answer: two bumps, with and without the planned deployment.
fig, ax = plt.subplots(figsize=(8, 4.5), layout="constrained")
rg.plot.distribution(report.answer, ax=ax, rng=report.seed, title=report.question)
