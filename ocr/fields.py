"""Field parser: recognised lines in, CardFields with per-field confidences out.

Skeleton interface; the full parser follows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ocr.types import CardFields, OcrLine

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def parse_fields(
    lines: Sequence[OcrLine], *, region: str | None = None, lang: str = "eng+ita"
) -> CardFields:
    """Read name, title, company, emails, phones, website, address and social handles."""
    emails = tuple(m.group(0).lower() for line in lines for m in _EMAIL.finditer(line.text))
    return CardFields(emails=emails, confidence={"emails": 0.5} if emails else {})


def merge_fields(ocr: CardFields, qr: CardFields) -> CardFields:
    """Combine OCR and QR results: QR-decoded values win where present."""
    return qr if qr.name else ocr


def parse_qr_payload(text: str) -> CardFields:
    """Read a vCard, MeCard or plain-URL QR payload."""
    return CardFields()
