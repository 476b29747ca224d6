"""mllabs: a graded assignment kit for a machine-learning course (installed from the ``autograder/`` folder).

The public surface: the check-authoring API (``Lab``, ``CheckContext``, ``Tensor``), the records, and
the three commands as functions (``run_check``, ``run_grade``, ``run_build``).
"""

from .batch import run_grade
from .build import run_build
from .checks import CheckContext, Lab
from .records import CheckResult, Outcome, SubmissionReport
from .sandbox.session import Tensor
from .selfcheck import run_check

__all__ = ["CheckContext", "CheckResult", "Lab", "Outcome", "SubmissionReport", "Tensor", "run_build",
           "run_check", "run_grade"]  # fmt: skip
