"""Orient stage: turn the card upright (0/90/180/270) and keep the recognition that proved it.

Tesseract OSD is cheap (~40 ms on a 1050 px card) but its confidence on cards is low (3-8,
far below OCRmyPDF's 14), so its angle is only a proposal: the recognition at that angle must
read more confident text than the one at 0°, else we keep 0°. When OSD has no opinion and
the text at 0° reads poorly, 180° (or 90/270 for a tall crop) is tried as well.
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


def orient_card(grey: np.ndarray, read: Callable[[np.ndarray], OcrPage], *,
                tessdata_dir: str | None = None) -> Oriented:
    """Pick the rotation whose recognition reads the most confident text."""
    proposal, conf = detect_orientation(grey, tessdata_dir=tessdata_dir)
    first = proposal if conf >= OSD_MIN_CONF else 0
    best = Oriented(rotate(grey, first), first, read(rotate(grey, first)), 1)
    if best.page.mean_conf >= GOOD_MEAN_CONF and best.page.score > 0:
        return best
    for angle in _fallback_angles(grey, first):
        page = read(rotate(grey, angle))
        if page.score > best.page.score * 1.15:
            best = Oriented(rotate(grey, angle), angle, page, best.candidates_tried + 1)
        else:
            best = Oriented(best.grey, best.angle, best.page, best.candidates_tried + 1)
    return best


def _fallback_angles(grey: np.ndarray, tried: int) -> list[int]:
    """Other plausible angles: 0 and 180 for a wide image, 90 and 270 too for a tall one."""
    height, width = grey.shape[:2]
    angles = [0, 180] if width >= height else [90, 270, 0]
    return [angle for angle in angles if angle != tried][:2]
