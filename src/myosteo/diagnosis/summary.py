"""Cohort summary: prevalence (Wilson 95% CI), pairwise Cohen's kappa, UpSet figure.

All statistics use the binary reduction ``positive`` (see ``docs/diagnosis.md``):
rows where a criterion cannot say yes/no (undetermined, invalid_input,
not_applicable, or a stage that missing data could still upgrade) are excluded from
that criterion's denominator, and a pair's kappa uses rows evaluable by both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .catalog import SARCOPENIA_CRITERIA
from .engine import CohortResult

Z95 = 1.959963984540054
AGE_BANDS: tuple[tuple[float, float, str], ...] = (
    (0, 60, "<60"), (60, 70, "60-69"), (70, 80, "70-79"), (80, math.inf, "≥80"))


def wilson_interval(x: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a binomial proportion ``x/n`` (NaN if n = 0)."""
    if n <= 0:
        return (math.nan, math.nan)
    p = x / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def cohen_kappa(a: np.ndarray, b: np.ndarray, z: float = Z95) -> dict[str, float]:
    """Cohen's kappa of two boolean ratings with the Cohen (1960) large-sample SE,
    SE = sqrt(po (1 - po) / (n (1 - pe)^2)), plus PABAK = 2 po - 1."""
    a, b = np.asarray(a, bool), np.asarray(b, bool)
    n = int(a.size)
    both, a_only = int(np.sum(a & b)), int(np.sum(a & ~b))
    b_only, neither = int(np.sum(~a & b)), int(np.sum(~a & ~b))
    res = {"n": n, "both": both, "first_only": a_only, "second_only": b_only,
           "neither": neither}
    if n == 0:
        return res | {k: math.nan for k in ("po", "pe", "kappa", "se", "ci_low", "ci_high",
                                             "pabak")}
    po = (both + neither) / n
    pa, pb = (both + a_only) / n, (both + b_only) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    if pe >= 1:
        kappa = se = math.nan
    else:
        kappa = (po - pe) / (1 - pe)
        se = math.sqrt(po * (1 - po) / (n * (1 - pe) ** 2))
    return res | {"po": po, "pe": pe, "kappa": kappa, "se": se, "ci_low": kappa - z * se,
                  "ci_high": kappa + z * se, "pabak": 2 * po - 1}


def _groups(result: CohortResult, age_bands) -> list[tuple[str, str, np.ndarray]]:
    n = len(result.labels)
    groups = [("overall", "all", np.ones(n, bool))]
    for sex in ("female", "male"):
        groups.append(("sex", sex, result.sex == sex))
    age = result.age
    for lo, hi, name in age_bands:
        with np.errstate(invalid="ignore"):
            groups.append(("age_band", name, (age >= lo) & (age < hi)))
    return groups


def prevalence_table(result: CohortResult, age_bands=AGE_BANDS) -> pd.DataFrame:
    """One row per criterion × group (overall, sex, age band)."""
    rows = []
    for cid in result.criteria:
        pos = result.positive[cid]
        known = pos.notna().to_numpy()
        yes = pos.fillna(False).to_numpy(dtype=bool)
        labels = result.labels[cid].to_numpy()
        for gtype, gname, mask in _groups(result, age_bands):
            n_eval, n_pos = int(np.sum(known & mask)), int(np.sum(yes & mask))
            lo, hi = wilson_interval(n_pos, n_eval)
            rows.append({
                "criterion": cid, "group_type": gtype, "group": gname,
                "n_rows": int(mask.sum()), "n_evaluable": n_eval, "n_positive": n_pos,
                "prevalence": n_pos / n_eval if n_eval else math.nan,
                "ci_low": lo, "ci_high": hi,
                "n_undetermined": int(np.sum((labels == "undetermined") & mask)),
                "n_invalid": int(np.sum((labels == "invalid_input") & mask)),
                "n_not_applicable": int(np.sum((labels == "not_applicable") & mask))})
    return pd.DataFrame(rows)


def agreement_table(result: CohortResult, criteria: list[str] | None = None) -> pd.DataFrame:
    """Pairwise kappa on rows evaluable by both criteria."""
    ids = criteria or result.criteria
    rows = []
    for i, a in enumerate(ids):
        for b in ids[i + 1:]:
            pa, pb = result.positive[a], result.positive[b]
            both = (pa.notna() & pb.notna()).to_numpy()
            k = cohen_kappa(pa.to_numpy(dtype=bool, na_value=False)[both],
                            pb.to_numpy(dtype=bool, na_value=False)[both])
            rows.append({"first": a, "second": b, **k})
    return pd.DataFrame(rows)


def upset_figure(result: CohortResult, path: str | Path, criteria: list[str] | None = None,
                 max_bars: int = 20) -> Path:
    """UpSet-style plot of who is classified positive by which criteria."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ids = criteria or [c for c in result.criteria if c in SARCOPENIA_CRITERIA]
    ids = ids or list(result.criteria)
    member = np.column_stack([result.positive[c].to_numpy(dtype=bool, na_value=False)
                              for c in ids]) if ids else np.zeros((0, 0), bool)
    sizes = member.sum(axis=0)
    combos, counts = (np.unique(member, axis=0, return_counts=True) if member.size
                      else (np.zeros((0, len(ids)), bool), np.zeros(0, int)))
    keep = combos.any(axis=1)
    combos, counts = combos[keep], counts[keep]
    order = np.argsort(-counts, kind="stable")[:max_bars]
    combos, counts = combos[order], counts[order]
    fig = plt.figure(figsize=(max(6.0, 0.45 * len(counts) + 3), 1.0 + 0.4 * len(ids) + 3))
    grid = fig.add_gridspec(2, 2, width_ratios=(1, 4), height_ratios=(3, max(1, len(ids)) * 0.4),
                            hspace=0.05, wspace=0.05)
    ax_bar = fig.add_subplot(grid[0, 1])
    ax_dot = fig.add_subplot(grid[1, 1], sharex=ax_bar)
    ax_set = fig.add_subplot(grid[1, 0], sharey=ax_dot)
    x = np.arange(len(counts))
    ax_bar.bar(x, counts, color="0.25")
    for xi, c in zip(x, counts):
        ax_bar.text(xi, c, str(int(c)), ha="center", va="bottom", fontsize=7)
    ax_bar.set_ylabel("people in intersection")
    ax_bar.tick_params(labelbottom=False)
    y = np.arange(len(ids))
    for xi, combo in zip(x, combos):
        ax_dot.scatter(np.full(len(ids), xi), y, color=np.where(combo, "0.1", "0.85"), s=30)
        on = y[combo]
        if on.size > 1:
            ax_dot.plot([xi, xi], [on.min(), on.max()], color="0.1", lw=1.5)
    ax_dot.set_yticks(y, ids)
    ax_dot.set_xticks([])
    ax_dot.invert_yaxis()
    ax_dot.tick_params(labelleft=False)
    ax_set.barh(y, sizes, color="0.5")
    ax_set.invert_xaxis()
    ax_set.set_yticks(y, ids)
    ax_set.set_xlabel("classified")
    fig.suptitle(f"Who is classified as sarcopenic, by which criteria (n = {len(member)}; "
                 "undetermined counted as not classified)", fontsize=9)
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=120, bbox_inches="tight")
    plt.close(fig)
    return out


def _md_table(df: pd.DataFrame) -> str:
    cols = list(df.columns)
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in df.itertuples(index=False):
        lines.append("| " + " | ".join(str(v) for v in row) + " |")
    return "\n".join(lines)


def _pct(p: float, lo: float, hi: float) -> str:
    if math.isnan(p):
        return "n/a"
    return f"{100 * p:.1f}% ({100 * lo:.1f}-{100 * hi:.1f})"


def markdown_report(prev: pd.DataFrame, agree: pd.DataFrame) -> str:
    """Human-readable summary (overall prevalence, by sex, by age band, kappa)."""
    parts = ["# Diagnosis summary", "",
             "Prevalence = positive / evaluable rows (binary reduction, see "
             "docs/diagnosis.md); 95% Wilson CI.", ""]
    for gtype, title in (("overall", "Overall"), ("sex", "By sex"), ("age_band", "By age")):
        sub = prev[prev.group_type == gtype]
        view = pd.DataFrame({
            "criterion": sub.criterion, "group": sub.group, "n": sub.n_rows,
            "evaluable": sub.n_evaluable, "positive": sub.n_positive,
            "prevalence (95% CI)": [_pct(p, lo, hi) for p, lo, hi in
                                    zip(sub.prevalence, sub.ci_low, sub.ci_high)],
            "undetermined": sub.n_undetermined, "invalid": sub.n_invalid})
        parts += [f"## {title}", "", _md_table(view), ""]
    if len(agree):
        view = pd.DataFrame({
            "pair": agree["first"] + " vs " + agree["second"], "n": agree.n,
            "agreement": agree.po.map(lambda v: f"{v:.3f}"),
            "kappa (95% CI)": [("n/a" if math.isnan(k) else f"{k:.3f} ({lo:.3f} to {hi:.3f})")
                               for k, lo, hi in zip(agree.kappa, agree.ci_low, agree.ci_high)],
            "PABAK": agree.pabak.map(lambda v: f"{v:.3f}")})
        parts += ["## Pairwise agreement (Cohen's kappa)", "", _md_table(view), ""]
    return "\n".join(parts)


@dataclass
class Summary:
    """Tables, markdown text and written file paths."""

    prevalence: pd.DataFrame
    agreement: pd.DataFrame
    markdown: str
    files: list[Path]


def summarize(result: CohortResult, out_stem: str | Path | None = None,
              age_bands=AGE_BANDS) -> Summary:
    """Compute the summary; with ``out_stem`` also write ``<stem>_summary.csv``,
    ``<stem>_agreement.csv``, ``<stem>_summary.md`` and ``<stem>_upset.png``."""
    prev = prevalence_table(result, age_bands)
    agree = agreement_table(result)
    md = markdown_report(prev, agree)
    files: list[Path] = []
    if out_stem is not None:
        stem = Path(out_stem)
        stem.parent.mkdir(parents=True, exist_ok=True)
        files = [stem.with_name(stem.name + s) for s in
                 ("_summary.csv", "_agreement.csv", "_summary.md", "_upset.png")]
        prev.to_csv(files[0], index=False)
        agree.to_csv(files[1], index=False)
        files[2].write_text(md, encoding="utf-8")
        upset_figure(result, files[3])
    return Summary(prev, agree, md, files)
