"""Lab: a recurrent cell in PyTorch, trained to classify sequences.

The cell is the one of the PyTorch tutorial "Classifying names with a character-level RNN": at each step
it concatenates the input with the previous hidden state and applies two linear layers, one giving the
new hidden state, one giving the output (then a log-softmax):

    combined_t = [x_t ; h_{t-1}]                       (N, I + H)
    h_t        = W_ih combined_t + b_ih                (N, H)
    y_t        = log_softmax(W_io combined_t + b_io)   (N, K)

Note that the hidden state has no non-linearity, as in the tutorial.

Letters: N batch, T time steps, I input features, H hidden units, K classes.

Run ``python rnn.py`` to train the cell on sequences labelled by their most frequent symbol.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch
from torch import nn

from mllabs_data import majority_symbol_sequences


class RNNCell(nn.Module):
    """One step of the recurrent network.

    Attributes the grader reads (keep these names):
    - ``i2h``: ``nn.Linear`` from the concatenation [input ; hidden] (I + H features, input first) to H
    - ``i2o``: ``nn.Linear`` from the same concatenation to K
    """

    def __init__(self, input_size: int, hidden_size: int, output_size: int):
        super().__init__()
        self.hidden_size = hidden_size
        self.i2h = nn.Linear(input_size + hidden_size, hidden_size)  # SOLUTION
        self.i2o = nn.Linear(input_size + hidden_size, output_size)  # SOLUTION
        self.softmax = nn.LogSoftmax(dim=1)

    def forward(self, input: torch.Tensor, hidden: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """One time step.

        - input: tensor of shape (N, I)
        - hidden: tensor of shape (N, H), the previous hidden state
        Returns ``(output, hidden)``: log-probabilities of shape (N, K) and the new hidden state (N, H).
        """
        combined = torch.cat((input, hidden), 1)  # (N, I + H)
        hidden = self.i2h(combined)  # (N, H)
        output = self.softmax(self.i2o(combined))  # (N, K)
        return output, hidden

    def initHidden(self) -> torch.Tensor:  # noqa: N802 - the tutorial's name
        """The initial hidden state: zeros of shape (1, H) (expand it to (N, H) for a batch)."""
        return torch.zeros(1, self.hidden_size)


def classify(cell: RNNCell, sequences: torch.Tensor) -> torch.Tensor:
    """Run the cell over whole sequences and return the log-probabilities after the last step.

    - sequences: tensor of shape (T, N, I), time first
    Returns a tensor of shape (N, K).
    """
    steps, batch, _ = sequences.shape
    hidden = cell.initHidden().expand(batch, -1)  # (N, H)
    for t in range(steps):
        output, hidden = cell(sequences[t], hidden)  # (N, K), (N, H)
    return output


@dataclass
class TrainingConfig:
    """How ``train`` trains the cell: full-batch Adam for a fixed number of epochs."""

    epochs: int = 150  # one epoch = one full-batch gradient step over all training sequences
    learning_rate: float = 0.02  # Adam's step size


def train(cell: RNNCell, sequences, labels, config: TrainingConfig | None = None) -> list[float]:
    """Train the cell with Adam on the negative log-likelihood of the last step's output.

    - sequences: array or tensor of shape (T, N, I); labels: integer array of shape (N,)
    Returns the training loss after each epoch (a list of floats).
    """
    config = config or TrainingConfig()
    sequences = torch.as_tensor(sequences, dtype=torch.float32)
    labels = torch.as_tensor(labels, dtype=torch.long)
    optimizer = torch.optim.Adam(cell.parameters(), lr=config.learning_rate)
    losses = []
    for _ in range(config.epochs):
        optimizer.zero_grad()
        loss = nn.functional.nll_loss(classify(cell, sequences), labels)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses


def predict(cell: RNNCell, sequences) -> torch.Tensor:
    """The predicted class of each sequence (T, N, I): an int64 tensor of shape (N,)."""
    with torch.no_grad():
        return classify(cell, torch.as_tensor(sequences, dtype=torch.float32)).argmax(dim=1)


def main() -> None:
    torch.manual_seed(0)
    symbols, hidden_size = 4, 16
    train_x, train_y = majority_symbol_sequences(400, 9, symbols, seed=1)
    test_x, test_y = majority_symbol_sequences(400, 9, symbols, seed=2)
    cell = RNNCell(symbols, hidden_size, symbols)
    losses = train(cell, train_x, train_y)
    accuracy = (predict(cell, test_x).numpy() == test_y).mean()
    print(f"final training loss {losses[-1]:.3f}; held-out accuracy {accuracy:.3f}")


if __name__ == "__main__":
    main()
