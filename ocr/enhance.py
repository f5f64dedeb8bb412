"""Enhance stage: grey, light-on-dark inverted, uneven light flattened (dark text on white)."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

DARK_CARD_MEDIAN = 110  # median grey below this: the card is light print on a dark ground
LIGHT_BACKGROUND = 90  # only paper at least this light is flattened (dark bands are not)


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
    """Most of the card is dark: the print is light and Tesseract wants the opposite."""
    return float(np.median(grey)) < DARK_CARD_MEDIAN


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
    flat = cv2.divide(grey, np.maximum(background, 1), scale=255)
    # Dark bands or photos stay as they are: dividing would wash their light print out,
    # and Tesseract re-reads such inverted lines by itself.
    return np.where(background >= LIGHT_BACKGROUND, flat, grey).astype(np.uint8)
