"""Read and write cohort tables; the format follows the file extension.

Inputs: ``.csv`` (all cells read as text, so ids such as ``007`` survive), ``.tsv``,
``.parquet``, ``.xlsx`` (cells kept as stored: no numeric re-inference of text).
Outputs: ``.csv``, ``.parquet``, ``.xlsx``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .inputs import DiagnosisInputError

READ_EXTENSIONS = (".csv", ".tsv", ".parquet", ".xlsx")
WRITE_EXTENSIONS = (".csv", ".parquet", ".xlsx")


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a cohort table; raises :class:`DiagnosisInputError` if it cannot."""
    p = Path(path)
    ext = p.suffix.lower()
    if ext not in READ_EXTENSIONS:
        raise DiagnosisInputError(f"unsupported input extension {ext!r} "
                                  f"(use one of {', '.join(READ_EXTENSIONS)})")
    if not p.is_file():
        raise DiagnosisInputError(f"input file not found: {p}")
    try:
        if ext in (".csv", ".tsv"):
            return pd.read_csv(p, sep="\t" if ext == ".tsv" else ",", dtype=str)
        if ext == ".parquet":
            return pd.read_parquet(p)
        return pd.read_excel(p, engine="openpyxl", dtype=object)
    except Exception as exc:  # noqa: BLE001 - any parser failure is "unreadable"
        raise DiagnosisInputError(f"cannot read {p}: {type(exc).__name__}: {exc}") from exc


def _parquet_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Object columns with mixed Python types become text (Arrow needs one type)."""
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object:
            kinds = {type(v) for v in out[col].dropna()}
            if len(kinds) > 1:
                out[col] = out[col].astype("string")
    out.columns = [str(c) for c in out.columns]
    return out


def write_table(df: pd.DataFrame, path: str | Path) -> Path:
    """Write ``df`` (index not written); raises :class:`DiagnosisInputError` on failure."""
    p = Path(path)
    ext = p.suffix.lower()
    if ext not in WRITE_EXTENSIONS:
        raise DiagnosisInputError(f"unsupported output extension {ext!r} "
                                  f"(use one of {', '.join(WRITE_EXTENSIONS)})")
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        if ext == ".csv":
            df.to_csv(p, index=False)
        elif ext == ".parquet":
            _parquet_safe(df).to_parquet(p, index=False)
        else:
            df.to_excel(p, index=False, engine="openpyxl")
    except OSError as exc:
        raise DiagnosisInputError(f"cannot write {p}: {exc}") from exc
    return p
