"""Where the kit's parts live. Every command reads its default paths from here."""

from __future__ import annotations

from pathlib import Path

from mllabs_data import DATA_DIR

PACKAGE_DIR = Path(__file__).resolve().parent
KIT_ROOT = PACKAGE_DIR.parent  # the repository (or release) that holds this package's folder
SOLUTIONS_DIR = KIT_ROOT / "solutions"
STUDENT_DIR = KIT_ROOT / "student"
FROZEN_DIR = PACKAGE_DIR / "frozen"
LABS_DIR = PACKAGE_DIR / "labs"
EXAMPLES_DIR = KIT_ROOT / "examples" / "submissions"
DEFAULT_OUTPUT_DIR = Path("grading-output")
DEFAULT_SEED = 0

__all__ = ["DATA_DIR", "DEFAULT_OUTPUT_DIR", "DEFAULT_SEED", "EXAMPLES_DIR", "FROZEN_DIR", "KIT_ROOT",
           "LABS_DIR", "PACKAGE_DIR", "SOLUTIONS_DIR", "STUDENT_DIR"]  # fmt: skip
