"""Osteocyte sclerostin and Wnt/beta-catenin signalling acting on bone remodelling.

Structure (Eudy 2015 CPT:PSP 4:527, doi:10.1002/psp4.12013, extended): total circulating
sclerostin (nM) is produced by osteocytes and cleared fast when free and slowly when bound to an
antibody ("inhibition of offset", quasi-steady-state target binding):

    d SCL/dt = kin * P_scl - kout * SCL * f_free - k_bound * SCL * (1 - f_free)

where f_free (the product of each antibody's Km/(Km + C)) is the free fraction and P_scl the
production factor (1 = young adult; a port for mechanical loading and crosstalk). Free sclerostin
s (relative to baseline) antagonises LRP5/6 competitively (Martin 2020 Bone 133:115223), giving
the Wnt signal  W = (1 + sigma) / (1 + sigma * s)  (1 at baseline, 1 + sigma when s -> 0).
W raises formation per osteoblast (with a lag, wnt_activity' = k ((W / TOL)^gamma - wnt_activity),
and adapting: a Wnt-induced negative feedback state TOL follows W,
so the anabolic window closes as observed for romosozumab and blosozumab: P1NP peaks at ~1 month
and returns below baseline by 6-12 months, Chavassieux 2019 JBMR 34:1597 biopsy), raises
osteoblast differentiation, and lowers osteocyte RANKL production (anti-resorptive arm:
sclerostin stimulates osteocyte RANKL, Wijenayaka 2011 PLoS One 6:e25900). Eudy 2015 put the
anti-resorptive arm on OPG, but OPG barely binds RANKL in the Peterson & Riggs parameterisation
(k2/k1 ~ 18 000 pM), so an OPG arm cannot lower resorption in this model.

Two further anti-resorptive terms reproduce the fast fall of CTX on sclerostin antibodies (-33 to
-38 % at day 7, Recker 2015) without pushing CTX above baseline before the next monthly dose
(Ishibashi 2017 Bone, doi:10.1016/j.bone.2017.07.005: every monthly romosozumab dose lowered CTX); docs/validation.md,
sessions 19-21, records the four structures tried:

* a lagged, adapting Wnt restraint r of osteoclast formation and of resorption per osteoclast
  alike,  r' = k_r (max(1, W / TOL)^-gamma_r - r),  the stand-in for Wnt-induced OPG (Glass 2005
  Dev Cell 8:751); RANKL signalling drives both osteoclast differentiation and the activity of
  mature osteoclasts (Lacey 1998 Cell 93:165; Burgess 1999 J Cell Biol 145:527), so one restraint
  multiplies both. The max keeps r <= 1: the restraint never raises resorption;
* a small saturating Wnt suppression of RANKL production above baseline Wnt,
  [(1 - E) + E / (1 + (max(1, W) / W50)^n)] / [(1 - E) + E / (1 + (1 / W50)^n)],  1 at W <= 1.
"""

from __future__ import annotations

from myosteo.model.core import Module, ModuleBuilder
from myosteo.model.fitted import fitted

EUDY2015 = "Eudy 2015 CPT:PSP 4:527, doi:10.1002/psp4.12013 (values as in the Metrum model code)"
MARTIN2020 = "Martin 2020 Bone 133:115223, doi:10.1016/j.bone.2020.115223"
FIT_SOST = ("fitted to blosozumab phase 2 P1NP, CTX and lumbar-spine BMD (Recker 2015 JBMR 30:216; "
            "validation/data/measurements.csv, blosozumab arms)")

DEFAULTS = {"wnt_sigma": 2.0, "wnt_gamma_activity": 1.0, "wnt_gamma_differentiation": 0.05,
            "wnt_gamma_rankl": 0.5, "wnt_k_tolerance": 0.03, "wnt_k_activity": 0.1,
            "wnt_gamma_osteoclast": 0.5, "wnt_k_osteoclast": 0.4, "wnt_rankl_emax": 0.2, "wnt_rankl_w50": 0.9}
FIT_SOST_ROMO = (FIT_SOST + "; structure constrained by monthly romosozumab lowering CTX before every dose "
                 "(Ishibashi 2017 Bone, doi:10.1016/j.bone.2017.07.005)")
GLASS2005 = "Glass 2005 Dev Cell 8:751, doi:10.1016/j.devcel.2005.02.017 (osteoblast beta-catenin restrains osteoclastogenesis via OPG)"
LACEY1998 = "Lacey 1998 Cell 93:165 (RANKL drives osteoclast differentiation and activation)"
BURGESS1999 = "Burgess 1999 J Cell Biol 145:527 (RANKL activates mature osteoclasts)"
WIJENAYAKA2011 = ("Wijenayaka 2011 PLoS One 6:e25900 (sclerostin stimulates osteocyte RANKL expression and "
                  "osteoclast support)")


def build() -> Module:
    m = ModuleBuilder("sclerostin", "Osteocyte sclerostin and Wnt signalling", time_unit="day",
                      references=[EUDY2015, MARTIN2020])
    m.signal("sclerostin_free_fraction", 1.0, "1", "free fraction of sclerostin (antibodies multiply in)")
    m.signal("sclerostin_production_factor", 1.0, "1", "osteocyte sclerostin production (1 = young adult)")
    m.parameter("scl_kout", 25.0, "1/day", EUDY2015, "elimination rate of free sclerostin")
    m.parameter("scl_k_bound", 0.197, "1/day", EUDY2015, "elimination rate of antibody-bound sclerostin")
    m.parameter("scl_baseline_nM", 0.149, "nM", EUDY2015, "baseline total sclerostin (model scale)")
    m.derived("scl_kin", "scl_kout * scl_baseline_nM", "nM/day", "sclerostin production at baseline")
    m.state("scl_total", "scl_baseline_nM", "nM", "total (free + antibody-bound) sclerostin")
    m.ode("scl_total",
          "scl_kin * sclerostin_production_factor - scl_kout * scl_total * sclerostin_free_fraction "
          "- scl_k_bound * scl_total * (1 - sclerostin_free_fraction)")
    m.rule("sclerostin_free_rel", "scl_total * sclerostin_free_fraction / scl_baseline_nM", "1",
           "free sclerostin relative to the young adult")
    m.parameter("wnt_sigma", fitted("wnt_sigma", DEFAULTS["wnt_sigma"]), "1", FIT_SOST + "; form: " + MARTIN2020,
                "baseline sclerostin occupancy ratio of LRP5/6 (W max = 1 + sigma)", bounds=(0.05, 50.0))
    m.rule("wnt_signal", "(1 + wnt_sigma) / (1 + wnt_sigma * sclerostin_free_rel)", "1",
           "Wnt/beta-catenin signal relative to baseline")
    m.parameter("wnt_k_tolerance", fitted("wnt_k_tolerance", DEFAULTS["wnt_k_tolerance"]), "1/day", FIT_SOST,
                "rate of the Wnt-induced negative feedback (closing of the anabolic window)",
                bounds=(0.001, 1.0))
    m.state("wnt_tolerance", 1.0, "1", "Wnt-induced negative feedback (DKK1/SOST up-regulation proxy)")
    m.ode("wnt_tolerance", "wnt_k_tolerance * (wnt_signal - wnt_tolerance)")
    m.parameter("wnt_gamma_activity", fitted("wnt_gamma_activity", DEFAULTS["wnt_gamma_activity"]), "1", FIT_SOST,
                "exponent of (W / TOL) on formation per osteoblast", bounds=(0.0, 5.0))
    m.parameter("wnt_gamma_differentiation", fitted("wnt_gamma_differentiation", DEFAULTS["wnt_gamma_differentiation"]), "1", FIT_SOST,
                "exponent of W on osteoblast differentiation", bounds=(0.0, 2.0))
    m.parameter("wnt_gamma_rankl", fitted("wnt_gamma_rankl", DEFAULTS["wnt_gamma_rankl"]), "1",
                FIT_SOST + "; mechanism: " + WIJENAYAKA2011,
                "exponent of W on (osteocyte) RANKL production, RANKL x W^-gamma", bounds=(0.0, 5.0))
    m.parameter("wnt_k_activity", fitted("wnt_k_activity", DEFAULTS["wnt_k_activity"]), "1/day",
                FIT_SOST + "; model assumption: matrix synthesis follows the Wnt signal with a lag, "
                "as P1NP rises over 2-4 weeks on blosozumab while CTX falls within one (Recker 2015)",
                "rate at which matrix synthesis per osteoblast follows the Wnt signal", bounds=(0.02, 5.0))
    m.state("wnt_activity", 1.0, "1", "matrix synthesis per osteoblast driven by Wnt (lagged)")
    m.ode("wnt_activity", "wnt_k_activity * ((wnt_signal / wnt_tolerance)^wnt_gamma_activity - wnt_activity)")
    m.multiply("ob_activity_factor", "wnt_activity",
               "Wnt raises matrix synthesis per osteoblast (adapting, lagged)")
    m.multiply("ob_differentiation_factor", "wnt_signal^wnt_gamma_differentiation",
               "Wnt drives osteoblast differentiation")
    m.multiply("rankl_production_factor", "wnt_signal^(-wnt_gamma_rankl)",
               "sclerostin drives osteocyte RANKL; less sclerostin, less RANKL")
    _osteoclast_restraint(m)
    m.edge("sclerostin", "Wnt/beta-catenin signalling", -1, "competitive LRP5/6 antagonism",
           "human", MARTIN2020, rule="wnt_signal", parameters=("wnt_sigma",))
    m.edge("Wnt/beta-catenin", "bone formation per osteoblast", 1, "power law, adapting", "human",
           EUDY2015, rule="ob_activity_factor", parameters=("wnt_gamma_activity", "wnt_k_tolerance", "wnt_k_activity"))
    m.edge("Wnt/beta-catenin", "osteoblast differentiation", 1, "power law", "animal", EUDY2015,
           rule="ob_differentiation_factor", parameters=("wnt_gamma_differentiation",))
    m.edge("sclerostin (via Wnt)", "RANKL production", 1, "power law", "in vitro", WIJENAYAKA2011,
           rule="rankl_production_factor", parameters=("wnt_gamma_rankl",))
    m.edge("Wnt/beta-catenin", "osteoclast formation", -1, "power law, lagged and adapting (OPG stand-in)", "animal",
           GLASS2005 + "; " + LACEY1998, rule="oc_formation_factor",
           parameters=("wnt_gamma_osteoclast", "wnt_k_osteoclast"))
    m.edge("Wnt/beta-catenin", "resorption per osteoclast", -1, "power law, lagged and adapting (OPG stand-in)",
           "animal", GLASS2005 + "; " + BURGESS1999, rule="oc_activity_factor",
           parameters=("wnt_gamma_osteoclast", "wnt_k_osteoclast"))
    m.edge("Wnt/beta-catenin (above baseline)", "RANKL production", -1, "saturating", "model", FIT_SOST_ROMO,
           rule="wnt_rankl_saturating", parameters=("wnt_rankl_emax", "wnt_rankl_w50", "wnt_rankl_hill"))
    return m.build()


def _osteoclast_restraint(m: ModuleBuilder) -> None:
    """Anti-resorptive Wnt terms that act within days (see the module docstring)."""
    m.parameter("wnt_gamma_osteoclast", fitted("wnt_gamma_osteoclast", DEFAULTS["wnt_gamma_osteoclast"]), "1",
                FIT_SOST_ROMO + "; mechanism: " + GLASS2005,
                "exponent of (W / TOL) restraining osteoclast formation and resorption per osteoclast",
                bounds=(0.0, 5.0))
    m.parameter("wnt_k_osteoclast", fitted("wnt_k_osteoclast", DEFAULTS["wnt_k_osteoclast"]), "1/day",
                FIT_SOST_ROMO, "rate at which the osteoclast restraint follows the Wnt signal (1/lag)",
                bounds=(0.02, 10.0))
    m.state("wnt_osteoclast_restraint", 1.0, "1",
            "Wnt restraint of osteoclast formation and activity (OPG stand-in; 1 = none, lagged)")
    m.ode("wnt_osteoclast_restraint", "wnt_k_osteoclast * (max(1, wnt_signal / wnt_tolerance)^(-wnt_gamma_osteoclast) "
          "- wnt_osteoclast_restraint)")
    m.multiply("oc_formation_factor", "wnt_osteoclast_restraint",
               "Wnt restrains osteoclast formation (OPG stand-in; Glass 2005, Lacey 1998)")
    m.multiply("oc_activity_factor", "wnt_osteoclast_restraint",
               "Wnt restrains resorption per osteoclast (OPG stand-in; Glass 2005, Burgess 1999)")
    m.parameter("wnt_rankl_emax", fitted("wnt_rankl_emax", DEFAULTS["wnt_rankl_emax"]), "1", FIT_SOST_ROMO,
                "maximum of the saturating Wnt suppression of RANKL production (of the unnormalised term)",
                bounds=(0.0, 0.9))
    m.parameter("wnt_rankl_w50", fitted("wnt_rankl_w50", DEFAULTS["wnt_rankl_w50"]), "1", FIT_SOST_ROMO,
                "Wnt signal at half the saturating suppression", bounds=(0.5, 2.0))
    m.parameter("wnt_rankl_hill", 20.0, "1",
                "model assumption, fixed (not fitted): a steep switch, so the suppression is complete just "
                "above baseline Wnt; docs/validation.md Session 20", "Hill exponent of the saturating suppression",
                bounds=(1.0, 30.0))
    m.rule("wnt_rankl_saturating",
           "((1 - wnt_rankl_emax) + wnt_rankl_emax / (1 + (max(1, wnt_signal) / wnt_rankl_w50)^wnt_rankl_hill)) / "
           "((1 - wnt_rankl_emax) + wnt_rankl_emax / (1 + (1 / wnt_rankl_w50)^wnt_rankl_hill))", "1",
           "saturating Wnt suppression of RANKL production (1 at W <= 1)")
    m.multiply("rankl_production_factor", "wnt_rankl_saturating",
               "Wnt above baseline suppresses RANKL production, saturating")
