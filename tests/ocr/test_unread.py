"""read_unread: rows of print the page layout dropped are found and read alone."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from ocr import ScanOptions, scan_card
from ocr.synthetic import synthetic_photo
from ocr.tesseract import OcrPage
from ocr.types import OcrLine
from ocr.unread import read_unread, unread_rows


def card_with_rows() -> np.ndarray:
    grey = np.full((500, 1000), 245, np.uint8)
    cv2.putText(grey, "Lumen Studio Srl", (300, 120), cv2.FONT_HERSHEY_DUPLEX, 1.4, 20, 2)
    cv2.putText(grey, "Anna Rossi", (60, 300), cv2.FONT_HERSHEY_DUPLEX, 1.2, 20, 2)
    cv2.putText(grey, "Tel 02 8475 1937", (60, 400), cv2.FONT_HERSHEY_DUPLEX, 1.2, 20, 2)
    cv2.rectangle(grey, (60, 60), (200, 160), 60, -1)  # a logo tile: no letter
    return grey


READ = [
    OcrLine("Anna Rossi", 0.96, (55, 268, 240, 40)),
    OcrLine("Tel 02 8475 1937", 0.95, (55, 368, 380, 40)),
]


def test_a_row_no_line_covers_is_found() -> None:
    (row,) = unread_rows(card_with_rows(), READ)
    x, y, w, h = row
    assert 290 <= x <= 310 and 80 <= y <= 100 and w > 300 and h < 60  # the company, not the tile


@pytest.mark.parametrize(
    "lines",
    [
        pytest.param([*READ, OcrLine("Lumen Studio Srl", 0.95, (295, 85, 410, 45))], id="all-read"),
        pytest.param([], id="nothing-read-is-no-page-to-complete"),
    ],
)
def test_nothing_is_found_when(lines: list[OcrLine]) -> None:
    assert unread_rows(card_with_rows(), lines) == []


def test_only_sure_lines_read_in_the_row_are_added() -> None:
    asked = []

    def read_sparse(crop: np.ndarray) -> OcrPage:
        asked.append(crop.shape)
        return OcrPage(
            lines=(
                OcrLine("Lumen Studio Srl", 0.93, (10, 8, 400, 40)),
                OcrLine("~=", 0.95, (420, 8, 20, 40)),
            )
        )

    page = read_unread(card_with_rows(), OcrPage(lines=tuple(READ)), read_sparse)
    assert len(asked) == 1
    assert [line.text for line in page.lines] == [
        "Lumen Studio Srl",
        "Anna Rossi",
        "Tel 02 8475 1937",
    ]
    assert page.lines[0].box[1] > 60  # placed where the row is on the card


@pytest.mark.tesseract
def test_a_company_beside_a_logo_tile_is_read() -> None:
    # A dark card whose company sits beside a "WS" tile: the page layout drops the whole row.
    jpeg, label = synthetic_photo(23_000_073)
    assert scan_card(jpeg, ScanOptions(recheck=False)).fields.company == label["company"]
