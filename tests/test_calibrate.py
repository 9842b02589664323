"""The calibration machinery (not the fit itself, which takes minutes)."""

import numpy as np
import pytest

from myosteo.outputs import DoseEvent, PatientSpec, simulate_patients
from myosteo.validation.calibrate import _bmd_paths, _simulate_components, current_values


def test_components_are_on_the_absolute_model_clock():
    # regression: the grid is absolute (from age 20); a run shifted by its t0 read ages 46 years late
    comp = _simulate_components([dict(sex="female", age_years=66.0)], [[]], [np.array([0.0, 365.25])], {})[0]
    assert comp["age_years"] == pytest.approx([20.0, 21.0])


def test_numpy_bmd_integration_matches_the_engine():
    cur = current_values()
    p = PatientSpec("female", 63.0)
    doses = [DoseEvent(0.0, "denosumab", 60.0)]
    t = np.arange(0.0, 366.0, 1.0)
    eng = simulate_patients([p], [doses], t, n_workers=1)
    off = p.offset_days
    grid = np.union1d(np.arange(0.0, off, 14.0), off + t)
    comp = _simulate_components([dict(sex="female", age_years=63.0)],
                                [[DoseEvent(0.0, "denosumab", 60.0)]], [grid], {})[0]
    comp_doses = _simulate_components([dict(sex="female", age_years=63.0)], [doses], [grid], {})[0]
    assert comp["t"][0] == 0.0 and comp_doses["resorption_rel"].min() < 0.5
    paths = _bmd_paths(comp_doses, cur, cur)
    i0 = int(np.searchsorted(grid, off))
    numpy_pct = 100 * (paths["lumbar_spine"][i0:] / paths["lumbar_spine"][i0] - 1)
    assert numpy_pct[-1] == pytest.approx(eng["bmd_lumbar_spine_pct_change"].iloc[-1], abs=0.3)
