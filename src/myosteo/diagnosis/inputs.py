"""Input table handling: column mapping, declared units, sex coding and validation.

Everything here is vectorised over rows.  Invalid cells are never dropped or guessed:
they become NaN in the prepared arrays, are flagged in ``Prepared.invalid`` and get a
message naming the row id, the column and the value.  Criteria that use a flagged
column answer ``invalid_input`` for that row (see ``engine.py``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, Mapping, Sequence

import numpy as np
import pandas as pd


class DiagnosisInputError(ValueError):
    """The table cannot be processed at all (unreadable, required column missing,
    bad mapping, unknown unit or criterion).  Row-level problems never raise."""


Kind = Literal["id", "sex", "float", "int", "method", "bool", "site"]


@dataclass(frozen=True)
class ColumnSpec:
    """A standard input column: canonical unit and plausible range (inclusive)."""

    name: str
    kind: Kind
    unit: str = ""
    lo: float | None = None
    hi: float | None = None
    required: bool = False
    description: str = ""


COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("id", "id", required=True, description="row identifier"),
    ColumnSpec("sex", "sex", required=True, description="see SEX_TOKENS"),
    ColumnSpec("age_years", "float", "years", 18, 120, True, "age"),
    ColumnSpec("height_m", "float", "m", 1.0, 2.5, description="height (declare cm)"),
    ColumnSpec("weight_kg", "float", "kg", 20, 300, description="body weight"),
    ColumnSpec("grip_strength_kg", "float", "kg", 0, 100, description="max handgrip (declare lb)"),
    ColumnSpec("gait_speed_m_s", "float", "m/s", 0, 3, description="usual gait speed"),
    ColumnSpec("chair_stand_s", "float", "s", 1, 300, description="time for 5 chair rises"),
    ColumnSpec("sppb", "int", "points", 0, 12, description="Short Physical Performance Battery"),
    ColumnSpec("appendicular_lean_mass_kg", "float", "kg", 3, 60, description="ALM (= ASM)"),
    ColumnSpec("lean_mass_method", "method", description="dxa | bia"),
    ColumnSpec("femoral_neck_bmd_g_cm2", "float", "g/cm²", 0.2, 2.0, description="Hologic scale"),
    ColumnSpec("total_hip_bmd_g_cm2", "float", "g/cm²", 0.2, 2.0, description="Hologic scale"),
    ColumnSpec("femoral_neck_t_score", "float", "SD", -7, 7, description="as reported"),
    ColumnSpec("fragility_fracture", "bool", description="low-trauma fracture (yes/no)"),
    ColumnSpec("sarc_f", "int", "points", 0, 10, description="SARC-F total"),
    ColumnSpec("calf_circumference_cm", "float", "cm", 15, 70, description="max calf girth"),
    ColumnSpec("body_fat_pct", "float", "%", 2, 75, description="whole-body fat %"),
    ColumnSpec("waist_cm", "float", "cm", 40, 250, description="waist circumference"),
    # optional extras (documented in docs/diagnosis.md)
    ColumnSpec("skeletal_muscle_mass_kg", "float", "kg", 5, 80,
               description="whole-body SM by BIA (Janssen 2000)"),
    ColumnSpec("bia_resistance_ohm", "float", "ohm", 100, 1500,
               description="BIA resistance at 50 kHz (to compute SM)"),
    ColumnSpec("tug_s", "float", "s", 1, 300, description="Timed Up and Go"),
    ColumnSpec("six_minute_walk_m", "float", "m", 0, 1000, description="6-minute walk distance"),
    ColumnSpec("fracture_site", "site", description="see FRACTURE_SITES"),
)
SPECS: dict[str, ColumnSpec] = {c.name: c for c in COLUMNS}
STANDARD_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS[:19])
REQUIRED_COLUMNS: tuple[str, ...] = tuple(c.name for c in COLUMNS if c.required)

#: the only accepted sex codes (case-insensitive, surrounding blanks ignored);
#: numeric 1/2 follow the NHANES/CHARLS convention (1 = male, 2 = female).
SEX_TOKENS: dict[str, str] = {
    "f": "female", "female": "female", "w": "female", "woman": "female", "2": "female",
    "m": "male", "male": "male", "man": "male", "1": "male",
}
METHOD_TOKENS: dict[str, str] = {"dxa": "dxa", "dexa": "dxa", "bia": "bia"}
BOOL_TOKENS: dict[str, float] = {
    "1": 1.0, "true": 1.0, "yes": 1.0, "y": 1.0, "t": 1.0,
    "0": 0.0, "false": 0.0, "no": 0.0, "n": 0.0, "f": 0.0,
}
FRACTURE_SITES: dict[str, str] = {
    "hip": "hip", "vertebra": "vertebra", "vertebral": "vertebra", "spine": "vertebra",
    "proximal_humerus": "proximal_humerus", "humerus": "proximal_humerus",
    "pelvis": "pelvis", "wrist": "wrist", "forearm": "wrist", "other": "other",
}
HEIGHT_UNITS: dict[str, float] = {"m": 1.0, "cm": 0.01}
GRIP_UNITS: dict[str, float] = {"kg": 1.0, "lb": 0.45359237}
BMI_RANGE: tuple[float, float] = (10.0, 80.0)


@dataclass
class Prepared:
    """Validated arrays in canonical units (NaN = missing or invalid)."""

    n: int
    ids: np.ndarray
    values: dict[str, np.ndarray]
    invalid: dict[str, np.ndarray]
    is_male: np.ndarray
    method: np.ndarray  # object array: "dxa", "bia" or None
    fracture_site: np.ndarray  # object array: site or None
    present: set[str]
    messages: list[tuple[np.ndarray, np.ndarray]] = field(default_factory=list)

    def flag(self, column: str, mask: np.ndarray, texts: np.ndarray) -> None:
        """Mark ``column`` invalid where ``mask`` and record one message per row."""
        self.invalid[column] = self.invalid.get(column, np.zeros(self.n, bool)) | mask
        if column in self.values:
            self.values[column] = np.where(mask, np.nan, self.values[column])
        if mask.any():
            self.messages.append((np.flatnonzero(mask), np.asarray(texts, dtype=object)))


# --------------------------------------------------------------------------- mapping
def load_mapping(spec: Mapping[str, str] | str | Path | Sequence[str] | None) -> dict[str, str]:
    """Read a column mapping ``{user_name: standard_name}``.

    ``spec`` may be a dict, a TOML file (a ``[columns]`` table or top-level pairs), a
    two-column CSV file (user name, standard name), ``"old=new,old2=new2"`` text, or a
    list of any of these.
    """
    if spec is None:
        return {}
    if isinstance(spec, Mapping):
        mapping = {str(k): str(v) for k, v in spec.items()}
    elif isinstance(spec, (str, Path)):
        mapping = _mapping_from_text_or_file(str(spec))
    else:
        mapping = {}
        for item in spec:
            mapping.update(load_mapping(item))
    unknown = sorted(set(mapping.values()) - set(SPECS))
    if unknown:
        raise DiagnosisInputError(f"mapping targets are not standard columns: {unknown}")
    targets = list(mapping.values())
    dupes = sorted({t for t in targets if targets.count(t) > 1})
    if dupes:
        raise DiagnosisInputError(f"several columns mapped onto {dupes}")
    return mapping


def _mapping_from_text_or_file(text: str) -> dict[str, str]:
    path = Path(text)
    if path.suffix.lower() in (".toml", ".csv") or path.exists():
        if not path.is_file():
            raise DiagnosisInputError(f"mapping file not found: {text}")
        try:
            if path.suffix.lower() == ".toml":
                data = tomllib.loads(path.read_text(encoding="utf-8"))
                table = data.get("columns", data)
                return {str(k): str(v) for k, v in table.items() if isinstance(v, str)}
            frame = pd.read_csv(path, dtype=str)
        except (OSError, ValueError, tomllib.TOMLDecodeError) as exc:
            raise DiagnosisInputError(f"cannot read mapping file {text}: {exc}") from exc
        if frame.shape[1] != 2:
            raise DiagnosisInputError(f"mapping CSV {text} must have exactly 2 columns")
        return dict(zip(frame.iloc[:, 0].str.strip(), frame.iloc[:, 1].str.strip()))
    pairs = [p.strip() for p in text.split(",") if p.strip()]
    out: dict[str, str] = {}
    for pair in pairs:
        if pair.count("=") != 1:
            raise DiagnosisInputError(f"mapping entry {pair!r} is not of the form old=new")
        old, new = (s.strip() for s in pair.split("="))
        out[old] = new
    return out


def apply_mapping(df: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    """Return ``df`` with user columns renamed to standard names (a new frame)."""
    missing = sorted(set(mapping) - set(map(str, df.columns)))
    if missing:
        raise DiagnosisInputError(f"mapped columns not found in the table: {missing}")
    clash = sorted(t for s, t in mapping.items() if t in df.columns and t not in mapping
                   and s != t)
    if clash:
        raise DiagnosisInputError(f"mapping would overwrite existing columns: {clash}")
    return df.rename(columns=mapping)


# --------------------------------------------------------------------------- parsing
def _tokens(series: pd.Series) -> pd.Series:
    """Lower-case stripped text; numbers 1.0 → '1'; missing stays NA."""
    text = series.astype("string").str.strip().str.lower()
    return text.str.replace(r"^(\d+)\.0+$", r"\1", regex=True)


def _msg(ids: np.ndarray, mask: np.ndarray, column: str, raw: pd.Series, tail: str) -> np.ndarray:
    sub_ids = pd.Series(ids[mask], dtype="string")
    sub_raw = raw[mask].astype("string").fillna("<missing>")
    text = "id=" + sub_ids + ": " + column + "=" + sub_raw.to_numpy() + " " + tail
    return text.to_numpy(dtype=object)


def prepare(df: pd.DataFrame, mapping: Mapping[str, str] | str | Path | Sequence[str] | None
            = None, *, height_unit: str = "m", grip_unit: str = "kg",
            lean_mass_method: str | None = None) -> Prepared:
    """Validate ``df`` (standard columns after ``mapping``) into canonical arrays.

    ``height_unit`` ('m'|'cm') and ``grip_unit`` ('kg'|'lb') declare the units of
    ``height_m`` and ``grip_strength_kg``; they are never inferred from the values.
    ``lean_mass_method`` ('dxa'|'bia') declares the method for rows where the
    ``lean_mass_method`` column is absent or empty.
    """
    if height_unit not in HEIGHT_UNITS:
        raise DiagnosisInputError(f"height unit must be one of {list(HEIGHT_UNITS)}")
    if grip_unit not in GRIP_UNITS:
        raise DiagnosisInputError(f"grip unit must be one of {list(GRIP_UNITS)}")
    if lean_mass_method is not None and lean_mass_method.lower() not in METHOD_TOKENS:
        raise DiagnosisInputError("lean_mass_method must be 'dxa' or 'bia'")
    if not isinstance(df, pd.DataFrame):
        raise DiagnosisInputError("diagnose() needs a pandas DataFrame")
    std = apply_mapping(df, load_mapping(mapping))
    std.columns = [str(c) for c in std.columns]
    missing = [c for c in REQUIRED_COLUMNS if c not in std.columns]
    if missing:
        raise DiagnosisInputError(f"missing required column(s): {missing}")
    if std.columns.duplicated().any():
        dup = sorted(set(std.columns[std.columns.duplicated()]))
        raise DiagnosisInputError(f"duplicate column names: {dup}")
    n = len(std)
    raw_id = std["id"].reset_index(drop=True).astype("string")
    fallback = pd.Series([f"row{i}" for i in range(n)], dtype="string")
    ids = raw_id.fillna(fallback).to_numpy(dtype=object) if n else np.array([], object)
    prep = Prepared(n, ids, {}, {}, np.zeros(n, bool), np.full(n, None, object),
                    np.full(n, None, object), set(std.columns) & set(SPECS))
    scale = {"height_m": (HEIGHT_UNITS[height_unit], height_unit),
             "grip_strength_kg": (GRIP_UNITS[grip_unit], grip_unit)}
    for spec in COLUMNS[1:]:
        if spec.name in std.columns:
            raw = std[spec.name].reset_index(drop=True)
            _parse_column(prep, spec, raw, scale.get(spec.name, (1.0, spec.unit)))
        elif spec.kind in ("float", "int", "bool"):
            prep.values[spec.name] = np.full(n, np.nan)
    if lean_mass_method is not None:
        fill = METHOD_TOKENS[lean_mass_method.lower()]
        prep.method = np.where(prep.method == None, fill, prep.method)  # noqa: E711
    _check_bmi(prep)
    _warn_method(prep)
    return prep


def _parse_column(prep: Prepared, spec: ColumnSpec, raw: pd.Series,
                  unit: tuple[float, str]) -> None:
    n, name = prep.n, spec.name
    prep.invalid[name] = np.zeros(n, bool)
    blank = (raw.astype("string").str.strip() == "").fillna(False).to_numpy(dtype=bool)
    raw = raw.astype(object).where(~blank, None)  # blank text = missing
    present = raw.notna().to_numpy()
    if spec.kind in ("float", "int"):
        num = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        prep.values[name] = num * unit[0]
        bad = present & np.isnan(num)
        prep.flag(name, bad, _msg(prep.ids, bad, name, raw, "is not a number"))
        val = prep.values[name]
        with np.errstate(invalid="ignore"):
            out = ~np.isnan(val) & ((val < spec.lo) | (val > spec.hi))
        hint = ""
        if name == "height_m":
            hint = " (declare the unit: --height-unit cm / height_unit='cm')"
        tail = (f"[{unit[1]}] is outside the plausible range {spec.lo:g}–{spec.hi:g} "
                f"{spec.unit}{hint}")
        prep.flag(name, out, _msg(prep.ids, out, name, raw, tail))
        if spec.kind == "int":
            val = prep.values[name]
            frac = ~np.isnan(val) & (val != np.round(val))
            prep.flag(name, frac, _msg(prep.ids, frac, name, raw, "is not a whole number"))
        if spec.required:
            prep.flag(name, ~present, _msg(prep.ids, ~present, name, raw,
                                           "is missing (required column)"))
        return
    tokens = _tokens(raw)
    table = {"sex": SEX_TOKENS, "method": METHOD_TOKENS, "bool": BOOL_TOKENS,
             "site": FRACTURE_SITES}[spec.kind]
    mapped = tokens.map(table)
    bad = present & mapped.isna().to_numpy()
    if spec.kind == "sex":
        bad = bad | ~present
        prep.is_male = (mapped == "male").fillna(False).to_numpy(dtype=bool)
        accepted = ", ".join(SEX_TOKENS)
        prep.flag(name, bad, _msg(prep.ids, bad, name, raw, f"is not a recognised sex code "
                                  f"(accepted: {accepted})"))
        return
    accepted = ", ".join(table)
    prep.flag(name, bad, _msg(prep.ids, bad, name, raw, f"is not one of: {accepted}"))
    if spec.kind == "bool":
        prep.values[name] = mapped.astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    else:
        arr = mapped.astype(object).where(mapped.notna(), None).to_numpy(dtype=object)
        if spec.kind == "method":
            prep.method = arr
        else:
            prep.fracture_site = arr


def _check_bmi(prep: Prepared) -> None:
    h, w = prep.values["height_m"], prep.values["weight_kg"]
    with np.errstate(invalid="ignore", divide="ignore"):
        bmi = w / (h * h)
        bad = ~np.isnan(bmi) & ((bmi < BMI_RANGE[0]) | (bmi > BMI_RANGE[1]))
    if not bad.any():
        return
    ids = pd.Series(prep.ids[bad], dtype="string")
    text = ("id=" + ids + ": BMI " + pd.Series(np.round(bmi[bad], 1)).astype("string")
            + f" kg/m² from weight_kg=" + pd.Series(w[bad]).astype("string")
            + " and height_m=" + pd.Series(h[bad]).astype("string")
            + f" is outside {BMI_RANGE[0]:g}–{BMI_RANGE[1]:g} kg/m²; both flagged")
    prep.flag("weight_kg", bad, text.to_numpy(dtype=object))
    prep.invalid["height_m"] = prep.invalid["height_m"] | bad
    prep.values["height_m"] = np.where(bad, np.nan, h)


def _warn_method(prep: Prepared) -> None:
    alm = prep.values["appendicular_lean_mass_kg"]
    need = ~np.isnan(alm) & (prep.method == None)  # noqa: E711
    need &= ~prep.invalid.get("lean_mass_method", np.zeros(prep.n, bool))
    if need.any():
        ids = pd.Series(prep.ids[need], dtype="string")
        text = ("id=" + ids + ": appendicular_lean_mass_kg given but lean_mass_method is "
                "missing (declare dxa|bia); DXA/BIA-specific cut-offs not applied")
        prep.messages.append((np.flatnonzero(need), text.to_numpy(dtype=object)))


def join_messages(n: int, parts: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """One '; '-joined message string per row (empty string when none)."""
    out = np.full(n, "", dtype=object)
    for pos, texts in parts:
        cur = out[pos]
        out[pos] = np.where(cur == "", texts, cur + "; " + texts)
    return out
