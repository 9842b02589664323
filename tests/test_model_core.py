"""The description layer: composition rules, expressions, SBML export, provenance of numbers."""

import pytest

from myosteo.engine.sbml import to_sbml, validate_sbml
from myosteo.model.compose import ModelError, compose
from myosteo.model.core import ModuleBuilder
from myosteo.model.expressions import ExpressionError, parse
from myosteo.model.library import standard_model


def _toy(name="toy", extra=None):
    m = ModuleBuilder(name, "toy", time_unit="day", default_source="test")
    m.parameter("k", 0.5, "1/day")
    m.state("X", 1.0, "mg")
    m.flux("elim", "X ->", extra or "k * X")
    return m.build()


def test_duplicate_names_are_rejected():
    with pytest.raises(ModelError, match="defined by both"):
        compose([_toy("a"), _toy("b")])


def test_undeclared_name_is_rejected():
    with pytest.raises(ModelError, match="undeclared name"):
        compose([_toy(extra="kk * X")])


def test_typo_is_not_a_new_symbol():
    with pytest.raises(ExpressionError, match="undeclared"):
        parse("E * X", {"X"})


def test_parameter_without_source_is_rejected():
    m = ModuleBuilder("x", "x")
    with pytest.raises(ValueError, match="no source"):
        m.parameter("k", 1.0, "1/day")


def test_contributions_multiply_into_a_signal_and_default_to_neutral():
    a = ModuleBuilder("a", "a", default_source="test")
    a.signal("factor", 1.0, "1")
    a.parameter("k", 1.0, "1/day")
    a.state("X", 1.0, "mg")
    a.flux("f", "X ->", "k * factor * X")
    alone = compose([a.build()])
    assert "factor" in alone.parameter_map  # neutral default as a constant
    b = ModuleBuilder("b", "b", default_source="test")
    b.parameter("g", 2.0, "1")
    b.multiply("factor", "g")
    c = ModuleBuilder("c", "c", default_source="test")
    c.parameter("h", 3.0, "1")
    c.multiply("factor", "h")
    both = compose([a.build(), b.build(), c.build()])
    rule = {r.name: r.expr for r in both.rules}["factor"]
    assert rule == "(g) * (h)"


def test_standard_model_exports_valid_sbml():
    sbml = to_sbml(standard_model())
    assert validate_sbml(sbml) == []


def test_every_parameter_has_unit_and_source():
    for p in standard_model().parameters:
        assert p.unit, p.name
        assert p.source and len(p.source) > 5, p.name


def test_every_fitted_value_lies_within_its_parameter_bounds():
    """fitted.json and the declared plausible ranges agree (a calibration run cannot leave a value
    the model itself calls implausible)."""
    from myosteo.model.fitted import _table

    pm = standard_model().parameter_map
    checked = 0
    for name, entry in _table().items():
        b = pm[name].bounds if name in pm else None
        if b is None:
            continue
        assert b[0] <= entry["value"] <= b[1], f"{name} = {entry['value']} outside {b}"
        checked += 1
    assert checked >= 20


def test_every_edge_has_sign_evidence_and_citation():
    edges = standard_model().edges
    assert len(edges) >= 10
    for e in edges:
        assert e.sign in (1, -1)
        assert e.evidence in ("human", "animal", "in vitro", "model")
        assert e.citation


def test_model_digest_is_stable_and_sensitive():
    a = compose([_toy()])
    b = compose([_toy()])
    c = compose([_toy(extra="2 * k * X")])
    assert a.digest == b.digest != c.digest


def test_docs_model_md_is_generated_from_the_current_model():
    from pathlib import Path

    from myosteo.model.document import model_markdown

    text = model_markdown(standard_model())
    for p in standard_model().parameters:
        assert f"`{p.name}`" in text
    committed = Path(__file__).resolve().parents[1] / "docs" / "model.md"
    assert committed.read_text() == text, "docs/model.md is stale: run `myosteo model-doc -o docs/model.md`"
