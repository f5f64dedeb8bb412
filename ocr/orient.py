"""Orient stage: turn the card upright (0/90/180/270) and keep the recognition that proved it.

Tesseract OSD is cheap (~40 ms on a 1050 px card) but its confidence on cards is low (3-8,
far below OCRmyPDF's 14), so its angle is only a proposal. Recognition checks it: text that
comes out sideways (word boxes taller than wide) means a quarter turn is missing, and an
upside-down reading is far less confident than the upright one. Upright cards whose 0° text
reads confidently cost one OSD call and one recognition; the others one or two more.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from ocr.tesseract import OcrPage, detect_orientation

OSD_MIN_CONF = 1.0  # low on purpose: every proposal is checked by recognition confidence
GOOD_MEAN_CONF = 0.75  # text read at 0° this confidently needs no second opinion
_ROTATIONS = {90: cv2.ROTATE_90_CLOCKWISE, 180: cv2.ROTATE_180, 270: cv2.ROTATE_90_COUNTERCLOCKWISE}


@dataclass(frozen=True)
class Oriented:
    """The upright image, the clockwise angle applied, and what recognition read there."""

    grey: np.ndarray
    angle: int
    page: OcrPage
    candidates_tried: int


def rotate(image: np.ndarray, angle: int) -> np.ndarray:
    """Rotate clockwise by a multiple of 90 degrees."""
    return image if angle % 360 == 0 else cv2.rotate(image, _ROTATIONS[angle % 360])


def orient_card(
    grey: np.ndarray, read: Callable[[np.ndarray], OcrPage], *, tessdata_dir: str | None = None
) -> Oriented:
    """Pick the rotation whose recognition reads the most confident, horizontal text."""
    proposal, conf = detect_orientation(grey, tessdata_dir=tessdata_dir)
    best = _attempt(grey, proposal if conf >= OSD_MIN_CONF else 0, read, tried=0)
    if best.page.vertical_share > 0.5:
        # Sideways: the right answer is a quarter turn away; the two differ by confidence.
        candidates = [(best.angle + 90) % 360, (best.angle + 270) % 360]
    elif best.angle != 0 or best.page.mean_conf < GOOD_MEAN_CONF:
        # An OSD proposal is only trusted once upside-down reads worse; weak 0° text too.
        candidates = [(best.angle + 180) % 360]
    else:
        return best
    for angle in candidates:
        attempt = _attempt(grey, angle, read, tried=best.candidates_tried)
        best = _better(best, attempt)
    return best


def _attempt(
    grey: np.ndarray, angle: int, read: Callable[[np.ndarray], OcrPage], *, tried: int
) -> Oriented:
    upright = rotate(grey, angle)
    return Oriented(upright, angle, read(upright), tried + 1)


def _better(current: Oriented, challenger: Oriented) -> Oriented:
    """Horizontal text beats sideways text; then more confident characters win (0° on ties)."""

    def rank(option: Oriented) -> tuple[bool, float]:
        bonus = 1.1 if option.angle == 0 else 1.0  # a wrong EXIF/OSD guess must clearly win
        return option.page.vertical_share <= 0.5, option.page.score * bonus

    winner = challenger if rank(challenger) > rank(current) else current
    tried = max(current.candidates_tried, challenger.candidates_tried)
    return Oriented(winner.grey, winner.angle, winner.page, tried)
