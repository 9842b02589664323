"""Skeletal muscle: protein turnover, satellite cells, mitochondria, neural drive, fat mass.

Two time scales (reference notes ``muscle_immune.md`` section 1; McColl & Clarke 2024 iScience
27:108634 is the hours-scale model learnt from): the fast IGF-1/insulin -> Akt -> mTORC1 and
FoxO -> atrogin-1/MuRF1 signalling equilibrates within hours, so here it is represented by its
daily average, a synthesis signal S and a breakdown signal B (1 = healthy young adult, products
of named effects). They drive slow muscle-protein pools, one per limb group
(``arms``, ``leg_index`` = the tested or immobilised leg, ``leg_contra``), in units of the
young-adult pool (1 = young adult):

    dM/dt = k_turnover * (S - B * M)            (M* = S / B at steady state)

``k_turnover`` is the daily fractional synthesis rate of a young adult (deuterated-water
myofibrillar FSR, Kilroe 2020). Strength of a pool is mass x quality, with
quality = neural activation N x intrinsic (age) quality x mitochondrial function^gamma, so that
strength falls faster than mass with age (Goodpaster 2006) and in early disuse (Wall 2014,
Marusic 2021). Satellite cells (quiescent Q, activated A) expand with loading (Verdijk 2009)
and fall with age (Verdijk 2007); the anabolic effect of resistance exercise scales with their
content, which is why older adults gain less (Peterson 2011: -0.03 kg per year of age).
Mitochondrial function follows age, habitual activity, endurance training and disuse.

Inputs are parameters the scenario layer sets (patient covariates) or changes during a run
(``varying``: exercise sessions per week, disuse of each limb group), plus named signals with
neutral defaults that the crosstalk issue drives (myostatin/activin, IGF-1, insulin, IL-6, TNF-a,
glucocorticoid, irisin, osteocalcin). Effect ports ``mps_factor`` and ``mpb_factor`` (products)
let other modules act on synthesis and breakdown without editing this one.

Every parameter carries its source; values ``fitted(...)`` come from
``myosteo.validation.calibrate`` (stage 6, muscle) and the curated datasets in
``validation/data/muscle_targets.csv``.
"""

from __future__ import annotations

from myosteo.model.core import Module, ModuleBuilder
from myosteo.model.fitted import fitted
from myosteo.model.performance import PARAMETERS as PERFORMANCE_PARAMETERS

POOLS = ("arms", "leg_index", "leg_contra")

KILROE2020 = ("Kilroe 2020 Med Sci Sports Exerc 52(4) (daily myofibrillar FSR 1.26 %/day in the "
              "control leg, D2O)")
GOODPASTER2006 = "Goodpaster 2006 J Gerontol A 61:1059, doi:10.1093/gerona/61.10.1059 (Health ABC)"
KIRK2021 = "Kirk 2021 J Cachexia Sarcopenia Muscle 12:880, doi:10.1002/jcsm.12712"
WALL2014 = "Wall 2014 Acta Physiol 210:600, doi:10.1111/apha.12190"
DIGIROLAMO2021 = "Di Girolamo 2021 Front Nutr 8:633987, doi:10.3389/fnut.2021.633987"
VERDIJK2007 = "Verdijk 2007 Am J Physiol Endocrinol Metab 292:E151, PMID 16926381"
VERDIJK2009 = "Verdijk 2009 J Gerontol A 64:332, doi:10.1093/gerona/gln050"
PETERSON2010 = "Peterson 2010 Ageing Res Rev 9:226, PMID 20385254"
PETERSON2011 = "Peterson 2011 Med Sci Sports Exerc 43:249, doi:10.1249/MSS.0b013e3181eb6265"
CONLEY2000 = "Conley 2000 J Physiol 526:203, PMID 10878112"
JANSSEN2000 = "Janssen 2000 J Appl Physiol 89:81 (skeletal muscle mass falls from the 5th decade)"
FIT_AGE = "fitted to Health ABC leg lean mass and knee strength (Goodpaster 2006) and Kirk 2021 ALM"
FIT_DISUSE = "fitted to Wall 2014 (5/14-day immobilisation, young) and Di Girolamo 2021 (bed rest, older)"
FIT_RT = "fitted to Peterson 2011 (LBM) and Peterson 2010 (strength) meta-analyses of resistance training"
FIT_ACTRII = ("fitted to bimagrumab (Rooks 2020 JAMA Netw Open 3:e2020836; Heymsfield 2021 JAMA Netw "
              "Open 4:e2033457) and LY2495655 (Becker 2015 Lancet Diabetes Endocrinol 3:948) trials")
FIT_AR = ("fitted to testosterone in men > 60 (Neto 2015 Age 37:9742, PMID 25637335) and enobosarm "
          "(Dalton 2011 J Cachexia Sarcopenia Muscle 2:153)")
MORTON2018 = "Morton 2018 Br J Sports Med 52:376 (protein supplementation plateau at 1.6 g/kg/day)"
CROSSTALK_PRIOR = ("prior pending calibration in the crosstalk issue; acts only when the signal leaves "
                   "its neutral default")

DEFAULTS: dict[str, float] = {
    "muscle_aging_rate_male": 0.006, "muscle_aging_rate_female": 0.004,
    "quality_aging_rate_male": 0.02, "quality_aging_rate_female": 0.015,
    "disuse_mps_suppression": 0.2, "disuse_age_sensitivity": 0.4,
    "neural_disuse_loss": 0.25, "k_neural": 0.07,
    "rt_synthesis_gain": 0.04, "rt_neural_gain": 0.25,
    "actrii_effect": 0.1, "myostatin_share_actrii": 0.4,
    "actrii_fat_emax": 0.4,
    "ar_emax": 0.3, "ar_fat_emax": 0.2,
}


def _f(name: str) -> float:
    return fitted(name, DEFAULTS[name])


def build() -> Module:
    m = ModuleBuilder(
        "muscle", "Skeletal muscle protein turnover, satellite cells, mitochondria and strength",
        time_unit="day",
        references=[KILROE2020, GOODPASTER2006, WALL2014, VERDIJK2009, PETERSON2011, CONLEY2000],
    )
    _inputs(m)
    _hormones(m)
    _synthesis_breakdown(m)
    for pool in POOLS:
        _pool(m, pool)
    _body(m)
    _edges(m)
    for p in PERFORMANCE_PARAMETERS:  # observation model (myosteo.model.performance), listed here
        m.parameter(p.name, p.value, p.unit, p.source, p.description, p.bounds)
    return m.build()


def _inputs(m: ModuleBuilder) -> None:
    m.parameter("activity_level", 1.0, "1", "patient covariate",
                "habitual physical activity: 0 sedentary, 1 moderate, 2 active", bounds=(0.0, 2.0))
    m.parameter("protein_g_kg_day", 0.8, "g/kg/day", "patient covariate (default: RDA, IOM 2005)",
                "habitual protein intake", bounds=(0.3, 3.0))
    m.parameter("resistance_sessions_per_week", 0.0, "1/week", "scenario input",
                "resistance-training sessions per week (whole body)", bounds=(0.0, 7.0), varying=True)
    m.parameter("endurance_sessions_per_week", 0.0, "1/week", "scenario input",
                "endurance-training sessions per week", bounds=(0.0, 7.0), varying=True)
    for pool in POOLS:
        m.parameter(f"disuse_{pool}", 0.0, "1", "scenario input",
                    f"disuse of {pool}: 0 habitual loading, 1 full unloading (bed rest, cast)",
                    bounds=(0.0, 1.0), varying=True)
    m.parameter("bed_rest_arm_disuse", 0.25, "1",
                "assumption: arms stay in use in bed (eating, reading); no arm lean-mass data in the "
                "curated sources", "disuse of the arms during bed rest (legs: 1)", bounds=(0.0, 1.0))
    m.parameter("rt_reference_sessions", 3.0, "1/week", PETERSON2011 + " (typical 2-3 sessions/week)",
                "sessions per week at which the resistance stimulus is 1")
    m.rule("rt_stimulus", "resistance_sessions_per_week / rt_reference_sessions", "1",
           "resistance-exercise stimulus (1 = 3 sessions/week)")
    m.rule("endurance_stimulus", "endurance_sessions_per_week / rt_reference_sessions", "1",
           "endurance-exercise stimulus (1 = 3 sessions/week)")
    # crosstalk signals (neutral defaults; driven by the crosstalk and immune issue)
    for name, desc in [
        ("myostatin_activin_rel", "circulating myostatin/activin relative to the young adult"),
        ("igf1_rel", "circulating IGF-1 relative to the young adult"),
        ("insulin_action_rel", "insulin action on muscle relative to the healthy adult"),
        ("il6_rel", "circulating IL-6 relative to the healthy young adult"),
        ("tnf_rel", "circulating TNF-alpha relative to the healthy young adult"),
        ("glucocorticoid_rel", "glucocorticoid exposure relative to endogenous cortisol"),
        ("irisin_rel", "circulating irisin relative to the young adult"),
        ("osteocalcin_rel", "undercarboxylated osteocalcin relative to the young adult"),
    ]:
        m.signal(name, 1.0, "1", desc)
    m.signal("mps_factor", 1.0, "1", "effect port: other modules multiply into muscle protein synthesis")
    m.signal("mpb_factor", 1.0, "1", "effect port: other modules multiply into muscle protein breakdown")
    m.signal("muscle_quality_factor", 1.0, "1", "effect port: other modules multiply into force per unit mass")
    m.signal("protein_absorption_factor", 1.0, "1", "fraction of dietary protein absorbed (malabsorption < 1)")
    m.signal("actrii_free_fraction", 1.0, "1", "fraction of ActRII receptors not blocked (bimagrumab)")
    m.signal("myostatin_free_fraction", 1.0, "1", "fraction of myostatin not neutralised (antibodies)")
    m.signal("testosterone_exogenous_nmol_l", 0.0, "nmol/L", "serum testosterone from treatment",
             combine="sum")
    m.signal("sarm_ar_occupancy_ratio", 0.0, "1", "SARM concentration / EC50 (androgen receptor)",
             combine="sum")


def _hormones(m: ModuleBuilder) -> None:
    m.parameter("testosterone_young_male_nmol_l", 20.8, "nmol/L",
                "AndroGel label NDA 21-015 normal male range 298-1043 ng/dL (midpoint ~600 ng/dL)",
                "young-adult male total testosterone")
    m.parameter("testosterone_young_female_nmol_l", 1.0, "nmol/L",
                "typical premenopausal female total testosterone ~30 ng/dL (laboratory reference "
                "ranges; recalled, to verify)", "young-adult female total testosterone")
    m.parameter("testosterone_male_decline_per_year", 0.01, "1/year",
                "Isidori 2005 Clin Endocrinol 63:280 (trials of men aged 64.5 y: mean 10.9 nmol/L, "
                "about half the young-adult level; a linear ~1 %/y fall from 40 reaches ~0.7 at 70)",
                "relative fall of male testosterone per year after 40")
    m.rule("testosterone_endogenous_nmol_l",
           "sex_female * testosterone_young_female_nmol_l + (1 - sex_female) * "
           "testosterone_young_male_nmol_l * max(0.3, 1 - testosterone_male_decline_per_year * "
           "max(0, age_years - 40))", "nmol/L", "endogenous total testosterone")
    m.rule("testosterone_nmol_l", "testosterone_endogenous_nmol_l + testosterone_exogenous_nmol_l",
           "nmol/L", "total serum testosterone")
    m.parameter("ar_ec50_testosterone_nmol_l", 30.0, "nmol/L",
                "Bhasin 2001 Am J Physiol Endocrinol Metab 281:E1172 (fat-free mass rises with log T "
                "up to 2370 ng/dL = 82 nmol/L: half-maximal near the upper normal range)",
                "testosterone concentration of half-maximal anabolic androgen-receptor effect")
    m.rule("ar_occupancy",
           "(testosterone_nmol_l / ar_ec50_testosterone_nmol_l + sarm_ar_occupancy_ratio) / "
           "(1 + testosterone_nmol_l / ar_ec50_testosterone_nmol_l + sarm_ar_occupancy_ratio)",
           "1", "androgen-receptor activation (testosterone and SARM compete)")
    m.derived("ar_occupancy_young",
              "(sex_female * testosterone_young_female_nmol_l + (1 - sex_female) * "
              "testosterone_young_male_nmol_l) / ar_ec50_testosterone_nmol_l / (1 + "
              "(sex_female * testosterone_young_female_nmol_l + (1 - sex_female) * "
              "testosterone_young_male_nmol_l) / ar_ec50_testosterone_nmol_l)", "1",
              "androgen-receptor activation of the sex-specific young adult")
    m.parameter("ar_emax", _f("ar_emax"), "1", FIT_AR, "maximal androgen effect on synthesis",
                bounds=(0.0, 2.0))
    m.rule("androgen_synthesis_effect", "(1 + ar_emax * ar_occupancy) / (1 + ar_emax * ar_occupancy_young)",
           "1", "androgen effect on synthesis relative to the young adult")
    # ActRII ligands: myostatin (neutralised by antibodies) and activins
    m.parameter("myostatin_share_actrii", _f("myostatin_share_actrii"), "1", FIT_ACTRII,
                "share of ActRII signalling carried by myostatin (the rest: activins, GDF11)",
                bounds=(0.05, 0.95))
    m.rule("actrii_signal",
           "actrii_free_fraction * myostatin_activin_rel * (myostatin_share_actrii * myostatin_free_fraction "
           "+ 1 - myostatin_share_actrii)", "1", "ActRII/SMAD2-3 signalling relative to the young adult")


def _intrinsic_aging(m: ModuleBuilder, rate: str, effect: str, *, loss: str, max_rate_per_year: float,
                     rate_description: str, effect_description: str) -> None:
    """Sex-specific intrinsic aging of one muscle property, accelerating with age.

    Declares the fitted rates ``{rate}_male`` and ``{rate}_female`` (1/year at onset, bounded to
    [0, ``max_rate_per_year``], described as "<sex>: ``loss``"), the rule ``rate`` (1/year) that picks
    the patient's sex, and the rule ``effect`` (dimensionless, 1 before ``muscle_aging_onset_years``):
    exp(-rate / a * (exp(a * max(0, age_years - onset)) - 1)), a = ``muscle_aging_acceleration`` (1/year),
    i.e. the loss rate is ``rate`` at onset and grows by the factor exp(a) per year after it.
    """
    for sex in ("male", "female"):
        m.parameter(f"{rate}_{sex}", _f(f"{rate}_{sex}"), "1/year", FIT_AGE, f"{sex}: {loss}",
                    bounds=(0.0, max_rate_per_year))
    m.rule(rate, f"sex_female * {rate}_female + (1 - sex_female) * {rate}_male", "1/year", rate_description)
    m.rule(effect, f"exp(-{rate} / muscle_aging_acceleration * (exp(muscle_aging_acceleration * "
           "max(0, age_years - muscle_aging_onset_years)) - 1))", "1", effect_description)


def _synthesis_breakdown(m: ModuleBuilder) -> None:
    m.parameter("k_muscle_turnover", 0.0126, "1/day", KILROE2020,
                "fractional synthesis rate of muscle protein in a young adult")
    m.parameter("muscle_aging_onset_years", 50.0, "year", KIRK2021 + " (ALM and ALM/h2 stable until 50 y, "
                "n=15,479); " + JANSSEN2000, "age from which intrinsic muscle aging acts")
    m.parameter("muscle_aging_acceleration", 0.03, "1/year",
                "assumption: loss accelerates in late life (Janssen 2000; Granic 2016 PLoS One "
                "11:e0163183, accelerating grip loss in women over 85)",
                "exponential acceleration of intrinsic muscle aging")
    _intrinsic_aging(m, "muscle_aging_rate", "muscle_aging_effect",
                     loss="intrinsic loss of the synthesis/breakdown balance per year at onset "
                     "(anabolic resistance, denervation)", max_rate_per_year=0.05,
                     rate_description="sex-specific intrinsic muscle aging rate",
                     effect_description="intrinsic age effect on net protein balance (1 before onset)")
    m.parameter("protein_reference_g_kg_day", 0.8, "g/kg/day", "IOM 2005 Dietary Reference Intakes (RDA)",
                "intake at which the protein effect is 1")
    m.parameter("protein_half_saturation_g_kg_day", 0.4, "g/kg/day", MORTON2018 + " (plateau)",
                "intake of half-maximal amino-acid stimulation of mTORC1")
    m.parameter("protein_gamma", 0.08, "1",
                "assumption checked against " + MORTON2018 + " (+0.3 kg FFM from supplementation)",
                "exponent of the amino-acid effect on synthesis")
    m.rule("protein_effect",
           "(protein_g_kg_day * protein_absorption_factor / (protein_g_kg_day * protein_absorption_factor + "
           "protein_half_saturation_g_kg_day) / "
           "(protein_reference_g_kg_day / (protein_reference_g_kg_day + protein_half_saturation_g_kg_day)))"
           "^protein_gamma", "1", "amino-acid (leucine) effect on synthesis via mTORC1")
    m.parameter("actrii_effect", _f("actrii_effect"), "1", FIT_ACTRII + "; the same fraction acts on "
                "synthesis (SMAD2/3 inhibit Akt/mTORC1) and breakdown (FoxO/atrogenes): the two are not "
                "separately identifiable from lean-mass data",
                "fraction of synthesis suppressed and of breakdown driven by ActRII at baseline",
                bounds=(0.0, 0.9))
    m.rule("actrii_synthesis_effect", "1 / (1 - actrii_effect + actrii_effect * actrii_signal)", "1",
           "ActRII inhibition of synthesis, relative to baseline (1 / (1 - a) with full blockade)")
    m.rule("actrii_breakdown_effect", "1 - actrii_effect + actrii_effect * actrii_signal", "1",
           "ActRII drive of breakdown, relative to baseline (1 - a with full blockade)")
    # crosstalk priors (neutral while the signals are at 1)
    m.parameter("igf1_synthesis_gamma", 0.3, "1", CROSSTALK_PRIOR + "; McColl 2024 (IGF-1/insulin -> Akt)",
                "IGF-1 effect on synthesis (power law)")
    m.parameter("insulin_breakdown_gamma", 0.1, "1", CROSSTALK_PRIOR + "; McColl 2024 (insulin lowers MPB); "
                "small: treated type 1 diabetes has mild lean-mass deficits (8 % sarcopenia at 38 y, "
                "Andreo-Lopez 2023 Nutrients 15:4914)",
                "insulin action lowers breakdown (power law, negative)")
    m.parameter("il6_breakdown_gamma", 0.05, "1", CROSSTALK_PRIOR + "; Visser 2002 J Gerontol A 57:M326",
                "IL-6 raises breakdown (power law)")
    m.parameter("tnf_breakdown_gamma", 0.05, "1", CROSSTALK_PRIOR + "; Visser 2002; Subramaniam 2015 "
                "Aliment Pharmacol Ther (infliximab raises muscle volume)", "TNF-a raises breakdown (NF-kB)")
    m.parameter("glucocorticoid_breakdown_gamma", 0.02, "1", CROSSTALK_PRIOR + "; Natsui 2006 "
                "Osteoporos Int 17:105 (>= 40 mg/day prednisolone lowers LBM in 2 months); small because "
                "5-7.5 mg/day leaves lean mass unchanged in RA (GLORIA, COBRA: Konijn 2016)",
                "glucocorticoid raises breakdown (FoxO)")
    m.parameter("osteocalcin_synthesis_gamma", 0.005, "1", CROSSTALK_PRIOR + "; Mera 2016 Mol Metab "
                "5:1042 (animal); small because antiresorptives, which lower ucOC, do not lower lean mass "
                "in humans (Bonnet 2019)", "undercarboxylated osteocalcin raises synthesis")
    m.parameter("irisin_synthesis_gamma", 0.0, "1", CROSSTALK_PRIOR + "; no human effect on muscle "
                "mass sourced (reference notes section 5)", "irisin effect on synthesis")
    m.rule("synthesis_signal",
           "mps_factor * muscle_aging_effect * protein_effect * androgen_synthesis_effect * "
           "actrii_synthesis_effect * igf1_rel^igf1_synthesis_gamma * "
           "osteocalcin_rel^osteocalcin_synthesis_gamma * irisin_rel^irisin_synthesis_gamma",
           "1", "mTORC1-driven synthesis (daily average) relative to the young adult")
    m.rule("breakdown_signal",
           "mpb_factor * actrii_breakdown_effect * insulin_action_rel^(-insulin_breakdown_gamma) * "
           "il6_rel^il6_breakdown_gamma * tnf_rel^tnf_breakdown_gamma * "
           "glucocorticoid_rel^glucocorticoid_breakdown_gamma",
           "1", "FoxO/ubiquitin-proteasome breakdown (daily average) relative to the young adult")
    # disuse
    m.parameter("disuse_mps_suppression", _f("disuse_mps_suppression"), "1", FIT_DISUSE,
                "fall of net synthesis under full unloading in a young adult (lean-mass basis; measured "
                "myofibrillar FSR falls 36-53 %: Kilroe 2020, de Boer 2007)", bounds=(0.0, 0.9))
    m.parameter("disuse_age_sensitivity", _f("disuse_age_sensitivity"), "1/decade", FIT_DISUSE,
                "extra disuse suppression per decade over 30 y (older adults lose more: Kortebein 2007 "
                "JAMA 297:1772; " + DIGIROLAMO2021 + ")", bounds=(0.0, 2.0))
    m.rule("disuse_suppression",
           "min(0.95, disuse_mps_suppression * (1 + disuse_age_sensitivity * max(0, age_years - 30) / 10))",
           "1", "fall of synthesis under full unloading at the patient's age")
    # resistance exercise
    m.parameter("rt_synthesis_gain", _f("rt_synthesis_gain"), "1", FIT_RT,
                "rise of daily net synthesis at 3 sessions/week with young-adult satellite cells",
                bounds=(0.0, 0.5))


def _pool(m: ModuleBuilder, p: str) -> None:
    """States and rules of one limb group ``p``."""
    # satellite cells
    m.state(f"sc_quiescent_{p}", 1.0, "1", f"{p}: quiescent satellite cells (young adult = 1)")
    m.state(f"sc_active_{p}", 0.0, "1", f"{p}: activated/proliferating satellite cells")
    m.rule(f"sc_content_{p}", f"sc_quiescent_{p} + sc_active_{p}", "1", f"{p}: satellite-cell content")
    m.ode(f"sc_quiescent_{p}",
          f"k_sc_renewal * (sc_age_target - sc_quiescent_{p}) - k_sc_activation * rt_stimulus * "
          f"sc_quiescent_{p} + k_sc_return * sc_active_{p}")
    m.ode(f"sc_active_{p}",
          f"k_sc_activation * rt_stimulus * sc_quiescent_{p} * sc_expansion - k_sc_return * sc_active_{p}")
    # mitochondria
    m.state(f"mito_{p}", 1.0, "1", f"{p}: mitochondrial oxidative capacity (young adult = 1)")
    m.ode(f"mito_{p}",
          f"k_mito * (mito_age_target * mito_activity_effect * (1 + mito_endurance_gain * "
          f"endurance_stimulus) * (1 - mito_disuse_loss * disuse_{p}) - mito_{p})")
    # neural activation
    m.state(f"neural_{p}", 1.0, "1", f"{p}: neural activation (young adult = 1)")
    m.ode(f"neural_{p}",
          f"k_neural * ((1 - neural_disuse_loss * disuse_{p}) * (1 + rt_neural_gain * rt_stimulus) - neural_{p})")
    # protein
    m.state(f"muscle_{p}", 1.0, "1", f"{p}: muscle protein / lean mass (young adult = 1)")
    m.rule(f"synthesis_{p}",
           f"synthesis_signal * (1 - disuse_suppression * disuse_{p}) * "
           f"(1 + rt_synthesis_gain * rt_stimulus * sc_content_{p})", "1",
           f"{p}: daily synthesis relative to the young adult")
    m.ode(f"muscle_{p}", f"k_muscle_turnover * (synthesis_{p} - breakdown_signal * muscle_{p})")
    m.rule(f"quality_{p}", f"neural_{p} * quality_age_effect * mito_{p}^mito_quality_gamma * muscle_quality_factor", "1",
           f"{p}: force per unit lean mass relative to the young adult")
    m.rule(f"strength_{p}", f"muscle_{p} * quality_{p}", "1", f"{p}: strength relative to the young adult")


def _body(m: ModuleBuilder) -> None:
    # satellite cells
    m.parameter("k_sc_renewal", 0.02, "1/day", "assumption: return of the quiescent pool over ~2 months "
                "(detraining; Grgic 2022 Int J Environ Res Public Health 19:14048)", "quiescent-pool homeostasis")
    m.parameter("k_sc_activation", fitted("k_sc_activation", 0.03), "1/day", "fitted to " + VERDIJK2009 + " (type II SC 0.048 -> 0.084 per fibre "
                "after 12 weeks, 3 sessions/week: +75 %)", "activation rate at stimulus 1",
                bounds=(0.001, 0.5))
    m.parameter("k_sc_return", 0.05, "1/day", VERDIJK2009 + " (with k_sc_activation and sc_expansion)",
                "return of activated cells to quiescence or fusion")
    m.parameter("sc_expansion", 2.0, "1", VERDIJK2009 + " (one division per activation)",
                "daughter cells per activated cell")
    m.parameter("sc_age_loss", 0.45, "1", VERDIJK2007 + " (type II fibre SC 0.080 at 20 y vs 0.044 at 76 y); "
                "decline in adulthood: Verdijk 2014 Age 36:545", "fraction of satellite cells lost by 76 years")
    m.rule("sc_age_target",
           "max(0.3, 1 - sc_age_loss * max(0, age_years - muscle_aging_onset_years) / (76 - muscle_aging_onset_years))",
           "1", "satellite-cell content expected at this age")
    # mitochondria
    m.parameter("k_mito", 0.05, "1/day", "assumption: mitochondrial adaptation over 2-6 weeks of training "
                "or disuse (Lanza & Nair 2010 Pflugers Arch 459:277)", "mitochondrial adaptation rate")
    m.parameter("mito_age_loss_per_year", 0.021, "1/year",
                CONLEY2000 + " (oxidative capacity 0.61 at 69 y vs 1.16 mM ATP/s at 39 y)",
                "relative fall of mitochondrial capacity per year after the onset age (typical activity)")
    m.rule("mito_age_target", "exp(-mito_age_loss_per_year * max(0, age_years - muscle_aging_onset_years))", "1",
           "mitochondrial capacity expected at this age (typical activity)")
    m.parameter("mito_activity_gain", 0.2, "1",
                "assumption: activity-matched older adults show no oxidative deficit (Layec 2018 J "
                "Gerontol A; Kent-Braun 2000): active +20 %, sedentary -20 %",
                "mitochondrial capacity per step of habitual activity")
    m.rule("mito_activity_effect", "1 + mito_activity_gain * (activity_level - 1)", "1",
           "habitual-activity effect on mitochondrial capacity")
    m.parameter("mito_endurance_gain", 0.3, "1", "Conley 2013 J Physiol (6 months endurance training at "
                "65-80 y: oxidative capacity +31 %; recalled, to verify)", "gain at 3 sessions/week")
    m.parameter("mito_disuse_loss", 0.2, "1", "Kortebein 2008 J Gerontol A 63:1076 (VO2max -12 % after "
                "10 days bed rest; assumption that muscle oxidative capacity falls similarly)",
                "fall of mitochondrial capacity under full unloading")
    m.parameter("mito_quality_gamma", 0.1, "1",
                "assumption: low mitochondrial capacity predicts mobility decline mostly through strength "
                "and mass (Zampino 2021 J Cachexia Sarcopenia Muscle; 26-63 % mediated)",
                "exponent of mitochondrial capacity on force per unit mass")
    # neural activation
    m.parameter("k_neural", _f("k_neural"), "1/day", FIT_DISUSE + "; " + PETERSON2010,
                "rate of neural adaptation (fast strength loss in early disuse: Marusic 2021 J Appl "
                "Physiol 131:194)", bounds=(0.005, 1.0))
    m.parameter("neural_disuse_loss", _f("neural_disuse_loss"), "1", FIT_DISUSE,
                "fall of neural activation under full unloading (bounded at 0.4: beyond ~35 days strength "
                "loss is ~1.9x atrophy, Marusic 2021, so neural loss must saturate)", bounds=(0.0, 0.4))
    m.parameter("rt_neural_gain", _f("rt_neural_gain"), "1", FIT_RT,
                "rise of neural activation at 3 sessions/week", bounds=(0.0, 1.0))
    # intrinsic quality
    _intrinsic_aging(m, "quality_aging_rate", "quality_age_effect",
                     loss="loss of force per unit lean mass per year at onset (fibre, "
                     "excitation-contraction and neuromuscular aging)", max_rate_per_year=0.1,
                     rate_description="sex-specific intrinsic quality aging rate",
                     effect_description="intrinsic age effect on force per unit lean mass")
    # whole body
    m.parameter("alm_share_arms", 0.25, "1", "Heymsfield 1990 Am J Clin Nutr 52:214 (legs ~3/4 of "
                "appendicular lean mass; recalled, to verify)", "share of ALM in the arms")
    m.rule("alm_rel", "alm_share_arms * muscle_arms + (1 - alm_share_arms) / 2 * (muscle_leg_index + "
           "muscle_leg_contra)", "1", "appendicular lean mass relative to the young adult")
    m.rule("knee_strength_rel", "strength_leg_index", "1", "knee-extension strength of the index leg")
    m.rule("grip_strength_rel", "strength_arms", "1", "grip strength relative to the young adult")
    # fat mass (relative to the patient's value at the scenario start; energy balance not modelled)
    m.parameter("k_fat", 1.0 / 120.0, "1/day",
                "assumption: fat loss on bimagrumab continues to 48 weeks (Heymsfield 2021)",
                "rate at which fat mass approaches its drug-modified target")
    m.parameter("actrii_fat_emax", _f("actrii_fat_emax"), "1", FIT_ACTRII,
                "maximal fall of fat mass with full ActRII blockade", bounds=(0.0, 0.9))
    m.parameter("ar_fat_emax", _f("ar_fat_emax"), "1", FIT_AR,
                "fall of fat mass per unit rise of androgen-receptor activation", bounds=(0.0, 2.0))
    m.state("fat_rel", 1.0, "1", "fat mass relative to its untreated level")
    m.ode("fat_rel", "k_fat * ((1 - actrii_fat_emax * (1 - actrii_free_fraction)) * "
          "max(0.2, 1 - ar_fat_emax * max(0, ar_occupancy - ar_occupancy_untreated)) - fat_rel)")
    m.rule("ar_occupancy_untreated",
           "(testosterone_endogenous_nmol_l / ar_ec50_testosterone_nmol_l) / "
           "(1 + testosterone_endogenous_nmol_l / ar_ec50_testosterone_nmol_l)", "1",
           "androgen-receptor activation without treatment")


def _edges(m: ModuleBuilder) -> None:
    e = m.edge
    e("age", "muscle protein balance", -1, "accelerating exponential", "human", GOODPASTER2006,
      rule="muscle_aging_effect", parameters=("muscle_aging_rate_male", "muscle_aging_rate_female"))
    e("age", "force per unit muscle mass", -1, "accelerating exponential", "human", GOODPASTER2006,
      rule="quality_age_effect", parameters=("quality_aging_rate_male", "quality_aging_rate_female"))
    e("protein intake", "muscle protein synthesis", 1, "saturating power law", "human",
      MORTON2018 + "; McColl 2024 iScience 27:108634", rule="protein_effect",
      parameters=("protein_gamma",))
    e("androgen receptor", "muscle protein synthesis", 1, "Emax", "human",
      "Neto 2015 Age 37:9742; Dalton 2011 J Cachexia Sarcopenia Muscle 2:153",
      rule="androgen_synthesis_effect", parameters=("ar_emax",))
    e("myostatin", "muscle protein synthesis", -1, "fractional inhibition", "human",
      FIT_ACTRII, rule="actrii_synthesis_effect", parameters=("actrii_effect",))
    e("myostatin", "muscle protein breakdown", 1, "fractional drive", "human", FIT_ACTRII,
      rule="actrii_breakdown_effect", parameters=("actrii_effect",))
    e("ActRII signalling", "fat mass", 1, "Emax of blockade", "human",
      "Heymsfield 2021 JAMA Netw Open 4:e2033457", rule="fat_rel", parameters=("actrii_fat_emax",))
    e("IGF-1", "muscle protein synthesis", 1, "power law", "human", "McColl 2024 iScience 27:108634",
      rule="synthesis_signal", parameters=("igf1_synthesis_gamma",))
    e("insulin", "muscle protein breakdown", -1, "power law", "human", "McColl 2024 iScience 27:108634",
      rule="breakdown_signal", parameters=("insulin_breakdown_gamma",))
    e("IL-6", "muscle protein breakdown", 1, "power law", "human", "Visser 2002 J Gerontol A 57:M326",
      rule="breakdown_signal", parameters=("il6_breakdown_gamma",))
    e("TNF-alpha", "muscle protein breakdown", 1, "power law", "human",
      "Subramaniam 2015 Aliment Pharmacol Ther", rule="breakdown_signal",
      parameters=("tnf_breakdown_gamma",))
    e("glucocorticoid", "muscle protein breakdown", 1, "power law", "human",
      "Natsui 2006 Osteoporos Int 17:105", rule="breakdown_signal",
      parameters=("glucocorticoid_breakdown_gamma",))
    e("osteocalcin", "muscle protein synthesis", 1, "power law", "animal",
      "Mera 2016 Mol Metab 5:1042", rule="synthesis_signal", parameters=("osteocalcin_synthesis_gamma",))
    e("disuse", "muscle protein synthesis", -1, "linear, age-amplified", "human", WALL2014,
      rule="synthesis_leg_index", parameters=("disuse_mps_suppression", "disuse_age_sensitivity"))
    e("disuse", "neural activation", -1, "first-order", "human",
      WALL2014 + "; Marusic 2021 J Appl Physiol 131:194", parameters=("neural_disuse_loss", "k_neural"))
    e("resistance exercise", "muscle protein synthesis", 1, "linear x satellite cells", "human",
      PETERSON2011, parameters=("rt_synthesis_gain",))
    e("resistance exercise", "neural activation", 1, "first-order", "human", PETERSON2010,
      parameters=("rt_neural_gain",))
    e("resistance exercise", "satellite-cell activation", 1, "linear", "human", VERDIJK2009,
      parameters=("k_sc_activation",))
    e("endurance exercise", "mitochondrial capacity", 1, "first-order", "human",
      "Conley 2013 J Physiol; Lanza & Nair 2010 Pflugers Arch 459:277", parameters=("mito_endurance_gain",))
    e("mitochondrial capacity", "force per unit muscle mass", 1, "power law", "human",
      "Zampino 2021 J Cachexia Sarcopenia Muscle", parameters=("mito_quality_gamma",))
