"""Small synthetic tasks, generated from a seed, for labs whose point is a mechanism rather than a dataset.

These are synthetic by design (nothing real to stand in for): the RNN-cell lab needs sequences whose
label depends on the whole sequence, the attention lab needs sequences where one position decides.
The grader and the lab modules call the same generators, so a student's ``main()`` trains on the kind of
data the checks hold out.
"""

from __future__ import annotations

import numpy as np


def majority_symbol_sequences(count: int, length: int, symbols: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Sequences of one-hot symbols labelled by their most frequent symbol.

    Each sequence draws ``length`` symbols from ``symbols`` choices with random, uneven frequencies;
    ties are broken toward the smallest symbol.

    Returns:
    - sequences: float32 array of shape (T, N, K) with T = ``length``, N = ``count``, K = ``symbols``:
      time first, one-hot along the last axis (the layout an RNN cell consumes step by step).
    - labels: int64 array of shape (N,), values in [0, K).
    """
    if count < 1 or length < 1 or symbols < 2:
        raise ValueError(f"need count >= 1, length >= 1, symbols >= 2; got {count}, {length}, {symbols}")
    rng = np.random.default_rng(seed)
    preferences = rng.dirichlet(np.ones(symbols), size=count)  # (N, K) per-sequence symbol frequencies
    draws = np.stack([rng.choice(symbols, size=length, p=p) for p in preferences])  # (N, T)
    counts = np.stack([np.bincount(row, minlength=symbols) for row in draws])  # (N, K)
    labels = counts.argmax(axis=1).astype(np.int64)
    sequences = np.eye(symbols, dtype=np.float32)[draws.T]  # (T, N, K)
    return sequences, labels


def one_position_sequences(count: int, length: int, features: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Sequences of random vectors where a single marked position decides the label.

    Every vector is Gaussian noise with its feature 0 set to 0, except at one random position per
    sequence, where feature 0 is 3 (the marker). The label is 1 when feature 1 at the marked position
    is positive, else 0. Averaging over the sequence dilutes that signal; attending to the marker
    recovers it.

    Returns:
    - sequences: float32 array of shape (N, T, D) with N = ``count``, T = ``length``, D = ``features``.
    - labels: int64 array of shape (N,), values 0 or 1.
    """
    if count < 1 or length < 1 or features < 2:
        raise ValueError(f"need count >= 1, length >= 1, features >= 2; got {count}, {length}, {features}")
    rng = np.random.default_rng(seed)
    sequences = rng.normal(size=(count, length, features)).astype(np.float32)  # (N, T, D)
    sequences[:, :, 0] = 0.0
    marked = rng.integers(length, size=count)  # (N,)
    rows = np.arange(count)
    sequences[rows, marked, 0] = 3.0
    labels = (sequences[rows, marked, 1] > 0).astype(np.int64)
    return sequences, labels
