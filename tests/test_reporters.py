"""Reporters turn records into a terminal table, grades.csv, answers.csv, Gradescope JSON and feedback."""

from __future__ import annotations

import csv
import json

from mllabs.records import CheckResult, Outcome, SubmissionReport
from mllabs.reporters import (
    feedback_markdown,
    format_report,
    gradescope_results,
    read_report,
    write_answers_csv,
    write_grades_csv,
)


def _report(student: str = "ana", failed_points: float = 0.0) -> SubmissionReport:
    results = [
        CheckResult("perceptron", "Q1", "first", 1.0, 1.0, Outcome.PASSED, "", 0.1, False),
        CheckResult("perceptron", "Q1", "second", failed_points, 2.0, Outcome.FAILED, "a | b: expected 1", 0.2, True),
        CheckResult("spam", "Q2", "why", 1.0, 1.0, Outcome.PASSED, "", 0.1, False, "Because of imbalance."),
    ]
    return SubmissionReport(student=student, results=results, isolation="bubblewrap", duration=1.5)


def test_records_round_trip_through_json():
    report = _report()
    assert SubmissionReport.from_dict(json.loads(json.dumps(report.to_dict()))) == report


def test_terminal_table_shows_questions_checks_and_totals():
    text = format_report(_report(), {"perceptron": "Perceptron"}, total_label="Public total")
    assert "perceptron: Perceptron" in text
    assert "Q1" in text and "1/3" in text
    assert "FAIL" in text and "a | b: expected 1" in text
    assert text.endswith("Public total: 2/4")


def test_gradescope_results_carry_the_full_record(tmp_path):
    results = gradescope_results(_report())
    assert results["score"] == 2 and len(results["tests"]) == 3
    assert results["tests"][1]["visibility"] == "after_published" and results["tests"][0]["status"] == "passed"
    path = tmp_path / "ana.json"
    path.write_text(json.dumps(results))
    assert read_report(path) == _report()


def test_grades_csv_has_a_column_per_question_and_the_total(tmp_path):
    path = tmp_path / "grades.csv"
    write_grades_csv(path, [_report("zoe", failed_points=2.0), _report("ana")])
    rows = list(csv.reader(path.open()))
    assert rows[0] == ["student", "perceptron: Q1 (/3)", "spam: Q2 (/1)", "total", "max", "error"]
    assert rows[1] == ["ana", "1", "1", "2", "4", ""]
    assert rows[2] == ["zoe", "3", "1", "4", "4", ""]


def test_free_text_answers_reach_answers_csv_and_feedback(tmp_path):
    path = tmp_path / "answers.csv"
    write_answers_csv(path, [_report()])
    assert list(csv.reader(path.open()))[1] == ["ana", "spam", "Q2", "why", "Because of imbalance."]
    feedback = feedback_markdown(_report(), {"spam": "Spam"})
    assert "> Because of imbalance." in feedback
    assert "a \\| b: expected 1" in feedback  # table cells stay intact
