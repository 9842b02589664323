"""The validation report: every curated trial arm and natural-history target, simulated vs observed.

``myosteo validate -o DIR`` writes ``DIR/validation.md`` (tables of errors per arm and endpoint,
with the tolerance and whether it is met) and one PNG per study with observed points (error bars
= SE where given) over the simulated curves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from myosteo.model.core import DAYS_PER_MONTH  # noqa: E402
from myosteo.validation.natural import natural_history_comparison  # noqa: E402
from myosteo.validation.predictions import prediction_comparison  # noqa: E402
from myosteo.validation.trials import (  # noqa: E402
    ENDPOINT_COLUMNS, between_arm_floor, compare, load_trials, rmse_table, simulate_arms)
from myosteo.validation.variability import (  # noqa: E402
    BetweenArmFit, between_arm_spread, denosumab_60mg_between_arm_fit, teriparatide_between_arm_fit)

LS_RMSE_TOLERANCE_PP = 1.5  # issue #2: lumbar-spine BMD within 1.5 percentage points RMSE per arm


def run_validation(n_workers: int | None = None):
    data = load_trials()
    sim = simulate_arms(data, n_workers=n_workers)
    comparison = compare(data, sim)
    return data, sim, comparison


def write_report(out: Path, n_workers: int | None = None) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    data, sim, comparison = run_validation(n_workers)
    rmse = rmse_table(comparison).merge(data.arms[["arm", "label", "calibration"]], on="arm")
    comparison.to_csv(out / "observed_vs_simulated.csv", index=False, float_format="%.4g")
    lines = ["# myosteo validation report", "",
             "Simulated vs observed for every curated trial arm (`myosteo/validation/data`), the "
             "natural-history targets and the out-of-sample predictions. Errors are simulated minus "
             "observed, in percentage points of change from baseline. Calibration arms were used to fit "
             "the parameters marked `fitted to ...` (`myosteo params`); the others are predictions.", ""]
    floor = between_arm_floor(data, "bmd_lumbar_spine")
    for study in data.studies():
        fig = _plot_study(data, sim, study)
        fig.savefig(out / f"{study}.png", dpi=100)
        plt.close(fig)
        r = rmse[rmse["study"] == study]
        lines += [f"## {study}", "", f"![{study}]({study}.png)", "",
                  "Replicate floor: RMSE of the arm's spine BMD against the other arms of the same regimen "
                  "at the same times (blank: no replicate arm); one simulated curve per regimen cannot do "
                  "much better.", ""]
        rows = []
        for row in r.itertuples():
            tol = LS_RMSE_TOLERANCE_PP if row.endpoint == "bmd_lumbar_spine" else None
            met = "" if tol is None else _yes_no(row.rmse_pp <= tol)
            fl = floor.get(row.arm, float("nan")) if tol is not None else float("nan")
            rows.append((row.arm, row.label, row.calibration, row.endpoint, f"{row.rmse_pp:.2f}",
                         "" if tol is None else tol, met, "" if np.isnan(fl) else f"{fl:.2f}"))
        lines += _markdown_table(("arm", "regimen", "calibration", "endpoint", "RMSE (pp)", "tolerance", "met",
                                  "replicate floor (pp)"), rows)
        lines.append("")
    teri = teriparatide_between_arm_fit(data, n_workers)
    lines += _between_arm_section("teriparatide 20 ug/day", teri)
    lines += _spread_section(data, teri, n_workers)
    lines += _between_arm_section("denosumab 60 mg Q6M", denosumab_60mg_between_arm_fit(data, n_workers))
    nh = natural_history_comparison()
    lines += ["## Natural history (untreated)", ""]
    lines += _markdown_table(
        ("sex", "site", "ages", "quantity", "observed", "simulated", "tolerance", "met", "source"),
        ((r.sex, r.site, f"{r.age_from:g}-{r.age_to:g}", r.kind, f"{r.value:g}", f"{r.simulated:.3g}",
          f"{r.tolerance:g}", _yes_no(r.met), r.source) for r in nh.itertuples()))
    pred = prediction_comparison()
    n_fit = int((pred["used_in_fit"] == "yes").sum())
    lines += ["", f"## Trial summary numbers: predictions (held out) and {n_fit} fit targets", "",
              "Rows with `used in fit` = yes are calibration targets (P1NP on teriparatide: stage 4; "
              "P1NP on denosumab and zoledronic acid: stages 5 and 4; beta-CTX after zoledronic acid: stage 5), "
              "not predictions.", ""]
    lines += _markdown_table(
        ("trial", "endpoint", "month", "observed", "simulated", "tolerance", "met", "used in fit", "source"),
        ((r.trial, r.endpoint, f"{r.month:g}", f"{r.value:g}", f"{r.simulated:.3g}", f"{r.tolerance:g}",
          _yes_no(r.met), r.used_in_fit, r.source) for r in pred.itertuples()))
    lines += _muscle_section(out)
    lines += _crosstalk_section(out)
    path = out / "validation.md"
    path.write_text("\n".join(lines) + "\n")
    return path


def _between_arm_section(regimen: str, fit: BetweenArmFit) -> list[str]:
    """Replicate arms of one regimen under a between-arm random effect (``validation/variability.py``)."""
    t = fit.arms
    n_typ = int((t["rmse_typical_pp"] <= LS_RMSE_TOLERANCE_PP).sum())
    n_cond = int((t["rmse_conditional_pp"] <= LS_RMSE_TOLERANCE_PP).sum())
    lines = [f"## Between-arm variability: {regimen}, lumbar spine", "",
             f"One log-normal random effect per arm on `{fit.parameter}` (committed value "
             f"{fit.typical_value:.4g}), fitted by marginal likelihood: omega = {fit.omega:.3f} "
             f"(SD of log scale), residual SD {fit.sigma_pp:.2f} pp, -2LL {fit.minus2ll:.1f}. Typical "
             f"curve (the population prediction, eta = 0): {n_typ} of {len(t)} arms within "
             f"{LS_RMSE_TOLERANCE_PP} pp; each arm at its empirical-Bayes eta: {n_cond} of {len(t)}.", ""]
    lines += _markdown_table(
        ("arm", "observations", "eta", f"{fit.parameter}", "RMSE typical (pp)", "RMSE at the arm's eta (pp)", "met"),
        ((r.arm, r.n_obs, f"{r.eta:+.3f}", f"{r.parameter_value:.4g}", f"{r.rmse_typical_pp:.2f}",
          f"{r.rmse_conditional_pp:.2f}", _yes_no(r.rmse_conditional_pp <= LS_RMSE_TOLERANCE_PP))
         for r in t.itertuples()))
    return lines + [""]


def _spread_section(data, fit: BetweenArmFit, n_workers: int | None) -> list[str]:
    """The model's between-trial SD of ``fit.parameter`` checked against the scatter of the arms."""
    from myosteo.model.library import standard_model

    var = standard_model().parameter_map[fit.parameter].variability
    if var is None:
        return []
    arms = list(fit.arms["arm"])
    t = between_arm_spread(data, arms, fit.parameter, var.log_sd, fit.sigma_pp, fit.endpoint, n_workers=n_workers)
    lines = ["### Predictive check: spread between the arms over time", "",
             f"The model's between-trial log-SD of `{fit.parameter}` ({var.log_sd:.3f}, {var.source}) with "
             f"this regimen's residual SD ({fit.sigma_pp:.2f} pp) predicts how far the arms spread at each "
             "time; observed: the SD of the arms' values at that time, with its 95 % interval. Not "
             "independent of the fit (the SD was estimated from these arms): it checks that one rate "
             "effect gives the growth of the spread over time.", ""]
    lines += _markdown_table(
        ("month", "arms", "observed SD (pp)", "95 % interval", "predicted SD (pp)", "within"),
        ((f"{r.time_days / DAYS_PER_MONTH:.1f}", r.n_arms, f"{r.observed_sd_pp:.2f}",
          f"{r.ci_low_pp:.2f}-{r.ci_high_pp:.2f}", f"{r.predicted_sd_pp:.2f}", _yes_no(r.within))
         for r in t.itertuples()))
    return lines + [""]


def _markdown_table(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> list[str]:
    """The lines of a Markdown table: the header of ``columns``, the separator and one line per row.

    Each cell is written as an f-string writes it (``f"{cell}"``): format numbers before, e.g. ``f"{x:.3g}"``.
    """
    def line(cells: Iterable[object]) -> str:
        return "| " + " | ".join(f"{c}" for c in cells) + " |"

    return [line(columns), "|" + "---|" * len(columns)] + [line(row) for row in rows]


def _yes_no(met: bool) -> str:
    """The report's "met" cell: ``yes``, or a bold ``**no**`` that stands out in the table."""
    return "yes" if met else "**no**"


def _crosstalk_section(out: Path) -> list[str]:
    """Crosstalk, immune and disease targets; a figure of RA activity, treatment and glucocorticoids."""
    from myosteo.outputs import simulate_scenarios
    from myosteo.scenario import load_scenario
    from myosteo.validation.crosstalk import crosstalk_comparison

    cc = crosstalk_comparison()
    cc.to_csv(out / "crosstalk_observed_vs_simulated.csv", index=False, float_format="%.4g")
    ra = {"sex": "female", "age_years": 56, "weight_kg": 70, "disease": "rheumatoid_arthritis"}
    arms = {
        "healthy": ({"sex": "female", "age_years": 56, "weight_kg": 70}, []),
        "RA remission": ({**ra, "disease_activity": "remission"}, []),
        "RA high": ({**ra, "disease_activity": "high"}, []),
        "RA high + adalimumab": ({**ra, "disease_activity": "high"},
                                 [{"drug": "adalimumab", "dose": "40 mg", "every": "2 weeks", "times": 52}]),
        "RA high + prednisolone 7.5 mg": ({**ra, "disease_activity": "high"},
                                          [{"drug": "prednisolone", "dose": "7.5 mg", "every": "1 day",
                                            "duration": "24 months"}]),
    }
    scs = [load_scenario({"patient": p, "treatment": t, "simulation": {"duration": "24 months"}})
           for p, t in arms.values()]
    df = simulate_scenarios(scs, n_workers=1)
    fig, axes = plt.subplots(1, 4, figsize=(15, 3.6))
    for ax, (col, label) in zip(axes, (("bmd_lumbar_spine_pct_change", "lumbar spine BMD (% change)"),
                                       ("bmd_total_hip_pct_change", "total hip BMD (% change)"),
                                       ("alm_relative_to_young", "ALM (relative to young adult)"),
                                       ("crp_mg_l", "CRP (mg/L)"))):
        for i, name in enumerate(arms):
            g = df[df["patient"] == i]
            ax.plot(g["time_days"] / DAYS_PER_MONTH, g[col], label=name)
        ax.set_xlabel("months")
        ax.set_title(label, fontsize=9)
    axes[0].legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out / "crosstalk_ra.png", dpi=100)
    plt.close(fig)
    lines = ["", "## Crosstalk, immune layer and diseases", "",
             "Targets curated in `validation/data/crosstalk_targets.csv`; `fit` rows used by calibration "
             "stage 7, `validate` rows held out.", "", "![RA](crosstalk_ra.png)", ""]
    return lines + _markdown_table(
        ("id", "use", "scenario", "endpoint", "month", "observed", "simulated", "tolerance", "met", "verified",
         "source"),
        ((r.id, r.use, r.scenario, r.endpoint, f"{r.month:g}", f"{r.observed:g}", f"{r.simulated:.3g}",
          f"{r.tolerance:g}", _yes_no(r.met), r.verified, r.citation) for r in cc.itertuples()))


def _muscle_section(out: Path) -> list[str]:
    """Muscle targets (aging, disuse, training, drugs): table, standardised errors, aging plot."""
    from myosteo.outputs import PatientSpec, simulate_patients
    from myosteo.validation.muscle import muscle_comparison

    mc = muscle_comparison()
    mc.to_csv(out / "muscle_observed_vs_simulated.csv", index=False, float_format="%.4g")
    fig, ax = plt.subplots(figsize=(7, 0.22 * len(mc) + 1))
    z = (mc["simulated"] - mc["observed"]) / mc["tolerance"]
    colors = ["tab:blue" if u == "fit" else "tab:orange" for u in mc["use"]]
    ax.barh(range(len(mc)), z, color=colors)
    ax.axvspan(-1, 1, color="0.9", zorder=0)
    ax.set_yticks(range(len(mc)), mc["id"], fontsize=7)
    ax.invert_yaxis()
    ax.set_xlabel("(simulated - observed) / tolerance   (blue: fitted, orange: held out)")
    fig.tight_layout()
    fig.savefig(out / "muscle_errors.png", dpi=100)
    plt.close(fig)
    ages = np.arange(0.0, 70.01, 0.5) * 365.25
    traj = simulate_patients([PatientSpec("male", 20.0), PatientSpec("female", 20.0)], [[], []], ages,
                             n_workers=1)
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.5))
    for col, ax, label in zip(("appendicular_lean_mass_kg", "knee_extension_strength_nm", "gait_speed_m_s"),
                              axes, ("ALM (kg)", "knee extension (N m)", "usual gait speed (m/s)")):
        for sex, g in traj.groupby("sex"):
            ax.plot(g["age_years"], g[col], label=sex)
        ax.set_xlabel("age (years)")
        ax.set_ylabel(label)
    gait = mc[mc["id"].str.startswith("gait_")]
    for r in gait.itertuples():
        axes[2].errorbar(r.age_years, r.observed, yerr=r.tolerance, fmt="o",
                         color="tab:orange" if r.sex == "male" else "tab:blue", ms=4)
    axes[0].legend()
    fig.suptitle("Untreated aging, default-size adults (points: Bohannon & Andrews 2011 gait norms)")
    fig.tight_layout()
    fig.savefig(out / "muscle_aging.png", dpi=100)
    plt.close(fig)
    lines = ["", "## Muscle: aging, disuse, training, drugs", "",
             "Targets curated in `validation/data/muscle_targets.csv` (V: verified in the primary "
             "source, S: secondary source, M: recalled, to verify). `fit` rows were used by "
             "calibration stage 6, `validate` rows are held out.", "",
             "![errors](muscle_errors.png)", "", "![aging](muscle_aging.png)", ""]
    return lines + _markdown_table(
        ("id", "use", "protocol", "endpoint", "observed", "simulated", "tolerance", "unit", "met", "verified",
         "source"),
        ((r.id, r.use, r.protocol, r.endpoint, f"{r.observed:g}", f"{r.simulated:.3g}", f"{r.tolerance:g}",
          r.unit, _yes_no(r.met), r.verified, r.citation) for r in mc.itertuples()))


def _plot_study(data, sim, study):
    arms = data.arms[data.arms["study"] == study]
    meas = data.measurements[data.measurements["study"] == study]
    endpoints = [e for e in ENDPOINT_COLUMNS if e in set(meas["endpoint"])]
    fig, axes = plt.subplots(1, len(endpoints), figsize=(4.2 * len(endpoints), 3.8), squeeze=False)
    colors = plt.cm.tab20(np.linspace(0, 1, max(len(arms), 2)))
    for ax, ep in zip(axes[0], endpoints):
        for color, arm in zip(colors, arms.itertuples()):
            m = meas[(meas["arm"] == arm.arm) & (meas["endpoint"] == ep)]
            if m.empty:
                continue
            s = sim[sim["arm"] == arm.arm]
            s = s[s["time_days"] <= m["time_days"].max() + 1]
            ax.plot(s["time_days"] / DAYS_PER_MONTH, s[ENDPOINT_COLUMNS[ep]], color=color, lw=1)
            se = pd.to_numeric(m["se"], errors="coerce").fillna(0)
            ax.errorbar(m["time_days"] / DAYS_PER_MONTH, m["value_pct_change"], yerr=se, fmt="o",
                        ms=3, color=color, label=f"{arm.arm} {arm.label}")
        ax.set_title(ep, fontsize=10)
        ax.set_xlabel("months")
        ax.grid(alpha=0.3)
    axes[0, 0].set_ylabel("% change from baseline (lines: simulated)")
    axes[0, -1].legend(fontsize=6, loc="best")
    fig.suptitle(study)
    fig.tight_layout()
    return fig
