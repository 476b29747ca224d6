"""Plain result records: what a grading run produces. They serialise to JSON and back losslessly.

The core never prints; reporters (``mllabs.reporters``) turn these records into tables, CSV, Gradescope
JSON and feedback files.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field


class Outcome(str, enum.Enum):
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    TIMEOUT = "timeout"
    NOT_IMPLEMENTED = "not-implemented"


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check on one submission."""

    lab: str
    question: str
    name: str
    points: float
    max_points: float
    outcome: Outcome
    message: str
    duration: float
    hidden: bool
    answer: str = ""  # a free-text answer the check collected for manual reading

    def to_dict(self) -> dict:
        return {**dataclasses.asdict(self), "outcome": self.outcome.value}

    @classmethod
    def from_dict(cls, data: dict) -> CheckResult:
        return cls(**{**data, "outcome": Outcome(data["outcome"])})


@dataclass
class SubmissionReport:
    """Every check result of one submission, plus what went wrong before any check could run."""

    student: str
    results: list[CheckResult] = field(default_factory=list)
    isolation: str = ""
    error: str | None = None
    duration: float = 0.0

    @property
    def score(self) -> float:
        return sum(result.points for result in self.results)

    @property
    def max_score(self) -> float:
        return sum(result.max_points for result in self.results)

    def question_scores(self) -> dict[tuple[str, str], tuple[float, float]]:
        """(lab, question) -> (points, max points), in check order."""
        scores: dict[tuple[str, str], tuple[float, float]] = {}
        for result in self.results:
            points, maximum = scores.get((result.lab, result.question), (0.0, 0.0))
            scores[(result.lab, result.question)] = (points + result.points, maximum + result.max_points)
        return scores

    def to_dict(self) -> dict:
        return {
            "student": self.student,
            "results": [result.to_dict() for result in self.results],
            "isolation": self.isolation,
            "error": self.error,
            "duration": self.duration,
        }

    @classmethod
    def from_dict(cls, data: dict) -> SubmissionReport:
        return cls(
            student=data["student"],
            results=[CheckResult.from_dict(result) for result in data["results"]],
            isolation=data.get("isolation", ""),
            error=data.get("error"),
            duration=data.get("duration", 0.0),
        )
