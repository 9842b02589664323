"""Per-patient initial values without recompiling: evaluate the t=0 dependency closure in Python.

libRoadRunner re-generates code when an ``init(...)`` value changes (~0.6 s on the bone model),
far too slow for thousands of patients. Instead, the engine evaluates, for a patient's parameter
overrides, every t=0 quantity that depends on them (derived constants, constant-folded rules,
state initial values) with lambdified SymPy expressions, and sets those numbers directly.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from myosteo.engine.sbml import _constant_rules
from myosteo.model.compose import Model
from myosteo.model.expressions import identifiers, parse


class InitialValues:
    """Topologically ordered t=0 expressions of a model, evaluated for parameter overrides."""

    def __init__(self, model: Model):
        known = model.names
        exprs: dict[str, str] = {}
        for s in model.states:
            if isinstance(s.initial, str):
                exprs[s.name] = s.initial
        for d in model.derived:
            exprs[d.name] = d.expr
        constant = _constant_rules(model)
        for r in model.rules:
            if r.name in constant:
                exprs[r.name] = r.expr
        self.deps = {n: identifiers(e) for n, e in exprs.items()}
        self.order = _toposort(self.deps)
        self._exprs = exprs
        self._known = known
        self.funcs: dict = {}  # compiled on first use: most runs touch few of them
        self.state_names = set(model.state_names)

    def _func(self, n: str):
        if n not in self.funcs:
            args = sorted(self.deps[n])
            expr = parse(self._exprs[n], self._known, n)
            self.funcs[n] = (args, sympy.lambdify([sympy.Symbol(a, real=True) for a in args], expr, "math"))
        return self.funcs[n]

    def affected(self, base: Mapping[str, float], overrides: Mapping[str, float]) -> dict[str, float]:
        """Values of the overridden names and of every t=0 quantity depending on them."""
        values = dict(base)
        values.update(overrides)
        changed = set(overrides)
        out = dict(overrides)
        for n in self.order:
            if self.deps[n] & changed:
                args, fn = self._func(n)
                values[n] = float(fn(*(values[a] for a in args)))
                out[n] = values[n]
                changed.add(n)
        return out


def _toposort(deps: Mapping[str, set[str]]) -> list[str]:
    order: list[str] = []
    seen: set[str] = set()
    visiting: set[str] = set()

    def visit(n: str) -> None:
        if n in seen:
            return
        if n in visiting:
            raise ValueError(f"circular initial-value dependency through {n!r}")
        visiting.add(n)
        for d in deps[n]:
            if d in deps:
                visit(d)
        visiting.discard(n)
        seen.add(n)
        order.append(n)

    for n in deps:
        visit(n)
    return order
