"""Surnames by language, for the character-level RNN classification lab ("which language is this name?").

The course's tutorial data (18 languages of romanised surnames) cannot be redistributed; the kit ships
``data/names/surnames.tsv``: 15 languages of surnames in Latin script, taken from the MIT-licensed
``faker`` package's person providers (see ``data/names/README.md`` for sources and counts).

File format: UTF-8 text, one ``language<TAB>surname`` line per name, languages in alphabetical order and
names sorted by code point within a language.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from ._files import DataError, shipped_file

# Latin letters that NFKD does not split into an ASCII letter plus accents.
_ASCII_FALLBACK = {
    "ß": "ss",
    "Ł": "L",
    "ł": "l",
    "Đ": "D",
    "đ": "d",
    "Ø": "O",
    "ø": "o",
    "Æ": "AE",
    "æ": "ae",
}
_ASCII_FALLBACK |= {"Œ": "OE", "œ": "oe", "ı": "i", "Þ": "Th", "þ": "th", "Ð": "D", "ð": "d"}


def load_names(*, ascii_only: bool = False) -> dict[str, list[str]]:
    """Load the shipped surnames, grouped by language.

    Inputs:
    - ascii_only: if False (default), names are as spelled in the source, in Unicode NFC form, accents
      kept (``"Dvořák"``, ``"Ó Briain"``). If True, every name goes through :func:`to_ascii` (so
      ``"Dvorak"``, ``"O Briain"``), like the char-RNN tutorial's ``unicodeToAscii``; names that become
      equal are merged.

    Returns: ``{language: names}`` with the 15 languages as keys in alphabetical order ("Croatian",
    "Czech", "Dutch", "English", "Estonian", "Finnish", "French", "German", "Irish", "Italian", "Polish",
    "Portuguese", "Slovak", "Spanish", "Swedish"); each value is a new list of unique surnames sorted by
    code point. A name may contain letters, spaces, hyphens, apostrophes and (rarely) commas, e.g. the
    Dutch ``"de Boer"``. The same surname can appear under two languages.

    Raises: DataError (naming the file) if the shipped file is missing, corrupt or malformed.
    """
    path = shipped_file("names", "surnames.tsv")
    names: dict[str, set[str]] = {}
    for language, name in _read(path):
        names.setdefault(language, set()).add(to_ascii(name) if ascii_only else name)
    return {language: sorted(names[language]) for language in sorted(names)}


def to_ascii(name: str) -> str:
    """Return ``name`` in plain ASCII: accents removed, special letters spelled out.

    The rule, in order: (1) Unicode NFKD decomposition, then drop the combining marks (``"é"`` -> ``"e"``,
    ``"Å"`` -> ``"A"``, ``"č"`` -> ``"c"``); (2) letters without a decomposition are replaced from a
    fixed table (``"ß"`` -> ``"ss"``, ``"ł"`` -> ``"l"``, ``"đ"`` -> ``"d"``, ``"ø"`` -> ``"o"``,
    ``"æ"`` -> ``"ae"``, ...); (3) any character still outside ASCII is dropped.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    kept = (_ASCII_FALLBACK.get(char, char) for char in decomposed if not unicodedata.combining(char))
    return "".join(kept).encode("ascii", errors="ignore").decode("ascii")


def _read(path: Path) -> list[tuple[str, str]]:
    """The (language, surname) pairs of a ``surnames.tsv`` file, in file order."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(f"names file {path} cannot be read as UTF-8 text: {error}") from None
    pairs = []
    for number, line in enumerate(lines, start=1):
        fields = line.split("\t")
        if len(fields) != 2 or not all(fields):
            raise DataError(f"{path}, line {number}: expected 'language<TAB>surname', got {line!r}.")
        pairs.append((fields[0], fields[1]))
    return pairs
