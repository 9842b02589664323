"""The scenario layer: the contract file, every validation rule, units, dosing arithmetic, and
property tests. The drug registry is always injected (a small fake), never the real one."""

from __future__ import annotations

import copy
import dataclasses
import math
import subprocess
import sys
import textwrap
import tomllib
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import myosteo.model.drugs as drug_registry
from myosteo.scenario import (DEFAULT_MENOPAUSE_AGE_YEARS, Patient, Scenario, ScenarioError,
                              SimulationSpec, Treatment, load_scenario, parse_dose,
                              parse_duration, scenario_from_toml_text)

MONTH = 365.25 / 12
YEAR = 365.25


def _drug(name, max_mg, route, infusion_days=0.0):
    return SimpleNamespace(name=name, max_single_dose_mg=max_mg, route=route,
                           infusion_days=infusion_days)


FAKE_DRUGS = {
    "romosozumab": _drug("romosozumab", 1000.0, "sc"),
    "denosumab": _drug("denosumab", 600.0, "sc"),
    "teriparatide": _drug("teriparatide", 1.0, "sc"),
    "zoledronic_acid": _drug("zoledronic_acid", 20.0, "iv", infusion_days=15 / 1440),
    "alendronate": _drug("alendronate", 200.0, "oral"),
    "slow_infusion": _drug("slow_infusion", 5000.0, "iv", infusion_days=2.0),
}

CONTRACT = """\
[patient]
sex = "female"
age_years = 71

[[treatment]]
drug = "romosozumab"
dose = "210 mg"
every = "1 month"
times = 12
start = "0 days"

[simulation]
duration = "24 months"
output_every = "1 month"
"""


def base() -> dict:
    """The contract scenario as a fresh mapping (tests mutate copies)."""
    return copy.deepcopy(tomllib.loads(CONTRACT))


def load(data) -> Scenario:
    return load_scenario(data, drugs=FAKE_DRUGS)


def errors_of(data) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        load(data)
    return info.value


# --------------------------------------------------------------------------------- the contract


def test_contract_scenario_parses_to_the_documented_values():
    sc = scenario_from_toml_text(CONTRACT, drugs=FAKE_DRUGS)
    p = sc.patient
    assert (p.sex, p.age_years, p.menopause_age_years) == ("female", 71.0, 51.0)
    assert p.weight_kg is None and p.femoral_neck_bmd_g_cm2 is None
    assert p.years_since_menopause == 20.0
    (t,) = sc.treatments
    assert (t.drug, t.dose_mg, t.start_days, t.n_doses) == ("romosozumab", 210.0, 0.0, 12)
    assert t.every_days == MONTH == 30.4375
    times = t.dose_times_days()
    assert len(times) == 12 and times[0] == 0.0 and times[-1] == pytest.approx(11 * MONTH)
    assert np.allclose(np.diff(times), MONTH)
    assert sc.simulation.duration_days == 24 * MONTH == 730.5
    assert sc.simulation.output_every_days == MONTH
    out = sc.simulation.output_times()
    assert isinstance(out, np.ndarray) and out.dtype == float
    assert len(out) == 25 and out[0] == 0.0 and out[-1] == 730.5
    assert np.allclose(np.diff(out), MONTH)


def test_contract_loads_identically_from_path_str_path_text_and_mapping(tmp_path):
    f = tmp_path / "contract.toml"
    f.write_text(CONTRACT, encoding="utf-8")
    a = load_scenario(f, drugs=FAKE_DRUGS)
    assert a == load_scenario(str(f), drugs=FAKE_DRUGS)
    assert a == scenario_from_toml_text(CONTRACT, drugs=FAKE_DRUGS)
    assert a == load(base())


def test_default_registry_is_myosteo_model_drugs_read_at_call_time(monkeypatch):
    data = base()
    data["treatment"][0]["drug"] = "zz_test_only_drug"
    with pytest.raises(ScenarioError, match=r"treatment\[0\]\.drug"):
        load_scenario(data)
    monkeypatch.setitem(drug_registry.DRUGS, "zz_test_only_drug",
                        _drug("zz_test_only_drug", 500.0, "sc"))
    assert load_scenario(data).treatments[0].drug == "zz_test_only_drug"


def test_scenario_module_does_not_import_the_engine():
    code = ("import sys, myosteo.scenario; "
            "bad = [m for m in sys.modules if m.startswith('myosteo.engine')]; "
            "sys.exit(1 if bad else 0)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_scenario_error_is_a_value_error_and_collects_every_problem():
    data = base()
    data["patient"]["age_years"] = 5
    data["treatment"][0]["dose"] = "-1 mg"
    data["simulation"]["duration"] = "soon"
    err = errors_of(data)
    assert isinstance(err, ValueError)
    assert len(err.errors) == 3
    for path in ("patient.age_years", "treatment[0].dose", "simulation.duration"):
        assert path in str(err)
        assert sum(e.startswith(path) for e in err.errors) == 1


# --------------------------------------------------------------------------------- error cases


def _set(section, key, value, index=0):
    def mutate(d):
        target = d[section][index] if section == "treatment" else d[section]
        target[key] = value
    return mutate


def _delete(section, key, index=0):
    def mutate(d):
        target = d[section][index] if section == "treatment" else d[section]
        del target[key]
    return mutate


def _patient(**kv):
    def mutate(d):
        d["patient"].update(kv)
    return mutate


def _treatment(**kv):
    def mutate(d):
        d["treatment"][0].update(kv)
    return mutate


ERROR_CASES = [
    # (id, mutation, field path in message, allowed values/range in message)
    ("sex_other", _set("patient", "sex", "other"), "patient.sex", "'female', 'male'"),
    ("sex_number", _set("patient", "sex", 1), "patient.sex", "'female', 'male'"),
    ("sex_missing", _delete("patient", "sex"), "patient.sex", "'female', 'male'"),
    ("age_missing", _delete("patient", "age_years"), "patient.age_years", "18 to 110"),
    ("age_string", _set("patient", "age_years", "71"), "patient.age_years", "18 to 110"),
    ("age_bool", _set("patient", "age_years", True), "patient.age_years", "18 to 110"),
    ("age_low", _set("patient", "age_years", 17.9), "patient.age_years", "18 to 110"),
    ("age_high", _set("patient", "age_years", 111), "patient.age_years", "18 to 110"),
    ("age_nan", _set("patient", "age_years", float("nan")), "patient.age_years", "not finite"),
    ("weight_low", _patient(weight_kg=29), "patient.weight_kg", "30 to 250 kg"),
    ("weight_inf", _patient(weight_kg=float("inf")), "patient.weight_kg", "not finite"),
    ("height_high", _patient(height_m=2.31), "patient.height_m", "1 to 2.3 m"),
    ("height_string", _patient(height_m="1.6 m"), "patient.height_m", "1 to 2.3 m"),
    ("menopause_low", _patient(menopause_age_years=34), "patient.menopause_age_years", "35 to 60"),
    ("menopause_high", _patient(menopause_age_years=61), "patient.menopause_age_years", "35 to 60"),
    ("menopause_male", _patient(sex="male", menopause_age_years=50),
     "patient.menopause_age_years", "female"),
    ("fn_bmd", _patient(femoral_neck_bmd_g_cm2=0.1), "patient.femoral_neck_bmd_g_cm2", "0.2 to 1.8"),
    ("fn_t", _patient(femoral_neck_t_score=-6.5), "patient.femoral_neck_t_score", "-6 to 4"),
    ("th_bmd", _patient(total_hip_bmd_g_cm2=2.0), "patient.total_hip_bmd_g_cm2", "0.2 to 1.9"),
    ("ls_bmd", _patient(lumbar_spine_bmd_g_cm2=0.29), "patient.lumbar_spine_bmd_g_cm2", "0.3 to 2.2"),
    ("fn_both", _patient(femoral_neck_bmd_g_cm2=0.6, femoral_neck_t_score=-2.6),
     "patient.femoral_neck_t_score", "at most one"),
    ("patient_unknown_key", _patient(bmi=25), "patient.bmi", "allowed: sex, age_years"),
    ("drug_unknown", _treatment(drug="romosozumabb"), "treatment[0].drug", "known drugs: alendronate"),
    ("drug_missing", _delete("treatment", "drug"), "treatment[0].drug", "known drugs"),
    ("dose_missing", _delete("treatment", "dose"), "treatment[0].dose", "mg/kg"),
    ("dose_negative", _treatment(dose="-210 mg"), "treatment[0].dose", "> 0"),
    ("dose_zero", _treatment(dose="0 mg"), "treatment[0].dose", "> 0"),
    ("dose_nan", _treatment(dose="nan mg"), "treatment[0].dose", "mg/kg"),
    ("dose_inf", _treatment(dose="1e999 mg"), "treatment[0].dose", "finite"),
    ("dose_no_unit", _treatment(dose="210"), "treatment[0].dose", "no unit"),
    ("dose_unknown_unit", _treatment(dose="210 mL"), "treatment[0].dose", "mg, g, µg"),
    ("dose_number", _treatment(dose=210), "treatment[0].dose", "mg/kg"),
    ("dose_empty", _treatment(dose=""), "treatment[0].dose", "mg/kg"),
    ("dose_above_max", _treatment(dose="1.5 g"), "treatment[0].dose", "1000 mg"),
    ("dose_mg_per_kg_no_weight", _treatment(dose="3 mg/kg"), "treatment[0].dose", "weight_kg"),
    ("route_mismatch", _treatment(route="iv"), "treatment[0].route", "'sc'"),
    ("times_and_duration", _treatment(duration="12 months"), "treatment[0]", "not both"),
    ("times_zero", _treatment(times=0), "treatment[0].times", "integer from 1"),
    ("times_float", _treatment(times=12.0), "treatment[0].times", "integer from 1"),
    ("times_string", _treatment(times="12"), "treatment[0].times", "integer from 1"),
    ("times_bool", _treatment(times=True), "treatment[0].times", "integer from 1"),
    ("times_without_every", _delete("treatment", "every"), "treatment[0].times", "every"),
    ("every_without_count", _delete("treatment", "times"), "treatment[0].every", "times"),
    ("every_zero", _treatment(every="0 days"), "treatment[0].every", "> 0"),
    ("every_negative", _treatment(every="-1 month"), "treatment[0].every", "> 0"),
    ("every_bad_unit", _treatment(every="1 fortnight"), "treatment[0].every", "week(s)"),
    ("every_no_unit", _treatment(every="30"), "treatment[0].every", "no unit"),
    ("every_number", _treatment(every=30), "treatment[0].every", "month(s)"),
    ("start_negative", _treatment(start="-1 days"), "treatment[0].start", ">= 0"),
    ("start_after_end", _treatment(start="25 months"), "treatment[0].start", "< simulation.duration"),
    ("treatment_unknown_key", _treatment(frequency="monthly"), "treatment[0].frequency",
     "allowed: drug, dose"),
    ("duration_missing", _delete("simulation", "duration"), "simulation.duration", "100 years"),
    ("duration_zero", _set("simulation", "duration", "0 days"), "simulation.duration", "> 0"),
    ("duration_too_long", _set("simulation", "duration", "101 years"), "simulation.duration",
     "<= 100 years"),
    ("duration_garbage", _set("simulation", "duration", "forever"), "simulation.duration", "day(s)"),
    ("output_every_zero", _set("simulation", "output_every", "0 days"), "simulation.output_every",
     "> 0"),
    ("output_every_longer", _set("simulation", "output_every", "25 months"),
     "simulation.output_every", "<= duration"),
    ("simulation_unknown_key", _set("simulation", "solver", "cvode"), "simulation.solver",
     "allowed: duration, output_every"),
]


@pytest.mark.parametrize("mutate, path, allowed", [c[1:] for c in ERROR_CASES],
                         ids=[c[0] for c in ERROR_CASES])
def test_invalid_field_is_an_error_naming_the_field_and_the_allowed_values(mutate, path, allowed):
    data = base()
    mutate(data)
    err = errors_of(data)
    matching = [e for e in err.errors if e.startswith(path)]
    assert matching, err.errors
    assert any(allowed in e for e in matching), matching


def test_error_in_second_treatment_names_its_index():
    data = base()
    data["treatment"].append({"drug": "denosumab", "dose": "60 furlongs"})
    err = errors_of(data)
    assert [e.split(":")[0] for e in err.errors] == ["treatment[1].dose"]


def test_invalid_weight_does_not_add_a_spurious_missing_weight_error():
    data = base()
    data["patient"]["weight_kg"] = 500
    data["treatment"][0]["dose"] = "1 mg/kg"
    err = errors_of(data)
    assert [e.split(":")[0] for e in err.errors] == ["patient.weight_kg"]


def test_infusions_may_not_overlap():
    data = base()
    data["treatment"][0].update(drug="slow_infusion", every="1 day", route="iv")
    err = errors_of(data)
    assert any(e.startswith("treatment[0].every") and "infusion" in e for e in err.errors)
    data["treatment"][0]["every"] = "2 days"
    assert load(data).treatments[0].every_days == 2.0


@pytest.mark.parametrize("name", ["perturbations", "Patient", "treatments", "exercises"])
def test_unknown_section_is_named_with_the_allowed_sections(name):
    data = base()
    data[name] = {}
    err = errors_of(data)
    assert any(e.startswith(name) and
               "allowed: patient, simulation, treatment, exercise, immobilisation, disease_course, "
               "perturbation" in e
               for e in err.errors)


@pytest.mark.parametrize("section", ["patient", "simulation"])
def test_required_sections(section):
    data = base()
    del data[section]
    err = errors_of(data)
    assert any(e.startswith(section) and "required" in e for e in err.errors)


def test_sections_of_the_wrong_shape():
    data = base()
    data["patient"] = 5
    data["treatment"] = {"drug": "romosozumab", "dose": "210 mg"}  # [treatment], not [[treatment]]
    err = errors_of(data)
    assert any(e.startswith("patient") and "table" in e for e in err.errors)
    assert any(e.startswith("treatment") and "[[treatment]]" in e for e in err.errors)
    data = base()
    data["treatment"] = ["romosozumab"]
    assert errors_of(data).errors[0].startswith("treatment[0]")
    with pytest.raises(ScenarioError):
        load_scenario(["not", "a", "mapping"], drugs=FAKE_DRUGS)  # type: ignore[arg-type]


def test_nan_and_inf_anywhere_in_toml_are_errors():
    text = CONTRACT.replace("age_years = 71", "age_years = nan\nweight_kg = inf")
    with pytest.raises(ScenarioError) as info:
        scenario_from_toml_text(text, drugs=FAKE_DRUGS)
    assert any(e.startswith("patient.age_years") and "not finite" in e for e in info.value.errors)
    assert any(e.startswith("patient.weight_kg") and "not finite" in e for e in info.value.errors)


def test_malformed_toml_reports_line_and_column(tmp_path):
    text = CONTRACT.replace('dose = "210 mg"', "dose = 210 mg")
    with pytest.raises(ScenarioError, match=r"malformed TOML.*line 7, column"):
        scenario_from_toml_text(text, drugs=FAKE_DRUGS)
    f = tmp_path / "bad.toml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError, match=r"bad\.toml.*line 7"):
        load_scenario(f, drugs=FAKE_DRUGS)


def test_unreadable_files_are_scenario_errors(tmp_path):
    with pytest.raises(ScenarioError, match="missing.toml"):
        load_scenario(tmp_path / "missing.toml", drugs=FAKE_DRUGS)
    f = tmp_path / "latin1.toml"
    f.write_bytes(CONTRACT.replace('"female"', '"f\xe9male"').encode("latin-1"))
    with pytest.raises(ScenarioError, match="cannot read"):
        load_scenario(f, drugs=FAKE_DRUGS)


# --------------------------------------------------------------------------------- patient


def test_sex_is_case_insensitive_and_normalised():
    data = base()
    data["patient"]["sex"] = "Male"
    p = load(data).patient
    assert p.sex == "male" and p.menopause_age_years is None and p.years_since_menopause is None


def test_menopause_default_explicit_and_premenopausal_women():
    data = base()
    data["patient"].update(age_years=45, menopause_age_years=52)
    p = load(data).patient
    assert p.menopause_age_years == 52.0 and p.years_since_menopause == -7.0
    assert DEFAULT_MENOPAUSE_AGE_YEARS == 51.0


def test_optional_patient_fields_are_kept():
    data = base()
    data["patient"].update(weight_kg=62.5, height_m=1.58, femoral_neck_t_score=-2.7,
                           total_hip_bmd_g_cm2=0.70, lumbar_spine_bmd_g_cm2=0.81)
    p = load(data).patient
    assert (p.weight_kg, p.height_m, p.femoral_neck_t_score, p.total_hip_bmd_g_cm2,
            p.lumbar_spine_bmd_g_cm2) == (62.5, 1.58, -2.7, 0.70, 0.81)


@pytest.mark.parametrize("age", [18, 110, 18.0, 110.0])
def test_age_range_is_inclusive(age):
    data = base()
    data["patient"]["age_years"] = age
    assert load(data).patient.age_years == float(age)


def test_patient_constructor_validates_and_defaults():
    assert Patient("FEMALE", 71) == Patient("female", 71.0, menopause_age_years=51.0)
    with pytest.raises(ScenarioError, match="patient.menopause_age_years"):
        Patient("male", 70, menopause_age_years=50)
    with pytest.raises(ScenarioError, match="patient.age_years"):
        Patient("female", 12)
    with pytest.raises(ScenarioError, match="patient.sex"):
        Patient("x", 50)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------- doses


@pytest.mark.parametrize("text, weight, mg", [
    ("210 mg", None, 210.0),
    ("210mg", None, 210.0),
    ("  60 MG ", None, 60.0),
    ("20 µg", None, 0.02),       # U+00B5 micro sign
    ("20 μg", None, 0.02),       # U+03BC Greek mu
    ("20 ug", None, 0.02),
    ("20 mcg", None, 0.02),
    ("0.07 g", None, 70.0),
    ("1.5e2 mg", None, 150.0),
    ("5 mg/kg", 70.0, 350.0),
    ("5 mg / kg", 62.0, 310.0),
    ("0.5 mg/kg", 80.0, 40.0),
])
def test_parse_dose_units(text, weight, mg):
    assert parse_dose(text, "x.dose", weight) == pytest.approx(mg, rel=1e-12)


@pytest.mark.parametrize("text", ["", "mg", "210", "-1 mg", "0 ug", "nan mg", "inf mg", "1e400 mg",
                                  "210 kg", "210 mg/kgx", "2 1 0 mg", "210 mg mg", "1,000 mg"])
def test_parse_dose_rejects(text):
    with pytest.raises(ScenarioError, match=r"^x\.dose: "):
        parse_dose(text, "x.dose", 70.0)


def test_mg_per_kg_dose_uses_the_patient_weight_and_is_checked_against_the_maximum():
    data = base()
    data["patient"]["weight_kg"] = 70
    data["treatment"][0]["dose"] = "3 mg/kg"
    assert load(data).treatments[0].dose_mg == pytest.approx(210.0)
    data["treatment"][0]["dose"] = "15 mg/kg"  # 1050 mg > 1000 mg maximum: error, not clipped
    err = errors_of(data)
    assert err.errors[0].startswith("treatment[0].dose") and "1050 mg" in err.errors[0]


def test_microgram_dose_in_a_scenario():
    data = base()
    data["treatment"] = [{"drug": "teriparatide", "dose": "20 µg", "every": "1 day",
                          "duration": "18 months"}]
    t = load(data).treatments[0]
    assert t.dose_mg == pytest.approx(0.02)
    assert t.every_days == 1.0 and t.n_doses == math.ceil(18 * MONTH) == 548


def test_dose_at_the_maximum_is_accepted_and_just_above_is_not():
    data = base()
    data["treatment"][0]["dose"] = "1 g"
    assert load(data).treatments[0].dose_mg == 1000.0
    data["treatment"][0]["dose"] = "1000.001 mg"
    assert errors_of(data).errors[0].startswith("treatment[0].dose")


# --------------------------------------------------------------------------------- timing


@pytest.mark.parametrize("text, days", [
    ("1 day", 1.0), ("1 days", 1.0), ("3 Days", 3.0), ("2 weeks", 14.0), ("1 week", 7.0),
    ("1 month", MONTH), ("6 months", 6 * MONTH), ("6 months", 182.625), ("1 year", 365.25),
    ("2.5 years", 913.125), ("0 days", 0.0), (" 12months ", 365.25), ("0.5 month", MONTH / 2),
])
def test_parse_duration(text, days):
    assert parse_duration(text, "f") == days


@pytest.mark.parametrize("text", ["", "month", "12", "-1 day", "1 fortnight", "1 hr", "nan days",
                                  "1e400 years", "1 month 2 days", "1 d"])
def test_parse_duration_rejects(text):
    with pytest.raises(ScenarioError, match=r"^sim\.x: "):
        parse_duration(text, "sim.x")


def test_monthly_doses_use_365_25_over_12_days_from_the_start():
    data = base()
    data["treatment"][0].update(start="2 months", times=3)
    t = load(data).treatments[0]
    assert t.dose_times_days() == (2 * MONTH, 3 * MONTH, 4 * MONTH)
    assert t.dose_times_days() == (60.875, 91.3125, 121.75)


@pytest.mark.parametrize("every, duration, n", [
    ("1 month", "12 months", 12),   # end point excluded
    ("1 month", "1 year", 12),      # 365.25 / 30.4375 is exactly 12
    ("1 month", "365 days", 12),    # 11.99 intervals -> doses 0..11
    ("1 month", "12.5 months", 13),
    ("6 months", "2 years", 4),
    ("1 year", "2 weeks", 1),       # shorter than one interval: the first dose only
    ("1 day", "1 week", 7),         # daily dosing
    ("1 week", "70 days", 10),
])
def test_every_with_duration_counts_doses_strictly_before_the_end(every, duration, n):
    data = base()
    t0 = data["treatment"][0]
    del t0["times"]
    t0.update(every=every, duration=duration, start="3 days")
    t = load(data).treatments[0]
    assert t.n_doses == n
    times = t.dose_times_days()
    assert len(times) == n and times[0] == 3.0
    end = 3.0 + parse_duration(duration, "d")
    assert times[-1] < end


def test_single_dose_without_every():
    data = base()
    data["treatment"] = [{"drug": "zoledronic_acid", "dose": "5 mg", "start": "1 week",
                          "route": "iv"}]
    t = load(data).treatments[0]
    assert (t.every_days, t.n_doses, t.dose_times_days()) == (None, 1, (7.0,))


def test_every_with_times_one():
    data = base()
    data["treatment"][0]["times"] = 1
    t = load(data).treatments[0]
    assert t.n_doses == 1 and t.dose_times_days() == (0.0,)


def test_combined_treatments_keep_file_order_and_dose_events_are_time_sorted():
    text = CONTRACT.replace("[simulation]", textwrap.dedent("""\
        [[treatment]]
        drug = "denosumab"
        dose = "60 mg"
        every = "6 months"
        duration = "2 years"
        start = "12 months"
        route = "sc"

        [[treatment]]
        drug = "alendronate"
        dose = "70 mg"
        every = "1 week"
        times = 3
        start = "0.5 months"

        [simulation]"""))
    sc = scenario_from_toml_text(text, drugs=FAKE_DRUGS)
    assert [t.drug for t in sc.treatments] == ["romosozumab", "denosumab", "alendronate"]
    assert sc.treatments[1].n_doses == 4
    assert sc.treatments[1].dose_times_days()[0] == 12 * MONTH
    events = sc.dose_events()
    assert len(events) == 12 + 4 + 3
    assert [e[0] for e in events] == sorted(e[0] for e in events)
    # denosumab's last dose (30 months) lies beyond the 24-month horizon: kept in the description
    assert events[-1] == (12 * MONTH + 3 * 6 * MONTH, "denosumab", 60.0)


def test_no_treatment():
    data = base()
    del data["treatment"]
    sc = load(data)
    assert sc.treatments == () and sc.dose_events() == []
    data["treatment"] = []
    assert load(data) == sc


# --------------------------------------------------------------------------------- simulation


def test_output_every_defaults_to_one_month():
    data = base()
    del data["simulation"]["output_every"]
    assert load(data).simulation.output_every_days == MONTH


def test_output_times_include_the_end_point():
    s = SimulationSpec(duration_days=10.0, output_every_days=3.0)
    assert s.output_times().tolist() == [0.0, 3.0, 6.0, 9.0, 10.0]
    assert SimulationSpec(10.0, 10.0).output_times().tolist() == [0.0, 10.0]
    assert SimulationSpec(10.0, 5.0).output_times().tolist() == [0.0, 5.0, 10.0]
    weekly = SimulationSpec(YEAR, 7.0).output_times()
    assert len(weekly) == 54 and weekly[-2] == 364.0 and weekly[-1] == YEAR


def test_output_times_snap_onto_the_end_despite_rounding():
    s = SimulationSpec(duration_days=1.0, output_every_days=0.1)  # 10 * 0.1 != 1.0 in floats
    out = s.output_times()
    assert len(out) == 11 and out[-1] == 1.0


def test_simulation_spec_constructor_validates():
    with pytest.raises(ScenarioError):
        SimulationSpec(0.0)
    with pytest.raises(ScenarioError):
        SimulationSpec(10.0, 11.0)
    with pytest.raises(ScenarioError):
        SimulationSpec(101 * YEAR)


def test_treatment_constructor_validates():
    with pytest.raises(ScenarioError, match="every_days"):
        Treatment("denosumab", 60.0, n_doses=2)
    with pytest.raises(ScenarioError, match="dose_mg"):
        Treatment("denosumab", float("nan"))
    with pytest.raises(ScenarioError, match="start_days"):
        Treatment("denosumab", 60.0, start_days=-1.0)


# --------------------------------------------------------------------------------- round trip


def test_to_dict_and_to_toml_round_trip():
    text = CONTRACT.replace("age_years = 71", 'age_years = 71\nweight_kg = 64.2\n'
                            'femoral_neck_bmd_g_cm2 = 0.58')
    sc = scenario_from_toml_text(text, drugs=FAKE_DRUGS)
    d = sc.to_dict()
    assert load(d) == sc
    assert load(copy.deepcopy(d)) == sc
    assert scenario_from_toml_text(sc.to_toml(), drugs=FAKE_DRUGS) == sc
    assert tomllib.loads(sc.to_toml()) == d


def test_dataclasses_are_frozen():
    sc = scenario_from_toml_text(CONTRACT, drugs=FAKE_DRUGS)
    with pytest.raises(dataclasses.FrozenInstanceError):
        sc.patient.age_years = 50  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        sc.treatments[0].dose_mg = 1.0  # type: ignore[misc]


# --------------------------------------------------------------------------------- properties

UNITS = [("day", 1.0), ("days", 1.0), ("week", 7.0), ("weeks", 7.0), ("month", MONTH),
         ("months", MONTH), ("year", YEAR), ("years", YEAR)]


def _case(s: str, flips: list[bool]) -> str:
    return "".join(c.upper() if f else c for c, f in zip(s, flips + [False] * len(s)))


@given(value=st.one_of(st.integers(0, 10**6), st.floats(0, 1e6, allow_nan=False)),
       unit=st.sampled_from(UNITS), flips=st.lists(st.booleans(), max_size=6),
       pad=st.sampled_from(["", " ", "  "]), sep=st.sampled_from(["", " ", "\t"]))
def test_property_valid_duration_strings_give_the_right_days(value, unit, flips, pad, sep):
    name, factor = unit
    text = f"{pad}{value!r}{sep}{_case(name, flips)}{pad}"
    assert parse_duration(text, "f") == float(value) * factor


@given(st.text(max_size=30), st.sampled_from([None, 70.0]))
def test_property_garbage_dose_strings_only_raise_scenario_error(text, weight):
    try:
        mg = parse_dose(text, "t.dose", weight)
    except ScenarioError as exc:
        assert str(exc).startswith("t.dose: ")
    else:
        assert math.isfinite(mg) and mg > 0


DOSE_LIKE = st.from_regex(r"\A[ +\-]?[0-9.eE]{0,6} ?(mg|g|µg|ug|mcg|mg/kg|MG|kg|m|/kg|)?\Z")


@given(DOSE_LIKE, st.sampled_from([None, 70.0]))
def test_property_near_miss_dose_strings_only_raise_scenario_error(text, weight):
    try:
        mg = parse_dose(text, "t.dose", weight)
    except ScenarioError as exc:
        assert str(exc).startswith("t.dose: ")
    else:
        assert math.isfinite(mg) and mg > 0


@given(st.text(max_size=20))
def test_property_garbage_duration_strings_only_raise_scenario_error(text):
    try:
        days = parse_duration(text, "f")
    except ScenarioError as exc:
        assert str(exc).startswith("f: ")
    else:
        assert math.isfinite(days) and days >= 0


ANY_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(), st.text(max_size=8)),
    lambda inner: st.one_of(st.lists(inner, max_size=3),
                            st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=6)
FIELDS = ([("patient", k) for k in ("sex", "age_years", "weight_kg", "menopause_age_years",
                                     "femoral_neck_t_score", "extra")]
          + [("treatment", k) for k in ("drug", "dose", "every", "times", "duration", "start",
                                       "route", "extra")]
          + [("simulation", k) for k in ("duration", "output_every", "extra")]
          + [(None, k) for k in ("patient", "treatment", "simulation", "extra")])


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=300)
@given(st.sampled_from(FIELDS), ANY_VALUE)
def test_property_any_value_in_any_field_is_accepted_or_a_scenario_error(where, value):
    section, key = where
    data = base()
    target = data if section is None else (data["treatment"][0] if section == "treatment"
                                           else data[section])
    target[key] = value
    try:
        sc = load(data)
    except ScenarioError as exc:
        assert exc.errors and all(isinstance(e, str) and e for e in exc.errors)
    else:
        assert load(sc.to_dict()) == sc


def _duration_text(days_strategy):
    return days_strategy.map(lambda d: f"{d!r} days")


@st.composite
def scenarios(draw):
    sex = draw(st.sampled_from(["female", "male"]))
    patient = {"sex": sex, "age_years": draw(st.floats(18, 110))}
    if draw(st.booleans()):
        patient["weight_kg"] = draw(st.floats(30, 250))
    if sex == "female" and draw(st.booleans()):
        patient["menopause_age_years"] = draw(st.integers(35, 60))
    if draw(st.booleans()):
        patient["femoral_neck_t_score"] = draw(st.floats(-6, 4))
    duration = draw(st.floats(1.0, 10 * YEAR))
    treatments = []
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.sampled_from(["romosozumab", "denosumab", "alendronate", "teriparatide"]))
        t = {"drug": name,
             "dose": f"{draw(st.floats(0.001, 1.0))!r} mg",
             "start": f"{draw(st.floats(0, duration * 0.99))!r} days"}
        kind = draw(st.sampled_from(["single", "times", "duration"]))
        if kind != "single":
            t["every"] = draw(st.sampled_from(["1 day", "1 week", "1 month", "6 months", "1 year"]))
            if kind == "times":
                t["times"] = draw(st.integers(1, 50))
            else:
                t["duration"] = draw(st.sampled_from(["1 month", "12 months", "2 years", "90 days"]))
        treatments.append(t)
    sim = {"duration": f"{duration!r} days",
           "output_every": f"{draw(st.floats(0.01, 1.0)) * duration!r} days"}
    return {"patient": patient, "treatment": treatments, "simulation": sim}


@settings(max_examples=150)
@given(scenarios())
def test_property_valid_scenarios_round_trip_through_dict_and_toml(data):
    sc = load(data)
    assert load(sc.to_dict()) == sc
    assert scenario_from_toml_text(sc.to_toml(), drugs=FAKE_DRUGS) == sc


@given(duration=st.floats(1e-3, 100 * YEAR), fraction=st.floats(1e-4, 1.0))
def test_property_output_grid(duration, fraction):
    every = duration * fraction
    out = SimulationSpec(duration, every).output_times()
    assert out[0] == 0.0 and out[-1] == duration
    steps = np.diff(out)
    assert np.all(steps > 0)
    assert np.allclose(steps[:-1], every, rtol=1e-9, atol=0)
    assert steps[-1] <= every * (1 + 1e-9)


@given(start=st.floats(0, 1000), every=st.floats(0.5, 400), period=st.floats(0.5, 4000))
def test_property_dose_count_for_every_and_duration(start, every, period):
    data = base()
    data["simulation"]["duration"] = "100 years"
    data["treatment"] = [{"drug": "denosumab", "dose": "60 mg", "start": f"{start!r} days",
                          "every": f"{every!r} days", "duration": f"{period!r} days"}]
    t = load(data).treatments[0]
    times = t.dose_times_days()
    end = start + period
    assert len(times) == t.n_doses >= 1 and times[0] == start
    assert all(x < end + 1e-9 * period for x in times)          # strictly before the end (up to rounding)
    if t.n_doses > 1:
        assert start + t.n_doses * every >= end - 1e-9 * period  # the next one would not be
