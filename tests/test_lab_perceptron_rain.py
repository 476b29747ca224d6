"""The perceptron-on-rain lab: one epoch agrees with scikit-learn's Perceptron, the accuracy thresholds
are calibrated over 20 seeds, and plausible mistakes lose points."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from conftest import grade
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import Perceptron

from mllabs.checks import load_reference
from mllabs.labs import linear_models as linear_checks
from mllabs.labs import perceptron_rain as checks
from mllabs.records import Outcome
from mllabs_data import load_rain

SEEDS = range(20)
MARGIN = 0.05


@pytest.fixture(scope="module")
def reference():
    return load_reference("perceptron_rain")


@pytest.fixture(scope="module")
def data():
    return checks.standardized_data()


def test_one_epoch_is_sklearns_perceptron_in_the_same_order(reference, data):
    """sklearn updates when y * score <= 0 with y in {-1, +1}: the lab's rule, except on a tie at a negative
    sample. The only tie is the first sample (zero weights), so compare runs that start with a positive one."""
    inputs, labels = data
    seeds = [s for s in range(40) if labels[np.random.default_rng(s).permutation(len(labels))[0]] == 1][:3]
    assert len(seeds) == 3
    for seed in seeds:
        order = np.random.default_rng(seed).permutation(len(labels))
        weights, bias, _ = reference.train_perceptron(inputs, labels, 1, seed)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model = Perceptron(eta0=1.0, alpha=0.0, penalty=None, shuffle=False, max_iter=1, tol=None)
            model.fit(inputs[order], labels[order])
        np.testing.assert_allclose(weights, model.coef_[0], rtol=1e-12, atol=1e-12)
        assert bias == model.intercept_[0]


def _training_accuracy(reference, data, seed: int) -> float:
    inputs, labels = data
    weights, bias, _ = reference.train_perceptron(inputs, labels, checks.EPOCHS, seed)
    return reference.accuracy(weights, bias, inputs, labels)


def test_training_accuracy_threshold_is_calibrated_over_seeds(reference, data):
    accuracies = np.array([_training_accuracy(reference, data, seed) for seed in SEEDS])
    assert accuracies.min() >= checks.MIN_TRAINING_ACCURACY + MARGIN, accuracies
    for seed in (checks.SEED, 101, 202):  # the seeds the checks use
        assert _training_accuracy(reference, data, seed) >= checks.MIN_TRAINING_ACCURACY + MARGIN


def test_cross_validation_threshold_is_calibrated_over_seeds(reference, data):
    inputs, labels = data
    means = np.array([reference.cross_validation_accuracies(inputs, labels, checks.FOLDS, checks.EPOCHS, seed).mean()
                      for seed in SEEDS])  # fmt: skip
    assert means.min() >= checks.MIN_CROSS_VALIDATION_ACCURACY + MARGIN, means


def test_thresholds_are_above_the_majority_class_and_unstandardised_inputs(reference, data):
    _, labels = data
    majority = 1 - labels.mean()
    assert majority < checks.MIN_CROSS_VALIDATION_ACCURACY <= checks.MIN_TRAINING_ACCURACY
    raw, _ = linear_checks.rain_tomorrow()
    for seed in range(3):  # the unnormalized-AND lesson: raw pressure (Pa) swamps every update
        weights, bias, _ = reference.train_perceptron(raw, labels, checks.EPOCHS, seed)
        assert reference.accuracy(weights, bias, raw, labels) < checks.MIN_TRAINING_ACCURACY


def test_the_curve_oscillates_and_never_converges(reference, data):
    inputs, labels = data
    _, _, curve = reference.train_perceptron(inputs, labels, checks.EPOCHS, checks.SEED)
    assert curve.max() < 1 and np.any(np.diff(curve) < 0) and np.any(np.diff(curve) > 0)
    assert reference.answer_curve() == reference.CURVE_CHOICES[1]


def test_lab_data_and_settings_match_the_checks(reference):
    inputs, labels = reference.classification_data(load_rain())
    np.testing.assert_allclose(reference.standardize(inputs), checks.standardized_data()[0], rtol=1e-12)
    np.testing.assert_array_equal(labels, checks.standardized_data()[1])
    assert (reference.EPOCHS, reference.FOLDS, reference.SEED) == (checks.EPOCHS, checks.FOLDS, checks.SEED)
    linear_folds = load_reference("linear_models").kfold_indices(53, 4)
    assert all(np.array_equal(a, b) for a, b in zip(reference.kfold_indices(53, 4), linear_folds, strict=True))


def test_main_prints_the_accuracies(reference, capsys, tmp_path):
    reference.main(str(tmp_path / "curve.png"))
    output = capsys.readouterr().out
    assert "training accuracy after 20 epochs" in output and "5-fold accuracies" in output
    assert "saved to" in output or "matplotlib is not installed" in output


def _lost(report) -> set[str]:
    return {r.name for r in report.results if r.outcome is not Outcome.PASSED}


def test_one_permutation_for_all_epochs_loses_the_exact_runs_only(solution_copy):
    epoch_loop = "    for epoch in range(epochs):\n        for n in rng.permutation(len(labels)):"
    once = "    order = rng.permutation(len(labels))\n    for epoch in range(epochs):\n        for n in order:"
    folder = solution_copy("perceptron_rain", (epoch_loop, once))
    lost = _lost(grade(folder, ["perceptron_rain"]))
    assert {"run with the labs seed matches the reference", "fold accuracies match the reference"} <= lost
    assert "training accuracy clears the threshold" not in lost


def test_non_strict_threshold_loses_the_prediction_point(solution_copy):
    folder = solution_copy("perceptron_rain", ("return (scores > 0).astype(int)", "return (scores >= 0).astype(int)"))
    assert "predictions and accuracy of given weights" in _lost(grade(folder, ["perceptron_rain"], hidden=False))


def test_curve_of_running_mistakes_loses_the_curve_point(solution_copy):
    folder = solution_copy(
        "perceptron_rain",
        ("for n in rng.permutation(len(labels)):", "mistakes = 0\n        for n in rng.permutation(len(labels)):"),
        ("                bias += error\n", "                bias += error\n                mistakes += 1\n"),
        ("curve[epoch] = accuracy(weights, bias, inputs, labels)", "curve[epoch] = 1 - mistakes / len(labels)"),
    )  # fmt: skip
    lost = _lost(grade(folder, ["perceptron_rain"]))
    assert {"training curve records every epoch", "run with the labs seed matches the reference"} <= lost


def test_a_converging_curve_answer_loses_the_answer_point(solution_copy):
    folder = solution_copy("perceptron_rain", ("return CURVE_CHOICES[1]  # SOLUTION", "return CURVE_CHOICES[0]"))
    assert _lost(grade(folder, ["perceptron_rain"])) == {"curve answer backed by the curve"}
