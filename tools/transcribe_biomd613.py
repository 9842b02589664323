"""One-off transcription of the CC0 BioModels SBML BIOMD0000000613 (Peterson & Riggs 2010)
into a first draft of ``src/myosteo/model/modules/bone_mineral.py``.

The draft was then curated by hand (units, teriparatide moved to its drug module, effect ports
added). Kept for traceability: rerun it to diff the curated module against the source SBML.
Usage: python tools/transcribe_biomd613.py ../shared/reference/BIOMD0000000613.xml > draft.py
"""
import re
import sys

import libsbml

SKIP = {"event_counter", "teri_times_interval", "teri_times_initial", "teri_number_of_doses",
        "teri_dose_mcg", "TERIVC", "TERICL", "TERIKA", "TERIPK", "TERISC"}


def notes(el):
    s = re.sub(r"<[^>]+>", " ", el.getNotesString())
    s = " ".join(s.split()).replace("from README file", "").strip()
    return s.replace('"', "'")


def unit_guess(pid):
    if re.search(r"gam|GAM|Gam|POWER", pid):
        return "1"
    if pid in {"k1", "k3"}:
        return "1/(pM*h)"
    if re.match(r"^(k|kout|T64|T65|T69|T52|T49|T55|T87|PTout|RX2Kout0|E0rx2Kout|crebKout|bcl2Kout|T70|T33|T34)", pid):
        return "1/h"
    if pid.startswith(("Frac", "E0", "Emax", "Mult", "F12")):
        return "1"
    return {"V1": "L", "CaDay": "mmol/day", "GFR": "L/h", "OralCa": "mmol/h", "OralPhos": "mmol/h",
            "Pic0": "pM", "opgPTH50": "pM", "Da": "1/h", "HApMRT": "h"}.get(pid, "model unit (P&R 2010)")


def main(path):
    m = libsbml.readSBMLFromFile(path).getModel()
    ia = {a.getSymbol(): libsbml.formulaToL3String(a.getMath()) for a in m.getListOfInitialAssignments()}
    ruled = {r.getVariable() for r in m.getListOfRules()}
    print("# --- parameters")
    for p in m.getListOfParameters():
        pid = p.getId()
        if pid in SKIP or pid in ruled:
            continue
        if pid in ia:
            try:
                val = eval(ia[pid].replace("^", "**"))
                print(f'    m.parameter("{pid}", {val!r}, "{unit_guess(pid)}", description="{notes(p)} (= {ia[pid]})")')
            except Exception:
                print(f'    m.derived("{pid}", "{ia[pid]}", "{unit_guess(pid)}", "{notes(p)}")')
            continue
        print(f'    m.parameter("{pid}", {p.getValue()!r}, "{unit_guess(pid)}", description="{notes(p)}")')
    print("# --- states")
    for s in m.getListOfSpecies():
        if s.getId() in SKIP:
            continue
        init = ia.get(s.getId(), s.getInitialConcentration() if s.isSetInitialConcentration() else s.getInitialAmount())
        init = f'"{init}"' if isinstance(init, str) else repr(init)
        print(f'    m.state("{s.getId()}", {init}, "model unit", "{notes(s)}")')
    print("# --- rules")
    for r in m.getListOfRules():
        if r.getVariable() in SKIP:
            continue
        p = m.getParameter(r.getVariable())
        print(f'    m.rule("{r.getVariable()}", "{libsbml.formulaToL3String(r.getMath())}", "model unit", "{notes(p) if p else ""}")')
    print("# --- fluxes")
    for rx in m.getListOfReactions():
        lhs = " + ".join(x.getSpecies() for x in rx.getListOfReactants())
        rhs = " + ".join(x.getSpecies() for x in rx.getListOfProducts())
        print(f'    m.flux("{rx.getId()}", "{lhs} -> {rhs}", "{libsbml.formulaToL3String(rx.getKineticLaw().getMath())}")')


if __name__ == "__main__":
    main(sys.argv[1])
