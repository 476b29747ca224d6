"""The GMM lab: EM agrees with scikit-learn's GaussianMixture from the same initialisation, each step with
scipy, the posterior with numerical integration; the accuracy threshold is calibrated over 20 seeds; a
correct implementation with other numerics passes and plausible mistakes lose points."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from conftest import grade
from scipy import integrate, stats
from scipy.special import logsumexp
from sklearn.exceptions import ConvergenceWarning
from sklearn.mixture import GaussianMixture

from mllabs.checks import load_reference
from mllabs.labs import gmm as checks
from mllabs.records import Outcome
from mllabs_data import load_rain

SEEDS = range(20)
ACCURACY_MARGIN = 0.005  # pressure alone says little: the reference's spread over seeds is 0.007


@pytest.fixture(scope="module")
def reference():
    return load_reference("gmm")


@pytest.fixture(scope="module")
def inputs():
    return checks.rain_and_pressure()


@pytest.fixture(scope="module")
def fits(reference, inputs):
    """The reference's fit from every calibration seed: seed -> (weights, means, covariances, log-likelihoods)."""
    return {seed: reference.fit_gmm(inputs, *checks.initial_parameters(inputs, checks.K, seed)) for seed in SEEDS}


def _sklearn_fit(inputs, seed: int) -> GaussianMixture:
    weights, means, covariances = checks.initial_parameters(inputs, checks.K, seed)
    model = GaussianMixture(checks.K, covariance_type="full", reg_covar=checks.REG_COVAR, max_iter=checks.ITERATIONS,
                            tol=0.0, weights_init=weights, means_init=means,
                            precisions_init=np.linalg.inv(covariances))  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return model.fit(inputs)


@pytest.mark.parametrize("seed", [0, 7, 19])
def test_em_matches_sklearn_from_the_same_initialisation(reference, inputs, fits, seed):
    weights, means, covariances, log_likelihoods = fits[seed]
    model = _sklearn_fit(inputs, seed)
    assert reference.e_step(inputs, weights, means, covariances)[1] == pytest.approx(model.score(inputs), rel=1e-9)
    assert log_likelihoods[-1] == pytest.approx(model.lower_bound_, rel=1e-9)
    np.testing.assert_allclose(weights, model.weights_, rtol=1e-6)
    np.testing.assert_allclose(means, model.means_, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(covariances, model.covariances_, rtol=1e-6, atol=1e-9)


def test_e_step_matches_scipy(reference):
    inputs, weights, means, covariances, _ = checks.random_problem(3, 30, 3, 4)
    log_joint = np.column_stack([np.log(w) + stats.multivariate_normal(m, c).logpdf(inputs)
                                 for w, m, c in zip(weights, means, covariances, strict=True)])  # fmt: skip
    responsibilities, log_likelihood = reference.e_step(inputs, weights, means, covariances)
    np.testing.assert_allclose(responsibilities, np.exp(log_joint - logsumexp(log_joint, axis=1, keepdims=True)))
    assert log_likelihood == pytest.approx(logsumexp(log_joint, axis=1).mean(), rel=1e-12)


def test_m_step_is_weighted_mean_and_covariance(reference):
    inputs, _, _, _, responsibilities = checks.random_problem(4, 40, 3, 2)
    weights, means, covariances = reference.m_step(inputs, responsibilities, 0.01)
    np.testing.assert_allclose(weights, responsibilities.mean(axis=0))
    for k in range(2):
        np.testing.assert_allclose(means[k], np.average(inputs, axis=0, weights=responsibilities[:, k]))
        expected = np.cov(inputs, rowvar=False, aweights=responsibilities[:, k], bias=True) + 0.01 * np.eye(3)
        np.testing.assert_allclose(covariances[k], expected)


def test_rain_probability_matches_numerical_integration(reference, fits):
    weights, means, covariances, _ = fits[checks.SEED]
    # the dry component (rain variance 1e-6 at 0 mm) puts no mass above 0.1 mm: integrate the other two
    wet = [k for k in range(checks.K) if k != reference.answer_components()["dry"]]
    for pressure in (1000.0, 1013.0, 1025.0):
        above = 0.0
        for k in wet:
            density = stats.multivariate_normal(means[k], covariances[k])
            mass = integrate.quad(lambda r, d=density, p=pressure: d.pdf([r, p]), checks.RAIN_MM, np.inf)[0]
            above += weights[k] * mass
        marginal = sum(w * stats.norm(m[1], np.sqrt(c[1, 1])).pdf(pressure)
                       for w, m, c in zip(weights, means, covariances, strict=True))  # fmt: skip
        probability = reference.rain_probability(np.array([pressure]), weights, means, covariances)[0]
        assert probability == pytest.approx(above / marginal, rel=1e-6)


def test_log_likelihood_never_decreases_from_any_seed(fits):
    for seed, (_, _, _, log_likelihoods) in fits.items():
        assert np.diff(log_likelihoods).min() >= -checks.LOG_LIKELIHOOD_SLACK, seed


def test_rain_accuracy_threshold_is_calibrated_over_seeds(reference, inputs, fits):
    rains = (inputs[:, 0] > checks.RAIN_MM).astype(int)
    accuracies = np.array([np.mean(reference.predict_rain(inputs[:, 1], *fit[:3]) == rains) for fit in fits.values()])
    majority = max(rains.mean(), 1 - rains.mean())
    assert accuracies.min() >= checks.MIN_RAIN_ACCURACY + ACCURACY_MARGIN, accuracies
    assert majority < checks.MIN_RAIN_ACCURACY, majority


def test_reference_names_its_own_components(reference, fits):
    means = fits[checks.SEED][1]
    names = reference.answer_components()
    dry, light, heavy = (means[names[name]] for name in checks.COMPONENT_NAMES)
    assert dry[0] < light[0] < heavy[0] and dry[1] > light[1] > heavy[1]


def test_checks_use_the_labs_data_and_initialisation(reference, inputs):
    np.testing.assert_array_equal(reference.rain_and_pressure(load_rain()), inputs)
    for seed in (0, 5):
        expected = checks.initial_parameters(inputs, 3, seed)
        for ours, theirs in zip(reference.initial_parameters(inputs, 3, seed), expected, strict=True):
            np.testing.assert_array_equal(ours, theirs)
    assert (reference.K, reference.ITERATIONS, reference.SEED, reference.REG_COVAR, reference.RAIN_MM) == (
        checks.K, checks.ITERATIONS, checks.SEED, checks.REG_COVAR, checks.RAIN_MM)  # fmt: skip
    assert tuple(reference.COMPONENT_NAMES) == checks.COMPONENT_NAMES


def test_main_prints_the_fit(reference, capsys, tmp_path):
    reference.main(str(tmp_path / "gmm.png"))
    output = capsys.readouterr().out
    assert "mean log-likelihood" in output and "accuracy 0.74" in output


def _lost(report) -> set[str]:
    return {r.name for r in report.results if r.outcome is not Outcome.PASSED}


def test_correct_code_with_other_numerics_gets_full_marks(solution_copy):
    """Cholesky for the density and E[x x^T] - mu mu^T for the covariance: different round-off, same marks."""
    folder = solution_copy(
        "gmm",
        ("mahalanobis = np.sum(centred @ np.linalg.inv(covariance) * centred, axis=1)  # (N,)",
         "lower = np.linalg.cholesky(covariance)\n"
         "    mahalanobis = np.sum(np.linalg.solve(lower, centred.T) ** 2, axis=0)"),
        ("covariances[k] = (responsibilities[:, k, None] * centred).T @ centred / counts[k] + reg_covar * np.eye(D)",
         "second = (responsibilities[:, k, None] * inputs).T @ inputs / counts[k]\n"
         "        covariances[k] = second - np.outer(means[k], means[k]) + reg_covar * np.eye(D)"),
    )  # fmt: skip
    report = grade(folder, ["gmm"])
    assert _lost(report) == set() and report.score == report.max_score


def test_dividing_covariances_by_n_loses_the_m_step_and_fit(solution_copy):
    folder = solution_copy("gmm", ("centred / counts[k] + reg_covar", "centred / len(inputs) + reg_covar"))
    lost = _lost(grade(folder, ["gmm"]))
    assert {"weights means and covariances", "fitted mixture matches the reference", "m step on other inputs"} <= lost


def test_exponentiating_without_log_sum_exp_loses_the_far_samples(solution_copy):
    folder = solution_copy("gmm", ("log_evidence = top[:, 0] + np.log(np.exp(log_joint - top).sum(axis=1))",
                                   "log_evidence = np.log(np.exp(log_joint).sum(axis=1))"))  # fmt: skip
    lost = _lost(grade(folder, ["gmm"]))
    assert "e step on other inputs" in lost and "responsibilities and log likelihood" not in lost


def test_unconditioned_rain_variance_loses_the_posterior_points(solution_copy):
    folder = solution_copy("gmm", ("np.sqrt(covariances[:, 0, 0] - slope * covariances[:, 0, 1])",
                                   "np.sqrt(covariances[:, 0, 0])"))  # fmt: skip
    lost = _lost(grade(folder, ["gmm"]))
    assert {"rain probability on the reference mixture", "rain probability on other mixtures"} <= lost


def test_names_that_do_not_fit_the_components_lose_the_naming_point(solution_copy):
    folder = solution_copy("gmm", ('return {"dry": 1, "light rain": 0, "heavy rain": 2}  # SOLUTION',
                                   'return {"dry": 0, "light rain": 1, "heavy rain": 2}'))  # fmt: skip
    assert _lost(grade(folder, ["gmm"])) == {"names match your fitted components"}
