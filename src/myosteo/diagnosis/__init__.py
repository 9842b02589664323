"""Diagnostic engine: every published sarcopenia, bone and osteosarcopenia criterion,
applied the same careful way to one person or a cohort table.

Main entry points::

    diagnose(df, mapping=None, criteria=None, ...) -> DataFrame
    diagnose_person(sex="female", age_years=78, grip_strength_kg=15, ...)
    summarize(diagnose_detailed(df, with_binary=True))

Criteria are declarative data (``catalog.py``); see ``docs/diagnosis.md``.
"""

from .catalog import (BONE_RULES, CATALOG, DEFAULT_CRITERIA, SARCOPENIA_CRITERIA,
                      get_criterion)
from .citations import CITATIONS
from .engine import (CohortResult, PersonDiagnosis, diagnose, diagnose_detailed,
                     diagnose_person, is_verified, label_column)
from .inputs import COLUMNS, STANDARD_COLUMNS, DiagnosisInputError
from .tableio import read_table, write_table

__all__ = [
    "BONE_RULES", "CATALOG", "CITATIONS", "COLUMNS", "DEFAULT_CRITERIA",
    "SARCOPENIA_CRITERIA", "STANDARD_COLUMNS", "CohortResult", "DiagnosisInputError",
    "PersonDiagnosis", "diagnose", "diagnose_detailed", "diagnose_person",
    "get_criterion", "is_verified", "label_column", "read_table", "summarize",
    "write_table",
]


def summarize(*args, **kwargs):  # noqa: ANN002, ANN003 - thin lazy wrapper
    """See :func:`myosteo.diagnosis.summary.summarize` (imports matplotlib lazily)."""
    from .summary import summarize as _summarize

    return _summarize(*args, **kwargs)
