"""Curated trial designs and observations, and their simulation.

Data live in ``myosteo/validation/data`` (curated from the cited trials, see each row's citation):
- ``arms.csv``: one row per trial arm (population, whether it is used for calibration);
- ``regimens.csv``: dose segments per arm (drug, dose mg, start day, interval days, number);
- ``measurements.csv``: observed % change from baseline per arm, endpoint and day (SE where given).
The same runner feeds the tests, the calibration and the validation report.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import numpy as np
import pandas as pd

from myosteo.outputs import DoseEvent, PatientSpec, simulate_patients

ENDPOINT_COLUMNS = {
    "bmd_lumbar_spine": "bmd_lumbar_spine_pct_change",
    "bmd_total_hip": "bmd_total_hip_pct_change",
    "bmd_femoral_neck": "bmd_femoral_neck_pct_change",
    "ctx": "ctx_pct_change",
    "p1np": "p1np_pct_change",
    "bsap": "bsap_pct_change",
}


def _read(name: str) -> pd.DataFrame:
    with resources.files("myosteo.validation.data").joinpath(name).open("r") as fh:
        return pd.read_csv(fh)


@dataclass(frozen=True)
class TrialData:
    arms: pd.DataFrame
    regimens: pd.DataFrame
    measurements: pd.DataFrame

    def studies(self) -> list[str]:
        return list(dict.fromkeys(self.arms["study"]))


def load_trials() -> TrialData:
    return TrialData(_read("arms.csv"), _read("regimens.csv"), _read("measurements.csv"))


def arm_doses(regimens: pd.DataFrame, arm: str) -> list[DoseEvent]:
    doses = []
    for r in regimens[regimens["arm"] == arm].itertuples():
        for k in range(int(r.n_doses)):
            doses.append(DoseEvent(float(r.start_days) + k * float(r.every_days), r.drug, float(r.dose_mg)))
    return doses


def simulate_arms(
    data: TrialData,
    arms: list[str] | None = None,
    parameters: dict[str, float] | None = None,
    step_days: float = 7.0,
    n_workers: int | None = 1,
) -> pd.DataFrame:
    """Simulated trajectories (weekly grid plus every observation day) for the selected arms."""
    sel = data.arms if arms is None else data.arms[data.arms["arm"].isin(arms)]
    patients, doses, names = [], [], []
    t_obs = data.measurements[data.measurements["arm"].isin(sel["arm"])]["time_days"]
    t_end = float(t_obs.max()) if len(t_obs) else 365.0
    grid = np.union1d(np.arange(0.0, t_end + step_days, step_days), np.round(t_obs.to_numpy(), 4))
    for a in sel.itertuples():
        patients.append(PatientSpec(sex=a.sex, age_years=float(a.age_years),
                                    menopause_age_years=float(a.menopause_age_years),
                                    parameters=dict(parameters or {})))
        doses.append(arm_doses(data.regimens, a.arm))
        names.append(a.arm)
    sim = simulate_patients(patients, doses, grid, n_workers=n_workers)
    sim["arm"] = [names[i] for i in sim["patient"]]
    return sim


def compare(data: TrialData, sim: pd.DataFrame) -> pd.DataFrame:
    """Observed vs simulated at every observation (column ``simulated``, ``error`` = sim - obs)."""
    obs = data.measurements[data.measurements["arm"].isin(sim["arm"].unique())].copy()
    values = []
    for r in obs.itertuples():
        s = sim[sim["arm"] == r.arm]
        values.append(float(np.interp(r.time_days, s["time_days"], s[ENDPOINT_COLUMNS[r.endpoint]])))
    obs["simulated"] = values
    obs["error"] = obs["simulated"] - obs["value_pct_change"]
    return obs


def rmse_table(comparison: pd.DataFrame) -> pd.DataFrame:
    """RMSE (percentage points) per study, arm and endpoint."""
    g = comparison.groupby(["study", "arm", "endpoint"])["error"]
    return g.apply(_rmse).rename("rmse_pp").reset_index()


def _rmse(errors) -> float:
    return float(np.sqrt(np.mean(np.square(errors))))


def between_arm_floor(data: TrialData, endpoint: str, window_days: float = 45.0) -> pd.Series:
    """RMSE (pp) of each calibration arm against the mean of the *other* arms of the same study and
    regimen (same label) observed within ``window_days`` of the same time: how far replicate arms
    of one regimen scatter about each other.

    One simulated curve per regimen (a single virtual population) cannot beat this spread by
    much, so it is reported beside the per-arm RMSE. Observations with no replicate arm within the
    window are left out (NaN where none remain, e.g. a regimen with one arm).
    """
    arms = data.arms[data.arms["calibration"] == "yes"][["arm", "study", "label"]]
    m = data.measurements[data.measurements["endpoint"] == endpoint].merge(arms, on=["arm", "study"])
    floors = {}
    for _, group in m.groupby(["study", "label"]):
        for arm, own in group.groupby("arm"):
            others = group[group["arm"] != arm]
            err = []
            for r in own.itertuples():
                near = others[(others["time_days"] - r.time_days).abs() <= window_days]
                if len(near):
                    err.append(r.value_pct_change - near["value_pct_change"].mean())
            floors[arm] = _rmse(err) if err else float("nan")
    return pd.Series(floors, name="floor_pp", dtype=float)
