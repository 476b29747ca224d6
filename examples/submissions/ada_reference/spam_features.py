"""Lab: defining features for spam filtering, and evaluating them honestly.

The course's exercise: for a corpus of annotated e-mails, what is the main drawback of
(a) the normalised count of each character, and (b) the count of each possible word 5-gram?
What would good features be? Which evaluation procedure, and which metric?

Here every question is answered twice: by code that measures it on the SpamAssassin corpus
(``mllabs_data.load_spam``: 6,046 messages, 31 % spam) and by a short answer chosen from the module's
choices. The classifier is fixed and given (Gaussian naive Bayes, below): only the features change, so
the held-out F1 measures the features.

Letters: N messages, D features, K = 2 classes (0 ham, 1 spam), n the length of an n-gram.

Conventions:
- Words: ``tokenize(text)``, the runs of ASCII letters and digits of the lowercased text (given).
- Spam is the positive class of precision, recall and F1.
- The held-out split is ``mllabs_data.stratified_split(labels, test_fraction=0.2, seed=seed)``.

Run ``python spam_features.py`` to print the figures behind every answer.
"""

from __future__ import annotations

import collections
import re

import numpy as np

from mllabs_data import load_spam, stratified_split

CHARACTERS = "".join(chr(code) for code in range(32, 127))  # the 95 printable ASCII characters, space first
FEATURE_KINDS = ("characters", "ngrams", "mine")  # what held_out_predictions can build
NGRAM_SIZE = 5  # (b): word 5-grams
NGRAM_FEATURES = 2000  # (b) as classifier input: the counts of the 2,000 most frequent train 5-grams
TEST_FRACTION = 0.2

CHAR_DRAWBACKS = (
    "its dimension is too large to store for 6,000 messages",
    "spam and ham use nearly the same characters in nearly the same proportions, so it separates them poorly",
    "most characters occur in a single message, so their counts cannot be estimated",
)
NGRAM_DRAWBACKS = (
    "most test messages share no 5-gram at all with the training messages",
    "5-grams ignore the order of the words",
    "there are over a million distinct 5-grams and most occur once: too many, too sparse features to learn from",
)
PROCEDURES = (
    "train and measure on all the messages, to use as much data as possible",
    "a random split that ignores the labels, measured once",
    "stratified k-fold cross-validation: each message is tested once, by a model that never saw it",
)
METRICS = ("accuracy", "F1 of the spam class", "the number of spams caught")
ACCURACY_PITFALLS = (
    "accuracy cannot be computed when the classes are unbalanced",
    "a filter that never flags spam already scores 69 % accuracy: accuracy hides that it misses every spam",
    "accuracy rewards flagging every message as spam",
)

_WORD = re.compile(r"[a-z0-9]+")


# --- given: words, the fixed classifier, the held-out pipeline --------------------------------------


def tokenize(text: str) -> list[str]:
    """The words of a message (given): runs of ASCII letters and digits of ``text.lower()``, in order."""
    return _WORD.findall(text.lower())


def train_gaussian_nb(features: np.ndarray, labels: np.ndarray) -> dict[str, np.ndarray]:
    """Fit Gaussian naive Bayes (given): per class, each feature is normal and independent of the others.

    - features: array of shape (N, D); labels: int array of shape (N,) with values 0 and 1
    Returns {"log_priors": (K,), "means": (K, D), "variances": (K, D)}: per-class feature means and variances
    (population variances), each variance increased by 1e-9 times the largest variance of a feature over
    all N samples, so that no variance is 0 (scikit-learn's ``GaussianNB`` rule).
    """
    features = np.asarray(features, dtype=float)
    labels = np.asarray(labels)
    epsilon = 1e-9 * features.var(axis=0).max()
    classes = [features[labels == k] for k in range(2)]  # K arrays of shape (N_k, D)
    return {
        "log_priors": np.log([len(rows) / len(features) for rows in classes]),
        "means": np.stack([rows.mean(axis=0) for rows in classes]),  # (K, D)
        "variances": np.stack([rows.var(axis=0) for rows in classes]) + epsilon,  # (K, D)
    }


def predict_gaussian_nb(model: dict[str, np.ndarray], features: np.ndarray) -> np.ndarray:
    """The class of highest log posterior for each row (given): int64 array of shape (N,)."""
    features = np.asarray(features, dtype=float)[:, None, :]  # (N, 1, D)
    means, variances = model["means"], model["variances"]  # (K, D)
    log_likelihood = -0.5 * (np.log(2 * np.pi * variances) + (features - means) ** 2 / variances).sum(axis=2)  # (N, K)
    return np.argmax(log_likelihood + model["log_priors"], axis=1).astype(np.int64)


def build_features(kind: str, train_texts: list[str], texts: list[str]) -> np.ndarray:
    """The features of ``texts`` (given): "characters" (a), "ngrams" (b, capped) or "mine" (yours).

    Features that need a vocabulary choose it from ``train_texts`` only. Returns an array of shape (N, D).
    """
    if kind == "characters":
        return char_frequencies(texts)
    if kind == "ngrams":
        return top_ngram_features(train_texts, texts, NGRAM_SIZE, NGRAM_FEATURES)
    if kind == "mine":
        return my_features(train_texts, texts)
    raise ValueError(f"kind must be one of {FEATURE_KINDS}, got {kind!r}")


def split_texts(seed: int = 0) -> tuple[list[str], list[str]]:
    """The train and test messages of ``stratified_split(labels, 0.2, seed)``, in index order (given)."""
    texts, labels = load_spam()
    train, test = stratified_split(labels, TEST_FRACTION, seed)
    return [texts[i] for i in train], [texts[i] for i in test]


def held_out_predictions(kind: str, seed: int = 0) -> np.ndarray:
    """Train the fixed classifier on one kind of features and predict the held-out messages (given).

    - kind: one of FEATURE_KINDS; seed: the seed of ``stratified_split(labels, 0.2, seed)``
    Returns an int64 array of shape (N_test,): the predicted labels of the test messages, in the order of
    the split's (sorted) test indices.
    """
    _, labels = load_spam()
    train, _ = stratified_split(labels, TEST_FRACTION, seed)
    train_texts, test_texts = split_texts(seed)
    model = train_gaussian_nb(build_features(kind, train_texts, train_texts), labels[train])
    return predict_gaussian_nb(model, build_features(kind, train_texts, test_texts))


# --- (a) characters ---------------------------------------------------------------------------------


def char_frequencies(texts: list[str]) -> np.ndarray:
    """(a) The normalised count of each character.

    - texts: list of N str
    Returns a float array of shape (N, 96): column c < 95 counts ``CHARACTERS[c]``, column 95 every other
    character (newlines, tabs, non-ASCII letters...); each count is divided by ``len(text)``, so a row sums
    to 1 (a row of zeros for an empty text).
    """
    frequencies = np.zeros((len(texts), len(CHARACTERS) + 1))
    # BEGIN SOLUTION
    for i, text in enumerate(texts):
        codes = np.frombuffer(text.encode("utf-32-le"), dtype="<u4").astype(np.int64)  # (T,) code points
        columns = np.where((codes >= 32) & (codes < 127), codes - 32, len(CHARACTERS))  # (T,)
        frequencies[i] = np.bincount(columns, minlength=len(CHARACTERS) + 1) / max(len(text), 1)
    # END SOLUTION
    return frequencies


def answer_char_drawback() -> str:
    """(a)'s main drawback, as measured by ``main()``: one of CHAR_DRAWBACKS, word for word."""
    return CHAR_DRAWBACKS[1]  # SOLUTION


# --- (b) word 5-grams -------------------------------------------------------------------------------


def word_ngrams(words: list[str], n: int) -> list[tuple[str, ...]]:
    """The word n-grams of a word list, in order: ``words[t : t + n]`` as a tuple, for t = 0 .. T - n.

    - words: list of T str; n: >= 1
    Returns a list of T - n + 1 tuples of n str (an empty list when T < n).
    """
    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    return [tuple(words[t : t + n]) for t in range(len(words) - n + 1)]  # SOLUTION


def ngram_statistics(train_texts: list[str], test_texts: list[str], n: int = NGRAM_SIZE) -> dict[str, float]:
    """What (b) would cost: measured on the word n-grams (``word_ngrams(tokenize(text), n)``).

    Returns a dict with three entries:
    - "dimension": int, the number of distinct n-grams in ``train_texts`` (the length of (b)'s vector);
    - "seen_once": float, the share of those that occur exactly once in all of ``train_texts``;
    - "test_without_known": float, the share of ``test_texts`` none of whose n-grams occurs in train
      (a test text with no n-gram at all counts as one without a known n-gram).
    """
    # BEGIN SOLUTION
    counts = collections.Counter(gram for text in train_texts for gram in word_ngrams(tokenize(text), n))
    seen_once = sum(1 for count in counts.values() if count == 1)
    unknown = sum(1 for text in test_texts if not any(g in counts for g in word_ngrams(tokenize(text), n)))
    # END SOLUTION
    return {
        "dimension": len(counts),
        "seen_once": seen_once / len(counts),
        "test_without_known": unknown / len(test_texts),
    }


def top_ngram_features(train_texts: list[str], texts: list[str], n: int, k: int) -> np.ndarray:
    """(b) made usable: the counts, in each text, of the k most frequent word n-grams of ``train_texts``.

    Vocabulary: the n-grams of ``word_ngrams(tokenize(text), n)`` over ``train_texts``, counted with a
    ``collections.Counter`` fed the texts in order and, within a text, its n-grams in order; column j is
    the j-th entry of ``counter.most_common(k)`` (ties keep the order of first occurrence).
    Returns a float array of shape (len(texts), min(k, number of distinct n-grams)).
    """
    # BEGIN SOLUTION
    counts = collections.Counter(gram for text in train_texts for gram in word_ngrams(tokenize(text), n))
    columns = {gram: j for j, (gram, _) in enumerate(counts.most_common(k))}
    features = np.zeros((len(texts), len(columns)))
    for i, text in enumerate(texts):
        for gram in word_ngrams(tokenize(text), n):
            if gram in columns:
                features[i, columns[gram]] += 1
    # END SOLUTION
    return features


def answer_ngram_drawback() -> str:
    """(b)'s main drawback, as measured by ``ngram_statistics``: one of NGRAM_DRAWBACKS, word for word."""
    return NGRAM_DRAWBACKS[2]  # SOLUTION


# --- good features ----------------------------------------------------------------------------------


def my_features(train_texts: list[str], texts: list[str]) -> np.ndarray:
    """Your features: good ones make the fixed Gaussian naive Bayes reach a high held-out F1.

    - train_texts: the training messages (choose any vocabulary from these only)
    - texts: list of N messages to describe
    Returns a float array of shape (N, D) with D <= 5000, the same D for any ``texts`` given the same
    ``train_texts``. It must take under 10 s for the whole corpus.
    """
    # BEGIN SOLUTION
    # The presence (0/1) of each of the 1,000 most frequent train words: spam has its own vocabulary.
    counts = collections.Counter(word for text in train_texts for word in set(tokenize(text)))
    columns = {word: j for j, (word, _) in enumerate(counts.most_common(1000))}
    features = np.zeros((len(texts), len(columns)))
    for i, text in enumerate(texts):
        for word in set(tokenize(text)):
            if word in columns:
                features[i, columns[word]] = 1.0
    # END SOLUTION
    return features


def explain_features() -> str:
    """In a few sentences, what your features are and why they should tell spam from ham (read by hand)."""
    # BEGIN SOLUTION
    return (
        "Whether each of the 1,000 most frequent training words occurs in the message. Spam has a vocabulary "
        "of its own (click, free, money, remove, html markup) and ham one of mailing lists and code; presence "
        "ignores length, and the vocabulary is small enough to estimate every feature per class."
    )
    # END SOLUTION


# --- evaluation procedure and metric ----------------------------------------------------------------


def stratified_folds(labels: np.ndarray, k: int, seed: int = 0) -> list[np.ndarray]:
    """Split the indices 0..N-1 into k folds with the class proportions of ``labels`` (stratified).

    Rule: ``rng = np.random.default_rng(seed)``; for each class in ascending order, its indices (ascending)
    are shuffled with ``rng.permutation``, and the i-th of them (i = 0, 1, ...) goes to fold ``i % k``.
    - labels: array of shape (N,); k: number of folds, 2 <= k <= N
    Returns a list of k int64 arrays, each sorted ascending: every index is in exactly one fold, and each
    fold holds ``n_c // k`` or ``n_c // k + 1`` of the n_c indices of each class c.
    """
    labels = np.asarray(labels)
    if not 2 <= k <= len(labels):
        raise ValueError(f"k must be between 2 and the number of samples, got {k}")
    folds: list[list[int]] = [[] for _ in range(k)]
    # BEGIN SOLUTION
    rng = np.random.default_rng(seed)
    for value in np.unique(labels):
        for i, index in enumerate(rng.permutation(np.flatnonzero(labels == value))):
            folds[i % k].append(int(index))
    # END SOLUTION
    return [np.sort(np.array(fold, dtype=np.int64)) for fold in folds]


def answer_procedure() -> str:
    """Which evaluation procedure? One of PROCEDURES, word for word."""
    return PROCEDURES[2]  # SOLUTION


def precision_recall_f1(truth: np.ndarray, predictions: np.ndarray) -> tuple[float, float, float]:
    """Precision, recall and F1 of the spam class (label 1).

    precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2 P R / (P + R), where TP counts messages
    with truth 1 and prediction 1, FP truth 0 and prediction 1, FN truth 1 and prediction 0.
    A ratio whose denominator is 0 is 0.0 (no predicted spam: precision 0; P + R = 0: F1 0).
    - truth, predictions: int arrays of shape (N,) with values 0 and 1
    Returns (precision, recall, f1), three floats.
    """
    truth = np.asarray(truth)
    predictions = np.asarray(predictions)
    # BEGIN SOLUTION
    true_positives = int(np.sum((truth == 1) & (predictions == 1)))
    predicted, actual = int(np.sum(predictions == 1)), int(np.sum(truth == 1))
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    # END SOLUTION
    return float(precision), float(recall), float(f1)


def accuracy(truth: np.ndarray, predictions: np.ndarray) -> float:
    """The share of messages whose prediction equals the truth (a float)."""
    return float(np.mean(np.asarray(truth) == np.asarray(predictions)))  # SOLUTION


def answer_metric() -> str:
    """Which metric for a spam filter on this corpus? One of METRICS, word for word."""
    return METRICS[1]  # SOLUTION


def answer_accuracy_pitfall() -> str:
    """Why does accuracy mislead on this unbalanced corpus? One of ACCURACY_PITFALLS, word for word."""
    return ACCURACY_PITFALLS[1]  # SOLUTION


def explain_accuracy() -> str:
    """In a sentence or two, why accuracy misleads here and what F1 shows instead (read by hand)."""
    # BEGIN SOLUTION
    return (
        "With 69 % ham, predicting ham for every message is 69 % accurate while catching no spam; F1 of the spam "
        "class combines the share of flagged messages that are spam and the share of spams flagged, so it is 0 "
        "for that filter and only high when both are."
    )
    # END SOLUTION


def main() -> None:
    texts, labels = load_spam()
    train, test = stratified_split(labels, TEST_FRACTION, 0)
    train_texts, test_texts = split_texts(0)
    print(f"{len(texts)} messages, {labels.mean():.1%} spam; held out: {len(test)} (stratified, seed 0)")
    for kind in FEATURE_KINDS:
        precision, recall, f1 = precision_recall_f1(labels[test], held_out_predictions(kind, 0))
        print(f"{kind:>10}: precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    frequencies = char_frequencies(train_texts)
    ham, spam = (frequencies[labels[train] == k].mean(axis=0) for k in (0, 1))
    print(f"(a) total variation between the mean ham and spam character profiles: {0.5 * np.abs(ham - spam).sum():.3f}")
    print(f"(a) {answer_char_drawback()}")
    statistics = ngram_statistics(train_texts, test_texts)
    print(f"(b) {statistics['dimension']:,} distinct 5-grams in train, {statistics['seen_once']:.1%} seen once, "
          f"{statistics['test_without_known']:.1%} of test messages without a known one")  # fmt: skip
    print(f"(b) {answer_ngram_drawback()}")
    folds = stratified_folds(labels, 5, 0)
    print(f"procedure: {answer_procedure()}; fold sizes {[len(f) for f in folds]}")
    print(f"metric: {answer_metric()}")
    always_ham = np.zeros(len(test), dtype=np.int64)
    print(f"always ham: accuracy {accuracy(labels[test], always_ham):.3f}, "
          f"F1 {precision_recall_f1(labels[test], always_ham)[2]:.3f}: {answer_accuracy_pitfall()}")  # fmt: skip


if __name__ == "__main__":
    main()
