"""Out-of-sample predictions: pivotal-trial summary numbers not used in any fit."""

from __future__ import annotations

from importlib import resources

import numpy as np
import pandas as pd

from myosteo.model.core import DAYS_PER_MONTH
from myosteo.outputs import DoseEvent, PatientSpec, simulate_patients


def prediction_targets() -> pd.DataFrame:
    with resources.files("myosteo.validation.data").joinpath("predictions.csv").open() as fh:
        return pd.read_csv(fh)


def _doses(r) -> list[DoseEvent]:
    mg = float(r.dose.split()[0]) / (1000.0 if r.dose.endswith("ug") else 1.0)
    every = 1.0 if r.every_months == "daily" else float(r.every_months) * DAYS_PER_MONTH
    return [DoseEvent(k * every, r.drug, mg) for k in range(int(r.n_doses))]


def prediction_comparison() -> pd.DataFrame:
    tg = prediction_targets()
    sims = []
    for r in tg.itertuples():
        t = np.array([0.0, r.month * DAYS_PER_MONTH])
        p = PatientSpec("female", float(r.age_years))
        df = simulate_patients([p, p], [_doses(r), []], t, n_workers=1)
        col = f"{r.endpoint}_pct_change"
        treated = df[df["patient"] == 0][col].iloc[-1]
        untreated = df[df["patient"] == 1][col].iloc[-1]
        sims.append(treated - untreated if r.difference_vs_untreated == "yes" else treated)
    tg["simulated"] = sims
    tg["met"] = (tg["simulated"] - tg["value"]).abs() <= tg["tolerance"]
    return tg
