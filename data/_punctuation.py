"""French punctuation prediction: sentences from Wesnoth's and LibreOffice's French translations.

The task: given the words of a French line, predict after each word which punctuation mark follows it,
one of the seven classes in :data:`PUNCTUATION_CLASSES` (class 0 = no punctuation). The corpus stands in
for the course's French tweets. Source, licences and statistics: ``data/punctuation/README.md``.

The tokenisation is defined once, here, by :func:`tokenize_with_labels`; the shipped vocabulary
(``voc.txt``) and the datasheet's statistics were computed with it.

Letters: N lines, T words in a line, K = 7 classes, V vocabulary size.
"""

from __future__ import annotations

import gzip
import re
import unicodedata

from ._files import DataError, shipped_file

__all__ = [
    "PUNCTUATION_CLASSES",
    "PUNCTUATION_SPLITS",
    "tokenize_with_labels",
    "load_punctuation_lines",
    "load_punctuation",
    "load_vocabulary",
]

PUNCTUATION_CLASSES: tuple[str, ...] = ("", ",", ".", "?", "!", ":", ";")
"""The K = 7 classes, by index: 0 no punctuation, 1 comma, 2 full stop, 3 ?, 4 !, 5 colon, 6 semicolon."""

PUNCTUATION_SPLITS: tuple[str, ...] = ("train", "dev", "test")
"""The splits, in file order: test is the last 10,000 lines, dev the 10,000 before, train the rest."""

_DATASET = "punctuation"
_LINES_FILE = "lines.txt.gz"
_VOCABULARY_FILE = "voc.txt"
_SPLIT_SIZE = 10_000  # lines in dev and in test

# A word: letters and digits, possibly joined by single inner ' - . , / characters (l'homme, peut-être,
# 1,5, fichier.odt). Everything between two words is a "gap"; only the gap decides the label.
_WORD = re.compile(r"[^\W_]+(?:['\-.,/][^\W_]+)*")
# Elided French words that become words of their own, apostrophe included: l'homme -> l' homme.
_ELISION = re.compile(r"(?i)(qu|jusqu|lorsqu|puisqu|quoiqu|[cdjlmnst])'(?=[^\W_])")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_MARK_CLASS = {mark: k for k, mark in enumerate(PUNCTUATION_CLASSES) if mark}
_MARK_CLASS["\u2026"] = PUNCTUATION_CLASSES.index(".")  # the one-character ellipsis counts as "."


def tokenize_with_labels(line: str) -> tuple[list[str], list[int]]:
    """Split a line into lowercased words and give each word the class of the punctuation after it.

    Conventions, in the order they are applied:

    1. The line is put in Unicode NFC form and the typographic apostrophes ``’ ‘ ʼ`` become ``'``.
    2. A word is a maximal run of letters and digits, where a single ``'``, ``-``, ``.``, ``,`` or ``/``
       *between* two letters or digits joins the run: ``peut-être``, ``1,5``, ``fichier.odt`` and
       ``aujourd'hui`` are one word each.
    3. An elided word is split off with its apostrophe: ``l'homme`` -> ``l'``, ``homme``; ``qu'il`` ->
       ``qu'``, ``il``. The elided forms are c' d' j' l' m' n' s' t' qu' jusqu' lorsqu' puisqu' quoiqu'.
    4. Words are lowercased (``str.lower``), so capitals do not give sentence starts away.
    5. The label of word t is read from the text between word t and word t+1 (for the last word: the
       rest of the line): the first of the marks ``, . ? ! : ;`` in it, as an index into
       :data:`PUNCTUATION_CLASSES`; ``…`` counts as ``.``; 0 when there is none. So the spaces that
       French typography puts before ``? ! : ;`` do not matter, ``...`` gives ``.``, ``?!`` gives ``?``.
    6. Every other character outside words is dropped: quotes (``« » " “ ”``), parentheses and
       brackets, dashes, apostrophes that join nothing, and the text before the first word.

    Example: ``"« Où est l'homme ? » demanda-t-il, inquiet..."`` gives words
    ``['où', 'est', "l'", 'homme', 'demanda-t-il', 'inquiet']`` and labels ``[0, 0, 0, 3, 1, 2]``.

    Args:
        line: one line of text (no newline needed; a trailing one is ignored).

    Returns:
        (words, labels): two lists of the same length T; ``labels[t]`` is an int in ``range(7)``.
    """
    text = unicodedata.normalize("NFC", line).translate(_APOSTROPHES)
    words: list[str] = []
    labels: list[int] = []
    matches = list(_WORD.finditer(text))
    for i, match in enumerate(matches):
        gap_end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        gap = text[match.end() : gap_end]
        label = next((_MARK_CLASS[c] for c in gap if c in _MARK_CLASS), 0)
        pieces = _split_elisions(match.group())
        words.extend(piece.lower() for piece in pieces)
        labels.extend([0] * (len(pieces) - 1) + [label])
    return words, labels


def _split_elisions(word: str) -> list[str]:
    pieces = []
    while (match := _ELISION.match(word)) is not None:
        pieces.append(word[: match.end()])
        word = word[match.end() :]
    pieces.append(word)
    return pieces


def load_punctuation_lines(split: str) -> list[str]:
    """Return the raw text lines of one split, in file order (untokenised, with their punctuation).

    Args:
        split: ``"train"``, ``"dev"`` or ``"test"``. The shipped file holds all lines; test is its last
            10,000 lines, dev the 10,000 before them, train all lines before dev.

    Returns:
        a list of N strings without newlines.

    Raises:
        ValueError: for an unknown split. DataError: if the data file is missing or corrupt.
    """
    if split not in PUNCTUATION_SPLITS:
        raise ValueError(f"split must be one of {PUNCTUATION_SPLITS}, got {split!r}")
    lines = _all_lines()
    dev_start, test_start = len(lines) - 2 * _SPLIT_SIZE, len(lines) - _SPLIT_SIZE
    bounds = {"train": (0, dev_start), "dev": (dev_start, test_start), "test": (test_start, len(lines))}
    start, stop = bounds[split]
    return lines[start:stop]


def load_punctuation(split: str) -> list[tuple[list[str], list[int]]]:
    """Return one split as tokenised lines: ``[(words, labels), ...]`` from :func:`tokenize_with_labels`.

    Args:
        split: ``"train"``, ``"dev"`` or ``"test"`` (see :func:`load_punctuation_lines` for the split).

    Returns:
        a list of N pairs, in file order; in each, ``words`` is a list of T lowercased str and ``labels``
        a list of T ints in ``range(7)`` indexing :data:`PUNCTUATION_CLASSES`. Every line has T >= 3 and
        its last label is not 0 (each line ends with a punctuation mark).

    Raises:
        ValueError: for an unknown split. DataError: if the data file is missing or corrupt.
    """
    return [tokenize_with_labels(line) for line in load_punctuation_lines(split)]


def load_vocabulary(min_count: int = 1) -> list[str]:
    """Return the training vocabulary: the words of the train split that occur at least ``min_count`` times.

    The words are those of :func:`tokenize_with_labels` (lowercased, elisions split off), ordered by
    decreasing count in train, ties by increasing code point order. Dev and test words absent from train
    are not in it; map them to an unknown-word index of your own.

    Args:
        min_count: the smallest train count kept, >= 1.

    Returns:
        a list of V distinct str; index i is the word's rank.

    Raises:
        ValueError: if min_count < 1. DataError: if ``voc.txt`` is missing, corrupt or malformed.
    """
    if min_count < 1:
        raise ValueError(f"min_count must be >= 1, got {min_count}")
    path = shipped_file(_DATASET, _VOCABULARY_FILE)
    words = []
    for number, row in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        word, tab, count = row.partition("\t")
        if not tab or not count.isdigit():
            raise DataError(f"{path} line {number} is not '<word><TAB><count>': {row!r}")
        if int(count) >= min_count:
            words.append(word)
    return words


def _all_lines() -> list[str]:
    path = shipped_file(_DATASET, _LINES_FILE)
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise DataError(f"{path} cannot be read as gzip-compressed UTF-8 text: {error}") from error
    lines = text.splitlines()
    if len(lines) <= 2 * _SPLIT_SIZE:
        raise DataError(f"{path} holds {len(lines)} lines, too few for its dev and test splits.")
    return lines
