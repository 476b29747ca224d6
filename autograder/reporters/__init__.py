"""Presentation of result records: a terminal table, and the files a batch writes. Nothing here grades."""

from .files import feedback_markdown, gradescope_results, read_report, write_answers_csv, write_grades_csv
from .terminal import format_report

__all__ = [
    "feedback_markdown",
    "format_report",
    "gradescope_results",
    "read_report",
    "write_answers_csv",
    "write_grades_csv",
]
