"""The Dirichlet lab against scipy (Gamma, Dirichlet density), the closed forms of the posterior and its
predictive, the corpus figures of the datasheet, and plausible mistakes that must lose points."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.special
import scipy.stats
from conftest import grade

from mllabs.checks import load_reference
from mllabs.records import Outcome

TRAIN_WORDS = 380_626  # data/punctuation/README.md
TRAIN_VOCABULARY = 18_094


@pytest.fixture(scope="module")
def reference():
    return load_reference("dirichlet")


@pytest.mark.parametrize("x", [*range(1, 40), *(n + 0.5 for n in range(0, 40))])
def test_gamma_matches_scipy(reference, x):
    assert reference.gamma(x) == pytest.approx(scipy.special.gamma(x), rel=1e-12)


@pytest.mark.parametrize("x", [0, -1, -0.5, 0.3, 2.25, 1e-3])
def test_gamma_rejects_what_the_recurrence_cannot_reach(reference, x):
    with pytest.raises(ValueError, match="half-integer"):
        reference.gamma(x)


def test_dirichlet_density_matches_scipy(reference):
    rng = np.random.default_rng(0)
    for _ in range(50):
        size = int(rng.integers(2, 8))
        alpha = rng.integers(1, 13, size=size) / 2
        theta = rng.dirichlet(np.ones(size))
        theta /= theta.sum()
        expected = scipy.stats.dirichlet.pdf(theta, alpha)
        assert reference.dirichlet_density(theta, alpha) == pytest.approx(expected, rel=1e-9)


def test_posterior_is_alpha_plus_counts_and_predictive_its_mean(reference):
    rng = np.random.default_rng(1)
    alpha = rng.uniform(0.1, 2, size=9)
    words = rng.integers(0, 6, size=40)  # words 6, 7, 8 never seen
    counts = np.array([np.sum(words == j) for j in range(9)])
    posterior = reference.posterior_parameters(alpha, words)
    np.testing.assert_allclose(posterior, alpha + counts)
    predictive = reference.posterior_predictive(alpha, words)
    np.testing.assert_allclose(predictive, scipy.stats.dirichlet.mean(alpha + counts))
    np.testing.assert_allclose(predictive[6:], alpha[6:] / (alpha.sum() + len(words)))


def test_corpus_posterior_adds_every_train_word_once(reference):
    posterior = reference.corpus_posterior(0.5)
    assert posterior.shape == (TRAIN_VOCABULARY + 1,)
    assert posterior.sum() == pytest.approx(0.5 * (TRAIN_VOCABULARY + 1) + TRAIN_WORDS)
    assert posterior[-1] == 0.5  # UNKNOWN never occurs in train
    expected = 0.5 / (0.5 * (TRAIN_VOCABULARY + 1) + TRAIN_WORDS)
    assert reference.unseen_word_probability(0.5) == pytest.approx(expected, rel=1e-12)


def test_best_alpha_answer_is_the_argmax_over_the_grid(reference):
    scores = {alpha: reference.dev_log_likelihood(alpha) for alpha in reference.ALPHA_GRID}
    assert reference.answer_best_alpha() == max(scores, key=scores.get)


def _lost(report) -> set[str]:
    return {r.name for r in report.results if r.outcome is not Outcome.PASSED}


def test_gamma_with_one_as_the_half_integer_base_case_loses_the_gamma_points(solution_copy):
    folder = solution_copy("dirichlet", ("else (math.sqrt(math.pi), 0.5)", "else (1.0, 0.5)"))
    lost = _lost(grade(folder, ["dirichlet"]))
    assert {"gamma on integers and half integers", "gamma on other arguments and rejects the rest"} <= lost
    assert {"density on fixed points", "density on random points"} <= lost  # the densities use gamma


def test_density_without_the_minus_one_exponent_loses_the_density_points(solution_copy):
    folder = solution_copy("dirichlet", ("theta ** (alpha - 1)", "theta**alpha"))
    assert _lost(grade(folder, ["dirichlet"])) == {"density on fixed points", "density on random points"}


def test_maximum_likelihood_predictive_loses_the_predictive_points(solution_copy):
    folder = solution_copy(
        "dirichlet",
        ("posterior = posterior_parameters(alpha, words)  # (V,)", "posterior = count_words(words, len(alpha)) + 0.0"),
    )
    lost = _lost(grade(folder, ["dirichlet"]))
    assert {"predictive on a small example", "unseen words get alpha over alpha0 plus n"} <= lost
    assert "posterior on random inputs" not in lost


def test_a_wrong_best_alpha_loses_only_that_point_and_the_derivation_is_collected(solution_copy):
    folder = solution_copy("dirichlet", ("return 1.0  # SOLUTION", "return 0.1"))
    report = grade(folder, ["dirichlet"])
    assert _lost(report) == {"best prior strength on dev"}
    answers = {r.name: r.answer for r in report.results if r.answer}
    assert answers["derivation is collected"].startswith("p(θ|X)")
