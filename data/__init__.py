"""The course's datasets, shipped offline with the kit, and their loaders (installed as ``mllabs_data``).

Lab modules (``solutions/`` and ``student/``) import their data from here, e.g.
``from mllabs_data import load_rain``. Every loader reads only files shipped in this folder (each checked
against its dataset's ``SHA256SUMS``), or a path the user passes; nothing is ever downloaded. Each dataset
folder holds its datasheet (``README.md``: source, licence, derivation, statistics) and the ``rebuild.py``
script that re-derived it from its registry package.

==============  ====================================================  ==========================
dataset         loaders                                               real or synthetic
==============  ====================================================  ==========================
rain/           load_rain                                             real (JFK 2013, CC0)
spam/           load_spam, stratified_split                           real (SpamAssassin)
punctuation/    load_punctuation, tokenize_with_labels                real (Wesnoth, LibreOffice)
en_fr/          load_en_fr_pairs                                      real (Wesnoth)
names/          load_names                                            real (faker's name lists)
auth_logs/      read_auth_log, generate_auth_log, read_lines          synthetic (LANL format)
(generated)     majority_symbol_sequences, one_position_sequences     synthetic by design
==============  ====================================================  ==========================
"""

from ._auth_logs import (
    AuthEvent,
    AuthLogConfig,
    RedTeamEvent,
    auth_sample_paths,
    generate_auth_log,
    read_auth_log,
    read_lines,
    read_redteam,
    redteam_labels,
    write_auth_log,
)
from ._en_fr import build_vocabulary, load_en_fr_pairs, normalize_text
from ._files import DATA_DIR, DataError, shipped_file
from ._names import load_names, to_ascii
from ._punctuation import (
    PUNCTUATION_CLASSES,
    PUNCTUATION_SPLITS,
    load_punctuation,
    load_punctuation_lines,
    load_vocabulary,
    tokenize_with_labels,
)
from ._rain import RainData, load_rain
from ._spam import load_spam, load_spam_messages, message_text, stratified_split
from ._synthetic import majority_symbol_sequences, one_position_sequences

__all__ = [
    "DATA_DIR",
    "PUNCTUATION_CLASSES",
    "PUNCTUATION_SPLITS",
    "AuthEvent",
    "AuthLogConfig",
    "DataError",
    "RainData",
    "RedTeamEvent",
    "auth_sample_paths",
    "build_vocabulary",
    "generate_auth_log",
    "load_en_fr_pairs",
    "load_names",
    "load_punctuation",
    "load_punctuation_lines",
    "load_rain",
    "load_spam",
    "load_spam_messages",
    "load_vocabulary",
    "majority_symbol_sequences",
    "message_text",
    "normalize_text",
    "one_position_sequences",
    "read_auth_log",
    "read_lines",
    "read_redteam",
    "redteam_labels",
    "shipped_file",
    "stratified_split",
    "to_ascii",
    "tokenize_with_labels",
    "write_auth_log",
]
