"""Checks of the perceptron lab: numeric answers on the course's truth tables, and the training rule
itself on tables the student never sees."""

from __future__ import annotations

import itertools

import numpy as np

from ..checks import CheckContext, Lab

lab = Lab("perceptron", title="Perceptron on logical functions")

AND_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
AND_TARGETS = np.array([0, 0, 0, 1])
XOR_TARGETS = np.array([0, 1, 1, 0])
MAX_EPOCHS = 100
XOR_EPOCH_BOUND = 25


def _training_run(ctx: CheckContext, inputs, targets, max_epochs: int = MAX_EPOCHS) -> tuple:
    """Run the student's ``train_perceptron`` and check the form of its result."""
    run = ctx.student.train_perceptron(inputs, targets, max_epochs=max_epochs).fetch()
    ctx.require(
        isinstance(run, (tuple, list)) and len(run) == 4,
        f"train_perceptron should return (weights, bias, epochs, converged), got {type(run).__name__}",
    )
    weights, bias, epochs, converged = run
    dimensions = np.asarray(inputs).shape[1]
    weights = ctx.array(weights, "weights", shape=(dimensions,))
    bias = ctx.number(bias, "bias")
    ctx.require(type(epochs) is int, f"epochs should be an int, got {type(epochs).__name__}")
    ctx.require(type(converged) is bool, f"converged should be a bool, got {type(converged).__name__}")
    return weights, bias, epochs, converged


def _same_run(ctx: CheckContext, run: tuple, expected: tuple, table: str) -> None:
    weights, bias, epochs, converged = run
    ctx.equal(converged, bool(expected[3]), f"{table}: converged")
    ctx.equal(epochs, int(expected[2]), f"{table}: epochs")
    ctx.close(weights, expected[0], f"{table}: weights", rtol=0, atol=1e-9)
    ctx.close(bias, expected[1], f"{table}: bias", rtol=0, atol=1e-9)


@lab.frozen
def and_run(reference):
    return reference.train_perceptron(AND_INPUTS, AND_TARGETS, max_epochs=MAX_EPOCHS)


@lab.frozen
def unnormalized_and_run(reference):
    return reference.train_perceptron(2 * AND_INPUTS, AND_TARGETS, max_epochs=MAX_EPOCHS)


@lab.frozen
def and_predictions(reference):
    weights, bias, _, _ = reference.train_perceptron(AND_INPUTS, AND_TARGETS, max_epochs=MAX_EPOCHS)
    return reference.predict(weights, bias, AND_INPUTS)


@lab.check("Q1 prediction")
def predict_follows_the_strict_threshold(ctx: CheckContext) -> None:
    weights, bias, _, _ = ctx.frozen("and_run")
    predictions = ctx.student.predict(weights, bias, AND_INPUTS).fetch()
    ctx.close(predictions, ctx.frozen("and_predictions"), "predictions on AND with the trained weights")
    zero = ctx.student.predict(np.zeros(2), 0.0, AND_INPUTS).fetch()
    ctx.close(zero, np.zeros(4), "predictions with zero weights and bias (w.x + b = 0 is class 0)")


@lab.check("Q2 AND")
def and_converges_in_the_expected_epochs(ctx: CheckContext) -> None:
    _, _, epochs, converged = _training_run(ctx, AND_INPUTS, AND_TARGETS)
    expected = ctx.frozen("and_run")
    ctx.equal(converged, True, "AND: converged")
    ctx.equal(epochs, expected[2], "AND: epochs needed for convergence")


@lab.check("Q2 AND")
def and_trained_weights(ctx: CheckContext) -> None:
    _same_run(ctx, _training_run(ctx, AND_INPUTS, AND_TARGETS), ctx.frozen("and_run"), "AND")


@lab.check("Q3 unnormalized AND")
def unnormalized_and_converges_in_the_expected_epochs(ctx: CheckContext) -> None:
    _, _, epochs, converged = _training_run(ctx, 2 * AND_INPUTS, AND_TARGETS)
    expected = ctx.frozen("unnormalized_and_run")
    ctx.equal(converged, True, "unnormalized AND: converged")
    ctx.equal(epochs, expected[2], "unnormalized AND: epochs needed for convergence")


@lab.check("Q3 unnormalized AND")
def unnormalized_and_trained_weights(ctx: CheckContext) -> None:
    expected = ctx.frozen("unnormalized_and_run")
    _same_run(ctx, _training_run(ctx, 2 * AND_INPUTS, AND_TARGETS), expected, "unnormalized AND")


@lab.check("Q4 XOR", timeout=5)
def xor_stops_at_the_epoch_bound(ctx: CheckContext) -> None:
    _, _, epochs, converged = _training_run(ctx, AND_INPUTS, XOR_TARGETS, max_epochs=XOR_EPOCH_BOUND)
    ctx.equal(converged, False, f"XOR with max_epochs={XOR_EPOCH_BOUND}: converged")
    ctx.equal(epochs, XOR_EPOCH_BOUND, f"XOR with max_epochs={XOR_EPOCH_BOUND}: epochs")


# BEGIN HIDDEN
@lab.check("Q4 XOR", hidden=True)
def xor_answer(ctx: CheckContext) -> None:
    ctx.choice_answer("answer_xor", "XOR_CHOICES")


@lab.check("Q5 training rule", points=2, hidden=True)
def other_truth_tables_in_other_orders(ctx: CheckContext) -> None:
    reference = ctx.reference()
    rng = np.random.default_rng(20261203)
    for dimensions in (2, 3):
        corners = np.array(list(itertools.product([0, 1], repeat=dimensions)), dtype=float)
        for _ in range(4):
            order = rng.permutation(len(corners))
            weights = rng.integers(-3, 4, size=dimensions)
            targets = (corners @ weights + rng.integers(-2, 3) > 0).astype(int)  # separable by construction
            inputs = corners[order] * rng.choice([1, 2])
            expected = reference.train_perceptron(inputs, targets[order], max_epochs=MAX_EPOCHS)
            run = _training_run(ctx, inputs, targets[order])
            _same_run(ctx, run, expected, f"a {dimensions}-input truth table")


@lab.check("Q5 training rule", hidden=True)
def random_separable_data(ctx: CheckContext) -> None:
    reference = ctx.reference()
    rng = np.random.default_rng(7)
    inputs = rng.integers(-4, 5, size=(30, 4)).astype(float)
    targets = (inputs @ np.array([1.0, -2.0, 0.5, 1.0]) > 0.5).astype(int)
    expected = reference.train_perceptron(inputs, targets, max_epochs=200)
    _same_run(ctx, _training_run(ctx, inputs, targets, max_epochs=200), expected, "random separable data")


# END HIDDEN
