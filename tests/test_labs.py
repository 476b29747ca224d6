"""Every lab's checks: the reference earns every point, the stub none, and plausible mistakes lose points."""

from __future__ import annotations

import pytest
from conftest import grade

from mllabs.checks import all_labs
from mllabs.kit import SOLUTIONS_DIR, STUDENT_DIR
from mllabs.records import Outcome

LABS = list(all_labs())


@pytest.mark.parametrize("lab", LABS)
def test_reference_earns_full_marks_on_public_and_hidden_checks(lab):
    report = grade(SOLUTIONS_DIR, [lab])
    failures = [(r.name, r.outcome.value, r.message) for r in report.results if r.outcome is not Outcome.PASSED]
    assert failures == []
    assert report.score == report.max_score > 0


@pytest.mark.parametrize("lab", LABS)
def test_stub_earns_nothing_and_every_check_says_not_implemented(lab):
    report = grade(STUDENT_DIR, [lab])
    assert report.score == 0
    assert {r.outcome for r in report.results} == {Outcome.NOT_IMPLEMENTED}


def _lost(report) -> set[str]:
    return {r.name for r in report.results if r.outcome is not Outcome.PASSED}


def test_perceptron_with_a_non_strict_threshold_loses_points(solution_copy):
    folder = solution_copy(
        "perceptron",
        ("return (scores > 0).astype(int)", "return (scores >= 0).astype(int)"),
        ("error = y - (1 if x @ weights + bias > 0 else 0)", "error = y - (1 if x @ weights + bias >= 0 else 0)"),
    )
    lost = _lost(grade(folder, ["perceptron"]))
    assert "predict follows the strict threshold" in lost
    assert "and trained weights" in lost


def test_perceptron_counting_epochs_without_the_clean_pass_loses_points(solution_copy):
    folder = solution_copy("perceptron", ("return weights, float(bias), epochs, converged",
                                          "return weights, float(bias), epochs - converged, converged"))  # fmt: skip
    lost = _lost(grade(folder, ["perceptron"]))
    assert {"and converges in the expected epochs", "other truth tables in other orders"} <= lost


def test_perceptron_with_a_wrong_xor_answer_loses_the_answer_point(solution_copy):
    folder = solution_copy("perceptron", ("return XOR_CHOICES[1]  # SOLUTION", "return XOR_CHOICES[0]"))
    assert _lost(grade(folder, ["perceptron"])) == {"xor answer"}


def test_rnn_concatenating_hidden_before_input_loses_the_computation_points(solution_copy):
    folder = solution_copy("rnn", ("torch.cat((input, hidden), 1)", "torch.cat((hidden, input), 1)"))
    report = grade(folder, ["rnn"])
    lost = _lost(report)
    assert {"computes the cell on given weights", "matches the reference on its own weights"} <= lost
    assert "linear layers have the right shapes" not in lost


def test_rnn_without_log_softmax_loses_points(solution_copy):
    folder = solution_copy("rnn", ("output = self.softmax(self.i2o(combined))", "output = self.i2o(combined)"))
    assert "outputs are log probabilities" in _lost(grade(folder, ["rnn"]))


def test_attention_without_softmax_or_with_mean_pooling_loses_points(solution_copy):
    no_softmax = solution_copy("attention", ("return torch.softmax(scores, dim=1)  # SOLUTION", "return scores"))
    assert "weights are a distribution over the sequence" in _lost(grade(no_softmax, ["attention"], hidden=False))


def test_attention_with_a_frozen_context_vector_loses_the_trainability_point(solution_copy):
    parameter = "self.context = nn.Parameter(torch.randn(nvecs) / math.sqrt(nvecs))"
    buffer = "self.register_buffer('context', torch.randn(nvecs) / math.sqrt(nvecs))"
    folder = solution_copy("attention", (parameter, buffer))
    lost = _lost(grade(folder, ["attention"]))
    assert "context vector is trainable" in lost
