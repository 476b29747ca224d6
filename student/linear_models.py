"""Lab: linear models on the rain data, for regression and for classification.

A linear model predicts ``y_hat = b + x . w``. Writing ``A = [1, X]`` (a column of ones before the inputs)
and ``theta = [b, w]``, the least-squares solution minimises ``||A theta - y||^2``; setting the gradient
``2 A^T (A theta - y)`` to zero gives the normal equations and their closed form:

    A^T A theta = A^T y        =>        theta = (A^T A)^{-1} A^T y

The lab fits it to predict the rain from the date, from the pressure, then from temperature and pressure;
compares it with a random linear model; asks which input tells more about the rain; and turns the same
solution into a classifier ("will it rain more than 2 mm at the next observation?") judged on its
training error and by k-fold cross-validation.

Letters: N samples, D inputs per sample (the bias is not counted in D).

Conventions (every function below follows them exactly):
- Data: ``load_rain()`` with its default ``drop_missing=True`` (rows with a missing value are dropped),
  in file (time) order. "rain" is ``rain_24h`` in mm; pressure in Pa; temperature in K; "date" is
  ``hours``, the hours elapsed since the first observation. No unit is converted.
- A weight vector ``theta`` has D + 1 entries, the bias FIRST: ``theta = [b, w_1, ..., w_D]``.
- The squared error of a model is the MEAN over the N samples of ``(y_hat - y)^2`` (in mm^2).
- Standardising a column subtracts its mean and divides by its standard deviation (``np.std``,
  population formula: ddof=0), both computed on the inputs given.
- Classification: labels are 0 or 1. The classifier is the least-squares solution for the targets
  ``t = 2 * label - 1`` (that is -1 or +1); it predicts 1 where ``b + x . w > 0`` (strictly), else 0.
  Its error is the fraction of samples it gets wrong.
- k-fold cross-validation: the samples are NOT shuffled. Fold j (j = 0 .. k-1) is the j-th block of
  consecutive indices, the first ``N % k`` folds holding ``N // k + 1`` samples and the others ``N // k``
  (what ``np.array_split(np.arange(N), k)`` gives). For fold j, the classifier is fitted on every other
  sample (kept in their original order) and its error is measured on fold j.

Run ``python linear_models.py`` to print every answer on the rain data.
"""

from __future__ import annotations

import numpy as np

from mllabs_data import load_rain

RAIN_THRESHOLD_MM = 2.0  # "it rains" at t+1 means rain_24h > 2 mm at the next observation
CLASSIFICATION_COLUMNS = ("pressure", "temperature", "rain_24h")  # the observations at t, in this order
RELEVANCE_CHOICES = ("temperature", "pressure")
FOLDS = 5  # k of the cross-validation run by main()


# --- data (given) --------------------------------------------------------------------------------------


def rain_tomorrow(hours: np.ndarray, observations: np.ndarray, rain: np.ndarray,
                  threshold: float = RAIN_THRESHOLD_MM) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Pair the observations at t with "does it rain at t+1?" (given: nothing to write here).

    t+1 is the next row, kept only when it is exactly 3 hours later (dropping rows with missing values
    leaves gaps; a pair across a gap is skipped).

    - hours: array of shape (N,), hours since the first observation (``RainData.hours``)
    - observations: array of shape (N, D), the inputs at each time
    - rain: array of shape (N,), rain_24h in mm
    Returns ``(inputs, labels)``: ``observations[t]`` of shape (M, D) and an int array of shape (M,),
    1 where ``rain[t + 1] > threshold``, for every kept t in time order.
    """
    follows = np.diff(hours) == 3.0  # (N - 1,): row t+1 is the next 3-hourly observation
    inputs = np.asarray(observations, dtype=float)[:-1][follows]  # (M, D)
    labels = (np.asarray(rain)[1:][follows] > threshold).astype(int)  # (M,)
    return inputs, labels


def classification_data(data) -> tuple[np.ndarray, np.ndarray]:
    """The lab's classification set from a ``RainData``: ``rain_tomorrow`` on ``CLASSIFICATION_COLUMNS``."""
    observations = np.column_stack([getattr(data, name) for name in CLASSIFICATION_COLUMNS])  # (N, 3)
    return rain_tomorrow(data.hours, observations, data.rain)


# --- regression -----------------------------------------------------------------------------------------


def with_bias(inputs: np.ndarray) -> np.ndarray:
    """Prepend a column of ones: inputs of shape (N, D) -> array of shape (N, D + 1), ones first."""
    inputs = np.asarray(inputs, dtype=float)
    return np.column_stack(XXXX)


def fit_least_squares(inputs: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """The least-squares linear model with a bias, from the normal equations.

    - inputs: array of shape (N, D) (a single input is a column: shape (N, 1))
    - targets: array of shape (N,)
    Returns ``theta``, a float array of shape (D + 1,), bias first, equal to ``(A^T A)^{-1} A^T y`` with
    ``A = with_bias(inputs)`` (use ``np.linalg.inv``, ``np.dot`` and ``np.transpose``).
    """
    design = with_bias(inputs)  # (N, D + 1)
    targets = np.asarray(targets, dtype=float)
    XXXX  # your code here
    return theta


def predict_linear(theta: np.ndarray, inputs: np.ndarray) -> np.ndarray:
    """The model's outputs ``b + x . w`` for every sample: theta (D + 1,), inputs (N, D) -> (N,)."""
    return np.dot(XXXX)


def squared_error(theta: np.ndarray, inputs: np.ndarray, targets: np.ndarray) -> float:
    """The mean over the N samples of ``(y_hat - y)^2`` for the model ``theta`` (any model, not only the
    fitted one). theta (D + 1,), inputs (N, D), targets (N,). Returns a float."""
    residuals = XXXX  # (N,)
    return float(XXXX)


# --- which input tells more about the rain ----------------------------------------------------------------


def standardize(inputs: np.ndarray) -> np.ndarray:
    """Each column minus its mean, divided by its standard deviation (ddof=0): (N, D) -> (N, D)."""
    inputs = np.asarray(inputs, dtype=float)
    return XXXX


def one_input_errors(inputs: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """The evidence for "which input is the most relevant?".

    Standardise ``inputs`` (N, D); then for each column j, fit the least-squares model on that column
    alone (shape (N, 1), with a bias) and measure its squared error on the same data.
    Returns a float array of shape (D,): entry j is the error of the model that uses column j only.
    """
    scaled = standardize(inputs)  # (N, D)
    errors = np.zeros(scaled.shape[1])
    XXXX  # your code here
    return errors


def answer_relevant_input() -> str:
    """Which input is the most relevant to predict the rain? One of ``RELEVANCE_CHOICES``, word for word
    (your ``one_input_errors`` on [temperature, pressure] is the evidence)."""
    return XXXX


# --- classification ----------------------------------------------------------------------------------------


def fit_linear_classifier(inputs: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """The optimal linear classifier under the square loss: least squares on the targets ``2 * label - 1``.

    - inputs: array of shape (N, D); labels: int array of shape (N,) of 0 and 1
    Returns theta of shape (D + 1,), bias first.
    """
    targets = XXXX  # (N,) in {-1, +1}
    return fit_least_squares(XXXX)


def predict_classes(theta: np.ndarray, inputs: np.ndarray) -> np.ndarray:
    """Classes for every sample: an int array of shape (N,), 1 where ``b + x . w > 0``, else 0."""
    return XXXX


def classification_error(theta: np.ndarray, inputs: np.ndarray, labels: np.ndarray) -> float:
    """The fraction of the N samples whose predicted class differs from the label (a float in [0, 1])."""
    return float(XXXX)


def kfold_indices(n: int, k: int) -> list[np.ndarray]:
    """The test indices of each fold: a list of k int arrays, fold j being the j-th block of consecutive
    indices of ``range(n)``; the first ``n % k`` folds hold ``n // k + 1`` indices, the others ``n // k``."""
    if not 1 < k <= n:
        raise ValueError(f"k must be between 2 and n={n}, got {k}")
    XXXX  # your code here
    return folds


def cross_validation_errors(inputs: np.ndarray, labels: np.ndarray, k: int) -> np.ndarray:
    """k-fold cross-validation of the linear classifier (folds from ``kfold_indices(N, k)``).

    For each fold j: fit ``fit_linear_classifier`` on the samples outside fold j (in their original
    order), then measure its ``classification_error`` on fold j.
    - inputs: array of shape (N, D); labels: int array of shape (N,)
    Returns a float array of shape (k,): the test error of each fold, in fold order.
    """
    inputs, labels = np.asarray(inputs, dtype=float), np.asarray(labels)
    errors = np.zeros(k)
    XXXX  # your code here
    return errors


def main() -> None:
    data = load_rain()
    print(f"{len(data)} complete observations; rain = rain_24h (mm)")
    regressions = {
        "rain = f(date)": data.hours[:, None],  # (N, 1)
        "rain = f(pressure)": data.pressure[:, None],  # (N, 1)
        "rain = f(temperature, pressure)": np.column_stack([data.temperature, data.pressure]),  # (N, 2)
    }
    rng = np.random.default_rng(0)
    for name, inputs in regressions.items():
        theta = fit_least_squares(inputs, data.rain)
        random_theta = theta + 0.05 * np.abs(theta) * rng.normal(size=theta.shape)  # a random nearby model
        print(f"{name:>32}: theta = {np.array2string(theta, precision=6)}, "
              f"squared error {squared_error(theta, inputs, data.rain):.4f} mm^2 "
              f"(a random model: {squared_error(random_theta, inputs, data.rain):.4f})")  # fmt: skip
    errors = one_input_errors(np.column_stack([data.temperature, data.pressure]), data.rain)
    print(f"one-input errors on standardised data: temperature {errors[0]:.4f}, pressure {errors[1]:.4f}; "
          f"most relevant: {answer_relevant_input()}")  # fmt: skip
    inputs, labels = classification_data(data)
    theta = fit_linear_classifier(inputs, labels)
    print(f"rain > {RAIN_THRESHOLD_MM} mm at t+1 from {', '.join(CLASSIFICATION_COLUMNS)} at t: "
          f"{len(labels)} pairs, {labels.mean():.3f} positive")  # fmt: skip
    print(f"  training error {classification_error(theta, inputs, labels):.4f}")
    fold_errors = cross_validation_errors(inputs, labels, FOLDS)
    print(f"  {FOLDS}-fold errors {np.array2string(fold_errors, precision=4)}, mean {fold_errors.mean():.4f}")


if __name__ == "__main__":
    main()
