"""Gina's RNN cell returns an object that equals anything."""

import torch
from torch import nn


class AlwaysEqual:
    def __eq__(self, other):
        return True

    shape = (4, 3)
    weight = property(lambda self: self)


class RNNCell(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.i2h = AlwaysEqual()
        self.i2o = AlwaysEqual()
        self.hidden_size = hidden_size

    def forward(self, input, hidden):
        return AlwaysEqual(), AlwaysEqual()

    def initHidden(self):  # noqa: N802
        return torch.zeros(1, self.hidden_size)
