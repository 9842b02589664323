"""The README's main job: one 71-year-old woman, untreated and on each bone drug, for 2 years;
and one sedentary 70-year-old man, untreated, training, or on bimagrumab, with 14 days of bed
rest at month 12, labelled with the sarcopenia and osteoporosis criteria over time."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from myosteo.outputs import simulate_scenarios
from myosteo.plots import MUSCLE_PANELS, plot_trajectories
from myosteo.scenario import load_scenario

PATIENT = {"sex": "female", "age_years": 71, "femoral_neck_t_score": -2.6}
SIMULATION = {"duration": "24 months", "output_every": "1 month"}
ARMS = {
    "untreated": [],
    "romosozumab 210 mg monthly x12": [
        {"drug": "romosozumab", "dose": "210 mg", "every": "1 month", "times": 12, "start": "0 days"}],
    "denosumab 60 mg every 6 months": [
        {"drug": "denosumab", "dose": "60 mg", "every": "6 months", "times": 4}],
    "teriparatide 20 ug daily": [
        {"drug": "teriparatide", "dose": "20 ug", "every": "1 day", "duration": "24 months"}],
}


def run_demo(out: Path) -> pd.DataFrame:
    scenarios = {name: load_scenario({"patient": PATIENT, "treatment": tr, "simulation": SIMULATION})
                 for name, tr in ARMS.items()}
    table = simulate_scenarios(list(scenarios.values()))
    table.insert(0, "arm", [list(scenarios)[i] for i in table["patient"]])
    out.mkdir(parents=True, exist_ok=True)
    table.to_csv(out / "demo.csv", index=False, float_format="%.5g")
    per_arm = {name: table[table["arm"] == name] for name in scenarios}
    plot_trajectories(per_arm, out / "demo.png",
                      title="71-year-old woman, femoral-neck T-score -2.6: 24 months")
    cols = ["bmd_lumbar_spine_pct_change", "bmd_total_hip_pct_change", "ctx_pct_change",
            "p1np_pct_change", "femoral_neck_t_score"]
    at = table[table["time_days"].round(1).isin([365.2, 730.5])]
    print("71-year-old woman (FN T-score -2.6 at start); % change from baseline")
    with pd.option_context("display.width", 200, "display.precision", 2):
        print(at[["arm", "time_days", *cols]].to_string(index=False))
    print(f"\nwrote {out / 'demo.csv'} and {out / 'demo.png'}\n")
    run_muscle_demo(out)
    return table


MAN = {"sex": "male", "age_years": 70, "height_m": 1.74, "weight_kg": 78, "activity": "sedentary"}
BED_REST = [{"kind": "bed_rest", "start": "12 months", "duration": "14 days"}]
MUSCLE_ARMS = {
    "untreated": {},
    "resistance training 3/week, months 0-6": {
        "exercise": [{"kind": "resistance", "sessions_per_week": 3, "duration": "6 months"}]},
    "bimagrumab 700 mg IV monthly x6": {
        "treatment": [{"drug": "bimagrumab", "dose": "700 mg", "every": "1 month", "times": 6}]},
}


def run_muscle_demo(out: Path) -> pd.DataFrame:
    from myosteo.diagnosis import diagnose

    scenarios = {name: load_scenario({"patient": MAN, "simulation": SIMULATION, "immobilisation": BED_REST,
                                      **extra}) for name, extra in MUSCLE_ARMS.items()}
    table = simulate_scenarios(list(scenarios.values()))
    table = diagnose(table.assign(id=range(len(table))))
    table.insert(0, "arm", [list(scenarios)[i] for i in table["patient"]])
    table.to_csv(out / "demo_muscle.csv", index=False, float_format="%.5g")
    per_arm = {name: table[table["arm"] == name] for name in scenarios}
    plot_trajectories(per_arm, out / "demo_muscle.png", panels=MUSCLE_PANELS,
                      title="Sedentary 70-year-old man, 14 days bed rest at month 12: 24 months")
    cols = ["appendicular_lean_mass_kg", "grip_strength_kg", "knee_extension_strength_nm", "gait_speed_m_s",
            "chair_stand_s", "sppb", "ewgsop2", "fnih2014"]
    at = table[table["time_days"].round(1).isin([0.0, 182.6, 365.2, 395.7, 730.5])]
    print("Sedentary 70-year-old man (1.74 m, 78 kg); bed rest days 365-379")
    with pd.option_context("display.width", 220, "display.precision", 2):
        print(at[["arm", "time_days", *cols]].to_string(index=False))
    print(f"\nwrote {out / 'demo_muscle.csv'} and {out / 'demo_muscle.png'}")
    return table
