"""Checks of the RNN-cell lab: layer shapes, log-probabilities, the computation itself (on frozen weights
publicly, on the student's own weights hidden), gradients, and a training run judged on held-out data."""

from __future__ import annotations

import numpy as np

from mllabs_data import majority_symbol_sequences

from ..checks import CheckContext, Lab
from ..sandbox.session import Remote, Tensor

lab = Lab("rnn", title="A recurrent cell in PyTorch")

INPUT, HIDDEN, OUTPUT, BATCH = 5, 7, 3, 4
SYMBOLS, TRAIN_SIZE, TEST_SIZE, LENGTH = 4, 400, 400, 9
MIN_HELD_OUT_ACCURACY = 0.80  # the reference scores 0.90-0.97 over seeds (tests/test_calibration.py)


def frozen_inputs(seed: int = 0) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    """Fixed weights, one input batch (N, I) and one hidden batch (N, H) for the public comparison."""
    rng = np.random.default_rng(seed)
    width = INPUT + HIDDEN
    weights = {
        "i2h.weight": rng.normal(size=(HIDDEN, width)),
        "i2h.bias": rng.normal(size=HIDDEN),
        "i2o.weight": rng.normal(size=(OUTPUT, width)),
        "i2o.bias": rng.normal(size=OUTPUT),
    }
    weights = {name: (value / np.sqrt(width)).astype(np.float32) for name, value in weights.items()}
    inputs = rng.normal(size=(BATCH, INPUT)).astype(np.float32)
    hidden = rng.normal(size=(BATCH, HIDDEN)).astype(np.float32)
    return weights, inputs, hidden


def _load(cell, weights: dict[str, np.ndarray]) -> None:
    cell.load_state_dict({name: Tensor(value) for name, value in weights.items()})


def _step(ctx: CheckContext, cell: Remote, inputs: np.ndarray, hidden: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One forward step in the sandbox; checks the form of ``(output, hidden)``."""
    result = cell(Tensor(inputs), Tensor(hidden)).fetch()
    ctx.require(isinstance(result, tuple) and len(result) == 2, "forward should return (output, hidden)")
    batch = inputs.shape[0]
    output = ctx.array(result[0], "the output", shape=(batch, None))
    new_hidden = ctx.array(result[1], "the new hidden state", shape=(batch, hidden.shape[1]))
    return output, new_hidden


@lab.frozen
def frozen_step(reference):
    import torch

    weights, inputs, hidden = frozen_inputs()
    cell = reference.RNNCell(INPUT, HIDDEN, OUTPUT)
    cell.load_state_dict({name: torch.from_numpy(value) for name, value in weights.items()})
    output, new_hidden = cell(torch.from_numpy(inputs), torch.from_numpy(hidden))
    return output, new_hidden


@lab.check("Q1 layers")
def linear_layers_have_the_right_shapes(ctx: CheckContext) -> None:
    cell = ctx.student.RNNCell(INPUT, HIDDEN, OUTPUT)
    expected = {"i2h.weight": (HIDDEN, INPUT + HIDDEN), "i2h.bias": (HIDDEN,),
                "i2o.weight": (OUTPUT, INPUT + HIDDEN), "i2o.bias": (OUTPUT,)}  # fmt: skip
    for name, shape in expected.items():
        module, parameter = name.split(".")
        ctx.array(getattr(getattr(cell, module), parameter).fetch(), name, shape=shape)


@lab.check("Q2 forward")
def outputs_are_log_probabilities(ctx: CheckContext) -> None:
    cell = ctx.student.RNNCell(INPUT, HIDDEN, OUTPUT)
    output, _ = _step(ctx, cell, np.ones((BATCH, INPUT), np.float32), np.zeros((BATCH, HIDDEN), np.float32))
    ctx.require(output.shape[1] == OUTPUT, f"the output should have shape ({BATCH}, {OUTPUT}), got {output.shape}")
    ctx.close(np.exp(output).sum(axis=1), np.ones(BATCH), "the sum of exp(output) over each row", rtol=1e-4)


@lab.check("Q2 forward")
def computes_the_cell_on_given_weights(ctx: CheckContext) -> None:
    weights, inputs, hidden = frozen_inputs()
    cell = ctx.student.RNNCell(INPUT, HIDDEN, OUTPUT)
    _load(cell, weights)
    output, new_hidden = _step(ctx, cell, inputs, hidden)
    expected_output, expected_hidden = ctx.frozen("frozen_step")
    ctx.close(new_hidden, expected_hidden, "the new hidden state", rtol=1e-4, atol=1e-5)
    ctx.close(output, expected_output, "the output", rtol=1e-4, atol=1e-5)


@lab.check("Q3 gradients")
def gradients_reach_both_layers(ctx: CheckContext) -> None:
    cell = ctx.student.RNNCell(INPUT, HIDDEN, OUTPUT)
    rng = np.random.default_rng(1)
    hidden = Tensor(np.zeros((BATCH, HIDDEN), np.float32))
    for _ in range(2):  # the hidden layer only reaches an output through the next step
        output, hidden = cell(Tensor(rng.normal(size=(BATCH, INPUT)).astype(np.float32)), hidden)
    output.sum().backward()
    for layer in ("i2h", "i2o"):
        gradient = getattr(cell, layer).weight.grad.fetch()
        ctx.require(gradient is not None, f"{layer}.weight received no gradient")
        gradient = ctx.array(gradient, f"the gradient of {layer}.weight")
        ctx.require(np.abs(gradient).sum() > 0, f"the gradient of {layer}.weight is all zeros")


@lab.check("Q4 training", points=2, timeout=60)
def learns_the_majority_symbol_on_held_out_sequences(ctx: CheckContext) -> None:
    train_x, train_y = majority_symbol_sequences(TRAIN_SIZE, LENGTH, SYMBOLS, seed=101)
    test_x, test_y = majority_symbol_sequences(TEST_SIZE, LENGTH, SYMBOLS, seed=202)
    accuracy = held_out_accuracy(ctx, train_x, train_y, test_x, test_y)
    ctx.at_least(accuracy, MIN_HELD_OUT_ACCURACY, "held-out accuracy after the lab's train()")


def held_out_accuracy(ctx: CheckContext, train_x, train_y, test_x, test_y) -> float:
    """Train a fresh cell with the lab's ``train`` and score its predictions here; labels never leave."""
    cell = ctx.student.RNNCell(SYMBOLS, 16, SYMBOLS)
    ctx.student.train(cell, Tensor(train_x), Tensor(train_y))
    predictions = ctx.array(ctx.student.predict(cell, Tensor(test_x)).fetch(), "predictions", shape=(len(test_y),))
    return float((predictions == test_y).mean())


# BEGIN HIDDEN
def _reference_step(ctx: CheckContext, weights: dict, inputs: np.ndarray, hidden: np.ndarray):
    import torch

    reference = ctx.reference().RNNCell(INPUT, HIDDEN, OUTPUT)
    reference.load_state_dict({name: torch.as_tensor(value) for name, value in weights.items()})
    output, new_hidden = reference(torch.from_numpy(inputs), torch.from_numpy(hidden))
    return output.detach().numpy(), new_hidden.detach().numpy()


@lab.check("Q2 forward", hidden=True)
def matches_the_reference_on_its_own_weights(ctx: CheckContext) -> None:
    cell = ctx.student.RNNCell(INPUT, HIDDEN, OUTPUT)
    weights = cell.state_dict().fetch()
    ctx.require(isinstance(weights, dict), "state_dict() did not come back as a dict")
    rng = np.random.default_rng(99)
    hidden = rng.normal(size=(8, HIDDEN)).astype(np.float32)
    for _ in range(3):
        inputs = rng.normal(size=(8, INPUT)).astype(np.float32)
        output, new_hidden = _step(ctx, cell, inputs, hidden)
        expected_output, expected_hidden = _reference_step(ctx, weights, inputs, hidden)
        ctx.close(output, expected_output, "the output", rtol=1e-4, atol=1e-5)
        ctx.close(new_hidden, expected_hidden, "the new hidden state", rtol=1e-4, atol=1e-5)
        hidden = new_hidden.astype(np.float32)  # ctx.array gives float64; the cell runs in float32


@lab.check("Q4 training", hidden=True, timeout=60)
def learns_on_other_sequences(ctx: CheckContext) -> None:
    train_x, train_y = majority_symbol_sequences(TRAIN_SIZE, LENGTH, SYMBOLS, seed=3031)
    test_x, test_y = majority_symbol_sequences(TEST_SIZE, LENGTH, SYMBOLS, seed=4041)
    accuracy = held_out_accuracy(ctx, train_x, train_y, test_x, test_y)
    ctx.at_least(accuracy, MIN_HELD_OUT_ACCURACY, "held-out accuracy on other sequences")


# END HIDDEN
