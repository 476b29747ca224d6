"""The self-check's table: one block per lab, one line per question, one line per check."""

from __future__ import annotations

from itertools import groupby

from ..records import CheckResult, Outcome, SubmissionReport

LABELS = {
    Outcome.PASSED: "ok",
    Outcome.FAILED: "FAIL",
    Outcome.ERROR: "ERROR",
    Outcome.TIMEOUT: "TIMEOUT",
    Outcome.NOT_IMPLEMENTED: "todo",
}
WIDTH = 58


def format_report(report: SubmissionReport, titles: dict[str, str], *, total_label: str = "Total") -> str:
    """The report as text: per lab, per question (points), per check (outcome, points, message)."""
    lines = []
    for lab, lab_results in groupby(report.results, key=lambda r: r.lab):
        lab_results = list(lab_results)
        lines.append(f"{lab}: {titles.get(lab, '')}".rstrip(": "))
        for question, results in groupby(lab_results, key=lambda r: r.question):
            results = list(results)
            points = sum(r.points for r in results)
            maximum = sum(r.max_points for r in results)
            lines.append(f"  {question:<{WIDTH + 10}} {_points(points)}/{_points(maximum)}")
            lines.extend(_check_line(result) for result in results)
        lines.append("")
    lines.append(f"{total_label}: {_points(report.score)}/{_points(report.max_score)}")
    return "\n".join(lines)


def _check_line(result: CheckResult) -> str:
    line = (
        f"    {LABELS[result.outcome]:<8}{result.name:<{WIDTH}} {_points(result.points)}/{_points(result.max_points)}"
    )
    if result.message:
        line += f"\n            {result.message}"
    return line


def _points(value: float) -> str:
    return f"{value:g}"
