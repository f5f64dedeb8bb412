"""The naive baseline the benchmark compares against: what most open-source card readers do.

Full-frame Tesseract on the photo as it is (the CLI through pytesseract, default page
segmentation, `eng+ita`, no EXIF rotation, no crop, no preprocessing), then simple regexes:
e-mails, phone numbers found by `phonenumbers` with "US" as the default region, a website
pattern, and line positions for the rest (first line = name, second = title, third = company).
It returns a `CardResult` so the benchmark scores it exactly like the pipeline.
"""

from __future__ import annotations

import os
import re
import tempfile
import time

import phonenumbers
import pytesseract

from ocr.errors import OcrEngineError, OcrTimeoutError
from ocr.types import CardFields, CardResult, Phone

DEFAULT_REGION = "US"
TIMEOUT_S = 120  # a guard against hangs only; the baseline has no real time limit
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
WEBSITE = re.compile(
    r"(?:https?://)?(?:www\.)[\w-]+(?:\.[\w-]+)+|https?://[\w-]+(?:\.[\w-]+)+", re.I
)
BARE_DOMAIN = re.compile(r"\b[\w-]+\.(?:com|net|org|io|it|de|fr|es|pt|br|uk|eu|ch|jp)\b", re.I)
ADDRESS_HINT = re.compile(r"\d+.*[A-Za-z]{3,}|[A-Za-z]{3,}.*\d+")


def scan_baseline(data: bytes, lang: str = "eng+ita") -> CardResult:
    """Read one photo the naive way; raises OcrEngineError/OcrTimeoutError like the pipeline."""
    started = time.perf_counter()
    text = _tesseract(data, lang)
    ocr_ms = (time.perf_counter() - started) * 1000
    fields = parse_naively(text)
    total_ms = (time.perf_counter() - started) * 1000
    return CardResult(
        fields=fields,
        timings_ms={
            "ocr": round(ocr_ms, 1),
            "fields": round(total_ms - ocr_ms, 1),
            "total": round(total_ms, 1),
        },
    )


def _tesseract(data: bytes, lang: str) -> str:
    # A file path, so Tesseract (Leptonica) reads the JPEG itself, as the CLI would.
    handle, path = tempfile.mkstemp(suffix=".img")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        return pytesseract.image_to_string(path, lang=lang, timeout=TIMEOUT_S)
    except RuntimeError as exc:  # pytesseract signals its timeout with RuntimeError
        raise OcrTimeoutError() from exc
    except pytesseract.TesseractError as exc:
        raise OcrEngineError(str(exc)) from exc
    finally:
        os.unlink(path)


def parse_naively(text: str) -> CardFields:
    """Regexes and line positions, nothing more."""
    lines = [line.strip() for line in text.splitlines() if re.search(r"[A-Za-z]", line)]
    emails = tuple(dict.fromkeys(match.lower() for match in EMAIL.findall(text)))
    phones = _phones(text)
    website = _website(text)
    used = {line for line in lines if EMAIL.search(line) or WEBSITE.search(line)}
    used |= {line for line in lines for phone in phones if phone.printed and phone.printed in line}
    rest = [line for line in lines if line not in used]
    address = next((line for line in rest[3:] if ADDRESS_HINT.search(line)), None)
    return CardFields(
        name=rest[0] if rest else None,
        title=rest[1] if len(rest) > 1 else None,
        company=rest[2] if len(rest) > 2 else None,
        emails=emails,
        phones=phones,
        website=website,
        address=address,
    )


def _phones(text: str) -> tuple[Phone, ...]:
    found: dict[str, Phone] = {}
    for match in phonenumbers.PhoneNumberMatcher(text, DEFAULT_REGION):
        number = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        before = text[max(0, match.start - 8) : match.start].lower()
        kind = "fax" if "fax" in before else "mobile" if re.search(r"mob|cel", before) else "other"
        found.setdefault(number, Phone(number=number, type=kind, printed=match.raw_string))
    return tuple(found.values())


def _website(text: str) -> str | None:
    match = WEBSITE.search(text)
    if match:
        return match.group(0).lower()
    without_emails = EMAIL.sub(" ", text)
    bare = BARE_DOMAIN.search(without_emails)
    return bare.group(0).lower() if bare else None
