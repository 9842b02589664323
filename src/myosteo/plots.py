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

MUSCLE_PANELS = (
    ("appendicular_lean_mass_kg", "Appendicular lean mass (kg)"),
    ("grip_strength_kg", "Grip strength (kg)"),
    ("knee_extension_strength_nm", "Knee extension (N m)"),
    ("gait_speed_m_s", "Usual gait speed (m/s)"),
    ("chair_stand_s", "5x chair stand (s)"),
    ("fat_mass_kg", "Fat mass (kg)"),
)


def plot_trajectories(tables: Mapping[str, pd.DataFrame], path: Path, title: str = "",
                      panels: tuple[tuple[str, str], ...] = PANELS) -> Path:
    """One line per labelled table, six panels (column, title) against months."""
    fig, axes = plt.subplots(2, 3, figsize=(13, 7), sharex=True)
    for ax, (col, label) in zip(axes.flat, panels):
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
