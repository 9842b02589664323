"""Sex normalisation, declared units, column mapping and table-level errors."""

from __future__ import annotations

import pandas as pd
import pytest
from dx_helpers import WOMAN, label, table
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from myosteo.diagnosis import DiagnosisInputError, diagnose, diagnose_person
from myosteo.diagnosis.inputs import SEX_TOKENS


@pytest.mark.parametrize("code, expected", [
    ("F", "probable"), ("female", "probable"), (" Woman ", "probable"), ("w", "probable"),
    (2, "probable"), ("2", "probable"), (2.0, "probable"),
    ("M", "probable"), ("MALE", "probable"), ("man", "probable"), (1, "probable")])
def test_accepted_sex_codes(code, expected):
    # grip 15 is low for both sexes under EWGSOP2 (cut-offs 16 / 27)
    assert label("ewgsop2", sex=code, age_years=70, grip_strength_kg=15) == expected


def test_sex_codes_map_to_the_right_sex():
    # grip 20 kg: low for men (< 27), normal for women (≥ 16)
    assert label("ewgsop2", sex=1, age_years=70, grip_strength_kg=20) == "probable"
    assert label("ewgsop2", sex=2, age_years=70, grip_strength_kg=20) == "no_sarcopenia"
    assert label("ewgsop2", sex="f", age_years=70, grip_strength_kg=20) == "no_sarcopenia"


@pytest.mark.parametrize("code", ["0", 0, "X", "unknown", "", "femme", "3", "F M", None])
def test_rejected_sex_codes(code):
    res = diagnose_person(sex=code, age_years=70, grip_strength_kg=15, criteria=["ewgsop2"])
    assert res["ewgsop2"].label == "invalid_input"
    assert any("sex=" in m for m in res.messages)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=0, max_size=8))
def test_property_unlisted_sex_strings_are_invalid_never_guessed(code):
    res = diagnose_person(sex=code, age_years=70, grip_strength_kg=15, criteria=["ewgsop2"])
    accepted = code.strip().lower() in SEX_TOKENS
    assert (res["ewgsop2"].label != "invalid_input") == accepted


def test_declared_height_unit_cm():
    rows = [{**WOMAN, "height_m": 150, "weight_kg": 50, "grip_strength_kg": 10,
             "appendicular_lean_mass_kg": 12.0, "lean_mass_method": "dxa"}]  # 5.33 kg/m²
    assert table(rows, height_unit="cm").loc[0, "ewgsop2"] == "confirmed"
    assert table(rows).loc[0, "ewgsop2"] == "invalid_input"


def test_declared_grip_unit_lb():
    # 35 lb = 15.88 kg (< 16 kg women); 36 lb = 16.33 kg
    assert table([{**WOMAN, "grip_strength_kg": 35}], grip_unit="lb").loc[0, "ewgsop2"] \
        == "probable"
    assert table([{**WOMAN, "grip_strength_kg": 36}], grip_unit="lb").loc[0, "ewgsop2"] \
        == "no_sarcopenia"
    res = diagnose_person(**WOMAN, grip_strength_kg=35, grip_unit="lb", criteria=["ewgsop2"])
    assert "grip 15.9 kg" in res["ewgsop2"].reason


@pytest.mark.parametrize("kw", [{"height_unit": "in"}, {"grip_unit": "N"},
                                {"lean_mass_method": "ct"}, {"bmd_site": "spine"},
                                {"criteria": ["ewgsop3"]}])
def test_bad_declarations_raise(kw):
    with pytest.raises(DiagnosisInputError):
        table([{**WOMAN}], **kw)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.floats(min_value=100, max_value=230, allow_nan=False), min_size=1,
                max_size=20))
def test_property_height_cm_declared_equals_metres(heights_cm):
    base = {**WOMAN, "weight_kg": 60, "grip_strength_kg": 10,
            "appendicular_lean_mass_kg": 12, "lean_mass_method": "dxa"}
    cm = table([{**base, "height_m": h} for h in heights_cm], height_unit="cm")
    m = table([{**base, "height_m": h / 100} for h in heights_cm])
    for cid in ("ewgsop2", "awgs2019", "fnih2014", "iwgs2011"):
        assert list(cm[cid]) == list(m[cid])


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True),
                          st.text(max_size=4)), min_size=1, max_size=15))
@example(["nan", " 12", "1e9", -0.0, float("inf"), "", "16"])
def test_property_rows_kept_and_bad_grip_never_guessed(grips):
    df = pd.DataFrame({"id": [f"p{i}" for i in range(len(grips))], "sex": "F",
                       "age_years": 70, "grip_strength_kg": pd.Series(grips, dtype=object)})
    out = diagnose(df, criteria=["ewgsop2"])
    assert list(out["id"]) == list(df["id"])
    for g, lab, msg in zip(grips, out["ewgsop2"], out["diagnosis_messages"]):
        if isinstance(g, str) and not g.strip():
            g = None  # blank text counts as missing
        try:
            v = float(g) if g is not None else float("nan")
        except ValueError:
            v = None  # not a number
        if isinstance(g, str) and v is not None and v != v:
            v = None  # the text "nan" is a value that is not a number, not a blank
        if v is None or (v == v and not 0 <= v <= 100):
            assert lab == "invalid_input" and "grip_strength_kg=" in msg
        elif v != v:
            assert lab == "undetermined"
        else:
            assert lab == ("probable" if v < 16 else "no_sarcopenia")


def test_mapping_dict_pairs_toml_csv(tmp_path):
    df = pd.DataFrame({"pid": ["a"], "gender": ["F"], "AGE": [70], "hgs": [10]})
    expect = "probable"
    mapping = {"pid": "id", "gender": "sex", "AGE": "age_years", "hgs": "grip_strength_kg"}
    assert diagnose(df, mapping, criteria=["ewgsop2"]).loc[0, "ewgsop2"] == expect
    pairs = "pid=id, gender=sex,AGE=age_years,hgs=grip_strength_kg"
    assert diagnose(df, pairs, criteria=["ewgsop2"]).loc[0, "ewgsop2"] == expect
    toml = tmp_path / "map.toml"
    toml.write_text('[columns]\npid = "id"\ngender = "sex"\nAGE = "age_years"\n'
                    'hgs = "grip_strength_kg"\n')
    assert diagnose(df, toml, criteria=["ewgsop2"]).loc[0, "ewgsop2"] == expect
    csv = tmp_path / "map.csv"
    csv.write_text("source,target\npid,id\ngender,sex\nAGE,age_years\nhgs,grip_strength_kg\n")
    out = diagnose(df, str(csv), criteria=["ewgsop2"])
    assert out.loc[0, "ewgsop2"] == expect
    assert list(out.columns[:4]) == ["pid", "gender", "AGE", "hgs"]  # user names kept


@pytest.mark.parametrize("mapping, match", [
    ({"hgs": "grip"}, "not standard"), ({"nope": "sex"}, "not found"),
    ({"hgs": "sex"}, "overwrite"), ("hgs:grip_strength_kg", "old=new"),
    ("missing.toml", "not found"), ({"hgs": "age_years", "AGE": "age_years"}, "several"),
])
def test_mapping_errors(mapping, match):
    df = pd.DataFrame({"id": ["a"], "sex": ["F"], "AGE": [70], "hgs": [10]})
    with pytest.raises(DiagnosisInputError, match=match):
        diagnose(df, mapping)


@pytest.mark.parametrize("drop", ["id", "sex", "age_years"])
def test_missing_required_column_raises(drop):
    df = pd.DataFrame({"id": ["a"], "sex": ["F"], "age_years": [70]}).drop(columns=drop)
    with pytest.raises(DiagnosisInputError, match="missing required column"):
        diagnose(df)


def test_empty_table_and_unknown_person_input():
    out = diagnose(pd.DataFrame({"id": [], "sex": [], "age_years": []}))
    assert len(out) == 0 and "ewgsop2" in out.columns
    with pytest.raises(DiagnosisInputError, match="unknown inputs"):
        diagnose_person(sex="F", age_years=70, grip=10)
