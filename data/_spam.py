"""Spam: the SpamAssassin public corpus (6,046 raw e-mails, 4,150 ham and 1,896 spam) for the
feature-definition exercise ("which features tell spam from ham?").

The kit ships ``data/spam/spamassassin.tar.xz``: every message byte for byte as received (RFC 822 headers
and MIME body), as the member ``<group>/<NNNNN>.<md5>.txt``. The group gives the label: ``spam-1`` and
``spam-2`` are spam (label 1); ``easy-ham-1``, ``easy-ham-2`` and ``hard-ham-1`` are ham (label 0).
Source, licence and statistics: ``data/spam/README.md``.

Messages are always in the same order: sorted by member name, i.e. easy-ham-1, easy-ham-2, hard-ham-1,
spam-1, spam-2 (indices 0-2499, 2500-3899, 3900-4149, 4150-4649, 4650-6045), by number within a group.
"""

from __future__ import annotations

import email
import email.header
import email.message
import functools
import lzma
import tarfile
from pathlib import Path

import numpy as np

from ._files import DataError, shipped_file

SPAM_GROUPS = ("spam-1", "spam-2")
HAM_GROUPS = ("easy-ham-1", "easy-ham-2", "hard-ham-1")


def load_spam() -> tuple[list[str], np.ndarray]:
    """Load the corpus as texts and labels.

    Returns (texts, labels), both of length N = 6046, in the corpus order (see the module docstring):
    - texts: list of N str, ``message_text(raw)`` of each message (subject and decoded plain-text body;
      the exact rule is in :func:`message_text`).
    - labels: int64 array of shape (N,), 1 = spam, 0 = ham (1,896 ones, 4,150 zeros).

    Parsed once per process (about 1 s) and cached; every call returns a new list and a new array.
    Raises: DataError (naming the file) if the shipped archive is missing, corrupt or unreadable.
    """
    path = shipped_file("spam", "spamassassin.tar.xz")
    texts, labels = _texts(path)
    return list(texts), np.array(labels, dtype=np.int64)


def load_spam_messages() -> tuple[list[bytes], np.ndarray, list[str]]:
    """Load the raw messages, for features that need the headers or the MIME structure.

    Returns (messages, labels, names), each of length N = 6046, in the corpus order:
    - messages: list of N bytes, each message exactly as received (headers, blank line, body; line ends
      ``\\n``). Parse one with ``email.message_from_bytes(raw)``.
    - labels: int64 array of shape (N,), 1 = spam, 0 = ham.
    - names: list of N str, the member name ``"<group>/<NNNNN>.<md5>.txt"``, e.g.
      ``"hard-ham-1/00001.7c7d6921e671bbe18ebb5f893cd9bb35.txt"``.

    Raises: DataError (naming the file) if the shipped archive is missing, corrupt or unreadable.
    """
    path = shipped_file("spam", "spamassassin.tar.xz")
    names, messages = _read_archive(path)
    return list(messages), np.array([_label(name) for name in names], dtype=np.int64), list(names)


def message_text(raw: bytes) -> str:
    """The text of one raw RFC 822 message, as ``load_spam`` computes it.

    Rule: ``text = subject + "\\n\\n" + body``, where
    - the message is parsed with ``email.message_from_bytes(raw)`` (the default ``compat32`` policy);
    - subject: the ``Subject`` header with RFC 2047 encoded words decoded (``=?utf-8?...?=``); the raw header
      if that fails; ``""`` if there is none;
    - body: the MIME parts of type ``text/plain``, at any depth (forwarded messages included), in message
      order, except parts marked ``Content-Disposition: attachment``, joined with ``"\\n"``. A message with no
      such part uses its ``text/html`` parts instead, with the HTML kept as is (many spams are HTML only).
      Each part is transfer-decoded (base64, quoted-printable), then decoded with its declared charset, or
      latin-1 when it declares none or one Python does not know; undecodable bytes become U+FFFD.
    - line ends are ``"\\n"`` (``"\\r\\n"`` and lone ``"\\r"`` are converted).
    """
    message = email.message_from_bytes(raw)
    parts = _body_parts(message, "text/plain") or _body_parts(message, "text/html")
    body = "\n".join(_decoded(part) for part in parts)
    text = _subject(message) + "\n\n" + body
    return text.replace("\r\n", "\n").replace("\r", "\n")


def stratified_split(labels: np.ndarray, test_fraction: float = 0.2, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Split indices into train and test sets with the same class proportions, deterministically.

    Inputs:
    - labels: array of shape (N,) of class labels (any values that ``np.unique`` can sort).
    - test_fraction: share of each class that goes to the test set, 0 < test_fraction < 1.
    - seed: seed of ``np.random.default_rng``.

    Rule: one generator ``rng = np.random.default_rng(seed)``; for each class in ascending order, its
    indices (ascending) are shuffled with ``rng.permutation`` and the first ``round(test_fraction * n_c)``
    (Python ``round``, half to even) go to the test set, the rest to the train set.

    Returns (train_idx, test_idx): int64 arrays, each sorted ascending, disjoint, together 0..N-1.
    For the spam corpus with the defaults: 4,837 train (3,320 ham, 1,517 spam), 1,209 test (830, 379).
    """
    labels = np.asarray(labels)
    if labels.ndim != 1:
        raise ValueError(f"labels must be a 1-D array, got shape {labels.shape}")
    if not 0 < test_fraction < 1:
        raise ValueError(f"test_fraction must be between 0 and 1 (exclusive), got {test_fraction}")
    rng = np.random.default_rng(seed)
    train, test = [], []
    for value in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == value))
        n_test = round(test_fraction * len(members))
        test.append(members[:n_test])
        train.append(members[n_test:])
    as_index = functools.partial(np.array, dtype=np.int64)
    return np.sort(as_index(np.concatenate(train))), np.sort(as_index(np.concatenate(test)))


@functools.cache
def _read_archive(path: Path) -> tuple[tuple[str, ...], tuple[bytes, ...]]:
    """Member names and contents of the corpus archive, in name order (cached per path)."""
    names, messages = [], []
    try:
        with lzma.open(path) as stream, tarfile.open(fileobj=stream, mode="r|") as archive:
            for member in archive:
                if member.isfile():
                    names.append(member.name)
                    messages.append(archive.extractfile(member).read())
    except (OSError, EOFError, lzma.LZMAError, tarfile.TarError) as error:
        raise DataError(f"spam archive {path} cannot be read as a .tar.xz file: {error}") from None
    order = sorted(range(len(names)), key=names.__getitem__)
    for name in names:
        _label(name, path)
    return tuple(names[i] for i in order), tuple(messages[i] for i in order)


@functools.cache
def _texts(path: Path) -> tuple[tuple[str, ...], tuple[int, ...]]:
    names, messages = _read_archive(path)
    return tuple(message_text(raw) for raw in messages), tuple(_label(name) for name in names)


def _label(name: str, path: Path | None = None) -> int:
    group = name.split("/")[0]
    if group in SPAM_GROUPS:
        return 1
    if group in HAM_GROUPS:
        return 0
    raise DataError(f"spam archive {path}: member {name!r} is in no known group.")


def _body_parts(message: email.message.Message, content_type: str) -> list[email.message.Message]:
    return [
        part
        for part in message.walk()
        if part.get_content_type() == content_type
        and not str(part.get("Content-Disposition", "")).lower().startswith("attachment")
    ]


def _decoded(part: email.message.Message) -> str:
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset() or "latin-1"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:  # a charset Python does not know
        return payload.decode("latin-1")


def _subject(message: email.message.Message) -> str:
    subject = message.get("Subject")
    if subject is None:
        return ""
    try:
        return str(email.header.make_header(email.header.decode_header(subject)))
    except (LookupError, UnicodeError, ValueError):
        return str(subject)
