"""Diseases as model inputs: from a clinical activity score to compartment drives.

A disease is a patient attribute with an activity score on its own clinical scale; this module
maps the score to the model's inputs (the immune module's ``disease_drive_<compartment>`` and, for
type 1 diabetes, ``t1d_insulin_deficiency``). The maps are linear between documented anchor
scores (the drive is 1 at the anchor of high activity); tests check that the simulated score at
steady state comes back close to the requested one (DAS28-CRP, calprotectin rise).

- Rheumatoid arthritis (joint): DAS28-CRP; the drive is the inverse of the model's own
  steady-state DAS28-CRP read-out (``RA_DRIVE_TABLE``, computed by ``tools/das28_table.py``), so
  a requested DAS28 comes back at steady state (EULAR bands: remission < 2.6, low <= 3.2,
  moderate <= 5.1, high > 5.1; Prince 2012). DAS28 below the no-inflammation value (1.43) maps
  to drive 0.
- Crohn's disease (gut): CDAI; drive = (CDAI - 50) / 400 (remission < 150, severe > 450; Best 1976).
- Ulcerative colitis (gut): total Mayo score 0-12; drive = Mayo / 11 (remission <= 2, severe 10-12).
- Type 1 diabetes: activity level 0-3 (remission = partial-remission "honeymoon" ... high =
  established, no C-peptide): loss of endogenous insulin 0.5 / 0.8 / 0.95 / 1.0, and low-grade
  systemic inflammation (pancreas compartment drive 0.3 x level / 3). Assumptions, stated here.
"""

from __future__ import annotations

import numpy as np

#: (joint drive, steady-state DAS28-CRP) of the model (tools/das28_table.py)
RA_DRIVE_TABLE = ((0, 1.425), (0.05, 2.268), (0.1, 2.701), (0.2, 3.360), (0.3, 3.902), (0.4, 4.382), (0.5, 4.820),
                  (0.7, 5.616), (0.85, 6.165), (1, 6.685), (1.2, 7.344), (1.5, 8.280))

COMPARTMENT = {"rheumatoid_arthritis": "joint", "crohns_disease": "gut", "ulcerative_colitis": "gut",
               "type1_diabetes": "pancreas"}
T1D_DEFICIENCY = (0.5, 0.8, 0.95, 1.0)


def disease_inputs(disease: str | None, score: float) -> dict[str, float]:
    """Model input values (varying parameters) for ``disease`` at activity ``score``."""
    out = {"disease_drive_joint": 0.0, "disease_drive_gut": 0.0, "disease_drive_pancreas": 0.0,
           "t1d_insulin_deficiency": 0.0}
    if disease is None:
        return out
    if disease == "rheumatoid_arthritis":
        drives, das = zip(*RA_DRIVE_TABLE)
        out["disease_drive_joint"] = _clip(float(np.interp(score, das, drives)))
    elif disease == "crohns_disease":
        out["disease_drive_gut"] = _clip((score - 50.0) / 400.0)
    elif disease == "ulcerative_colitis":
        out["disease_drive_gut"] = _clip(score / 11.0)
    elif disease == "type1_diabetes":
        level = int(round(score))
        out["t1d_insulin_deficiency"] = T1D_DEFICIENCY[max(0, min(3, level))]
        out["disease_drive_pancreas"] = 0.3 * max(0, min(3, level)) / 3
    else:
        raise ValueError(f"unknown disease {disease!r}; known: {sorted(COMPARTMENT)}")
    return out


def _clip(x: float) -> float:
    return float(min(1.5, max(0.0, x)))
