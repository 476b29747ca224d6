"""The kit's exceptions. Each carries user-facing text; ``cli.main`` turns them into exit codes."""

from __future__ import annotations


class KitError(Exception):
    """Base of every error the kit reports to a user (exit code 2 unless a subclass says otherwise)."""

    exit_code = 2


class UsageError(KitError):
    """The command line or the kit's layout is not what the command needs."""


class StaleBuildError(KitError):
    """``student/`` or the frozen expected values do not match ``solutions/``."""

    exit_code = 1


class SubmissionError(KitError):
    """A submission cannot be graded as given (broken zip, bad notebook, missing lab file...)."""


class ReferenceUnavailable(KitError):
    """A check needs the reference solutions, which are not in this copy of the kit (a student release)."""


# --- raised inside a check; the runner maps each to an outcome ------------------------------------


class CheckFailed(Exception):
    """The submission answered, and the answer is wrong. The message is shown to the student."""


class SubmissionRaised(Exception):
    """The submission's code raised. ``not_implemented`` is True for the ``XXXX`` placeholder's NameError."""

    def __init__(self, exc_type: str, message: str, where: str, *, not_implemented: bool = False):
        location = f" ({where})" if where else ""
        super().__init__(f"{exc_type}: {message}{location}")
        self.exc_type = exc_type  # the exception's class name, e.g. "ValueError"
        self.not_implemented = not_implemented


class SubmissionTimeout(Exception):
    """The submission's code ran past the check's time limit; its process was killed."""


class SubmissionDied(Exception):
    """The submission's process ended (a crash, ``os._exit``, a resource limit) while a check ran."""


class BadData(Exception):
    """The submission sent back something that is not plain data of the expected form."""
