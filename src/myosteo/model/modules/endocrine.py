"""Glucocorticoid exposure, insulin action (type 1 diabetes), HbA1c and IGF-1.

Glucocorticoid: ``glucocorticoid_rel`` = 1 + exogenous exposure in units of the physiological
production (cortisol 9.9 mg/day, Esteban 1991 JCEM 72:39; prednisolone is ~4x as potent, so
~2.5 mg/day of prednisolone equals the physiological level). Prednisolone modules add their
daily-averaged exposure to ``glucocorticoid_exogenous_rel``.

Insulin action: 1 in health. Type 1 diabetes removes endogenous secretion
(``t1d_insulin_deficiency``, 0-1, a varying input set from the disease); insulin therapy adds
``insulin_exogenous_rel`` (delivered dose / requirement), with a peripheral-delivery efficacy
below 1 (SC insulin is not portal), so therapy restores action partly. HbA1c follows insulin
action with the ~2-month red-cell memory. IGF-1 falls with age (healthy reference) and with
glucocorticoid excess and portal insulin deficiency.
"""

from __future__ import annotations

from myosteo.model.core import Module, ModuleBuilder

ESTEBAN = "Esteban 1991 J Clin Endocrinol Metab 72:39 (cortisol production 9.9 mg/day)"
IGF1_AGE = ("Gasco 2007 Endocrine Abstracts 14:P453 (median IGF-1 206 ng/mL at 25-39 y, 103 at >= 60 y); "
            "Scand J Clin Lab Invest 2009 69:880 (log IGF-1 -11 to -13 % per decade)")
COMPSTON = "Compston 2018 Endocrine 61:7 (glucocorticoids lower IGF-1)"
ADA_TDD = "ADA Standards of Care, section 9 (insulin requirement 0.4-1.0, typically 0.5-0.8 U/kg/day)"


def build() -> Module:
    m = ModuleBuilder("endocrine", "Glucocorticoid, insulin action, HbA1c and IGF-1", time_unit="day",
                      references=[ESTEBAN, IGF1_AGE, ADA_TDD])
    m.signal("glucocorticoid_exogenous_rel", 0.0, "1", "exogenous glucocorticoid exposure in units of the "
             "physiological production", combine="sum")
    m.parameter("perturb_glucocorticoid", 1.0, "1", "scenario input ([[perturbation]])",
                "perturbation factor on glucocorticoid exposure", bounds=(0.0, 100.0), varying=True)
    m.rule("glucocorticoid_rel", "(1 + glucocorticoid_exogenous_rel) * perturb_glucocorticoid", "1",
           "glucocorticoid exposure relative to physiological cortisol")
    m.parameter("gc_cytokine_ic50", 2.0, "1", "assumption: prednisolone 7.5 mg/day (3x physiological) "
                "suppresses cytokine production by ~60 % (low-dose GC lowers CRP and DAS28 in RA)",
                "exogenous GC exposure of half-maximal cytokine suppression")
    m.add("gc_immune_suppression", "max(0, glucocorticoid_rel - 1) / (max(0, glucocorticoid_rel - 1) + gc_cytokine_ic50)",
          "glucocorticoids suppress inflammatory cytokine production")
    # insulin
    m.parameter("t1d_insulin_deficiency", 0.0, "1", "scenario input (type 1 diabetes)",
                "loss of endogenous insulin secretion (1 = none left)", bounds=(0.0, 1.0), varying=True)
    m.signal("insulin_exogenous_rel", 0.0, "1", "delivered insulin relative to the requirement", combine="sum")
    m.parameter("insulin_peripheral_efficacy", 0.78, "1", "chosen so that adult T1D on usual therapy reach "
                "HbA1c ~8 % (typical 7.5-8.5 %, ADA; recalled): SC insulin restores action partly", "action per unit of "
                "exogenous insulin relative to endogenous (portal) insulin")
    m.signal("insulin_sensitivity_factor", 1.0, "1", "effect port: insulin sensitivity (TNF, glucocorticoid, "
             "osteocalcin act here)")
    m.parameter("perturb_insulin", 1.0, "1", "scenario input ([[perturbation]])", "perturbation factor on "
                "insulin action", bounds=(0.0, 100.0), varying=True)
    m.parameter("insulin_background_rel", 0.0, "1", "scenario input: usual insulin therapy of type 1 diabetes "
                "(1 = requirement met; patient.t1d_usual_insulin)", "background insulin therapy relative to the "
                "requirement", bounds=(0.0, 1.5), varying=True)
    m.parameter("beta_cell_compensation_max", 2.0, "1", "Kahn 1993 Diabetes 42:1663 (beta cells compensate insulin "
                "resistance by hypersecretion; capacity assumed 2x)", "maximal compensatory rise of endogenous insulin")
    m.parameter("insulin_action_floor", 0.3, "1", "assumption: counter-regulation keeps some action; absolute "
                "untreated deficiency is not a survivable steady state and not a use case",
                "lowest insulin action")
    m.rule("insulin_action_rel",
           "max(insulin_action_floor, ((1 - t1d_insulin_deficiency) * min(1, beta_cell_compensation_max * "
           "insulin_sensitivity_factor) + insulin_peripheral_efficacy * min(1.5, insulin_exogenous_rel + "
           "insulin_background_rel) * insulin_sensitivity_factor) * perturb_insulin)",
           "1", "insulin action relative to the healthy adult")
    m.parameter("hba1c_healthy_pct", 5.3, "%", "ADA (normal HbA1c < 5.7 %)", "healthy HbA1c")
    m.parameter("hba1c_per_insulin_deficit", 12.0, "%", "assumption: HbA1c ~8 % at 78 % action (typical "
                "treated adult T1D, ADA); untreated deficiency > 15 %", "HbA1c rise per unit loss of insulin action")
    m.parameter("k_hba1c", 1.0 / 40.0, "1/day", "red-cell lifespan ~120 days: HbA1c reflects ~2-3 months",
                "rate at which HbA1c follows glycaemia")
    m.state("hba1c_pct", "hba1c_healthy_pct", "%", "glycated haemoglobin")
    m.ode("hba1c_pct", "k_hba1c * (hba1c_healthy_pct + hba1c_per_insulin_deficit * max(0, 1 - insulin_action_rel) "
          "- hba1c_pct)")
    # IGF-1
    m.parameter("igf1_young_ng_ml", 206.0, "ng/mL", IGF1_AGE, "healthy IGF-1 at 25-39 y")
    m.parameter("igf1_decline_per_decade", 0.12, "1/decade", IGF1_AGE, "relative fall of IGF-1 per decade after 32 y")
    m.rule("igf1_expected", "igf1_young_ng_ml * exp(-igf1_decline_per_decade * max(0, age_years - 32) / 10)",
           "ng/mL", "healthy age-expected IGF-1")
    m.parameter("gc_igf1_gamma", 0.05, "1", COMPSTON + " (size assumed small: low-dose prednisolone leaves "
                "lean mass unchanged in RA, Konijn 2016)", "IGF-1 x glucocorticoid^-gamma")
    m.parameter("insulin_igf1_gamma", 0.5, "1", "portal insulin drives hepatic IGF-1 (low IGF-1 in T1D; "
                "size assumed)", "IGF-1 x insulin action^gamma")
    m.parameter("perturb_igf1", 1.0, "1", "scenario input ([[perturbation]])", "perturbation factor on IGF-1",
                bounds=(0.0, 100.0), varying=True)
    m.rule("igf1_ng_ml", "igf1_expected * glucocorticoid_rel^(-gc_igf1_gamma) * insulin_action_rel^insulin_igf1_gamma "
           "* perturb_igf1", "ng/mL", "serum IGF-1")
    m.edge("glucocorticoid", "IGF-1", -1, "power law", "human", COMPSTON, rule="igf1_ng_ml",
           parameters=("gc_igf1_gamma",))
    m.edge("insulin", "IGF-1", 1, "power law", "human", "low IGF-1 in type 1 diabetes", rule="igf1_ng_ml",
           parameters=("insulin_igf1_gamma",))
    m.edge("glucocorticoid", "inflammatory cytokine production", -1, "Emax", "human",
           "low-dose prednisolone lowers CRP and DAS28 in RA", rule="immune_suppression",
           parameters=("gc_cytokine_ic50",))
    m.edge("insulin", "HbA1c", -1, "linear", "human", ADA_TDD, rule="hba1c_pct",
           parameters=("hba1c_per_insulin_deficit",))
    return m.build()
