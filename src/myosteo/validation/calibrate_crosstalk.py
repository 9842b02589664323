"""Calibration stage 7: crosstalk edges with human disease and drug data
(``validation/data/crosstalk_targets.csv``, use = fit).

Groups, in order: glucocorticoid (formation per osteoblast from the 1-year spine loss; the 2-week
P1NP fall is held out: see docs/validation.md), cytokine -> bone scale (early active RA spine loss),
cytokine -> muscle breakdown scale (lean-mass deficit of established RA), insulin -> osteoblasts
(femoral-neck deficit of type 1 diabetes). ``python -m myosteo.validation.calibrate 7``.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import least_squares

from myosteo.validation.crosstalk import crosstalk_targets, simulate_targets

GROUPS = {
    "glucocorticoid": (("gc_ob_activity_gamma",), ("gc_spine",)),
    "cytokine_bone": (("cytokine_bone_scale",), ("gough_ra_spine",)),
    "cytokine_muscle": (("inflammation_breakdown_scale",), ("ra_lean_deficit",)),
    "insulin_bone": (("insulin_ob_gamma",), ("t1d_fn",)),
}
BOUNDS = {"gc_ob_activity_gamma": (0.0, 2.0), "cytokine_bone_scale": (0.0, 10.0),
          "inflammation_breakdown_scale": (0.0, 20.0), "insulin_ob_gamma": (0.0, 6.0)}
DATASET = {
    "glucocorticoid": "prednisolone spine loss (Verhoeven & Boers 1997)",
    "cytokine_bone": "early active RA spine loss (Gough 1994)",
    "cytokine_muscle": "RA lean-mass deficit (Clinics 2011)",
    "insulin_bone": "type 1 diabetes femoral-neck deficit (Shah 2017)",
}
CROSSTALK_DATASETS = {n: DATASET[g] + "; validation/data/crosstalk_targets.csv" for g, (ns, _) in GROUPS.items() for n in ns}


def fit_group(group: str, cur: dict[str, float]) -> dict[str, float]:
    names, ids = GROUPS[group]
    tg = crosstalk_targets().set_index("id").loc[list(ids)]

    def residuals(x):
        sim = simulate_targets(ids, {**cur, **dict(zip(names, x))})
        return (np.array([sim[i] for i in ids]) - tg["observed"].to_numpy()) / tg["tolerance"].to_numpy()

    lo = np.array([BOUNDS[n][0] for n in names])
    hi = np.array([BOUNDS[n][1] for n in names])
    x0 = np.clip([cur[n] for n in names], lo + 1e-6, hi - 1e-6)
    res = least_squares(residuals, x0, bounds=(lo, hi), diff_step=1e-2, max_nfev=40)
    out = dict(zip(names, map(float, res.x)))
    print(f"crosstalk/{group}: cost {res.cost:.3f}; " + ", ".join(f"{k}={v:.4g}" for k, v in out.items()))
    return out


def fit_crosstalk(cur: dict[str, float]) -> dict[str, float]:
    cur = dict(cur)
    for group in GROUPS:
        cur.update(fit_group(group, cur))
    return cur
