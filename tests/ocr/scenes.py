"""Test scenes: synthetic cards placed at known corners on chosen backgrounds."""

from __future__ import annotations

import io

import cv2
import numpy as np
from PIL import Image

from ocr.synthetic import make_card


def card_rgb(seed: int) -> np.ndarray:
    """A flat synthetic card (RGB, 300 DPI)."""
    return cv2.cvtColor(make_card(seed)[0], cv2.COLOR_BGR2RGB)


def flat_card(
    size: tuple[int, int],
    background: tuple[int, int, int],
    ink: tuple[int, int, int],
    lines: tuple[str, ...],
) -> np.ndarray:
    """A plain card with the given lines of text, drawn with OpenCV's Hershey font."""
    width, height = size
    card = np.full((height, width, 3), background, np.uint8)
    for index, text in enumerate(lines):
        scale = 1.6 if index == 0 else 1.1
        cv2.putText(
            card, text, (50, 90 + index * 80), cv2.FONT_HERSHEY_DUPLEX, scale, ink, 2, cv2.LINE_AA
        )
    return card


def background(size: tuple[int, int], kind: str, seed: int = 0) -> np.ndarray:
    """A desk: plain colour ('green', 'dark', 'light'), 'dim' (dark, blotchy light) or 'busy'
    with random shapes."""
    width, height = size
    rng = np.random.default_rng(seed)
    if kind == "dim":
        blotches = cv2.resize(
            rng.random((6, 8)).astype(np.float32), (width, height), interpolation=cv2.INTER_CUBIC
        )
        return np.clip(np.array([38, 42, 40]) + blotches[..., None] * 25, 0, 255).astype(np.uint8)
    colours = {"green": (50, 110, 60), "dark": (28, 30, 34), "light": (205, 200, 190)}
    image = np.full((height, width, 3), colours.get(kind, (120, 120, 120)), np.uint8)
    if kind == "busy":
        for _ in range(30):
            colour = tuple(int(c) for c in rng.integers(0, 255, 3))
            x, y = (int(v) for v in rng.integers(0, [width, height]))
            cv2.circle(image, (x, y), int(rng.integers(10, width // 10)), colour, -1)
            x2, y2 = (int(v) for v in rng.integers(0, [width, height]))
            cv2.line(image, (x, y), (x2, y2), colour, int(rng.integers(2, 12)))
    noise = rng.normal(0, 4, image.shape)
    return np.clip(image + noise, 0, 255).astype(np.uint8)


def shaded(scene: np.ndarray, falloff: float = 0.45) -> np.ndarray:
    """Light falling off towards the corners, then a slight defocus: a phone photo's look."""
    height, width = scene.shape[:2]
    y, x = np.mgrid[0:height, 0:width]
    radius = np.hypot((x - width / 2) / (width / 2), (y - height / 2) / (height / 2))
    dimmed = np.clip(scene * (1 - falloff * radius[..., None] ** 2), 0, 255).astype(np.uint8)
    return cv2.GaussianBlur(dimmed, (5, 5), 0)


def place(scene: np.ndarray, card: np.ndarray, quad: np.ndarray, radius: int = 0) -> np.ndarray:
    """Paste `card` into `scene` so its corners land on `quad` (tl, tr, br, bl)."""
    height, width = card.shape[:2]
    source = np.array([[0, 0], [width, 0], [width, height], [0, height]], np.float32)
    matrix = cv2.getPerspectiveTransform(source, np.asarray(quad, np.float32))
    size = (scene.shape[1], scene.shape[0])
    warped = cv2.warpPerspective(card, matrix, size, flags=cv2.INTER_AREA)
    mask = np.zeros((height, width), np.uint8)
    cv2.rectangle(mask, (radius, 0), (width - radius, height), 255, -1)
    cv2.rectangle(mask, (0, radius), (width, height - radius), 255, -1)
    for cx, cy in (
        (radius, radius),
        (width - radius, radius),
        (radius, height - radius),
        (width - radius, height - radius),
    ):
        cv2.circle(mask, (cx, cy), radius, 255, -1)
    alpha = cv2.warpPerspective(mask, matrix, size)[..., None] / 255.0
    return (scene * (1 - alpha) + warped * alpha).astype(np.uint8)


def to_jpeg(rgb: np.ndarray, quality: int = 88) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def quad_iou(a: np.ndarray, b: np.ndarray) -> float:
    """Intersection over union of two convex quads."""
    a, b = np.asarray(a, np.float32), np.asarray(b, np.float32)
    inter, _ = cv2.intersectConvexConvex(a, b)
    union = cv2.contourArea(a) + cv2.contourArea(b) - inter
    return float(inter / union) if union > 0 else 0.0
