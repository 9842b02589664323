"""Between-arm variability (validation/variability.py): the estimator on synthetic data, the
teriparatide fit on the committed model, and bad input."""

import numpy as np
import pytest

from myosteo.validation.trials import load_trials
from myosteo.validation.variability import fit_between_arm, random_effect_fit

NODES = np.array([-0.9, -0.6, -0.3, 0.0, 0.3, 0.6, 0.9])


def _synthetic(true_eta, sigma, seed):
    """Arms whose curve is exp(eta) * g(t) (nonlinear in eta), observed with N(0, sigma) noise."""
    rng = np.random.default_rng(seed)
    curves, observed = [], []
    for i, eta in enumerate(true_eta):
        t = np.linspace(90, 720, 3 + i % 4)
        g = 10 * (1 - np.exp(-t / 300))
        curves.append(np.exp(NODES)[:, None] * g[None, :])
        observed.append(np.exp(eta) * g + rng.normal(0, sigma, len(t)))
    return curves, observed


def test_random_effect_fit_recovers_synthetic_arms():
    true_eta = np.random.default_rng(1).normal(0, 0.2, 40)
    curves, observed = _synthetic(true_eta, 0.3, seed=2)
    omega, sigma, _, eta_hat, rmse = random_effect_fit(NODES, curves, observed)
    assert 0.15 < omega < 0.25
    assert 0.2 < sigma < 0.4
    assert np.max(np.abs(eta_hat - true_eta)) < 0.1
    assert np.all(rmse < 0.8)


def test_random_effect_fit_without_scatter_gives_small_omega():
    curves, observed = _synthetic(np.zeros(20), 0.3, seed=3)
    omega, _, _, eta_hat, _ = random_effect_fit(NODES, curves, observed)
    assert omega < 0.05
    assert np.max(np.abs(eta_hat)) < 0.05


def test_random_effect_fit_rejects_bad_nodes_and_too_narrow_grid():
    curves, observed = _synthetic(np.zeros(3), 0.3, seed=4)
    with pytest.raises(ValueError, match="eta nodes"):
        random_effect_fit(NODES[::-1], curves, observed)
    wide, observed = _synthetic(np.array([-0.8, 0.8, -0.7, 0.7, 0.0]), 0.1, seed=5)
    with pytest.raises(ValueError, match="too narrow"):
        random_effect_fit(NODES, wide, observed)


def test_fit_between_arm_names_bad_arguments():
    data = load_trials()
    with pytest.raises(ValueError, match="parameter"):
        fit_between_arm(data, ["teri5"], "no_such_parameter")
    with pytest.raises(ValueError, match="endpoint"):
        fit_between_arm(data, ["teri5"], "gF_bmd_lumbar_spine", endpoint="bmd_skull")
    with pytest.raises(ValueError, match="arms"):
        fit_between_arm(data, ["teri5", "no_such_arm"], "gF_bmd_lumbar_spine")
    with pytest.raises(ValueError, match="eta_nodes"):
        fit_between_arm(data, ["teri5"], "gF_bmd_lumbar_spine", eta_nodes=(-0.5, -0.1, 0.2, 0.5))


@pytest.fixture(scope="module")
def teriparatide_fit():
    from myosteo.validation.variability import teriparatide_between_arm_fit

    return teriparatide_between_arm_fit(n_workers=None)


def test_teriparatide_arms_are_met_with_one_between_arm_effect(teriparatide_fit):
    """The issue's 1.5 pp per teriparatide arm, reached by every arm at its own empirical-Bayes eta
    on one parameter; the typical curve's RMSE is reported beside it (docs/validation.md)."""
    t = teriparatide_fit.arms
    assert len(t) == 15
    assert (t["rmse_conditional_pp"] <= 1.5).all(), t.set_index("arm")["rmse_conditional_pp"].to_dict()
    # the typical curve is the committed model: the arms that miss with it are the scattered ones
    assert (t["rmse_typical_pp"] > 1.5).sum() >= 5


def test_teriparatide_between_arm_scatter_is_moderate_and_ordered(teriparatide_fit):
    """omega is the between-trial SD (session 25: 0.28 on log scale); the residual SD is below the
    issue's tolerance; arms that gain most get the largest eta (teri15, teri32, teri36 gain 12-14 %
    by month 18-24, teri18 and teri35 4-7 %)."""
    f = teriparatide_fit
    assert 0.1 < f.omega < 0.5
    assert f.sigma_pp < 1.0
    eta = f.arms.set_index("arm")["eta"]
    assert min(eta[["teri15", "teri32", "teri36"]]) > 0 > max(eta[["teri18", "teri35"]])


def test_denosumab_60mg_arms_are_met_with_one_between_arm_effect():
    """The three one-point denosumab arms (12-14: +2.2-2.5 % at 12 months against 4.4-5.0 % in
    the other 60 mg arms) miss with the typical curve and need a much slower spine response
    (eta below -0.4); every arm is within 1.5 pp at its own eta."""
    from myosteo.validation.variability import denosumab_60mg_between_arm_fit

    f = denosumab_60mg_between_arm_fit(n_workers=None)
    t = f.arms.set_index("arm")
    assert (t["rmse_conditional_pp"] <= 1.5).all(), t["rmse_conditional_pp"].to_dict()
    assert (t.loc[["dmab12", "dmab13", "dmab14"], "rmse_typical_pp"] > 1.5).all()
    assert (t.loc[["dmab12", "dmab13", "dmab14"], "eta"] < -0.4).all()
    assert 0.2 < f.omega < 1.0


def test_write_between_trial_variability_adds_one_entry_and_keeps_the_rest(tmp_path):
    import json

    import pandas as pd

    from myosteo.validation.variability import BetweenArmFit, write_between_trial_variability

    path = tmp_path / "fitted.json"
    path.write_text(json.dumps({"k_x": {"dataset": "d", "value": 2.0}}))
    fit = BetweenArmFit("k_x", "bmd_lumbar_spine", 2.0, 0.25, 0.6, 10.0, pd.DataFrame())
    write_between_trial_variability(fit, "arms a and b", path)
    table = json.loads(path.read_text())
    assert table == {"k_x": {"dataset": "d", "value": 2.0}, "omega_k_x": {"dataset": "arms a and b", "value": 0.25}}


def test_between_trial_sd_predicts_the_spread_of_the_teriparatide_arms_over_time():
    """The model's between-trial SD of the spine BMD rate (with the teriparatide residual SD 0.67 pp,
    session 25) predicts the SD between the arms at 3, 6, 12 and 18 months within the 95 %
    interval of each observed SD (not independent: the SD was estimated from these arms)."""
    from myosteo.model.library import standard_model
    from myosteo.validation.variability import BETWEEN_ARM_PARAMETER, _teriparatide_arms, between_arm_spread

    data = load_trials()
    omega = standard_model().parameter_map[BETWEEN_ARM_PARAMETER].variability.log_sd
    t = between_arm_spread(data, _teriparatide_arms(data), BETWEEN_ARM_PARAMETER, omega, 0.67)
    assert list(t["time_days"]) == [84.0, 168.0, 336.0, 504.0]  # >= 5 arms on the same doses
    assert t["within"].all(), t.to_string()
    assert np.all(np.diff(t["predicted_sd_pp"]) > 0)  # the spread grows with time, as observed


def test_between_arm_spread_names_bad_arguments():
    from myosteo.validation.variability import between_arm_spread

    data = load_trials()
    with pytest.raises(ValueError, match="arms: the arms must share one patient"):
        between_arm_spread(data, ["teri5", "dmab5", "dmab8", "dmab11", "dmab15"], "k_bmd_lumbar_spine", 0.3, 0.7,
                           min_arms=2)
    with pytest.raises(ValueError, match="parameter"):
        between_arm_spread(data, ["teri5"], "no_such_parameter", 0.3, 0.7)
    with pytest.raises(ValueError, match="eta_nodes"):
        between_arm_spread(data, ["teri5"], "k_bmd_lumbar_spine", 0.6, 0.7, eta_nodes=(-0.9, 0.0, 0.9))
    with pytest.raises(ValueError, match="at least 5"):
        between_arm_spread(data, ["teri5", "teri7"], "k_bmd_lumbar_spine", 0.3, 0.7)
