"""Observation model of muscle: absolute body composition, strength and physical performance.

The muscle module works in units of the young adult (``alm_rel``, ``strength_*``); this module
turns them into what is measured, for one patient, with documented and cited mappings. It is
pure numpy (no solver), used by :mod:`myosteo.outputs`; its constants are :class:`Parameter`
records (listed by ``myosteo params`` through the muscle module).

Body composition at the scenario start. Lean body mass (fat-free mass) from weight and height
by the Janmahasatian 2005 equations (Clin Pharmacokinet 44:1051), appendicular lean mass as a
sex-specific share of it (NHANES DXA, Li 2009 / Kelly 2009); later values follow the simulated
relative changes (like BMD). Fat mass = weight - lean body mass; body weight = lean + fat.

Strength. Grip and knee-extension strength scale with the patient's young-adult-equivalent
lean mass (ALM at start / simulated ``alm_rel`` at start) times the simulated relative strength:
a default-sized young man grips 51 kg and a woman 31 kg (Dodds 2014 peak medians).

Function. Usual gait speed is a saturating function of knee-extension torque per kg body weight
(Buchner 1996 Age Ageing 25:386: non-linear, the same curve for men and women; a Hill curve fitted to the
Bohannon & Andrews 2011 normative table), five-times chair-stand time a hyperbolic function of
it (Ferrucci 1997: chair rises depend on strength when weak; fitted to Bohannon 2006), and SPPB
is scored from the 4-m walk time and chair-stand time with the Guralnik bands; the balance
component is not modelled and counts as full (4 points) - an assumption, stated in the output
documentation.
"""

from __future__ import annotations

import numpy as np

from myosteo.model.core import Parameter
from myosteo.model.fitted import fitted

FIT_GAIT = "fitted to Bohannon & Andrews 2011 Physiotherapy 97:182 (usual gait speed by decade and sex)"
FIT_CHAIR = "fitted to Bohannon 2006 Percept Mot Skills 103:215 (5x chair stand 11.4/12.6/14.8 s at 60s/70s/80s)"
FIT_KNEE = ("fitted to Health ABC baseline knee-extensor torque (men ~135, women ~85 N m at 73.6 y; "
            "Newman 2003 J Am Geriatr Soc 51:323; recalled values, to verify)")
DODDS = "Dodds 2014 PLoS One 9:e113637 (peak median grip 51 kg men 29-39 y, 31 kg women 26-42 y)"
JANMAHASATIAN = "Janmahasatian 2005 Clin Pharmacokinet 44:1051 (lean body weight from weight and BMI)"
FRYAR = "Fryar 2021 NHSR 160 (NHANES 2015-2018 adult means; recalled, to verify)"
GURALNIK = "Guralnik 1994 J Gerontol 49:M85; 4-m bands Guralnik 2000 J Gerontol A 55:M221 (recalled)"

_P: list[Parameter] = []


def _par(name: str, value: float, unit: str, source: str, description: str,
         bounds: tuple[float, float] | None = None) -> float:
    _P.append(Parameter(name, float(value), unit, source, description, bounds, "muscle"))
    return float(value)


DEFAULT_HEIGHT_M = {"male": _par("default_height_male_m", 1.753, "m", FRYAR, "height if not given, men"),
                    "female": _par("default_height_female_m", 1.613, "m", FRYAR, "height if not given, women")}
DEFAULT_WEIGHT_KG = {"male": _par("default_weight_male_kg", 90.6, "kg", FRYAR, "weight if not given, men"),
                     "female": _par("default_weight_female_kg", 77.5, "kg", FRYAR, "weight if not given, women")}
ALM_SHARE_OF_LBM = {
    "male": _par("alm_share_of_lbm_male", 0.42, "1",
                 "NHANES DXA: young-adult ALM ~26 kg (Kelly 2009, recalled) / FFM 62.3 kg (Li 2009 AJCN "
                 "90:1457)", "appendicular share of lean body mass, men"),
    "female": _par("alm_share_of_lbm_female", 0.40, "1",
                   "NHANES DXA: young-adult ALM ~17.5 kg (Kelly 2009, recalled) / FFM 44.0 kg (Li 2009 "
                   "AJCN 90:1457)", "appendicular share of lean body mass, women"),
}
GRIP_YOUNG_KG = {"male": _par("grip_young_male_kg", 51.0, "kg", DODDS, "grip of a default-size young man"),
                 "female": _par("grip_young_female_kg", 31.0, "kg", DODDS, "grip of a default-size young woman")}
KNEE_YOUNG_NM = {
    "male": _par("knee_torque_young_male_nm", fitted("knee_torque_young_male_nm", 220.0), "N m", FIT_KNEE,
                 "knee-extension torque of a default-size young man", (80.0, 400.0)),
    "female": _par("knee_torque_young_female_nm", fitted("knee_torque_young_female_nm", 140.0), "N m",
                   FIT_KNEE, "knee-extension torque of a default-size young woman", (40.0, 300.0)),
}
GAIT_VMAX = _par("gait_speed_max_m_s", fitted("gait_speed_max_m_s", 1.7), "m/s", FIT_GAIT,
                 "asymptotic usual gait speed of strong adults (Buchner 1996: no strength-speed "
                 "association in strong people)", (1.0, 3.0))
GAIT_HILL = _par("gait_hill", fitted("gait_hill", 1.0), "1", FIT_GAIT,
                 "steepness of the strength-gait relation (Buchner 1996: threshold-like in weak people)",
                 (0.5, 6.0))
GAIT_X50 = _par("gait_torque_half_nm_kg", fitted("gait_torque_half_nm_kg", 0.5), "N m/kg", FIT_GAIT,
                "knee torque per kg body weight at half the asymptotic gait speed", (0.05, 5.0))
CHAIR_MIN = _par("chair_stand_floor_s", fitted("chair_stand_floor_s", 5.0), "s", FIT_CHAIR,
                 "five-times chair-stand time of very strong adults", (1.0, 10.0))
CHAIR_K = _par("chair_stand_slope_s_nm_kg", fitted("chair_stand_slope_s_nm_kg", 5.0), "s N m/kg", FIT_CHAIR,
               "chair-stand time added per unit of (torque per kg)^-1", (0.1, 50.0))
SPPB_BALANCE_POINTS = _par("sppb_balance_points", 4.0, "points",
                           "assumption: balance is not modelled (full score)", "SPPB balance component")
GAIT_BANDS_S = (4.82, 6.20, 8.70)  # 4-m walk time: <= 4.82 s -> 4 points ... > 8.70 s -> 1 (GURALNIK)
CHAIR_BANDS_S = (11.19, 13.69, 16.69, 60.0)  # <= 11.19 s -> 4 ... > 60 s -> 0 (Guralnik 1994)

PARAMETERS: tuple[Parameter, ...] = tuple(_P)


def lean_body_mass_kg(sex: str, weight_kg: float, height_m: float) -> float:
    """Fat-free mass (kg) from weight and height, Janmahasatian 2005."""
    bmi = weight_kg / height_m**2
    if sex == "male":
        return 9270.0 * weight_kg / (6680.0 + 216.0 * bmi)
    return 9270.0 * weight_kg / (8780.0 + 244.0 * bmi)


def reference_alm_kg(sex: str) -> float:
    """ALM of a default-size young adult of this sex (the strength references apply to it)."""
    return ALM_SHARE_OF_LBM[sex] * lean_body_mass_kg(sex, DEFAULT_WEIGHT_KG[sex], DEFAULT_HEIGHT_M[sex])


def gait_speed_m_s(knee_torque_nm: np.ndarray, weight_kg: np.ndarray) -> np.ndarray:
    """Usual gait speed (m/s) from knee-extension torque (N m) and body weight (kg)."""
    x = np.asarray(knee_torque_nm) / np.asarray(weight_kg)
    return GAIT_VMAX * x**GAIT_HILL / (x**GAIT_HILL + GAIT_X50**GAIT_HILL)


def chair_stand_s(knee_torque_nm: np.ndarray, weight_kg: np.ndarray) -> np.ndarray:
    """Five-times chair-stand time (s) from knee-extension torque (N m) and body weight (kg)."""
    x = np.asarray(knee_torque_nm) / np.asarray(weight_kg)
    return CHAIR_MIN + CHAIR_K / x


def sppb_score(gait_m_s: np.ndarray, chair_s: np.ndarray) -> np.ndarray:
    """SPPB total (0-12): 4-m walk and chair-stand points (Guralnik bands) + balance (assumed full)."""
    walk = 4.0 / np.asarray(gait_m_s)
    g1, g2, g3 = GAIT_BANDS_S
    gait_pts = np.where(walk <= g1, 4, np.where(walk <= g2, 3, np.where(walk <= g3, 2, 1)))
    c1, c2, c3, c4 = CHAIR_BANDS_S
    c = np.asarray(chair_s)
    chair_pts = np.where(c <= c1, 4, np.where(c <= c2, 3, np.where(c <= c3, 2, np.where(c <= c4, 1, 0))))
    return (gait_pts + chair_pts + SPPB_BALANCE_POINTS).astype(int)
