"""The catalogue: every published criterion as data, with cut-offs and citations.

Units: grip kg; gait m/s; chair stand s (5 rises); SPPB points; TUG s; 6-min walk m;
ALM/ht² and SM/ht² kg/m²; ALM/BMI m²; ALM/weight and SM/weight %; body fat %; calf
cm; SARC-F points; BMD g/cm²; T-scores in SD.  ``evidence`` records how each number
was checked (see ``criteria.Evidence`` and ``docs/diagnosis.md``).  AWGS 2025 is not
included: its numeric cut-offs could not be obtained (see the docs).
"""

from __future__ import annotations

import re

from .criteria import (AgeBand, AllOf, AnyOf, BMDReference, BoneRule, CompositeCriterion,
                       Criterion, CriterionInfo, Finding, FractureCriterion,
                       IndicatorTerm, LinearTerm, ScoreCriterion, Stage, StagedCriterion,
                       Threshold as T, TScoreCriterion)

# ----------------------------------------------------------------- sarcopenia
EWGSOP1 = StagedCriterion(
    CriterionInfo("ewgsop1", "EWGSOP (European Working Group on Sarcopenia in Older "
                  "People)", "2010", "cruz-jentoft2010", "sarcopenia",
                  "Presarcopenia = low mass; sarcopenia = low mass + (low strength or low "
                  "performance); severe = all three."),
    findings=(
        Finding("low_mass", (
            T("alm_ht2", "<", 7.26, 5.5, method="dxa", source="cruz-jentoft2010",
              evidence="recalled", note="EWGSOP1 table, Baumgartner 1998 DXA reference "
              "(-2 SD); women 5.5 as reproduced by EWGSOP1"),
            T("smi_ht2", "<", 8.87, 6.42, source="cruz-jentoft2010", evidence="primary",
              note="BIA whole-body SM/ht² (Chien 2008) as tabulated by EWGSOP1; research "
              "notes tag V (Petermann-Rocha 2022 table)")), "low muscle mass"),
        Finding("low_strength", (T("grip", "<", 30, 20, source="cruz-jentoft2010",
                                   note="Lauretani 2003; notes tag V"),), "low strength"),
        Finding("low_performance", (T("gait", "<", 0.8, 0.8, source="cruz-jentoft2010",
                                      note="notes tag V"),), "low performance"),
    ),
    stages=(Stage("presarcopenia", "low_mass"),
            Stage("sarcopenia", AllOf(("low_mass", AnyOf(("low_strength",
                                                          "low_performance"))))),
            Stage("severe", AllOf(("low_mass", "low_strength", "low_performance")))),
    negative_label="no_sarcopenia", positive_labels=("sarcopenia", "severe"))

EWGSOP2 = StagedCriterion(
    CriterionInfo("ewgsop2", "EWGSOP2 (revised European consensus)", "2019",
                  "cruz-jentoft2019", "sarcopenia",
                  "Probable = low strength; confirmed = + low muscle quantity; severe = + "
                  "low performance. ASM/ht² cut-offs applied to DXA and to BIA ASM "
                  "(EWGSOP2 gives one set); absolute ASM and the 400 m walk not used."),
    findings=(
        Finding("low_strength", (
            T("grip", "<", 27, 16, source="cruz-jentoft2019", note="Dodds 2014; notes V"),
            T("chair", ">", 15, 15, source="cruz-jentoft2019", evidence="secondary",
              note="Cesari 2009; reproduced in several trial protocols/tables")),
            "low strength"),
        Finding("low_mass", (
            T("alm_ht2", "<", 7.0, 5.5, source="cruz-jentoft2019", evidence="secondary",
              note="Gould 2014; < in ERS/Frontiers/e-JYMS/ULSAM tables, ≤ in one (RMD Open)"),),
            "low muscle quantity"),
        Finding("low_performance", (
            T("gait", "<=", 0.8, 0.8, source="cruz-jentoft2019", evidence="secondary",
              note="≤ per ERS/Frontiers tables; one table prints <"),
            T("sppb", "<=", 8, 8, source="cruz-jentoft2019", evidence="secondary",
              note="notes K; found only in secondary tables"),
            T("tug", ">=", 20, 20, source="cruz-jentoft2019", evidence="secondary",
              note="notes K; found only in secondary tables")), "low performance"),
    ),
    stages=(Stage("probable", "low_strength"),
            Stage("confirmed", AllOf(("low_strength", "low_mass"))),
            Stage("severe", AllOf(("low_strength", "low_mass", "low_performance")))),
    negative_label="no_sarcopenia", positive_labels=("confirmed", "severe"))

_AWGS_MASS = (T("alm_ht2", "<", 7.0, 5.4, method="dxa", source="chen2020",
                note="AWGS 2019 abstract: 'retains the original cutoffs'"),
              T("alm_ht2", "<", 7.0, 5.7, method="bia", source="chen2020",
                note="AWGS 2019 abstract: 'retains the original cutoffs'"))

AWGS2014 = StagedCriterion(
    CriterionInfo("awgs2014", "AWGS (Asian Working Group for Sarcopenia)", "2014",
                  "chen2014", "sarcopenia", "Sarcopenia = low mass + (low grip or slow "
                  "gait)."),
    findings=(
        Finding("low_mass", _AWGS_MASS, "low muscle mass"),
        Finding("low_strength", (T("grip", "<", 26, 18, source="chen2014",
                                   evidence="secondary", note="notes K; Kim 2018 WJMH "
                                   "table"),), "low strength"),
        Finding("low_performance", (T("gait", "<", 0.8, 0.8, source="chen2014",
                                      evidence="secondary", note="operator not verified; "
                                      "some reproductions use ≤"),), "slow gait"),
    ),
    stages=(Stage("sarcopenia", AllOf(("low_mass", AnyOf(("low_strength",
                                                          "low_performance"))))),),
    negative_label="no_sarcopenia", positive_labels=("sarcopenia",))

AWGS2019 = StagedCriterion(
    CriterionInfo("awgs2019", "AWGS 2019 consensus update", "2019", "chen2020",
                  "sarcopenia", "Possible = low strength or low performance; sarcopenia = "
                  "low mass + (low strength or low performance); severe = all three."),
    findings=(
        Finding("low_strength", (T("grip", "<", 28, 18, source="chen2020"),), "low strength"),
        Finding("low_performance", (T("gait", "<", 1.0, 1.0, source="chen2020"),
                                    T("sppb", "<=", 9, 9, source="chen2020"),
                                    T("chair", ">=", 12, 12, source="chen2020")),
                "low performance"),
        Finding("low_mass", _AWGS_MASS, "low muscle mass"),
    ),
    stages=(Stage("possible", AnyOf(("low_strength", "low_performance"))),
            Stage("sarcopenia", AllOf(("low_mass", AnyOf(("low_strength",
                                                          "low_performance"))))),
            Stage("severe", AllOf(("low_mass", "low_strength", "low_performance")))),
    negative_label="no_sarcopenia", positive_labels=("sarcopenia", "severe"))

FNIH2014 = StagedCriterion(
    CriterionInfo("fnih2014", "FNIH Sarcopenia Project", "2014", "studenski2014",
                  "sarcopenia", "Weakness (grip) and low lean mass (ALM/BMI, DXA); "
                  "sarcopenia = both."),
    findings=(
        Finding("weakness", (T("grip", "<", 26, 16, source="studenski2014"),), "weakness"),
        Finding("low_lean_mass", (T("alm_bmi", "<", 0.789, 0.512, method="dxa",
                                    source="studenski2014"),), "low lean mass"),
    ),
    stages=(Stage("weakness", "weakness"), Stage("low_lean_mass", "low_lean_mass"),
            Stage("sarcopenia", AllOf(("weakness", "low_lean_mass")))),
    negative_label="no_sarcopenia", positive_labels=("sarcopenia",))

SDOC2020 = StagedCriterion(
    CriterionInfo("sdoc2020", "SDOC (Sarcopenia Definitions and Outcomes Consortium)",
                  "2020", "bhasin2020", "sarcopenia", "Sarcopenia = weakness (absolute "
                  "grip) and slowness (usual gait); no lean mass. Cut-points: Cawthon "
                  "2020."),
    findings=(
        Finding("weakness", (T("grip", "<", 35.5, 20, source="cawthon2020"),), "weakness"),
        Finding("slowness", (T("gait", "<", 0.8, 0.8, source="cawthon2020"),), "slowness"),
    ),
    stages=(Stage("sarcopenia", AllOf(("weakness", "slowness"))),),
    negative_label="no_sarcopenia", positive_labels=("sarcopenia",))

IWGS2011 = StagedCriterion(
    CriterionInfo("iwgs2011", "International Working Group on Sarcopenia", "2011",
                  "fielding2011", "sarcopenia", "Sarcopenia = gait < 1.0 m/s and low "
                  "ALM/ht² (DXA)."),
    findings=(
        Finding("slow", (T("gait", "<", 1.0, 1.0, source="fielding2011"),), "slow gait"),
        Finding("low_mass", (T("alm_ht2", "<=", 7.23, 5.67, method="dxa",
                               source="fielding2011", evidence="secondary",
                               note="men ≤7.23 seen in the abstract; women ≤5.67 only in "
                               "secondary tables (Newman 2003)"),), "low muscle mass"),
    ),
    stages=(Stage("sarcopenia", AllOf(("slow", "low_mass"))),),
    negative_label="no_sarcopenia", positive_labels=("sarcopenia",))

SCWD2011 = StagedCriterion(
    CriterionInfo("scwd2011", "SCWD sarcopenia with limited mobility", "2011", "morley2011",
                  "sarcopenia", "Limited mobility (gait ≤ 1 m/s or 6-min walk < 400 m) + "
                  "ALM/ht² ≥ 2 SD below young adults of the same ethnic group; the young "
                  "reference defaults to Baumgartner 1998 (white)."),
    findings=(
        Finding("limited_mobility", (T("gait", "<=", 1.0, 1.0, source="morley2011"),
                                     T("walk6", "<", 400, 400, source="morley2011")),
                "limited mobility"),
        Finding("low_mass", (T("alm_ht2", "<=", 7.26, 5.45, method="dxa",
                               source="baumgartner1998", evidence="recalled",
                               note="consensus gives the rule, not numbers; Baumgartner "
                               "young-reference -2 SD used (values unverified)"),),
                "low muscle mass"),
    ),
    stages=(Stage("sarcopenia", AllOf(("limited_mobility", "low_mass"))),),
    negative_label="no_sarcopenia", positive_labels=("sarcopenia",))

BAUMGARTNER1998 = StagedCriterion(
    CriterionInfo("baumgartner1998", "Baumgartner (New Mexico Elder Health Survey)",
                  "1998", "baumgartner1998", "sarcopenia", "ASM/ht² more than 2 SD below "
                  "the young reference mean (rule verified in the abstract)."),
    findings=(Finding("low_mass", (T("alm_ht2", "<", 7.26, 5.45, method="dxa",
                                     source="baumgartner1998", evidence="recalled",
                                     note="numbers not found in the primary text"),),
                      "low muscle mass"),),
    stages=(Stage("sarcopenia", "low_mass"),),
    negative_label="no_sarcopenia", positive_labels=("sarcopenia",))

JANSSEN2002 = StagedCriterion(
    CriterionInfo("janssen2002", "Janssen SMI% (NHANES III)", "2002", "janssen2002",
                  "sarcopenia", "SMI% = whole-body SM (BIA) / weight × 100; class I = -1 "
                  "to -2 SD, class II = below -2 SD of young adults (18-39 y)."),
    findings=(
        Finding("below_1sd", (T("sm_pct", "<=", 37.0, 27.6, source="janssen2002",
                                evidence="secondary", note="ESPEN/EASO table 4 "
                                "reproduction"),), "SMI% ≤ -1 SD"),
        Finding("below_2sd", (T("sm_pct", "<", 31.5, 22.1, source="janssen2002",
                                evidence="secondary", note="ESPEN/EASO table 4 "
                                "reproduction"),), "SMI% < -2 SD"),
    ),
    stages=(Stage("class_i", "below_1sd"), Stage("class_ii", "below_2sd")),
    negative_label="no_sarcopenia", positive_labels=("class_ii",))

JANSSEN2004 = StagedCriterion(
    CriterionInfo("janssen2004", "Janssen disability-risk SM/ht² cut-points", "2004",
                  "janssen2004", "sarcopenia", "SM (BIA) / ht²: moderate (8.51-10.75 men, "
                  "5.76-6.75 women) and severe (≤8.50, ≤5.75) disability risk."),
    findings=(
        Finding("moderate", (T("smi_ht2", "<=", 10.75, 6.75, source="janssen2004"),),
                "SM/ht² moderate risk"),
        Finding("severe", (T("smi_ht2", "<=", 8.50, 5.75, source="janssen2004"),),
                "SM/ht² high risk"),
    ),
    stages=(Stage("moderate", "moderate"), Stage("severe", "severe")),
    negative_label="no_sarcopenia", positive_labels=("severe",))

# ----------------------------------------------------------------- bone
WHO_BMD = TScoreCriterion(
    CriterionInfo("who_bmd", "WHO densitometric categories", "1994", "who1994", "bone",
                  "T ≥ -1.0 normal; -2.5 < T < -1.0 osteopenia; T ≤ -2.5 osteoporosis. "
                  "T-score from the T column, else from BMD with NHANES III references "
                  "(Kanis 2008 reference standard; ISCD 2013: female reference for men)."),
    references=(
        BMDReference("femoral_neck", "female", 0.858, 0.120, "looker1998", "secondary",
                     "NHANES III white women 20-29; identical in ≥3 public scripts"),
        BMDReference("total_hip", "female", 0.942, 0.122, "looker1998", "secondary",
                     "NHANES III white women 20-29; one public script"),
        BMDReference("femoral_neck", "male", 0.934, 0.137, "looker1998", "recalled",
                     "NHANES III white men 20-29; not verified"),
        BMDReference("total_hip", "male", 1.041, 0.144, "looker1998", "recalled",
                     "NHANES III white men 20-29; not verified"),
    ))

NBHA = FractureCriterion(
    CriterionInfo("nbha", "NBHA clinical diagnosis of osteoporosis", "2014", "siris2014",
                  "bone", "Osteoporosis if T ≤ -2.5, or low-trauma hip fracture, or "
                  "osteopenia + low-trauma vertebral/proximal humerus/pelvis fracture. "
                  "FRAX arm not implemented (proprietary)."),
    tscore="who_bmd")

BONE_RULES: dict[str, BoneRule] = {
    "who_low_bmd": BoneRule("who_low_bmd", "WHO T < -1.0 (osteopenia or osteoporosis)",
                            "who1994"),
    "who_osteoporosis": BoneRule("who_osteoporosis", "WHO T ≤ -2.5", "who1994"),
    "nbha": BoneRule("nbha", "NBHA clinical diagnosis", "siris2014"),
}

OSTEOSARCOPENIA = CompositeCriterion(
    CriterionInfo("osteosarcopenia", "Osteosarcopenia (EWGSOP2 + WHO T < -1.0)",
                  "composition", "huang2023", "composite",
                  "No agreed definition; working definition = sarcopenia + osteopenia or "
                  "osteoporosis."), sarcopenia="ewgsop2", bone="who_low_bmd")

# ----------------------------------------------------------------- obesity, screening
SARCOPENIC_OBESITY = StagedCriterion(
    CriterionInfo("sarcopenic_obesity", "ESPEN/EASO sarcopenic obesity (profile: "
                  "white, DXA %FM, US ALM/W)", "2022", "donini2022", "obesity",
                  "Diagnosis = low muscle function (grip or chair stand) + high %FM + low "
                  "ALM/W (DXA) or SM/W (BIA). Screening step (BMI/waist) not applied."),
    findings=(
        Finding("low_function", (
            T("grip", "<", 27, 16, source="donini2022", evidence="secondary",
              note="EWGSOP2 candidate in the ESPEN/EASO table"),
            T("chair", ">=", 17, 17, source="donini2022", evidence="secondary")),
            "low muscle function"),
        Finding("high_fat", (T("body_fat_pct", ">", source="donini2022",
                               evidence="secondary", age_bands=(
                                   AgeBand(20, 40, 26, 39), AgeBand(40, 60, 29, 41),
                                   AgeBand(60, None, 31, 43)),
                               note="Gallagher-type white cut-offs; 60-79 band extended "
                               "to ≥80"),), "high fat mass"),
        Finding("low_mass", (
            T("alm_wt_pct", "<", 25.7, 19.4, method="dxa", source="donini2022",
              evidence="secondary", note="US, -2 SD of young adults"),
            T("sm_pct", "<", 31.5, 22.1, source="donini2022", evidence="secondary",
              note="Janssen 2002 class II (BIA)")), "low muscle mass"),
    ),
    stages=(Stage("sarcopenic_obesity", AllOf(("low_function", "high_fat",
                                               "low_mass"))),),
    negative_label="no_sarcopenic_obesity", positive_labels=("sarcopenic_obesity",),
    uses_age=True)

_CALF = T("calf", "<", 34, 33, source="chen2020")

SARC_F = StagedCriterion(
    CriterionInfo("sarc_f", "SARC-F questionnaire", "2016", "malmstrom2016", "screening",
                  "Total 0-10; ≥4 at risk (cut-off as used by AWGS 2019)."),
    findings=(Finding("positive", (T("sarc_f", ">=", 4, 4, source="chen2020"),),
                      "SARC-F ≥ 4"),),
    stages=(Stage("at_risk", "positive"),), negative_label="not_at_risk",
    positive_labels=("at_risk",))

CALF_CIRCUMFERENCE = StagedCriterion(
    CriterionInfo("calf_circumference", "Calf circumference screen (AWGS 2019)", "2019",
                  "chen2020", "screening", "Low if < 34 cm (men), < 33 cm (women)."),
    findings=(Finding("low", (_CALF,), "low calf circumference"),),
    stages=(Stage("low", "low"),), negative_label="normal", positive_labels=("low",))

SARC_CALF = ScoreCriterion(
    CriterionInfo("sarc_calf", "SARC-CalF (AWGS 2019 calf cut-offs)", "2016",
                  "barbosa-silva2016", "screening", "SARC-F + 10 points if calf is low; "
                  "≥ 11 at risk. The original ≤31 cm calf item is not used."),
    terms=(LinearTerm("sarc_f", 1.0, 1.0), IndicatorTerm(_CALF, 10.0)),
    op=">=", cut_male=11, cut_female=11, negative_label="not_at_risk",
    positive_label="at_risk", note="cut-off ≥11 and calf cut-offs from AWGS 2019")

ISHII = ScoreCriterion(
    CriterionInfo("ishii", "Ishii score chart", "2014", "ishii2014", "screening",
                  "Men 0.62(age-64) - 3.09(grip-50) - 4.64(calf-42) ≥ 105; women "
                  "0.80(age-64) - 5.09(grip-34) - 3.28(calf-42) ≥ 120."),
    terms=(LinearTerm("age", 0.62, 0.80, 64, 64), LinearTerm("grip", -3.09, -5.09, 50, 34),
           LinearTerm("calf", -4.64, -3.28, 42, 42)),
    op=">=", cut_male=105, cut_female=120, negative_label="not_at_risk",
    positive_label="at_risk", evidence="recalled", uses_age=True,
    note="coefficients and cut-offs not verified against the paper")

CATALOG: dict[str, Criterion] = {c.id: c for c in (
    EWGSOP1, EWGSOP2, AWGS2014, AWGS2019, FNIH2014, SDOC2020, IWGS2011, SCWD2011,
    BAUMGARTNER1998, JANSSEN2002, JANSSEN2004, WHO_BMD, NBHA, OSTEOSARCOPENIA,
    SARCOPENIC_OBESITY, SARC_F, SARC_CALF, CALF_CIRCUMFERENCE, ISHII)}
DEFAULT_CRITERIA: tuple[str, ...] = tuple(CATALOG)
SARCOPENIA_CRITERIA: tuple[str, ...] = tuple(
    k for k, c in CATALOG.items() if c.info.kind == "sarcopenia")

_COMPOSITE = re.compile(r"^osteosarcopenia:([a-z0-9_]+)\+([a-z0-9_]+)$")


def get_criterion(cid: str) -> Criterion:
    """Look up ``cid``; ``osteosarcopenia:<sarcopenia id>+<bone rule>`` builds a composite."""
    if cid in CATALOG:
        return CATALOG[cid]
    m = _COMPOSITE.match(cid)
    if m is None:
        raise KeyError(f"unknown criterion {cid!r}; known: {', '.join(CATALOG)}")
    sarc, bone = m.groups()
    if sarc not in SARCOPENIA_CRITERIA:
        raise KeyError(f"{sarc!r} is not a sarcopenia criterion ({SARCOPENIA_CRITERIA})")
    if bone not in BONE_RULES:
        raise KeyError(f"{bone!r} is not a bone rule ({', '.join(BONE_RULES)})")
    info = CriterionInfo(cid, f"Osteosarcopenia ({sarc} + {bone})", "composition",
                         "huang2023", "composite", BONE_RULES[bone].text)
    return CompositeCriterion(info, sarcopenia=sarc, bone=bone)
