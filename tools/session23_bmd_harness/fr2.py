import sys, json; sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(__file__)))
import evalh as E, numpy as np
from myosteo.model.core import DAYS_PER_MONTH
p = {**E.CUR, **(json.load(open(sys.argv[1])) if len(sys.argv) > 1 else {})}
for (arm, off, m), comp in zip(E.KEYS, E.COMPS):
    if not arm.startswith("pred_") or not arm.endswith("treated") or "untreated" in arm: continue
    r = m.iloc[0]
    if r.trial not in ("HORIZON-PFT", "FREEDOM"): continue
    F, act = E.C._formation(comp, p); R = comp["resorption_rel"]; t = comp["t"]
    i0 = np.searchsorted(t, off)
    s = f"{r.trial[:10]}:"
    for mo in [6, 12, 36]:
        i = np.searchsorted(t, off + mo * DAYS_PER_MONTH)
        s += f" m{mo} P1NP {100*(F[i]/F[i0]-1):.0f}% CTX {100*(R[i]/R[i0]-1):.0f}% ratio {(F[i]/R[i])/(F[i0]/R[i0]):.2f} |"
    print(s)
