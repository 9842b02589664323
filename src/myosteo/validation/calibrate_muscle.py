"""Calibration stage 6: the muscle module, in groups, against ``muscle_targets.csv`` (use = fit).

Each group is a small weighted least-squares problem (residual = (simulated - observed) /
tolerance) over the parameters it identifies, run in this order because later groups read the
earlier ones: aging (mass and quality rates), disuse, resistance training (satellite cells,
synthesis, neural gain), ActRII drugs, androgens, then the observation model (knee torque
reference, gait-speed and chair-stand mappings; closed-form on simulated strength).
Run with ``python -m myosteo.validation.calibrate 6`` (~5 minutes on 2 cores).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.optimize import least_squares

from myosteo.model import performance as perf
from myosteo.validation.muscle import CASES, muscle_targets, simulate_case

GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "aging": (("muscle_aging_rate_male", "muscle_aging_rate_female", "quality_aging_rate_male",
               "quality_aging_rate_female"),
              ("habc_leg_lean_men", "habc_leg_lean_women", "kirk_alm_men", "kirk_alm_women",
               "habc_knee_men", "habc_knee_women")),
    "disuse": (("disuse_mps_suppression", "disuse_age_sensitivity", "neural_disuse_loss", "k_neural"),
               ("wall_5d_lean", "wall_14d_lean", "wall_5d_strength", "wall_14d_strength", "digirolamo_14d")),
    "satellite": (("k_sc_activation",), ("verdijk_rt_sc",)),
    "training": (("rt_synthesis_gain", "rt_neural_gain"), ("peterson_rt_lbm", "peterson_rt_knee")),
    "actrii": (("actrii_effect", "bima_Kd_nM", "myostatin_share_actrii", "actrii_fat_emax"),
               ("rooks_bima_lbm", "hofbauer_bima_dose", "becker_ly_alm", "heymsfield_bima_fat")),
    "androgen": (("te_CL", "ar_emax", "ar_fat_emax", "eno_EC50_ng_ml"),
                 ("te_pk_cmax", "neto_t_lean", "neto_t_fat", "dalton_eno_lbm")),
}
LOG_SCALE = {"bima_Kd_nM", "eno_EC50_ng_ml", "k_neural", "k_sc_activation"}
PERFORMANCE = ("knee_torque_young_male_nm", "knee_torque_young_female_nm", "gait_speed_max_m_s",
               "gait_torque_half_nm_kg", "gait_hill", "chair_stand_floor_s", "chair_stand_slope_s_nm_kg")

DATASET = {
    "aging": "Health ABC leg lean and knee strength (Goodpaster 2006) and ALM 50-70 y (Kirk 2021); "
             "validation/data/muscle_targets.csv",
    "disuse": "5/14-day immobilisation (Wall 2014) and 14-day bed rest in older adults (Di Girolamo 2021); "
              "validation/data/muscle_targets.csv",
    "satellite": "type II satellite cells after 12 weeks of resistance training (Verdijk 2009)",
    "training": "resistance-training meta-analyses (Peterson 2011 LBM, Peterson 2010 knee strength)",
    "actrii": "bimagrumab (Rooks 2020, Hofbauer 2021, Heymsfield 2021) and LY2495655 (Becker 2015) trials",
    "androgen": "testosterone enanthate peak (Testoviron SmPC), testosterone in older men (Neto 2015 "
                "meta-analysis) and enobosarm (Dalton 2011)",
    "performance": "Health ABC baseline torque, Bohannon & Andrews 2011 gait speed, Bohannon 2006 chair "
                   "stand; validation/data/muscle_targets.csv",
}
MUSCLE_DATASETS = {n: DATASET[g] for g, (names, _) in GROUPS.items() for n in names}
MUSCLE_DATASETS.update({n: DATASET["performance"] for n in PERFORMANCE})


def _bounds(names: Sequence[str]):
    from myosteo.model.library import standard_model

    pm = standard_model().parameter_map
    lo, hi = [], []
    for n in names:
        a, b = pm[n].bounds
        lo.append(np.log(a) if n in LOG_SCALE else a)
        hi.append(np.log(b) if n in LOG_SCALE else b)
    return np.array(lo), np.array(hi)


def fit_group(group: str, cur: dict[str, float]) -> dict[str, float]:
    names, ids = GROUPS[group]
    tg = muscle_targets().set_index("id").loc[list(ids)]

    def unpack(x):
        return {n: float(np.exp(v) if n in LOG_SCALE else v) for n, v in zip(names, x)}

    def residuals(x):
        params = {**cur, **unpack(x)}
        sim = np.array([simulate_case(i, params) for i in ids])
        return (sim - tg["observed"].to_numpy()) / tg["tolerance"].to_numpy()

    lo, hi = _bounds(names)
    x0 = np.clip([np.log(cur[n]) if n in LOG_SCALE else cur[n] for n in names], lo + 1e-9, hi - 1e-9)
    res = least_squares(residuals, x0, bounds=(lo, hi), diff_step=1e-3, max_nfev=60)
    out = unpack(res.x)
    print(f"muscle/{group}: cost {res.cost:.3f}; " + ", ".join(f"{k}={v:.4g}" for k, v in out.items()))
    return out


def fit_performance(cur: dict[str, float]) -> dict[str, float]:
    """Knee reference torques (proportional), then gait and chair mappings, on simulated strength."""
    from myosteo.validation.muscle import _run

    tg = muscle_targets().set_index("id")
    params = {k: v for k, v in cur.items() if k not in PERFORMANCE}
    out: dict[str, float] = {}
    for sex, rid in (("male", "habc_torque_men"), ("female", "habc_torque_women")):
        sim = simulate_case(rid, params)
        key = f"knee_torque_young_{sex}_nm"
        out[key] = perf.KNEE_YOUNG_NM[sex] * tg.loc[rid, "observed"] / sim
    # strength per kg body weight at each target age, with the new reference torques
    x, obs, tol, kind = [], [], [], []
    for rid, row in tg.iterrows():
        if not (rid.startswith("gait_") or rid.startswith("chair_")) or rid not in CASES:
            continue
        case = CASES[rid]
        xs = []
        for sex in case.sexes:
            t = _run(case, sex, params, (), ())
            torque = t["knee_extension_strength_nm"].iloc[0] * out[f"knee_torque_young_{sex}_nm"] / perf.KNEE_YOUNG_NM[sex]
            xs.append(torque / t["weight_kg"].iloc[0])
        x.append(xs)
        obs.append(row["observed"])
        tol.append(row["tolerance"])
        kind.append("gait" if rid.startswith("gait_") else "chair")

    def res_gait(p):
        vmax, x50, n = p
        return [(np.mean([vmax * xi**n / (xi**n + x50**n) for xi in xs]) - o) / t
                for xs, o, t, k in zip(x, obs, tol, kind) if k == "gait"]

    def res_chair(p):
        c0, c1 = p
        return [(np.mean([c0 + c1 / xi for xi in xs]) - o) / t
                for xs, o, t, k in zip(x, obs, tol, kind) if k == "chair"]

    g = least_squares(res_gait, [1.7, 0.5, 1.0], bounds=([1.0, 0.05, 0.5], [3.0, 5.0, 6.0]))
    c = least_squares(res_chair, [5.0, 5.0], bounds=([1.0, 0.1], [10.0, 50.0]))
    out.update({"gait_speed_max_m_s": g.x[0], "gait_torque_half_nm_kg": g.x[1], "gait_hill": g.x[2],
                "chair_stand_floor_s": c.x[0], "chair_stand_slope_s_nm_kg": c.x[1]})
    print("muscle/performance: " + ", ".join(f"{k}={v:.4g}" for k, v in out.items()))
    return out


def fit_muscle(cur: dict[str, float]) -> dict[str, float]:
    cur = dict(cur)
    for group in GROUPS:
        cur.update(fit_group(group, cur))
    cur.update(fit_performance(cur))
    return cur
