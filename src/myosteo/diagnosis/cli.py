"""``myosteo diagnose`` and ``myosteo diagnose-person`` subcommands (thin layer).

Exit codes: 0 success; 2 input errors (unreadable file, missing required column,
bad mapping/unit/criterion) with a message on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .engine import BMD_SITES, MEN_REFERENCES, diagnose_detailed, diagnose_person
from .inputs import GRIP_UNITS, HEIGHT_UNITS, DiagnosisInputError
from .tableio import read_table, write_table

#: diagnose-person option -> standard column
PERSON_OPTIONS: dict[str, tuple[str, type]] = {
    "--height": ("height_m", float), "--weight": ("weight_kg", float),
    "--grip": ("grip_strength_kg", float), "--gait": ("gait_speed_m_s", float),
    "--chair-stand": ("chair_stand_s", float), "--sppb": ("sppb", float),
    "--alm": ("appendicular_lean_mass_kg", float), "--method": ("lean_mass_method", str),
    "--fn-bmd": ("femoral_neck_bmd_g_cm2", float), "--th-bmd": ("total_hip_bmd_g_cm2", float),
    "--t-score": ("femoral_neck_t_score", float), "--fracture": ("fragility_fracture", str),
    "--fracture-site": ("fracture_site", str), "--sarc-f": ("sarc_f", float),
    "--calf": ("calf_circumference_cm", float), "--body-fat": ("body_fat_pct", float),
    "--waist": ("waist_cm", float), "--sm": ("skeletal_muscle_mass_kg", float),
    "--bia-resistance": ("bia_resistance_ohm", float), "--tug": ("tug_s", float),
    "--six-minute-walk": ("six_minute_walk_m", float),
}


def _age_limit(text: str) -> float | None:
    return None if text.lower() == "none" else float(text)


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--criteria", help="comma-separated criterion ids (default: all); "
                   "composites as osteosarcopenia:<sarcopenia id>+<bone rule>")
    p.add_argument("--height-unit", choices=list(HEIGHT_UNITS), default="m")
    p.add_argument("--grip-unit", choices=list(GRIP_UNITS), default="kg")
    p.add_argument("--men-reference", choices=list(MEN_REFERENCES), default="female",
                   help="NHANES III reference for men's computed T-scores")
    p.add_argument("--bmd-site", choices=list(BMD_SITES), default="femoral_neck")
    p.add_argument("--bone-min-age", type=_age_limit, default=50.0,
                   help="age limit of WHO/NBHA rules ('none' to disable)")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``diagnose`` and ``diagnose-person`` to the ``myosteo`` parser."""
    p = subparsers.add_parser("diagnose", help="classify a cohort table under every "
                              "criterion", description=diagnose_command.__doc__)
    p.add_argument("input", help="cohort table (.csv, .tsv, .parquet, .xlsx)")
    p.add_argument("-o", "--output", required=True, help="labels table (.csv, .parquet, "
                   ".xlsx)")
    p.add_argument("--map", action="append", default=[], metavar="SPEC",
                   help="column mapping: TOML/CSV file or old=new pairs (repeatable)")
    p.add_argument("--lean-mass-method", choices=["dxa", "bia"],
                   help="method for rows without lean_mass_method")
    p.add_argument("--summary", action="store_true", help="print and save prevalence, "
                   "agreement and an UpSet figure next to the output")
    p.add_argument("--binary", action="store_true", help="also write <id>_positive columns")
    _common(p)
    p.set_defaults(func=diagnose_command)

    q = subparsers.add_parser("diagnose-person", help="classify one person",
                              description=person_command.__doc__)
    q.add_argument("--id", default="person")
    q.add_argument("--sex", required=True)
    q.add_argument("--age", required=True, type=float, help="years")
    for opt, (col, typ) in PERSON_OPTIONS.items():
        q.add_argument(opt, dest=col, type=typ, help=col)
    q.add_argument("--json", action="store_true", help="print JSON instead of text")
    _common(q)
    q.set_defaults(func=person_command)


def _fail(command: str, exc: Exception) -> int:
    print(f"myosteo {command}: error: {exc}", file=sys.stderr)
    return 2


def diagnose_command(args: argparse.Namespace) -> int:
    """Read a cohort, label every row under each criterion, write the table."""
    try:
        df = read_table(args.input)
        result = diagnose_detailed(
            df, args.map or None, args.criteria, height_unit=args.height_unit,
            grip_unit=args.grip_unit, lean_mass_method=args.lean_mass_method,
            men_reference=args.men_reference, bmd_site=args.bmd_site,
            bone_min_age=args.bone_min_age, with_binary=args.binary)
        out = write_table(result.table, args.output)
    except DiagnosisInputError as exc:
        return _fail("diagnose", exc)
    n_msg = int((result.messages != "").sum())
    print(f"wrote {out} ({len(result.table)} rows, {len(result.criteria)} criteria; "
          f"{n_msg} rows with input messages)")
    if args.summary:
        from .summary import summarize

        stem = Path(args.output).with_suffix("")
        summary = summarize(result, stem)
        print(summary.markdown)
        print("saved: " + ", ".join(str(f) for f in summary.files))
    return 0


def person_command(args: argparse.Namespace) -> int:
    """Print every criterion's label for one person and what drove it."""
    values = {col: getattr(args, col) for col, _ in PERSON_OPTIONS.values()
              if getattr(args, col) is not None}
    try:
        res = diagnose_person(id=args.id, sex=args.sex, age_years=args.age,
                              criteria=args.criteria, height_unit=args.height_unit,
                              grip_unit=args.grip_unit, men_reference=args.men_reference,
                              bmd_site=args.bmd_site, bone_min_age=args.bone_min_age,
                              **values)
    except DiagnosisInputError as exc:
        return _fail("diagnose-person", exc)
    print(json.dumps(res.to_dict(), indent=2) if args.json else res.format())
    return 0
