"""Turn what a student handed in (a folder, a zip, notebooks) into a clean folder of lab modules.

Every submission is staged into a private folder before grading: the lab files are found wherever they
sit (``alice.zip`` may hold ``alice/lab/perceptron.py``), notebooks are converted to modules, and nothing
the student sent is ever modified. A broken zip or notebook raises ``SubmissionError`` with text meant
for the student.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Iterable
from pathlib import Path

from .errors import SubmissionError

MAX_UNZIPPED_BYTES = 50 << 20
MAX_ZIP_MEMBERS = 2000
MAX_SEARCH_DEPTH = 6
SKIPPED_DIRS = {"__MACOSX", "__pycache__", ".git", ".ipynb_checkpoints"}


def student_name(entry: Path) -> str:
    """The student's name for a submission entry: the folder or zip name, made safe for file names."""
    name = entry.name[: -len(".zip")] if entry.name.lower().endswith(".zip") else entry.name
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name) or "unnamed"


def find_submissions(folder: Path) -> list[Path]:
    """The submissions in a batch folder: each sub-folder and each ``.zip``, sorted by name."""
    if not folder.is_dir():
        raise SubmissionError(f"{folder} is not a folder of submissions")
    return sorted(
        entry
        for entry in folder.iterdir()
        if not entry.name.startswith(".") and (entry.is_dir() or entry.name.lower().endswith(".zip"))
    )


def stage(entry: Path, modules: Iterable[str], staging: Path) -> dict[str, str]:
    """Copy the submission's lab modules into ``staging``; return {module: why it is missing}."""
    staging.mkdir(parents=True, exist_ok=True)
    source = entry
    if entry.is_file():
        source = staging.parent / f"{staging.name}-unzipped"
        _safe_unzip(entry, source)
    missing = {}
    for module in modules:
        found = _find_module(source, module)
        if found is None:
            missing[module] = f"no {module}.py (or {module}.ipynb) in the submission"
            continue
        for sibling in found.parent.glob("*.py"):  # the student's own helper modules
            if _is_own_file(sibling, source) and not (staging / sibling.name).exists():
                shutil.copyfile(sibling, staging / sibling.name)
        if found.suffix == ".ipynb":
            try:
                (staging / f"{module}.py").write_text(notebook_to_module(found), encoding="utf-8")
            except SubmissionError as exc:
                missing[module] = str(exc)
    return missing


def notebook_to_module(path: Path) -> str:
    """The code cells of a notebook as one module; IPython magics and shell lines become comments."""
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise SubmissionError(f"{path.name} is not a text file (expected a Jupyter notebook)") from None
    except json.JSONDecodeError as exc:
        raise SubmissionError(
            f"{path.name} is not a valid notebook: bad JSON at line {exc.lineno} ({exc.msg})"
        ) from None
    cells = notebook.get("cells") if isinstance(notebook, dict) else None
    if not isinstance(cells, list):
        raise SubmissionError(f"{path.name} is not a valid notebook: it has no list of cells")
    chunks = []
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        lines = [f"# {line}" if line.lstrip().startswith(("%", "!")) else line for line in text.splitlines()]
        chunks.append("\n".join(lines))
    return "\n\n".join(chunks) + "\n"


def _find_module(root: Path, module: str) -> Path | None:
    """The shallowest ``<module>.py`` under ``root`` (else ``<module>.ipynb``)."""
    for suffix in (".py", ".ipynb"):
        for depth in range(MAX_SEARCH_DEPTH):
            candidates = sorted(
                path
                for path in root.glob("/".join(["*"] * depth + [module + suffix]))
                if not SKIPPED_DIRS.intersection(path.relative_to(root).parts) and _is_own_file(path, root)
            )
            if candidates:
                return candidates[0]
    return None


def _is_own_file(path: Path, root: Path) -> bool:
    """A regular file inside the submission: a symlink could smuggle in the grader's own files."""
    return path.is_file() and not path.is_symlink() and path.resolve().is_relative_to(root.resolve())


def _safe_unzip(archive: Path, destination: Path) -> None:
    try:
        with zipfile.ZipFile(archive) as bundle:
            members = bundle.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise SubmissionError(f"{archive.name} holds {len(members)} files; the limit is {MAX_ZIP_MEMBERS}")
            if sum(member.file_size for member in members) > MAX_UNZIPPED_BYTES:
                raise SubmissionError(f"{archive.name} unpacks to more than {MAX_UNZIPPED_BYTES >> 20} MB")
            for member in members:
                parts = Path(member.filename).parts
                if member.filename.startswith(("/", "\\")) or ".." in parts:
                    raise SubmissionError(f"{archive.name} holds an unsafe path: {member.filename}")
            bundle.extractall(destination)
    except zipfile.BadZipFile:
        raise SubmissionError(
            f"{archive.name} is not a valid zip file (it may be truncated); please re-upload it"
        ) from None
