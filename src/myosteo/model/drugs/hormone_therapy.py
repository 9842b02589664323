"""Prednisolone (oral glucocorticoid) and insulin (SC, type 1 diabetes).

Prednisolone: one compartment, F ~1, CL 0.104 L/h/kg and V 0.59 L/kg (Br J Clin Pharmacol 1980
10:503, PMID 7437263; t1/2 ~3-4 h), at 70 kg. Its glucocorticoid exposure is the daily-averaged
concentration in units of the concentration that 2.5 mg/day would give (prednisolone is ~4x as
potent as cortisol, physiological cortisol production 9.9 mg/day: Esteban 1991; the 4:1
equivalence is a standard table value, recalled). Non-linear protein binding (Legler 1982) is
not modelled.

Insulin: doses in units (U; 1 U = 0.0347 mg of human insulin). An SC depot absorbed over ~1 day
(daily total dose as basal-bolus averaged) into insulin action; ``insulin_exogenous_rel`` =
delivered units per day / requirement (0.6 U/kg/day at 70 kg = 42 U/day; ADA 0.4-1.0).
"""

from __future__ import annotations

import math

from myosteo.model.core import Module, ModuleBuilder
from myosteo.model.drugs import DrugSpec, register

PRED_PK = "Br J Clin Pharmacol 1980 10:503, PMID 7437263 (prednisolone CL 0.104 L/h/kg, V 0.59 L/kg, F ~1)"
ESTEBAN = "Esteban 1991 J Clin Endocrinol Metab 72:39 (cortisol 9.9 mg/day) with 4:1 potency (recalled)"
ADA = "ADA Standards of Care section 9 (insulin requirement 0.4-1.0 U/kg/day; 0.6 used)"
MG_PER_UNIT_INSULIN = 0.0347


def build_prednisolone() -> Module:
    m = ModuleBuilder("prednisolone", "Prednisolone PK and glucocorticoid exposure", references=[PRED_PK, ESTEBAN])
    m.parameter("pred_CL", 0.104 * 70 * 24, "L/day", PRED_PK, "clearance at 70 kg")
    m.parameter("pred_V", 0.59 * 70, "L", PRED_PK, "volume at 70 kg")
    m.parameter("pred_ka", 24.0 * math.log(2) / 0.5, "1/day", "assumption: Tmax 1-2 h (absorption t1/2 30 min)",
                "oral absorption")
    m.parameter("pred_physiological_mg_day", 2.5, "mg/day", ESTEBAN, "daily dose equal to physiological cortisol")
    m.parameter("k_gc_average", 2.0, "1/day", "model convention: daily averaging of the exposure",
                "rate of the daily-averaged exposure")
    m.state("pred_gut", 0.0, "mg", "gut")
    m.state("pred_central", 0.0, "mg", "body")
    m.state("pred_exposure", 0.0, "1", "daily-averaged exposure (units of physiological glucocorticoid)")
    m.rule("pred_conc_ng_ml", "pred_central / pred_V * 1000", "ng/mL", "plasma prednisolone")
    m.flux("pred_absorption", "pred_gut -> pred_central", "pred_ka * pred_gut")
    m.flux("pred_elimination", "pred_central ->", "pred_CL / pred_V * pred_central")
    m.ode("pred_exposure", "k_gc_average * (pred_conc_ng_ml / (1000 * pred_physiological_mg_day / pred_CL) - pred_exposure)")
    m.add("glucocorticoid_exogenous_rel", "pred_exposure", "prednisolone adds glucocorticoid exposure")
    m.edge("prednisolone", "glucocorticoid exposure", 1, "PK", "human", PRED_PK, rule="glucocorticoid_rel",
           parameters=("pred_physiological_mg_day",))
    return m.build()


def build_insulin() -> Module:
    m = ModuleBuilder("insulin", "SC insulin (daily total dose) and insulin action", references=[ADA])
    m.parameter("ins_ka", 1.0, "1/day", "assumption: daily dose acts over ~1 day (basal-bolus averaged)",
                "absorption from the SC depot")
    m.parameter("ins_ke", 4.0, "1/day", "assumption: insulin action fades within hours of absorption",
                "offset of insulin action")
    m.parameter("ins_requirement_u_day", 0.6 * 70, "U/day", ADA, "daily requirement at 70 kg")
    m.state("ins_sc", 0.0, "U", "SC depot")
    m.state("ins_active", 0.0, "U", "absorbed insulin in action")
    m.flux("ins_absorption", "ins_sc -> ins_active", "ins_ka * ins_sc")
    m.flux("ins_offset", "ins_active ->", "ins_ke * ins_active")
    m.add("insulin_exogenous_rel", "ins_ke * ins_active / ins_requirement_u_day", "delivered insulin / requirement")
    m.edge("insulin therapy", "insulin action", 1, "PK", "human", ADA, rule="insulin_action_rel",
           parameters=("ins_requirement_u_day",))
    return m.build()


register(DrugSpec(name="prednisolone", build=build_prednisolone, dose_state="pred_gut", amount_per_mg=1.0,
                  route="oral", max_single_dose_mg=1000.0, typical_regimen="7.5 mg orally every day", citation=PRED_PK))
register(DrugSpec(name="insulin", build=build_insulin, dose_state="ins_sc", amount_per_mg=1.0 / MG_PER_UNIT_INSULIN,
                  route="sc", max_single_dose_mg=300 * MG_PER_UNIT_INSULIN,
                  typical_regimen="total daily dose 0.5-0.8 U/kg SC every day (e.g. \"40 U\")", citation=ADA,
                  mg_per_unit=MG_PER_UNIT_INSULIN))
