"""Checks of the spam feature-definition lab: the character and 5-gram features and the figures that
show their drawbacks, the student's own features judged by the held-out F1 of the lab's fixed classifier,
stratified folds, precision/recall/F1, and the short answers (choices graded, explanations collected).

Labels never reach the submission's process: it returns predictions, and F1 is computed here."""

from __future__ import annotations

import functools

import numpy as np

from mllabs_data import load_spam, stratified_split

from ..checks import CheckContext, Lab
from ._text import per_class_f1, predictions

lab = Lab("spam_features", title="Feature definition: spam or not")

TEST_FRACTION = 0.2
MIN_HELD_OUT_F1 = 0.84  # reference 0.898-0.951 over 20 splits; (a) at most 0.786, (b) at most 0.663
MAX_FEATURES = 5000
FIXED_TEXTS = ["Hello, World!", "", "Caf\u00e9\tna\u00efve: 5\u20ac\n", "aaa"]
SENTENCE = "the quick brown fox jumps over the lazy dog".split()
TINY_TRAIN = ["free money now", "money now please", "free money now!!", "meeting notes attached"]
TINY_TEXTS = ["Free money, now: free money now.", "no match here", "MONEY NOW"]
FOLD_LABELS = np.array([0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0])
FOLDS = 3
TRUTH = np.array([1, 0, 1, 1, 0, 0, 1, 0, 1, 0])
GUESS = np.array([1, 1, 0, 1, 0, 0, 1, 1, 0, 1])


@functools.cache
def _corpus() -> tuple[tuple[str, ...], np.ndarray]:
    texts, labels = load_spam()
    labels.flags.writeable = False
    return tuple(texts), labels


def _test_labels(seed: int) -> np.ndarray:
    _, labels = _corpus()
    return labels[stratified_split(labels, TEST_FRACTION, seed)[1]]


def _held_out_f1(ctx: CheckContext, kind: str, seed: int) -> float:
    truth = _test_labels(seed)
    guessed = predictions(ctx, ctx.student.held_out_predictions(kind, seed), len(truth), 2, "the test predictions")
    return float(per_class_f1(truth, guessed, 2)[1])


def _triple(ctx: CheckContext, remote, what: str) -> np.ndarray:
    return ctx.array(remote.fetch(), what, shape=(3,))


def _check_folds(ctx: CheckContext, folds, labels: np.ndarray, k: int) -> list[np.ndarray]:
    ctx.require(isinstance(folds, list) and len(folds) == k, f"stratified_folds should return a list of {k} arrays")
    folds = [ctx.array(fold, f"fold {i}", shape=(None,)).astype(np.int64) for i, fold in enumerate(folds)]
    everything = np.sort(np.concatenate(folds))
    ctx.require(np.array_equal(everything, np.arange(len(labels))), "every index must be in exactly one fold")
    for value in np.unique(labels):
        members = np.sum(labels == value)
        for i, fold in enumerate(folds):
            count = np.sum(labels[fold] == value)
            ctx.require(
                members // k <= count <= -(-members // k),
                f"fold {i} holds {count} of the {members} samples of class {value}: not stratified",
            )
    return folds


@lab.frozen
def fixed_frequencies(reference):
    return reference.char_frequencies(FIXED_TEXTS)


@lab.frozen
def sentence_ngrams(reference):
    return reference.word_ngrams(SENTENCE, 5), reference.word_ngrams(SENTENCE, 1)


@lab.frozen
def ngram_statistics(reference):
    return reference.ngram_statistics(*reference.split_texts(0))


@lab.frozen
def tiny_ngram_features(reference):
    return reference.top_ngram_features(TINY_TRAIN, TINY_TEXTS, 2, 4)


@lab.frozen
def small_folds(reference):
    return reference.stratified_folds(FOLD_LABELS, FOLDS, 0)


@lab.frozen
def fixed_scores(reference):
    return reference.precision_recall_f1(TRUTH, GUESS), reference.accuracy(TRUTH, GUESS)


@lab.check("Q1 (a) characters")
def char_frequencies_on_fixed_texts(ctx: CheckContext) -> None:
    got = ctx.student.char_frequencies(FIXED_TEXTS).fetch()
    ctx.close(got, ctx.frozen("fixed_frequencies"), f"char_frequencies({FIXED_TEXTS!r})", rtol=1e-12)


@lab.check("Q2 (b) word 5-grams")
def word_ngrams_of_a_sentence(ctx: CheckContext) -> None:
    fives, ones = ctx.frozen("sentence_ngrams")
    for n, expected in ((5, fives), (1, ones)):
        got = ctx.student.word_ngrams(SENTENCE, n).fetch()
        ctx.require(isinstance(got, list), f"word_ngrams should return a list, got {type(got).__name__}")
        ctx.equal([tuple(gram) if isinstance(gram, list) else gram for gram in got], expected, f"word_ngrams(..., {n})")


@lab.check("Q2 (b) word 5-grams", timeout=40)
def ngram_statistics_on_the_held_out_split(ctx: CheckContext) -> None:
    split = ctx.student.split_texts(0)
    got = ctx.student.ngram_statistics(split[0], split[1]).fetch()
    expected = ctx.frozen("ngram_statistics")
    ctx.require(isinstance(got, dict) and set(got) == set(expected), f"ngram_statistics should return {set(expected)}")
    ctx.equal(got["dimension"], expected["dimension"], "the number of distinct 5-grams in train")
    ctx.close(got["seen_once"], expected["seen_once"], "the share of 5-grams seen once", rtol=1e-9)
    what = "the share of test messages without a known 5-gram"
    ctx.close(got["test_without_known"], expected["test_without_known"], what, rtol=1e-9)


@lab.check("Q2 (b) word 5-grams")
def top_ngram_features_on_tiny_texts(ctx: CheckContext) -> None:
    got = ctx.student.top_ngram_features(TINY_TRAIN, TINY_TEXTS, 2, 4).fetch()
    ctx.close(got, ctx.frozen("tiny_ngram_features"), "top_ngram_features(TINY_TRAIN, TINY_TEXTS, n=2, k=4)", rtol=0)


@lab.check("Q3 good features", points=2, timeout=60)
def my_features_clear_the_held_out_f1(ctx: CheckContext) -> None:
    f1 = _held_out_f1(ctx, "mine", 0)
    ctx.at_least(f1, MIN_HELD_OUT_F1, "held-out F1 of the fixed classifier on my_features (split seed 0)")
    split = ctx.student.split_texts(0)
    shape = ctx.array(ctx.student.my_features(split[0], FIXED_TEXTS).fetch(), "my_features", shape=(4, None)).shape
    ctx.require(shape[1] <= MAX_FEATURES, f"my_features should give at most {MAX_FEATURES} features, got {shape[1]}")


@lab.check("Q3 good features", points=0)
def features_are_explained(ctx: CheckContext) -> None:
    text = ctx.collect_answer(ctx.student.explain_features().fetch(), "explain_features()")
    ctx.require(len(text) >= 20, "explain_features() should describe your features in a few sentences")


@lab.check("Q4 evaluation procedure")
def stratified_folds_on_small_labels(ctx: CheckContext) -> None:
    folds = _check_folds(ctx, ctx.student.stratified_folds(FOLD_LABELS, FOLDS, 0).fetch(), FOLD_LABELS, FOLDS)
    for i, (fold, expected) in enumerate(zip(folds, ctx.frozen("small_folds"), strict=True)):
        ctx.equal(fold.tolist(), expected.tolist(), f"fold {i} of stratified_folds({FOLD_LABELS.tolist()}, 3, seed=0)")


@lab.check("Q5 metric")
def precision_recall_f1_on_a_fixed_example(ctx: CheckContext) -> None:
    scores, accuracy = ctx.frozen("fixed_scores")
    got = _triple(ctx, ctx.student.precision_recall_f1(TRUTH, GUESS), "(precision, recall, f1)")
    ctx.close(got, scores, f"precision_recall_f1({TRUTH.tolist()}, {GUESS.tolist()})", rtol=1e-12)
    ctx.close(ctx.number(ctx.student.accuracy(TRUTH, GUESS).fetch(), "accuracy"), accuracy, "accuracy", rtol=1e-12)
    truth = _test_labels(0)
    always_ham = np.zeros(len(truth), dtype=np.int64)
    got = _triple(ctx, ctx.student.precision_recall_f1(truth, always_ham), "(precision, recall, f1)")
    ctx.close(got, np.zeros(3), "precision, recall and F1 of a filter that never flags spam")
    baseline = ctx.number(ctx.student.accuracy(truth, always_ham).fetch(), "accuracy")
    ctx.close(baseline, np.mean(truth == 0), "the accuracy of a filter that never flags spam", rtol=1e-12)


@lab.check("Q5 metric", points=0)
def accuracy_pitfall_is_explained(ctx: CheckContext) -> None:
    text = ctx.collect_answer(ctx.student.explain_accuracy().fetch(), "explain_accuracy()")
    ctx.require(len(text) >= 20, "explain_accuracy() should say in a sentence or two why accuracy misleads here")


# BEGIN HIDDEN
CORPUS_SAMPLE = (0, 17, 2600, 3950, 4100, 4200, 5000, 6045)


@lab.check("Q1 (a) characters", hidden=True)
def char_frequencies_on_corpus_messages(ctx: CheckContext) -> None:
    texts = [_corpus()[0][i] for i in CORPUS_SAMPLE]
    got = ctx.student.char_frequencies(texts).fetch()
    ctx.close(got, ctx.reference().char_frequencies(texts), "char_frequencies on corpus messages", rtol=1e-12)


@lab.check("Q1 (a) characters", hidden=True)
def char_drawback_answer(ctx: CheckContext) -> None:
    ctx.choice_answer("answer_char_drawback", "CHAR_DRAWBACKS")


@lab.check("Q2 (b) word 5-grams", hidden=True)
def word_ngrams_of_other_sizes(ctx: CheckContext) -> None:
    reference = ctx.reference()
    words = "a b c a b d".split()
    for n in (2, 3, 6, 7):
        got = ctx.student.word_ngrams(words, n).fetch()
        ctx.require(isinstance(got, list), "word_ngrams should return a list")
        got = [tuple(gram) if isinstance(gram, list) else gram for gram in got]
        ctx.equal(got, reference.word_ngrams(words, n), f"word_ngrams of 6 words with n = {n}")
    train, texts = ["a b a b a b c", "c c a b"], ["a b c", "b a b a", ""]
    got = ctx.student.top_ngram_features(train, texts, 1, 2).fetch()
    ctx.close(got, reference.top_ngram_features(train, texts, 1, 2), "top_ngram_features with ties", rtol=0)


@lab.check("Q2 (b) word 5-grams", hidden=True)
def ngram_drawback_answer(ctx: CheckContext) -> None:
    ctx.choice_answer("answer_ngram_drawback", "NGRAM_DRAWBACKS")


@lab.check("Q3 good features", hidden=True, timeout=60)
def my_features_on_another_split(ctx: CheckContext) -> None:
    f1 = _held_out_f1(ctx, "mine", 11)
    ctx.at_least(f1, MIN_HELD_OUT_F1, "held-out F1 of the fixed classifier on my_features (another split)")


@lab.check("Q4 evaluation procedure", hidden=True)
def stratified_folds_follow_the_rule(ctx: CheckContext) -> None:
    reference = ctx.reference()
    rng = np.random.default_rng(41)
    cases = ((_corpus()[1], 5, 3), (rng.integers(0, 3, size=50), 4, 8), (np.array([2, 2, 5, 5, 5]), 2, 1))
    for labels, k, seed in cases:
        folds = _check_folds(ctx, ctx.student.stratified_folds(labels, k, seed).fetch(), labels, k)
        expected = reference.stratified_folds(labels, k, seed)
        for fold, want in zip(folds, expected, strict=True):
            ctx.equal(fold.tolist(), want.tolist(), f"the folds of {len(labels)} labels, k = {k}")


@lab.check("Q4 evaluation procedure", hidden=True)
def procedure_answer(ctx: CheckContext) -> None:
    ctx.choice_answer("answer_procedure", "PROCEDURES")


@lab.check("Q5 metric", hidden=True)
def precision_recall_f1_on_random_and_edge_cases(ctx: CheckContext) -> None:
    reference = ctx.reference()
    rng = np.random.default_rng(42)
    cases = [(rng.integers(0, 2, size=40), rng.integers(0, 2, size=40)) for _ in range(3)]
    cases += [(np.array([1, 1, 0]), np.array([0, 0, 0])), (np.array([0, 0]), np.array([0, 1]))]
    cases += [(np.array([1, 0, 1]), np.array([1, 0, 1]))]
    for truth, guess in cases:
        got = _triple(ctx, ctx.student.precision_recall_f1(truth, guess), "(precision, recall, f1)")
        ctx.close(got, reference.precision_recall_f1(truth, guess), "(precision, recall, f1)", rtol=1e-12)


@lab.check("Q5 metric", hidden=True)
def metric_and_accuracy_answers(ctx: CheckContext) -> None:
    ctx.choice_answer("answer_metric", "METRICS")
    ctx.choice_answer("answer_accuracy_pitfall", "ACCURACY_PITFALLS")


# END HIDDEN
