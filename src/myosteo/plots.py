"""Matplotlib figures of simulated trajectories (Agg backend: files only, no window)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402

PANELS = (
    ("bmd_lumbar_spine_pct_change", "Lumbar spine BMD (% change)"),
    ("bmd_total_hip_pct_change", "Total hip BMD (% change)"),
    ("femoral_neck_t_score", "Femoral neck T-score"),
    ("ctx_pct_change", "CTX (% change)"),
    ("p1np_pct_change", "P1NP (% change)"),
    ("calcium_mmol_l", "Plasma calcium (mmol/L)"),
)


def plot_trajectories(tables: Mapping[str, pd.DataFrame], path: Path, title: str = "") -> Path:
    """One line per labelled table, six panels of the main outputs against months."""
    fig, axes = plt.subplots(2, 3, figsize=(13, 7), sharex=True)
    for ax, (col, label) in zip(axes.flat, PANELS):
        for name, df in tables.items():
            ax.plot(df["time_days"] / (365.25 / 12), df[col], label=name)
        ax.set_title(label, fontsize=10)
        ax.grid(alpha=0.3)
    for ax in axes[1]:
        ax.set_xlabel("months")
    axes[0, 0].legend(fontsize=8)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
