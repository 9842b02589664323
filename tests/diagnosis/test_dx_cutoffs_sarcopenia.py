"""Boundary tests for every sarcopenia cut-off: both sides and the equality case.

Expected labels are written out by hand from the published cut-offs (not computed
from the catalogue), so a wrong number or inequality in the data fails here.
"""

from __future__ import annotations

import pytest
from dx_helpers import MAN, MASS_BIA, MASS_DXA, WOMAN, label

W, M = WOMAN, MAN


def case(cid, base, extra, expected):
    return pytest.param(cid, {**base, **extra}, expected,
                        id=f"{cid}-{base['sex']}-{'-'.join(f'{k}={v}' for k, v in extra.items())}")


EWGSOP2 = [
    # grip < 27 (men) / < 16 (women): probable
    case("ewgsop2", W, {"grip_strength_kg": 15.99}, "probable"),
    case("ewgsop2", W, {"grip_strength_kg": 16.0}, "no_sarcopenia"),
    case("ewgsop2", W, {"grip_strength_kg": 16.01}, "no_sarcopenia"),
    case("ewgsop2", M, {"grip_strength_kg": 26.99}, "probable"),
    case("ewgsop2", M, {"grip_strength_kg": 27.0}, "no_sarcopenia"),
    # chair stand > 15 s
    case("ewgsop2", W, {"grip_strength_kg": 30, "chair_stand_s": 15.0}, "no_sarcopenia"),
    case("ewgsop2", W, {"grip_strength_kg": 30, "chair_stand_s": 15.01}, "probable"),
    case("ewgsop2", M, {"chair_stand_s": 16}, "probable"),
    # ASM/ht² < 7.0 / < 5.5 confirms (DXA and BIA alike)
    case("ewgsop2", W, {"grip_strength_kg": 10, **MASS_DXA,
                        "appendicular_lean_mass_kg": 5.49}, "confirmed"),
    case("ewgsop2", W, {"grip_strength_kg": 10, **MASS_DXA,
                        "appendicular_lean_mass_kg": 5.5}, "probable"),
    case("ewgsop2", W, {"grip_strength_kg": 10, **MASS_BIA,
                        "appendicular_lean_mass_kg": 5.49}, "confirmed"),
    case("ewgsop2", M, {"grip_strength_kg": 20, **MASS_DXA,
                        "appendicular_lean_mass_kg": 6.99}, "confirmed"),
    case("ewgsop2", M, {"grip_strength_kg": 20, **MASS_DXA,
                        "appendicular_lean_mass_kg": 7.0}, "probable"),
    # performance: gait ≤ 0.8, SPPB ≤ 8, TUG ≥ 20 → severe
    *[case("ewgsop2", W, {"grip_strength_kg": 10, **MASS_DXA, "appendicular_lean_mass_kg": 4,
                          k: v}, exp)
      for k, v, exp in [("gait_speed_m_s", 0.8, "severe"), ("gait_speed_m_s", 0.81, "confirmed"),
                        ("sppb", 8, "severe"), ("sppb", 9, "confirmed"),
                        ("tug_s", 20, "severe"), ("tug_s", 19.99, "confirmed")]],
]

EWGSOP1 = [
    case("ewgsop1", W, {**MASS_DXA, "appendicular_lean_mass_kg": 5.49}, "presarcopenia"),
    case("ewgsop1", W, {**MASS_DXA, "appendicular_lean_mass_kg": 5.5}, "no_sarcopenia"),
    case("ewgsop1", M, {**MASS_DXA, "appendicular_lean_mass_kg": 7.25}, "presarcopenia"),
    case("ewgsop1", M, {**MASS_DXA, "appendicular_lean_mass_kg": 7.26}, "no_sarcopenia"),
    # BIA: whole-body SM/ht² < 8.87 / < 6.42 (Chien 2008 as tabulated)
    case("ewgsop1", W, {"height_m": 1.0, "skeletal_muscle_mass_kg": 6.41}, "presarcopenia"),
    case("ewgsop1", W, {"height_m": 1.0, "skeletal_muscle_mass_kg": 6.42}, "no_sarcopenia"),
    case("ewgsop1", M, {"height_m": 1.0, "skeletal_muscle_mass_kg": 8.86}, "presarcopenia"),
    case("ewgsop1", M, {"height_m": 1.0, "skeletal_muscle_mass_kg": 8.87}, "no_sarcopenia"),
    # grip < 30 / < 20, gait < 0.8
    case("ewgsop1", W, {**MASS_DXA, "appendicular_lean_mass_kg": 4,
                        "grip_strength_kg": 19.99}, "sarcopenia"),
    case("ewgsop1", W, {**MASS_DXA, "appendicular_lean_mass_kg": 4, "grip_strength_kg": 20,
                        "gait_speed_m_s": 1.2}, "presarcopenia"),
    case("ewgsop1", M, {**MASS_DXA, "appendicular_lean_mass_kg": 4, "grip_strength_kg": 29.99},
         "sarcopenia"),
    case("ewgsop1", M, {**MASS_DXA, "appendicular_lean_mass_kg": 4, "grip_strength_kg": 30,
                        "gait_speed_m_s": 0.8}, "presarcopenia"),
    case("ewgsop1", M, {**MASS_DXA, "appendicular_lean_mass_kg": 4, "gait_speed_m_s": 0.79},
         "sarcopenia"),
    case("ewgsop1", W, {**MASS_DXA, "appendicular_lean_mass_kg": 4, "grip_strength_kg": 10,
                        "gait_speed_m_s": 0.5}, "severe"),
]

AWGS2014 = [
    case("awgs2014", W, {**MASS_DXA, "appendicular_lean_mass_kg": 4, "grip_strength_kg": 17.99},
         "sarcopenia"),
    case("awgs2014", W, {**MASS_DXA, "appendicular_lean_mass_kg": 4, "grip_strength_kg": 18,
                         "gait_speed_m_s": 1.2}, "no_sarcopenia"),
    case("awgs2014", M, {**MASS_DXA, "appendicular_lean_mass_kg": 4, "grip_strength_kg": 25.99},
         "sarcopenia"),
    case("awgs2014", M, {**MASS_DXA, "appendicular_lean_mass_kg": 4, "grip_strength_kg": 26,
                         "gait_speed_m_s": 1.2}, "no_sarcopenia"),
    case("awgs2014", W, {**MASS_DXA, "appendicular_lean_mass_kg": 4, "grip_strength_kg": 30,
                         "gait_speed_m_s": 0.79}, "sarcopenia"),
    case("awgs2014", W, {**MASS_DXA, "appendicular_lean_mass_kg": 4, "grip_strength_kg": 30,
                         "gait_speed_m_s": 0.8}, "no_sarcopenia"),
    case("awgs2014", W, {**MASS_DXA, "appendicular_lean_mass_kg": 5.39, "grip_strength_kg": 10},
         "sarcopenia"),
    case("awgs2014", W, {**MASS_DXA, "appendicular_lean_mass_kg": 5.4, "grip_strength_kg": 10},
         "no_sarcopenia"),
    case("awgs2014", W, {**MASS_BIA, "appendicular_lean_mass_kg": 5.69, "grip_strength_kg": 10},
         "sarcopenia"),
    case("awgs2014", W, {**MASS_BIA, "appendicular_lean_mass_kg": 5.7, "grip_strength_kg": 10},
         "no_sarcopenia"),
    case("awgs2014", M, {**MASS_BIA, "appendicular_lean_mass_kg": 6.99, "grip_strength_kg": 10},
         "sarcopenia"),
    case("awgs2014", M, {**MASS_DXA, "appendicular_lean_mass_kg": 7.0, "grip_strength_kg": 10},
         "no_sarcopenia"),
]

AWGS2019 = [
    case("awgs2019", W, {"grip_strength_kg": 17.99}, "possible"),
    case("awgs2019", W, {"grip_strength_kg": 18, "gait_speed_m_s": 1.2}, "no_sarcopenia"),
    case("awgs2019", M, {"grip_strength_kg": 27.99}, "possible"),
    case("awgs2019", M, {"grip_strength_kg": 28, "gait_speed_m_s": 1.2}, "no_sarcopenia"),
    case("awgs2019", W, {"grip_strength_kg": 30, "gait_speed_m_s": 0.99}, "possible"),
    case("awgs2019", W, {"grip_strength_kg": 30, "gait_speed_m_s": 1.0}, "no_sarcopenia"),
    case("awgs2019", W, {"grip_strength_kg": 30, "sppb": 9}, "possible"),
    case("awgs2019", W, {"grip_strength_kg": 30, "sppb": 10}, "no_sarcopenia"),
    case("awgs2019", W, {"grip_strength_kg": 30, "chair_stand_s": 12}, "possible"),
    case("awgs2019", W, {"grip_strength_kg": 30, "chair_stand_s": 11.99}, "no_sarcopenia"),
    case("awgs2019", W, {"grip_strength_kg": 10, **MASS_DXA, "appendicular_lean_mass_kg": 5.39},
         "sarcopenia"),
    case("awgs2019", W, {"grip_strength_kg": 10, **MASS_DXA, "appendicular_lean_mass_kg": 5.4},
         "possible"),
    case("awgs2019", W, {"grip_strength_kg": 10, **MASS_BIA, "appendicular_lean_mass_kg": 5.69},
         "sarcopenia"),
    case("awgs2019", W, {"grip_strength_kg": 10, **MASS_BIA, "appendicular_lean_mass_kg": 5.7},
         "possible"),
    case("awgs2019", M, {"grip_strength_kg": 20, **MASS_DXA, "appendicular_lean_mass_kg": 6.99},
         "sarcopenia"),
    case("awgs2019", M, {"grip_strength_kg": 20, **MASS_DXA, "appendicular_lean_mass_kg": 7.0},
         "possible"),
    case("awgs2019", W, {"grip_strength_kg": 10, **MASS_DXA, "appendicular_lean_mass_kg": 4,
                         "gait_speed_m_s": 0.5}, "severe"),
    # low mass + low performance only (grip normal) is sarcopenia, not severe
    case("awgs2019", W, {"grip_strength_kg": 30, **MASS_DXA, "appendicular_lean_mass_kg": 4,
                         "gait_speed_m_s": 0.5}, "sarcopenia"),
]

FNIH_SDOC = [
    case("fnih2014", W, {"grip_strength_kg": 15.99}, "weakness"),
    case("fnih2014", M, {"grip_strength_kg": 25.99}, "weakness"),
    case("fnih2014", W, {"height_m": 1.0, "weight_kg": 50, "lean_mass_method": "dxa",
                         "appendicular_lean_mass_kg": 25.55, "grip_strength_kg": 16},
         "low_lean_mass"),
    case("fnih2014", W, {"height_m": 1.0, "weight_kg": 50, "lean_mass_method": "dxa",
                         "appendicular_lean_mass_kg": 25.6, "grip_strength_kg": 16},
         "no_sarcopenia"),
    case("fnih2014", M, {"height_m": 1.0, "weight_kg": 50, "lean_mass_method": "dxa",
                         "appendicular_lean_mass_kg": 39.45, "grip_strength_kg": 26},
         "no_sarcopenia"),
    case("fnih2014", M, {"height_m": 1.0, "weight_kg": 50, "lean_mass_method": "dxa",
                         "appendicular_lean_mass_kg": 39.4, "grip_strength_kg": 25},
         "sarcopenia"),
    case("sdoc2020", W, {"grip_strength_kg": 19.99, "gait_speed_m_s": 0.79}, "sarcopenia"),
    case("sdoc2020", W, {"grip_strength_kg": 20, "gait_speed_m_s": 0.79}, "no_sarcopenia"),
    case("sdoc2020", M, {"grip_strength_kg": 35.49, "gait_speed_m_s": 0.5}, "sarcopenia"),
    case("sdoc2020", M, {"grip_strength_kg": 35.5, "gait_speed_m_s": 0.5}, "no_sarcopenia"),
    case("sdoc2020", M, {"grip_strength_kg": 10, "gait_speed_m_s": 0.8}, "no_sarcopenia"),
]

MASS_ONLY = [
    case("iwgs2011", W, {"gait_speed_m_s": 0.99, **MASS_DXA, "appendicular_lean_mass_kg": 5.67},
         "sarcopenia"),
    case("iwgs2011", W, {"gait_speed_m_s": 0.99, **MASS_DXA, "appendicular_lean_mass_kg": 5.68},
         "no_sarcopenia"),
    case("iwgs2011", M, {"gait_speed_m_s": 0.5, **MASS_DXA, "appendicular_lean_mass_kg": 7.23},
         "sarcopenia"),
    case("iwgs2011", M, {"gait_speed_m_s": 1.0, **MASS_DXA, "appendicular_lean_mass_kg": 4},
         "no_sarcopenia"),
    case("scwd2011", W, {"gait_speed_m_s": 1.0, **MASS_DXA, "appendicular_lean_mass_kg": 5.45},
         "sarcopenia"),
    case("scwd2011", W, {"gait_speed_m_s": 1.01, **MASS_DXA, "appendicular_lean_mass_kg": 4},
         "no_sarcopenia"),
    case("scwd2011", W, {"six_minute_walk_m": 399, **MASS_DXA, "appendicular_lean_mass_kg": 4},
         "sarcopenia"),
    case("scwd2011", W, {"six_minute_walk_m": 400, **MASS_DXA, "appendicular_lean_mass_kg": 4},
         "no_sarcopenia"),
    case("scwd2011", W, {"gait_speed_m_s": 0.5, **MASS_DXA, "appendicular_lean_mass_kg": 5.46},
         "no_sarcopenia"),
    case("scwd2011", M, {"gait_speed_m_s": 0.5, **MASS_DXA, "appendicular_lean_mass_kg": 7.26},
         "sarcopenia"),
    case("baumgartner1998", W, {**MASS_DXA, "appendicular_lean_mass_kg": 5.44}, "sarcopenia"),
    case("baumgartner1998", W, {**MASS_DXA, "appendicular_lean_mass_kg": 5.45}, "no_sarcopenia"),
    case("baumgartner1998", M, {**MASS_DXA, "appendicular_lean_mass_kg": 7.25}, "sarcopenia"),
    case("baumgartner1998", M, {**MASS_DXA, "appendicular_lean_mass_kg": 7.26}, "no_sarcopenia"),
    # a DXA-derived cut-off is not applied to BIA data
    case("baumgartner1998", W, {**MASS_BIA, "appendicular_lean_mass_kg": 4}, "undetermined"),
    case("janssen2002", W, {"weight_kg": 100, "skeletal_muscle_mass_kg": 22.09}, "class_ii"),
    case("janssen2002", W, {"weight_kg": 100, "skeletal_muscle_mass_kg": 22.1}, "class_i"),
    case("janssen2002", W, {"weight_kg": 100, "skeletal_muscle_mass_kg": 27.6}, "class_i"),
    case("janssen2002", W, {"weight_kg": 100, "skeletal_muscle_mass_kg": 27.61}, "no_sarcopenia"),
    case("janssen2002", M, {"weight_kg": 100, "skeletal_muscle_mass_kg": 31.49}, "class_ii"),
    case("janssen2002", M, {"weight_kg": 100, "skeletal_muscle_mass_kg": 31.5}, "class_i"),
    case("janssen2002", M, {"weight_kg": 100, "skeletal_muscle_mass_kg": 37.0}, "class_i"),
    case("janssen2002", M, {"weight_kg": 100, "skeletal_muscle_mass_kg": 37.01}, "no_sarcopenia"),
    case("janssen2004", W, {"height_m": 1.0, "skeletal_muscle_mass_kg": 5.75}, "severe"),
    case("janssen2004", W, {"height_m": 1.0, "skeletal_muscle_mass_kg": 5.76}, "moderate"),
    case("janssen2004", W, {"height_m": 1.0, "skeletal_muscle_mass_kg": 6.75}, "moderate"),
    case("janssen2004", W, {"height_m": 1.0, "skeletal_muscle_mass_kg": 6.76}, "no_sarcopenia"),
    case("janssen2004", M, {"height_m": 1.0, "skeletal_muscle_mass_kg": 8.5}, "severe"),
    case("janssen2004", M, {"height_m": 1.0, "skeletal_muscle_mass_kg": 8.51}, "moderate"),
    case("janssen2004", M, {"height_m": 1.0, "skeletal_muscle_mass_kg": 10.75}, "moderate"),
    case("janssen2004", M, {"height_m": 1.0, "skeletal_muscle_mass_kg": 10.76}, "no_sarcopenia"),
]


@pytest.mark.parametrize("cid, values, expected",
                         EWGSOP2 + EWGSOP1 + AWGS2014 + AWGS2019 + FNIH_SDOC + MASS_ONLY)
def test_cutoff(cid, values, expected):
    assert label(cid, **values) == expected


def test_janssen2000_equation_worked_example():
    # woman, 160 cm, R = 500 ohm, age 70: SM = 0.401*160²/500 + 0 - 0.071*70 + 5.102
    #   = 20.5312 - 4.97 + 5.102 = 20.6632 kg → SM/ht² = 20.6632 / 2.56 = 8.0716 kg/m²
    from myosteo.diagnosis import diagnose_person

    res = diagnose_person(sex="F", age_years=70, height_m=1.6, bia_resistance_ohm=500,
                          criteria=["janssen2004"])
    assert res["janssen2004"].label == "no_sarcopenia"
    assert "SM/ht² 8.1 kg/m²" in res["janssen2004"].reason
