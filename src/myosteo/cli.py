"""Command line interface: ``myosteo <command>``. Thin: no science here."""

from __future__ import annotations

import argparse
import sys


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="myosteo", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    try:
        from myosteo.diagnosis import cli as diagnosis_cli
    except ImportError:  # pragma: no cover - diagnosis package not installed yet
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
