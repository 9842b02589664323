"""Bisphosphonates: zoledronic acid (IV) and alendronate (oral).

PK (each drug): a plasma pool cleared fast; a fraction of what leaves plasma binds to bone
surfaces. Surface drug leaves the surface in two ways at the same rate constant k_s (young-adult
turnover): new bone buries it (x formation relative to the young adult), or resorbing osteoclasts
take it up and release it (x resorption relative to the young adult; it returns to plasma and
binds again or is excreted). Buried drug is inactive until the bone over it is resorbed (release
rate x resorption); it too returns to plasma. This is the picture of Cremers 2005 (Clin
Pharmacokinet 44:551: surface, buried and recycled drug), with release on resorption as in
Calvo-Gallego, Pivonka, Martinez-Reina 2022 (Front Bioeng Biotechnol 10:940620). Retention
lengthens when turnover is suppressed.

Effect: surface drug, taken up by resorbing osteoclasts, adds osteoclast apoptosis:
KLSoc x (1 + Emax * A_surface / (EC50 + A_surface)).

Zoledronic acid: Emax, EC50 and k_s are fitted (calibrate stage 5) to resorption-marker rows of
predictions.csv: 12 months after 5 mg (HORIZON-PFT), 12 months after 1 mg (Grey 2012 JCEM), 3,
5 and 9 years after 5 mg (Grey 2010, Grey 2012 Bone, Grey 2021) and the end of the effect of
1 mg by 4-5 years (Grey 2021). Until session 28 the bone pool was one store with a 10-year
half-life and Emax = 5 (an assumption). Its fitted EC50 (11 mg) put every dose in the linear
range: 1 mg lowered CTX 19 % (observed at least 40 %), and yearly doses deepened the suppression
(-55 % -> -68 % over 3 years; docs/validation.md, session 28).

Alendronate: Emax = 5 (assumption: Jorg 2022 eLife 11:e76228 has 42, which collapses the
Peterson & Riggs osteoclast pool numerically); k_s is zoledronic acid's (burial and resorption
are properties of the bone surface, an assumption); EC50 fitted to urine NTX on 70 mg weekly.

Zoledronic acid: plasma t1/2 1.87 h (Zometa label), 38-41 % of the dose excreted in urine in 24 h
so ~60 % to bone (Chen 2002 J Clin Pharmacol 42:1228); skeleton-wide half-life assumed as
alendronate's.
Alendronate: oral bioavailability 0.76 % in women (Gertz 1995 Clin Pharmacol Ther 58:288), ~50 %
of the systemic dose to bone (Porras 1999 Clin Pharmacokinet 36:315), plasma to ~5 % within 6 h
(t1/2 ~1.4 h, Porras 1999), skeletal half-life > 10 years (Khan 1997 JBMR 12:1700), read as the
skeleton-wide half-life with recycling (the buried pool's own release is faster by 1 / (1 - f_bone)).
"""

from __future__ import annotations

import math

from myosteo.model.core import Module, ModuleBuilder
from myosteo.model.drugs import DrugSpec, register
from myosteo.model.fitted import fitted

JORG2022 = "Jorg 2022 eLife 11:e76228 (parameter set via a secondary copy)"
CHEN2002 = "Chen 2002 J Clin Pharmacol 42:1228, doi:10.1177/009127002762491316"
ZOMETA = "Zometa (zoledronic acid) US prescribing information, section 12.3"
GERTZ1995 = "Gertz 1995 Clin Pharmacol Ther 58:288, PMID 7554702"
PORRAS1999 = "Porras 1999 Clin Pharmacokinet 36:315, doi:10.2165/00003088-199936050-00002"
KHAN1997 = "Khan 1997 JBMR 12:1700"
CREMERS2005 = ("Cremers 2005 Clin Pharmacokinet 44:551 (bisphosphonate on bone surfaces acts on resorbing "
               "osteoclasts; drug covered by new bone is inactive until that bone is resorbed and recycles; recalled)")
FIT_ZOL = ("beta-CTX vs placebo after zoledronic acid: -55 % 12 months after 5 mg (HORIZON-PFT, Reclast label, "
           "secondary copy), about -40 % 12 months after 1 mg (Grey 2012 JCEM 97:286), -44 / -48 / about -25 % "
           "3 / 5 / 9 years after 5 mg (Grey 2010 JBMR 25:2251; Grey 2012 Bone 50:1389; Grey 2021 JBMR), the "
           "effect of 1 mg over by 4.5 years (Grey 2021); the used_in_fit ctx rows of predictions.csv; "
           "myosteo.validation.calibrate stage 5")
FIT_ALN = ("urine NTX -52 % at 3 months on alendronate 70 mg weekly (Hosking 2003, alendronate vs "
           "risedronate trial); myosteo.validation.calibrate stage 5")


def _bisphosphonate(p: str, label: str, *, F: tuple[float, str], ka_per_h: float | None,
                    k_plasma: tuple[float, str], f_bone: tuple[float, str], skeletal_half_life_h: tuple[float, str],
                    ec50: tuple[float, str], emax: tuple[float, str], k_surface: tuple[float, str]) -> Module:
    m = ModuleBuilder(p, f"{label}: PK with bone binding and osteoclast apoptosis", time_unit="hour",
                      references=[JORG2022, CREMERS2005])
    m.parameter(f"{p}_F", F[0], "1", F[1], "bioavailability")
    m.parameter(f"{p}_k_plasma", k_plasma[0], "1/h", k_plasma[1], "plasma elimination rate (renal + bone uptake)")
    m.parameter(f"{p}_f_bone", f_bone[0], "1", f_bone[1], "fraction of the drug leaving plasma that binds to bone")
    m.parameter(f"{p}_k_surface", k_surface[0], "1/h", k_surface[1],
                "rate at which drug leaves the bone surface at young-adult turnover, half buried under new "
                "bone (x formation) and half released by resorption (x resorption)", bounds=(1e-7, 1e-3))
    m.parameter(f"{p}_k_release", _recycled(skeletal_half_life_h[0], f_bone[0]), "1/h",
                f"{skeletal_half_life_h[1]}; ln 2 / half-life / (1 - {p}_f_bone), the fraction bound again",
                "release rate of buried drug at young-adult resorption (drug released returns to plasma)")
    m.parameter(f"{p}_Emax", emax[0], "1", emax[1], "maximal added osteoclast apoptosis (x basal)",
                bounds=(0.05, 5.0))
    m.parameter(f"{p}_EC50", ec50[0], "mg", ec50[1], "surface-bound amount for half-maximal effect",
                bounds=(1e-5, 1e5))
    m.state(f"{p}_dose", 0.0, "mg", "dosing depot (gut for oral, infusion line for IV)")
    m.state(f"{p}_plasma", 0.0, "mg", "drug in plasma")
    m.state(f"{p}_bone", 0.0, "mg", "drug bound to bone surfaces (acts on resorbing osteoclasts)")
    m.state(f"{p}_buried", 0.0, "mg", "drug buried under new bone (inactive until that bone is resorbed)")
    ka = ka_per_h if ka_per_h is not None else 12.0  # IV: 15-minute infusion ~ first order, t1/2 ~3.5 min
    m.parameter(f"{p}_ka", ka, "1/h", "Porras 1999 (absorption complete within ~1 h)" if ka_per_h else
                "15-minute IV infusion represented as a fast first-order input (model convention)",
                "absorption / infusion rate")
    m.flux(f"{p}_absorption", f"{p}_dose -> {p}_plasma", f"{p}_F * {p}_ka * {p}_dose")
    m.flux(f"{p}_not_absorbed", f"{p}_dose ->", f"(1 - {p}_F) * {p}_ka * {p}_dose")
    m.flux(f"{p}_bone_uptake", f"{p}_plasma -> {p}_bone", f"{p}_f_bone * {p}_k_plasma * {p}_plasma")
    m.flux(f"{p}_renal", f"{p}_plasma ->", f"(1 - {p}_f_bone) * {p}_k_plasma * {p}_plasma")
    m.flux(f"{p}_burial", f"{p}_bone -> {p}_buried", f"{p}_k_surface * formation_rel * {p}_bone")
    m.flux(f"{p}_surface_release", f"{p}_bone -> {p}_plasma", f"{p}_k_surface * OC / OC0 * {p}_bone")
    m.flux(f"{p}_release", f"{p}_buried -> {p}_plasma", f"{p}_k_release * OC / OC0 * {p}_buried")
    m.multiply("oc_apoptosis_factor", f"1 + {p}_Emax * {p}_bone / ({p}_EC50 + {p}_bone)",
               f"surface-bound {label} kills resorbing osteoclasts")
    m.edge(label, "osteoclast apoptosis", 1, "Emax of surface-bound drug", "human", JORG2022,
           rule="oc_apoptosis_factor", parameters=(f"{p}_Emax", f"{p}_EC50"))
    return m.build()


EMAX_ASSUMPTION = ("assumption: Jorg 2022 eLife 11:e76228 has 42 (1.0007/0.0238 per day), which collapses the "
                   "Peterson & Riggs osteoclast pool numerically (CVODE failures in calibration); capped at 5")
# a surface half-life of one year at young-adult turnover: start value of the zoledronate fit
K_SURFACE_START = math.log(2) / 8766.0


def _recycled(apparent_half_life_h: float, f_bone: float) -> float:
    """Release rate of buried drug whose skeleton-wide half-life, with the fraction ``f_bone`` of every
    release bound again, is ``apparent_half_life_h``."""
    return math.log(2) / apparent_half_life_h / (1.0 - f_bone)


def build_zoledronic_acid() -> Module:
    return _bisphosphonate(
        "zol", "zoledronic acid", F=(1.0, ZOMETA + " (IV)"), ka_per_h=None,
        k_plasma=(math.log(2) / 1.87, ZOMETA + ": t1/2 beta 1.87 h"),
        f_bone=(0.6, CHEN2002 + ": 38-41 % of the dose in urine in 24 h"),
        skeletal_half_life_h=(10 * 8766.0,
                              "assumption: skeletal half-life of alendronate (> 10 years, " + KHAN1997 + ") as the "
                              "skeleton-wide half-life with recycling; the 4526 h terminal plasma half-life ("
                              + CHEN2002 + ") reflects the surface pool"),
        ec50=(fitted("zol_EC50", 0.05), "fitted to " + FIT_ZOL),
        emax=(fitted("zol_Emax", 5.0), "fitted to " + FIT_ZOL),
        k_surface=(fitted("zol_k_surface", K_SURFACE_START), "fitted to " + FIT_ZOL + "; structure: " + CREMERS2005),
    )


def build_alendronate() -> Module:
    return _bisphosphonate(
        "aln", "alendronate", F=(0.0076, GERTZ1995 + ": 0.76 % in women, fasting"), ka_per_h=2.0,
        k_plasma=(math.log(2) / 1.4, PORRAS1999 + ": plasma to ~5 % within 6 h"),
        f_bone=(0.5, PORRAS1999 + ": ~50 % of the systemic dose excreted in urine"),
        skeletal_half_life_h=(10 * 8766.0, KHAN1997 + ": skeletal half-life > 10 years, with recycling"),
        ec50=(fitted("aln_EC50", 0.05), "fitted to " + FIT_ALN),
        emax=(5.0, EMAX_ASSUMPTION),
        k_surface=(fitted("zol_k_surface", K_SURFACE_START),
                   "zoledronic acid's fitted value (" + FIT_ZOL + "): burial under new bone and release by "
                   "resorption are properties of the bone surface, not of the drug (assumption)"),
    )


register(DrugSpec(
    name="zoledronic_acid", build=build_zoledronic_acid, dose_state="zol_dose", amount_per_mg=1.0,
    route="iv", max_single_dose_mg=10.0, typical_regimen="5 mg IV every 12 months", citation=CHEN2002,
))
register(DrugSpec(
    name="alendronate", build=build_alendronate, dose_state="aln_dose", amount_per_mg=1.0,
    route="oral", max_single_dose_mg=140.0, typical_regimen="70 mg every week", citation=PORRAS1999,
))
