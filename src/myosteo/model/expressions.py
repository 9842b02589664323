"""Expression layer: strings -> SymPy -> SBML L3 infix / LaTeX.

The language: numbers, names, ``+ - * /``, ``^`` or ``**``, ``exp``, ``ln``, ``log10``, ``sqrt``,
``min``, ``max``, ``piecewise(value_if_true, condition, otherwise)``, comparisons ``< <= > >= ==``,
``&&``/``and``, ``||``/``or``, and the model time ``time`` (days in the composed model).
Every other identifier must be a declared name: a typo is an error, never a new symbol.
"""

from __future__ import annotations

import functools
import re

import sympy
from sympy.parsing.sympy_parser import convert_xor, parse_expr, standard_transformations
from sympy.printing.str import StrPrinter

FUNCTIONS = {
    "exp": sympy.exp,
    "ln": sympy.log,
    "log10": lambda x: sympy.log(x, 10),
    "sqrt": sympy.sqrt,
    "min": sympy.Min,
    "max": sympy.Max,
    "piecewise": lambda a, cond, b: sympy.Piecewise((a, cond), (b, True)),
    "And": sympy.And,
    "Or": sympy.Or,
}
RESERVED = set(FUNCTIONS) | {"time"}
_IDENT = re.compile(r"(?<![\w.])([A-Za-z_]\w*)")
_TRANSFORMS = standard_transformations + (convert_xor,)


class ExpressionError(ValueError):
    """An expression cannot be parsed or refers to an undeclared name."""


def identifiers(text: str) -> set[str]:
    """Names used in an expression string (function names and ``time`` excluded)."""
    cleaned = re.sub(r"\d+\.?\d*[eE][-+]?\d+", " ", text)
    return {m for m in _IDENT.findall(cleaned) if m not in RESERVED and m not in ("and", "or")}


def uses_time(text: str) -> bool:
    """Whether an expression reads the model clock ``time``."""
    return re.search(r"(?<![\w.])time(?!\w)", text) is not None


@functools.lru_cache(maxsize=None)
def symbol(name: str) -> sympy.Symbol:
    return sympy.Symbol(name, real=True)


def parse(text: str, known: frozenset[str] | set[str], where: str = "") -> sympy.Expr:
    """Parse ``text``; every identifier must be in ``known``."""
    unknown = identifiers(text) - set(known)
    if unknown:
        raise ExpressionError(f"{where}: undeclared name(s) {sorted(unknown)} in {text!r}")
    prepared = text.replace("&&", " & ").replace("||", " | ")
    prepared = re.sub(r"\band\b", "&", prepared)
    prepared = re.sub(r"\bor\b", "|", prepared)
    local = {n: symbol(n) for n in identifiers(text)}
    local["time"] = symbol("time")
    local.update(FUNCTIONS)
    try:
        return parse_expr(prepared, local_dict=local, transformations=_TRANSFORMS)
    except Exception as exc:  # sympy raises many kinds
        raise ExpressionError(f"{where}: cannot parse {text!r}: {exc}") from exc


class SBMLPrinter(StrPrinter):
    """Print SymPy expressions in libSBML's L3 infix syntax."""

    def _print_Pow(self, expr, rational=False):
        base, exp = expr.as_base_exp()
        if exp == sympy.Rational(1, 2):
            return f"sqrt({self._print(base)})"
        if exp == -1:
            return f"(1 / {self.parenthesize(base, 100)})"
        return f"{self.parenthesize(base, 100)}^{self.parenthesize(exp, 100)}"

    def _print_Piecewise(self, expr):
        args = list(expr.args)
        out = self._print(args[-1][0]) if args[-1][1] == sympy.true else "0"
        for value, cond in reversed(args[:-1] if args[-1][1] == sympy.true else args):
            out = f"piecewise({self._print(value)}, {self._print(cond)}, {out})"
        return out

    def _print_log(self, expr):
        if len(expr.args) == 2:
            return f"log10({self._print(expr.args[0])})"
        return f"ln({self._print(expr.args[0])})"

    def _print_And(self, expr):
        return "(" + " && ".join(self._print(a) for a in expr.args) + ")"

    def _print_Or(self, expr):
        return "(" + " || ".join(self._print(a) for a in expr.args) + ")"

    # min and max are continuous, so they are written with abs, not piecewise: libRoadRunner
    # (>= 2.6) asks CVODE to find the root of every piecewise condition, and a max of two
    # expressions that are equal in exact arithmetic but computed along different paths (e.g. an
    # occupancy with and without a zero treatment term) flips its condition on round-off at every
    # step; CVODE then stopped at each "root" and crawled (a man of 70 on zoledronate: tens of
    # thousands of steps per day; session 28). abs has no condition to root-find. The result is
    # parenthesised whole: it is a quotient, and a caller may raise it to a power or divide by it.
    def _fold(self, expr, sign: str) -> str:
        a, *rest = expr.args
        out = self._print(a)
        for b in rest:
            pb = self._print(b)
            out = f"((({out}) + ({pb}) {sign} abs(({out}) - ({pb}))) / 2)"
        return out

    def _print_Min(self, expr):
        return self._fold(expr, "-")

    def _print_Max(self, expr):
        return self._fold(expr, "+")

    def _print_Float(self, expr):
        return repr(float(expr))

    def _print_Rational(self, expr):
        return f"({expr.p}/{expr.q})"

    def _print_Exp1(self, expr):
        return "exponentiale"

    def _print_BooleanTrue(self, expr):
        return "true"

    def _print_BooleanFalse(self, expr):
        return "false"


_PRINTER = SBMLPrinter({"full_prec": True})


def to_sbml_infix(expr: sympy.Expr) -> str:
    return _PRINTER.doprint(expr)


def to_latex(expr: sympy.Expr) -> str:
    return sympy.latex(expr)
