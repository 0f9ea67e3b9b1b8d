"""Command line: `python -m conformance report ...`. Bad input is a one-line error and exit status 2."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m conformance",
        description="jax.numpy conformance against NumPy: tools for the reports the suite writes.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    report = commands.add_parser("report", help="render, rebuild, combine or compare reports",
                                 description="Render, rebuild, combine or compare conformance reports.")
    actions = report.add_subparsers(dest="action", required=True, metavar="ACTION")
    render = actions.add_parser(
        "render", help="regenerate report.md from a report.json",
        description="Regenerate the markdown report from its JSON (the JSON is the source of truth).")
    render.add_argument("json", type=Path, help="path to a report.json")
    render.add_argument("-o", "--output", type=Path, default=None,
                        help="where to write the markdown (default: report.md beside the JSON; "
                             "'-' for standard output)")
    build = actions.add_parser(
        "build", help="rebuild report.json and report.md from a spool directory",
        description="Rebuild a report from the recorder's spool: use it when a run was killed before "
                    "it could write its report (the spool is written after every test).")
    build.add_argument("spool", type=Path, help="a <report>/spool directory")
    build.add_argument("--session-name", default=None,
                       help="name of the run (default: the report directory's name)")
    combine = actions.add_parser(
        "combine", help="one matrix of divergences by session, from several report.json files",
        description="Combine the reports of several sessions (cpu-x64off, cpu-x64on, gpu-..., other "
                    "jax and numpy versions) into one markdown matrix of divergences by session.")
    combine.add_argument("reports", type=Path, nargs="+", help="report.json files, one per session")
    combine.add_argument("-o", "--output", type=Path, default=None,
                         help="where to write the markdown (default: README.md in the folder that "
                              "holds the session folders; '-' for standard output)")
    diff = actions.add_parser(
        "diff", help="divergences that appeared, vanished or changed between two runs",
        description="Compare two report.json files (another JAX version, another device, a baseline) "
                    "by catalogue id or kind, area and case: list what appeared, vanished or changed.")
    diff.add_argument("old", type=Path, help="the baseline report.json")
    diff.add_argument("new", type=Path, help="the report.json to compare with it")
    diff.add_argument("--fail-on-new", action="store_true",
                      help="exit with status 1 when a new undocumented divergence appeared")
    return parser


def _load_all(paths: list[Path]):
    from conformance import report

    loaded = []
    for path in paths:
        if not path.is_file():
            raise ValueError(f"no report file at {path}")
        loaded.append(report.load(path))
    return loaded


def _combine(args) -> int:
    from conformance import combine

    try:
        markdown = combine.combine(_load_all(args.reports))
    except ValueError as exc:
        return _fail(str(exc))
    if args.output is not None and str(args.output) == "-":
        sys.stdout.write(markdown)
        return 0
    target = args.output or args.reports[0].resolve().parent.parent / "README.md"
    target.write_text(markdown)
    print(f"wrote {target}")
    return 0


def _diff(args) -> int:
    from conformance import combine

    try:
        old, new = _load_all([args.old, args.new])
    except ValueError as exc:
        return _fail(str(exc))
    result = combine.diff(old, new)
    sys.stdout.write(combine.render_diff(result))
    return 1 if args.fail_on_new and result.new_undocumented else 0


def _fail(message: str) -> int:
    print(f"python -m conformance: error: {message}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.action == "combine":
        return _combine(args)
    if args.action == "diff":
        return _diff(args)
    from conformance import report

    if args.action == "render":
        if not args.json.is_file():
            return _fail(f"no report file at {args.json}")
        try:
            data = report.load(args.json)
        except ValueError as exc:
            return _fail(str(exc))
        markdown = report.render_markdown(data)
        if args.output is not None and str(args.output) == "-":
            sys.stdout.write(markdown)
            return 0
        target = args.output or args.json.with_name("report.md")
        target.write_text(markdown)
        print(f"wrote {target}")
        return 0
    if args.action == "build":
        if not args.spool.is_dir() or not any(args.spool.glob("*.json")):
            return _fail(f"no spool files in {args.spool}")
        from conformance.recorder import Recorder

        directory = args.spool.parent
        data = report.build(Recorder.from_spool(args.spool),
                            session=args.session_name or directory.name, profile="unknown",
                            seed="unknown", exitstatus=-1,
                            processes=len(list(args.spool.glob("*.json"))))
        for path in report.write(data, directory):
            print(f"wrote {path}")
        return 0
    return _fail(f"unknown action {args.action!r}")  # pragma: no cover - argparse refuses first


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
