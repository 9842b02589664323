"""Anti-inflammatory drugs: infliximab, adalimumab (anti-TNF), tocilizumab (anti-IL-6R),
tofacitinib (JAK inhibitor). Each: published population PK and the target it neutralises.

- Infliximab IV: two-compartment, Fasanmade 2009 Eur J Clin Pharmacol 65:1211 (UC: CL 0.407 L/day,
  V1 3.29 L, V2 4.13 L, Q 7.14 L/day; t1/2 ~14 days).
- Adalimumab SC: one-compartment with first-order absorption, Ternant 2015 Br J Clin Pharmacol
  79:286 (CL/F 0.32 L/day, V/F 10.8 L, ka 0.28 /day; apparent values, F folded in).
- Tocilizumab IV: two-compartment with linear and Michaelis-Menten (IL-6R-mediated) clearance,
  Frey 2010 J Clin Pharmacol 50:754 (CL 0.30 L/day, V1 3.5 L, V2 2.9 L, Q 0.2 L/day, Vmax 7.5
  mg/day, Km 2.7 ug/mL; values read from the nlmixr2lib encoding of its Table II).
- Tofacitinib oral: one-compartment, Vong 2021 Clin Pharmacol Drug Dev 10:229 (CL/F 26.3 L/h,
  V/F 115.8 L, ka 9.85 /h; t1/2 ~3 h).

Target engagement is a concentration ratio (quasi-steady state): free target fraction =
EC50 / (EC50 + C). EC50 values: adalimumab 0.8-1.4 ug/mL in RA (Granneman 2003, quoted in the
Humira label); infliximab taken equal (assumption: IBD trough targets 3-7 ug/mL give >75 %
neutralisation); tocilizumab: CRP normalises once troughs exceed ~1 ug/mL (assumption: EC50 0.1
ug/mL); tofacitinib: whole-blood IL-6 -> pSTAT3 IC50 ~50-100 nM (recalled; 25 ng/mL used).
"""

from __future__ import annotations

from myosteo.model.core import Module, ModuleBuilder
from myosteo.model.drugs import DrugSpec, register

FASANMADE = "Fasanmade 2009 Eur J Clin Pharmacol 65:1211, doi:10.1007/s00228-009-0718-4"
TERNANT = "Ternant 2015 Br J Clin Pharmacol 79:286, doi:10.1111/bcp.12509"
FREY = "Frey 2010 J Clin Pharmacol 50:754, doi:10.1177/0091270009350623"
VONG = "Vong 2021 Clin Pharmacol Drug Dev 10:229, doi:10.1002/cpdd.899"
HUMIRA_EC50 = "Humira label (Granneman 2003: adalimumab EC50 0.8-1.4 ug/mL in RA)"


def _two_compartment_iv(m: ModuleBuilder, p: str, cl: float, v1: float, v2: float, q: float, source: str) -> None:
    m.parameter(f"{p}_CL", cl, "L/day", source, "linear clearance")
    m.parameter(f"{p}_V1", v1, "L", source, "central volume")
    m.parameter(f"{p}_V2", v2, "L", source, "peripheral volume")
    m.parameter(f"{p}_Q", q, "L/day", source, "intercompartmental clearance")
    m.state(f"{p}_central", 0.0, "mg", "central compartment")
    m.state(f"{p}_peripheral", 0.0, "mg", "peripheral compartment")
    m.rule(f"{p}_conc_ug_ml", f"{p}_central / {p}_V1", "ug/mL", "serum concentration")
    m.flux(f"{p}_distribution", f"{p}_central -> {p}_peripheral", f"{p}_Q * {p}_conc_ug_ml")
    m.flux(f"{p}_redistribution", f"{p}_peripheral -> {p}_central", f"{p}_Q * {p}_peripheral / {p}_V2")
    m.flux(f"{p}_clearance", f"{p}_central ->", f"{p}_CL * {p}_conc_ug_ml")


def _neutralises(m: ModuleBuilder, drug: str, p: str, *, ec50_ug_ml: float, ec50_source: str, blocked: str,
                 free_fraction: str, target: str, binds: str, citation: str) -> None:
    """Quasi-steady-state target engagement of an antibody whose serum level is ``{p}_conc_ug_ml`` (ug/mL).

    Adds the parameter ``{p}_EC50_ug_ml`` (ug/mL, from ``ec50_source``; described as the "concentration of
    half-maximal ``blocked``"), multiplies the shared signal ``free_fraction`` (dimensionless) by
    EC50 / (EC50 + C) (described by ``binds``) and records the inhibiting edge ``drug`` -> ``target``
    (human evidence, cited as ``citation``).
    """
    ec50 = f"{p}_EC50_ug_ml"
    m.parameter(ec50, ec50_ug_ml, "ug/mL", ec50_source, f"concentration of half-maximal {blocked}")
    m.multiply(free_fraction, f"{ec50} / ({ec50} + {p}_conc_ug_ml)", binds)
    m.edge(drug, target, -1, "quasi-steady-state binding", "human", citation, rule=free_fraction, parameters=(ec50,))


def build_infliximab() -> Module:
    m = ModuleBuilder("infliximab", "Infliximab PK and TNF neutralisation", references=[FASANMADE])
    _two_compartment_iv(m, "ifx", 0.407, 3.29, 4.13, 7.14, FASANMADE)
    _neutralises(m, "infliximab", "ifx", ec50_ug_ml=1.1,
                 ec50_source="assumption: as adalimumab (" + HUMIRA_EC50 + ")", blocked="TNF neutralisation",
                 free_fraction="tnf_free_fraction", target="free TNF-alpha", binds="infliximab binds TNF",
                 citation=FASANMADE)
    return m.build()


def build_adalimumab() -> Module:
    m = ModuleBuilder("adalimumab", "Adalimumab PK and TNF neutralisation", references=[TERNANT, HUMIRA_EC50])
    m.parameter("ada_CL", 0.32, "L/day", TERNANT, "apparent clearance (CL/F)")
    m.parameter("ada_V", 10.8, "L", TERNANT, "apparent volume (V/F)")
    m.parameter("ada_ka", 0.28, "1/day", TERNANT, "SC absorption rate")
    m.state("ada_sc", 0.0, "mg", "SC depot")
    m.state("ada_central", 0.0, "mg", "body")
    m.rule("ada_conc_ug_ml", "ada_central / ada_V", "ug/mL", "serum adalimumab (apparent)")
    m.flux("ada_absorption", "ada_sc -> ada_central", "ada_ka * ada_sc")
    m.flux("ada_clearance", "ada_central ->", "ada_CL * ada_conc_ug_ml")
    _neutralises(m, "adalimumab", "ada", ec50_ug_ml=1.1, ec50_source=HUMIRA_EC50, blocked="TNF neutralisation",
                 free_fraction="tnf_free_fraction", target="free TNF-alpha", binds="adalimumab binds TNF",
                 citation=HUMIRA_EC50)
    return m.build()


def build_tocilizumab() -> Module:
    m = ModuleBuilder("tocilizumab", "Tocilizumab PK and IL-6 receptor blockade", references=[FREY])
    _two_compartment_iv(m, "tcz", 0.30, 3.5, 2.9, 0.2, FREY)
    m.parameter("tcz_Vmax", 7.5, "mg/day", FREY, "maximal IL-6R-mediated elimination")
    m.parameter("tcz_Km", 2.7, "ug/mL", FREY, "concentration of half-maximal IL-6R-mediated elimination")
    m.flux("tcz_target_clearance", "tcz_central ->", "tcz_Vmax * tcz_conc_ug_ml / (tcz_Km + tcz_conc_ug_ml)")
    _neutralises(m, "tocilizumab", "tcz", ec50_ug_ml=0.1,
                 ec50_source="assumption: CRP normalises once troughs exceed ~1 ug/mL "
                 "(Zhang 2013 Int J Clin Pharmacol Ther 51:620)",
                 blocked="IL-6R blockade", free_fraction="il6r_free_fraction", target="IL-6 receptor",
                 binds="tocilizumab blocks IL-6R", citation=FREY)
    return m.build()


def build_tofacitinib() -> Module:
    m = ModuleBuilder("tofacitinib", "Tofacitinib PK and JAK inhibition", references=[VONG])
    m.parameter("tofa_CL", 26.3 * 24, "L/day", VONG, "apparent clearance (CL/F 26.3 L/h)")
    m.parameter("tofa_V", 115.8, "L", VONG, "apparent volume")
    m.parameter("tofa_ka", 9.85 * 24, "1/day", VONG, "absorption rate (9.85 /h)")
    m.parameter("tofa_IC50_ng_ml", 25.0, "ng/mL", "whole-blood IL-6 -> pSTAT3 IC50 ~50-100 nM (recalled; MW 312)",
                "concentration of half-maximal JAK1/3 inhibition")
    m.state("tofa_gut", 0.0, "mg", "gut")
    m.state("tofa_central", 0.0, "mg", "body")
    m.rule("tofa_conc_ng_ml", "tofa_central / tofa_V * 1000", "ng/mL", "plasma tofacitinib")
    m.flux("tofa_absorption", "tofa_gut -> tofa_central", "tofa_ka * tofa_gut")
    m.flux("tofa_clearance", "tofa_central ->", "tofa_CL / tofa_V * tofa_central")
    m.add("jak_inhibition", "tofa_conc_ng_ml / (tofa_conc_ng_ml + tofa_IC50_ng_ml)", "tofacitinib inhibits JAK1/3")
    m.edge("tofacitinib", "JAK-STAT signalling", -1, "Emax", "human", VONG, rule="jak_inhibition",
           parameters=("tofa_IC50_ng_ml",))
    return m.build()


register(DrugSpec(name="infliximab", build=build_infliximab, dose_state="ifx_central", amount_per_mg=1.0,
                  route="iv", max_single_dose_mg=1500.0, typical_regimen="5 mg/kg IV at weeks 0, 2, 6 then every 8 weeks",
                  citation=FASANMADE))
register(DrugSpec(name="adalimumab", build=build_adalimumab, dose_state="ada_sc", amount_per_mg=1.0,
                  route="sc", max_single_dose_mg=160.0, typical_regimen="40 mg SC every 2 weeks", citation=TERNANT))
register(DrugSpec(name="tocilizumab", build=build_tocilizumab, dose_state="tcz_central", amount_per_mg=1.0,
                  route="iv", max_single_dose_mg=1200.0, typical_regimen="8 mg/kg IV every 4 weeks", citation=FREY))
register(DrugSpec(name="tofacitinib", build=build_tofacitinib, dose_state="tofa_gut", amount_per_mg=1.0,
                  route="oral", max_single_dose_mg=20.0, typical_regimen="5 mg orally twice daily", citation=VONG))
