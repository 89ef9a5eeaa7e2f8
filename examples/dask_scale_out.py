"""Scale-out on Dask: read figures from a large corpus with ``dask.bag`` and sweep report
scenarios with ``dask.delayed``.

Three steps, each a function the tests and ``benchmarks/bench_dask.py`` call too:

1. :func:`write_corpus` writes a generated, seeded corpus of news-like articles (our own
   sentence templates about deployments, casualties, budgets and strikes, with ranges,
   "about", "at least", vague words, units, currencies and dates) into text files, one
   article a line: ``topic<TAB>date<TAB>text``.
2. :func:`read_corpus` maps :func:`ranges.extract` and :func:`ranges.total` over every
   article with a ``dask.bag`` (:func:`article_record` per article, plain data back) and
   reduces the records to a :func:`tally`: articles read, figures found by kind, totals
   computed, totals refused by the class of the error, and per topic and unit the median
   of the articles' totals (each total's mean).
3. :func:`sweep_scenarios` reads a report spec (``examples/seed_deployment.toml``) and
   computes the answer's summary (median, 90% interval, mean) for every combination of
   reading shape and level × dependence between the two batches × grading of one source,
   each scenario one ``dask.delayed`` task, collected into a table.

The same code runs on one machine or on a cluster; only the client changes:

    pip install -e ".[dask]"
    python examples/dask_scale_out.py --workers 2                 # LocalCluster, 2 processes
    python examples/dask_scale_out.py --address tcp://10.0.0.5:8786   # a running cluster
    python examples/dask_scale_out.py --scheduler synchronous --corpus-mb 1   # no Dask workers

On a real cluster every worker needs ranges installed (the same version) and must be
able to read the corpus path (a shared file system, or an ``s3://`` URL that
``dask.bag.read_text`` understands). Everything sent to a worker or back is either
plain data or a ranges object, and every ranges object pickles (tests/test_dask_pickle.py).
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import csv
import datetime as dt
import math
import statistics
import sys
import tempfile
import time
import tomllib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

import ranges as rg

ROOT = Path(__file__).resolve().parent
DEFAULT_SPEC = ROOT / "seed_deployment.toml"
DEFAULT_SEED = 2024
#: the draws of a sampled scenario (the exact engine needs none)
DEFAULT_N = 20_000
#: the seed every article's total is summarised with (the same in every process)
TOTAL_SEED = 0
CORPUS_GLOB = "corpus-*.txt"

# -- 1. the corpus ----------------------------------------------------------------------
_PLACES = ("the northern border", "the coast", "the capital region", "the river valley",
           "the eastern provinces", "the mountain passes", "the southern front")
_OFFICIALS = ("A defence ministry spokesman", "A senior commander", "The regional governor",
              "Officials briefed on the plans", "The army's press office")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_FILLER = (
    "The announcement came after a week of talks that neither side described in detail.",
    "Residents said the roads into town had been closed since the weekend.",
    "Opposition lawmakers asked for a full account to be published before the vote.",
    "Analysts cautioned that early figures are often revised as more reports come in.",
    "The statement did not say how the estimate had been reached.",
    "Aid groups urged the authorities to allow independent observers into the area.",
    "Local newspapers carried the story on their front pages the next morning.",
    "A spokesperson declined to comment further, citing the ongoing review.",
    "Satellite images published by researchers appeared to show new activity nearby.",
    "The figures could not be verified independently.",
)


def _thousands(rng: np.random.Generator, low: int, high: int, step: int) -> int:
    return int(rng.integers(low // step, high // step + 1)) * step


def _deployment(rng: np.random.Generator) -> list[str]:
    low = _thousands(rng, 2_000, 20_000, 500)
    high = low + _thousands(rng, 500, 4_000, 500)
    month = _MONTHS[int(rng.integers(12))]
    return [
        f"{rng.choice(_OFFICIALS)} said an estimated {low:,}-{high:,} troops had been sent "
        f"to {rng.choice(_PLACES)} by {month} 2025.",
        f"About {_thousands(rng, 1_000, 8_000, 500):,} more soldiers are expected to follow.",
        f"At least {_thousands(rng, 100, 900, 50):,} engineers went with them last fall.",
    ]


def _casualties(rng: np.random.Generator) -> list[str]:
    dead = _thousands(rng, 20, 400, 10)
    return [
        f"Rescuers counted at least {dead:,} dead after the floods in {rng.choice(_PLACES)}.",
        f"About {dead * int(rng.integers(2, 6)):,} people were injured, officials said on "
        f"{int(rng.integers(1, 28))} {_MONTHS[int(rng.integers(12))]} 2024.",
        f"As many as {_thousands(rng, 500, 9_000, 100):,} people were displaced, and "
        "dozens of people are still missing.",
    ]


def _budget(rng: np.random.Generator) -> list[str]:
    sign = "$" if rng.random() < 0.7 else "€"
    low = int(rng.integers(2, 40))
    return [
        f"Officials budgeted {sign}{low}-{low + int(rng.integers(1, 9))} million for new "
        f"equipment, about {sign}{_thousands(rng, 100_000, 900_000, 50_000):,} for fuel and "
        f"up to {sign}{int(rng.integers(1, 5))}.{int(rng.integers(10))} million for repairs.",
    ]


def _workers(rng: np.random.Generator) -> list[str]:
    low = _thousands(rng, 300, 3_000, 100)
    vague = ("Thousands of workers" if rng.random() < 0.5 else "Hundreds of nurses")
    return [
        f"{vague} walked out on {int(rng.integers(1, 28))} {_MONTHS[int(rng.integers(12))]} "
        "2025, union leaders said.",
        f"Between {low:,} and {low + _thousands(rng, 100, 1_500, 100):,} dockers stayed away "
        "from the port, and dozens of drivers joined them.",
    ]


_TOPICS = {"deployment": _deployment, "casualties": _casualties, "budget": _budget,
           "workers": _workers}


def make_article(rng: np.random.Generator) -> str:
    """One generated article, as a corpus line: ``topic<TAB>date<TAB>text`` (one in
    twenty articles has no figure at all, so its total is refused).

    >>> line = make_article(np.random.default_rng(1))
    >>> topic, date, text = line.split("\\t")
    >>> topic in _TOPICS, len(text) > 300, dt.date.fromisoformat(date).year
    (True, True, 2025)
    """
    topic = str(rng.choice(list(_TOPICS)))
    facts = [] if rng.random() < 0.05 else _TOPICS[topic](rng)
    filler = [str(s) for s in rng.choice(_FILLER, size=int(rng.integers(3, 7)), replace=False)]
    sentences = facts + filler
    order = rng.permutation(len(sentences))
    text = " ".join(sentences[i] for i in order)
    date = dt.date(2025, 6, 1) + dt.timedelta(days=int(rng.integers(0, 120)))
    return f"{topic}\t{date.isoformat()}\t{text}"


def write_corpus(directory: str | Path, megabytes: float, *, files: int = 8,
                 seed: int = DEFAULT_SEED) -> list[Path]:
    """Write a generated corpus of about ``megabytes`` MB (10^6 bytes) into ``files``
    files ``corpus-NNN.txt`` in ``directory``, one article a line; the same seed writes
    the same bytes. Returns the paths.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     paths = write_corpus(folder, 0.02, files=2, seed=3)
    ...     [p.name for p in paths], sum(p.stat().st_size for p in paths) >= 20_000
    (['corpus-000.txt', 'corpus-001.txt'], True)
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    per_file = megabytes * 1e6 / files
    paths = []
    for k in range(files):
        path = folder / f"corpus-{k:03d}.txt"
        written = 0
        with path.open("w", encoding="utf-8", newline="\n") as out:
            while written < per_file:
                line = make_article(rng) + "\n"
                out.write(line)
                written += len(line.encode("utf-8"))
        paths.append(path)
    return paths


# -- 2. figures and totals per article, with dask.bag -------------------------------------
def article_record(line: str) -> dict[str, Any]:
    """What one corpus line holds, as plain data: its topic, its size, the number of
    figures of each kind, and its total's mean and unit, or the class of the error that
    refused the total (nothing is guessed: a refusal is counted, not crashed on). The
    mean, not the median: a total that pools rival figures of different sizes is a
    mixture whose median may fall in a gap between them, where it is not one number.

    >>> record = article_record("budget\\t2025-06-01\\tThe fund holds $4-5 million.")
    >>> record["figures"], record["unit"], f"{record['mean']:,.0f}"
    ({'range': 1}, 'USD', '4,482,436')
    >>> article_record("workers\\t2025-06-01\\tNobody said how many.")["refused"]
    'InputError'
    """
    topic, date, text = line.rstrip("\n").split("\t", 2)
    figures = rg.extract(text, reference_date=date)
    record: dict[str, Any] = {
        "topic": topic, "bytes": len(line.encode("utf-8")),
        "figures": dict(Counter(f.kind.value for f in figures)),
        "mean": None, "unit": None, "refused": None,
    }
    try:
        answer = rg.total(text, reference_date=date).estimate
        record["mean"] = float(answer.mean(rng=TOTAL_SEED))
        record["unit"] = str(answer.unit)
    except rg.RangesError as err:
        record["refused"] = type(err).__name__
    return record


@dataclass
class Tally:
    """The aggregate of many :func:`article_record` results (plain data, mergeable)."""

    articles: int = 0
    bytes: int = 0
    figures: Counter[str] | None = None
    totals: int = 0
    refused: Counter[str] | None = None
    #: (topic, unit) -> the means of the articles' totals
    means: dict[tuple[str, str], list[float]] | None = None

    def __post_init__(self) -> None:
        self.figures = self.figures or Counter()
        self.refused = self.refused or Counter()
        self.means = self.means or {}

    def add(self, record: dict[str, Any]) -> Tally:
        assert self.figures is not None and self.refused is not None
        assert self.means is not None
        self.articles += 1
        self.bytes += record["bytes"]
        self.figures.update(record["figures"])
        if record["refused"] is not None:
            self.refused[record["refused"]] += 1
        else:
            self.totals += 1
            key = (record["topic"], record["unit"])
            self.means.setdefault(key, []).append(record["mean"])
        return self

    def merge(self, other: Tally) -> Tally:
        assert self.figures is not None and self.refused is not None
        assert self.means is not None and other.means is not None
        self.articles += other.articles
        self.bytes += other.bytes
        self.figures.update(other.figures or {})
        self.totals += other.totals
        self.refused.update(other.refused or {})
        for key, values in other.means.items():
            self.means.setdefault(key, []).extend(values)
        return self

    def summary(self) -> dict[str, Any]:
        """The plain-data aggregate: counts, and per topic and unit the median of the
        articles' totals (each total's mean; all partitions' values pooled first, so it
        does not depend on how the corpus was split)."""
        assert self.means is not None
        return {
            "articles": self.articles, "bytes": self.bytes,
            "figures": dict(sorted((self.figures or {}).items())),
            "totals": self.totals, "refused": dict(sorted((self.refused or {}).items())),
            "median_total": {f"{topic} ({unit})": statistics.median(values)
                             for (topic, unit), values in sorted(self.means.items())},
        }


def tally(records: Iterable[dict[str, Any]]) -> Tally:
    """The :class:`Tally` of some records (one partition's, or a plain loop's)."""
    out = Tally()
    for record in records:
        out.add(record)
    return out


def merge_tallies(tallies: Iterable[Tally]) -> Tally:
    """One :class:`Tally` from the partitions' tallies."""
    out = Tally()
    for part in tallies:
        out.merge(part)
    return out


def corpus_lines(directory: str | Path) -> Iterator[str]:
    """Every article line of a corpus, file by file (the plain-loop reading)."""
    for path in sorted(Path(directory).glob(CORPUS_GLOB)):
        with path.open(encoding="utf-8") as lines:
            yield from (line for line in lines if line.strip())


def read_corpus(directory: str | Path, *, blocksize: str | None = "4MB") -> dict[str, Any]:
    """Read every article of the corpus in ``directory`` with ``dask.bag`` on the Dask
    scheduler in force (a ``Client``, or ``dask.config.set(scheduler=...)``), and return
    :meth:`Tally.summary`. Only the tallies (plain data) come back to the client."""
    import dask.bag as db

    _ship_this_module_by_value()
    lines = db.read_text(str(Path(directory) / CORPUS_GLOB), blocksize=blocksize)
    records = lines.filter(str.strip).map(article_record)
    result: Tally = records.reduction(tally, merge_tallies).compute()
    return result.summary()


# -- 3. report scenarios, with dask.delayed -----------------------------------------------
SHAPES = ("lognormal", "normal", "uniform", "pert")
LEVELS = (0.8, 0.9)
#: how the two batches depend: None (independent), a rank correlation, or "comonotonic"
CORRELATIONS: tuple[float | str | None, ...] = (None, 0.5, "comonotonic")
#: the grade given to the second range input in the "downgraded" scenarios
DOWNGRADE = "C3"
GRADINGS = ("as stated", f"second source {DOWNGRADE}")


@dataclass(frozen=True)
class Scenario:
    """One combination of the sweep: how every stated range is read (``shape``,
    ``level``), how the two range inputs depend (``correlation``), and whether the
    second source is downgraded (``grading``)."""

    shape: str
    level: float
    correlation: float | str | None
    grading: str

    @property
    def dependence(self) -> str:
        if self.correlation is None:
            return "independent"
        if isinstance(self.correlation, str):
            return self.correlation
        return f"rank correlation {self.correlation:g}"


def scenarios(shapes: Sequence[str] = SHAPES, levels: Sequence[float] = LEVELS,
              correlations: Sequence[float | str | None] = CORRELATIONS,
              gradings: Sequence[str] = GRADINGS) -> list[Scenario]:
    """The cartesian product of the axes, in a fixed order.

    >>> len(scenarios()), scenarios()[0]
    (48, Scenario(shape='lognormal', level=0.8, correlation=None, grading='as stated'))
    """
    return [Scenario(s, lv, c, g) for s in shapes for lv in levels for c in correlations
            for g in gradings]


def _range_inputs(spec: dict[str, Any]) -> list[dict[str, Any]]:
    ranged = [entry for entry in spec["inputs"]
              if "quote" in entry or "low" in entry or "stated" in entry]
    if len(ranged) < 2:
        raise rg.SpecError("the sweep needs two inputs stated as figures (quote, low/high "
                           f"or stated) to correlate and downgrade; found {len(ranged)}")
    return ranged


def scenario_report(spec: dict[str, Any], scenario: Scenario) -> rg.Report:
    """The report ``spec`` (a parsed TOML spec) describes, changed as ``scenario`` says:
    every stated figure read with the scenario's shape and level, the first two such
    inputs correlated (``combine.correlate``) and the second one graded. The
    comonotonic case is the report's own "comonotonic" scenario (``Report.scenarios``),
    which the spec cannot state."""
    data = copy.deepcopy(spec)
    data.pop("show", None)  # the sweep computes its own numbers, not the report's pages
    ranged = _range_inputs(data)
    for entry in ranged:
        entry["reading"] = {**entry.get("reading", {}), "shape": scenario.shape,
                            "level": scenario.level}
    if isinstance(scenario.correlation, float):
        data.setdefault("combine", {})["correlate"] = [
            {"inputs": [ranged[0]["name"], ranged[1]["name"]], "rho": scenario.correlation}]
    if scenario.grading != GRADINGS[0]:
        ranged[1]["grade"] = DOWNGRADE
    return rg.Report.from_dict(data, name="scenario")


def scenario_summary(spec: dict[str, Any], scenario: Scenario, *, n: int = DEFAULT_N,
                     seed: int | None = None) -> dict[str, Any]:
    """The answer of one scenario as a plain dict: the scenario's axes, the median, the
    90% interval, the mean, the engine and its stated numerical error of the median
    (``seed`` defaults to the spec's)."""
    report = scenario_report(spec, scenario)
    answer = (report.scenarios()["comonotonic"] if scenario.correlation == "comonotonic"
              else report.answer)
    seed = report.seed if seed is None else seed
    summary = answer.summary(0.9, n=n, rng=seed)
    return {**asdict(scenario), "dependence": scenario.dependence,
            "median": summary.median, "low": summary.low, "high": summary.high,
            "mean": summary.mean, "engine": summary.engine,
            "median_error": summary.errors.get("median", math.nan), "unit": summary.unit}


def sweep_scenarios(spec_path: str | Path = DEFAULT_SPEC,
                    chosen: Sequence[Scenario] | None = None, *, n: int = DEFAULT_N,
                    seed: int | None = None) -> list[dict[str, Any]]:
    """Every scenario's :func:`scenario_summary`, each one ``dask.delayed`` task,
    computed on the Dask scheduler in force, in the order of ``chosen`` (default: all
    of :func:`scenarios`)."""
    import dask

    _ship_this_module_by_value()
    with open(spec_path, "rb") as file:
        spec = tomllib.load(file)
    tasks = [dask.delayed(scenario_summary)(spec, s, n=n, seed=seed)
             for s in (scenarios() if chosen is None else chosen)]
    return list(dask.compute(*tasks))


COLUMNS = ("shape", "level", "dependence", "grading", "engine", "median", "low", "high",
           "mean")


def markdown_table(rows: Sequence[dict[str, Any]], columns: Sequence[str] = COLUMNS) -> str:
    """The rows as a Markdown table (numbers rounded to whole units, with separators).

    >>> print(markdown_table([{"shape": "pert", "median": 19653.35}], ("shape", "median")))
    | shape | median |
    | --- | ---: |
    | pert | 19,653 |
    """
    def cell(value: Any) -> str:
        if isinstance(value, float) and not isinstance(value, bool):
            return f"{value:,.0f}" if abs(value) >= 10 else f"{value:g}"
        return str(value)

    numeric = {c for c in columns if rows and isinstance(rows[0].get(c), float)}
    lines = ["| " + " | ".join(columns) + " |",
             "| " + " | ".join("---:" if c in numeric else "---" for c in columns) + " |"]
    lines += ["| " + " | ".join(cell(row.get(c, "")) for c in columns) + " |" for row in rows]
    return "\n".join(lines)


# -- the client ---------------------------------------------------------------------------
def _ship_this_module_by_value() -> None:
    """Let workers run this file's functions when it was loaded from a path (a test, the
    benchmark) rather than imported by name: cloudpickle then sends them by value."""
    module = sys.modules.get(__name__)
    if __name__ != "__main__" and module is not None:
        import cloudpickle

        cloudpickle.register_pickle_by_value(module)


@contextlib.contextmanager
def dask_scheduler(*, address: str | None = None, workers: int = 2,
                   scheduler: str = "distributed") -> Iterator[str]:
    """Make Dask compute where asked, and say where: a running cluster at ``address``
    (``tcp://host:8786``), else with ``scheduler="distributed"`` a new
    ``LocalCluster`` of ``workers`` single-threaded processes, else one of Dask's local
    schedulers ("synchronous", "threads", "processes") without workers.

    Run as a script, this file's functions travel to the workers by value (cloudpickle
    sends the code of ``__main__``); imported as the module ``dask_scale_out`` (a test,
    the benchmark), the workers import it by name, so it must be on their path (a
    LocalCluster's workers inherit ``sys.path``). ranges must be installed on every
    worker."""
    import dask

    if address is None and scheduler != "distributed":
        with dask.config.set(scheduler=scheduler):
            yield f"dask scheduler {scheduler!r} (no distributed workers)"
        return
    from dask.distributed import Client, LocalCluster

    if address is not None:
        with Client(address) as client:
            yield f"cluster at {address} ({len(client.scheduler_info()['workers'])} workers)"
        return
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        yield f"LocalCluster: {workers} worker processes, 1 thread each"


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=None,
                        help="directory to write the corpus into (default: a temp dir, "
                             "removed at the end)")
    parser.add_argument("--corpus-mb", type=float, default=50.0,
                        help="corpus size in MB (default 50)")
    parser.add_argument("--files", type=int, default=8, help="corpus files (default 8)")
    parser.add_argument("--spec", type=Path, default=DEFAULT_SPEC,
                        help="the report spec the sweep varies")
    parser.add_argument("--n", type=int, default=DEFAULT_N,
                        help="draws of a sampled scenario")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus seed")
    parser.add_argument("--address", default=None,
                        help="connect to a running Dask scheduler (tcp://host:port)")
    parser.add_argument("--workers", type=int, default=2,
                        help="worker processes of the LocalCluster (default 2)")
    parser.add_argument("--scheduler", default="distributed",
                        choices=("distributed", "synchronous", "threads", "processes"),
                        help="'distributed' (default) uses --address or a LocalCluster")
    parser.add_argument("--csv", type=Path, default=None, help="write the sweep table here")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Write the corpus, read it with dask.bag, sweep the scenarios with dask.delayed,
    and print what was found and how fast."""
    args = parse_args(argv)
    with contextlib.ExitStack() as stack:
        folder = args.corpus or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        start = time.perf_counter()
        paths = write_corpus(folder, args.corpus_mb, files=args.files, seed=args.seed)
        size = sum(p.stat().st_size for p in paths)
        print(f"corpus: {len(paths)} files, {size / 1e6:.1f} MB in {folder} "
              f"(written in {time.perf_counter() - start:.1f} s)")
        where = stack.enter_context(dask_scheduler(
            address=args.address, workers=args.workers, scheduler=args.scheduler))
        print(f"running on: {where}")

        start = time.perf_counter()
        found = read_corpus(folder)
        bag_seconds = time.perf_counter() - start
        print(f"\n## Figures and totals ({found['articles']:,} articles)\n")
        print(f"figures by kind: {found['figures']}")
        print(f"totals computed: {found['totals']:,}; refused: {found['refused']}")
        for key, value in found["median_total"].items():
            print(f"  median of the articles' totals (means), {key}: {value:,.0f}")

        start = time.perf_counter()
        rows = sweep_scenarios(args.spec, n=args.n)
        sweep_seconds = time.perf_counter() - start
        print(f"\n## Scenarios of {args.spec.name} ({len(rows)})\n")
        print(markdown_table(rows))
        if args.csv is not None:
            with args.csv.open("w", newline="", encoding="utf-8") as out:
                writer = csv.DictWriter(out, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(rows)
            print(f"\nwrote {args.csv}")

        print("\n## Throughput\n")
        print(f"dask.bag: {found['bytes'] / 1e6 / bag_seconds:.2f} MB/s, "
              f"{found['articles'] / bag_seconds:,.0f} articles/s ({bag_seconds:.1f} s)")
        print(f"dask.delayed: {len(rows) / sweep_seconds:.2f} scenarios/s "
              f"({sweep_seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
