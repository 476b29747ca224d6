"""Lab: the perceptron on the rain data ("same classification as before").

The perceptron of the perceptron lab, trained on the classification of the linear-models lab: will it
rain more than 2 mm at the next observation, given pressure, temperature and rain now? The inputs are
standardised first (the unnormalized-AND exercise showed that the perceptron's updates add raw inputs:
pressure in Pa would swamp everything else). The data are not linearly separable, so the perceptron
never stops making mistakes; the lab records its accuracy after every epoch to see what that looks like.

Letters: N samples, D inputs per sample, E epochs, k folds.

Conventions (every function below follows them exactly):
- Data: ``classification_data(load_rain())``, the pairs of the linear-models lab (``rain_tomorrow``),
  standardised ONCE on the whole set with ``standardize`` before training or cross-validation.
- Standardising a column subtracts its mean and divides by its standard deviation (``np.std``, ddof=0).
- A perceptron has one weight per input and a bias, all starting at 0. It predicts 1 when
  ``w . x + b > 0`` (strictly), else 0. On a mistake the update is ``w += (y - y_hat) * x`` and
  ``b += (y - y_hat)`` (learning rate 1); on a correct prediction nothing changes.
- Order: ``rng = np.random.default_rng(seed)`` is created once when training starts; each epoch then
  visits the N samples in the order ``rng.permutation(N)`` (one new permutation per epoch, drawn at the
  start of the epoch), one sample at a time.
- One epoch is one pass over the N samples; training always runs ``epochs`` epochs (no early stop).
- The training curve holds, after each epoch, the accuracy of the current weights on the whole
  training set (the fraction of samples predicted right).
- k-fold cross-validation uses ``kfold_indices`` (consecutive blocks, as in the linear-models lab).
  For fold j a fresh perceptron is trained on the samples outside fold j (in their original order) with
  the SAME ``epochs`` and ``seed`` for every fold, then scored on fold j.

Run ``python perceptron_rain.py`` to print the accuracies and save the training curve as a PNG.
"""

from __future__ import annotations

import numpy as np

from mllabs_data import load_rain

RAIN_THRESHOLD_MM = 2.0  # as in the linear-models lab: rain_24h > 2 mm at t+1
CLASSIFICATION_COLUMNS = ("pressure", "temperature", "rain_24h")
EPOCHS = 20  # epochs of every run of main()
FOLDS = 5
SEED = 0
CURVE_CHOICES = (
    "it rises steadily and reaches 100% accuracy: the perceptron converges",
    "it oscillates from epoch to epoch and never reaches 100%: the classes are not linearly separable",
    "it falls steadily: the perceptron unlearns what it learned in the first epoch",
)


# --- data (given, as in the linear-models lab) ------------------------------------------------------------


def rain_tomorrow(hours: np.ndarray, observations: np.ndarray, rain: np.ndarray,
                  threshold: float = RAIN_THRESHOLD_MM) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Pair the observations at t with "does it rain at t+1?" (given: nothing to write here).

    t+1 is the next row, kept only when it is exactly 3 hours later (a pair across a gap is skipped).
    - hours: array of shape (N,); observations: array of shape (N, D); rain: array of shape (N,), mm
    Returns ``(inputs, labels)``: ``observations[t]`` of shape (M, D) and an int array of shape (M,),
    1 where ``rain[t + 1] > threshold``, for every kept t in time order.
    """
    follows = np.diff(hours) == 3.0  # (N - 1,)
    inputs = np.asarray(observations, dtype=float)[:-1][follows]  # (M, D)
    labels = (np.asarray(rain)[1:][follows] > threshold).astype(int)  # (M,)
    return inputs, labels


def classification_data(data) -> tuple[np.ndarray, np.ndarray]:
    """The lab's classification set from a ``RainData`` (not yet standardised): inputs (M, 3), labels (M,)."""
    observations = np.column_stack([getattr(data, name) for name in CLASSIFICATION_COLUMNS])  # (N, 3)
    return rain_tomorrow(data.hours, observations, data.rain)


def kfold_indices(n: int, k: int) -> list[np.ndarray]:
    """The test indices of each of the k folds: consecutive blocks, the first ``n % k`` of size
    ``n // k + 1`` and the others ``n // k`` (given: the folds of the linear-models lab)."""
    if not 1 < k <= n:
        raise ValueError(f"k must be between 2 and n={n}, got {k}")
    return list(np.array_split(np.arange(n), k))


# --- the perceptron ----------------------------------------------------------------------------------------


def standardize(inputs: np.ndarray) -> np.ndarray:
    """Each column minus its mean, divided by its standard deviation (ddof=0): (N, D) -> (N, D)."""
    inputs = np.asarray(inputs, dtype=float)
    return (inputs - inputs.mean(axis=0)) / inputs.std(axis=0)  # SOLUTION


def predict(weights: np.ndarray, bias: float, inputs: np.ndarray) -> np.ndarray:
    """Classes for every sample: weights (D,), bias, inputs (N, D) -> int array (N,), 1 where
    ``inputs @ weights + bias > 0``, else 0."""
    scores = np.asarray(inputs, dtype=float) @ np.asarray(weights, dtype=float) + bias  # (N,)  # SOLUTION
    return (scores > 0).astype(int)  # SOLUTION


def accuracy(weights: np.ndarray, bias: float, inputs: np.ndarray, labels: np.ndarray) -> float:
    """The fraction of the N samples that ``predict`` gets right (a float in [0, 1])."""
    return float(np.mean(predict(weights, bias, inputs) == np.asarray(labels)))  # SOLUTION


def train_perceptron(inputs: np.ndarray, labels: np.ndarray, epochs: int = EPOCHS,
                     seed: int = SEED) -> tuple[np.ndarray, float, np.ndarray]:  # fmt: skip
    """Train a perceptron for exactly ``epochs`` epochs with the module's convention.

    - inputs: array of shape (N, D), already standardised
    - labels: int array of shape (N,) of 0 and 1
    - epochs: the number of passes (>= 1); seed: the seed of the generator that orders the samples
    Returns ``(weights, bias, curve)``: float array (D,), float, and the training curve, a float array
    of shape (E,) whose entry e is the accuracy on ``inputs`` after epoch e + 1.
    """
    if epochs < 1:
        raise ValueError(f"epochs must be >= 1, got {epochs}")
    inputs, labels = np.asarray(inputs, dtype=float), np.asarray(labels)
    weights = np.zeros(inputs.shape[1])
    bias = 0.0
    curve = np.zeros(epochs)
    rng = np.random.default_rng(seed)
    # BEGIN SOLUTION
    for epoch in range(epochs):
        for n in rng.permutation(len(labels)):
            error = labels[n] - (1 if inputs[n] @ weights + bias > 0 else 0)
            if error != 0:
                weights += error * inputs[n]
                bias += error
        curve[epoch] = accuracy(weights, bias, inputs, labels)
    # END SOLUTION
    return weights, float(bias), curve


def cross_validation_accuracies(inputs: np.ndarray, labels: np.ndarray, k: int = FOLDS, epochs: int = EPOCHS,
                                seed: int = SEED) -> np.ndarray:  # fmt: skip
    """k-fold cross-validation of the perceptron (folds from ``kfold_indices(N, k)``).

    For each fold j: ``train_perceptron`` on the samples outside fold j (original order) with these
    ``epochs`` and ``seed``, then the ``accuracy`` of the trained perceptron on fold j.
    - inputs: array of shape (N, D), already standardised; labels: int array of shape (N,)
    Returns a float array of shape (k,): the test accuracy of each fold, in fold order.
    """
    inputs, labels = np.asarray(inputs, dtype=float), np.asarray(labels)
    accuracies = np.zeros(k)
    # BEGIN SOLUTION
    for j, test in enumerate(kfold_indices(len(labels), k)):
        train = np.setdiff1d(np.arange(len(labels)), test)  # sorted: the original order
        weights, bias, _ = train_perceptron(inputs[train], labels[train], epochs, seed)
        accuracies[j] = accuracy(weights, bias, inputs[test], labels[test])
    # END SOLUTION
    return accuracies


def answer_curve() -> str:
    """What does the training curve look like, and why? One of ``CURVE_CHOICES``, word for word."""
    return CURVE_CHOICES[1]  # SOLUTION


def save_curve(curve: np.ndarray, path: str) -> None:
    """Plot the training curve (accuracy per epoch) into ``path`` (PNG); needs matplotlib."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(6, 4))
    axes.plot(np.arange(1, len(curve) + 1), curve, marker="o")
    axes.set(xlabel="epoch", ylabel="training accuracy", title="Perceptron on the rain data")
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)


def main(curve_path: str = "perceptron_rain_curve.png") -> None:
    inputs, labels = classification_data(load_rain())
    inputs = standardize(inputs)
    print(f"rain > {RAIN_THRESHOLD_MM} mm at t+1 from {', '.join(CLASSIFICATION_COLUMNS)} at t (standardised): "
          f"{len(labels)} pairs; always predicting 'no rain' scores {1 - labels.mean():.4f}")  # fmt: skip
    weights, bias, curve = train_perceptron(inputs, labels, EPOCHS, SEED)
    print(f"training accuracy after {EPOCHS} epochs: {accuracy(weights, bias, inputs, labels):.4f}")
    print(f"training curve: {np.array2string(curve, precision=3)}")
    accuracies = cross_validation_accuracies(inputs, labels, FOLDS, EPOCHS, SEED)
    print(f"{FOLDS}-fold accuracies {np.array2string(accuracies, precision=4)}, mean {accuracies.mean():.4f}")
    print(f"the curve: {answer_curve()}")
    try:
        save_curve(curve, curve_path)
    except ImportError:
        print("matplotlib is not installed: no plot (pip install matplotlib)")
    else:
        print(f"training curve saved to {curve_path}")


if __name__ == "__main__":
    main()
