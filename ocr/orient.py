"""Orient stage: turn the card upright (0/90/180/270) and keep the recognition that proved it.

Measured on the real photos: recognition at 0° tells most of the story by itself. Sideways
text comes back with word boxes taller than wide (Tesseract reads it almost as confidently
as upright text, so confidence alone cannot tell), and upright text reads with a mean word
confidence >= 0.75 far more often than upside-down text (<= 0.57 here). Tesseract OSD costs
about half a recognition on a 1050 px card and its confidence on cards is low (1-14, far
below OCRmyPDF's 14), but every non-zero answer with confidence >= 1 was right; so OSD is
asked only when 0° is doubtful, and its answer is still checked by a second recognition.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import cv2
import numpy as np

from ocr.tesseract import OcrPage, detect_orientation

OSD_MIN_CONF = 1.0  # low on purpose: every proposal is checked by recognition confidence
GOOD_MEAN_CONF = 0.75  # text read at 0° this confidently needs no second opinion
# Nor text read fairly confidently with many words read surely: upside-down cards never did
# both (453 turned synthetic photos: at best a 0.605 mean, 0.29 of words at >= 0.9, a 0.76
# median word), while upright phone photos often do (7 of the 14 real ones OSD was asked of).
FAIR_MEAN_CONF = 0.65
SURE_WORD = 0.9
SURE_SHARE = 0.35
SURE_MEDIAN = 0.8
WEAK_MEAN_CONF = 0.6  # below this, 180° is tried even when OSD has no opinion
SIDEWAYS_SHARE = 0.5  # share of tall word boxes that means the text lies sideways
MIN_UPRIGHT_SCORE = 10.0  # confident characters a reading at 0° needs to prove anything
MAX_CARD_LINES = 60  # a card prints far fewer lines; more is noise, not worth a second pass
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
    grey: np.ndarray,
    read: Callable[[np.ndarray], OcrPage],
    *,
    tessdata_dir: str | None = None,
    settled: bool = False,
) -> Oriented:
    """Read at 0°; only when that looks sideways or weak, ask OSD and read once or twice more.

    `settled`: the photo's card was already read upright (this is its whole frame, checked
    against the crop), so a weak reading at 0° is not a reason to turn it; sideways text
    still is (a crop read upright may have been a wrong region's)."""
    best = _attempt(grey, 0, read, tried=0)
    sideways = best.page.vertical_share > SIDEWAYS_SHARE
    # A few letters read surely prove nothing: sideways print is mostly not read at all.
    empty = best.page.score < MIN_UPRIGHT_SCORE
    if not sideways and (settled or (_surely_upright(best.page) and not empty)):
        return best
    if len(best.page.lines) > MAX_CARD_LINES:
        return best  # texture or noise read as "text": another turn would only double the cost
    proposal, conf = detect_orientation(grey, tessdata_dir=tessdata_dir)
    trusted = conf >= OSD_MIN_CONF
    sideways = sideways or (empty and trusted and proposal in (90, 270))
    if sideways:
        # Tesseract reads text turned a quarter clockwise well and the other way badly.
        guess = proposal if trusted and proposal in (90, 270) else _sideways_guess(best.page)
        candidates = [guess, (guess + 180) % 360]
    elif trusted and proposal == 0:
        return best
    elif (trusted and proposal == 180) or best.page.mean_conf < WEAK_MEAN_CONF:
        candidates = [180]
    else:
        return best
    for angle in candidates:
        best = _better(best, _attempt(grey, angle, read, tried=best.candidates_tried))
        if best.angle == angle and best.page.mean_conf >= GOOD_MEAN_CONF:
            break  # the first candidate settled it: skip the opposite one
    return best


def _surely_upright(page: OcrPage) -> bool:
    if page.mean_conf >= GOOD_MEAN_CONF:
        return True
    confs = sorted(word.conf for word in page.words)
    if page.mean_conf < FAIR_MEAN_CONF or not confs:
        return False
    sure_share = sum(conf >= SURE_WORD for conf in confs) / len(confs)
    return sure_share >= SURE_SHARE or confs[len(confs) // 2] >= SURE_MEDIAN


def _sideways_guess(page: OcrPage) -> int:
    return 270 if page.mean_conf >= GOOD_MEAN_CONF else 90


def _attempt(
    grey: np.ndarray, angle: int, read: Callable[[np.ndarray], OcrPage], *, tried: int
) -> Oriented:
    upright = rotate(grey, angle)
    return Oriented(upright, angle, read(upright), tried + 1)


def _better(current: Oriented, challenger: Oriented) -> Oriented:
    """Horizontal text beats sideways text; then more confident characters win (0° on ties)."""

    def rank(option: Oriented) -> tuple[bool, float]:
        bonus = 1.1 if option.angle == 0 else 1.0  # a wrong EXIF/OSD guess must clearly win
        return option.page.vertical_share <= SIDEWAYS_SHARE, option.page.score * bonus

    winner = challenger if rank(challenger) > rank(current) else current
    tried = max(current.candidates_tried, challenger.candidates_tried)
    return Oriented(winner.grey, winner.angle, winner.page, tried)
