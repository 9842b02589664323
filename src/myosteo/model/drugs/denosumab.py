"""Denosumab: anti-RANKL IgG2 (SC), two-compartment PK with linear + Michaelis-Menten clearance.

PK: Peterson MC et al. AAPS J 2004;6(S1) abstract W4340, as used by Peterson & Riggs 2012
(CPT:PSP 1:e14): amounts in ng, volumes in mL, time in hours (unit reading checked by
simulation: 60 mg gives Cmax ~8.5 ug/mL at ~14 d, consistent with the Prolia label's 6.75 ug/mL
at ~10 d). Effect: denosumab removes free RANKL, second order in denosumab (pM) and RANKL.
"""

from __future__ import annotations

from myosteo.model.core import Module, ModuleBuilder
from myosteo.model.drugs import DrugSpec, register
from myosteo.model.fitted import fitted

PETERSON2004 = "Peterson 2004 AAPS J 6(S1) W4340 via Peterson & Riggs 2012 CPT:PSP 1:e14"
PR2012 = "Peterson & Riggs 2012 CPT:PSP 1:e14, doi:10.1038/psp.2012.15"


def build() -> Module:
    m = ModuleBuilder("denosumab", "Denosumab PK and RANKL neutralisation", time_unit="hour",
                      default_source=PETERSON2004, references=[PETERSON2004, PR2012])
    m.parameter("dmab_ka", 0.00592, "1/h", description="SC absorption rate (t1/2 ~4.9 d)")
    m.parameter("dmab_F", 0.729, "1", description="SC bioavailability")
    m.parameter("dmab_Vc", 2340.0, "mL", description="central volume")
    m.parameter("dmab_Vp", 1324.0, "mL", description="peripheral volume")
    m.parameter("dmab_Q", 18.67, "mL/h", description="intercompartmental clearance")
    m.parameter("dmab_CL", 2.75, "mL/h", description="linear clearance")
    m.parameter("dmab_Vmax", 3110.0, "ng/h", description="maximal non-linear (target-mediated) elimination")
    m.parameter("dmab_Km", 188.0, "ng/mL", description="concentration at half-maximal non-linear elimination")
    m.parameter("dmab_MW", 150000.0, "g/mol", PR2012, "molecular weight used for molar conversion")
    m.parameter("dmab_kon_rankl", fitted("dmab_kon_rankl", 2.0e-6), "1/(pM*h)",
                "fitted to denosumab phase 2 CTX (McClung 2006; start value " + PR2012 + ")",
                "second-order rate of free-RANKL removal by denosumab")
    m.state("dmab_sc", 0.0, "ng", "SC depot")
    m.state("dmab_central", 0.0, "ng", "central compartment")
    m.state("dmab_peripheral", 0.0, "ng", "peripheral compartment")
    m.rule("dmab_conc_ng_ml", "dmab_central / dmab_Vc", "ng/mL", "serum denosumab")
    m.rule("dmab_conc_pM", "dmab_conc_ng_ml / dmab_MW * 1e6", "pM", "serum denosumab (molar)")
    m.flux("dmab_absorption", "dmab_sc -> dmab_central", "dmab_F * dmab_ka * dmab_sc")
    m.flux("dmab_presystemic_loss", "dmab_sc ->", "(1 - dmab_F) * dmab_ka * dmab_sc")
    m.flux("dmab_distribution", "dmab_central -> dmab_peripheral", "dmab_Q * dmab_conc_ng_ml")
    m.flux("dmab_redistribution", "dmab_peripheral -> dmab_central", "dmab_Q * dmab_peripheral / dmab_Vp")
    m.flux("dmab_linear_clearance", "dmab_central ->", "dmab_CL * dmab_conc_ng_ml")
    m.flux("dmab_mm_clearance", "dmab_central ->",
           "dmab_Vmax * dmab_conc_ng_ml / (dmab_Km + dmab_conc_ng_ml)")
    m.flux("dmab_rankl_neutralisation", "L ->", "dmab_kon_rankl * dmab_conc_pM * L")
    m.edge("denosumab", "free RANKL", -1, "second-order binding", "human", PR2012,
           parameters=("dmab_kon_rankl",))
    return m.build()


SPEC = register(DrugSpec(
    name="denosumab", build=build, dose_state="dmab_sc", amount_per_mg=1e6, route="sc",
    max_single_dose_mg=420.0, typical_regimen="60 mg every 6 months", citation=PETERSON2004,
))
