"""The punctuation n-gram lab against scikit-learn (per-class F1, ROC points, AUC), its F1 thresholds
calibrated over 20 bootstrap resamples of the dev and test lines, and plausible mistakes that lose points."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from sklearn.metrics import f1_score, roc_auc_score, roc_curve

from mllabs.checks import all_labs, load_reference
from mllabs.labs import punctuation_ngrams as checks
from mllabs.records import Outcome
from mllabs_data import load_punctuation

SEEDS = range(20)  # each seed draws the lines of the evaluated split with replacement (a bootstrap)
RELATIVE_MARGIN = 0.8  # thresholds are at most 80 % of the reference's lowest F1 over the resamples


@pytest.fixture(scope="module")
def reference():
    return load_reference("punctuation_ngrams")


@pytest.fixture(scope="module")
def scores(reference):
    return {(n, split): reference.split_scores(n, split) for n in reference.ORDERS for split in checks.SPLITS}


def _truth(split: str) -> np.ndarray:
    return np.array([label for _, labels in load_punctuation(split) for label in labels])


def test_contexts_and_back_off_follow_the_stated_rule(reference):
    assert reference.contexts(["a", "b", "c"], 3) == [("<s>", "a"), ("a", "b"), ("b", "c")]
    counts = reference.count_contexts([(["a", "b"], [0, 2]), (["b"], [1])], 2)
    assert sorted(counts) == [(), ("a",), ("b",)] and counts[("b",)].tolist() == [0, 1, 1, 0, 0, 0, 0]
    prior = (np.array([1, 1, 1, 0, 0, 0, 0]) + 1) / (3 + 7)
    np.testing.assert_allclose(reference.class_probabilities(counts, ("zzz",)), prior)  # unseen: backs off
    np.testing.assert_allclose(
        reference.class_probabilities(counts, ("b",)), (np.array([0, 1, 1, 0, 0, 0, 0]) + prior) / 3
    )


def test_per_class_f1_matches_sklearn(reference):
    rng = np.random.default_rng(0)
    for top in (7, 3):
        truth, guess = rng.integers(0, top, 200), rng.integers(0, top, 200)
        expected = f1_score(truth, guess, labels=range(7), average=None, zero_division=0)
        np.testing.assert_allclose(reference.per_class_f1(truth, guess), expected)


def test_roc_points_and_auc_match_sklearn(reference):
    rng = np.random.default_rng(1)
    for _ in range(10):
        positives = rng.random(300) < 0.2
        ranked = np.round(rng.random(300), 2)  # ties
        fpr, tpr = reference.roc_points(positives, ranked)
        want_fpr, want_tpr, _ = roc_curve(positives, ranked, drop_intermediate=False)
        np.testing.assert_allclose(fpr, want_fpr)
        np.testing.assert_allclose(tpr, want_tpr)
        assert reference.auc(fpr, tpr) == pytest.approx(roc_auc_score(positives, ranked), rel=1e-12)


def test_corpus_aucs_match_sklearn(reference, scores):
    truth = _truth("dev")
    aucs = reference.split_aucs(2, "dev")
    expected = [roc_auc_score(truth == k, scores[2, "dev"][:, k]) for k in range(7)]
    np.testing.assert_allclose(aucs, expected, rtol=1e-9)


def _bootstrap_f1(reference, truth: np.ndarray, guess: np.ndarray, lengths: np.ndarray, seed: int) -> np.ndarray:
    """Per-class F1 on the words of len(lengths) lines drawn with replacement from the split."""
    starts = np.r_[0, np.cumsum(lengths)[:-1]]
    lines = np.random.default_rng(seed).integers(0, len(lengths), len(lengths))
    drawn = lengths[lines]
    shift = np.repeat(starts[lines] - np.r_[0, np.cumsum(drawn)[:-1]], drawn)  # word i of the draw -> corpus word
    words = np.arange(drawn.sum()) + shift
    return reference.per_class_f1(truth[words], guess[words])


def test_thresholds_are_calibrated_over_20_bootstraps_of_dev_and_test(reference, scores):
    for n in reference.ORDERS:
        for split in checks.SPLITS:
            truth, guess = _truth(split), np.argmax(scores[n, split], axis=1)
            lengths = np.array([len(words) for words, _ in load_punctuation(split)])
            f1 = np.array([_bootstrap_f1(reference, truth, guess, lengths, seed) for seed in SEEDS])  # (20, K)
            assert np.all(RELATIVE_MARGIN * f1.min(axis=0) >= checks.MIN_CLASS_F1[n] - 1e-12), (n, split, f1.min(0))
            assert RELATIVE_MARGIN * f1.mean(axis=1).min() >= checks.MIN_MACRO_F1[n], (n, split)


def test_the_bigram_model_misses_the_fivegram_thresholds(scores):
    for split in checks.SPLITS:
        f1 = f1_score(_truth(split), np.argmax(scores[2, split], axis=1), labels=range(7), average=None)
        assert f1.mean() < checks.MIN_MACRO_F1[5]
        assert np.sum(f1 < checks.MIN_CLASS_F1[5]) >= 3


def test_the_comparison_answer_matches_the_figures(reference, scores):
    truth = _truth("dev")
    macro = {n: reference.per_class_f1(truth, np.argmax(scores[n, "dev"], axis=1)).mean() for n in reference.ORDERS}
    assert macro[5] > macro[2] and reference.answer_comparison() == reference.COMPARISONS[1]


def _fast_checks_only():
    """The lab without its corpus-sized checks: mistakes on the small inputs show in seconds."""
    lab = all_labs()["punctuation_ngrams"]
    slow = {"bigram model f1 on dev and test", "fivegram model f1 on dev and test", "bigram aucs on dev",
            "fivegram aucs on test"}  # fmt: skip
    return dataclasses.replace(lab, checks=[check for check in lab.checks if check.name not in slow])


def _lost(folder) -> set[str]:
    from mllabs.runner import grade_entry

    report = grade_entry(folder.name, folder, [_fast_checks_only()], include_hidden=True)
    return {r.name for r in report.results if r.outcome is not Outcome.PASSED}


def test_maximum_likelihood_without_back_off_loses_the_model_points(solution_copy):
    folder = solution_copy(
        "punctuation_ngrams",
        ("probabilities = (seen + BETA * probabilities) / (seen.sum() + BETA)  # p_m",
         "probabilities = seen / max(seen.sum(), 1) if seen.sum() else probabilities"),
    )  # fmt: skip
    assert _lost(folder) == {"counts and probabilities on a tiny corpus", "counts and probabilities on hidden corpora"}


def test_roc_without_merging_ties_and_a_wrong_comparison_lose_points(solution_copy):
    folder = solution_copy(
        "punctuation_ngrams",
        ("last_of_each_score = np.r_[np.flatnonzero(np.diff(scores[order])), len(scores) - 1]",
         "last_of_each_score = np.arange(len(scores))"),
        ("return COMPARISONS[1]  # SOLUTION", "return COMPARISONS[0]"),
    )  # fmt: skip
    lost = _lost(folder)
    assert lost == {"roc points and auc on a small example", "roc points on random scores", "comparison answer"}
