"""Lab: Bayesian inference for a unigram model with a Dirichlet prior.

A unigram model draws every word of a text independently from one categorical distribution θ over a
vocabulary of V words: p(X | θ) = Π_j θ_j^(n_j), where n_j counts word j among the N observed words.
Put a Dirichlet(α) prior on θ,

    p(θ | α) = Γ(α_0) / Π_j Γ(α_j) · Π_j θ_j^(α_j - 1),        α_0 = Σ_j α_j,

and the posterior is again a Dirichlet (the prior is conjugate):

    p(θ | X) ∝ p(X | θ) p(θ | α) ∝ Π_j θ_j^(α_j + n_j - 1)   =>   θ | X ~ Dirichlet(α + n).

The posterior predictive probability that the next word is j averages θ_j over that posterior:

    p(x = j | X) = (α_j + n_j) / (α_0 + N),

so a word never seen in training (n_j = 0) keeps the probability α_j / (α_0 + N) instead of 0.

The lab builds this from the ground up: the Gamma function from its recurrence, the Dirichlet density,
the posterior and the posterior predictive on word indices, then the same on the training words of the
French punctuation corpus (``mllabs_data.load_punctuation``), where the prior's strength is chosen on dev.

Letters: K the Dirichlet's dimension, V vocabulary size, N observed words.

Run ``python dirichlet.py`` to print the corpus figures.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from mllabs_data import load_punctuation, load_vocabulary

UNKNOWN = "<unk>"  # the corpus vocabulary's last entry: every word that never occurs in train
ALPHA_GRID = (0.001, 0.01, 0.1, 1.0, 10.0)  # prior strengths compared on dev (answer_best_alpha)


def gamma(x: float) -> float:
    """Γ(x) for a positive integer or half-integer ``x``, from the recurrence alone (no ``math.gamma``).

    Base cases: Γ(1) = 1 and Γ(1/2) = √π. Recurrence: Γ(x + 1) = x Γ(x), i.e. Γ(x) = (x - 1) Γ(x - 1)
    for x > 1. So Γ(4) = 3 · 2 · 1 · Γ(1) = 6 and Γ(5/2) = 3/2 · 1/2 · Γ(1/2) = 3√π / 4.

    - x: an int or a float such that 2x is a positive integer (1, 2, 3, ... or 0.5, 1.5, 2.5, ...).
    Returns a float (``inf`` once Γ(x) exceeds the float range, past x ≈ 171).
    Raises ValueError when 2x is not a positive integer (e.g. x = 0, -1, 0.3 or 2.25).
    """
    XXXX  # your code here
    return value


def dirichlet_density(theta: np.ndarray, alpha: np.ndarray) -> float:
    """The Dirichlet density p(θ | α) = Γ(α_0) / Π_k Γ(α_k) · Π_k θ_k^(α_k - 1), with α_0 = Σ_k α_k.

    - theta: array of shape (K,), every entry > 0, summing to 1 (within 1e-9)
    - alpha: array of shape (K,), every entry a positive integer or half-integer (so that your ``gamma``
      applies to each α_k and to α_0)
    Returns the density as a float (use your ``gamma``).
    Raises ValueError when the shapes differ or theta is not on the simplex.
    """
    theta = np.asarray(theta, dtype=float)
    alpha = np.asarray(alpha, dtype=float)
    if theta.shape != alpha.shape or theta.ndim != 1:
        raise ValueError(f"theta and alpha must have the same shape (K,), got {theta.shape} and {alpha.shape}")
    if np.any(theta <= 0) or abs(theta.sum() - 1) > 1e-9:
        raise ValueError("theta must have positive entries summing to 1")
    XXXX  # your code here
    return density


def count_words(words: np.ndarray, vocabulary_size: int) -> np.ndarray:
    """Count each word index: n_j = the number of positions t with ``words[t] == j``.

    - words: int array-like of shape (N,), every value in ``range(vocabulary_size)``; N may be 0
    - vocabulary_size: V
    Returns an int64 array of shape (V,) (zeros for words that do not occur).
    """
    words = np.asarray(words, dtype=np.int64).reshape(-1)
    if words.size and (words.min() < 0 or words.max() >= vocabulary_size):
        raise ValueError(f"word indices must lie in range({vocabulary_size})")
    counts = XXXX
    return counts


def posterior_parameters(alpha: np.ndarray, words: np.ndarray) -> np.ndarray:
    """The parameters of the posterior p(θ | X) = Dirichlet(α + n) of the unigram model.

    - alpha: array of shape (V,), the prior's parameters, all > 0
    - words: int array-like of shape (N,), the observed word indices X, values in ``range(V)``
    Returns a float array of shape (V,): ``alpha[j] + n_j``.
    """
    alpha = np.asarray(alpha, dtype=float)
    return XXXX


def posterior_predictive(alpha: np.ndarray, words: np.ndarray) -> np.ndarray:
    """The posterior predictive p(x = j | X) = (α_j + n_j) / (α_0 + N) of the next word, for every j.

    - alpha: array of shape (V,), the prior's parameters, all > 0
    - words: int array-like of shape (N,), the observed word indices X
    Returns a float array of shape (V,) that sums to 1. A word never observed gets α_j / (α_0 + N).
    """
    XXXX  # your code here


@functools.cache
def _corpus_indices(split: str) -> np.ndarray:
    vocabulary = corpus_vocabulary()
    index = {word: i for i, word in enumerate(vocabulary)}
    unknown = len(vocabulary) - 1
    indices = [index.get(word, unknown) for words, _ in load_punctuation(split) for word in words]
    array = np.array(indices, dtype=np.int64)
    array.flags.writeable = False
    return array


def corpus_vocabulary() -> list[str]:
    """The corpus vocabulary (given): every word of the train split, then ``UNKNOWN``.

    Returns a list of V + 1 = 18,095 str: ``load_vocabulary()`` (the 18,094 train words by decreasing
    count) followed by ``UNKNOWN``, which stands for every word never seen in train.
    """
    return [*load_vocabulary(), UNKNOWN]


def corpus_words(split: str) -> np.ndarray:
    """The words of one split of the punctuation corpus as indices into ``corpus_vocabulary()`` (given).

    - split: "train", "dev" or "test"
    Returns an int64 array of shape (N,): lines in file order, words in line order; a word that is not
    in the train vocabulary becomes the index of ``UNKNOWN`` (the last one). Train has N = 380,626 words.
    """
    return _corpus_indices(split).copy()


def corpus_posterior(alpha0: float) -> np.ndarray:
    """The posterior parameters on the train split, under the symmetric prior Dirichlet(alpha0, ..., alpha0).

    - alpha0: the prior's parameter for every entry of ``corpus_vocabulary()`` (UNKNOWN included), > 0
    Returns a float array of shape (V + 1,): ``alpha0 + n_j`` over the train words (so UNKNOWN gets alpha0).
    """
    vocabulary_size = len(corpus_vocabulary())
    return posterior_parameters(XXXX)


def unseen_word_probability(alpha0: float) -> float:
    """The posterior predictive probability, after the train split, of a word never seen in train.

    - alpha0: as in ``corpus_posterior``
    Returns the float α_j / (α_0 + N) for the UNKNOWN entry j, with α_0 = (V + 1) · alpha0 and N the
    number of train words.
    """
    XXXX  # your code here


def dev_log_likelihood(alpha0: float) -> float:
    """The mean log posterior predictive probability of the dev words, given the train words.

    - alpha0: as in ``corpus_posterior``
    Returns the float (1 / M) Σ_t log p(x = d_t | train) over the M dev words d_t (``corpus_words("dev")``,
    unknown words included as UNKNOWN), natural logarithm. Each dev word is scored on its own: the
    posterior does not learn from dev.
    """
    XXXX  # your code here


def answer_best_alpha() -> float:
    """Which prior strength of ``ALPHA_GRID`` gives the highest ``dev_log_likelihood``? Return it (a float)."""
    return XXXX


def answer_derivation() -> str:
    """In a few lines of text, derive the posterior p(θ | X) and the posterior predictive (read by hand)."""
    XXXX  # your code here


def main() -> None:
    print(f"Γ(5) = {gamma(5):g}, Γ(5/2) = {gamma(2.5):.6f}")
    print(f"Dirichlet(2, 3, 1.5) density at (0.2, 0.5, 0.3): {dirichlet_density([0.2, 0.5, 0.3], [2, 3, 1.5]):.6f}")
    words = corpus_words("train")
    print(f"train: {len(words):,} words, vocabulary {len(corpus_vocabulary()):,} entries (UNKNOWN included)")
    for alpha0 in ALPHA_GRID:
        print(
            f"alpha0 = {alpha0:<6g} p(unseen word) = {unseen_word_probability(alpha0):.3e}   "
            f"dev mean log-likelihood = {dev_log_likelihood(alpha0):.4f}"
        )
    print(f"best alpha0 on dev: {answer_best_alpha()}")


if __name__ == "__main__":
    main()
