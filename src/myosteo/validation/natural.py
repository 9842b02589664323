"""Untreated natural history: simulate women and men from 20 to 90 years and compare to targets."""

from __future__ import annotations

from importlib import resources

import numpy as np
import pandas as pd

from myosteo.outputs import PatientSpec, simulate_patients


def natural_history_targets() -> pd.DataFrame:
    with resources.files("myosteo.validation.data").joinpath("natural_history.csv").open() as fh:
        return pd.read_csv(fh)


def natural_history_trajectories(step_years: float = 0.25) -> pd.DataFrame:
    """Untreated woman (menopause at 51) and man, simulated from age 20 to 90."""
    times = np.arange(0.0, 70.0 + step_years / 2, step_years) * 365.25
    pats = [PatientSpec("female", 20.0), PatientSpec("male", 20.0)]
    return simulate_patients(pats, [[], []], times, n_workers=1)


def natural_history_comparison(traj: pd.DataFrame | None = None) -> pd.DataFrame:
    traj = natural_history_trajectories() if traj is None else traj
    tg = natural_history_targets()
    sims = []
    for r in tg.itertuples():
        t = traj[traj["sex"] == r.sex]
        b = t[f"{r.site}_bmd_g_cm2"].to_numpy()
        b0, b1 = np.interp([r.age_from, r.age_to], t["age_years"], b)
        if r.kind == "pct_change":
            sims.append(100 * (b1 / b0 - 1))
        elif r.kind == "pct_per_year":
            sims.append(100 * (b1 / b0 - 1) / (r.age_to - r.age_from))
        elif r.kind == "ratio_to_age":
            sims.append(b1 / b0)
        else:
            raise ValueError(f"unknown target kind {r.kind!r}")
    tg["simulated"] = sims
    tg["met"] = (tg["simulated"] - tg["value"]).abs() <= tg["tolerance"]
    return tg
