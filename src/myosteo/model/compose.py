"""Compose modules into one validated model description.

Names are global: two modules may not define the same name. A module may *read* a name another
module defines (that is how modules talk); a :class:`~myosteo.model.core.Signal` read by nobody's
definition falls back to its neutral default as a constant, so a module runs alone or composed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from functools import cached_property

from myosteo.model.core import Derived, Edge, Flux, Module, Parameter, Rule, Signal, State
from myosteo.model.expressions import ExpressionError, identifiers


class ModelError(ValueError):
    """The composed description is inconsistent (duplicate or undeclared names)."""


@dataclass(frozen=True)
class Model:
    """A composed, validated model. Time unit of the composed model: days."""

    name: str
    modules: tuple[Module, ...]
    parameters: tuple[Parameter, ...]
    states: tuple[State, ...]
    derived: tuple[Derived, ...]
    rules: tuple[Rule, ...]
    fluxes: tuple[Flux, ...]
    edges: tuple[Edge, ...]
    signals: tuple[Signal, ...]

    @cached_property
    def parameter_map(self) -> dict[str, Parameter]:
        return {p.name: p for p in self.parameters}

    @cached_property
    def state_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.states)

    @cached_property
    def rule_names(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.rules)

    @cached_property
    def names(self) -> frozenset[str]:
        return frozenset(
            [p.name for p in self.parameters] + [s.name for s in self.states]
            + [d.name for d in self.derived] + [r.name for r in self.rules]
        )

    @cached_property
    def digest(self) -> str:
        """SHA-256 of the full description: the key of compiled-model caches."""
        payload = json.dumps(
            [self.name] + [asdict(m) for m in self.modules], sort_keys=True, default=str
        )
        return hashlib.sha256(payload.encode()).hexdigest()

    def module(self, name: str) -> Module:
        for m in self.modules:
            if m.name == name:
                return m
        raise KeyError(name)


def compose(modules: list[Module] | tuple[Module, ...], name: str = "myosteo") -> Model:
    """Merge modules, resolve signals to defaults where unowned, and check every name."""
    owner: dict[str, str] = {}

    def claim(n: str, mod: str) -> None:
        if n in owner:
            raise ModelError(f"name {n!r} defined by both {owner[n]!r} and {mod!r}")
        owner[n] = mod

    params: list[Parameter] = []
    states: list[State] = []
    derived: list[Derived] = []
    rules: list[Rule] = []
    fluxes: list[Flux] = []
    edges: list[Edge] = []
    signals: dict[str, Signal] = {}
    for m in modules:
        for p in m.parameters:
            claim(p.name, m.name)
            params.append(p)
        for s in m.states:
            claim(s.name, m.name)
            states.append(s)
        for d in m.derived:
            claim(d.name, m.name)
            derived.append(d)
        for r in m.rules:
            claim(r.name, m.name)
            rules.append(r)
        for f in m.fluxes:
            claim(f.name, m.name)
            fluxes.append(f)
        edges.extend(m.edges)
        for sig in m.signals:
            signals.setdefault(sig.name, sig)
    contributions: dict[str, list] = {}
    for m in modules:
        for c in m.contributions:
            contributions.setdefault(c.signal, []).append(c)
    for sig_name, contribs in contributions.items():
        if sig_name not in signals:
            raise ModelError(f"{contribs[0].module!r} multiplies into undeclared signal {sig_name!r}")
        if sig_name in owner:
            raise ModelError(f"signal {sig_name!r} is both defined by {owner[sig_name]!r} and multiplied into")
        sig = signals[sig_name]
        if sig.combine == "sum":
            expr = " + ".join(f"({c.expr})" for c in contribs)
            if sig.default != 0.0:
                expr = f"{sig.default!r} + {expr}"
        else:
            expr = " * ".join(f"({c.expr})" for c in contribs)
            if sig.default != 1.0:
                expr = f"{sig.default!r} * {expr}"
        rules.append(Rule(sig_name, expr, sig.unit,
                          sig.description + " (product of: " + ", ".join(c.module for c in contribs) + ")",
                          sig.module))
        owner[sig_name] = sig.module
    for sig in signals.values():
        if sig.name not in owner and sig.combine == "product" and sig.default == 0.0:
            raise ModelError(f"signal {sig.name!r}: a product signal needs a non-zero neutral default")
        if sig.name not in owner:
            params.append(
                Parameter(sig.name, sig.default, sig.unit,
                          f"neutral default of signal {sig.name!r} (no module provides it)",
                          sig.description, None, sig.module)
            )
            owner[sig.name] = sig.module
    model = Model(name, tuple(modules), tuple(params), tuple(states), tuple(derived),
                  tuple(rules), tuple(fluxes), tuple(edges), tuple(signals.values()))
    _check_references(model)
    return model


def _check_references(model: Model) -> None:
    known = model.names
    state_names = set(model.state_names)

    def check(text: str, where: str) -> None:
        missing = identifiers(text) - known
        if missing:
            raise ModelError(f"{where}: undeclared name(s) {sorted(missing)} in {text!r}")

    for s in model.states:
        if isinstance(s.initial, str):
            check(s.initial, f"initial value of state {s.name!r}")
    for d in model.derived:
        check(d.expr, f"derived {d.name!r}")
    for r in model.rules:
        check(r.expr, f"rule {r.name!r}")
    for f in model.fluxes:
        check(f.rate, f"flux {f.name!r}")
        for sp, _ in f.reactants + f.products:
            if sp not in state_names:
                raise ModelError(f"flux {f.name!r} moves {sp!r}, which is not a state")
    for e in model.edges:
        if e.rule and e.rule not in known:
            raise ModelError(f"edge {e.source}->{e.target} names unknown rule {e.rule!r}")


__all__ = ["Model", "ModelError", "compose", "ExpressionError"]
