"""deskew: the slant of a card's lines of print is measured and levelled; level cards stay."""

from __future__ import annotations

import numpy as np
import pytest

from ocr import scan_card
from ocr.deskew import _rotated, deskew, text_slant
from ocr.synthetic import synthetic_photo
from ocr.warp import WarpedCard
from tests.ocr.scenes import flat_card

CARD = flat_card(
    (1050, 600),
    (245, 245, 240),
    (30, 30, 30),
    ("Anna Rossi", "Sales Manager", "+39 02 1234 5678", "anna@rossi.it", "Via Roma 1, Milano"),
)


@pytest.mark.parametrize(
    "turn", [pytest.param(a, id=f"turned-{a}-degrees") for a in (-12.0, -6.0, -3.5, 4.0, 9.0)]
)
def test_the_slant_of_turned_print_is_measured(turn: float) -> None:
    assert text_slant(_rotated(CARD, turn)) == pytest.approx(-turn, abs=0.8)


def test_a_turned_card_is_levelled() -> None:
    levelled = deskew(WarpedCard(_rotated(CARD, -7.0), 1050.0, rectified=False))
    assert abs(text_slant(levelled.rgb)) < 1.0


@pytest.mark.parametrize(
    "rgb",
    [
        pytest.param(CARD, id="level-print"),
        pytest.param(_rotated(CARD, 1.5), id="slant-tesseract-copes-with"),
        pytest.param(np.full((600, 1050, 3), 240, np.uint8), id="no-print"),
    ],
)
def test_a_level_or_blank_card_is_left_alone(rgb: np.ndarray) -> None:
    card = WarpedCard(rgb, 1050.0, rectified=True)
    assert deskew(card) is card


@pytest.mark.tesseract
def test_a_slanted_card_in_a_box_with_the_desk_is_read_whole() -> None:
    # The detector's box holds card and desk, so the warp keeps the card's 7° slant and
    # Tesseract cut its lines in pieces ("Tel. +", "814 250").
    jpeg, label = synthetic_photo(15_000_047)
    fields = scan_card(jpeg).fields
    assert (fields.name, fields.company) == (label["name"], label["company"])
    assert {p.number for p in fields.phones} == {p["number"] for p in label["phones"]}


def test_the_slant_of_a_small_card_in_a_whole_frame_is_measured_on_its_print() -> None:
    # Shrunk with the whole frame, the card's lines run together into blobs with no slant.
    frame = np.full((4000, 3000, 3), 235, np.uint8)  # a desk as light as the card
    card = _rotated(CARD, 96.0)
    height, width = card.shape[:2]
    frame[1500 : 1500 + height, 900 : 900 + width] = card
    assert text_slant(frame) == pytest.approx(-6.0, abs=0.8)
