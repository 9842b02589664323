"""Write tests/data/healthy_regression.csv: bone and muscle outputs of healthy patients (untreated,
denosumab, resistance training, bed rest) from the model *before* the crosstalk/immune modules.

The crosstalk issue requires that with all disease modules off the healthy and aging behaviour is
unchanged; tests/test_crosstalk.py compares the current model with this file. Regenerate only when
a change to healthy behaviour is intended (and say so in the commit).
"""

from pathlib import Path

import numpy as np
import pandas as pd

from myosteo.outputs import DoseEvent, InputChange, PatientSpec, simulate_patients

COLUMNS = ["bmd_lumbar_spine_pct_change", "bmd_total_hip_pct_change", "bmd_femoral_neck_pct_change",
           "ctx_pct_change", "p1np_pct_change", "calcium_mmol_l", "pth_pmol_l", "femoral_neck_t_score",
           "appendicular_lean_mass_kg", "grip_strength_kg", "knee_extension_strength_nm", "gait_speed_m_s",
           "fat_mass_kg"]


def cases():
    rt = [InputChange(0, "resistance_sessions_per_week", 3.0), InputChange(180, "resistance_sessions_per_week", 0.0)]
    bed = [InputChange(100, f"disuse_{p}", v) for p, v in (("leg_index", 1.0), ("leg_contra", 1.0), ("arms", 0.25))]
    bed += [InputChange(114, f"disuse_{p}", 0.0) for p in ("leg_index", "leg_contra", "arms")]
    return [
        ("woman_30", PatientSpec("female", 30), [], []),
        ("woman_65", PatientSpec("female", 65), [], []),
        ("man_75", PatientSpec("male", 75), [], []),
        ("woman_65_dmab", PatientSpec("female", 65), [DoseEvent(0, "denosumab", 60), DoseEvent(182.625, "denosumab", 60)], []),
        ("man_70_rt_bedrest", PatientSpec("male", 70, activity="sedentary"), [], rt + bed),
    ]


def simulate() -> pd.DataFrame:
    times = np.linspace(0, 2 * 365.25, 25)
    cs = cases()
    df = simulate_patients([c[1] for c in cs], [c[2] for c in cs], times, n_workers=1, changes=[c[3] for c in cs])
    df.insert(0, "case", [cs[i][0] for i in df["patient"]])
    return df[["case", "time_days", *COLUMNS]]


if __name__ == "__main__":
    out = Path(__file__).resolve().parents[1] / "tests" / "data" / "healthy_regression.csv"
    simulate().to_csv(out, index=False, float_format="%.10g")
    print(f"wrote {out}")
