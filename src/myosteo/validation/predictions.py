"""Pivotal-trial summary numbers: out-of-sample predictions, except rows marked ``used_in_fit``
(P1NP on teriparatide, fitted in calibration stage 4, and on zoledronic acid, fitted in stage 5
and also a stage-4 target)."""

from __future__ import annotations

from importlib import resources

import numpy as np
import pandas as pd

from myosteo.model.core import DAYS_PER_MONTH
from myosteo.outputs import DoseEvent, PatientSpec, simulate_patients


def prediction_targets() -> pd.DataFrame:
    with resources.files("myosteo.validation.data").joinpath("predictions.csv").open() as fh:
        return pd.read_csv(fh)


def trial_doses(r) -> list[DoseEvent]:
    """Dose events of one predictions.csv row (daily, or every ``every_months`` months)."""
    mg = float(r.dose.split()[0]) / (1000.0 if r.dose.endswith("ug") else 1.0)
    every = 1.0 if r.every_months == "daily" else float(r.every_months) * DAYS_PER_MONTH
    return [DoseEvent(k * every, r.drug, mg) for k in range(int(r.n_doses))]


DESIGN = ["trial", "drug", "dose", "every_months", "n_doses", "age_years"]


def prediction_comparison(parameters: dict[str, float] | None = None,
                          rows: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each trial design is simulated once (treated and untreated) at all its endpoint months;
    ``rows`` selects targets (default: all), ``parameters`` overrides model parameters."""
    tg = (prediction_targets() if rows is None else rows).copy()
    tg["simulated"] = np.nan
    for _, design in tg.groupby(DESIGN, sort=False):
        r = design.iloc[0]
        months = np.unique(design["month"].to_numpy(dtype=float))
        t = np.concatenate([[0.0], months * DAYS_PER_MONTH])
        p = PatientSpec("female", float(r.age_years), parameters=dict(parameters or {}))
        df = simulate_patients([p, p], [trial_doses(r), []], t, n_workers=1)
        treated, untreated = df[df["patient"] == 0], df[df["patient"] == 1]
        for i, row in design.iterrows():
            k = 1 + int(np.searchsorted(months, row.month))
            col = f"{row.endpoint}_pct_change"
            value = treated[col].iloc[k]
            tg.loc[i, "simulated"] = value - untreated[col].iloc[k] if row.difference_vs_untreated == "yes" else value
    tg["met"] = (tg["simulated"] - tg["value"]).abs() <= tg["tolerance"]
    return tg
