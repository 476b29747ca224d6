"""Shared fixtures: the kit's labs, and a grader for folders of lab files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mllabs.checks import all_labs
from mllabs.records import SubmissionReport
from mllabs.runner import grade_entry
from mllabs.sandbox.isolation import detect_isolation

FIXTURES = Path(__file__).parent / "fixtures"

needs_bubblewrap = pytest.mark.skipif(
    detect_isolation().level != "bubblewrap", reason="bubblewrap cannot run here (CI installs it)"
)


def grade(folder: Path, labs: list[str] | None = None, *, hidden: bool = True) -> SubmissionReport:
    """Grade a folder of lab files with the named labs (all by default), hidden checks included."""
    selected = [lab for name, lab in all_labs().items() if labs is None or name in labs]
    return grade_entry(folder.name, folder, selected, include_hidden=hidden)


@pytest.fixture
def submission(tmp_path):
    """Build a submission folder from {file name: source}; returns its path."""

    def make(files: dict[str, str], name: str = "student") -> Path:
        folder = tmp_path / name
        folder.mkdir()
        for file_name, source in files.items():
            (folder / file_name).write_text(source)
        return folder

    return make


@pytest.fixture
def solution_copy(tmp_path):
    """A copy of one reference module, edited by ``replace`` pairs (a plausible wrong implementation)."""
    from mllabs.kit import SOLUTIONS_DIR

    def make(lab: str, *replacements: tuple[str, str]) -> Path:
        folder = tmp_path / f"{lab}-variant"
        folder.mkdir()
        source = (SOLUTIONS_DIR / f"{lab}.py").read_text()
        for old, new in replacements:
            assert old in source, f"{old!r} is not in solutions/{lab}.py"
            source = source.replace(old, new)
        (folder / f"{lab}.py").write_text(source)
        return folder

    return make


@pytest.fixture
def copy_tree(tmp_path):
    def copy(source: Path) -> Path:
        return Path(shutil.copytree(source, tmp_path / source.name))

    return copy
