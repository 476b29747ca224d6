"""Lab: the perceptron on logical functions (AND, XOR, unnormalized AND).

The perceptron (Rosenblatt, 1958) is a linear classifier trained one mistake at a time. This lab trains
it on three tiny truth tables and asks how many passes it needs, which weights it ends with, and what
happens when no line can separate the classes (XOR).

Letters: N samples, D inputs per sample.

Convention (every function below follows it exactly):
- A perceptron has one weight per input and a bias, all starting at 0.
- It predicts 1 when ``w . x + b > 0`` (strictly), else 0.
- Samples are visited in the order given, one at a time. On a mistake (prediction != target) the update
  is ``w += (y - y_hat) * x`` and ``b += (y - y_hat)`` (learning rate 1); on a correct prediction
  nothing changes.
- One epoch is one pass over all N samples. "Epochs needed for convergence" counts passes up to and
  including the first pass with no mistake.

Run ``python perceptron.py`` to print the answers for the three truth tables.
"""

from __future__ import annotations

import numpy as np

# Truth tables: inputs (N, D) = (4, 2) and targets (N,), in the order the perceptron visits them.
AND_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
AND_TARGETS = np.array([0, 0, 0, 1])
XOR_INPUTS = AND_INPUTS
XOR_TARGETS = np.array([0, 1, 1, 0])
UNNORMALIZED_AND_INPUTS = 2 * AND_INPUTS  # 00, 02, 20, 22
UNNORMALIZED_AND_TARGETS = AND_TARGETS

XOR_CHOICES = (
    "it converges after a few epochs",
    "it never converges: XOR is not linearly separable",
    "it converges only with a smaller learning rate",
)


def predict(weights: np.ndarray, bias: float, inputs: np.ndarray) -> np.ndarray:
    """Predict a class for every sample.

    - weights: array of shape (D,)
    - bias: float
    - inputs: array of shape (N, D)
    Returns an int array of shape (N,): 1 where ``inputs @ weights + bias > 0``, else 0.
    """
    scores = XXXX  # (N,)
    return XXXX


def train_perceptron(
    inputs: np.ndarray, targets: np.ndarray, max_epochs: int = 100
) -> tuple[np.ndarray, float, int, bool]:
    """Train a perceptron with the module's convention (zero start, learning rate 1, samples in order).

    - inputs: array of shape (N, D)
    - targets: array of shape (N,) with values 0 or 1
    - max_epochs: the most passes to make; training stops early after the first pass with no mistake.

    Returns ``(weights, bias, epochs, converged)``:
    - weights: float array of shape (D,), after the last update
    - bias: float
    - epochs: the number of passes made; when converged, the mistake-free pass is included
      (so a perceptron right from the start returns 1); otherwise ``max_epochs``
    - converged: True when a pass made no mistake
    """
    if max_epochs < 1:
        raise ValueError(f"max_epochs must be >= 1, got {max_epochs}")
    inputs = np.asarray(inputs, dtype=float)
    targets = np.asarray(targets)
    weights = np.zeros(inputs.shape[1])
    bias = 0.0
    epochs, converged = 0, False
    XXXX  # your code here
    return weights, float(bias), epochs, converged


def answer_xor() -> str:
    """What happens when the perceptron is trained on XOR? Return one of ``XOR_CHOICES``, word for word."""
    return XXXX


def main() -> None:
    tables = {
        "AND": (AND_INPUTS, AND_TARGETS),
        "XOR": (XOR_INPUTS, XOR_TARGETS),
        "unnormalized AND": (UNNORMALIZED_AND_INPUTS, UNNORMALIZED_AND_TARGETS),
    }
    for name, (inputs, targets) in tables.items():
        weights, bias, epochs, converged = train_perceptron(inputs, targets, max_epochs=100)
        status = f"converged in {epochs} epochs" if converged else f"not converged after {epochs} epochs"
        print(f"{name:>16}: {status}; weights {weights}, bias {bias}")
    print(f"XOR: {answer_xor()}")


if __name__ == "__main__":
    main()
