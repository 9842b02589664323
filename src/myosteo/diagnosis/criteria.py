"""Declarative building blocks for diagnostic criteria (no evaluation logic here).

A criterion is data: cut-offs (:class:`Threshold`) with their inequality direction,
sex-specific, method-specific or age-banded values, a citation key and a ``verified``
flag; findings (:class:`Finding`) that group alternative tests of one component; and
ordered stages (:class:`Stage`) combining findings with :class:`AllOf` / :class:`AnyOf`.
The engine (``engine.py``) evaluates these with three-valued logic.

Units of every measure are listed in ``measures.MEASURES``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Union

Op = Literal["<", "<=", ">", ">="]
Method = Literal["dxa", "bia"]
#: how a number was checked: "primary" = seen in the primary paper (full text, abstract
#: or a page quoting it); "secondary" = only in published reproductions/reviews;
#: "recalled" = from memory/notes, not found in any source.  ``verified`` is True only
#: for "primary".
Evidence = Literal["primary", "secondary", "recalled"]

#: printable form of each operator, and of its negation (used in explanations)
OP_TEXT: dict[str, str] = {"<": "<", "<=": "≤", ">": ">", ">=": "≥"}
OP_NEGATION: dict[str, str] = {"<": ">=", "<=": ">", ">": "<=", ">=": "<"}


@dataclass(frozen=True)
class AgeBand:
    """Cut-off values that apply for ``lo <= age_years < hi`` (``hi=None``: no upper end)."""

    lo: float
    hi: float | None
    male: float
    female: float


@dataclass(frozen=True)
class Threshold:
    """One test: ``measure op cut`` flags the finding (e.g. grip < 16 kg in women).

    ``male``/``female`` are the cut-offs in the measure's unit (see ``measures.py``);
    ``age_bands`` replaces them when the cut-off depends on age.  ``method`` restricts the
    test to rows whose ``lean_mass_method`` matches (DXA vs BIA cut-offs); ``None``
    means the test does not depend on the body-composition method.
    """

    measure: str
    op: Op
    male: float | None = None
    female: float | None = None
    method: Method | None = None
    age_bands: tuple[AgeBand, ...] = ()
    source: str = ""
    evidence: Evidence = "primary"
    note: str = ""

    @property
    def verified(self) -> bool:
        return self.evidence == "primary"

    def __post_init__(self) -> None:
        if self.op not in OP_TEXT:
            raise ValueError(f"unknown operator {self.op!r}")
        if not self.age_bands and (self.male is None or self.female is None):
            raise ValueError(f"threshold on {self.measure} needs male and female cut-offs")


@dataclass(frozen=True)
class Finding:
    """A component (e.g. low muscle strength) tested by alternative tests.

    The finding is present if any applicable test is positive, absent if at least one
    applicable test was evaluated and none is positive, unknown if none could be
    evaluated (documented choice: consensus papers list the tests as alternatives).
    """

    name: str
    tests: tuple[Threshold, ...]
    text: str = ""


@dataclass(frozen=True)
class AllOf:
    """Kleene conjunction of findings or sub-expressions."""

    terms: tuple["Expr", ...]


@dataclass(frozen=True)
class AnyOf:
    """Kleene disjunction of findings or sub-expressions."""

    terms: tuple["Expr", ...]


Expr = Union[str, AllOf, AnyOf]


@dataclass(frozen=True)
class Stage:
    """A label given when ``expr`` holds; stages are ordered from mildest to worst."""

    label: str
    expr: Expr


@dataclass(frozen=True)
class CriterionInfo:
    """What every criterion carries: id, name, version, citation, notes."""

    id: str
    name: str
    version: str
    source: str
    kind: Literal["sarcopenia", "bone", "composite", "screening", "obesity"]
    notes: str = ""


@dataclass(frozen=True)
class StagedCriterion:
    """Findings + ordered stages; label = worst stage established (see ``docs``).

    ``positive_labels`` is the documented binary reduction ("has the condition").
    ``uses_age`` marks criteria whose cut-offs depend on age.
    """

    info: CriterionInfo
    findings: tuple[Finding, ...]
    stages: tuple[Stage, ...]
    negative_label: str
    positive_labels: tuple[str, ...]
    uses_age: bool = False

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def vocabulary(self) -> tuple[str, ...]:
        return (self.negative_label, *(s.label for s in self.stages))

    @property
    def verified(self) -> bool:
        return all(t.verified for f in self.findings for t in f.tests)


@dataclass(frozen=True)
class LinearTerm:
    """Score contribution ``coef * (measure - center)`` with sex-specific values."""

    measure: str
    coef_male: float
    coef_female: float
    center_male: float = 0.0
    center_female: float = 0.0


@dataclass(frozen=True)
class IndicatorTerm:
    """Score contribution ``points`` when ``test`` is positive, else 0."""

    test: Threshold
    points: float


@dataclass(frozen=True)
class ScoreCriterion:
    """A screening score: sum of terms compared with a sex-specific cut-off.

    When an input is missing its term spans its plausible range; the label is decided
    only if the whole interval of possible scores falls on one side of the cut-off.
    """

    info: CriterionInfo
    terms: tuple[LinearTerm | IndicatorTerm, ...]
    op: Op
    cut_male: float
    cut_female: float
    negative_label: str
    positive_label: str
    evidence: Evidence = "primary"
    uses_age: bool = False
    note: str = ""

    @property
    def verified(self) -> bool:
        return self.evidence == "primary" and all(
            t.test.verified for t in self.terms if isinstance(t, IndicatorTerm))

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def vocabulary(self) -> tuple[str, ...]:
        return (self.negative_label, self.positive_label)

    @property
    def positive_labels(self) -> tuple[str, ...]:
        return (self.positive_label,)


@dataclass(frozen=True)
class BMDReference:
    """Young-adult reference (mean, SD in g/cm²) for computing T-scores."""

    site: Literal["femoral_neck", "total_hip"]
    sex: Literal["female", "male"]
    mean: float
    sd: float
    source: str
    evidence: Evidence
    note: str = ""

    @property
    def verified(self) -> bool:
        return self.evidence == "primary"


@dataclass(frozen=True)
class TScoreCriterion:
    """WHO densitometric categories: ``T <= osteoporosis_max`` → osteoporosis,
    ``T < normal_min`` → osteopenia, else normal.  The applicability age (50 y by
    default) is a run option (``bone_min_age``), shared with the NBHA rule."""

    info: CriterionInfo
    references: tuple[BMDReference, ...]
    osteoporosis_max: float = -2.5
    normal_min: float = -1.0
    labels: tuple[str, str, str] = ("normal", "osteopenia", "osteoporosis")
    positive_labels: tuple[str, ...] = ("osteoporosis",)

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def vocabulary(self) -> tuple[str, ...]:
        return self.labels

    @property
    def verified(self) -> bool:
        return all(r.verified for r in self.references)


@dataclass(frozen=True)
class FractureCriterion:
    """NBHA clinical diagnosis: T-score, or hip fracture, or osteopenia + qualifying
    fracture (sites listed in ``qualifying_sites``)."""

    info: CriterionInfo
    tscore: str  # id of the TScoreCriterion providing T-scores
    osteoporosis_max: float = -2.5
    osteopenia_max: float = -1.0
    qualifying_sites: tuple[str, ...] = ("vertebra", "proximal_humerus", "pelvis")
    labels: tuple[str, str] = ("no_osteoporosis", "osteoporosis")

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def vocabulary(self) -> tuple[str, ...]:
        return self.labels

    @property
    def positive_labels(self) -> tuple[str, ...]:
        return (self.labels[1],)

    verified: bool = True


@dataclass(frozen=True)
class BoneRule:
    """A bone condition used in compositions: ``who_low_bmd`` (T < −1.0),
    ``who_osteoporosis`` (T ≤ −2.5) or ``nbha`` (clinical diagnosis)."""

    id: str
    text: str
    source: str


@dataclass(frozen=True)
class CompositeCriterion:
    """Osteosarcopenia = one sarcopenia criterion (its binary reduction) AND one bone rule."""

    info: CriterionInfo
    sarcopenia: str
    bone: str
    labels: tuple[str, str] = ("no_osteosarcopenia", "osteosarcopenia")

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def vocabulary(self) -> tuple[str, ...]:
        return self.labels

    @property
    def positive_labels(self) -> tuple[str, ...]:
        return (self.labels[1],)

    verified: bool = True


Criterion = Union[StagedCriterion, ScoreCriterion, TScoreCriterion, FractureCriterion,
                  CompositeCriterion]

#: labels every criterion may also answer
COMMON_LABELS = ("undetermined", "invalid_input", "not_applicable")
