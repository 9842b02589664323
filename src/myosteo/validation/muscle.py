"""Muscle validation: aging (Health ABC and norms), disuse, resistance training, muscle drugs.

Targets are curated in ``validation/data/muscle_targets.csv`` (one row per endpoint, with the
observed value, the tolerance used for "met", the unit, whether the number was verified in the
primary source (V), a secondary source (S) or recalled (M), and the citation); rows with
``use = fit`` are calibration targets of ``myosteo.validation.calibrate`` stage 6, rows with
``use = validate`` are held out. The design of each row (patient, protocol, read-out) is
:data:`CASES` below (or :data:`COMPOSITE` when an endpoint combines several designs), keyed by
the row id.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources

import numpy as np
import pandas as pd

from myosteo.model.core import DAYS_PER_YEAR
from myosteo.model.library import standard_model
from myosteo.outputs import DoseEvent, InputChange, PatientSpec, simulate_patients

WEEK = 7.0
MONTH = DAYS_PER_YEAR / 12


def muscle_targets() -> pd.DataFrame:
    with resources.files("myosteo.validation.data").joinpath("muscle_targets.csv").open() as fh:
        return pd.read_csv(fh)


@dataclass(frozen=True)
class Case:
    """One endpoint's design. ``sexes``: simulated sexes (the endpoint is their mean);
    ``placebo``: also simulate the untreated patient and give the read-out both tables."""

    age: float
    duration_days: float
    readout: Callable[[pd.DataFrame, pd.DataFrame | None], float]
    sexes: tuple[str, ...] = ("male",)
    doses: tuple[DoseEvent, ...] = ()
    changes: tuple[InputChange, ...] = ()
    placebo: bool = False
    weight_kg: float | None = None
    height_m: float | None = None
    step_days: float = 7.0


def _pct_per_year(col: str) -> Callable:
    def f(t, _p):
        years = (t["time_days"].iloc[-1] - t["time_days"].iloc[0]) / DAYS_PER_YEAR
        return 100 * ((t[col].iloc[-1] / t[col].iloc[0]) ** (1 / years) - 1)
    return f


def _per_year(col: str) -> Callable:
    def f(t, _p):
        years = (t["time_days"].iloc[-1] - t["time_days"].iloc[0]) / DAYS_PER_YEAR
        return (t[col].iloc[-1] - t[col].iloc[0]) / years
    return f


def _pct(col: str) -> Callable:
    return lambda t, _p: 100 * (t[col].iloc[-1] / t[col].iloc[0] - 1)


def _first(col: str) -> Callable:
    return lambda t, _p: float(t[col].iloc[0])


def _change(col: str) -> Callable:
    return lambda t, _p: float(t[col].iloc[-1] - t[col].iloc[0])


def _vs_placebo_pct(col: str) -> Callable:
    return lambda t, p: 100 * (t[col].iloc[-1] / t[col].iloc[0] - p[col].iloc[-1] / p[col].iloc[0])


def _vs_placebo_change(col: str) -> Callable:
    return lambda t, p: float((t[col].iloc[-1] - t[col].iloc[0]) - (p[col].iloc[-1] - p[col].iloc[0]))


def _cmax(col: str) -> Callable:
    return lambda t, _p: float(t[col].max())


def _tmax(col: str) -> Callable:
    return lambda t, _p: float(t["time_days"].iloc[int(np.argmax(t[col].to_numpy()))])


def _doses(drug: str, mg: float, every_days: float, n: int) -> tuple[DoseEvent, ...]:
    return tuple(DoseEvent(i * every_days, drug, mg) for i in range(n))


def _block(parameter: str, value: float, start: float, days: float) -> tuple[InputChange, ...]:
    return (InputChange(start, parameter, value), InputChange(start + days, parameter, 0.0))


def _bed_rest(days: float) -> tuple[InputChange, ...]:
    """Bed rest as scenario_changes gives it: legs fully unloaded, arms by ``bed_rest_arm_disuse``."""
    arm = standard_model().parameter_map["bed_rest_arm_disuse"].value
    return (_block("disuse_leg_index", 1.0, 0.0, days) + _block("disuse_leg_contra", 1.0, 0.0, days)
            + _block("disuse_arms", arm, 0.0, days))


BOTH = ("male", "female")
YEARS3 = 3 * DAYS_PER_YEAR
RT20 = _block("resistance_sessions_per_week", 3.0, 0.0, 20 * WEEK)
RT12 = _block("resistance_sessions_per_week", 3.0, 0.0, 12 * WEEK)


CASES: dict[str, Case] = {
    "habc_leg_lean_men": Case(73.6, YEARS3, _pct_per_year("leg_lean_mass_kg"), step_days=MONTH),
    "habc_leg_lean_women": Case(73.6, YEARS3, _pct_per_year("leg_lean_mass_kg"), ("female",), step_days=MONTH),
    "kirk_alm_men": Case(50, 20 * DAYS_PER_YEAR, _pct("appendicular_lean_mass_kg"), step_days=DAYS_PER_YEAR),
    "kirk_alm_women": Case(50, 20 * DAYS_PER_YEAR, _pct("appendicular_lean_mass_kg"), ("female",),
                           step_days=DAYS_PER_YEAR),
    "habc_knee_men": Case(73.6, YEARS3, _pct_per_year("knee_extension_strength_nm"), step_days=MONTH),
    "habc_knee_women": Case(73.6, YEARS3, _pct_per_year("knee_extension_strength_nm"), ("female",),
                            step_days=MONTH),
    "habc_torque_men": Case(73.6, MONTH, _first("knee_extension_strength_nm")),
    "habc_torque_women": Case(73.6, MONTH, _first("knee_extension_strength_nm"), ("female",)),
    **{f"gait_{s[0]}_{a}": Case(a, MONTH, _first("gait_speed_m_s"), (s,))
       for s in BOTH for a in (35, 55, 65, 75, 85)},
    **{f"chair_{a}": Case(a, MONTH, _first("chair_stand_s"), BOTH) for a in (65, 75, 85)},
    "ip_gait_decline": Case(70, YEARS3, _per_year("gait_speed_m_s"), BOTH, step_days=MONTH),
    "granic_grip_men": Case(85, MONTH, _first("grip_strength_kg")),
    "granic_grip_women": Case(85, MONTH, _first("grip_strength_kg"), ("female",)),
    "granic_grip_decline_men": Case(85, YEARS3, _per_year("grip_strength_kg"), step_days=MONTH),
    "dodds_grip_men": Case(35, MONTH, _first("grip_strength_kg")),
    "dodds_grip_women": Case(35, MONTH, _first("grip_strength_kg"), ("female",)),
    "young_steady_alm": Case(30, 10 * DAYS_PER_YEAR, _pct("appendicular_lean_mass_kg"), BOTH,
                             step_days=DAYS_PER_YEAR),
    "wall_5d_lean": Case(23, 5, _pct("leg_lean_mass_kg"), changes=_block("disuse_leg_index", 1.0, 0, 5),
                         step_days=1),
    "wall_14d_lean": Case(23, 14, _pct("leg_lean_mass_kg"), changes=_block("disuse_leg_index", 1.0, 0, 14),
                          step_days=1),
    "wall_5d_strength": Case(23, 5, _pct("knee_extension_strength_nm"),
                             changes=_block("disuse_leg_index", 1.0, 0, 5), step_days=1),
    "wall_14d_strength": Case(23, 14, _pct("knee_extension_strength_nm"),
                              changes=_block("disuse_leg_index", 1.0, 0, 14), step_days=1),
    "digirolamo_14d": Case(67, 14, _pct("leg_lean_mass_kg"), BOTH, changes=_bed_rest(14), step_days=1),
    "kortebein_10d_strength": Case(67, 10, _pct("knee_extension_strength_nm"), BOTH, changes=_bed_rest(10),
                                   step_days=1),
    "kortebein_10d_leglean": Case(67, 10, lambda t, p: 2 * _change("leg_lean_mass_kg")(t, p), BOTH,
                                  changes=_bed_rest(10), step_days=1),
    "peterson_rt_lbm": Case(65, 20 * WEEK, _vs_placebo_change("lean_body_mass_kg"), BOTH, changes=RT20,
                            placebo=True),
    "peterson_rt_knee": Case(65, 20 * WEEK, _pct("knee_extension_strength_nm"), BOTH, changes=RT20),
    "verdijk_rt_sc": Case(72, 12 * WEEK, _pct("satellite_cells_relative"), changes=RT12),
    "verdijk_rt_leglean": Case(72, 12 * WEEK, _pct("leg_lean_mass_kg"), changes=RT12),
    "verdijk_rt_strength": Case(72, 12 * WEEK, _pct("knee_extension_strength_nm"), changes=RT12),
    "rooks_bima_lbm": Case(79, 24 * WEEK, _vs_placebo_pct("lean_body_mass_kg"), BOTH,
                           _doses("bimagrumab", 700, 4 * WEEK, 6), placebo=True),
    "heymsfield_bima_fat": Case(60, 48 * WEEK, _vs_placebo_pct("fat_mass_kg"), BOTH,
                                _doses("bimagrumab", 936, 4 * WEEK, 12), placebo=True, weight_kg=93.6,
                                height_m=1.68),
    "heymsfield_bima_lean": Case(60, 48 * WEEK, _vs_placebo_pct("lean_body_mass_kg"), BOTH,
                                 _doses("bimagrumab", 936, 4 * WEEK, 12), placebo=True, weight_kg=93.6,
                                 height_m=1.68),
    "heymsfield_bima_weight": Case(60, 48 * WEEK, _vs_placebo_pct("weight_kg"), BOTH,
                                   _doses("bimagrumab", 936, 4 * WEEK, 12), placebo=True, weight_kg=93.6,
                                   height_m=1.68),
    "rooks_bima_tmv4": Case(77, 4 * WEEK, _vs_placebo_pct("leg_lean_mass_kg"), BOTH,
                            _doses("bimagrumab", 30 * 75, 0, 1), placebo=True, weight_kg=75.0, step_days=1),
    "becker_ly_alm": Case(82, 24 * WEEK, _vs_placebo_change("appendicular_lean_mass_kg"), BOTH,
                          _doses("ly2495655", 315, 4 * WEEK, 6), placebo=True),
    "neto_t_lean": Case(68, DAYS_PER_YEAR, _vs_placebo_change("lean_body_mass_kg"), ("male",),
                        _doses("testosterone", 200, 2 * WEEK, 26), placebo=True),
    "neto_t_fat": Case(68, DAYS_PER_YEAR, _vs_placebo_change("fat_mass_kg"), ("male",),
                       _doses("testosterone", 200, 2 * WEEK, 26), placebo=True),
    "te_pk_cmax": Case(30, 14, lambda t, p: _cmax("testosterone_nmol_l")(t, p) * 0.2884
                       - float(t["testosterone_nmol_l"].iloc[0]) * 0.2884,
                       doses=_doses("testosterone", 250, 0, 1), step_days=0.125),
    "te_pk_tmax": Case(30, 14, _tmax("testosterone_nmol_l"), doses=_doses("testosterone", 250, 0, 1),
                       step_days=0.125),
    "dalton_eno_lbm": Case(66, 12 * WEEK, _vs_placebo_change("lean_body_mass_kg"), BOTH,
                           _doses("enobosarm", 3.0, 1.0, 84), placebo=True),
}


def _hofbauer_dose_ratio(params: Mapping[str, float]) -> float:
    """LBM gain at 210 mg over the gain at 700 mg (each vs placebo), bimagrumab q4w x6, 78 y."""
    gains = {}
    for mg in (210, 700):
        c = Case(78, 24 * WEEK, _vs_placebo_change("lean_body_mass_kg"), BOTH,
                 _doses("bimagrumab", mg, 4 * WEEK, 6), placebo=True)
        gains[mg] = np.mean([_value(c, s, params) for s in c.sexes])
    return float(gains[210] / gains[700])


#: designs that combine several simulations into one endpoint: id -> function of the parameters
COMPOSITE: dict[str, Callable[[Mapping[str, float]], float]] = {"hofbauer_bima_dose": _hofbauer_dose_ratio}


def _run(case: Case, sex: str, params: Mapping[str, float], doses, changes) -> pd.DataFrame:
    n = max(1, int(round(case.duration_days / case.step_days)))
    times = np.linspace(0.0, case.duration_days, n + 1)
    patient = PatientSpec(sex, case.age, weight_kg=case.weight_kg, height_m=case.height_m,
                          parameters=dict(params))
    return simulate_patients([patient], [list(doses)], times, n_workers=1, changes=[list(changes)])


def simulate_case(case_id: str, params: Mapping[str, float] | None = None) -> float:
    """The simulated value of one target row (mean over the case's sexes)."""
    params = dict(params or {})
    if case_id in COMPOSITE:
        return COMPOSITE[case_id](params)
    case = CASES[case_id]
    return float(np.mean([_value(case, s, params) for s in case.sexes]))


def _value(case: Case, sex: str, params: Mapping[str, float]) -> float:
    treated = _run(case, sex, params, case.doses, case.changes)
    placebo = _run(case, sex, params, (), ()) if case.placebo else None
    return case.readout(treated, placebo)


def muscle_comparison(params: Mapping[str, float] | None = None, use: str | None = None) -> pd.DataFrame:
    """Targets with the simulated value, error and whether it is within tolerance."""
    tg = muscle_targets()
    if use is not None:
        tg = tg[tg["use"] == use].reset_index(drop=True)
    tg["simulated"] = [simulate_case(i, params) for i in tg["id"]]
    tg["error"] = tg["simulated"] - tg["observed"]
    tg["met"] = tg["error"].abs() <= tg["tolerance"]
    return tg
