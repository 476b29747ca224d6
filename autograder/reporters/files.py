"""The files a batch writes: ``grades.csv``, Gradescope ``results.json`` and Markdown feedback."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path

from ..records import Outcome, SubmissionReport
from .terminal import LABELS


def gradescope_results(report: SubmissionReport) -> dict:
    """The report in Gradescope's ``results.json`` format; the full record rides along in ``extra_data``."""
    tests = [
        {
            "name": f"{r.lab} / {r.question} / {r.name}",
            "score": r.points,
            "max_score": r.max_points,
            "status": "passed" if r.outcome is Outcome.PASSED else "failed",
            "output": r.message,
            "visibility": "after_published" if r.hidden else "visible",
        }
        for r in report.results
    ]
    return {
        "score": report.score,
        "output": report.error or f"Graded with isolation: {report.isolation}.",
        "execution_time": round(report.duration),
        "tests": tests,
        "extra_data": {"mllabs_report": report.to_dict()},
    }


def read_report(path: Path) -> SubmissionReport:
    """Read back a report written by :func:`gradescope_results` (how a rerun resumes)."""
    return SubmissionReport.from_dict(json.loads(path.read_text(encoding="utf-8"))["extra_data"]["mllabs_report"])


def write_grades_csv(path: Path, reports: Iterable[SubmissionReport]) -> None:
    """One row per student, one column per (lab, question), then the total, the maximum and any error."""
    reports = sorted(reports, key=lambda report: report.student)
    columns: dict[tuple[str, str], float] = {}
    for report in reports:
        for key, (_, maximum) in report.question_scores().items():
            columns[key] = max(columns.get(key, 0.0), maximum)
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(
            ["student", *(f"{lab}: {q} (/{m:g})" for (lab, q), m in columns.items()), "total", "max", "error"]
        )
        for report in reports:
            scores = report.question_scores()
            row = [f"{scores[key][0]:g}" if key in scores else "0" for key in columns]
            writer.writerow(
                [report.student, *row, f"{report.score:g}", f"{sum(columns.values()):g}", report.error or ""]
            )


def write_answers_csv(path: Path, reports: Iterable[SubmissionReport]) -> None:
    """Every free-text answer the checks collected, one row each, for the instructor to read."""
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(["student", "lab", "question", "check", "answer"])
        for report in sorted(reports, key=lambda report: report.student):
            for r in report.results:
                if r.answer:
                    writer.writerow([report.student, r.lab, r.question, r.name, r.answer])


def feedback_markdown(report: SubmissionReport, titles: dict[str, str]) -> str:
    """A readable feedback file for one student: totals, a table per lab, what to fix."""
    lines = [f"# Feedback for {report.student}", "", f"**Score: {report.score:g} / {report.max_score:g}**", ""]
    if report.error:
        lines += [f"> {report.error}", ""]
    labs = dict.fromkeys(r.lab for r in report.results)
    for lab in labs:
        lines += [f"## {lab}: {titles.get(lab, '')}", "", "| question | check | result | points | details |",
                  "|---|---|---|---|---|"]  # fmt: skip
        for r in (r for r in report.results if r.lab == lab):
            details = r.message.replace("|", "\\|").replace("\n", " ")
            hidden = " (hidden)" if r.hidden else ""
            lines.append(
                f"| {r.question} | {r.name}{hidden} | {LABELS[r.outcome]} | {r.points:g}/{r.max_points:g} | {details} |"
            )
        lines.append("")
        answers = [r for r in report.results if r.lab == lab and r.answer]
        for r in answers:
            lines += [f"**Your answer to {r.question}** (read by your instructor):", "", f"> {r.answer}", ""]
    return "\n".join(lines)
