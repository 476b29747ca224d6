"""Accuracy thresholds are calibrated: the reference clears each with margin on 20 seeds (data and torch),
and a model that misses the lab's point stays below it."""

from __future__ import annotations

import numpy as np
import pytest
import torch

from mllabs.checks import load_reference
from mllabs.labs import attention as attention_checks
from mllabs.labs import rnn as rnn_checks
from mllabs_data import majority_symbol_sequences, one_position_sequences

SEEDS = range(20)
MARGIN = 0.05


def _rnn_accuracy(seed: int) -> float:
    reference = load_reference("rnn")
    torch.manual_seed(seed)
    c = rnn_checks
    train_x, train_y = majority_symbol_sequences(c.TRAIN_SIZE, c.LENGTH, c.SYMBOLS, seed=1000 + seed)
    test_x, test_y = majority_symbol_sequences(c.TEST_SIZE, c.LENGTH, c.SYMBOLS, seed=2000 + seed)
    cell = reference.RNNCell(c.SYMBOLS, 16, c.SYMBOLS)
    reference.train(cell, train_x, train_y)
    return float((reference.predict(cell, test_x).numpy() == test_y).mean())


def _attention_accuracy(seed: int, model_factory=None) -> float:
    reference = load_reference("attention")
    torch.manual_seed(seed)
    c = attention_checks
    train_x, train_y = one_position_sequences(c.TRAIN_SIZE, c.TASK_LENGTH, c.TASK_FEATURES, seed=1000 + seed)
    test_x, test_y = one_position_sequences(c.TEST_SIZE, c.TASK_LENGTH, c.TASK_FEATURES, seed=2000 + seed)
    model = (model_factory or reference.AttentionClassifier)(c.TASK_FEATURES, 2)
    reference.train(model, train_x, train_y)
    return float((reference.predict(model, test_x).numpy() == test_y).mean())


class _MeanPooling(torch.nn.Module):
    """The attention classifier with uniform weights: what a student who skips attention would get."""

    def __init__(self, features: int, classes: int):
        super().__init__()
        self.output = torch.nn.Linear(features, classes)

    def forward(self, x):
        return torch.log_softmax(self.output(x.mean(dim=1)), dim=1)


def test_rnn_reference_clears_the_threshold_on_every_seed():
    accuracies = np.array([_rnn_accuracy(seed) for seed in SEEDS])
    assert accuracies.min() >= rnn_checks.MIN_HELD_OUT_ACCURACY + MARGIN, accuracies


def test_rnn_threshold_is_far_above_guessing_the_majority_class():
    _, labels = majority_symbol_sequences(rnn_checks.TEST_SIZE, rnn_checks.LENGTH, rnn_checks.SYMBOLS, seed=202)
    assert np.bincount(labels).max() / len(labels) < rnn_checks.MIN_HELD_OUT_ACCURACY - 0.3


def test_attention_reference_clears_the_threshold_on_every_seed():
    accuracies = np.array([_attention_accuracy(seed) for seed in SEEDS])
    assert accuracies.min() >= attention_checks.MIN_HELD_OUT_ACCURACY + MARGIN, accuracies


@pytest.mark.parametrize("seed", range(5))
def test_mean_pooling_stays_below_the_attention_threshold(seed):
    assert _attention_accuracy(seed, _MeanPooling) < attention_checks.MIN_HELD_OUT_ACCURACY - 0.1
