"""Shared helpers for the scenario tests (imported by test_crosstalk.py and test_muscle.py)."""

from __future__ import annotations

import pytest

from myosteo.scenario import ScenarioError, scenario_from_toml_text


def assert_scenario_error_names_field(extra_toml: str, field: str, *, age_years: int) -> None:
    """A one-year scenario of a man aged ``age_years`` (years), with ``extra_toml`` written after his
    ``[patient]`` age line (more patient keys, or whole ``[[...]]`` blocks), is rejected by
    :func:`scenario_from_toml_text` with a :class:`ScenarioError` of which at least one error starts
    with ``field`` (the path of the bad input, e.g. ``"patient.das28"`` or ``"exercise[0].kind"``)."""
    text = f'[patient]\nsex = "male"\nage_years = {age_years}\n{extra_toml}\n[simulation]\nduration = "1 year"\n'
    with pytest.raises(ScenarioError) as err:
        scenario_from_toml_text(text)
    assert any(e.startswith(field) for e in err.value.errors), err.value.errors
