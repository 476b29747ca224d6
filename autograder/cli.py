"""The ``mllabs`` command: parses arguments, dispatches, prints, and maps errors to exit codes.

Exit codes: 0 success; 1 a check failed (``check``) or the build is stale (``build --check``);
2 a usage or input error, explained on standard error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import KitError
from .kit import DEFAULT_OUTPUT_DIR, DEFAULT_SEED, EXAMPLES_DIR, KIT_ROOT

DESCRIPTION = """\
A graded assignment kit for a machine-learning course.

  students:     mllabs check [LAB ...]            self-check your lab files (public checks)
  instructors:  mllabs grade [SUBMISSIONS]        grade a folder of submissions (all checks)
  course staff: mllabs build [--check|--release]  regenerate stubs from solutions/
"""


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.command(args)
    except KitError as exc:
        print(f"mllabs {args.command_name}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


CHECK_DESCRIPTION = (
    "Run the public checks on your lab files, in a sandbox, and print a table per question. "
    "Exits 1 when any check does not pass."
)
GRADE_DESCRIPTION = (
    "Grade every submission (a sub-folder or a .zip holding the lab files, as .py or .ipynb) with public and "
    "hidden checks, in parallel. Writes grades.csv, answers.csv (free-text answers to read), "
    "results/<student>.json (Gradescope format) and feedback/<student>.md. A rerun skips students already "
    "graded unless --force."
)
BUILD_DESCRIPTION = (
    "Write student/<lab>.py (solution regions -> XXXX), the frozen expected values of the public checks and "
    "the example class's reference and stub submissions, all from solutions/. With --release, also write "
    "what students receive."
)
SEED_HELP = f"seed for random, numpy and torch, set before every check (default {DEFAULT_SEED})"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mllabs", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(title="commands", required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="run the public checks on your lab files", description=CHECK_DESCRIPTION)
    check.add_argument("labs", nargs="*", metavar="LAB", help="labs to check (default: all)")
    check.add_argument("--path", type=Path, help="folder holding your lab files (default: the kit's student/)")
    check.add_argument("--seed", type=int, default=DEFAULT_SEED, help=SEED_HELP)
    check.set_defaults(command=_check, command_name="check")

    grade = commands.add_parser("grade", help="grade a folder of submissions", description=GRADE_DESCRIPTION)
    submissions_help = "folder of submissions (default: the kit's example class, examples/submissions)"
    grade.add_argument("submissions", nargs="?", type=Path, default=EXAMPLES_DIR, help=submissions_help)
    grade.add_argument("--out", type=Path, default=DEFAULT_OUTPUT_DIR, help="output folder (default: %(default)s)")
    grade.add_argument("--jobs", "-j", type=int, default=os.cpu_count(), help="parallel workers (default: every core)")
    grade.add_argument("--force", action="store_true", help="regrade students that already have results")
    grade.add_argument("--lab", dest="labs", action="append", metavar="LAB", help="grade only this lab (repeatable)")
    grade.add_argument("--seed", type=int, default=DEFAULT_SEED, help=SEED_HELP)
    grade.set_defaults(command=_grade, command_name="grade")

    build = commands.add_parser("build", help="regenerate student/ from solutions/", description=BUILD_DESCRIPTION)
    build.add_argument("--check", action="store_true", help="write nothing; exit 1 if anything is out of date")
    release_help = "also write the student release (no solutions, no hidden checks) to DIR and DIR.zip"
    build.add_argument("--release", type=Path, metavar="DIR", help=release_help)
    build.set_defaults(command=_build, command_name="build")
    return parser


def _check(args: argparse.Namespace) -> int:
    from .checks import all_labs
    from .reporters import format_report
    from .sandbox.isolation import detect_isolation
    from .selfcheck import run_check

    isolation = detect_isolation()
    _say_isolation(isolation)
    report = run_check(labs=args.labs or None, path=args.path, seed=args.seed)
    titles = {name: lab.title for name, lab in all_labs().items()}
    print(format_report(report, titles, total_label="Public total"))
    all_passed = report.results and report.score == report.max_score
    print("All public checks pass." if all_passed else "Some checks do not pass yet: see the messages above.")
    return 0 if all_passed else 1


def _grade(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .batch import run_grade
    from .sandbox.isolation import detect_isolation

    _say_isolation(detect_isolation())

    class Progress:
        def __init__(self, total: int):
            self.bar = tqdm(total=total, unit="submission", file=sys.stderr, disable=None)

        def update(self, report) -> None:
            self.bar.set_postfix_str(f"{report.student}: {report.score:g}/{report.max_score:g}")
            self.bar.update()

    summary = run_grade(submissions=args.submissions, output=args.out, jobs=args.jobs, force=args.force,
                        labs=args.labs, seed=args.seed, progress=Progress)  # fmt: skip
    for report in summary.graded:
        note = f"  ({report.error})" if report.error else ""
        print(f"{report.student:<24} {report.score:>6g} / {report.max_score:g}{note}")
    if summary.skipped:
        print(f"skipped {len(summary.skipped)} already graded (use --force to regrade)")
    written = ["grades.csv", "answers.csv", "results/", "feedback/"]
    print(f"wrote {', '.join(str(summary.output / name) for name in written)}")
    return 0


def _build(args: argparse.Namespace) -> int:
    from .build import run_build

    report = run_build(check=args.check, release=args.release)
    if args.check:
        print("student/ and the frozen values are up to date with solutions/.")
    for path in report.written:
        print(f"wrote {path.relative_to(KIT_ROOT)}")
    if args.release:
        print(f"wrote the student release to {args.release} and {args.release}.zip")
    return 0


def _say_isolation(isolation) -> None:
    print(f"isolation: {isolation.description}", file=sys.stderr)
    if isolation.warning:
        print(f"warning: {isolation.warning}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
