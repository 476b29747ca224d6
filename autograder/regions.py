"""Marked regions in source files: solution regions become ``XXXX`` stubs, hidden regions disappear.

Solution modules mark what the student writes in two ways::

    # BEGIN SOLUTION                     a block: replaced by one ``XXXX`` line at the marker's indentation
    ...
    # END SOLUTION

    self.i2h = nn.Linear(input_size + hidden_size, hidden_size)  # SOLUTION
                                         one statement: the arguments of a call to a (dotted) name, else
                                         the whole assigned or returned value, becomes XXXX
                                         ->  self.i2h = nn.Linear(XXXX)

Checks modules mark hidden checks with ``# BEGIN HIDDEN`` / ``# END HIDDEN``; a student release drops them.
Outside the regions a file is copied unchanged. ``XXXX`` is a bare name, so a stub imports cleanly and
fails with a NameError only when its unfinished part runs.
"""

from __future__ import annotations

import ast

from .errors import KitError

PLACEHOLDER = "XXXX"
LINE_MARKER = "# SOLUTION"


class RegionError(KitError):
    """A marker is misplaced (unbalanced, nested, or on a statement it cannot stub)."""


def make_stub(source: str, filename: str = "<source>") -> str:
    """Return ``source`` with every solution region replaced by the placeholder."""
    lines = source.splitlines(keepends=True)
    statements = _statements_by_line(source, filename)
    output: list[str] = []
    in_block_from: int | None = None
    for number, line in enumerate(lines, start=1):
        marker = line.strip()
        if marker == "# BEGIN SOLUTION":
            if in_block_from is not None:
                raise RegionError(
                    f"{filename}:{number}: BEGIN SOLUTION inside the region opened on line {in_block_from}"
                )
            in_block_from = number
            indent = line[: len(line) - len(line.lstrip())]
            output.append(f"{indent}{PLACEHOLDER}  # your code here\n")
        elif marker == "# END SOLUTION":
            if in_block_from is None:
                raise RegionError(f"{filename}:{number}: END SOLUTION without a BEGIN SOLUTION")
            in_block_from = None
        elif in_block_from is None:
            output.append(
                _stub_line(line, statements.get(number), filename, number) if _has_line_marker(line) else line
            )
    if in_block_from is not None:
        raise RegionError(f"{filename}:{in_block_from}: BEGIN SOLUTION is never closed")
    return "".join(output)


def strip_hidden(source: str, filename: str = "<source>") -> str:
    """Return ``source`` without its ``# BEGIN HIDDEN`` ... ``# END HIDDEN`` regions."""
    output: list[str] = []
    hidden_from: int | None = None
    for number, line in enumerate(source.splitlines(keepends=True), start=1):
        marker = line.strip()
        if marker == "# BEGIN HIDDEN":
            if hidden_from is not None:
                raise RegionError(f"{filename}:{number}: BEGIN HIDDEN inside the region opened on line {hidden_from}")
            hidden_from = number
        elif marker == "# END HIDDEN":
            if hidden_from is None:
                raise RegionError(f"{filename}:{number}: END HIDDEN without a BEGIN HIDDEN")
            hidden_from = None
        elif hidden_from is None:
            output.append(line)
    if hidden_from is not None:
        raise RegionError(f"{filename}:{hidden_from}: BEGIN HIDDEN is never closed")
    return "".join(output)


def has_markers(source: str) -> bool:
    """True when ``source`` still holds a solution or hidden marker."""
    return any(
        line.strip() in ("# BEGIN SOLUTION", "# END SOLUTION", "# BEGIN HIDDEN", "# END HIDDEN")
        or _has_line_marker(line)
        for line in source.splitlines()
    )


def _has_line_marker(line: str) -> bool:
    return line.rstrip().endswith(LINE_MARKER) and line.strip() != LINE_MARKER


def _statements_by_line(source: str, filename: str) -> dict[int, ast.stmt]:
    tree = ast.parse(source, filename)
    return {node.lineno: node for node in ast.walk(tree) if isinstance(node, ast.stmt)}


def _stub_line(line: str, statement: ast.stmt | None, filename: str, number: int) -> str:
    value = getattr(statement, "value", None)
    if statement is None or value is None or statement.end_lineno != number:
        raise RegionError(f"{filename}:{number}: '{LINE_MARKER}' must end a one-line assignment, return or expression")
    code = line.rstrip()[: -len(LINE_MARKER)].rstrip()
    start, end = value.col_offset, value.end_col_offset
    if isinstance(value, ast.Call) and _is_dotted_name(value.func) and (value.args or value.keywords):
        arguments = [*value.args, *value.keywords]
        start = min(arg.col_offset for arg in arguments)
        end = max(arg.end_col_offset for arg in arguments)
    encoded = code.encode()  # ast offsets count UTF-8 bytes
    return (encoded[:start] + PLACEHOLDER.encode() + encoded[end:]).decode() + "\n"


def _is_dotted_name(node: ast.expr) -> bool:
    """True for ``name`` or ``a.b.name``: a constructor or function, not a method of a computed value."""
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)
