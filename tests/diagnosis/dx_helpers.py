"""Shared helpers for the diagnosis tests (imported by the test modules)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from myosteo.diagnosis import diagnose, diagnose_person

WOMAN = {"sex": "female", "age_years": 75}
MAN = {"sex": "male", "age_years": 75}
#: height 1.0 m makes ALM/ht² = ALM and SM/ht² = SM exactly (boundary tests)
MASS_DXA = {"height_m": 1.0, "weight_kg": 40, "lean_mass_method": "dxa"}
MASS_BIA = {"height_m": 1.0, "weight_kg": 40, "lean_mass_method": "bia"}


def label(cid: str, **values: Any) -> str:
    """Label of one criterion for one person."""
    return diagnose_person(criteria=[cid], **values)[cid].label


def positive(cid: str, **values: Any) -> bool | None:
    """Binary reduction of one criterion for one person."""
    return diagnose_person(criteria=[cid], **values)[cid].positive


def table(rows: list[dict[str, Any]], **kw: Any) -> pd.DataFrame:
    """Run diagnose() on a list of row dicts (ids added when absent)."""
    df = pd.DataFrame([{"id": f"r{i}", **r} for i, r in enumerate(rows)])
    return diagnose(df, **kw)
