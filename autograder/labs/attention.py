"""Checks of the attention lab: shapes, weights that form a distribution over the sequence, the
computation itself (frozen parameters publicly, the student's own hidden), a trainable context vector,
and a classifier that must find the one position that matters."""

from __future__ import annotations

import numpy as np

from mllabs_data import one_position_sequences

from ..checks import CheckContext, Lab
from ..sandbox.session import Tensor

lab = Lab("attention", title="Attention pooling in PyTorch")

BATCH, LENGTH, FEATURES = 3, 5, 4
TRAIN_SIZE, TEST_SIZE, TASK_LENGTH, TASK_FEATURES = 500, 500, 10, 8
MIN_HELD_OUT_ACCURACY = 0.85  # the reference scores 0.92-0.99, mean pooling about 0.6 (tests/test_calibration.py)


def frozen_inputs(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A fixed context vector (D,) and a fixed batch of sequences (N, T, D) for the public comparison."""
    rng = np.random.default_rng(seed)
    context = rng.normal(size=FEATURES).astype(np.float32)
    sequences = rng.normal(size=(BATCH, LENGTH, FEATURES)).astype(np.float32)
    return context, sequences


@lab.frozen
def frozen_pooling(reference):
    import torch

    context, sequences = frozen_inputs()
    attention = reference.Attention(FEATURES)
    attention.load_state_dict({"context": torch.from_numpy(context)})
    x = torch.from_numpy(sequences)
    return attention.weights(x), attention(x)


def _pool(ctx: CheckContext, attention, sequences: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The student's weights (N, T) and output (N, D) on ``sequences``, with their shapes checked."""
    batch, length, features = sequences.shape
    weights = ctx.array(attention.weights(Tensor(sequences)).fetch(), "weights(x)", shape=(batch, length))
    output = ctx.array(attention(Tensor(sequences)).fetch(), "forward(x)", shape=(batch, features))
    return weights, output


@lab.check("Q1 shapes")
def output_is_one_vector_per_sequence(ctx: CheckContext) -> None:
    attention = ctx.student.Attention(FEATURES)
    _pool(ctx, attention, np.ones((BATCH, LENGTH, FEATURES), np.float32))
    ctx.array(attention.context.fetch(), "the context vector", shape=(FEATURES,))


@lab.check("Q2 weights")
def weights_are_a_distribution_over_the_sequence(ctx: CheckContext) -> None:
    attention = ctx.student.Attention(FEATURES)
    sequences = np.random.default_rng(5).normal(size=(BATCH, LENGTH, FEATURES)).astype(np.float32)
    weights, _ = _pool(ctx, attention, sequences)
    ctx.require(bool(np.all(weights >= 0)), "some attention weights are negative")
    ctx.close(weights.sum(axis=1), np.ones(BATCH), "the sum of the weights over the sequence", rtol=1e-5)


@lab.check("Q3 computation")
def computes_attention_on_given_parameters(ctx: CheckContext) -> None:
    context, sequences = frozen_inputs()
    attention = ctx.student.Attention(FEATURES)
    attention.load_state_dict({"context": Tensor(context)})
    weights, output = _pool(ctx, attention, sequences)
    expected_weights, expected_output = ctx.frozen("frozen_pooling")
    ctx.close(weights, expected_weights, "weights(x)", rtol=1e-4, atol=1e-6)
    ctx.close(output, expected_output, "forward(x)", rtol=1e-4, atol=1e-6)


@lab.check("Q3 computation")
def context_vector_is_trainable(ctx: CheckContext) -> None:
    attention = ctx.student.Attention(FEATURES)
    parameters = ctx.module("builtins").dict(attention.named_parameters()).fetch()  # name -> array
    ctx.require("context" in parameters, "the context vector is not a parameter: make it an nn.Parameter")
    sequences = np.random.default_rng(6).normal(size=(BATCH, LENGTH, FEATURES)).astype(np.float32)
    attention(Tensor(sequences)).sum().backward()
    gradient = attention.context.grad.fetch()
    ctx.require(gradient is not None, "the context vector received no gradient: is it an nn.Parameter?")
    gradient = ctx.array(gradient, "the gradient of the context vector", shape=(FEATURES,))
    ctx.require(np.abs(gradient).sum() > 0, "the gradient of the context vector is all zeros")


@lab.check("Q4 training", points=2, timeout=60)
def finds_the_position_that_matters(ctx: CheckContext) -> None:
    accuracy = held_out_accuracy(ctx, train_seed=11, test_seed=22)
    ctx.at_least(accuracy, MIN_HELD_OUT_ACCURACY, "held-out accuracy after the lab's train()")


def held_out_accuracy(ctx: CheckContext, *, train_seed: int, test_seed: int) -> float:
    """Train the lab's classifier in the sandbox, score its predictions here; test labels never leave."""
    train_x, train_y = one_position_sequences(TRAIN_SIZE, TASK_LENGTH, TASK_FEATURES, seed=train_seed)
    test_x, test_y = one_position_sequences(TEST_SIZE, TASK_LENGTH, TASK_FEATURES, seed=test_seed)
    model = ctx.student.AttentionClassifier(TASK_FEATURES, 2)
    ctx.student.train(model, Tensor(train_x), Tensor(train_y))
    predictions = ctx.array(ctx.student.predict(model, Tensor(test_x)).fetch(), "predictions", shape=(TEST_SIZE,))
    return float((predictions == test_y).mean())


# BEGIN HIDDEN
@lab.check("Q3 computation", hidden=True)
def matches_the_reference_on_its_own_parameters(ctx: CheckContext) -> None:
    import torch

    for batch, length, features in ((2, 7, 6), (1, 1, 3), (4, 3, 1)):
        attention = ctx.student.Attention(features)
        context = ctx.array(attention.context.fetch(), "the context vector", shape=(features,))
        sequences = np.random.default_rng(length).normal(size=(batch, length, features)).astype(np.float32)
        weights, output = _pool(ctx, attention, sequences)
        reference = ctx.reference().Attention(features)
        reference.load_state_dict({"context": torch.from_numpy(context.astype(np.float32))})
        x = torch.from_numpy(sequences)
        ctx.close(weights, reference.weights(x).detach().numpy(), "weights(x)", rtol=1e-4, atol=1e-6)
        ctx.close(output, reference(x).detach().numpy(), "forward(x)", rtol=1e-4, atol=1e-6)


@lab.check("Q4 training", hidden=True, timeout=60)
def finds_the_position_on_other_sequences(ctx: CheckContext) -> None:
    accuracy = held_out_accuracy(ctx, train_seed=5051, test_seed=6061)
    ctx.at_least(accuracy, MIN_HELD_OUT_ACCURACY, "held-out accuracy on other sequences")


# END HIDDEN
