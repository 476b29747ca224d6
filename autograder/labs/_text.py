"""Helpers shared by the checks of the text labs (spam_features, punctuation_ngrams, dirichlet): scores
computed in the grader from fetched predictions."""

from __future__ import annotations

import numpy as np

from ..checks import CheckContext
from ..sandbox.session import Remote


def per_class_f1(truth: np.ndarray, predictions: np.ndarray, classes: int) -> np.ndarray:
    """F1 of each class 0..classes-1 (one-vs-rest; 0 where a class is neither true nor predicted)."""
    truth = np.asarray(truth, dtype=np.int64)
    predictions = np.asarray(predictions, dtype=np.int64)
    scores = np.zeros(classes)
    for k in range(classes):
        true_positives = np.sum((truth == k) & (predictions == k))
        predicted, actual = np.sum(predictions == k), np.sum(truth == k)
        if predicted + actual:
            scores[k] = 2 * true_positives / (predicted + actual)
    return scores


def predictions(ctx: CheckContext, remote: Remote, size: int, classes: int, what: str) -> np.ndarray:
    """Fetch an (N,) array of class indices in ``range(classes)``, or fail with a readable message."""
    array = ctx.array(remote.fetch(), what, shape=(size,))
    ctx.require(
        np.all(array == np.round(array)) and array.min(initial=0) >= 0 and array.max(initial=0) < classes,
        f"{what} should hold class indices 0 to {classes - 1}",
    )
    return array.astype(np.int64)
