"""enhance: dark cards inverted, uneven light flattened, dark bands left for Tesseract."""

from __future__ import annotations

import numpy as np
import pytest

from ocr.enhance import enhance
from tests.ocr.scenes import flat_card

LINES = ("Maria Rossi", "Sales Director", "maria@acme.it")


@pytest.mark.parametrize(
    ("paper", "ink", "inverted"),
    [
        pytest.param((250, 248, 240), (20, 20, 30), False, id="light-card"),
        pytest.param((30, 40, 70), (240, 240, 240), True, id="navy-card"),
        pytest.param((15, 15, 15), (200, 170, 90), True, id="black-card-gold-print"),
        pytest.param((200, 40, 40), (255, 255, 255), True, id="red-card-white-print"),
        pytest.param((120, 190, 230), (10, 30, 90), False, id="sky-card-navy-print"),
        pytest.param((180, 80, 20), (10, 10, 10), False, id="orange-card-black-print"),
    ],
)
def test_output_is_dark_text_on_light(paper, ink, inverted: bool) -> None:
    card = flat_card((1050, 600), paper, ink, LINES)
    result = enhance(card)
    assert result.inverted == inverted
    text_mask = np.abs(card.astype(int) - paper).sum(axis=2) > 60
    assert result.grey[~text_mask].mean() > result.grey[text_mask].mean() + 80


def test_dark_band_keeps_its_light_print() -> None:
    card = flat_card((1050, 600), (245, 245, 245), (20, 20, 20), LINES)
    band = flat_card((1050, 180), (25, 35, 60), (250, 250, 250), ("www.acme.it",))
    card[420:] = band
    grey = enhance(card).grey[420:]
    assert grey.max() - np.percentile(grey, 50) > 100  # the print still stands out on its band


def test_uneven_light_is_flattened() -> None:
    card = flat_card((1050, 600), (235, 235, 235), (20, 20, 20), LINES).astype(np.float32)
    shade = np.linspace(0.45, 1.0, card.shape[1], dtype=np.float32)[None, :, None]
    shaded = (card * shade).astype(np.uint8)
    result = enhance(shaded)
    paper = np.abs(card - 235).sum(axis=2) < 10
    left, right = result.grey[:, :200][paper[:, :200]], result.grey[:, -200:][paper[:, -200:]]
    shaded_grey = shaded[..., 0]
    before = (
        shaded_grey[:, -200:][paper[:, -200:]].mean() - shaded_grey[:, :200][paper[:, :200]].mean()
    )
    assert before > 80
    assert abs(float(right.mean()) - float(left.mean())) < 15
    assert left.mean() > 230
