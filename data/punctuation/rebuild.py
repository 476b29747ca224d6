"""Rebuild the French punctuation corpus (``lines.txt.gz``, ``voc.txt``, ``SHA256SUMS``) from Debian packages.

Maintainers only: the kit ships the derived files, and loaders never run this. The script

1. downloads the pinned packages of :data:`PACKAGES` with ``apt-get download`` (a Debian 12 "bookworm"
   apt configuration is needed) and extracts the French ``.mo`` catalogues of Wesnoth and the French
   LibreOffice help pages into a raw folder (a temporary one unless ``--raw-dir`` names one to keep);
2. derives the corpus from those raw files with :func:`derive` (pure: same files in, same bytes out);
3. writes the derived files and ``SHA256SUMS`` next to this script (or checks them with ``--check``).

The derivation (see ``README.md`` for the datasheet):

- Wesnoth: every translated message (``msgstr``, all plural forms) of every French ``.mo`` catalogue,
  split at newlines; messages whose translation equals the English ``msgid`` are skipped.
- LibreOffice help: the text of every ``<p>`` element whose class is in :data:`HELP_CLASSES`, outside
  ``<pre>`` and ``<footer>``.
- Each line has its whitespace collapsed to single spaces; it is kept if it holds none of the markup
  characters :data:`MARKUP_CHARACTERS` (Wesnoth's ``$variables``, ``{macros}``, ``<tags>``, ``%s``,
  ``@``/``#``/``*``/``&``/``~`` markup, key combinations, paths), no URL, and if the kit's tokeniser
  (``mllabs_data._punctuation.tokenize_with_labels``) finds 3 to 80 words with a last label that is not 0.
- Lines are deduplicated, then ordered by the SHA-256 of ``SHUFFLE_SALT + line`` (a reproducible
  shuffle that mixes both sources into every split). The loader's split: test = last 10,000 lines,
  dev = the 10,000 before, train = the rest. ``voc.txt`` counts the words of train.

Usage::

    python data/punctuation/rebuild.py [--raw-dir DIR] [--check]
"""

from __future__ import annotations

import argparse
import collections
import gzip
import hashlib
import html
import re
import struct
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (package, version) pairs from Debian 12 "bookworm"; apt must still offer these exact versions.
WESNOTH_PACKAGES: tuple[tuple[str, str], ...] = tuple(
    (f"wesnoth-1.16-{name}", "1:1.16.9-1")
    for name in (
        "data", "did", "dm", "dw", "ei", "httt", "l", "low", "nr",
        "sof", "sota", "sotbe", "thot", "trow", "tsg", "ttb", "utbs",
    )
)  # fmt: skip
LIBREOFFICE_PACKAGE: tuple[str, str] = ("libreoffice-help-fr", "4:7.4.7-1+deb12u14")
PACKAGES = (*WESNOTH_PACKAGES, LIBREOFFICE_PACKAGE)

# What to extract from each package (tar wildcards on the package's file tree).
WESNOTH_MO_GLOB = "./usr/share/games/wesnoth/1.16/locale/fr/LC_MESSAGES/*.mo"
LIBREOFFICE_HTML_GLOB = "./usr/share/libreoffice/help/fr/text/*.html"
COPYRIGHT_GLOB = "./usr/share/doc/*/copyright"

HELP_CLASSES = frozenset(
    {
        "paragraph", "paragraphintable", "listitem", "listitemintable", "tablecontent",
        "tablecontentintable", "ol_item", "ul_item", "ul_itemintable",
    }
)  # fmt: skip
_PARAGRAPH = re.compile(r'<p\b[^>]*?\bclass="([^"]*)"[^>]*>(.*?)</p>', re.DOTALL)
_PRE_ELEMENT = re.compile(r"<pre\b.*?</pre>", re.DOTALL)
_BREAK = re.compile(r"<br\b[^>]*>")
_TAG = re.compile(r"<[^>]*>")
MARKUP_CHARACTERS = frozenset("$%{}<>[]@#*&~^=_|\\")
MIN_WORDS, MAX_WORDS = 3, 60
_SENTENCE_END = re.compile(r"[.!?…]+(?: ?[»\"”)\]])*(?= )")
FRENCH_WORDS = frozenset(
    "le la les l de des du d un une et est à au aux en pour dans que qui ne pas sur par avec ce cette ces "
    "il elle ils elles nous vous je tu on son sa ses leur leurs mon ma mes votre vos notre nos se s "
    "sont être avez avons peut plus mais ou si j ai c n m t qu".split()
)
ENGLISH_WORDS = frozenset(
    "the of and to in is are be this that with for you it by from not can will was which "
    "when if has have its all returns following user".split()
)
SHUFFLE_SALT = "mllabs-punctuation-v1\n"
SPLIT_SIZE = 10_000
LINES_FILE, VOCABULARY_FILE = "lines.txt.gz", "voc.txt"


# --- reading the raw files ------------------------------------------------------------------------------


def read_mo(path: Path) -> list[tuple[str | None, str, list[str]]]:
    """Read a GNU gettext ``.mo`` catalogue: ``[(context, msgid, msgstr forms), ...]`` in file order.

    ``context`` is None without ``msgctxt``; ``msgid`` is the singular English text (a plural entry's
    ``msgid_plural`` is dropped); ``msgstr forms`` has one str per plural form. The header entry
    (empty msgid) is skipped. Format: a 28-byte header (magic, revision, count, two table offsets),
    then two tables of (length, offset) pairs for the originals and the translations.
    """
    data = path.read_bytes()
    magic = struct.unpack("<I", data[:4])[0]
    order = {0x950412DE: "<", 0xDE120495: ">"}.get(magic)
    if order is None:
        raise ValueError(f"{path} is not a .mo file (magic {magic:#x})")
    _, count, originals_at, translations_at = struct.unpack(order + "4I", data[4:20])

    def string(table_at: int, index: int) -> str:
        length, offset = struct.unpack(order + "2I", data[table_at + 8 * index : table_at + 8 * index + 8])
        return data[offset : offset + length].decode("utf-8")

    entries = []
    for index in range(count):
        original, translation = string(originals_at, index), string(translations_at, index)
        context, _, msgid = original.rpartition("\x04")
        if msgid:
            entries.append((context or None, msgid.split("\x00")[0], translation.split("\x00")))
    return entries


def read_help_paragraphs(path: Path) -> list[str]:
    """Return the text of the prose paragraphs of one LibreOffice help page, in page order.

    A paragraph is a ``<p>`` element whose class is in HELP_CLASSES, outside ``<pre>`` elements and the
    page's ``<footer>``; inner tags are removed (``<br>`` becomes a space) and entities decoded.
    """
    page = path.read_text(encoding="utf-8").split("<footer", 1)[0]
    page = _PRE_ELEMENT.sub(" ", page)
    return [
        html.unescape(_TAG.sub("", _BREAK.sub(" ", body)))
        for classes, body in _PARAGRAPH.findall(page)
        if classes in HELP_CLASSES
    ]


# --- the derivation -------------------------------------------------------------------------------------


def _tokenizer():
    sys.path.insert(0, str(HERE.parent.parent))  # the repository root, so "data" imports as a package
    try:
        from mllabs_data._punctuation import tokenize_with_labels
    except ImportError:  # the kit is not installed: load the loader from this checkout
        from data._punctuation import tokenize_with_labels
    return tokenize_with_labels


def split_sentences(text: str) -> list[str]:
    """Split whitespace-collapsed text into sentences: after a run of ``. ! ? …`` (and any closing quote
    or bracket after it) that is followed by a space and, past any opening quote or dash, a capital."""
    sentences, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        if text[end.end() :].lstrip(' «"“(—–-')[:1].isupper():
            sentences.append(text[start : end.end()].strip())
            start = end.end()
    sentences.append(text[start:].strip())
    return [sentence for sentence in sentences if sentence]


def is_french(sentence: str) -> bool:
    """False if the sentence holds more English than French function words (drops untranslated text)."""
    words = re.findall(r"[^\W\d_]+", sentence.lower())
    return sum(word in FRENCH_WORDS for word in words) >= sum(word in ENGLISH_WORDS for word in words)


def keep_sentence(sentence: str, words: list[str], labels: list[int]) -> bool:
    """True if a sentence, tokenised into ``words`` and ``labels``, enters the corpus (see the docstring)."""
    if MARKUP_CHARACTERS.intersection(sentence) or "www." in sentence or "://" in sentence:
        return False
    return MIN_WORDS <= len(words) <= MAX_WORDS and labels[-1] != 0 and is_french(sentence)


def candidate_sentences(mo_files: Iterable[Path], html_files: Iterable[Path]) -> list[str]:
    """All sentences of the sources, before filtering: Wesnoth's in file order, then LibreOffice's."""
    texts = []
    for path in mo_files:
        for _, msgid, forms in read_mo(path):
            texts.extend(line for form in forms if form != msgid for line in form.split("\n"))
    for path in html_files:
        texts.extend(read_help_paragraphs(path))
    return [sentence for text in texts for sentence in split_sentences(" ".join(text.split()))]


def derive(mo_files: Sequence[Path], html_files: Sequence[Path]) -> dict[str, bytes]:
    """Derive the shipped files from the raw French ``.mo`` catalogues and LibreOffice help pages.

    The result does not depend on the order of the inputs. Returns {file name: content} for
    ``lines.txt.gz`` (gzip with no name and mtime 0, UTF-8, one line each, ``\\n``-terminated) and
    ``voc.txt`` (``<word>\\t<train count>`` lines, by decreasing count then code point order).
    """
    tokenize = _tokenizer()
    kept = {}  # sentence -> its words
    for sentence in set(candidate_sentences(mo_files, html_files)):
        words, labels = tokenize(sentence)
        if keep_sentence(sentence, words, labels):
            kept[sentence] = words
    lines = sorted(kept, key=lambda line: hashlib.sha256((SHUFFLE_SALT + line).encode()).hexdigest())
    counts = collections.Counter(word for line in lines[: len(lines) - 2 * SPLIT_SIZE] for word in kept[line])
    vocabulary = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    text = "".join(line + "\n" for line in lines)
    return {
        LINES_FILE: gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0),
        VOCABULARY_FILE: "".join(f"{word}\t{count}\n" for word, count in vocabulary).encode("utf-8"),
    }


def find_raw_files(raw_dir: Path) -> tuple[list[Path], list[Path]]:
    """The French Wesnoth ``.mo`` files and LibreOffice help pages under an extracted raw folder."""
    mo_files = sorted(raw_dir.glob("*/usr/share/games/wesnoth/1.16/locale/fr/LC_MESSAGES/*.mo"))
    html_files = sorted(raw_dir.glob("*/usr/share/libreoffice/help/fr/text/**/*.html"))
    return mo_files, html_files


# --- downloading ----------------------------------------------------------------------------------------


def fetch_raw_files(raw_dir: Path, packages: Iterable[tuple[str, str]] = PACKAGES) -> None:
    """Download each package with ``apt-get download`` and extract the files derive() reads.

    Package ``P`` is extracted into ``raw_dir/P/`` (skipped when that folder exists already).
    """
    for name, version in packages:
        target = raw_dir / name
        if target.is_dir():
            continue
        with tempfile.TemporaryDirectory() as download_dir:
            subprocess.run(["apt-get", "download", f"{name}={version}"], cwd=download_dir, check=True)
            (deb,) = Path(download_dir).glob("*.deb")
            wanted = WESNOTH_MO_GLOB if name.startswith("wesnoth") else LIBREOFFICE_HTML_GLOB
            partial = raw_dir / f"{name}.partial"
            partial.mkdir(parents=True, exist_ok=True)
            tree = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(deb)], check=True, capture_output=True)
            subprocess.run(
                ["tar", "-x", "--wildcards", "-C", str(partial), wanted, COPYRIGHT_GLOB],
                input=tree.stdout,
                check=True,
            )
            partial.rename(target)


def write_or_check(files: dict[str, bytes], folder: Path, check: bool) -> bool:
    """Write ``files`` and ``SHA256SUMS`` into ``folder``, or compare them with it; True if all agree."""
    sums = "".join(f"{hashlib.sha256(content).hexdigest()}  {name}\n" for name, content in sorted(files.items()))
    files = {**files, "SHA256SUMS": sums.encode()}
    if not check:
        for name, content in files.items():
            (folder / name).write_bytes(content)
        return True
    differing = [name for name, content in files.items() if _read(folder / name) != content]
    for name in differing:
        print(f"{folder / name} differs from the rebuilt file", file=sys.stderr)
    return not differing


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--raw-dir",
        type=Path,
        help="keep the extracted raw files here (reused on later runs; default: a temp dir)",
    )
    parser.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        raw_dir = args.raw_dir or Path(temporary)
        fetch_raw_files(raw_dir)
        files = derive(*find_raw_files(raw_dir))
    return 0 if write_or_check(files, HERE, args.check) else 1


if __name__ == "__main__":
    sys.exit(main())
