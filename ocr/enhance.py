"""Enhance stage: grey, light-on-dark inverted, uneven light flattened (dark text on white)."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

INK_CONTRAST = 40  # grey levels a stroke must differ from its surroundings
LIGHT_INK_RATIO = 1.3  # light strokes must clearly outnumber dark ones to invert
LIGHT_CARD_MEDIAN = 160  # a card whose median grey is at least this is light, whatever its print
MIN_BACKGROUND = 64  # divisor floor: dark bands are lifted, not blown out


@dataclass(frozen=True)
class EnhancedCard:
    """The grey image handed to Tesseract, and whether we inverted it ourselves."""

    grey: np.ndarray
    inverted: bool


def enhance(rgb: np.ndarray) -> EnhancedCard:
    """Grey → invert when dark → divide by the smoothed background (flattens light gradients)."""
    grey = to_grey(rgb)
    inverted = is_dark(grey)
    if inverted:
        grey = 255 - grey
    return EnhancedCard(grey=flatten_light(grey), inverted=inverted)


def to_grey(rgb: np.ndarray) -> np.ndarray:
    """Luminance; coloured print on coloured card keeps its contrast better than one channel."""
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY) if rgb.ndim == 3 else rgb


def is_dark(grey: np.ndarray) -> bool:
    """The print is lighter than the ground it sits on, so Tesseract wants it inverted.

    Decided by the strokes: pixels far darker or lighter than their local ground (a wide
    median, which text never dominates). Brightness alone inverts an orange card with black
    print (grey ~100); a two-class Otsu split fails on white graphics over a coloured ground.
    A mostly light card is never inverted (a halftone pattern can look like light strokes).
    """
    height, width = grey.shape
    scale = 525 / max(height, width)
    small = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    stroke = small.astype(np.int16) - cv2.medianBlur(small, 31)
    dark_ink = int((stroke < -INK_CONTRAST).sum())
    light_ink = int((stroke > INK_CONTRAST).sum())
    mostly_light = float(np.median(small)) >= LIGHT_CARD_MEDIAN
    return not mostly_light and light_ink > LIGHT_INK_RATIO * max(dark_ink, 1)


def flatten_light(grey: np.ndarray) -> np.ndarray:
    """Divide by a background estimate (text erased by a closing) so paper becomes ~white."""
    height, width = grey.shape
    factor = 4
    small = cv2.resize(
        grey, (max(1, width // factor), max(1, height // factor)), interpolation=cv2.INTER_AREA
    )
    # Closing with a kernel wider than strokes removes dark text, leaving the paper's light.
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (9, 9))
    background = cv2.morphologyEx(small, cv2.MORPH_CLOSE, kernel)
    background = cv2.GaussianBlur(background, (0, 0), 3)
    background = cv2.resize(background, (width, height), interpolation=cv2.INTER_LINEAR)
    # A floor on the divisor: dividing by a nearly black background would amplify noise, and
    # no hard switch between divided and raw pixels either (its seams cut text lines apart).
    return cv2.divide(grey, np.maximum(background, MIN_BACKGROUND), scale=255)
