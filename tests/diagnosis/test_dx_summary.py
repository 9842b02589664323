"""Prevalence (Wilson CI), Cohen's kappa on hand-computed examples, and the figure."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from myosteo.diagnosis import diagnose_detailed, summarize
from myosteo.diagnosis.summary import (agreement_table, cohen_kappa, prevalence_table,
                                       wilson_interval)


def test_wilson_hand_values():
    # 0/10: upper = z²/(n+z²) = 3.8415/13.8415 = 0.27753
    lo, hi = wilson_interval(0, 10)
    assert lo == 0.0 and hi == pytest.approx(0.277532, abs=1e-6)
    # 5/10: centre 0.5, half = z*sqrt(0.025 + z²/400)/(1 + z²/10) = 0.2366
    lo, hi = wilson_interval(5, 10)
    assert (lo, hi) == (pytest.approx(0.236593, abs=1e-6), pytest.approx(0.763407, abs=1e-6))
    assert all(math.isnan(v) for v in wilson_interval(0, 0))


def test_kappa_hand_computed_example():
    # 2×2 table: both + 20, first only 5, second only 10, neither 15 (n = 50)
    # po = 0.70; p1 = 0.5, p2 = 0.6; pe = 0.5·0.6 + 0.5·0.4 = 0.5; κ = 0.2/0.5 = 0.4
    # SE = sqrt(0.7·0.3 / (50·0.25)) = 0.129615; CI 0.4 ± 1.959964·SE
    a = np.array([1] * 20 + [1] * 5 + [0] * 10 + [0] * 15, bool)
    b = np.array([1] * 20 + [0] * 5 + [1] * 10 + [0] * 15, bool)
    k = cohen_kappa(a, b)
    assert (k["both"], k["first_only"], k["second_only"], k["neither"]) == (20, 5, 10, 15)
    assert k["po"] == pytest.approx(0.7) and k["pe"] == pytest.approx(0.5)
    assert k["kappa"] == pytest.approx(0.4)
    assert k["se"] == pytest.approx(0.129615, abs=1e-6)
    assert k["ci_low"] == pytest.approx(0.145961, abs=1e-5)
    assert k["ci_high"] == pytest.approx(0.654039, abs=1e-5)
    assert k["pabak"] == pytest.approx(0.4)


def test_kappa_degenerate_cases():
    same = np.array([True, False, True])
    assert cohen_kappa(same, same)["kappa"] == pytest.approx(1.0)
    allpos = np.ones(4, bool)
    assert math.isnan(cohen_kappa(allpos, allpos)["kappa"])  # pe = 1: undefined
    assert math.isnan(cohen_kappa(np.array([], bool), np.array([], bool))["kappa"])


@pytest.fixture()
def cohort_result():
    rows = []
    # 4 women with low grip & ALM (EWGSOP2 confirmed), 2 with normal grip,
    # 2 men with missing grip (EWGSOP2 undetermined), ages across bands
    for i, (sex, age, grip, gait) in enumerate([
            ("F", 65, 10, 0.5), ("F", 72, 12, 0.9), ("F", 75, 14, 0.7), ("F", 85, 15, 1.1),
            ("F", 66, 30, 0.5), ("F", 90, 25, 1.2), ("M", 70, None, 0.5), ("M", 82, None, 1.1)]):
        rows.append({"id": f"p{i}", "sex": sex, "age_years": age, "grip_strength_kg": grip,
                     "gait_speed_m_s": gait, "height_m": 1.0, "weight_kg": 40,
                     "appendicular_lean_mass_kg": 4, "lean_mass_method": "dxa"})
    return diagnose_detailed(pd.DataFrame(rows), criteria=["ewgsop2", "sdoc2020", "awgs2019"])


def test_prevalence_by_group(cohort_result):
    prev = prevalence_table(cohort_result).set_index(["criterion", "group_type", "group"])
    overall = prev.loc[("ewgsop2", "overall", "all")]
    assert (overall.n_rows, overall.n_evaluable, overall.n_positive) == (8, 6, 4)
    assert overall.prevalence == pytest.approx(4 / 6)
    assert (overall.ci_low, overall.ci_high) == pytest.approx(wilson_interval(4, 6))
    assert overall.n_undetermined == 2
    men = prev.loc[("ewgsop2", "sex", "male")]
    assert (men.n_rows, men.n_evaluable) == (2, 0) and math.isnan(men.prevalence)
    band = prev.loc[("ewgsop2", "age_band", "70-79")]
    assert (band.n_rows, band.n_evaluable, band.n_positive) == (3, 2, 2)
    # SDOC: grip < 20 and gait < 0.8 → p0 and p2 only
    sdoc = prev.loc[("sdoc2020", "overall", "all")]
    assert (sdoc.n_evaluable, sdoc.n_positive) == (7, 2)


def test_agreement_uses_rows_evaluable_by_both(cohort_result):
    agree = agreement_table(cohort_result).set_index(["first", "second"])
    row = agree.loc[("ewgsop2", "sdoc2020")]
    # evaluable by both: p0..p5; ewgsop2 + on p0..p3, sdoc2020 + on p0, p2
    assert row.n == 6 and (row.both, row.first_only, row.second_only, row.neither) == \
        (2, 2, 0, 2)
    po, pe = 4 / 6, (4 / 6) * (2 / 6) + (2 / 6) * (4 / 6)
    assert row.kappa == pytest.approx((po - pe) / (1 - pe))


def test_summarize_writes_files(cohort_result, tmp_path):
    s = summarize(cohort_result, tmp_path / "out" / "LABELS")
    assert [f.name for f in s.files] == ["LABELS_summary.csv", "LABELS_agreement.csv",
                                         "LABELS_summary.md", "LABELS_upset.png"]
    assert all(f.stat().st_size > 0 for f in s.files)
    assert "| ewgsop2 | all | 8 | 6 | 4 | 66.7% (30.0-90.3) |" in s.markdown
    assert "ewgsop2 vs sdoc2020" in s.markdown
    back = pd.read_csv(s.files[0])
    assert len(back) == 3 * (1 + 2 + 4)
