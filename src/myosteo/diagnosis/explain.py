"""Human-readable reasons for one person's labels (single-row path only).

Example: ``probable (grip 15.0 kg < 16 kg [women]; ALM/ht² missing:
appendicular_lean_mass_kg, height_m)``.
"""

from __future__ import annotations

import numpy as np

from .catalog import get_criterion
from .criteria import (OP_NEGATION, OP_TEXT, CompositeCriterion, Criterion,
                       FractureCriterion, LinearTerm, ScoreCriterion,
                       StagedCriterion, Threshold, TScoreCriterion)
from .evaluate import Outcome, score_bounds, site_tscores
from .logic import Context, cut_values, eval_test
from .measures import MEASURES

_SITE_COLS = {"femoral_neck": ("femoral_neck_t_score", "femoral_neck_bmd_g_cm2"),
              "total_hip": ("total_hip_bmd_g_cm2",)}


def criterion_columns(c: Criterion) -> set[str]:
    """Input columns a criterion reads (besides id)."""
    cols: set[str] = {"sex"}
    if isinstance(c, StagedCriterion):
        for f in c.findings:
            for t in f.tests:
                cols |= set(MEASURES[t.measure].sources)
                if t.method:
                    cols.add("lean_mass_method")
                if t.age_bands:
                    cols.add("age_years")
        if c.uses_age:
            cols.add("age_years")
    elif isinstance(c, ScoreCriterion):
        for term in c.terms:
            m = term.measure if isinstance(term, LinearTerm) else term.test.measure
            cols |= set(MEASURES[m].sources)
    elif isinstance(c, (TScoreCriterion, FractureCriterion)):
        cols |= {"age_years", *_SITE_COLS["femoral_neck"], *_SITE_COLS["total_hip"]}
        if isinstance(c, FractureCriterion):
            cols |= {"fragility_fracture", "fracture_site"}
    elif isinstance(c, CompositeCriterion):
        cols |= criterion_columns(get_criterion(c.sarcopenia))
        cols |= criterion_columns(get_criterion("nbha" if c.bone == "nbha" else "who_bmd"))
    return cols


def _fmt(v: float, unit: str = "") -> str:
    if unit == "points":
        return f"{v:.0f}"
    return f"{v:.1f}" if abs(v) >= 1 else f"{v:.3g}"


def _sex_word(ctx: Context) -> str:
    return "men" if ctx.prep.is_male[0] else "women"


def _test_text(t: Threshold, ctx: Context, hit: int) -> str:
    spec = MEASURES[t.measure]
    v, c = ctx.m.value[t.measure][0], cut_values(t, ctx)[0]
    op = t.op if hit == 1 else OP_NEGATION[t.op]
    unit = f" {spec.unit}" if spec.unit not in ("points",) else ""
    method = f", {t.method.upper()}" if t.method else ""
    return (f"{spec.label} {_fmt(v, spec.unit)}{unit} {OP_TEXT[op]} {c:g}{unit} "
            f"[{_sex_word(ctx)}{method}]")


def _missing_text(tests: tuple[Threshold, ...], ctx: Context) -> str:
    names = "/".join(dict.fromkeys(MEASURES[t.measure].label for t in tests))
    cols = []
    for t in tests:
        for col in MEASURES[t.measure].sources:
            if col in ctx.prep.values and np.isnan(ctx.prep.values[col][0]) and col not in cols:
                cols.append(col)
    method = ctx.prep.method[0]
    if not cols and any(t.method for t in tests) and method not in {t.method for t in tests}:
        return f"{names}: no cut-off for method {method or 'missing'}"
    return f"{names} missing" + (f" ({', '.join(cols)})" if cols else "")


def _staged(c: StagedCriterion, ctx: Context) -> str:
    parts = []
    for f in c.findings:
        res = [int(eval_test(t, ctx)[0]) for t in f.tests]
        if 1 in res:
            parts.append(_test_text(f.tests[res.index(1)], ctx, 1))
        elif 0 in res:
            parts.extend(_test_text(t, ctx, 0) for t, r in zip(f.tests, res) if r == 0)
        else:
            parts.append(_missing_text(f.tests, ctx))
    return "; ".join(dict.fromkeys(parts))


def _score(c: ScoreCriterion, ctx: Context) -> str:
    lo, hi, _ = score_bounds(c, ctx)
    cut = c.cut_male if ctx.prep.is_male[0] else c.cut_female
    if lo[0] == hi[0]:
        return f"score {_fmt(lo[0])} (cut-off {OP_TEXT[c.op]} {cut:g} [{_sex_word(ctx)}])"
    missing = [MEASURES[t.measure if isinstance(t, LinearTerm) else t.test.measure].label
               for t in c.terms
               if np.isnan(ctx.m.value[t.measure if isinstance(t, LinearTerm)
                                       else t.test.measure][0])]
    return (f"score between {_fmt(lo[0])} and {_fmt(hi[0])} (cut-off {OP_TEXT[c.op]} "
            f"{cut:g}); missing: {', '.join(missing)}")


def _tscore(c: TScoreCriterion, ctx: Context) -> str:
    sites = site_tscores(c, ctx)
    chosen = ["femoral_neck", "total_hip"] if ctx.bmd_site == "lowest" else [ctx.bmd_site]
    parts = []
    for s in chosen:
        t = sites[s][0][0]
        name = s.replace("_", " ")
        if np.isnan(t):
            parts.append(f"{name} T-score/BMD missing")
            continue
        reported = s == "femoral_neck" and not np.isnan(ctx.prep.values["femoral_neck_t_score"][0])
        src = "reported" if reported else (
            f"from BMD, NHANES III {ctx.men_reference if ctx.prep.is_male[0] else 'female'}"
            " reference")
        parts.append(f"{name} T {t:.2f} ({src})")
    return "; ".join(parts) + f"; site policy {ctx.bmd_site}"


def explain(cid: str, ctx: Context, out: Outcome, cache: dict[str, Outcome]) -> str:
    """Reason for row 0's label of criterion ``cid``."""
    c = get_criterion(cid)
    label = out.label[0]
    if label == "invalid_input":
        bad = sorted(col for col in criterion_columns(c) if ctx.inv(col)[0])
        return f"invalid input in: {', '.join(bad)}"
    if label == "not_applicable":
        return f"age {_fmt(ctx.m.value['age'][0])} < {ctx.bone_min_age:g} years"
    if isinstance(c, StagedCriterion):
        return _staged(c, ctx)
    if isinstance(c, ScoreCriterion):
        return _score(c, ctx)
    if isinstance(c, TScoreCriterion):
        return _tscore(c, ctx)
    who = get_criterion("who_bmd")
    assert isinstance(who, TScoreCriterion)
    if isinstance(c, FractureCriterion):
        fx = ctx.prep.values["fragility_fracture"][0]
        fx_text = "fracture unknown" if np.isnan(fx) else (
            f"fragility fracture ({ctx.prep.fracture_site[0] or 'site not given'})"
            if fx == 1 else "no fragility fracture")
        return f"{_tscore(who, ctx)}; {fx_text}"
    assert isinstance(c, CompositeCriterion)
    sarc = cache[c.sarcopenia]
    word = {1: "yes", 0: "no", -1: "unknown"}
    bone = int(out.flags["bone"][0])
    return (f"{c.sarcopenia}: {sarc.label[0]} (has sarcopenia: "
            f"{word[int(sarc.positive[0])]}); {c.bone}: {word[bone]}")
