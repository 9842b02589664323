"""Bisphosphonates: zoledronic acid (IV) and alendronate (oral).

PK (each drug): a plasma pool cleared fast, a fraction taken up by bone; the bone-bound drug is
released as bone is resorbed (release rate x resorption relative to the young adult), so
retention lengthens when turnover is suppressed (Calvo-Gallego, Pivonka, Martinez-Reina 2022
Front Bioeng Biotechnol 10:940620 describe the same release-on-resorption mechanism).
Effect: bone-bound drug, taken up by resorbing osteoclasts, adds osteoclast apoptosis:
KLSoc x (1 + Emax * A_bone / (EC50 + A_bone)); Emax = 5 (Jorg 2022 eLife 11:e76228 has 42, which
makes the Peterson & Riggs osteoclast pool collapse numerically: an assumption, documented);
EC50 of each drug fitted to its resorption-marker suppression (calibrate stage 5).

Zoledronic acid: plasma t1/2 1.87 h (Zometa label), 38-41 % of the dose excreted in urine in 24 h
so ~60 % to bone (Chen 2002 J Clin Pharmacol 42:1228); skeletal retention assumed as alendronate's
(a single dose acts for 5 years: Grey 2017 CMAJ 189:E1130).
Alendronate: oral bioavailability 0.76 % in women (Gertz 1995 Clin Pharmacol Ther 58:288), ~50 %
of the systemic dose to bone (Porras 1999 Clin Pharmacokinet 36:315), plasma to ~5 % within 6 h
(t1/2 ~1.4 h, Porras 1999), skeletal half-life > 10 years (Khan 1997 JBMR 12:1700).
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
FIT_ZOL = ("resorption marker -55 % vs placebo 12 months after 5 mg (Reclast label b-CTx, secondary copy; "
           "HORIZON-PFT Black 2007 NEJM 356:1809); myosteo.validation.calibrate stage 5")
FIT_ALN = ("urine NTX -52 % at 3 months on alendronate 70 mg weekly (Hosking 2003, alendronate vs "
           "risedronate trial); myosteo.validation.calibrate stage 5")


def _bisphosphonate(p: str, label: str, *, F: tuple[float, str], ka_per_h: float | None,
                    k_plasma: tuple[float, str], f_bone: tuple[float, str], k_release: tuple[float, str],
                    ec50: tuple[float, str]) -> Module:
    m = ModuleBuilder(p, f"{label}: PK with bone binding and osteoclast apoptosis", time_unit="hour",
                      references=[JORG2022])
    m.parameter(f"{p}_F", F[0], "1", F[1], "bioavailability")
    m.parameter(f"{p}_k_plasma", k_plasma[0], "1/h", k_plasma[1], "plasma elimination rate (renal + bone uptake)")
    m.parameter(f"{p}_f_bone", f_bone[0], "1", f_bone[1], "fraction of the systemic dose taken up by bone")
    m.parameter(f"{p}_k_release", k_release[0], "1/h", k_release[1],
                "release rate of bone-bound drug at young-adult resorption")
    m.parameter(f"{p}_Emax", 5.0, "1",
                "assumption: Jorg 2022 eLife 11:e76228 has 42 (1.0007/0.0238 per day), which collapses the "
                "Peterson & Riggs osteoclast pool numerically (CVODE failures in calibration); capped at 5",
                "maximal added osteoclast apoptosis (x basal)")
    m.parameter(f"{p}_EC50", ec50[0], "mg", ec50[1], "bone-bound amount for half-maximal effect",
                bounds=(1e-5, 1e5))
    m.state(f"{p}_dose", 0.0, "mg", "dosing depot (gut for oral, infusion line for IV)")
    m.state(f"{p}_plasma", 0.0, "mg", "drug in plasma")
    m.state(f"{p}_bone", 0.0, "mg", "drug bound to bone surfaces")
    ka = ka_per_h if ka_per_h is not None else 12.0  # IV: 15-minute infusion ~ first order, t1/2 ~3.5 min
    m.parameter(f"{p}_ka", ka, "1/h", "Porras 1999 (absorption complete within ~1 h)" if ka_per_h else
                "15-minute IV infusion represented as a fast first-order input (model convention)",
                "absorption / infusion rate")
    m.flux(f"{p}_absorption", f"{p}_dose -> {p}_plasma", f"{p}_F * {p}_ka * {p}_dose")
    m.flux(f"{p}_not_absorbed", f"{p}_dose ->", f"(1 - {p}_F) * {p}_ka * {p}_dose")
    m.flux(f"{p}_bone_uptake", f"{p}_plasma -> {p}_bone", f"{p}_f_bone * {p}_k_plasma * {p}_plasma")
    m.flux(f"{p}_renal", f"{p}_plasma ->", f"(1 - {p}_f_bone) * {p}_k_plasma * {p}_plasma")
    m.flux(f"{p}_release", f"{p}_bone ->", f"{p}_k_release * OC / OC0 * {p}_bone")
    m.multiply("oc_apoptosis_factor", f"1 + {p}_Emax * {p}_bone / ({p}_EC50 + {p}_bone)",
               f"bone-bound {label} kills resorbing osteoclasts")
    m.edge(label, "osteoclast apoptosis", 1, "Emax of bone-bound drug", "human", JORG2022,
           rule="oc_apoptosis_factor", parameters=(f"{p}_Emax", f"{p}_EC50"))
    return m.build()


def build_zoledronic_acid() -> Module:
    return _bisphosphonate(
        "zol", "zoledronic acid", F=(1.0, ZOMETA + " (IV)"), ka_per_h=None,
        k_plasma=(math.log(2) / 1.87, ZOMETA + ": t1/2 beta 1.87 h"),
        f_bone=(0.6, CHEN2002 + ": 38-41 % of the dose in urine in 24 h"),
        k_release=(math.log(2) / (10 * 8766.0),
                   "assumption: skeletal half-life of alendronate (> 10 years, " + KHAN1997 + "); the 4526 h "
                   "terminal plasma half-life (" + CHEN2002 + ") reflects slow release of a surface fraction, "
                   "and a single 5 mg dose stays effective for 5 years (Grey 2017 CMAJ 189:E1130)"),
        ec50=(fitted("zol_EC50", 0.05), "fitted to " + FIT_ZOL),
    )


def build_alendronate() -> Module:
    return _bisphosphonate(
        "aln", "alendronate", F=(0.0076, GERTZ1995 + ": 0.76 % in women, fasting"), ka_per_h=2.0,
        k_plasma=(math.log(2) / 1.4, PORRAS1999 + ": plasma to ~5 % within 6 h"),
        f_bone=(0.5, PORRAS1999 + ": ~50 % of the systemic dose excreted in urine"),
        k_release=(math.log(2) / (10 * 8766.0), KHAN1997 + ": skeletal half-life > 10 years"),
        ec50=(fitted("aln_EC50", 0.05), "fitted to " + FIT_ALN),
    )


register(DrugSpec(
    name="zoledronic_acid", build=build_zoledronic_acid, dose_state="zol_dose", amount_per_mg=1.0,
    route="iv", max_single_dose_mg=10.0, typical_regimen="5 mg IV every 12 months", citation=CHEN2002,
))
register(DrugSpec(
    name="alendronate", build=build_alendronate, dose_state="aln_dose", amount_per_mg=1.0,
    route="oral", max_single_dose_mg=140.0, typical_regimen="70 mg every week", citation=PORRAS1999,
))
