"""Anti-sclerostin antibodies (SC): romosozumab and blosozumab.

PK (both): two-compartment model with first-order SC absorption and linear + target-mediated
(Michaelis-Menten) elimination, Eudy 2015 CPT:PSP 4:527 (doi:10.1002/psp4.12013), values as in the
Metrum model code; amounts in nmol (MW 145 kDa as in that model; the Evenity label gives ~149 kDa).
Check: 210 mg gives Cmax ~21 ug/mL at ~5 d (Evenity label: 22.2 ug/mL). Binding: the free
sclerostin fraction is Km/(Km + C) (quasi-steady state).

Blosozumab: no published population-PK parameters were found (McColm 2014 JBMR 29:935 reports
none in its abstract); it uses the romosozumab structure and values, with its own binding
constant fitted to its phase-2 trial. This is an assumption, stated in docs/validation.md.
"""

from __future__ import annotations

from myosteo.model.core import Module, ModuleBuilder
from myosteo.model.drugs import DrugSpec, register
from myosteo.model.fitted import fitted

EUDY2015 = "Eudy 2015 CPT:PSP 4:527, doi:10.1002/psp4.12013 (values as in the Metrum model code)"
FIT_BLOSO = "fitted to blosozumab phase 2 (Recker 2015 JBMR 30:216)"
MW_KDA = 145.0
NMOL_PER_MG = 1e6 / (MW_KDA * 1e3)  # 1 mg / (145 000 g/mol) = 6.897 nmol


def _antibody(prefix: str, label: str, source: str, km_nM: float, km_source: str,
              km_bounds: tuple[float, float] | None = None) -> Module:
    m = ModuleBuilder(prefix, f"{label} PK and sclerostin binding", time_unit="day",
                      default_source=source, references=[EUDY2015])
    p = prefix
    m.parameter(f"{p}_ka", 0.187, "1/day", description="SC absorption rate")
    m.parameter(f"{p}_F", 0.904, "1", description="SC bioavailability")
    m.parameter(f"{p}_Vc", 2.9, "L", description="central volume")
    m.parameter(f"{p}_Vp", 3.29, "L", description="peripheral volume")
    m.parameter(f"{p}_CL", 0.254, "L/day", description="linear clearance")
    m.parameter(f"{p}_Q", 0.467, "L/day", description="intercompartmental clearance")
    m.parameter(f"{p}_Vmax", 5.87, "nM/day", description="maximal target-mediated elimination (x central amount / (Km + C))")
    m.parameter(f"{p}_Km", km_nM, "nM", km_source, "concentration at half-maximal target binding", bounds=km_bounds)
    m.state(f"{p}_sc", 0.0, "nmol", "SC depot")
    m.state(f"{p}_central", 0.0, "nmol", "central compartment")
    m.state(f"{p}_peripheral", 0.0, "nmol", "peripheral compartment")
    m.rule(f"{p}_conc_nM", f"{p}_central / {p}_Vc", "nM", f"serum {label}")
    m.rule(f"{p}_conc_ug_ml", f"{p}_conc_nM * {MW_KDA} / 1000", "ug/mL", f"serum {label}")
    m.flux(f"{p}_absorption", f"{p}_sc -> {p}_central", f"{p}_F * {p}_ka * {p}_sc")
    m.flux(f"{p}_presystemic_loss", f"{p}_sc ->", f"(1 - {p}_F) * {p}_ka * {p}_sc")
    m.flux(f"{p}_distribution", f"{p}_central -> {p}_peripheral", f"{p}_Q * {p}_conc_nM")
    m.flux(f"{p}_redistribution", f"{p}_peripheral -> {p}_central", f"{p}_Q * {p}_peripheral / {p}_Vp")
    m.flux(f"{p}_linear_clearance", f"{p}_central ->", f"{p}_CL * {p}_conc_nM")
    m.flux(f"{p}_target_clearance", f"{p}_central ->",
           f"{p}_Vmax * {p}_central / ({p}_Km + {p}_conc_nM)")
    m.multiply("sclerostin_free_fraction", f"{p}_Km / ({p}_Km + {p}_conc_nM)",
               f"{label} neutralises sclerostin")
    m.edge(label, "free sclerostin", -1, "quasi-steady-state binding", "human", EUDY2015,
           rule="sclerostin_free_fraction", parameters=(f"{p}_Km",))
    return m.build()


def build_romosozumab() -> Module:
    return _antibody("romo", "romosozumab", EUDY2015, 0.453, EUDY2015)


def build_blosozumab() -> Module:
    return _antibody("bloso", "blosozumab", EUDY2015 + " (romosozumab values; assumption)",
                     fitted("bloso_Km", 0.453), FIT_BLOSO, km_bounds=(0.01, 50.0))


register(DrugSpec(
    name="romosozumab", build=build_romosozumab, dose_state="romo_sc", amount_per_mg=NMOL_PER_MG,
    route="sc", max_single_dose_mg=840.0, typical_regimen="210 mg every month for 12 months",
    citation=EUDY2015,
))
register(DrugSpec(
    name="blosozumab", build=build_blosozumab, dose_state="bloso_sc", amount_per_mg=NMOL_PER_MG,
    route="sc", max_single_dose_mg=1000.0, typical_regimen="270 mg every 2 weeks", citation=FIT_BLOSO,
))
