"""orient_card's choices, with a reader whose confidences the test sets (OSD is real)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from ocr.orient import orient_card
from ocr.tesseract import OcrPage
from ocr.types import OcrLine, Word
from tests.ocr.scenes import flat_card

pytestmark = pytest.mark.tesseract
CARD = np.full((300, 525), 255, np.uint8)
UPRIGHT = cv2.cvtColor(
    flat_card(
        (1050, 600),
        (250, 250, 250),
        (10, 10, 10),
        (
            "Maria Rossi",
            "Sales Director, Acme Industrie",
            "Via Emilia 177, 50123 Firenze",
            "maria.rossi@acme.it",
            "Tel +39 055 236 1010",
        ),
    ),
    cv2.COLOR_RGB2GRAY,
)
# Print OSD reads as upside down (it answers 180 with confidence ~4).
UPSIDE_DOWN = cv2.rotate(UPRIGHT, cv2.ROTATE_180)
SIDEWAYS = cv2.rotate(UPRIGHT, cv2.ROTATE_90_COUNTERCLOCKWISE)


def _page(conf: float | list[float], *, sideways: bool = False) -> OcrPage:
    box = (0, 0, 12, 40) if sideways else (0, 0, 40, 12)
    confs = conf if isinstance(conf, list) else [conf] * 4
    words = tuple(Word("word", word_conf, box) for word_conf in confs)
    return OcrPage(lines=(OcrLine("word " * len(confs), sum(confs) / len(confs), box, words),))


class Reader:
    """Reads `at_zero` on the first call (the card as given), `turned` on every later one."""

    def __init__(self, at_zero: OcrPage, turned: OcrPage) -> None:
        self.pages = [at_zero]
        self.turned = turned
        self.calls = 0

    def __call__(self, grey: np.ndarray) -> OcrPage:
        self.calls += 1
        return self.pages.pop() if self.pages else self.turned


@pytest.mark.parametrize(
    ("settled", "reads"),
    [
        pytest.param(False, 2, id="weak-reading-tries-180"),
        pytest.param(True, 1, id="settled-by-the-crop-stays"),
    ],
)
def test_a_weak_upright_reading_is_turned_only_when_not_settled(settled: bool, reads: int) -> None:
    read = Reader(_page(0.5), _page(0.4))
    oriented = orient_card(CARD, read, settled=settled)
    assert read.calls == reads
    assert oriented.angle == 0


def test_sideways_text_is_turned_even_when_settled() -> None:
    read = Reader(_page(0.9, sideways=True), _page(0.9))
    oriented = orient_card(CARD, read, settled=True)
    assert oriented.angle in (90, 270)
    assert read.calls >= 2


def test_a_sure_upright_reading_is_kept_at_once() -> None:
    read = Reader(_page(0.9), _page(0.95))
    assert orient_card(CARD, read).angle == 0
    assert read.calls == 1


@pytest.mark.parametrize(
    ("word_confs", "angle", "reads"),
    [
        pytest.param([0.95, 0.95, 0.5, 0.5], 0, 1, id="fair-with-many-sure-words-stays"),
        pytest.param([0.92, 0.6, 0.6, 0.6, 0.6], 180, 2, id="fair-with-few-sure-words-asks-osd"),
    ],
)
def test_a_fair_reading_is_trusted_only_with_many_words_read_surely(
    word_confs: list[float], angle: int, reads: int
) -> None:
    read = Reader(_page(word_confs), _page(0.95))
    oriented = orient_card(UPSIDE_DOWN, read)
    assert (oriented.angle, read.calls) == (angle, reads)


def test_a_few_letters_read_surely_at_zero_do_not_keep_sideways_print_unturned() -> None:
    # Sideways print is mostly not read at all: two letters read surely at 0° prove nothing.
    few = OcrPage(lines=(OcrLine("so", 0.9, (0, 0, 30, 16), (Word("so", 0.9, (0, 0, 30, 16)),)),))
    read = Reader(few, _page(0.95))
    oriented = orient_card(SIDEWAYS, read)
    assert oriented.angle in (90, 270)
