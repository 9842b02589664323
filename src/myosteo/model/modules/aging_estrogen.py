"""Age, sex and estrogen forcing of bone remodelling.

Model time 0 is the patient at ``age_at_t0_years`` (the engine starts every patient as a healthy
young adult at 20 years, the steady state of Peterson & Riggs 2010, and lets these slow forcings
act until the scenario starts: any patient begins from a consistent state).

Estrogen, relative to the sex-specific young-adult level (1 = young adult):
- women: a logistic fall around the final menstrual period (FMP, ``menopause_age_years``) to the
  postmenopausal fraction, centred on the FMP, where serum E2 falls fastest in SWAN, and starting
  ~2 years before and ending ~2 years after it (Randolph 2011 JCEM 96:746). Until session 17 the
  centre was 0.5 y after the FMP, set from the timing of bone loss (Greendale 2012 JBMR 27:111);
  with the lag of the cell response the bone loss then came ~0.5 y late (SWAN transmenopause LS
  -5.3 % against -7.4 %);
- men: a slow linear decline of bioavailable E2, -38 % at >= 60 y vs 20-39 y (Khosla 2001 JCEM
  86:3555 / Khosla 2005 JCEM 90:5096), reached by a slope from age 40.

Estrogen deficiency raises osteoblast recruitment together with osteoclastogenesis (Jilka 1998
JCI 101:1942; Riggs 2012 CPT:PSP 1:e11 put it on responding-osteoblast production). Recruitment
alone raises formation and resorption equally in the coupled P&R cell model, so estrogen
deficiency also raises RANKL production (marrow-cell RANKL 2-3x in early postmenopause:
Eghbali-Fatourechi 2003 JCI 111:1221). The two exponents are fitted so that turnover markers
rise as in OFELY (resorption +79-97 %, formation +37-52 % after menopause: Garnero 1996 JBMR
11:337). Riggs 2012's renal effect (active Ca reabsorption -8 % at 90 % estrogen loss) was tried
and left out: with osteoclastic calcium release limited by the skeletal pool it gave plasma Ca
2.20 mmol/L and PTH x1.9 by 70 y, while postmenopausal women keep a normal plasma calcium. An
osteoclast-apoptosis term (Hughes 1996 Nat Med 2:1132, animal) is not identifiable separately.

Aging beyond estrogen: formation per osteoblast falls with age (osteoblast senescence), with a
rate that accelerates exponentially, so that late-life hip loss accelerates as in SOF (Ensrud 1995
JBMR 10:1778) and men lose bone as in MrOS (Cawthon 2009 JBMR 24:1728).
"""

from __future__ import annotations

from myosteo.model.core import Module, ModuleBuilder
from myosteo.model.fitted import fitted

GREENDALE_2012 = "Greendale 2012 JBMR 27:111 (SWAN), doi:10.1002/jbmr.534"
RANDOLPH_2011 = ("Randolph 2011 JCEM 96:746 (SWAN; abstract read, DOI not checked: mean E2 starts to fall "
                 "2.03 y before the FMP, falls fastest at the FMP and is stable 2.17 y after it)")
KHOSLA = "Khosla 2001 JCEM 86:3555; Khosla 2005 JCEM 90:5096"
EGHBALI = "Eghbali-Fatourechi 2003 JCI 111:1221, doi:10.1172/JCI17215"
HUGHES = "Hughes 1996 Nat Med 2:1132, doi:10.1038/nm1096-1132"
RIGGS2012 = "Riggs, Bennetts, van der Graaf, Martin 2012 CPT:PSP 1:e11, doi:10.1038/psp.2012.12"
FIT_NATURAL = "fitted to natural-history targets (SWAN, OFELY, SOF, MrOS; validation/data/natural_history.csv)"


def build() -> Module:
    m = ModuleBuilder(
        "aging_estrogen",
        "Age, sex and estrogen forcing of bone remodelling",
        time_unit="day",
        references=[GREENDALE_2012, RANDOLPH_2011, KHOSLA, EGHBALI, HUGHES, RIGGS2012],
    )
    # patient covariates (set per patient by the scenario layer)
    m.parameter("age_at_t0_years", 20.0, "year", "model convention: healthy young-adult steady state",
                "age at model time 0", bounds=(18.0, 110.0))
    m.parameter("sex_female", 1.0, "1", "patient covariate", "1 = female, 0 = male", bounds=(0.0, 1.0))
    m.parameter("menopause_age_years", 51.0, "year",
                "McKinlay 1992 Maturitas 14:103 (median age at natural menopause 51.3 y)",
                "age at the final menstrual period", bounds=(35.0, 60.0))
    # estrogen trajectory
    m.parameter("estrogen_transition_offset_years", 0.0, "year", RANDOLPH_2011,
                "centre of the estrogen fall relative to the FMP (SWAN: E2 falls fastest at the FMP)",
                bounds=(-3.0, 3.0))
    m.parameter("estrogen_transition_width_years", 0.5, "year", RANDOLPH_2011,
                "logistic width: the fall is 1.7 % done 2.03 y before the FMP and 98.7 % done 2.17 y "
                "after it (SWAN: E2 starts to fall 2.03 y before and is stable 2.17 y after the FMP)",
                bounds=(0.1, 3.0))
    m.parameter("estrogen_postmenopausal_fraction", 0.1, "1",
                "Khosla 2005 JCEM 90:5096 (bioE2 medians 17 pg/mL at 20-39 y vs 3 pg/mL at >= 60 y: ~0.18; "
                "total E2 ~100 -> <10 pg/mL, Riggs 2012)",
                "postmenopausal estrogen relative to premenopausal", bounds=(0.02, 0.5))
    m.parameter("estrogen_male_decline_per_year", 0.38 / 25.0, "1/year", KHOSLA,
                "men: relative bioE2 decline per year after 40 (-38 % by ~65)")
    m.parameter("estrogen_male_floor", 0.5, "1", KHOSLA, "men: lower bound of relative estrogen")
    m.state("age_years", "age_at_t0_years", "year", "patient age (a state, so the model never reads the clock)")
    m.ode("age_years", "1 / 365.25", "one year per 365.25 days")
    m.rule(
        "estrogen_female",
        "estrogen_postmenopausal_fraction + (1 - estrogen_postmenopausal_fraction) / "
        "(1 + exp((age_years - menopause_age_years - estrogen_transition_offset_years) / "
        "estrogen_transition_width_years))",
        "1", "women: estrogen relative to premenopausal",
    )
    m.rule(
        "estrogen_male",
        "max(estrogen_male_floor, 1 - estrogen_male_decline_per_year * max(0, age_years - 40))",
        "1", "men: estrogen relative to young men",
    )
    m.rule("estrogen_rel", "sex_female * estrogen_female + (1 - sex_female) * estrogen_male", "1",
           "estrogen relative to the sex-specific young-adult level")
    m.signal("estrogen_rel_override", -1.0, "1",
             "if >= 0, replaces the age-driven estrogen (hormone therapy, clamps)")
    m.rule("estrogen_effective",
           "piecewise(estrogen_rel_override, estrogen_rel_override >= 0, estrogen_rel)", "1",
           "estrogen acting on bone")
    # effects of estrogen deficiency on bone cells
    m.parameter("estrogen_rob_gamma", fitted("estrogen_rob_gamma", 0.163), "1", FIT_NATURAL + "; form and start value: " + RIGGS2012,
                "responding-osteoblast production x estrogen^-gamma (estrogen loss raises "
                "osteoblastogenesis with osteoclastogenesis: Jilka 1998 JCI 101:1942)", bounds=(0.0, 1.0))
    m.parameter("estrogen_rankl_gamma", fitted("estrogen_rankl_gamma", 0.05), "1", FIT_NATURAL,
                "RANKL production x estrogen^-gamma (marrow-cell RANKL 2-3x in early postmenopause: "
                + EGHBALI + ")", bounds=(0.0, 1.0))
    m.multiply("rankl_production_factor", "estrogen_effective^(-estrogen_rankl_gamma)",
               "estrogen deficiency raises RANKL")
    m.multiply("rob_production_factor", "estrogen_effective^(-estrogen_rob_gamma)",
               "estrogen deficiency raises osteoblast recruitment (coupled high turnover)")
    # aging of bone formation
    m.parameter("aging_onset_years", 30.0, "year", "model convention (peak bone mass ~ 30 y)",
                "age from which formation efficiency declines")
    m.parameter("aging_rate_per_year", fitted("aging_rate_per_year", 0.002), "1/year", FIT_NATURAL,
                "formation-efficiency loss per year at the onset age", bounds=(0.0, 0.05))
    m.parameter("aging_acceleration_per_year", fitted("aging_acceleration_per_year", 0.05), "1/year", FIT_NATURAL,
                "exponential acceleration of the loss with age (SOF: 4x faster at 85 than 67)",
                bounds=(0.0, 0.2))
    m.rule(
        "aging_formation_efficiency",
        "exp(-aging_rate_per_year / aging_acceleration_per_year * "
        "(exp(aging_acceleration_per_year * max(0, age_years - aging_onset_years)) - 1))",
        "1", "formation per osteoblast relative to a young adult",
    )
    m.multiply("ob_activity_factor", "aging_formation_efficiency", "osteoblast senescence")
    m.edge("estrogen", "osteoblast recruitment", -1, "power law (estrogen^-gamma)", "animal",
           "Jilka 1998 JCI 101:1942; " + RIGGS2012, rule="rob_production_factor",
           parameters=("estrogen_rob_gamma",))
    m.edge("estrogen", "RANKL production", -1, "power law (estrogen^-gamma)", "human", EGHBALI,
           rule="rankl_production_factor", parameters=("estrogen_rankl_gamma",))
    m.edge("age", "bone formation per osteoblast", -1, "accelerating exponential", "human",
           "Ensrud 1995 JBMR 10:1778; Cawthon 2009 JBMR 24:1728", rule="ob_activity_factor",
           parameters=("aging_rate_per_year", "aging_acceleration_per_year"))
    return m.build()
