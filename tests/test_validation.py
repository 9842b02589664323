"""The calibrated model against the curated trials and natural-history targets.

Thresholds are the issue's where the model meets them; where it does not yet, the threshold is
the level the current calibration reaches (a regression guard), and docs/validation.md lists the
gap. Every number compared is in myosteo/validation/data with its citation.
"""

import numpy as np
import pytest

from myosteo.validation.natural import natural_history_comparison
from myosteo.validation.trials import compare, load_trials, rmse_table, simulate_arms

ISSUE_LS_RMSE_PP = 1.5
# per study: (max LS RMSE of any calibration arm, median LS RMSE over calibration arms), pp
LS_GUARD = {"denosumab_phase2": (None, None), "teriparatide": (None, None), "blosozumab_phase2": (None, None)}


@pytest.fixture(scope="module")
def results():
    data = load_trials()
    arms = list(data.arms[data.arms["calibration"] == "yes"]["arm"])
    sim = simulate_arms(data, arms, n_workers=None)
    comp = compare(data, sim)
    return data, sim, comp, rmse_table(comp)


@pytest.mark.parametrize("study", sorted(LS_GUARD))
def test_lumbar_spine_bmd_per_arm(results, study):
    _, _, _, rmse = results
    ls = rmse[(rmse["study"] == study) & (rmse["endpoint"] == "bmd_lumbar_spine")]["rmse_pp"]
    worst, median = LS_GUARD[study]
    assert len(ls) > 0
    assert ls.median() <= (median or ISSUE_LS_RMSE_PP), ls.to_dict()
    assert ls.max() <= (worst or ISSUE_LS_RMSE_PP), ls.to_dict()


def _traj(sim, arm, col):
    s = sim[sim["arm"] == arm]
    return s["time_days"].to_numpy(), s[col].to_numpy()


def test_denosumab_suppression_depth_and_offset(results):
    _, sim, _, _ = results
    t, ctx60 = _traj(sim, "dmab5", "ctx_pct_change")  # 60 mg Q6M: observed -87.6 % at month 1
    assert -97 < np.interp(28, t, ctx60) < -75
    t, ctx14 = _traj(sim, "dmab4", "ctx_pct_change")  # 14 mg Q6M: offset before the next dose
    assert np.interp(28, t, ctx14) < -70
    assert np.interp(167, t, ctx14) > np.interp(28, t, ctx14) + 30  # observed -86 -> -35


def test_denosumab_stop_and_restart(results):
    _, sim, _, _ = results
    t, ls = _traj(sim, "dmab3", "bmd_lumbar_spine_pct_change")  # 30 mg Q3M, gap months 24-36
    at = lambda m: np.interp(m * 28, t, ls)  # noqa: E731 - months of 28 days as in the data
    assert at(24) > 4.0
    assert at(36) < at(24) - 2.0  # loss off treatment (observed 108.8 -> 104.9)
    assert at(48) > at(36) + 1.0  # regain on retreatment
    t, ctx = _traj(sim, "dmab3", "ctx_pct_change")
    assert np.interp(30 * 28, t, ctx) > -20  # turnover back up off treatment


def test_natural_history_targets():
    nh = natural_history_comparison()
    swan = nh[nh["source"].str.contains("SWAN")]
    assert swan["met"].all(), swan[["site", "age_from", "age_to", "value", "simulated"]].to_string()
    mros = nh[nh["sex"] == "male"]
    assert mros["met"].all(), mros.to_string()
