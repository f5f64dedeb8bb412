"""Doubtful contact lines re-read alone, enlarged, with real Tesseract."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from ocr.reread import reread_lines
from ocr.tesseract import PSM_LINE, Deadline, OcrPage, recognize
from ocr.types import OcrLine, Word

pytestmark = pytest.mark.tesseract
PRINTED = "Tel 734-552-8728"


def _small_print() -> tuple[np.ndarray, tuple[int, int, int, int]]:
    grey = np.full((120, 700), 255, np.uint8)
    cv2.putText(grey, PRINTED, (40, 70), cv2.FONT_HERSHEY_SIMPLEX, 0.7, 0, 2, cv2.LINE_AA)
    return grey, (36, 52, 240, 24)


def _read_line(crop: np.ndarray) -> OcrPage:
    return recognize(crop, lang="eng", deadline=Deadline(20), psm=PSM_LINE)


def _page(text: str, conf: float, box: tuple[int, int, int, int]) -> OcrPage:
    return OcrPage(lines=(OcrLine(text, conf, box, (Word(text, conf, box),)),))


def test_a_doubtful_number_line_is_replaced_by_its_surer_reading() -> None:
    grey, box = _small_print()
    (line,) = reread_lines(grey, _page("Tel 784-552:8728 —", 0.40, box), _read_line).lines
    assert "734-552-8728" in line.text and line.conf > 0.43
    assert all(abs(w.box[1] - box[1]) < 20 for w in line.words)  # boxes in the card's pixels


@pytest.mark.parametrize(
    ("text", "conf"),
    [
        pytest.param("Tel 784-552-8728", 0.97, id="read-surely"),
        pytest.param("www.example.com", 0.50, id="another-text"),
        pytest.param("Managing Director", 0.50, id="no-contact-line"),
    ],
)
def test_other_lines_are_kept(text: str, conf: float) -> None:
    grey, box = _small_print()
    (line,) = reread_lines(grey, _page(text, conf, box), _read_line).lines
    assert line.text == text


def test_a_reread_that_splits_a_word_is_refused() -> None:
    grey, box = _small_print()
    (line,) = reread_lines(grey, _page("Tel 734-552-8728", 0.40, box), _read_line).lines
    assert line.text == "Tel 734-552-8728"  # confirmed, untouched
    joined = "Tel734-552-8728"
    (line,) = reread_lines(grey, _page(joined, 0.40, box), _read_line).lines
    assert line.text == joined  # the re-read "Tel 734-552-8728" has one word more
