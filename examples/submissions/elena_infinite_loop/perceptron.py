"""Elena's perceptron: right, except that training never stops on data it cannot separate."""

import numpy as np

XOR_CHOICES = (
    "it converges after a few epochs",
    "it never converges: XOR is not linearly separable",
    "it converges only with a smaller learning rate",
)


def predict(weights, bias, inputs):
    return (np.asarray(inputs, dtype=float) @ weights + bias > 0).astype(int)


def train_perceptron(inputs, targets, max_epochs=100):
    inputs = np.asarray(inputs, dtype=float)
    weights, bias, epochs = np.zeros(inputs.shape[1]), 0.0, 0
    while True:  # forgot the max_epochs bound: loops forever on XOR
        epochs += 1
        mistakes = 0
        for x, y in zip(inputs, targets):
            error = y - int(x @ weights + bias > 0)
            if error:
                weights += error * x
                bias += error
                mistakes += 1
        if mistakes == 0:
            return weights, float(bias), epochs, True


def answer_xor():
    return XOR_CHOICES[1]
