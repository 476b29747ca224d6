"""The runner: outcomes, seeds, collected answers, and a broken check costing only itself."""

from __future__ import annotations

import numpy as np

from mllabs.checks import CheckContext, Lab
from mllabs.kit import DATA_DIR
from mllabs.records import Outcome
from mllabs.runner import grade_submission

SUBMISSION = """
import random
import numpy as np

def draw():
    return [random.random(), float(np.random.rand())]

def explain():
    return "Accuracy rewards always answering ham."

def wrong():
    return 41

def slow_import_free():
    return 1
"""


def _lab() -> Lab:
    lab = Lab("toy", title="Toy", module="toy")

    @lab.check("Q1")
    def passes_on_the_right_answer(ctx: CheckContext) -> None:
        ctx.equal(ctx.student.wrong().fetch(), 41, "answer")

    @lab.check("Q2", points=2)
    def collects_the_explanation(ctx: CheckContext) -> None:
        ctx.collect_answer(ctx.student.explain().fetch())

    @lab.check("Q3")
    def wrong_answer_fails_with_both_values(ctx: CheckContext) -> None:
        ctx.equal(ctx.student.wrong().fetch(), 42, "the answer")

    @lab.check("Q3", hidden=True)
    def hidden_failure_hides_the_expected_value(ctx: CheckContext) -> None:
        ctx.equal(ctx.student.wrong().fetch(), 42, "the answer")

    @lab.check("Q4")
    def a_bug_in_a_check_costs_only_that_check(ctx: CheckContext) -> None:
        raise KeyError("oops")

    @lab.check("Q4")
    def missing_function(ctx: CheckContext) -> None:
        ctx.student.does_not_exist()

    return lab


def test_outcomes_points_messages_and_answers(submission):
    folder = submission({"toy.py": SUBMISSION})
    report = grade_submission("toy", folder, [_lab()], include_hidden=True)
    results = {r.name: r for r in report.results}
    assert results["passes on the right answer"].outcome is Outcome.PASSED
    collected = results["collects the explanation"]
    assert collected.points == 2 and collected.answer == "Accuracy rewards always answering ham."
    public = results["wrong answer fails with both values"]
    assert public.outcome is Outcome.FAILED and public.message == "the answer: expected 42, got 41"
    hidden = results["hidden failure hides the expected value"]
    assert hidden.outcome is Outcome.FAILED and "42" not in hidden.message
    assert results["a bug in a check costs only that check"].outcome is Outcome.ERROR
    assert "AttributeError" in results["missing function"].message
    assert report.score == 3 and report.max_score == 7


def test_every_check_starts_from_the_graders_seed(submission):
    folder = submission({"toy.py": SUBMISSION})
    lab = Lab("toy", title="Toy", module="toy")
    draws = []

    for question in ("Q1", "Q2"):

        @lab.check(question)
        def record(ctx: CheckContext) -> None:
            draws.append(ctx.student.draw().fetch())

    grade_submission("toy", folder, [lab], include_hidden=False, seed=5)
    grade_submission("toy", folder, [lab], include_hidden=False, seed=6)
    assert draws[0] == draws[1] != draws[2] == draws[3]
    assert np.all(np.isfinite(draws))


def test_a_module_that_hangs_at_import_times_out_once_not_per_check(submission):
    folder = submission({"toy.py": "while True:\n    pass\n"})
    lab = Lab("toy", title="Toy", module="toy")
    for question in ("Q1", "Q2", "Q3"):

        @lab.check(question, timeout=1.5)
        def calls(ctx: CheckContext) -> None:
            ctx.student.wrong()

    report = grade_submission("toy", folder, [lab], include_hidden=False)
    assert [r.outcome for r in report.results] == [Outcome.TIMEOUT] * 3
    assert report.results[1].duration < 0.5 and report.results[2].duration < 0.5
    assert DATA_DIR.is_dir()
