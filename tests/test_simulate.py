"""Scenario -> simulation -> output table, through Python and the CLI."""

import dataclasses
import math
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from myosteo.cli import main
from myosteo.model.drugs import DRUGS
from myosteo.outputs import PatientSpec, simulate_patients, simulate_scenario
from myosteo.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = ROOT / "examples" / "romosozumab.toml"
REQUIRED = ["time_days", "bmd_lumbar_spine_pct_change", "bmd_total_hip_pct_change",
            "bmd_femoral_neck_pct_change", "ctx_pct_change", "p1np_pct_change", "calcium_mmol_l",
            "pth_pmol_l", "femoral_neck_t_score"]


def test_contract_scenario_through_the_cli(tmp_path):
    out = tmp_path / "out.csv"
    assert main(["simulate", str(CONTRACT), "-o", str(out)]) == 0
    df = pd.read_csv(out)
    assert list(df.columns[: len(REQUIRED)]) == REQUIRED or set(REQUIRED) <= set(df.columns)
    assert len(df) == 25  # 0..24 months, monthly
    assert df["time_days"].iloc[-1] == pytest.approx(730.5)
    first = df.iloc[0]
    for col in REQUIRED[1:6]:
        assert first[col] == 0.0
    # romosozumab: spine BMD up, formation spike early, resorption down early
    assert df["bmd_lumbar_spine_pct_change"].iloc[12] > 5.0
    assert df["p1np_pct_change"].iloc[1] > 30.0  # observed ~+100-150 %: a known gap (docs/validation.md)
    # resorption stays below baseline before every monthly dose (Ishibashi 2017 Bone,
    # doi:10.1016/j.bone.2017.07.005: CTX reduced on 70-210 mg monthly). Session 19's early-dip
    # branch failed this (+1 to +6 % from month 2; docs/validation.md); main gives -8 to -13 %.
    assert (df["ctx_pct_change"].iloc[1:13] < -3.0).all(), df["ctx_pct_change"].iloc[1:13].round(1).tolist()
    assert np.isfinite(df.select_dtypes("number").to_numpy()).all()
    # formation peaks within the first dosing interval (weekly read-out of the same scenario)
    sc = load_scenario(CONTRACT)
    weekly = simulate_scenario(dataclasses.replace(sc, simulation=dataclasses.replace(sc.simulation, output_every_days=7.0)))
    first_month = weekly[weekly["time_days"] < 30.0]
    assert first_month["p1np_pct_change"].max() > 50.0


def test_untreated_scenario_is_the_natural_course():
    sc = load_scenario({"patient": {"sex": "female", "age_years": 71},
                        "simulation": {"duration": "2 years", "output_every": "1 year"}})
    df = simulate_scenario(sc)
    assert df["bmd_lumbar_spine_pct_change"].iloc[-1] < 0  # postmenopausal loss continues
    assert df["bmd_total_hip_pct_change"].iloc[-1] > -5


def test_young_adult_is_at_the_published_steady_state_for_10_years():
    times = np.arange(0.0, 10 * 365.25 + 1, 365.25)
    df = simulate_patients([PatientSpec("male", 20.0)], [[]], times, n_workers=1)  # aging starts at 30
    assert df["calcium_mmol_l"].to_numpy() == pytest.approx(2.35, rel=2e-3)
    assert df["pth_pmol_l"].to_numpy() == pytest.approx(3.85, rel=5e-3)
    assert df["bmd_lumbar_spine_pct_change"].abs().max() < 0.5


REGIMENS = {  # a labelled regimen of each drug: dose, interval, number of doses
    "denosumab": ("60 mg", "6 months", 1), "teriparatide": ("20 ug", "1 day", 180),
    "romosozumab": ("210 mg", "1 month", 6), "blosozumab": ("270 mg", "2 weeks", 12),
    "zoledronic_acid": ("5 mg", "12 months", 1), "alendronate": ("70 mg", "1 week", 26),
    "bimagrumab": ("700 mg", "4 weeks", 6), "ly2495655": ("315 mg", "4 weeks", 6),
    "testosterone": ("200 mg", "2 weeks", 12), "enobosarm": ("3 mg", "1 day", 180),
    "infliximab": ("5 mg/kg", "4 weeks", 7), "adalimumab": ("40 mg", "2 weeks", 12),
    "tocilizumab": ("8 mg/kg", "4 weeks", 6), "tofacitinib": ("10 mg", "1 day", 200),
    "prednisolone": ("7.5 mg", "1 day", 200), "insulin": ("40 U", "1 day", 200),
}
MUSCLE_DRUGS = {"bimagrumab", "ly2495655", "testosterone", "enobosarm"}
ANTI_INFLAMMATORY = {"infliximab", "adalimumab", "tocilizumab", "tofacitinib", "prednisolone"}


def test_every_registered_drug_has_a_regimen_here():
    assert set(REGIMENS) == set(DRUGS)


@pytest.mark.parametrize("drug", sorted(DRUGS))
def test_every_drug_works_from_a_scenario_file(drug, tmp_path):
    dose, every, times = REGIMENS[drug]
    disease = ""
    if drug in ANTI_INFLAMMATORY:
        disease = 'weight_kg = 70\ndisease = "rheumatoid_arthritis"\ndisease_activity = "high"\n'
    elif drug == "insulin":
        disease = 'disease = "type1_diabetes"\nt1d_usual_insulin = false\n'
    text = (f'[patient]\nsex = "female"\nage_years = 66\n{disease}\n[[treatment]]\ndrug = "{drug}"\n'
            f'dose = "{dose}"\nevery = "{every}"\ntimes = {times}\n\n[simulation]\nduration = "6 months"\n')
    path = tmp_path / "s.toml"
    path.write_text(text)
    out = tmp_path / "o.csv"
    assert main(["simulate", str(path), "-o", str(out)]) == 0
    df = pd.read_csv(out)
    assert len(df) == 7
    if drug in MUSCLE_DRUGS:
        assert df["lean_body_mass_pct_change"].iloc[-1] > 0.5, f"{drug} had no effect on lean mass"
    elif drug in ANTI_INFLAMMATORY:  # active RA from time 0: treated CRP below the untreated level
        untreated_path = tmp_path / "u.toml"
        untreated_path.write_text(text.split("[[treatment]]")[0] + '[simulation]\nduration = "6 months"\n')
        assert main(["simulate", str(untreated_path), "-o", str(tmp_path / "u.csv")]) == 0
        untreated = pd.read_csv(tmp_path / "u.csv")
        assert df["crp_mg_l"].iloc[-1] < 0.8 * untreated["crp_mg_l"].iloc[-1], f"{drug} did not lower CRP"
    elif drug == "insulin":
        assert df["hba1c_pct"].iloc[-1] < 9.0 and df["insulin_action_relative"].iloc[-1] > 0.6
    else:
        changed = df[["ctx_pct_change", "p1np_pct_change"]].abs().to_numpy().max()
        assert changed > 5.0, f"{drug} had no effect on turnover markers"


@pytest.mark.parametrize("body, field", [
    ('[patient]\nsex = "female"\nage_years = 300\n[simulation]\nduration = "1 year"\n', "patient.age_years"),
    ('[patient]\nsex = "female"\nage_years = 60\n[[treatment]]\ndrug = "aspirin"\ndose = "1 mg"\n'
     '[simulation]\nduration = "1 year"\n', "treatment[0].drug"),
    ('[patient]\nsex = "female"\nage_years = 60\n[[treatment]]\ndrug = "denosumab"\ndose = "-60 mg"\n'
     '[simulation]\nduration = "1 year"\n', "treatment[0].dose"),
    ('[patient]\nsex = "female"\nage_years = 60\n[[treatment]]\ndrug = "denosumab"\ndose = "60 furlongs"\n'
     '[simulation]\nduration = "1 year"\n', "treatment[0].dose"),
    ('[patient\nsex = "female"\n', "line"),
])
def test_bad_scenarios_exit_2_and_name_the_field(tmp_path, body, field):
    path = tmp_path / "bad.toml"
    path.write_text(body)
    proc = subprocess.run([sys.executable, "-m", "myosteo.cli", "simulate", str(path), "-o", str(tmp_path / "o.csv")],
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert field in proc.stderr
    assert not (tmp_path / "o.csv").exists()


def test_params_lists_units_and_sources(capsys):
    assert main(["params", "--module", "denosumab"]) == 0
    text = capsys.readouterr().out
    assert "dmab_ka" in text and "1/h" in text and "Peterson" in text


def test_same_input_same_output():
    sc = load_scenario(CONTRACT)
    a = simulate_scenario(sc)
    b = simulate_scenario(sc)
    pd.testing.assert_frame_equal(a, b)
    assert not math.isnan(a["femoral_neck_t_score"].iloc[-1])


def test_repeated_bisphosphonate_doses_integrate():
    # regression: a drained depot ending a segment at -1e-78 made CVODE fail on the next dose
    sc = load_scenario({"patient": {"sex": "female", "age_years": 73},
                        "treatment": [{"drug": "zoledronic_acid", "dose": "5 mg", "every": "12 months", "times": 3}],
                        "simulation": {"duration": "36 months", "output_every": "6 months"}})
    df = simulate_scenario(sc)
    assert (df["ctx_pct_change"].iloc[1:] < -20).all()
    # the surface pool (session 29) does not accumulate: yearly doses keep CTX at its 12-month depth
    # (HORIZON-PFT), where the one-pool model deepened it from -55 to -68 % vs untreated over 3 years
    ctx = df.set_index("time_days")["ctx_pct_change"]
    assert ctx.iloc[-1] >= ctx.iloc[2] - 3.0, ctx


@pytest.mark.parametrize("drug,dose_mg,every_days,n", [("zoledronic_acid", 5.0, 365.25, 2),
                                                       ("alendronate", 70.0, 7.0, 9)])
def test_antiresorptives_in_an_older_man_integrate_without_crawling(drug, dose_mg, every_days, n):
    """Regression (session 28): in men over 40 the testosterone fall made two equal occupancies,
    computed along different paths, differ by round-off, so max(0, difference) flipped its
    condition at every step; libRoadRunner root-finds every piecewise condition, and CVODE crawled
    (a man of 70 on zoledronate: ~22 000 steps per half day, then a hang or CV_CONV_FAILURE).
    min/max are now written without conditions. A step budget of 20 000 per segment, far below
    what the crawl needs, makes the failure an error instead of a hang."""
    from myosteo.engine.simulator import SolverOptions, Simulator
    from myosteo.model.library import standard_model
    from myosteo.outputs import DoseEvent

    sim = Simulator(standard_model(), SolverOptions(maximum_num_steps=20_000))
    doses = [DoseEvent(every_days * k, drug, dose_mg) for k in range(n)]
    t = np.array([0.0, 30.0, 365.0, 730.0]) if n < 5 else np.array([0.0, 30.0, 60.0])
    df = simulate_patients([PatientSpec("male", 70.0)], [doses], t, simulator=sim, n_workers=1)
    assert (df["ctx_pct_change"].iloc[1:] < -20).all(), df["ctx_pct_change"]


def test_min_and_max_reach_sbml_without_conditions():
    """min/max are continuous: exported through abs, so the solver has no condition to root-find."""
    from myosteo.model.expressions import parse, to_sbml_infix

    cases = [("max(a, b)", {"a": 0.2, "b": 0.9}, 0.9), ("max(a, b)", {"a": -3.0, "b": -7.5}, -3.0),
             ("min(a, b)", {"a": 0.2, "b": 0.9}, 0.2), ("max(0, a - b)", {"a": 1.0, "b": 4.0}, 0.0),
             ("min(0.95, a * b)", {"a": 2.0, "b": 3.0}, 0.95), ("max(a, b, 1)", {"a": 0.5, "b": 0.7}, 1.0),
             ("max(1, a / b)^2", {"a": 3.0, "b": 1.0}, 9.0), ("1 / max(a, b)", {"a": 4.0, "b": 2.0}, 0.25),
             ("2^max(a, b)", {"a": 3.0, "b": 1.0}, 8.0), ("c - min(a, b) * 3", {"a": 4.0, "b": 2.0, "c": 1.0}, -5.0)]
    for text, values, expected in cases:
        infix = to_sbml_infix(parse(text, set(values)))
        assert "piecewise" not in infix and "<" not in infix and ">" not in infix, infix
        assert eval(infix.replace("^", "**"), {"abs": abs}, dict(values)) == pytest.approx(expected, abs=1e-15), infix
