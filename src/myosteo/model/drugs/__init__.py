"""Drug modules: published PK models plus the target each drug acts on.

Every drug is a :class:`DrugSpec` in :data:`DRUGS`; the scenario layer validates names and doses
against it and the engine turns each dose into a bolus (or infusion) into ``dose_state``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from myosteo.model.core import Module


@dataclass(frozen=True)
class DrugSpec:
    """How a scenario dose of a drug enters the model.

    ``amount_per_mg``: model amount added to ``dose_state`` per mg administered (bioavailability
    is part of the PK module, not of this conversion). ``max_single_dose_mg``: the largest single
    dose accepted from a scenario (well above any studied dose; larger inputs are errors, never
    clipped). ``infusion_days``: IV infusion duration (0 = bolus).
    """

    name: str
    build: Callable[[], Module]
    dose_state: str
    amount_per_mg: float
    route: Literal["sc", "iv", "oral", "im"]
    max_single_dose_mg: float
    typical_regimen: str
    citation: str
    infusion_days: float = 0.0
    infusion_rate_parameter: str = ""
    mg_per_unit: float | None = None  # drugs dosed in units (insulin): "40 U" -> 40 * mg_per_unit mg


DRUGS: dict[str, DrugSpec] = {}


def register(spec: DrugSpec) -> DrugSpec:
    DRUGS[spec.name] = spec
    return spec


def _load_all() -> None:
    """Import every drug module so that each registers itself (order = registry order)."""
    from myosteo.model.drugs import (  # noqa: F401
        actrii, androgens, anti_inflammatory, antisclerostin, bisphosphonates, denosumab, hormone_therapy,
        teriparatide)


_load_all()
