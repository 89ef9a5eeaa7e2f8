"""The labelled corpus of rg.total (tests/corpus/totals.toml): multi-figure sentences
(parts, rival estimates, stated totals, changes, withdrawals, "each", abbreviations,
inherited nouns, "of") and negative controls for extraction, scored per kind."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from corpus_tools import case_ok

import ranges as rg

CORPUS = tomllib.loads(
    (Path(__file__).resolve().parent / "corpus" / "totals.toml").read_text(encoding="utf-8"))
#: the share of cases fully right below which the suite fails (the corpus was written
#: with the rules and passes in full; a rule that breaks one case must be looked at)
FLOOR = 1.0


def _total_ok(case: dict[str, Any]) -> tuple[bool, str]:
    """Whether rg.total reads one case as labelled, and its report."""
    try:
        t = rg.total(case["text"], reference_date=CORPUS["reference_date"])
    except rg.RangesError as err:
        return "error" in case and case["error"] in str(err), f"error: {err}"
    if "error" in case:
        return False, t.report()
    checks = [[f.text for f in t.figures] == case["added"],
              [[f.text for f in a.figures] for a in t.alternatives]
              == case.get("alternatives", []),
              [f.text for f in t.subtracted] == case.get("subtracted", [])]
    if "low" in case:
        b = t.bounds()
        checks.append(b.low == pytest.approx(case["low"]) and b.high == pytest.approx(case["high"]))
    else:
        # rival estimates: the total adds their linear pool, whose bounds are the hull
        # of the sums with each choice of a rival (the pooling is the new behaviour;
        # this replaced a check that the total had no single sum)
        choices = [e.bounds() for _, e in t.alternative_totals()]
        b = t.bounds()
        checks.append(bool(t.alternatives) and len(t.pools) == len(t.alternatives)
                      and b.low == pytest.approx(min(c.low for c in choices))
                      and b.high == pytest.approx(max(c.high for c in choices)))
    if "stated" in case:
        match = [c for c in t.cross_checks if c.figure.text == case["stated"]]
        checks.append(len(match) == 1 and match[0].consistent == case["consistent"])
    return all(checks), t.report()


def _negative_ok(case: dict[str, str]) -> tuple[bool, str]:
    ok, got = case_ok(case["text"], case["figures"], CORPUS["reference_date"])
    return ok, repr(got)


def test_corpus_is_big_enough() -> None:
    assert len(CORPUS["cases"]) >= 60
    assert len(CORPUS["negatives"]) >= 30
    kinds = Counter(c["kind"] for c in CORPUS["cases"])
    assert all(kinds[k] >= 5 for k in ("parts", "rivals", "stated", "change", "withdrawal",
                                        "each", "abbreviation", "inherited", "of")), kinds


def test_totals_corpus_accuracy_per_kind() -> None:
    right: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    misses: list[str] = []
    for case in CORPUS["cases"]:
        ok, report = _total_ok(case)
        seen[case["kind"]] += 1
        right[case["kind"]] += ok
        if not ok:
            misses.append(f"{case['text']}\n    {report.replace(chr(10), chr(10) + '    ')}")
    for case in CORPUS["negatives"]:
        ok, got = _negative_ok(case)
        seen["negative"] += 1
        right["negative"] += ok
        if not ok:
            misses.append(f"{case['text']}\n    {got}")
    table = ", ".join(f"{k} {right[k]}/{n}" for k, n in sorted(seen.items()))
    share = sum(right.values()) / sum(seen.values())
    assert share >= FLOOR and all(right[k] / n >= FLOOR for k, n in seen.items()), (
        f"{table}\n" + "\n".join(misses))


@pytest.mark.xfail(reason="known misses, left open: a model number (Boeing 737), a level "
                          "of a building, a race distance are read as figures; 'spring of "
                          "2019' is a date figure where the control wants none",
                   strict=False)
@pytest.mark.parametrize("case", CORPUS["open_negatives"], ids=lambda c: c["text"][:30])
def test_open_negative_controls(case: dict[str, str]) -> None:
    ok, got = _negative_ok(case)
    assert ok, got
