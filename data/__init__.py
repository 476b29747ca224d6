"""The course's datasets, shipped offline with the kit, and their loaders (installed as ``mllabs_data``).

Lab modules (``solutions/`` and ``student/``) import their data from here, e.g.
``from mllabs_data import load_rain``. Every loader reads only files shipped in this folder (each checked
against its dataset's ``SHA256SUMS``), or a path the user passes; nothing is ever downloaded. Each dataset
folder holds its datasheet (``README.md``: source, licence, derivation, statistics) and the ``rebuild.py``
script that re-derived it from its registry package.
"""

from ._files import DATA_DIR, DataError, shipped_file
from ._synthetic import majority_symbol_sequences, one_position_sequences

__all__ = ["DATA_DIR", "DataError", "majority_symbol_sequences", "one_position_sequences", "shipped_file"]
