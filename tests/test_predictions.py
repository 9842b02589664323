"""The curated trial summary table (validation/data/predictions.csv) is well formed: every row
names a registered drug, a dose the simulator can read, an output the report compares, and a
status and fit flag from the documented sets, so no row is silently skipped or misread."""

from __future__ import annotations

import numpy as np

from myosteo.model.drugs import DRUGS
from myosteo.outputs import COLUMNS
from myosteo.validation.calibrate import formation_marker_targets
from myosteo.validation.predictions import prediction_comparison, prediction_targets, trial_doses


def test_every_prediction_row_is_readable():
    tg = prediction_targets()
    assert len(tg) > 0
    for r in tg.itertuples():
        where = f"predictions.csv row {r.Index + 2} ({r.trial}, {r.endpoint}, month {r.month})"
        assert r.drug in DRUGS, where
        doses = trial_doses(r)
        assert len(doses) == int(r.n_doses) and doses[0].dose_mg > 0, where
        assert f"{r.endpoint}_pct_change" in COLUMNS, where
        assert r.status in {"V", "S", "R"}, where
        assert r.used_in_fit in {"yes", "no"} and r.difference_vs_untreated in {"yes", "no"}, where
        assert np.isfinite(r.value) and r.tolerance > 0 and 0 < r.month and 18 <= r.age_years <= 110, where
        assert r.source.strip(), where


def test_fit_targets_are_the_flagged_p1np_rows():
    rows = formation_marker_targets()
    assert set(rows["drug"]) == {"teriparatide", "zoledronic_acid", "denosumab"}
    assert (rows["used_in_fit"] == "yes").all() and (rows["endpoint"] == "p1np").all()


def test_bisphosphonate_bmd_predictions_regression_guard():
    """Held-out bisphosphonate BMD summaries. Liberman 1995 and Schnitzer 2000 are within their
    tolerance; HORIZON's spine is still over-predicted (observed +6.7 %; +12.4 % simulated, +18.5 %
    before formation read osteoblast number with a fitted exponent), so its guard sits just above
    the current value (docs/validation.md, session 14)."""
    tg = prediction_targets()
    rows = tg[tg["trial"].isin(["HORIZON-PFT", "Liberman 1995", "Schnitzer 2000"]) & tg["endpoint"].str.startswith("bmd")]
    pc = prediction_comparison(rows=rows)
    assert pc[pc["trial"] != "HORIZON-PFT"]["met"].all(), pc[["trial", "endpoint", "value", "simulated"]]
    horizon = pc[pc["trial"] == "HORIZON-PFT"].set_index("endpoint")["simulated"]
    assert horizon["bmd_lumbar_spine"] <= 13.5 and horizon["bmd_total_hip"] <= 9.0, horizon
