"""Warp stage: cut the card out of the full-resolution photo as a straight ~300 DPI rectangle."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

CARD_LONG_SIDE = 1050  # 3.5 in at 300 DPI: Tesseract's sweet spot for card-sized text
CARD_INCHES = 3.5
MAX_UPSCALE = 3.0  # beyond this, enlarging invents nothing readable
FRAME_LONG_SIDE = 2000  # whole-frame fallback: keep small cards in big frames legible


@dataclass(frozen=True)
class WarpedCard:
    """The straightened card and how many source pixels its long side had (for the DPI check)."""

    rgb: np.ndarray
    source_long_side: float
    rectified: bool

    @property
    def source_dpi(self) -> float:
        return self.source_long_side / CARD_INCHES


def warp_card(rgb: np.ndarray, quad: np.ndarray) -> WarpedCard:
    """Perspective-correct the quad (tl, tr, br, bl) to a rectangle with a ~1050 px long side."""
    quad = np.asarray(quad, dtype=np.float32)
    width = (np.linalg.norm(quad[1] - quad[0]) + np.linalg.norm(quad[2] - quad[3])) / 2
    height = (np.linalg.norm(quad[3] - quad[0]) + np.linalg.norm(quad[2] - quad[1])) / 2
    source_long = float(max(width, height))
    scale = min(CARD_LONG_SIDE / max(source_long, 1.0), MAX_UPSCALE)
    out_w, out_h = max(1, round(width * scale)), max(1, round(height * scale))
    target = np.array([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]], np.float32)
    if scale < 0.75:
        # warpPerspective has no area filter: shrink the card's bounding box first (no aliasing).
        rgb, quad = _shrink_region(rgb, quad, scale)
    matrix = cv2.getPerspectiveTransform(quad, target)
    interpolation = cv2.INTER_CUBIC if scale > 1 else cv2.INTER_LINEAR
    card = cv2.warpPerspective(
        rgb, matrix, (out_w, out_h), flags=interpolation, borderMode=cv2.BORDER_REPLICATE
    )
    return WarpedCard(rgb=card, source_long_side=source_long, rectified=True)


def _shrink_region(
    rgb: np.ndarray, quad: np.ndarray, scale: float
) -> tuple[np.ndarray, np.ndarray]:
    height, width = rgb.shape[:2]
    x0, y0 = np.floor(quad.min(axis=0)).astype(int).clip(0)
    x1, y1 = np.ceil(quad.max(axis=0)).astype(int) + 1
    crop = rgb[y0 : min(y1, height), x0 : min(x1, width)]
    size = (max(1, round(crop.shape[1] * scale)), max(1, round(crop.shape[0] * scale)))
    small = cv2.resize(crop, size, interpolation=cv2.INTER_AREA)
    return small, ((quad - [x0, y0]) * scale).astype(np.float32)


def whole_frame(rgb: np.ndarray) -> WarpedCard:
    """No card found: the whole photo, shrunk to at most FRAME_LONG_SIDE (never enlarged)."""
    height, width = rgb.shape[:2]
    scale = min(1.0, FRAME_LONG_SIDE / max(height, width))
    if scale < 1.0:
        rgb = cv2.resize(
            rgb, (round(width * scale), round(height * scale)), interpolation=cv2.INTER_AREA
        )
    return WarpedCard(rgb=rgb, source_long_side=float(max(height, width)), rectified=False)
