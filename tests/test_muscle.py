"""Muscle module: steady state, aging, disuse, training, drugs, scenario sections, diagnosis."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scenario_helpers import assert_scenario_error_names_field

from myosteo.cli import main
from myosteo.model.core import DAYS_PER_YEAR
from myosteo.model.library import standard_model
from myosteo.engine.simulator import Run
from myosteo.outputs import (DoseEvent, InputChange, PatientSpec, default_simulator, simulate_patients,
                             simulate_scenario)
from myosteo.scenario import load_scenario, scenario_from_toml_text
from myosteo.validation.muscle import CASES, COMPOSITE, muscle_comparison, muscle_targets

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "exercise_bed_rest.toml"
MUSCLE_COLUMNS = ["appendicular_lean_mass_kg", "lean_body_mass_kg", "fat_mass_kg", "grip_strength_kg",
                  "knee_extension_strength_nm", "gait_speed_m_s", "chair_stand_s", "sppb",
                  "lean_body_mass_pct_change"]
# validation rows the model does not meet (documented in docs/validation.md, "Muscle")
KNOWN_MISSES = {"verdijk_rt_leglean", "rooks_bima_tmv4", "ip_gait_decline", "kortebein_10d_strength",
                "heymsfield_bima_lean", "heymsfield_bima_weight"}


@pytest.fixture(scope="module")
def comparison():
    return muscle_comparison()


def test_every_target_row_has_a_design_and_a_citation():
    tg = muscle_targets()
    assert set(tg["id"]) == set(CASES) | set(COMPOSITE)
    assert not set(CASES) & set(COMPOSITE)
    assert tg["citation"].str.len().min() > 10
    assert set(tg["use"]) == {"fit", "validate"}
    assert set(tg["verified"]) <= {"V", "S", "M"}


def test_calibration_targets_are_met(comparison):
    fit = comparison[comparison["use"] == "fit"]
    missed = fit.loc[~fit["met"], ["id", "observed", "simulated", "tolerance"]]
    assert missed.empty, f"calibration targets not met:\n{missed}"


def test_held_out_targets_are_met_except_documented_misses(comparison):
    val = comparison[comparison["use"] == "validate"]
    missed = set(val.loc[~val["met"], "id"])
    assert missed <= KNOWN_MISSES, f"unexpected misses: {missed - KNOWN_MISSES}"


def test_healthy_30_year_old_is_at_steady_state():
    times = np.linspace(0, 10 * DAYS_PER_YEAR, 11)
    df = simulate_patients([PatientSpec("male", 30), PatientSpec("female", 30)], [[], []], times, n_workers=1)
    for _, g in df.groupby("patient"):
        for col in ("appendicular_lean_mass_kg", "grip_strength_kg", "knee_extension_strength_nm",
                    "gait_speed_m_s", "fat_mass_kg"):
            x = g[col].to_numpy()
            assert np.max(np.abs(x / x[0] - 1)) < 0.005, col


def test_seventy_year_old_man_loses_mass_about_1_and_strength_3_to_4_percent_per_year():
    times = np.linspace(0, 3 * DAYS_PER_YEAR, 4)
    g = simulate_patients([PatientSpec("male", 70)], [[]], times, n_workers=1)
    alm = 100 * ((g["appendicular_lean_mass_kg"].iloc[-1] / g["appendicular_lean_mass_kg"].iloc[0]) ** (1 / 3) - 1)
    knee = 100 * ((g["knee_extension_strength_nm"].iloc[-1] / g["knee_extension_strength_nm"].iloc[0]) ** (1 / 3) - 1)
    assert -1.5 < alm < -0.5
    assert -4.5 < knee < -2.8
    assert knee < 2.5 * alm  # strength falls much faster than mass


def test_women_lose_strength_slower_than_men():
    times = np.linspace(0, 3 * DAYS_PER_YEAR, 4)
    df = simulate_patients([PatientSpec("male", 74), PatientSpec("female", 74)], [[], []], times, n_workers=1)
    rate = df.groupby("sex")["knee_extension_strength_nm"].agg(lambda x: x.iloc[-1] / x.iloc[0])
    assert rate["female"] > rate["male"]


def test_example_scenario_training_then_bed_rest():
    df = simulate_scenario(load_scenario(EXAMPLE))
    assert set(MUSCLE_COLUMNS) <= set(df.columns)
    untreated = simulate_scenario(scenario_from_toml_text(EXAMPLE.read_text().split("[[exercise]]")[0]
                                                          + "[simulation]\nduration = \"24 months\"\n"))
    six = int(np.argmin(np.abs(df["time_days"] - 6 * DAYS_PER_YEAR / 12)))
    assert df["knee_extension_strength_nm"].iloc[six] > 1.15 * untreated["knee_extension_strength_nm"].iloc[six]
    assert df["lean_body_mass_kg"].iloc[six] > untreated["lean_body_mass_kg"].iloc[six]
    # bed rest from month 12 for 14 days: the month-12 row is before, month 13 after
    assert df["knee_extension_strength_nm"].iloc[13] < df["knee_extension_strength_nm"].iloc[12]
    assert df["appendicular_lean_mass_kg"].iloc[13] < df["appendicular_lean_mass_kg"].iloc[12]
    assert df["sppb"].between(0, 12).all()
    assert df["weight_kg"].iloc[0] == pytest.approx(78.0)


def test_single_leg_immobilisation_spares_the_other_leg_and_the_arms():
    times = np.linspace(0, 14, 15)
    changes = [InputChange(0, "disuse_leg_index", 1.0), InputChange(14, "disuse_leg_index", 0.0)]
    df = simulate_patients([PatientSpec("male", 23)], [[]], times, n_workers=1, changes=[changes])
    assert df["leg_lean_mass_kg"].iloc[-1] < 0.98 * df["leg_lean_mass_kg"].iloc[0]
    assert df["grip_strength_kg"].iloc[-1] == pytest.approx(df["grip_strength_kg"].iloc[0], rel=1e-3)


@pytest.mark.parametrize("drug,dose,every,n,col", [
    ("bimagrumab", 700.0, 28.0, 3, "bimagrumab_ug_ml"),
    ("ly2495655", 315.0, 28.0, 3, "ly2495655_ug_ml"),
    ("testosterone", 200.0, 14.0, 6, "testosterone_nmol_l"),
    ("enobosarm", 3.0, 1.0, 84, "enobosarm_ng_ml"),
])
def test_each_muscle_drug_raises_lean_mass_from_a_scenario(drug, dose, every, n, col):
    text = f"""
[patient]
sex = "male"
age_years = 72

[[treatment]]
drug = "{drug}"
dose = "{dose} mg"
every = "{every} days"
times = {n}

[simulation]
duration = "12 weeks"
output_every = "1 week"
"""
    df = simulate_scenario(scenario_from_toml_text(text))
    base = simulate_scenario(scenario_from_toml_text(text.split("[[treatment]]")[0]
                                                     + "[simulation]\nduration = \"12 weeks\"\noutput_every = \"1 week\"\n"))
    assert df[col].max() > base[col].max()
    assert df["lean_body_mass_kg"].iloc[-1] > base["lean_body_mass_kg"].iloc[-1] + 0.2


def test_testosterone_enanthate_pk_matches_the_label():
    times = np.arange(0, 28.01, 0.125)
    df = simulate_patients([PatientSpec("female", 30)], [[DoseEvent(0, "testosterone", 250)]], times, n_workers=1)
    exo = (df["testosterone_nmol_l"] - df["testosterone_nmol_l"].iloc[0]) * 0.2884  # ng/mL
    assert 15 < exo.max() < 25  # ~20 ng/mL
    assert 1.5 <= df["time_days"].iloc[int(exo.argmax())] <= 3.0
    day20 = exo[np.isclose(df["time_days"], 20)].iloc[0]
    assert day20 > 1.0  # label: >= 2 ng/mL for 20 days (within a factor 2)


def test_enobosarm_half_life_is_20_hours():
    times = np.arange(0, 5.01, 0.25)
    df = simulate_patients([PatientSpec("male", 60)], [[DoseEvent(0, "enobosarm", 3)]], times, n_workers=1)
    c = df["enobosarm_ng_ml"].to_numpy()
    i2, i4 = np.searchsorted(times, [2.0, 4.0])
    half_life_h = 2 * 24 * np.log(2) / np.log(c[i2] / c[i4])
    assert 18 < half_life_h < 22


def test_habitual_activity_changes_muscle_not_bone_and_training_loads_bone():
    times = np.linspace(0, DAYS_PER_YEAR, 13)
    doses = [DoseEvent(0, "denosumab", 60)]
    pats = [PatientSpec("female", 65), PatientSpec("female", 65, activity="active"), PatientSpec("female", 65)]
    df = simulate_patients(pats, [doses] * 3, times, n_workers=1,
                           changes=[[], [], [InputChange(0, "resistance_sessions_per_week", 3.0)]])
    a, b, c = (df[df["patient"] == i] for i in range(3))
    assert np.allclose(a["bmd_lumbar_spine_pct_change"], b["bmd_lumbar_spine_pct_change"])
    assert b["knee_extension_strength_nm"].iloc[-1] > a["knee_extension_strength_nm"].iloc[-1]
    # resistance training loads the skeleton (crosstalk: loading lowers sclerostin, raises formation)
    assert c["bmd_lumbar_spine_pct_change"].iloc[-1] > a["bmd_lumbar_spine_pct_change"].iloc[-1]


@pytest.mark.parametrize("signal,column,direction", [  # the crosstalk layer drives these signals; its
    ("perturb_myostatin", "alm_rel", -1),                  # perturbation factors move them here
    ("perturb_igf1", "alm_rel", 1),
    ("perturb_insulin", "alm_rel", 1),
    ("perturb_il6", "alm_rel", -1),
    ("perturb_tnf_alpha", "alm_rel", -1),
    ("perturb_glucocorticoid", "alm_rel", -1),
    ("perturb_osteocalcin", "alm_rel", 1),
    ("protein_g_kg_day", "alm_rel", 1),
])
def test_muscle_signal_edges_have_their_sign(signal, column, direction):
    """Doubling a signal for life moves the young-adult-relative lean mass at 60 in the edge's sign."""
    base = standard_model().parameter_map[signal].value
    runs = [Run(parameters={"sex_female": 0.0}), Run(parameters={"sex_female": 0.0, signal: 2.0 * base})]
    y = default_simulator().simulate(runs, [0.0, 40 * DAYS_PER_YEAR], ["alm_rel"], n_workers=1)
    effect = y[1, -1, 0] / y[0, -1, 0] - 1
    assert np.sign(effect) == direction and abs(effect) > 1e-3, effect


def test_muscle_edges_are_cited_and_have_parameters():
    edges = [e for e in standard_model().edges if e.module == "muscle"]
    assert len(edges) >= 15
    names = standard_model().parameter_map
    for e in edges:
        assert e.citation and e.sign in (1, -1)
        assert all(p in names for p in e.parameters)


@pytest.mark.parametrize("patch,field", [
    ('activity = "lazy"', "patient.activity"),
    ("protein_g_kg_day = 5", "patient.protein_g_kg_day"),
    ("weight_kg = 200\nheight_m = 1.2", "patient.weight_kg"),
])
def test_bad_patient_muscle_inputs_name_the_field(patch, field):
    assert_scenario_error_names_field(patch, field, age_years=70)


@pytest.mark.parametrize("block,field", [
    ('[[exercise]]\nkind = "yoga"\nsessions_per_week = 3\nduration = "1 month"', "exercise[0].kind"),
    ('[[exercise]]\nkind = "resistance"\nsessions_per_week = 9\nduration = "1 month"',
     "exercise[0].sessions_per_week"),
    ('[[exercise]]\nkind = "resistance"\nsessions_per_week = 3', "exercise[0].duration"),
    ('[[exercise]]\nkind = "resistance"\nsessions_per_week = 5\nduration = "2 months"\n'
     '[[exercise]]\nkind = "resistance"\nsessions_per_week = 5\nduration = "1 month"', "exercise:"),
    ('[[immobilisation]]\nkind = "cast"\nduration = "5 days"', "immobilisation[0].kind"),
    ('[[immobilisation]]\nkind = "bed_rest"\nstart = "2 years"\nduration = "5 days"', "immobilisation[0].start"),
    ('[[immobilisation]]\nkind = "bed_rest"\nduration = "-5 days"', "immobilisation[0].duration"),
])
def test_bad_exercise_and_immobilisation_blocks_name_the_field(block, field):
    assert_scenario_error_names_field(block, field, age_years=70)


def test_exercise_round_trips_through_toml():
    sc = load_scenario(EXAMPLE)
    assert scenario_from_toml_text(sc.to_toml()) == sc
    assert sc.exercise[0].sessions_per_week == 3.0
    assert sc.immobilisation[0].duration_days == 14.0


def test_simulate_diagnose_labels_every_output_time(tmp_path):
    out = tmp_path / "dx.csv"
    assert main(["simulate", str(EXAMPLE), "-o", str(out), "--diagnose"]) == 0
    df = pd.read_csv(out)
    assert len(df) == 25
    for col in ("ewgsop2", "awgs2019", "fnih2014", "who_bmd", "osteosarcopenia"):
        assert col in df.columns
        assert not df[col].isin(["undetermined", "invalid_input"]).any(), col
