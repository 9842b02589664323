"""Generate the model description (equations, parameters, edges) as Markdown from the model data.

``myosteo model-doc -o docs/model.md``: every state's balance (the fluxes that change it), every
rule, every parameter with unit and source and every regulatory edge, per module. Equations are
SymPy-rendered LaTeX of the very expressions the simulator compiles.
"""

from __future__ import annotations

from myosteo.model.compose import Model
from myosteo.model.expressions import parse, to_latex


def _tex(model: Model, text: str, where: str) -> str:
    return to_latex(parse(text, model.names, where))


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def model_markdown(model: Model) -> str:
    lines = [f"# The {model.name} model", "",
             f"Generated from the model data (digest `{model.digest[:16]}`): {len(model.states)} states, "
             f"{len(model.parameters)} parameters, {len(model.rules)} rules, {len(model.fluxes)} fluxes, "
             f"{len(model.edges)} edges. Time unit of each module as declared; the composed model runs in "
             "days (hour-based fluxes are multiplied by 24).", ""]
    for mod in model.modules:
        lines += [f"## Module `{mod.name}` ({mod.time_unit})", "", mod.description, ""]
        if mod.references:
            lines += ["References: " + "; ".join(mod.references), ""]
        if mod.states:
            lines += ["### State balances", ""]
            for s in mod.states:
                terms = []
                for f in model.fluxes:
                    for sp, st in f.products:
                        if sp == s.name:
                            terms.append(("+", st, f))
                    for sp, st in f.reactants:
                        if sp == s.name:
                            terms.append(("-", st, f))
                rhs = " ".join(f"{sign} {'' if st == 1 else f'{st:g}'}\\,v_{{\\mathrm{{{f.name.replace('_', ' ')}}}}}"
                               for sign, st, f in terms) or "0"
                init = s.initial if isinstance(s.initial, str) else f"{s.initial:g}"
                lines.append(f"- `{s.name}` [{s.unit}], initial `{init}`: $\\frac{{d}}{{dt}} = {rhs}$ — {s.description}")
            lines.append("")
        if mod.fluxes:
            lines += ["### Fluxes", ""]
            for f in mod.fluxes:
                lines.append(f"- $v_{{\\mathrm{{{f.name.replace('_', ' ')}}}}} = {_tex(model, f.rate, f.name)}$ "
                             f"({f.time_unit} units) {f.description}")
            lines.append("")
        if mod.rules or mod.derived:
            lines += ["### Rules and derived constants", ""]
            for r in (*mod.derived, *mod.rules):
                lines.append(f"- `{r.name}` [{r.unit}] $= {_tex(model, r.expr, r.name)}$ {r.description}")
            lines.append("")
        if mod.contributions:
            lines += ["### Contributions to shared effect ports", ""]
            for c in mod.contributions:
                lines.append(f"- `{c.signal}` × ${_tex(model, c.expr, c.signal)}$ — {c.description}")
            lines.append("")
        if mod.parameters:
            lines += ["### Parameters", "", "| name | value | unit | source | description |", "|---|---|---|---|---|"]
            for p in mod.parameters:
                lines.append(f"| `{p.name}` | {p.value:.6g} | {_cell(p.unit)} | {_cell(p.source)} | {_cell(p.description)} |")
            lines.append("")
    varying = [p for p in model.parameters if p.variability is not None]
    if varying:
        lines += ["## Between-trial variability", "",
                  "A virtual trial draws `value × exp(η)`, η ~ N(0, log-SD²), once for all its patients "
                  "(`myosteo.model.population.between_trial_draws`).", "",
                  "| parameter | value | log-SD | source |", "|---|---|---|---|"]
        for p in varying:
            lines.append(f"| `{p.name}` | {p.value:.6g} | {p.variability.log_sd:.3g} | {_cell(p.variability.source)} |")
        lines.append("")
    declared = {p.name for m in model.modules for p in m.parameters}
    neutral = [p for p in model.parameters if p.name not in declared]
    if neutral:
        lines += ["## Signals at their neutral default (no module contributes yet)", "",
                  "| name | value | unit | meaning |", "|---|---|---|---|"]
        for p in neutral:
            lines.append(f"| `{p.name}` | {p.value:g} | {_cell(p.unit)} | {_cell(p.description)} |")
        lines.append("")
    lines += ["## Regulatory edges", "", "| source | target | sign | form | evidence | citation | implemented by |",
              "|---|---|---|---|---|---|---|"]
    for e in model.edges:
        lines.append(f"| {e.source} | {e.target} | {'+' if e.sign > 0 else '−'} | {_cell(e.form)} | {e.evidence} | "
                     f"{_cell(e.citation)} | `{e.rule}` |")
    return "\n".join(lines) + "\n"
