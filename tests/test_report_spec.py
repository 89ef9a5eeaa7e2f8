"""The report spec: TOML -> Report, its errors (file, line, key), its JSON Schema, and
the same report built from Python."""

from __future__ import annotations

import datetime as dt
import json
import pickle
import tomllib
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import ranges as rg
from ranges.report._spec import KeyLines, read_spec
from ranges.report.schema import SCHEMA_PATH, schema_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.toml"))
PROBABILITIES = [0.05, 0.25, 0.5, 0.75, 0.95]

FALL = "Officials said some 10,000 to 12,000 troops went to the front last fall."

SPEC = f"""\
title = "Troops"
question = "How many?"
reference_date = 2025-06-01
unit = "troops"

[[inputs]]
name = "fall"
quote = "{FALL}"
source = "ministry"
grade = "B2"

[[inputs]]
name = "planned"
value = 6000
unit = "troops"
chance = 0.6

[[inputs]]
name = "spring"
low = 3000
high = 4000
unit = "troops"
reading = {{ shape = "normal", level = 0.8 }}
"""


def write(tmp_path: Path, text: str, name: str = "spec.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def spec_error(tmp_path: Path, text: str) -> rg.SpecError:
    with pytest.raises(rg.SpecError) as caught:
        rg.load_report(write(tmp_path, text))
    return caught.value


def exact_quantiles(est: rg.Estimate) -> np.ndarray:
    return np.asarray(est.quantile(PROBABILITIES, engine="exact"), dtype=float)


# -- round trip ----------------------------------------------------------------------------
def by_hand() -> rg.Estimate:
    fall = rg.extract(FALL, reference_date=dt.date(2025, 6, 1))[0].estimate().graded("B2")
    planned = rg.bernoulli(0.6) * rg.exactly(6000, unit="troops")
    spring = rg.between(3000, 4000, unit="troops",
                        reading=rg.Reading().replace(shape="normal", level=0.8))
    return (fall + planned + spring).to("troops")


def test_toml_result_matches_the_same_sum_built_by_hand(tmp_path: Path) -> None:
    report = rg.load_report(write(tmp_path, SPEC))
    np.testing.assert_allclose(exact_quantiles(report.answer), exact_quantiles(by_hand()),
                               rtol=1e-9)
    # and the reference is not trivially the same thing: it moves when the grade does
    ungraded = rg.load_report(write(tmp_path, SPEC.replace('grade = "B2"', "")))
    assert abs(ungraded.answer.quantile(0.05, engine="exact")
               - report.answer.quantile(0.05, engine="exact")) > 10


def test_report_inputs_record_what_was_said(tmp_path: Path) -> None:
    report = rg.load_report(write(tmp_path, SPEC))
    fall, planned, spring = report.inputs
    assert fall.stated == "some 10,000 to 12,000 troops"
    assert fall.figure is not None and fall.figure.low == 10_000
    assert fall.quote == FALL and fall.source == "ministry" and fall.grade == "B2"
    assert "90% interval of a lognormal" in fall.reading_note
    assert planned.stated == "6,000 troops" and planned.chance == 0.6
    assert planned.estimate.mean(engine="exact") == pytest.approx(3600, rel=1e-12)
    assert "80% interval of a normal" in spring.reading_note
    assert report.reference_date == dt.date(2025, 6, 1)
    assert report.show == rg.ShowOptions()


def test_python_report_with_the_same_objects_matches_the_toml(tmp_path: Path) -> None:
    fall_figure = rg.extract(FALL, reference_date=dt.date(2025, 6, 1))[0]
    report = rg.Report(
        title="Troops", question="How many?", reference_date=dt.date(2025, 6, 1),
        unit="troops",
        inputs=[
            rg.ReportInput("fall", fall_figure.estimate(), figure=fall_figure, quote=FALL,
                           source="ministry", grade="B2"),
            rg.ReportInput("planned", rg.exactly(6000, unit="troops"), chance=0.6),
            rg.ReportInput("spring", rg.between(
                3000, 4000, unit="troops",
                reading=rg.Reading().replace(shape="normal", level=0.8))),
        ])
    loaded = rg.load_report(write(tmp_path, SPEC))
    np.testing.assert_allclose(exact_quantiles(report.answer), exact_quantiles(loaded.answer),
                               rtol=1e-9)
    assert [i.stated for i in report.inputs] == ["10,000–12,000 people", "6,000 troops",
                                                 "3,000–4,000 troops"]


def test_formula_combines_currencies_like_the_same_expression(tmp_path: Path) -> None:
    text = """\
title = "Budget"
unit = "USD"
[[inputs]]
name = "cost (EUR)"
low = 100
high = 200
unit = "EUR"
[[inputs]]
name = "rate"
low = 1.05
high = 1.2
unit = "USD/EUR"
[[inputs]]
name = "extra"
key = "cost_usd"
value = 30
unit = "USD"
[combine]
method = "formula"
formula = "cost_eur * rate + cost_usd * (1 - 1 / 4)"
"""
    report = rg.load_report(write(tmp_path, text))
    expected = (rg.between(100, 200, unit="EUR") * rg.between(1.05, 1.2, unit="USD/EUR")
                + rg.exactly(30, unit="USD") * 0.75).to("USD")
    np.testing.assert_allclose(exact_quantiles(report.answer), exact_quantiles(expected),
                               rtol=1e-9)


def test_pool_with_weights_is_rg_pool(tmp_path: Path) -> None:
    text = """\
title = "Toll"
[[inputs]]
name = "a"
low = 100
high = 200
[[inputs]]
name = "b"
low = 150
high = 400
[combine]
method = "pool"
weights = [3, 1]
"""
    report = rg.load_report(write(tmp_path, text))
    expected = rg.pool([rg.between(100, 200), rg.between(150, 400)], weights=[3, 1])
    np.testing.assert_allclose(exact_quantiles(report.answer), exact_quantiles(expected),
                               rtol=1e-9)
    assert [(s.name, s.weight) for s in rg.pool_sources(report.answer)] == [("a", 0.75),
                                                                           ("b", 0.25)]


def test_correlation_gives_three_scenarios_that_differ(tmp_path: Path) -> None:
    text = """\
title = "T"
[[inputs]]
name = "a"
low = 10
high = 20
[[inputs]]
name = "b"
low = 10
high = 20
[combine]
correlate = [ { inputs = ["a", "b"], rho = 0.9 } ]
"""
    report = rg.load_report(write(tmp_path, text))
    scenarios = report.scenarios()
    assert list(scenarios) == ["independent", "as specified", "comonotonic"]
    spread = {name: est.std(engine="mc", n=40_000, rng=3) for name, est in scenarios.items()}
    # rank correlation 0.9 widens the sum; comonotonic is the widest; same marginals
    assert spread["independent"] < spread["as specified"] < spread["comonotonic"]
    a = rg.between(10, 20)
    assert spread["comonotonic"] == pytest.approx(2 * a.std(engine="exact"), rel=0.02)


def test_windows_come_from_the_spec(tmp_path: Path) -> None:
    text = SPEC + "window = [2025-01-01, 2025-06-01]\n"
    report = rg.load_report(write(tmp_path, text))
    # "fall" is dated by its own quote ("last fall", Figure.when); "spring" by the spec
    assert [(e.name, w) for e, w in report.windows()] == [
        ("fall", (dt.date(2024, 9, 1), dt.date(2024, 11, 30))),
        ("spring", (dt.date(2025, 1, 1), dt.date(2025, 6, 1)))]


# -- errors: file, line, key ---------------------------------------------------------------
def test_unknown_key_names_line_and_suggests(tmp_path: Path) -> None:
    err = spec_error(tmp_path, SPEC.replace("quote =", "qoute ="))
    assert (err.path, err.line, err.key) == ("spec.toml", 8, "inputs[1].qoute")
    assert str(err) == ('spec.toml:8: inputs[1].qoute: unknown key "qoute" in [[inputs]] '
                        '(did you mean "quote"?)')


def test_bad_grade_names_its_line(tmp_path: Path) -> None:
    err = spec_error(tmp_path, SPEC.replace('"B2"', '"Z9"'))
    assert str(err) == ('spec.toml:10: inputs[1].grade: "Z9" is not an Admiralty grade '
                        '(A-F then 1-6, e.g. "B2")')


def test_wrong_type_and_out_of_range(tmp_path: Path) -> None:
    err = spec_error(tmp_path, SPEC.replace("chance = 0.6", 'chance = "60%"'))
    assert err.line == 16 and err.key == "inputs[2].chance"
    assert 'expected a number, got a string "60%"' in str(err)
    err = spec_error(tmp_path, SPEC.replace("chance = 0.6", "chance = 1.5"))
    assert err.line == 16 and "must be at most 1" in str(err)


def test_key_in_an_inline_table(tmp_path: Path) -> None:
    err = spec_error(tmp_path, SPEC.replace('shape = "normal"', 'shape = "normel"'))
    assert err.line == 23 and err.key == "inputs[3].reading.shape"
    assert 'did you mean "normal"?' in str(err)


def test_toml_syntax_error_keeps_line(tmp_path: Path) -> None:
    err = spec_error(tmp_path, SPEC.replace("value = 6000", "value = 6000 troops"))
    assert err.line == 14 and str(err).startswith("spec.toml:14: not valid TOML")


def test_missing_and_alternative_keys(tmp_path: Path) -> None:
    err = spec_error(tmp_path, SPEC.replace('title = "Troops"\n', ""))
    assert 'missing key "title" at the top level' in str(err)
    err = spec_error(tmp_path, SPEC.replace("high = 4000\n", ""))
    assert err.line == 18 and err.key == "inputs[3]"
    assert "give exactly one of: quote; value; low and high; mean and sd; stated" in str(err)
    err = spec_error(tmp_path, SPEC.replace("value = 6000", "value = 6000\nlow = 1"))
    assert "found: value, low" in str(err)


def test_a_quote_with_two_quantities_is_refused_with_both_listed(tmp_path: Path) -> None:
    two = "About 600 soldiers and 40 tanks crossed the river."
    err = spec_error(tmp_path, SPEC.replace(FALL, two))
    assert err.line == 8 and err.key == "inputs[1].quote"
    assert '1. "About 600 soldiers" (characters 0-18)' in str(err)
    assert '2. "40 tanks"' in str(err) and "figure = N" in str(err)
    report = rg.load_report(write(tmp_path, SPEC.replace(FALL, two).replace(
        'source = "ministry"', 'source = "ministry"\nfigure = 2\nunit = "tanks"').replace(
        'unit = "troops"\n\n[[inputs]]', 'unit = "tanks"\n\n[[inputs]]', 1)
        .replace('unit = "troops"', 'unit = "tanks"')))
    assert report.inputs[0].stated == "40 tanks"
    err = spec_error(tmp_path, SPEC.replace(FALL, two).replace(
        'source = "ministry"', "figure = 3"))
    assert err.key == "inputs[1].figure" and "has 2 quantities, not 3" in str(err)


def test_figure_without_a_quote(tmp_path: Path) -> None:
    err = spec_error(tmp_path, SPEC.replace("value = 6000", "value = 6000\nfigure = 1"))
    assert (err.line, err.key) == (15, "inputs[2].figure") and "has no quote" in str(err)


def test_a_quote_with_no_quantity(tmp_path: Path) -> None:
    err = spec_error(tmp_path, SPEC.replace(FALL, "Troops went to the front last fall."))
    assert err.line == 8 and 'no quantity found in the quote (only dates: "last fall")' in \
        str(err)


def test_unit_mismatch_names_the_input(tmp_path: Path) -> None:
    err = spec_error(tmp_path, SPEC.replace('unit = "troops"\nchance', 'unit = "EUR"\nchance'))
    assert err.key == "inputs[2].unit" and err.line == 15
    assert "'planned' cannot be added" in str(err)


def test_unknown_input_in_correlate_and_formula(tmp_path: Path) -> None:
    err = spec_error(tmp_path, SPEC + '[combine]\ncorrelate = [\n  { inputs = ["fall", '
                                      '"sprung"], rho = 0.5 },\n]\n')
    assert (err.line, err.key) == (26, "combine.correlate[1].inputs[2]")
    assert 'no input is named "sprung" (did you mean "spring"?)' in str(err)
    err = spec_error(tmp_path, SPEC + '[combine]\nmethod = "formula"\nformula = "fal + 1"\n')
    assert (err.line, err.key) == (26, "combine.formula")
    assert 'the formula uses "fal", which is no input\'s key (did you mean "fall"?)' in str(err)


@pytest.mark.parametrize("formula, words", [
    ("fall ** 2", "not 'fall ** 2'"),
    ("__import__('os').system('x')", "not \"__import__('os').system('x')\""),
    ("max(fall, spring)", "not 'max(fall, spring)'"),
    ("fall +", "cannot be read"),
])
def test_formula_allows_only_arithmetic(tmp_path: Path, formula: str, words: str) -> None:
    text = SPEC + f'[combine]\nmethod = "formula"\nformula = "{formula}"\n'
    err = spec_error(tmp_path, text.replace('"__import__(\'os\')', "\"__import__('os')"))
    assert err.key == "combine.formula" and err.line == 26
    assert words in str(err)


def test_correlating_an_exact_figure_is_refused(tmp_path: Path) -> None:
    err = spec_error(tmp_path, SPEC + '[combine]\ncorrelate = [{ inputs = ["fall", "planned"]'
                                      ", rho = 0.5 }]\n")
    assert err.line == 25 and err.key == "combine.correlate[1].inputs"
    assert "is exact" in str(err)


def test_errors_from_a_dict_have_no_line_and_pickle() -> None:
    with pytest.raises(rg.SpecError) as caught:
        rg.Report.from_dict({"title": "T", "inputs": [{"name": "a", "value": 1}],
                             "show": {"by": ["2025-13-01"]}}, name="mine")
    err = caught.value
    assert err.line is None and str(err).startswith("mine: show.by[1]: ")
    copy = pickle.loads(pickle.dumps(err))
    assert (copy.path, copy.line, copy.key, str(copy)) == (err.path, None, err.key, str(err))
    assert isinstance(err, rg.InputError) and isinstance(err, ValueError)


def test_python_objects_use_the_same_checks() -> None:
    with pytest.raises(rg.SpecError, match=r'inputs\[1\]\.grade: "Z9" is not an Admiralty'):
        rg.ReportInput("a", rg.between(1, 2), grade="Z9")
    with pytest.raises(rg.SpecError, match='"later" is not one of "spread", "at_once"'):
        rg.Report("T", inputs=[rg.ReportInput("a", rg.between(1, 2))], arrival="later")
    with pytest.raises(rg.SpecError, match="two inputs are named"):
        rg.Report("T", inputs=[rg.ReportInput("a", rg.between(1, 2)),
                               rg.ReportInput("a", rg.between(3, 4))])
    with pytest.raises(rg.SpecError, match=r"show\.level: 1 is out of range"):
        rg.ShowOptions(level=1.0)


def test_key_lines_follow_arrays_and_strings() -> None:
    text = ('a = """x = 1\n[fake]"""  # c = 2\n[[t]]\nb = [\n  { c = 1 },\n  { c = "]" },\n'
            "]\n[[t]]\n'q.k' = 3\n")
    lines = KeyLines(text)
    assert lines.line_of(("a",)) == 1 and lines.line_of(("fake",)) is None
    assert lines.line_of(("t", 0, "b", 1, "c")) == 6
    assert lines.line_of(("t", 1, "q.k")) == 9
    data, _ = read_spec('title = "x"\n[[inputs]]\nname = "a"\nvalue = 1\n')
    assert data["inputs"][0]["value"] == 1


# -- the schema ----------------------------------------------------------------------------
def test_published_schema_is_the_generated_one() -> None:
    published = (ROOT / SCHEMA_PATH).read_text(encoding="utf-8")
    assert published == schema_text(), "run: python -m ranges.report.schema"


def as_json(value: Any) -> Any:
    """A parsed TOML value as JSON has it (dates become ISO strings)."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    return jsonschema.Draft202012Validator(
        rg.spec_json_schema(), format_checker=jsonschema.FormatChecker())


def test_examples_exist_and_are_valid_against_the_schema() -> None:
    assert {p.name for p in EXAMPLES} >= {"seed_deployment.toml", "project_budget.toml",
                                          "death_toll.toml"}
    check = validator()
    for path in EXAMPLES:
        data = as_json(tomllib.loads(path.read_text(encoding="utf-8")))
        errors = [e.message for e in check.iter_errors(data)]
        assert errors == [], f"{path.name}: {errors}"
    json.dumps(rg.spec_json_schema())  # plain JSON


@pytest.mark.parametrize("change", [
    ("quote =", "qoute ="), ('"B2"', '"Z9"'), ("chance = 0.6", "chance = 1.5"),
    ('shape = "normal"', 'shape = "normel"'), ("high = 4000\n", ""),
])
def test_the_schema_refuses_what_the_loader_refuses(tmp_path: Path, change: tuple[str, str]
                                                    ) -> None:
    check = validator()
    text = SPEC.replace(*change)
    assert check.is_valid(as_json(tomllib.loads(SPEC)))
    assert not check.is_valid(as_json(tomllib.loads(text)))
    with pytest.raises(rg.SpecError):
        rg.load_report(write(tmp_path, text))


def test_examples_build_with_sensible_answers() -> None:
    answers = {p.stem: rg.load_report(p) for p in EXAMPLES}
    seed = answers["seed_deployment"]
    assert list(seed.scenarios()) == ["independent", "comonotonic"]
    assert [e.name for e, _ in seed.windows()] == ["sent last fall", "sent this year",
                                                   "planned"]
    budget = answers["project_budget"].answer
    # the mean of a formula of independent inputs, from the inputs' own means
    steel, labour, inspection, rate = (e.estimate.mean(engine="exact")
                                       for e in answers["project_budget"].inputs)
    assert budget.mean(engine="exact") == pytest.approx((steel + labour) * rate + inspection,
                                                        rel=1e-6)
    toll = answers["death_toll"]
    assert [s.weight for s in rg.pool_sources(toll.answer)] == pytest.approx([2 / 6, 3 / 6,
                                                                              1 / 6])


def test_a_plain_number_added_to_money_in_a_formula_is_refused(tmp_path: Path) -> None:
    text = ('title = "B"\n[[inputs]]\nname = "cost"\nlow = 1\nhigh = 2\nunit = "USD"\n'
            '[combine]\nmethod = "formula"\nformula = "cost - 10"\n')
    err = spec_error(tmp_path, text)
    assert (err.line, err.key) == (9, "combine.formula")
    assert "cannot add or compare USD and a plain number" in str(err)
