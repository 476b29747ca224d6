"""``mllabs check``: a student's self-check: the public checks on their lab files, in the sandbox."""

from __future__ import annotations

from pathlib import Path

from .checks import Lab, all_labs
from .errors import UsageError
from .kit import DEFAULT_SEED, STUDENT_DIR
from .records import SubmissionReport
from .runner import grade_entry


def select_labs(names: list[str] | None) -> list[Lab]:
    """The labs named (all of them when ``names`` is empty), in course order."""
    labs = all_labs()
    unknown = [name for name in names or [] if name not in labs]
    if unknown:
        raise UsageError(f"unknown lab(s): {', '.join(unknown)}. Labs: {', '.join(labs)}")
    return [lab for name, lab in labs.items() if not names or name in names]


def run_check(*, labs: list[str] | None = None, path: Path | None = None, seed: int = DEFAULT_SEED) -> SubmissionReport:
    """Run the public checks of ``labs`` on the lab files in ``path`` (default: the kit's ``student/``)."""
    folder = Path(path) if path is not None else STUDENT_DIR
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder; pass the folder holding your lab files with --path")
    return grade_entry(folder.name, folder, select_labs(labs), include_hidden=False, seed=seed)
