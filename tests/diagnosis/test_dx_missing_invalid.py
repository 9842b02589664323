"""Undetermined logic (missing inputs) and invalid-input handling (rows kept, messages)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from dx_helpers import MASS_BIA, MASS_DXA, WOMAN, label, positive, table

from myosteo.diagnosis import DEFAULT_CRITERIA, diagnose, diagnose_person

W = WOMAN


def test_decided_label_despite_missing_inputs():
    # normal grip decides EWGSOP2 whatever ALM would show
    assert label("ewgsop2", **W, grip_strength_kg=25) == "no_sarcopenia"
    assert positive("ewgsop2", **W, grip_strength_kg=25) is False
    # low grip, ALM missing: probable is established; the binary reduction is unknown
    assert label("ewgsop2", **W, grip_strength_kg=15) == "probable"
    assert positive("ewgsop2", **W, grip_strength_kg=15) is None
    # confirmed with performance missing: 'has sarcopenia' is already decided
    kw = {**W, "grip_strength_kg": 15, **MASS_DXA, "appendicular_lean_mass_kg": 4}
    assert label("ewgsop2", **kw) == "confirmed" and positive("ewgsop2", **kw) is True


def test_undetermined_when_missing_input_could_change_answer():
    assert label("ewgsop2", **W) == "undetermined"
    assert label("sdoc2020", **W, grip_strength_kg=10) == "undetermined"
    assert label("sdoc2020", **W, grip_strength_kg=30) == "no_sarcopenia"
    assert label("awgs2014", **W, grip_strength_kg=10) == "undetermined"
    # FNIH: normal grip, ALM/BMI unknown → weakness ruled out, low lean mass possible;
    # the label is undetermined but 'has sarcopenia' is already False
    assert label("fnih2014", **W, grip_strength_kg=30) == "undetermined"
    assert positive("fnih2014", **W, grip_strength_kg=30) is False


def test_method_specific_cutoffs_and_declaration():
    # FNIH ALM/BMI is DXA-only: BIA data do not use it
    kw = {**W, "grip_strength_kg": 10, **MASS_BIA, "appendicular_lean_mass_kg": 5}
    assert label("fnih2014", **kw) == "weakness"
    res = diagnose_person(**kw, criteria=["fnih2014"])
    assert "no cut-off for method bia" in res["fnih2014"].reason
    # ALM without any method: method-specific cut-offs are not applied (never
    # guessed), with a message; EWGSOP2's single ASM/ht² cut-off still applies
    df = pd.DataFrame([{"id": "a", **W, "grip_strength_kg": 10, "height_m": 1.0,
                        "weight_kg": 40, "appendicular_lean_mass_kg": 4}])
    out = diagnose(df, criteria=["awgs2019", "ewgsop2"])
    assert out.loc[0, "awgs2019"] == "possible"
    assert out.loc[0, "ewgsop2"] == "confirmed"
    assert "lean_mass_method is missing" in out.loc[0, "diagnosis_messages"]
    out = diagnose(df, criteria=["awgs2019"], lean_mass_method="dxa")
    assert out.loc[0, "awgs2019"] == "sarcopenia" and out.loc[0, "diagnosis_messages"] == ""


def test_lean_mass_method_declaration_only_fills_missing_cells():
    df = pd.DataFrame([{"id": "a", **W, "grip_strength_kg": 10, "height_m": 1.0,
                        "weight_kg": 40, "appendicular_lean_mass_kg": 5.5,
                        "lean_mass_method": "bia"}])
    # BIA cut-off 5.7 applies (row value), not the declared DXA cut-off 5.4
    assert diagnose(df, criteria=["awgs2019"], lean_mass_method="dxa").loc[0, "awgs2019"] \
        == "sarcopenia"


INVALID_CASES = [
    ("grip_strength_kg", -3, {"ewgsop2", "awgs2019", "sdoc2020", "fnih2014"},
     {"iwgs2011", "baumgartner1998", "who_bmd"}),
    ("gait_speed_m_s", 20, {"sdoc2020", "iwgs2011", "awgs2019"}, {"fnih2014", "baumgartner1998"}),
    ("age_years", 150, {"who_bmd", "ishii", "nbha"}, {"ewgsop2", "sdoc2020"}),
    ("sppb", 4.5, {"awgs2019", "ewgsop2"}, {"sdoc2020"}),
    ("grip_strength_kg", "strong", {"ewgsop2"}, {"iwgs2011"}),
]


@pytest.mark.parametrize("column, value, hit, spared", INVALID_CASES)
def test_invalid_value_marks_only_criteria_using_it(column, value, hit, spared):
    rows = [{**W, "grip_strength_kg": 10, "gait_speed_m_s": 0.5, "sppb": 6},
            {**W, "grip_strength_kg": 10, "gait_speed_m_s": 0.5, "sppb": 6, column: value},
            {**W, "grip_strength_kg": 30}]
    out = table(rows)
    assert list(out["id"]) == ["r0", "r1", "r2"]  # kept, same order
    for cid in hit:
        assert out.loc[1, cid] == "invalid_input", cid
        assert out.loc[0, cid] != "invalid_input", cid
    for cid in spared:
        assert out.loc[1, cid] != "invalid_input", cid
    msg = out.loc[1, "diagnosis_messages"]
    assert "id=r1" in msg and column in msg and str(value) in msg
    assert out.loc[0, "diagnosis_messages"] == ""


def test_bmi_out_of_range_flags_height_and_weight():
    out = table([{**W, "height_m": 1.0, "weight_kg": 200, "grip_strength_kg": 10,
                  "appendicular_lean_mass_kg": 4, "lean_mass_method": "dxa"}])
    assert out.loc[0, "ewgsop2"] == "invalid_input"
    assert "BMI 200" in out.loc[0, "diagnosis_messages"]
    assert out.loc[0, "sdoc2020"] == "undetermined"  # does not use height/weight


def test_height_in_cm_without_declaration_is_invalid_not_guessed():
    out = table([{**W, "height_m": 160, "weight_kg": 60, "grip_strength_kg": 10,
                  "appendicular_lean_mass_kg": 10, "lean_mass_method": "dxa"}])
    assert out.loc[0, "ewgsop2"] == "invalid_input"
    assert "height_m=160" in out.loc[0, "diagnosis_messages"]
    assert "height-unit cm" in out.loc[0, "diagnosis_messages"]


def test_unknown_sex_is_invalid_for_sex_specific_criteria_only():
    out = table([{"sex": "X", "age_years": 70, "grip_strength_kg": 10, "sarc_f": 5,
                  "gait_speed_m_s": 0.5}])
    assert out.loc[0, "ewgsop2"] == "invalid_input"
    assert out.loc[0, "sarc_f_label"] == "at_risk"  # same cut-off for both sexes
    assert "sex=X" in out.loc[0, "diagnosis_messages"]


def test_index_and_input_columns_are_preserved():
    df = pd.DataFrame({"id": ["a", "b"], "sex": ["F", "M"], "age_years": [70, 80],
                       "sarc_f": [5, 1], "note": ["x", "y"]}, index=[10, 3])
    out = diagnose(df)
    assert list(out.index) == [10, 3]
    pd.testing.assert_frame_equal(out[df.columns], df)
    assert list(out["sarc_f_label"]) == ["at_risk", "not_at_risk"]
    assert set(DEFAULT_CRITERIA) - {"sarc_f"} <= set(out.columns)
    assert df.columns.tolist() == ["id", "sex", "age_years", "sarc_f", "note"]  # untouched


def test_labels_stay_in_vocabulary_for_messy_cohort():
    rng = np.random.default_rng(0)
    n = 300
    df = pd.DataFrame({
        "id": range(n), "sex": rng.choice(["F", "M", "x", None], n),
        "age_years": rng.uniform(10, 130, n),
        "grip_strength_kg": rng.uniform(-5, 60, n), "gait_speed_m_s": rng.uniform(0, 4, n),
        "height_m": rng.uniform(0.9, 2.0, n), "weight_kg": rng.uniform(30, 150, n),
        "appendicular_lean_mass_kg": rng.uniform(2, 40, n),
        "lean_mass_method": rng.choice(["dxa", "bia", "ct", None], n),
        "femoral_neck_t_score": rng.uniform(-5, 2, n)})
    df = df.mask(rng.random(df.shape) < 0.2).assign(id=range(n))
    from myosteo.diagnosis import get_criterion

    out = diagnose(df)
    assert len(out) == n
    for cid in DEFAULT_CRITERIA:
        col = "sarc_f_label" if cid == "sarc_f" else cid
        allowed = set(get_criterion(cid).vocabulary) | {"undetermined", "invalid_input",
                                                       "not_applicable"}
        assert set(out[col]) <= allowed, cid


def test_missing_id_is_named_by_row_position_in_messages():
    df = pd.DataFrame({"id": ["a", None], "sex": ["F", "F"], "age_years": [70, 70],
                       "grip_strength_kg": [10, -4]}, index=[5, 9])
    out = diagnose(df, criteria=["ewgsop2"])
    assert out.loc[9, "diagnosis_messages"].startswith("id=row1: grip_strength_kg=-4")


def test_missing_required_age_value_is_invalid_for_age_dependent_criteria():
    out = table([{"sex": "F", "age_years": None, "grip_strength_kg": 10,
                  "femoral_neck_t_score": -3, "calf_circumference_cm": 30}])
    assert out.loc[0, "who_bmd"] == "invalid_input"  # applicability depends on age
    assert out.loc[0, "ishii"] == "invalid_input"
    assert out.loc[0, "ewgsop2"] == "probable"  # does not use age
    assert "age_years=<missing> is missing (required column)" in out.loc[0, "diagnosis_messages"]
