"""Deskew stage: turn a card whose lines of print run at a slant level with the page.

A crop that holds more than the card (a box around card and desk) or the whole frame keeps
the card's tilt, and Tesseract cuts slanted lines into pieces ("Tel. +" and "814 250"). The
words themselves say the slant: dilated into blobs, most are long and lie along their line.
"""

from __future__ import annotations

from dataclasses import replace

import cv2
import numpy as np

from ocr.warp import WarpedCard

SKEW_SIDE = 800  # long side of the copy the slant is measured on
INK_CONTRAST = 30  # grey levels a stroke differs from its neighbourhood median
WORD_ELONGATION = 3.0  # a blob this much longer than tall is a word or a line of them
MIN_WORDS = 4  # fewer long blobs say nothing about the card
AGREEMENT = 0.6  # share of the long blobs within AGREE_DEGREES of their median slant
AGREE_DEGREES = 2.0
REGION_SHARE = 0.25  # print spread over less of the image than this is measured on its own
SKEW_RANGE = (
    3.0,
    20.0,
)  # below: Tesseract levels it itself; above: a rotation by 90° is orientation's job


def deskew(card: WarpedCard) -> WarpedCard:
    """The card turned so its lines of print are level (unchanged when they already are, or
    when its blobs do not agree on one slant)."""
    angle = text_slant(card.rgb)
    if not SKEW_RANGE[0] <= abs(angle) <= SKEW_RANGE[1]:
        return card
    return replace(card, rgb=_rotated(card.rgb, angle))


def text_slant(rgb: np.ndarray) -> float:
    """Degrees the lines of print run clockwise from level (0.0 when unsure)."""
    angles = _blob_slants(_ink(_print_region(rgb)))
    if len(angles) < MIN_WORDS:
        return 0.0
    median = float(np.median(angles))
    agreeing = np.abs(angles - median) <= AGREE_DEGREES
    return median if agreeing.mean() >= AGREEMENT else 0.0


def _print_region(rgb: np.ndarray) -> np.ndarray:
    """The part of the image its print lies in: on a whole frame with the card small in it,
    the card's lines shrunk to SKEW_SIDE run together into blobs that show no slant."""
    ink = _ink(rgb)
    ys, xs = np.nonzero(ink)
    if len(xs) == 0:
        return rgb
    scale = ink.shape[0] / rgb.shape[0]
    top, bottom = (np.percentile(ys, [1, 99]) / scale).astype(int)
    left, right = (np.percentile(xs, [1, 99]) / scale).astype(int)
    if (bottom - top) * (right - left) > REGION_SHARE * rgb.shape[0] * rgb.shape[1]:
        return rgb
    margin = max(bottom - top, right - left) // 10
    return rgb[max(top - margin, 0) : bottom + margin, max(left - margin, 0) : right + margin]


def _ink(rgb: np.ndarray) -> np.ndarray:
    """Print of either polarity on a SKEW_SIDE copy, letters dilated into word blobs."""
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY) if rgb.ndim == 3 else rgb
    scale = min(1.0, SKEW_SIDE / max(grey.shape))
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    # A box blur for the neighbourhood, not a median: a tenth of the time, and blobs only
    # need to be where the words are, not to trace their strokes.
    ink = (cv2.absdiff(small, cv2.blur(small, (15, 15))) > INK_CONTRAST).astype(np.uint8)
    return cv2.dilate(ink, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (5, 5)))


def _blob_slants(ink: np.ndarray) -> np.ndarray:
    """The slant of each long blob's long axis, in degrees within (-45, 45]."""
    contours, _ = cv2.findContours(ink, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    slants = []
    for contour in contours:
        if len(contour) < 5:
            continue
        (_, _), (width, height), angle = cv2.minAreaRect(contour)
        long_side, short_side = max(width, height), max(min(width, height), 1.0)
        if long_side < 25 or long_side / short_side < WORD_ELONGATION:
            continue
        # minAreaRect's angle is the width side's: the long axis is that or 90° from it.
        along = angle if width >= height else angle - 90.0
        slants.append((along + 45.0) % 90.0 - 45.0)
    return np.array(slants, np.float32)


def _rotated(rgb: np.ndarray, angle: float) -> np.ndarray:
    """Rotated by `angle` degrees counter-clockwise on a canvas grown to keep every corner."""
    height, width = rgb.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    out_w, out_h = int(width * cos + height * sin), int(width * sin + height * cos)
    matrix[0, 2] += out_w / 2 - width / 2
    matrix[1, 2] += out_h / 2 - height / 2
    return cv2.warpAffine(
        rgb, matrix, (out_w, out_h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )
