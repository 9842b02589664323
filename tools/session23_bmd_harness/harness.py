"""Scratch harness: cell trajectories simulated once; BMD structures evaluated/fitted on them."""
import pickle, sys, time
import numpy as np, pandas as pd
from myosteo.validation import calibrate as C
from myosteo.validation.predictions import prediction_targets, trial_doses
from myosteo.model.core import DAYS_PER_MONTH, DAYS_PER_YEAR

import os
PKL = os.environ.get("MYOSTEO_HARNESS_PKL", "/tmp/myosteo_harness_comps.pkl")

def build():
    cur = C.current_values()
    P, D, G, K, markers = C.bmd_stage_designs()
    tg = prediction_targets()
    tg = tg[tg.endpoint.str.startswith("bmd")].reset_index(drop=True)
    for j, (_, design) in enumerate(tg.groupby(["trial", "drug", "dose", "every_months", "n_doses", "age_years"], sort=False)):
        r = design.iloc[0]
        off = (float(r.age_years) - 20.0) * DAYS_PER_YEAR
        tmax = float(design.month.max()) * DAYS_PER_MONTH
        for lab, d in (("treated", trial_doses(r)), ("untreated", [])):
            P.append(dict(sex="female", age_years=float(r.age_years))); D.append(d); G.append(C._grid(off, tmax))
            K.append((f"pred_{j}_{lab}", off, design))
    params_now = {k: v for k, v in C._cell_params(cur).items() if k not in C.BMD_NAMES}
    t0 = time.time()
    comps = C._simulate_components(P, D, G, params_now)
    print("simulated", len(comps), time.time() - t0)
    pickle.dump(dict(keys=K, comps=comps, markers=markers, cur=cur), open(PKL, "wb"))

if __name__ == "__main__":
    build()
