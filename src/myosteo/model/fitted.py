"""Fitted parameter values, written by ``myosteo.validation.calibrate`` into ``fitted.json``.

Each entry: ``{"value": float, "dataset": str}``; a module asks ``fitted(name, default)`` and
cites ``fitted_source(name)``. An entry ``omega_<name>`` is the between-trial log-SD of parameter
``<name>`` (written by ``python -m myosteo.validation.variability``), read by
``fitted_variability(name)``. Nothing is tuned silently: the calibration script is the only
writer, and docs/validation.md records the run that produced the file.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

from myosteo.model.core import Variability


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, dict]:
    try:
        text = resources.files("myosteo.model").joinpath("fitted.json").read_text()
    except FileNotFoundError:
        return {}
    return json.loads(text)


def fitted(name: str, default: float) -> float:
    entry = _table().get(name)
    return float(entry["value"]) if entry else float(default)


def fitted_source(name: str, dataset: str) -> str:
    entry = _table().get(name)
    return f"fitted to {entry['dataset'] if entry else dataset}"


def fitted_variability(name: str) -> Variability | None:
    """The between-trial variability of parameter ``name`` if it has been estimated, else None."""
    entry = _table().get(f"omega_{name}")
    if not entry:
        return None
    return Variability(float(entry["value"]), f"fitted to {entry['dataset']}")
