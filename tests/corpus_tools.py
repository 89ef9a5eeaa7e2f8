"""Shared helpers of the extract and total tests: the labelled corpus."""

from __future__ import annotations

import math
import tomllib
from pathlib import Path
from typing import Any

import ranges as rg

CORPUS = Path(__file__).resolve().parent / "corpus" / "figures.toml"
ARTICLE = Path(__file__).resolve().parents[2] / "shared" / "reference" / \
    "kursk-deployment-article.txt"


def load() -> dict[str, Any]:
    return tomllib.loads(CORPUS.read_text(encoding="utf-8"))


def parse_expected(spec: str) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for part in spec.split(";"):
        if not part.strip():
            continue
        kind, low, high, point, unit = part.split()

        def val(x: str, kind: str = kind) -> Any:
            if x == "-":
                return None
            if kind == "date":
                return x
            return float(x)

        out.append((kind, val(low), val(high), val(point), None if unit == "-" else unit))
    return out


def as_tuple(f: rg.Figure) -> tuple[Any, ...]:
    return (f.kind, f.low, f.high, f.point, f.unit)


def same(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if isinstance(x, float) and isinstance(y, float):
            if not math.isclose(x, y, rel_tol=1e-9):
                return False
        elif x != y:
            return False
    return True


def case_ok(text: str, spec: str, reference_date: str) -> tuple[bool, list[tuple[Any, ...]]]:
    got = [as_tuple(f) for f in rg.extract(text, reference_date=reference_date)]
    want = parse_expected(spec)
    ok = len(got) == len(want) and all(same(g, w) for g, w in zip(got, want, strict=True))
    return ok, got
