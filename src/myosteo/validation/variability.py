"""Between-arm variability: one log-normal random effect per trial arm on one model parameter.

Replicate arms of one regimen (e.g. the fifteen teriparatide 20 ug/day arms) scatter about each
other by more than the per-arm target (``trials.between_arm_floor``), so one curve per regimen
cannot meet every arm. This module asks the pharmacometric question instead: is the scatter
explained by *one* parameter varying between arms, and by how much must it vary?

Model (a one-random-effect nonlinear mixed-effects model, fitted by exact quadrature)::

    y_ij = f(t_ij; theta * exp(eta_i)) + eps_ij,   eta_i ~ N(0, omega^2),   eps_ij ~ N(0, sigma^2)

- ``f`` is the simulated percent change of one endpoint; ``theta`` the parameter's committed value;
- trajectories are simulated at a few nodes of ``eta`` for each distinct arm design (all in one
  batched call) and interpolated in ``eta`` by a cubic spline on a fine grid;
- each arm's marginal likelihood integrates over ``eta`` on that grid; ``omega`` and ``sigma``
  maximise the summed marginal log-likelihood (Nelder-Mead on their logarithms);
- each arm's ``eta`` is its empirical-Bayes (posterior-mode) estimate given ``omega`` and ``sigma``.

Reported per arm: the RMSE of the typical curve (``eta = 0``, the population prediction) and of
the conditional curve (the arm's ``eta``, the individual prediction). The typical curve is the
model's prediction for a new trial; the conditional fit shows the scatter is one-dimensional.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.interpolate import CubicSpline
from scipy.optimize import minimize

from myosteo.model.library import standard_model
from myosteo.outputs import PatientSpec, simulate_patients
from myosteo.validation.trials import ENDPOINT_COLUMNS, TrialData, arm_doses, load_trials

DEFAULT_ETA_NODES = (-0.9, -0.6, -0.3, 0.0, 0.3, 0.6, 0.9)
_FINE_POINTS = 721


@dataclass(frozen=True)
class BetweenArmFit:
    """Result of :func:`fit_between_arm`.

    ``omega`` is the SD of ``eta`` (natural-log scale: 0.18 means about 18 % between arms; at its
    lower bound, four steps of the quadrature grid, it means no resolvable scatter); ``sigma_pp`` the
    residual SD in percentage points; ``minus2ll`` the summed -2 log marginal likelihood
    (comparable between parameters fitted to the same observations). ``arms`` has one row per arm:
    ``arm``, ``n_obs``, ``eta``, ``parameter_value``, ``rmse_typical_pp``, ``rmse_conditional_pp``.
    """

    parameter: str
    endpoint: str
    typical_value: float
    omega: float
    sigma_pp: float
    minus2ll: float
    arms: pd.DataFrame


def random_effect_fit(nodes: np.ndarray, curves: list[np.ndarray], observed: list[np.ndarray]
                      ) -> tuple[float, float, float, np.ndarray, np.ndarray]:
    """Fit ``omega``, ``sigma`` and each arm's ``eta`` from simulated curves at ``eta`` nodes.

    ``curves[i]`` has shape (len(nodes), n_obs_i): arm i's simulated values at its observation
    times for each node; ``observed[i]`` has shape (n_obs_i,). Returns ``(omega, sigma, -2LL,
    eta_hat, rmse_conditional)``. Pure numerics, no simulation (unit-tested on synthetic curves).
    """
    nodes = np.asarray(nodes, dtype=float)
    if nodes.ndim != 1 or len(nodes) < 4 or not np.all(np.diff(nodes) > 0) or not nodes[0] < 0 < nodes[-1]:
        raise ValueError("eta nodes: need at least 4 increasing values spanning 0, got "
                         f"{nodes.tolist()}")
    fine = np.linspace(nodes[0], nodes[-1], _FINE_POINTS)
    step = fine[1] - fine[0]
    sq = []  # per arm: squared residuals summed over its observations, on the fine grid
    n_obs = []
    for c, y in zip(curves, observed, strict=True):
        c, y = np.asarray(c, float), np.asarray(y, float)
        if c.shape != (len(nodes), len(y)) or not np.all(np.isfinite(c)) or not np.all(np.isfinite(y)):
            raise ValueError(f"curves/observed: shapes {c.shape} vs ({len(nodes)}, {len(y)}) or non-finite values")
        res = CubicSpline(nodes, c, axis=0)(fine) - y[None, :]
        sq.append(np.square(res).sum(axis=1))
        n_obs.append(len(y))
    sq_arr, n_arr = np.array(sq), np.array(n_obs, dtype=float)

    def minus2ll(log_params: np.ndarray) -> float:
        omega, sigma = np.exp(log_params)
        log_prior = -0.5 * np.square(fine / omega) - np.log(omega * np.sqrt(2 * np.pi)) + np.log(step)
        ll = -0.5 * sq_arr / sigma**2 - n_arr[:, None] * np.log(sigma * np.sqrt(2 * np.pi)) + log_prior[None, :]
        top = ll.max(axis=1, keepdims=True)
        return float(-2 * np.sum(top[:, 0] + np.log(np.exp(ll - top).sum(axis=1))))

    # omega below a few grid steps cannot be resolved by the quadrature: that is its lower bound
    bounds = [(np.log(4 * step), np.log(nodes[-1] - nodes[0])), (np.log(1e-3), np.log(1e3))]
    best = min((minimize(minus2ll, np.log([w0, 1.0]), method="Nelder-Mead", bounds=bounds,
                         options={"xatol": 1e-6, "fatol": 1e-8, "maxiter": 2000}) for w0 in (0.05, 0.2, 0.5)),
               key=lambda r: r.fun)
    omega, sigma = (float(v) for v in np.exp(best.x))
    if 3 * omega > min(-nodes[0], nodes[-1]):
        raise ValueError(f"eta nodes [{nodes[0]:.2f}, {nodes[-1]:.2f}] are too narrow for the fitted "
                         f"omega {omega:.3f}: widen them to at least +-3 omega")
    objective = sq_arr / sigma**2 + np.square(fine / omega)[None, :]
    k = objective.argmin(axis=1)
    eta_hat = fine[k]
    rmse = np.sqrt(sq_arr[np.arange(len(k)), k] / n_arr)
    return omega, sigma, float(best.fun), eta_hat, rmse


def _typical_value(parameter: str, endpoint: str) -> float:
    """The committed value of ``parameter``, after checking it and ``endpoint`` (errors name them)."""
    pm = standard_model().parameter_map
    if parameter not in pm:
        raise ValueError(f"parameter: unknown model parameter {parameter!r} (see `myosteo params`)")
    if endpoint not in ENDPOINT_COLUMNS:
        raise ValueError(f"endpoint: {endpoint!r} is not one of {sorted(ENDPOINT_COLUMNS)}")
    theta = float(pm[parameter].value)
    if not theta > 0:
        raise ValueError(f"parameter: {parameter} has value {theta}; a log-normal effect needs a positive value")
    return theta


def _node_patients(key: tuple, parameter: str, theta: float, nodes: np.ndarray) -> list[PatientSpec]:
    """One patient of design ``key`` (sex, age, menopause age) per eta node, ``parameter = theta e^eta``."""
    sex, age, menopause = key
    return [PatientSpec(sex=sex, age_years=age, menopause_age_years=menopause,
                        parameters={parameter: theta * float(np.exp(eta))}) for eta in nodes]


def _design_key(arm_row) -> tuple:
    return (arm_row.sex, float(arm_row.age_years), float(arm_row.menopause_age_years))


def _doses_until(doses, t_end: float) -> list[tuple]:
    return [(d.time_days, d.drug, d.dose_mg) for d in doses if d.time_days <= t_end]


def fit_between_arm(data: TrialData, arms: list[str], parameter: str, endpoint: str = "bmd_lumbar_spine",
                    eta_nodes=DEFAULT_ETA_NODES, n_workers: int | None = None) -> BetweenArmFit:
    """Fit a log-normal between-arm effect on ``parameter`` to ``endpoint`` of ``arms``.

    Simulates every distinct arm design (patient and doses) once per ``eta`` node in one batched
    call. Errors name the bad argument: unknown parameter or endpoint, arms without observations.
    """
    theta = _typical_value(parameter, endpoint)
    nodes = np.asarray(eta_nodes, dtype=float)
    if not np.any(nodes == 0):
        raise ValueError(f"eta_nodes: must include 0 (the typical curve), got {nodes.tolist()}")
    rows = data.arms.set_index("arm")
    obs = data.measurements[(data.measurements["endpoint"] == endpoint) & data.measurements["arm"].isin(arms)]
    observed_arms = set(obs["arm"])
    missing = [a for a in arms if a not in rows.index or a not in observed_arms]
    if not arms or missing:
        raise ValueError(f"arms: need arms with {endpoint} observations; none for {missing or 'an empty list'}")

    # one simulation serves every arm whose patient and doses up to its last observation agree with
    # it (later doses cannot change earlier values): the teriparatide arms share 3 designs, not 15
    last = obs.groupby("arm")["time_days"].max()
    designs: list[tuple[tuple, list]] = []  # (patient key, doses) per simulated design
    arm_design: dict[str, int] = {}
    for a in sorted(arms, key=lambda x: -last[x]):
        key, doses, t_end = _design_key(rows.loc[a]), arm_doses(data.regimens, a), float(last[a])
        match = [i for i, (k, ds) in enumerate(designs)
                 if k == key and _doses_until(ds, t_end) == _doses_until(doses, t_end)]
        if match:
            arm_design[a] = match[0]
        else:
            arm_design[a] = len(designs)
            designs.append((key, doses))
    patients, dose_lists = [], []
    for key, doses in designs:
        patients += _node_patients(key, parameter, theta, nodes)
        dose_lists += [doses] * len(nodes)
    times = np.union1d([0.0], np.round(obs["time_days"].to_numpy(float), 4))
    sim = simulate_patients(patients, dose_lists, times, n_workers=n_workers)
    column = ENDPOINT_COLUMNS[endpoint]

    curves, observed = [], []
    for a in arms:
        own = obs[obs["arm"] == a]
        first = arm_design[a] * len(nodes)
        c = []
        for j in range(len(nodes)):
            s = sim[sim["patient"] == first + j]
            c.append(np.interp(own["time_days"], s["time_days"], s[column]))
        curves.append(np.array(c))
        observed.append(own["value_pct_change"].to_numpy(float))
    omega, sigma, m2ll, eta_hat, rmse_cond = random_effect_fit(nodes, curves, observed)
    i0 = int(np.flatnonzero(nodes == 0)[0])
    rmse_typ = [float(np.sqrt(np.mean(np.square(c[i0] - y)))) for c, y in zip(curves, observed, strict=True)]
    table = pd.DataFrame({"arm": arms, "n_obs": [len(y) for y in observed], "eta": eta_hat,
                          "parameter_value": theta * np.exp(eta_hat), "rmse_typical_pp": rmse_typ,
                          "rmse_conditional_pp": rmse_cond})
    return BetweenArmFit(parameter, endpoint, theta, omega, sigma, m2ll, table)


# The parameter carrying the between-arm effect: of the candidates compared by -2LL on the 15
# teriparatide calibration arms' spine BMD (session 25, docs/validation.md "Between-arm
# variability"), the rate at which spine BMD follows its mineral drive fitted best (-2LL 137.9,
# against 143.4 for the anabolic-window strength, 147.1 for the spine formation exponent, and
# worse for teriparatide exposure through its volume of distribution). The same parameter is
# used for the denosumab 60 mg Q6M arms.
BETWEEN_ARM_PARAMETER = "k_bmd_lumbar_spine"
# denosumab arms 12-14 sit far below the others (omega about 0.55): wider nodes
DENOSUMAB_ETA_NODES = (-1.8, -1.2, -0.6, 0.0, 0.6, 1.2, 1.8)


def _teriparatide_arms(data: TrialData) -> list[str]:
    a = data.arms
    return list(a[(a["study"] == "teriparatide") & (a["calibration"] == "yes")]["arm"])


def _denosumab_60mg_arms(data: TrialData) -> list[str]:
    """Denosumab 60 mg Q6M calibration arms with spine BMD (phase-2 arm 5, IDs 8-15 without 10)."""
    a = data.arms
    sel = a[(a["study"] == "denosumab_phase2") & (a["calibration"] == "yes") & (a["label"] == "60 mg Q6M")]
    with_ls = set(data.measurements[data.measurements["endpoint"] == "bmd_lumbar_spine"]["arm"])
    return [x for x in sel["arm"] if x in with_ls]


def teriparatide_between_arm_fit(data: TrialData | None = None, n_workers: int | None = None) -> BetweenArmFit:
    """The between-arm fit of the 15 teriparatide 20 ug/day calibration arms' lumbar-spine BMD."""
    data = data or load_trials()
    return fit_between_arm(data, _teriparatide_arms(data), BETWEEN_ARM_PARAMETER, "bmd_lumbar_spine",
                           n_workers=n_workers)


def denosumab_60mg_between_arm_fit(data: TrialData | None = None, n_workers: int | None = None) -> BetweenArmFit:
    """The between-arm fit of the denosumab 60 mg Q6M calibration arms with spine BMD (phase-2 arm 5
    and the arms of other trials, IDs 8-15)."""
    data = data or load_trials()
    return fit_between_arm(data, _denosumab_60mg_arms(data), BETWEEN_ARM_PARAMETER, "bmd_lumbar_spine",
                           eta_nodes=DENOSUMAB_ETA_NODES, n_workers=n_workers)


def joint_between_arm_fit(data: TrialData | None = None, n_workers: int | None = None) -> BetweenArmFit:
    """One between-arm SD from the teriparatide and the denosumab 60 mg arms together (22 arms of
    two regimens, each arm with its own eta): the value written to the model's parameter data."""
    data = data or load_trials()
    return fit_between_arm(data, _teriparatide_arms(data) + _denosumab_60mg_arms(data), BETWEEN_ARM_PARAMETER,
                           "bmd_lumbar_spine", eta_nodes=DENOSUMAB_ETA_NODES, n_workers=n_workers)


def between_arm_spread(data: TrialData, arms: list[str], parameter: str, omega: float, sigma_pp: float,
                       endpoint: str = "bmd_lumbar_spine", eta_nodes=DENOSUMAB_ETA_NODES, min_arms: int = 5,
                       n_workers: int | None = None) -> pd.DataFrame:
    """Predictive check of a between-arm SD: at each time observed in at least ``min_arms`` of
    ``arms``, the SD of the arms' values against the SD the random-effect model predicts,
    sqrt(Var_eta f(t; theta exp(eta)) + sigma^2) with eta ~ N(0, omega^2) (Gauss-Hermite over
    a cubic spline in eta through ``eta_nodes``).

    The arms must share one patient. The reference design is the arm treated longest; at each time
    only the arms with the same doses up to that time count (an observation after an arm stopped
    treatment is not a replicate; such arms are named in ``excluded_arms``). One simulation per
    node serves them all. ``within`` says whether the prediction lies in the 95 % chi-square
    interval of the observed SD. Columns: ``time_days``, ``n_arms``, ``observed_sd_pp``,
    ``predicted_sd_pp``, ``ci_low_pp``, ``ci_high_pp``, ``within``, ``excluded_arms``.
    """
    from scipy.stats import chi2

    theta = _typical_value(parameter, endpoint)
    if not (omega >= 0 and sigma_pp >= 0):
        raise ValueError(f"omega and sigma_pp must be >= 0, got {omega!r} and {sigma_pp!r}")
    nodes = np.asarray(eta_nodes, dtype=float)
    z, w = np.polynomial.hermite_e.hermegauss(9)
    w = w / w.sum()
    if omega * z.max() > nodes.max() or omega * z.min() < nodes.min():
        raise ValueError(f"eta_nodes: {nodes.tolist()} do not span +-{omega * z.max():.2f} (omega {omega})")
    rows = data.arms.set_index("arm")
    unknown = [a for a in arms if a not in rows.index]
    if not arms or unknown:
        raise ValueError(f"arms: unknown or empty: {unknown or arms}")
    key = _design_key(rows.loc[arms[0]])
    if any(_design_key(rows.loc[a]) != key for a in arms):
        raise ValueError(f"arms: the arms must share one patient (sex, age, menopause age); {arms[0]} has {key}")
    # the reference design is the arm treated longest; an observation counts at time t only if its
    # arm had the same doses up to t (a point after an arm stopped treatment is not a replicate)
    reference = max(arms, key=lambda a: len(arm_doses(data.regimens, a)))
    doses = arm_doses(data.regimens, reference)
    obs = data.measurements[(data.measurements["endpoint"] == endpoint) & data.measurements["arm"].isin(arms)]
    same = np.array([_doses_until(arm_doses(data.regimens, r.arm), r.time_days) == _doses_until(doses, r.time_days)
                     for r in obs.itertuples()], dtype=bool)
    excluded = obs[~same].groupby("time_days")["arm"].agg(lambda x: ", ".join(sorted(x)))
    per_time = obs[same].groupby("time_days")["value_pct_change"].agg(["count", "std"])
    per_time = per_time[per_time["count"] >= min_arms]
    if per_time.empty:
        raise ValueError(f"arms: no time with {endpoint} observed on the same doses in at least {min_arms} of them")
    patients = _node_patients(key, parameter, theta, nodes)
    times = np.union1d([0.0], per_time.index.to_numpy(float))
    sim = simulate_patients(patients, [doses] * len(nodes), times, n_workers=n_workers)
    column = ENDPOINT_COLUMNS[endpoint]
    curves = np.array([sim[sim["patient"] == j].set_index("time_days").loc[per_time.index, column].to_numpy()
                       for j in range(len(nodes))])
    f = CubicSpline(nodes, curves, axis=0)(omega * z)
    var = w @ (f - w @ f) ** 2
    n = per_time["count"].to_numpy()
    sd = per_time["std"].to_numpy()
    low, high = sd * np.sqrt((n - 1) / chi2.ppf(0.975, n - 1)), sd * np.sqrt((n - 1) / chi2.ppf(0.025, n - 1))
    pred = np.sqrt(var + sigma_pp ** 2)
    return pd.DataFrame({"time_days": per_time.index.to_numpy(float), "n_arms": n, "observed_sd_pp": sd,
                         "predicted_sd_pp": pred, "ci_low_pp": low, "ci_high_pp": high,
                         "within": (pred >= low) & (pred <= high),
                         "excluded_arms": [excluded.get(t, "") for t in per_time.index]})


JOINT_DATASET = ("lumbar-spine BMD of the 15 teriparatide 20 ug/day and 7 denosumab 60 mg Q6M calibration "
                 "arms (validation/data), one log-normal between-arm effect, marginal likelihood "
                 "(myosteo.validation.variability.joint_between_arm_fit)")


def write_between_trial_variability(fit: BetweenArmFit, dataset: str, path: Path | None = None) -> None:
    """Store ``fit.omega`` as ``omega_<parameter>`` in ``fitted.json`` (read by the model's
    :func:`~myosteo.model.fitted.fitted_variability`)."""
    from myosteo.validation.calibrate import FITTED_PATH, write_fitted

    path = path or FITTED_PATH
    table = json.loads(path.read_text())
    table[f"omega_{fit.parameter}"] = {"dataset": dataset, "value": float(fit.omega)}
    write_fitted(table, path)


if __name__ == "__main__":
    result = joint_between_arm_fit()
    print(f"omega {result.omega:.4f}, sigma {result.sigma_pp:.3f} pp, -2LL {result.minus2ll:.2f}")
    print(result.arms.to_string(index=False))
    write_between_trial_variability(result, JOINT_DATASET)
