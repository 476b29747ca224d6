"""Chloe's perceptron: written her own way, and right."""

import numpy as np

XOR_CHOICES = (
    "it converges after a few epochs",
    "it never converges: XOR is not linearly separable",
    "it converges only with a smaller learning rate",
)


def predict(weights, bias, inputs):
    return np.where(np.asarray(inputs, dtype=float).dot(weights) + bias > 0, 1, 0)


def train_perceptron(inputs, targets, max_epochs=100):
    inputs = np.asarray(inputs, dtype=float)
    weights, bias = np.zeros(inputs.shape[1]), 0.0
    for epoch in range(1, max_epochs + 1):
        mistakes = 0
        for x, y in zip(inputs, targets):
            y_hat = predict(weights, bias, x[None, :])[0]
            if y_hat != y:
                weights = weights + (y - y_hat) * x
                bias += y - y_hat
                mistakes += 1
        if mistakes == 0:
            return weights, float(bias), epoch, True
    return weights, float(bias), max_epochs, False


def answer_xor():
    return XOR_CHOICES[2]  # wrong answer
