"""Teriparatide (PTH 1-34), SC: first-order absorption into the circulating PTH pool.

Peterson & Riggs 2010 (Bone 46:49) treat teriparatide as equivalent to endogenous PTH: the SC
depot empties into the model's PTH state at rate TERICL/TERIVC, values as in BIOMD0000000613.
Molecular weight 4117.8 g/mol (Forteo label; 20 ug = 4857 pmol).
"""

from __future__ import annotations

from myosteo.model.core import Module, ModuleBuilder
from myosteo.model.drugs import DrugSpec, register

PR2010 = "Peterson & Riggs 2010 Bone 46:49 (PMID 19732857); value as in BIOMD0000000613"
MW = 4117.8  # g/mol, Forteo (teriparatide) prescribing information


def build() -> Module:
    m = ModuleBuilder("teriparatide", "Teriparatide SC PK into the PTH pool", time_unit="hour",
                      default_source=PR2010, references=[PR2010])
    m.parameter("TERICL", 94.3, "L/h", description="teriparatide clearance (absorption = TERICL/TERIVC)")
    m.parameter("TERIVC", 133.0, "L", description="teriparatide apparent volume")
    m.state("TERISC", 0.0, "pmol", "SC teriparatide depot")
    m.flux("PTH_administration", "TERISC -> PTH", "TERISC * TERICL / TERIVC",
           "absorption of teriparatide into circulating PTH (P&R 2010)")
    return m.build()


SPEC = register(DrugSpec(
    name="teriparatide", build=build, dose_state="TERISC", amount_per_mg=1e9 / MW, route="sc",
    max_single_dose_mg=0.2, typical_regimen="20 ug every day", citation=PR2010,
))
