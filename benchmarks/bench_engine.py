"""Batched simulation vs a plain single-process libRoadRunner loop, same model, same patients.

Patients: women aged 55-80 (seeded), menopause at 48-55, each simulated from the young-adult
steady state (age 20) to her age, then 10 years of denosumab 60 mg every 6 months (20 doses),
121 output times over the 10 years. The reference loads myosteo's exported SBML into one
libRoadRunner instance and loops over the patients in one process (reset, set covariates,
integrate piecewise between doses, add each dose to the SC depot). myosteo's engine runs the
same runs across all cores. Results are checked to agree before the timing is printed.

Usage: python benchmarks/bench_engine.py [--bone] [N ...]   (default 1 100 1000 10000)
``--bone`` times the bone-only model (bone & mineral + bone drugs) instead of the standard model
(bone + muscle + all drugs), to show what the muscle module costs.
"""

from __future__ import annotations

import os
import resource
import sys
import time

import numpy as np
import roadrunner

from myosteo.engine.sbml import to_sbml
from myosteo.engine.simulator import Dose, Run, Simulator
from myosteo.model.drugs import DRUGS
from myosteo.model.library import bone_model, standard_model

YEARS = 10
TIMES = np.linspace(0.0, YEARS * 365.25, 121)
OUT = ["bmd_lumbar_spine", "resorption_rel", "P"]
REF_MAX = 1000  # the reference loop is timed on at most this many patients and scaled linearly


def make_runs(n: int, seed: int = 1) -> list[Run]:
    rng = np.random.default_rng(seed)
    spec = DRUGS["denosumab"]
    runs = []
    for age, meno in zip(rng.uniform(55, 80, n), rng.uniform(48, 55, n)):
        t0 = (age - 20.0) * 365.25
        doses = tuple(Dose(t0 + k * 182.625, spec.dose_state, 60.0 * spec.amount_per_mg) for k in range(2 * YEARS))
        runs.append(Run(parameters={"menopause_age_years": float(meno)}, doses=doses, t0=t0))
    return runs


def load_reference(sbml: str):
    rr = roadrunner.RoadRunner(sbml)
    for key, value in (("relative_tolerance", 1e-7), ("absolute_tolerance", 1e-12), ("maximum_num_steps", 200000)):
        rr.integrator.setValue(key, value)
    return rr


def reference_loop(rr, runs: list[Run]) -> np.ndarray:
    out = np.empty((len(runs), len(TIMES), len(OUT)))
    for i, run in enumerate(runs):
        rr.reset()
        for k, v in run.parameters.items():
            rr.setValue(k, v)
        grid = run.t0 + TIMES
        t_now, k = 0.0, 0
        for t_stop in [d.time for d in run.doses] + [grid[-1]]:
            pts = [t_now] + [t for t in grid[k:] if t <= t_stop]
            if pts[-1] < t_stop:
                pts.append(t_stop)
            res = np.asarray(rr.simulate(times=[p - t_now for p in pts], selections=["time", *OUT]))
            for row in res[1:]:
                if k < len(grid) and abs(row[0] + t_now - grid[k]) < 1e-6:
                    out[i, k] = row[1:]
                    k += 1
            t_now = t_stop
            if t_stop < grid[-1]:
                d = next(d for d in run.doses if d.time == t_stop)
                rr.setValue(d.state, rr.getValue(d.state) + d.amount)
    return out


def main(sizes: list[int], bone_only: bool = False) -> None:
    model = bone_model() if bone_only else standard_model()
    sim = Simulator(model)
    sim.simulate([Run()], [0.0, 1.0], ["P"], n_workers=1)  # load the compiled model outside the timing
    rr = load_reference(to_sbml(model))  # JIT compile outside the timing, as for myosteo
    print(f"cores: {os.cpu_count()}; model {model.name}: {len(model.states)} states, {len(model.rules)} rules, "
          f"{len(model.fluxes)} fluxes; 10 years, denosumab 60 mg Q6M, 121 output times")
    print(f"{'patients':>9} {'myosteo pat/s':>14} {'roadrunner loop pat/s':>22} {'ratio':>6}  peak RSS MB")
    for n in sizes:
        runs = make_runs(n)
        t0 = time.perf_counter()
        ours = sim.simulate(runs, TIMES, OUT)
        t_ours = time.perf_counter() - t0
        m = min(n, REF_MAX)
        t1 = time.perf_counter()
        ref = reference_loop(rr, runs[:m])
        t_ref = (time.perf_counter() - t1) * n / m
        ref_rows = ref[:, 1:]
        err = np.max(np.abs(ours[:m, 1:] - ref_rows) / (np.abs(ref_rows) + 1e-9))
        assert err < 1e-4, f"engines disagree: max relative difference {err:.2e}"
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{n:>9} {n / t_ours:>14.1f} {n / t_ref:>22.1f} {t_ref / t_ours:>6.2f}  {rss:.0f}"
              + (f"  (loop timed on {m}, scaled)" if m < n else ""))


if __name__ == "__main__":
    args = sys.argv[1:]
    main([int(a) for a in args if a != "--bone"] or [1, 100, 1000, 10000], bone_only="--bone" in args)
