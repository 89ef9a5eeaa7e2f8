"""Building the example reports once for the tests that read them (the CLI run, the
browser test): :func:`build_examples`."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
#: the seed every example report is built with in the tests
SEED = 11
#: draws where sampling is needed: fewer than the default, enough for stable pictures
N = 40_000


def example_specs() -> list[Path]:
    """The example report specs, in name order."""
    return sorted(EXAMPLES.glob("*.toml"))


def build_examples(outdir: Path) -> dict[str, list[Path]]:
    """Run ``ranges report`` (its ``main``) on every example spec into ``outdir``;
    returns spec stem -> paths written."""
    from ranges._report_command import main

    built: dict[str, list[Path]] = {}
    for spec in example_specs():
        folder = outdir / spec.stem
        status = main([str(spec), "-o", str(folder), "--seed", str(SEED), "--n", str(N)])
        assert status == 0, f"ranges report {spec.name} exited with {status}"
        built[spec.stem] = sorted(folder.iterdir())
    return built
