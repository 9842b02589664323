"""Regional areal BMD (lumbar spine, total hip, femoral neck) and bone turnover markers.

BMD follows Peterson & Riggs 2012 (CPT:PSP 1:e14, doi:10.1038/psp.2012.15): the mineral balance of
each site is an indirect response to bone formation and resorption relative to the healthy young
adult,

    d M_site/dt = k_site * (D_site - (R)^gR_site * M_site),   M(young adult) = 1,

extended with a delayed formation drive (Eudy 2015 CPT:PSP 4:527, doi:10.1002/psp4.12013: new
matrix mineralises over weeks)

    d D_site/dt = k_mineralisation * (Fm^gF_site - D_site),

and with the remodelling space (Heaney 1994 JBMR 9:1515, the bone-remodelling transient): the
volume resorbed but not yet refilled scales with resorption over formation, so a change in
turnover moves BMD by a bounded amount over one remodelling period before the balance acts,

    d S_site/dt = k_remodel * (s0_site * R / F - S_site),   BMD_site ~ (1 - S_site) / (1 - s0_site),

and with secondary mineralisation as a property of the bone tissue (Fuchs 2008 Matrix Biol 27:34:
new matrix gains about two thirds of its final mineral within weeks and the rest over about a
year). M is the bone tissue of the site; a cited fraction phi = 0.33 of its mineral is secondary,
Q (relative to the young adult). Secondary mineral accrues on all tissue at rate k2, and
resorption removes it with the tissue it removes (the fraction k R^gR per day), while new tissue
arrives with primary mineral only:

    d M_site/dt = k_site (D_site - R^gR M_site),
    d Q_site/dt = (k2 + k_site) M_site - (k2 + k_site R^gR) Q_site,
    BMD_site = ((1 - phi) M_site + phi Q_site) (1 - S_site) / (1 - s0_site),

so that (i) a rise of formation builds BMD over the following year rather than at once
(blosozumab spine +7.0 / 12.3 / 17.6 % at 3 / 6 / 12 months, nearly linear while P1NP has
returned to baseline by month 12), (ii) the degree of mineralisation falls when turnover rises and
rises when it falls, and stays there while turnover does: the mean tissue age sets it (Boivin 2000
Bone 27:687, doi:10.1016/s8756-3282(00)00376-8: after 3 years of alendronate the mean degree of
mineralisation of iliac bone was 11.4 % (cancellous) above placebo, about as much as the spine BMD
difference, which the authors attribute to prolonged secondary mineralisation after the fall in
activation frequency). k2 is fitted with the other BMD parameters (the rabbit course, complete by
~350 days, gave the start value and the bounds 1 month to 4 years). Until session 27, Q was a
delayed copy of the formation drive (D2' = k2 (D - D2), M' = k ((1 - phi) D + phi D2 - R^gR M)),
which has no lasting effect of turnover on mineralisation: after menopause the spine regained
bone once the drive caught up with resorption (docs/validation.md, session 27).

F = (osteoblasts / OB0)^gamma_ob x formation per osteoblast (``ob_activity_factor``: aging, Wnt, and the
P&R osteoblast BCL2 signal, which rises with intermittent and falls with continuous PTH; activity
follows a power of BCL2 relative to a reference that tracks BCL2 within days, so the activity
reads the intraday swing of BCL2 after each PTH peak (the mean of a convex power of a swinging
signal exceeds the power of its mean) and not its level: sustained PTH shifts, such as the
modest rise under sclerostin antibodies or glucocorticoids, adapt away within days) and
R = (osteoclasts / OC0) x resorption per osteoclast (``oc_activity_factor``). The mineral balance
sees the PTH-driven activity with a smaller exponent than the collagen marker (Fm = F x
activity^(kappa - 1), kappa < 1): P1NP rises about threefold on daily teriparatide (McClung 2005)
while spine BMD gains ~1 %/month, and matrix formed under PTH is less mineralised at first
(a model assumption, fitted).

The anabolic window: at the onset of intermittent PTH, formation also starts on quiescent
surfaces without prior resorption (modeling-based formation: Dempster 2018 JBMR 33:298, 2.9- to
21.9-fold rises of modeling- and remodelling-based formation in iliac biopsies after 3 months of
teriparatide), so spine BMD gains fastest in the first months and the gain slows while the
stimulus continues (observed spine course +3.5 / 5.4 / 7.5 / 9.2 / 10.6 % at 3 / 6 / 11 / 17 /
22 months: validation/data). The mineral drive is multiplied by a transient boost that reads the
PTH/BCL2 activity against its own slow average,

    W = max(1, a / a_slow)^kappa_W,   d a_slow/dt = k_W (a - a_slow),

which is 1 at steady state (untreated, or any sustained stimulus after ~1 / k_W) and after
stopping (no negative window); kappa_W and k_W are fitted to the teriparatide spine arms with the
other BMD parameters. Without it the spine course on teriparatide was convex (+3.1 % at 6
months, +13.9 % at 24: docs/validation.md, session 16).

Parameters of each site are fitted jointly to the calibration datasets in
``myosteo/validation/data`` (denosumab, teriparatide and sclerostin-antibody trials, natural
history) by ``myosteo.validation.calibrate``.

Turnover markers (relative to the young adult; outputs report % change from the patient's t0):
- CTX (resorption): R;
- P1NP (formation, collagen synthesis): F, which includes the coupling of matrix synthesis to
  resorption months earlier, Rr^gamma_c with Rr' = k_c (R - Rr) (Sims & Martin 2014; start value
  1/k_c ~ 3 months, Eriksen 1986). gamma_ob, gamma_c and k_c are fitted to P1NP on denosumab
  (Eastell 2011: -18 / -50 / -76 % at 1 / 6 / 36 months) and on zoledronic acid (Delmas 2009:
  -56 % at 12 months); gamma_ob = 1 is P&R 2012;
- BSAP (osteoblast number): OB/OB0 (Peterson & Riggs 2012 used OB for BSAP).
"""

from __future__ import annotations

from myosteo.model.core import Module, ModuleBuilder
from myosteo.model.fitted import fitted, fitted_variability

PR2012 = "Peterson & Riggs 2012 CPT:PSP 1:e14, doi:10.1038/psp.2012.15"
PR2010_BCL2 = ("Peterson & Riggs 2010 Bone 46:49 (RUNX2/CREB/BCL2 separate intermittent from continuous "
               "PTH); Jilka 1999 JCI 104:439 (intermittent PTH prevents osteoblast apoptosis)")
EUDY2015 = "Eudy 2015 CPT:PSP 4:527, doi:10.1002/psp4.12013"
HEANEY1994 = "Heaney 1994 JBMR 9:1515 (the bone-remodelling transient), doi:10.1002/jbmr.5650091003"
SIMS_MARTIN2014 = ("Sims & Martin 2014 BoneKEy Rep 3:481, doi:10.1038/bonekey.2013.215 (coupling of bone "
                   "formation to resorption in the remodelling unit)")
ERIKSEN1986 = ("Eriksen 1986 Endocr Rev 7:379, doi:10.1210/edrv-7-4-379 (human trabecular remodelling "
               "sequence: resorption ~1 month, reversal, formation ~4 months)")
DELMAS2009 = ("Delmas 2009 JBMR 24:1544 (zoledronic acid: P1NP -56 %, beta-CTX -50 %, "
              "BSAP -30 %, median at 12 months)")
EASTELL2011 = ("Eastell 2011 JBMR 26:530, doi:10.1002/jbmr.251 (FREEDOM marker substudy: P1NP -18 / -50 / -76 % "
               "vs placebo at 1 / 6 / 36 months; CTX falls faster and deeper than P1NP)")
DEMPSTER2018 = ("Dempster 2018 JBMR 33:298 (AVA study: modeling-, remodelling- and overflow modeling-based "
                "formation each rose 2.9- to 21.9-fold in cancellous and endocortical bone after 3 months of "
                "teriparatide 20 ug/day; abstract)")
OSAGIE2017 = ("Osagie-Clouard 2017 Bone Joint Res 6:14, doi:10.1302/2046-3758.61.BJR-2016-0085.R1 (review: "
              "intermittent PTH increases formation within an 'anabolic window', through coupled and "
              "uncoupled formation)")
FUCHS2008 = ("Fuchs 2008 Matrix Biol 27:34 (rabbit osteons, synchrotron FTIRM: mineral/protein reaches 67 % of "
             "the interstitial-bone level within 18 days of formation, then rises slowly to it by ~350 days; "
             "abstract) [journal, volume and page recalled]")
# fraction of the final mineral content that new matrix gains by secondary mineralisation
SECONDARY_MINERAL_FRACTION = 0.33
# start value of its rate (1/day): secondary mineralisation is complete by ~350 days (rabbit), three
# time constants
K_SECONDARY_MINERALISATION = 3 / 350
BOIVIN2000 = ("Boivin 2000 Bone 27:687, doi:10.1016/s8756-3282(00)00376-8, PMID 11062357 (abstract: mean degree "
              "of mineralisation of iliac bone +11.4 % cancellous, +11.6 % compact after 3 years of alendronate "
              "vs placebo, attributed to prolonged secondary mineralisation after the fall in activation frequency)")
MCCLUNG2005 = "McClung 2005 Arch Intern Med 165:1762, doi:10.1001/archinte.165.15.1762 (P1NP +218 % at 6 months)"

SITES = ("lumbar_spine", "total_hip", "femoral_neck")

# starting values; fitted values come from fitted.json (myosteo.validation.calibrate)
DEFAULTS: dict[str, float] = {"k_mineralisation": 0.059, "gamma_bcl2_activity": 3.0, "k_bcl2_activity": 0.1,
                              "k_bcl2_adaptation": 1e-3, "k_remodel": 1 / 150, "bcl2_activity_bmd_exponent": 1.0,
                              "gamma_formation_coupling": 0.0, "gamma_formation_osteoblasts": 1.0,
                              "k_formation_coupling": 1 / 90, "kappa_anabolic_window": 0.5,
                              "k_anabolic_window": 1 / 150}
for _site, _k in {"lumbar_spine": 0.0095, "total_hip": 0.005, "femoral_neck": 0.004}.items():
    DEFAULTS.update({f"k_bmd_{_site}": _k, f"gF_bmd_{_site}": 1.0, f"gR_bmd_{_site}": 1.0,
                     f"remodeling_space_{_site}": 0.03})
FIT_SOURCE = "fitted to validation/data (denosumab, teriparatide, sclerostin antibody, natural history)"


# Young-adult reference areal BMD (g/cm^2, Hologic scale): the BMD state 1.0 of each sex and site.
# status: V = verified in the primary source, S = secondary source, R = recalled (to verify).
YOUNG_ADULT_BMD = {
    ("female", "femoral_neck"): (0.858, "Looker 1998 Osteoporos Int 8:468 (NHANES III NHW women 20-29; SD 0.120) [S]"),
    ("female", "total_hip"): (0.942, "Looker 1998 Osteoporos Int 8:468 (NHANES III NHW women 20-29; SD 0.122) [R]"),
    ("female", "lumbar_spine"): (1.064, "NHANES reference women 21-30 y, Varatharajan 2026 Front Endocrinol Table 3 [S]"),
    ("male", "femoral_neck"): (0.934, "Looker 1998 Osteoporos Int 8:468 (NHANES III NHW men 20-29; SD 0.137) [R]"),
    ("male", "total_hip"): (1.041, "Looker 1998 Osteoporos Int 8:468 (NHANES III NHW men 20-29; SD 0.144) [R]"),
    ("male", "lumbar_spine"): (1.057, "NHANES reference men 21-30 y, Varatharajan 2026 Front Endocrinol Table 3 [S]"),
}
T_SCORE_REFERENCE = (0.858, 0.120, "NHANES III femoral neck, NHW women 20-29 (Looker 1998); female "
                     "reference for both sexes as recommended by ISCD/WHO (Kanis 2008 Bone 42:467)")


def build() -> Module:
    m = ModuleBuilder("bmd", "Regional BMD and bone turnover markers", time_unit="day",
                      references=[PR2012, EUDY2015, HEANEY1994, FUCHS2008, BOIVIN2000, MCCLUNG2005, EASTELL2011])
    m.rule("formation_rel", "((OBfast + OBslow) / OB0)^gamma_formation_osteoblasts * ob_activity_factor "
           "* bcl2_activity * resorption_recent^gamma_formation_coupling", "1",
           "bone formation relative to the young adult (P1NP)")
    m.rule("resorption_rel", "OC / OC0 * oc_activity_factor", "1",
           "bone resorption relative to the young adult (CTX)")
    # Coupling in the remodelling unit: osteoblasts fill cavities that osteoclasts dug months
    # earlier, so matrix synthesis follows recent resorption. The P&R cell
    # network couples osteoblast *number* to resorption through TGF-beta only weakly (zoledronic
    # acid: simulated P1NP -31 % against CTX -55 %; observed -56 % against -50 %, while BSAP, the
    # osteoblast-number marker, falls only 30 %: Delmas 2009).
    m.parameter("gamma_formation_coupling", fitted("gamma_formation_coupling", DEFAULTS["gamma_formation_coupling"]),
                "1", "fitted to P1NP on zoledronic acid (" + DELMAS2009 + "; calibrate stage 5); mechanism: "
                + SIMS_MARTIN2014,
                "exponent of recent resorption on matrix synthesis per osteoblast", bounds=(0.0, 2.0))
    m.parameter("k_formation_coupling", fitted("k_formation_coupling", DEFAULTS["k_formation_coupling"]), "1/day",
                "fitted to P1NP on denosumab (" + EASTELL2011 + ") and zoledronic acid (" + DELMAS2009
                + "; calibrate stage 5); structure and start value: " + ERIKSEN1986 + ": formation at a "
                "site starts ~1 month after resorption and lasts ~4 months",
                "rate at which the resorption that formation follows is updated (1 / mean delay)",
                bounds=(1 / 365, 1 / 7))
    # The P&R osteoblast number follows osteoclastic TGF-beta within weeks (BSAP -57 % by month 3
    # on denosumab 60 mg, phase 2), while P1NP on denosumab falls over months (-18 / -50 / -76 %
    # at 1 / 6 / 36 months, Eastell 2011): matrix synthesis refills the cavities resorbed months
    # earlier, so it reads that osteoblast number with an exponent below 1 (1 = P&R 2012, P1NP
    # proportional to osteoblast number, which with the lagged coupling on top counts the fall of
    # resorption twice: denosumab P1NP -83 % at 6 months). Since session 24 (zoledronic-acid P1NP
    # tolerance 8 pp) stage 5 takes this exponent to its bound 0: matrix synthesis follows the
    # resorbed volume (gamma_formation_coupling ~1.07) and osteoblast activity, and osteoblast
    # number is reported (BSAP) without setting P1NP (docs/validation.md, session 24).
    m.parameter("gamma_formation_osteoblasts", fitted("gamma_formation_osteoblasts",
                DEFAULTS["gamma_formation_osteoblasts"]), "1",
                "fitted to P1NP on denosumab (" + EASTELL2011 + ") and zoledronic acid (" + DELMAS2009
                + "; calibrate stage 5); 1 = " + PR2012,
                "exponent of osteoblast number (the P&R TGF-beta-driven pool) on matrix synthesis", bounds=(0.0, 1.0))
    m.state("resorption_recent", 1.0, "1", "resorption over the last months, which formation refills (relative to the young adult)")
    m.ode("resorption_recent", "k_formation_coupling * (resorption_rel - resorption_recent)")
    m.edge("bone resorption", "bone formation per osteoblast", 1, "power law, lagged ~3 months",
           "human", SIMS_MARTIN2014 + "; " + DELMAS2009, rule="formation_rel",
           parameters=("gamma_formation_coupling", "k_formation_coupling"))
    m.edge("osteoblast number", "bone formation", 1, "power law", "human", EASTELL2011 + "; " + PR2012,
           rule="formation_rel", parameters=("gamma_formation_osteoblasts",))
    m.rule("osteoblasts_rel", "(OBfast + OBslow) / OB0", "1", "osteoblast number (BSAP)")
    m.parameter("gamma_bcl2_activity", fitted("gamma_bcl2_activity", DEFAULTS["gamma_bcl2_activity"]),
                "1", FIT_SOURCE + "; mechanism: " + PR2010_BCL2,
                "exponent of osteoblast BCL2 (the P&R intermittent-PTH signal) on formation per osteoblast",
                bounds=(0.0, 20.0))
    m.parameter("k_bcl2_activity", fitted("k_bcl2_activity", DEFAULTS["k_bcl2_activity"]), "1/day",
                FIT_SOURCE, "rate at which osteoblast activity follows the BCL2 signal (BCL2 itself "
                "swings within each day after a PTH injection; matrix synthesis integrates it)",
                bounds=(0.01, 0.3))
    m.parameter("k_bcl2_adaptation", fitted("k_bcl2_adaptation", DEFAULTS["k_bcl2_adaptation"]), "1/day",
                FIT_SOURCE + "; model assumption: osteoblast responsiveness adapts to the prevailing "
                "BCL2 level within days, so only the intraday BCL2 swing of intermittent PTH acts "
                "(Peterson & Riggs 2010 separate intermittent from continuous PTH). Slower "
                "adaptation (months, bounds 2.7e-4-0.03 before) let every sustained PTH shift act "
                "through the steep power law: romosozumab P1NP fell below baseline within a month",
                "adaptation rate of the BCL2 reference", bounds=(0.25, 2.0))
    m.state("bcl2_reference", "BCL2", "1", "adapting reference level of osteoblast BCL2")
    m.ode("bcl2_reference", "k_bcl2_adaptation * (BCL2 - bcl2_reference)")
    m.state("bcl2_activity", 1.0, "1", "osteoblast activity driven by the PTH/BCL2 signal (smoothed)")
    m.ode("bcl2_activity",
          "k_bcl2_activity * ((BCL2 / bcl2_reference)^gamma_bcl2_activity - bcl2_activity)")
    # A factor of formation_rel, not of ob_activity_factor: the edge tests and the other modules'
    # multipliers of ob_activity_factor read direct effects; the BCL2 activity is the indirect
    # route of every stimulus that moves PTH.
    m.edge("PTH (intermittent)", "bone formation per osteoblast", 1, "power law of BCL2", "human",
           PR2010_BCL2, rule="formation_rel", parameters=("gamma_bcl2_activity",))
    m.parameter("k_mineralisation", fitted("k_mineralisation", DEFAULTS["k_mineralisation"]), "1/day",
                FIT_SOURCE + "; structure: " + EUDY2015,
                "rate at which formation reaches BMD (delay of mineralisation)", bounds=(0.005, 1.0))
    for (sex, site), (value, source) in YOUNG_ADULT_BMD.items():
        m.parameter(f"bmd_young_{sex}_{site}_g_cm2", value, "g/cm^2", source,
                    f"young-adult mean areal BMD, {sex}, {site}")
    m.parameter("bcl2_activity_bmd_exponent", fitted("bcl2_activity_bmd_exponent",
                DEFAULTS["bcl2_activity_bmd_exponent"]), "1",
                FIT_SOURCE + " and P1NP on teriparatide (" + MCCLUNG2005 + "); model assumption",
                "exponent of the PTH/BCL2 osteoblast activity in mineralised formation (1 = as in P1NP)",
                bounds=(0.05, 1.0))
    m.rule("mineral_formation_rel", "formation_rel * bcl2_activity^(bcl2_activity_bmd_exponent - 1)", "1",
           "formation that reaches the mineral balance (PTH-driven activity with a smaller exponent)")
    m.parameter("kappa_anabolic_window", fitted("kappa_anabolic_window", DEFAULTS["kappa_anabolic_window"]), "1",
                "fitted to the teriparatide spine arms (validation/data) with the other BMD parameters; "
                "mechanism: " + DEMPSTER2018 + "; " + OSAGIE2017 + "; model assumption (form of the boost)",
                "exponent of the rise of PTH/BCL2 activity over its slow average on the mineral drive "
                "(modeling-based formation at the onset of intermittent PTH); 0 = no window", bounds=(0.0, 3.0))
    m.parameter("k_anabolic_window", fitted("k_anabolic_window", DEFAULTS["k_anabolic_window"]), "1/day",
                "fitted to the teriparatide spine arms (validation/data) with the other BMD parameters; "
                "model assumption", "rate at which the slow average of PTH/BCL2 activity catches up "
                "(1 / duration of the anabolic window)", bounds=(1 / 720, 1 / 14))
    m.state("bcl2_activity_slow", 1.0, "1", "slow average of the PTH/BCL2 osteoblast activity")
    m.ode("bcl2_activity_slow", "k_anabolic_window * (bcl2_activity - bcl2_activity_slow)")
    m.rule("anabolic_window_boost", "max(1, bcl2_activity / bcl2_activity_slow)^kappa_anabolic_window", "1",
           "transient boost of the mineral drive at the onset of intermittent PTH (modeling-based formation)")
    m.edge("PTH (intermittent), onset", "bone formation (modeling-based)", 1,
           "power law of activity over its slow average, transient", "human", DEMPSTER2018 + "; " + OSAGIE2017,
           rule="anabolic_window_boost", parameters=("kappa_anabolic_window", "k_anabolic_window"))
    m.parameter("k_remodel", fitted("k_remodel", DEFAULTS["k_remodel"]), "1/day",
                FIT_SOURCE + "; structure: " + HEANEY1994,
                "rate at which the remodelling space follows turnover (1 / remodelling period)",
                bounds=(1 / 200, 1 / 20))
    m.parameter("secondary_mineral_fraction", SECONDARY_MINERAL_FRACTION, "1", FUCHS2008,
                "fraction of the final mineral of new matrix deposited by secondary mineralisation "
                "(1 - 0.67 reached within 18 days)", bounds=(0.0, 0.6))
    m.parameter("k_secondary_mineralisation", fitted("k_secondary_mineralisation", K_SECONDARY_MINERALISATION),
                "1/day", FIT_SOURCE + "; structure: " + FUCHS2008 + "; " + BOIVIN2000 + "; bounds: "
                + FUCHS2008 + " (complete by ~350 days in rabbits; human remodelling is slower, so the "
                "bounds allow 1 month to 4 years: a model assumption; the session-27 fit sits at the "
                "slow bound)", "rate of secondary mineralisation of the bone tissue",
                bounds=(1 / 1500, 1 / 30))
    for site in SITES:
        m.parameter(f"k_bmd_{site}", fitted(f"k_bmd_{site}", DEFAULTS[f"k_bmd_{site}"]), "1/day", FIT_SOURCE + "; structure: " + PR2012,
                    f"{site} BMD turnover rate", bounds=(5e-5, 0.05),
                    variability=fitted_variability(f"k_bmd_{site}"))
        m.parameter(f"gF_bmd_{site}", fitted(f"gF_bmd_{site}", DEFAULTS[f"gF_bmd_{site}"]), "1", FIT_SOURCE,
                    f"{site}: exponent of formation (fitted with gF <= gR: a balanced rise of turnover builds no bone)", bounds=(0.0, 2.0))
        m.parameter(f"gR_bmd_{site}", fitted(f"gR_bmd_{site}", DEFAULTS[f"gR_bmd_{site}"]), "1", FIT_SOURCE,
                    f"{site}: exponent of resorption", bounds=(0.0, 2.0))
        m.parameter(f"remodeling_space_{site}", fitted(f"remodeling_space_{site}", DEFAULTS[f"remodeling_space_{site}"]),
                    "1", FIT_SOURCE + "; structure: " + HEANEY1994,
                    f"{site}: remodelling space in the young adult (fraction of BMD)", bounds=(0.0, 0.15))
        m.state(f"bmd_drive_{site}", 1.0, "1", f"{site}: delayed formation drive")
        m.state(f"bmd_secondary_mineral_{site}", 1.0, "1",
                f"{site}: secondary mineral of the bone tissue relative to the young adult")
        m.state(f"bmd_balance_{site}", 1.0, "1", f"{site}: mineral balance relative to the young adult")
        m.state(f"remodeling_open_{site}", f"remodeling_space_{site}", "1",
                f"{site}: resorbed volume not yet refilled (fraction of BMD)")
        m.ode(f"bmd_drive_{site}", f"k_mineralisation * (mineral_formation_rel^gF_bmd_{site} * anabolic_window_boost "
              f"- bmd_drive_{site})")
        m.ode(f"bmd_balance_{site}",
              f"k_bmd_{site} * (bmd_drive_{site} - resorption_rel^gR_bmd_{site} * bmd_balance_{site})",
              "bone tissue: formation adds it, resorption removes a fraction k R^gR per day")
        m.ode(f"bmd_secondary_mineral_{site}",
              f"(k_secondary_mineralisation + k_bmd_{site}) * bmd_balance_{site} - (k_secondary_mineralisation "
              f"+ k_bmd_{site} * resorption_rel^gR_bmd_{site}) * bmd_secondary_mineral_{site}",
              "secondary mineral accrues on all tissue; resorption removes it with the tissue; new tissue has none")
        m.ode(f"remodeling_open_{site}",
              f"k_remodel * (remodeling_space_{site} * resorption_rel / formation_rel - remodeling_open_{site})")
        m.edge("bone resorption (tissue renewal)", f"{site} degree of mineralisation", -1,
               "first-order: resorption removes secondarily mineralised tissue, new tissue has primary mineral",
               "human", BOIVIN2000 + "; " + FUCHS2008, rule=f"bmd_{site}",
               parameters=("k_secondary_mineralisation", "secondary_mineral_fraction"))
        m.rule(f"bmd_{site}", f"((1 - secondary_mineral_fraction) * bmd_balance_{site} + secondary_mineral_fraction "
               f"* bmd_secondary_mineral_{site}) * (1 - remodeling_open_{site}) / (1 - remodeling_space_{site})",
               "1", f"{site} areal BMD relative to the young adult")
    return m.build()
