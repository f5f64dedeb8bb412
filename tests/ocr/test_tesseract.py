"""ocr.tesseract: real Tesseract on drawn cards: words, boxes, lines, time limit, languages."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from ocr.enhance import enhance
from ocr.errors import OcrEngineError, OcrTimeoutError
from ocr.orient import rotate
from ocr.tesseract import (
    Deadline,
    available_languages,
    detect_orientation,
    recognize,
    tesseract_version,
)
from tests.ocr.scenes import flat_card

pytestmark = pytest.mark.tesseract
LINES = ("Maria Rossi", "Sales Director", "maria.rossi@acme.it", "Tel 02 8765 4321")


@pytest.fixture(scope="module")
def grey() -> np.ndarray:
    return enhance(flat_card((1050, 600), (250, 250, 245), (15, 15, 25), LINES)).grey


def test_reads_words_with_boxes_and_confidences(grey: np.ndarray) -> None:
    page = recognize(grey, lang="eng", deadline=Deadline(20))
    texts = [line.text for line in page.lines]
    assert texts == list(LINES)
    for line in page.lines:
        assert 0.5 < line.conf <= 1.0
        x, y, w, h = line.box
        assert x >= 0 and x + w <= 1050 and y >= 0 and y + h <= 600
        assert all(0.0 <= word.conf <= 1.0 for word in line.words)
    # The name is drawn bigger: layout cues depend on line heights being right.
    assert page.lines[0].height > page.lines[1].height


def test_tiny_time_limit_raises_timeout_promptly() -> None:
    # Noise at the largest size the pipeline hands over: layout analysis is not cancellable,
    # so the overshoot is bounded by image size (measured ~1.2 s here), not by the noise.
    noise = np.random.default_rng(0).integers(0, 255, (1500, 2000), dtype=np.uint8)
    started = time.monotonic()
    with pytest.raises(OcrTimeoutError):
        recognize(noise, lang="eng", deadline=Deadline(0.05))
    assert time.monotonic() - started < 5


def test_spent_deadline_raises_before_calling_tesseract(grey: np.ndarray) -> None:
    deadline = Deadline(0.0)
    with pytest.raises(OcrTimeoutError):
        recognize(grey, lang="eng", deadline=deadline)


def test_missing_language_pack_names_it(grey: np.ndarray) -> None:
    with pytest.raises(OcrEngineError, match="xyz"):
        recognize(grey, lang="eng+xyz", deadline=Deadline(20))


def test_engines_are_per_thread(grey: np.ndarray) -> None:
    results: list[str] = []

    def work() -> None:
        results.append(recognize(grey, lang="eng", deadline=Deadline(20)).lines[0].text)

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["Maria Rossi", "Maria Rossi"]


@pytest.mark.parametrize("angle", [pytest.param(a, id=f"turned-{a}") for a in (90, 180, 270)])
def test_osd_proposes_the_undoing_rotation(grey: np.ndarray, angle: int) -> None:
    turned = rotate(grey, angle)
    proposal, conf = detect_orientation(turned)
    assert (proposal + angle) % 360 == 0
    assert conf > 0


def test_version_and_languages() -> None:
    assert tesseract_version().split(".")[0] == "5"
    assert {"eng", "ita", "osd"} <= set(available_languages())
