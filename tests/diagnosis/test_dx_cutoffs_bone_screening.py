"""Bone rules, osteosarcopenia, sarcopenic obesity and screening scores at their cut-offs."""

from __future__ import annotations

import pytest
from dx_helpers import MAN, MASS_DXA, WOMAN, label, positive

from myosteo.diagnosis import DiagnosisInputError, diagnose_person

W, M = WOMAN, MAN


@pytest.mark.parametrize("t, expected", [
    (-0.5, "normal"), (-1.0, "normal"), (-1.01, "osteopenia"), (-2.49, "osteopenia"),
    (-2.5, "osteoporosis"), (-3.2, "osteoporosis")])
def test_who_categories_at_boundaries(t, expected):
    assert label("who_bmd", **W, femoral_neck_t_score=t) == expected


def test_who_tscore_from_bmd_uses_nhanes_female_reference():
    # (0.600 - 0.858) / 0.120 = -2.15 → osteopenia; (0.540 - 0.858)/0.120 = -2.65
    assert label("who_bmd", **W, femoral_neck_bmd_g_cm2=0.600) == "osteopenia"
    assert label("who_bmd", **W, femoral_neck_bmd_g_cm2=0.540) == "osteoporosis"
    res = diagnose_person(**W, femoral_neck_bmd_g_cm2=0.600, criteria=["who_bmd"])
    assert "T -2.15" in res["who_bmd"].reason


def test_reported_t_score_wins_over_bmd():
    assert label("who_bmd", **W, femoral_neck_t_score=-0.2,
                 femoral_neck_bmd_g_cm2=0.5) == "normal"


def test_men_reference_policy_is_explicit():
    # BMD 0.76: female ref T = -0.82 (normal); male ref T = (0.76-0.934)/0.137 = -1.27
    kw = dict(**M, femoral_neck_bmd_g_cm2=0.76, criteria=["who_bmd"])
    assert diagnose_person(**kw)["who_bmd"].label == "normal"
    assert diagnose_person(men_reference="male", **kw)["who_bmd"].label == "osteopenia"
    with pytest.raises(DiagnosisInputError):
        diagnose_person(men_reference="asian", **kw)


def test_bmd_site_policies():
    # total hip: (0.700 - 0.942) / 0.122 = -1.98
    kw = dict(**W, total_hip_bmd_g_cm2=0.700, criteria=["who_bmd"])
    assert diagnose_person(**kw)["who_bmd"].label == "undetermined"  # FN is the default
    assert diagnose_person(bmd_site="total_hip", **kw)["who_bmd"].label == "osteopenia"
    # lowest: FN normal but total hip missing → could still be worse
    kw = dict(**W, femoral_neck_t_score=0.5, criteria=["who_bmd"], bmd_site="lowest")
    assert diagnose_person(**kw)["who_bmd"].label == "undetermined"
    kw["femoral_neck_t_score"] = -2.7
    assert diagnose_person(**kw)["who_bmd"].label == "osteoporosis"
    kw.update(femoral_neck_t_score=-0.5, total_hip_bmd_g_cm2=0.700)
    assert diagnose_person(**kw)["who_bmd"].label == "osteopenia"


def test_bone_rules_age_limit():
    assert label("who_bmd", sex="F", age_years=45, femoral_neck_t_score=-3) == "not_applicable"
    res = diagnose_person(sex="F", age_years=45, femoral_neck_t_score=-3, bone_min_age=None,
                          criteria=["who_bmd"])
    assert res["who_bmd"].label == "osteoporosis"
    assert label("who_bmd", sex="F", age_years=50, femoral_neck_t_score=-3) == "osteoporosis"


@pytest.mark.parametrize("extra, expected", [
    ({"femoral_neck_t_score": -0.5, "fragility_fracture": "yes", "fracture_site": "hip"},
     "osteoporosis"),
    ({"femoral_neck_t_score": -1.5, "fragility_fracture": "yes", "fracture_site": "vertebra"},
     "osteoporosis"),
    ({"femoral_neck_t_score": -1.5, "fragility_fracture": "yes", "fracture_site": "pelvis"},
     "osteoporosis"),
    ({"femoral_neck_t_score": -1.0, "fragility_fracture": "yes", "fracture_site": "vertebra"},
     "no_osteoporosis"),
    ({"femoral_neck_t_score": -1.5, "fragility_fracture": "yes", "fracture_site": "wrist"},
     "no_osteoporosis"),
    # fracture without a site counts as a qualifying non-hip fracture (documented)
    ({"femoral_neck_t_score": -1.5, "fragility_fracture": 1}, "osteoporosis"),
    ({"femoral_neck_t_score": -0.5, "fragility_fracture": "no"}, "no_osteoporosis"),
    ({"femoral_neck_t_score": -2.5}, "osteoporosis"),
    ({"femoral_neck_t_score": -0.5}, "undetermined"),  # a hip fracture would change it
    ({"fragility_fracture": "yes", "fracture_site": "hip"}, "osteoporosis"),
])
def test_nbha(extra, expected):
    assert label("nbha", **W, **extra) == expected


OSTEO = {**W, "grip_strength_kg": 10, **MASS_DXA, "appendicular_lean_mass_kg": 4}


def test_osteosarcopenia_default_composition():
    assert label("osteosarcopenia", **OSTEO, femoral_neck_t_score=-1.5) == "osteosarcopenia"
    assert label("osteosarcopenia", **OSTEO, femoral_neck_t_score=-1.0) == "no_osteosarcopenia"
    # no sarcopenia decides the composite even without any bone data
    assert label("osteosarcopenia", **W, grip_strength_kg=30) == "no_osteosarcopenia"
    # probable sarcopenia with ALM missing: cannot tell
    assert label("osteosarcopenia", **W, grip_strength_kg=10,
                 femoral_neck_t_score=-3) == "undetermined"


def test_osteosarcopenia_custom_composition():
    cid = "osteosarcopenia:awgs2019+nbha"
    kw = {**OSTEO, "gait_speed_m_s": 1.2}
    assert label(cid, **kw, femoral_neck_t_score=-1.5, fragility_fracture="no") == \
        "no_osteosarcopenia"
    assert label(cid, **kw, femoral_neck_t_score=-2.6) == "osteosarcopenia"
    assert label("osteosarcopenia:sdoc2020+who_osteoporosis", **W, grip_strength_kg=10,
                 gait_speed_m_s=0.5, femoral_neck_t_score=-2.5) == "osteosarcopenia"
    for bad in ("osteosarcopenia:foo+nbha", "osteosarcopenia:ewgsop2+bar", "nonsense"):
        with pytest.raises(DiagnosisInputError):
            diagnose_person(**W, criteria=[bad])


SO_MAN = {**M, "age_years": 65, "grip_strength_kg": 20, "appendicular_lean_mass_kg": 15,
          "weight_kg": 70, "lean_mass_method": "dxa"}  # ALM/W = 21.4 % < 25.7 %


@pytest.mark.parametrize("values, expected", [
    ({**SO_MAN, "body_fat_pct": 31.0}, "no_sarcopenic_obesity"),
    ({**SO_MAN, "body_fat_pct": 31.1}, "sarcopenic_obesity"),
    ({**SO_MAN, "age_years": 45, "body_fat_pct": 29.1}, "sarcopenic_obesity"),
    ({**SO_MAN, "age_years": 45, "body_fat_pct": 29.0}, "no_sarcopenic_obesity"),
    ({**SO_MAN, "grip_strength_kg": 27, "chair_stand_s": 16.9, "body_fat_pct": 40},
     "no_sarcopenic_obesity"),
    ({**SO_MAN, "grip_strength_kg": 27, "chair_stand_s": 17, "body_fat_pct": 40},
     "sarcopenic_obesity"),
    # women 40-59 y: > 41 %; ALM/W < 19.4 %
    ({**W, "age_years": 45, "grip_strength_kg": 10, "appendicular_lean_mass_kg": 11.6,
      "weight_kg": 60, "lean_mass_method": "dxa", "body_fat_pct": 41.1}, "sarcopenic_obesity"),
    ({**W, "age_years": 45, "grip_strength_kg": 10, "appendicular_lean_mass_kg": 11.7,
      "weight_kg": 60, "lean_mass_method": "dxa", "body_fat_pct": 41.1},
     "no_sarcopenic_obesity"),
    ({**SO_MAN, "age_years": 19, "body_fat_pct": 40}, "undetermined"),  # no age band
])
def test_sarcopenic_obesity(values, expected):
    assert label("sarcopenic_obesity", **values) == expected


@pytest.mark.parametrize("cid, values, expected", [
    ("sarc_f", {**W, "sarc_f": 3}, "not_at_risk"),
    ("sarc_f", {**M, "sarc_f": 4}, "at_risk"),
    ("calf_circumference", {**M, "calf_circumference_cm": 33.9}, "low"),
    ("calf_circumference", {**M, "calf_circumference_cm": 34.0}, "normal"),
    ("calf_circumference", {**W, "calf_circumference_cm": 32.9}, "low"),
    ("calf_circumference", {**W, "calf_circumference_cm": 33.0}, "normal"),
    ("sarc_calf", {**W, "sarc_f": 1, "calf_circumference_cm": 32}, "at_risk"),
    ("sarc_calf", {**W, "sarc_f": 0, "calf_circumference_cm": 32}, "not_at_risk"),
    ("sarc_calf", {**W, "sarc_f": 10, "calf_circumference_cm": 33}, "not_at_risk"),
    # interval logic: missing SARC-F with a normal calf cannot reach 11
    ("sarc_calf", {**W, "calf_circumference_cm": 40}, "not_at_risk"),
    ("sarc_calf", {**W, "calf_circumference_cm": 30}, "undetermined"),
    ("sarc_calf", {**W, "sarc_f": 0}, "not_at_risk"),
    ("sarc_calf", {**W, "sarc_f": 2}, "undetermined"),
])
def test_screening(cid, values, expected):
    assert label(cid, **values) == expected


def test_ishii_hand_computed_examples():
    # man 80 y, grip 20, calf 30: 0.62*16 + 3.09*30 + 4.64*12 = 158.3 ≥ 105
    res = diagnose_person(sex="M", age_years=80, grip_strength_kg=20,
                          calf_circumference_cm=30, criteria=["ishii"])
    assert res["ishii"].label == "at_risk" and "score 158.3" in res["ishii"].reason
    # woman 75 y, calf 32: grip 18 → 8.8 + 81.44 + 32.8 = 123.04 ≥ 120 (at risk);
    # grip 19 → 8.8 + 76.35 + 32.8 = 117.95 < 120
    kw = dict(sex="F", age_years=75, calf_circumference_cm=32)
    assert label("ishii", **kw, grip_strength_kg=18) == "at_risk"
    assert label("ishii", **kw, grip_strength_kg=19) == "not_at_risk"
    assert positive("ishii", **kw) is None
