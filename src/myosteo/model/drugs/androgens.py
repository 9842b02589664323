"""Androgen-receptor agonists: testosterone (enanthate, IM) and enobosarm (oral SARM).

Testosterone enanthate (Testoviron Depot SmPC, Switzerland): absorbed from the oily IM depot with
a half-life of ~4.5 days, completely bioavailable; 250 mg ester = 180 mg testosterone; metabolic
clearance 16 +/- 7 mL/min/kg (1613 L/day at 70 kg; the value used is fitted to the label's peak of
~20 ng/mL at 1.5-3 days within that range). Serum testosterone from treatment adds to the
endogenous level (suppression of endogenous production by the HPG axis is not modelled: small
in the hypogonadal older men of the trials).

Enobosarm (GTx-024): oral, one compartment, elimination half-life 14-24 h (20 h used), apparent
volume ~115 L (from CL/F ~4 L/h and the half-life; recalled, to verify); AR effect as a
concentration ratio to an EC50 fitted to Dalton 2011.
"""

from __future__ import annotations

import math

from myosteo.model.core import Module, ModuleBuilder
from myosteo.model.drugs import DrugSpec, register
from myosteo.model.fitted import fitted

TESTOVIRON = "Testoviron Depot SmPC (Switzerland): absorption t1/2 4.5 d, F = 1, CL 16 mL/min/kg"
ENOBOSARM_PK = "enobosarm PK: t1/2 14-24 h (secondary source); V/F ~115 L (recalled; to verify)"
DALTON2011 = "Dalton 2011 J Cachexia Sarcopenia Muscle 2:153, doi:10.1007/s13539-011-0034-6"
T_MW = 288.4  # g/mol


def build_testosterone() -> Module:
    m = ModuleBuilder("testosterone", "Testosterone enanthate IM PK", time_unit="day",
                      default_source=TESTOVIRON, references=[TESTOVIRON])
    m.parameter("te_ka", math.log(2) / 4.5, "1/day", description="absorption from the IM depot")
    m.parameter("te_testosterone_fraction", 180.0 / 250.0, "1", description="testosterone per mg of ester")
    m.parameter("te_CL", fitted("te_CL", 16.0 * 70 * 1440 / 1000), "L/day",
                "fitted to the SmPC peak (~20 ng/mL after 250 mg) within the SmPC clearance range "
                "16 +/- 7 mL/min/kg at 70 kg", "metabolic clearance of testosterone",
                bounds=(9.0 * 70 * 1.44, 23.0 * 70 * 1.44))
    m.parameter("te_V", 70.0, "L", "assumption: fast distribution (elimination t1/2 ~1 h); the "
                "depot absorption sets the profile", "volume of distribution")
    m.parameter("te_k_transit", 1.0, "1/day", "fitted by hand to the SmPC peak time (1.5-3 days) with "
                "te_ka: t_max = ln(k_tr/ka)/(k_tr - ka) = 2.2 days", "release from the injection site")
    m.state("te_depot", 0.0, "mg", "IM oily depot (testosterone enanthate)")
    m.state("te_transit", 0.0, "mg", "ester released from the oil, not yet hydrolysed/absorbed")
    m.state("te_central", 0.0, "mg", "testosterone from treatment in the body")
    m.flux("te_release", "te_depot -> te_transit", "te_ka * te_depot")
    m.flux("te_absorption", "te_transit -> te_central", "te_k_transit * te_transit")
    m.flux("te_elimination", "te_central ->", "te_CL * te_central / te_V")
    m.rule("te_conc_ng_ml", "te_central / te_V * 1000 * te_testosterone_fraction", "ng/mL",
           "serum testosterone from treatment")
    m.add("testosterone_exogenous_nmol_l", f"te_conc_ng_ml * 1000 / {T_MW}",
               "serum testosterone from treatment (nmol/L)")
    m.edge("testosterone enanthate", "serum testosterone", 1, "PK", "human", TESTOVIRON,
           rule="testosterone_exogenous_nmol_l")
    return m.build()


def build_enobosarm() -> Module:
    m = ModuleBuilder("enobosarm", "Enobosarm oral PK and androgen-receptor activation", time_unit="day",
                      default_source=ENOBOSARM_PK, references=[ENOBOSARM_PK, DALTON2011])
    m.parameter("eno_ka", 12.0, "1/day", "assumption: Tmax ~1-4 h (recalled)", "oral absorption")
    m.parameter("eno_ke", math.log(2) / (20.0 / 24.0), "1/day", description="elimination (t1/2 20 h)")
    m.parameter("eno_V", 115.0, "L", description="apparent volume")
    m.parameter("eno_EC50_ng_ml", fitted("eno_EC50_ng_ml", 50.0), "ng/mL", "fitted to " + DALTON2011,
                "concentration of half-maximal AR activation (relative to testosterone's EC50)",
                bounds=(0.1, 5000.0))
    m.state("eno_gut", 0.0, "mg", "enobosarm in the gut")
    m.state("eno_central", 0.0, "mg", "enobosarm in the body")
    m.flux("eno_absorption", "eno_gut -> eno_central", "eno_ka * eno_gut")
    m.flux("eno_elimination", "eno_central ->", "eno_ke * eno_central")
    m.rule("eno_conc_ng_ml", "eno_central / eno_V * 1000", "ng/mL", "plasma enobosarm")
    m.add("sarm_ar_occupancy_ratio", "eno_conc_ng_ml / eno_EC50_ng_ml",
               "enobosarm activates the androgen receptor")
    m.edge("enobosarm", "androgen receptor", 1, "concentration ratio (competitive with testosterone)",
           "human", DALTON2011, rule="sarm_ar_occupancy_ratio", parameters=("eno_EC50_ng_ml",))
    return m.build()


register(DrugSpec(
    name="testosterone", build=build_testosterone, dose_state="te_depot", amount_per_mg=1.0, route="im",
    max_single_dose_mg=1000.0, typical_regimen="testosterone enanthate 200 mg IM every 2 weeks",
    citation=TESTOVIRON,
))
register(DrugSpec(
    name="enobosarm", build=build_enobosarm, dose_state="eno_gut", amount_per_mg=1.0, route="oral",
    max_single_dose_mg=30.0, typical_regimen="3 mg orally every day", citation=DALTON2011,
))
