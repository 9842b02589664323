"""From patients and doses to tidy output tables (one row per patient and output time).

Every patient starts as a healthy young adult at ``START_AGE_YEARS`` (the Peterson & Riggs steady
state) and ages under the slow forcings (menopause, aging) until the scenario's time 0, so any
patient begins from a consistent state; times in the output are days from the scenario's time 0.
Percent changes are relative to the same patient at time 0.

Output columns (units in the name) are documented in :data:`COLUMNS`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from myosteo.engine.simulator import Dose, ParameterChange, Run, Simulator
from myosteo.model import performance as perf
from myosteo.model.disease import disease_inputs
from myosteo.model.core import DAYS_PER_YEAR
from myosteo.model.drugs import DRUGS
from myosteo.model.library import standard_model
from myosteo.model.modules.bmd import SITES, T_SCORE_REFERENCE
from myosteo.model.modules.muscle import POOLS

START_AGE_YEARS = 20.0
V_PLASMA_L = 14.0  # Peterson & Riggs 2010 vasculature volume (V1)

COLUMNS: dict[str, str] = {
    "time_days": "days from the scenario start",
    "age_years": "patient age (years)",
    "bmd_lumbar_spine_pct_change": "lumbar spine areal BMD, % change from time 0",
    "bmd_total_hip_pct_change": "total hip areal BMD, % change from time 0",
    "bmd_femoral_neck_pct_change": "femoral neck areal BMD, % change from time 0",
    "ctx_pct_change": "serum CTX (resorption), % change from time 0",
    "p1np_pct_change": "serum P1NP (formation), % change from time 0",
    "bsap_pct_change": "serum bone ALP (osteoblast number), % change from time 0",
    "calcium_mmol_l": "plasma calcium (mmol/L)",
    "pth_pmol_l": "plasma PTH (pmol/L)",
    "calcitriol_pmol_l": "plasma calcitriol (pmol/L)",
    "phosphate_mmol_l": "plasma phosphate (mmol/L)",
    "lumbar_spine_bmd_g_cm2": "lumbar spine areal BMD (g/cm^2)",
    "total_hip_bmd_g_cm2": "total hip areal BMD (g/cm^2)",
    "femoral_neck_bmd_g_cm2": "femoral neck areal BMD (g/cm^2)",
    "femoral_neck_t_score": "femoral neck T-score (NHANES III women 20-29 reference)",
    "estrogen_relative": "estrogen relative to the sex-specific young adult",
    "sclerostin_free_relative": "free sclerostin relative to the young adult",
    "denosumab_ng_ml": "serum denosumab (ng/mL)",
    "romosozumab_ug_ml": "serum romosozumab (ug/mL)",
    "blosozumab_ug_ml": "serum blosozumab (ug/mL)",
    "height_m": "height (m; given, or the NHANES mean of the sex)",
    "weight_kg": "body weight = lean body mass + fat mass (kg)",
    "bmi_kg_m2": "body-mass index (kg/m^2)",
    "appendicular_lean_mass_kg": "appendicular lean mass, DXA (kg)",
    "alm_bmi": "ALM / BMI (m^2)",
    "leg_lean_mass_kg": "lean mass of the index (tested or immobilised) leg (kg)",
    "lean_body_mass_kg": "lean body mass (fat-free mass, kg)",
    "lean_body_mass_pct_change": "lean body mass, % change from time 0",
    "fat_mass_kg": "fat mass (kg)",
    "body_fat_pct": "fat mass / body weight (%)",
    "grip_strength_kg": "maximal handgrip strength (kg)",
    "knee_extension_strength_nm": "knee-extension torque of the index leg (N m)",
    "gait_speed_m_s": "usual gait speed (m/s)",
    "chair_stand_s": "time for five chair rises (s)",
    "sppb": "Short Physical Performance Battery (0-12; balance assumed full, 4 points)",
    "lean_mass_method": "lean-mass method the simulated ALM corresponds to (dxa)",
    "alm_relative_to_young": "appendicular lean mass relative to the same person as a young adult",
    "mitochondrial_capacity_relative": "leg muscle oxidative capacity relative to the young adult",
    "satellite_cells_relative": "leg satellite-cell content relative to the young adult",
    "testosterone_nmol_l": "total serum testosterone (nmol/L)",
    "bimagrumab_ug_ml": "serum bimagrumab (ug/mL)",
    "ly2495655_ug_ml": "serum LY2495655 (ug/mL)",
    "enobosarm_ng_ml": "plasma enobosarm (ng/mL)",
    "tnf_alpha_pg_ml": "serum TNF-alpha (pg/mL; CoLaus multiplex scale)",
    "il6_pg_ml": "serum IL-6 (pg/mL)",
    "il1b_pg_ml": "serum IL-1beta (pg/mL)",
    "il17_pg_ml": "serum IL-17 (pg/mL)",
    "il10_pg_ml": "serum IL-10 (pg/mL)",
    "crp_mg_l": "serum C-reactive protein (mg/L)",
    "sclerostin_pmol_l": "serum sclerostin (pmol/L)",
    "irisin_ng_ml": "serum irisin (ng/mL, mass-spectrometry scale)",
    "osteocalcin_ng_ml": "serum total osteocalcin (ng/mL)",
    "ucoc_ng_ml": "serum undercarboxylated osteocalcin (ng/mL)",
    "igf1_ng_ml": "serum IGF-1 (ng/mL)",
    "fgf21_pg_ml": "serum FGF21 (pg/mL)",
    "myostatin_ng_ml": "serum myostatin (ng/mL, ELISA scale)",
    "leptin_ng_ml": "serum leptin (ng/mL)",
    "adiponectin_ug_ml": "serum adiponectin (ug/mL)",
    "rankl_relative": "free RANKL relative to the young adult",
    "das28_crp": "DAS28-CRP (rheumatoid arthritis activity)",
    "calprotectin_ug_g": "faecal calprotectin (ug/g)",
    "hba1c_pct": "HbA1c (%)",
    "insulin_action_relative": "insulin action relative to the healthy adult",
    "glucocorticoid_relative": "glucocorticoid exposure relative to physiological cortisol",
    "infliximab_ug_ml": "serum infliximab (ug/mL)",
    "adalimumab_ug_ml": "serum adalimumab (ug/mL, apparent)",
    "tocilizumab_ug_ml": "serum tocilizumab (ug/mL)",
    "tofacitinib_ng_ml": "plasma tofacitinib (ng/mL)",
    "prednisolone_ng_ml": "plasma prednisolone (ng/mL)",
}

#: output column -> model variable, copied as is
DIRECT = {
    "tnf_alpha_pg_ml": "tnf_alpha_pg_ml", "il6_pg_ml": "il6_pg_ml", "il1b_pg_ml": "il1b_pg_ml",
    "il17_pg_ml": "il17_pg_ml", "il10_pg_ml": "il10_pg_ml", "crp_mg_l": "crp_mg_l",
    "sclerostin_pmol_l": "sclerostin_pmol_l", "irisin_ng_ml": "irisin_ng_ml", "osteocalcin_ng_ml": "osteocalcin_ng_ml",
    "ucoc_ng_ml": "ucoc_ng_ml", "igf1_ng_ml": "igf1_ng_ml", "fgf21_pg_ml": "fgf21_pg_ml",
    "myostatin_ng_ml": "myostatin_ng_ml", "leptin_ng_ml": "leptin_ng_ml", "adiponectin_ug_ml": "adiponectin_ug_ml",
    "das28_crp": "das28_crp", "calprotectin_ug_g": "calprotectin_ug_g", "hba1c_pct": "hba1c_pct",
    "insulin_action_relative": "insulin_action_rel", "glucocorticoid_relative": "glucocorticoid_rel",
    "infliximab_ug_ml": "ifx_conc_ug_ml", "adalimumab_ug_ml": "ada_conc_ug_ml", "tocilizumab_ug_ml": "tcz_conc_ug_ml",
    "tofacitinib_ng_ml": "tofa_conc_ng_ml", "prednisolone_ng_ml": "pred_conc_ng_ml",
}

ACTIVITY_LEVELS = {"sedentary": 0.0, "moderate": 1.0, "active": 2.0}

_SELECT = {
    "bmd_lumbar_spine": "bmd_lumbar_spine", "bmd_total_hip": "bmd_total_hip",
    "bmd_femoral_neck": "bmd_femoral_neck", "resorption": "resorption_rel",
    "formation": "formation_rel", "osteoblasts": "osteoblasts_rel", "P": "P", "PTH": "PTH", "B": "B",
    "ECCPhos": "ECCPhos", "age": "age_years", "estrogen": "estrogen_effective",
    "sclerostin": "sclerostin_free_rel", "dmab": "dmab_conc_ng_ml", "romo": "romo_conc_ug_ml",
    "bloso": "bloso_conc_ug_ml", "alm": "alm_rel", "fat": "fat_rel", "grip": "grip_strength_rel", "leg": "muscle_leg_index",
    "knee": "knee_strength_rel", "mito": "mito_leg_index", "sc": "sc_content_leg_index",
    "testosterone": "testosterone_nmol_l", "bima": "bima_conc_ug_ml", "ly": "ly_conc_ug_ml",
    "eno": "eno_conc_ng_ml", "rankl": "L", "rankl0": "RANKL0",
    **{f"direct:{k}": v for k, v in DIRECT.items()},
}


@dataclass(frozen=True)
class PatientSpec:
    """Who is simulated. Baseline BMD (g/cm^2) or FN T-score, if given, rescale absolute BMD."""

    sex: str
    age_years: float
    menopause_age_years: float = 51.0
    femoral_neck_bmd_g_cm2: float | None = None
    femoral_neck_t_score: float | None = None
    total_hip_bmd_g_cm2: float | None = None
    lumbar_spine_bmd_g_cm2: float | None = None
    height_m: float | None = None
    weight_kg: float | None = None
    activity: str = "moderate"
    protein_g_kg_day: float | None = None
    parameters: dict[str, float] = field(default_factory=dict)

    @property
    def height(self) -> float:
        return self.height_m if self.height_m is not None else perf.DEFAULT_HEIGHT_M[self.sex]

    @property
    def weight(self) -> float:
        return self.weight_kg if self.weight_kg is not None else perf.DEFAULT_WEIGHT_KG[self.sex]

    @property
    def offset_days(self) -> float:
        return (self.age_years - START_AGE_YEARS) * DAYS_PER_YEAR


@dataclass(frozen=True)
class DoseEvent:
    """``dose_mg`` of ``drug`` at ``time_days`` from the scenario start."""

    time_days: float
    drug: str
    dose_mg: float


@dataclass(frozen=True)
class InputChange:
    """Set the model input ``parameter`` (declared ``varying``) to ``value`` from ``time_days``
    (days from the scenario start): exercise sessions per week, disuse of a limb group."""

    time_days: float
    parameter: str
    value: float


def build_run(patient: PatientSpec, doses: Sequence[DoseEvent],
              changes: Sequence[InputChange] = ()) -> Run:
    """The engine run of one patient: covariates as parameters, doses shifted by the spin-up."""
    if patient.activity not in ACTIVITY_LEVELS:
        raise ValueError(f"activity: {patient.activity!r} is not one of {sorted(ACTIVITY_LEVELS)}")
    params = {
        "age_at_t0_years": START_AGE_YEARS,
        "sex_female": 1.0 if patient.sex == "female" else 0.0,
        "menopause_age_years": patient.menopause_age_years,
        "activity_level": ACTIVITY_LEVELS[patient.activity],
        "scenario_start_age_years": patient.age_years,
        **({"protein_g_kg_day": patient.protein_g_kg_day} if patient.protein_g_kg_day is not None else {}),
        **patient.parameters,
    }
    events = []
    for d in doses:
        spec = DRUGS[d.drug]
        events.append(Dose(patient.offset_days + d.time_days, spec.dose_state, d.dose_mg * spec.amount_per_mg))
    moves = tuple(ParameterChange(patient.offset_days + c.time_days, c.parameter, c.value) for c in changes)
    return Run(parameters=params, doses=tuple(events), changes=moves, t0=patient.offset_days)


_SIMULATOR: Simulator | None = None


def default_simulator() -> Simulator:
    """The process-wide simulator of the standard model (compiled once, cached on disk)."""
    global _SIMULATOR
    if _SIMULATOR is None:
        _SIMULATOR = Simulator(standard_model())
    return _SIMULATOR


def simulate_patients(
    patients: Sequence[PatientSpec],
    doses: Sequence[Sequence[DoseEvent]],
    output_times_days: Sequence[float],
    simulator: Simulator | None = None,
    n_workers: int | None = None,
    changes: Sequence[Sequence[InputChange]] | None = None,
) -> pd.DataFrame:
    """Tidy table: one row per patient and output time, columns in :data:`COLUMNS`."""
    if len(patients) != len(doses):
        raise ValueError("patients and doses must have the same length")
    if changes is None:
        changes = [()] * len(patients)
    if len(changes) != len(patients):
        raise ValueError("patients and changes must have the same length")
    times = np.asarray(output_times_days, dtype=float)
    if times.ndim != 1 or len(times) == 0 or times[0] != 0.0 or np.any(np.diff(times) <= 0):
        raise ValueError("output times must start at 0 and increase")
    sim = simulator or default_simulator()
    keys = list(_SELECT)
    runs = [build_run(p, d, c) for p, d, c in zip(patients, doses, changes)]
    y = sim.simulate(runs, times, [_SELECT[k] for k in keys], n_workers=n_workers)
    out = []
    for i, p in enumerate(patients):
        df = pd.DataFrame(_columns(p, times, dict(zip(keys, y[i].T)), sim))
        df.insert(0, "patient", i)
        out.append(df)
    return pd.concat(out, ignore_index=True)


def _columns(p: PatientSpec, times: np.ndarray, v: dict[str, np.ndarray], sim: Simulator) -> dict:
    pmap = sim.model.parameter_map

    def pct(x: np.ndarray) -> np.ndarray:
        return 100.0 * (x / x[0] - 1.0)

    cols: dict[str, np.ndarray | str] = {"time_days": times, "sex": p.sex, "age_years": v["age"]}
    for site in SITES:
        cols[f"bmd_{site}_pct_change"] = pct(v[f"bmd_{site}"])
    cols["ctx_pct_change"] = pct(v["resorption"])
    cols["p1np_pct_change"] = pct(v["formation"])
    cols["bsap_pct_change"] = pct(v["osteoblasts"])
    cols["calcium_mmol_l"] = v["P"] / V_PLASMA_L
    cols["pth_pmol_l"] = v["PTH"] / V_PLASMA_L
    cols["calcitriol_pmol_l"] = v["B"] / V_PLASMA_L
    cols["phosphate_mmol_l"] = v["ECCPhos"] / V_PLASMA_L
    given = {
        "lumbar_spine": p.lumbar_spine_bmd_g_cm2,
        "total_hip": p.total_hip_bmd_g_cm2,
        "femoral_neck": p.femoral_neck_bmd_g_cm2,
    }
    mean_t, sd_t, _ = T_SCORE_REFERENCE
    if p.femoral_neck_t_score is not None:
        given["femoral_neck"] = mean_t + sd_t * p.femoral_neck_t_score
    for site in SITES:
        ref = pmap[f"bmd_young_{p.sex}_{site}_g_cm2"].value
        absolute = ref * v[f"bmd_{site}"]
        if given[site] is not None:
            absolute = absolute * (given[site] / absolute[0])
        cols[f"{site}_bmd_g_cm2"] = absolute
    cols["femoral_neck_t_score"] = (cols["femoral_neck_bmd_g_cm2"] - mean_t) / sd_t
    cols["estrogen_relative"] = v["estrogen"]
    cols["sclerostin_free_relative"] = v["sclerostin"]
    cols["denosumab_ng_ml"] = v["dmab"]
    cols["romosozumab_ug_ml"] = v["romo"]
    cols["blosozumab_ug_ml"] = v["bloso"]
    cols.update(_muscle_columns(p, v, pmap))
    cols["rankl_relative"] = v["rankl"] / v["rankl0"]
    for col in DIRECT:
        cols[col] = v[f"direct:{col}"]
    return cols


def _muscle_columns(p: PatientSpec, v: dict[str, np.ndarray], pmap) -> dict:
    """Absolute body composition, strength and function (see :mod:`myosteo.model.performance`)."""
    lbm0 = perf.lean_body_mass_kg(p.sex, p.weight, p.height)
    alm0 = perf.ALM_SHARE_OF_LBM[p.sex] * lbm0
    rel = v["alm"] / v["alm"][0]
    lbm = lbm0 * rel
    fat = (p.weight - lbm0) * v["fat"] / v["fat"][0]
    weight = lbm + fat
    share_arms = pmap["alm_share_arms"].value
    scale = alm0 / v["alm"][0] / perf.reference_alm_kg(p.sex)  # young-adult-equivalent size
    knee = perf.KNEE_YOUNG_NM[p.sex] * scale * v["knee"]
    gait = perf.gait_speed_m_s(knee, weight)
    chair = perf.chair_stand_s(knee, weight)
    bmi = weight / p.height**2
    alm = alm0 * rel
    return {
        "height_m": np.full_like(rel, p.height), "weight_kg": weight, "bmi_kg_m2": bmi,
        "appendicular_lean_mass_kg": alm, "alm_bmi": alm / bmi,
        "leg_lean_mass_kg": alm0 / v["alm"][0] * (1 - share_arms) / 2 * v["leg"], "lean_body_mass_kg": lbm,
        "lean_body_mass_pct_change": 100.0 * (rel - 1.0), "fat_mass_kg": fat,
        "body_fat_pct": 100.0 * fat / weight,
        "grip_strength_kg": perf.GRIP_YOUNG_KG[p.sex] * scale * v["grip"],
        "knee_extension_strength_nm": knee, "gait_speed_m_s": gait, "chair_stand_s": chair,
        "sppb": perf.sppb_score(gait, chair), "lean_mass_method": "dxa",
        "alm_relative_to_young": v["alm"],
    "mitochondrial_capacity_relative": v["mito"], "satellite_cells_relative": v["sc"],
        "testosterone_nmol_l": v["testosterone"], "bimagrumab_ug_ml": v["bima"],
        "ly2495655_ug_ml": v["ly"], "enobosarm_ng_ml": v["eno"],
    }


def scenario_changes(scenario, parameter_map=None) -> list[InputChange]:
    """Exercise and immobilisation blocks of a scenario as piecewise-constant model inputs.

    Resistance/endurance blocks of one kind add up (sessions per week); immobilisation sets the
    disuse of each limb group to the largest active value: bed rest unloads both legs fully and
    the arms by ``bed_rest_arm_disuse``; single_leg unloads the index leg.
    """
    pmap = parameter_map or default_simulator().model.parameter_map
    arm = pmap["bed_rest_arm_disuse"].value
    pieces: dict[str, list[tuple[float, float, float]]] = {}  # parameter -> (start, end, value)
    for b in getattr(scenario, "exercise", ()):
        name = f"{b.kind}_sessions_per_week"
        pieces.setdefault(name, []).append((b.start_days, b.start_days + b.duration_days, b.sessions_per_week))
    for b in getattr(scenario, "immobilisation", ()):
        end = b.start_days + b.duration_days
        if b.kind == "bed_rest":
            for pool, value in (("leg_index", 1.0), ("leg_contra", 1.0), ("arms", arm)):
                pieces.setdefault(f"disuse_{pool}", []).append((b.start_days, end, value))
        else:
            pieces.setdefault("disuse_leg_index", []).append((b.start_days, end, 1.0))
    changes: list[InputChange] = []
    patient = scenario.patient
    if getattr(patient, "disease", None) is not None:
        onset = 0.0
        if patient.disease_onset_age_years is not None:
            onset = (patient.disease_onset_age_years - patient.age_years) * DAYS_PER_YEAR
        for name, value in disease_inputs(patient.disease, patient.disease_score).items():
            changes.append(InputChange(onset, name, value))
        if patient.disease == "type1_diabetes" and patient.t1d_usual_insulin:
            changes.append(InputChange(onset, "insulin_background_rel", 1.0))
        for c in sorted(getattr(scenario, "disease_course", ()), key=lambda c: c.start_days):
            for name, value in disease_inputs(patient.disease, c.score).items():
                changes.append(InputChange(c.start_days, name, value))
    for p in getattr(scenario, "perturbations", ()):
        changes.append(InputChange(p.start_days, f"perturb_{p.signal}", p.factor))
        if p.duration_days is not None:
            changes.append(InputChange(p.start_days + p.duration_days, f"perturb_{p.signal}", 1.0))
    for name, blocks in pieces.items():
        combine = sum if name.endswith("_per_week") else (lambda vs: max(vs, default=0.0))
        last = 0.0
        for t in sorted({x for s0, e0, _ in blocks for x in (s0, e0)}):
            value = float(combine([v for s0, e0, v in blocks if s0 <= t < e0]))
            if value != last:
                changes.append(InputChange(t, name, value))
                last = value
    return sorted(changes, key=lambda c: c.time_days)


def patient_spec(patient) -> PatientSpec:
    """A :class:`PatientSpec` from a :class:`myosteo.scenario.Patient`."""
    return PatientSpec(
        sex=patient.sex,
        age_years=float(patient.age_years),
        menopause_age_years=float(patient.menopause_age_years or 51.0),
        femoral_neck_bmd_g_cm2=patient.femoral_neck_bmd_g_cm2,
        femoral_neck_t_score=patient.femoral_neck_t_score,
        total_hip_bmd_g_cm2=patient.total_hip_bmd_g_cm2,
        lumbar_spine_bmd_g_cm2=patient.lumbar_spine_bmd_g_cm2,
        height_m=patient.height_m,
        weight_kg=patient.weight_kg,
        activity=patient.activity,
        protein_g_kg_day=patient.protein_g_kg_day,
    )


def simulate_scenarios(scenarios, n_workers: int | None = None,
                       parameters: dict[str, float] | None = None) -> pd.DataFrame:
    """Simulate several :class:`myosteo.scenario.Scenario` objects sharing one output grid
    (``parameters``: model parameter overrides for every patient, e.g. during calibration)."""
    grids = {tuple(np.round(s.simulation.output_times(), 9)) for s in scenarios}
    if len(grids) != 1:
        raise ValueError("scenarios simulated together must share duration and output_every")
    times = np.asarray(next(iter(grids)))
    patients = [patient_spec(s.patient) for s in scenarios]
    if parameters:
        patients = [replace(p, parameters={**p.parameters, **parameters}) for p in patients]
    doses = [[DoseEvent(t, d, mg) for t, d, mg in s.dose_events()] for s in scenarios]
    changes = [scenario_changes(s) for s in scenarios]
    return simulate_patients(patients, doses, times, n_workers=n_workers, changes=changes)


def simulate_scenario(scenario) -> pd.DataFrame:
    """One scenario -> one row per output time (the ``patient`` column dropped)."""
    return simulate_scenarios([scenario], n_workers=1).drop(columns="patient")
