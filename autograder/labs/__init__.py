"""The checks of each lab, one module per lab (``<lab>.py`` defines ``lab = Lab(...)``).

Adding a lab = ``solutions/<lab>.py`` + ``autograder/labs/<lab>.py`` + its name in ``COURSE_ORDER``.
"""

COURSE_ORDER = [
    "perceptron",
    "spam_features",
    "linear_models",
    "perceptron_rain",
    "gmm",
    "punctuation_ngrams",
    "dirichlet",
    "rnn",
    "attention",
]
