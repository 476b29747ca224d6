"""Checks of the perceptron-on-rain lab: the run with the lab's seed against the reference, accuracies
against thresholds calibrated on the reference over seeds (tests/test_lab_perceptron_rain.py), the
training curve, and the cross-validation; hidden checks use other data, seeds and folds."""

from __future__ import annotations

import numpy as np

from ..checks import CheckContext, Lab
from .linear_models import rain_tomorrow

lab = Lab("perceptron_rain", title="The perceptron on the rain data")

EPOCHS, FOLDS, SEED = 20, 5, 0
# The reference scores 0.929-0.969 (training, last epoch) and 0.920-0.947 (5-fold mean) over seeds 0-19;
# always predicting "no rain" scores 0.858, and so does a perceptron on unstandardised inputs.
MIN_TRAINING_ACCURACY = 0.875
MIN_CROSS_VALIDATION_ACCURACY = 0.865


def standardized_data() -> tuple[np.ndarray, np.ndarray]:
    """The lab's classification pairs, each input column standardised on the whole set (ddof=0)."""
    inputs, labels = rain_tomorrow()
    return (inputs - inputs.mean(axis=0)) / inputs.std(axis=0), labels


def _accuracy(weights: np.ndarray, bias: float, inputs: np.ndarray, labels: np.ndarray) -> float:
    return float(np.mean(((inputs @ weights + bias) > 0).astype(int) == labels))


def _training_run(ctx: CheckContext, inputs, labels, epochs: int = EPOCHS, seed: int = SEED) -> tuple:
    """Run the student's ``train_perceptron`` and check the form of ``(weights, bias, curve)``."""
    run = ctx.student.train_perceptron(inputs, labels, epochs=epochs, seed=seed).fetch()
    ctx.require(isinstance(run, (tuple, list)) and len(run) == 3,
                f"train_perceptron should return (weights, bias, curve), got {type(run).__name__}")  # fmt: skip
    weights = ctx.array(run[0], "weights", shape=(inputs.shape[1],))
    bias = ctx.number(run[1], "bias")
    curve = ctx.array(run[2], "the training curve", shape=(epochs,))
    return weights, bias, curve


def _same_run(ctx: CheckContext, run: tuple, expected: tuple, what: str) -> None:
    for got, want, name in zip(run, expected, ("weights", "bias", "training curve"), strict=True):
        ctx.close(got, want, f"{what}: {name}", rtol=0, atol=1e-9)


@lab.frozen
def seed_run(reference):
    inputs, labels = standardized_data()
    return reference.train_perceptron(inputs, labels, EPOCHS, SEED)


@lab.frozen
def cross_validation(reference):
    inputs, labels = standardized_data()
    return reference.cross_validation_accuracies(inputs, labels, FOLDS, EPOCHS, SEED)


@lab.check("Q1 standardisation")
def standardized_columns_have_zero_mean_and_unit_deviation(ctx: CheckContext) -> None:
    inputs, _ = rain_tomorrow()
    scaled = ctx.array(ctx.student.standardize(inputs).fetch(), "standardize(inputs)", shape=inputs.shape)
    ctx.close(scaled.mean(axis=0), np.zeros(3), "the column means after standardize", atol=1e-9)
    ctx.close(scaled.std(axis=0), np.ones(3), "the column standard deviations (ddof=0) after standardize")
    ctx.close(scaled, standardized_data()[0], "standardize(inputs)", rtol=1e-9)


@lab.check("Q2 prediction")
def predictions_and_accuracy_of_given_weights(ctx: CheckContext) -> None:
    inputs, labels = standardized_data()
    weights, bias, _ = ctx.frozen("seed_run")
    predictions = ctx.student.predict(weights, bias, inputs).fetch()
    ctx.close(predictions, ((inputs @ weights + bias) > 0).astype(int), "predictions with the reference's weights")
    zero = ctx.student.predict(np.zeros(3), 0.0, inputs[:5]).fetch()
    ctx.close(zero, np.zeros(5), "predictions with zero weights and bias (w.x + b = 0 is class 0)")
    value = ctx.number(ctx.student.accuracy(weights, bias, inputs, labels).fetch(), "accuracy")
    ctx.close(value, _accuracy(weights, bias, inputs, labels), "accuracy with the reference's weights", rtol=1e-12)


@lab.check("Q3 training")
def run_with_the_labs_seed_matches_the_reference(ctx: CheckContext) -> None:
    inputs, labels = standardized_data()
    _same_run(ctx, _training_run(ctx, inputs, labels), ctx.frozen("seed_run"), f"seed {SEED}")


@lab.check("Q3 training")
def training_accuracy_clears_the_threshold(ctx: CheckContext) -> None:
    inputs, labels = standardized_data()
    weights, bias, _ = _training_run(ctx, inputs, labels)
    ctx.at_least(_accuracy(weights, bias, inputs, labels), MIN_TRAINING_ACCURACY,
                 f"training accuracy after {EPOCHS} epochs")  # fmt: skip


@lab.check("Q3 training")
def training_curve_records_every_epoch(ctx: CheckContext) -> None:
    inputs, labels = standardized_data()
    weights, bias, curve = _training_run(ctx, inputs, labels, epochs=7, seed=SEED)
    ctx.require(np.all((curve >= 0) & (curve <= 1)), "the training curve should hold accuracies in [0, 1]")
    ctx.close(curve[-1], _accuracy(weights, bias, inputs, labels), "the last point of the curve (the accuracy "
              "of the returned weights on the training set)", rtol=0, atol=1e-12)  # fmt: skip
    _, _, longer = _training_run(ctx, inputs, labels, epochs=9, seed=SEED)
    ctx.close(longer[:7], curve, "the first 7 points of a 9-epoch curve (the same run, continued)", rtol=0, atol=1e-12)


@lab.check("Q4 cross-validation")
def fold_accuracies_match_the_reference(ctx: CheckContext) -> None:
    inputs, labels = standardized_data()
    accuracies = ctx.student.cross_validation_accuracies(inputs, labels, FOLDS, EPOCHS, SEED).fetch()
    ctx.close(accuracies, ctx.frozen("cross_validation"), f"the {FOLDS} fold accuracies", rtol=0, atol=1e-12)


@lab.check("Q4 cross-validation")
def cross_validated_accuracy_clears_the_threshold(ctx: CheckContext) -> None:
    inputs, labels = standardized_data()
    accuracies = ctx.student.cross_validation_accuracies(inputs, labels, FOLDS, EPOCHS, SEED).fetch()
    accuracies = ctx.array(accuracies, "the fold accuracies", shape=(FOLDS,))
    ctx.at_least(float(accuracies.mean()), MIN_CROSS_VALIDATION_ACCURACY, f"the mean {FOLDS}-fold accuracy")


# BEGIN HIDDEN
@lab.check("Q3 training", hidden=True)
def run_on_separable_data_and_another_seed(ctx: CheckContext) -> None:
    reference = ctx.reference()
    rng = np.random.default_rng(17)
    inputs = rng.normal(size=(60, 4))
    labels = (inputs @ np.array([1.0, -2.0, 0.5, 1.5]) > 0.3).astype(int)
    for epochs, seed in ((12, 5), (3, 123)):
        expected = reference.train_perceptron(inputs, labels, epochs, seed)
        _same_run(ctx, _training_run(ctx, inputs, labels, epochs, seed), expected, "a run on other data")
    inputs, labels = standardized_data()
    expected = reference.train_perceptron(inputs, labels, 4, 99)
    _same_run(ctx, _training_run(ctx, inputs, labels, 4, 99), expected, "a run with another seed")


@lab.check("Q3 training", hidden=True)
def training_accuracy_with_other_seeds(ctx: CheckContext) -> None:
    inputs, labels = standardized_data()
    for seed in (101, 202):
        weights, bias, _ = _training_run(ctx, inputs, labels, EPOCHS, seed)
        ctx.at_least(_accuracy(weights, bias, inputs, labels), MIN_TRAINING_ACCURACY, "training accuracy")


@lab.check("Q4 cross-validation", hidden=True)
def cross_validation_with_other_folds_and_seed(ctx: CheckContext) -> None:
    reference = ctx.reference()
    inputs, labels = standardized_data()
    accuracies = ctx.student.cross_validation_accuracies(inputs, labels, 4, 6, 3).fetch()
    expected = reference.cross_validation_accuracies(inputs, labels, 4, 6, 3)
    ctx.close(accuracies, expected, "the fold accuracies (k=4, 6 epochs, seed 3)", rtol=0, atol=1e-12)


@lab.check("Q5 the training curve", hidden=True)
def curve_answer_backed_by_the_curve(ctx: CheckContext) -> None:
    ctx.choice_answer("answer_curve", "CURVE_CHOICES")
    inputs, labels = standardized_data()
    _, _, curve = _training_run(ctx, inputs, labels)
    ctx.require(curve.max() < 1.0, "your training curve reaches 100% accuracy, which these data do not allow")
    ctx.require(np.any(np.diff(curve) < 0) and np.any(np.diff(curve) > 0), "your training curve does not oscillate")


# END HIDDEN
