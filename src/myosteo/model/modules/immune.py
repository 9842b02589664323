"""Immune layer and circulating cytokines: leukocyte subsets per compartment, disease drive, CRP.

Compartments: ``joint`` (rheumatoid arthritis), ``gut`` (Crohn's disease, ulcerative colitis),
``pancreas`` (type 1 diabetes insulitis, systemic low-grade inflammation). Each has a disease
drive D (0 = healthy, 1 = high activity; a ``varying`` parameter the scenario sets from the
disease activity, and may change during a run). In each compartment four leukocyte subsets
(relative to the healthy level, 1) follow first-order dynamics toward drive-dependent targets:

    M1 (inflammatory macrophages), Th17  -> rise with D, suppressed by glucocorticoid and JAK
                                            inhibition; Th17 differentiation needs IL-6 signalling
    Treg, M2                             -> rise less (the Th17/Treg and M1/M2 balance shifts)

Cytokines are fast (half-lives of minutes to hours) compared with days, so they are algebraic
(quasi-steady state): level = healthy age-expected level x (1 + sum over compartments of
weight x (cell - 1)) x perturbation factor. The weights are derived from cited fold changes at
high activity (parameters ``*_fold_*``), so that every number traces to a source. The healthy
level rises with age (inflammaging). Drugs act on the free level (anti-TNF antibodies) or on
signalling (IL-6 receptor blockade, JAK inhibition): ``tnf_signal_rel`` and ``il6_signal_rel``
are what tissues see, relative to the healthy age-expected level (crosstalk edges act on these
deviations; healthy aging of bone and muscle is already in their fitted aging terms).

Clinical read-outs: CRP (hepatic, driven by IL-6 signalling), joint inflammation -> DAS28-CRP,
gut inflammation -> faecal calprotectin.
"""

from __future__ import annotations

from myosteo.model.core import Module, ModuleBuilder

COMPARTMENTS = ("joint", "gut", "pancreas")
COLAUS = "Marques-Vidal 2011 PLoS One 6:e21002 (CoLaus, n=6085: IL-6 1.47, TNF 2.89, IL-1b 1.17 pg/mL, CRP 1.3 mg/L)"
RA_IL6 = "J Clin Rheumatol 1995 1:93 (RA IL-6 13.3 pg/mL vs controls < 3.13); Wei 2015 Med Sci Monit 21:4030"
RA_TNF = "Wei 2015 Med Sci Monit 21:4030 (RA vs control TNF SMD 1.93); RA pooled TNF meta-analysis"
RA_CRP = "Hindawi Arthritis 2015:401690 (median CRP 10 mg/L at DAS28-CRP 5.1)"
CD_CYT = ("Slowinska-Solnica 2021 Arch Med Sci 17:252 (IL-6 and CRP higher in active CD); active CD IL-6 "
          "20.0 vs 9.3 and TNF 137 vs 31 pg/mL (ELISA; citation recalled)")
T1D_CYT = "Cano-Cano 2022 J Clin Med 11:1303 (T1D IL-1b SMD 2.45); Qiao 2017 PLoS One 12:e0176157 (TNF raised)"
FC = "Lee 2019 Korean J Intern Med 34:72 (active IBD calprotectin ~1000 ug/g); Crawford 2021 (healthy 35 ug/g)"
DAS28 = "Prince 2012 Arthritis Res Ther 14:R68 (DAS28-CRP formula)"
ASSUMED_CELLS = ("assumption: leukocyte-subset targets at high activity (2-4x healthy; Th17/Treg and M1/M2 "
                 "ratios rise: Bedathuru 2024 NPJ Syst Biol Appl 10:126, structure only)")
INFLAMMAGING = ("CoLaus 2011 (TNF rises with age; IL-6 flat 35-75 y); Visser 2002 J Gerontol A 57:M326 "
                "('high' IL-6 > 1.8, TNF > 3.2 pg/mL at 70-79 y)")

# cytokine: (healthy young level, unit, source, {compartment: fold at high activity}, cells producing it)
CYTOKINES: dict[str, tuple[float, str, str, dict[str, float], tuple[str, ...]]] = {
    "tnf_alpha": (2.89, "pg/mL", COLAUS, {"joint": 3.0, "gut": 4.0, "pancreas": 1.3}, ("M1",)),
    "il6": (1.47, "pg/mL", COLAUS, {"joint": 9.0, "gut": 2.2, "pancreas": 1.5}, ("M1", "Th17")),
    "il1b": (1.17, "pg/mL", COLAUS, {"joint": 2.0, "gut": 2.0, "pancreas": 2.5}, ("M1",)),
    "il17": (1.0, "pg/mL", "assumption: serum IL-17 ~1 pg/mL (high-sensitivity; assay-dependent)",
             {"joint": 1.5, "gut": 1.8, "pancreas": 1.2}, ("Th17",)),
    "il10": (3.0, "pg/mL", "Clin Chem Lab Med 2003 41:1335 (healthy IL-10 ~1-5 pg/mL)",
             {"joint": 1.3, "gut": 1.5, "pancreas": 1.0}, ("Treg", "M2")),
}
FOLD_SOURCES = {"joint": RA_IL6 + "; " + RA_TNF, "gut": CD_CYT, "pancreas": T1D_CYT}
CELLS = ("M1", "Th17", "Treg", "M2")
CELL_GAIN = {"M1": 3.0, "Th17": 3.0, "Treg": 1.0, "M2": 1.0}  # target - 1 at D = 1 (ASSUMED_CELLS)


def build() -> Module:
    m = ModuleBuilder("immune", "Leukocyte subsets per compartment, cytokines, CRP and disease read-outs",
                      time_unit="day", references=[COLAUS, RA_IL6, CD_CYT, T1D_CYT, DAS28])
    m.signal("gc_immune_suppression", 0.0, "1", "fraction of cytokine-producing activity suppressed by "
             "glucocorticoid above the physiological level", combine="sum")
    m.signal("jak_inhibition", 0.0, "1", "fraction of JAK-STAT signalling inhibited", combine="sum")
    m.signal("tnf_free_fraction", 1.0, "1", "fraction of TNF not neutralised (anti-TNF antibodies)")
    m.signal("il6r_free_fraction", 1.0, "1", "fraction of IL-6 receptor not blocked (tocilizumab)")
    m.parameter("k_leukocyte", 0.1, "1/day", "assumption: immune-cell populations turn over in ~1-2 weeks "
                "(macrophage and T-cell lifespans of days to weeks)", "rate of leukocyte-subset adaptation")
    for c in COMPARTMENTS:
        m.parameter(f"disease_drive_{c}", 0.0, "1", "scenario input (disease and its activity)",
                    f"{c}: disease drive (0 healthy, 1 high activity)", bounds=(0.0, 1.5), varying=True)
    for cell in CELLS:
        m.parameter(f"{cell.lower()}_gain", CELL_GAIN[cell], "1", ASSUMED_CELLS,
                    f"{cell}: rise above healthy at drive 1")
    m.parameter("k_jak_effect", 2.0, "1/day", "assumption: transcriptional effects of JAK inhibition outlast "
                "the 3-hour half-life (daily averaging; twice-daily dosing holds clinical effect)",
                "rate at which the JAK effect follows inhibition")
    m.state("jak_effect", 0.0, "1", "daily-averaged JAK inhibition")
    m.ode("jak_effect", "k_jak_effect * (min(0.95, jak_inhibition) - jak_effect)")
    m.parameter("jak_immune_share", 0.8, "1", "assumption: JAK1/3 inhibition blocks most cytokine-receptor "
                "signalling that activates leukocytes (IL-6, IFN, IL-2/15, GM-CSF)", "share of leukocyte "
                "activation that needs JAK signalling")
    m.rule("immune_suppression", "max(0, 1 - min(0.95, gc_immune_suppression)) * max(0, 1 - jak_immune_share * jak_effect)",
           "1", "remaining inflammatory activation under glucocorticoid and JAK inhibition")
    for c in COMPARTMENTS:
        d = f"disease_drive_{c}"
        targets = {
            "M1": f"1 + m1_gain * {d} * immune_suppression",
            "Th17": f"1 + th17_gain * {d} * immune_suppression * min(2, il6_signal_rel)^0.5",
            "Treg": f"1 + treg_gain * {d}",
            "M2": f"1 + m2_gain * {d}",
        }
        for cell, target in targets.items():
            s = f"{cell.lower()}_{c}"
            m.state(s, 1.0, "1", f"{c}: {cell} cells relative to healthy")
            m.ode(s, f"k_leukocyte * ({target} - {s})")
    # inflammaging
    m.parameter("inflammaging_per_decade", 0.08, "1/decade", INFLAMMAGING + " (assumption: +8 % per decade "
                "after 40: TNF 2.9 -> ~3.2 pg/mL at 75)", "rise of healthy TNF-alpha and CRP with age")
    m.rule("inflammaging", "1 + inflammaging_per_decade * max(0, age_years - 40) / 10", "1",
           "healthy age-expected TNF-alpha level relative to the young adult (IL-6 is flat from 35 to "
           "75 y in CoLaus; other cytokines held flat)")
    for name, (base, unit, src, folds, cells) in CYTOKINES.items():
        m.parameter(f"{name}_young_{unit.replace('/', '_').lower()}", base, unit, src, f"healthy young {name}")
        m.parameter(f"perturb_{name}", 1.0, "1", "scenario input ([[perturbation]])",
                    f"perturbation factor on {name} (0 = knock-out)", bounds=(0.0, 100.0), varying=True)
        terms = []
        for c, fold in folds.items():
            m.parameter(f"{name}_fold_{c}", fold, "1", FOLD_SOURCES[c] if name != "il10" else src,
                        f"{name} at high {c} activity relative to healthy")
            per_cell = " + ".join(f"({cell.lower()}_{c} - 1) / {cell.lower()}_gain" for cell in cells)
            terms.append(f"({name}_fold_{c} - 1) * ({per_cell}) / {len(cells)}")
        expected = f"{name}_young_{unit.replace('/', '_').lower()}" + (" * inflammaging" if name == "tnf_alpha" else "")
        m.rule(f"{name}_expected", expected, unit, f"healthy age-expected {name}")
        m.rule(f"{name}_production_rel", "1 + " + " + ".join(terms), "1",
               f"{name} production relative to healthy (immune cells)")
    # IL-10 restrains the others (feedback is weak here; IL-10's rise is the M2/Treg read-out)
    m.parameter("tnf_il6_induction", 0.5, "1", "assumption: TNF induces IL-6 (anti-TNF lowers IL-6 and CRP: "
                "Subramaniam 2015; Vis 2006)", "exponent of free TNF on IL-6 production")
    m.rule("tnf_alpha_pg_ml", "tnf_alpha_expected * tnf_alpha_production_rel * perturb_tnf_alpha", "pg/mL",
           "serum TNF-alpha (total)")
    m.rule("tnf_signal_rel", "tnf_alpha_pg_ml * tnf_free_fraction / tnf_alpha_expected", "1",
           "free TNF-alpha relative to the healthy age-expected level")
    m.parameter("il6_receptor_clearance_share", 0.5, "1", "Zhang 2013 Int J Clin Pharmacol Ther 51:620 "
                "(serum IL-6 rises on tocilizumab: receptor-mediated clearance; share assumed)",
                "share of IL-6 clearance through its receptor")
    m.rule("il6_pg_ml",
           "il6_expected * il6_production_rel * max(0.05, tnf_signal_rel)^tnf_il6_induction * perturb_il6 / "
           "(1 - il6_receptor_clearance_share * (1 - il6r_free_fraction))", "pg/mL",
           "serum IL-6 (rises when the receptor is blocked)")
    m.rule("il6_signal_rel", "il6_pg_ml * il6r_free_fraction * (1 - 0.9 * jak_effect) / il6_expected",
           "1", "IL-6 signalling (receptor-bound, JAK-STAT3) relative to the healthy age-expected level")
    for name in ("il1b", "il17", "il10"):
        unit = CYTOKINES[name][1]
        m.rule(f"{name}_pg_ml", f"{name}_expected * {name}_production_rel * perturb_{name}", unit, f"serum {name}")
        m.rule(f"{name}_rel", f"{name}_pg_ml / {name}_expected", "1", f"{name} relative to healthy age-expected")
    # CRP
    m.parameter("crp_young_mg_l", 1.3, "mg/L", COLAUS, "healthy young CRP")
    m.parameter("crp_il6_gamma", 1.0, "1", "derived: CRP ~1.3 -> ~10-20 mg/L with IL-6 x9 in active RA ("
                + RA_CRP + ")", "exponent of IL-6 signalling on hepatic CRP")
    m.rule("crp_mg_l", "crp_young_mg_l * inflammaging * il6_signal_rel^crp_il6_gamma", "mg/L", "serum CRP")
    # clinical inflammation of joint and gut (what activity scores measure)
    m.parameter("k_tissue_inflammation", 0.1, "1/day", "assumption: clinical response to effective "
                "treatment within weeks (DAS28 4.4 -> 2.6 in 3 months on tofacitinib: Palmroth 2021)",
                "rate of joint/gut inflammation adaptation")
    for c in ("joint", "gut"):
        m.state(f"inflammation_{c}", 0.0, "1", f"{c}: clinical inflammation (0 none, 1 high activity)")
        m.ode(f"inflammation_{c}",
              f"k_tissue_inflammation * (disease_drive_{c} * immune_suppression * min(2, tnf_signal_rel / "
              f"max(1e-6, tnf_alpha_production_rel))^0.5 * min(2, il6_signal_rel / max(1e-6, il6_production_rel))^0.3 "
              f"- inflammation_{c})")
    m.parameter("tjc_high", 16.0, "joints", "assumption: tender joints at high activity (RA trial baselines)",
                "tender-joint count at inflammation 1")
    m.parameter("sjc_high", 10.0, "joints", "assumption: swollen joints at high activity (RA trial baselines)",
                "swollen-joint count at inflammation 1")
    m.parameter("ptga_high_mm", 60.0, "mm", "assumption: patient global at high activity", "patient global at inflammation 1")
    m.rule("das28_crp",
           "0.56 * sqrt(tjc_high * inflammation_joint) + 0.28 * sqrt(sjc_high * inflammation_joint) + "
           "0.36 * ln(crp_mg_l + 1) + 0.014 * (10 + ptga_high_mm * inflammation_joint) + 0.96", "1",
           "DAS28-CRP (" + DAS28 + ")")
    m.parameter("calprotectin_healthy_ug_g", 35.0, "ug/g", FC, "healthy faecal calprotectin")
    m.parameter("calprotectin_high_ug_g", 1000.0, "ug/g", FC, "faecal calprotectin at high IBD activity")
    m.rule("calprotectin_ug_g", "calprotectin_healthy_ug_g + (calprotectin_high_ug_g - calprotectin_healthy_ug_g) * "
           "inflammation_gut", "ug/g", "faecal calprotectin")
    return m.build()
