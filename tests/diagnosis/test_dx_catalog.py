"""The catalogue as data: ids, citations, vocabularies, verification flags, docs sync."""

from __future__ import annotations

from pathlib import Path

import pytest

from myosteo.diagnosis import (CATALOG, CITATIONS, DEFAULT_CRITERIA, diagnose_person,
                               get_criterion, is_verified)
from myosteo.diagnosis.criteria import StagedCriterion, Threshold
from myosteo.diagnosis.docgen import generated_markdown

DOCS = Path(__file__).resolve().parents[2] / "docs" / "diagnosis.md"
REQUIRED_IDS = ["ewgsop1", "ewgsop2", "awgs2014", "awgs2019", "fnih2014", "sdoc2020",
                "iwgs2011", "scwd2011", "baumgartner1998", "janssen2002", "janssen2004",
                "who_bmd", "nbha", "osteosarcopenia", "sarcopenic_obesity", "sarc_f",
                "sarc_calf", "calf_circumference", "ishii"]


def test_required_criteria_present_in_order_and_no_awgs2025():
    assert list(DEFAULT_CRITERIA) == REQUIRED_IDS
    assert not any("2025" in cid for cid in CATALOG)


@pytest.mark.parametrize("cid, labels", [
    ("ewgsop2", ("no_sarcopenia", "probable", "confirmed", "severe")),
    ("awgs2019", ("no_sarcopenia", "possible", "sarcopenia", "severe")),
    ("fnih2014", ("no_sarcopenia", "weakness", "low_lean_mass", "sarcopenia")),
    ("sdoc2020", ("no_sarcopenia", "sarcopenia")),
    ("who_bmd", ("normal", "osteopenia", "osteoporosis"))])
def test_required_vocabularies(cid, labels):
    assert get_criterion(cid).vocabulary == labels


def test_every_rule_cites_a_known_paper():
    for cid, c in CATALOG.items():
        assert c.info.source in CITATIONS, cid
        assert c.info.version
        if isinstance(c, StagedCriterion):
            for f in c.findings:
                for t in f.tests:
                    assert t.source in CITATIONS, (cid, t)
                    assert t.evidence in ("primary", "secondary", "recalled")
            assert set(c.positive_labels) <= set(c.vocabulary)


def test_verified_flag_follows_evidence():
    t = Threshold("grip", "<", 1, 1, evidence="secondary")
    assert not t.verified and Threshold("grip", "<", 1, 1).verified
    assert is_verified("awgs2019") and is_verified("fnih2014") and is_verified("sdoc2020")
    assert not is_verified("baumgartner1998") and not is_verified("ishii")
    assert not is_verified("osteosarcopenia")  # EWGSOP2 + NHANES references not primary
    assert diagnose_person(sex="F", age_years=70, criteria=["ishii"])["ishii"].verified is False


def test_threshold_rejects_bad_operator():
    with pytest.raises(ValueError):
        Threshold("grip", "=<", 1, 1)


def test_docs_contain_generated_tables_and_unverified_list():
    text = DOCS.read_text(encoding="utf-8")
    assert generated_markdown() in text, "run: python -m myosteo.diagnosis.docgen"
    for cid in REQUIRED_IDS:
        assert f"`{cid}`" in text, cid
    assert "AWGS 2025" in text
    section = text.split("## Cut-offs that are not verified")[1].split("\n## ")[0]
    for cid, c in CATALOG.items():
        if isinstance(c, StagedCriterion) and not c.verified:
            assert f"`{cid}`" in section, cid
