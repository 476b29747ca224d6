"""Dmitri's RNN raises while the module is imported."""

raise RuntimeError("I was debugging and left this in")
