"""Benchmark: classify a synthetic cohort under every criterion (prints rows/s).

Run: ``/tmp/venv/bin/python benchmarks/bench_diagnosis.py [n_rows] [repeats]``.
Not a timed test; the target is a 10 000-row cohort in under 5 s on the dev machine.
The cohort is synthetic (plausible ranges, ~5 % missing cells, a few invalid cells);
it says nothing about real prevalence.
"""

from __future__ import annotations

import sys
import time

import numpy as np
import pandas as pd

from myosteo.diagnosis import DEFAULT_CRITERIA, diagnose, diagnose_detailed


def synthetic_cohort(n: int, seed: int = 1) -> pd.DataFrame:
    """Older adults with all standard columns; values drawn independently."""
    rng = np.random.default_rng(seed)
    male = rng.random(n) < 0.45
    height = np.where(male, rng.normal(1.72, 0.07, n), rng.normal(1.59, 0.06, n))
    weight = np.clip(np.where(male, rng.normal(78, 12, n), rng.normal(66, 12, n)), 40, 150)
    df = pd.DataFrame({
        "id": [f"P{i:06d}" for i in range(n)],
        "sex": np.where(male, "M", "F"),
        "age_years": rng.uniform(60, 95, n).round(1),
        "height_m": height.round(3),
        "weight_kg": weight.round(1),
        "grip_strength_kg": np.clip(np.where(male, rng.normal(32, 8, n),
                                             rng.normal(20, 6, n)), 2, 70).round(1),
        "gait_speed_m_s": np.clip(rng.normal(0.95, 0.25, n), 0.1, 2.0).round(2),
        "chair_stand_s": np.clip(rng.normal(13, 4, n), 4, 60).round(1),
        "sppb": rng.integers(3, 13, n),
        "appendicular_lean_mass_kg": np.clip(np.where(male, rng.normal(21, 3, n),
                                                      rng.normal(15, 2.5, n)), 6, 40).round(2),
        "lean_mass_method": rng.choice(["dxa", "bia"], n, p=[0.7, 0.3]),
        "femoral_neck_bmd_g_cm2": np.clip(rng.normal(0.70, 0.12, n), 0.3, 1.3).round(3),
        "total_hip_bmd_g_cm2": np.clip(rng.normal(0.82, 0.13, n), 0.35, 1.4).round(3),
        "fragility_fracture": rng.choice(["yes", "no"], n, p=[0.15, 0.85]),
        "sarc_f": rng.integers(0, 11, n),
        "calf_circumference_cm": np.clip(rng.normal(34, 3.5, n), 22, 50).round(1),
        "body_fat_pct": np.clip(np.where(male, rng.normal(28, 6, n),
                                         rng.normal(38, 6, n)), 8, 60).round(1),
        "waist_cm": np.clip(rng.normal(95, 12, n), 60, 150).round(1),
        "skeletal_muscle_mass_kg": np.clip(np.where(male, rng.normal(27, 4, n),
                                                    rng.normal(18, 3, n)), 8, 50).round(1),
    })
    for col in df.columns[3:]:
        df[col] = df[col].astype(object).where(rng.random(n) > 0.05, None)
    bad = rng.choice(n, size=max(1, n // 500), replace=False)
    df.loc[bad, "grip_strength_kg"] = -1.0
    return df


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    df = synthetic_cohort(n)
    diagnose(df.head(50))  # warm-up (imports, first-call overheads)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = diagnose(df)
        times.append(time.perf_counter() - t0)
    best = min(times)
    print(f"diagnose(): {n} rows x {len(DEFAULT_CRITERIA)} criteria: best {best:.3f} s "
          f"of {repeats} -> {n / best:,.0f} rows/s (target: 10 000 rows < 5 s)")
    assert len(out) == n
    t0 = time.perf_counter()
    diagnose_detailed(df, with_binary=True)
    print(f"diagnose_detailed(with_binary=True): {time.perf_counter() - t0:.3f} s")
    import tempfile
    from pathlib import Path

    from myosteo.cli import main as cli_main

    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "cohort.csv", Path(tmp) / "labels.csv"
        df.to_csv(src, index=False)
        t0 = time.perf_counter()
        rc = cli_main(["diagnose", str(src), "-o", str(dst)])
        print(f"CLI end to end (CSV read + diagnose + CSV write): "
              f"{time.perf_counter() - t0:.3f} s (exit {rc})")
    try:
        from myosteo.diagnosis.summary import agreement_table, prevalence_table

        res = diagnose_detailed(df)
        t0 = time.perf_counter()
        prevalence_table(res)
        agreement_table(res)
        print(f"summary tables (prevalence + {len(res.criteria)}-criterion kappa matrix): "
              f"{time.perf_counter() - t0:.3f} s")
    except ImportError:  # pragma: no cover
        pass


if __name__ == "__main__":
    main()
