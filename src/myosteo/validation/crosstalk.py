"""Crosstalk, immune and disease validation: designs for ``validation/data/crosstalk_targets.csv``.

Each row's design is a scenario (TOML mapping) in :data:`CASES`; ``_vs_healthy`` endpoints are
the difference from the same patient without the disease or drug (a twin simulated alongside).
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources

import numpy as np
import pandas as pd

from myosteo.model.core import DAYS_PER_MONTH
from myosteo.outputs import simulate_scenarios
from myosteo.scenario import load_scenario


def crosstalk_targets() -> pd.DataFrame:
    with resources.files("myosteo.validation.data").joinpath("crosstalk_targets.csv").open() as fh:
        return pd.read_csv(fh)


def _scenario(patient: dict, months: float, treatment=(), every: str = "1 month") -> dict:
    return {"patient": patient, "treatment": list(treatment),
            "simulation": {"duration": f"{months} months", "output_every": every}}


RA_HIGH = {"sex": "female", "age_years": 55, "disease": "rheumatoid_arthritis", "disease_activity": "high"}
HEALTHY_55 = {"sex": "female", "age_years": 55}
PRED = lambda mg, months: [{"drug": "prednisolone", "dose": f"{mg} mg", "every": "1 day", "duration": f"{months} months"}]  # noqa: E731
IFX = [{"drug": "infliximab", "dose": "3 mg/kg", "start": "0 days", "every": "2 weeks", "times": 2},
       {"drug": "infliximab", "dose": "3 mg/kg", "start": "6 weeks", "every": "8 weeks", "times": 6}]
TCZ = [{"drug": "tocilizumab", "dose": "8 mg/kg", "every": "4 weeks", "times": 13}]
T1D_45 = {"sex": "female", "age_years": 45, "disease": "type1_diabetes", "disease_onset_age_years": 20}

#: id -> (scenario, twin scenario or None)
CASES: dict[str, tuple[dict, dict | None]] = {
    "gough_ra_spine": (_scenario(RA_HIGH, 12), _scenario(HEALTHY_55, 12)),
    "gough_ra_hip": (_scenario(RA_HIGH, 12), _scenario(HEALTHY_55, 12)),
    "ra_lean_deficit": (_scenario({**RA_HIGH, "disease_activity": "moderate", "disease_onset_age_years": 45}, 1),
                        _scenario(HEALTHY_55, 1)),
    "gc_spine": (_scenario({"sex": "female", "age_years": 60}, 12, PRED(20, 12)),
                 _scenario({"sex": "female", "age_years": 60}, 12)),
    "gc_p1np": (_scenario({"sex": "male", "age_years": 30}, 0.46, PRED(30, 0.46), every="1 day"),
                _scenario({"sex": "male", "age_years": 30}, 0.46, every="1 day")),
    "t1d_fn": (_scenario(T1D_45, 1), _scenario({"sex": "female", "age_years": 45}, 1)),
    "vis_ifx_spine": (_scenario({**RA_HIGH, "weight_kg": 70}, 12, IFX), None),
    "vis_ifx_hip": (_scenario({**RA_HIGH, "weight_kg": 70}, 12, IFX), None),
    "tournadre_tcz_alm": (_scenario({**RA_HIGH, "weight_kg": 70}, 12, TCZ), None),
    "ra_crp_high": (_scenario(RA_HIGH, 12), None),
    "ra_il6_high": (_scenario(RA_HIGH, 12), None),
    "ra_das28_high": (_scenario({**{k: v for k, v in RA_HIGH.items() if k != "disease_activity"}, "das28": 5.6}, 12), None),
    "ra_das28_remission": (_scenario({**{k: v for k, v in RA_HIGH.items() if k != "disease_activity"}, "das28": 2.3}, 12), None),
    "cd_calprotectin_high": (_scenario({"sex": "male", "age_years": 35, "disease": "crohns_disease",
                                        "disease_activity": "high"}, 12), None),
    "t1d_hba1c": (_scenario(T1D_45, 1), None),
    "healthy_il6_old": (_scenario({"sex": "male", "age_years": 75}, 1), None),
    "healthy_tnf_old": (_scenario({"sex": "male", "age_years": 75}, 1), None),
    "healthy_sclerostin_ratio": (_scenario({"sex": "female", "age_years": 75}, 1), _scenario({"sex": "female", "age_years": 30}, 1)),
    "healthy_igf1_ratio": (_scenario({"sex": "male", "age_years": 70}, 1), _scenario({"sex": "male", "age_years": 30}, 1)),
    "healthy_ucoc_men": (_scenario({"sex": "male", "age_years": 45}, 1), None),
    "healthy_irisin": (_scenario({"sex": "male", "age_years": 30, "activity": "sedentary"}, 1), None),
}

_ENDPOINT_COLUMN = {"alm_pct_change": "appendicular_lean_mass_kg", "lean_body_mass_pct_vs_healthy": "lean_body_mass_kg",
                    "sclerostin_ratio_old_young": "sclerostin_pmol_l", "igf1_ratio_old_young": "igf1_ng_ml"}


def _at(df: pd.DataFrame, month: float) -> pd.Series:
    i = int(np.argmin(np.abs(df["time_days"].to_numpy() - month * DAYS_PER_MONTH)))
    return df.iloc[i]


def _readout(endpoint: str, month: float, t: pd.DataFrame, twin: pd.DataFrame | None) -> float:
    if endpoint.endswith("_ratio_old_young"):
        col = _ENDPOINT_COLUMN[endpoint]
        return float(_at(t, month)[col] / _at(twin, month)[col])
    if endpoint == "alm_pct_change":
        a = t["appendicular_lean_mass_kg"]
        return float(100 * (_at(t, month)["appendicular_lean_mass_kg"] / a.iloc[0] - 1))
    if endpoint == "lean_body_mass_pct_vs_healthy":  # relative to the young adult (absolute mass is
        # anchored to the given weight at the scenario start)
        return float(100 * (_at(t, month)["alm_relative_to_young"] / _at(twin, month)["alm_relative_to_young"] - 1))
    if endpoint.endswith("_vs_healthy"):
        col = endpoint.removesuffix("_vs_healthy")
        return float(_at(t, month)[col] - _at(twin, month)[col])
    return float(_at(t, month)[endpoint])


def simulate_targets(ids=None, parameters: Mapping[str, float] | None = None) -> dict[str, float]:
    """Simulated value of each target id (all scenarios of one grid are simulated together)."""
    tg = crosstalk_targets().set_index("id")
    ids = list(tg.index) if ids is None else list(ids)
    out = {}
    for i in ids:
        sc, twin = CASES[i]
        scs = [load_scenario(sc)] + ([load_scenario(twin)] if twin else [])
        df = simulate_scenarios(scs, n_workers=1, parameters=dict(parameters or {}))
        t = df[df["patient"] == 0]
        w = df[df["patient"] == 1] if twin else None
        out[i] = _readout(tg.loc[i, "endpoint"], float(tg.loc[i, "month"]), t, w)
    return out


def crosstalk_comparison(parameters: Mapping[str, float] | None = None) -> pd.DataFrame:
    tg = crosstalk_targets()
    sim = simulate_targets(tg["id"], parameters)
    tg["simulated"] = [sim[i] for i in tg["id"]]
    tg["error"] = tg["simulated"] - tg["observed"]
    tg["met"] = tg["error"].abs() <= tg["tolerance"]
    return tg
