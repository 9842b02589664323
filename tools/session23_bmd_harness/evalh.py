import pickle, sys, time
import numpy as np, pandas as pd
from scipy.optimize import least_squares
from myosteo.validation import calibrate as C
from myosteo.model.core import DAYS_PER_MONTH, DAYS_PER_YEAR
from myosteo.model.modules.bmd import SITES

H = pickle.load(open(__import__("os").environ.get("MYOSTEO_HARNESS_PKL", "/tmp/myosteo_harness_comps.pkl"), "rb"))
KEYS, COMPS, MARKERS, CUR = H["keys"], H["comps"], H["markers"], H["cur"]
NH = C.natural_history_targets()

def paths_main(comp, pars):
    return C._bmd_paths(comp, pars)

def paths_act(comp, pars):
    """M' = k R^a (D / R^g - M) [D delayed F^g W], S' = kS (s0 R^1 F^-b - S)."""
    t = comp["t"]
    F, Fm, boost = C.mineral_drive(comp, pars)
    R = comp["resorption_rel"]
    phi = pars["secondary_mineral_fraction"]
    a = pars["act_a"]; b = pars["space_b"]
    out = {}
    for site in SITES:
        k, g = pars[f"k_bmd_{site}"], pars[f"gR_bmd_{site}"]
        gF = pars[f"gF_bmd_{site}"]
        D = C._relax(Fm ** gF * boost, pars["k_mineralisation"], t, 1.0)
        D = (1.0 - phi) * D + phi * C._relax(D, pars["k_secondary_mineralisation"], t, 1.0)
        Ra = R ** a
        r = 0.5 * (Ra[1:] + Ra[:-1])
        target = D / R ** g
        d = 0.5 * (target[1:] + target[:-1])
        decay = np.exp(-k * r * np.diff(t))
        M = C._linear_recurrence(decay, (1.0 - decay) * d, 1.0)
        s0 = pars[f"remodeling_space_{site}"]
        S = C._relax(s0 * R / F ** b, pars["k_remodel"], t, s0)
        out[site] = M * (1.0 - S) / (1.0 - s0)
    return out

STRUCT = {"main": paths_main, "act": paths_act}

def evaluate(pars, struct="main", verbose=True):
    fn = STRUCT[struct]
    arm_res, nat, pred = {}, [], {}
    for (arm, off, m), comp in zip(KEYS, COMPS):
        if arm.startswith("marker_"):
            continue
        paths = fn(comp, pars)
        if arm.startswith("natural_"):
            nat.append((arm, C._natural_residuals(arm.split("_")[1], comp, paths, NH)))
            continue
        if arm.startswith("pred_"):
            j, lab = arm.split("_")[1:]
            i0 = int(np.searchsorted(comp["t"], off))
            for i, r in m.iterrows():
                site = r.endpoint[4:]
                b = np.interp(off + r.month * DAYS_PER_MONTH, comp["t"], paths[site])
                pred.setdefault(i, {})[lab] = 100 * (b / paths[site][i0] - 1)
                pred[i]["row"] = r
            continue
        i0 = int(np.searchsorted(comp["t"], off))
        res = []
        for r in m.itertuples():
            site = r.endpoint[len("bmd_"):]
            b = np.interp(off + r.time_days, comp["t"], paths[site])
            res.append((site, 100 * (b / paths[site][i0] - 1) - r.value_pct_change))
        arm_res[arm] = res
    return arm_res, nat, pred

def residuals(pars, struct):
    arm_res, nat, _ = evaluate(pars, struct)
    res = [e for v in arm_res.values() for _, e in v]
    for _, rr in nat:
        res.extend(rr)
    res.extend(5.0 * C._marker_residuals(MARKERS, KEYS, COMPS, pars))
    return np.asarray(res)

def report(pars, struct):
    arm_res, nat, pred = evaluate(pars, struct)
    ls = {a: np.sqrt(np.mean([e**2 for s, e in v if s == "lumbar_spine"])) for a, v in arm_res.items() if any(s == "lumbar_spine" for s, _ in v)}
    groups = {}
    for a, v in ls.items():
        g = "teri" if "teri" in a else "bloso" if "bloso" in a else "dmab"
        groups.setdefault(g, []).append(v)
    for g, v in groups.items():
        print(f"  LS {g}: n={len(v)} met={sum(x <= 1.5 for x in v)} median={np.median(v):.2f} worst={max(v):.2f}")
    print("  arms:", " ".join(f"{a}:{v:.2f}" for a, v in ls.items()))
    allr = np.array([e for v in arm_res.values() for _, e in v])
    print(f"  all BMD residual rms {np.sqrt(np.mean(allr**2)):.2f} n={len(allr)}")
    for arm, rr in nat:
        sex = arm.split("_")[1]
        tg = NH[NH.sex == sex]
        for (r, x) in zip(tg.itertuples(), rr):
            sim = r.value + x / 5.0 * r.tolerance
            print(f"  NH {sex} {r.site} {r.age_from}-{r.age_to} {r.kind}: sim {sim:.3f} obs {r.value} tol {r.tolerance} {'MET' if abs(x) <= 5.0 else 'miss'}")
    nmet = 0
    for i, d in pred.items():
        r = d["row"]; sim = d["treated"] - d["untreated"]
        met = abs(sim - r.value) <= r.tolerance; nmet += met
        print(f"  PRED {r.trial} {r.dose} {r.endpoint} m{r.month}: sim {sim:.1f} obs {r.value} tol {r.tolerance} {'MET' if met else 'miss'}")
    print(f"  predictions met {nmet}/{len(pred)}")
    mr = C._marker_residuals(MARKERS, KEYS, COMPS, pars)
    print("  markers (sim-obs)/tol:", np.round(mr, 2))
    res = residuals(pars, struct)
    print(f"  cost {0.5*np.sum(res**2):.1f}")

def paths_actn(comp, pars):
    q = dict(pars)
    for s in SITES:
        q[f"gF_bmd_{s}"] = q[f"gR_bmd_{s}"]
    return paths_act(comp, q)
STRUCT["actn"] = paths_actn

def paths_tm(comp, pars):
    """Main's balance without the delayed secondary drive, plus the tissue-age mineralisation:
    m' = k2 (1 - m) + kT Fd (m_new - m), m_new = 1 - phi; BMD = M (m / m0) (1 - S) / (1 - s0)."""
    t = comp["t"]
    F, Fm, boost = C.mineral_drive(comp, pars)
    R = comp["resorption_rel"]
    phi = pars["secondary_mineral_fraction"]
    k2 = pars["k_secondary_mineralisation"]
    Fd = C._relax(F, pars["k_mineralisation"], t, 1.0)
    out = {}
    for site in SITES:
        k, gF, gR = pars[f"k_bmd_{site}"], pars[f"gF_bmd_{site}"], pars[f"gR_bmd_{site}"]
        D = C._relax(Fm ** gF * boost, pars["k_mineralisation"], t, 1.0)
        Rg = R ** gR
        r = 0.5 * (Rg[1:] + Rg[:-1]); d = 0.5 * (D[1:] + D[:-1])
        decay = np.exp(-k * r * np.diff(t))
        M = C._linear_recurrence(decay, (1.0 - decay) * d / r, 1.0)
        kT = pars[f"turnover_{site}"]
        mnew = 1.0 - phi
        rate = k2 + kT * Fd
        tgt = (k2 + kT * Fd * mnew) / rate
        rr = 0.5 * (rate[1:] + rate[:-1]); tt = 0.5 * (tgt[1:] + tgt[:-1])
        dec = np.exp(-rr * np.diff(t))
        m0 = (k2 + kT * mnew) / (k2 + kT)
        mm = C._linear_recurrence(dec, (1.0 - dec) * tt, m0)
        s0 = pars[f"remodeling_space_{site}"]
        S = C._relax(s0 * R / F, pars["k_remodel"], t, s0)
        out[site] = M * (mm / m0) * (1.0 - S) / (1.0 - s0)
    return out
STRUCT["tm"] = paths_tm

def paths_perf(comp, pars):
    """Main's balance plus an irreversible loss while resorption exceeds the formation drive
    (session 26): M' = k (D - c max(0, R^gR - D) - R^gR M); linear in M, so exact exponential steps."""
    t = comp["t"]
    F, Fm, boost = C.mineral_drive(comp, pars)
    R = comp["resorption_rel"]
    phi = pars["secondary_mineral_fraction"]
    c = pars["perforation_c"]
    out = {}
    for site in SITES:
        k, gF, gR = pars[f"k_bmd_{site}"], pars[f"gF_bmd_{site}"], pars[f"gR_bmd_{site}"]
        D = C._relax(Fm ** gF * boost, pars["k_mineralisation"], t, 1.0)
        D = (1.0 - phi) * D + phi * C._relax(D, pars["k_secondary_mineralisation"], t, 1.0)
        Rg = R ** gR
        r = 0.5 * (Rg[1:] + Rg[:-1])
        d = 0.5 * (D[1:] + D[:-1])
        d = d - c * np.maximum(0.0, r - d)
        decay = np.exp(-k * r * np.diff(t))
        M = C._linear_recurrence(decay, (1.0 - decay) * d / r, 1.0)
        s0 = pars[f"remodeling_space_{site}"]
        S = C._relax(s0 * R / F, pars["k_remodel"], t, s0)
        out[site] = M * (1.0 - S) / (1.0 - s0)
    return out
STRUCT["perf"] = paths_perf
