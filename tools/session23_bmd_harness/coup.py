import sys, json; sys.path.insert(0, __import__("os").path.dirname(__import__("os").path.abspath(__file__)))
import evalh as E, numpy as np
from scipy.optimize import least_squares
from myosteo.validation import calibrate as C
mk = E.MARKERS.copy()
tol = float(sys.argv[1])
print(mk[["trial","drug","month","value","tolerance"]])
mk.loc[mk.drug == "zoledronic_acid", "tolerance"] = tol
rows_idx = mk.index[mk.drug.isin(["denosumab","zoledronic_acid"])]
cur = E.CUR
def res(x):
    p = {**cur, "gamma_formation_osteoblasts": x[0], "gamma_formation_coupling": x[1], "k_formation_coupling": 1/x[2]}
    r = C._marker_residuals(mk, E.KEYS, E.COMPS, p)
    return r[rows_idx]
x0 = [cur["gamma_formation_osteoblasts"], cur["gamma_formation_coupling"], 1/cur["k_formation_coupling"]]
sol = least_squares(res, x0, bounds=([0, 0, 7], [1, 2, 365]), x_scale=[0.1, 0.1, 30], diff_step=1e-3)
print(sol.x, sol.fun * mk.loc[rows_idx, "tolerance"].to_numpy() + mk.loc[rows_idx, "value"].to_numpy())
json.dump({"gamma_formation_osteoblasts": sol.x[0], "gamma_formation_coupling": sol.x[1], "k_formation_coupling": 1/sol.x[2]}, open(f"coup_{tol:g}.json", "w"))
