"""Lab: predicting punctuation with n-gram models (n = 2 and n = 5), scored by F1 and ROC curves.

After each word of a French line, which of K = 7 classes follows it: nothing, ``,`` ``.`` ``?`` ``!``
``:`` or ``;`` (``mllabs_data.PUNCTUATION_CLASSES``; words and labels from ``load_punctuation``)? An n-gram
model answers from the n - 1 words that end at the word, with probabilities counted on the train split.

Conventions (the checks follow them exactly):
- Context. The context of word t (0-based) of a line is the tuple of the n - 1 tokens ending at word t:
  ``(w[t-n+2], ..., w[t])``, where positions before the line's first word hold ``START``. For n = 2 it is
  ``(w[t],)``; for n = 1 the empty tuple. Lines are independent: a context never reaches the line before.
- Counts. For every training position and every m = 0 .. n - 1, the suffix of length m of its context
  (the last m tokens; the empty tuple for m = 0) gets one count for the position's label:
  ``counts[suffix][k]``. So ``counts[()]`` holds the class counts of the whole train split.
- Probabilities, by back-off from the empty context (α = ``ALPHA``, β = ``BETA``):
      p_0(k)      = (counts[()][k] + α) / (Σ_k counts[()][k] + K α)
      p_m(k | s_m) = (counts[s_m][k] + β p_{m-1}(k | s_{m-1})) / (Σ_k counts[s_m][k] + β)
  where s_m is the suffix of length m of the context, for m = 1 .. n - 1; a suffix never seen in train has
  all counts 0, so p_m = p_{m-1} (the model backs off). The model's probabilities are p_{n-1}.
- Prediction: the class of highest probability (the smallest class index on a tie, as ``np.argmax``).
- One-vs-rest scores: for class k, the score of a word is its probability of k; the ROC curve of class k
  treats the words of class k as positives.

Letters: N words, K = 7 classes, n the order of the model (n - 1 context words).

Run ``python punctuation_ngrams.py`` to print F1 on dev and test for n = 2 and n = 5 and save the ROC
curves as ``punctuation_roc.png`` (needs matplotlib).
"""

from __future__ import annotations

import functools

import numpy as np

from mllabs_data import PUNCTUATION_CLASSES, load_punctuation

START = "<s>"
ALPHA = 1.0  # add-alpha on the class counts of the empty context
BETA = 1.0  # weight of the shorter context's distribution at each back-off level
K = len(PUNCTUATION_CLASSES)
ORDERS = (2, 5)
COMPARISONS = (
    "n = 2 has the higher macro F1 on dev: five words are too many to have been seen in train",
    "n = 5 has the higher macro F1 on dev: with back-off, the longer context helps where it was seen",
    "n = 2 and n = 5 have the same macro F1 on dev",
)

Counts = dict[tuple[str, ...], np.ndarray]


def contexts(words: list[str], n: int) -> list[tuple[str, ...]]:
    """The context of every word of one line: ``(w[t-n+2], ..., w[t])``, padded on the left with START.

    - words: list of T str; n: the model's order, >= 1
    Returns a list of T tuples of n - 1 str.
    """
    if n < 1:
        raise ValueError(f"n must be >= 1, got {n}")
    XXXX  # your code here


def count_contexts(lines: list[tuple[list[str], list[int]]], n: int) -> Counts:
    """Count the labels of every context suffix of length 0 .. n - 1 over tokenised lines.

    - lines: list of (words, labels) pairs as ``load_punctuation`` returns them; n: the order, >= 1
    Returns a dict {suffix tuple: int64 array of shape (K,)}, with an entry for every suffix seen (the
    empty tuple included).
    """
    counts: Counts = {}
    XXXX  # your code here
    return counts


def class_probabilities(counts: Counts, context: tuple[str, ...]) -> np.ndarray:
    """The model's p(k | context) for the 7 classes, by the module's back-off rule.

    - counts: as ``count_contexts`` returns them (for an order n with n - 1 = len(context))
    - context: a tuple of n - 1 str
    Returns a float array of shape (K,) that sums to 1.
    """
    unseen = np.zeros(K, dtype=np.int64)
    XXXX  # your code here
    return probabilities


def score_lines(counts: Counts, lines: list[tuple[list[str], list[int]]], n: int) -> np.ndarray:
    """The probabilities of every word of ``lines``, lines in order and words in order: shape (N, K)."""
    rows = [class_probabilities(counts, context) for words, _ in lines for context in contexts(words, n)]
    return np.array(rows).reshape(-1, K)


def roc_points(positives: np.ndarray, scores: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The ROC curve of one class: one point per distinct score, plus (0, 0).

    - positives: bool array of shape (N,), True for the class's words (at least one True and one False)
    - scores: float array of shape (N,)
    Thresholds are the distinct scores in decreasing order; at threshold s, the words with score >= s are
    flagged and the point is (false positive rate, true positive rate). The first point is (0, 0) (nothing
    flagged), the last (1, 1).
    Returns (fpr, tpr), two float arrays of shape (number of distinct scores + 1,).
    """
    positives = np.asarray(positives, dtype=bool)
    scores = np.asarray(scores, dtype=float)
    XXXX  # your code here
    return fpr, tpr


def auc(fpr: np.ndarray, tpr: np.ndarray) -> float:
    """The area under a ROC curve by the trapezoidal rule over its points, in order (a float)."""
    fpr, tpr = np.asarray(fpr, dtype=float), np.asarray(tpr, dtype=float)
    return float(XXXX)


def per_class_f1(truth: np.ndarray, predictions: np.ndarray) -> np.ndarray:
    """F1 of each of the K classes, one-vs-rest: 2 TP / (2 TP + FP + FN), 0 when that denominator is 0.

    - truth, predictions: int arrays of shape (N,) with values in range(K)
    Returns a float array of shape (K,). The macro F1 is its mean.
    """
    truth, predictions = np.asarray(truth), np.asarray(predictions)
    scores = np.zeros(K)
    XXXX  # your code here
    return scores


# --- the experiment (given): train once per order, then score a split --------------------------------


@functools.cache
def trained_counts(n: int) -> Counts:
    """``count_contexts`` on the train split, computed once per order n (given)."""
    return count_contexts(load_punctuation("train"), n)


def split_scores(n: int, split: str) -> np.ndarray:
    """The order-n model's probabilities for every word of a split (given): float array (N, K)."""
    return score_lines(trained_counts(n), load_punctuation(split), n)


def split_predictions(n: int, split: str) -> np.ndarray:
    """The predicted class of every word of a split (given): int8 array of shape (N,)."""
    return np.argmax(split_scores(n, split), axis=1).astype(np.int8)


def split_aucs(n: int, split: str) -> np.ndarray:
    """The one-vs-rest AUC of each class on a split (given, from your ``roc_points`` and ``auc``): (K,)."""
    scores = split_scores(n, split)
    truth = np.array([label for _, labels in load_punctuation(split) for label in labels])
    return np.array([auc(*roc_points(truth == k, scores[:, k])) for k in range(K)])


def answer_comparison() -> str:
    """Compare n = 2 and n = 5 by their dev macro F1 (see ``main()``): one of COMPARISONS, word for word."""
    return XXXX


def main() -> None:
    names = ["none" if not mark else mark for mark in PUNCTUATION_CLASSES]
    for split in ("dev", "test"):
        truth = np.array([label for _, labels in load_punctuation(split) for label in labels])
        for n in ORDERS:
            f1 = per_class_f1(truth, split_predictions(n, split))
            cells = "  ".join(f"{name} {value:.3f}" for name, value in zip(names, f1, strict=True))
            print(f"{split:>4} n = {n}: macro F1 {f1.mean():.3f}  ({cells})")
    print(answer_comparison())
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed: no ROC plot (pip install matplotlib)")
        return
    truth = np.array([label for _, labels in load_punctuation("dev") for label in labels])
    figure, axes = plt.subplots(1, len(ORDERS), figsize=(11, 5))
    for axis, n in zip(axes, ORDERS, strict=True):
        scores = split_scores(n, "dev")
        for k, name in enumerate(names):
            fpr, tpr = roc_points(truth == k, scores[:, k])
            axis.plot(fpr, tpr, label=f"{name} (AUC {auc(fpr, tpr):.3f})")
        axis.plot([0, 1], [0, 1], "k:", linewidth=0.8)
        axis.set(title=f"n = {n}, dev, one-vs-rest", xlabel="false positive rate", ylabel="true positive rate")
        axis.legend(loc="lower right")
    figure.tight_layout()
    figure.savefig("punctuation_roc.png", dpi=120)
    print("saved punctuation_roc.png")


if __name__ == "__main__":
    main()
