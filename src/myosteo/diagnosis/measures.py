"""Measures the criteria compare with cut-offs, derived from the prepared inputs.

Each measure has a display label and unit (used in explanations) and the input
columns it is computed from; a measure is *invalid* in a row when any of those
columns was flagged invalid there.  Index names follow the literature's explicit
forms (``alm_ht2`` = ALM/height², ``sm_pct`` = whole-body SM / weight × 100) to avoid
the ambiguous "SMI".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .inputs import Prepared


@dataclass(frozen=True)
class MeasureSpec:
    """Display label, unit and source columns of one measure."""

    name: str
    label: str
    unit: str
    sources: tuple[str, ...]


_SIMPLE = {
    "grip": ("grip", "kg", "grip_strength_kg"),
    "gait": ("gait", "m/s", "gait_speed_m_s"),
    "chair": ("chair stand", "s", "chair_stand_s"),
    "sppb": ("SPPB", "points", "sppb"),
    "tug": ("TUG", "s", "tug_s"),
    "walk6": ("6-min walk", "m", "six_minute_walk_m"),
    "calf": ("calf", "cm", "calf_circumference_cm"),
    "sarc_f": ("SARC-F", "points", "sarc_f"),
    "body_fat_pct": ("body fat", "%", "body_fat_pct"),
    "waist": ("waist", "cm", "waist_cm"),
    "age": ("age", "years", "age_years"),
    "alm": ("ALM", "kg", "appendicular_lean_mass_kg"),
}
MEASURES: dict[str, MeasureSpec] = {
    k: MeasureSpec(k, lab, unit, (col,)) for k, (lab, unit, col) in _SIMPLE.items()
}
MEASURES.update({
    "bmi": MeasureSpec("bmi", "BMI", "kg/m²", ("weight_kg", "height_m")),
    "alm_ht2": MeasureSpec("alm_ht2", "ALM/ht²", "kg/m²",
                           ("appendicular_lean_mass_kg", "height_m")),
    "alm_bmi": MeasureSpec("alm_bmi", "ALM/BMI", "m²",
                           ("appendicular_lean_mass_kg", "weight_kg", "height_m")),
    "alm_wt_pct": MeasureSpec("alm_wt_pct", "ALM/weight", "%",
                              ("appendicular_lean_mass_kg", "weight_kg")),
    "sm": MeasureSpec("sm", "SM", "kg", ("skeletal_muscle_mass_kg", "bia_resistance_ohm",
                                          "height_m", "age_years")),
    "smi_ht2": MeasureSpec("smi_ht2", "SM/ht²", "kg/m²",
                           ("skeletal_muscle_mass_kg", "bia_resistance_ohm", "height_m",
                            "age_years")),
    "sm_pct": MeasureSpec("sm_pct", "SM/weight", "%",
                          ("skeletal_muscle_mass_kg", "bia_resistance_ohm", "height_m",
                           "age_years", "weight_kg")),
})

#: Janssen et al. 2000 BIA equation (whole-body SM, kg); height in cm, R in ohm at
#: 50 kHz, sex male = 1 / female = 0, age in years.
JANSSEN2000 = {"ht2_over_r": 0.401, "sex": 3.825, "age": -0.071, "intercept": 5.102}


@dataclass
class MeasureTable:
    """Measure values (NaN = not available) and invalid flags, per row."""

    value: dict[str, np.ndarray]
    invalid: dict[str, np.ndarray]


def _inv(p: Prepared, *cols: str) -> np.ndarray:
    out = np.zeros(p.n, bool)
    for c in cols:
        out |= p.invalid.get(c, np.zeros(p.n, bool))
    return out


def skeletal_muscle_mass(p: Prepared) -> tuple[np.ndarray, np.ndarray]:
    """Whole-body SM (kg): the given value, else Janssen 2000 from BIA resistance."""
    given = p.values["skeletal_muscle_mass_kg"]
    inv_given = _inv(p, "skeletal_muscle_mass_kg")
    use_given = ~np.isnan(given) | inv_given
    h_cm = p.values["height_m"] * 100.0
    r = p.values["bia_resistance_ohm"]
    with np.errstate(invalid="ignore", divide="ignore"):
        eq = (JANSSEN2000["ht2_over_r"] * h_cm * h_cm / r + JANSSEN2000["sex"] * p.is_male
              + JANSSEN2000["age"] * p.values["age_years"] + JANSSEN2000["intercept"])
    inv_eq = ~np.isnan(r) & _inv(p, "bia_resistance_ohm", "height_m", "age_years", "sex")
    inv_eq |= _inv(p, "bia_resistance_ohm")
    value = np.where(use_given, given, eq)
    invalid = np.where(use_given, inv_given, inv_eq)
    return np.where(invalid, np.nan, value), invalid


def compute_measures(p: Prepared) -> MeasureTable:
    """All measures for all rows (vectorised)."""
    val: dict[str, np.ndarray] = {}
    inv: dict[str, np.ndarray] = {}
    for key, (_, _, col) in _SIMPLE.items():
        val[key], inv[key] = p.values[col], _inv(p, col)
    h, w, alm = p.values["height_m"], p.values["weight_kg"], val["alm"]
    sm, sm_inv = skeletal_muscle_mass(p)
    with np.errstate(invalid="ignore", divide="ignore"):
        val["bmi"] = w / (h * h)
        val["alm_ht2"] = alm / (h * h)
        val["alm_bmi"] = alm / val["bmi"]
        val["alm_wt_pct"] = alm / w * 100.0
        val["sm"] = sm
        val["smi_ht2"] = sm / (h * h)
        val["sm_pct"] = sm / w * 100.0
    inv["bmi"] = _inv(p, "height_m", "weight_kg")
    inv["alm_ht2"] = inv["alm"] | _inv(p, "height_m")
    inv["alm_bmi"] = inv["alm"] | inv["bmi"]
    inv["alm_wt_pct"] = inv["alm"] | _inv(p, "weight_kg")
    inv["sm"] = sm_inv
    inv["smi_ht2"] = sm_inv | _inv(p, "height_m")
    inv["sm_pct"] = sm_inv | _inv(p, "weight_kg")
    for key in val:
        val[key] = np.where(inv[key], np.nan, val[key])
    return MeasureTable(val, inv)
