"""Spreadsheet formula injection: a cell that starts with = + - @ (or tab/CR) is a formula in
Excel, LibreOffice and Google Sheets. Such cells get a leading apostrophe (OWASP's advice),
except a value that is plainly a phone number (`+39 347 123 4567`), which stays intact.
"""

from __future__ import annotations

import re

DANGEROUS_FIRST = ("=", "+", "-", "@", "\t", "\r")
PHONE_LIKE = re.compile(r"\+[0-9][0-9 ]*")
NEUTRALISER = "'"


def is_phone_like(value: str) -> bool:
    """`+` then only digits and spaces: a number, never a formula."""
    return PHONE_LIKE.fullmatch(value) is not None


def neutralise(value: object) -> str:
    """The text of a cell, safe to open in a spreadsheet."""
    text = "" if value is None else str(value)
    if text.startswith(DANGEROUS_FIRST) and not is_phone_like(text):
        return NEUTRALISER + text
    if _looks_neutralised(text):  # "'=x" itself gets one more, so `restore` is exact
        return NEUTRALISER + text
    return text


def _looks_neutralised(text: str) -> bool:
    return text.startswith(NEUTRALISER) and text.lstrip(NEUTRALISER).startswith(DANGEROUS_FIRST)


def restore(cell: str) -> str:
    """Undo `neutralise` when reading our own export back."""
    return cell[1:] if _looks_neutralised(cell) else cell
