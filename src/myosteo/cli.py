"""Command line interface: ``myosteo <command>``. Thin: no science here.

Exit codes: 0 success, 2 bad input (message on stderr names the field), 3 solver failure.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _simulate(args: argparse.Namespace) -> int:
    from myosteo.engine.simulator import SimulationError
    from myosteo.outputs import simulate_scenario
    from myosteo.scenario import ScenarioError, load_scenario

    try:
        scenario = load_scenario(Path(args.scenario))
    except ScenarioError as err:
        print(f"myosteo simulate: invalid scenario {args.scenario}:\n{err}", file=sys.stderr)
        return 2
    try:
        table = simulate_scenario(scenario)
    except SimulationError as err:
        print(f"myosteo simulate: {err}", file=sys.stderr)
        return 3
    if args.diagnose:
        from myosteo.diagnosis import diagnose

        table = diagnose(table.assign(id=range(len(table))))
    out = Path(args.output)
    if out.suffix == ".parquet":
        table.to_parquet(out, index=False)
    else:
        table.to_csv(out, index=False, float_format="%.6g")
    print(f"wrote {len(table)} rows x {table.shape[1]} columns to {out}")
    if args.plot:
        from myosteo.plots import plot_trajectories

        plot_trajectories({Path(args.scenario).stem: table}, Path(args.plot))
        print(f"wrote {args.plot}")
    return 0


def _params(args: argparse.Namespace) -> int:
    import pandas as pd

    from myosteo.model.library import standard_model

    rows = [
        {"name": p.name, "value": p.value, "unit": p.unit, "module": p.module, "source": p.source,
         "description": p.description,
         "between_trial_log_sd": p.variability.log_sd if p.variability else None,
         "between_trial_source": p.variability.source if p.variability else None}
        for p in standard_model().parameters
    ]
    df = pd.DataFrame(rows)
    if args.module:
        df = df[df["module"] == args.module]
    if args.csv:
        df.to_csv(args.csv, index=False)
        print(f"wrote {len(df)} parameters to {args.csv}")
    else:
        with pd.option_context("display.max_rows", None, "display.max_colwidth", 70, "display.width", 250):
            print(df[["name", "value", "unit", "module", "source"]].to_string(index=False))
            for r in df[df["between_trial_log_sd"].notna()].itertuples():
                print(f"between trials: {r.name} x exp(eta), eta ~ N(0, {r.between_trial_log_sd:.3g}^2); "
                      f"{r.between_trial_source}")
    return 0


def _export_sbml(args: argparse.Namespace) -> int:
    from myosteo.engine.sbml import to_sbml
    from myosteo.model.library import standard_model

    Path(args.output).write_text(to_sbml(standard_model()))
    print(f"wrote {args.output}")
    return 0


def _model_doc(args: argparse.Namespace) -> int:
    from myosteo.model.document import model_markdown
    from myosteo.model.library import standard_model

    Path(args.output).write_text(model_markdown(standard_model()))
    print(f"wrote {args.output}")
    return 0


def _validate(args: argparse.Namespace) -> int:
    from myosteo.validation.report import write_report

    path = write_report(Path(args.output))
    print(f"wrote {path}")
    return 0


def _network(args: argparse.Namespace) -> int:
    from myosteo.network import write_network

    csv, png = write_network(Path(args.output))
    print(f"wrote {csv} and {png}")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from myosteo.demo import run_demo

    run_demo(Path(args.output))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="myosteo", description="myosteo: executable muscle-bone model")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("simulate", help="simulate a scenario TOML file")
    p.add_argument("scenario", help="scenario TOML file")
    p.add_argument("-o", "--output", required=True, help="output table (.csv or .parquet)")
    p.add_argument("--plot", help="also write a PNG of the main outputs")
    p.add_argument("--diagnose", action="store_true", help="label each output time with every criterion")
    p.set_defaults(func=_simulate)
    p = sub.add_parser("params", help="list every parameter with value, unit and source")
    p.add_argument("--module", help="only this module")
    p.add_argument("--csv", help="write the table to this CSV file")
    p.set_defaults(func=_params)
    p = sub.add_parser("export-sbml", help="write the composed model as SBML L3V1")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=_export_sbml)
    p = sub.add_parser("model-doc", help="write the equations, parameters and edges as Markdown")
    p.add_argument("-o", "--output", required=True)
    p.set_defaults(func=_model_doc)
    p = sub.add_parser("validate", help="simulate every curated trial and write the validation report")
    p.add_argument("-o", "--output", default="validation_report", help="output folder")
    p.set_defaults(func=_validate)
    p = sub.add_parser("network", help="write the crosstalk edge table (CSV) and a network figure")
    p.add_argument("-o", "--output", default="network", help="output folder")
    p.set_defaults(func=_network)
    p = sub.add_parser("demo", help="simulate example patients, print a summary and write a plot")
    p.add_argument("-o", "--output", default="out", help="output folder")
    p.set_defaults(func=_demo)
    try:
        from myosteo.diagnosis import cli as diagnosis_cli
    except ImportError:  # pragma: no cover
        diagnosis_cli = None
    if diagnosis_cli is not None:
        diagnosis_cli.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
