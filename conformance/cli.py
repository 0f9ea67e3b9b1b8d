"""Command line: `python -m conformance report ...`.

Bad input (a missing file, a JSON syntax error, a report of another schema or shape, a malformed spool) is
one line on standard error, `python -m conformance: error: <file>: <field>: <problem>`, and exit status
2, never a traceback: conformance.schema checks every field the renderers read before they read it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

RUN_THE_SUITE = """\
Run the suite with pytest (these tools only read what it writes):
  nox -s cpu
  python -m pytest tests/conformance -n auto --x64=off --report-dir=reports/mine --hypothesis-profile=ci
"""


class _HelpParser(argparse.ArgumentParser):
    """The epilog (the pytest options) is made when help is printed: it imports pytest and the plugin,
    which `report render` does not need."""

    def format_help(self) -> str:
        self.epilog = RUN_THE_SUITE + "\n" + pytest_options_help()
        return super().format_help()


def pytest_options_help() -> str:
    """The conformance plugin's pytest options, their help read from plugin.pytest_addoption itself
    (one source of truth), and the Hypothesis options the suite uses."""
    from conformance import plugin

    options = argparse.ArgumentParser(prog="python -m pytest", usage=argparse.SUPPRESS, add_help=False)
    group = options.add_argument_group("pytest options of the conformance plugin")

    class Collector:  # just enough of pytest's Parser and OptionGroup for pytest_addoption
        def getgroup(self, name, description=""):
            return self

        def addoption(self, *names, **kwargs):
            kwargs["help"] = kwargs.get("help", "").replace("%", "%%")  # argparse %-formats help
            group.add_argument(*names, **kwargs)

        def addini(self, *args, **kwargs):
            pass

    plugin.pytest_addoption(Collector())
    # Hypothesis's own pytest plugin adds these two; the profiles are registered in conftest.py
    group.add_argument("--hypothesis-profile", metavar="NAME",
                       help=f"Hypothesis settings profile: {plugin.PROFILES_HELP}")
    group.add_argument("--hypothesis-seed", metavar="SEED",
                       help="seed of every Hypothesis test (a run that is not derandomized gets a "
                            "random one, printed in the header and recorded in the report)")
    return options.format_help()


def _parser() -> argparse.ArgumentParser:
    parser = _HelpParser(
        prog="python -m conformance",
        description="jax.numpy conformance against NumPy: tools for the reports the suite writes.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    report = commands.add_parser("report", help="render, rebuild, combine or compare reports",
                                 description="Render, rebuild, combine or compare conformance reports.")
    actions = report.add_subparsers(dest="action", required=True, metavar="ACTION")
    render = actions.add_parser(
        "render", help="regenerate report.md, details.md and index.html from a report.json",
        description="Regenerate a report's views from its JSON (the JSON is the source of truth): "
                    "report.md (the summary), details.md and index.html (the divergence map).")
    render.add_argument("json", type=Path, help="path to a report.json")
    render.add_argument("-o", "--output", type=Path, default=None,
                        help="write only the summary, there ('-' for standard output; default: the "
                             "three views beside the JSON)")
    build = actions.add_parser(
        "build", help="rebuild report.json and report.md from a spool directory",
        description="Rebuild a report from the recorder's spool: use it when a run was killed before "
                    "it could write its report (the spool is written after every test).")
    build.add_argument("spool", type=Path,
                       help="a <report>/spool directory, or the <report> directory that holds it; "
                            "the report is written to <report>")
    build.add_argument("--session-name", default=None,
                       help="name of the run (default: the report directory's name)")
    combine = actions.add_parser(
        "combine", help="one matrix of divergences by session, from several report.json files",
        description="Combine the reports of several sessions (cpu-x64off, cpu-x64on, gpu-..., other "
                    "jax and numpy versions): a markdown matrix of divergences by session, and an HTML "
                    "page whose divergence map shows every session side by side (index.html beside "
                    "the markdown).")
    combine.add_argument("reports", type=Path, nargs="+", help="report.json files, one per session")
    combine.add_argument("-o", "--output", type=Path, default=None,
                         help="where to write the markdown (default: README.md in the folder that "
                              "holds the session folders; '-' for standard output, and no HTML)")
    diff = actions.add_parser(
        "diff", help="divergences that appeared, vanished or changed between two runs",
        description="Compare two report.json files (another JAX version, another device, a baseline) "
                    "by catalogue id or kind, area and case: list what appeared, vanished or changed.")
    diff.add_argument("old", type=Path, help="the baseline report.json")
    diff.add_argument("new", type=Path, help="the report.json to compare with it")
    diff.add_argument("--fail-on-new", action="store_true",
                      help="exit with status 1 when a new undocumented divergence appeared")
    diff.add_argument("--exact", action="store_true",
                      help="exit with status 1 unless the new run reproduces the old one: the same "
                           "examples, divergences, counts and smallest examples (timings aside)")
    reproduce = actions.add_parser(
        "reproduce", help="run every reproducer of a report.json",
        description="Run the smallest example's reproducer of every divergence in a report, as a reader "
                    "would paste it (one Python process, on the report's platform): exit with status 1 "
                    "if one does not run or does not print both sides' outcomes.")
    reproduce.add_argument("json", type=Path, help="path to a report.json")
    return parser


def _load_reports(paths: list[Path]) -> list[dict]:
    from conformance import schema

    loaded = []
    for path in paths:
        if not path.is_file():
            hint = f" (a folder: pass {path / 'report.json'})" if (path / "report.json").is_file() else ""
            raise schema.ReportError(None, "", f"no report file at {path}{hint}")
        loaded.append(schema.load_report(path))
    return loaded


def _to_stdout(output: Path | None) -> bool:
    return output is not None and str(output) == "-"


def _emit(text: str, output: Path | None, default: Path) -> None:
    if _to_stdout(output):
        sys.stdout.write(text)
        return
    target = output or default
    try:
        target.write_text(text)
    except OSError as exc:
        raise ValueError(f"{target}: cannot write ({exc.strerror or exc})") from None
    print(f"wrote {target}")


def _render(args) -> int:
    from conformance import report

    (data,) = _load_reports([args.json])
    if args.output is not None:
        _emit(report.render_markdown(data), args.output, args.json.with_name("report.md"))
        return 0
    try:
        paths = report.write_views(data, args.json.parent)
    except OSError as exc:
        raise ValueError(f"{args.json.parent}: cannot write the views ({exc.strerror or exc})") from None
    for path in paths:
        print(f"wrote {path}")
    return 0


def _combine(args) -> int:
    from conformance import combine, html

    reports = _load_reports(args.reports)
    markdown = combine.combine(reports)
    default = args.reports[0].resolve().parent.parent / "README.md"
    _emit(markdown, args.output, default)
    if not _to_stdout(args.output):
        _emit(html.render(reports, combined=True), None, (args.output or default).with_name("index.html"))
    return 0


def _diff(args) -> int:
    from conformance import combine

    old, new = _load_reports([args.old, args.new])
    result = combine.diff(old, new)
    sys.stdout.write(combine.render_diff(result))
    if args.fail_on_new and result.new_undocumented:
        return 1
    return 1 if args.exact and not result.identical else 0


def _build(args) -> int:
    from conformance import report, schema

    # A report directory (what a killed run leaves: spool/, perhaps an older report.json) is accepted
    # for its spool/, so `report build reports/x` and `report build reports/x/spool` do the same.
    spool = args.spool / "spool" if (args.spool / "spool").is_dir() else args.spool
    if spool is args.spool and (spool / "report.json").is_file():
        raise schema.ReportError(None, "", f"no spool files in {spool / 'spool'} ({spool} is a report "
                                           "folder without its spool/)")
    if spool.is_file():
        raise schema.ReportError(spool, "", "is a file, not a spool folder (pass <report>/spool, "
                                             "or the <report> folder)")
    files = sorted(spool.glob("*.json")) if spool.is_dir() else []
    if not files:
        raise schema.ReportError(None, "", f"no spool files in {spool}")
    snapshots = [schema.load_spool_file(path) for path in files]  # every file checked before merging
    directory = spool.parent
    data = report.build_from_snapshots(snapshots, session_name=args.session_name,
                                       default_session=directory.name)
    try:
        paths = report.write(data, directory)
    except OSError as exc:
        raise ValueError(f"{directory}: cannot write the report ({exc.strerror or exc})") from None
    for path in paths:
        print(f"wrote {path}")
    return 0


def _reproduce(args) -> int:
    from conformance import reproduce

    (data,) = _load_reports([args.json])
    found = reproduce.problems(data)
    for problem in found:
        print(problem)
    total = sum(1 for d in data["divergences"] if d.get("smallest"))
    print(f"{args.json}: {total - len(found)} of {total} reproducers run and show both sides")
    return 1 if found else 0


def _fail(message: str) -> int:
    print(f"python -m conformance: error: {message}", file=sys.stderr)
    return 2


ACTIONS = {"render": _render, "build": _build, "combine": _combine, "diff": _diff,
           "reproduce": _reproduce}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return ACTIONS[args.action](args)
    except ValueError as exc:  # schema.ReportError, and combine's own refusals (two reports of a session)
        return _fail(str(exc))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
