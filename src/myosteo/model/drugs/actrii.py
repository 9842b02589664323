"""Drugs acting on ActRII signalling: bimagrumab (anti-ActRIIA/B, IV) and LY2495655
(landogrozumab, anti-myostatin, SC).

PK. No population-PK parameters of either antibody were found in the sources reachable here
(bimagrumab: non-linear PK from target-mediated disposition, Rooks 2020 J Cachexia Sarcopenia
Muscle 11:1525; LY2495655: phase 1 design only). Both use the two-compartment IgG structure with
linear and Michaelis-Menten (target-mediated) elimination, with typical human IgG values
(Dirks & Meibohm 2010 Clin Pharmacokinet 49:633: CL ~0.2 L/day, Vc ~3 L, Vp ~2.5 L) and SC
absorption as for romosozumab (Eudy 2015). This is an assumption, listed in docs/validation.md;
the binding constants are fitted to the trials' lean-mass responses, so the concentration-
effect relation is identified only through them.

Effect. Bimagrumab occupies ActRII: ``actrii_free_fraction = Kd / (Kd + C)``. LY2495655
neutralises myostatin only: ``myostatin_free_fraction = Kd / (Kd + C)``; activins keep
signalling, which is why ActRII blockade raises lean mass more than myostatin antibodies.
"""

from __future__ import annotations

from myosteo.model.core import Module, ModuleBuilder
from myosteo.model.drugs import DrugSpec, register
from myosteo.model.fitted import fitted

DIRKS2010 = ("Dirks & Meibohm 2010 Clin Pharmacokinet 49:633 (typical human IgG PK; assumption: no "
             "published population PK for this antibody)")
EUDY2015 = "Eudy 2015 CPT:PSP 4:527 (romosozumab SC absorption; assumption for this antibody)"
ROOKS2020 = "Rooks 2020 JAMA Netw Open 3:e2020836; Hofbauer 2021 Lancet Healthy Longev 2:e263"
BECKER2015 = "Becker 2015 Lancet Diabetes Endocrinol 3:948, doi:10.1016/S2213-8587(15)00298-3"
MW_KDA = 146.0
NMOL_PER_MG = 1e6 / (MW_KDA * 1e3)


def _igg(m: ModuleBuilder, p: str, label: str, sc: bool) -> None:
    m.parameter(f"{p}_Vc", 3.0, "L", DIRKS2010, "central volume")
    m.parameter(f"{p}_Vp", 2.5, "L", DIRKS2010, "peripheral volume")
    m.parameter(f"{p}_CL", 0.2, "L/day", DIRKS2010, "linear clearance")
    m.parameter(f"{p}_Q", 0.5, "L/day", DIRKS2010, "intercompartmental clearance")
    m.parameter(f"{p}_Vmax", 5.0, "nmol/day", DIRKS2010 + "; target-mediated disposition: Rooks 2020 "
                "J Cachexia Sarcopenia Muscle 11:1525", "maximal target-mediated elimination")
    m.parameter(f"{p}_Km", 1.0, "nM", DIRKS2010, "concentration of half-maximal target-mediated elimination")
    m.state(f"{p}_central", 0.0, "nmol", f"{label} central compartment")
    m.state(f"{p}_peripheral", 0.0, "nmol", f"{label} peripheral compartment")
    m.rule(f"{p}_conc_nM", f"{p}_central / {p}_Vc", "nM", f"serum {label}")
    m.rule(f"{p}_conc_ug_ml", f"{p}_conc_nM * {MW_KDA} / 1000", "ug/mL", f"serum {label}")
    if sc:
        m.parameter(f"{p}_ka", 0.187, "1/day", EUDY2015, "SC absorption rate")
        m.parameter(f"{p}_F", 0.7, "1", DIRKS2010, "SC bioavailability")
        m.state(f"{p}_sc", 0.0, "nmol", f"{label} SC depot")
        m.flux(f"{p}_absorption", f"{p}_sc -> {p}_central", f"{p}_F * {p}_ka * {p}_sc")
        m.flux(f"{p}_presystemic_loss", f"{p}_sc ->", f"(1 - {p}_F) * {p}_ka * {p}_sc")
    m.flux(f"{p}_distribution", f"{p}_central -> {p}_peripheral", f"{p}_Q * {p}_conc_nM")
    m.flux(f"{p}_redistribution", f"{p}_peripheral -> {p}_central", f"{p}_Q * {p}_peripheral / {p}_Vp")
    m.flux(f"{p}_linear_clearance", f"{p}_central ->", f"{p}_CL * {p}_conc_nM")
    m.flux(f"{p}_target_clearance", f"{p}_central ->", f"{p}_Vmax * {p}_conc_nM / ({p}_Km + {p}_conc_nM)")


def build_bimagrumab() -> Module:
    m = ModuleBuilder("bimagrumab", "Bimagrumab PK and ActRII blockade", time_unit="day",
                      references=[DIRKS2010, ROOKS2020])
    _igg(m, "bima", "bimagrumab", sc=False)
    m.parameter("bima_Kd_nM", fitted("bima_Kd_nM", 1.0), "nM",
                "fitted to bimagrumab lean-mass responses (" + ROOKS2020 + ")",
                "concentration of half-maximal ActRII blockade in vivo", bounds=(1e-3, 1000.0))
    m.multiply("actrii_free_fraction", "bima_Kd_nM / (bima_Kd_nM + bima_conc_nM)",
               "bimagrumab occupies ActRIIA/B")
    m.edge("bimagrumab", "ActRII signalling", -1, "receptor occupancy", "human", ROOKS2020,
           rule="actrii_free_fraction", parameters=("bima_Kd_nM",))
    return m.build()


def build_ly2495655() -> Module:
    m = ModuleBuilder("ly2495655", "LY2495655 (anti-myostatin) PK and myostatin neutralisation",
                      time_unit="day", references=[DIRKS2010, BECKER2015])
    _igg(m, "ly", "LY2495655", sc=True)
    m.parameter("ly_Kd_nM", fitted("ly_Kd_nM", 1.0), "nM", "fitted to " + BECKER2015,
                "concentration of half-maximal myostatin neutralisation in vivo", bounds=(1e-3, 100.0))
    m.multiply("myostatin_free_fraction", "ly_Kd_nM / (ly_Kd_nM + ly_conc_nM)",
               "LY2495655 neutralises myostatin")
    m.edge("LY2495655", "free myostatin", -1, "quasi-steady-state binding", "human", BECKER2015,
           rule="myostatin_free_fraction", parameters=("ly_Kd_nM",))
    return m.build()


register(DrugSpec(
    name="bimagrumab", build=build_bimagrumab, dose_state="bima_central", amount_per_mg=NMOL_PER_MG,
    route="iv", max_single_dose_mg=3000.0, typical_regimen="700 mg IV every 4 weeks (or 10 mg/kg)",
    citation=ROOKS2020,
))
register(DrugSpec(
    name="ly2495655", build=build_ly2495655, dose_state="ly_sc", amount_per_mg=NMOL_PER_MG,
    route="sc", max_single_dose_mg=1000.0, typical_regimen="315 mg SC every 4 weeks", citation=BECKER2015,
))
