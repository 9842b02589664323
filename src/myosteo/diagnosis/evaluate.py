"""Vectorised evaluation of each criterion type into labels and a binary reduction.

Label rules (documented in ``docs/diagnosis.md``):

* staged criteria answer the worst stage that the present inputs *establish*; if no
  stage is established and every stage is ruled out, the negative label; otherwise
  ``undetermined`` (a missing input could change the answer);
* ``invalid_input`` wins whenever an input the criterion uses was flagged invalid;
* ``not_applicable`` for bone rules below ``bone_min_age`` (WHO/NBHA apply to
  postmenopausal women and men ≥ 50; menopause status is not an input).

``positive`` is the documented binary reduction ("has the condition"), three-valued.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .catalog import get_criterion
from .criteria import (CompositeCriterion, Criterion, FractureCriterion, IndicatorTerm,
                       LinearTerm, ScoreCriterion, StagedCriterion, TScoreCriterion)
from .inputs import SPECS
from .logic import (FALSE, OPS, TRUE, UNKNOWN, Context, eval_expr, eval_finding,
                    eval_test, k_and, k_or, test_invalid)
from .measures import MEASURES


@dataclass
class Outcome:
    """Per-row results of one criterion."""

    label: np.ndarray
    positive: np.ndarray
    invalid: np.ndarray
    not_applicable: np.ndarray
    flags: dict[str, np.ndarray] = field(default_factory=dict)


def _finish(ctx: Context, tri: np.ndarray, label: np.ndarray, invalid: np.ndarray,
            min_age: float | None) -> Outcome:
    label = label.astype(object)
    na = np.zeros(ctx.n, bool)
    if min_age is not None:
        with np.errstate(invalid="ignore"):
            na = (ctx.m.value["age"] < min_age) & ~invalid
        invalid = invalid | ctx.inv("age_years")
        label = np.where(na, "not_applicable", label)
    label = np.where(invalid, "invalid_input", label)
    positive = np.where(invalid | na, UNKNOWN, tri).astype(np.int8)
    return Outcome(label, positive, invalid, na)


def eval_staged(c: StagedCriterion, ctx: Context) -> Outcome:
    found, bad = {}, np.zeros(ctx.n, bool)
    for f in c.findings:
        found[f.name], b = eval_finding(f, ctx)
        bad |= b
    if c.uses_age:
        bad |= ctx.inv("age_years")
    stage_vals = [eval_expr(s.expr, found) for s in c.stages]
    label = np.full(ctx.n, None, dtype=object)
    for stage, val in zip(c.stages, stage_vals):
        label = np.where(val == TRUE, stage.label, label)
    all_false = np.logical_and.reduce([v == FALSE for v in stage_vals])
    label = np.where((label == None) & all_false, c.negative_label, label)  # noqa: E711
    label = np.where(label == None, "undetermined", label)  # noqa: E711
    pos = k_or(*[v for s, v in zip(c.stages, stage_vals) if s.label in c.positive_labels])
    out = _finish(ctx, pos, label, bad, None)
    out.flags = found
    return out


def _measure_range(measure: str) -> tuple[float, float]:
    spec = SPECS[MEASURES[measure].sources[0]]
    return float(spec.lo), float(spec.hi)


def score_bounds(c: ScoreCriterion, ctx: Context) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lowest and highest possible score per row (missing terms span their range)."""
    lo, hi, bad = np.zeros(ctx.n), np.zeros(ctx.n), np.zeros(ctx.n, bool)
    male = ctx.prep.is_male
    for term in c.terms:
        if isinstance(term, LinearTerm):
            v = ctx.m.value[term.measure]
            coef = np.where(male, term.coef_male, term.coef_female)
            center = np.where(male, term.center_male, term.center_female)
            rlo, rhi = _measure_range(term.measure)
            b1, b2 = coef * (rlo - center), coef * (rhi - center)
            with np.errstate(invalid="ignore"):
                val = coef * (v - center)
            lo += np.where(np.isnan(v), np.minimum(b1, b2), val)
            hi += np.where(np.isnan(v), np.maximum(b1, b2), val)
            bad |= ctx.m.invalid[term.measure]
            if term.coef_male != term.coef_female or term.center_male != term.center_female:
                bad |= ctx.inv("sex")
        elif isinstance(term, IndicatorTerm):
            r = eval_test(term.test, ctx)
            lo += np.where(r == TRUE, term.points, 0.0)
            hi += np.where(r == FALSE, 0.0, term.points)
            bad |= test_invalid(term.test, ctx)
    return lo, hi, bad


def eval_score(c: ScoreCriterion, ctx: Context) -> Outcome:
    lo, hi, bad = score_bounds(c, ctx)
    if c.cut_male != c.cut_female:
        bad |= ctx.inv("sex")
    if c.uses_age:
        bad |= ctx.inv("age_years")
    cut = np.where(ctx.prep.is_male, c.cut_male, c.cut_female)
    a, b = OPS[c.op](lo, cut), OPS[c.op](hi, cut)
    tri = np.where(a & b, TRUE, np.where(~a & ~b, FALSE, UNKNOWN)).astype(np.int8)
    label = np.where(tri == TRUE, c.positive_label,
                     np.where(tri == FALSE, c.negative_label, "undetermined"))
    out = _finish(ctx, tri, label, bad, None)
    out.flags = {"score_lo": lo, "score_hi": hi}
    return out


def site_tscores(c: TScoreCriterion, ctx: Context) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """T-score and invalid mask per site; the reported femoral-neck T wins over BMD."""
    p, male = ctx.prep, ctx.prep.is_male
    refs = {(r.site, r.sex): r for r in c.references}
    men_sex = "male" if ctx.men_reference == "male" else "female"
    out = {}
    for site, col in (("femoral_neck", "femoral_neck_bmd_g_cm2"),
                      ("total_hip", "total_hip_bmd_g_cm2")):
        f, m = refs[(site, "female")], refs[(site, men_sex)]
        mean, sd = np.where(male, m.mean, f.mean), np.where(male, m.sd, f.sd)
        bmd = p.values[col]
        t = (bmd - mean) / sd
        bad = ctx.inv(col).copy()
        if men_sex == "male":
            bad |= ctx.inv("sex") & ~np.isnan(p.values[col])
            t = np.where(ctx.inv("sex"), np.nan, t)
        if site == "femoral_neck":
            given = p.values["femoral_neck_t_score"]
            use = ~np.isnan(given) | ctx.inv("femoral_neck_t_score")
            t = np.where(use, given, t)
            bad = np.where(use, ctx.inv("femoral_neck_t_score"), bad)
        out[site] = (t, bad)
    return out


def bmd_flags(c: TScoreCriterion, ctx: Context) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(low BMD T < normal_min, osteoporosis T ≤ osteoporosis_max, invalid) per row."""
    sites = site_tscores(c, ctx)
    chosen = ["femoral_neck", "total_hip"] if ctx.bmd_site == "lowest" else [ctx.bmd_site]
    lows, ops, bad = [], [], np.zeros(ctx.n, bool)
    for s in chosen:
        t, b = sites[s]
        with np.errstate(invalid="ignore"):
            lows.append(np.where(np.isnan(t), UNKNOWN, t < c.normal_min).astype(np.int8))
            ops.append(np.where(np.isnan(t), UNKNOWN, t <= c.osteoporosis_max).astype(np.int8))
        bad |= b
    return k_or(*lows), k_or(*ops), bad


def eval_tscore(c: TScoreCriterion, ctx: Context) -> Outcome:
    low, op, bad = bmd_flags(c, ctx)
    normal, penia, porosis = c.labels
    label = np.where(op == TRUE, porosis, np.where(
        (low == TRUE) & (op == FALSE), penia, np.where(low == FALSE, normal, "undetermined")))
    tri = op if c.positive_labels == (porosis,) else low
    out = _finish(ctx, tri, label, bad, ctx.bone_min_age)
    out.flags = {"low_bmd": np.where(out.invalid | out.not_applicable, UNKNOWN, low),
                 "osteoporosis": np.where(out.invalid | out.not_applicable, UNKNOWN, op)}
    return out


def eval_fracture(c: FractureCriterion, ctx: Context) -> Outcome:
    who = get_criterion(c.tscore)
    assert isinstance(who, TScoreCriterion)
    low, op, bad = bmd_flags(who, ctx)
    fx = ctx.prep.values["fragility_fracture"]
    site = ctx.prep.fracture_site
    is_hip = (fx == 1) & (site == "hip")
    listed = pd.Series(site, dtype=object).isin(c.qualifying_sites).to_numpy()
    qualifying = (fx == 1) & ~is_hip & (listed | (site == None))  # noqa: E711
    fracture_path = np.where(is_hip, TRUE, np.where(
        qualifying, low, np.where(np.isnan(fx), UNKNOWN, FALSE))).astype(np.int8)
    tri = k_or(op, fracture_path)
    label = np.where(tri == TRUE, c.labels[1], np.where(tri == FALSE, c.labels[0],
                                                         "undetermined"))
    bad = bad | ctx.inv("fragility_fracture") | ctx.inv("fracture_site")
    return _finish(ctx, tri, label, bad, ctx.bone_min_age)


def eval_composite(c: CompositeCriterion, ctx: Context, cache: dict[str, Outcome]) -> Outcome:
    sarc = evaluate(c.sarcopenia, ctx, cache)
    if c.bone == "nbha":
        bone = evaluate("nbha", ctx, cache)
        bone_pos = bone.positive
    else:
        bone = evaluate("who_bmd", ctx, cache)
        bone_pos = bone.flags["low_bmd" if c.bone == "who_low_bmd" else "osteoporosis"]
    tri = k_and(sarc.positive, bone_pos)
    invalid = sarc.invalid | bone.invalid
    na = bone.not_applicable & ~invalid
    no, yes = c.labels
    label = np.where(tri == TRUE, yes, np.where(tri == FALSE, no, "undetermined"))
    label = np.where(na, "not_applicable", label)
    label = np.where(invalid, "invalid_input", label).astype(object)
    tri = np.where(invalid | na, UNKNOWN, tri).astype(np.int8)
    return Outcome(label, tri, invalid, na, {"sarcopenia": sarc.positive, "bone": bone_pos})


def evaluate(cid: str, ctx: Context, cache: dict[str, Outcome]) -> Outcome:
    """Evaluate criterion ``cid`` (memoised in ``cache``)."""
    if cid in cache:
        return cache[cid]
    c: Criterion = get_criterion(cid)
    if isinstance(c, StagedCriterion):
        out = eval_staged(c, ctx)
    elif isinstance(c, ScoreCriterion):
        out = eval_score(c, ctx)
    elif isinstance(c, TScoreCriterion):
        out = eval_tscore(c, ctx)
    elif isinstance(c, FractureCriterion):
        out = eval_fracture(c, ctx)
    elif isinstance(c, CompositeCriterion):
        out = eval_composite(c, ctx, cache)
    else:  # pragma: no cover - exhaustive
        raise TypeError(type(c))
    cache[cid] = out
    return out
