"""Public API: classify a cohort table or one person under every criterion.

``diagnose(df)`` is a pure function of the table: it returns a new DataFrame with
every input row (same order, same index), one label column per criterion and a
``diagnosis_messages`` column naming invalid inputs.  Nothing is dropped or guessed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from .catalog import DEFAULT_CRITERIA, get_criterion
from .criteria import CompositeCriterion
from .evaluate import Outcome, evaluate
from .explain import explain
from .inputs import SPECS, DiagnosisInputError, join_messages, prepare
from .logic import Context
from .measures import compute_measures

MESSAGES_COLUMN = "diagnosis_messages"
POSITIVE_SUFFIX = "_positive"
MEN_REFERENCES = ("female", "male")
BMD_SITES = ("femoral_neck", "total_hip", "lowest")

MappingSpec = Mapping[str, str] | str | Path | Sequence[str] | None


def label_column(cid: str) -> str:
    """Output column of criterion ``cid``: its id, or ``<id>_label`` when the id is
    also an input column name (``sarc_f``), so input data are never overwritten."""
    return f"{cid}_label" if cid in SPECS else cid


@dataclass
class CohortResult:
    """Labels (str), binary reduction (nullable boolean) and messages per row."""

    table: pd.DataFrame
    labels: pd.DataFrame
    positive: pd.DataFrame
    messages: pd.Series
    sex: np.ndarray
    age: np.ndarray
    criteria: list[str]


def _check_criteria(criteria: Iterable[str] | str | None) -> list[str]:
    if criteria is None:
        return list(DEFAULT_CRITERIA)
    if isinstance(criteria, str):
        criteria = [c.strip() for c in criteria.split(",") if c.strip()]
    out = list(dict.fromkeys(criteria))
    for cid in out:
        try:
            get_criterion(cid)
        except KeyError as exc:
            raise DiagnosisInputError(str(exc.args[0])) from exc
    if not out:
        raise DiagnosisInputError("no criteria selected")
    return out


def _context(df: pd.DataFrame, mapping: MappingSpec, height_unit: str, grip_unit: str,
             lean_mass_method: str | None, men_reference: str, bmd_site: str,
             bone_min_age: float | None) -> Context:
    if men_reference not in MEN_REFERENCES:
        raise DiagnosisInputError(f"men_reference must be one of {MEN_REFERENCES}")
    if bmd_site not in BMD_SITES:
        raise DiagnosisInputError(f"bmd_site must be one of {BMD_SITES}")
    prep = prepare(df, mapping, height_unit=height_unit, grip_unit=grip_unit,
                   lean_mass_method=lean_mass_method)
    return Context(prep, compute_measures(prep), men_reference, bmd_site, bone_min_age)


def diagnose_detailed(df: pd.DataFrame, mapping: MappingSpec = None,
                      criteria: Iterable[str] | str | None = None, *,
                      height_unit: str = "m", grip_unit: str = "kg",
                      lean_mass_method: str | None = None, men_reference: str = "female",
                      bmd_site: str = "femoral_neck", bone_min_age: float | None = 50.0,
                      with_binary: bool = False) -> CohortResult:
    """Like :func:`diagnose` but also returns the binary reduction and row sex/age
    (``labels``/``positive`` are keyed by criterion id)."""
    ids = _check_criteria(criteria)
    ctx = _context(df, mapping, height_unit, grip_unit, lean_mass_method, men_reference,
                   bmd_site, bone_min_age)
    cache: dict[str, Outcome] = {}
    labels = {cid: evaluate(cid, ctx, cache).label for cid in ids}
    pos = {cid: pd.array(np.where(cache[cid].positive < 0, None,
                                  cache[cid].positive == 1), dtype="boolean")
           for cid in ids}
    index = df.index
    label_df = pd.DataFrame({k: pd.Series(v, index=index, dtype=object)
                             for k, v in labels.items()}, index=index)
    label_out = label_df.rename(columns=label_column)
    pos_df = pd.DataFrame({k: pd.Series(v, index=index) for k, v in pos.items()},
                          index=index)
    messages = pd.Series(join_messages(ctx.n, ctx.prep.messages), index=index,
                         name=MESSAGES_COLUMN, dtype=object)
    new_cols = [*label_out.columns, MESSAGES_COLUMN]
    extra = [label_out, messages.to_frame()]
    if with_binary:
        new_cols += [c + POSITIVE_SUFFIX for c in ids]
        extra.append(pos_df.add_suffix(POSITIVE_SUFFIX))
    base = df.drop(columns=[c for c in new_cols if c in df.columns])
    table = pd.concat([base, *extra], axis=1)
    sex = np.where(ctx.inv("sex"), None, np.where(ctx.prep.is_male, "male", "female"))
    return CohortResult(table, label_df, pos_df, messages, sex, ctx.m.value["age"], ids)


def diagnose(df: pd.DataFrame, mapping: MappingSpec = None,
             criteria: Iterable[str] | str | None = None, *, height_unit: str = "m",
             grip_unit: str = "kg", lean_mass_method: str | None = None,
             men_reference: str = "female", bmd_site: str = "femoral_neck",
             bone_min_age: float | None = 50.0, with_binary: bool = False) -> pd.DataFrame:
    """Classify every row of ``df`` under each criterion.

    Args:
        df: one row per person with the standard columns (``id``, ``sex`` and
            ``age_years`` required; see ``inputs.COLUMNS``).
        mapping: renames the user's columns to standard names (dict, TOML/CSV file
            or ``"old=new,..."``).
        criteria: ids to apply (default: all), including composites such as
            ``"osteosarcopenia:awgs2019+nbha"``.
        height_unit: ``"m"`` or ``"cm"`` (declared, never guessed).
        grip_unit: ``"kg"`` or ``"lb"``.
        lean_mass_method: ``"dxa"``/``"bia"`` for rows without a method.
        men_reference: NHANES III reference for men's computed T-scores: ``"female"``
            (ISCD 2013, default) or ``"male"``.
        bmd_site: ``"femoral_neck"`` (Kanis 2008 reference site, default),
            ``"total_hip"`` or ``"lowest"`` of the two.
        bone_min_age: WHO/NBHA applicability age (``None`` = no limit).
        with_binary: also add ``<id>_positive`` columns (the documented reduction).

    Returns:
        A new DataFrame: the input columns, one label column per criterion (named by
        its id; SARC-F's is ``sarc_f_label``, see :func:`label_column`) and
        ``diagnosis_messages``.

    Raises:
        DiagnosisInputError: required column missing, bad mapping, unknown unit,
            option or criterion.
    """
    return diagnose_detailed(df, mapping, criteria, height_unit=height_unit,
                             grip_unit=grip_unit, lean_mass_method=lean_mass_method,
                             men_reference=men_reference, bmd_site=bmd_site,
                             bone_min_age=bone_min_age, with_binary=with_binary).table


@dataclass
class CriterionOutcome:
    """One criterion's answer for one person."""

    id: str
    label: str
    positive: bool | None
    reason: str
    verified: bool

    def line(self) -> str:
        return f"{self.id}: {self.label} ({self.reason})"


@dataclass
class PersonDiagnosis:
    """All criteria for one person, with reasons and input messages."""

    id: str
    outcomes: dict[str, CriterionOutcome]
    messages: list[str] = field(default_factory=list)

    def __getitem__(self, cid: str) -> CriterionOutcome:
        return self.outcomes[cid]

    @property
    def labels(self) -> dict[str, str]:
        return {k: v.label for k, v in self.outcomes.items()}

    def format(self) -> str:
        lines = [o.line() for o in self.outcomes.values()]
        return "\n".join(lines + [f"note: {m}" for m in self.messages])

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "messages": self.messages,
                "criteria": {k: vars(v) for k, v in self.outcomes.items()}}


def diagnose_person(*, criteria: Iterable[str] | str | None = None, height_unit: str = "m",
                    grip_unit: str = "kg", men_reference: str = "female",
                    bmd_site: str = "femoral_neck", bone_min_age: float | None = 50.0,
                    **values: Any) -> PersonDiagnosis:
    """Classify one person given standard column values as keyword arguments.

    Example: ``diagnose_person(sex="female", age_years=78, grip_strength_kg=15)``.
    Unknown keywords raise :class:`DiagnosisInputError`; missing values are simply
    absent (criteria needing them answer ``undetermined`` when it matters).
    """
    unknown = sorted(set(values) - set(SPECS))
    if unknown:
        raise DiagnosisInputError(f"unknown inputs: {unknown}")
    values.setdefault("id", "person")
    for req in ("sex", "age_years"):
        values.setdefault(req, None)
    row = {k: [None if (isinstance(v, float) and math.isnan(v)) else v]
           for k, v in values.items()}
    df = pd.DataFrame(row, dtype=object)
    ids = _check_criteria(criteria)
    ctx = _context(df, None, height_unit, grip_unit, None, men_reference, bmd_site,
                   bone_min_age)
    cache: dict[str, Outcome] = {}
    outcomes = {}
    for cid in ids:
        out = evaluate(cid, ctx, cache)
        p = int(out.positive[0])
        outcomes[cid] = CriterionOutcome(cid, str(out.label[0]), None if p < 0 else p == 1,
                                         explain(cid, ctx, out, cache),
                                         is_verified(cid))
    msgs = [str(t) for pos, texts in ctx.prep.messages for t in texts[pos == 0]]
    return PersonDiagnosis(str(values["id"]), outcomes, msgs)


def is_verified(cid: str) -> bool:
    """True when every number the criterion uses was seen in its primary source."""
    c = get_criterion(cid)
    if isinstance(c, CompositeCriterion):
        bone = "nbha" if c.bone == "nbha" else "who_bmd"
        return is_verified(c.sarcopenia) and is_verified(bone)
    return bool(c.verified)
