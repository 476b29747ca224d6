"""``mllabs build``: derive everything that comes from ``solutions/``, or check that it is up to date.

From the single source ``solutions/<lab>.py`` the build writes:
- ``student/<lab>.py``: the stub, solution regions replaced by ``XXXX`` (see ``regions``);
- ``examples/submissions/{ada_reference,bruno_untouched_stub}/``: the example class's full-marks and
  untouched submissions, so the example class always matches the labs;
- ``autograder/frozen/<lab>.json``: the expected values public checks compare against, computed by
  running the reference now, so that public checks work in a release that has no solutions;
- with ``release``: the folder (and zip) an instructor hands to students: stubs, engine, public checks,
  frozen values and data; no solution, no hidden check.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from .checks import all_labs
from .errors import StaleBuildError, UsageError
from .kit import DATA_DIR, EXAMPLES_DIR, FROZEN_DIR, KIT_ROOT, LABS_DIR, PACKAGE_DIR, SOLUTIONS_DIR, STUDENT_DIR
from .regions import has_markers, make_stub, strip_hidden

REFERENCE_EXAMPLE = "ada_reference"
STUB_EXAMPLE = "bruno_untouched_stub"

RELEASE_README = """# {title}: student release

Your lab files are in `student/`. Replace every `XXXX` with your code (each function's docstring states
its exact convention), then check your work:

    pip install torch==2.13.0   # or any recent CPU build of PyTorch
    pip install -e .
    mllabs check                # every lab; `mllabs check perceptron` for one

`mllabs check` runs the public checks in a sandbox and prints a table per question. Your instructor
also runs hidden checks on other inputs, so make your code right, not just green. Run a lab on its own
with `python student/<lab>.py`.
"""


@dataclass
class BuildReport:
    """What the build wrote (or, with ``check``, what is stale)."""

    written: list[Path] = field(default_factory=list)
    stale: list[Path] = field(default_factory=list)


def run_build(*, check: bool = False, release: Path | None = None) -> BuildReport:
    """Regenerate stubs and frozen values; with ``check``, only report what is stale (raises if any)."""
    if not SOLUTIONS_DIR.is_dir():
        raise UsageError(f"no solutions/ folder at {SOLUTIONS_DIR}: `build` runs in the kit's repository")
    report = BuildReport()
    for path, content in _derived_files().items():
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == content:
            continue
        if check:
            report.stale.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(content, encoding="utf-8")
            report.written.append(path)
    if report.stale:
        names = ", ".join(str(p.relative_to(KIT_ROOT)) for p in report.stale)
        raise StaleBuildError(f"out of date with solutions/: {names}. Run `mllabs build` and commit the result.")
    if release is not None:
        write_release(release)
    return report


def _derived_files() -> dict[Path, str]:
    files = {}
    for solution in sorted(SOLUTIONS_DIR.glob("*.py")):
        source = solution.read_text(encoding="utf-8")
        stub = make_stub(source, str(solution))
        files[STUDENT_DIR / solution.name] = stub
        files[EXAMPLES_DIR / REFERENCE_EXAMPLE / solution.name] = source
        files[EXAMPLES_DIR / STUB_EXAMPLE / solution.name] = stub
    for lab in all_labs().values():
        if lab.frozen_values:
            text = json.dumps(lab.compute_frozen(), indent=1, sort_keys=True) + "\n"
            files[FROZEN_DIR / f"{lab.name}.json"] = text
    return files


def write_release(destination: Path) -> Path:
    """Write the student release folder at ``destination`` and a zip beside it; returns the zip's path."""
    destination = Path(destination).resolve()
    kit_folders = {KIT_ROOT / name for name in ("student", "solutions", "autograder", "data", "tests")}
    if destination == KIT_ROOT or destination in KIT_ROOT.parents or destination in kit_folders:
        raise UsageError(f"refusing to write a release into the kit itself ({destination})")
    if destination.exists():
        shutil.rmtree(destination)
    shutil.copytree(STUDENT_DIR, destination / "student", ignore=_IGNORED)
    shutil.copytree(DATA_DIR, destination / "data", ignore=_IGNORED)
    shutil.copytree(PACKAGE_DIR, destination / "autograder", ignore=_IGNORED)
    for checks_module in LABS_DIR.glob("*.py"):
        released = destination / "autograder" / "labs" / checks_module.name
        released.write_text(strip_hidden(checks_module.read_text(encoding="utf-8"), str(checks_module)))
    shutil.copy2(KIT_ROOT / "pyproject.toml", destination / "pyproject.toml")
    (destination / "README.md").write_text(RELEASE_README.format(title="mllabs"), encoding="utf-8")
    _assert_clean_release(destination)
    return Path(shutil.make_archive(str(destination), "zip", destination.parent, destination.name))


_IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")


def _assert_clean_release(destination: Path) -> None:
    """No solution region in the stubs, no hidden region in the checks (regions.py names the markers)."""
    for path in [*destination.glob("student/*.py"), *destination.glob("autograder/labs/*.py")]:
        if has_markers(path.read_text(encoding="utf-8")):
            raise StaleBuildError(f"the release would hold a solution or hidden region: {path}")
