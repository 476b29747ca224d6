"""English-French sentence pairs for sequence-to-sequence translation, from Wesnoth's French translation.

Each pair is an English message of the game *The Battle for Wesnoth* and its French translation, split
into sentences where both sides have the same number of sentences. The strings are normalised as in the
PyTorch tutorial "NLP from scratch: translation with a sequence to sequence network and attention"
(ASCII, lowercase, punctuation split off), by :func:`normalize_text`, defined once here. Source, licence
and statistics: ``data/en_fr/README.md``.

Letters: N pairs, T tokens in a sentence, V vocabulary size.
"""

from __future__ import annotations

import collections
import functools
import gzip
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from ._files import DataError, shipped_file

__all__ = ["normalize_text", "load_en_fr_pairs", "build_vocabulary"]

_DATASET = "en_fr"
_PAIRS_FILE = "pairs.tsv.gz"
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
_MARK = re.compile(r"([.!?,])\1*")  # a punctuation token; a run of the same mark counts once
_NOT_TOKEN = re.compile(r"[^a-z0-9.!?,]+")


def normalize_text(text: str) -> str:
    """Normalise an English or French sentence into space-separated tokens, as the PyTorch tutorial does.

    Conventions, in order:

    1. ``œ æ ß`` become ``oe ae ss``; then Unicode NFKD, and the combining marks (accents) are dropped,
       so the result is ASCII: ``Déjà`` -> ``Deja``, ``…`` -> ``...``.
    2. Lowercase.
    3. Each of ``. ! ? ,`` is a token of its own; a run of the same mark is one token (``...`` -> ``.``,
       ``!!`` -> ``!``; ``?!`` -> ``? !``).
    4. Every other character that is not a letter ``a-z`` or a digit separates tokens and is dropped:
       apostrophes (``l'homme`` -> ``l homme``, ``don't`` -> ``don t``, as in the tutorial), hyphens
       (``peut-être`` -> ``peut etre``), quotes, brackets, ``: ;`` and dashes.
    5. Tokens are joined by single spaces, with no space at either end.

    Example: ``normalize_text("« Où est l'homme ? » demanda-t-il.")`` is
    ``"ou est l homme ? demanda t il ."``.

    Args:
        text: any str.

    Returns:
        the normalised str (possibly empty); ``len(result.split())`` is its number of tokens T.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    spaced = _MARK.sub(r" \1 ", ascii_text)
    return " ".join(_NOT_TOKEN.sub(" ", spaced).split())


def load_en_fr_pairs(max_words: int | None = None) -> list[tuple[str, str]]:
    """Return the English-French sentence pairs, normalised by :func:`normalize_text`.

    The pairs are distinct (after normalisation) and in the shipped file's fixed order, a reproducible
    pseudo-random shuffle: take a train/test split by position (e.g. the last 10% as test) and it is
    the same on every machine.

    Args:
        max_words: if given, keep only the pairs whose English *and* French sides both have at most
            ``max_words`` tokens, counting punctuation tokens (``len(s.split()) <= max_words``); must be
            >= 2. None keeps every pair (each side has 2 to 40 tokens).

    Returns:
        a list of N ``(english, french)`` tuples of str.

    Raises:
        ValueError: if max_words < 2. DataError: if the data file is missing, corrupt or malformed.
    """
    if max_words is not None and max_words < 2:
        raise ValueError(f"max_words must be None or >= 2, got {max_words}")
    pairs = _normalized_pairs(shipped_file(_DATASET, _PAIRS_FILE))
    longest = max_words if max_words is not None else float("inf")
    return [(english, french) for english, french, longest_side in pairs if longest_side <= longest]


def build_vocabulary(sentences: Iterable[str], specials: Sequence[str] = (), min_count: int = 1) -> dict[str, int]:
    """Index the tokens of space-tokenised sentences: ``{token: index}``.

    ``specials`` (e.g. ``("<sos>", "<eos>")``) take indices 0, 1, ...; then every other token that occurs
    at least ``min_count`` times, by decreasing count, ties by code point order. The inverse mapping is
    ``list(vocabulary)`` (dicts keep insertion order).

    Args:
        sentences: str, each tokenised by ``str.split()`` (e.g. one side of :func:`load_en_fr_pairs`).
        specials: tokens placed first, in this order; they must be distinct.
        min_count: the smallest count kept, >= 1.

    Returns:
        a dict of V entries, values ``0 .. V-1``.

    Raises:
        ValueError: if min_count < 1 or specials repeat a token.
    """
    if min_count < 1:
        raise ValueError(f"min_count must be >= 1, got {min_count}")
    if len(set(specials)) != len(specials):
        raise ValueError(f"specials must be distinct, got {tuple(specials)}")
    counts = collections.Counter(token for sentence in sentences for token in sentence.split())
    ranked = sorted((item for item in counts.items() if item[1] >= min_count), key=lambda item: (-item[1], item[0]))
    tokens = list(specials) + [token for token, _ in ranked if token not in specials]
    return {token: index for index, token in enumerate(tokens)}


@functools.cache
def _normalized_pairs(path: Path) -> tuple[tuple[str, str, int], ...]:
    """(english, french, tokens in the longer side) per pair; cached per verified path (~0.5 s to build)."""
    normalized = [(normalize_text(english), normalize_text(french)) for english, french in _raw_pairs(path)]
    return tuple((english, french, max(len(english.split()), len(french.split()))) for english, french in normalized)


def _raw_pairs(path: Path) -> list[tuple[str, str]]:
    try:
        text = gzip.decompress(path.read_bytes()).decode("utf-8")
    except (OSError, EOFError, UnicodeDecodeError) as error:
        raise DataError(f"{path} cannot be read as gzip-compressed UTF-8 text: {error}") from error
    pairs = []
    for number, row in enumerate(text.splitlines(), start=1):
        english, tab, french = row.partition("\t")
        if not tab or not english or not french or "\t" in french:
            raise DataError(f"{path} line {number} is not '<english><TAB><french>': {row[:80]!r}")
        pairs.append((english, french))
    return pairs
