"""Checks of the Dirichlet lab: the Gamma recurrence, the Dirichlet density, the posterior and its
predictive on small inputs (frozen publicly, random ones hidden), the same on the punctuation corpus, the
choice of the prior's strength on dev, and the derivation (collected for the instructor)."""

from __future__ import annotations

import math

import numpy as np

from ..checks import CheckContext, Lab
from ..errors import SubmissionRaised

lab = Lab("dirichlet", title="Bayesian inference with a Dirichlet prior")

GAMMA_POINTS = (1, 2, 3, 4, 7, 0.5, 1.5, 2.5, 5.5)
DENSITY_CASES = (
    ([0.2, 0.5, 0.3], [2, 3, 1.5]),
    ([0.25, 0.75], [0.5, 0.5]),
    ([0.1, 0.2, 0.3, 0.4], [1, 1, 1, 1]),
    ([0.6, 0.1, 0.3], [4, 0.5, 2.5]),
)
SMALL_ALPHA = np.array([0.5, 1.0, 2.0, 0.5, 1.5])
SMALL_WORDS = np.array([0, 2, 2, 1, 0, 2])  # word 3 and word 4 are never observed
CORPUS_ALPHA = 1.0
CORPUS_HEAD = 10  # the public check compares the first entries, the UNKNOWN entry and the sum


def _float(ctx: CheckContext, remote, what: str) -> float:
    return ctx.number(remote.fetch(), what)


def _corpus_summary(posterior: np.ndarray) -> np.ndarray:
    return np.concatenate([posterior[:CORPUS_HEAD], posterior[-1:], [posterior.sum()]])


@lab.frozen
def densities(reference):
    return np.array([reference.dirichlet_density(theta, alpha) for theta, alpha in DENSITY_CASES])


@lab.frozen
def small_posterior(reference):
    return reference.count_words(SMALL_WORDS, len(SMALL_ALPHA)), reference.posterior_parameters(
        SMALL_ALPHA, SMALL_WORDS
    )


@lab.frozen
def small_predictive(reference):
    return reference.posterior_predictive(SMALL_ALPHA, SMALL_WORDS)


@lab.frozen
def corpus_figures(reference):
    posterior = reference.corpus_posterior(CORPUS_ALPHA)
    return (
        len(posterior),
        _corpus_summary(posterior),
        reference.unseen_word_probability(CORPUS_ALPHA),
        reference.dev_log_likelihood(CORPUS_ALPHA),
    )


@lab.check("Q1 Gamma")
def gamma_on_integers_and_half_integers(ctx: CheckContext) -> None:
    for x in GAMMA_POINTS:
        ctx.close(_float(ctx, ctx.student.gamma(x), f"gamma({x})"), math.gamma(x), f"gamma({x})", rtol=1e-12)


@lab.check("Q2 Dirichlet density")
def density_on_fixed_points(ctx: CheckContext) -> None:
    got = [
        _float(ctx, ctx.student.dirichlet_density(np.array(t), np.array(a)), "the density") for t, a in DENSITY_CASES
    ]
    ctx.close(got, ctx.frozen("densities"), "the densities of the four fixed cases", rtol=1e-9)


@lab.check("Q3 posterior")
def posterior_on_a_small_example(ctx: CheckContext) -> None:
    counts, posterior = ctx.frozen("small_posterior")
    got_counts = ctx.student.count_words(SMALL_WORDS, len(SMALL_ALPHA)).fetch()
    ctx.equal(ctx.array(got_counts, "count_words", shape=counts.shape), counts.astype(float), "count_words")
    got = ctx.student.posterior_parameters(SMALL_ALPHA, SMALL_WORDS).fetch()
    ctx.close(got, posterior, f"posterior_parameters(alpha={SMALL_ALPHA.tolist()}, words={SMALL_WORDS.tolist()})")


@lab.check("Q3 posterior", points=0)
def derivation_is_collected(ctx: CheckContext) -> None:
    text = ctx.collect_answer(ctx.student.answer_derivation().fetch(), "answer_derivation()")
    ctx.require(len(text) >= 20, "answer_derivation() should return your derivation, a few lines of text")


@lab.check("Q4 posterior predictive")
def predictive_on_a_small_example(ctx: CheckContext) -> None:
    got = ctx.student.posterior_predictive(SMALL_ALPHA, SMALL_WORDS).fetch()
    what = f"posterior_predictive(alpha={SMALL_ALPHA.tolist()}, words={SMALL_WORDS.tolist()})"
    ctx.close(got, ctx.frozen("small_predictive"), what)


@lab.check("Q5 corpus", timeout=30)
def corpus_posterior_and_unseen_word(ctx: CheckContext) -> None:
    size, summary, unseen, _ = ctx.frozen("corpus_figures")
    posterior = ctx.array(ctx.student.corpus_posterior(CORPUS_ALPHA).fetch(), "corpus_posterior(1.0)", shape=(size,))
    ctx.close(_corpus_summary(posterior), summary, "corpus_posterior(1.0): first entries, UNKNOWN entry and sum")
    got = _float(ctx, ctx.student.unseen_word_probability(CORPUS_ALPHA), "unseen_word_probability(1.0)")
    ctx.close(got, unseen, "unseen_word_probability(1.0)", rtol=1e-9)


@lab.check("Q5 corpus", timeout=30)
def dev_log_likelihood_at_alpha_one(ctx: CheckContext) -> None:
    got = _float(ctx, ctx.student.dev_log_likelihood(CORPUS_ALPHA), "dev_log_likelihood(1.0)")
    ctx.close(got, ctx.frozen("corpus_figures")[3], "dev_log_likelihood(1.0)", rtol=1e-9)


# BEGIN HIDDEN
@lab.check("Q1 Gamma", hidden=True)
def gamma_on_other_arguments_and_rejects_the_rest(ctx: CheckContext) -> None:
    for x in (12, 20, 9.5, 15.5, 3.0):
        ctx.close(_float(ctx, ctx.student.gamma(x), "gamma"), math.gamma(x), f"gamma({x})", rtol=1e-12)
    for x in (0, -1, 0.3, 2.25, -0.5):
        try:
            ctx.student.gamma(x).fetch()
        except SubmissionRaised as exc:
            ctx.require(exc.exc_type == "ValueError", f"gamma({x}) should raise ValueError, got {exc}")
        else:
            ctx.fail(f"gamma({x}) should raise ValueError (2x is not a positive integer)")


def _random_alpha(rng: np.random.Generator, size: int) -> np.ndarray:
    return rng.integers(1, 9, size=size) / 2  # positive half-integers and integers, 0.5 to 4


@lab.check("Q2 Dirichlet density", hidden=True)
def density_on_random_points(ctx: CheckContext) -> None:
    reference = ctx.reference()
    rng = np.random.default_rng(31)
    for size in (2, 3, 5, 6):
        alpha = _random_alpha(rng, size)
        theta = rng.dirichlet(np.ones(size))
        got = _float(ctx, ctx.student.dirichlet_density(theta, alpha), "the density")
        ctx.close(got, reference.dirichlet_density(theta, alpha), f"the density with K = {size}", rtol=1e-9)


@lab.check("Q3 posterior", hidden=True)
def posterior_on_random_inputs(ctx: CheckContext) -> None:
    reference = ctx.reference()
    rng = np.random.default_rng(32)
    for size, length in ((4, 0), (7, 30), (12, 5)):
        alpha = rng.uniform(0.1, 3.0, size=size)
        words = rng.integers(0, size, size=length)
        got = ctx.student.posterior_parameters(alpha, words).fetch()
        ctx.close(got, reference.posterior_parameters(alpha, words), f"the posterior with V = {size}, N = {length}")


@lab.check("Q4 posterior predictive", hidden=True)
def unseen_words_get_alpha_over_alpha0_plus_n(ctx: CheckContext) -> None:
    rng = np.random.default_rng(33)
    for size, length in ((6, 20), (10, 3)):
        alpha = rng.uniform(0.1, 3.0, size=size)
        words = rng.integers(0, size // 2, size=length)  # the upper half of the vocabulary is never seen
        got = ctx.array(ctx.student.posterior_predictive(alpha, words).fetch(), "the predictive", shape=(size,))
        ctx.close(got.sum(), 1.0, "the sum of the predictive", rtol=1e-9)
        unseen = alpha[size // 2 :] / (alpha.sum() + length)
        ctx.close(got[size // 2 :], unseen, "the probability of the words never observed", rtol=1e-9)


@lab.check("Q5 corpus", hidden=True, timeout=30)
def corpus_with_another_prior(ctx: CheckContext) -> None:
    reference = ctx.reference()
    alpha0 = 0.3
    expected = reference.corpus_posterior(alpha0)
    posterior = ctx.array(ctx.student.corpus_posterior(alpha0).fetch(), "the corpus posterior", shape=expected.shape)
    ctx.close(posterior, expected, f"corpus_posterior({alpha0})")
    got = _float(ctx, ctx.student.unseen_word_probability(alpha0), "unseen_word_probability")
    ctx.close(got, reference.unseen_word_probability(alpha0), f"unseen_word_probability({alpha0})", rtol=1e-9)


@lab.check("Q5 corpus", hidden=True)
def best_prior_strength_on_dev(ctx: CheckContext) -> None:
    reference = ctx.reference()
    answer = ctx.student.answer_best_alpha().fetch()
    ctx.require(
        _is_grid_value(answer, reference.ALPHA_GRID), f"answer_best_alpha() should be one of {reference.ALPHA_GRID}"
    )
    ctx.equal(float(answer), reference.answer_best_alpha(), "answer_best_alpha()")


def _is_grid_value(answer, grid: tuple[float, ...]) -> bool:
    return type(answer) in (int, float) and float(answer) in grid


# END HIDDEN
