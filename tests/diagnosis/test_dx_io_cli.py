"""CSV / Parquet / Excel round trips and the two CLI subcommands (exit codes)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from myosteo.cli import main
from myosteo.diagnosis import DEFAULT_CRITERIA, diagnose
from myosteo.diagnosis.tableio import read_table, write_table

COHORT = pd.DataFrame({
    "id": ["007", "008", "009"], "sex": ["F", "M", "?"], "age_years": [78, 70, 80],
    "height_m": [1.6, 1.75, 1.7], "weight_kg": [55, 80, 70],
    "grip_strength_kg": [15, 40, -1], "gait_speed_m_s": [0.7, 1.2, 1.0],
    "appendicular_lean_mass_kg": [12.5, 24, 20], "lean_mass_method": ["dxa", "dxa", "bia"],
    "femoral_neck_t_score": [-2.7, -0.4, None], "sarc_f": [5, 0, 2]})


@pytest.mark.parametrize("ext", [".csv", ".parquet", ".xlsx"])
def test_cli_round_trip_all_formats(tmp_path, ext, capsys):
    src = tmp_path / f"cohort{ext}"
    write_table(COHORT, src)
    out = tmp_path / f"labels{ext}"
    assert main(["diagnose", str(src), "-o", str(out)]) == 0
    back = read_table(out)
    assert len(back) == 3
    assert [str(v) for v in back["id"]] == ["007", "008", "009"]
    assert list(back["ewgsop2"]) == ["severe", "no_sarcopenia", "invalid_input"]
    assert list(back["who_bmd"]) == ["osteoporosis", "normal", "undetermined"]
    assert list(back["sarc_f_label"]) == ["at_risk", "not_at_risk", "not_at_risk"]
    assert "id=009" in str(back.loc[2, "diagnosis_messages"])
    assert "wrote" in capsys.readouterr().out


def test_csv_keeps_ids_and_text_exactly(tmp_path):
    src = tmp_path / "c.csv"
    src.write_text("id,sex,age_years,grip_strength_kg\n007,F,70,15\n008,F,71,\n")
    out = tmp_path / "o.csv"
    assert main(["diagnose", str(src), "-o", str(out), "--criteria", "ewgsop2,sdoc2020"]) == 0
    text = out.read_text()
    assert text.splitlines()[0] == ("id,sex,age_years,grip_strength_kg,ewgsop2,sdoc2020,"
                                    "diagnosis_messages")
    assert text.splitlines()[1].startswith("007,F,70,15,probable,undetermined")


def test_cli_output_format_follows_extension(tmp_path):
    src = tmp_path / "c.csv"
    write_table(COHORT, src)
    out = tmp_path / "labels.parquet"
    assert main(["diagnose", str(src), "-o", str(out), "--binary"]) == 0
    back = pd.read_parquet(out)
    assert back["ewgsop2_positive"].tolist()[:2] == [True, False]


def test_cli_map_and_units(tmp_path):
    src = tmp_path / "c.csv"
    src.write_text("pid,gender,age,ht_cm,hgs_lb\nA,F,70,150,35\n")
    out = tmp_path / "o.csv"
    rc = main(["diagnose", str(src), "-o", str(out), "--map", "pid=id,gender=sex",
               "--map", "age=age_years,ht_cm=height_m,hgs_lb=grip_strength_kg",
               "--height-unit", "cm", "--grip-unit", "lb", "--criteria", "ewgsop2"])
    assert rc == 0
    assert pd.read_csv(out)["ewgsop2"].tolist() == ["probable"]


@pytest.mark.parametrize("setup, args, message", [
    (None, ["missing.csv"], "not found"),
    ("id,sex\n1,F\n", [], "missing required column"),
    ("garbage", ["--criteria", "ewgsop9"], "unknown criterion"),
    ("id,sex,age_years\n1,F,70\n", ["--map", "x=y"], "not standard"),
    ("id,sex,age_years\n1,F,70\n", ["--map", "nope.toml"], "mapping file not found"),
    ("id,sex,age_years\n1,F,70\n", ["-o", "out.json"], "unsupported output extension"),
])
def test_cli_errors_exit_2(tmp_path, capsys, setup, args, message):
    src = tmp_path / "in.csv"
    if setup is not None:
        src.write_text(setup)
    argv = ["diagnose", str(src) if setup is not None else str(tmp_path / args.pop(0))]
    if "-o" not in args:
        argv += ["-o", str(tmp_path / "out.csv")]
    argv += [a if a != "out.json" else str(tmp_path / a) for a in args]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.startswith("myosteo diagnose: error:")


def test_cli_unreadable_files_exit_2(tmp_path, capsys):
    bad = tmp_path / "in.parquet"
    bad.write_text("this is not parquet")
    assert main(["diagnose", str(bad), "-o", str(tmp_path / "o.csv")]) == 2
    assert "cannot read" in capsys.readouterr().err
    odd = tmp_path / "in.json"
    odd.write_text("{}")
    assert main(["diagnose", str(odd), "-o", str(tmp_path / "o.csv")]) == 2
    assert "unsupported input extension" in capsys.readouterr().err


def test_cli_bad_unit_is_argparse_error_exit_2(tmp_path):
    with pytest.raises(SystemExit) as exc:
        main(["diagnose", "x.csv", "-o", "y.csv", "--height-unit", "in"])
    assert exc.value.code == 2


def test_diagnose_person_cli(capsys):
    assert main(["diagnose-person", "--sex", "female", "--age", "78", "--grip", "15"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(DEFAULT_CRITERIA)
    line = next(x for x in out if x.startswith("ewgsop2:"))
    assert line.startswith("ewgsop2: probable (grip 15.0 kg < 16 kg [women]; ALM/ht² missing")
    assert main(["diagnose-person", "--sex", "M", "--age", "70", "--grip", "30", "--json",
                 "--criteria", "ewgsop2,sdoc2020"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["criteria"]["ewgsop2"]["label"] == "no_sarcopenia"
    assert data["criteria"]["sdoc2020"]["label"] == "undetermined"


def test_diagnose_person_cli_invalid_value_and_bad_criterion(capsys):
    assert main(["diagnose-person", "--sex", "F", "--age", "78", "--grip", "-2",
                 "--criteria", "ewgsop2"]) == 0
    out = capsys.readouterr().out
    assert "ewgsop2: invalid_input (invalid input in: grip_strength_kg)" in out
    assert "note: id=person: grip_strength_kg=-2" in out
    assert main(["diagnose-person", "--sex", "F", "--age", "78", "--criteria", "x"]) == 2


def test_summary_files_written(tmp_path, capsys):
    src = tmp_path / "c.csv"
    write_table(COHORT, src)
    out = tmp_path / "res" / "LABELS.csv"
    assert main(["diagnose", str(src), "-o", str(out), "--summary"]) == 0
    printed = capsys.readouterr().out
    assert "## Overall" in printed and "kappa" in printed
    for suffix in ("_summary.csv", "_agreement.csv", "_summary.md", "_upset.png"):
        f = tmp_path / "res" / f"LABELS{suffix}"
        assert f.is_file() and f.stat().st_size > 100, suffix
    assert (tmp_path / "res" / "LABELS_upset.png").read_bytes()[:4] == b"\x89PNG"


def test_api_matches_cli(tmp_path):
    src = tmp_path / "c.csv"
    write_table(COHORT, src)
    out = tmp_path / "o.csv"
    main(["diagnose", str(src), "-o", str(out)])
    api = diagnose(read_table(src))
    cli = read_table(out)
    for cid in ("ewgsop2", "awgs2019", "nbha", "osteosarcopenia"):
        assert list(api[cid]) == list(cli[cid])
