"""Second reading of contact lines: each cut out, enlarged and recognised alone.

A page pass reads a card's small print at the card's scale, with the layout analysis deciding
where lines are; in a phone number, an email or a web address one slip costs the whole
field. Such a line, when not read surely, is re-read alone at a larger size, and the re-read
replaces it when Tesseract is surer of it, it lost no digit, split no word and it is the
same text with slips mended (not another text found in the crop). Measured on the real
photos: "784-552:8728" re-read as "734-552-8728"; on synthetic photos, emails in small print.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import cv2
import numpy as np
from rapidfuzz import fuzz

from ocr.tesseract import OcrPage
from ocr.types import Box, OcrLine, Word

MIN_DIGITS = 6  # a line with a phone number's worth of digits
TARGET_HEIGHT = 56  # px of line height the crop is enlarged to
MAX_SCALE = 3.0
SURE = 0.8  # a line read this confidently is left alone (re-reads cost ~30 ms a line and,
# measured, mended no line read at 0.8-0.95 but broke one: "484 19 30" re-read as "19 39")
MIN_GAIN = 0.03  # mean confidence the re-read must add to replace the page's reading
SAME_TEXT = 60  # rapidfuzz ratio: the re-read mends the line, it is not another text
MAX_LINES = 8  # a card has a handful of contact lines; more is noise
_DOMAIN = re.compile(r"\w\.\s?(?:com|net|org|[a-z]{2})\b", re.I)


def reread_lines(
    grey: np.ndarray, page: OcrPage, read_line: Callable[[np.ndarray], OcrPage]
) -> OcrPage:
    """The page with its doubtful contact lines replaced by surer readings of each alone."""
    lines = list(page.lines)
    wanted = [i for i, line in enumerate(lines) if _wants_reread(line)][:MAX_LINES]
    for index in wanted:
        lines[index] = _reread(grey, lines[index], read_line)
    return OcrPage(lines=tuple(lines))


def _wants_reread(line: OcrLine) -> bool:
    if line.box[3] <= 4 or line.conf >= SURE:
        return False
    webby = "@" in line.text or "www" in line.text.lower() or _DOMAIN.search(line.text)
    return bool(webby) or _digits(line.text) >= MIN_DIGITS


def _digits(text: str) -> int:
    return sum(ch.isdigit() for ch in text)


def _reread(grey: np.ndarray, line: OcrLine, read_line: Callable[[np.ndarray], OcrPage]) -> OcrLine:
    again = _read_alone(grey, line, read_line)
    if again is None or again.conf < line.conf + MIN_GAIN:
        return line
    if _digits(again.text) < _digits(line.text):
        return line
    if fuzz.ratio(_key(again.text), _key(line.text)) < SAME_TEXT:
        return line
    if len(again.text.split()) > len(line.text.split()):
        return line  # mending joins pieces; a new split ("jack, jones@") is a new slip
    return again


def _key(text: str) -> str:
    """The characters, without the spaces OCR puts in or leaves out."""
    return re.sub(r"\s+", "", text)


def _read_alone(
    grey: np.ndarray, line: OcrLine, read_line: Callable[[np.ndarray], OcrPage]
) -> OcrLine | None:
    x, y, w, h = line.box
    pad = max(2, h // 3)
    x0, y0 = max(0, x - pad), max(0, y - pad)
    x1, y1 = min(grey.shape[1], x + w + pad), min(grey.shape[0], y + h + pad)
    scale = min(MAX_SCALE, max(1.0, TARGET_HEIGHT / max(h, 1)))
    crop = grey[y0:y1, x0:x1]
    if scale > 1.0:
        crop = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    words = [w for read in read_line(crop).lines for w in read.words]
    if not words:
        return None
    moved = tuple(Word(w.text, w.conf, _back(w.box, scale, x0, y0)) for w in words)
    conf = sum(w.conf for w in words) / len(words)
    return OcrLine(text=" ".join(w.text for w in moved), conf=conf, box=line.box, words=moved)


def _back(box: Box, scale: float, dx: int, dy: int) -> Box:
    x, y, w, h = box
    return (round(x / scale) + dx, round(y / scale) + dy, round(w / scale), round(h / scale))
