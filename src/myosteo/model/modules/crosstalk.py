"""Muscle-bone-immune crosstalk: mediators (myokines, osteokines, adipokines) and the signed edges.

Every mediator is a *node* with a read-out in real units and a perturbation factor
(``perturb_<node>``, varying, 1 = none, 0 = knock-out; set by ``[[perturbation]]``). Edges act on
the node's deviation from its healthy age-expected level (``<node>_rel``): the healthy aging of
bone and muscle is already in their fitted aging terms, so counting age-driven mediator changes
again would double it. Undercarboxylated osteocalcin and RANKL come from the simulated skeleton,
whose healthy trajectory has no closed form: they act relative to the patient's own level at the
scenario start (a reference state tracks them until ``scenario_start_age_years`` and then holds),
so drugs and diseases during the scenario act through them and pre-scenario aging does not.

Contested edges (reference notes section 5) are present with a switch parameter
``switch_<edge>`` (0 = off, the default; 1 = on) and ``contested=True``: FGF21 -> bone formation,
irisin -> osteocyte sclerostin, glucocorticoid -> sclerostin, sclerostin -> muscle,
adiponectin -> lean mass, leptin -> bone formation.

Exponents without a human effect size are priors (the source says so); the disease-relevant
ones are fitted in calibration stage 7 (``myosteo.validation.calibrate_crosstalk``).
"""

from __future__ import annotations

from typing import Literal

from myosteo.model.core import Evidence, Module, ModuleBuilder
from myosteo.model.fitted import fitted

MODDER = "Modder 2011 J Bone Miner Res 26:373 (sclerostin men 33.3, women 23.7 pmol/L; x4.6 / x2.4 from 21 to 97 y)"
HANNEMANN = "Hannemann 2013 BMC Endocr Disord 13:11 (total osteocalcin 15.4 ng/mL men, 14.4 premenopausal women)"
XU2022 = "Xu 2022 Front Endocrinol 13:843912 (ucOC 2.6 ng/mL men, 1.6 women)"
JEDRY = "Jedrychowski 2015 Cell Metab 22:734 (irisin 3.6 ng/mL sedentary, 4.3 with aerobic interval training; MS)"
MYOSTATIN = ("serum myostatin 12.3 ng/mL in young men (J Int Soc Sports Nutr 2016, ELISA); Bergen 2015 Skelet "
             "Muscle 5:21 (young men ~2x young women; older women +34 %)")
WALL2014 = "Wall 2014 Acta Physiol 210:600 (myostatin mRNA ~2x after immobilisation)"
FGF21 = "Hanks 2015 J Clin Transl Endocrinol 2:77 (FGF21 rises with age); older 133 vs young 91 pg/mL (PMID 34130022)"
LEPTIN = "leptin 20.9 (women) vs 6.5 ng/mL (men) (Nutr Metab 2022 19, doi:10.1186/s12986-022-00689-x)"
ADIPONECTIN = "Arita 1999 BBRC 257:79 (adiponectin 1.9-17 ug/mL; lower in obesity; recalled)"
DANKBAR = "Dankbar 2015 Nat Med 21:1085 (myostatin drives RANKL-induced osteoclastogenesis)"
BONNET = "Bonnet 2019 J Clin Invest 129:3214 (RANKL lowers muscle strength; denosumab raises grip and ALM)"
COMPSTON = "Compston 2018 Endocrine 61:7 (glucocorticoids: osteoblast apoptosis, RANKL/OPG, Ca absorption)"
MERA_MM = "Mera 2016 Mol Metab 5:1042 (osteocalcin -> muscle protein synthesis; animal)"
MERA_CM = "Mera 2016 Cell Metab 23:1078 (exercise IL-6 -> bioactive osteocalcin; animal)"
FERRON = "Ferron 2010 Cell 142:296 (bone resorption decarboxylates osteocalcin; animal; recalled)"
REDLICH = "Redlich & Smolen 2012 Nat Rev Drug Discov 11:234 (TNF, IL-6, IL-17 drive osteoclastogenesis in RA)"
KOTAKE = "Kotake 1999 J Clin Invest 103:1345 (IL-17 induces osteoblast RANKL)"
GILBERT = "Gilbert 2000 Endocrinology 141:3956 (TNF inhibits osteoblast differentiation; in vitro)"
HOTAMISLIGIL = "Hotamisligil 1993 Science 259:87 (TNF causes insulin resistance; animal)"
VANRAALTE = "van Raalte 2011 Diabetologia 54:2103 (prednisolone insulin resistance in healthy men)"
WEBER = "Weber 2016 (type 1 diabetes: low bone formation; PMC5130154); Shah 2017 Osteoporos Int 28:2601"
COLAIANNI = "Colaianni 2015 PNAS 112:12157 (irisin raises cortical bone mass; animal)"
KIM2018 = "Kim 2018 Cell 175:1756 (irisin raises osteocyte sclerostin via integrin aV; animal)"
KLANG = "Klangjareonchai 2014 (PMC4167818: irisin and sclerostin inversely correlated in humans)"
JACOBSSON = "Jacobsson 2020 JBMR Plus 4:e10341 (2 weeks of prednisolone 30 mg lowered serum sclerostin)"
WEI2012 = "Wei 2012 PNAS 109:3143 (FGF21 lowers bone mass; animal); contested: JBMR 2017 32:834 (no effect)"
ROBLING = "Robling 2008 J Biol Chem 283:5866 (loading lowers osteocyte sclerostin; animal); bed rest raises it"
FROST = "Frost 1987 mechanostat; Laurent 2016 Mol Cell Endocrinol (muscle loading drives bone formation)"
LEE2007 = "Lee 2007 Cell 130:456 (osteocalcin raises insulin sensitivity; animal)"
DREYER = "Dreyer 2023 J Endocrinol review; Kim 2022 EnM 37:487 (sclerostin and muscle: sign unclear)"
TOUSSIROT = "Toussirot 2020 Arthritis Res Ther (HMW adiponectin and lean mass under IL-6R blockade; associative)"
IBD_MALABS = ("Dhaliwal 2021 Nutrients 13:656 (IBD: malabsorption of protein, calcium and vitamin D; "
              "size assumed)")
FIT = "fitted in calibration stage 7 (validation/data/crosstalk_targets.csv)"

#: every node a scenario may perturb ([[perturbation]] signal = ...): parameter perturb_<name>
PERTURBABLE = ("tnf_alpha", "il6", "il1b", "il17", "il10", "igf1", "insulin", "glucocorticoid", "sclerostin",
               "osteocalcin", "rankl", "irisin", "myostatin", "fgf21", "leptin", "adiponectin", "mechanical_loading")

DEFAULTS = {"cytokine_bone_scale": 0.3, "gc_ob_activity_gamma": 0.3, "insulin_ob_gamma": 1.0,
            "inflammation_breakdown_scale": 1.0}


def _f(name: str) -> float:
    return fitted(name, DEFAULTS[name])


def build() -> Module:
    m = ModuleBuilder("crosstalk", "Myokines, osteokines, adipokines and the muscle-bone-immune edges",
                      time_unit="day", references=[MODDER, JEDRY, DANKBAR, BONNET, COMPSTON, MERA_MM])
    _nodes(m)
    _edges_to_bone(m)
    _edges_to_muscle_and_metabolism(m)
    _contested(m)
    return m.build()


def _perturb(m: ModuleBuilder, node: str) -> str:
    m.parameter(f"perturb_{node}", 1.0, "1", "scenario input ([[perturbation]])",
                f"perturbation factor on {node} (0 = knock-out)", bounds=(0.0, 100.0), varying=True)
    return f"perturb_{node}"


def _nodes(m: ModuleBuilder) -> None:
    # sclerostin: the perturbation acts on osteocyte production (bone module)
    m.multiply("sclerostin_production_factor", _perturb(m, "sclerostin"), "sclerostin perturbation")
    m.parameter("sclerostin_mean_male_pmol_l", 33.3, "pmol/L", MODDER, "cohort mean, men 21-97 y")
    m.parameter("sclerostin_mean_female_pmol_l", 23.7, "pmol/L", MODDER, "cohort mean, women 21-97 y")
    m.parameter("sclerostin_age_fold_male", 4.6, "1", MODDER, "rise from 21 to 97 y, men")
    m.parameter("sclerostin_age_fold_female", 2.4, "1", MODDER, "rise from 21 to 97 y, women")
    m.rule("sclerostin_age_readout",
           "(1 + (sex_female * sclerostin_age_fold_female + (1 - sex_female) * sclerostin_age_fold_male - 1) * "
           "max(0, age_years - 21) / 76) / (1 + (sex_female * sclerostin_age_fold_female + (1 - sex_female) * "
           "sclerostin_age_fold_male - 1) * 38 / 76)", "1",
           "circulating age rise relative to the cohort mean age (read-out only: renal and skeletal "
           "accumulation; the bone model's Wnt arm does not see it)")
    m.rule("sclerostin_pmol_l", "(sex_female * sclerostin_mean_female_pmol_l + (1 - sex_female) * "
           "sclerostin_mean_male_pmol_l) * sclerostin_age_readout * scl_total / scl_baseline_nM", "pmol/L",
           "serum sclerostin (total)")
    # osteocalcin (from the simulated skeleton; relative to the young adult)
    m.parameter("osteocalcin_young_male_ng_ml", 15.4, "ng/mL", HANNEMANN, "total osteocalcin, men")
    m.parameter("osteocalcin_young_female_ng_ml", 14.4, "ng/mL", HANNEMANN, "total osteocalcin, premenopausal women")
    m.parameter("ucoc_young_male_ng_ml", 2.6, "ng/mL", XU2022, "undercarboxylated osteocalcin, men")
    m.parameter("ucoc_young_female_ng_ml", 1.6, "ng/mL", XU2022, "undercarboxylated osteocalcin, women")
    m.rule("osteocalcin_ng_ml", "(sex_female * osteocalcin_young_female_ng_ml + (1 - sex_female) * "
           "osteocalcin_young_male_ng_ml) * formation_rel", "ng/mL", "serum total osteocalcin (formation)")
    m.parameter("muscle_il6_exercise_gain", 1.0, "1", "Pedersen & Febbraio 2008 Physiol Rev 88:1379 (muscle "
                "IL-6 rises several-fold with exercise; size assumed)", "muscle IL-6 release per unit exercise stimulus")
    m.rule("muscle_il6_rel", "1 + muscle_il6_exercise_gain * (rt_stimulus + endurance_stimulus) / 2", "1",
           "exercise-induced muscle IL-6 (myokine) relative to rest")
    m.parameter("ucoc_resorption_gamma", 0.5, "1", FERRON, "decarboxylation in resorption lacunae: ucOC x R^gamma")
    m.parameter("ucoc_il6_gamma", 0.3, "1", MERA_CM, "exercise IL-6 raises bioactive osteocalcin")
    m.parameter("scenario_start_age_years", 20.0, "year", "patient covariate (set by the scenario layer)",
                "age at the scenario start: skeleton-derived references hold from here", bounds=(18.0, 110.0))
    m.parameter("k_reference_tracking", 1.0, "1/day", "model convention (fast tracking before the scenario)",
                "rate at which references follow their node before the scenario start")
    m.rule("reference_tracking", "piecewise(k_reference_tracking, age_years < scenario_start_age_years, 0)",
           "1/day", "reference-tracking rate (0 after the scenario start)")
    m.rule("ucoc_raw_rel", "osteoblasts_rel * resorption_rel^ucoc_resorption_gamma", "1",
           "undercarboxylated osteocalcin from the skeleton (secreted by osteoblasts, decarboxylated in "
           "resorption), relative to the young adult")
    m.state("ucoc_reference", 1.0, "1", "ucOC at the scenario start (tracks before it)")
    m.ode("ucoc_reference", "reference_tracking * (ucoc_raw_rel - ucoc_reference)")
    m.rule("osteocalcin_rel", "ucoc_raw_rel / ucoc_reference * muscle_il6_rel^ucoc_il6_gamma * "
           + _perturb(m, "osteocalcin"), "1", "undercarboxylated osteocalcin relative to the scenario start")
    m.rule("ucoc_ng_ml", "(sex_female * ucoc_young_female_ng_ml + (1 - sex_female) * ucoc_young_male_ng_ml) * "
           "ucoc_raw_rel * muscle_il6_rel^ucoc_il6_gamma * perturb_osteocalcin", "ng/mL",
           "serum undercarboxylated osteocalcin")
    # RANKL (bone module, pM)
    m.state("rankl_reference", "L", "1 (relative)", "free RANKL at the scenario start (tracks before it)")
    m.ode("rankl_reference", "reference_tracking * (L - rankl_reference)")
    m.rule("rankl_rel", "L / rankl_reference * " + _perturb(m, "rankl"), "1",
           "free RANKL relative to the scenario start")
    # irisin
    m.parameter("irisin_sedentary_ng_ml", 3.6, "ng/mL", JEDRY, "irisin, sedentary young adult (mass spectrometry)")
    m.parameter("irisin_exercise_gain", 0.19, "1", JEDRY + ": 4.3 / 3.6 - 1", "rise at exercise stimulus 1")
    m.rule("irisin_rel", "(1 + irisin_exercise_gain * max(rt_stimulus, endurance_stimulus)) * "
           + _perturb(m, "irisin"), "1", "irisin relative to the sedentary level (deviation form)")
    m.rule("irisin_ng_ml", "irisin_sedentary_ng_ml * alm_rel * irisin_rel", "ng/mL",
           "serum irisin (from muscle mass and exercise)")
    # myostatin
    m.parameter("myostatin_young_male_ng_ml", 12.3, "ng/mL", MYOSTATIN, "young men (ELISA)")
    m.parameter("myostatin_female_ratio", 0.5, "1", MYOSTATIN, "young women relative to young men")
    m.parameter("myostatin_older_gain", 0.34, "1", MYOSTATIN, "older women relative to young women - 1")
    m.parameter("myostatin_disuse_gain", 1.0, "1", WALL2014, "rise with full disuse of the legs")
    m.parameter("gc_myostatin_gamma", 0.2, "1", "Ma 2003 Am J Physiol Endocrinol Metab 285:E363 (dexamethasone "
                "induces myostatin; animal; size assumed)", "myostatin x glucocorticoid^gamma")
    m.rule("myostatin_activin_rel", "glucocorticoid_rel^gc_myostatin_gamma * " + _perturb(m, "myostatin"), "1",
           "myostatin relative to the healthy age-expected level (the disuse rise is part of the fitted "
           "disuse response of muscle)")
    m.rule("myostatin_ng_ml",
           "myostatin_young_male_ng_ml * (sex_female * myostatin_female_ratio + 1 - sex_female) * "
           "(1 + myostatin_older_gain * min(1, max(0, age_years - 35) / 35)) * "
           "(1 + myostatin_disuse_gain * (disuse_leg_index + disuse_leg_contra) / 2) * myostatin_activin_rel",
           "ng/mL", "serum myostatin")
    # IGF-1 (endocrine module) for muscle
    m.rule("igf1_rel", "igf1_ng_ml / igf1_expected", "1", "IGF-1 relative to the healthy age-expected level")
    # cytokines for muscle (immune module)
    m.rule("il6_rel", "il6_signal_rel", "1", "IL-6 signalling seen by muscle")
    m.rule("tnf_rel", "tnf_signal_rel", "1", "TNF-alpha signalling seen by muscle")
    # FGF21
    m.parameter("fgf21_young_pg_ml", 100.0, "pg/mL", FGF21 + " (young level recalled)", "FGF21, young adult")
    m.parameter("fgf21_age_gain", 0.46, "1", FGF21 + ": 133/91 - 1 (older vs young)", "rise by 70 y")
    m.rule("fgf21_rel", _perturb(m, "fgf21"), "1", "FGF21 relative to the healthy age-expected level")
    m.rule("fgf21_pg_ml", "fgf21_young_pg_ml * (1 + fgf21_age_gain * min(1.5, max(0, age_years - 25) / 45)) * "
           "fgf21_rel", "pg/mL", "serum FGF21")
    # adipokines (fat mass from the muscle module's body composition)
    m.parameter("leptin_young_male_ng_ml", 6.5, "ng/mL", LEPTIN, "leptin, men")
    m.parameter("leptin_young_female_ng_ml", 20.9, "ng/mL", LEPTIN, "leptin, women")
    m.parameter("adiponectin_untreated_ug_ml", 9.0, "ug/mL", ADIPONECTIN, "adiponectin, non-obese adults")
    m.rule("leptin_rel", "fat_rel * " + _perturb(m, "leptin"), "1", "leptin relative to the untreated level (fat mass)")
    m.rule("leptin_ng_ml", "(sex_female * leptin_young_female_ng_ml + (1 - sex_female) * leptin_young_male_ng_ml) "
           "* leptin_rel", "ng/mL", "serum leptin (proportional to fat mass; Considine 1996 NEJM 334:292)")
    m.rule("adiponectin_rel", "fat_rel^(-0.5) * " + _perturb(m, "adiponectin"), "1",
           "adiponectin relative to the untreated level (falls with fat mass)")
    m.rule("adiponectin_ug_ml", "adiponectin_untreated_ug_ml * adiponectin_rel", "ug/mL", "serum adiponectin")
    # mechanical loading of the skeleton by muscle (inputs: disuse and training)
    m.rule("mechanical_loading_rel",
           "(1 - (disuse_leg_index + disuse_leg_contra) / 2) * (1 + 0.3 * rt_stimulus + 0.1 * endurance_stimulus) * "
           + _perturb(m, "mechanical_loading"), "1",
           "skeletal loading by muscle relative to habitual (0 = bed rest)")
    # disease inputs acting on absorption (IBD)
    m.parameter("ibd_protein_malabsorption", 0.25, "1", IBD_MALABS, "protein absorbed less at high gut activity")
    m.parameter("ibd_calcium_malabsorption", 0.3, "1", IBD_MALABS, "calcium absorbed less at high gut activity")
    m.multiply("protein_absorption_factor", "1 - ibd_protein_malabsorption * min(1, inflammation_gut)",
               "intestinal inflammation lowers protein absorption")
    m.multiply("ca_absorption_factor", "1 - ibd_calcium_malabsorption * min(1, inflammation_gut)",
               "intestinal inflammation lowers calcium absorption")
    m.edge("intestinal inflammation", "protein absorption", -1, "linear", "human", IBD_MALABS,
           rule="protein_absorption_factor", parameters=("ibd_protein_malabsorption",))
    m.edge("intestinal inflammation", "calcium absorption", -1, "linear", "human", IBD_MALABS,
           rule="ca_absorption_factor", parameters=("ibd_calcium_malabsorption",))
    m.edge("disuse", "myostatin", 1, "linear", "human", WALL2014, rule="myostatin_ng_ml",
           parameters=("myostatin_disuse_gain",))
    m.edge("exercise", "irisin", 1, "linear", "human", JEDRY, rule="irisin_rel", parameters=("irisin_exercise_gain",))
    m.edge("exercise", "bioactive osteocalcin", 1, "power law", "animal", MERA_CM,
           rule="osteocalcin_rel", parameters=("ucoc_il6_gamma",))
    m.edge("bone resorption", "bioactive osteocalcin", 1, "power law", "animal", FERRON,
           rule="ucoc_raw_rel", parameters=("ucoc_resorption_gamma",))


def _power(m: ModuleBuilder, name: str, value: float, source: str, desc: str, bounds=(0.0, 3.0)) -> str:
    m.parameter(name, value, "1", source, desc, bounds=bounds)
    return name


def _power_law(m: ModuleBuilder, source: str, target: str, sign: Literal[1, -1], evidence: Evidence, citation: str,
               *, factor: str, base: str, gamma: str, effect: str, scale: str | None = None,
               contested: bool = False) -> None:
    """The signed power-law edge ``source`` -> ``target``: multiplies the shared factor ``factor`` by
    ``base`` ^ (sign * ``gamma`` [* ``scale``]) and records the edge with its ``evidence`` and ``citation``.

    ``base`` is a dimensionless level relative to healthy (1 = no effect); ``gamma`` names the exponent
    parameter (dimensionless, declared with :func:`_power`); ``scale``, when given, names a second
    parameter the exponent is multiplied by (a fitted overall scale or a contested edge's 0/1 switch)
    and is listed with ``gamma`` as the edge's parameters. ``effect`` describes the contribution.
    The edge's sign and the exponent's sign come from the one ``sign``.
    """
    exponent = ("-" if sign == -1 else "") + gamma + ("" if scale is None else f" * {scale}")
    m.multiply(factor, f"{base}^{exponent}" if exponent == gamma else f"{base}^({exponent})", effect)
    m.edge(source, target, sign, "power law", evidence, citation, rule=factor,
           parameters=(gamma,) if scale is None else (gamma, scale), contested=contested)


def _edges_to_bone(m: ModuleBuilder) -> None:
    m.parameter("cytokine_bone_scale", _f("cytokine_bone_scale"), "1", FIT + " (Gough 1994 Lancet 344:23: "
                "excess spine and hip loss in early active RA)", "scale of the cytokine -> bone exponents "
                "(their ratios are priors)", bounds=(0.0, 10.0))
    g = _power(m, "tnf_rankl_gamma", 0.2, "prior (" + REDLICH + "; relative size assumed; overall scale fitted)", "RANKL x TNF^gamma")
    _power_law(m, "TNF-alpha", "RANKL production", 1, "human", REDLICH, factor="rankl_production_factor",
               base="tnf_signal_rel", gamma=g, scale="cytokine_bone_scale", effect="TNF raises RANKL")
    g = _power(m, "tnf_oc_gamma", 0.1, "prior (" + REDLICH + "; size assumed)", "osteoclast formation x TNF^gamma")
    _power_law(m, "TNF-alpha", "osteoclast formation", 1, "animal", REDLICH, factor="oc_formation_factor",
               base="tnf_signal_rel", gamma=g, scale="cytokine_bone_scale", effect="TNF primes osteoclast precursors")
    g = _power(m, "tnf_ob_gamma", 0.1, "prior (" + GILBERT + "; relative size assumed)", "osteoblast differentiation x TNF^-gamma")
    _power_law(m, "TNF-alpha", "osteoblast differentiation", -1, "in vitro", GILBERT,
               factor="ob_differentiation_factor", base="tnf_signal_rel", gamma=g, scale="cytokine_bone_scale",
               effect="TNF inhibits osteoblast differentiation")
    g = _power(m, "il6_oc_gamma", 0.1, "prior (" + REDLICH + "; relative size assumed)", "osteoclast formation x IL-6^gamma")
    _power_law(m, "IL-6", "osteoclast formation", 1, "human", REDLICH + "; tocilizumab lowers CTX (Chen 2017)",
               factor="oc_formation_factor", base="il6_signal_rel", gamma=g, scale="cytokine_bone_scale",
               effect="IL-6 drives osteoclast maturation")
    g = _power(m, "il17_rankl_gamma", 0.1, "prior (" + KOTAKE + "; relative size assumed)", "RANKL x IL-17^gamma")
    _power_law(m, "IL-17", "RANKL production", 1, "in vitro", KOTAKE, factor="rankl_production_factor",
               base="il17_rel", gamma=g, scale="cytokine_bone_scale", effect="IL-17 induces osteoblast RANKL")
    g = _power(m, "il1b_oc_gamma", 0.05, "prior (Redlich & Smolen 2012; size assumed)", "osteoclast formation x IL-1b^gamma")
    _power_law(m, "IL-1beta", "osteoclast formation", 1, "animal", REDLICH, factor="oc_formation_factor",
               base="il1b_rel", gamma=g, scale="cytokine_bone_scale", effect="IL-1b supports osteoclastogenesis")
    # glucocorticoid
    g = _power(m, "gc_ob_differentiation_gamma", 0.05, "prior (" + COMPSTON + "; size assumed; the GC spine "
               "loss is fitted through formation per osteoblast)", "osteoblast differentiation x GC^-gamma")
    _power_law(m, "glucocorticoid", "osteoblast differentiation", -1, "human", COMPSTON,
               factor="ob_differentiation_factor", base="glucocorticoid_rel", gamma=g,
               effect="GC suppress osteoblastogenesis")
    g = _power(m, "gc_ob_apoptosis_gamma", 0.05, "prior (" + COMPSTON + "; Weinstein 1998 J Clin Invest "
               "102:274, osteoblast apoptosis in GC-treated mice and patients; size assumed)",
               "osteoblast apoptosis x GC^gamma")
    _power_law(m, "glucocorticoid", "osteoblast apoptosis", 1, "human", COMPSTON, factor="ob_apoptosis_factor",
               base="glucocorticoid_rel", gamma=g, effect="GC induce osteoblast apoptosis")
    g = _power(m, "gc_ob_activity_gamma", _f("gc_ob_activity_gamma"), FIT + "; osteocalcin -41 % by day 3 "
               "(J Bone Miner Metab 2007, doi:10.1007/s00774-007-0821-5)", "formation per osteoblast x GC^-gamma")
    _power_law(m, "glucocorticoid", "bone formation per osteoblast", -1, "human", COMPSTON,
               factor="ob_activity_factor", base="glucocorticoid_rel", gamma=g,
               effect="GC suppress matrix synthesis at once")
    g = _power(m, "gc_rankl_gamma", 0.01, "prior (" + COMPSTON + "; size assumed small: resorption in this "
               "model is steeply RANKL-dependent, and the GC spine loss is fitted through formation)", "RANKL x GC^gamma")
    _power_law(m, "glucocorticoid", "RANKL production", 1, "human", COMPSTON, factor="rankl_production_factor",
               base="glucocorticoid_rel", gamma=g, effect="GC raise RANKL/OPG")
    g = _power(m, "gc_ca_absorption_gamma", 0.03, "prior (" + COMPSTON + "; size assumed)", "Ca absorption x GC^-gamma")
    _power_law(m, "glucocorticoid", "calcium absorption", -1, "human", COMPSTON, factor="ca_absorption_factor",
               base="glucocorticoid_rel", gamma=g, effect="GC lower intestinal calcium absorption")
    # insulin / IGF-1
    g = _power(m, "insulin_ob_gamma", _f("insulin_ob_gamma"), FIT + "; " + WEBER,
               "formation per osteoblast x insulin^gamma (T1D is a low-formation state)", (0.0, 6.0))
    _power_law(m, "insulin", "bone formation per osteoblast", 1, "human", WEBER, factor="ob_activity_factor",
               base="insulin_action_rel", gamma=g, effect="insulin supports bone formation")
    g = _power(m, "igf1_ob_gamma", 0.2, "prior (IGF-1 is an osteoblast anabolic factor; size assumed)",
               "formation per osteoblast x IGF-1^gamma")
    _power_law(m, "IGF-1", "bone formation per osteoblast", 1, "human", "Giustina 2008 Endocr Rev 29:535",
               factor="ob_activity_factor", base="igf1_rel", gamma=g, effect="IGF-1 raises matrix synthesis")
    # myokines and loading
    g = _power(m, "myostatin_oc_gamma", 0.1, "prior (" + DANKBAR + "; size assumed)", "osteoclast formation x myostatin^gamma")
    _power_law(m, "myostatin", "osteoclast formation", 1, "animal", DANKBAR, factor="oc_formation_factor",
               base="myostatin_activin_rel", gamma=g, effect="myostatin drives osteoclastogenesis")
    g = _power(m, "myostatin_ob_gamma", 0.05, "prior (Front Genet 2021 review: myostatin knockout raises cortical "
               "thickness; size assumed)", "osteoblast differentiation x myostatin^-gamma")
    _power_law(m, "myostatin", "osteoblast differentiation", -1, "animal", "Front Genet 2021 review",
               factor="ob_differentiation_factor", base="myostatin_activin_rel", gamma=g,
               effect="myostatin restrains osteoblasts")
    g = _power(m, "irisin_ob_gamma", 0.2, "prior (" + COLAIANNI + "; size assumed)", "formation per osteoblast x irisin^gamma")
    _power_law(m, "irisin", "bone formation per osteoblast", 1, "animal", COLAIANNI, factor="ob_activity_factor",
               base="irisin_rel", gamma=g, effect="irisin is anabolic for bone (low dose, intermittent)")
    g = _power(m, "loading_sclerostin_gamma", 0.3, "prior (" + ROBLING + "; size assumed)",
               "sclerostin production x loading^-gamma")
    _power_law(m, "mechanical loading", "sclerostin production", -1, "human", ROBLING,
               factor="sclerostin_production_factor", base="max(0.05, mechanical_loading_rel)", gamma=g,
               effect="unloading raises osteocyte sclerostin")
    g = _power(m, "loading_formation_gamma", 0.1, "prior (" + FROST + "; size assumed)",
               "formation per osteoblast x loading^gamma")
    _power_law(m, "mechanical loading", "bone formation per osteoblast", 1, "human", FROST,
               factor="ob_activity_factor", base="max(0.05, mechanical_loading_rel)", gamma=g,
               effect="loading drives bone formation")


def _edges_to_muscle_and_metabolism(m: ModuleBuilder) -> None:
    e = m.edge
    m.parameter("rankl_muscle_q", 0.05, "1", "prior (" + BONNET + "; size assumed)",
                "maximal gain of force per unit mass when RANKL is fully blocked")
    m.multiply("muscle_quality_factor", "(1 + rankl_muscle_q) / (1 + rankl_muscle_q * rankl_rel)",
               "RANKL lowers muscle strength")
    e("RANKL", "force per unit muscle mass", -1, "bounded inverse", "human", BONNET, rule="muscle_quality_factor",
      parameters=("rankl_muscle_q",))
    g = _power(m, "inflammation_breakdown_scale", _f("inflammation_breakdown_scale"), FIT,
               "scale of the TNF and IL-6 exponents on muscle breakdown (muscle module priors x this)", (0.0, 20.0))
    m.multiply("mpb_factor", f"(tnf_signal_rel^tnf_breakdown_gamma * il6_signal_rel^il6_breakdown_gamma)^({g} - 1)",
               "fitted scale of cytokine-driven breakdown (the muscle module holds the prior exponents)")
    e("TNF-alpha", "muscle protein breakdown", 1, "power law (scaled)", "human",
      "Subramaniam 2015; fitted to RA lean-mass deficit", rule="breakdown_signal",
      parameters=("tnf_breakdown_gamma", g))
    e("IL-6", "muscle protein breakdown", 1, "power law (scaled)", "human",
      "Visser 2002; tocilizumab raises lean mass (Tournadre 2017)", rule="breakdown_signal",
      parameters=("il6_breakdown_gamma", g))
    g = _power(m, "tnf_insulin_gamma", 0.1, "prior (" + HOTAMISLIGIL + "; size assumed)", "insulin sensitivity x TNF^-gamma")
    _power_law(m, "TNF-alpha", "insulin sensitivity", -1, "animal", HOTAMISLIGIL,
               factor="insulin_sensitivity_factor", base="tnf_signal_rel", gamma=g,
               effect="TNF causes insulin resistance")
    g = _power(m, "gc_insulin_gamma", 0.2, "prior (" + VANRAALTE + "; size assumed)", "insulin sensitivity x GC^-gamma")
    _power_law(m, "glucocorticoid", "insulin sensitivity", -1, "human", VANRAALTE,
               factor="insulin_sensitivity_factor", base="glucocorticoid_rel", gamma=g,
               effect="glucocorticoids cause insulin resistance")
    g = _power(m, "osteocalcin_insulin_gamma", 0.005, "prior (" + LEE2007 + "; small: denosumab did not change "
               "diabetes incidence in FREEDOM, Schwartz 2013 Diabetes Care 36:e1; recalled)",
               "insulin sensitivity x ucOC^gamma")
    _power_law(m, "osteocalcin", "insulin sensitivity", 1, "animal", LEE2007, factor="insulin_sensitivity_factor",
               base="osteocalcin_rel", gamma=g, effect="osteocalcin raises insulin sensitivity")
    e("glucocorticoid", "myostatin", 1, "power law", "animal", "Ma 2003 Am J Physiol Endocrinol Metab 285:E363",
      rule="myostatin_activin_rel", parameters=("gc_myostatin_gamma",))


def _contested(m: ModuleBuilder) -> None:
    def switch(name: str, source: str) -> str:
        m.parameter(f"switch_{name}", 0.0, "1", f"contested edge, off by default ({source})",
                    f"1 turns on the contested edge {name}", bounds=(0.0, 1.0))
        return f"switch_{name}"

    s = switch("fgf21_bone", WEI2012)
    g = _power(m, "fgf21_ob_gamma", 0.2, "prior (" + WEI2012 + ")", "osteoblast differentiation x FGF21^-gamma")
    _power_law(m, "FGF21", "osteoblast differentiation", -1, "animal", WEI2012, factor="ob_differentiation_factor",
               base="fgf21_rel", gamma=g, scale=s, effect="FGF21 lowers osteoblastogenesis (contested)",
               contested=True)
    s = switch("irisin_sclerostin", KIM2018 + " vs " + KLANG)
    g = _power(m, "irisin_sclerostin_gamma", 0.2, "prior (" + KIM2018 + ")", "sclerostin production x irisin^gamma")
    _power_law(m, "irisin", "sclerostin production", 1, "animal", KIM2018 + "; opposite sign in humans: " + KLANG,
               factor="sclerostin_production_factor", base="irisin_rel", gamma=g, scale=s,
               effect="irisin raises osteocyte sclerostin (contested)", contested=True)
    s = switch("gc_sclerostin", COMPSTON + " vs " + JACOBSSON)
    g = _power(m, "gc_sclerostin_gamma", 0.2, "prior (" + COMPSTON + ")", "sclerostin production x GC^gamma")
    _power_law(m, "glucocorticoid", "sclerostin production", 1, "human",
               COMPSTON + "; short-term RCT shows a fall: " + JACOBSSON,
               factor="sclerostin_production_factor", base="glucocorticoid_rel", gamma=g, scale=s,
               effect="GC raise sclerostin (contested)", contested=True)
    s = switch("sclerostin_muscle", DREYER)
    g = _power(m, "sclerostin_muscle_gamma", 0.05, "prior (" + DREYER + ")", "muscle synthesis x sclerostin^-gamma")
    _power_law(m, "sclerostin", "muscle protein synthesis", -1, "in vitro", DREYER, factor="mps_factor",
               base="max(0.01, sclerostin_free_rel)", gamma=g, scale=s,
               effect="sclerostin restrains myogenesis (contested)", contested=True)
    s = switch("adiponectin_muscle", TOUSSIROT)
    g = _power(m, "adiponectin_muscle_gamma", 0.05, "prior (" + TOUSSIROT + ")", "muscle synthesis x adiponectin^gamma")
    _power_law(m, "adiponectin", "muscle protein synthesis", 1, "human", TOUSSIROT, factor="mps_factor",
               base="adiponectin_rel", gamma=g, scale=s, effect="adiponectin and lean mass (contested)",
               contested=True)
    s = switch("leptin_bone", "reference notes: leptin's bone effect not established")
    g = _power(m, "leptin_ob_gamma", 0.05, "prior (central leptin is anti-osteogenic in mice, Ducy 2000 Cell "
               "100:197; peripheral effects opposite)", "formation per osteoblast x leptin^-gamma")
    _power_law(m, "leptin", "bone formation per osteoblast", -1, "animal", "Ducy 2000 Cell 100:197",
               factor="ob_activity_factor", base="leptin_rel", gamma=g, scale=s,
               effect="leptin and bone formation (contested)", contested=True)
