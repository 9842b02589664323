"""Crosstalk, immune and disease layer: regression, edge signs, diseases, drugs, perturbations."""

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scenario_helpers import assert_scenario_error_names_field

from myosteo.cli import main
from myosteo.engine.simulator import Run
from myosteo.model.library import standard_model
from myosteo.model.modules.crosstalk import PERTURBABLE
from myosteo.network import edge_table
from myosteo.outputs import COLUMNS, default_simulator, simulate_scenarios
from myosteo.scenario import ScenarioError, load_scenario, scenario_from_toml_text
from myosteo.validation.crosstalk import CASES, crosstalk_comparison, crosstalk_targets

ROOT = Path(__file__).resolve().parents[1]
LAYER = ("crosstalk", "immune", "endocrine")

# ------------------------------------------------------------------ healthy behaviour unchanged


CORE_OUTPUTS = ["bmd_lumbar_spine", "bmd_total_hip", "bmd_femoral_neck", "formation_rel", "resorption_rel",
                "alm_rel", "grip_strength_rel", "knee_strength_rel"]


def _core_runs(spec_model_has_crosstalk: bool):
    from myosteo.engine.simulator import Dose
    from myosteo.model.drugs import DRUGS

    runs = []
    for sex, age, dmab in (("female", 30, False), ("female", 65, False), ("male", 75, False), ("female", 65, True)):
        t0 = (age - 20) * 365.25
        params = {"sex_female": float(sex == "female")}
        if spec_model_has_crosstalk:
            params["scenario_start_age_years"] = float(age)
        doses = (Dose(t0, "dmab_sc", 60 * DRUGS["denosumab"].amount_per_mg),) if dmab else ()
        runs.append(Run(parameters=params, doses=doses, t0=t0))
    return runs


def test_healthy_behaviour_is_unchanged_by_the_crosstalk_layer():
    """Healthy people (untreated; on denosumab) simulated with and without the immune, endocrine
    and crosstalk modules: bone and muscle agree within 1e-4 relative over 2 years untreated.
    On denosumab, bone within 0.05 %; muscle strength rises by at most 5 % (the RANKL fall now reaches
    muscle: Bonnet 2019) and lean mass changes < 1 %."""
    from myosteo.engine.simulator import Simulator
    from myosteo.model.library import core_model

    times = np.linspace(0, 730.5, 9)
    core = Simulator(core_model()).simulate(_core_runs(False), times, CORE_OUTPUTS, n_workers=1)
    full = default_simulator().simulate(_core_runs(True), times, CORE_OUTPUTS, n_workers=1)
    rel = np.abs(full / core - 1)
    assert rel[:3].max() < 1e-4, rel[:3].max(axis=(0, 1))
    assert rel[3, :, :5].max() < 5e-4
    assert rel[3, :, 5].max() < 1e-2
    gain = full[3, :, 6:] / core[3, :, 6:] - 1
    assert gain.min() > -0.01 and 0.005 < gain.max() < 0.05  # rebound after a single dose: small loss


# ------------------------------------------------------------------------------ the edge table


def test_the_crosstalk_table_has_at_least_30_cited_edges():
    t = edge_table()
    layer = t[t["module"].isin(LAYER + ("muscle",))]
    assert len(layer) >= 30
    assert layer["citation"].str.len().min() > 5
    assert set(layer["evidence"]) <= {"human", "animal", "in vitro", "model"}
    contested = t[t["contested"]]
    assert {"FGF21", "irisin", "sclerostin", "glucocorticoid"} <= set(contested["source"])


def test_network_command_writes_table_and_figure(tmp_path):
    assert main(["network", "-o", str(tmp_path)]) == 0
    t = pd.read_csv(tmp_path / "edges.csv")
    assert len(t) >= 30 and {"source", "target", "sign", "evidence", "citation"} <= set(t.columns)
    assert (tmp_path / "network.png").stat().st_size > 10_000


#: edge source -> (parameter, perturbed value or ("x", factor)); "x" multiplies the default
SOURCE = {
    "TNF-alpha": ("perturb_tnf_alpha", ("x", 2.0)), "IL-6": ("perturb_il6", ("x", 2.0)),
    "IL-17": ("perturb_il17", ("x", 2.0)), "IL-1beta": ("perturb_il1b", ("x", 2.0)),
    "glucocorticoid": ("perturb_glucocorticoid", ("x", 3.0)), "insulin": ("perturb_insulin", ("x", 0.5)),
    "IGF-1": ("perturb_igf1", ("x", 2.0)), "myostatin": ("perturb_myostatin", ("x", 2.0)),
    "irisin": ("perturb_irisin", ("x", 2.0)), "mechanical loading": ("perturb_mechanical_loading", ("x", 0.5)),
    "RANKL": ("perturb_rankl", ("x", 2.0)), "osteocalcin": ("perturb_osteocalcin", ("x", 2.0)),
    "FGF21": ("perturb_fgf21", ("x", 2.0)), "leptin": ("perturb_leptin", ("x", 2.0)),
    "adiponectin": ("perturb_adiponectin", ("x", 2.0)), "sclerostin": ("perturb_sclerostin", ("x", 2.0)),
    "intestinal inflammation": ("disease_drive_gut", 1.0), "disuse": ("disuse_leg_index", 1.0),
    "exercise": ("resistance_sessions_per_week", 3.0), "bone resorption": ("estrogen_rel_override", 0.1),
    "endurance exercise": ("endurance_sessions_per_week", 3.0), "protein intake": ("protein_g_kg_day", 1.6),
    "resistance exercise": ("resistance_sessions_per_week", 3.0),
}


def _perturbed_edges():
    out = []
    for e in standard_model().edges:
        if e.module in LAYER + ("muscle",) and e.source in SOURCE and e.rule:
            out.append(e)
    return out


def test_every_crosstalk_layer_edge_has_a_perturbation():
    missing = [f"{e.source} -> {e.target}" for e in standard_model().edges
               if e.module in LAYER and (e.source not in SOURCE or not e.rule)]
    assert not missing, missing
    assert len(_perturbed_edges()) >= 30


@pytest.mark.parametrize("edge", _perturbed_edges(), ids=lambda e: f"{e.source}->{e.target}")
def test_edge_sign(edge):
    """Perturb the source node of each edge for 30 days (from the young-adult steady state) and
    check the direction of the rule that implements it."""
    pm = standard_model().parameter_map
    name, how = SOURCE[edge.source]
    value = pm[name].value * how[1] if isinstance(how, tuple) else how
    up = np.sign(value - pm[name].value)
    base = {s: 1.0 for s in edge.parameters if s.startswith("switch_")}  # contested edges switched on
    runs = [Run(parameters=base), Run(parameters={**base, name: value})]
    y = default_simulator().simulate(runs, [0.0, 30.0], [edge.rule], n_workers=1)
    change = y[1, -1, 0] - y[0, -1, 0]
    assert abs(change) > 1e-9 * max(1.0, abs(y[0, -1, 0])), "no effect"
    assert np.sign(change) == edge.sign * up


def test_contested_edges_are_off_by_default():
    pm = standard_model().parameter_map
    for e in standard_model().edges:
        if e.contested:
            switches = [p for p in e.parameters if p.startswith("switch_")]
            assert switches and all(pm[s].value == 0.0 for s in switches), e


# -------------------------------------------------------------------------------- validation


@pytest.fixture(scope="module")
def comparison():
    return crosstalk_comparison()


KNOWN_MISSES = {"gough_ra_hip", "tournadre_tcz_alm", "gc_p1np"}


def test_crosstalk_targets_have_designs_and_citations():
    tg = crosstalk_targets()
    assert set(tg["id"]) == set(CASES)
    assert tg["citation"].str.len().min() > 10


def test_calibration_targets_are_met(comparison):
    fit = comparison[comparison["use"] == "fit"]
    missed = fit.loc[~fit["met"], ["id", "observed", "simulated", "tolerance"]]
    assert missed.empty, f"not met:\n{missed}"


def test_held_out_targets_are_met_except_documented_misses(comparison):
    val = comparison[comparison["use"] == "validate"]
    missed = set(val.loc[~val["met"], "id"])
    assert missed <= KNOWN_MISSES, missed - KNOWN_MISSES


# ------------------------------------------------------------------------------- diseases


def _run(patients: dict[str, dict], months: int = 24, every: str = "3 months") -> pd.DataFrame:
    scs = [load_scenario({"patient": p.get("patient", p), "treatment": p.get("treatment", []),
                          "simulation": {"duration": f"{months} months", "output_every": every}})
           for p in patients.values()]
    df = simulate_scenarios(scs, n_workers=1)
    df.insert(0, "case", [list(patients)[i] for i in df["patient"]])
    return df.groupby("case").last()


RA = {"sex": "female", "age_years": 56, "disease": "rheumatoid_arthritis", "weight_kg": 70}


def test_rheumatoid_arthritis_activity_treatment_and_glucocorticoids():
    end = _run({
        "healthy": {"sex": "female", "age_years": 56, "weight_kg": 70},
        "high": {**RA, "disease_activity": "high"},
        "remission": {**RA, "disease_activity": "remission"},
        "adalimumab": {"patient": {**RA, "disease_activity": "high"},
                       "treatment": [{"drug": "adalimumab", "dose": "40 mg", "every": "2 weeks", "times": 52}]},
        "prednisolone": {"patient": {**RA, "disease_activity": "high"},
                         "treatment": [{"drug": "prednisolone", "dose": "7.5 mg", "every": "1 day", "duration": "24 months"}]},
    })
    for col in ("bmd_total_hip_pct_change", "bmd_lumbar_spine_pct_change", "alm_relative_to_young"):
        assert end.loc["high", col] < end.loc["remission", col] < end.loc["healthy", col] + 1e-9, col
        assert end.loc["adalimumab", col] > end.loc["high", col], col
    assert end.loc["prednisolone", "bmd_lumbar_spine_pct_change"] < end.loc["high", "bmd_lumbar_spine_pct_change"]
    assert end.loc["high", "crp_mg_l"] > 5 * end.loc["healthy", "crp_mg_l"]
    assert end.loc["adalimumab", "das28_crp"] < end.loc["high", "das28_crp"] - 1.0
    assert end.loc["prednisolone", "crp_mg_l"] < end.loc["high", "crp_mg_l"]


def test_ibd_and_t1d():
    end = _run({
        "healthy": {"sex": "male", "age_years": 35},
        "crohns": {"sex": "male", "age_years": 35, "disease": "crohns_disease", "cdai": 400},
        "colitis": {"sex": "male", "age_years": 35, "disease": "ulcerative_colitis", "mayo": 9},
        "t1d": {"sex": "male", "age_years": 35, "disease": "type1_diabetes", "disease_onset_age_years": 20},
    })
    for case in ("crohns", "colitis"):
        assert end.loc[case, "calprotectin_ug_g"] > 500
        assert end.loc[case, "bmd_lumbar_spine_pct_change"] < end.loc["healthy", "bmd_lumbar_spine_pct_change"]
        assert end.loc[case, "alm_relative_to_young"] < end.loc["healthy", "alm_relative_to_young"]
    assert 6.5 < end.loc["t1d", "hba1c_pct"] < 9.5
    assert end.loc["t1d", "femoral_neck_bmd_g_cm2"] < end.loc["healthy", "femoral_neck_bmd_g_cm2"]


def test_insulin_dose_in_units_restores_insulin_action():
    text = """
[patient]
sex = "female"
age_years = 40
disease = "type1_diabetes"
t1d_usual_insulin = false

[[treatment]]
drug = "insulin"
dose = "{dose}"
every = "1 day"
duration = "6 months"

[simulation]
duration = "6 months"
"""
    low = simulate_scenarios([scenario_from_toml_text(text.format(dose="10 U"))], n_workers=1)
    high = simulate_scenarios([scenario_from_toml_text(text.format(dose="40 U"))], n_workers=1)
    assert high["hba1c_pct"].iloc[-1] < low["hba1c_pct"].iloc[-1]
    assert high["insulin_action_relative"].iloc[-1] > low["insulin_action_relative"].iloc[-1]
    with pytest.raises(ScenarioError, match=r"treatment\[0\].dose"):
        scenario_from_toml_text(text.format(dose="40 U").replace('"insulin"', '"denosumab"'))


def test_perturbation_knocks_out_sclerostin():
    base = '[patient]\nsex = "female"\nage_years = 65\n[simulation]\nduration = "12 months"\n'
    ko = base + '[[perturbation]]\nsignal = "sclerostin"\nfactor = 0.0\n'
    a, b = (simulate_scenarios([scenario_from_toml_text(t)], n_workers=1) for t in (base, ko))
    assert b["sclerostin_pmol_l"].iloc[-1] < 0.2 * a["sclerostin_pmol_l"].iloc[-1]
    assert b["bmd_lumbar_spine_pct_change"].iloc[-1] > a["bmd_lumbar_spine_pct_change"].iloc[-1] + 1.0


@pytest.mark.parametrize("block,field", [
    ('[[perturbation]]\nsignal = "sclerotin"\nfactor = 0', "perturbation[0].signal"),
    ('[[perturbation]]\nsignal = "il6"\nfactor = -1', "perturbation[0].factor"),
    ('[[perturbation]]\nsignal = "il6"', "perturbation[0].factor"),
    ('[[perturbation]]\nsignal = "il6"\nfactor = 2\n[[perturbation]]\nsignal = "il6"\nfactor = 3', "perturbation:"),
])
def test_bad_perturbations_name_the_field(block, field):
    assert_scenario_error_names_field(block, field, age_years=60)


@pytest.mark.parametrize("patch,field", [
    ('disease = "lupus"', "patient.disease"),
    ('disease = "rheumatoid_arthritis"\ndisease_activity = "extreme"', "patient.disease_activity"),
    ('disease = "rheumatoid_arthritis"\ndas28 = 12', "patient.das28"),
    ('disease = "crohns_disease"\ndas28 = 4', "patient.das28"),
    ('disease_activity = "high"', "patient.disease_activity"),
    ('disease = "type1_diabetes"\ndisease_onset_age_years = 80', "patient.disease_onset_age_years"),
])
def test_bad_disease_inputs_name_the_field(patch, field):
    assert_scenario_error_names_field(patch, field, age_years=60)


def test_issue_example_scenario_and_disease_course():
    sc = load_scenario(ROOT / "examples" / "rheumatoid_arthritis.toml")
    assert sc.patient.disease == "rheumatoid_arthritis"
    assert scenario_from_toml_text(sc.to_toml()) == sc
    df = simulate_scenarios([sc], n_workers=1)
    for col in ("tnf_alpha_pg_ml", "il6_pg_ml", "sclerostin_pmol_l", "irisin_ng_ml", "osteocalcin_ng_ml",
                "crp_mg_l", "das28_crp", "prednisolone_ng_ml"):
        assert col in df.columns and col in COLUMNS
        assert np.isfinite(df[col]).all()
    assert df["glucocorticoid_relative"].iloc[6] > 2.0


def test_every_perturbable_signal_has_a_parameter():
    pm = standard_model().parameter_map
    for name in PERTURBABLE:
        assert pm[f"perturb_{name}"].varying
