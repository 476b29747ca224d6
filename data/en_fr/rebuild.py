"""Rebuild the English-French sentence pairs (``pairs.tsv.gz``, ``SHA256SUMS``) from Wesnoth's Debian packages.

Maintainers only: the kit ships the derived file, and loaders never run this. The script downloads the
pinned Wesnoth packages (the same as for ``data/punctuation``, whose ``rebuild.py`` this script reuses for
downloading, ``.mo`` parsing, sentence splitting and the markup filter), derives the pairs with
:func:`derive` and writes them next to this script (or checks them with ``--check``).

The derivation (see ``README.md`` for the datasheet):

- Every singular message of every French Wesnoth ``.mo`` catalogue whose translation differs from its
  English ``msgid``; plural entries are skipped. Both sides are split at newlines (the message is
  skipped unless both have the same number of non-blank lines) and line pairs are whitespace-collapsed.
- Each line pair is split into sentences with ``split_sentences``; if both sides have the same number of
  sentences and every sentence pair passes :func:`similar_lengths`, they are paired in order, otherwise
  the whole lines make one pair.
- A pair is kept if neither side holds a markup character or a URL, both sides have 2 to 40 tokens
  after ``mllabs_data._en_fr.normalize_text``, the two normalised sides differ (names left as is), and
  it passes :func:`similar_lengths` (this drops most pairs that the sentence split misaligned).
- Pairs are deduplicated on their normalised form (the smallest raw pair represents each), and ordered
  by the SHA-256 of ``SHUFFLE_SALT + english + "\\t" + french`` (normalised; a reproducible shuffle).

Usage::

    python data/en_fr/rebuild.py [--raw-dir DIR] [--check]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.util
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _load_punctuation_rebuild():
    spec = importlib.util.spec_from_file_location("punctuation_rebuild", HERE.parent / "punctuation" / "rebuild.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


shared = _load_punctuation_rebuild()

MIN_TOKENS, MAX_TOKENS = 2, 40
SHUFFLE_SALT = "mllabs-en-fr-v1\n"
PAIRS_FILE = "pairs.tsv.gz"


def _normalizer():
    sys.path.insert(0, str(HERE.parent.parent))  # the repository root, so "data" imports as a package
    try:
        from mllabs_data._en_fr import normalize_text
    except ImportError:  # the kit is not installed: load the loader from this checkout
        from data._en_fr import normalize_text
    return normalize_text


def aligned_pairs(mo_files: Iterable[Path]) -> list[tuple[str, str]]:
    """All (English, French) sentence or line pairs of the catalogues, before filtering, in file order."""
    pairs = []
    for path in mo_files:
        for _, msgid, forms in shared.read_mo(path):
            if len(forms) != 1 or forms[0] == msgid:
                continue
            english_lines = [" ".join(line.split()) for line in msgid.split("\n") if line.strip()]
            french_lines = [" ".join(line.split()) for line in forms[0].split("\n") if line.strip()]
            if len(english_lines) != len(french_lines):
                continue
            for english, french in zip(english_lines, french_lines, strict=True):
                english_sentences, french_sentences = shared.split_sentences(english), shared.split_sentences(french)
                if len(english_sentences) != len(french_sentences):
                    pairs.append((english, french))
                    continue
                sentence_pairs = list(zip(english_sentences, french_sentences, strict=True))
                if all(similar_lengths(*pair) for pair in sentence_pairs):
                    pairs.extend(sentence_pairs)
                else:
                    pairs.append((english, french))
    return pairs


def similar_lengths(english: str, french: str) -> bool:
    """True if neither side has more than twice the other's words plus 2 (words split at whitespace)."""
    lengths = len(english.split()), len(french.split())
    return max(lengths) <= 2 * min(lengths) + 2


def keep_pair(english: str, french: str, normalized: tuple[str, str]) -> bool:
    """True if a raw pair, whose normalised form is ``normalized``, enters the dataset."""
    for text in (english, french):
        if shared.MARKUP_CHARACTERS.intersection(text) or "www." in text or "://" in text:
            return False
    lengths = [len(side.split()) for side in normalized]
    in_range = all(MIN_TOKENS <= length <= MAX_TOKENS for length in lengths)
    return in_range and normalized[0] != normalized[1] and similar_lengths(english, french)


def derive(mo_files: Sequence[Path]) -> dict[str, bytes]:
    """Derive ``pairs.tsv.gz`` from the raw French Wesnoth ``.mo`` catalogues: ``{file name: content}``.

    The content is gzip (no name, mtime 0) of UTF-8 lines ``<english>\\t<french>\\n`` with the raw
    (whitespace-collapsed, not normalised) text. The result does not depend on the order of the inputs.
    """
    normalize = _normalizer()
    chosen: dict[tuple[str, str], tuple[str, str]] = {}  # normalised pair -> its smallest raw pair
    for english, french in aligned_pairs(mo_files):
        normalized = (normalize(english), normalize(french))
        if keep_pair(english, french, normalized):
            current = chosen.get(normalized)
            if current is None or (english, french) < current:
                chosen[normalized] = (english, french)
    order = sorted(chosen, key=lambda pair: hashlib.sha256((SHUFFLE_SALT + "\t".join(pair)).encode()).hexdigest())
    text = "".join(f"{chosen[pair][0]}\t{chosen[pair][1]}\n" for pair in order)
    return {PAIRS_FILE: gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--raw-dir",
        type=Path,
        help="keep the extracted raw files here (reused later, shared with data/punctuation; default: a temp dir)",
    )
    parser.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        raw_dir = args.raw_dir or Path(temporary)
        shared.fetch_raw_files(raw_dir, shared.WESNOTH_PACKAGES)
        mo_files, _ = shared.find_raw_files(raw_dir)
        files = derive(mo_files)
    return 0 if shared.write_or_check(files, HERE, args.check) else 1


if __name__ == "__main__":
    sys.exit(main())
