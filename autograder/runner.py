"""Run a lab's checks against one submission and turn every way a check can end into a record.

The submission's code runs in one sandboxed child per submission (see ``sandbox``); the checks run here,
in the grader's process, and only see plain data. A timeout or a crash costs the check in progress; the
next check gets a fresh child.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from .checks import Check, CheckContext, Lab
from .errors import (
    BadData,
    CheckFailed,
    KitError,
    SubmissionDied,
    SubmissionError,
    SubmissionRaised,
    SubmissionTimeout,
)
from .kit import DATA_DIR, DEFAULT_SEED
from .records import CheckResult, Outcome, SubmissionReport
from .sandbox.isolation import Limits, detect_isolation
from .sandbox.session import Session
from .submissions import stage


def grade_entry(student: str, entry: Path, labs: list[Lab], *, include_hidden: bool,
                seed: int = DEFAULT_SEED) -> SubmissionReport:  # fmt: skip
    """Stage a submission (folder or zip) and grade it; a broken one gets a report with its error."""
    with tempfile.TemporaryDirectory(prefix="mllabs-stage-") as tmp:
        staging = Path(tmp) / "submission"
        try:
            missing = stage(entry, [lab.module for lab in labs], staging)
        except SubmissionError as exc:
            report = SubmissionReport(student=student, isolation=detect_isolation().level, error=str(exc))
            for lab in labs:
                report.results += missing_lab_results(lab, str(exc), include_hidden=include_hidden)
            return report
        present = [lab for lab in labs if lab.module not in missing]
        report = grade_submission(student, staging, present, include_hidden=include_hidden, seed=seed)
    for lab in labs:
        if lab.module in missing:
            report.results += missing_lab_results(lab, missing[lab.module], include_hidden=include_hidden)
    order = {lab.name: index for index, lab in enumerate(labs)}
    report.results.sort(key=lambda result: order[result.lab])
    return report


def grade_submission(
    student: str,
    submission_dir: Path,
    labs: Iterable[Lab],
    *,
    include_hidden: bool,
    seed: int = DEFAULT_SEED,
    limits: Limits | None = None,
) -> SubmissionReport:
    """Run the checks of ``labs`` (public ones only unless ``include_hidden``) on one submission."""
    started = time.monotonic()
    isolation = detect_isolation()
    report = SubmissionReport(student=student, isolation=isolation.level)
    with Session(submission_dir, DATA_DIR, limits=limits, isolation=isolation) as session:
        for lab in labs:
            failed_imports: dict[str, Exception] = {}
            for check in lab.checks:
                if include_hidden or not check.hidden:
                    report.results.append(_run_check(check, lab, session, failed_imports, seed))
    report.duration = time.monotonic() - started
    return report


def missing_lab_results(lab: Lab, reason: str, *, include_hidden: bool) -> list[CheckResult]:
    """Zero-point records for every check of a lab that could not run at all (e.g. its file is missing)."""
    return [
        CheckResult(lab.name, check.question, check.name, 0.0, check.points, Outcome.ERROR, reason, 0.0, check.hidden)
        for check in lab.checks
        if include_hidden or not check.hidden
    ]


def _run_check(check: Check, lab: Lab, session: Session, failed_imports: dict, seed: int) -> CheckResult:
    started = time.monotonic()
    session.deadline = started + check.timeout
    outcome, message = Outcome.PASSED, ""
    ctx = CheckContext(check, lab, session, failed_imports)
    try:
        session.seed(seed)
        check.function(ctx)
    except CheckFailed as exc:
        outcome, message = Outcome.FAILED, str(exc)
    except SubmissionRaised as exc:
        if exc.not_implemented:
            outcome, message = Outcome.NOT_IMPLEMENTED, "not implemented yet (the code still has XXXX)"
        else:
            outcome, message = Outcome.ERROR, f"your code raised {exc}"
    except SubmissionTimeout:
        outcome, message = Outcome.TIMEOUT, f"took longer than {check.timeout:g} s and was stopped"
    except (SubmissionDied, BadData) as exc:
        outcome, message = Outcome.ERROR, str(exc)
    except KitError as exc:
        outcome, message = Outcome.ERROR, f"the check could not run: {exc}"
    except Exception as exc:  # noqa: BLE001 - a check's own bug must cost one check, not the batch
        outcome, message = Outcome.ERROR, f"the check could not judge the answer ({type(exc).__name__}: {exc})"
    finally:
        session.deadline = float("inf")
    _forget_handles(session)
    points = check.points if outcome is Outcome.PASSED else 0.0
    duration = round(time.monotonic() - started, 3)
    return CheckResult(lab.name, check.question, check.name, points, check.points, outcome, message, duration,
                       check.hidden, ctx.answer)  # fmt: skip


def _forget_handles(session: Session) -> None:
    """Let the child free what the check created; a child too broken to answer is restarted later."""
    if session.alive:
        session.deadline = time.monotonic() + 5
        try:
            session.request({"op": "reset"})
        except (SubmissionTimeout, SubmissionDied, BadData, SubmissionRaised):
            session.close()
        finally:
            session.deadline = float("inf")
