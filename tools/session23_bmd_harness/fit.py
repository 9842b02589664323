import sys, json, time
import numpy as np
from scipy.optimize import least_squares
sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(__file__)))
import evalh as E
from myosteo.validation import calibrate as C

struct = sys.argv[1]; out = sys.argv[2]; nfev = int(sys.argv[3]) if len(sys.argv) > 3 else 300
import os
cur = {**E.CUR, **(json.load(open(os.environ["COUP"])) if os.environ.get("COUP") else {})}
E.CUR.update(cur)
fixed = {n: cur[n] for n in C.COUPLING_NAMES} | {"secondary_mineral_fraction": cur["secondary_mineral_fraction"]}
names = list(C.BMD_NAMES)
lo, hi = C._bmd_bounds()
x0 = C._bmd_x0(cur)
_ex = [("act_a", 2.0, 0.0, 3.0), ("space_b", 1.0, 0.0, 1.0)]
extra = {"act": _ex, "actn": _ex, "perf": [("perforation_c", 0.5, 0.0, 5.0)], "tm": [("turnover_lumbar_spine", 0.25/365.25, 1/(40*365.25), 1/(1.0*365.25)), ("turnover_total_hip", 0.1/365.25, 1/(40*365.25), 1/(1.0*365.25)), ("turnover_femoral_neck", 0.1/365.25, 1/(40*365.25), 1/(1.0*365.25))]}.get(struct, [])
start = json.load(open(sys.argv[4])) if len(sys.argv) > 4 else {}
for n, v, l, h in extra:
    names.append(n); x0.append(start.get(n, v)); lo.append(l); hi.append(h)
for i, n in enumerate(names):
    if n in start and not n.startswith("gF_"):
        x0[i] = min(hi[i], max(lo[i], start[n]))
    elif n in start:
        x0[i] = min(hi[i], max(lo[i], start[n] / start[n.replace("gF_", "gR_")]))

def topars(x):
    p = dict(zip(names, map(float, x)))
    for s in C.SITES:
        p[f"gF_bmd_{s}"] = p[f"gF_bmd_{s}"] * p[f"gR_bmd_{s}"]
    return {**cur, **fixed, **p}

t0 = time.time()
print("start cost", 0.5 * np.sum(E.residuals(topars(x0), struct) ** 2), flush=True)
sol = least_squares(lambda x: E.residuals(topars(x), struct), x0, bounds=(lo, hi), x_scale="jac",
                    max_nfev=nfev, ftol=1e-10, xtol=1e-10)
print(f"fit {struct}: cost {sol.cost:.2f} nfev {sol.nfev} time {time.time()-t0:.0f}s", flush=True)
p = topars(sol.x)
json.dump({n: p[n] for n in names + [f"gF_bmd_{s}" for s in C.SITES]}, open(out, "w"), indent=1)
for n in names:
    print(f"  {n} = {p[n]:.5g}")
E.report(p, struct)
