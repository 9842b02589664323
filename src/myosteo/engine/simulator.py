"""Batched simulation of a composed model with dosing events (libRoadRunner backend).

Models must not read the clock (``time``): each segment is integrated in segment-local time
from 0, which keeps full precision decades after t = 0 (ages are states). A run is one patient:
parameter values (set before t=0, initial assignments re-evaluated), a list
of bolus doses (amount added to a state at a time) and of parameter changes at times (infusion
rates on/off, clamps). Integration is piecewise between event times, like NONMEM/mrgsolve event
tables. Many runs go in one call; they are spread over worker processes, each loading the
compiled model once from the on-disk cache (keyed by the model's hash), results gathered into
one preallocated array so memory is bounded by ``n_runs x n_times x n_outputs`` doubles.

Time unit: days.
"""

from __future__ import annotations

import math
import multiprocessing as mp
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from myosteo.engine.initial import InitialValues
from myosteo.engine.sbml import EXPORT_VERSION, to_sbml
from myosteo.model.expressions import uses_time
from myosteo.model.compose import Model


class SimulationError(RuntimeError):
    """The solver failed for a patient: names the run index and the time reached."""

    def __init__(self, run_index: int, time_day: float, reason: str):
        self.run_index = run_index
        self.time_day = time_day
        super().__init__(f"simulation failed for patient {run_index} at t = {time_day:.4g} days: {reason}")


@dataclass(frozen=True)
class Dose:
    """Bolus: add ``amount`` (in the state's unit) to ``state`` at ``time`` (days)."""

    time: float
    state: str
    amount: float


@dataclass(frozen=True)
class ParameterChange:
    """Set ``parameter`` to ``value`` from ``time`` (days) on (infusion rate on/off, clamp...)."""

    time: float
    parameter: str
    value: float


@dataclass(frozen=True)
class Run:
    """One patient's simulation: parameter overrides and events; integrates from t=0.

    Output times of a call are relative to ``t0`` (days): patients who reach their scenario start
    at different model times (different ages) share one call.
    """

    parameters: Mapping[str, float] = field(default_factory=dict)
    doses: tuple[Dose, ...] = ()
    changes: tuple[ParameterChange, ...] = ()
    t0: float = 0.0


@dataclass(frozen=True)
class SolverOptions:
    relative_tolerance: float = 1e-7
    absolute_tolerance: float = 1e-10
    maximum_num_steps: int = 200_000
    initial_time_step: float = 0.0  # 0 = CVODE's own estimate


def cache_dir() -> Path:
    """Where compiled models live: ``$MYOSTEO_CACHE`` or ``~/.cache/myosteo``."""
    root = os.environ.get("MYOSTEO_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "myosteo")
    path = Path(root)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _load_roadrunner(model: Model, options: SolverOptions):
    import roadrunner

    roadrunner.Logger.setLevel(roadrunner.Logger.LOG_FATAL)  # failures are raised as SimulationError

    path = cache_dir() / f"{model.name}-{model.digest[:20]}-x{EXPORT_VERSION}-rr{roadrunner.__version__}.rrstate"
    rr = None
    if path.exists():
        try:
            rr = roadrunner.RoadRunner()
            rr.loadState(str(path))
        except Exception:  # stale or corrupt cache: rebuild
            rr = None
    if rr is None:
        rr = roadrunner.RoadRunner(to_sbml(model))
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        rr.saveState(str(tmp))
        os.replace(tmp, path)
    integ = rr.integrator
    integ.setValue("relative_tolerance", options.relative_tolerance)
    integ.setValue("absolute_tolerance", options.absolute_tolerance)
    integ.setValue("maximum_num_steps", options.maximum_num_steps)
    integ.setValue("initial_time_step", options.initial_time_step)
    return rr


class _Worker:
    """Holds one loaded model; simulates runs sequentially."""

    def __init__(self, model: Model, options: SolverOptions):
        self.rr = _load_roadrunner(model, options)
        self.state_names = set(model.state_names)
        self.initial = InitialValues(model)
        self._species = list(self.rr.model.getFloatingSpeciesIds())
        self._atol = options.absolute_tolerance
        self.rr.reset()
        names = [p.name for p in model.parameters] + list(self.initial.order)
        self.base = {n: self.rr.getValue(n) for n in names}
        self._dirty: set[str] = set()

    def simulate(self, run: Run, times: np.ndarray, selections: Sequence[str], index: int) -> np.ndarray:
        times = times + run.t0
        rr = self.rr
        values = self.initial.affected(self.base, run.parameters) if run.parameters else {}
        # the previous run's constants back to base *before* the reset, which evaluates the
        # initial assignments with the constants in place (else a state of this run would start
        # from the previous run's parameters: an order dependence of ~1e-4, session 21)
        for name in self._dirty - set(values):
            if name not in self.state_names:
                rr.setValue(name, self.base[name])
        rr.reset()  # time 0, states at the model's default initial values
        for name, value in values.items():
            if name not in self.state_names:
                rr.setValue(name, value)
        for name, value in values.items():  # states last: after every constant is in place
            if name in self.state_names:
                rr.setValue(name, value)
        self._dirty = set(values) | {c.parameter for c in run.changes}
        events: dict[float, list] = {}
        for ev in (*run.doses, *run.changes):
            if ev.time <= times[-1]:
                events.setdefault(float(ev.time), []).append(ev)
        out = np.empty((len(times), len(selections)))
        sel = ["time", *selections]
        k = 0  # next output row; outputs at an event time are taken before the event
        if times[0] == 0.0:
            out[0] = [rr.getValue(s) for s in selections]
            k = 1
        t_now = 0.0
        for t_break in [*sorted(events), float(times[-1])]:
            if t_break > t_now:
                grid = [t_now] + [float(t) for t in times[k:] if t <= t_break]
                if grid[-1] < t_break:
                    grid.append(t_break)
                rows = self._integrate(rr, grid, sel, index)
                for row in rows[1:]:
                    if k < len(times) and abs(row[0] - times[k]) <= 1e-9 * max(1.0, times[k]):
                        out[k] = row[1:]
                        k += 1
                t_now = t_break
            if t_break in events:
                self._zero_round_off(rr)
            for ev in events.pop(t_break, ()):
                if isinstance(ev, Dose):
                    rr.setValue(ev.state, rr.getValue(ev.state) + ev.amount)
                else:
                    rr.setValue(ev.parameter, ev.value)
        if k < len(times):
            raise SimulationError(index, t_now, "output times not reached")
        if not np.all(np.isfinite(out)):
            bad = int(np.argmax(~np.all(np.isfinite(out), axis=1)))
            raise SimulationError(index, float(times[bad]), "non-finite values in the solution")
        return out


    def _integrate(self, rr, grid: list[float], sel: list[str], index: int) -> np.ndarray:
        """Integrate over ``grid`` in segment-local time (no precision loss far from t = 0).

        If CVODE fails, the segment is retried from its saved start state with a geometric
        warm-up of short intervals (1e-6 ... 1 day), first at rtol 1e-6, then at rtol 1e-5 / atol
        1e-8 (after a sharp bolus CVODE's Newton iteration can fail repeatedly at rtol 1e-7). If
        every attempt fails, :class:`SimulationError` names the patient and the time.
        """
        t_now = grid[0]
        start = np.array(rr.model.getFloatingSpeciesAmounts())
        local = [t - t_now for t in grid]
        try:
            rows = np.asarray(rr.simulate(times=local, selections=sel))
        except Exception as first:
            rows = None
            warm = [d for d in (1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0) if d < local[1]]
            integ = rr.integrator
            rtol, atol = integ.getValue("relative_tolerance"), integ.getValue("absolute_tolerance")
            error = first
            for r_try, a_try in ((max(rtol, 1e-6), atol), (max(rtol, 1e-5), max(atol, 1e-8))):
                rr.model.setFloatingSpeciesAmounts(start)
                integ.setValue("relative_tolerance", r_try)
                integ.setValue("absolute_tolerance", a_try)
                try:
                    rows = np.asarray(rr.simulate(times=[0.0, *warm, *local[1:]], selections=sel))
                    break
                except Exception as exc:
                    error = exc
                finally:
                    integ.setValue("relative_tolerance", rtol)
                    integ.setValue("absolute_tolerance", atol)
            if rows is None:
                raise SimulationError(index, t_now, str(error).strip().splitlines()[0]) from None
            rows = rows[[0] + list(range(1 + len(warm), len(rows)))]
        rows[:, 0] += t_now
        return rows

    def _zero_round_off(self, rr) -> None:
        """Set states smaller in magnitude than the absolute tolerance to exactly 0.

        A drained depot ends a segment at e.g. +-1e-78 (solver round-off, far below the absolute
        tolerance); CVODE then failed its first step after the next dose into the neighbouring
        compartment. Values within the tolerance band are numerically zero: no result changes.
        """
        amounts = rr.model.getFloatingSpeciesAmounts()
        for name, value in zip(self._species, amounts):
            if value != 0.0 and abs(value) <= self._atol:
                rr.setValue(name, 0.0)


_WORKER: _Worker | None = None


def _init_worker(model: Model, options: SolverOptions) -> None:
    global _WORKER
    _WORKER = _Worker(model, options)


def _run_chunk(args):
    start, runs, times, selections = args
    assert _WORKER is not None
    try:
        return start, np.stack([_WORKER.simulate(r, times, selections, start + i) for i, r in enumerate(runs)])
    except SimulationError as err:
        return start, err


class Simulator:
    """Compile a model once; simulate many patients per call.

    >>> sim = Simulator(model)                                  # doctest: +SKIP
    >>> y = sim.simulate([Run()], times=[0, 365], selections=["P"])  # shape (1, 2, 1)
    """

    def __init__(self, model: Model, options: SolverOptions | None = None):
        self.model = model
        self.options = options or SolverOptions()
        self._local: _Worker | None = None
        exprs = [r.expr for r in model.rules] + [f.rate for f in model.fluxes]
        if any(uses_time(e) for e in exprs):
            raise ValueError("models simulated piecewise must not use `time`; use a clock state")
        self._known = model.names

    def _check(self, runs: Sequence[Run], selections: Sequence[str]) -> None:
        unknown = [s for s in selections if s not in self._known]
        if unknown:
            raise KeyError(f"unknown output(s) {unknown}")
        params = set(self.model.parameter_map)
        for i, r in enumerate(runs):
            for name, value in r.parameters.items():
                if name not in params:
                    raise KeyError(f"patient {i}: unknown parameter {name!r}")
                if not math.isfinite(float(value)):
                    raise ValueError(f"patient {i}: parameter {name!r} is not finite ({value})")
            for d in r.doses:
                if d.state not in self.model.state_names:
                    raise KeyError(f"patient {i}: dose into unknown state {d.state!r}")
                if not (math.isfinite(d.amount) and d.amount >= 0 and math.isfinite(d.time) and d.time >= 0):
                    raise ValueError(f"patient {i}: invalid dose {d}")
            for c in r.changes:
                if c.parameter not in params:
                    raise KeyError(f"patient {i}: change of unknown parameter {c.parameter!r}")
                if not self.model.parameter_map[c.parameter].varying:
                    raise ValueError(
                        f"patient {i}: parameter {c.parameter!r} is not declared varying, so it "
                        "cannot change during a run (set it before t=0 instead)"
                    )

    def simulate(
        self,
        runs: Sequence[Run],
        times: Sequence[float],
        selections: Sequence[str],
        n_workers: int | None = None,
        chunk_size: int | None = None,
    ) -> np.ndarray:
        """Array of shape ``(len(runs), len(times), len(selections))``; times in days from each
        run's ``t0``."""
        times_arr = np.asarray(sorted(float(t) for t in times))
        if len(times_arr) == 0 or times_arr[0] < 0:
            raise ValueError("output times must be non-empty and >= 0")
        if any(r.t0 < 0 or not math.isfinite(r.t0) for r in runs):
            raise ValueError("Run.t0 must be finite and >= 0")
        self._check(runs, selections)
        n_workers = n_workers if n_workers is not None else (os.cpu_count() or 1)
        if chunk_size is None:  # several chunks per worker balance the load; at most 64 per chunk
            chunk_size = max(1, min(64, math.ceil(len(runs) / (8 * n_workers))))
        n_workers = max(1, min(n_workers, math.ceil(len(runs) / chunk_size)))
        out = np.empty((len(runs), len(times_arr), len(selections)))
        if n_workers == 1:
            if self._local is None:
                self._local = _Worker(self.model, self.options)
            for i, r in enumerate(runs):
                out[i] = self._local.simulate(r, times_arr, selections, i)
            return out
        _load_roadrunner(self.model, self.options)  # populate the cache once, before forking
        chunks = [
            (s, list(runs[s:s + chunk_size]), times_arr, list(selections))
            for s in range(0, len(runs), chunk_size)
        ]
        ctx = mp.get_context("fork")
        with ctx.Pool(n_workers, initializer=_init_worker, initargs=(self.model, self.options)) as pool:
            for start, res in pool.imap_unordered(_run_chunk, chunks):
                if isinstance(res, SimulationError):
                    pool.terminate()
                    raise res
                out[start:start + len(res)] = res
        return out
