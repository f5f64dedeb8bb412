"""Quality gate: warnings that tell the user to retake the photo (blur, too small, glare)."""

from __future__ import annotations

import cv2
import numpy as np

from ocr.warp import WarpedCard

MIN_CARD_PX = 350  # long side in the photo: below ~100 DPI the text is gone
BLUR_VARIANCE = 60.0  # variance of the Laplacian at 1050 px below this: blurred
GLARE_SHARE = 0.03  # share of the card washed out to pure white by a reflection


def quality_warnings(
    card_rgb: np.ndarray, *, source_long_side: float, rectified: bool
) -> list[str]:
    """Retake warnings for a straightened card (or the whole frame when no card was found)."""
    grey = cv2.cvtColor(card_rgb, cv2.COLOR_RGB2GRAY) if card_rgb.ndim == 3 else card_rgb
    warnings = []
    if rectified and source_long_side < MIN_CARD_PX:
        warnings.append("retake: too small")
    elif sharpness(grey) < BLUR_VARIANCE:
        warnings.append("retake: blurred")
    if glare_share(card_rgb) > GLARE_SHARE:
        warnings.append("retake: glare")
    return warnings


def is_too_small(card: WarpedCard) -> bool:
    """A found card under ~100 DPI: its text was never photographed sharply enough."""
    return card.rectified and card.source_long_side < MIN_CARD_PX


def sharpness(grey: np.ndarray) -> float:
    """Variance of the Laplacian on a 1000 px copy: low when edges are soft."""
    scale = 1000 / max(grey.shape[:2])
    if scale < 1:
        grey = cv2.resize(grey, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
    return float(cv2.Laplacian(grey, cv2.CV_64F).var())


def glare_share(card_rgb: np.ndarray) -> float:
    """Share of the card in clipped, colourless blobs that are far brighter than the paper.

    A white card scanned flat is clipped everywhere, which is not glare: a blob only counts
    when the paper around it is clearly darker than the blob.
    """
    hsv = cv2.cvtColor(card_rgb, cv2.COLOR_RGB2HSV) if card_rgb.ndim == 3 else None
    value = hsv[..., 2] if hsv is not None else card_rgb
    clipped = value >= 250
    if hsv is not None:
        clipped &= hsv[..., 1] <= 30
    share = float(clipped.mean())
    if share == 0.0 or share > 0.6:
        return 0.0
    paper = float(np.percentile(value[~clipped], 75)) if (~clipped).any() else 255.0
    return share if paper < 225 else 0.0
