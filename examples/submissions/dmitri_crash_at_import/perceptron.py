"""Dmitri's perceptron fails at import: a typo in a module name."""

import numpyy as np  # noqa: F401


def train_perceptron(inputs, targets, max_epochs=100):
    return np.zeros(2), 0.0, 1, True
