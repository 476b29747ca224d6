"""``mllabs grade``: grade a folder of submissions in parallel, resumably, into files an instructor uses.

Output folder layout::

    grades.csv                  a row per student, a column per question, total
    answers.csv                 the free-text answers the checks collected, for manual reading
    results/<student>.json      Gradescope's results.json (the full record in ``extra_data``)
    feedback/<student>.md       readable feedback for the student

A rerun skips students whose ``results/<student>.json`` exists (unless ``force``) and rebuilds
``grades.csv`` from every results file. Each submission is graded in its own worker process; inside it,
the submission's code runs in a sandboxed child. Whatever one submission does, the batch finishes.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from .checks import all_labs
from .kit import DEFAULT_SEED
from .records import SubmissionReport
from .reporters import feedback_markdown, gradescope_results, read_report, write_answers_csv, write_grades_csv
from .runner import grade_entry
from .selfcheck import select_labs
from .submissions import find_submissions, student_name


@dataclass
class BatchSummary:
    graded: list[SubmissionReport]
    skipped: list[str]
    output: Path


def run_grade(
    *,
    submissions: Path,
    output: Path,
    jobs: int | None = None,
    force: bool = False,
    labs: list[str] | None = None,
    seed: int = DEFAULT_SEED,
    progress: Callable[[int], object] | None = None,
) -> BatchSummary:
    """Grade every submission in ``submissions`` (public and hidden checks) into ``output``.

    ``progress``, when given, is called with the total once and then receives each finished report.
    """
    lab_names = [lab.name for lab in select_labs(labs)]
    entries = {student_name(entry): entry for entry in find_submissions(submissions)}
    results_dir, feedback_dir = output / "results", output / "feedback"
    results_dir.mkdir(parents=True, exist_ok=True)
    feedback_dir.mkdir(parents=True, exist_ok=True)
    todo = {name: entry for name, entry in entries.items() if force or not (results_dir / f"{name}.json").is_file()}
    skipped = sorted(set(entries) - set(todo))
    titles = {name: lab.title for name, lab in all_labs().items()}
    graded = []
    tracker = progress(len(todo)) if progress else None
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo) or 1))
    context = multiprocessing.get_context("spawn")  # workers never inherit the parent's threads or state
    with (
        _threads_per_worker(max(1, (os.cpu_count() or 1) // workers)),
        ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool,
    ):
        futures = {pool.submit(_grade_one, name, str(entry), lab_names, seed): name for name, entry in todo.items()}
        for future in as_completed(futures):
            report = _report_or_error(future, futures[future])
            (results_dir / f"{report.student}.json").write_text(json.dumps(gradescope_results(report), indent=1))
            (feedback_dir / f"{report.student}.md").write_text(feedback_markdown(report, titles))
            graded.append(report)
            if tracker is not None:
                tracker.update(report)
    reports = [read_report(results_dir / f"{name}.json") for name in sorted(entries)]
    write_grades_csv(output / "grades.csv", reports)
    write_answers_csv(output / "answers.csv", reports)
    return BatchSummary(sorted(graded, key=lambda r: r.student), skipped, output)


@contextlib.contextmanager
def _threads_per_worker(threads: int):
    """Cap the math libraries' threads in the workers (spawned with this environment): cores are shared
    between submissions, and oversubscribed BLAS/OpenMP threads slow everything down."""
    names = ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS")
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update({name: str(threads) for name in names})
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _grade_one(student: str, entry: str, lab_names: list[str], seed: int) -> dict:
    """Worker: grade one submission (the sandbox keeps its code in a child of this worker)."""
    labs = select_labs(lab_names)
    return grade_entry(student, Path(entry), labs, include_hidden=True, seed=seed).to_dict()


def _report_or_error(future, student: str) -> SubmissionReport:
    try:
        return SubmissionReport.from_dict(future.result())
    except Exception as exc:  # noqa: BLE001 - a grader bug on one submission must not stop the batch
        return SubmissionReport(student=student, error=f"internal grader error, please report it: {exc!r}")
