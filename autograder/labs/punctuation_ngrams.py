"""Checks of the punctuation n-gram lab: contexts, counts and back-off probabilities (tiny corpora, frozen
publicly, random ones hidden), per-class F1, the n = 2 and n = 5 models' F1 on dev and test against
calibrated thresholds, ROC points and AUC, and the comparison of the two orders.

The submission trains in its own process on the shipped train split and sends back predictions (int8)
and AUCs; F1 is computed here from the corpus's labels."""

from __future__ import annotations

import functools

import numpy as np

from mllabs_data import load_punctuation

from ..checks import CheckContext, Lab
from ._text import per_class_f1, predictions

lab = Lab("punctuation_ngrams", title="Punctuation prediction with n-gram models")

K = 7
SPLITS = ("dev", "test")
# Thresholds: 80 % of the reference's lowest F1 over 20 bootstrap resamples of the lines of dev and of test
# (tests/test_lab_punctuation_ngrams.py), rounded down. Per class: none , . ? ! : ;
MIN_CLASS_F1 = {
    2: np.array([0.75, 0.08, 0.09, 0.01, 0.0, 0.1, 0.0]),
    5: np.array([0.75, 0.2, 0.22, 0.04, 0.04, 0.24, 0.0]),
}
MIN_MACRO_F1 = {2: 0.15, 5: 0.24}  # reference: 0.214/0.201 (n = 2), 0.323/0.310 (n = 5) on dev/test

TINY_LINES = [
    (["oui", "mais", "non"], [1, 0, 2]),
    (["mais", "oui"], [0, 3]),
    (["non", "mais", "non", "oui"], [0, 1, 0, 4]),
]
TINY_CONTEXTS = [("mais", "non"), ("oui", "mais"), ("<s>", "oui"), ("jamais", "non"), ("jamais", "vu")]
LINE = ["le", "chat", "dort"]
ROC_POSITIVES = np.array([1, 0, 1, 1, 0, 0, 1, 0], dtype=bool)
ROC_SCORES = np.array([0.9, 0.8, 0.8, 0.6, 0.6, 0.3, 0.2, 0.2])
F1_TRUTH = np.array([0, 1, 2, 2, 0, 3, 5, 0, 1, 0])
F1_GUESS = np.array([0, 2, 2, 2, 0, 3, 0, 1, 1, 6])


@functools.cache
def _labels(split: str) -> np.ndarray:
    labels = np.array([label for _, line in load_punctuation(split) for label in line], dtype=np.int64)
    labels.flags.writeable = False
    return labels


def _counts(ctx: CheckContext, remote, what: str) -> dict:
    counts = remote.fetch()
    ctx.require(isinstance(counts, dict), f"{what} should be a dict, got {type(counts).__name__}")
    return {tuple(key) if isinstance(key, list) else key: value for key, value in counts.items()}


def _same_counts(ctx: CheckContext, got: dict, expected: dict, what: str) -> None:
    missing, extra = set(expected) - set(got), set(got) - set(expected)
    if missing:
        ctx.fail(f"{what}: {len(missing)} context suffixes are missing, e.g. {sorted(missing)[0]}")
    if extra:
        ctx.fail(f"{what}: {len(extra)} context suffixes should not be there, e.g. {sorted(extra)[0]}")
    for key, value in expected.items():
        ctx.close(ctx.array(got[key], f"{what}[{key}]", shape=(K,)), value, f"{what}[{key}]", rtol=0)


def _f1_on_split(ctx: CheckContext, n: int, split: str) -> np.ndarray:
    truth = _labels(split)
    guessed = predictions(ctx, ctx.student.split_predictions(n, split), len(truth), K, f"the {split} predictions")
    return per_class_f1(truth, guessed, K)


def _clears_thresholds(ctx: CheckContext, n: int) -> None:
    for split in SPLITS:
        f1 = _f1_on_split(ctx, n, split)
        ctx.at_least(float(f1.mean()), MIN_MACRO_F1[n], f"the macro F1 of the n = {n} model on {split}")
        for k in range(K):
            ctx.at_least(float(f1[k]), float(MIN_CLASS_F1[n][k]), f"the F1 of class {k} (n = {n}, {split})")


@lab.frozen
def line_contexts(reference):
    return [reference.contexts(LINE, n) for n in (1, 2, 5)]


@lab.frozen
def tiny_model(reference):
    counts = reference.count_contexts(TINY_LINES, 3)
    return counts, np.array([reference.class_probabilities(counts, context) for context in TINY_CONTEXTS])


@lab.frozen
def fixed_f1(reference):
    return reference.per_class_f1(F1_TRUTH, F1_GUESS)


@lab.frozen
def fixed_roc(reference):
    fpr, tpr = reference.roc_points(ROC_POSITIVES, ROC_SCORES)
    return fpr, tpr, reference.auc(fpr, tpr)


@lab.frozen
def bigram_dev_aucs(reference):
    return reference.split_aucs(2, "dev")


@lab.check("Q1 n-gram model")
def contexts_of_a_line(ctx: CheckContext) -> None:
    for n, expected in zip((1, 2, 5), ctx.frozen("line_contexts"), strict=True):
        got = ctx.student.contexts(LINE, n).fetch()
        ctx.require(isinstance(got, list), f"contexts should return a list, got {type(got).__name__}")
        got = [tuple(context) if isinstance(context, list) else context for context in got]
        ctx.equal(got, list(expected), f"contexts({LINE}, {n})")


@lab.check("Q1 n-gram model")
def counts_and_probabilities_on_a_tiny_corpus(ctx: CheckContext) -> None:
    counts, probabilities = ctx.frozen("tiny_model")
    student_counts = ctx.student.count_contexts(TINY_LINES, 3)
    _same_counts(ctx, _counts(ctx, student_counts, "count_contexts(TINY_LINES, 3)"), counts, "counts")
    for context, expected in zip(TINY_CONTEXTS, probabilities, strict=True):
        got = ctx.student.class_probabilities(student_counts, context).fetch()
        ctx.close(got, expected, f"class_probabilities(counts, {context})", rtol=1e-9)


@lab.check("Q2 F1")
def per_class_f1_on_a_fixed_example(ctx: CheckContext) -> None:
    got = ctx.student.per_class_f1(F1_TRUTH, F1_GUESS).fetch()
    ctx.close(got, ctx.frozen("fixed_f1"), f"per_class_f1({F1_TRUTH.tolist()}, {F1_GUESS.tolist()})", rtol=1e-12)


@lab.check("Q2 F1", timeout=90)
def bigram_model_f1_on_dev_and_test(ctx: CheckContext) -> None:
    _clears_thresholds(ctx, 2)


@lab.check("Q2 F1", points=2, timeout=120)
def fivegram_model_f1_on_dev_and_test(ctx: CheckContext) -> None:
    _clears_thresholds(ctx, 5)


@lab.check("Q3 ROC")
def roc_points_and_auc_on_a_small_example(ctx: CheckContext) -> None:
    fpr, tpr, area = ctx.frozen("fixed_roc")
    got = ctx.student.roc_points(ROC_POSITIVES, ROC_SCORES).fetch()
    ctx.require(isinstance(got, tuple | list) and len(got) == 2, "roc_points should return (fpr, tpr)")
    ctx.close(got[0], fpr, "the false positive rates (scores with ties)", rtol=1e-12)
    ctx.close(got[1], tpr, "the true positive rates (scores with ties)", rtol=1e-12)
    got_area = ctx.number(ctx.student.auc(fpr, tpr).fetch(), "auc")
    ctx.close(got_area, area, "auc(fpr, tpr)", rtol=1e-12)


@lab.check("Q3 ROC", timeout=90)
def bigram_aucs_on_dev(ctx: CheckContext) -> None:
    got = ctx.student.split_aucs(2, "dev").fetch()
    ctx.close(got, ctx.frozen("bigram_dev_aucs"), "the one-vs-rest AUC of each class (n = 2, dev)", rtol=1e-6)


# BEGIN HIDDEN
def _random_lines(rng: np.random.Generator, count: int) -> list[tuple[list[str], list[int]]]:
    vocabulary = ["a", "b", "c", "d", "s"]
    lines = []
    for _ in range(count):
        length = int(rng.integers(1, 7))
        words = [str(w) for w in rng.choice(vocabulary, size=length)]
        lines.append((words, [int(k) for k in rng.integers(0, K, size=length)]))
    return lines


@lab.check("Q1 n-gram model", points=2, hidden=True)
def counts_and_probabilities_on_hidden_corpora(ctx: CheckContext) -> None:
    reference = ctx.reference()
    rng = np.random.default_rng(51)
    for n in (1, 2, 4):
        lines = _random_lines(rng, 12)
        expected = reference.count_contexts(lines, n)
        student_counts = ctx.student.count_contexts(lines, n)
        _same_counts(ctx, _counts(ctx, student_counts, "count_contexts"), expected, f"the counts (n = {n})")
        queries = [reference.contexts(words, n)[-1] for words, _ in _random_lines(rng, 6)]
        for context in queries:
            got = ctx.student.class_probabilities(student_counts, context).fetch()
            want = reference.class_probabilities(expected, context)
            ctx.close(got, want, f"the probabilities of a context (n = {n})", rtol=1e-9)


@lab.check("Q2 F1", hidden=True)
def per_class_f1_on_random_labels(ctx: CheckContext) -> None:
    reference = ctx.reference()
    rng = np.random.default_rng(52)
    for size, top in ((30, K), (12, 3)):  # with 3 classes only, four classes are never true nor predicted
        truth, guess = rng.integers(0, top, size=size), rng.integers(0, top, size=size)
        got = ctx.student.per_class_f1(truth, guess).fetch()
        ctx.close(got, reference.per_class_f1(truth, guess), "per_class_f1 on random labels", rtol=1e-12)


@lab.check("Q2 F1", hidden=True)
def comparison_answer(ctx: CheckContext) -> None:
    ctx.choice_answer("answer_comparison", "COMPARISONS")


@lab.check("Q3 ROC", hidden=True)
def roc_points_on_random_scores(ctx: CheckContext) -> None:
    reference = ctx.reference()
    rng = np.random.default_rng(53)
    for size in (20, 200):
        positives = np.r_[True, False, rng.random(size - 2) < 0.3]
        scores = np.round(rng.random(size), 1)  # many ties
        got = ctx.student.roc_points(positives, scores).fetch()
        ctx.require(isinstance(got, tuple | list) and len(got) == 2, "roc_points should return (fpr, tpr)")
        fpr, tpr = reference.roc_points(positives, scores)
        ctx.close(got[0], fpr, "the false positive rates", rtol=1e-12)
        ctx.close(got[1], tpr, "the true positive rates", rtol=1e-12)
        area = ctx.number(ctx.student.auc(fpr, tpr).fetch(), "auc")
        ctx.close(area, reference.auc(fpr, tpr), "the AUC", rtol=1e-12)


@lab.check("Q3 ROC", hidden=True, timeout=120)
def fivegram_aucs_on_test(ctx: CheckContext) -> None:
    got = ctx.student.split_aucs(5, "test").fetch()  # first: an unfinished stub costs no reference run
    expected = ctx.reference().split_aucs(5, "test")
    ctx.close(got, expected, "the one-vs-rest AUC of each class (n = 5, test)", rtol=1e-6)


# END HIDDEN
