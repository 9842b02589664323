"""Three-valued (Kleene) logic on int8 arrays and vectorised threshold tests.

Encoding: ``1`` = true, ``0`` = false, ``-1`` = unknown (an input is missing or no
cut-off applies, e.g. a DXA-only cut-off for a BIA measurement).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

import numpy as np

from .criteria import AllOf, AnyOf, Expr, Finding, Threshold
from .inputs import Prepared
from .measures import MeasureTable

TRUE, FALSE, UNKNOWN = np.int8(1), np.int8(0), np.int8(-1)
OPS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


def k_and(*xs: np.ndarray) -> np.ndarray:
    """Kleene AND: false if any false, true if all true, else unknown."""
    anyf = np.logical_or.reduce([x == FALSE for x in xs])
    allt = np.logical_and.reduce([x == TRUE for x in xs])
    return np.where(anyf, FALSE, np.where(allt, TRUE, UNKNOWN)).astype(np.int8)


def k_or(*xs: np.ndarray) -> np.ndarray:
    """Kleene OR: true if any true, false if all false, else unknown."""
    anyt = np.logical_or.reduce([x == TRUE for x in xs])
    allf = np.logical_and.reduce([x == FALSE for x in xs])
    return np.where(anyt, TRUE, np.where(allf, FALSE, UNKNOWN)).astype(np.int8)


def any_available(*xs: np.ndarray) -> np.ndarray:
    """Alternative tests of one finding: true if any true, false if any evaluated
    and none true, unknown if none could be evaluated."""
    anyt = np.logical_or.reduce([x == TRUE for x in xs])
    anyf = np.logical_or.reduce([x == FALSE for x in xs])
    return np.where(anyt, TRUE, np.where(anyf, FALSE, UNKNOWN)).astype(np.int8)


@dataclass
class Context:
    """Everything a criterion needs for evaluation."""

    prep: Prepared
    m: MeasureTable
    men_reference: str = "female"
    bmd_site: str = "femoral_neck"
    bone_min_age: float | None = 50.0

    @property
    def n(self) -> int:
        return self.prep.n

    def inv(self, column: str) -> np.ndarray:
        return self.prep.invalid.get(column, np.zeros(self.n, bool))


def sex_dependent(t: Threshold) -> bool:
    """True when men and women have different cut-offs."""
    return bool(t.age_bands) or t.male != t.female


def cut_values(t: Threshold, ctx: Context) -> np.ndarray:
    """Per-row cut-off (NaN where none applies: wrong method, age outside bands,
    or sex invalid for a sex-specific cut-off)."""
    male = ctx.prep.is_male
    if t.age_bands:
        age = ctx.m.value["age"]
        cut = np.full(ctx.n, np.nan)
        for b in t.age_bands:
            upper = np.inf if b.hi is None else b.hi
            with np.errstate(invalid="ignore"):
                inside = (age >= b.lo) & (age < upper)
            cut = np.where(inside, np.where(male, b.male, b.female), cut)
    else:
        cut = np.where(male, t.male, t.female).astype(float)
    if sex_dependent(t):
        cut = np.where(ctx.inv("sex"), np.nan, cut)
    if t.method is not None:
        cut = np.where(ctx.prep.method == t.method, cut, np.nan)
    return cut


def eval_test(t: Threshold, ctx: Context) -> np.ndarray:
    """Three-valued result of ``measure op cut`` for every row."""
    v = ctx.m.value[t.measure]
    c = cut_values(t, ctx)
    ok = ~np.isnan(v) & ~np.isnan(c)
    with np.errstate(invalid="ignore"):
        hit = OPS[t.op](v, c)
    return np.where(ok, hit.astype(np.int8), UNKNOWN).astype(np.int8)


def test_invalid(t: Threshold, ctx: Context) -> np.ndarray:
    """Rows where an input this test uses was flagged invalid."""
    bad = ctx.m.invalid[t.measure].copy()
    if sex_dependent(t):
        bad |= ctx.inv("sex")
    if t.method is not None:
        bad |= ctx.inv("lean_mass_method")
    if t.age_bands:
        bad |= ctx.inv("age_years")
    return bad


def eval_finding(f: Finding, ctx: Context) -> tuple[np.ndarray, np.ndarray]:
    """(three-valued result, invalid mask) of a finding."""
    results = [eval_test(t, ctx) for t in f.tests]
    bad = np.logical_or.reduce([test_invalid(t, ctx) for t in f.tests])
    return any_available(*results), bad


def eval_expr(expr: Expr, findings: dict[str, np.ndarray]) -> np.ndarray:
    """Evaluate an ``AllOf``/``AnyOf`` tree over finding results."""
    if isinstance(expr, str):
        return findings[expr]
    parts = [eval_expr(e, findings) for e in expr.terms]
    if isinstance(expr, AllOf):
        return k_and(*parts)
    if isinstance(expr, AnyOf):
        return k_or(*parts)
    raise TypeError(f"bad expression {expr!r}")
