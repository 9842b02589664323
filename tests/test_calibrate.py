"""The calibration machinery (not the fit itself, which takes minutes)."""

import json

import numpy as np
import pytest

from myosteo.outputs import DoseEvent, PatientSpec, simulate_patients
from myosteo.validation.calibrate import _bmd_paths, _formation, _simulate_components, current_values


def test_components_are_on_the_absolute_model_clock():
    # regression: the grid is absolute (from age 20); a run shifted by its t0 read ages 46 years late
    comp = _simulate_components([dict(sex="female", age_years=66.0)], [[]], [np.array([0.0, 365.25])], {})[0]
    assert comp["age_years"] == pytest.approx([20.0, 21.0])


@pytest.mark.parametrize("drug, dose_mg, every_days, n_doses", [
    ("denosumab", 60.0, 365.0, 1),
    # daily PTH: BCL2 swings within each day; the surrogate must average the activity drive over
    # the day (sampling at the dose instant overstated the spine gain about fourfold)
    ("teriparatide", 0.02, 1.0, 365),
])
def test_numpy_bmd_integration_matches_the_engine(drug, dose_mg, every_days, n_doses):
    cur = current_values()
    p = PatientSpec("female", 63.0)
    doses = [DoseEvent(k * every_days, drug, dose_mg) for k in range(n_doses)]
    t = np.arange(0.0, 366.0, 1.0)
    eng = simulate_patients([p], [doses], t, n_workers=1)
    off = p.offset_days
    grid = np.union1d(np.arange(0.0, off, 14.0), off + t)
    comp = _simulate_components([dict(sex="female", age_years=63.0)], [doses], [grid], {})[0]
    assert comp["t"][0] == 0.0
    if drug == "denosumab":
        assert comp["resorption_rel"].min() < 0.5  # the dose reached the components
    paths = _bmd_paths(comp, cur)
    i0 = int(np.searchsorted(grid, off))
    for site in ("lumbar_spine", "total_hip"):
        numpy_pct = 100 * (paths[site][i0:] / paths[site][i0] - 1)
        for day in (91, 182, 365):
            assert numpy_pct[day] == pytest.approx(eng[f"bmd_{site}_pct_change"].iloc[day], abs=0.3), (site, day)
    # P1NP: the stage-5 coupling fit reads formation from the surrogate. Under daily PTH the
    # surrogate gives the day's mean activity and the engine the value at the sampling instant
    # (the dose time), a few percent apart; elsewhere they agree within 1 pp.
    F = _formation(comp, cur)[0]
    for day in (30, 91, 182, 365):
        surrogate, engine = F[i0 + day] / F[i0], 1 + eng["p1np_pct_change"].iloc[day] / 100
        if drug == "teriparatide":
            assert surrogate == pytest.approx(engine, rel=0.05), day
        else:
            assert 100 * surrogate == pytest.approx(100 * engine, abs=1.0), day


def test_linear_recurrence_matches_the_step_by_step_loop():
    """The chunked closed form equals x[i] = a x[i-1] + b step by step, including decays that
    span hundreds of e-folds (70 years at the mineralisation rate) and steps that underflow."""
    from myosteo.validation.calibrate import _linear_recurrence

    rng = np.random.default_rng(0)
    for rates in (rng.uniform(0.0, 0.6, 5000), np.r_[rng.uniform(0, 0.1, 100), 800.0, rng.uniform(0, 0.1, 100)]):
        decay = np.exp(-rates * 14.0)
        drive = rng.normal(size=len(decay))
        x = np.empty(len(decay) + 1)
        x[0] = 0.7
        for i in range(len(decay)):
            x[i + 1] = decay[i] * x[i] + drive[i]
        np.testing.assert_allclose(_linear_recurrence(decay, drive, 0.7), x, rtol=1e-10, atol=1e-12)


def test_calibration_replaces_only_what_it_refitted_and_flags_stale_between_trial_sds():
    from myosteo.validation.calibrate import merge_fitted

    old = {"k_a": {"value": 1.0, "dataset": "old a"}, "k_b": {"value": 2.0, "dataset": "old b"},
           "k_c": {"value": 3.0, "dataset": "old c"},
           "omega_k_a": {"value": 0.3, "dataset": "arms"}, "omega_k_b": {"value": 0.2, "dataset": "arms"}}
    datasets = {"k_a": "new a", "k_b": "new b", "k_c": "new c", "k_d": "new d"}
    current = {"k_a": 1.0, "k_b": 2.0, "k_c": 3.0, "k_d": 4.0}
    table, stale = merge_fitted(old, {"k_a": 1.5, "k_b": 2.0}, datasets, current)
    assert table["k_a"] == {"value": 1.5, "dataset": "new a"}
    assert table["k_b"] == {"value": 2.0, "dataset": "new b"}
    assert table["k_c"] == old["k_c"]  # not refitted: kept verbatim, dataset text included
    assert table["k_d"] == {"value": 4.0, "dataset": "new d"}  # new calibrated name: current value
    assert table["omega_k_a"] == old["omega_k_a"] and table["omega_k_b"] == old["omega_k_b"]
    assert stale == ["omega_k_a"]  # k_b was refitted to the same value
    assert old["k_a"]["value"] == 1.0  # the input table is not modified


def test_calibration_refuses_a_refitted_value_without_a_dataset():
    from myosteo.validation.calibrate import merge_fitted

    with pytest.raises(ValueError, match="k_x"):
        merge_fitted({}, {"k_x": 1.0}, {"k_a": "a"}, {"k_a": 1.0})


def test_every_calibrated_parameter_is_in_the_committed_table():
    from myosteo.validation.calibrate import DATASETS, FITTED_PATH

    table = json.loads(FITTED_PATH.read_text())
    assert set(DATASETS) <= set(table), sorted(set(DATASETS) - set(table))
