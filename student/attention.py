"""Lab: attention pooling in PyTorch: from a sequence of vectors to one vector.

A trainable context vector c scores every position of a sequence; a softmax over the sequence turns
the scores into weights; the output is the weighted sum of the vectors (Bahdanau et al. 2015; Yang et
al. 2016 call it a "word-level context vector"):

    s_t = x_t . c                        (N, T)
    a   = softmax(s) over t              (N, T), each row sums to 1
    y   = sum_t a_t x_t                  (N, D)

Letters: N batch, T sequence length, D vector size, K classes.

Run ``python attention.py`` to train a classifier whose label is decided by one marked position.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import nn

from mllabs_data import one_position_sequences


class Attention(nn.Module):
    """Attention pooling with one trainable context vector.

    Attribute the grader reads (keep the name): ``context``, an ``nn.Parameter`` of shape (D,),
    initialised from ``torch.randn(nvecs) / math.sqrt(nvecs)``.
    """

    def __init__(self, nvecs: int):
        super().__init__()
        self.context = nn.Parameter(XXXX)

    def weights(self, x: torch.Tensor) -> torch.Tensor:
        """The attention weights: softmax over the sequence of ``x_t . context``.

        - x: tensor of shape (N, T, D)
        Returns a tensor of shape (N, T) whose rows are non-negative and sum to 1.
        """
        scores = XXXX  # (N, T)
        return torch.softmax(XXXX)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Pool each sequence into one vector.

        - x: tensor of shape (N, T, D)
        Returns a tensor of shape (N, D): the sum over t of ``weights(x)[:, t]`` times ``x[:, t]``.
        """
        weights = self.weights(x)  # (N, T)
        return XXXX  # (N, T, 1) * (N, T, D) -> (N, D)


class AttentionClassifier(nn.Module):
    """Attention pooling followed by a linear layer: (N, T, D) -> class log-probabilities (N, K)."""

    def __init__(self, features: int, classes: int):
        super().__init__()
        self.attention = Attention(features)
        self.output = nn.Linear(features, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.log_softmax(self.output(self.attention(x)), dim=1)  # (N, K)


@dataclass
class TrainingConfig:
    """How ``train`` trains the classifier: full-batch Adam for a fixed number of epochs."""

    epochs: int = 150  # one epoch = one full-batch gradient step over all training sequences
    learning_rate: float = 0.05  # Adam's step size


def train(model: nn.Module, sequences, labels, config: TrainingConfig | None = None) -> list[float]:
    """Train ``model`` with Adam on the negative log-likelihood; returns the loss after each epoch.

    - sequences: array or tensor of shape (N, T, D); labels: integer array of shape (N,)
    """
    config = config or TrainingConfig()
    sequences = torch.as_tensor(sequences, dtype=torch.float32)
    labels = torch.as_tensor(labels, dtype=torch.long)
    optimizer = torch.optim.Adam(model.parameters(), lr=config.learning_rate)
    losses = []
    for _ in range(config.epochs):
        optimizer.zero_grad()
        loss = nn.functional.nll_loss(model(sequences), labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def predict(model: nn.Module, sequences) -> torch.Tensor:
    """The predicted class of each sequence (N, T, D): an int64 tensor of shape (N,)."""
    with torch.no_grad():
        return model(torch.as_tensor(sequences, dtype=torch.float32)).argmax(dim=1)


def main() -> None:
    torch.manual_seed(0)
    train_x, train_y = one_position_sequences(500, 10, 8, seed=1)
    test_x, test_y = one_position_sequences(500, 10, 8, seed=2)
    model = AttentionClassifier(features=8, classes=2)
    losses = train(model, train_x, train_y)
    accuracy = (predict(model, test_x).numpy() == test_y).mean()
    print(f"final training loss {losses[-1]:.3f}; held-out accuracy {accuracy:.3f}")


if __name__ == "__main__":
    main()
