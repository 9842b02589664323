"""Export a composed :class:`~myosteo.model.compose.Model` to SBML Level 3 Version 1.

Conventions of the exported document:
- time unit: day (fluxes of hour-based modules are multiplied by 24);
- one compartment ``body`` of size 1; states are species in amounts (``hasOnlySubstanceUnits``),
  so a state's number is exactly the module's quantity, whatever its unit (kept in the notes);
- parameters are constant; derived constants are initial assignments; rules are assignment rules;
- every element carries its unit, description and source in its notes.
"""

from __future__ import annotations

import functools
from html import escape

import libsbml

from myosteo.model.compose import Model
from myosteo.model.core import HOURS_PER_DAY
from myosteo.model.expressions import identifiers, parse, to_sbml_infix, uses_time


#: Version of the exporter's output for the same model: part of the compiled-model cache key, so
#: that a change in how a model is written (session 28: min/max through abs, not piecewise)
#: recompiles it instead of loading a stale compiled state.
EXPORT_VERSION = 2


class SBMLExportError(RuntimeError):
    """libSBML rejected part of the exported document."""


def _math(text: str, known: frozenset[str], where: str) -> libsbml.ASTNode:
    infix = to_sbml_infix(parse(text, known, where))
    ast = libsbml.parseL3Formula(infix)
    if ast is None:
        raise SBMLExportError(f"{where}: libSBML cannot parse {infix!r}: {libsbml.getLastParseL3Error()}")
    return ast


def _notes(el: libsbml.SBase, **fields: str) -> None:
    body = "".join(f"<p>{escape(k)}: {escape(str(v))}</p>" for k, v in fields.items() if v)
    if body:
        el.setNotes(f'<body xmlns="http://www.w3.org/1999/xhtml">{body}</body>')


def _check(code: int, where: str) -> None:
    if code != libsbml.LIBSBML_OPERATION_SUCCESS:
        raise SBMLExportError(f"{where}: {libsbml.OperationReturnValue_toString(code)}")


@functools.lru_cache(maxsize=8)
def _export_cached(model: Model) -> str:
    return _build(model)


def to_sbml(model: Model) -> str:
    """The SBML document (string) for ``model``; cached per model object."""
    return _export_cached(model)


def _build(model: Model) -> str:
    doc = libsbml.SBMLDocument(3, 1)
    sm = doc.createModel()
    sm.setId(model.name)
    sm.setTimeUnits("day")
    ud = sm.createUnitDefinition()
    ud.setId("day")
    u = ud.createUnit()
    u.setKind(libsbml.UNIT_KIND_SECOND)
    u.setMultiplier(86400.0)
    u.setExponent(1)
    u.setScale(0)
    comp = sm.createCompartment()
    comp.setId("body")
    comp.setSize(1.0)
    comp.setConstant(True)
    known = model.names
    state_names = set(model.state_names)
    constant_rules = _constant_rules(model)

    for p in model.parameters:
        el = sm.createParameter()
        _check(el.setId(p.name), p.name)
        el.setValue(p.value)
        el.setConstant(True)
        _notes(el, unit=p.unit, source=p.source, description=p.description, module=p.module)
    for s in model.states:
        el = sm.createSpecies()
        _check(el.setId(s.name), s.name)
        el.setCompartment("body")
        el.setHasOnlySubstanceUnits(True)
        el.setBoundaryCondition(False)
        el.setConstant(False)
        if isinstance(s.initial, str):
            el.setInitialAmount(0.0)
            ia = sm.createInitialAssignment()
            ia.setSymbol(s.name)
            ia.setMath(_math(s.initial, known, f"initial value of {s.name}"))
        else:
            el.setInitialAmount(float(s.initial))
        _notes(el, unit=s.unit, description=s.description, module=s.module)
    for d in model.derived:
        el = sm.createParameter()
        _check(el.setId(d.name), d.name)
        el.setConstant(True)
        ia = sm.createInitialAssignment()
        ia.setSymbol(d.name)
        ia.setMath(_math(d.expr, known, f"derived {d.name}"))
        _notes(el, unit=d.unit, description=d.description, module=d.module)
    for r in model.rules:
        el = sm.createParameter()
        _check(el.setId(r.name), r.name)
        if r.name in constant_rules:  # depends on constants only: evaluate once, not every step
            el.setConstant(True)
            ar = sm.createInitialAssignment()
            ar.setSymbol(r.name)
        else:
            el.setConstant(False)
            ar = sm.createAssignmentRule()
            ar.setVariable(r.name)
        ar.setMath(_math(r.expr, known, f"rule {r.name}"))
        _notes(el, unit=r.unit, description=r.description, module=r.module)
    for f in model.fluxes:
        rx = sm.createReaction()
        _check(rx.setId(f.name), f.name)
        rx.setReversible(False)
        rx.setFast(False)
        for sp, st in f.reactants:
            ref = rx.createReactant()
            ref.setSpecies(sp)
            ref.setStoichiometry(st)
            ref.setConstant(True)
        for sp, st in f.products:
            ref = rx.createProduct()
            ref.setSpecies(sp)
            ref.setStoichiometry(st)
            ref.setConstant(True)
        moved = {sp for sp, _ in f.reactants + f.products}
        for sp in sorted((identifiers(f.rate) & state_names) - moved):
            mod = rx.createModifier()
            mod.setSpecies(sp)
        rate = f.rate if f.time_unit == "day" else f"{HOURS_PER_DAY} * ({f.rate})"
        kl = rx.createKineticLaw()
        kl.setMath(_math(rate, known, f"flux {f.name}"))
        _notes(rx, description=f.description, module=f.module, time_unit_of_source=f.time_unit)
    if doc.getNumErrors(libsbml.LIBSBML_SEV_ERROR):
        raise SBMLExportError(doc.getErrorLog().toString())
    return libsbml.writeSBMLToString(doc)


def _constant_rules(model: Model) -> set[str]:
    """Rules whose value can never change during a run (no state, no time, transitively)."""
    deps = {r.name: identifiers(r.expr) for r in model.rules}
    varying = set(model.state_names) | {p.name for p in model.parameters if p.varying}
    changed = True
    while changed:
        changed = False
        for r in model.rules:
            if r.name not in varying and (deps[r.name] & varying or uses_time(r.expr)):
                varying.add(r.name)
                changed = True
    return set(deps) - varying


def validate_sbml(text: str) -> list[str]:
    """libSBML's consistency errors (unit warnings excluded) for an SBML string."""
    doc = libsbml.readSBMLFromString(text)
    doc.setConsistencyChecks(libsbml.LIBSBML_CAT_UNITS_CONSISTENCY, False)
    doc.setConsistencyChecks(libsbml.LIBSBML_CAT_MODELING_PRACTICE, False)
    doc.checkConsistency()
    log = doc.getErrorLog()
    return [
        log.getError(i).getMessage()
        for i in range(log.getNumErrors())
        if log.getError(i).getSeverity() >= libsbml.LIBSBML_SEV_ERROR
    ]
