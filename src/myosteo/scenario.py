"""Scenarios: who the patient is, which treatments, and the simulation horizon.

A scenario is pure description (it never imports the engine). It is written in TOML::

    [patient]
    sex = "female"
    age_years = 71

    [[treatment]]
    drug = "romosozumab"
    dose = "210 mg"
    every = "1 month"
    times = 12
    start = "0 days"

    [simulation]
    duration = "24 months"
    output_every = "1 month"

and loaded with :func:`load_scenario` (a path to a TOML file, or an already parsed mapping) or
:func:`scenario_from_toml_text`. Every problem found is reported at once in one
:class:`ScenarioError` whose message names each field path (``treatment[0].dose``) together with
the allowed values or range. The format reference is ``docs/scenario.md``.

Units. Times are days (model time 0 = the start of the scenario); a month is 365.25/12 days and a
year 365.25 days (:data:`myosteo.model.core.DAYS_PER_MONTH`, ``DAYS_PER_YEAR``). Doses are mg.

Adding a section (``exercise``, ``immobilisation``, ``perturbation`` ...): write its frozen
dataclass, a parser ``(raw, path, ctx) -> value | None`` and a serialiser ``value -> dict | list``,
then add one :class:`_Section` row to :data:`_SECTIONS` and a defaulted field of the same name to
:class:`Scenario`. Unknown-section errors, required-section checks, parse order, ``to_dict`` and
``to_toml`` all follow from that table.
"""

from __future__ import annotations

import difflib
import json
import math
import numbers
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np

import myosteo.model.drugs as _drug_registry
from myosteo.model.core import DAYS_PER_MONTH, DAYS_PER_YEAR

__all__ = [
    "DEFAULT_MENOPAUSE_AGE_YEARS",
    "MAX_DOSES_PER_TREATMENT",
    "MAX_DURATION_DAYS",
    "Exercise",
    "Immobilisation",
    "Patient",
    "Scenario",
    "ScenarioError",
    "SimulationSpec",
    "Treatment",
    "load_scenario",
    "parse_dose",
    "parse_duration",
    "scenario_from_toml_text",
]

#: Median age at natural menopause, years: 51.3 y in the Massachusetts Women's Health Study
#: (McKinlay, Brambilla & Posner 1992 Maturitas 14:103, doi:10.1016/0378-5122(92)90003-M);
#: 51.4 y in SWAN (Gold et al. 2001 Am J Epidemiol 153:865). Same default as the
#: ``menopause_age_years`` parameter of the ``aging_estrogen`` module.
DEFAULT_MENOPAUSE_AGE_YEARS = 51.0

#: Longest accepted horizon (simulation duration, dosing interval, treatment duration), days.
MAX_DURATION_DAYS = 100.0 * DAYS_PER_YEAR

#: Most doses one ``[[treatment]]`` entry may expand to (daily dosing for ~270 years).
MAX_DOSES_PER_TREATMENT = 100_000

# Relative tolerance when deciding whether a dose or output time lands exactly on an end point
# ("24 months" / "1 month" must give exactly 24 steps despite rounding).
_END_RTOL = 1e-9

Sex = Literal["female", "male"]


class ScenarioError(ValueError):
    """An invalid scenario. ``errors`` holds one message per problem, each starting with the
    field path (``patient.age_years``, ``treatment[1].dose``, ``simulation``)."""

    def __init__(self, errors: str | Iterable[str]):
        self.errors: tuple[str, ...] = (errors,) if isinstance(errors, str) else tuple(errors)
        if len(self.errors) == 1:
            message = self.errors[0]
        else:
            message = f"{len(self.errors)} problems in scenario:\n" + "\n".join(
                f"  - {e}" for e in self.errors)
        super().__init__(message)


class DrugLike(Protocol):
    """What the scenario layer needs from a drug registry entry (:class:`DrugSpec` has it)."""

    name: str
    max_single_dose_mg: float
    route: str
    infusion_days: float


# ---------------------------------------------------------------------------------------------
# durations and doses

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?"
_DURATION_RE = re.compile(rf"^\s*({_NUMBER})\s*([A-Za-z]+)\s*$")
_DOSE_RE = re.compile(rf"^\s*({_NUMBER})\s*([^\d\s].*?)\s*$")

_DURATION_UNITS: dict[str, float] = {
    "day": 1.0, "days": 1.0,
    "week": 7.0, "weeks": 7.0,
    "month": DAYS_PER_MONTH, "months": DAYS_PER_MONTH,
    "year": DAYS_PER_YEAR, "years": DAYS_PER_YEAR,
}
_DURATION_HELP = ('a string "<number> <unit>" with unit day(s), week(s), month(s) (= 365.25/12 '
                  'days) or year(s) (= 365.25 days), e.g. "14 days", "6 months"')

# factor to mg, and whether the number is per kg of body weight
_DOSE_UNITS: dict[str, tuple[float, bool]] = {
    "mg": (1.0, False),
    "g": (1000.0, False),
    "µg": (1e-3, False),  # U+00B5 micro sign
    "μg": (1e-3, False),  # U+03BC Greek mu
    "ug": (1e-3, False),
    "mcg": (1e-3, False),
    "mg/kg": (1.0, True),
}
_DOSE_HELP = ('a string "<positive number> <unit>" with unit mg, g, µg (ug, mcg) or mg/kg '
              '(needs patient.weight_kg), e.g. "210 mg", "20 µg", "5 mg/kg"')


def _fmt(value: Any) -> str:
    return repr(value) if isinstance(value, str) else str(value)


def _is_number(v: Any) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, bool)


def _require_string(text: Any, field: str, help_text: str) -> str:
    if not isinstance(text, str):
        raise ScenarioError(f"{field}: expected {help_text}; got {type(text).__name__} {text!r}")
    return text


def parse_duration(text: str, field: str) -> float:
    """A duration string (``"6 months"``, ``"1 day"``, ``"2.5 years"``) in days, >= 0.

    Units, singular or plural and case-insensitive: day, week (7 d), month (365.25/12 d),
    year (365.25 d). A bare number (no unit), a negative or non-finite value, or any other text
    raises :class:`ScenarioError` naming ``field``. Range checks beyond ``>= 0`` (for example
    ``> 0`` for a dosing interval) are the caller's.
    """
    text = _require_string(text, field, _DURATION_HELP)
    m = _DURATION_RE.match(text)
    if m is None and re.fullmatch(rf"\s*{_NUMBER}\s*", text):
        raise ScenarioError(f"{field}: {text!r} has no unit; expected {_DURATION_HELP}")
    if m is None:
        raise ScenarioError(f"{field}: cannot read {text!r} as a duration; expected {_DURATION_HELP}")
    number, unit = m.group(1), m.group(2).lower()
    if unit not in _DURATION_UNITS:
        raise ScenarioError(f"{field}: unknown time unit {m.group(2)!r} in {text!r}; allowed units: "
                            "day(s), week(s), month(s), year(s)")
    value = float(number)
    if not math.isfinite(value):
        raise ScenarioError(f"{field}: {text!r} is not finite; expected {_DURATION_HELP}")
    if value < 0:
        raise ScenarioError(f"{field}: {text!r} is negative; durations must be >= 0")
    days = value * _DURATION_UNITS[unit]
    if not math.isfinite(days):
        raise ScenarioError(f"{field}: {text!r} is too large")
    return days


def parse_dose(text: str, field: str, weight_kg: float | None = None,
               mg_per_unit: float | None = None) -> float:
    """A dose string (``"210 mg"``, ``"20 µg"``, ``"0.07 g"``, ``"5 mg/kg"``) in mg, > 0.

    Units (case-insensitive): mg, g, µg / μg / ug / mcg, mg/kg; and U / IU (units) for drugs
    dosed in units (``mg_per_unit`` given, e.g. insulin). A dose in mg/kg is multiplied by
    ``weight_kg`` (kg), which is then required. A missing or unknown unit, a value that is not a
    finite number > 0, or any other text raises :class:`ScenarioError` naming ``field``.
    """
    text = _require_string(text, field, _DOSE_HELP)
    m = _DOSE_RE.match(text)
    if m is None and re.fullmatch(rf"\s*{_NUMBER}\s*", text):
        raise ScenarioError(f"{field}: {text!r} has no unit; expected {_DOSE_HELP}")
    if m is None:
        raise ScenarioError(f"{field}: cannot read {text!r} as a dose (number and unit); "
                            f"expected {_DOSE_HELP}")
    number, raw_unit = m.group(1), m.group(2)
    unit = re.sub(r"\s*/\s*", "/", raw_unit).lower()
    if unit in ("u", "iu"):
        if mg_per_unit is None:
            raise ScenarioError(f"{field}: {text!r} is in units (U), which only drugs dosed in units "
                                "accept (insulin); allowed units here: mg, g, µg (ug, mcg), mg/kg")
        value = float(number)
        if not (math.isfinite(value) and value > 0):
            raise ScenarioError(f"{field}: {text!r} must be a finite number > 0 of units")
        return value * mg_per_unit
    if unit not in _DOSE_UNITS:
        raise ScenarioError(f"{field}: unknown dose unit {raw_unit!r} in {text!r}; allowed units: "
                            "mg, g, µg (ug, mcg), mg/kg")
    value = float(number)
    if not math.isfinite(value):
        raise ScenarioError(f"{field}: {text!r} is not finite; expected {_DOSE_HELP}")
    if value <= 0:
        raise ScenarioError(f"{field}: {text!r} must be > 0; expected {_DOSE_HELP}")
    factor, per_kg = _DOSE_UNITS[unit]
    mg = value * factor
    if per_kg:
        if weight_kg is None:
            raise ScenarioError(f"{field}: {text!r} is per kg of body weight; patient.weight_kg "
                                "(30-250 kg) is required for mg/kg doses")
        mg *= weight_kg
    if not (math.isfinite(mg) and mg > 0):
        raise ScenarioError(f"{field}: {text!r} is not a representable positive dose in mg")
    return mg


def _duration_text(days: float) -> str:
    """Exact inverse of :func:`parse_duration` for serialisation (``float(repr(x)) == x``)."""
    return f"{float(days)!r} days"


# ---------------------------------------------------------------------------------------------
# the public description


_PATIENT_KEYS = ("sex", "age_years", "weight_kg", "height_m", "menopause_age_years",
                 "femoral_neck_bmd_g_cm2", "femoral_neck_t_score", "total_hip_bmd_g_cm2",
                 "lumbar_spine_bmd_g_cm2", "protein_g_kg_day", "activity", "disease", "disease_activity",
                 "das28", "cdai", "mayo", "disease_onset_age_years", "t1d_usual_insulin")
DISEASES = ("rheumatoid_arthritis", "crohns_disease", "ulcerative_colitis", "type1_diabetes")
ACTIVITY_LEVELS = ("remission", "low", "moderate", "high")
#: disease -> (score key, allowed range, score of each activity level)
DISEASE_SCORES: dict[str, tuple[str, tuple[float, float], dict[str, float]]] = {
    "rheumatoid_arthritis": ("das28", (0.96, 9.4), {"remission": 2.3, "low": 3.0, "moderate": 4.2, "high": 5.6}),
    "crohns_disease": ("cdai", (0.0, 600.0), {"remission": 100.0, "low": 200.0, "moderate": 300.0, "high": 450.0}),
    "ulcerative_colitis": ("mayo", (0.0, 12.0), {"remission": 1.5, "low": 4.0, "moderate": 7.5, "high": 11.0}),
    "type1_diabetes": ("", (0.0, 0.0), {"remission": 0.0, "low": 1.0, "moderate": 2.0, "high": 3.0}),
}
# key -> (low, high, unit), inclusive ranges
_PATIENT_RANGES: dict[str, tuple[float, float, str]] = {
    "age_years": (18.0, 110.0, "years"),
    "weight_kg": (30.0, 250.0, "kg"),
    "height_m": (1.0, 2.3, "m"),
    "menopause_age_years": (35.0, 60.0, "years"),
    "femoral_neck_bmd_g_cm2": (0.2, 1.8, "g/cm²"),
    "femoral_neck_t_score": (-6.0, 4.0, "SD"),
    "total_hip_bmd_g_cm2": (0.2, 1.9, "g/cm²"),
    "lumbar_spine_bmd_g_cm2": (0.3, 2.2, "g/cm²"),
    "protein_g_kg_day": (0.3, 3.0, "g/kg/day"),
}
_SEXES = ("female", "male")
ACTIVITIES = ("sedentary", "moderate", "active")
DEFAULT_ACTIVITY = "moderate"
BMI_RANGE = (12.0, 70.0)


@dataclass(frozen=True)
class Patient:
    """Who is simulated.

    ``sex``: "female" or "male". ``age_years``: age at model time 0, years (18-110).
    ``weight_kg`` (30-250 kg) and ``height_m`` (1.0-2.3 m): optional. ``menopause_age_years``:
    age at the final menstrual period, years (35-60; women only, default 51, may exceed the age of
    a premenopausal woman); ``None`` for men. Optional baseline bone measurements:
    ``femoral_neck_bmd_g_cm2`` (g/cm², 0.2-1.8) or ``femoral_neck_t_score`` (SD, -6 to +4), at
    most one of the two; ``total_hip_bmd_g_cm2`` (g/cm², 0.2-1.9); ``lumbar_spine_bmd_g_cm2``
    (g/cm², 0.3-2.2).
    """

    sex: Sex
    age_years: float
    weight_kg: float | None = None
    height_m: float | None = None
    menopause_age_years: float | None = None
    femoral_neck_bmd_g_cm2: float | None = None
    femoral_neck_t_score: float | None = None
    total_hip_bmd_g_cm2: float | None = None
    lumbar_spine_bmd_g_cm2: float | None = None
    protein_g_kg_day: float | None = None
    activity: str = DEFAULT_ACTIVITY
    disease: str | None = None
    disease_score: float | None = None
    disease_onset_age_years: float | None = None
    t1d_usual_insulin: bool = True

    def __post_init__(self) -> None:
        problems = []
        if not (isinstance(self.activity, str) and self.activity.strip().lower() in ACTIVITIES):
            problems.append(f"activity: {_fmt(self.activity)} is not allowed; allowed values: "
                            f"{', '.join(map(repr, ACTIVITIES))}")
        else:
            object.__setattr__(self, "activity", self.activity.strip().lower())
        if isinstance(self.sex, str) and self.sex.strip().lower() in _SEXES:
            object.__setattr__(self, "sex", self.sex.strip().lower())
        else:
            problems.append(f"sex: {_fmt(self.sex)} is not allowed; allowed values: "
                            f"{', '.join(map(repr, _SEXES))}")
        for key, (lo, hi, unit) in _PATIENT_RANGES.items():
            v = getattr(self, key)
            if v is None:
                if key == "age_years":
                    problems.append(f"age_years: required ({lo:g}-{hi:g} {unit})")
                continue
            if not (_is_number(v) and math.isfinite(float(v)) and lo <= float(v) <= hi):
                problems.append(f"{key}: {v!r} is not a number from {lo:g} to {hi:g} {unit}")
            else:
                object.__setattr__(self, key, float(v))
        if self.femoral_neck_bmd_g_cm2 is not None and self.femoral_neck_t_score is not None:
            problems.append("femoral_neck_t_score: give at most one of femoral_neck_bmd_g_cm2 and "
                            "femoral_neck_t_score")
        if self.sex == "male" and self.menopause_age_years is not None:
            problems.append("menopause_age_years: only allowed for sex = 'female'")
        bmi = _bmi(self.weight_kg, self.height_m)
        if bmi is not None and not BMI_RANGE[0] <= bmi <= BMI_RANGE[1]:
            problems.append(f"weight_kg: with height_m = {self.height_m:g} the BMI is {bmi:.1f} kg/m², "
                            f"outside the allowed {BMI_RANGE[0]:g}-{BMI_RANGE[1]:g} kg/m²")
        if self.sex == "female" and self.menopause_age_years is None:
            object.__setattr__(self, "menopause_age_years", DEFAULT_MENOPAUSE_AGE_YEARS)
        if problems:
            raise ScenarioError([f"patient.{p}" for p in problems])

    @property
    def is_female(self) -> bool:
        return self.sex == "female"

    @property
    def years_since_menopause(self) -> float | None:
        """Years since the final menstrual period at time 0 (negative: premenopausal); None for men."""
        if self.menopause_age_years is None:
            return None
        return self.age_years - self.menopause_age_years


@dataclass(frozen=True)
class Treatment:
    """One dosing regimen of one drug.

    ``drug``: registry name. ``dose_mg``: each dose, mg (> 0). ``start_days``: time of the first
    dose, days from model time 0 (>= 0). ``every_days``: dosing interval, days (> 0), or ``None``
    for a single dose. ``n_doses``: number of doses (>= 1; 1 when ``every_days`` is None).
    """

    drug: str
    dose_mg: float
    start_days: float = 0.0
    every_days: float | None = None
    n_doses: int = 1

    def __post_init__(self) -> None:
        problems = []
        if not (isinstance(self.dose_mg, numbers.Real) and math.isfinite(self.dose_mg)
                and self.dose_mg > 0):
            problems.append(f"dose_mg: must be a finite number > 0 mg; got {self.dose_mg!r}")
        if not (isinstance(self.start_days, numbers.Real) and math.isfinite(self.start_days)
                and self.start_days >= 0):
            problems.append(f"start_days: must be a finite number >= 0; got {self.start_days!r}")
        if not (isinstance(self.n_doses, numbers.Integral) and not isinstance(self.n_doses, bool)
                and self.n_doses >= 1):
            problems.append(f"n_doses: must be an integer >= 1; got {self.n_doses!r}")
        if self.every_days is None:
            if self.n_doses != 1:
                problems.append("every_days: required when n_doses > 1")
        elif not (isinstance(self.every_days, numbers.Real) and math.isfinite(self.every_days)
                  and self.every_days > 0):
            problems.append(f"every_days: must be a finite number > 0 or None; got {self.every_days!r}")
        if problems:
            raise ScenarioError([f"Treatment({self.drug!r}).{p}" for p in problems])

    def dose_times_days(self) -> tuple[float, ...]:
        """Dose times, days from model time 0: start, start + every, ... (``n_doses`` of them)."""
        if self.every_days is None:
            return (float(self.start_days),)
        return tuple(float(self.start_days + k * self.every_days) for k in range(self.n_doses))

    @property
    def total_dose_mg(self) -> float:
        return self.dose_mg * self.n_doses


@dataclass(frozen=True)
class SimulationSpec:
    """Horizon and output grid. ``duration_days``: simulated time, days (> 0, <= 100 years).
    ``output_every_days``: output spacing, days (> 0, <= duration)."""

    duration_days: float
    output_every_days: float = DAYS_PER_MONTH

    def __post_init__(self) -> None:
        d, e = self.duration_days, self.output_every_days
        if not (isinstance(d, numbers.Real) and math.isfinite(d) and 0 < d <= MAX_DURATION_DAYS):
            raise ScenarioError(f"SimulationSpec.duration_days: must be > 0 and <= "
                                f"{MAX_DURATION_DAYS} days (100 years); got {d!r}")
        if not (isinstance(e, numbers.Real) and math.isfinite(e) and 0 < e <= d * (1 + _END_RTOL)):
            raise ScenarioError(f"SimulationSpec.output_every_days: must be > 0 and <= duration_days "
                                f"({d!r}); got {e!r}")

    def output_times(self) -> np.ndarray:
        """Output times, days: 0, every, 2 every, ... up to the duration, always ending exactly at
        the duration (appended when the grid does not land on it; a grid point within a relative
        1e-9 of the end is snapped onto it)."""
        d, e = float(self.duration_days), float(self.output_every_days)
        n = _steps_up_to(d, e)  # number of full steps k*e <= d (with tolerance)
        times = np.arange(n + 1, dtype=float) * e
        if abs(times[-1] - d) <= _END_RTOL * d:
            times[-1] = d
        else:
            times = np.append(times, d)
        return times


def _steps_up_to(total: float, step: float) -> int:
    """Largest k with k * step <= total, treating ratios within _END_RTOL of an integer as it."""
    ratio = total / step
    nearest = round(ratio)
    if abs(ratio - nearest) <= _END_RTOL * max(1.0, ratio):
        return int(nearest)
    return int(math.floor(ratio))


def _doses_before(total: float, step: float) -> int:
    """Number of k >= 0 with k * step < total (strictly), with the same end tolerance."""
    ratio = total / step
    nearest = round(ratio)
    if abs(ratio - nearest) <= _END_RTOL * max(1.0, ratio):
        return max(1, int(nearest))
    return max(1, int(math.ceil(ratio)))


@dataclass(frozen=True)
class Scenario:
    """A patient, zero or more treatments (combined, in file order), and the simulation spec."""

    patient: Patient
    treatments: tuple[Treatment, ...]
    simulation: SimulationSpec
    exercise: tuple[Exercise, ...] = ()
    immobilisation: tuple[Immobilisation, ...] = ()
    disease_course: tuple[DiseaseChange, ...] = ()
    perturbations: tuple[Perturbation, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "disease_course", tuple(self.disease_course))
        object.__setattr__(self, "perturbations", tuple(self.perturbations))
        object.__setattr__(self, "treatments", tuple(self.treatments))
        object.__setattr__(self, "exercise", tuple(self.exercise))
        object.__setattr__(self, "immobilisation", tuple(self.immobilisation))

    def to_dict(self) -> dict[str, Any]:
        """The scenario as a plain mapping in the file format (TOML-ready: no ``None``); loading
        it again with :func:`load_scenario` gives an equal :class:`Scenario` (durations are
        written in days and doses in mg, with ``repr`` precision)."""
        out = {s.name: s.dump(getattr(self, s.attribute)) for s in _SECTIONS}
        return {k: v for k, v in out.items() if v or k in ("patient", "simulation", "treatment")}

    def to_toml(self) -> str:
        """The scenario as TOML text (round-trips through :func:`scenario_from_toml_text`)."""
        return _to_toml(self.to_dict())

    def dose_events(self) -> list[tuple[float, str, float]]:
        """All doses of all treatments as ``(time_days, drug, dose_mg)``, sorted by time
        (stable: ties keep treatment order)."""
        events = [(t, tr.drug, tr.dose_mg) for tr in self.treatments for t in tr.dose_times_days()]
        return sorted(events, key=lambda ev: ev[0])


# ---------------------------------------------------------------------------------------------
# parsing machinery


class _Errors:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, message: str) -> None:
        self.items.append(message)

    def extend(self, exc: ScenarioError) -> None:
        self.items.extend(exc.errors)


@dataclass
class _Context:
    drugs: Mapping[str, Any]
    errors: _Errors
    raw: Mapping[str, Any]
    results: dict[str, Any] = field(default_factory=dict)  # section name -> parsed value (or None)


def _find_non_finite(value: Any, path: str, errors: _Errors) -> None:
    """Report every NaN/inf number anywhere in the raw input (TOML allows nan and inf)."""
    if isinstance(value, Mapping):
        for k, v in value.items():
            _find_non_finite(v, f"{path}.{k}" if path else str(k), errors)
    elif isinstance(value, (list, tuple)):
        for i, v in enumerate(value):
            _find_non_finite(v, f"{path}[{i}]", errors)
    elif _is_number(value) and not math.isfinite(float(value)):
        errors.add(f"{path}: {value!r} is not finite; NaN and infinity are not allowed")


def _check_keys(raw: Mapping[str, Any], allowed: Sequence[str], path: str, errors: _Errors,
                what: str = "key") -> None:
    unknown = [k for k in raw if k not in allowed]
    for k in unknown:
        hint = difflib.get_close_matches(str(k), allowed, n=1)
        did = f" (did you mean {hint[0]!r}?)" if hint else ""
        where = f"{path}.{k}" if path else str(k)
        errors.add(f"{where}: unknown {what}{did}; allowed: {', '.join(allowed)}")


def _number(raw: Mapping[str, Any], key: str, path: str, errors: _Errors, lo: float, hi: float,
            unit: str, required: bool = False) -> float | None:
    """A real number in [lo, hi] (inclusive), or None when absent (an error if required).
    Non-finite values were already reported by _find_non_finite."""
    where = f"{path}.{key}"
    rng = f"a number from {lo:g} to {hi:g}{(' ' + unit) if unit else ''}"
    if key not in raw:
        if required:
            errors.add(f"{where}: required; expected {rng}")
        return None
    v = raw[key]
    if not _is_number(v):
        errors.add(f"{where}: expected {rng}; got {type(v).__name__} {v!r}")
        return None
    v = float(v)
    if not math.isfinite(v):
        return None
    if not lo <= v <= hi:
        errors.add(f"{where}: {v:g} is out of range; expected {rng}")
        return None
    return v


def _duration(raw: Mapping[str, Any], key: str, path: str, errors: _Errors, *,
              default: str | None = None, positive: bool = False,
              max_days: float = MAX_DURATION_DAYS) -> float | None:
    where = f"{path}.{key}"
    allowed = f"allowed: {'> 0' if positive else '>= 0'} and <= 100 years"
    if key not in raw:
        if default is None:
            errors.add(f"{where}: required; expected {_DURATION_HELP}; {allowed}")
            return None
        return parse_duration(default, where)
    try:
        days = parse_duration(raw[key], where)
    except ScenarioError as exc:
        errors.add(f"{exc.errors[0]}; {allowed}")
        return None
    if (positive and days <= 0) or days > max_days:
        errors.add(f"{where}: {_fmt(raw[key])} is out of range; {allowed}")
        return None
    return days


# --- patient ---------------------------------------------------------------------------------



def _bmi(weight: Any, height: Any) -> float | None:
    if _is_number(weight) and _is_number(height) and height > 0:
        return float(weight) / float(height) ** 2
    return None


def _parse_patient(raw: Mapping[str, Any], path: str, ctx: _Context) -> Patient | None:
    errors = ctx.errors
    n_before = len(errors.items)
    _check_keys(raw, _PATIENT_KEYS, path, errors)
    sex: str | None = None
    if "sex" not in raw:
        errors.add(f"{path}.sex: required; allowed values: {', '.join(map(repr, _SEXES))}")
    elif not isinstance(raw["sex"], str) or raw["sex"].strip().lower() not in _SEXES:
        errors.add(f"{path}.sex: {_fmt(raw['sex'])} is not allowed; allowed values: "
                   f"{', '.join(map(repr, _SEXES))} (case-insensitive)")
    else:
        sex = raw["sex"].strip().lower()
    values = {key: _number(raw, key, path, errors, *_PATIENT_RANGES[key],
                           required=(key == "age_years"))
              for key in _PATIENT_RANGES}
    if "femoral_neck_bmd_g_cm2" in raw and "femoral_neck_t_score" in raw:
        errors.add(f"{path}.femoral_neck_t_score: give at most one of femoral_neck_bmd_g_cm2 and "
                   "femoral_neck_t_score")
    if sex == "male" and "menopause_age_years" in raw:
        errors.add(f"{path}.menopause_age_years: only allowed for sex = 'female'")
        values["menopause_age_years"] = None
    elif sex == "female" and "menopause_age_years" not in raw:
        values["menopause_age_years"] = DEFAULT_MENOPAUSE_AGE_YEARS
    _parse_disease(raw, path, errors, values)
    activity = raw.get("activity", DEFAULT_ACTIVITY)
    if not (isinstance(activity, str) and activity.strip().lower() in ACTIVITIES):
        errors.add(f"{path}.activity: {_fmt(activity)} is not allowed; allowed values: "
                   f"{', '.join(map(repr, ACTIVITIES))}")
    else:
        values["activity"] = activity.strip().lower()
    bmi = _bmi(values.get("weight_kg"), values.get("height_m"))
    if bmi is not None and not BMI_RANGE[0] <= bmi <= BMI_RANGE[1]:
        errors.add(f"{path}.weight_kg: with height_m = {values['height_m']:g} the BMI is {bmi:.1f} "
                   f"kg/m², outside the allowed {BMI_RANGE[0]:g}-{BMI_RANGE[1]:g} kg/m²")
    if len(errors.items) > n_before or sex is None or values["age_years"] is None:
        return None
    try:
        return Patient(sex=sex, **values)  # type: ignore[arg-type]
    except ScenarioError as exc:  # pragma: no cover - the checks above are the same
        errors.extend(exc)
        return None


def _disease_score(disease: str, raw: Mapping[str, Any], where: str, errors: _Errors,
                   activity_key: str = "disease_activity") -> float | None:
    """The numeric activity score of a disease from a level name or the disease's own score key."""
    key, (lo, hi), levels = DISEASE_SCORES[disease]
    score_keys = [k for k in ("das28", "cdai", "mayo") if k in raw]
    wrong = [k for k in score_keys if k != key]
    for k in wrong:
        errors.add(f"{where}.{k}: not a score of {disease}" + (f"; use {key}" if key else "; use "
                                                                  f"{activity_key} = {list(levels)}"))
    if wrong:
        return None
    if activity_key in raw and key in raw:
        errors.add(f"{where}: give either {activity_key} or {key}, not both")
        return None
    if key and key in raw:
        return _number(raw, key, where, errors, lo, hi, "")
    level = raw.get(activity_key, "moderate" if disease != "type1_diabetes" else "high")
    if not (isinstance(level, str) and level.strip().lower() in levels):
        errors.add(f"{where}.{activity_key}: {_fmt(level)} is not allowed; allowed values: "
                   f"{', '.join(map(repr, levels))}" + (f" (or {key} = number from {lo:g} to {hi:g})" if key else ""))
        return None
    return levels[level.strip().lower()]


def _parse_disease(raw: Mapping[str, Any], path: str, errors: _Errors, values: dict[str, Any]) -> None:
    disease = raw.get("disease")
    extra = [k for k in ("disease_activity", "das28", "cdai", "mayo", "disease_onset_age_years") if k in raw]
    if disease is None:
        for k in extra:
            errors.add(f"{path}.{k}: needs patient.disease ({', '.join(map(repr, DISEASES))})")
        return
    if not (isinstance(disease, str) and disease in DISEASES):
        hint = difflib.get_close_matches(str(disease), DISEASES, n=1)
        errors.add(f"{path}.disease: {_fmt(disease)} is not allowed{' (did you mean ' + repr(hint[0]) + '?)' if hint else ''}; "
                   f"allowed values: {', '.join(map(repr, DISEASES))}")
        return
    values["disease"] = disease
    values["disease_score"] = _disease_score(disease, raw, path, errors)
    onset = _number(raw, "disease_onset_age_years", path, errors, 18.0, 110.0, "years")
    age = raw.get("age_years")
    if onset is not None and _is_number(age) and onset > float(age):
        errors.add(f"{path}.disease_onset_age_years: {onset:g} is after age_years ({float(age):g}); must be "
                   "from 18 to age_years (leave out: onset at the scenario start)")
        onset = None
    values["disease_onset_age_years"] = onset
    if "t1d_usual_insulin" in raw:
        if disease != "type1_diabetes":
            errors.add(f"{path}.t1d_usual_insulin: only for disease = 'type1_diabetes'")
        elif not isinstance(raw["t1d_usual_insulin"], bool):
            errors.add(f"{path}.t1d_usual_insulin: expected true or false; got {_fmt(raw['t1d_usual_insulin'])}")
        else:
            values["t1d_usual_insulin"] = raw["t1d_usual_insulin"]


def _dump_patient(p: Patient) -> dict[str, Any]:
    out: dict[str, Any] = {"sex": p.sex}
    for key in _PATIENT_KEYS[1:]:
        if key in ("disease", "disease_activity", "das28", "cdai", "mayo", "t1d_usual_insulin"):
            continue
        v = getattr(p, key)
        if key == "activity":
            out[key] = v
        elif v is not None:
            out[key] = float(v)
    if p.disease is not None:
        out["disease"] = p.disease
        key, _, levels = DISEASE_SCORES[p.disease]
        if key:
            out[key] = float(p.disease_score)
        else:
            out["disease_activity"] = next(k for k, v in levels.items() if v == p.disease_score)
            out["t1d_usual_insulin"] = bool(p.t1d_usual_insulin)
    return out


# --- simulation ------------------------------------------------------------------------------

_SIMULATION_KEYS = ("duration", "output_every")


def _parse_simulation(raw: Mapping[str, Any], path: str, ctx: _Context) -> SimulationSpec | None:
    errors = ctx.errors
    n_before = len(errors.items)
    _check_keys(raw, _SIMULATION_KEYS, path, errors)
    duration = _duration(raw, "duration", path, errors, positive=True)
    every = _duration(raw, "output_every", path, errors, default="1 month", positive=True)
    if duration is not None and every is not None and every > duration * (1 + _END_RTOL):
        errors.add(f"{path}.output_every: {_fmt(raw.get('output_every', '1 month'))} is longer "
                   f"than simulation.duration ({_fmt(raw['duration'])}); must be > 0 and <= duration")
    if len(errors.items) > n_before or duration is None or every is None:
        return None
    return SimulationSpec(duration_days=duration, output_every_days=min(every, duration))


def _dump_simulation(s: SimulationSpec) -> dict[str, Any]:
    return {"duration": _duration_text(s.duration_days),
            "output_every": _duration_text(s.output_every_days)}


# --- treatments ------------------------------------------------------------------------------

_TREATMENT_KEYS = ("drug", "dose", "start", "every", "times", "duration", "route")


def _parse_treatments(raw: Any, path: str, ctx: _Context) -> tuple[Treatment, ...] | None:
    errors = ctx.errors
    if not isinstance(raw, (list, tuple)):
        errors.add(f"{path}: must be an array of tables, written [[{path}]] once per treatment "
                   f"(or an empty list); got {type(raw).__name__}")
        return None
    out: list[Treatment] = []
    ok = True
    for i, item in enumerate(raw):
        where = f"{path}[{i}]"
        if not isinstance(item, Mapping):
            errors.add(f"{where}: must be a table with keys {', '.join(_TREATMENT_KEYS)}; "
                       f"got {type(item).__name__}")
            ok = False
            continue
        t = _parse_treatment(item, where, ctx)
        ok = ok and t is not None
        if t is not None:
            out.append(t)
    return tuple(out) if ok else None


def _patient_weight(ctx: _Context) -> tuple[float | None, bool]:
    """(weight_kg, known): known is False when the patient's weight was given but invalid (that
    error is already reported, so dose checks depending on it are skipped)."""
    patient = ctx.results.get("patient")
    if patient is not None:
        return patient.weight_kg, True
    raw_patient = ctx.raw.get("patient")
    if isinstance(raw_patient, Mapping) and "weight_kg" in raw_patient:
        w = raw_patient["weight_kg"]
        lo, hi, _ = _PATIENT_RANGES["weight_kg"]
        if _is_number(w) and math.isfinite(float(w)) and lo <= float(w) <= hi:
            return float(w), True
        return None, False
    return None, True


def _check_start(raw: Mapping[str, Any], start: float | None, where: str, ctx: _Context) -> None:
    """Report a block ``start`` that is not before the end of the simulation."""
    sim = ctx.results.get("simulation")
    if start is not None and sim is not None and start >= sim.duration_days:
        ctx.errors.add(f"{where}.start: {_fmt(raw.get('start', '0 days'))} is not before the end of the "
                       f"simulation ({sim.duration_days:g} days); must be >= 0 and < simulation.duration")


def _parse_treatment(raw: Mapping[str, Any], where: str, ctx: _Context) -> Treatment | None:
    errors = ctx.errors
    n_before = len(errors.items)
    _check_keys(raw, _TREATMENT_KEYS, where, errors)

    # drug
    spec = None
    drug = raw.get("drug")
    known = sorted(ctx.drugs)
    known_text = ", ".join(known) if known else "(none registered)"
    if "drug" not in raw:
        errors.add(f"{where}.drug: required; known drugs: {known_text}")
    elif not isinstance(drug, str) or drug not in ctx.drugs:
        hint = difflib.get_close_matches(str(drug), known, n=1)
        did = f" (did you mean {hint[0]!r}?)" if hint else ""
        errors.add(f"{where}.drug: unknown drug {_fmt(drug)}{did}; known drugs: {known_text}")
    else:
        spec = ctx.drugs[drug]

    # dose
    dose_mg: float | None = None
    if "dose" not in raw:
        errors.add(f"{where}.dose: required; expected {_DOSE_HELP}")
    else:
        weight, weight_known = _patient_weight(ctx)
        try:
            # weight given but invalid (already reported): check the dose text with a stand-in
            # weight so that only its own problems are reported, and keep no value
            dose_mg = parse_dose(raw["dose"], f"{where}.dose", weight if weight_known else 1.0,
                                 getattr(spec, "mg_per_unit", None))
        except ScenarioError as exc:
            errors.extend(exc)
        if not weight_known:
            dose_mg = None
        if dose_mg is not None and spec is not None and dose_mg > float(spec.max_single_dose_mg):
            errors.add(f"{where}.dose: {_fmt(raw['dose'])} = {dose_mg:g} mg exceeds the largest "
                       f"accepted single dose of {drug} ({float(spec.max_single_dose_mg):g} mg); "
                       "allowed: > 0 and <= that maximum")
            dose_mg = None

    # route
    if "route" in raw and spec is not None and raw["route"] != spec.route:
        errors.add(f"{where}.route: {_fmt(raw['route'])} does not match the route of {drug}; "
                   f"allowed value: {spec.route!r} (or leave route out)")

    # timing
    start = _duration(raw, "start", where, errors, default="0 days")
    every: float | None = None
    n_doses: int | None = 1
    has_times, has_duration = "times" in raw, "duration" in raw
    if "every" not in raw:
        for key, present in (("times", has_times), ("duration", has_duration)):
            if present:
                errors.add(f"{where}.{key}: needs every (the dosing interval); leave out both for "
                           "a single dose")
                n_doses = None
    else:
        every = _duration(raw, "every", where, errors, positive=True)
        n_doses = None
        if has_times and has_duration:
            errors.add(f"{where}: give either times or duration with every, not both")
        elif not (has_times or has_duration):
            errors.add(f"{where}.every: needs exactly one of times (number of doses, integer >= 1) "
                       "or duration (dosing period, e.g. \"12 months\")")
        elif has_times:
            times = raw["times"]
            if (not isinstance(times, numbers.Integral) or isinstance(times, bool)
                    or not 1 <= times <= MAX_DOSES_PER_TREATMENT):
                errors.add(f"{where}.times: expected an integer from 1 to {MAX_DOSES_PER_TREATMENT}; "
                           f"got {_fmt(times)}")
            else:
                n_doses = int(times)
        else:
            period = _duration(raw, "duration", where, errors, positive=True)
            if period is not None and every is not None:
                n = _doses_before(period, every)
                if n > MAX_DOSES_PER_TREATMENT:
                    errors.add(f"{where}.duration: {_fmt(raw['duration'])} every {_fmt(raw['every'])} "
                               f"gives {n} doses; at most {MAX_DOSES_PER_TREATMENT} allowed")
                else:
                    n_doses = n
        if (every is not None and spec is not None
                and every < float(getattr(spec, "infusion_days", 0.0) or 0.0)):
            errors.add(f"{where}.every: {_fmt(raw['every'])} is shorter than the "
                       f"{float(spec.infusion_days):g}-day infusion of {drug}; infusions may not overlap")

    _check_start(raw, start, where, ctx)

    if len(errors.items) > n_before or dose_mg is None or start is None or n_doses is None:
        return None
    return Treatment(drug=drug, dose_mg=dose_mg, start_days=start, every_days=every,  # type: ignore[arg-type]
                     n_doses=n_doses)


def _dump_treatments(ts: tuple[Treatment, ...]) -> list[dict[str, Any]]:
    out = []
    for t in ts:
        d: dict[str, Any] = {"drug": t.drug, "dose": f"{float(t.dose_mg)!r} mg",
                             "start": _duration_text(t.start_days)}
        if t.every_days is not None:
            d["every"] = _duration_text(t.every_days)
            d["times"] = int(t.n_doses)
        out.append(d)
    return out


# --- exercise and immobilisation ---------------------------------------------------------------

EXERCISE_KINDS = ("resistance", "endurance")
IMMOBILISATION_KINDS = ("bed_rest", "single_leg")
MAX_SESSIONS_PER_WEEK = 7.0


@dataclass(frozen=True)
class Exercise:
    """A training block: ``kind`` (resistance | endurance), ``sessions_per_week`` (> 0, <= 7;
    blocks of one kind that overlap add up, to at most 7), from ``start_days`` for
    ``duration_days``."""

    kind: str
    sessions_per_week: float
    start_days: float
    duration_days: float


@dataclass(frozen=True)
class Immobilisation:
    """A disuse period: ``kind`` bed_rest (both legs unloaded, arms partly) or single_leg (the
    index leg: cast or brace), from ``start_days`` for ``duration_days``."""

    kind: str
    start_days: float
    duration_days: float


def _parse_block(raw: Mapping[str, Any], where: str, ctx: _Context, kinds: Sequence[str],
                 keys: Sequence[str]) -> dict[str, Any] | None:
    errors = ctx.errors
    n_before = len(errors.items)
    _check_keys(raw, keys, where, errors)
    kind = raw.get("kind")
    if "kind" not in raw:
        errors.add(f"{where}.kind: required; allowed values: {', '.join(map(repr, kinds))}")
    elif not isinstance(kind, str) or kind not in kinds:
        errors.add(f"{where}.kind: {_fmt(kind)} is not allowed; allowed values: {', '.join(map(repr, kinds))}")
    start = _duration(raw, "start", where, errors, default="0 days")
    duration = _duration(raw, "duration", where, errors, positive=True)
    _check_start(raw, start, where, ctx)
    if len(errors.items) > n_before or start is None or duration is None:
        return None
    return {"kind": kind, "start_days": start, "duration_days": duration}


def _parse_array(raw: Any, path: str, ctx: _Context, parse_one: Callable) -> tuple | None:
    if not isinstance(raw, (list, tuple)):
        ctx.errors.add(f"{path}: must be an array of tables, written [[{path}]] once per block "
                       f"(or an empty list); got {type(raw).__name__}")
        return None
    out, ok = [], True
    for i, item in enumerate(raw):
        where = f"{path}[{i}]"
        if not isinstance(item, Mapping):
            ctx.errors.add(f"{where}: must be a table; got {type(item).__name__}")
            ok = False
            continue
        value = parse_one(item, where, ctx)
        ok = ok and value is not None
        out.append(value)
    return tuple(out) if ok else None


def _parse_exercise_one(raw: Mapping[str, Any], where: str, ctx: _Context) -> Exercise | None:
    n_before = len(ctx.errors.items)
    block = _parse_block(raw, where, ctx, EXERCISE_KINDS,
                         ("kind", "sessions_per_week", "start", "duration"))
    sessions = _number(raw, "sessions_per_week", where, ctx.errors, 0.5, MAX_SESSIONS_PER_WEEK,
                       "sessions/week", required=True)
    if block is None or sessions is None or len(ctx.errors.items) > n_before:
        return None
    return Exercise(sessions_per_week=sessions, **block)


def _parse_exercise(raw: Any, path: str, ctx: _Context) -> tuple[Exercise, ...] | None:
    blocks = _parse_array(raw, path, ctx, _parse_exercise_one)
    if blocks is None:
        return None
    for kind in EXERCISE_KINDS:
        mine = [b for b in blocks if b.kind == kind]
        for t in sorted({b.start_days for b in mine}):
            total = sum(b.sessions_per_week for b in mine if b.start_days <= t < b.start_days + b.duration_days)
            if total > MAX_SESSIONS_PER_WEEK:
                ctx.errors.add(f"{path}: overlapping {kind} blocks add up to {total:g} sessions/week from "
                               f"day {t:g}; allowed: at most {MAX_SESSIONS_PER_WEEK:g}")
                return None
    return blocks


def _parse_immobilisation_one(raw: Mapping[str, Any], where: str, ctx: _Context) -> Immobilisation | None:
    block = _parse_block(raw, where, ctx, IMMOBILISATION_KINDS, ("kind", "start", "duration"))
    return None if block is None else Immobilisation(**block)


def _parse_immobilisation(raw: Any, path: str, ctx: _Context) -> tuple[Immobilisation, ...] | None:
    return _parse_array(raw, path, ctx, _parse_immobilisation_one)


def _dump_exercise(blocks: tuple[Exercise, ...]) -> list[dict[str, Any]]:
    return [{"kind": b.kind, "sessions_per_week": float(b.sessions_per_week),
             "start": _duration_text(b.start_days), "duration": _duration_text(b.duration_days)}
            for b in blocks]


def _dump_immobilisation(blocks: tuple[Immobilisation, ...]) -> list[dict[str, Any]]:
    return [{"kind": b.kind, "start": _duration_text(b.start_days),
             "duration": _duration_text(b.duration_days)} for b in blocks]


# --- disease course and perturbations ---------------------------------------------------------


@dataclass(frozen=True)
class DiseaseChange:
    """From ``start_days`` on, the patient's disease has activity score ``score`` (the disease's
    own scale: DAS28-CRP, CDAI, Mayo; type 1 diabetes 0-3 = remission..high)."""

    start_days: float
    score: float


@dataclass(frozen=True)
class Perturbation:
    """Multiply model node ``signal`` by ``factor`` (0 = knock-out) from ``start_days`` for
    ``duration_days`` (None: to the end)."""

    signal: str
    factor: float
    start_days: float
    duration_days: float | None


def _parse_course_one(raw: Mapping[str, Any], where: str, ctx: _Context) -> DiseaseChange | None:
    errors = ctx.errors
    n_before = len(errors.items)
    patient = ctx.results.get("patient")
    _check_keys(raw, ("start", "disease_activity", "das28", "cdai", "mayo", "score"), where, errors)
    start = _duration(raw, "start", where, errors)
    if patient is None or patient.disease is None:
        errors.add(f"{where}: needs patient.disease ({', '.join(map(repr, DISEASES))})")
        return None
    if "score" in raw:
        key, (lo, hi), levels = DISEASE_SCORES[patient.disease]
        lo, hi = (lo, hi) if key else (0.0, 3.0)
        score = _number(raw, "score", where, errors, lo, hi, f"({key or 'type 1 diabetes level 0-3'})")
    else:
        score = _disease_score(patient.disease, raw, where, errors)
    _check_start(raw, start, where, ctx)
    if len(errors.items) > n_before or start is None or score is None:
        return None
    return DiseaseChange(start, score)


def _parse_course(raw: Any, path: str, ctx: _Context) -> tuple[DiseaseChange, ...] | None:
    return _parse_array(raw, path, ctx, _parse_course_one)


def _dump_course(changes: tuple[DiseaseChange, ...]) -> list[dict[str, Any]]:
    return [{"start": _duration_text(c.start_days), "score": float(c.score)} for c in changes]


def _perturbable() -> tuple[str, ...]:
    from myosteo.model.modules.crosstalk import PERTURBABLE

    return PERTURBABLE


def _parse_perturbation_one(raw: Mapping[str, Any], where: str, ctx: _Context) -> Perturbation | None:
    errors = ctx.errors
    n_before = len(errors.items)
    _check_keys(raw, ("signal", "factor", "start", "duration"), where, errors)
    allowed = _perturbable()
    signal = raw.get("signal")
    if "signal" not in raw:
        errors.add(f"{where}.signal: required; allowed: {', '.join(allowed)}")
    elif not isinstance(signal, str) or signal not in allowed:
        hint = difflib.get_close_matches(str(signal), allowed, n=1)
        errors.add(f"{where}.signal: unknown signal {_fmt(signal)}{' (did you mean ' + repr(hint[0]) + '?)' if hint else ''}; "
                   f"allowed: {', '.join(allowed)}")
    factor = _number(raw, "factor", where, errors, 0.0, 100.0, "(multiplier; 0 = knock-out)", required=True)
    start = _duration(raw, "start", where, errors, default="0 days")
    duration = _duration(raw, "duration", where, errors, positive=True) if "duration" in raw else None
    _check_start(raw, start, where, ctx)
    if len(errors.items) > n_before or factor is None or start is None:
        return None
    return Perturbation(signal, factor, start, duration)


def _parse_perturbations(raw: Any, path: str, ctx: _Context) -> tuple[Perturbation, ...] | None:
    blocks = _parse_array(raw, path, ctx, _parse_perturbation_one)
    if blocks is None:
        return None
    for i, a in enumerate(blocks):
        for b in blocks[i + 1:]:
            a_end = a.start_days + (a.duration_days or math.inf)
            b_end = b.start_days + (b.duration_days or math.inf)
            if a.signal == b.signal and a.start_days < b_end and b.start_days < a_end:
                ctx.errors.add(f"{path}: two perturbations of {a.signal!r} overlap; give one factor per period")
                return None
    return blocks


def _dump_perturbations(blocks: tuple[Perturbation, ...]) -> list[dict[str, Any]]:
    out = []
    for b in blocks:
        d: dict[str, Any] = {"signal": b.signal, "factor": float(b.factor), "start": _duration_text(b.start_days)}
        if b.duration_days is not None:
            d["duration"] = _duration_text(b.duration_days)
        out.append(d)
    return out


# --- the section table -----------------------------------------------------------------------


@dataclass(frozen=True)
class _Section:
    """One top-level section: TOML name, Scenario attribute, table or array of tables, required,
    parser (raw, path, ctx) -> value | None (None: errors reported), default when absent, and
    serialiser value -> dict | list. Parsed in table order (later sections see earlier results in
    ``ctx.results``)."""

    name: str
    attribute: str
    array: bool
    required: bool
    parse: Callable[[Any, str, _Context], Any]
    dump: Callable[[Any], Any]
    default: Any = None


_SECTIONS: tuple[_Section, ...] = (
    _Section("patient", "patient", array=False, required=True, parse=_parse_patient,
             dump=_dump_patient),
    _Section("simulation", "simulation", array=False, required=True, parse=_parse_simulation,
             dump=_dump_simulation),
    _Section("treatment", "treatments", array=True, required=False, parse=_parse_treatments,
             dump=_dump_treatments, default=()),
    _Section("exercise", "exercise", array=True, required=False, parse=_parse_exercise,
             dump=_dump_exercise, default=()),
    _Section("immobilisation", "immobilisation", array=True, required=False,
             parse=_parse_immobilisation, dump=_dump_immobilisation, default=()),
    _Section("disease_course", "disease_course", array=True, required=False, parse=_parse_course,
             dump=_dump_course, default=()),
    _Section("perturbation", "perturbations", array=True, required=False, parse=_parse_perturbations,
             dump=_dump_perturbations, default=()),
)


def _parse_mapping(data: Any, drugs: Mapping[str, Any]) -> Scenario:
    errors = _Errors()
    if not isinstance(data, Mapping):
        raise ScenarioError(f"scenario: expected a mapping of sections "
                            f"({', '.join(s.name for s in _SECTIONS)}); got {type(data).__name__}")
    ctx = _Context(drugs=drugs, errors=errors, raw=data)
    _find_non_finite(data, "", errors)
    names = [s.name for s in _SECTIONS]
    _check_keys(data, names, "", errors, what="section")
    for s in _SECTIONS:
        if s.name not in data:
            if s.required:
                errors.add(f"{s.name}: required section [{s.name}] is missing")
            ctx.results[s.name] = s.default
            continue
        raw = data[s.name]
        if not s.array and not isinstance(raw, Mapping):
            errors.add(f"{s.name}: must be a table [{s.name}]; got {type(raw).__name__}")
            ctx.results[s.name] = None
            continue
        ctx.results[s.name] = s.parse(raw, s.name, ctx)
    if errors.items:
        raise ScenarioError(errors.items)
    return Scenario(**{s.attribute: ctx.results[s.name] for s in _SECTIONS})


# ---------------------------------------------------------------------------------------------
# entry points


def load_scenario(source: str | Path | Mapping[str, Any],
                  drugs: Mapping[str, DrugLike] | None = None) -> Scenario:
    """Load and validate a scenario.

    ``source``: a path (``str`` or :class:`~pathlib.Path`) to a UTF-8 TOML file, or a mapping
    already parsed from TOML (or built in Python, e.g. ``Scenario.to_dict()``). A ``str`` is
    always a path; use :func:`scenario_from_toml_text` for TOML text. ``drugs``: the drug registry
    to validate against (name -> object with ``name``, ``max_single_dose_mg``, ``route``,
    ``infusion_days``); ``None`` means :data:`myosteo.model.drugs.DRUGS` at call time.

    Raises :class:`ScenarioError` listing every problem (unreadable file, malformed TOML with
    tomllib's line/column, unknown sections or keys, wrong types, out-of-range values).
    """
    if isinstance(source, Mapping):
        return _parse_mapping(source, _drug_registry.DRUGS if drugs is None else drugs)
    if isinstance(source, (str, Path)):
        path = Path(source)
        try:
            text = path.read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ScenarioError(f"{path}: cannot read scenario file: {exc}") from exc
        return scenario_from_toml_text(text, drugs=drugs, origin=str(path))
    raise ScenarioError(f"scenario: source must be a path or a mapping; got {type(source).__name__}")


def scenario_from_toml_text(text: str, drugs: Mapping[str, DrugLike] | None = None,
                            origin: str = "scenario") -> Scenario:
    """Parse and validate TOML text (see :func:`load_scenario`; ``origin`` prefixes TOML syntax
    errors, e.g. the file name)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{origin}: malformed TOML: {exc}") from exc
    return _parse_mapping(data, _drug_registry.DRUGS if drugs is None else drugs)


# --- minimal TOML writer for to_dict() output (strings, ints, floats, tables, arrays of tables)


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return json.dumps(v)  # JSON escapes (\", \\, \uXXXX) are valid TOML basic-string escapes
    if isinstance(v, numbers.Integral):
        return str(int(v))
    if isinstance(v, numbers.Real):
        return repr(float(v))
    raise TypeError(f"cannot write {type(v).__name__} to TOML")


def _to_toml(d: Mapping[str, Any]) -> str:
    lines: list[str] = []
    for name, value in d.items():
        if isinstance(value, Mapping):
            lines.append(f"[{name}]")
            lines.extend(f"{k} = {_toml_value(v)}" for k, v in value.items())
            lines.append("")
        else:
            for item in value:
                lines.append(f"[[{name}]]")
                lines.extend(f"{k} = {_toml_value(v)}" for k, v in item.items())
                lines.append("")
    return "\n".join(lines)
