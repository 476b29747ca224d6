"""``grade`` on the example class: the reference gets full marks, every cheat gets nothing, the batch finishes."""

from __future__ import annotations

import csv
import json

import pytest

from mllabs.batch import run_grade
from mllabs.kit import EXAMPLES_DIR
from mllabs.records import Outcome
from mllabs.reporters import read_report

CHEATS = ["gina_always_equal", "hugo_monkeypatch", "iris_steals_solutions", "jules_writes_results", "farid_os_exit"]


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    output = tmp_path_factory.mktemp("grading")
    summary = run_grade(submissions=EXAMPLES_DIR, output=output, jobs=2)
    return output, {report.student: report for report in summary.graded}


def test_every_submission_gets_a_row_and_files(graded):
    output, reports = graded
    names = {path.name.removesuffix(".zip") for path in EXAMPLES_DIR.iterdir()}
    assert set(reports) == names
    with (output / "grades.csv").open() as stream:
        rows = {row["student"]: row for row in csv.DictReader(stream)}
    assert set(rows) == names
    for name in names:
        results = json.loads((output / "results" / f"{name}.json").read_text())
        assert results["score"] == reports[name].score and results["tests"]
        assert (output / "feedback" / f"{name}.md").read_text().startswith(f"# Feedback for {name}")


def test_reference_gets_full_marks_and_stub_nothing(graded):
    _, reports = graded
    assert reports["ada_reference"].score == reports["ada_reference"].max_score > 0
    stub = reports["bruno_untouched_stub"]
    assert stub.score == 0 and {r.outcome for r in stub.results} == {Outcome.NOT_IMPLEMENTED}


def test_partial_work_gets_partial_credit(graded):
    _, reports = graded
    partial = reports["chloe_partial"]
    assert 0 < partial.score < partial.max_score
    lost = {r.name for r in partial.results if r.points == 0}
    assert "xor answer" in lost and "computes attention on given parameters" in lost


@pytest.mark.parametrize("student", CHEATS)
def test_cheats_earn_no_points(graded, student):
    _, reports = graded
    assert reports[student].score == 0


def test_crashes_loops_and_exits_cost_only_their_checks(graded):
    _, reports = graded
    crash = {r.lab: r.message for r in reports["dmitri_crash_at_import"].results}
    assert "ModuleNotFoundError" in crash["perceptron"] and "RuntimeError" in crash["rnn"]
    loop = {r.name: r for r in reports["elena_infinite_loop"].results}
    assert loop["xor stops at the epoch bound"].outcome is Outcome.TIMEOUT
    assert loop["and trained weights"].outcome is Outcome.PASSED
    exits = [r for r in reports["farid_os_exit"].results if r.lab == "perceptron"]
    assert all(r.outcome is Outcome.ERROR for r in exits)
    assert {
        "the submission's process exited with code 0.",
        "your code raised SystemExit: 0 (perceptron.py, line 15)",
    } == {r.message for r in exits}


def test_broken_zip_and_bad_notebook_get_readable_errors(graded):
    _, reports = graded
    assert "not a valid zip file" in reports["kai_broken_upload"].error
    notebooks = reports["lea_notebooks"]
    perceptron = [r for r in notebooks.results if r.lab == "perceptron"]
    assert all(r.outcome is Outcome.PASSED for r in perceptron)
    assert all("not a valid notebook: bad JSON" in r.message for r in notebooks.results if r.lab == "rnn")


def test_results_files_are_not_forged_from_inside_the_sandbox(graded):
    output, reports = graded
    forged = read_report(output / "results" / "jules_writes_results.json")
    assert forged.score == 0 and forged.results == reports["jules_writes_results"].results
    assert sorted(p.name for p in output.iterdir()) == ["answers.csv", "feedback", "grades.csv", "results"]


def test_rerun_skips_graded_students_unless_forced(graded):
    output, reports = graded
    rerun = run_grade(submissions=EXAMPLES_DIR, output=output, jobs=1)
    assert rerun.graded == [] and set(rerun.skipped) == set(reports)
