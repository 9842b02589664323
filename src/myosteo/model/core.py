"""The model as data: states, parameters, rules, fluxes and regulatory edges.

Everything a simulator, a document or an analysis needs is declared here once. A module is
pure description; nothing in this file integrates anything.

Expressions are written as strings in a small infix language (Python/SBML-like: ``+ - * / ^ **``,
``exp``, ``ln``, ``piecewise(value_if_true, condition, otherwise)``, comparisons, ``time``) and
parsed with SymPy by :mod:`myosteo.model.expressions`, so the same description yields SBML,
LaTeX and (later) JAX code.

Time: each module declares the unit its rate constants are written in (``"hour"`` or ``"day"``);
the composed model runs in days and the compiler rescales the module's fluxes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

TimeUnit = Literal["hour", "day"]
HOURS_PER_DAY = 24.0
DAYS_PER_YEAR = 365.25
DAYS_PER_MONTH = DAYS_PER_YEAR / 12.0

Evidence = Literal["human", "animal", "in vitro", "model"]


@dataclass(frozen=True)
class Variability:
    """Log-normal variability of a parameter between trials.

    A virtual trial draws ``value * exp(eta)`` once for all its patients, ``eta ~ N(0, log_sd^2)``
    (``log_sd`` on the natural-log scale: 0.28 means about 28 % between trials). ``source`` says
    which replicate arms it was estimated from.
    """

    log_sd: float
    source: str

    def __post_init__(self) -> None:
        if not (self.log_sd >= 0.0 and self.log_sd < 5.0):
            raise ValueError(f"variability log_sd must be in [0, 5), got {self.log_sd!r}")
        if not self.source:
            raise ValueError("variability needs a source")


@dataclass(frozen=True)
class Parameter:
    """A constant with its value, unit and source.

    ``source`` is a citation ("Peterson & Riggs 2010 Bone 46:49, PMID 19732857"), or
    ``"fitted to <dataset>"``. ``bounds`` is the plausible range used by analyses and input checks.
    ``variability``, where estimated, is its between-trial spread (:class:`Variability`).
    """

    name: str
    value: float
    unit: str
    source: str
    description: str = ""
    bounds: tuple[float, float] | None = None
    module: str = ""
    varying: bool = False  # may be changed during a run (infusion rates, clamps): never constant-folded
    variability: Variability | None = None


@dataclass(frozen=True)
class State:
    """A dynamic quantity. ``initial`` is a number or an expression of parameters/other states."""

    name: str
    initial: float | str
    unit: str
    description: str = ""
    module: str = ""


@dataclass(frozen=True)
class Derived:
    """A constant computed once at t=0 from parameters and initial values (SBML initial assignment)."""

    name: str
    expr: str
    unit: str
    description: str = ""
    module: str = ""


@dataclass(frozen=True)
class Rule:
    """An algebraic quantity recomputed at every instant (SBML assignment rule)."""

    name: str
    expr: str
    unit: str
    description: str = ""
    module: str = ""


@dataclass(frozen=True)
class Flux:
    """A process: ``rate`` (amount per module time unit) moving ``-reactants`` to ``+products``."""

    name: str
    rate: str
    reactants: tuple[tuple[str, float], ...] = ()
    products: tuple[tuple[str, float], ...] = ()
    description: str = ""
    module: str = ""
    time_unit: TimeUnit = "day"


@dataclass(frozen=True)
class Edge:
    """A regulatory edge ``source -> target`` with sign, form, evidence and citation.

    ``rule`` names the model quantity that implements the edge (its multiplier on the target
    process, 1 at the healthy baseline), so that a test can perturb ``source`` and check the sign.
    """

    source: str
    target: str
    sign: Literal[1, -1]
    form: str
    evidence: Evidence
    citation: str
    rule: str = ""
    parameters: tuple[str, ...] = ()
    description: str = ""
    contested: bool = False
    module: str = ""


@dataclass(frozen=True)
class Signal:
    """A named mediator a module reads but may not own; ``default`` applies when no module provides it.

    ``combine``: how contributions from other modules combine: ``"product"`` (effect factors,
    neutral default 1) or ``"sum"`` (additive inputs such as a drug's serum level on top of the
    endogenous one, neutral default 0): the signal is ``default`` op contribution op ...
    """

    name: str
    default: float
    unit: str
    description: str = ""
    module: str = ""
    combine: Literal["product", "sum"] = "product"


@dataclass(frozen=True)
class Contribution:
    """A factor a module multiplies into a shared signal (e.g. a drug's effect on OC apoptosis).

    The composed model defines each such signal as the product of all contributions, or its
    neutral default when there are none: modules plug in without editing each other.
    """

    signal: str
    expr: str
    description: str = ""
    module: str = ""


@dataclass(frozen=True)
class Module:
    """A self-contained piece of the system (bone & mineral, a drug, the estrogen forcing...)."""

    name: str
    description: str
    time_unit: TimeUnit
    parameters: tuple[Parameter, ...] = ()
    states: tuple[State, ...] = ()
    derived: tuple[Derived, ...] = ()
    rules: tuple[Rule, ...] = ()
    fluxes: tuple[Flux, ...] = ()
    edges: tuple[Edge, ...] = ()
    signals: tuple[Signal, ...] = ()
    contributions: tuple[Contribution, ...] = ()
    references: tuple[str, ...] = ()


@dataclass
class ModuleBuilder:
    """Readable, PySB-like construction of a :class:`Module`.

    >>> m = ModuleBuilder("toy", "a toy", time_unit="day", default_source="textbook")
    >>> m.parameter("k", 0.1, "1/day", description="elimination")
    >>> m.state("X", 1.0, "mg")
    >>> m.flux("elimination", "X ->", "k * X")
    >>> m.build().name
    'toy'
    """

    name: str
    description: str
    time_unit: TimeUnit = "day"
    default_source: str = ""
    references: list[str] = field(default_factory=list)
    _parameters: list[Parameter] = field(default_factory=list)
    _states: list[State] = field(default_factory=list)
    _derived: list[Derived] = field(default_factory=list)
    _rules: list[Rule] = field(default_factory=list)
    _fluxes: list[Flux] = field(default_factory=list)
    _edges: list[Edge] = field(default_factory=list)
    _signals: list[Signal] = field(default_factory=list)
    _contributions: list[Contribution] = field(default_factory=list)

    def parameter(
        self,
        name: str,
        value: float,
        unit: str,
        source: str | None = None,
        description: str = "",
        bounds: tuple[float, float] | None = None,
        varying: bool = False,
        variability: Variability | None = None,
    ) -> None:
        src = source if source is not None else self.default_source
        if not src:
            raise ValueError(f"parameter {name!r} in module {self.name!r} has no source")
        self._parameters.append(
            Parameter(name, float(value), unit, src, description, bounds, self.name, varying, variability)
        )

    def state(self, name: str, initial: float | str, unit: str, description: str = "") -> None:
        self._states.append(State(name, initial, unit, description, self.name))

    def derived(self, name: str, expr: str, unit: str, description: str = "") -> None:
        self._derived.append(Derived(name, expr, unit, description, self.name))

    def rule(self, name: str, expr: str, unit: str, description: str = "") -> None:
        self._rules.append(Rule(name, expr, unit, description, self.name))

    def replace_rule(self, name: str, expr: str, description: str) -> None:
        """Redefine an already declared rule (a documented deviation from the source model).

        ``{old}`` in ``expr`` stands for the rule's current expression.
        """
        for i, r in enumerate(self._rules):
            if r.name == name:
                self._rules[i] = Rule(name, expr.replace("{old}", r.expr), r.unit, description, self.name)
                return
        raise KeyError(f"module {self.name!r} has no rule {name!r}")

    def flux(self, name: str, reaction: str, rate: str, description: str = "") -> None:
        """``reaction`` is ``"A + 2 B -> C"``; either side may be empty (``"-> X"``, ``"X ->"``)."""
        reactants, products = _parse_reaction(reaction)
        self._fluxes.append(
            Flux(name, rate, reactants, products, description, self.name, self.time_unit)
        )

    def ode(self, state: str, rate: str, description: str = "") -> None:
        """Shorthand: ``d state / dt = rate`` (one net flux into ``state``)."""
        self.flux(f"{state}_net_rate", f"-> {state}", rate, description)

    def edge(
        self,
        source: str,
        target: str,
        sign: Literal[1, -1],
        form: str,
        evidence: Evidence,
        citation: str,
        rule: str = "",
        parameters: tuple[str, ...] = (),
        description: str = "",
        contested: bool = False,
    ) -> None:
        self._edges.append(
            Edge(source, target, sign, form, evidence, citation, rule, parameters,
                 description, contested, self.name)
        )

    def signal(self, name: str, default: float, unit: str, description: str = "",
               combine: Literal["product", "sum"] = "product") -> None:
        self._signals.append(Signal(name, float(default), unit, description, self.name, combine))

    def add(self, signal: str, expr: str, description: str = "") -> None:
        """Add ``expr`` to a ``combine="sum"`` signal (checked when composed)."""
        self.multiply(signal, expr, description)

    def multiply(self, signal: str, expr: str, description: str = "") -> None:
        """Multiply ``expr`` (1 = no effect) into the shared signal ``signal``."""
        self._contributions.append(Contribution(signal, expr, description, self.name))

    def build(self) -> Module:
        return Module(
            name=self.name,
            description=self.description,
            time_unit=self.time_unit,
            parameters=tuple(self._parameters),
            states=tuple(self._states),
            derived=tuple(self._derived),
            rules=tuple(self._rules),
            fluxes=tuple(self._fluxes),
            edges=tuple(self._edges),
            signals=tuple(self._signals),
            contributions=tuple(self._contributions),
            references=tuple(self.references),
        )


def _parse_side(side: str) -> tuple[tuple[str, float], ...]:
    terms = []
    for term in side.split("+"):
        term = term.strip()
        if not term:
            continue
        parts = term.split()
        if len(parts) == 1:
            terms.append((parts[0], 1.0))
        elif len(parts) == 2:
            terms.append((parts[1], float(parts[0])))
        else:
            raise ValueError(f"cannot parse reaction term {term!r}")
    return tuple(terms)


def _parse_reaction(reaction: str) -> tuple[tuple[tuple[str, float], ...], tuple[tuple[str, float], ...]]:
    if "->" not in reaction:
        raise ValueError(f"reaction {reaction!r} needs '->'")
    left, right = reaction.split("->", 1)
    return _parse_side(left), _parse_side(right)
