"""QR stage: decode a QR code printed on the card (vCard, MeCard or URL payload) with OpenCV."""

from __future__ import annotations

import cv2
import numpy as np


def read_qr(image: np.ndarray) -> str | None:
    """The text of the first QR code found, or None (a failed decode is not an error)."""
    detector = cv2.QRCodeDetector()
    try:
        found, points = detector.detect(image)
        if not found or points is None:
            return None
        text, _, _ = detector.detectAndDecode(image)
    except cv2.error:
        return None
    return text or None
