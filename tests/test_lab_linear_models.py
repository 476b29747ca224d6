"""The linear-models lab: the reference agrees with scikit-learn, and plausible mistakes lose points."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import grade
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_squared_error
from sklearn.model_selection import KFold

from mllabs.checks import load_reference
from mllabs.labs import linear_models as checks
from mllabs.records import Outcome
from mllabs_data import load_rain


@pytest.fixture(scope="module")
def reference():
    return load_reference("linear_models")


def _sklearn_theta(inputs, targets) -> np.ndarray:
    model = LinearRegression().fit(inputs, targets)
    return np.concatenate([[model.intercept_], model.coef_])


@pytest.mark.parametrize("name", ["date", "pressure", "temperature_pressure"])
def test_regressions_match_sklearn(reference, name):
    inputs, rain = checks.regression_inputs()[name], load_rain().rain
    theta = reference.fit_least_squares(inputs, rain)
    np.testing.assert_allclose(theta, _sklearn_theta(inputs, rain), rtol=1e-8)
    predictions = LinearRegression().fit(inputs, rain).predict(inputs)
    assert reference.squared_error(theta, inputs, rain) == pytest.approx(mean_squared_error(rain, predictions))


def test_classifier_matches_sklearn_on_plus_minus_one_targets(reference):
    inputs, labels = checks.rain_tomorrow()
    theta = reference.fit_linear_classifier(inputs, labels)
    np.testing.assert_allclose(theta, _sklearn_theta(inputs, 2 * labels - 1), rtol=1e-7)
    sklearn_error = np.mean((LinearRegression().fit(inputs, 2 * labels - 1).predict(inputs) > 0) != labels)
    assert reference.classification_error(theta, inputs, labels) == sklearn_error


@pytest.mark.parametrize(("n", "k"), [(11, 3), (2348, 5), (10, 10), (53, 4)])
def test_folds_are_sklearn_kfold_without_shuffling(reference, n, k):
    expected = [test for _, test in KFold(n_splits=k).split(np.zeros(n))]
    folds = reference.kfold_indices(n, k)
    assert len(folds) == k and all(np.array_equal(a, b) for a, b in zip(folds, expected, strict=True))


def test_cross_validation_matches_sklearn(reference):
    inputs, labels = checks.rain_tomorrow()
    expected = []
    for train, test in KFold(n_splits=checks.FOLDS).split(inputs):
        model = LinearRegression().fit(inputs[train], 2 * labels[train] - 1)
        expected.append(np.mean((model.predict(inputs[test]) > 0) != labels[test]))
    np.testing.assert_array_equal(reference.cross_validation_errors(inputs, labels, checks.FOLDS), expected)


def test_relevance_evidence_is_the_unexplained_variance(reference):
    data = load_rain()
    errors = reference.one_input_errors(np.column_stack([data.temperature, data.pressure]), data.rain)
    for error, column in zip(errors, (data.temperature, data.pressure), strict=True):
        assert error == pytest.approx(data.rain.var() * (1 - np.corrcoef(column, data.rain)[0, 1] ** 2))
    assert checks.RELEVANCE_CHOICES[int(np.argmin(errors))] == reference.answer_relevant_input() == "pressure"


def test_checks_send_the_labs_own_classification_data(reference):
    """The checks module builds the pairs itself (public checks cannot run the reference): same data."""
    inputs, labels = reference.classification_data(load_rain())
    expected_inputs, expected_labels = checks.rain_tomorrow()
    np.testing.assert_array_equal(inputs, expected_inputs)
    np.testing.assert_array_equal(labels, expected_labels)
    assert tuple(reference.CLASSIFICATION_COLUMNS) == checks.CLASSIFICATION_COLUMNS
    assert reference.RAIN_THRESHOLD_MM == checks.RAIN_THRESHOLD_MM and reference.FOLDS == checks.FOLDS


def test_main_prints_every_answer(reference, capsys):
    reference.main()
    output = capsys.readouterr().out
    assert "rain = f(temperature, pressure)" in output and "most relevant: pressure" in output
    assert "5-fold errors" in output


def _lost(report) -> set[str]:
    return {r.name for r in report.results if r.outcome is not Outcome.PASSED}


def test_zero_one_targets_lose_the_classifier_points(solution_copy):
    folder = solution_copy("linear_models", ("targets = 2.0 * np.asarray(labels, dtype=float) - 1.0",
                                             "targets = np.asarray(labels, dtype=float)"))  # fmt: skip
    lost = _lost(grade(folder, ["linear_models"]))
    assert {"least squares classifier", "cross validation errors on the rain data"} <= lost
    assert "least squares on the pressure" not in lost


def test_remainder_in_the_last_fold_loses_the_fold_points(solution_copy):
    folder = solution_copy("linear_models", ("folds = [np.arange(starts[j], starts[j + 1]) for j in range(k)]",
                                             "folds = [np.arange(j * (n // k), (j + 1) * (n // k) if j < k - 1 "
                                             "else n) for j in range(k)]"))  # fmt: skip
    lost = _lost(grade(folder, ["linear_models"]))
    assert {"folds are consecutive blocks", "folds for other sizes"} <= lost


def test_summed_squared_error_and_sample_std_lose_points(solution_copy):
    folder = solution_copy(
        "linear_models",
        ("return float(np.mean(residuals**2))", "return float(np.sum(residuals**2))"),
        ("/ inputs.std(axis=0)  # SOLUTION", "/ inputs.std(axis=0, ddof=1)"),
    )
    lost = _lost(grade(folder, ["linear_models"]))
    assert {"squared errors of the three fits", "a random model does worse"} <= lost
    assert "standardized columns have zero mean and unit deviation" in lost
    assert "least squares on the date" not in lost


def test_the_wrong_relevance_answer_loses_only_the_answer(solution_copy):
    folder = solution_copy("linear_models", ('return "pressure"  # SOLUTION', 'return "temperature"'))
    assert _lost(grade(folder, ["linear_models"])) == {"relevance answer backed by the evidence"}
