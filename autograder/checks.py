"""How a lab declares its checks, and what a check sees while it runs.

A lab's checks module (``autograder/labs/<lab>.py``) creates one :class:`Lab` and decorates functions::

    lab = Lab("perceptron", title="Perceptron")

    @lab.frozen
    def and_run(reference):                       # computed from solutions/ at build time, stored in JSON
        return reference.train_perceptron(AND_INPUTS, AND_TARGETS)

    @lab.check("Q1 AND", points=1)
    def converges_in_the_expected_epochs(ctx):    # runs in the grader, talks to the child through ctx
        run = ctx.student.train_perceptron(AND_INPUTS, AND_TARGETS).fetch()
        ctx.equal(run[2], ctx.frozen("and_run")[2], "epochs")

Hidden checks sit between ``# BEGIN HIDDEN`` and ``# END HIDDEN``: the student release drops those lines.
A check passes by returning; it fails through ``ctx`` (or any ``CheckFailed``). Failure messages of a
hidden check never show the expected value.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType

import numpy as np

from .errors import BadData, CheckFailed, ReferenceUnavailable
from .kit import FROZEN_DIR, SOLUTIONS_DIR
from .sandbox.child import decode, encode
from .sandbox.session import Remote, Session

DEFAULT_TIMEOUT = 10.0
MAX_ANSWER_CHARS = 5000


@dataclass(frozen=True)
class Check:
    """One graded check: a function of a :class:`CheckContext`, worth ``points``."""

    lab: str
    question: str
    name: str
    points: float
    hidden: bool
    timeout: float
    function: Callable[[CheckContext], None]


@dataclass
class Lab:
    """A lab: its student module (``<module>.py`` in a submission) and its checks, in order."""

    name: str
    title: str
    module: str = ""
    checks: list[Check] = field(default_factory=list)
    frozen_values: dict[str, Callable[[ModuleType], object]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.module = self.module or self.name

    def check(self, question: str, *, points: float = 1.0, hidden: bool = False,
              timeout: float = DEFAULT_TIMEOUT) -> Callable:  # fmt: skip
        """Register the decorated function as a check of ``question``."""

        def register(function: Callable[[CheckContext], None]) -> Callable[[CheckContext], None]:
            self.checks.append(Check(self.name, question, function.__name__.replace("_", " "), points, hidden,
                                     timeout, function))  # fmt: skip
            return function

        return register

    def frozen(self, function: Callable[[ModuleType], object]) -> Callable[[ModuleType], object]:
        """Register a value computed from the reference module at build time (for public checks)."""
        self.frozen_values[function.__name__] = function
        return function

    @property
    def questions(self) -> list[str]:
        return list(dict.fromkeys(check.question for check in self.checks))

    def compute_frozen(self) -> dict:
        """Run every frozen function on the reference; the result is what ``frozen/<lab>.json`` holds."""
        reference = load_reference(self.module)
        return {name: encode(function(reference)) for name, function in sorted(self.frozen_values.items())}


class CheckContext:
    """What a running check sees: the submission (through the sandbox) and helpers to judge it."""

    def __init__(self, check: Check, lab: Lab, session: Session, failed_imports: dict[str, Exception]):
        self.check = check
        self.lab = lab
        self.session = session
        self._failed_imports = failed_imports
        self.answer = ""

    @property
    def student(self) -> Remote:
        """The submission's module for this lab, imported in the sandbox."""
        return self.module(self.lab.module)

    def module(self, name: str) -> Remote:
        """Any module importable in the sandbox (the submission's, numpy, torch...)."""
        if name in self._failed_imports:
            raise self._failed_imports[name]
        try:
            return self.session.module(name)
        except Exception as exc:
            self._failed_imports[name] = exc
            raise

    def frozen(self, name: str):
        """A value frozen at build time from the reference (see :meth:`Lab.frozen`)."""
        return load_frozen(self.lab.name)[name]

    def reference(self) -> ModuleType:
        """The reference solution module, loaded in the grader (never in the sandbox)."""
        return load_reference(self.lab.module)

    def collect_answer(self, text, what: str = "the answer") -> str:
        """Keep a student's free-text answer for the instructor to read (it lands in ``answers.csv``)."""
        if type(text) is not str:
            raise CheckFailed(f"{what} should be a string, got {_describe(text)}")
        self.answer = text.strip()[:MAX_ANSWER_CHARS]
        return self.answer

    def choice_answer(self, function: str, choices: str):
        """Grade a multiple-choice answer: the student's ``function()`` must return one of the reference
        module's ``choices``, word for word, and the same one as the reference. Returns the answer."""
        reference = self.reference()
        options = getattr(reference, choices)
        answer = getattr(self.student, function)().fetch()
        self.require(
            type(answer) in (str, int, float) and answer in options,
            f"{function}() should return one of {choices}, word for word: {options}",
        )
        self.equal(answer, getattr(reference, function)(), f"{function}()")
        return answer

    # --- judging -----------------------------------------------------------------------------------

    def fail(self, message: str) -> None:
        raise CheckFailed(message)

    def require(self, condition: bool, message: str) -> None:
        if not condition:
            raise CheckFailed(message)

    def array(self, value, what: str, *, shape: tuple[int | None, ...] | None = None) -> np.ndarray:
        """``value`` as a finite float array of the given shape (None = any size), or a failure."""
        try:
            if value is None or isinstance(value, str):
                raise TypeError
            array = np.asarray(value, dtype=float)
        except (TypeError, ValueError):
            raise CheckFailed(f"{what} should be numbers, got {_describe(value)}") from None
        if shape is not None and (
            array.ndim != len(shape)
            or any(want is not None and got != want for got, want in zip(array.shape, shape, strict=True))
        ):
            wanted = "(" + ", ".join("any" if n is None else str(n) for n in shape) + ")"
            raise CheckFailed(f"{what} should have shape {wanted}, got {array.shape}")
        if not np.all(np.isfinite(array)):
            raise CheckFailed(f"{what} contains NaN or infinite values")
        return array

    def number(self, value, what: str) -> float:
        if type(value) not in (int, float, bool) and not (isinstance(value, np.ndarray) and value.size == 1):
            raise CheckFailed(f"{what} should be a number, got {_describe(value)}")
        number = float(np.asarray(value).reshape(()))
        if not math.isfinite(number):
            raise CheckFailed(f"{what} is {number}, not a finite number")
        return number

    def at_least(self, value: float, threshold: float, what: str) -> None:
        """Fail unless ``value >= threshold`` (an accuracy, say); the student's value is always shown."""
        if not value >= threshold:
            self.fail(f"{what} is {value:.3f}, below the threshold {threshold}")

    def close(self, actual, expected, what: str, *, rtol: float = 1e-5, atol: float = 1e-8) -> None:
        """Fail unless ``actual`` matches ``expected`` within the tolerances (elementwise, same shape)."""
        expected = np.asarray(expected, dtype=float)
        actual = self.array(actual, what, shape=expected.shape)
        if not np.allclose(actual, expected, rtol=rtol, atol=atol):
            worst = float(np.max(np.abs(actual - expected)))
            if self.check.hidden:
                self.fail(f"{what} differs from the expected value (largest difference {worst:.3g})")
            self.fail(f"{what}: expected {_show(expected)}, got {_show(actual)}")

    def equal(self, actual, expected, what: str) -> None:
        """Fail unless ``actual == expected`` (plain values: numbers, strings, booleans, lists)."""
        if isinstance(actual, np.ndarray) or isinstance(expected, np.ndarray):
            self.close(actual, expected, what, rtol=0, atol=0)
            return
        if type(actual) is not type(expected) and not (_is_number(actual) and _is_number(expected)):
            self.fail(f"{what} should be a {type(expected).__name__}, got {_describe(actual)}")
        if actual != expected:
            self.fail(f"{what} is wrong" if self.check.hidden else f"{what}: expected {expected!r}, got {actual!r}")


def _is_number(value) -> bool:
    return type(value) in (int, float)


def _describe(value) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    text = repr(value)
    return f"{type(value).__name__} {text[:60]}{'...' if len(text) > 60 else ''}"


def _show(array: np.ndarray) -> str:
    return np.array2string(np.asarray(array), precision=4, threshold=12, separator=", ")


# --- where checks, frozen values and references come from -------------------------------------------


def load_frozen(lab: str) -> dict:
    path = FROZEN_DIR / f"{lab}.json"
    if not path.is_file():
        raise BadData(f"the frozen expected values {path} are missing; run `mllabs build`")
    return {name: decode(value) for name, value in json.loads(path.read_text()).items()}


def load_reference(module: str) -> ModuleType:
    """Import ``solutions/<module>.py`` in this (trusted) process, under a name no submission uses."""
    name = f"mllabs_reference_{module}"
    if name in sys.modules:
        return sys.modules[name]
    path = SOLUTIONS_DIR / f"{module}.py"
    if not path.is_file():
        raise ReferenceUnavailable(
            f"the reference solution {path} is not in this copy of the kit (a student release has none)"
        )
    spec = importlib.util.spec_from_file_location(name, path)
    reference = importlib.util.module_from_spec(spec)
    sys.modules[name] = reference
    spec.loader.exec_module(reference)
    return reference


def all_labs() -> dict[str, Lab]:
    """Every lab whose checks module is in ``mllabs.labs``, by name, in course order."""
    from . import labs

    found = {}
    for module_name in labs.COURSE_ORDER:
        try:
            module = importlib.import_module(f"{labs.__name__}.{module_name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"{labs.__name__}.{module_name}":
                continue
            raise
        found[module.lab.name] = module.lab
    return found
