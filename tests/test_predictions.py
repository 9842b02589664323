"""The curated trial summary table (validation/data/predictions.csv) is well formed: every row
names a registered drug, a dose the simulator can read, an output the report compares, and a
status and fit flag from the documented sets, so no row is silently skipped or misread."""

from __future__ import annotations

import numpy as np
import pytest

from myosteo.model.drugs import DRUGS
from myosteo.outputs import COLUMNS
from myosteo.validation.calibrate import formation_marker_targets, resorption_marker_targets
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


def test_resorption_fit_targets_are_the_flagged_zoledronate_ctx_rows():
    """Stage 5 fits zoledronic acid's Emax, EC50 and surface turnover to the used_in_fit ctx rows
    (session 29): dose-response at 12 months and duration after one dose."""
    rows = resorption_marker_targets()
    assert (rows["endpoint"] == "ctx").all() and (rows["drug"] == "zoledronic_acid").all()
    assert {"HORIZON-PFT", "Grey 2012 JCEM", "Grey 2010", "Grey 2012 Bone", "Grey 2021"} <= set(rows["trial"])
    assert set(rows["dose"]) == {"1 mg", "5 mg"}


def test_a_flagged_row_of_another_endpoint_is_refused(monkeypatch):
    import myosteo.validation.calibrate as calibrate

    tg = prediction_targets()
    bmd = tg["endpoint"].str.startswith("bmd")
    tg.loc[bmd.idxmax(), "used_in_fit"] = "yes"
    monkeypatch.setattr(calibrate, "prediction_targets", lambda: tg)
    with pytest.raises(ValueError, match="only p1np and ctx rows may be used_in_fit"):
        calibrate.formation_marker_targets()


def test_bisphosphonate_bmd_predictions_regression_guard():
    """Held-out bisphosphonate BMD summaries. Liberman 1995 and Schnitzer 2000 are within their
    tolerance. HORIZON's spine was over-predicted for many sessions (observed +6.7 +- 3 %; +18.5 %
    before formation read osteoblast number, +12.4 before session 24, +11.1 to +11.2 in sessions
    24-28); since the two bone pools of session 29 yearly doses no longer deepen the suppression
    and it is +9.7 %, at the edge of its tolerance. The guard keeps it at or below +10 %
    (docs/validation.md, sessions 14, 24, 29)."""
    tg = prediction_targets()
    trials = ["HORIZON-PFT", "Liberman 1995", "Schnitzer 2000"]
    pc = prediction_comparison(rows=tg[tg["trial"].isin(trials) & tg["endpoint"].str.startswith("bmd")])
    spine = (pc["trial"] == "HORIZON-PFT") & (pc["endpoint"] == "bmd_lumbar_spine")
    assert pc[~spine]["met"].all(), pc[["trial", "endpoint", "value", "simulated"]]
    assert pc[spine]["simulated"].iloc[0] <= 10.0, pc[spine]


def test_single_dose_zoledronate_held_out_regression_guard():
    """Grey 2017 (held out): one zoledronate dose of 1, 2.5 or 5 mg, BMD vs placebo at 2 and 5
    years, tolerances = the trial's 95 % CI half-widths. 11 of the 12 were met in sessions 24-26,
    8 in sessions 27-28 (secondary mineral a property of the tissue: under sustained suppression
    the spine keeps gaining). Since session 29 (surface and buried pools, zoledronate's effect
    fitted to CTX after 1 and 5 mg) 9 are met; the misses are the 2.5 and 5 mg spine and the
    2.5 mg total hip at 5 years (+6.3 / +8.2 / +5.2 % against +2.2 +- 3.2 / +5.1 +- 3 / +2.8 +- 2;
    docs/validation.md, session 29). The guard sits just beyond these values; both sites rise
    with dose, and the 2-year rows are met at every dose."""
    tg = prediction_targets()
    pc = prediction_comparison(rows=tg[tg["trial"] == "Grey 2017"])
    two = pc[pc["month"] == 24]
    assert len(two) == 6 and two["met"].all(), two[["dose", "endpoint", "value", "simulated"]]
    for (endpoint, month), g in pc.groupby(["endpoint", "month"]):
        sim = g.set_index("dose")["simulated"]
        assert sim["1 mg"] < sim["2.5 mg"] < sim["5 mg"], (endpoint, month, sim)
    assert pc["met"].sum() >= 9, pc[["dose", "endpoint", "month", "value", "simulated"]]
    spine5 = pc[(pc["endpoint"] == "bmd_lumbar_spine") & (pc["month"] == 60)].set_index("dose")["simulated"]
    assert spine5["2.5 mg"] <= 6.8 and spine5["5 mg"] <= 8.7, spine5


def test_single_dose_zoledronate_markers():
    """Turnover markers after one zoledronate dose (curated in session 28). Since session 29 the
    beta-CTX rows are stage-5 fit targets (surface and buried pools): 1 mg at least 40 % below
    placebo at 12 months (Grey 2012 JCEM), 5 mg -44 / -48 % at 3 / 5 years (Grey 2010, Grey 2012
    Bone). Their P1NP rows stay held out and are met too: -38 % after 1 mg (about -18 % with the
    one-pool model of sessions 12-28, which put every dose in the linear range of its Emax curve),
    -41 / -29 % at 3 / 5 years after 5 mg."""
    tg = prediction_targets()
    pc = prediction_comparison(rows=tg[tg["trial"].isin(["Grey 2010", "Grey 2012 Bone", "Grey 2012 JCEM"])])
    assert len(pc) == 6 and pc["met"].all(), pc[["trial", "endpoint", "month", "value", "simulated"]]
    assert (pc[pc["endpoint"] == "ctx"]["used_in_fit"] == "yes").all()
    assert (pc[pc["endpoint"] == "p1np"]["used_in_fit"] == "no").all()
