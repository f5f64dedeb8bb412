"""A second OCR engine's opinion on phone numbers and logos: RapidOCR (PP-OCR models on ONNX
Runtime).

Reading a whole card takes it about a second on one core, three times what the Tesseract
pipeline takes, but it reads digits that Tesseract misses or slips on in phone photos (light
print on colour, stylised fonts, `817-228-4401` for `-6401`) and logo lettering Tesseract
cannot read. So by default (`ScanOptions.recheck`) it reads only the regions Tesseract read
doubtfully, on cards whose numbers look misread or missed or whose company was not read;
`ScanOptions.second_opinion` has it read every card. Its model joins Latin words
("EletronicaADACHILtda"), so only its phone lines are taken (a phone line it reads surely
replaces the Tesseract lines that read the same number worse, and adds one Tesseract did not
read), and its logo lettering only where the card's domain spells it (fields.company_from_logo).
This is the only module that imports RapidOCR; without it installed both are no-ops and
`available()` says so.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import Any

import cv2
import numpy as np

from ocr.types import OcrLine, Word, shared_area

SURE = 0.8  # RapidOCR line confidence below this is a guess, not an opinion
NUMBER_DIGITS = 7  # the fewest digits of a phone number printed without an area code
DOUBT = 0.8  # a line with a number read below this confidence may hold a misread one
LOGO_HEIGHT = 2.0  # lettering this many times the median line height is a logo: re-read
DET_LONG_SIDE = 800  # regions are found on a copy this long: 0.16 s, not 0.28 s at 1050 px
SLIPS = 2  # at most this many digits differ: the same number, one engine slipped
_PHONE_RUN = re.compile(r"\d[\d\s().\-/+]{6,}\d")
_POSTCODE_LABEL = re.compile(r"\b(?:cep|zip|plz|cap|postcode)\W{0,3}$", re.IGNORECASE)
_local = threading.local()  # ONNX sessions: one engine per thread, like Tesseract's


@cache
def available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def _engine() -> Any:
    if getattr(_local, "engine", None) is None:
        from rapidocr_onnxruntime import RapidOCR

        # Text found on the image as it is given, not enlarged until its short side is 736 px
        # (RapidOCR's default, twice the pixels to search on a card). With "max", RapidOCR
        # shrinks only images longer than 960 px whatever the limit says: _text_regions
        # shrinks the card itself.
        _local.engine = RapidOCR(
            intra_op_num_threads=1,
            inter_op_num_threads=1,
            det_limit_side_len=1056,
            det_limit_type="max",
        )
    return _local.engine


def read_lines(rgb: np.ndarray) -> list[OcrLine]:
    """Every text line RapidOCR finds on the upright card, in its pixel coordinates."""
    found, _ = _engine()(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    return [_as_line(corners, text, float(conf)) for corners, text, conf in found or ()]


def read_doubtful_lines(rgb: np.ndarray, lines: Sequence[OcrLine]) -> list[OcrLine]:
    """RapidOCR's lines where Tesseract read none or unsurely, and lettering twice as tall as
    the card's text (a logo, which Tesseract reads worse than it thinks). Recognition is most
    of its time, so the rest Tesseract read surely is not asked."""
    bgr = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
    found = _text_regions(bgr)
    heights = sorted(line.box[3] for line in lines)
    logo_height = LOGO_HEIGHT * heights[len(heights) // 2] if heights else 0
    opinion = []
    for corners in found or ():
        x, y, width, height = _bounds(corners)
        if width < 2 or height < 2:
            continue
        if height < logo_height and _read_surely((x, y, width, height), lines):
            continue
        read, _ = _engine()(bgr[y : y + height, x : x + width], use_det=False, use_cls=False)
        if read:
            text, conf = read[0]
            opinion.append(_as_line(corners, text, float(conf)))
    return opinion


def _text_regions(bgr: np.ndarray) -> list[list[list[float]]]:
    """The corners of each text region, found on a copy at most DET_LONG_SIDE long (the
    detector's time grows with the pixels; the regions are read at full size)."""
    scale = min(1.0, DET_LONG_SIDE / max(bgr.shape[:2]))
    small = (
        bgr
        if scale == 1.0
        else cv2.resize(bgr, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    )
    found, _ = _engine()(small, use_rec=False, use_cls=False)
    return [(np.asarray(corners, dtype=np.float64) / scale).tolist() for corners in found or ()]


def _read_surely(box: tuple[int, int, int, int], lines: Sequence[OcrLine]) -> bool:
    """Tesseract read the region: lines cover it, each sure. (A number read surely is not
    asked again either: on 880 cards that changed no field, and cost 2 % of the real photos'
    time.)"""
    covering = [line for line in lines if _covered(box, line.box) >= 0.5]
    return bool(covering) and all(line.conf >= DOUBT for line in covering)


def _covered(box: tuple[int, int, int, int], other: tuple[int, int, int, int]) -> float:
    """The share of `box` that `other` covers."""
    return shared_area(box, other) / max(box[2] * box[3], 1)


def with_phone_lines(lines: Sequence[OcrLine], opinion: Sequence[OcrLine]) -> tuple[OcrLine, ...]:
    """Tesseract's lines with the second opinion's sure phone lines merged in."""
    merged = list(lines)
    for line in opinion:
        runs = phone_runs(line.text)
        if line.conf < SURE or not runs:
            continue
        read = [_digits(other.text) for other in merged]
        if all(any(run[-8:] in digits for digits in read) for run in runs):
            continue  # every number on it was read already
        merged = [other for other in merged if not _superseded(other, runs)]
        at = next((i for i, other in enumerate(merged) if other.box[1] > line.box[1]), None)
        merged.insert(len(merged) if at is None else at, line)
    return tuple(merged)


def doubtful(lines: Sequence[OcrLine]) -> bool:
    """Whether Tesseract's phone numbers need a second reading: no line holds a number, or
    one that holds digits enough for a number was read unsurely."""
    digits = [(len(_digits(line.text)), line.conf) for line in lines]
    if not any(count >= NUMBER_DIGITS for count, _ in digits):
        return True
    return any(count >= NUMBER_DIGITS - 1 and conf < DOUBT for count, conf in digits)


def phone_runs(text: str) -> list[str]:
    """The digits of each phone-sized run of digits and separators in a line (a postcode
    after its label is not one: "CEP: 03564-040")."""
    runs = (
        _digits(match.group(0))
        for match in _PHONE_RUN.finditer(text)
        if not _POSTCODE_LABEL.search(text[: match.start()])
    )
    return [run for run in runs if 8 <= len(run) <= 15]


def _superseded(line: OcrLine, runs: Sequence[str]) -> bool:
    """A line whose every number is one of `runs`, read worse or in part (a line that also
    carries an email or a web address stays: the opinion is only trusted on numbers)."""
    own = phone_runs(line.text)
    if not own or re.search(r"@|www|http", line.text, re.IGNORECASE):
        return False
    return all(any(mine in run or _one_number(mine, run) for run in runs) for mine in own)


def _one_number(a: str, b: str) -> bool:
    a, b = a[-9:], b[-9:]
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) <= SLIPS


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _bounds(corners: Sequence[Sequence[float]]) -> tuple[int, int, int, int]:
    xs, ys = [p[0] for p in corners], [p[1] for p in corners]
    x, y = max(int(min(xs)), 0), max(int(min(ys)), 0)
    return x, y, int(max(xs)) - x, int(max(ys)) - y


def _as_line(corners: Sequence[Sequence[float]], text: str, conf: float) -> OcrLine:
    box = x, y, _, _ = _bounds(corners)
    text = unicodedata.normalize("NFKC", text)  # its Chinese model writes "（11）" for "(11)"
    # No word boxes from this engine: each word gets its share of the line's width.
    words, left = [], x
    letters = max(1, len(text.replace(" ", "")))
    for word in text.split():
        width = box[2] * len(word) // letters
        words.append(Word(word, conf, (left, y, width, box[3])))
        left += width
    return OcrLine(text, conf, box, tuple(words))
